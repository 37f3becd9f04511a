//! The space the analysis searches: every piece of evidence of either
//! version (matched by path) with its representative values, what each
//! criterion reads, a compliant school to start from, and evidence built
//! from chosen values for the evaluator to judge.

use std::cell::Cell;
use std::collections::BTreeMap;

use jiff::civil::Date;

use super::regions::{self, Facts, Met, Walk};
use super::same::Same;
use super::{Because, MAX_STEPS, NEW, OLD};
use crate::compile::{CompiledCriterion, Framework, SlotId};
use crate::eval::{Evaluator, Ruling, Val};
use crate::evidence::{Evidence, Supplied};
use crate::outcome::Status;
use crate::value::{Type, Value};

/// One piece of evidence of either version.
pub(crate) struct Slot<'a> {
    pub path: &'a str,
    pub ty: &'a Type,
    /// Its slot in each version, if declared there.
    pub at: [Option<SlotId>; 2],
    /// Its representative values, *missing* first.
    pub reps: Vec<Option<Supplied>>,
    /// Why its values do not stand for every value (then only *missing*
    /// is used).
    pub because: Option<Because>,
}

/// Both versions and the evidence they read.
pub(crate) struct Space<'a> {
    pub fw: [&'a Framework; 2],
    pub as_of: Date,
    pub slots: Vec<Slot<'a>>,
    /// For each version, what each of its criteria reads and why it is
    /// not decided exactly.
    pub facts: [Vec<Facts>; 2],
    /// For each criterion of the new version, its counterpart in the old
    /// one (same id), and whether the two are the same criterion.
    pub pairs: Vec<Option<(u32, bool)>>,
    /// The representative of each slot in a school that meets as much of
    /// both versions as it can.
    pub baseline: Vec<usize>,
    /// The steps of work left (see [`MAX_STEPS`]).
    steps: Cell<u64>,
    /// The evidence a location supplied, when the space is about what
    /// is still open for it: its exceptions hold in every evidence judged.
    known: Option<&'a Evidence>,
    /// For a space about one location: the pairs worked out already.
    memo: Option<&'a super::lines::PairMemo>,
}

/// What a space about one location is asked: the location's evidence
/// (each value it supplied fixed, what it did not supply free) and the
/// piece of evidence whose value is asked about, which the old side reads
/// from one copy and the new side from another, each free on its own.
pub(crate) struct Open<'a> {
    pub evidence: &'a Evidence,
    /// The asked evidence, read from two copies; none: one copy.
    pub asked: Option<SlotId>,
    /// The criteria that can still change (by index): the others are
    /// not looked into.
    pub open: &'a [bool],
    /// The steps of work this space may take: explaining one location
    /// has a far smaller budget than comparing two frameworks.
    pub steps: u64,
    /// Pairs of evidence joined by lines, worked out once for all the
    /// spaces built about this location.
    pub memo: &'a super::lines::PairMemo,
}

