//! `hrpolicy country new`: a country profile for a consultant to fill in.
use crate::cli::{CountryArgs, CountryCommand};
use crate::error::Result;
use crate::pipeline::consultants::{CountryRequest, country_new};
use std::path::PathBuf;

pub fn run(overlays: &[PathBuf], args: &CountryArgs) -> Result<()> {
    match &args.command {
        CountryCommand::New(new) => {
            let path = country_new(
                overlays,
                &CountryRequest {
                    code: &new.code,
                    name: &new.name,
                    from: new.from.as_deref(),
                    force: new.force,
                },
            )?;
            eprintln!(
                "wrote {}: fill in each `TODO`; `hrpolicy check --library DIR` lists what is left",
                path.display()
            );
            Ok(())
        }
    }
}
