//! The ways a command can fail, and the exit code of each.
use crate::diagnostics::Diagnostic;
use std::fmt;

/// Exit code for bad input data (sysexits' EX_DATAERR).
pub const EXIT_DATA: i32 = 65;

#[derive(Debug)]
pub enum Failure {
    /// Input files have problems; all of them are listed.
    BadInput(Vec<Diagnostic>),
    /// Questions that have no answer and no terminal to ask them on.
    MissingAnswers {
        /// The first line (`{file}` and `{count}` filled in), in the answers' language.
        heading: String,
        /// Each question's id and prompt, in the answers' language.
        questions: Vec<(String, String)>,
        /// How to answer them, in the answers' language.
        help: String,
    },
    /// Output that a user has edited since hrpolicy wrote it.
    WouldOverwrite { files: Vec<String> },
    /// The user stopped the interview; the answers so far are saved.
    Interrupted {
        answers: String,
        /// The message in the interview's language (`{path}` filled in); English when none.
        message: Option<String>,
    },
    /// Anything else (I/O and the like), with its cause chain.
    Other(anyhow::Error),
}

pub type Result<T, E = Failure> = std::result::Result<T, E>;

impl Failure {
    /// A command used the wrong way: bad input, named by the `context` it concerns.
    pub fn usage(context: &str, message: &str) -> Failure {
        Failure::BadInput(vec![Diagnostic::error(context, None, message)])
    }

    pub fn exit_code(&self) -> i32 {
        match self {
            Failure::BadInput(_) | Failure::MissingAnswers { .. } => EXIT_DATA,
            Failure::Interrupted { .. } => 130,
            Failure::WouldOverwrite { .. } | Failure::Other(_) => 1,
        }
    }
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        Failure::Other(e)
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure::Other(e.into())
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::BadInput(diags) => {
                for d in diags {
                    writeln!(f, "{d}")?;
                }
                let errors = diags.iter().filter(|d| !d.warning).count();
                write!(
                    f,
                    "error: {errors} problem{} found",
                    if errors == 1 { "" } else { "s" }
                )
            }
            Failure::MissingAnswers {
                heading,
                questions,
                help,
            } => {
                writeln!(f, "error: {heading}")?;
                for (id, prompt) in questions {
                    writeln!(f, "  - {id}: {prompt}")?;
                }
                write!(f, "  = help: {help}")
            }
            Failure::WouldOverwrite { files } => {
                writeln!(
                    f,
                    "error: these files were changed since hrpolicy wrote them:"
                )?;
                for file in files {
                    writeln!(f, "  - {file}")?;
                }
                write!(
                    f,
                    "  = help: move your edits elsewhere, or pass `--force` to overwrite them"
                )
            }
            Failure::Interrupted {
                message: Some(m), ..
            } => f.write_str(m),
            Failure::Interrupted { answers, .. } => write!(
                f,
                "interrupted: your answers so far are saved in {answers}; run the same command again to continue"
            ),
            Failure::Other(e) => {
                write!(f, "error: {e}")?;
                for cause in e.chain().skip(1) {
                    write!(f, "\n  caused by: {cause}")?;
                }
                Ok(())
            }
        }
    }
}
