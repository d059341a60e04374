//! Writing output: every file atomically, and never over a file the user has edited
//! since hrpolicy wrote it (a manifest records what was written), unless forced.
pub use crate::atomic::{sha256_hex, write_atomic};
use crate::error::{Failure, Result};
use anyhow::Context as _;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// The manifest's file name inside an output folder.
pub const MANIFEST: &str = ".hrpolicy-manifest.json";

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct Manifest {
    /// The hrpolicy that wrote the files.
    pub generator: String,
    /// File name to the SHA-256 of the content hrpolicy wrote.
    pub files: BTreeMap<String, String>,
    /// The language of the handbook written here, for `hrpolicy diff` (empty in manifests
    /// of earlier versions).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub lang: String,
    /// The handbook's version and date (`2026-11-30`), for the change notice's subtitle;
    /// empty in manifests of earlier versions.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub version: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub date: String,
    /// The clauses of the handbook written here, for `hrpolicy diff`.
    pub clauses: Vec<ClauseRecord>,
    /// Files being written when this was saved, with their new content's hash: only a
    /// run killed midway leaves any. What it wrote is hrpolicy's, and the next run says so.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub writing: BTreeMap<String, String>,
}

/// One clause as it appears in a built handbook.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct ClauseRecord {
    pub id: String,
    pub number: String,
    pub title: String,
    pub text: String,
}

/// What a build records of its handbook, for `hrpolicy diff`.
pub struct HandbookRecord<'a> {
    pub lang: &'a str,
    pub version: &'a str,
    pub date: String,
    pub clauses: &'a [ClauseRecord],
}

/// Writes `files` (name, content) into `dir`. Stops before writing anything if a file
/// exists that hrpolicy did not write, or that was changed since, unless `force`.
/// Killed at any point, each file is as it was or complete, and the manifest still knows
/// both versions as hrpolicy's: it names the files about to change before they do.
pub fn write_outputs(
    dir: &Path,
    files: &[(String, Vec<u8>)],
    force: bool,
    handbook: Option<&HandbookRecord>,
) -> Result<()> {
    let manifest_path = dir.join(MANIFEST);
    let old_manifest = std::fs::read(&manifest_path).unwrap_or_default();
    let mut manifest = read_manifest(&old_manifest, handbook.is_none());
    // A run killed while writing: what it finished writing is hrpolicy's.
    for (name, hash) in std::mem::take(&mut manifest.writing) {
        if std::fs::read(dir.join(&name)).is_ok_and(|bytes| same_content(&hash, &bytes)) {
            manifest.files.insert(name, hash);
        }
    }
    let mut conflicts = Vec::new();
    let mut changing = BTreeMap::new();
    for (name, content) in files {
        let path = dir.join(name);
        let Ok(existing) = std::fs::read(&path) else {
            changing.insert(name.clone(), content_hash(content));
            continue;
        };
        if existing != *content {
            changing.insert(name.clone(), content_hash(content));
        }
        // Unchanged content needs no hashing; otherwise the manifest says whether it is ours.
        let ours = || {
            manifest
                .files
                .get(name)
                .is_some_and(|h| same_content(h, &existing))
        };
        if existing != *content && !force && !ours() {
            conflicts.push(path.display().to_string());
        }
    }
    if !conflicts.is_empty() {
        return Err(Failure::WouldOverwrite { files: conflicts });
    }
    if !changing.is_empty() {
        manifest.writing = changing;
        save_manifest(&manifest_path, &manifest)?;
    }
    for (name, content) in files {
        // A file that already holds this content is left as it is (and keeps its time).
        let hash = match manifest.writing.remove(name) {
            Some(hash) => {
                write_atomic(&dir.join(name), content, false)?;
                hash
            }
            None => content_hash(content),
        };
        manifest.files.insert(name.clone(), hash);
    }
    manifest.generator = format!("hrpolicy {}", env!("CARGO_PKG_VERSION"));
    // A review pack or change notice written here leaves the handbook's record alone.
    if let Some(record) = handbook {
        manifest.lang = record.lang.to_string();
        manifest.version = record.version.to_string();
        manifest.date = record.date.clone();
        manifest.clauses = record.clauses.to_vec();
    }
    let text = manifest_text(&manifest)?;
    if text.as_bytes() != old_manifest {
        write_atomic(&manifest_path, text.as_bytes(), false)?;
    }
    Ok(())
}

