//! `handbook.docx`: a Word document with real heading styles, made with docx-rs.
//!
//! The document is built from the comrak tree: a title page, a table of contents field,
//! then every block in order. Formatting lives in named styles (Heading 1–3 with outline
//! levels, Body Text, List Paragraph, Quote, ...) so that a manager can edit the handbook
//! as an ordinary Word document, and Word's navigation pane and "Update Table" work.
//!
//! Page size, margins and page breaks are set through docx-rs's own API, from the
//! [`RenderOptions`]. Three small things it cannot express are patched into the built
//! XML before packing: the core properties (title, creator, language), `w:lang` on the
//! default run properties, and `w:tblHeader` on table header rows.
mod package;
mod styles;

use super::{Layout, RenderOptions};
use crate::document::{Document, Meta};
use crate::hash::HashMap;
use comrak::nodes::{AstNode, ListType, NodeValue, TableAlignment};
use docx_rs::{
    AlignmentType, BorderType, BreakType, Docx, FieldCharType, Footer, Header, Hyperlink,
    HyperlinkType, IndentLevel, InstrText, InstrToC, LevelOverride, LineSpacing, LineSpacingType,
    Numbering, NumberingId, PageMargin, PageNum, Paragraph, ParagraphBorder,
    ParagraphBorderPosition, ParagraphBorders, Run, RunFonts, Shading, Tab, TabValueType, Table,
    TableBorder, TableBorderPosition, TableBorders, TableCell, TableCellMargins, TableRow,
    WidthType, XMLDocx,
};
use package::{core_properties, insert_before, lang_element, replace_all};
use styles::{bullet_numbering, list_indent, ordered_numbering, spacing, styles};

/// Latin, Greek and Cyrillic text.
const FONT: &str = "Calibri";
/// Complex scripts (Arabic, Hebrew, ...): Arial has the glyphs on every Windows and Mac.
const FONT_CS: &str = "Arial";
const FONT_MONO: &str = "Consolas";

/// 2.5 cm margins (twentieths of a point).
const MARGIN: i32 = 1418;

const ACCENT: &str = "1F3864";
const ACCENT_LIGHT: &str = "2F5496";
const GREY: &str = "595959";
const DRAFT_RED: &str = "C00000";

/// docx-rs always writes abstract numbering 1 and numbering 1; ours come after.
const BULLET_ABSTRACT: usize = 2;
const ORDERED_ABSTRACT: usize = 3;
const FIRST_NUM_ID: usize = 2;
/// Word knows list levels 0 to 8.
const MAX_LEVEL: usize = 8;

/// Writes the document (its comrak tree) as a .docx file: a book (title page,
/// contents, chapters on new pages) or a short document (the title, then the text).
pub fn render_docx<'a>(
    doc: &Document,
    root: &'a AstNode<'a>,
    options: &RenderOptions,
) -> anyhow::Result<Vec<u8>> {
    let xml = build_parts(doc, root, options)?;
    let mut cursor = std::io::Cursor::new(Vec::with_capacity(256 * 1024));
    xml.pack(&mut cursor)?;
    Ok(cursor.into_inner())
}

/// Every part of the package, as XML, with the patches docx-rs cannot make applied.
fn build_parts<'a>(
    doc: &Document,
    root: &'a AstNode<'a>,
    options: &RenderOptions,
) -> anyhow::Result<XMLDocx> {
    let mut w = Writer::new(root, options);
    w.title_page(&doc.meta);
    if options.layout == Layout::Book {
        w.table_of_contents(&doc.meta);
    }
    w.block(root, Ctx::default());
    let mut xml = w.finish(&doc.meta).build();
    xml.doc_props.core = core_properties(&doc.meta).into_bytes();
    xml.styles = insert_before(
        xml.styles,
        "</w:rPr></w:rPrDefault>",
        &lang_element(&doc.meta.lang),
    )?;
    // Header rows are the only rows marked cantSplit (see `table`): they also repeat on
    // every page a table runs over.
    xml.document = replace_all(
        xml.document,
        "<w:cantSplit />",
        "<w:cantSplit /><w:tblHeader />",
    );
    Ok(xml)
}

