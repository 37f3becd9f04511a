//! Accepted exceptions (waivers): the certifying body's register, given
//! beside the evidence, takes a criterion of one location out of the
//! scoring from its decision through its last day. A school's evidence
//! cannot grant one; legal criteria cannot be waived; every field of the
//! register is checked, with its line.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::common;

use common::compile;
use kader::{Evidence, EvidenceProblem, Framework, LoadOptions, Register, Stage, Status, Verdict};
use rust_decimal::Decimal;

/// One theme: A (weight 2) passes, B and C fail, M is mandatory and fails,
/// LEGAL is mandatory with a legal basis and passes. Threshold 60%.
const FRAMEWORK: &str = r#"
framework w "Waivers" version "1"
language en
validity 36 months
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

const EVIDENCE: &str = r#"{
  "location": { "id": "x" },
  "as_of": "2026-11-30",
  "evidence": { "a": true, "b": false, "m": false, "l": true }
}"#;

/// A register in JSON with the given entries.
fn register_json(entries: &[String]) -> String {
    format!(
        "{{\n  \"exceptions\": [\n    {}\n  ]\n}}",
        entries.join(",\n    ")
    )
}

fn entry(location: &str, criterion: &str, valid_until: &str) -> String {
    format!(
        r#"{{ "location": "{location}", "criterion": "{criterion}", "reason": "Geen openbare weg", "granted_by": "Certificeringscommissie", "decided_on": "2026-06-01", "valid_until": "{valid_until}" }}"#
    )
}

fn register(entries: &[String]) -> Register {
    Register::from_json(&framework(), &register_json(entries)).unwrap_or_else(|e| panic!("{e}"))
}

fn errors(entries: &[String]) -> Vec<EvidenceProblem> {
    Register::from_json(&framework(), &register_json(entries))
        .expect_err("the register must not load")
        .problems
}

/// The location's evidence with the register's exceptions.
fn granted(entries: &[String]) -> Evidence {
    Evidence::from_json(&framework(), EVIDENCE)
        .unwrap()
        .with_exceptions(&register(entries))
}

fn status(outcome: &kader::Outcome, id: &str) -> Status {
    outcome.criteria.iter().find(|c| c.id == id).unwrap().status
}

#[test]
fn without_exceptions_the_theme_fails_on_its_mandatory_criterion() {
    let outcome = framework()
        .decide(&granted(&[]), Stage::Intake)
        .explain()
        .outcome;
    // A 2 + LEGAL 1 of 2 + 1 + 1 + 1 + 1 = 3/6.
    assert_eq!(outcome.themes[0].score, Some(Decimal::new(5, 1)));
    assert_eq!(outcome.themes[0].failed_mandatory, vec!["M".to_string()]);
    assert_eq!(outcome.verdict, Verdict::NotCertified);
}

#[test]
fn an_evidence_file_cannot_grant_an_exception() {
    let text = EVIDENCE.replace(
        "\"as_of\"",
        &format!(
            "\"exceptions\": [{}],\n  \"as_of\"",
            entry("x", "M", "2027-08-01")
        ),
    );
    let problems = Evidence::from_json(&framework(), &text)
        .unwrap_err()
        .problems;
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].path, "exceptions");
    assert!(problems[0].message.contains("cannot grant exceptions"));
    assert!(problems[0]
        .help
        .as_deref()
        .unwrap()
        .contains("--exceptions"));
    // TOML alike, and the fast JSON reader steps aside for it.
    let toml = "as_of = 2026-11-30\n[location]\nid = \"x\"\n[evidence]\na = true\n[[exceptions]]\ncriterion = \"M\"\n";
    let problems = Evidence::from_toml(&framework(), toml)
        .unwrap_err()
        .problems;
    assert_eq!(problems[0].path, "exceptions");
    assert!(Evidence::from_json_fast(&framework(), &text, LoadOptions::default()).is_none());
}

#[test]
fn a_waived_criterion_leaves_the_score() {
    let f = framework();
    let outcome = f
        .decide(&granted(&[entry("x", "B", "2027-08-01")]), Stage::Intake)
        .explain()
        .outcome;
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
            "decided_on": "2026-06-01",
            "valid_until": "2027-08-01"
        })
    );
    assert!(result["criteria"][0].get("waiver").is_none());
}

#[test]
fn entries_for_other_locations_are_not_used() {
    let f = framework();
    let evidence = granted(&[entry("y", "M", "2027-08-01"), entry("z", "B", "2027-08-01")]);
    assert!(evidence.exceptions().is_empty());
    assert!(evidence.warnings().is_empty());
    assert_eq!(
        status(&f.decide(&evidence, Stage::Intake).explain().outcome, "M"),
        Status::Fail
    );
}

