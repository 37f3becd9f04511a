//! Stage 4: evaluation. A pure function of (framework, evidence, as-of date):
//! no clock, no I/O, no global state.
//!
//! **Missing evidence is not false**: every condition is true, false or
//! unknown (`None`), combined with Kleene's rules.

mod explain;
pub(crate) use explain::MISSING;
mod decide;
mod score;
mod stage;
mod trace;

pub(crate) use decide::Ruling;
pub use decide::{CriterionDecision, Decision, ThemeDecision};
pub(crate) use score::{rules, status_of, Prospect, Rule, Tally};
pub use stage::{Assessment, Certificate, EvalOptions, Maturity, Stage, ToSupply};

use std::cell::Cell;
use std::cmp::Ordering;

use jiff::civil::Date;
use rust_decimal::Decimal;

use crate::check::Language;
use crate::compile::{CompiledCriterion, ExprId, Framework, Op, SlotId, Test, WINDOWS};
use crate::evidence::{Evidence, Supplied};
use crate::outcome::{CriterionOutcome, Status, Waiver};
use crate::syntax::ast::{ArithOp, CompareOp, LogicOp, Period, Unit};
use crate::value::{self, Value};

/// A value during evaluation; borrowed from the evidence or the framework.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Val<'a> {
    Bool(bool),
    Num(Decimal),
    /// A number that is no decimal (`7 / 3`): exact, in lowest terms.
    Frac(crate::ratio::Ratio),
    Date(Date),
    Text(&'a str),
    Member(u16),
}

impl<'a> Val<'a> {
    fn of(value: &'a Value) -> Val<'a> {
        match value {
            Value::Bool(b) => Val::Bool(*b),
            Value::Number(n) => Val::Num(*n),
            Value::Date(d) => Val::Date(*d),
            Value::Text(t) => Val::Text(t),
            Value::Member(m) => Val::Member(*m),
        }
    }
}

/// The share of its weight a criterion adds to its theme's score, as far
/// as the evidence tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Share {
    /// Not applicable: leaves the scoring.
    Absent,
    /// Passed or failed at this share of its weight: `level / max`.
    Known { level: u64, max: u64 },
    /// Unknown, at most this share of its weight: a graded criterion
    /// whose level is known but whose requirements are not (they hold:
    /// `level`; they fail: 0).
    Upto { level: u64, max: u64 },
    /// Unknown: anywhere from nothing to the full weight.
    Open,
}

/// How many defines an evaluator keeps the values of without allocating.
const FEW_DEFINES: usize = 4;

