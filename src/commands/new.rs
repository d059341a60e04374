//! `hrpolicy new`: the interview in a terminal, then the build, into one folder.
use crate::cli::NewArgs;
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::document::Edition;
use crate::error::{Failure, Result};
use crate::inputs::{self, LoadedAnswers};
use crate::interview;
use crate::pipeline::{self, BuildRequest};
use std::path::PathBuf;

pub fn run(overlays: &[PathBuf], args: &NewArgs) -> Result<()> {
    let mut library = pipeline::library(overlays)?;
    let path = args.dir.join("answers.yaml");
    let mut loaded = if path.exists() {
        inputs::load_answers(&library, &path)?
    } else {
        LoadedAnswers::empty(&library, &path)
    };
    inputs::set_language(&library, &mut loaded, args.lang.as_deref())?;
    pipeline::use_language(&mut library, &loaded)?;
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
        // Nobody to ask: a question to ask again is refused, not silently skipped, and
        // the answers must already be complete.
        if let Some(id) = &args.change {
            return Err(Failure::usage(
                "new",
                &format!(
                    "`--change {id}` asks that question again, which needs a terminal: run it in \
                     one, or edit `{id}` in {} and run `hrpolicy new {}` again",
                    path.display(),
                    args.dir.display()
                ),
            ));
        }
        let lang = loaded.language(&library);
        inputs::require_complete(&library, &loaded.answers, lang, &loaded.path, false)?;
    } else {
        std::fs::create_dir_all(&args.dir)
            .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", args.dir.display()))?;
        interview::interview(&library, &mut loaded, args.change.as_deref())?;
    }
    let formats: Vec<_> = args.format.iter().map(|&f| f.into()).collect();
    let written = pipeline::build(
        &library,
        &loaded,
        &BuildRequest {
            formats: &formats,
            editions: &[Edition::Handbook],
            with_rationale: false,
            paper: Default::default(),
            out: &args.dir,
            force: args.force,
            decisions: None,
            require_final: false,
        },
    )?;
    eprintln!("wrote {} to {}", written.join(", "), args.dir.display());
    Ok(())
}
