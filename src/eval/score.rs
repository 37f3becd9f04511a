//! Theme scores: exact fractions, so that a threshold decision never depends
//! on rounding.

use rust_decimal::Decimal;

use super::{Judged, Reached};
use crate::compile::{CompiledTheme, Floor, Framework, Member};
use crate::outcome::{FloorOutcome, Status, ThemeOutcome};
use crate::ratio::Ratio;

/// A theme's status and the exact score behind it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct ThemeScore {
    /// The theme's status: its own rule's, met with every floor's.
    pub status: Status,
    /// Weight gained, counting unknown criteria as nothing…
    low: Ratio,
    /// …and as their full weight.
    high: Ratio,
    /// The weight of the applicable criteria.
    total: i128,
}

/// A rule to score: a theme's own, or a floor a layer stands on.
#[derive(Clone, Copy)]
pub(crate) struct Rule<'a> {
    members: Members<'a>,
    all_mandatory: bool,
    threshold: Option<Decimal>,
}

#[derive(Clone, Copy)]
enum Members<'a> {
    /// The theme's criteria with their own weights and knock-outs.
    Own(&'a [u32]),
    /// Criteria with the weights and knock-outs a base gave them.
    Listed(&'a [Member]),
}

impl<'a> Rule<'a> {
    pub(crate) fn own(theme: &'a CompiledTheme) -> Rule<'a> {
        Rule {
            members: Members::Own(&theme.criteria),
            all_mandatory: theme.all_mandatory,
            threshold: theme.threshold,
        }
    }

    pub(crate) fn floor(floor: &'a Floor) -> Rule<'a> {
        Rule {
            members: Members::Listed(&floor.members),
            all_mandatory: floor.all_mandatory,
            threshold: floor.threshold,
        }
    }

    fn len(&self) -> usize {
        match self.members {
            Members::Own(m) => m.len(),
            Members::Listed(m) => m.len(),
        }
    }

    fn member(&self, framework: &Framework, k: usize) -> Option<Member> {
        match self.members {
            Members::Own(m) => {
                let criterion = *m.get(k)?;
                let c = framework.criteria.get(criterion as usize)?;
                Some(Member {
                    criterion,
                    weight: c.weight,
                    mandatory: c.mandatory,
                })
            }
            Members::Listed(m) => m.get(k).copied(),
        }
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

/// Scores one theme and decides its status: its own rule met with the
/// rule of every framework below a layer.
pub(super) fn theme(framework: &Framework, theme: &CompiledTheme, judged: &[Judged]) -> ThemeScore {
    let mut scored = rule(framework, Rule::own(theme), judged);
    for floor in &theme.floors {
        scored.status = meet(
            scored.status,
            rule(framework, Rule::floor(floor), judged).status,
        );
    }
    scored
}

/// Scores one rule: in whole 64-bit numbers over a common denominator
/// while they fit (every real framework), in exact 128-bit fractions
/// otherwise.
pub(crate) fn rule(framework: &Framework, rule: Rule<'_>, judged: &[Judged]) -> ThemeScore {
    whole(framework, rule, judged).unwrap_or_else(|| exact(framework, rule, judged))
}

/// The theme's score as `low / den` and `high / den` of `total`, all whole
/// numbers; `None` when one would not fit in 64 bits.
fn whole(framework: &Framework, rule: Rule<'_>, judged: &[Judged]) -> Option<ThemeScore> {
    let (mut low, mut high, mut den, mut total) = (0u64, 0u64, 1u64, 0u64);
    let mut failed_mandatory = false;
    let mut mandatory_open = false;
    for k in 0..rule.len() {
        let Some(member) = rule.member(framework, k) else {
            continue;
        };
        let Some(j) = judged.get(member.criterion as usize) else {
            continue;
        };
        let weight = member.weight;
        if rule.all_mandatory && member.mandatory {
            match j.status {
                Status::Fail => failed_mandatory = true,
                Status::Unknown => mandatory_open = true,
                Status::Pass | Status::NotApplicable | Status::Waived => {}
            }
        }
        // The share of the weight a known level earns, over `den`.
        let mut share = |level: u64, max: u64| -> Option<u64> {
            let max = max.max(1);
            let per_level = if max == 1 {
                den
            } else {
                if den % max != 0 {
                    // A new denominator: the least common multiple.
                    let factor = max / gcd(den, max);
                    den = den.checked_mul(factor)?;
                    low = low.checked_mul(factor)?;
                    high = high.checked_mul(factor)?;
                }
                den / max
            };
            weight.checked_mul(level)?.checked_mul(per_level)
        };
        match j.reached {
            Reached::Absent => continue,
            Reached::Known { level, max } => {
                let gained = share(level, max)?;
                low = low.checked_add(gained)?;
                high = high.checked_add(gained)?;
            }
            Reached::Upto { level, max } => {
                let gained = share(level, max)?;
                high = high.checked_add(gained)?;
            }
            Reached::Open => high = high.checked_add(weight.checked_mul(den)?)?,
        }
        total = total.checked_add(weight)?;
    }
    let (reaches_low, reaches_high) = if total == 0 {
        (true, true)
    } else {
        // low / (den * total) >= m / 10^s  <=>  low * 10^s >= m * den * total
        let threshold = rule.threshold.unwrap_or_default();
        let bound = u128::try_from(threshold.mantissa())
            .ok()?
            .checked_mul(u128::from(den))?
            .checked_mul(u128::from(total))?;
        let scale = 10u128.checked_pow(threshold.scale())?;
        (
            u128::from(low).checked_mul(scale)? >= bound,
            u128::from(high).checked_mul(scale)? >= bound,
        )
    };
    let status = if failed_mandatory || !reaches_high {
        Status::Fail
    } else if reaches_low && !mandatory_open {
        Status::Pass
    } else {
        Status::Unknown
    };
    Some(ThemeScore {
        status,
        low: Ratio::new(i128::from(low), i128::from(den))?,
        high: Ratio::new(i128::from(high), i128::from(den))?,
        total: i128::from(total),
    })
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.max(1)
}

/// The theme's score in exact 128-bit fractions.
fn exact(framework: &Framework, rule: Rule<'_>, judged: &[Judged]) -> ThemeScore {
    let mut low = Ratio::ZERO;
    let mut high = Ratio::ZERO;
    let mut total: i128 = 0;
    let mut overflow = false;
    let mut failed_mandatory = false;
    let mut mandatory_open = false;
    for k in 0..rule.len() {
        let Some(member) = rule.member(framework, k) else {
            continue;
        };
        let Some(j) = judged.get(member.criterion as usize) else {
            continue;
        };
        let weight = i128::from(member.weight);
        if rule.all_mandatory && member.mandatory {
            match j.status {
                Status::Fail => failed_mandatory = true,
                Status::Unknown => mandatory_open = true,
                Status::Pass | Status::NotApplicable | Status::Waived => {}
            }
        }
        let (gained_low, gained_high) = match j.reached {
            Reached::Absent => continue,
            Reached::Known { level, max } => {
                let gained = weight
                    .checked_mul(i128::from(level))
                    .and_then(|n| Ratio::new(n, i128::from(max.max(1))));
                (gained, gained)
            }
            Reached::Upto { level, max } => (
                Some(Ratio::ZERO),
                weight
                    .checked_mul(i128::from(level))
                    .and_then(|n| Ratio::new(n, i128::from(max.max(1)))),
            ),
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

    let (reaches_low, reaches_high) = if total == 0 {
        // No applicable criterion carries weight: the score cannot hold it back.
        (true, true)
    } else {
        let threshold = rule.threshold.unwrap_or_default();
        let reaches_low = low.reaches(total, threshold);
        let reaches_high = high.reaches(total, threshold);
        if reaches_low.is_none() || reaches_high.is_none() {
            overflow = true;
        }
        (reaches_low.unwrap_or(false), reaches_high.unwrap_or(true))
    };
    let status = if failed_mandatory || !reaches_high {
        Status::Fail
    } else if reaches_low && !mandatory_open && !overflow {
        Status::Pass
    } else {
        Status::Unknown
    };
    ThemeScore {
        status,
        low,
        high,
        total,
    }
}

/// A scored theme as results show it, with the rules of the frameworks
/// below a layer where it has them.
pub(super) fn outcome(
    framework: &Framework,
    theme: &CompiledTheme,
    judged: &[Judged],
    scored: &ThemeScore,
) -> ThemeOutcome {
    let own = rule(framework, Rule::own(theme), judged);
    let floors = theme
        .floors
        .iter()
        .map(|floor| {
            let rule_of = Rule::floor(floor);
            let floor_scored = rule(framework, rule_of, judged);
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
fn shares(scored: &ThemeScore) -> (Option<Decimal>, Option<Decimal>) {
    if scored.total == 0 {
        return (None, None);
    }
    let score = scored.low.share(scored.total);
    let score_max = scored.high.share(scored.total);
    (score, if score_max == score { None } else { score_max })
}

/// The ids of the applicable knock-out criteria of a rule that fail.
fn failed_mandatory(framework: &Framework, rule: Rule<'_>, judged: &[Judged]) -> Vec<String> {
    if !rule.all_mandatory {
        return Vec::new();
    }
    (0..rule.len())
        .filter_map(|k| {
            let member = rule.member(framework, k)?;
            let c = framework.criteria.get(member.criterion as usize)?;
            let j = judged.get(member.criterion as usize)?;
            (member.mandatory && j.status == Status::Fail).then(|| c.id.clone())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Framework;

    /// Whole-number scoring and exact fractions agree on every status and
    /// every share, over random decisions of graded and weighted criteria.
    #[test]
    fn whole_numbers_agree_with_exact_fractions() {
        let framework = Framework::compile(
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
        .unwrap();
        let theme = &framework.themes[0];
        let maxes = [1u64, 3, 2, 4, 1];
        let mut seed = 7u64;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        for _ in 0..20_000 {
            let judged: Vec<Judged> = maxes
                .iter()
                .map(|&max| {
                    let (status, reached) = match next(6) {
                        0 => (Status::NotApplicable, Reached::Absent),
                        1 => (Status::Unknown, Reached::Open),
                        2 => (
                            Status::Unknown,
                            Reached::Upto {
                                level: next(max + 1),
                                max,
                            },
                        ),
                        _ => {
                            let level = next(max + 1);
                            let status = if level > 0 {
                                Status::Pass
                            } else {
                                Status::Fail
                            };
                            (status, Reached::Known { level, max })
                        }
                    };
                    Judged {
                        status,
                        level: None,
                        reached,
                        waiver: None,
                        demanded: false,
                    }
                })
                .collect();
            let fast = whole(&framework, Rule::own(theme), &judged).unwrap();
            let slow = exact(&framework, Rule::own(theme), &judged);
            assert_eq!(fast.status, slow.status, "{judged:?}");
            assert_eq!(fast.low.share(fast.total), slow.low.share(slow.total));
            assert_eq!(fast.high.share(fast.total), slow.high.share(slow.total));
        }
    }
}
