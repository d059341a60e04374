//! The interactive interview: asks each missing question with dialoguer, saves after
//! every answer, and ends with a summary where any answer can be changed.
use crate::answer::{Answer, Answers, Kind};
use crate::error::{Failure, Result};
use crate::inputs::{LoadedAnswers, default_for};
use crate::library::Library;
use crate::library::known::{self, strings};
use crate::library::model::Question;
use dialoguer::theme::{ColorfulTheme, Theme};
use dialoguer::{FuzzySelect, Input, MultiSelect, Select};
use std::io::IsTerminal;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

mod terminal;
pub(crate) use terminal::{Listed, ask_text, report, terminal_width};
use terminal::{SELECT_TAIL, TYPING_ROOM, fit_prompt, summary_item};
pub use terminal::{wrap, wrap_hanging};

static ANSWERS_PATH: OnceLock<String> = OnceLock::new();
/// The interruption message in the interview's language, `{path}` to fill in.
static INTERRUPTED: OnceLock<String> = OnceLock::new();
/// Set by whichever reports an interruption first: the signal handler or a prompt.
static REPORTED: AtomicBool = AtomicBool::new(false);

/// Whether there is a person at a terminal to ask.
pub fn has_terminal() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// Restores the cursor and exits on Ctrl-C outside a prompt; answers are already saved.
fn install_interrupt_handler(path: &str) {
    if ANSWERS_PATH.set(path.to_string()).is_ok() {
        let _ = ctrlc::set_handler(|| {
            if REPORTED.swap(true, Ordering::SeqCst) {
                // A prompt saw the Ctrl-C too and is reporting it; let it finish.
                return;
            }
            let _ = console::Term::stderr().show_cursor();
            let path = ANSWERS_PATH.get().map_or("answers.yaml", String::as_str);
            eprintln!("\n{}", interrupted(path));
            std::process::exit(130);
        });
    }
}

/// The interruption, in the interview's language once the interview has begun.
fn interrupted(path: &str) -> Failure {
    Failure::Interrupted {
        answers: path.to_string(),
        message: INTERRUPTED.get().map(|m| m.replace("{path}", path)),
    }
}

/// Turns a dialoguer error into a failure; Ctrl-C inside a prompt is an interruption,
/// and `path` names the file where the work so far is saved.
pub fn prompt_error(e: dialoguer::Error, path: &str) -> Failure {
    let dialoguer::Error::IO(io) = e;
    let _ = console::Term::stderr().show_cursor();
    if io.kind() == std::io::ErrorKind::Interrupted {
        if REPORTED.swap(true, Ordering::SeqCst) {
            // The signal handler is reporting it and exiting.
            loop {
                std::thread::park();
            }
        }
        eprintln!();
        interrupted(path)
    } else {
        Failure::Other(anyhow::Error::from(io).context("the terminal prompt failed"))
    }
}

/// Runs the interview until every asked question has an answer and the user chooses to
/// build. With `change`, reopens that one answer first.
pub fn interview(lib: &Library, loaded: &mut LoadedAnswers, change: Option<&str>) -> Result<()> {
    let _ = INTERRUPTED.set(lib.string(strings::INTERRUPTED, loaded.language(lib)));
    install_interrupt_handler(&loaded.path);
    if let Some(id) = change {
        let q = lib.question(id).expect("checked by the caller");
        ask_and_save(lib, loaded, q)?;
    }
    ask_missing(lib, loaded)?;
    loop {
        let asked = asked_questions(lib, &loaded.answers);
        let lang = loaded.language(lib).to_string();
        let t = |key: &str| lib.string(key, &lang);
        let width = terminal_width();
        let mut items = vec![t(strings::BUILD)];
        for q in &asked {
            // Yes and no as the question offered them (`Так`), like a choice's label.
            let a = match loaded.answers.get(&q.id) {
                None => t(strings::NO_ANSWER),
                Some(a @ Answer::Bool(_)) => capitalised(&lib.answer_label(q, a, &lang)),
                Some(a) => lib.answer_label(q, a, &lang),
            };
            items.push(summary_item(&lib.text(&q.prompt, &lang), &a, width));
        }
        let saved = t(strings::SAVED).replace("{path}", &loaded.path);
        eprintln!("\n{}", wrap(&saved, width.saturating_sub(1).max(20)));
        let theme = ColorfulTheme::default();
        let listed = Listed::new(&theme, &items, width, false);
        let picked = Select::with_theme(&listed)
            .with_prompt(t(strings::SUMMARY))
            .items(listed.keys())
            .default(0)
            // As long as the terminal allows: dialoguer pages a longer list, with an
            // English "[Page 1/2]" no theme can translate.
            .interact()
            .map_err(|e| prompt_error(e, &loaded.path))?;
        if picked == 0 {
            return Ok(());
        }
        ask_and_save(lib, loaded, asked[picked - 1])?;
        ask_missing(lib, loaded)?;
    }
}

