//! Theme scores: exact fractions, so that a threshold decision never depends
//! on rounding.

use rust_decimal::Decimal;

use super::Reached;
use crate::compile::{CompiledTheme, Framework};
use crate::outcome::{CriterionOutcome, Status, ThemeOutcome};

/// A non-negative fraction `num / den`, kept reduced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Ratio {
    num: i128,
    den: i128,
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.abs().max(1)
}

impl Ratio {
    const ZERO: Ratio = Ratio { num: 0, den: 1 };

    fn new(num: i128, den: i128) -> Option<Ratio> {
        if den <= 0 {
            return None;
        }
        let g = gcd(num, den);
        Some(Ratio {
            num: num / g,
            den: den / g,
        })
    }

    fn add(self, other: Ratio) -> Option<Ratio> {
        let num = self
            .num
            .checked_mul(other.den)?
            .checked_add(other.num.checked_mul(self.den)?)?;
        Ratio::new(num, self.den.checked_mul(other.den)?)
    }

    /// `self / total` as a decimal share (rounded in the 28th digit; for
    /// display only).
    fn share(self, total: i128) -> Option<Decimal> {
        let num = Decimal::try_from_i128_with_scale(self.num, 0).ok()?;
        let den = Decimal::try_from_i128_with_scale(self.den.checked_mul(total)?, 0).ok()?;
        num.checked_div(den)
    }

    /// Exactly whether `self / total >= threshold`.
    fn reaches(self, total: i128, threshold: Decimal) -> Option<bool> {
        // num / (den * total) >= t  <=>  num >= t * den * total
        let bound = Decimal::try_from_i128_with_scale(self.den.checked_mul(total)?, 0)
            .ok()?
            .checked_mul(threshold)?;
        let num = Decimal::try_from_i128_with_scale(self.num, 0).ok()?;
        Some(num >= bound)
    }
}

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
                Status::Pass | Status::NotApplicable => {}
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fractions_reach_a_threshold_exactly() {
        // 3 of 5 is exactly 60%.
        let r = Ratio::new(3, 1).unwrap();
        assert_eq!(r.reaches(5, Decimal::new(6, 1)), Some(true));
        // 2/3 of a weight over a total of 1 is below 66.67%.
        let two_thirds = Ratio::new(2, 3).unwrap();
        assert_eq!(two_thirds.reaches(1, Decimal::new(6667, 4)), Some(false));
        assert_eq!(two_thirds.reaches(1, Decimal::new(6666, 4)), Some(true));
    }

    #[test]
    fn fractions_add_and_reduce() {
        let sum = Ratio::new(1, 2)
            .unwrap()
            .add(Ratio::new(1, 3).unwrap())
            .unwrap();
        assert_eq!(sum, Ratio { num: 5, den: 6 });
    }
}
