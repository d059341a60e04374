//! Overrides that stay sound: an overlay's clause that replaces a base clause records
//! the hash of the base text it was copied from (`replaces: {id, hash}`); when the base
//! text no longer has that hash, the override is reported with the word diff of the
//! base against it. Also the copy itself: a base clause's YAML, as written in its file,
//! with the `replaces` record added, for `hrpolicy library override`.
use super::model::Clause;
use super::positions::{Positions, YamlPath};
use crate::diagnostics::Diagnostic;
use crate::worddiff::{Piece, differs, plain, word_diff};

/// The hash of a clause's texts in `lang` (the library's language): title, body, each
/// variant (id, condition, body) and rationale. Translations do not count.
pub fn base_hash(clause: &Clause, lang: &str) -> String {
    let mut canonical = Vec::new();
    for (name, text) in texts(clause, lang) {
        // Lengths first, so that no two different sets of texts hash alike.
        canonical.push(format!("{}:{name}:{}:{text}", name.len(), text.len()));
    }
    let hex = crate::atomic::sha256_hex(canonical.join("\n").as_bytes());
    format!("sha256:{}", &hex[..16])
}

/// The texts the hash covers, by name (`title`, `body`, `variant premises-risk`, ...).
fn texts(clause: &Clause, lang: &str) -> Vec<(String, String)> {
    let mut out = vec![(
        "title".to_string(),
        clause.title.get(lang, lang).to_string(),
    )];
    if let Some(body) = &clause.body {
        out.push(("body".into(), body.get(lang, lang).to_string()));
    }
    for v in &clause.variants {
        out.push((format!("variant {} when", v.id), v.when.clone()));
        out.push((
            format!("variant {}", v.id),
            v.body.get(lang, lang).to_string(),
        ));
    }
    out.push((
        "rationale".into(),
        clause.rationale.get(lang, lang).to_string(),
    ));
    out
}

/// What an overlay clause's `replaces` says about the base clause it replaces: nothing
/// when the hash matches; else a warning naming the clause, with the word diff of the
/// base's texts against the overlay's copy.
pub fn check_replaced(
    base: &Clause,
    overlay: &Clause,
    lang: &str,
    at: impl Fn(String) -> Diagnostic,
) -> Option<Diagnostic> {
    let replaces = overlay.replaces.as_ref()?;
    let now = base_hash(base, lang);
    if replaces.hash == now {
        return None;
    }
    let old: crate::hash::HashMap<String, String> = texts(overlay, lang).into_iter().collect();
    let mut diff = String::new();
    for (name, text) in texts(base, lang) {
        let mine = old.get(&name).map_or("", String::as_str);
        if differs(mine, &text) {
            let pieces = condensed(&word_diff(mine.trim(), text.trim()));
            diff.push_str(&format!("\n      {name}: {}", plain(&pieces)));
        }
    }
    for (name, _) in texts(overlay, lang) {
        if !texts(base, lang).iter().any(|(n, _)| *n == name) {
            diff.push_str(&format!("\n      {name}: (no longer in the base clause)"));
        }
    }
    Some(
        at(format!(
            "clause `{}` overrides a base clause that has changed since it was copied \
         (hash {} recorded, {now} now); the base now reads, against this copy \
         ([-only in this copy-] {{+only in the base+}}):{diff}",
            overlay.id, replaces.hash
        ))
        .with_help(format!(
            "bring over what you want of the base's change, then set `replaces.hash: {now}`"
        )),
    )
}

/// The diff on one line, with long unchanged runs cut to a few words either side of
/// each change.
fn condensed(pieces: &[Piece]) -> Vec<Piece> {
    const KEEP: usize = 6;
    let last = pieces.len().saturating_sub(1);
    pieces
        .iter()
        .enumerate()
        .map(|(i, p)| match p {
            Piece::Same(s) => {
                let words: Vec<&str> = s.split_whitespace().collect();
                let n = words.len();
                let head = words[..KEEP.min(n)].join(" ");
                let tail = words[n.saturating_sub(KEEP)..].join(" ");
                let text = match (i == 0, i == last) {
                    _ if n <= 2 * KEEP => words.join(" "),
                    (true, true) => words.join(" "),
                    (true, false) => format!("… {tail}"),
                    (false, true) => format!("{head} …"),
                    (false, false) => format!("{head} … {tail}"),
                };
                // Keep the spaces that part the run from the changed words around it.
                let lead = if i > 0 && s.starts_with(char::is_whitespace) {
                    " "
                } else {
                    ""
                };
                let trail = if i < last && s.ends_with(char::is_whitespace) {
                    " "
                } else {
                    ""
                };
                Piece::Same(format!("{lead}{text}{trail}"))
            }
            Piece::Removed(s) => Piece::Removed(one_line(s, KEEP)),
            Piece::Added(s) => Piece::Added(one_line(s, KEEP)),
        })
        .collect()
}

/// A changed run on one line, cut in the middle when long.
fn one_line(s: &str, keep: usize) -> String {
    let all: Vec<&str> = s.split_whitespace().collect();
    let words = if all.len() > 2 * keep {
        format!(
            "{} … {}",
            all[..keep].join(" "),
            all[all.len() - keep..].join(" ")
        )
    } else {
        all.join(" ")
    };
    let lead = if s.starts_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    let trail = if s.ends_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    format!("{lead}{words}{trail}")
}

