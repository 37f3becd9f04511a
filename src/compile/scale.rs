//! How a theme's score is counted, settled once for each rule when the
//! framework is compiled.
//!
//! A rule's score is `low / (den × total)`: every criterion's share of its
//! weight is a whole number over one denominator `den`, the least common
//! multiple of the top levels of the rule's graded criteria. Here each
//! member's weight per level is scaled to that denominator, the largest
//! sums the evaluation can reach are added up, and every product the
//! evaluation forms is checked to fit. A rule whose numbers would not fit
//! is refused (E0302), so evaluating a compiled framework is whole-number
//! arithmetic that cannot overflow and needs no fallback.

use rust_decimal::Decimal;

use super::Member;
use crate::check::{Model, ThemeModel};
use crate::diagnostic::{say, Diagnostic};
use crate::ratio::{gcd, Ratio};
use crate::syntax::ast::Span;

/// How one rule's score is counted in whole numbers. Only a rule whose
/// numbers fit gets one, so that (for any decision) `low`, `high` and
/// `den × total` fit in 64 bits and `low × of` and `at_least × den ×
/// total` in 128. (The default stands in for a refused rule's.)
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Scale {
    /// The least common multiple of the top levels of the rule's graded
    /// criteria (1 when none is graded).
    pub den: u64,
    /// The threshold as the fraction `at_least / of` in lowest terms
    /// (`0 / 1` without one).
    pub at_least: u128,
    pub of: u128,
}

/// What makes a rule's numbers too large to count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TooLarge {
    /// The top levels of its graded criteria have no common multiple
    /// within 64 bits.
    Levels,
    /// Its weights over that common multiple add up past 64 bits.
    Weights,
    /// Its threshold, as a fraction, times those sums passes 128 bits.
    Threshold,
}

/// A criterion as a rule counts it, before scaling: its index, its weight,
/// whether it is mandatory and its top level (1 for pass or fail).
pub(crate) type Unscaled = (u32, u64, bool, u64);

/// Scales a rule's members to one denominator and checks that every sum
/// and product its evaluation forms fits.
pub(crate) fn settle(
    members: &[Unscaled],
    threshold: Option<Decimal>,
) -> Result<(Vec<Member>, Scale), TooLarge> {
    let mut den: u64 = 1;
    for &(_, _, _, max) in members {
        den = lcm(den, max.max(1)).ok_or(TooLarge::Levels)?;
    }
    let mut scaled = Vec::with_capacity(members.len());
    // The largest `high` (every member at its full weight), which bounds
    // `low` and `den × total` too.
    let mut most: u64 = 0;
    for &(criterion, weight, mandatory, max) in members {
        let full = weight.checked_mul(den).ok_or(TooLarge::Weights)?;
        most = most.checked_add(full).ok_or(TooLarge::Weights)?;
        scaled.push(Member {
            criterion,
            weight,
            mandatory,
            // `max` divides `den`, and this is at most `full`.
            per_level: weight
                .checked_mul(den.checked_div(max.max(1)).unwrap_or(0))
                .ok_or(TooLarge::Weights)?,
            full,
        });
    }
    let threshold =
        Ratio::from_decimal(threshold.unwrap_or_default()).ok_or(TooLarge::Threshold)?;
    let (num, of) = threshold.parts();
    // A threshold below zero is reached as surely as zero is.
    let at_least = u128::try_from(num).unwrap_or(0);
    let of = u128::try_from(of).map_err(|_| TooLarge::Threshold)?;
    let most = u128::from(most);
    most.checked_mul(of).ok_or(TooLarge::Threshold)?;
    at_least.checked_mul(most).ok_or(TooLarge::Threshold)?;
    Ok((scaled, Scale { den, at_least, of }))
}

fn lcm(a: u64, b: u64) -> Option<u64> {
    let g = u64::try_from(gcd(i128::from(a), i128::from(b))).ok()?;
    a.checked_div(g)?.checked_mul(b)
}

/// E0302: a theme whose rule (its own, or with `layer`, the rule of a
/// framework below it) is too large to count. It points at the theme when
/// the file itself declares it, and otherwise at the file's `extends`,
/// with a note at the theme in its base.
pub(crate) fn too_large(
    model: &Model,
    theme: &ThemeModel,
    layer: Option<&str>,
    cause: TooLarge,
) -> Diagnostic {
    let top = model.sources.len().saturating_sub(1);
    let id = &theme.id;
    let message = match layer {
        None => say!(ScoreTooLarge, id),
        Some(layer) => say!(ScoreTooLargeUnder, id, layer),
    };
    let (label, help) = match cause {
        TooLarge::Levels => (say!(NoCommonMultiple), say!(FewerTopLevels)),
        TooLarge::Weights => (say!(WeightsTooLarge), say!(LowerWeights)),
        TooLarge::Threshold => (say!(ThresholdDecimals), say!(FewerDecimals)),
    };
    let at_theme = theme.source == top;
    let span = if at_theme {
        theme.span
    } else {
        model.extends_span.unwrap_or(Span::new(0, 0))
    };
    let d = Diagnostic::error("E0302", span, message)
        .with_label(label)
        .with_help(help);
    if at_theme {
        d
    } else {
        d.with_notes([crate::check::note(
            &model.sources,
            theme.source,
            theme.span,
            crate::diagnostic::say!(ThemeDeclaredHere, id),
        )])
    }
}
