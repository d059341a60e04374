//! The references pass: sources (added and cited), clause ids used once, `requires`
//! and `conflicts` naming real clauses, and `disable` naming real clauses.
use super::super::load::RawLibrary;
use super::super::model::Source;
use super::super::positions::YamlPath;
use super::super::{CompiledClause, Library};
use super::located::{Located, check_id, clause_files, unknown_source};
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::hash::{HashMap, HashSet};

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
    /// `requires` entries that close a circle, by (clause id, index in `requires`),
    /// with the circle they close.
    circles: HashMap<(String, usize), Vec<String>>,
}

impl Ids {
    pub fn of(lib: &Library) -> Ids {
        Ids {
            clauses: lib.clauses().map(|(_, c)| c.clause.id.clone()).collect(),
            circles: requires_circles(lib),
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
        for i in 0..clause.requires.len() {
            if let Some(circle) = self.circles.get(&(clause.id.clone(), i)) {
                let names: Vec<String> = circle.iter().map(|id| format!("`{id}`")).collect();
                problems.push(
                    loc.at(
                        &c.path.key("requires").index(i),
                        format!("`requires` goes round in a circle: {}", names.join(" → ")),
                    )
                    .with_help(
                        "a clause cannot require itself, even through other clauses: \
                         remove one `requires` in the circle",
                    ),
                );
            }
        }
    }
}

/// Every circle of `requires` (a → b → a), found once each by a depth-first walk: the
/// entry that leads back into the walk closes it. Linear in clauses and entries.
fn requires_circles(lib: &Library) -> HashMap<(String, usize), Vec<String>> {
    let ids: Vec<&str> = lib.clauses().map(|(_, c)| c.clause.id.as_str()).collect();
    let mut index: HashMap<&str, usize> =
        HashMap::with_capacity_and_hasher(ids.len(), Default::default());
    for (i, id) in ids.iter().enumerate() {
        index.entry(id).or_insert(i);
    }
    // For each clause, (entry index in `requires`, the clause it names).
    let edges: Vec<Vec<(usize, usize)>> = lib
        .clauses()
        .map(|(_, c)| {
            let named = c.clause.requires.iter().enumerate();
            named
                .filter_map(|(k, r)| Some((k, *index.get(r.as_str())?)))
                .collect()
        })
        .collect();
    const NEW: u8 = 0;
    const ON_PATH: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![NEW; ids.len()];
    let mut circles = HashMap::default();
    for start in 0..ids.len() {
        if state[start] != NEW {
            continue;
        }
        // The walk's path: (clause, next edge to follow).
        let mut path: Vec<(usize, usize)> = vec![(start, 0)];
        state[start] = ON_PATH;
        while let Some(&mut (node, ref mut next)) = path.last_mut() {
            let Some(&(entry, to)) = edges[node].get(*next) else {
                state[node] = DONE;
                path.pop();
                continue;
            };
            *next += 1;
            match state[to] {
                NEW => {
                    state[to] = ON_PATH;
                    path.push((to, 0));
                }
                ON_PATH => {
                    let from = path.iter().position(|&(n, _)| n == to).unwrap_or(0);
                    let mut circle: Vec<String> = path[from..]
                        .iter()
                        .map(|&(n, _)| ids[n].to_string())
                        .collect();
                    circle.push(ids[to].to_string());
                    circles.insert((ids[node].to_string(), entry), circle);
                }
                _ => {}
            }
        }
    }
    circles
}

/// A clause id used by two clauses (an overlay replaces by id, so this is within one
/// library or overlay).
pub fn check_duplicates(raw: &RawLibrary, lib: &Library, problems: &mut Vec<Diagnostic>) {
    let files = clause_files(raw);
    let mut seen: HashMap<&str, &str> = HashMap::default();
    let mut reported: HashSet<&str> = HashSet::default();
    for (_, c) in lib.clauses() {
        if let Some(first) = seen.insert(&c.clause.id, &c.file)
            && (first != c.file || reported.insert(&c.clause.id))
        {
            let loc = &files[c.file.as_str()];
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

    #[test]
    fn a_circle_of_requires_is_reported_once_where_it_closes() {
        let clause = |id: &str, requires: &str| {
            format!(
                "  - id: {id}\n    title: T\n    body: B\n    rationale: R\n    sources: [osf-2010]\n    requires: [{requires}]\n"
            )
        };
        let section = format!(
            "id: extra\ntitle: Extra\nclauses:\n{}{}{}{}{}",
            clause("w-rule", "x-rule"),
            clause("x-rule", "y-rule"),
            clause("y-rule", "a-rule, z-rule"),
            clause("z-rule", "x-rule"),
            clause("s-rule", "s-rule"),
        );
        assert_eq!(
            messages(&[("sections/02-extra.yaml", &section)]),
            [
                "sections/02-extra.yaml:27:16: `requires` goes round in a circle: `x-rule` → `y-rule` → `z-rule` → `x-rule`",
                "sections/02-extra.yaml:33:16: `requires` goes round in a circle: `s-rule` → `s-rule`",
            ]
        );
    }
}
