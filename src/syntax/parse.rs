//! pest → typed AST. pest's `Pairs` never leave this file.

use std::collections::BTreeSet;
use std::str::FromStr;

use jiff::civil::Date;
use pest::iterators::{Pair, Pairs};
use pest::Parser as _;
use rust_decimal::Decimal;

use super::ast::*;
use crate::diagnostic::{Diagnostic, Diagnostics};

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/kader.pest"]
struct KaderParser;

/// How deeply brackets may nest before the parser refuses the file: deep
/// enough for any real framework, shallow enough that the recursive-descent
/// parser can never exhaust the stack.
pub const MAX_NESTING: usize = 64;

/// How many operands one chain of `and`, `or`, `+` or `*` may have.
pub const MAX_CHAIN: usize = 512;

/// How deeply one condition's tree may nest in all. Brackets are measured
/// before pest runs, but a run of `not`s or a long `+` chain (which nests to
/// the left) deepens the tree too, and the later stages walk it recursively:
/// at this depth a debug build still checks, compiles and evaluates a
/// framework on a thread with a 2 MiB stack. Far deeper than any condition a
/// person writes.
pub const MAX_DEPTH: usize = 128;

/// How many syntax errors one file gets: far more than an author fixes in
/// one go, and a bound on the work a garbled file causes.
const MAX_SYNTAX_ERRORS: usize = 100;

type Lowered<T> = Result<T, Box<Diagnostic>>;

/// Parses a framework file into its syntax tree, or every syntax error found.
pub fn parse(source: &str) -> Result<File, Diagnostics> {
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
                "this file ends its lines with a carriage return alone (CR)",
            )
            .with_label("a line ends here without a line feed")
            .with_help(
                "save the file with LF (Unix) or CR LF (Windows) line endings",
            )]));
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
pub(super) fn parse_with_pest(source: &str) -> Result<File, Diagnostics> {
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

const ESCAPE_HELP: &str = r#"remove the backslash, or write `\\` for a backslash; the escapes are `\"`, `\\`, `\n`, `\{` and `\}`"#;

/// The span of a pair without trailing blanks and comments: pest counts the
/// whitespace it skipped before an optional part that did not match as part
/// of the rule, and an underline or a condition's notation must not.
fn span_of(pair: &Pair<'_, Rule>) -> Span {
    let s = pair.as_span();
    let text = pair.as_str();
    Span::new(s.start(), s.start() + code_end_before(text, text.len()))
}

fn internal(span: Span) -> Box<Diagnostic> {
    Box::new(
        Diagnostic::error("E0000", span, "the parser met a shape it does not know")
            .with_help("this is a defect in kader; please report it with the file"),
    )
}

/// The next child, which the grammar guarantees; a defect if absent.
fn next<'a>(pairs: &mut Pairs<'a, Rule>, parent: Span) -> Lowered<Pair<'a, Rule>> {
    pairs.next().ok_or_else(|| internal(parent))
}

struct Lower {
    diagnostics: Diagnostics,
    /// Whether the file is a layer (`extends` in its header): only there
    /// may a theme block leave out its title.
    layered: bool,
}

impl Lower {
    fn file(&mut self, pair: Pair<'_, Rule>) -> Lowered<File> {
        let span = span_of(&pair);
        let mut inner = pair.into_inner();
        let header = self.header(next(&mut inner, span)?)?;
        let mut items = Vec::new();
        for item in inner {
            if item.as_rule() != Rule::EOI {
                items.push(self.item(item)?);
            }
        }
        Ok(File { header, items })
    }

    fn item(&mut self, item: Pair<'_, Rule>) -> Lowered<Item> {
        let item_span = span_of(&item);
        match item.as_rule() {
            Rule::evidence_block => {
                let decls = item
                    .into_inner()
                    .filter(|p| p.as_rule() == Rule::evidence_decl)
                    .map(|p| self.evidence_decl(p))
                    .collect::<Lowered<Vec<_>>>()?;
                Ok(Item::Evidence(Node::new(decls, item_span)))
            }
            Rule::define => Ok(Item::Define(self.define(item)?)),
            Rule::theme => Ok(Item::Theme(self.theme(item)?)),
            Rule::tighten => {
                let mut inner = item.into_inner().filter(|p| !is_token(p.as_rule()));
                let id = name(&next_of(&mut inner, item_span)?);
                let attrs = inner.map(|p| self.attr(p)).collect::<Lowered<Vec<_>>>()?;
                Ok(Item::Tighten(Tighten {
                    id,
                    attrs,
                    span: item_span,
                }))
            }
            Rule::remove => {
                let mut inner = item.into_inner().filter(|p| !is_token(p.as_rule()));
                let id = name(&next_of(&mut inner, item_span)?);
                Ok(Item::Remove(Node::new(id, item_span)))
            }
            Rule::scoring => {
                let rules = item
                    .into_inner()
                    .filter(|p| !is_token(p.as_rule()) && p.as_rule() != Rule::kw_scoring)
                    .map(|p| self.scoring_rule(p))
                    .collect::<Lowered<Vec<_>>>()?;
                Ok(Item::Scoring(Node::new(rules, item_span)))
            }
            _ => Err(internal(item_span)),
        }
    }

    fn header(&mut self, pair: Pair<'_, Rule>) -> Lowered<Header> {
        let span = span_of(&pair);
        let mut inner = pair.into_inner();
        let decl = next(&mut inner, span)?;
        let decl_span = span_of(&decl);
        let mut parts = decl.into_inner().filter(|p| !is_token(p.as_rule()));
        let id = name(&next_of(&mut parts, decl_span)?);
        let title = self.string(&next_of(&mut parts, decl_span)?);
        let version = self.string(&next_of(&mut parts, decl_span)?);
        let mut header = Header {
            id,
            title,
            version,
            language: None,
            validity: None,
            extends: None,
        };
        for attr in inner {
            let attr_span = span_of(&attr);
            match attr.as_rule() {
                Rule::language_decl => {
                    let mut parts = attr.into_inner().filter(|p| !is_token(p.as_rule()));
                    let lang = name(&next_of(&mut parts, attr_span)?);
                    if header.language.is_some() {
                        self.diagnostics.push(duplicate_attr("language", attr_span));
                    }
                    header.language = Some(lang);
                }
                Rule::validity_decl => {
                    let mut parts = attr.into_inner().filter(|p| !is_token(p.as_rule()));
                    let amount = self.integer(&next_of(&mut parts, attr_span)?);
                    let unit = unit(&next_of(&mut parts, attr_span)?)?;
                    if header.validity.is_some() {
                        self.diagnostics.push(duplicate_attr("validity", attr_span));
                    }
                    let amount = self.period_amount(amount);
                    header.validity = Some(Node::new(Period { amount, unit }, attr_span));
                }
                Rule::extends_decl => {
                    let mut parts = attr.into_inner().filter(|p| !is_token(p.as_rule()));
                    let id = name(&next_of(&mut parts, attr_span)?);
                    let version = self.string(&next_of(&mut parts, attr_span)?);
                    if header.extends.is_some() {
                        self.diagnostics.push(duplicate_attr("extends", attr_span));
                    }
                    header.extends = Some(Extends {
                        id,
                        version,
                        span: attr_span,
                    });
                }
                _ => return Err(internal(attr_span)),
            }
        }
        Ok(header)
    }

