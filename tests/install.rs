//! Installing: shell completion scripts and the man page name every subcommand.
mod common;
use clap::CommandFactory;
use common::Test;

/// The subcommands as the command line defines them (a new one is covered by itself).
fn subcommands() -> Vec<String> {
    let names: Vec<String> = hrpolicy::cli::Cli::command()
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for expected in [
        "new",
        "build",
        "check",
        "list",
        "review",
        "completions",
        "man",
    ] {
        assert!(names.iter().any(|n| n == expected), "{names:?}");
    }
    names
}

#[test]
fn each_shells_completion_script_knows_every_subcommand() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let r = Test::new().args(&["completions", shell]).ok();
        assert!(r.stderr.is_empty(), "{shell}: {}", r.stderr);
        assert!(r.stdout.contains("hrpolicy"), "{shell}");
        for sub in subcommands() {
            assert!(
                r.stdout.contains(&sub),
                "the {shell} script does not mention `{sub}`"
            );
        }
        // Options of a subcommand are completed too (fish writes `-l answers`).
        assert!(r.stdout.contains("answers"), "{shell}");
    }
}

#[test]
fn the_bash_script_is_valid_bash() {
    let script = Test::new().args(&["completions", "bash"]).ok().stdout;
    let checked = std::process::Command::new("bash")
        .args(["-n", "-c", &script])
        .output();
    match checked {
        Ok(out) => assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(e) => eprintln!("skipped: cannot run bash ({e})"),
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let r = Test::new().args(&["completions", "tcsh"]).fails(2);
    assert!(
        r.stderr
            .contains("[possible values: bash, zsh, fish, powershell]"),
        "{}",
        r.stderr
    );
}

#[test]
fn the_man_page_names_every_subcommand_and_the_exit_codes() {
    let page = Test::new().args(&["man"]).ok().stdout;
    assert!(page.contains(".TH hrpolicy 1"), "{page}");
    assert!(page.contains("\n.SH SYNOPSIS\n"), "{page}");
    for sub in subcommands() {
        assert!(
            page.contains(&format!("\\fBhrpolicy {sub}\\fR")),
            "the man page does not list `{sub}`"
        );
        if sub != "help" {
            let section = format!(".SH \"HRPOLICY {}\"", sub.to_uppercase());
            assert!(page.contains(&section), "no section {section}");
        }
    }
    // Options of subcommands, with roff's escaped hyphens.
    assert!(page.contains("\\fB\\-\\-answers\\fR"), "{page}");
    assert!(page.contains(".SH \"EXIT STATUS\"\n"), "{page}");
    assert!(page.contains("\n65\nbad input data"), "{page}");
}

#[test]
fn the_man_page_renders_without_warnings() {
    let t = Test::new();
    std::fs::write(t.path("hrpolicy.1"), Test::new().args(&["man"]).ok().stdout).unwrap();
    let Ok(out) = std::process::Command::new("groff")
        .args(["-man", "-Tutf8", "-k", "-ww", "-z"])
        .arg(t.path("hrpolicy.1"))
        .output()
    else {
        eprintln!("skipped: no groff to render the man page with");
        return;
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && stderr.is_empty(), "{stderr}");
}
