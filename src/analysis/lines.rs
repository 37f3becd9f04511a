//! Lines between two pieces of numeric evidence: `a·x + b ⋈ c·y + d`
//! (`bhv.trained * 50 >= people.max_present`), with whole multiples and
//! constants and `⋈` any comparison. Against a line, one value per region
//! of `x` and one per region of `y` (`regions.rs`) no longer do: the
//! answer depends on where in its region `x` lies. Two pieces of evidence
//! that lines join (and no other piece) get their representatives
//! together ([`pair`] for whole numbers, [`pair_decimals`] for numbers and
//! percentages): for each value of `x`, what the lines say of `y` is where
//! `y` lies among the points the lines put on it there; finitely many
//! values of `x` see every arrangement of those points, and for each of
//! them one value of `y` per region stands for every `y`. The proofs are
//! at those functions. Evidence joined to more than one other by lines, a
//! whole number on a line with a decimal, decimals named twice on one
//! side, decimal constants and division stay outside (`regions.rs` names
//! them).

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, HashSet};

use rust_decimal::Decimal;

use super::points::{ceil_div, decimal, floor_div, integers, whole};
use crate::ratio::{gcd, Ratio};
use crate::value::Type;

/// The largest coefficient or constant (in magnitude) of a line, or of any
/// part of one, that the analysis decides. Evidence is below 2^96 (a
/// decimal's range), so every value the evaluator computes on the way
/// stays below 2^118 and its sums and products of decimals, or else of
/// 128-bit fractions, are exact: it computes what the line says for every
/// school. For whole numbers, every value is whole (at most two such
/// multiples and a constant). For numbers with decimals, a fraction's
/// denominator may be 10^28, so each side names its evidence once: each
/// value on the way is then a multiple of that one piece of evidence plus
/// a whole constant, over the evidence's own denominator, and the two
/// sides are compared without multiplying out.
pub(super) const MAX_COEFFICIENT: u128 = 1_000_000;
/// The longest period after which the whole numbers around the points of
/// a pair's lines repeat their pattern, that the analysis follows.
const MAX_PERIOD: i128 = 1_000;
/// The most values of the first piece of a pair tried (each compares
/// every two points on the second).
const MAX_CANDIDATES: usize = 20_000;
/// The most representatives of either piece of a pair.
const MAX_JOINED: usize = 10_000;

/// A sum of whole multiples of at most two pieces of numeric evidence and
/// a whole constant, every part within [`MAX_COEFFICIENT`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Affine {
    /// Each piece of evidence (its id in the analysis's space) and its
    /// multiple, ordered by id, none zero.
    pub(super) terms: Vec<(u32, i128)>,
    pub(super) constant: i128,
    /// How often it names evidence.
    pub(super) uses: u32,
    /// Whether some of that evidence is a number or a percentage.
    pub(super) decimal: bool,
}

impl Affine {
    pub(super) fn constant(constant: i128) -> Option<Affine> {
        Affine {
            terms: Vec::new(),
            constant,
            uses: 0,
            decimal: false,
        }
        .bounded()
    }

    pub(super) fn evidence(u: u32, decimal: bool) -> Affine {
        Affine {
            terms: vec![(u, 1)],
            constant: 0,
            uses: 1,
            decimal,
        }
    }

    pub(super) fn plus(&self, other: &Affine) -> Option<Affine> {
        let mut terms = self.terms.clone();
        for (u, k) in &other.terms {
            match terms.iter_mut().find(|(v, _)| v == u) {
                Some((_, c)) => *c = c.checked_add(*k)?,
                None => terms.push((*u, *k)),
            }
        }
        Affine {
            terms,
            constant: self.constant.checked_add(other.constant)?,
            uses: self.uses.checked_add(other.uses)?,
            decimal: self.decimal || other.decimal,
        }
        .bounded()
    }

    pub(super) fn times(&self, k: i128) -> Option<Affine> {
        let terms = self
            .terms
            .iter()
            .map(|(u, c)| Some((*u, c.checked_mul(k)?)))
            .collect::<Option<Vec<_>>>()?;
        Affine {
            terms,
            constant: self.constant.checked_mul(k)?,
            ..*self
        }
        .bounded()
    }

