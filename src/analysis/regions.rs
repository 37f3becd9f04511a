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
//! Two numbers may also meet each other on a line: `a·x + b ⋈ c·y + d`
//! (`bhv.trained * 50 >= people.max_present`), with whole multiples and
//! constants and `⋈` any comparison. Then one value per region of `x` and
//! one per region of `y` no longer do: against the line, the answer
//! depends on where in its region `x` lies. Two pieces of evidence that
//! lines join (and no other piece) get their representatives together
//! ([`pair`] for whole numbers, [`pair_decimals`] for numbers and
//! percentages): for each value of `x`, what the lines say of `y` is
//! where `y` lies among the points the lines put on it there; finitely
//! many values of `x` see every arrangement of those points, and for each
//! of them one value of `y` per region stands for every `y`. The proofs
//! are at those functions. A condition outside the fragment (evidence
//! joined to more than one other by lines, a whole number on a line with
//! a decimal, decimals named twice on one side, decimal constants,
//! division) is named, and what reads it is over-approximated instead
//! (`themes.rs`).

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use jiff::civil::Date;
use rust_decimal::Decimal;

use super::Because;
use crate::compile::{CompiledCriterion, ExprId, Framework, Op, SlotId, Test};
use crate::eval::{Evaluator, Val};
use crate::evidence::Evidence;
use crate::ratio::{gcd, Ratio};
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
        // evidence once (see [`MAX_COEFFICIENT`]).
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
    /// whole constant, all within [`MAX_COEFFICIENT`]; `None` when it is
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

/// The points, ordered, each once.
fn sorted<T: Ord + Clone>(points: &[T]) -> Vec<T> {
    let mut points = points.to_vec();
    points.sort();
    points.dedup();
    points
}

/// Where a value lies among the points.
fn signature<T: Ord>(v: &T, points: &[T]) -> Vec<Ordering> {
    points.iter().map(|p| v.cmp(p)).collect()
}

/// The first candidate of each region (candidates ordered).
fn one_per_region<T: Ord + Clone>(mut candidates: Vec<T>, points: &[T]) -> Vec<T> {
    candidates.sort();
    candidates.dedup();
    let mut seen = HashSet::new();
    candidates
        .into_iter()
        .filter(|c| seen.insert(signature(c, points)))
        .collect()
}

