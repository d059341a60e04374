//! The entry points the fuzz targets drive, shared with `tests/fuzz_regressions.rs`
//! (which includes this file), so a regression input runs exactly as the fuzzer ran it.
//!
//! Each function takes the raw fuzz input, never panics on bad input (that is the
//! property under test), and checks what a clean refusal must look like: every
//! diagnostic renders, and every position it gives lies inside the text.
#![allow(dead_code)]

use hrpolicy::condition::{Condition, QuestionShape};
use hrpolicy::diagnostics::Diagnostic;
use hrpolicy::library::Library;
use std::sync::OnceLock;

/// The largest Markdown body the PDF target renders: typst is slow, and size alone
/// finds nothing a short input does not.
pub const PDF_MAX_LEN: usize = 1024;

/// How a run ended: loaded, or refused with diagnostics (never a panic).
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Loaded,
    Refused(usize),
}

/// The shipped library, loaded once.
pub fn shipped() -> &'static Library {
    static LIB: OnceLock<Library> = OnceLock::new();
    LIB.get_or_init(|| match hrpolicy::library::load::load(&[]) {
        Ok((lib, _)) => lib,
        Err(problems) => panic!("the shipped library does not load: {problems:#?}"),
    })
}

/// How many lines `text` has, as YAML counts them (a lone `\r` ends one too) and as
/// diagnostics show them.
fn line_count(text: &str) -> usize {
    hrpolicy::diagnostics::yaml_lines(text).count().max(1)
}

/// A place on `line` (1-based) lies inside a text of `lines` lines, or just past it.
fn assert_line_inside(lines: usize, line: usize, what: &str) {
    assert!(
        line >= 1 && line <= lines + 1,
        "line {line} outside a text of {lines} lines: {what}"
    );
}

/// An unknown question in an answers file is pointed at its own key: the line holds the
/// id and the column is where the key starts (at its quote, if quoted). Checked only
/// where the file must spell the id out on the key's line: no escapes (`\`) and no
/// aliases (`*`) in the file, and an id that starts with a letter and is not `true` or
/// `false` (a key written as a number or a yes/no is named by its canonical form).
/// (Round 12's misplaced keys were not text, so not this check's; it guards the places of
/// plain, quoted, flow and explicit keys.)
pub fn check_unknown_question_place(
    d: &Diagnostic,
    pos: hrpolicy::diagnostics::Pos,
    text: &str,
    rendered: &str,
) {
    if d.file != "answers.yaml" {
        return; // a library's conditions name questions too, inside expressions
    }
    let Some(id) = d
        .message
        .strip_prefix("unknown question `")
        .and_then(|rest| rest.strip_suffix('`'))
    else {
        return;
    };
    let simple = id.starts_with(|c: char| c.is_ascii_alphabetic())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-')
        && !id.eq_ignore_ascii_case("true")
        && !id.eq_ignore_ascii_case("false");
    if !simple || text.contains('\\') || text.contains('*') {
        return;
    }
    let (line, at) = line_from(text, pos);
    // At the key's first character, which is its opening quote if it has one.
    let quote = |c: char| c == '"' || c == '\'';
    let before = line
        .chars()
        .nth(pos.col.saturating_sub(2))
        .filter(|_| pos.col > 1);
    let at_key = match at.strip_prefix(quote) {
        Some(inside) => inside.starts_with(id),
        None => at.starts_with(id) && !before.is_some_and(quote),
    };
    assert!(
        at_key,
        "the unknown question `{id}` is not at line {} column {}: {rendered}",
        pos.line, pos.col
    );
}

/// The line of `text` that `pos` is on, and that line from `pos`'s column on.
fn line_from(text: &str, pos: hrpolicy::diagnostics::Pos) -> (&str, String) {
    let line = hrpolicy::diagnostics::yaml_lines(text)
        .nth(pos.line - 1)
        .unwrap_or("");
    (line, line.chars().skip(pos.col.saturating_sub(1)).collect())
}

