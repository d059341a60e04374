//! The document stage: one edition (handbook, staff summary, public statement)
//! assembled around the final clauses, after review decisions: the chapters, the legal
//! appendix, the glossary and the sources, through the edition's template, as one
//! Markdown text with its metadata. Every output format starts from it.
pub mod context;

use crate::clause_text::{RenderedClause, TextInput, number_clauses, renderer};
use crate::diagnostics::Diagnostic;
use crate::library::known;
use crate::library::positions::YamlPath;
use crate::markup::tidy;
use crate::review::record::ReviewRecord;
use context::{
    Chapter, ChapterClause, CountryNotes, EditionContext, FactItem, GlossaryItem,
    InformationalAnswer, NotSureAnswer, SourceItem,
};
use jiff::civil::Date;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The editions one set of answers gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edition {
    /// The whole staff handbook.
    Handbook,
    /// The key rules and whom to talk to, in a few pages.
    Summary,
    /// The organisation's approach, for the public, without procedures.
    Public,
}

impl Edition {
    /// The file stem of the edition's outputs (`summary.pdf`).
    pub fn name(self) -> &'static str {
        match self {
            Edition::Handbook => "handbook",
            Edition::Summary => "summary",
            Edition::Public => "public",
        }
    }

    /// The edition's template.
    pub fn template(self) -> &'static str {
        match self {
            Edition::Handbook => "handbook.md.tera",
            Edition::Summary => "summary.md.tera",
            Edition::Public => "public.md.tera",
        }
    }

    /// The key of the edition's title in the library's fixed texts (none: the library title).
    fn title_key(self) -> Option<&'static str> {
        match self {
            Edition::Handbook => None,
            Edition::Summary => Some(known::strings::SUMMARY_TITLE),
            Edition::Public => Some(known::strings::PUBLIC_TITLE),
        }
    }
}

/// The document's metadata, shared by every format.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Meta {
    pub title: String,
    pub subtitle: String,
    pub organisation: String,
    pub date: Date,
    pub version: String,
    pub lang: String,
    /// Review decisions are pending or stale: every format marks the document DRAFT.
    pub draft: bool,
    /// The fixed words every format prints, in the document's language.
    #[serde(skip)]
    pub labels: Labels,
}

/// The fixed words of the title page, header and contents, in one language.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Labels {
    pub contents: String,
    pub date: String,
    pub version: String,
    pub status: String,
    /// `DRAFT`, across pages and in headers.
    pub draft_mark: String,
    /// "Draft: not yet approved", on the title page.
    pub draft_status: String,
    /// How to update the DOCX table of contents.
    pub toc_update: String,
}

impl Default for Labels {
    /// English, as `strings.yaml` has it.
    fn default() -> Self {
        Labels {
            contents: "Contents".into(),
            date: "Date".into(),
            version: "Version".into(),
            status: "Status".into(),
            draft_mark: "DRAFT".into(),
            draft_status: "Draft — not yet approved".into(),
            toc_update: "Page numbers appear when this table is updated: in Word, right-click it and choose Update Field.".into(),
        }
    }
}

impl Labels {
    /// The labels in `lang`, from the library's fixed texts.
    pub fn of(library: &crate::library::Library, lang: &str) -> Labels {
        use crate::library::known::strings as s;
        let t = |key| library.string(key, lang);
        Labels {
            contents: t(s::CONTENTS),
            date: t(s::DATE),
            version: t(s::VERSION),
            status: t(s::STATUS),
            draft_mark: t(s::DRAFT_MARK),
            draft_status: t(s::DRAFT_STATUS),
            toc_update: t(s::TOC_UPDATE),
        }
    }
}

/// A rendered handbook: metadata and one Markdown body.
#[derive(Debug, Clone)]
pub struct Document {
    pub meta: Meta,
    pub markdown: String,
}

/// How to assemble one edition.
pub struct EditionRequest<'a> {
    pub edition: Edition,
    /// The review record, when decisions were applied.
    pub review: Option<&'a ReviewRecord>,
    /// Show each rule's rationale (the handbook edition only).
    pub with_rationale: bool,
}

