//! Answers: the user's `answers.yaml`, `--set` overrides, and the typed values that
//! conditions and templates read.
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::library::Library;
use crate::library::model::{Kind, Question};
use crate::library::positions::Positions;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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

    pub fn insert(&mut self, id: &str, answer: Answer) {
        self.values.insert(id.to_string(), answer);
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Answer)> {
        self.values.iter()
    }

    /// Only the answers that count: a question whose `ask-if` is false has none.
    pub fn effective(&self, library: &Library) -> Answers {
        let mut out = Answers::default();
        for q in library.questions() {
            if !library.is_asked(&q.id, &out) {
                continue;
            }
            if let Some(a) = self.get(&q.id) {
                out.insert(&q.id, a.clone());
            }
        }
        out
    }

    /// Questions that are asked (their `ask-if` holds) and have no answer, in order.
    pub fn missing<'a>(&self, library: &'a Library) -> Vec<&'a Question> {
        let effective = self.effective(library);
        library
            .questions()
            .filter(|q| library.is_asked(&q.id, &effective) && effective.get(&q.id).is_none())
            .collect()
    }
}

/// `answers.yaml` as written on disk.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct AnswersFile {
    /// The format version of this file.
    pub schema: u32,
    /// The library these answers were given against (`name version`).
    pub library: String,
    /// The handbook's language.
    pub language: String,
    /// The document's version and date, printed on the title page.
    #[serde(skip_serializing_if = "DocumentInfo::is_empty")]
    pub document: DocumentInfo,
    /// Answers by question id, in the order the interview asks them.
    pub answers: serde_yaml::Mapping,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct DocumentInfo {
    /// The policy's version, e.g. "1.0".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The policy's date (YYYY-MM-DD); today when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

impl DocumentInfo {
    pub fn is_empty(&self) -> bool {
        self.version.is_none() && self.date.is_none()
    }
}

pub const SCHEMA: u32 = 1;

impl AnswersFile {
    /// Parses `text` (from `file`), reporting syntax, type and unknown-key errors with positions.
    pub fn parse(file: &str, text: &str) -> Result<AnswersFile, Vec<Diagnostic>> {
        let parsed: AnswersFile = serde_yaml::from_str(text)
            .map_err(|e| vec![crate::library::load::yaml_error(file, text, &e)])?;
        if parsed.schema > SCHEMA {
            let pos = Positions::index(text).pos("schema");
            return Err(vec![
                Diagnostic::error(
                    file,
                    pos,
                    format!(
                        "schema {} is newer than this hrpolicy understands ({SCHEMA})",
                        parsed.schema
                    ),
                )
                .with_source(text)
                .with_help("upgrade hrpolicy"),
            ]);
        }
        Ok(parsed)
    }

    /// The typed answers, with every problem (unknown question, wrong type, unknown value).
    pub fn typed(
        &self,
        library: &Library,
        file: &str,
        text: &str,
    ) -> Result<Answers, Vec<Diagnostic>> {
        let positions = Positions::index(text);
        let mut answers = Answers::default();
        let mut problems = Vec::new();
        for (key, value) in &self.answers {
            let id = match key {
                serde_yaml::Value::String(s) => s.clone(),
                other => serde_yaml::to_string(other)
                    .unwrap_or_default()
                    .trim()
                    .to_string(),
            };
            let id = id.as_str();
            let Some(q) = library.question(id) else {
                problems.push(
                    Diagnostic::error(
                        file,
                        positions.pos(&format!("answers/{id}@key")),
                        format!("unknown question `{id}`"),
                    )
                    .with_source(text)
                    .with_help(
                        did_you_mean(id, library.questions().map(|q| q.id.as_str()))
                            .unwrap_or_else(|| {
                                "remove it, or see `hrpolicy list questions`".into()
                            }),
                    ),
                );
                continue;
            };
            match convert(library, q, value) {
                Ok(a) => answers.insert(id, a),
                Err((message, help)) => problems.push(
                    Diagnostic::error(file, positions.pos(&format!("answers/{id}")), message)
                        .with_source(text)
                        .with_help(help),
                ),
            }
        }
        if problems.is_empty() {
            Ok(answers)
        } else {
            Err(problems)
        }
    }

    /// Stores typed answers back in interview order, keeping everything else.
    pub fn set_answers(&mut self, library: &Library, answers: &Answers) {
        self.answers = library
            .questions()
            .filter_map(|q| {
                answers
                    .get(&q.id)
                    .map(|a| (serde_yaml::Value::String(q.id.clone()), a.to_yaml()))
            })
            .collect();
    }
}

/// Converts a YAML value to the answer a question takes, or says why it can't.
pub fn convert(
    library: &Library,
    q: &Question,
    value: &serde_yaml::Value,
) -> Result<Answer, (String, String)> {
    use serde_yaml::Value as V;
    let values = library.choice_values(q);
    let check_choice = |v: &str| -> Result<(), (String, String)> {
        if values.iter().any(|c| c == v) {
            Ok(())
        } else {
            Err((
                format!("`{v}` is not a choice of `{}`", q.id),
                did_you_mean(v, values.iter().map(String::as_str))
                    .unwrap_or_else(|| format!("choose one of: {}", values.join(", "))),
            ))
        }
    };
    let wrong = |expected: &str| {
        (
            format!("`{}` takes {expected}", q.id),
            format!("write {expected}"),
        )
    };
    match (q.kind, value) {
        (Kind::Choice, V::String(s)) => check_choice(s).map(|_| Answer::Text(s.clone())),
        (Kind::Choice, V::Bool(b)) => {
            let s = if *b { "yes" } else { "no" };
            check_choice(s).map(|_| Answer::Text(s.into()))
        }
        (Kind::Choice, _) => Err(wrong("one value")),
        (Kind::Multi, V::Sequence(items)) => {
            let mut out = Vec::new();
            for item in items {
                let V::String(s) = item else {
                    return Err(wrong("a list of values"));
                };
                check_choice(s)?;
                out.push(s.clone());
            }
            Ok(Answer::Multi(out))
        }
        (Kind::Multi, V::Null) => Ok(Answer::Multi(Vec::new())),
        (Kind::Multi, _) => Err(wrong("a list of values, like [a, b]")),
        (Kind::YesNo, V::Bool(b)) => Ok(Answer::Bool(*b)),
        (Kind::YesNo, V::String(s)) if matches!(s.as_str(), "yes" | "no") => {
            Ok(Answer::Bool(s == "yes"))
        }
        (Kind::YesNo, _) => Err(wrong("yes or no (true or false)")),
        (Kind::Text, V::String(s)) => Ok(Answer::Text(s.clone())),
        (Kind::Text, V::Number(n)) => Ok(Answer::Text(n.to_string())),
        (Kind::Text, _) => Err(wrong("text")),
        (Kind::Number, V::Number(n)) => n
            .as_f64()
            .map(Answer::Number)
            .ok_or_else(|| wrong("a number")),
        (Kind::Number, _) => Err(wrong("a number")),
    }
}

/// Parses one `--set ID=VALUE` (multi: comma-separated) against the library.
pub fn parse_set(library: &Library, arg: &str) -> Result<(String, Answer), Box<Diagnostic>> {
    let bad = |message: String, help: String| {
        Box::new(Diagnostic::error("--set", None, message).with_help(help))
    };
    let Some((id, raw)) = arg.split_once('=') else {
        return Err(bad(
            format!("`{arg}` is not ID=VALUE"),
            "write for example `--set org.type=community-led`".into(),
        ));
    };
    let Some(q) = library.question(id) else {
        return Err(bad(
            format!("unknown question `{id}`"),
            did_you_mean(id, library.questions().map(|q| q.id.as_str()))
                .unwrap_or_else(|| "see `hrpolicy list questions`".into()),
        ));
    };
    let value = match q.kind {
        Kind::Multi => serde_yaml::Value::Sequence(
            raw.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| serde_yaml::Value::String(s.into()))
                .collect(),
        ),
        Kind::Number => serde_yaml::from_str(raw).unwrap_or(serde_yaml::Value::String(raw.into())),
        _ => serde_yaml::Value::String(raw.into()),
    };
    convert(library, q, &value)
        .map(|a| (id.to_string(), a))
        .map_err(|(m, h)| bad(m, h))
}
