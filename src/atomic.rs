//! Files written whole or not at all, and their hashes. A leaf: the answers file, the
//! decisions file and every output go through it. A new file gets the mode a plain write
//! would give it (0666 less the umask); a replaced file keeps its mode. Its one test
//! hook, `HRPOLICY_TEST_STOP_AT`, is inert unless set (see `test_hook`).
use anyhow::Context as _;
use sha2::{Digest, Sha256};
use std::fs::Permissions;
use std::io::Write;
use std::path::Path;
use tempfile::NamedTempFile;

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename,
/// so a reader never sees half a file, with the mode a plain write would leave. `durable` also flushes it to disk first: for what
/// the user wrote (answers); generated output can be rebuilt and skips that cost.
pub fn write_atomic(path: &Path, bytes: &[u8], durable: bool) -> anyhow::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if let Err(e) = std::fs::create_dir_all(dir) {
        if dir.is_file() {
            anyhow::bail!(
                "cannot write into {}: it is a file, not a folder (name a folder to write into)",
                dir.display()
            );
        }
        return Err(e).with_context(|| format!("cannot create folder {}", dir.display()));
    }
    let replaced = std::fs::metadata(path).ok().map(|m| m.permissions());
    let mut tmp = temp_file_in(dir, replaced)
        .with_context(|| format!("cannot write in {}", dir.display()))?;
    tmp.write_all(bytes)
        .with_context(|| format!("cannot write {}", path.display()))?;
    if durable {
        tmp.as_file().sync_all().ok();
    }
    test_hook::write_point("before renaming to", path);
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("cannot write {}", path.display()))?;
    test_hook::write_point("after renaming to", path);
    Ok(())
}

/// Temporary files are hidden and say whose they are: `.hrpolicy-XXXXXX.tmp`. One is
/// left behind only if the process is killed between writing and renaming it.
pub const TEMP_PREFIX: &str = ".hrpolicy-";
pub const TEMP_SUFFIX: &str = ".tmp";

fn temp_builder() -> tempfile::Builder<'static, 'static> {
    let mut b = tempfile::Builder::new();
    b.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
    b
}

/// A test hook for crash safety; it does nothing unless `HRPOLICY_TEST_STOP_AT` is set.
/// Every whole-file write passes two points: its temporary file is complete but not yet
/// renamed, and it has been renamed into place. With `HRPOLICY_TEST_STOP_AT=N` the process
/// prints `hrpolicy test hook: stopped at write point N` to standard error at the Nth
/// point and then sleeps for ever, so a test can kill it (SIGKILL) exactly there and check
/// that every file is either as it was or complete (tests/crash_safety.rs).
mod test_hook {
    use std::path::Path;
    use std::sync::OnceLock;
    use std::sync::atomic::{AtomicUsize, Ordering};

    pub const VAR: &str = "HRPOLICY_TEST_STOP_AT";
    static STOP_AT: OnceLock<Option<usize>> = OnceLock::new();
    static PASSED: AtomicUsize = AtomicUsize::new(0);

    pub fn write_point(when: &str, path: &Path) {
        let stop_at = *STOP_AT.get_or_init(|| std::env::var(VAR).ok()?.parse().ok());
        let Some(stop_at) = stop_at else { return };
        let n = PASSED.fetch_add(1, Ordering::SeqCst) + 1;
        if n == stop_at {
            eprintln!(
                "hrpolicy test hook: stopped at write point {n}, {when} {}",
                path.display()
            );
            loop {
                std::thread::sleep(std::time::Duration::from_secs(3600));
            }
        }
    }
}

/// A temporary file in `dir` with the mode the finished file should have: that of the
/// file it replaces (`replaced`), or for a new file 0666 less the umask, as `open` gives.
#[cfg(unix)]
fn temp_file_in(dir: &Path, replaced: Option<Permissions>) -> std::io::Result<NamedTempFile> {
    use std::os::unix::fs::PermissionsExt;
    match replaced {
        Some(old) => {
            // Created private, then given the old mode before any content goes in.
            let tmp = temp_builder().tempfile_in(dir)?;
            let mode = old.mode() & 0o777;
            tmp.as_file()
                .set_permissions(Permissions::from_mode(mode))?;
            Ok(tmp)
        }
        None => temp_builder()
            .permissions(Permissions::from_mode(0o666))
            .tempfile_in(dir),
    }
}

#[cfg(not(unix))]
fn temp_file_in(dir: &Path, _replaced: Option<Permissions>) -> std::io::Result<NamedTempFile> {
    temp_builder().tempfile_in(dir)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
    }

    #[test]
    fn a_new_file_gets_the_mode_of_a_plain_write() {
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("plain.md");
        std::fs::write(&plain, "x").unwrap();
        for durable in [false, true] {
            let ours = dir.path().join(format!("ours-{durable}.md"));
            write_atomic(&ours, b"x", durable).unwrap();
            assert_eq!(mode(&ours), mode(&plain), "{:o}", mode(&ours));
        }
        // Not the temporary file's private 0600, unless the umask says so.
        assert_eq!(mode(&plain) & 0o600, 0o600);
    }

    #[test]
    fn a_replaced_file_keeps_its_mode() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("answers.yaml");
        for wanted in [0o600, 0o640, 0o664, 0o604, 0o444] {
            std::fs::write(&path, "old").unwrap();
            std::fs::set_permissions(&path, Permissions::from_mode(wanted)).unwrap();
            write_atomic(&path, b"new", true).unwrap();
            assert_eq!(mode(&path), wanted, "{:o} became {:o}", wanted, mode(&path));
            assert_eq!(std::fs::read(&path).unwrap(), b"new");
            std::fs::remove_file(&path).unwrap();
        }
    }
}