/// Every diagnostic must render, and its position must lie inside `text`.
fn check_diagnostics(problems: &[Diagnostic], file: &str, text: &str) {
    assert!(!problems.is_empty(), "a refusal without a reason");
    let lines = line_count(text);
    for d in problems {
        let rendered = d.to_string();
        assert!(!rendered.is_empty());
        if d.file != file {
            continue;
        }
        if let Some(pos) = d.pos {
            assert_line_inside(lines, pos.line, &rendered);
            check_unknown_question_place(d, pos, text, &rendered);
            // An unknown template variable is pointed at where the file names it
            // (when the file spells it out: escapes in quoted text may hide it).
            // (The message ends with the name; a name is letters, digits, `_` and `.`:
            // a key or id the input wrote may hold the same words.)
            if let Some(name) = d
                .message
                .rsplit_once("no question defines the template variable `")
                .and_then(|(_, rest)| rest.strip_suffix('`'))
                .filter(|name| {
                    !name.is_empty()
                        && name
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
                        && text.contains(*name)
                })
            {
                let (line, at) = line_from(text, pos);
                assert!(
                    line.contains(name),
                    "`{name}` is not on line {}: {rendered}",
                    pos.line
                );
                // And the column points at it.
                assert!(
                    at.starts_with(name),
                    "`{name}` is not at column {} of line {}: {rendered}",
                    pos.col,
                    pos.line
                );
            }
        }
    }
}

// ---------------------------------------------------------------- library

const MINIMAL_LIBRARY: &str =
    "name: test\nversion: '1'\ndefault-language: en\ntitle: T\nsubtitle: S\n";
const MINIMAL_QUESTIONS: &str = "chapters:\n  - id: org\n    title: Org\n    questions:\n      - id: org.name\n        kind: text\n        prompt: Name?\n      - id: org.type\n        kind: choice\n        prompt: Type?\n        choices:\n          - value: led\n            label: Led\n          - value: based\n            label: Based\n      - id: place.country\n        kind: choice\n        prompt: Country?\n        choices-from: countries\n      - id: place.region\n        kind: text\n        prompt: Region?\n        ask-if: place.country == other\n  - id: more\n    title: More\n    questions:\n      - id: more.x\n        kind: yes-no\n        prompt: X?\n";
const MINIMAL_SOURCES: &str = "sources:\n  - id: osf-2010\n    title: Harm Reduction at Work\n";
const MINIMAL_SECTION: &str = "id: base\ntitle: Base\nclauses:\n  - id: a-rule\n    title: A\n    body: Text for {{ org.name }}.\n    rationale: R\n    sources: [osf-2010]\n";

/// A `strings.yaml` with every fixed text the program reads.
pub fn minimal_strings() -> String {
    let mut s = String::from("strings:\n");
    for key in hrpolicy::library::known::strings::ALL {
        s.push_str(&format!("  {key}: {key}\n"));
    }
    s
}

/// The most files one library input may hold.
const MAX_FILES: usize = 8;

/// A library input: a small sound library whose files the input replaces or adds to.
/// The input is text in parts, each starting with a line `%%file PATH` (a path inside
/// the library folder, `overlay/...` for an overlay's file); text before the first
/// such line replaces `sections/01-base.yaml`.
pub fn library(data: &[u8]) -> Option<Outcome> {
    let text = std::str::from_utf8(data).ok()?;
    let files = library_files(text);
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    Some(match hrpolicy::library::load::load_from(&refs) {
        Ok((lib, warnings)) => {
            for w in &warnings {
                let _ = w.to_string();
            }
            // A library that loads can be queried and listed, and `check` reads its
            // language: words to avoid, in every language, and sentence lengths.
            let _ = lib.clauses().count();
            for d in hrpolicy::lint::language_findings(&lib) {
                assert!(!d.to_string().is_empty());
            }
            let _ = hrpolicy::pipeline::language_report(&lib, 3);
            // And `check` runs its deep check: every combination of answers each
            // clause reads, every reachable text rendered. Each finding's place lies
            // inside the file it names.
            let deep =
                hrpolicy::pipeline::deep_check::deep_check(&lib, jiff::civil::date(2026, 12, 1));
            assert!(!deep.summary_line().is_empty());
            for f in &deep.findings {
                assert!(!f.message.is_empty(), "a finding without a message: {f:?}");
                let Some(line) = f.line else { continue };
                // The text `check` shows the finding's line from (by the file's exact name,
                // where a suffix would confuse `overlay/sections/x.yaml` with `sections/x.yaml`).
                let text = lib.file_text(&f.file);
                assert!(
                    !text.is_empty(),
                    "a finding in a file the library lacks: {f:?}"
                );
                assert_line_inside(line_count(text), line, &format!("{f:?}"));
            }
            Outcome::Loaded
        }
        Err(problems) => {
            for d in &problems {
                assert!(!d.to_string().is_empty());
                // Each position lies inside its own file (and names what it says).
                if let Some((name, text)) = files.iter().find(|(n, _)| *n == d.file) {
                    check_diagnostics(std::slice::from_ref(d), name, text);
                }
            }
            Outcome::Refused(problems.len())
        }
    })
}

