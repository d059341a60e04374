//! `handbook.pdf`: the document typeset with typst, fonts embedded.
//!
//! The comrak tree becomes typst markup ([`markup`]), placed in a page template (title
//! page, contents, running header and page numbers), then compiled in memory: the only
//! file is the generated source and the only fonts are those typst-assets embeds.
mod markup;
mod world;

use super::document::{Document, Meta};
use super::html::Layout;
use comrak::nodes::AstNode;
use markup::{escaped, render_blocks, string_literal};

/// Paper sizes for PDF output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

impl Paper {
    fn typst_name(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::Letter => "us-letter",
        }
    }
}

/// Typesets the document (its comrak tree) as a PDF, laid out as a book.
pub fn render_pdf<'a>(
    doc: &Document,
    root: &'a AstNode<'a>,
    paper: Paper,
) -> anyhow::Result<Vec<u8>> {
    render_pdf_laid_out(doc, root, paper, Layout::Book)
}

/// Typesets the document as a book (title page, contents, chapters on new pages) or as
/// a short document (a heading, then the text).
pub fn render_pdf_laid_out<'a>(
    doc: &Document,
    root: &'a AstNode<'a>,
    paper: Paper,
    layout: Layout,
) -> anyhow::Result<Vec<u8>> {
    let source = typst_source(&doc.meta, root, paper, layout);
    world::compile_pdf(source)
}

/// The whole typst source: settings, title page, contents, then the body.
fn typst_source<'a>(meta: &Meta, root: &'a AstNode<'a>, paper: Paper, layout: Layout) -> String {
    let mut out = String::with_capacity(64 * 1024);
    match layout {
        Layout::Book => {
            out.push_str(&preamble(meta, paper));
            out.push_str(&title_page(meta));
            out.push_str(CONTENTS);
        }
        Layout::Short => {
            // Chapters run on; the running header starts on page 2 as in the book.
            out.push_str(&preamble(meta, paper).replace("  pagebreak(weak: true)\n", ""));
            out.push_str(&short_heading(meta));
        }
    }
    render_blocks(root, &mut out);
    out
}

/// The top of a short document: organisation, title, date, and the draft status.
fn short_heading(meta: &Meta) -> String {
    let status = if meta.draft {
        "#text(fill: rgb(\"#b42318\"), weight: \"bold\")[Draft — not yet approved]\n\n"
    } else {
        ""
    };
    format!(
        "#text(size: 12pt, fill: muted)[{}]\n\n#text(size: 22pt, weight: \"bold\", fill: accent)[{}]\n\n#text(fill: muted)[{}]\n\n{status}",
        escaped(&meta.organisation),
        escaped(&meta.title),
        escaped(&display_date(&meta.date, &meta.lang)),
    )
}

/// The document title used for the PDF metadata, as in the Markdown file.
fn document_title(meta: &Meta) -> String {
    if meta.organisation.is_empty() {
        meta.title.clone()
    } else {
        format!("{}: {}", meta.organisation, meta.title)
    }
}

/// `en`, `pt-BR`, `uk_UA` as typst's `lang` and `region`; anything typst would refuse
/// falls back to English.
fn lang_region(lang: &str) -> (String, Option<String>) {
    let mut parts = lang.split(['-', '_']);
    let code = parts.next().unwrap_or("").to_ascii_lowercase();
    let code = if (2..=3).contains(&code.len()) && code.chars().all(|c| c.is_ascii_lowercase()) {
        code
    } else {
        "en".to_string()
    };
    let region = parts
        .next()
        .filter(|r| r.len() == 2 && r.chars().all(|c| c.is_ascii_alphabetic()))
        .map(|r| r.to_ascii_uppercase());
    (code, region)
}

/// `2026-01-15` as (year, month, day), if it is a date.
fn parse_date(date: &str) -> Option<(i32, u8, u8)> {
    let mut it = date.trim().splitn(3, '-');
    let y: i32 = it.next()?.parse().ok()?;
    let m: u8 = it.next()?.parse().ok()?;
    let d: u8 = it.next()?.get(..2)?.parse().ok()?;
    ((1..=12).contains(&m) && (1..=31).contains(&d) && (1000..=9999).contains(&y))
        .then_some((y, m, d))
}

