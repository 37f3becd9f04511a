//! Subcommands with their own flags, one file each; `main.rs` dispatches.

pub mod diff;
pub mod eval;
pub mod exceptions;
pub mod plan;
pub mod report;
pub mod samples;
pub mod test;
