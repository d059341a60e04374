//! Peer committee review as a committee uses it: the pack, decisions edited by hand
//! and in the terminal, draft and final builds, a library change that makes a decision
//! stale, re-review, and the change notice for staff.
mod common;
use common::{ANSWERS, BIN, Test};

/// Edits decisions.yaml the way a person would: sets fields of one clause entry.
fn decide(t: &Test, file: &str, id: &str, fields: &[(&str, &str)]) {
    let text = t.read(file);
    let mut doc: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    let clauses = doc["clauses"].as_sequence_mut().unwrap();
    let entry = clauses
        .iter_mut()
        .find(|c| c["id"].as_str() == Some(id))
        .unwrap_or_else(|| panic!("no entry {id}"));
    for (k, v) in fields {
        entry[*k] = serde_yaml::Value::String(v.to_string());
    }
    std::fs::write(t.path(file), serde_yaml::to_string(&doc).unwrap()).unwrap();
}

fn decide_all(t: &Test, file: &str, decision: &str) {
    let text = t.read(file);
    let mut doc: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    for c in doc["clauses"].as_sequence_mut().unwrap() {
        c["decision"] = decision.into();
        c["date"] = "2026-11-20".into();
    }
    doc["committee"] = serde_yaml::from_str("members: [{name: Peer worker, lived-experience: true}, {name: Manager}]\nmeetings: [2026-11-20]").unwrap();
    std::fs::write(t.path(file), serde_yaml::to_string(&doc).unwrap()).unwrap();
}

