//! Every input the fuzzers found a crash with (tests/fuzz-regressions/<target>/) runs
//! again through the same entry point the fuzz target drives (fuzz/src/harness.rs,
//! included here), and must end without a panic. A file named `*.refused` must be
//! refused with a clean error, one named `*.loaded` must load. See docs/FUZZING.md.
#[path = "../fuzz/src/harness.rs"]
mod harness;

use harness::Outcome;
use std::path::Path;
use std::time::{Duration, Instant};

/// A debug build is slower than the fuzzer's; a hang the fix removed still shows.
const MAX_TIME: Duration = Duration::from_secs(30);

fn run_all(target: &str, entry: fn(&[u8]) -> Option<Outcome>) {
    run_dir("tests/fuzz-regressions", target, entry);
}

/// Runs every file of `folder/target/` through `entry`: see the file's comment.
fn run_dir(folder: &str, target: &str, entry: fn(&[u8]) -> Option<Outcome>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(folder)
        .join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    let mut failures = Vec::new();
    let mut files: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
    files.sort();
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name.starts_with('.') || name.ends_with(".md") {
            continue;
        }
        let data = std::fs::read(&path).unwrap();
        let start = Instant::now();
        let result = std::panic::catch_unwind(|| entry(&data));
        let took = start.elapsed();
        if std::env::var_os("HRPOLICY_FUZZ_TIMES").is_some() {
            eprintln!("{target}/{name}: {took:?}");
        }
        // For whoever writes a seed: what the loader says of each input.
        if target == "library" && std::env::var_os("HRPOLICY_FUZZ_SAY").is_some() {
            eprintln!("{target}/{name}:{}", library_problems(&data));
        }
        match result {
            Err(_) => failures.push(format!("{target}/{name}: panicked")),
            Ok(outcome) => {
                if took > MAX_TIME {
                    failures.push(format!("{target}/{name}: took {took:?}"));
                }
                let wanted = if name.ends_with(".refused") {
                    Some("refused")
                } else if name.ends_with(".loaded") {
                    Some("loaded")
                } else {
                    None
                };
                let got = match outcome {
                    Some(Outcome::Loaded) => "loaded",
                    Some(Outcome::Refused(_)) => "refused",
                    None => "skipped",
                };
                if wanted.is_some_and(|w| w != got) {
                    let why = if target == "library" {
                        library_problems(&data)
                    } else {
                        String::new()
                    };
                    failures.push(format!("{target}/{name}: {got}, expected {wanted:?}{why}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// What the library loader said of a library input, for a failure message.
fn library_problems(data: &[u8]) -> String {
    let files = harness::library_files(&String::from_utf8_lossy(data));
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let said = match hrpolicy::library::load::load_from(&refs) {
        Ok((_, warnings)) => warnings,
        Err(problems) => problems,
    };
    said.iter().map(|d| format!("\n{d}")).collect()
}

#[test]
fn library_regressions() {
    run_all("library", harness::library);
}

/// The hand-written seeds of the library target (fuzz/seeds/library/): small libraries
/// with overrides, translations and country profiles that reach the merging code from
/// the first run. Each must still load (or be refused) as its name says, or it no
/// longer seeds what it was written for.
#[test]
fn library_seeds() {
    run_dir("fuzz/seeds", "library", harness::library);
}

/// The hand-written seeds of the answers and decisions targets: every question in the
/// other forms a person may write it, every kind given the wrong type, keys that are not
/// text, a committee's whole review with comments, amended texts in every scalar style.
/// The fuzzer starts from files that load, not only from refusals.
#[test]
fn answers_seeds() {
    run_dir("fuzz/seeds", "answers", harness::answers);
}

#[test]
fn decisions_seeds() {
    run_dir("fuzz/seeds", "decisions", harness::decisions);
}

#[test]
fn condition_regressions() {
    run_all("condition", harness::condition);
}

#[test]
fn answers_regressions() {
    run_all("answers", harness::answers);
}

#[test]
fn decisions_regressions() {
    run_all("decisions", harness::decisions);
}

#[test]
fn render_regressions() {
    run_all("render", harness::render);
}

#[test]
fn render_pdf_regressions() {
    run_all("render_pdf", harness::render_pdf);
}

/// The harness itself: the seeds it is given behave as their names say.
#[test]
fn the_harness_runs_each_entry_point() {
    let section = "id: base\ntitle: Base\nclauses:\n  - id: a-rule\n    title: A\n    body: Text for {{ org.name }}.\n    rationale: R\n    sources: [osf-2010]\n";
    assert_eq!(harness::library(section.as_bytes()), Some(Outcome::Loaded));
    assert!(matches!(
        harness::library(b"id: [\n"),
        Some(Outcome::Refused(_))
    ));
    let glossary =
        format!("%%file glossary.yaml\nterms: 3\n%%file sections/01-base.yaml\n{section}");
    assert!(matches!(
        harness::library(glossary.as_bytes()),
        Some(Outcome::Refused(_))
    ));
    assert_eq!(
        harness::condition(b"org.type == led"),
        Some(Outcome::Loaded)
    );
    assert_eq!(harness::condition(b"not ("), Some(Outcome::Refused(1)));
    assert!(matches!(
        harness::answers(b"answers: [1"),
        Some(Outcome::Refused(_))
    ));
    assert!(matches!(
        harness::decisions(b"clauses: {"),
        Some(Outcome::Refused(_))
    ));
    assert_eq!(
        harness::render(b"\0# Title\n\nText."),
        Some(Outcome::Loaded)
    );
}

/// The harness's check that an unknown question is pointed at its own key: it passes
/// where hrpolicy places the key (plain, quoted, in flow style, as an explicit key, after
/// a block of text), and it fails on a place one line or one column off.
#[test]
fn the_unknown_question_check_holds_the_loader_to_the_key() {
    use hrpolicy::diagnostics::Pos;
    use hrpolicy::inputs::answers_file::AnswersFile;
    let text = "answers:\n  org.name: |\n    A\n\n  org.nmae: x\n  \"org.tpye\": y\n  ? org.foo\n  : z\n  org.bar: {org.baz: 1}\n";
    let file = AnswersFile::parse("answers.yaml", text).expect("parses");
    let problems = file
        .typed(harness::shipped(), "answers.yaml", text)
        .expect_err("unknown questions");
    let unknown: Vec<_> = problems
        .iter()
        .filter(|d| d.message.starts_with("unknown question"))
        .collect();
    assert_eq!(unknown.len(), 4, "{problems:?}");
    for d in &unknown {
        let pos = d.pos.expect("a place");
        harness::check_unknown_question_place(d, pos, text, &d.to_string());
        for wrong in [
            Pos {
                line: pos.line - 1,
                ..pos
            },
            Pos {
                col: pos.col + 1,
                ..pos
            },
        ] {
            let caught = std::panic::catch_unwind(|| {
                harness::check_unknown_question_place(d, wrong, text, "")
            });
            assert!(caught.is_err(), "{wrong:?} passed for {d}");
        }
    }
}
