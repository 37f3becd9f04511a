//! A direct reader for files that parse: the grammar of
//! `grammar/kader.pest`, rule for rule, read in one pass straight into the
//! syntax tree, without pest's pairs and their lowering.
//!
//! It is the fast path of [`super::parse`], and it only ever answers for a
//! file that is wholly sound: the same tree, spans included, that pest and
//! the lowering in `parse.rs` build. At the first sign of anything else (a
//! syntax error, a bad escape, a number too large, a condition too deep) it
//! gives up, and pest reads the file again to report it in the usual words.
//! So pest stays the reference for every diagnostic, and this reader can
//! never change what an author sees.
//!
//! Each function here is the rule of the same name in the grammar, with the
//! semantics of a PEG: alternatives in order, the first that matches wins;
//! repetitions greedy; a failed rule leaves the position where it was.
//! Blanks and comments are skipped before every token, as pest does between
//! the parts of a non-atomic rule. A rule's span runs from its first token to
//! the end of its last one, as `span_of` trims pest's spans in `parse.rs`.

use std::str::FromStr;

use jiff::civil::Date;
use rust_decimal::Decimal;

use super::ast::*;
use super::parse::{declares_extends, MAX_CHAIN, MAX_DEPTH, MAX_NESTING};

/// The syntax tree of `source` when it parses without any diagnostic, or
/// `None` when pest must read it (to report what is wrong, or because the
/// file is unusual in a way this reader does not take on).
pub(super) fn parse(source: &str) -> Option<File> {
    let mut reader = Reader {
        src: source,
        bytes: source.as_bytes(),
        pos: 0,
        end: 0,
        gave_up: false,
        layered: None,
        nesting: 0,
    };
    let file = reader.file();
    if reader.gave_up {
        return None;
    }
    file
}

/// The words of `keyword` in the grammar: no `ident` may be one of them.
const KEYWORDS: [&str; 33] = [
    "and",
    "or",
    "not",
    "in",
    "within",
    "before",
    "after",
    "when",
    "else",
    "otherwise",
    "true",
    "false",
    "present",
    "count",
    "require",
    "applies",
    "score",
    "weight",
    "mandatory",
    "legal",
    "owner",
    "guidance",
    "criterion",
    "theme",
    "define",
    "evidence",
    "scoring",
    "framework",
    "version",
    "passes",
    "extends",
    "tighten",
    "remove",
];

/// The alternatives of `unit`, in the grammar's order.
const UNITS: [&str; 8] = [
    "months", "month", "days", "day", "weeks", "week", "years", "year",
];

/// The alternatives of `scalar_type`, in the grammar's order.
const SCALARS: [&str; 6] = ["bool", "int", "number", "percent", "date", "text"];

/// Whether a word matches `(w1 | w2 | ...) ~ !ident_char`: the first of
/// `words` that starts it must be all of it (pest takes the first
/// alternative that matches and never goes back for a longer one).
fn literal_word<'w>(word: &str, words: &[&'w str]) -> Option<&'w str> {
    let first = word.bytes().next()?;
    words
        .iter()
        .filter(|w| w.as_bytes().first() == Some(&first))
        .find(|w| word.starts_with(**w))
        .filter(|w| w.len() == word.len())
        .copied()
}

fn is_ident_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// A rule that reads an expression and the depth of its tree.
type Operand<'a> = fn(&mut Reader<'a>) -> Option<(Expr, usize)>;

/// A position to go back to: where the reader is, and where the last token
/// it took ends.
#[derive(Clone, Copy)]
struct Mark {
    pos: usize,
    end: usize,
}

struct Reader<'a> {
    src: &'a str,
    bytes: &'a [u8],
    /// Where reading goes on.
    pos: usize,
    /// The end of the last token taken: where the rule being read ends.
    end: usize,
    /// Set when the file is one for pest to read: whatever is built after
    /// that is thrown away.
    gave_up: bool,
    /// Whether the file declares `extends`, once asked.
    layered: Option<bool>,
    /// How many atoms that hold an expression are open.
    nesting: usize,
}

impl<'a> Reader<'a> {
    // ------------------------------------------------------------ machinery

    /// Leaves the file to pest. Returns `None` so that a caller can write
    /// `return self.give_up()`.
    fn give_up<T>(&mut self) -> Option<T> {
        self.gave_up = true;
        None
    }

    fn mark(&self) -> Mark {
        Mark {
            pos: self.pos,
            end: self.end,
        }
    }

    fn reset(&mut self, mark: Mark) {
        self.pos = mark.pos;
        self.end = mark.end;
    }

    /// Runs a rule; when it does not match, the position is as before.
    fn attempt<T>(&mut self, rule: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        let mark = self.mark();
        let result = rule(self);
        if result.is_none() {
            self.reset(mark);
        }
        result
    }

