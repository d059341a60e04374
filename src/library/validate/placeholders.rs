//! The placeholders pass: what a country profile still leaves to fill in. A scaffolded
//! profile (`hrpolicy country new`) marks each thing to fill with `TODO`, as a value or
//! in a comment; each one left is a warning at its place (so `check --strict` fails
//! until none is left), and a value that is still `TODO` counts as not given: the
//! default stays unanswered, the fact and `check-locally` stay out of the handbook.
use super::super::Library;
use super::super::load::RawLibrary;
use crate::diagnostics::{Diagnostic, Pos};

/// The word that marks what is still to fill in.
pub const TODO: &str = "TODO";

/// Whether a value is still a placeholder (`TODO`, or text starting with it).
pub fn is_placeholder(value: &str) -> bool {
    value.trim_start().starts_with(TODO)
}

/// Whether a YAML value is still a placeholder.
pub fn is_placeholder_value(value: &serde_yaml::Value) -> bool {
    value.as_str().is_some_and(is_placeholder)
}

/// Reports every `TODO` left in a country profile, and leaves placeholder values out of
/// the profiles the library keeps.
pub fn check_placeholders(raw: &RawLibrary, lib: &mut Library, problems: &mut Vec<Diagnostic>) {
    for (file, _) in &raw.countries {
        for (n, line) in file.text.lines().enumerate() {
            let Some(col) = todo_column(line) else {
                continue;
            };
            let what = line.trim_start().trim_start_matches("- ");
            let message = match what.split_once(':') {
                Some((key, _)) if !what.starts_with('#') && !key.contains(' ') => {
                    format!("`{key}` is still to fill in (`TODO`)")
                }
                _ => "still to fill in: a `TODO` is left here".to_string(),
            };
            problems.push(
                Diagnostic::warning(&file.name, Some(Pos { line: n + 1, col }), message)
                    .with_source(&file.text)
                    .with_help("fill it in and remove the `TODO`, as the comments above it say"),
            );
        }
    }
    for profile in &mut lib.countries {
        profile.defaults.retain(|_, v| !is_placeholder_value(v));
        profile.facts.retain(|f| {
            !is_placeholder(&f.source) && f.text.variants().iter().all(|(_, t)| !is_placeholder(t))
        });
        if profile
            .check_locally
            .as_ref()
            .is_some_and(|t| t.variants().iter().any(|(_, t)| is_placeholder(t)))
        {
            profile.check_locally = None;
        }
    }
}

/// The column (from 1, in characters) of the first `TODO` in `line` that stands as a
/// word of its own; one in backticks is a mention (as in the comments that explain it).
fn todo_column(line: &str) -> Option<usize> {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    line.match_indices(TODO).find_map(|(i, _)| {
        let before = line[..i].chars().next_back();
        let after = line[i + TODO.len()..].chars().next();
        let quoted = before == Some('`') && after == Some('`');
        (!word(before) && !word(after) && !quoted).then(|| line[..i].chars().count() + 1)
    })
}

#[cfg(test)]
mod tests {
    use super::super::tests::{library, messages};

    const PROFILE: &str = "code: ZZ\nname: Zed\nlast-reviewed: 2026-01-01\n# Where to check: TODO\ncheck-locally: TODO name a network\nfacts:\n  - text: TODO the law\n    source: TODO\n  - text: A real fact.\n    source: osf-2010\n    checked: 2026-01-01\n";

    #[test]
    fn each_todo_is_a_warning_and_its_value_counts_as_not_given() {
        // (Defaults left `TODO` are covered by tests/consultants.rs, with the real
        // library's questions.)
        let files = [("overlay/countries/ZZ.yaml", PROFILE)];
        assert_eq!(
            messages(&files),
            [
                "overlay/countries/ZZ.yaml:4:19: warning: still to fill in: a `TODO` is left here",
                "overlay/countries/ZZ.yaml:5:16: warning: `check-locally` is still to fill in (`TODO`)",
                "overlay/countries/ZZ.yaml:7:11: warning: `text` is still to fill in (`TODO`)",
                "overlay/countries/ZZ.yaml:8:13: warning: `source` is still to fill in (`TODO`)",
            ]
        );
        let lib = library(&files);
        let zz = lib.country("ZZ").unwrap();
        assert!(zz.check_locally.is_none());
        assert_eq!(zz.facts.len(), 1);
    }

    #[test]
    fn todo_inside_a_word_is_not_a_placeholder() {
        assert_eq!(super::todo_column("text: TODOS and MASTODON"), None);
        assert_eq!(super::todo_column("x: 1 # TODO: later"), Some(8));
        assert_eq!(super::todo_column("# remove the `TODO` then"), None);
    }
}
