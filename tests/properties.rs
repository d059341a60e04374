//! Property tests over the entry points the fuzzers drive (docs/FUZZING.md): few cases
//! each, so `cargo test` stays fast; the fuzzers go deep.
use hrpolicy::condition::{Condition, Expr};
use hrpolicy::document::{Document, Labels, Meta};
use hrpolicy::inputs::answers_file::AnswersFile;
use hrpolicy::library::Library;
use hrpolicy::render::{Format, Layout, RenderOptions, render_all};
use hrpolicy::worddiff;
use proptest::prelude::*;
use std::sync::OnceLock;

fn shipped() -> &'static Library {
    static LIB: OnceLock<Library> = OnceLock::new();
    LIB.get_or_init(|| {
        hrpolicy::library::load::load(&[])
            .map(|(lib, _)| lib)
            .expect("the shipped library loads")
    })
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------- conditions

const KEYWORDS: [&str; 8] = ["and", "or", "not", "in", "has", "any", "true", "false"];

/// A question id as the library writes them: `org.type`, `services`, `legal.nsp_2`.
fn question_id() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9_]{0,7}(\\.[a-z][a-z0-9_-]{0,7}){0,2}"
        .prop_filter("not a keyword", |s| !KEYWORDS.contains(&s.as_str()))
}

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z0-9][a-z0-9_.-]{0,6}"
            .prop_filter("not a keyword", |s| !KEYWORDS.contains(&s.as_str())),
        "[a-zA-Z0-9 ,()!=]{0,8}".prop_map(|s| format!("\"{s}\"")),
    ]
}

fn list() -> impl Strategy<Value = String> {
    prop::collection::vec(value(), 1..4).prop_map(|v| format!("[{}]", v.join(", ")))
}

/// A test on one question, as text.
fn test_text(id: String) -> impl Strategy<Value = String> {
    let id2 = id.clone();
    let id3 = id.clone();
    let id4 = id.clone();
    prop_oneof![
        Just(id.clone()),
        (prop::bool::ANY, value())
            .prop_map(move |(eq, v)| format!("{id2} {} {v}", if eq { "==" } else { "!=" })),
        (prop::bool::ANY, list())
            .prop_map(move |(not, l)| format!("{id3} {}in {l}", if not { "not " } else { "" })),
        (prop::bool::ANY, prop_oneof![value(), list()])
            .prop_map(move |(any, v)| format!("{id4} has {}{v}", if any { "any " } else { "" })),
    ]
}

/// A well-formed condition and the ids it names, in order.
fn condition_text() -> impl Strategy<Value = (String, Vec<String>)> {
    let leaf = question_id()
        .prop_flat_map(|id| (test_text(id.clone()), Just(vec![id])))
        .boxed();
    leaf.prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            inner.clone().prop_map(|(t, ids)| (format!("not {t}"), ids)),
            inner.clone().prop_map(|(t, ids)| (format!("({t})"), ids)),
            (inner.clone(), prop::bool::ANY, inner).prop_map(|((a, ia), and, (b, ib))| {
                let op = if and { "and" } else { "or" };
                (format!("({a}) {op} ({b})"), [ia, ib].concat())
            }),
        ]
    })
}

fn tokens_soup() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("and".to_string()),
        Just("or".to_string()),
        Just("not".to_string()),
        Just("in".to_string()),
        Just("has".to_string()),
        Just("any".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just(",".to_string()),
        Just("==".to_string()),
        Just("!=".to_string()),
        Just("\"".to_string()),
        Just("'".to_string()),
        Just("=".to_string()),
        question_id(),
        "\\PC{0,3}",
    ];
    prop::collection::vec(token, 0..16).prop_map(|v| v.join(" "))
}

fn ids_in(e: &Expr, out: &mut Vec<String>) {
    match e {
        Expr::Const(_) => {}
        Expr::Truthy(q)
        | Expr::Equals { question: q, .. }
        | Expr::In { question: q, .. }
        | Expr::Has { question: q, .. } => out.push(q.text.clone()),
        Expr::Not(inner) => ids_in(inner, out),
        Expr::And(v) | Expr::Or(v) => v.iter().for_each(|x| ids_in(x, out)),
    }
}

