//! Error recovery.
//!
//! pest stops at the first syntax error. To report every broken part of a
//! file in one run, a file that does not parse is cut into pieces (its
//! header, its top-level items, and inside a theme its criteria) by a small
//! scanner that knows texts, comments and braces; each piece is then parsed
//! on its own with an entry rule of the grammar (`header_only`, `item_only`,
//! `criterion_only`). The first error is always pest's own for the whole
//! file; the pieces only add errors after it.

use std::collections::BTreeSet;

use pest::iterators::Pairs;
use pest::Parser as _;

use super::ast::Span;
use super::brackets::{brackets, check_nesting};
use super::grammar::{KaderParser, Rule};
use super::lower::Lower;
use super::wording::{error_site, parse_error};
use crate::diagnostic::{Diagnostic, Diagnostics};

/// How many syntax errors one file gets: far more than an author fixes in
/// one go, and a bound on the work a garbled file causes.
const MAX_SYNTAX_ERRORS: usize = 100;

/// Every syntax error of a file that does not parse, in source order: the
/// first as pest found it in the whole file, then one for each later piece
/// that does not parse on its own, and the lowering errors (a bad escape, an
/// impossible date) of the pieces that do.
pub(super) fn recover(source: &str, error: &pest::error::Error<Rule>) -> Diagnostics {
    let (first_offset, positives) = error_site(error);
    let mut found = vec![parse_error(source, first_offset, positives)];
    let pieces = cut(source);
    // The piece that holds the first error; no piece owns offset 0, which
    // is the header's (a file that does not start with `framework`).
    let owner = pieces.iter().position(|p| p.owns(first_offset));
    // Which pieces do not parse (the owner among them).
    let mut broken = vec![false; pieces.len()];
    for (index, piece) in pieces.iter().enumerate() {
        if found.len() >= MAX_SYNTAX_ERRORS {
            break;
        }
        if owner == Some(index) || (owner.is_none() && piece.kind == PieceKind::Header) {
            if let Some(b) = broken.get_mut(index) {
                *b = true;
            }
            continue;
        }
        if piece.doubtful || piece.start >= piece.end {
            continue;
        }
        let Some(text) = piece.text(source) else {
            continue;
        };
        if check_nesting(&text).is_some() {
            continue;
        }
        match KaderParser::parse(piece.entry(), &text) {
            Ok(pairs) => found.extend(
                lower_piece(pairs, declares_extends(source))
                    .into_iter()
                    .map(|d| shifted(d, piece.start)),
            ),
            Err(error) => {
                if let Some(b) = broken.get_mut(index) {
                    *b = true;
                }
                let (offset, positives) = error_site(&error);
                let offset = piece.start + offset;
                // Before the first error the whole file parsed, so an error
                // there would be one of this piece's cut, not the author's.
                if offset <= first_offset {
                    continue;
                }
                // The end of a theme after a broken criterion: the criterion
                // may have taken the theme's `}` (an unclosed `{` in a set)
                // or closed the theme early (a `{` hidden by a missing
                // quote), so an error there would only repeat the
                // criterion's. A theme left open after a sound last
                // criterion really misses its `}`.
                let is_broken = |i: &usize| broken.get(*i).copied().unwrap_or(false);
                let in_tail = piece.holes.last().is_some_and(|&(_, end)| offset >= end);
                let cascade = if piece.left_open {
                    piece.criteria.last().is_some_and(is_broken)
                } else {
                    piece.criteria.iter().any(is_broken)
                };
                if in_tail && cascade {
                    continue;
                }
                let positives = in_context(piece, positives);
                let Some(view) = piece.view(source) else {
                    continue;
                };
                found.push(parse_error(&view, offset, &positives));
            }
        }
    }
    found.sort_by_key(|d| (d.span.start, d.span.end, d.severity));
    found.dedup_by(|a, b| {
        (a.span.start, a.span.end, a.code, &a.message)
            == (b.span.start, b.span.end, b.code, &b.message)
    });
    Diagnostics::from_iter(found)
}

/// Whether the header of a file declares `extends`: a line that starts with
/// it before the first item. Read from the text, so that a file that does
/// not parse is judged like one that does.
pub(super) fn declares_extends(source: &str) -> bool {
    for line in source.lines() {
        let line = line.trim_start();
        if line.starts_with("extends ") {
            return true;
        }
        if [
            "evidence", "define", "theme", "tighten", "remove", "scoring",
        ]
        .iter()
        .any(|k| line.starts_with(k))
        {
            return false;
        }
    }
    false
}

