//! Handbooks in the staff's own language: the shipped Portuguese and Ukrainian
//! translations are complete, every fixed text has both, a language a library covers
//! only in part falls back to English and says so, and the translated documents read
//! back in their language from PDF and DOCX.
mod common;
use common::{ANSWERS, Test, example};

fn library() -> hrpolicy::library::Library {
    hrpolicy::library::load::load(&[])
        .expect("the shipped library loads")
        .0
}

#[test]
fn portuguese_and_ukrainian_cover_the_whole_library() {
    let lib = library();
    for lang in ["pt", "uk"] {
        let info = &lib.languages[lang];
        assert!(
            !info.reviewed,
            "{lang} says it is reviewed: has a practitioner?"
        );
        let c = lib.coverage(lang);
        assert!(c.total > 800, "{lang}: only {} texts counted", c.total);
        assert_eq!(c.translated, c.total, "{lang} lacks: {:#?}", c.missing);
    }
}

#[test]
fn every_fixed_text_and_template_has_both_translations() {
    let lib = library();
    for (key, text) in &lib.strings {
        for lang in ["pt", "uk"] {
            assert!(text.has(lang), "strings.yaml `{key}` has no `{lang}` text");
        }
    }
    for key in hrpolicy::library::known::strings::ALL {
        assert!(
            lib.strings.contains_key(key),
            "`{key}` is not in strings.yaml"
        );
    }
    for lang in ["pt", "uk"] {
        for template in [
            "handbook.md.tera",
            "summary.md.tera",
            "public.md.tera",
            "review.md.tera",
        ] {
            assert!(
                lib.templates.contains_key(&format!("{lang}/{template}")),
                "templates/{lang}/{template} is missing"
            );
        }
        let labels = hrpolicy::document::Labels::of(&lib, lang);
        assert_ne!(
            labels,
            hrpolicy::document::Labels::default(),
            "{lang} labels are English"
        );
    }
}

/// `build --lang fr` with an overlay holding a French translation of the first section
/// (`section`: the file's text) and nothing else.
fn french_build(section: &str) -> Test {
    Test::new()
        .file("answers.yaml", ANSWERS)
        .file(
            "lib/translations/fr/language.yaml",
            "code: fr\nname: Français\nenglish-name: French\nreviewed: false\n",
        )
        .file("lib/translations/fr/sections/01-foundations.yaml", section)
        .args(&[
            "build",
            "--library",
            "lib",
            "--answers",
            "answers.yaml",
            "--out",
            "out",
            "--lang",
            "fr",
        ])
}

