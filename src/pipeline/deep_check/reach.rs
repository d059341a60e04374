//! Reachability, decided by enumerating the answers each condition reads: questions
//! never asked, clauses and variants never selected, bodies always replaced, conditions
//! always true, and `requires`/`conflicts` that some answers break.
use super::DeepCheck;
use super::finding::{Finding, Places, Severity, codes};
use super::space::{CAP, Order, Space};
use crate::answer::Answers;
use crate::condition::{Condition, Expr};
use crate::hash::HashMap;
use crate::library::model::QuestionsFile;
use crate::library::positions::YamlPath;
use crate::library::{CompiledClause, Library};
use std::collections::BTreeSet;
use std::rc::Rc;

/// A text of a clause that some answers select, with the first such answers.
#[derive(Clone)]
pub struct Reached {
    /// `None` for the clause's `body`, else the index of the variant.
    pub variant: Option<usize>,
    /// The answers to the questions the clause reads (effective: none when not asked).
    pub answers: Answers,
    /// Those answers, for messages (`None` when the clause reads no question).
    pub described: Option<String>,
    /// The questions the clause reads, answered or not.
    pub reads: Vec<String>,
    /// `reads` and `answers` as one text: texts reached with the same key are rendered
    /// with the same values.
    pub key: Rc<str>,
}

/// `ask-if` conditions that are never, or always, true.
pub fn check_ask_ifs(
    library: &Library,
    order: &Order,
    places: &mut Places<'_>,
    findings: &mut Vec<Finding>,
) {
    for q in library.questions() {
        let Some(cond) = library.ask_if.get(&q.id) else {
            continue;
        };
        let space = Space::of(library, order, &[cond]);
        let mut seen = [false; 2];
        let mut read = Vec::new();
        let walk = space.walk(|a| {
            read.clear();
            seen[usize::from(cond.eval(a, &mut read))] = true;
            !(seen[0] && seen[1])
        });
        if walk.capped || (seen[0] && seen[1]) {
            continue;
        }
        let (file, pos) = question_place(library, &q.id, places);
        let src = &cond.source;
        findings.push(if seen[1] {
            Finding::new(
                Severity::Warning,
                codes::CONDITION_ALWAYS_TRUE,
                &file,
                pos,
                format!("question `{}` is always asked: its `ask-if` (`{src}`) holds for every combination of answers", q.id),
            )
            .with_help("remove the `ask-if`, or fix it")
        } else {
            Finding::new(
                Severity::Error,
                codes::CONDITION_ALWAYS_FALSE,
                &file,
                pos,
                format!("question `{}` is never asked: its `ask-if` (`{src}`) is false for every combination of answers", q.id),
            )
            .with_help("fix the `ask-if`, or remove the question")
        });
    }
}

/// Where a question's `ask-if` is written.
fn question_place(
    library: &Library,
    id: &str,
    places: &mut Places<'_>,
) -> (String, Option<crate::diagnostics::Pos>) {
    for file in library.files.iter().rev() {
        if !file.name.ends_with("questions.yaml") || file.name.contains("translations/") {
            continue;
        }
        let Ok(parsed) = serde_yaml::from_str::<QuestionsFile>(&file.text) else {
            continue;
        };
        for (ci, chapter) in parsed.chapters.iter().enumerate() {
            if let Some(qi) = chapter.questions.iter().position(|q| q.id == id) {
                let path = YamlPath::root()
                    .key("chapters")
                    .index(ci)
                    .key("questions")
                    .index(qi)
                    .key("ask-if");
                return (file.name.clone(), places.pos(&file.name, &path));
            }
        }
    }
    ("questions.yaml".to_string(), None)
}