/// Lowers a piece that parsed, for the diagnostics lowering finds in it.
fn lower_piece(pairs: Pairs<'_, Rule>, layered: bool) -> Diagnostics {
    let mut lower = Lower {
        diagnostics: Diagnostics::new(),
        layered,
    };
    for entry in pairs {
        for pair in entry.into_inner() {
            let result = match pair.as_rule() {
                Rule::header => lower.header(pair).map(|_| ()),
                Rule::criterion => lower.criterion(pair).map(|_| ()),
                Rule::EOI => Ok(()),
                _ => lower.item(pair).map(|_| ()),
            };
            if let Err(d) = result {
                lower.diagnostics.push(*d);
            }
        }
    }
    lower.diagnostics
}

/// A diagnostic found in a piece, moved to where the piece is in the file.
fn shifted(mut d: Diagnostic, by: usize) -> Diagnostic {
    let shift = |s: Span| Span::new(s.start + by, s.end + by);
    d.span = shift(d.span);
    for (span, _) in &mut d.related {
        *span = shift(*span);
    }
    d
}

/// What pest would have expected in the whole file where a piece ends:
/// a piece parsed alone expects the end of its text there.
fn in_context(piece: &Piece, positives: &[Rule]) -> Vec<Rule> {
    let mut rules: Vec<Rule> = positives
        .iter()
        .copied()
        .filter(|r| *r != Rule::EOI)
        .collect();
    if rules.len() < positives.len() {
        let follows: &[Rule] = match piece.kind {
            // Past the `}` that closed the theme too early, nothing fits.
            PieceKind::Criterion if piece.overrun => &[],
            PieceKind::Criterion => &[Rule::rbrace, Rule::criterion],
            PieceKind::Item => &[
                Rule::evidence_block,
                Rule::define,
                Rule::theme,
                Rule::scoring,
                Rule::EOI,
            ],
            PieceKind::Header => &[
                Rule::language_decl,
                Rule::validity_decl,
                Rule::midterm_decl,
                Rule::audit_verified,
                Rule::evidence_block,
                Rule::define,
                Rule::theme,
                Rule::scoring,
                Rule::EOI,
            ],
        };
        rules.extend(follows);
    }
    rules
}

/// What a piece of a broken file is read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PieceKind {
    /// The `framework` line and its attributes.
    Header,
    /// `evidence`, `define`, `scoring`, or a theme with its criteria blanked.
    Item,
    /// One criterion of a theme.
    Criterion,
}

/// A stretch of a file that can be parsed on its own.
#[derive(Debug)]
struct Piece {
    kind: PieceKind,
    start: usize,
    end: usize,
    /// Stretches inside the piece that are pieces of their own (a theme's
    /// criteria), in order: blanked out when this piece is parsed.
    holes: Vec<(usize, usize)>,
    /// A theme whose closing `}` a criterion with an unclosed `{` seems to
    /// have taken: its "missing `}`" would only repeat that criterion's error.
    doubtful: bool,
    /// For a theme: the indices of its criteria among the pieces.
    criteria: Vec<usize>,
    /// A theme whose closing `}` the scanner did not see.
    left_open: bool,
    /// A criterion that runs on past a `}` which closed its theme too early.
    overrun: bool,
}

impl Piece {
    fn new(kind: PieceKind, start: usize) -> Self {
        Piece {
            kind,
            start,
            end: start,
            holes: Vec::new(),
            doubtful: false,
            criteria: Vec::new(),
            left_open: false,
            overrun: false,
        }
    }

    fn entry(&self) -> Rule {
        match self.kind {
            PieceKind::Header => Rule::header_only,
            PieceKind::Item => Rule::item_only,
            PieceKind::Criterion => Rule::criterion_only,
        }
    }

    /// Whether `offset` lies in the piece's own text (not in a hole). An
    /// offset where a piece starts belongs to the piece before it: pest
    /// stops at a token that starts a piece only when the piece before it
    /// is unfinished.
    fn owns(&self, offset: usize) -> bool {
        let mut at = self.start;
        for &(start, end) in &self.holes {
            if at < offset && offset <= start {
                return true;
            }
            at = end;
        }
        at < offset && offset <= self.end
    }

    /// The piece's text, holes blanked, as pest reads it.
    fn text<'a>(&self, source: &'a str) -> Option<std::borrow::Cow<'a, str>> {
        blanked(source, self.start, self.end, &self.holes)
    }

    /// The whole file as this piece sees it (its holes blanked), for the
    /// wording of an error: what comes before and after the offending token.
    fn view<'a>(&self, source: &'a str) -> Option<std::borrow::Cow<'a, str>> {
        blanked(source, 0, source.len(), &self.holes)
    }
}

