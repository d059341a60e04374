//! The render stage: one [`Document`] (its Markdown parsed once into a comrak tree)
//! written as Markdown, HTML, PDF (typst) or DOCX (docx-rs), all laid out from one
//! [`RenderOptions`].
pub mod docx;
pub mod html;
pub mod markdown;
pub mod pdf;

use crate::document::Document;
use crate::markup::parse_markdown;
use std::collections::BTreeMap;

/// Paper sizes for PDF and DOCX.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    #[default]
    A4,
    /// US Letter, 8.5 × 11 in.
    Letter,
}

impl Paper {
    /// Width and height in twentieths of a point (DOCX units).
    pub fn twips(self) -> (u32, u32) {
        match self {
            Paper::A4 => (11906, 16838),
            Paper::Letter => (12240, 15840),
        }
    }
}

/// How the pages are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// Title page, contents, each chapter on a new page: the handbook.
    #[default]
    Book,
    /// A heading and the text, no page breaks: the summary and the public statement.
    Short,
}

/// Everything that decides how a document is laid out, for every format.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RenderOptions {
    pub paper: Paper,
    pub layout: Layout,
}

/// The formats hrpolicy writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Md,
    Html,
    Pdf,
    Docx,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
        }
    }
}

/// Writes `doc` in each of `formats` as `(STEM.ext, bytes)`, parsing its Markdown once.
pub fn render_all(
    doc: &Document,
    templates: &BTreeMap<String, String>,
    stem: &str,
    formats: &[Format],
    options: &RenderOptions,
) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let arena = comrak::Arena::new();
    let root = parse_markdown(&arena, &doc.markdown);
    let depth = nesting(root);
    if depth > MAX_NESTING {
        anyhow::bail!(
            "the text nests {depth} levels deep (lists, quotes and emphasis inside one another); \
             hrpolicy writes at most {MAX_NESTING}"
        );
    }
    let mut files = Vec::with_capacity(formats.len());
    for format in formats {
        let bytes = match format {
            Format::Md => markdown::render_markdown(doc).into_bytes(),
            Format::Html => html::render_html(doc, root, templates, "handbook.html.tera", options)?,
            Format::Pdf => pdf::render_pdf(doc, root, options)?,
            Format::Docx => docx::render_docx(doc, root, options)?,
        };
        files.push((format!("{stem}.{}", format.extension()), bytes));
    }
    Ok(files)
}

/// How deeply the Markdown tree may nest (lists in quotes in lists, emphasis in links):
/// a handbook nests 7 deep; the DOCX and PDF writers recurse, and must stay within the
/// stack, so a body nested hundreds deep is refused, not a crash.
pub const MAX_NESTING: usize = 32;

/// The depth of the deepest node under `root` (the root is 1), without recursion.
fn nesting<'a>(root: &'a comrak::nodes::AstNode<'a>) -> usize {
    let (mut depth, mut deepest) = (0, 0);
    for edge in root.traverse() {
        match edge {
            comrak::arena_tree::NodeEdge::Start(_) => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            comrak::arena_tree::NodeEdge::End(_) => depth -= 1,
        }
    }
    deepest
}