/// The value of each define met so far (by its number; `None` inside:
/// unknown).
enum Defines<'a> {
    /// A few, in place.
    Few([Cell<Option<Option<Val<'a>>>>; FEW_DEFINES]),
    /// More, on the heap.
    Many(Vec<Cell<Option<Option<Val<'a>>>>>),
}

pub(crate) struct Evaluator<'a> {
    pub framework: &'a Framework,
    pub evidence: &'a Evidence,
    pub as_of: Date,
    /// The framework's program ([`Framework::fused`]) and the evidence's
    /// values, at hand.
    program: &'a [Op],
    values: &'a [Option<Supplied>],
    /// The first day of each of [`Framework::windows`] met so far (`None`
    /// inside: before the calendar): every criterion of a location shares
    /// the same few windows.
    windows: [Cell<Option<Option<Date>>>; WINDOWS],
    /// The value of each define met so far (by its number): a define is
    /// evaluated once per location, however often it is used.
    defines: Defines<'a>,
    /// Reads only values someone verified on or before the as-of date;
    /// the others count as not supplied (`audit requires verified`).
    verified_only: bool,
}

impl<'a> Evaluator<'a> {
    pub(crate) fn new(framework: &'a Framework, evidence: &'a Evidence) -> Evaluator<'a> {
        Evaluator {
            framework,
            evidence,
            as_of: evidence.as_of,
            program: &framework.fused,
            values: &evidence.values,
            windows: Default::default(),
            defines: if framework.defines.len() <= FEW_DEFINES {
                Defines::Few(Default::default())
            } else {
                Defines::Many(vec![Cell::new(None); framework.defines.len()])
            },
            verified_only: false,
        }
    }

    /// An evaluator that reads only verified evidence: what an audit that
    /// requires verified evidence sees.
    pub(crate) fn verified(framework: &'a Framework, evidence: &'a Evidence) -> Evaluator<'a> {
        Evaluator {
            verified_only: true,
            ..Evaluator::new(framework, evidence)
        }
    }

    /// The value of define `k`, whose expression is `inner`: worked out at
    /// its first use, looked up at every other.
    fn shared(&self, k: u32, inner: ExprId) -> Option<Val<'a>> {
        let cell = match &self.defines {
            Defines::Few(cells) => cells.get(k as usize),
            Defines::Many(cells) => cells.get(k as usize),
        };
        if let Some(Some(known)) = cell.map(Cell::get) {
            return known;
        }
        let value = self.value(inner);
        if let Some(cell) = cell {
            cell.set(Some(value));
        }
        value
    }

    /// The first day of the window `period` long that ends on the as-of
    /// date.
    fn window_start(&self, period: Period) -> Option<Date> {
        match self.framework.windows.iter().position(|p| *p == period) {
            Some(window) => self.window(period, window),
            None => before(self.as_of, period),
        }
    }

    /// The first day of window number `window` of [`Framework::windows`],
    /// which is `period` long: worked out once per location.
    #[inline]
    fn window(&self, period: Period, window: usize) -> Option<Date> {
        match self.windows.get(window).map(Cell::get) {
            Some(Some(start)) => start,
            _ => self.first_window(period, window),
        }
    }

    /// The first day of window `window` at its first use.
    #[inline(never)]
    fn first_window(&self, period: Period, window: usize) -> Option<Date> {
        let start = before(self.as_of, period);
        if let Some(cell) = self.windows.get(window) {
            cell.set(Some(start));
        }
        start
    }

    /// Decides one criterion: its status, the level it reached and what
    /// that adds to its theme's score. No text is built.
    #[inline]
    pub(crate) fn judge(&self, c: &CompiledCriterion) -> Ruling {
        self.judge_with(c, &c.requirements)
    }

    /// Decides a criterion with only the requirements of the framework
    /// that introduced it: what it is without the layers' tightening.
    pub(crate) fn judge_untightened(&self, c: &CompiledCriterion) -> Ruling {
        let own = c
            .requirements
            .get(..c.own_requirements)
            .unwrap_or(&c.requirements);
        self.judge_with(c, own)
    }

    fn judge_with(
        &self,
        c: &CompiledCriterion,
        requirements: &[crate::compile::Requirement],
    ) -> Ruling {
        let applies = c
            .applies
            .as_ref()
            .map_or(Some(true), |a| self.truth(a.expr));
        // Requirements and levels are not read where the criterion does
        // not apply: they change nothing then.
        let (status, level, share) = if applies == Some(false) {
            (Status::NotApplicable, None, Share::Absent)
        } else {
            let all_required =
                kleene_all(requirements.iter().map(|r| self.truth(r.condition.expr)));
            // The level reached as a row of the table, and the level and
            // top level a share counts (an ungraded criterion: 1 of 1).
            let (row, reached, max) = match &c.score {
                None => (UNGRADED, 1, 1),
                Some(s) => match self.level(s) {
                    None => (LEVEL_UNKNOWN, 0, s.max),
                    Some(0) => (LEVEL_ZERO, 0, s.max),
                    Some(l) => (LEVEL_REACHED, l, s.max),
                },
            };
            let (status, level, share) = JUDGED
                .get(row)
                .and_then(|r| r.get(truth_index(all_required)))
                .copied()
                .unwrap_or((Status::Unknown, Level::None, Shared::Open));
            let level = match level {
                Level::None => None,
                Level::Zero => Some(0),
                Level::Reached => Some(reached),
            };
            if applies.is_none() {
                (Status::Unknown, level, Share::Open)
            } else {
                let share = match share {
                    Shared::Nothing => Share::Known { level: 0, max },
                    Shared::Reached => Share::Known {
                        level: reached,
                        max,
                    },
                    Shared::Upto => Share::Upto {
                        level: reached,
                        max,
                    },
                    Shared::Open => Share::Open,
                };
                (status, level, share)
            }
        };
        // An exception that still holds waives a criterion without a legal
        // basis (the loader refuses the others): it leaves the scoring.
        let waiver = if self.evidence.exceptions.is_empty() || c.legal.is_some() {
            None
        } else {
            self.evidence
                .exceptions
                .iter()
                .position(|e| e.criterion == c.id && e.holds_on(self.as_of))
        };
        match waiver {
            Some(index) => Ruling {
                status: Status::Waived,
                level: None,
                share: Share::Absent,
                waiver: Some(index),
                demanded: false,
            },
            None => Ruling {
                status,
                level,
                share,
                waiver: None,
                demanded: false,
            },
        }
    }

    /// Every status and share [`Evaluator::judge`] can give `c` when no
    /// exception waives it, whatever the evidence (the level aside, which
    /// no theme reads): what the analysis assumes of a criterion it cannot
    /// decide exactly. Kept beside [`Evaluator::judge_with`], whose cases
    /// it lists.
    pub(crate) fn possible(c: &CompiledCriterion) -> Vec<(Status, Share)> {
        let mut possible = vec![(Status::Unknown, Share::Open)];
        if c.applies.is_some() {
            possible.push((Status::NotApplicable, Share::Absent));
        }
        match &c.score {
            None => {
                possible.push((Status::Pass, Share::Known { level: 1, max: 1 }));
                possible.push((Status::Fail, Share::Known { level: 0, max: 1 }));
            }
            Some(s) => {
                let max = s.max;
                possible.push((Status::Fail, Share::Known { level: 0, max }));
                let levels = s.levels.iter().map(|(l, _)| *l).chain([s.otherwise]);
                for level in levels.filter(|l| *l > 0) {
                    let pass = (Status::Pass, Share::Known { level, max });
                    let open = (Status::Unknown, Share::Upto { level, max });
                    for p in [pass, open] {
                        if !possible.contains(&p) {
                            possible.push(p);
                        }
                    }
                }
            }
        }
        possible
    }

    /// The level a graded criterion reached: the highest whose condition
    /// holds (`None` when the first undecided one is unknown).
    pub(crate) fn level(&self, s: &crate::compile::Score) -> Option<u64> {
        for (level, condition) in &s.levels {
            match self.truth(condition.expr) {
                Some(true) => return Some(*level),
                None => return None,
                Some(false) => {}
            }
        }
        Some(s.otherwise)
    }

    /// Explains a decided criterion: its result with every gap, kader's
    /// own words in `language`.
    pub(crate) fn explain(
        &self,
        c: &CompiledCriterion,
        judged: &Ruling,
        language: Language,
    ) -> CriterionOutcome {
        let waiver = judged
            .waiver
            .and_then(|i| self.evidence.exceptions.get(i))
            .map(|e| Waiver {
                reason: e.reason.clone(),
                granted_by: e.granted_by.clone(),
                decided_on: e.decided_on,
                valid_until: e.valid_until,
            });
        let explained = if judged.demanded {
            Status::Unknown
        } else {
            judged.status
        };
        let mut gaps = if matches!(explained, Status::Fail | Status::Unknown) {
            let applies = c
                .applies
                .as_ref()
                .map_or(Some(true), |a| self.truth(a.expr));
            let requirements: Vec<Option<bool>> = c
                .requirements
                .iter()
                .map(|r| self.truth(r.condition.expr))
                .collect();
            let level = c.score.as_ref().map(|s| self.level(s));
            explain::gaps(self, c, applies, &requirements, level, language)
        } else {
            Vec::new()
        };
        if self.verified_only {
            explain::unverified(self, &mut gaps, language);
        }
        if judged.demanded {
            stage::not_demonstrated(language, &mut gaps);
        }
        let theme = self
            .framework
            .themes
            .get(c.theme as usize)
            .map(|t| t.id.clone())
            .unwrap_or_default();
        // Provenance only for a layer: a framework that extends nothing has
        // every criterion of its own, and its results stay as they were.
        let layered = !self.framework.extends.is_empty();
        CriterionOutcome {
            id: c.id.clone(),
            theme,
            title: c.title.clone(),
            status: judged.status,
            mandatory: c.mandatory,
            weight: c.weight,
            level: judged.level,
            max_level: c.score.as_ref().map(|s| s.max),
            owner: c.owner.clone(),
            legal: c.legal.clone(),
            layer: layered.then(|| c.layer.clone()),
            tightened_by: layered.then(|| c.tightened_by.clone()),
            waiver,
            gaps,
            provenance: self.sourced(c),
        }
    }

    /// The evidence `c` reads that its file gives a source or a
    /// verification for, in declaration order.
    fn sourced(&self, c: &CompiledCriterion) -> Vec<crate::outcome::SourcedEvidence> {
        if self.evidence.provenance.is_empty() {
            return Vec::new();
        }
        let mut slots = c.reads().slots;
        slots.sort_unstable();
        slots
            .into_iter()
            .filter_map(|slot| {
                let provenance = self.evidence.provenance_of(slot)?;
                let declared = self.framework.slots.get(slot as usize)?;
                Some(crate::outcome::SourcedEvidence {
                    path: declared.path.clone(),
                    label: crate::verbalise::Verbaliser::plain(
                        self.framework,
                        self.framework.language,
                    )
                    .evidence(slot),
                    source: provenance.source.clone(),
                    verified: provenance.verified.clone(),
                })
            })
            .collect()
    }

    /// Evaluates a condition: true, false or unknown.
    ///
    /// Conditions take this short road: a truth fits in a register, where
    /// a value does not. The one-step conditions (a piece of evidence on
    /// its own, against a number, in a window, present) are worked out
    /// where the condition is asked for; the others in
    /// [`Evaluator::compound`].
    #[inline(always)]
    pub(crate) fn truth(&self, id: ExprId) -> Option<bool> {
        let op = self.program.get(id as usize)?;
        match op {
            Op::CompareSlotNumber(op, slot, n) => match self.supplied(*slot)? {
                Supplied::One(Value::Number(v)) => Some(op.holds(compare_numbers(*v, *n))),
                _ => None,
            },
            Op::SlotWithin(slot, period, window) => match self.supplied(*slot)? {
                Supplied::One(Value::Date(d)) => {
                    let start = self.window(*period, usize::from(*window))?;
                    Some(start <= *d && *d <= self.as_of)
                }
                _ => None,
            },
            Op::Slot(slot) => match self.supplied(*slot)? {
                Supplied::One(Value::Bool(b)) => Some(*b),
                _ => None,
            },
            Op::Present(slot) => Some(self.present(*slot)),
            _ => self.compound(id, op),
        }
    }

    /// The truth of a condition that is not one step (see
    /// [`Evaluator::truth`]).
    #[inline(never)]
    fn compound(&self, id: ExprId, op: &Op) -> Option<bool> {
        match op {
            Op::Not(inner) => self.truth(*inner).map(|b| !b),
            Op::Logic(op, start, len) => self.logic(*op, *start, *len),
            Op::Define(k, inner) => match self.shared(*k, *inner)? {
                Val::Bool(b) => Some(b),
                _ => None,
            },
            Op::CountWithin(op, slot, period, window, n) => {
                let Supplied::Many(items) = self.supplied(*slot)? else {
                    return None;
                };
                let mut count: u64 = 0;
                for item in items {
                    let Value::Date(d) = item else { return None };
                    let start = self.window(*period, usize::from(*window))?;
                    count += u64::from(start <= *d && *d <= self.as_of);
                }
                Some(op.holds(compare_numbers(Decimal::from(count), *n)))
            }
            _ => match self.value(id)? {
                Val::Bool(b) => Some(b),
                _ => None,
            },
        }
    }

    #[inline]
    fn present(&self, slot: SlotId) -> bool {
        match self.supplied(slot) {
            None => false,
            Some(Supplied::One(Value::Text(t))) => !crate::value::is_blank(t),
            Some(_) => true,
        }
    }

    fn logic(&self, op: LogicOp, start: u32, len: u32) -> Option<bool> {
        let start = start as usize;
        let ids = self
            .framework
            .operands
            .get(start..start.checked_add(len as usize)?)?;
        let truths = ids.iter().map(|i| self.truth(*i));
        match op {
            LogicOp::And => kleene_all(truths),
            LogicOp::Or => kleene_any(truths),
        }
    }

    #[inline]
    fn supplied(&self, slot: u32) -> Option<&'a Supplied> {
        let supplied = self.values.get(slot as usize)?.as_ref()?;
        if self.verified_only && !self.evidence.verified(slot) {
            return None;
        }
        Some(supplied)
    }

    /// Whether `slot` holds a value this evaluator does not read because
    /// nobody verified it.
    fn unverified(&self, slot: u32) -> bool {
        self.verified_only
            && matches!(self.evidence.values.get(slot as usize), Some(Some(_)))
            && !self.evidence.verified(slot)
    }

    /// Evaluates an expression; `None` is unknown.
    pub(crate) fn value(&self, id: ExprId) -> Option<Val<'a>> {
        let op = self.program.get(id as usize)?;
        match op {
            Op::CompareSlotNumber(..)
            | Op::SlotWithin(..)
            | Op::CountWithin(..)
            | Op::Present(_)
            | Op::Not(_)
            | Op::Logic(..) => self.truth(id).map(Val::Bool),
            Op::Const(v) => Some(Val::of(v)),
            Op::Define(k, inner) => self.shared(*k, *inner),
            Op::Slot(slot) => match self.supplied(*slot)? {
                Supplied::One(v) => Some(Val::of(v)),
                Supplied::Many(_) => None,
            },
            Op::Count(slot, test) => {
                let Supplied::Many(items) = self.supplied(*slot)? else {
                    return None;
                };
                let mut count: u64 = 0;
                for item in items {
                    let counts = match test {
                        None => true,
                        Some(t) => self.test(Val::of(item), t)?,
                    };
                    count += u64::from(counts);
                }
                Some(Val::Num(Decimal::from(count)))
            }
            Op::Compare(op, l, r) => {
                let l = self.value(*l)?;
                let r = self.value(*r)?;
                compare(*op, l, r).map(Val::Bool)
            }
            Op::Arith(op, l, r) => arith(*op, self.value(*l)?, self.value(*r)?),
            Op::Neg(inner) => match self.value(*inner)? {
                Val::Num(n) => Some(Val::Num(-n)),
                Val::Frac(f) => Some(Val::Frac(f.negated()?)),
                _ => None,
            },
            Op::Test(subject, test) => {
                let v = self.value(*subject)?;
                self.test(v, test).map(Val::Bool)
            }
        }
    }

    fn test(&self, v: Val<'a>, test: &Test) -> Option<bool> {
        match test {
            Test::Within(period) => {
                let Val::Date(d) = v else { return None };
                let start = self.window_start(*period)?;
                Some(start <= d && d <= self.as_of)
            }
            Test::Before(bound) => match (v, self.value(*bound)?) {
                (Val::Date(d), Val::Date(b)) => Some(d < b),
                _ => None,
            },
            Test::After(bound) => match (v, self.value(*bound)?) {
                (Val::Date(d), Val::Date(b)) => Some(d > b),
                _ => None,
            },
            Test::In { negated, set } => {
                let mut found = false;
                for member in set.iter() {
                    let equal = match (v, member) {
                        (Val::Member(a), Value::Member(b)) => a == *b,
                        _ => compare(CompareOp::Eq, v, Val::of(member)) == Some(true),
                    };
                    if equal {
                        found = true;
                        break;
                    }
                }
                Some(found != *negated)
            }
            Test::Compare(op, rhs) => compare(*op, v, self.value(*rhs)?),
        }
    }
}

