//! Whether a condition got easier or harder to meet: compiled conditions of
//! two frameworks compared constant by constant.

use crate::compile::{Condition, ExprId, Framework, Op, Score, Test};
use crate::syntax::ast::{ArithOp, CompareOp, Period, Unit};
use crate::value::{format_value, Type, Value};

/// How a condition moved: the same, easier or harder to meet, or changed in
/// a way that has no one direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Shift {
    Same,
    Easier,
    Harder,
    Other,
}

impl Shift {
    fn of(shape_same: bool, effects: &[i8]) -> Shift {
        if !shape_same {
            Shift::Other
        } else if effects.is_empty() {
            Shift::Same
        } else if effects.iter().all(|e| *e > 0) {
            Shift::Easier
        } else if effects.iter().all(|e| *e < 0) {
            Shift::Harder
        } else {
            Shift::Other
        }
    }

    fn combine(self, other: Shift) -> Shift {
        match (self, other) {
            (Shift::Same, x) | (x, Shift::Same) => x,
            (a, b) if a == b => a,
            _ => Shift::Other,
        }
    }
}

/// Compares compiled conditions of two frameworks. Two conditions have the
/// same shape when they differ at most in constants (numbers, dates,
/// windows, sets); each differing constant is then judged by its direction:
/// `x >= 70%` → `x >= 80%` is harder, `within 12 months` → `within 24
/// months` easier. Arithmetic is read with non-negative evidence in mind
/// (counts, shares, people), as every framework so far uses it.
pub(super) struct Comparer<'a> {
    old: &'a Framework,
    new: &'a Framework,
    /// Pairs compared where one side is a define, with the outcome: whether
    /// the shapes match and which effects (-1, 0, +1) were seen. A define
    /// used many times is compared once per pair and sign.
    shared: std::cell::RefCell<std::collections::HashMap<(ExprId, ExprId, i8), ShapeAndEffects>>,
}

/// Whether two conditions have the same shape, and which effects (-1, 0,
/// +1) their constants have.
type ShapeAndEffects = (bool, [bool; 3]);

/// What a constant is compared with, to compare enum members by name.
type Hint<'t> = Option<&'t Type>;

impl<'a> Comparer<'a> {
    pub(super) fn new(old: &'a Framework, new: &'a Framework) -> Comparer<'a> {
        Comparer {
            old,
            new,
            shared: Default::default(),
        }
    }
}

