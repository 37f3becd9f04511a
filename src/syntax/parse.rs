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
                if let Some(why) = why_not_a_date(text) {
                    d = d.with_label(why);
                }
                self.diagnostics.push(d);
                Date::MIN
            }
        }
    }
}

/// Why a `YYYY-MM-DD` that the calendar refuses is wrong, in words.
fn why_not_a_date(text: &str) -> Option<String> {
    let mut parts = text.split('-').map(str::parse::<i16>);
    let (Some(Ok(year)), Some(Ok(month)), Some(Ok(day))) =
        (parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let Ok(month) = i8::try_from(month) else {
        return Some("a month goes from 01 to 12".to_string());
    };
    if !(1..=12).contains(&month) {
        return Some("a month goes from 01 to 12".to_string());
    }
    if day == 0 {
        return Some("a day goes from 01 to the length of the month".to_string());
    }
    let days = Date::new(year, month, 1).ok()?.days_in_month();
    let name = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
    .get(usize::try_from(month - 1).ok()?)?;
    Some(format!("{name} {year} has {days} days"))
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
            | Rule::at_least
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
    let positives: &[Rule] = match &error.variant {
        pest::error::ErrorVariant::ParsingError { positives, .. } => positives,
        pest::error::ErrorVariant::CustomError { .. } => &[],
    };
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
fn brackets(source: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let mut in_text = false;
    let mut escaped = false;
    let mut in_comment = false;
    let mut previous = '\0';
    source.char_indices().filter_map(move |(offset, c)| {
        let before = previous;
        previous = c;
        if in_comment {
            in_comment = c != '\n';
            return None;
        }
        if in_text {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' || c == '\n' {
                in_text = false;
            }
            return None;
        }
        match c {
            '"' => in_text = true,
            '/' if before == '/' => {
                in_comment = true;
                previous = '\0';
            }
            '(' | ')' | '{' | '}' | '<' | '>' => return Some((offset, c)),
            _ => {}
        }
        None
    })
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
fn check_nesting(source: &str) -> Option<Diagnostic> {
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
        if open.len() > MAX_NESTING {
            return Some(
                Diagnostic::error(
                    "E0102",
                    Span::new(offset, offset + 1),
                    format!("brackets are nested more than {MAX_NESTING} deep"),
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
    if expected.is_empty() {
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
