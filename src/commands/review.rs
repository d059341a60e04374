//! `hrpolicy review`: write a review pack (review.md, review.html, decisions.yaml), or
//! walk the undecided clauses interactively.
use crate::cli::ReviewArgs;
use crate::error::{Failure, Result};
use crate::pipeline::{self, AnswersRequest};
use std::path::PathBuf;

pub fn run(overlays: &[PathBuf], args: &ReviewArgs) -> Result<()> {
    let mut library = pipeline::library(overlays)?;
    if args.interactive {
        let Some(path) = &args.decisions else {
            return Err(Failure::usage(
                "review",
                "`--interactive` needs `--decisions FILE` (write one with `hrpolicy review --answers FILE --out DIR`)",
            ));
        };
        return pipeline::review::review_interactively(
            &mut library,
            path,
            args.answers.as_deref(),
            &args.set,
        );
    }
    let (Some(answers), Some(out)) = (&args.answers, &args.out) else {
        return Err(Failure::usage(
            "review",
            "a review pack needs `--answers FILE --out DIR` (or use `--interactive --decisions FILE`)",
        ));
    };
    let request = AnswersRequest {
        file: answers,
        set: &args.set,
        defaults: false,
        lang: args.lang.as_deref(),
    };
    let summary = pipeline::review::write_pack(
        &mut library,
        &request,
        out,
        args.decisions.as_deref(),
        args.force,
    )?;
    for (id, title, diff) in &summary.stale {
        eprintln!(
            "STALE: the text of `{id}` ({title}) changed since the committee decided on it:\n  {}",
            diff.replace('\n', "\n  ")
        );
    }
    eprintln!(
        "wrote review.md, review.html to {}; decisions in {} ({} pending, {} to look at again)",
        out.display(),
        summary.decisions.display(),
        summary.pending,
        summary.stale.len()
    );
    Ok(())
}
