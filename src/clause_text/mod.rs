//! Clause text: every included clause (and each committee amendment) rendered through
//! Tera with the answers, in the organisation's language. The stage after `select`; its
//! [`RenderedClause`]s go on to `review` and `document`.
pub mod context;

use crate::answer::Answers;
use crate::diagnostics::Diagnostic;
use crate::hash::HashMap;
use crate::library::Library;
use crate::library::positions::{Positions, YamlPath};
use crate::markup::{Piece, markdown_tera};
use crate::select::Plan;
use crate::text::Text;
use context::TextContext;
use jiff::civil::Date;
use serde::Serialize;
use std::collections::BTreeMap;

/// What clause texts are rendered with, besides the plan.
#[derive(Clone, Copy)]
pub struct TextInput<'a> {
    pub library: &'a Library,
    /// The effective answers.
    pub answers: &'a Answers,
    pub lang: &'a str,
    pub date: Date,
    pub version: &'a str,
}

impl TextInput<'_> {
    /// A library text in the input's language.
    pub fn text(&self, t: &Text) -> String {
        t.get(self.lang, &self.library.meta.default_language)
            .to_string()
    }
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
pub struct Renderer<'a> {
    pub tera: tera::Tera,
    /// Texts rendered without Tera: plain text, or text that only prints text answers.
    plain: HashMap<String, String>,
    /// What every text may read.
    pub values: Values,
    library: &'a Library,
    pub problems: Vec<Diagnostic>,
}

impl Renderer<'_> {
    /// Renders template `name`; a failure is recorded against `path` in `file`.
    pub fn render(&mut self, name: &str, file: &str, path: &YamlPath) -> String {
        if let Some(text) = self.plain.get(name) {
            return text.trim().to_string();
        }
        let rendered = match self.values.context() {
            Ok(context) => self.tera.render(name, context),
            Err(e) => Err(tera::Error::message(e)),
        };
        match rendered {
            Ok(s) => s.trim().to_string(),
            Err(e) => {
                let text = self.library.file_text(file);
                let pos = Positions::index(text).pos(path);
                let message = tera_message(&e);
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

    /// The problems, or `value` when there were none.
    pub fn finish<T>(self, value: T) -> Result<T, Vec<Diagnostic>> {
        if self.problems.is_empty() {
            Ok(value)
        } else {
            Err(self.problems)
        }
    }
}

/// What went wrong in a Tera error, without Tera's wrapping.
fn tera_message(e: &tera::Error) -> String {
    match e.kind() {
        tera::ErrorKind::RenderingError(r) | tera::ErrorKind::SyntaxError(r) => {
            r.message().to_string()
        }
        other => other.to_string(),
    }
}

/// The values one set of answers gives texts, ready for both ways of filling a text in.
pub struct Values {
    /// What every text may read.
    pub text: TextContext,
    /// The same, for texts that only print names.
    lookup: serde_json::Value,
    /// The same, for Tera, made when a text first needs it.
    context: Option<tera::Context>,
}

impl Values {
    pub fn new(input: &TextInput<'_>) -> Values {
        let text = TextContext::new(
            input.library,
            input.answers,
            input.lang,
            input.date,
            input.version,
        );
        Values {
            lookup: serde_json::to_value(&text).unwrap_or_default(),
            text,
            context: None,
        }
    }

    /// `source` filled in without Tera, when it is plain or only prints text answers.
    fn fill(&self, source: &str) -> Option<String> {
        fill_simple(source, &self.lookup)
    }

    /// The values as Tera's context.
    fn context(&mut self) -> Result<&tera::Context, String> {
        if self.context.is_none() {
            let context = tera::Context::from_serialize(&self.lookup).map_err(|e| e.to_string())?;
            self.context = Some(context);
        }
        Ok(self.context.as_ref().expect("made above"))
    }

    /// Renders one text; the error is Tera's message. Texts that need Tera go through
    /// `tera` (from [`markdown_tera`], reused from text to text: each replaces the last).
    pub fn render_one(&mut self, tera: &mut tera::Tera, source: &str) -> Result<String, String> {
        const NAME: &str = "clause.md";
        if let Some(filled) = self.fill(source) {
            return Ok(filled);
        }
        tera.add_raw_template(NAME, source)
            .map_err(|e| tera_message(&e))?;
        let context = self.context()?;
        tera.render(NAME, context).map_err(|e| tera_message(&e))
    }
}

/// A renderer holding `sources` (template name, text), with the answers as context.
pub fn renderer<'a>(
    input: &TextInput<'a>,
    sources: Vec<(String, String)>,
) -> Result<Renderer<'a>, Vec<Diagnostic>> {
    let mut tera = markdown_tera();
    let mut values = Values::new(input);
    // Most texts hold no Tera at all, and most of the rest only print answers that are
    // text: both are filled in here, and only the others go to the template compiler.
    let mut plain = HashMap::default();
    let mut templated = Vec::new();
    for (name, text) in sources {
        match values.fill(&text) {
            Some(filled) => {
                plain.insert(name, filled);
            }
            None => templated.push((name, text)),
        }
    }
    if let Err(e) = tera.add_raw_templates(templated.iter().map(|(n, t)| (n.as_str(), t.as_str())))
    {
        return Err(vec![Diagnostic::error("templates", None, e.to_string())]);
    }
    values
        .context()
        .map_err(|e| vec![Diagnostic::error("templates", None, e)])?;
    Ok(Renderer {
        tera,
        plain,
        values,
        library: input.library,
        problems: Vec::new(),
    })
}

