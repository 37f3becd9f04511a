//! Which way each rule of each criterion went for one location: the truth of
//! its `applies when`, of every `require` and of every graded level that was
//! decided. `kader test --coverage` adds these up over the sample locations.
//!
//! The trace follows [`Evaluator::criterion`](super::Evaluator) step for step
//! (levels from the highest down, stopping at the first that holds or is
//! unknown) but only records truths; it does not change the outcome.

use super::Evaluator;
use crate::compile::{CompiledCriterion, Framework};
use crate::evidence::Evidence;

/// The truths of one criterion's rules for one location.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct CriterionTrace {
    /// The truth of `applies when`; `None` when the criterion has none.
    pub applies: Option<Option<bool>>,
    /// The truth of every `require`, in framework order.
    pub requirements: Vec<Option<bool>>,
    /// The truth of each level condition that was decided, highest level
    /// first: all of them when every one is false, otherwise up to and
    /// including the first that is true or unknown. Empty when ungraded.
    pub levels: Vec<Option<bool>>,
}

impl Framework {
    /// The trace of every criterion, in framework order, for one location.
    pub(crate) fn trace(&self, evidence: &Evidence) -> Vec<CriterionTrace> {
        let evaluator = Evaluator::new(self, evidence);
        self.criteria
            .iter()
            .map(|c| evaluator.trace_criterion(c))
            .collect()
    }
}

impl Evaluator<'_> {
    fn trace_criterion(&self, c: &CompiledCriterion) -> CriterionTrace {
        let applies = c.applies.as_ref().map(|a| self.truth(a.expr));
        let requirements = c
            .requirements
            .iter()
            .map(|r| self.truth(r.condition.expr))
            .collect();
        let mut levels = Vec::new();
        if let Some(score) = &c.score {
            for (_, condition) in &score.levels {
                let truth = self.truth(condition.expr);
                levels.push(truth);
                if truth != Some(false) {
                    break;
                }
            }
        }
        CriterionTrace {
            applies,
            requirements,
            levels,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outcome::Status;

    /// The status and level a criterion gets, worked out from its trace
    /// alone, the way `language.md` describes it.
    fn from_trace(c: &CompiledCriterion, t: &CriterionTrace) -> (Status, Option<u64>) {
        match t.applies {
            Some(Some(false)) => return (Status::NotApplicable, None),
            Some(None) => return (Status::Unknown, None),
            _ => {}
        }
        let required = crate::eval::kleene_all(t.requirements.iter().copied());
        let Some(score) = &c.score else {
            let status = match required {
                Some(true) => Status::Pass,
                Some(false) => Status::Fail,
                None => Status::Unknown,
            };
            return (status, None);
        };
        let level = match t.levels.last() {
            Some(Some(true)) => score.levels.get(t.levels.len() - 1).map(|(l, _)| *l),
            Some(None) => None,
            _ => Some(score.otherwise),
        };
        match (level, required) {
            (_, Some(false)) | (Some(0), _) => (Status::Fail, Some(0)),
            (Some(l), Some(true)) => (Status::Pass, Some(l)),
            _ => (Status::Unknown, None),
        }
    }

    #[test]
    fn the_trace_agrees_with_the_outcome_on_every_sample() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let source = std::fs::read_to_string(root.join("frameworks/basiskader.kader")).unwrap();
        let framework = Framework::compile(&source).unwrap();
        let mut checked = 0;
        for entry in std::fs::read_dir(root.join("samples")).unwrap() {
            let path = entry.unwrap().path();
            let name = path.to_string_lossy().to_string();
            let evidence = if name.ends_with(".expect.toml") {
                continue;
            } else if name.ends_with(".json") {
                Evidence::from_json(&framework, &std::fs::read_to_string(&path).unwrap())
            } else if name.ends_with(".toml") {
                Evidence::from_toml(&framework, &std::fs::read_to_string(&path).unwrap())
            } else {
                continue;
            }
            .unwrap();
            let outcome = framework
                .decide(&evidence, crate::Stage::Intake)
                .explain()
                .outcome;
            let traces = framework.trace(&evidence);
            assert_eq!(traces.len(), framework.criteria.len());
            for ((c, t), o) in framework
                .criteria
                .iter()
                .zip(&traces)
                .zip(&outcome.criteria)
            {
                assert_eq!(from_trace(c, t), (o.status, o.level), "{name}: {}", c.id);
                assert_eq!(t.applies.is_some(), c.applies.is_some(), "{name}: {}", c.id);
                assert_eq!(t.requirements.len(), c.requirements.len());
            }
            checked += 1;
        }
        assert!(checked >= 15, "only {checked} samples found");
    }
}
