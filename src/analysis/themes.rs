//! Themes and the verdict, without enumerating every combination of
//! criteria.
//!
//! A theme's status depends on its criteria only through what they add to
//! each of its rules (the evaluator's [`Tally`]). The evidence of a theme
//! falls apart into groups that no criterion spans; each group is
//! enumerated on its own, recording what it adds to the theme's rules in
//! both versions, and the groups are combined by adding tallies, keeping
//! each reachable pair (old tallies, new tallies) once: a handful of sums,
//! however many criteria. Evidence that criteria of several themes read
//! (the school type in applicability conditions) is fixed outside, one
//! combination at a time, so that the themes are then independent and the
//! verdict combines their pairs of statuses.
//!
//! A criterion the analysis cannot decide exactly is over-approximated:
//! besides what the evaluator says of each combination, it may take any
//! status it can have at all (the same in both versions when it is the
//! same criterion). Pairs reached that way have no witness; a relation
//! that rests on one is undecided, naming the condition.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::space::{Combinations, Probe, Space};
use super::witness::{confirm, rank, Of};
use super::{dedup, relation, Because, Finding, Found, Item, Standing, MAX_COMBINATIONS, NEW, OLD};
use crate::compile::{CompiledTheme, Member};
use crate::eval::{self, Evaluator, Rule, Ruling, Share, Stage, Tally};
use crate::outcome::{Status, Verdict};

/// The most pairs of tallies kept while combining a theme's groups.
const MAX_STATES: usize = 200_000;
/// A group of evidence larger than this is split by fixing one of its
/// pieces outside, while that makes the work smaller.
const SPLIT_AT: u64 = 1_000;

/// A criterion the analysis cannot decide exactly, in one version or in
/// both (the same criterion): the statuses it may take.
struct Free {
    /// Its position among the group's criteria, in each version it counts in.
    at: [Option<usize>; 2],
    options: Vec<(Status, Share)>,
}

/// Evidence that only the criteria of one theme read and that are
/// enumerated together.
struct Group {
    slots: Vec<usize>,
    /// The criteria it decides, in each version.
    criteria: [Vec<u32>; 2],
    /// For each version, for each rule of the theme: the members counted
    /// here, with the position of their criterion in `criteria`.
    members: [Vec<Vec<(Member, usize)>>; 2],
    free: Vec<Free>,
}

/// One theme, by id, in both versions.
struct Plan<'a> {
    id: String,
    theme: [Option<&'a CompiledTheme>; 2],
    rules: [Vec<Rule<'a>>; 2],
    /// Evidence fixed outside, one combination at a time.
    outer: Vec<usize>,
    groups: Vec<Group>,
    /// Why pairs may be reached without a witness.
    because: Vec<Because>,
}

impl Plan<'_> {
    fn width(&self) -> usize {
        self.rules.iter().map(Vec::len).sum()
    }
}

/// One reachable pair of statuses of a theme, with the best evidence for
/// it: with a witness if any, then the fewest values changed from the
/// compliant school.
#[derive(Clone, Debug)]
struct Pair {
    status: [Option<Status>; 2],
    real: bool,
    cost: usize,
    /// The representatives that differ from the compliant school.
    chosen: Vec<(usize, usize)>,
}

/// A theme's pairs for each combination of its outer evidence, or why
/// there are none.
type Solution = Result<BTreeMap<Vec<usize>, Vec<Pair>>, Because>;

fn better(real: bool, cost: usize, than: (bool, usize)) -> bool {
    (real, std::cmp::Reverse(cost)) > (than.0, std::cmp::Reverse(than.1))
}