/// The manifest in `bytes` (empty if there is none or it cannot be read). A build that
/// records a new handbook replaces everything but the files' hashes, so it reads only
/// those: the old clause texts are skipped unread (a third of a translated build's
/// writing time went to checking and copying them).
fn read_manifest(bytes: &[u8], whole: bool) -> Manifest {
    #[derive(Default, Deserialize)]
    #[serde(default)]
    struct Hashes {
        files: BTreeMap<String, String>,
        writing: BTreeMap<String, String>,
    }
    if whole {
        return serde_json::from_slice(bytes).unwrap_or_default();
    }
    let hashes: Hashes = serde_json::from_slice(bytes).unwrap_or_default();
    Manifest {
        files: hashes.files,
        writing: hashes.writing,
        ..Manifest::default()
    }
}

/// JSON: what hrpolicy wrote here (to protect your edits) and the clauses (for `diff`).
fn save_manifest(path: &Path, manifest: &Manifest) -> Result<()> {
    write_atomic(path, manifest_text(manifest)?.as_bytes(), false)?;
    Ok(())
}

fn manifest_text(manifest: &Manifest) -> Result<String> {
    Ok(serde_json::to_string_pretty(manifest).context("cannot record the manifest")?)
}

/// The manifest's record of a file's content: a fast, stable 128-bit hash (it only has
/// to tell whether someone edited the file since hrpolicy wrote it).
pub fn content_hash(bytes: &[u8]) -> String {
    format!("xxh3:{:032x}", xxhash_rust::xxh3::xxh3_128(bytes))
}

