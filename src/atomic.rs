//! Files written whole or not at all, and their hashes. A leaf: the answers file, the
//! decisions file and every output go through it.
use anyhow::Context as _;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::Path;

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename,
/// so a reader never sees half a file. `durable` also flushes it to disk first: for what
/// the user wrote (answers); generated output can be rebuilt and skips that cost.
pub fn write_atomic(path: &Path, bytes: &[u8], durable: bool) -> anyhow::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create folder {}", dir.display()))?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("cannot write in {}", dir.display()))?;
    tmp.write_all(bytes)
        .with_context(|| format!("cannot write {}", path.display()))?;
    if durable {
        tmp.as_file().sync_all().ok();
    }
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}
