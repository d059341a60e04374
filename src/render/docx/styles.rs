//! The DOCX's named styles and list numbering: Word's own style names where Word has
//! one, so its navigation pane, contents and "Update Table" work.
use super::Layout;
use super::{
    ACCENT, ACCENT_LIGHT, BULLET_ABSTRACT, FONT, FONT_MONO, GREY, MAX_LEVEL, ORDERED_ABSTRACT,
};
use docx_rs::*;

/// The left indent of list level `level`'s text.
pub(super) fn list_indent(level: usize) -> i32 {
    720 + 360 * level as i32
}

pub(super) fn list_level(level: usize, format: &str, text: &str) -> Level {
    Level::new(
        level,
        Start::new(1),
        NumberFormat::new(format),
        LevelText::new(text),
        LevelJc::new("left"),
    )
    .indent(
        Some(list_indent(level)),
        Some(SpecialIndentType::Hanging(360)),
        None,
        None,
    )
}

pub(super) fn bullet_numbering() -> AbstractNumbering {
    let marks = ["•", "◦", "▪"];
    (0..=MAX_LEVEL).fold(AbstractNumbering::new(BULLET_ABSTRACT), |a, l| {
        a.add_level(
            list_level(l, "bullet", marks[l % 3]).fonts(RunFonts::new().ascii(FONT).hi_ansi(FONT)),
        )
    })
}

pub(super) fn ordered_numbering() -> AbstractNumbering {
    let formats = ["decimal", "lowerLetter", "lowerRoman"];
    (0..=MAX_LEVEL).fold(AbstractNumbering::new(ORDERED_ABSTRACT), |a, l| {
        a.add_level(list_level(l, formats[l % 3], &format!("%{}.", l + 1)))
    })
}

pub(super) fn spacing(before: u32, after: u32) -> LineSpacing {
    LineSpacing::new().before(before).after(after)
}

pub(super) fn paragraph_style(id: &str, name: &str) -> Style {
    Style::new(id, StyleType::Paragraph).name(name)
}

