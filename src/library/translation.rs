//! Translations: `translations/LANG/` holds, for one language, the texts of the
//! library's files keyed by their ids (see `docs/translating.md`). Each text joins the
//! library's [`Text`] of that id as the language's version; what a language lacks falls
//! back to the default language and is counted by [`Coverage`].
use super::model::Term;
use crate::text::Text;
use serde::Deserialize;
use std::collections::BTreeMap;

/// `translations/LANG/language.yaml`: about the translation, and the words it avoids.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct LanguageInfo {
    /// The language code (`pt`, `uk`); must match the folder.
    pub code: String,
    /// The language's own name (`Português`).
    pub name: String,
    /// Its name in English.
    pub english_name: String,
    /// A native-speaking practitioner has reviewed the translation.
    pub reviewed: bool,
    /// Who translated it, and how.
    pub translated_by: String,
    /// The plain-language threshold: sentences longer than this are reported.
    pub max_words_per_sentence: Option<usize>,
    /// Terms to avoid in this language.
    pub terms: Vec<Term>,
}

/// `translations/LANG/library.yaml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct LibraryTexts {
    pub title: Option<String>,
    pub subtitle: Option<String>,
}

/// `translations/LANG/questions.yaml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct QuestionsTexts {
    /// Chapter id to title.
    pub chapters: BTreeMap<String, String>,
    /// Question id to its texts.
    pub questions: BTreeMap<String, QuestionTexts>,
    /// The label of the "another country" choice.
    pub other_country: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct QuestionTexts {
    pub prompt: Option<String>,
    pub help: Option<String>,
    /// A text question's default, in this language.
    pub default: Option<String>,
    /// Choice value to label.
    pub choices: BTreeMap<String, String>,
}

/// `translations/LANG/sections/NN-id.yaml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct SectionTexts {
    /// The section id.
    pub section: String,
    pub title: Option<String>,
    pub intro: Option<String>,
    /// Clause id to its texts.
    pub clauses: BTreeMap<String, ClauseTexts>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct ClauseTexts {
    pub title: Option<String>,
    pub body: Option<String>,
    /// Variant id to body.
    pub variants: BTreeMap<String, String>,
    pub rationale: Option<String>,
    pub summary: Option<String>,
}

/// `translations/LANG/glossary.yaml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct GlossaryTexts {
    pub entries: Vec<GlossaryEntryTexts>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct GlossaryEntryTexts {
    /// The entry's term in the default language, as the key.
    pub en: String,
    pub term: Option<String>,
    pub definition: Option<String>,
}

/// `translations/LANG/countries/CC.yaml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct CountryTexts {
    pub code: String,
    pub name: Option<String>,
    pub check_locally: Option<String>,
    /// Source id to its title in this language.
    pub sources: BTreeMap<String, String>,
    /// The facts' texts, in the order of the profile.
    pub facts: Vec<String>,
    pub clauses: BTreeMap<String, ClauseTexts>,
}

/// `translations/LANG/sources.yaml`: titles that exist in the language.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct SourcesTexts {
    pub sources: BTreeMap<String, String>,
}

/// `translations/LANG/strings.yaml`: the fixed texts.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct StringsTexts {
    pub strings: BTreeMap<String, String>,
}

/// Adds `value` as the `lang` version of `text`.
pub fn add(text: &mut Text, lang: &str, default_lang: &str, value: &str) {
    match text {
        Text::Plain(s) => {
            let mut map = BTreeMap::new();
            map.insert(default_lang.to_string(), std::mem::take(s));
            map.insert(lang.to_string(), value.to_string());
            *text = Text::Translated(map);
        }
        Text::Translated(map) => {
            map.insert(lang.to_string(), value.to_string());
        }
    }
}

/// How much of the library one language covers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coverage {
    pub translated: usize,
    pub total: usize,
    /// Where each missing text is (`sections/03-fitness.yaml: clause x body`).
    pub missing: Vec<String>,
}

impl Coverage {
    pub fn percent(&self) -> f64 {
        if self.total == 0 {
            100.0
        } else {
            self.translated as f64 * 100.0 / self.total as f64
        }
    }
}

/// One text a person reads, for coverage: where it is, and what it belongs to.
pub struct TextItem<'a> {
    /// Where it is; displayed as `sections/03-fitness.yaml: clause `x` body`.
    pub place: Place<'a>,
    /// The clause it belongs to, if any.
    pub clause: Option<&'a str>,
    /// The country profile it belongs to, if any.
    pub country: Option<&'a str>,
    pub text: &'a Text,
}

