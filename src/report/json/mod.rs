//! JSON: the result document of the language contract, and the documents
//! of assessments, plans and overviews.
//!
//! Every document is the `Serialize` of kader's result types
//! (`src/outcome.rs`, `src/eval/stage.rs`): one definition for the JSON,
//! the docs and the schema. An assessment is the outcome with what the
//! stage adds, written through a borrowed view ([`AssessmentView`]) that takes
//! the outcome apart field by field, so that a field added to the outcome
//! cannot be left out of it. [`write`] writes them.

pub(crate) mod write;

use serde::Serialize;
use serde_json::Value;

use crate::eval::{Assessment, Certificate, Maturity, Stage, ToSupply};
use crate::evidence::Location;
use rust_decimal::Decimal;

use crate::outcome::{
    self, CriterionOutcome, FloorOutcome, FrameworkRef, Outcome, PartnerOutcome, Parts, Status,
    ThemeOutcome, Verdict,
};
use crate::overview::Overview;
use crate::plan::{Agreement, ImprovementPlan};

/// The outcome as one line of JSON (the result document of
/// `docs/language.md`: every criterion in framework order).
pub fn to_json(outcome: &Outcome) -> String {
    line(outcome)
}

fn line<T: Serialize + ?Sized>(data: &T) -> String {
    into_text(data, String::new())
}

/// The JSON of `data` written into `out` (emptied first); on an error, a
/// document that says what went wrong.
pub(crate) fn into_text<T: Serialize + ?Sized>(data: &T, mut out: String) -> String {
    out.clear();
    match write::write(data, &mut out) {
        Ok(()) => out,
        Err(e) => serde_json::json!({ "error": e.to_string() }).to_string(),
    }
}

fn value<T: Serialize>(data: &T) -> Value {
    serde_json::to_value(data).unwrap_or_else(|e| Value::String(format!("error: {e}")))
}

/// The result document with what the stage adds: `stage` (before
/// `verdict`), `certificate` (after `valid_until`), each theme's
/// `maturity` (last), and `to_supply` and `what_it_takes` at the end.
/// Every field of the contract keeps its place and meaning.
pub(crate) fn assessment(
    a: &Assessment,
    what_it_takes: &[String],
    overdue: Option<&[Agreement]>,
) -> String {
    // Room for a typical document and the line break `render` adds, so
    // that the text is not copied as it grows.
    let o = &a.outcome;
    let gaps: usize = o.criteria.iter().map(|c| c.gaps.len()).sum();
    let capacity = 1024 + 200 * o.themes.len() + 240 * o.criteria.len() + 320 * gaps;
    let text = into_text(
        &AssessmentView {
            overdue,
            ..AssessmentView::new(a, what_it_takes)
        },
        String::with_capacity(capacity),
    );
    match &a.certificate {
        Some(certificate) if certificate.hash.is_none() => {
            // The hash is taken over the document without it, and then
            // written into it.
            let sealed = Certificate {
                hash: result_hash(certificate, &text),
                ..certificate.clone()
            };
            let mut view = AssessmentView {
                overdue,
                ..AssessmentView::new(a, what_it_takes)
            };
            view.certificate = Some(&sealed);
            into_text(&view, text)
        }
        _ => text,
    }
}

/// The certificate's hash for a result document: over the framework's and
/// the evidence's hashes the certificate names, and the SHA-256 of the
/// document's canonical JSON without `certificate.hash`. `None` when the
/// document is not JSON with a certificate.
pub(crate) fn result_hash(certificate: &Certificate, document: &str) -> Option<String> {
    let result = result_digest(document)?;
    Some(crate::digest::certificate_hash(
        &certificate.framework_hash,
        &certificate.evidence_hash,
        &result,
    ))
}

/// The SHA-256 of a result document's canonical JSON without
/// `certificate.hash`, and without `overdue`: what a plan file agreed is
/// not part of the certificate.
pub(crate) fn result_digest(document: &str) -> Option<String> {
    let mut value: Value = serde_json::from_str(document).ok()?;
    if let Some(top) = value.as_object_mut() {
        top.remove("overdue");
    }
    value
        .get_mut("certificate")?
        .as_object_mut()?
        .remove("hash");
    Some(crate::digest::sha256_hex(
        crate::digest::canonical_json(&value).as_bytes(),
    ))
}

/// An assessment as its JSON document: the outcome's fields in their
/// order, with the stage's own fields between them.
#[derive(Serialize)]
struct AssessmentView<'a> {
    framework: &'a FrameworkRef,
    location: &'a Location,
    as_of: &'a jiff::civil::Date,
    stage: Stage,
    verdict: Verdict,
    parts: &'a Parts,
    valid_until: &'a Option<jiff::civil::Date>,
    certificate: Option<&'a Certificate>,
    themes: Vec<ThemeView<'a>>,
    criteria: &'a [CriterionOutcome],
    partners: &'a [PartnerOutcome],
    to_supply: &'a [ToSupply],
    what_it_takes: &'a [String],
    /// With a plan file: its items past their due date.
    #[serde(skip_serializing_if = "Option::is_none")]
    overdue: Option<&'a [Agreement]>,
}

