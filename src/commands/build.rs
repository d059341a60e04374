//! `hrpolicy build`: answers (and review decisions) in, handbook out, no prompts.
use crate::answers::Answers;
use crate::cli::{BuildArgs, Edition, Format};
use crate::diagnostics::Diagnostic;
use crate::error::{Failure, Result};
use crate::inputs::{self, LoadedAnswers};
use crate::library::Library;
use crate::output::ClauseRecord;
use crate::render::document::{
    DocumentInput, RenderedClause, assemble, number_clauses, render_clauses,
};
use crate::render::docx::render_docx_laid_out;
use crate::render::engine::parse_markdown;
use crate::render::html::{Layout, render_html};
use crate::render::markdown::render_markdown;
use crate::render::pdf::{Paper, render_pdf_laid_out};
use crate::review::apply::{ReviewState, apply_decisions};
use crate::review::decisions::DecisionsFile;
use crate::select::select_clauses;
use serde_json::json;
use std::collections::BTreeMap;
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
    let decisions = match &args.decisions {
        Some(path) => Some((
            DecisionsFile::load(path).map_err(Failure::BadInput)?.0,
            path.display().to_string(),
        )),
        None => None,
    };
    let options = BuildOptions {
        formats: &args.format,
        editions: &args.edition,
        with_rationale: args.with_rationale,
        paper: args.paper,
        force: args.force,
        require_final: args.r#final,
    };
    let written = build_handbook(&library, &loaded, decisions.as_ref(), &args.out, &options)?;
    eprintln!("wrote {} to {}", written.join(", "), args.out.display());
    Ok(())
}

pub fn print_warnings(warnings: &[Diagnostic]) {
    for w in warnings {
        eprintln!("{w}");
    }
}

/// How to write the handbook.
pub struct BuildOptions<'a> {
    pub formats: &'a [Format],
    pub editions: &'a [Edition],
    /// Show each rule's rationale in the handbook edition.
    pub with_rationale: bool,
    pub paper: Paper,
    pub force: bool,
    /// Refuse to build while any clause is pending or stale.
    pub require_final: bool,
}

/// Selects, renders, applies review decisions and writes the handbook in each format;
/// returns the file names written.
pub fn build_handbook(
    library: &Library,
    loaded: &LoadedAnswers,
    decisions: Option<&(DecisionsFile, String)>,
    out: &Path,
    options: &BuildOptions<'_>,
) -> Result<Vec<String>> {
    let answers: Answers = loaded.answers.effective(library);
    let plan = select_clauses(library, &answers);
    let date = loaded.document_date();
    let version = loaded.file.document.version.clone().unwrap_or_default();
    print_warnings(&stale_facts(library, &answers, &date));
    let mut input = DocumentInput {
        library,
        answers: &answers,
        lang: loaded.language(library),
        date: &date,
        version: &version,
        template: "handbook.md.tera",
        draft: false,
    };
    let amendments: BTreeMap<String, String> = decisions
        .map(|(d, _)| {
            d.clauses
                .iter()
                .filter_map(|c| Some((c.id.clone(), c.text.clone()?)))
                .collect()
        })
        .unwrap_or_default();
    let decisions_name = decisions.map_or("", |(_, p)| p.as_str());
    let rendered =
        render_clauses(&input, &plan, &amendments, decisions_name).map_err(Failure::BadInput)?;

    let mut extra = serde_json::Map::new();
    let clauses = match decisions {
        None => {
            check_references(library, &rendered, &ReviewState::default(), &loaded.path)?;
            rendered
        }
        Some((file, path)) => {
            let (clauses, state) = apply_decisions(rendered, file);
            check_references(library, &clauses, &state, path)?;
            report_review(library, &clauses, &state, path);
            if options.require_final && state.is_draft() {
                return Err(Failure::Other(anyhow::anyhow!(
                    "--final: {} clause{} pending and {} stale; decide them in {path} (see `hrpolicy review --interactive`)",
                    state.pending.len(),
                    if state.pending.len() == 1 {
                        " is"
                    } else {
                        "s are"
                    },
                    state.stale.len()
                )));
            }
            input.draft = state.is_draft();
            extra.insert("review".into(), review_context(file, &state));
            clauses
        }
    };
    let mut editions = options.editions.to_vec();
    editions.dedup();
    let mut formats = options.formats.to_vec();
    formats.dedup();
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for edition in editions {
        input.template = match edition {
            Edition::Handbook => "handbook.md.tera",
            Edition::Summary => "summary.md.tera",
            Edition::Public => "public.md.tera",
        };
        extra.insert(
            "with_rationale".into(),
            json!(options.with_rationale && edition == Edition::Handbook),
        );
        let mut doc = assemble(&input, &clauses, &extra).map_err(Failure::BadInput)?;
        match edition {
            Edition::Handbook => {}
            Edition::Summary => doc.meta.title = "The key rules: a summary for staff".into(),
            Edition::Public => doc.meta.title = "Our approach to drug use and work".into(),
        }
        let layout = if edition == Edition::Handbook {
            Layout::Book
        } else {
            Layout::Short
        };
        // One document, parsed once; each format walks the same tree.
        let arena = comrak::Arena::new();
        let root = parse_markdown(&arena, &doc.markdown);
        for format in &formats {
            let (ext, bytes) = match format {
                Format::Md => ("md", render_markdown(&doc).into_bytes()),
                Format::Html => (
                    "html",
                    render_html(&doc, root, &library.templates, "handbook.html.tera", layout)?
                        .into_bytes(),
                ),
                Format::Pdf => (
                    "pdf",
                    render_pdf_laid_out(&doc, root, options.paper, layout)?,
                ),
                Format::Docx => (
                    "docx",
                    render_docx_laid_out(&doc, root, layout, options.paper)?,
                ),
            };
            files.push((format!("{}.{ext}", edition.name()), bytes));
        }
    }
    let records: Vec<ClauseRecord> = number_clauses(library, &clauses)
        .into_iter()
        .flat_map(|(_, _, numbered)| {
            numbered.into_iter().map(|(number, c)| ClauseRecord {
                id: c.id.clone(),
                number,
                title: c.title.clone(),
                text: c.body.clone(),
            })
        })
        .collect();
    crate::output::write_outputs(out, &files, options.force, &records)?;
    Ok(files.into_iter().map(|(n, _)| n).collect())
}