proptest! {
    #![proptest_config(config(128))]

    /// Any text: parsed or refused with a position inside it, never a panic.
    #[test]
    fn the_condition_parser_never_panics(source in prop_oneof![tokens_soup(), "\\PC{0,40}"]) {
        match Condition::parse(&source) {
            Ok(c) => {
                for id in c.questions() {
                    prop_assert!(source.contains(id));
                }
            }
            Err(e) => prop_assert!(e.offset <= source.len()),
        }
    }

    /// A well-formed condition parses, and reads the ids written in it, each where it
    /// was written.
    #[test]
    fn the_condition_parser_reads_the_ids_written((source, ids) in condition_text()) {
        let c = Condition::parse(&source).map_err(|e| TestCaseError::fail(format!("{source}: {e:?}")))?;
        let mut read = Vec::new();
        ids_in(&c.expr, &mut read);
        prop_assert_eq!(&read, &ids);
        let mut first: Vec<&str> = Vec::new();
        for id in &ids {
            if !first.contains(&id.as_str()) {
                first.push(id);
            }
        }
        prop_assert_eq!(c.questions(), first);
        let mut words = Vec::new();
        collect_words(&c.expr, &mut words);
        for w in words {
            prop_assert_eq!(&source[w.offset..w.offset + w.text.len()], w.text.as_str());
        }
    }
}

fn collect_words<'a>(e: &'a Expr, out: &mut Vec<&'a hrpolicy::condition::Word>) {
    match e {
        Expr::Const(_) => {}
        Expr::Truthy(q) => out.push(q),
        Expr::Equals { question, .. } | Expr::In { question, .. } | Expr::Has { question, .. } => {
            out.push(question)
        }
        Expr::Not(inner) => collect_words(inner, out),
        Expr::And(v) | Expr::Or(v) => v.iter().for_each(|x| collect_words(x, out)),
    }
}

// ---------------------------------------------------------------- answers

/// Lines that look like an answers file, good and bad.
fn yamlish() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        Just("schema: 1".to_string()),
        Just("schema: 99".to_string()),
        Just("schema: x".to_string()),
        Just("library: hrpolicy 1".to_string()),
        Just("language: en".to_string()),
        Just("document:".to_string()),
        Just("  version: '1.0'".to_string()),
        Just("  date: 2025-02-30".to_string()),
        Just("  date: 2025-01-31".to_string()),
        Just("answers:".to_string()),
        Just("answers: &a [1, 2]".to_string()),
        Just("  org.name: Peers".to_string()),
        Just("  org.type: user-led".to_string()),
        Just("  place.country: ZA".to_string()),
        Just("  services: [nsp, ost]".to_string()),
        Just("  services:".to_string()),
        Just("    - outreach".to_string()),
        Just("  legal.nsp: yes".to_string()),
        Just("  legal.nsp: maybe".to_string()),
        Just("  x: *a".to_string()),
        Just("  y: !!binary aGk=".to_string()),
        Just("  \"quoted key\": 'v'".to_string()),
        Just("- item".to_string()),
        Just("{ a: 1".to_string()),
        Just("\t tab".to_string()),
        Just("key: |".to_string()),
        Just("  block text".to_string()),
        "[ -~]{0,12}",
        "  [a-z.]{1,12}: [ -~é€]{0,8}",
    ];
    (prop::collection::vec(line, 0..12), prop::bool::ANY)
        .prop_map(|(lines, crlf)| lines.join(if crlf { "\r\n" } else { "\n" }))
}

proptest! {
    #![proptest_config(config(96))]

    /// Any YAML-ish text loads, or is refused with errors placed inside the text.
    #[test]
    fn the_answers_loader_never_panics(text in yamlish()) {
        let lines = text.split('\n').count();
        let problems = match AnswersFile::parse("answers.yaml", &text) {
            Ok(file) => match file.typed(shipped(), "answers.yaml", &text) {
                Ok(_) => Vec::new(),
                Err(p) => p,
            },
            Err(p) => p,
        };
        for d in &problems {
            prop_assert!(!d.to_string().is_empty());
            if let Some(pos) = d.pos {
                prop_assert!(pos.line >= 1 && pos.line <= lines + 1, "{d} in {lines} lines");
                prop_assert!(pos.col >= 1, "{d}");
            }
        }
    }
}