/// The date as a reader expects it: `15 January 2026` in English, as given otherwise.
fn display_date(date: &str, lang: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    match parse_date(date) {
        Some((y, m, d)) if lang_region(lang).0 == "en" => {
            format!("{d} {} {y}", MONTHS[m as usize - 1])
        }
        _ => date.to_string(),
    }
}

/// Page, text and heading settings, and the helpers the body markup calls.
fn preamble(meta: &Meta, paper: Paper) -> String {
    let (lang, region) = lang_region(&meta.lang);
    let author = if meta.organisation.is_empty() {
        "()".to_string()
    } else {
        format!("({},)", string_literal(&meta.organisation))
    };
    let date = match parse_date(&meta.date) {
        Some((y, m, d)) => format!("datetime(year: {y}, month: {m}, day: {d})"),
        None => "auto".to_string(),
    };
    let region = region.map_or(String::new(), |r| {
        format!(", region: {}", string_literal(&r))
    });
    let running = [meta.organisation.as_str(), meta.title.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .map(|s| escaped(s))
        .collect::<Vec<_>>()
        .join(" · ");
    format!(
        r##"// Generated by hrpolicy from the handbook's Markdown.
#let draft = {draft}
#let accent = rgb("#1d5a6c")
#let muted = luma(105)
#let rule-colour = luma(200)

#set document(title: {title}, author: {author}, date: {date})
#set text(font: ("Libertinus Serif", "New Computer Modern", "DejaVu Sans Mono"), size: 11pt, lang: {lang}{region}, hyphenate: false)
#set par(justify: false, leading: 0.7em, spacing: 1.15em)
#set page(
  paper: {paper},
  margin: (x: 2.6cm, top: 2.8cm, bottom: 2.6cm),
  header: context {{
    set text(size: 8.5pt, fill: muted)
    grid(columns: (1fr, auto), column-gutter: 1em,
      [{running}],
      if draft {{ text(fill: rgb("#b42318"), weight: "bold", tracking: 0.08em)[DRAFT] }},
    )
    v(-0.5em)
    line(length: 100%, stroke: 0.4pt + rule-colour)
  }},
  footer: context {{
    set text(size: 9pt, fill: muted)
    align(center, counter(page).display("1 / 1", both: true))
  }},
  background: if draft {{
    rotate(-40deg, text(size: 120pt, weight: "bold", fill: rgb(180, 35, 24, 26), tracking: 0.1em)[DRAFT])
  }},
)

#set list(indent: 0.4em, body-indent: 0.6em, marker: ([•], [–], [•]))
#set enum(indent: 0.2em, body-indent: 0.6em)
#set table(
  stroke: (x, y) => (bottom: if y == 0 {{ 0.8pt + accent }} else {{ 0.4pt + rule-colour }}),
  inset: (x: 0.5em, y: 0.45em),
  fill: (x, y) => if y == 0 {{ rgb("#e8f0f2") }},
)
#show table.cell.where(y: 0): strong
#show table: set text(size: 10pt)
#show table: set par(leading: 0.55em)
#show table: it => block(above: 1.2em, below: 1.4em, it)
#show raw: set text(font: ("DejaVu Sans Mono", "New Computer Modern"), size: 0.88em)
#show link: set text(fill: accent)
#show link: underline.with(stroke: 0.4pt + accent.lighten(40%), offset: 1.5pt)

#set heading(numbering: none)
#show heading: set text(fill: accent, weight: "semibold")
#show heading: set block(above: 1.6em, below: 0.8em)
#show heading.where(level: 1): set text(size: 20pt)
#show heading.where(level: 1): it => {{
  pagebreak(weak: true)
  v(0.6cm)
  block(width: 100%, stroke: (bottom: 0.8pt + accent), inset: (bottom: 0.45em), below: 1.3em, it)
}}
#show heading.where(level: 2): set text(size: 13pt)
#show heading.where(level: 3): set text(size: 11.5pt)
#show heading.where(level: 4): set text(size: 11pt, style: "italic")

