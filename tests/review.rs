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
    let d = t.read("pack/decisions.yaml");
    assert!(d.contains("answers: ../answers.yaml"), "{}", &d[..400]);
    assert!(d.contains("decision: pending"));
    assert!(!d.contains("decision: accepted"));
    assert!(d.contains("hash: sha256:"));
}

/// The pack data inside review.html (the JSON review.js reads).
fn page_data(html: &str) -> serde_json::Value {
    let start = r#"<script type="application/json" id="pack">"#;
    let json = html
        .split_once(start)
        .and_then(|(_, rest)| rest.split_once("</script>"))
        .map(|(json, _)| json)
        .expect("review.html holds the pack as JSON");
    serde_json::from_str(json).expect("the pack JSON parses")
}

#[test]
fn the_review_page_holds_the_clauses_pinned_as_decisions_yaml_pins_them() {
    let t = Test::new().file("answers.yaml", ANSWERS).args(&[
        "review",
        "--answers",
        "answers.yaml",
        "--out",
        "pack",
    ]);
    t.ok();
    let html = t.read("pack/review.html");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        html.contains("<main id=\"app\">"),
        "the page review.js fills"
    );
    assert!(
        !html.contains("src=\"http") && !html.contains("href=\"http") && !html.contains("@import"),
        "nothing from the network"
    );
    let page = page_data(&html);
    assert_eq!(page["format"], 1);
    assert_eq!(page["organisation"], "Test Network");
    assert_eq!(page["answers"], "../answers.yaml");
    assert!(page["pack_id"].as_str().unwrap().starts_with("sha256:"));
    assert_eq!(page["strings"]["save"], "Save decisions");
    // Every clause of decisions.yaml, in its order, with the hash and text it pins: what
    // the page saves is what `build --decisions` reads.
    let d: serde_yaml::Value = serde_yaml::from_str(&t.read("pack/decisions.yaml")).unwrap();
    let entries = d["clauses"].as_sequence().unwrap();
    let clauses = page["clauses"].as_array().unwrap();
    assert_eq!(clauses.len(), entries.len());
    for (c, e) in clauses.iter().zip(entries) {
        assert_eq!(c["id"].as_str(), e["id"].as_str());
        assert_eq!(c["hash"].as_str(), e["hash"].as_str(), "{}", c["id"]);
        assert_eq!(c["text"].as_str(), e["reviewed"].as_str(), "{}", c["id"]);
        assert!(c["decision"].is_null());
    }
    let first = &clauses[0];
    assert_eq!(first["number"], "1.1");
    assert!(first["text_html"].as_str().unwrap().starts_with("<p>"));
    assert!(!first["rationale_html"].as_str().unwrap().is_empty());
    assert!(
        clauses
            .iter()
            .any(|c| c["why"][0]["question"] == "What kind of organisation are you?"),
        "why selected"
    );
    assert!(
        clauses
            .iter()
            .any(|c| !c["alternatives"].as_array().unwrap().is_empty())
    );
    // The same pack made again is the same pack for the browser's storage.
    let again = t.ok();
    assert_eq!(again.code, 0);
    assert_eq!(
        page_data(&t.read("pack/review.html"))["pack_id"],
        page["pack_id"]
    );
}

