//! Regions: for each piece of evidence, finitely many representative
//! values such that every value it can take behaves like one of them in
//! every condition of both versions.
//!
//! A condition in the fragment compares a piece of evidence with
//! constants only: `slot <op> constant`, `slot within period`, `slot
//! before constant`, `slot in {..}`, `present(slot)`, a boolean piece of
//! evidence, `count(list [where test]) <op> constant`, joined by `and`,
//! `or` and `not`. What such a condition says about a value depends only
//! on where the value lies among the constants it meets (the *points*):
//! below, at, between or above them. One value of each such region, and
//! *missing*, stand for every value.
//!
//! Two numbers may also meet each other on a line (`bhv.trained * 50 >=
//! people.max_present`); such pairs take their representatives together
//! (`lines.rs`). A condition outside the fragment (evidence joined to more
//! than one other by lines, a whole number on a line with a decimal,
//! decimals named twice on one side, decimal constants, division) is
//! named, and what reads it is over-approximated instead (`themes.rs`).

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

use jiff::civil::Date;
use rust_decimal::Decimal;

use super::lines::{Affine, Line};
use super::points::{
    ceil_div, decimal, floor_div, integers, one_per_region, signature, sorted, whole,
};
use super::Because;
use crate::compile::{CompiledCriterion, ExprId, Framework, Op, SlotId, Test};
use crate::eval::{Evaluator, Val};
use crate::evidence::Evidence;
use crate::ratio::Ratio;
use crate::terms::{ArithOp, CompareOp, Period};
use crate::value::{self, Type, Value};

/// The most lists of distinct counts one list slot stands for.
const MAX_LISTS: usize = 10_000;
/// The largest count compared with that the analysis builds lists for.
const MAX_COUNT: u64 = 100;

/// What the conditions of both versions compare one piece of evidence
/// with: the points of its regions.
#[derive(Clone, Debug, Default)]
pub(crate) struct Met {
    /// Lines joining it to evidence after it, in either version.
    pub lines: Vec<Line>,
    /// Numbers it (or each element of it) meets.
    pub numbers: Vec<Decimal>,
    /// Dates it (or each element of it) meets, window starts and the
    /// as-of date included.
    pub dates: Vec<Date>,
    /// Texts it (or each element of it) is compared with for equality.
    pub texts: Vec<String>,
    /// What counts of its elements are compared with.
    pub counts: Vec<Decimal>,
    /// Each `count` of the list: the version it is in and its expression.
    pub count_ops: Vec<(usize, ExprId)>,
}

/// What a criterion reads, and why the analysis cannot decide it exactly
/// (nothing: it can).
#[derive(Clone, Debug, Default)]
pub(crate) struct Facts {
    /// The pieces of evidence it reads (ids in the analysis's space),
    /// ordered, each once.
    pub reads: Vec<u32>,
    /// Why it is not decided exactly.
    pub because: Vec<Because>,
    /// The pairs of evidence its conditions join by lines, each with the
    /// reason to name if the pair has no representatives together.
    pub lines: Vec<((u32, u32), Because)>,
}

impl Facts {
    pub(crate) fn exact(&self) -> bool {
        self.because.is_empty()
    }
}

/// A constant side of a comparison.
enum Constant {
    /// It reads evidence: no constant.
    Reads,
    /// A value.
    Value(Value),
    /// Always unknown (`1 / 0`): the comparison is unknown whatever the
    /// evidence.
    Unknown,
    /// A value that is no point (a fraction such as `7 / 3`).
    Unusable,
}

/// One version's conditions walked: the points met, and per criterion
/// what it reads and whether it is in the fragment.
pub(crate) struct Walk<'a, 'm> {
    fw: &'a Framework,
    side: usize,
    /// The id in the analysis's space of each of the version's slots.
    universe: Vec<u32>,
    met: &'m mut [Met],
    as_of: Date,
    /// An evaluator over evidence with nothing supplied: for constants,
    /// which it works out once each.
    constants: Evaluator<'a>,
    /// The evidence each define reads, by its expression.
    define_reads: HashMap<ExprId, Vec<u32>>,
    /// Whether each define, used as a condition, is in the fragment.
    define_decided: HashMap<ExprId, bool>,
    /// How many more pieces of evidence the criteria may be found to read
    /// in all: a define read by many criteria is read once per criterion,
    /// so without a bound the walk would grow with their product.
    left: u64,
    /// The criterion being walked passed the bound.
    overflow: bool,
    /// The pairs joined by lines in the condition being walked.
    joined: Vec<(u32, u32)>,
    /// The pairs each define, used as a condition, joins.
    define_joined: HashMap<ExprId, Vec<(u32, u32)>>,
}

