//! The translations pass: each `translations/LANG/` file joins its texts to the
//! library's, by id. An id the library does not have is reported where it stands (the
//! library changed since the translation, or a typo); every translated text is checked
//! as a template like the original.
use super::super::load::{RawLibrary, de};
use super::super::model::Clause;
use super::super::positions::YamlPath;
use super::super::translation::{
    ClauseTexts, CountryTexts, GlossaryTexts, LanguageInfo, LibraryTexts, QuestionsTexts,
    SectionTexts, SourcesTexts, StringsTexts, add,
};
use super::super::{Library, SourceFile, known};
use super::located::Located;
use super::made_from::{self, MadeFrom};
use super::templates::{TemplateRoots, check_text};
use crate::diagnostics::Diagnostic;
use crate::text::Text;
use std::collections::BTreeMap;

/// Merges the translation files. With `raw.thorough` (`check`, tests) every language is
/// merged now; otherwise only each language's `language.yaml`, and the rest waits in
/// the library until a command knows the language it needs ([`use_language`]).
/// Returns the files merged, for positions and the language check.
pub fn add_translations(
    raw: &RawLibrary,
    lib: &mut Library,
    problems: &mut Vec<Diagnostic>,
) -> Vec<SourceFile> {
    let (now, later): (Vec<_>, Vec<_>) = raw
        .translations
        .iter()
        .cloned()
        .partition(|(rel, _)| raw.thorough || rel.ends_with("/language.yaml"));
    lib.deferred_translations = later;
    merge_files(lib, now, raw.thorough, problems)
}

/// Merges the waiting translation files of `lang` (see [`add_translations`]); their
/// problems are returned (warnings: an error would have stopped `check`).
pub fn use_language(lib: &mut Library, lang: &str) -> Vec<Diagnostic> {
    let prefix = format!("translations/{lang}/");
    let (mine, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut lib.deferred_translations)
        .into_iter()
        .partition(|(rel, _)| rel.starts_with(&prefix));
    lib.deferred_translations = rest;
    if mine.is_empty() {
        return Vec::new();
    }
    let mut problems = Vec::new();
    let files = merge_files(lib, mine, false, &mut problems);
    lib.add_files(files);
    problems
}

fn merge_files(
    lib: &mut Library,
    mut files: Vec<(String, SourceFile)>,
    thorough: bool,
    problems: &mut Vec<Diagnostic>,
) -> Vec<SourceFile> {
    let roots = if thorough || files.iter().any(|(_, f)| f.json.is_none()) {
        TemplateRoots::of(lib, thorough)
    } else {
        TemplateRoots::unused()
    };
    let default = lib.meta.default_language.clone();
    let mut merged = Vec::new();
    // language.yaml first, so every language is known before its texts.
    files.sort_by_key(|(rel, _)| !rel.ends_with("/language.yaml"));
    // What each translation was made from, before its texts. The built-in records are
    // read only by `check` and the tests, which vouch for the built-in translations.
    let mut made_from = MadeFrom::default();
    for (rel, file) in &files {
        if place_in_language(rel).1 == made_from::FILE {
            merged.push(file.clone());
            if (thorough || file.json.is_none())
                && let Err(d) = made_from.add(file)
            {
                problems.push(d);
            }
        }
    }
    for (rel, file) in &files {
        let (lang, rest) = place_in_language(rel);
        let loc = Located::new(file);
        let mut m = Merge {
            lib: &mut *lib,
            lang,
            default: &default,
            loc: &loc,
            roots: &roots,
            made_from: made_from.of(&file.name),
            record: thorough,
            problems: &mut *problems,
        };
        let result = match rest {
            made_from::FILE => continue,
            "language.yaml" => de::<LanguageInfo>(file).map(|info| m.language(info)),
            "library.yaml" => de::<LibraryTexts>(file).map(|t| m.library(t)),
            "questions.yaml" => de::<QuestionsTexts>(file).map(|t| m.questions(t)),
            "glossary.yaml" => de::<GlossaryTexts>(file).map(|t| m.glossary(t)),
            "sources.yaml" => de::<SourcesTexts>(file).map(|t| m.sources(&t.sources)),
            "strings.yaml" => de::<StringsTexts>(file).map(|t| m.strings(t)),
            r if r.starts_with("sections/") => de::<SectionTexts>(file).map(|t| m.section(t)),
            r if r.starts_with("countries/") => de::<CountryTexts>(file).map(|t| m.country(t)),
            _ => Err(
                Diagnostic::error(&file.name, None, "this file is not part of a translation")
                    .with_help("see docs/translating.md for the files a translation may hold"),
            ),
        };
        if let Err(d) = result {
            problems.push(d);
        }
        if !rest.is_empty() && !lib.languages.contains_key(lang) && rest != "language.yaml" {
            problems.push(
                Diagnostic::error(&file.name, None, format!("the translation `{lang}` has no language.yaml"))
                    .with_help(format!("add translations/{lang}/language.yaml with `code: {lang}`, its name and `reviewed: false`")),
            );
        }
        merged.push(file.clone());
    }
    merged
}