#[test]
fn a_mandatory_waived_criterion_does_not_fail_its_theme() {
    let f = framework();
    let outcome = f
        .decide(&granted(&[entry("x", "M", "2027-08-01")]), Stage::Intake)
        .explain()
        .outcome;
    assert_eq!(status(&outcome, "M"), Status::Waived);
    assert!(outcome.themes[0].failed_mandatory.is_empty());
    // A 2 + LEGAL 1 of A 2 + B 1 + C 1 + LEGAL 1 = 3/5 = 60%: the threshold.
    assert_eq!(outcome.themes[0].score, Some(Decimal::new(6, 1)));
    assert_eq!(outcome.themes[0].status, Status::Pass);
    assert_eq!(outcome.verdict, Verdict::Certified);
}

#[test]
fn a_certificate_never_outlasts_the_exception_it_relies_on() {
    let f = framework();
    let evidence = granted(&[entry("x", "M", "2027-08-01")]);
    let audit = f.decide(&evidence, Stage::Audit).explain();
    assert_eq!(status(&audit.outcome, "M"), Status::Waived);
    assert_eq!(audit.outcome.verdict, Verdict::Certified);
    // 36 months would run to 2029-11-30; the exception ends on 2027-08-01.
    assert_eq!(audit.outcome.valid_until.unwrap().to_string(), "2027-08-01");
    let certificate = audit.certificate.as_ref().unwrap();
    assert_eq!(certificate.valid_until.unwrap().to_string(), "2027-08-01");
    assert_eq!(certificate.relies_on.len(), 1);
    assert_eq!(certificate.relies_on[0].criterion, "M");
    let json = kader::report::render(
        &f,
        &audit,
        kader::report::Format::Json,
        kader::report::Options::default(),
    );
    assert!(
        json.contains(r#""relies_on":[{"location":"x","criterion":"M""#),
        "{json}"
    );
    let plan = kader::plan::plan(&f, &audit.outcome);
    let plan_json = serde_json::to_string(&plan).unwrap();
    assert!(!plan_json.contains("\"M\""), "{plan_json}");

    // Without an exception the certificate runs its full validity.
    let none = Evidence::from_json(&f, &EVIDENCE.replace("\"m\": false", "\"m\": true")).unwrap();
    let audit = f.decide(&none, Stage::Audit).explain();
    assert_eq!(audit.outcome.valid_until.unwrap().to_string(), "2029-11-30");
    assert!(audit.certificate.unwrap().relies_on.is_empty());
}

#[test]
fn an_exception_holds_from_its_decision_through_its_last_day() {
    let f = framework();
    assert_eq!(
        status(
            &f.decide(&granted(&[entry("x", "M", "2026-11-30")]), Stage::Intake)
                .explain()
                .outcome,
            "M"
        ),
        Status::Waived
    );
    // Decided after the as-of date: it did not hold yet.
    let later = entry("x", "M", "2027-08-01").replace("2026-06-01", "2026-12-01");
    let evidence = granted(&[later]);
    assert_eq!(evidence.warnings().len(), 1);
    assert!(evidence.warnings()[0]
        .message
        .contains("decided on 2026-12-01"));
    assert_eq!(
        status(&f.decide(&evidence, Stage::Intake).explain().outcome, "M"),
        Status::Fail
    );
}

#[test]
fn an_expired_exception_warns_and_the_criterion_is_evaluated_normally() {
    let f = framework();
    let evidence = granted(&[entry("x", "M", "2026-11-29")]);
    let warnings = evidence.warnings();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].path, "exceptions");
    assert!(warnings[0].message.contains("`M`"), "{}", warnings[0]);
    assert!(
        warnings[0].message.contains("2026-11-29"),
        "{}",
        warnings[0]
    );
    let outcome = f.decide(&evidence, Stage::Intake).explain().outcome;
    assert_eq!(status(&outcome, "M"), Status::Fail);
    assert!(outcome.criteria[3].waiver.is_none());
    assert_eq!(outcome.themes[0].failed_mandatory, vec!["M".to_string()]);

    // The caller's as-of date decides, as everywhere.
    let later = Evidence::from_json_with(
        &f,
        EVIDENCE,
        LoadOptions {
            as_of: Some("2027-09-01".parse().unwrap()),
            ..LoadOptions::default()
        },
    )
    .unwrap()
    .with_exceptions(&register(&[entry("x", "M", "2027-08-01")]));
    assert_eq!(later.warnings().len(), 1);
    assert_eq!(
        status(&f.decide(&later, Stage::Intake).explain().outcome, "M"),
        Status::Fail
    );
}