// ---------------------------------------------------------------- Markdown

fn doc(markdown: String) -> Document {
    Document {
        meta: Meta {
            title: "Handbook".into(),
            subtitle: "Sub".into(),
            organisation: "Org".into(),
            date: jiff::civil::date(2025, 1, 31),
            version: "1".into(),
            lang: "en".into(),
            draft: false,
            labels: Labels::default(),
        },
        markdown,
    }
}

fn escaped(text: &str) -> String {
    let mut out = Vec::new();
    hrpolicy::markup::escape_markdown(text, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// The text a reader sees in an HTML fragment: tags dropped, entities decoded.
fn visible(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Text a person might type: Markdown, HTML, Tera and entity syntax, any letters.
fn user_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("*bold*".to_string()),
        Just("_em_".to_string()),
        Just("`code`".to_string()),
        Just("[link](http://x.org)".to_string()),
        Just("![img](a.png)".to_string()),
        Just("<b>html</b>".to_string()),
        Just("<!-- c -->".to_string()),
        Just("&amp;".to_string()),
        Just("&#42;".to_string()),
        Just("{{ org.name }}".to_string()),
        Just("# heading".to_string()),
        Just("- item".to_string()),
        Just("1. item".to_string()),
        Just("> quote".to_string()),
        Just("| a | b |".to_string()),
        Just("~~gone~~".to_string()),
        Just("a\\".to_string()),
        Just("www.example.org".to_string()),
        Just("\n\n".to_string()),
        "[^\\p{C}]{0,12}",
    ];
    prop::collection::vec(piece, 1..6).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(config(64))]

    /// Escaped user text reads in the HTML exactly as it was typed (line breaks as
    /// spaces): no Markdown, HTML or entity in it becomes markup.
    #[test]
    fn escaped_text_appears_literally_in_html(text in user_text()) {
        let markdown = format!("Before: {} :after\n", escaped(&text));
        let files = render_all(
            &doc(markdown),
            &shipped().templates,
            "t",
            &[Format::Html],
            &RenderOptions::default(),
        ).unwrap();
        let html = String::from_utf8(files[0].1.clone()).unwrap();
        let start = html.find("Before: ").expect("the paragraph");
        let end = start + html[start..].find(" :after").expect("its end");
        let seen = visible(&html[start + "Before: ".len()..end]);
        let typed = text.replace(['\n', '\r'], " ");
        prop_assert_eq!(seen, typed);
    }

    /// A text compared with itself has no changes.
    #[test]
    fn a_word_diff_of_a_text_with_itself_is_all_same(text in "\\PC{0,80}|[a-z \\n]{0,80}") {
        let pieces = worddiff::word_diff(&text, &text);
        for p in &pieces {
            prop_assert!(matches!(p, worddiff::Piece::Same(_)), "{p:?}");
        }
        prop_assert_eq!(worddiff::plain(&pieces), text.clone());
        prop_assert!(!worddiff::differs(&text, &text));
    }
}

/// Markdown a clause body might hold, well-formed or not.
fn markdown_body() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        Just("# Chapter".to_string()),
        Just("## Section {#id}".to_string()),
        Just("###### Deep".to_string()),
        Just("Paragraph with *em*, **strong**, ~~struck~~ and `code`.".to_string()),
        Just("- item".to_string()),
        Just("  - nested item".to_string()),
        Just("1. first".to_string()),
        Just("> quote".to_string()),
        Just(">> > deeper".to_string()),
        Just("| a | b |".to_string()),
        Just("|---|:-:|".to_string()),
        Just("| 1 | 2 | 3 |".to_string()),
        Just("```".to_string()),
        Just("    indented code".to_string()),
        Just("---".to_string()),
        Just("<div>raw</div>".to_string()),
        Just("[link](http://x.org \"t\") and <http://y.org>".to_string()),
        Just("![image](missing.png)".to_string()),
        Just("line with hard break\\".to_string()),
        Just(String::new()),
        "[^\\p{Cc}]{0,30}",
    ];
    prop::collection::vec(line, 0..14).prop_map(|v| v.join("\n"))
}