/// Whole numbers: below the first point, at each whole point, between
/// points, above the last. `None` at the end of the number range.
fn integers(points: &[Decimal]) -> Option<Vec<Decimal>> {
    let points = sorted(points);
    if points.is_empty() {
        return Some(vec![Decimal::ZERO]);
    }
    let mut candidates = Vec::with_capacity(points.len() * 4);
    for p in &points {
        let (floor, ceil) = (p.floor(), p.ceil());
        candidates.push(floor.checked_sub(Decimal::ONE)?.normalize());
        candidates.push(floor.normalize());
        candidates.push(ceil.normalize());
        candidates.push(ceil.checked_add(Decimal::ONE)?.normalize());
    }
    Some(one_per_region(candidates, &points))
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

/// The largest coefficient or constant (in magnitude) of a line, or of any
/// part of one, that the analysis decides. Evidence is below 2^96 (a
/// decimal's range), so every value the evaluator computes on the way
/// stays below 2^118 and its sums and products of decimals, or else of
/// 128-bit fractions, are exact: it computes what the line says for every
/// school. For whole numbers, every value is whole (at most two such
/// multiples and a constant). For numbers with decimals, a fraction's
/// denominator may be 10^28, so each side names its evidence once: each
/// value on the way is then a multiple of that one piece of evidence plus
/// a whole constant, over the evidence's own denominator, and the two
/// sides are compared without multiplying out.
const MAX_COEFFICIENT: u128 = 1_000_000;
/// The longest period after which the whole numbers around the points of
/// a pair's lines repeat their pattern, that the analysis follows.
const MAX_PERIOD: i128 = 1_000;
/// The most values of the first piece of a pair tried (each compares
/// every two points on the second).
const MAX_CANDIDATES: usize = 20_000;
/// The most representatives of either piece of a pair.
const MAX_JOINED: usize = 10_000;

/// A sum of whole multiples of at most two pieces of numeric evidence and
/// a whole constant, every part within [`MAX_COEFFICIENT`].
#[derive(Clone, Debug, PartialEq, Eq)]
struct Affine {
    /// Each piece of evidence (its id in the analysis's space) and its
    /// multiple, ordered by id, none zero.
    terms: Vec<(u32, i128)>,
    constant: i128,
    /// How often it names evidence.
    uses: u32,
    /// Whether some of that evidence is a number or a percentage.
    decimal: bool,
}

impl Affine {
    fn constant(constant: i128) -> Option<Affine> {
        Affine {
            terms: Vec::new(),
            constant,
            uses: 0,
            decimal: false,
        }
        .bounded()
    }

    fn evidence(u: u32, decimal: bool) -> Affine {
        Affine {
            terms: vec![(u, 1)],
            constant: 0,
            uses: 1,
            decimal,
        }
    }

    fn plus(&self, other: &Affine) -> Option<Affine> {
        let mut terms = self.terms.clone();
        for (u, k) in &other.terms {
            match terms.iter_mut().find(|(v, _)| v == u) {
                Some((_, c)) => *c = c.checked_add(*k)?,
                None => terms.push((*u, *k)),
            }
        }
        Affine {
            terms,
            constant: self.constant.checked_add(other.constant)?,
            uses: self.uses.checked_add(other.uses)?,
            decimal: self.decimal || other.decimal,
        }
        .bounded()
    }

    fn times(&self, k: i128) -> Option<Affine> {
        let terms = self
            .terms
            .iter()
            .map(|(u, c)| Some((*u, c.checked_mul(k)?)))
            .collect::<Option<Vec<_>>>()?;
        Affine {
            terms,
            constant: self.constant.checked_mul(k)?,
            ..*self
        }
        .bounded()
    }

    fn bounded(mut self) -> Option<Affine> {
        self.terms.retain(|(_, c)| *c != 0);
        self.terms.sort_unstable();
        let within = |c: i128| c.unsigned_abs() <= MAX_COEFFICIENT;
        let fits = self.terms.len() <= 2
            && self.terms.iter().all(|(_, c)| within(*c))
            && within(self.constant);
        fits.then_some(self)
    }
}

/// A line `a·x + b·y + e ⋈ 0` between two pieces of numeric evidence `x`
/// and `y` (ids in the analysis's space, `x < y`), `a` and `b` not 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Line {
    x: u32,
    y: u32,
    a: i128,
    b: i128,
    e: i128,
}

/// The representatives of two pieces of evidence that lines join: of the
/// first, and of the second.
pub(crate) type Joined = [Vec<Decimal>; 2];

/// What a pair's representatives are found from: its lines, the points
/// each piece meets on its own, and whether they are whole numbers
/// (`None`) or decimals (which are percentages).
type PairKey = (Vec<Line>, Vec<Decimal>, Vec<Decimal>, Option<[bool; 2]>);

/// The pairs already worked out while one location's marks are found: the
/// space is built again for each theme asked the other way, meeting the
/// same lines with the same points each time, and a pair costs far more
/// than looking it up.
#[derive(Default)]
pub(crate) struct PairMemo(std::cell::RefCell<Vec<(PairKey, Option<Joined>)>>);

impl PairMemo {
    /// The pair for `key`, worked out by `work` the first time only.
    fn get_or(&self, key: PairKey, work: impl FnOnce() -> Option<Joined>) -> Option<Joined> {
        if let Some((_, found)) = self.0.borrow().iter().find(|(k, _)| *k == key) {
            return found.clone();
        }
        let found = work();
        self.0.borrow_mut().push((key, found.clone()));
        found
    }
}

/// A decimal that is a whole number, as one.
fn whole(n: Decimal) -> Option<i128> {
    let n = n.normalize();
    (n.scale() == 0).then(|| n.mantissa())
}

fn decimal(n: i128) -> Option<Decimal> {
    Decimal::try_from_i128_with_scale(n, 0).ok()
}

/// `⌊n / d⌋`, `None` for `d` 0 or on overflow.
fn floor_div(n: i128, d: i128) -> Option<i128> {
    if d < 0 {
        n.checked_neg()?.checked_div_euclid(d.checked_neg()?)
    } else {
        n.checked_div_euclid(d)
    }
}

/// `⌈n / d⌉`.
fn ceil_div(n: i128, d: i128) -> Option<i128> {
    floor_div(n.checked_neg()?, d)?.checked_neg()
}

