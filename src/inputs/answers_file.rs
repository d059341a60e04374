//! The user's `answers.yaml` and `--set` overrides, read into typed [`Answers`].
use crate::answer::{Answer, Answers, Kind};
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::library::Library;
use crate::library::positions::{Positions, YamlPath};
use serde::{Deserialize, Serialize};

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
    pub date: Option<jiff::civil::Date>,
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
        crate::yaml_guard::check_yaml(file, text).map_err(|d| vec![*d])?;
        let parsed: AnswersFile = serde_yaml::from_str(text)
            .map_err(|e| vec![crate::library::load::yaml_error(file, text, &e)])?;
        if parsed.schema > SCHEMA {
            let pos = Positions::index(text).pos(&YamlPath::root().key("schema"));
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
        let at_answers = YamlPath::root().key("answers");
        for (n, (key, value)) in self.answers.iter().enumerate() {
            use serde_yaml::Value as V;
            // A key that is text is found by its text; any other by its number (the
            // entries are in the file's order: a key written twice is refused on reading).
            let id = match key {
                V::String(s) => s.clone(),
                V::Bool(_) | V::Number(_) => serde_yaml::to_string(key)
                    .unwrap_or_default()
                    .trim()
                    .to_string(),
                V::Null | V::Sequence(_) | V::Mapping(_) | V::Tagged(_) => {
                    let what = match key {
                        V::Null => "empty (`~`)",
                        V::Sequence(_) => "a list",
                        V::Mapping(_) => "a map",
                        _ => "a tagged value",
                    };
                    problems.push(
                        Diagnostic::error(
                            file,
                            positions.pos(&at_answers.nth_key(n)),
                            format!("a question's id is text, not {what}"),
                        )
                        .with_source(text)
                        .with_help("write one question's id, like `org.name: …`; see `hrpolicy list questions`"),
                    );
                    continue;
                }
            };
            let id = id.as_str();
            let Some(q) = library.question(id) else {
                let key_at = if key.is_string() {
                    at_answers.key_of(id)
                } else {
                    at_answers.nth_key(n)
                };
                problems.push(
                    Diagnostic::error(
                        file,
                        positions.pos(&key_at),
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
            match library.convert_answer_item(q, value) {
                Ok(a) => answers.insert(id, a),
                Err((message, help, item)) => {
                    // At the item of a list that is refused, else at the answer.
                    let at = at_answers.key(id);
                    let pos = positions.pos(&item.map_or(at.clone(), |i| at.index(i)));
                    problems.push(
                        Diagnostic::error(file, pos, message)
                            .with_source(text)
                            .with_help(help),
                    )
                }
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
    library
        .convert_answer(q, &value)
        .map(|a| (id.to_string(), a))
        .map_err(|(m, h)| bad(m, h))
}
