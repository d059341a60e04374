//! The pipeline: each command's work as one function over the stages, in their order.
//! Commands parse arguments and call one function here; everything a command prints
//! as a warning comes back as diagnostics.
pub mod consultants;
pub mod deep_check;
pub mod explain;
pub mod listing;
pub mod review;

use crate::clause_text::{self, RenderedClause, TextInput};
use crate::diagnostics::Diagnostic;
use crate::document::{self, Edition, EditionRequest};
use crate::error::{Failure, Result};
use crate::inputs::{self, LoadedAnswers};
use crate::library::Library;
use crate::output::ClauseRecord;
use crate::render::{self, Format, Layout, Paper, RenderOptions};
use crate::review::apply::{ReviewState, apply_decisions, check_references};
use crate::review::decisions::{Decision, DecisionsFile};
use crate::review::record::ReviewRecord;
use crate::select::select_clauses;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Where the answers come from, and how they are completed.
pub struct AnswersRequest<'a> {
    pub file: &'a Path,
    /// `--set ID=VALUE` overrides.
    pub set: &'a [String],
    /// Fill unanswered questions with their defaults.
    pub defaults: bool,
    /// The handbook's language (`--lang`), over the answers file's `language:`.
    pub lang: Option<&'a str>,
}

/// A build: which editions and formats, where, and how.
pub struct BuildRequest<'a> {
    pub formats: &'a [Format],
    pub editions: &'a [Edition],
    /// Show each rule's rationale in the handbook edition.
    pub with_rationale: bool,
    pub paper: Paper,
    pub out: &'a Path,
    pub force: bool,
    /// A committee's decisions file.
    pub decisions: Option<&'a Path>,
    /// Refuse to build while any clause is pending or stale.
    pub require_final: bool,
}

/// Prints warnings to stderr.
pub fn print_warnings(warnings: &[Diagnostic]) {
    for w in warnings {
        eprintln!("{w}");
    }
}

/// Loads the library from its overlays, printing its warnings.
pub fn library(overlays: &[PathBuf]) -> Result<Library> {
    let (library, warnings) = inputs::load_library(overlays)?;
    print_warnings(&warnings);
    Ok(library)
}

/// Reads a committee's decisions file and checks its amended texts against the library.
pub fn decisions_file(library: &Library, path: &Path) -> Result<DecisionsFile> {
    let (file, text) = DecisionsFile::load(path).map_err(Failure::BadInput)?;
    file.check_amendments(&path.display().to_string(), &text, library)
        .map_err(Failure::BadInput)?;
    Ok(file)
}

/// Makes the answers' language available in the library, printing its warnings.
pub fn use_language(library: &mut Library, loaded: &LoadedAnswers) -> Result<()> {
    let lang = loaded.language(library).to_string();
    language(library, &lang)
}

/// Makes `lang`'s texts available in the library. Its warnings are printed; an error in
/// a translation (an overlay's: the built-in ones are checked) stops the command, as an
/// error anywhere else in the library does, before anything is written.
pub fn language(library: &mut Library, lang: &str) -> Result<()> {
    let (warnings, errors): (Vec<_>, Vec<_>) = library
        .use_language(lang)
        .into_iter()
        .partition(|d| d.warning);
    print_warnings(&warnings);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Failure::BadInput(errors))
    }
}

/// Reads an answers file, makes its language's texts available in the library, applies
/// `--set` and (if asked) defaults, and requires every asked question to be answered.
pub fn answers(library: &mut Library, request: &AnswersRequest<'_>) -> Result<LoadedAnswers> {
    let mut loaded = inputs::load_answers(library, request.file)?;
    inputs::set_language(library, &mut loaded, request.lang)?;
    use_language(library, &loaded)?;
    let library = &*library;
    inputs::apply_sets(library, &mut loaded.answers, request.set)?;
    if request.defaults {
        let lang = loaded.language(library).to_string();
        if let Some(warning) =
            inputs::fill_defaults(library, &mut loaded.answers, &lang, &loaded.path)
        {
            print_warnings(&[warning]);
        }
    }
    inputs::require_complete(
        library,
        &loaded.answers,
        loaded.language(library),
        &loaded.path,
        request.defaults,
    )?;
    Ok(loaded)
}

