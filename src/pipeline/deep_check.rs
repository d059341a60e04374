//! The deep check behind `hrpolicy check`: what validation cannot see in one file at a
//! time. By enumerating the answers each clause's conditions read (never by sampling):
//! clauses, variants and bodies no answers can select, conditions always true or always
//! false, `requires` and `conflicts` that some answers break; every reachable text
//! rendered once; country facts checked more than 24 months ago. Its [`Finding`]s are
//! what `check --format json` prints (documented in `docs/check-json.md`).
mod facts;
mod finding;
mod reach;
mod render;
mod space;

pub use finding::{Finding, Report, Severity, SourceLines, Summary, codes};
pub use space::CAP;

use crate::diagnostics::Diagnostic;
use crate::library::{CompiledClause, Library};
use jiff::civil::Date;

/// What the deep check found, and how much it looked at.
#[derive(Debug, Default)]
pub struct DeepCheck {
    pub findings: Vec<Finding>,
    /// Clauses checked (disabled ones are not).
    pub clauses: usize,
    /// Combinations of answers tried, over all clauses.
    pub combinations: usize,
    /// Clause texts rendered (each reachable variant once, in each language it has).
    pub rendered: usize,
}

impl DeepCheck {
    pub fn errors(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Warning)
    }

    /// The one line `check` prints about it.
    pub fn summary_line(&self) -> String {
        let errors = self.errors().count();
        let warnings = self.warnings().count();
        format!(
            "deep check: {} clauses, {} combinations of answers, {} texts rendered: {errors} error{}, {warnings} warning{}",
            self.clauses,
            self.combinations,
            self.rendered,
            if errors == 1 { "" } else { "s" },
            if warnings == 1 { "" } else { "s" },
        )
    }
}

/// Runs every deep check over a library that validated; facts are old relative to `today`.
/// Clauses are checked independently, so a large library's are shared out among the
/// machine's cores, each taking a run of clauses; findings keep the library's order.
pub fn deep_check(library: &Library, today: Date) -> DeepCheck {
    let mut places = finding::Places::new(library);
    let mut out = DeepCheck::default();
    let order = space::Order::of(library);
    reach::check_ask_ifs(library, &order, &mut places, &mut out.findings);
    let clauses: Vec<&CompiledClause> = library
        .clauses()
        .map(|(_, c)| c)
        .filter(|c| !library.disabled.contains(&c.clause.id))
        .collect();
    let parts = crate::parallel::map_runs(&clauses, MIN_CLAUSES_PER_THREAD, |run| {
        check_clauses(library, &order, run, today)
    });
    for part in parts {
        out.clauses += part.clauses;
        out.combinations += part.combinations;
        out.rendered += part.rendered;
        out.findings.extend(part.findings);
    }
    facts::stale_facts(library, today, &mut places, &mut out.findings);
    out
}

/// Fewer clauses than this are not worth a thread of their own.
const MIN_CLAUSES_PER_THREAD: usize = 500;

/// The checks of each clause in `clauses`.
fn check_clauses(
    library: &Library,
    order: &space::Order,
    clauses: &[&CompiledClause],
    today: Date,
) -> DeepCheck {
    let mut places = finding::Places::new(library);
    let mut cache = render::ValuesCache::default();
    let mut memo = reach::Memo::default();
    let mut out = DeepCheck::default();
    for clause in clauses {
        out.clauses += 1;
        let reached = reach::check_clause(library, order, clause, &mut memo, &mut places, &mut out);
        out.rendered += render::render_reached(
            library,
            clause,
            &reached,
            today,
            &mut cache,
            &mut places,
            &mut out.findings,
        );
        reach::check_references(library, order, clause, &mut places, &mut out);
    }
    out
}

/// `check --format json`: the document, the errors in it (as diagnostics, for the exit
/// code and standard error) and how many warnings it holds.
pub struct JsonCheck {
    pub json: String,
    pub errors: Vec<Diagnostic>,
    pub warnings: usize,
}

/// The library's validation problems, its language findings and the deep check's
/// findings as one JSON document ([`Report`]).
pub fn json_check(
    loaded: std::result::Result<(Library, Vec<Diagnostic>), Vec<Diagnostic>>,
    today: Date,
) -> JsonCheck {
    let as_findings = |diags: &[Diagnostic]| -> Vec<Finding> {
        diags
            .iter()
            .map(|d| {
                let code = if d.warning {
                    codes::LIBRARY_WARNING
                } else {
                    codes::INVALID_LIBRARY
                };
                Finding::from_diagnostic(d, code)
            })
            .collect()
    };
    let (findings, summary) = match &loaded {
        Err(problems) => (as_findings(problems), Summary::default()),
        Ok((library, warnings)) => {
            let mut findings = as_findings(warnings);
            findings.extend(
                crate::lint::language_findings(library)
                    .iter()
                    .map(|d| Finding::from_diagnostic(d, codes::LANGUAGE)),
            );
            let deep = deep_check(library, today);
            findings.extend(deep.findings.iter().cloned());
            let summary = Summary {
                clauses: deep.clauses,
                combinations: deep.combinations,
                rendered: deep.rendered,
                ..Summary::default()
            };
            (findings, summary)
        }
    };
    let report = Report::new(&findings, summary);
    JsonCheck {
        json: report.to_json(),
        errors: findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| f.to_diagnostic(""))
            .collect(),
        warnings: report.summary.warnings,
    }
}
