//! The review pack: every selected clause with its text, why it is there, what it
//! replaced and where it comes from, and a `decisions.yaml` to record the committee's
//! decisions in (kept, never overwritten, when it exists).
use super::apply::{Status, status_of};
use super::decisions::{ClauseDecision, Decision, DecisionsFile, SCHEMA, text_hash};
use crate::answer::Answers;
use crate::clause_text::{RenderedClause, TextInput, number_clauses, render_clauses, render_texts};
use crate::diagnostics::Diagnostic;
use crate::library::known;
use crate::select::Plan;
use serde::Serialize;
use serde_json::json;
use std::collections::BTreeMap;

/// A review pack: its Markdown body (without metadata block) and the decisions file to write.
pub struct Pack {
    pub markdown: String,
    pub decisions: DecisionsFile,
    /// Every clause under review, in handbook order (what review.md and review.html show).
    pub clauses: Vec<PackEntry>,
    /// Clauses whose decided text changed since: id, title, word diff.
    pub stale: Vec<(String, String, String)>,
    pub pending: usize,
}

/// One clause of the pack: `clauses` in review.md.tera, and a clause of the review page.
#[derive(Debug, Clone, Serialize)]
pub struct PackEntry {
    /// Its number in the handbook (`3.2`).
    pub number: String,
    pub id: String,
    /// The title of its chapter.
    pub chapter: String,
    pub title: String,
    /// The text under review: the library's Markdown, rendered with the answers.
    pub body: String,
    /// The hash of the title and text under review ([`text_hash`]).
    pub hash: String,
    /// Why the rule exists (Markdown).
    pub rationale: String,
    pub sources: Vec<SourceEntry>,
    /// The clause's `when` condition as written, if it has one.
    pub condition: Option<String>,
    /// The country profile it comes from, if any.
    pub country: Option<String>,
    /// The variant whose wording is used (`default` for the clause's own body).
    pub variant: String,
    /// The answers its conditions read.
    pub why: Vec<WhyEntry>,
    /// The wording of the variants it did not use.
    pub alternatives: Vec<AlternativeEntry>,
    /// Where it stands under the existing decision.
    pub status: Status,
    /// The existing decision's note.
    pub note: Option<String>,
    /// The existing decision's amended text.
    pub amended: Option<String>,
    /// A word diff of the decided text against this one, when the text changed since.
    pub stale_diff: Option<String>,
    /// The decision the decisions file held, before a stale one was reopened.
    pub decision: Option<ClauseDecision>,
}

/// A source of a clause.
#[derive(Debug, Clone, Serialize)]
pub struct SourceEntry {
    pub id: String,
    pub title: String,
    /// Where in the source (`section 4`), if given.
    pub locator: Option<String>,
}

/// An answer that selected a clause.
#[derive(Debug, Clone, Serialize)]
pub struct WhyEntry {
    /// The question id.
    pub id: String,
    /// The question as the interview asks it.
    pub prompt: String,
    /// The answer, as a person reads it.
    pub answer: String,
}

/// Wording a clause did not use.
#[derive(Debug, Clone, Serialize)]
pub struct AlternativeEntry {
    /// The variant id (`default` for the clause's own body).
    pub id: String,
    /// Its condition, or `otherwise`.
    pub when: String,
    /// Its text, rendered with the answers.
    pub text: String,
}

