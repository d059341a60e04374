//! The comrak tree as typst markup. Every piece of text goes through [`escape_text`] and
//! every construct becomes a function call ended with `;`, so nothing a user typed can
//! become typst syntax.
use comrak::nodes::{AstNode, ListType, NodeValue, TableAlignment};

/// Appends `text` to `out` so that typst markup shows it literally: every character that
/// markup could read as syntax is backslash-escaped, and line breaks become spaces.
pub fn escape_text(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            // Markup syntax, shorthands (`--`, `...`, `~`, `-?`), smart quotes, comments
            // (`//`, `/*`), labels and references, enumeration markers (`1.`), term lists
            // (`/ x:`) and automatic links (`https://`).
            '\\' | '#' | '*' | '_' | '`' | '$' | '<' | '>' | '@' | '=' | '-' | '+' | '/' | '['
            | ']' | '~' | '"' | '\'' | ':' | '.' | '{' | '}' | '(' | ')' | ';' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            _ => out.push(c),
        }
    }
}

/// Text as markup.
pub fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    escape_text(text, &mut out);
    out
}

/// A typst string literal holding `text` exactly.
pub fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Appends the markup for the blocks of the document (or of any container).
pub fn render_blocks<'a>(node: &'a AstNode<'a>, out: &mut String) {
    for child in node.children() {
        block(child, out, false);
    }
}

/// One block. `tight`: inside a tight list item, where paragraphs do not get breaks
/// between them (the item's text and a nested list sit together, as in Markdown).
fn block<'a>(node: &'a AstNode<'a>, out: &mut String, tight: bool) {
    let data = node.data();
    match &data.value {
        NodeValue::Document => render_blocks(node, out),
        NodeValue::FrontMatter(_) => {}
        NodeValue::Paragraph => {
            inlines(node, out);
            out.push_str(if tight { "\n" } else { "\n\n" });
        }
        NodeValue::Heading(h) => {
            let mut text = String::new();
            inlines(node, &mut text);
            let top_level = node
                .parent()
                .is_none_or(|p| matches!(p.data().value, NodeValue::Document));
            if top_level {
                let level = h.level.clamp(1, 6) as usize;
                out.push_str(&"=".repeat(level));
                out.push(' ');
                out.push_str(text.trim());
            } else {
                // A heading inside a list item or a quote (`- # Title`) is not a chapter:
                // as a typst heading it would start a page inside a container, which
                // typst refuses. It is set in bold, as a paragraph of its own.
                out.push_str("#strong[");
                out.push_str(text.trim());
                out.push(']');
            }
            out.push_str(if tight { "\n" } else { "\n\n" });
        }
        NodeValue::BlockQuote | NodeValue::MultilineBlockQuote(_) => {
            out.push_str("#hr-quote[");
            let mut inner = String::new();
            render_blocks(node, &mut inner);
            out.push_str(inner.trim());
            out.push_str("];\n\n");
        }
        NodeValue::List(list) => {
            match list.list_type {
                ListType::Bullet => out.push_str(&format!("#list(tight: {})", list.tight)),
                ListType::Ordered => out.push_str(&format!(
                    "#enum(tight: {}, start: {})",
                    list.tight, list.start
                )),
            }
            for item in node.children() {
                out.push('[');
                let mut inner = String::new();
                for child in item.children() {
                    block(child, &mut inner, list.tight);
                }
                out.push_str(inner.trim());
                out.push(']');
            }
            out.push_str(";\n\n");
        }
        NodeValue::Item(_) | NodeValue::TaskItem(_) => {
            // Only reached outside a list; show the content.
            render_blocks(node, out);
        }
        NodeValue::CodeBlock(code) => {
            out.push_str("#raw(block: true, ");
            let lang: String = code
                .info
                .split_whitespace()
                .next()
                .unwrap_or("")
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '+')
                .collect();
            if !lang.is_empty() {
                out.push_str(&format!("lang: {}, ", string_literal(&lang)));
            }
            out.push_str(&string_literal(code.literal.trim_end_matches('\n')));
            out.push_str(");\n\n");
        }
        NodeValue::HtmlBlock(html) => {
            // Raw HTML has no meaning in a PDF: keep its text, drop the tags and comments.
            let text = strip_html(&html.literal);
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            if !text.is_empty() {
                escape_text(&text, out);
                out.push_str("\n\n");
            }
        }
        NodeValue::ThematicBreak => out.push_str("#hr-rule;\n\n"),
        NodeValue::Table(table) => render_table(node, &table.alignments, out),
        NodeValue::DescriptionList => render_blocks(node, out),
        NodeValue::DescriptionItem(_) => render_blocks(node, out),
        NodeValue::DescriptionTerm => {
            out.push_str("#strong[");
            let mut inner = String::new();
            render_blocks(node, &mut inner);
            out.push_str(inner.trim());
            out.push_str("];\n\n");
        }
        NodeValue::FootnoteDefinition(def) => {
            out.push_str("#text(size: 0.9em)[");
            escape_text(&format!("[{}] ", def.name), out);
            let mut inner = String::new();
            render_blocks(node, &mut inner);
            out.push_str(inner.trim());
            out.push_str("];\n\n");
        }
        other if other.block() => {
            // Any other container: its content, as blocks.
            for child in node.children() {
                if child.data().value.block() {
                    block(child, out, tight);
                } else {
                    inline(child, out);
                }
            }
            out.push_str("\n\n");
        }
        _ => {
            // An inline where a block was expected: a paragraph of its own.
            inline(node, out);
            out.push_str("\n\n");
        }
    }
}

