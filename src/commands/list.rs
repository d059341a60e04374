//! `hrpolicy list`: the library's questions, sections, clauses or countries.
use crate::cli::{ListArgs, ListWhat};
use crate::error::Result;
use crate::stdout::Stdout;
use serde_json::Value;
use std::path::PathBuf;

pub fn run(overlays: &[PathBuf], args: &ListArgs) -> Result<()> {
    let rows = crate::pipeline::listing::rows(overlays, args.what)?;
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
