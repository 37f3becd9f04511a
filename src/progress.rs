//! Progress between two assessments of one location: the verdict and the
//! theme scores before and after, the criteria that improved, regressed or
//! stayed open, and, with the plan file, the actions closed in between.
//!
//! The two may be judged under different versions of a framework (old
//! evidence under the old version, new under the new): criteria and themes
//! are matched by id, and those found on one side only are listed apart,
//! never compared. **Comparing is pure**: a function of two outcomes and a
//! plan file.

use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::evidence::Location;
use crate::outcome::{CriterionOutcome, FrameworkRef, Outcome, Status, ThemeOutcome, Verdict};
use crate::plan::PlanEntry;
use crate::plan::PlanFile;

/// One side of the comparison: which framework, on which date, and the
/// verdict.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Side {
    /// The framework it was judged under.
    pub framework: FrameworkRef,
    /// The as-of date of its evidence.
    pub as_of: Date,
    /// Its verdict.
    pub verdict: Verdict,
}

/// A theme's score on one side.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ThemeScore {
    /// Its status.
    pub status: Status,
    /// The score it has for certain (0 to 1).
    #[serde(serialize_with = "crate::outcome::opt_share")]
    pub score: Option<Decimal>,
    /// The most it may still reach while evidence is missing.
    #[serde(serialize_with = "crate::outcome::opt_share")]
    pub score_max: Option<Decimal>,
    /// Its threshold.
    #[serde(serialize_with = "crate::outcome::opt_share")]
    pub threshold: Option<Decimal>,
}

impl ThemeScore {
    fn of(theme: &ThemeOutcome) -> ThemeScore {
        ThemeScore {
            status: theme.status,
            score: theme.score,
            score_max: theme.score_max,
            threshold: theme.threshold,
        }
    }
}

/// A theme before and after; a side is `None` when the theme is not in
/// that side's framework.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ThemeChange {
    /// Its id.
    pub id: String,
    /// Its title (the newer framework's where it is in both).
    pub title: String,
    /// Before.
    pub before: Option<ThemeScore>,
    /// After.
    pub after: Option<ThemeScore>,
}

/// A criterion before and after.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CriterionChange {
    /// Its id.
    pub id: String,
    /// Its title (the newer framework's).
    pub title: String,
    /// Its theme (in the newer framework).
    pub theme: String,
    /// Its status before.
    pub before: Status,
    /// Its status after.
    pub after: Status,
    /// For a graded criterion, its level before and after.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level_before: Option<u64>,
    /// Its level after.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level_after: Option<u64>,
}

/// A criterion on one side only: it is not in the other side's framework.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Unmatched {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its status on the side it is on.
    pub status: Status,
}

/// Progress between two assessments of one location.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Progress {
    /// The location (as the newer evidence names it).
    pub location: Location,
    /// The earlier assessment.
    pub before: Side,
    /// The later one.
    pub after: Side,
    /// Every theme, the newer framework's first in its order, then those
    /// only the older one has.
    pub themes: Vec<ThemeChange>,
    /// Criteria that pass now and did not, or pass at a higher level.
    pub improved: Vec<CriterionChange>,
    /// Criteria that passed and do not now, or pass at a lower level.
    pub regressed: Vec<CriterionChange>,
    /// Criteria that did not pass and still do not.
    pub still_open: Vec<CriterionChange>,
    /// Criteria only the older framework has: not compared.
    pub only_before: Vec<Unmatched>,
    /// Criteria only the newer framework has: not compared.
    pub only_after: Vec<Unmatched>,
    /// With a plan file: its items kader found done between the two
    /// as-of dates (after the earlier, up to and with the later), in the
    /// file's order; `None` without one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closed: Option<Vec<PlanEntry>>,
}

impl Progress {
    /// Whether both sides were judged under the same framework and version.
    pub fn same_framework(&self) -> bool {
        self.before.framework.id == self.after.framework.id
            && self.before.framework.version == self.after.framework.version
    }
}

/// How far a status is along, for comparing: passing is best; a criterion
/// that does not count (not applicable, waived) is not compared.
fn rank(status: Status) -> Option<u8> {
    match status {
        Status::Fail | Status::Unknown => Some(0),
        Status::Pass => Some(1),
        Status::NotApplicable | Status::Waived => None,
    }
}

/// Compares two assessments of a location (see the module documentation).
pub fn progress(before: &Outcome, after: &Outcome, plan: Option<&PlanFile>) -> Progress {
    let side = |o: &Outcome| Side {
        framework: o.framework.clone(),
        as_of: o.as_of,
        verdict: o.verdict,
    };
    let mut themes: Vec<ThemeChange> = after
        .themes
        .iter()
        .map(|t| ThemeChange {
            id: t.id.clone(),
            title: t.title.clone(),
            before: before
                .themes
                .iter()
                .find(|b| b.id == t.id)
                .map(ThemeScore::of),
            after: Some(ThemeScore::of(t)),
        })
        .collect();
    themes.extend(
        before
            .themes
            .iter()
            .filter(|b| !after.themes.iter().any(|t| t.id == b.id))
            .map(|b| ThemeChange {
                id: b.id.clone(),
                title: b.title.clone(),
                before: Some(ThemeScore::of(b)),
                after: None,
            }),
    );
    let mut improved = Vec::new();
    let mut regressed = Vec::new();
    let mut still_open = Vec::new();
    let mut only_after = Vec::new();
    for now in &after.criteria {
        let Some(was) = before.criteria.iter().find(|c| c.id == now.id) else {
            only_after.push(unmatched(now));
            continue;
        };
        let change = CriterionChange {
            id: now.id.clone(),
            title: now.title.clone(),
            theme: now.theme.clone(),
            before: was.status,
            after: now.status,
            level_before: was.level.filter(|_| now.max_level.is_some()),
            level_after: now.level.filter(|_| now.max_level.is_some()),
        };
        let (Some(a), Some(b)) = (rank(was.status), rank(now.status)) else {
            continue;
        };
        let levels = match (was.level, now.level, a, b) {
            (Some(l0), Some(l1), 1, 1) => l1.cmp(&l0),
            _ => std::cmp::Ordering::Equal,
        };
        if b > a || (b == a && levels.is_gt()) {
            improved.push(change);
        } else if b < a || (b == a && levels.is_lt()) {
            regressed.push(change);
        } else if b == 0 {
            still_open.push(change);
        }
    }
    let only_before = before
        .criteria
        .iter()
        .filter(|c| !after.criteria.iter().any(|n| n.id == c.id))
        .map(unmatched)
        .collect();
    let closed = plan.map(|file| {
        file.items
            .iter()
            .filter(|e| {
                e.gereed_op
                    .is_some_and(|d| d > before.as_of && d <= after.as_of)
            })
            .cloned()
            .collect()
    });
    Progress {
        location: after.location.clone(),
        before: side(before),
        after: side(after),
        themes,
        improved,
        regressed,
        still_open,
        only_before,
        only_after,
        closed,
    }
}

fn unmatched(c: &CriterionOutcome) -> Unmatched {
    Unmatched {
        id: c.id.clone(),
        title: c.title.clone(),
        status: c.status,
    }
}
