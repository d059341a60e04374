//! File modes: every file hrpolicy writes gets the mode a plain write would give it
//! (0666 less the umask), and a file it replaces keeps its mode. Unix only.
#![cfg(unix)]
mod common;
use common::{ANSWERS, BIN, Test};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o7777
}

fn set_mode(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// Runs hrpolicy under `umask` in the test's folder, and requires success.
fn run_with_umask(t: &Test, umask: &str, args: &[&str]) {
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!("umask {umask} && exec \"$0\" \"$@\""))
        .arg(BIN)
        .args(args)
        .current_dir(t.dir.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "hrpolicy {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

const BUILD: &[&str] = &[
    "build",
    "--answers",
    "answers.yaml",
    "--out",
    "out",
    "--format",
    "md,html",
];

#[test]
fn outputs_get_0666_less_the_umask() {
    for (umask, expected) in [
        ("022", 0o644),
        ("027", 0o640),
        ("002", 0o664),
        ("077", 0o600),
    ] {
        let t = Test::new().file("answers.yaml", ANSWERS);
        run_with_umask(&t, umask, BUILD);
        for file in ["handbook.md", "handbook.html", ".hrpolicy-manifest.json"] {
            let got = mode(&t.path("out").join(file));
            assert_eq!(got, expected, "umask {umask}: {file} is {got:o}");
        }
    }
}

#[test]
fn a_rebuilt_output_keeps_the_mode_it_was_given() {
    let t = Test::new().file("answers.yaml", ANSWERS);
    run_with_umask(&t, "022", BUILD);
    set_mode(&t.path("out/handbook.html"), 0o664);
    set_mode(&t.path("out/handbook.md"), 0o600);
    let changed = ANSWERS.replace("Test Network", "Other Network");
    std::fs::write(t.path("answers.yaml"), changed).unwrap();
    run_with_umask(&t, "077", BUILD);
    assert!(t.read("out/handbook.md").contains("Other Network"));
    assert_eq!(mode(&t.path("out/handbook.html")), 0o664);
    assert_eq!(mode(&t.path("out/handbook.md")), 0o600);
    // The manifest, first written under umask 022, is not narrowed by this run's 077.
    assert_eq!(mode(&t.path("out/.hrpolicy-manifest.json")), 0o644);
}

#[test]
fn the_decisions_file_gets_the_umask_mode_then_keeps_its_own() {
    let t = Test::new().file("answers.yaml", ANSWERS);
    let review = &["review", "--answers", "answers.yaml", "--out", "review"];
    run_with_umask(&t, "027", review);
    for file in ["decisions.yaml", "review.md"] {
        assert_eq!(mode(&t.path("review").join(file)), 0o640, "{file}");
    }
    set_mode(&t.path("review/decisions.yaml"), 0o600);
    run_with_umask(&t, "022", review);
    assert_eq!(mode(&t.path("review/decisions.yaml")), 0o600);
}

#[test]
fn the_answers_file_gets_a_plain_write_mode_then_keeps_its_own() {
    let (library, _) = hrpolicy::library::load::load(&[]).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain");
    std::fs::write(&plain, "x").unwrap();
    let path = dir.path().join("answers.yaml");
    let mut loaded = hrpolicy::inputs::LoadedAnswers::empty(&library, &path);
    loaded.save(&library).unwrap();
    assert_eq!(mode(&path), mode(&plain));
    set_mode(&path, 0o600);
    loaded.save(&library).unwrap();
    assert_eq!(mode(&path), 0o600);
}
