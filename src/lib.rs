//! hrpolicy: a clause library, an interview and renderers that together write a staff
//! handbook for harm reduction organisations that employ people who use drugs.

// Errors here are diagnostics for people, made once per run; their size does not matter.
#![allow(clippy::result_large_err)]
pub mod answers;
pub mod cli;
pub mod commands;
pub mod condition;
pub mod diagnostics;
pub mod error;
pub mod inputs;
pub mod interview;
pub mod library;
pub mod lint;
pub mod output;
pub mod render;
pub mod review;
pub mod select;
pub mod text;

/// Runs one command.
pub fn run(cli: cli::Cli) -> error::Result<()> {
    let library = cli.library.as_deref();
    match cli.command {
        cli::Command::New(args) => commands::new::run(library, &args),
        cli::Command::Build(args) => commands::build::run(library, &args),
        cli::Command::Check(args) => commands::check::run(library, &args),
        cli::Command::List(args) => commands::list::run(library, &args),
        cli::Command::Explain(args) => commands::explain::run(library, &args),
        cli::Command::Review(args) => commands::review::run(library, &args),
        cli::Command::Diff(args) => commands::diff::run(library, &args),
    }
}
