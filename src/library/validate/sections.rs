//! The sections and clauses pass: sections merged in file-name order (an overlay's
//! clause replaces the clause with its id where it stands), then every clause compiled:
//! its id, title, text, conditions and variants.
use super::super::load::RawLibrary;
use super::super::positions::YamlPath;
use super::super::{CompiledClause, Library, Section, SourceFile};
use super::located::{Located, Shapes, check_id, clause_files, missing_id, valid_id};
use super::overrides;
use super::references;
use super::templates::{TemplateRoots, check_text};
use crate::condition::Condition;
use crate::diagnostics::Diagnostic;
use crate::hash::{HashMap, HashSet};

/// Merges the section files into the library's sections.
pub fn merge_sections(raw: &RawLibrary, lib: &mut Library, problems: &mut Vec<Diagnostic>) {
    let mut files: Vec<(&str, &SourceFile, &super::super::model::SectionFile)> = raw
        .sections
        .iter()
        .map(|(f, s)| (f.name.rsplit('/').next().unwrap_or(""), f, s))
        .collect();
    // Sections are ordered by file name (NN-topic.yaml), overlays interleaving by number.
    files.sort_by(|a, b| a.0.cmp(b.0));
    let mut sections: HashMap<String, usize> = HashMap::default();
    // Where each clause stands, for overlays that replace one by id.
    let mut clauses: HashMap<String, (usize, usize)> = HashMap::default();
    for (_, file, sf) in files {
        let loc = Located::new(file);
        if sf.title.is_empty() {
            problems.push(loc.at(&YamlPath::root(), "the section has no `title`"));
        }
        let target = match sections.get(&sf.id) {
            // An overlay's section with an existing id adds to it.
            Some(&i) => i,
            None => {
                check_id(
                    &loc,
                    &YamlPath::root().key("id"),
                    &sf.id,
                    "section",
                    problems,
                );
                lib.sections.push(Section {
                    id: sf.id.clone(),
                    title: sf.title.clone(),
                    intro: sf.intro.clone(),
                    clauses: Vec::new(),
                    file: file.name.clone(),
                });
                sections.insert(sf.id.clone(), lib.sections.len() - 1);
                lib.sections.len() - 1
            }
        };
        for (i, c) in sf.clauses.iter().enumerate() {
            let path = YamlPath::root().key("clauses").index(i);
            if c.section.is_some() {
                problems.push(loc.at(&path.key("section"), "`section` belongs only in country profiles: this clause is already in a section"));
            }
            let compiled = CompiledClause {
                clause: c.clone(),
                when: None,
                variants: Vec::new(),
                file: file.name.clone(),
                path,
                country: None,
            };
            // An overlay's clause with an existing id replaces that clause where it stands.
            match clauses.get(&c.id) {
                // (Within one file, a second clause with the id is a duplicate.)
                Some(&(s, k)) if file.overlay && lib.sections[s].clauses[k].file != file.name => {
                    let base = &lib.sections[s].clauses[k].clause;
                    let lang = &lib.meta.default_language;
                    overrides::check_override(&loc, &compiled.path, Some(base), c, lang, problems);
                    if !lib.replaced_clauses.contains_key(&c.id) {
                        lib.replaced_clauses.insert(c.id.clone(), base.clone());
                    }
                    lib.sections[s].clauses[k] = compiled
                }
                _ => {
                    if file.overlay {
                        let lang = &lib.meta.default_language;
                        overrides::check_override(&loc, &compiled.path, None, c, lang, problems);
                    }
                    let list = &mut lib.sections[target].clauses;
                    list.push(compiled);
                    clauses
                        .entry(c.id.clone())
                        .or_insert((target, list.len() - 1));
                }
            }
        }
    }
}

/// Compiles every clause of every section (country clauses included): conditions,
/// variants, texts, sources and references.
pub fn compile_clauses(raw: &RawLibrary, lib: &mut Library, problems: &mut Vec<Diagnostic>) {
    let files = clause_files(raw);
    let shapes = Shapes::of(lib);
    let roots = TemplateRoots::of(lib, raw.thorough);
    let refs = references::Ids::of(lib);
    let mut sections = std::mem::take(&mut lib.sections);
    for section in &mut sections {
        let section_loc = &files[section.file.as_str()];
        if let Some(intro) = &section.intro {
            check_text(
                section_loc,
                &YamlPath::root().key("intro"),
                intro,
                &roots,
                problems,
            );
        }
        for c in &mut section.clauses {
            let loc = &files[c.file.as_str()];
            compile_clause(loc, c, &shapes, &roots, problems);
            refs.check_clause(loc, c, lib, problems);
        }
    }
    lib.sections = sections;
}

