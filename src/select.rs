//! The deciding step: which clauses are in the handbook, which variant of each, and
//! why. Pure: library and answers in, a plan out.
use crate::answer::{Answer, Answers};
use crate::library::model::Variant;
use crate::library::{CompiledClause, Library, Section};

/// Why a clause is in or out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// No condition: always in.
    Always,
    /// Its `when` held.
    ConditionHeld,
    /// Its `when` did not hold.
    ConditionFailed,
    /// It has only variants, and none applied.
    NoVariantApplies,
    /// An overlay's `disable` list names it.
    Disabled,
}

#[derive(Debug, Clone)]
pub struct Choice<'a> {
    pub section: &'a Section,
    pub clause: &'a CompiledClause,
    pub included: bool,
    pub reason: Reason,
    /// The variant used; `None` means the clause's own `body`.
    pub variant: Option<&'a Variant>,
    /// The answers the conditions read, in the order they were read.
    pub read: Vec<(String, Option<Answer>)>,
}

impl Choice<'_> {
    pub fn variant_id(&self) -> &str {
        self.variant.map_or("default", |v| v.id.as_str())
    }
}

#[derive(Debug, Clone)]
pub struct Plan<'a> {
    /// Every clause of the library, in handbook order, with its decision.
    pub choices: Vec<Choice<'a>>,
}

impl<'a> Plan<'a> {
    pub fn included(&self) -> impl Iterator<Item = &Choice<'a>> {
        self.choices.iter().filter(|c| c.included)
    }

    pub fn choice(&self, id: &str) -> Option<&Choice<'a>> {
        self.choices.iter().find(|c| c.clause.clause.id == id)
    }

    pub fn included_ids(&self) -> Vec<&str> {
        self.included()
            .map(|c| c.clause.clause.id.as_str())
            .collect()
    }

    /// Broken `requires` and `conflicts` among the included clauses, as messages.
    pub fn reference_problems(&self) -> Vec<String> {
        let ids = self.included_ids();
        let mut out = Vec::new();
        for c in self.included() {
            let id = &c.clause.clause.id;
            for r in &c.clause.clause.requires {
                if !ids.contains(&r.as_str()) {
                    out.push(format!(
                        "clause `{id}` requires `{r}`, which is not in this handbook"
                    ));
                }
            }
            for x in &c.clause.clause.conflicts {
                if ids.contains(&x.as_str()) {
                    out.push(format!(
                        "clause `{id}` conflicts with `{x}`, and both are in this handbook"
                    ));
                }
            }
        }
        out
    }
}

/// Decides every clause against `answers` (already reduced to the effective answers).
pub fn select_clauses<'a>(library: &'a Library, answers: &Answers) -> Plan<'a> {
    let mut choices = Vec::new();
    for section in &library.sections {
        for clause in &section.clauses {
            choices.push(decide(library, section, clause, answers));
        }
    }
    Plan { choices }
}

fn decide<'a>(
    library: &Library,
    section: &'a Section,
    clause: &'a CompiledClause,
    answers: &Answers,
) -> Choice<'a> {
    let mut read = Vec::new();
    let mut choice = Choice {
        section,
        clause,
        included: false,
        reason: Reason::Always,
        variant: None,
        read: Vec::new(),
    };
    if library.disabled.contains(&clause.clause.id) {
        choice.reason = Reason::Disabled;
        return choice;
    }
    if let Some(when) = &clause.when {
        if !when.eval(answers, &mut read) {
            choice.reason = Reason::ConditionFailed;
            choice.read = with_values(read, answers);
            return choice;
        }
        choice.reason = Reason::ConditionHeld;
    }
    choice.variant = clause
        .variants
        .iter()
        .find(|(_, cond)| cond.eval(answers, &mut read))
        .map(|(v, _)| v);
    if choice.variant.is_none() && clause.clause.body.is_none() {
        choice.reason = Reason::NoVariantApplies;
    } else {
        choice.included = true;
    }
    choice.read = with_values(read, answers);
    choice
}

fn with_values(read: Vec<String>, answers: &Answers) -> Vec<(String, Option<Answer>)> {
    read.into_iter()
        .map(|id| {
            let a = answers.get(&id).cloned();
            (id, a)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::load::load_from;

    const LIB: &str = "name: t\nversion: '1'\ndefault-language: en\ntitle: T\n";
    const QUESTIONS: &str = "chapters:
  - id: c
    title: C
    questions:
      - id: org.type
        kind: choice
        prompt: Type?
        choices: [{value: led, label: Led}, {value: based, label: Based}]
      - id: services
        kind: multi
        prompt: Services?
        choices: [{value: nsp, label: NSP}, {value: ost, label: OST}]
      - {id: org.name, kind: text, prompt: Name?}
      - {id: place.country, kind: choice, prompt: Where?, choices-from: countries}
      - {id: place.region, kind: text, prompt: Region?}
";
    const SOURCES: &str = "sources: [{id: s, title: S}]";
    const SECTION: &str = "id: sec
title: Sec
clauses:
  - id: always
    title: A
    body: a
    rationale: r
    sources: [s]
  - id: nsp-only
    title: N
    when: services has nsp
    body: n
    rationale: r
    sources: [s]
  - id: governance
    title: G
    variants:
      - {id: led, when: org.type == led, body: led}
    rationale: r
    sources: [s]
  - id: with-default
    title: D
    body: default
    variants:
      - {id: ost, when: services has ost, body: ost}
    rationale: r
    sources: [s]
";

    fn plan_ids(answers: &[(&str, Answer)]) -> Vec<String> {
        let (lib, _) = load_from(&[
            ("library.yaml", LIB),
            ("questions.yaml", QUESTIONS),
            ("sources.yaml", SOURCES),
            ("sections/01-sec.yaml", SECTION),
            ("strings.yaml", &crate::library::validate::tests::strings()),
        ])
        .unwrap();
        let mut a = Answers::default();
        for (k, v) in answers {
            a.insert(k, v.clone());
        }
        let plan = select_clauses(&lib, &a);
        plan.included()
            .map(|c| format!("{}:{}", c.clause.clause.id, c.variant_id()))
            .collect()
    }

    #[test]
    fn selection_table() {
        let multi = |v: &[&str]| Answer::Multi(v.iter().map(|s| s.to_string()).collect());
        type Case<'a> = (Vec<(&'a str, Answer)>, Vec<&'a str>);
        let cases: Vec<Case> = vec![
            (vec![], vec!["always:default", "with-default:default"]),
            (
                vec![("services", multi(&["nsp"]))],
                vec!["always:default", "nsp-only:default", "with-default:default"],
            ),
            (
                vec![("org.type", Answer::Text("led".into()))],
                vec!["always:default", "governance:led", "with-default:default"],
            ),
            (
                vec![
                    ("org.type", Answer::Text("based".into())),
                    ("services", multi(&["ost"])),
                ],
                vec!["always:default", "with-default:ost"],
            ),
        ];
        for (answers, expected) in cases {
            assert_eq!(plan_ids(&answers), expected, "answers: {answers:?}");
        }
    }
}
