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
/// A few words that happen to match inside a rewritten passage are folded into the
/// change, so a rewrite reads as old text then new text, not word against word.
pub fn word_diff(old: &str, new: &str) -> Vec<Piece> {
    let diff = TextDiff::from_words(old, new);
    let mut raw: Vec<Piece> = Vec::new();
    for change in diff.iter_all_changes() {
        let text = change.value();
        // Merge runs of the same kind so the output reads as phrases, not single words.
        match (change.tag(), raw.last_mut()) {
            (ChangeTag::Equal, Some(Piece::Same(s)))
            | (ChangeTag::Delete, Some(Piece::Removed(s)))
            | (ChangeTag::Insert, Some(Piece::Added(s))) => s.push_str(text),
            (ChangeTag::Equal, _) => raw.push(Piece::Same(text.to_string())),
            (ChangeTag::Delete, _) => raw.push(Piece::Removed(text.to_string())),
            (ChangeTag::Insert, _) => raw.push(Piece::Added(text.to_string())),
        }
    }
    fold_small_matches(raw)
}

/// For Markdown, a change that crosses a line break is widened to whole lines: the old
/// lines, then the new ones. Marking words across lines would tangle list items and
/// paragraphs.
fn whole_lines(pieces: Vec<Piece>) -> Vec<Piece> {
    // Unchanged text, or one change as (removed, added).
    enum Seg {
        Same(String),
        Change(String, String),
    }
    let mut segs: Vec<Seg> = Vec::new();
    for p in pieces {
        match (p, segs.last_mut()) {
            (Piece::Same(s), _) => segs.push(Seg::Same(s)),
            (Piece::Removed(s), Some(Seg::Change(r, _))) => r.push_str(&s),
            (Piece::Added(s), Some(Seg::Change(_, a))) => a.push_str(&s),
            (Piece::Removed(s), _) => segs.push(Seg::Change(s, String::new())),
            (Piece::Added(s), _) => segs.push(Seg::Change(String::new(), s)),
        }
    }
    let mut i = 0;
    while i < segs.len() {
        let Seg::Change(r, a) = &segs[i] else {
            i += 1;
            continue;
        };
        if !r.contains('\n') && !a.contains('\n') {
            i += 1;
            continue;
        }
        let (mut r, mut a) = (r.clone(), a.clone());
        // Widen to the left, to the start of the line.
        let mut start = i;
        while start > 0 {
            match &mut segs[start - 1] {
                Seg::Same(s) => match s.rfind('\n') {
                    Some(at) => {
                        let tail = s.split_off(at + 1);
                        r.insert_str(0, &tail);
                        a.insert_str(0, &tail);
                        break;
                    }
                    None => {
                        r.insert_str(0, s);
                        a.insert_str(0, s);
                    }
                },
                Seg::Change(pr, pa) => {
                    r.insert_str(0, pr);
                    a.insert_str(0, pa);
                }
            }
            start -= 1;
        }
        // Widen to the right, to the end of the line.
        let mut end = i + 1;
        while end < segs.len() {
            match &mut segs[end] {
                Seg::Same(s) => match s.find('\n') {
                    Some(at) => {
                        let head: String = s.drain(..at).collect();
                        r.push_str(&head);
                        a.push_str(&head);
                        break;
                    }
                    None => {
                        r.push_str(s);
                        a.push_str(s);
                    }
                },
                Seg::Change(nr, na) => {
                    r.push_str(nr);
                    a.push_str(na);
                }
            }
            end += 1;
        }
        segs.splice(start..end, [Seg::Change(r, a)]);
        i = start + 1;
    }
    let mut out = Vec::with_capacity(segs.len() * 2);
    for seg in segs {
        match seg {
            Seg::Same(s) if s.is_empty() => {}
            Seg::Same(s) => out.push(Piece::Same(s)),
            Seg::Change(r, a) => {
                if !r.is_empty() {
                    out.push(Piece::Removed(r));
                }
                if !a.is_empty() {
                    out.push(Piece::Added(a));
                }
            }
        }
    }
    out
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Folds each run of unchanged words into the changes around it when it is no longer
/// than the change on either side (measured in words; as diff-match-patch's semantic
/// clean-up does with characters). A paragraph break is never folded.
fn fold_small_matches(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out = Vec::with_capacity(pieces.len());
    let (mut removed, mut added) = (String::new(), String::new());
    let flush = |out: &mut Vec<Piece>, removed: &mut String, added: &mut String| {
        if !removed.is_empty() {
            out.push(Piece::Removed(std::mem::take(removed)));
        }
        if !added.is_empty() {
            out.push(Piece::Added(std::mem::take(added)));
        }
    };
    for (i, piece) in pieces.iter().enumerate() {
        match piece {
            Piece::Removed(s) => removed.push_str(s),
            Piece::Added(s) => added.push_str(s),
            Piece::Same(s) => {
                let before = words(&removed).max(words(&added));
                let after = pieces[i + 1..]
                    .iter()
                    .map_while(|p| match p {
                        Piece::Removed(t) => Some((words(t), 0)),
                        Piece::Added(t) => Some((0, words(t))),
                        Piece::Same(_) => None,
                    })
                    .fold((0, 0), |(r, a), (dr, da)| (r + dr, a + da));
                let after = after.0.max(after.1);
                let n = words(s);
                let in_change = !removed.is_empty() || !added.is_empty();
                if in_change && after > 0 && n <= before && n <= after && !s.contains("\n\n") {
                    removed.push_str(s);
                    added.push_str(s);
                } else {
                    flush(&mut out, &mut removed, &mut added);
                    out.push(piece.clone());
                }
            }
        }
    }
    flush(&mut out, &mut removed, &mut added);
    out
}

/// For a terminal or plain text: `[-removed-]{+added+}`.
pub fn plain(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Same(s) => s.clone(),
            Piece::Removed(s) => wrap("[-", s, "-]", false),
            Piece::Added(s) => wrap("{+", s, "+}", false),
        })
        .collect()
}

