//! `decisions.yaml`: a committee's record of its review, clause by clause. People edit
//! it by hand too, so every problem in it is reported with its line and column.
use crate::diagnostics::{Diagnostic, YamlLines};
use crate::hash::HashMap;
use crate::input_file::ReadFailure;
use crate::library::Library;
use crate::library::positions::{Positions, YamlPath};
use crate::library::template_check;
use crate::library::validate::templates::{TemplateRoots, text_problems};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::path::Path;

pub const SCHEMA: u32 = 1;

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct DecisionsFile {
    /// The format version of this file.
    pub schema: u32,
    /// The answers file the reviewed handbook was built from, relative to this file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answers: Option<String>,
    /// Who reviewed, and when they met.
    pub committee: Committee,
    /// One entry per clause, in handbook order.
    pub clauses: Vec<ClauseDecision>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct Committee {
    /// The committee's members, by name or role.
    pub members: Vec<Member>,
    /// Meeting dates (YYYY-MM-DD).
    pub meetings: Vec<Date>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct Member {
    /// A name or a role ("peer worker, outreach team").
    pub name: String,
    /// Whether the member has lived or living experience of drug use.
    pub lived_experience: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Decision {
    /// Not decided yet.
    #[default]
    Pending,
    /// Adopted as written.
    Accepted,
    /// Adopted with the committee's text.
    Amended,
    /// Left out of the handbook.
    Removed,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct ClauseDecision {
    /// The clause id.
    pub id: String,
    /// The clause title when it was reviewed (for people reading this file).
    pub title: String,
    /// pending, accepted, amended or removed.
    pub decision: Decision,
    /// The hash of the text under review; a different hash now means the text changed.
    pub hash: String,
    /// The text under review, kept to show what changed since.
    pub reviewed: String,
    /// The committee's text, for `amended`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// A note; the reason, for `removed`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// When it was decided (YYYY-MM-DD).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
}

/// The hash of a clause's text as reviewed: its title and rendered body.
pub fn text_hash(title: &str, body: &str) -> String {
    let normalised: Vec<&str> = body.split_whitespace().collect();
    format!(
        "sha256:{}",
        crate::atomic::sha256_hex(format!("{title}\n\n{}", normalised.join(" ")).as_bytes())
    )
}

impl DecisionsFile {
    /// Reads and checks a decisions file; every problem comes with its position.
    pub fn load(path: &Path) -> Result<(DecisionsFile, String), Vec<Diagnostic>> {
        let name = path.display().to_string();
        let text = crate::input_file::read_text(path, &name).map_err(|failure| {
            vec![match failure {
                ReadFailure::Io(e) => {
                    Diagnostic::error(&name, None, format!("cannot read the decisions file: {e}"))
                        .with_help("run `hrpolicy review` to write one")
                }
                ReadFailure::Refused(d) => *d,
            }]
        })?;
        crate::yaml_guard::check_yaml(&name, &text).map_err(|d| vec![*d])?;
        let file: DecisionsFile = serde_yaml::from_str(&text)
            .map_err(|e| vec![crate::library::load::yaml_error(&name, &text, &e)])?;
        let problems = file.check(&name, &text);
        if problems.is_empty() {
            Ok((file, text))
        } else {
            Err(problems)
        }
    }

    fn check(&self, name: &str, text: &str) -> Vec<Diagnostic> {
        let positions = Positions::index(text);
        let at = |path: &YamlPath, message: String, help: &str| {
            Diagnostic::error(name, positions.pos(path), message)
                .with_source(text)
                .with_help(help)
        };
        let mut problems = Vec::new();
        if self.schema > SCHEMA {
            problems.push(at(
                &YamlPath::root().key("schema"),
                format!(
                    "schema {} is newer than this hrpolicy understands ({SCHEMA})",
                    self.schema
                ),
                "upgrade hrpolicy",
            ));
        }
        let mut seen = crate::hash::HashSet::default();
        for (i, c) in self.clauses.iter().enumerate() {
            let p = YamlPath::root().key("clauses").index(i);
            if c.id.trim().is_empty() {
                problems.push(at(
                    &p.key("id"),
                    format!("entry {} of `clauses` names no clause", i + 1),
                    "add `id:` with the clause's id, as `hrpolicy list clauses` prints it",
                ));
            } else if !seen.insert(c.id.as_str()) {
                problems.push(at(
                    &p.key("id"),
                    format!("clause `{}` is listed twice", c.id),
                    "keep one entry per clause",
                ));
            }
            match c.decision {
                Decision::Amended if c.text.as_deref().is_none_or(|t| t.trim().is_empty()) => {
                    problems.push(at(
                        &p.key("decision"),
                        format!("clause `{}` is amended but has no `text`", c.id),
                        "add `text: |` with the committee's wording",
                    ));
                }
                Decision::Removed if c.note.as_deref().is_none_or(|t| t.trim().is_empty()) => {
                    problems.push(at(
                        &p.key("decision"),
                        format!("clause `{}` is removed but no `note` says why", c.id),
                        "add `note:` with the committee's reason",
                    ));
                }
                _ => {}
            }
        }
        problems.extend(self.text_problems(name, text, None));
        problems
    }

    /// The problems of the committee's texts (of amended clauses) as templates, each at
    /// its line and column in `text` (this file): the syntax of each and, with `roots`
    /// (the library's answers), every variable that no question defines.
    fn text_problems(
        &self,
        name: &str,
        text: &str,
        roots: Option<&TemplateRoots>,
    ) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        let mut index: Option<(Positions, YamlLines)> = None;
        for (i, c) in self.clauses.iter().enumerate() {
            let (Decision::Amended, Some(amended)) = (c.decision, &c.text) else {
                continue;
            };
            let found = match roots {
                Some(roots) => text_problems(amended, roots),
                None => template_check::syntax(amended).into_iter().collect(),
            };
            for p in found {
                let (positions, lines) =
                    index.get_or_insert_with(|| (Positions::index(text), YamlLines::new(text)));
                let path = YamlPath::root().key("clauses").index(i).key("text");
                let pos = positions.inside(&path, lines, p.line, p.col);
                let mut d = Diagnostic::error(
                    name,
                    pos,
                    format!("the amended text of `{}`: {}", c.id, p.message),
                )
                .with_source(text);
                d.help = p.help;
                problems.push(d);
            }
        }
        problems
    }

    /// The amended texts checked against the library: every answer they read must be
    /// one a question defines (`{{ org.nme }}` is refused, with "did you mean").
    pub fn check_amendments(
        &self,
        name: &str,
        text: &str,
        library: &Library,
    ) -> Result<(), Vec<Diagnostic>> {
        let roots = TemplateRoots::of(library, false);
        let problems = self.text_problems(name, text, Some(&roots));
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    /// Saves atomically and durably: this is the committee's work.
    pub fn save(&self, path: &Path) -> anyhow::Result<()> {
        let yaml = serde_yaml::to_string(self)?;
        let text = format!(
            "# Review decisions. For each clause: decision (pending, accepted, amended, removed),\n\
             # `text` for amended clauses, `note` (the reason) for removed ones, and the date.\n\
             # `hash` and `reviewed` record the text that was reviewed: leave them as they are.\n{yaml}"
        );
        // Comments the committee wrote in the file stay with their clauses.
        let text = crate::yaml_comments::carry_into_file(path, &text);
        crate::atomic::write_atomic(path, text.as_bytes(), true)
    }

    pub fn get(&self, id: &str) -> Option<&ClauseDecision> {
        self.clauses.iter().find(|c| c.id == id)
    }

    /// The decisions by clause id (the first, if a clause is listed twice).
    pub fn by_id(&self) -> HashMap<&str, &ClauseDecision> {
        let mut map = HashMap::with_capacity_and_hasher(self.clauses.len(), Default::default());
        for c in &self.clauses {
            map.entry(c.id.as_str()).or_insert(c);
        }
        map
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_follows_the_words_not_the_line_breaks() {
        assert_eq!(text_hash("T", "a b\nc"), text_hash("T", "a  b c"));
        assert_ne!(text_hash("T", "a b c"), text_hash("T", "a b d"));
        assert_ne!(text_hash("T", "a"), text_hash("U", "a"));
        assert!(text_hash("T", "a").starts_with("sha256:"));
    }

    #[test]
    fn reports_problems_with_positions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("decisions.yaml");
        std::fs::write(&path, "schema: 1\nclauses:\n  - id: a\n    decision: amended\n  - id: b\n    decision: removed\n    date: 2026-02-28\n").unwrap();
        let errs = DecisionsFile::load(&path).unwrap_err();
        let heads: Vec<String> = errs
            .iter()
            .map(|d| d.headline().replace(&path.display().to_string(), "d.yaml"))
            .collect();
        assert_eq!(
            heads,
            vec![
                "d.yaml:4:15: clause `a` is amended but has no `text`",
                "d.yaml:6:15: clause `b` is removed but no `note` says why",
            ]
        );
        // An impossible date is refused where it stands.
        std::fs::write(
            &path,
            "clauses:\n  - id: b\n    decision: accepted\n    date: 2026-02-30\n",
        )
        .unwrap();
        let errs = DecisionsFile::load(&path).unwrap_err();
        assert!(
            errs[0].headline().contains(":4:11: "),
            "{}",
            errs[0].headline()
        );
        assert!(
            errs[0].headline().contains("2026-02-30") || errs[0].headline().contains("day"),
            "{}",
            errs[0].headline()
        );
        std::fs::write(&path, "clauses:\n  - id: a\n    decision: maybe\n").unwrap();
        let errs = DecisionsFile::load(&path).unwrap_err();
        assert!(errs[0].headline().ends_with(":3:15: clauses[0].decision: unknown variant `maybe`, expected one of `pending`, `accepted`, `amended`, `removed`"), "{}", errs[0].headline());
    }
}
