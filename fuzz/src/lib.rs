//! Fuzz targets for hrpolicy: see docs/FUZZING.md.
pub mod harness;