fn run(t: &Test, args: &[&str]) -> common::Ran {
    let out = std::process::Command::new(BIN)
        .args(args)
        .current_dir(t.dir.path())
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    common::Ran {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn the_review_pack_shows_each_clause_with_its_reasons() {
    let t = Test::new().file("answers.yaml", ANSWERS).args(&[
        "review",
        "--answers",
        "answers.yaml",
        "--out",
        "pack",
    ]);
    let r = t.ok();
    assert!(
        r.stderr.contains("decisions in pack/decisions.yaml ("),
        "{}",
        r.stderr
    );
    let md = t.read("pack/review.md");
    assert!(md.contains("## 1.1 "), "numbered clauses");
    assert!(md.contains("**Why this rule exists.**"));
    assert!(md.contains("**Sources.** "));
    assert!(md.contains("Your answers: What kind of organisation are you? **Community-led (run by people who use drugs)**"), "why selected");
    assert!(
        md.contains("**Other wording it replaced.**"),
        "alternatives"
    );
    assert!(md.contains("**Decision:** ☐ accept ☐ amend ☐ remove"));
    assert!(t.read("pack/review.html").contains("<nav class=\"toc\""));
    let d = t.read("pack/decisions.yaml");
    assert!(d.contains("answers: ../answers.yaml"), "{}", &d[..400]);
    assert!(d.contains("decision: pending"));
    assert!(!d.contains("decision: accepted"));
    assert!(d.contains("hash: sha256:"));
}

#[test]
fn a_malformed_decisions_file_names_line_and_column() {
    let t = Test::new().file("answers.yaml", ANSWERS).file(
        "d.yaml",
        "schema: 1\nclauses:\n  - id: equal-terms\n    decision: acepted\n",
    );
    let r = run(
        &t,
        &[
            "build",
            "--answers",
            "answers.yaml",
            "--decisions",
            "d.yaml",
            "--out",
            "out",
        ],
    );
    assert_eq!(r.code, 65, "{}", r.stderr);
    assert!(r.stderr.starts_with("d.yaml:4:15: clauses[0].decision: unknown variant `acepted`, expected one of `pending`, `accepted`, `amended`, `removed`"), "{}", r.stderr);
    let t = Test::new().file("answers.yaml", ANSWERS).file(
        "d.yaml",
        "clauses:\n  - id: equal-terms\n    decision: removed\n    colour: red\n",
    );
    let r = run(
        &t,
        &[
            "build",
            "--answers",
            "answers.yaml",
            "--decisions",
            "d.yaml",
            "--out",
            "out",
        ],
    );
    assert_eq!(r.code, 65);
    assert!(
        r.stderr
            .starts_with("d.yaml:4:5: clauses[0]: unknown field `colour`"),
        "{}",
        r.stderr
    );
    assert!(!t.exists("out"));
}

#[test]
fn removing_a_clause_that_another_requires_names_both() {
    let overlay = "id: extra\ntitle: Extra\nclauses:\n  - id: extra-rule\n    title: Extra rule\n    body: See the rule on equal terms.\n    requires: [equal-terms]\n    rationale: r\n    sources: [osf-2010]\n";
    let t = Test::new()
        .file("answers.yaml", ANSWERS)
        .file("lib/sections/80-extra.yaml", overlay);
    assert_eq!(
        run(
            &t,
            &[
                "--library",
                "lib",
                "review",
                "--answers",
                "answers.yaml",
                "--out",
                "pack"
            ]
        )
        .code,
        0
    );
    decide_all(&t, "pack/decisions.yaml", "accepted");
    decide(
        &t,
        "pack/decisions.yaml",
        "equal-terms",
        &[("decision", "removed"), ("note", "We have a pay policy.")],
    );
    let r = run(
        &t,
        &[
            "--library",
            "lib",
            "build",
            "--answers",
            "answers.yaml",
            "--decisions",
            "pack/decisions.yaml",
            "--out",
            "out",
        ],
    );
    assert_eq!(r.code, 65, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("clause `extra-rule` requires `equal-terms`, which the committee removed"),
        "{}",
        r.stderr
    );
}

#[test]
fn round_trip_from_pack_to_final_through_a_stale_decision() {
    let t = Test::new().file("answers.yaml", ANSWERS);
    // 1. The pack.
    assert_eq!(
        run(
            &t,
            &["review", "--answers", "answers.yaml", "--out", "pack"]
        )
        .code,
        0
    );
    // 2. The committee decides all but one clause, amends one and removes one.
    decide_all(&t, "pack/decisions.yaml", "accepted");
    decide(
        &t,
        "pack/decisions.yaml",
        "abstinence-not-a-condition",
        &[
            ("decision", "amended"),
            (
                "text",
                "Nobody at {{ org.name }} must stop using drugs to work here.\n",
            ),
            ("note", "Shorter."),
        ],
    );
    decide(
        &t,
        "pack/decisions.yaml",
        "respectful-language",
        &[
            ("decision", "removed"),
            ("note", "We have a separate language guide."),
        ],
    );
    decide(
        &t,
        "pack/decisions.yaml",
        "equal-terms",
        &[("decision", "pending")],
    );
    // 3. A draft build: DRAFT marks, the pending clause named; --final refuses.
    let r = run(
        &t,
        &[
            "build",
            "--answers",
            "answers.yaml",
            "--decisions",
            "pack/decisions.yaml",
            "--out",
            "out",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("DRAFT: 1 clause is not decided yet")
            && r.stderr.contains("  - equal-terms"),
        "{}",
        r.stderr
    );
    let md = t.read("out/handbook.md");
    assert!(md.contains("title: 'DRAFT: Test Network: Staff handbook'"));
    assert!(md.contains("> **DRAFT.**"));
    assert!(
        md.contains("Nobody at Test Network must stop using drugs to work here."),
        "amended text, rendered"
    );
    assert!(!md.contains("## 1.3 The words we use"), "removed clause");
    assert!(md.contains("# How this policy was made"));
    assert!(md.contains("2 members, 1 of them with lived or living experience"));
    assert!(md.contains("- **The words we use**: We have a separate language guide. (2026-11-20)"));
    let html = t.read("out/handbook.html");
    assert!(
        html.contains("class=\"draft-mark\""),
        "DRAFT on every printed page"
    );
    assert!(
        html.contains("content: \"DRAFT · Test Network"),
        "DRAFT in the running header"
    );
    let r = run(
        &t,
        &[
            "build",
            "--answers",
            "answers.yaml",
            "--decisions",
            "pack/decisions.yaml",
            "--out",
            "out",
            "--final",
        ],
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("--final: 1 clause is pending"),
        "{}",
        r.stderr
    );
    // 4. The last decision: the final build has no DRAFT.
    decide(
        &t,
        "pack/decisions.yaml",
        "equal-terms",
        &[("decision", "accepted")],
    );
    let r = run(
        &t,
        &[
            "build",
            "--answers",
            "answers.yaml",
            "--decisions",
            "pack/decisions.yaml",
            "--out",
            "out",
            "--final",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let md = t.read("out/handbook.md");
    assert!(!md.contains("DRAFT"));
    assert!(!t.read("out/handbook.html").contains("class=\"draft-mark\""));
    // 5. The library changes a decided clause (as an upgrade would): stale, with a word diff.
    let changed = "id: foundations\ntitle: x\nclauses:\n  - id: equal-terms\n    title: Equal terms for all staff\n    body: |\n      Staff hired for their lived experience get the same terms as all other staff, always.\n    rationale: r\n    sources: [alliance-2015]\n";
    std::fs::create_dir_all(t.path("lib/sections")).unwrap();
    std::fs::write(t.path("lib/sections/01-foundations.yaml"), changed).unwrap();
    let r = run(
        &t,
        &[
            "--library",
            "lib",
            "build",
            "--answers",
            "answers.yaml",
            "--decisions",
            "pack/decisions.yaml",
            "--out",
            "out",
            "--final",
        ],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("STALE: the text of `equal-terms`"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("Staff hired for their lived experience [-are part of the same workforce"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("always.+}"), "{}", r.stderr);
    // 6. Re-review: the pack reopens the stale clause, keeping the other decisions.
    let r = run(
        &t,
        &[
            "--library",
            "lib",
            "review",
            "--answers",
            "answers.yaml",
            "--out",
            "pack",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("(1 pending, 1 to look at again)"),
        "{}",
        r.stderr
    );
    let d = t.read("pack/decisions.yaml");
    assert!(
        d.contains("Earlier decision: accepted on 2026-11-20; the text changed since."),
        "{d}"
    );
    assert!(
        d.contains("We have a separate language guide."),
        "other decisions are kept"
    );
    decide(
        &t,
        "pack/decisions.yaml",
        "equal-terms",
        &[("decision", "accepted")],
    );
    // 7. Final again.
    let r = run(
        &t,
        &[
            "--library",
            "lib",
            "build",
            "--answers",
            "answers.yaml",
            "--decisions",
            "pack/decisions.yaml",
            "--out",
            "out",
            "--final",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        t.read("out/handbook.md")
            .contains("same terms as all other staff, always.")
    );
}

#[test]
fn diff_writes_a_change_notice_for_staff() {
    let t = Test::new().file("answers.yaml", ANSWERS).file(
        "answers2.yaml",
        &ANSWERS
            .replace(
                "services: [nsp, outreach]",
                "services: [nsp, outreach, drop-in]",
            )
            .replace("legal.nsp: confiscated", "legal.nsp: tolerated"),
    );
    assert_eq!(
        run(&t, &["build", "--answers", "answers.yaml", "--out", "v1"]).code,
        0
    );
    assert_eq!(
        run(&t, &["build", "--answers", "answers2.yaml", "--out", "v2"]).code,
        0
    );
    let r = run(&t, &["diff", "v1", "v2", "--out", "notice"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("0 removed, "), "{}", r.stderr);
    let md = t.read("notice/changes.md");
    assert!(md.contains("# What changed"));
    assert!(md.contains("# Rules that changed"), "{md}");
    assert!(md.contains("~~") && md.contains("**"), "word diff marks");
    assert!(
        t.read("notice/changes.html").contains("<del>")
            || t.read("notice/changes.html").contains("<strong>")
    );
    let r = run(&t, &["diff", "v1", "nowhere", "--out", "notice"]);
    assert_eq!(r.code, 65);
    assert!(
        r.stderr
            .contains("nowhere/.hrpolicy-manifest.json: cannot read it"),
        "{}",
        r.stderr
    );
}