/// The level a criterion's status table reads: which row of [`JUDGED`].
const UNGRADED: usize = 0;
/// A graded criterion whose level is unknown.
const LEVEL_UNKNOWN: usize = 1;
/// A graded criterion at level 0.
const LEVEL_ZERO: usize = 2;
/// A graded criterion at a level above 0.
const LEVEL_REACHED: usize = 3;

/// The level a criterion that applies is given in its ruling.
#[derive(Clone, Copy)]
enum Level {
    None,
    Zero,
    Reached,
}

/// What a criterion that applies adds to its theme's score.
#[derive(Clone, Copy)]
enum Shared {
    /// Nothing of its weight: `0 / max`.
    Nothing,
    /// The level it reached: `level / max` (1 of 1 passed, ungraded).
    Reached,
    /// At most the level it reached.
    Upto,
    /// Anything from nothing to its full weight.
    Open,
}

/// Kleene truth as a column of [`JUDGED`]: false, true, unknown.
fn truth_index(truth: Option<bool>) -> usize {
    match truth {
        Some(false) => 0,
        Some(true) => 1,
        None => 2,
    }
}

/// A criterion's status where it applies, by its level (the row:
/// ungraded, unknown, 0, above 0) and its requirements together (the
/// column: false, true, unknown): a failed requirement or level 0 fails;
/// a known level with every requirement met passes; anything else is
/// unknown, at most the level known. Where it is unknown whether it
/// applies, the status is unknown and the share open, the level as here.
const JUDGED: [[(Status, Level, Shared); 3]; 4] = {
    use Level as L;
    use Shared as S;
    use Status::{Fail, Pass, Unknown};
    let fail = (Fail, L::Zero, S::Nothing);
    [
        [
            (Fail, L::None, S::Nothing),
            (Pass, L::None, S::Reached),
            (Unknown, L::None, S::Open),
        ],
        [
            fail,
            (Unknown, L::None, S::Open),
            (Unknown, L::None, S::Open),
        ],
        [fail, fail, fail],
        [
            fail,
            (Pass, L::Reached, S::Reached),
            (Unknown, L::None, S::Upto),
        ],
    ]
};