/// The YAML of item `index` of the `clauses` list in `text` (a section file), as
/// written there (comments and layout kept), re-indented as an item of a top-level
/// `clauses:` list (`  - id: ...`), with `replaces` added after its first line.
/// `None` when the item cannot be cut out of the text cleanly.
pub fn clause_yaml(text: &str, index: usize, replaces_id: &str, hash: &str) -> Option<String> {
    let positions = Positions::index(text);
    let item = YamlPath::root().key("clauses").index(index);
    let start = positions.pos(&item.key("id"))?;
    let lines: Vec<&str> = text.lines().collect();
    let first = lines.get(start.line - 1)?;
    // `- id: ...` must open the item.
    let dash = first.find('-')?;
    let key = dash + first[dash + 1..].find(|c: char| c != ' ')? + 1;
    if !first[..dash].trim().is_empty() || !first[key..].starts_with("id:") {
        return None;
    }
    let next = positions
        .pos(&YamlPath::root().key("clauses").index(index + 1))
        .filter(|p| p.line > start.line)
        .map(|p| p.line - 1);
    let mut end = next.unwrap_or(lines.len());
    // Stop at the next top-level key (the list need not be the last one).
    if let Some(k) = (start.line..end).find(|&i| {
        let l = lines[i];
        !l.is_empty() && !l.starts_with([' ', '-', '#', '\t'])
    }) {
        end = k;
    }
    while end > start.line && lines[end - 1].trim().is_empty() {
        end -= 1;
    }
    let shift = |l: &str| -> String {
        if l.trim().is_empty() {
            String::new()
        } else if l.len() >= dash && l[..dash].trim().is_empty() {
            format!("  {}", &l[dash..])
        } else {
            format!("  {}", l.trim_start())
        }
    };
    let indent = " ".repeat(key - dash + 2);
    let mut out = format!("{}\n", shift(first));
    out.push_str(&format!(
        "{indent}replaces:\n{indent}  id: {replaces_id}\n{indent}  hash: \"{hash}\"\n"
    ));
    for l in &lines[start.line..end] {
        out.push_str(&shift(l));
        out.push('\n');
    }
    Some(out)
}

/// `existing` (a section file of the overlay, or `None`) with `item` (a `clauses` list
/// item) appended, or why it cannot be: the list must be the file's last key.
pub fn append_clause(
    existing: Option<&str>,
    section_id: &str,
    item: &str,
) -> Result<String, String> {
    let Some(text) = existing else {
        return Ok(format!("id: {section_id}\nclauses:\n{item}"));
    };
    let top: Vec<&str> = text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with([' ', '-', '#', '\t']))
        .collect();
    let mut out = text.trim_end().to_string();
    match top.last() {
        Some(last) if last.trim_end() == "clauses:" => {}
        _ if top.iter().any(|l| l.starts_with("clauses:")) => {
            return Err(
                "its `clauses:` list is not the file's last key, or is written inline: \
                 move it to the end, written as a block list"
                    .into(),
            );
        }
        _ => out.push_str("\nclauses:"),
    }
    out.push('\n');
    out.push_str(item);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::model::SectionFile;

    const SECTION: &str = "id: s\ntitle: S\nclauses:\n  - id: a\n    title: A\n    # a comment\n    body: |\n      Text.\n\n      More.\n    rationale: R\n    sources: [x]\n\n  - id: b\n    title: B\n    body: B.\n    rationale: R\n";

    #[test]
    fn cuts_one_clause_out_with_its_comments_and_adds_replaces() {
        let item = clause_yaml(SECTION, 0, "a", "sha256:00").unwrap();
        assert_eq!(
            item,
            "  - id: a\n    replaces:\n      id: a\n      hash: \"sha256:00\"\n    title: A\n    # a comment\n    body: |\n      Text.\n\n      More.\n    rationale: R\n    sources: [x]\n"
        );
        let last = clause_yaml(SECTION, 1, "b", "h").unwrap();
        assert!(last.ends_with("    rationale: R\n"), "{last}");
        let file = append_clause(None, "s", &item).unwrap();
        let parsed: SectionFile = serde_yaml::from_str(&file).unwrap();
        assert_eq!(
            parsed.clauses[0].replaces.as_ref().unwrap().hash,
            "sha256:00"
        );
        let both = append_clause(Some(&file), "s", &last).unwrap();
        let parsed: SectionFile = serde_yaml::from_str(&both).unwrap();
        assert_eq!(parsed.clauses.len(), 2);
    }

    #[test]
    fn the_hash_covers_texts_in_the_library_language_only() {
        let parsed: SectionFile = serde_yaml::from_str(SECTION).unwrap();
        let mut c = parsed.clauses[0].clone();
        let h = base_hash(&c, "en");
        assert!(h.starts_with("sha256:") && h.len() == 23, "{h}");
        c.tags.push("procedure".into());
        assert_eq!(base_hash(&c, "en"), h);
        c.rationale = crate::text::Text::Plain("Other.".into());
        assert_ne!(base_hash(&c, "en"), h);
    }

    #[test]
    fn a_base_change_is_shown_as_a_short_word_diff() {
        let parsed: SectionFile = serde_yaml::from_str(SECTION).unwrap();
        let mut copy = parsed.clauses[0].clone();
        let base = copy.clone();
        copy.replaces = Some(crate::library::model::Replaces {
            id: "a".into(),
            hash: base_hash(&base, "en"),
        });
        assert!(
            check_replaced(&base, &copy, "en", |m| Diagnostic::warning("f", None, m)).is_none()
        );
        let mut changed = base.clone();
        changed.body = Some(crate::text::Text::Plain(
            "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen New words.\n".into(),
        ));
        copy.body = Some(crate::text::Text::Plain(
            "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen Old words.\n".into(),
        ));
        let d =
            check_replaced(&changed, &copy, "en", |m| Diagnostic::warning("f", None, m)).unwrap();
        assert!(
            d.message.ends_with(
                "\n      body: … ten eleven twelve thirteen fourteen fifteen [-Old-]{+New+} words."
            ),
            "{}",
            d.message
        );
    }
}