/// A theme with its maturity, written last. Its fields by name, as in
/// [`ThemeOutcome`] (a flattened struct would be written as a map, at
/// twice the cost).
#[derive(Serialize)]
struct ThemeView<'a> {
    id: &'a str,
    title: &'a str,
    status: Status,
    #[serde(serialize_with = "outcome::opt_share")]
    score: &'a Option<Decimal>,
    #[serde(serialize_with = "outcome::opt_share")]
    score_max: &'a Option<Decimal>,
    #[serde(serialize_with = "outcome::opt_share")]
    threshold: &'a Option<Decimal>,
    failed_mandatory: &'a [String],
    #[serde(skip_serializing_if = "<[FloorOutcome]>::is_empty")]
    floors: &'a [FloorOutcome],
    maturity: Maturity,
}

impl<'a> ThemeView<'a> {
    fn new(theme: &'a ThemeOutcome) -> ThemeView<'a> {
        // Every field by name: a field added to `ThemeOutcome` stops the
        // build here until it has its place in the document.
        let ThemeOutcome {
            id,
            title,
            status,
            score,
            score_max,
            threshold,
            failed_mandatory,
            floors,
        } = theme;
        ThemeView {
            id,
            title,
            status: *status,
            score,
            score_max,
            threshold,
            failed_mandatory,
            floors,
            maturity: Maturity::of(theme),
        }
    }
}

impl<'a> AssessmentView<'a> {
    fn new(a: &'a Assessment, what_it_takes: &'a [String]) -> AssessmentView<'a> {
        // Every field by name: a field added to `Outcome` stops the build
        // here until it has its place in the document.
        let Outcome {
            framework,
            location,
            as_of,
            verdict,
            parts,
            valid_until,
            themes,
            criteria,
            partners,
        } = &a.outcome;
        AssessmentView {
            framework,
            location,
            as_of,
            stage: a.stage,
            verdict: *verdict,
            parts,
            valid_until,
            certificate: a.certificate.as_ref(),
            themes: themes.iter().map(ThemeView::new).collect(),
            criteria,
            partners,
            to_supply: &a.to_supply,
            what_it_takes,
            overdue: None,
        }
    }
}

/// A "wie doet wat" annex as one line of JSON.
pub(crate) fn annex(annex: &crate::annex::Annex) -> String {
    line(annex)
}

/// A plan as one line of JSON; `by_owner` replaces `items` with `owners`,
/// one list per partner.
pub(crate) fn plan(plan: &ImprovementPlan, by_owner: bool) -> String {
    let Value::Object(mut out) = value(plan) else {
        return line(&value(plan));
    };
    if by_owner {
        out.remove("items");
        let owners: Vec<Value> = plan
            .by_owner()
            .into_iter()
            .map(|(owner, items)| serde_json::json!({ "owner": owner, "items": value(&items) }))
            .collect();
        out.insert("owners".into(), Value::Array(owners));
    }
    line(&Value::Object(out))
}

/// Progress between two assessments as one JSON document.
pub(crate) fn progress(progress: &crate::progress::Progress) -> String {
    line(progress)
}

/// The overview as one JSON document.
pub(crate) fn overview(overview: &Overview) -> String {
    line(overview)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DirResolver, Evidence, Framework};

    /// Every shipped sample under the basiskader and the Voorbeeldstad
    /// layer, at both stages: the result document, the assessment
    /// document and the summary line are what serde_json writes of the
    /// same values.
    #[test]
    fn the_documents_are_serde_json_s_to_the_byte() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let Ok(resolver) = DirResolver::new(&root.join("frameworks")) else {
            panic!("the frameworks folder")
        };
        let frameworks: Vec<Framework> = ["basiskader.kader", "lokaal/voorbeeldstad.kader"]
            .iter()
            .filter_map(|name| {
                let source = std::fs::read_to_string(root.join("frameworks").join(name)).ok()?;
                Framework::compile_with(&source, name, &resolver).ok()
            })
            .collect();
        assert_eq!(frameworks.len(), 2);
        let mut compared = 0;
        for entry in std::fs::read_dir(root.join("samples"))
            .into_iter()
            .flatten()
            .flatten()
        {
            let path = entry.path();
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            for framework in &frameworks {
                let evidence = match path.extension().and_then(|e| e.to_str()) {
                    Some("json") => Evidence::from_json(framework, &text),
                    Some("toml") if !path.to_string_lossy().ends_with(".expect.toml") => {
                        Evidence::from_toml(framework, &text)
                    }
                    _ => continue,
                };
                let Ok(evidence) = evidence else { continue };
                for stage in [Stage::Intake, Stage::Audit] {
                    let decision = framework.decide(&evidence, stage);
                    let summary = crate::report::summary(&decision);
                    let mut a = decision.explain();
                    let takes = crate::plan::what_it_takes(framework, &a.outcome);
                    let written = assessment(&a, &takes, None);
                    // A certificate is sealed as it is written: compare
                    // with serde's text of the sealed certificate.
                    if let Some(c) = a.certificate.as_mut() {
                        c.hash = result_hash(c, &written);
                        assert!(c.hash.is_some());
                        assert_eq!(assessment(&a, &takes, None), written);
                    }
                    let expected = serde_json::to_string(&AssessmentView::new(&a, &takes));
                    assert_eq!(Ok(written), expected.map_err(|_| ()));
                    let expected = serde_json::to_string(&a.outcome);
                    assert_eq!(Ok(to_json(&a.outcome)), expected.map_err(|_| ()));
                    assert!(summary.starts_with("{\"location\":"), "{summary}");
                    compared += 1;
                }
            }
        }
        assert!(compared >= 40, "{compared} documents compared");
    }
}
