//! Accepted exceptions (waivers): an evidence file's `exceptions`, granted by
//! the certifying body, take a criterion out of the scoring until their
//! date. Legal criteria cannot be waived; every field is checked.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::compile;
use kader::{Evidence, EvidenceProblem, Framework, LoadOptions, Stage, Status, Verdict};
use rust_decimal::Decimal;

/// One theme: A (weight 2) passes, B and C fail, M is mandatory and fails,
/// LEGAL is mandatory with a legal basis and passes. Threshold 60%.
const FRAMEWORK: &str = r#"
framework w "Waivers" version "1"
language en
validity 12 months
evidence {
  a : bool
  b : bool
  m : bool
  l : bool
}
theme t "T" {
  criterion A "A" {
    weight 2
    owner school
    require a
  }
  criterion B "B" {
    owner school
    require b
  }
  criterion C "C" {
    owner school
    require b
  }
  criterion M "M" {
    mandatory
    owner school
    require m
  }
  criterion LEGAL "Legal" {
    mandatory
    owner school
    legal "Wet op de proef"
    require l
  }
}
scoring {
  theme passes when all mandatory pass and score >= 60%
  certified when all themes pass
}
"#;

fn framework() -> Framework {
    compile(FRAMEWORK)
}

/// An evidence file with the given `exceptions` (a JSON array).
fn json(exceptions: &str) -> String {
    format!(
        r#"{{
  "location": {{ "id": "x" }},
  "as_of": "2026-11-30",
  "evidence": {{ "a": true, "b": false, "m": false, "l": true }},
  "exceptions": {exceptions}
}}"#
    )
}

fn exception(criterion: &str, valid_until: &str) -> String {
    format!(
        r#"{{ "criterion": "{criterion}", "reason": "Geen openbare weg", "granted_by": "Certificeringscommissie", "valid_until": "{valid_until}" }}"#
    )
}

fn load(text: &str) -> Evidence {
    Evidence::from_json(&framework(), text).unwrap_or_else(|e| panic!("{e}"))
}

fn errors(text: &str) -> Vec<EvidenceProblem> {
    Evidence::from_json(&framework(), text)
        .expect_err("the evidence must not load")
        .problems
}

fn status(outcome: &kader::Outcome, id: &str) -> Status {
    outcome.criteria.iter().find(|c| c.id == id).unwrap().status
}

#[test]
fn without_exceptions_the_theme_fails_on_its_mandatory_criterion() {
    let outcome = framework().evaluate(&load(&json("[]")));
    // A 2 + LEGAL 1 of 2 + 1 + 1 + 1 + 1 = 3/6.
    assert_eq!(outcome.themes[0].score, Some(Decimal::new(5, 1)));
    assert_eq!(outcome.themes[0].failed_mandatory, vec!["M".to_string()]);
    assert_eq!(outcome.verdict, Verdict::NotCertified);
}

#[test]
fn a_waived_criterion_leaves_the_score() {
    let f = framework();
    let outcome = f.evaluate(&load(&json(&format!("[{}]", exception("B", "2027-08-01")))));
    let b = outcome.criteria.iter().find(|c| c.id == "B").unwrap();
    assert_eq!(b.status, Status::Waived);
    assert!(b.gaps.is_empty());
    let waiver = b.waiver.as_ref().unwrap();
    assert_eq!(waiver.reason, "Geen openbare weg");
    assert_eq!(waiver.granted_by, "Certificeringscommissie");
    assert_eq!(waiver.valid_until.to_string(), "2027-08-01");
    // By hand: A 2 + LEGAL 1 reached, of A 2 + C 1 + M 1 + LEGAL 1 = 3/5.
    assert_eq!(outcome.themes[0].score, Some(Decimal::new(6, 1)));
    assert_eq!(outcome.themes[0].score_max, None);
    // M still fails, so the theme does.
    assert_eq!(outcome.themes[0].status, Status::Fail);

    let result: serde_json::Value =
        serde_json::from_str(&kader::report::to_json(&outcome)).unwrap();
    let b = &result["criteria"][1];
    assert_eq!(b["status"], "waived");
    assert_eq!(b["gaps"], serde_json::json!([]));
    assert_eq!(
        b["waiver"],
        serde_json::json!({
            "reason": "Geen openbare weg",
            "granted_by": "Certificeringscommissie",
            "valid_until": "2027-08-01"
        })
    );
    assert!(result["criteria"][0].get("waiver").is_none());
}

