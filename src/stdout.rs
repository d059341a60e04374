//! Standard output for commands. Everything a command prints goes through [`Stdout`], so
//! a reader that stops early (`hrpolicy list clauses | head -2`) ends the command
//! quietly with exit 0, while any other write error is still reported.
use crate::error::{Failure, Result};
use std::fmt;
use std::io::{self, Write};

/// The reader of standard output went away (a broken pipe). `main` ends quietly on it.
#[derive(Debug)]
pub struct ReaderGone;

impl fmt::Display for ReaderGone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the reader of standard output went away")
    }
}

impl std::error::Error for ReaderGone {}

/// Whether `failure` is only a reader that stopped reading, not a problem.
pub fn reader_gone(failure: &Failure) -> bool {
    matches!(failure, Failure::Other(e) if e.is::<ReaderGone>())
}

/// Buffered, locked standard output. Call [`Stdout::finish`] at the end: it flushes and
/// reports a failed write (dropping it without `finish` ignores errors).
pub struct Stdout<W: Write = io::StdoutLock<'static>> {
    inner: io::BufWriter<W>,
}

impl Stdout {
    pub fn new() -> Stdout {
        Stdout::to(io::stdout().lock())
    }
}

impl Default for Stdout {
    fn default() -> Self {
        Stdout::new()
    }
}

impl<W: Write> Stdout<W> {
    /// Output to any writer (tests).
    pub fn to(writer: W) -> Stdout<W> {
        Stdout {
            inner: io::BufWriter::new(writer),
        }
    }

    /// Prints `line` and a line break.
    pub fn line(&mut self, line: impl fmt::Display) -> Result<()> {
        writeln!(self.inner, "{line}").map_err(write_failure)
    }

    /// Prints `text` as it is.
    pub fn text(&mut self, text: impl AsRef<[u8]>) -> Result<()> {
        self.inner.write_all(text.as_ref()).map_err(write_failure)
    }

    /// Flushes what is buffered.
    pub fn finish(mut self) -> Result<()> {
        self.inner.flush().map_err(write_failure)
    }
}

/// A broken pipe becomes [`ReaderGone`]; anything else stays an error worth reporting.
fn write_failure(e: io::Error) -> Failure {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Failure::Other(ReaderGone.into())
    } else {
        Failure::Other(anyhow::Error::new(e).context("cannot write to standard output"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer that fails every write with `kind`.
    struct Failing(io::ErrorKind);

    impl Write for Failing {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::from(self.0))
        }
        fn flush(&mut self) -> io::Result<()> {
            Err(io::Error::from(self.0))
        }
    }

    fn print_to(writer: Failing) -> Failure {
        let mut out = Stdout::to(writer);
        out.line("hello").unwrap();
        out.finish().unwrap_err()
    }

    #[test]
    fn a_broken_pipe_is_a_reader_gone_and_nothing_else_is() {
        assert!(reader_gone(&print_to(Failing(io::ErrorKind::BrokenPipe))));
        let full = print_to(Failing(io::ErrorKind::StorageFull));
        assert!(!reader_gone(&full));
        assert!(
            full.to_string()
                .starts_with("error: cannot write to standard output"),
            "{full}"
        );
    }

    #[test]
    fn lines_and_text_reach_the_writer() {
        let mut buf = Vec::new();
        let mut out = Stdout::to(&mut buf);
        out.line("one").unwrap();
        out.text("two").unwrap();
        out.finish().unwrap();
        assert_eq!(buf, b"one\ntwo");
    }
}
