//! Consultants: a new country profile scaffolded, filled and built from; overlays that
//! add, override and disable clauses, stacked; overrides told when their base changes;
//! the built-in library exported as files that check accepts.
mod common;
use common::{BIN, Ran, Test};

/// Runs hrpolicy with `args` in the test's folder.
fn run(t: &Test, args: &[&str]) -> Ran {
    let out = std::process::Command::new(BIN)
        .args(args)
        .current_dir(t.dir.path())
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    Ran {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn ok(t: &Test, args: &[&str]) -> Ran {
    let r = run(t, args);
    assert_eq!(
        r.code, 0,
        "{args:?}\nstdout:\n{}\nstderr:\n{}",
        r.stdout, r.stderr
    );
    r
}

/// Answers to every question but those a country profile pre-fills.
const ANSWERS: &str = "schema: 1
document:
  date: 2026-12-01
answers:
  org.name: Test Network
  org.type: community-led
  org.contact: the peer coordinator
  services: [nsp, outreach]
  place.country: COUNTRY
  funding.conditions: []
  staff.categories: [employees]
  staff.safety-sensitive: []
  staff.peer-title: peer worker
";

fn answers(country: &str) -> String {
    ANSWERS.replace("COUNTRY", country)
}

/// Fills a scaffolded profile as a consultant would: every `TODO` replaced by a real
/// value, each default by the first value its comment offers.
fn fill(profile: &str) -> String {
    let mut out = Vec::new();
    let mut offered = String::new();
    for line in profile.lines() {
        let trimmed = line.trim_start();
        if let Some(values) = trimmed.strip_prefix("# one of: ") {
            offered = values.split(' ').next().unwrap().to_string();
        } else if trimmed.starts_with("# a list") {
            offered = "[]".into();
        } else if trimmed == "# true or false" {
            offered = "true".into();
        }
        let filled = if line.starts_with("subnational:") {
            "subnational: false".to_string()
        } else if line.starts_with("last-reviewed:") {
            "last-reviewed: 2026-10-01".to_string()
        } else if line.starts_with("check-locally:") {
            "check-locally: Ask the Kosovo harm reduction network or a lawyer.".to_string()
        } else if trimmed.starts_with("title: \"TODO") {
            "    title: Law on Narcotic Drugs".to_string()
        } else if trimmed.starts_with("- text: \"TODO") {
            "  - text: \"Possessing drugs for personal use is an offence (fact checked).\"".into()
        } else if trimmed.starts_with("source: TODO") {
            "    source: xk-drug-law".into()
        } else if trimmed == "checked: null" {
            "    checked: 2026-10-01".into()
        } else if let Some((key, _)) = line.split_once(": TODO") {
            format!("{key}: {offered}")
        } else {
            line.to_string()
        };
        out.push(filled);
    }
    out.join("\n") + "\n"
}

#[test]
fn a_scaffolded_profile_lists_what_is_unfilled_and_builds_once_filled() {
    let t = Test::new().file("answers.yaml", &answers("XK"));
    ok(
        &t,
        &[
            "country",
            "new",
            "xk",
            "--name",
            "Kosovo",
            "--library",
            "lib",
        ],
    );
    let profile = t.read("lib/countries/XK.yaml");
    assert!(profile.contains("legal.possession: TODO"), "{profile}");
    assert!(profile.contains("# What is the legal status of possessing drugs"));

    // Unfilled: every place is a warning with its position; --strict fails.
    let check = ok(&t, &["check", "--library", "lib"]);
    let warnings: Vec<&str> = check
        .stdout
        .lines()
        .filter(|l| l.starts_with("lib/countries/XK.yaml:"))
        .collect();
    assert!(
        warnings.contains(
            &"lib/countries/XK.yaml:25:16: warning: the XK profile has no `last-reviewed` date yet"
        ),
        "{warnings:#?}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.ends_with(": warning: `legal.possession` is still to fill in (`TODO`)")),
        "{warnings:#?}"
    );
    assert!(run(&t, &["check", "--strict", "--library", "lib"]).code != 0);
    // Writing into the folder does not repeat `check`'s warnings about it.
    for args in [
        &[
            "library",
            "override",
            "abstinence-not-a-condition",
            "--library",
            "lib",
        ][..],
        &[
            "country",
            "new",
            "XL",
            "--name",
            "Elsewhere",
            "--library",
            "lib",
        ],
    ] {
        let r = ok(&t, args);
        assert_eq!(r.stderr.lines().count(), 1, "{args:?}: {}", r.stderr);
    }
    std::fs::remove_file(t.path("lib/countries/XL.yaml")).unwrap();
    std::fs::remove_dir_all(t.path("lib/sections")).unwrap();

    // Never overwritten without --force.
    let again = run(
        &t,
        &[
            "country",
            "new",
            "XK",
            "--name",
            "Kosovo",
            "--library",
            "lib",
        ],
    );
    assert_eq!(again.code, 1);
    assert!(
        again.stderr.contains("already exists; pass --force"),
        "{}",
        again.stderr
    );

    // Filled: nothing left to report, and a handbook for an organisation in Kosovo.
    std::fs::write(t.path("lib/countries/XK.yaml"), fill(&profile)).unwrap();
    let check = ok(&t, &["check", "--strict", "--library", "lib"]);
    assert!(
        !check.stdout.contains("lib/countries/XK.yaml:"),
        "{}",
        check.stdout
    );
    ok(
        &t,
        &[
            "build",
            "--answers",
            "answers.yaml",
            "--out",
            "out",
            "--format",
            "md",
            "--defaults",
            "--library",
            "lib",
        ],
    );
    let handbook = t.read("out/handbook.md");
    assert!(handbook.contains("Kosovo"), "{handbook}");
    assert!(handbook.contains("Possessing drugs for personal use is an offence (fact checked)."));
    assert!(handbook.contains("Law on Narcotic Drugs"));
}

#[test]
fn a_profile_from_another_starts_with_its_facts_and_defaults_to_recheck() {
    let t = Test::new();
    ok(
        &t,
        &[
            "country",
            "new",
            "XK",
            "--name",
            "Kosovo",
            "--from",
            "ZA",
            "--library",
            "lib",
        ],
    );
    let profile = t.read("lib/countries/XK.yaml");
    assert!(profile.contains("source: za-ddta-1992"), "{profile}");
    assert!(profile.contains("  legal.possession: \"criminal\"  # TODO: re-check (ZA's answer)"));
    let check = ok(&t, &["check", "--library", "lib"]);
    assert!(
        check.stdout.contains("fact 1 has no `checked` date yet"),
        "{}",
        check.stdout
    );
    assert!(
        check
            .stdout
            .contains("still to fill in: a `TODO` is left here")
    );
}

/// A clause of our own in a section of our own.
const ADDED: &str = "id: ours
title: Our own chapter
clauses:
  - id: ours-bicycles
    title: Bicycles
    body: Staff may park bicycles in the yard.
    rationale: People asked.
    sources: [osf-2010]
";

fn build(t: &Test, libraries: &[&str]) -> (String, String) {
    let mut args = vec![
        "build",
        "--answers",
        "answers.yaml",
        "--out",
        "out",
        "--format",
        "md",
        "--defaults",
        "--force",
    ];
    for l in libraries {
        args.extend(["--library", l]);
    }
    let r = ok(t, &args);
    (t.read("out/handbook.md"), r.stderr)
}

#[test]
fn overlays_add_override_disable_and_stack_with_the_later_winning() {
    let t = Test::new()
        .file("answers.yaml", &answers("ZA"))
        .file("a/sections/90-ours.yaml", ADDED)
        .file("a/library.yaml", "disable: [fitness-not-fit-procedure]\n");
    let (plain, _) = build(&t, &[]);
    assert!(plain.contains("The rule is simple"));
    assert!(plain.contains("When someone seems not fit to work"));

    // Add and disable.
    let (with_a, _) = build(&t, &["a"]);
    assert!(with_a.contains("Staff may park bicycles in the yard."));
    assert!(!with_a.contains("When someone seems not fit to work"));

    // Override a built-in clause: copied with its hash, then edited.
    ok(
        &t,
        &[
            "library",
            "override",
            "fitness-for-work-rule",
            "--library",
            "b",
        ],
    );
    let copy = t.read("b/sections/03-fitness.yaml");
    assert!(copy.starts_with("id: fitness\n"), "{copy}");
    assert!(copy.contains("    replaces:\n      id: fitness-for-work-rule\n      hash: \"sha256:"));
    assert!(copy.contains("    rationale: |") && copy.contains("    sources:"));
    std::fs::write(
        t.path("b/sections/03-fitness.yaml"),
        copy.replace("The rule is simple", "The rule, from b, is simple"),
    )
    .unwrap();
    let (with_b, stderr) = build(&t, &["b"]);
    assert!(with_b.contains("The rule, from b, is simple"), "{with_b}");
    assert!(!stderr.contains("has changed"), "{stderr}");

    // A second override in the same file is appended; the same one again is refused.
    ok(
        &t,
        &[
            "library",
            "override",
            "fitness-ost-and-medication",
            "--library",
            "b",
        ],
    );
    assert!(
        t.read("b/sections/03-fitness.yaml")
            .contains("The rule, from b, is simple")
    );
    let twice = run(
        &t,
        &[
            "library",
            "override",
            "fitness-for-work-rule",
            "--library",
            "b",
        ],
    );
    assert_eq!(twice.code, 1, "{}", twice.stderr);
    assert!(
        twice
            .stderr
            .contains("already overrides `fitness-for-work-rule`"),
        "{}",
        twice.stderr
    );

    // Two folders overriding one clause: the later wins.
    let t = t.file(
        "c/sections/03-fitness.yaml",
        "id: fitness\ntitle: F\nclauses:\n  - id: fitness-for-work-rule\n    title: The rule\n    body: The rule, from c.\n    rationale: R\n    sources: [osf-2010]\n",
    );
    let (b_then_c, _) = build(&t, &["b", "c"]);
    assert!(b_then_c.contains("The rule, from c.") && !b_then_c.contains("from b"));
    let (c_then_b, stderr) = build(&t, &["c", "b"]);
    assert!(c_then_b.contains("The rule, from b, is simple") && !c_then_b.contains("from c."));
    // ... and b's copy was made from a base that c has since changed: said, with the diff.
    assert!(
        stderr.contains("warning: clause `fitness-for-work-rule` overrides a base clause that has changed since it was copied"),
        "{stderr}"
    );
    assert!(
        stderr.contains("      body: The rule, from [-b, is simple: come to work … of getting or keeping work here.-]{+c.+}"),
        "{stderr}"
    );
}

#[test]
fn a_base_clause_changed_since_the_copy_is_reported_with_its_word_diff() {
    let t = Test::new();
    ok(
        &t,
        &[
            "library",
            "override",
            "fitness-for-work-rule",
            "--library",
            "lib",
        ],
    );
    let copy = t.read("lib/sections/03-fitness.yaml");
    let check = ok(&t, &["check", "--library", "lib"]);
    assert!(check.stdout.contains("\nwarnings: 0\n"), "{}", check.stdout);

    // As if the copy were made from an older base that said "plain" where it now says
    // "simple": the recorded hash is that older text's, and the copy has its words.
    let hash_line = copy.lines().find(|l| l.contains("hash:")).unwrap();
    let older = copy
        .replace(hash_line, "      hash: \"sha256:0000000000000000\"")
        .replace("The rule is simple", "The rule is plain");
    std::fs::write(t.path("lib/sections/03-fitness.yaml"), older).unwrap();
    let check = ok(&t, &["check", "--library", "lib"]);
    let line = check
        .stdout
        .lines()
        .find(|l| l.contains("fitness-for-work-rule"))
        .unwrap_or_else(|| panic!("{}", check.stdout));
    assert!(
        line.starts_with("lib/sections/03-fitness.yaml:7:13: warning: clause `fitness-for-work-rule` overrides a base clause that has changed since it was copied (hash sha256:0000000000000000 recorded, sha256:"),
        "{line}"
    );
    assert!(
        check
            .stdout
            .contains("      body: The rule is [-plain:-]{+simple:+} come to work fit to do …"),
        "{}",
        check.stdout
    );
    assert!(check.stdout.contains(
        "= help: bring over what you want of the base's change, then set `replaces.hash: sha256:"
    ));
    assert_ne!(run(&t, &["check", "--strict", "--library", "lib"]).code, 0);
}

#[test]
fn the_exported_library_is_accepted_unchanged_and_builds_the_same_handbook() {
    let t = Test::new().file("answers.yaml", &answers("ZA"));
    ok(&t, &["library", "export", "exp"]);
    assert!(t.exists("exp/library.yaml") && t.exists("exp/sections/03-fitness.yaml"));
    assert!(t.exists("exp/templates/handbook.md.tera") && t.exists("exp/countries/ZA.yaml"));
    assert!(
        t.read("exp/library.yaml")
            .contains("\nreplaces-built-in: true\n")
    );

    let builtin = ok(&t, &["check"]);
    let exported = ok(&t, &["check", "--library", "exp"]);
    let summary = |r: &Ran| {
        r.stdout
            .lines()
            .find(|l| l.starts_with("ok: "))
            .unwrap()
            .to_string()
    };
    assert_eq!(summary(&exported), summary(&builtin));
    assert!(
        exported.stdout.contains("\nwarnings: 0\n"),
        "{}",
        exported.stdout
    );
    assert_eq!(build(&t, &["exp"]).0, build(&t, &[]).0);

    let again = run(&t, &["library", "export", "exp"]);
    assert_eq!(again.code, 1);
    assert!(
        again.stderr.contains("already exist (and "),
        "{}",
        again.stderr
    );
    ok(&t, &["library", "export", "exp", "--force"]);
}

#[test]
fn a_country_the_library_has_is_copied_whole_to_update_not_emptied() {
    let t = Test::new().file(
        "answers.yaml",
        &answers("KE").replace("[nsp, outreach]", "[nsp, outreach, ost]"),
    );
    let r = ok(&t, &["country", "new", "ke", "--library", "lib"]);
    assert!(
        r.stderr
            .contains("a copy of the KE profile built into hrpolicy, which it replaces"),
        "{}",
        r.stderr
    );
    let profile = t.read("lib/countries/KE.yaml");
    assert!(!profile.contains("TODO"), "{profile}");
    // `list countries` names the file a profile now comes from.
    let list = ok(&t, &["list", "countries", "--library", "lib"]);
    let ke = list.stdout.lines().find(|l| l.starts_with("KE ")).unwrap();
    assert!(ke.ends_with("  lib/countries/KE.yaml"), "{ke}");
    let za = list.stdout.lines().find(|l| l.starts_with("ZA ")).unwrap();
    assert!(za.ends_with("2 clauses"), "{za}");
    assert!(
        profile.contains("ke-opioid-medicines-handling"),
        "{profile}"
    );

    // The consultant updates one fact; the built handbook has the update, and the
    // profile's clauses and other facts as before.
    let old = "Possessing narcotic drugs is a crime under the 1994 Act.";
    assert!(profile.contains(old));
    let updated = profile.replace(old, "Possessing narcotic drugs is a crime (updated).");
    std::fs::write(t.path("lib/countries/KE.yaml"), updated).unwrap();
    let check = ok(&t, &["check", "--strict", "--library", "lib"]);
    assert!(
        !check.stdout.contains("lib/countries/KE.yaml:"),
        "{}",
        check.stdout
    );
    let (handbook, _) = build(&t, &["lib"]);
    assert!(handbook.contains("Possessing narcotic drugs is a crime (updated)."));
    assert!(!handbook.contains(old));
    assert!(handbook.contains("Who may handle methadone and other opioid medicines"));
    assert!(handbook.contains("Needle and syringe programmes have run since 2013"));

    // Replacing the copy with --force copies the built-in profile again, not the copy,
    // and `--name` renames it.
    ok(
        &t,
        &[
            "country",
            "new",
            "KE",
            "--name",
            "Republic of Kenya",
            "--force",
            "--library",
            "lib",
        ],
    );
    let again = t.read("lib/countries/KE.yaml");
    assert!(again.contains(old), "{again}");
    assert_eq!(again.matches("# Country profile: KE").count(), 1, "{again}");
    assert!(again.contains("\nname: \"Republic of Kenya\"\n"), "{again}");

    // Started from another profile, a country the library has keeps the name it has
    // now (this folder's, renamed above).
    let from = ok(
        &t,
        &[
            "country",
            "new",
            "KE",
            "--from",
            "ZA",
            "--force",
            "--library",
            "lib",
        ],
    );
    assert!(
        from.stderr
            .contains("it replaces the KE profile built into hrpolicy"),
        "{}",
        from.stderr
    );
    assert!(
        t.read("lib/countries/KE.yaml")
            .contains("\nname: \"Republic of Kenya\"")
    );

    // A country the library lacks needs its name.
    let unnamed = run(&t, &["country", "new", "XK", "--library", "lib"]);
    assert_eq!(unnamed.code, 65, "{}", unnamed.stderr);
    assert!(
        unnamed
            .stderr
            .contains("the library has no XK profile yet, so it needs a name"),
        "{}",
        unnamed.stderr
    );
    assert!(!t.path("lib/countries/XK.yaml").exists());
}

/// A consultant's change to a built-in clause or country fact is not hidden, in a
/// translated handbook, behind the built-in translation of the text it replaced: what
/// the overlay rewrote stays in its English (and the build and `check` say so); what it
/// left as it was keeps its translation; a fact is translated by its text, not by its
/// place, so a fact added above the others does not shift every translation down.
#[test]
fn an_override_is_not_hidden_behind_the_translation_of_the_text_it_replaced() {
    let t = Test::new().file(
        "answers.yaml",
        &answers("KE").replace("schema: 1\n", "schema: 1\nlanguage: uk\n"),
    );
    ok(
        &t,
        &["library", "override", "equal-terms", "--library", "lib"],
    );
    let section = t.read("lib/sections/01-foundations.yaml");
    let first =
        "Staff hired for their lived experience are part of the same workforce as everyone else.";
    assert!(section.contains(first), "{section}");
    std::fs::write(
        t.path("lib/sections/01-foundations.yaml"),
        section.replace(first, "Our own wording on equal terms."),
    )
    .unwrap();
    ok(&t, &["country", "new", "KE", "--library", "lib"]);
    let profile = t.read("lib/countries/KE.yaml");
    let methadone = "Methadone has been available since December 2014";
    assert!(profile.contains(methadone), "{profile}");
    let profile = profile
        .replace(
            "facts:\n",
            "facts:\n  - text: \"A fact the consultant added.\"\n    source: ke-ndpsca-1994\n    checked: 2026-11-20\n",
        )
        .replace(methadone, "Methadone (updated) has been available since 2014");
    std::fs::write(t.path("lib/countries/KE.yaml"), profile).unwrap();

    let (handbook, stderr) = build(&t, &["lib"]);
    // The rewritten body in its English, under its translated title.
    assert!(
        handbook
            .contains("## 1.4 Рівні умови для всіх працівників\n\nOur own wording on equal terms."),
        "{handbook}"
    );
    assert!(!handbook.contains("Працівники, яких найняли завдяки їхньому власному досвіду"));
    // Facts: the new and the updated one in English, every other one translated.
    assert!(handbook.contains("- A fact the consultant added."));
    assert!(handbook.contains("- Methadone (updated) has been available since 2014"));
    assert!(handbook.contains("- Зберігання наркотичних засобів — злочин за законом 1994 року."));
    assert!(
        handbook.contains("- Мати справу з опіоїдними ліками можуть лише лікарі й фармацевти.")
    );
    assert!(!handbook.contains("Метадон доступний з грудня 2014 року"));
    for untranslated in [
        "lib/sections/01-foundations.yaml: clause `equal-terms` body",
        "countries/KE.yaml: fact 1",
        "countries/KE.yaml: fact 5",
    ] {
        assert!(
            stderr.contains(untranslated),
            "{untranslated:?} not in:\n{stderr}"
        );
    }
    // `check` counts them as still to translate.
    let check = ok(&t, &["check", "--library", "lib"]);
    assert!(
        check
            .stdout
            .contains("  missing: lib/sections/01-foundations.yaml: clause `equal-terms` body"),
        "{}",
        check.stdout
    );
}

#[test]
fn an_exported_translation_whose_english_changed_is_shown_in_english_until_recorded_again() {
    let t = Test::new().file(
        "answers.yaml",
        &answers("KE").replace("schema: 1\n", "schema: 1\nlanguage: uk\n"),
    );
    ok(&t, &["library", "export", "exp"]);
    assert!(t.exists("exp/translations/uk/made-from.yaml"));
    let english =
        "Staff hired for their lived experience are part of the same workforce as everyone else.";
    let ukrainian = "Працівники, яких найняли завдяки їхньому власному досвіду";
    let (handbook, _) = build(&t, &["exp"]);
    assert!(handbook.contains(ukrainian), "{handbook}");

    // The consultant rewrites a sentence of the English, and not the translation.
    let section = t.read("exp/sections/01-foundations.yaml");
    assert!(section.contains(english));
    std::fs::write(
        t.path("exp/sections/01-foundations.yaml"),
        section.replace(
            english,
            "Staff hired for their lived experience belong to one workforce.",
        ),
    )
    .unwrap();
    let check = ok(&t, &["check", "--library", "exp"]);
    for lang in ["uk", "pt"] {
        let at = format!("exp/translations/{lang}/sections/01-foundations.yaml:");
        let warning = check
            .stdout
            .lines()
            .find(|l| l.starts_with(&at))
            .unwrap_or_else(|| panic!("no warning in {at}:\n{}", check.stdout));
        assert!(
            warning.contains(": warning: the English of this text changed since it was translated"),
            "{warning}"
        );
    }
    assert!(check.stdout.contains(
        "= help: update the translation to say what the English now says, then run `hrpolicy library translated uk` to record it"
    ));
    assert!(
        check
            .stdout
            .contains("  missing: exp/sections/01-foundations.yaml: clause `equal-terms` body"),
        "{}",
        check.stdout
    );
    assert_ne!(run(&t, &["check", "--strict", "--library", "exp"]).code, 0);
    // The handbook says what the English now says, not what the old translation said.
    let (handbook, stderr) = build(&t, &["exp"]);
    assert!(handbook.contains("belong to one workforce"), "{handbook}");
    assert!(!handbook.contains(ukrainian));
    assert!(stderr.contains("exp/sections/01-foundations.yaml: clause `equal-terms` body"));

    // Once the translator has updated it, recording it puts the translation back.
    let recorded = ok(&t, &["library", "translated", "uk", "--library", "exp"]);
    assert!(
        recorded
            .stderr
            .contains("in exp/translations/uk/made-from.yaml, 1 of them with English changed since the last record:\n  sections/01-foundations.yaml: clauses/equal-terms/body\n"),
        "{}",
        recorded.stderr
    );
    let check = ok(&t, &["check", "--library", "exp"]);
    assert!(!check.stdout.contains("exp/translations/uk/sections/"));
    assert!(
        check
            .stdout
            .contains("exp/translations/pt/sections/01-foundations.yaml:")
    );
    let (handbook, _) = build(&t, &["exp"]);
    assert!(handbook.contains(ukrainian));

    let none = run(&t, &["library", "translated", "fr", "--library", "exp"]);
    assert_eq!(none.code, 65, "{}", none.stderr);
    assert!(
        none.stderr.contains("exp has no `fr` translation"),
        "{}",
        none.stderr
    );
}

/// The built-in translations' records (`made-from.yaml`) are those of the English as it
/// is: a maintainer who changes an English text sees `check` warn until the translation
/// is updated and `scripts/record-translations.sh` run.
#[test]
fn the_built_in_translations_record_the_english_they_translate_now() {
    let t = Test::new();
    ok(&t, &["library", "export", "exp"]);
    let check = ok(&t, &["check"]);
    assert!(
        !check.stdout.contains("changed since it was translated"),
        "{}",
        check.stdout
    );
    for lang in ["uk", "pt"] {
        let shipped = t.read(&format!("exp/translations/{lang}/made-from.yaml"));
        ok(&t, &["library", "translated", lang, "--library", "exp"]);
        let now = t.read(&format!("exp/translations/{lang}/made-from.yaml"));
        assert!(
            shipped == now,
            "policy-library/translations/{lang}/made-from.yaml is out of date: update the translation, then run scripts/record-translations.sh {lang}"
        );
    }
}
