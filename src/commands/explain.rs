//! `hrpolicy explain`: why one clause is in or out for a set of answers.
use crate::cli::ExplainArgs;
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::error::{Failure, Result};
use crate::inputs;
use crate::pipeline::explain::explain_text;
use crate::select::select_clauses;
use std::path::PathBuf;

pub fn run(overlays: &[PathBuf], args: &ExplainArgs) -> Result<()> {
    let (lib, _) = inputs::load_library(overlays)?;
    let mut loaded = inputs::load_answers(&lib, &args.answers)?;
    inputs::apply_sets(&lib, &mut loaded.answers, &args.set)?;
    let answers = loaded.effective(&lib);
    let plan = select_clauses(&lib, &answers);
    let Some(choice) = plan.choice(&args.clause) else {
        let ids: Vec<&str> = lib.clauses().map(|(_, c)| c.clause.id.as_str()).collect();
        return Err(Failure::BadInput(vec![
            Diagnostic::error("explain", None, format!("unknown clause `{}`", args.clause))
                .with_help(
                    did_you_mean(&args.clause, ids.iter().copied())
                        .unwrap_or_else(|| "see `hrpolicy list clauses`".into()),
                ),
        ]));
    };
    let mut out = crate::stdout::Stdout::new();
    out.text(explain_text(&lib, &plan, choice))?;
    out.finish()
}
