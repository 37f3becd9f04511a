//! Theme scores: exact fractions, so that a threshold decision never depends
//! on rounding.

use rust_decimal::Decimal;

use super::Reached;
use crate::compile::{CompiledTheme, Framework};
use crate::outcome::{CriterionOutcome, Status, ThemeOutcome};
use crate::ratio::Ratio;

/// Scores one theme and decides its status.
pub(super) fn theme(
    framework: &Framework,
    theme: &CompiledTheme,
    criteria: &[CriterionOutcome],
    reached: &[Reached],
) -> ThemeOutcome {
    let mut low = Ratio::ZERO;
    let mut high = Ratio::ZERO;
    let mut total: i128 = 0;
    let mut overflow = false;
    let mut failed_mandatory = Vec::new();
    let mut mandatory_open = false;
    for &index in &theme.criteria {
        let (Some(outcome), Some(r), Some(compiled)) = (
            criteria.get(index as usize),
            reached.get(index as usize),
            framework.criteria.get(index as usize),
        ) else {
            continue;
        };
        let weight = i128::from(compiled.weight);
        if theme.all_mandatory && compiled.mandatory {
            match outcome.status {
                Status::Fail => failed_mandatory.push(outcome.id.clone()),
                Status::Unknown => mandatory_open = true,
                Status::Pass | Status::NotApplicable | Status::Waived => {}
            }
        }
        let (gained_low, gained_high) = match *r {
            Reached::Absent => continue,
            Reached::Known { level, max } => {
                let gained = weight
                    .checked_mul(i128::from(level))
                    .and_then(|n| Ratio::new(n, i128::from(max.max(1))));
                (gained, gained)
            }
            Reached::Open => (Some(Ratio::ZERO), Ratio::new(weight, 1)),
        };
        total = total.saturating_add(weight);
        match (
            gained_low.and_then(|g| low.add(g)),
            gained_high.and_then(|g| high.add(g)),
        ) {
            (Some(l), Some(h)) => {
                low = l;
                high = h;
            }
            _ => overflow = true,
        }
    }

    let (score, score_max, reaches_low, reaches_high) = if total == 0 {
        // No applicable criterion carries weight: the score cannot hold it back.
        (None, None, true, true)
    } else {
        let threshold = theme.threshold.unwrap_or(Decimal::ZERO);
        let reaches_low = low.reaches(total, threshold);
        let reaches_high = high.reaches(total, threshold);
        if reaches_low.is_none() || reaches_high.is_none() {
            overflow = true;
        }
        (
            low.share(total),
            high.share(total),
            reaches_low.unwrap_or(false),
            reaches_high.unwrap_or(true),
        )
    };
    let status = if !failed_mandatory.is_empty() || !reaches_high {
        Status::Fail
    } else if reaches_low && !mandatory_open && !overflow {
        Status::Pass
    } else {
        Status::Unknown
    };
    ThemeOutcome {
        id: theme.id.clone(),
        title: theme.title.clone(),
        status,
        score,
        score_max: if score_max == score { None } else { score_max },
        threshold: theme.threshold,
        failed_mandatory,
    }
}