/// `build`: select, render the clause texts, apply the decisions, assemble each edition,
/// render each format and write them; returns the file names written.
pub fn build(
    library: &Library,
    loaded: &LoadedAnswers,
    request: &BuildRequest<'_>,
) -> Result<Vec<String>> {
    let answers = loaded.effective(library);
    let plan = select_clauses(library, &answers);
    let input = TextInput {
        library,
        answers: &answers,
        lang: loaded.language(library),
        date: loaded.document_date(),
        version: loaded.file.document.version.as_deref().unwrap_or_default(),
    };
    print_warnings(&library.stale_facts(&answers, input.date));
    report_fallbacks(library, &input, &plan.included_ids());
    let decisions = match request.decisions {
        Some(path) => Some((decisions_file(library, path)?, path.display().to_string())),
        None => None,
    };
    let amendments: BTreeMap<String, String> = decisions
        .iter()
        .flat_map(|(d, _)| d.clauses.iter())
        // Only an amended clause's text is used; a pending one's is a draft.
        .filter(|c| c.decision == Decision::Amended)
        .filter_map(|c| Some((c.id.clone(), c.text.clone()?)))
        .collect();
    let decisions_name = decisions.as_ref().map_or("", |(_, p)| p.as_str());
    let rendered = clause_text::render_clauses(&input, &plan, &amendments, decisions_name)
        .map_err(Failure::BadInput)?;

    let (clauses, record) = match &decisions {
        None => {
            fail_on(check_references(
                library,
                &rendered,
                &ReviewState::default(),
                &loaded.path,
            ))?;
            (rendered, None)
        }
        Some((file, path)) => {
            let (clauses, state) = apply_decisions(rendered, file);
            fail_on(check_references(library, &clauses, &state, path))?;
            for line in crate::review::report::review_report(library, &clauses, &state, path) {
                eprintln!("{line}");
            }
            if request.require_final && state.is_draft() {
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
            (clauses, Some(ReviewRecord::new(file, &state)))
        }
    };
    let mut editions = request.editions.to_vec();
    editions.dedup();
    let mut formats = request.formats.to_vec();
    formats.dedup();
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for edition in editions {
        let doc = document::assemble(
            &input,
            &clauses,
            &EditionRequest {
                edition,
                review: record.as_ref(),
                with_rationale: request.with_rationale,
            },
        )
        .map_err(Failure::BadInput)?;
        let options = RenderOptions {
            paper: request.paper,
            layout: match edition {
                Edition::Handbook => Layout::Book,
                Edition::Summary | Edition::Public => Layout::Short,
            },
        };
        files.extend(render::render_all(
            &doc,
            &library.templates,
            edition.name(),
            &formats,
            &options,
        )?);
    }
    let handbook = crate::output::HandbookRecord {
        lang: input.lang,
        version: input.version,
        date: input.date.to_string(),
        clauses: &records(library, &clauses),
    };
    crate::output::write_outputs(request.out, &files, request.force, Some(&handbook))?;
    Ok(files.into_iter().map(|(n, _)| n).collect())
}

/// What the manifest records of each clause, for `diff`.
fn records(library: &Library, clauses: &[RenderedClause]) -> Vec<ClauseRecord> {
    clause_text::number_clauses(library, clauses)
        .into_iter()
        .flat_map(|(_, _, numbered)| {
            numbered.into_iter().map(|(number, c)| ClauseRecord {
                id: c.id.clone(),
                number,
                title: c.title.clone(),
                text: c.body.clone(),
            })
        })
        .collect()
}

/// Says which texts of this handbook are in the default language for want of a
/// translation: never silently.
fn report_fallbacks(library: &Library, input: &TextInput<'_>, clauses: &[&str]) {
    let country = input.answers.text(crate::library::known::PLACE_COUNTRY.id);
    let missing = library.fallbacks(input.lang, clauses, country);
    if missing.is_empty() {
        return;
    }
    let default = &library.meta.default_language;
    eprintln!(
        "warning: {} text{} of this handbook {} no `{}` translation and {} in `{default}`:",
        missing.len(),
        if missing.len() == 1 { "" } else { "s" },
        if missing.len() == 1 { "has" } else { "have" },
        input.lang,
        if missing.len() == 1 { "is" } else { "are" },
    );
    for place in missing.iter().take(20) {
        eprintln!("  - {place}");
    }
    if missing.len() > 20 {
        eprintln!(
            "  … and {} more (`hrpolicy check` lists them all)",
            missing.len() - 20
        );
    }
}

fn fail_on(problems: Vec<Diagnostic>) -> Result<()> {
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Failure::BadInput(problems))
    }
}

/// `check`'s report on language: the plain-language figures of each language, and how
/// much of the library each translation covers (listing what it lacks).
pub fn language_report(library: &Library, longest: usize) -> Vec<String> {
    let default = library.meta.default_language.as_str();
    let stats = crate::lint::sentence_stats(library, default, longest);
    let mut out = vec![format!(
        "plain language: {} sentences, {:.1} words on average (aim: under 22); the longest:",
        stats.sentences,
        stats.average()
    )];
    for (words, id, sentence) in &stats.longest {
        out.push(format!("  {words:>3} words  {id}: {sentence}"));
    }
    for (code, info) in &library.languages {
        let coverage = library.coverage(code);
        out.push(format!(
            "translation {code} ({}): {} of {} texts ({:.1}%){}",
            info.name,
            coverage.translated,
            coverage.total,
            coverage.percent(),
            if info.reviewed {
                ", reviewed by a native-speaking practitioner"
            } else {
                ", not yet reviewed by a native-speaking practitioner"
            }
        ));
        for place in &coverage.missing {
            out.push(format!("  missing: {place}"));
        }
        let stats = crate::lint::sentence_stats(library, code, usize::MAX);
        let limit = info.max_words_per_sentence.unwrap_or(25);
        let over = stats.longest.iter().filter(|(n, _, _)| *n > limit).count();
        out.push(format!(
            "plain language ({code}): {} sentences, {:.1} words on average, {over} longer than {limit} words",
            stats.sentences,
            stats.average()
        ));
        for (words, id, sentence) in stats
            .longest
            .iter()
            .take(longest)
            .filter(|(n, _, _)| *n > limit)
        {
            out.push(format!("  {words:>3} words  {id}: {sentence}"));
        }
    }
    out
}
