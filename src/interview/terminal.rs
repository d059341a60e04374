//! Drawing the interview on a terminal: text wrapped at spaces to its width, lists that
//! can be redrawn, typed answers that leave nothing behind, and the report of each answer.
use dialoguer::Input;
use dialoguer::theme::{ColorfulTheme, Theme};

/// Asks for a line of text (offering `default`), then reports it as the theme words it,
/// wrapped at spaces. dialoguer clears the row it was typed on and the prompt's rows, but
/// not the rows a long answer wrapped onto: those are cleared here, so nothing is left
/// behind on a narrow terminal.
pub(crate) fn ask_text(
    theme: &ColorfulTheme,
    prompt: &str,
    default: Option<&str>,
    width: usize,
) -> dialoguer::Result<String> {
    let room = default.map_or(0, |d| console::measure_text_width(d) + 3);
    let fitted = fit_prompt(prompt, room + SELECT_TAIL + TYPING_ROOM, width);
    let mut input = Input::<String>::with_theme(theme)
        .with_prompt(&fitted)
        .report(false);
    if let Some(d) = default {
        input = input.default(d.to_string());
    }
    let typed = input.interact_text()?;
    let mut row = String::new();
    if theme
        .format_input_prompt(&mut row, &fitted, default)
        .is_ok()
    {
        let last = row.rsplit('\n').next().unwrap_or_default();
        // Enter on a default returns it untyped.
        let typed_width = if default == Some(typed.as_str()) {
            0
        } else {
            console::measure_text_width(&typed)
        };
        let extra = rows_taken(console::measure_text_width(last) + typed_width, width) - 1;
        if extra > 0 {
            let _ = console::Term::stderr().clear_last_lines(extra);
        }
    }
    report(width, |f| {
        theme.format_input_prompt_selection(f, prompt, &typed)
    });
    Ok(typed)
}

/// Prints what was chosen as the theme words it (`✔ prompt · answer`), wrapped at
/// spaces to the terminal: dialoguer prints it as one line, which the terminal breaks
/// mid-word when several long choices are picked.
pub(crate) fn report(width: usize, format: impl FnOnce(&mut String) -> std::fmt::Result) {
    let mut line = String::new();
    if format(&mut line).is_ok() {
        eprintln!("{}", wrap(&line, width.saturating_sub(1).max(20)));
    }
}

/// A list for dialoguer's `Select` and `MultiSelect`, drawn so that it can be redrawn.
/// Those count an item's length in bytes to tell how many rows the terminal wrapped it
/// onto: a Ukrainian label longer than half the terminal made every redraw erase the
/// lines above the list, and a label wider than the terminal left lines behind. So the
/// items they are given are only keys (`0`, `1`, ...), and this theme draws each label
/// in their place, wrapped at spaces into rows it breaks itself, which dialoguer counts.
pub(crate) struct Listed<'a> {
    theme: &'a ColorfulTheme,
    /// Each label as given, and wrapped to the terminal after its item's prefix.
    given: Vec<String>,
    labels: Vec<String>,
    /// The columns of an item's prefix (`❯ `, or `⬚ ` in a multiple choice).
    indent: usize,
}

impl<'a> Listed<'a> {
    pub(crate) fn new(
        theme: &'a ColorfulTheme,
        labels: &[String],
        width: usize,
        multi: bool,
    ) -> Self {
        let columns = |s: &dyn std::fmt::Display| console::measure_text_width(&s.to_string());
        let prefix = if multi {
            columns(&theme.checked_item_prefix).max(columns(&theme.unchecked_item_prefix))
        } else {
            columns(&theme.active_item_prefix).max(columns(&theme.inactive_item_prefix))
        };
        let indent = prefix + 1;
        let room = width.saturating_sub(indent + 1).max(20);
        Listed {
            theme,
            given: labels.to_vec(),
            // A label that fits is kept as it is (the summary's `  →  ` included).
            labels: labels
                .iter()
                .map(|l| {
                    if console::measure_text_width(l) <= room {
                        l.clone()
                    } else {
                        wrap(l, room)
                    }
                })
                .collect(),
            indent,
        }
    }

