//! Theme scores in whole numbers, exactly: a threshold decision never
//! depends on rounding.
//!
//! Each rule's denominator, its members' weights over it and the
//! threshold as a fraction were settled when the framework was compiled
//! (`compile/scale.rs`), which refuses a rule whose sums or products would
//! not fit (E0302). Scoring is then one pass of whole-number additions and
//! one comparison.

use rust_decimal::Decimal;

use super::{Ruling, Share};
use crate::compile::{CompiledTheme, Floor, Framework, Member, Scale};
use crate::outcome::{FloorOutcome, Status, ThemeOutcome};
use crate::ratio::Ratio;

/// A theme's status and the exact score behind it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct ThemeScore {
    /// The theme's status: its own rule's, met with every floor's.
    pub status: Status,
    /// Weight gained over `den`, counting unknown criteria as nothing…
    low: u64,
    /// …and as their full weight.
    high: u64,
    den: u64,
    /// The weight of the applicable criteria.
    total: u64,
}

/// A rule to score: a theme's own, or a floor a layer stands on.
#[derive(Clone, Copy)]
pub(crate) struct Rule<'a> {
    members: &'a [Member],
    all_mandatory: bool,
    scale: Scale,
}

impl<'a> Rule<'a> {
    pub(crate) fn own(theme: &'a CompiledTheme) -> Rule<'a> {
        Rule {
            members: &theme.members,
            all_mandatory: theme.all_mandatory,
            scale: theme.scale,
        }
    }

    pub(crate) fn floor(floor: &'a Floor) -> Rule<'a> {
        Rule {
            members: &floor.members,
            all_mandatory: floor.all_mandatory,
            scale: floor.scale,
        }
    }

    /// The criteria the rule counts, as it counts them.
    pub(crate) fn members(&self) -> &'a [Member] {
        self.members
    }
}

/// The meet of two statuses: fail before unknown before pass.
pub(crate) fn meet(a: Status, b: Status) -> Status {
    match (a, b) {
        (Status::Fail, _) | (_, Status::Fail) => Status::Fail,
        (Status::Pass, Status::Pass) => Status::Pass,
        _ => Status::Unknown,
    }
}

/// The rules a theme answers to: its own, then the rule of every
/// framework below a layer, bottom first.
pub(crate) fn rules(theme: &CompiledTheme) -> impl Iterator<Item = Rule<'_>> {
    std::iter::once(Rule::own(theme)).chain(theme.floors.iter().map(Rule::floor))
}

/// Scores one theme and decides its status: its own rule met with the
/// rule of every framework below a layer.
pub(super) fn theme(theme: &CompiledTheme, judged: &[Ruling]) -> ThemeScore {
    let mut scored = rule(Rule::own(theme), judged);
    if !theme.floors.is_empty() {
        scored.status = rules(theme).skip(1).fold(scored.status, |status, r| {
            meet(status, rule(r, judged).status)
        });
    }
    scored
}

/// A theme's status from the tallies of its rules, in the order of
/// [`rules`]: what [`theme`] decides when each tally sums the rule's members.
pub(crate) fn status_of(theme: &CompiledTheme, tallies: &[Tally]) -> Status {
    rules(theme)
        .zip(tallies)
        .map(|(r, t)| t.score(r).status)
        .fold(Status::Pass, meet)
}

/// What some members of a rule add up to: the score counting unknown
/// criteria as nothing (`low`) and as their full weight (`high`), the
/// weight of the applicable ones, and the knock-outs. A rule's tally is
/// the sum of its members' tallies in any grouping, so that the analysis
/// (`analysis/`) can add up groups of criteria it decided apart.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Tally {
    low: u64,
    high: u64,
    total: u64,
    failed_mandatory: bool,
    mandatory_open: bool,
}

