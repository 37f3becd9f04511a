//! Themes and the verdict, without enumerating every combination of
//! criteria.
//!
//! Whether a theme passes depends on its criteria only through what they
//! add to each of its rules (the evaluator's [`Tally`]), and only through
//! its [`Prospect`]: whether a knock-out stands in the way, and otherwise
//! how far the score is above its threshold, a sum over the criteria. The
//! evidence of a theme falls apart into groups that no criterion spans;
//! each group is enumerated on its own, recording what it adds to the
//! theme's rules in both versions, and the groups are combined by adding
//! tallies, keeping each reachable pair of prospects once (a margin that
//! what is still to come cannot move across 0 counts as sure): a handful
//! of sums, however many criteria. Evidence that criteria of several themes
//! read (the school type in applicability conditions) is fixed outside,
//! one combination at a time, so that the themes are then independent and
//! the verdict combines whether each passes.
//!
//! A criterion the analysis cannot decide exactly is over-approximated:
//! besides what the evaluator says of each combination, it may take any
//! status it can have at all (the same in both versions when it is the
//! same criterion). Pairs reached that way have no witness; a relation
//! that rests on one is undecided, naming the condition.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::space::{Combinations, Probe, Space};
use super::witness::{confirm, Claim, Of};
use super::{dedup, relation, Because, Finding, Found, Item, MAX_COMBINATIONS, NEW, OLD};
use crate::compile::{CompiledTheme, Member};
use crate::eval::{self, Evaluator, Prospect, Rule, Ruling, Share, Tally};
use crate::outcome::Status;

/// The most sums kept while combining a theme's groups.
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

/// Whether a theme passes under each version (`None`: it is not in that
/// version), as the analysis can reach it, with the best evidence for it:
/// with a witness if any, then the fewest values changed from the
/// compliant school.
#[derive(Clone, Debug)]
struct Pair {
    passes: [Option<bool>; 2],
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
    let plans = plans(space, None);
    let mut probe = Probe::new(space, space.baseline.clone());
    // For each theme, its pairs for each combination of its outer evidence.
    let solved: Vec<Solution> = plans
        .iter()
        .map(|plan| solve(space, &mut probe, plan))
        .collect();
    let mut themes = Vec::new();
    for (plan, solution) in plans.iter().zip(&solved) {
        if plan.theme.iter().any(Option::is_none) {
            continue;
        }
        themes.push(Item {
            id: plan.id.clone(),
            finding: theme(space, plan, solution),
        });
    }
    let verdict = verdict(space, &plans, &solved);
    (verdict, themes)
}

/// Whether any of these themes can pass under one version and not under
/// the other (undecided counts as can).
pub(super) fn differ(space: &Space<'_>, ids: &[&str]) -> bool {
    let plans = plans(space, Some(ids));
    let mut probe = Probe::new(space, space.baseline.clone());
    plans.iter().any(|plan| {
        let solution = solve(space, &mut probe, plan);
        theme(space, plan, &solution).relation != super::Relation::Equivalent
    })
}

/// Whether a theme of a space of one framework compared with itself can
/// pass at all (`None`: the analysis cannot tell).
pub(super) fn can_pass(space: &Space<'_>, id: &str) -> Option<bool> {
    let plans = plans(space, Some(&[id]));
    let plan = plans.first()?;
    let mut probe = Probe::new(space, space.baseline.clone());
    let by_outer = solve(space, &mut probe, plan).ok()?;
    let mut possible = false;
    for pair in by_outer.values().flatten() {
        if pair.passes.get(NEW).copied().flatten() == Some(true) {
            if pair.real {
                return Some(true);
            }
            possible = true;
        }
    }
    (!possible).then_some(false)
}

/// A theme's finding from its pairs for each combination of its outer
/// evidence.
fn theme(space: &Space<'_>, plan: &Plan<'_>, solution: &Solution) -> Finding {
    match solution {
        Err(because) => Finding::undecided(vec![because.clone()]),
        Ok(by_outer) => {
            let mut union: BTreeMap<(u8, u8), Pair> = BTreeMap::new();
            for (outer, pairs) in by_outer {
                for pair in pairs {
                    offer(&mut union, with_outer(space, &plan.outer, outer, pair));
                }
            }
            finding(space, union.into_values(), Of::Theme(&plan.id), || {
                plan.because.clone()
            })
        }
    }
}

