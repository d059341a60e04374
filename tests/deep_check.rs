//! The deep check of `hrpolicy check`: each finding pinned by a failing overlay with its
//! exact message, and `--format json` checked against docs/check.schema.json.
mod common;
use common::{Test, repo};
use serde_json::Value;

/// `check --library lib` with `lib/sections/90-deep.yaml` holding `clauses`.
fn check_section(clauses: &str) -> Test {
    Test::new()
        .file(
            "lib/sections/90-deep.yaml",
            &format!("id: deep\ntitle: Deep\nclauses:\n{clauses}"),
        )
        .args(&["check", "--library", "lib"])
}

/// A clause with the fields every clause needs.
fn clause(id: &str, rest: &str) -> String {
    format!("  - id: {id}\n    title: T\n    rationale: R\n    sources: [osf-2010]\n{rest}")
}

/// The `file:line:col: message` lines about the overlay.
fn headlines(output: &str) -> Vec<&str> {
    output.lines().filter(|l| l.starts_with("lib/")).collect()
}

#[test]
fn a_clause_whose_when_is_never_true_is_an_error() {
    let r = check_section(&clause(
        "never",
        "    when: org.type == clinical and org.type == government\n    body: B\n",
    ))
    .fails(65);
    assert_eq!(
        headlines(&r.stderr),
        [
            "lib/sections/90-deep.yaml:8:11: clause `never` is never in a handbook: its `when` (`org.type == clinical and org.type == government`) is false for every combination of answers"
        ]
    );
}

#[test]
fn a_variant_an_earlier_one_always_wins_is_an_error() {
    let r = check_section(&clause(
        "shadowed",
        "    variants:\n      - id: nsp\n        when: services has nsp\n        body: A\n      - id: both\n        when: services has nsp and services has ost\n        body: B\n",
    ))
    .fails(65);
    assert_eq!(
        headlines(&r.stderr),
        [
            "lib/sections/90-deep.yaml:13:15: variant `both` of clause `shadowed` is never used: whenever its `when` (`services has nsp and services has ost`) holds, an earlier variant applies first (`nsp`)"
        ]
    );
}

#[test]
fn a_variant_the_clause_when_excludes_is_an_error() {
    let r = check_section(&clause(
        "clinical-only",
        "    when: org.type == clinical\n    body: B\n    variants:\n      - id: gov\n        when: org.type == government\n        body: G\n",
    ))
    .fails(65);
    assert_eq!(
        headlines(&r.stderr),
        [
            "lib/sections/90-deep.yaml:12:15: variant `gov` of clause `clinical-only` is never used: its `when` (`org.type == government`) never holds when the clause's `when` (`org.type == clinical`) does"
        ]
    );
}

#[test]
fn a_variant_whose_when_is_never_true_is_an_error() {
    let r = check_section(&clause(
        "odd",
        "    body: B\n    variants:\n      - id: none\n        when: org.type == clinical and not org.type == clinical\n        body: N\n",
    ))
    .fails(65);
    assert_eq!(
        headlines(&r.stderr),
        [
            "lib/sections/90-deep.yaml:11:15: variant `none` of clause `odd` is never used: its `when` (`org.type == clinical and not org.type == clinical`) is false for every combination of answers"
        ]
    );
}

#[test]
fn a_clause_with_no_body_and_no_variant_that_applies_is_an_error() {
    let r = check_section(&clause(
        "empty",
        "    when: org.type == government\n    variants:\n      - id: clinical\n        when: org.type == clinical\n        body: C\n",
    ))
    .fails(65);
    assert_eq!(
        headlines(&r.stderr),
        [
            "lib/sections/90-deep.yaml:4:9: clause `empty` is never in a handbook: it has no `body`, and none of its variants applies to any answers its `when` allows"
        ]
    );
}

#[test]
fn a_when_always_true_is_a_warning() {
    let r = check_section(&clause(
        "covered",
        "    when: org.type != clinical or org.type == clinical\n    body: B\n    variants:\n      - id: clinical\n        when: org.type == clinical\n        body: C\n      - id: other\n        when: org.type != clinical\n        body: O\n",
    ))
    .ok();
    assert_eq!(
        headlines(&r.stdout),
        [
            "lib/sections/90-deep.yaml:8:11: warning: the `when` of clause `covered` (`org.type != clinical or org.type == clinical`) holds for every combination of answers",
        ]
    );
}

