//! The answers a set of conditions can tell apart: every question they read (and every
//! question the `ask-if` of those reads), each over a small finite domain, enumerated in
//! interview order so that a question whose `ask-if` is false has no answer.
use crate::answer::{Answer, Answers, Kind};
use crate::condition::{Condition, Expr};
use crate::hash::HashMap;
use crate::library::Library;
use crate::library::model::Question;
use std::collections::{BTreeMap, BTreeSet};

/// At most this many combinations of answers are tried for one set of conditions.
pub const CAP: usize = 4096;

/// Each question's place in the interview, computed once per library.
pub struct Order(HashMap<String, usize>);

impl Order {
    pub fn of(library: &Library) -> Order {
        Order(
            library
                .questions()
                .enumerate()
                .map(|(i, q)| (q.id.clone(), i))
                .collect(),
        )
    }
}

/// One question of a space: its `ask-if` and the answers worth trying.
struct Dimension<'a> {
    id: String,
    ask_if: Option<&'a Condition>,
    values: Vec<Answer>,
}

/// The questions some conditions read, with the answers that can change them.
pub struct Space<'a> {
    dimensions: Vec<Dimension<'a>>,
}

/// How an enumeration went.
#[derive(Debug, Clone, Copy, Default)]
pub struct Walk {
    pub combinations: usize,
    /// Stopped at [`CAP`] before trying every combination.
    pub capped: bool,
}

impl<'a> Space<'a> {
    /// The space of the questions `conditions` read, closed over `ask-if`.
    pub fn of(library: &'a Library, order: &Order, conditions: &[&'a Condition]) -> Space<'a> {
        let mut mentioned: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for c in conditions {
            mentions(&c.expr, &mut mentioned);
        }
        // Close over the conditions that decide whether each question is asked.
        let mut todo: Vec<String> = mentioned.keys().cloned().collect();
        while let Some(id) = todo.pop() {
            if let Some(ask_if) = library.ask_if.get(&id) {
                let before: BTreeSet<String> = mentioned.keys().cloned().collect();
                mentions(&ask_if.expr, &mut mentioned);
                todo.extend(mentioned.keys().filter(|k| !before.contains(*k)).cloned());
            }
        }
        let mut ids: Vec<(usize, String)> = mentioned
            .keys()
            .filter_map(|id| order.0.get(id).map(|&i| (i, id.clone())))
            .collect();
        ids.sort();
        let dimensions = ids
            .into_iter()
            .filter_map(|(_, id)| {
                let q = library.question(&id)?;
                Some(Dimension {
                    values: domain(library, q, &mentioned[&id]),
                    ask_if: library.ask_if.get(&id),
                    id,
                })
            })
            .collect();
        Space { dimensions }
    }

    /// The space's questions, in interview order.
    pub fn ids(&self) -> Vec<String> {
        self.dimensions.iter().map(|d| d.id.clone()).collect()
    }

    /// Calls `visit` with each combination of answers (effective answers: a question not
    /// asked has none) until it returns false or [`CAP`] combinations were tried.
    pub fn walk(&self, mut visit: impl FnMut(&Answers) -> bool) -> Walk {
        let n = self.dimensions.len();
        let mut index = vec![0usize; n];
        let mut size = vec![1usize; n];
        let mut walk = Walk::default();
        let mut read = Vec::new();
        let mut answers = Answers::default();
        // Questions before `from` keep their answers from the last combination.
        let mut from = 0;
        loop {
            // A question's `ask-if` sees only the answers before it.
            for d in &self.dimensions[from..] {
                answers.remove(&d.id);
            }
            for (i, d) in self.dimensions.iter().enumerate().skip(from) {
                read.clear();
                let asked = d.ask_if.is_none_or(|c| c.eval(&answers, &mut read));
                if asked && !d.values.is_empty() {
                    size[i] = d.values.len();
                    answers.insert(&d.id, d.values[index[i]].clone());
                } else {
                    size[i] = 1;
                }
            }
            walk.combinations += 1;
            if !visit(&answers) {
                return walk;
            }
            // The next combination, the last question turning fastest.
            let Some(k) = (0..n).rev().find(|&k| index[k] + 1 < size[k]) else {
                return walk;
            };
            index[k] += 1;
            index[k + 1..].iter_mut().for_each(|i| *i = 0);
            from = k;
            if walk.combinations >= CAP {
                walk.capped = true;
                return walk;
            }
        }
    }

    /// The space's answers in `answers`, for messages: `a=b, c=[d, e], f=(not asked)`;
    /// `None` for a space without questions.
    pub fn describe(&self, answers: &Answers) -> Option<String> {
        if self.dimensions.is_empty() {
            return None;
        }
        let parts: Vec<String> = self
            .dimensions
            .iter()
            .map(|d| {
                let value = match answers.get(&d.id) {
                    None => "(not asked)".to_string(),
                    Some(Answer::Multi(v)) => format!("[{}]", v.join(", ")),
                    Some(a) => a.display(),
                };
                format!("{}={value}", d.id)
            })
            .collect();
        Some(parts.join(", "))
    }
}