impl Tally {
    /// What one member adds to its rule, decided as `judged`.
    pub(crate) fn of(rule: Rule<'_>, member: &Member, judged: &Ruling) -> Tally {
        let knock_out = rule.all_mandatory && member.mandatory;
        let mut tally = Tally {
            failed_mandatory: knock_out && judged.status == Status::Fail,
            mandatory_open: knock_out && judged.status == Status::Unknown,
            ..Tally::default()
        };
        match judged.share {
            Share::Absent => return tally,
            Share::Known { level, .. } => {
                let gained = member.per_level.saturating_mul(level);
                tally.low = gained;
                tally.high = gained;
            }
            Share::Upto { level, .. } => tally.high = member.per_level.saturating_mul(level),
            Share::Open => tally.high = member.full,
        }
        tally.total = member.weight;
        tally
    }

    /// Two groups of members together. The saturating operations never
    /// saturate while every member is counted once (see [`rule`]).
    #[must_use]
    pub(crate) fn plus(self, other: Tally) -> Tally {
        Tally {
            low: self.low.saturating_add(other.low),
            high: self.high.saturating_add(other.high),
            total: self.total.saturating_add(other.total),
            failed_mandatory: self.failed_mandatory || other.failed_mandatory,
            mandatory_open: self.mandatory_open || other.mandatory_open,
        }
    }

    /// Whether the rule can still pass as more members are added, in a
    /// form that adds up: tallies with the same prospect pass alike after
    /// any tally is added to both. A rule passes exactly when no knock-out
    /// failed or is open and `low × of >= at_least × den × total`, and the
    /// difference of the two sides (the margin) is the sum of the members'
    /// margins. (The analysis combines groups of criteria by prospect.)
    pub(crate) fn prospect(self, rule: Rule<'_>) -> Prospect {
        if self.failed_mandatory || self.mandatory_open {
            return Prospect::Never;
        }
        self.margin(rule)
            .map_or(Prospect::Exact(self), Prospect::Margin)
    }

    /// `low × of − at_least × den × total`, if it fits.
    pub(crate) fn margin(self, rule: Rule<'_>) -> Option<i128> {
        let Scale { den, at_least, of } = rule.scale;
        let gained = i128::try_from(u128::from(self.low).checked_mul(of)?).ok()?;
        let needed = at_least.checked_mul(u128::from(den.checked_mul(self.total)?))?;
        gained.checked_sub(i128::try_from(needed).ok()?)
    }

    /// The rule's score and status, when these are all its members.
    pub(crate) fn score(self, rule: Rule<'_>) -> ThemeScore {
        let Tally {
            low,
            high,
            total,
            failed_mandatory,
            mandatory_open,
        } = self;
        let Scale { den, at_least, of } = rule.scale;
        let (reaches_low, reaches_high) = if total == 0 {
            // No applicable criterion carries weight: the score cannot hold it back.
            (true, true)
        } else {
            // low / (den × total) >= at_least / of  <=>  low × of >= at_least × den × total
            let bound = at_least.saturating_mul(u128::from(den.saturating_mul(total)));
            (
                u128::from(low).saturating_mul(of) >= bound,
                u128::from(high).saturating_mul(of) >= bound,
            )
        };
        let status = rule_status(failed_mandatory, mandatory_open, reaches_low, reaches_high);
        ThemeScore {
            status,
            low,
            high,
            den,
            total,
        }
    }
}

/// Whether a rule passes, as far as it matters for what is added later
/// (see [`Tally::prospect`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Prospect {
    /// A knock-out failed or is open: it never passes.
    Never,
    /// It passes when the margins added to this one are at least 0.
    Margin(i128),
    /// A tally whose margin does not fit, kept as it is.
    Exact(Tally),
}