    fn evidence_decl(&mut self, pair: Pair<'_, Rule>) -> Lowered<EvidenceDecl> {
        let span = span_of(&pair);
        let mut inner = pair.into_inner().filter(|p| !is_token(p.as_rule()));
        let path = name(&next_of(&mut inner, span)?);
        let ty = self.type_expr(next_of(&mut inner, span)?)?;
        let label = inner.next().map(|p| self.string(&p));
        Ok(EvidenceDecl { path, ty, label })
    }

    fn type_expr(&mut self, pair: Pair<'_, Rule>) -> Lowered<Node<TypeExpr>> {
        let span = span_of(&pair);
        let inner = next(&mut pair.into_inner(), span)?;
        let ty = match inner.as_rule() {
            Rule::scalar_type => match inner.as_str().trim() {
                "bool" => TypeExpr::Bool,
                "int" => TypeExpr::Int,
                "number" => TypeExpr::Number,
                "percent" => TypeExpr::Percent,
                "date" => TypeExpr::Date,
                "text" => TypeExpr::Text,
                _ => return Err(internal(span)),
            },
            Rule::enum_type => TypeExpr::Enum(
                inner
                    .into_inner()
                    .filter(|p| p.as_rule() == Rule::ident)
                    .map(|p| name(&p))
                    .collect(),
            ),
            Rule::list_type => {
                let mut parts = inner.into_inner().filter(|p| !is_token(p.as_rule()));
                let element = self.type_expr(next_of(&mut parts, span)?)?;
                TypeExpr::List(Box::new(element))
            }
            _ => return Err(internal(span)),
        };
        Ok(Node::new(ty, span))
    }

    fn define(&mut self, pair: Pair<'_, Rule>) -> Lowered<Define> {
        let span = span_of(&pair);
        let mut inner = pair.into_inner().filter(|p| !is_token(p.as_rule()));
        let name = name(&next_of(&mut inner, span)?);
        let expr = self.expr(next_of(&mut inner, span)?)?;
        Ok(Define { name, expr, span })
    }