    pub(super) fn bounded(mut self) -> Option<Affine> {
        self.terms.retain(|(_, c)| *c != 0);
        self.terms.sort_unstable();
        let within = |c: i128| c.unsigned_abs() <= MAX_COEFFICIENT;
        let fits = self.terms.len() <= 2
            && self.terms.iter().all(|(_, c)| within(*c))
            && within(self.constant);
        fits.then_some(self)
    }
}

/// A line `a·x + b·y + e ⋈ 0` between two pieces of numeric evidence `x`
/// and `y` (ids in the analysis's space, `x < y`), `a` and `b` not 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Line {
    pub(super) x: u32,
    pub(super) y: u32,
    pub(super) a: i128,
    pub(super) b: i128,
    pub(super) e: i128,
}

/// The representatives of two pieces of evidence that lines join: of the
/// first, and of the second.
pub(crate) type Joined = [Vec<Decimal>; 2];

/// What a pair's representatives are found from: its lines, the points
/// each piece meets on its own, and whether they are whole numbers
/// (`None`) or decimals (which are percentages).
type PairKey = (Vec<Line>, Vec<Decimal>, Vec<Decimal>, Option<[bool; 2]>);

/// The pairs already worked out while one location's marks are found: the
/// space is built again for each theme asked the other way, meeting the
/// same lines with the same points each time, and a pair costs far more
/// than looking it up.
#[derive(Default)]
pub(crate) struct PairMemo(std::cell::RefCell<Vec<(PairKey, Option<Joined>)>>);

impl PairMemo {
    /// The pair for `key`, worked out by `work` the first time only.
    fn get_or(&self, key: PairKey, work: impl FnOnce() -> Option<Joined>) -> Option<Joined> {
        if let Some((_, found)) = self.0.borrow().iter().find(|(k, _)| *k == key) {
            return found.clone();
        }
        let found = work();
        self.0.borrow_mut().push((key, found.clone()));
        found
    }
}

/// The whole numbers next to each point: below and above it (the point
/// itself when it is whole). For a whole number, where it lies among
/// these says where it lies among the points.
pub(super) fn around(points: &[Decimal]) -> Option<Vec<i128>> {
    let mut out = Vec::with_capacity(points.len() * 2);
    for p in points {
        out.push(whole(p.floor())?);
        out.push(whole(p.ceil())?);
    }
    out.sort_unstable();
    out.dedup();
    Some(out)
}

/// Each pair of pieces of evidence that lines join, with their
/// representatives together (see [`pair`] and [`pair_decimals`]; `types`
/// by id), or `None` where the analysis does not decide the lines
/// exactly: when either is joined to another piece of evidence as well,
/// a whole number to a decimal one, or the values would be too many.
pub(crate) fn pairs(
    met: &[(&[Line], &[Decimal])],
    types: &[&Type],
    wanted: impl Fn(u32, u32) -> bool,
    memo: Option<&PairMemo>,
) -> Vec<((u32, u32), Option<Joined>)> {
    let mut partners: BTreeMap<u32, BTreeSet<u32>> = BTreeMap::new();
    for line in met.iter().flat_map(|(lines, _)| lines.iter()) {
        partners.entry(line.x).or_default().insert(line.y);
        partners.entry(line.y).or_default().insert(line.x);
    }
    let alone = |u: u32| partners.get(&u).is_some_and(|p| p.len() == 1);
    let mut out = Vec::new();
    for (x, ys) in &partners {
        for y in ys.iter().filter(|y| *y > x) {
            let (Some((x_lines, x_points)), Some((_, y_points))) =
                (met.get(*x as usize), met.get(*y as usize))
            else {
                continue;
            };
            if !wanted(*x, *y) {
                out.push(((*x, *y), None));
                continue;
            }
            let lines: Vec<Line> = x_lines.iter().filter(|l| l.y == *y).copied().collect();
            let share = |u: u32| match types.get(u as usize).copied() {
                Some(Type::Int) => Some(None),
                Some(Type::Number) => Some(Some(false)),
                Some(Type::Percent) => Some(Some(true)),
                _ => None,
            };
            let kind = match (alone(*x) && alone(*y), share(*x), share(*y)) {
                (true, Some(None), Some(None)) => Some(None),
                (true, Some(Some(sx)), Some(Some(sy))) => Some(Some([sx, sy])),
                _ => None,
            };
            let reps = kind.and_then(|kind| {
                let work = || match kind {
                    None => pair(&lines, x_points, y_points),
                    Some(shares) => pair_decimals(&lines, [x_points, y_points], shares),
                };
                match memo {
                    Some(memo) => memo.get_or(
                        (lines.clone(), x_points.to_vec(), y_points.to_vec(), kind),
                        work,
                    ),
                    None => work(),
                }
            });
            out.push(((*x, *y), reps));
        }
    }
    out
}