    /// What dialoguer is given as the items: their index.
    pub(crate) fn keys(&self) -> Vec<String> {
        (0..self.labels.len()).map(|i| i.to_string()).collect()
    }

    /// The label given for item `key`.
    fn given(&self, key: &str) -> String {
        key.parse::<usize>()
            .ok()
            .and_then(|i| self.given.get(i))
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }

    /// Writes the label of item `key`: its first row as the theme would, the others
    /// under it, after as many spaces as the prefix takes.
    fn item(
        &self,
        f: &mut dyn std::fmt::Write,
        key: &str,
        active: bool,
        first: impl FnOnce(&mut dyn std::fmt::Write, &str) -> std::fmt::Result,
    ) -> std::fmt::Result {
        let label = key
            .parse::<usize>()
            .ok()
            .and_then(|i| self.labels.get(i))
            .map_or(key, String::as_str);
        let mut rows = label.split('\n');
        first(f, rows.next().unwrap_or_default())?;
        let style = if active {
            &self.theme.active_item_style
        } else {
            &self.theme.inactive_item_style
        };
        for row in rows {
            write!(
                f,
                "\n{:indent$}{}",
                "",
                style.apply_to(row),
                indent = self.indent
            )?;
        }
        Ok(())
    }
}

impl Theme for Listed<'_> {
    fn format_prompt(&self, f: &mut dyn std::fmt::Write, prompt: &str) -> std::fmt::Result {
        self.theme.format_prompt(f, prompt)
    }

    fn format_error(&self, f: &mut dyn std::fmt::Write, err: &str) -> std::fmt::Result {
        self.theme.format_error(f, err)
    }

    fn format_select_prompt(&self, f: &mut dyn std::fmt::Write, prompt: &str) -> std::fmt::Result {
        self.theme.format_select_prompt(f, prompt)
    }

    fn format_multi_select_prompt(
        &self,
        f: &mut dyn std::fmt::Write,
        prompt: &str,
    ) -> std::fmt::Result {
        self.theme.format_multi_select_prompt(f, prompt)
    }

    fn format_select_prompt_selection(
        &self,
        f: &mut dyn std::fmt::Write,
        prompt: &str,
        sel: &str,
    ) -> std::fmt::Result {
        self.theme
            .format_select_prompt_selection(f, prompt, &self.given(sel))
    }

    fn format_multi_select_prompt_selection(
        &self,
        f: &mut dyn std::fmt::Write,
        prompt: &str,
        selections: &[&str],
    ) -> std::fmt::Result {
        let given: Vec<String> = selections.iter().map(|k| self.given(k)).collect();
        let given: Vec<&str> = given.iter().map(String::as_str).collect();
        self.theme
            .format_multi_select_prompt_selection(f, prompt, &given)
    }

    fn format_select_prompt_item(
        &self,
        f: &mut dyn std::fmt::Write,
        text: &str,
        active: bool,
    ) -> std::fmt::Result {
        self.item(f, text, active, |f, row| {
            self.theme.format_select_prompt_item(f, row, active)
        })
    }

    fn format_multi_select_prompt_item(
        &self,
        f: &mut dyn std::fmt::Write,
        text: &str,
        checked: bool,
        active: bool,
    ) -> std::fmt::Result {
        self.item(f, text, active, |f, row| {
            self.theme
                .format_multi_select_prompt_item(f, row, checked, active)
        })
    }
}

/// The terminal rows a line of `columns` columns takes on a terminal `width` wide (a
/// line exactly as wide as the terminal does not wrap until another character comes).
fn rows_taken(columns: usize, width: usize) -> usize {
    columns.saturating_sub(1) / width.max(1) + 1
}