/// Where a block sits: in a quotation, in a list item.
#[derive(Clone, Copy, Default)]
struct Ctx {
    quote: bool,
    list: Option<ListCtx>,
}

#[derive(Clone, Copy)]
struct ListCtx {
    num_id: usize,
    level: usize,
    ordered: bool,
}

/// A heading as the table of contents and internal links see it.
struct HeadingInfo {
    level: u8,
    text: String,
    bookmark: String,
}

enum Block {
    P(Box<Paragraph>),
    T(Box<Table>),
}

/// Inline content of a paragraph, in order.
enum Piece {
    Run(Box<Run>),
    Link(Hyperlink),
}

/// Inline formatting in effect.
#[derive(Clone, Copy, Default)]
struct Fmt {
    bold: bool,
    italic: bool,
    strike: bool,
    code: bool,
    link: bool,
}

struct Writer {
    blocks: Vec<Block>,
    numberings: Vec<Numbering>,
    next_num_id: usize,
    headings: Vec<HeadingInfo>,
    /// The next heading met while walking the tree (same order as `headings`).
    next_heading: usize,
    /// comrak's heading ids (`#3-substance-use`) → bookmark names, for internal links.
    anchors: HashMap<String, String>,
    /// The numbering of a list item whose first paragraph is still to come.
    pending_item: Option<(usize, usize)>,
    /// The last block was a table: the next paragraph keeps a gap from it.
    after_table: bool,
    options: RenderOptions,
    /// The width between the margins, in twentieths of a point.
    text_width: usize,
}

