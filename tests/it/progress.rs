//! `kader progress`: one location's progress between two assessments, in
//! every format and both languages (snapshots), across two versions of a
//! framework, on generated locations (every criterion in one list at
//! most, by its statuses), and the command's refusals.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::common;

use common::{basiskader, basiskader_source, compile, kader_in, root, Scratch};
use kader::generate::Generator;
use kader::plan::{self, PlanFile};
use kader::progress::{progress, Progress};
use kader::report::{self, Format, Options};
use kader::{EvalOptions, Evidence, Framework, Language, Outcome, Stage, Status};
use proptest::prelude::*;

const SPRONG: &str = "po-de-sprong-window-edge-not-certified.json";

fn sample(name: &str) -> String {
    std::fs::read_to_string(root().join("samples").join(name)).unwrap()
}

/// De Sprong four months on: the safety plan adopted again and the
/// evacuation plan brought up to date; other dates have lapsed meanwhile.
fn sprong_later() -> String {
    sample(SPRONG)
        .replace("\"as_of\": \"2026-11-30\"", "\"as_of\": \"2027-03-31\"")
        .replace("\"adopted\": \"2022-11-29\"", "\"adopted\": \"2027-01-15\"")
        .replace(
            "\"plan_updated\": \"2025-11-29\"",
            "\"plan_updated\": \"2027-02-01\"",
        )
}

fn outcome(framework: &Framework, json: &str, language: Language) -> Outcome {
    let evidence = Evidence::from_json(framework, json).unwrap();
    framework
        .decide(
            &evidence,
            EvalOptions {
                stage: Stage::Intake,
                language: Some(language),
            },
        )
        .explain()
        .outcome
}

/// The plan file kept over both assessments.
fn plan_file(framework: &Framework, before: &Outcome, after: &Outcome) -> PlanFile {
    let first = plan::update(None, &plan::plan(framework, before), before, Language::Nl).unwrap();
    let second = plan::update(
        Some(&first.text),
        &plan::plan(framework, after),
        after,
        Language::Nl,
    )
    .unwrap();
    PlanFile::parse(&second.text).unwrap()
}

fn sprong(language: Language) -> Progress {
    let framework = basiskader();
    let before = outcome(framework, &sample(SPRONG), language);
    let after = outcome(framework, &sprong_later(), language);
    let file = plan_file(framework, &before, &after);
    progress(&before, &after, Some(&file))
}

#[test]
fn progress_in_every_format_and_both_languages() {
    for (language, lang) in [(Language::Nl, "nl"), (Language::En, "en")] {
        let p = sprong(language);
        let ids = |changes: &[kader::progress::CriterionChange]| {
            changes.iter().map(|c| c.id.clone()).collect::<Vec<_>>()
        };
        assert_eq!(ids(&p.improved), ["B1", "F7", "C3"]);
        assert_eq!(ids(&p.still_open), ["S4", "S6"]);
        let closed: Vec<&str> = p
            .closed
            .iter()
            .flatten()
            .map(|e| e.criterion.as_str())
            .collect();
        assert_eq!(closed, ["B1", "C3", "F7"]);
        for (format, name) in [
            (Format::Text, "text"),
            (Format::Markdown, "md"),
            (Format::Html, "html"),
            (Format::Json, "json"),
        ] {
            let options = Options {
                language,
                ..Options::default()
            };
            let out = report::render_progress(&p, Stage::Intake, format, options);
            insta::assert_snapshot!(format!("sprong_{lang}_{name}"), out);
        }
    }
    // The HTML draws both dates' bars per theme.
    let html = report::render_progress(
        &sprong(Language::Nl),
        Stage::Intake,
        Format::Html,
        Options::default(),
    );
    assert_eq!(html.matches("<g class=\"theme\">").count(), 16);
}

