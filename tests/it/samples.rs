//! The sample schools in `samples/` against the shipped basiskader: each
//! sample's expected outcome (from `samples/README.md`, worked out by hand)
//! as one table row, the result document's shape, and snapshots of the JSON
//! and text reports.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::common;

use std::collections::BTreeSet;

use common::{basiskader, file_name, load, root, sample_paths};
use kader::report::{self, TextOptions};
use kader::{Language, Outcome, Stage};
use serde_json::Value;

/// One sample: input file → expected outcome.
struct Expect {
    file: &'static str,
    verdict: &'static str,
    /// Theme statuses in framework order: beleid, sociaal, zorg, fysiek,
    /// calamiteiten, incidenten, samenwerking, omgeving.
    themes: [&'static str; 8],
    /// `ID=status` or `ID=status/level`. Every criterion that does not pass
    /// is listed (README's "important criteria" plus the `not_applicable`
    /// ones that follow from the school type), so a criterion left out must
    /// pass.
    criteria: &'static str,
    valid_until: Option<&'static str>,
}

const P: &str = "pass";
const F: &str = "fail";
const U: &str = "unknown";

#[rustfmt::skip]
const EXPECTED: &[Expect] = &[
    Expect { file: "po-de-regenboog-certified.json", verdict: "certified",
        themes: [P, P, P, P, P, P, P, P],
        criteria: "F4=n/a S3=n/a C4=pass/2",
        valid_until: Some("2029-11-30") },
    Expect { file: "so-het-kompas-certified.toml", verdict: "certified",
        themes: [P, P, P, P, P, P, P, P],
        criteria: "P4=n/a F4=n/a S3=n/a B6=pass/2 S5=pass/2",
        valid_until: Some("2029-10-01") },
    Expect { file: "vo-stedelijk-lyceum-certified.json", verdict: "certified",
        themes: [P, P, P, P, P, P, P, P],
        criteria: "F4=pass B3=fail I3=fail I4=fail F6=n/a O3=n/a S5=pass/2 S3=n/a",
        valid_until: Some("2029-11-30") },
    Expect { file: "mbo-techniek-college-certified.toml", verdict: "certified",
        themes: [P, P, P, P, P, P, P, P],
        criteria: "S1=n/a S2=n/a B5=n/a F6=n/a P4=n/a O3=n/a S3=pass P3=pass/1 P5=fail P6=fail F4=n/a",
        valid_until: Some("2029-12-15") },
    Expect { file: "po-de-klimop-meldcode-not-certified.json", verdict: "not_certified",
        themes: [P, P, F, P, P, P, P, P],
        criteria: "Z1=fail S3=n/a F4=n/a",
        valid_until: None },
    Expect { file: "vo-het-baken-score-below-threshold.json", verdict: "not_certified",
        themes: [P, P, P, P, P, P, P, F],
        criteria: "O1=fail O3=n/a S3=n/a F4=n/a F6=n/a",
        valid_until: None },
    Expect { file: "vo-de-linde-insufficient-evidence.json", verdict: "insufficient_evidence",
        themes: [P, P, P, U, P, P, P, P],
        criteria: "F2=unknown S5=unknown S8=pass C2=unknown P6=unknown S3=n/a F4=n/a F6=n/a O3=n/a",
        valid_until: None },
    Expect { file: "vo-montessori-oost-cameras-unknown.json", verdict: "insufficient_evidence",
        themes: [P, P, P, U, P, P, U, U],
        criteria: "F4=unknown P1=unknown O1=unknown O2=fail S3=n/a F6=n/a O3=n/a",
        valid_until: None },
    Expect { file: "po-het-startpunt-window-edge-certified.json", verdict: "certified",
        themes: [P, P, P, P, P, P, P, P],
        criteria: "B1=pass B4=pass S2=pass S4=pass S6=pass F1=pass F2=pass F6=pass F7=pass \
                   C1=pass C3=pass I2=pass P1=pass O1=pass C4=pass/2 S3=n/a F4=n/a",
        valid_until: Some("2029-11-30") },
    Expect { file: "po-de-sprong-window-edge-not-certified.json", verdict: "not_certified",
        themes: [F, P, P, P, F, P, P, P],
        criteria: "B1=fail C3=fail S6=fail S4=fail F7=fail C4=pass/1 S3=n/a F4=n/a",
        valid_until: None },
    Expect { file: "po-de-schakel-leapday-certified.json", verdict: "certified",
        themes: [P, P, P, P, P, P, P, P],
        criteria: "B1=pass B4=pass S2=pass S6=pass F1=pass F2=pass C3=pass P1=pass C4=pass/2 S3=n/a F4=n/a",
        valid_until: Some("2031-02-28") },
    Expect { file: "so-de-wissel-leapday-not-certified.toml", verdict: "not_certified",
        themes: [P, P, P, F, F, P, P, P],
        criteria: "F1=fail C3=fail C4=pass/1 P4=n/a S3=n/a F4=n/a",
        valid_until: None },
    Expect { file: "vo-da-vinci-zuid-cameras-not-certified.json", verdict: "not_certified",
        themes: [P, U, P, F, F, P, P, P],
        criteria: "F4=fail C4=fail/0 S2=unknown S3=n/a F6=n/a O3=n/a",
        valid_until: None },
    Expect { file: "so-de-brug-verzuim-not-certified.json", verdict: "not_certified",
        themes: [P, P, F, P, P, P, P, P],
        criteria: "Z7=fail P4=n/a S3=n/a F4=n/a",
        valid_until: None },
    Expect { file: "mbo-groene-poort-monitor-not-certified.json", verdict: "not_certified",
        themes: [P, F, P, P, P, P, P, P],
        criteria: "S3=fail S1=n/a S2=n/a B5=n/a F4=n/a F6=n/a P4=n/a O3=n/a",
        valid_until: None },
];

/// Theme ids in framework order (basiskader.md).
const THEMES: [&str; 8] = [
    "beleid",
    "sociaal",
    "zorg",
    "fysiek",
    "calamiteiten",
    "incidenten",
    "samenwerking",
    "omgeving",
];

/// Every criterion of the basiskader in framework order (basiskader.md),
/// with the theme it belongs to.
#[rustfmt::skip]
const CRITERIA: &[(&str, &str)] = &[
    ("B1", "beleid"), ("B2", "beleid"), ("B3", "beleid"), ("B4", "beleid"),
    ("B5", "beleid"), ("B6", "beleid"),
    ("S1", "sociaal"), ("S2", "sociaal"), ("S3", "sociaal"), ("S4", "sociaal"),
    ("S5", "sociaal"), ("S6", "sociaal"), ("S7", "sociaal"), ("S8", "sociaal"),
    ("Z1", "zorg"), ("Z2", "zorg"), ("Z3", "zorg"), ("Z4", "zorg"),
    ("Z5", "zorg"), ("Z6", "zorg"), ("Z7", "zorg"), ("Z8", "zorg"),
    ("F1", "fysiek"), ("F2", "fysiek"), ("F3", "fysiek"), ("F4", "fysiek"),
    ("F5", "fysiek"), ("F6", "fysiek"), ("F7", "fysiek"),
    ("C1", "calamiteiten"), ("C2", "calamiteiten"), ("C3", "calamiteiten"),
    ("C4", "calamiteiten"), ("C5", "calamiteiten"), ("C6", "calamiteiten"),
    ("I1", "incidenten"), ("I2", "incidenten"), ("I3", "incidenten"), ("I4", "incidenten"),
    ("P1", "samenwerking"), ("P2", "samenwerking"), ("P3", "samenwerking"),
    ("P4", "samenwerking"), ("P5", "samenwerking"), ("P6", "samenwerking"),
    ("O1", "omgeving"), ("O2", "omgeving"), ("O3", "omgeving"), ("O4", "omgeving"),
];

/// A share as an exact fraction: (numerator, denominator).
type Fraction = (u32, u32);

/// Theme scores from the hand computations in samples/README.md, as exact
/// fractions: (file, theme, lower bound, upper bound when it differs).
#[rustfmt::skip]
const SCORES: &[(&str, &str, Fraction, Option<Fraction>)] = &[
    ("so-het-kompas-certified.toml", "beleid", (19, 21), None),
    ("so-het-kompas-certified.toml", "sociaal", (11, 12), None),
    ("vo-stedelijk-lyceum-certified.json", "beleid", (6, 7), None),
    ("vo-stedelijk-lyceum-certified.json", "sociaal", (11, 12), None),
    ("vo-stedelijk-lyceum-certified.json", "incidenten", (3, 5), None),
    ("mbo-techniek-college-certified.toml", "samenwerking", (3, 6), None),
    ("po-de-klimop-meldcode-not-certified.json", "zorg", (7, 8), None),
    ("vo-het-baken-score-below-threshold.json", "omgeving", (2, 4), None),
    ("vo-de-linde-insufficient-evidence.json", "fysiek", (4, 5), Some((1, 1))),
    ("vo-de-linde-insufficient-evidence.json", "sociaal", (6, 8), Some((1, 1))),
    ("vo-de-linde-insufficient-evidence.json", "calamiteiten", (5, 6), Some((1, 1))),
    ("vo-de-linde-insufficient-evidence.json", "samenwerking", (6, 7), Some((1, 1))),
    ("vo-montessori-oost-cameras-unknown.json", "omgeving", (1, 4), Some((3, 4))),
    ("po-de-regenboog-certified.json", "beleid", (1, 1), None),
    ("po-de-sprong-window-edge-not-certified.json", "beleid", (6, 7), None),
    ("po-de-sprong-window-edge-not-certified.json", "calamiteiten", (3, 4), None),
    ("po-de-sprong-window-edge-not-certified.json", "sociaal", (3, 4), None),
    ("po-de-sprong-window-edge-not-certified.json", "fysiek", (5, 6), None),
    ("vo-da-vinci-zuid-cameras-not-certified.json", "fysiek", (5, 6), None),
    ("vo-da-vinci-zuid-cameras-not-certified.json", "calamiteiten", (5, 6), None),
    ("so-de-brug-verzuim-not-certified.json", "zorg", (7, 8), None),
    ("mbo-groene-poort-monitor-not-certified.json", "sociaal", (6, 7), None),
];

fn evaluate(file: &str) -> Outcome {
    let framework = basiskader();
    framework
        .decide(
            &load(framework, &root().join("samples").join(file)),
            Stage::Intake,
        )
        .explain()
        .outcome
}

fn result_json(file: &str) -> Value {
    serde_json::from_str(&report::to_json(&evaluate(file))).unwrap()
}

/// `"F4=n/a C4=pass/2"` → `[("F4", "not_applicable", None), ("C4", "pass", Some(2))]`.
fn parse_criteria(spec: &str) -> Vec<(&str, &str, Option<u64>)> {
    spec.split_whitespace()
        .map(|item| {
            let (id, rest) = item.split_once('=').expect("ID=status");
            let (status, level) = match rest.split_once('/') {
                Some((status, level)) if status != "n" => (status, Some(level.parse().unwrap())),
                _ => (rest, None),
            };
            let status = if status == "n/a" {
                "not_applicable"
            } else {
                status
            };
            (id, status, level)
        })
        .collect()
}

#[test]
fn every_sample_gives_its_expected_outcome() {
    let mut failures = Vec::new();
    for row in EXPECTED {
        let result = result_json(row.file);
        let mut problems = Vec::new();
        if result["verdict"] != row.verdict {
            problems.push(format!(
                "verdict {} (expected {})",
                result["verdict"], row.verdict
            ));
        }
        let themes: Vec<&str> = result["themes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["status"].as_str().unwrap())
            .collect();
        if themes != row.themes {
            problems.push(format!("themes {themes:?} (expected {:?})", row.themes));
        }
        let expected_until = row.valid_until.map_or(Value::Null, Value::from);
        if result["valid_until"] != expected_until {
            problems.push(format!(
                "valid_until {} (expected {expected_until})",
                result["valid_until"]
            ));
        }
        let listed = parse_criteria(row.criteria);
        for criterion in result["criteria"].as_array().unwrap() {
            let id = criterion["id"].as_str().unwrap();
            let status = criterion["status"].as_str().unwrap();
            let (want_status, want_level) = listed
                .iter()
                .find(|(i, _, _)| *i == id)
                .map_or(("pass", None), |(_, s, l)| (*s, *l));
            if status != want_status {
                problems.push(format!("{id} is {status} (expected {want_status})"));
            }
            if let Some(level) = want_level {
                if criterion["level"] != level {
                    problems.push(format!(
                        "{id} has level {} (expected {level})",
                        criterion["level"]
                    ));
                }
            }
        }
        for (id, _, _) in &listed {
            assert!(
                CRITERIA.iter().any(|(c, _)| c == id),
                "{}: the table names `{id}`, which the basiskader does not have",
                row.file
            );
        }
        if !problems.is_empty() {
            failures.push(format!("{}:\n  {}", row.file, problems.join("\n  ")));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn the_table_covers_every_sample_file() {
    let files: BTreeSet<String> = sample_paths()
        .iter()
        .map(|p| file_name(p).to_string())
        .collect();
    let table: BTreeSet<String> = EXPECTED.iter().map(|row| row.file.to_string()).collect();
    assert_eq!(files, table, "every sample needs exactly one row");
    assert_eq!(EXPECTED.len(), table.len(), "a sample has two rows");
}

#[test]
fn theme_scores_match_the_hand_computation() {
    for (file, theme, (num, den), upper) in SCORES {
        let result = result_json(file);
        let t = result["themes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == *theme)
            .unwrap_or_else(|| panic!("{file}: no theme {theme}"));
        let score = t["score"].as_f64().expect("a score");
        let want = f64::from(*num) / f64::from(*den);
        assert!(
            (score - want).abs() < 1e-12,
            "{file} {theme}: score {score}, expected {num}/{den}"
        );
        match upper {
            Some((num, den)) => {
                let max = t["score_max"].as_f64().expect("a score range");
                let want = f64::from(*num) / f64::from(*den);
                assert!(
                    (max - want).abs() < 1e-12,
                    "{file} {theme}: score_max {max}, expected {num}/{den}"
                );
            }
            None => assert!(
                t["score_max"].is_null(),
                "{file} {theme}: no unknowns, so no score range, found {}",
                t["score_max"]
            ),
        }
    }
}

#[test]
fn every_criterion_appears_in_framework_order_with_its_theme() {
    for path in sample_paths() {
        let result = result_json(file_name(&path));
        let criteria: Vec<(&str, &str)> = result["criteria"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (c["id"].as_str().unwrap(), c["theme"].as_str().unwrap()))
            .collect();
        assert_eq!(criteria, CRITERIA, "{}", path.display());
        let themes: Vec<&str> = result["themes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["id"].as_str().unwrap())
            .collect();
        assert_eq!(themes, THEMES, "{}", path.display());
    }
}

/// `samples/batch.jsonl` holds three of the single-file samples, one per
/// line (samples/README.md, "Batch"): each line evaluates exactly as its file.
#[test]
fn batch_lines_equal_their_single_files() {
    let framework = basiskader();
    let text = std::fs::read_to_string(root().join("samples/batch.jsonl")).unwrap();
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let files = [
        "po-de-regenboog-certified.json",
        "po-de-klimop-meldcode-not-certified.json",
        "vo-de-linde-insufficient-evidence.json",
    ];
    assert_eq!(lines.len(), files.len());
    for (line, file) in lines.iter().zip(files) {
        let evidence = kader::Evidence::from_json(framework, line).unwrap();
        let from_line =
            report::to_json(&framework.decide(&evidence, Stage::Intake).explain().outcome);
        assert_eq!(from_line, report::to_json(&evaluate(file)), "{file}");
    }
}

// ---------------------------------------------------------------------------
// The result document of language.md, "Result (output)", to the letter.

const VERDICTS: [&str; 3] = ["certified", "not_certified", "insufficient_evidence"];
const STATUSES: [&str; 4] = ["pass", "fail", "unknown", "not_applicable"];
const OWNERS: [&str; 6] = ["school", "gemeente", "politie", "halt", "ggd", "joint"];

fn is_date(v: &Value) -> bool {
    v.as_str()
        .is_some_and(|s| s.len() == 10 && s.parse::<kader::Date>().is_ok())
}

fn keys(v: &Value) -> BTreeSet<&str> {
    v.as_object()
        .unwrap_or_else(|| panic!("expected an object, found {v}"))
        .keys()
        .map(String::as_str)
        .collect()
}

fn has_keys(v: &Value, required: &[&str], what: &str) {
    let present = keys(v);
    for key in required {
        assert!(present.contains(key), "{what} lacks `{key}`: {v}");
    }
}

/// Checks one result document against the contract; returns the verdict,
/// theme statuses and criterion statuses seen, so that the caller can show
/// that every allowed value actually occurs.
fn check_contract(result: &Value, what: &str) -> (String, Vec<String>, Vec<String>) {
    has_keys(
        result,
        &[
            "framework",
            "location",
            "as_of",
            "verdict",
            "valid_until",
            "themes",
            "criteria",
        ],
        what,
    );
    has_keys(&result["framework"], &["id", "version"], what);
    assert_eq!(result["framework"]["id"], "basiskader", "{what}");
    assert_eq!(result["framework"]["version"], "2026.1", "{what}");
    has_keys(&result["location"], &["id"], what);
    assert!(result["location"]["id"].is_string(), "{what}");
    assert!(
        is_date(&result["as_of"]),
        "{what}: as_of {}",
        result["as_of"]
    );

    let verdict = result["verdict"].as_str().unwrap().to_string();
    assert!(
        VERDICTS.contains(&verdict.as_str()),
        "{what}: verdict {verdict}"
    );
    if verdict == "certified" {
        assert!(is_date(&result["valid_until"]), "{what}: valid_until");
    } else {
        assert!(
            result["valid_until"].is_null(),
            "{what}: valid_until must be null unless certified, found {}",
            result["valid_until"]
        );
    }

    let mut theme_statuses = Vec::new();
    for theme in result["themes"].as_array().unwrap() {
        has_keys(theme, &["id", "status", "score"], what);
        assert!(theme["id"].is_string(), "{what}");
        let status = theme["status"].as_str().unwrap();
        assert!(
            ["pass", "fail", "unknown"].contains(&status),
            "{what}: theme status {status}"
        );
        let score = theme["score"].as_f64().expect("score is a number");
        assert!((0.0..=1.0).contains(&score), "{what}: score {score}");
        theme_statuses.push(status.to_string());
    }

    let mut criterion_statuses = Vec::new();
    for criterion in result["criteria"].as_array().unwrap() {
        has_keys(
            criterion,
            &[
                "id",
                "theme",
                "status",
                "mandatory",
                "owner",
                "legal",
                "gaps",
            ],
            what,
        );
        assert!(criterion["id"].is_string() && criterion["theme"].is_string());
        let status = criterion["status"].as_str().unwrap();
        assert!(
            STATUSES.contains(&status),
            "{what}: criterion status {status}"
        );
        assert!(criterion["mandatory"].is_boolean(), "{what}: {criterion}");
        assert!(
            OWNERS.contains(&criterion["owner"].as_str().unwrap()),
            "{what}: owner {}",
            criterion["owner"]
        );
        assert!(
            criterion["legal"].is_string() || criterion["legal"].is_null(),
            "{what}: legal {}",
            criterion["legal"]
        );
        let gaps = criterion["gaps"].as_array().unwrap();
        // A criterion that does not pass says why; one that passes has no gaps.
        match status {
            "pass" | "not_applicable" => assert!(gaps.is_empty(), "{what}: {criterion}"),
            _ => assert!(
                !gaps.is_empty(),
                "{what}: {status} without a gap: {criterion}"
            ),
        }
        for gap in gaps {
            has_keys(gap, &["evidence", "expected", "actual", "message"], what);
            let evidence = gap["evidence"].as_array().unwrap();
            assert!(
                !evidence.is_empty() && evidence.iter().all(Value::is_string),
                "{what}: {gap}"
            );
            for key in ["expected", "actual", "message"] {
                assert!(
                    gap[key].as_str().is_some_and(|s| !s.is_empty()),
                    "{what}: gap `{key}` must be a non-empty text: {gap}"
                );
            }
        }
        criterion_statuses.push(status.to_string());
    }
    (verdict, theme_statuses, criterion_statuses)
}

#[test]
fn results_follow_the_json_contract() {
    let mut verdicts = BTreeSet::new();
    let mut theme_statuses = BTreeSet::new();
    let mut criterion_statuses = BTreeSet::new();
    for path in sample_paths() {
        let result = result_json(file_name(&path));
        let (v, t, c) = check_contract(&result, &path.display().to_string());
        verdicts.insert(v);
        theme_statuses.extend(t);
        criterion_statuses.extend(c);
    }
    // The samples exercise every value the contract allows, so the checks
    // above saw each of them.
    assert_eq!(verdicts, VERDICTS.iter().map(|s| s.to_string()).collect());
    assert_eq!(
        theme_statuses,
        ["pass", "fail", "unknown"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    );
    assert_eq!(
        criterion_statuses,
        STATUSES.iter().map(|s| s.to_string()).collect()
    );
}

/// The gap of the contract's own example: a response rate below its norm
/// names the evidence, the requirement in the framework's notation, the
/// value found and the author's message with the value filled in.
#[test]
fn a_failed_requirement_explains_itself() {
    let result = result_json("po-de-sprong-window-edge-not-certified.json");
    let s4 = result["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "S4")
        .unwrap();
    assert_eq!(s4["status"], "fail");
    assert_eq!(s4["mandatory"], false);
    assert_eq!(s4["owner"], "school");
    assert_eq!(s4["legal"], Value::Null);
    let gap = &s4["gaps"][0];
    assert_eq!(
        gap["evidence"],
        serde_json::json!(["monitor.response_rate"])
    );
    assert_eq!(gap["expected"], ">= 70%");
    assert_eq!(gap["actual"], "69.99%");
    assert_eq!(
        gap["message"],
        "De respons op de monitor was 69.99%; voor een representatief beeld is minimaal 70% nodig."
    );
}

/// language.md: "a date after the as-of date fails the window and is
/// reported as such". po-de-sprong's fire equipment was serviced on
/// 2026-12-01, the day after its as-of date.
#[test]
fn a_date_after_the_as_of_date_is_reported_as_such() {
    let result = result_json("po-de-sprong-window-edge-not-certified.json");
    let gaps_of = |id: &str| {
        result["criteria"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap()["gaps"]
            .clone()
    };
    let f7 = gaps_of("F7");
    assert_eq!(f7[0]["expected"], "within 12 months");
    assert_eq!(f7[0]["actual"], "2026-12-01 (na de peildatum 2026-11-30)");
    // A date that is merely too old is shown as it is.
    let c3 = gaps_of("C3");
    assert_eq!(c3[0]["actual"], "2025-11-29");
}

// ---------------------------------------------------------------------------
// Snapshots of every sample's reports.

#[test]
fn snapshot_json_results() {
    insta::glob!("../../samples", "*.{json,toml}", |path| {
        if path.to_string_lossy().ends_with(".expect.toml") {
            return; // an expectation, not a location
        }
        let framework = basiskader();
        let outcome = framework
            .decide(&load(framework, path), Stage::Intake)
            .explain()
            .outcome;
        let value: Value = serde_json::from_str(&report::to_json(&outcome)).unwrap();
        insta::assert_snapshot!("json", serde_json::to_string_pretty(&value).unwrap());
    });
}

#[test]
fn snapshot_text_reports() {
    insta::glob!("../../samples", "*.{json,toml}", |path| {
        if path.to_string_lossy().ends_with(".expect.toml") {
            return; // an expectation, not a location
        }
        let framework = basiskader();
        let outcome = framework
            .decide(&load(framework, path), Stage::Intake)
            .explain()
            .outcome;
        for (name, language) in [("nl", Language::Nl), ("en", Language::En)] {
            let text = report::to_text(
                &outcome,
                TextOptions {
                    language,
                    color: false,
                    technical: false,
                },
            );
            insta::assert_snapshot!(name, text);
        }
    });
}
