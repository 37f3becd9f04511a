//! The improvement plan (verbeterplan): a location's gaps as an ordered list
//! of actions, each with the partner whose move it is, and the smallest set of
//! criteria that would make the location certified.
//!
//! Order: failing mandatory criteria with a legal basis; other failing
//! mandatory criteria; the criteria that bring a failing theme over its
//! threshold with the least work; the rest by the score they would add.

use std::cmp::Ordering;

use serde::Serialize;

use crate::check::{Language, Owner};
use crate::compile::Framework;
use crate::outcome::{CriterionOutcome, Gap, GapKind, Outcome, Status, ThemeOutcome, Verdict};
use crate::ratio::Ratio;

/// Why an item stands where it stands in the plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    /// A knock-out criterion with a legal basis.
    LegalMandatory,
    /// Another knock-out criterion.
    Mandatory,
    /// Needed to bring a theme over its score threshold.
    Threshold,
    /// Adds to the score.
    Other,
}

/// One action of the plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlanItem {
    /// The criterion to bring in order.
    pub criterion: String,
    /// Its title.
    pub title: String,
    /// Its theme.
    pub theme: String,
    /// Whose move it is: school, gemeente, politie, halt, ggd or joint.
    pub owner: &'static str,
    /// Whether it is a knock-out criterion.
    pub mandatory: bool,
    /// The legal basis, if any.
    pub legal: Option<String>,
    /// What to do: the framework's guidance.
    pub action: Option<String>,
    /// The evidence to supply.
    pub evidence: Vec<String>,
    /// What is needed, per gap: "«Respons op de monitor»: van 52% naar minimaal 70%".
    pub needed: Vec<String>,
    /// Why the item stands where it stands.
    pub priority: Priority,
    /// The share of its theme's maximum score the item would add (0 to 1).
    #[serde(serialize_with = "share")]
    pub gain: Option<rust_decimal::Decimal>,
    /// Whether it belongs to the smallest set that makes the location certified.
    pub needed_for_certificate: bool,
}

/// The plan for one location.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ImprovementPlan {
    /// The location.
    pub location: crate::evidence::Location,
    /// Its current verdict.
    pub verdict: Verdict,
    /// The smallest set of criteria that, passed, would make the location
    /// certified (empty when it is certified).
    pub what_it_takes: Vec<String>,
    /// The actions, in plan order.
    pub items: Vec<PlanItem>,
}

impl ImprovementPlan {
    /// The items grouped by owner, owners in the language's order
    /// (school, gemeente, politie, halt, ggd, joint); plan order within.
    pub fn by_owner(&self) -> Vec<(&'static str, Vec<&PlanItem>)> {
        Owner::ALL
            .iter()
            .map(|o| {
                (
                    o.name(),
                    self.items
                        .iter()
                        .filter(|i| i.owner == o.name())
                        .collect::<Vec<_>>(),
                )
            })
            .filter(|(_, items)| !items.is_empty())
            .collect()
    }
}

fn share<S: serde::Serializer>(d: &Option<rust_decimal::Decimal>, s: S) -> Result<S::Ok, S::Error> {
    match d.and_then(|d| d.normalize().to_string().parse::<f64>().ok()) {
        Some(f) => s.serialize_f64(f),
        None => s.serialize_none(),
    }
}

/// A criterion that does not pass yet, with what passing it would add.
struct Open<'a> {
    index: usize,
    outcome: &'a CriterionOutcome,
    /// `weight × (max − level) / max`, in weight units.
    gain: Ratio,
}

