//! The validation pass: merges the parsed files into one [`Library`], parses every
//! condition, and checks every cross-reference, reporting **all** problems with places.
use super::load::RawLibrary;
use super::model::{Clause, Kind, Question};
use super::positions::{Place, Positions};
use super::template_check;
use super::{CompiledClause, Library, Section, SourceFile};
use crate::condition::{Condition, QuestionShape};
use crate::diagnostics::{Diagnostic, Pos, did_you_mean, pos_of_offset};
use crate::text::Text;
use std::collections::{HashMap, HashSet};

/// Names templates may read besides the questions.
const RESERVED_ROOTS: [&str; 3] = ["label", "country", "document"];

/// A file with its position index, for pointing at values. The index is built only
/// when a problem needs a position, so a valid library loads without it.
struct Located<'a> {
    file: &'a SourceFile,
    index: std::cell::OnceCell<Positions>,
}

impl<'a> Located<'a> {
    fn new(file: &'a SourceFile) -> Self {
        Located {
            file,
            index: std::cell::OnceCell::new(),
        }
    }

    fn positions(&self) -> &Positions {
        self.index.get_or_init(|| Positions::index(&self.file.text))
    }

    fn at(&self, path: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(&self.file.name, self.positions().pos(path), message)
            .with_source(&self.file.text)
    }

    fn warn(&self, path: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(&self.file.name, self.positions().pos(path), message)
            .with_source(&self.file.text)
    }

    /// The file position of byte `offset` inside the scalar at `path`.
    fn inside(&self, path: &str, offset_line: usize, offset_col: usize) -> Option<Pos> {
        let Place { pos, block } = self.positions().place(path)?;
        if block {
            // Block scalar: marked where its content starts, at its indentation.
            let line = pos.line + offset_line - 1;
            let text = self.file.text.lines().nth(line - 1).unwrap_or("");
            let indent = text.len() - text.trim_start().len();
            Some(Pos {
                line,
                col: indent + offset_col,
            })
        } else {
            let quoted = self
                .file
                .text
                .lines()
                .nth(pos.line - 1)
                .and_then(|l| l.chars().nth(pos.col - 1))
                .is_some_and(|c| c == '"' || c == '\'');
            let col = if offset_line == 1 {
                pos.col + offset_col - 1 + usize::from(quoted)
            } else {
                offset_col
            };
            Some(Pos {
                line: pos.line + offset_line - 1,
                col,
            })
        }
    }

    fn inside_at(
        &self,
        path: &str,
        scalar: &str,
        offset: usize,
        message: String,
        help: Option<String>,
    ) -> Diagnostic {
        let rel = pos_of_offset(scalar, offset);
        let pos = self
            .inside(path, rel.line, rel.col)
            .or_else(|| self.positions().pos(path));
        let d = Diagnostic::error(&self.file.name, pos, message).with_source(&self.file.text);
        match help {
            Some(h) => d.with_help(h),
            None => d,
        }
    }
}

