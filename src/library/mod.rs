//! The clause library: loaded from the embedded `policy-library/` and an optional
//! overlay folder, validated, and queried by the rest of the program.
pub mod load;
pub mod model;
pub mod positions;
pub mod template_check;
pub mod validate;

use crate::answers::Answers;
use crate::condition::Condition;
use model::{
    Clause, CountryFile, GlossaryEntry, LibraryFile, Question, QuestionChapter, Source, Term,
    Variant,
};
use std::collections::{BTreeMap, HashMap, HashSet};

/// The library's files as they were read: display name and text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
    /// Read from an overlay folder (`--library DIR`), not the built-in library.
    pub overlay: bool,
    /// The same content as JSON, made at build time for built-in files (faster to load).
    pub json: Option<&'static str>,
}

/// A clause ready for selection: its conditions parsed, its origin known.
#[derive(Debug, Clone)]
pub struct CompiledClause {
    pub clause: Clause,
    pub when: Option<Condition>,
    pub variants: Vec<(Variant, Condition)>,
    /// The file it was read from.
    pub file: String,
    /// Its path inside that file (`clauses/3`), for positions.
    pub path: String,
    /// Set for clauses that come from a country profile.
    pub country: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Section {
    pub id: String,
    pub title: crate::text::Text,
    pub intro: Option<crate::text::Text>,
    pub clauses: Vec<CompiledClause>,
    pub file: String,
}

#[derive(Debug, Clone, Default)]
pub struct Library {
    pub meta: LibraryFile,
    pub chapters: Vec<QuestionChapter>,
    pub ask_if: HashMap<String, Condition>,
    pub sources: Vec<Source>,
    pub sections: Vec<Section>,
    pub countries: Vec<CountryFile>,
    pub language: Vec<Term>,
    pub glossary: Vec<GlossaryEntry>,
    /// Template name (`handbook.md.tera`) to text.
    pub templates: BTreeMap<String, String>,
    /// Clause ids an overlay switched off.
    pub disabled: HashSet<String>,
    /// Every file read, by display name, for positions in later messages.
    pub files: Vec<SourceFile>,
}

impl Library {
    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.chapters.iter().flat_map(|c| c.questions.iter())
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions().find(|q| q.id == id)
    }

    /// The chapter a question belongs to.
    pub fn chapter_of(&self, id: &str) -> Option<&QuestionChapter> {
        self.chapters
            .iter()
            .find(|c| c.questions.iter().any(|q| q.id == id))
    }

    /// The values a choice or multi question accepts.
    pub fn choice_values(&self, q: &Question) -> Vec<String> {
        if q.choices_from.as_deref() == Some("countries") {
            // Offered by name, as a person looks for them.
            let lang = &self.meta.default_language;
            let mut countries: Vec<_> = self.countries.iter().collect();
            countries.sort_by(|a, b| a.name.get(lang, lang).cmp(b.name.get(lang, lang)));
            let mut v: Vec<String> = countries.iter().map(|c| c.code.clone()).collect();
            v.push("other".into());
            v
        } else {
            q.choices.iter().map(|c| c.value.clone()).collect()
        }
    }

    /// The label of one choice value (a country's name for `choices-from: countries`).
    pub fn choice_label(&self, q: &Question, value: &str, lang: &str) -> String {
        let default = &self.meta.default_language;
        if q.choices_from.as_deref() == Some("countries") {
            return match self.country(value) {
                Some(c) => c.name.get(lang, default).to_string(),
                None if value == "other" => "Another country".into(),
                None => value.to_string(),
            };
        }
        q.choices.iter().find(|c| c.value == value).map_or_else(
            || value.to_string(),
            |c| c.label.get(lang, default).to_string(),
        )
    }

    /// Whether `id` is asked, given the answers so far.
    pub fn is_asked(&self, id: &str, answers: &Answers) -> bool {
        self.ask_if
            .get(id)
            .is_none_or(|c| c.eval(answers, &mut Vec::new()))
    }

    pub fn country(&self, code: &str) -> Option<&CountryFile> {
        self.countries.iter().find(|c| c.code == code)
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    pub fn clauses(&self) -> impl Iterator<Item = (&Section, &CompiledClause)> {
        self.sections
            .iter()
            .flat_map(|s| s.clauses.iter().map(move |c| (s, c)))
    }

    pub fn clause(&self, id: &str) -> Option<(&Section, &CompiledClause)> {
        self.clauses().find(|(_, c)| c.clause.id == id)
    }

    pub fn file_text(&self, name: &str) -> &str {
        self.files
            .iter()
            .find(|f| f.name == name)
            .map_or("", |f| f.text.as_str())
    }

    /// `name version`, as recorded in answers files.
    pub fn name_version(&self) -> String {
        format!("{} {}", self.meta.name, self.meta.version)
    }
}
