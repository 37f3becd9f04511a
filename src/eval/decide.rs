//! Deciding a location: every criterion's status and level, every theme's
//! status and the verdict, with no text built at all. Explanations (gaps,
//! titles, messages) are built from a decision only when asked for
//! ([`Decision::explain`]), and then only for what did not pass.

use jiff::civil::Date;

use super::score::{self, ThemeScore};
use super::{stage, Evaluator, Share};
use crate::check::Language;
use crate::compile::Framework;
use crate::evidence::{Evidence, Supplied};
use crate::outcome::{FrameworkRef, Outcome, PartnerOutcome, Parts, Status, Verdict};
use crate::value;
use crate::value::Value;
use crate::{EvalOptions, Stage};

/// How one criterion was decided: its status, the level it reached, the
/// share of its weight it adds to its theme, and whether an exception
/// waives it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Ruling {
    pub status: Status,
    pub level: Option<u64>,
    pub share: Share,
    /// The index of the exception that waives it.
    pub waiver: Option<usize>,
    /// Failed at the audit because it was not demonstrated.
    pub demanded: bool,
}

/// The decisions for one location at a stage: the verdict and the status
/// of every theme and criterion, without explanations.
///
/// Evaluating is two steps: [`Framework::decide`] and
/// [`Decision::explain`]. Deciding builds no text and allocates two small
/// arrays, so it is the way to evaluate many locations (dashboards, batch
/// runs, impact of a change); explain when a person will read the result.
///
/// ```
/// # use kader::{Evidence, Framework, Stage, Status, Verdict};
/// let framework = Framework::compile(r#"
///     framework demo "Demo" version "1"
///     evidence { plan.adopted : date "Datum vaststelling plan" }
///     theme beleid "Beleid" {
///       criterion B1 "Plan vastgesteld" {
///         mandatory
///         owner school
///         require plan.adopted within 48 months
///       }
///     }
/// "#)?;
/// let evidence = Evidence::from_json(&framework, r#"{
///     "location": { "id": "brin-12AB-01" }, "as_of": "2026-11-30",
///     "evidence": { "plan": { "adopted": "2020-01-15" } }
/// }"#)?;
///
/// let decision = framework.decide(&evidence, Stage::Intake);
/// assert_eq!(decision.verdict(), Verdict::NotCertified);
/// let b1 = decision.criterion("B1").ok_or("no B1")?;
/// assert_eq!(b1.status, Status::Fail);
///
/// // Explanations only when asked for:
/// let assessment = decision.explain();
/// assert_eq!(assessment.outcome.criteria[0].gaps[0].actual, "2020-01-15");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct Decision<'a> {
    pub(crate) framework: &'a Framework,
    pub(crate) evidence: &'a Evidence,
    pub(crate) stage: Stage,
    /// The language of kader's own words in the explanation.
    pub(crate) language: Language,
    judged: Vec<Ruling>,
    themes: Vec<ThemeScore>,
    verdict: Verdict,
    parts: Parts,
    valid_until: Option<Date>,
}

/// One criterion's decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CriterionDecision<'a> {
    /// The criterion's id.
    pub id: &'a str,
    /// Its status.
    pub status: Status,
    /// For a graded criterion: the level reached, when known.
    pub level: Option<u64>,
}

/// One theme's decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ThemeDecision<'a> {
    /// The theme's id.
    pub id: &'a str,
    /// Its status.
    pub status: Status,
}