/// The whole numbers next to each point: below and above it (the point
/// itself when it is whole). For a whole number, where it lies among
/// these says where it lies among the points.
fn around(points: &[Decimal]) -> Option<Vec<i128>> {
    let mut out = Vec::with_capacity(points.len() * 2);
    for p in points {
        out.push(whole(p.floor())?);
        out.push(whole(p.ceil())?);
    }
    out.sort_unstable();
    out.dedup();
    Some(out)
}

/// Each pair of pieces of evidence that lines join, with their
/// representatives together (see [`pair`] and [`pair_decimals`]; `types`
/// by id), or `None` where the analysis does not decide the lines
/// exactly: when either is joined to another piece of evidence as well,
/// a whole number to a decimal one, or the values would be too many.
pub(crate) fn pairs(
    met: &[Met],
    types: &[&Type],
    wanted: impl Fn(u32, u32) -> bool,
    memo: Option<&PairMemo>,
) -> Vec<((u32, u32), Option<Joined>)> {
    let mut partners: BTreeMap<u32, BTreeSet<u32>> = BTreeMap::new();
    for line in met.iter().flat_map(|m| &m.lines) {
        partners.entry(line.x).or_default().insert(line.y);
        partners.entry(line.y).or_default().insert(line.x);
    }
    let alone = |u: u32| partners.get(&u).is_some_and(|p| p.len() == 1);
    let mut out = Vec::new();
    for (x, ys) in &partners {
        for y in ys.iter().filter(|y| *y > x) {
            let (Some(mx), Some(my)) = (met.get(*x as usize), met.get(*y as usize)) else {
                continue;
            };
            if !wanted(*x, *y) {
                out.push(((*x, *y), None));
                continue;
            }
            let lines: Vec<Line> = mx.lines.iter().filter(|l| l.y == *y).copied().collect();
            let share = |u: u32| match types.get(u as usize).copied() {
                Some(Type::Int) => Some(None),
                Some(Type::Number) => Some(Some(false)),
                Some(Type::Percent) => Some(Some(true)),
                _ => None,
            };
            let kind = match (alone(*x) && alone(*y), share(*x), share(*y)) {
                (true, Some(None), Some(None)) => Some(None),
                (true, Some(Some(sx)), Some(Some(sy))) => Some(Some([sx, sy])),
                _ => None,
            };
            let reps = kind.and_then(|kind| {
                let work = || match kind {
                    None => pair(&lines, &mx.numbers, &my.numbers),
                    Some(shares) => pair_decimals(&lines, [&mx.numbers, &my.numbers], shares),
                };
                match memo {
                    Some(memo) => memo.get_or(
                        (lines.clone(), mx.numbers.clone(), my.numbers.clone(), kind),
                        work,
                    ),
                    None => work(),
                }
            });
            out.push(((*x, *y), reps));
        }
    }
    out
}

