//! Whether a criterion is the same in both versions: the same conditions,
//! over the same evidence (by path, of the same type), in the same order.
//! Such a criterion is decided alike for every evidence, whether or not
//! its conditions are in the fragment the analysis decides.

use std::collections::HashMap;

use crate::compile::{CompiledCriterion, Condition, ExprId, Framework, Op, SlotId, Test};

/// Compares the compiled criteria of two versions.
pub(crate) struct Same<'a> {
    old: &'a Framework,
    new: &'a Framework,
    /// Pairs of defines compared so far: a define used many times is
    /// compared once.
    defines: HashMap<(ExprId, ExprId), bool>,
}

impl<'a> Same<'a> {
    pub(crate) fn new(old: &'a Framework, new: &'a Framework) -> Same<'a> {
        Same {
            old,
            new,
            defines: HashMap::new(),
        }
    }

    /// Whether the two are judged alike for every evidence (no exception
    /// waives either: the analysis grants none).
    pub(crate) fn criterion(&mut self, a: &CompiledCriterion, b: &CompiledCriterion) -> bool {
        let applies = match (&a.applies, &b.applies) {
            (None, None) => true,
            (Some(x), Some(y)) => self.condition(x, y),
            _ => false,
        };
        let requirements = a.requirements.len() == b.requirements.len()
            && a.requirements
                .iter()
                .zip(&b.requirements)
                .all(|(x, y)| self.condition(&x.condition, &y.condition));
        let score = match (&a.score, &b.score) {
            (None, None) => true,
            (Some(x), Some(y)) => {
                x.max == y.max
                    && x.otherwise == y.otherwise
                    && x.levels.len() == y.levels.len()
                    && x.levels
                        .iter()
                        .zip(&y.levels)
                        .all(|((l, c), (m, d))| l == m && self.condition(c, d))
            }
            _ => false,
        };
        applies && requirements && score
    }

    fn condition(&mut self, a: &Condition, b: &Condition) -> bool {
        self.expr(a.expr, b.expr)
    }

    fn slot(&self, a: SlotId, b: SlotId) -> bool {
        self.old.same_slot(a, self.new, b)
    }

    fn expr(&mut self, a: ExprId, b: ExprId) -> bool {
        let (old, new) = (self.old, self.new);
        let (Some(x), Some(y)) = (old.exprs.get(a as usize), new.exprs.get(b as usize)) else {
            return false;
        };
        match (x, y) {
            (Op::Define(_, i), Op::Define(_, j)) => {
                if let Some(known) = self.defines.get(&(a, b)) {
                    return *known;
                }
                let same = self.expr(*i, *j);
                self.defines.insert((a, b), same);
                same
            }
            (Op::Define(_, i), _) => self.expr(*i, b),
            (_, Op::Define(_, j)) => self.expr(a, *j),
            (Op::Const(v), Op::Const(w)) => v == w,
            (Op::Slot(s), Op::Slot(t)) | (Op::Present(s), Op::Present(t)) => self.slot(*s, *t),
            (Op::Count(s, f), Op::Count(t, g)) => {
                self.slot(*s, *t)
                    && match (f, g) {
                        (None, None) => true,
                        (Some(f), Some(g)) => self.test(f, g),
                        _ => false,
                    }
            }
            (Op::Not(i), Op::Not(j)) | (Op::Neg(i), Op::Neg(j)) => self.expr(*i, *j),
            (Op::Logic(p, s, n), Op::Logic(q, t, m)) => {
                let operands = |fw: &'a Framework, start: u32, len: u32| {
                    let start = start as usize;
                    start
                        .checked_add(len as usize)
                        .and_then(|end| fw.operands.get(start..end))
                };
                match (operands(old, *s, *n), operands(new, *t, *m)) {
                    (Some(xs), Some(ys)) if p == q && xs.len() == ys.len() => {
                        xs.iter().zip(ys).all(|(i, j)| self.expr(*i, *j))
                    }
                    _ => false,
                }
            }
            (Op::Compare(p, l, r), Op::Compare(q, m, s)) => {
                p == q && self.expr(*l, *m) && self.expr(*r, *s)
            }
            (Op::Arith(p, l, r), Op::Arith(q, m, s)) => {
                p == q && self.expr(*l, *m) && self.expr(*r, *s)
            }
            (Op::Test(i, f), Op::Test(j, g)) => self.expr(*i, *j) && self.test(f, g),
            (Op::CompareSlotNumber(p, s, n), Op::CompareSlotNumber(q, t, m)) => {
                p == q && n == m && self.slot(*s, *t)
            }
            (Op::SlotWithin(s, p, _), Op::SlotWithin(t, q, _)) => p == q && self.slot(*s, *t),
            (Op::CountWithin(o, s, p, _, n), Op::CountWithin(r, t, q, _, m)) => {
                o == r && p == q && n == m && self.slot(*s, *t)
            }
            _ => false,
        }
    }

    fn test(&mut self, a: &Test, b: &Test) -> bool {
        match (a, b) {
            (Test::Within(p), Test::Within(q)) => p == q,
            (Test::Before(i), Test::Before(j)) | (Test::After(i), Test::After(j)) => {
                self.expr(*i, *j)
            }
            (Test::In { negated: n, set: s }, Test::In { negated: m, set: t }) => n == m && s == t,
            (Test::Compare(p, i), Test::Compare(q, j)) => p == q && self.expr(*i, *j),
            _ => false,
        }
    }
}
