//! The bad-input corpus: every folder under `tests/bad-input/` is one case, run here.
//!
//! A case holds:
//! - `cmd`: the arguments, separated by spaces, run in a scratch folder;
//! - `files/`: what the scratch folder holds before the run (optional);
//! - `setup` (optional): one step a line, for what a repository cannot hold well:
//!   `shared FILE` copies `tests/bad-input/_shared/FILE` in, `big FILE MB` makes a file of
//!   that size, `link PATH TARGET` makes a symbolic link;
//! - `expected`: `exit N`, then `--- stderr` and the exact standard error, then any
//!   number of `--- contains FILE` sections: each line must appear in that file.
//!
//! `[DIR]` in `expected` stands for the scratch folder. Every case must end within
//! [`TIME_LIMIT`] and within [`MEMORY_LIMIT_KB`] of memory. `UPDATE_BAD_INPUT=1 cargo
//! test --test bad_input` rewrites the exit code and stderr of every case from what
//! hrpolicy does now: read the changes before committing them.
#![cfg(unix)]
mod common;
use common::{BIN, repo};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const TIME_LIMIT: Duration = Duration::from_secs(20);
/// Address space, not resident memory: the binary maps more than it uses.
const MEMORY_LIMIT_KB: u64 = 2_000_000;

struct Expected {
    exit: i32,
    stderr: String,
    contains: Vec<(String, Vec<String>)>,
}

fn parse_expected(text: &str, case: &str) -> Expected {
    let mut sections = text.split("\n--- ");
    let exit = sections
        .next()
        .and_then(|head| head.trim().strip_prefix("exit "))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("{case}/expected must start with `exit N`"));
    let mut expected = Expected {
        exit,
        stderr: String::new(),
        contains: Vec::new(),
    };
    for section in sections {
        let (title, body) = section.split_once('\n').unwrap_or((section, ""));
        if title == "stderr" {
            expected.stderr = body.to_string();
        } else if let Some(file) = title.strip_prefix("contains ") {
            let lines = body.lines().filter(|l| !l.is_empty()).map(String::from);
            expected.contains.push((file.to_string(), lines.collect()));
        } else {
            panic!("{case}/expected: unknown section `--- {title}`");
        }
    }
    expected
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn setup(case_dir: &Path, scratch: &Path) {
    let Ok(steps) = std::fs::read_to_string(case_dir.join("setup")) else {
        return;
    };
    for step in steps.lines().filter(|l| !l.trim().is_empty()) {
        let words: Vec<&str> = step.split_whitespace().collect();
        let at = |rel: &str| {
            let path = scratch.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            path
        };
        match words.as_slice() {
            ["shared", file] => {
                let from = case_dir.parent().unwrap().join("_shared").join(file);
                std::fs::copy(&from, at(file))
                    .unwrap_or_else(|e| panic!("{}: {e}", from.display()));
            }
            ["big", file, mb] => {
                let f = std::fs::File::create(at(file)).unwrap();
                f.set_len(mb.parse::<u64>().unwrap() * 1024 * 1024).unwrap();
            }
            ["link", path, target] => std::os::unix::fs::symlink(target, at(path)).unwrap(),
            _ => panic!("{}: unknown setup step `{step}`", case_dir.display()),
        }
    }
}

struct Ran {
    code: Option<i32>,
    stderr: String,
}

/// Runs hrpolicy in `dir` within the time and memory limits.
fn run(dir: &Path, args: &[&str], case: &str) -> Ran {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {MEMORY_LIMIT_KB} && exec \"$0\" \"$@\""))
        .arg(BIN)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr_pipe = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        stderr_pipe.read_to_string(&mut s).map(|_| s)
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > TIME_LIMIT {
            child.kill().ok();
            child.wait().ok();
            panic!("{case}: still running after {TIME_LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let stderr = reader
        .join()
        .unwrap()
        .unwrap_or_else(|e| format!("(stderr is not UTF-8: {e})"));
    Ran {
        code: status.code(),
        stderr,
    }
}

fn cases() -> Vec<PathBuf> {
    let root = repo().join("tests/bad-input");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir() && !p.file_name().unwrap().to_string_lossy().starts_with('_'))
        .collect();
    cases.sort();
    cases
}

#[test]
fn every_bad_input_case_gives_its_exact_message_and_exit_code() {
    let update = std::env::var_os("UPDATE_BAD_INPUT").is_some();
    let cases = cases();
    assert!(cases.len() >= 40, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for case_dir in &cases {
        let case = case_dir.file_name().unwrap().to_string_lossy().into_owned();
        let expected_path = case_dir.join("expected");
        let expected_text = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|e| panic!("{case}/expected: {e}"));
        let expected = parse_expected(&expected_text, &case);
        let cmd = std::fs::read_to_string(case_dir.join("cmd"))
            .unwrap_or_else(|e| panic!("{case}/cmd: {e}"));
        let args: Vec<&str> = cmd.split_whitespace().collect();

        let scratch = tempfile::tempdir().unwrap();
        if case_dir.join("files").is_dir() {
            copy_dir(&case_dir.join("files"), scratch.path());
        }
        setup(case_dir, scratch.path());
        let ran = run(scratch.path(), &args, &case);
        let mut stderr = ran.stderr.clone();
        for dir in [
            scratch.path().canonicalize().unwrap(),
            scratch.path().to_path_buf(),
        ] {
            stderr = stderr.replace(&dir.display().to_string(), "[DIR]");
        }
        let code = ran.code.unwrap_or(-1);

        if update {
            let rest = expected_text
                .find("\n--- contains ")
                .map_or("", |i| &expected_text[i..]);
            let text = format!("exit {code}\n--- stderr\n{stderr}{rest}");
            std::fs::write(&expected_path, text).unwrap();
            continue;
        }
        if stderr.contains("panicked") {
            failures.push(format!("{case}: hrpolicy panicked:\n{stderr}"));
            continue;
        }
        if code != expected.exit || stderr != expected.stderr {
            failures.push(format!(
                "{case}: `hrpolicy {cmd}`\nexpected exit {} and stderr:\n{}\ngot exit {code} and stderr:\n{stderr}",
                expected.exit,
                expected.stderr,
                cmd = cmd.trim(),
            ));
        }
        for (file, lines) in &expected.contains {
            let text = std::fs::read_to_string(scratch.path().join(file)).unwrap_or_default();
            for line in lines {
                if !text.contains(line.as_str()) {
                    failures.push(format!("{case}: {file} does not hold `{line}`"));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}\n\nIf the new output is right, run \
         `UPDATE_BAD_INPUT=1 cargo test --test bad_input` and review the diff.",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}
