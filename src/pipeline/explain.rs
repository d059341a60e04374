//! `explain`: why one clause is in or out of the handbook for a set of answers, as
//! text: its condition, the answers it read, its variants and the one used.
use crate::library::Library;
use crate::select::{Choice, Plan, Reason};

/// The explanation of `choice` within `plan`.
pub fn explain_text(lib: &Library, plan: &Plan<'_>, choice: &Choice<'_>) -> String {
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
            "  variant used: {}\n  place: clause {} of the {} in the handbook\n",
            choice.variant_id(),
            number + 1,
            plan.included().count()
        ));
    }
    out
}
