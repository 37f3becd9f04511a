//! Lowering: pest's pairs → the typed syntax tree, with the errors only
//! lowering finds (a bad escape, an impossible date, a number too large, a
//! chain too long, a tree too deep). pest's `Pairs` never leave `syntax/`.

use std::str::FromStr;

use jiff::civil::Date;
use pest::iterators::{Pair, Pairs};
use rust_decimal::Decimal;

use super::ast::*;
use super::grammar::Rule;
use super::wording::code_end_before;
use crate::diagnostic::{say, Arg, Diagnostic, Diagnostics, Text};
use crate::value::{english_ordinal, NoSuchDate};

/// How many operands one chain of `and`, `or`, `+` or `*` may have.
pub const MAX_CHAIN: usize = 512;

/// How deeply one condition's tree may nest in all. Brackets are measured
/// before pest runs, but a run of `not`s or a long `+` chain (which nests to
/// the left) deepens the tree too, and the later stages walk it recursively:
/// at this depth a debug build still checks, compiles and evaluates a
/// framework on a thread with a 2 MiB stack. Far deeper than any condition a
/// person writes.
pub const MAX_DEPTH: usize = 128;

pub(super) type ParseResult<T> = Result<T, Box<Diagnostic>>;

/// The span of a pair without trailing blanks and comments: pest counts the
/// whitespace it skipped before an optional part that did not match as part
/// of the rule, and an underline or a condition's notation must not.
fn span_of(pair: &Pair<'_, Rule>) -> Span {
    let s = pair.as_span();
    let text = pair.as_str();
    Span::new(s.start(), s.start() + code_end_before(text, text.len()))
}

pub(super) fn internal(span: Span) -> Box<Diagnostic> {
    Box::new(Diagnostic::error("E0000", span, say!(ParserDefect)).with_help(say!(ReportDefect)))
}

/// The next child, which the grammar guarantees; a defect if absent.
fn next<'a>(pairs: &mut Pairs<'a, Rule>, parent: Span) -> ParseResult<Pair<'a, Rule>> {
    pairs.next().ok_or_else(|| internal(parent))
}

pub(super) struct Lower {
    pub(super) diagnostics: Diagnostics,
    /// Whether the file is a layer (`extends` in its header): only there
    /// may a theme block leave out its title.
    pub(super) layered: bool,
}

