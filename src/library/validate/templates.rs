//! The templates pass: every text a person reads is a valid Tera template that reads
//! only what the template context offers; the handbook templates parse; the fixed texts
//! the program prints exist.
use super::super::Library;
use super::super::known;
use super::super::known::FIXED_PATHS;
use super::super::load::RawLibrary;
use super::super::positions::YamlPath;
use super::super::template_check::{self, TemplateProblem};
use super::located::Located;
use crate::diagnostics::{Diagnostic, Pos, did_you_mean, pos_of_offset};
use crate::hash::HashSet;
use crate::text::Text;

/// What a clause text may read: the paths questions define (hyphens as underscores),
/// `label.*` of each, and the fixed paths.
pub struct TemplateRoots {
    /// Check the template syntax of built-in texts too.
    thorough: bool,
    paths: Vec<String>,
    /// Every path and every prefix of one (`org` of `org.name`).
    known: HashSet<String>,
}

impl TemplateRoots {
    pub fn of(lib: &Library, thorough: bool) -> TemplateRoots {
        let mut paths: Vec<String> = Vec::new();
        for q in lib.questions() {
            let p = q.id.replace('-', "_");
            paths.push(format!("label.{p}"));
            paths.push(p);
        }
        paths.extend(FIXED_PATHS.iter().map(|p| p.to_string()));
        let mut known = HashSet::default();
        for p in &paths {
            let mut prefix = p.as_str();
            known.insert(prefix.to_string());
            while let Some((shorter, _)) = prefix.rsplit_once('.') {
                known.insert(shorter.to_string());
                prefix = shorter;
            }
        }
        TemplateRoots {
            thorough,
            paths,
            known,
        }
    }

    /// Roots for merging files none of whose texts are checked (built-in, not thorough):
    /// nothing is looked up in them, so nothing is gathered.
    pub fn unused() -> TemplateRoots {
        TemplateRoots {
            thorough: false,
            paths: Vec::new(),
            known: HashSet::default(),
        }
    }

    /// Whether the texts of `loc`'s file are checked. Built-in files (they carry the
    /// JSON made at build time) are checked by `check` and the tests; overlays only add
    /// questions, so what they read stays defined.
    pub fn checks(&self, loc: &Located<'_>) -> bool {
        self.thorough || loc.file.json.is_none()
    }

    /// A path is known if it is a defined path or a prefix of one.
    pub fn knows(&self, path: &str) -> bool {
        self.known.contains(path)
    }
}

/// Checks one library text (every language of it) at `path`.
pub fn check_text(
    loc: &Located<'_>,
    path: &YamlPath,
    text: &Text,
    roots: &TemplateRoots,
    problems: &mut Vec<Diagnostic>,
) {
    if !roots.checks(loc) {
        return;
    }
    for (lang, s) in text.variants() {
        let path = match lang {
            Some(l) => path.key(l),
            None => path.clone(),
        };
        for p in text_problems(s, roots) {
            let pos = loc.inside(&path, p.line, p.col);
            let mut d = loc.sourced(Diagnostic::error(&loc.file.name, pos, p.message));
            d.help = p.help;
            problems.push(d);
        }
    }
}

/// The most unknown variables listed for one text. A text with more is broken as a
/// whole (a pasted template of another tool, a mistyped name); a list of thousands
/// helps nobody, and placing each one cost a pass over its line (20,000 on one line of
/// 330 KB took minutes, found in round 14). The first of the rest says how many more.
pub const MAX_LISTED: usize = 50;

/// The problems of one text as a template, at lines and columns inside it: its syntax
/// error, or else every variable it reads that `roots` does not define (the first
/// [`MAX_LISTED`], then one problem saying how many more).
pub fn text_problems(s: &str, roots: &TemplateRoots) -> Vec<TemplateProblem> {
    if let Some(p) = template_check::syntax(s) {
        return vec![p];
    }
    let unknown: Vec<_> = template_check::variables(s)
        .into_iter()
        .filter(|var| !roots.knows(&var.path))
        .collect();
    let mut problems: Vec<TemplateProblem> = unknown
        .iter()
        .take(MAX_LISTED)
        .map(|var| {
            let hint = if var.path.contains('-') {
                Some(format!(
                    "in templates, hyphens become underscores: `{}`",
                    var.path.replace('-', "_")
                ))
            } else {
                None
            };
            let Pos { line, col } = pos_of_offset(s, var.offset);
            TemplateProblem {
                line,
                col,
                message: format!("no question defines the template variable `{}`", var.path),
                help: hint
                    .or_else(|| did_you_mean(&var.path, roots.paths.iter().map(String::as_str))),
            }
        })
        .collect();
    if let Some(next) = unknown.get(MAX_LISTED) {
        let Pos { line, col } = pos_of_offset(s, next.offset);
        let more = unknown.len() - MAX_LISTED;
        problems.push(TemplateProblem {
            line,
            col,
            message: format!(
                "{more} more template variables from here on that no question defines \
                 (only the first {MAX_LISTED} are listed)"
            ),
            help: Some(
                "fix the names listed above, or check that this text was written for \
                 hrpolicy: its variables are the ids `hrpolicy list questions` prints"
                    .to_string(),
            ),
        });
    }
    problems
}

