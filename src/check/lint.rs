//! Warnings about conditions that cannot do what their author meant: a
//! condition that always or never holds (W0260), a score level that a level
//! above it always takes first (W0261).
//!
//! Also: a division by a fixed zero, which leaves a condition always
//! unknown (W0265); an empty `legal` text (W0266); `mandatory` in a theme
//! whose scoring rule does not ask that all mandatory criteria pass
//! (W0267); a text to compare with that holds a separate accent (W0268).
//!
//! A small range analysis, not a theorem prover: a comparison of one subject
//! (an evidence path, a count) with a constant is an interval of the values
//! it lets through; the subject's type bounds what it can be (a percentage
//! lies in 0%..100%, a count is 0 or more); `and` and `or` combine what
//! their operands say. Whatever it cannot read, it leaves alone: every
//! warning it gives is true.
//!
//! "Always holds" means: for every value the evidence can have. Missing
//! evidence still makes a condition unknown, so `x >= 0%` on a percentage
//! only checks that `x` is supplied.

use std::cmp::Ordering;
use std::collections::BTreeSet;

use jiff::civil::Date;
use rust_decimal::Decimal;

use crate::diagnostic::{say, Diagnostic, Msg, Text};
use crate::syntax::ast::{ArithOp, CompareOp, LogicOp, Span};
use crate::value::{Type, Value};

use super::model::{Declaration, ElementTest, Resolved, ResolvedKind};

/// How many steps the implication test may take for one pair of conditions:
/// enough for any condition a person writes, and a bound on pathological ones.
const STEPS: usize = 4096;

/// Finds slips in conditions, given the declared evidence (for the types of
/// the subjects).
pub(super) struct Lint<'a> {
    pub(super) evidence: &'a [Declaration],
    /// Where numbers are written without `%`, as `(start, end)`.
    pub(super) bare_numbers: &'a BTreeSet<(usize, usize)>,
}

