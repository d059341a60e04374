//! Reading the library: the embedded files, then an overlay folder on top, each file
//! parsed strictly; then the validation pass compiles and checks the whole.
use super::model::{
    CountryFile, GlossaryFile, LanguageFile, LibraryFile, QuestionsFile, SectionFile, SourcesFile,
};
use super::{Library, SourceFile};
use crate::diagnostics::{Diagnostic, Pos};
use serde::de::DeserializeOwned;
use std::path::Path;

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
    pub templates: Vec<(String, SourceFile)>,
}

/// Loads and validates the library. Warnings come with a usable library; errors without.
pub fn load(overlay: Option<&Path>) -> Result<(Library, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut files: Vec<(String, SourceFile)> = embedded::LIBRARY
        .iter()
        .map(|(rel, text)| {
            (
                rel.to_string(),
                SourceFile {
                    name: format!("policy-library/{rel}"),
                    text: text.to_string(),
                    overlay: false,
                },
            )
        })
        .collect();
    let mut templates: Vec<(String, SourceFile)> = embedded::TEMPLATES
        .iter()
        .map(|(rel, text)| {
            (
                rel.to_string(),
                SourceFile {
                    name: format!("templates/{rel}"),
                    text: text.to_string(),
                    overlay: false,
                },
            )
        })
        .collect();
    if let Some(dir) = overlay {
        let mut found = Vec::new();
        read_dir_files(dir, dir, &mut found).map_err(|e| {
            vec![Diagnostic::error(
                &dir.display().to_string(),
                None,
                format!("cannot read the library folder: {e}"),
            )]
        })?;
        for (rel, file) in found {
            match rel.strip_prefix("templates/") {
                Some(name) => templates.push((name.to_string(), file)),
                None => files.push((rel, file)),
            }
        }
    }
    let raw = parse_all(files, templates)?;
    super::validate::compile(raw)
}

/// Loads from explicit files only (tests and benchmarks): `files` as `(relative path, text)`.
pub fn load_from(files: &[(&str, &str)]) -> Result<(Library, Vec<Diagnostic>), Vec<Diagnostic>> {
    let files = files
        .iter()
        .map(|(rel, text)| {
            (
                rel.to_string(),
                SourceFile {
                    name: rel.to_string(),
                    text: text.to_string(),
                    overlay: false,
                },
            )
        })
        .collect();
    let templates = embedded::TEMPLATES
        .iter()
        .map(|(rel, text)| {
            (
                rel.to_string(),
                SourceFile {
                    name: format!("templates/{rel}"),
                    text: text.to_string(),
                    overlay: false,
                },
            )
        })
        .collect();
    super::validate::compile(parse_all(files, templates)?)
}

/// The embedded library files, for tests that build variations of them.
pub fn embedded_files() -> &'static [(&'static str, &'static str)] {
    embedded::LIBRARY
}

fn read_dir_files(
    root: &Path,
    dir: &Path,
    out: &mut Vec<(String, SourceFile)>,
) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            read_dir_files(root, &path, out)?;
        } else if path
            .extension()
            .is_some_and(|e| e == "yaml" || e == "yml" || e == "tera" || e == "css")
        {
            let rel = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            let text = std::fs::read_to_string(&path)?;
            out.push((
                rel,
                SourceFile {
                    name: path.display().to_string(),
                    text,
                    overlay: true,
                },
            ));
        }
    }
    Ok(())
}

fn parse_all(
    files: Vec<(String, SourceFile)>,
    templates: Vec<(String, SourceFile)>,
) -> Result<RawLibrary, Vec<Diagnostic>> {
    let mut raw = RawLibrary {
        templates,
        ..RawLibrary::default()
    };
    let mut problems = Vec::new();
    for (rel, file) in files {
        let kind = rel.rsplit_once('/').map_or(rel.as_str(), |(dir, _)| dir);
        let base = rel.rsplit('/').next().unwrap_or(&rel);
        match (kind, base) {
            ("sections", _) => parse_into(file, &mut raw.sections, &mut problems),
            ("countries", _) => parse_into(file, &mut raw.countries, &mut problems),
            (_, "library.yaml") => parse_into(file, &mut raw.meta, &mut problems),
            (_, "questions.yaml") => parse_into(file, &mut raw.questions, &mut problems),
            (_, "sources.yaml") => parse_into(file, &mut raw.sources, &mut problems),
            (_, "language.yaml") => parse_into(file, &mut raw.language, &mut problems),
            (_, "glossary.yaml") => parse_into(file, &mut raw.glossary, &mut problems),
            _ => problems.push(
                Diagnostic::error(
                    &file.name,
                    None,
                    "this file is not part of the library format",
                )
                .with_help("see docs/library-format.md for the files a library may hold"),
            ),
        }
    }
    if problems.is_empty() {
        Ok(raw)
    } else {
        Err(problems)
    }
}

fn parse_into<T: DeserializeOwned>(
    file: SourceFile,
    into: &mut Vec<(SourceFile, T)>,
    problems: &mut Vec<Diagnostic>,
) {
    match serde_yaml::from_str::<T>(&file.text) {
        Ok(value) => into.push((file, value)),
        Err(e) => problems.push(yaml_error(&file.name, &file.text, &e)),
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
    let help = if message.contains("unknown field") {
        Some(
            "check the spelling of the key; the keys this place accepts are listed above"
                .to_string(),
        )
    } else {
        None
    };
    let d = Diagnostic::error(file, pos, message).with_source(text);
    match help {
        Some(h) => d.with_help(h),
        None => d,
    }
}