/// The most pieces of evidence all criteria of a version are found to
/// read, counted once per criterion: beyond it, what a criterion reads is
/// not looked into, and it is undecided.
pub(crate) const MAX_READS: u64 = 1_000_000;

impl<'a, 'm> Walk<'a, 'm> {
    /// A walk over `fw`'s conditions; `empty` is evidence for it with
    /// nothing supplied, judged on the as-of date.
    pub(crate) fn new(
        fw: &'a Framework,
        side: usize,
        universe: Vec<u32>,
        met: &'m mut [Met],
        empty: &'a Evidence,
    ) -> Walk<'a, 'm> {
        Walk {
            fw,
            side,
            universe,
            met,
            as_of: empty.as_of,
            constants: Evaluator::new(fw, empty),
            define_reads: HashMap::new(),
            define_decided: HashMap::new(),
            left: MAX_READS,
            overflow: false,
            joined: Vec::new(),
            define_joined: HashMap::new(),
        }
    }

    /// What a criterion reads and which of its conditions leave the
    /// fragment, named by the operand of the condition they are in.
    pub(crate) fn criterion(&mut self, c: &'a CompiledCriterion) -> Facts {
        let mut facts = Facts::default();
        let conditions = c
            .applies
            .iter()
            .chain(c.requirements.iter().map(|r| &r.condition))
            .chain(
                c.score
                    .iter()
                    .flat_map(|s| s.levels.iter().map(|(_, cond)| cond)),
            );
        for condition in conditions {
            let parts: Vec<(ExprId, &str)> = if condition.conjuncts.is_empty() {
                vec![(condition.expr, condition.notation.as_str())]
            } else {
                condition
                    .conjuncts
                    .iter()
                    .map(|j| (j.expr, j.notation.as_str()))
                    .collect()
            };
            for (expr, notation) in parts {
                self.collect(expr, &mut facts.reads);
                if self.overflow {
                    return Facts {
                        reads: Vec::new(),
                        because: vec![Because::TooMany { limit: MAX_READS }],
                        ..Facts::default()
                    };
                }
                self.joined.clear();
                let because = || Because::Condition {
                    criterion: c.id.clone(),
                    condition: notation.to_string(),
                };
                if !self.condition(expr) {
                    facts.because.push(because());
                }
                for pair in self.joined.drain(..) {
                    facts.lines.push((pair, because()));
                }
            }
        }
        facts.reads.sort_unstable();
        facts.reads.dedup();
        self.left = self.left.saturating_sub(facts.reads.len() as u64);
        facts
    }

