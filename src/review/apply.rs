//! Applying a committee's decisions to the rendered clauses: accepted as they are,
//! amended text in place, removed left out; pending and stale clauses make a draft.
//! Pure: rendered clauses and decisions in, final clauses and a review state out.
use super::decisions::{ClauseDecision, Decision, DecisionsFile, text_hash};
use super::worddiff::{differs, plain, word_diff};
use crate::clause_text::RenderedClause;
use crate::diagnostics::Diagnostic;
use crate::hash::HashSet;
use crate::library::Library;
use jiff::civil::Date;
use serde::Serialize;

/// Where one clause stands after the decisions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// No decision yet.
    Pending,
    Accepted,
    Amended,
    Removed,
}

/// A decided clause whose library text changed since the decision.
#[derive(Debug, Clone, Serialize)]
pub struct Stale {
    pub id: String,
    pub title: String,
    /// The text the committee decided on, and the text now, word by word.
    pub diff: String,
}

/// A clause the committee changed or left out, for the appendix.
#[derive(Debug, Clone, Serialize)]
pub struct Changed {
    pub id: String,
    pub title: String,
    pub note: String,
    pub date: Option<Date>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ReviewState {
    /// Clause ids with no decision, in handbook order.
    pub pending: Vec<String>,
    pub stale: Vec<Stale>,
    pub amended: Vec<Changed>,
    pub removed: Vec<Changed>,
    /// Decisions about clauses this handbook no longer has.
    pub unused: Vec<String>,
}

impl ReviewState {
    /// A handbook is a draft while anything is pending or stale.
    pub fn is_draft(&self) -> bool {
        !self.pending.is_empty() || !self.stale.is_empty()
    }
}

/// The status of one rendered clause under its decision, and whether it is stale.
pub fn status_of(
    clause: &RenderedClause,
    decision: Option<&ClauseDecision>,
) -> (Status, Option<Stale>) {
    let Some(d) = decision else {
        return (Status::Pending, None);
    };
    let status = match d.decision {
        Decision::Pending => return (Status::Pending, None),
        Decision::Accepted => Status::Accepted,
        Decision::Amended => Status::Amended,
        Decision::Removed => Status::Removed,
    };
    let stale = (d.hash != text_hash(&clause.title, &clause.body)).then(|| Stale {
        id: clause.id.clone(),
        title: clause.title.clone(),
        diff: if differs(&d.reviewed, &clause.body) {
            plain(&word_diff(&d.reviewed, &clause.body))
        } else {
            "(the title or the hash changed; the words of the text did not)".into()
        },
    });
    (status, stale)
}

/// Applies `decisions` to `clauses` (in handbook order): the clauses that appear, with
/// amended text in place, and the state of the review.
pub fn apply_decisions(
    clauses: Vec<RenderedClause>,
    decisions: &DecisionsFile,
) -> (Vec<RenderedClause>, ReviewState) {
    let mut state = ReviewState::default();
    let mut out = Vec::new();
    let by_id = decisions.by_id();
    for mut clause in clauses {
        let decision = by_id.get(clause.id.as_str()).copied();
        let (status, stale) = status_of(&clause, decision);
        if let Some(s) = stale {
            state.stale.push(s);
        }
        let changed = |d: &ClauseDecision| Changed {
            id: d.id.clone(),
            title: clause.title.clone(),
            note: d.note.clone().unwrap_or_default(),
            date: d.date,
        };
        match status {
            Status::Pending => {
                state.pending.push(clause.id.clone());
                out.push(clause);
            }
            Status::Accepted => out.push(clause),
            Status::Amended => {
                state.amended.push(changed(decision.expect("decided")));
                if let Some(text) = clause.amended.take() {
                    clause.body = text;
                }
                out.push(clause);
            }
            Status::Removed => state.removed.push(changed(decision.expect("decided"))),
        }
    }
    let present: HashSet<&str> = out
        .iter()
        .map(|c| c.id.as_str())
        .chain(state.removed.iter().map(|c| c.id.as_str()))
        .collect();
    state.unused = decisions
        .clauses
        .iter()
        .filter(|d| !present.contains(&d.id.as_str()))
        .map(|d| d.id.clone())
        .collect();
    (out, state)
}

/// `requires` and `conflicts` among the clauses that appear; a clause the committee
/// removed is named as such. Problems are reported against `file`.
pub fn check_references(
    library: &Library,
    clauses: &[RenderedClause],
    state: &ReviewState,
    file: &str,
) -> Vec<Diagnostic> {
    let ids: HashSet<&str> = clauses.iter().map(|c| c.id.as_str()).collect();
    let removed: HashSet<&str> = state.removed.iter().map(|x| x.id.as_str()).collect();
    let mut problems = Vec::new();
    for c in clauses {
        let Some((_, compiled)) = library.clause(&c.id) else {
            continue;
        };
        for r in &compiled.clause.requires {
            if ids.contains(r.as_str()) {
                continue;
            }
            let why = if removed.contains(r.as_str()) {
                "which the committee removed"
            } else {
                "which is not in this handbook"
            };
            problems.push(
                Diagnostic::error(
                    file,
                    None,
                    format!("clause `{}` requires `{r}`, {why}", c.id),
                )
                .with_help(format!("keep `{r}`, or remove `{}` too", c.id)),
            );
        }
        for x in &compiled.clause.conflicts {
            if ids.contains(x.as_str()) {
                problems.push(
                    Diagnostic::error(
                        file,
                        None,
                        format!(
                            "clause `{}` conflicts with `{x}`, and both are in this handbook",
                            c.id
                        ),
                    )
                    .with_help("remove one of them"),
                );
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clause(id: &str, body: &str) -> RenderedClause {
        RenderedClause {
            id: id.into(),
            section: "s".into(),
            title: format!("Title {id}"),
            body: body.into(),
            amended: None,
            variant: "default".into(),
            topic: None,
            rationale: String::new(),
            summary: None,
            public: false,
            tags: vec![],
            country: None,
            sources: vec![],
        }
    }

    fn decided(c: &RenderedClause, decision: Decision) -> ClauseDecision {
        ClauseDecision {
            id: c.id.clone(),
            title: c.title.clone(),
            decision,
            hash: text_hash(&c.title, &c.body),
            reviewed: c.body.clone(),
            text: (decision == Decision::Amended).then(|| "Our words.".to_string()),
            note: Some("why".into()),
            date: Some(jiff::civil::date(2026, 11, 20)),
        }
    }

    #[test]
    fn accepted_amended_removed_and_pending() {
        let (a, b, c, d) = (
            clause("a", "A text."),
            clause("b", "B text."),
            clause("c", "C text."),
            clause("d", "D text."),
        );
        let decisions = DecisionsFile {
            clauses: vec![
                decided(&a, Decision::Accepted),
                decided(&b, Decision::Amended),
                decided(&c, Decision::Removed),
                decided(&d, Decision::Pending),
            ],
            ..DecisionsFile::default()
        };
        let mut b_rendered = b.clone();
        b_rendered.amended = Some("Our words.".into());
        let (out, state) = apply_decisions(vec![a, b_rendered, c, d], &decisions);
        let shown: Vec<(&str, &str)> = out
            .iter()
            .map(|c| (c.id.as_str(), c.body.as_str()))
            .collect();
        assert_eq!(
            shown,
            vec![("a", "A text."), ("b", "Our words."), ("d", "D text.")]
        );
        assert_eq!(state.pending, vec!["d"]);
        assert_eq!(state.removed[0].id, "c");
        assert_eq!(state.amended[0].id, "b");
        assert!(state.is_draft());
        assert!(state.stale.is_empty());
    }

    #[test]
    fn a_changed_library_text_makes_a_decision_stale_with_a_word_diff() {
        let old = clause("a", "The rest of the shift is paid.");
        let decisions = DecisionsFile {
            clauses: vec![decided(&old, Decision::Accepted)],
            ..DecisionsFile::default()
        };
        let new = clause("a", "The rest of the shift is always paid.");
        let (out, state) = apply_decisions(vec![new], &decisions);
        assert_eq!(out.len(), 1);
        assert_eq!(state.stale.len(), 1);
        assert_eq!(
            state.stale[0].diff,
            "The rest of the shift is {+always+} paid."
        );
        assert!(state.is_draft());
    }

    #[test]
    fn everything_decided_and_current_is_final() {
        let a = clause("a", "A.");
        let decisions = DecisionsFile {
            clauses: vec![
                decided(&a, Decision::Accepted),
                decided(&clause("gone", "x"), Decision::Accepted),
            ],
            ..DecisionsFile::default()
        };
        let (_, state) = apply_decisions(vec![a], &decisions);
        assert!(!state.is_draft());
        assert_eq!(state.unused, vec!["gone"]);
    }
}
