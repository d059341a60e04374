//! The countries pass: each profile's code and sources join the library; once the
//! questions' conditions are checked, each profile's dates, facts and defaults are
//! checked, and its clauses join the sections they name.
use super::super::load::RawLibrary;
use super::super::model::CountryFile;
use super::super::positions::YamlPath;
use super::super::{CompiledClause, Library};
use super::located::{Located, unknown_source};
use super::placeholders::{is_placeholder, is_placeholder_value};
use super::references::add_source;
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::hash::HashMap;

/// Adds every profile (a later one replaces an earlier one with the same code) and its
/// sources; countries end up sorted by code.
pub fn add_profiles(raw: &RawLibrary, lib: &mut Library, problems: &mut Vec<Diagnostic>) {
    let mut by_code: HashMap<String, usize> = HashMap::default();
    for (file, cf) in &raw.countries {
        let loc = Located::new(file);
        if cf.code.is_empty() {
            problems.push(
                loc.at(
                    &YamlPath::root().key("code"),
                    "the country profile has no `code`",
                )
                .with_help("add `code:`, the country's two-letter ISO code, like `ZA`"),
            );
        } else if cf.code.len() != 2 || !cf.code.chars().all(|c| c.is_ascii_uppercase()) {
            problems.push(
                loc.at(
                    &YamlPath::root().key("code"),
                    format!("`{}` is not an ISO country code", cf.code),
                )
                .with_help("use two upper-case letters, like `ZA`"),
            );
        }
        for (i, s) in cf.sources.iter().enumerate() {
            add_source(
                &loc,
                &YamlPath::root().key("sources").index(i),
                s,
                lib,
                problems,
            );
        }
        match by_code.get(&cf.code) {
            Some(&i) => {
                let base = std::mem::replace(&mut lib.countries[i], cf.clone());
                for c in &base.clauses {
                    if !lib.replaced_clauses.contains_key(&c.id) {
                        lib.replaced_clauses.insert(c.id.clone(), c.clone());
                    }
                }
                lib.replaced_countries
                    .entry(cf.code.clone())
                    .or_insert(base);
            }
            None => {
                by_code.insert(cf.code.clone(), lib.countries.len());
                lib.countries.push(cf.clone());
            }
        }
    }
    lib.countries.sort_by(|a, b| a.code.cmp(&b.code));
}

/// Dates, facts and defaults of every profile.
pub fn check_profiles(raw: &RawLibrary, lib: &Library, problems: &mut Vec<Diagnostic>) {
    for (file, cf) in &raw.countries {
        let loc = Located::new(file);
        check_profile(&loc, cf, lib, problems);
    }
}

fn check_profile(
    loc: &Located<'_>,
    cf: &CountryFile,
    lib: &Library,
    problems: &mut Vec<Diagnostic>,
) {
    let root = YamlPath::root();
    let profile = if cf.code.is_empty() {
        "country"
    } else {
        &cf.code
    };
    if cf.name.is_empty() {
        problems.push(
            loc.at(
                &root.key("name"),
                format!("the {profile} profile has no `name`"),
            )
            .with_help("add `name:`, the country's name as the handbook prints it"),
        );
    }
    // Missing dates are what a scaffolded profile leaves to fill: warnings, which
    // `check --strict` refuses.
    if cf.last_reviewed.is_none() {
        let written = loc
            .file
            .text
            .lines()
            .any(|l| l.starts_with("last-reviewed:"));
        problems.push(
            loc.warn(
                &if written {
                    root.key("last-reviewed")
                } else {
                    root.clone()
                },
                format!("the {profile} profile has no `last-reviewed` date yet"),
            )
            .with_help("add `last-reviewed: YYYY-MM-DD`, the day the profile was last checked"),
        );
    }
    for (i, fact) in cf.facts.iter().enumerate() {
        let at = root.key("facts").index(i);
        if fact.text.is_empty() {
            problems.push(
                loc.at(&at, format!("fact {} has no text", i + 1))
                    .with_help("add `text:` with the fact, in a sentence or two"),
            );
        }
        if is_placeholder(&fact.source) {
            // Still to fill in: reported by the placeholders pass.
            continue;
        }
        if fact.source.trim().is_empty() {
            // Not "unknown source ``": the fact names none (no `source`, or an empty one).
            problems.push(
                loc.at(&at.key("source"), format!("fact {} names no source", i + 1))
                    .with_help("add `source: ID`, the id of the source the fact comes from (listed in sources.yaml or under the profile's `sources`)"),
            );
        } else if lib.source(&fact.source).is_none() {
            problems.push(unknown_source(loc, &at.key("source"), &fact.source, lib));
        }
        if fact.checked.is_none() {
            problems.push(
                loc.warn(
                    &at.key("checked"),
                    format!("fact {} has no `checked` date yet", i + 1),
                )
                .with_help("add `checked: YYYY-MM-DD`, the day it was checked against its source"),
            );
        }
    }
    for (id, value) in &cf.defaults {
        let key = root.key("defaults").key_of(id);
        match lib.question(id) {
            None => problems.push(
                loc.at(&key, format!("unknown question `{id}`")).with_help(
                    did_you_mean(id, lib.questions().map(|q| q.id.as_str()))
                        .unwrap_or_else(|| "see `hrpolicy list questions`".into()),
                ),
            ),
            Some(q) if !q.country_default => problems.push(
                loc.at(&key, format!("`{id}` does not take a country default"))
                    .with_help(
                        "mark it `country-default: true` in questions.yaml, or remove this line",
                    ),
            ),
            Some(_) if is_placeholder_value(value) => {}
            Some(q) => {
                if let Err((m, h)) = lib.convert_answer(q, value) {
                    problems.push(loc.at(&root.key("defaults").key(id), m).with_help(h));
                }
            }
        }
    }
}