/// `date - period`, clamped to the end of a shorter month, like
/// [`value::subtract`]; months and years in plain arithmetic.
fn before(date: Date, period: Period) -> Option<Date> {
    let months = match period.unit {
        Unit::Months => i64::from(period.amount),
        Unit::Years => i64::from(period.amount).checked_mul(12)?,
        Unit::Days | Unit::Weeks => return value::subtract(date, period),
    };
    let index = i64::from(date.year()) * 12 + i64::from(date.month()) - 1 - months;
    let year = i16::try_from(index.div_euclid(12)).ok()?;
    let month = i8::try_from(index.rem_euclid(12) + 1).ok()?;
    let first = Date::new(year, month, 1).ok()?;
    Date::new(year, month, date.day().min(first.days_in_month())).ok()
}

/// Orders two decimals: at one scale by their whole mantissas (a few
/// instructions, where `Decimal`'s own ordering rescales digit arrays).
#[inline(always)]
fn compare_numbers(a: Decimal, b: Decimal) -> Ordering {
    if a.scale() == b.scale() {
        a.mantissa().cmp(&b.mantissa())
    } else {
        compare_scaled(a, b)
    }
}

/// [`compare_numbers`] for two scales.
#[inline(never)]
fn compare_scaled(a: Decimal, b: Decimal) -> Ordering {
    let (sa, sb) = (a.scale(), b.scale());
    let aligned = match sa.cmp(&sb) {
        Ordering::Equal => Some((a.mantissa(), b.mantissa())),
        Ordering::Less => 10i128
            .checked_pow(sb - sa)
            .and_then(|f| a.mantissa().checked_mul(f))
            .map(|m| (m, b.mantissa())),
        Ordering::Greater => 10i128
            .checked_pow(sa - sb)
            .and_then(|f| b.mantissa().checked_mul(f))
            .map(|m| (a.mantissa(), m)),
    };
    match aligned {
        Some((x, y)) => x.cmp(&y),
        None => a.cmp(&b),
    }
}

