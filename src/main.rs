//! The `hrpolicy` binary: parse the command line, run, print any error, exit.
use clap::Parser;

fn main() {
    let cli = hrpolicy::cli::Cli::parse();
    if let Err(failure) = hrpolicy::run(cli) {
        eprintln!("{failure}");
        std::process::exit(failure.exit_code());
    }
}