/// Scores one rule: its score as `low / den` and `high / den` of `total`.
///
/// The saturating operations never saturate: the compiler checked that
/// every member at its full weight sums to a 64-bit `den × total` at most
/// (which bounds `low` and `high`, a level being at most its criterion's
/// top level) and that both sides of the threshold comparison fit in 128
/// bits (`compile/scale.rs`).
pub(crate) fn rule(rule: Rule<'_>, judged: &[Ruling]) -> ThemeScore {
    // [`Tally::plus`] over [`Tally::of`] each member, in one pass: the
    // knock-outs as two flags, the shares as three sums.
    let mut sum = Tally::default();
    let (mut failed, mut open) = (false, false);
    for member in rule.members {
        let Some(j) = judged.get(member.criterion as usize) else {
            continue;
        };
        failed |= member.mandatory & (j.status == Status::Fail);
        open |= member.mandatory & (j.status == Status::Unknown);
        let (low, high) = match j.share {
            Share::Absent => continue,
            Share::Known { level, .. } => {
                let gained = member.per_level.saturating_mul(level);
                (gained, gained)
            }
            Share::Upto { level, .. } => (0, member.per_level.saturating_mul(level)),
            Share::Open => (0, member.full),
        };
        sum.low = sum.low.saturating_add(low);
        sum.high = sum.high.saturating_add(high);
        sum.total = sum.total.saturating_add(member.weight);
    }
    sum.failed_mandatory = rule.all_mandatory & failed;
    sum.mandatory_open = rule.all_mandatory & open;
    sum.score(rule)
}

/// A scored theme as results show it, with the rules of the frameworks
/// below a layer where it has them.
pub(super) fn outcome(
    framework: &Framework,
    theme: &CompiledTheme,
    judged: &[Ruling],
    scored: &ThemeScore,
) -> ThemeOutcome {
    let own = rule(Rule::own(theme), judged);
    let floors = theme
        .floors
        .iter()
        .map(|floor| {
            let rule_of = Rule::floor(floor);
            let floor_scored = rule(rule_of, judged);
            let (score, score_max) = shares(&floor_scored);
            FloorOutcome {
                framework: floor.layer.clone(),
                status: floor_scored.status,
                score,
                score_max,
                threshold: floor.threshold,
                failed_mandatory: failed_mandatory(framework, rule_of, judged),
            }
        })
        .collect();
    let (score, score_max) = shares(&own);
    ThemeOutcome {
        id: theme.id.clone(),
        title: theme.title.clone(),
        status: scored.status,
        score,
        score_max,
        threshold: theme.threshold,
        failed_mandatory: failed_mandatory(framework, Rule::own(theme), judged),
        floors,
    }
}

/// The score and its upper bound as shares (the bound only where it
/// differs).
/// A rule's status: a failed knock-out, or a score that cannot reach the
/// threshold even at its best, fails; a score sure to reach it with no
/// knock-out open passes; anything else is unknown.
fn rule_status(
    failed_mandatory: bool,
    mandatory_open: bool,
    reaches_low: bool,
    reaches_high: bool,
) -> Status {
    if failed_mandatory || !reaches_high {
        Status::Fail
    } else if reaches_low && !mandatory_open {
        Status::Pass
    } else {
        Status::Unknown
    }
}

fn shares(scored: &ThemeScore) -> (Option<Decimal>, Option<Decimal>) {
    if scored.total == 0 {
        return (None, None);
    }
    let share = |part: u64| Ratio::of(part, scored.den)?.share(i128::from(scored.total));
    let score = share(scored.low);
    let score_max = share(scored.high);
    (score, if score_max == score { None } else { score_max })
}