/// `l op r`, exactly: a sum, difference or product of decimals is the
/// decimal it is while that fits, and every result that is no decimal
/// (`7 / 3`) stays a fraction. Overflow and division by zero are unknown.
fn arith<'a>(op: ArithOp, l: Val<'a>, r: Val<'a>) -> Option<Val<'a>> {
    if let (Val::Num(a), Val::Num(b), ArithOp::Add | ArithOp::Sub | ArithOp::Mul) = (l, r, op) {
        // A decimal result is exact when it kept every digit: the scale of
        // a sum of equal scales, the sum of the scales for a product (a
        // result that had to drop digits has a smaller one).
        let (result, scale) = match op {
            ArithOp::Add => (a.checked_add(b), a.scale()),
            ArithOp::Sub => (a.checked_sub(b), a.scale()),
            _ => (a.checked_mul(b), a.scale() + b.scale()),
        };
        if let Some(n) = result {
            if (op == ArithOp::Mul || a.scale() == b.scale()) && n.scale() == scale {
                return Some(Val::Num(n));
            }
        }
    }
    let (a, b) = (fraction(l)?, fraction(r)?);
    let result = match op {
        ArithOp::Add => a.sum(b),
        ArithOp::Sub => a.difference(b),
        ArithOp::Mul => a.product(b),
        ArithOp::Div => a.quotient(b),
    }?;
    Some(match result.exact_decimal() {
        Some(n) => Val::Num(n),
        None => Val::Frac(result),
    })
}