    fn theme(&mut self, pair: Pair<'_, Rule>) -> Lowered<Theme> {
        let span = span_of(&pair);
        let mut inner = pair
            .into_inner()
            .filter(|p| !is_token(p.as_rule()) || p.as_rule() == Rule::lbrace);
        let id = name(&next_of(&mut inner, span)?);
        let mut title = None;
        let mut criteria = Vec::new();
        for p in inner {
            if p.as_rule() == Rule::lbrace {
                if title.is_some() || self.layered {
                    continue;
                }
                // Only a layer adds to a base theme without a title.
                self.diagnostics.push(
                    Diagnostic::error(
                        "E0101",
                        span_of(&p),
                        "expected a text in double quotes, found `{`",
                    )
                    .with_label("expected a text in double quotes")
                    .with_help(r#"give the theme an id and a title: `theme sociaal "Titel" {`"#),
                );
            } else if p.as_rule() == Rule::string {
                title = Some(self.string(&p));
            } else {
                criteria.push(self.criterion(p)?);
            }
        }
        Ok(Theme {
            id,
            title,
            criteria,
            span,
        })
    }

    fn criterion(&mut self, pair: Pair<'_, Rule>) -> Lowered<Criterion> {
        let span = span_of(&pair);
        let mut inner = pair.into_inner().filter(|p| !is_token(p.as_rule()));
        let id = name(&next_of(&mut inner, span)?);
        let title = self.string(&next_of(&mut inner, span)?);
        let attrs = inner.map(|p| self.attr(p)).collect::<Lowered<Vec<_>>>()?;
        Ok(Criterion {
            id,
            title,
            attrs,
            span,
        })
    }

    fn attr(&mut self, pair: Pair<'_, Rule>) -> Lowered<Node<Attr>> {
        let span = span_of(&pair);
        let rule = pair.as_rule();
        let mut inner = pair.into_inner().filter(|p| !is_token(p.as_rule()));
        let attr = match rule {
            Rule::mandatory => Attr::Mandatory,
            Rule::weight => {
                let p = next_of(&mut inner, span)?;
                Attr::Weight(self.integer(&p))
            }
            Rule::legal => Attr::Legal(self.string(&next_of(&mut inner, span)?)),
            Rule::owner => Attr::Owner(name(&next_of(&mut inner, span)?)),
            Rule::applies => Attr::Applies(self.expr(next_of(&mut inner, span)?)?),
            Rule::guidance => Attr::Guidance(self.string(&next_of(&mut inner, span)?)),
            Rule::require => {
                let condition = self.expr(next_of(&mut inner, span)?)?;
                let message = inner.next().map(|p| self.template(&p));
                Attr::Require(Requirement { condition, message })
            }
            Rule::score_block => {
                let mut levels = Vec::new();
                let mut otherwise = None;
                for part in inner {
                    let part_span = span_of(&part);
                    let rule = part.as_rule();
                    let mut parts = part.into_inner().filter(|p| !is_token(p.as_rule()));
                    let level = self.integer(&next_of(&mut parts, part_span)?);
                    match rule {
                        Rule::level => {
                            let condition = self.expr(next_of(&mut parts, part_span)?)?;
                            levels.push(Level { level, condition });
                        }
                        // The whole `0 otherwise`, which a warning that it is
                        // never reached underlines.
                        Rule::otherwise => otherwise = Some(Node::new(level.node, part_span)),
                        _ => return Err(internal(part_span)),
                    }
                }
                Attr::Score(ScoreBlock { levels, otherwise })
            }
            _ => return Err(internal(span)),
        };
        Ok(Node::new(attr, span))
    }

    fn scoring_rule(&mut self, pair: Pair<'_, Rule>) -> Lowered<ScoringRule> {
        let span = span_of(&pair);
        match pair.as_rule() {
            Rule::certified_rule => Ok(ScoringRule::CertifiedWhenAllThemesPass(span)),
            Rule::theme_rule => {
                let mut theme = None;
                let mut conditions = Vec::new();
                for part in pair.into_inner().filter(|p| !is_token(p.as_rule())) {
                    let part_span = span_of(&part);
                    match part.as_rule() {
                        Rule::ident => theme = Some(name(&part)),
                        Rule::all_mandatory => {
                            conditions.push(Node::new(ThemeCondition::AllMandatoryPass, part_span));
                        }
                        Rule::score_at_least => {
                            let mut parts = part.into_inner().filter(|p| !is_token(p.as_rule()));
                            let p = next_of(&mut parts, part_span)?;
                            let value = self.percent(&p);
                            conditions
                                .push(Node::new(ThemeCondition::ScoreAtLeast(value), part_span));
                        }
                        _ => return Err(internal(part_span)),
                    }
                }
                Ok(ScoringRule::ThemePasses {
                    theme,
                    conditions,
                    span,
                })
            }
            _ => Err(internal(span)),
        }
    }

    // ------------------------------------------------------------ expressions

    fn expr(&mut self, pair: Pair<'_, Rule>) -> Lowered<Expr> {
        self.deep_expr(pair).map(|(expr, _)| expr)
    }

    /// An expression and the depth of its tree. A tree deeper than
    /// [`MAX_DEPTH`] is refused as it grows, before it is deep enough to
    /// exhaust a stack (walking it, or dropping it).
    ///
    /// The levels of the grammar that hold one operand and no operator
    /// (every level between a bracket and what it encloses) are passed in a
    /// loop, and each level with an operator is lowered by a function of its
    /// own: the stack a bracket costs is a few small frames, not one large
    /// frame for each of the grammar's eight levels.
    fn deep_expr(&mut self, pair: Pair<'_, Rule>) -> Lowered<(Expr, usize)> {
        let pair = innermost(pair);
        match pair.as_rule() {
            Rule::or_expr => self.logic(pair, LogicOp::Or),
            Rule::and_expr => self.logic(pair, LogicOp::And),
            Rule::not_expr => self.not_expr(pair),
            Rule::test => self.test(pair),
            Rule::sum | Rule::product => self.arith(pair),
            Rule::unary => self.unary(pair),
            Rule::count => self.count(pair),
            _ => self.leaf(pair),
        }
    }

    /// `a or b or c`, `a and b`.
    fn logic(&mut self, pair: Pair<'_, Rule>, op: LogicOp) -> Lowered<(Expr, usize)> {
        let span = span_of(&pair);
        let mut operands = Vec::new();
        let mut depth = 0;
        for part in pair.into_inner().filter(|p| !is_token(p.as_rule())) {
            let (operand, d) = self.deep_expr(part)?;
            operands.push(operand);
            depth = depth.max(d);
        }
        self.chain(span, operands.len())?;
        match <[Expr; 1]>::try_from(operands) {
            Ok([single]) => Ok((single, depth)),
            Err(operands) => Ok((
                Node::new(ExprKind::Logic(op, operands), span),
                deeper(depth, span)?,
            )),
        }
    }

    /// `not not a`.
    fn not_expr(&mut self, pair: Pair<'_, Rule>) -> Lowered<(Expr, usize)> {
        let span = span_of(&pair);
        let mut nots = Vec::new();
        let mut test = None;
        for part in pair.into_inner() {
            match part.as_rule() {
                Rule::not_op => nots.push(span_of(&part)),
                _ => test = Some(self.deep_expr(part)?),
            }
        }
        let (mut expr, mut depth) = test.ok_or_else(|| internal(span))?;
        for not_span in nots.into_iter().rev() {
            let whole = not_span.to(expr.span);
            depth = deeper(depth, whole)?;
            expr = Node::new(ExprKind::Not(Box::new(expr)), whole);
        }
        Ok((expr, depth))
    }

    /// A value with a comparison, window, bound or membership after it.
    fn test(&mut self, pair: Pair<'_, Rule>) -> Lowered<(Expr, usize)> {
        let span = span_of(&pair);
        let mut inner = pair.into_inner();
        let (subject, subject_depth) = self.deep_expr(next(&mut inner, span)?)?;
        match inner.next() {
            None => Ok((subject, subject_depth)),
            Some(suffix) if suffix.as_rule() == Rule::compare => {
                let suffix_span = span_of(&suffix);
                let mut parts = suffix.into_inner();
                let op = compare_op(&next(&mut parts, suffix_span)?)?;
                let (rhs, rhs_depth) = self.deep_expr(next(&mut parts, suffix_span)?)?;
                Ok((
                    Node::new(
                        ExprKind::Compare(op, Box::new(subject), Box::new(rhs)),
                        span,
                    ),
                    deeper(subject_depth.max(rhs_depth), span)?,
                ))
            }
            Some(suffix) => {
                let (filter, filter_depth) = self.filter(suffix)?;
                Ok((
                    Node::new(ExprKind::Test(Box::new(subject), Box::new(filter)), span),
                    deeper(subject_depth.max(filter_depth), span)?,
                ))
            }
        }
    }

    /// `a + b - c`, `a * b / c`: nested to the left.
    fn arith(&mut self, pair: Pair<'_, Rule>) -> Lowered<(Expr, usize)> {
        let span = span_of(&pair);
        let mut inner = pair.into_inner();
        let (mut acc, mut depth) = self.deep_expr(next(&mut inner, span)?)?;
        let mut operands = 1;
        while let Some(op) = inner.next() {
            let op = match op.as_str() {
                "+" => ArithOp::Add,
                "-" => ArithOp::Sub,
                "*" => ArithOp::Mul,
                "/" => ArithOp::Div,
                _ => return Err(internal(span_of(&op))),
            };
            let (rhs, rhs_depth) = self.deep_expr(next(&mut inner, span)?)?;
            operands += 1;
            self.chain(span, operands)?;
            let whole = acc.span.to(rhs.span);
            depth = deeper(depth.max(rhs_depth), whole)?;
            acc = Node::new(ExprKind::Arith(op, Box::new(acc), Box::new(rhs)), whole);
        }
        Ok((acc, depth))
    }

    /// `- - a`.
    fn unary(&mut self, pair: Pair<'_, Rule>) -> Lowered<(Expr, usize)> {
        let span = span_of(&pair);
        let mut negs = Vec::new();
        let mut atom = None;
        for part in pair.into_inner().filter(|p| !is_token(p.as_rule())) {
            match part.as_rule() {
                Rule::neg => negs.push(span_of(&part)),
                _ => atom = Some(self.deep_expr(part)?),
            }
        }
        let (mut expr, mut depth) = atom.ok_or_else(|| internal(span))?;
        for neg_span in negs.into_iter().rev() {
            let whole = neg_span.to(expr.span);
            depth = deeper(depth, whole)?;
            expr = Node::new(ExprKind::Neg(Box::new(expr)), whole);
        }
        Ok((expr, depth))
    }

    /// `count(list)`, `count(list FILTER)`.
    fn count(&mut self, pair: Pair<'_, Rule>) -> Lowered<(Expr, usize)> {
        let span = span_of(&pair);
        let mut parts = pair.into_inner().filter(|p| !is_token(p.as_rule()));
        let list = name(&next_of(&mut parts, span)?);
        let (filter, depth) = match parts.next() {
            Some(p) => {
                let (filter, depth) = self.filter(p)?;
                (Some(Box::new(filter)), deeper(depth, span)?)
            }
            None => (None, 1),
        };
        Ok((Node::new(ExprKind::Count { list, filter }, span), depth))
    }

    /// A value, a path, `present(path)`: a tree of depth one.
    fn leaf(&mut self, pair: Pair<'_, Rule>) -> Lowered<(Expr, usize)> {
        let span = span_of(&pair);
        let kind = match pair.as_rule() {
            Rule::percent => ExprKind::Percent(self.percent(&pair)),
            Rule::number => ExprKind::Number(self.number(&pair)),
            Rule::date => ExprKind::Date(self.date(&pair)),
            Rule::string => ExprKind::Text(self.string(&pair).node),
            Rule::boolean => ExprKind::Bool(pair.as_str() == "true"),
            Rule::path => ExprKind::Name(pair.as_str().to_string()),
            Rule::present => {
                let mut parts = pair.into_inner().filter(|p| !is_token(p.as_rule()));
                ExprKind::Present(name(&next_of(&mut parts, span)?))
            }
            _ => return Err(internal(span)),
        };
        Ok((Node::new(kind, span), 1))
    }

    fn chain(&mut self, span: Span, operands: usize) -> Lowered<()> {
        if operands > MAX_CHAIN {
            return Err(Box::new(
                Diagnostic::error(
                    "E0103",
                    span,
                    format!("this condition chains more than {MAX_CHAIN} operands"),
                )
                .with_help("split the condition into `define`s"),
            ));
        }
        Ok(())
    }

    /// A window, bound, membership or comparison, and the depth of the
    /// deepest expression in it.
    fn filter(&mut self, pair: Pair<'_, Rule>) -> Lowered<(Node<Filter>, usize)> {
        let span = span_of(&pair);
        let rule = pair.as_rule();
        let mut parts = pair.into_inner().filter(|p| !is_token(p.as_rule()));
        let (filter, depth) = match rule {
            Rule::within => {
                let amount = self.integer(&next_of(&mut parts, span)?);
                let unit = unit(&next_of(&mut parts, span)?)?;
                let amount = self.period_amount(amount);
                (Filter::Within(Period { amount, unit }), 0)
            }
            Rule::before | Rule::after => {
                let (bound, depth) = self.deep_expr(next_of(&mut parts, span)?)?;
                let filter = if rule == Rule::before {
                    Filter::Before(bound)
                } else {
                    Filter::After(bound)
                };
                (filter, depth)
            }
            Rule::in_set | Rule::not_in_set => {
                let set_pair = next_of(&mut parts, span)?;
                let mut set = Vec::new();
                let mut depth = 0;
                for p in set_pair.into_inner().filter(|p| !is_token(p.as_rule())) {
                    let (member, d) = self.deep_expr(p)?;
                    set.push(member);
                    depth = depth.max(d);
                }
                let negated = rule == Rule::not_in_set;
                (Filter::In { negated, set }, depth)
            }
            Rule::compare => {
                let op = compare_op(&next_of(&mut parts, span)?)?;
                let (rhs, depth) = self.deep_expr(next_of(&mut parts, span)?)?;
                (Filter::Compare(op, rhs), depth)
            }
            _ => return Err(internal(span)),
        };
        Ok((Node::new(filter, span), depth))
    }

    // ------------------------------------------------------------ tokens

    fn string(&mut self, pair: &Pair<'_, Rule>) -> Node<String> {
        let span = span_of(pair);
        let raw = strip_quotes(pair.as_str());
        let mut out = String::with_capacity(raw.len());
        let mut chars = raw.char_indices();
        while let Some((i, c)) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            match chars.next() {
                Some((_, '"')) => out.push('"'),
                Some((_, '\\')) => out.push('\\'),
                Some((_, 'n')) => out.push('\n'),
                Some((_, '{')) => out.push('{'),
                Some((_, '}')) => out.push('}'),
                Some((j, other)) => {
                    let at = span.start + 1 + i;
                    self.diagnostics.push(
                        Diagnostic::error(
                            "E0104",
                            Span::new(at, span.start + 1 + j + other.len_utf8()),
                            format!("unknown escape `\\{other}` in a text"),
                        )
                        .with_help(ESCAPE_HELP),
                    );
                }
                None => {}
            }
        }
        Node::new(out, span)
    }