/// The relations of the verdict and of every theme both versions have.
pub(super) fn compare(space: &Space<'_>) -> (Finding, Vec<Item>) {
    let plans = plans(space);
    let mut probe = Probe::new(space, space.baseline.clone());
    // For each theme, its pairs for each combination of its outer evidence.
    let mut solved: Vec<Solution> = Vec::new();
    for plan in &plans {
        solved.push(solve(space, &mut probe, plan));
    }
    let mut themes = Vec::new();
    for (plan, solution) in plans.iter().zip(&solved) {
        if plan.theme.iter().any(Option::is_none) {
            continue;
        }
        let finding = match solution {
            Err(because) => Finding::undecided(vec![because.clone()]),
            Ok(by_outer) => {
                let mut union: BTreeMap<(u8, u8), Pair> = BTreeMap::new();
                for (outer, pairs) in by_outer {
                    for pair in pairs {
                        let pair = with_outer(space, &plan.outer, outer, pair);
                        offer(&mut union, pair);
                    }
                }
                finding(
                    space,
                    union.into_values().filter_map(|p| {
                        let [Some(a), Some(b)] = p.status else {
                            return None;
                        };
                        Some(([a, b], p.real, p.chosen))
                    }),
                    |s| s == Status::Pass,
                    Standing::Status,
                    Of::Theme(&plan.id),
                    || plan.because.clone(),
                )
            }
        };
        themes.push(Item {
            id: plan.id.clone(),
            finding,
        });
    }
    let verdict = verdict(space, &plans, &solved);
    (verdict, themes)
}

/// A theme's pair with its outer evidence added.
fn with_outer(space: &Space<'_>, slots: &[usize], outer: &[usize], pair: &Pair) -> Pair {
    let mut pair = pair.clone();
    for (u, rep) in slots.iter().zip(outer) {
        if space.baseline.get(*u) != Some(rep) {
            pair.cost += 1;
            pair.chosen.push((*u, *rep));
        }
    }
    pair
}

/// Keeps the pair in the table unless one as good is there for its
/// statuses.
fn offer(table: &mut BTreeMap<(u8, u8), Pair>, pair: Pair) {
    let k = key(pair.status);
    match table.get(&k) {
        Some(old) if !better(pair.real, pair.cost, (old.real, old.cost)) => {}
        _ => {
            table.insert(k, pair);
        }
    }
}

/// The relation over reachable pairs, with a confirmed witness for each
/// differing pair that has one, those the new version passes first.
fn finding<S: Copy>(
    space: &Space<'_>,
    pairs: impl Iterator<Item = ([S; 2], bool, Vec<(usize, usize)>)>,
    passes: impl Fn(S) -> bool,
    standing: impl Fn(S) -> Standing,
    of: Of<'_>,
    because: impl FnOnce() -> Vec<Because>,
) -> Finding {
    let mut looser = Found::None;
    let mut stricter = Found::None;
    let mut differing = Vec::new();
    for ([before, after], real, chosen) in pairs {
        if passes(before) == passes(after) {
            continue;
        }
        let found = if passes(after) {
            &mut looser
        } else {
            &mut stricter
        };
        if real {
            *found = Found::Witnessed;
            differing.push((!passes(after), before, after, chosen));
        } else if *found == Found::None {
            *found = Found::Possible;
        }
    }
    let mut relation = relation(looser, stricter, because);
    differing.sort_by_key(|(stricter, ..)| *stricter);
    let candidates = differing.into_iter().map(|(_, before, after, chosen)| {
        let mut full = space.baseline.clone();
        for (u, rep) in chosen {
            if let Some(cell) = full.get_mut(u) {
                *cell = rep;
            }
        }
        (full, standing(before), standing(after))
    });
    let witnesses = confirm(space, of, candidates, &mut relation);
    Finding {
        relation,
        witnesses,
    }
}

/// Every theme of either version (the new version's first) with its
/// groups of evidence.
fn plans<'a>(space: &Space<'a>) -> Vec<Plan<'a>> {
    let mut ids: Vec<&str> = Vec::new();
    for side in [NEW, OLD] {
        for t in space.fw.get(side).map_or(&[][..], |f| f.themes.as_slice()) {
            if !ids.contains(&t.id.as_str()) {
                ids.push(&t.id);
            }
        }
    }
    // The criteria each theme counts, in each version.
    let counted: Vec<[Vec<u32>; 2]> = ids
        .iter()
        .map(|id| {
            let mut both: [Vec<u32>; 2] = [Vec::new(), Vec::new()];
            for (side, list) in both.iter_mut().enumerate() {
                if let Some(theme) = find(space, side, id) {
                    let mut criteria: Vec<u32> = eval::rules(theme)
                        .flat_map(|r| r.members().iter().map(|m| m.criterion))
                        .collect();
                    criteria.sort_unstable();
                    criteria.dedup();
                    *list = criteria;
                }
            }
            both
        })
        .collect();
    // Evidence read by the criteria of more than one theme.
    let mut readers: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); space.slots.len()];
    for (t, both) in counted.iter().enumerate() {
        for (side, criteria) in both.iter().enumerate() {
            for c in criteria {
                for u in space
                    .facts(side, *c)
                    .map_or(&[][..], |f| f.reads.as_slice())
                {
                    if let Some(set) = readers.get_mut(*u as usize) {
                        set.insert(t);
                    }
                }
            }
        }
    }
    let shared: Vec<bool> = readers.iter().map(|r| r.len() > 1).collect();
    ids.iter()
        .zip(counted)
        .map(|(id, criteria)| plan(space, id, criteria, &shared))
        .collect()
}