/// The representatives of two pieces of whole-number evidence `x` and `y`
/// that these lines join (and nothing else does), given the points each
/// meets on its own: values of `x`, and values of `y`, such that every
/// pair of whole numbers answers every condition as some pair of them
/// does. `None` where they would be too many.
///
/// Why they stand for every pair. For one value of `x`, line `a·x + b·y +
/// e ⋈ 0` compares `y` with the point `t = -(a·x + e) / b`, and a whole
/// `y` is below `t` exactly when it is below `⌈t⌉`, equal to it exactly
/// when `⌊t⌋ = ⌈t⌉ = y`, above it exactly when above `⌊t⌋`. So what
/// every line and every condition on `y` alone say of a whole `y` depends
/// only on where `y` lies among the whole numbers `V(x)`: `⌊t⌋` and `⌈t⌉`
/// of each line and the whole numbers next to each of `y`'s own points.
/// Which of those places a whole `y` can take, and what each says, is
/// fixed by the order of `V(x)` and by which neighbours in it are at
/// least 2 apart (room for a `y` between them): by each difference of two
/// of them, cut to -2..2. Call that, with where `x` lies among its own
/// points, the *pattern* of `x`: two values of `x` with the same pattern
/// answer the same sets of conditions, over all `y`.
///
/// With `t = (p·x + q) / r` (`r > 0`), `x = L·m + ρ` for the period `L`
/// (a multiple of every `r / gcd(p, r)`) and a remainder `0 ≤ ρ < L`
/// makes `⌊t⌋ = (p·L / r)·m + ⌊(p·ρ + q) / r⌋`, a whole line in `m`, and
/// the same for `⌈t⌉`. So for each remainder, every difference in the
/// pattern, less each of -2..2, and `x` less each of its points, is a
/// line in `m`, and the pattern only changes where one of them crosses
/// 0. The whole numbers next to each crossing, one beyond them, and 0
/// meet every stretch between crossings, as [`integers`] meets every
/// region. One `x` of each pattern among them, and for each such `x` one
/// `y` in each place among `V(x)` ([`integers`] again), stand for every
/// pair: for any `(x, y)`, an `x'` chosen has the pattern of `x`, so some
/// place of `y` among `V(x')` says what `y` says among `V(x)`, and a `y'`
/// chosen lies there. *Missing* is a value of its own for each, as
/// everywhere.
fn pair(lines: &[Line], x_points: &[Decimal], y_points: &[Decimal]) -> Option<Joined> {
    // y's point on each line as `(p·x + q) / r`, `r > 0`.
    let mut cuts = Vec::with_capacity(lines.len());
    for l in lines {
        let (p, q) = (l.a.checked_neg()?, l.e.checked_neg()?);
        cuts.push(if l.b > 0 {
            (p, q, l.b)
        } else {
            (l.a, l.e, l.b.checked_neg()?)
        });
    }
    let (xs, ys) = (around(x_points)?, around(y_points)?);
    let mut period: i128 = 1;
    for (p, _, r) in &cuts {
        let step = r.checked_div(gcd(*p, *r))?;
        period = period.checked_mul(step.checked_div(gcd(period, step))?)?;
        if period > MAX_PERIOD {
            return None;
        }
    }
    // `V(x)`.
    let values = |x: i128| -> Option<Vec<i128>> {
        let mut out = Vec::with_capacity(cuts.len() * 2 + ys.len());
        for (p, q, r) in &cuts {
            let n = p.checked_mul(x)?.checked_add(*q)?;
            out.push(floor_div(n, *r)?);
            out.push(ceil_div(n, *r)?);
        }
        out.extend_from_slice(&ys);
        Some(out)
    };
    let pattern = |x: i128| -> Option<(Vec<Ordering>, Vec<i128>)> {
        let v = values(x)?;
        let mut cut = Vec::with_capacity(v.len() * v.len() / 2);
        for (i, a) in v.iter().enumerate() {
            for b in v.iter().skip(i + 1) {
                cut.push(b.checked_sub(*a)?.clamp(-2, 2));
            }
        }
        Some((xs.iter().map(|q| x.cmp(q)).collect(), cut))
    };
    let mut candidates: BTreeSet<i128> = BTreeSet::new();
    for rho in 0..period {
        // Each value of `V(L·m + ρ)` as `slope·m + start`.
        let mut lines_m: Vec<(i128, i128)> = Vec::with_capacity(cuts.len() * 2 + ys.len());
        for (p, q, r) in &cuts {
            let slope = p.checked_mul(period)?.checked_div(*r)?;
            let n = p.checked_mul(rho)?.checked_add(*q)?;
            lines_m.push((slope, floor_div(n, *r)?));
            lines_m.push((slope, ceil_div(n, *r)?));
        }
        lines_m.extend(ys.iter().map(|k| (0, *k)));
        // Where each line in `m` crosses 0, as a fraction.
        let mut crossings: Vec<(i128, i128)> = Vec::new();
        for (i, (s1, c1)) in lines_m.iter().enumerate() {
            for (s2, c2) in lines_m.iter().skip(i + 1) {
                let slope = s2.checked_sub(*s1)?;
                if slope == 0 {
                    continue;
                }
                let start = c2.checked_sub(*c1)?;
                for k in -2..=2 {
                    crossings.push((k - start, slope));
                }
            }
        }
        for q in &xs {
            crossings.push((q.checked_sub(rho)?, period));
        }
        let mut ms = vec![0];
        for (n, d) in crossings {
            let (f, c) = (floor_div(n, d)?, ceil_div(n, d)?);
            ms.extend([f.checked_sub(1)?, f, c, c.checked_add(1)?]);
        }
        for m in ms {
            candidates.insert(period.checked_mul(m)?.checked_add(rho)?);
        }
        if candidates.len() > MAX_CANDIDATES {
            return None;
        }
    }
    // Small values first: one of each pattern, the smallest.
    let mut ordered: Vec<i128> = candidates.into_iter().collect();
    ordered.sort_by_key(|x| (x.unsigned_abs(), *x));
    let mut seen = HashSet::new();
    let (mut chosen_x, mut chosen_y) = (Vec::new(), BTreeSet::new());
    for x in ordered {
        if !seen.insert(pattern(x)?) {
            continue;
        }
        chosen_x.push(decimal(x)?);
        let v: Vec<Decimal> = values(x)?.into_iter().map(decimal).collect::<Option<_>>()?;
        chosen_y.extend(integers(&v)?);
        if chosen_x.len() > MAX_JOINED || chosen_y.len() > MAX_JOINED {
            return None;
        }
    }
    chosen_x.sort();
    Some([chosen_x, chosen_y.into_iter().collect()])
}