impl Writer {
    fn new<'a>(root: &'a AstNode<'a>, options: &RenderOptions) -> Writer {
        let mut anchorizer = comrak::Anchorizer::new();
        let mut headings = Vec::new();
        let mut anchors = HashMap::default();
        for node in root.descendants() {
            let level = match &node.data.borrow().value {
                NodeValue::Heading(h) => h.level,
                _ => continue,
            };
            let text = node.collect_text();
            let bookmark = format!("_Toc_hrp{}", headings.len() + 1);
            anchors.insert(anchorizer.anchorize(&text), bookmark.clone());
            headings.push(HeadingInfo {
                level,
                text,
                bookmark,
            });
        }
        Writer {
            blocks: Vec::new(),
            numberings: Vec::new(),
            next_num_id: FIRST_NUM_ID,
            headings,
            next_heading: 0,
            anchors,
            pending_item: None,
            after_table: false,
            options: *options,
            text_width: options.paper.twips().0 as usize - 2 * MARGIN as usize,
        }
    }

    fn para(&mut self, mut p: Paragraph) {
        let heading = p
            .property
            .style
            .as_ref()
            .is_some_and(|s| s.val.starts_with("Heading"));
        if std::mem::take(&mut self.after_table) && !heading {
            p = with_spacing(p, |s| s.before(200));
        }
        self.blocks.push(Block::P(Box::new(p)));
    }

    fn title_page(&mut self, m: &Meta) {
        let line = |text: &str| {
            Paragraph::new()
                .style("TitlePageText")
                .add_run(Run::new().add_text(text))
        };
        let mut org = Paragraph::new().style("TitlePageOrganisation");
        if !m.organisation.is_empty() {
            org = org.add_run(Run::new().add_text(&m.organisation));
        }
        self.para(org);
        self.para(
            Paragraph::new()
                .style("Title")
                .add_run(Run::new().add_text(&m.title)),
        );
        if !m.subtitle.is_empty() {
            self.para(
                Paragraph::new()
                    .style("Subtitle")
                    .add_run(Run::new().add_text(&m.subtitle)),
            );
        }
        if !m.version.is_empty() {
            self.para(line(&format!("{} {}", m.labels.version, m.version)));
        }
        self.para(line(&crate::dates::long_date(m.date, &m.lang)));
        if m.draft {
            self.para(
                Paragraph::new().style("TitlePageText").add_run(
                    Run::new()
                        .add_text(&m.labels.draft_status)
                        .bold()
                        .color(DRAFT_RED),
                ),
            );
        }
    }

    /// "Contents" on a page of its own, then a TOC field whose cached result lists the
    /// headings (without page numbers, which only Word can know) and says how to update it.
    fn table_of_contents(&mut self, m: &Meta) {
        self.para(
            Paragraph::new()
                .style("TOCHeading")
                .page_break_before(true)
                .add_run(Run::new().add_text(&m.labels.contents)),
        );
        let instr = InstrToC::new()
            .heading_styles_range(1, 2)
            .hyperlink()
            .hide_tab_and_page_numbers_in_webview()
            .use_applied_paragraph_line_level();
        let begin = Run::new()
            .add_field_char(FieldCharType::Begin, false)
            .add_instr_text(InstrText::TOC(instr))
            .add_field_char(FieldCharType::Separate, false);
        let mut begin = Some(begin);
        let entries: Vec<(u8, String, String)> = self
            .headings
            .iter()
            .filter(|h| h.level <= 2)
            .map(|h| (h.level, h.text.clone(), h.bookmark.clone()))
            .collect();
        for (level, text, bookmark) in entries {
            let mut p = Paragraph::new().style(&format!("TOC{level}"));
            if let Some(run) = begin.take() {
                p = p.add_run(run);
            }
            p = p.add_hyperlink(
                Hyperlink::new(bookmark, HyperlinkType::Anchor).add_run(Run::new().add_text(text)),
            );
            self.para(p);
        }
        let mut note = Paragraph::new().style("TOCNote");
        if let Some(run) = begin.take() {
            note = note.add_run(run);
        }
        note = note
            .add_run(Run::new().add_text(&m.labels.toc_update))
            .add_run(Run::new().add_field_char(FieldCharType::End, false));
        self.para(note);
    }

    fn new_numbering(&mut self, ordered: bool, level: usize, start: usize) -> usize {
        let id = self.next_num_id;
        self.next_num_id += 1;
        let abstract_id = if ordered {
            ORDERED_ABSTRACT
        } else {
            BULLET_ABSTRACT
        };
        let mut n = Numbering::new(id, abstract_id);
        if ordered {
            // A start override makes each list count from its own start, even though
            // every ordered list shares one abstract numbering.
            n = n.add_override(LevelOverride::new(level).start(start.max(1)));
        }
        self.numberings.push(n);
        id
    }

    fn block<'a>(&mut self, node: &'a AstNode<'a>, ctx: Ctx) {
        let value = node.data.borrow().value.clone();
        match value {
            NodeValue::FrontMatter(_) | NodeValue::HtmlBlock(_) => {}
            NodeValue::Heading(h) => self.heading(node, h.level),
            NodeValue::Paragraph => {
                let p = self.body_paragraph(ctx);
                let p = add_pieces(p, self.inlines(node));
                self.para(p);
            }
            NodeValue::List(list) => {
                let ordered = list.list_type == ListType::Ordered;
                let level = ctx.list.map_or(0, |l| (l.level + 1).min(MAX_LEVEL));
                // A nested list of the same kind continues its parent's numbering at the
                // next level (Word restarts that level after each parent item); any other
                // list gets its own numbering, restarted at its start number.
                let num_id = match ctx.list {
                    Some(parent) if parent.ordered == ordered => parent.num_id,
                    _ => self.new_numbering(ordered, level, list.start),
                };
                let inner = Ctx {
                    list: Some(ListCtx {
                        num_id,
                        level,
                        ordered,
                    }),
                    ..ctx
                };
                let top_level = ctx.list.is_none();
                for item in node.children() {
                    self.pending_item = Some((num_id, level));
                    for child in item.children() {
                        self.block(child, inner);
                    }
                    if let Some((id, lvl)) = self.pending_item.take() {
                        // An empty item still shows its bullet or number.
                        let p = Paragraph::new()
                            .style("ListParagraph")
                            .numbering(NumberingId::new(id), IndentLevel::new(lvl));
                        self.para(p);
                    }
                }
                if top_level {
                    // Space between the list and what follows, as between paragraphs.
                    if let Some(Block::P(p)) = self.blocks.last_mut() {
                        **p = with_spacing(std::mem::take(&mut **p), |s| s.after(140));
                    }
                }
            }
            NodeValue::BlockQuote | NodeValue::MultilineBlockQuote(_) => {
                self.flush_pending_item();
                for child in node.children() {
                    self.block(child, Ctx { quote: true, ..ctx });
                }
            }
            NodeValue::CodeBlock(code) => {
                self.flush_pending_item();
                let mut run = Run::new();
                for (i, line) in code.literal.trim_end_matches('\n').split('\n').enumerate() {
                    if i > 0 {
                        run = run.add_break(BreakType::TextWrapping);
                    }
                    run = run.add_text(line);
                }
                let mut p = Paragraph::new().style("SourceCode").add_run(run);
                if let Some(l) = ctx.list {
                    p = p.indent(Some(list_indent(l.level)), None, None, None);
                }
                self.para(p);
            }
            NodeValue::ThematicBreak => {
                let border = ParagraphBorder::new(ParagraphBorderPosition::Bottom)
                    .val(BorderType::Single)
                    .size(6)
                    .space(1)
                    .color("A6A6A6");
                let mut p = Paragraph::new().style("BodyText");
                p.property = p
                    .property
                    .set_borders(ParagraphBorders::with_empty().set(border));
                self.para(p);
            }
            NodeValue::Table(table) => {
                self.flush_pending_item();
                let t = self.table(node, &table.alignments);
                self.blocks.push(Block::T(Box::new(t)));
                self.after_table = true;
            }
            _ => {
                for child in node.children() {
                    self.block(child, ctx);
                }
            }
        }
    }

    /// A list item that starts with something other than a paragraph gets its number on
    /// an empty paragraph first.
    fn flush_pending_item(&mut self) {
        if let Some((id, lvl)) = self.pending_item.take() {
            self.para(
                Paragraph::new()
                    .style("ListParagraph")
                    .numbering(NumberingId::new(id), IndentLevel::new(lvl)),
            );
        }
    }

    /// An empty paragraph styled for where it sits: the first paragraph of a list item
    /// carries the item's number, later ones are indented to the item's text.
    fn body_paragraph(&mut self, ctx: Ctx) -> Paragraph {
        match ctx.list {
            Some(l) => {
                let style = if ctx.quote { "Quote" } else { "ListParagraph" };
                let p = Paragraph::new().style(style);
                match self.pending_item.take() {
                    Some((id, lvl)) => p.numbering(NumberingId::new(id), IndentLevel::new(lvl)),
                    None => p.indent(Some(list_indent(l.level)), None, None, None),
                }
            }
            None if ctx.quote => Paragraph::new().style("Quote"),
            None => Paragraph::new().style("BodyText"),
        }
    }

    fn heading<'a>(&mut self, node: &'a AstNode<'a>, level: u8) {
        self.flush_pending_item();
        let style = format!("Heading{}", level.clamp(1, 3));
        let mut p = Paragraph::new().style(&style);
        let index = self.next_heading;
        self.next_heading += 1;
        let bookmark = self.headings.get(index).map(|h| h.bookmark.clone());
        if let Some(name) = &bookmark {
            p = p.add_bookmark_start(index + 1, name);
        }
        p = add_pieces(p, self.inlines(node));
        if bookmark.is_some() {
            p = p.add_bookmark_end(index + 1);
        }
        self.para(p);
    }

    fn table<'a>(&mut self, node: &'a AstNode<'a>, alignments: &[TableAlignment]) -> Table {
        let columns = alignments.len().max(1);
        let mut rows = Vec::new();
        for row in node.children() {
            let header = matches!(row.data.borrow().value, NodeValue::TableRow(true));
            let mut cells = Vec::new();
            for (i, cell) in row.children().enumerate() {
                let align = match alignments.get(i) {
                    Some(TableAlignment::Center) => AlignmentType::Center,
                    Some(TableAlignment::Right) => AlignmentType::Right,
                    _ => AlignmentType::Left,
                };
                let mut pieces = self.inlines(cell);
                if header {
                    pieces = pieces.into_iter().map(bold_piece).collect();
                }
                let p = add_pieces(Paragraph::new().style("TableText").align(align), pieces);
                let mut c = TableCell::new()
                    .add_paragraph(p)
                    .width(self.text_width / columns, WidthType::Dxa);
                if header {
                    c = c.shading(Shading::new().fill("D9E2F3"));
                }
                cells.push(c);
            }
            let mut r = TableRow::new(cells);
            if header {
                r = r.cant_split();
            }
            rows.push(r);
        }
        let border = |pos| {
            TableBorder::new(pos)
                .border_type(BorderType::Single)
                .size(4)
                .color("8EAADB")
        };
        let borders = TableBorders::with_empty()
            .set(border(TableBorderPosition::Top))
            .set(border(TableBorderPosition::Bottom))
            .set(border(TableBorderPosition::Left))
            .set(border(TableBorderPosition::Right))
            .set(border(TableBorderPosition::InsideH))
            .set(border(TableBorderPosition::InsideV));
        Table::new(rows)
            .set_grid(vec![self.text_width / columns; columns])
            .width(5000, WidthType::Pct)
            .margins(TableCellMargins::new().margin(60, 100, 60, 100))
            .set_borders(borders)
    }

    /// The inline content of a block, as runs and hyperlinks.
    fn inlines<'a>(&self, node: &'a AstNode<'a>) -> Vec<Piece> {
        let mut out = Vec::new();
        let mut link: Option<Hyperlink> = None;
        for child in node.children() {
            self.inline(child, Fmt::default(), &mut out, &mut link);
        }
        out
    }

    fn inline<'a>(
        &self,
        node: &'a AstNode<'a>,
        fmt: Fmt,
        out: &mut Vec<Piece>,
        link: &mut Option<Hyperlink>,
    ) {
        let mut push = |run: Run, link: &mut Option<Hyperlink>| match link.take() {
            Some(l) => *link = Some(l.add_run(run)),
            None => out.push(Piece::Run(Box::new(run))),
        };
        let value = node.data.borrow().value.clone();
        let recurse = |fmt: Fmt, out: &mut Vec<Piece>, link: &mut Option<Hyperlink>| {
            for child in node.children() {
                self.inline(child, fmt, out, link);
            }
        };
        match value {
            NodeValue::Text(t) => push(styled_run(&t, fmt), link),
            NodeValue::Code(c) => push(styled_run(&c.literal, Fmt { code: true, ..fmt }), link),
            NodeValue::SoftBreak => push(styled_run(" ", fmt), link),
            NodeValue::LineBreak => push(Run::new().add_break(BreakType::TextWrapping), link),
            NodeValue::HtmlInline(html) => {
                let tag = html.trim().to_ascii_lowercase();
                if matches!(tag.as_str(), "<br>" | "<br/>" | "<br />") {
                    push(Run::new().add_break(BreakType::TextWrapping), link);
                }
            }
            NodeValue::Emph => recurse(
                Fmt {
                    italic: true,
                    ..fmt
                },
                out,
                link,
            ),
            NodeValue::Strong => recurse(Fmt { bold: true, ..fmt }, out, link),
            NodeValue::Strikethrough => recurse(
                Fmt {
                    strike: true,
                    ..fmt
                },
                out,
                link,
            ),
            NodeValue::Link(l) if link.is_none() => {
                let target = match l.url.strip_prefix('#') {
                    Some(anchor) => self
                        .anchors
                        .get(anchor)
                        .map(|b| Hyperlink::new(b, HyperlinkType::Anchor)),
                    None => Some(Hyperlink::new(&l.url, HyperlinkType::External)),
                };
                match target {
                    Some(h) => {
                        *link = Some(h);
                        recurse(Fmt { link: true, ..fmt }, out, link);
                        if let Some(h) = link.take() {
                            out.push(Piece::Link(h));
                        }
                    }
                    None => recurse(fmt, out, link),
                }
            }
            NodeValue::Image(_) => recurse(
                Fmt {
                    italic: true,
                    ..fmt
                },
                out,
                link,
            ),
            _ => recurse(fmt, out, link),
        }
    }

    fn finish(self, m: &Meta) -> Docx {
        let running = if m.organisation.is_empty() {
            m.title.clone()
        } else {
            format!("{} · {}", m.organisation, m.title)
        };
        let mut header_p = Paragraph::new()
            .style("Header")
            .add_tab(Tab::new().val(TabValueType::Right).pos(self.text_width))
            .add_run(Run::new().add_text(&running));
        if m.draft {
            header_p = header_p.add_run(Run::new().add_tab()).add_run(
                Run::new()
                    .add_text(&m.labels.draft_mark)
                    .bold()
                    .color(DRAFT_RED)
                    .character_spacing(20),
            );
        }
        let footer_p = Paragraph::new()
            .style("Footer")
            .align(AlignmentType::Center)
            .add_page_num(PageNum::new());

        let (page_w, page_h) = self.options.paper.twips();
        let fonts = RunFonts::new().ascii(FONT).hi_ansi(FONT).cs(FONT_CS);
        let mut docx = Docx::new()
            .page_size(page_w, page_h)
            .page_margin(PageMargin {
                top: MARGIN,
                left: MARGIN,
                bottom: MARGIN,
                right: MARGIN,
                header: 709,
                footer: 709,
                gutter: 0,
            })
            .default_fonts(fonts)
            .default_size(22)
            // docx-rs always writes an empty Normal style: what Normal means lives here.
            .default_line_spacing(spacing(0, 120).line(264).line_rule(LineSpacingType::Auto))
            .header(Header::new().add_paragraph(header_p))
            .footer(Footer::new().add_paragraph(footer_p))
            // The title page has no running header or page number.
            .first_header(Header::new().add_paragraph(Paragraph::new()))
            .first_footer(Footer::new().add_paragraph(Paragraph::new()))
            .title_pg()
            .add_abstract_numbering(bullet_numbering())
            .add_abstract_numbering(ordered_numbering());
        for style in styles(self.options.layout, self.text_width) {
            docx = docx.add_style(style);
        }
        for n in self.numberings {
            docx = docx.add_numbering(n);
        }
        for b in self.blocks {
            docx = match b {
                Block::P(p) => docx.add_paragraph(*p),
                Block::T(t) => docx.add_table(*t),
            };
        }
        docx
    }
}

