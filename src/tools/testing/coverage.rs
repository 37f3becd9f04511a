//! Which rules the sample locations exercise: for every criterion, its
//! `applies when`, each `require` and each graded level, whether some sample
//! made it true and some sample made it false.
//!
//! A rule is only counted where it decides something: a `require` or a level
//! when the criterion applies, a level only when every higher level was
//! false (levels are tried from the top, the first that holds is awarded).
//! A rule that no sample reaches, or reaches on one side only, is a rule a
//! change could break without any sample noticing.

use serde::Serialize;

use crate::compile::Framework;
use crate::evidence::Evidence;
use crate::outcome::{Outcome, Status};
use crate::terms::Language;
use crate::words::{words, Words};

/// Coverage of a framework's rules by a set of sample locations.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// How many sample locations were evaluated.
    pub samples: usize,
    /// Every criterion and every rule of it, in framework order.
    pub items: Vec<CoverageItem>,
}

/// One criterion or rule, and how often it came out each way.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CoverageItem {
    /// The criterion's id.
    pub criterion: String,
    /// Which rule of it.
    pub rule: Rule,
    /// The rule as written: `require monitor.response_rate >= 70%`,
    /// `applies when po_so_vo`, `level 2 when ...`; for the criterion
    /// itself its title.
    pub notation: String,
    /// Samples where it held (for the criterion itself: passed).
    #[serde(rename = "true")]
    pub true_count: usize,
    /// Samples where it did not hold (for the criterion itself: failed).
    #[serde(rename = "false")]
    pub false_count: usize,
    /// Samples where evidence was missing to decide it.
    pub unknown: usize,
    /// Samples where it decided nothing: the criterion did not apply (or
    /// that was unknown), or a higher level was already awarded or unknown.
    pub not_reached: usize,
}

/// Which part of a criterion a [`CoverageItem`] is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Rule {
    /// The criterion's own outcome: pass (true) or fail (false).
    Criterion,
    /// Its `applies when`.
    AppliesWhen,
    /// Its `require` number `index` (1-based, in framework order).
    Require {
        /// 1-based position among the criterion's requirements.
        index: usize,
    },
    /// The condition of one graded level.
    Level {
        /// The level awarded when the condition holds.
        level: u64,
    },
}

impl CoverageItem {
    fn new(criterion: &str, rule: Rule, notation: String) -> CoverageItem {
        CoverageItem {
            criterion: criterion.to_string(),
            rule,
            notation,
            true_count: 0,
            false_count: 0,
            unknown: 0,
            not_reached: 0,
        }
    }

    fn record(&mut self, truth: Option<Option<bool>>) {
        match truth {
            Some(Some(true)) => self.true_count += 1,
            Some(Some(false)) => self.false_count += 1,
            Some(None) => self.unknown += 1,
            None => self.not_reached += 1,
        }
    }

    /// How many of its two sides (true, false) some sample exercised.
    pub fn sides_covered(&self) -> usize {
        usize::from(self.true_count > 0) + usize::from(self.false_count > 0)
    }

    /// Whether some sample made it true and some sample made it false.
    pub fn is_covered(&self) -> bool {
        self.sides_covered() == 2
    }

    /// What no sample shows, in words; `None` when both sides are covered.
    pub fn missing(&self) -> Option<&'static str> {
        self.missing_in(words(Language::En))
    }

    /// [`CoverageItem::missing`] in the words of a language.
    pub(crate) fn missing_in(&self, w: &Words) -> Option<&'static str> {
        let [fails, passes, never_false, never_true, only_unknown, undecided, unreached] =
            w.coverage_missing;
        let criterion = self.rule == Rule::Criterion;
        match (self.true_count > 0, self.false_count > 0) {
            (true, true) => None,
            (true, false) if criterion => Some(fails),
            (false, true) if criterion => Some(passes),
            (true, false) => Some(never_false),
            (false, true) => Some(never_true),
            (false, false) if self.unknown > 0 => Some(only_unknown),
            (false, false) if criterion => Some(undecided),
            (false, false) => Some(unreached),
        }
    }
}

impl Coverage {
    /// Every criterion and rule of a framework, exercised by no sample yet.
    pub(crate) fn new(framework: &Framework) -> Coverage {
        let mut items = Vec::new();
        for c in &framework.criteria {
            items.push(CoverageItem::new(
                &c.id,
                Rule::Criterion,
                format!("criterion \"{}\"", c.title),
            ));
            if let Some(applies) = &c.applies {
                items.push(CoverageItem::new(
                    &c.id,
                    Rule::AppliesWhen,
                    format!("applies when {}", applies.notation),
                ));
            }
            for (i, r) in c.requirements.iter().enumerate() {
                items.push(CoverageItem::new(
                    &c.id,
                    Rule::Require { index: i + 1 },
                    format!("require {}", r.condition.notation),
                ));
            }
            if let Some(score) = &c.score {
                for (level, condition) in &score.levels {
                    items.push(CoverageItem::new(
                        &c.id,
                        Rule::Level { level: *level },
                        format!("level {level} when {}", condition.notation),
                    ));
                }
            }
        }
        Coverage { samples: 0, items }
    }

    /// Adds one location, evaluated to `outcome`.
    pub(crate) fn add(&mut self, framework: &Framework, evidence: &Evidence, outcome: &Outcome) {
        self.samples += 1;
        let traces = framework.trace(evidence);
        let mut items = self.items.iter_mut();
        for ((c, trace), result) in framework
            .criteria
            .iter()
            .zip(&traces)
            .zip(&outcome.criteria)
        {
            if let Some(item) = items.next() {
                item.record(match result.status {
                    Status::Pass => Some(Some(true)),
                    Status::Fail => Some(Some(false)),
                    Status::Unknown => Some(None),
                    Status::NotApplicable | Status::Waived => None,
                });
            }
            if let Some(applies) = trace.applies {
                if let Some(item) = items.next() {
                    item.record(Some(applies));
                }
            }
            let applies = matches!(trace.applies, None | Some(Some(true)));
            for truth in &trace.requirements {
                if let Some(item) = items.next() {
                    item.record(applies.then_some(*truth));
                }
            }
            if let Some(score) = &c.score {
                for i in 0..score.levels.len() {
                    let decided = trace.levels.get(i).copied();
                    if let Some(item) = items.next() {
                        item.record(if applies { decided } else { None });
                    }
                }
            }
        }
    }

    /// How many sides (true and false of every item) exist.
    pub fn sides(&self) -> usize {
        self.items.len() * 2
    }

    /// How many sides some sample exercised.
    pub fn sides_covered(&self) -> usize {
        self.items.iter().map(CoverageItem::sides_covered).sum()
    }

    /// The share of sides exercised, in percent (100 for a framework
    /// without rules).
    pub fn percent(&self) -> f64 {
        let sides = self.sides();
        if sides == 0 {
            return 100.0;
        }
        // Counts of rules are far below 2^52: the conversion is exact.
        let share = self.sides_covered() as f64 / sides as f64;
        share * 100.0
    }

    /// Whether the coverage reaches `min` percent.
    pub fn meets(&self, min: f64) -> bool {
        // Compared as covered·100 ≥ min·sides, without rounding the share.
        let (covered, sides) = (self.sides_covered() as f64, self.sides() as f64);
        covered * 100.0 >= min * sides
    }

    /// The items some side of which no sample exercised, in framework order.
    pub fn uncovered(&self) -> impl Iterator<Item = &CoverageItem> {
        self.items.iter().filter(|i| !i.is_covered())
    }
}
