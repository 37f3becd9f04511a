//! The two moments a framework is applied: the **intake** (how far does a
//! location meet the framework? missing evidence is to be supplied) and the
//! **audit** (what is not demonstrated fails; a positive result gives a
//! certificate).
//!
//! The intake is the language contract's semantics unchanged. The audit
//! differs in one step only, taken before the themes are scored: every
//! criterion that is still unknown, including one whose applicability is
//! unknown, fails at level 0 (`demand`). Nothing is unknown afterwards, so
//! an audit's verdict is always certified or not certified.

use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::Serialize;

use super::Share;
use crate::check::Language;
use crate::compile::Framework;
use crate::evidence::Location;
use crate::outcome::{FrameworkRef, GapKind, Outcome, Status, ThemeOutcome};
use crate::words::words;

/// Which moment of the certification a result is for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Lenient: missing evidence is to be supplied, not a failure.
    #[default]
    Intake,
    /// Strict: what is not demonstrated fails.
    Audit,
}

impl Stage {
    /// The stage as written in results.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Intake => "intake",
            Stage::Audit => "audit",
        }
    }
}

/// How to evaluate: the stage, and the language of the words kader writes
/// itself in gap messages (default: the framework's).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EvalOptions {
    /// Intake (default) or audit.
    pub stage: Stage,
    /// The language of kader's own words; author text keeps its language.
    pub language: Option<Language>,
}

/// A stage on its own: kader's words in the framework's language.
impl From<Stage> for EvalOptions {
    fn from(stage: Stage) -> EvalOptions {
        EvalOptions {
            stage,
            language: None,
        }
    }
}

/// How far a theme has come, in four bands of its score (the lower bound:
/// unknown criteria count 0) and its status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Maturity {
    /// The theme does not pass and scores below 40%.
    Starting,
    /// The theme does not pass (yet) and scores at least 40%; or it has no
    /// weighted criteria and does not pass.
    Developing,
    /// The theme passes: every mandatory criterion met and the score at its
    /// threshold, below 90%.
    InOrder,
    /// The theme passes with a score of at least 90%.
    Strong,
}

impl Maturity {
    /// From this score on a theme that passes is strong (90%).
    pub const STRONG_FROM: Decimal = Decimal::from_parts(9, 0, 0, false, 1);
    /// From this score on a theme that does not pass is developing (40%).
    pub const DEVELOPING_FROM: Decimal = Decimal::from_parts(4, 0, 0, false, 1);

    /// The maturity of an evaluated theme.
    pub fn of(theme: &ThemeOutcome) -> Maturity {
        match (theme.status, theme.score) {
            (Status::Pass, Some(s)) if s >= Maturity::STRONG_FROM => Maturity::Strong,
            (Status::Pass, _) => Maturity::InOrder,
            (_, Some(s)) if s < Maturity::DEVELOPING_FROM => Maturity::Starting,
            _ => Maturity::Developing,
        }
    }

    /// The maturity as written in results.
    pub fn as_str(self) -> &'static str {
        match self {
            Maturity::Starting => "starting",
            Maturity::Developing => "developing",
            Maturity::InOrder => "in_order",
            Maturity::Strong => "strong",
        }
    }
}

/// One piece of evidence an intake found missing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ToSupply {
    /// The evidence path.
    pub path: String,
    /// Its label in the framework.
    pub label: Option<String>,
    /// The criteria that need it, in framework order.
    pub criteria: Vec<String>,
    /// Whether it still matters: some value of it, whatever the location
    /// supplies for the rest of what is missing, changes whether the
    /// location is certified or whether a theme passes (decided exactly
    /// by [`crate::analysis::decisive`]).
    pub decisive: bool,
}

/// The certificate a positive audit gives.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Certificate {
    /// The certified location.
    pub location: Location,
    /// The framework, with its version.
    pub framework: FrameworkRef,
    /// The date of the audit: the as-of date of the evidence.
    pub audit_date: Date,
    /// The audit date plus the framework's validity, and never past the
    /// end of an exception the certificate relies on; `None` when neither
    /// sets an end.
    pub valid_until: Option<Date>,
    /// The exceptions the certificate relies on: the criteria it waives,
    /// with each decision (empty when it relies on none).
    pub relies_on: Vec<crate::evidence::Exception>,
    /// The certificate's number, from the audit's evidence file.
    pub number: Option<String>,
    /// The body that issues it.
    pub issued_by: Option<String>,
    /// Who audited the location.
    pub auditor: Option<String>,
    /// The day the certification committee decided.
    pub decided_on: Option<Date>,
    /// Conditions attached to the certificate.
    pub conditions: Vec<String>,
    /// When the mid-term check is due: the audit date plus the
    /// framework's `midterm`; `None` when it sets none.
    pub midterm_check: Option<Date>,
    /// The three-part verdict the certificate rests on.
    pub parts: crate::outcome::Parts,
    /// The SHA-256 of the framework's canonical text (hex).
    pub framework_hash: String,
    /// The SHA-256 of the evidence as loaded, in canonical JSON (hex).
    pub evidence_hash: String,
    /// The content hash over framework, evidence and result
    /// (docs/certificate.md); set when the result document is written,
    /// which is what it is taken over.
    pub hash: Option<String>,
}

/// A location's result at a stage: the outcome and what the stage adds.
#[derive(Clone, Debug, PartialEq)]
pub struct Assessment {
    /// Intake or audit.
    pub stage: Stage,
    /// The language kader's own words in the outcome are in.
    pub language: Language,
    /// The outcome. At the audit nothing in it is unknown.
    pub outcome: Outcome,
    /// Intake: the evidence still to be supplied, in declaration order,
    /// with the criteria that need it. Empty at the audit, where missing
    /// evidence is a failure instead.
    pub to_supply: Vec<ToSupply>,
    /// Audit, certified: the certificate.
    pub certificate: Option<Certificate>,
}

impl Assessment {
    /// The maturity of every theme, in framework order.
    pub fn maturity(&self) -> Vec<Maturity> {
        self.outcome.themes.iter().map(Maturity::of).collect()
    }
}

/// The audit's rule: a criterion that is not demonstrated fails at level 0.
pub(super) fn demand(judged: &mut [super::Ruling], framework: &Framework) {
    for (j, c) in judged.iter_mut().zip(&framework.criteria) {
        if j.status != Status::Unknown {
            continue;
        }
        let max = c.score.as_ref().map(|s| s.max);
        j.status = Status::Fail;
        j.demanded = true;
        if max.is_some() {
            j.level = Some(0);
        }
        j.share = Share::Known {
            level: 0,
            max: max.unwrap_or(1),
        };
    }
}

/// The gaps of a criterion the audit failed keep naming what is missing,
/// and every gap about missing evidence says that it was not demonstrated.
pub(super) fn not_demonstrated(language: Language, gaps: &mut [crate::outcome::Gap]) {
    let sentence = words(language).not_demonstrated;
    // A gap about unverified evidence says why it is not demonstrated.
    let mut said = gaps.iter().any(|g| g.kind == GapKind::Unverified);
    for gap in gaps.iter_mut() {
        if matches!(gap.kind, GapKind::Missing | GapKind::Applicability) {
            gap.message = format!("{} {sentence}", gap.message);
            said = true;
        }
    }
    if !said {
        if let Some(gap) = gaps.first_mut() {
            gap.message = format!("{} {sentence}", gap.message);
        }
    }
}