impl<'a> Space<'a> {
    pub(crate) fn new(old: &'a Framework, new: &'a Framework, as_of: Date) -> Space<'a> {
        Space::build([old, new], as_of, None)
    }

    /// The space of what is still open for one location under one
    /// framework: both sides are the framework, every value the location
    /// supplied is fixed, and the asked piece of evidence is read by each
    /// side from a copy of its own. Wherever the two sides differ, some
    /// value of the asked evidence changes the result.
    pub(crate) fn open(framework: &'a Framework, open: &Open<'a>) -> Space<'a> {
        Space::build([framework, framework], open.evidence.as_of, Some(open))
    }

    fn build(fw: [&'a Framework; 2], as_of: Date, open: Option<&Open<'a>>) -> Space<'a> {
        let [old, new] = fw;
        // Every path, the new version's first, in declaration order.
        let mut slots: Vec<Slot<'a>> = Vec::new();
        let mut by_path: BTreeMap<&str, usize> = BTreeMap::new();
        let mut universe: [Vec<u32>; 2] = [Vec::new(), Vec::new()];
        // One framework on both sides (a space about one location): its
        // slots are the space's, in order, and no path is looked up.
        let same = std::ptr::eq(old, new);
        if same {
            slots.extend(new.slots.iter().enumerate().map(|(i, s)| Slot {
                path: &s.path,
                ty: &s.ty,
                at: [SlotId::try_from(i).ok(); 2],
                reps: vec![None],
                because: None,
            }));
            let ids: Vec<u32> = (0..slots.len())
                .map(|u| u32::try_from(u).unwrap_or(u32::MAX))
                .collect();
            universe = [ids.clone(), ids];
            if let Some(asked) = open.and_then(|o| o.asked) {
                // The old side reads the asked evidence from a copy.
                if let Some(s) = new.slots.get(asked as usize) {
                    let copy = u32::try_from(slots.len()).unwrap_or(u32::MAX);
                    slots.push(Slot {
                        path: &s.path,
                        ty: &s.ty,
                        at: [Some(asked), None],
                        reps: vec![None],
                        because: None,
                    });
                    if let Some(slot) = slots.get_mut(asked as usize) {
                        slot.at = [None, Some(asked)];
                    }
                    if let Some(cell) = universe.first_mut().and_then(|u| u.get_mut(asked as usize))
                    {
                        *cell = copy;
                    }
                }
            }
        }
        for side in [NEW, OLD].into_iter().filter(|_| !same) {
            let Some(framework) = fw.get(side) else {
                continue;
            };
            let mut ids = Vec::with_capacity(framework.slots.len());
            for (i, s) in framework.slots.iter().enumerate() {
                let u = *by_path.entry(s.path.as_str()).or_insert_with(|| {
                    slots.push(Slot {
                        path: &s.path,
                        ty: &s.ty,
                        at: [None, None],
                        reps: vec![None],
                        because: None,
                    });
                    slots.len() - 1
                });
                if let Some(slot) = slots.get_mut(u) {
                    if let Some(at) = slot.at.get_mut(side) {
                        *at = SlotId::try_from(i).ok();
                    }
                    if *slot.ty != s.ty {
                        slot.because = Some(Because::TypeChanged {
                            path: s.path.clone(),
                        });
                    }
                }
                ids.push(u32::try_from(u).unwrap_or(u32::MAX));
            }
            if let Some(cell) = universe.get_mut(side) {
                *cell = ids;
            }
        }
        let mut met = vec![Met::default(); slots.len()];
        let mut facts: [Vec<Facts>; 2] = [Vec::new(), Vec::new()];
        let empty = fw.map(|f| Evidence::synthetic(f, as_of));
        // One framework read the same way on both sides: walked once.
        let once = same && open.is_none_or(|o| o.asked.is_none());
        for (side, (framework, empty)) in fw.iter().zip(&empty).enumerate() {
            if once && side == OLD {
                continue;
            }
            let ids = universe.get(side).cloned().unwrap_or_default();
            let mut walk = Walk::new(framework, side, ids, &mut met, empty);
            let found: Vec<Facts> = framework
                .criteria
                .iter()
                .enumerate()
                .map(|(i, c)| match open {
                    Some(o) if !o.open.get(i).copied().unwrap_or(false) => Facts::default(),
                    _ => walk.criterion(c),
                })
                .collect();
            if let Some(cell) = facts.get_mut(side) {
                *cell = found;
            }
        }
        if once {
            let [old_facts, new_facts] = &mut facts;
            old_facts.clone_from(new_facts);
        }
        let mut space = Space {
            fw,
            as_of,
            slots,
            facts,
            pairs: Vec::new(),
            baseline: Vec::new(),
            steps: Cell::new(open.map_or(MAX_STEPS, |o| o.steps)),
            known: open.map(|o| o.evidence),
            memo: open.map(|o| o.memo),
        };
        for (u, met) in met.iter().enumerate() {
            match space.supplied(u) {
                Some(value) => {
                    if let Some(slot) = space.slots.get_mut(u) {
                        slot.reps = vec![Some(value)];
                    }
                }
                None => space.settle(u, met),
            }
        }
        space.join(&met);
        // A criterion reading evidence without representatives is not
        // decided exactly either.
        for side in [OLD, NEW] {
            let Some(list) = space.facts.get_mut(side) else {
                continue;
            };
            for facts in list.iter_mut() {
                for u in &facts.reads {
                    if let Some(because) =
                        space.slots.get(*u as usize).and_then(|s| s.because.clone())
                    {
                        if !facts.because.contains(&because) {
                            facts.because.push(because);
                        }
                    }
                }
            }
        }
        if let Some(open) = open {
            // No witness is shown, so no compliant school is needed: each
            // slot starts at the location's value, or missing.
            space.pairs = space.open_pairs(open.asked);
            space.baseline = vec![0; space.slots.len()];
            return space;
        }
        let mut same = Same::new(old, new);
        let by_id: BTreeMap<&str, usize> = old
            .criteria
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        space.pairs = new
            .criteria
            .iter()
            .map(|c| {
                let o = *by_id.get(c.id.as_str())?;
                let identical = old.criteria.get(o).is_some_and(|d| same.criterion(d, c));
                Some((u32::try_from(o).ok()?, identical))
            })
            .collect();
        space.baseline = space.compliant();
        space
    }

    /// The value the location supplied for slot `u` of a space about one
    /// location (`None`: not supplied, or not such a space).
    fn supplied(&self, u: usize) -> Option<Supplied> {
        let known = self.known?;
        let at = self.slots.get(u)?.at.iter().flatten().next()?;
        known.values.get(*at as usize)?.clone()
    }

    /// For a space about one location: each criterion paired with itself,
    /// the same unless it reads the asked evidence; one whose evidence is
    /// all fixed is decided by its one combination, so exactly.
    fn open_pairs(&mut self, asked: Option<SlotId>) -> Vec<Option<(u32, bool)>> {
        let fixed: Vec<bool> = self.slots.iter().map(|s| s.reps.len() == 1).collect();
        for list in &mut self.facts {
            for facts in list.iter_mut() {
                let all_fixed = facts
                    .reads
                    .iter()
                    .all(|u| fixed.get(*u as usize).copied().unwrap_or(false));
                let walked = !facts
                    .because
                    .iter()
                    .any(|b| matches!(b, Because::TooMany { .. }));
                if all_fixed && walked {
                    facts.because.clear();
                }
            }
        }
        let [_, framework] = self.fw;
        (0..framework.criteria.len())
            .map(|c| {
                let reads_asked = self.facts.get(NEW).and_then(|f| f.get(c)).is_some_and(|f| {
                    f.reads.iter().any(|u| {
                        self.slots.get(*u as usize).is_some_and(|s| {
                            asked.is_some() && s.at.get(NEW).copied().flatten() == asked
                        })
                    })
                });
                Some((u32::try_from(c).ok()?, !reads_asked))
            })
            .collect()
    }

    /// The steps of work left.
    pub(crate) fn steps_left(&self) -> u64 {
        self.steps.get()
    }

    /// Whether witnesses are confirmed and handed out: not for a space
    /// about one location, where only whether the sides differ counts.
    pub(crate) fn wants_witnesses(&self) -> bool {
        self.known.is_none()
    }

    pub(crate) fn criterion(&self, side: usize, c: u32) -> Option<&'a CompiledCriterion> {
        self.fw.get(side)?.criteria.get(c as usize)
    }

    pub(crate) fn facts(&self, side: usize, c: u32) -> Option<&Facts> {
        self.facts.get(side)?.get(c as usize)
    }

    pub(crate) fn reps(&self, u: usize) -> usize {
        self.slots.get(u).map_or(1, |s| s.reps.len())
    }

    /// What choosing representative `rep` for slot `u` costs a witness:
    /// nothing for the compliant school's value, one for another value,
    /// two for leaving it out (a witness that shows a value is clearer than
    /// one that shows a gap).
    pub(crate) fn cost(&self, u: usize, rep: usize) -> usize {
        if self.baseline.get(u) == Some(&rep) {
            0
        } else if rep == 0 {
            2
        } else {
            1
        }
    }

    /// Takes `n` steps of work from what is left, or says that too few are.
    pub(crate) fn spend(&self, n: Option<u64>) -> Result<(), Because> {
        match n.and_then(|n| self.steps.get().checked_sub(n)) {
            Some(left) => {
                self.steps.set(left);
                Ok(())
            }
            None => Err(Because::TooMany { limit: MAX_STEPS }),
        }
    }

    /// How many combinations of representatives these slots have (`None`:
    /// more than fit in 64 bits).
    pub(crate) fn count(&self, slots: &[usize]) -> Option<u64> {
        slots.iter().try_fold(1u64, |n, u| {
            n.checked_mul(u64::try_from(self.reps(*u)).ok()?)
        })
    }

    /// The representatives of slot `u`, from what both versions compare
    /// it with.
    fn settle(&mut self, u: usize, met: &Met) {
        let Some(slot) = self.slots.get(u) else {
            return;
        };
        if slot.because.is_some() {
            return;
        }
        let values = match slot.ty {
            Type::List(element) => {
                regions::scalars(element, met, self.as_of).and_then(|elements| {
                    let signed: Vec<(Value, Vec<Option<bool>>)> = elements
                        .into_iter()
                        .map(|e| {
                            let adds = self.adds(slot, &e, met);
                            (e, adds)
                        })
                        .collect();
                    regions::lists(&signed, &met.counts)
                        .map(|lists| lists.into_iter().map(Supplied::Many).collect::<Vec<_>>())
                })
            }
            ty => regions::scalars(ty, met, self.as_of)
                .map(|values| values.into_iter().map(Supplied::One).collect()),
        };
        let path = slot.path.to_string();
        if let Some(slot) = self.slots.get_mut(u) {
            match values {
                Some(values) => slot.reps.extend(values.into_iter().map(Some)),
                None => slot.because = Some(Because::Unrepresentable { path }),
            }
        }
    }

    /// Pieces of evidence that lines join take their representatives
    /// together (`regions::pair`); a criterion whose lines the analysis
    /// does not decide exactly names them.
    fn join(&mut self, met: &[Met]) {
        let mut lost = Vec::new();
        let types: Vec<&Type> = self.slots.iter().map(|s| s.ty).collect();
        let supplied: Vec<bool> = (0..self.slots.len())
            .map(|u| self.supplied(u).is_some())
            .collect();
        let fixed = |u: u32| supplied.get(u as usize).copied().unwrap_or(false);
        let memo = self.memo;
        let points: Vec<(&[super::lines::Line], &[rust_decimal::Decimal])> = met
            .iter()
            .map(|m| (m.lines.as_slice(), m.numbers.as_slice()))
            .collect();
        let found = super::lines::pairs(&points, &types, |x, y| !fixed(x) && !fixed(y), memo);
        for (pair, reps) in found {
            // In a space about one location, a line with one end fixed by
            // what the location supplied is not paired: the pair's values
            // stand for every value of both, not for the other alone
            // beside the fixed one, so it stays undecided. With both ends
            // fixed, the line is decided by its one point.
            let fixed = usize::from(fixed(pair.0)) + usize::from(fixed(pair.1));
            if fixed == 2 {
                continue;
            }
            let Some(reps) = reps.filter(|_| fixed == 0) else {
                lost.push(pair);
                continue;
            };
            for (u, values) in [pair.0, pair.1].into_iter().zip(reps) {
                if let Some(slot) = self.slots.get_mut(u as usize) {
                    if slot.because.is_none() {
                        let values = values
                            .into_iter()
                            .map(|v| Some(Supplied::One(Value::Number(v))));
                        slot.reps = std::iter::once(None).chain(values).collect();
                    }
                }
            }
        }
        for facts in self.facts.iter_mut().flatten() {
            for (pair, because) in &facts.lines {
                if lost.contains(pair) && !facts.because.contains(because) {
                    facts.because.push(because.clone());
                }
            }
        }
    }

    /// Which counts of a list one element adds to: each `count` of it
    /// evaluated over a list of that element alone.
    fn adds(&self, slot: &Slot, element: &Value, met: &Met) -> Vec<Option<bool>> {
        met.count_ops
            .iter()
            .map(|&(side, expr)| {
                let framework = self.fw.get(side)?;
                let at = (*slot.at.get(side)?)? as usize;
                let mut evidence = Evidence::synthetic(framework, self.as_of);
                *evidence.values.get_mut(at)? = Some(Supplied::Many(vec![element.clone()]));
                match Evaluator::new(framework, &evidence).value(expr)? {
                    Val::Num(n) => Some(!n.is_zero()),
                    _ => None,
                }
            })
            .collect()
    }

    /// A school that meets as much as it can: each slot in turn takes the
    /// representative that passes most criteria reading it (in both
    /// versions), the others as they stand; three rounds, or fewer when
    /// the work runs out.
    fn compliant(&self) -> Vec<usize> {
        let mut readers: Vec<Vec<(usize, u32)>> = vec![Vec::new(); self.slots.len()];
        for side in [OLD, NEW] {
            for (c, facts) in self.facts.get(side).into_iter().flatten().enumerate() {
                for u in &facts.reads {
                    if let (Some(list), Ok(c)) = (readers.get_mut(*u as usize), u32::try_from(c)) {
                        list.push((side, c));
                    }
                }
            }
        }
        let start: Vec<usize> = readers
            .iter()
            .zip(&self.slots)
            .map(|(r, s)| usize::from(!r.is_empty() && s.reps.len() > 1))
            .collect();
        let mut probe = Probe::new(self, start);
        for _ in 0..3 {
            for (u, criteria) in readers.iter().enumerate() {
                if criteria.is_empty() {
                    continue;
                }
                // A school as compliant as the work allows: the rest of
                // the budget is for the answers.
                let judged = u64::try_from(self.reps(u).saturating_mul(criteria.len())).ok();
                if self.spend(judged).is_err() {
                    return probe.current;
                }
                // The first of the best in the order of preference.
                let mut best: Option<(usize, (usize, u64))> = None;
                for rep in self.preferred(u) {
                    probe.set(u, rep);
                    let passing = probe.passing(criteria);
                    if best.is_none_or(|(_, most)| passing > most) {
                        best = Some((rep, passing));
                    }
                }
                probe.set(u, best.map_or(0, |(rep, _)| rep));
            }
        }
        probe.current
    }

    /// The representatives of slot `u` in the order a compliant school
    /// would rather have them, where several serve as well: the highest
    /// number, the newest date up to the as-of date, true, a text that is
    /// filled in, the shortest list; missing last.
    fn preferred(&self, u: usize) -> Vec<usize> {
        let Some(slot) = self.slots.get(u) else {
            return Vec::new();
        };
        let mut order: Vec<(usize, &Supplied)> = slot
            .reps
            .iter()
            .enumerate()
            .filter_map(|(i, r)| Some((i, r.as_ref()?)))
            .collect();
        order.sort_by(|(_, a), (_, b)| match (a, b) {
            (Supplied::One(Value::Number(x)), Supplied::One(Value::Number(y))) => y.cmp(x),
            (Supplied::One(Value::Date(x)), Supplied::One(Value::Date(y))) => {
                (*x > self.as_of, y).cmp(&(*y > self.as_of, x))
            }
            (Supplied::One(Value::Bool(x)), Supplied::One(Value::Bool(y))) => y.cmp(x),
            (Supplied::One(Value::Text(x)), Supplied::One(Value::Text(y))) => {
                crate::value::is_blank(x).cmp(&crate::value::is_blank(y))
            }
            (Supplied::Many(x), Supplied::Many(y)) => x.len().cmp(&y.len()),
            _ => std::cmp::Ordering::Equal,
        });
        order.into_iter().map(|(i, _)| i).chain([0]).collect()
    }

    /// Evidence for both versions with these representatives in each
    /// slot: the document a witness hands out.
    pub(crate) fn document(&self, n: usize, chosen: &[usize]) -> serde_json::Value {
        let values = self.slots.iter().zip(chosen).filter_map(|(slot, rep)| {
            let supplied = slot.reps.get(*rep)?.as_ref()?;
            Some((slot.path, slot.ty, supplied))
        });
        crate::evidence::document(&format!("witness-{n}"), self.as_of, values)
    }
}