/// Builds the pack for `plan`, merging with `existing` decisions if there are any.
pub fn review_pack(
    input: &TextInput<'_>,
    plan: &Plan<'_>,
    answers: &Answers,
    existing: Option<DecisionsFile>,
) -> Result<Pack, Vec<Diagnostic>> {
    let lib = input.library;
    let rendered = render_clauses(input, plan, &BTreeMap::new(), "")?;
    let alternatives = render_alternatives(input, plan)?;
    let mut decisions = existing.unwrap_or_else(|| DecisionsFile {
        schema: SCHEMA,
        ..DecisionsFile::default()
    });
    let mut stale = Vec::new();
    let mut entries = Vec::new();
    for (_, _, numbered) in number_clauses(lib, &rendered) {
        for (number, c) in numbered {
            let decision = decisions.get(&c.id).cloned();
            let (status, is_stale) = status_of(c, decision.as_ref());
            if let Some(s) = &is_stale {
                stale.push((s.id.clone(), s.title.clone(), s.diff.clone()));
                reopen(&mut decisions, c);
            }
            if decision.is_none() {
                decisions.clauses.push(pending_entry(c));
            }
            entries.push(entry(
                input,
                plan,
                answers,
                &number,
                c,
                &alternatives,
                decision,
                status,
                is_stale.map(|s| s.diff),
            ));
        }
    }
    // Keep the file in handbook order: decided and new entries alike.
    let order: Vec<&str> = rendered.iter().map(|c| c.id.as_str()).collect();
    decisions
        .clauses
        .sort_by_key(|d| order.iter().position(|o| *o == d.id).unwrap_or(usize::MAX));
    let pending = decisions
        .clauses
        .iter()
        .filter(|d| d.decision == Decision::Pending && order.contains(&d.id.as_str()))
        .count();

    let mut tera = crate::markup::markdown_tera();
    // The pack in the organisation's language where the library has its template.
    let translated = format!("{}/review.md.tera", input.lang);
    let name = if lib.templates.contains_key(&translated) {
        translated.as_str()
    } else {
        "review.md.tera"
    };
    let template = lib.templates.get(name).ok_or_else(|| {
        vec![Diagnostic::error(
            "templates/review.md.tera",
            None,
            "the review template is missing",
        )]
    })?;
    tera.add_raw_template(name, template).map_err(|e| {
        vec![Diagnostic::error(
            "templates/review.md.tera",
            None,
            e.to_string(),
        )]
    })?;
    let mut ctx = tera::Context::new();
    ctx.insert("clauses", &entries);
    ctx.insert(
        "stale",
        &stale
            .iter()
            .map(|(id, title, diff)| json!({"id": id, "title": title, "diff": diff}))
            .collect::<Vec<_>>(),
    );
    ctx.insert("pending", &pending);
    ctx.insert("translation_note", &lib.translation_note(input.lang));
    ctx.insert(
        "organisation",
        &answers
            .get(known::ORG_NAME.id)
            .map(|a| a.display())
            .unwrap_or_default(),
    );
    let markdown = tera
        .render(name, &ctx)
        .map(|s| crate::markup::tidy(&s))
        .map_err(|e| {
            vec![Diagnostic::error(
                "templates/review.md.tera",
                None,
                format!("cannot render: {e}"),
            )]
        })?;
    Ok(Pack {
        markdown,
        decisions,
        clauses: entries,
        stale,
        pending,
    })
}

/// A decision whose text changed goes back to `pending`, pinned to the new text, so
/// the committee decides again; the earlier decision stays in the note, and an amended
/// wording stays in `text` for the committee to reuse.
fn reopen(decisions: &mut DecisionsFile, c: &RenderedClause) {
    let Some(d) = decisions.clauses.iter_mut().find(|d| d.id == c.id) else {
        return;
    };
    let earlier = format!(
        "Earlier decision: {}{}; the text changed since.",
        serde_yaml::to_string(&d.decision)
            .unwrap_or_default()
            .trim(),
        d.date.map(|x| format!(" on {x}")).unwrap_or_default()
    );
    d.note = Some(match d.note.take() {
        Some(n) if !n.is_empty() => format!("{earlier} {n}"),
        _ => earlier,
    });
    d.decision = Decision::Pending;
    d.hash = text_hash(&c.title, &c.body);
    d.reviewed = c.body.clone();
    d.title = c.title.clone();
    d.date = None;
}

/// A new, undecided entry for a clause, pinned to the text under review.
pub fn pending_entry(c: &RenderedClause) -> ClauseDecision {
    ClauseDecision {
        id: c.id.clone(),
        title: c.title.clone(),
        decision: Decision::Pending,
        hash: text_hash(&c.title, &c.body),
        reviewed: c.body.clone(),
        ..ClauseDecision::default()
    }
}

