//! Explaining a decision for the people who read it: the outcome with
//! every gap explained, and what the stage adds — at the intake the
//! evidence still to supply, each marked *decisive* or not by the exact
//! analysis, decisive first; after a positive audit the certificate.
//!
//! This stands above the analysis because the intake's list asks it what
//! still matters: evidence that no value of can change the verdict or a
//! theme's status is not decisive, however many criteria name it.

use std::collections::{BTreeMap, HashSet};

use crate::compile::SlotId;
use crate::eval::{Assessment, Certificate, Decision, Stage, ToSupply};
use crate::outcome::{Outcome, Status, Verdict};

impl Decision<'_> {
    /// The full result: every gap explained, with what the stage adds
    /// (evidence to supply at the intake, decisive first; the certificate
    /// after a positive audit), kader's own words in the language the
    /// options asked for (the framework's by default; author text keeps
    /// its language).
    pub fn explain(&self) -> Assessment {
        let outcome = self.outcome();
        let to_supply = match self.stage {
            Stage::Intake => to_supply(self, &outcome),
            Stage::Audit => Vec::new(),
        };
        let certificate = match (self.stage, outcome.verdict) {
            (Stage::Audit, Verdict::Certified) => {
                let particulars = self.evidence.certificate.clone().unwrap_or_default();
                let evidence = crate::evidence::loaded(self.evidence, self.framework);
                Some(Certificate {
                    location: outcome.location.clone(),
                    framework: outcome.framework.clone(),
                    audit_date: outcome.as_of,
                    valid_until: outcome.valid_until,
                    relies_on: self.relies_on().cloned().collect(),
                    number: particulars.number,
                    issued_by: particulars.issued_by,
                    auditor: particulars.auditor,
                    decided_on: particulars.decided_on,
                    conditions: particulars.conditions,
                    midterm_check: self
                        .framework
                        .midterm
                        .and_then(|p| crate::value::add(outcome.as_of, p)),
                    parts: outcome.parts,
                    framework_hash: self.framework.content_hash.clone(),
                    evidence_hash: crate::digest::sha256_hex(
                        crate::digest::canonical_json(&evidence).as_bytes(),
                    ),
                    hash: None,
                })
            }
            _ => None,
        };
        Assessment {
            stage: self.stage,
            language: self.language,
            outcome,
            to_supply,
            certificate,
        }
    }
}

/// The missing evidence that the gaps of criteria that do not pass name:
/// the decisive first, each part in declaration order.
fn to_supply(decision: &Decision<'_>, outcome: &Outcome) -> Vec<ToSupply> {
    let framework = decision.framework;
    // By slot: the criteria that need it, each once, in order.
    let mut needed: BTreeMap<SlotId, (Vec<&str>, HashSet<&str>)> = BTreeMap::new();
    for c in &outcome.criteria {
        if !matches!(c.status, Status::Fail | Status::Unknown) {
            continue;
        }
        for path in c.gaps.iter().flat_map(|g| &g.evidence) {
            let Some(slot) = framework.slot_by_path.get(path) else {
                continue;
            };
            if let Some(Some(_)) = decision.evidence.values.get(*slot as usize) {
                continue;
            }
            let (order, seen) = needed.entry(*slot).or_default();
            if seen.insert(c.id.as_str()) {
                order.push(c.id.as_str());
            }
        }
    }
    let slots: Vec<SlotId> = needed.keys().copied().collect();
    let decisive = crate::analysis::decisive(decision, &slots);
    let mut list: Vec<ToSupply> = needed
        .into_iter()
        .zip(decisive)
        .filter_map(|((slot, (criteria, _)), decisive)| {
            let slot = framework.slots.get(slot as usize)?;
            Some(ToSupply {
                path: slot.path.clone(),
                label: slot.label.clone(),
                criteria: criteria.into_iter().map(str::to_string).collect(),
                decisive,
            })
        })
        .collect();
    // A stable sort: declaration order within each part.
    list.sort_by_key(|t| !t.decisive);
    list
}
