//! One module per subcommand, each with one entry function that orchestrates.
pub mod build;
pub mod check;
pub mod completions;
pub mod country;
pub mod diff;
pub mod explain;
pub mod library;
pub mod list;
pub mod man;
pub mod new;
pub mod review;
