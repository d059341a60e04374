//! The questions pass: ids, kinds, choices and prompts; then, once countries are known,
//! each `ask-if` and default; and the questions the program itself reads.
use super::super::Library;
use super::super::known;
use super::super::known::RESERVED_ROOTS;
use super::super::load::RawLibrary;
use super::super::model::Question;
use super::super::positions::YamlPath;
use super::located::{Located, Shapes, missing_id, valid_question_id, valid_value};
use crate::answer::Kind;
use crate::diagnostics::Diagnostic;
use crate::hash::{HashMap, HashSet};

fn question_path(ci: usize, qi: usize) -> YamlPath {
    YamlPath::root()
        .key("chapters")
        .index(ci)
        .key("questions")
        .index(qi)
}

/// Ids, shapes and prompts; adds the chapters to the library.
pub fn check_questions(raw: &RawLibrary, lib: &mut Library, problems: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<String, String> = HashMap::default();
    for (file, qf) in &raw.questions {
        let loc = Located::new(file);
        for (ci, chapter) in qf.chapters.iter().enumerate() {
            let at = YamlPath::root().key("chapters").index(ci);
            if chapter.id.is_empty() {
                problems.push(missing_id(&loc, &at.key("id"), "chapter"));
            }
            if chapter.title.is_empty() {
                problems.push(
                    loc.at(&at, format!("chapter `{}` has no title", chapter.id))
                        .with_help(
                            "add `title:`, the heading the interview shows for its questions",
                        ),
                );
            }
            for (qi, q) in chapter.questions.iter().enumerate() {
                let path = question_path(ci, qi);
                let root = q.id.split('.').next().unwrap_or("");
                if q.id.is_empty() {
                    problems.push(missing_id(&loc, &path.key("id"), "question"));
                } else if !valid_question_id(&q.id) {
                    problems.push(loc.at(&path.key("id"), format!("`{}` is not a valid question id", q.id)).with_help(
                        "use lower-case words with hyphens, joined by dots, like `legal.use-offence`",
                    ));
                } else if let Some(first) = seen.insert(q.id.clone(), file.name.clone()) {
                    problems.push(
                        loc.at(
                            &path.key("id"),
                            format!("question `{}` is defined twice (also in {first})", q.id),
                        )
                        .with_help(if file.overlay {
                            "give your question an id of its own: an overlay adds questions \
                             and cannot redefine one it lies over"
                        } else {
                            "keep one of them, or give the other an id of its own"
                        }),
                    );
                }
                if RESERVED_ROOTS.contains(&root) {
                    problems.push(loc.at(
                        &path.key("id"),
                        format!(
                            "question ids may not start with `{root}`: templates use that name"
                        ),
                    ));
                }
                check_shape(&loc, &path, q, problems);
            }
            if chapter.questions.is_empty() {
                problems.push(loc.at(
                    &YamlPath::root().key("chapters").index(ci),
                    format!("chapter `{}` has no questions", chapter.id),
                ));
            }
        }
        lib.chapters.extend(qf.chapters.iter().cloned());
    }
    // A question id may not be the prefix of another: templates nest them.
    let ids: HashSet<&str> = lib.questions().map(|q| q.id.as_str()).collect();
    for q in lib.questions() {
        let mut prefix = q.id.as_str();
        while let Some((shorter, _)) = prefix.rsplit_once('.') {
            if ids.contains(shorter) {
                problems.push(Diagnostic::error("questions.yaml", None, format!("question `{shorter}` is also the start of `{}`; templates could not read both", q.id)).with_help("rename one of them"));
            }
            prefix = shorter;
        }
    }
}

fn check_shape(loc: &Located<'_>, path: &YamlPath, q: &Question, problems: &mut Vec<Diagnostic>) {
    let has_list = matches!(q.kind, Kind::Choice | Kind::Multi);
    match (&q.choices_from, has_list) {
        (Some(from), true) if from != "countries" => {
            problems.push(
                loc.at(
                    &path.key("choices-from"),
                    format!("unknown choices-from `{from}`"),
                )
                .with_help("the only one is `countries`"),
            );
        }
        (None, true) if q.choices.is_empty() => {
            problems.push(
                loc.at(
                    path,
                    format!("`{}` is a {} question without choices", q.id, q.kind.name()),
                )
                .with_help(if q.kind == Kind::Choice {
                    "add `choices:` with a value and label each; or, if it is another kind of question, say so with `kind:` (text, yes-no, multi or number): a question without `kind` is a choice"
                } else {
                    "add `choices:` with a value and label each"
                }),
            );
        }
        (_, false) if !q.choices.is_empty() || q.choices_from.is_some() => {
            problems.push(loc.at(
                &path.key("choices"),
                format!(
                    "`{}` is a {} question; only choice and multi questions take choices",
                    q.id,
                    q.kind.name()
                ),
            ));
        }
        _ => {}
    }
    let mut values = HashSet::default();
    for (i, c) in q.choices.iter().enumerate() {
        let at = path.key("choices").index(i);
        if c.value.is_empty() {
            problems.push(
                loc.at(&at, format!("a choice of `{}` has no `value`", q.id))
                    .with_help("add `value:`, the word the answers file records (letters, digits and hyphens)"),
            );
        } else if !valid_value(&c.value) {
            problems.push(
                loc.at(
                    &at.key("value"),
                    format!("`{}` is not a valid choice value", c.value),
                )
                .with_help("use letters, digits and hyphens"),
            );
        } else if !values.insert(c.value.as_str()) {
            problems.push(loc.at(
                &at.key("value"),
                format!("choice `{}` appears twice in `{}`", c.value, q.id),
            ));
        }
        if c.label.is_empty() {
            problems.push(loc.at(&at, format!("choice `{}` has no label", c.value)));
        }
    }
    if q.prompt.is_empty() {
        problems.push(loc.at(path, format!("question `{}` has no prompt", q.id)));
    }
    check_not_sure(loc, path, q, problems);
}

