//! `hrpolicy library override|export|translated`: work on a library folder of one's own.
use crate::cli::{LibraryArgs, LibraryCommand};
use crate::error::Result;
use crate::pipeline::consultants::{library_export, library_override, library_translated};
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
        LibraryCommand::Translated(t) => {
            let done = library_translated(overlays, &t.lang)?;
            eprintln!(
                "recorded the English that {} texts of the `{}` translation translate, in {}{}",
                done.texts,
                t.lang,
                done.path.display(),
                match done.changed.len() {
                    0 => String::new(),
                    n => format!(", {n} of them with English changed since the last record:"),
                }
            );
            for place in &done.changed {
                eprintln!("  {place}");
            }
        }
    }
    Ok(())
}