/// The representatives of two pieces of evidence with decimals (numbers or
/// percentages; `shares` says which are percentages, from 0 to 1) that
/// these lines join and nothing else does: as [`pair`], without the whole
/// numbers. For one value of `x`, line `i` puts the point `t = (p·x + q) /
/// r` on `y`; every line and every condition on `y` alone say of `y` only
/// where it lies among these points, `y`'s own, and 0 and 1 for a
/// percentage. Which places among them a decimal `y` can take depends
/// only on their order, that is on the sign of each difference of two of
/// them, a line in `x`: so on where `x` lies among the points where those
/// lines cross 0 and `x`'s own points. One `x` in each region among
/// those, and for each one `y` in each region among its points, stand for
/// every pair. A point is a place of its own only when a decimal can be
/// it, and every `t` is one for a decimal `x` when `r` has no prime
/// factor but 2 and 5: otherwise (`3·y = x`), `None`, and the lines stay
/// undecided; also when a region is too narrow for the decimal found.
fn pair_decimals(lines: &[Line], points: [&[Decimal]; 2], shares: [bool; 2]) -> Option<Joined> {
    let ratio = |n: i128| Ratio::new(n, 1);
    let own = |points: &[Decimal], share: bool| -> Option<Vec<Ratio>> {
        let mut out: Vec<Ratio> = points
            .iter()
            .map(|p| Ratio::from_decimal(*p))
            .collect::<Option<_>>()?;
        if share {
            out.extend([Ratio::ZERO, ratio(1)?]);
        }
        Some(out)
    };
    let [xs, ys] = [own(points[0], shares[0])?, own(points[1], shares[1])?];
    // Each point on `y` as `slope·x + start`.
    let mut on_y: Vec<(Ratio, Ratio)> = ys.iter().map(|k| (Ratio::ZERO, *k)).collect();
    for l in lines {
        let r = ratio(l.b.checked_neg()?)?;
        let (slope, start) = (ratio(l.a)?.quotient(r)?, ratio(l.e)?.quotient(r)?);
        let (_, den) = slope.parts();
        let (_, den2) = start.parts();
        if !tens(den) || !tens(den2) {
            return None;
        }
        on_y.push((slope, start));
    }
    let mut crossings = xs;
    for (i, (s1, c1)) in on_y.iter().enumerate() {
        for (s2, c2) in on_y.iter().skip(i + 1) {
            let slope = s1.difference(*s2)?;
            if slope != Ratio::ZERO {
                crossings.push(c2.difference(*c1)?.quotient(slope)?);
            }
        }
    }
    let chosen_x = reals(crossings, shares[0])?;
    let mut chosen_y = BTreeSet::new();
    for x in &chosen_x {
        let x = Ratio::from_decimal(*x)?;
        let at: Vec<Ratio> = on_y
            .iter()
            .map(|(s, c)| s.product(x)?.sum(*c))
            .collect::<Option<_>>()?;
        chosen_y.extend(reals(at, shares[1])?);
        if chosen_x.len() > MAX_JOINED || chosen_y.len() > MAX_JOINED {
            return None;
        }
    }
    Some([chosen_x, chosen_y.into_iter().collect()])
}