/// Every style the document uses, under Word's own names where Word has one, so that
/// Word treats them as its built-in headings, title, quote and table of contents styles.
pub(super) fn styles(layout: Layout, text_width: usize) -> Vec<Style> {
    let book = layout == Layout::Book;
    let heading = |level: usize, size: usize, color: &str, before: u32, after: u32| {
        let mut s = paragraph_style(&format!("Heading{level}"), &format!("heading {level}"))
            .based_on("Normal")
            .next("BodyText")
            .size(size)
            .bold()
            .color(color)
            .outline_lvl(level - 1)
            .line_spacing(spacing(before, after));
        s.paragraph_property = s.paragraph_property.keep_next(true).keep_lines(true);
        if level == 1 && book {
            // In a book every chapter starts on a new page.
            s.paragraph_property = s.paragraph_property.page_break_before(true);
        }
        s
    };
    let mut quote = paragraph_style("Quote", "Quote")
        .based_on("Normal")
        .next("BodyText")
        .italic()
        .color("404040")
        .indent(Some(720), None, Some(720), None)
        .line_spacing(spacing(120, 120));
    quote.paragraph_property = quote.paragraph_property.set_borders(
        ParagraphBorders::with_empty().set(
            ParagraphBorder::new(ParagraphBorderPosition::Left)
                .val(BorderType::Single)
                .size(18)
                .space(8)
                .color("8EAADB"),
        ),
    );
    let mut code = paragraph_style("SourceCode", "Source Code")
        .based_on("Normal")
        .fonts(
            RunFonts::new()
                .ascii(FONT_MONO)
                .hi_ansi(FONT_MONO)
                .cs(FONT_MONO),
        )
        .size(19)
        .line_spacing(spacing(0, 120).line(240).line_rule(LineSpacingType::Auto));
    code.paragraph_property = code
        .paragraph_property
        .shading(Shading::new().fill("F2F2F2"));
    let toc = |level: usize| {
        let mut s = paragraph_style(&format!("TOC{level}"), &format!("toc {level}"))
            .based_on("Normal")
            .next("Normal")
            .indent(Some(240 * (level as i32 - 1)), None, None, None)
            .line_spacing(spacing(if level == 1 { 120 } else { 0 }, 40));
        if level == 1 {
            s = s.bold();
        }
        s.paragraph_property = s.paragraph_property.add_tab(
            Tab::new()
                .val(TabValueType::Right)
                .leader(TabLeaderType::Dot)
                .pos(text_width),
        );
        s.ui_priority(39)
    };
    let mut header = paragraph_style("Header", "header")
        .based_on("Normal")
        .size(18)
        .color(GREY)
        .line_spacing(spacing(0, 0));
    header.paragraph_property = header.paragraph_property.set_borders(
        ParagraphBorders::with_empty().set(
            ParagraphBorder::new(ParagraphBorderPosition::Bottom)
                .val(BorderType::Single)
                .size(4)
                .space(4)
                .color("BFBFBF"),
        ),
    );
    vec![
        paragraph_style("BodyText", "Body Text")
            .based_on("Normal")
            .line_spacing(spacing(0, 140)),
        // A book's chapters start on a new page; a short document's need space above.
        heading(1, 32, ACCENT, if book { 0 } else { 480 }, 240),
        heading(2, 26, ACCENT, 320, 120),
        heading(3, 23, ACCENT_LIGHT, 240, 80),
        paragraph_style("Title", "Title")
            .based_on("Normal")
            .next("Subtitle")
            .size(if book { 56 } else { 44 })
            .color(ACCENT)
            .line_spacing(spacing(240, 240).line(240).line_rule(LineSpacingType::Auto)),
        paragraph_style("Subtitle", "Subtitle")
            .based_on("Normal")
            .next("BodyText")
            .size(28)
            .color(GREY)
            .line_spacing(spacing(0, if book { 720 } else { 240 })),
        paragraph_style("TitlePageOrganisation", "Title Page Organisation")
            .based_on("Normal")
            .size(28)
            .bold()
            .color(ACCENT_LIGHT)
            // Two inches down a title page; a short document starts at the top.
            .line_spacing(spacing(if book { 2880 } else { 0 }, 240)),
        paragraph_style("TitlePageText", "Title Page Text")
            .based_on("Normal")
            .size(24)
            .line_spacing(spacing(0, 60)),
        paragraph_style("ListParagraph", "List Paragraph")
            .based_on("Normal")
            .line_spacing(spacing(0, 80)),
        quote,
        code,
        paragraph_style("TableText", "Table Text")
            .based_on("Normal")
            .size(20)
            .line_spacing(spacing(0, 0)),
        paragraph_style("TOCHeading", "TOC Heading")
            .based_on("Normal")
            .next("Normal")
            .size(32)
            .bold()
            .color(ACCENT)
            .line_spacing(spacing(0, 240)),
        toc(1),
        toc(2),
        paragraph_style("TOCNote", "TOC Note")
            .based_on("Normal")
            .size(18)
            .italic()
            .color(GREY)
            .line_spacing(spacing(240, 0)),
        header,
        paragraph_style("Footer", "footer")
            .based_on("Normal")
            .size(18)
            .color(GREY)
            .line_spacing(spacing(0, 0)),
        Style::new("Hyperlink", StyleType::Character)
            .name("Hyperlink")
            .color("0563C1")
            .underline("single"),
        Style::new("VerbatimChar", StyleType::Character)
            .name("Verbatim Char")
            .fonts(
                RunFonts::new()
                    .ascii(FONT_MONO)
                    .hi_ansi(FONT_MONO)
                    .cs(FONT_MONO),
            )
            .size(20),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The style `id` as Word reads it.
    fn style_xml(layout: Layout, id: &str) -> String {
        let style = styles(layout, 9000)
            .into_iter()
            .find(|s| s.style_id == id)
            .unwrap_or_else(|| panic!("no style {id}"));
        String::from_utf8(style.build()).unwrap()
    }

    #[test]
    fn a_short_document_starts_at_the_top_and_a_book_on_a_title_page() {
        // A book: the title two inches down its own page, each chapter on a new page.
        assert!(style_xml(Layout::Book, "TitlePageOrganisation").contains(r#"w:before="2880""#));
        assert!(style_xml(Layout::Book, "Heading1").contains("<w:pageBreakBefore"));
        // A summary or public statement: the title at the top, chapters with space above.
        let org = style_xml(Layout::Short, "TitlePageOrganisation");
        assert!(org.contains(r#"w:before="0""#), "{org}");
        let h1 = style_xml(Layout::Short, "Heading1");
        assert!(!h1.contains("<w:pageBreakBefore"), "{h1}");
        assert!(h1.contains(r#"w:before="480""#), "{h1}");
    }
}
