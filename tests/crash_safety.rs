//! Crash safety: hrpolicy is killed (SIGKILL) at every point where a file is written,
//! during `build`, `new` and the interactive walks, and every file must then be either as
//! it was or complete; answers and decisions always parse and are never empty. Then the
//! work goes on: building again (even the earlier answers) is not refused.
//!
//! The kill points come from the test hook in src/atomic.rs: with `HRPOLICY_TEST_STOP_AT=N`
//! the process stops at the Nth write point (two per file: the temporary file complete
//! but not yet renamed, and just after the rename) and waits there to be killed.
//! Last, a long PDF build is killed at random times (the seed is printed).
mod common;
use common::BIN;
use rexpect::process::Signal;
use rexpect::session::{PtySession, spawn_command};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const HOOK: &str = "HRPOLICY_TEST_STOP_AT";
const STOPPED: &str = "hrpolicy test hook: stopped at write point";
const ENTER: &str = "\r";
const MANIFEST: &str = ".hrpolicy-manifest.json";

/// Every file under `dir`, by path relative to it, with its bytes.
type Tree = BTreeMap<PathBuf, Vec<u8>>;

fn tree(dir: &Path) -> Tree {
    fn walk(root: &Path, dir: &Path, out: &mut Tree) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).unwrap().to_path_buf();
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = Tree::new();
    walk(dir, dir, &mut out);
    out
}