/// Evidence for both versions, slot by slot set to representatives.
pub(crate) struct Probe<'s, 'a> {
    space: &'s Space<'a>,
    evidence: [Evidence; 2],
    current: Vec<usize>,
}

impl<'s, 'a> Probe<'s, 'a> {
    pub(crate) fn new(space: &'s Space<'a>, start: Vec<usize>) -> Probe<'s, 'a> {
        let [old, new] = space.fw;
        // A location's own evidence: its values are the fixed ones, and
        // its exceptions hold.
        let begin = |fw| match space.known {
            Some(known) => known.clone(),
            None => Evidence::synthetic(fw, space.as_of),
        };
        let mut probe = Probe {
            space,
            evidence: [begin(old), begin(new)],
            current: vec![0; space.slots.len()],
        };
        for (u, rep) in start.into_iter().enumerate() {
            probe.set(u, rep);
        }
        probe
    }

    /// Puts representative `rep` in slot `u` of both versions' evidence.
    pub(crate) fn set(&mut self, u: usize, rep: usize) {
        let (Some(slot), Some(now)) = (self.space.slots.get(u), self.current.get_mut(u)) else {
            return;
        };
        if *now == rep {
            return;
        }
        *now = rep;
        let value = slot.reps.get(rep).cloned().flatten();
        for (side, evidence) in self.evidence.iter_mut().enumerate() {
            if let Some(cell) = slot
                .at
                .get(side)
                .copied()
                .flatten()
                .and_then(|at| evidence.values.get_mut(at as usize))
            {
                cell.clone_from(&value);
            }
        }
    }