/// The document templates parse.
pub fn add_templates(raw: &RawLibrary, lib: &mut Library, problems: &mut Vec<Diagnostic>) {
    for (name, file) in &raw.templates {
        // The built-in templates' syntax is checked by `check` and the tests; a build
        // checks only an overlay's own templates (a failure would still show at render).
        let built_in = !file.overlay && file.name.starts_with("templates/");
        if name.ends_with(".tera")
            && (raw.thorough || !built_in)
            && let Some(p) = if built_in {
                built_in_syntax(name, &file.text)
            } else {
                template_check::syntax(&file.text)
            }
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
        lib.templates.insert(name.clone(), file.text.to_string());
    }
}

/// [`template_check::syntax`] of a built-in template, worked out once a process: the
/// built-in templates are the same text in every library a process loads (the tests
/// and the fuzzer load thousands), and parsing the handbook's templates is most of the
/// cost of checking a small library. Keyed by name, and kept only while the text is the
/// same.
fn built_in_syntax(name: &str, text: &str) -> Option<TemplateProblem> {
    type Seen = crate::hash::HashMap<String, (String, Option<TemplateProblem>)>;
    static SEEN: std::sync::Mutex<Option<Seen>> = std::sync::Mutex::new(None);
    let mut seen = SEEN
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let seen = seen.get_or_insert_with(Seen::default);
    if let Some((was, problem)) = seen.get(name)
        && was == text
    {
        return problem.clone();
    }
    let problem = template_check::syntax(text);
    seen.insert(name.to_string(), (text.to_string(), problem.clone()));
    problem
}

/// The fixed texts: merged by key (an overlay replaces a key), and every key the
/// program prints is there.
pub fn add_strings(raw: &RawLibrary, lib: &mut Library, problems: &mut Vec<Diagnostic>) {
    for (_, sf) in &raw.strings {
        lib.strings
            .extend(sf.strings.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    for key in known::strings::ALL {
        if !lib.strings.contains_key(key) {
            problems.push(
                Diagnostic::error(
                    "strings.yaml",
                    None,
                    format!("the fixed text `{key}` is missing"),
                )
                .with_help(format!("add `{key}:` under `strings:`")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::messages;

    #[test]
    fn a_built_in_template_is_checked_again_when_its_text_differs() {
        let name = "test-only-built-in.tera";
        let check = |text: &str| super::built_in_syntax(name, text).map(|p| (p.line, p.col));
        assert_eq!(check("Hello {% if x %}"), Some((1, 17)));
        assert_eq!(check("Hello {% if x %}"), Some((1, 17)));
        assert_eq!(check("Hello {% if x %}yes{% endif %}"), None);
        assert_eq!(check("Hello\n{{ x"), Some((2, 5)));
    }

    #[test]
    fn reports_template_syntax_and_unknown_variables() {
        let section = "id: extra\ntitle: Extra\nintro: 'Hello {{ org.name'\nclauses:\n  - id: b-rule\n    title: T\n    body: |\n      Ask {{ org.contact }} or {{ staff.peer-title }}.\n    rationale: R\n    sources: [osf-2010]\n";
        let found = messages(&[("sections/02-extra.yaml", section)]);
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(
            found[0].starts_with("sections/02-extra.yaml:3:"),
            "{found:?}"
        );
        assert_eq!(
            &found[1..],
            [
                "sections/02-extra.yaml:8:14: no question defines the template variable `org.contact`",
                "sections/02-extra.yaml:8:35: no question defines the template variable `staff.peer-title`",
            ]
        );
    }

    #[test]
    fn a_text_full_of_unknown_variables_lists_the_first_fifty_then_how_many_more() {
        let body: Vec<String> = (0..60).map(|i| format!("{{{{ v.a{i} }}}}")).collect();
        let line = format!("      {}", body.join(" "));
        let section = format!(
            "id: extra\ntitle: Extra\nclauses:\n  - id: b-rule\n    title: T\n    body: |\n{line}\n    rationale: R\n    sources: [osf-2010]\n"
        );
        let found = messages(&[("sections/02-extra.yaml", &section)]);
        assert_eq!(found.len(), super::MAX_LISTED + 1, "{found:?}");
        let col = |name: &str| line.find(&format!("{{{{ {name} }}}}")).unwrap() + 4;
        assert_eq!(
            found[49],
            format!(
                "sections/02-extra.yaml:7:{}: no question defines the template variable `v.a49`",
                col("v.a49")
            )
        );
        assert_eq!(
            found[50],
            format!(
                "sections/02-extra.yaml:7:{}: 10 more template variables from here on that no \
                 question defines (only the first 50 are listed)",
                col("v.a50")
            )
        );
    }

    #[test]
    fn the_fixed_texts_the_program_prints_must_exist() {
        let found = messages(&[("strings.yaml", "strings:\n  review.title: Review\n")]);
        assert_eq!(
            found.len(),
            super::known::strings::ALL.len() - 1,
            "{found:?}"
        );
        assert_eq!(
            found[0],
            "strings.yaml: the fixed text `edition.summary.title` is missing"
        );
    }
}
