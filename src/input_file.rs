//! Reading a file a person wrote (answers, decisions, an overlay) as text: at most
//! [`MAX_BYTES`], UTF-8 (a byte-order mark is dropped). A refusal names the file, the
//! place and the fix. What the YAML inside may hold is [`crate::yaml_guard`]'s concern.
use crate::diagnostics::{Diagnostic, pos_of_offset};
use std::io::Read;
use std::path::Path;

/// The largest file hrpolicy reads: far above any real answers, decisions or library
/// file (50,000 clauses take about 17 MB), far below what would exhaust memory.
pub const MAX_BYTES: u64 = 32 * 1024 * 1024;

/// Why a file could not be read.
#[derive(Debug)]
pub enum ReadFailure {
    /// The file system refused (missing file, a folder, no permission): the caller says
    /// what the file was for.
    Io(std::io::Error),
    /// The file was read, and is not something hrpolicy accepts.
    Refused(Box<Diagnostic>),
}

/// Reads `path` (called `name` in messages) as text.
pub fn read_text(path: &Path, name: &str) -> Result<String, ReadFailure> {
    // `size`: the file's size, when the file system knows it.
    let too_big = |size: Option<u64>| {
        let limit = megabytes(MAX_BYTES);
        let message = match size {
            Some(size) => format!(
                "the file is {}; hrpolicy reads files of at most {limit}",
                megabytes(size)
            ),
            None => format!("the file is larger than {limit}, the most hrpolicy reads"),
        };
        ReadFailure::Refused(Box::new(
            Diagnostic::error(name, None, message)
            .with_help(
                "check that this is the file you meant (a large library can be split over several files)",
            ),
        ))
    };
    let file = std::fs::File::open(path).map_err(ReadFailure::Io)?;
    let size = file.metadata().map_err(ReadFailure::Io)?.len();
    if size > MAX_BYTES {
        return Err(too_big(Some(size)));
    }
    // A file that grows, or a device (/dev/zero), stops at the limit too.
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadFailure::Io)?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(too_big(None));
    }
    if bytes.starts_with(b"\xff\xfe") || bytes.starts_with(b"\xfe\xff") {
        return Err(ReadFailure::Refused(Box::new(
            Diagnostic::error(name, None, "this is UTF-16 text, not UTF-8")
                .with_help("save the file as UTF-8 (your editor's \"encoding\" setting)"),
        )));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let at = e.utf8_error().valid_up_to();
        let prefix = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
        let lossy = String::from_utf8_lossy(bytes);
        ReadFailure::Refused(Box::new(
            Diagnostic::error(
                name,
                Some(pos_of_offset(prefix, at)),
                format!("this is not UTF-8 text (byte 0x{:02x})", bytes[at]),
            )
            .with_source(lossy.strip_prefix('\u{feff}').unwrap_or(&lossy))
            .with_help("save the file as UTF-8 (your editor's \"encoding\" setting)"),
        ))
    })?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

/// A size as people read it: `60.0 MB`, `32 MB`.
fn megabytes(bytes: u64) -> String {
    let mb = bytes as f64 / (1024.0 * 1024.0);
    if mb.fract() == 0.0 {
        format!("{mb:.0} MB")
    } else {
        format!("{mb:.1} MB")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_is_dropped_and_bad_bytes_are_placed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        std::fs::write(&path, b"\xef\xbb\xbfa: 1\n").unwrap();
        assert_eq!(read_text(&path, "a.yaml").unwrap(), "a: 1\n");
        std::fs::write(&path, b"a: 1\nb: caf\xe9\n").unwrap();
        let Err(ReadFailure::Refused(d)) = read_text(&path, "a.yaml") else {
            panic!("accepted")
        };
        assert_eq!(
            d.headline(),
            "a.yaml:2:7: this is not UTF-8 text (byte 0xe9)"
        );
    }

    #[test]
    fn files_above_the_limit_are_refused_unread() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.yaml");
        let file = std::fs::File::create(&path).unwrap();
        file.set_len(60 * 1024 * 1024).unwrap();
        let Err(ReadFailure::Refused(d)) = read_text(&path, "big.yaml") else {
            panic!("accepted")
        };
        assert_eq!(
            d.headline(),
            "big.yaml: the file is 60 MB; hrpolicy reads files of at most 32 MB"
        );
        assert_eq!(megabytes(1024 * 1024 * 3 / 2), "1.5 MB");
        // A device reports no size: reading stops at the limit.
        if Path::new("/dev/zero").exists() {
            let Err(ReadFailure::Refused(d)) = read_text(Path::new("/dev/zero"), "zero") else {
                panic!("accepted")
            };
            assert_eq!(
                d.headline(),
                "zero: the file is larger than 32 MB, the most hrpolicy reads"
            );
        }
    }
}
