//! The references pass: sources (added and cited), clause ids used once, `requires`
//! and `conflicts` naming real clauses, and `disable` naming real clauses.
use super::super::load::RawLibrary;
use super::super::model::Source;
use super::super::positions::YamlPath;
use super::super::{CompiledClause, Library};
use super::located::{Located, check_id, unknown_source};
use crate::diagnostics::{Diagnostic, did_you_mean};
use std::collections::{HashMap, HashSet};

/// Adds the sources of `sources.yaml` files.
pub fn add_sources(raw: &RawLibrary, lib: &mut Library, problems: &mut Vec<Diagnostic>) {
    for (file, sf) in &raw.sources {
        let loc = Located::new(file);
        for (i, s) in sf.sources.iter().enumerate() {
            add_source(
                &loc,
                &YamlPath::root().key("sources").index(i),
                s,
                lib,
                problems,
            );
        }
    }
}

/// Adds one source; a later file (an overlay) replaces a source with the same id.
pub fn add_source(
    loc: &Located<'_>,
    path: &YamlPath,
    s: &Source,
    lib: &mut Library,
    problems: &mut Vec<Diagnostic>,
) {
    check_id(loc, &path.key("id"), &s.id, "source", problems);
    if s.title.trim().is_empty() {
        problems.push(loc.at(path, format!("source `{}` has no title", s.id)));
    }
    match lib.index.sources.get(&s.id) {
        Some(&i) => lib.sources[i] = s.clone(),
        None => {
            lib.index.sources.insert(s.id.clone(), lib.sources.len());
            lib.sources.push(s.clone());
        }
    }
}

/// The ids a clause may name.
pub struct Ids {
    clauses: HashSet<String>,
}

impl Ids {
    pub fn of(lib: &Library) -> Ids {
        Ids {
            clauses: lib.clauses().map(|(_, c)| c.clause.id.clone()).collect(),
        }
    }

    /// The sources a clause cites and the clauses it requires or conflicts with exist.
    pub fn check_clause(
        &self,
        loc: &Located<'_>,
        c: &CompiledClause,
        lib: &Library,
        problems: &mut Vec<Diagnostic>,
    ) {
        let clause = &c.clause;
        if clause.sources.is_empty() {
            problems.push(loc.warn(&c.path, format!("clause `{}` cites no source", clause.id)));
        }
        for (i, s) in clause.sources.iter().enumerate() {
            if lib.source(s.id()).is_none() {
                problems.push(unknown_source(
                    loc,
                    &c.path.key("sources").index(i),
                    s.id(),
                    lib,
                ));
            }
        }
        for (key, list) in [
            ("requires", &clause.requires),
            ("conflicts", &clause.conflicts),
        ] {
            for (i, other) in list.iter().enumerate() {
                if !self.clauses.contains(other) {
                    problems.push(
                        loc.at(
                            &c.path.key(key).index(i),
                            format!("`{key}` names `{other}`, but no clause has that id"),
                        )
                        .with_help(
                            did_you_mean(other, self.clauses.iter().map(String::as_str))
                                .unwrap_or_else(|| "see `hrpolicy list clauses`".into()),
                        ),
                    );
                }
            }
        }
    }
}

/// A clause id used by two clauses (an overlay replaces by id, so this is within one
/// library or overlay).
pub fn check_duplicates(raw: &RawLibrary, lib: &Library, problems: &mut Vec<Diagnostic>) {
    let files: HashMap<&str, &super::super::SourceFile> = raw
        .sections
        .iter()
        .map(|(f, _)| f)
        .chain(raw.countries.iter().map(|(f, _)| f))
        .map(|f| (f.name.as_str(), f))
        .collect();
    let mut seen: HashMap<&str, &str> = HashMap::new();
    let mut reported: HashSet<&str> = HashSet::new();
    for (_, c) in lib.clauses() {
        if let Some(first) = seen.insert(&c.clause.id, &c.file)
            && (first != c.file || reported.insert(&c.clause.id))
        {
            let loc = Located::new(files[c.file.as_str()]);
            problems.push(loc.at(
                &c.path.key("id"),
                format!(
                    "clause id `{}` is used twice (also in {first})",
                    c.clause.id
                ),
            ));
        }
    }
}

/// Every id in a `disable:` list names a clause.
pub fn check_disabled(raw: &RawLibrary, lib: &Library, problems: &mut Vec<Diagnostic>) {
    for (file, meta) in &raw.meta {
        for (i, id) in meta.disable.iter().enumerate() {
            if lib.clause(id).is_none() {
                problems.push(
                    Located::new(file)
                        .at(
                            &YamlPath::root().key("disable").index(i),
                            format!("cannot disable `{id}`: no clause has that id"),
                        )
                        .with_help(
                            did_you_mean(id, lib.clauses().map(|(_, c)| c.clause.id.as_str()))
                                .unwrap_or_else(|| "see `hrpolicy list clauses`".into()),
                        ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::messages;

    #[test]
    fn reports_unknown_sources_clauses_duplicates_and_disabled_ids() {
        let section = "id: extra\ntitle: Extra\nclauses:\n  - id: a-rule\n    title: Twice\n    body: B\n    rationale: R\n    sources: [osf-201]\n    requires: [b-rul]\n    conflicts: [zzz]\n";
        let overlay_meta = "disable: [a-rul]\n";
        assert_eq!(
            messages(&[
                ("sections/02-extra.yaml", section),
                ("overlay/library.yaml", overlay_meta)
            ]),
            [
                "overlay/library.yaml:1:11: cannot disable `a-rul`: no clause has that id",
                "sections/02-extra.yaml:4:9: clause id `a-rule` is used twice (also in sections/01-base.yaml)",
                "sections/02-extra.yaml:8:15: unknown source `osf-201`",
                "sections/02-extra.yaml:9:16: `requires` names `b-rul`, but no clause has that id",
                "sections/02-extra.yaml:10:17: `conflicts` names `zzz`, but no clause has that id",
            ]
        );
    }
}
