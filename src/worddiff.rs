//! Word-level differences between two texts, for stale decisions, change notices and
//! overlay clauses whose base has changed. A leaf: any stage may use it.
use similar::{ChangeTag, TextDiff};

/// One run of words: unchanged, removed or added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Same(String),
    Removed(String),
    Added(String),
}

/// The word-level difference from `old` to `new` (whitespace kept with the words).
pub fn word_diff(old: &str, new: &str) -> Vec<Piece> {
    let diff = TextDiff::from_words(old, new);
    let mut out: Vec<Piece> = Vec::new();
    for change in diff.iter_all_changes() {
        let text = change.value().to_string();
        // Merge runs of the same kind so the output reads as phrases, not single words.
        match (change.tag(), out.last_mut()) {
            (ChangeTag::Equal, Some(Piece::Same(s)))
            | (ChangeTag::Delete, Some(Piece::Removed(s)))
            | (ChangeTag::Insert, Some(Piece::Added(s))) => s.push_str(&text),
            (ChangeTag::Equal, _) => out.push(Piece::Same(text)),
            (ChangeTag::Delete, _) => out.push(Piece::Removed(text)),
            (ChangeTag::Insert, _) => out.push(Piece::Added(text)),
        }
    }
    out
}

/// For a terminal or plain text: `[-removed-]{+added+}`.
pub fn plain(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Same(s) => s.clone(),
            Piece::Removed(s) => wrap("[-", s, "-]"),
            Piece::Added(s) => wrap("{+", s, "+}"),
        })
        .collect()
}

/// For Markdown (and through it HTML): removed text struck through, added text bold.
pub fn markdown(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Same(s) => s.clone(),
            Piece::Removed(s) => wrap("~~", s, "~~"),
            Piece::Added(s) => wrap("**", s, "**"),
        })
        .collect()
}

/// Puts the markers around the words, keeping surrounding white space outside them.
fn wrap(open: &str, s: &str, close: &str) -> String {
    let core = s.trim();
    if core.is_empty() {
        return s.to_string();
    }
    let lead = &s[..s.len() - s.trim_start().len()];
    let trail = &s[s.trim_end().len()..];
    format!("{lead}{open}{core}{close}{trail}")
}

/// Whether the texts differ in their words (not only in white space).
pub fn differs(old: &str, new: &str) -> bool {
    old.split_whitespace().ne(new.split_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_removed_and_added_words() {
        let d = word_diff(
            "Staff may not use drugs at work.",
            "Staff may not use drugs on duty or at work.",
        );
        assert_eq!(plain(&d), "Staff may not use drugs {+on duty or+} at work.");
        let d = word_diff(
            "Paid for the rest of the shift.",
            "Unpaid for the rest of the shift.",
        );
        assert_eq!(plain(&d), "[-Paid-]{+Unpaid+} for the rest of the shift.");
        assert_eq!(
            markdown(&d),
            "~~Paid~~**Unpaid** for the rest of the shift."
        );
    }

    #[test]
    fn white_space_alone_is_no_difference() {
        assert!(!differs("a  b\nc", "a b c"));
        assert!(differs("a b", "a c"));
    }
}