/// Enumerates every combination of the answers `c`'s conditions read.
fn enumerate(library: &Library, order: &Order, c: &CompiledClause) -> Outcome {
    let mut conditions: Vec<&Condition> = c.when.iter().collect();
    conditions.extend(c.variants.iter().map(|(_, v)| v));
    let space = Space::of(library, order, &conditions);
    let n = c.variants.len();
    let mut when_seen = [false; 2];
    let (mut var_true, mut var_false, mut var_true_in) =
        (vec![false; n], vec![false; n], vec![false; n]);
    let mut won: Vec<Option<Answers>> = vec![None; n];
    let mut beaten_by: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); n];
    let mut body: Option<Answers> = None;
    let mut read = Vec::new();
    let walk = space.walk(|a| {
        read.clear();
        let w = c.when.as_ref().is_none_or(|w| w.eval(a, &mut read));
        when_seen[usize::from(w)] = true;
        let holds: Vec<bool> = c
            .variants
            .iter()
            .map(|(_, v)| v.eval(a, &mut read))
            .collect();
        let first = holds.iter().position(|h| *h);
        for j in 0..n {
            if !holds[j] {
                var_false[j] = true;
                continue;
            }
            var_true[j] = true;
            if w {
                var_true_in[j] = true;
                if let Some(f) = first.filter(|&f| f < j) {
                    beaten_by[j].insert(f);
                }
            }
        }
        if w {
            match first {
                Some(f) if won[f].is_none() => won[f] = Some(a.clone()),
                None if c.clause.body.is_some() && body.is_none() => body = Some(a.clone()),
                _ => {}
            }
        }
        true
    });
    let reads: Vec<String> = space.ids();
    let reached = |variant: Option<usize>, answers: &Answers| Reached {
        variant,
        described: space.describe(answers),
        answers: answers.clone(),
        reads: reads.clone(),
        key: format!("{reads:?}\u{0}{answers:?}").into(),
    };
    let mut texts: Vec<Reached> = body.iter().map(|a| reached(None, a)).collect();
    texts.extend(
        won.iter()
            .enumerate()
            .filter_map(|(j, a)| a.as_ref().map(|a| reached(Some(j), a))),
    );

    Outcome {
        combinations: walk.combinations,
        capped: walk.capped,
        when_seen,
        var_true,
        var_false,
        var_true_in,
        beaten_by,
        wins: won.iter().map(Option::is_some).collect(),
        texts,
    }
}

/// What enumerating a clause's conditions found. Clauses with the same conditions (the
/// same `when`, the same variant conditions in the same order, a `body` or not) find the
/// same, so it is worked out once for each such set.
pub struct Outcome {
    combinations: usize,
    capped: bool,
    when_seen: [bool; 2],
    var_true: Vec<bool>,
    var_false: Vec<bool>,
    var_true_in: Vec<bool>,
    beaten_by: Vec<BTreeSet<usize>>,
    /// Whether each variant is the first to apply for some answers.
    wins: Vec<bool>,
    texts: Vec<Reached>,
}

/// Outcomes by the conditions that decide them (see [`Outcome`]).
#[derive(Default)]
pub struct Memo(HashMap<String, Rc<Outcome>>);

/// One clause's conditions over every combination of the answers they read; returns
/// the texts some answers select.
pub fn check_clause(
    library: &Library,
    order: &Order,
    c: &CompiledClause,
    memo: &mut Memo,
    places: &mut Places<'_>,
    out: &mut DeepCheck,
) -> Vec<Reached> {
    let mut key = c
        .when
        .as_ref()
        .map_or("", |w| w.source.as_str())
        .to_string();
    for (_, v) in &c.variants {
        key.push('\0');
        key.push_str(&v.source);
    }
    key.push(if c.clause.body.is_some() {
        '\u{1}'
    } else {
        '\u{2}'
    });
    let outcome = Rc::clone(
        memo.0
            .entry(key)
            .or_insert_with(|| Rc::new(enumerate(library, order, c))),
    );
    let Outcome {
        combinations,
        capped,
        when_seen,
        ref var_true,
        ref var_false,
        ref var_true_in,
        ref beaten_by,
        ref wins,
        ref texts,
    } = *outcome;
    out.combinations += combinations;
    let texts = texts.clone();
    let id = &c.clause.id;
    let p = &c.path;
    let mut finding = |severity, code, path: &YamlPath, message: String, help: &str| {
        let pos = places.pos(&c.file, path);
        out.findings
            .push(Finding::new(severity, code, &c.file, pos, message).with_help(help));
    };
    if capped {
        finding(
            Severity::Warning,
            codes::ENUMERATION_CAPPED,
            &p.key("id"),
            format!(
                "clause `{id}` reads questions with more than {CAP} combinations of answers: only the first {CAP} were tried, so whether each variant can be selected was not checked"
            ),
            "split the clause, or make its conditions read fewer questions",
        );
        return texts;
    }
    let when_src = c.when.as_ref().map_or("", |w| w.source.as_str());
    if c.when.is_some() && !when_seen[1] {
        finding(
            Severity::Error,
            codes::CONDITION_ALWAYS_FALSE,
            &p.key("when"),
            format!(
                "clause `{id}` is never in a handbook: its `when` (`{when_src}`) is false for every combination of answers"
            ),
            "fix the `when`, or remove the clause",
        );
        return texts;
    }
    if c.country.is_none() && !when_seen[0] && c.when.as_ref().is_some_and(|w| !constant(w)) {
        finding(
            Severity::Warning,
            codes::CONDITION_ALWAYS_TRUE,
            &p.key("when"),
            format!(
                "the `when` of clause `{id}` (`{when_src}`) holds for every combination of answers"
            ),
            "remove the `when`: the clause is always in",
        );
    }
    if texts.is_empty() {
        finding(
            Severity::Error,
            codes::UNREACHABLE_CLAUSE,
            &p.key("id"),
            format!(
                "clause `{id}` is never in a handbook: it has no `body`, and none of its variants applies to any answers its `when` allows"
            ),
            "add a `body` for the other answers, or fix the variants' conditions",
        );
        return texts;
    }
    for (j, (v, cond)) in c.variants.iter().enumerate() {
        let vp = p.key("variants").index(j).key("when");
        let src = &cond.source;
        let vid = &v.id;
        if wins[j] {
            if !var_false[j] && !constant(cond) {
                finding(
                    Severity::Warning,
                    codes::CONDITION_ALWAYS_TRUE,
                    &vp,
                    format!(
                        "the `when` of variant `{vid}` of clause `{id}` (`{src}`) holds for every combination of answers"
                    ),
                    "write `when: \"true\"` if it is meant to apply always, or fix it",
                );
            }
            continue;
        }
        let (code, message, help) = if !var_true[j] {
            (
                codes::CONDITION_ALWAYS_FALSE,
                format!(
                    "variant `{vid}` of clause `{id}` is never used: its `when` (`{src}`) is false for every combination of answers"
                ),
                "fix its `when`, or remove the variant",
            )
        } else if !var_true_in[j] {
            (
                codes::UNREACHABLE_VARIANT,
                format!(
                    "variant `{vid}` of clause `{id}` is never used: its `when` (`{src}`) never holds when the clause's `when` (`{when_src}`) does"
                ),
                "fix its `when`, or remove the variant",
            )
        } else {
            let earlier: Vec<String> = beaten_by[j]
                .iter()
                .map(|&k| format!("`{}`", c.variants[k].0.id))
                .collect();
            (
                codes::UNREACHABLE_VARIANT,
                format!(
                    "variant `{vid}` of clause `{id}` is never used: whenever its `when` (`{src}`) holds, an earlier variant applies first ({})",
                    earlier.join(", ")
                ),
                "move it before them, narrow their conditions, or remove it",
            )
        };
        finding(Severity::Error, code, &vp, message, help);
    }
    // A `body` that variants always replace is not reported: review packs show it to
    // the committee as the "otherwise" wording, and libraries keep it on purpose.
    texts
}