    /// A message text: literal pieces and `{path}` placeholders.
    fn template(&mut self, pair: &Pair<'_, Rule>) -> Node<Template> {
        let span = span_of(pair);
        let raw = strip_quotes(pair.as_str());
        let base = span.start + 1;
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut chars = raw.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some((_, 'n')) => literal.push('\n'),
                    Some((_, e @ ('"' | '\\' | '{' | '}'))) => literal.push(e),
                    Some((j, other)) => self.diagnostics.push(
                        Diagnostic::error(
                            "E0104",
                            Span::new(base + i, base + j + other.len_utf8()),
                            format!("unknown escape `\\{other}` in a text"),
                        )
                        .with_help(ESCAPE_HELP),
                    ),
                    None => {}
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
                    match closed {
                        Some(j) => {
                            if !literal.is_empty() {
                                parts.push(TemplatePart::Literal(std::mem::take(&mut literal)));
                            }
                            let inner = Span::new(base + i + 1, base + j);
                            parts.push(TemplatePart::Placeholder(Node::new(
                                path.trim().to_string(),
                                inner,
                            )));
                        }
                        None => {
                            self.diagnostics.push(
                                Diagnostic::error(
                                    "E0105",
                                    Span::new(base + i, base + i + 1),
                                    "this `{` is never closed",
                                )
                                .with_label("placeholder starts here")
                                .with_help(r"close the placeholder with `}`, or write `\{` for a literal brace"),
                            );
                        }
                    }
                }
                '}' => self.diagnostics.push(
                    Diagnostic::error(
                        "E0105",
                        Span::new(base + i, base + i + 1),
                        "this `}` closes no placeholder",
                    )
                    .with_help(r"write `\}` for a literal brace"),
                ),
                c => literal.push(c),
            }
        }
        if !literal.is_empty() {
            parts.push(TemplatePart::Literal(literal));
        }
        Node::new(Template { parts }, span)
    }

    fn integer(&mut self, pair: &Pair<'_, Rule>) -> Node<u64> {
        let span = span_of(pair);
        let value = match pair.as_str().parse::<u64>() {
            Ok(v) => v,
            Err(_) => {
                self.diagnostics.push(too_large(span));
                0
            }
        };
        Node::new(value, span)
    }

    fn period_amount(&mut self, amount: Node<u64>) -> u32 {
        match u32::try_from(amount.node) {
            Ok(v) if v <= 100_000 => v,
            _ => {
                self.diagnostics.push(
                    Diagnostic::error(
                        "E0106",
                        amount.span,
                        "this period is longer than kader can count",
                    )
                    .with_help("write a period of at most 100000 units"),
                );
                0
            }
        }
    }

    fn number(&mut self, pair: &Pair<'_, Rule>) -> Decimal {
        match Decimal::from_str_exact(pair.as_str().trim()) {
            Ok(v) => v,
            Err(_) => {
                self.diagnostics.push(too_large(span_of(pair)));
                Decimal::ZERO
            }
        }
    }

    fn percent(&mut self, pair: &Pair<'_, Rule>) -> Decimal {
        let text = pair.as_str().trim().trim_end_matches('%');
        match Decimal::from_str_exact(text)
            .ok()
            .and_then(|d| d.checked_div(Decimal::ONE_HUNDRED))
        {
            Some(v) => v,
            None => {
                self.diagnostics.push(too_large(span_of(pair)));
                Decimal::ZERO
            }
        }
    }

    fn date(&mut self, pair: &Pair<'_, Rule>) -> Date {
        let text = pair.as_str().trim();
        match Date::from_str(text) {
            Ok(d) => d,
            Err(_) => {
                let mut d = Diagnostic::error(
                    "E0107",
                    span_of(pair),
                    format!("`{text}` is not a date in the calendar"),
                )
                .with_help("write an existing date as YYYY-MM-DD, such as `2026-02-28`");
                if let Some(why) = crate::value::why_not_a_date(text) {
                    d = d.with_label(why);
                }
                self.diagnostics.push(d);
                Date::MIN
            }
        }
    }
}

fn next_of<'a>(
    pairs: &mut impl Iterator<Item = Pair<'a, Rule>>,
    parent: Span,
) -> Lowered<Pair<'a, Rule>> {
    pairs.next().ok_or_else(|| internal(parent))
}

