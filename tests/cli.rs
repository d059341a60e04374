//! The command line as a user meets it: every command, good and bad input, exit codes.
mod common;
use common::{ANSWERS, Test};

#[test]
fn check_accepts_the_shipped_library() {
    let r = Test::new().args(&["check"]).ok();
    assert!(r.stdout.starts_with("ok: "), "{}", r.stdout);
    assert!(r.stdout.contains("12 countries"), "{}", r.stdout);
}

/// Each case: overlay files, and the headlines (`file:line:col: message`) expected, in order.
#[test]
fn check_reports_every_problem_with_its_place() {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "sections/50-extra.yaml",
            "id: extra
title: Extra
clauses:
  - id: one
    title: One
    when: org.typ == community-led
    body: |
      Hello {{ org.nam }} and {{ staff.peer-title }}.
    rationale: r
    sources: [osf-2011]
    requires: [abstinence-not-a-condtion]
  - id: two
    title: Two
    when: services has nsp and org.type = cbo
    body: \"Broken {{ org.name \"
    rationale: r
    sources: [osf-2010]
  - id: three
    title: Three
    when: org.type == cbo or services == nsp
    body: ok
    rationale: r
    sources: [osf-2010]
",
            &[
                "lib/sections/50-extra.yaml:6:11: unknown question `org.typ`",
                "lib/sections/50-extra.yaml:8:16: no question defines the template variable `org.nam`",
                "lib/sections/50-extra.yaml:8:34: no question defines the template variable `staff.peer-title`",
                "lib/sections/50-extra.yaml:10:15: unknown source `osf-2011`",
                "lib/sections/50-extra.yaml:11:16: `requires` names `abstinence-not-a-condtion`, but no clause has that id",
                "lib/sections/50-extra.yaml:14:41: in this condition: unexpected character `=`",
                "lib/sections/50-extra.yaml:15:30: template syntax: Unexpected end of input",
                "lib/sections/50-extra.yaml:20:23: `cbo` is not a value of `org.type`",
                "lib/sections/50-extra.yaml:20:30: `services` takes several answers; compare it with `has`",
            ],
        ),
        (
            "sections/50-extra.yaml",
            "id: extra\ntitle: Extra\nclauses:\n  - id: one\n    title: One\n    colour: red\n",
            &[
                "lib/sections/50-extra.yaml:6:5: clauses[0]: unknown field `colour`, expected one of `id`, `section`, `title`, `topic`, `when`, `body`, `variants`, `rationale`, `summary`, `public`, `sources`, `requires`, `conflicts`, `tags`, `replaces`",
            ],
        ),
        (
            "sections/50-extra.yaml",
            "id: extra\ntitle: Extra\nclauses:\n  - id: w\n    title: W\n    body: x\n    rationale: r\n    sources: [osf-2010]\n  - id: x\n    title: X\n    body: x\n    rationale: r\n    sources: [osf-2010]\n  - id: x\n    title: X\n    body: x\n    rationale: r\n    sources: [osf-2010]\n",
            &[
                "lib/sections/50-extra.yaml:14:9: clause id `x` is used twice (also in lib/sections/50-extra.yaml)",
            ],
        ),
        (
            "countries/XX.yaml",
            "code: xx\nname: Nowhere\nlast-reviewed: 2026-11-01\ndefaults:\n  legal.posession: criminal\n  legal.nsp: maybe\n",
            &[
                "lib/countries/XX.yaml:1:7: `xx` is not an ISO country code",
                "lib/countries/XX.yaml:5:3: unknown question `legal.posession`",
                "lib/countries/XX.yaml:6:14: `maybe` is not a choice of `legal.nsp`",
            ],
        ),
        (
            "countries/XX.yaml",
            "code: XX\nname: Nowhere\nlast-reviewed: 2026-13-01\n",
            &[
                "lib/countries/XX.yaml:3:16: last-reviewed: failed to parse two digit integer as month: parameter 'month' is not in the required range of 1..=12",
            ],
        ),
        (
            "sections/50-extra.yaml",
            "id: extra\ntitle: Extra\nclauses: [\n",
            &["lib/sections/50-extra.yaml:4:1: did not find expected node content"],
        ),
    ];
    for (file, text, expected) in cases {
        let r = Test::new()
            .file(&format!("lib/{file}"), text)
            .args(&["check", "--library", "lib"])
            .fails(65);
        let headlines: Vec<&str> = r.stderr.lines().filter(|l| l.starts_with("lib/")).collect();
        assert_eq!(&headlines, expected, "for {file}:\n{}", r.stderr);
    }
}