    fn op(&self, id: ExprId) -> Option<&'a Op> {
        self.fw.exprs.get(id as usize)
    }

    fn operands(&self, start: u32, len: u32) -> &'a [ExprId] {
        let start = start as usize;
        start
            .checked_add(len as usize)
            .and_then(|end| self.fw.operands.get(start..end))
            .unwrap_or(&[])
    }

    fn universe(&self, slot: SlotId) -> Option<u32> {
        self.universe.get(slot as usize).copied()
    }

    fn slot_type(&self, slot: SlotId) -> Option<&'a Type> {
        self.fw.slots.get(slot as usize).map(|s| &s.ty)
    }

    fn met(&mut self, slot: SlotId) -> Option<&mut Met> {
        let u = self.universe(slot)?;
        self.met.get_mut(u as usize)
    }

    /// Every piece of evidence an expression reads.
    fn collect(&mut self, id: ExprId, reads: &mut Vec<u32>) {
        let Some(op) = self.op(id) else { return };
        if self.overflow || reads.len() as u64 > self.left {
            self.overflow = true;
            return;
        }
        let read = |walk: &Self, slot: SlotId, reads: &mut Vec<u32>| {
            if let Some(u) = walk.universe(slot) {
                reads.push(u);
            }
        };
        match op {
            Op::Const(_) => {}
            Op::Slot(s)
            | Op::Present(s)
            | Op::CompareSlotNumber(_, s, _)
            | Op::SlotWithin(s, ..)
            | Op::CountWithin(_, s, ..) => read(self, *s, reads),
            Op::Count(s, test) => {
                read(self, *s, reads);
                if let Some(t) = test {
                    self.collect_test(t, reads);
                }
            }
            Op::Not(i) | Op::Neg(i) => self.collect(*i, reads),
            Op::Logic(_, start, len) => {
                for i in self.operands(*start, *len) {
                    self.collect(*i, reads);
                }
            }
            Op::Compare(_, l, r) | Op::Arith(_, l, r) => {
                self.collect(*l, reads);
                self.collect(*r, reads);
            }
            Op::Test(s, t) => {
                self.collect(*s, reads);
                self.collect_test(t, reads);
            }
            Op::Define(_, inner) => {
                if let Some(known) = self.define_reads.get(&id) {
                    if (reads.len() + known.len()) as u64 > self.left {
                        self.overflow = true;
                        return;
                    }
                    reads.extend_from_slice(known);
                    return;
                }
                let mut own = Vec::new();
                self.collect(*inner, &mut own);
                own.sort_unstable();
                own.dedup();
                reads.extend_from_slice(&own);
                self.define_reads.insert(id, own);
            }
        }
    }

    fn collect_test(&mut self, test: &Test, reads: &mut Vec<u32>) {
        match test {
            Test::Before(e) | Test::After(e) | Test::Compare(_, e) => self.collect(*e, reads),
            Test::Within(_) | Test::In { .. } => {}
        }
    }

    fn reads_nothing(&mut self, id: ExprId) -> bool {
        let mut reads = Vec::new();
        self.collect(id, &mut reads);
        reads.is_empty()
    }

    /// Whether a condition is in the fragment; records the points it
    /// meets on the way.
    fn condition(&mut self, id: ExprId) -> bool {
        let Some(op) = self.op(id) else { return false };
        match op {
            Op::Const(_) | Op::Present(_) => true,
            Op::Slot(s) => matches!(self.slot_type(*s), Some(Type::Bool)),
            Op::Not(inner) => self.condition(*inner),
            Op::Logic(_, start, len) => {
                let mut all = true;
                for i in self.operands(*start, *len) {
                    all &= self.condition(*i);
                }
                all
            }
            Op::Define(_, inner) => {
                if let Some(known) = self.define_decided.get(&id) {
                    if let Some(pairs) = self.define_joined.get(&id) {
                        self.joined.extend_from_slice(pairs);
                    }
                    return *known;
                }
                let start = self.joined.len();
                let decided = self.condition(*inner);
                self.define_decided.insert(id, decided);
                let pairs = self.joined.get(start..).unwrap_or_default().to_vec();
                self.define_joined.insert(id, pairs);
                decided
            }
            Op::Compare(op, l, r) => {
                let decided = match (self.constant(*l), self.constant(*r)) {
                    (Constant::Reads, Constant::Value(c)) => self.subject(*l, Some(*op), &c),
                    (Constant::Value(c), Constant::Reads) => self.subject(*r, Some(*op), &c),
                    (Constant::Reads, Constant::Unknown) | (Constant::Unknown, Constant::Reads) => {
                        true
                    }
                    (Constant::Reads, _) | (_, Constant::Reads) => false,
                    (_, Constant::Unusable) | (Constant::Unusable, _) => self.reads_nothing(id),
                    _ => true,
                };
                decided || self.linear(*l, *r)
            }
            Op::Test(subject, test) => self.test(*subject, test),
            Op::Count(..)
            | Op::Arith(..)
            | Op::Neg(_)
            | Op::CompareSlotNumber(..)
            | Op::SlotWithin(..)
            | Op::CountWithin(..) => self.reads_nothing(id),
        }
    }

    /// `l ⋈ r` over whole numbers, as `l - r ⋈ 0`: with one piece of
    /// evidence, the whole numbers around the point where it crosses 0
    /// are points of its regions; with two, the line joins them. In the
    /// fragment when both sides are [`Affine`].
    fn linear(&mut self, l: ExprId, r: ExprId) -> bool {
        let (Some(l), Some(r)) = (self.affine(l), self.affine(r)) else {
            return false;
        };
        // Numbers with up to 28 decimals: exact while each side names
        // evidence once (see `MAX_COEFFICIENT` (`lines.rs`)).
        if (l.decimal || r.decimal) && (l.uses > 1 || r.uses > 1) {
            return false;
        }
        let Some(form) = r.times(-1).and_then(|r| l.plus(&r)) else {
            return false;
        };
        match form.terms[..] {
            // Reads evidence whose terms cancel (`x - x`): unknown when it
            // is missing, the same otherwise.
            [] => true,
            [(x, a)] => {
                // A whole number meets the whole numbers around the point;
                // a decimal the point itself, when a decimal can be it.
                let points = form.constant.checked_neg().and_then(|n| {
                    if form.decimal {
                        let point = Ratio::new(n, 1)?.quotient(Ratio::new(a, 1)?)?;
                        Some(vec![point.exact_decimal()?])
                    } else {
                        Some(vec![decimal(floor_div(n, a)?)?, decimal(ceil_div(n, a)?)?])
                    }
                });
                let Some(met) = self.met.get_mut(x as usize) else {
                    return false;
                };
                match points {
                    Some(points) => {
                        met.numbers.extend(points);
                        true
                    }
                    None => false,
                }
            }
            [(x, a), (y, b)] => {
                let Some(met) = self.met.get_mut(x as usize) else {
                    return false;
                };
                met.lines.push(Line {
                    x,
                    y,
                    a,
                    b,
                    e: form.constant,
                });
                self.joined.push((x, y));
                true
            }
            _ => false,
        }
    }

    /// An expression as a sum of whole multiples of numeric evidence and a
    /// whole constant, all within `MAX_COEFFICIENT` (`lines.rs`); `None` when it is
    /// none.
    fn affine(&mut self, id: ExprId) -> Option<Affine> {
        if self.reads_nothing(id) {
            return match self.constants.value(id)? {
                Val::Num(n) => Affine::constant(whole(n)?),
                _ => None,
            };
        }
        match self.op(id)? {
            Op::Slot(s) => match self.slot_type(*s)? {
                Type::Int => Some(Affine::evidence(self.universe(*s)?, false)),
                Type::Number | Type::Percent => Some(Affine::evidence(self.universe(*s)?, true)),
                _ => None,
            },
            Op::Define(_, inner) => self.affine(*inner),
            Op::Neg(inner) => self.affine(*inner)?.times(-1),
            Op::Arith(op, l, r) => {
                let (l, r) = (self.affine(*l)?, self.affine(*r)?);
                match op {
                    ArithOp::Add => l.plus(&r),
                    ArithOp::Sub => l.plus(&r.times(-1)?),
                    ArithOp::Mul if l.terms.is_empty() => r.times(l.constant),
                    ArithOp::Mul if r.terms.is_empty() => l.times(r.constant),
                    ArithOp::Mul | ArithOp::Div => None,
                }
            }
            _ => None,
        }
    }

    /// The value of an expression that reads no evidence, from the
    /// evaluator itself.
    fn constant(&mut self, id: ExprId) -> Constant {
        if !self.reads_nothing(id) {
            return Constant::Reads;
        }
        match self.constants.value(id) {
            None => Constant::Unknown,
            Some(Val::Bool(b)) => Constant::Value(Value::Bool(b)),
            Some(Val::Num(n)) => Constant::Value(Value::Number(n)),
            Some(Val::Date(d)) => Constant::Value(Value::Date(d)),
            Some(Val::Text(t)) => Constant::Value(Value::Text(t.to_string())),
            Some(Val::Member(m)) => Constant::Value(Value::Member(m)),
            Some(Val::Frac(_)) => Constant::Unusable,
        }
    }

    /// `subject <op> c` (`op` is `None` for membership of a set): in the
    /// fragment when the subject is a piece of evidence or a count.
    fn subject(&mut self, subject: ExprId, op: Option<CompareOp>, c: &Value) -> bool {
        let below = self.fw.beneath(subject);
        match self.op(below) {
            Some(Op::Slot(s)) => match self.slot_type(*s) {
                Some(ty) => self.point(*s, ty, op, c),
                None => false,
            },
            Some(Op::Count(s, test)) => {
                let Value::Number(n) = c else { return false };
                if !self.elements(*s, test.as_ref()) {
                    return false;
                }
                let side = self.side;
                if let Some(met) = self.met(*s) {
                    met.counts.push(*n);
                    met.count_ops.push((side, below));
                }
                true
            }
            _ => false,
        }
    }

    /// Records that a value of type `ty` in `slot` (or an element of it)
    /// meets `c`.
    fn point(&mut self, slot: SlotId, ty: &Type, op: Option<CompareOp>, c: &Value) -> bool {
        let Some(met) = self.met(slot) else {
            return false;
        };
        match (ty, c) {
            (Type::Int | Type::Number | Type::Percent, Value::Number(n)) => {
                met.numbers.push(*n);
                true
            }
            (Type::Date, Value::Date(d)) => {
                met.dates.push(*d);
                true
            }
            // Texts order by their bytes: only equality is in the fragment.
            (Type::Text, Value::Text(t)) => {
                if matches!(op, None | Some(CompareOp::Eq | CompareOp::Ne)) {
                    met.texts.push(t.clone());
                    true
                } else {
                    false
                }
            }
            // Every member and both truths are representatives anyway.
            (Type::Enum(_), Value::Member(_)) | (Type::Bool, Value::Bool(_)) => true,
            _ => false,
        }
    }

    /// The window `period` long ending on the as-of date: its first day
    /// and the as-of date are points.
    fn window(&mut self, slot: SlotId, period: Period) {
        let (start, as_of) = (value::subtract(self.as_of, period), self.as_of);
        if let Some(met) = self.met(slot) {
            met.dates.extend(start);
            met.dates.push(as_of);
        }
    }

    fn test(&mut self, subject: ExprId, test: &'a Test) -> bool {
        if self.reads_nothing(subject) {
            let mut reads = Vec::new();
            self.collect_test(test, &mut reads);
            return reads.is_empty();
        }
        let below = self.fw.beneath(subject);
        match self.op(below) {
            Some(Op::Slot(s)) => {
                let Some(ty) = self.slot_type(*s) else {
                    return false;
                };
                self.element_test(*s, ty, test)
            }
            Some(Op::Count(s, filter)) => {
                if !self.elements(*s, filter.as_ref()) {
                    return false;
                }
                let counts = match test {
                    Test::Compare(_, rhs) => match self.constant(*rhs) {
                        Constant::Value(Value::Number(n)) => vec![n],
                        Constant::Unknown => Vec::new(),
                        _ => return false,
                    },
                    Test::In { set, .. } => {
                        let mut counts = Vec::new();
                        for v in set.iter() {
                            match v {
                                Value::Number(n) => counts.push(*n),
                                _ => return false,
                            }
                        }
                        counts
                    }
                    Test::Within(_) | Test::Before(_) | Test::After(_) => return false,
                };
                let side = self.side;
                if let Some(met) = self.met(*s) {
                    met.counts.extend(counts);
                    met.count_ops.push((side, below));
                }
                true
            }
            _ => false,
        }
    }

    /// A test on a value of type `ty` held in `slot` (the slot's own
    /// value, or an element of it).
    fn element_test(&mut self, slot: SlotId, ty: &Type, test: &'a Test) -> bool {
        match test {
            Test::Within(period) => {
                self.window(slot, *period);
                matches!(ty, Type::Date)
            }
            Test::Before(bound) | Test::After(bound) => match self.constant(*bound) {
                Constant::Value(c) => self.point(slot, ty, Some(CompareOp::Lt), &c),
                Constant::Unknown => true,
                _ => false,
            },
            Test::In { set, .. } => {
                let mut all = true;
                for v in set.iter() {
                    all &= self.point(slot, ty, None, v);
                }
                all
            }
            Test::Compare(op, rhs) => match self.constant(*rhs) {
                Constant::Value(c) => self.point(slot, ty, Some(*op), &c),
                Constant::Unknown => true,
                _ => false,
            },
        }
    }

    /// The elements of a list counted by `filter`: in the fragment when
    /// the filter compares each element with constants.
    fn elements(&mut self, slot: SlotId, filter: Option<&'a Test>) -> bool {
        let Some(Type::List(element)) = self.slot_type(slot) else {
            return false;
        };
        match filter {
            None => true,
            Some(test) => self.element_test(slot, element, test),
        }
    }
}

