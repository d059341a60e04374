//! `hrpolicy check`: load and validate the library, then the language check and the
//! plain-language report. Problems fail it; language findings are listed as warnings.
use crate::cli::CheckArgs;
use crate::error::{Failure, Result};
use crate::lint::language_findings;
use crate::stdout::Stdout;
use std::path::PathBuf;

pub fn run(overlays: &[PathBuf], args: &CheckArgs) -> Result<()> {
    let (library, warnings) = crate::library::load::load(overlays).map_err(Failure::BadInput)?;
    let mut out = Stdout::new();
    for w in &warnings {
        out.line(w)?;
    }
    let findings = language_findings(&library);
    for f in &findings {
        out.line(f)?;
    }
    out.line(format_args!(
        "ok: {} questions, {} sections, {} clauses, {} countries, {} sources",
        library.questions().count(),
        library.sections.len(),
        library.clauses().count(),
        library.countries.len(),
        library.sources.len(),
    ))?;
    out.line(format_args!("warnings: {}", warnings.len()))?;
    out.line(format_args!(
        "language: {} finding{}",
        findings.len(),
        if findings.len() == 1 { "" } else { "s" }
    ))?;
    for report in crate::pipeline::language_report(&library, args.longest) {
        out.line(report)?;
    }
    out.finish()?;
    if args.strict && !(warnings.is_empty() && findings.is_empty()) {
        return Err(Failure::Other(anyhow::anyhow!(
            "--strict: {} warnings and {} language findings",
            warnings.len(),
            findings.len()
        )));
    }
    Ok(())
}
