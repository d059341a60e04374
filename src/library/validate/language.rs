//! The language pass: terms to avoid (each with a word and a known source) and the
//! glossary (whose `explains` name only avoided terms).
use super::super::Library;
use super::super::load::RawLibrary;
use super::super::positions::YamlPath;
use super::located::{Located, unknown_source};
use crate::diagnostics::{Diagnostic, did_you_mean};
use std::collections::HashSet;

pub fn check_language(raw: &RawLibrary, lib: &mut Library, problems: &mut Vec<Diagnostic>) {
    for (file, lf) in &raw.language {
        let loc = Located::new(file);
        for (i, t) in lf.terms.iter().enumerate() {
            let at = YamlPath::root().key("terms").index(i);
            if t.avoid.is_empty() {
                problems.push(loc.at(&at, "a term needs at least one word in `avoid`"));
            }
            if let Some(s) = &t.source
                && lib.source(s).is_none()
            {
                problems.push(unknown_source(&loc, &at.key("source"), s, lib));
            }
        }
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

#[cfg(test)]
mod tests {
    use super::super::tests::messages;

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
}
