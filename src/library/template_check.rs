//! Checks a Tera text without rendering it: its syntax (Tera's own parser) and the
//! variables it reads, which must be defined by a question (or be `label.*`, `country.*`).
use crate::markup as engine;

/// A problem at a 1-based line and column of the template text.
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateProblem {
    pub line: usize,
    pub col: usize,
    pub message: String,
    pub help: Option<String>,
}

/// Tera syntax errors of `text`, if any.
pub fn syntax(text: &str) -> Option<TemplateProblem> {
    // Plain text (most rationale and many bodies), or text that only prints names,
    // cannot hold a Tera syntax error.
    if !text.contains('{') || engine::simple_tera(text).is_some() {
        return None;
    }
    thread_local! {
        // One engine for every check: each text replaces the last under one name.
        static TERA: std::cell::RefCell<tera::Tera> = std::cell::RefCell::new(engine::markdown_tera());
    }
    let err = TERA.with_borrow_mut(|tera| tera.add_raw_template("text.md", text).err())?;
    let problem = match err.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            TemplateProblem {
                line: report.span().start_line.max(1),
                col: report.span().start_col + 1,
                message: format!("template syntax: {}", report.message()),
                help: Some(syntax_help(report.message()).into()),
            }
        }
        other => TemplateProblem {
            line: 1,
            col: 1,
            message: format!("template syntax: {other}"),
            help: Some(syntax_help(&other.to_string()).into()),
        },
    };
    Some(within(text, problem))
}

/// `p` moved onto the text's last line when it points past it, as "unexpected end of
/// input" does: the place to fix is the end of the text, not what follows it in a file.
fn within(text: &str, mut p: TemplateProblem) -> TemplateProblem {
    let lines: Vec<&str> = text.trim_end().lines().collect();
    if let Some(last) = lines.last()
        && p.line > lines.len()
    {
        p.line = lines.len();
        p.col = last.chars().count() + 1;
    }
    p
}

/// How to fix a template error, by its kind.
fn syntax_help(message: &str) -> &'static str {
    if message.contains("Unknown") {
        "check the name against Tera's built-in filters, tests and functions"
    } else {
        "close each `{{` with `}}` and each `{%` with `%}`, and end every `{% if %}` or \
         `{% for %}`; to show `{{` as text, write `{{ \"{{\" }}`"
    }
}

/// A variable path read by the template, with its byte offset.
#[derive(Debug, Clone, PartialEq)]
pub struct VarUse {
    pub path: String,
    pub offset: usize,
}

/// Every variable path the template reads that is not bound inside it (`for`, `set`).
pub fn variables(text: &str) -> Vec<VarUse> {
    let mut uses = Vec::new();
    let mut bound: Vec<String> = Vec::new();
    let mut i = 0;
    while let Some(start) = text[i..].find('{').map(|s| s + i) {
        let close = match text.as_bytes().get(start + 1) {
            Some(b'{') => "}}",
            Some(b'%') => "%}",
            Some(b'#') => {
                i = text[start..]
                    .find("#}")
                    .map_or(text.len(), |e| start + e + 2);
                continue;
            }
            _ => {
                i = start + 1;
                continue;
            }
        };
        let inner_start = start + 2;
        let Some(end) = text[inner_start..].find(close).map(|e| e + inner_start) else {
            break;
        };
        scan_tag(&text[inner_start..end], inner_start, &mut uses, &mut bound);
        i = end + 2;
    }
    uses.retain(|u| {
        let root = u.path.split('.').next().unwrap_or("");
        !bound.iter().any(|b| b == root)
    });
    uses
}