/// Each country clause joins the section it names.
pub fn attach_clauses(raw: &RawLibrary, lib: &mut Library, problems: &mut Vec<Diagnostic>) {
    let sections: HashMap<String, usize> = lib
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.clone(), i))
        .collect();
    for (n, (file, cf)) in raw.countries.iter().enumerate() {
        // A profile replaced by a later one (same code) brings no clauses.
        if raw.countries[n + 1..]
            .iter()
            .any(|(_, later)| later.code == cf.code)
        {
            continue;
        }
        let loc = Located::new(file);
        for (i, clause) in cf.clauses.iter().enumerate() {
            let path = YamlPath::root().key("clauses").index(i);
            let Some(section) = &clause.section else {
                problems.push(
                    loc.at(
                        &path,
                        format!(
                            "country clause `{}` does not say which `section` it joins",
                            clause.id
                        ),
                    )
                    .with_help("add `section:` with a section id"),
                );
                continue;
            };
            let Some(&target) = sections.get(section) else {
                let ids: Vec<&str> = lib.sections.iter().map(|s| s.id.as_str()).collect();
                problems.push(
                    loc.at(&path.key("section"), format!("unknown section `{section}`"))
                        .with_help(
                            did_you_mean(section, ids.iter().copied())
                                .unwrap_or_else(|| format!("choose one of: {}", ids.join(", "))),
                        ),
                );
                continue;
            };
            lib.sections[target].clauses.push(CompiledClause {
                clause: clause.clone(),
                when: None,
                variants: Vec::new(),
                file: file.name.clone(),
                path,
                country: Some(cf.code.clone()),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::messages;

    #[test]
    fn a_profile_without_code_or_name_and_a_fact_without_text_are_named() {
        let nameless = "code: GB\nlast-reviewed: 2026-01-01\nfacts:\n  - source: osf-2010\n    checked: 2026-01-01\n";
        let codeless = "name: Nowhere\nlast-reviewed: 2026-01-01\n";
        assert_eq!(
            messages(&[
                ("countries/GB.yaml", nameless),
                ("countries/XX.yaml", codeless)
            ]),
            [
                "countries/GB.yaml:1:1: the GB profile has no `name`",
                "countries/GB.yaml:4:5: fact 1 has no text",
                "countries/XX.yaml:1:1: the country profile has no `code`",
            ]
        );
    }

    #[test]
    fn reports_codes_dates_facts_defaults_and_sections() {
        let profile = "code: Zz\nname: Zed\nfacts:\n  - text: A fact.\n    source: osf-2011\n  - text: Another.\n    source: osf-2010\n    checked: 2026-01-01\ndefaults:\n  org.tipe: led\n  org.name: X\nclauses:\n  - id: zz-rule\n    title: T\n    body: B\n    rationale: R\n    sources: [osf-2010]\n  - id: zz-other\n    section: nowhere\n    title: T\n    body: B\n    rationale: R\n    sources: [osf-2010]\n";
        assert_eq!(
            messages(&[("countries/ZZ.yaml", profile)]),
            [
                "countries/ZZ.yaml:1:7: `Zz` is not an ISO country code",
                "countries/ZZ.yaml:5:13: unknown source `osf-2011`",
                "countries/ZZ.yaml:10:3: unknown question `org.tipe`",
                "countries/ZZ.yaml:11:3: `org.name` does not take a country default",
                "countries/ZZ.yaml:13:5: country clause `zz-rule` does not say which `section` it joins",
                "countries/ZZ.yaml:19:14: unknown section `nowhere`",
                // Warnings after the errors: what a scaffolded profile leaves to fill.
                "countries/ZZ.yaml:1:1: warning: the Zz profile has no `last-reviewed` date yet",
                "countries/ZZ.yaml:4:5: warning: fact 1 has no `checked` date yet",
            ]
        );
    }

    #[test]
    fn a_fact_without_a_source_says_so_at_the_fact() {
        let profile = "code: ZA\nname: Zed\nlast-reviewed: 2026-01-01\nfacts:\n  - text: A fact.\n    checked: 2026-01-01\n  - text: Another.\n    source: ''\n    checked: 2026-01-01\n";
        assert_eq!(
            messages(&[("countries/ZA.yaml", profile)]),
            [
                "countries/ZA.yaml:5:5: fact 1 names no source",
                "countries/ZA.yaml:8:13: fact 2 names no source",
            ]
        );
    }

    #[test]
    fn an_impossible_date_is_an_error_at_its_place() {
        let profile = "code: ZZ\nname: Zed\nlast-reviewed: 2026-13-45\n";
        let found = messages(&[("countries/ZZ.yaml", profile)]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("countries/ZZ.yaml:3:16: last-reviewed: failed to parse")
                && found[0].contains("month"),
            "{found:?}"
        );
    }
}
