//! `hrpolicy completions SHELL`: a completion script for the shell, on standard output.
use crate::cli::{Cli, CompletionsArgs, Shell};
use crate::error::Result;
use crate::stdout::Stdout;
use clap::CommandFactory;

pub fn run(args: &CompletionsArgs) -> Result<()> {
    let shell = match args.shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
        Shell::Powershell => clap_complete::Shell::PowerShell,
    };
    // Made in memory first: the generator panics on a failed write, Stdout does not.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "hrpolicy", &mut script);
    let mut out = Stdout::new();
    out.text(script)?;
    out.finish()
}