fn fraction(v: Val<'_>) -> Option<crate::ratio::Ratio> {
    match v {
        Val::Num(n) => crate::ratio::Ratio::from_decimal(n),
        Val::Frac(f) => Some(f),
        _ => None,
    }
}

fn compare(op: CompareOp, l: Val<'_>, r: Val<'_>) -> Option<bool> {
    let ordering = match (l, r) {
        (Val::Num(a), Val::Num(b)) => compare_numbers(a, b),
        (Val::Frac(_), Val::Num(_) | Val::Frac(_)) | (Val::Num(_), Val::Frac(_)) => {
            fraction(l)?.order(fraction(r)?)
        }
        (Val::Date(a), Val::Date(b)) => a.cmp(&b),
        (Val::Text(a), Val::Text(b)) => a.cmp(b),
        (Val::Bool(a), Val::Bool(b)) => a.cmp(&b),
        (Val::Member(a), Val::Member(b)) => a.cmp(&b),
        _ => return None,
    };
    Some(op.holds(ordering))
}

/// Kleene conjunction: false wins, then unknown.
pub(crate) fn kleene_all(items: impl Iterator<Item = Option<bool>>) -> Option<bool> {
    let mut unknown = false;
    for item in items {
        match item {
            Some(false) => return Some(false),
            None => unknown = true,
            Some(true) => {}
        }
    }
    if unknown {
        None
    } else {
        Some(true)
    }
}