/// The representatives of two pieces of whole-number evidence `x` and `y`
/// that these lines join (and nothing else does), given the points each
/// meets on its own: values of `x`, and values of `y`, such that every
/// pair of whole numbers answers every condition as some pair of them
/// does. `None` where they would be too many.
///
/// Why they stand for every pair. For one value of `x`, line `a·x + b·y +
/// e ⋈ 0` compares `y` with the point `t = -(a·x + e) / b`, and a whole
/// `y` is below `t` exactly when it is below `⌈t⌉`, equal to it exactly
/// when `⌊t⌋ = ⌈t⌉ = y`, above it exactly when above `⌊t⌋`. So what
/// every line and every condition on `y` alone say of a whole `y` depends
/// only on where `y` lies among the whole numbers `V(x)`: `⌊t⌋` and `⌈t⌉`
/// of each line and the whole numbers next to each of `y`'s own points.
/// Which of those places a whole `y` can take, and what each says, is
/// fixed by the order of `V(x)` and by which neighbours in it are at
/// least 2 apart (room for a `y` between them): by each difference of two
/// of them, cut to -2..2. Call that, with where `x` lies among its own
/// points, the *pattern* of `x`: two values of `x` with the same pattern
/// answer the same sets of conditions, over all `y`.
///
/// With `t = (p·x + q) / r` (`r > 0`), `x = L·m + ρ` for the period `L`
/// (a multiple of every `r / gcd(p, r)`) and a remainder `0 ≤ ρ < L`
/// makes `⌊t⌋ = (p·L / r)·m + ⌊(p·ρ + q) / r⌋`, a whole line in `m`, and
/// the same for `⌈t⌉`. So for each remainder, every difference in the
/// pattern, less each of -2..2, and `x` less each of its points, is a
/// line in `m`, and the pattern only changes where one of them crosses
/// 0. The whole numbers next to each crossing, one beyond them, and 0
/// meet every stretch between crossings, as [`integers`] meets every
/// region. One `x` of each pattern among them, and for each such `x` one
/// `y` in each place among `V(x)` ([`integers`] again), stand for every
/// pair: for any `(x, y)`, an `x'` chosen has the pattern of `x`, so some
/// place of `y` among `V(x')` says what `y` says among `V(x)`, and a `y'`
/// chosen lies there. *Missing* is a value of its own for each, as
/// everywhere.
fn pair(lines: &[Line], x_points: &[Decimal], y_points: &[Decimal]) -> Option<Joined> {
    // y's point on each line as `(p·x + q) / r`, `r > 0`.
    let mut cuts = Vec::with_capacity(lines.len());
    for l in lines {
        let (p, q) = (l.a.checked_neg()?, l.e.checked_neg()?);
        cuts.push(if l.b > 0 {
            (p, q, l.b)
        } else {
            (l.a, l.e, l.b.checked_neg()?)
        });
    }
    let (xs, ys) = (around(x_points)?, around(y_points)?);
    let mut period: i128 = 1;
    for (p, _, r) in &cuts {
        let step = r.checked_div(gcd(*p, *r))?;
        period = period.checked_mul(step.checked_div(gcd(period, step))?)?;
        if period > MAX_PERIOD {
            return None;
        }
    }
    // `V(x)`.
    let values = |x: i128| -> Option<Vec<i128>> {
        let mut out = Vec::with_capacity(cuts.len() * 2 + ys.len());
        for (p, q, r) in &cuts {
            let n = p.checked_mul(x)?.checked_add(*q)?;
            out.push(floor_div(n, *r)?);
            out.push(ceil_div(n, *r)?);
        }
        out.extend_from_slice(&ys);
        Some(out)
    };
    let pattern = |x: i128| -> Option<(Vec<Ordering>, Vec<i128>)> {
        let v = values(x)?;
        let mut cut = Vec::with_capacity(v.len() * v.len() / 2);
        for (i, a) in v.iter().enumerate() {
            for b in v.iter().skip(i + 1) {
                cut.push(b.checked_sub(*a)?.clamp(-2, 2));
            }
        }
        Some((xs.iter().map(|q| x.cmp(q)).collect(), cut))
    };
    let mut candidates: BTreeSet<i128> = BTreeSet::new();
    for rho in 0..period {
        // Each value of `V(L·m + ρ)` as `slope·m + start`.
        let mut lines_m: Vec<(i128, i128)> = Vec::with_capacity(cuts.len() * 2 + ys.len());
        for (p, q, r) in &cuts {
            let slope = p.checked_mul(period)?.checked_div(*r)?;
            let n = p.checked_mul(rho)?.checked_add(*q)?;
            lines_m.push((slope, floor_div(n, *r)?));
            lines_m.push((slope, ceil_div(n, *r)?));
        }
        lines_m.extend(ys.iter().map(|k| (0, *k)));
        // Where each line in `m` crosses 0, as a fraction.
        let mut crossings: Vec<(i128, i128)> = Vec::new();
        for (i, (s1, c1)) in lines_m.iter().enumerate() {
            for (s2, c2) in lines_m.iter().skip(i + 1) {
                let slope = s2.checked_sub(*s1)?;
                if slope == 0 {
                    continue;
                }
                let start = c2.checked_sub(*c1)?;
                for k in -2..=2 {
                    crossings.push((k - start, slope));
                }
            }
        }
        for q in &xs {
            crossings.push((q.checked_sub(rho)?, period));
        }
        let mut ms = vec![0];
        for (n, d) in crossings {
            let (f, c) = (floor_div(n, d)?, ceil_div(n, d)?);
            ms.extend([f.checked_sub(1)?, f, c, c.checked_add(1)?]);
        }
        for m in ms {
            candidates.insert(period.checked_mul(m)?.checked_add(rho)?);
        }
        if candidates.len() > MAX_CANDIDATES {
            return None;
        }
    }
    // Small values first: one of each pattern, the smallest.
    let mut ordered: Vec<i128> = candidates.into_iter().collect();
    ordered.sort_by_key(|x| (x.unsigned_abs(), *x));
    let mut seen = HashSet::new();
    let (mut chosen_x, mut chosen_y) = (Vec::new(), BTreeSet::new());
    for x in ordered {
        if !seen.insert(pattern(x)?) {
            continue;
        }
        chosen_x.push(decimal(x)?);
        let v: Vec<Decimal> = values(x)?.into_iter().map(decimal).collect::<Option<_>>()?;
        chosen_y.extend(integers(&v)?);
        if chosen_x.len() > MAX_JOINED || chosen_y.len() > MAX_JOINED {
            return None;
        }
    }
    chosen_x.sort();
    Some([chosen_x, chosen_y.into_iter().collect()])
}