impl Framework {
    /// Decides one location's evidence: statuses and verdict, no
    /// explanations. `options` is a [`Stage`] or [`EvalOptions`] (the stage
    /// and the language [`Decision::explain`] writes in). See [`Decision`].
    pub fn decide<'a>(
        &'a self,
        evidence: &'a Evidence,
        options: impl Into<EvalOptions>,
    ) -> Decision<'a> {
        let EvalOptions { stage, language } = options.into();
        let language = language.unwrap_or(self.language);
        let evaluator = Evaluator::new(self, evidence);
        // At the audit, a criterion that requires verified evidence reads
        // only what someone verified.
        let strict = (stage == Stage::Audit).then(|| Evaluator::verified(self, evidence));
        let mut judged: Vec<Ruling> = match &strict {
            None => self.criteria.iter().map(|c| evaluator.judge(c)).collect(),
            Some(strict) => self
                .criteria
                .iter()
                .map(|c| {
                    if c.verified_at_audit {
                        strict.judge(c)
                    } else {
                        evaluator.judge(c)
                    }
                })
                .collect(),
        };
        if stage == Stage::Audit {
            stage::demand(&mut judged, self);
        }
        let themes: Vec<ThemeScore> = self
            .themes
            .iter()
            .map(|theme| score::theme(theme, &judged))
            .collect();
        let verdict = verdict_of(themes.iter().map(|t| t.status), stage);
        let parts = parts(self, &evaluator, &judged, &themes, verdict, stage);
        let valid_until = match verdict {
            Verdict::Certified => {
                // A certificate never outlasts an exception it relies on.
                let relied = relied_on(&judged, evidence).map(|e| e.valid_until).min();
                let by_validity = self.validity.and_then(|p| value::add(evidence.as_of, p));
                match (by_validity, relied) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                }
            }
            _ => None,
        };
        Decision {
            framework: self,
            evidence,
            stage,
            language,
            judged,
            themes,
            verdict,
            parts,
            valid_until,
        }
    }
}

/// The exceptions that waive a criterion of this decision.
fn relied_on<'e>(
    judged: &'e [Ruling],
    evidence: &'e Evidence,
) -> impl Iterator<Item = &'e crate::evidence::Exception> + 'e {
    judged
        .iter()
        .filter_map(|j| j.waiver.and_then(|i| evidence.exceptions.get(i)))
}

/// The verdict over theme statuses: not certified when any fails,
/// certified when all pass.
fn verdict_of(statuses: impl Iterator<Item = Status>, stage: Stage) -> Verdict {
    let mut all_pass = true;
    for status in statuses {
        match status {
            Status::Fail => return Verdict::NotCertified,
            Status::Pass => {}
            _ => all_pass = false,
        }
    }
    if all_pass {
        Verdict::Certified
    } else if stage == Stage::Audit {
        // Only an arithmetic overflow leaves a theme open once nothing
        // is unknown; an audit does not certify what it cannot decide.
        Verdict::NotCertified
    } else {
        Verdict::InsufficientEvidence
    }
}

/// What the verdict stands for (see [`Parts`]).
fn parts(
    framework: &Framework,
    evaluator: &Evaluator<'_>,
    judged: &[Ruling],
    themes: &[ThemeScore],
    verdict: Verdict,
    stage: Stage,
) -> Parts {
    let legal = verdict_of(
        framework
            .criteria
            .iter()
            .zip(judged)
            .filter(|(c, _)| c.legal.is_some())
            .map(|(_, j)| match j.status {
                Status::NotApplicable | Status::Waived => Status::Pass,
                other => other,
            }),
        stage,
    );
    let Some((bottom, _)) = framework.extends.last() else {
        return Parts {
            legal,
            base: verdict,
            local: None,
        };
    };
    // The bottom framework on its own: its criteria without the layers'
    // requirements, its themes by its own rule.
    let mut untightened = judged.to_vec();
    for (j, c) in untightened.iter_mut().zip(&framework.criteria) {
        if !c.tightened_by.is_empty() && c.layer == *bottom {
            *j = evaluator.judge_untightened(c);
        }
    }
    if stage == Stage::Audit {
        stage::demand(&mut untightened, framework);
    }
    let base = verdict_of(
        framework
            .themes
            .iter()
            .filter(|t| t.layer == *bottom)
            .map(|t| {
                let rule = t
                    .floors
                    .first()
                    .map_or(score::Rule::own(t), score::Rule::floor);
                score::rule(rule, &untightened).status
            }),
        stage,
    );
    let local = verdict_of(
        framework
            .themes
            .iter()
            .zip(themes)
            .filter(|(t, _)| {
                t.layer != *bottom
                    || !t.floors.is_empty()
                    || t.criteria.iter().any(|&i| {
                        framework
                            .criteria
                            .get(i as usize)
                            .is_some_and(|c| !c.tightened_by.is_empty())
                    })
            })
            .map(|(_, s)| s.status),
        stage,
    );
    Parts {
        legal,
        base,
        local: Some(local),
    }
}

impl<'a> Decision<'a> {
    /// The overall decision.
    pub fn verdict(&self) -> Verdict {
        self.verdict
    }

    /// What the verdict stands for: the legal obligations, the base
    /// framework and the local ambitions (see [`Parts`]).
    pub fn parts(&self) -> Parts {
        self.parts
    }