/// `source[start..end]` with the holes turned into blanks (newlines kept, so
/// every offset and line stays where it was).
fn blanked<'a>(
    source: &'a str,
    start: usize,
    end: usize,
    holes: &[(usize, usize)],
) -> Option<std::borrow::Cow<'a, str>> {
    if holes.is_empty() {
        return source.get(start..end).map(std::borrow::Cow::Borrowed);
    }
    let mut out = String::with_capacity(end.saturating_sub(start));
    let mut at = start;
    for &(hole_start, hole_end) in holes {
        out.push_str(source.get(at..hole_start)?);
        for c in source.get(hole_start..hole_end)?.chars() {
            if c == '\n' {
                out.push('\n');
            } else {
                out.extend(std::iter::repeat_n(' ', c.len_utf8()));
            }
        }
        at = hole_end;
    }
    out.push_str(source.get(at..end)?);
    Some(std::borrow::Cow::Owned(out))
}

/// Where the scanner is inside the current top-level piece, if it is a theme.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ThemeState {
    /// The current piece is not a theme.
    NotTheme,
    /// `theme ID "title"` before its `{`.
    Unopened,
    /// Inside the theme's braces.
    Open,
    /// After the theme's closing `}`.
    Closed,
}

/// The scanner that cuts a file into [`Piece`]s.
struct Cutter {
    pieces: Vec<Piece>,
    /// The top-level piece being scanned.
    item: Piece,
    theme: ThemeState,
    /// Where the criterion being scanned starts.
    criterion: Option<usize>,
    /// Braces open in the current top-level piece.
    depth: usize,
    /// Whether the last criterion of the theme ended with its own braces
    /// closed.
    criterion_balanced: bool,
    /// Where the current top-level piece opens its first `{`.
    item_open: Option<usize>,
    /// Every `{` of the file that no `}` closes.
    unclosed: BTreeSet<usize>,
}

impl Cutter {
    fn open(&mut self, at: usize) {
        if self.depth == 0 && self.item_open.is_none() {
            self.item_open = Some(at);
        }
        self.depth += 1;
        if self.theme == ThemeState::Unopened && self.depth == 1 {
            self.theme = ThemeState::Open;
        }
    }

    fn close(&mut self, at: usize) {
        if self.theme == ThemeState::Open && self.depth == 1 {
            self.end_criterion(at);
            self.theme = ThemeState::Closed;
        }
        self.depth = self.depth.saturating_sub(1);
    }

    /// A word outside texts and comments; `first` when nothing precedes it
    /// on its line.
    fn word(&mut self, source: &str, at: usize, word: &str, first: bool) {
        let end = at + word.len();
        match word {
            // `theme passes when` is a rule of `scoring`, not a theme.
            "theme" if is_theme_rule(source, end) => {}
            // An item keyword cannot stand inside a block; at the start of a
            // line it most likely begins the next item after a missing `}`
            // (when the braces do not add up). Inside a block, only
            // `theme ID "title" {` counts as a theme.
            "evidence" | "define" | "scoring" | "theme" | "tighten" | "remove"
                if self.depth == 0
                    || (first
                        && self.missing_brace()
                        && (word != "theme" || looks_like_theme(source, end))) =>
            {
                self.end_item(at);
                self.item = Piece::new(PieceKind::Item, at);
                self.theme = if word == "theme" {
                    ThemeState::Unopened
                } else {
                    ThemeState::NotTheme
                };
            }
            // A criterion starts at depth 1 of a theme; at the start of a
            // line deeper down (a `}` is missing above), or before the
            // theme's `{` (the `{` is missing).
            // After the theme's `}` a criterion means the `}` came too early:
            // a stray `}`, or a `{` the scanner took for text because a
            // quote is missing. The criterion before it runs on to here.
            "criterion" if self.theme == ThemeState::Closed => {
                let Some(&last) = self.item.criteria.last() else {
                    return;
                };
                if let Some(piece) = self.pieces.get_mut(last) {
                    piece.end = at;
                    piece.overrun = true;
                }
                if let Some(hole) = self.item.holes.last_mut() {
                    hole.1 = at;
                }
                self.criterion = Some(at);
                self.theme = ThemeState::Open;
                self.depth = 1;
            }
            "criterion"
                if (self.theme == ThemeState::Open
                    && (self.depth == 1 || (first && self.missing_brace())))
                    || (self.theme == ThemeState::Unopened && first) =>
            {
                self.end_criterion(at);
                self.criterion = Some(at);
                self.theme = ThemeState::Open;
                self.depth = 1;
            }
            _ => {}
        }
    }

