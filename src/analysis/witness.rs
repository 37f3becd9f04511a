//! Witnesses: evidence documents that the two versions judge
//! differently, evaluated once more the way `kader eval` does (loaded from
//! their JSON text, then decided) before they are handed out.

use super::space::Space;
use super::{Standing, Witness, NEW, OLD};
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

/// The witness for evidence with these representatives, when the two
/// versions judge it as claimed (`before`, `after`); `None` when they do
/// not.
pub(crate) fn confirmed(
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
    let differs = space
        .slots
        .iter()
        .zip(chosen.iter().zip(&space.baseline))
        .filter(|(_, (rep, base))| rep != base)
        .map(|(slot, _)| slot.path.clone())
        .collect();
    (found == [Some(before), Some(after)]).then_some(Witness {
        evidence: document,
        before,
        after,
        differs,
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
