//! One finding of `check`: a typed record with a stable code, and the JSON document
//! `check --format json` prints (`docs/check-json.md`, `docs/check.schema.json`).
use crate::diagnostics::{Diagnostic, Pos};
use crate::hash::HashMap;
use crate::library::Library;
use crate::library::positions::{Positions, YamlPath};
use serde::Serialize;

/// The stable codes of findings. A new check adds a code; a code never changes meaning.
pub mod codes {
    /// A clause that no combination of answers puts in a handbook.
    pub const UNREACHABLE_CLAUSE: &str = "unreachable-clause";
    /// A variant that no combination of answers selects.
    pub const UNREACHABLE_VARIANT: &str = "unreachable-variant";
    /// A `when` or `ask-if` that is false for every combination of answers.
    pub const CONDITION_ALWAYS_FALSE: &str = "condition-always-false";
    /// A `when` or `ask-if` that is true for every combination of answers.
    pub const CONDITION_ALWAYS_TRUE: &str = "condition-always-true";
    /// A reachable text that Tera cannot render.
    pub const RENDER_ERROR: &str = "render-error";
    /// Answers that put a clause in and a clause it `requires` out.
    pub const REQUIRES_BROKEN: &str = "requires-broken";
    /// Answers that put a clause and a clause it `conflicts` with both in.
    pub const CONFLICT_REACHABLE: &str = "conflict-reachable";
    /// A clause whose conditions read too many combinations to try them all.
    pub const ENUMERATION_CAPPED: &str = "enumeration-capped";
    /// A country fact checked more than 24 months ago.
    pub const STALE_FACT: &str = "stale-fact";
    /// A problem the library's validation found (file by file).
    pub const INVALID_LIBRARY: &str = "invalid-library";
    /// A warning of the library's validation.
    pub const LIBRARY_WARNING: &str = "library-warning";
    /// A term to avoid, from the language check.
    pub const LANGUAGE: &str = "language";
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Fails `check` (exit 65).
    Error,
    /// Reported; fails `check` only with `--strict`.
    Warning,
}

/// One finding, at a place in a library file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub severity: Severity,
    /// A stable kebab-case id ([`codes`]).
    pub code: &'static str,
    /// The file as `check` names it (`policy-library/sections/03-fitness.yaml`).
    pub file: String,
    /// 1-based line, when the finding has a place in the file.
    pub line: Option<usize>,
    /// 1-based column (in characters), with `line`.
    pub col: Option<usize>,
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

impl Finding {
    pub fn new(
        severity: Severity,
        code: &'static str,
        file: &str,
        pos: Option<Pos>,
        message: impl Into<String>,
    ) -> Finding {
        Finding {
            severity,
            code,
            file: file.to_string(),
            line: pos.map(|p| p.line),
            col: pos.map(|p| p.col),
            message: message.into(),
            help: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Finding {
        self.help = Some(help.into());
        self
    }

    /// A validation diagnostic as a finding with `code`.
    pub fn from_diagnostic(d: &Diagnostic, code: &'static str) -> Finding {
        let severity = if d.warning {
            Severity::Warning
        } else {
            Severity::Error
        };
        let mut f = Finding::new(severity, code, &d.file, d.pos, d.message.clone());
        f.help = d.help.clone();
        f
    }

    /// The finding as a diagnostic, with its source line from `file_text` (the text of
    /// its file, or "" for none), for the text output.
    pub fn to_diagnostic(&self, file_text: &str) -> Diagnostic {
        let pos = self.line.zip(self.col).map(|(line, col)| Pos { line, col });
        let d = match self.severity {
            Severity::Error => Diagnostic::error(&self.file, pos, self.message.clone()),
            Severity::Warning => Diagnostic::warning(&self.file, pos, self.message.clone()),
        };
        let mut d = d.with_source(file_text);
        d.help = self.help.clone();
        d
    }
}

/// `check --format json`: one document, version 1.
#[derive(Debug, Serialize)]
pub struct Report<'a> {
    /// The shape's version; a change that breaks readers raises it.
    pub version: u32,
    pub findings: &'a [Finding],
    pub summary: Summary,
}

#[derive(Debug, Default, Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    /// Clauses the deep check looked at (0 when the library did not load).
    pub clauses: usize,
    /// Combinations of answers tried.
    pub combinations: usize,
    /// Clause texts rendered.
    pub rendered: usize,
}

impl<'a> Report<'a> {
    pub fn new(findings: &'a [Finding], summary: Summary) -> Report<'a> {
        let errors = findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count();
        Report {
            version: 1,
            findings,
            summary: Summary {
                errors,
                warnings: findings.len() - errors,
                ..summary
            },
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// The library's files split into lines once, so that each finding gets its source
/// line without scanning its file from the start (a large overlay may have thousands).
pub struct SourceLines<'a> {
    library: &'a Library,
    files: HashMap<&'a str, Vec<&'a str>>,
}

impl<'a> SourceLines<'a> {
    pub fn new(library: &'a Library) -> SourceLines<'a> {
        SourceLines {
            library,
            files: HashMap::default(),
        }
    }

    /// `finding` as a diagnostic with its source line.
    pub fn diagnostic(&mut self, finding: &'a Finding) -> Diagnostic {
        let library = self.library;
        let lines = self
            .files
            .entry(finding.file.as_str())
            .or_insert_with(|| library.file_text(&finding.file).lines().collect());
        let line = finding
            .line
            .and_then(|l| lines.get(l.saturating_sub(1)))
            .copied()
            .unwrap_or("");
        let d = finding.to_diagnostic("");
        if d.pos.is_some() && !line.is_empty() {
            d.with_source_line(line)
        } else {
            d
        }
    }
}

/// Positions inside the library's files, each file indexed the first time it is needed.
pub struct Places<'a> {
    library: &'a Library,
    index: HashMap<String, Positions>,
}

impl<'a> Places<'a> {
    pub fn new(library: &'a Library) -> Places<'a> {
        Places {
            library,
            index: HashMap::default(),
        }
    }

    /// The position of the value at `path` in `file`.
    pub fn pos(&mut self, file: &str, path: &YamlPath) -> Option<Pos> {
        let library = self.library;
        self.index
            .entry(file.to_string())
            .or_insert_with(|| Positions::index(library.file_text(file)))
            .pos(path)
    }
}