    /// `rule*`: every match in a row, stopping before the first that fails.
    fn repeat<T>(&mut self, mut rule: impl FnMut(&mut Self) -> Option<T>) -> Vec<T> {
        let mut found = Vec::new();
        while let Some(item) = self.attempt(&mut rule) {
            if self.gave_up {
                break;
            }
            found.push(item);
        }
        found
    }

    /// Blanks and comments (`WHITESPACE` and `COMMENT`), which pest skips
    /// between the parts of a rule. A byte order mark is blank to pest but
    /// not to `span_of`; one anywhere but at the very start is left to pest.
    fn skip(&mut self) {
        loop {
            match self.bytes.get(self.pos) {
                Some(b' ' | b'\t' | b'\r' | b'\n') => self.pos += 1,
                Some(b'/') if self.bytes.get(self.pos + 1) == Some(&b'/') => {
                    let rest = self.bytes.get(self.pos..).unwrap_or_default();
                    self.pos += rest.iter().position(|b| *b == b'\n').unwrap_or(rest.len());
                }
                Some(0xEF)
                    if self
                        .src
                        .get(self.pos..)
                        .is_some_and(|r| r.starts_with('\u{FEFF}')) =>
                {
                    if self.pos > 0 {
                        self.gave_up = true;
                    }
                    self.pos += '\u{FEFF}'.len_utf8();
                }
                _ => return,
            }
        }
    }

    /// Skips blanks and returns where the next token starts.
    fn start(&mut self) -> usize {
        self.skip();
        self.pos
    }

    /// Takes the token that runs from the current position to `to`.
    fn take(&mut self, to: usize) -> Span {
        let span = Span::new(self.pos, to);
        self.pos = to;
        self.end = to;
        span
    }

    /// The span of a rule that started at `start` and has just been read.
    fn since(&self, start: usize) -> Span {
        Span::new(start, self.end)
    }

    fn byte(&self, at: usize) -> Option<u8> {
        self.bytes.get(at).copied()
    }

    /// Where the run of `ident_char`s that starts at `at` ends.
    fn word_end(&self, at: usize) -> usize {
        let rest = self.bytes.get(at..).unwrap_or_default();
        at + rest
            .iter()
            .position(|b| !is_ident_char(*b))
            .unwrap_or(rest.len())
    }

    /// The run of `ident_char`s at the next token.
    fn word(&mut self) -> (usize, &'a str) {
        let start = self.start();
        let end = self.word_end(start);
        (end, self.src.get(start..end).unwrap_or_default())
    }

    /// A keyword token (`kw_require` and friends): the word followed by no
    /// `ident_char`.
    fn kw(&mut self, keyword: &str) -> Option<Span> {
        let (end, word) = self.word();
        (word == keyword).then(|| self.take(end))
    }

    /// A punctuation token of one or two bytes.
    fn punct(&mut self, token: &str) -> Option<Span> {
        let start = self.start();
        let rest = self.src.get(start..).unwrap_or_default();
        rest.starts_with(token)
            .then(|| self.take(start + token.len()))
    }

    // ------------------------------------------------------------ tokens

    /// `ident`: not a keyword, a letter or `_`, then word characters.
    fn ident(&mut self) -> Option<Name> {
        let (end, word) = self.word();
        let first = word.bytes().next()?;
        if !(first.is_ascii_alphabetic() || first == b'_') {
            return None;
        }
        if literal_word(word, &KEYWORDS).is_some() {
            return None;
        }
        let span = self.take(end);
        Some(Node::new(word.to_string(), span))
    }

    /// `path`: an ident, then `.segment`s.
    fn path(&mut self) -> Option<Name> {
        let first = self.ident()?;
        let start = first.span.start;
        let mut end = first.span.end;
        while self.byte(end) == Some(b'.')
            && self
                .byte(end + 1)
                .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        {
            end = self.word_end(end + 1);
        }
        if end == first.span.end {
            return Some(first);
        }
        self.pos = end;
        self.end = end;
        let text = self.src.get(start..end)?;
        Some(Node::new(text.to_string(), Span::new(start, end)))
    }

    /// Where the digits that start at `at` end (`at` when there are none).
    fn digits_end(&self, at: usize) -> usize {
        let rest = self.bytes.get(at..).unwrap_or_default();
        at + rest
            .iter()
            .position(|b| !b.is_ascii_digit())
            .unwrap_or(rest.len())
    }

    /// `decimal` at `at`: where it ends.
    fn decimal_end(&self, at: usize) -> Option<usize> {
        let end = self.digits_end(at);
        if end == at {
            return None;
        }
        if self.byte(end) == Some(b'.') {
            let fraction = self.digits_end(end + 1);
            if fraction > end + 1 {
                return Some(fraction);
            }
        }
        Some(end)
    }

