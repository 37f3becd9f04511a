//! Exact fractions for scores, so that a threshold decision never depends
//! on rounding.

use rust_decimal::Decimal;

/// A non-negative fraction `num / den`, kept reduced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Ratio {
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
    pub(crate) const ZERO: Ratio = Ratio { num: 0, den: 1 };

    pub(crate) fn new(num: i128, den: i128) -> Option<Ratio> {
        if den <= 0 {
            return None;
        }
        let g = gcd(num, den);
        Some(Ratio {
            num: num / g,
            den: den / g,
        })
    }

    pub(crate) fn add(self, other: Ratio) -> Option<Ratio> {
        let num = self
            .num
            .checked_mul(other.den)?
            .checked_add(other.num.checked_mul(self.den)?)?;
        Ratio::new(num, self.den.checked_mul(other.den)?)
    }

    /// `num / den` for a whole `num` and a positive `den`.
    pub(crate) fn of(num: u64, den: u64) -> Option<Ratio> {
        Ratio::new(i128::from(num), i128::from(den))
    }

    /// Orders two fractions exactly; `None` only on overflow.
    pub(crate) fn compare(self, other: Ratio) -> Option<std::cmp::Ordering> {
        Some(
            self.num
                .checked_mul(other.den)?
                .cmp(&other.num.checked_mul(self.den)?),
        )
    }

    /// `self / total` as a decimal share (rounded in the 28th digit; for
    /// display only).
    pub(crate) fn share(self, total: i128) -> Option<Decimal> {
        let num = Decimal::try_from_i128_with_scale(self.num, 0).ok()?;
        let den = Decimal::try_from_i128_with_scale(self.den.checked_mul(total)?, 0).ok()?;
        num.checked_div(den)
    }

    /// Exactly whether `self / total >= threshold`.
    pub(crate) fn reaches(self, total: i128, threshold: Decimal) -> Option<bool> {
        // num / (den * total) >= t  <=>  num >= t * den * total
        let bound = Decimal::try_from_i128_with_scale(self.den.checked_mul(total)?, 0)
            .ok()?
            .checked_mul(threshold)?;
        let num = Decimal::try_from_i128_with_scale(self.num, 0).ok()?;
        Some(num >= bound)
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