#[test]
fn across_two_versions_the_criteria_that_match_are_compared_and_the_rest_named() {
    let old = basiskader();
    let new = compile(
        &basiskader_source()
            .replace("version \"2026.1\"", "version \"2027.1\"")
            .replace(
                "criterion S6 \"Pestprotocol actueel\"",
                "criterion S9 \"Pestprotocol actueel\"",
            ),
    );
    let before = outcome(old, &sample(SPRONG), Language::Nl);
    let after = outcome(&new, &sprong_later(), Language::Nl);
    let p = progress(&before, &after, None);
    assert!(!p.same_framework());
    let ids = |u: &[kader::progress::Unmatched]| u.iter().map(|c| c.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&p.only_before), ["S6"]);
    assert_eq!(ids(&p.only_after), ["S9"]);
    assert!(p.still_open.iter().all(|c| c.id != "S6" && c.id != "S9"));
    let text = report::render_progress(&p, Stage::Intake, Format::Text, Options::default());
    insta::assert_snapshot!("two_versions_text", text);
    assert!(text.contains("Basiskader Veilige School 2026.1"), "{text}");
    assert!(
        text.contains("Alleen in Basiskader Veilige School 2027.1"),
        "{text}"
    );
}

#[test]
fn the_command_compares_one_location_and_refuses_two() {
    let scratch = Scratch::new("progress-cli");
    let old = root().join("samples").join(SPRONG);
    let later = scratch.write("later.json", sprong_later());
    let framework = root().join("frameworks/basiskader.kader");
    let args = [
        "progress",
        framework.to_str().unwrap(),
        old.to_str().unwrap(),
        later.to_str().unwrap(),
    ];
    let run = kader_in(&scratch.0, &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("Voortgang van Basisschool De Sprong"),
        "{}",
        run.stdout
    );
    let json = kader_in(
        &scratch.0,
        &[
            &args[..],
            &[
                "--format",
                "json",
                "--before-framework",
                framework.to_str().unwrap(),
            ],
        ]
        .concat(),
    );
    let document: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(document["before"]["as_of"], "2026-11-30");
    assert_eq!(document["after"]["as_of"], "2027-03-31");
    assert!(document.get("closed").is_none());
    let other = root().join("samples/po-de-regenboog-certified.json");
    let refused = kader_in(
        &scratch.0,
        &[
            "progress",
            framework.to_str().unwrap(),
            other.to_str().unwrap(),
            later.to_str().unwrap(),
        ],
    );
    assert_eq!(refused.code, 2);
    assert!(
        refused.stderr.contains("one location"),
        "{}",
        refused.stderr
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    /// On generated locations, each criterion stands in one list at most,
    /// and the list agrees with its statuses; compared with itself, a
    /// location neither improved nor went back.
    #[test]
    fn every_criterion_in_one_list_by_its_statuses(seed in any::<u64>(), a in 1u64..400, b in 1u64..400) {
        let framework = basiskader();
        let generator = Generator::new(framework, seed);
        let json = |n: u64, as_of: &str| {
            let mut document: serde_json::Value =
                serde_json::from_str(&generator.location(n).to_json()).unwrap();
            document["location"]["id"] = serde_json::Value::from("gen-progress");
            document["as_of"] = serde_json::Value::from(as_of);
            document.to_string()
        };
        let before = outcome(framework, &json(a, "2026-03-31"), Language::Nl);
        let after = outcome(framework, &json(b, "2027-03-31"), Language::Nl);
        let p = progress(&before, &after, None);
        let mut seen = std::collections::HashSet::new();
        for c in p.improved.iter().chain(&p.regressed).chain(&p.still_open) {
            prop_assert!(seen.insert(c.id.clone()), "{} twice", c.id);
        }
        for c in &p.improved {
            prop_assert_eq!(c.after, Status::Pass);
        }
        for c in &p.still_open {
            prop_assert!(c.before != Status::Pass && c.after != Status::Pass);
        }
        for c in &after.criteria {
            let was = before.criteria.iter().find(|x| x.id == c.id).unwrap();
            let listed = seen.contains(&c.id);
            let counts = !matches!(c.status, Status::NotApplicable | Status::Waived)
                && !matches!(was.status, Status::NotApplicable | Status::Waived);
            let moved = (c.status == Status::Pass) != (was.status == Status::Pass)
                || c.status != Status::Pass
                || c.level != was.level;
            prop_assert_eq!(listed, counts && moved, "{}: {:?} → {:?}", c.id, was.status, c.status);
        }
        prop_assert!(p.only_before.is_empty() && p.only_after.is_empty());
        let same = progress(&after, &after, None);
        prop_assert!(same.improved.is_empty() && same.regressed.is_empty());
        for format in [Format::Text, Format::Markdown, Format::Html, Format::Json] {
            prop_assert!(!report::render_progress(&p, Stage::Intake, format, Options::default()).is_empty());
        }
    }
}