    /// Judges criteria of one version on the evidence as it stands.
    pub(crate) fn judge(&self, side: usize, criteria: &[u32], out: &mut Vec<Ruling>) {
        out.clear();
        let (Some(framework), Some(evidence)) = (self.space.fw.get(side), self.evidence.get(side))
        else {
            return;
        };
        let evaluator = Evaluator::new(framework, evidence);
        out.extend(
            criteria
                .iter()
                .filter_map(|c| framework.criteria.get(*c as usize))
                .map(|c| evaluator.judge(c)),
        );
    }

    /// Whether a condition of one version holds on the evidence as it
    /// stands (`None`: unknown).
    pub(crate) fn truth(&self, side: usize, expr: crate::compile::ExprId) -> Option<bool> {
        let (framework, evidence) = (self.space.fw.get(side)?, self.evidence.get(side)?);
        Evaluator::new(framework, evidence).truth(expr)
    }

    /// How many of these criteria pass on the evidence as it stands, and
    /// the levels they reach together.
    fn passing(&self, criteria: &[(usize, u32)]) -> (usize, u64) {
        let mut rulings = Vec::new();
        let (mut count, mut levels) = (0, 0u64);
        for side in [OLD, NEW] {
            let ours: Vec<u32> = criteria
                .iter()
                .filter(|(s, _)| *s == side)
                .map(|(_, c)| *c)
                .collect();
            self.judge(side, &ours, &mut rulings);
            for r in rulings.iter().filter(|r| r.status == Status::Pass) {
                count += 1;
                levels = levels.saturating_add(r.level.unwrap_or(0));
            }
        }
        (count, levels)
    }
}

