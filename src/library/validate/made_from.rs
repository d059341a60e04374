//! What a translation was made from: `translations/LANG/made-from.yaml` records, for
//! each text of the translation, a hash of the English it translates. When that English
//! changes (a maintainer edits a built-in clause, a consultant edits an exported
//! library), the old translation no longer says what the English says: it is left out,
//! with a warning at its place, and the text appears in English until the translation
//! is updated and recorded again (`hrpolicy library translated LANG`).
//!
//! The file, by the translation's own file names and the places inside them:
//!
//! ```yaml
//! sections/01-foundations.yaml:
//!   clauses/equal-terms/body: "9bc209f90a99a996"
//! ```
use super::super::SourceFile;
use super::super::load::de;
use crate::diagnostics::Diagnostic;
use crate::hash::HashMap;
use std::collections::BTreeMap;

/// The file's name inside a language's folder.
pub const FILE: &str = "made-from.yaml";

/// A file's record: place to hash.
pub type Places = BTreeMap<String, String>;

/// The records of the translation files being merged, by the translation file's name
/// (as messages show it).
#[derive(Default)]
pub struct MadeFrom {
    files: HashMap<String, Places>,
}

impl MadeFrom {
    /// Reads `file`, the `made-from.yaml` of one language folder.
    pub fn add(&mut self, file: &SourceFile) -> Result<(), Diagnostic> {
        let prefix = file.name.strip_suffix(FILE).unwrap_or(&file.name);
        let records: BTreeMap<String, Places> = de(file)?;
        for (rel, places) in records {
            self.files.insert(format!("{prefix}{rel}"), places);
        }
        Ok(())
    }

    /// The record of the translation file named `name`, if any.
    pub fn of(&self, name: &str) -> Option<&Places> {
        self.files.get(name)
    }
}

/// The hash recorded for an English text.
pub fn hash(english: &str) -> String {
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(english.as_bytes()))
}

/// The text of a `made-from.yaml` for `records` (translation file inside the language
/// folder, to its places).
pub fn file_text(lang: &str, records: &BTreeMap<String, Places>) -> String {
    let mut out = format!(
        "# What the `{lang}` translation was made from: for each of its texts, a hash of the\n\
         # English it translates. When the English changes, `check` and `build` warn at the\n\
         # translation's place and show the English until it is updated. Written by\n\
         # `hrpolicy library translated {lang}`: run it again once the translation says what\n\
         # the English now says. Not for editing by hand.\n"
    );
    for (rel, places) in records {
        out.push_str(&format!("{}:\n", yaml_key(rel)));
        for (place, h) in places {
            out.push_str(&format!("  {}: \"{h}\"\n", yaml_key(place)));
        }
    }
    out
}

/// `key` as a YAML mapping key: plain when it is safe, else double-quoted.
fn yaml_key(key: &str) -> String {
    let plain = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '/' | '[' | ']'))
        && !key.starts_with(['-', '[', ']'])
        && !matches!(
            key,
            "y" | "n" | "yes" | "no" | "true" | "false" | "on" | "off" | "null" | "~"
        );
    if plain {
        key.to_string()
    } else {
        serde_json::to_string(key).unwrap_or_else(|_| format!("\"{key}\""))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_record_reads_back_as_it_was() {
        let mut records = BTreeMap::new();
        let mut places = Places::new();
        places.insert("clauses/equal-terms/body".into(), hash("Equal terms."));
        places.insert("facts/0".into(), hash("A fact."));
        places.insert("strings/yes".into(), hash("Yes"));
        places.insert("questions/legal.x/choices/no".into(), hash("No"));
        places.insert("odd: key \"quoted\"".into(), hash("x"));
        records.insert("sections/01-foundations.yaml".to_string(), places.clone());
        records.insert("countries/ZA.yaml".to_string(), places);
        let text = file_text("uk", &records);
        let back: BTreeMap<String, Places> = serde_yaml::from_str(&text).unwrap();
        assert_eq!(back, records);
        assert_eq!(hash("Equal terms.").len(), 16);
        assert_ne!(hash("Equal terms."), hash("Equal terms"));
    }
}