#[test]
fn a_text_that_fails_to_render_names_the_clause_the_variant_and_the_answers() {
    let r = check_section(&clause(
        "loud",
        "    body: B\n    variants:\n      - id: ost\n        when: services has ost\n        body: \"{{ legal.nsp | upper }}\"\n",
    ))
    .fails(65);
    assert_eq!(
        headlines(&r.stderr),
        [
            "lib/sections/90-deep.yaml:12:15: clause `loud` variant `ost` fails to render for answers services=[ost]: Invalid type for the value, expected `string` but got `none`"
        ]
    );
}

#[test]
fn answers_that_leave_out_a_required_clause_are_an_error() {
    let r = check_section(&format!(
        "{}{}",
        clause(
            "needs-ost",
            "    when: services has nsp\n    body: B\n    requires: [ost-rule]\n"
        ),
        clause("ost-rule", "    when: services has ost\n    body: O\n"),
    ))
    .fails(65);
    assert_eq!(
        headlines(&r.stderr),
        [
            "lib/sections/90-deep.yaml:10:16: clause `needs-ost` requires `ost-rule`, but `ost-rule` is left out for answers services=[nsp]"
        ]
    );
}

#[test]
fn answers_that_bring_in_two_conflicting_clauses_are_an_error() {
    let r = check_section(&format!(
        "{}{}",
        clause(
            "nsp-rule",
            "    when: services has nsp\n    body: B\n    conflicts: [ost-rule]\n"
        ),
        clause("ost-rule", "    when: services has ost\n    body: O\n"),
    ))
    .fails(65);
    assert_eq!(
        headlines(&r.stderr),
        [
            "lib/sections/90-deep.yaml:10:17: clause `nsp-rule` conflicts with `ost-rule`, but both are in the handbook for answers services=[nsp, ost]"
        ]
    );
}

#[test]
fn a_question_never_asked_is_an_error() {
    let r = Test::new()
        .file(
            "lib/questions.yaml",
            "chapters:\n  - id: extra\n    title: Extra\n    questions:\n      - id: extra.never\n        kind: yes-no\n        prompt: Never?\n        informational: true\n        ask-if: org.type == clinical and org.type == government\n",
        )
        .args(&["check", "--library", "lib"])
        .fails(65);
    assert_eq!(
        headlines(&r.stderr),
        [
            "lib/questions.yaml:9:17: question `extra.never` is never asked: its `ask-if` (`org.type == clinical and org.type == government`) is false for every combination of answers"
        ]
    );
}

#[test]
fn a_country_fact_older_than_24_months_is_a_warning() {
    let profile = std::fs::read_to_string(repo().join("policy-library/countries/ZA.yaml"))
        .unwrap()
        .replacen("checked: 20", "checked: 2001-01-01 #", 1);
    let r = Test::new()
        .file("lib/countries/ZA.yaml", &profile)
        .args(&["check", "--library", "lib"])
        .ok();
    let lines = headlines(&r.stdout);
    assert_eq!(lines.len(), 1, "{}", r.stdout);
    assert!(
        lines[0].ends_with(": warning: fact 1 of the ZA profile was checked on 2001-01-01, more than 24 months ago: the law may have changed"),
        "{}",
        r.stdout
    );
    let strict = Test::new()
        .file("lib/countries/ZA.yaml", &profile)
        .args(&["check", "--library", "lib", "--strict"])
        .run();
    assert_ne!(strict.code, 0);
}

#[test]
fn a_clause_reading_too_many_combinations_says_it_was_capped() {
    let r = check_section(&clause(
        "wide",
        "    when: services has any [nsp, ost, outreach, drop-in, supervised-consumption, drug-checking, naloxone, advocacy, research] and org.type in [clinical, government, community-led] and legal.possession == criminal and legal.duty-to-report == none\n    body: B\n",
    ))
    .ok();
    assert_eq!(
        headlines(&r.stdout),
        [
            "lib/sections/90-deep.yaml:4:9: warning: clause `wide` reads questions with more than 4096 combinations of answers: only the first 4096 were tried, so whether each variant can be selected was not checked"
        ]
    );
}