/// A line of the summary, `prompt  →  answer`, within one line of the terminal: dialoguer
/// redraws a list by counting its items, so an item the terminal wraps leaves lines
/// behind on every redraw. What is cut is shown as `…`, the prompt first, so that the
/// answer stays readable.
pub(super) fn summary_item(prompt: &str, answer: &str, width: usize) -> String {
    const ARROW: &str = "  →  ";
    // The theme puts `❯ ` or two spaces before an item; one column spare.
    let room = width.saturating_sub(3).max(20);
    let (p, a) = (
        console::measure_text_width(prompt),
        console::measure_text_width(answer),
    );
    let arrow = console::measure_text_width(ARROW);
    if p + arrow + a <= room {
        return format!("{prompt}{ARROW}{answer}");
    }
    // Half the line each; what one needs less of, the other may use.
    let both = room.saturating_sub(arrow);
    let half = both / 2;
    let (prompt_room, answer_room) = if p <= half {
        (p, both - p)
    } else if a <= half {
        (both - a, a)
    } else {
        (half, both - half)
    };
    format!(
        "{}{ARROW}{}",
        console::truncate_str(prompt, prompt_room, "…"),
        console::truncate_str(answer, answer_room, "…")
    )
}

/// The columns after a prompt's text: ` › `.
pub(super) const SELECT_TAIL: usize = 3;
/// The columns left after a text prompt for typing an answer on the same line.
pub(super) const TYPING_ROOM: usize = 24;

/// A prompt that fits the terminal: wrapped at spaces, and ending in a line break when
/// its last line leaves fewer than `tail` columns (for the default, ` › ` and typing).
/// dialoguer clears a prompt by counting its line breaks; a line the terminal wrapped
/// by itself would be left on the screen, once per redraw.
pub(super) fn fit_prompt(prompt: &str, tail: usize, width: usize) -> String {
    // The theme puts `? ` (or `✔ `) before the first line.
    let lines = wrap(prompt, width.saturating_sub(2).max(20));
    let last = lines.rsplit('\n').next().unwrap_or_default();
    let first = !lines.contains('\n');
    let used = console::measure_text_width(last) + if first { 2 } else { 0 };
    if used + tail > width {
        format!("{lines}\n")
    } else {
        lines
    }
}

/// The terminal's width in columns (80 if it cannot be told).
pub(crate) fn terminal_width() -> usize {
    match console::Term::stderr().size_checked() {
        Some((_, cols)) if cols > 0 => usize::from(cols),
        _ => 80,
    }
}

/// Breaks `text` into lines of at most `width` columns, at spaces only (a word longer than
/// a line stands alone on one); line breaks already there are kept. Widths are counted in
/// the columns a terminal gives each character (one for a Cyrillic or accented letter,
/// however many bytes it takes), not in bytes.
pub fn wrap(text: &str, width: usize) -> String {
    let width = width.max(1);
    let mut out = String::with_capacity(text.len() + 16);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut used = 0;
        for word in line.split_whitespace() {
            let w = console::measure_text_width(word);
            if used > 0 && used + 1 + w > width {
                out.push('\n');
                used = 0;
            } else if used > 0 {
                out.push(' ');
                used += 1;
            }
            out.push_str(word);
            used += w;
        }
    }
    out
}

/// Like [`wrap`], for Markdown-like text: each line's indentation and list or quote
/// marker (`- `, `1. `, `> `) stays in front of its first part, and the rest of the line
/// lines up after the marker.
pub fn wrap_hanging(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let hang = hanging_prefix(line);
        let (prefix, rest) = line.split_at(hang);
        let indent = " ".repeat(console::measure_text_width(prefix));
        let room = width.saturating_sub(indent.len()).max(10);
        out.push_str(prefix);
        for (j, part) in wrap(rest, room).split('\n').enumerate() {
            if j > 0 {
                out.push('\n');
                out.push_str(&indent);
            }
            out.push_str(part);
        }
    }
    out
}

/// The length in bytes of a line's indentation and list or quote marker.
fn hanging_prefix(line: &str) -> usize {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let rest = &line[indent..];
    let marker = if rest.starts_with("- ") || rest.starts_with("* ") || rest.starts_with("> ") {
        2
    } else {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        match rest.as_bytes().get(digits..digits + 2) {
            Some(b". ") | Some(b") ") if digits > 0 => digits + 2,
            _ => 0,
        }
    };
    indent + marker
}

