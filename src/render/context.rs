//! The values templates read: every question by its path (hyphens as underscores),
//! `label.*` for the chosen labels, `country.*` and `document.*`.
use crate::answers::{Answer, Answers};
use crate::library::Library;
use crate::library::model::Kind;
use serde_json::{Map, Value, json};

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

/// The template context for `answers` (effective answers) in language `lang`.
pub fn answers_context(
    library: &Library,
    answers: &Answers,
    lang: &str,
    date: &str,
    version: &str,
) -> Map<String, Value> {
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
            Some(Answer::Bool(b)) => (json!(b), json!(if *b { "yes" } else { "no" })),
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
    root.insert("label".into(), Value::Object(labels));
    let country = answers
        .get("place.country")
        .and_then(|a| {
            if let Answer::Text(code) = a {
                library.country(code)
            } else {
                None
            }
        })
        .map_or(
            Value::Null,
            |c| json!({"code": c.code, "name": c.name.get(lang, &library.meta.default_language)}),
        );
    root.insert("country".into(), country);
    root.insert("document".into(), json!({"date": date, "version": version}));
    root
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
