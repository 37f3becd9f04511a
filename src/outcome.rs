//! The result of evaluating one location: data, not text. Every status
//! carries what decided it; rendering lives in [`crate::report`].

use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::evidence::Location;

/// The overall decision for a location.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Every theme passes.
    Certified,
    /// At least one theme fails.
    NotCertified,
    /// No theme fails, but missing evidence leaves at least one undecided.
    InsufficientEvidence,
}

impl Verdict {
    /// The verdict as written in results.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Certified => "certified",
            Verdict::NotCertified => "not_certified",
            Verdict::InsufficientEvidence => "insufficient_evidence",
        }
    }
}

/// What a certificate stands for, part by part (`docs/language.md`).
///
/// - `legal`: every applicable criterion with a legal basis passes;
/// - `base`: the bottom framework of the stack (the basiskader) on its
///   own, with its own criteria, requirements, weights and rules; for a
///   framework without layers, the verdict itself;
/// - `local`: for a layered framework, what the layers add or change (the
///   themes they add, and the base themes they add criteria to, tighten a
///   criterion of, or give a rule) under the layered framework; `None`
///   without layers.
///
/// For every location, the verdict of a layered framework is the meet of
/// `base` and `local`: certified only when both are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Parts {
    /// The legal obligations.
    pub legal: Verdict,
    /// The base framework.
    pub base: Verdict,
    /// The local ambitions of the layers, if any.
    pub local: Option<Verdict>,
}

impl Verdict {
    /// The meet of two verdicts: not certified before insufficient
    /// evidence before certified.
    pub fn meet(self, other: Verdict) -> Verdict {
        match (self, other) {
            (Verdict::NotCertified, _) | (_, Verdict::NotCertified) => Verdict::NotCertified,
            (Verdict::Certified, Verdict::Certified) => Verdict::Certified,
            _ => Verdict::InsufficientEvidence,
        }
    }

    /// Its rank: not certified 0, insufficient evidence 1, certified 2.
    pub fn rank(self) -> u8 {
        match self {
            Verdict::NotCertified => 0,
            Verdict::InsufficientEvidence => 1,
            Verdict::Certified => 2,
        }
    }
}

/// The status of a criterion or a theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Demonstrably met.
    Pass,
    /// Demonstrably not met.
    Fail,
    /// Missing evidence leaves it open.
    Unknown,
    /// Does not apply to this location (criteria only).
    NotApplicable,
    /// An exception granted by the certifying body: it leaves the scoring
    /// like a criterion that does not apply (criteria only).
    Waived,
}

impl Status {
    /// The status as written in results.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "fail",
            Status::Unknown => "unknown",
            Status::NotApplicable => "not_applicable",
            Status::Waived => "waived",
        }
    }
}

/// The framework a result was computed with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FrameworkRef {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its version.
    pub version: String,
}

/// The evaluation of one location.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Outcome {
    /// Which framework.
    pub framework: FrameworkRef,
    /// Which location.
    pub location: Location,
    /// The date the evidence was judged on.
    pub as_of: Date,
    /// The decision.
    pub verdict: Verdict,
    /// What the verdict stands for, part by part.
    pub parts: Parts,
    /// Until when a certificate is valid: `as_of` plus the framework's
    /// validity, and never past the end of an exception the location's
    /// certification relies on; only for a certified location.
    pub valid_until: Option<Date>,
    /// Every theme, in framework order.
    pub themes: Vec<ThemeOutcome>,
    /// Every criterion, in framework order.
    pub criteria: Vec<CriterionOutcome>,
    /// The partners criteria name as owner, in the framework's order: who
    /// they are and, where the evidence says, who to contact.
    pub partners: Vec<PartnerOutcome>,
}

/// A partner as a location's result names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PartnerOutcome {
    /// The id criteria name it by (`owner`).
    pub id: String,
    /// The name people read, in the result's language for the six partners
    /// the language knows.
    pub name: String,
    /// The contact person, as the location's evidence names them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    /// For work done together: the id of the partner who leads.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lead: Option<String>,
    /// The day the contact was last confirmed: the day its value was
    /// verified, on or before the as-of date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confirmed_on: Option<Date>,
    /// Whether the framework asks the evidence for its contact; not part
    /// of the JSON.
    #[serde(skip)]
    pub contact_asked: bool,
}

