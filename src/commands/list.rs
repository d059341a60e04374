//! `hrpolicy list`: the library's questions, sections, clauses or countries.
use crate::cli::{ListArgs, ListWhat};
use crate::error::Result;
use crate::inputs;
use crate::stdout::Stdout;
use serde_json::{Value, json};
use std::path::PathBuf;

pub fn run(overlays: &[PathBuf], args: &ListArgs) -> Result<()> {
    let (lib, _) = inputs::load_library(overlays)?;
    let lang = lib.meta.default_language.clone();
    let rows: Vec<Value> = match args.what {
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
    let mut out = Stdout::new();
    if args.json {
        out.line(serde_json::to_string_pretty(&rows).map_err(anyhow::Error::from)?)?;
    } else {
        for row in &rows {
            out.line(text_row(args.what, row))?;
        }
    }
    out.finish()
}

fn text_row(what: ListWhat, r: &Value) -> String {
    let s = |k: &str| r[k].as_str().unwrap_or("").to_string();
    match what {
        ListWhat::Questions => {
            let choices: Vec<&str> = r["choices"]
                .as_array()
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let choices = if choices.is_empty() {
                String::new()
            } else {
                format!(" [{}]", choices.join(", "))
            };
            format!("{:<28} {:<7} {}{choices}", s("id"), s("kind"), s("prompt"))
        }
        ListWhat::Sections => format!(
            "{:<18} {:<11}  {}",
            s("id"),
            count(&r["clauses"], "clause"),
            s("title")
        ),
        ListWhat::Clauses => {
            let when = r["when"]
                .as_str()
                .map(|w| format!("  when {w}"))
                .unwrap_or_default();
            format!("{:<40} {:<16} {}{when}", s("id"), s("section"), s("title"))
        }
        ListWhat::Countries => {
            let reviewed = match r["last-reviewed"].as_str() {
                Some(date) => format!("reviewed {date}"),
                None => "not reviewed yet".into(),
            };
            let file = r["file"]
                .as_str()
                .map(|f| format!("  {f}"))
                .unwrap_or_default();
            format!(
                "{}  {:<16} {reviewed:<19}  {:<8}  {:<10}{file}",
                s("code"),
                s("name"),
                count(&r["facts"], "fact"),
                count(&r["clauses"], "clause"),
            )
            .trim_end()
            .to_string()
        }
    }
}

/// `1 clause`, `2 clauses`.
fn count(n: &Value, noun: &str) -> String {
    match n.as_u64().unwrap_or(0) {
        1 => format!("1 {noun}"),
        n => format!("{n} {noun}s"),
    }
}
