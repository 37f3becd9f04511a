//! Exact fractions for scores and for arithmetic in conditions, so that a
//! threshold decision never depends on rounding.

use rust_decimal::Decimal;

/// A fraction `num / den` with `den > 0` (non-negative for scores). Not
/// always in lowest terms: sums over one denominator (the common case:
/// whole weights) are kept as they are, so that scoring a theme needs no
/// division.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Ratio {
    num: i128,
    den: i128,
}

/// The greatest common divisor (1 for two zeros).
pub(crate) fn gcd(a: i128, b: i128) -> i128 {
    // Small numbers (every real score) take the 64-bit path: 128-bit
    // division is a library call and many times slower.
    if let (Ok(mut a), Ok(mut b)) = (u64::try_from(a.abs()), u64::try_from(b.abs())) {
        while b != 0 {
            (a, b) = (b, a % b);
        }
        return i128::from(a.max(1));
    }
    let (mut a, mut b) = (a, b);
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
        if den == 1 {
            return Some(Ratio { num, den });
        }
        let g = gcd(num, den);
        Some(Ratio {
            num: num.checked_div(g)?,
            den: den.checked_div(g)?,
        })
    }

    pub(crate) fn add(self, other: Ratio) -> Option<Ratio> {
        if self.den == other.den {
            return Some(Ratio {
                num: self.num.checked_add(other.num)?,
                den: self.den,
            });
        }
        let num = self
            .num
            .checked_mul(other.den)?
            .checked_add(other.num.checked_mul(self.den)?)?;
        Ratio::new(num, self.den.checked_mul(other.den)?)
    }

    /// The numerator and the (positive) denominator.
    pub(crate) fn parts(self) -> (i128, i128) {
        (self.num, self.den)
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
        // In lowest terms first: the same share, however it was summed,
        // prints the same digits.
        let den = self.den.checked_mul(total)?;
        let g = gcd(self.num, den);
        let num = Decimal::try_from_i128_with_scale(self.num.checked_div(g)?, 0).ok()?;
        let den = Decimal::try_from_i128_with_scale(den.checked_div(g)?, 0).ok()?;
        num.checked_div(den)
    }

    /// Exactly whether `self / total >= threshold`.
    pub(crate) fn reaches(self, total: i128, threshold: Decimal) -> Option<bool> {
        // num / (den * total) >= m / 10^s  <=>  num * 10^s >= m * den * total,
        // in whole numbers while they fit, in decimals otherwise.
        let whole = || -> Option<bool> {
            let lhs = self
                .num
                .checked_mul(10i128.checked_pow(threshold.scale())?)?;
            let rhs = threshold
                .mantissa()
                .checked_mul(self.den)?
                .checked_mul(total)?;
            Some(lhs >= rhs)
        };
        if let Some(reached) = whole() {
            return Some(reached);
        }
        let bound = Decimal::try_from_i128_with_scale(self.den.checked_mul(total)?, 0)
            .ok()?
            .checked_mul(threshold)?;
        let num = Decimal::try_from_i128_with_scale(self.num, 0).ok()?;
        Some(num >= bound)
    }
}

/// Arithmetic on exact fractions, for conditions: every result in lowest
/// terms, `None` on overflow or division by zero.
impl Ratio {
    /// A decimal as the fraction it is: `0.25` is `1/4`.
    pub(crate) fn from_decimal(d: Decimal) -> Option<Ratio> {
        Ratio::new(d.mantissa(), 10i128.checked_pow(d.scale())?)
    }

    /// The same fraction in lowest terms.
    fn reduced(self) -> Option<Ratio> {
        let g = gcd(self.num, self.den);
        Some(Ratio {
            num: self.num.checked_div(g)?,
            den: self.den.checked_div(g)?,
        })
    }

    pub(crate) fn sum(self, other: Ratio) -> Option<Ratio> {
        self.add(other)?.reduced()
    }

    pub(crate) fn difference(self, other: Ratio) -> Option<Ratio> {
        self.sum(other.negated()?)
    }

    pub(crate) fn negated(self) -> Option<Ratio> {
        Some(Ratio {
            num: self.num.checked_neg()?,
            den: self.den,
        })
    }

    pub(crate) fn product(self, other: Ratio) -> Option<Ratio> {
        // Cancel across first: the parts stay as small as they can.
        let g1 = gcd(self.num, other.den);
        let g2 = gcd(other.num, self.den);
        let num = (self.num.checked_div(g1)?).checked_mul(other.num.checked_div(g2)?)?;
        let den = (self.den.checked_div(g2)?).checked_mul(other.den.checked_div(g1)?)?;
        Ratio::new(num, den)?.reduced()
    }

    pub(crate) fn quotient(self, other: Ratio) -> Option<Ratio> {
        if other.num == 0 {
            return None;
        }
        let inverse = if other.num < 0 {
            Ratio {
                num: other.den.checked_neg()?,
                den: other.num.checked_neg()?,
            }
        } else {
            Ratio {
                num: other.den,
                den: other.num,
            }
        };
        self.product(inverse)
    }