/// The plan for an evaluated location.
pub fn plan(framework: &Framework, outcome: &Outcome) -> ImprovementPlan {
    let open: Vec<Open<'_>> = outcome
        .criteria
        .iter()
        .enumerate()
        .filter(|(_, c)| matches!(c.status, Status::Fail | Status::Unknown))
        .map(|(index, c)| Open {
            index,
            outcome: c,
            gain: gain(c),
        })
        .collect();

    // Per theme that does not pass: the criteria that must pass.
    let mut what_it_takes: Vec<usize> = Vec::new();
    let mut for_threshold: Vec<usize> = Vec::new();
    for theme in &outcome.themes {
        if theme.status == Status::Pass {
            continue;
        }
        let members: Vec<&Open<'_>> = open
            .iter()
            .filter(|o| o.outcome.theme == theme.id)
            .collect();
        let (forced, extra) = theme_needs(theme, outcome, &members);
        what_it_takes.extend(forced.iter().chain(&extra));
        for_threshold.extend(extra);
    }
    what_it_takes.sort_unstable();
    what_it_takes.dedup();

    let mut items: Vec<(PlanItem, Ratio)> = open
        .iter()
        .map(|o| {
            let c = o.outcome;
            let priority = if c.mandatory && c.legal.is_some() {
                Priority::LegalMandatory
            } else if c.mandatory {
                Priority::Mandatory
            } else if for_threshold.contains(&o.index) {
                Priority::Threshold
            } else {
                Priority::Other
            };
            let total = theme_weight(outcome, &c.theme);
            let item = PlanItem {
                criterion: c.id.clone(),
                title: c.title.clone(),
                theme: c.theme.clone(),
                owner: c.owner,
                mandatory: c.mandatory,
                legal: c.legal.clone(),
                action: framework.guidance(&c.id).map(str::to_string),
                evidence: evidence_of(&c.gaps),
                needed: c.gaps.iter().map(|g| needed(framework, g)).collect(),
                priority,
                gain: o.gain.share(i128::from(total.max(1))),
                needed_for_certificate: what_it_takes.contains(&o.index),
            };
            (item, o.gain)
        })
        .collect();
    // Stable: framework order breaks ties.
    items.sort_by(|(a, a_gain), (b, b_gain)| {
        a.priority.cmp(&b.priority).then_with(|| match a.priority {
            Priority::Other | Priority::Threshold => {
                let a_share = a.gain.unwrap_or_default();
                let b_share = b.gain.unwrap_or_default();
                b_share
                    .cmp(&a_share)
                    .then_with(|| b_gain.compare(*a_gain).unwrap_or(Ordering::Equal))
            }
            _ => Ordering::Equal,
        })
    });
    ImprovementPlan {
        location: outcome.location.clone(),
        verdict: outcome.verdict,
        what_it_takes: what_it_takes
            .iter()
            .filter_map(|i| outcome.criteria.get(*i).map(|c| c.id.clone()))
            .collect(),
        items: items.into_iter().map(|(item, _)| item).collect(),
    }
}

/// What passing a criterion at its best level would add, in weight units.
fn gain(c: &CriterionOutcome) -> Ratio {
    let max = c.max_level.unwrap_or(1).max(1);
    let level = match c.status {
        Status::Unknown => 0,
        _ => c.level.unwrap_or(0),
    };
    c.weight
        .checked_mul(max.saturating_sub(level))
        .and_then(|n| Ratio::of(n, max))
        .unwrap_or(Ratio::ZERO)
}

fn theme_weight(outcome: &Outcome, theme: &str) -> u64 {
    outcome
        .criteria
        .iter()
        .filter(|c| c.theme == theme && c.status != Status::NotApplicable)
        .map(|c| c.weight)
        .sum()
}