impl Comparer<'_> {
    pub(super) fn conditions(&self, a: &Condition, b: &Condition) -> Shift {
        let mut effects = Vec::new();
        let same = self.expr(a.expr, b.expr, 1, (None, None), &mut effects);
        Shift::of(same, &effects)
    }

    pub(super) fn scores(&self, a: &Score, b: &Score) -> Shift {
        let levels_match = a.levels.len() == b.levels.len()
            && a.otherwise == b.otherwise
            && a.max == b.max
            && a.levels.iter().zip(&b.levels).all(|(x, y)| x.0 == y.0);
        if !levels_match {
            return Shift::Other;
        }
        a.levels
            .iter()
            .zip(&b.levels)
            .fold(Shift::Same, |acc, ((_, x), (_, y))| {
                acc.combine(self.conditions(x, y))
            })
    }

    fn slot_type<'f>(fw: &'f Framework, id: ExprId) -> Hint<'f> {
        match fw.exprs.get(fw.beneath(id) as usize)? {
            Op::Slot(s) => Some(&fw.slots.get(*s as usize)?.ty),
            _ => None,
        }
    }

    fn element_type(fw: &Framework, slot: u32) -> Hint<'_> {
        match &fw.slots.get(slot as usize)?.ty {
            Type::List(e) => Some(e),
            other => Some(other),
        }
    }

    /// Whether `a` (old) and `b` (new) have the same shape; `sign` says
    /// whether a larger value here makes the condition easier (1), harder
    /// (-1) or neither (0); each differing constant adds its effect.
    fn expr(
        &self,
        a: ExprId,
        b: ExprId,
        sign: i8,
        hint: (Hint<'_>, Hint<'_>),
        effects: &mut Vec<i8>,
    ) -> bool {
        let (Some(x), Some(y)) = (
            self.old.exprs.get(a as usize),
            self.new.exprs.get(b as usize),
        ) else {
            return false;
        };
        match (x, y) {
            (Op::Define(..), _) | (_, Op::Define(..)) => {
                let key = (a, b, sign);
                let known = self.shared.borrow().get(&key).copied();
                let (same, seen) = match known {
                    Some(known) => known,
                    None => {
                        let below = |op: &Op, id: ExprId| match op {
                            Op::Define(_, inner) => *inner,
                            _ => id,
                        };
                        let mut inner = Vec::new();
                        let same = self.expr(below(x, a), below(y, b), sign, hint, &mut inner);
                        let seen = [-1, 0, 1].map(|e| inner.contains(&e));
                        self.shared.borrow_mut().insert(key, (same, seen));
                        (same, seen)
                    }
                };
                for (effect, seen) in [-1, 0, 1].into_iter().zip(seen) {
                    if seen {
                        effects.push(effect);
                    }
                }
                same
            }
            (Op::Const(v), Op::Const(w)) => {
                if !same_value(v, hint.0, w, hint.1) {
                    effects.push(order(v, w).map_or(0, |o| o * sign));
                }
                true
            }
            (Op::Slot(s), Op::Slot(t)) | (Op::Present(s), Op::Present(t)) => self.same_slot(*s, *t),
            (Op::Count(s, ta), Op::Count(t, tb)) => {
                if !self.same_slot(*s, *t) {
                    return false;
                }
                let hint = (
                    Self::element_type(self.old, *s),
                    Self::element_type(self.new, *t),
                );
                match (ta, tb) {
                    (None, None) => true,
                    // More elements passing the test means a larger count.
                    (Some(ta), Some(tb)) => self.test(ta, tb, sign, hint, effects),
                    _ => false,
                }
            }
            (Op::Not(i), Op::Not(j)) => self.expr(*i, *j, -sign, (None, None), effects),
            (Op::Neg(i), Op::Neg(j)) => self.expr(*i, *j, -sign, (None, None), effects),
            (Op::Logic(p, s1, n1), Op::Logic(q, s2, n2)) => {
                if p != q || n1 != n2 {
                    return false;
                }
                let (Some(xs), Some(ys)) = (
                    self.old
                        .operands
                        .get(*s1 as usize..(*s1 as usize).saturating_add(*n1 as usize)),
                    self.new
                        .operands
                        .get(*s2 as usize..(*s2 as usize).saturating_add(*n2 as usize)),
                ) else {
                    return false;
                };
                let mut same = true;
                for (i, j) in xs.iter().zip(ys) {
                    same &= self.expr(*i, *j, sign, (None, None), effects);
                }
                same
            }
            (Op::Compare(p, l1, r1), Op::Compare(q, l2, r2)) => {
                if p != q {
                    return false;
                }
                let (left, right) = compare_signs(*p, sign);
                let left_hint = (
                    Self::slot_type(self.old, *r1),
                    Self::slot_type(self.new, *r2),
                );
                let right_hint = (
                    Self::slot_type(self.old, *l1),
                    Self::slot_type(self.new, *l2),
                );
                let l = self.expr(*l1, *l2, left, left_hint, effects);
                let r = self.expr(*r1, *r2, right, right_hint, effects);
                l && r
            }
            (Op::Arith(p, l1, r1), Op::Arith(q, l2, r2)) => {
                if p != q {
                    return false;
                }
                let right = match p {
                    ArithOp::Add | ArithOp::Mul => sign,
                    ArithOp::Sub | ArithOp::Div => -sign,
                };
                let l = self.expr(*l1, *l2, sign, (None, None), effects);
                let r = self.expr(*r1, *r2, right, (None, None), effects);
                l && r
            }
            (Op::Test(s1, ta), Op::Test(s2, tb)) => {
                let hint = (
                    Self::slot_type(self.old, *s1),
                    Self::slot_type(self.new, *s2),
                );
                let subject_sign = match (ta, tb) {
                    (Test::Compare(op, _), _) => compare_signs(*op, sign).0,
                    _ => 0,
                };
                let s = self.expr(*s1, *s2, subject_sign, (None, None), effects);
                let t = self.test(ta, tb, sign, hint, effects);
                s && t
            }
            _ => false,
        }
    }

    fn test(
        &self,
        a: &Test,
        b: &Test,
        sign: i8,
        hint: (Hint<'_>, Hint<'_>),
        effects: &mut Vec<i8>,
    ) -> bool {
        match (a, b) {
            (Test::Within(p), Test::Within(q)) => {
                if p != q {
                    // A longer window is easier to be in.
                    effects.push(sign * cmp_sign(approx_days(*q).cmp(&approx_days(*p))));
                }
                true
            }
            // A later bound lets more dates be before it, fewer after it.
            (Test::Before(i), Test::Before(j)) => self.expr(*i, *j, sign, hint, effects),
            (Test::After(i), Test::After(j)) => self.expr(*i, *j, -sign, hint, effects),
            (Test::Compare(p, i), Test::Compare(q, j)) => {
                p == q && self.expr(*i, *j, compare_signs(*p, sign).1, hint, effects)
            }
            (
                Test::In {
                    negated: n1,
                    set: s1,
                },
                Test::In {
                    negated: n2,
                    set: s2,
                },
            ) => {
                if n1 != n2 {
                    return false;
                }
                let mut before: Vec<String> = s1.iter().map(|v| key(v, hint.0)).collect();
                let mut after: Vec<String> = s2.iter().map(|v| key(v, hint.1)).collect();
                before.sort();
                before.dedup();
                after.sort();
                after.dedup();
                if before != after {
                    let grew = before.iter().all(|v| after.contains(v));
                    let shrank = after.iter().all(|v| before.contains(v));
                    let membership = match (grew, shrank) {
                        (true, _) => 1,
                        (_, true) => -1,
                        _ => 0,
                    };
                    let effect = if *n1 { -membership } else { membership };
                    effects.push(effect * sign);
                }
                true
            }
            _ => false,
        }
    }

    fn same_slot(&self, s: u32, t: u32) -> bool {
        self.old.same_slot(s, self.new, t)
    }
}

