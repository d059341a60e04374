//! The language pass: terms to avoid (each with a word and a known source) and the
//! glossary (whose `explains` name only avoided terms).
use super::super::Library;
use super::super::load::RawLibrary;
use super::super::model::Term;
use super::super::positions::YamlPath;
use super::located::{Located, unknown_source};
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::hash::HashSet;

pub fn check_language(raw: &RawLibrary, lib: &mut Library, problems: &mut Vec<Diagnostic>) {
    for (file, lf) in &raw.language {
        check_terms(&Located::new(file), &lf.terms, lib, problems);
        lib.language.extend(lf.terms.iter().cloned());
    }
    let avoided: HashSet<String> = lib
        .language
        .iter()
        .flat_map(|t| t.avoid.iter().map(|a| a.to_lowercase()))
        .collect();
    for (file, gf) in &raw.glossary {
        let loc = Located::new(file);
        for (i, e) in gf.entries.iter().enumerate() {
            let at = YamlPath::root().key("entries").index(i);
            if e.term.is_empty() {
                problems.push(
                    loc.at(&at, format!("glossary entry {} has no `term`", i + 1))
                        .with_help("add `term:`, the word or phrase the entry explains"),
                );
            } else if e.definition.is_empty() {
                problems.push(
                    loc.at(
                        &at,
                        format!(
                            "glossary entry `{}` has no `definition`",
                            e.term
                                .get(&lib.meta.default_language, &lib.meta.default_language)
                        ),
                    )
                    .with_help("add `definition: |` with what the term means, in plain words"),
                );
            }
            for (j, x) in e.explains.iter().enumerate() {
                if !avoided.contains(&x.to_lowercase()) {
                    let at = YamlPath::root()
                        .key("entries")
                        .index(i)
                        .key("explains")
                        .index(j);
                    problems.push(
                        loc.at(&at, format!("`{x}` is not a term language.yaml avoids"))
                            .with_help(
                                did_you_mean(&x.to_lowercase(), avoided.iter().map(String::as_str))
                                    .unwrap_or_else(|| "list only terms from language.yaml".into()),
                            ),
                    );
                }
            }
        }
        lib.glossary.extend(gf.entries.iter().cloned());
    }
}

/// The terms of a `language.yaml` (the library's, or a translation's): each avoids at
/// least one word, none of them blank (a blank word, or `*` alone, would match every
/// word of the handbook), and cites a known source.
pub fn check_terms(
    loc: &Located<'_>,
    terms: &[Term],
    lib: &Library,
    problems: &mut Vec<Diagnostic>,
) {
    for (i, t) in terms.iter().enumerate() {
        let at = YamlPath::root().key("terms").index(i);
        if t.avoid.is_empty() {
            problems.push(loc.at(&at, "a term needs at least one word in `avoid`"));
        } else if t.r#use.trim().is_empty() {
            problems.push(
                loc.at(&at, format!("the term `{}` says nothing to `use` instead", t.avoid[0]))
                    .with_help("add `use:` with the words to write instead: `check` shows them beside each finding"),
            );
        }
        for (j, word) in t.avoid.iter().enumerate() {
            if word.trim().trim_end_matches('*').trim().is_empty() {
                problems.push(
                    loc.at(
                        &at.key("avoid").index(j),
                        format!("`avoid` word {} is `{word}`, which would match every word", j + 1),
                    )
                    .with_help("write the word or phrase to avoid (a trailing * takes any ending), or remove the entry"),
                );
            }
        }
        if let Some(s) = &t.source
            && lib.source(s).is_none()
        {
            problems.push(unknown_source(loc, &at.key("source"), s, lib));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::messages;

    #[test]
    fn a_glossary_entry_without_term_or_definition_and_a_term_without_use_are_named() {
        let language = "terms:\n  - avoid: [junkie]\n";
        let glossary = "entries:\n  - term: Harm reduction\n  - definition: No term.\n";
        assert_eq!(
            messages(&[("language.yaml", language), ("glossary.yaml", glossary)]),
            [
                "glossary.yaml:2:5: glossary entry `Harm reduction` has no `definition`",
                "glossary.yaml:3:5: glossary entry 2 has no `term`",
                "language.yaml:2:5: the term `junkie` says nothing to `use` instead",
            ]
        );
    }

    #[test]
    fn reports_empty_terms_unknown_sources_and_unexplained_glossary_terms() {
        let language = "terms:\n  - avoid: []\n    use: x\n  - avoid: [junkie]\n    use: person who uses drugs\n    source: nida\n";
        let glossary =
            "entries:\n  - term: Harm reduction\n    definition: D\n    explains: [junky]\n";
        assert_eq!(
            messages(&[("language.yaml", language), ("glossary.yaml", glossary)]),
            [
                "glossary.yaml:4:16: `junky` is not a term language.yaml avoids",
                "language.yaml:2:5: a term needs at least one word in `avoid`",
                "language.yaml:6:13: unknown source `nida`",
            ]
        );
    }

    #[test]
    fn a_blank_word_to_avoid_is_an_error_in_the_library_and_in_a_translation() {
        let language = "terms:\n  - avoid: [junkie, '  ', '*']\n    use: person who uses drugs\n";
        let translated = "code: xx\nname: Xx\nterms:\n  - avoid: []\n    use: y\n  - avoid: [drogad*, ' *']\n    use: z\n    source: nida\n";
        assert_eq!(
            messages(&[
                ("language.yaml", language),
                ("translations/xx/language.yaml", translated)
            ]),
            [
                "language.yaml:2:21: `avoid` word 2 is `  `, which would match every word",
                "language.yaml:2:27: `avoid` word 3 is `*`, which would match every word",
                "translations/xx/language.yaml:4:5: a term needs at least one word in `avoid`",
                "translations/xx/language.yaml:6:22: `avoid` word 2 is ` *`, which would match every word",
                "translations/xx/language.yaml:8:13: unknown source `nida`",
            ]
        );
    }
}