fn write_tree(dir: &Path, files: &Tree) {
    for (rel, bytes) in files {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
}

/// A temporary file hrpolicy leaves only when killed between writing and renaming it.
fn is_temporary(rel: &Path) -> bool {
    let name = rel.file_name().unwrap().to_string_lossy();
    name.starts_with(".hrpolicy-") && name.ends_with(".tmp")
}

/// Checks the folder after a kill: each file is as it was (`before`) or as a complete run
/// leaves it (`after`); no file that was there has gone. Returns the temporary files.
fn check_each_file_whole(what: &str, before: &Tree, after: &Tree, now: &Tree) -> usize {
    let mut temporaries = 0;
    for (rel, bytes) in now {
        if is_temporary(rel) {
            temporaries += 1;
            continue;
        }
        let old = before.get(rel) == Some(bytes);
        let new = after.get(rel) == Some(bytes);
        if rel.ends_with(MANIFEST) {
            // Also its version written first, naming the files about to change.
            let json: serde_json::Value = serde_json::from_slice(bytes)
                .unwrap_or_else(|e| panic!("{what}: {} does not parse: {e}", rel.display()));
            assert!(
                old || new || json.get("writing").is_some(),
                "{what}: {json}"
            );
            continue;
        }
        assert!(
            old || new,
            "{what}: {} is neither as it was nor complete ({} bytes)",
            rel.display(),
            bytes.len()
        );
        if rel.extension().is_some_and(|e| e == "yaml") {
            assert_yaml_whole(what, rel, bytes);
        }
    }
    for rel in before.keys() {
        assert!(
            now.contains_key(rel),
            "{what}: {} was there and has gone",
            rel.display()
        );
    }
    temporaries
}

fn assert_yaml_whole(what: &str, rel: &Path, bytes: &[u8]) {
    let text = std::str::from_utf8(bytes).unwrap();
    assert!(
        !text.trim().is_empty(),
        "{what}: {} is empty",
        rel.display()
    );
    let value: serde_yaml::Value = serde_yaml::from_str(text)
        .unwrap_or_else(|e| panic!("{what}: {} does not parse: {e}", rel.display()));
    assert!(
        value.get("schema").is_some(),
        "{what}: {} lost its head",
        rel.display()
    );
}

/// Runs hrpolicy in `dir` with the hook at point `n`. Returns whether it stopped there
/// (and was killed) rather than finishing first (successfully).
fn run_to_point(dir: &Path, args: &[&str], n: usize) -> bool {
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env(HOOK, n.to_string())
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut said = String::new();
    for line in BufReader::new(child.stderr.take().unwrap()).lines() {
        let line = line.unwrap();
        if line.starts_with(STOPPED) {
            child.kill().unwrap(); // SIGKILL
            child.wait().unwrap();
            return true;
        }
        said.push_str(&line);
        said.push('\n');
    }
    let status = child.wait().unwrap();
    assert!(status.success(), "hrpolicy {args:?} failed:\n{said}");
    false
}

fn run_ok(dir: &Path, args: &[&str]) {
    let out = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "hrpolicy {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Kills `args` at each of its write points, starting each time from the files `before`,
/// and checks the folder each time. Then `again` (a run to do after the crash, such as
/// building the earlier answers) must succeed, without `--force`, and leave `again_tree`.
/// Returns how many write points there were.
fn kill_at_every_write_point(
    what: &str,
    before: &Tree,
    args: &[&str],
    again: &[&str],
    again_tree: &Tree,
) -> usize {
    let complete = {
        let scratch = tempfile::tempdir().unwrap();
        write_tree(scratch.path(), before);
        run_ok(scratch.path(), args);
        tree(scratch.path())
    };
    let mut n = 1;
    loop {
        let scratch = tempfile::tempdir().unwrap();
        write_tree(scratch.path(), before);
        if !run_to_point(scratch.path(), args, n) {
            assert_eq!(
                tree(scratch.path()),
                complete,
                "{what}: a full run is repeatable"
            );
            break;
        }
        let at = format!("{what}, killed at write point {n}");
        let now = tree(scratch.path());
        let temporaries = check_each_file_whole(&at, before, &complete, &now);
        // Stopped before a rename, the temporary file is there; after it, none is.
        assert_eq!(temporaries, n % 2, "{at}: temporary files");
        run_ok(scratch.path(), again);
        let mut now = tree(scratch.path());
        now.retain(|rel, _| !is_temporary(rel));
        assert_eq!(
            now.keys().collect::<Vec<_>>(),
            again_tree.keys().collect::<Vec<_>>(),
            "{at}: then {again:?}"
        );
        for (rel, bytes) in &now {
            assert!(
                again_tree[rel] == *bytes,
                "{at}: then {again:?}: {} differs",
                rel.display()
            );
        }
        n += 1;
    }
    assert!(n > 2, "{what}: the hook never stopped it");
    n - 1
}

/// The answers, a folder built from them with another name for the organisation (the
/// earlier version of each file), and `args`' complete run.
fn earlier_build(out: &str, build: &[&str]) -> (Tree, Tree) {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    std::fs::write(dir.join("answers.yaml"), common::ANSWERS).unwrap();
    let mut earlier: Vec<&str> = build.to_vec();
    earlier.extend(["--set", "org.name=Earlier Network"]);
    run_ok(dir, &earlier);
    let before = tree(dir);
    run_ok(dir, build);
    assert!(dir.join(out).join(MANIFEST).exists());
    let earlier_again = {
        let s = tempfile::tempdir().unwrap();
        write_tree(s.path(), &before);
        run_ok(s.path(), build);
        run_ok(s.path(), &earlier);
        tree(s.path())
    };
    (before, earlier_again)
}

#[test]
fn a_build_killed_at_any_write_leaves_each_file_as_it_was_or_complete() {
    let started = Instant::now();
    // Every format (the summary edition keeps the PDF quick in a debug build).
    let build = [
        "build",
        "--answers",
        "answers.yaml",
        "--out",
        "out",
        "--format",
        "md,html,pdf,docx",
        "--edition",
        "summary",
    ];
    let (before, earlier_again) = earlier_build("out", &build);
    let mut earlier: Vec<&str> = build.to_vec();
    earlier.extend(["--set", "org.name=Earlier Network"]);
    let points = kill_at_every_write_point("build", &before, &build, &earlier, &earlier_again);
    assert_eq!(
        points, 12,
        "the manifest (first naming what will change), four files, the manifest"
    );
    eprintln!("build: {points} write points in {:?}", started.elapsed());
}

#[test]
fn a_build_with_decisions_killed_at_any_write_is_whole() {
    let started = Instant::now();
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    std::fs::write(dir.join("answers.yaml"), common::ANSWERS).unwrap();
    run_ok(
        dir,
        &["review", "--answers", "answers.yaml", "--out", "pack"],
    );
    // The committee accepted the first clause and removed the second.
    let decisions = std::fs::read_to_string(dir.join("pack/decisions.yaml")).unwrap();
    let decisions = decisions
        .replacen("decision: pending", "decision: accepted", 1)
        .replacen(
            "decision: pending",
            "decision: removed\n  note: covered elsewhere",
            1,
        );
    std::fs::write(dir.join("pack/decisions.yaml"), decisions).unwrap();
    let build = [
        "build",
        "--answers",
        "answers.yaml",
        "--decisions",
        "pack/decisions.yaml",
        "--out",
        "out",
        "--format",
        "md,html,docx",
    ];
    let mut earlier: Vec<&str> = build.to_vec();
    earlier.extend(["--set", "org.name=Earlier Network"]);
    run_ok(dir, &earlier);
    let before = tree(dir);
    let earlier_again = {
        let s = tempfile::tempdir().unwrap();
        write_tree(s.path(), &before);
        run_ok(s.path(), &build);
        let md = std::fs::read_to_string(s.path().join("out/handbook.md")).unwrap();
        assert!(md.contains("How this policy was made"), "decisions applied");
        run_ok(s.path(), &earlier);
        tree(s.path())
    };
    let points = kill_at_every_write_point(
        "build --decisions",
        &before,
        &build,
        &earlier,
        &earlier_again,
    );
    assert_eq!(points, 10);
    eprintln!(
        "build --decisions: {points} write points in {:?}",
        started.elapsed()
    );
}

#[test]
fn new_without_input_killed_at_any_write_is_whole() {
    let started = Instant::now();
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    // An earlier handbook in org/, then the answers changed.
    let earlier_answers = common::ANSWERS.replace("Test Network", "Earlier Network");
    std::fs::create_dir_all(dir.join("org")).unwrap();
    std::fs::write(dir.join("org/answers.yaml"), &earlier_answers).unwrap();
    let new = ["new", "org", "--no-input"];
    run_ok(dir, &new);
    std::fs::write(dir.join("org/answers.yaml"), common::ANSWERS).unwrap();
    let before = tree(dir);
    // After the crash, someone goes back to the earlier answers and builds again.
    let mut earlier_again = before.clone();
    earlier_again.insert("org/answers.yaml".into(), earlier_answers.clone().into());
    let again = {
        let s = tempfile::tempdir().unwrap();
        write_tree(s.path(), &earlier_again);
        run_ok(s.path(), &new);
        tree(s.path())
    };
    // The kill test's "again" step: restore the earlier answers, then `new` again.
    let points = {
        let complete = {
            let s = tempfile::tempdir().unwrap();
            write_tree(s.path(), &before);
            run_ok(s.path(), &new);
            tree(s.path())
        };
        let mut n = 1;
        while {
            let s = tempfile::tempdir().unwrap();
            write_tree(s.path(), &before);
            run_to_point(s.path(), &new, n) && {
                let at = format!("new --no-input, killed at write point {n}");
                let now = tree(s.path());
                check_each_file_whole(&at, &before, &complete, &now);
                std::fs::write(s.path().join("org/answers.yaml"), &earlier_answers).unwrap();
                run_ok(s.path(), &new);
                let mut now = tree(s.path());
                now.retain(|rel, _| !is_temporary(rel));
                assert!(now == again, "{at}: then the earlier answers built again");
                true
            }
        } {
            n += 1;
        }
        n - 1
    };
    assert!(points >= 6, "{points}");
    eprintln!(
        "new --no-input: {points} write points in {:?}",
        started.elapsed()
    );
}

fn spawn_in_pty(dir: &Path, args: &[&str], n: usize) -> PtySession {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .current_dir(dir)
        .env(HOOK, n.to_string())
        .env("TERM", "xterm-256color")
        .env("NO_COLOR", "1");
    spawn_command(cmd, Some(30_000)).expect("spawn hrpolicy in a pty")
}

fn keys(p: &mut PtySession, s: &str) {
    std::thread::sleep(Duration::from_millis(150));
    p.send(s).unwrap();
    p.flush().unwrap();
}

/// Waits for `prompt` or the hook; on the hook, kills the process and returns false.
fn reach(p: &mut PtySession, prompt: &str) -> bool {
    let (_, found) = p
        .exp_regex(&format!("({}|{STOPPED})", regex_escape(prompt)))
        .unwrap_or_else(|e| panic!("waiting for {prompt:?}: {e}"));
    if found.starts_with(STOPPED) {
        p.process_mut().kill(Signal::SIGKILL).unwrap();
        return false;
    }
    true
}

fn regex_escape(s: &str) -> String {
    s.chars()
        .map(|c| {
            if r"\.+*?()|[]{}^$".contains(c) {
                format!("\\{c}")
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn decided(decisions: &serde_yaml::Value) -> Vec<(String, String)> {
    decisions["clauses"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter(|c| c["decision"].as_str() != Some("pending"))
        .map(|c| {
            (
                c["id"].as_str().unwrap().to_string(),
                c["decision"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn the_interactive_review_killed_at_any_save_keeps_every_decision_made() {
    let started = Instant::now();
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    std::fs::write(dir.join("answers.yaml"), common::ANSWERS).unwrap();
    run_ok(
        dir,
        &["review", "--answers", "answers.yaml", "--out", "pack"],
    );
    let before = tree(dir);
    let review = [
        "review",
        "--interactive",
        "--decisions",
        "pack/decisions.yaml",
    ];
    // Accept, remove (with a reason), accept: three saves, six write points.
    let walk = |p: &mut PtySession| -> bool {
        reach(p, "Decision")
            && {
                keys(p, ENTER);
                reach(p, "1.2 ") && reach(p, "Decision")
            }
            && {
                keys(p, "\x1b[B");
                keys(p, "\x1b[B");
                keys(p, ENTER);
                reach(p, "Why is it removed?")
            }
            && {
                keys(p, "Said elsewhere\r");
                reach(p, "1.3 ") && reach(p, "Decision")
            }
            && {
                keys(p, ENTER);
                reach(p, "1.4 ") && reach(p, "Decision")
            }
    };
    let expected = [
        ("harm-reduction-at-work", "accepted"),
        ("abstinence-not-a-condition", "removed"),
        ("respectful-language", "accepted"),
    ];
    for n in 1..=7 {
        let s = tempfile::tempdir().unwrap();
        write_tree(s.path(), &before);
        let mut p = spawn_in_pty(s.path(), &review, n);
        let finished = walk(&mut p);
        if finished {
            keys(&mut p, "\x03");
            p.exp_eof().unwrap();
        }
        assert_eq!(finished, n > 6, "write point {n}");
        let at = format!("review --interactive, killed at write point {n}");
        let now = tree(s.path());
        assert_eq!(
            now.keys()
                .filter(|rel| !is_temporary(rel))
                .collect::<Vec<_>>(),
            before.keys().collect::<Vec<_>>(),
            "{at}"
        );
        let temporaries = now.keys().filter(|rel| is_temporary(rel)).count();
        assert_eq!(
            temporaries,
            usize::from(n % 2 == 1 && n < 7),
            "{at}: temporary files"
        );
        let bytes = &now[Path::new("pack/decisions.yaml")];
        assert_yaml_whole(&at, Path::new("pack/decisions.yaml"), bytes);
        let value: serde_yaml::Value = serde_yaml::from_slice(bytes).unwrap();
        // A decision is saved whole once its file is renamed into place: the odd points
        // come before the rename of the ⌈n/2⌉th save, the even ones after it.
        let saved = (n / 2).min(3);
        let want: Vec<(String, String)> = expected[..saved]
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert_eq!(decided(&value), want, "{at}");
        assert_eq!(
            value["clauses"].as_sequence().unwrap().len(),
            serde_yaml::from_slice::<serde_yaml::Value>(&before[Path::new("pack/decisions.yaml")])
                .unwrap()["clauses"]
                .as_sequence()
                .unwrap()
                .len(),
            "{at}: every clause still there"
        );
        // The pack's other files are untouched.
        for (rel, bytes) in &before {
            if rel != Path::new("pack/decisions.yaml") {
                assert!(now[rel] == *bytes, "{at}: {}", rel.display());
            }
        }
        // And the walk goes on from there, and the handbook builds from what was saved.
        run_ok(
            s.path(),
            &[
                "build",
                "--answers",
                "answers.yaml",
                "--decisions",
                "pack/decisions.yaml",
                "--out",
                "out",
                "--format",
                "md",
            ],
        );
    }
    eprintln!("review --interactive: 7 runs in {:?}", started.elapsed());
}

#[test]
fn the_interview_killed_at_any_save_keeps_every_answer_given() {
    let started = Instant::now();
    // Name, kind, contact: three saves, six write points; the seventh is never reached.
    for n in 1..=6 {
        let s = tempfile::tempdir().unwrap();
        let mut p = spawn_in_pty(s.path(), &["new", "org"], n);
        let finished = reach(&mut p, "What is the name of your organisation?")
            && {
                keys(&mut p, "Harbour Peer Network\r");
                reach(&mut p, "What kind of organisation are you?")
            }
            && {
                keys(&mut p, ENTER);
                reach(&mut p, "Whom should staff talk to")
            }
            && {
                keys(&mut p, ENTER);
                reach(&mut p, "Which services do you provide?")
            };
        assert!(!finished, "write point {n} was never reached");
        let at = format!("the interview, killed at write point {n}");
        let now = tree(s.path());
        let temporaries = now.keys().filter(|rel| is_temporary(rel)).count();
        assert_eq!(temporaries, n % 2, "{at}: temporary files");
        let saved = n / 2;
        let answers = s.path().join("org/answers.yaml");
        if saved == 0 {
            assert!(!answers.exists(), "{at}");
            continue;
        }
        let bytes = std::fs::read(&answers).unwrap();
        assert_yaml_whole(&at, Path::new("org/answers.yaml"), &bytes);
        let value: serde_yaml::Value = serde_yaml::from_slice(&bytes).unwrap();
        let given = value["answers"].as_mapping().unwrap().len();
        assert_eq!(given, saved, "{at}: {}", String::from_utf8_lossy(&bytes));
        // Running `new` again carries on at the first unanswered question.
        let mut p = spawn_in_pty(s.path(), &["new", "org"], 0);
        let next = [
            "What kind of organisation are you?",
            "Whom should staff talk to",
            "Which services do you provide?",
        ][saved - 1];
        p.exp_string(next).unwrap();
        keys(&mut p, "\x03");
        p.exp_eof().unwrap();
    }
    eprintln!("the interview: 6 runs in {:?}", started.elapsed());
}

/// A tiny xorshift: random enough for kill times, and the seed is printed.
fn next(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

#[test]
fn a_long_pdf_build_killed_at_random_times_is_whole() {
    let started = Instant::now();
    // The whole handbook as a PDF: seconds in a debug build, nearly all of it typesetting.
    let build = [
        "build",
        "--answers",
        "answers.yaml",
        "--out",
        "out",
        "--format",
        "md,pdf",
    ];
    let before: Tree = [("answers.yaml".into(), common::ANSWERS.as_bytes().to_vec())].into();
    let timed = Instant::now();
    let complete = {
        let s = tempfile::tempdir().unwrap();
        write_tree(s.path(), &before);
        run_ok(s.path(), &build);
        tree(s.path())
    };
    let full = timed.elapsed().as_micros() as u64;
    let mut seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    eprintln!("kill times from seed {seed}; a full build takes {full} µs");
    for round in 0..3 {
        // Once anywhere, then near the end, where the files are written.
        let from = if round == 0 { 0 } else { full * 85 / 100 };
        let after = Duration::from_micros(from + next(&mut seed) % (full * 110 / 100 - from));
        let s = tempfile::tempdir().unwrap();
        write_tree(s.path(), &before);
        let mut child = Command::new(BIN)
            .args(build)
            .current_dir(s.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(after);
        child.kill().unwrap();
        let status = child.wait().unwrap();
        let at = format!("round {round}, killed after {after:?} ({status})");
        let now = tree(s.path());
        check_each_file_whole(&at, &before, &complete, &now);
        let written: Vec<_> = now
            .keys()
            .filter(|rel| !before.contains_key(*rel))
            .map(|rel| rel.display().to_string())
            .collect();
        eprintln!("{at}: on disk {written:?}");
    }
    eprintln!("random kills: {:?}", started.elapsed());
}
