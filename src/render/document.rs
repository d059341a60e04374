//! One document from a plan: every included clause rendered through Tera, then the
//! handbook template around them. Every output format starts from this Markdown.
use super::context::answers_context;
use super::engine::markdown_tera;
use crate::answers::{Answer, Answers};
use crate::diagnostics::Diagnostic;
use crate::library::Library;
use crate::library::positions::Positions;
use crate::select::Plan;
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};

/// The document's metadata, shared by every format.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Meta {
    pub title: String,
    pub subtitle: String,
    pub organisation: String,
    pub date: String,
    pub version: String,
    pub lang: String,
    /// Review decisions are pending or stale: every format marks the document DRAFT.
    pub draft: bool,
}

/// A rendered handbook: metadata and one Markdown body.
#[derive(Debug, Clone)]
pub struct Document {
    pub meta: Meta,
    pub markdown: String,
}

/// What the document is built from, besides the plan.
pub struct DocumentInput<'a> {
    pub library: &'a Library,
    pub answers: &'a Answers,
    pub lang: &'a str,
    pub date: &'a str,
    pub version: &'a str,
    /// The template to render (`handbook.md.tera`).
    pub template: &'a str,
    /// Mark the document as a draft.
    pub draft: bool,
}

/// One included clause as rendered, before review decisions are applied.
#[derive(Debug, Clone, Serialize)]
pub struct RenderedClause {
    pub id: String,
    pub section: String,
    pub title: String,
    /// The library's text, rendered with the answers.
    pub body: String,
    /// The committee's amended text, rendered the same way, when there is one.
    pub amended: Option<String>,
    pub variant: String,
    /// The topic of the domain brief (A1–E5).
    pub topic: Option<String>,
    pub rationale: String,
    pub summary: Option<String>,
    pub public: bool,
    pub tags: Vec<String>,
    pub country: Option<String>,
    pub sources: Vec<String>,
}

/// Collects rendering problems as diagnostics pointing into the library's files.
struct Renderer<'a> {
    tera: tera::Tera,
    context: tera::Context,
    library: &'a Library,
    problems: Vec<Diagnostic>,
}

impl Renderer<'_> {
    fn render(&mut self, name: &str, file: &str, path: &str) -> String {
        match self.tera.render(name, &self.context) {
            Ok(s) => s.trim().to_string(),
            Err(e) => {
                let text = self.library.file_text(file);
                let pos = Positions::index(text).pos(path);
                let message = match e.kind() {
                    tera::ErrorKind::RenderingError(r) | tera::ErrorKind::SyntaxError(r) => {
                        r.message().to_string()
                    }
                    other => other.to_string(),
                };
                let d = if text.is_empty() {
                    Diagnostic::error(file, None, format!("cannot render: {message}"))
                } else {
                    Diagnostic::error(file, pos, format!("cannot render: {message}"))
                        .with_source(text)
                };
                self.problems.push(d);
                String::new()
            }
        }
    }
}

fn renderer<'a>(
    input: &DocumentInput<'a>,
    sources: Vec<(String, String)>,
) -> Result<Renderer<'a>, Vec<Diagnostic>> {
    let mut tera = markdown_tera();
    if let Err(e) = tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), t.as_str()))) {
        return Err(vec![Diagnostic::error("templates", None, e.to_string())]);
    }
    let answers_ctx = answers_context(
        input.library,
        input.answers,
        input.lang,
        input.date,
        input.version,
    );
    let context = tera::Context::from_serialize(&answers_ctx)
        .map_err(|e| vec![Diagnostic::error("templates", None, e.to_string())])?;
    Ok(Renderer {
        tera,
        context,
        library: input.library,
        problems: Vec::new(),
    })
}

