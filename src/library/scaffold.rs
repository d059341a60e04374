//! A new country profile to fill in (`hrpolicy country new`): every question a country
//! may pre-fill as a default, a fact to source for each, with comments that say what
//! each field means and where to look. Every place still to fill is marked `TODO` (or,
//! for dates, left `null`), which the placeholders pass reports until it is filled.
//! With a starting profile (`--from`), its facts and defaults are copied, each marked
//! to re-check.
use super::Library;
use super::model::{CountryFile, Question};
use crate::answer::Kind;
use std::fmt::Write as _;

/// What to scaffold.
pub struct ProfileRequest<'a> {
    /// ISO 3166 code, upper case.
    pub code: &'a str,
    pub name: &'a str,
    /// The profile to start from.
    pub from: Option<&'a CountryFile>,
}

/// The profile's YAML, with its comments.
pub fn profile_yaml(lib: &Library, request: &ProfileRequest<'_>) -> String {
    let ProfileRequest { code, name, from } = *request;
    let lower = code.to_ascii_lowercase();
    let questions: Vec<&Question> = lib.questions().filter(|q| q.country_default).collect();
    let mut y = String::new();
    let from_note = from.map_or(String::new(), |f| {
        format!(", starting from the {} profile", f.code)
    });
    let _ = write!(
        y,
        "\
# Country profile: {name} ({code}), written by `hrpolicy country new`{from_note}.
#
# Fill in every place marked `TODO`, then remove the `TODO`. `hrpolicy check --library
# DIR` lists what is still to fill in, each with its line; `hrpolicy check --strict`
# fails until nothing is left. A value still `TODO` counts as not given: that default
# stays unanswered and that fact stays out of the handbook. The format is described in
# docs/library-format.md, \"Country profiles\".
#
# Where to look: the drug law itself (the official gazette or legislation site), the
# employment and data protection laws, Harm Reduction International's \"Global State of
# Harm Reduction\" chapter for the region, the national network of people who use drugs
# or harm reduction services, and a lawyer who knows drug and employment law. Cite what
# you read under `sources`, and each fact's `source`.

# ISO 3166 code, two upper-case letters. An answers file names the country by it
# (`place.country: {code}`).
code: {code}
# The country's name, as the handbook prints it.
name: {}
# true where states or provinces make their own drug law (as in the US, Canada or
# Australia): the handbook then asks for the region and says to check its law too.
subnational: false  # TODO: confirm
# The day you last checked the whole profile against the law (YYYY-MM-DD). Fill it in
# once every fact below is checked.
last-reviewed: null
# One sentence for staff: where to check the law locally.
check-locally: \"TODO: name a national harm reduction network, a legal aid service or a lawyer who knows drug law\"
# The laws, judgments and reports the facts and clauses cite: an id (lower case and
# hyphens; start it with `{lower}-`), the title as published, and where there is one the
# author (for a judgment, the court), the year and a url.
sources:
  - id: {lower}-drug-law
    title: \"TODO: the title of the drug law, as enacted\"
    year: null
",
        quote(name)
    );
    if let Some(f) = from {
        let _ = writeln!(
            y,
            "  # The facts copied from {} cite its sources, which stay in the library.",
            f.code
        );
    }
    let _ = write!(
        y,
        "\
# Legal facts, listed in the handbook's legal appendix: one plain sentence each, the id
# of its source (above, or one in the library's sources.yaml), and the day you checked it
# against that source (`checked: YYYY-MM-DD`).
facts:
"
    );
    match from {
        Some(f) if !f.facts.is_empty() => {
            for fact in &f.facts {
                let checked = fact
                    .checked
                    .map_or(String::new(), |d| format!(", checked there on {d}"));
                let _ = write!(
                    y,
                    "  # From the {} profile{checked}. TODO: re-check it for {name}, reword it, and date it.\n  - text: {}\n    source: {}\n    checked: null\n",
                    f.code,
                    // Only the library's language: a reworded fact needs new translations.
                    json(
                        &fact
                            .text
                            .get(&lib.meta.default_language, &lib.meta.default_language)
                    ),
                    fact.source,
                );
            }
        }
        _ => {
            for q in &questions {
                let _ = write!(
                    y,
                    "  # {}: {}\n  - text: \"TODO: what the law says on this, in one plain sentence\"\n    source: TODO  # the id of a source above, e.g. {lower}-drug-law\n    checked: null\n",
                    q.id,
                    one_line(q.prompt.get("en", &lib.meta.default_language)),
                );
            }
        }
    }
    y.push_str(
        "\
# Answers to the questions a country may pre-fill, suggested when an organisation
# chooses this country (it confirms or changes each). Each takes a value listed above it.
defaults:
",
    );
    for q in &questions {
        let lang = &lib.meta.default_language;
        let _ = writeln!(y, "  # {}", one_line(q.prompt.get(lang, lang)));
        let _ = writeln!(y, "  # {}", values_note(lib, q));
        match from.and_then(|f| f.defaults.get(&q.id)) {
            Some(v) => {
                let code = from.map_or("", |f| f.code.as_str());
                let _ = writeln!(
                    y,
                    "  {}: {}  # TODO: re-check ({code}'s answer)",
                    q.id,
                    json(v)
                );
            }
            None => {
                let _ = writeln!(y, "  {}: TODO", q.id);
            }
        }
    }
    y.push_str(
        "\
# Clauses this country's law demands, each with the `section` it joins (see
# `hrpolicy list sections`) and written like any clause (docs/library-format.md).
clauses: []
",
    );
    y
}

/// The values a question takes, for the comment above its default.
fn values_note(lib: &Library, q: &Question) -> String {
    let lang = &lib.meta.default_language;
    let choices = || {
        lib.choice_values(q)
            .iter()
            .map(|v| format!("{v} ({})", one_line(&lib.choice_label(q, v, lang))))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match q.kind {
        Kind::Choice => format!("one of: {}", choices()),
        Kind::Multi => format!("a list, [a, b], of: {}", choices()),
        Kind::YesNo => "true or false".into(),
        Kind::Text => "a text, in quotes".into(),
        Kind::Number => "a number".into(),
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A value as YAML can read it in one line: JSON is YAML's flow style.
fn json(v: &impl serde::Serialize) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "null".into())
}

fn quote(s: &str) -> String {
    json(&s)
}