/// The innermost of a run of expression levels that each hold one
/// operand and no operator: `expr`, `or_expr`, ... `unary`, and the bracket
/// of an atom. Such a level adds nothing to the tree, so it is passed
/// without recursion.
fn innermost(mut pair: Pair<'_, Rule>) -> Pair<'_, Rule> {
    loop {
        if !matches!(
            pair.as_rule(),
            Rule::expr
                | Rule::or_expr
                | Rule::and_expr
                | Rule::not_expr
                | Rule::test
                | Rule::sum
                | Rule::product
                | Rule::unary
        ) {
            return pair;
        }
        let mut inner = pair.clone().into_inner().filter(|p| !is_token(p.as_rule()));
        match (inner.next(), inner.next()) {
            (Some(only), None) if only.as_rule() != Rule::not_op && only.as_rule() != Rule::neg => {
                pair = only;
            }
            _ => return pair,
        }
    }
}

fn name(pair: &Pair<'_, Rule>) -> Name {
    Node::new(pair.as_str().to_string(), span_of(pair))
}

fn strip_quotes(s: &str) -> &str {
    s.strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or(s)
}

fn unit(pair: &Pair<'_, Rule>) -> Lowered<Unit> {
    match pair.as_str().trim() {
        "day" | "days" => Ok(Unit::Days),
        "week" | "weeks" => Ok(Unit::Weeks),
        "month" | "months" => Ok(Unit::Months),
        "year" | "years" => Ok(Unit::Years),
        _ => Err(internal(span_of(pair))),
    }
}

fn compare_op(pair: &Pair<'_, Rule>) -> Lowered<CompareOp> {
    match pair.as_str() {
        "==" => Ok(CompareOp::Eq),
        "!=" => Ok(CompareOp::Ne),
        "<" => Ok(CompareOp::Lt),
        "<=" => Ok(CompareOp::Le),
        ">" => Ok(CompareOp::Gt),
        ">=" => Ok(CompareOp::Ge),
        _ => Err(internal(span_of(pair))),
    }
}

/// One level deeper than `depth`, or E0110 when that is too deep.
fn deeper(depth: usize, span: Span) -> Lowered<usize> {
    if depth >= MAX_DEPTH {
        return Err(Box::new(
            Diagnostic::error(
                "E0110",
                span,
                format!("this condition is nested more than {MAX_DEPTH} levels deep"),
            )
            .with_help("split the condition into `define`s and use their names"),
        ));
    }
    Ok(depth + 1)
}

fn too_large(span: Span) -> Diagnostic {
    Diagnostic::error("E0108", span, "this number is too large")
        .with_help("numbers have at most 28 significant digits")
}

fn duplicate_attr(what: &str, span: Span) -> Diagnostic {
    Diagnostic::error("E0109", span, format!("`{what}` is given twice"))
        .with_help(format!("keep one `{what}` line"))
}

fn is_token(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::lbrace
            | Rule::rbrace
            | Rule::lparen
            | Rule::rparen
            | Rule::langle
            | Rule::rangle
            | Rule::colon
            | Rule::equals
            | Rule::comma
            | Rule::at_least
            | Rule::kw_framework
            | Rule::kw_version
            | Rule::kw_extends
            | Rule::kw_tighten
            | Rule::kw_remove
            | Rule::kw_language
            | Rule::kw_validity
            | Rule::kw_evidence
            | Rule::kw_list
            | Rule::kw_enum
            | Rule::kw_define
            | Rule::kw_theme
            | Rule::kw_criterion
            | Rule::kw_mandatory
            | Rule::kw_weight
            | Rule::kw_legal
            | Rule::kw_owner
            | Rule::kw_applies
            | Rule::kw_when
            | Rule::kw_require
            | Rule::kw_else
            | Rule::kw_score
            | Rule::kw_otherwise
            | Rule::kw_guidance
            | Rule::kw_scoring
            | Rule::kw_passes
            | Rule::kw_pass
            | Rule::kw_all
            | Rule::kw_themes
            | Rule::kw_certified
            | Rule::kw_and
            | Rule::kw_or
            | Rule::kw_not
            | Rule::kw_in
            | Rule::kw_within
            | Rule::kw_before
            | Rule::kw_after
            | Rule::kw_present
            | Rule::kw_count
    )
}

// ---------------------------------------------------------------- recovery
//
// pest stops at the first syntax error. To report every broken part of a
// file in one run, a file that does not parse is cut into pieces (its
// header, its top-level items, and inside a theme its criteria) by a small
// scanner that knows texts, comments and braces; each piece is then parsed
// on its own with an entry rule of the grammar (`header_only`, `item_only`,
// `criterion_only`). The first error is always pest's own for the whole
// file; the pieces only add errors after it.

/// Every syntax error of a file that does not parse, in source order: the
/// first as pest found it in the whole file, then one for each later piece
/// that does not parse on its own, and the lowering errors (a bad escape, an
/// impossible date) of the pieces that do.
fn recover(source: &str, error: &pest::error::Error<Rule>) -> Diagnostics {
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

// ---------------------------------------------------------------- parse errors

/// Where pest stopped and what it would have taken there.
fn error_site(error: &pest::error::Error<Rule>) -> (usize, &[Rule]) {
    let offset = match error.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((s, _)) => s,
    };
    let positives: &[Rule] = match &error.variant {
        pest::error::ErrorVariant::ParsingError { positives, .. } => positives,
        pest::error::ErrorVariant::CustomError { .. } => &[],
    };
    (offset, positives)
}

/// Turns what pest expected at `offset` into a diagnostic in words a
/// framework author knows.
fn parse_error(source: &str, offset: usize, positives: &[Rule]) -> Diagnostic {
    let found = found_at(source, offset);
    let expected = describe(positives);

    // A text without its closing quote: pest only sees that no text fits here.
    if found.kind == FoundKind::Text && !found.closed {
        return Diagnostic::error("E0101", found.span, "this text is never closed")
            .with_label("the closing `\"` is missing")
            .with_help(
                r#"end the text with `"` on the same line; write `\"` for a quote inside a text"#,
            );
    }

    // A message text where the parser wanted `else` first.
    if found.kind == FoundKind::Text && positives.contains(&Rule::kw_else) {
        return Diagnostic::error("E0101", found.span, "expected `else` before the message")
            .with_label("`else` is missing before this text")
            .with_help(
                r#"write a requirement with a message as `require CONDITION else "message"`"#,
            );
    }

    // Two values side by side in a condition: the operator between them is missing.
    let continuations = positives
        .iter()
        .filter(|r| continues_condition(**r))
        .count();
    if matches!(found.kind, FoundKind::Number | FoundKind::Text) && continuations >= 3 {
        return Diagnostic::error(
            "E0101",
            found.span,
            format!("expected an operator such as `>=` before `{}`", found.text),
        )
        .with_label("an operator is missing before this value")
        .with_help(
            "compare with `>=`, `<=`, `==` or `!=`, or test a date with `within 12 months`",
        );
    }

    let code_end = code_end_before(source, offset);
    let line_break_before = source
        .get(code_end..offset)
        .is_some_and(|gap| gap.contains('\n'));
    // Nothing here may start a new line, yet the next token is on one: what
    // is missing belongs at the end of the line above, so point there.
    let missing_at_line_end = found.kind != FoundKind::End
        && line_break_before
        && !positives.iter().any(|r| starts_line(*r))
        && !criterion_lines(positives)
        && code_end > 0;
    let (span, message) = if found.kind == FoundKind::End {
        let at = Span::new(code_end, code_end);
        if expected.is_empty() {
            (at, "unexpected end of the file".to_string())
        } else {
            (
                at,
                format!("expected {expected}, found the end of the file"),
            )
        }
    } else if missing_at_line_end && !expected.is_empty() {
        let previous = token_before(source, code_end);
        (
            Span::new(code_end, code_end),
            format!("expected {expected} after `{previous}`"),
        )
    } else if expected.is_empty() {
        (found.span, format!("unexpected `{}`", found.text))
    } else {
        (
            found.span,
            format!("expected {expected}, found `{}`", found.text),
        )
    };
    let line = line_word(source, span.start);
    let mut d = Diagnostic::error("E0101", span, message);
    if !expected.is_empty() {
        d = d.with_label(format!("expected {expected}"));
    }
    let needs_brace = positives.contains(&Rule::rbrace)
        && (found.kind == FoundKind::End || (line_break_before && is_item_keyword(&found.text)));
    if needs_brace {
        if let Some((open, block)) = unclosed_brace(source, offset) {
            d = d.with_related(open, format!("{block} is not closed yet"));
        }
    }
    d.with_help(help_for(positives, &found, line, needs_brace))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum FoundKind {
    /// The end of the file.
    End,
    /// A word: a keyword, a name or a path.
    Word,
    /// A number, a percentage or a date.
    Number,
    /// A text in double quotes.
    Text,
    /// Anything else: a bracket, an operator.
    Other,
}

/// What the parser met where it stopped: the whole token, not one character.
struct Found {
    kind: FoundKind,
    /// The token as shown in the message (a long text is shortened).
    text: String,
    /// The whole token in the source.
    span: Span,
    /// For a text: whether its closing quote is on the same line.
    closed: bool,
}

fn found_at(source: &str, offset: usize) -> Found {
    let rest = source.get(offset..).unwrap_or("");
    let Some(first) = rest.chars().next() else {
        return Found {
            kind: FoundKind::End,
            text: String::new(),
            span: Span::new(offset, offset),
            closed: true,
        };
    };
    let take = |keep: &dyn Fn(char) -> bool| -> usize {
        rest.char_indices()
            .find(|(_, c)| !keep(*c))
            .map_or(rest.len(), |(i, _)| i)
    };
    let mut closed = true;
    let (kind, len) = if first.is_ascii_digit() {
        let len = take(&|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '%' | '_'));
        (FoundKind::Number, len)
    } else if first.is_alphanumeric() || first == '_' {
        (
            FoundKind::Word,
            take(&|c| c.is_alphanumeric() || matches!(c, '_' | '.')),
        )
    } else if first == '"' {
        let body = rest.get(1..).unwrap_or("");
        let mut escaped = false;
        let mut end = body.find('\n').unwrap_or(body.len());
        closed = false;
        for (i, c) in body.char_indices() {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' || c == '\n' {
                closed = c == '"';
                end = if closed { i + 1 } else { i };
                break;
            }
        }
        (FoundKind::Text, 1 + end)
    } else if matches!(first, '<' | '>' | '=' | '!') {
        (
            FoundKind::Other,
            take(&|c| matches!(c, '<' | '>' | '=' | '!')),
        )
    } else {
        (FoundKind::Other, first.len_utf8())
    };
    let token = rest.get(..len).unwrap_or("");
    Found {
        kind,
        text: shorten(token),
        span: Span::new(offset, offset + len),
        closed,
    }
}

