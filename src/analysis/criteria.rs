//! The relation of each criterion the two versions have in common: every
//! combination of the representatives of the evidence it reads (in either
//! version), judged by the evaluator under both.

use std::collections::BTreeMap;

use super::space::{above, Combinations, Probe, Space};
use super::witness::{confirm, rank, standing, Claim, Of};
use super::{dedup, relation, Because, Finding, Found, Item, Relation, MAX_COMBINATIONS, NEW, OLD};
use crate::eval::Ruling;
use crate::outcome::Status;

pub(super) fn compare(space: &Space<'_>) -> Vec<Item> {
    let mut probe = Probe::new(space, space.baseline.clone());
    let [_, new] = space.fw;
    new.criteria
        .iter()
        .zip(&space.pairs)
        .enumerate()
        .filter_map(|(n, (c, pair))| {
            let (o, same) = (*pair)?;
            let n = u32::try_from(n).ok()?;
            let finding = if same {
                Finding {
                    relation: Relation::Equivalent,
                    witnesses: Vec::new(),
                }
            } else {
                criterion(space, &mut probe, [o, n], &c.id)
            };
            Some(Item {
                id: c.id.clone(),
                finding,
            })
        })
        .collect()
}

/// A criterion's result: its status, and its level when graded.
type Result = (Status, Option<u64>);
/// A result as an ordered key.
type Key = (u8, Option<u64>);

/// The best evidence found for one pair of results: the fewest values
/// away from the compliant school.
struct Best {
    results: [Result; 2],
    cost: usize,
    chosen: Vec<usize>,
}

fn criterion(space: &Space<'_>, probe: &mut Probe<'_, '_>, at: [u32; 2], id: &str) -> Finding {
    let facts = [space.facts(OLD, at[0]), space.facts(NEW, at[1])];
    let mut slots: Vec<usize> = facts
        .iter()
        .flatten()
        .flat_map(|f| f.reads.iter().map(|u| *u as usize))
        .collect();
    slots.sort_unstable();
    slots.dedup();
    let because = || dedup(facts.iter().flatten().flat_map(|f| f.because.clone()));
    let exact = facts.iter().flatten().all(|f| f.exact());
    let Some(mut combinations) = Combinations::new(space, &slots, MAX_COMBINATIONS) else {
        return Finding::undecided(vec![Because::TooMany {
            limit: MAX_COMBINATIONS,
        }]);
    };
    if let Err(because) = space.spend(space.count(&slots)) {
        return Finding::undecided(vec![because]);
    }
    let key = |(status, level): Result| -> Key { (rank(status), level) };
    let mut found: BTreeMap<(Key, Key), Best> = BTreeMap::new();
    let mut rulings: Vec<Ruling> = Vec::new();
    while let Some((digits, changed)) = combinations.next() {
        for (u, rep) in slots.iter().zip(digits).take(changed) {
            probe.set(*u, *rep);
        }
        let mut results = [(Status::Unknown, None); 2];
        for (side, (c, cell)) in at.iter().zip(results.iter_mut()).enumerate() {
            probe.judge(side, &[*c], &mut rulings);
            if let Some(r) = rulings.first() {
                *cell = (r.status, r.level);
            }
        }
        let cost = slots
            .iter()
            .zip(digits)
            .map(|(u, rep)| space.cost(*u, *rep))
            .sum();
        let [before, after] = results;
        let k = (key(before), key(after));
        if found.get(&k).is_none_or(|b| cost < b.cost) {
            let mut chosen = space.baseline.clone();
            for (u, rep) in slots.iter().zip(digits) {
                if let Some(cell) = chosen.get_mut(*u) {
                    *cell = *rep;
                }
            }
            found.insert(
                k,
                Best {
                    results,
                    cost,
                    chosen,
                },
            );
        }
    }
    for u in &slots {
        probe.set(*u, space.baseline.get(*u).copied().unwrap_or(0));
    }
    let kind = |looser: bool| {
        let any = found.values().any(|b| {
            let [before, after] = b.results;
            if looser {
                above(after, before)
            } else {
                above(before, after)
            }
        });
        match (any, exact) {
            (true, _) => Found::Witnessed,
            (false, true) => Found::None,
            (false, false) => Found::Possible,
        }
    };
    let mut relation = relation(kind(true), kind(false), because);
    let mut differing: Vec<&Best> = found
        .values()
        .filter(|b| {
            let [before, after] = b.results;
            above(after, before) || above(before, after)
        })
        .collect();
    differing.sort_by_key(|b| {
        let [before, after] = b.results;
        (!above(after, before), key(before), key(after))
    });
    let candidates = differing.into_iter().map(|best| {
        let [before, after] = best.results.map(|(s, l)| standing(s, l));
        (best.chosen.clone(), Claim::Is(before, after))
    });
    let witnesses = confirm(space, Of::Criterion(id), candidates, &mut relation);
    Finding {
        relation,
        witnesses,
    }
}
