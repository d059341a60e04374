//! `hrpolicy country new`: a country profile for a consultant to fill in.
use crate::cli::{CountryArgs, CountryCommand};
use crate::error::Result;
use crate::pipeline::consultants::{CountryRequest, country_new};
use std::path::PathBuf;

pub fn run(overlays: &[PathBuf], args: &CountryArgs) -> Result<()> {
    match &args.command {
        CountryCommand::New(new) => {
            let written = country_new(
                overlays,
                &CountryRequest {
                    code: &new.code,
                    name: new.name.as_deref(),
                    from: new.from.as_deref(),
                    force: new.force,
                },
            )?;
            let path = written.path.display();
            match &written.replaces {
                None => eprintln!(
                    "wrote {path}: fill in each `TODO`; `hrpolicy check --library DIR` lists what is left"
                ),
                Some(replaced) if new.from.is_none() => eprintln!(
                    "wrote {path}: a copy of the {replaced}, which it replaces in every build \
                     with this folder; update what has changed, then `last-reviewed`"
                ),
                Some(replaced) => eprintln!(
                    "wrote {path}: fill in each `TODO`; it replaces the {replaced} (its facts, \
                     defaults and clauses) in every build with this folder"
                ),
            }
            Ok(())
        }
    }
}