/// A pair with evidence fixed outside added.
fn with_outer(space: &Space<'_>, slots: &[usize], outer: &[usize], pair: &Pair) -> Pair {
    let mut pair = pair.clone();
    for (u, rep) in slots.iter().zip(outer) {
        let cost = space.cost(*u, *rep);
        if cost > 0 {
            pair.cost += cost;
            pair.chosen.push((*u, *rep));
        }
    }
    pair
}

/// Whether a theme passes under each version as a key that orders them.
fn key(passes: [Option<bool>; 2]) -> (u8, u8) {
    let one = |p: Option<bool>| p.map_or(0, |p| 1 + u8::from(p));
    let [old, new] = passes;
    (one(old), one(new))
}

/// Keeps the pair in the table unless one as good is there for the same
/// passing.
fn offer(table: &mut BTreeMap<(u8, u8), Pair>, pair: Pair) {
    let k = key(pair.passes);
    match table.get(&k) {
        Some(old) if !better(pair.real, pair.cost, (old.real, old.cost)) => {}
        _ => {
            table.insert(k, pair);
        }
    }
}

/// The relation over reachable pairs, with a confirmed witness for each
/// way of changing that has one, the one the new version passes first.
fn finding(
    space: &Space<'_>,
    pairs: impl Iterator<Item = Pair>,
    of: Of<'_>,
    because: impl FnOnce() -> Vec<Because>,
) -> Finding {
    let mut looser = Found::None;
    let mut stricter = Found::None;
    let mut shown: [Option<Pair>; 2] = [None, None];
    for pair in pairs {
        let [Some(before), Some(after)] = pair.passes else {
            continue;
        };
        if before == after {
            continue;
        }
        let (found, slot) = if after {
            (&mut looser, shown.get_mut(0))
        } else {
            (&mut stricter, shown.get_mut(1))
        };
        if pair.real {
            *found = Found::Witnessed;
            if let Some(cell) = slot {
                if cell
                    .as_ref()
                    .is_none_or(|p| better(pair.real, pair.cost, (p.real, p.cost)))
                {
                    *cell = Some(pair);
                }
            }
        } else if *found == Found::None {
            *found = Found::Possible;
        }
    }
    let mut relation = relation(looser, stricter, because);
    let candidates = shown.into_iter().flatten().map(|pair| {
        let mut full = space.baseline.clone();
        for (u, rep) in &pair.chosen {
            if let Some(cell) = full.get_mut(*u) {
                *cell = *rep;
            }
        }
        let looser = pair.passes.get(1).copied().flatten().unwrap_or(false);
        (full, Claim::Passes { looser })
    });
    let witnesses = confirm(space, of, candidates, &mut relation);
    Finding {
        relation,
        witnesses,
    }
}

/// Every theme of either version (the new version's first), or only
/// those asked for, with its groups of evidence.
fn plans<'a>(space: &Space<'a>, only: Option<&[&str]>) -> Vec<Plan<'a>> {
    let mut ids: Vec<&str> = Vec::new();
    for side in [NEW, OLD] {
        for t in space.fw.get(side).map_or(&[][..], |f| f.themes.as_slice()) {
            let asked = only.is_none_or(|o| o.contains(&t.id.as_str()));
            if asked && !ids.contains(&t.id.as_str()) {
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

/// What a group adds to each rule, in both versions, for these rulings:
/// the old version's rules, then the new version's.
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
            out.push(tally);
        }
    }
    out.into_boxed_slice()
}