#[test]
fn json_output_matches_the_documented_schema() {
    let t = check_section(&format!(
        "{}{}",
        clause(
            "never",
            "    when: org.type == clinical and org.type == government\n    body: B\n"
        ),
        clause(
            "covered",
            "    body: B\n    variants:\n      - id: clinical\n        when: org.type == clinical\n        body: C\n      - id: other\n        when: org.type != clinical or org.type != government\n        body: O\n"
        ),
    ))
    .args(&["--format", "json"]);
    let r = t.fails(65);
    let doc: Value = serde_json::from_str(&r.stdout).expect("one JSON document");
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("docs/check.schema.json")).unwrap(),
    )
    .unwrap();
    let problems = validate(&schema, &doc, "$");
    assert!(problems.is_empty(), "{problems:#?}\n{}", r.stdout);

    let ours: Vec<&Value> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["file"].as_str().unwrap().starts_with("lib/"))
        .collect();
    assert_eq!(ours.len(), 2, "{}", r.stdout);
    assert_eq!(
        ours[1]["message"],
        "the `when` of variant `other` of clause `covered` (`org.type != clinical or org.type != government`) holds for every combination of answers"
    );
    assert_eq!(ours[0]["severity"], "error");
    assert_eq!(ours[0]["code"], "condition-always-false");
    assert_eq!(ours[0]["file"], "lib/sections/90-deep.yaml");
    assert_eq!(
        (ours[0]["line"].as_u64(), ours[0]["col"].as_u64()),
        (Some(8), Some(11))
    );
    assert_eq!(ours[1]["severity"], "warning");
    assert_eq!(ours[1]["code"], "condition-always-true");
    assert_eq!(doc["version"], 1);
    let errors = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .count();
    assert_eq!(doc["summary"]["errors"].as_u64(), Some(errors as u64));
    assert!(doc["summary"]["clauses"].as_u64().unwrap() > 100);
}

#[test]
fn json_output_of_a_library_that_does_not_load_lists_its_problems() {
    let r = check_section("  - id: x\n    title: X\n    when: org.typ == cbo\n    body: b\n    rationale: r\n    sources: [osf-2010]\n")
        .args(&["--format", "json"])
        .fails(65);
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(doc["findings"][0]["code"], "invalid-library");
    assert_eq!(doc["findings"][0]["message"], "unknown question `org.typ`");
    assert_eq!(doc["findings"][0]["help"], "did you mean `org.type`?");
    assert_eq!(doc["summary"]["clauses"], 0);
}

/// The part of JSON Schema that docs/check.schema.json uses: `type` (a name or a list),
/// `const`, `enum`, `required`, `properties`, `additionalProperties: false`, `items`,
/// `minimum`. Any other keyword fails, so the schema cannot outgrow the check.
fn validate(schema: &Value, value: &Value, at: &str) -> Vec<String> {
    let mut out = Vec::new();
    let Some(schema) = schema.as_object() else {
        return vec![format!("{at}: the schema is not an object")];
    };
    for (key, rule) in schema {
        match key.as_str() {
            "$schema" | "title" | "description" => {}
            "type" => {
                let names: Vec<&str> = match rule {
                    Value::String(s) => vec![s.as_str()],
                    Value::Array(v) => v.iter().filter_map(Value::as_str).collect(),
                    _ => vec![],
                };
                let ok = names.iter().any(|n| match *n {
                    "object" => value.is_object(),
                    "array" => value.is_array(),
                    "string" => value.is_string(),
                    "integer" => value.is_u64() || value.is_i64(),
                    "null" => value.is_null(),
                    _ => false,
                });
                if !ok {
                    out.push(format!("{at}: {value} is not of type {rule}"));
                }
            }
            "const" if rule != value => out.push(format!("{at}: {value} is not {rule}")),
            "const" => {}
            "enum" => {
                if !rule.as_array().is_some_and(|v| v.contains(value)) {
                    out.push(format!("{at}: {value} is not one of {rule}"));
                }
            }
            "minimum" => {
                if let (Some(n), Some(min)) = (value.as_f64(), rule.as_f64())
                    && n < min
                {
                    out.push(format!("{at}: {n} is less than {min}"));
                }
            }
            "required" => {
                for name in rule
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                {
                    if value.get(name).is_none() {
                        out.push(format!("{at}: `{name}` is missing"));
                    }
                }
            }
            "properties" => {
                let Some(object) = value.as_object() else {
                    continue;
                };
                for (name, v) in object {
                    match rule.get(name) {
                        Some(s) => out.extend(validate(s, v, &format!("{at}.{name}"))),
                        None if schema.get("additionalProperties") == Some(&Value::Bool(false)) => {
                            out.push(format!("{at}: `{name}` is not in the schema"))
                        }
                        None => {}
                    }
                }
            }
            "additionalProperties" => {}
            "items" => {
                for (i, v) in value.as_array().into_iter().flatten().enumerate() {
                    out.extend(validate(rule, v, &format!("{at}[{i}]")));
                }
            }
            other => out.push(format!(
                "{at}: the test's validator does not know `{other}`"
            )),
        }
    }
    out
}
