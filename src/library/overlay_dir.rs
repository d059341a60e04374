//! Reading an overlay folder (`--library DIR`): every library file under it, never one
//! outside it. A symbolic link that leads out of the folder is refused, a link back into
//! a folder already read is not followed twice, and each file is read as
//! [`crate::input_file`] allows (size, UTF-8, byte-order mark).
use super::SourceFile;
use crate::diagnostics::Diagnostic;
use crate::hash::HashSet;
use crate::input_file::{ReadFailure, read_text};
use std::path::{Path, PathBuf};

/// The library files under `root`, as (path relative to `root`, file), in name order.
pub fn read_overlay(root: &Path) -> Result<Vec<(String, SourceFile)>, Vec<Diagnostic>> {
    let folder = root.display().to_string();
    let refuse =
        |message: String| {
            vec![Diagnostic::error(&folder, None, message).with_help(
                "give `--library` a folder that holds sections/, countries/ or templates/",
            )]
        };
    let real = root
        .canonicalize()
        .map_err(|e| refuse(format!("cannot read the library folder: {e}")))?;
    if !real.is_dir() {
        return Err(refuse("this is not a folder".into()));
    }
    let mut walk = Walk {
        root,
        real: real.clone(),
        seen: HashSet::from_iter([real]),
        found: Vec::new(),
        problems: Vec::new(),
    };
    walk.folder(root);
    if walk.problems.is_empty() {
        Ok(walk.found)
    } else {
        Err(walk.problems)
    }
}

struct Walk<'a> {
    root: &'a Path,
    /// The root with every link resolved: nothing may lead outside it.
    real: PathBuf,
    /// Folders already read, resolved, so that a link loop ends.
    seen: HashSet<PathBuf>,
    found: Vec<(String, SourceFile)>,
    problems: Vec<Diagnostic>,
}

impl Walk<'_> {
    fn folder(&mut self, dir: &Path) {
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => return self.problem(dir, format!("cannot read this folder: {e}"), PERMS),
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            let link = path.symlink_metadata().is_ok_and(|m| m.is_symlink());
            let real = match path.canonicalize() {
                Ok(real) => real,
                Err(e) if link => {
                    self.problem(
                        &path,
                        format!("this link leads nowhere: {e}"),
                        "remove the link or fix where it points",
                    );
                    continue;
                }
                Err(e) => {
                    self.problem(&path, format!("cannot read this: {e}"), PERMS);
                    continue;
                }
            };
            if !real.starts_with(&self.real) {
                self.problem(
                    &path,
                    format!(
                        "this link leads out of the library folder, to {}",
                        real.display()
                    ),
                    "copy the file into the library folder instead of linking to it",
                );
            } else if real.is_dir() {
                if self.seen.insert(real) {
                    self.folder(&path);
                }
            } else if path.extension().is_some_and(|e| {
                e == "yaml" || e == "yml" || e == "tera" || e == "css" || e == "js"
            }) {
                self.file(&path);
            }
        }
    }

    fn file(&mut self, path: &Path) {
        let name = path.display().to_string();
        match read_text(path, &name) {
            Ok(text) => {
                let rel = path
                    .strip_prefix(self.root)
                    .unwrap_or(path)
                    .to_string_lossy()
                    .replace('\\', "/");
                let file = SourceFile {
                    name,
                    text: text.into(),
                    overlay: true,
                    json: None,
                };
                self.found.push((rel, file));
            }
            Err(ReadFailure::Io(e)) => {
                self.problem(path, format!("cannot read this file: {e}"), PERMS)
            }
            Err(ReadFailure::Refused(d)) => self.problems.push(*d),
        }
    }

    fn problem(&mut self, path: &Path, message: String, help: &str) {
        self.problems
            .push(Diagnostic::error(&path.display().to_string(), None, message).with_help(help));
    }
}

const PERMS: &str = "check that you may read it";

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn names(root: &Path) -> Vec<String> {
        read_overlay(root)
            .unwrap()
            .into_iter()
            .map(|(rel, _)| rel)
            .collect()
    }

    #[test]
    fn links_inside_are_followed_once_and_links_out_refused() {
        let dir = tempfile::tempdir().unwrap();
        let lib = dir.path().join("lib");
        std::fs::create_dir_all(lib.join("sections")).unwrap();
        std::fs::write(lib.join("sections/50-a.yaml"), "id: a\n").unwrap();
        std::fs::write(lib.join("notes.txt"), "not read").unwrap();
        // A loop back to the root, and a link to a file inside: both fine.
        symlink("..", lib.join("sections/loop")).unwrap();
        symlink("50-a.yaml", lib.join("sections/51-b.yaml")).unwrap();
        assert_eq!(names(&lib), ["sections/50-a.yaml", "sections/51-b.yaml"]);

        std::fs::write(dir.path().join("outside.yaml"), "secret: 1\n").unwrap();
        symlink("../../outside.yaml", lib.join("sections/52-c.yaml")).unwrap();
        symlink("/", lib.join("countries")).unwrap();
        symlink("missing.yaml", lib.join("sections/53-d.yaml")).unwrap();
        let problems: Vec<String> = read_overlay(&lib)
            .unwrap_err()
            .iter()
            .map(|d| {
                let real = dir.path().canonicalize().unwrap();
                d.headline()
                    .replace(&real.display().to_string(), "T")
                    .replace(&dir.path().display().to_string(), "T")
            })
            .collect();
        assert_eq!(
            problems,
            [
                "T/lib/countries: this link leads out of the library folder, to /",
                "T/lib/sections/52-c.yaml: this link leads out of the library folder, to T/outside.yaml",
                "T/lib/sections/53-d.yaml: this link leads nowhere: No such file or directory (os error 2)",
            ]
        );
    }

    #[test]
    fn a_missing_folder_or_a_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope");
        let d = &read_overlay(&missing).unwrap_err()[0];
        assert!(
            d.headline().ends_with(
                "nope: cannot read the library folder: No such file or directory (os error 2)"
            ),
            "{}",
            d.headline()
        );
        std::fs::write(&missing, "").unwrap();
        let d = &read_overlay(&missing).unwrap_err()[0];
        assert!(
            d.headline().ends_with("nope: this is not a folder"),
            "{}",
            d.headline()
        );
    }
}
