//! Stage 1: source text → typed syntax tree with spans.
//!
//! **Parsing never panics and never recurses without a bound**: bracket
//! nesting is measured before pest sees the text, and the depth of each
//! condition's tree (which runs of `not` and long chains deepen too) while
//! it is built.
//!
//! A sound file is read by `direct.rs`, the grammar rule for rule in one
//! pass straight into the tree; it gives up at the first problem, and pest
//! (`parse.rs`) reads the file again to report it. The two agree on every
//! tree, spans included (tested on every file of the repository and on
//! small edits of them), so pest stays the reference for the language and
//! for every diagnostic.
//!
//! A file that does not parse is cut into its items and criteria, each read
//! on its own, so that one run reports a syntax error for every broken piece.

pub mod ast;
mod direct;
mod parse;
pub(crate) mod print;

pub use parse::{check_nesting_within, parse, MAX_CHAIN, MAX_DEPTH, MAX_NESTING};