/// The representatives of two pieces of evidence with decimals (numbers or
/// percentages; `shares` says which are percentages, from 0 to 1) that
/// these lines join and nothing else does: as [`pair`], without the whole
/// numbers. For one value of `x`, line `i` puts the point `t = (p·x + q) /
/// r` on `y`; every line and every condition on `y` alone say of `y` only
/// where it lies among these points, `y`'s own, and 0 and 1 for a
/// percentage. Which places among them a decimal `y` can take depends
/// only on their order, that is on the sign of each difference of two of
/// them, a line in `x`: so on where `x` lies among the points where those
/// lines cross 0 and `x`'s own points. One `x` in each region among
/// those, and for each one `y` in each region among its points, stand for
/// every pair. A point is a place of its own only when a decimal can be
/// it, and every `t` is one for a decimal `x` when `r` has no prime
/// factor but 2 and 5: otherwise (`3·y = x`), `None`, and the lines stay
/// undecided; also when a region is too narrow for the decimal found.
fn pair_decimals(lines: &[Line], points: [&[Decimal]; 2], shares: [bool; 2]) -> Option<Joined> {
    let ratio = |n: i128| Ratio::new(n, 1);
    let own = |points: &[Decimal], share: bool| -> Option<Vec<Ratio>> {
        let mut out: Vec<Ratio> = points
            .iter()
            .map(|p| Ratio::from_decimal(*p))
            .collect::<Option<_>>()?;
        if share {
            out.extend([Ratio::ZERO, ratio(1)?]);
        }
        Some(out)
    };
    let [xs, ys] = [own(points[0], shares[0])?, own(points[1], shares[1])?];
    // Each point on `y` as `slope·x + start`.
    let mut on_y: Vec<(Ratio, Ratio)> = ys.iter().map(|k| (Ratio::ZERO, *k)).collect();
    for l in lines {
        let r = ratio(l.b.checked_neg()?)?;
        let (slope, start) = (ratio(l.a)?.quotient(r)?, ratio(l.e)?.quotient(r)?);
        let (_, den) = slope.parts();
        let (_, den2) = start.parts();
        if !tens(den) || !tens(den2) {
            return None;
        }
        on_y.push((slope, start));
    }
    let mut crossings = xs;
    for (i, (s1, c1)) in on_y.iter().enumerate() {
        for (s2, c2) in on_y.iter().skip(i + 1) {
            let slope = s1.difference(*s2)?;
            if slope != Ratio::ZERO {
                crossings.push(c2.difference(*c1)?.quotient(slope)?);
            }
        }
    }
    let chosen_x = reals(crossings, shares[0])?;
    let mut chosen_y = BTreeSet::new();
    for x in &chosen_x {
        let x = Ratio::from_decimal(*x)?;
        let at: Vec<Ratio> = on_y
            .iter()
            .map(|(s, c)| s.product(x)?.sum(*c))
            .collect::<Option<_>>()?;
        chosen_y.extend(reals(at, shares[1])?);
        if chosen_x.len() > MAX_JOINED || chosen_y.len() > MAX_JOINED {
            return None;
        }
    }
    Some([chosen_x, chosen_y.into_iter().collect()])
}

/// Whether a denominator has no prime factor but 2 and 5: a fraction over
/// it is a decimal.
fn tens(mut den: i128) -> bool {
    for f in [2, 5] {
        while den != 0 && den % f == 0 {
            den /= f;
        }
    }
    den == 1
}