fn scan_tag(tag: &str, base: usize, uses: &mut Vec<VarUse>, bound: &mut Vec<String>) {
    let bytes = tag.as_bytes();
    let mut words: Vec<(String, usize)> = Vec::new();
    let mut prev_sym: Option<u8> = None;
    let mut j = 0;
    while j < bytes.len() {
        let c = bytes[j];
        if c == b'"' || c == b'\'' || c == b'`' {
            j = tag[j + 1..]
                .find(c as char)
                .map_or(bytes.len(), |e| j + 1 + e + 1);
            prev_sym = Some(b'"');
        } else if c.is_ascii_alphabetic() || c == b'_' {
            let s = j;
            // A hyphen between letters is kept in the word (`staff.peer-title`): Tera would read
            // a subtraction, but in a clause it is a question id written as-is.
            while j < bytes.len()
                && (bytes[j].is_ascii_alphanumeric()
                    || bytes[j] == b'_'
                    || bytes[j] == b'.'
                    || (bytes[j] == b'-' && bytes.get(j + 1).is_some_and(u8::is_ascii_alphabetic)))
            {
                j += 1;
            }
            let word = tag[s..j].trim_end_matches('.').to_string();
            let next = tag[j..].trim_start();
            let is_call =
                next.starts_with('(') || (next.starts_with('=') && !next.starts_with("=="));
            let after_filter = prev_sym == Some(b'|');
            let after_is = words.last().is_some_and(|(w, _)| {
                w == "is" || w == "not" && words.len() >= 2 && words[words.len() - 2].0 == "is"
            });
            if !is_call
                && !after_filter
                && !after_is
                && !engine::TERA_WORDS.contains(&word.split('.').next().unwrap_or(""))
            {
                words.push((word, base + s));
            } else {
                words.push((String::new(), base + s));
            }
            prev_sym = None;
        } else if c.is_ascii_digit() {
            while j < bytes.len() && (bytes[j].is_ascii_digit() || bytes[j] == b'.') {
                j += 1;
            }
            prev_sym = None;
        } else {
            if !c.is_ascii_whitespace() {
                prev_sym = Some(c);
            }
            j += 1;
        }
    }
    let first = tag.split_whitespace().next().unwrap_or("");
    if first == "for" {
        // `for a in x` / `for k, v in x`: the names before `in` are bound.
        let before_in = tag.split(" in ").next().unwrap_or("");
        for name in before_in.trim_start().trim_start_matches("for").split(',') {
            bound.push(name.trim().to_string());
        }
    } else if (first == "set" || first == "set_global")
        && let Some(name) = tag.split_whitespace().nth(1)
    {
        bound.push(name.trim_end_matches('=').to_string());
    }
    for (word, offset) in words {
        if !word.is_empty() {
            uses.push(VarUse { path: word, offset });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(t: &str) -> Vec<String> {
        variables(t).into_iter().map(|u| u.path).collect()
    }

    #[test]
    fn finds_paths_and_skips_filters_strings_and_bound_names() {
        assert_eq!(
            paths("Hi {{ org.name | upper }} and {{ \"x.y\" }}"),
            vec!["org.name"]
        );
        assert_eq!(
            paths("{% if \"nsp\" in services and legal.use_offence %}x{% endif %}"),
            vec!["services", "legal.use_offence"]
        );
        assert_eq!(
            paths("{% for s in services %}{{ s }} {{ loop.index }}{% endfor %}"),
            vec!["services"]
        );
        assert_eq!(
            paths("{% if x is defined %}{{ default(value=1) }}{% endif %}"),
            vec!["x"]
        );
        assert_eq!(paths("{# {{ nope }} #}{{ yes_ }}"), vec!["yes_"]);
        assert_eq!(
            paths("{{ staff.peer-title }} {{ a - b }}"),
            vec!["staff.peer-title", "a", "b"]
        );
    }

    #[test]
    fn offsets_point_at_the_variable() {
        let v = variables("ab {{ org.nam }}");
        assert_eq!(v[0].offset, 6);
    }

    #[test]
    fn reports_syntax_errors_with_position() {
        let p = syntax("line one\nHello {{ org.name ").unwrap();
        assert_eq!(p.line, 2);
        assert!(p.message.starts_with("template syntax:"), "{}", p.message);
        assert!(syntax("{{ a }}").is_none());
    }
}