    /// `integer`: digits not followed by a word character or `.`.
    fn integer(&mut self) -> Option<Node<u64>> {
        let start = self.start();
        let end = self.digits_end(start);
        if end == start {
            return None;
        }
        if self
            .byte(end)
            .is_some_and(|b| is_ident_char(b) || b == b'.')
        {
            return None;
        }
        let text = self.src.get(start..end)?;
        let span = self.take(end);
        match text.parse::<u64>() {
            Ok(value) => Some(Node::new(value, span)),
            Err(_) => self.give_up(),
        }
    }

    /// The amount of a period, as `period_amount` in `parse.rs` takes it.
    fn period_amount(&mut self, amount: u64) -> Option<u32> {
        match u32::try_from(amount) {
            Ok(v) if v <= 100_000 => Some(v),
            _ => self.give_up(),
        }
    }

    /// `unit`.
    fn unit(&mut self) -> Option<Unit> {
        let (end, word) = self.word();
        let unit = match literal_word(word, &UNITS)? {
            "day" | "days" => Unit::Days,
            "week" | "weeks" => Unit::Weeks,
            "month" | "months" => Unit::Months,
            _ => Unit::Years,
        };
        self.take(end);
        Some(unit)
    }

    /// A `string` token: from its `"` to the closing one, escapes left as
    /// they are (`\` and any one character).
    fn string_token(&mut self) -> Option<(Span, &'a str)> {
        let start = self.start();
        if self.byte(start) != Some(b'"') {
            return None;
        }
        let mut at = start + 1;
        // Most texts hold no escape and no line break: up to the next quote
        // (`str::find` with a `char` is a fast byte search).
        let body = self.src.get(at..)?;
        if let Some(quote) = body.find('"') {
            let plain = body.get(..quote)?;
            if !plain.contains('\\') && !plain.contains('\n') {
                return Some((self.take(at + quote + 1), plain));
            }
        }
        loop {
            match self.byte(at)? {
                b'"' => break,
                b'\n' => return None,
                b'\\' => {
                    let next = self.src.get(at + 1..)?.chars().next()?;
                    at += 1 + next.len_utf8();
                }
                _ => at += 1,
            }
        }
        let raw = self.src.get(start + 1..at)?;
        Some((self.take(at + 1), raw))
    }

