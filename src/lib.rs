//! hrpolicy: a clause library, an interview and renderers that together write a staff
//! handbook for harm reduction organisations that employ people who use drugs.
//!
//! # The stages
//! Data flows one way; no module imports from a stage after it.
//! ```text
//! answer       answer values and question kinds (a leaf)
//! condition    `when` / `ask-if`: parsed, checked, evaluated over answers
//! library      load (built-in + overlays) → validate (one pass per concern) → query by id
//! inputs       answers.yaml + --set + defaults → resolved answers; the interview fills gaps
//! select       pure: library + answers → plan (clauses, variants, reasons)
//! clause_text  Tera over the plan (and committee amendments) → rendered clauses
//! review       decisions.yaml → applied decisions, draft/stale state, review pack
//! document     one edition (handbook / summary / public) → Markdown + metadata
//! render       comrak tree → md, html, pdf (typst), docx (docx-rs), from RenderOptions
//! output       atomic writes, manifest, never clobbers without --force
//! ```
//! `pipeline` runs the stages for each command; `commands` parse arguments and call it.
//! Leaves any stage may use: `text`, `dates`, `atomic` (whole-file writes, hashes),
//! `markup` (Tera and comrak settings), `parallel` (work shared out among the cores),
//! `diagnostics`, `error`, `worddiff` (word-level differences),
//! `lint` (the language check over the library), `stdout` (what
//! commands print; a closed pipe ends them quietly), `input_file` and `yaml_guard`
//! (what a file a person wrote must be before it is parsed: size, UTF-8, no YAML tags
//! or alias bombs), `yaml_comments` (a person's comments kept when hrpolicy rewrites
//! their answers or decisions).

// Errors here are diagnostics for people, made once per run; their size does not matter.
#![allow(clippy::result_large_err)]
pub mod answer;
pub mod atomic;
pub mod changes;
pub mod clause_text;
pub mod cli;
pub mod commands;
pub mod condition;
pub mod dates;
pub mod diagnostics;
pub mod document;
pub mod error;
pub mod hash;
pub mod input_file;
pub mod inputs;
pub mod interview;
pub mod library;
pub mod lint;
pub mod markup;
pub mod output;
pub mod parallel;
pub mod pipeline;
pub mod render;
pub mod review;
pub mod select;
pub mod stdout;
pub mod text;
pub mod worddiff;
pub mod yaml_comments;
pub mod yaml_events;
pub mod yaml_guard;

/// Runs one command.
pub fn run(cli: cli::Cli) -> error::Result<()> {
    let library = &cli.library;
    match cli.command {
        cli::Command::New(args) => commands::new::run(library, &args),
        cli::Command::Build(args) => commands::build::run(library, &args),
        cli::Command::Check(args) => commands::check::run(library, &args),
        cli::Command::List(args) => commands::list::run(library, &args),
        cli::Command::Explain(args) => commands::explain::run(library, &args),
        cli::Command::Review(args) => commands::review::run(library, &args),
        cli::Command::Diff(args) => commands::diff::run(library, &args),
        cli::Command::Completions(args) => commands::completions::run(&args),
        cli::Command::Man(args) => commands::man::run(&args),
        cli::Command::Country(args) => commands::country::run(library, &args),
        cli::Command::Library(args) => commands::library::run(library, &args),
    }
}
