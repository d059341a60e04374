//! From a plan to documents: Tera renders the clauses and the handbook template into
//! one Markdown document; each output format is made from that document.
pub mod context;
pub mod document;
pub mod docx;
pub mod engine;
pub mod html;
pub mod markdown;
pub mod pdf;

/// A short document (a review pack, a change notice) as `STEM.md` and `STEM.html`.
pub fn markdown_and_html(
    doc: &document::Document,
    templates: &std::collections::BTreeMap<String, String>,
    stem: &str,
    layout: html::Layout,
) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let arena = comrak::Arena::new();
    let root = engine::parse_markdown(&arena, &doc.markdown);
    let page = html::render_html(doc, root, templates, "handbook.html.tera", layout)?;
    Ok(vec![
        (
            format!("{stem}.md"),
            markdown::render_markdown(doc).into_bytes(),
        ),
        (format!("{stem}.html"), page.into_bytes()),
    ])
}
