//! Resolving inputs into one value before any work: the library, the answers file,
//! `--set` overrides and defaults. The interview fills only what is still missing.
pub mod answers_file;

use crate::answer::{Answer, Answers};
use crate::diagnostics::Diagnostic;
use crate::error::{Failure, Result};
use crate::input_file::ReadFailure;
use crate::library::Library;
use crate::library::known;
use crate::library::model::Question;
use crate::library::positions::{Positions, YamlPath};
use answers_file::{AnswersFile, SCHEMA, parse_set};
use jiff::civil::Date;
use std::path::{Path, PathBuf};

/// Loads the library (built-in plus overlays); errors become one `BadInput` failure.
pub fn load_library(overlays: &[PathBuf]) -> Result<(Library, Vec<Diagnostic>)> {
    crate::library::load::load_to_use(overlays).map_err(Failure::BadInput)
}

/// An answers file as read: the file, its typed answers, and where it came from.
pub struct LoadedAnswers {
    pub path: String,
    pub file: AnswersFile,
    pub answers: Answers,
}

impl LoadedAnswers {
    /// A fresh, empty answers file for `path`.
    pub fn empty(library: &Library, path: &Path) -> LoadedAnswers {
        LoadedAnswers {
            path: path.display().to_string(),
            file: AnswersFile {
                schema: SCHEMA,
                library: library.name_version(),
                language: library.meta.default_language.clone(),
                ..AnswersFile::default()
            },
            answers: Answers::default(),
        }
    }

    /// Saves the answers atomically, so an interrupted interview loses nothing.
    pub fn save(&mut self, library: &Library) -> Result<()> {
        self.file.schema = SCHEMA;
        self.file.library = library.name_version();
        if self.file.language.is_empty() {
            self.file.language = library.meta.default_language.clone();
        }
        self.file.set_answers(library, &self.answers);
        let yaml = serde_yaml::to_string(&self.file).map_err(anyhow::Error::from)?;
        let text = format!(
            "# hrpolicy answers: edit freely, then run `hrpolicy build` or `hrpolicy new`.\n{yaml}"
        );
        // Comments the organisation wrote in the file stay with their answers.
        let text = crate::yaml_comments::carry_into_file(Path::new(&self.path), &text);
        crate::atomic::write_atomic(Path::new(&self.path), text.as_bytes(), true)?;
        Ok(())
    }

    /// The document's date: the one the answers file gives, or today.
    pub fn document_date(&self) -> Date {
        self.file.document.date.unwrap_or_else(crate::dates::today)
    }

    /// The effective answers: only those whose question is asked.
    pub fn effective(&self, library: &Library) -> Answers {
        library.effective_answers(&self.answers)
    }

    /// The language of the handbook.
    pub fn language<'a>(&'a self, library: &'a Library) -> &'a str {
        if self.file.language.is_empty() {
            &library.meta.default_language
        } else {
            &self.file.language
        }
    }
}

/// Reads and checks an answers file; every problem is reported with its position.
pub fn load_answers(library: &Library, path: &Path) -> Result<LoadedAnswers> {
    let name = path.display().to_string();
    let text = crate::input_file::read_text(path, &name).map_err(|failure| {
        Failure::BadInput(vec![match failure {
            ReadFailure::Io(e) => {
                Diagnostic::error(&name, None, format!("cannot read the answers file: {e}"))
                    .with_help("check the path, or run `hrpolicy new DIR` to create one")
            }
            ReadFailure::Refused(d) => *d,
        }])
    })?;
    let file = AnswersFile::parse(&name, &text).map_err(Failure::BadInput)?;
    let answers = file
        .typed(library, &name, &text)
        .map_err(Failure::BadInput)?;
    Ok(LoadedAnswers {
        path: name,
        file,
        answers,
    })
}

/// Sets the handbook's language (`--lang`), which must be the library's own or one it
/// has a translation for; the answers file's `language:` is checked the same way.
pub fn set_language(
    library: &Library,
    loaded: &mut LoadedAnswers,
    lang: Option<&str>,
) -> Result<()> {
    let from_option = lang.is_some();
    if let Some(lang) = lang {
        loaded.file.language = lang.to_string();
    }
    let lang = loaded.language(library);
    if lang == library.meta.default_language || library.languages.contains_key(lang) {
        return Ok(());
    }
    let known: Vec<&str> = std::iter::once(library.meta.default_language.as_str())
        .chain(library.languages.keys().map(String::as_str))
        .collect();
    let help = format!(
        "choose one of: {} (or add translations/{lang}/ to a library overlay: see docs/translating.md)",
        known.join(", ")
    );
    let message = format!("the library has no `{lang}` translation");
    let d = if from_option {
        Diagnostic::error("--lang", None, message)
    } else {
        // Pointed at in the file (read again: this is the error path).
        let text = std::fs::read_to_string(&loaded.path).unwrap_or_default();
        let pos = Positions::index(&text).pos(&YamlPath::root().key("language"));
        let d = Diagnostic::error(&loaded.path, pos, message);
        if pos.is_some() {
            d.with_source(&text)
        } else {
            d
        }
    };
    Err(Failure::BadInput(vec![d.with_help(help)]))
}

