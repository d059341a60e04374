//! `hrpolicy check`: load and validate the library, then the language check and the
//! plain-language report. Problems fail it; language findings are listed as warnings.
use crate::cli::CheckArgs;
use crate::error::{Failure, Result};
use crate::lint::{language_findings, sentence_stats};
use std::path::PathBuf;

pub fn run(overlays: &[PathBuf], args: &CheckArgs) -> Result<()> {
    let (library, warnings) = crate::library::load::load(overlays).map_err(Failure::BadInput)?;
    for w in &warnings {
        println!("{w}");
    }
    let findings = language_findings(&library);
    for f in &findings {
        println!("{f}");
    }
    println!(
        "ok: {} questions, {} sections, {} clauses, {} countries, {} sources",
        library.questions().count(),
        library.sections.len(),
        library.clauses().count(),
        library.countries.len(),
        library.sources.len(),
    );
    println!("warnings: {}", warnings.len());
    println!(
        "language: {} finding{}",
        findings.len(),
        if findings.len() == 1 { "" } else { "s" }
    );
    let stats = sentence_stats(&library, args.longest);
    println!(
        "plain language: {} sentences, {:.1} words on average (aim: under 22); the longest:",
        stats.sentences,
        stats.average()
    );
    for (words, id, sentence) in &stats.longest {
        println!("  {words:>3} words  {id}: {sentence}");
    }
    if args.strict && !(warnings.is_empty() && findings.is_empty()) {
        return Err(Failure::Other(anyhow::anyhow!(
            "--strict: {} warnings and {} language findings",
            warnings.len(),
            findings.len()
        )));
    }
    Ok(())
}
