//! Deciding without explaining gives exactly the statuses of the full
//! outcome; the summary line says the same as the full JSON.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::common;

use kader::generate::{self, Options};
use kader::{Evidence, Framework, Stage, Verdict};
use serde_json::Value;

fn agrees(framework: &Framework, evidence: &Evidence, stage: Stage) {
    let decision = framework.decide(evidence, stage);
    let outcome = decision.explain().outcome;
    assert_eq!(decision.verdict(), outcome.verdict);
    assert_eq!(decision.valid_until(), outcome.valid_until);
    let criteria: Vec<_> = decision
        .criteria()
        .map(|c| (c.id, c.status, c.level))
        .collect();
    let expected: Vec<_> = outcome
        .criteria
        .iter()
        .map(|c| (c.id.as_str(), c.status, c.level))
        .collect();
    assert_eq!(criteria, expected);
    let themes: Vec<_> = decision.themes().map(|t| (t.id, t.status)).collect();
    let expected: Vec<_> = outcome
        .themes
        .iter()
        .map(|t| (t.id.as_str(), t.status))
        .collect();
    assert_eq!(themes, expected);

    // The summary line says the same.
    let line: Value = serde_json::from_str(&kader::report::summary(&decision)).unwrap();
    assert_eq!(line["verdict"], outcome.verdict.as_str());
    assert_eq!(line["stage"], stage.as_str());
    assert_eq!(line["location"]["id"], outcome.location.id.as_str());
    for c in &outcome.criteria {
        assert_eq!(line["criteria"][&c.id], c.status.as_str(), "{}", c.id);
        match c.level {
            Some(l) => assert_eq!(line["levels"][&c.id], l),
            None => assert!(line["levels"].get(&c.id).is_none()),
        }
    }
    for t in &outcome.themes {
        assert_eq!(line["themes"][&t.id], t.status.as_str());
    }
}

#[test]
fn decisions_agree_with_outcomes_on_every_sample() {
    let framework = common::basiskader();
    for path in common::sample_paths() {
        let evidence = common::load(framework, &path);
        for stage in [Stage::Intake, Stage::Audit] {
            agrees(framework, &evidence, stage);
        }
    }
}

#[test]
fn decisions_agree_with_outcomes_on_generated_locations() {
    let framework = common::basiskader();
    let options = Options {
        count: 600,
        seed: 11,
        as_of: None,
    };
    let mut verdicts = std::collections::HashSet::new();
    for location in generate::generate(framework, &options) {
        let evidence = Evidence::from_json(framework, &location.to_json_line()).unwrap();
        for stage in [Stage::Intake, Stage::Audit] {
            agrees(framework, &evidence, stage);
        }
        verdicts.insert(framework.decide(&evidence, Stage::Intake).verdict());
    }
    // The generated locations reach every verdict, or this test proves little.
    for verdict in [
        Verdict::Certified,
        Verdict::NotCertified,
        Verdict::InsufficientEvidence,
    ] {
        assert!(verdicts.contains(&verdict), "{verdict:?}");
    }
}

/// `kader eval --summary` writes one line a location, in input order, with
/// the statuses of `--format json`.
#[test]
fn the_summary_line_of_every_batch_location_matches_the_full_json() {
    let root = common::root();
    let args = ["eval", "frameworks/basiskader.kader", "samples/batch.jsonl"];
    let full = common::kader_in(root, &[&args[..], &["--format", "json"]].concat());
    let summary = common::kader_in(root, &[&args[..], &["--summary"]].concat());
    assert_eq!((full.code, summary.code), (0, 0), "{}", summary.stderr);
    let full: Vec<Value> = full
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let summary: Vec<Value> = summary
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(full.len(), summary.len());
    assert!(full.len() >= 3);
    for (f, s) in full.iter().zip(&summary) {
        assert_eq!(f["location"], s["location"]);
        assert_eq!(f["verdict"], s["verdict"]);
        assert_eq!(f["valid_until"], s["valid_until"]);
        for c in f["criteria"].as_array().unwrap() {
            let id = c["id"].as_str().unwrap();
            assert_eq!(c["status"], s["criteria"][id]);
        }
    }
}

/// `--summary` cannot be combined with a report format.
#[test]
fn summary_refuses_a_format() {
    let run = common::kader_in(
        common::root(),
        &[
            "eval",
            "frameworks/basiskader.kader",
            "samples/batch.jsonl",
            "--summary",
            "--format",
            "text",
        ],
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--summary"), "{}", run.stderr);
}