/// A translation file's language and its path inside the language's folder:
/// `translations/uk/sections/01-x.yaml` is `("uk", "sections/01-x.yaml")`.
fn place_in_language(rel: &str) -> (&str, &str) {
    let mut parts = rel.splitn(3, '/');
    parts.next();
    (parts.next().unwrap_or(""), parts.next().unwrap_or(""))
}

/// One file's merge into the library.
struct Merge<'a, 'l> {
    lib: &'a mut Library,
    lang: &'a str,
    default: &'a str,
    loc: &'a Located<'l>,
    roots: &'a TemplateRoots,
    /// The English this file's texts were made from, when it records it.
    made_from: Option<&'a made_from::Places>,
    /// Whether to record the English each text translates now (`check`, and
    /// `library translated`, which writes it down).
    record: bool,
    problems: &'a mut Vec<Diagnostic>,
}

impl Merge<'_, '_> {
    /// Adds `value` to `text`, checking it as a template at `path`. A text whose English
    /// changed since the translation was made (see [`made_from`]) is left in English,
    /// with a warning at its place. `path` is made only when the text is checked or its
    /// English recorded (not for the built-in translations in a build: `check` and the
    /// tests vouch for them).
    fn text(&mut self, text: &mut Text, path: impl FnOnce() -> YamlPath, value: &str) {
        if value.trim().is_empty() {
            // Left empty, perhaps to fill in later: the English stands in, as for a text
            // the translation leaves out, and the place is named.
            self.problems.push(
                self.loc
                    .warn(
                        &path(),
                        format!(
                            "this translation is empty: the `{}` handbook shows the English",
                            self.lang
                        ),
                    )
                    .with_help("write the translation, or leave the key out until it is written"),
            );
            return;
        }
        let checks = self.roots.checks(self.loc);
        if !checks && !self.record && self.made_from.is_none() {
            add(text, self.lang, self.default, value);
            return;
        }
        let path = path();
        if checks {
            let t = Text::Plain(value.to_string());
            check_text(self.loc, &path, &t, self.roots, self.problems);
        }
        let place = path.to_string();
        let english = made_from::hash(text.get(self.default, self.default));
        let was = self.made_from.and_then(|m| m.get(&place));
        let changed = was.is_some_and(|was| *was != english);
        if self.record {
            self.lib
                .made_from_now
                .entry(self.loc.file.name.clone())
                .or_default()
                .insert(place, english);
        }
        if changed {
            self.problems.push(
                self.loc
                    .warn(
                        &path,
                        format!(
                            "the English of this text changed since it was translated ({} records other English): the `{}` handbook shows the English until the translation is updated",
                            made_from::FILE,
                            self.lang
                        ),
                    )
                    .with_help(format!(
                        "update the translation to say what the English now says, then run `hrpolicy library translated {}` to record it",
                        self.lang
                    )),
            );
            return;
        }
        add(text, self.lang, self.default, value);
    }

    /// Whether a translation of `base` (the text as the built-in library had it) still
    /// translates `now`: always, but for a built-in translation of a text an overlay
    /// replaced, only when the overlay's English is the same.
    fn translates(&self, base: Option<&Text>, now: &Text) -> bool {
        base.is_none_or(|b| {
            b.get(self.default, self.default) == now.get(self.default, self.default)
        })
    }

    /// The built-in clause an overlay replaced, when this file is a built-in translation.
    fn replaced_clause(&self, id: &str) -> Option<Clause> {
        if self.loc.file.overlay {
            return None;
        }
        self.lib.replaced_clauses.get(id).cloned()
    }

    fn unknown(&mut self, path: &YamlPath, what: String) {
        self.problems.push(
            self.loc
                .warn(
                    path,
                    format!("{what}: the library has none, so this text is not used"),
                )
                .with_help("remove it, or check the id against the English file"),
        );
    }

