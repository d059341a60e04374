//! Output into a pipe whose reader stops early (`hrpolicy list clauses | head -2`): every
//! command ends quietly with exit 0, and no panic; other write errors are still reported.
mod common;
use common::{BIN, example};
use std::io::Read;
use std::process::{Command, Stdio};

/// What a reader that goes away does to a command.
struct Closed {
    code: Option<i32>,
    stderr: String,
}

/// Runs hrpolicy with `args`, its standard output a pipe whose reader reads `keep` bytes
/// (none: closed before hrpolicy writes anything), then closes it.
fn run_into_closed_pipe(args: &[&str], keep: usize) -> Closed {
    let out = tempfile::tempdir().unwrap();
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(out.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env("NO_COLOR", "1")
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    if keep > 0 {
        let mut buf = vec![0; keep];
        stdout.read_exact(&mut buf).unwrap();
    }
    drop(stdout);
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    Closed {
        code: status.code(),
        stderr,
    }
}

fn commands() -> Vec<Vec<String>> {
    let answers = example("za-user-network").join("answers.yaml");
    let answers = answers.to_str().unwrap();
    let mut list = vec![
        vec!["check"],
        vec!["check", "--longest", "500"],
        vec![
            "explain",
            "abstinence-not-a-condition",
            "--answers",
            answers,
        ],
        vec!["build", "--answers", answers, "--out", "handbook"],
        vec!["--help"],
        vec!["build", "--help"],
        vec!["--version"],
        vec!["man"],
    ];
    for shell in ["bash", "zsh", "fish", "powershell"] {
        list.push(vec!["completions", shell]);
    }
    for what in ["questions", "sections", "clauses", "countries"] {
        list.push(vec!["list", what]);
        list.push(vec!["list", what, "--json"]);
    }
    list.into_iter()
        .map(|args| args.into_iter().map(String::from).collect())
        .collect()
}

#[test]
fn every_command_ends_quietly_when_its_reader_goes_away() {
    for args in commands() {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        for keep in [0, 1] {
            // A build and `--version` print too little to read a byte and then close.
            let prints_little = args[0] == "--version" || args.contains(&"--out");
            if keep == 1 && prints_little {
                continue;
            }
            let r = run_into_closed_pipe(&args, keep);
            assert_eq!(
                r.code,
                Some(0),
                "hrpolicy {args:?} (reader kept {keep} bytes) exited {:?}:\n{}",
                r.code,
                r.stderr
            );
            assert!(
                !r.stderr.contains("panicked") && !r.stderr.contains("Broken pipe"),
                "hrpolicy {args:?}:\n{}",
                r.stderr
            );
        }
    }
}

#[test]
fn a_shell_pipe_into_head_keeps_the_first_lines_and_exits_0() {
    let script = format!(
        "'{BIN}' list clauses | head -2; echo \"list=${{PIPESTATUS[0]}}\"; \
         '{BIN}' check | head -1; echo \"check=${{PIPESTATUS[0]}}\"; \
         '{BIN}' list clauses --json | head -1; echo \"json=${{PIPESTATUS[0]}}\""
    );
    let Ok(out) = Command::new("bash").args(["-c", &script]).output() else {
        eprintln!("skipped: no bash to run a shell pipe with");
        return;
    };
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 7, "{stdout}\n{stderr}");
    assert!(lines[0].starts_with("harm-reduction-at-work "), "{stdout}");
    assert_eq!(lines[2], "list=0", "{stdout}\n{stderr}");
    assert!(lines[3].starts_with("ok: "), "{stdout}");
    assert_eq!(lines[4], "check=0", "{stdout}\n{stderr}");
    assert_eq!(lines[5], "[", "{stdout}");
    assert_eq!(lines[6], "json=0", "{stdout}\n{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_still_an_error() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = Command::new(BIN)
        .args(["list", "clauses"])
        .stdout(full)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with("error: cannot write to standard output\n  caused by: "),
        "{stderr}"
    );
}