    /// Whether the current top-level piece opens a `{` that no `}` closes:
    /// only then can a keyword deep inside it be the start of the next piece.
    fn missing_brace(&self) -> bool {
        self.item_open.is_some_and(|at| self.unclosed.contains(&at))
    }

    fn end_criterion(&mut self, at: usize) {
        if let Some(start) = self.criterion.take() {
            self.pieces.push(Piece {
                end: at,
                ..Piece::new(PieceKind::Criterion, start)
            });
            self.item.holes.push((start, at));
            self.item.criteria.push(self.pieces.len() - 1);
            self.criterion_balanced = self.depth <= 1;
        }
    }

    fn end_item(&mut self, at: usize) {
        self.end_criterion(at);
        let mut item = std::mem::replace(&mut self.item, Piece::new(PieceKind::Item, at));
        item.end = at;
        // A theme left open although its last criterion closed its own
        // braces really misses its `}`; otherwise the criterion took it.
        item.left_open = self.theme == ThemeState::Open;
        item.doubtful = item.left_open && !self.criterion_balanced;
        self.pieces.push(item);
        self.theme = ThemeState::NotTheme;
        self.depth = 0;
        self.criterion_balanced = true;
        self.item_open = None;
    }
}

/// Whether `theme` ending at `end` is followed by `ID "title" {`: a theme,
/// not a scoring rule (`theme passes when`, `theme ID passes when`).
fn looks_like_theme(source: &str, end: usize) -> bool {
    let (id, rest) = leading_word(source.get(end..).unwrap_or(""));
    let title = rest.trim_start();
    !id.is_empty()
        && title.starts_with('"')
        && title
            .get(text_len(title)..)
            .is_some_and(|after| after.trim_start_matches([' ', '\t']).starts_with('{'))
}

/// Whether `theme` ending at `end` starts a rule of `scoring`:
/// `theme passes when ...` or `theme ID passes when ...`.
fn is_theme_rule(source: &str, end: usize) -> bool {
    let (first, rest) = leading_word(source.get(end..).unwrap_or(""));
    first == "passes" || (!first.is_empty() && leading_word(rest).0 == "passes")
}

/// The word (letters, digits, `_`) after the blanks that start `text`, and
/// what follows it.
fn leading_word(text: &str) -> (&str, &str) {
    let text = text.trim_start();
    let len = text
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '_'))
        .map_or(text.len(), |(i, _)| i);
    (text.get(..len).unwrap_or(""), text.get(len..).unwrap_or(""))
}

/// Every `{` that no `}` closes, outside texts and comments.
fn unclosed_braces(source: &str) -> BTreeSet<usize> {
    let mut open = Vec::new();
    for (at, c) in brackets(source) {
        match c {
            '{' => open.push(at),
            '}' => {
                open.pop();
            }
            _ => {}
        }
    }
    open.into_iter().collect()
}

/// Cuts a file into its header, its top-level items and its criteria.
fn cut(source: &str) -> Vec<Piece> {
    let mut cutter = Cutter {
        pieces: Vec::new(),
        item: Piece::new(PieceKind::Header, 0),
        theme: ThemeState::NotTheme,
        criterion: None,
        depth: 0,
        criterion_balanced: true,
        item_open: None,
        unclosed: unclosed_braces(source),
    };
    let mut line_has_token = false;
    let mut at = 0;
    while let Some(c) = source.get(at..).and_then(|rest| rest.chars().next()) {
        let rest = source.get(at..).unwrap_or("");
        let mut len = c.len_utf8();
        match c {
            '\n' => line_has_token = false,
            '\u{FEFF}' => {}
            c if c.is_whitespace() => {}
            '/' if rest.starts_with("//") => len = rest.find('\n').unwrap_or(rest.len()),
            '"' => {
                line_has_token = true;
                len = text_len(rest);
            }
            '{' => {
                line_has_token = true;
                cutter.open(at);
            }
            '}' => {
                line_has_token = true;
                cutter.close(at);
            }
            c if c.is_ascii_alphanumeric() || c == '_' => {
                len = rest
                    .char_indices()
                    .find(|(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '.')))
                    .map_or(rest.len(), |(i, _)| i);
                let word = rest.get(..len).unwrap_or("");
                cutter.word(source, at, word, !line_has_token);
                line_has_token = true;
            }
            _ => line_has_token = true,
        }
        at += len.max(1);
    }
    cutter.end_item(source.len());
    cutter.pieces
}

