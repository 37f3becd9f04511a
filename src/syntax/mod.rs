//! Stage 1: source text → typed syntax tree with spans.
//!
//! **Parsing never panics and never recurses without a bound**: bracket
//! nesting is measured before pest sees the text, and the depth of each
//! condition's tree (which runs of `not` and long chains deepen too) while
//! it is built.
//!
//! A file that does not parse is cut into its items and criteria, each read
//! on its own, so that one run reports a syntax error for every broken piece.

pub mod ast;
mod parse;

pub use parse::{parse, MAX_CHAIN, MAX_DEPTH, MAX_NESTING};
