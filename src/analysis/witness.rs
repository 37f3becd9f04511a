//! Witnesses: evidence documents that the two versions judge
//! differently, evaluated once more the way `kader eval` does (loaded from
//! their JSON text, then decided) before they are handed out.

use super::space::Space;
use super::{Because, Relation, Standing, Witness, NEW, OLD};
use crate::eval::Stage;
use crate::evidence::Evidence;
use crate::outcome::{Status, Verdict};

/// What a witness is a witness of.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Of<'i> {
    Verdict,
    Theme(&'i str),
    Criterion(&'i str),
}

/// What a witness is claimed to show.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Claim {
    /// Exactly these results, under the old and the new version.
    Is(Standing, Standing),
    /// That the new version passes it and the old does not (`looser`), or
    /// the other way round: passing is being certified for the verdict,
    /// passing for a theme.
    Passes { looser: bool },
}

/// The witnesses for evidence with these representatives (`chosen`, one
/// for every slot), each judged as claimed, in order. A candidate the two
/// versions do not judge as claimed is left out, and makes the relation
/// undecided: the analysis never shows evidence that `kader eval`
/// contradicts.
pub(crate) fn confirm(
    space: &Space<'_>,
    of: Of<'_>,
    candidates: impl IntoIterator<Item = (Vec<usize>, Claim)>,
    relation: &mut Relation,
) -> Vec<Witness> {
    let mut witnesses = Vec::new();
    if !space.wants_witnesses() {
        return witnesses;
    }
    // Loading and deciding a document judges every criterion of both.
    let cost = space.fw.iter().map(|f| f.criteria.len()).sum::<usize>();
    for (chosen, claim) in candidates {
        if let Err(because) = space.spend(u64::try_from(cost).ok()) {
            *relation = Relation::Undecided {
                because: vec![because],
            };
            break;
        }
        let n = witnesses.len() + 1;
        let document = space.document(n, &chosen);
        let judged = judge(space, &document.to_string(), of);
        let holds = match (claim, judged) {
            (Claim::Is(before, after), Some(found)) => found == (before, after),
            (Claim::Passes { looser }, Some((before, after))) => {
                passes(before) != passes(after) && passes(after) == looser
            }
            (_, None) => false,
        };
        match judged {
            Some((before, after)) if holds => witnesses.push(Witness {
                evidence: document,
                before,
                after,
                differs: differs(space, &chosen),
            }),
            _ => {
                *relation = Relation::Undecided {
                    because: vec![Because::Unconfirmed],
                }
            }
        }
    }
    witnesses
}

/// The paths whose values differ from the compliant school's.
fn differs(space: &Space<'_>, chosen: &[usize]) -> Vec<String> {
    space
        .slots
        .iter()
        .zip(chosen.iter().zip(&space.baseline))
        .filter(|(_, (rep, base))| rep != base)
        .map(|(slot, _)| slot.path.to_string())
        .collect()
}

/// How the two versions judge an evidence document, loaded from its text
/// as `kader eval` loads it.
fn judge(space: &Space<'_>, text: &str, of: Of<'_>) -> Option<(Standing, Standing)> {
    let mut found = [None, None];
    for (side, cell) in [OLD, NEW].into_iter().zip(found.iter_mut()) {
        let framework = space.fw.get(side)?;
        let evidence = Evidence::from_json(framework, text).ok()?;
        let decision = framework.decide(&evidence, Stage::Intake);
        *cell = match of {
            Of::Verdict => Some(Standing::Verdict(decision.verdict())),
            Of::Theme(id) => decision
                .themes()
                .find(|t| t.id == id)
                .map(|t| Standing::Status(t.status)),
            Of::Criterion(id) => decision.criterion(id).map(|c| standing(c.status, c.level)),
        };
    }
    let [Some(before), Some(after)] = found else {
        return None;
    };
    Some((before, after))
}

/// Whether a verdict or a theme's status passes.
fn passes(standing: Standing) -> bool {
    matches!(
        standing,
        Standing::Verdict(Verdict::Certified) | Standing::Status(Status::Pass)
    )
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

/// Whether a witness shows the new version passing more than the old: a
/// school it passes and the old one does not, or a higher level where
/// both pass.
pub(crate) fn looser(w: &Witness) -> bool {
    let pass = |s: Standing| match s {
        Standing::Verdict(v) => v == Verdict::Certified,
        Standing::Status(status) | Standing::Level { status, .. } => super::space::passes(status),
    };
    match (w.before, w.after) {
        (
            Standing::Level {
                status: a,
                level: x,
            },
            Standing::Level {
                status: b,
                level: y,
            },
        ) if pass(Standing::Status(a)) && pass(Standing::Status(b)) => y > x,
        (a, b) => pass(b) && !pass(a),
    }
}