/// One decimal in each region among fractions: each that has no prime
/// factor but 2 and 5 in its denominator (one that has cannot be
/// evidence), a short one strictly between each two, one below and one
/// above, or for a percentage (`share`) only what lies from 0 to 1 (the
/// fractions then include 0 and 1). `None` where a decimal that should be
/// there is not found within 28 digits.
fn reals(mut points: Vec<Ratio>, share: bool) -> Option<Vec<Decimal>> {
    points.sort_by(|a, b| a.order(*b));
    points.dedup_by(|a, b| a.order(*b) == Ordering::Equal);
    let one = Ratio::new(1, 1)?;
    if share {
        points.retain(|p| p.order(Ratio::ZERO).is_ge() && p.order(one).is_le());
    }
    let mut out = Vec::with_capacity(points.len() * 2 + 2);
    match (points.first(), points.last(), share) {
        (Some(low), Some(high), false) => {
            let (n, d) = low.parts();
            out.push(decimal(floor_div(n, d)?.checked_sub(1)?)?);
            let (n, d) = high.parts();
            out.push(decimal(ceil_div(n, d)?.checked_add(1)?)?);
        }
        (None, _, _) | (_, None, _) => out.push(Decimal::ZERO),
        _ => {}
    }
    for p in &points {
        if tens(p.parts().1) {
            out.push(p.exact_decimal()?);
        }
    }
    for w in points.windows(2) {
        let [a, b] = w else { continue };
        out.push(between(*a, *b)?);
    }
    let mut out: Vec<Decimal> = out.into_iter().map(|d| d.normalize()).collect();
    out.sort();
    out.dedup();
    Some(out)
}