/// The signs of a comparison's sides: for `l >= r`, a larger `l` makes it
/// easier and a larger `r` harder.
fn compare_signs(op: CompareOp, sign: i8) -> (i8, i8) {
    match op {
        CompareOp::Ge | CompareOp::Gt => (sign, -sign),
        CompareOp::Le | CompareOp::Lt => (-sign, sign),
        CompareOp::Eq | CompareOp::Ne => (0, 0),
    }
}

fn cmp_sign(o: std::cmp::Ordering) -> i8 {
    match o {
        std::cmp::Ordering::Less => -1,
        std::cmp::Ordering::Equal => 0,
        std::cmp::Ordering::Greater => 1,
    }
}

/// A period's length in hundredths of a day, to compare `12 months` with
/// `1 year` or `365 days`.
fn approx_days(p: Period) -> u64 {
    let per_unit = match p.unit {
        Unit::Days => 100,
        Unit::Weeks => 700,
        Unit::Months => 3_044,
        Unit::Years => 36_525,
    };
    u64::from(p.amount) * per_unit
}

/// Whether `w` (new) is larger than `v` (old): 1, -1, or `None` when the
/// values have no order (texts, members) or differ in kind.
fn order(v: &Value, w: &Value) -> Option<i8> {
    match (v, w) {
        (Value::Number(a), Value::Number(b)) => Some(cmp_sign(b.cmp(a))),
        (Value::Date(a), Value::Date(b)) => Some(cmp_sign(b.cmp(a))),
        (Value::Bool(a), Value::Bool(b)) => Some(cmp_sign(b.cmp(a))),
        _ => None,
    }
    .filter(|o| *o != 0)
}

fn key(v: &Value, hint: Hint<'_>) -> String {
    match hint {
        Some(ty) => format_value(v, ty),
        None => v.to_string(),
    }
}

fn same_value(v: &Value, hv: Hint<'_>, w: &Value, hw: Hint<'_>) -> bool {
    match (v, w) {
        (Value::Member(_), Value::Member(_)) => key(v, hv) == key(w, hw),
        _ => v == w,
    }
}