/// Every question a condition names, with the values it compares it with.
fn mentions(e: &Expr, out: &mut BTreeMap<String, BTreeSet<String>>) {
    match e {
        Expr::Const(_) => {}
        Expr::Truthy(q) => {
            out.entry(q.text.clone()).or_default();
        }
        Expr::Equals {
            question, value, ..
        } => {
            out.entry(question.text.clone())
                .or_default()
                .insert(value.text.clone());
        }
        Expr::In {
            question, values, ..
        }
        | Expr::Has {
            question, values, ..
        } => {
            out.entry(question.text.clone())
                .or_default()
                .extend(values.iter().map(|v| v.text.clone()));
        }
        Expr::Not(inner) => mentions(inner, out),
        Expr::And(v) | Expr::Or(v) => v.iter().for_each(|x| mentions(x, out)),
    }
}

/// The answers of `q` that conditions mentioning `mentioned` can tell apart: each value
/// they name, and one they do not name (the default where it is one of those).
fn domain(library: &Library, q: &Question, mentioned: &BTreeSet<String>) -> Vec<Answer> {
    let default = q
        .default
        .as_ref()
        .and_then(|d| library.convert_answer(q, d).ok());
    match q.kind {
        Kind::YesNo => vec![Answer::Bool(false), Answer::Bool(true)],
        Kind::Choice => {
            let all = library.choice_values(q);
            let (named, other): (Vec<String>, Vec<String>) =
                all.into_iter().partition(|v| mentioned.contains(v));
            let mut values: Vec<Answer> = named.into_iter().map(Answer::Text).collect();
            let unnamed = match default {
                Some(Answer::Text(d)) if other.contains(&d) => Some(d),
                _ => other.into_iter().next(),
            };
            values.extend(unnamed.map(Answer::Text));
            values
        }
        Kind::Multi => {
            let all = library.choice_values(q);
            let (named, other): (Vec<String>, Vec<String>) =
                all.into_iter().partition(|v| mentioned.contains(v));
            let mut values = Vec::new();
            // Every subset of the named values, with and without one value not named.
            let width = named.len().min(CAP.trailing_zeros() as usize);
            for mask in 0..(1usize << width) {
                let subset: Vec<String> = (0..width)
                    .filter(|b| mask & (1 << b) != 0)
                    .map(|b| named[b].clone())
                    .collect();
                if let Some(o) = other.first() {
                    let mut with = subset.clone();
                    with.push(o.clone());
                    values.push(Answer::Multi(subset));
                    values.push(Answer::Multi(with));
                } else {
                    values.push(Answer::Multi(subset));
                }
            }
            values
        }
        Kind::Text => {
            let mut values: Vec<Answer> = mentioned.iter().cloned().map(Answer::Text).collect();
            let other = match default {
                Some(Answer::Text(d)) if !mentioned.contains(&d) => d,
                _ => "example".to_string(),
            };
            if !mentioned.contains(&other) {
                values.push(Answer::Text(other));
            }
            values
        }
        Kind::Number => {
            let named: Vec<f64> = mentioned.iter().filter_map(|v| v.parse().ok()).collect();
            let other = named.iter().copied().fold(0.0_f64, f64::max) + 1.0;
            named
                .into_iter()
                .chain([other])
                .map(Answer::Number)
                .collect()
        }
    }
}