/// Merges and checks the parsed files.
pub fn compile(raw: RawLibrary) -> Result<(Library, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let mut lib = Library::default();

    // library.yaml: the first is the base, later ones (overlays) may only disable clauses.
    for (i, (file, meta)) in raw.meta.iter().enumerate() {
        if i == 0 {
            lib.meta = meta.clone();
            let loc = Located::new(file);
            for (key, value) in [
                ("name", &meta.name),
                ("version", &meta.version),
                ("default-language", &meta.default_language),
            ] {
                if value.is_empty() {
                    problems.push(
                        loc.at("", format!("`{key}` is missing"))
                            .with_help(format!("add `{key}:` to library.yaml")),
                    );
                }
            }
        }
        lib.disabled.extend(meta.disable.iter().cloned());
    }
    if raw.meta.is_empty() {
        problems.push(Diagnostic::error(
            "library.yaml",
            None,
            "the library has no library.yaml",
        ));
    }

    check_questions(&raw, &mut lib, &mut problems);
    check_sources(&raw, &mut lib, &mut problems);
    check_sections(&raw, &mut lib, &mut problems);
    check_countries(&raw, &mut lib, &mut problems);
    check_language(&raw, &mut lib, &mut problems);
    check_templates(&raw, &mut lib, &mut problems);

    let ids: HashSet<&str> = lib.clauses().map(|(_, c)| c.clause.id.as_str()).collect();
    for id in &lib.disabled {
        if !ids.contains(id.as_str()) {
            let (file, _) = raw
                .meta
                .iter()
                .rev()
                .find(|(_, m)| m.disable.contains(id))
                .expect("listed");
            let loc = Located::new(file);
            let idx = raw
                .meta
                .iter()
                .rev()
                .find(|(_, m)| m.disable.contains(id))
                .map_or(0, |(_, m)| {
                    m.disable.iter().position(|d| d == id).unwrap_or(0)
                });
            problems.push(
                loc.at(
                    &format!("disable/{idx}"),
                    format!("cannot disable `{id}`: no clause has that id"),
                )
                .with_help(
                    did_you_mean(id, ids.iter().copied())
                        .unwrap_or_else(|| "see `hrpolicy list clauses`".into()),
                ),
            );
        }
    }

    let mut files: Vec<SourceFile> = Vec::new();
    files.extend(raw.meta.iter().map(|(f, _)| f.clone()));
    files.extend(raw.questions.iter().map(|(f, _)| f.clone()));
    files.extend(raw.sources.iter().map(|(f, _)| f.clone()));
    files.extend(raw.sections.iter().map(|(f, _)| f.clone()));
    files.extend(raw.countries.iter().map(|(f, _)| f.clone()));
    files.extend(raw.language.iter().map(|(f, _)| f.clone()));
    files.extend(raw.glossary.iter().map(|(f, _)| f.clone()));
    lib.files = files;

    // Reported file by file, top to bottom.
    problems.sort_by(|a, b| (&a.file, a.pos).cmp(&(&b.file, b.pos)));
    let (warnings, errors): (Vec<_>, Vec<_>) = problems.into_iter().partition(|d| d.warning);
    if errors.is_empty() {
        Ok((lib, warnings))
    } else {
        Err(errors.into_iter().chain(warnings).collect())
    }
}

fn valid_question_id(id: &str) -> bool {
    !id.is_empty()
        && id.split('.').all(|seg| {
            seg.chars().next().is_some_and(|c| c.is_ascii_lowercase())
                && seg
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        })
}