#[test]
fn check_shows_the_source_line_a_caret_and_a_suggestion() {
    let r = Test::new()
        .file("lib/sections/50-x.yaml", "id: x\ntitle: X\nclauses:\n  - id: y\n    title: Y\n    when: org.typ == cbo\n    body: b\n    rationale: r\n    sources: [osf-2010]\n")
        .args(&["check", "--library", "lib"])
        .fails(65);
    assert!(
        r.stderr.contains("lib/sections/50-x.yaml:6:11: unknown question `org.typ`\n  |\n6 |     when: org.typ == cbo\n  |           ^\n  = help: did you mean `org.type`?"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.trim_end().ends_with("error: 1 problem found"),
        "{}",
        r.stderr
    );
}

#[test]
fn build_writes_markdown_and_html() {
    let t = Test::new().file("answers.yaml", ANSWERS).args(&[
        "build",
        "--answers",
        "answers.yaml",
        "--out",
        "out",
    ]);
    let r = t.ok();
    assert!(
        r.stderr.contains("wrote handbook.md, handbook.html to out"),
        "{}",
        r.stderr
    );
    let md = t.read("out/handbook.md");
    assert!(
        md.starts_with("---\ntitle: 'Test Network: Staff handbook'\n"),
        "{md}"
    );
    assert!(
        md.contains("\ndate: 2026-01-15\nlang: en\nversion: '2.0'\n---\n"),
        "{md}"
    );
    assert!(md.contains("# 1. Purpose and principles"));
    assert!(md.contains("**This is a policy draft, not legal advice.**"));
    assert!(md.contains("# Appendix A. Legal context: South Africa"));
    let html = t.read("out/handbook.html");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<nav class=\"toc\""));
    assert!(html.contains("@page"), "print CSS is embedded");
    assert!(html.contains("break-before: page"));
    // Standalone: no external stylesheets, scripts or images.
    for needle in ["<link", "<script", "src=\"http", "@import"] {
        assert!(!html.contains(needle), "found {needle}");
    }
    // Every table-of-contents link points at a heading that exists.
    for href in html
        .split("href=\"#")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
    {
        assert!(
            html.contains(&format!("id=\"{href}\"")),
            "no heading for #{href}"
        );
    }
}

#[test]
fn build_only_the_formats_asked_for() {
    let t = Test::new().file("answers.yaml", ANSWERS).args(&[
        "build",
        "--answers",
        "answers.yaml",
        "--out",
        "out",
        "--format",
        "html",
    ]);
    t.ok();
    assert!(t.exists("out/handbook.html"));
    assert!(!t.exists("out/handbook.md"));
}

#[test]
fn text_a_user_typed_is_escaped() {
    let answers = ANSWERS.replace(
        "org.name: Test Network",
        "org.name: \"<script>alert(1)</script> *Stars* & Co\"",
    );
    let t = Test::new().file("answers.yaml", &answers).args(&[
        "build",
        "--answers",
        "answers.yaml",
        "--out",
        "out",
    ]);
    t.ok();
    let html = t.read("out/handbook.html");
    assert!(!html.contains("<script>"), "raw script tag in HTML");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt; *Stars* &amp; Co"),
        "{}",
        &html[..2000]
    );
    let md = t.read("out/handbook.md");
    // pandoc reads metadata as Markdown: escaped, the name reaches the title page as typed.
    assert!(
        md.contains(r"title: '\<script\>alert(1)\</script\> \*Stars\* \& Co: Staff handbook'"),
        "{}",
        &md[..300]
    );
}