#let hr-quote(body) = block(
  width: 100%,
  inset: (left: 1em, right: 0.5em, y: 0.5em),
  stroke: (left: 2.5pt + accent.lighten(55%)),
  fill: luma(247),
  text(style: "italic", body),
)
#let hr-rule = line(length: 100%, stroke: 0.5pt + rule-colour)

"##,
        draft = meta.draft,
        title = string_literal(&document_title(meta)),
        lang = string_literal(&lang),
        paper = string_literal(paper.typst_name()),
    )
}

/// The title page: no header or footer; organisation, title, subtitle, then the details.
fn title_page(meta: &Meta) -> String {
    let mut details: Vec<(&str, String)> = Vec::new();
    if !meta.date.is_empty() {
        details.push(("Date", escaped(&display_date(&meta.date, &meta.lang))));
    }
    if !meta.version.is_empty() {
        details.push(("Version", escaped(&meta.version)));
    }
    // Only a draft says so: a handbook built without review decisions is not "final".
    if meta.draft {
        details.push((
            "Status",
            "#text(fill: rgb(\"#b42318\"), weight: \"bold\")[Draft — not yet approved]".into(),
        ));
    }
    let details = details
        .iter()
        .map(|(label, value)| format!("  text(fill: muted)[{label}], [{value}],\n"))
        .collect::<String>();
    let organisation = if meta.organisation.is_empty() {
        String::new()
    } else {
        format!(
            "#text(size: 28pt, weight: \"bold\", fill: accent)[{}]\n#v(14pt)\n",
            escaped(&meta.organisation)
        )
    };
    let subtitle = if meta.subtitle.is_empty() {
        String::new()
    } else {
        format!(
            "#v(10pt)\n#text(size: 13pt, style: \"italic\", fill: muted)[{}]\n",
            escaped(&meta.subtitle)
        )
    };
    format!(
        r#"#page(header: none, footer: none, margin: (x: 2.8cm, top: 4.5cm, bottom: 3cm))[
#set par(leading: 0.55em, spacing: 0pt)
{organisation}#line(length: 30%, stroke: 2.5pt + accent)
#v(18pt)
#text(size: 22pt)[{title}]
{subtitle}#v(1fr)
#set text(size: 10.5pt)
#grid(columns: (auto, 1fr), column-gutter: 1.4em, row-gutter: 0.8em,
{details})
]

"#,
        title = escaped(&meta.title),
    )
}

/// The table of contents, on its own page(s).
const CONTENTS: &str = r#"#[
#show outline.entry.where(level: 1): set block(above: 1.1em)
#show outline.entry.where(level: 1): set text(weight: "semibold")
#show outline.entry.where(level: 2): set text(size: 10pt)
#set outline.entry(fill: repeat([.], gap: 0.3em))
#outline(depth: 2, indent: 1.2em)
]
#pagebreak()

