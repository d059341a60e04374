//! `review`: the review pack (review.md, review.html, decisions.yaml), and the clauses
//! an interactive review walks through.
use super::{AnswersRequest, answers};
use crate::clause_text::{RenderedClause, TextInput, number_clauses, render_clauses};
use crate::dates::today;
use crate::document::{Document, Meta};
use crate::error::{Failure, Result};
use crate::inputs::LoadedAnswers;
use crate::library::Library;
use crate::library::known;
use crate::render::{Format, Layout, RenderOptions, render_all};
use crate::review::page::{PageInput, ReviewPage};
use crate::review::{interactive, pack};
use crate::select::select_clauses;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What a review pack run wrote and found.
pub struct PackSummary {
    pub decisions: PathBuf,
    pub pending: usize,
    /// Clauses whose decided text changed since: id, title, word diff.
    pub stale: Vec<(String, String, String)>,
}

/// Writes the review pack for `answers` into `out`, keeping and extending the decisions
/// file (`decisions`, default `out/decisions.yaml`).
pub fn write_pack(
    library: &mut Library,
    request: &AnswersRequest<'_>,
    out: &Path,
    decisions: Option<&Path>,
    force: bool,
) -> Result<PackSummary> {
    let loaded = answers(library, request)?;
    let library = &*library;
    let decisions_path = decisions.map_or_else(|| out.join("decisions.yaml"), Path::to_path_buf);
    let existing = if decisions_path.exists() {
        Some(super::decisions_file(library, &decisions_path)?)
    } else {
        None
    };
    let answers = loaded.effective(library);
    let plan = select_clauses(library, &answers);
    let input = text_input(library, &loaded, &answers);
    let mut pack =
        pack::review_pack(&input, &plan, &answers, existing).map_err(Failure::BadInput)?;
    if pack.decisions.answers.is_none() {
        pack.decisions.answers = Some(relative_to(absolute(request.file), decisions_path.parent()));
    }
    let organisation = answers.text(known::ORG_NAME.id).unwrap_or_default();
    let page = ReviewPage::new(
        &PageInput {
            library,
            lang: input.lang,
            organisation,
            answers: pack.decisions.answers.as_deref(),
            committee: &pack.decisions.committee,
            generated: today(),
        },
        &pack.clauses,
    )
    .render(library, input.lang)
    .map_err(Failure::BadInput)?;
    let doc = Document {
        meta: Meta {
            title: library.string(known::strings::REVIEW_TITLE, input.lang),
            subtitle: input.text(&library.meta.title),
            organisation: organisation.to_string(),
            date: input.date,
            version: loaded.file.document.version.clone().unwrap_or_default(),
            lang: input.lang.to_string(),
            draft: false,
            labels: crate::document::Labels::of(library, input.lang),
        },
        markdown: pack.markdown.clone(),
    };
    // review.md is the printable pack; review.html the page the committee decides on.
    let mut files = render_all(
        &doc,
        &library.templates,
        "review",
        &[Format::Md],
        &RenderOptions {
            layout: Layout::Book,
            ..RenderOptions::default()
        },
    )?;
    files.push(("review.html".to_string(), page.into_bytes()));
    crate::output::write_outputs(out, &files, force, None)?;
    pack.decisions.save(&decisions_path)?;
    Ok(PackSummary {
        decisions: decisions_path,
        pending: pack.pending,
        stale: pack.stale,
    })
}

/// Walks the undecided and changed clauses of `decisions` in the terminal. The answers
/// file is `answers_file`, or the one the decisions file names.
pub fn review_interactively(
    library: &mut Library,
    decisions_path: &Path,
    answers_file: Option<&Path>,
    set: &[String],
) -> Result<()> {
    let mut decisions = super::decisions_file(library, decisions_path)?;
    let answers_file = match (answers_file, &decisions.answers) {
        (Some(a), _) => a.to_path_buf(),
        (None, Some(rel)) => decisions_path.parent().unwrap_or(Path::new(".")).join(rel),
        (None, None) => {
            return Err(Failure::usage(
                "review",
                "the decisions file does not name its answers file: pass `--answers FILE`",
            ));
        }
    };
    let loaded = answers(
        library,
        &AnswersRequest {
            file: &answers_file,
            set,
            defaults: false,
            lang: None,
        },
    )?;
    let library = &*library;
    if !crate::interview::has_terminal() {
        return Err(Failure::usage(
            "review",
            "`--interactive` needs a terminal; edit decisions.yaml by hand instead",
        ));
    }
    let answers = loaded.effective(library);
    let plan = select_clauses(library, &answers);
    let input = text_input(library, &loaded, &answers);
    let rendered =
        render_clauses(&input, &plan, &BTreeMap::new(), "").map_err(Failure::BadInput)?;
    let numbered: Vec<(String, &RenderedClause)> = number_clauses(library, &rendered)
        .into_iter()
        .flat_map(|(_, _, n)| n)
        .collect();
    interactive::review_interactively(
        library,
        input.lang,
        &numbered,
        &mut decisions,
        decisions_path,
        today(),
    )
}

fn text_input<'a>(
    library: &'a Library,
    loaded: &'a LoadedAnswers,
    answers: &'a crate::answer::Answers,
) -> TextInput<'a> {
    TextInput {
        library,
        answers,
        lang: loaded.language(library),
        date: loaded.document_date(),
        version: "",
    }
}

/// The canonical form of `dir`: of the part that exists, with the rest added on.
fn canonical_folder(dir: &Path) -> Option<PathBuf> {
    let mut missing = Vec::new();
    let mut at = dir;
    loop {
        if let Ok(found) = std::fs::canonicalize(at) {
            return Some(missing.iter().rev().fold(found, |p, part| p.join(part)));
        }
        missing.push(at.file_name()?);
        at = match at.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
    }
}

fn absolute(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

/// `target` as a path relative to `base` (a folder, which need not exist yet), or
/// absolute when they share nothing.
fn relative_to(target: PathBuf, base: Option<&Path>) -> String {
    let base = base
        .filter(|b| !b.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let Some(base) = canonical_folder(base) else {
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