/// The shortest decimal strictly between `a < b`, within 28 digits.
fn between(a: Ratio, b: Ratio) -> Option<Decimal> {
    let mut scale = 1i128;
    for digits in 0..=28u32 {
        let (n, d) = a.product(Ratio::new(scale, 1)?)?.parts();
        let next = floor_div(n, d)?.checked_add(1)?;
        let candidate = Ratio::new(next, scale)?;
        if candidate.order(b).is_lt() {
            return Decimal::try_from_i128_with_scale(next, digits).ok();
        }
        scale = scale.checked_mul(10)?;
    }
    None
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

    /// What lines and points say of `(x, y)`: the sign of each line,
    /// where `x` and `y` lie among their points.
    fn answers(lines: &[Line], xs: &[Decimal], ys: &[Decimal], x: i128, y: i128) -> Vec<Ordering> {
        let mut out: Vec<Ordering> = lines
            .iter()
            .map(|l| (l.a * x + l.b * y + l.e).cmp(&0))
            .collect();
        out.extend(xs.iter().map(|p| Decimal::from(x).cmp(p)));
        out.extend(ys.iter().map(|p| Decimal::from(y).cmp(p)));
        out
    }

    fn line(a: i128, b: i128, e: i128) -> Line {
        Line {
            x: 0,
            y: 1,
            a,
            b,
            e,
        }
    }

    /// Every combination of answers that a wide square of whole numbers
    /// gives, the representatives give, for lines with steep and shallow
    /// slopes, fractions (`3y = 2x + 1` holds for odd `x` only) and lines
    /// parallel to each other.
    #[test]
    fn pairs_of_representatives_give_every_answer_a_wide_square_gives() {
        let cases: Vec<(Vec<Line>, Vec<&str>, Vec<&str>)> = vec![
            // C1, before and after: 50x >= y, 40x >= y; x >= 2, x >= 3.
            (
                vec![line(50, -1, 0), line(40, -1, 0)],
                vec!["2", "3"],
                vec![],
            ),
            (vec![line(2, -3, 1), line(1, -1, 0)], vec![], vec!["4"]),
            (
                vec![line(2, -3, 1), line(-2, 3, -1)],
                vec!["1.5"],
                vec!["-2", "7"],
            ),
            (
                vec![line(5, 7, -3), line(1, 2, 0), line(3, -4, 2)],
                vec!["0"],
                vec!["1"],
            ),
            (vec![line(1, -1, 0), line(1, -1, 3)], vec![], vec![]),
            (vec![line(4, -6, 1)], vec!["10"], vec!["10"]),
        ];
        for (lines, xs, ys) in cases {
            let (xs, ys) = (numbers(&xs), numbers(&ys));
            let [rx, ry] = pair(&lines, &xs, &ys).unwrap();
            let whole = |d: &Decimal| i128::try_from(*d).unwrap();
            let mut reached = HashSet::new();
            for x in &rx {
                for y in &ry {
                    reached.insert(answers(&lines, &xs, &ys, whole(x), whole(y)));
                }
            }
            for x in -80..=80 {
                for y in -300..=300 {
                    let a = answers(&lines, &xs, &ys, x, y);
                    assert!(reached.contains(&a), "{lines:?}: ({x}, {y}) gives {a:?}");
                }
            }
            assert!(rx.len() < 40 && ry.len() < 400, "{} {}", rx.len(), ry.len());
        }
    }

    /// The same for decimals: every combination of answers that a fine
    /// grid of numbers (or of percentages) gives, the representatives
    /// give; a line that puts points no decimal can be on `y` (`3y = x`)
    /// has none.
    #[test]
    fn pairs_of_decimals_give_every_answer_a_fine_grid_gives() {
        let ratio = |d: &Decimal| Ratio::from_decimal(*d).unwrap();
        let answers = |lines: &[Line], xs: &[Decimal], ys: &[Decimal], x: Ratio, y: Ratio| {
            let r = |n: i128| Ratio::new(n, 1).unwrap();
            let mut out: Vec<Ordering> = lines
                .iter()
                .map(|l| {
                    let v = r(l.a)
                        .product(x)
                        .unwrap()
                        .sum(r(l.b).product(y).unwrap())
                        .unwrap();
                    v.sum(r(l.e)).unwrap().order(Ratio::ZERO)
                })
                .collect();
            out.extend(xs.iter().map(|p| x.order(ratio(p))));
            out.extend(ys.iter().map(|p| y.order(ratio(p))));
            out
        };
        let no: &[&str] = &[];
        let cases = [
            (
                vec![line(1, -1, 0), line(2, -1, 0)],
                &["0.5"][..],
                &["0.8"][..],
                true,
            ),
            (
                vec![line(2, -4, 1), line(1, 1, -1)],
                no,
                &["0.25"][..],
                true,
            ),
            (
                vec![line(3, -2, 1), line(1, -5, 0)],
                &["2"][..],
                &["-1"][..],
                false,
            ),
        ];
        for (lines, xs, ys, share) in cases {
            let (xs, ys) = (numbers(xs), numbers(ys));
            let [rx, ry] = pair_decimals(&lines, [&xs, &ys], [share, share]).unwrap();
            let mut reached = HashSet::new();
            for x in &rx {
                for y in &ry {
                    reached.insert(answers(&lines, &xs, &ys, ratio(x), ratio(y)));
                }
            }
            // Every 0.5%, or every 0.02 from -4 to 4.
            let (from, to, den) = if share {
                (0, 200, 200)
            } else {
                (-200, 200, 50)
            };
            for x in from..=to {
                for y in from..=to {
                    let (x, y) = (Ratio::new(x, den).unwrap(), Ratio::new(y, den).unwrap());
                    let a = answers(&lines, &xs, &ys, x, y);
                    assert!(
                        reached.contains(&a),
                        "{lines:?}: ({x:?}, {y:?}) gives {a:?}"
                    );
                }
            }
        }
        assert!(pair_decimals(&[line(1, -3, 0)], [&[], &[]], [false, false]).is_none());
    }

    /// Evidence joined by lines to two others has no representatives
    /// together with either: those lines stay undecided.
    #[test]
    fn evidence_joined_to_two_others_is_not_paired() {
        let mut met = vec![Met::default(); 4];
        met[0].lines.push(Line {
            x: 0,
            y: 1,
            a: 1,
            b: -1,
            e: 0,
        });
        met[0].lines.push(Line {
            x: 0,
            y: 2,
            a: 1,
            b: -1,
            e: 0,
        });
        met[3].numbers.push(Decimal::ONE);
        let found = pairs(
            &met,
            &[&Type::Int, &Type::Int, &Type::Int, &Type::Int],
            |_, _| true,
            None,
        );
        assert_eq!(found.len(), 2);
        assert!(found.iter().all(|(_, reps)| reps.is_none()));
        met[0].lines.pop();
        let found = pairs(
            &met,
            &[&Type::Int, &Type::Int, &Type::Int, &Type::Int],
            |_, _| true,
            None,
        );
        assert_eq!(found.len(), 1);
        assert!(found[0].1.is_some());
        // Through a memo: the same answer, worked out once.
        let memo = PairMemo::default();
        for _ in 0..3 {
            let again = pairs(
                &met,
                &[&Type::Int, &Type::Int, &Type::Int, &Type::Int],
                |_, _| true,
                Some(&memo),
            );
            assert_eq!(again, found);
        }
        assert_eq!(memo.0.borrow().len(), 1);
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