#[test]
fn a_mandatory_waived_criterion_does_not_fail_its_theme() {
    let f = framework();
    let outcome = f.evaluate(&load(&json(&format!("[{}]", exception("M", "2027-08-01")))));
    assert_eq!(status(&outcome, "M"), Status::Waived);
    assert!(outcome.themes[0].failed_mandatory.is_empty());
    // A 2 + LEGAL 1 of A 2 + B 1 + C 1 + LEGAL 1 = 3/5 = 60%: the threshold.
    assert_eq!(outcome.themes[0].score, Some(Decimal::new(6, 1)));
    assert_eq!(outcome.themes[0].status, Status::Pass);
    assert_eq!(outcome.verdict, Verdict::Certified);
}

#[test]
fn a_waived_criterion_stays_waived_at_the_audit_and_is_no_action() {
    let f = framework();
    let evidence = load(&json(&format!("[{}]", exception("M", "2027-08-01"))));
    let audit = f.evaluate_at(&evidence, Stage::Audit);
    assert_eq!(status(&audit.outcome, "M"), Status::Waived);
    assert_eq!(audit.outcome.verdict, Verdict::Certified);
    let plan = kader::plan::plan(&f, &audit.outcome);
    let json = serde_json::to_string(&plan).unwrap();
    assert!(!json.contains("\"M\""), "{json}");
}

#[test]
fn an_exception_holds_through_its_last_day() {
    let f = framework();
    let outcome = f.evaluate(&load(&json(&format!("[{}]", exception("M", "2026-11-30")))));
    assert_eq!(status(&outcome, "M"), Status::Waived);
}

#[test]
fn an_expired_exception_warns_and_the_criterion_is_evaluated_normally() {
    let f = framework();
    let evidence = load(&json(&format!("[{}]", exception("M", "2026-11-29"))));
    let warnings = evidence.warnings();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].path, "exceptions[0].valid_until");
    assert!(warnings[0].message.contains("`M`"), "{}", warnings[0]);
    assert!(
        warnings[0].message.contains("2026-11-29"),
        "{}",
        warnings[0]
    );
    let outcome = f.evaluate(&evidence);
    assert_eq!(status(&outcome, "M"), Status::Fail);
    assert!(outcome.criteria[3].waiver.is_none());
    assert_eq!(outcome.themes[0].failed_mandatory, vec!["M".to_string()]);

    // The caller's as-of date decides, as everywhere.
    let later = Evidence::from_json_with(
        &f,
        &json(&format!("[{}]", exception("M", "2027-08-01"))),
        LoadOptions {
            as_of: Some("2027-09-01".parse().unwrap()),
            ..LoadOptions::default()
        },
    )
    .unwrap();
    assert_eq!(later.warnings().len(), 1);
    assert_eq!(status(&f.evaluate(&later), "M"), Status::Fail);
}

#[test]
fn a_legal_criterion_cannot_be_waived() {
    let problems = errors(&json(&format!("[{}]", exception("LEGAL", "2027-08-01"))));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].path, "exceptions[0].criterion");
    let text = problems[0].to_string();
    assert!(text.contains("`LEGAL`"), "{text}");
    assert!(text.contains("Wet op de proef"), "{text}");
    assert!(text.contains("cannot be waived"), "{text}");
}