/// A long token (a text, usually) cut to a length that fits a message.
fn shorten(token: &str) -> String {
    const MAX: usize = 32;
    if token.chars().count() <= MAX {
        return token.to_string();
    }
    let head: String = token.chars().take(MAX - 4).collect();
    if token.starts_with('"') {
        format!("{head}...\"")
    } else {
        format!("{head}...")
    }
}

/// The end of the last code before `offset`, skipping blanks and comments.
fn code_end_before(source: &str, offset: usize) -> usize {
    let mut end = offset.min(source.len());
    loop {
        let trimmed = source.get(..end).unwrap_or("").trim_end();
        let line_start = trimmed.rfind('\n').map_or(0, |i| i + 1);
        let line = trimmed.get(line_start..).unwrap_or("");
        match comment_start(line) {
            Some(at) => end = line_start + at,
            None => return trimmed.len(),
        }
    }
}

/// Where a `//` comment starts on a line, outside any text.
fn comment_start(line: &str) -> Option<usize> {
    let mut in_text = false;
    let mut escaped = false;
    let mut previous_slash = false;
    for (i, c) in line.char_indices() {
        if in_text {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_text = false;
            }
        } else if c == '"' {
            in_text = true;
        } else if c == '/' && previous_slash {
            return Some(i - 1);
        }
        previous_slash = !in_text && c == '/';
    }
    None
}

/// The token that ends at `end`: a word, a number or a whole text.
fn token_before(source: &str, end: usize) -> String {
    let before = source.get(..end).unwrap_or("");
    let start = if before.ends_with('"') {
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let inner = before.get(line_start..before.len() - 1).unwrap_or("");
        inner.rfind('"').map_or(line_start, |i| line_start + i)
    } else {
        before
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8())
    };
    shorten(before.get(start..).unwrap_or(""))
}

/// The first word of the line that holds `offset`: says what the line is.
fn line_word(source: &str, offset: usize) -> &str {
    let before = source.get(..offset.min(source.len())).unwrap_or("");
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    source
        .get(line_start..)
        .unwrap_or("")
        .split_whitespace()
        .next()
        .unwrap_or("")
}

/// Brackets outside texts and comments, with their byte offsets.
fn brackets(source: &str) -> Brackets<'_> {
    Brackets {
        bytes: source.as_bytes(),
        at: 0,
    }
}

/// The iterator of [`brackets`]. It reads bytes: every byte it looks for is
/// ASCII, and no byte of a longer UTF-8 character is.
struct Brackets<'a> {
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

/// The innermost `{` before `offset` that no `}` closes, and what it opens
/// (`theme `fysiek``, say).
fn unclosed_brace(source: &str, offset: usize) -> Option<(Span, String)> {
    let mut open: Vec<usize> = Vec::new();
    for (at, c) in brackets(source).take_while(|(at, _)| *at < offset) {
        match c {
            '{' => open.push(at),
            '}' => {
                open.pop();
            }
            _ => {}
        }
    }
    let at = *open.last()?;
    let line_start = source
        .get(..at)
        .unwrap_or("")
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let mut words = source.get(line_start..at).unwrap_or("").split_whitespace();
    let block = match (words.next(), words.next()) {
        (Some(kind @ ("theme" | "criterion")), Some(id)) => format!("{kind} `{id}`"),
        (Some(kind @ ("evidence" | "scoring" | "score")), _) => format!("the `{kind}` block"),
        _ => "the block opened here".to_string(),
    };
    Some((Span::new(at, at + 1), block))
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
                    format!("brackets are nested more than {max} deep"),
                )
                .with_label("too deep")
                .with_help(if c == '<' {
                    "a list holds single values: write `list<date>`"
                } else {
                    "split the condition into `define`s and use their names"
                }),
            );
        }
    }
    None
}

/// Whether the parser would take this at the start of a line: a criterion
/// line, a block, a `}`.
fn starts_line(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::EOI
            | Rule::file
            | Rule::header
            | Rule::framework_decl
            | Rule::kw_framework
            | Rule::rbrace
            | Rule::criterion
            | Rule::kw_criterion
            | Rule::language_decl
            | Rule::kw_language
            | Rule::validity_decl
            | Rule::kw_validity
            | Rule::evidence_block
            | Rule::kw_evidence
            | Rule::evidence_decl
            | Rule::define
            | Rule::kw_define
            | Rule::theme
            | Rule::kw_theme
            | Rule::theme_rule
            | Rule::scoring
            | Rule::kw_scoring
            | Rule::certified_rule
            | Rule::kw_certified
            | Rule::level
            | Rule::otherwise
    )
}

/// Whether the parser would take a new criterion line here (and not, say,
/// the `score` or `mandatory` of a scoring rule).
fn criterion_lines(rules: &[Rule]) -> bool {
    rules.iter().filter(|r| is_attribute(**r)).count() >= 3
}

fn is_attribute(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::mandatory
            | Rule::kw_mandatory
            | Rule::weight
            | Rule::kw_weight
            | Rule::legal
            | Rule::kw_legal
            | Rule::owner
            | Rule::kw_owner
            | Rule::applies
            | Rule::kw_applies
            | Rule::require
            | Rule::kw_require
            | Rule::score_block
            | Rule::kw_score
            | Rule::guidance
            | Rule::kw_guidance
    )
}

