//! The summary line: a location's verdict and every status, no
//! explanations. What a dashboard or a batch over many locations needs,
//! written straight from a [`Decision`], so that nothing is explained that
//! nobody reads.

use std::fmt::Write as _;

use crate::eval::Decision;

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
    let mut out = String::with_capacity(1024);
    let location = decision.location();
    out.push_str(r#"{"location":{"id":"#);
    string(&mut out, &location.id);
    if let Some(name) = &location.name {
        out.push_str(r#","name":"#);
        string(&mut out, name);
    }
    let parts = decision.parts();
    let _ = write!(
        out,
        r#"}},"as_of":"{}","stage":"{}","verdict":"{}","parts":{{"legal":"{}","base":"{}","local":"#,
        decision.as_of(),
        decision.stage().as_str(),
        decision.verdict().as_str(),
        parts.legal.as_str(),
        parts.base.as_str(),
    );
    match parts.local {
        Some(local) => {
            let _ = write!(out, r#""{}"}},"valid_until":"#, local.as_str());
        }
        None => out.push_str(r#"null},"valid_until":"#),
    }
    match decision.valid_until() {
        Some(d) => {
            let _ = write!(out, r#""{d}""#);
        }
        None => out.push_str("null"),
    }
    out.push_str(r#","themes":{"#);
    for (i, theme) in decision.themes().enumerate() {
        entry(&mut out, i, theme.id, theme.status.as_str());
    }
    out.push_str(r#"},"criteria":{"#);
    for (i, criterion) in decision.criteria().enumerate() {
        entry(&mut out, i, criterion.id, criterion.status.as_str());
    }
    out.push_str(r#"},"levels":{"#);
    let mut first = true;
    for criterion in decision.criteria() {
        if let Some(level) = criterion.level {
            if !first {
                out.push(',');
            }
            first = false;
            string(&mut out, criterion.id);
            let _ = write!(out, ":{level}");
        }
    }
    out.push_str("}}");
    out
}

fn entry(out: &mut String, index: usize, id: &str, status: &str) {
    if index > 0 {
        out.push(',');
    }
    string(out, id);
    out.push_str(":\"");
    out.push_str(status);
    out.push('"');
}

/// A JSON string, escaped as serde_json escapes it.
fn string(out: &mut String, text: &str) {
    out.push('"');
    super::json::escape(out, text);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Strings are escaped exactly as serde_json escapes them.
    #[test]
    fn strings_escape_like_serde_json() {
        for text in [
            "plain",
            "a \"b\" \\ c",
            "tab\tnew\nline\r",
            "\u{1}\u{1f}\u{8}\u{c}",
            "één ✓",
        ] {
            let mut out = String::new();
            string(&mut out, text);
            assert_eq!(out, serde_json::to_string(text).unwrap());
        }
    }
}
