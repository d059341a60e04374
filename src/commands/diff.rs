//! `hrpolicy diff OLD NEW`: a change notice for staff, between two built handbooks
//! (their folders), as Markdown and HTML: clauses added, removed and changed.
use crate::changes::{change_notice, read_build};
use crate::cli::DiffArgs;
use crate::dates::today;
use crate::document::{Document, Meta};
use crate::error::Result;
use crate::library::known;
use crate::render::{Format, Layout, RenderOptions, render_all};
use std::path::PathBuf;

pub fn run(overlays: &[PathBuf], args: &DiffArgs) -> Result<()> {
    let mut library = crate::pipeline::library(overlays)?;
    let old = read_build(&args.old)?;
    let new = read_build(&args.new)?;
    if !old.lang.is_empty() && !new.lang.is_empty() && old.lang != new.lang {
        crate::pipeline::print_warnings(&[crate::diagnostics::Diagnostic::warning(
            &args.new.display().to_string(),
            None,
            format!(
                "this handbook is in `{}` and {} in `{}`: every clause shows as reworded",
                new.lang,
                args.old.display(),
                old.lang
            ),
        )
        .with_help("compare two builds in the same language (`build --lang`)")]);
    }
    // The notice speaks the language of the handbook it announces.
    let lang = [&new.lang, &old.lang]
        .into_iter()
        .find(|l| !l.is_empty())
        .cloned()
        .unwrap_or_else(|| library.meta.default_language.clone());
    crate::pipeline::language(&mut library, &lang)?;
    let text = |key: &str| library.string(key, &lang);
    let notice = change_notice(&old.clauses, &new.clauses, &text);
    let doc = Document {
        meta: Meta {
            title: text(known::strings::CHANGES_TITLE),
            subtitle: text(known::strings::CHANGES_SUBTITLE)
                .replace("{old}", &old.name(&args.old, &lang, &text))
                .replace("{new}", &new.name(&args.new, &lang, &text)),
            organisation: String::new(),
            date: today(),
            version: String::new(),
            labels: crate::document::Labels::of(&library, &lang),
            lang,
            draft: false,
        },
        markdown: notice.markdown,
    };
    let options = RenderOptions {
        layout: Layout::Short,
        ..RenderOptions::default()
    };
    let files = render_all(
        &doc,
        &library.templates,
        "changes",
        &[Format::Md, Format::Html],
        &options,
    )?;
    crate::output::write_outputs(&args.out, &files, args.force, None)?;
    eprintln!(
        "{} added, {} removed, {} changed; wrote changes.md, changes.html to {}",
        notice.added,
        notice.removed,
        notice.changed,
        args.out.display()
    );
    Ok(())
}
