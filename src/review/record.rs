//! The review as the handbook reports it: the "How this policy was made" appendix and
//! the DRAFT notice read this record.
use super::apply::{Changed, ReviewState};
use super::decisions::{DecisionsFile, Member};
use jiff::civil::Date;
use serde::Serialize;

/// `review.*` in the handbook templates.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewRecord {
    /// The committee's members, by name or role.
    pub members: Vec<Member>,
    pub member_count: usize,
    /// Members with lived or living experience of drug use.
    pub lived_experience_count: usize,
    /// The dates the committee met.
    pub meetings: Vec<Date>,
    /// Clauses whose wording the committee changed.
    pub amended: Vec<Changed>,
    /// Clauses the committee left out, with its reasons.
    pub removed: Vec<Changed>,
    /// Clauses still waiting for a decision.
    pub pending_count: usize,
    /// Decisions whose clause text changed since.
    pub stale_count: usize,
    /// The handbook is not final.
    pub draft: bool,
}

impl ReviewRecord {
    pub fn new(file: &DecisionsFile, state: &ReviewState) -> ReviewRecord {
        let members = file.committee.members.clone();
        ReviewRecord {
            member_count: members.len(),
            lived_experience_count: members.iter().filter(|m| m.lived_experience).count(),
            members,
            meetings: file.committee.meetings.clone(),
            amended: state.amended.clone(),
            removed: state.removed.clone(),
            pending_count: state.pending.len(),
            stale_count: state.stale.len(),
            draft: state.is_draft(),
        }
    }
}
