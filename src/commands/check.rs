//! `hrpolicy check`: load and validate the library, print every problem and a summary.
use crate::cli::CheckArgs;
use crate::error::{Failure, Result};
use std::path::Path;

pub fn run(overlay: Option<&Path>, _args: &CheckArgs) -> Result<()> {
    match crate::library::load::load(overlay) {
        Ok((library, warnings)) => {
            for w in &warnings {
                println!("{w}");
            }
            let clauses = library.clauses().count();
            println!(
                "ok: {} questions, {} sections, {clauses} clauses, {} countries, {} sources ({} warning{})",
                library.questions().count(),
                library.sections.len(),
                library.countries.len(),
                library.sources.len(),
                warnings.len(),
                if warnings.len() == 1 { "" } else { "s" }
            );
            Ok(())
        }
        Err(problems) => Err(Failure::BadInput(problems)),
    }
}
