//! `handbook.html`: one standalone page. The Markdown is parsed once with comrak; the
//! table of contents comes from the same tree, with the ids comrak gives the headings.
use super::{Layout, RenderOptions};
use crate::document::Document;
use crate::markup::{comrak_options, html_tera};
use comrak::nodes::{AstNode, NodeValue};
use comrak::{Anchorizer, format_html};
use serde::Serialize;

#[derive(Serialize)]
struct TocEntry {
    level: u8,
    id: String,
    text: String,
}

/// The HTML page for the document (its comrak tree), from `html_template`
/// (e.g. `handbook.html.tera`) and the CSS.
pub fn render_html<'a>(
    doc: &Document,
    root: &'a AstNode<'a>,
    templates: &std::collections::BTreeMap<String, String>,
    html_template: &str,
    options: &RenderOptions,
) -> anyhow::Result<Vec<u8>> {
    let layout = options.layout;
    let comrak = comrak_options();
    let mut anchorizer = Anchorizer::new();
    let mut toc = Vec::new();
    for node in root.descendants() {
        let level = match &node.data.borrow().value {
            NodeValue::Heading(h) => h.level,
            _ => continue,
        };
        let text = node.collect_text();
        let id = anchorizer.anchorize(&text);
        if level <= 2 {
            toc.push(TocEntry { level, id, text });
        }
    }
    let mut body = String::new();
    format_html(root, &comrak, &mut body)?;

    let mut tera = html_tera();
    let css = templates.get("handbook.css").cloned().unwrap_or_default();
    let template = templates
        .get(html_template)
        .ok_or_else(|| anyhow::anyhow!("template {html_template} is missing"))?;
    tera.add_raw_template(html_template, template)?;
    let mut ctx = tera::Context::new();
    ctx.insert("meta", &doc.meta);
    ctx.insert("toc", &toc);
    ctx.insert("body", &body);
    ctx.insert("css", &css);
    ctx.insert("short", &(layout == Layout::Short));
    ctx.insert("labels", &doc.meta.labels);
    ctx.insert(
        "date_text",
        &crate::dates::long_date(doc.meta.date, &doc.meta.lang),
    );
    let header = if doc.meta.organisation.is_empty() {
        doc.meta.title.clone()
    } else {
        format!("{} · {}", doc.meta.organisation, doc.meta.title)
    };
    let header = if doc.meta.draft {
        format!("{} · {header}", doc.meta.labels.draft_mark)
    } else {
        header
    };
    ctx.insert("running_header", &css_string(&header));
    // Straight to bytes: the page goes to a file, and checking a quarter of a megabyte
    // of text is UTF-8 again (as `render` does) costs more than the rest of the page.
    let mut page = Vec::with_capacity(body.len() + css.len() + 4096);
    tera.render_to(html_template, &ctx, &mut page)?;
    Ok(page)
}

/// Escapes text for a CSS string in a `<style>` element: quotes, backslashes and `<`.
fn css_string(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("\\3c "),
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}