fn find<'a>(space: &Space<'a>, side: usize, id: &str) -> Option<&'a CompiledTheme> {
    space.fw.get(side)?.themes.iter().find(|t| t.id == id)
}

fn plan<'s, 'a>(
    space: &'s Space<'a>,
    id: &str,
    criteria: [Vec<u32>; 2],
    shared: &[bool],
) -> Plan<'a> {
    let theme = [find(space, OLD, id), find(space, NEW, id)];
    let rules = theme.map(|t| t.map(|t| eval::rules(t).collect()).unwrap_or_default());
    let reads = |side: usize, c: u32| -> &'s [u32] {
        space.facts(side, c).map_or(&[][..], |f| f.reads.as_slice())
    };
    let mut slots: Vec<usize> = Vec::new();
    for (side, list) in criteria.iter().enumerate() {
        for c in list {
            slots.extend(reads(side, *c).iter().map(|u| *u as usize));
        }
    }
    slots.sort_unstable();
    slots.dedup();
    let mut outer: Vec<usize> = slots
        .iter()
        .copied()
        .filter(|u| shared.get(*u).copied().unwrap_or(false))
        .collect();
    let mut components = components_of(&slots, &outer, &criteria, &reads);
    // Fix more evidence outside while that makes the work smaller.
    let work = |outer: &[usize], components: &[Vec<usize>]| -> Option<u64> {
        let inner = components
            .iter()
            .try_fold(0u64, |n, c| n.checked_add(space.count(c)?))?;
        space.count(outer)?.checked_mul(inner.max(1))
    };
    let readers = |u: usize| {
        let u = u32::try_from(u).unwrap_or(u32::MAX);
        criteria
            .iter()
            .enumerate()
            .map(|(side, list)| {
                list.iter()
                    .filter(|c| reads(side, **c).contains(&u))
                    .count()
            })
            .sum::<usize>()
    };
    for _ in 0..slots.len() {
        let largest = components
            .iter()
            .max_by_key(|c| space.count(c).unwrap_or(u64::MAX));
        let Some(largest) =
            largest.filter(|c| c.len() > 1 && space.count(c).is_none_or(|n| n > SPLIT_AT))
        else {
            break;
        };
        // The piece most criteria read, then the one with most values.
        let Some(pick) = largest
            .iter()
            .copied()
            .max_by_key(|u| (readers(*u), space.reps(*u)))
        else {
            break;
        };
        let mut wider = outer.clone();
        wider.push(pick);
        wider.sort_unstable();
        let split = components_of(&slots, &wider, &criteria, &reads);
        match (work(&outer, &components), work(&wider, &split)) {
            (Some(before), Some(after)) if after >= before => break,
            (Some(_), None) => break,
            _ => {}
        }
        outer = wider;
        components = split;
    }
    let mut because = Vec::new();
    let mut groups: Vec<Group> = components
        .into_iter()
        .map(|slots| {
            group(
                space,
                slots,
                &criteria,
                &rules,
                &outer,
                &reads,
                &mut because,
            )
        })
        .collect();
    // The criteria that read only outer evidence, or none.
    groups.push(group(
        space,
        Vec::new(),
        &criteria,
        &rules,
        &outer,
        &reads,
        &mut because,
    ));
    Plan {
        id: id.to_string(),
        theme,
        rules,
        outer,
        groups,
        because: dedup(because),
    }
}

