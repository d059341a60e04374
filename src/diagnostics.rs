//! Problems found in input files, each with its place (`file:line:col`), and the one
//! place where they become human text.
use std::fmt;

/// A position in a file: 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

/// One problem in one input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file as the user knows it (`policy-library/questions.yaml`, `answers.yaml`).
    pub file: String,
    /// Where in the file; `None` when the problem concerns the file as a whole.
    pub pos: Option<Pos>,
    pub message: String,
    /// The part of the source line the position points into that is shown with a
    /// caret: all of a short line, about [`EXCERPT`] characters around the column of a
    /// long one (set by [`Diagnostic::with_source_line`]).
    source_line: Option<String>,
    /// The caret's column in `source_line` (in characters, from 1).
    source_col: usize,
    /// How to fix it: "did you mean ...", "add ...".
    pub help: Option<String>,
    /// A warning does not stop the build.
    pub warning: bool,
}

impl Diagnostic {
    pub fn error(file: &str, pos: Option<Pos>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_string(),
            pos,
            message: message.into(),
            source_line: None,
            source_col: 0,
            help: None,
            warning: false,
        }
    }

    pub fn warning(file: &str, pos: Option<Pos>, message: impl Into<String>) -> Self {
        Diagnostic {
            warning: true,
            ..Diagnostic::error(file, pos, message)
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Attaches the source line under the position, taken from the file's text.
    pub fn with_source(self, text: &str) -> Self {
        match self
            .pos
            .and_then(|pos| yaml_lines(text).nth(pos.line.saturating_sub(1)))
        {
            Some(line) => self.with_source_line(line),
            None => self,
        }
    }

    /// Attaches `line`, the source line under the position. Only the part shown is kept:
    /// a file with thousands of problems on one long line kept that line once for each
    /// (6 GB for 20,000 problems on a line of 330 KB, found in round 14).
    pub fn with_source_line(mut self, line: &str) -> Self {
        if let Some(pos) = self.pos {
            let (shown, col) = excerpt(line, pos.col);
            (self.source_line, self.source_col) = (Some(shown), col);
        }
        self
    }

    /// The first line only: `file:line:col: message`.
    pub fn headline(&self) -> String {
        let kind = if self.warning { "warning: " } else { "" };
        match self.pos {
            Some(p) => format!("{}:{}:{}: {kind}{}", self.file, p.line, p.col, self.message),
            None => format!("{}: {kind}{}", self.file, self.message),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.headline())?;
        if let (Some(shown), Some(pos)) = (&self.source_line, self.pos) {
            let gutter = pos.line.to_string().len();
            write!(f, "\n{:gutter$} |\n{} | {}", "", pos.line, shown)?;
            // The caret sits under the column, counting characters, not bytes.
            let pad: String = shown
                .chars()
                .take(self.source_col.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            write!(f, "\n{:gutter$} | {pad}^", "")?;
        }
        if let Some(help) = &self.help {
            // Under the gutter's bar, as rustc puts it, however wide the line number.
            let gutter = match (&self.source_line, self.pos) {
                (Some(_), Some(pos)) => pos.line.to_string().len(),
                _ => 1,
            };
            write!(f, "\n{:gutter$} = help: {help}", "")?;
        }
        Ok(())
    }
}

/// The part of a source line worth showing: all of it when it is short; else about
/// [`EXCERPT`] characters around column `col` (1-based, in characters), with `…` where
/// text was cut. Returns the text and the column within it.
fn excerpt(line: &str, col: usize) -> (String, usize) {
    // Counted without taking the line apart: a file with thousands of problems on one
    // long line asks for an excerpt of it thousands of times.
    let len = line.chars().count();
    if len <= EXCERPT {
        return (line.to_string(), col);
    }
    let at = col.saturating_sub(1).min(len);
    let start = at.saturating_sub(EXCERPT / 2);
    let end = (start + EXCERPT).min(len);
    let start = end.saturating_sub(EXCERPT).min(start);
    let mut rest = line.chars();
    if start > 0 {
        rest.nth(start - 1);
    }
    let mut shown = String::new();
    if start > 0 {
        shown.push('…');
    }
    shown.extend(rest.take(end - start));
    if end < len {
        shown.push('…');
    }
    (shown, at - start + 1 + usize::from(start > 0))
}

/// The most characters of a source line an error shows.
const EXCERPT: usize = 100;

/// "did you mean `x`?" for the closest candidate, when one is close enough. Of two as
/// close, the one first in alphabetical order: the candidates often come from a hash set,
/// whose order changes from run to run, and the same mistake gets the same suggestion.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let score = strsim::jaro_winkler(word, c);
        if score > 0.8 && best.is_none_or(|(s, b)| score > s || (score == s && c < b)) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| format!("did you mean `{c}`?"))
}

