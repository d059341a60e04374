//! `hrpolicy check`: load and validate the library, then the language check, the
//! plain-language report and the deep check (`pipeline::deep_check`). Problems fail it;
//! language findings and deep-check warnings are listed as warnings. `--format json`
//! prints every finding as one document (docs/check-json.md).
use crate::cli::{CheckArgs, CheckFormat};
use crate::error::{Failure, Result};
use crate::lint::language_findings;
use crate::pipeline::deep_check::{deep_check, json_check};
use crate::stdout::Stdout;
use std::path::PathBuf;

pub fn run(overlays: &[PathBuf], args: &CheckArgs) -> Result<()> {
    let loaded = crate::library::load::load(overlays);
    if args.format == CheckFormat::Json {
        return json(loaded, args.strict);
    }
    let (library, warnings) = loaded.map_err(Failure::BadInput)?;
    // Left to the operating system when the process ends, not freed piece by piece.
    let library = std::mem::ManuallyDrop::new(library);
    // The language checks and the deep check read the library side by side.
    let ((findings, reports), deep) = std::thread::scope(|scope| {
        let language = scope.spawn(|| {
            (
                language_findings(&library),
                crate::pipeline::language_report(&library, args.longest),
            )
        });
        let deep = deep_check(&library, crate::dates::today());
        let language = language
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        (language, deep)
    });
    let deep_warnings = deep.warnings().count();
    let mut out = Stdout::new();
    for w in &warnings {
        out.line(w)?;
    }
    for f in &findings {
        out.line(f)?;
    }
    let mut lines = crate::pipeline::deep_check::SourceLines::new(&library);
    for f in deep.warnings() {
        out.line(lines.diagnostic(f))?;
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
    for report in reports {
        out.line(report)?;
    }
    out.line(deep.summary_line())?;
    out.finish()?;
    let errors: Vec<_> = deep.errors().map(|f| lines.diagnostic(f)).collect();
    if !errors.is_empty() {
        return Err(Failure::BadInput(errors));
    }
    if args.strict && !(warnings.is_empty() && findings.is_empty() && deep_warnings == 0) {
        return Err(Failure::Other(anyhow::anyhow!(
            "--strict: {} warnings and {} language findings",
            warnings.len() + deep_warnings,
            findings.len()
        )));
    }
    Ok(())
}

/// `--format json`: the findings as one document on standard output; errors also on
/// standard error, with exit 65.
fn json(
    loaded: std::result::Result<
        (crate::library::Library, Vec<crate::diagnostics::Diagnostic>),
        Vec<crate::diagnostics::Diagnostic>,
    >,
    strict: bool,
) -> Result<()> {
    let report = json_check(loaded, crate::dates::today());
    let mut out = Stdout::new();
    out.line(&report.json)?;
    out.finish()?;
    if !report.errors.is_empty() {
        return Err(Failure::BadInput(report.errors));
    }
    if strict && report.warnings > 0 {
        return Err(Failure::Other(anyhow::anyhow!(
            "--strict: {} warnings",
            report.warnings
        )));
    }
    Ok(())
}
