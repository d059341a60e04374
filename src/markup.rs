//! The one place Tera and comrak are configured, and the Markdown helpers every
//! stage that writes Markdown shares. A leaf: it imports no stage.
use std::io::Write;

/// Tera for Markdown: values are escaped for Markdown, so text a user typed
/// (`*`, `<`, `[`) appears as typed and never becomes markup.
pub fn markdown_tera() -> tera::Tera {
    let mut tera = tera::Tera::new();
    tera.set_escape_fn(escape_markdown);
    tera.autoescape_on([".md", ".md.tera"]);
    tera
}

/// Tera for the HTML page: values are escaped for HTML.
pub fn html_tera() -> tera::Tera {
    let mut tera = tera::Tera::new();
    tera.autoescape_on([".html", ".html.tera"]);
    tera
}

/// Backslash-escapes every ASCII punctuation character that Markdown could read as markup;
/// line breaks become spaces so a value cannot start a new block.
pub fn escape_markdown(input: &str, out: &mut dyn Write) -> std::io::Result<()> {
    let mut buf = [0u8; 4];
    for c in input.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&' => {
                out.write_all(&[b'\\', c as u8])?
            }
            '\n' | '\r' => out.write_all(b" ")?,
            _ => out.write_all(c.encode_utf8(&mut buf).as_bytes())?,
        }
    }
    Ok(())
}

/// A piece of a text whose only Tera prints names: text as written, or a dotted name
/// between `{{ }}`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Piece<'a> {
    Text(&'a str),
    Name(&'a str),
}

/// Words that mean something to Tera inside `{{ }}` or `{% %}`; never a variable.
pub const TERA_WORDS: &[&str] = &[
    "and",
    "or",
    "not",
    "in",
    "is",
    "if",
    "elif",
    "else",
    "endif",
    "for",
    "endfor",
    "set",
    "set_global",
    "true",
    "false",
    "True",
    "False",
    "none",
    "None",
    "loop",
    "macro",
    "endmacro",
    "block",
    "endblock",
    "extends",
    "include",
    "import",
    "filter",
    "endfilter",
    "raw",
    "endraw",
    "break",
    "continue",
    "as",
    "with",
    "self",
    "super",
    "defined",
    "undefined",
];

/// The pieces of `text` when its only Tera is `{{ name }}` with a dotted name
/// (`{{ org.name }}`); `None` when it holds any other Tera (tags, comments, filters,
/// whitespace control, literals, an unclosed `{{`), which only Tera itself can read.
/// Most library texts are plain or print a name or two: they need no template engine.
pub fn simple_tera(text: &str) -> Option<Vec<Piece<'_>>> {
    if text.contains("{%") || text.contains("{#") {
        return None;
    }
    let is_word = |p: &str| {
        p.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !TERA_WORDS.contains(&p)
    };
    let mut pieces = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        if start > 0 {
            pieces.push(Piece::Text(&rest[..start]));
        }
        let after = &rest[start + 2..];
        let end = after.find("}}")?;
        let name = after[..end].trim_matches(|c: char| c.is_ascii_whitespace());
        if name.is_empty() || !name.split('.').all(is_word) {
            return None;
        }
        pieces.push(Piece::Name(name));
        rest = &after[end + 2..];
    }
    if !rest.is_empty() {
        pieces.push(Piece::Text(rest));
    }
    Some(pieces)
}

/// Parses the document's Markdown once; every renderer walks this tree.
pub fn parse_markdown<'a>(
    arena: &'a comrak::Arena<'a>,
    markdown: &str,
) -> &'a comrak::nodes::AstNode<'a> {
    comrak::parse_document(arena, markdown, &comrak_options())
}

/// Comrak options shared by every renderer.
pub fn comrak_options() -> comrak::Options<'static> {
    let mut o = comrak::Options::default();
    o.extension.table = true;
    o.extension.strikethrough = true;
    o.extension.autolink = true;
    o.extension.header_id_prefix = Some(String::new());
    o.extension.front_matter_delimiter = Some("---".into());
    o
}

/// At most one blank line between blocks, no trailing spaces, one final newline.
pub fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank = 0;
    for line in s.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.trim_start_matches('\n').trim_end().to_string() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_texts_are_exactly_those_tera_reads_without_error() {
        for text in [
            "",
            "No Tera at all, } and { alone, }} too.",
            "Ask {{ org.contact }} or {{org.name}}.\n\n- {{\n  org.name\n}}",
            "{{ _x.y_2 }}",
        ] {
            assert!(simple_tera(text).is_some(), "{text}");
            markdown_tera().add_raw_template("t.md", text).unwrap();
        }
        for text in [
            "{{ n | upper }}",
            "{{- n }}",
            "{{ 1 }}",
            "{{ \"{{\" }}",
            "{{ a.1 }}",
            "{{ 1a }}",
            "{{ and }}",
            "{{ org . name }}",
            "{{\u{a0}org.name }}",
            "{% if x %}y{% endif %}",
            "{# c #}",
            "{{ org.name",
            "{{ }}",
        ] {
            assert!(simple_tera(text).is_none(), "{text}");
        }
        assert_eq!(
            simple_tera("a {{ b.c }}d").unwrap(),
            [Piece::Text("a "), Piece::Name("b.c"), Piece::Text("d")]
        );
    }

    #[test]
    fn markdown_escaping_keeps_user_text_literal() {
        let mut out = Vec::new();
        escape_markdown("<script>*x*</script>\n# [a](b)", &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r"\<script\>\*x\*\</script\> \# \[a\](b)"
        );
        let html = comrak::markdown_to_html(r"\<script\>\*x\*", &comrak_options());
        assert_eq!(html, "<p>&lt;script&gt;*x*</p>\n");
    }
}