fn render_table<'a>(node: &'a AstNode<'a>, alignments: &[TableAlignment], out: &mut String) {
    let columns = node
        .children()
        .map(|row| row.children().count())
        .max()
        .unwrap_or(1)
        .max(1);
    let align: Vec<&str> = (0..columns)
        .map(|i| match alignments.get(i) {
            Some(TableAlignment::Center) => "center",
            Some(TableAlignment::Right) => "right",
            _ => "left",
        })
        .collect();
    out.push_str(&format!(
        "#table(columns: {columns}, align: ({},),\n",
        align.join(", ")
    ));
    for row in node.children() {
        let header = matches!(row.data().value, NodeValue::TableRow(true));
        let mut cells: Vec<String> = row
            .children()
            .map(|cell| {
                let mut text = String::new();
                inlines(cell, &mut text);
                format!("[{}]", text.trim())
            })
            .collect();
        // A short row is padded so every row fills the grid.
        while cells.len() < columns {
            cells.push("[]".to_string());
        }
        if header {
            out.push_str(&format!("  table.header({}),\n", cells.join(", ")));
        } else {
            out.push_str(&format!("  {},\n", cells.join(", ")));
        }
    }
    out.push_str(");\n\n");
}

/// The inline children of `node`.
fn inlines<'a>(node: &'a AstNode<'a>, out: &mut String) {
    for child in node.children() {
        inline(child, out);
    }
}

fn wrapped<'a>(func: &str, node: &'a AstNode<'a>, out: &mut String) {
    out.push('#');
    out.push_str(func);
    out.push('[');
    inlines(node, out);
    out.push_str("];");
}

fn inline<'a>(node: &'a AstNode<'a>, out: &mut String) {
    let data = node.data();
    match &data.value {
        NodeValue::Text(text) => escape_text(text, out),
        NodeValue::SoftBreak => out.push(' '),
        NodeValue::LineBreak => out.push_str("#linebreak();"),
        NodeValue::Code(code) => {
            out.push_str("#raw(");
            out.push_str(&string_literal(&code.literal));
            out.push_str(");");
        }
        NodeValue::HtmlInline(html) => {
            let tag = html.trim().to_ascii_lowercase();
            if tag.starts_with("<br") {
                out.push_str("#linebreak();");
            }
            // Any other tag is dropped; the text between tags is kept.
        }
        NodeValue::Emph => wrapped("emph", node, out),
        NodeValue::Strong => wrapped("strong", node, out),
        NodeValue::Strikethrough => wrapped("strike", node, out),
        NodeValue::Underline => wrapped("underline", node, out),
        NodeValue::Superscript => wrapped("super", node, out),
        NodeValue::Subscript => wrapped("sub", node, out),
        NodeValue::Highlight => wrapped("highlight", node, out),
        NodeValue::Link(link) => {
            let url = link.url.trim();
            if url.is_empty() || url.starts_with('#') {
                // No target a PDF reader could follow: the text alone.
                inlines(node, out);
            } else {
                out.push_str("#link(");
                out.push_str(&string_literal(url));
                out.push_str(")[");
                inlines(node, out);
                out.push_str("];");
            }
        }
        NodeValue::Image(_) => {
            // Images are not embedded; their description stands in.
            wrapped("emph", node, out);
        }
        NodeValue::FootnoteReference(r) => {
            out.push_str("#super[");
            escape_text(&r.name, out);
            out.push_str("];");
        }
        NodeValue::Raw(text) => escape_text(text, out),
        NodeValue::Math(m) => {
            out.push_str("#raw(");
            out.push_str(&string_literal(&m.literal));
            out.push_str(");");
        }
        NodeValue::EscapedTag(tag) => escape_text(tag, out),
        NodeValue::WikiLink(_) => inlines(node, out),
        other => {
            if other.block() {
                // A block inside inline content (should not happen): keep its text.
                let mut inner = String::new();
                block(node, &mut inner, true);
                out.push_str(inner.trim());
                out.push(' ');
            } else {
                inlines(node, out);
            }
        }
    }
}