/// The files of a library input: the small sound library with the input's parts laid
/// over it (see [`library`]).
pub fn library_files(text: &str) -> Vec<(String, String)> {
    let strings = minimal_strings();
    let mut files: Vec<(String, String)> = vec![
        ("library.yaml".into(), MINIMAL_LIBRARY.into()),
        ("questions.yaml".into(), MINIMAL_QUESTIONS.into()),
        ("sources.yaml".into(), MINIMAL_SOURCES.into()),
        ("sections/01-base.yaml".into(), MINIMAL_SECTION.into()),
        ("strings.yaml".into(), strings),
    ];
    // Text before the first `%%file` line (all of it, when there is none) is the section.
    const HEADER: &str = "%%file ";
    let (preamble, mut rest) = match text.find(HEADER) {
        Some(i) => (&text[..i], Some(&text[i + HEADER.len()..])),
        None => (text, None),
    };
    let mut parts: Vec<(String, String)> = Vec::new();
    if !preamble.is_empty() || rest.is_none() {
        parts.push(("sections/01-base.yaml".into(), preamble.into()));
    }
    while let Some(next) = rest {
        if parts.len() >= MAX_FILES {
            break;
        }
        let (header, after) = next.split_once('\n').unwrap_or((next, ""));
        let (body, following) = match after.find(HEADER) {
            Some(i) => (&after[..i], Some(&after[i + HEADER.len()..])),
            None => (after, None),
        };
        parts.push((header.trim().to_string(), body.to_string()));
        rest = following;
    }
    for (name, body) in parts {
        match files.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = body,
            None => files.push((name, body)),
        }
    }
    files
}

// ---------------------------------------------------------------- condition

/// The questions conditions are checked against.
const QUESTION_IDS: [&str; 6] = [
    "org.type",
    "services",
    "legal.nsp",
    "org.name",
    "staff.count",
    "place.country",
];

fn shape(id: &str) -> Option<QuestionShape<'static>> {
    use hrpolicy::answer::Kind;
    let (kind, values): (Kind, &[&str]) = match id {
        "org.type" => (Kind::Choice, &["led", "based"]),
        "services" => (Kind::Multi, &["nsp", "ost", "outreach"]),
        "legal.nsp" => (Kind::YesNo, &[]),
        "org.name" => (Kind::Text, &[]),
        "staff.count" => (Kind::Number, &[]),
        "place.country" => (Kind::Choice, &["ZA", "GB", "other"]),
        _ => return None,
    };
    Some(QuestionShape {
        kind,
        values: values.to_vec(),
    })
}

fn answer_sets() -> Vec<hrpolicy::answer::Answers> {
    use hrpolicy::answer::{Answer, Answers};
    let mut none = Answers::default();
    let mut some = Answers::default();
    some.insert("org.type", Answer::Text("led".into()));
    some.insert(
        "services",
        Answer::Multi(vec!["nsp".into(), "outreach".into()]),
    );
    some.insert("legal.nsp", Answer::Bool(true));
    some.insert("org.name", Answer::Text("Peers".into()));
    some.insert("staff.count", Answer::Number(12.0));
    some.insert("place.country", Answer::Text("ZA".into()));
    // Answers of the wrong kinds: evaluation must still not panic.
    let mut odd = Answers::default();
    odd.insert("org.type", Answer::Multi(vec![]));
    odd.insert("services", Answer::Text(String::new()));
    odd.insert("legal.nsp", Answer::Number(f64::NAN));
    odd.insert("org.name", Answer::Bool(false));
    none.insert("unrelated", Answer::Bool(true));
    vec![none, some, odd]
}

