//! `build --format pdf` through the real binary, read back with poppler's `pdftotext` and
//! `pdfinfo` as a reader (or a search engine) would see the PDF.
mod common;
use common::{ANSWERS, Test, repo};
use std::path::Path;

/// Runs a poppler tool; a missing tool fails the test with what to install.
fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let mut all: Vec<&std::ffi::OsStr> = args.iter().map(std::ffi::OsStr::new).collect();
    all.push(pdf.as_os_str());
    if tool == "pdftotext" {
        all.push(std::ffi::OsStr::new("-"));
    }
    common::tool(tool, &all, "apt-get install -y poppler-utils")
}

/// Builds the PDF from these answers; returns the test folder, the PDF's text
/// (`pdftotext -layout`, pages separated by form feeds) and its `pdfinfo` report.
fn build_pdf(answers: &str, extra: &[&str]) -> (Test, String, String) {
    let t = Test::new()
        .file("answers.yaml", answers)
        .args(&[
            "build",
            "--answers",
            "answers.yaml",
            "--out",
            "out",
            "--format",
            "pdf",
        ])
        .args(extra);
    t.ok();
    let pdf = t.path("out/handbook.pdf");
    assert!(pdf.exists(), "no out/handbook.pdf");
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
    let text = poppler("pdftotext", &["-layout"], &pdf);
    let info = poppler("pdfinfo", &[], &pdf);
    (t, text, info)
}

fn info_line<'a>(info: &'a str, key: &str) -> &'a str {
    info.lines()
        .find_map(|l| l.strip_prefix(key))
        .map(str::trim)
        .unwrap_or_else(|| panic!("pdfinfo has no `{key}` line:\n{info}"))
}

#[test]
fn build_writes_a_handbook_pdf_with_title_page_contents_and_clauses() {
    let (t, text, info) = build_pdf(ANSWERS, &[]);

    // Only the PDF was asked for.
    assert!(!t.exists("out/handbook.md") && !t.exists("out/handbook.html"));

    // Title page, then the contents.
    let first_page = text.split('\u{c}').next().unwrap();
    assert!(first_page.contains("Test Network"), "{first_page}");
    assert!(first_page.contains("Staff handbook"), "{first_page}");
    assert!(first_page.contains("15 January 2026"), "{first_page}");
    assert!(
        first_page.contains("Version") && first_page.contains("2.0"),
        "{first_page}"
    );
    let contents = text.split('\u{c}').nth(1).unwrap();
    assert!(contents.contains("Contents"), "{contents}");
    assert!(contents.contains("About this handbook"), "{contents}");

    // Numbered chapters and clauses, as numbered in the Markdown, and nothing numbered twice.
    for expected in [
        "1. Purpose and principles",
        "3. Substance use and fitness for work",
        "3.1 ",
        "3.2 ",
        "Appendix C. Sources",
    ] {
        assert!(text.contains(expected), "no {expected:?} in the PDF text");
    }
    assert!(!text.contains("1.1 1.1"), "clause numbers doubled");

    // Running header and page numbers on body pages.
    let body_page = text.split('\u{c}').nth(4).unwrap();
    assert!(
        body_page.contains("Test Network · Staff handbook"),
        "{body_page}"
    );
    let pages: usize = info_line(&info, "Pages:").parse().unwrap();
    assert!(pages > 10, "only {pages} pages");
    assert!(body_page.contains(&format!("5 / {pages}")), "{body_page}");

    // Metadata a document manager reads.
    assert_eq!(
        info_line(&info, "Title:"),
        "Test Network: Staff handbook",
        "{info}"
    );
    assert_eq!(info_line(&info, "Author:"), "Test Network", "{info}");
    assert!(
        info_line(&info, "Page size:").starts_with("595.276 x 841.89 pts"),
        "not A4: {info}"
    );
    let bytes = std::fs::read(t.path("out/handbook.pdf")).unwrap();
    assert!(
        bytes.windows(9).any(|w| w == b"/Lang(en)"),
        "the language is not recorded"
    );

    // Not a draft: no draft mark anywhere.
    assert!(!text.contains("DRAFT"), "a final handbook says DRAFT");
    assert!(!text.contains("not yet approved"));
}

#[test]
fn letter_paper_on_request() {
    let (_, _, info) = build_pdf(ANSWERS, &["--paper", "letter"]);
    assert!(
        info_line(&info, "Page size:").starts_with("612 x 792 pts"),
        "not US Letter: {info}"
    );
}

#[test]
fn a_cyrillic_organisation_name_comes_out_as_written() {
    let name = "Альянс громадського здоров'я";
    let answers = ANSWERS.replace("org.name: Test Network", &format!("org.name: \"{name}\""));
    let (_, text, info) = build_pdf(&answers, &[]);
    let first_page = text.split('\u{c}').next().unwrap();
    assert!(first_page.contains(name), "{first_page}");
    assert!(
        text.contains(&format!("{name} · Staff handbook")),
        "not in the running header"
    );
    assert_eq!(info_line(&info, "Author:"), name, "{info}");
}

#[test]
fn every_markdown_construct_reaches_the_pdf() {
    let constructs = repo().join("tests/fixtures/constructs");
    let (_, text, _) = build_pdf(ANSWERS, &["--library", constructs.to_str().unwrap()]);
    for expected in [
        "Every construct",
        "emphasis",
        "strong text",
        "link to the guide",
        "A paragraph before the list.",
        "First bullet",
        "Nested one",
        "Nested two",
        "Step one",
        "Sub-step A",
        "Sub-step B",
        "Log the incident",
        "Return-to-work talk",
        "Next shift",
        "block quote",
        "A closing paragraph for Test Network.",
    ] {
        assert!(text.contains(expected), "no {expected:?} in the PDF text");
    }
    // The table's header row and a body row, in that order, on one page.
    let task = text.find("Task").expect("table header");
    let log = text.find("Log the incident").unwrap();
    assert!(task < log);
    // Nested lists keep their structure: the sub-steps sit under step two.
    let two = text.find("Step two").unwrap();
    assert!(two < text.find("Sub-step A").unwrap());
    assert!(text.find("Sub-step B").unwrap() < text.find("Step three").unwrap());
}
