//! Answer values and the kinds of question they answer. A leaf: it imports no other
//! stage, so conditions, the library and every later stage can read answers.
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The kind of answer a question takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// One value from a list.
    #[default]
    Choice,
    /// Any number of values from a list.
    Multi,
    /// Yes or no.
    YesNo,
    /// Free text.
    Text,
    /// A number.
    Number,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Choice => "choice",
            Kind::Multi => "multi",
            Kind::YesNo => "yes-no",
            Kind::Text => "text",
            Kind::Number => "number",
        }
    }
}

/// One typed answer. Choice answers are `Text` holding the choice value.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    Text(String),
    Number(f64),
    Bool(bool),
    Multi(Vec<String>),
}

impl Answer {
    /// The YAML form written to answers files.
    pub fn to_yaml(&self) -> serde_yaml::Value {
        match self {
            Answer::Text(s) => serde_yaml::Value::String(s.clone()),
            Answer::Number(n) => serde_yaml::to_value(n).unwrap_or(serde_yaml::Value::Null),
            Answer::Bool(b) => serde_yaml::Value::Bool(*b),
            Answer::Multi(v) => serde_yaml::Value::Sequence(
                v.iter().cloned().map(serde_yaml::Value::String).collect(),
            ),
        }
    }

    /// A short human form: `yes`, `nsp, outreach`, `(none)`.
    pub fn display(&self) -> String {
        match self {
            Answer::Text(s) => s.clone(),
            Answer::Number(n) => n.to_string(),
            Answer::Bool(b) => if *b { "yes" } else { "no" }.into(),
            Answer::Multi(v) if v.is_empty() => "(none)".into(),
            Answer::Multi(v) => v.join(", "),
        }
    }

    /// The text of a text or choice answer.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Answer::Text(s) => Some(s),
            _ => None,
        }
    }
}

/// Answers by question id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Answers {
    values: BTreeMap<String, Answer>,
}

impl Answers {
    pub fn get(&self, id: &str) -> Option<&Answer> {
        self.values.get(id)
    }

    /// The text of a text or choice answer to `id`.
    pub fn text(&self, id: &str) -> Option<&str> {
        self.get(id).and_then(Answer::as_text)
    }

    pub fn insert(&mut self, id: &str, answer: Answer) {
        self.values.insert(id.to_string(), answer);
    }

    pub fn remove(&mut self, id: &str) -> Option<Answer> {
        self.values.remove(id)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Answer)> {
        self.values.iter()
    }
}
