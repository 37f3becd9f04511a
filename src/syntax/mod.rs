//! Stage 1: source text → typed syntax tree with spans.
//!
//! **Parsing never panics and never recurses without a bound**: bracket
//! nesting is measured before pest sees the text.

pub mod ast;
mod parse;

pub use parse::{parse, MAX_CHAIN, MAX_NESTING};
