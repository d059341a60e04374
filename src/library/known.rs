//! The questions the program itself reads, named once. Every other module refers to
//! them through these constants, and validation reports a library (or an overlay) that
//! lacks one or gives it another kind, instead of letting clauses silently disappear.
use crate::answer::Kind;

/// A question the code depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KnownQuestion {
    pub id: &'static str,
    pub kind: Kind,
    /// What depends on it, for the message when it is missing.
    pub used_for: &'static str,
}

/// The organisation's name: the title page, metadata and review packs.
pub const ORG_NAME: KnownQuestion = KnownQuestion {
    id: "org.name",
    kind: Kind::Text,
    used_for: "the title page and the document metadata",
};

/// The country (`choices-from: countries`): country clauses, defaults and the legal appendix.
pub const PLACE_COUNTRY: KnownQuestion = KnownQuestion {
    id: "place.country",
    kind: Kind::Choice,
    used_for: "country clauses, country defaults and the legal appendix",
};

/// The state or province, printed in the legal appendix.
pub const PLACE_REGION: KnownQuestion = KnownQuestion {
    id: "place.region",
    kind: Kind::Text,
    used_for: "the legal appendix's note on sub-national law",
};

/// Every question the code reads.
pub const ALL: [KnownQuestion; 3] = [ORG_NAME, PLACE_COUNTRY, PLACE_REGION];

/// The id prefix of the questions about the law. Each of them, and each question a
/// country profile may pre-fill (`country-default: true`), must offer a "not sure"
/// choice (`not-sure: true`): `--defaults` chooses it where no country default exists.
pub const LEGAL_PREFIX: &str = "legal.";

/// Whether a question is about the law (see [`LEGAL_PREFIX`]).
pub fn is_legal_question(id: &str, country_default: bool) -> bool {
    country_default || id.starts_with(LEGAL_PREFIX)
}

/// The condition that limits a country clause to its country.
pub fn in_country(code: &str) -> String {
    format!("{} == {code}", PLACE_COUNTRY.id)
}

/// The keys of the fixed texts (`strings.yaml`) the program itself prints.
pub mod strings {
    /// The title of the staff summary edition.
    pub const SUMMARY_TITLE: &str = "edition.summary.title";
    /// The title of the public statement edition.
    pub const PUBLIC_TITLE: &str = "edition.public.title";
    /// The title of a review pack.
    pub const REVIEW_TITLE: &str = "review.title";
    /// The title of a change notice.
    pub const CHANGES_TITLE: &str = "changes.title";
    pub const CONTENTS: &str = "document.contents";
    pub const DATE: &str = "document.date";
    pub const VERSION: &str = "document.version";
    pub const STATUS: &str = "document.status";
    pub const DRAFT_MARK: &str = "document.draft-mark";
    pub const DRAFT_STATUS: &str = "document.draft-status";
    pub const TOC_UPDATE: &str = "document.toc-update";
    pub const UNREVIEWED: &str = "document.unreviewed-translation";
    pub const PROGRESS: &str = "interview.progress";
    pub const SUMMARY: &str = "interview.summary";
    pub const BUILD: &str = "interview.build";
    pub const SAVED: &str = "interview.saved";
    pub const NO_ANSWER: &str = "interview.no-answer";
    pub const MULTI_HINT: &str = "interview.multi-hint";
    pub const COUNTRY_SUGGESTION: &str = "interview.country-suggestion";
    pub const OTHER_COUNTRY: &str = "interview.other-country";
    pub const INTERRUPTED: &str = "interview.interrupted";
    pub const NUMBER_ERROR: &str = "interview.number-error";
    pub const YES: &str = "answer.yes";
    pub const NO: &str = "answer.no";
    pub const NONE: &str = "answer.none";
    pub const CHANGES_SUBTITLE: &str = "changes.subtitle";
    pub const CHANGES_HEADING: &str = "changes.heading";
    pub const CHANGES_NOTHING: &str = "changes.nothing";
    pub const CHANGES_SUMMARY: &str = "changes.summary";
    pub const CHANGES_ADDED: &str = "changes.added";
    pub const CHANGES_REMOVED: &str = "changes.removed";
    pub const CHANGES_REMOVED_INTRO: &str = "changes.removed-intro";
    pub const CHANGES_CHANGED: &str = "changes.changed";
    pub const CHANGES_CHANGED_INTRO: &str = "changes.changed-intro";
    pub const CHANGES_WAS: &str = "changes.was";
    pub const CHANGES_VERSION: &str = "changes.version";
    pub const MISSING_HEADING: &str = "missing.heading";
    pub const MISSING_HELP: &str = "missing.help";
    pub const MISSING_HELP_NO_DEFAULTS: &str = "missing.help-no-defaults";
    pub const REVIEW_DONE: &str = "review.terminal.done";
    pub const REVIEW_COUNT: &str = "review.terminal.count";
    pub const REVIEW_AMEND: &str = "review.terminal.amend";
    pub const REVIEW_SKIP: &str = "review.terminal.skip";
    pub const REVIEW_ADD_NOTE: &str = "review.terminal.add-note";
    pub const REVIEW_STOP: &str = "review.terminal.stop";
    pub const REVIEW_DECISION: &str = "review.terminal.decision";
    pub const REVIEW_UNCHANGED: &str = "review.terminal.unchanged";
    pub const REVIEW_TEXT_PROBLEM: &str = "review.terminal.text-problem";
    pub const REVIEW_WHY_REMOVED: &str = "review.terminal.why-removed";
    pub const REVIEW_SAVED: &str = "review.terminal.saved";
    /// The review page's texts the terminal walk-through shares.
    pub const REVIEW_ACCEPT: &str = "review.page.accept";
    pub const REVIEW_REMOVE: &str = "review.page.remove";
    pub const REVIEW_NOTE: &str = "review.page.note";
    pub const REVIEW_STALE: &str = "review.page.stale_title";
    pub const REVIEW_RATIONALE: &str = "review.page.rationale";

