//! Stage 1: source text → typed syntax tree with spans.
//!
//! **Parsing never panics and never recurses without a bound**: bracket
//! nesting is measured before pest sees the text, and the depth of each
//! condition's tree (which runs of `not` and long chains deepen too) while
//! it is built.
//!
//! **One parser**: the grammar is `grammar/kader.pest`, and pest reads
//! every file, sound or not (`parse.rs`).
//!
//! A file that does not parse is cut into its items and criteria, each read
//! on its own, so that one run reports a syntax error for every broken piece.

pub mod ast;
mod parse;
pub(crate) mod print;

pub use parse::{check_nesting_within, parse, MAX_CHAIN, MAX_DEPTH, MAX_NESTING};