#[cfg(test)]
mod tests {
    use super::{fit_prompt, wrap, wrap_hanging};

    #[test]
    fn list_items_wrap_under_their_text() {
        let text = "Intro line that is long.\n\n- Your drug use outside work is yours.\n12. Numbered item here\n  > quoted words go on";
        assert_eq!(
            wrap_hanging(text, 20),
            "Intro line that is\nlong.\n\n- Your drug use\n  outside work is\n  yours.\n12. Numbered item\n    here\n  > quoted words go\n    on"
        );
    }

    #[test]
    fn a_prompt_is_wrapped_to_leave_room_after_it() {
        // Short enough: as it is.
        assert_eq!(fit_prompt("Your name?", 10, 80), "Your name?");
        // Too long for one line: broken at spaces, each line within the width.
        let p = "Whom should staff talk to about this policy? (a role, not a person's name)";
        let fitted = fit_prompt(p, 3, 40);
        assert!(
            fitted.lines().all(|l| l.chars().count() <= 38),
            "{fitted:?}"
        );
        assert_eq!(
            fitted.split_whitespace().collect::<Vec<_>>(),
            p.split_whitespace().collect::<Vec<_>>()
        );
        // No room left for the default and typing: the answer goes on a line of its own.
        assert!(fit_prompt("Your name?", 40, 50).ends_with('\n'));
    }

    #[test]
    fn a_summary_item_fits_one_line_and_keeps_the_answer_readable() {
        use super::summary_item;
        let width = |s: &str| console::measure_text_width(s);
        // Room enough: as it is.
        assert_eq!(summary_item("Name?", "Harbour", 80), "Name?  →  Harbour");
        // A long prompt gives way to the answer.
        let item = summary_item(
            "What is the legal status of possessing drugs for personal use?",
            "A criminal offence",
            70,
        );
        assert!(width(&item) <= 67, "{item}");
        assert!(item.ends_with("  →  A criminal offence"), "{item}");
        assert!(item.starts_with("What is the legal status of"), "{item}");
        // A short prompt stays whole; the long answer gets the rest, cut with `…`.
        let item = summary_item(
            "Which services do you provide?",
            "Needle and syringe programme, Opioid agonist treatment (OST/OAT), Drop-in centre",
            80,
        );
        assert!(width(&item) <= 77, "{item}");
        assert!(
            item.starts_with("Which services do you provide?  →  Needle"),
            "{item}"
        );
        assert!(item.ends_with('…'), "{item}");
        // Ukrainian is counted in characters, not bytes.
        let item = summary_item("Як називається ваша організація?", "Мережа «Гавань»", 40);
        assert!(width(&item) <= 37, "{item}");
        assert!(item.ends_with("  →  Мережа «Гавань»"), "{item}");
    }

    #[test]
    fn help_wraps_at_spaces_to_the_width() {
        assert_eq!(
            wrap("Your drug use outside work is your own business.", 20),
            "Your drug use\noutside work is your\nown business."
        );
        assert_eq!(wrap("a\n\nb c", 3), "a\n\nb c");
        assert_eq!(wrap("tiny overlongword x", 6), "tiny\noverlongword\nx");
    }

    #[test]
    fn widths_count_characters_not_bytes() {
        // "Ваше вживання наркотиків" is 24 characters and 46 bytes; "condição de" is 11
        // characters and 13 bytes. Counted in bytes, both would break sooner.
        let uk = "Ваше вживання наркотиків поза роботою";
        assert_eq!(wrap(uk, 24), "Ваше вживання наркотиків\nпоза роботою");
        assert_eq!(
            wrap("Não é condição de trabalho", 12),
            "Não é\ncondição de\ntrabalho"
        );
        for line in wrap(uk, 24).lines() {
            assert!(line.chars().count() <= 24, "{line}");
        }
    }
}
