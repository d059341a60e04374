//! The library's files as written: one strict serde type per file. Unknown keys are
//! errors; every text a person reads is a [`Text`].
pub use crate::answer::Kind;
use crate::text::Text;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `library.yaml`: what the library is and how its handbook is titled.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct LibraryFile {
    /// A short machine name, recorded in answers files.
    pub name: String,
    /// The library's version, recorded in answers files and build manifests.
    pub version: String,
    /// The language of plain strings.
    pub default_language: String,
    /// The handbook's title.
    pub title: Text,
    /// The handbook's subtitle.
    pub subtitle: Text,
    /// Overlays only: clause ids to leave out of every handbook.
    pub disable: Vec<String>,
    /// Overlays only (the first `--library` folder): this folder is a whole library, as
    /// `hrpolicy library export` writes it, read in place of the built-in one.
    pub replaces_built_in: bool,
}

/// `questions.yaml`: the interview.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct QuestionsFile {
    /// Chapters of questions, asked in order.
    pub chapters: Vec<QuestionChapter>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct QuestionChapter {
    /// A stable id.
    pub id: String,
    /// Shown above the questions while they are asked.
    pub title: Text,
    /// The questions, in the order they are asked.
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct Question {
    /// Dotted, lower-case id (`legal.possession`); never translated.
    pub id: String,
    /// What kind of answer it takes.
    pub kind: Kind,
    /// The question as asked.
    pub prompt: Text,
    /// Shown under the prompt.
    pub help: Option<Text>,
    /// The values a `choice` or `multi` question offers.
    pub choices: Vec<Choice>,
    /// `countries`: one choice per country profile, plus `other`.
    pub choices_from: Option<String>,
    /// The answer offered first.
    pub default: Option<serde_yaml::Value>,
    /// Asked only when this condition holds; otherwise it has no answer.
    pub ask_if: Option<String>,
    /// A country profile may pre-fill this answer.
    pub country_default: bool,
    /// Printed in the handbook, but decides no clause.
    pub informational: bool,
    /// A text question's default in other languages (from translations), by language.
    #[serde(skip)]
    pub translated_default: BTreeMap<String, String>,
}

impl Question {
    /// The value of the choice marked `not-sure: true`, if the question has one.
    pub fn not_sure_value(&self) -> Option<&str> {
        self.choices
            .iter()
            .find(|c| c.not_sure)
            .map(|c| c.value.as_str())
    }

    /// A question about the law: it must offer a "not sure" answer
    /// ([`known::is_legal_question`](super::known::is_legal_question)).
    pub fn is_legal(&self) -> bool {
        super::known::is_legal_question(&self.id, self.country_default)
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct Choice {
    /// A stable id used in conditions and answers files.
    pub value: String,
    /// What the user sees.
    pub label: Text,
    /// The "not sure" answer of a legal question: the handbook then takes the safest
    /// assumption for staff, and the legal appendix lists it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub not_sure: bool,
}

/// `sources.yaml`, and the `sources` of a country profile.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct SourcesFile {
    pub sources: Vec<Source>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct Source {
    /// The id clauses cite.
    pub id: String,
    /// The title of the work or law.
    pub title: String,
    /// Who wrote or enacted it.
    pub author: Option<String>,
    /// The year it appeared.
    pub year: Option<u32>,
    /// Where to read it.
    pub url: Option<String>,
}

/// `sections/NN-id.yaml`: one handbook chapter.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct SectionFile {
    /// A stable id.
    pub id: String,
    /// The chapter title.
    pub title: Text,
    /// The chapter introduction (Markdown, Tera).
    pub intro: Option<Text>,
    /// The chapter's clauses, in order.
    pub clauses: Vec<Clause>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct Clause {
    /// Unique across the library.
    pub id: String,
    /// Country profiles only: the section the clause joins.
    pub section: Option<String>,
    /// The clause title.
    pub title: Text,
    /// The topic of the domain brief it covers (A1–E5).
    pub topic: Option<String>,
    /// Included only when this condition holds.
    pub when: Option<String>,
    /// The default text (Markdown, Tera).
    pub body: Option<Text>,
    /// Alternatives; the first whose condition holds replaces `body`.
    pub variants: Vec<Variant>,
    /// Why the rule exists, for reviewers.
    pub rationale: Text,
    /// One plain sentence for the staff summary.
    pub summary: Option<Text>,
    /// Part of the public statement of the organisation's approach.
    pub public: bool,
    /// Sources cited.
    pub sources: Vec<Citation>,
    /// Clauses that must be in the handbook with this one.
    pub requires: Vec<String>,
    /// Clauses that must not be.
    pub conflicts: Vec<String>,
    /// Free tags (`procedure`).
    pub tags: Vec<String>,
    /// Overlays only: the clause this one overrides and the hash of its text when it was
    /// copied (`hrpolicy library override`); a later change to that text is reported.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replaces: Option<Replaces>,
}

/// The base clause an overlay's clause overrides, as it was when copied.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct Replaces {
    /// The base clause's id (the overriding clause's own id).
    pub id: String,
    /// The hash of the base clause's texts in the library's language: title, body,
    /// variants and rationale (`sha256:` and 16 hex digits).
    pub hash: String,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct Variant {
    /// A stable id, shown by `explain` and in review packs.
    pub id: String,
    /// When this variant applies.
    pub when: String,
    /// Its text (Markdown, Tera).
    pub body: Text,
}

/// A source id, optionally with a place in it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(untagged)]
pub enum Citation {
    Id(String),
    Located(LocatedCitation),
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct LocatedCitation {
    pub id: String,
    /// Chapter, page or recommendation.
    pub locator: Option<String>,
}

impl Citation {
    pub fn id(&self) -> &str {
        match self {
            Citation::Id(id) => id,
            Citation::Located(c) => &c.id,
        }
    }

    pub fn locator(&self) -> Option<&str> {
        match self {
            Citation::Id(_) => None,
            Citation::Located(c) => c.locator.as_deref(),
        }
    }
}

/// `countries/CC.yaml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct CountryFile {
    /// ISO 3166 code, upper case.
    pub code: String,
    /// The country's name.
    pub name: Text,
    /// States or provinces make their own drug law.
    pub subnational: bool,
    /// When the profile was last checked (YYYY-MM-DD).
    pub last_reviewed: Option<jiff::civil::Date>,
    /// Where readers should check the law locally.
    pub check_locally: Option<Text>,
    /// Legal sources the facts and clauses cite.
    pub sources: Vec<Source>,
    /// Legal facts, each with a source and the date it was checked.
    pub facts: Vec<Fact>,
    /// Answers to questions marked `country-default`.
    pub defaults: BTreeMap<String, serde_yaml::Value>,
    /// Clauses the country's law demands; each names its `section`.
    pub clauses: Vec<Clause>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct Fact {
    pub text: Text,
    /// A source id.
    pub source: String,
    /// The date the fact was checked (YYYY-MM-DD).
    pub checked: Option<jiff::civil::Date>,
}

/// `strings.yaml`: the fixed texts of the documents, by key.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct StringsFile {
    /// Text by key (`edition.summary.title`).
    pub strings: BTreeMap<String, Text>,
}

/// `language.yaml`: terms to avoid.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct LanguageFile {
    pub terms: Vec<Term>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct Term {
    /// Words or phrases to avoid, matched as whole words, ignoring case.
    pub avoid: Vec<String>,
    /// What to say instead.
    pub r#use: String,
    /// The source that recommends it.
    pub source: Option<String>,
    /// Proper names inside which the term is fine.
    pub allow_in: Vec<String>,
    /// Why, in a line.
    pub note: Option<String>,
}

/// `glossary.yaml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct GlossaryFile {
    pub entries: Vec<GlossaryEntry>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct GlossaryEntry {
    pub term: Text,
    pub definition: Text,
    /// Terms to avoid that this entry names while explaining them.
    pub explains: Vec<String>,
}