impl Outcome {
    /// A partner by its id.
    pub fn partner(&self, id: &str) -> Option<&PartnerOutcome> {
        self.partners.iter().find(|p| p.id == id)
    }

    /// The name of the partner with this id; the id itself for none.
    pub fn partner_name<'o>(&'o self, id: &'o str) -> &'o str {
        self.partner(id).map_or(id, |p| p.name.as_str())
    }
}

/// How one theme came out.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ThemeOutcome {
    /// Theme id.
    pub id: String,
    /// Theme title.
    pub title: String,
    /// Pass, fail or unknown.
    pub status: Status,
    /// The weighted score as a share of the maximum (0 to 1), counting
    /// unknown criteria as 0; `null` when no applicable criterion carries
    /// weight.
    #[serde(serialize_with = "opt_share")]
    pub score: Option<Decimal>,
    /// The score if every unknown criterion passed at its best level.
    #[serde(serialize_with = "opt_share")]
    pub score_max: Option<Decimal>,
    /// The threshold the score must reach, as a share.
    #[serde(serialize_with = "opt_share")]
    pub threshold: Option<Decimal>,
    /// Ids of applicable mandatory criteria that fail.
    pub failed_mandatory: Vec<String>,
    /// For a base theme in a layered framework: the rules of the
    /// frameworks below the layer (bottom first), each scored with its own
    /// criteria, weights and knock-outs. The theme passes only when each
    /// of them passes too; absent where the layer changed nothing.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub floors: Vec<FloorOutcome>,
}

/// How a theme came out under the rule of a framework below a layer.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FloorOutcome {
    /// The framework whose rule it is.
    pub framework: String,
    /// Pass, fail or unknown under that rule.
    pub status: Status,
    /// The score under that rule, as a share.
    #[serde(serialize_with = "opt_share")]
    pub score: Option<Decimal>,
    /// The score if every unknown criterion passed at its best level.
    #[serde(serialize_with = "opt_share")]
    pub score_max: Option<Decimal>,
    /// The threshold of that rule, as a share.
    #[serde(serialize_with = "opt_share")]
    pub threshold: Option<Decimal>,
    /// Ids of the knock-out criteria of that rule that fail.
    pub failed_mandatory: Vec<String>,
}

/// How one criterion came out.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CriterionOutcome {
    /// Criterion id.
    pub id: String,
    /// Theme id.
    pub theme: String,
    /// Criterion title.
    pub title: String,
    /// Pass, fail, unknown, not applicable or waived.
    pub status: Status,
    /// Whether it is a knock-out criterion.
    pub mandatory: bool,
    /// Its weight in the theme score.
    pub weight: u64,
    /// For a graded criterion: the level reached (null when unknown).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<u64>,
    /// For a graded criterion: the highest level.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_level: Option<u64>,
    /// Who must act on a gap: the id of one of the outcome's `partners`.
    pub owner: String,
    /// The legal basis, if any.
    pub legal: Option<String>,
    /// For a layered framework: the id of the framework that introduced
    /// the criterion (the base's or a layer's). Absent for a framework
    /// that extends nothing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub layer: Option<String>,
    /// For a layered framework: the layers that tightened the criterion,
    /// in order (empty when none did).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tightened_by: Option<Vec<String>>,
    /// For a waived criterion: the exception that waives it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waiver: Option<Waiver>,
    /// What is missing or wrong; empty when it passes, does not apply or
    /// is waived.
    pub gaps: Vec<Gap>,
    /// The evidence it reads that the evidence file gives a source or a
    /// verification for, in declaration order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub provenance: Vec<SourcedEvidence>,
}

/// A piece of evidence a criterion reads, with where it came from and who
/// verified it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SourcedEvidence {
    /// The evidence path.
    pub path: String,
    /// Its label in the framework, as people read it; not part of the JSON.
    #[serde(skip)]
    pub label: String,
    /// The document or register it was taken from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Who verified it, when and how; `null` when nobody did.
    pub verified: Option<crate::evidence::Verification>,
}

