//! `--format docx` through the real binary: the Word document is read back (with
//! `unzip -p`) and checked for what a manager editing it in Word relies on: heading
//! styles with outline levels, real list numbering, tables, page numbers, metadata.
mod common;
use common::{ANSWERS, Test, repo};

const CYRILLIC_ORG: &str = "Альянс громадського здоров'я";

/// Builds `out/handbook.docx` from `answers`, with the library overlay if given.
fn build(answers: &str, overlay: Option<&str>) -> Test {
    let mut args: Vec<String> = Vec::new();
    if let Some(dir) = overlay {
        args.push("--library".into());
        args.push(repo().join(dir).display().to_string());
    }
    for a in [
        "build",
        "--answers",
        "answers.yaml",
        "--out",
        "out",
        "--format",
        "docx",
    ] {
        args.push(a.into());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let t = Test::new().file("answers.yaml", answers).args(&args);
    t.ok();
    assert!(t.exists("out/handbook.docx"), "no out/handbook.docx");
    t
}

fn unzip(t: &Test, args: &[&str]) -> String {
    let docx = t.path("out/handbook.docx");
    let mut all: Vec<&std::ffi::OsStr> = args.iter().map(std::ffi::OsStr::new).collect();
    all.push(docx.as_os_str());
    common::tool("unzip", &all, "apt-get install -y unzip")
}

/// The names of every part in the package.
fn part_names(t: &Test) -> Vec<String> {
    unzip(t, &["-Z1"]).lines().map(str::to_string).collect()
}

/// One part of the package, as text.
fn part(t: &Test, name: &str) -> String {
    let docx = t.path("out/handbook.docx");
    let args = [
        std::ffi::OsStr::new("-p"),
        docx.as_os_str(),
        std::ffi::OsStr::new(name),
    ];
    let text = common::tool("unzip", &args, "apt-get install -y unzip");
    assert!(!text.is_empty(), "{name} is missing from the docx");
    text
}

/// Every header and footer part, concatenated.
fn parts_named(t: &Test, prefix: &str) -> String {
    part_names(t)
        .iter()
        .filter(|n| n.starts_with(prefix) && n.ends_with(".xml"))
        .map(|n| part(t, n))
        .collect()
}

/// A paragraph of document.xml: its style, its text, its XML.
struct Para {
    style: Option<String>,
    text: String,
    xml: String,
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The value of the first `attr="..."` after `tag` in `xml`.
fn attr_after(xml: &str, tag: &str, attr: &str) -> Option<String> {
    let rest = &xml[xml.find(tag)? + tag.len()..];
    let rest = &rest[rest.find(&format!("{attr}=\""))? + attr.len() + 2..];
    Some(rest[..rest.find('"')?].to_string())
}

/// The text of every `<w:t>` in `xml`, in order.
fn text_of(xml: &str) -> String {
    let mut text = String::new();
    let mut rest = xml;
    while let Some(i) = rest.find("<w:t") {
        rest = &rest[i + 4..];
        // `<w:t>` or `<w:t xml:space=...>`, not `<w:tbl>`, `<w:tab/>`, ...
        if !(rest.starts_with('>') || rest.starts_with(' ')) {
            continue;
        }
        let Some(open_end) = rest.find('>') else {
            break;
        };
        if rest[..open_end].ends_with('/') {
            rest = &rest[open_end + 1..];
            continue;
        }
        let body = &rest[open_end + 1..];
        let Some(close) = body.find("</w:t>") else {
            break;
        };
        text.push_str(&unescape(&body[..close]));
        rest = &body[close..];
    }
    text
}

/// Every paragraph of a part (paragraphs do not nest in what hrpolicy writes).
fn paragraphs(xml: &str) -> Vec<Para> {
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find("<w:p") {
        rest = &rest[i..];
        let after = &rest[4..];
        if !(after.starts_with('>') || after.starts_with(' ')) {
            rest = after;
            continue;
        }
        let end = rest.find("</w:p>").map_or(rest.len(), |e| e + 6);
        let p = &rest[..end];
        out.push(Para {
            style: attr_after(p, "<w:pStyle", "w:val"),
            text: text_of(p),
            xml: p.to_string(),
        });
        rest = &rest[end..];
    }
    out
}

fn styled<'a>(paras: &'a [Para], style: &str) -> Vec<&'a Para> {
    paras
        .iter()
        .filter(|p| p.style.as_deref() == Some(style))
        .collect()
}