/// A question about the law offers exactly one "not sure" choice, so that an organisation
/// that does not know its law can say so (and `--defaults` can choose it); no other
/// question marks one.
fn check_not_sure(
    loc: &Located<'_>,
    path: &YamlPath,
    q: &Question,
    problems: &mut Vec<Diagnostic>,
) {
    let marked: Vec<usize> = (0..q.choices.len())
        .filter(|&i| q.choices[i].not_sure)
        .collect();
    if q.is_legal() && (q.kind != Kind::Choice || marked.is_empty()) {
        problems.push(
            loc.at(
                path,
                format!(
                    "`{}` is a question about the law without a \"not sure\" answer",
                    q.id
                ),
            )
            .with_help(
                "make it a choice question with `- value: not-sure`, `label: Not sure`, \
                 `not-sure: true`, and give each clause that reads it a variant for that value",
            ),
        );
    } else if !q.is_legal() && !marked.is_empty() {
        problems.push(
            loc.at(
                &path.key("choices").index(marked[0]).key("not-sure"),
                format!(
                    "`{}` is not a question about the law; only those take a \"not sure\" answer",
                    q.id
                ),
            )
            .with_help(format!(
                "give it an id starting with `{}` or `country-default: true`, or remove `not-sure`",
                known::LEGAL_PREFIX
            )),
        );
    }
    for &i in marked.iter().skip(1) {
        problems.push(loc.at(
            &path.key("choices").index(i).key("not-sure"),
            format!("`{}` has more than one \"not sure\" answer", q.id),
        ));
    }
}

/// Once countries are known: each `ask-if` (reading only earlier questions) and each
/// default.
pub fn check_conditions(raw: &RawLibrary, lib: &mut Library, problems: &mut Vec<Diagnostic>) {
    let shapes = Shapes::of(lib);
    let order: HashMap<String, usize> = lib
        .questions()
        .enumerate()
        .map(|(i, q)| (q.id.clone(), i))
        .collect();
    for (file, qf) in &raw.questions {
        let loc = Located::new(file);
        for (ci, chapter) in qf.chapters.iter().enumerate() {
            for (qi, q) in chapter.questions.iter().enumerate() {
                let path = question_path(ci, qi);
                if let Some(src) = &q.ask_if
                    && let Some(c) = shapes.condition(&loc, &path.key("ask-if"), src, problems)
                {
                    let me = order.get(&q.id);
                    for read in c.questions() {
                        if order.get(read) >= me {
                            problems.push(loc.at(&path.key("ask-if"), format!("`{}` is asked only if `{read}` is answered, but `{read}` is asked later (or is the question itself)", q.id)).with_help("move the question after the ones its ask-if reads"));
                        }
                    }
                    lib.ask_if.insert(q.id.clone(), c);
                }
                if let Some(default) = &q.default
                    && let Err((message, help)) = lib.convert_answer(q, default)
                {
                    problems.push(
                        loc.at(&path.key("default"), format!("default: {message}"))
                            .with_help(help),
                    );
                }
            }
        }
    }
}

