//! Numbers around points: the arithmetic the regions of one piece of
//! evidence (`regions.rs`) and of two joined by lines (`lines.rs`) share.

use std::cmp::Ordering;
use std::collections::HashSet;

use rust_decimal::Decimal;

/// A decimal that is a whole number, as one.
pub(super) fn whole(n: Decimal) -> Option<i128> {
    let n = n.normalize();
    (n.scale() == 0).then(|| n.mantissa())
}

pub(super) fn decimal(n: i128) -> Option<Decimal> {
    Decimal::try_from_i128_with_scale(n, 0).ok()
}

/// `⌊n / d⌋`, `None` for `d` 0 or on overflow.
pub(super) fn floor_div(n: i128, d: i128) -> Option<i128> {
    if d < 0 {
        n.checked_neg()?.checked_div_euclid(d.checked_neg()?)
    } else {
        n.checked_div_euclid(d)
    }
}

/// `⌈n / d⌉`.
pub(super) fn ceil_div(n: i128, d: i128) -> Option<i128> {
    floor_div(n.checked_neg()?, d)?.checked_neg()
}

/// The points, ordered, each once.
pub(super) fn sorted<T: Ord + Clone>(points: &[T]) -> Vec<T> {
    let mut points = points.to_vec();
    points.sort();
    points.dedup();
    points
}

/// Where a value lies among the points.
pub(super) fn signature<T: Ord>(v: &T, points: &[T]) -> Vec<Ordering> {
    points.iter().map(|p| v.cmp(p)).collect()
}

/// The first candidate of each region (candidates ordered).
pub(super) fn one_per_region<T: Ord + Clone>(mut candidates: Vec<T>, points: &[T]) -> Vec<T> {
    candidates.sort();
    candidates.dedup();
    let mut seen = HashSet::new();
    candidates
        .into_iter()
        .filter(|c| seen.insert(signature(c, points)))
        .collect()
}

/// Whole numbers: below the first point, at each whole point, between
/// points, above the last. `None` at the end of the number range.
pub(super) fn integers(points: &[Decimal]) -> Option<Vec<Decimal>> {
    let points = sorted(points);
    if points.is_empty() {
        return Some(vec![Decimal::ZERO]);
    }
    let mut candidates = Vec::with_capacity(points.len() * 4);
    for p in &points {
        let (floor, ceil) = (p.floor(), p.ceil());
        candidates.push(floor.checked_sub(Decimal::ONE)?.normalize());
        candidates.push(floor.normalize());
        candidates.push(ceil.normalize());
        candidates.push(ceil.checked_add(Decimal::ONE)?.normalize());
    }
    Some(one_per_region(candidates, &points))
}