impl Lint<'_> {
    /// Reports every part of `condition` that always or never holds (W0260),
    /// and returns its truth when the whole condition is constant.
    ///
    /// A constant part is reported where it is written; a condition that is
    /// constant only because of such a part is not reported again.
    pub(super) fn constant(&self, condition: &Resolved, out: &mut Vec<Diagnostic>) -> Option<bool> {
        match &condition.node {
            ResolvedKind::Const(Value::Bool(b)) => {
                out.push(literal(*b, condition.span));
                Some(*b)
            }
            ResolvedKind::Not(inner) => self.constant(inner, out).map(|b| !b),
            ResolvedKind::Logic(op, operands) => {
                let truths: Vec<Option<bool>> =
                    operands.iter().map(|o| self.constant(o, out)).collect();
                let (absorbing, neutral) = match op {
                    LogicOp::And => (false, true),
                    LogicOp::Or => (true, false),
                };
                if truths.contains(&Some(absorbing)) {
                    return Some(absorbing);
                }
                if truths.iter().all(|t| *t == Some(neutral)) {
                    return Some(neutral);
                }
                match op {
                    LogicOp::And => self.contradiction(condition, operands, out),
                    LogicOp::Or => None,
                }
            }
            ResolvedKind::Compare(op, lhs, rhs) => {
                for side in [lhs, rhs] {
                    if let ResolvedKind::Const(Value::Text(text)) = &side.node {
                        out.extend(decomposed(text, side.span));
                    }
                }
                if divides_by_zero(lhs) || divides_by_zero(rhs) {
                    out.push(
                        Diagnostic::warning("W0265", condition.span, say!(DividesByZero))
                            .with_label(say!(DivisorZero))
                            .with_help(say!(DivideOther)),
                    );
                    return None;
                }
                if let (Some(a), Some(b)) = (fold(lhs), fold(rhs)) {
                    let truth = compare_values(*op, &a, &b)?;
                    out.push(fixed(truth, condition.span, Msg::FixedCompare));
                    return Some(truth);
                }
                let atom = self.atom(condition)?;
                let truth = atom.truth()?;
                out.push(atom.constant_warning(truth, condition.span));
                Some(truth)
            }
            ResolvedKind::Test(subject, test) => {
                let value = fold(subject)?;
                let truth = test_value(&value, test)?;
                out.push(fixed(truth, condition.span, Msg::FixedTest));
                Some(truth)
            }
            _ => None,
        }
    }

    /// `x >= 80% and x < 50%`: comparisons of one subject in an `and` that
    /// no value meets together.
    fn contradiction(
        &self,
        whole: &Resolved,
        operands: &[Resolved],
        out: &mut Vec<Diagnostic>,
    ) -> Option<bool> {
        let atoms: Vec<Atom<'_>> = operands.iter().filter_map(|o| self.atom(o)).collect();
        for (i, first) in atoms.iter().enumerate() {
            let mut range = first.range;
            let mut count = 1;
            for other in atoms.iter().skip(i + 1) {
                if same(first.subject, other.subject) {
                    range = range.intersect(other.range);
                    count += 1;
                }
            }
            if count > 1 && range.is_empty() {
                let no = first.domain.no();
                let (message, help) = match &first.name {
                    Some(name) => (say!(MeetsAll, no.clone(), name), say!(LeaveNone, no, name)),
                    None => (say!(NoValueMeetsAll), say!(LeaveNoValue)),
                };
                out.push(
                    Diagnostic::warning("W0260", whole.span, message)
                        .with_label(say!(NeverTrue))
                        .with_help(help),
                );
                return Some(false);
            }
        }
        None
    }

    /// Whether `a` holding means that `b` holds too (so a score level with
    /// `a` listed after one with `b` is never reached). Sound, not complete.
    pub(super) fn implies(&self, a: &Resolved, b: &Resolved) -> bool {
        let mut steps = STEPS;
        self.implies_within(a, b, &mut steps)
    }

    fn implies_within(&self, a: &Resolved, b: &Resolved, steps: &mut usize) -> bool {
        if *steps == 0 {
            return false;
        }
        *steps -= 1;
        if same(a, b) {
            return true;
        }
        // One rule for each shape of the pair, so that no pair is tried twice.
        match (&a.node, &b.node) {
            (_, ResolvedKind::Logic(LogicOp::And, bs)) => {
                bs.iter().all(|b| self.implies_within(a, b, steps))
            }
            (ResolvedKind::Logic(LogicOp::Or, as_), _) => {
                as_.iter().all(|a| self.implies_within(a, b, steps))
            }
            (ResolvedKind::Logic(LogicOp::And, as_), _) => {
                as_.iter().any(|a| self.implies_within(a, b, steps))
            }
            (_, ResolvedKind::Logic(LogicOp::Or, bs)) => {
                bs.iter().any(|b| self.implies_within(a, b, steps))
            }
            // `!=` lets through two stretches, which one interval cannot say.
            _ => match (self.atom(a), self.atom(b)) {
                (Some(x), Some(y)) if x.not_equal.is_none() && y.not_equal.is_none() => {
                    same(x.subject, y.subject) && x.range.within(&y.range)
                }
                _ => false,
            },
        }
    }

    /// A comparison of a subject with a constant, as the interval of the
    /// subject's values that pass it.
    fn atom<'r>(&self, condition: &'r Resolved) -> Option<Atom<'r>> {
        let ResolvedKind::Compare(op, lhs, rhs) = &condition.node else {
            return None;
        };
        let (subject, op, constant, written) = match (fold(lhs), fold(rhs)) {
            (None, Some(v)) => (&**lhs, *op, v, rhs.span),
            (Some(v), None) => (&**rhs, op.flipped(), v, lhs.span),
            _ => return None,
        };
        let bare = self.bare_numbers.contains(&(written.start, written.end));
        let at = match constant {
            Value::Number(n) => Point::Number(n),
            Value::Date(d) => Point::Date(d),
            _ => return None,
        };
        let domain = self.domain(subject)?;
        let passes = match op {
            // `x != c` lets through all but one value.
            CompareOp::Ne => {
                let hit = domain.clip(Range::of(CompareOp::Eq, at)?);
                return Some(Atom {
                    subject,
                    name: self.name(subject),
                    at,
                    bare,
                    range: domain.range,
                    domain,
                    not_equal: Some(hit),
                });
            }
            op => Range::of(op, at)?,
        };
        Some(Atom {
            subject,
            name: self.name(subject),
            at,
            bare,
            range: domain.clip(passes),
            domain,
            not_equal: None,
        })
    }

    /// The values a subject can take.
    fn domain(&self, subject: &Resolved) -> Option<Domain> {
        let everything = Range::default();
        let zero = Some(Bound {
            at: Point::Number(Decimal::ZERO),
            inclusive: true,
        });
        match &subject.node {
            ResolvedKind::Slot(slot) => {
                let ty = &self.evidence.get(*slot)?.ty;
                Some(match ty {
                    Type::Percent => Domain {
                        range: Range {
                            low: zero,
                            high: Some(Bound {
                                at: Point::Number(Decimal::ONE),
                                inclusive: true,
                            }),
                        },
                        integral: false,
                        kind: DomainKind::Percent,
                    },
                    Type::Int => Domain {
                        range: everything,
                        integral: true,
                        kind: DomainKind::Open,
                    },
                    Type::Number | Type::Date => Domain {
                        range: everything,
                        integral: false,
                        kind: DomainKind::Open,
                    },
                    _ => return None,
                })
            }
            ResolvedKind::Count { .. } => Some(Domain {
                range: Range {
                    low: zero,
                    high: None,
                },
                integral: true,
                kind: DomainKind::Count,
            }),
            ResolvedKind::Define(_) | ResolvedKind::Arith(..) | ResolvedKind::Neg(_) => {
                Some(Domain {
                    range: everything,
                    integral: false,
                    kind: DomainKind::Open,
                })
            }
            _ => None,
        }
    }

    /// The evidence path a subject reads, for a message: the path itself,
    /// or the list that `count` counts.
    fn name(&self, subject: &Resolved) -> Option<String> {
        match &subject.node {
            ResolvedKind::Slot(slot) | ResolvedKind::Count { slot, .. } => {
                self.evidence.get(*slot).map(|d| d.path.clone())
            }
            _ => None,
        }
    }
}