/// The evidence in `slots` but not in `outer`, in groups that no
/// criterion spans.
fn components_of<'s>(
    slots: &[usize],
    outer: &[usize],
    criteria: &[Vec<u32>; 2],
    reads: &dyn Fn(usize, u32) -> &'s [u32],
) -> Vec<Vec<usize>> {
    let inner: Vec<usize> = slots
        .iter()
        .copied()
        .filter(|u| outer.binary_search(u).is_err())
        .collect();
    let position = |u: usize| inner.binary_search(&u).ok();
    let mut parent: Vec<usize> = (0..inner.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while let Some(&p) = parent.get(i) {
            if p == i {
                break;
            }
            let grand = parent.get(p).copied().unwrap_or(p);
            if let Some(cell) = parent.get_mut(i) {
                *cell = grand;
            }
            i = p;
        }
        i
    }
    for (side, list) in criteria.iter().enumerate() {
        for c in list {
            let mut first: Option<usize> = None;
            for u in reads(side, *c) {
                let Some(i) = position(*u as usize) else {
                    continue;
                };
                match first {
                    None => first = Some(i),
                    Some(f) => {
                        let (a, b) = (root(&mut parent, f), root(&mut parent, i));
                        if let Some(cell) = parent.get_mut(a) {
                            *cell = b;
                        }
                    }
                }
            }
        }
    }
    let mut by_root: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, u) in inner.iter().enumerate() {
        let r = root(&mut parent, i);
        by_root.entry(r).or_default().push(*u);
    }
    by_root.into_values().collect()
}

