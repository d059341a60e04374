//! Embeds `policy-library/` and `templates/` (YAML, Tera, CSS and the review page's
//! script) into the binary: a generated list of
//! `(relative path, text, pre-parsed JSON)` for every file. The JSON form of each YAML
//! file lets the binary load its built-in library without a YAML parse; the YAML text is
//! kept for positions in messages (and is parsed after all if the JSON is refused).
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, root: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, root, out);
        } else if path
            .extension()
            .is_some_and(|e| e == "yaml" || e == "tera" || e == "css" || e == "js")
        {
            out.push(path.strip_prefix(root).expect("under root").to_path_buf());
        }
    }
}

fn embed(name: &str, dir: &str, code: &mut String, out_dir: &Path) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    println!("cargo:rerun-if-changed={dir}");
    let mut files = Vec::new();
    collect(&root, &root, &mut files);
    writeln!(code, "pub static {name}: &[(&str, &str, &str)] = &[").unwrap();
    for (i, file) in files.iter().enumerate() {
        let rel = file.to_string_lossy().replace('\\', "/");
        let abs = root.join(file);
        println!("cargo:rerun-if-changed={}", abs.display());
        // YAML that does not convert stays empty here; the loader then reports its error.
        let json = if rel.ends_with(".yaml") {
            let text = std::fs::read_to_string(&abs).unwrap();
            serde_yaml::from_str::<serde_json::Value>(&text)
                .map(|v| v.to_string())
                .unwrap_or_default()
        } else {
            String::new()
        };
        let json_path = out_dir.join(format!("{name}-{i}.json"));
        std::fs::write(&json_path, json).unwrap();
        writeln!(
            code,
            "    ({rel:?}, include_str!({:?}), include_str!({:?})),",
            abs.display().to_string(),
            json_path.display().to_string()
        )
        .unwrap();
    }
    writeln!(code, "];").unwrap();
}

fn main() {
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    let mut code = String::new();
    embed("LIBRARY", "policy-library", &mut code, &out_dir);
    embed("TEMPLATES", "templates", &mut code, &out_dir);
    std::fs::write(out_dir.join("embedded.rs"), code).unwrap();
    link_without_pie();
}

/// Links the `hrpolicy` executable as a position-dependent one on Linux. typst's tables
/// make a position-independent executable carry about 100,000 relocations, which the
/// loader applies on every start by writing 1.8 MB of pages: about 3 ms of each run,
/// a third of the build budget (docs/PERFORMANCE.md). Shared libraries, the heap and the
/// stack are still placed at random addresses.
fn link_without_pie() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