/// Where a text is in the library. Displayed only when someone reads it: a translated
/// build looks at every text and names only those it lacks.
pub enum Place<'a> {
    /// `library.yaml: title`.
    Library(&'static str),
    /// `questions.yaml: chapter `id` title`.
    Chapter(&'a str),
    /// `questions.yaml: question `id` prompt`.
    Question(&'a str, &'static str),
    /// `questions.yaml: question `id` choice `value``.
    Choice(&'a str, &'a str),
    /// `sections/x.yaml: title`.
    Section(&'a str, &'static str),
    /// `sections/x.yaml: clause `id` body`.
    Clause(&'a str, &'a str, &'static str),
    /// `sections/x.yaml: clause `id` variant `v``.
    Variant(&'a str, &'a str, &'a str),
    /// `glossary.yaml: `term` definition`.
    Glossary(&'a str, &'static str),
    /// `countries/XX.yaml: name`.
    Country(&'a str, &'static str),
    /// `countries/XX.yaml: fact 2`.
    Fact(&'a str, usize),
    /// `strings.yaml: `key``.
    String(&'a str),
}

impl Place<'_> {
    /// Whether the text is one of the interview's questions.
    fn in_questions(&self) -> bool {
        matches!(
            self,
            Place::Chapter(_) | Place::Question(..) | Place::Choice(..)
        )
    }

    /// Whether the text is one of the interview's or the review page's own strings,
    /// which a handbook never prints.
    fn tool_string(&self) -> bool {
        matches!(self, Place::String(key) if key.starts_with("interview.") || key.starts_with("review."))
    }
}

impl std::fmt::Display for Place<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Place::Library(what) => write!(f, "library.yaml: {what}"),
            Place::Chapter(id) => write!(f, "questions.yaml: chapter `{id}` title"),
            Place::Question(id, what) => write!(f, "questions.yaml: question `{id}` {what}"),
            Place::Choice(id, value) => {
                write!(f, "questions.yaml: question `{id}` choice `{value}`")
            }
            Place::Section(file, what) => write!(f, "{file}: {what}"),
            Place::Clause(file, id, what) => write!(f, "{file}: clause `{id}` {what}"),
            Place::Variant(file, id, v) => write!(f, "{file}: clause `{id}` variant `{v}`"),
            Place::Glossary(term, what) => write!(f, "glossary.yaml: `{term}` {what}"),
            Place::Country(code, what) => write!(f, "countries/{code}.yaml: {what}"),
            Place::Fact(code, n) => write!(f, "countries/{code}.yaml: fact {n}"),
            Place::String(key) => write!(f, "strings.yaml: `{key}`"),
        }
    }
}

impl super::Library {
    /// Every text a person reads, with its place.
    pub fn texts(&self) -> Vec<TextItem<'_>> {
        let mut out = Vec::new();
        let mut push = |place, clause, country, text| {
            out.push(TextItem {
                place,
                clause,
                country,
                text,
            })
        };
        push(Place::Library("title"), None, None, &self.meta.title);
        push(Place::Library("subtitle"), None, None, &self.meta.subtitle);
        for c in &self.chapters {
            push(Place::Chapter(&c.id), None, None, &c.title);
            for q in &c.questions {
                push(Place::Question(&q.id, "prompt"), None, None, &q.prompt);
                if let Some(h) = &q.help {
                    push(Place::Question(&q.id, "help"), None, None, h);
                }
                for choice in &q.choices {
                    push(
                        Place::Choice(&q.id, &choice.value),
                        None,
                        None,
                        &choice.label,
                    );
                }
            }
        }
        for s in &self.sections {
            push(Place::Section(&s.file, "title"), None, None, &s.title);
            if let Some(intro) = &s.intro {
                push(Place::Section(&s.file, "intro"), None, None, intro);
            }
            for c in &s.clauses {
                let cl = &c.clause;
                let id = Some(cl.id.as_str());
                let country = c.country.as_deref();
                let at = |what| Place::Clause(&c.file, &cl.id, what);
                push(at("title"), id, country, &cl.title);
                if let Some(b) = &cl.body {
                    push(at("body"), id, country, b);
                }
                for v in &cl.variants {
                    push(Place::Variant(&c.file, &cl.id, &v.id), id, country, &v.body);
                }
                push(at("rationale"), id, country, &cl.rationale);
                if let Some(s) = &cl.summary {
                    push(at("summary"), id, country, s);
                }
            }
        }
        for e in &self.glossary {
            let name = e
                .term
                .get(&self.meta.default_language, &self.meta.default_language);
            push(Place::Glossary(name, "term"), None, None, &e.term);
            push(
                Place::Glossary(name, "definition"),
                None,
                None,
                &e.definition,
            );
        }
        for c in &self.countries {
            let code = Some(c.code.as_str());
            push(Place::Country(&c.code, "name"), None, code, &c.name);
            if let Some(t) = &c.check_locally {
                push(Place::Country(&c.code, "check-locally"), None, code, t);
            }
            for (i, f) in c.facts.iter().enumerate() {
                push(Place::Fact(&c.code, i + 1), None, code, &f.text);
            }
        }
        for (key, t) in &self.strings {
            push(Place::String(key), None, None, t);
        }
        out
    }

    /// The texts a handbook in `lang` with these clauses and this country prints in the
    /// default language, for want of a translation (the interview's and the review page's
    /// own texts are not in a handbook).
    pub fn fallbacks(&self, lang: &str, clauses: &[&str], country: Option<&str>) -> Vec<String> {
        if lang == self.meta.default_language {
            return Vec::new();
        }
        self.texts()
            .into_iter()
            .filter(|item| {
                !item.text.is_empty()
                    && !item.text.has(lang)
                    && !item.place.in_questions()
                    && !item.place.tool_string()
                    && item.clause.is_none_or(|c| clauses.contains(&c))
                    && (item.clause.is_some() || item.country.is_none_or(|c| Some(c) == country))
            })
            .map(|item| item.place.to_string())
            .collect()
    }

    /// How much of the library `lang` covers.
    pub fn coverage(&self, lang: &str) -> Coverage {
        let mut c = Coverage::default();
        for item in self.texts() {
            if item.text.is_empty() {
                continue;
            }
            c.total += 1;
            if item.text.has(lang) {
                c.translated += 1;
            } else {
                c.missing.push(item.place.to_string());
            }
        }
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_translation_joins_the_text_and_keeps_the_default() {
        let mut t = Text::Plain("Hello".into());
        add(&mut t, "pt", "en", "Olá");
        add(&mut t, "uk", "en", "Привіт");
        assert_eq!(t.get("pt", "en"), "Olá");
        assert_eq!(t.get("uk", "en"), "Привіт");
        assert_eq!(t.get("fr", "en"), "Hello");
    }
}