fn compile_clause(
    loc: &Located<'_>,
    c: &mut CompiledClause,
    shapes: &Shapes,
    roots: &TemplateRoots,
    problems: &mut Vec<Diagnostic>,
) {
    let p = c.path.clone();
    let clause = &c.clause;
    check_id(loc, &p.key("id"), &clause.id, "clause", problems);
    if clause.title.is_empty() {
        problems.push(loc.at(&p, format!("clause `{}` has no title", clause.id)));
    }
    if let Some(topic) = &clause.topic
        && !super::super::known::TOPICS.contains(&topic.as_str())
    {
        problems.push(
            loc.at(&p.key("topic"), format!("unknown topic `{topic}`"))
                .with_help(
                    match super::super::known::TOPICS
                        .iter()
                        .find(|t| t.eq_ignore_ascii_case(topic.trim()))
                    {
                        Some(t) => format!("did you mean `{t}`?"),
                        None => "a topic is one of the domain brief's: A1–A3, B1–B5, C1–C6, D1–D7, E1–E5; leave `topic` out when the clause covers none".into(),
                    },
                ),
        );
    }
    if clause.body.is_none() && clause.variants.is_empty() {
        problems.push(
            loc.at(
                &p,
                format!("clause `{}` has neither a body nor variants", clause.id),
            )
            .with_help("add `body: |` with its text"),
        );
    }
    if clause.rationale.is_empty() {
        problems.push(loc.warn(
            &p,
            format!(
                "clause `{}` has no rationale: reviewers cannot weigh it",
                clause.id
            ),
        ));
    }
    if let Some(code) = &c.country {
        // A country clause applies only in its country. A condition that already
        // requires it (`place.country == KE and ...`) is the whole condition; another
        // gets the country put in front.
        let country = super::super::known::in_country(code);
        let own = clause
            .when
            .as_ref()
            .map(|w| (w, shapes.condition(loc, &p.key("when"), w, problems)));
        c.when = match own {
            Some((_, Some(own)))
                if own.requires_equal(super::super::known::PLACE_COUNTRY.id, code) =>
            {
                Some(own)
            }
            Some((w, _)) => Condition::parse(&format!("{country} and ({w})")).ok(),
            None => Condition::parse(&country).ok(),
        };
    } else if let Some(w) = &clause.when {
        c.when = shapes.condition(loc, &p.key("when"), w, problems);
    }
    let mut variant_ids = HashSet::default();
    let mut variants = Vec::new();
    for (i, v) in clause.variants.iter().enumerate() {
        let vp = p.key("variants").index(i);
        if v.id.is_empty() {
            problems.push(missing_id(loc, &vp.key("id"), "variant"));
        } else if !valid_id(&v.id) || v.id == "default" {
            problems.push(
                loc.at(
                    &vp.key("id"),
                    format!("`{}` is not a valid variant id", v.id),
                )
                .with_help("use lower-case letters, digits and hyphens (not `default`)"),
            );
        } else if !variant_ids.insert(v.id.as_str()) {
            problems.push(loc.at(
                &vp.key("id"),
                format!("variant `{}` appears twice in `{}`", v.id, clause.id),
            ));
        }
        if v.when.trim().is_empty() {
            problems.push(
                loc.at(&vp.key("when"), format!("{} of `{}` has no `when`", variant_name(i, &v.id), clause.id))
                    .with_help("add `when:` with the answers this variant is for, like `org.type == led`; the clause's `body` is for everyone else"),
            );
        } else if let Some(cond) = shapes.condition(loc, &vp.key("when"), &v.when, problems) {
            variants.push((v.clone(), cond));
        }
        if v.body.is_empty() {
            problems.push(
                loc.at(
                    &vp,
                    format!("{} of `{}` has no body", variant_name(i, &v.id), clause.id),
                )
                .with_help("add `body: |` with its text"),
            );
        }
        check_text(loc, &vp.key("body"), &v.body, roots, problems);
    }
    if let Some(body) = &clause.body {
        check_text(loc, &p.key("body"), body, roots, problems);
    }
    for (key, text) in [
        ("rationale", Some(&clause.rationale)),
        ("summary", clause.summary.as_ref()),
    ] {
        if let Some(t) = text {
            check_text(loc, &p.key(key), t, roots, problems);
        }
    }
    c.variants = variants;
}