/// The texts of the variants a clause did not use, rendered with the answers:
/// clause id to `(variant id, its condition, its text)`.
type Alternatives = BTreeMap<String, Vec<(String, String, String)>>;

fn render_alternatives(
    input: &TextInput<'_>,
    plan: &Plan<'_>,
) -> Result<Alternatives, Vec<Diagnostic>> {
    let lang = input.lang;
    let default_lang = input.library.meta.default_language.as_str();
    let mut wanted: Vec<(String, String, String, String)> = Vec::new(); // clause, variant, when, source
    for c in plan.included() {
        let clause = &c.clause.clause;
        for (v, cond) in &c.clause.variants {
            if Some(v.id.as_str()) != c.variant.map(|x| x.id.as_str()) {
                wanted.push((
                    clause.id.clone(),
                    v.id.clone(),
                    cond.source.clone(),
                    v.body.get(lang, default_lang).to_string(),
                ));
            }
        }
        if let (Some(body), Some(_)) = (&clause.body, c.variant) {
            wanted.push((
                clause.id.clone(),
                "default".into(),
                "otherwise".into(),
                body.get(lang, default_lang).to_string(),
            ));
        }
    }
    let texts: Vec<(String, String)> = wanted
        .iter()
        .enumerate()
        .map(|(i, w)| (format!("alt{i}"), w.3.clone()))
        .collect();
    let rendered = render_texts(input, &texts, "policy-library")?;
    let mut out: Alternatives = BTreeMap::new();
    for (w, text) in wanted.into_iter().zip(rendered) {
        out.entry(w.0).or_default().push((w.1, w.2, text));
    }
    Ok(out)
}

#[allow(clippy::too_many_arguments)]
fn entry(
    input: &TextInput<'_>,
    plan: &Plan<'_>,
    answers: &Answers,
    number: &str,
    c: &RenderedClause,
    alternatives: &Alternatives,
    decision: Option<ClauseDecision>,
    status: Status,
    stale_diff: Option<String>,
) -> PackEntry {
    let lib = input.library;
    let lang = input.lang;
    let choice = plan.choice(&c.id).expect("rendered from the plan");
    let compiled = &choice.clause.clause;
    let why = choice
        .read
        .iter()
        .map(|(id, _)| {
            let q = lib.question(id);
            let answer = match (q, answers.get(id)) {
                (Some(q), Some(a)) => lib.answer_label(q, a, lang),
                _ => lib.string(known::strings::NO_ANSWER, lang),
            };
            WhyEntry {
                id: id.clone(),
                prompt: q
                    .map(|q| q.prompt.get(lang, lang).to_string())
                    .unwrap_or_default(),
                answer,
            }
        })
        .collect();
    let sources = compiled
        .sources
        .iter()
        .map(|s| SourceEntry {
            id: s.id().to_string(),
            title: lib
                .source(s.id())
                .map_or(s.id().to_string(), |x| x.title.clone()),
            locator: s.locator().map(str::to_string),
        })
        .collect();
    let alternatives = alternatives
        .get(&c.id)
        .map(|v| {
            v.iter()
                .map(|(id, when, text)| AlternativeEntry {
                    id: id.clone(),
                    when: when.clone(),
                    text: text.clone(),
                })
                .collect()
        })
        .unwrap_or_default();
    PackEntry {
        number: number.to_string(),
        id: c.id.clone(),
        chapter: lib
            .section(&c.section)
            .map(|s| input.text(&s.title))
            .unwrap_or_default(),
        title: c.title.clone(),
        body: c.body.clone(),
        hash: text_hash(&c.title, &c.body),
        rationale: c.rationale.clone(),
        sources,
        condition: choice.clause.when.as_ref().map(|w| w.source.clone()),
        country: c.country.clone(),
        variant: c.variant.clone(),
        why,
        alternatives,
        status,
        note: decision.as_ref().and_then(|d| d.note.clone()),
        amended: decision.as_ref().and_then(|d| d.text.clone()),
        stale_diff,
        decision,
    }
}