/// Each rule's prospect with these tallies; a margin is clamped to where
/// what may still be added (`bounds`, the least and the most) cannot move
/// it across 0, so that all margins sure to pass are one, and all sure to
/// fail are one.
fn prospects(
    tallies: &[Tally],
    rules: &[Rule<'_>],
    bounds: &[Option<(i128, i128)>],
    out: &mut Vec<Prospect>,
) {
    out.clear();
    for ((t, rule), bound) in tallies.iter().zip(rules).zip(bounds) {
        let prospect = match (t.prospect(*rule), bound) {
            (Prospect::Margin(m), Some((least, most))) => {
                let sure_to_fail = most.saturating_neg().saturating_sub(1);
                let sure_to_pass = least.saturating_neg();
                Prospect::Margin(m.max(sure_to_fail).min(sure_to_pass))
            }
            (p, _) => p,
        };
        out.push(prospect);
    }
}

/// A group's possible contribution: what it adds to each rule, whether
/// evidence shows it, and the best such evidence.
struct Row {
    tallies: Box<[Tally]>,
    real: bool,
    cost: usize,
    digits: Vec<usize>,
}

/// Every contribution of a group that makes a difference, each once, with
/// the current outer evidence.
fn rows(
    space: &Space<'_>,
    probe: &mut Probe<'_, '_>,
    plan: &Plan<'_>,
    rules: &[Rule<'_>],
    group: &Group,
) -> Result<Vec<Row>, Because> {
    let too_many = Because::TooMany {
        limit: MAX_COMBINATIONS,
    };
    let mut combinations =
        Combinations::new(space, &group.slots, MAX_COMBINATIONS).ok_or(too_many.clone())?;
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
    // Contributions with the same prospects are interchangeable.
    let mut rows: Vec<Row> = Vec::new();
    let mut index: HashMap<Box<[Prospect]>, usize> = HashMap::new();
    let no_bounds = vec![None; rules.len()];
    let mut key = Vec::with_capacity(rules.len());
    let mut offer = |row: Row| {
        prospects(&row.tallies, rules, &no_bounds, &mut key);
        match index.get(key.as_slice()).and_then(|i| rows.get_mut(*i)) {
            Some(old) => {
                if better(row.real, row.cost, (old.real, old.cost)) {
                    *old = row;
                }
            }
            None => {
                index.insert(key.as_slice().into(), rows.len());
                rows.push(row);
            }
        }
    };
    let mut rulings: [Vec<Ruling>; 2] = [Vec::new(), Vec::new()];
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
            .map(|(u, rep)| space.cost(*u, *rep))
            .sum();
        offer(Row {
            tallies: tallies(plan, group, &rulings),
            real: true,
            cost,
            digits: digits.to_vec(),
        });
        // Over-approximation: every status the undecided criteria may take.
        let choices = if group.free.is_empty() {
            0
        } else {
            free_choices
        };
        for choice in 0..choices {
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
                tallies: tallies(plan, group, &varied),
                real: false,
                cost,
                digits: digits.to_vec(),
            });
        }
    }
    Ok(rows)
}

/// A combination of groups' contributions: what they add up to, and how
/// it was reached.
struct State {
    tallies: Box<[Tally]>,
    real: bool,
    cost: usize,
    /// The state before and the row of the group added.
    back: (usize, usize),
}