/// The group for some inner evidence (none: the criteria that read only
/// outer evidence).
fn group<'s, 'a>(
    space: &'s Space<'a>,
    slots: Vec<usize>,
    criteria: &[Vec<u32>; 2],
    rules: &[Vec<Rule<'a>>; 2],
    outer: &[usize],
    reads: &dyn Fn(usize, u32) -> &'s [u32],
    because: &mut Vec<Because>,
) -> Group {
    let mut decided: [Vec<u32>; 2] = [Vec::new(), Vec::new()];
    for (side, list) in criteria.iter().enumerate() {
        for c in list {
            let inner: Vec<usize> = reads(side, *c)
                .iter()
                .map(|u| *u as usize)
                .filter(|u| outer.binary_search(u).is_err())
                .collect();
            let here = match inner.first() {
                Some(u) => slots.contains(u),
                None => slots.is_empty(),
            };
            if here {
                if let Some(d) = decided.get_mut(side) {
                    d.push(*c);
                }
            }
        }
    }
    let members = [OLD, NEW].map(|side| {
        let list = decided.get(side).map_or(&[][..], Vec::as_slice);
        rules
            .get(side)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(|rule| {
                rule.members()
                    .iter()
                    .filter_map(|m| Some((*m, list.iter().position(|c| *c == m.criterion)?)))
                    .collect()
            })
            .collect()
    });
    // Criteria not decided exactly; the same criterion in both versions
    // takes the same status in both.
    let mut free: Vec<Free> = Vec::new();
    for side in [OLD, NEW] {
        for (position, c) in decided.get(side).into_iter().flatten().enumerate() {
            let Some(facts) = space.facts(side, *c) else {
                continue;
            };
            if facts.exact() {
                continue;
            }
            because.extend(facts.because.iter().cloned());
            let Some(criterion) = space.criterion(side, *c) else {
                continue;
            };
            let twin = if side == NEW {
                space
                    .pairs
                    .get(*c as usize)
                    .copied()
                    .flatten()
                    .filter(|(_, same)| *same)
                    .and_then(|(o, _)| decided.get(OLD)?.iter().position(|x| *x == o))
            } else {
                None
            };
            // Already listed from the old version: join it.
            if let Some(old_position) = twin {
                if let Some(f) = free
                    .iter_mut()
                    .find(|f| f.at.first().copied().flatten() == Some(old_position))
                {
                    if let Some(cell) = f.at.get_mut(NEW) {
                        *cell = Some(position);
                    }
                    continue;
                }
            }
            let mut at = [None, None];
            if let Some(cell) = at.get_mut(side) {
                *cell = Some(position);
            }
            free.push(Free {
                at,
                options: Evaluator::possible(criterion),
            });
        }
    }
    Group {
        slots,
        criteria: decided,
        members,
        free,
    }
}

/// What a group adds to each rule, in both versions, for these rulings.
fn tallies(plan: &Plan<'_>, group: &Group, rulings: &[Vec<Ruling>; 2]) -> Box<[Tally]> {
    let mut out = Vec::with_capacity(plan.width());
    for side in [OLD, NEW] {
        let (Some(rules), Some(members), Some(judged)) = (
            plan.rules.get(side),
            group.members.get(side),
            rulings.get(side),
        ) else {
            continue;
        };
        for (rule, counted) in rules.iter().zip(members) {
            let tally = counted
                .iter()
                .filter_map(|(m, at)| Some(Tally::of(*rule, m, judged.get(*at)?)))
                .fold(Tally::default(), Tally::plus);
            out.push(tally.settled());
        }
    }
    out.into_boxed_slice()
}

/// A group's possible contribution: what it adds, whether evidence
/// shows it, and the best such evidence.
struct Row {
    key: Box<[Tally]>,
    real: bool,
    cost: usize,
    digits: Vec<usize>,
}

/// Every contribution of a group, each once, with the current outer
/// evidence.
fn rows(
    space: &Space<'_>,
    probe: &mut Probe<'_, '_>,
    plan: &Plan<'_>,
    group: &Group,
) -> Result<Vec<Row>, Because> {
    let too_many = Because::TooMany {
        limit: MAX_COMBINATIONS,
    };
    let mut combinations =
        Combinations::new(space, &group.slots, MAX_COMBINATIONS).ok_or(too_many.clone())?;
    let mut rows: Vec<Row> = Vec::new();
    let mut index: HashMap<Box<[Tally]>, usize> = HashMap::new();
    let mut offer = |row: Row| match index.get(&row.key).and_then(|i| rows.get_mut(*i)) {
        Some(old) => {
            if better(row.real, row.cost, (old.real, old.cost)) {
                *old = row;
            }
        }
        None => {
            index.insert(row.key.clone(), rows.len());
            rows.push(row);
        }
    };
    let mut rulings: [Vec<Ruling>; 2] = [Vec::new(), Vec::new()];
    let free_choices = group
        .free
        .iter()
        .try_fold(1u64, |n, f| {
            n.checked_mul(u64::try_from(f.options.len()).ok()?)
        })
        .filter(|n| *n <= MAX_COMBINATIONS)
        .ok_or(too_many)?;
    space.spend(
        space
            .count(&group.slots)
            .and_then(|n| n.checked_mul(free_choices.saturating_add(1))),
    )?;
    while let Some((digits, changed)) = combinations.next() {
        for (u, rep) in group.slots.iter().zip(digits).take(changed) {
            probe.set(*u, *rep);
        }
        for side in [OLD, NEW] {
            if let (Some(list), Some(out)) = (group.criteria.get(side), rulings.get_mut(side)) {
                probe.judge(side, list, out);
            }
        }
        let cost = group
            .slots
            .iter()
            .zip(digits)
            .filter(|(u, rep)| space.baseline.get(**u) != Some(*rep))
            .count();
        offer(Row {
            key: tallies(plan, group, &rulings),
            real: true,
            cost,
            digits: digits.to_vec(),
        });
        // Over-approximation: every status the undecided criteria may take.
        for choice in 0..if group.free.is_empty() {
            0
        } else {
            free_choices
        } {
            let mut varied = rulings.clone();
            let mut rest = choice;
            for f in &group.free {
                let n = u64::try_from(f.options.len()).unwrap_or(1).max(1);
                let pick = usize::try_from(rest % n).unwrap_or(0);
                rest /= n;
                let Some(&(status, share)) = f.options.get(pick) else {
                    continue;
                };
                for (side, at) in f.at.iter().enumerate() {
                    if let Some(cell) = at.and_then(|a| varied.get_mut(side)?.get_mut(a)) {
                        *cell = Ruling {
                            status,
                            level: None,
                            share,
                            waiver: None,
                            demanded: false,
                        };
                    }
                }
            }
            offer(Row {
                key: tallies(plan, group, &varied),
                real: false,
                cost,
                digits: digits.to_vec(),
            });
        }
    }
    Ok(rows)
}

/// A combination of groups' contributions: the tallies so far, and how
/// it was reached.
struct State {
    key: Box<[Tally]>,
    real: bool,
    cost: usize,
    /// The state before and the row of the group added.
    back: (usize, usize),
}

/// Every reachable pair of the theme's statuses, for the current outer
/// evidence, each with the best evidence for it.
fn pairs(
    space: &Space<'_>,
    probe: &mut Probe<'_, '_>,
    plan: &Plan<'_>,
) -> Result<Vec<Pair>, Because> {
    let start = vec![State {
        key: vec![Tally::default(); plan.width()].into_boxed_slice(),
        real: true,
        cost: 0,
        back: (0, 0),
    }];
    // After each group: the states reached, and the group's rows.
    let mut layers: Vec<(Vec<State>, Vec<Row>)> = Vec::new();
    for group in &plan.groups {
        let rows = rows(space, probe, plan, group)?;
        let states = layers.last().map_or(&start, |(s, _)| s);
        space.spend(u64::try_from(states.len().saturating_mul(rows.len())).ok())?;
        let mut next: Vec<State> = Vec::new();
        let mut index: HashMap<Box<[Tally]>, usize> = HashMap::new();
        for (si, s) in states.iter().enumerate() {
            for (ri, r) in rows.iter().enumerate() {
                let key: Box<[Tally]> = s
                    .key
                    .iter()
                    .zip(r.key.iter())
                    .map(|(a, b)| a.plus(*b).settled())
                    .collect();
                let state = State {
                    real: s.real && r.real,
                    cost: s.cost + r.cost,
                    back: (si, ri),
                    key,
                };
                match index.get(&state.key).and_then(|i| next.get_mut(*i)) {
                    Some(old) => {
                        if better(state.real, state.cost, (old.real, old.cost)) {
                            *old = state;
                        }
                    }
                    None => {
                        index.insert(state.key.clone(), next.len());
                        next.push(state);
                        if next.len() > MAX_STATES {
                            return Err(Because::TooMany {
                                limit: MAX_STATES as u64,
                            });
                        }
                    }
                }
            }
        }
        layers.push((next, rows));
    }
    let finals = layers.last().map_or(&start, |(s, _)| s);
    let split = plan.rules.first().map_or(0, Vec::len);
    let mut table: BTreeMap<(u8, u8), (usize, Pair)> = BTreeMap::new();
    for (i, s) in finals.iter().enumerate() {
        let (old, new) = s.key.split_at(split.min(s.key.len()));
        let status = [
            plan.theme
                .first()
                .copied()
                .flatten()
                .map(|t| eval::status_of(t, old)),
            plan.theme
                .get(1)
                .copied()
                .flatten()
                .map(|t| eval::status_of(t, new)),
        ];
        let k = key(status);
        if table
            .get(&k)
            .is_none_or(|(_, p)| better(s.real, s.cost, (p.real, p.cost)))
        {
            let pair = Pair {
                status,
                real: s.real,
                cost: s.cost,
                chosen: Vec::new(),
            };
            table.insert(k, (i, pair));
        }
    }
    // The evidence behind each pair, group by group from the last.
    let mut out = Vec::with_capacity(table.len());
    for (last, mut pair) in table.into_values() {
        let mut at = last;
        for ((states, rows), group) in layers.iter().zip(&plan.groups).rev() {
            let Some(state) = states.get(at) else { break };
            let (prev, row) = state.back;
            if let Some(r) = rows.get(row) {
                for (u, rep) in group.slots.iter().zip(&r.digits) {
                    if space.baseline.get(*u) != Some(rep) {
                        pair.chosen.push((*u, *rep));
                    }
                }
            }
            at = prev;
        }
        out.push(pair);
    }
    Ok(out)
}

/// A pair of statuses (`None`: the theme is not in that version) as a key
/// that orders them.
fn key(status: [Option<Status>; 2]) -> (u8, u8) {
    let one = |s: Option<Status>| s.map_or(0, |s| rank(s) + 1);
    let [old, new] = status;
    (one(old), one(new))
}

/// A theme's pairs for every combination of its outer evidence.
fn solve(space: &Space<'_>, probe: &mut Probe<'_, '_>, plan: &Plan<'_>) -> Solution {
    let too_many = Because::TooMany {
        limit: MAX_COMBINATIONS,
    };
    let mut combinations =
        Combinations::new(space, &plan.outer, MAX_COMBINATIONS).ok_or(too_many)?;
    let mut out = BTreeMap::new();
    while let Some((digits, changed)) = combinations.next() {
        for (u, rep) in plan.outer.iter().zip(digits).take(changed) {
            probe.set(*u, *rep);
        }
        out.insert(digits.to_vec(), pairs(space, probe, plan)?);
    }
    for u in &plan.outer {
        probe.set(*u, space.baseline.get(*u).copied().unwrap_or(0));
    }
    Ok(out)
}

/// The verdicts' relation: the themes' pairs for each combination of all
/// outer evidence, combined theme by theme (the worst status so far in
/// each version decides the verdict).
fn verdict(space: &Space<'_>, plans: &[Plan<'_>], solved: &[Solution]) -> Finding {
    let solutions = match solved
        .iter()
        .map(Result::as_ref)
        .collect::<Result<Vec<_>, _>>()
    {
        Ok(s) => s,
        Err(because) => return Finding::undecided(vec![because.clone()]),
    };
    let mut outer: Vec<usize> = plans.iter().flat_map(|p| p.outer.iter().copied()).collect();
    outer.sort_unstable();
    outer.dedup();
    let Some(mut combinations) = Combinations::new(space, &outer, MAX_COMBINATIONS) else {
        return Finding::undecided(vec![Because::TooMany {
            limit: MAX_COMBINATIONS,
        }]);
    };
    let positions: Vec<Vec<usize>> = plans
        .iter()
        .map(|p| {
            p.outer
                .iter()
                .filter_map(|u| outer.binary_search(u).ok())
                .collect()
        })
        .collect();
    let mut table: BTreeMap<(u8, u8), Pair> = BTreeMap::new();
    while let Some((digits, _)) = combinations.next() {
        let mut fold: BTreeMap<(u8, u8), Pair> = BTreeMap::new();
        fold.insert(
            (0, 0),
            Pair {
                status: [Some(Status::Pass); 2],
                real: true,
                cost: 0,
                chosen: Vec::new(),
            },
        );
        for (solution, at) in solutions.iter().zip(&positions) {
            let projected: Vec<usize> = at.iter().filter_map(|p| digits.get(*p).copied()).collect();
            let Some(pairs) = solution.get(&projected) else {
                return Finding::undecided(vec![Because::Unconfirmed]);
            };
            let mut next = BTreeMap::new();
            for so_far in fold.values() {
                for pair in pairs {
                    let [old, new] = [OLD, NEW].map(|side| {
                        let status = |p: &Pair| p.status.get(side).copied().flatten();
                        worst(status(so_far), status(pair))
                    });
                    let mut chosen = so_far.chosen.clone();
                    chosen.extend_from_slice(&pair.chosen);
                    offer(
                        &mut next,
                        Pair {
                            status: [old, new],
                            real: so_far.real && pair.real,
                            cost: so_far.cost + pair.cost,
                            chosen,
                        },
                    );
                }
            }
            fold = next;
        }
        for pair in fold.into_values() {
            let verdicts = pair.status.map(|s| {
                eval::verdict_of(std::iter::once(s.unwrap_or(Status::Pass)), Stage::Intake)
            });
            let mut pair = with_outer(space, &outer, digits, &pair);
            // Keyed by verdict, in the status slots' order.
            pair.status = verdicts.map(|v| Some(as_status(v)));
            offer(&mut table, pair);
        }
    }
    let because = || dedup(plans.iter().flat_map(|p| p.because.iter().cloned()));
    finding(
        space,
        table.into_values().filter_map(|p| {
            let [Some(a), Some(b)] = p.status else {
                return None;
            };
            Some(([as_verdict(a), as_verdict(b)], p.real, p.chosen))
        }),
        |v| v == Verdict::Certified,
        Standing::Verdict,
        Of::Verdict,
        because,
    )
}

/// The worse of two themes' statuses (`None`, a theme not in that
/// version, is no worse than a pass): what the verdict folds over.
fn worst(a: Option<Status>, b: Option<Status>) -> Option<Status> {
    let pass = |s: Option<Status>| s.unwrap_or(Status::Pass);
    Some(eval::meet(pass(a), pass(b)))
}

/// A verdict carried in a status slot while pairs are combined.
fn as_status(v: Verdict) -> Status {
    match v {
        Verdict::Certified => Status::Pass,
        Verdict::InsufficientEvidence => Status::Unknown,
        Verdict::NotCertified => Status::Fail,
    }
}

fn as_verdict(s: Status) -> Verdict {
    match s {
        Status::Pass | Status::NotApplicable | Status::Waived => Verdict::Certified,
        Status::Unknown => Verdict::InsufficientEvidence,
        Status::Fail => Verdict::NotCertified,
    }
}