#[test]
fn an_unknown_criterion_suggests_the_nearest() {
    let problems = errors(&json(&format!("[{}]", exception("MM", "2027-08-01"))));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].path, "exceptions[0].criterion");
    assert!(problems[0].message.contains("no criterion `MM`"));
    assert_eq!(problems[0].help.as_deref(), Some("did you mean `M`?"));
}

#[test]
fn a_criterion_waived_twice_is_an_error() {
    let problems = errors(&json(&format!(
        "[{}, {}]",
        exception("B", "2027-08-01"),
        exception("B", "2028-08-01")
    )));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].path, "exceptions[1].criterion");
    assert!(
        problems[0].message.contains("waived twice"),
        "{}",
        problems[0]
    );
}

#[test]
fn field_errors_name_their_path() {
    let problems = errors(&json(
        r#"[
          { "criterion": "B", "reason": "x", "granted_by": "y", "valid_until": "2027-02-30" },
          { "criterion": "C", "reason": "", "granted_by": 3, "valid_untill": "2027-08-01" },
          "B"
        ]"#,
    ));
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "exceptions[0].valid_until",
            "exceptions[1].reason",
            "exceptions[1].granted_by",
            "exceptions[1].valid_untill",
            "exceptions[1].valid_until",
            "exceptions[2]",
        ],
        "{problems:?}"
    );
    assert!(problems[0].message.contains("February 2027 has no 30th"));
    assert!(problems[1].message.contains("empty"));
    assert!(problems[2].message.contains("expected a text"));
    assert_eq!(
        problems[3].help.as_deref(),
        Some("did you mean `valid_until`?"),
        "a misspelled field is an error, not a field dropped"
    );
    assert!(problems[4].message.contains("no `valid_until`"));

    let missing = errors(&json(r#"[ { "criterion": "B" } ]"#));
    let paths: Vec<&str> = missing.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "exceptions[0].reason",
            "exceptions[0].granted_by",
            "exceptions[0].valid_until"
        ]
    );

    let not_a_list = errors(&json(r#"{ "criterion": "B" }"#));
    assert_eq!(not_a_list[0].path, "exceptions");
    assert!(not_a_list[0]
        .message
        .contains("expected a list of exceptions"));
}

#[test]
fn the_toml_form_is_the_same() {
    let f = framework();
    let toml = r#"
as_of = 2026-11-30

[location]
id = "x"

[evidence]
a = true
b = false
m = false
l = true

[[exceptions]]
criterion = "M"
reason = "Geen openbare weg"
granted_by = "Certificeringscommissie"
valid_until = 2027-08-01
"#;
    let evidence = Evidence::from_toml(&f, toml).unwrap();
    assert_eq!(evidence.exceptions().len(), 1);
    let from_json = load(&json(&format!("[{}]", exception("M", "2027-08-01"))));
    assert_eq!(f.evaluate(&evidence), f.evaluate(&from_json));

    let typo = toml.replace("granted_by", "granted");
    let problems = Evidence::from_toml(&f, &typo).unwrap_err().problems;
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        ["exceptions[0].granted", "exceptions[0].granted_by"],
        "{problems:?}"
    );
}

#[test]
fn reports_show_the_exception_in_both_languages() {
    let f = framework();
    let evidence = load(&json(&format!("[{}]", exception("M", "2027-08-01"))));
    let assessment = f.evaluate_at(&evidence, Stage::Intake);
    for (language, word) in [
        (kader::Language::Nl, "ontheffing"),
        (kader::Language::En, "waived"),
    ] {
        for format in [
            kader::report::Format::Text,
            kader::report::Format::Markdown,
            kader::report::Format::Html,
        ] {
            let text = kader::report::render(
                &f,
                &assessment,
                format,
                kader::report::Options {
                    language,
                    color: false,
                },
            );
            assert!(text.contains(word), "{format:?} {language:?}:\n{text}");
            assert!(text.contains("Geen openbare weg"), "{format:?}");
            assert!(text.contains("2027-08-01"), "{format:?}");
        }
    }
}
