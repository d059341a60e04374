//! Every reachable text of a clause (its body and each variant some answers select)
//! rendered once through `clause_text`, in every language it is written in, with answers
//! that select it; a Tera failure names the clause, the variant and those answers.
use super::finding::{Finding, Places, Severity, codes};
use super::reach::Reached;
use crate::answer::{Answer, Answers, Kind};
use crate::clause_text::{TextInput, Values};
use crate::hash::HashMap;
use crate::library::model::Question;
use crate::library::{CompiledClause, Library};
use jiff::civil::Date;
use std::rc::Rc;

/// The values texts are rendered with, made once for each set of answers (many clauses
/// read the same questions, and are reached with the same answers).
pub struct ValuesCache {
    by_answers: HashMap<(String, Rc<str>), Values>,
    tera: tera::Tera,
}

impl Default for ValuesCache {
    fn default() -> Self {
        ValuesCache {
            by_answers: HashMap::default(),
            tera: crate::markup::markdown_tera(),
        }
    }
}

impl ValuesCache {
    /// Renders `source` with the answers `r` reached, in `lang`.
    fn render(
        &mut self,
        library: &Library,
        r: &Reached,
        lang: &str,
        today: Date,
        source: &str,
    ) -> Result<String, String> {
        let key = (lang.to_string(), Rc::clone(&r.key));
        let values = self.by_answers.entry(key).or_insert_with(|| {
            let answers = complete(library, r);
            Values::new(&TextInput {
                library,
                answers: &answers,
                lang,
                date: today,
                version: "",
            })
        });
        values.render_one(&mut self.tera, source)
    }
}

/// Renders each reached text; returns how many texts were rendered.
pub fn render_reached(
    library: &Library,
    c: &CompiledClause,
    reached: &[Reached],
    today: Date,
    cache: &mut ValuesCache,
    places: &mut Places<'_>,
    findings: &mut Vec<Finding>,
) -> usize {
    let default = library.meta.default_language.as_str();
    let mut rendered = 0;
    for r in reached {
        let (text, variant_id, path) = match r.variant {
            None => match &c.clause.body {
                Some(body) => (body, "default", c.path.key("body")),
                None => continue,
            },
            Some(j) => {
                let v = &c.variants[j].0;
                (
                    &v.body,
                    v.id.as_str(),
                    c.path.key("variants").index(j).key("body"),
                )
            }
        };
        for (lang, source) in text.variants() {
            // Text without Tera renders as itself.
            if !(source.contains("{{") || source.contains("{%") || source.contains("{#")) {
                continue;
            }
            let lang = lang.unwrap_or(default);
            rendered += 1;
            let Err(message) = cache.render(library, r, lang, today, source) else {
                continue;
            };
            let in_lang = if lang == default {
                String::new()
            } else {
                format!(" ({lang})")
            };
            let when = match &r.described {
                Some(d) => format!("for answers {d}"),
                None => "for any answers".to_string(),
            };
            let pos = places.pos(&c.file, &path);
            findings.push(
                Finding::new(
                    Severity::Error,
                    codes::RENDER_ERROR,
                    &c.file,
                    pos,
                    format!(
                        "clause `{}` variant `{variant_id}`{in_lang} fails to render {when}: {message}",
                        c.clause.id
                    ),
                )
                .with_help("fix the template; `docs/library-format.md` lists what a clause text may read"),
            );
        }
    }
    rendered
}

/// The reached answers, with every other question that is asked at its default (or a
/// stand-in), so a text may read any question as a build would give it.
fn complete(library: &Library, r: &Reached) -> Answers {
    let mut out = Answers::default();
    for q in library.questions() {
        if r.reads.contains(&q.id) {
            if let Some(a) = r.answers.get(&q.id) {
                out.insert(&q.id, a.clone());
            }
            continue;
        }
        if library.is_asked(&q.id, &out) {
            out.insert(&q.id, stand_in(library, q));
        }
    }
    out
}

/// A question's default, or a plain answer of its kind.
fn stand_in(library: &Library, q: &Question) -> Answer {
    if let Some(a) = q
        .default
        .as_ref()
        .and_then(|d| library.convert_answer(q, d).ok())
    {
        return a;
    }
    match q.kind {
        Kind::Choice => Answer::Text(
            library
                .choice_values(q)
                .into_iter()
                .next()
                .unwrap_or_default(),
        ),
        Kind::Multi => Answer::Multi(Vec::new()),
        Kind::YesNo => Answer::Bool(false),
        Kind::Text => Answer::Text("example".to_string()),
        Kind::Number => Answer::Number(0.0),
    }
}
