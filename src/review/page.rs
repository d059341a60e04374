//! The interactive review page, `review.html`: the pack's clauses and the committee as
//! JSON (the contract `templates/review.js` reads), rendered into `review.html.tera`
//! with `review.css` and `review.js` inline, so the page is one self-contained file.
use super::decisions::{ClauseDecision, Committee, Decision};
use super::pack::PackEntry;
use crate::diagnostics::Diagnostic;
use crate::library::Library;
use crate::library::known;
use jiff::civil::Date;
use serde::Serialize;
use std::collections::BTreeMap;

/// The version of the JSON the page reads.
pub const FORMAT: u32 = 1;
/// The page's UI strings are the library's fixed texts under this prefix.
pub const STRINGS_PREFIX: &str = "review.page.";
/// The page's template, and the style and script it inlines.
pub const TEMPLATE: &str = "review.html.tera";
pub const CSS: &str = "review.css";
pub const SCRIPT: &str = "review.js";

/// Everything the page shows, as review.js reads it from `<script id="pack">`.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewPage {
    /// The version of this format.
    pub format: u32,
    /// A hash of the pack's content (the date it was made aside): the page keeps its work
    /// in the browser under this key, so two packs never mix.
    pub pack_id: String,
    /// The organisation whose handbook is reviewed.
    pub organisation: String,
    /// The handbook's title.
    pub handbook_title: String,
    /// The library's name and version.
    pub library: String,
    /// The day the pack was made.
    pub generated: Date,
    /// The decisions file's `answers:` path (relative to the decisions file).
    pub answers: Option<String>,
    /// UI strings by key (without [`STRINGS_PREFIX`]), in the handbook's language.
    pub strings: BTreeMap<String, String>,
    /// The committee as the decisions file records it.
    pub committee: PageCommittee,
    /// Every clause under review, in handbook order.
    pub clauses: Vec<PageClause>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageCommittee {
    pub members: Vec<PageMember>,
    /// Meeting dates.
    pub meetings: Vec<Date>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageMember {
    /// A name or a role.
    pub name: String,
    /// Lived or living experience of drug use.
    pub lived_experience: bool,
}

/// One clause on the page.
#[derive(Debug, Clone, Serialize)]
pub struct PageClause {
    pub id: String,
    /// Its number in the handbook (`3.2`).
    pub number: String,
    /// The title of its chapter.
    pub chapter: String,
    pub title: String,
    /// The text under review (Markdown), exactly as hashed into `hash`; saved as `reviewed`.
    pub text: String,
    /// The same text as HTML (comrak escapes what is not Markdown).
    pub text_html: String,
    /// `text_hash(title, text)`.
    pub hash: String,
    /// Why the rule exists, as HTML.
    pub rationale_html: String,
    pub sources: Vec<PageSource>,
    /// The clause's `when` condition as written, if it has one.
    pub condition: Option<String>,
    /// The answers its conditions read.
    pub why: Vec<PageWhy>,
    /// The variant whose wording is used (`default` for the clause's own body).
    pub variant: String,
    /// The wording of the variants it did not use.
    pub alternatives: Vec<PageAlternative>,
    /// The country profile it comes from, if any.
    pub country: Option<String>,
    /// The decision the decisions file held (a stale one is reopened by the page).
    pub decision: Option<PageDecision>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageSource {
    pub title: String,
    pub locator: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageWhy {
    /// The question as the interview asks it.
    pub question: String,
    /// The answer, as a person reads it.
    pub answer: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageAlternative {
    /// The variant id.
    pub id: String,
    /// Its condition, or `otherwise`.
    pub when: String,
    /// Its text (Markdown, shown as typed).
    pub text: String,
}

/// A decision from the decisions file, with the hash and text it was made on.
#[derive(Debug, Clone, Serialize)]
pub struct PageDecision {
    pub decision: Decision,
    pub text: Option<String>,
    pub note: Option<String>,
    pub date: Option<Date>,
    pub hash: String,
    pub reviewed: String,
}

/// What the page is made from besides the pack's clauses.
pub struct PageInput<'a> {
    pub library: &'a Library,
    pub lang: &'a str,
    pub organisation: &'a str,
    /// The decisions file's `answers:` path.
    pub answers: Option<&'a str>,
    pub committee: &'a Committee,
    pub generated: Date,
}

impl ReviewPage {
    pub fn new(input: &PageInput<'_>, entries: &[PackEntry]) -> ReviewPage {
        let library = input.library;
        let mut page = ReviewPage {
            format: FORMAT,
            pack_id: String::new(),
            organisation: input.organisation.to_string(),
            handbook_title: library
                .meta
                .title
                .get(input.lang, &library.meta.default_language)
                .to_string(),
            library: format!("{} {}", library.meta.name, library.meta.version),
            generated: input.generated,
            answers: input.answers.map(str::to_string),
            strings: strings(library, input.lang),
            committee: PageCommittee {
                members: input
                    .committee
                    .members
                    .iter()
                    .map(|m| PageMember {
                        name: m.name.clone(),
                        lived_experience: m.lived_experience,
                    })
                    .collect(),
                meetings: input.committee.meetings.clone(),
            },
            clauses: entries.iter().map(page_clause).collect(),
        };
        page.pack_id = page.content_id();
        page
    }

    /// A hash of what the committee works on: the organisation, the library, the answers
    /// path, the committee and the clauses with their decisions. Not the date the pack
    /// was made nor the UI strings, so the same pack made again keeps the browser's work.
    fn content_id(&self) -> String {
        let content = serde_json::to_vec(&(
            &self.organisation,
            &self.library,
            &self.answers,
            &self.committee,
            &self.clauses,
        ))
        .expect("the page serialises");
        format!("sha256:{}", crate::atomic::sha256_hex(&content))
    }

    /// The page as JSON that is safe inside `<script type="application/json">`: `<`, `>`
    /// and `&` (which only occur inside strings) are written as `\u003c`, `\u003e` and
    /// `\u0026`, so no text can close the element or open a comment.
    pub fn to_script_json(&self) -> String {
        let json = serde_json::to_string(self).expect("the page serialises");
        let mut out = String::with_capacity(json.len() + 64);
        for ch in json.chars() {
            match ch {
                '<' => out.push_str("\\u003c"),
                '>' => out.push_str("\\u003e"),
                '&' => out.push_str("\\u0026"),
                '\u{2028}' => out.push_str("\\u2028"),
                '\u{2029}' => out.push_str("\\u2029"),
                _ => out.push(ch),
            }
        }
        out
    }

    /// review.html: the page's template with its style, script and this data.
    pub fn render(&self, library: &Library, lang: &str) -> Result<String, Vec<Diagnostic>> {
        let file = |name: &str| {
            library.templates.get(name).ok_or_else(|| {
                vec![Diagnostic::error(
                    &format!("templates/{name}"),
                    None,
                    "the review page's template is missing",
                )]
            })
        };
        let (template, css, script) = (file(TEMPLATE)?, file(CSS)?, file(SCRIPT)?);
        for (name, text, closing) in [(CSS, css, "</style"), (SCRIPT, script, "</script")] {
            if text.to_ascii_lowercase().contains(closing) {
                return Err(vec![
                    Diagnostic::error(
                        &format!("templates/{name}"),
                        None,
                        format!("`{closing}` would end the page's inline {name} early"),
                    )
                    .with_help("write it as `<\\/...` inside strings"),
                ]);
            }
        }
        let failed = |e: tera::Error| {
            vec![Diagnostic::error(
                &format!("templates/{TEMPLATE}"),
                None,
                format!("cannot render: {e}"),
            )]
        };
        let mut tera = crate::markup::html_tera();
        tera.add_raw_template(TEMPLATE, template).map_err(failed)?;
        let title = format!(
            "{}: {} — {}",
            library.string(known::strings::REVIEW_TITLE, lang),
            self.handbook_title,
            self.organisation
        );
        let mut ctx = tera::Context::new();
        ctx.insert("lang", lang);
        ctx.insert("title", &title);
        ctx.insert("css", css);
        ctx.insert("script", script);
        ctx.insert("pack_json", &self.to_script_json());
        tera.render(TEMPLATE, &ctx).map_err(failed)
    }
}

/// The page's UI strings: every fixed text under [`STRINGS_PREFIX`], in `lang`.
fn strings(library: &Library, lang: &str) -> BTreeMap<String, String> {
    library
        .strings
        .keys()
        .filter_map(|key| {
            let short = key.strip_prefix(STRINGS_PREFIX)?;
            Some((short.to_string(), library.string(key, lang)))
        })
        .collect()
}

fn page_clause(e: &PackEntry) -> PageClause {
    PageClause {
        id: e.id.clone(),
        number: e.number.clone(),
        chapter: e.chapter.clone(),
        title: e.title.clone(),
        text: e.body.clone(),
        text_html: to_html(&e.body),
        hash: e.hash.clone(),
        rationale_html: to_html(&e.rationale),
        sources: e
            .sources
            .iter()
            .map(|s| PageSource {
                title: s.title.clone(),
                locator: s.locator.clone(),
            })
            .collect(),
        condition: e.condition.clone(),
        why: e
            .why
            .iter()
            .map(|w| PageWhy {
                question: w.prompt.clone(),
                answer: w.answer.clone(),
            })
            .collect(),
        variant: e.variant.clone(),
        alternatives: e
            .alternatives
            .iter()
            .map(|a| PageAlternative {
                id: a.id.clone(),
                when: a.when.clone(),
                text: a.text.clone(),
            })
            .collect(),
        country: e.country.clone(),
        decision: e.decision.as_ref().and_then(page_decision),
    }
}

/// The decision to show; none for an entry that only says `pending` (as `review` writes
/// for a new clause), so a pack made again before anything is decided keeps its id.
fn page_decision(d: &ClauseDecision) -> Option<PageDecision> {
    let blank = |t: &Option<String>| t.as_deref().is_none_or(|t| t.trim().is_empty());
    if d.decision == Decision::Pending && blank(&d.text) && blank(&d.note) {
        return None;
    }
    Some(PageDecision {
        decision: d.decision,
        text: d.text.clone(),
        note: d.note.clone(),
        date: d.date,
        hash: d.hash.clone(),
        reviewed: d.reviewed.clone(),
    })
}

/// Markdown to HTML with the one comrak configuration: raw HTML in it is left out,
/// escaped text stays escaped.
fn to_html(markdown: &str) -> String {
    comrak::markdown_to_html(markdown, &crate::markup::comrak_options())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(organisation: &str) -> ReviewPage {
        ReviewPage {
            format: FORMAT,
            pack_id: String::new(),
            organisation: organisation.into(),
            handbook_title: "Staff handbook".into(),
            library: "lib 1".into(),
            generated: jiff::civil::date(2026, 11, 30),
            answers: None,
            strings: BTreeMap::new(),
            committee: PageCommittee {
                members: vec![],
                meetings: vec![],
            },
            clauses: vec![],
        }
    }

    #[test]
    fn the_json_cannot_close_its_script_element() {
        let json = page("</script><script>alert(1)</script> & <!-- \u{2028}").to_script_json();
        assert!(!json.contains('<') && !json.contains('>') && !json.contains('&'));
        assert!(json.contains(r"\u003c/script\u003e\u003cscript\u003ealert(1)"));
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(
            back["organisation"],
            "</script><script>alert(1)</script> & <!-- \u{2028}"
        );
    }

    #[test]
    fn the_pack_id_follows_the_content_not_the_day() {
        let a = page("A");
        let mut later = page("A");
        later.generated = jiff::civil::date(2027, 1, 1);
        assert_eq!(a.content_id(), later.content_id());
        assert_ne!(a.content_id(), page("B").content_id());
    }

    #[test]
    fn the_library_has_every_text_the_script_uses() {
        let (library, _) = crate::library::load::load(&[]).expect("the built-in library loads");
        let header = library.templates[SCRIPT]
            .split("Keys used:")
            .nth(1)
            .and_then(|s| s.split("*/").next())
            .expect("review.js lists the keys it uses");
        let used: Vec<&str> = header
            .split(|c: char| !(c.is_ascii_lowercase() || c == '_'))
            .filter(|k| !k.is_empty())
            .collect();
        let strings = strings(&library, "en");
        let missing: Vec<&&str> = used.iter().filter(|k| !strings.contains_key(**k)).collect();
        assert!(missing.is_empty(), "not in strings.yaml: {missing:?}");
        let unused: Vec<&String> = strings
            .keys()
            .filter(|k| !used.contains(&k.as_str()))
            .collect();
        assert!(unused.is_empty(), "not used by review.js: {unused:?}");
    }

    #[test]
    fn markdown_becomes_html_and_raw_html_does_not() {
        assert_eq!(
            to_html("**Fit** for work <script>x()</script>"),
            "<p><strong>Fit</strong> for work <!-- raw HTML omitted -->x()<!-- raw HTML omitted --></p>\n"
        );
        assert_eq!(to_html(r"\<b\>"), "<p>&lt;b&gt;</p>\n");
    }
}
