//! The bracket pre-scan: brackets outside texts and comments, measured
//! before pest sees a text, so that pest's recursion (and lowering's) has a
//! bound.

use super::ast::Span;
use crate::diagnostic::{say, Diagnostic};

/// How deeply brackets may nest before the parser refuses the file: deep
/// enough for any real framework, shallow enough that the recursive-descent
/// parser can never exhaust the stack.
pub const MAX_NESTING: usize = 64;

/// Brackets outside texts and comments, with their byte offsets.
pub(super) fn brackets(source: &str) -> Brackets<'_> {
    Brackets {
        bytes: source.as_bytes(),
        at: 0,
    }
}

/// The iterator of [`brackets`]. It reads bytes: every byte it looks for is
/// ASCII, and no byte of a longer UTF-8 character is.
pub(super) struct Brackets<'a> {
    bytes: &'a [u8],
    at: usize,
}

/// What [`Brackets`] stops at: outside texts (`CODE`), inside them (`TEXT`).
const CODE: u8 = 1;
const TEXT: u8 = 2;

fn stops(b: u8) -> u8 {
    match b {
        b'"' => CODE | TEXT,
        b'/' | b'(' | b')' | b'{' | b'}' | b'<' | b'>' => CODE,
        b'\\' | b'\n' => TEXT,
        _ => 0,
    }
}

impl Brackets<'_> {
    /// Moves past the first byte from the current position on that [`stops`]
    /// marks with `kind`, and returns it; `None` at the end of the source.
    fn past(&mut self, kind: u8) -> Option<u8> {
        let rest = self.bytes.get(self.at..)?;
        let found = rest.iter().position(|b| stops(*b) & kind != 0)?;
        self.at += found + 1;
        rest.get(found).copied()
    }
}

impl Iterator for Brackets<'_> {
    type Item = (usize, char);

    fn next(&mut self) -> Option<(usize, char)> {
        loop {
            let stop = self.past(CODE)?;
            let offset = self.at - 1;
            match stop {
                // A text runs to its closing quote or the end of its line;
                // `\` takes the character after it along.
                b'"' => {
                    while self.past(TEXT)? == b'\\' {
                        self.at += 1;
                    }
                }
                // `//` starts a comment, which runs to the end of its line.
                b'/' => {
                    if offset > 0 && self.bytes.get(offset - 1) == Some(&b'/') {
                        let rest = self.bytes.get(self.at..)?;
                        self.at += rest.iter().position(|b| *b == b'\n')? + 1;
                    }
                }
                b => return Some((offset, char::from(b))),
            }
        }
    }
}

/// Whether the `<` at `offset` is the bracket of a list type: `: list<` or
/// `list<list<`, not a comparison with a path that ends in `list`.
fn opens_list(source: &str, offset: usize) -> bool {
    let before = source.get(..offset).unwrap_or("").trim_end();
    before
        .strip_suffix("list")
        .is_some_and(|rest| rest.trim_end().ends_with([':', '<']))
}

/// Refuses brackets nested deeper than [`MAX_NESTING`] before pest recurses.
///
/// `<` and `>` count only as the brackets of `list<...>`: as comparisons
/// they nest nothing.
pub(super) fn check_nesting(source: &str) -> Option<Diagnostic> {
    check_nesting_within(source, MAX_NESTING)
}

/// E0102 at the first bracket nested more than `max` deep (a host's own
/// limit, below [`MAX_NESTING`]).
pub fn check_nesting_within(source: &str, max: usize) -> Option<Diagnostic> {
    let max = max.min(MAX_NESTING);
    let mut open: Vec<char> = Vec::new();
    for (offset, c) in brackets(source) {
        match c {
            '<' if !opens_list(source, offset) => continue,
            '>' if open.last() != Some(&'<') => continue,
            '(' | '{' | '<' => open.push(c),
            _ => {
                open.pop();
                continue;
            }
        }
        if open.len() > max {
            return Some(
                Diagnostic::error(
                    "E0102",
                    Span::new(offset, offset + 1),
                    say!(NestedTooDeep, max.to_string()),
                )
                .with_label(say!(TooDeep))
                .with_help(if c == '<' {
                    say!(ListSingleValues)
                } else {
                    say!(SplitIntoDefines)
                }),
            );
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`brackets`] as it was first written, a character at a time: the
    /// reference for the faster one.
    fn brackets_by_chars(source: &str) -> Vec<(usize, char)> {
        let mut in_text = false;
        let mut escaped = false;
        let mut in_comment = false;
        let mut previous = '\0';
        let mut found = Vec::new();
        for (offset, c) in source.char_indices() {
            let before = previous;
            previous = c;
            if in_comment {
                in_comment = c != '\n';
                continue;
            }
            if in_text {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == '"' || c == '\n' {
                    in_text = false;
                }
                continue;
            }
            match c {
                '"' => in_text = true,
                '/' if before == '/' => {
                    in_comment = true;
                    previous = '\0';
                }
                '(' | ')' | '{' | '}' | '<' | '>' => found.push((offset, c)),
                _ => {}
            }
        }
        found
    }

    #[test]
    fn brackets_are_found_outside_texts_and_comments() {
        let cases = [
            r#"a ( "(" ) // ( { x"#,
            "\"a\\\"(\" { \"\\\n( }",
            "\"open (\n ( /( //x ( \n )",
            "/// {\n<>\"é(\"/ / (\"\\é\"(",
            "x/\"//\"/(",
            "\"\\",
            "//",
            "é/é//(\n)",
        ];
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let shipped =
            std::fs::read_to_string(root.join("frameworks/basiskader.kader")).unwrap_or_default();
        for source in cases.iter().copied().chain([shipped.as_str()]) {
            assert_eq!(
                brackets(source).collect::<Vec<_>>(),
                brackets_by_chars(source),
                "{source:?}"
            );
            // Every cut of it too: texts and comments left open.
            for (at, _) in source.char_indices().step_by(97) {
                let cut = &source[..at];
                assert_eq!(brackets(cut).collect::<Vec<_>>(), brackets_by_chars(cut));
            }
        }
    }
}
