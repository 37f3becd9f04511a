//! The summary line: a location's verdict and every status, no
//! explanations. What a dashboard or a batch over many locations needs,
//! written straight from a [`Decision`], so that nothing is explained that
//! nobody reads.

use jiff::civil::Date;
use serde::Serialize;

use crate::eval::{Decision, Stage};
use crate::evidence::Location;
use crate::outcome::{Parts, Verdict};

/// One JSON line: `location`, `as_of`, `stage`, `verdict`, `parts`, `valid_until`,
/// `themes` and `criteria` as objects from id to status, and `levels`
/// from id to level for graded criteria whose level is known.
///
/// ```
/// # use kader::{Evidence, Framework, Stage};
/// let framework = Framework::compile(r#"
///     framework demo "Demo" version "1"
///     evidence { plan.adopted : date "Datum plan" }
///     theme beleid "Beleid" {
///       criterion B1 "Plan" { mandatory owner school require plan.adopted within 12 months }
///     }
/// "#)?;
/// let evidence = Evidence::from_json(&framework, r#"{
///     "location": { "id": "brin-12AB-01" }, "as_of": "2026-11-30", "evidence": {}
/// }"#)?;
/// let line = kader::report::summary(&framework.decide(&evidence, Stage::Intake));
/// assert_eq!(line, concat!(
///     r#"{"location":{"id":"brin-12AB-01"},"as_of":"2026-11-30","stage":"intake","#,
///     r#""verdict":"insufficient_evidence","#,
///     r#""parts":{"legal":"certified","base":"insufficient_evidence","local":null},"#,
///     r#""valid_until":null,"#,
///     r#""themes":{"beleid":"unknown"},"criteria":{"B1":"unknown"},"levels":{}}"#,
/// ));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn summary(decision: &Decision<'_>) -> String {
    let line = Line {
        location: decision.location(),
        as_of: decision.as_of(),
        stage: decision.stage(),
        verdict: decision.verdict(),
        parts: decision.parts(),
        valid_until: decision.valid_until(),
        themes: Themes(decision),
        criteria: Criteria(decision),
        levels: Levels(decision),
    };
    super::json::into_text(&line, String::new())
}

/// The summary line's fields, in order.
#[derive(Serialize)]
struct Line<'a, 'd> {
    location: &'a Location,
    as_of: Date,
    stage: Stage,
    verdict: Verdict,
    parts: Parts,
    valid_until: Option<Date>,
    themes: Themes<'a, 'd>,
    criteria: Criteria<'a, 'd>,
    levels: Levels<'a, 'd>,
}

/// Theme id to status.
struct Themes<'a, 'd>(&'d Decision<'a>);
/// Criterion id to status.
struct Criteria<'a, 'd>(&'d Decision<'a>);
/// Criterion id to level, for graded criteria whose level is known.
struct Levels<'a, 'd>(&'d Decision<'a>);

impl Serialize for Themes<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.themes().map(|t| (t.id, t.status)))
    }
}

impl Serialize for Criteria<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.criteria().map(|c| (c.id, c.status)))
    }
}

impl Serialize for Levels<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(
            self.0
                .criteria()
                .filter_map(|c| c.level.map(|level| (c.id, level))),
        )
    }
}