"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::engine::parse_markdown;

    fn meta(draft: bool) -> Meta {
        Meta {
            title: "Staff handbook".into(),
            subtitle: "Workplace policy".into(),
            organisation: "Альянс громадського здоров'я #1 [test]".into(),
            date: "2026-01-15".into(),
            version: "2.0".into(),
            lang: "uk".into(),
            draft,
        }
    }

    fn render(draft: bool) -> (String, Vec<u8>) {
        let doc = Document {
            meta: meta(draft),
            markdown: "# 1. Purpose\n\nText with *emphasis*.\n\n## 1.1 First clause\n\n- a\n- b\n"
                .into(),
        };
        let arena = comrak::Arena::new();
        let root = parse_markdown(&arena, &doc.markdown);
        let source = typst_source(&doc.meta, root, Paper::A4, Layout::Book);
        let pdf = render_pdf(&doc, root, Paper::A4).expect("compiles");
        (source, pdf)
    }

    /// The PDF's text, page by page, read back with poppler's `pdftotext`.
    /// `-raw` keeps content-stream order, so the diagonal watermark reads as one word.
    fn pdf_pages(pdf: &[u8]) -> Vec<String> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.pdf");
        std::fs::write(&path, pdf).unwrap();
        let out = std::process::Command::new("pdftotext")
            .arg("-raw")
            .arg(&path)
            .arg("-")
            .output()
            .expect("pdftotext is needed for this test: apt-get install poppler-utils");
        assert!(out.status.success(), "pdftotext failed");
        let text = String::from_utf8(out.stdout).unwrap();
        let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
        if pages.last().is_some_and(|p| p.trim().is_empty()) {
            pages.pop();
        }
        pages
    }

    #[test]
    fn a_draft_says_draft_on_every_page() {
        let (source, pdf) = render(true);
        assert!(source.contains("#let draft = true"), "{source}");
        let pages = pdf_pages(&pdf);
        assert!(pages.len() >= 3, "title, contents, body: {pages:?}");
        assert!(
            pages[0].contains("Draft — not yet approved"),
            "{}",
            pages[0]
        );
        for (i, page) in pages.iter().enumerate() {
            // The diagonal watermark comes out letter by letter.
            let joined: String = page.split_whitespace().collect();
            assert!(
                joined.contains("DRAFT"),
                "page {} has no DRAFT mark:\n{page}",
                i + 1
            );
        }
    }

    #[test]
    fn a_final_document_has_no_draft_mark() {
        let (source, pdf) = render(false);
        assert!(source.contains("#let draft = false"));
        let text = pdf_pages(&pdf).join("\n");
        assert!(!text.to_lowercase().contains("draft"), "{text}");
        assert!(!text.contains("Status"), "{text}");
        // User text with typst syntax in it arrives as typed, in Cyrillic too.
        assert!(
            text.contains("Альянс громадського здоров'я #1 [test]"),
            "{text}"
        );
        assert!(text.contains("1.1 First clause"), "{text}");
    }

    #[test]
    fn text_full_of_typst_syntax_is_typeset_as_written() {
        // Every character typst markup reads as syntax, in each place text can appear.
        let nasty = r#"= #let x = 1; *a* _b_ `c` $d$ <e> @f // g /* h */ 1. i - j + k / l: m ~ n -- o ... p \q [r] {s} (t) "u" 'v' https://w.x"#;
        let markdown = format!(
            "# 1. {n}\n\n{n}\n\n- {n}\n\n| h |\n|---|\n| {n} |\n\n> {n}\n\n[{n}](https://example.org/a?b=\"c\")\n",
            n = nasty
                .replace('\\', "\\\\")
                .replace('*', "\\*")
                .replace('_', "\\_")
                .replace('`', "\\`")
                .replace('<', "\\<")
                .replace('[', "\\[")
                .replace(']', "\\]")
        );
        let mut m = meta(false);
        m.organisation = nasty.into();
        m.title = nasty.into();
        let doc = Document { meta: m, markdown };
        let arena = comrak::Arena::new();
        let root = parse_markdown(&arena, &doc.markdown);
        let pdf = render_pdf(&doc, root, Paper::Letter).expect("compiles");
        let text = pdf_pages(&pdf).join("\n");
        let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let want: String = nasty.split_whitespace().collect::<Vec<_>>().join(" ");
        // Title page, running header, heading, paragraph, list, table, quote and link.
        assert!(flat.matches(&want).count() >= 7, "{flat}");
    }

    #[test]
    fn languages_and_dates() {
        assert_eq!(lang_region("en"), ("en".into(), None));
        assert_eq!(lang_region("pt-br"), ("pt".into(), Some("BR".into())));
        assert_eq!(lang_region("x"), ("en".into(), None));
        assert_eq!(display_date("2026-01-15", "en"), "15 January 2026");
        assert_eq!(display_date("2026-01-15", "fr"), "2026-01-15");
        assert_eq!(display_date("soon", "en"), "soon");
    }
}
