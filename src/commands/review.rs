//! `hrpolicy review`: write a review pack (review.md, review.html, decisions.yaml), or
//! walk the undecided clauses interactively.
use crate::cli::ReviewArgs;
use crate::diagnostics::Diagnostic;
use crate::error::{Failure, Result};
use crate::inputs::{self, LoadedAnswers};
use crate::library::Library;
use crate::render::document::{DocumentInput, number_clauses, render_clauses};
use crate::review::decisions::DecisionsFile;
use crate::review::{interactive, pack};
use crate::select::select_clauses;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub fn run(overlay: Option<&Path>, args: &ReviewArgs) -> Result<()> {
    let (library, warnings) = inputs::load_library(overlay)?;
    super::build::print_warnings(&warnings);
    if args.interactive {
        return run_interactive(&library, args);
    }
    let (Some(answers), Some(out)) = (&args.answers, &args.out) else {
        return Err(usage(
            "a review pack needs `--answers FILE --out DIR` (or use `--interactive --decisions FILE`)",
        ));
    };
    let mut loaded = inputs::load_answers(&library, answers)?;
    inputs::apply_sets(&library, &mut loaded.answers, &args.set)?;
    inputs::require_complete(&library, &loaded.answers, &loaded.path)?;
    let decisions_path = args
        .decisions
        .clone()
        .unwrap_or_else(|| out.join("decisions.yaml"));
    let existing = if decisions_path.exists() {
        Some(
            DecisionsFile::load(&decisions_path)
                .map_err(Failure::BadInput)?
                .0,
        )
    } else {
        None
    };

    let answers = loaded.answers.effective(&library);
    let plan = select_clauses(&library, &answers);
    let date = loaded.document_date();
    let input = document_input(&library, &loaded, &answers, &date);
    let mut pack =
        pack::review_pack(&input, &plan, &answers, existing).map_err(Failure::BadInput)?;

    let meta = crate::render::document::Meta {
        title: "Review pack".into(),
        subtitle: library.meta.title.get(input.lang, input.lang).to_string(),
        organisation: loaded
            .answers
            .get("org.name")
            .map(|a| a.display())
            .unwrap_or_default(),
        date: date.clone(),
        version: loaded.file.document.version.clone().unwrap_or_default(),
        lang: input.lang.to_string(),
        draft: false,
    };
    let doc = crate::render::document::Document {
        meta,
        markdown: pack.markdown.clone(),
    };
    let files = crate::render::markdown_and_html(
        &doc,
        &library.templates,
        "review",
        crate::render::html::Layout::Book,
    )?;
    crate::output::write_outputs(out, &files, args.force, &[])?;
    if pack.decisions.answers.is_none() {
        // Written once the folder exists, so the path can be relative to it.
        pack.decisions.answers = Some(relative_to(
            answers_path(answers_arg(args)),
            decisions_path.parent(),
        ));
    }
    pack.decisions.save(&decisions_path)?;
    for (id, title, diff) in &pack.stale {
        eprintln!(
            "STALE: the text of `{id}` ({title}) changed since the committee decided on it:\n  {}",
            diff.replace('\n', "\n  ")
        );
    }
    eprintln!(
        "wrote review.md, review.html to {}; decisions in {} ({} pending, {} to look at again)",
        out.display(),
        decisions_path.display(),
        pack.pending,
        pack.stale.len()
    );
    Ok(())
}

fn run_interactive(library: &Library, args: &ReviewArgs) -> Result<()> {
    let Some(path) = &args.decisions else {
        return Err(usage(
            "`--interactive` needs `--decisions FILE` (write one with `hrpolicy review --answers FILE --out DIR`)",
        ));
    };
    let (mut decisions, _) = DecisionsFile::load(path).map_err(Failure::BadInput)?;
    let answers_file = match (&args.answers, &decisions.answers) {
        (Some(a), _) => a.clone(),
        (None, Some(rel)) => path.parent().unwrap_or(Path::new(".")).join(rel),
        (None, None) => {
            return Err(usage(
                "the decisions file does not name its answers file: pass `--answers FILE`",
            ));
        }
    };
    let mut loaded = inputs::load_answers(library, &answers_file)?;
    inputs::apply_sets(library, &mut loaded.answers, &args.set)?;
    inputs::require_complete(library, &loaded.answers, &loaded.path)?;
    if !crate::interview::has_terminal() {
        return Err(usage(
            "`--interactive` needs a terminal; edit decisions.yaml by hand instead",
        ));
    }
    let answers = loaded.answers.effective(library);
    let plan = select_clauses(library, &answers);
    let date = loaded.document_date();
    let input = document_input(library, &loaded, &answers, &date);
    let rendered =
        render_clauses(&input, &plan, &BTreeMap::new(), "").map_err(Failure::BadInput)?;
    let numbered: Vec<(String, &crate::render::document::RenderedClause)> =
        number_clauses(library, &rendered)
            .into_iter()
            .flat_map(|(_, _, n)| n)
            .collect();
    interactive::review_interactively(&numbered, &mut decisions, path, &inputs::today())
}

fn document_input<'a>(
    library: &'a Library,
    loaded: &'a LoadedAnswers,
    answers: &'a crate::answers::Answers,
    date: &'a str,
) -> DocumentInput<'a> {
    DocumentInput {
        library,
        answers,
        lang: loaded.language(library),
        date,
        version: "",
        template: "handbook.md.tera",
        draft: false,
    }
}

fn usage(message: &str) -> Failure {
    Failure::BadInput(vec![Diagnostic::error("review", None, message)])
}

fn answers_arg(args: &ReviewArgs) -> &Path {
    args.answers.as_deref().unwrap_or(Path::new("answers.yaml"))
}

fn answers_path(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

/// `target` as a path relative to `base` (a folder), or absolute when they share nothing.
fn relative_to(target: PathBuf, base: Option<&Path>) -> String {
    let base = base
        .filter(|b| !b.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let Ok(base) = std::fs::canonicalize(base) else {
        return target.display().to_string();
    };
    let (t, b): (Vec<_>, Vec<_>) = (target.components().collect(), base.components().collect());
    let common = t.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if common <= 1 {
        return target.display().to_string();
    }
    let mut rel = PathBuf::new();
    for _ in common..b.len() {
        rel.push("..");
    }
    for c in &t[common..] {
        rel.push(c);
    }
    rel.display().to_string()
}