/// The questions the program reads ([`known::ALL`]) exist with the kind it expects.
pub fn check_known(lib: &Library, problems: &mut Vec<Diagnostic>) {
    for k in known::ALL {
        match lib.question(k.id) {
            None => problems.push(
                Diagnostic::error(
                    "questions.yaml",
                    None,
                    format!(
                        "the library has no question `{}`, which hrpolicy needs for {}",
                        k.id, k.used_for
                    ),
                )
                .with_help(format!(
                    "add a {} question with id `{}`",
                    k.kind.name(),
                    k.id
                )),
            ),
            Some(q) if q.kind != k.kind => problems.push(
                Diagnostic::error(
                    "questions.yaml",
                    None,
                    format!(
                        "question `{}` is a {} question, but hrpolicy reads it as {} for {}",
                        k.id,
                        q.kind.name(),
                        k.kind.name(),
                        k.used_for
                    ),
                )
                .with_help(format!(
                    "make `{}` a `kind: {}` question",
                    k.id,
                    k.kind.name()
                )),
            ),
            Some(_) => {}
        }
    }
    if let Some(q) = lib.question(known::PLACE_COUNTRY.id)
        && q.choices_from.as_deref() != Some("countries")
    {
        problems.push(
            Diagnostic::error(
                "questions.yaml",
                None,
                format!(
                    "question `{}` must offer the country profiles",
                    known::PLACE_COUNTRY.id
                ),
            )
            .with_help("give it `choices-from: countries`"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{MINIMAL, messages};

    #[test]
    fn a_chapter_without_id_or_title_and_a_choice_without_value_are_named() {
        let questions = "chapters:\n  - id: org\n    questions:\n      - id: org.name\n        kind: text\n        prompt: Name?\n      - id: org.type\n        kind: choice\n        prompt: Type?\n        choices:\n          - value: led\n            label: Led\n          - label: No value\n      - id: place.country\n        kind: choice\n        prompt: Country?\n        choices-from: countries\n      - id: place.region\n        kind: text\n        prompt: Region?\n  - title: More\n    questions:\n      - id: more.x\n        prompt: X?\n";
        assert_eq!(
            messages(&[("questions.yaml", questions)]),
            [
                "questions.yaml:2:5: chapter `org` has no title",
                "questions.yaml:13:13: a choice of `org.type` has no `value`",
                "questions.yaml:21:5: this chapter has no `id`",
                // No `kind`: a choice, and its help says so.
                "questions.yaml:23:9: `more.x` is a choice question without choices",
            ]
        );
    }

    #[test]
    fn reports_ids_choices_and_prompts() {
        let questions = "chapters:\n  - id: c\n    title: C\n    questions:\n      - id: Bad.Id\n        kind: text\n        prompt: P\n      - id: org.type\n        kind: choice\n        prompt: ''\n        choices:\n          - value: a\n            label: A\n          - value: a\n            label: ''\n      - id: label.x\n        kind: yes-no\n        prompt: P\n        choices:\n          - value: y\n            label: Y\n";
        assert_eq!(
            messages(&[(
                "questions.yaml",
                &format!("{}{}", MINIMAL.questions, &questions[10..])
            )]),
            [
                "questions.yaml:24:5: chapter `more` has no questions",
                "questions.yaml:30:13: `Bad.Id` is not a valid question id",
                "questions.yaml:33:9: question `org.type` has no prompt",
                "questions.yaml:33:13: question `org.type` is defined twice (also in questions.yaml)",
                "questions.yaml:39:13: choice `a` has no label",
                "questions.yaml:39:20: choice `a` appears twice in `org.type`",
                "questions.yaml:41:13: question ids may not start with `label`: templates use that name",
                "questions.yaml:45:11: `label.x` is a yes-no question; only choice and multi questions take choices",
            ]
        );
    }

    #[test]
    fn ask_if_reads_only_earlier_questions_and_defaults_must_fit() {
        let questions = "      - id: late.a\n        kind: yes-no\n        prompt: A\n        ask-if: late.b\n      - id: late.b\n        kind: choice\n        prompt: B\n        default: maybe\n        choices:\n          - value: yes-b\n            label: Yes\n";
        assert_eq!(
            messages(&[(
                "questions.yaml",
                &format!("{}{questions}", MINIMAL.questions)
            )]),
            [
                "questions.yaml:30:17: `late.a` is asked only if `late.b` is answered, but `late.b` is asked later (or is the question itself)",
                "questions.yaml:34:18: default: `maybe` is not a choice of `late.b`",
            ]
        );
    }

    #[test]
    fn a_question_about_the_law_offers_one_not_sure_answer() {
        let questions = "      - id: legal.x\n        kind: yes-no\n        prompt: X?\n      - id: legal.y\n        kind: choice\n        prompt: Y?\n        choices:\n          - value: a\n            label: A\n            not-sure: true\n          - value: b\n            label: B\n            not-sure: true\n      - id: more.z\n        kind: choice\n        prompt: Z?\n        choices:\n          - value: c\n            label: C\n            not-sure: true\n";
        assert_eq!(
            messages(&[(
                "questions.yaml",
                &format!("{}{questions}", MINIMAL.questions)
            )]),
            [
                "questions.yaml:27:9: `legal.x` is a question about the law without a \"not sure\" answer",
                "questions.yaml:39:23: `legal.y` has more than one \"not sure\" answer",
                "questions.yaml:46:23: `more.z` is not a question about the law; only those take a \"not sure\" answer",
            ]
        );
    }

    #[test]
    fn the_questions_the_program_reads_must_exist_with_their_kind() {
        let questions = MINIMAL
            .questions
            .replace(
                "id: org.name\n        kind: text",
                "id: org.name\n        kind: number",
            )
            .replace("id: place.region", "id: place.area");
        assert_eq!(
            messages(&[("questions.yaml", &questions)]),
            [
                "questions.yaml: question `org.name` is a number question, but hrpolicy reads it as text for the title page and the document metadata",
                "questions.yaml: the library has no question `place.region`, which hrpolicy needs for the legal appendix's note on sub-national law",
                "questions.yaml:24:5: chapter `more` has no questions",
            ]
        );
    }
}