/// The combinations of representatives of some slots, one after another,
/// each as the index of each slot's representative.
pub(crate) struct Combinations {
    radices: Vec<usize>,
    digits: Vec<usize>,
    started: bool,
}

impl Combinations {
    /// The combinations of these slots' representatives, or `None` when
    /// there are more than `limit`.
    pub(crate) fn new(space: &Space<'_>, slots: &[usize], limit: u64) -> Option<Combinations> {
        let radices: Vec<usize> = slots.iter().map(|u| space.reps(*u)).collect();
        let mut count: u64 = 1;
        for r in &radices {
            count = count.checked_mul(u64::try_from(*r).ok()?)?;
            if count > limit {
                return None;
            }
        }
        Some(Combinations {
            digits: vec![0; radices.len()],
            radices,
            started: false,
        })
    }

    /// The next combination, and the positions that changed since the
    /// one before (all of them at the first).
    pub(crate) fn next(&mut self) -> Option<(&[usize], usize)> {
        if !self.started {
            self.started = true;
            return Some((&self.digits, self.digits.len()));
        }
        for (i, (digit, radix)) in self.digits.iter_mut().zip(&self.radices).enumerate() {
            *digit += 1;
            if *digit < *radix {
                return Some((&self.digits, i + 1));
            }
            *digit = 0;
        }
        None
    }
}

/// Whether a criterion's result lets a school through: pass, or not
/// applicable, or waived.
pub(crate) fn passes(status: Status) -> bool {
    matches!(
        status,
        Status::Pass | Status::NotApplicable | Status::Waived
    )
}

/// Whether a criterion's result `a` is better than `b`: it lets the school
/// through where `b` does not, or both pass and `a` at a higher level.
pub(crate) fn above(a: (Status, Option<u64>), b: (Status, Option<u64>)) -> bool {
    match (passes(a.0), passes(b.0)) {
        (true, false) => true,
        (true, true) => {
            matches!((a, b), ((Status::Pass, Some(x)), (Status::Pass, Some(y))) if x > y)
        }
        _ => false,
    }
}
