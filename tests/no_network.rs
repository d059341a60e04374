//! Nothing leaves the machine: no crate in hrpolicy's dependency tree can open a network
//! connection. Checked with `cargo tree` against a list of networking crates.
use std::process::Command;

/// HTTP clients and servers, async runtimes and their I/O layers, TLS, WebSockets.
const DENIED: &[&str] = &[
    "reqwest",
    "hyper",
    "ureq",
    "curl",
    "isahc",
    "surf",
    "attohttpc",
    "tokio",
    "async-std",
    "native-tls",
    "rustls",
    "openssl",
    "h2",
    "socket2",
    "mio",
    "tungstenite",
];

/// The crate names of `cargo tree` lines: `name v1.2.3 (extra)`.
fn crate_names(tree: &str) -> Vec<&str> {
    tree.lines()
        .filter_map(|line| line.split_whitespace().next())
        .collect()
}

#[test]
fn the_dependency_tree_holds_no_networking_crate() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = match Command::new(&cargo)
        .args(["tree", "-e", "normal", "--prefix", "none"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
    {
        Ok(out) => out,
        Err(e) => {
            eprintln!("skipped: cannot run `{cargo} tree` ({e}); the dependency check needs cargo");
            return;
        }
    };
    assert!(
        out.status.success(),
        "`cargo tree` failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tree = String::from_utf8_lossy(&out.stdout);
    let names = crate_names(&tree);
    assert!(
        names.contains(&"hrpolicy") && names.contains(&"typst"),
        "unexpected `cargo tree` output:\n{tree}"
    );
    let found: Vec<&str> = DENIED
        .iter()
        .copied()
        .filter(|denied| names.contains(denied))
        .collect();
    assert!(
        found.is_empty(),
        "networking crates in the dependency tree: {found:?} (see `cargo tree -e normal -i {}`)",
        found[0]
    );
}

#[test]
fn crate_names_are_read_from_tree_lines() {
    let tree = "hrpolicy v0.1.0 (/work)\ntokio v1.0.0\nserde v1.0.229 (*)\n";
    assert_eq!(crate_names(tree), ["hrpolicy", "tokio", "serde"]);
}