fn asked_questions<'a>(lib: &'a Library, answers: &Answers) -> Vec<&'a Question> {
    let effective = lib.effective_answers(answers);
    lib.questions()
        .filter(|q| lib.is_asked(&q.id, &effective))
        .collect()
}

fn ask_missing(lib: &Library, loaded: &mut LoadedAnswers) -> Result<()> {
    while let Some(q) = lib.missing_answers(&loaded.answers).first().copied() {
        ask_and_save(lib, loaded, q)?;
    }
    Ok(())
}

fn ask_and_save(lib: &Library, loaded: &mut LoadedAnswers, q: &Question) -> Result<()> {
    let answer = ask(lib, loaded, q)?;
    loaded.answers.insert(&q.id, answer);
    loaded.save(lib)
}

fn ask(lib: &Library, loaded: &LoadedAnswers, q: &Question) -> Result<Answer> {
    let lang = loaded.language(lib).to_string();
    let effective = lib.effective_answers(&loaded.answers);
    let asked = asked_questions(lib, &loaded.answers);
    let n = asked
        .iter()
        .position(|x| x.id == q.id)
        .map_or(asked.len(), |i| i + 1);
    let chapter = lib
        .chapter_of(&q.id)
        .map(|c| lib.text(&c.title, &lang))
        .unwrap_or_default();
    let progress = lib
        .string(strings::PROGRESS, &lang)
        .replace("{n}", &n.to_string())
        .replace("{total}", &asked.len().to_string());
    let heading = format!("{} · {progress}", console::style(&chapter).bold());
    eprintln!(
        "\n{}",
        wrap(&heading, terminal_width().saturating_sub(1).max(20))
    );
    if let Some(help) = &q.help {
        let help = wrap(lib.text(help, &lang).trim(), terminal_width());
        eprintln!("{}", console::style(help).dim());
    }
    let current = loaded
        .answers
        .get(&q.id)
        .cloned()
        .or_else(|| default_for(lib, q, &effective, &lang));
    if q.country_default
        && current.is_some()
        && loaded.answers.get(&q.id).is_none()
        && let Some(Answer::Text(code)) = effective.get(known::PLACE_COUNTRY.id)
        && let Some(c) = lib.country(code).filter(|c| c.defaults.contains_key(&q.id))
    {
        let note = lib
            .string(strings::COUNTRY_SUGGESTION, &lang)
            .replace("{country}", &lib.text(&c.name, &lang));
        eprintln!("{}", console::style(wrap(&note, terminal_width())).dim());
    }
    let theme = ColorfulTheme::default();
    let prompt = lib.text(&q.prompt, &lang);
    let width = terminal_width();
    let path = loaded.path.clone();
    let err = |e| prompt_error(e, &path);
    let values = lib.choice_values(q);
    Ok(match q.kind {
        Kind::Choice => {
            let labels: Vec<String> = values
                .iter()
                .map(|v| lib.choice_label(q, v, &lang))
                .collect();
            let default = match &current {
                Some(Answer::Text(s)) => values.iter().position(|v| v == s).unwrap_or(0),
                _ => 0,
            };
            // A long list of countries: typing part of a name filters it. dialoguer's
            // filtered list counts a label's bytes as columns, so where one would seem
            // wider than the terminal (Ukrainian names, under about 46 columns), redrawing
            // it would erase the lines above; there the list is a plain one.
            let filtered = q.choices_from.as_deref() == Some("countries")
                && labels.iter().all(|l| l.len() + 2 <= width);
            let i = if filtered {
                FuzzySelect::with_theme(&theme)
                    .with_prompt(fit_prompt(&prompt, SELECT_TAIL + TYPING_ROOM, width))
                    .items(&labels)
                    .default(default)
                    .max_length(14)
                    .report(false)
                    .interact()
            } else {
                let listed = Listed::new(&theme, &labels, width, false);
                Select::with_theme(&listed)
                    .with_prompt(fit_prompt(&prompt, SELECT_TAIL, width))
                    .items(listed.keys())
                    .default(default)
                    .max_length(14)
                    .report(false)
                    .interact()
            }
            .map_err(err)?;
            report(width, |f| {
                theme.format_select_prompt_selection(f, &prompt, &labels[i])
            });
            Answer::Text(values[i].clone())
        }
        Kind::Multi => {
            let labels: Vec<String> = values
                .iter()
                .map(|v| lib.choice_label(q, v, &lang))
                .collect();
            let chosen: Vec<bool> = values
                .iter()
                .map(|v| matches!(&current, Some(Answer::Multi(c)) if c.contains(v)))
                .collect();
            let hinted = format!("{prompt} {}", lib.string(strings::MULTI_HINT, &lang));
            let listed = Listed::new(&theme, &labels, width, true);
            let picked = MultiSelect::with_theme(&listed)
                .with_prompt(fit_prompt(&hinted, SELECT_TAIL, width))
                .items(listed.keys())
                .defaults(&chosen)
                .report(false)
                .interact()
                .map_err(err)?;
            // Nothing picked is reported as such (`(none)`), not as an empty answer.
            let none = lib.string(strings::NONE, &lang);
            let mut names: Vec<&str> = picked.iter().map(|&i| labels[i].as_str()).collect();
            if names.is_empty() {
                names.push(&none);
            }
            report(width, |f| {
                theme.format_multi_select_prompt_selection(f, &hinted, &names)
            });
            Answer::Multi(picked.into_iter().map(|i| values[i].clone()).collect())
        }
        // Yes or no in the interview's language (dialoguer's own yes/no prompt only
        // knows `y`/`n` and reports "yes"/"no" in English). With no answer yet neither is
        // chosen: Enter waits until one is.
        Kind::YesNo => {
            let labels = [
                capitalised(&lib.string(strings::YES, &lang)),
                capitalised(&lib.string(strings::NO, &lang)),
            ];
            let default = match current {
                Some(Answer::Bool(true)) => 0,
                Some(Answer::Bool(false)) => 1,
                _ => !0,
            };
            let listed = Listed::new(&theme, &labels, width, false);
            let i = Select::with_theme(&listed)
                .with_prompt(fit_prompt(&prompt, SELECT_TAIL, width))
                .items(listed.keys())
                .default(default)
                .report(false)
                .interact()
                .map_err(err)?;
            report(width, |f| {
                theme.format_select_prompt_selection(f, &prompt, &labels[i])
            });
            Answer::Bool(i == 0)
        }
        Kind::Text => {
            let default = match &current {
                Some(Answer::Text(s)) => Some(s.as_str()),
                _ => None,
            };
            let typed = ask_text(&theme, &prompt, default, width).map_err(err)?;
            Answer::Text(typed.trim().to_string())
        }
        // A number as people write it (`2.5`, or `2,5` where the comma is the decimal
        // mark), and a message in the interview's language when it is not one (dialoguer's
        // own is Rust's "invalid float literal").
        Kind::Number => {
            let prompt = fit_prompt(&prompt, 16 + SELECT_TAIL + TYPING_ROOM, width);
            let not_a_number = lib.string(strings::NUMBER_ERROR, &lang);
            let mut input = Input::<String>::with_theme(&theme)
                .with_prompt(prompt)
                .validate_with(|s: &String| match parse_number(s) {
                    Some(_) => Ok(()),
                    None => Err(not_a_number.clone()),
                });
            if let Some(Answer::Number(n)) = current {
                input = input.default(n.to_string());
            }
            let typed = input.interact_text().map_err(err)?;
            Answer::Number(parse_number(&typed).expect("validated above"))
        }
    })
}