/// The ids of the applicable knock-out criteria of a rule that fail.
fn failed_mandatory(framework: &Framework, rule: Rule<'_>, judged: &[Ruling]) -> Vec<String> {
    if !rule.all_mandatory {
        return Vec::new();
    }
    rule.members
        .iter()
        .filter_map(|member| {
            let c = framework.criteria.get(member.criterion as usize)?;
            let j = judged.get(member.criterion as usize)?;
            (member.mandatory && j.status == Status::Fail).then(|| c.id.clone())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::scale::{self, TooLarge};
    use crate::Framework;
    use proptest::prelude::*;

    /// The reference: a rule's status and shares in exact fractions, added
    /// up criterion by criterion from each level over its own top level,
    /// and the threshold compared by continued fractions. `None` where the
    /// fractions themselves would not fit (the case is then not compared).
    fn exact(
        members: &[Member],
        all_mandatory: bool,
        threshold: Decimal,
        judged: &[Ruling],
    ) -> Option<(Status, Option<Decimal>, Option<Decimal>)> {
        let (mut low, mut high, mut total) = (Ratio::ZERO, Ratio::ZERO, 0i128);
        let (mut failed_mandatory, mut mandatory_open) = (false, false);
        for member in members {
            let j = judged.get(member.criterion as usize)?;
            let weight = i128::from(member.weight);
            if all_mandatory && member.mandatory {
                match j.status {
                    Status::Fail => failed_mandatory = true,
                    Status::Unknown => mandatory_open = true,
                    Status::Pass | Status::NotApplicable | Status::Waived => {}
                }
            }
            let share = |level: u64, max: u64| {
                Ratio::new(
                    weight.checked_mul(i128::from(level))?,
                    i128::from(max.max(1)),
                )
            };
            let (gained_low, gained_high) = match j.share {
                Share::Absent => continue,
                Share::Known { level, max } => (share(level, max)?, share(level, max)?),
                Share::Upto { level, max } => (Ratio::ZERO, share(level, max)?),
                Share::Open => (Ratio::ZERO, Ratio::new(weight, 1)?),
            };
            low = low.add(gained_low)?;
            high = high.add(gained_high)?;
            total = total.checked_add(weight)?;
        }
        let threshold = Ratio::from_decimal(threshold)?;
        let reaches = |part: Ratio| -> Option<bool> {
            let (num, den) = part.parts();
            let score = Ratio::new(num, den.checked_mul(total)?)?;
            Some(score.order(threshold) != std::cmp::Ordering::Less)
        };
        let (reaches_low, reaches_high) = if total == 0 {
            (true, true)
        } else {
            (reaches(low)?, reaches(high)?)
        };
        let status = rule_status(failed_mandatory, mandatory_open, reaches_low, reaches_high);
        let shares = |part: Ratio| if total == 0 { None } else { part.share(total) };
        Some((status, shares(low), shares(high)))
    }

    /// One criterion's decision: `pick` chooses not applicable, unknown,
    /// unknown up to a level, or a known level (of `max`; `level` is taken
    /// modulo `max + 1`).
    fn judged(pick: u64, level: u64, max: u64) -> Ruling {
        let level = level % (max + 1);
        let (status, reached) = match pick % 6 {
            0 => (Status::NotApplicable, Share::Absent),
            1 => (Status::Unknown, Share::Open),
            2 => (Status::Unknown, Share::Upto { level, max }),
            _ => (
                if level > 0 {
                    Status::Pass
                } else {
                    Status::Fail
                },
                Share::Known { level, max },
            ),
        };
        Ruling {
            status,
            level: None,
            share: reached,
            waiver: None,
            demanded: false,
        }
    }

    /// A theme of a knock-out, graded criteria with top levels 3, 2 and
    /// 4, and a criterion of weight 0, with a threshold of 66.67%.
    fn demo() -> Framework {
        Framework::compile(
            r#"
framework demo "Demo" version "1"
evidence { x : number "X" }
theme a "A" {
  criterion A1 "Een" { mandatory owner school require x > 0 }
  criterion A2 "Twee" { weight 2 owner school score { 3 when x > 3  2 when x > 2  1 when x > 1  0 otherwise } }
  criterion A3 "Drie" { weight 5 owner school score { 2 when x > 2  0 otherwise } }
  criterion A4 "Vier" { weight 7 owner school score { 4 when x > 4  0 otherwise } }
  criterion A5 "Vijf" { weight 0 owner school require x > 5 }
}
scoring {
  theme passes when all mandatory pass and score >= 66.67%
  certified when all themes pass
}
"#,
        )
        .unwrap()
    }

    /// Random decisions of the criteria of [`demo`].
    fn decisions(mut seed: u64) -> impl FnMut() -> Vec<Ruling> {
        let maxes = [1u64, 3, 2, 4, 1];
        let mut next = move || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            seed >> 33
        };
        move || {
            maxes
                .iter()
                .map(|&max| judged(next(), next(), max))
                .collect()
        }
    }

    /// The one whole-number path decides every status and shows every
    /// share as exact fractions do, over random decisions of graded and
    /// weighted criteria of a compiled framework.
    #[test]
    fn whole_numbers_agree_with_exact_fractions() {
        let framework = demo();
        let theme = &framework.themes[0];
        assert_eq!(
            theme.scale.den, 12,
            "the least common multiple of 3, 2 and 4"
        );
        let mut random = decisions(7);
        let mut statuses = std::collections::BTreeSet::new();
        for _ in 0..20_000 {
            let judged = random();
            let whole = rule(Rule::own(theme), &judged);
            let exact = exact(
                &theme.members,
                theme.all_mandatory,
                theme.threshold.unwrap(),
                &judged,
            )
            .unwrap();
            let (score, score_max) = shares(&whole);
            assert_eq!(whole.status, exact.0, "{judged:?}");
            assert_eq!(score, exact.1, "{judged:?}");
            assert_eq!(score_max.or(score), exact.2, "{judged:?}");
            statuses.insert(format!("{:?}", whole.status));
        }
        assert_eq!(statuses.len(), 3, "every status is decided: {statuses:?}");
    }

    /// A criterion of a generated rule: weight, mandatory, top level (0 for
    /// pass or fail), and its decision.
    fn generated_member() -> impl Strategy<Value = (u64, bool, u64, u64, u64)> {
        (
            prop_oneof![
                0..=crate::check::MAX_WEIGHT,
                Just(crate::check::MAX_WEIGHT),
                0..4u64
            ],
            any::<bool>(),
            prop_oneof![
                Just(0u64),
                1..=crate::check::MAX_LEVEL,
                1..=6u64,
                Just(crate::check::MAX_LEVEL)
            ],
            any::<u64>(),
            any::<u64>(),
        )
    }

    /// A threshold from 0% to 100% with up to 28 decimals.
    fn generated_threshold() -> impl Strategy<Value = Decimal> {
        (0u32..=28, any::<u128>()).prop_map(|(scale, n)| {
            let one = 10u128.pow(scale);
            let mantissa = i128::try_from(n % (one + 1)).unwrap();
            Decimal::from_i128_with_scale(mantissa, scale)
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]

        /// Over generated rules (weights up to the limit, levels up to
        /// theirs, thresholds with many decimals), every rule the compiler
        /// accepts decides exactly as exact fractions do.
        #[test]
        fn the_one_path_decides_as_exact_fractions_do(
            members in prop::collection::vec(generated_member(), 1..8),
            threshold in generated_threshold(),
            all_mandatory in any::<bool>(),
        ) {
            let unscaled: Vec<scale::Unscaled> = members
                .iter()
                .enumerate()
                .map(|(i, &(weight, mandatory, max, _, _))| {
                    (u32::try_from(i).unwrap(), weight, mandatory, max.max(1))
                })
                .collect();
            let judged: Vec<Ruling> = members
                .iter()
                .map(|&(_, _, max, pick, level)| judged(pick, level, max.max(1)))
                .collect();
            match scale::settle(&unscaled, Some(threshold)) {
                Ok((members, scale)) => {
                    let whole = rule(Rule { members: &members, all_mandatory, scale }, &judged);
                    if let Some(exact) = exact(&members, all_mandatory, threshold, &judged) {
                        let (score, score_max) = shares(&whole);
                        prop_assert_eq!(whole.status, exact.0);
                        prop_assert_eq!(score, exact.1);
                        prop_assert_eq!(score_max.or(score), exact.2);
                    }
                }
                // A refused rule is truly beyond 64 and 128 bits.
                Err(cause) => prop_assert!(beyond(&unscaled, threshold, cause)),
            }
        }
    }

    /// Whether a rule's numbers pass the bounds for `cause`, counted in
    /// exact fractions without the compiler's arithmetic.
    fn beyond(members: &[scale::Unscaled], threshold: Decimal, cause: TooLarge) -> bool {
        // The least common multiple in 128 bits (`None` beyond them).
        let euclid = |mut a: u128, mut b: u128| {
            while b != 0 {
                (a, b) = (b, a % b);
            }
            a
        };
        let den = members.iter().try_fold(1u128, |den, &(_, _, _, max)| {
            let max = u128::from(max.max(1));
            (den / euclid(den, max)).checked_mul(max)
        });
        let (den, wide) = (den.unwrap_or(u128::MAX), den.is_none());
        let levels = wide || den > u128::from(u64::MAX);
        let weights: u128 = members.iter().map(|&(_, w, _, _)| u128::from(w)).sum();
        let most = weights
            .checked_mul(den)
            .filter(|m| *m <= u128::from(u64::MAX));
        let (num, of) = Ratio::from_decimal(threshold).unwrap().parts();
        let fits = |most: u128| {
            most.checked_mul(u128::try_from(of).unwrap()).is_some()
                && most.checked_mul(u128::try_from(num).unwrap()).is_some()
        };
        match cause {
            TooLarge::Levels => levels,
            TooLarge::Weights => !levels && most.is_none(),
            TooLarge::Threshold => !levels && most.is_some_and(|m| !fits(m)),
        }
    }

    /// A rule passes exactly when its prospect is a margin of at least 0,
    /// and prospects add up: tallies with the same prospect pass alike
    /// after any addition. Over random decisions of [`demo`]'s criteria.
    #[test]
    fn prospects_decide_passing_as_scores_do() {
        let framework = demo();
        let theme = &framework.themes[0];
        let rule_of = Rule::own(theme);
        let mut random = decisions(11);
        for _ in 0..5_000 {
            let judged = random();
            let tallies: Vec<Tally> = theme
                .members
                .iter()
                .map(|m| Tally::of(rule_of, m, &judged[m.criterion as usize]))
                .collect();
            let whole = tallies.iter().fold(Tally::default(), |a, b| a.plus(*b));
            let passes = whole.score(rule_of).status == Status::Pass;
            let by_prospect = matches!(whole.prospect(rule_of), Prospect::Margin(m) if m >= 0);
            assert_eq!(passes, by_prospect, "{judged:?}");
            // The margin of a sum is the sum of the margins.
            let (head, rest) = tallies.split_at(2);
            let (a, b) = (
                head.iter().fold(Tally::default(), |x, y| x.plus(*y)),
                rest.iter().fold(Tally::default(), |x, y| x.plus(*y)),
            );
            assert_eq!(
                whole.margin(rule_of),
                Some(a.margin(rule_of).unwrap() + b.margin(rule_of).unwrap())
            );
        }
    }

    /// The compiler refuses a rule at the first bound it passes, and
    /// accepts one just within every bound.
    #[test]
    fn a_rule_is_refused_at_each_bound() {
        let member = |weight, max| (0u32, weight, false, max);
        // 997, 991 and 983 are primes: their product is about 2^30.
        let primes = [member(1, 997), member(1, 991), member(1, 983)];
        assert!(scale::settle(&primes, None).is_ok());
        // 1000 down to 993: their least common multiple is about 2^70.
        let wide: Vec<_> = (0..8).map(|k| member(1, 1000 - k)).collect();
        assert_eq!(scale::settle(&wide, None).err(), Some(TooLarge::Levels));
        let heavy = [
            member(crate::check::MAX_WEIGHT, 997),
            member(u64::MAX / 997 / 991, 991),
        ];
        assert_eq!(scale::settle(&heavy, None).err(), Some(TooLarge::Weights));
        // 2,000,000 × 997 × 991 × 10^28 is about 2^134.
        let fine = Decimal::new(1, 28);
        let weighty = [
            member(crate::check::MAX_WEIGHT, 997),
            member(crate::check::MAX_WEIGHT, 991),
        ];
        assert!(scale::settle(&weighty, Some(Decimal::new(6667, 4))).is_ok());
        assert_eq!(
            scale::settle(&weighty, Some(fine)).err(),
            Some(TooLarge::Threshold)
        );
        assert!(scale::settle(&[member(1_000, 1)], Some(fine)).is_ok());
        // 70.00% is 7/10: trailing zeros cost nothing.
        let (_, seventy) = scale::settle(&primes, Some(Decimal::new(7000, 4))).unwrap();
        assert_eq!((seventy.at_least, seventy.of), (7, 10));
    }
}