#[test]
fn a_legal_criterion_cannot_be_waived() {
    let problems = errors(&[entry("x", "LEGAL", "2027-08-01")]);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].path, "exceptions[0].criterion");
    assert_eq!(problems[0].line, Some(3));
    let text = problems[0].to_string();
    assert!(text.contains("`LEGAL`"), "{text}");
    assert!(text.contains("Wet op de proef"), "{text}");
    assert!(text.contains("cannot be waived"), "{text}");
}

#[test]
fn an_unknown_criterion_suggests_the_nearest() {
    let problems = errors(&[entry("x", "MM", "2027-08-01")]);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].path, "exceptions[0].criterion");
    assert!(problems[0].message.contains("no criterion `MM`"));
    assert_eq!(problems[0].help.as_deref(), Some("did you mean `M`?"));
}

#[test]
fn two_decisions_for_one_location_and_criterion_are_an_error() {
    let problems = errors(&[
        entry("x", "B", "2027-08-01"),
        entry("y", "B", "2027-08-01"),
        entry("x", "B", "2028-08-01"),
    ]);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].path, "exceptions[2]");
    assert_eq!(problems[0].line, Some(5));
    assert!(
        problems[0].message.contains("`exceptions[0]`, line 3"),
        "{}",
        problems[0]
    );
}

#[test]
fn an_exception_that_ends_before_its_decision_is_an_error() {
    let problems = errors(&[entry("x", "B", "2026-05-31")]);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].path, "exceptions[0].valid_until");
    assert!(problems[0].message.contains("before it was decided"));
}

#[test]
fn field_errors_name_their_path_and_line() {
    let entries = [
        r#"{ "location": "x", "criterion": "B", "reason": "x", "granted_by": "y", "decided_on": "2026-01-01", "valid_until": "2027-02-30" }"#.to_string(),
        r#"{ "location": "x", "criterion": "C", "reason": "", "granted_by": 3, "decided_on": "2026-01-01", "valid_untill": "2027-08-01" }"#.to_string(),
        r#""B""#.to_string(),
    ];
    let problems = errors(&entries);
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
    let lines: Vec<Option<usize>> = problems.iter().map(|p| p.line).collect();
    assert_eq!(lines[..5], [Some(3), Some(4), Some(4), Some(4), Some(4)]);
    assert!(problems[0].message.contains("February 2027 has no 30th"));
    assert!(problems[1].message.contains("empty"));
    assert!(problems[2].message.contains("expected a text"));
    assert_eq!(
        problems[3].help.as_deref(),
        Some("did you mean `valid_until`?"),
        "a misspelled field is an error, not a field dropped"
    );
    assert!(problems[4].message.contains("no `valid_until`"));

    let missing = errors(&[r#"{ "criterion": "B" }"#.to_string()]);
    let paths: Vec<&str> = missing.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "exceptions[0].location",
            "exceptions[0].reason",
            "exceptions[0].granted_by",
            "exceptions[0].decided_on",
            "exceptions[0].valid_until"
        ]
    );

    let not_a_list = Register::from_json(&framework(), r#"{"exceptions": {"criterion": "B"}}"#)
        .unwrap_err()
        .problems;
    assert_eq!(not_a_list[0].path, "exceptions");
    assert!(not_a_list[0]
        .message
        .contains("expected a list of exceptions"));
    let stray = Register::from_json(&framework(), r#"{"exceptons": []}"#)
        .unwrap_err()
        .problems;
    assert!(stray[0].message.contains("not part of a register"));
}

#[test]
fn the_toml_form_is_the_same() {
    let f = framework();
    let toml = r#"# Register van ontheffingen
[[exceptions]]
location = "x"
criterion = "M"
reason = "Geen openbare weg"
granted_by = "Certificeringscommissie"
decided_on = 2026-06-01
valid_until = 2027-08-01
"#;
    let from_toml = Register::from_toml(&f, toml).unwrap();
    assert_eq!(from_toml, register(&[entry("x", "M", "2027-08-01")]));

    let typo = toml.replace("granted_by", "granted");
    let problems = Register::from_toml(&f, &typo).unwrap_err().problems;
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        ["exceptions[0].granted", "exceptions[0].granted_by"],
        "{problems:?}"
    );
    assert_eq!(problems[0].line, Some(2));
}

#[test]
fn reports_show_the_exception_in_both_languages() {
    let f = framework();
    let evidence = granted(&[entry("x", "M", "2027-08-01")]);
    let assessment = f.decide(&evidence, Stage::Intake).explain();
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
                    technical: false,
                    group_by: None,
                },
            );
            assert!(text.contains(word), "{format:?} {language:?}:\n{text}");
            assert!(text.contains("Geen openbare weg"), "{format:?}");
            let until = match language {
                kader::Language::Nl => "1 augustus 2027",
                kader::Language::En => "1 August 2027",
            };
            assert!(text.contains(until), "{format:?}");
        }
    }
}