    /// The fraction as a decimal when it is one exactly (its denominator
    /// divides a power of ten within 28 digits and the digits fit).
    pub(crate) fn exact_decimal(self) -> Option<Decimal> {
        let r = self.reduced()?;
        let (mut rest, mut twos, mut fives) = (r.den, 0u32, 0u32);
        while rest % 2 == 0 {
            rest /= 2;
            twos += 1;
        }
        while rest % 5 == 0 {
            rest /= 5;
            fives += 1;
        }
        let scale = twos.max(fives);
        if rest != 1 || scale > 28 {
            return None;
        }
        let factor = 10i128.checked_pow(scale)?.checked_div(r.den)?;
        Decimal::try_from_i128_with_scale(r.num.checked_mul(factor)?, scale).ok()
    }

    /// The nearest decimal (rounded in the 28th digit): for display only,
    /// never for a decision.
    pub(crate) fn approximate(self) -> Option<Decimal> {
        let num = Decimal::try_from_i128_with_scale(self.num, 0).ok()?;
        let den = Decimal::try_from_i128_with_scale(self.den, 0).ok()?;
        num.checked_div(den)
    }

    /// Orders two fractions exactly, whatever their size: by whole parts,
    /// then by the reciprocals of what remains (a continued fraction), so
    /// nothing is multiplied and nothing overflows.
    pub(crate) fn order(self, other: Ratio) -> std::cmp::Ordering {
        use std::cmp::Ordering;
        let (mut a, mut b, mut c, mut d) = (self.num, self.den, other.num, other.den);
        // Each step swaps the sides, which reverses the order.
        let mut flipped = false;
        loop {
            let (qa, ra) = (a.div_euclid(b), a.rem_euclid(b));
            let (qc, rc) = (c.div_euclid(d), c.rem_euclid(d));
            let found = match (qa.cmp(&qc), ra == 0, rc == 0) {
                (Ordering::Equal, true, true) => Some(Ordering::Equal),
                (Ordering::Equal, true, false) => Some(Ordering::Less),
                (Ordering::Equal, false, true) => Some(Ordering::Greater),
                (Ordering::Equal, false, false) => None,
                (unequal, _, _) => Some(unequal),
            };
            if let Some(order) = found {
                return if flipped { order.reverse() } else { order };
            }
            // ra/b against rc/d is d/rc against b/ra.
            (a, b, c, d) = (b, ra, d, rc);
            flipped = !flipped;
        }
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

    /// The whole-number threshold test agrees with the decimal one.
    #[test]
    fn whole_numbers_and_decimals_agree_on_thresholds() {
        for num in 0..40i128 {
            for den in 1..7i128 {
                for total in 1..9i128 {
                    for t in [0i64, 1, 3333, 5000, 6667, 7000, 8333, 10000] {
                        let threshold = Decimal::new(t, 4);
                        let r = Ratio { num, den };
                        let decimal = Decimal::from(num) >= Decimal::from(den * total) * threshold;
                        assert_eq!(
                            r.reaches(total, threshold),
                            Some(decimal),
                            "{r:?} {total} {t}"
                        );
                    }
                }
            }
        }
    }

    /// A sum over one denominator is not reduced, yet shows the same share.
    #[test]
    fn unreduced_sums_show_the_same_share() {
        let half = Ratio::new(1, 2).unwrap();
        let one = half.add(half).unwrap();
        assert_eq!(one, Ratio { num: 2, den: 2 });
        assert_eq!(one.share(3), Ratio::new(1, 1).unwrap().share(3));
        assert_eq!(
            one.compare(Ratio::new(1, 1).unwrap()),
            Some(std::cmp::Ordering::Equal)
        );
    }

    /// Thirds add up to a whole number exactly, and the order of fractions
    /// holds where multiplying them out would overflow.
    #[test]
    fn arithmetic_on_fractions_is_exact() {
        let seven = Ratio::from_decimal(Decimal::from(7)).unwrap();
        let three = Ratio::from_decimal(Decimal::from(3)).unwrap();
        let third = seven.quotient(three).unwrap();
        assert_eq!(third.exact_decimal(), None);
        let sum = third.sum(third).unwrap().sum(third).unwrap();
        assert_eq!(sum.exact_decimal(), Some(Decimal::from(7)));
        assert_eq!(
            Ratio::from_decimal(Decimal::new(25, 2)).unwrap(),
            Ratio { num: 1, den: 4 }
        );
        assert_eq!(
            Ratio { num: 1, den: 4 }.exact_decimal(),
            Some(Decimal::new(25, 2))
        );
        use std::cmp::Ordering;
        let big = Ratio {
            num: i128::MAX - 1,
            den: i128::MAX,
        };
        let bigger = Ratio {
            num: i128::MAX - 2,
            den: i128::MAX - 1,
        };
        assert_eq!(big.order(bigger), Ordering::Greater);
        assert_eq!(bigger.order(big), Ordering::Less);
        assert_eq!(big.order(big), Ordering::Equal);
        let minus_half = Ratio { num: -1, den: 2 };
        assert_eq!(minus_half.order(Ratio::ZERO), Ordering::Less);
        assert_eq!(minus_half.order(Ratio { num: -2, den: 4 }), Ordering::Equal);
        for (a, b) in [(1, 3), (-7, 3), (5, 1), (0, 1), (-1, 1)] {
            for (c, d) in [(1, 3), (2, 6), (-7, 3), (4, 1), (0, 5)] {
                let x = Ratio { num: a, den: b };
                let y = Ratio { num: c, den: d };
                assert_eq!(x.order(y), (a * d).cmp(&(c * b)), "{a}/{b} {c}/{d}");
            }
        }
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