/// Converts a 0-based byte offset in `text` to a 1-based line and column (in characters).
pub fn pos_of_offset(text: &str, offset: usize) -> Pos {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Pos {
        line,
        col: before[line_start..].chars().count() + 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_position_source_line_caret_and_help() {
        let d = Diagnostic::error(
            "q.yaml",
            Some(Pos { line: 2, col: 7 }),
            "unknown question `org.typ`",
        )
        .with_source("a: 1\nwhen: org.typ == cbo\n")
        .with_help("did you mean `org.type`?");
        assert_eq!(
            d.to_string(),
            "q.yaml:2:7: unknown question `org.typ`\n  |\n2 | when: org.typ == cbo\n  |       ^\n  = help: did you mean `org.type`?"
        );
    }

    #[test]
    fn the_help_lines_up_with_the_bar_under_a_long_line_number() {
        let d = Diagnostic::error("q.yaml", Some(Pos { line: 120, col: 1 }), "bad")
            .with_source_line("x: 1")
            .with_help("fix it");
        assert_eq!(
            d.to_string(),
            "q.yaml:120:1: bad\n    |\n120 | x: 1\n    | ^\n    = help: fix it"
        );
        // With no line shown, it stands where a one-digit gutter's bar would be.
        let d = Diagnostic::error("q.yaml", None, "bad").with_help("fix it");
        assert_eq!(d.to_string(), "q.yaml: bad\n  = help: fix it");
    }

    #[test]
    fn suggests_only_close_candidates() {
        assert_eq!(
            did_you_mean("org.typ", ["org.type", "services"]).as_deref(),
            Some("did you mean `org.type`?")
        );
        assert_eq!(did_you_mean("zzz", ["org.type"]), None);
        // Two as close: the same suggestion, whatever order they come in.
        for pair in [["org.typa", "org.typb"], ["org.typb", "org.typa"]] {
            assert_eq!(
                did_you_mean("org.typ", pair).as_deref(),
                Some("did you mean `org.typa`?")
            );
        }
    }

    #[test]
    fn offsets_become_lines_and_columns() {
        assert_eq!(pos_of_offset("ab\ncd", 4), Pos { line: 2, col: 2 });
        assert_eq!(pos_of_offset("ab", 0), Pos { line: 1, col: 1 });
    }
}

/// YAML's white space: space and tab. A no-break space or any other Unicode space is
/// text to YAML (of a key, a value, a line).
pub const YAML_SPACE: [char; 2] = [' ', '\t'];

/// The lines of a text as the YAML parser counts them, so that its positions find their
/// line: a line ends at `\r\n`, `\n`, a lone `\r` (old Mac files), or NEL, LS and PS.
pub fn yaml_lines(text: &str) -> impl Iterator<Item = &str> {
    lines_and_breaks(text).map(|(line, _)| line)
}

/// Each line of `text` as [`yaml_lines`] splits it, and whether a line or paragraph
/// separator (LS, PS) ends it.
fn lines_and_breaks(text: &str) -> impl Iterator<Item = (&str, bool)> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let t = rest;
        Some(match next_break(t.as_bytes()) {
            None => {
                rest = "";
                (t, false)
            }
            Some((start, end)) => {
                rest = &t[end..];
                (&t[..start], t.as_bytes()[start] == 0xE2)
            }
        })
    })
}

/// The lines of a file as YAML counts them ([`yaml_lines`]), numbered from 1, each with
/// whether a line or paragraph separator (LS, PS) ends it: YAML keeps those in a text as
/// characters, where it reads the other breaks as `\n` (and folds them, in a text over
/// several lines). What finding a place inside a scalar needs.
pub struct YamlLines<'t> {
    lines: Vec<(&'t str, bool)>,
}

impl<'t> YamlLines<'t> {
    pub fn new(text: &'t str) -> Self {
        YamlLines {
            lines: lines_and_breaks(text).collect(),
        }
    }

    /// Line `n`, without its line break.
    pub fn line(&self, n: usize) -> Option<&'t str> {
        self.lines.get(n.checked_sub(1)?).map(|&(line, _)| line)
    }

    /// Whether line `n` ends in a line or paragraph separator (LS, PS).
    pub fn ends_in_separator(&self, n: usize) -> bool {
        n.checked_sub(1)
            .and_then(|i| self.lines.get(i))
            .is_some_and(|&(_, separator)| separator)
    }
}