fn valid_value(v: &str) -> bool {
    !v.is_empty()
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn valid_clause_id(id: &str) -> bool {
    !id.is_empty()
        && id.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Looks up the shape of a question for condition checks.
fn shapes(lib: &Library) -> HashMap<String, (Kind, Vec<String>)> {
    lib.questions()
        .map(|q| (q.id.clone(), (q.kind, lib.choice_values(q))))
        .collect()
}

fn check_condition(
    loc: &Located<'_>,
    path: &str,
    source: &str,
    shapes: &HashMap<String, (Kind, Vec<String>)>,
    problems: &mut Vec<Diagnostic>,
) -> Option<Condition> {
    match Condition::parse(source) {
        Ok(c) => {
            let ids: Vec<&str> = shapes.keys().map(String::as_str).collect();
            let shape = |id: &str| {
                shapes.get(id).map(|(kind, values)| QuestionShape {
                    kind: *kind,
                    values: values.iter().map(String::as_str).collect(),
                })
            };
            let errors = c.check(&shape, &ids);
            let ok = errors.is_empty();
            for e in errors {
                problems.push(loc.inside_at(path, source, e.offset, e.message, e.help));
            }
            ok.then_some(c)
        }
        Err(e) => {
            problems.push(loc.inside_at(
                path,
                source,
                e.offset,
                format!("in this condition: {}", e.message),
                e.help,
            ));
            None
        }
    }
}

fn check_questions(raw: &RawLibrary, lib: &mut Library, problems: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<String, String> = HashMap::new();
    for (file, qf) in &raw.questions {
        let loc = Located::new(file);
        for (ci, chapter) in qf.chapters.iter().enumerate() {
            for (qi, q) in chapter.questions.iter().enumerate() {
                let path = format!("chapters/{ci}/questions/{qi}");
                if !valid_question_id(&q.id) {
                    problems.push(loc.at(&format!("{path}/id"), format!("`{}` is not a valid question id", q.id)).with_help(
                        "use lower-case words with hyphens, joined by dots, like `legal.use-offence`",
                    ));
                } else if let Some(first) = seen.insert(q.id.clone(), file.name.clone()) {
                    problems.push(loc.at(
                        &format!("{path}/id"),
                        format!("question `{}` is defined twice (also in {first})", q.id),
                    ));
                }
                if RESERVED_ROOTS.contains(&q.id.split('.').next().unwrap_or("")) {
                    problems.push(loc.at(
                        &format!("{path}/id"),
                        format!(
                            "question ids may not start with `{}`: templates use that name",
                            q.id.split('.').next().unwrap_or("")
                        ),
                    ));
                }
                check_question_shape(&loc, &path, q, problems);
            }
            if chapter.questions.is_empty() {
                problems.push(loc.at(
                    &format!("chapters/{ci}"),
                    format!("chapter `{}` has no questions", chapter.id),
                ));
            }
        }
        lib.chapters.extend(qf.chapters.iter().cloned());
    }
    // A question id may not be the prefix of another: templates nest them.
    let ids: Vec<String> = lib.questions().map(|q| q.id.clone()).collect();
    for id in &ids {
        if let Some(longer) = ids.iter().find(|o| o.starts_with(&format!("{id}."))) {
            problems.push(Diagnostic::error("questions.yaml", None, format!("question `{id}` is also the start of `{longer}`; templates could not read both")).with_help("rename one of them"));
        }
    }
}

fn check_question_shape(
    loc: &Located<'_>,
    path: &str,
    q: &Question,
    problems: &mut Vec<Diagnostic>,
) {
    let has_list = matches!(q.kind, Kind::Choice | Kind::Multi);
    match (&q.choices_from, has_list) {
        (Some(from), true) if from != "countries" => {
            problems.push(
                loc.at(
                    &format!("{path}/choices-from"),
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
                .with_help("add `choices:` with a value and label each"),
            );
        }
        (_, false) if !q.choices.is_empty() || q.choices_from.is_some() => {
            problems.push(loc.at(
                &format!("{path}/choices"),
                format!(
                    "`{}` is a {} question; only choice and multi questions take choices",
                    q.id,
                    q.kind.name()
                ),
            ));
        }
        _ => {}
    }
    let mut values = HashSet::new();
    for (i, c) in q.choices.iter().enumerate() {
        if !valid_value(&c.value) {
            problems.push(
                loc.at(
                    &format!("{path}/choices/{i}/value"),
                    format!("`{}` is not a valid choice value", c.value),
                )
                .with_help("use letters, digits and hyphens"),
            );
        } else if !values.insert(c.value.as_str()) {
            problems.push(loc.at(
                &format!("{path}/choices/{i}/value"),
                format!("choice `{}` appears twice in `{}`", c.value, q.id),
            ));
        }
        if c.label.is_empty() {
            problems.push(loc.at(
                &format!("{path}/choices/{i}"),
                format!("choice `{}` has no label", c.value),
            ));
        }
    }
    if q.prompt.is_empty() {
        problems.push(loc.at(path, format!("question `{}` has no prompt", q.id)));
    }
}

/// Second half of the question checks, once countries are known: ask-if and defaults.
fn check_question_conditions(raw: &RawLibrary, lib: &mut Library, problems: &mut Vec<Diagnostic>) {
    let shapes = shapes(lib);
    let order: Vec<String> = lib.questions().map(|q| q.id.clone()).collect();
    for (file, qf) in &raw.questions {
        let loc = Located::new(file);
        for (ci, chapter) in qf.chapters.iter().enumerate() {
            for (qi, q) in chapter.questions.iter().enumerate() {
                let path = format!("chapters/{ci}/questions/{qi}");
                if let Some(src) = &q.ask_if
                    && let Some(c) =
                        check_condition(&loc, &format!("{path}/ask-if"), src, &shapes, problems)
                {
                    let me = order.iter().position(|o| o == &q.id);
                    for read in c.questions() {
                        if order.iter().position(|o| o == read) >= me {
                            problems.push(loc.at(&format!("{path}/ask-if"), format!("`{}` is asked only if `{read}` is answered, but `{read}` is asked later (or is the question itself)", q.id)).with_help("move the question after the ones its ask-if reads"));
                        }
                    }
                    lib.ask_if.insert(q.id.clone(), c);
                }
                if let Some(default) = &q.default
                    && let Err((message, help)) = crate::answers::convert(lib, q, default)
                {
                    problems.push(
                        loc.at(&format!("{path}/default"), format!("default: {message}"))
                            .with_help(help),
                    );
                }
            }
        }
    }
}

fn check_sources(raw: &RawLibrary, lib: &mut Library, problems: &mut Vec<Diagnostic>) {
    for (file, sf) in &raw.sources {
        let loc = Located::new(file);
        for (i, s) in sf.sources.iter().enumerate() {
            add_source(&loc, &format!("sources/{i}"), s, lib, problems);
        }
    }
}

fn add_source(
    loc: &Located<'_>,
    path: &str,
    s: &super::model::Source,
    lib: &mut Library,
    problems: &mut Vec<Diagnostic>,
) {
    if !valid_clause_id(&s.id) {
        problems.push(
            loc.at(
                &format!("{path}/id"),
                format!("`{}` is not a valid source id", s.id),
            )
            .with_help("use lower-case letters, digits and hyphens"),
        );
    }
    if s.title.trim().is_empty() {
        problems.push(loc.at(path, format!("source `{}` has no title", s.id)));
    }
    match lib.sources.iter().position(|o| o.id == s.id) {
        // A later file (an overlay) replaces a source with the same id.
        Some(i) => lib.sources[i] = s.clone(),
        None => lib.sources.push(s.clone()),
    }
}

fn check_sections(raw: &RawLibrary, lib: &mut Library, problems: &mut Vec<Diagnostic>) {
    let mut sections: Vec<(String, &SourceFile, &super::model::SectionFile)> = raw
        .sections
        .iter()
        .map(|(f, s)| (f.name.rsplit('/').next().unwrap_or("").to_string(), f, s))
        .collect();
    // Sections are ordered by file name (NN-topic.yaml), overlays interleaving by number.
    sections.sort_by(|a, b| a.0.cmp(&b.0));
    for (_, file, sf) in sections {
        let loc = Located::new(file);
        if sf.title.is_empty() {
            problems.push(loc.at("", "the section has no `title`"));
        }
        let compiled: Vec<CompiledClause> = sf
            .clauses
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if c.section.is_some() {
                    problems.push(loc.at(&format!("clauses/{i}/section"), "`section` belongs only in country profiles: this clause is already in a section"));
                }
                CompiledClause { clause: c.clone(), when: None, variants: Vec::new(), file: file.name.clone(), path: format!("clauses/{i}"), country: None }
            })
            .collect();
        // An overlay's clause with an existing id replaces that clause where it stands.
        let mut compiled = compiled;
        if file.overlay {
            compiled.retain(|c| {
                let existing = lib
                    .sections
                    .iter_mut()
                    .flat_map(|s| s.clauses.iter_mut())
                    .find(|o| o.clause.id == c.clause.id);
                match existing {
                    Some(slot) => {
                        *slot = c.clone();
                        false
                    }
                    None => true,
                }
            });
        }
        match lib.sections.iter_mut().find(|s| s.id == sf.id) {
            // An overlay's section with an existing id adds to it, replacing clauses by id.
            Some(existing) => {
                for c in compiled {
                    match existing
                        .clauses
                        .iter()
                        .position(|o| o.clause.id == c.clause.id)
                    {
                        Some(i) => existing.clauses[i] = c,
                        None => existing.clauses.push(c),
                    }
                }
            }
            None => {
                if !valid_clause_id(&sf.id) {
                    problems.push(
                        loc.at("id", format!("`{}` is not a valid section id", sf.id))
                            .with_help("use lower-case letters, digits and hyphens"),
                    );
                }
                lib.sections.push(Section {
                    id: sf.id.clone(),
                    title: sf.title.clone(),
                    intro: sf.intro.clone(),
                    clauses: compiled,
                    file: file.name.clone(),
                })
            }
        }
    }
}

fn check_countries(raw: &RawLibrary, lib: &mut Library, problems: &mut Vec<Diagnostic>) {
    for (file, cf) in &raw.countries {
        let loc = Located::new(file);
        if cf.code.len() != 2 || !cf.code.chars().all(|c| c.is_ascii_uppercase()) {
            problems.push(
                loc.at("code", format!("`{}` is not an ISO country code", cf.code))
                    .with_help("use two upper-case letters, like `ZA`"),
            );
        }
        for (i, s) in cf.sources.iter().enumerate() {
            add_source(&loc, &format!("sources/{i}"), s, lib, problems);
        }
        match lib.countries.iter().position(|c| c.code == cf.code) {
            Some(i) => lib.countries[i] = cf.clone(),
            None => lib.countries.push(cf.clone()),
        }
    }
    lib.countries.sort_by(|a, b| a.code.cmp(&b.code));

    // Now that countries are known, conditions over questions can be checked.
    check_question_conditions(raw, lib, problems);
    let shapes = shapes(lib);

    for (file, cf) in &raw.countries {
        let loc = Located::new(file);
        if !valid_date(&cf.last_reviewed) {
            problems.push(
                loc.at(
                    "last-reviewed",
                    format!("`{}` is not a date", cf.last_reviewed),
                )
                .with_help("write YYYY-MM-DD"),
            );
        }
        for (i, fact) in cf.facts.iter().enumerate() {
            if lib.source(&fact.source).is_none() {
                problems.push(unknown_source(
                    &loc,
                    &format!("facts/{i}/source"),
                    &fact.source,
                    lib,
                ));
            }
            if !valid_date(&fact.checked) {
                problems.push(
                    loc.at(
                        &format!("facts/{i}/checked"),
                        format!("`{}` is not a date", fact.checked),
                    )
                    .with_help("write YYYY-MM-DD"),
                );
            }
        }
        for (id, value) in &cf.defaults {
            let path = format!("defaults/{id}");
            match lib.question(id) {
                None => problems.push(
                    loc.at(
                        &format!("defaults/{id}@key"),
                        format!("unknown question `{id}`"),
                    )
                    .with_help(
                        did_you_mean(id, lib.questions().map(|q| q.id.as_str()))
                            .unwrap_or_else(|| "see `hrpolicy list questions`".into()),
                    ),
                ),
                Some(q) if !q.country_default => problems.push(
                    loc.at(
                        &format!("defaults/{id}@key"),
                        format!("`{id}` does not take a country default"),
                    )
                    .with_help(
                        "mark it `country-default: true` in questions.yaml, or remove this line",
                    ),
                ),
                Some(q) => {
                    if let Err((m, h)) = crate::answers::convert(lib, q, value) {
                        problems.push(loc.at(&path, m).with_help(h));
                    }
                }
            }
        }
        for (i, clause) in cf.clauses.iter().enumerate() {
            let path = format!("clauses/{i}");
            let Some(section) = clause.section.clone() else {
                problems.push(
                    loc.at(
                        &path,
                        format!(
                            "country clause `{}` does not say which `section` it joins",
                            clause.id
                        ),
                    )
                    .with_help("add `section:` with a section id"),
                );
                continue;
            };
            let Some(target) = lib.sections.iter_mut().find(|s| s.id == section) else {
                let ids: Vec<String> = lib.sections.iter().map(|s| s.id.clone()).collect();
                problems.push(
                    loc.at(
                        &format!("{path}/section"),
                        format!("unknown section `{section}`"),
                    )
                    .with_help(
                        did_you_mean(&section, ids.iter().map(String::as_str))
                            .unwrap_or_else(|| format!("choose one of: {}", ids.join(", "))),
                    ),
                );
                continue;
            };
            target.clauses.push(CompiledClause {
                clause: clause.clone(),
                when: None,
                variants: Vec::new(),
                file: file.name.clone(),
                path,
                country: Some(cf.code.clone()),
            });
        }
    }

    // Every clause: conditions, texts, sources, references.
    let clause_ids: Vec<String> = lib.clauses().map(|(_, c)| c.clause.id.clone()).collect();
    let mut seen: HashMap<&str, &str> = HashMap::new();
    let files: HashMap<&str, &SourceFile> = raw
        .sections
        .iter()
        .map(|(f, _)| f)
        .chain(raw.countries.iter().map(|(f, _)| f))
        .map(|f| (f.name.as_str(), f))
        .collect();
    let mut seen_dupes = Vec::new();
    for section in &lib.sections {
        for c in &section.clauses {
            if let Some(first) = seen.insert(&c.clause.id, &c.file)
                && (first != c.file || !seen_dupes.contains(&c.clause.id))
            {
                seen_dupes.push(c.clause.id.clone());
                let loc = Located::new(files[c.file.as_str()]);
                problems.push(loc.at(
                    &format!("{}/id", c.path),
                    format!(
                        "clause id `{}` is used twice (also in {first})",
                        c.clause.id
                    ),
                ));
            }
        }
    }
    let source_ids: Vec<String> = lib.sources.iter().map(|s| s.id.clone()).collect();
    let roots = template_roots(lib);
    let mut sections = std::mem::take(&mut lib.sections);
    for section in &mut sections {
        let section_loc = Located::new(files[section.file.as_str()]);
        if let Some(intro) = &section.intro {
            check_text(&section_loc, "intro", intro, &roots, problems);
        }
        for c in &mut section.clauses {
            let loc = Located::new(files[c.file.as_str()]);
            compile_clause(
                &loc,
                c,
                &shapes,
                &clause_ids,
                &source_ids,
                &roots,
                lib,
                problems,
            );
        }
    }
    lib.sections = sections;
}

fn unknown_source(loc: &Located<'_>, path: &str, id: &str, lib: &Library) -> Diagnostic {
    loc.at(path, format!("unknown source `{id}`")).with_help(
        did_you_mean(id, lib.sources.iter().map(|s| s.id.as_str()))
            .unwrap_or_else(|| "add it to sources.yaml, or cite one listed there".into()),
    )
}

#[allow(clippy::too_many_arguments)]
fn compile_clause(
    loc: &Located<'_>,
    c: &mut CompiledClause,
    shapes: &HashMap<String, (Kind, Vec<String>)>,
    clause_ids: &[String],
    source_ids: &[String],
    roots: &TemplateRoots,
    lib: &Library,
    problems: &mut Vec<Diagnostic>,
) {
    let p = c.path.clone();
    let clause: &Clause = &c.clause;
    if !valid_clause_id(&clause.id) {
        problems.push(
            loc.at(
                &format!("{p}/id"),
                format!("`{}` is not a valid clause id", clause.id),
            )
            .with_help("use lower-case letters, digits and hyphens"),
        );
    }
    if clause.title.is_empty() {
        problems.push(loc.at(&p, format!("clause `{}` has no title", clause.id)));
    }
    if clause.body.is_none() && clause.variants.is_empty() {
        problems.push(
            loc.at(
                &p,
                format!("clause `{}` has neither a body nor variants", clause.id),
            )
            .with_help("add `body: |` with its text"),
        );
    }
    if clause.rationale.is_empty() {
        problems.push(loc.warn(
            &p,
            format!(
                "clause `{}` has no rationale: reviewers cannot weigh it",
                clause.id
            ),
        ));
    }
    if clause.sources.is_empty() {
        problems.push(loc.warn(&p, format!("clause `{}` cites no source", clause.id)));
    }
    for (i, s) in clause.sources.iter().enumerate() {
        if !source_ids.iter().any(|x| x == s.id()) {
            problems.push(unknown_source(
                loc,
                &format!("{p}/sources/{i}"),
                s.id(),
                lib,
            ));
        }
    }
    for (key, list) in [
        ("requires", &clause.requires),
        ("conflicts", &clause.conflicts),
    ] {
        for (i, other) in list.iter().enumerate() {
            if !clause_ids.contains(other) {
                problems.push(
                    loc.at(
                        &format!("{p}/{key}/{i}"),
                        format!("`{key}` names `{other}`, but no clause has that id"),
                    )
                    .with_help(
                        did_you_mean(other, clause_ids.iter().map(String::as_str))
                            .unwrap_or_else(|| "see `hrpolicy list clauses`".into()),
                    ),
                );
            }
        }
    }
    let mut when_src = clause.when.clone();
    if let Some(code) = &c.country {
        // A country clause applies only in its country.
        when_src = Some(match &when_src {
            Some(w) => format!("place.country == {code} and ({w})"),
            None => format!("place.country == {code}"),
        });
        if let Some(w) = &clause.when {
            check_condition(loc, &format!("{p}/when"), w, shapes, problems);
        }
        c.when = when_src.as_deref().and_then(|w| Condition::parse(w).ok());
    } else if let Some(w) = &when_src {
        c.when = check_condition(loc, &format!("{p}/when"), w, shapes, problems);
    }
    let mut variant_ids = HashSet::new();
    for (i, v) in clause.variants.iter().enumerate() {
        if !valid_clause_id(&v.id) || v.id == "default" {
            problems.push(
                loc.at(
                    &format!("{p}/variants/{i}/id"),
                    format!("`{}` is not a valid variant id", v.id),
                )
                .with_help("use lower-case letters, digits and hyphens (not `default`)"),
            );
        } else if !variant_ids.insert(v.id.as_str()) {
            problems.push(loc.at(
                &format!("{p}/variants/{i}/id"),
                format!("variant `{}` appears twice in `{}`", v.id, clause.id),
            ));
        }
        if let Some(cond) = check_condition(
            loc,
            &format!("{p}/variants/{i}/when"),
            &v.when,
            shapes,
            problems,
        ) {
            c.variants.push((v.clone(), cond));
        }
        check_text(
            loc,
            &format!("{p}/variants/{i}/body"),
            &v.body,
            roots,
            problems,
        );
    }
    if let Some(body) = &clause.body {
        check_text(loc, &format!("{p}/body"), body, roots, problems);
    }
    for (key, text) in [
        ("rationale", Some(&clause.rationale)),
        ("summary", clause.summary.as_ref()),
    ] {
        if let Some(t) = text {
            check_text(loc, &format!("{p}/{key}"), t, roots, problems);
        }
    }
}

/// What templates may read: the paths questions define, with hyphens as underscores.
pub struct TemplateRoots {
    paths: Vec<String>,
}

fn template_roots(lib: &Library) -> TemplateRoots {
    let mut paths: Vec<String> = Vec::new();
    for q in lib.questions() {
        let p = q.id.replace('-', "_");
        paths.push(format!("label.{p}"));
        paths.push(p);
    }
    for fixed in [
        "country.name",
        "country.code",
        "document.version",
        "document.date",
    ] {
        paths.push(fixed.to_string());
    }
    TemplateRoots { paths }
}

impl TemplateRoots {
    /// A path is known if it is a defined path or a prefix of one (`org` of `org.name`).
    fn knows(&self, path: &str) -> bool {
        self.paths.iter().any(|p| {
            p == path || (p.starts_with(path) && p.as_bytes().get(path.len()) == Some(&b'.'))
        })
    }
}

fn check_text(
    loc: &Located<'_>,
    path: &str,
    text: &Text,
    roots: &TemplateRoots,
    problems: &mut Vec<Diagnostic>,
) {
    for (lang, s) in text.variants() {
        let path = match lang {
            Some(l) => format!("{path}/{l}"),
            None => path.to_string(),
        };
        if let Some(p) = template_check::syntax(&path, s) {
            let pos = loc.inside(&path, p.line, p.col);
            let mut d =
                Diagnostic::error(&loc.file.name, pos, p.message).with_source(&loc.file.text);
            d.help = p.help;
            problems.push(d);
            continue;
        }
        for var in template_check::variables(s) {
            if !roots.knows(&var.path) {
                let candidates: Vec<&str> = roots.paths.iter().map(String::as_str).collect();
                let hint = if var.path.contains('-') {
                    Some(format!(
                        "in templates, hyphens become underscores: `{}`",
                        var.path.replace('-', "_")
                    ))
                } else {
                    None
                };
                problems.push(loc.inside_at(
                    &path,
                    s,
                    var.offset,
                    format!("no question defines the template variable `{}`", var.path),
                    hint.or_else(|| did_you_mean(&var.path, candidates.iter().copied())),
                ));
            }
        }
    }
}

fn check_language(raw: &RawLibrary, lib: &mut Library, problems: &mut Vec<Diagnostic>) {
    for (file, lf) in &raw.language {
        let loc = Located::new(file);
        for (i, t) in lf.terms.iter().enumerate() {
            if t.avoid.is_empty() {
                problems.push(loc.at(
                    &format!("terms/{i}"),
                    "a term needs at least one word in `avoid`",
                ));
            }
            if let Some(s) = &t.source
                && lib.source(s).is_none()
            {
                problems.push(unknown_source(&loc, &format!("terms/{i}/source"), s, lib));
            }
        }
        lib.language.extend(lf.terms.iter().cloned());
    }
    let avoided: Vec<String> = lib
        .language
        .iter()
        .flat_map(|t| t.avoid.iter().map(|a| a.to_lowercase()))
        .collect();
    for (file, gf) in &raw.glossary {
        let loc = Located::new(file);
        for (i, e) in gf.entries.iter().enumerate() {
            for (j, x) in e.explains.iter().enumerate() {
                if !avoided.contains(&x.to_lowercase()) {
                    problems.push(
                        loc.at(
                            &format!("entries/{i}/explains/{j}"),
                            format!("`{x}` is not a term language.yaml avoids"),
                        )
                        .with_help(
                            did_you_mean(&x.to_lowercase(), avoided.iter().map(String::as_str))
                                .unwrap_or_else(|| "list only terms from language.yaml".into()),
                        ),
                    );
                }
            }
        }
        lib.glossary.extend(gf.entries.iter().cloned());
    }
}

fn check_templates(raw: &RawLibrary, lib: &mut Library, problems: &mut Vec<Diagnostic>) {
    for (name, file) in &raw.templates {
        if name.ends_with(".tera")
            && let Some(p) = template_check::syntax(name, &file.text)
        {
            let mut d = Diagnostic::error(
                &file.name,
                Some(Pos {
                    line: p.line,
                    col: p.col,
                }),
                p.message,
            )
            .with_source(&file.text);
            d.help = p.help;
            problems.push(d);
        }
        lib.templates.insert(name.clone(), file.text.clone());
    }
}

/// `YYYY-MM-DD`.
pub fn valid_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.len() == 3
        && parts[0].len() == 4
        && parts[1].len() == 2
        && parts[2].len() == 2
        && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()))
        && (1..=12).contains(&parts[1].parse::<u32>().unwrap_or(0))
        && (1..=31).contains(&parts[2].parse::<u32>().unwrap_or(0))
}