/// A point on an ordered axis: a number (a percentage as a fraction) or a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Point {
    Number(Decimal),
    Date(Date),
}

#[derive(Clone, Copy, Debug)]
struct Bound {
    at: Point,
    inclusive: bool,
}

/// An interval of values; a missing bound is open-ended.
#[derive(Clone, Copy, Debug, Default)]
struct Range {
    low: Option<Bound>,
    high: Option<Bound>,
}

impl Range {
    /// The values `v` for which `v op at` holds.
    fn of(op: CompareOp, at: Point) -> Option<Range> {
        let bound = |inclusive| Some(Bound { at, inclusive });
        Some(match op {
            CompareOp::Ge => Range {
                low: bound(true),
                high: None,
            },
            CompareOp::Gt => Range {
                low: bound(false),
                high: None,
            },
            CompareOp::Le => Range {
                low: None,
                high: bound(true),
            },
            CompareOp::Lt => Range {
                low: None,
                high: bound(false),
            },
            CompareOp::Eq => Range {
                low: bound(true),
                high: bound(true),
            },
            CompareOp::Ne => return None,
        })
    }

    fn intersect(self, other: Range) -> Range {
        let pick = |a: Option<Bound>, b: Option<Bound>, keep: Ordering| match (a, b) {
            (None, x) | (x, None) => x,
            (Some(x), Some(y)) => Some(match x.at.cmp(&y.at) {
                Ordering::Equal => Bound {
                    at: x.at,
                    inclusive: x.inclusive && y.inclusive,
                },
                o if o == keep => x,
                _ => y,
            }),
        };
        Range {
            low: pick(self.low, other.low, Ordering::Greater),
            high: pick(self.high, other.high, Ordering::Less),
        }
    }

    fn is_empty(&self) -> bool {
        match (self.low, self.high) {
            (Some(low), Some(high)) => match low.at.cmp(&high.at) {
                Ordering::Greater => true,
                Ordering::Equal => !(low.inclusive && high.inclusive),
                Ordering::Less => false,
            },
            _ => false,
        }
    }