#[test]
fn user_text_in_the_review_page_stays_text() {
    let name = "Test </script><script>alert(1)</script> & Co";
    let answers = ANSWERS.replace("org.name: Test Network", &format!("org.name: '{name}'"));
    let t = Test::new().file("answers.yaml", &answers).args(&[
        "review",
        "--answers",
        "answers.yaml",
        "--out",
        "pack",
    ]);
    t.ok();
    let amended = "Equal terms at {{ org.name }}: \"always\" #1.\n</script><script>window.x = 2</script><img src=x onerror=alert(3)>\n";
    decide(
        &t,
        "pack/decisions.yaml",
        "equal-terms",
        &[
            ("decision", "amended"),
            ("text", amended),
            ("date", "2026-11-20"),
        ],
    );
    t.ok();
    let html = t.read("pack/review.html");
    for raw in ["<script>alert", "<script>window", "<img", "& Co"] {
        assert!(!html.contains(raw), "`{raw}` is in review.html unescaped");
    }
    assert!(html.contains("<title>Review pack: Staff handbook — Test &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co</title>"));
    let page = page_data(&html);
    assert_eq!(page["organisation"], name);
    let clauses = page["clauses"].as_array().unwrap();
    let equal = clauses.iter().find(|c| c["id"] == "equal-terms").unwrap();
    assert_eq!(equal["decision"]["decision"], "amended");
    assert_eq!(equal["decision"]["text"], amended);
    // The name inside a clause is Markdown-escaped text, so HTML-escaped in text_html.
    let with_name = clauses
        .iter()
        .map(|c| c["text_html"].as_str().unwrap())
        .find(|h| h.contains("alert(1)"))
        .expect("a clause names the organisation");
    assert!(
        with_name.contains("Test &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"),
        "{with_name}"
    );
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

/// The line (from 1) and column of `needle` in `text`.
fn place_of(text: &str, needle: &str) -> String {
    let (n, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} not in\n{text}"));
    format!(
        "{}:{}",
        n + 1,
        line[..line.find(needle).unwrap()].chars().count() + 1
    )
}

/// A committee's wording the build cannot use is refused where it stands in
/// decisions.yaml, by `build` and `review` alike, before anything is written.
#[test]
fn an_amended_text_that_cannot_be_built_is_refused_at_its_line() {
    let t = Test::new().file("answers.yaml", ANSWERS);
    assert_eq!(
        run(
            &t,
            &["review", "--answers", "answers.yaml", "--out", "pack"]
        )
        .code,
        0
    );
    let amend = |text: &str| {
        decide(
            &t,
            "pack/decisions.yaml",
            "equal-terms",
            &[("decision", "amended"), ("text", text)],
        )
    };
    let build = [
        "build",
        "--answers",
        "answers.yaml",
        "--decisions",
        "pack/decisions.yaml",
        "--out",
        "out",
    ];

    // An answer no question defines.
    amend("Staff at {{ org.nme }} are hired on equal terms.\n");
    let at = place_of(&t.read("pack/decisions.yaml"), "org.nme");
    for args in [
        &build[..],
        &["review", "--answers", "answers.yaml", "--out", "pack"],
    ] {
        let r = run(&t, args);
        assert_eq!(r.code, 65, "{}", r.stderr);
        assert!(
            r.stderr.contains(&format!(
                "pack/decisions.yaml:{at}: the amended text of `equal-terms`: no question defines the template variable `org.nme`"
            )),
            "{}",
            r.stderr
        );
        assert!(
            r.stderr.contains("did you mean `org.name`?"),
            "{}",
            r.stderr
        );
    }
    assert!(!t.exists("out"), "a refused build wrote its folder");

    // An `{% if %}` never closed: the place is the end of the text, not the next key.
    amend("First line.\n{% if org.type == \"community-led\" %}\nLast line.\n");
    let decisions = t.read("pack/decisions.yaml");
    let at = place_of(&decisions, "Last line.");
    let (line, _) = at.split_once(':').unwrap();
    let r = run(&t, &build);
    assert_eq!(r.code, 65, "{}", r.stderr);
    assert!(
        r.stderr.contains(&format!("pack/decisions.yaml:{line}:")),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("the amended text of `equal-terms`: template syntax:"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("end every `{% if %}`"), "{}", r.stderr);
    assert!(!t.exists("out"), "a refused build wrote its folder");
}

#[test]
fn a_final_build_without_the_committees_decisions_is_refused() {
    // Nothing decided is not final: `--final` alone must not write a handbook without
    // its DRAFT marks.
    let t = Test::new().file("answers.yaml", ANSWERS);
    let r = run(
        &t,
        &[
            "build",
            "--answers",
            "answers.yaml",
            "--out",
            "out",
            "--final",
        ],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("--decisions <FILE>"), "{}", r.stderr);
    assert!(!t.exists("out"), "a refused build wrote its folder");
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
fn the_change_notice_speaks_the_language_of_the_handbook() {
    let t = Test::new().file("answers.yaml", ANSWERS).file(
        "answers2.yaml",
        &ANSWERS
            .replace("legal.nsp: confiscated", "legal.nsp: tolerated")
            .replace("version: '2.0'", "version: '2.1'")
            .replace("date: 2026-01-15", "date: 2026-03-02"),
    );
    for (answers, out) in [("answers.yaml", "v1"), ("answers2.yaml", "v2")] {
        let r = run(
            &t,
            &["build", "--answers", answers, "--out", out, "--lang", "pt"],
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
    let r = run(&t, &["diff", "v1", "v2", "--out", "notice"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let md = t.read("notice/changes.md");
    assert!(
        md.contains("title: O que mudou no manual da equipa"),
        "{md}"
    );
    // The two handbooks are named by their versions and dates, not by their folders.
    assert!(
        md.contains("subtitle: 'Antes: versão 2.0, 15 de janeiro de 2026; agora: versão 2.1, 2 de março de 2026'"),
        "{md}"
    );
    assert!(
        md.contains("# O que mudou\n\nO manual da equipa foi atualizado. Regras novas: 0."),
        "{md}"
    );
    assert!(md.contains("# Regras que mudaram"), "{md}");
    assert!(!md.contains("Rules"), "{md}");
    assert!(t.read("notice/changes.html").contains("lang=\"pt\""));
    // Against an English build: said, since every clause then reads as reworded.
    assert_eq!(
        run(&t, &["build", "--answers", "answers.yaml", "--out", "en"]).code,
        0
    );
    let r = run(&t, &["diff", "en", "v1", "--out", "mixed"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("v1: warning: this handbook is in `pt` and en in `en`"),
        "{}",
        r.stderr
    );
    // The same handbook twice: nothing changed, said in Portuguese.
    let r = run(&t, &["diff", "v1", "v1", "--out", "same"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(t.read("same/changes.md").contains("Nenhuma regra mudou"));
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