proptest! {
    #![proptest_config(config(48))]

    /// Any Markdown body renders as Markdown, HTML and DOCX.
    #[test]
    fn any_markdown_body_renders(body in markdown_body(), short in prop::bool::ANY) {
        let layout = if short { Layout::Short } else { Layout::Book };
        let options = RenderOptions { layout, ..RenderOptions::default() };
        let files = render_all(
            &doc(body),
            &shipped().templates,
            "t",
            &[Format::Md, Format::Html, Format::Docx],
            &options,
        ).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(files.len(), 3);
        prop_assert!(files[2].1.starts_with(b"PK"));
    }
}

/// Clause-like text: words, list items and paragraph breaks, without `*` or `~`.
fn clause_like() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        4 => "(the|shift|is|paid|staff|may|rest|work|letter|card|call)",
        1 => Just("\n".to_string()),
        1 => Just("\n\n".to_string()),
        1 => Just("\n- ".to_string()),
        1 => Just("\n1. ".to_string()),
        1 => "[^\\p{C}*~_`\\\\]{1,6}",
    ];
    prop::collection::vec(token, 0..40).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(config(96))]

    /// A word diff keeps every word: its unchanged and removed runs are the old text,
    /// its unchanged and added runs the new; in Markdown, each line's marks are paired.
    #[test]
    fn a_word_diff_loses_nothing(old in clause_like(), new in clause_like()) {
        use worddiff::Piece;
        let pieces = worddiff::word_diff(&old, &new);
        let side = |keep: fn(&Piece) -> Option<&str>| -> String {
            pieces.iter().filter_map(keep).collect()
        };
        let was = side(|p| match p {
            Piece::Same(s) | Piece::Removed(s) => Some(s),
            Piece::Added(_) => None,
        });
        let now = side(|p| match p {
            Piece::Same(s) | Piece::Added(s) => Some(s),
            Piece::Removed(_) => None,
        });
        prop_assert_eq!(was, old);
        prop_assert_eq!(now, new);
        let md = worddiff::markdown(&pieces);
        for line in md.lines() {
            prop_assert_eq!(line.matches("~~").count() % 2, 0, "{}", md);
            prop_assert_eq!(line.matches("**").count() % 2, 0, "{}", md);
        }
    }
}

// ---------------------------------------------------------------- comments kept on saving

/// A decisions file as hrpolicy writes it: clauses with texts that hold `#`, `key: value`
/// and quotes, as a committee's wording may.
fn decisions_text(texts: &[String]) -> String {
    use hrpolicy::review::decisions::{ClauseDecision, Decision, DecisionsFile};
    let mut file = DecisionsFile {
        schema: 1,
        ..DecisionsFile::default()
    };
    for (i, t) in texts.iter().enumerate() {
        file.clauses.push(ClauseDecision {
            id: format!("clause-{i}"),
            title: format!("Title {i}"),
            decision: if i % 2 == 0 {
                Decision::Amended
            } else {
                Decision::Pending
            },
            hash: "sha256:00".into(),
            reviewed: t.clone(),
            text: (i % 2 == 0).then(|| t.clone()),
            note: Some(format!("{t} # not a comment")),
            date: None,
        });
    }
    format!("# header\n{}", serde_yaml::to_string(&file).unwrap())
}

/// Text a committee might write: lines that look like comments, keys and quotes.
fn committee_text() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        Just("# not a comment".to_string()),
        Just("key: not a key".to_string()),
        Just("- item: x".to_string()),
        Just("'quoted' and \"double\"".to_string()),
        Just("a # b".to_string()),
        Just(String::new()),
        "[^\\p{C}]{0,20}",
    ];
    prop::collection::vec(line, 1..5).prop_map(|v| v.join("\n"))
}