/// An exception the certifying body granted for one criterion, as it
/// appears in the result of the criterion it waives.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Waiver {
    /// Why the criterion is waived.
    pub reason: String,
    /// Who granted the exception.
    pub granted_by: String,
    /// The day the certifying body decided it.
    pub decided_on: Date,
    /// The last day the exception holds.
    pub valid_until: Date,
}

/// One explained shortfall of a criterion.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Gap {
    /// The evidence paths involved, in order of first use: at most 32;
    /// `actual` and the message end in "and more" when there are more.
    pub evidence: Vec<String>,
    /// What is required, in the framework's notation.
    pub expected: String,
    /// What was found: a value, or "missing".
    pub actual: String,
    /// The author's message with placeholders filled in.
    pub message: String,
    /// Why this is a gap.
    pub kind: GapKind,
    /// The gap in plain words for people; not part of the result document.
    #[serde(skip)]
    pub(crate) plain: PlainGap,
}

/// A gap in plain words, for the reports people read: evidence by its
/// label, values as the language writes them, no notation and no path.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct PlainGap {
    /// The author's message with its values in the framework's language,
    /// or kader's own sentence; `None` when the norm says it all.
    pub message: Option<String>,
    /// What must hold, in the report's language.
    pub norm: String,
    /// What was found, in the report's language.
    pub found: String,
    /// The labels of the evidence involved.
    pub evidence: Vec<String>,
}

/// Why a gap is a gap.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GapKind {
    /// The evidence shows the requirement is not met.
    Failed,
    /// Evidence is missing, so the requirement cannot be judged.
    Missing,
    /// Evidence is missing to decide whether the criterion applies.
    Applicability,
    /// At an audit that requires verified evidence: evidence was supplied
    /// but nobody verified it, so it is not demonstrated.
    Unverified,
}

/// A share as a JSON number: the nearest double to the exact share (5/6
/// is written 0.8333333333333334), as any JSON reader would compute it.
pub(crate) fn opt_share<S: serde::Serializer>(
    d: &Option<Decimal>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match d.and_then(nearest_double) {
        Some(f) => s.serialize_f64(f),
        None => s.serialize_none(),
    }
}

/// The nearest double to a decimal, as parsing its normalised text gives
/// it. A mantissa below 2^53 over a power of ten up to 10^22 are both
/// exact doubles, and one division of exact doubles rounds correctly: the
/// same double, without the text.
fn nearest_double(d: Decimal) -> Option<f64> {
    const POWERS: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
    let exact = u64::try_from(d.mantissa())
        .ok()
        .filter(|m| *m < 1 << 53)
        .zip(usize::try_from(d.scale()).ok().and_then(|s| POWERS.get(s)));
    match exact {
        // Non-negative only: normalising turns -0 into 0.
        Some((mantissa, power)) => Some(mantissa as f64 / power),
        // Otherwise the text `MANTISSAe-SCALE`, parsed: the same exact
        // value as the decimal's own text, so the same double.
        None => {
            let mut text = String::with_capacity(48);
            text.push_str(itoa::Buffer::new().format(d.mantissa()));
            text.push_str("e-");
            text.push_str(itoa::Buffer::new().format(d.scale()));
            text.parse::<f64>().ok()
        }
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    /// Every share `p/q` (and its negation, and the same value at other
    /// scales) is the double its normalised text parses to.
    #[test]
    fn shares_are_the_double_their_text_parses_to() {
        let check = |d: Decimal| {
            let expected = d.normalize().to_string().parse::<f64>().ok();
            assert_eq!(
                super::nearest_double(d).map(f64::to_bits),
                expected.map(f64::to_bits),
                "{d:?}"
            );
        };
        for q in 1..=120_i64 {
            for p in 0..=q {
                let Some(share) = Decimal::from(p).checked_div(Decimal::from(q)) else {
                    continue;
                };
                check(share);
                check(-share);
                check(share.round_dp(3));
                let mut wide = share;
                wide.rescale(28);
                check(wide);
            }
        }
        for d in [
            Decimal::ZERO,
            Decimal::NEGATIVE_ONE * Decimal::ZERO,
            Decimal::MAX,
            Decimal::MIN,
            Decimal::new(9_007_199_254_740_993, 16),
            Decimal::new(9_007_199_254_740_991, 22),
            Decimal::new(1, 28),
            Decimal::new(123_456_789, 0),
        ] {
            check(d);
        }
    }
}