/// Parses a condition; a parsed one is checked and evaluated, a refused one must point
/// inside its text.
pub fn condition(data: &[u8]) -> Option<Outcome> {
    let source = std::str::from_utf8(data).ok()?;
    Some(match Condition::parse(source) {
        Ok(c) => {
            for id in c.questions() {
                assert!(source.contains(id), "`{id}` is not in `{source}`");
            }
            for e in c.check(&shape, &QUESTION_IDS) {
                assert!(e.offset <= source.len(), "offset {} past the end", e.offset);
                let _ = hrpolicy::diagnostics::pos_of_offset(source, e.offset);
            }
            for answers in answer_sets() {
                let mut read = Vec::new();
                let first = c.eval(&answers, &mut read);
                let mut again = Vec::new();
                assert_eq!(first, c.eval(&answers, &mut again), "eval is not pure");
                for id in &read {
                    assert!(source.contains(id.as_str()));
                }
            }
            Outcome::Loaded
        }
        Err(e) => {
            assert!(e.offset <= source.len(), "offset {} past the end", e.offset);
            let _ = hrpolicy::diagnostics::pos_of_offset(source, e.offset);
            Outcome::Refused(1)
        }
    })
}

// ---------------------------------------------------------------- answers

/// Parses an answers file and types it against the shipped library.
pub fn answers(data: &[u8]) -> Option<Outcome> {
    use hrpolicy::inputs::answers_file::AnswersFile;
    let text = std::str::from_utf8(data).ok()?;
    const NAME: &str = "answers.yaml";
    let file = match AnswersFile::parse(NAME, text) {
        Ok(file) => file,
        Err(problems) => {
            check_diagnostics(&problems, NAME, text);
            return Some(Outcome::Refused(problems.len()));
        }
    };
    // Whatever its answers say, the file written out as it was read, with its comments
    // carried into the new text, reads back the same. (Most inputs never type against
    // the shipped library; this puts every file that parses through the comment
    // carrying, not only the few whose answers are all sound.)
    if let Ok(saved) = serde_yaml::to_string(&file) {
        let carried = hrpolicy::yaml_comments::carry(text, &saved);
        match AnswersFile::parse(NAME, &carried) {
            Ok(again) => assert_eq!(
                format!("{file:?}"),
                format!("{again:?}"),
                "an answers file with its comments carried reads back differently"
            ),
            Err(p) => panic!(
                "an answers file with its comments carried does not read: {}",
                p[0]
            ),
        }
    }
    Some(match file.typed(shipped(), NAME, text) {
        Ok(answers) => {
            // Typed answers are written back, with the file's comments carried into the
            // new text as the interview saves them, and read again unchanged.
            let mut again = file.clone();
            again.set_answers(shipped(), &answers);
            let saved = serde_yaml::to_string(&again).expect("answers serialise");
            let carried = hrpolicy::yaml_comments::carry(text, &saved);
            let reread = AnswersFile::parse(NAME, &carried)
                .unwrap_or_else(|p| panic!("saved answers do not read again: {}", p[0]));
            let retyped = reread
                .typed(shipped(), NAME, &carried)
                .unwrap_or_else(|p| panic!("saved answers do not type again: {}", p[0]));
            assert_eq!(
                format!("{answers:?}"),
                format!("{retyped:?}"),
                "saved answers read back differently"
            );
            let _ = hrpolicy::select::select_clauses(shipped(), &answers);
            Outcome::Loaded
        }
        Err(problems) => {
            check_diagnostics(&problems, NAME, text);
            Outcome::Refused(problems.len())
        }
    })
}

// ---------------------------------------------------------------- decisions

