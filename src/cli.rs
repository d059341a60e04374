//! The command line: clap derive types only. The doc comments are the help text.
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Write workplace policies for harm reduction organisations that employ people who use drugs.
#[derive(Debug, Parser)]
#[command(name = "hrpolicy", version, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// A folder laid over the built-in clause library: extra clauses, overrides,
    /// countries. Give it several times to stack folders; a later one wins.
    #[arg(long, global = true, value_name = "DIR")]
    pub library: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Answer the interview in a terminal, then build the handbook into DIR.
    New(NewArgs),
    /// Build the handbook from an answers file, without asking anything.
    Build(BuildArgs),
    /// Load and validate the library, and print every problem.
    Check(CheckArgs),
    /// List the library's questions, sections, clauses or countries.
    List(ListArgs),
    /// Explain why a clause is in or out of the handbook for a set of answers.
    Explain(ExplainArgs),
    /// Write a review pack for a peer committee, or review clauses interactively.
    Review(ReviewArgs),
    /// Write a change notice for staff between two built handbooks.
    Diff(DiffArgs),
    /// Print a shell completion script (install it as the README shows).
    Completions(CompletionsArgs),
    /// Print the man page (roff) on standard output.
    Man(ManArgs),
    /// Start a country profile in your library folder (the last `--library`).
    Country(CountryArgs),
    /// Override a built-in clause in your library folder, or export the built-in library.
    Library(LibraryArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Markdown with a pandoc metadata block.
    Md,
    /// One standalone, print-ready HTML page.
    Html,
    /// PDF, typeset with fonts embedded.
    Pdf,
    /// Word document with heading styles.
    Docx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Edition {
    /// The full staff handbook (handbook.*).
    Handbook,
    /// A short summary for staff, each rule in a sentence or two (summary.*).
    Summary,
    /// A public statement of the approach, without internal procedures (public.*).
    Public,
}

impl From<Edition> for crate::document::Edition {
    fn from(e: Edition) -> Self {
        match e {
            Edition::Handbook => crate::document::Edition::Handbook,
            Edition::Summary => crate::document::Edition::Summary,
            Edition::Public => crate::document::Edition::Public,
        }
    }
}

impl From<Format> for crate::render::Format {
    fn from(f: Format) -> Self {
        match f {
            Format::Md => crate::render::Format::Md,
            Format::Html => crate::render::Format::Html,
            Format::Pdf => crate::render::Format::Pdf,
            Format::Docx => crate::render::Format::Docx,
        }
    }
}

/// Paper sizes for PDF and DOCX.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Paper {
    /// A4, 210 × 297 mm.
    #[default]
    A4,
    /// US Letter, 8.5 × 11 in.
    Letter,
}