fn styled_run(text: &str, fmt: Fmt) -> Run {
    let mut run = Run::new().add_text(text);
    if fmt.bold {
        run = run.bold();
    }
    if fmt.italic {
        run = run.italic();
    }
    if fmt.strike {
        run = run.strike();
    }
    if fmt.code {
        run = run.style("VerbatimChar");
    } else if fmt.link {
        run = run.style("Hyperlink");
    }
    run
}

/// Sets spacing on a paragraph directly, keeping any spacing already set on it.
fn with_spacing(mut p: Paragraph, f: impl FnOnce(LineSpacing) -> LineSpacing) -> Paragraph {
    let spacing = p.property.line_spacing.take().unwrap_or_default();
    p.line_spacing(f(spacing))
}

fn bold_piece(p: Piece) -> Piece {
    match p {
        Piece::Run(r) => Piece::Run(Box::new(r.bold())),
        other => other,
    }
}

fn add_pieces(mut p: Paragraph, pieces: Vec<Piece>) -> Paragraph {
    for piece in pieces {
        p = match piece {
            Piece::Run(r) => p.add_run(*r),
            Piece::Link(h) => p.add_hyperlink(h),
        };
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup::parse_markdown;

    fn meta(draft: bool) -> Meta {
        Meta {
            title: "Staff handbook".into(),
            subtitle: "Workplace policy".into(),
            organisation: "Альянс громадського здоров'я & Co".into(),
            date: jiff::civil::date(2026, 1, 15),
            version: "2.0".into(),
            lang: "uk".into(),
            draft,
            labels: Default::default(),
        }
    }

    fn parts(draft: bool, markdown: &str) -> XMLDocx {
        let doc = Document {
            meta: meta(draft),
            markdown: markdown.into(),
        };
        let arena = comrak::Arena::new();
        let root = parse_markdown(&arena, &doc.markdown);
        build_parts(&doc, root, &RenderOptions::default()).unwrap()
    }

    fn text(b: &[u8]) -> String {
        String::from_utf8(b.to_vec()).unwrap()
    }

    #[test]
    fn a_draft_says_draft_in_the_header_and_on_the_title_page() {
        let xml = parts(true, "# 1. One\n\nText.\n");
        let headers: Vec<String> = xml.headers.iter().map(|h| text(h)).collect();
        assert!(
            headers.iter().any(|h| h.contains(">DRAFT<")),
            "no DRAFT in any header: {headers:#?}"
        );
        let document = text(&xml.document);
        assert!(document.contains("Draft — not yet approved"), "{document}");
        assert!(text(&xml.doc_props.core).contains("<cp:contentStatus>Draft</cp:contentStatus>"));
    }

    #[test]
    fn a_final_document_never_says_draft() {
        let xml = parts(false, "# 1. One\n\nText.\n");
        for part in xml
            .headers
            .iter()
            .chain([&xml.document, &xml.doc_props.core])
        {
            assert!(
                !text(part).to_lowercase().contains("draft"),
                "{}",
                text(part)
            );
        }
    }

    #[test]
    fn metadata_is_escaped_and_the_language_set() {
        let xml = parts(false, "Text.\n");
        let core = text(&xml.doc_props.core);
        assert!(
            core.contains("<dc:creator>Альянс громадського здоров&apos;я &amp; Co</dc:creator>"),
            "{core}"
        );
        assert!(core.contains("<dc:language>uk</dc:language>"), "{core}");
        let styles = text(&xml.styles);
        assert!(styles.contains(r#"<w:lang w:val="uk""#), "{styles}");
        let headers: String = xml.headers.iter().map(|h| text(h)).collect();
        assert!(
            headers.contains("Альянс громадського здоров&apos;я &amp; Co · Staff handbook")
                || headers.contains("Альянс громадського здоров'я &amp; Co · Staff handbook"),
            "{headers}"
        );
    }

    #[test]
    fn inline_formatting_links_and_breaks() {
        let xml = parts(
            false,
            "Some **bold**, *italic*, `code`, ~~gone~~ and a [link](https://example.org/a?b=1&c=2).\nSoft  \nhard.\n",
        );
        let d = text(&xml.document);
        assert!(d.contains("<w:b />"), "{d}");
        assert!(d.contains("<w:i />"), "{d}");
        assert!(d.contains("<w:strike />"), "{d}");
        assert!(d.contains(r#"<w:rStyle w:val="VerbatimChar" />"#), "{d}");
        assert!(d.contains("<w:hyperlink"), "{d}");
        assert!(d.contains(r#"<w:br w:type="textWrapping" />"#), "{d}");
        let rels = text(&xml.document_rels);
        assert!(rels.contains("https://example.org/a?b=1&amp;c=2"), "{rels}");
    }

    #[test]
    fn separate_ordered_lists_restart_and_nested_lists_go_one_level_down() {
        let xml = parts(false, "1. a\n2. b\n   - x\n\nText.\n\n1. c\n   1. d\n");
        let n = text(&xml.numberings);
        assert_eq!(n.matches("<w:startOverride").count(), 2, "{n}");
        let d = text(&xml.document);
        assert!(d.contains(r#"<w:ilvl w:val="1" />"#), "{d}");
    }
}