/// Assembles one edition around the final clauses (after review decisions).
pub fn assemble(
    input: &TextInput<'_>,
    clauses: &[RenderedClause],
    request: &EditionRequest<'_>,
) -> Result<Document, Vec<Diagnostic>> {
    let lib = input.library;
    let text = |t: &crate::text::Text| input.text(t);
    let mut sources: Vec<(String, String)> = Vec::new();
    for section in &lib.sections {
        if let Some(intro) = &section.intro {
            sources.push((format!("intro/{}.md", section.id), text(intro)));
        }
    }
    let mut r = renderer(input, sources)?;
    // A translated edition template (`pt/handbook.md.tera`) if the library has one.
    let translated = format!("{}/{}", input.lang, request.edition.template());
    let template = if lib.templates.contains_key(&translated) {
        translated.as_str()
    } else {
        request.edition.template()
    };
    let source = lib.templates.get(template).map_or("", String::as_str);
    if let Err(e) = r.tera.add_raw_template(template, source) {
        return Err(vec![Diagnostic::error(
            &format!("templates/{template}"),
            None,
            e.to_string(),
        )]);
    }

    let mut chapters = Vec::new();
    let mut cited: BTreeSet<String> = BTreeSet::new();
    let mut summarised: BTreeMap<String, usize> = BTreeMap::new();
    for (number, section_id, numbered) in number_clauses(lib, clauses) {
        let section = lib.section(&section_id).expect("numbered from the library");
        let intro = section.intro.as_ref().map(|_| {
            r.render(
                &format!("intro/{}.md", section.id),
                &section.file,
                &YamlPath::root().key("intro"),
            )
        });
        let mut rendered = Vec::new();
        for (num, c) in numbered {
            cited.extend(c.sources.iter().cloned());
            // The staff summary keeps the first two summarised rules of each topic, and
            // every country rule: the key rules, in a page or two.
            let key = c.summary.is_some()
                && (c.country.is_some()
                    || c.topic.as_ref().is_none_or(|t| {
                        let seen = summarised.entry(t.clone()).or_insert(0);
                        *seen += 1;
                        *seen <= 2
                    }));
            rendered.push(ChapterClause {
                clause: c,
                number: num,
                key,
            });
        }
        chapters.push(Chapter {
            number,
            id: section.id.clone(),
            title: text(&section.title),
            intro,
            key_count: rendered.iter().filter(|c| c.key).count(),
            clauses: rendered,
        });
    }

    let country_notes = country_notes(input, &mut cited);
    let informational: Vec<InformationalAnswer> = lib
        .questions()
        .filter(|q| q.informational)
        .filter_map(|q| {
            let answer = input.answers.get(&q.id)?;
            Some(InformationalAnswer {
                id: q.id.clone(),
                prompt: text(&q.prompt),
                answer: answer.display(),
            })
        })
        .collect();
    let mut glossary: Vec<GlossaryItem> = lib
        .glossary
        .iter()
        .map(|e| GlossaryItem {
            term: text(&e.term),
            definition: text(&e.definition).trim().to_string(),
        })
        .collect();
    glossary.sort_by_key(|g| g.term.to_lowercase());
    let sources: Vec<SourceItem> = cited
        .iter()
        .filter_map(|id| lib.source(id))
        .map(|s| SourceItem {
            id: s.id.clone(),
            title: lib.source_title(&s.id, input.lang),
            author: s.author.clone(),
            year: s.year,
            url: s.url.clone(),
        })
        .collect();

    let title = match request.edition.title_key() {
        Some(key) => lib.string(key, input.lang),
        None => text(&lib.meta.title),
    };
    let meta = Meta {
        title,
        subtitle: text(&lib.meta.subtitle),
        organisation: input
            .answers
            .text(known::ORG_NAME.id)
            .unwrap_or_default()
            .to_string(),
        date: input.date,
        version: input.version.to_string(),
        lang: input.lang.to_string(),
        draft: request.review.is_some_and(|r| r.draft),
        labels: Labels::of(lib, input.lang),
    };
    let context = EditionContext {
        text: &r.values.text,
        meta: &meta,
        chapters,
        country_notes,
        informational,
        not_sure: not_sure_answers(input),
        glossary,
        sources,
        review: request.review,
        with_rationale: request.with_rationale && request.edition == Edition::Handbook,
        translation_note: lib.translation_note(input.lang),
    };
    let body = match tera::Context::from_serialize(&context)
        .map_err(|e| e.to_string())
        .and_then(|ctx| r.tera.render(template, &ctx).map_err(|e| e.to_string()))
    {
        Ok(s) => tidy(&s),
        Err(e) => {
            r.problems.push(Diagnostic::error(
                &format!("templates/{template}"),
                None,
                format!("cannot render: {e}"),
            ));
            String::new()
        }
    };
    r.finish(Document {
        meta,
        markdown: body,
    })
}

/// Every question about the law answered "not sure", whether the organisation said so
/// or its country profile did.
fn not_sure_answers(input: &TextInput<'_>) -> Vec<NotSureAnswer> {
    let lib = input.library;
    lib.questions()
        .filter(|q| {
            q.not_sure_value()
                .is_some_and(|value| input.answers.text(&q.id) == Some(value))
        })
        .map(|q| NotSureAnswer {
            id: q.id.clone(),
            prompt: input.text(&q.prompt),
        })
        .collect()
}

/// The legal appendix: the country profile's facts with their sources, or a note that
/// none applies.
fn country_notes(input: &TextInput<'_>, cited: &mut BTreeSet<String>) -> Option<CountryNotes> {
    let lib = input.library;
    let code = input.answers.text(known::PLACE_COUNTRY.id)?.to_string();
    let region = input
        .answers
        .text(known::PLACE_REGION.id)
        .filter(|r| !r.is_empty())
        .map(str::to_string);
    let Some(profile) = lib.country(&code) else {
        return Some(CountryNotes {
            code,
            profile: false,
            region,
            ..CountryNotes::default()
        });
    };
    let facts = profile
        .facts
        .iter()
        .map(|f| {
            cited.insert(f.source.clone());
            FactItem {
                text: input.text(&f.text).trim().to_string(),
                source: lib.source_title(&f.source, input.lang),
                checked: f.checked,
            }
        })
        .collect();
    Some(CountryNotes {
        code,
        profile: true,
        name: Some(input.text(&profile.name)),
        subnational: profile.subnational,
        region,
        last_reviewed: profile.last_reviewed,
        check_locally: profile
            .check_locally
            .as_ref()
            .map(|t| input.text(t).trim().to_string()),
        facts,
    })
}