/// Whatever may follow a complete value inside a condition.
fn continues_condition(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::compare
            | Rule::cmp_op
            | Rule::add_op
            | Rule::mul_op
            | Rule::kw_and
            | Rule::kw_or
            | Rule::kw_not
            | Rule::not_in_set
            | Rule::kw_in
            | Rule::in_set
            | Rule::kw_within
            | Rule::within
            | Rule::kw_before
            | Rule::before
            | Rule::kw_after
            | Rule::after
    )
}

fn is_item_keyword(word: &str) -> bool {
    matches!(
        word,
        "evidence" | "define" | "theme" | "scoring" | "criterion"
    )
}

/// Words for what the parser expected, deduplicated, in a stable order: a
/// closing bracket first, then keywords, then kinds of line and value.
fn describe(rules: &[Rule]) -> String {
    let value_rules = [
        Rule::percent,
        Rule::date,
        Rule::number,
        Rule::string,
        Rule::boolean,
        Rule::present,
        Rule::count,
        Rule::path,
    ];
    let is_value = rules.iter().filter(|r| value_rules.contains(r)).count() >= 3;
    let attributes = criterion_lines(rules);
    let continuations = rules.iter().filter(|r| continues_condition(**r)).count() >= 3;
    let has_items = rules.iter().any(|r| *r != Rule::EOI && starts_line(*r));

    let mut words: Vec<(u8, &str)> = Vec::new();
    let mut add = |rank: u8, word: &'static str| {
        if !word.is_empty() && !words.iter().any(|(_, w)| *w == word) {
            words.push((rank, word));
        }
    };
    for rule in rules {
        match rule {
            Rule::rbrace | Rule::rparen | Rule::rangle => add(0, rule_word(*rule)),
            // Where more could follow, "the end of the file" is no help.
            Rule::EOI if has_items => {}
            r if attributes && is_attribute(*r) => add(3, "a criterion line"),
            r if is_value && (value_rules.contains(r) || matches!(r, Rule::neg | Rule::not_op)) => {
                add(4, "a value or an evidence path");
            }
            r if continuations && continues_condition(*r) => {
                add(5, "an operator such as `>=` or `and`");
            }
            r => add(2, rule_word(*r)),
        }
    }
    words.sort_by_key(|(rank, _)| *rank);
    match words.as_slice() {
        [] => String::new(),
        [(_, one)] => (*one).to_string(),
        [rest @ .., (_, last)] => {
            let rest: Vec<&str> = rest.iter().map(|(_, w)| *w).collect();
            format!("{} or {last}", rest.join(", "))
        }
    }
}

/// The keyword a rule starts with, for "did you mean ...?".
fn keyword_of(rule: Rule) -> &'static [&'static str] {
    match rule {
        Rule::mandatory | Rule::kw_mandatory => &["mandatory"],
        Rule::weight | Rule::kw_weight => &["weight"],
        Rule::legal | Rule::kw_legal => &["legal"],
        Rule::owner | Rule::kw_owner => &["owner"],
        Rule::applies | Rule::kw_applies => &["applies"],
        Rule::require | Rule::kw_require => &["require"],
        Rule::score_block | Rule::kw_score | Rule::score_at_least => &["score"],
        Rule::guidance | Rule::kw_guidance => &["guidance"],
        Rule::criterion | Rule::kw_criterion => &["criterion"],
        Rule::theme | Rule::kw_theme | Rule::theme_rule => &["theme"],
        Rule::define | Rule::kw_define => &["define"],
        Rule::evidence_block | Rule::kw_evidence => &["evidence"],
        Rule::scoring | Rule::kw_scoring => &["scoring"],
        Rule::file | Rule::header | Rule::framework_decl | Rule::kw_framework => &["framework"],
        Rule::language_decl | Rule::kw_language => &["language"],
        Rule::validity_decl | Rule::kw_validity => &["validity"],
        Rule::certified_rule | Rule::kw_certified => &["certified"],
        Rule::all_mandatory | Rule::kw_all => &["all"],
        Rule::kw_version => &["version"],
        Rule::kw_when => &["when"],
        Rule::kw_else => &["else"],
        Rule::kw_otherwise | Rule::otherwise => &["otherwise"],
        Rule::kw_passes => &["passes"],
        Rule::kw_pass => &["pass"],
        Rule::kw_themes => &["themes"],
        Rule::kw_and => &["and"],
        Rule::kw_or => &["or"],
        Rule::kw_within | Rule::within => &["within"],
        Rule::kw_before | Rule::before => &["before"],
        Rule::kw_after | Rule::after => &["after"],
        Rule::kw_list => &["list"],
        Rule::kw_enum => &["enum"],
        Rule::type_expr | Rule::scalar_type => &[
            "bool", "int", "number", "percent", "date", "text", "list", "enum",
        ],
        Rule::unit => &["days", "weeks", "months", "years"],
        _ => &[],
    }
}

/// Dutch words authors write for an English keyword of the language.
const DUTCH: &[(&str, &str)] = &[
    ("datum", "date"),
    ("tekst", "text"),
    ("getal", "number"),
    ("geheel", "int"),
    ("lijst", "list"),
    ("ja_nee", "bool"),
    ("dag", "days"),
    ("dagen", "days"),
    ("week", "weeks"),
    ("weken", "weeks"),
    ("maand", "months"),
    ("maanden", "months"),
    ("jaar", "years"),
    ("jaren", "years"),
    ("verplicht", "mandatory"),
    ("gewicht", "weight"),
    ("eigenaar", "owner"),
    ("wet", "legal"),
    ("eis", "require"),
    ("anders", "else"),
    ("wanneer", "when"),
    ("binnen", "within"),
    ("voor", "before"),
    ("na", "after"),
    ("en", "and"),
    ("of", "or"),
    ("niet", "not"),
];

/// The keyword the author probably meant, if `word` is close to one that
/// may stand here.
fn meant_keyword(rules: &[Rule], word: &str) -> Option<&'static str> {
    let candidates: Vec<&'static str> =
        rules.iter().flat_map(|r| keyword_of(*r)).copied().collect();
    let lower = word.to_lowercase();
    if let Some((_, english)) = DUTCH.iter().find(|(dutch, _)| *dutch == lower) {
        if candidates.contains(english) {
            return Some(english);
        }
    }
    crate::suggest::nearest(&lower, candidates.iter().copied()).or_else(|| {
        candidates
            .iter()
            .copied()
            .find(|c| *c == lower && *c != word)
    })
}

const CRITERION_LINES: &str =
    "a criterion holds the lines `mandatory`, `weight`, `legal`, `owner`, `applies when`, `require`, `score` and `guidance`";