/// `requires` and `conflicts` among the clauses that appear; a clause the committee
/// removed is named as such.
fn check_references(
    library: &Library,
    clauses: &[RenderedClause],
    state: &ReviewState,
    file: &str,
) -> Result<()> {
    let ids: Vec<&str> = clauses.iter().map(|c| c.id.as_str()).collect();
    let mut problems = Vec::new();
    for c in clauses {
        let Some((_, compiled)) = library.clause(&c.id) else {
            continue;
        };
        for r in &compiled.clause.requires {
            if ids.contains(&r.as_str()) {
                continue;
            }
            let why = if state.removed.iter().any(|x| &x.id == r) {
                "which the committee removed"
            } else {
                "which is not in this handbook"
            };
            problems.push(
                Diagnostic::error(
                    file,
                    None,
                    format!("clause `{}` requires `{r}`, {why}", c.id),
                )
                .with_help(format!("keep `{r}`, or remove `{}` too", c.id)),
            );
        }
        for x in &compiled.clause.conflicts {
            if ids.contains(&x.as_str()) {
                problems.push(
                    Diagnostic::error(
                        file,
                        None,
                        format!(
                            "clause `{}` conflicts with `{x}`, and both are in this handbook",
                            c.id
                        ),
                    )
                    .with_help("remove one of them"),
                );
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Failure::BadInput(problems))
    }
}

/// Tells the user where the review stands: pending clauses, stale decisions with their
/// word diffs, amendments that use words to avoid.
fn report_review(library: &Library, clauses: &[RenderedClause], state: &ReviewState, path: &str) {
    if !state.pending.is_empty() {
        eprintln!(
            "DRAFT: {} clause{} not decided yet in {path}:",
            state.pending.len(),
            if state.pending.len() == 1 {
                " is"
            } else {
                "s are"
            }
        );
        for id in &state.pending {
            eprintln!("  - {id}");
        }
    }
    for s in &state.stale {
        eprintln!(
            "STALE: the text of `{}` ({}) changed since the committee decided on it:\n  {}",
            s.id,
            s.title,
            s.diff.replace('\n', "\n  ")
        );
    }
    for id in &state.unused {
        eprintln!("note: {path} has a decision about `{id}`, which this handbook does not include");
    }
    let checker = crate::lint::LanguageChecker::new(&library.language);
    for a in &state.amended {
        let Some(c) = clauses.iter().find(|c| c.id == a.id) else {
            continue;
        };
        for u in checker.uses(&c.body, &[]) {
            eprintln!(
                "{path}: warning: the amended text of `{}` uses \"{}\"\n  = help: say: {}",
                a.id, u.found, u.term.r#use
            );
        }
    }
}

/// The values the "How this policy was made" appendix reads.
fn review_context(file: &DecisionsFile, state: &ReviewState) -> serde_json::Value {
    let members = &file.committee.members;
    json!({
        "members": members,
        "member_count": members.len(),
        "lived_experience_count": members.iter().filter(|m| m.lived_experience).count(),
        "meetings": file.committee.meetings,
        "amended": state.amended,
        "removed": state.removed,
        "pending_count": state.pending.len(),
        "stale_count": state.stale.len(),
        "draft": state.is_draft(),
    })
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
    vec![
        Diagnostic::warning(
            &format!("countries/{code}.yaml"),
            None,
            format!(
                "{} fact{} in the {code} profile {} checked more than 24 months ago (oldest {}): the law may have changed",
                stale.len(),
                if stale.len() == 1 { "" } else { "s" },
                if stale.len() == 1 { "was" } else { "were" },
                stale.iter().min().unwrap_or(&"")
            ),
        )
        .with_help("check them locally, and update the profile's facts and `checked` dates"),
    ]
}
