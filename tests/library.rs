//! The shipped library as a whole: every answer matters, every topic is covered, every
//! clause is sourced, and the language is plain and non-stigmatising.
mod common;
use common::{Test, repo};
use hrpolicy::answer::{Answer, Answers, Kind};
use hrpolicy::clause_text::{TextInput, render_clauses};
use hrpolicy::document::{Edition, EditionRequest, assemble};
use hrpolicy::library::Library;
use hrpolicy::select::select_clauses;

fn library() -> Library {
    let (lib, warnings) = hrpolicy::library::load::load(&[]).expect("the shipped library loads");
    assert!(warnings.is_empty(), "{warnings:#?}");
    lib
}

fn example_answers(lib: &Library) -> Vec<(String, Answers)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(repo().join("examples")).unwrap() {
        let path = entry.unwrap().path().join("answers.yaml");
        let loaded = hrpolicy::inputs::load_answers(lib, &path)
            .unwrap_or_else(|_| panic!("{} loads", path.display()));
        out.push((path.display().to_string(), loaded.answers));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn handbook(lib: &Library, answers: &Answers) -> String {
    let effective = lib.effective_answers(answers);
    let plan = select_clauses(lib, &effective);
    let input = TextInput {
        library: lib,
        answers: &effective,
        lang: "en",
        date: jiff::civil::date(2026, 1, 1),
        version: "1",
    };
    let clauses = render_clauses(&input, &plan, &Default::default(), "").expect("renders");
    let request = EditionRequest {
        edition: Edition::Handbook,
        review: None,
        with_rationale: false,
    };
    assemble(&input, &clauses, &request)
        .expect("renders")
        .markdown
}

/// For each question and value: the handbook of every example with that value set.
/// A value passes if, for every other value of its question, some example's handbook
/// differs between the two. Multi values must change something when toggled.
#[test]
fn every_choice_value_changes_the_handbook() {
    let lib = library();
    let bases = example_answers(&lib);
    let mut failures = Vec::new();
    for q in lib.questions().filter(|q| !q.informational) {
        let values: Vec<String> = match q.kind {
            Kind::Choice | Kind::Multi => lib.choice_values(q),
            Kind::YesNo => vec!["yes".into(), "no".into()],
            Kind::Text | Kind::Number => continue,
        };
        let with = |base: &Answers, v: &str, on: bool| {
            let mut a = base.clone();
            let answer = match q.kind {
                Kind::YesNo => Answer::Bool(v == "yes"),
                Kind::Multi => {
                    let mut list = match base.get(&q.id) {
                        Some(Answer::Multi(l)) => l.clone(),
                        _ => Vec::new(),
                    };
                    list.retain(|x| x != v);
                    if on {
                        list.push(v.to_string());
                    }
                    Answer::Multi(list)
                }
                _ => Answer::Text(v.to_string()),
            };
            a.insert(&q.id, answer);
            handbook(&lib, &a)
        };
        if q.kind == Kind::Multi {
            for v in &values {
                if !bases
                    .iter()
                    .any(|(_, b)| with(b, v, true) != with(b, v, false))
                {
                    failures.push(format!("{} has {v}: changes nothing", q.id));
                }
            }
            continue;
        }
        let docs: Vec<Vec<String>> = values
            .iter()
            .map(|v| bases.iter().map(|(_, b)| with(b, v, true)).collect())
            .collect();
        for (i, v) in values.iter().enumerate() {
            for (j, w) in values.iter().enumerate() {
                if i < j && docs[i] == docs[j] {
                    failures.push(format!(
                        "{} = {v} and {} = {w} give the same handbook for every example",
                        q.id, q.id
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "values that change nothing:\n{}",
        failures.join("\n")
    );
}

#[test]
fn every_topic_of_the_brief_has_clauses() {
    let lib = library();
    let topics: Vec<String> = lib
        .clauses()
        .filter_map(|(_, c)| c.clause.topic.clone())
        .collect();
    let expected = [
        "A1", "A2", "A3", "B1", "B2", "B3", "B4", "B5", "C1", "C2", "C3", "C4", "C5", "C6", "D1",
        "D2", "D3", "D4", "D5", "D6", "D7", "E1", "E2", "E3", "E4", "E5",
    ];
    for t in expected {
        assert!(topics.iter().any(|x| x == t), "no clause covers {t}");
    }
    let count = lib.clauses().filter(|(_, c)| c.country.is_none()).count();
    assert!((50..=120).contains(&count), "{count} clauses");
}

#[test]
fn every_clause_explains_itself_and_cites_a_source() {
    let lib = library();
    for (_, c) in lib.clauses() {
        assert!(
            !c.clause.rationale.is_empty(),
            "{} has no rationale",
            c.clause.id
        );
        assert!(
            !c.clause.sources.is_empty(),
            "{} cites nothing",
            c.clause.id
        );
    }
}

#[test]
fn the_procedure_for_someone_not_fit_for_work_is_step_by_step() {
    let lib = library();
    let (_, c) = lib
        .clause("fitness-not-fit-procedure")
        .expect("the C2 procedure exists");
    assert!(c.clause.tags.iter().any(|t| t == "procedure"));
    let body = c.clause.body.as_ref().unwrap().get("en", "en");
    for step in ["1. ", "2. ", "3. ", "4. ", "5. "] {
        assert!(body.contains(step), "missing step {step}");
    }
}

#[test]
fn the_shipped_library_has_no_language_findings_and_plain_sentences() {
    let lib = library();
    let findings = hrpolicy::lint::language_findings(&lib);
    assert!(
        findings.is_empty(),
        "{}",
        findings
            .iter()
            .map(|f| f.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
    let stats = hrpolicy::lint::sentence_stats(&lib, "en", 1);
    assert!(
        stats.average() < 22.0,
        "average sentence {:.1} words",
        stats.average()
    );
    assert!(stats.sentences > 500);
}

#[test]
fn check_reports_language_findings_in_an_overlay() {
    let r = Test::new()
        .file("lib/sections/50-x.yaml", "id: x\ntitle: X\nclauses:\n  - id: y\n    title: Y\n    body: |\n      We keep a zero tolerance stance on relapse.\n    rationale: r\n    sources: [osf-2010]\n")
        .args(&["check", "--library", "lib"])
        .ok();
    assert!(
        r.stdout
            .contains("lib/sections/50-x.yaml:7:17: warning: avoid: \"zero tolerance\""),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("lib/sections/50-x.yaml:7:42: warning: avoid: \"relapse\""),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("language: 2 findings"), "{}", r.stdout);
    assert!(r.stdout.contains("plain language: "), "{}", r.stdout);
}

#[test]
fn build_warns_when_country_facts_are_old() {
    let answers = common::ANSWERS.replace("date: 2026-01-15", "date: 2029-06-01");
    let t = Test::new().file("answers.yaml", &answers).args(&[
        "build",
        "--answers",
        "answers.yaml",
        "--out",
        "out",
    ]);
    let r = t.ok();
    assert!(
        r.stderr.contains("checked more than 24 months ago"),
        "{}",
        r.stderr
    );
    let fresh = Test::new()
        .file("answers.yaml", common::ANSWERS)
        .args(&["build", "--answers", "answers.yaml", "--out", "out"])
        .ok();
    assert!(!fresh.stderr.contains("24 months"), "{}", fresh.stderr);
}