/// Whether `bytes` are the content recorded as `recorded` (an `xxh3:` hash, or the plain
/// SHA-256 that manifests of earlier versions hold).
fn same_content(recorded: &str, bytes: &[u8]) -> bool {
    match recorded.strip_prefix("xxh3:") {
        Some(_) => recorded == content_hash(bytes),
        None => recorded == sha256_hex(bytes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_its_own_output_but_not_edited_files() {
        let dir = tempfile::tempdir().unwrap();
        let files = vec![("a.md".to_string(), b"one".to_vec())];
        write_outputs(dir.path(), &files, false, None).unwrap();
        let files2 = vec![("a.md".to_string(), b"two".to_vec())];
        write_outputs(dir.path(), &files2, false, None).unwrap();
        assert_eq!(std::fs::read(dir.path().join("a.md")).unwrap(), b"two");
        std::fs::write(dir.path().join("a.md"), b"edited").unwrap();
        let err = write_outputs(dir.path(), &files, false, None).unwrap_err();
        assert!(matches!(err, Failure::WouldOverwrite { .. }));
        assert_eq!(std::fs::read(dir.path().join("a.md")).unwrap(), b"edited");
        write_outputs(dir.path(), &files, true, None).unwrap();
        assert_eq!(std::fs::read(dir.path().join("a.md")).unwrap(), b"one");
    }

    #[test]
    fn a_manifest_of_an_earlier_version_still_protects_and_frees_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), b"one").unwrap();
        let old = format!(
            "{{\"generator\": \"hrpolicy 0.1.0\", \"files\": {{\"a.md\": \"{}\"}}}}",
            sha256_hex(b"one")
        );
        std::fs::write(dir.path().join(MANIFEST), old).unwrap();
        let files = vec![("a.md".to_string(), b"two".to_vec())];
        write_outputs(dir.path(), &files, false, None).unwrap();
        assert_eq!(std::fs::read(dir.path().join("a.md")).unwrap(), b"two");
    }

    #[test]
    fn what_a_killed_run_wrote_is_still_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let one = vec![("a.md".to_string(), b"one".to_vec())];
        write_outputs(dir.path(), &one, false, None).unwrap();
        // Killed after writing a.md anew but before recording it: the manifest written
        // first names it.
        let manifest: Manifest = serde_json::from_str(&format!(
            "{{\"files\": {{\"a.md\": \"{}\"}}, \"writing\": {{\"a.md\": \"{}\"}}}}",
            content_hash(b"one"),
            content_hash(b"two")
        ))
        .unwrap();
        std::fs::write(
            dir.path().join(MANIFEST),
            serde_json::to_string(&manifest).unwrap(),
        )
        .unwrap();
        std::fs::write(dir.path().join("a.md"), b"two").unwrap();
        write_outputs(dir.path(), &one, false, None).unwrap();
        assert_eq!(std::fs::read(dir.path().join("a.md")).unwrap(), b"one");
        let text = std::fs::read_to_string(dir.path().join(MANIFEST)).unwrap();
        assert!(!text.contains("writing"), "{text}");
    }

    #[test]
    fn unchanged_files_are_not_written_again() {
        let dir = tempfile::tempdir().unwrap();
        let files = vec![
            ("a.md".to_string(), b"one".to_vec()),
            ("b.md".to_string(), b"two".to_vec()),
        ];
        write_outputs(dir.path(), &files, false, None).unwrap();
        let stamp = |name: &str| {
            std::fs::metadata(dir.path().join(name))
                .unwrap()
                .modified()
                .unwrap()
        };
        let past = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1 << 30);
        for name in ["a.md", "b.md", MANIFEST] {
            let f = std::fs::File::options()
                .write(true)
                .open(dir.path().join(name))
                .unwrap();
            f.set_modified(past).unwrap();
        }
        let changed = vec![
            ("a.md".to_string(), b"one".to_vec()),
            ("b.md".to_string(), b"three".to_vec()),
        ];
        write_outputs(dir.path(), &changed, false, None).unwrap();
        assert_eq!(stamp("a.md"), past, "an unchanged file was written again");
        assert_ne!(stamp("b.md"), past);
        assert_eq!(std::fs::read(dir.path().join("b.md")).unwrap(), b"three");
        // Nothing changed: the manifest is not written either.
        let manifest = std::fs::read(dir.path().join(MANIFEST)).unwrap();
        std::fs::File::options()
            .write(true)
            .open(dir.path().join(MANIFEST))
            .unwrap()
            .set_modified(past)
            .unwrap();
        write_outputs(dir.path(), &changed, false, None).unwrap();
        assert_eq!(stamp(MANIFEST), past);
        assert_eq!(std::fs::read(dir.path().join(MANIFEST)).unwrap(), manifest);
    }

    #[test]
    fn a_file_it_never_wrote_is_protected() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), b"mine").unwrap();
        let files = vec![("a.md".to_string(), b"one".to_vec())];
        assert!(write_outputs(dir.path(), &files, false, None).is_err());
    }

    /// A build reads only the old manifest's file hashes (it replaces the rest): edited
    /// files stay protected, and a review pack written between two builds neither loses
    /// nor keeps a stale handbook record.
    #[test]
    fn a_build_keeps_the_hashes_and_replaces_the_handbook_record() {
        let dir = tempfile::tempdir().unwrap();
        let clause = |id: &str, text: &str| ClauseRecord {
            id: id.into(),
            number: "1.1".into(),
            title: "T".into(),
            text: text.into(),
        };
        let record = |clauses| HandbookRecord {
            lang: "uk",
            version: "2",
            date: "2026-11-30".into(),
            clauses,
        };
        let manifest = |dir: &Path| -> Manifest {
            serde_json::from_slice(&std::fs::read(dir.join(MANIFEST)).unwrap()).unwrap()
        };
        let handbook = vec![("handbook.md".to_string(), b"one".to_vec())];
        let first = [clause("x", "Старий текст")];
        write_outputs(dir.path(), &handbook, false, Some(&record(&first))).unwrap();
        // A review pack written into the same folder keeps the handbook's record whole.
        let pack = vec![("review.html".to_string(), b"pack".to_vec())];
        write_outputs(dir.path(), &pack, false, None).unwrap();
        assert_eq!(manifest(dir.path()).clauses, first);
        // An edited handbook is still protected from the next build.
        std::fs::write(dir.path().join("handbook.md"), b"edited").unwrap();
        let second = [clause("y", "Новий текст")];
        let next = vec![("handbook.md".to_string(), b"two".to_vec())];
        let err = write_outputs(dir.path(), &next, false, Some(&record(&second))).unwrap_err();
        assert!(matches!(err, Failure::WouldOverwrite { .. }));
        assert_eq!(manifest(dir.path()).clauses, first);
        // Put back, it is hrpolicy's again; both files stay known and the record is new.
        std::fs::write(dir.path().join("handbook.md"), b"one").unwrap();
        write_outputs(dir.path(), &next, false, Some(&record(&second))).unwrap();
        let m = manifest(dir.path());
        assert_eq!(m.clauses, second);
        assert_eq!((m.lang.as_str(), m.version.as_str()), ("uk", "2"));
        assert!(m.files.contains_key("review.html") && m.files.contains_key("handbook.md"));
        std::fs::write(dir.path().join("review.html"), b"edited").unwrap();
        let err = write_outputs(dir.path(), &pack, false, Some(&record(&second))).unwrap_err();
        assert!(matches!(err, Failure::WouldOverwrite { .. }));
    }
}