/// Whether a denominator has no prime factor but 2 and 5: a fraction over
/// it is a decimal.
fn tens(mut den: i128) -> bool {
    for f in [2, 5] {
        while den != 0 && den % f == 0 {
            den /= f;
        }
    }
    den == 1
}

/// One decimal in each region among fractions: each that has no prime
/// factor but 2 and 5 in its denominator (one that has cannot be
/// evidence), a short one strictly between each two, one below and one
/// above, or for a percentage (`share`) only what lies from 0 to 1 (the
/// fractions then include 0 and 1). `None` where a decimal that should be
/// there is not found within 28 digits.
fn reals(mut points: Vec<Ratio>, share: bool) -> Option<Vec<Decimal>> {
    points.sort_by(|a, b| a.order(*b));
    points.dedup_by(|a, b| a.order(*b) == Ordering::Equal);
    let one = Ratio::new(1, 1)?;
    if share {
        points.retain(|p| p.order(Ratio::ZERO).is_ge() && p.order(one).is_le());
    }
    let mut out = Vec::with_capacity(points.len() * 2 + 2);
    match (points.first(), points.last(), share) {
        (Some(low), Some(high), false) => {
            let (n, d) = low.parts();
            out.push(decimal(floor_div(n, d)?.checked_sub(1)?)?);
            let (n, d) = high.parts();
            out.push(decimal(ceil_div(n, d)?.checked_add(1)?)?);
        }
        (None, _, _) | (_, None, _) => out.push(Decimal::ZERO),
        _ => {}
    }
    for p in &points {
        if tens(p.parts().1) {
            out.push(p.exact_decimal()?);
        }
    }
    for w in points.windows(2) {
        let [a, b] = w else { continue };
        out.push(between(*a, *b)?);
    }
    let mut out: Vec<Decimal> = out.into_iter().map(|d| d.normalize()).collect();
    out.sort();
    out.dedup();
    Some(out)
}

