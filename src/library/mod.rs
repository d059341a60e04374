//! The clause library: loaded from the embedded `policy-library/` and any overlay
//! folders ([`load`]), merged and checked ([`validate`]), then queried by id through
//! maps ([`query`]), so every lookup costs the same at any library size.
pub mod known;
pub mod load;
pub mod model;
pub mod overlay_dir;
pub mod overrides;
pub mod positions;
pub mod query;
pub mod scaffold;
pub mod template_check;
pub mod translation;
pub mod validate;

use crate::condition::Condition;
use crate::hash::{HashMap, HashSet};
use model::{
    Clause, CountryFile, GlossaryEntry, LibraryFile, QuestionChapter, Source, Term, Variant,
};
use std::collections::BTreeMap;

/// The library's files as they were read: display name and text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub text: FileText,
    /// Read from an overlay folder (`--library DIR`), not the built-in library.
    pub overlay: bool,
    /// The same content as JSON, made at build time for built-in files (faster to load).
    pub json: Option<&'static str>,
}

/// A library file's text: borrowed from the binary for built-in files, shared for files
/// read from disk, so that the library's many copies of a file cost nothing.
#[derive(Clone)]
pub enum FileText {
    BuiltIn(&'static str),
    Read(std::sync::Arc<str>),
}

impl std::ops::Deref for FileText {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            FileText::BuiltIn(s) => s,
            FileText::Read(s) => s,
        }
    }
}

impl std::fmt::Debug for FileText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

impl From<String> for FileText {
    fn from(s: String) -> FileText {
        FileText::Read(s.into())
    }
}

impl From<&str> for FileText {
    fn from(s: &str) -> FileText {
        FileText::Read(s.into())
    }
}

/// A clause ready for selection: its conditions parsed, its origin known.
#[derive(Debug, Clone)]
pub struct CompiledClause {
    pub clause: Clause,
    pub when: Option<Condition>,
    pub variants: Vec<(Variant, Condition)>,
    /// The file it was read from.
    pub file: String,
    /// Its place inside that file (`clauses/3`), for positions.
    pub path: positions::YamlPath,
    /// Set for clauses that come from a country profile.
    pub country: Option<String>,
}

#[derive(Debug, Clone, Default)]
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
    /// Translation files not merged yet: a build merges only the language it uses.
    pub(crate) deferred_translations: Vec<(String, SourceFile)>,
    /// The translations the library holds, by language code.
    pub languages: BTreeMap<String, translation::LanguageInfo>,
    /// Source titles in other languages: source id to language to title.
    pub source_titles: HashMap<String, BTreeMap<String, String>>,
    /// Fixed texts of the documents, by key (`strings.yaml`).
    pub strings: BTreeMap<String, crate::text::Text>,
    /// Template name (`handbook.md.tera`) to text.
    pub templates: BTreeMap<String, String>,
    /// Clause ids an overlay switched off.
    pub disabled: HashSet<String>,
    /// Built-in clauses and country profiles an overlay replaced, as they were: a
    /// built-in translation applies to the overlay's text only where its English is the
    /// same (a consultant's edit is not hidden behind the old text's translation).
    pub(crate) replaced_clauses: HashMap<String, model::Clause>,
    pub(crate) replaced_countries: HashMap<String, model::CountryFile>,
    /// With every text checked (`check`): the hash of the English each translated text
    /// translates now, by translation file name, then place (see `made-from.yaml`).
    pub(crate) made_from_now: BTreeMap<String, validate::made_from::Places>,
    /// Every file read, by display name, for positions in later messages.
    pub files: Vec<SourceFile>,
    /// Positions by id, built once the library is complete ([`Library::reindex`]).
    pub(crate) index: Index,
}

/// Where each id lives in the library's vectors.
#[derive(Debug, Clone, Default)]
pub(crate) struct Index {
    /// Question id to (chapter, question).
    pub questions: HashMap<String, (usize, usize)>,
    /// Clause id to (section, clause).
    pub clauses: HashMap<String, (usize, usize)>,
    pub sections: HashMap<String, usize>,
    pub countries: HashMap<String, usize>,
    pub sources: HashMap<String, usize>,
    pub files: HashMap<String, usize>,
}