/// Where the first line break in `b` starts and ends, found byte by byte (decoding
/// characters to compare them was most of the time a file with many problems took):
/// `\r\n`, `\n`, `\r`, NEL (C2 85), LS (E2 80 A8) or PS (E2 80 A9).
fn next_break(b: &[u8]) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(j) = b[from..]
        .iter()
        .position(|&c| matches!(c, b'\r' | b'\n' | 0xC2 | 0xE2))
    {
        let k = from + j;
        match &b[k..] {
            [b'\r', b'\n', ..] | [0xC2, 0x85, ..] => return Some((k, k + 2)),
            [b'\r' | b'\n', ..] => return Some((k, k + 1)),
            [0xE2, 0x80, 0xA8 | 0xA9, ..] => return Some((k, k + 3)),
            _ => from = k + 1,
        }
    }
    None
}

#[cfg(test)]
mod line_tests {
    use super::*;

    #[test]
    fn a_long_source_line_is_cut_around_the_column() {
        let line = format!("key: [{}]", "x,".repeat(1000));
        let d = Diagnostic::error("a.yaml", Some(Pos { line: 3, col: 1000 }), "bad")
            .with_source(&format!("a\nb\n{line}\n"));
        let text = d.to_string();
        let lines: Vec<&str> = text.lines().collect();
        let shown = lines[2].strip_prefix("3 | ").unwrap();
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{text}");
        assert_eq!(shown.chars().count(), EXCERPT + 2);
        // The caret still points at character 1000 of the line.
        let caret = lines[3].strip_prefix("  | ").unwrap().chars().count();
        assert!(caret > 1 && caret < shown.chars().count(), "{text}");
        let shown_chars: Vec<char> = shown.chars().collect();
        assert_eq!(shown_chars[caret - 1], line.chars().nth(999).unwrap());
        // A short line is shown whole.
        let d =
            Diagnostic::error("a.yaml", Some(Pos { line: 1, col: 3 }), "bad").with_source("ab: c");
        assert!(d.to_string().contains("1 | ab: c\n  |   ^"), "{d}");
    }

    #[test]
    fn a_problem_keeps_only_the_part_of_its_line_it_shows() {
        // Thousands of problems on one long line each kept the whole line (round 14).
        let line = format!("key: [{}]", "x, ".repeat(100_000));
        let d = Diagnostic::error(
            "a.yaml",
            Some(Pos {
                line: 1,
                col: 150_000,
            }),
            "bad",
        )
        .with_source(&line);
        let kept = d.source_line.as_deref().unwrap();
        assert_eq!(kept.chars().count(), EXCERPT + 2, "{kept}");
        assert!(d.to_string().contains(&format!("1 | {kept}\n")), "{d}");
        // Near the end of the line, the excerpt ends with it.
        let d = Diagnostic::error(
            "a.yaml",
            Some(Pos {
                line: 1,
                col: 300_007,
            }),
            "bad",
        )
        .with_source(&line);
        let kept = d.source_line.as_deref().unwrap();
        assert!(kept.starts_with('…') && kept.ends_with("x, ]"), "{kept}");
        let caret = d.to_string().lines().last().unwrap().chars().count() - "  | ".len();
        assert_eq!(kept.chars().nth(caret - 1), Some(']'), "{d}");
    }

    #[test]
    fn lines_end_where_yaml_ends_them() {
        let lines: Vec<&str> = yaml_lines("a\r\nb\rc\nd\u{2028}e\n\nf\n").collect();
        assert_eq!(lines, ["a", "b", "c", "d", "e", "", "f"]);
        assert_eq!(yaml_lines("").count(), 0);
        assert_eq!(yaml_lines("x").collect::<Vec<_>>(), ["x"]);
        // NEL and PS end lines; `£` (C2 A3) and `—` (E2 80 94) share their first bytes
        // and do not.
        let lines: Vec<&str> = yaml_lines("£1\u{85}x — y\u{2029}z\r").collect();
        assert_eq!(lines, ["£1", "x — y", "z"]);
        let d = Diagnostic::error("f.yaml", Some(Pos { line: 3, col: 1 }), "bad")
            .with_source("a: 1\rb: 2\rc d\r");
        assert_eq!(d.source_line.as_deref(), Some("c d"));
    }
}