    fn language(&mut self, info: LanguageInfo) {
        if info.name.trim().is_empty() {
            self.problems.push(
                self.loc
                    .at(
                        &YamlPath::root().key("name"),
                        format!("the translation `{}` has no `name`", self.lang),
                    )
                    .with_help(
                        "add `name:`, the language's name in itself (`Português`, `Українська`)",
                    ),
            );
        }
        if info.code.is_empty() {
            self.problems.push(
                self.loc
                    .at(&YamlPath::root().key("code"), "`code` is missing")
                    .with_help(format!("add `code: {}`, the folder's name", self.lang)),
            );
        } else if info.code != self.lang {
            self.problems.push(
                self.loc
                    .at(
                        &YamlPath::root().key("code"),
                        format!("`code: {}` in the folder of `{}`", info.code, self.lang),
                    )
                    .with_help(format!("write `code: {}`, the folder's name", self.lang)),
            );
        }
        super::language::check_terms(self.loc, &info.terms, self.lib, self.problems);
        self.lib.languages.insert(self.lang.to_string(), info);
    }

    fn library(&mut self, t: LibraryTexts) {
        let root = YamlPath::root();
        let mut meta = std::mem::take(&mut self.lib.meta);
        if let Some(v) = &t.title {
            self.text(&mut meta.title, || root.key("title"), v);
        }
        if let Some(v) = &t.subtitle {
            self.text(&mut meta.subtitle, || root.key("subtitle"), v);
        }
        self.lib.meta = meta;
    }

    fn questions(&mut self, t: QuestionsTexts) {
        let root = YamlPath::root();
        let mut chapters = std::mem::take(&mut self.lib.chapters);
        for (id, title) in &t.chapters {
            match chapters.iter_mut().find(|c| &c.id == id) {
                Some(c) => self.text(&mut c.title, || root.key("chapters").key(id), title),
                None => self.unknown(&root.key("chapters").key_of(id), format!("chapter `{id}`")),
            }
        }
        for (id, qt) in &t.questions {
            let at = || root.key("questions").key(id);
            let Some(q) = chapters
                .iter_mut()
                .flat_map(|c| c.questions.iter_mut())
                .find(|q| &q.id == id)
            else {
                self.unknown(
                    &root.key("questions").key_of(id),
                    format!("question `{id}`"),
                );
                continue;
            };
            if let Some(v) = &qt.prompt {
                self.text(&mut q.prompt, || at().key("prompt"), v);
            }
            if let (Some(v), Some(h)) = (&qt.help, q.help.as_mut()) {
                self.text(h, || at().key("help"), v);
            }
            if let Some(v) = &qt.default {
                q.translated_default
                    .insert(self.lang.to_string(), v.clone());
            }
            for (value, label) in &qt.choices {
                match q.choices.iter_mut().find(|c| &c.value == value) {
                    Some(c) => self.text(&mut c.label, || at().key("choices").key(value), label),
                    None => self.unknown(
                        &at().key("choices").key_of(value),
                        format!("choice `{value}` of `{id}`"),
                    ),
                }
            }
        }
        self.lib.chapters = chapters;
        if let Some(v) = &t.other_country {
            let mut strings = std::mem::take(&mut self.lib.strings);
            let text = strings
                .entry(known::strings::OTHER_COUNTRY.to_string())
                .or_default();
            self.text(text, || root.key("other-country"), v);
            self.lib.strings = strings;
        }
    }

    fn glossary(&mut self, t: GlossaryTexts) {
        let mut glossary = std::mem::take(&mut self.lib.glossary);
        for (i, e) in t.entries.iter().enumerate() {
            let at = || YamlPath::root().key("entries").index(i);
            let default = self.default.to_string();
            match glossary
                .iter_mut()
                .find(|g| g.term.get(&default, &default) == e.en)
            {
                Some(g) => {
                    if let Some(v) = &e.term {
                        self.text(&mut g.term, || at().key("term"), v);
                    }
                    if let Some(v) = &e.definition {
                        self.text(&mut g.definition, || at().key("definition"), v);
                    }
                }
                None => self.unknown(&at().key("en"), format!("glossary term `{}`", e.en)),
            }
        }
        self.lib.glossary = glossary;
    }

    fn sources(&mut self, titles: &BTreeMap<String, String>) {
        for (id, title) in titles {
            if self.lib.source(id).is_none() {
                self.unknown(
                    &YamlPath::root().key("sources").key_of(id),
                    format!("source `{id}`"),
                );
                continue;
            }
            if title.trim().is_empty() {
                self.problems.push(
                    self.loc
                        .warn(
                            &YamlPath::root().key("sources").key(id),
                            format!(
                                "this translation is empty: the `{}` handbook shows the source's own title",
                                self.lang
                            ),
                        )
                        .with_help("write the title the source has in the language, or leave the key out"),
                );
                continue;
            }
            self.lib
                .source_titles
                .entry(id.clone())
                .or_default()
                .insert(self.lang.to_string(), title.clone());
        }
    }