    /// A `string` as a text: its escapes resolved.
    fn string(&mut self) -> Option<Node<String>> {
        let (span, raw) = self.string_token()?;
        if !raw.contains('\\') {
            return Some(Node::new(raw.to_string(), span));
        }
        let mut out = String::with_capacity(raw.len());
        let mut chars = raw.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            match chars.next() {
                Some('"') => out.push('"'),
                Some('\\') => out.push('\\'),
                Some('n') => out.push('\n'),
                Some('{') => out.push('{'),
                Some('}') => out.push('}'),
                _ => return self.give_up(),
            }
        }
        Some(Node::new(out, span))
    }

    /// A `string` as a message: literal pieces and `{path}` placeholders.
    fn template(&mut self) -> Option<Node<Template>> {
        let (span, raw) = self.string_token()?;
        let base = span.start + 1;
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut chars = raw.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some((_, 'n')) => literal.push('\n'),
                    Some((_, e @ ('"' | '\\' | '{' | '}'))) => literal.push(e),
                    _ => return self.give_up(),
                },
                '{' => {
                    let mut path = String::new();
                    let mut closed = None;
                    for (j, d) in chars.by_ref() {
                        if d == '}' {
                            closed = Some(j);
                            break;
                        }
                        path.push(d);
                    }
                    let Some(j) = closed else {
                        return self.give_up();
                    };
                    if !literal.is_empty() {
                        parts.push(TemplatePart::Literal(std::mem::take(&mut literal)));
                    }
                    parts.push(TemplatePart::Placeholder(Node::new(
                        path.trim().to_string(),
                        Span::new(base + i + 1, base + j),
                    )));
                }
                '}' => return self.give_up(),
                c => literal.push(c),
            }
        }
        if !literal.is_empty() {
            parts.push(TemplatePart::Literal(literal));
        }
        Some(Node::new(Template { parts }, span))
    }

    // ------------------------------------------------------------ file

    fn file(&mut self) -> Option<File> {
        let header = self.header()?;
        let items = self.repeat(Self::item);
        self.skip();
        if self.pos != self.bytes.len() {
            return None;
        }
        Some(File { header, items })
    }

    fn header(&mut self) -> Option<Header> {
        self.kw("framework")?;
        let id = self.ident()?;
        let title = self.string()?;
        self.kw("version")?;
        let version = self.string()?;
        let mut header = Header {
            id,
            title,
            version,
            language: None,
            validity: None,
            extends: None,
        };
        loop {
            let found = self.attempt(|r| {
                let start = r.start();
                if let Some(extends) = r.attempt(|r| {
                    r.kw("extends")?;
                    let id = r.ident()?;
                    r.kw("version")?;
                    let version = r.string()?;
                    Some(Extends {
                        id,
                        version,
                        span: r.since(start),
                    })
                }) {
                    if header.extends.is_some() {
                        return r.give_up();
                    }
                    header.extends = Some(extends);
                    return Some(());
                }
                if let Some(language) = r.attempt(|r| {
                    r.kw("language")?;
                    r.ident()
                }) {
                    if header.language.is_some() {
                        return r.give_up();
                    }
                    header.language = Some(language);
                    return Some(());
                }
                let (amount, unit) = r.attempt(|r| {
                    r.kw("validity")?;
                    let amount = r.integer()?;
                    let unit = r.unit()?;
                    Some((amount, unit))
                })?;
                if header.validity.is_some() {
                    return r.give_up();
                }
                let amount = r.period_amount(amount.node)?;
                header.validity = Some(Node::new(Period { amount, unit }, r.since(start)));
                Some(())
            });
            if found.is_none() || self.gave_up {
                break;
            }
        }
        Some(header)
    }

    fn item(&mut self) -> Option<Item> {
        let start = self.start();
        let (_, word) = self.word();
        // The alternatives of `item` each start with their own keyword, so
        // the first word picks the one that can match.
        self.attempt(|r| match word {
            "evidence" => {
                r.kw("evidence")?;
                r.punct("{")?;
                let decls = r.repeat(Self::evidence_decl);
                r.punct("}")?;
                Some(Item::Evidence(Node::new(decls, r.since(start))))
            }
            "define" => {
                r.kw("define")?;
                let name = r.ident()?;
                r.punct("=")?;
                let expr = r.expr()?;
                Some(Item::Define(Define {
                    name,
                    expr,
                    span: r.since(start),
                }))
            }
            "theme" => r.theme(start).map(Item::Theme),
            "tighten" => {
                r.kw("tighten")?;
                let id = r.ident()?;
                r.punct("{")?;
                let attrs = r.repeat(Self::attr);
                r.punct("}")?;
                Some(Item::Tighten(Tighten {
                    id,
                    attrs,
                    span: r.since(start),
                }))
            }
            "remove" => {
                r.kw("remove")?;
                let id = r.ident()?;
                Some(Item::Remove(Node::new(id, r.since(start))))
            }
            "scoring" => {
                r.kw("scoring")?;
                r.punct("{")?;
                let rules = r.repeat(Self::scoring_rule);
                r.punct("}")?;
                Some(Item::Scoring(Node::new(rules, r.since(start))))
            }
            _ => None,
        })
    }

    fn evidence_decl(&mut self) -> Option<EvidenceDecl> {
        let path = self.path()?;
        self.punct(":")?;
        let ty = self.type_expr()?;
        let label = self.attempt(Self::string);
        Some(EvidenceDecl { path, ty, label })
    }

    fn type_expr(&mut self) -> Option<Node<TypeExpr>> {
        let start = self.start();
        let list = self.attempt(|r| {
            r.kw("list")?;
            r.punct("<")?;
            let element = r.type_expr()?;
            r.punct(">")?;
            Some(TypeExpr::List(Box::new(element)))
        });
        let ty = match list {
            Some(ty) => ty,
            None => match self.attempt(|r| {
                r.kw("enum")?;
                r.punct("(")?;
                let mut members = vec![r.ident()?];
                members.extend(r.repeat(|r| {
                    r.punct(",")?;
                    r.ident()
                }));
                r.attempt(|r| r.punct(","));
                r.punct(")")?;
                Some(TypeExpr::Enum(members))
            }) {
                Some(ty) => ty,
                None => {
                    let (end, word) = self.word();
                    let ty = match literal_word(word, &SCALARS)? {
                        "bool" => TypeExpr::Bool,
                        "int" => TypeExpr::Int,
                        "number" => TypeExpr::Number,
                        "percent" => TypeExpr::Percent,
                        "date" => TypeExpr::Date,
                        _ => TypeExpr::Text,
                    };
                    self.take(end);
                    ty
                }
            },
        };
        Some(Node::new(ty, self.since(start)))
    }

    fn theme(&mut self, start: usize) -> Option<Theme> {
        self.kw("theme")?;
        let id = self.ident()?;
        let title = self.attempt(Self::string);
        self.punct("{")?;
        let criteria = self.repeat(Self::criterion);
        self.punct("}")?;
        if title.is_none() && !self.layered() {
            // Only a layer leaves out a theme's title: pest says so.
            return self.give_up();
        }
        Some(Theme {
            id,
            title,
            criteria,
            span: self.since(start),
        })
    }

    fn layered(&mut self) -> bool {
        *self
            .layered
            .get_or_insert_with(|| declares_extends(self.src))
    }

    fn criterion(&mut self) -> Option<Criterion> {
        let start = self.start();
        self.kw("criterion")?;
        let id = self.ident()?;
        let title = self.string()?;
        self.punct("{")?;
        let attrs = self.repeat(Self::attr);
        self.punct("}")?;
        Some(Criterion {
            id,
            title,
            attrs,
            span: self.since(start),
        })
    }

    /// `criterion_attr`: each alternative starts with its own keyword.
    fn attr(&mut self) -> Option<Node<Attr>> {
        let start = self.start();
        let (_, word) = self.word();
        let attr = self.attempt(|r| match word {
            "mandatory" => r.kw("mandatory").map(|_| Attr::Mandatory),
            "weight" => {
                r.kw("weight")?;
                r.integer().map(Attr::Weight)
            }
            "legal" => {
                r.kw("legal")?;
                r.string().map(Attr::Legal)
            }
            "owner" => {
                r.kw("owner")?;
                r.ident().map(Attr::Owner)
            }
            "applies" => {
                r.kw("applies")?;
                r.kw("when")?;
                r.expr().map(Attr::Applies)
            }
            "require" => {
                r.kw("require")?;
                let condition = r.expr()?;
                let message = r.attempt(|r| {
                    r.kw("else")?;
                    r.template()
                });
                Some(Attr::Require(Requirement { condition, message }))
            }
            "score" => {
                r.kw("score")?;
                r.punct("{")?;
                let levels = r.repeat(|r| {
                    let level = r.integer()?;
                    r.kw("when")?;
                    let condition = r.expr()?;
                    Some(Level { level, condition })
                });
                let otherwise = r.attempt(|r| {
                    let level = r.integer()?;
                    r.kw("otherwise")?;
                    Some(Node::new(level.node, r.since(level.span.start)))
                });
                r.punct("}")?;
                Some(Attr::Score(ScoreBlock { levels, otherwise }))
            }
            "guidance" => {
                r.kw("guidance")?;
                r.string().map(Attr::Guidance)
            }
            _ => None,
        })?;
        Some(Node::new(attr, self.since(start)))
    }

    /// `scoring_rule`: `theme_rule | certified_rule`.
    fn scoring_rule(&mut self) -> Option<ScoringRule> {
        let start = self.start();
        let theme_rule = self.attempt(|r| {
            r.kw("theme")?;
            let theme = r.attempt(Self::ident);
            r.kw("passes")?;
            r.kw("when")?;
            let mut conditions = vec![r.theme_condition()?];
            conditions.extend(r.repeat(|r| {
                r.kw("and")?;
                r.theme_condition()
            }));
            Some(ScoringRule::ThemePasses {
                theme,
                conditions,
                span: r.since(start),
            })
        });
        if theme_rule.is_some() {
            return theme_rule;
        }
        self.attempt(|r| {
            r.kw("certified")?;
            r.kw("when")?;
            r.kw("all")?;
            r.kw("themes")?;
            r.kw("pass")?;
            Some(ScoringRule::CertifiedWhenAllThemesPass(r.since(start)))
        })
    }

    /// `theme_cond`: `all_mandatory | score_at_least`.
    fn theme_condition(&mut self) -> Option<Node<ThemeCondition>> {
        let start = self.start();
        let all = self.attempt(|r| {
            r.kw("all")?;
            r.kw("mandatory")?;
            r.kw("pass")?;
            Some(ThemeCondition::AllMandatoryPass)
        });
        let condition = match all {
            Some(condition) => condition,
            None => self.attempt(|r| {
                r.kw("score")?;
                r.punct(">=")?;
                let (value, _) = r.percent()?;
                Some(ThemeCondition::ScoreAtLeast(value))
            })?,
        };
        Some(Node::new(condition, self.since(start)))
    }

    // ------------------------------------------------------------ expressions

    /// `expr`: an expression, without its depth.
    fn expr(&mut self) -> Option<Expr> {
        self.deep_expr().map(|(expr, _)| expr)
    }

    /// `expr` and the depth of its tree (see `MAX_DEPTH`).
    fn deep_expr(&mut self) -> Option<(Expr, usize)> {
        self.logic(LogicOp::Or)
    }

    /// One level deeper than `depth`; too deep is pest's to report.
    fn deeper(&mut self, depth: usize) -> Option<usize> {
        if depth >= MAX_DEPTH {
            return self.give_up();
        }
        Some(depth + 1)
    }

    /// `or_expr` (of `and_expr`s) or `and_expr` (of `not_expr`s).
    fn logic(&mut self, op: LogicOp) -> Option<(Expr, usize)> {
        let start = self.start();
        let (keyword, operand): (&str, Operand<'a>) = match op {
            LogicOp::Or => ("or", |r| r.logic(LogicOp::And)),
            LogicOp::And => ("and", Self::not_expr),
        };
        let (first, mut depth) = operand(self)?;
        let rest = self.repeat(|r| {
            r.kw(keyword)?;
            operand(r)
        });
        if rest.is_empty() {
            return Some((first, depth));
        }
        if rest.len() + 1 > MAX_CHAIN {
            return self.give_up();
        }
        let mut operands = Vec::with_capacity(rest.len() + 1);
        operands.push(first);
        for (operand, d) in rest {
            operands.push(operand);
            depth = depth.max(d);
        }
        let span = self.since(start);
        let depth = self.deeper(depth)?;
        Some((Node::new(ExprKind::Logic(op, operands), span), depth))
    }

    /// `not_expr`: `not`s, then a test.
    fn not_expr(&mut self) -> Option<(Expr, usize)> {
        self.attempt(|r| {
            let nots = r.repeat(|r| r.kw("not"));
            let (mut expr, mut depth) = r.test()?;
            for not_span in nots.into_iter().rev() {
                let whole = not_span.to(expr.span);
                depth = r.deeper(depth)?;
                expr = Node::new(ExprKind::Not(Box::new(expr)), whole);
            }
            Some((expr, depth))
        })
    }

    /// `test`: a value with an optional comparison, window or membership.
    fn test(&mut self) -> Option<(Expr, usize)> {
        let start = self.start();
        let (subject, subject_depth) = self.sum()?;
        if let Some((op, rhs, rhs_depth)) = self.attempt(Self::compare) {
            let span = self.since(start);
            let depth = self.deeper(subject_depth.max(rhs_depth))?;
            let expr = ExprKind::Compare(op, Box::new(subject), Box::new(rhs));
            return Some((Node::new(expr, span), depth));
        }
        match self.filter(false) {
            Some((filter, filter_depth)) => {
                let span = self.since(start);
                let depth = self.deeper(subject_depth.max(filter_depth))?;
                let expr = ExprKind::Test(Box::new(subject), Box::new(filter));
                Some((Node::new(expr, span), depth))
            }
            None => Some((subject, subject_depth)),
        }
    }

    /// `compare`: an operator and a sum.
    fn compare(&mut self) -> Option<(CompareOp, Expr, usize)> {
        let start = self.start();
        let rest = self.bytes.get(start..).unwrap_or_default();
        let (op, len) = match rest {
            [b'>', b'=', ..] => (CompareOp::Ge, 2),
            [b'<', b'=', ..] => (CompareOp::Le, 2),
            [b'=', b'=', ..] => (CompareOp::Eq, 2),
            [b'!', b'=', ..] => (CompareOp::Ne, 2),
            [b'>', ..] => (CompareOp::Gt, 1),
            [b'<', ..] => (CompareOp::Lt, 1),
            _ => return None,
        };
        self.take(start + len);
        let (rhs, depth) = self.sum()?;
        Some((op, rhs, depth))
    }

    /// A window, bound or membership; with `compare` too (last) inside
    /// `count`, as `count_filter` has it.
    fn filter(&mut self, with_compare: bool) -> Option<(Node<Filter>, usize)> {
        let start = self.start();
        let found = self
            .attempt(|r| {
                r.kw("within")?;
                let amount = r.integer()?;
                let unit = r.unit()?;
                let amount = r.period_amount(amount.node)?;
                Some((Filter::Within(Period { amount, unit }), 0))
            })
            .or_else(|| {
                self.attempt(|r| {
                    r.kw("before")?;
                    let (bound, depth) = r.sum()?;
                    Some((Filter::Before(bound), depth))
                })
            })
            .or_else(|| {
                self.attempt(|r| {
                    r.kw("after")?;
                    let (bound, depth) = r.sum()?;
                    Some((Filter::After(bound), depth))
                })
            })
            .or_else(|| {
                self.attempt(|r| {
                    r.kw("not")?;
                    r.kw("in")?;
                    r.set(true)
                })
            })
            .or_else(|| {
                self.attempt(|r| {
                    r.kw("in")?;
                    r.set(false)
                })
            })
            .or_else(|| {
                if !with_compare {
                    return None;
                }
                let (op, rhs, depth) = self.attempt(Self::compare)?;
                Some((Filter::Compare(op, rhs), depth))
            })?;
        let (filter, depth) = found;
        Some((Node::new(filter, self.since(start)), depth))
    }

    /// `set` after `in`: `{ sum, sum, ... }`.
    fn set(&mut self, negated: bool) -> Option<(Filter, usize)> {
        self.punct("{")?;
        let mut set = Vec::new();
        let mut depth = 0;
        let members = self.attempt(|r| {
            let mut members = vec![r.sum()?];
            members.extend(r.repeat(|r| {
                r.punct(",")?;
                r.sum()
            }));
            r.attempt(|r| r.punct(","));
            Some(members)
        });
        for (member, d) in members.unwrap_or_default() {
            set.push(member);
            depth = depth.max(d);
        }
        self.punct("}")?;
        Some((Filter::In { negated, set }, depth))
    }

    /// `sum` (of `product`s) or `product` (of `unary`s), left to right.
    fn arith(&mut self, ops: [(u8, ArithOp); 2], operand: Operand<'a>) -> Option<(Expr, usize)> {
        let [(first, first_op), (second, second_op)] = ops;
        let (mut acc, mut depth) = operand(self)?;
        let mut operands = 1;
        loop {
            let mark = self.mark();
            let start = self.start();
            let op = match self.byte(start) {
                Some(b) if b == first => first_op,
                Some(b) if b == second => second_op,
                _ => {
                    self.reset(mark);
                    break;
                }
            };
            self.take(start + 1);
            let Some((rhs, rhs_depth)) = operand(self) else {
                self.reset(mark);
                break;
            };
            if self.gave_up {
                return None;
            }
            operands += 1;
            if operands > MAX_CHAIN {
                return self.give_up();
            }
            let whole = acc.span.to(rhs.span);
            depth = self.deeper(depth.max(rhs_depth))?;
            acc = Node::new(ExprKind::Arith(op, Box::new(acc), Box::new(rhs)), whole);
        }
        Some((acc, depth))
    }

    fn sum(&mut self) -> Option<(Expr, usize)> {
        self.arith([(b'+', ArithOp::Add), (b'-', ArithOp::Sub)], Self::product)
    }

    fn product(&mut self) -> Option<(Expr, usize)> {
        self.arith([(b'*', ArithOp::Mul), (b'/', ArithOp::Div)], Self::unary)
    }

    /// `unary`: `-`s, then an atom.
    fn unary(&mut self) -> Option<(Expr, usize)> {
        self.attempt(|r| {
            let negs = r.repeat(|r| r.punct("-"));
            let (mut expr, mut depth) = r.atom()?;
            for neg_span in negs.into_iter().rev() {
                let whole = neg_span.to(expr.span);
                depth = r.deeper(depth)?;
                expr = Node::new(ExprKind::Neg(Box::new(expr)), whole);
            }
            Some((expr, depth))
        })
    }

    /// `percent` at the next token: its value (a fraction) and span.
    fn percent(&mut self) -> Option<(Decimal, Span)> {
        let start = self.start();
        let end = self.decimal_end(start)?;
        if self.byte(end) != Some(b'%') {
            return None;
        }
        let text = self.src.get(start..end)?;
        let span = self.take(end + 1);
        match Decimal::from_str_exact(text)
            .ok()
            .and_then(|d| d.checked_div(Decimal::ONE_HUNDRED))
        {
            Some(value) => Some((value, span)),
            None => self.give_up(),
        }
    }

    /// `date` at the next token.
    fn date(&mut self) -> Option<(Date, Span)> {
        let start = self.start();
        let shape = [4, 2, 2];
        let mut at = start;
        for (i, len) in shape.into_iter().enumerate() {
            if i > 0 {
                if self.byte(at) != Some(b'-') {
                    return None;
                }
                at += 1;
            }
            let digits = self.bytes.get(at..at + len)?;
            if !digits.iter().all(u8::is_ascii_digit) {
                return None;
            }
            at += len;
        }
        if self.byte(at).is_some_and(is_ident_char) {
            return None;
        }
        let text = self.src.get(start..at)?;
        let span = self.take(at);
        match Date::from_str(text) {
            Ok(date) => Some((date, span)),
            Err(_) => self.give_up(),
        }
    }

    /// `number` at the next token.
    fn number(&mut self) -> Option<(Decimal, Span)> {
        let start = self.start();
        let end = self.decimal_end(start)?;
        if self.byte(end).is_some_and(is_ident_char) {
            return None;
        }
        let text = self.src.get(start..end)?;
        let span = self.take(end);
        match Decimal::from_str_exact(text) {
            Ok(value) => Some((value, span)),
            Err(_) => self.give_up(),
        }
    }

    /// `atom`, tried in the grammar's order.
    fn atom(&mut self) -> Option<(Expr, usize)> {
        let leaf = |kind, span| Some((Node::new(kind, span), 1));
        let start = self.start();
        match self.byte(start)? {
            b'0'..=b'9' => {
                if let Some((value, span)) = self.percent() {
                    return leaf(ExprKind::Percent(value), span);
                }
                if let Some((date, span)) = self.date() {
                    return leaf(ExprKind::Date(date), span);
                }
                if let Some((value, span)) = self.number() {
                    return leaf(ExprKind::Number(value), span);
                }
                // No other atom starts with a digit.
                None
            }
            b'"' => {
                let text = self.string()?;
                leaf(ExprKind::Text(text.node), text.span)
            }
            b'(' => {
                self.punct("(")?;
                let inner = self.nested(Self::deep_expr)?;
                self.punct(")")?;
                Some(inner)
            }
            _ => {
                let (end, word) = self.word();
                match word {
                    "true" | "false" => {
                        let span = self.take(end);
                        return leaf(ExprKind::Bool(word == "true"), span);
                    }
                    "present" => {
                        if let Some(expr) = self.attempt(|r| {
                            r.kw("present")?;
                            r.punct("(")?;
                            let path = r.path()?;
                            r.punct(")")?;
                            Some(ExprKind::Present(path))
                        }) {
                            return leaf(expr, self.since(start));
                        }
                    }
                    "count" => {
                        if let Some((expr, depth)) = self.attempt(|r| {
                            r.kw("count")?;
                            r.punct("(")?;
                            let list = r.path()?;
                            let filter = r.attempt(|r| r.nested(|r| r.filter(true)));
                            r.punct(")")?;
                            let (filter, depth) = match filter {
                                Some((filter, depth)) => (Some(Box::new(filter)), r.deeper(depth)?),
                                None => (None, 1),
                            };
                            Some((ExprKind::Count { list, filter }, depth))
                        }) {
                            return Some((Node::new(expr, self.since(start)), depth));
                        }
                    }
                    _ => {}
                }
                let path = self.path()?;
                leaf(ExprKind::Name(path.node), path.span)
            }
        }
    }

    /// Reads what a bracket holds, one level deeper; a file nested deeper
    /// than any that passed `check_nesting` should is left to pest.
    fn nested<T>(&mut self, rule: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        if self.nesting > MAX_NESTING {
            return self.give_up();
        }
        self.nesting += 1;
        let result = rule(self);
        self.nesting -= 1;
        result
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::super::parse::{check_nesting, parse_with_pest};

    fn kader_files(dir: &Path, found: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                kader_files(&path, found);
            } else if path.extension().is_some_and(|e| e == "kader") {
                found.push(path);
            }
        }
    }

    /// Every framework file of the repository: shipped, tests, fuzz corpora.
    fn corpus() -> Vec<(PathBuf, String)> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut paths = Vec::new();
        for dir in ["frameworks", "tests/data", "fuzz/corpus"] {
            kader_files(&root.join(dir), &mut paths);
        }
        paths.sort();
        paths
            .into_iter()
            .filter_map(|p| std::fs::read_to_string(&p).ok().map(|t| (p, t)))
            .collect()
    }

    /// The direct reader answers only where pest gives the very same tree,
    /// spans included (`Debug` shows them; `==` ignores them).
    fn agrees(source: &str) -> bool {
        if check_nesting(source).is_some() {
            return false;
        }
        let Some(direct) = super::parse(source) else {
            return false;
        };
        match parse_with_pest(source) {
            Ok(pest) => {
                if format!("{direct:?}") != format!("{pest:?}") {
                    assert_eq!(
                        format!("{direct:#?}"),
                        format!("{pest:#?}"),
                        "the direct reader and pest disagree on:\n{source}"
                    );
                }
            }
            Err(d) => panic!("the direct reader accepts what pest refuses ({d:?}):\n{source}"),
        }
        true
    }

    #[test]
    fn every_sound_file_is_read_directly_as_pest_reads_it() {
        let mut sound = 0;
        for (path, text) in corpus() {
            if check_nesting(&text).is_some() {
                continue;
            }
            if parse_with_pest(&text).is_ok() {
                assert!(agrees(&text), "not read directly: {}", path.display());
                let crlf = text.replace('\n', "\r\n");
                assert!(agrees(&crlf), "not read directly: {}", path.display());
                assert!(agrees(&format!("\u{FEFF}{text}")), "{}", path.display());
                sound += 1;
            } else {
                assert!(!agrees(&text), "read directly: {}", path.display());
            }
        }
        assert!(sound > 20, "only {sound} sound files");
    }

    #[test]
    fn small_edits_never_make_the_readers_disagree() {
        const EDITS: [&str; 24] = [
            "", " ", "\n", "\"", "\\", "{", "}", "(", ")", "<", ">", "=", ",", "/", "//", "-", "%",
            ".", "0", "x", "not ", "and ", "\u{FEFF}", "é",
        ];
        let mut direct = 0;
        let mut total = 0;
        // Small files only: pest's recovery in a debug build is slow.
        for (_, text) in corpus().into_iter().filter(|(_, t)| t.len() < 2_500) {
            let cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            let step = (cuts.len() / 6).max(1);
            for (n, &at) in cuts.iter().enumerate().step_by(step) {
                let next = cuts.get(n + 1).copied().unwrap_or(text.len());
                for (e, edit) in EDITS.iter().enumerate() {
                    // Replace the character at `at` with the edit, or insert
                    // the edit before it, by turns.
                    let keep = if (n + e) % 2 == 0 { at } else { next };
                    let edited = format!("{}{edit}{}", &text[..at], &text[keep..]);
                    total += 1;
                    if agrees(&edited) {
                        direct += 1;
                    }
                }
            }
        }
        assert!(direct > 0 && total > direct, "{direct} of {total}");
    }
}
