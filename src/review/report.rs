//! What a build tells the user about the review: pending clauses, stale decisions with
//! their word diffs, decisions about clauses no longer included, amendments that use
//! words to avoid. Lines of text, printed by the caller.
use super::apply::ReviewState;
use crate::clause_text::RenderedClause;
use crate::library::Library;

pub fn review_report(
    library: &Library,
    clauses: &[RenderedClause],
    state: &ReviewState,
    path: &str,
) -> Vec<String> {
    let mut out = Vec::new();
    if !state.pending.is_empty() {
        out.push(format!(
            "DRAFT: {} clause{} not decided yet in {path}:",
            state.pending.len(),
            if state.pending.len() == 1 {
                " is"
            } else {
                "s are"
            }
        ));
        for id in &state.pending {
            out.push(format!("  - {id}"));
        }
    }
    for s in &state.stale {
        out.push(format!(
            "STALE: the text of `{}` ({}) changed since the committee decided on it:\n  {}",
            s.id,
            s.title,
            s.diff.replace('\n', "\n  ")
        ));
    }
    for id in &state.unused {
        out.push(format!(
            "note: {path} has a decision about `{id}`, which this handbook does not include"
        ));
    }
    let checker = crate::lint::LanguageChecker::new(&library.language);
    for a in &state.amended {
        let Some(c) = clauses.iter().find(|c| c.id == a.id) else {
            continue;
        };
        for u in checker.uses(&c.body, &[]) {
            out.push(format!(
                "{path}: warning: the amended text of `{}` uses \"{}\"\n  = help: say: {}",
                a.id, u.found, u.term.r#use
            ));
        }
    }
    out
}
