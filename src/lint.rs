//! The language check (terms to avoid, vague wording) and the plain-language report
//! (sentence lengths) over the library's prose.
use crate::diagnostics::{Diagnostic, Pos, pos_of_offset};
use crate::library::Library;
use crate::library::model::Term;
use crate::library::positions::{Positions, YamlPath};

/// One use of a term to avoid in a text: byte range and the term.
#[derive(Debug, Clone)]
pub struct TermUse<'a> {
    pub start: usize,
    pub end: usize,
    pub found: String,
    pub term: &'a Term,
}

/// Whether the character before byte `at` (or at it, `after`) is part of a word.
fn word_char_around(text: &str, at: usize, after: bool) -> bool {
    let c = if after {
        text[at..].chars().next()
    } else {
        text[..at].chars().next_back()
    };
    c.is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// Every term to avoid in one automaton: a single pass over a text finds them all.
/// Matching ignores case in any script; `stem*` matches the stem with any ending.
pub struct LanguageChecker<'a> {
    terms: &'a [Term],
    /// Pattern number to (term index, phrase without `*`, whether it is a stem).
    patterns: Vec<(usize, String, bool)>,
    automaton: aho_corasick::AhoCorasick,
}

impl<'a> LanguageChecker<'a> {
    pub fn new(terms: &'a [Term]) -> LanguageChecker<'a> {
        let patterns: Vec<(usize, String, bool)> = terms
            .iter()
            .enumerate()
            .flat_map(|(i, t)| {
                t.avoid.iter().map(move |a| {
                    let lower = a.to_lowercase();
                    match lower.strip_suffix('*') {
                        Some(stem) => (i, stem.to_string(), true),
                        None => (i, lower, false),
                    }
                })
            })
            .collect();
        let automaton = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(patterns.iter().map(|(_, p, _)| p))
            .expect("term patterns build");
        LanguageChecker {
            terms,
            patterns,
            automaton,
        }
    }

    /// Terms to avoid used in `text`, as whole words, except inside the term's `allow-in`
    /// phrases and except those in `explained` (a glossary entry may name what it explains).
    pub fn uses(&self, text: &str, explained: &[String]) -> Vec<TermUse<'a>> {
        // Lower-cased once; where that changes a byte length (rare letters), the
        // original is searched as it is.
        let lower = text.to_lowercase();
        let hay = if lower.len() == text.len() {
            lower.as_str()
        } else {
            text
        };
        let mut out = Vec::new();
        for m in self.automaton.find_iter(hay) {
            let (s, mut e) = (m.start(), m.end());
            let (ti, phrase, stem) = &self.patterns[m.pattern().as_usize()];
            if !text.is_char_boundary(s) || !text.is_char_boundary(e) {
                continue;
            }
            if *stem {
                // The stem takes any ending: the match runs to the end of the word.
                while e < text.len() && word_char_around(text, e, true) {
                    e += text[e..].chars().next().map_or(1, char::len_utf8);
                }
            }
            if word_char_around(text, s, false)
                || (e < text.len() && word_char_around(text, e, true))
            {
                continue;
            }
            let term = &self.terms[*ti];
            let found = text[s..e].to_string();
            let found_lower = found.to_lowercase();
            if explained.iter().any(|x| {
                let x = x.to_lowercase();
                x == *phrase || x == found_lower
            }) || inside_allowed(text, s, e, &term.allow_in)
            {
                continue;
            }
            out.push(TermUse {
                start: s,
                end: e,
                found,
                term,
            });
        }
        out
    }
}

/// Whether `text[s..e]` lies inside an occurrence of one of the `allowed` phrases.
fn inside_allowed(text: &str, s: usize, e: usize, allowed: &[String]) -> bool {
    allowed.iter().any(|a| {
        let mut from = s.saturating_sub(a.len());
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        let mut to = (e + a.len()).min(text.len());
        while !text.is_char_boundary(to) {
            to += 1;
        }
        let window = text[from..to].to_lowercase();
        let a = a.to_lowercase();
        window
            .match_indices(&a)
            .any(|(i, _)| from + i <= s && e <= from + i + a.len())
    })
}

/// The language of a library file or template: `translations/LANG/...` and
/// `LANG/...tera` are in LANG, everything else in the default language.
fn language_of<'a>(name: &'a str, default: &'a str) -> &'a str {
    if let Some(i) = name.find("translations/") {
        let rest = &name[i + "translations/".len()..];
        return rest.split('/').next().unwrap_or(default);
    }
    match name
        .strip_prefix("templates/")
        .and_then(|t| t.split_once('/'))
    {
        Some((lang, _)) => lang,
        None => default,
    }
}

