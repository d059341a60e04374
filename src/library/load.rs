//! Reading the library: the embedded files, then an overlay folder on top, each file
//! parsed strictly; then the validation pass compiles and checks the whole.
use super::model::{
    CountryFile, GlossaryFile, LanguageFile, LibraryFile, QuestionsFile, SectionFile, SourcesFile,
    StringsFile,
};
use super::{FileText, Library, SourceFile};
use crate::diagnostics::{Diagnostic, Pos};
use serde::de::DeserializeOwned;
use std::path::PathBuf;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// The parsed files, before merging and checking.
#[derive(Default)]
pub struct RawLibrary {
    pub meta: Vec<(SourceFile, LibraryFile)>,
    pub questions: Vec<(SourceFile, QuestionsFile)>,
    pub sources: Vec<(SourceFile, SourcesFile)>,
    pub sections: Vec<(SourceFile, SectionFile)>,
    pub countries: Vec<(SourceFile, CountryFile)>,
    pub language: Vec<(SourceFile, LanguageFile)>,
    pub glossary: Vec<(SourceFile, GlossaryFile)>,
    pub strings: Vec<(SourceFile, StringsFile)>,
    /// Check everything, even what the built-in library's tests vouch for.
    pub thorough: bool,
    /// `translations/LANG/...` files, by their path in the library.
    pub translations: Vec<(String, SourceFile)>,
    pub templates: Vec<(String, SourceFile)>,
}

/// The built-in files of one embedded folder, named as in the repository.
fn builtin(list: &'static [(&str, &str, &'static str)], prefix: &str) -> Vec<(String, SourceFile)> {
    list.iter()
        .map(|(rel, text, json)| {
            let file = SourceFile {
                name: format!("{prefix}/{rel}"),
                text: FileText::BuiltIn(text),
                overlay: false,
                json: (!json.is_empty()).then_some(*json),
            };
            (rel.to_string(), file)
        })
        .collect()
}

/// Loads and validates the library: the built-in one, then each overlay folder in
/// turn (a later one wins). Warnings come with a usable library; errors without.
/// Every check runs (`hrpolicy check`, tests).
pub fn load(overlays: &[PathBuf]) -> Result<(Library, Vec<Diagnostic>), Vec<Diagnostic>> {
    load_with(overlays, true)
}

/// Loads the library to use it (build, review, explain): as [`load`], except that the
/// template syntax of the built-in texts, which `check` and the tests vouch for, is not
/// checked again (a syntax error would still be reported, with its place, when the text
/// is rendered).
pub fn load_to_use(overlays: &[PathBuf]) -> Result<(Library, Vec<Diagnostic>), Vec<Diagnostic>> {
    load_with(overlays, false)
}

fn load_with(
    overlays: &[PathBuf],
    thorough: bool,
) -> Result<(Library, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut files = builtin(embedded::LIBRARY, "policy-library");
    let mut templates = builtin(embedded::TEMPLATES, "templates");
    for (n, dir) in overlays.iter().enumerate() {
        let found = super::overlay_dir::read_overlay(dir)?;
        if replaces_built_in(&found) {
            if n > 0 {
                return Err(vec![
                    Diagnostic::error(
                        &dir.join("library.yaml").display().to_string(),
                        None,
                        "`replaces-built-in` is only for the first `--library` folder",
                    )
                    .with_help("give this folder first, or remove `replaces-built-in: true`"),
                ]);
            }
            // A whole library (as `library export` writes it) stands in for the built-in
            // one; the built-in templates stay as a fallback for any it lacks.
            files.clear();
        }
        for (rel, file) in found {
            match rel.strip_prefix("templates/") {
                Some(name) => templates.push((name.to_string(), file)),
                None => files.push((rel, file)),
            }
        }
    }
    let mut raw = parse_all(files, templates)?;
    raw.thorough = thorough;
    super::validate::compile(raw)
}

/// Whether an overlay's `library.yaml` says it replaces the built-in library.
fn replaces_built_in(found: &[(String, SourceFile)]) -> bool {
    found
        .iter()
        .find(|(rel, _)| rel == "library.yaml")
        .and_then(|(_, file)| de::<LibraryFile>(file).ok())
        .is_some_and(|meta| meta.replaces_built_in)
}

/// The built-in files as `(folder, path inside it, text)`: `policy-library` and
/// `templates`, as in the repository (for `hrpolicy library export`).
pub fn builtin_files() -> impl Iterator<Item = (&'static str, &'static str, &'static str)> {
    let library = embedded::LIBRARY
        .iter()
        .map(|(rel, text, _)| ("policy-library", *rel, *text));
    let templates = embedded::TEMPLATES
        .iter()
        .map(|(rel, text, _)| ("templates", *rel, *text));
    library.chain(templates)
}

/// Loads from explicit files only (tests): `files` as `(relative path, text)`, with the
/// built-in templates.
pub fn load_from(files: &[(&str, &str)]) -> Result<(Library, Vec<Diagnostic>), Vec<Diagnostic>> {
    let files = files
        .iter()
        .map(|(rel, text)| {
            let (rel, overlay) = match rel.strip_prefix("overlay/") {
                Some(inner) => (inner, true),
                None => (*rel, false),
            };
            let file = SourceFile {
                name: if overlay {
                    format!("overlay/{rel}")
                } else {
                    rel.to_string()
                },
                text: FileText::from(*text),
                overlay,
                json: None,
            };
            (rel.to_string(), file)
        })
        .collect();
    let mut raw = parse_all(files, builtin(embedded::TEMPLATES, "templates"))?;
    raw.thorough = true;
    super::validate::compile(raw)
}