/// Renders the text of every included clause, and of each amendment (`clause id` to
/// amended source text, from `amendments_file`), with the answers.
pub fn render_clauses(
    input: &DocumentInput<'_>,
    plan: &Plan<'_>,
    amendments: &BTreeMap<String, String>,
    amendments_file: &str,
) -> Result<Vec<RenderedClause>, Vec<Diagnostic>> {
    let lib = input.library;
    let default_lang = lib.meta.default_language.as_str();
    let text = |t: &crate::text::Text| t.get(input.lang, default_lang).to_string();
    // Every text goes in as a template, in one batch.
    let mut sources: Vec<(String, String)> = Vec::new();
    for c in plan.included() {
        let body = c
            .variant
            .map(|v| &v.body)
            .or(c.clause.clause.body.as_ref())
            .map(&text)
            .unwrap_or_default();
        sources.push((format!("clause/{}.md", c.clause.clause.id), body));
    }
    for (id, amended) in amendments {
        sources.push((format!("amended/{id}.md"), amended.clone()));
    }
    let mut r = renderer(input, sources)?;
    let mut out = Vec::new();
    for c in plan.included() {
        let id = &c.clause.clause.id;
        let body_path = match c.variant {
            Some(v) => {
                let idx = c
                    .clause
                    .clause
                    .variants
                    .iter()
                    .position(|x| x.id == v.id)
                    .unwrap_or(0);
                format!("{}/variants/{idx}/body", c.clause.path)
            }
            None => format!("{}/body", c.clause.path),
        };
        let body = r.render(&format!("clause/{id}.md"), &c.clause.file, &body_path);
        let amended = amendments.contains_key(id).then(|| {
            r.render(
                &format!("amended/{id}.md"),
                amendments_file,
                &format!("clauses/{id}/text"),
            )
        });
        out.push(RenderedClause {
            id: id.clone(),
            section: c.section.id.clone(),
            title: text(&c.clause.clause.title),
            body,
            amended,
            variant: c.variant_id().to_string(),
            topic: c.clause.clause.topic.clone(),
            rationale: text(&c.clause.clause.rationale).trim().to_string(),
            summary: c
                .clause
                .clause
                .summary
                .as_ref()
                .map(|t| text(t).trim().to_string()),
            public: c.clause.clause.public,
            tags: c.clause.clause.tags.clone(),
            country: c.clause.country.clone(),
            sources: c
                .clause
                .clause
                .sources
                .iter()
                .map(|s| s.id().to_string())
                .collect(),
        });
    }
    if r.problems.is_empty() {
        Ok(out)
    } else {
        Err(r.problems)
    }
}

/// A chapter's number, its section id, and its clauses with their numbers (`3.2`).
pub type NumberedChapter<'c> = (usize, String, Vec<(String, &'c RenderedClause)>);

/// The clauses as they appear in the document, numbered by chapter: `(chapter number,
/// section, clauses with their numbers)`.
pub fn number_clauses<'c>(
    library: &Library,
    clauses: &'c [RenderedClause],
) -> Vec<NumberedChapter<'c>> {
    let mut chapters = Vec::new();
    for section in &library.sections {
        let in_section: Vec<&RenderedClause> =
            clauses.iter().filter(|c| c.section == section.id).collect();
        if in_section.is_empty() {
            continue;
        }
        let n = chapters.len() + 1;
        let numbered = in_section
            .into_iter()
            .enumerate()
            .map(|(i, c)| (format!("{n}.{}", i + 1), c))
            .collect();
        chapters.push((n, section.id.clone(), numbered));
    }
    chapters
}

/// Assembles the document around the final clauses (after review decisions), with
/// `extra` values for the template (the review record, for one).
pub fn assemble(
    input: &DocumentInput<'_>,
    clauses: &[RenderedClause],
    extra: &serde_json::Map<String, Value>,
) -> Result<Document, Vec<Diagnostic>> {
    let lib = input.library;
    let default_lang = lib.meta.default_language.as_str();
    let text = |t: &crate::text::Text| t.get(input.lang, default_lang).to_string();
    let mut sources: Vec<(String, String)> = Vec::new();
    for section in &lib.sections {
        if let Some(intro) = &section.intro {
            sources.push((format!("intro/{}.md", section.id), text(intro)));
        }
    }
    for (name, t) in &lib.templates {
        sources.push((name.clone(), t.clone()));
    }
    let mut r = renderer(input, sources)?;

    let mut chapters = Vec::new();
    let mut cited: BTreeSet<String> = BTreeSet::new();
    let mut summarised: BTreeMap<String, usize> = BTreeMap::new();
    for (number, section_id, numbered) in number_clauses(lib, clauses) {
        let section = lib
            .sections
            .iter()
            .find(|s| s.id == section_id)
            .expect("numbered from the library");
        let intro = section
            .intro
            .as_ref()
            .map(|_| r.render(&format!("intro/{}.md", section.id), &section.file, "intro"));
        let mut rendered = Vec::new();
        for (num, c) in numbered {
            cited.extend(c.sources.iter().cloned());
            let mut v = serde_json::to_value(c).unwrap_or(Value::Null);
            v["number"] = json!(num);
            // The staff summary keeps the first two summarised rules of each topic, and
            // every country rule: the key rules, in a page or two.
            let key = c.summary.is_some()
                && (c.country.is_some()
                    || c.topic.as_ref().is_none_or(|t| {
                        let seen = summarised.entry(t.clone()).or_insert(0);
                        *seen += 1;
                        *seen <= 2
                    }));
            v["key"] = json!(key);
            rendered.push(v);
        }
        let key_count = rendered.iter().filter(|c| c["key"] == json!(true)).count();
        chapters.push(json!({
            "number": number,
            "id": section.id,
            "title": text(&section.title),
            "intro": intro,
            "clauses": rendered,
            "key_count": key_count,
        }));
    }

    let country = country_context(lib, input, &mut cited);
    let informational: Vec<Value> = lib
        .questions()
        .filter(|q| q.informational)
        .filter_map(|q| {
            let answer = input.answers.get(&q.id)?;
            Some(json!({"id": q.id, "prompt": text(&q.prompt), "answer": answer.display()}))
        })
        .collect();
    let glossary: Vec<Value> = {
        let mut entries: Vec<(String, String)> = lib
            .glossary
            .iter()
            .map(|e| (text(&e.term), text(&e.definition).trim().to_string()))
            .collect();
        entries.sort_by_key(|(t, _)| t.to_lowercase());
        entries
            .into_iter()
            .map(|(term, definition)| json!({"term": term, "definition": definition}))
            .collect()
    };
    let sources: Vec<Value> = cited
        .iter()
        .filter_map(|id| lib.source(id))
        .map(|s| json!({"id": s.id, "title": s.title, "author": s.author, "year": s.year, "url": s.url}))
        .collect();

    let organisation = match input.answers.get("org.name") {
        Some(Answer::Text(s)) => s.clone(),
        _ => String::new(),
    };
    let meta = Meta {
        title: text(&lib.meta.title),
        subtitle: text(&lib.meta.subtitle),
        organisation,
        date: input.date.to_string(),
        version: input.version.to_string(),
        lang: input.lang.to_string(),
        draft: input.draft,
    };

    let mut ctx = r.context.clone();
    ctx.insert("meta", &meta);
    ctx.insert("chapters", &chapters);
    ctx.insert("country_notes", &country);
    ctx.insert("informational", &informational);
    ctx.insert("glossary", &glossary);
    ctx.insert("sources", &sources);
    ctx.insert("review", &Value::Null);
    ctx.insert("with_rationale", &false);
    for (k, v) in extra {
        ctx.insert(k.clone(), v);
    }
    let body = match r.tera.render(input.template, &ctx) {
        Ok(s) => tidy(&s),
        Err(e) => {
            r.problems.push(Diagnostic::error(
                &format!("templates/{}", input.template),
                None,
                format!("cannot render: {e}"),
            ));
            String::new()
        }
    };
    if r.problems.is_empty() {
        Ok(Document {
            meta,
            markdown: body,
        })
    } else {
        Err(r.problems)
    }
}