    fn strings(&mut self, t: StringsTexts) {
        let mut strings = std::mem::take(&mut self.lib.strings);
        for (key, v) in &t.strings {
            let at = || YamlPath::root().key("strings").key(key);
            match strings.get_mut(key) {
                Some(text) => self.text(text, at, v),
                None => self.unknown(
                    &YamlPath::root().key("strings").key_of(key),
                    format!("fixed text `{key}`"),
                ),
            }
        }
        self.lib.strings = strings;
    }

    fn section(&mut self, t: SectionTexts) {
        let root = YamlPath::root();
        if t.section.is_empty() {
            self.problems.push(
                self.loc
                    .at(&root.key("section"), "this translation names no `section`")
                    .with_help("add `section:` with the id of the section it translates"),
            );
            return;
        }
        let Some(i) = self.lib.sections.iter().position(|s| s.id == t.section) else {
            self.unknown(&root.key("section"), format!("section `{}`", t.section));
            return;
        };
        let mut section = std::mem::take(&mut self.lib.sections[i]);
        if let Some(v) = &t.title {
            self.text(&mut section.title, || root.key("title"), v);
        }
        if let (Some(v), Some(intro)) = (&t.intro, section.intro.as_mut()) {
            self.text(intro, || root.key("intro"), v);
        }
        self.lib.sections[i] = section;
        self.clauses(&t.clauses);
    }

    fn clauses(&mut self, clauses: &BTreeMap<String, ClauseTexts>) {
        for (id, ct) in clauses {
            let at = || YamlPath::root().key("clauses").key(id);
            let Some(&(s, k)) = self.lib.index.clauses.get(id) else {
                // A clause a replaced country profile had and its overlay copy dropped.
                if self.replaced_clause(id).is_some() {
                    continue;
                }
                self.unknown(
                    &YamlPath::root().key("clauses").key_of(id),
                    format!("clause `{id}`"),
                );
                continue;
            };
            let mut c = std::mem::take(&mut self.lib.sections[s].clauses[k].clause);
            // An overlay's override keeps the built-in translation only of what it left
            // as it was; what it rewrote stays in its English until translated.
            let base = self.replaced_clause(id);
            let base = base.as_ref();
            if let Some(v) = &ct.title
                && self.translates(base.map(|b| &b.title), &c.title)
            {
                self.text(&mut c.title, || at().key("title"), v);
            }
            if let (Some(v), Some(body)) = (&ct.body, c.body.as_mut())
                && self.translates(base.and_then(|b| b.body.as_ref()), body)
            {
                self.text(body, || at().key("body"), v);
            }
            for (vid, body) in &ct.variants {
                let was = base.and_then(|b| b.variants.iter().find(|v| &v.id == vid));
                match c.variants.iter_mut().find(|v| &v.id == vid) {
                    Some(v) if self.translates(was.map(|w| &w.body), &v.body) => {
                        self.text(&mut v.body, || at().key("variants").key(vid), body)
                    }
                    Some(_) => {}
                    // A variant the override dropped is no mistake of the translation.
                    None if was.is_some() => {}
                    None => self.unknown(
                        &at().key("variants").key_of(vid),
                        format!("variant `{vid}` of `{id}`"),
                    ),
                }
            }
            if let Some(v) = &ct.rationale
                && self.translates(base.map(|b| &b.rationale), &c.rationale)
            {
                self.text(&mut c.rationale, || at().key("rationale"), v);
            }
            if let (Some(v), Some(summary)) = (&ct.summary, c.summary.as_mut())
                && self.translates(base.and_then(|b| b.summary.as_ref()), summary)
            {
                self.text(summary, || at().key("summary"), v);
            }
            // The compiled variants carry their own copies of the texts.
            let compiled = &mut self.lib.sections[s].clauses[k];
            for (v, _) in &mut compiled.variants {
                if let Some(t) = c.variants.iter().find(|x| x.id == v.id) {
                    v.body = t.body.clone();
                }
            }
            compiled.clause = c;
        }
    }

