//! The interactive review: walks the pending and stale clauses in a terminal; accept,
//! amend (in the editor), remove (with a reason), skip or note. Saves after each decision.
use super::apply::status_of;
use super::decisions::{ClauseDecision, Decision, DecisionsFile, text_hash};
use super::pack::pending_entry;
use crate::clause_text::RenderedClause;
use crate::error::{Failure, Result};
use crate::interview::{Listed, ask_text, report, wrap, wrap_hanging};
use crate::library::Library;
use crate::library::known::strings;
use crate::library::template_check::TemplateProblem;
use crate::library::validate::templates::{TemplateRoots, text_problems};
use dialoguer::theme::{ColorfulTheme, Theme};
use dialoguer::{Editor, Select};
use jiff::civil::Date;
use std::path::Path;

fn prompt_error(e: dialoguer::Error, path: &Path) -> Failure {
    crate::interview::prompt_error(e, &path.display().to_string())
}

/// Walks `clauses` (numbered, in handbook order) that are pending or stale in `decisions`,
/// speaking `lang` (the answers' language).
pub fn review_interactively(
    library: &Library,
    lang: &str,
    clauses: &[(String, &RenderedClause)],
    decisions: &mut DecisionsFile,
    path: &Path,
    today: Date,
) -> Result<()> {
    let t = |key: &str| library.string(key, lang);
    let todo: Vec<&(String, &RenderedClause)> = clauses
        .iter()
        .filter(|(_, c)| {
            let (status, stale) = status_of(c, decisions.get(&c.id));
            status == super::apply::Status::Pending || stale.is_some()
        })
        .collect();
    if todo.is_empty() {
        let command = format!("hrpolicy build --decisions {} --final", path.display());
        eprintln!("{}", t(strings::REVIEW_DONE).replace("{command}", &command));
        return Ok(());
    }
    let theme = ColorfulTheme::default();
    let roots = TemplateRoots::of(library, false);
    for (i, (number, c)) in todo.iter().enumerate() {
        let (_, stale) = status_of(c, decisions.get(&c.id));
        // Wrapped at spaces to the terminal (read again for each clause, in case it was
        // resized): the terminal itself would break words in two.
        let columns = crate::interview::terminal_width();
        let width = columns.saturating_sub(1).max(20);
        let count = t(strings::REVIEW_COUNT)
            .replace("{n}", &(i + 1).to_string())
            .replace("{total}", &todo.len().to_string());
        let heading = format!(
            "{} {} {}  ({count})",
            console::style("──").dim(),
            console::style(format!("{number} {}", c.title)).bold(),
            console::style(format!("[{}]", c.id)).dim(),
        );
        eprintln!("\n{}", wrap(&heading, width));
        if let Some(s) = &stale {
            eprintln!(
                "{}",
                console::style(format!("{}:", t(strings::REVIEW_STALE))).yellow()
            );
            eprintln!("{}\n", wrap_hanging(&s.diff, width));
        }
        eprintln!("{}\n", wrap_hanging(&c.body, width));
        let why = format!(
            "{}: {}",
            t(strings::REVIEW_RATIONALE),
            c.rationale.trim_end()
        );
        eprintln!("{}", console::style(wrap_hanging(&why, width)).dim());
        let mut note: Option<String> = decisions.get(&c.id).and_then(|d| d.note.clone());
        // An amended text the build would refuse, kept for the next edit.
        let mut draft: Option<String> = None;
        loop {
            let items = [
                t(strings::REVIEW_ACCEPT),
                t(strings::REVIEW_AMEND),
                t(strings::REVIEW_REMOVE),
                t(strings::REVIEW_SKIP),
                t(strings::REVIEW_ADD_NOTE),
                t(strings::REVIEW_STOP),
            ];
            let listed = Listed::new(&theme, &items, columns, false);
            let prompt = t(strings::REVIEW_DECISION);
            let choice = Select::with_theme(&listed)
                .with_prompt(&prompt)
                .items(listed.keys())
                .default(0)
                .report(false)
                .interact()
                .map_err(|e| prompt_error(e, path))?;
            report(columns, |f| {
                theme.format_select_prompt_selection(f, &prompt, &items[choice])
            });
            let mut entry = recorded(decisions, c);
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
                    let start = draft
                        .take()
                        .or_else(|| entry.text.clone())
                        .unwrap_or_else(|| c.body.clone());
                    let edited = Editor::new()
                        .extension(".md")
                        .edit(&start)
                        .map_err(|e| prompt_error(e, path))?;
                    match edited {
                        Some(text) if !text.trim().is_empty() && text.trim() != c.body.trim() => {
                            // A text the build would refuse is not recorded; the next
                            // "Amend" opens it again to be corrected.
                            let problems = text_problems(&text, &roots);
                            if !problems.is_empty() {
                                show_problems(&t(strings::REVIEW_TEXT_PROBLEM), problems, width);
                                if entry.decision == Decision::Pending {
                                    // Kept in the file, still pending, so that stopping
                                    // here loses nothing: the next "Amend" opens it.
                                    entry.text = Some(text.clone());
                                    store(decisions, entry);
                                    decisions.save(path)?;
                                }
                                draft = Some(text);
                                continue;
                            }
                            entry.decision = Decision::Amended;
                            entry.text = Some(text.trim_end().to_string() + "\n");
                        }
                        _ => {
                            eprintln!("{}", t(strings::REVIEW_UNCHANGED));
                            continue;
                        }
                    }
                }
                2 => {
                    let reason = ask_text(&theme, &t(strings::REVIEW_WHY_REMOVED), None, columns)
                        .map_err(|e| prompt_error(e, path))?;
                    entry.decision = Decision::Removed;
                    entry.note = Some(reason.trim().to_string());
                    entry.text = None;
                }
                3 => break,
                4 => {
                    let text = ask_text(&theme, &t(strings::REVIEW_NOTE), None, columns)
                        .map_err(|e| prompt_error(e, path))?;
                    note = Some(text.trim().to_string());
                    // Saved at once, on the entry as it was (a note decides nothing and
                    // does not mark a changed text as reviewed), so that skipping the
                    // clause or stopping here keeps it.
                    let mut noted = recorded(decisions, c);
                    noted.note = note.clone();
                    store(decisions, noted);
                    decisions.save(path)?;
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
    let saved = t(strings::REVIEW_SAVED)
        .replace("{path}", &path.display().to_string())
        .replace("{count}", &left.to_string());
    eprintln!("\n{saved}");
    Ok(())
}

/// The clause's entry as the file has it now (a pending one if it has none).
fn recorded(decisions: &DecisionsFile, c: &RenderedClause) -> ClauseDecision {
    decisions
        .get(&c.id)
        .cloned()
        .unwrap_or_else(|| pending_entry(c))
}

/// Puts `entry` in place of the clause's entry, or adds it.
fn store(decisions: &mut DecisionsFile, entry: ClauseDecision) {
    match decisions.clauses.iter_mut().find(|d| d.id == entry.id) {
        Some(slot) => *slot = entry,
        None => decisions.clauses.push(entry),
    }
}

/// Why an edited text was not recorded: `lead`, then each problem at its line and
/// column in the text, with how to fix it.
fn show_problems(lead: &str, problems: Vec<TemplateProblem>, width: usize) {
    eprintln!("{}", console::style(wrap(lead, width)).yellow());
    // Each problem, and its help, indented under the lead.
    let indented = |first: &str, text: &str| {
        let rows = wrap(text, width.saturating_sub(4).max(20)).replace('\n', "\n    ");
        eprintln!("{first}{rows}");
    };
    for p in problems {
        indented("  ", &format!("{}:{}: {}", p.line, p.col, p.message));
        if let Some(help) = p.help {
            indented("  = ", &help);
        }
    }
}

/// Stores one decision, and today's date as a meeting date.
fn record(decisions: &mut DecisionsFile, entry: ClauseDecision, today: Date) {
    store(decisions, entry);
    if !decisions.committee.meetings.contains(&today) {
        decisions.committee.meetings.push(today);
    }
}
