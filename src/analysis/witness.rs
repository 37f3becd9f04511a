//! Witnesses: evidence documents that the two versions judge
//! differently, evaluated once more the way `kader eval` does (loaded from
//! their JSON text, then decided) before they are handed out.

use super::space::Space;
use super::{Because, Relation, Standing, Witness, NEW, OLD};
use crate::eval::Stage;
use crate::evidence::Evidence;
use crate::outcome::Status;

/// What a witness is a witness of.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Of<'i> {
    Verdict,
    Theme(&'i str),
    Criterion(&'i str),
}

/// The witnesses for evidence with these representatives (`chosen`, one
/// for every slot), each judged as claimed (`before`, `after`), in order.
/// A candidate the two versions do not judge as claimed is left out, and
/// makes the relation undecided: the analysis never shows evidence that
/// `kader eval` contradicts.
pub(crate) fn confirm(
    space: &Space<'_>,
    of: Of<'_>,
    candidates: impl IntoIterator<Item = (Vec<usize>, Standing, Standing)>,
    relation: &mut Relation,
) -> Vec<Witness> {
    let mut witnesses = Vec::new();
    // Loading and deciding a document judges every criterion of both.
    let cost = space.fw.iter().map(|f| f.criteria.len()).sum::<usize>();
    for (chosen, before, after) in candidates {
        if let Err(because) = space.spend(u64::try_from(cost).ok()) {
            *relation = Relation::Undecided {
                because: vec![because],
            };
            break;
        }
        let n = witnesses.len() + 1;
        match confirmed(space, &chosen, n, of, before, after) {
            Some(w) => witnesses.push(w),
            None => {
                *relation = Relation::Undecided {
                    because: vec![Because::Unconfirmed],
                }
            }
        }
    }
    witnesses
}

/// The witness for evidence with these representatives, when the two
/// versions judge it as claimed (`before`, `after`); `None` when they do
/// not.
fn confirmed(
    space: &Space<'_>,
    chosen: &[usize],
    n: usize,
    of: Of<'_>,
    before: Standing,
    after: Standing,
) -> Option<Witness> {
    let document = space.document(n, chosen);
    let text = document.to_string();
    let mut found = [None, None];
    for side in [OLD, NEW] {
        let framework = space.fw.get(side)?;
        let evidence = Evidence::from_json(framework, &text).ok()?;
        let decision = framework.decide(&evidence, Stage::Intake);
        let standing = match of {
            Of::Verdict => Some(Standing::Verdict(decision.verdict())),
            Of::Theme(id) => decision
                .themes()
                .find(|t| t.id == id)
                .map(|t| Standing::Status(t.status)),
            Of::Criterion(id) => decision.criterion(id).map(|c| standing(c.status, c.level)),
        };
        if let Some(cell) = found.get_mut(side) {
            *cell = standing;
        }
    }
    (found == [Some(before), Some(after)]).then_some(Witness {
        evidence: document,
        before,
        after,
    })
}

/// A criterion's result as a witness shows it: with its level when it has
/// one.
pub(crate) fn standing(status: Status, level: Option<u64>) -> Standing {
    match level {
        Some(level) => Standing::Level { status, level },
        None => Standing::Status(status),
    }
}

/// An order of statuses for listing witnesses: pass, not applicable,
/// waived, unknown, fail.
pub(crate) fn rank(status: Status) -> u8 {
    match status {
        Status::Pass => 0,
        Status::NotApplicable => 1,
        Status::Waived => 2,
        Status::Unknown => 3,
        Status::Fail => 4,
    }
}