/// The language check over every library file (but the language lists themselves) and
/// template, each with the terms of its own language.
pub fn language_findings(lib: &Library) -> Vec<Diagnostic> {
    let default = lib.meta.default_language.as_str();
    let mut checkers = std::collections::BTreeMap::new();
    checkers.insert(default, LanguageChecker::new(&lib.language));
    for (code, info) in &lib.languages {
        checkers.insert(code.as_str(), LanguageChecker::new(&info.terms));
    }
    let mut out = Vec::new();
    for file in &lib.files {
        if file.name.ends_with("language.yaml") {
            continue;
        }
        let Some(checker) = checkers.get(language_of(&file.name, default)) else {
            continue;
        };
        // Glossary entries may name the terms they explain.
        let explained_by_line: Vec<(usize, usize, Vec<String>)> =
            if file.name.ends_with("glossary.yaml") && !file.name.contains("translations/") {
                let pos = Positions::index(&file.text);
                let lines = file.text.lines().count() + 1;
                lib.glossary
                    .iter()
                    .enumerate()
                    .filter_map(|(i, e)| {
                        let start = pos.pos(&YamlPath::root().key("entries").index(i))?.line;
                        let end = pos
                            .pos(&YamlPath::root().key("entries").index(i + 1))
                            .map_or(lines, |p| p.line);
                        Some((start, end, e.explains.clone()))
                    })
                    .collect()
            } else {
                Vec::new()
            };
        scan(
            checker,
            &file.name,
            &file.text,
            &explained_by_line,
            &mut out,
        );
    }
    for (name, text) in &lib.templates {
        let name = format!("templates/{name}");
        if let Some(checker) = checkers.get(language_of(&name, default)) {
            scan(checker, &name, text, &[], &mut out);
        }
    }
    out
}