#[test]
fn missing_answers_without_a_terminal_are_one_error_naming_each_question() {
    let t = Test::new()
        .file("answers.yaml", "schema: 1\nanswers:\n  org.name: X\n")
        .args(&["build", "--answers", "answers.yaml", "--out", "out"]);
    let r = t.fails(65);
    assert!(r.stderr.contains("question"), "{}", r.stderr);
    for id in [
        "org.type",
        "services",
        "place.country",
        "staff.categories",
        "staff.peer-title",
    ] {
        assert!(
            r.stderr.contains(&format!("  - {id}: ")),
            "{id} not named:\n{}",
            r.stderr
        );
    }
    // Questions whose ask-if is false are not asked, so not missing.
    assert!(
        !r.stderr.contains("legal.assisted-injection"),
        "{}",
        r.stderr
    );
    assert!(!t.exists("out"), "nothing may be written");
    assert!(
        r.stderr.contains("or run `hrpolicy new` in a terminal"),
        "{}",
        r.stderr
    );
    // The command that resumes the file names its folder, quoted when it must be.
    let t = Test::new()
        .file(
            "my org/answers.yaml",
            "schema: 1\nanswers:\n  org.name: X\n",
        )
        .args(&["build", "--answers", "my org/answers.yaml", "--out", "out"]);
    let r = t.fails(65);
    assert!(
        r.stderr
            .contains("or run `hrpolicy new 'my org'` in a terminal"),
        "{}",
        r.stderr
    );
}

#[test]
fn defaults_fill_from_the_country_profile() {
    let answers = "schema: 1\nanswers:\n  org.name: X\n  org.type: clinical\n  services: [nsp]\n  place.country: GB\n  funding.conditions: []\n  staff.categories: [employees]\n  staff.safety-sensitive: []\n";
    let t = Test::new().file("answers.yaml", answers).args(&[
        "build",
        "--answers",
        "answers.yaml",
        "--out",
        "out",
        "--defaults",
    ]);
    t.ok();
    let md = t.read("out/handbook.md");
    assert!(md.contains("# Appendix A. Legal context: United Kingdom"));
    // The GB profile's defaults were used: premises liability applies there.
    assert!(
        md.contains("Misuse of Drugs Act"),
        "the GB country clauses are in"
    );
}

#[test]
fn defaults_answer_not_sure_where_no_country_profile_answers() {
    let answers = "schema: 1\nanswers:\n  org.name: X\n  org.type: clinical\n  services: [nsp, supervised-consumption]\n  place.country: other\n  funding.conditions: []\n  staff.categories: [employees]\n  staff.safety-sensitive: []\n";
    let t = Test::new().file("answers.yaml", answers).args(&[
        "build",
        "--answers",
        "answers.yaml",
        "--out",
        "out",
        "--defaults",
    ]);
    let r = t.ok();
    assert!(
        r.stderr.contains(
            "answers.yaml: warning: answered \"not sure\": legal.possession, legal.use-offence, \
             legal.duty-to-report, legal.premises-liability, legal.nsp, legal.consumption-site, \
             legal.assisted-injection, legal.disability, legal.testing-mandate, health.ost \
             — the handbook takes the safest assumption; check them locally"
        ),
        "{}",
        r.stderr
    );
    let md = t.read("out/handbook.md");
    assert!(
        md.contains("The organisation answered \"not sure\" to these questions about the law.")
    );
    assert!(md.contains("- May staff help a person to inject at your site?"));
    assert!(md.contains("has not yet confirmed whether the site's exemption or licence"));
}

#[test]
fn missing_answers_after_defaults_do_not_suggest_defaults_again() {
    let t = Test::new()
        .file(
            "answers.yaml",
            "schema: 1\nanswers:\n  place.country: other\n",
        )
        .args(&[
            "build",
            "--answers",
            "answers.yaml",
            "--out",
            "out",
            "--defaults",
        ]);
    let r = t.fails(65);
    assert!(r.stderr.contains("  - org.name: "), "{}", r.stderr);
    assert!(!r.stderr.contains("  - legal."), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("they have no default, so `--defaults` cannot answer them"),
        "{}",
        r.stderr
    );
    assert!(
        !r.stderr.contains("accept the defaults with `--defaults`"),
        "{}",
        r.stderr
    );
}

