//! What still matters for one location: whether a piece of evidence it
//! has not supplied can change whether a theme passes, or its verdict.
//!
//! The location's supplied values are fixed and everything it has not
//! supplied is free, each piece with its representatives (`regions.rs`),
//! which stand for every value as far as the criteria reading it can tell.
//! Each theme is asked on its own: the verdict, every theme passing,
//! changes only where some theme does. A theme decided while evidence is
//! missing is asked too: supplying evidence can still turn it
//! (`present(x)` is false until `x` is there).
//!
//! For each open theme, every combination of its free evidence is judged
//! by the evaluator and scored by the theme's own rules; a piece of
//! evidence is decisive when two combinations that differ in it alone
//! score the theme differently. A theme with more combinations than
//! [`MAX_ENUMERATED`] is asked the other way, through the themes'
//! dynamic programming (`themes.rs`): the framework compared with itself,
//! the asked evidence read by the two sides from two copies, each free on
//! its own; the two sides can differ exactly when the evidence is decisive.

use std::collections::HashMap;

use super::space::{Combinations, Open, Probe, Space};
use super::{themes, NEW};
use crate::compile::{CompiledTheme, SlotId};
use crate::eval::{self, Decision, Ruling, Tally};
use crate::outcome::Status;

/// The most combinations of a theme's free evidence judged one by one.
const MAX_ENUMERATED: u64 = 512;

/// The most themes of one location asked the other way (each builds the
/// space again): beyond, what is left counts as decisive.
const MAX_ASKED_TWICE: usize = 8;

/// The steps of work (see [`super::MAX_STEPS`]) one location's marks may
/// take in all: explaining a location stays quick whatever the framework,
/// and what the budget does not reach counts as decisive.
pub const MAX_DECISIVE_STEPS: u64 = 200_000;

/// Whether each of `missing` (slots the location did not supply) is
/// decisive: some value of it, with some values for the rest of what the
/// location has not supplied, changes whether a theme passes (and so,
/// perhaps, whether the location is certified), on the decision's as-of
/// date.
///
/// What the analysis cannot decide exactly counts as decisive: a school is
/// never told that evidence does not matter when it might.
pub fn decisive(decision: &Decision<'_>, missing: &[SlotId]) -> Vec<bool> {
    let framework = decision.framework;
    let mut out = vec![false; missing.len()];
    if missing.is_empty() {
        return out;
    }
    // A criterion that reads only supplied evidence is decided; every
    // other may still change, even when it is decided with evidence
    // missing (`present(x)` is false until `x` is there).
    let evidence = decision.evidence;
    let open: Vec<bool> = framework
        .criteria
        .iter()
        .map(|c| {
            c.applies
                .iter()
                .chain(c.requirements.iter().map(|r| &r.condition))
                .chain(c.score.iter().flat_map(|s| s.levels.iter().map(|(_, l)| l)))
                .flat_map(|condition| &condition.conjuncts)
                .any(|j| {
                    j.reads.more
                        || j.reads
                            .slots
                            .iter()
                            .any(|s| !matches!(evidence.values.get(*s as usize), Some(Some(_))))
                })
        })
        .collect();
    if !open.contains(&true) {
        return out;
    }
    let memo = super::lines::PairMemo::default();
    let setting = |asked, steps| Open {
        evidence: decision.evidence,
        asked,
        open: &open,
        steps,
        memo: &memo,
    };
    let space = Space::open(framework, &setting(None, MAX_DECISIVE_STEPS));
    // Each missing slot's place in the space.
    let place: HashMap<usize, usize> = space
        .slots
        .iter()
        .enumerate()
        .filter_map(|(u, s)| {
            let at = s.at.get(NEW).copied().flatten()?;
            let i = missing.iter().position(|m| *m == at)?;
            Some((u, i))
        })
        .collect();
    let mut probe = Probe::new(&space, space.baseline.clone());
    let mut asked_twice = 0;
    for theme in &framework.themes {
        let criteria = counted(theme);
        let mut free: Vec<usize> = Vec::new();
        let mut exact = true;
        for c in &criteria {
            let Some(facts) = space.facts(NEW, *c) else {
                continue;
            };
            exact &= facts.exact();
            free.extend(
                facts
                    .reads
                    .iter()
                    .map(|u| *u as usize)
                    .filter(|u| space.reps(*u) > 1),
            );
        }
        free.sort_unstable();
        free.dedup();
        let asked: Vec<(usize, usize)> = free
            .iter()
            .enumerate()
            .filter_map(|(i, u)| Some((i, *place.get(u)?)))
            .filter(|(_, m)| !out.get(*m).copied().unwrap_or(true))
            .collect();
        if asked.is_empty() {
            continue;
        }
        let enumerated = match space.count(&free) {
            Some(n) if n <= MAX_ENUMERATED && exact && space.spend(Some(n)).is_ok() => {
                enumerate(&space, &mut probe, theme, &criteria, &free)
            }
            _ => None,
        };
        for (i, m) in asked {
            let Some(cell) = out.get_mut(m) else {
                continue;
            };
            *cell = match &enumerated {
                Some(passes) => splits(passes, i),
                None if asked_twice < MAX_ASKED_TWICE && exact_reads(&space, &criteria) => {
                    asked_twice += 1;
                    let asked = missing.get(m).copied();
                    // The budget the first space has left, shared.
                    let twice = Space::open(framework, &setting(asked, space.steps_left()));
                    let differ = themes::differ(&twice, &[theme.id.as_str()]);
                    let _ =
                        space.spend(Some(space.steps_left().saturating_sub(twice.steps_left())));
                    differ
                }
                None => true,
            };
        }
    }
    out
}