#[test]
fn a_language_covered_in_part_falls_back_to_english_and_says_so() {
    let t = french_build(
        "section: foundations\ntitle: Objet et principes\nclauses:\n  harm-reduction-at-work:\n    title: La réduction des risques commence par notre équipe\n",
    );
    let r = t.ok();
    assert!(
        r.stderr
            .contains("have no `fr` translation and are in `en`:"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("clause `harm-reduction-at-work` body"),
        "{}",
        r.stderr
    );
    assert!(
        !r.stderr.contains("clause `harm-reduction-at-work` title"),
        "{}",
        r.stderr
    );
    let md = t.read("out/handbook.md");
    assert!(md.contains("# 1. Objet et principes"), "{md}");
    assert!(md.contains("## 1.1 La réduction des risques commence par notre équipe"));
    assert!(
        md.contains("## 1.2 Abstinence is never a condition of work"),
        "{md}"
    );
    assert!(md.contains("lang: fr"));
}

/// A consultant's translation is checked as its author wrote it: a misspelt answer in a
/// translated text is named with its file, line and column before anything is built.
#[test]
fn a_translated_text_reading_an_unknown_answer_is_refused_with_its_place() {
    let t = french_build(
        "section: foundations\nclauses:\n  harm-reduction-at-work:\n    title: Chez {{ org.nme }}\n",
    );
    let r = t.fails(65);
    assert!(
        r.stderr
            .contains("translations/fr/sections/01-foundations.yaml:4:"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("no question defines the template variable `org.nme`"),
        "{}",
        r.stderr
    );
    assert!(!t.exists("out/handbook.md"));
}

#[test]
fn an_unknown_language_is_refused_with_the_choices() {
    let r = Test::new()
        .file("answers.yaml", ANSWERS)
        .args(&[
            "build",
            "--answers",
            "answers.yaml",
            "--out",
            "out",
            "--lang",
            "fr",
        ])
        .fails(65);
    assert!(
        r.stderr
            .contains("--lang: the library has no `fr` translation"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("choose one of: en, pt, uk"),
        "{}",
        r.stderr
    );
    // Asked for by the answers file: the error points at its `language:`.
    let answers = ANSWERS.replacen("schema: 1\n", "schema: 1\nlanguage: fr\n", 1);
    assert!(answers.contains("language: fr"), "{answers}");
    let line = answers.lines().position(|l| l == "language: fr").unwrap() + 1;
    let r = Test::new()
        .file("answers.yaml", &answers)
        .args(&["build", "--answers", "answers.yaml", "--out", "out"])
        .fails(65);
    assert!(
        r.stderr.contains(&format!(
            "answers.yaml:{line}:11: the library has no `fr` translation"
        )),
        "{}",
        r.stderr
    );
}

#[test]
fn the_ukrainian_handbook_reads_back_in_ukrainian_from_pdf_and_docx() {
    let answers = example("ua-harm-reduction-ngo").join("answers.yaml");
    let t = Test::new().args(&[
        "build",
        "--answers",
        answers.to_str().unwrap(),
        "--out",
        "out",
        "--format",
        "pdf,docx",
    ]);
    t.ok();
    let pdf = t.path("out/handbook.pdf");
    let text = common::tool(
        "pdftotext",
        &[pdf.as_os_str(), std::ffi::OsStr::new("-")],
        "apt-get install -y poppler-utils",
    );
    for want in [
        "Посібник для працівників",
        "Зміст",
        "23 листопада 2026 р.",
        "Мета і принципи",
    ] {
        assert!(text.contains(want), "PDF lacks {want:?}");
    }
    let docx = t.path("out/handbook.docx");
    let xml = common::tool(
        "unzip",
        &[
            std::ffi::OsStr::new("-p"),
            docx.as_os_str(),
            std::ffi::OsStr::new("word/document.xml"),
        ],
        "apt-get install -y unzip",
    );
    for want in ["Посібник для працівників", "Зміст", "Мета і принципи"]
    {
        assert!(xml.contains(want), "DOCX lacks {want:?}");
    }
    assert!(
        !xml.contains(">Contents<"),
        "the DOCX contents heading is English"
    );
}

#[test]
fn the_portuguese_review_pack_and_summary_are_in_portuguese() {
    let answers = example("pt-peer-collective").join("answers.yaml");
    let t = Test::new().args(&[
        "build",
        "--answers",
        answers.to_str().unwrap(),
        "--out",
        "out",
        "--edition",
        "summary,public",
    ]);
    t.ok();
    let summary = t.read("out/summary.md");
    assert!(summary.contains("lang: pt"), "{summary}");
    assert!(!summary.contains("The key rules"), "{summary}");
    let review = Test::new().args(&[
        "review",
        "--answers",
        answers.to_str().unwrap(),
        "--out",
        "pack",
    ]);
    review.ok();
    let md = review.read("pack/review.md");
    assert!(!md.contains("How to use this review pack"), "{md}");
    assert!(
        md.contains("*Esta tradução ainda não foi revista"),
        "no note that the translation is unreviewed: {md}"
    );
}

#[test]
fn questions_left_unanswered_are_named_in_the_answers_language() {
    let t = Test::new()
        .file(
            "answers.yaml",
            "schema: 1\nlanguage: pt\nanswers:\n  org.name: Coletivo\n",
        )
        .args(&["build", "--answers", "answers.yaml", "--out", "out"]);
    let r = t.fails(65);
    let first = r.stderr.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("error: perguntas sem resposta em answers.yaml ("),
        "{}",
        r.stderr
    );
    // Each question is put as the Portuguese interview puts it.
    let lib = library();
    let prompt = lib.question("org.type").unwrap().prompt.get("pt", "en");
    assert!(prompt != lib.question("org.type").unwrap().prompt.get("en", "en"));
    assert!(
        r.stderr.contains(&format!("  - org.type: {prompt}\n")),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("= help: responda-lhes em answers.yaml"),
        "{}",
        r.stderr
    );
    assert!(!t.exists("out/handbook.md"));
}
