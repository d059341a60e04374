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
use std::collections::BTreeSet;

/// The document's metadata, shared by every format.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Meta {
    pub title: String,
    pub subtitle: String,
    pub organisation: String,
    pub date: String,
    pub version: String,
    pub lang: String,
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
}

/// Renders the document, or every template problem found on the way.
pub fn render_document(
    input: &DocumentInput<'_>,
    plan: &Plan<'_>,
) -> Result<Document, Vec<Diagnostic>> {
    let lib = input.library;
    let default_lang = lib.meta.default_language.as_str();
    let text = |t: &crate::text::Text| t.get(input.lang, default_lang).to_string();

    // Every piece of library text goes in as a template, in one batch.
    let mut sources: Vec<(String, String)> = Vec::new();
    for section in &lib.sections {
        if let Some(intro) = &section.intro {
            sources.push((format!("intro/{}.md", section.id), text(intro)));
        }
    }
    for c in plan.included() {
        let body = c
            .variant
            .map(|v| &v.body)
            .or(c.clause.clause.body.as_ref())
            .map(&text)
            .unwrap_or_default();
        sources.push((format!("clause/{}.md", c.clause.clause.id), body));
    }
    for (name, t) in &lib.templates {
        sources.push((name.clone(), t.clone()));
    }
    let mut tera = markdown_tera();
    if let Err(e) = tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), t.as_str()))) {
        return Err(vec![Diagnostic::error("templates", None, e.to_string())]);
    }

    let answers_ctx = answers_context(lib, input.answers, input.lang, input.date, input.version);
    let context = tera::Context::from_serialize(&answers_ctx)
        .map_err(|e| vec![Diagnostic::error("templates", None, e.to_string())])?;
    let mut problems = Vec::new();
    let mut render = |name: &str, file: &str, path: &str| -> String {
        match tera.render(name, &context) {
            Ok(s) => s.trim().to_string(),
            Err(e) => {
                let text = lib.file_text(file);
                let pos = Positions::index(text).pos(path);
                let message = match e.kind() {
                    tera::ErrorKind::RenderingError(r) | tera::ErrorKind::SyntaxError(r) => {
                        r.message().to_string()
                    }
                    other => other.to_string(),
                };
                problems.push(
                    Diagnostic::error(file, pos, format!("cannot render: {message}"))
                        .with_source(text),
                );
                String::new()
            }
        }
    };

    let mut chapters = Vec::new();
    let mut cited: BTreeSet<String> = BTreeSet::new();
    for section in &lib.sections {
        let clauses: Vec<_> = plan
            .included()
            .filter(|c| c.section.id == section.id)
            .collect();
        if clauses.is_empty() {
            continue;
        }
        let number = chapters.len() + 1;
        let intro = section
            .intro
            .as_ref()
            .map(|_| render(&format!("intro/{}.md", section.id), &section.file, "intro"));
        let mut rendered = Vec::new();
        for (i, c) in clauses.iter().enumerate() {
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
            let body = render(&format!("clause/{id}.md"), &c.clause.file, &body_path);
            cited.extend(c.clause.clause.sources.iter().map(|s| s.id().to_string()));
            rendered.push(json!({
                "number": format!("{number}.{}", i + 1),
                "id": id,
                "title": text(&c.clause.clause.title),
                "body": body,
                "variant": c.variant_id(),
                "rationale": text(&c.clause.clause.rationale).trim(),
                "summary": c.clause.clause.summary.as_ref().map(&text),
                "public": c.clause.clause.public,
                "tags": c.clause.clause.tags,
                "country": c.clause.country,
            }));
        }
        chapters.push(json!({
            "number": number,
            "id": section.id,
            "title": text(&section.title),
            "intro": intro,
            "clauses": rendered,
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
    };

    let mut ctx = context.clone();
    ctx.insert("meta", &meta);
    ctx.insert("chapters", &chapters);
    ctx.insert("country_notes", &country);
    ctx.insert("informational", &informational);
    ctx.insert("glossary", &glossary);
    ctx.insert("sources", &sources);
    let body = match tera.render(input.template, &ctx) {
        Ok(s) => tidy(&s),
        Err(e) => {
            problems.push(Diagnostic::error(
                &format!("templates/{}", input.template),
                None,
                format!("cannot render: {e}"),
            ));
            String::new()
        }
    };
    if problems.is_empty() {
        Ok(Document {
            meta,
            markdown: body,
        })
    } else {
        Err(problems)
    }
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
fn tidy(s: &str) -> String {
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