impl Lower {
    pub(super) fn file(&mut self, pair: Pair<'_, Rule>) -> ParseResult<File> {
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

    /// The declarations of a block (`evidence { … }`, `owners { … }`), each
    /// lowered by `lower`.
    fn declarations<T>(
        &mut self,
        block: Pair<'_, Rule>,
        rule: Rule,
        lower: fn(&mut Self, Pair<'_, Rule>) -> ParseResult<T>,
    ) -> ParseResult<Vec<T>> {
        block
            .into_inner()
            .filter(|p| p.as_rule() == rule)
            .map(|p| lower(self, p))
            .collect()
    }

    pub(super) fn item(&mut self, item: Pair<'_, Rule>) -> ParseResult<Item> {
        let item_span = span_of(&item);
        match item.as_rule() {
            Rule::evidence_block => {
                let decls = self.declarations(item, Rule::evidence_decl, Self::evidence_decl)?;
                Ok(Item::Evidence(Node::new(decls, item_span)))
            }
            Rule::owners_block => {
                let decls = self.declarations(item, Rule::owner_decl, Self::owner_decl)?;
                Ok(Item::Owners(Node::new(decls, item_span)))
            }
            Rule::define => Ok(Item::Define(self.define(item)?)),
            Rule::theme => Ok(Item::Theme(self.theme(item)?)),
            Rule::tighten => {
                let mut inner = item.into_inner().filter(|p| !is_token(p.as_rule()));
                let id = name(&next_of(&mut inner, item_span)?);
                let attrs = inner
                    .map(|p| self.attr(p))
                    .collect::<ParseResult<Vec<_>>>()?;
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
                    .collect::<ParseResult<Vec<_>>>()?;
                Ok(Item::Scoring(Node::new(rules, item_span)))
            }
            _ => Err(internal(item_span)),
        }
    }

    pub(super) fn header(&mut self, pair: Pair<'_, Rule>) -> ParseResult<Header> {
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
            midterm: None,
            audit_verified: None,
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
                Rule::midterm_decl => {
                    let mut parts = attr.into_inner().filter(|p| !is_token(p.as_rule()));
                    let amount = self.integer(&next_of(&mut parts, attr_span)?);
                    let unit = unit(&next_of(&mut parts, attr_span)?)?;
                    if header.midterm.is_some() {
                        self.diagnostics.push(duplicate_attr("midterm", attr_span));
                    }
                    let amount = self.period_amount(amount);
                    header.midterm = Some(Node::new(Period { amount, unit }, attr_span));
                }
                Rule::audit_verified => {
                    if header.audit_verified.is_some() {
                        self.diagnostics
                            .push(duplicate_attr("audit requires verified", attr_span));
                    }
                    header.audit_verified = Some(attr_span);
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

    fn evidence_decl(&mut self, pair: Pair<'_, Rule>) -> ParseResult<EvidenceDecl> {
        let span = span_of(&pair);
        let mut inner = pair.into_inner().filter(|p| !is_token(p.as_rule()));
        let path = name(&next_of(&mut inner, span)?);
        let ty = self.type_expr(next_of(&mut inner, span)?)?;
        let label = inner.next().map(|p| self.string(&p));
        Ok(EvidenceDecl { path, ty, label })
    }

    fn owner_decl(&mut self, pair: Pair<'_, Rule>) -> ParseResult<OwnerDecl> {
        let span = span_of(&pair);
        let mut inner = pair.into_inner();
        let id = name(&next_of(&mut inner, span)?);
        let (mut label, mut contact, mut lead) = (None, None, None);
        for part in inner {
            let rule = part.as_rule();
            if rule == Rule::string {
                label = Some(self.string(&part));
                continue;
            }
            let value = part.into_inner().find(|p| !is_token(p.as_rule()));
            match (rule, value) {
                (Rule::owner_contact, Some(path)) => contact = Some(name(&path)),
                (Rule::owner_lead, Some(id)) => lead = Some(name(&id)),
                _ => return Err(internal(span)),
            }
        }
        Ok(OwnerDecl {
            id,
            name: label,
            contact,
            lead,
        })
    }

    fn type_expr(&mut self, pair: Pair<'_, Rule>) -> ParseResult<Node<TypeExpr>> {
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

    fn define(&mut self, pair: Pair<'_, Rule>) -> ParseResult<Define> {
        let span = span_of(&pair);
        let mut inner = pair.into_inner().filter(|p| !is_token(p.as_rule()));
        let name = name(&next_of(&mut inner, span)?);
        let expr = self.expr(next_of(&mut inner, span)?)?;
        Ok(Define { name, expr, span })
    }

    fn theme(&mut self, pair: Pair<'_, Rule>) -> ParseResult<Theme> {
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
                        say!(ExpectedFound, say!(TextInQuotes), "{"),
                    )
                    .with_label(say!(ExpectedLabel, say!(TextInQuotes)))
                    .with_help(say!(GiveThemeIdTitle)),
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

    pub(super) fn criterion(&mut self, pair: Pair<'_, Rule>) -> ParseResult<Criterion> {
        let span = span_of(&pair);
        let mut inner = pair.into_inner().filter(|p| !is_token(p.as_rule()));
        let id = name(&next_of(&mut inner, span)?);
        let title = self.string(&next_of(&mut inner, span)?);
        let attrs = inner
            .map(|p| self.attr(p))
            .collect::<ParseResult<Vec<_>>>()?;
        Ok(Criterion {
            id,
            title,
            attrs,
            span,
        })
    }

    fn attr(&mut self, pair: Pair<'_, Rule>) -> ParseResult<Node<Attr>> {
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
            Rule::audit_verified => Attr::AuditVerified,
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

    fn scoring_rule(&mut self, pair: Pair<'_, Rule>) -> ParseResult<ScoringRule> {
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

    fn expr(&mut self, pair: Pair<'_, Rule>) -> ParseResult<Expr> {
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
    fn deep_expr(&mut self, pair: Pair<'_, Rule>) -> ParseResult<(Expr, usize)> {
        let pair = innermost(pair);
        match pair.as_rule() {
            Rule::expr => self.logic(pair, LogicOp::Or),
            Rule::and_expr => self.logic(pair, LogicOp::And),
            Rule::not_expr => self.prefixed(pair, Rule::not_op, ExprKind::Not),
            Rule::test => self.test(pair),
            Rule::sum | Rule::product => self.arith(pair),
            Rule::unary => self.prefixed(pair, Rule::neg, ExprKind::Neg),
            Rule::count => self.count(pair),
            _ => self.leaf(pair),
        }
    }

    /// Every expression inside `pair` (its tokens left out), and the depth
    /// of the deepest.
    fn deep_exprs(&mut self, pair: Pair<'_, Rule>) -> ParseResult<(Vec<Expr>, usize)> {
        let mut exprs = Vec::new();
        let mut depth = 0;
        for part in pair.into_inner().filter(|p| !is_token(p.as_rule())) {
            let (expr, d) = self.deep_expr(part)?;
            exprs.push(expr);
            depth = depth.max(d);
        }
        Ok((exprs, depth))
    }

    /// `a or b or c`, `a and b`.
    fn logic(&mut self, pair: Pair<'_, Rule>, op: LogicOp) -> ParseResult<(Expr, usize)> {
        let span = span_of(&pair);
        let (operands, depth) = self.deep_exprs(pair)?;
        self.chain(span, operands.len())?;
        match <[Expr; 1]>::try_from(operands) {
            Ok([single]) => Ok((single, depth)),
            Err(operands) => Ok((
                Node::new(ExprKind::Logic(op, operands), span),
                deeper(depth, span)?,
            )),
        }
    }

    /// Prefix operators before an operand (`not not a`, `- - a`): each
    /// wraps what follows it, the innermost first.
    fn prefixed(
        &mut self,
        pair: Pair<'_, Rule>,
        op: Rule,
        wrap: fn(Box<Expr>) -> ExprKind,
    ) -> ParseResult<(Expr, usize)> {
        let span = span_of(&pair);
        let mut ops = Vec::new();
        let mut operand = None;
        for part in pair.into_inner().filter(|p| !is_token(p.as_rule())) {
            if part.as_rule() == op {
                ops.push(span_of(&part));
            } else {
                operand = Some(self.deep_expr(part)?);
            }
        }
        let (mut expr, mut depth) = operand.ok_or_else(|| internal(span))?;
        for op_span in ops.into_iter().rev() {
            let whole = op_span.to(expr.span);
            depth = deeper(depth, whole)?;
            expr = Node::new(wrap(Box::new(expr)), whole);
        }
        Ok((expr, depth))
    }

    /// A value with a comparison, window, bound or membership after it.
    fn test(&mut self, pair: Pair<'_, Rule>) -> ParseResult<(Expr, usize)> {
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
    fn arith(&mut self, pair: Pair<'_, Rule>) -> ParseResult<(Expr, usize)> {
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

    /// `count(list)`, `count(list FILTER)`.
    fn count(&mut self, pair: Pair<'_, Rule>) -> ParseResult<(Expr, usize)> {
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
    fn leaf(&mut self, pair: Pair<'_, Rule>) -> ParseResult<(Expr, usize)> {
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

    fn chain(&mut self, span: Span, operands: usize) -> ParseResult<()> {
        if operands > MAX_CHAIN {
            return Err(Box::new(
                Diagnostic::error("E0103", span, say!(ChainTooLong, MAX_CHAIN.to_string()))
                    .with_help(say!(SplitIntoDefinesShort)),
            ));
        }
        Ok(())
    }

    /// A window, bound, membership or comparison, and the depth of the
    /// deepest expression in it.
    fn filter(&mut self, pair: Pair<'_, Rule>) -> ParseResult<(Node<Filter>, usize)> {
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
                let (set, depth) = self.deep_exprs(next_of(&mut parts, span)?)?;
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
                            say!(UnknownEscape, other.to_string()),
                        )
                        .with_help(say!(EscapeHelp)),
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
                            say!(UnknownEscape, other.to_string()),
                        )
                        .with_help(say!(EscapeHelp)),
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
                                    say!(BraceNeverClosed),
                                )
                                .with_label(say!(PlaceholderStarts))
                                .with_help(say!(ClosePlaceholder)),
                            );
                        }
                    }
                }
                '}' => self.diagnostics.push(
                    Diagnostic::error(
                        "E0105",
                        Span::new(base + i, base + i + 1),
                        say!(ClosesNoPlaceholder),
                    )
                    .with_help(say!(WriteClosingBrace)),
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
                    Diagnostic::error("E0106", amount.span, say!(PeriodTooLong))
                        .with_help(say!(PeriodAtMost)),
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
                let mut d = Diagnostic::error("E0107", span_of(pair), say!(NotInCalendar, text))
                    .with_help(say!(WriteExistingDate));
                if let Some(why) = crate::value::no_such_date(text) {
                    d = d.with_label(no_such_date_in_words(why));
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
) -> ParseResult<Pair<'a, Rule>> {
    pairs.next().ok_or_else(|| internal(parent))
}

/// The innermost of a run of expression levels that each hold one
/// operand and no operator: `expr`, `and_expr`, ... `unary`, and the bracket
/// of an atom. Such a level adds nothing to the tree, so it is passed
/// without recursion.
fn innermost(mut pair: Pair<'_, Rule>) -> Pair<'_, Rule> {
    loop {
        if !pair.as_rule().is_expression_level() {
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

fn unit(pair: &Pair<'_, Rule>) -> ParseResult<Unit> {
    match pair.as_str().trim() {
        "day" | "days" => Ok(Unit::Days),
        "week" | "weeks" => Ok(Unit::Weeks),
        "month" | "months" => Ok(Unit::Months),
        "year" | "years" => Ok(Unit::Years),
        _ => Err(internal(span_of(pair))),
    }
}

fn compare_op(pair: &Pair<'_, Rule>) -> ParseResult<CompareOp> {
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
fn deeper(depth: usize, span: Span) -> ParseResult<usize> {
    if depth >= MAX_DEPTH {
        return Err(Box::new(
            Diagnostic::error("E0110", span, say!(NestedLevels, MAX_DEPTH.to_string()))
                .with_help(say!(SplitIntoDefines)),
        ));
    }
    Ok(depth + 1)
}

fn too_large(span: Span) -> Diagnostic {
    Diagnostic::error("E0108", span, say!(NumberTooLarge)).with_help(say!(SignificantDigits))
}

/// Why a date is not in the calendar, in the diagnostic's language.
fn no_such_date_in_words(why: NoSuchDate) -> Text {
    match why {
        NoSuchDate::Month(month) => say!(NoMonth, month.to_string()),
        NoSuchDate::DayZero => say!(NoDayZero),
        NoSuchDate::PastMonthEnd { month, year, day } => say!(
            NoSuchDay,
            Arg::Month(month),
            year.to_string(),
            say!(DayOrdinal, day.to_string(), english_ordinal(day)),
        ),
    }
}

fn duplicate_attr(what: &str, span: Span) -> Diagnostic {
    Diagnostic::error("E0109", span, say!(AttrTwice, what)).with_help(say!(KeepOneLine, what))
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
            | Rule::kw_midterm
            | Rule::kw_audit
            | Rule::kw_requires
            | Rule::kw_verified
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
            | Rule::kw_owners
            | Rule::kw_contact
            | Rule::kw_lead
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
