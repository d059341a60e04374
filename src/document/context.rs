//! What an edition template (`handbook.md.tera`, `summary.md.tera`, `public.md.tera`)
//! may read, as typed values: everything a clause text reads ([`TextContext`]), and
//! `meta`, `chapters`, `country_notes`, `informational`, `not_sure`, `glossary`,
//! `sources`, `review` and `with_rationale`. Listed for consultants in `docs/library-format.md`.
use super::Meta;
use crate::clause_text::RenderedClause;
use crate::clause_text::context::TextContext;
use crate::review::record::ReviewRecord;
use jiff::civil::Date;
use serde::Serialize;

/// The whole context of an edition template.
#[derive(Debug, Serialize)]
pub struct EditionContext<'a> {
    /// The answers, `label.*`, `country.*`, `document.*`.
    #[serde(flatten)]
    pub text: &'a TextContext,
    /// Title, subtitle, organisation, date, version, language, draft.
    pub meta: &'a Meta,
    /// The numbered chapters with their clauses.
    pub chapters: Vec<Chapter<'a>>,
    /// The legal appendix; absent when no country was given.
    pub country_notes: Option<CountryNotes>,
    /// Answers to `informational` questions, printed in the opening.
    pub informational: Vec<InformationalAnswer>,
    /// Every question about the law answered "not sure", in interview order, for the
    /// legal appendix (also those the country profile's default answers so).
    pub not_sure: Vec<NotSureAnswer>,
    /// The glossary, sorted by term.
    pub glossary: Vec<GlossaryItem>,
    /// The sources the included clauses and facts cite.
    pub sources: Vec<SourceItem>,
    /// The committee's review, when decisions were applied.
    pub review: Option<&'a ReviewRecord>,
    /// Show each rule's rationale.
    pub with_rationale: bool,
    /// One sentence saying the translation is not yet reviewed by a native-speaking
    /// practitioner; null in the library's own language or a reviewed translation.
    pub translation_note: Option<String>,
}

/// `chapters[]`.
#[derive(Debug, Serialize)]
pub struct Chapter<'a> {
    /// 1, 2, 3…
    pub number: usize,
    /// The section id.
    pub id: String,
    pub title: String,
    /// The rendered introduction (Markdown).
    pub intro: Option<String>,
    pub clauses: Vec<ChapterClause<'a>>,
    /// How many of its clauses are key rules (the staff summary).
    pub key_count: usize,
}

/// `chapters[].clauses[]`: a rendered clause, its number and whether it is a key rule.
#[derive(Debug, Serialize)]
pub struct ChapterClause<'a> {
    /// id, section, title, body (Markdown), variant, topic, rationale, summary, public,
    /// tags, country, sources.
    #[serde(flatten)]
    pub clause: &'a RenderedClause,
    /// `3.2`.
    pub number: String,
    /// Shown in the staff summary.
    pub key: bool,
}

/// `country_notes`.
#[derive(Debug, Default, Serialize)]
pub struct CountryNotes {
    /// The answer to `place.country` (`other` when none fits).
    pub code: String,
    /// Whether the library has a profile for it.
    pub profile: bool,
    pub name: Option<String>,
    /// States or provinces make their own drug law.
    pub subnational: bool,
    /// The answer to `place.region`, if any.
    pub region: Option<String>,
    pub last_reviewed: Option<Date>,
    /// Where to check the law locally.
    pub check_locally: Option<String>,
    pub facts: Vec<FactItem>,
}

/// `country_notes.facts[]`.
#[derive(Debug, Serialize)]
pub struct FactItem {
    pub text: String,
    /// The title of the fact's source.
    pub source: String,
    pub checked: Option<Date>,
}

/// `informational[]`.
#[derive(Debug, Serialize)]
pub struct InformationalAnswer {
    pub id: String,
    pub prompt: String,
    pub answer: String,
}

/// `not_sure[]`: a question about the law answered "not sure"; the handbook took the
/// safest assumption for staff.
#[derive(Debug, Serialize)]
pub struct NotSureAnswer {
    pub id: String,
    /// The question as asked, in the handbook's language.
    pub prompt: String,
}

/// `glossary[]`.
#[derive(Debug, Serialize)]
pub struct GlossaryItem {
    pub term: String,
    pub definition: String,
}

/// `sources[]`.
#[derive(Debug, Serialize)]
pub struct SourceItem {
    pub id: String,
    pub title: String,
    pub author: Option<String>,
    pub year: Option<u32>,
    pub url: Option<String>,
}