proptest! {
    #![proptest_config(config(48))]

    /// Carrying a person's comments into a rewritten file never changes its data, and
    /// keeps every comment written before a clause or after a decision.
    #[test]
    fn comments_carried_into_a_rewritten_file_keep_its_data_and_every_note(
        before in prop::collection::vec(committee_text(), 1..4),
        after in prop::collection::vec(committee_text(), 1..4),
    ) {
        let old = decisions_text(&before);
        let new = decisions_text(&after);
        let mut annotated = String::new();
        let mut notes = Vec::new();
        for line in old.lines() {
            if line.starts_with("- id: ") {
                notes.push(format!("# note {}", notes.len()));
                annotated.push_str(notes.last().unwrap());
                annotated.push('\n');
            }
            annotated.push_str(line);
            if line.starts_with("  decision: ") {
                notes.push(format!("# inline {}", notes.len()));
                annotated.push_str("  ");
                annotated.push_str(notes.last().unwrap());
            }
            annotated.push('\n');
        }
        // The annotations do not change what the old file says.
        let parse = |t: &str| serde_yaml::from_str::<serde_yaml::Value>(t).unwrap();
        prop_assert_eq!(parse(&annotated), parse(&old));
        let carried = hrpolicy::yaml_comments::carry(&annotated, &new);
        prop_assert_eq!(parse(&carried), parse(&new), "{}", carried);
        for note in &notes {
            prop_assert!(carried.contains(note.as_str()), "{} lost:\n{}", note, carried);
        }
    }
}

// ---------------------------------------------------------------- positions

/// A text a consultant might write in a clause: words, a variable or two, and the
/// characters that make YAML escape, fold or quote (quotes, backslashes, line breaks,
/// blank lines, runs of spaces, `#`, `: `, non-ASCII, and the line and paragraph
/// separators a word processor writes for a soft break, which YAML reads as line breaks
/// but keeps in the text).
fn scalar_text() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        4 => "[a-z]{1,6}",
        3 => Just(" ".to_string()),
        2 => Just("{{ x }}".to_string()),
        1 => prop_oneof![
            Just("\"".to_string()),
            Just("'".to_string()),
            Just("\\".to_string()),
            Just("\n".to_string()),
            Just("\n\n".to_string()),
            Just("  ".to_string()),
            Just("é".to_string()),
            Just(" #".to_string()),
            Just(": ".to_string()),
            Just("\u{2028}".to_string()),
            Just("\u{2029}".to_string()),
        ],
    ];
    prop::collection::vec(token, 1..24).prop_map(|t| t.concat())
}

