//! pest → typed AST. pest's `Pairs` never leave this file.

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

type Lowered<T> = Result<T, Box<Diagnostic>>;

/// Parses a framework file into its syntax tree, or every syntax error found.
pub fn parse(source: &str) -> Result<File, Diagnostics> {
    if let Some(diagnostic) = check_nesting(source) {
        return Err(Diagnostics::from_iter([diagnostic]));
    }
    let mut pairs = KaderParser::parse(Rule::file, source)
        .map_err(|e| Diagnostics::from_iter([parse_error(source, e)]))?;
    let mut lower = Lower {
        diagnostics: Diagnostics::new(),
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

/// Refuses brackets nested deeper than [`MAX_NESTING`] before pest recurses.
fn check_nesting(source: &str) -> Option<Diagnostic> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut in_comment = false;
    let mut prev = '\0';
    for (offset, c) in source.char_indices() {
        if in_comment {
            in_comment = c != '\n';
        } else if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' || c == '\n' {
                in_string = false;
            }
        } else {
            match c {
                '"' => in_string = true,
                '/' if prev == '/' => in_comment = true,
                '(' | '{' | '<' => {
                    depth += 1;
                    if depth > MAX_NESTING {
                        return Some(
                            Diagnostic::error(
                                "E0102",
                                Span::new(offset, offset + 1),
                                format!("brackets are nested more than {MAX_NESTING} deep"),
                            )
                            .with_label("too deep")
                            .with_help("split the condition into `define`s"),
                        );
                    }
                }
                ')' | '}' | '>' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        prev = c;
    }
    None
}

fn span_of(pair: &Pair<'_, Rule>) -> Span {
    let s = pair.as_span();
    Span::new(s.start(), s.end())
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
}

impl Lower {
    fn file(&mut self, pair: Pair<'_, Rule>) -> Lowered<File> {
        let span = span_of(&pair);
        let mut inner = pair.into_inner();
        let header = self.header(next(&mut inner, span)?)?;
        let mut items = Vec::new();
        for item in inner {
            let item_span = span_of(&item);
            match item.as_rule() {
                Rule::evidence_block => {
                    let decls = item
                        .into_inner()
                        .filter(|p| p.as_rule() == Rule::evidence_decl)
                        .map(|p| self.evidence_decl(p))
                        .collect::<Lowered<Vec<_>>>()?;
                    items.push(Item::Evidence(Node::new(decls, item_span)));
                }
                Rule::define => items.push(Item::Define(self.define(item)?)),
                Rule::theme => items.push(Item::Theme(self.theme(item)?)),
                Rule::scoring => {
                    let rules = item
                        .into_inner()
                        .filter(|p| !is_token(p.as_rule()) && p.as_rule() != Rule::kw_scoring)
                        .map(|p| self.scoring_rule(p))
                        .collect::<Lowered<Vec<_>>>()?;
                    items.push(Item::Scoring(Node::new(rules, item_span)));
                }
                Rule::EOI => {}
                _ => return Err(internal(item_span)),
            }
        }
        Ok(File { header, items })
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
        let mut inner = pair.into_inner().filter(|p| !is_token(p.as_rule()));
        let id = name(&next_of(&mut inner, span)?);
        let title = self.string(&next_of(&mut inner, span)?);
        let criteria = inner
            .map(|p| self.criterion(p))
            .collect::<Lowered<Vec<_>>>()?;
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
                        Rule::otherwise => otherwise = Some(level),
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
        let span = span_of(&pair);
        match pair.as_rule() {
            Rule::expr => {
                let inner = next(&mut pair.into_inner(), span)?;
                self.expr(inner)
            }
            Rule::or_expr | Rule::and_expr => {
                let op = if pair.as_rule() == Rule::or_expr {
                    LogicOp::Or
                } else {
                    LogicOp::And
                };
                let operands = pair
                    .into_inner()
                    .filter(|p| !is_token(p.as_rule()))
                    .map(|p| self.expr(p))
                    .collect::<Lowered<Vec<_>>>()?;
                self.chain(span, operands.len())?;
                match <[Expr; 1]>::try_from(operands) {
                    Ok([single]) => Ok(single),
                    Err(operands) => Ok(Node::new(ExprKind::Logic(op, operands), span)),
                }
            }
            Rule::not_expr => {
                let mut nots = Vec::new();
                let mut test = None;
                for part in pair.into_inner() {
                    match part.as_rule() {
                        Rule::not_op => nots.push(span_of(&part)),
                        _ => test = Some(self.expr(part)?),
                    }
                }
                let mut expr = test.ok_or_else(|| internal(span))?;
                for not_span in nots.into_iter().rev() {
                    let whole = not_span.to(expr.span);
                    expr = Node::new(ExprKind::Not(Box::new(expr)), whole);
                }
                Ok(expr)
            }
            Rule::test => {
                let mut inner = pair.into_inner();
                let subject = self.expr(next(&mut inner, span)?)?;
                match inner.next() {
                    None => Ok(subject),
                    Some(suffix) if suffix.as_rule() == Rule::compare => {
                        let suffix_span = span_of(&suffix);
                        let mut parts = suffix.into_inner();
                        let op = compare_op(&next(&mut parts, suffix_span)?)?;
                        let rhs = self.expr(next(&mut parts, suffix_span)?)?;
                        Ok(Node::new(
                            ExprKind::Compare(op, Box::new(subject), Box::new(rhs)),
                            span,
                        ))
                    }
                    Some(suffix) => {
                        let filter = self.filter(suffix)?;
                        Ok(Node::new(
                            ExprKind::Test(Box::new(subject), Box::new(filter)),
                            span,
                        ))
                    }
                }
            }
            Rule::sum | Rule::product => {
                let mut inner = pair.into_inner();
                let mut acc = self.expr(next(&mut inner, span)?)?;
                let mut operands = 1;
                while let Some(op) = inner.next() {
                    let op = match op.as_str() {
                        "+" => ArithOp::Add,
                        "-" => ArithOp::Sub,
                        "*" => ArithOp::Mul,
                        "/" => ArithOp::Div,
                        _ => return Err(internal(span_of(&op))),
                    };
                    let rhs = self.expr(next(&mut inner, span)?)?;
                    operands += 1;
                    self.chain(span, operands)?;
                    let whole = acc.span.to(rhs.span);
                    acc = Node::new(ExprKind::Arith(op, Box::new(acc), Box::new(rhs)), whole);
                }
                Ok(acc)
            }
            Rule::unary => {
                let mut negs = Vec::new();
                let mut atom = None;
                for part in pair.into_inner().filter(|p| !is_token(p.as_rule())) {
                    match part.as_rule() {
                        Rule::neg => negs.push(span_of(&part)),
                        _ => atom = Some(self.expr(part)?),
                    }
                }
                let mut expr = atom.ok_or_else(|| internal(span))?;
                for neg_span in negs.into_iter().rev() {
                    let whole = neg_span.to(expr.span);
                    expr = Node::new(ExprKind::Neg(Box::new(expr)), whole);
                }
                Ok(expr)
            }
            Rule::percent => Ok(Node::new(ExprKind::Percent(self.percent(&pair)), span)),
            Rule::number => Ok(Node::new(ExprKind::Number(self.number(&pair)), span)),
            Rule::date => Ok(Node::new(ExprKind::Date(self.date(&pair)), span)),
            Rule::string => {
                let text = self.string(&pair);
                Ok(Node::new(ExprKind::Text(text.node), span))
            }
            Rule::boolean => Ok(Node::new(ExprKind::Bool(pair.as_str() == "true"), span)),
            Rule::path => Ok(Node::new(ExprKind::Name(pair.as_str().to_string()), span)),
            Rule::present => {
                let mut parts = pair.into_inner().filter(|p| !is_token(p.as_rule()));
                let path = name(&next_of(&mut parts, span)?);
                Ok(Node::new(ExprKind::Present(path), span))
            }
            Rule::count => {
                let mut parts = pair.into_inner().filter(|p| !is_token(p.as_rule()));
                let list = name(&next_of(&mut parts, span)?);
                let filter = match parts.next() {
                    Some(p) => Some(Box::new(self.filter(p)?)),
                    None => None,
                };
                Ok(Node::new(ExprKind::Count { list, filter }, span))
            }
            _ => Err(internal(span)),
        }
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

    fn filter(&mut self, pair: Pair<'_, Rule>) -> Lowered<Node<Filter>> {
        let span = span_of(&pair);
        let rule = pair.as_rule();
        let mut parts = pair.into_inner().filter(|p| !is_token(p.as_rule()));
        let filter = match rule {
            Rule::within => {
                let amount = self.integer(&next_of(&mut parts, span)?);
                let unit = unit(&next_of(&mut parts, span)?)?;
                let amount = self.period_amount(amount);
                Filter::Within(Period { amount, unit })
            }
            Rule::before => Filter::Before(self.expr(next_of(&mut parts, span)?)?),
            Rule::after => Filter::After(self.expr(next_of(&mut parts, span)?)?),
            Rule::in_set | Rule::not_in_set => {
                let set_pair = next_of(&mut parts, span)?;
                let set = set_pair
                    .into_inner()
                    .filter(|p| !is_token(p.as_rule()))
                    .map(|p| self.expr(p))
                    .collect::<Lowered<Vec<_>>>()?;
                Filter::In {
                    negated: rule == Rule::not_in_set,
                    set,
                }
            }
            Rule::compare => {
                let op = compare_op(&next_of(&mut parts, span)?)?;
                Filter::Compare(op, self.expr(next_of(&mut parts, span)?)?)
            }
            _ => return Err(internal(span)),
        };
        Ok(Node::new(filter, span))
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
                        .with_help(r#"the escapes are `\"`, `\\`, `\n`, `\{` and `\}`"#),
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
                        .with_help(r#"the escapes are `\"`, `\\`, `\n`, `\{` and `\}`"#),
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
                self.diagnostics.push(
                    Diagnostic::error(
                        "E0107",
                        span_of(pair),
                        format!("`{text}` is not a date in the calendar"),
                    )
                    .with_help("write an existing date as YYYY-MM-DD, such as `2026-02-28`"),
                );
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
            | Rule::kw_framework
            | Rule::kw_version
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

// ---------------------------------------------------------------- parse errors

/// Turns pest's error into a diagnostic in words a framework author knows.
fn parse_error(source: &str, error: pest::error::Error<Rule>) -> Diagnostic {
    let offset = match error.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((s, _)) => s,
    };
    let found = found_at(source, offset);
    let (expected, help) = match &error.variant {
        pest::error::ErrorVariant::ParsingError { positives, .. } => {
            let words = describe(positives);
            let help = help_for(positives, &found);
            (words, help)
        }
        pest::error::ErrorVariant::CustomError { message } => (message.clone(), None),
    };
    let width = if found.is_eof { 0 } else { found.text.len() };
    let message = if expected.is_empty() {
        format!("unexpected {}", found.describe())
    } else {
        format!("expected {expected}, found {}", found.describe())
    };
    let mut d = Diagnostic::error("E0101", Span::new(offset, offset + width), message);
    if !expected.is_empty() {
        d = d.with_label(format!("expected {expected}"));
    }
    d.with_help(
        help.unwrap_or_else(|| {
            "check the line against the examples in docs/language.md".to_string()
        }),
    )
}

struct Found {
    text: String,
    is_eof: bool,
}

impl Found {
    fn describe(&self) -> String {
        if self.is_eof {
            "the end of the file".to_string()
        } else {
            format!("`{}`", self.text)
        }
    }
}

fn found_at(source: &str, offset: usize) -> Found {
    let rest = source.get(offset..).unwrap_or("");
    let Some(first) = rest.chars().next() else {
        return Found {
            text: String::new(),
            is_eof: true,
        };
    };
    let text: String = if first.is_alphanumeric() || first == '_' {
        rest.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '.')
            .collect()
    } else if first == '"' {
        let body: String = rest
            .chars()
            .skip(1)
            .take_while(|c| *c != '"' && *c != '\n')
            .take(30)
            .collect();
        format!("\"{body}\"")
    } else {
        first.to_string()
    };
    Found {
        text,
        is_eof: false,
    }
}

/// Words for what the parser expected, deduplicated, in a stable order.
fn describe(rules: &[Rule]) -> String {
    let mut words: Vec<&str> = Vec::new();
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
    if is_value {
        words.push("a value or an evidence path");
    }
    for rule in rules {
        if is_value && (value_rules.contains(rule) || matches!(rule, Rule::neg | Rule::not_op)) {
            continue;
        }
        let word = rule_word(*rule);
        if !word.is_empty() && !words.contains(&word) {
            words.push(word);
        }
    }
    match words.as_slice() {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

fn help_for(rules: &[Rule], found: &Found) -> Option<String> {
    if found.is_eof
        && rules
            .iter()
            .any(|r| matches!(r, Rule::criterion | Rule::kw_criterion))
    {
        return Some("the file ends inside a theme: close every `{` with a `}`".to_string());
    }
    if found.is_eof {
        return Some(
            "the file ends too early: is a `}` or the rest of a line missing?".to_string(),
        );
    }
    if (rules.contains(&Rule::kw_else) || rules.contains(&Rule::cmp_op))
        && found.text.starts_with('"')
    {
        return Some("a message after a requirement starts with `else`: `require CONDITION else \"message\"`".to_string());
    }
    if rules.contains(&Rule::kw_criterion) {
        return Some(
            "a theme holds only `criterion` blocks: `criterion ID \"title\" { ... }`".to_string(),
        );
    }
    if rules.contains(&Rule::mandatory) || rules.contains(&Rule::require) {
        return Some(format!(
            "a criterion holds the lines `mandatory`, `weight`, `legal`, `owner`, `applies when`, `require`, `score` and `guidance`; `{}` is none of them",
            found.text
        ));
    }
    if rules.contains(&Rule::scalar_type) {
        return Some(
            "the types are bool, int, number, percent, date, text, enum(a, b) and list<T>"
                .to_string(),
        );
    }
    if rules.contains(&Rule::unit) {
        return Some(
            "write a period as a whole number and a unit: `12 months`, `30 days`, `2 years`"
                .to_string(),
        );
    }
    None
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
        Rule::add_op | Rule::mul_op => "an operator",
        Rule::set => "`{`",
        Rule::unit => "a unit (`days`, `months`, `years`)",
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