/// How a message names a variant: by its id, or by its number when it has none.
fn variant_name(i: usize, id: &str) -> String {
    if id.is_empty() {
        format!("variant {}", i + 1)
    } else {
        format!("variant `{id}`")
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::messages;

    #[test]
    fn a_topic_outside_the_domain_brief_is_an_error() {
        let section = "id: base\ntitle: Base\nclauses:\n  - id: a-rule\n    title: A\n    topic: c1\n    body: B\n    rationale: R\n    sources: [osf-2010]\n  - id: b-rule\n    title: B\n    topic: F1\n    body: B\n    rationale: R\n    sources: [osf-2010]\n  - id: c-rule\n    title: C\n    topic: E5\n    body: B\n    rationale: R\n    sources: [osf-2010]\n";
        assert_eq!(
            messages(&[("sections/01-base.yaml", section)]),
            [
                "sections/01-base.yaml:6:12: unknown topic `c1`",
                "sections/01-base.yaml:12:12: unknown topic `F1`",
            ]
        );
    }

    #[test]
    fn a_missing_id_when_body_or_cited_source_is_named_as_missing() {
        let section = "id: base\ntitle: Base\nclauses:\n  - title: No id\n    body: B\n    rationale: R\n    sources: [osf-2010]\n  - id: b-rule\n    title: B\n    variants:\n      - body: no id or when\n      - id: v2\n        when: org.type == based\n    rationale: R\n    sources:\n      - locator: p. 4\n      - ''\n";
        assert_eq!(
            messages(&[("sections/01-base.yaml", section)]),
            [
                "sections/01-base.yaml:4:5: this clause has no `id`",
                "sections/01-base.yaml:11:9: this variant has no `id`",
                "sections/01-base.yaml:11:9: variant 1 of `b-rule` has no `when`",
                "sections/01-base.yaml:12:9: variant `v2` of `b-rule` has no body",
                "sections/01-base.yaml:16:9: a source is cited here without its id",
                "sections/01-base.yaml:17:9: a source is cited here without its id",
            ]
        );
    }

    #[test]
    fn reports_ids_texts_conditions_and_variants() {
        let section = "id: extra\ntitle: Extra\nclauses:\n  - id: Bad_Id\n    title: ''\n    rationale: R\n    sources: [osf-2010]\n  - id: with-variants\n    title: V\n    rationale: R\n    sources: [osf-2010]\n    when: org.type == nope\n    variants:\n      - id: default\n        when: org.type == led\n        body: A\n      - id: same\n        when: org.type == led\n        body: B {{ org.nmae }}\n      - id: same\n        when: org.type ==\n        body: C\n";
        assert_eq!(
            messages(&[("sections/02-extra.yaml", section)]),
            [
                "sections/02-extra.yaml:4:5: clause `Bad_Id` has no title",
                "sections/02-extra.yaml:4:5: clause `Bad_Id` has neither a body nor variants",
                "sections/02-extra.yaml:4:9: `Bad_Id` is not a valid clause id",
                "sections/02-extra.yaml:12:23: `nope` is not a value of `org.type`",
                "sections/02-extra.yaml:14:13: `default` is not a valid variant id",
                "sections/02-extra.yaml:19:20: no question defines the template variable `org.nmae`",
                "sections/02-extra.yaml:20:13: variant `same` appears twice in `with-variants`",
                "sections/02-extra.yaml:21:26: in this condition: expected a value, found the end",
            ]
        );
    }

    #[test]
    fn an_overlay_clause_replaces_the_one_with_its_id_where_it_stands() {
        let lib = super::super::tests::library(&[(
            "overlay/sections/09-mine.yaml",
            "id: mine\ntitle: Mine\nclauses:\n  - id: a-rule\n    title: Replaced\n    body: New text.\n    rationale: R\n    sources: [osf-2010]\n  - id: b-rule\n    title: B\n    body: B.\n    rationale: R\n    sources: [osf-2010]\n",
        )]);
        let ids: Vec<(&str, &str)> = lib
            .clauses()
            .map(|(s, c)| (s.id.as_str(), c.clause.id.as_str()))
            .collect();
        assert_eq!(ids, [("base", "a-rule"), ("mine", "b-rule")]);
        let (_, a) = lib.clause("a-rule").unwrap();
        assert_eq!(a.clause.title.get("en", "en"), "Replaced");
    }
}