/// Loads a decisions file from a temporary file; one that loads is saved and loaded
/// again, unchanged.
pub fn decisions(data: &[u8]) -> Option<Outcome> {
    use hrpolicy::review::decisions::DecisionsFile;
    // A folder per thread: `cargo test` runs the seeds and the regression inputs on
    // two threads of one process, which must not write each other's file.
    thread_local! {
        static DIR: std::path::PathBuf = {
            static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
            let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let base = if std::path::Path::new("/dev/shm").is_dir() {
                std::path::PathBuf::from("/dev/shm")
            } else {
                std::env::temp_dir()
            };
            let dir = base.join(format!("hrpolicy-fuzz-decisions-{}-{n}", std::process::id()));
            std::fs::create_dir_all(&dir).expect("a temporary folder");
            dir
        };
    }
    let dir = DIR.with(|dir| dir.clone());
    let path = dir.join("decisions.yaml");
    std::fs::write(&path, data).expect("writing the temporary file");
    let name = path.display().to_string();
    // Only text reaches the YAML parser; the positions are checked against it.
    let text = String::from_utf8_lossy(data);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    Some(match DecisionsFile::load(&path) {
        Ok((file, loaded)) => {
            let _ = file.by_id();
            // The amended texts against the shipped library's answers: a refusal points
            // inside the file, as a build would show it.
            if let Err(problems) = file.check_amendments(&name, &loaded, shipped()) {
                check_diagnostics(&problems, &name, &loaded);
                return Some(Outcome::Refused(problems.len()));
            }
            // Saved as a new file, and saved over the file it was read from (the comments
            // in it carried into the new text): both read back the same.
            let saved = dir.join("saved.yaml");
            let _ = std::fs::remove_file(&saved);
            for target in [&saved, &path] {
                file.save(target).expect("saving a decisions file");
                match DecisionsFile::load(target) {
                    Ok((again, _)) => assert_eq!(
                        hrpolicy_yaml(&file),
                        hrpolicy_yaml(&again),
                        "a saved decisions file reads back differently"
                    ),
                    Err(problems) => panic!(
                        "a saved decisions file does not load again: {}",
                        problems[0]
                    ),
                }
            }
            Outcome::Loaded
        }
        Err(problems) => {
            check_diagnostics(&problems, &name, text);
            Outcome::Refused(problems.len())
        }
    })
}

fn hrpolicy_yaml(file: &hrpolicy::review::decisions::DecisionsFile) -> String {
    format!("{file:?}")
}

// ---------------------------------------------------------------- render

/// The templates the renderers read, from the shipped library.
fn templates() -> &'static std::collections::BTreeMap<String, String> {
    &shipped().templates
}

fn document(
    data: &[u8],
) -> Option<(
    hrpolicy::document::Document,
    hrpolicy::render::RenderOptions,
)> {
    use hrpolicy::document::{Document, Labels, Meta};
    use hrpolicy::render::{Layout, Paper, RenderOptions};
    let (&flags, body) = data.split_first()?;
    let markdown = std::str::from_utf8(body).ok()?.to_string();
    let options = RenderOptions {
        paper: if flags & 1 == 0 {
            Paper::A4
        } else {
            Paper::Letter
        },
        layout: if flags & 2 == 0 {
            Layout::Book
        } else {
            Layout::Short
        },
    };
    let doc = Document {
        meta: Meta {
            title: "Fuzz <handbook> & *title*".into(),
            subtitle: "A [subtitle]".into(),
            organisation: "Peers_Org".into(),
            date: jiff::civil::date(2025, 1, 31),
            version: "1.0".into(),
            lang: "en".into(),
            draft: flags & 4 != 0,
            labels: Labels::default(),
        },
        markdown,
    };
    Some((doc, options))
}

/// Renders an arbitrary Markdown body as Markdown, HTML and DOCX. The first byte
/// chooses the paper, the layout and the draft mark.
pub fn render(data: &[u8]) -> Option<Outcome> {
    use hrpolicy::render::{Format, render_all};
    let (doc, options) = document(data)?;
    let files = render_all(
        &doc,
        templates(),
        "handbook",
        &[Format::Md, Format::Html, Format::Docx],
        &options,
    );
    Some(match files {
        Ok(files) => {
            assert_eq!(files.len(), 3);
            assert!(
                std::str::from_utf8(&files[1].1).is_ok(),
                "HTML is not UTF-8"
            );
            assert!(files[2].1.starts_with(b"PK"), "DOCX is not a zip");
            Outcome::Loaded
        }
        Err(_) => Outcome::Refused(1),
    })
}

/// Renders an arbitrary (short) Markdown body as PDF.
pub fn render_pdf(data: &[u8]) -> Option<Outcome> {
    use hrpolicy::render::{Format, render_all};
    if data.len() > PDF_MAX_LEN + 1 {
        return None;
    }
    let (doc, options) = document(data)?;
    Some(
        match render_all(&doc, templates(), "handbook", &[Format::Pdf], &options) {
            Ok(files) => {
                assert!(files[0].1.starts_with(b"%PDF"), "not a PDF");
                Outcome::Loaded
            }
            // The only refusal is Markdown nested too deep; a typst error is a bug in
            // the generated source (it once let a heading in a list item break a page).
            Err(e) => {
                let e = format!("{e:#}");
                assert!(
                    !e.contains("cannot typeset"),
                    "typst refused the generated source: {e}"
                );
                Outcome::Refused(1)
            }
        },
    )
}