    /// Whether every value in `self` is in `other`.
    fn within(&self, other: &Range) -> bool {
        let low_ok = match (other.low, self.low) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(o), Some(s)) => o.at < s.at || (o.at == s.at && (o.inclusive || !s.inclusive)),
        };
        let high_ok = match (other.high, self.high) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(o), Some(s)) => o.at > s.at || (o.at == s.at && (o.inclusive || !s.inclusive)),
        };
        self.is_empty() || (low_ok && high_ok)
    }

    /// The same interval over whole numbers: `> 2` is `>= 3`.
    fn whole(self) -> Range {
        let low = self.low.map(|b| whole_bound(b, true));
        let high = self.high.map(|b| whole_bound(b, false));
        Range { low, high }
    }
}

/// A bound of an interval over whole numbers, inclusive: the whole number
/// nearest to it inside the interval (a `lower` bound `> 2` is `>= 3`, an
/// upper bound `< 2` is `<= 1`). A bound it cannot move stays as it is.
fn whole_bound(b: Bound, lower: bool) -> Bound {
    let Point::Number(n) = b.at else {
        return b;
    };
    let at = match (lower, b.inclusive) {
        (true, true) => Some(n.ceil()),
        (true, false) => n.floor().checked_add(Decimal::ONE),
        (false, true) => Some(n.floor()),
        (false, false) => n.ceil().checked_sub(Decimal::ONE),
    };
    at.map_or(b, |n| Bound {
        at: Point::Number(n),
        inclusive: true,
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DomainKind {
    /// A percentage: 0% to 100%.
    Percent,
    /// A count: 0 or more.
    Count,
    /// No bound known.
    Open,
}

/// The values a subject can take.
#[derive(Clone, Copy, Debug)]
struct Domain {
    range: Range,
    /// Whole numbers only (an int, a count).
    integral: bool,
    kind: DomainKind,
}

impl Domain {
    /// The part of `passes` that the subject can reach.
    fn clip(&self, passes: Range) -> Range {
        let passes = if self.integral {
            passes.whole()
        } else {
            passes
        };
        passes.intersect(self.range)
    }

    /// "every value of" a path, "any number of" a counted list.
    fn every(&self) -> Text {
        match self.kind {
            DomainKind::Count => say!(AnyNumberOf),
            _ => say!(EveryValueOf),
        }
    }

    /// "no value of" a path, "no number of" a counted list.
    fn no(&self) -> Text {
        match self.kind {
            DomainKind::Count => say!(NoNumberOf),
            _ => say!(NoValueOf),
        }
    }

    /// What bounds the subject, in words; `None` for an open domain.
    fn words(&self) -> Option<Text> {
        match self.kind {
            DomainKind::Percent => Some(say!(PercentBounds)),
            DomainKind::Count => Some(say!(CountBounds)),
            DomainKind::Open => None,
        }
    }
}

/// A comparison of a subject with a constant.
struct Atom<'r> {
    subject: &'r Resolved,
    name: Option<String>,
    /// The constant it is compared with.
    at: Point,
    /// Whether the constant is a number written without `%`.
    bare: bool,
    /// The subject's values that pass (for `!=`: the whole domain).
    range: Range,
    domain: Domain,
    /// For `!=`: the subject's values that fail (at most one).
    not_equal: Option<Range>,
}

impl Atom<'_> {
    /// Whether the comparison holds for every value of the subject
    /// (`Some(true)`) or for none (`Some(false)`).
    fn truth(&self) -> Option<bool> {
        if let Some(hit) = &self.not_equal {
            return hit.is_empty().then_some(true);
        }
        if self.range.is_empty() {
            return Some(false);
        }
        self.domain.range.within(&self.range).then_some(true)
    }

    fn constant_warning(&self, truth: bool, span: Span) -> Diagnostic {
        let name = self.name.as_deref().unwrap_or("...");
        let words = self.domain.words();
        let (every, no) = (self.domain.every(), self.domain.no());
        let (message, label, help) = if truth {
            (
                say!(HoldsFor, every, name),
                say!(AlwaysTrue),
                if self.domain.kind == DomainKind::Count {
                    say!(CorrectNumber)
                } else {
                    say!(CorrectThresholdSupplied, name)
                },
            )
        } else {
            (
                say!(CanMeet, no, name),
                say!(NeverTrue),
                say!(CorrectThreshold),
            )
        };
        let help = match (self.domain.kind, self.at, words) {
            // `x >= 70` on a percentage: 70 is 7000%; the `%` was left out.
            (DomainKind::Percent, Point::Number(n), Some(words))
                if self.bare && n > Decimal::ONE && n <= Decimal::ONE_HUNDRED =>
            {
                say!(BoundsMeant, words, n.normalize().to_string())
            }
            (_, _, None) => help,
            (_, _, Some(words)) => say!(HelpBecause, help, words),
        };
        Diagnostic::warning("W0260", span, message)
            .with_label(label)
            .with_help(help)
    }
}

/// `true` or `false` written as a condition.
fn literal(truth: bool, span: Span) -> Diagnostic {
    let (message, label, help) = if truth {
        (
            say!(TrueHolds),
            say!(AlwaysTrue),
            say!(WriteDecidingOtherwise),
        )
    } else {
        (
            say!(FalseNeverHolds),
            say!(NeverTrue),
            say!(WriteDecidingRemove),
        )
    };
    Diagnostic::warning("W0260", span, message)
        .with_label(label)
        .with_help(help)
}

/// A comparison or test of fixed values; `what` is
/// [`FixedCompare`](Msg::FixedCompare) or [`FixedTest`](Msg::FixedTest).
fn fixed(truth: bool, span: Span, what: Msg) -> Diagnostic {
    let outcome = || {
        if truth {
            say!(AlwaysTrue)
        } else {
            say!(NeverTrue)
        }
    };
    Diagnostic::warning("W0260", span, Text::new(what, vec![outcome().into()]))
        .with_label(outcome())
        .with_help(say!(PutEvidence))
}

/// Whether an arithmetic expression divides by a fixed zero (`x / 0`, `x / (2 - 2)`): it makes the result unknown whatever the
/// evidence.
fn divides_by_zero(expr: &Resolved) -> bool {
    match &expr.node {
        ResolvedKind::Neg(inner) => divides_by_zero(inner),
        ResolvedKind::Arith(op, lhs, rhs) => {
            (*op == ArithOp::Div && matches!(fold(rhs), Some(Value::Number(n)) if n.is_zero()))
                || divides_by_zero(lhs)
                || divides_by_zero(rhs)
        }
        _ => false,
    }
}

/// W0268: a text to compare with holds a separate combining accent, so
/// evidence typed with the composed letter never equals it.
fn decomposed(text: &str, span: Span) -> Option<Diagnostic> {
    let mark = crate::value::combining_accent(text)?;
    Some(
        Diagnostic::warning(
            "W0268",
            span,
            say!(SeparateAccent, format!("{:04X}", u32::from(mark))),
        )
        .with_label(say!(CharByChar))
        .with_help(say!(WriteAccented)),
    )
}

/// W0266: `legal ""` names no legal basis, yet reports show the criterion
/// as legally required.
pub(super) fn empty_legal(text: &str, span: Span) -> Option<Diagnostic> {
    crate::value::is_blank(text).then(|| {
        Diagnostic::warning("W0266", span, say!(EmptyLegal))
            .with_label(say!(EmptyLegalShown))
            .with_help(say!(NameLaw))
    })
}

/// W0267: criteria marked `mandatory` in a theme whose scoring rule does not
/// ask that all mandatory criteria pass, so the mark changes nothing. Only
/// criteria written in this file (`source`) are reported.
pub(super) fn idle_mandatory(
    themes: &[super::model::ThemeModel],
    criteria: &[super::model::CriterionModel],
    source: usize,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for theme in themes.iter().filter(|t| !t.all_mandatory) {
        for criterion in theme.criteria.iter().filter_map(|&i| criteria.get(i)) {
            if criterion.mandatory && criterion.source == source {
                out.push(
                    Diagnostic::warning(
                        "W0267",
                        criterion.span,
                        say!(IdleMandatory, &criterion.id, &theme.id),
                    )
                    .with_label(say!(MandatoryNothing))
                    .with_help(say!(AddAllMandatory)),
                );
            }
        }
    }
    out
}

/// The value of an expression without evidence: a constant, or arithmetic
/// on constants.
fn fold(expr: &Resolved) -> Option<Value> {
    match &expr.node {
        ResolvedKind::Const(v) => Some(v.clone()),
        ResolvedKind::Neg(inner) => match fold(inner)? {
            Value::Number(n) => Some(Value::Number(-n)),
            _ => None,
        },
        ResolvedKind::Arith(op, lhs, rhs) => {
            let (Value::Number(a), Value::Number(b)) = (fold(lhs)?, fold(rhs)?) else {
                return None;
            };
            let n = match op {
                ArithOp::Add => a.checked_add(b),
                ArithOp::Sub => a.checked_sub(b),
                ArithOp::Mul => a.checked_mul(b),
                ArithOp::Div => a.checked_div(b),
            }?;
            Some(Value::Number(n))
        }
        _ => None,
    }
}

fn compare_values(op: CompareOp, a: &Value, b: &Value) -> Option<bool> {
    let order = match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.cmp(y),
        (Value::Date(x), Value::Date(y)) => x.cmp(y),
        _ => {
            return match op {
                CompareOp::Eq => Some(a == b),
                CompareOp::Ne => Some(a != b),
                _ => None,
            }
        }
    };
    Some(op.holds(order))
}

