//! `hrpolicy library override|export`: work on a library folder of one's own.
use crate::cli::{LibraryArgs, LibraryCommand};
use crate::error::Result;
use crate::pipeline::consultants::{library_export, library_override};
use std::path::PathBuf;

pub fn run(overlays: &[PathBuf], args: &LibraryArgs) -> Result<()> {
    match &args.command {
        LibraryCommand::Override(o) => {
            let path = library_override(overlays, &o.clause)?;
            eprintln!(
                "copied `{}` into {}: edit it there; `check` and `build` warn if the base clause changes",
                o.clause,
                path.display()
            );
        }
        LibraryCommand::Export(e) => {
            let n = library_export(&e.dir, e.force)?;
            eprintln!(
                "wrote {n} files to {}: give it as the first `--library` to use it in place of the built-in library",
                e.dir.display()
            );
        }
    }
    Ok(())
}
