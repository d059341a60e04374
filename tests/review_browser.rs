//! The review page (issue 11) as a peer committee uses it, in headless Chromium: record
//! the committee, accept, amend with awkward text, remove with a reason, reload and find
//! the work kept, save decisions.yaml, build the final handbook from it, and open a
//! decisions file whose text changed since (stale) to see the clause reopened with a word
//! diff. Skips, saying so, when chromedriver or Chromium is not installed (`.ci/run`
//! installs them).
//!
//! Screenshots go to `target/tmp/review-shots/` for a person to look at.
#[path = "common/webdriver.rs"]
mod webdriver;

use assert_cmd::Command;
use serde_json::json;
use std::path::{Path, PathBuf};
use webdriver::{Browser, Driver, file_url};

const ANSWERS: &str = "examples/za-user-network/answers.yaml";

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn shots() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("review-shots")
}

/// The review page as `hrpolicy review` writes it into `dir`, next to review.md and
/// decisions.yaml (templates/review.html.tera with review.css and review.js inline).
fn review_page(dir: &Path) -> PathBuf {
    Command::cargo_bin("hrpolicy")
        .unwrap()
        .current_dir(repo())
        .env("NO_COLOR", "1")
        .args(["review", "--answers", ANSWERS, "--out"])
        .arg(dir)
        .assert()
        .success();
    let page = dir.join("review.html");
    assert!(page.exists(), "no review.html in {}", dir.display());
    page
}

/// `hrpolicy build --final` with the given decisions; the command's output.
fn build_final(decisions: &Path, out: &Path) -> std::process::Output {
    Command::cargo_bin("hrpolicy")
        .unwrap()
        .current_dir(repo())
        .env("NO_COLOR", "1")
        .args([
            "build",
            "--answers",
            ANSWERS,
            "--format",
            "md,html",
            "--decisions",
        ])
        .arg(decisions)
        .arg("--final")
        .arg("--out")
        .arg(out)
        .output()
        .expect("hrpolicy runs")
}

/// Selector of a part of one clause.
fn clause(id: &str, part: &str) -> String {
    format!("#c-{id} {part}")
}

fn progress(b: &Browser) -> String {
    b.text_css("#progress-text")
}

/// Saves decisions.yaml from the page into an empty downloads folder; its path.
fn save(b: &Browser) -> PathBuf {
    for entry in std::fs::read_dir(&b.downloads).unwrap().flatten() {
        std::fs::remove_file(entry.path()).unwrap();
    }
    b.click_css("#save");
    b.wait_for_download("decisions")
}