fn help_for(rules: &[Rule], found: &Found, line: &str, needs_brace: bool) -> String {
    if found.kind == FoundKind::Word {
        if let Some(keyword) = meant_keyword(rules, &found.text) {
            return format!("did you mean `{keyword}`?");
        }
    }
    // `=>` and `=<`: a comparison written back to front.
    let compares = rules.contains(&Rule::compare) || rules.contains(&Rule::cmp_op);
    match found.text.as_str() {
        "=>" if compares || rules.contains(&Rule::at_least) => {
            return "did you mean `>=`?".to_string()
        }
        "=<" if compares => return "did you mean `<=`?".to_string(),
        _ => {}
    }
    if found.kind == FoundKind::End {
        return if rules.contains(&Rule::kw_framework) {
            r#"a framework file starts with `framework ID "title" version "1"`"#.to_string()
        } else if needs_brace {
            "the file ends before this block is closed: add the missing `}`".to_string()
        } else {
            "the file stops in the middle of a line: is the rest of it missing?".to_string()
        };
    }
    if needs_brace {
        return format!(
            "`{}` cannot stand inside a block: is a `}}` missing above this line?",
            found.text
        );
    }
    let has = |rule: Rule| rules.contains(&rule);
    let continues = rules.iter().any(|r| continues_condition(*r));
    if criterion_lines(rules) {
        return if continues {
            format!("{CRITERION_LINES}; `{}` is none of them, and it does not continue the condition either", found.text)
        } else {
            format!("{CRITERION_LINES}; `{}` is none of them", found.text)
        };
    }
    if has(Rule::kw_criterion) || has(Rule::criterion) {
        return r#"a theme holds only `criterion` blocks: `criterion ID "title" { ... }`"#
            .to_string();
    }
    if has(Rule::type_expr) || has(Rule::scalar_type) {
        return "the types are bool, int, number, percent, date, text, enum(a, b) and list<T>"
            .to_string();
    }
    if has(Rule::unit) {
        return "write a period as a whole number and a unit: `12 months`, `30 days`, `2 years`"
            .to_string();
    }
    if has(Rule::at_least) || (has(Rule::percent) && rules.len() == 1) {
        return "write a theme's threshold as `score >= 60%`".to_string();
    }
    if line == "define" && has(Rule::equals) {
        return "a define's name is one word without dots, such as `define recent_monitor = ...`"
            .to_string();
    }
    if has(Rule::colon) {
        return r#"declare evidence as `path : type "label"`, such as `monitor.last_run : date "Datum laatste monitor"`"#.to_string();
    }
    if has(Rule::string) && rules.len() == 1 {
        return match line {
            "criterion" => r#"give the criterion an id and a title: `criterion S1 "Titel" {`"#,
            "theme" => r#"give the theme an id and a title: `theme sociaal "Titel" {`"#,
            "framework" => r#"the first line reads `framework ID "title" version "1"`"#,
            _ => r#"write the text between double quotes, such as `"Titel"`"#,
        }
        .to_string();
    }
    if has(Rule::integer) && rules.len() == 1 {
        return match line {
            "weight" => "write the weight as a whole number, such as `weight 2`",
            "validity" => "write the validity as a period, such as `validity 36 months`",
            _ => "write a whole number, such as `12 months` or `2 when ...`",
        }
        .to_string();
    }
    if has(Rule::ident) && rules.len() == 1 {
        return "write a name of letters, digits and `_`, starting with a letter (a name cannot be a keyword such as `theme` or `score`)".to_string();
    }
    let scoring_words = [
        Rule::kw_certified,
        Rule::certified_rule,
        Rule::kw_passes,
        Rule::kw_pass,
        Rule::kw_all,
        Rule::all_mandatory,
        Rule::score_at_least,
        Rule::kw_themes,
    ];
    if rules.iter().any(|r| scoring_words.contains(r)) {
        return "a scoring rule reads `theme passes when all mandatory pass and score >= 60%` or `certified when all themes pass`".to_string();
    }
    if has(Rule::kw_framework) {
        return r#"a framework file starts with `framework ID "title" version "1"`"#.to_string();
    }
    if has(Rule::kw_theme) || has(Rule::theme) {
        return "after the header come the `evidence` block, `define`s, `theme`s and the `scoring` block".to_string();
    }
    if has(Rule::not_expr) || has(Rule::expr) || describe(rules).contains("a value") {
        return "complete the condition: `and`, `or` and a comparison need a value on each side"
            .to_string();
    }
    if has(Rule::kw_when) {
        return "a score level reads `2 when CONDITION`, and `applies` reads `applies when CONDITION`".to_string();
    }
    let expected = describe(rules);
    if expected.is_empty() && found.text == "}" {
        "this `}` closes no block: remove it".to_string()
    } else if expected.is_empty() {
        "check the line against the examples in docs/language.md".to_string()
    } else {
        format!("write {expected} here")
    }
}

fn rule_word(rule: Rule) -> &'static str {
    match rule {
        Rule::EOI => "the end of the file",
        Rule::file | Rule::header | Rule::framework_decl | Rule::kw_framework => "`framework`",
        Rule::language_decl | Rule::kw_language => "`language`",
        Rule::validity_decl | Rule::kw_validity => "`validity`",
        Rule::evidence_block | Rule::kw_evidence => "`evidence`",
        Rule::evidence_decl => "an evidence declaration",
        Rule::type_expr | Rule::scalar_type | Rule::list_type | Rule::enum_type => "a type",
        Rule::kw_list => "`list`",
        Rule::kw_enum => "`enum`",
        Rule::define | Rule::kw_define => "`define`",
        Rule::theme | Rule::kw_theme | Rule::theme_rule => "`theme`",
        Rule::criterion | Rule::kw_criterion => "`criterion`",
        Rule::mandatory | Rule::kw_mandatory => "`mandatory`",
        Rule::weight | Rule::kw_weight => "`weight`",
        Rule::legal | Rule::kw_legal => "`legal`",
        Rule::owner | Rule::kw_owner => "`owner`",
        Rule::applies | Rule::kw_applies => "`applies when`",
        Rule::require | Rule::kw_require => "`require`",
        Rule::score_block | Rule::kw_score | Rule::score_at_least => "`score`",
        Rule::level => "a level (`2 when ...`)",
        Rule::otherwise | Rule::kw_otherwise => "`otherwise`",
        Rule::guidance | Rule::kw_guidance => "`guidance`",
        Rule::scoring | Rule::kw_scoring => "`scoring`",
        Rule::certified_rule | Rule::kw_certified => "`certified`",
        Rule::all_mandatory | Rule::kw_all => "`all`",
        Rule::kw_passes => "`passes`",
        Rule::kw_pass => "`pass`",
        Rule::kw_themes => "`themes`",
        Rule::kw_version => "`version`",
        Rule::kw_when => "`when`",
        Rule::kw_else => "`else`",
        Rule::kw_and => "`and`",
        Rule::kw_or => "`or`",
        Rule::kw_not | Rule::not_op => "`not`",
        Rule::kw_in | Rule::in_set => "`in`",
        Rule::not_in_set => "`not in`",
        Rule::kw_within | Rule::within => "`within`",
        Rule::kw_before | Rule::before => "`before`",
        Rule::kw_after | Rule::after => "`after`",
        Rule::kw_present | Rule::present => "`present(...)`",
        Rule::kw_count | Rule::count => "`count(...)`",
        Rule::compare | Rule::cmp_op => "a comparison such as `>=`",
        Rule::at_least => "`>=`",
        Rule::add_op | Rule::mul_op => "an operator",
        Rule::set => "`{`",
        Rule::unit => "a unit (`days`, `weeks`, `months` or `years`)",
        Rule::percent => "a percentage",
        Rule::date => "a date",
        Rule::number | Rule::decimal => "a number",
        Rule::integer => "a whole number",
        Rule::boolean => "`true` or `false`",
        Rule::string | Rule::string_inner => "a text in double quotes",
        Rule::path | Rule::segment => "an evidence path",
        Rule::ident => "a name",
        Rule::expr
        | Rule::or_expr
        | Rule::and_expr
        | Rule::not_expr
        | Rule::test
        | Rule::sum
        | Rule::product
        | Rule::unary
        | Rule::neg => "a condition",
        Rule::lbrace => "`{`",
        Rule::rbrace => "`}`",
        Rule::lparen => "`(`",
        Rule::rparen => "`)`",
        Rule::langle => "`<`",
        Rule::rangle => "`>`",
        Rule::colon => "`:`",
        Rule::equals => "`=`",
        Rule::comma => "`,`",
        _ => "",
    }
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
