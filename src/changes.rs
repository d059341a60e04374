//! Change notices: what changed for staff between two built handbooks (their
//! manifests): clauses added, removed and reworded, word by word.
use crate::diagnostics::Diagnostic;
use crate::error::{Failure, Result};
use crate::output::{ClauseRecord, MANIFEST, Manifest};
use crate::review::worddiff::{differs, markdown as diff_markdown, word_diff};
use std::collections::HashMap;
use std::path::Path;

/// The clauses a build folder's manifest records.
pub fn read_build(dir: &Path) -> Result<Vec<ClauseRecord>> {
    let path = dir.join(MANIFEST);
    let name = path.display().to_string();
    let text = std::fs::read_to_string(&path).map_err(|e| {
        Failure::BadInput(vec![
            Diagnostic::error(&name, None, format!("cannot read it: {e}")).with_help(format!(
                "{} must be a folder written by `hrpolicy build`",
                dir.display()
            )),
        ])
    })?;
    let manifest: Manifest = serde_json::from_str(&text).map_err(|e| {
        let pos = crate::diagnostics::Pos {
            line: e.line(),
            col: e.column(),
        };
        Failure::BadInput(vec![Diagnostic::error(
            &name,
            Some(pos),
            format!("not a manifest hrpolicy wrote: {e}"),
        )])
    })?;
    Ok(manifest.clauses)
}

pub struct Notice {
    pub markdown: String,
    pub added: usize,
    pub removed: usize,
    pub changed: usize,
}

/// The change notice in plain language. Pure.
pub fn change_notice(old: &[ClauseRecord], new: &[ClauseRecord]) -> Notice {
    let old_by_id: HashMap<&str, &ClauseRecord> = old.iter().map(|o| (o.id.as_str(), o)).collect();
    let new_by_id: HashMap<&str, &ClauseRecord> = new.iter().map(|n| (n.id.as_str(), n)).collect();
    let added: Vec<&ClauseRecord> = new
        .iter()
        .filter(|n| !old_by_id.contains_key(n.id.as_str()))
        .collect();
    let removed: Vec<&ClauseRecord> = old
        .iter()
        .filter(|o| !new_by_id.contains_key(o.id.as_str()))
        .collect();
    let changed: Vec<(&ClauseRecord, &ClauseRecord)> = new
        .iter()
        .filter_map(|n| old_by_id.get(n.id.as_str()).map(|o| (*o, n)))
        .filter(|(o, n)| differs(&o.text, &n.text) || o.title != n.title)
        .collect();
    let mut md = String::from("# What changed\n\n");
    if added.is_empty() && removed.is_empty() && changed.is_empty() {
        md.push_str("Nothing in the rules changed: the two handbooks have the same clauses, with the same words.\n");
    } else {
        md.push_str(&format!(
            "The staff handbook has been updated: {} new rule{}, {} rule{} taken out and {} rule{} reworded. \
             This notice lists each change. Ask your supervisor if anything is unclear.\n\n",
            added.len(),
            plural(added.len()),
            removed.len(),
            plural(removed.len()),
            changed.len(),
            plural(changed.len())
        ));
    }
    if !added.is_empty() {
        md.push_str("# New rules\n\n");
        for c in &added {
            md.push_str(&format!(
                "## {} {}\n\n{}\n\n",
                c.number,
                c.title,
                c.text.trim()
            ));
        }
    }
    if !removed.is_empty() {
        md.push_str("# Rules taken out\n\nThese rules no longer apply:\n\n");
        for c in &removed {
            md.push_str(&format!("- **{}** (was {})\n", c.title, c.number));
        }
        md.push('\n');
    }
    if !changed.is_empty() {
        md.push_str("# Rules that changed\n\nWords taken out are struck through; new words are in bold.\n\n");
        for (o, n) in &changed {
            let number = if o.number == n.number {
                n.number.clone()
            } else {
                format!("{} (was {})", n.number, o.number)
            };
            md.push_str(&format!(
                "## {number} {}\n\n{}\n\n",
                n.title,
                diff_markdown(&word_diff(o.text.trim(), n.text.trim()))
            ));
        }
    }
    Notice {
        markdown: md,
        added: added.len(),
        removed: removed.len(),
        changed: changed.len(),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(id: &str, number: &str, text: &str) -> ClauseRecord {
        ClauseRecord {
            id: id.into(),
            number: number.into(),
            title: format!("Title {id}"),
            text: text.into(),
        }
    }

    #[test]
    fn lists_added_removed_and_changed_clauses_with_a_word_diff() {
        let old = vec![
            rec("a", "1.1", "Keep this."),
            rec("b", "1.2", "The shift is paid."),
            rec("c", "1.3", "Gone soon."),
        ];
        let new = vec![
            rec("a", "1.1", "Keep this."),
            rec("b", "1.2", "The whole shift is paid."),
            rec("d", "1.3", "Brand new."),
        ];
        let n = change_notice(&old, &new);
        assert_eq!((n.added, n.removed, n.changed), (1, 1, 1));
        assert!(n.markdown.contains("## 1.3 Title d\n\nBrand new."));
        assert!(n.markdown.contains("- **Title c** (was 1.3)"));
        assert!(
            n.markdown
                .contains("## 1.2 Title b\n\nThe **whole** shift is paid.")
        );
        assert!(!n.markdown.contains("Title a"));
    }
}
