//! `hrpolicy new`: the interview in a terminal, then the build, into one folder.
use crate::cli::NewArgs;
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::error::{Failure, Result};
use crate::inputs::{self, LoadedAnswers};
use crate::interview;
use std::path::Path;

pub fn run(overlay: Option<&Path>, args: &NewArgs) -> Result<()> {
    let (library, warnings) = inputs::load_library(overlay)?;
    super::build::print_warnings(&warnings);
    let path = args.dir.join("answers.yaml");
    let mut loaded = if path.exists() {
        inputs::load_answers(&library, &path)?
    } else {
        LoadedAnswers::empty(&library, &path)
    };
    if let Some(id) = &args.change
        && library.question(id).is_none()
    {
        return Err(Failure::BadInput(vec![
            Diagnostic::error("--change", None, format!("unknown question `{id}`")).with_help(
                did_you_mean(id, library.questions().map(|q| q.id.as_str()))
                    .unwrap_or_else(|| "see `hrpolicy list questions`".into()),
            ),
        ]));
    }
    if args.no_input || !interview::has_terminal() {
        // Nobody to ask: the answers must already be complete.
        inputs::require_complete(&library, &loaded.answers, &loaded.path)?;
    } else {
        std::fs::create_dir_all(&args.dir)
            .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", args.dir.display()))?;
        interview::interview(&library, &mut loaded, args.change.as_deref())?;
    }
    let options = super::build::BuildOptions {
        formats: &args.format,
        editions: &[crate::cli::Edition::Handbook],
        with_rationale: false,
        paper: Default::default(),
        force: args.force,
        require_final: false,
    };
    let written = super::build::build_handbook(&library, &loaded, None, &args.dir, &options)?;
    eprintln!("wrote {} to {}", written.join(", "), args.dir.display());
    Ok(())
}