fn scan(
    checker: &LanguageChecker<'_>,
    name: &str,
    text: &str,
    explained: &[(usize, usize, Vec<String>)],
    out: &mut Vec<Diagnostic>,
) {
    for u in checker.uses(text, &[]) {
        let pos = pos_of_offset(text, u.start);
        let line = text.lines().nth(pos.line - 1).unwrap_or("");
        if line.trim_start().starts_with('#') {
            continue; // a YAML comment
        }
        let lower = u.found.to_lowercase();
        let is_explained = explained.iter().any(|(s, e, x)| {
            (*s..*e).contains(&pos.line) && x.iter().any(|t| t.to_lowercase() == lower)
        });
        if is_explained {
            continue;
        }
        let vague = u.term.note.as_deref() == Some("vague");
        let what = if vague { "vague wording" } else { "avoid" };
        out.push(
            Diagnostic::warning(
                name,
                Some(Pos {
                    line: pos.line,
                    col: pos.col,
                }),
                format!("{what}: \"{}\"", u.found),
            )
            .with_source(text)
            .with_help(format!("say: {}", u.term.r#use)),
        );
    }
}

/// Sentence statistics of the handbook's prose (clause bodies, variants, intros).
#[derive(Debug, Clone, Default)]
pub struct SentenceStats {
    pub sentences: usize,
    pub words: usize,
    /// The longest sentences: word count, where (clause or section id), text.
    pub longest: Vec<(usize, String, String)>,
}

impl SentenceStats {
    pub fn average(&self) -> f64 {
        if self.sentences == 0 {
            0.0
        } else {
            self.words as f64 / self.sentences as f64
        }
    }
}

/// Splits Markdown prose into sentences: list items and paragraphs end sentences too.
pub fn sentences(markdown: &str) -> Vec<String> {
    let mut out = Vec::new();
    for block in markdown.split("\n\n") {
        for item in split_list_items(block) {
            let flat: String = item
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .replace(['*', '`', '>', '|'], "");
            let mut current = String::new();
            let chars: Vec<char> = flat.chars().collect();
            for (i, c) in chars.iter().enumerate() {
                current.push(*c);
                let ends =
                    matches!(c, '.' | '!' | '?') && chars.get(i + 1).is_none_or(|n| *n == ' ');
                // "e.g." does not end a sentence ("s.8" never looks like an end).
                let abbreviation =
                    *c == '.' && (current.ends_with("e.g.") || current.ends_with("i.e."));
                if ends && !abbreviation {
                    push_sentence(&mut out, &current);
                    current.clear();
                }
            }
            push_sentence(&mut out, &current);
        }
    }
    out
}

fn split_list_items(block: &str) -> Vec<String> {
    let mut items: Vec<String> = Vec::new();
    for line in block.lines() {
        let t = line.trim_start();
        if t.starts_with('|') {
            // A table row is one item; the separator row is none.
            if t.chars().any(char::is_alphanumeric) {
                items.push(t.replace('|', ". ").to_string());
            }
            continue;
        }
        let marker = t.starts_with("- ")
            || t.split_once(". ")
                .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
        if marker || items.is_empty() {
            let text = if marker {
                t.split_once(' ').map_or("", |(_, r)| r)
            } else {
                t
            };
            items.push(text.to_string());
        } else if let Some(last) = items.last_mut() {
            last.push(' ');
            last.push_str(t);
        }
    }
    items
}

fn push_sentence(out: &mut Vec<String>, s: &str) {
    let s = s.trim();
    if s.split_whitespace()
        .any(|w| w.chars().any(char::is_alphabetic))
    {
        out.push(s.to_string());
    }
}

pub fn word_count(sentence: &str) -> usize {
    sentence
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// The plain-language report over every clause text and chapter introduction in
/// `lang` (texts not translated into it are left out).
pub fn sentence_stats(lib: &Library, lang: &str, keep_longest: usize) -> SentenceStats {
    use std::cmp::Reverse;
    use std::collections::BinaryHeap;
    let default = lib.meta.default_language.as_str();
    let mut stats = SentenceStats::default();
    // The longest sentences so far, shortest (and, among equals, latest) on top; only
    // those that may stay are kept, so memory stays small however large the library.
    let mut kept: BinaryHeap<(Reverse<usize>, usize, String, String)> = BinaryHeap::new();
    let mut seen = 0usize;
    let mut add = |id: &dyn Fn() -> String, text: &crate::text::Text| {
        if lang != default && !text.has(lang) {
            return;
        }
        for s in sentences(text.get(lang, default)) {
            let n = word_count(&s);
            stats.sentences += 1;
            stats.words += n;
            seen += 1;
            let fits = kept.len() < keep_longest
                || kept
                    .peek()
                    .is_some_and(|(Reverse(least), _, _, _)| n > *least);
            if fits {
                kept.push((Reverse(n), seen, id(), s));
                if kept.len() > keep_longest {
                    kept.pop();
                }
            }
        }
    };
    for section in &lib.sections {
        if let Some(intro) = &section.intro {
            add(&|| section.id.clone(), intro);
        }
        for c in &section.clauses {
            if let Some(body) = &c.clause.body {
                add(&|| c.clause.id.clone(), body);
            }
            for v in &c.clause.variants {
                add(&|| format!("{}#{}", c.clause.id, v.id), &v.body);
            }
        }
    }
    // Longest first; among equals, in library order.
    let mut longest = kept.into_vec();
    longest.sort_by_key(|(Reverse(n), order, _, _)| (Reverse(*n), *order));
    stats.longest = longest
        .into_iter()
        .map(|(Reverse(n), _, id, s)| (n, id, s))
        .collect();
    stats
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms() -> Vec<Term> {
        vec![
            Term {
                avoid: vec!["addict".into(), "addicts".into()],
                r#use: "person who uses drugs".into(),
                ..Term::default()
            },
            Term {
                avoid: vec!["misuse".into()],
                r#use: "use".into(),
                allow_in: vec!["Misuse of Drugs Act".into()],
                ..Term::default()
            },
        ]
    }

    #[test]
    fn finds_whole_words_only_and_honours_allow_in_and_explains() {
        let t = terms();
        let checker = LanguageChecker::new(&t);
        let found: Vec<String> = checker
            .uses(
                "Addicts and addiction; misuse under the Misuse of Drugs Act.",
                &[],
            )
            .into_iter()
            .map(|u| u.found)
            .collect();
        assert_eq!(found, vec!["Addicts", "misuse"]);
        assert!(
            checker
                .uses("The word addict is avoided.", &["addict".into()])
                .is_empty()
        );
    }

    #[test]
    fn stems_match_any_ending_in_any_script_and_case() {
        let t = vec![Term {
            avoid: vec!["наркоман*".into(), "toxicodependente*".into()],
            r#use: "людина, яка вживає наркотики".into(),
            allow_in: vec!["Анонімні Наркомани".into()],
            ..Term::default()
        }];
        let checker = LanguageChecker::new(&t);
        let found: Vec<String> = checker
            .uses(
                "Наркоманія; «наркоманка»; Анонімні Наркомани; Toxicodependentes; ненаркоман",
                &[],
            )
            .into_iter()
            .map(|u| u.found)
            .collect();
        assert_eq!(found, vec!["Наркоманія", "наркоманка", "Toxicodependentes"]);
    }

    #[test]
    fn splits_sentences_and_list_items() {
        let s = sentences(
            "First one. Second, e.g. this, s.8 of it!\n\n- item one\n- item two\n  continues.\n\n1. step",
        );
        assert_eq!(
            s,
            vec![
                "First one.",
                "Second, e.g. this, s.8 of it!",
                "item one",
                "item two continues.",
                "step"
            ]
        );
        assert_eq!(word_count("Second, e.g. this, s.8 of it!"), 6);
    }
}