/// Whether the walk found what each of these criteria reads (it stops at
/// [`super::regions::MAX_READS`]).
fn exact_reads(space: &Space<'_>, criteria: &[u32]) -> bool {
    criteria.iter().all(|c| {
        space.facts(NEW, *c).is_none_or(|f| {
            !f.because
                .iter()
                .any(|b| matches!(b, super::Because::TooMany { .. }))
        })
    })
}

/// The criteria a theme's rules count, each once.
fn counted(theme: &CompiledTheme) -> Vec<u32> {
    let mut criteria: Vec<u32> = eval::rules(theme)
        .flat_map(|r| r.members().iter().map(|m| m.criterion))
        .collect();
    criteria.sort_unstable();
    criteria.dedup();
    criteria
}

/// Whether the theme passes for every combination of the free evidence:
/// each combination's representatives, and whether it passes.
fn enumerate(
    space: &Space<'_>,
    probe: &mut Probe<'_, '_>,
    theme: &CompiledTheme,
    criteria: &[u32],
    free: &[usize],
) -> Option<Vec<(Vec<usize>, bool)>> {
    let mut combinations = Combinations::new(space, free, MAX_ENUMERATED)?;
    let position: HashMap<u32, usize> = criteria.iter().enumerate().map(|(i, c)| (*c, i)).collect();
    let mut rulings: Vec<Ruling> = Vec::new();
    let mut tallies: Vec<Tally> = Vec::new();
    let mut out = Vec::new();
    while let Some((digits, changed)) = combinations.next() {
        for (u, rep) in free.iter().zip(digits).take(changed) {
            probe.set(*u, *rep);
        }
        probe.judge(NEW, criteria, &mut rulings);
        tallies.clear();
        for rule in eval::rules(theme) {
            let tally = rule
                .members()
                .iter()
                .filter_map(|m| {
                    let judged = rulings.get(*position.get(&m.criterion)?)?;
                    Some(Tally::of(rule, m, judged))
                })
                .fold(Tally::default(), Tally::plus);
            tallies.push(tally);
        }
        let passes = eval::status_of(theme, &tallies) == Status::Pass;
        out.push((digits.to_vec(), passes));
    }
    for u in free {
        probe.set(*u, space.baseline.get(*u).copied().unwrap_or(0));
    }
    Some(out)
}

/// Whether two combinations that differ only at position `i` differ in
/// whether the theme passes.
fn splits(passes: &[(Vec<usize>, bool)], i: usize) -> bool {
    let mut seen: HashMap<Vec<usize>, bool> = HashMap::new();
    for (digits, pass) in passes {
        let mut rest = digits.clone();
        if let Some(d) = rest.get_mut(i) {
            *d = usize::MAX;
        }
        match seen.get(&rest) {
            Some(other) if other != pass => return true,
            Some(_) => {}
            None => {
                seen.insert(rest, *pass);
            }
        }
    }
    false
}