/// Renders arbitrary library texts `(name, source)` with the answers, in order.
pub fn render_texts(
    input: &DocumentInput<'_>,
    texts: &[(String, String)],
    file: &str,
) -> Result<Vec<String>, Vec<Diagnostic>> {
    let sources: Vec<(String, String)> = texts
        .iter()
        .map(|(n, t)| (format!("text/{n}.md"), t.clone()))
        .collect();
    let mut r = renderer(input, sources)?;
    let out = texts
        .iter()
        .map(|(n, _)| r.render(&format!("text/{n}.md"), file, ""))
        .collect();
    if r.problems.is_empty() {
        Ok(out)
    } else {
        Err(r.problems)
    }
}

/// Renders the document without review decisions (every included clause as written).
pub fn render_document(
    input: &DocumentInput<'_>,
    plan: &Plan<'_>,
) -> Result<Document, Vec<Diagnostic>> {
    let clauses = render_clauses(input, plan, &BTreeMap::new(), "")?;
    assemble(input, &clauses, &serde_json::Map::new())
}

/// The country chapter: the profile's facts with their sources, or a note that none applies.
fn country_context(
    lib: &Library,
    input: &DocumentInput<'_>,
    cited: &mut BTreeSet<String>,
) -> Value {
    let default_lang = lib.meta.default_language.as_str();
    let code = match input.answers.get("place.country") {
        Some(Answer::Text(c)) => c.clone(),
        _ => return Value::Null,
    };
    let region = match input.answers.get("place.region") {
        Some(Answer::Text(r)) if !r.is_empty() => Some(r.clone()),
        _ => None,
    };
    let Some(profile) = lib.country(&code) else {
        return json!({"code": code, "profile": false, "region": region});
    };
    let facts: Vec<Value> = profile
        .facts
        .iter()
        .map(|f| {
            cited.insert(f.source.clone());
            let source = lib.source(&f.source).map_or(f.source.clone(), |s| s.title.clone());
            json!({"text": f.text.get(input.lang, default_lang).trim(), "source": source, "checked": f.checked})
        })
        .collect();
    json!({
        "code": code,
        "profile": true,
        "name": profile.name.get(input.lang, default_lang),
        "subnational": profile.subnational,
        "region": region,
        "last_reviewed": profile.last_reviewed,
        "check_locally": profile.check_locally.as_ref().map(|t| t.get(input.lang, default_lang).trim().to_string()),
        "facts": facts,
    })
}

/// At most one blank line between blocks, no trailing spaces, one final newline.
pub fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank = 0;
    for line in s.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.trim_start_matches('\n').trim_end().to_string() + "\n"
}
