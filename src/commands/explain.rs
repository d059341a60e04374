//! `hrpolicy explain`: why one clause is in or out for a set of answers.
use crate::cli::ExplainArgs;
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::error::{Failure, Result};
use crate::inputs;
use crate::select::{Reason, select_clauses};
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

fn explain_text(
    lib: &crate::library::Library,
    plan: &crate::select::Plan<'_>,
    choice: &crate::select::Choice<'_>,
) -> String {
    let lang = &lib.meta.default_language;
    let c = &choice.clause.clause;
    let mut out = format!(
        "{} ({}): {}\n",
        c.id,
        choice.section.id,
        c.title.get(lang, lang)
    );
    if let Some(code) = &choice.clause.country {
        out.push_str(&format!("  from the {code} country profile\n"));
    }
    let verdict = match choice.reason {
        Reason::Always => "IN: it has no condition".to_string(),
        Reason::ConditionHeld => "IN: its condition holds".to_string(),
        Reason::ConditionFailed => "OUT: its condition does not hold".to_string(),
        Reason::NoVariantApplies => {
            "OUT: none of its variants applies, and it has no default text".to_string()
        }
        Reason::Disabled => "OUT: a library overlay disables it".to_string(),
    };
    out.push_str(&format!("  {verdict}\n"));
    if let Some(w) = &choice.clause.when {
        out.push_str(&format!("  when: {}\n", w.source));
    }
    if !choice.read.is_empty() {
        out.push_str("  answers read:\n");
        for (id, a) in &choice.read {
            let shown = a
                .as_ref()
                .map_or_else(|| "(no answer)".to_string(), |a| a.display());
            out.push_str(&format!("    {id} = {shown}\n"));
        }
    }
    if !c.variants.is_empty() {
        out.push_str("  variants (the first that applies is used):\n");
        for (v, cond) in &choice.clause.variants {
            let mark = if choice.included && choice.variant.is_some_and(|x| x.id == v.id) {
                "->"
            } else {
                "  "
            };
            out.push_str(&format!("   {mark} {:<24} when {}\n", v.id, cond.source));
        }
        if c.body.is_some() {
            let mark = if choice.included && choice.variant.is_none() {
                "->"
            } else {
                "  "
            };
            out.push_str(&format!("   {mark} {:<24} otherwise\n", "default"));
        }
    }
    if choice.included {
        let number = plan
            .included()
            .position(|x| x.clause.clause.id == c.id)
            .unwrap_or(0);
        out.push_str(&format!(
            "  variant used: {} ({} of {} clauses in the handbook)\n",
            choice.variant_id(),
            number + 1,
            plan.included().count()
        ));
    }
    out
}