/// `text` as the value of `key:` in one of the ways a person or serde writes it, with
/// long lines folded at single spaces. None when that way cannot hold this text.
fn written(key: &str, text: &str, way: u8, fold_every: usize) -> Option<String> {
    const SEPARATORS: [char; 2] = ['\u{2028}', '\u{2029}'];
    let blank_or_break = |c: char| matches!(c, ' ' | '\n' | '\u{2028}' | '\u{2029}');
    // A separator with a space beside it: YAML drops blanks around a line break in
    // quoted text, and a space after one in a block makes a more-indented line.
    let spaced_separator = SEPARATORS
        .iter()
        .any(|s| text.contains(&format!(" {s}")[..]) || text.contains(&format!("{s} ")[..]));
    let separator_at_an_end = text.starts_with(SEPARATORS) || text.ends_with(SEPARATORS);
    // In a block, a separator ends a line of the file: the next starts at the indentation.
    let indent_after_separators = |s: &str| {
        s.replace('\u{2028}', "\u{2028}  ")
            .replace('\u{2029}', "\u{2029}  ")
    };
    // A line break may replace a single space between two characters that are not blank.
    let fold = |s: &str, indent: &str| {
        let chars: Vec<char> = s.chars().collect();
        let mut out = String::new();
        let mut since = 0;
        for (i, c) in chars.iter().enumerate() {
            let lone_space = *c == ' '
                && i > 0
                && !blank_or_break(chars[i - 1])
                && chars.get(i + 1).is_some_and(|n| !blank_or_break(*n));
            if lone_space && since >= fold_every {
                out.push('\n');
                out.push_str(indent);
                since = 0;
            } else {
                out.push(*c);
                since += 1;
            }
        }
        out
    };
    match way {
        // As serde writes it.
        0 => {
            let mut map = std::collections::BTreeMap::new();
            map.insert(key, text);
            serde_yaml::to_string(&map).ok()
        }
        // Double quotes, with escapes; a separator as it is (a line break of the file
        // that stays in the text), or escaped (`\L`, `\P`) where a space is beside it.
        1 => {
            let mut escaped = text
                .replace('\\', "\\\\")
                .replace('"', "\\\"")
                .replace('\n', "\\n");
            if spaced_separator {
                escaped = escaped
                    .replace('\u{2028}', "\\L")
                    .replace('\u{2029}', "\\P");
            }
            Some(format!("{key}: \"{}\"\n", fold(&escaped, "  ")))
        }
        // Single quotes: a line break is a blank line, and blanks around one are lost.
        2 => {
            if text.contains(" \n")
                || text.contains("\n ")
                || text.starts_with('\n')
                || text.ends_with('\n')
                || spaced_separator
                || SEPARATORS.iter().any(|s| {
                    text.contains(&format!("{s}\n")[..]) || text.contains(&format!("\n{s}")[..])
                })
            {
                return None;
            }
            // A run of n line breaks is a break and n blank lines.
            let mut quoted = String::new();
            let mut run = 0;
            for c in text.replace('\'', "''").chars() {
                if c == '\n' {
                    run += 1;
                    continue;
                }
                if run > 0 {
                    quoted.push('\n');
                    quoted.push_str(&"\n".repeat(run));
                    quoted.push_str("  ");
                    run = 0;
                }
                quoted.push(c);
            }
            Some(format!("{key}: '{}'\n", fold(&quoted, "  ")))
        }
        // A folded block: lines of one paragraph joined by spaces.
        4 => {
            if text.starts_with(' ')
                || text.contains('\n')
                || text.trim().is_empty()
                || spaced_separator
                || separator_at_an_end
            {
                return None;
            }
            let body = indent_after_separators(&fold(text, "  "));
            Some(format!("{key}: >-\n  {body}\n"))
        }
        // A literal block: each line of the text a line of the file.
        _ => {
            if text.starts_with([' ', '\n'])
                || text.ends_with([' ', '\n'])
                || text.contains(" \n")
                || separator_at_an_end
            {
                return None;
            }
            let body: String = text
                .lines()
                .map(|l| format!("  {}\n", indent_after_separators(l)))
                .collect();
            Some(format!("{key}: |-\n{body}"))
        }
    }
}

proptest! {
    #![proptest_config(config(256))]

    /// A place inside a scalar (where a template problem is reported) is found where the
    /// file has it, however the scalar is written: every `{{` of the text as serde reads
    /// it is placed on a `{{` of the file.
    #[test]
    fn a_place_inside_any_scalar_is_found_where_the_file_has_it(
        text in scalar_text(),
        way in 0u8..5,
        fold_every in 1usize..30,
    ) {
        use hrpolicy::library::positions::{Positions, YamlPath};
        let Some(file) = written("body", &text, way, fold_every) else {
            return Ok(());
        };
        let read: std::collections::BTreeMap<String, String> = match serde_yaml::from_str(&file) {
            Ok(read) => read,
            Err(e) => return Err(TestCaseError::fail(format!("{file:?} does not read: {e}"))),
        };
        let value = &read["body"];
        prop_assert_eq!(value, &text, "{:?}", file);
        let positions = Positions::index(&file);
        let lines = hrpolicy::diagnostics::YamlLines::new(&file);
        let place = positions.place(&YamlPath::root().key("body")).unwrap();
        for (offset, _) in value.match_indices("{{") {
            let rel = hrpolicy::diagnostics::pos_of_offset(value, offset);
            let at = place.inside(&lines, rel.line, rel.col);
            let found: String = lines
                .line(at.line)
                .unwrap_or("")
                .chars()
                .skip(at.col - 1)
                .take(2)
                .collect();
            prop_assert_eq!(found, "{{", "{:?}: offset {:?} placed at {:?}", file, rel, at);
        }
    }
}
