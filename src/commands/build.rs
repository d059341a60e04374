//! `hrpolicy build`: answers in, handbook out, no prompts.
use crate::answers::Answers;
use crate::cli::{BuildArgs, Format};
use crate::diagnostics::Diagnostic;
use crate::error::{Failure, Result};
use crate::inputs::{self, LoadedAnswers};
use crate::library::Library;
use crate::render::document::{DocumentInput, render_document};
use crate::render::{html::render_html, markdown::render_markdown};
use crate::select::select_clauses;
use std::path::Path;

pub fn run(overlay: Option<&Path>, args: &BuildArgs) -> Result<()> {
    let (library, warnings) = inputs::load_library(overlay)?;
    print_warnings(&warnings);
    let mut loaded = inputs::load_answers(&library, &args.answers)?;
    inputs::apply_sets(&library, &mut loaded.answers, &args.set)?;
    if args.defaults {
        inputs::fill_defaults(&library, &mut loaded.answers);
    }
    inputs::require_complete(&library, &loaded.answers, &loaded.path)?;
    let written = build_handbook(&library, &loaded, &args.out, &args.format, args.force)?;
    eprintln!("wrote {} to {}", written.join(", "), args.out.display());
    Ok(())
}

pub fn print_warnings(warnings: &[Diagnostic]) {
    for w in warnings {
        eprintln!("{w}");
    }
}

/// Selects, renders and writes the handbook in each format; returns the file names.
pub fn build_handbook(
    library: &Library,
    loaded: &LoadedAnswers,
    out: &Path,
    formats: &[Format],
    force: bool,
) -> Result<Vec<String>> {
    let answers: Answers = loaded.answers.effective(library);
    let plan = select_clauses(library, &answers);
    let problems = plan.reference_problems();
    if !problems.is_empty() {
        return Err(Failure::BadInput(
            problems
                .into_iter()
                .map(|p| {
                    Diagnostic::error(&loaded.path, None, p).with_help(
                        "answer so that both clauses apply, or disable one in a library overlay",
                    )
                })
                .collect(),
        ));
    }
    let date = loaded
        .file
        .document
        .date
        .clone()
        .unwrap_or_else(inputs::today);
    let version = loaded.file.document.version.clone().unwrap_or_default();
    print_warnings(&stale_facts(library, &answers, &date));
    let input = DocumentInput {
        library,
        answers: &answers,
        lang: loaded.language(library),
        date: &date,
        version: &version,
        template: "handbook.md.tera",
    };
    let doc = render_document(&input, &plan).map_err(Failure::BadInput)?;
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for format in formats {
        match format {
            Format::Md => files.push(("handbook.md".into(), render_markdown(&doc).into_bytes())),
            Format::Html => files.push((
                "handbook.html".into(),
                render_html(&doc, &library.templates, "handbook.html.tera")?.into_bytes(),
            )),
        }
    }
    files.dedup_by(|a, b| a.0 == b.0);
    crate::output::write_outputs(out, &files, force)?;
    Ok(files.into_iter().map(|(n, _)| n).collect())
}

/// Warnings for country facts checked more than 24 months before `date`.
pub fn stale_facts(library: &Library, answers: &Answers, date: &str) -> Vec<Diagnostic> {
    let Some(crate::answers::Answer::Text(code)) = answers.get("place.country") else {
        return Vec::new();
    };
    let Some(profile) = library.country(code) else {
        return Vec::new();
    };
    let months = |d: &str| -> Option<i64> {
        let mut it = d.split('-').map(|p| p.parse::<i64>().ok());
        Some(it.next()?? * 12 + it.next()??)
    };
    let Some(now) = months(date) else {
        return Vec::new();
    };
    let stale: Vec<&str> = profile
        .facts
        .iter()
        .filter(|f| months(&f.checked).is_some_and(|m| now - m > 24))
        .map(|f| f.checked.as_str())
        .collect();
    if stale.is_empty() {
        return Vec::new();
    }
    vec![Diagnostic::warning(
        &format!("countries/{code}.yaml"),
        None,
        format!("{} fact{} in the {code} profile {} checked more than 24 months ago (oldest {}): the law may have changed", stale.len(), if stale.len() == 1 { "" } else { "s" }, if stale.len() == 1 { "was" } else { "were" }, stale.iter().min().unwrap_or(&"")),
    )
    .with_help("check them locally, and update the profile's facts and `checked` dates")]
}
