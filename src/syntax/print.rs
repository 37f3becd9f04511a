//! Expressions printed as an author writes them: the canonical notation
//! `kader fmt` lays out, and the notation of conditions in results and gap
//! texts. Brackets appear exactly where binding needs them, so the text
//! parses back to the same tree.

use rust_decimal::Decimal;

use super::ast::{ArithOp, Expr, ExprKind, Filter, LogicOp};

// Binding strength of expressions, loosest first.
pub(crate) const OR: u8 = 1;
pub(crate) const AND: u8 = 2;
pub(crate) const NOT: u8 = 3;
pub(crate) const TEST: u8 = 4;
pub(crate) const SUM: u8 = 5;
pub(crate) const PRODUCT: u8 = 6;
pub(crate) const NEG: u8 = 7;
pub(crate) const ATOM: u8 = 8;

/// A string literal with the escapes the grammar knows.
pub(crate) fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

pub(crate) fn percent(fraction: Decimal) -> String {
    match fraction.checked_mul(Decimal::ONE_HUNDRED) {
        Some(p) => format!("{}%", p.normalize()),
        None => format!("{}", fraction.normalize()),
    }
}

fn precedence(e: &Expr) -> u8 {
    match &e.node {
        ExprKind::Logic(LogicOp::Or, _) => OR,
        ExprKind::Logic(LogicOp::And, _) => AND,
        ExprKind::Not(_) => NOT,
        ExprKind::Compare(..) | ExprKind::Test(..) => TEST,
        ExprKind::Arith(ArithOp::Add | ArithOp::Sub, ..) => SUM,
        ExprKind::Arith(ArithOp::Mul | ArithOp::Div, ..) => PRODUCT,
        ExprKind::Neg(_) => NEG,
        _ => ATOM,
    }
}

/// Prints an expression, in parentheses when it binds looser than `min`.
pub(crate) fn expr(e: &Expr, min: u8) -> String {
    let text = match &e.node {
        ExprKind::Bool(b) => b.to_string(),
        ExprKind::Number(n) => n.normalize().to_string(),
        ExprKind::Percent(n) => percent(*n),
        ExprKind::Date(d) => d.to_string(),
        ExprKind::Text(t) => quote(t),
        ExprKind::Name(n) => n.clone(),
        ExprKind::Present(p) => format!("present({})", p.node),
        ExprKind::Count { list, filter } => match filter {
            Some(f) => format!("count({} {})", list.node, filter_text(&f.node)),
            None => format!("count({})", list.node),
        },
        ExprKind::Not(inner) => format!("not {}", expr(inner, NOT)),
        ExprKind::Logic(op, items) => {
            let (word, child) = match op {
                LogicOp::Or => (" or ", AND),
                LogicOp::And => (" and ", NOT),
            };
            items
                .iter()
                .map(|i| expr(i, child))
                .collect::<Vec<_>>()
                .join(word)
        }
        ExprKind::Compare(op, l, r) => format!("{} {} {}", expr(l, SUM), op.symbol(), expr(r, SUM)),
        ExprKind::Arith(op, l, r) => {
            let (left, right) = match op {
                ArithOp::Add | ArithOp::Sub => (SUM, PRODUCT),
                ArithOp::Mul | ArithOp::Div => (PRODUCT, NEG),
            };
            format!("{} {} {}", expr(l, left), op.symbol(), expr(r, right))
        }
        ExprKind::Neg(inner) => format!("-{}", expr(inner, NEG)),
        ExprKind::Test(subject, filter) => {
            format!("{} {}", expr(subject, SUM), filter_text(&filter.node))
        }
    };
    if precedence(e) < min {
        format!("({text})")
    } else {
        text
    }
}

pub(crate) fn filter_text(f: &Filter) -> String {
    match f {
        Filter::Within(period) => format!("within {period}"),
        Filter::Before(e) => format!("before {}", expr(e, SUM)),
        Filter::After(e) => format!("after {}", expr(e, SUM)),
        Filter::In { negated, set } => format!(
            "{}in {{{}}}",
            if *negated { "not " } else { "" },
            set.iter()
                .map(|e| expr(e, SUM))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Filter::Compare(op, e) => format!("{} {}", op.symbol(), expr(e, SUM)),
    }
}

/// An expression on its own.
pub(crate) fn expression(e: &Expr) -> String {
    expr(e, OR)
}

/// The right-hand side of a comparison.
pub(crate) fn operand(e: &Expr) -> String {
    expr(e, SUM)
}

/// One operand of an `and`: bracketed when it is an `or`, or an `and`
/// of its own (as the author bracketed it), so the operands joined by
/// `and` read back as the same tree.
pub(crate) fn conjunct(e: &Expr) -> String {
    expr(e, NOT)
}