/// Kleene disjunction: true wins, then unknown (not all of the negations).
pub(crate) fn kleene_any(items: impl Iterator<Item = Option<bool>>) -> Option<bool> {
    kleene_all(items.map(|item| item.map(|b| !b))).map(|b| !b)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every status and share `judge` gives, on every combination of a
    /// few values of the evidence (missing among them), is one that
    /// `possible` lists: the analysis relies on it for criteria it cannot
    /// decide exactly.
    #[test]
    fn every_judgement_is_a_possible_one() {
        let framework = Framework::compile(
            r#"
framework f "F" version "1"
evidence { a : int "A"  b : bool "B" }
theme t "T" {
  criterion C1 "C1" { owner school require a >= 2 }
  criterion C2 "C2" { owner school applies when b require a >= 1 and a < 3 }
  criterion C3 "C3" { owner school applies when b
    require a != 2
    score { 3 when a >= 3  1 when a >= 1  0 otherwise } }
  criterion C4 "C4" { owner school score { 2 when a >= 2  1 otherwise } }
}
"#,
        )
        .unwrap();
        let ints = [None, Some(0), Some(1), Some(2), Some(3), Some(4)];
        let bools = [None, Some(false), Some(true)];
        for a in ints {
            for b in bools {
                let mut evidence = Evidence::synthetic(&framework, Date::new(2026, 3, 31).unwrap());
                evidence.values[0] = a.map(|n| Supplied::One(Value::Number(Decimal::from(n))));
                evidence.values[1] = b.map(|v| Supplied::One(Value::Bool(v)));
                let evaluator = Evaluator::new(&framework, &evidence);
                for c in &framework.criteria {
                    let judged = evaluator.judge(c);
                    assert!(
                        Evaluator::possible(c).contains(&(judged.status, judged.share)),
                        "{} at a = {a:?}, b = {b:?}: {judged:?}",
                        c.id
                    );
                }
            }
        }
    }

    /// The folded program (`fused`) decides as the program it folds
    /// (`exprs`): every status, level and share, on every combination of
    /// a few values of the evidence (missing among them), windows and
    /// counts of dates at their edges.
    #[test]
    fn the_folded_program_decides_as_the_program() {
        let framework = Framework::compile(
            r#"
framework f "F" version "1"
evidence { a : int "A"  b : bool "B"  d : date "D"  ds : list<date> "Ds"  k : enum(x, y, z) "K" }
define xy = k in {x, y}
theme t "T" {
  criterion C1 "C1" { owner school applies when xy require a >= 2 and d within 12 months }
  criterion C2 "C2" { owner school require count(ds within 12 months) >= 2 or b }
  criterion C3 "C3" { owner school applies when k == z
    score { 3 when count(ds within 12 months) >= 2  1 when count(ds within 24 months) != 0  0 otherwise } }
  criterion C4 "C4" { owner school require not (a < 3) and d within 24 months }
}
"#,
        )
        .unwrap();
        for folded in ["CompareSlotNumber", "SlotWithin", "CountWithin"] {
            let shown = format!("{:?}", framework.fused);
            assert!(shown.contains(folded), "{folded} in {shown}");
        }
        let mut plain = framework.clone();
        plain.fused = plain.exprs.clone();
        let as_of = Date::new(2026, 3, 31).unwrap();
        let date = |y, m, d| Value::Date(Date::new(y, m, d).unwrap());
        let ints = [None, Some(1), Some(2), Some(3)];
        let bools = [None, Some(false), Some(true)];
        let dates = [
            None,
            Some(date(2025, 3, 31)),
            Some(date(2025, 3, 30)),
            Some(date(2024, 4, 1)),
        ];
        let lists = [
            None,
            Some(vec![]),
            Some(vec![date(2025, 3, 31)]),
            Some(vec![date(2025, 3, 31), date(2026, 3, 31)]),
            Some(vec![date(2025, 3, 30), date(2024, 3, 31), date(2026, 4, 1)]),
        ];
        let kinds = [None, Some(0u16), Some(1), Some(2)];
        let mut judged = 0;
        for a in ints {
            for b in bools {
                for d in &dates {
                    for ds in &lists {
                        for k in kinds {
                            let mut evidence = Evidence::synthetic(&framework, as_of);
                            evidence.values[0] =
                                a.map(|n| Supplied::One(Value::Number(Decimal::from(n))));
                            evidence.values[1] = b.map(|v| Supplied::One(Value::Bool(v)));
                            evidence.values[2] = d.clone().map(Supplied::One);
                            evidence.values[3] = ds.clone().map(Supplied::Many);
                            evidence.values[4] = k.map(|m| Supplied::One(Value::Member(m)));
                            let folded = Evaluator::new(&framework, &evidence);
                            let unfolded = Evaluator::new(&plain, &evidence);
                            for c in &framework.criteria {
                                assert_eq!(
                                    folded.judge(c),
                                    unfolded.judge(c),
                                    "{} at {a:?} {b:?} {d:?} {ds:?} {k:?}",
                                    c.id
                                );
                                judged += 1;
                            }
                        }
                    }
                }
            }
        }
        assert_eq!(judged, 4 * 3 * 4 * 5 * 4 * 4);
    }

    /// The fast ordering of numbers is `Decimal`'s, at every scale and
    /// at the edges of the range.
    #[test]
    fn numbers_order_like_decimals() {
        let mut numbers = vec![
            Decimal::ZERO,
            Decimal::MAX,
            Decimal::MIN,
            Decimal::new(1, 28),
            Decimal::new(-1, 28),
            Decimal::new(7, 1),
            Decimal::new(70, 2),
            Decimal::new(71, 2),
            Decimal::new(70, 0),
            Decimal::new(-70, 0),
            Decimal::from_i128_with_scale(79_228_162_514_264_337_593_543_950_335, 10),
            Decimal::from_i128_with_scale(-79_228_162_514_264_337_593_543_950_335, 27),
        ];
        for scale in 0..=28 {
            numbers.push(Decimal::new(123_456_789, scale));
            numbers.push(Decimal::new(-5, scale));
        }
        for a in &numbers {
            for b in &numbers {
                assert_eq!(compare_numbers(*a, *b), a.cmp(b), "{a} {b}");
            }
        }
    }

    /// Plain month arithmetic gives jiff's dates, month ends and leap days
    /// included, and refuses what jiff refuses.
    #[test]
    fn windows_start_where_jiff_says() {
        let mut day = Date::new(2019, 12, 25).unwrap();
        let end = Date::new(2033, 3, 5).unwrap();
        while day <= end {
            for amount in [0, 1, 6, 11, 12, 13, 24, 48, 120] {
                for unit in [Unit::Months, Unit::Years, Unit::Days, Unit::Weeks] {
                    let period = Period { amount, unit };
                    assert_eq!(
                        before(day, period),
                        value::subtract(day, period),
                        "{day} {period:?}"
                    );
                }
            }
            day = day.tomorrow().unwrap();
        }
        for date in [Date::MIN, Date::MAX] {
            for amount in [0, 1, 12, 100_000, u32::MAX] {
                for unit in [Unit::Months, Unit::Years] {
                    let period = Period { amount, unit };
                    assert_eq!(
                        before(date, period),
                        value::subtract(date, period),
                        "{date} {period:?}"
                    );
                }
            }
        }
    }
}