#[test]
fn set_overrides_answers_and_reports_bad_ones() {
    let t = Test::new().file("answers.yaml", ANSWERS).args(&[
        "build",
        "--answers",
        "answers.yaml",
        "--out",
        "out",
        "--set",
        "org.name=Other Name",
        "--set",
        "services=nsp,supervised-consumption",
        "--set",
        "legal.assisted-injection=authorised",
        "--set",
        "legal.consumption-site=exemption",
    ]);
    t.ok();
    let md = t.read("out/handbook.md");
    assert!(md.contains("Other Name"));
    let bad = Test::new().file("answers.yaml", ANSWERS).args(&[
        "build",
        "--answers",
        "answers.yaml",
        "--out",
        "out",
        "--set",
        "org.typ=clinical",
        "--set",
        "org.type=clinic",
        "--set",
        "nonsense",
    ]);
    let r = bad.fails(65);
    assert!(
        r.stderr
            .contains("--set: unknown question `org.typ`\n  = help: did you mean `org.type`?"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(
            "--set: `clinic` is not a choice of `org.type`\n  = help: did you mean `clinical`?"
        ),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("--set: `nonsense` is not ID=VALUE"),
        "{}",
        r.stderr
    );
}

#[test]
fn bad_answers_files_name_line_and_column() {
    let cases: &[(&str, &str)] = &[
        (
            "schema: 1\nanswers:\n  org.type: clinic\n",
            "answers.yaml:3:13: `clinic` is not a choice of `org.type`",
        ),
        (
            "schema: 1\nanswers:\n  org.tipe: clinical\n",
            "answers.yaml:3:3: unknown question `org.tipe`",
        ),
        (
            "schema: 1\nanswers:\n  services: nsp\n",
            "answers.yaml:3:13: `services` takes a list of values, like [a, b]",
        ),
        (
            "schema: 1\nanswer:\n  org.type: clinical\n",
            "answers.yaml:2:1: unknown field `answer`, expected one of `schema`, `library`, `language`, `document`, `answers`",
        ),
        (
            "schema: 1\nanswers:\n  org.type: [clinical\n",
            "answers.yaml:4:1: did not find expected ',' or ']'",
        ),
    ];
    for (text, expected) in cases {
        let r = Test::new()
            .file("answers.yaml", text)
            .args(&["build", "--answers", "answers.yaml", "--out", "out"])
            .fails(65);
        assert!(
            r.stderr.starts_with(expected),
            "expected {expected}\ngot:\n{}",
            r.stderr
        );
    }
}

#[test]
fn a_missing_answers_file_is_a_clear_error() {
    let r = Test::new()
        .args(&["build", "--answers", "nope.yaml", "--out", "out"])
        .fails(65);
    assert!(
        r.stderr
            .starts_with("nope.yaml: cannot read the answers file"),
        "{}",
        r.stderr
    );
}

#[test]
fn build_replaces_its_own_output_but_never_a_users_edits() {
    let t = Test::new().file("answers.yaml", ANSWERS).args(&[
        "build",
        "--answers",
        "answers.yaml",
        "--out",
        "out",
    ]);
    t.ok();
    t.ok(); // its own, unchanged output is replaced
    std::fs::write(t.path("out/handbook.md"), "my edits").unwrap();
    let r = t.fails(1);
    assert!(
        r.stderr
            .contains("these files were changed since hrpolicy wrote them"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("out/handbook.md"), "{}", r.stderr);
    assert!(r.stderr.contains("--force"), "{}", r.stderr);
    assert_eq!(t.read("out/handbook.md"), "my edits");
    let forced = Test {
        dir: t.dir,
        args: Vec::new(),
    }
    .args(&[
        "build",
        "--answers",
        "answers.yaml",
        "--out",
        "out",
        "--force",
    ]);
    forced.ok();
    assert!(forced.read("out/handbook.md").starts_with("---\n"));
}

#[test]
fn a_file_hrpolicy_did_not_write_is_not_overwritten() {
    let t = Test::new()
        .file("answers.yaml", ANSWERS)
        .file("out/handbook.html", "<p>mine</p>")
        .args(&["build", "--answers", "answers.yaml", "--out", "out"]);
    t.fails(1);
    assert_eq!(t.read("out/handbook.html"), "<p>mine</p>");
    assert!(
        !t.exists("out/handbook.md"),
        "nothing is written when one file is refused"
    );
}

#[test]
fn list_prints_text_and_json() {
    let r = Test::new().args(&["list", "questions"]).ok();
    assert!(
        r.stdout.lines().any(|l| l.starts_with("org.type ")
            && l.contains("[community-led, community-based, clinical, government]")),
        "{}",
        r.stdout
    );
    for what in ["questions", "sections", "clauses", "countries"] {
        let r = Test::new().args(&["list", what, "--json"]).ok();
        let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
        assert!(v.as_array().is_some_and(|a| !a.is_empty()), "{what}");
    }
    let r = Test::new().args(&["list", "countries"]).ok();
    assert!(
        r.stdout.lines().any(|l| l.starts_with("ZA  South Africa")),
        "{}",
        r.stdout
    );
    // A count says `1 clause`, `2 clauses`.
    assert!(
        r.stdout
            .lines()
            .any(|l| l.starts_with("NL  Netherlands") && l.contains(" 0 clauses")),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .lines()
            .any(|l| l.starts_with("KE  Kenya") && l.ends_with(" 1 clause")),
        "{}",
        r.stdout
    );
    let r = Test::new().args(&["list", "sections"]).ok();
    assert!(
        r.stdout.lines().next().unwrap().starts_with("foundations"),
        "{}",
        r.stdout
    );
    // The titles line up, however many digits a count has.
    let starts: std::collections::BTreeSet<usize> = r
        .stdout
        .lines()
        .map(|l| l.find(|c: char| c.is_uppercase()).unwrap())
        .collect();
    assert_eq!(starts.len(), 1, "{}", r.stdout);
}

#[test]
fn explain_says_why_a_clause_is_in_or_out() {
    let t = Test::new().file("answers.yaml", ANSWERS);
    let r = t
        .args(&[
            "explain",
            "governance-and-leadership",
            "--answers",
            "answers.yaml",
        ])
        .ok();
    assert!(r.stdout.contains("IN: "), "{}", r.stdout);
    assert!(
        r.stdout.contains("org.type = community-led"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("-> "),
        "the chosen variant is marked: {}",
        r.stdout
    );
    let place = r
        .stdout
        .lines()
        .find(|l| l.starts_with("  place: clause "))
        .expect("the clause's place in the handbook");
    assert!(place.ends_with(" in the handbook"), "{place}");
    // A country clause's condition says its country once.
    let t = Test::new().file("answers.yaml", ANSWERS);
    let r = t
        .args(&[
            "explain",
            "gb-injection-assistance-kennedy",
            "--answers",
            "answers.yaml",
        ])
        .ok();
    assert!(
        r.stdout.contains("  when: place.country == GB\n"),
        "{}",
        r.stdout
    );
    // One whose condition already requires its country is shown as written.
    let t = Test::new().file("answers.yaml", ANSWERS);
    let r = t
        .args(&[
            "explain",
            "us-federal-funding-and-state-law",
            "--answers",
            "answers.yaml",
        ])
        .ok();
    assert!(
        r.stdout
            .contains("  when: place.country == US and funding.conditions has us-federal\n"),
        "{}",
        r.stdout
    );
    let t = Test::new().file("answers.yaml", ANSWERS);
    let r = t
        .args(&[
            "explain",
            "fitness-drug-free-workplace-act",
            "--answers",
            "answers.yaml",
        ])
        .ok();
    assert!(
        r.stdout.contains("OUT: its condition does not hold"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("funding.conditions = (none)"),
        "{}",
        r.stdout
    );
    let t = Test::new().file("answers.yaml", ANSWERS);
    let r = t
        .args(&[
            "explain",
            "governance-and-leadershp",
            "--answers",
            "answers.yaml",
        ])
        .fails(65);
    assert!(
        r.stderr
            .contains("did you mean `governance-and-leadership`?"),
        "{}",
        r.stderr
    );
}

#[test]
fn an_overlay_adds_overrides_and_disables_clauses() {
    let t = Test::new()
        .file("answers.yaml", ANSWERS)
        .file("lib/library.yaml", "disable: [respectful-language]\n")
        .file(
            "lib/sections/01-foundations.yaml",
            "id: foundations\ntitle: Ignored for an existing section\nclauses:\n  - id: abstinence-not-a-condition\n    title: Our own wording\n    body: Nobody has to stop using drugs to work at {{ org.name }}.\n    rationale: r\n    sources: [osf-2010]\n",
        )
        .file("lib/sections/08-local.yaml", "id: local\ntitle: Local rules\nclauses:\n  - id: local-parking\n    title: Parking\n    body: Staff may park behind the building.\n    rationale: r\n    sources: [osf-2010]\n")
        .args(&["--library", "lib", "build", "--answers", "answers.yaml", "--out", "out"]);
    t.ok();
    let md = t.read("out/handbook.md");
    assert!(
        md.contains("Our own wording\n\nNobody has to stop using drugs to work at Test Network."),
        "override"
    );
    assert!(!md.contains("The words we use"), "disabled clause is gone");
    assert!(
        md.contains("# 8. Local rules\n\n## 8.1 Parking"),
        "added section"
    );
}

#[test]
fn new_without_a_terminal_names_the_unanswered_question() {
    let t = Test::new().args(&["new", "org"]);
    let r = t.fails(65);
    assert!(
        r.stderr
            .contains("  - org.name: What is the name of your organisation?"),
        "{}",
        r.stderr
    );
    let t = Test::new()
        .file("org/answers.yaml", ANSWERS)
        .args(&["new", "org"]);
    t.ok();
    assert!(t.exists("org/handbook.html") && t.exists("org/handbook.md"));
    // Asked to reopen an answer with nobody to ask: refused, not skipped.
    let t = Test::new()
        .file("org/answers.yaml", ANSWERS)
        .args(&["new", "org", "--change", "org.name"]);
    let r = t.fails(65);
    assert!(
        r.stderr.contains(
            "`--change org.name` asks that question again, which needs a terminal: run it in one, or edit `org.name` in org/answers.yaml"
        ),
        "{}",
        r.stderr
    );
    assert!(!t.exists("org/handbook.md"), "it built without asking");
}

#[test]
fn usage_errors_exit_2() {
    Test::new().args(&["build"]).fails(2);
    Test::new().args(&["list", "nothing"]).fails(2);
}

#[test]
fn editions_write_their_own_files_from_one_set_of_answers() {
    let t = Test::new().file("answers.yaml", ANSWERS).args(&[
        "build",
        "--answers",
        "answers.yaml",
        "--out",
        "out",
        "--edition",
        "handbook,summary,public",
    ]);
    let r = t.ok();
    assert!(
        r.stderr.contains(
            "handbook.md, handbook.html, summary.md, summary.html, public.md, public.html"
        ),
        "{}",
        r.stderr
    );
    let handbook = t.read("out/handbook.md");
    assert!(
        !handbook.contains("Why this rule exists"),
        "rationale is hidden by default"
    );
    let summary = t.read("out/summary.md");
    assert!(summary.contains("# The key rules") && summary.contains("## Whom to talk to"));
    assert!(
        summary.contains("the peer coordinator"),
        "names whom to talk to"
    );
    assert!(
        summary.split_whitespace().count() < 1400,
        "a page or two: {} words",
        summary.split_whitespace().count()
    );
    let public = t.read("out/public.md");
    assert!(public.contains("# Our approach"));
    assert!(public.contains("## Abstinence is never a condition of work"));
    assert!(
        !public.contains("When someone seems not fit to work"),
        "internal procedures stay out of the public statement"
    );
    assert!(
        !t.read("out/summary.html").contains("<nav class=\"toc\""),
        "short documents have no contents page"
    );
    let with = Test::new().file("answers.yaml", ANSWERS).args(&[
        "build",
        "--answers",
        "answers.yaml",
        "--out",
        "out",
        "--with-rationale",
    ]);
    with.ok();
    assert!(
        with.read("out/handbook.md")
            .contains("> **Why this rule exists.**")
    );
}

#[test]
fn every_markdown_construct_reaches_markdown_and_html() {
    let fixture = common::repo().join("tests/fixtures/constructs");
    let t = Test::new().file("answers.yaml", ANSWERS).args(&[
        "--library",
        fixture.to_str().unwrap(),
        "build",
        "--answers",
        "answers.yaml",
        "--out",
        "out",
        "--format",
        "md,html",
    ]);
    t.ok();
    let md = t.read("out/handbook.md");
    for needle in [
        "  - Nested one",
        "2. Step two\n   1. Sub-step A",
        "| Log the incident | Supervisor | Same day |",
        "> A block quote",
        "[link to the guide](https://example.org/guide)",
        "*emphasis*",
        "**strong text**",
    ] {
        assert!(md.contains(needle), "{needle} missing from Markdown");
    }
    let html = t.read("out/handbook.html");
    for needle in [
        "<li>Nested one</li>",
        "<ol>\n<li>Sub-step A</li>",
        "<th>Task</th>",
        "<td>Log the incident</td>",
        "<blockquote>",
        "<a href=\"https://example.org/guide\">link to the guide</a>",
        "<em>emphasis</em>",
        "<strong>strong text</strong>",
    ] {
        assert!(html.contains(needle), "{needle} missing from HTML");
    }
}