/// A literal `true` or `false`: written on purpose.
fn constant(c: &Condition) -> bool {
    matches!(c.expr, Expr::Const(_))
}

/// Whether `c` is in the handbook for `answers` (as `select` decides it).
fn included(
    library: &Library,
    c: &CompiledClause,
    answers: &Answers,
    read: &mut Vec<String>,
) -> bool {
    !library.disabled.contains(&c.clause.id)
        && c.when.as_ref().is_none_or(|w| w.eval(answers, read))
        && (c.clause.body.is_some() || c.variants.iter().any(|(_, v)| v.eval(answers, read)))
}

/// `requires` that some answers break, and `conflicts` that some answers bring about.
pub fn check_references(
    library: &Library,
    order: &Order,
    c: &CompiledClause,
    places: &mut Places<'_>,
    out: &mut DeepCheck,
) {
    let id = &c.clause.id;
    let refs = c
        .clause
        .requires
        .iter()
        .map(|r| (true, r))
        .enumerate()
        .chain(c.clause.conflicts.iter().map(|r| (false, r)).enumerate());
    for (k, (requires, other_id)) in refs {
        let Some((_, other)) = library.clause(other_id) else {
            continue;
        };
        let mut conditions: Vec<&Condition> = c.when.iter().chain(other.when.iter()).collect();
        conditions.extend(
            c.variants
                .iter()
                .chain(other.variants.iter())
                .map(|(_, v)| v),
        );
        let space = Space::of(library, order, &conditions);
        let mut read = Vec::new();
        let mut broken: Option<Answers> = None;
        let walk = space.walk(|a| {
            read.clear();
            let both = included(library, c, a, &mut read)
                && (included(library, other, a, &mut read) != requires);
            if both {
                broken = Some(a.clone());
            }
            !both
        });
        out.combinations += walk.combinations;
        let Some(answers) = broken else {
            continue;
        };
        let key = if requires { "requires" } else { "conflicts" };
        let pos = places.pos(&c.file, &c.path.key(key).index(k));
        let when = match space.describe(&answers) {
            Some(d) => format!("for answers {d}"),
            None => "for any answers".to_string(),
        };
        out.findings.push(if requires {
            Finding::new(
                Severity::Error,
                codes::REQUIRES_BROKEN,
                &c.file,
                pos,
                format!("clause `{id}` requires `{other_id}`, but `{other_id}` is left out {when}"),
            )
            .with_help(format!(
                "make `{other_id}` apply whenever `{id}` does, or narrow `{id}`'s conditions"
            ))
        } else {
            Finding::new(
                Severity::Error,
                codes::CONFLICT_REACHABLE,
                &c.file,
                pos,
                format!(
                    "clause `{id}` conflicts with `{other_id}`, but both are in the handbook {when}"
                ),
            )
            .with_help("make their conditions exclude each other")
        });
    }
}