    /// For a certified location: until when the certificate is valid.
    pub fn valid_until(&self) -> Option<Date> {
        self.valid_until
    }

    /// The location decided.
    pub fn location(&self) -> &'a crate::Location {
        &self.evidence.location
    }

    /// The date the evidence was judged on.
    pub fn as_of(&self) -> Date {
        self.evidence.as_of
    }

    /// The exceptions the decision relies on: those that waive one of its
    /// criteria, in framework order.
    pub fn relies_on(&self) -> impl Iterator<Item = &crate::evidence::Exception> + '_ {
        relied_on(&self.judged, self.evidence)
    }

    /// The stage the location was decided at.
    pub fn stage(&self) -> Stage {
        self.stage
    }

    /// Every criterion's decision, in framework order.
    pub fn criteria(&self) -> impl ExactSizeIterator<Item = CriterionDecision<'a>> + '_ {
        self.framework
            .criteria
            .iter()
            .zip(&self.judged)
            .map(|(c, j)| CriterionDecision {
                id: &c.id,
                status: j.status,
                level: j.level,
            })
    }

    /// One criterion's decision by id; `None` for an unknown id.
    pub fn criterion(&self, id: &str) -> Option<CriterionDecision<'a>> {
        self.criteria().find(|c| c.id == id)
    }

    /// The status of the criterion at `index` in framework order.
    pub(crate) fn criterion_status(&self, index: usize) -> Option<Status> {
        self.judged.get(index).map(|j| j.status)
    }

    /// The status of the theme at `index` in framework order.
    pub(crate) fn theme_status(&self, index: usize) -> Option<Status> {
        self.themes.get(index).map(|t| t.status)
    }

    /// Every theme's decision, in framework order.
    pub fn themes(&self) -> impl ExactSizeIterator<Item = ThemeDecision<'a>> + '_ {
        self.framework
            .themes
            .iter()
            .zip(&self.themes)
            .map(|(t, s)| ThemeDecision {
                id: &t.id,
                status: s.status,
            })
    }

    /// The result with every gap explained, without what the stage adds:
    /// what comparing outcomes needs, and no more.
    pub(crate) fn outcome(&self) -> Outcome {
        let language = self.language;
        let framework = self.framework;
        let evaluator = Evaluator::new(framework, self.evidence);
        let strict =
            (self.stage == Stage::Audit).then(|| Evaluator::verified(framework, self.evidence));
        let criteria = framework
            .criteria
            .iter()
            .zip(&self.judged)
            .map(|(c, j)| match &strict {
                Some(strict) if c.verified_at_audit => strict.explain(c, j, language),
                _ => evaluator.explain(c, j, language),
            })
            .collect();
        let themes = framework
            .themes
            .iter()
            .zip(&self.themes)
            .map(|(t, s)| score::outcome(framework, t, &self.judged, s))
            .collect();
        Outcome {
            framework: FrameworkRef {
                id: framework.id.clone(),
                title: framework.title.clone(),
                version: framework.version.clone(),
            },
            location: self.evidence.location.clone(),
            as_of: self.evidence.as_of,
            verdict: self.verdict,
            parts: self.parts,
            valid_until: self.valid_until,
            themes,
            criteria,
            partners: self.partners(),
        }
    }

    /// The framework's partners, named in the result's language, with the
    /// contact person the evidence gives.
    fn partners(&self) -> Vec<PartnerOutcome> {
        self.framework
            .partners
            .iter()
            .map(|p| PartnerOutcome {
                id: p.id.clone(),
                name: self.framework.partner_name(&p.id, self.language),
                contact: p
                    .contact
                    .and_then(|slot| match self.evidence.values.get(slot) {
                        Some(Some(Supplied::One(Value::Text(t)))) if !crate::value::is_blank(t) => {
                            Some(t.trim().to_string())
                        }
                        _ => None,
                    }),
                lead: p.lead.clone(),
                confirmed_on: p
                    .contact
                    .and_then(|slot| u32::try_from(slot).ok())
                    .and_then(|slot| self.evidence.provenance_of(slot))
                    .and_then(|provenance| provenance.verified.as_ref())
                    .map(|verified| verified.on)
                    .filter(|on| *on <= self.evidence.as_of),
                contact_asked: p.contact.is_some(),
            })
            .collect()
    }
}
