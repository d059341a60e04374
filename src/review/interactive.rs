//! The interactive review: walks the pending and stale clauses in a terminal; accept,
//! amend (in the editor), remove (with a reason), skip or note. Saves after each decision.
use super::apply::status_of;
use super::decisions::{Decision, DecisionsFile, text_hash};
use super::pack::pending_entry;
use crate::clause_text::RenderedClause;
use crate::error::{Failure, Result};
use crate::interview::{wrap, wrap_hanging};
use dialoguer::theme::ColorfulTheme;
use dialoguer::{Editor, Input, Select};
use jiff::civil::Date;
use std::path::Path;

fn prompt_error(e: dialoguer::Error, path: &Path) -> Failure {
    crate::interview::prompt_error(e, &path.display().to_string())
}

/// Walks `clauses` (numbered, in handbook order) that are pending or stale in `decisions`.
pub fn review_interactively(
    clauses: &[(String, &RenderedClause)],
    decisions: &mut DecisionsFile,
    path: &Path,
    today: Date,
) -> Result<()> {
    let todo: Vec<&(String, &RenderedClause)> = clauses
        .iter()
        .filter(|(_, c)| {
            let (status, stale) = status_of(c, decisions.get(&c.id));
            status == super::apply::Status::Pending || stale.is_some()
        })
        .collect();
    if todo.is_empty() {
        eprintln!(
            "Every clause is decided and current. Build with `hrpolicy build --decisions {} --final`.",
            path.display()
        );
        return Ok(());
    }
    let theme = ColorfulTheme::default();
    for (i, (number, c)) in todo.iter().enumerate() {
        let (_, stale) = status_of(c, decisions.get(&c.id));
        // Wrapped at spaces to the terminal (read again for each clause, in case it was
        // resized): the terminal itself would break words in two.
        let width = crate::interview::terminal_width().saturating_sub(1).max(20);
        let heading = format!(
            "{} {} {}  ({} of {})",
            console::style("──").dim(),
            console::style(format!("{number} {}", c.title)).bold(),
            console::style(format!("[{}]", c.id)).dim(),
            i + 1,
            todo.len()
        );
        eprintln!("\n{}", wrap(&heading, width));
        if let Some(s) = &stale {
            eprintln!(
                "{}",
                console::style("The text changed since the committee decided on it:").yellow()
            );
            eprintln!("{}\n", wrap_hanging(&s.diff, width));
        }
        eprintln!("{}\n", wrap_hanging(&c.body, width));
        let why = format!("Why: {}", c.rationale.trim_end());
        eprintln!("{}", console::style(wrap_hanging(&why, width)).dim());
        let mut note: Option<String> = decisions.get(&c.id).and_then(|d| d.note.clone());
        loop {
            let items = [
                "Accept",
                "Amend (opens your editor)",
                "Remove",
                "Skip for now",
                "Add a note",
                "Stop here",
            ];
            let choice = Select::with_theme(&theme)
                .with_prompt("Decision")
                .items(items)
                .default(0)
                .interact()
                .map_err(|e| prompt_error(e, path))?;
            let mut entry = decisions
                .get(&c.id)
                .cloned()
                .unwrap_or_else(|| pending_entry(c));
            entry.hash = text_hash(&c.title, &c.body);
            entry.reviewed = c.body.clone();
            entry.title = c.title.clone();
            entry.note = note.clone();
            match choice {
                0 => {
                    entry.decision = Decision::Accepted;
                    entry.text = None;
                }
                1 => {
                    let start = entry.text.clone().unwrap_or_else(|| c.body.clone());
                    let edited = Editor::new()
                        .extension(".md")
                        .edit(&start)
                        .map_err(|e| prompt_error(e, path))?;
                    match edited {
                        Some(text) if !text.trim().is_empty() && text.trim() != c.body.trim() => {
                            entry.decision = Decision::Amended;
                            entry.text = Some(text.trim_end().to_string() + "\n");
                        }
                        _ => {
                            eprintln!("The text was not changed; nothing recorded.");
                            continue;
                        }
                    }
                }
                2 => {
                    let reason: String = Input::with_theme(&theme)
                        .with_prompt("Why is it removed?")
                        .interact_text()
                        .map_err(|e| prompt_error(e, path))?;
                    entry.decision = Decision::Removed;
                    entry.note = Some(reason.trim().to_string());
                    entry.text = None;
                }
                3 => break,
                4 => {
                    let text: String = Input::with_theme(&theme)
                        .with_prompt("Note")
                        .interact_text()
                        .map_err(|e| prompt_error(e, path))?;
                    note = Some(text.trim().to_string());
                    continue;
                }
                _ => return Ok(()),
            }
            entry.date = Some(today);
            record(decisions, entry, today);
            decisions.save(path)?;
            break;
        }
    }
    let left = clauses
        .iter()
        .filter(|(_, c)| status_of(c, decisions.get(&c.id)).0 == super::apply::Status::Pending)
        .count();
    eprintln!(
        "\nSaved to {}. {left} clause{} still pending.",
        path.display(),
        if left == 1 { "" } else { "s" }
    );
    Ok(())
}

/// Stores one decision, and today's date as a meeting date.
fn record(decisions: &mut DecisionsFile, entry: super::decisions::ClauseDecision, today: Date) {
    match decisions.clauses.iter_mut().find(|d| d.id == entry.id) {
        Some(slot) => *slot = entry,
        None => decisions.clauses.push(entry),
    }
    if !decisions.committee.meetings.contains(&today) {
        decisions.committee.meetings.push(today);
    }
}