/// The text of an HTML fragment: tags and comments removed.
fn strip_html(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        let end = if after.starts_with("<!--") {
            after.find("-->").map(|e| e + 3)
        } else {
            after.find('>').map(|e| e + 1)
        };
        match end {
            Some(e) => rest = &after[e..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup::parse_markdown;

    fn markup(md: &str) -> String {
        let arena = comrak::Arena::new();
        let root = parse_markdown(&arena, md);
        let mut out = String::new();
        render_blocks(root, &mut out);
        out
    }

    #[test]
    fn every_special_character_is_escaped() {
        let special = r##"\#*_`$<>@=-+/[]~"':.{}();"##;
        let out = escaped(special);
        let expected: String = special.chars().flat_map(|c| ['\\', c]).collect();
        assert_eq!(out, expected);
        assert_eq!(escaped("plain text, 42 ok!"), "plain text, 42 ok!");
        assert_eq!(escaped("two\nlines"), "two lines");
        assert_eq!(escaped("Альянс"), "Альянс");
    }

    #[test]
    fn escaped_text_has_no_unescaped_markup() {
        // Whatever the text, every syntax character in the output follows a backslash.
        let out = escaped(
            "= Heading #let x = 1 *bold* _em_ `code` $x$ <l> @r // c /* c */ 1. a - b https://x.org ... -- ~",
        );
        let mut chars = out.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                chars.next();
            } else {
                assert!(!"#*_`$<>@=-+/[]~:.".contains(c), "unescaped {c} in {out}");
            }
        }
    }

    #[test]
    fn string_literals_keep_text_exactly() {
        assert_eq!(string_literal(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(string_literal("x\ny"), r#""x\ny""#);
    }

    #[test]
    fn markdown_constructs_become_function_calls() {
        let out = markup(
            "# 3. Fitness\n\nSome *em* and **strong** and `co\"de` and [a link](https://example.org/x?a=1).\nSoft\\\nhard.\n\n- one\n- two\n  - nested\n\n3. three\n4. four\n\n| A | B |\n|---|--:|\n| 1 | 2 |\n\n> quoted\n\n---\n\n<div>raw <b>html</b></div>\n",
        );
        assert!(out.contains("= 3\\. Fitness\n"), "{out}");
        assert!(out.contains("#emph[em];"), "{out}");
        assert!(out.contains("#strong[strong];"), "{out}");
        assert!(out.contains(r#"#raw("co\"de");"#), "{out}");
        assert!(
            out.contains(r#"#link("https://example.org/x?a=1")[a link];"#),
            "{out}"
        );
        assert!(out.contains("Soft#linebreak();hard\\."), "{out}");
        assert!(
            out.contains("#list(tight: true)[one][two\n#list(tight: true)[nested];]"),
            "{out}"
        );
        assert!(
            out.contains("#enum(tight: true, start: 3)[three][four]"),
            "{out}"
        );
        assert!(out.contains("table.header([A], [B])"), "{out}");
        assert!(out.contains("align: (left, right,)"), "{out}");
        assert!(out.contains("#hr-quote[quoted];"), "{out}");
        assert!(out.contains("#hr-rule;"), "{out}");
        assert!(out.contains("raw html"), "{out}");
        assert!(!out.contains("<div>"), "{out}");
    }
}