/// The representative values of a scalar type (missing aside), or `None`
/// when some region has no value that can stand for it.
pub(crate) fn scalars(ty: &Type, met: &Met, as_of: Date) -> Option<Vec<Value>> {
    match ty {
        Type::Bool => Some(vec![Value::Bool(true), Value::Bool(false)]),
        Type::Enum(members) => (0..members.len())
            .map(|i| u16::try_from(i).ok().map(Value::Member))
            .collect(),
        Type::Int => Some(
            integers(&met.numbers)?
                .into_iter()
                .map(Value::Number)
                .collect(),
        ),
        Type::Number => Some(
            decimals(&met.numbers, false)?
                .into_iter()
                .map(Value::Number)
                .collect(),
        ),
        Type::Percent => Some(
            decimals(&met.numbers, true)?
                .into_iter()
                .map(Value::Number)
                .collect(),
        ),
        Type::Date => Some(
            dates(&met.dates, as_of)
                .into_iter()
                .map(Value::Date)
                .collect(),
        ),
        Type::Text => Some(texts(&met.texts).into_iter().map(Value::Text).collect()),
        Type::List(_) => None,
    }
}

/// Decimals: each point, a value between each two, one below and one
/// above; shares only from 0 to 1. `None` where two points are too close
/// for a value between them to be found, or at the end of the range.
fn decimals(points: &[Decimal], share: bool) -> Option<Vec<Decimal>> {
    let all = sorted(points);
    let mut candidates = Vec::new();
    let ends: Vec<Decimal> = if share {
        // Every region within 0..1 holds 0, 1, a point, or lies between
        // two of these.
        let mut ends: Vec<Decimal> = all
            .iter()
            .copied()
            .filter(|p| (Decimal::ZERO..=Decimal::ONE).contains(p))
            .collect();
        ends.extend([Decimal::ZERO, Decimal::ONE]);
        sorted(&ends)
    } else {
        if all.is_empty() {
            return Some(vec![Decimal::ZERO]);
        }
        let (first, last) = (all.first()?, all.last()?);
        candidates.push(first.checked_sub(Decimal::ONE)?);
        candidates.push(last.checked_add(Decimal::ONE)?);
        all.clone()
    };
    for pair in ends.windows(2) {
        let [a, b] = pair else { continue };
        let half = b.checked_sub(*a)?.checked_div(Decimal::TWO)?;
        let middle = a.checked_add(half)?;
        if !(*a < middle && middle < *b) {
            return None;
        }
        candidates.push(middle);
    }
    candidates.extend(ends);
    let candidates: Vec<Decimal> = candidates.into_iter().map(|d| d.normalize()).collect();
    Some(one_per_region(candidates, &all))
}