    fn country(&mut self, t: CountryTexts) {
        let root = YamlPath::root();
        if t.code.is_empty() {
            self.problems.push(
                self.loc
                    .at(
                        &root.key("code"),
                        "this translation names no country `code`",
                    )
                    .with_help("add `code:` with the code of the profile it translates, like `ZA`"),
            );
            return;
        }
        let Some(i) = self.lib.countries.iter().position(|c| c.code == t.code) else {
            self.unknown(&root.key("code"), format!("country `{}`", t.code));
            return;
        };
        let mut country = std::mem::take(&mut self.lib.countries[i]);
        // A built-in profile an overlay replaced: its translation applies to the texts
        // the overlay left as they were, a fact by its English text (the overlay may
        // have added, removed or reordered facts), not by its place.
        let base = if self.loc.file.overlay {
            None
        } else {
            self.lib.replaced_countries.get(&t.code).cloned()
        };
        if let Some(base) = &base {
            if let Some(v) = &t.name
                && self.translates(Some(&base.name), &country.name)
            {
                self.text(&mut country.name, || root.key("name"), v);
            }
            if let (Some(v), Some(cl)) = (&t.check_locally, country.check_locally.as_mut())
                && self.translates(base.check_locally.as_ref(), cl)
            {
                self.text(cl, || root.key("check-locally"), v);
            }
            for fact in &mut country.facts {
                let english = fact.text.get(self.default, self.default);
                let k = base
                    .facts
                    .iter()
                    .position(|b| b.text.get(self.default, self.default) == english);
                if let Some((k, v)) = k.and_then(|k| Some((k, t.facts.get(k)?))) {
                    self.text(&mut fact.text, || root.key("facts").index(k), v);
                }
            }
            self.lib.countries[i] = country;
            self.sources(&t.sources);
            self.clauses(&t.clauses);
            return;
        }
        if let Some(v) = &t.name {
            self.text(&mut country.name, || root.key("name"), v);
        }
        if let (Some(v), Some(cl)) = (&t.check_locally, country.check_locally.as_mut()) {
            self.text(cl, || root.key("check-locally"), v);
        }
        if !t.facts.is_empty() && t.facts.len() != country.facts.len() {
            self.problems.push(
                self.loc
                    .warn(
                        &root.key("facts"),
                        format!(
                            "{} facts here, {} in the {} profile: they are matched by order",
                            t.facts.len(),
                            country.facts.len(),
                            t.code
                        ),
                    )
                    .with_help("give one translation per fact, in the profile's order"),
            );
        }
        for (j, (fact, v)) in country.facts.iter_mut().zip(&t.facts).enumerate() {
            self.text(&mut fact.text, || root.key("facts").index(j), v);
        }
        self.lib.countries[i] = country;
        self.sources(&t.sources);
        self.clauses(&t.clauses);
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::messages;

    const LANGUAGE: &str = "code: xx\nname: Xx\nreviewed: false\n";

    #[test]
    fn a_translation_without_its_name_code_or_section_says_what_is_missing() {
        assert_eq!(
            messages(&[
                ("translations/xx/language.yaml", "reviewed: false\n"),
                ("translations/xx/sections/01-base.yaml", "title: Basis\n"),
                ("translations/xx/countries/ZA.yaml", "name: Sudafrika\n"),
            ]),
            [
                "translations/xx/countries/ZA.yaml:1:1: this translation names no country `code`",
                "translations/xx/language.yaml:1:1: the translation `xx` has no `name`",
                "translations/xx/language.yaml:1:1: `code` is missing",
                "translations/xx/sections/01-base.yaml:1:1: this translation names no `section`",
            ]
        );
    }

    #[test]
    fn an_empty_translation_leaves_the_english_in_place_with_a_warning() {
        let section =
            "section: base\ntitle: ' '\nclauses:\n  a-rule:\n    title: Eins\n    body: ''\n";
        let found = messages(&[
            ("translations/xx/language.yaml", LANGUAGE),
            ("translations/xx/sections/01-base.yaml", section),
            ("translations/xx/sources.yaml", "sources:\n  osf-2010: ''\n"),
        ]);
        let empty = ": warning: this translation is empty: the `xx` handbook shows the";
        assert_eq!(
            found,
            [
                format!("translations/xx/sections/01-base.yaml:2:8{empty} English"),
                format!("translations/xx/sections/01-base.yaml:6:11{empty} English"),
                format!("translations/xx/sources.yaml:2:13{empty} source's own title"),
            ]
        );
        let lib = super::super::tests::library(&[
            ("translations/xx/language.yaml", LANGUAGE),
            ("translations/xx/sections/01-base.yaml", section),
        ]);
        let clause = &lib.sections[0].clauses[0].clause;
        assert_eq!(clause.title.get("xx", "en"), "Eins");
        assert_eq!(
            clause.body.as_ref().map(|b| b.get("xx", "en")),
            Some("Text for {{ org.name }}.")
        );
        assert_eq!(lib.sections[0].title.get("xx", "en"), "Base");
    }
}