/// For Markdown (and through it HTML): removed text struck through, added text bold.
/// Removed lines and the added lines that replace them stand on lines of their own.
pub fn markdown(pieces: &[Piece]) -> String {
    let pieces = whole_lines(pieces.to_vec());
    let mut out = String::new();
    for (i, p) in pieces.iter().enumerate() {
        match p {
            Piece::Same(s) => out.push_str(s),
            Piece::Removed(s) => {
                let start = out.is_empty() || out.ends_with('\n');
                out.push_str(&wrap("~~", s, "~~", start));
                if let Some(Piece::Added(a)) = pieces.get(i + 1)
                    && (s.contains('\n') || a.contains('\n'))
                {
                    let para = s.contains("\n\n") || a.contains("\n\n");
                    out.push_str(if para { "\n\n" } else { "\n" });
                } else if let Some(Piece::Added(a)) = pieces.get(i + 1)
                    && !s.ends_with(char::is_whitespace)
                    && !a.starts_with(char::is_whitespace)
                {
                    // Struck and new words apart, so they read as two phrases.
                    out.push(' ');
                }
            }
            Piece::Added(s) => {
                let start = out.is_empty() || out.ends_with('\n');
                out.push_str(&wrap("**", s, "**", start));
            }
        }
    }
    out
}

/// Puts the markers around the words, line by line, keeping surrounding white space
/// and a list item's marker outside them, so Markdown still sees its lists and
/// paragraphs. `at_line_start`: whether `s` begins a line.
fn wrap(open: &str, s: &str, close: &str, at_line_start: bool) -> String {
    s.split('\n')
        .enumerate()
        .map(|(n, line)| {
            let core = line.trim();
            if core.is_empty() {
                return line.to_string();
            }
            let lead = &line[..line.len() - line.trim_start().len()];
            let trail = &line[line.trim_end().len()..];
            let (marker, core) = split_list_marker(core, n > 0 || at_line_start);
            format!("{lead}{marker}{open}{core}{close}{trail}")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `- text` → (`- `, `text`), and the same for `* `, `+ ` and `12. `, when the line
/// starts a list item.
fn split_list_marker(line: &str, at_line_start: bool) -> (&str, &str) {
    if !at_line_start {
        return ("", line);
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let len = match line.as_bytes() {
        [b'-' | b'*' | b'+', b' ', ..] => 2,
        [..] if digits > 0 && line[digits..].starts_with(". ") => digits + 2,
        _ => 0,
    };
    let (marker, rest) = line.split_at(len);
    if rest.trim().is_empty() {
        ("", line)
    } else {
        (marker, rest.trim_start())
    }
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
            "~~Paid~~ **Unpaid** for the rest of the shift."
        );
    }

    #[test]
    fn a_rewritten_passage_reads_as_old_then_new() {
        let d = word_diff(
            "Police here often take needles and other supplies.",
            "The law here neither allows nor forbids supplies.",
        );
        assert_eq!(
            markdown(&d),
            "~~Police here often take needles and other~~ \
             **The law here neither allows nor forbids** supplies."
        );
        // A small edit keeps the words around it plain.
        let d = word_diff("The shift is paid.", "The whole shift is fully paid.");
        assert_eq!(plain(&d), "The {+whole+} shift is {+fully+} paid.");
    }

    #[test]
    fn markers_stay_inside_each_line_and_list_item() {
        let d = word_diff(
            "Intro.\n\n- Carry the letter.\n- Call the manager.",
            "Intro.\n\n- Carry the signed letter and card.\n- Stay calm.",
        );
        let md = markdown(&d);
        for line in md.lines().filter(|l| !l.is_empty()) {
            assert_eq!(line.matches("~~").count() % 2, 0, "{md}");
            assert_eq!(line.matches("**").count() % 2, 0, "{md}");
            assert!(!line.starts_with("~~-") && !line.starts_with("**-"), "{md}");
        }
        let html = comrak::markdown_to_html(&md, &comrak::Options::default());
        assert_eq!(
            md,
            "Intro.\n\n- ~~Carry the letter.~~\n- ~~Call the manager.~~\n\
             - **Carry the signed letter and card.**\n- **Stay calm.**"
        );
        assert_eq!(html.matches("<li>").count(), 4, "{md}\n{html}");
    }

    #[test]
    fn white_space_alone_is_no_difference() {
        assert!(!differs("a  b\nc", "a b c"));
        assert!(differs("a b", "a c"));
    }
}