/// The criteria a theme needs: every open mandatory one, then the fewest
/// others (largest gain first) that lift the score to the threshold.
fn theme_needs(
    theme: &ThemeOutcome,
    outcome: &Outcome,
    members: &[&Open<'_>],
) -> (Vec<usize>, Vec<usize>) {
    let forced: Vec<usize> = members
        .iter()
        .filter(|o| o.outcome.mandatory)
        .map(|o| o.index)
        .collect();
    let total = i128::from(theme_weight(outcome, &theme.id));
    let Some(threshold) = theme.threshold else {
        return (forced, Vec::new());
    };
    if total == 0 {
        return (forced, Vec::new());
    }
    // The points the theme has for sure, plus what the forced ones add.
    let mut points = outcome
        .criteria
        .iter()
        .filter(|c| c.theme == theme.id && c.status == Status::Pass)
        .filter_map(|c| {
            let max = c.max_level.unwrap_or(1).max(1);
            c.weight
                .checked_mul(c.level.unwrap_or(1))
                .and_then(|n| Ratio::of(n, max))
        })
        .try_fold(Ratio::ZERO, Ratio::add)
        .unwrap_or(Ratio::ZERO);
    for o in members.iter().filter(|o| o.outcome.mandatory) {
        points = points.add(o.gain).unwrap_or(points);
    }
    let mut rest: Vec<&&Open<'_>> = members.iter().filter(|o| !o.outcome.mandatory).collect();
    rest.sort_by(|a, b| {
        b.gain
            .compare(a.gain)
            .unwrap_or(Ordering::Equal)
            .then(a.index.cmp(&b.index))
    });
    let mut extra = Vec::new();
    for o in rest {
        if points.reaches(total, threshold).unwrap_or(false) {
            break;
        }
        points = points.add(o.gain).unwrap_or(points);
        extra.push(o.index);
    }
    (forced, extra)
}

fn evidence_of(gaps: &[Gap]) -> Vec<String> {
    let mut paths: Vec<String> = Vec::new();
    for gap in gaps {
        for path in &gap.evidence {
            if !paths.contains(path) {
                paths.push(path.clone());
            }
        }
    }
    paths
}

/// What a gap needs, in words: "«Respons op de monitor»: van 52% naar minimaal 70%".
fn needed(framework: &Framework, gap: &Gap) -> String {
    let nl = framework.language == Language::Nl;
    let subject = match gap.evidence.as_slice() {
        [one] => format!("«{}»", framework.evidence_label(one).unwrap_or(one)),
        many => many
            .iter()
            .map(|p| format!("«{}»", framework.evidence_label(p).unwrap_or(p)))
            .collect::<Vec<_>>()
            .join(", "),
    };
    let missing = gap.actual == crate::eval::MISSING;
    if gap.kind == GapKind::Applicability {
        return if nl {
            format!("{subject}: aanleveren, zodat vaststaat of dit criterium geldt")
        } else {
            format!("{subject}: supply it, so that it is known whether this criterion applies")
        };
    }
    let expected = gap.expected.as_str();
    let (word, value) = match expected.split_once(' ') {
        Some((op, value)) if matches!(op, ">=" | ">" | "<=" | "<" | "==" | "!=") => {
            (Some(op), value)
        }
        _ => (None, expected),
    };
    let text = match (word, nl) {
        (Some(">="), true) => format!("minimaal {value}"),
        (Some(">"), true) => format!("meer dan {value}"),
        (Some("<="), true) => format!("hoogstens {value}"),
        (Some("<"), true) => format!("minder dan {value}"),
        (Some("=="), true) => value.to_string(),
        (Some("!="), true) => format!("niet {value}"),
        (Some(">="), false) => format!("at least {value}"),
        (Some(">"), false) => format!("more than {value}"),
        (Some("<="), false) => format!("at most {value}"),
        (Some("<"), false) => format!("less than {value}"),
        (Some("=="), false) => value.to_string(),
        (Some("!="), false) => format!("not {value}"),
        (_, true) => match expected {
            "true" => "ja".to_string(),
            "false" => "nee".to_string(),
            other => match other.strip_prefix("within ") {
                Some(period) => format!("een datum in de afgelopen {}", dutch_period(period)),
                None => other.to_string(),
            },
        },
        (_, false) => match expected {
            "true" => "yes".to_string(),
            "false" => "no".to_string(),
            other => match other.strip_prefix("within ") {
                Some(period) => format!("a date within the last {period}"),
                None => other.to_string(),
            },
        },
    };
    let actual = match (gap.actual.as_str(), nl) {
        ("true", true) => "ja",
        ("false", true) => "nee",
        ("true", false) => "yes",
        ("false", false) => "no",
        (other, _) => other,
    };
    match (missing, nl) {
        (true, true) => format!("{subject}: aanleveren ({text})"),
        (true, false) => format!("{subject}: to be supplied ({text})"),
        (false, true) => format!("{subject}: van {actual} naar {text}"),
        (false, false) => format!("{subject}: from {actual} to {text}"),
    }
}

fn dutch_period(period: &str) -> String {
    period
        .replace("months", "maanden")
        .replace("month", "maand")
        .replace("days", "dagen")
        .replace("day", "dag")
        .replace("weeks", "weken")
        .replace("week", "week")
        .replace("years", "jaar")
        .replace("year", "jaar")
}