/// One parsed file, of whichever kind its place in the folder says.
enum Parsed {
    Meta(LibraryFile),
    Questions(QuestionsFile),
    Sources(SourcesFile),
    Section(SectionFile),
    Country(CountryFile),
    Language(LanguageFile),
    Glossary(GlossaryFile),
    Strings(StringsFile),
    /// Read by the translation loader.
    Translation,
}

/// Parses one library file strictly into `T`.
pub(crate) fn de<T: DeserializeOwned>(file: &SourceFile) -> Result<T, Diagnostic> {
    // The JSON made at build time is the fast path; any refusal is reported from the
    // YAML, which knows lines and columns.
    if let Some(parsed) = file.json.and_then(|j| serde_json::from_str::<T>(j).ok()) {
        return Ok(parsed);
    }
    if file.overlay {
        crate::yaml_guard::check_yaml(&file.name, &file.text).map_err(|d| *d)?;
    }
    serde_yaml::from_str::<T>(&file.text).map_err(|e| yaml_error(&file.name, &file.text, &e))
}

fn parse_one(rel: &str, file: &SourceFile) -> Result<Parsed, Diagnostic> {
    if rel.starts_with("translations/") {
        return Ok(Parsed::Translation);
    }
    let kind = rel.rsplit_once('/').map_or(rel, |(dir, _)| dir);
    let base = rel.rsplit('/').next().unwrap_or(rel);
    Ok(match (kind, base) {
        ("sections", _) => Parsed::Section(de(file)?),
        ("countries", _) => Parsed::Country(de(file)?),
        (_, "library.yaml") => Parsed::Meta(de(file)?),
        (_, "questions.yaml") => Parsed::Questions(de(file)?),
        (_, "sources.yaml") => Parsed::Sources(de(file)?),
        (_, "language.yaml") => Parsed::Language(de(file)?),
        (_, "glossary.yaml") => Parsed::Glossary(de(file)?),
        (_, "strings.yaml") => Parsed::Strings(de(file)?),
        _ => {
            return Err(Diagnostic::error(
                &file.name,
                None,
                "this file is not part of the library format",
            )
            .with_help("see docs/library-format.md for the files a library may hold"));
        }
    })
}

/// Parses every file, on as many threads as there are cores, keeping the files' order.
fn parse_all(
    files: Vec<(String, SourceFile)>,
    templates: Vec<(String, SourceFile)>,
) -> Result<RawLibrary, Vec<Diagnostic>> {
    let parsed: Vec<Result<Parsed, Diagnostic>> = crate::parallel::map_runs(&files, 1, |part| {
        part.iter()
            .map(|(rel, f)| parse_one(rel, f))
            .collect::<Vec<_>>()
    })
    .into_iter()
    .flatten()
    .collect();
    let mut raw = RawLibrary {
        templates,
        ..RawLibrary::default()
    };
    let mut problems = Vec::new();
    for ((rel, file), result) in files.into_iter().zip(parsed) {
        match result {
            Ok(Parsed::Meta(v)) => raw.meta.push((file, v)),
            Ok(Parsed::Questions(v)) => raw.questions.push((file, v)),
            Ok(Parsed::Sources(v)) => raw.sources.push((file, v)),
            Ok(Parsed::Section(v)) => raw.sections.push((file, v)),
            Ok(Parsed::Country(v)) => raw.countries.push((file, v)),
            Ok(Parsed::Language(v)) => raw.language.push((file, v)),
            Ok(Parsed::Glossary(v)) => raw.glossary.push((file, v)),
            Ok(Parsed::Strings(v)) => raw.strings.push((file, v)),
            Ok(Parsed::Translation) => raw.translations.push((rel, file)),
            Err(d) => problems.push(d),
        }
    }
    if problems.is_empty() {
        Ok(raw)
    } else {
        Err(problems)
    }
}

/// A serde_yaml error as a diagnostic with the file's line and column.
pub fn yaml_error(file: &str, text: &str, e: &serde_yaml::Error) -> Diagnostic {
    let pos = e.location().map(|l| Pos {
        line: l.line(),
        col: l.column(),
    });
    let mut message = e.to_string();
    // serde_yaml appends " at line L column C"; the position is already in front.
    if let Some(i) = message.find(" at line ") {
        message.truncate(i);
    }
    let help = yaml_help(&message);
    Diagnostic::error(file, pos, message)
        .with_source(text)
        .with_help(help)
}

/// How to fix what serde_yaml refused, by the kind of refusal.
fn yaml_help(message: &str) -> &'static str {
    let has = |s: &str| message.contains(s);
    if has("unknown field") {
        "check the spelling of the key; the keys this place accepts are listed above"
    } else if has("unknown variant") {
        "use one of the values listed"
    } else if has("missing field") {
        "add the missing key"
    } else if has("duplicate entry") {
        "keep one of the two entries"
    } else if has("date") {
        "write a date that exists, as YYYY-MM-DD"
    } else if has("invalid type") || has("invalid value") || has("invalid length") {
        "write a value of the kind expected here"
    } else if has("more than one document") {
        "keep one YAML document per file: remove the `---` line and what follows, or split the file"
    } else if has("recursion limit") {
        "nest lists and maps less deeply (at most 128 levels)"
    } else if has("repetition limit") {
        "write the values out instead of repeating them with `&` anchors and `*` aliases"
    } else {
        "fix the YAML here: indent with spaces, put a space after each `:` and `-`, and quote \
         text that holds `: `, ` #`, `[`, `{` or starts with a symbol"
    }
}
