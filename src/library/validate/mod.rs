//! Validation: merges the parsed files into one [`Library`] and checks it, pass by
//! pass, reporting **all** problems with their places before stopping:
//!
//! 1. [`questions`]: ids, kinds, choices (then, once countries are known, `ask-if`,
//!    defaults, and the questions the program reads);
//! 2. [`references`]: sources; later clause ids, `requires`/`conflicts`, `disable`;
//! 3. [`sections`]: sections and clauses (merged, then compiled);
//! 4. [`countries`]: profiles, their dates, facts, defaults and clauses, and
//!    [`placeholders`]: what a scaffolded profile still leaves to fill in (`TODO`);
//! 5. [`language`]: terms to avoid and the glossary;
//! 6. [`templates`]: clause texts as templates, the document templates, fixed texts.
mod countries;
mod language;
mod located;
pub(crate) mod made_from;
mod overrides;
mod placeholders;
mod questions;
mod references;
mod sections;
pub(crate) mod templates;
pub(crate) mod translations;

use super::load::RawLibrary;
use super::positions::YamlPath;
use super::{Library, SourceFile};
use crate::diagnostics::Diagnostic;
use located::Located;

/// Merges and checks the parsed files.
pub fn compile(raw: RawLibrary) -> Result<(Library, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let mut lib = Library::default();

    // library.yaml: the first is the base, later ones (overlays) may only disable clauses.
    for (i, (file, meta)) in raw.meta.iter().enumerate() {
        if i == 0 {
            lib.meta = meta.clone();
            for (key, missing) in [
                ("name", meta.name.is_empty()),
                ("version", meta.version.is_empty()),
                ("default-language", meta.default_language.is_empty()),
                ("title", meta.title.is_empty()),
            ] {
                if missing {
                    problems.push(
                        Located::new(file)
                            .at(&YamlPath::root(), format!("`{key}` is missing"))
                            .with_help(format!("add `{key}:` to library.yaml")),
                    );
                }
            }
        }
        lib.disabled.extend(meta.disable.iter().cloned());
    }
    if raw.meta.is_empty() {
        problems.push(Diagnostic::error(
            "library.yaml",
            None,
            "the library has no library.yaml",
        ));
    }

    questions::check_questions(&raw, &mut lib, &mut problems);
    references::add_sources(&raw, &mut lib, &mut problems);
    sections::merge_sections(&raw, &mut lib, &mut problems);
    countries::add_profiles(&raw, &mut lib, &mut problems);
    lib.reindex();
    // Now that countries are known, conditions over questions can be checked.
    questions::check_conditions(&raw, &mut lib, &mut problems);
    questions::check_known(&lib, &mut problems);
    countries::check_profiles(&raw, &lib, &mut problems);
    placeholders::check_placeholders(&raw, &mut lib, &mut problems);
    countries::attach_clauses(&raw, &mut lib, &mut problems);
    lib.reindex();
    references::check_duplicates(&raw, &lib, &mut problems);
    sections::compile_clauses(&raw, &mut lib, &mut problems);
    language::check_language(&raw, &mut lib, &mut problems);
    templates::add_templates(&raw, &mut lib, &mut problems);
    templates::add_strings(&raw, &mut lib, &mut problems);
    let translation_files = translations::add_translations(&raw, &mut lib, &mut problems);
    references::check_disabled(&raw, &lib, &mut problems);

    let mut files: Vec<SourceFile> = Vec::new();
    files.extend(raw.meta.iter().map(|(f, _)| f.clone()));
    files.extend(raw.questions.iter().map(|(f, _)| f.clone()));
    files.extend(raw.sources.iter().map(|(f, _)| f.clone()));
    files.extend(raw.sections.iter().map(|(f, _)| f.clone()));
    files.extend(raw.countries.iter().map(|(f, _)| f.clone()));
    files.extend(raw.language.iter().map(|(f, _)| f.clone()));
    files.extend(raw.glossary.iter().map(|(f, _)| f.clone()));
    files.extend(raw.strings.iter().map(|(f, _)| f.clone()));
    files.extend(translation_files);
    lib.files = files;
    lib.reindex();

    // Reported file by file, top to bottom.
    problems.sort_by(|a, b| (&a.file, a.pos).cmp(&(&b.file, b.pos)));
    let (warnings, errors): (Vec<_>, Vec<_>) = problems.into_iter().partition(|d| d.warning);
    if errors.is_empty() {
        Ok((lib, warnings))
    } else {
        Err(errors.into_iter().chain(warnings).collect())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    //! A small library that passes every check, for the passes' tests.
    use super::super::Library;
    use super::super::load::load_from;

    pub struct Minimal {
        pub library: &'static str,
        pub questions: &'static str,
        pub sources: &'static str,
        pub section: &'static str,
    }

    pub const MINIMAL: Minimal = Minimal {
        library: "name: test\nversion: '1'\ndefault-language: en\ntitle: T\nsubtitle: S\n",
        questions: "chapters:\n  - id: org\n    title: Org\n    questions:\n      - id: org.name\n        kind: text\n        prompt: Name?\n      - id: org.type\n        kind: choice\n        prompt: Type?\n        choices:\n          - value: led\n            label: Led\n          - value: based\n            label: Based\n      - id: place.country\n        kind: choice\n        prompt: Country?\n        choices-from: countries\n      - id: place.region\n        kind: text\n        prompt: Region?\n        ask-if: place.country == other\n  - id: more\n    title: More\n    questions:\n",
        sources: "sources:\n  - id: osf-2010\n    title: Harm Reduction at Work\n",
        section: "id: base\ntitle: Base\nclauses:\n  - id: a-rule\n    title: A\n    body: Text for {{ org.name }}.\n    rationale: R\n    sources: [osf-2010]\n",
    };

    /// The minimal library with `files` added or replacing its own (by name). Names
    /// starting `overlay/` are read as an overlay folder's files.
    fn load(files: &[(&str, &str)]) -> Result<(Library, Vec<String>), Vec<String>> {
        let questions = if files.iter().any(|(n, _)| *n == "questions.yaml") {
            String::new()
        } else {
            // The last chapter needs a question.
            format!(
                "{}      - id: more.x\n        kind: yes-no\n        prompt: X?\n",
                MINIMAL.questions
            )
        };
        let strings = strings();
        let mut all: Vec<(&str, &str)> = vec![
            ("library.yaml", MINIMAL.library),
            ("questions.yaml", &questions),
            ("sources.yaml", MINIMAL.sources),
            ("sections/01-base.yaml", MINIMAL.section),
            ("strings.yaml", &strings),
        ];
        for (name, text) in files {
            match all.iter_mut().find(|(n, _)| n == name) {
                Some(slot) => slot.1 = text,
                None => all.push((name, text)),
            }
        }
        let headlines = |d: Vec<crate::diagnostics::Diagnostic>| {
            d.iter().map(|d| d.headline()).collect::<Vec<_>>()
        };
        load_from(&all)
            .map(|(lib, w)| (lib, headlines(w)))
            .map_err(headlines)
    }

    /// A `strings.yaml` with every fixed text the program reads.
    pub fn strings() -> String {
        let mut s = String::from("strings:\n");
        for key in super::super::known::strings::ALL {
            s.push_str(&format!("  {key}: {key}\n"));
        }
        s
    }

    /// The headlines of every problem found.
    pub fn messages(files: &[(&str, &str)]) -> Vec<String> {
        match load(files) {
            Ok((_, warnings)) => warnings,
            Err(problems) => problems,
        }
    }

    /// The library, which must load without errors.
    pub fn library(files: &[(&str, &str)]) -> Library {
        match load(files) {
            Ok((lib, _)) => lib,
            Err(problems) => panic!("{problems:#?}"),
        }
    }

    #[test]
    fn the_minimal_library_is_sound() {
        assert_eq!(messages(&[]), Vec::<String>::new());
    }

    #[test]
    fn library_yaml_names_each_field_it_lacks() {
        assert_eq!(
            messages(&[("library.yaml", "name: test\nsubtitle: S\n")]),
            [
                "library.yaml:1:1: `version` is missing",
                "library.yaml:1:1: `default-language` is missing",
                "library.yaml:1:1: `title` is missing",
            ]
        );
    }
}
