//! `hrpolicy list`: what the library holds, as one JSON object per row (the command
//! prints them as JSON or as text).
use crate::cli::ListWhat;
use crate::error::Result;
use crate::inputs;
use serde_json::{Value, json};
use std::path::PathBuf;

/// The rows `list` shows for `what`, in the library's own language.
pub fn rows(overlays: &[PathBuf], what: ListWhat) -> Result<Vec<Value>> {
    let (lib, _) = inputs::load_library(overlays)?;
    let lang = lib.meta.default_language.clone();
    let rows: Vec<Value> = match what {
        ListWhat::Questions => lib
            .questions()
            .map(|q| {
                json!({
                    "id": q.id,
                    "kind": q.kind.name(),
                    "prompt": q.prompt.get(&lang, &lang),
                    "choices": lib.choice_values(q),
                    "ask-if": q.ask_if,
                    "country-default": q.country_default,
                })
            })
            .collect(),
        ListWhat::Sections => lib
            .sections
            .iter()
            .map(|s| json!({"id": s.id, "title": s.title.get(&lang, &lang), "clauses": s.clauses.len()}))
            .collect(),
        ListWhat::Clauses => lib
            .clauses()
            .map(|(s, c)| {
                json!({
                    "id": c.clause.id,
                    "section": s.id,
                    "title": c.clause.title.get(&lang, &lang),
                    "topic": c.clause.topic,
                    "when": c.when.as_ref().map(|w| w.source.clone()),
                    "variants": c.clause.variants.iter().map(|v| v.id.clone()).collect::<Vec<_>>(),
                    "country": c.country,
                })
            })
            .collect(),
        ListWhat::Countries => lib
            .countries
            .iter()
            .map(|c| {
                // Where an overlay's profile came from; built-in ones have no file to name.
                let file = lib
                    .country_file(&c.code)
                    .filter(|f| f.overlay)
                    .map(|f| f.name.clone());
                json!({"code": c.code, "name": c.name.get(&lang, &lang), "last-reviewed": c.last_reviewed, "facts": c.facts.len(), "clauses": c.clauses.len(), "file": file})
            })
            .collect(),
    };
    Ok(rows)
}