/// A test on a fixed value; `within` depends on the as-of date, so it is
/// never fixed.
fn test_value(value: &Value, test: &ElementTest) -> Option<bool> {
    match test {
        ElementTest::In { negated, set } => Some(set.contains(value) != *negated),
        ElementTest::Before(bound) => compare_values(CompareOp::Lt, value, &fold(bound)?),
        ElementTest::After(bound) => compare_values(CompareOp::Gt, value, &fold(bound)?),
        ElementTest::Within(_) | ElementTest::Compare(..) => None,
    }
}

/// Whether two expressions are written alike (spans aside).
pub(super) fn same(a: &Resolved, b: &Resolved) -> bool {
    use ResolvedKind as K;
    match (&a.node, &b.node) {
        (K::Const(x), K::Const(y)) => x == y,
        (K::Slot(x), K::Slot(y))
        | (K::Define(x), K::Define(y))
        | (K::Present(x), K::Present(y)) => x == y,
        (
            K::Count {
                slot: s1,
                filter: f1,
            },
            K::Count {
                slot: s2,
                filter: f2,
            },
        ) => {
            s1 == s2
                && match (f1, f2) {
                    (None, None) => true,
                    (Some(x), Some(y)) => same_test(x, y),
                    _ => false,
                }
        }
        (K::Not(x), K::Not(y)) | (K::Neg(x), K::Neg(y)) => same(x, y),
        (K::Logic(o1, xs), K::Logic(o2, ys)) => {
            o1 == o2 && xs.len() == ys.len() && xs.iter().zip(ys).all(|(x, y)| same(x, y))
        }
        (K::Compare(o1, l1, r1), K::Compare(o2, l2, r2)) => {
            o1 == o2 && same(l1, l2) && same(r1, r2)
        }
        (K::Arith(o1, l1, r1), K::Arith(o2, l2, r2)) => o1 == o2 && same(l1, l2) && same(r1, r2),
        (K::Test(x1, t1), K::Test(x2, t2)) => same(x1, x2) && same_test(t1, t2),
        _ => false,
    }
}

fn same_test(a: &ElementTest, b: &ElementTest) -> bool {
    match (a, b) {
        (ElementTest::Within(p), ElementTest::Within(q)) => p == q,
        (ElementTest::Before(x), ElementTest::Before(y))
        | (ElementTest::After(x), ElementTest::After(y)) => same(x, y),
        (
            ElementTest::In {
                negated: n1,
                set: s1,
            },
            ElementTest::In {
                negated: n2,
                set: s2,
            },
        ) => n1 == n2 && s1 == s2,
        (ElementTest::Compare(o1, x), ElementTest::Compare(o2, y)) => o1 == o2 && same(x, y),
        _ => false,
    }
}
