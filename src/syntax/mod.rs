//! Stage 1: source text → typed syntax tree with spans.
//!
//! **Parsing never panics and never recurses without a bound**: bracket
//! nesting is measured before pest sees the text, and the depth of each
//! condition's tree (which runs of `not` and long chains deepen too) while
//! it is built.
//!
//! **One parser**: the grammar is `grammar/kader.pest`, and pest reads
//! every file, sound or not. Each job around it has its file:
//!
//! - `brackets.rs` measures bracket nesting before pest runs;
//! - `lower.rs` turns pest's pairs into the tree (`ast.rs`);
//! - `recover.rs` cuts a file that does not parse into its items and
//!   criteria, each read on its own, so that one run reports a syntax error
//!   for every broken piece;
//! - `wording.rs` says what pest expected in an author's words.
//!
//! pest's `Rule`s and `Pairs` never leave this module.

pub mod ast;
mod brackets;
mod lower;
pub(crate) mod print;
mod recover;
mod wording;

use pest::Parser as _;

use self::ast::{File, Span};
use self::brackets::check_nesting;
use self::grammar::{KaderParser, Rule};
use self::lower::{internal, Lower};
use self::recover::{declares_extends, recover};
use crate::diagnostic::{say, Diagnostic, Diagnostics};
use crate::terms::Language;

pub use self::brackets::{check_nesting_within, MAX_NESTING};
pub use self::lower::{MAX_CHAIN, MAX_DEPTH};

/// The parser pest derives from the grammar; its `Rule`s never leave
/// `syntax/`.
mod grammar {
    #[derive(pest_derive::Parser)]
    #[grammar = "../grammar/kader.pest"]
    pub(super) struct KaderParser;

    impl Rule {
        /// A level of the expression grammar (`expr`, `and_expr`, ...
        /// `unary`): with no operator it holds just one operand.
        pub(super) fn is_expression_level(self) -> bool {
            matches!(
                self,
                Rule::expr
                    | Rule::and_expr
                    | Rule::not_expr
                    | Rule::test
                    | Rule::sum
                    | Rule::product
                    | Rule::unary
            )
        }
    }
}

/// Parses a framework file into its syntax tree, or every syntax error
/// found, worded in the language its header declares.
pub fn parse(source: &str) -> Result<File, Diagnostics> {
    parse_unworded(source).map_err(|mut d| {
        d.settle_language(declared_language(source));
        d
    })
}

/// The language a framework's header declares (`language en`), read from
/// the lines before its first block so that a file that does not parse has
/// one too; Dutch when the header declares none it knows.
pub(crate) fn declared_language(source: &str) -> Language {
    for line in source.lines() {
        let mut words = line.split_whitespace();
        if words.next() == Some("language") && words.next() == Some("en") {
            return Language::En;
        }
        if line.contains('{') {
            break;
        }
    }
    Language::Nl
}

fn parse_unworded(source: &str) -> Result<File, Diagnostics> {
    if let Some(diagnostic) = check_nesting(source) {
        return Err(Diagnostics::from_iter([diagnostic]));
    }
    let parsed = parse_with_pest(source);
    // Lines ended by CR alone (classic Mac OS) read as one long line: a
    // comment swallows the rest of the file. Say that, not what pest found.
    if parsed.is_err() {
        if let Some(at) = lone_carriage_return(source) {
            return Err(Diagnostics::from_iter([Diagnostic::error(
                "E0120",
                Span::new(at, at + 1),
                say!(LoneCarriageReturn),
            )
            .with_label(say!(LineEndsWithoutFeed))
            .with_help(say!(SaveLineEndings))]));
        }
    }
    parsed
}

/// Where the first carriage return stands that no line feed follows.
fn lone_carriage_return(source: &str) -> Option<usize> {
    let bytes = source.as_bytes();
    bytes
        .iter()
        .enumerate()
        .find(|&(i, &b)| b == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
        .map(|(i, _)| i)
}

/// Parses a file with pest and lowers its pairs: the reference for every
/// file, and the only reader of one with a problem to report.
fn parse_with_pest(source: &str) -> Result<File, Diagnostics> {
    let mut pairs = match KaderParser::parse(Rule::file, source) {
        Ok(pairs) => pairs,
        Err(error) => return Err(recover(source, &error)),
    };
    let mut lower = Lower {
        diagnostics: Diagnostics::new(),
        layered: declares_extends(source),
    };
    let file = match pairs.next() {
        Some(pair) => lower.file(pair),
        None => Err(internal(Span::default())),
    };
    match file {
        Ok(file) if !lower.diagnostics.has_errors() => Ok(file),
        Ok(_) => Err(lower.diagnostics),
        Err(d) => {
            lower.diagnostics.push(*d);
            lower.diagnostics.sort();
            Err(lower.diagnostics)
        }
    }
}
