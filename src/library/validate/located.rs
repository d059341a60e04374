//! What every validation pass shares: a file with its position index, the id rules,
//! and condition checking with positions inside the condition's text.
use super::super::load::RawLibrary;
use super::super::positions::{Positions, YamlPath};
use super::super::{Library, SourceFile};
use crate::answer::Kind;
use crate::condition::{Condition, QuestionShape};
use crate::diagnostics::{Diagnostic, Pos, YamlLines, did_you_mean, pos_of_offset};
use crate::hash::HashMap;

/// The files clauses come from (sections and country profiles), by display name, each
/// with one `Located` its clauses share: a file's position index and lines are then made
/// once, however many of its clauses have problems (once per clause was quadratic).
pub fn clause_files(raw: &RawLibrary) -> HashMap<&str, Located<'_>> {
    raw.sections
        .iter()
        .map(|(f, _)| f)
        .chain(raw.countries.iter().map(|(f, _)| f))
        .map(|f| (f.name.as_str(), Located::new(f)))
        .collect()
}

/// A file with its position index, for pointing at values. The index is built only
/// when a problem needs a position, so a valid library loads without it.
pub struct Located<'a> {
    pub file: &'a SourceFile,
    index: std::cell::OnceCell<Positions>,
    /// The file's lines as YAML counts them, split once for every diagnostic's source
    /// line (splitting the text again for each made many problems quadratic).
    lines: std::cell::OnceCell<YamlLines<'a>>,
}

impl<'a> Located<'a> {
    pub fn new(file: &'a SourceFile) -> Self {
        Located {
            file,
            index: std::cell::OnceCell::new(),
            lines: std::cell::OnceCell::new(),
        }
    }

    fn positions(&self) -> &Positions {
        self.index.get_or_init(|| Positions::index(&self.file.text))
    }

    /// The file's lines, as YAML counts them.
    fn lines(&self) -> &YamlLines<'a> {
        let text: &'a str = &self.file.text;
        self.lines.get_or_init(|| YamlLines::new(text))
    }

    /// Line `n` of the file (from 1), as YAML counts lines.
    fn line(&self, n: usize) -> Option<&'a str> {
        self.lines().line(n)
    }

    /// `d` with the source line its position points into.
    pub fn sourced(&self, d: Diagnostic) -> Diagnostic {
        match d.pos.and_then(|pos| self.line(pos.line)) {
            Some(line) => d.with_source_line(line),
            None => d,
        }
    }

    /// An error at the value `path`.
    pub fn at(&self, path: &YamlPath, message: impl Into<String>) -> Diagnostic {
        self.sourced(Diagnostic::error(
            &self.file.name,
            self.positions().pos(path),
            message,
        ))
    }

    /// A warning at the value `path`.
    pub fn warn(&self, path: &YamlPath, message: impl Into<String>) -> Diagnostic {
        self.sourced(Diagnostic::warning(
            &self.file.name,
            self.positions().pos(path),
            message,
        ))
    }

    /// The file position of a place inside the scalar at `path` (line and column
    /// counted inside the scalar, from 1).
    pub fn inside(&self, path: &YamlPath, offset_line: usize, offset_col: usize) -> Option<Pos> {
        self.positions()
            .inside(path, self.lines(), offset_line, offset_col)
    }

    /// An error at byte `offset` of `scalar`, the value at `path`.
    pub fn inside_at(
        &self,
        path: &YamlPath,
        scalar: &str,
        offset: usize,
        message: String,
        help: Option<String>,
    ) -> Diagnostic {
        let rel = pos_of_offset(scalar, offset);
        let pos = self
            .inside(path, rel.line, rel.col)
            .or_else(|| self.positions().pos(path));
        let d = self.sourced(Diagnostic::error(&self.file.name, pos, message));
        match help {
            Some(h) => d.with_help(h),
            None => d,
        }
    }
}

pub fn valid_question_id(id: &str) -> bool {
    !id.is_empty()
        && id.split('.').all(|seg| {
            seg.chars().next().is_some_and(|c| c.is_ascii_lowercase())
                && seg
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        })
}

pub fn valid_value(v: &str) -> bool {
    !v.is_empty()
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Clause, section, variant and source ids.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Reports `id` at `path` when it is not a valid id; `what` names it ("clause").
pub fn check_id(
    loc: &Located<'_>,
    path: &YamlPath,
    id: &str,
    what: &str,
    problems: &mut Vec<Diagnostic>,
) {
    if id.is_empty() {
        problems.push(missing_id(loc, path, what));
    } else if !valid_id(id) {
        problems.push(
            loc.at(path, format!("`{id}` is not a valid {what} id"))
                .with_help("use lower-case letters, digits and hyphens"),
        );
    }
}

/// A `what` (clause, variant, section...) written without its `id` (or with an empty
/// one): said so, not as "`` is not a valid id".
pub fn missing_id(loc: &Located<'_>, path: &YamlPath, what: &str) -> Diagnostic {
    loc.at(path, format!("this {what} has no `id`"))
        .with_help(format!(
            "add `id:` with the {what}'s id: lower-case letters, digits and hyphens"
        ))
}

/// The kind and allowed values of each question, for condition checks.
pub struct Shapes {
    map: HashMap<String, (Kind, Vec<String>)>,
    /// Conditions already found sound, by their text: libraries repeat a few conditions
    /// over many clauses.
    sound: std::cell::RefCell<HashMap<String, Condition>>,
}

impl Shapes {
    pub fn of(lib: &Library) -> Shapes {
        Shapes {
            map: lib
                .questions()
                .map(|q| (q.id.clone(), (q.kind, lib.choice_values(q))))
                .collect(),
            sound: Default::default(),
        }
    }

    /// Parses and checks the condition at `path`; every problem is reported, and the
    /// condition is returned only when it has none.
    pub fn condition(
        &self,
        loc: &Located<'_>,
        path: &YamlPath,
        source: &str,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<Condition> {
        if let Some(c) = self.sound.borrow().get(source) {
            return Some(c.clone());
        }
        match Condition::parse(source) {
            Ok(c) => {
                let ids: Vec<&str> = self.map.keys().map(String::as_str).collect();
                let shape = |id: &str| {
                    self.map.get(id).map(|(kind, values)| QuestionShape {
                        kind: *kind,
                        values: values.iter().map(String::as_str).collect(),
                    })
                };
                let errors = c.check(&shape, &ids);
                if errors.is_empty() {
                    self.sound
                        .borrow_mut()
                        .insert(source.to_string(), c.clone());
                    return Some(c);
                }
                for e in errors {
                    problems.push(loc.inside_at(path, source, e.offset, e.message, e.help));
                }
                None
            }
            Err(e) => {
                problems.push(loc.inside_at(
                    path,
                    source,
                    e.offset,
                    format!("in this condition: {}", e.message),
                    e.help,
                ));
                None
            }
        }
    }
}

/// "unknown source", with the closest id.
pub fn unknown_source(loc: &Located<'_>, path: &YamlPath, id: &str, lib: &Library) -> Diagnostic {
    if id.trim().is_empty() {
        return loc.at(path, "a source is cited here without its id").with_help(
            "write the id of a source listed in sources.yaml or under a country profile's `sources`",
        );
    }
    loc.at(path, format!("unknown source `{id}`")).with_help(
        did_you_mean(id, lib.sources.iter().map(|s| s.id.as_str()))
            .unwrap_or_else(|| "add it to sources.yaml, or cite one listed there".into()),
    )
}
