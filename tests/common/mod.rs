//! A small builder so integration tests read like specifications.
#![allow(dead_code)]
use std::path::PathBuf;
use std::process::Output;

pub const BIN: &str = env!("CARGO_BIN_EXE_hrpolicy");

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A scratch folder with files, and the hrpolicy command run inside it.
pub struct Test {
    pub dir: tempfile::TempDir,
    pub args: Vec<String>,
}

pub struct Ran {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Test {
    pub fn new() -> Test {
        Test {
            dir: tempfile::tempdir().unwrap(),
            args: Vec::new(),
        }
    }

    pub fn file(self, rel: &str, text: &str) -> Test {
        let path = self.dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    pub fn args(mut self, args: &[&str]) -> Test {
        self.args.extend(args.iter().map(|s| s.to_string()));
        self
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.path(rel).exists()
    }

    /// Runs with stdin closed (no terminal), in the scratch folder.
    pub fn run(&self) -> Ran {
        let out: Output = std::process::Command::new(BIN)
            .args(&self.args)
            .current_dir(self.dir.path())
            .stdin(std::process::Stdio::null())
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        Ran {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Runs and requires success.
    pub fn ok(&self) -> Ran {
        let r = self.run();
        assert_eq!(
            r.code, 0,
            "expected success\nstdout:\n{}\nstderr:\n{}",
            r.stdout, r.stderr
        );
        r
    }

    /// Runs and requires the exit code.
    pub fn fails(&self, code: i32) -> Ran {
        let r = self.run();
        assert_eq!(
            r.code, code,
            "expected exit {code}\nstdout:\n{}\nstderr:\n{}",
            r.stdout, r.stderr
        );
        r
    }
}

/// A complete answers file for a South African community-led network.
pub const ANSWERS: &str = "schema: 1
document:
  version: '2.0'
  date: 2026-01-15
answers:
  org.name: Test Network
  org.type: community-led
  org.contact: the peer coordinator
  services: [nsp, outreach]
  place.country: ZA
  legal.possession: criminal
  legal.use-offence: true
  legal.duty-to-report: child-protection
  legal.premises-liability: unknown
  legal.nsp: confiscated
  legal.disability: unknown
  legal.testing-mandate: none
  health.ost: cost-barrier
  funding.conditions: []
  staff.categories: [employees]
  staff.safety-sensitive: []
  staff.peer-title: peer worker
";

pub fn example(name: &str) -> PathBuf {
    repo().join("examples").join(name)
}

/// Runs a tool the tests read output back with (pdftotext, unzip...). A missing tool
/// fails the test and says what to install; a failing one shows its error.
pub fn tool(program: &str, args: &[&std::ffi::OsStr], install: &str) -> String {
    let out = std::process::Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run `{program}` ({e}): these tests need it; {install}"));
    assert!(
        out.status.success(),
        "{program} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}
