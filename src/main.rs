//! The `hrpolicy` binary: parse the command line, run, print any error, exit.
use clap::Parser;
use std::io::Write;

fn main() {
    let cli = hrpolicy::cli::Cli::parse();
    if let Err(failure) = hrpolicy::run(cli) {
        // A reader that stopped reading (`| head`) is not a failure.
        if hrpolicy::stdout::reader_gone(&failure) {
            std::process::exit(0);
        }
        // With standard error gone too there is nowhere left to say it.
        let _ = writeln!(std::io::stderr(), "{failure}");
        std::process::exit(failure.exit_code());
    }
}