/// A number typed in the interview: `12`, `2.5`, or `2,5` with a decimal comma.
fn parse_number(typed: &str) -> Option<f64> {
    let typed = typed.trim();
    let n = match typed.parse::<f64>() {
        Ok(n) => n,
        Err(_) if typed.matches(',').count() == 1 && !typed.contains('.') => {
            typed.replace(',', ".").parse().ok()?
        }
        Err(_) => return None,
    };
    n.is_finite().then_some(n)
}

/// `text` with its first letter a capital (`так` → `Так`), for a list item.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::{capitalised, parse_number};

    #[test]
    fn numbers_are_read_with_a_decimal_point_or_comma() {
        assert_eq!(parse_number(" 12 "), Some(12.0));
        assert_eq!(parse_number("2.5"), Some(2.5));
        assert_eq!(parse_number("2,5"), Some(2.5));
        assert_eq!(parse_number("1,000.5"), None);
        assert_eq!(parse_number("abc"), None);
        assert_eq!(parse_number("inf"), None);
        assert_eq!(parse_number("NaN"), None);
        assert_eq!(parse_number(""), None);
    }

    #[test]
    fn a_list_item_is_capitalised_in_any_script() {
        assert_eq!(capitalised("так"), "Так");
        assert_eq!(capitalised("não"), "Não");
        assert_eq!(capitalised(""), "");
    }
}