impl From<Paper> for crate::render::Paper {
    fn from(p: Paper) -> Self {
        match p {
            Paper::A4 => crate::render::Paper::A4,
            Paper::Letter => crate::render::Paper::Letter,
        }
    }
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The language of the handbook and of the interview (`pt`, `uk`; default: the answers
    /// file's `language:`, else English). Saved in answers.yaml by `new`.
    #[arg(long, value_name = "CODE")]
    pub lang: Option<String>,
    /// The folder for answers.yaml and the handbook.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Reopen one answer (by question id), then review and build.
    #[arg(long, value_name = "ID")]
    pub change: Option<String>,
    /// Output formats, comma-separated.
    #[arg(long, value_delimiter = ',', default_values = ["md", "html"])]
    pub format: Vec<Format>,
    /// Never prompt: fail, naming every unanswered question, if any is missing.
    #[arg(long)]
    pub no_input: bool,
    /// Overwrite generated files even if they were edited since.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The language of the handbook and of the interview (`pt`, `uk`; default: the answers
    /// file's `language:`, else English). Saved in answers.yaml by `new`.
    #[arg(long, value_name = "CODE")]
    pub lang: Option<String>,
    /// The answers file.
    #[arg(long, value_name = "FILE")]
    pub answers: PathBuf,
    /// The folder to write the handbook into.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Output formats, comma-separated.
    #[arg(long, value_delimiter = ',', default_values = ["md", "html"])]
    pub format: Vec<Format>,
    /// Set or override one answer: `--set org.type=community-led`, `--set services=nsp,outreach`.
    #[arg(long = "set", value_name = "ID=VALUE")]
    pub set: Vec<String>,
    /// Accept the library's and the country profile's defaults for unanswered questions;
    /// a question about the law with no country default is answered "not sure".
    #[arg(long)]
    pub defaults: bool,
    /// Paper size for PDF and DOCX.
    #[arg(long, value_enum, default_value_t = Paper::A4)]
    pub paper: Paper,
    /// Editions to write, comma-separated: the full handbook, a short staff summary, a
    /// public statement of the organisation's approach.
    #[arg(long, value_delimiter = ',', default_values = ["handbook"])]
    pub edition: Vec<Edition>,
    /// Show each rule's rationale in the handbook edition.
    #[arg(long)]
    pub with_rationale: bool,
    /// A committee's review decisions: accepted, amended and removed clauses.
    #[arg(long, value_name = "FILE")]
    pub decisions: Option<PathBuf>,
    /// Refuse to build while any clause is pending or stale (needs `--decisions`: a final
    /// handbook is one the committee has decided).
    #[arg(long = "final", requires = "decisions")]
    pub r#final: bool,
    /// Never prompt (build never does; accepted for scripts that pass it everywhere).
    #[arg(long)]
    pub no_input: bool,
    /// Overwrite generated files even if they were edited since.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// How many of the longest sentences to show.
    #[arg(long, default_value_t = 5)]
    pub longest: usize,
    /// Fail on warnings and language findings too.
    #[arg(long)]
    pub strict: bool,
    /// `json`: every finding as one JSON document on standard output, for CI (its
    /// shape is documented in docs/check-json.md).
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Findings with their source lines, and the library's figures.
    Text,
    /// One JSON document: `{ "version": 1, "findings": [...], "summary": {...} }`.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListWhat {
    Questions,
    Sections,
    Clauses,
    Countries,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// What to list.
    pub what: ListWhat,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The clause id (see `hrpolicy list clauses`).
    pub clause: String,
    /// The answers file.
    #[arg(long, value_name = "FILE")]
    pub answers: PathBuf,
    /// Set or override one answer, as for `build`.
    #[arg(long = "set", value_name = "ID=VALUE")]
    pub set: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The language of the handbook and of the interview (`pt`, `uk`; default: the answers
    /// file's `language:`, else English). Saved in answers.yaml by `new`.
    #[arg(long, value_name = "CODE")]
    pub lang: Option<String>,
    /// The answers file (for an interactive review: defaults to the one decisions.yaml names).
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,
    /// The folder for review.md, review.html and decisions.yaml.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// The decisions file (default: DIR/decisions.yaml); kept and extended, never overwritten.
    #[arg(long, value_name = "FILE")]
    pub decisions: Option<PathBuf>,
    /// Walk the undecided and changed clauses in the terminal.
    #[arg(long)]
    pub interactive: bool,
    /// Set or override one answer, as for `build`.
    #[arg(long = "set", value_name = "ID=VALUE")]
    pub set: Vec<String>,
    /// Overwrite review.md and review.html even if they were edited since.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The folder of the earlier build.
    pub old: PathBuf,
    /// The folder of the later build.
    pub new: PathBuf,
    /// Where to write changes.md and changes.html.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub out: PathBuf,
    /// Overwrite changes.md and changes.html even if they were edited since.
    #[arg(long)]
    pub force: bool,
}

/// The shells `hrpolicy completions` writes a script for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    pub shell: Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {}

#[derive(Debug, Args)]
pub struct CountryArgs {
    #[command(subcommand)]
    pub command: CountryCommand,
}

#[derive(Debug, Subcommand)]
pub enum CountryCommand {
    /// Write DIR/countries/CODE.yaml (DIR: the last `--library`): every question a
    /// country may pre-fill, a fact to source for each, and comments on what goes where.
    New(CountryNewArgs),
}

#[derive(Debug, Args)]
pub struct CountryNewArgs {
    /// The ISO 3166 code, two letters (`KE`).
    pub code: String,
    /// The country's name, as the handbook prints it (needed for a country the library
    /// does not have yet).
    #[arg(long)]
    pub name: Option<String>,
    /// Start from this country profile's facts and defaults, each marked to re-check.
    /// Without it, a country the library already has is copied whole, to update.
    #[arg(long, value_name = "CODE")]
    pub from: Option<String>,
    /// Replace the profile if the file exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct LibraryArgs {
    #[command(subcommand)]
    pub command: LibraryCommand,
}

#[derive(Debug, Subcommand)]
pub enum LibraryCommand {
    /// Copy a clause into DIR/sections/ (DIR: the last `--library`) to edit it there; the
    /// copy records the base text's hash, and `check` and `build` warn when it changes.
    Override(OverrideArgs),
    /// Write the built-in library and its templates into DIR as files to edit; give DIR
    /// as the first `--library` to use it in place of the built-in one.
    Export(ExportArgs),
    /// Record that the LANG translation in DIR (the last `--library`) says what the
    /// English says now, once you have updated it: `check` and `build` then use it again,
    /// and warn when that English changes next (DIR/translations/LANG/made-from.yaml).
    Translated(TranslatedArgs),
}

#[derive(Debug, Args)]
pub struct TranslatedArgs {
    /// The language code, the name of its folder under DIR/translations/ (`uk`, `pt`).
    pub lang: String,
}

#[derive(Debug, Args)]
pub struct OverrideArgs {
    /// The clause id (see `hrpolicy list clauses`).
    pub clause: String,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The folder to write into.
    pub dir: PathBuf,
    /// Replace files that exist there.
    #[arg(long)]
    pub force: bool,
}
