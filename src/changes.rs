//! Change notices: what changed for staff between two built handbooks (their
//! manifests): clauses added, removed and reworded, word by word.
use crate::diagnostics::Diagnostic;
use crate::error::{Failure, Result};
use crate::hash::HashMap;
use crate::library::known::strings as key;
use crate::output::{ClauseRecord, MANIFEST, Manifest};
use crate::review::worddiff::{differs, markdown as diff_markdown, word_diff};
use std::path::Path;

/// A built handbook as its folder's manifest records it.
pub struct Build {
    /// The handbook's language; empty for a build by an earlier version.
    pub lang: String,
    /// The handbook's version and date, when the manifest records them.
    pub version: String,
    pub date: Option<jiff::civil::Date>,
    pub clauses: Vec<ClauseRecord>,
}

impl Build {
    /// How the change notice names this handbook: its version and date in `lang`
    /// (`version 1.1, 30 November 2026`), else the folder it was read from.
    pub fn name(&self, folder: &Path, lang: &str, text: &dyn Fn(&str) -> String) -> String {
        let version = (!self.version.is_empty())
            .then(|| text(key::CHANGES_VERSION).replace("{version}", &self.version));
        let date = self.date.map(|d| crate::dates::long_date(d, lang));
        match (version, date) {
            (None, None) => folder.display().to_string(),
            (Some(one), None) | (None, Some(one)) => one,
            (Some(version), Some(date)) => format!("{version}, {date}"),
        }
    }
}

/// The handbook a build folder's manifest records.
pub fn read_build(dir: &Path) -> Result<Build> {
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
    Ok(Build {
        lang: manifest.lang,
        version: manifest.version,
        date: manifest.date.parse().ok(),
        clauses: manifest.clauses,
    })
}

pub struct Notice {
    pub markdown: String,
    pub added: usize,
    pub removed: usize,
    pub changed: usize,
}

/// The change notice in plain language, its fixed texts from `text` (a key of
/// `strings.yaml` to the text in the notice's language). Pure.
pub fn change_notice(
    old: &[ClauseRecord],
    new: &[ClauseRecord],
    text: &dyn Fn(&str) -> String,
) -> Notice {
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
    let was = |number: &str| text(key::CHANGES_WAS).replace("{number}", number);
    let mut md = format!("# {}\n\n", text(key::CHANGES_HEADING));
    if added.is_empty() && removed.is_empty() && changed.is_empty() {
        md.push_str(&text(key::CHANGES_NOTHING));
        md.push('\n');
    } else {
        let summary = text(key::CHANGES_SUMMARY)
            .replace("{added}", &added.len().to_string())
            .replace("{removed}", &removed.len().to_string())
            .replace("{changed}", &changed.len().to_string());
        md.push_str(&format!("{summary}\n\n"));
    }
    if !added.is_empty() {
        md.push_str(&format!("# {}\n\n", text(key::CHANGES_ADDED)));
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
        md.push_str(&format!(
            "# {}\n\n{}\n\n",
            text(key::CHANGES_REMOVED),
            text(key::CHANGES_REMOVED_INTRO)
        ));
        for c in &removed {
            md.push_str(&format!("- **{}** ({})\n", c.title, was(&c.number)));
        }
        md.push('\n');
    }
    if !changed.is_empty() {
        md.push_str(&format!(
            "# {}\n\n{}\n\n",
            text(key::CHANGES_CHANGED),
            text(key::CHANGES_CHANGED_INTRO)
        ));
        for (o, n) in &changed {
            let number = if o.number == n.number {
                n.number.clone()
            } else {
                format!("{} ({})", n.number, was(&o.number))
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
        let (library, _) = crate::library::load::load(&[]).expect("the built-in library loads");
        let english = |key: &str| library.string(key, "en");
        let n = change_notice(&old, &new, &english);
        assert_eq!((n.added, n.removed, n.changed), (1, 1, 1));
        assert!(n.markdown.starts_with(
            "# What changed\n\nThe staff handbook has been updated. New rules: 1. Rules taken out: 1. Rules reworded: 1."
        ));
        assert!(n.markdown.contains("## 1.3 Title d\n\nBrand new."));
        assert!(n.markdown.contains("- **Title c** (was 1.3)"));
        assert!(
            n.markdown
                .contains("## 1.2 Title b\n\nThe **whole** shift is paid.")
        );
        assert!(!n.markdown.contains("Title a"));
        let nothing = change_notice(&old, &old, &english);
        assert_eq!(nothing.changed, 0);
        assert!(nothing.markdown.contains("Nothing in the rules changed"));
    }
}
