//! What a clause text may read (documented for consultants in
//! `docs/library-format.md`, "Template variables"): every question by its path, with
//! hyphens as underscores (`legal.use_offence`); `label.*`, the chosen labels;
//! `country.code` and `country.name`; `document.date` and `document.version`.
use crate::answer::{Answer, Answers, Kind};
use crate::library::Library;
use crate::library::known;
use jiff::civil::Date;
use serde::Serialize;
use serde_json::{Map, Value, json};

/// The values every clause text, chapter intro and handbook template can read.
#[derive(Debug, Clone, Serialize)]
pub struct TextContext {
    /// Each question's answer at its path (`org.name`, `services`); `null` when unanswered.
    #[serde(flatten)]
    pub answers: Map<String, Value>,
    /// Each question's answer as the person saw it: choice labels, `yes`/`no`.
    pub label: Map<String, Value>,
    /// The country chosen, when it has a profile.
    pub country: Option<CountryRef>,
    /// The policy's date and version.
    pub document: DocumentRef,
}

/// `country.*`.
#[derive(Debug, Clone, Serialize)]
pub struct CountryRef {
    /// ISO code (`ZA`).
    pub code: String,
    /// The country's name in the handbook's language.
    pub name: String,
}

/// `document.*`.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentRef {
    /// YYYY-MM-DD.
    pub date: String,
    /// The date as the language writes it (`5 March 2026`, `5 de março de 2026`).
    pub date_text: String,
    /// The policy's version ("1.0"), or empty.
    pub version: String,
}

impl TextContext {
    /// The context for `answers` (effective answers) in language `lang`.
    pub fn new(
        library: &Library,
        answers: &Answers,
        lang: &str,
        date: Date,
        version: &str,
    ) -> TextContext {
        let mut root = Map::new();
        let mut labels = Map::new();
        for q in library.questions() {
            let (value, label) = match answers.get(&q.id) {
                None => (Value::Null, Value::Null),
                Some(Answer::Text(s)) if matches!(q.kind, Kind::Choice) => {
                    (json!(s), json!(library.choice_label(q, s, lang)))
                }
                Some(Answer::Text(s)) => (json!(s), json!(s)),
                Some(Answer::Number(n)) => (json!(n), json!(n)),
                Some(Answer::Bool(b)) => {
                    let key = if *b {
                        known::strings::YES
                    } else {
                        known::strings::NO
                    };
                    (json!(b), json!(library.string(key, lang)))
                }
                Some(Answer::Multi(v)) => (
                    json!(v),
                    json!(
                        v.iter()
                            .map(|s| library.choice_label(q, s, lang))
                            .collect::<Vec<_>>()
                    ),
                ),
            };
            set_path(&mut root, &q.id, value);
            set_path(&mut labels, &q.id, label);
        }
        let country = answers
            .text(known::PLACE_COUNTRY.id)
            .and_then(|code| library.country(code))
            .map(|c| CountryRef {
                code: c.code.clone(),
                name: c.name.get(lang, &library.meta.default_language).to_string(),
            });
        TextContext {
            answers: root,
            label: labels,
            country,
            document: DocumentRef {
                date: date.to_string(),
                date_text: crate::dates::long_date(date, lang),
                version: version.to_string(),
            },
        }
    }
}

/// Sets `value` at the dotted `path` inside `root`, creating maps on the way.
fn set_path(root: &mut Map<String, Value>, path: &str, value: Value) {
    let mut parts = path.split('.').peekable();
    let mut node = root;
    while let Some(part) = parts.next() {
        let key = part.replace('-', "_");
        if parts.peek().is_none() {
            node.insert(key, value);
            return;
        }
        let entry = node.entry(key).or_insert_with(|| Value::Object(Map::new()));
        if !entry.is_object() {
            *entry = Value::Object(Map::new());
        }
        node = entry.as_object_mut().expect("just made an object");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nests_paths_and_turns_hyphens_into_underscores() {
        let mut m = Map::new();
        set_path(&mut m, "staff.peer-title", json!("peer worker"));
        set_path(&mut m, "staff.categories", json!(["employees"]));
        assert_eq!(
            Value::Object(m),
            json!({"staff": {"peer_title": "peer worker", "categories": ["employees"]}})
        );
    }
}