/// `text` rendered as Tera would, when it is plain or its only Tera is `{{ path }}`
/// printing a text value (escaped for Markdown as Tera's autoescape does); `None` when
/// it needs Tera.
fn fill_simple(text: &str, values: &serde_json::Value) -> Option<String> {
    let mut out = String::with_capacity(text.len() + 32);
    for piece in crate::markup::simple_tera(text)? {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Name(name) => {
                let value = name.split('.').try_fold(values, |v, key| v.get(key))?;
                let mut escaped = Vec::new();
                crate::markup::escape_markdown(value.as_str()?, &mut escaped).ok()?;
                out.push_str(std::str::from_utf8(&escaped).ok()?);
            }
        }
    }
    Some(out)
}

/// Renders the text of every included clause, and of each amendment (`clause id` to
/// amended source text, from `amendments_file`), with the answers.
pub fn render_clauses(
    input: &TextInput<'_>,
    plan: &Plan<'_>,
    amendments: &BTreeMap<String, String>,
    amendments_file: &str,
) -> Result<Vec<RenderedClause>, Vec<Diagnostic>> {
    let text = |t: &Text| input.text(t);
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
                c.clause.path.key("variants").index(idx).key("body")
            }
            None => c.clause.path.key("body"),
        };
        let body = r.render(&format!("clause/{id}.md"), &c.clause.file, &body_path);
        let amended = amendments.contains_key(id).then(|| {
            r.render(
                &format!("amended/{id}.md"),
                amendments_file,
                &YamlPath::root().key("clauses").key(id).key("text"),
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
    r.finish(out)
}

/// A chapter's number, its section id, and its clauses with their numbers (`3.2`).
pub type NumberedChapter<'c> = (usize, String, Vec<(String, &'c RenderedClause)>);

/// The clauses as they appear in the document, numbered by chapter: `(chapter number,
/// section, clauses with their numbers)`.
pub fn number_clauses<'c>(
    library: &Library,
    clauses: &'c [RenderedClause],
) -> Vec<NumberedChapter<'c>> {
    let mut by_section: HashMap<&str, Vec<&RenderedClause>> = HashMap::default();
    for c in clauses {
        by_section.entry(c.section.as_str()).or_default().push(c);
    }
    let mut chapters = Vec::new();
    for section in &library.sections {
        let Some(in_section) = by_section.remove(section.id.as_str()) else {
            continue;
        };
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

/// Renders arbitrary library texts `(name, source)` with the answers, in order.
pub fn render_texts(
    input: &TextInput<'_>,
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
        .map(|(n, _)| r.render(&format!("text/{n}.md"), file, &YamlPath::root()))
        .collect();
    r.finish(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// What Tera itself makes of `text` with `values`, as the renderer would run it.
    fn tera(text: &str, values: &serde_json::Value) -> String {
        let mut t = markdown_tera();
        t.add_raw_template("t.md", text).unwrap();
        t.render("t.md", &tera::Context::from_serialize(values).unwrap())
            .unwrap()
    }

    #[test]
    fn simple_texts_are_filled_exactly_as_tera_fills_them() {
        let values = json!({
            "org": {"name": "A *bold* <b>name</b> #1 [x](y)", "contact": "the peer coordinator"},
            "n": 3, "flag": true, "list": ["a", "b"],
        });
        for text in [
            "No Tera at all, } and { alone.",
            "Ask {{ org.contact }} or {{org.name}}.\n\n- {{ org.name }}",
        ] {
            assert_eq!(
                fill_simple(text, &values).as_deref(),
                Some(tera(text, &values).as_str())
            );
        }
        // Anything else is left to Tera.
        for text in [
            "{{ n }}",
            "{{ flag }}",
            "{{ list }}",
            "{{ org.name | upper }}",
            "{{- org.name }}",
            "{% if flag %}x{% endif %}",
            "{# note #}",
            "{{ org.missing }}",
            "{{ org.name",
        ] {
            assert_eq!(fill_simple(text, &values), None, "{text}");
        }
    }
}
