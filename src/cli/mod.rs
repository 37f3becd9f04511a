//! The commands, one file each; `main.rs` parses the arguments and
//! dispatches. `args.rs` holds the flags several commands share,
//! `framework.rs` reads and compiles framework files, `evidence.rs` reads
//! and loads evidence.

pub mod annex;
pub mod args;
pub mod calendar;
pub mod certificate;
pub mod check;
pub mod diff;
pub mod doc;
pub mod eval;
pub mod evidence;
pub mod exceptions;
pub mod fmt;
pub mod form;
pub mod framework;
pub mod lsp;
pub mod plan;
pub mod planfile;
pub mod progress;
pub mod report;
pub mod samples;
pub mod schema;
#[cfg(feature = "serve")]
pub mod serve;
pub mod test;
pub mod verify;
