//! The review pack: every selected clause with its text, why it is there, what it
//! replaced and where it comes from, and a `decisions.yaml` to record the committee's
//! decisions in (kept, never overwritten, when it exists).
use super::apply::status_of;
use super::decisions::{ClauseDecision, Decision, DecisionsFile, SCHEMA, text_hash};
use crate::answer::Answers;
use crate::clause_text::{RenderedClause, TextInput, number_clauses, render_clauses, render_texts};
use crate::diagnostics::Diagnostic;
use crate::library::Library;
use crate::library::known;
use crate::select::Plan;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// A review pack: its Markdown body (without metadata block) and the decisions file to write.
pub struct Pack {
    pub markdown: String,
    pub decisions: DecisionsFile,
    /// Clauses whose decided text changed since: id, title, word diff.
    pub stale: Vec<(String, String, String)>,
    pub pending: usize,
}

/// Builds the pack for `plan`, merging with `existing` decisions if there are any.
pub fn review_pack(
    input: &TextInput<'_>,
    plan: &Plan<'_>,
    answers: &Answers,
    existing: Option<DecisionsFile>,
) -> Result<Pack, Vec<Diagnostic>> {
    let lib = input.library;
    let lang = input.lang;
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
                lib,
                plan,
                answers,
                lang,
                &number,
                c,
                &alternatives,
                decision.as_ref(),
                &status,
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
    let template = lib.templates.get("review.md.tera").ok_or_else(|| {
        vec![Diagnostic::error(
            "templates/review.md.tera",
            None,
            "the review template is missing",
        )]
    })?;
    tera.add_raw_template("review.md.tera", template)
        .map_err(|e| {
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
    ctx.insert(
        "organisation",
        &answers
            .get(known::ORG_NAME.id)
            .map(|a| a.display())
            .unwrap_or_default(),
    );
    let markdown = tera
        .render("review.md.tera", &ctx)
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
    lib: &Library,
    plan: &Plan<'_>,
    answers: &Answers,
    lang: &str,
    number: &str,
    c: &RenderedClause,
    alternatives: &Alternatives,
    decision: Option<&ClauseDecision>,
    status: &super::apply::Status,
    stale_diff: Option<String>,
) -> Value {
    let choice = plan.choice(&c.id).expect("rendered from the plan");
    let compiled = &choice.clause.clause;
    let why: Vec<Value> = choice
        .read
        .iter()
        .map(|(id, _)| {
            let q = lib.question(id);
            let answer = match (q, answers.get(id)) {
                (Some(q), Some(a)) => lib.answer_label(q, a, lang),
                _ => "(no answer)".into(),
            };
            json!({"id": id, "prompt": q.map(|q| q.prompt.get(lang, lang).to_string()).unwrap_or_default(), "answer": answer})
        })
        .collect();
    let sources: Vec<Value> = compiled
        .sources
        .iter()
        .map(|s| {
            let title = lib
                .source(s.id())
                .map_or(s.id().to_string(), |x| x.title.clone());
            json!({"id": s.id(), "title": title, "locator": s.locator()})
        })
        .collect();
    let alts: Vec<Value> = alternatives
        .get(&c.id)
        .map(|v| {
            v.iter()
                .map(|(id, when, text)| json!({"id": id, "when": when, "text": text}))
                .collect()
        })
        .unwrap_or_default();
    json!({
        "number": number,
        "id": c.id,
        "title": c.title,
        "body": c.body,
        "rationale": c.rationale,
        "sources": sources,
        "condition": choice.clause.when.as_ref().map(|w| w.source.clone()),
        "country": c.country,
        "variant": c.variant,
        "why": why,
        "alternatives": alts,
        "status": status,
        "note": decision.and_then(|d| d.note.clone()),
        "amended": decision.and_then(|d| d.text.clone()),
        "stale_diff": stale_diff,
    })
}