/// The length of the text that starts `rest` (at its `"`): up to its closing
/// quote, or up to the end of the line when it is never closed.
fn text_len(rest: &str) -> usize {
    let mut escaped = false;
    for (i, c) in rest.char_indices().skip(1) {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == '"' {
            return i + 1;
        } else if c == '\n' {
            return i;
        }
    }
    rest.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pieces of `source`, each as its kind and its trimmed text with
    /// its holes (a theme's criteria) shown as `..`.
    fn pieces(source: &str) -> Vec<(PieceKind, String)> {
        cut(source)
            .iter()
            .map(|p| {
                let mut parts = Vec::new();
                let mut at = p.start;
                for &(start, end) in &p.holes {
                    parts.push(source[at..start].trim());
                    parts.push("..");
                    at = end;
                }
                parts.push(source[at..p.end].trim());
                parts.retain(|part| !part.is_empty());
                (p.kind, parts.join(" "))
            })
            .collect()
    }

    use PieceKind::{Criterion as C, Header as H, Item as I};

    #[test]
    fn a_file_is_cut_into_its_header_items_and_criteria() {
        let source = "framework f \"F\" version \"1\"\n\
                      evidence { a : bool }\n\
                      define d = a\n\
                      theme t \"T\" {\n  criterion A \"A\" { require a }\n  criterion B \"B\" { require d }\n}\n\
                      scoring { theme passes when all mandatory pass }\n";
        assert_eq!(
            pieces(source),
            [
                (H, "framework f \"F\" version \"1\"".to_string()),
                (I, "evidence { a : bool }".to_string()),
                (I, "define d = a".to_string()),
                (C, "criterion A \"A\" { require a }".to_string()),
                (C, "criterion B \"B\" { require d }".to_string()),
                (I, "theme t \"T\" { .. .. }".to_string()),
                (
                    I,
                    "scoring { theme passes when all mandatory pass }".to_string()
                ),
            ]
        );
    }

    /// Regression guard: a `{` in a text or a comment, or a keyword in a
    /// path or a text, cuts nothing.
    #[test]
    fn texts_comments_and_paths_cut_nothing() {
        let source = "theme t \"T {\" {\n  // criterion { theme\n  criterion A \"criterion {\" { require x.criterion }\n}\n";
        assert_eq!(
            pieces(source),
            [
                (H, String::new()),
                (
                    C,
                    "criterion A \"criterion {\" { require x.criterion }".to_string()
                ),
                (
                    I,
                    "theme t \"T {\" {\n  // criterion { theme .. }".to_string()
                ),
            ]
        );
    }

    #[test]
    fn a_missing_brace_ends_a_piece_at_the_next_line_that_starts_one() {
        let source = "theme t \"T\" {\n  criterion A \"A\" {\n    require a\n  criterion B \"B\" { require b }\n}\ntheme u \"U\" {\n}\n";
        assert_eq!(
            pieces(source),
            [
                (H, String::new()),
                (C, "criterion A \"A\" {\n    require a".to_string()),
                (C, "criterion B \"B\" { require b }".to_string()),
                (I, "theme t \"T\" { .. .. }".to_string()),
                (I, "theme u \"U\" {\n}".to_string()),
            ]
        );
    }

    /// When the braces add up, a keyword at the start of a line inside a
    /// block is a slip of its own, not the start of the next piece.
    #[test]
    fn a_keyword_in_a_closed_block_cuts_nothing() {
        let source =
            "theme t \"T\" {\n  criterion A \"A\" {\n    criterion\n    require a\n  }\n}\n";
        assert_eq!(
            pieces(source),
            [
                (H, String::new()),
                (
                    C,
                    "criterion A \"A\" {\n    criterion\n    require a\n  }".to_string()
                ),
                (I, "theme t \"T\" { .. }".to_string()),
            ]
        );
    }

    #[test]
    fn the_theme_rules_of_scoring_are_no_themes() {
        let source = "scoring {\n  theme passes when all mandatory pass\n  theme t passes when score >= 60%\n}\n";
        assert_eq!(
            pieces(source),
            [(H, String::new()), (I, source.trim().to_string())]
        );
    }

    /// A criterion after its theme's `}` means the `}` came too early: the
    /// criterion before runs on to it, and the theme takes the rest.
    #[test]
    fn a_stray_brace_does_not_end_the_theme() {
        let source = "theme t \"T\" {\n  criterion A \"A\" { require a }}\n  criterion B \"B\" { require b }\n}\n";
        let found = cut(source);
        assert_eq!(
            pieces(source),
            [
                (H, String::new()),
                (C, "criterion A \"A\" { require a }}".to_string()),
                (C, "criterion B \"B\" { require b }".to_string()),
                (I, "theme t \"T\" { .. .. }".to_string()),
            ]
        );
        assert!(found[1].overrun && !found[2].overrun);
    }
}