    /// Every key the code reads.
    pub const ALL: [&str; 55] = [
        SUMMARY_TITLE,
        PUBLIC_TITLE,
        REVIEW_TITLE,
        CHANGES_TITLE,
        CONTENTS,
        DATE,
        VERSION,
        STATUS,
        DRAFT_MARK,
        DRAFT_STATUS,
        TOC_UPDATE,
        UNREVIEWED,
        PROGRESS,
        SUMMARY,
        BUILD,
        SAVED,
        NO_ANSWER,
        MULTI_HINT,
        COUNTRY_SUGGESTION,
        OTHER_COUNTRY,
        INTERRUPTED,
        NUMBER_ERROR,
        YES,
        NO,
        NONE,
        CHANGES_SUBTITLE,
        CHANGES_HEADING,
        CHANGES_NOTHING,
        CHANGES_SUMMARY,
        CHANGES_ADDED,
        CHANGES_REMOVED,
        CHANGES_REMOVED_INTRO,
        CHANGES_CHANGED,
        CHANGES_CHANGED_INTRO,
        CHANGES_WAS,
        CHANGES_VERSION,
        MISSING_HEADING,
        MISSING_HELP,
        MISSING_HELP_NO_DEFAULTS,
        REVIEW_DONE,
        REVIEW_COUNT,
        REVIEW_AMEND,
        REVIEW_SKIP,
        REVIEW_ADD_NOTE,
        REVIEW_STOP,
        REVIEW_DECISION,
        REVIEW_UNCHANGED,
        REVIEW_TEXT_PROBLEM,
        REVIEW_WHY_REMOVED,
        REVIEW_SAVED,
        REVIEW_ACCEPT,
        REVIEW_REMOVE,
        REVIEW_NOTE,
        REVIEW_STALE,
        REVIEW_RATIONALE,
    ];
}

/// What a clause text may read besides the questions (see `clause_text::context`).
pub const FIXED_PATHS: [&str; 4] = [
    "country.name",
    "country.code",
    "document.version",
    "document.date",
];

/// The roots of [`FIXED_PATHS`] and `label`, which no question id may start with.
/// The topics of the domain brief a clause may cover (`topic:`): the staff summary keeps
/// the first two summarised rules of each.
pub const TOPICS: [&str; 26] = [
    "A1", "A2", "A3", "B1", "B2", "B3", "B4", "B5", "C1", "C2", "C3", "C4", "C5", "C6", "D1", "D2",
    "D3", "D4", "D5", "D6", "D7", "E1", "E2", "E3", "E4", "E5",
];

pub const RESERVED_ROOTS: [&str; 3] = ["label", "country", "document"];