/// Applies `--set ID=VALUE` overrides; all bad ones are reported together.
pub fn apply_sets(library: &Library, answers: &mut Answers, sets: &[String]) -> Result<()> {
    let mut problems = Vec::new();
    for s in sets {
        match parse_set(library, s) {
            Ok((id, a)) => answers.insert(&id, a),
            Err(d) => problems.push(*d),
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Failure::BadInput(problems))
    }
}

/// The default a question offers given the answers so far: the country profile's
/// (for `country-default` questions), else the library's own.
pub fn default_for(
    library: &Library,
    q: &Question,
    answers: &Answers,
    lang: &str,
) -> Option<Answer> {
    if q.country_default
        && let Some(code) = answers.text(known::PLACE_COUNTRY.id)
        && let Some(value) = library.country(code).and_then(|c| c.defaults.get(&q.id))
    {
        return library.convert_answer(q, value).ok();
    }
    // A text default (a role, say) comes in the handbook's language where one is given.
    if let Some(text) = q.translated_default.get(lang) {
        return Some(Answer::Text(text.clone()));
    }
    q.default
        .as_ref()
        .and_then(|v| library.convert_answer(q, v).ok())
}

/// Fills every missing answer that has a default (for `--defaults`), in interview order,
/// so that a country chosen earlier supplies the defaults of later questions. A question
/// about the law with no default (no country profile, or a profile without it) is
/// answered "not sure"; the warning returned names those questions.
pub fn fill_defaults(
    library: &Library,
    answers: &mut Answers,
    lang: &str,
    file: &str,
) -> Option<Diagnostic> {
    let mut not_sure = Vec::new();
    for q in library.questions() {
        let effective = library.effective_answers(answers);
        if answers.get(&q.id).is_some() || !library.is_asked(&q.id, &effective) {
            continue;
        }
        if let Some(a) = default_for(library, q, &effective, lang) {
            answers.insert(&q.id, a);
        } else if let Some(value) = q.not_sure_value() {
            answers.insert(&q.id, Answer::Text(value.to_string()));
            not_sure.push(q.id.as_str());
        }
    }
    if not_sure.is_empty() {
        return None;
    }
    Some(Diagnostic::warning(
        file,
        None,
        format!(
            "answered \"not sure\": {} — the handbook takes the safest assumption; check {} locally",
            not_sure.join(", "),
            if not_sure.len() == 1 { "it" } else { "them" }
        ),
    ))
}

/// Fails naming every asked question that has no answer. `defaults_given`: `--defaults`
/// already filled what it could, so the help does not suggest it again.
pub fn require_complete(
    library: &Library,
    answers: &Answers,
    lang: &str,
    file: &str,
    defaults_given: bool,
) -> Result<()> {
    let missing = library.missing_answers(answers);
    if missing.is_empty() {
        return Ok(());
    }
    let default = &library.meta.default_language;
    // The interview resumes a folder's answers.yaml: name that folder when it can.
    let path = std::path::Path::new(file);
    let new = match (path.file_name(), path.parent()) {
        (Some(name), Some(dir)) if name == "answers.yaml" => {
            let dir = dir.display().to_string();
            if dir.is_empty() || dir == "." {
                "hrpolicy new".to_string()
            } else if dir
                .chars()
                .all(|c| c.is_alphanumeric() || "._/-".contains(c))
            {
                format!("hrpolicy new {dir}")
            } else {
                // Quoted for the shell (a name with spaces, say).
                format!("hrpolicy new '{}'", dir.replace('\'', r"'\''"))
            }
        }
        _ => "hrpolicy new DIR".to_string(),
    };
    let text = |key: &str| {
        library
            .string(key, lang)
            .replace("{file}", file)
            .replace("{new}", &new)
    };
    Err(Failure::MissingAnswers {
        heading: text(known::strings::MISSING_HEADING)
            .replace("{count}", &missing.len().to_string()),
        questions: missing
            .iter()
            .map(|q| (q.id.clone(), q.prompt.get(lang, default).to_string()))
            .collect(),
        help: text(if defaults_given {
            known::strings::MISSING_HELP_NO_DEFAULTS
        } else {
            known::strings::MISSING_HELP
        }),
    })
}