/// Dates: each point, the day before and the day after.
fn dates(points: &[Date], as_of: Date) -> Vec<Date> {
    let points = sorted(points);
    if points.is_empty() {
        return vec![as_of];
    }
    let mut candidates = Vec::with_capacity(points.len() * 3);
    for p in &points {
        candidates.extend(p.yesterday().ok());
        candidates.push(*p);
        candidates.extend(p.tomorrow().ok());
    }
    one_per_region(candidates, &points)
}

/// Texts: each constant, a blank text that is none of them (not
/// present) and a text that is none of them.
fn texts(constants: &[String]) -> Vec<String> {
    let mut out = sorted(constants);
    let blank = (0..=out.len())
        .map(|k| " ".repeat(k))
        .find(|t| !out.contains(t));
    let other = (1..=out.len() + 1)
        .map(|k| "x".repeat(k))
        .find(|t| !out.contains(t));
    out.extend(blank);
    out.extend(other);
    out
}

/// Lists: one list for each combination of regions its counts can reach.
/// `elements` are the representative elements, each with which counts
/// (`count_ops`, in order) it adds to (`None` when a test on it is
/// unknown); `points` what the counts are compared with. `None` when the
/// combinations are too many, or a test unknown.
pub(crate) fn lists(
    elements: &[(Value, Vec<Option<bool>>)],
    points: &[Decimal],
) -> Option<Vec<Vec<Value>>> {
    let points = sorted(points);
    // Counts from `cap` on all lie above every point.
    let cap: u64 = match points.last() {
        Some(top) if top.is_sign_negative() => 0,
        Some(top) => u64::try_from(top.floor()).ok()?.checked_add(1)?,
        None => 0,
    };
    if cap > MAX_COUNT.saturating_add(1) {
        return None;
    }
    // Elements that add to the same counts are one kind; a list repeats
    // a kind with its different values while there are any (the same date
    // twice is worth a warning).
    let mut kinds: Vec<(Vec<&Value>, Vec<bool>)> = Vec::new();
    for (value, adds) in elements {
        let adds: Vec<bool> = adds.iter().copied().collect::<Option<Vec<bool>>>()?;
        match kinds.iter_mut().find(|(_, a)| *a == adds) {
            Some((values, _)) => values.push(value),
            None => kinds.push((vec![value], adds)),
        }
    }
    let columns = kinds.first().map_or(0, |(_, a)| a.len());
    // Breadth first, so that each reachable count vector (capped) keeps
    // the list with the fewest elements.
    let mut reached: Vec<(Vec<u64>, Vec<Value>)> = vec![(vec![0; columns], Vec::new())];
    let mut seen: HashSet<Vec<u64>> = reached.iter().map(|(c, _)| c.clone()).collect();
    for (values, adds) in &kinds {
        let before = reached.clone();
        for (counts, items) in before {
            let mut last = counts.clone();
            for times in 1..=cap {
                let next: Vec<u64> = counts
                    .iter()
                    .zip(adds)
                    .map(|(c, add)| {
                        if *add {
                            c.saturating_add(times).min(cap)
                        } else {
                            *c
                        }
                    })
                    .collect();
                if next == last {
                    break;
                }
                last.clone_from(&next);
                if seen.insert(next.clone()) {
                    let mut more = items.clone();
                    let times = usize::try_from(times).unwrap_or_default();
                    more.extend(values.iter().cycle().take(times).map(|v| (*v).clone()));
                    reached.push((next, more));
                    if reached.len() > MAX_LISTS {
                        return None;
                    }
                }
            }
        }
    }
    reached.sort_by_key(|(_, items)| items.len());
    let mut regions = HashSet::new();
    Some(
        reached
            .into_iter()
            .filter(|(counts, _)| {
                let region: Vec<Vec<Ordering>> = counts
                    .iter()
                    .map(|c| signature(&Decimal::from(*c), &points))
                    .collect();
                regions.insert(region)
            })
            .map(|(_, items)| items)
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Numbers as written.
    fn numbers(texts: &[&str]) -> Vec<Decimal> {
        texts.iter().map(|t| t.parse().unwrap()).collect()
    }

    #[test]
    fn integers_stand_for_every_region() {
        let regions = |points: &[&str]| integers(&numbers(points)).unwrap();
        assert_eq!(regions(&["2", "4"]), numbers(&["1", "2", "3", "4", "5"]));
        // Neighbours meet: no value between 2 and 3.
        assert_eq!(regions(&["2", "3"]), numbers(&["1", "2", "3", "4"]));
        assert_eq!(regions(&["2.5"]), numbers(&["1", "3"]));
    }

    #[test]
    fn shares_stay_between_nothing_and_everything() {
        let shares = |points: &[&str]| decimals(&numbers(points), true).unwrap();
        assert_eq!(shares(&["0.6"]), numbers(&["0", "0.6", "0.8"]));
        assert_eq!(shares(&["1"]), numbers(&["0", "1"]));
        // A share never reaches 150%: one region.
        assert_eq!(shares(&["1.5"]), numbers(&["0"]));
        assert_eq!(
            decimals(&numbers(&["0.6", "0.7"]), false).unwrap(),
            numbers(&["-0.4", "0.6", "0.65", "0.7", "1.7"])
        );
    }

    #[test]
    fn texts_are_the_constants_blank_and_one_other() {
        assert_eq!(texts(&[]), ["", "x"]);
        assert_eq!(texts(&["x".into()]), ["x", "", "xx"]);
        assert_eq!(texts(&["".into()]), ["", " ", "x"]);
    }

    #[test]
    fn lists_reach_every_count_region() {
        let [zero, one] = [Decimal::ZERO, Decimal::ONE];
        let inside = (Value::Number(one), vec![Some(true)]);
        let outside = (Value::Number(zero), vec![Some(false)]);
        let lists = lists(&[inside, outside], &numbers(&["1", "2"])).unwrap();
        let counts: Vec<usize> = lists.iter().map(Vec::len).collect();
        // Empty; one, two and three counted.
        assert_eq!(counts, [0, 1, 2, 3]);
    }
}
