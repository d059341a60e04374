//! Peer committee review: the decisions file, applying decisions to a build, stale
//! decisions, word diffs, the review pack, the review page and the interactive walk-through.
pub mod apply;
pub mod decisions;
pub mod interactive;
pub mod pack;
pub mod page;
pub mod record;
pub mod report;
pub use crate::worddiff;