/// The `<w:style>` element with this id in styles.xml.
fn style_def<'a>(styles: &'a str, id: &str) -> &'a str {
    let at = styles
        .find(&format!("w:styleId=\"{id}\""))
        .unwrap_or_else(|| panic!("styles.xml does not define {id}"));
    let start = styles[..at].rfind("<w:style ").unwrap();
    let end = styles[start..].find("</w:style>").unwrap() + start;
    &styles[start..end]
}

#[test]
fn headings_use_word_heading_styles_with_outline_levels() {
    let t = build(ANSWERS, None);
    let document = part(&t, "word/document.xml");
    let paras = paragraphs(&document);

    let h1: Vec<&str> = styled(&paras, "Heading1")
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    assert!(
        h1.contains(&"1. Purpose and principles"),
        "Heading1 paragraphs: {h1:#?}"
    );
    assert!(
        h1.contains(&"3. Substance use and fitness for work"),
        "{h1:#?}"
    );
    assert!(h1.iter().any(|h| h.starts_with("Appendix C.")), "{h1:#?}");
    let h2: Vec<&str> = styled(&paras, "Heading2")
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    assert!(h2.iter().any(|h| h.starts_with("1.1 ")), "{h2:#?}");
    assert!(h2.iter().any(|h| h.starts_with("3.2 ")), "{h2:#?}");
    assert!(
        !h2.iter().any(|h| h.starts_with("1. ")),
        "a chapter title styled Heading2: {h2:#?}"
    );

    let styles = part(&t, "word/styles.xml");
    for (level, id) in ["Heading1", "Heading2", "Heading3"].iter().enumerate() {
        let def = style_def(&styles, id);
        assert!(def.contains("w:type=\"paragraph\""), "{def}");
        assert!(
            def.contains(&format!("<w:outlineLvl w:val=\"{level}\"")),
            "{id} has no outline level {level}: {def}"
        );
        assert!(
            def.contains(&format!("<w:name w:val=\"heading {}\"", level + 1)),
            "{id} is not Word's built-in heading: {def}"
        );
    }
    // Each chapter starts on a new page.
    assert!(style_def(&styles, "Heading1").contains("<w:pageBreakBefore"));
    assert!(!style_def(&styles, "Heading2").contains("<w:pageBreakBefore"));
    for id in [
        "Title",
        "Subtitle",
        "BodyText",
        "ListParagraph",
        "Quote",
        "TOC1",
        "TOC2",
    ] {
        style_def(&styles, id);
    }

    // The title page, then the table of contents on a page of its own.
    let title = styled(&paras, "Title");
    assert_eq!(title.len(), 1);
    assert_eq!(title[0].text, "Staff handbook");
    assert!(document.contains("Version 2.0"));
    assert!(document.contains("15 January 2026"));
    let contents = styled(&paras, "TOCHeading");
    assert_eq!(contents.len(), 1, "one Contents heading");
    assert!(contents[0].xml.contains("<w:pageBreakBefore"));
    assert!(
        document.contains(r#"TOC \o &quot;1-2&quot; \h"#),
        "no TOC field in document.xml"
    );
    assert!(
        styled(&paras, "TOC2")
            .iter()
            .any(|p| p.text == "1.1 Harm reduction starts with our own staff"
                || p.text.starts_with("1.1 ")),
        "the table of contents lists no clause"
    );
}

#[test]
fn lists_use_word_numbering() {
    let t = build(ANSWERS, None);
    assert!(
        part_names(&t).iter().any(|n| n == "word/numbering.xml"),
        "no numbering.xml"
    );
    let numbering = part(&t, "word/numbering.xml");
    let document = part(&t, "word/document.xml");
    let paras = paragraphs(&document);
    let listed: Vec<&Para> = paras
        .iter()
        .filter(|p| p.xml.contains("<w:numPr>"))
        .collect();
    assert!(
        listed.len() > 10,
        "only {} numbered paragraphs",
        listed.len()
    );
    for p in &listed {
        let id = attr_after(&p.xml, "<w:numId", "w:val").expect("numPr without numId");
        assert!(
            numbering.contains(&format!("<w:num w:numId=\"{id}\"")),
            "paragraph {:?} uses numId {id}, which numbering.xml does not define",
            p.text
        );
        assert_eq!(p.style.as_deref(), Some("ListParagraph"), "{}", p.xml);
    }
    assert!(
        numbering.contains(r#"<w:numFmt w:val="bullet" />"#),
        "{numbering}"
    );
    assert!(
        numbering.contains(r#"<w:numFmt w:val="decimal" />"#),
        "{numbering}"
    );
}

#[test]
fn every_markdown_construct_reaches_word() {
    let t = build(ANSWERS, Some("tests/fixtures/constructs"));
    let document = part(&t, "word/document.xml");
    let paras = paragraphs(&document);
    let find = |needle: &str| -> &Para {
        paras
            .iter()
            .find(|p| p.text.contains(needle))
            .unwrap_or_else(|| panic!("no paragraph contains {needle:?}"))
    };
    let level = |p: &Para| attr_after(&p.xml, "<w:ilvl", "w:val");

    assert!(
        styled(&paras, "Heading1")
            .iter()
            .any(|p| p.text.ends_with(". Every construct")),
        "the fixture chapter is missing"
    );
    // Lists: top level at 0, nested items at level 1, on real numbering.
    assert_eq!(level(find("First bullet")).as_deref(), Some("0"));
    assert_eq!(level(find("Nested one")).as_deref(), Some("1"));
    assert_eq!(level(find("Nested two")).as_deref(), Some("1"));
    assert_eq!(level(find("Third bullet")).as_deref(), Some("0"));
    assert_eq!(level(find("Step one")).as_deref(), Some("0"));
    assert_eq!(level(find("Sub-step A")).as_deref(), Some("1"));
    assert_eq!(level(find("Step three")).as_deref(), Some("0"));
    let num = |p: &Para| attr_after(&p.xml, "<w:numId", "w:val").unwrap();
    assert_ne!(
        num(find("First bullet")),
        num(find("Step one")),
        "bullets and steps share a numbering"
    );
    assert_eq!(num(find("Step one")), num(find("Step three")));
    assert!(find("A paragraph before the list").style.as_deref() == Some("BodyText"));

    // The table, with a header row that repeats on each page.
    let table = document
        .split("<w:tbl>")
        .skip(1)
        .map(|t| &t[..t.find("</w:tbl>").unwrap()])
        .find(|t| t.contains("Log the incident"))
        .expect("no table holds the fixture's rows");
    let cells = text_of(table);
    for text in ["Task", "Who", "When", "Log the incident", "Next shift"] {
        assert!(cells.contains(text), "{text:?} not in the table: {cells}");
    }
    assert!(table.contains("<w:tblHeader />"), "no header row: {table}");
    assert!(table.contains("<w:tblBorders>"), "no borders: {table}");

    // The quotation, in the Quote style.
    let quote = find("block quote");
    assert_eq!(quote.style.as_deref(), Some("Quote"));

    // Inline formatting and the link.
    let intro = find("This chapter exists for the tests");
    assert!(intro.xml.contains("<w:i />"), "no italics: {}", intro.xml);
    assert!(intro.xml.contains("<w:b />"), "no bold: {}", intro.xml);
    assert!(
        intro.xml.contains("<w:hyperlink"),
        "no hyperlink: {}",
        intro.xml
    );
    assert!(intro.text.contains("link to the guide"));
    let rels = part(&t, "word/_rels/document.xml.rels");
    assert!(rels.contains("https://example.org/guide"), "{rels}");
    assert!(
        find("A closing paragraph for Test Network")
            .style
            .as_deref()
            == Some("BodyText")
    );
}

#[test]
fn page_numbers_running_header_and_metadata() {
    let answers = ANSWERS.replace(
        "org.name: Test Network",
        &format!("org.name: {CYRILLIC_ORG}"),
    );
    let t = build(&answers, None);
    let document = part(&t, "word/document.xml");
    let footers = parts_named(&t, "word/footer");
    assert!(
        footers.contains("<w:instrText>PAGE</w:instrText>")
            || footers.contains(r#"<w:fldSimple w:instr="PAGE""#),
        "no PAGE field in any footer: {footers}"
    );
    let headers = parts_named(&t, "word/header");
    let header_text = text_of(&headers);
    assert!(
        header_text.contains(&format!("{CYRILLIC_ORG} · Staff handbook")),
        "running header: {header_text:?}"
    );

    // The organisation's name survives as written, on the title page and in the text.
    let paras = paragraphs(&document);
    assert!(
        paras.iter().any(|p| p.text == CYRILLIC_ORG),
        "the organisation is not on the title page"
    );
    assert!(text_of(&document).contains(&format!("how {CYRILLIC_ORG} employs")));

    let core = unescape(&part(&t, "docProps/core.xml"));
    assert!(
        core.contains(&format!(
            "<dc:title>{CYRILLIC_ORG}: Staff handbook</dc:title>"
        )),
        "{core}"
    );
    assert!(
        core.contains(&format!("<dc:creator>{CYRILLIC_ORG}</dc:creator>")),
        "{core}"
    );
    assert!(core.contains("<dc:language>en</dc:language>"), "{core}");

    let styles = part(&t, "word/styles.xml");
    let defaults = &styles[..styles.find("</w:docDefaults>").expect("no docDefaults")];
    assert!(defaults.contains(r#"<w:lang w:val="en""#), "{defaults}");
    assert!(
        defaults.contains(r#"w:ascii="Calibri""#) && defaults.contains(r#"w:cs="#),
        "default fonts: {defaults}"
    );

    // Not a draft: nothing says so.
    for (name, xml) in [
        ("document", &document),
        ("headers", &headers),
        ("footers", &footers),
    ] {
        assert!(!xml.contains("DRAFT"), "DRAFT in the {name}");
        assert!(
            !xml.contains("not yet approved"),
            "draft notice in the {name}"
        );
    }
}

#[test]
fn docx_is_written_with_the_other_formats_and_rebuilt_in_place() {
    let t = Test::new().file("answers.yaml", ANSWERS).args(&[
        "build",
        "--answers",
        "answers.yaml",
        "--out",
        "out",
        "--format",
        "md,docx",
    ]);
    t.ok();
    assert!(t.exists("out/handbook.md"));
    let first = std::fs::read(t.path("out/handbook.docx")).unwrap();
    assert_eq!(&first[..2], b"PK", "not a zip archive");
    // Building again replaces its own unchanged output, byte for byte the same.
    t.ok();
    let second = std::fs::read(t.path("out/handbook.docx")).unwrap();
    assert!(first == second, "two builds of the same answers differ");
    let names = part_names(&t);
    for name in [
        "[Content_Types].xml",
        "word/document.xml",
        "word/styles.xml",
        "docProps/core.xml",
    ] {
        assert!(names.iter().any(|n| n == name), "{name} missing: {names:?}");
    }
}

#[test]
fn paper_size_follows_the_paper_option() {
    let a4 = build(ANSWERS, None);
    assert!(
        part(&a4, "word/document.xml").contains("<w:pgSz w:w=\"11906\" w:h=\"16838\" />"),
        "A4 by default"
    );
    let letter = Test::new().file("answers.yaml", ANSWERS).args(&[
        "build",
        "--answers",
        "answers.yaml",
        "--out",
        "out",
        "--format",
        "docx",
        "--paper",
        "letter",
    ]);
    letter.ok();
    assert!(
        part(&letter, "word/document.xml").contains("<w:pgSz w:w=\"12240\" w:h=\"15840\" />"),
        "US Letter"
    );
}