#[test]
fn a_committee_reviews_in_the_browser_and_the_build_follows() {
    let Some(driver) = Driver::start() else {
        return;
    };
    let work = tempfile::tempdir().unwrap();
    let page = review_page(&work.path().join("pack"));
    let b = driver.browser(&work.path().join("downloads"));
    b.viewport(1280, 900, false);
    b.goto(&file_url(&page));

    let total = b
        .execute(
            "return document.querySelectorAll('.clause').length;",
            vec![],
        )
        .as_u64()
        .unwrap();
    assert!(total > 30, "the page shows the clauses ({total})");
    assert_eq!(progress(&b), format!("0 of {total} decided"));
    // The page dates decisions with the browser's local date.
    let today = b
        .execute(
            "const d = new Date(); return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');",
            vec![],
        )
        .as_str()
        .unwrap()
        .to_string();

    // 1. The committee: three members, two with lived or living experience. A name with
    //    HTML in it stays text.
    let members = [
        ("Thandi (peer outreach worker)", true),
        ("Programme manager: Pieter \"PJ\"", false),
        ("Sipho <img src=x onerror=\"window.__xss = 1\"> #3", true),
    ];
    for (name, lived) in members {
        b.click_css("#add-member");
        let input = b.find_all(".member input[type=text]").pop().unwrap();
        b.send_keys(&input, name);
        if lived {
            let tick = b.find_all(".member input[type=checkbox]").pop().unwrap();
            b.click(&tick);
        }
    }
    assert!(
        b.text_css(".committee .summary")
            .starts_with("3 members, 2 of them")
    );

    // 2. Accept one clause with the button and one with the keyboard.
    b.click_css(&clause("fitness-for-work-rule", ".btn.accept"));
    b.execute(
        "document.getElementById('c-abstinence-not-a-condition').focus();",
        vec![],
    );
    b.send_keys(&b.active(), "a");
    assert!(
        b.text_css(&clause("abstinence-not-a-condition", ".badge"))
            .contains("Accepted")
    );

    // 3. Amend one with awkward text: quotes, a colon, #, a new line, a Tera expression
    //    and a script tag, all of which must stay text.
    let amendment = "Nobody at {{ org.name }} must promise abstinence: not now, not \"later\", not #ever.\nWe say it plainly <script>window.__xss = 2</script> and mean it.";
    b.click_css(&clause("equal-terms", ".btn.amend"));
    let area = b.find("#area-equal-terms");
    b.clear(&area);
    b.send_keys(&area, amendment);
    b.click_css("#box-equal-terms .btn.primary");
    assert!(
        b.text_css(&clause("equal-terms", ".badge"))
            .contains("Amended")
    );
    let shown = b.property(
        &b.find(&clause("equal-terms", ".amended .plain-text")),
        "textContent",
    );
    assert_eq!(shown, json!(format!("{amendment}\n")));

    // 4. Remove one: not without a reason.
    b.click_css(&clause("respectful-language", ".btn.remove"));
    assert!(b.text_css("#err-respectful-language").contains("why"));
    assert!(
        b.text_css(&clause("respectful-language", ".badge"))
            .contains("Not decided")
    );
    let reason = "We have a separate language guide: \"Words Matter\" (#2).";
    b.send_keys(&b.find("#note-respectful-language"), reason);
    b.click_css(&clause("respectful-language", ".btn.remove"));
    assert!(
        b.text_css(&clause("respectful-language", ".badge"))
            .contains("Removed")
    );
    assert_eq!(progress(&b), format!("4 of {total} decided"));
    b.screenshot(&shots().join("desktop-decided.png"));

    // 5. Reload: everything is still there (and the unsaved work is announced).
    b.refresh();
    assert_eq!(progress(&b), format!("4 of {total} decided"));
    assert!(
        b.text_css(&clause("equal-terms", ".badge"))
            .contains("Amended")
    );
    assert_eq!(b.find_all(".member").len(), 3);
    assert!(b.text_css(".notice").contains("not saved to a file yet"));
    assert_eq!(
        b.execute(
            "return [window.__xss || 0, document.scripts.length, document.querySelectorAll('img').length];",
            vec![]
        ),
        json!([0, 2, 0]),
        "nothing from the data ran or became markup"
    );

    // 6. Saved now, the decisions build a draft but not a final handbook.
    let partial = save(&b);
    let out = build_final(&partial, &work.path().join("draft"));
    assert_eq!(
        out.status.code(),
        Some(1),
        "--final refuses pending clauses"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("pending"));

    // 7. Decide the rest: show only the clauses still to decide, accept the first few
    //    from the keyboard (j: next, a: accept), then the others with their buttons.
    b.execute(
        "const f = document.getElementById('filter'); f.value = 'todo'; f.dispatchEvent(new Event('change')); window.scrollTo(0, 0);",
        vec![],
    );
    assert_eq!(
        b.execute(
            "return document.querySelectorAll('.clause:not([hidden])').length;",
            vec![]
        ),
        json!(total - 4),
        "the filter shows the undecided clauses"
    );
    b.send_keys(&b.find("#clauses"), "j");
    for done in 5..=7 {
        b.send_keys(&b.active(), "a");
        assert_eq!(progress(&b), format!("{done} of {total} decided"));
        b.send_keys(&b.active(), "j");
    }
    let clicked = b.execute(
        "const left = [...document.querySelectorAll('.clause.s-pending .btn.accept')]; left.forEach((x) => x.click()); return left.length;",
        vec![],
    );
    assert_eq!(clicked, json!(total - 7));
    assert_eq!(progress(&b), format!("{total} of {total} decided"));
    b.screenshot(&shots().join("desktop-all-decided.png"));
    assert!(b.text_css(".save-status").contains("Not saved"));

    // 8. Save: the file is what hrpolicy reads, with every user string intact.
    let saved = save(&b);
    assert!(b.text_css(".save-status").starts_with("Saved"));
    let text = std::fs::read_to_string(&saved).unwrap();
    let doc: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    let entries = doc["clauses"].as_sequence().unwrap();
    assert_eq!(entries.len() as u64, total);
    assert!(
        entries
            .iter()
            .all(|c| c["decision"].as_str() != Some("pending"))
    );
    let entry = |id: &str| {
        entries
            .iter()
            .find(|c| c["id"].as_str() == Some(id))
            .unwrap()
            .clone()
    };
    assert_eq!(
        entry("equal-terms")["text"].as_str(),
        Some(format!("{amendment}\n").as_str())
    );
    assert_eq!(entry("respectful-language")["note"].as_str(), Some(reason));
    assert_eq!(
        entry("respectful-language")["date"].as_str(),
        Some(today.as_str())
    );
    assert_eq!(
        doc["committee"]["members"][2]["name"].as_str(),
        Some(members[2].0)
    );
    assert_eq!(
        doc["committee"]["members"][1]["lived-experience"].as_bool(),
        Some(false)
    );
    assert!(
        doc["committee"]["meetings"]
            .as_sequence()
            .unwrap()
            .iter()
            .any(|d| d.as_str() == Some(today.as_str()))
    );

    // 9. The final build honours the decisions and records the committee.
    let out = build_final(&saved, &work.path().join("final"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = std::fs::read_to_string(work.path().join("final/handbook.md")).unwrap();
    assert!(!md.contains("DRAFT"));
    assert!(
        md.contains("Nobody at Ubuntu Network of People Who Use Drugs must promise abstinence"),
        "the amendment, rendered"
    );
    assert!(
        !md.lines()
            .any(|l| l.starts_with("## ") && l.ends_with("The words we use")),
        "the removed clause is left out"
    );
    assert!(
        md.contains(
            "The review committee had 3 members, 2 of them with lived or living experience"
        )
    );
    assert!(md.contains(&format!("It met on {today}")));
    assert!(md.contains("We have a separate language guide"));
    let html = std::fs::read_to_string(work.path().join("final/handbook.html")).unwrap();
    assert!(
        !html.contains("<script>window.__xss"),
        "amended text is not markup in the handbook"
    );

    // 10. A decisions file whose text changed since (a library upgrade, say): the clause
    //     is reopened, its earlier decision noted, with a word diff of old and new text.
    let stale = text.replacen(
        "three limits apply to everyone",
        "these limits apply to all staff",
        1,
    );
    assert_ne!(stale, text, "the fitness rule's text is in the file");
    let mut doc: serde_yaml::Value = serde_yaml::from_str(&stale).unwrap();
    for c in doc["clauses"].as_sequence_mut().unwrap() {
        if c["id"].as_str() == Some("fitness-for-work-rule") {
            c["hash"] = "sha256:0000".into();
        }
    }
    let stale_file = work.path().join("stale-decisions.yaml");
    // With the committee's own comments, which saving from the page keeps.
    let annotated = format!(
        "# Kept by the committee secretary.\n{}",
        serde_yaml::to_string(&doc).unwrap().replacen(
            "- id: fitness-for-work-rule\n",
            "# Discussed at length on the first day.\n- id: fitness-for-work-rule\n",
            1
        )
    );
    assert!(annotated.contains("# Discussed at length"), "{annotated}");
    std::fs::write(&stale_file, annotated).unwrap();
    b.send_keys(&b.find("#open-file"), &stale_file.display().to_string());
    b.wait_until(10, "the file to be read", || {
        b.text_css(".notice").contains("Opened")
    });
    assert!(
        b.text_css(".notice").contains("1 reopened"),
        "{}",
        b.text_css(".notice")
    );
    assert_eq!(
        progress(&b),
        format!("{} of {total} decided · 1 to look at again", total - 1)
    );
    assert!(
        b.text_css(&clause("fitness-for-work-rule", ".badge"))
            .contains("decide again")
    );
    let note = b.property(&b.find("#note-fitness-for-work-rule"), "value");
    assert!(
        note.as_str()
            .unwrap()
            .starts_with(&format!("Earlier decision: accepted on {today}")),
        "{note}"
    );
    let marks = b.execute(
        "const d = document.querySelector('#c-fitness-for-work-rule .diff'); return [[...d.querySelectorAll('del')].map(x => x.textContent).join('|'), [...d.querySelectorAll('ins')].map(x => x.textContent).join('|')];",
        vec![],
    );
    assert_eq!(marks, json!(["these|all staff:", "three|everyone:"]));
    b.execute(
        "document.getElementById('c-fitness-for-work-rule').scrollIntoView();",
        vec![],
    );
    b.screenshot(&shots().join("desktop-stale.png"));
    let resaved = std::fs::read_to_string(save(&b)).unwrap();
    assert!(
        resaved.contains("# Kept by the committee secretary.\n")
            && resaved
                .contains("# Discussed at length on the first day.\n- id: fitness-for-work-rule\n"),
        "the committee's comments were dropped:\n{resaved}"
    );
    serde_yaml::from_str::<serde_yaml::Value>(&resaved).expect("the saved file is YAML");

    // 11. On a phone: nothing wider than the screen.
    b.viewport(390, 844, true);
    b.refresh();
    let widths = b.execute(
        "return [document.documentElement.scrollWidth, window.innerWidth];",
        vec![],
    );
    assert_eq!(widths[0], widths[1], "no sideways scrolling on a phone");
    b.screenshot(&shots().join("phone-top.png"));
}