/// The shortest decimal strictly between `a < b`, within 28 digits.
fn between(a: Ratio, b: Ratio) -> Option<Decimal> {
    let mut scale = 1i128;
    for digits in 0..=28u32 {
        let (n, d) = a.product(Ratio::new(scale, 1)?)?.parts();
        let next = floor_div(n, d)?.checked_add(1)?;
        let candidate = Ratio::new(next, scale)?;
        if candidate.order(b).is_lt() {
            return Decimal::try_from_i128_with_scale(next, digits).ok();
        }
        scale = scale.checked_mul(10)?;
    }
    None
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    /// Numbers as written.
    fn numbers(texts: &[&str]) -> Vec<Decimal> {
        texts.iter().map(|t| t.parse().unwrap()).collect()
    }

    /// What lines and points say of `(x, y)`: the sign of each line,
    /// where `x` and `y` lie among their points.
    fn answers(lines: &[Line], xs: &[Decimal], ys: &[Decimal], x: i128, y: i128) -> Vec<Ordering> {
        let mut out: Vec<Ordering> = lines
            .iter()
            .map(|l| (l.a * x + l.b * y + l.e).cmp(&0))
            .collect();
        out.extend(xs.iter().map(|p| Decimal::from(x).cmp(p)));
        out.extend(ys.iter().map(|p| Decimal::from(y).cmp(p)));
        out
    }

    fn line(a: i128, b: i128, e: i128) -> Line {
        Line {
            x: 0,
            y: 1,
            a,
            b,
            e,
        }
    }

    /// Every combination of answers that a wide square of whole numbers
    /// gives, the representatives give, for lines with steep and shallow
    /// slopes, fractions (`3y = 2x + 1` holds for odd `x` only) and lines
    /// parallel to each other.
    #[test]
    fn pairs_of_representatives_give_every_answer_a_wide_square_gives() {
        let cases: Vec<(Vec<Line>, Vec<&str>, Vec<&str>)> = vec![
            // C1, before and after: 50x >= y, 40x >= y; x >= 2, x >= 3.
            (
                vec![line(50, -1, 0), line(40, -1, 0)],
                vec!["2", "3"],
                vec![],
            ),
            (vec![line(2, -3, 1), line(1, -1, 0)], vec![], vec!["4"]),
            (
                vec![line(2, -3, 1), line(-2, 3, -1)],
                vec!["1.5"],
                vec!["-2", "7"],
            ),
            (
                vec![line(5, 7, -3), line(1, 2, 0), line(3, -4, 2)],
                vec!["0"],
                vec!["1"],
            ),
            (vec![line(1, -1, 0), line(1, -1, 3)], vec![], vec![]),
            (vec![line(4, -6, 1)], vec!["10"], vec!["10"]),
        ];
        for (lines, xs, ys) in cases {
            let (xs, ys) = (numbers(&xs), numbers(&ys));
            let [rx, ry] = pair(&lines, &xs, &ys).unwrap();
            let whole = |d: &Decimal| i128::try_from(*d).unwrap();
            let mut reached = HashSet::new();
            for x in &rx {
                for y in &ry {
                    reached.insert(answers(&lines, &xs, &ys, whole(x), whole(y)));
                }
            }
            for x in -80..=80 {
                for y in -300..=300 {
                    let a = answers(&lines, &xs, &ys, x, y);
                    assert!(reached.contains(&a), "{lines:?}: ({x}, {y}) gives {a:?}");
                }
            }
            assert!(rx.len() < 40 && ry.len() < 400, "{} {}", rx.len(), ry.len());
        }
    }

    /// The same for decimals: every combination of answers that a fine
    /// grid of numbers (or of percentages) gives, the representatives
    /// give; a line that puts points no decimal can be on `y` (`3y = x`)
    /// has none.
    #[test]
    fn pairs_of_decimals_give_every_answer_a_fine_grid_gives() {
        let ratio = |d: &Decimal| Ratio::from_decimal(*d).unwrap();
        let answers = |lines: &[Line], xs: &[Decimal], ys: &[Decimal], x: Ratio, y: Ratio| {
            let r = |n: i128| Ratio::new(n, 1).unwrap();
            let mut out: Vec<Ordering> = lines
                .iter()
                .map(|l| {
                    let v = r(l.a)
                        .product(x)
                        .unwrap()
                        .sum(r(l.b).product(y).unwrap())
                        .unwrap();
                    v.sum(r(l.e)).unwrap().order(Ratio::ZERO)
                })
                .collect();
            out.extend(xs.iter().map(|p| x.order(ratio(p))));
            out.extend(ys.iter().map(|p| y.order(ratio(p))));
            out
        };
        let no: &[&str] = &[];
        let cases = [
            (
                vec![line(1, -1, 0), line(2, -1, 0)],
                &["0.5"][..],
                &["0.8"][..],
                true,
            ),
            (
                vec![line(2, -4, 1), line(1, 1, -1)],
                no,
                &["0.25"][..],
                true,
            ),
            (
                vec![line(3, -2, 1), line(1, -5, 0)],
                &["2"][..],
                &["-1"][..],
                false,
            ),
        ];
        for (lines, xs, ys, share) in cases {
            let (xs, ys) = (numbers(xs), numbers(ys));
            let [rx, ry] = pair_decimals(&lines, [&xs, &ys], [share, share]).unwrap();
            let mut reached = HashSet::new();
            for x in &rx {
                for y in &ry {
                    reached.insert(answers(&lines, &xs, &ys, ratio(x), ratio(y)));
                }
            }
            // Every 0.5%, or every 0.02 from -4 to 4.
            let (from, to, den) = if share {
                (0, 200, 200)
            } else {
                (-200, 200, 50)
            };
            for x in from..=to {
                for y in from..=to {
                    let (x, y) = (Ratio::new(x, den).unwrap(), Ratio::new(y, den).unwrap());
                    let a = answers(&lines, &xs, &ys, x, y);
                    assert!(
                        reached.contains(&a),
                        "{lines:?}: ({x:?}, {y:?}) gives {a:?}"
                    );
                }
            }
        }
        assert!(pair_decimals(&[line(1, -3, 0)], [&[], &[]], [false, false]).is_none());
    }

    /// The view `pairs` reads: each piece's lines and points, borrowed.
    fn borrowed(met: &[(Vec<Line>, Vec<Decimal>)]) -> Vec<(&[Line], &[Decimal])> {
        met.iter()
            .map(|(l, n)| (l.as_slice(), n.as_slice()))
            .collect()
    }

    /// Evidence joined by lines to two others has no representatives
    /// together with either: those lines stay undecided.
    #[test]
    fn evidence_joined_to_two_others_is_not_paired() {
        // Per piece of evidence: the lines from it, and its own points.
        let mut met: Vec<(Vec<Line>, Vec<Decimal>)> = vec![(Vec::new(), Vec::new()); 4];

        met[0].0.push(Line {
            x: 0,
            y: 1,
            a: 1,
            b: -1,
            e: 0,
        });
        met[0].0.push(Line {
            x: 0,
            y: 2,
            a: 1,
            b: -1,
            e: 0,
        });
        met[3].1.push(Decimal::ONE);
        let found = pairs(
            &borrowed(&met),
            &[&Type::Int, &Type::Int, &Type::Int, &Type::Int],
            |_, _| true,
            None,
        );
        assert_eq!(found.len(), 2);
        assert!(found.iter().all(|(_, reps)| reps.is_none()));
        met[0].0.pop();
        let found = pairs(
            &borrowed(&met),
            &[&Type::Int, &Type::Int, &Type::Int, &Type::Int],
            |_, _| true,
            None,
        );
        assert_eq!(found.len(), 1);
        assert!(found[0].1.is_some());
        // Through a memo: the same answer, worked out once.
        let memo = PairMemo::default();
        for _ in 0..3 {
            let again = pairs(
                &borrowed(&met),
                &[&Type::Int, &Type::Int, &Type::Int, &Type::Int],
                |_, _| true,
                Some(&memo),
            );
            assert_eq!(again, found);
        }
        assert_eq!(memo.0.borrow().len(), 1);
    }
}