/// The least and the most a group's rows add to a rule's margin (`None`
/// when a margin does not fit).
fn span(rows: &[Row], rule: usize, rules: &[Rule<'_>]) -> Option<(i128, i128)> {
    let r = rules.get(rule)?;
    let mut out: Option<(i128, i128)> = None;
    for row in rows {
        let m = row.tallies.get(rule)?.margin(*r)?;
        out = Some(out.map_or((m, m), |(least, most)| (least.min(m), most.max(m))));
    }
    Some(out.unwrap_or((0, 0)))
}

/// Whether the theme can pass under each version, for the current outer
/// evidence, each way with the best evidence for it.
fn pairs(
    space: &Space<'_>,
    probe: &mut Probe<'_, '_>,
    plan: &Plan<'_>,
) -> Result<Vec<Pair>, Because> {
    let rules: Vec<Rule<'_>> = plan.rules.iter().flatten().copied().collect();
    let width = rules.len();
    let groups: Vec<Vec<Row>> = plan
        .groups
        .iter()
        .map(|g| rows(space, probe, plan, &rules, g))
        .collect::<Result<_, _>>()?;
    // What the groups after each may still add to each rule's margin.
    let mut after: Vec<Vec<Option<(i128, i128)>>> = Vec::with_capacity(groups.len());
    let mut later: Vec<Option<(i128, i128)>> = vec![Some((0, 0)); width];
    for rows in groups.iter().rev() {
        after.push(later.clone());
        later = later
            .iter()
            .enumerate()
            .map(|(r, sum)| {
                let (a, b) = (*sum)?;
                let (c, d) = span(rows, r, &rules)?;
                Some((a.checked_add(c)?, b.checked_add(d)?))
            })
            .collect();
    }
    after.reverse();
    let start = vec![State {
        tallies: vec![Tally::default(); width].into_boxed_slice(),
        real: true,
        cost: 0,
        back: (0, 0),
    }];
    // After each group: the states reached, and the group's rows.
    let mut layers: Vec<(Vec<State>, Vec<Row>)> = Vec::new();
    for (rows, bounds) in groups.into_iter().zip(&after) {
        let states = layers.last().map_or(&start, |(s, _)| s);
        space.spend(u64::try_from(states.len().saturating_mul(rows.len())).ok())?;
        let mut next: Vec<State> = Vec::new();
        let mut index: HashMap<Box<[Prospect]>, usize> = HashMap::new();
        // One buffer for every sum and key; stored only when kept.
        let mut sum: Vec<Tally> = Vec::with_capacity(width);
        let mut key: Vec<Prospect> = Vec::with_capacity(width);
        for (si, s) in states.iter().enumerate() {
            for (ri, r) in rows.iter().enumerate() {
                sum.clear();
                sum.extend(
                    s.tallies
                        .iter()
                        .zip(r.tallies.iter())
                        .map(|(a, b)| a.plus(*b)),
                );
                prospects(&sum, &rules, bounds, &mut key);
                let (real, cost, back) = (s.real && r.real, s.cost + r.cost, (si, ri));
                match index.get(key.as_slice()).and_then(|i| next.get_mut(*i)) {
                    Some(old) => {
                        if better(real, cost, (old.real, old.cost)) {
                            *old = State {
                                tallies: sum.as_slice().into(),
                                real,
                                cost,
                                back,
                            };
                        }
                    }
                    None => {
                        index.insert(key.as_slice().into(), next.len());
                        next.push(State {
                            tallies: sum.as_slice().into(),
                            real,
                            cost,
                            back,
                        });
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
        let (old, new) = s.tallies.split_at(split.min(s.tallies.len()));
        let passes = [(OLD, old), (NEW, new)].map(|(side, tallies)| {
            let theme = plan.theme.get(side).copied().flatten()?;
            Some(eval::status_of(theme, tallies) == Status::Pass)
        });
        let k = key(passes);
        if table
            .get(&k)
            .is_none_or(|(_, p)| better(s.real, s.cost, (p.real, p.cost)))
        {
            let pair = Pair {
                passes,
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
                    if space.cost(*u, *rep) > 0 {
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
/// outer evidence, combined theme by theme (certified when every theme
/// passes).
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
        // Whether every theme so far passes, in each version.
        let mut fold: BTreeMap<(u8, u8), Pair> = BTreeMap::new();
        let all = Pair {
            passes: [Some(true); 2],
            real: true,
            cost: 0,
            chosen: Vec::new(),
        };
        fold.insert(key(all.passes), all);
        for (solution, at) in solutions.iter().zip(&positions) {
            let projected: Vec<usize> = at.iter().filter_map(|p| digits.get(*p).copied()).collect();
            let Some(pairs) = solution.get(&projected) else {
                return Finding::undecided(vec![Because::Unconfirmed]);
            };
            let mut next = BTreeMap::new();
            for so_far in fold.values() {
                for pair in pairs {
                    let [old, new] = [OLD, NEW].map(|side| {
                        let passes = |p: &Pair| p.passes.get(side).copied().flatten();
                        // A theme not in a version does not hold it back.
                        Some(passes(so_far).unwrap_or(true) && passes(pair).unwrap_or(true))
                    });
                    let mut chosen = so_far.chosen.clone();
                    chosen.extend_from_slice(&pair.chosen);
                    offer(
                        &mut next,
                        Pair {
                            passes: [old, new],
                            real: so_far.real && pair.real,
                            cost: so_far.cost + pair.cost,
                            chosen,
                        },
                    );
                }
            }
            fold = next;
        }
        for pair in fold.values() {
            offer(&mut table, with_outer(space, &outer, digits, pair));
        }
    }
    let because = || dedup(plans.iter().flat_map(|p| p.because.iter().cloned()));
    finding(space, table.into_values(), Of::Verdict, because)
}
