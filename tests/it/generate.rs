//! `kader samples generate`: synthetic evidence that is deterministic, loads
//! cleanly, and lands on both sides of every threshold.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use common::{basiskader, compile, root, Scratch};
use kader::generate::{self, GeneratedLocation, Options};
use kader::{Date, Evidence, Framework, Outcome, Stage, Status, Verdict};
use serde_json::Value;

fn generated(framework: &Framework, count: usize, seed: u64) -> Vec<GeneratedLocation> {
    generate::generate(
        framework,
        &Options {
            count,
            seed,
            as_of: None,
        },
    )
}

/// Loads a generated location, which must load without errors or warnings.
fn load(framework: &Framework, location: &GeneratedLocation) -> Evidence {
    let evidence = Evidence::from_json(framework, &location.to_json())
        .unwrap_or_else(|e| panic!("{} does not load: {e}", location.id()));
    assert!(
        evidence.warnings().is_empty(),
        "{}: {:?}",
        location.id(),
        evidence.warnings()
    );
    evidence
}

fn outcomes(framework: &Framework, count: usize, seed: u64) -> Vec<Outcome> {
    generated(framework, count, seed)
        .iter()
        .map(|l| {
            framework
                .decide(&load(framework, l), Stage::Intake)
                .explain()
                .outcome
        })
        .collect()
}

/// How often each criterion ends in each status (and level).
fn tally(outcomes: &[Outcome]) -> BTreeMap<(String, String), usize> {
    let mut counts = BTreeMap::new();
    for o in outcomes {
        for c in &o.criteria {
            *counts
                .entry((c.id.clone(), c.status.as_str().to_string()))
                .or_insert(0) += 1;
            if let Some(level) = c.level {
                *counts
                    .entry((c.id.clone(), format!("level {level}")))
                    .or_insert(0) += 1;
            }
        }
    }
    counts
}

fn count(t: &BTreeMap<(String, String), usize>, id: &str, what: &str) -> usize {
    t.get(&(id.to_string(), what.to_string()))
        .copied()
        .unwrap_or(0)
}

#[test]
fn the_same_seed_gives_the_same_locations() {
    let a: Vec<String> = generated(basiskader(), 300, 42)
        .iter()
        .map(GeneratedLocation::to_json)
        .collect();
    let b: Vec<String> = generated(basiskader(), 300, 42)
        .iter()
        .map(GeneratedLocation::to_json)
        .collect();
    assert_eq!(a, b);
    // Location n does not depend on how many are generated.
    let first: Vec<String> = generated(basiskader(), 10, 42)
        .iter()
        .map(GeneratedLocation::to_json)
        .collect();
    assert_eq!(first, a[..10]);
}

#[test]
fn the_generator_is_pinned_across_versions_and_machines() {
    // A change here changes every corpus generated with a given seed; make
    // it on purpose and say so in the changelog.
    let first = &generated(basiskader(), 1, 2026)[0];
    insta::assert_snapshot!(first.to_json());
}

#[test]
fn different_seeds_give_different_locations() {
    let a = generated(basiskader(), 50, 1);
    let b = generated(basiskader(), 50, 2);
    let same = a
        .iter()
        .zip(&b)
        .filter(|(x, y)| x.to_json() == y.to_json())
        .count();
    assert_eq!(same, 0);
    // And within a seed, locations differ from each other.
    let distinct: std::collections::BTreeSet<String> = a
        .iter()
        .map(|l| {
            let mut v: Value = serde_json::from_str(&l.to_json()).unwrap();
            v["location"] = Value::Null;
            v.to_string()
        })
        .collect();
    assert_eq!(distinct.len(), 50);
}

#[test]
fn every_generated_location_loads_without_errors_or_warnings() {
    for (i, location) in generated(basiskader(), 2_000, 7).iter().enumerate() {
        load(basiskader(), location);
        assert_eq!(location.id(), format!("gen-{:06}", i + 1));
        // The JSON Lines form is the same document.
        let line: Value = serde_json::from_str(&location.to_json_line()).unwrap();
        let pretty: Value = serde_json::from_str(&location.to_json()).unwrap();
        assert_eq!(line, pretty);
        assert!(!location.to_json_line().contains('\n'));
    }
}

#[test]
fn the_corpus_has_every_verdict_and_both_sides_of_thresholds() {
    let outcomes = outcomes(basiskader(), 1_000, 3);
    let verdicts = |v: Verdict| outcomes.iter().filter(|o| o.verdict == v).count();
    assert!(verdicts(Verdict::Certified) >= 100, "certified");
    assert!(verdicts(Verdict::NotCertified) >= 100, "not certified");
    assert!(
        verdicts(Verdict::InsufficientEvidence) >= 5,
        "insufficient evidence"
    );
    let t = tally(&outcomes);
    // Every criterion passes somewhere, fails somewhere, and is unknown
    // somewhere, except those that only ask `present(...)`, which is never
    // unknown.
    let only_present = ["B3", "Z2", "Z6", "F3", "P2", "P5"];
    for c in &outcomes[0].criteria {
        assert!(count(&t, &c.id, "pass") >= 10, "{} passes: {t:?}", c.id);
        assert!(count(&t, &c.id, "fail") >= 5, "{} fails", c.id);
        if !only_present.contains(&c.id.as_str()) {
            assert!(count(&t, &c.id, "unknown") >= 5, "{} unknown", c.id);
        }
    }
    // Every level of every graded criterion is reached.
    for (id, levels) in [
        ("B6", 0..=3),
        ("S5", 0..=3),
        ("Z3", 0..=2),
        ("C2", 0..=2),
        ("C4", 0..=2),
        ("P3", 0..=2),
    ] {
        for level in levels {
            assert!(
                count(&t, id, &format!("level {level}")) >= 3,
                "{id} level {level}"
            );
        }
    }
    // Each school type, so applicability goes both ways.
    for id in ["B5", "S1", "S2", "S3", "F6", "P4", "O3", "F4"] {
        assert!(count(&t, id, "not_applicable") >= 50, "{id} n/a");
    }
}

/// The generated values of one evidence path, with their location's as-of.
fn values(framework: &Framework, count: usize, seed: u64, path: &[&str]) -> Vec<(Date, Value)> {
    generated(framework, count, seed)
        .iter()
        .filter_map(|l| {
            let doc: Value = serde_json::from_str(&l.to_json()).unwrap();
            let as_of: Date = doc["as_of"].as_str().unwrap().parse().unwrap();
            let mut v = &doc["evidence"];
            for key in path {
                v = v.get(key)?;
            }
            (!v.is_null()).then(|| (as_of, v.clone()))
        })
        .collect()
}

fn percent(v: &Value) -> f64 {
    match v {
        Value::String(s) => s.trim_end_matches('%').parse::<f64>().unwrap() / 100.0,
        other => other.as_f64().unwrap(),
    }
}

#[test]
fn values_sit_just_below_at_and_just_above_each_constant() {
    let rates: Vec<f64> = values(basiskader(), 1_000, 5, &["monitor", "response_rate"])
        .iter()
        .map(|(_, v)| percent(v))
        .collect();
    for edge in [0.69, 0.70, 0.71] {
        assert!(
            rates.iter().any(|r| (r - edge).abs() < 1e-9),
            "no response rate of {edge}"
        );
    }
    // Both forms a share can take in an evidence file.
    let raw = values(basiskader(), 200, 5, &["monitor", "response_rate"]);
    assert!(raw.iter().any(|(_, v)| v.is_string()));
    assert!(raw.iter().any(|(_, v)| v.is_number()));
    let late: Vec<i64> = values(basiskader(), 1_000, 5, &["absence", "late_reports"])
        .iter()
        .map(|(_, v)| v.as_i64().unwrap())
        .collect();
    assert!(late.contains(&0) && late.contains(&1));
    assert!(late.iter().all(|n| *n >= 0), "counts are never negative");
}

#[test]
fn dates_sit_on_one_day_inside_and_one_day_outside_each_window() {
    let dates = values(basiskader(), 1_000, 8, &["monitor", "last_run"]);
    let offset = |months: i64, days: i64| {
        dates.iter().any(|(as_of, v)| {
            let d: Date = v.as_str().unwrap().parse().unwrap();
            let start = as_of.checked_sub(jiff::Span::new().months(months)).unwrap();
            d == start.checked_add(jiff::Span::new().days(days)).unwrap()
        })
    };
    // S2 asks for 12 months, S3 (mbo) for 24.
    for months in [12, 24] {
        for days in [-1, 0, 1] {
            assert!(
                offset(months, days),
                "within {months} months, edge {days:+}"
            );
        }
    }
    // On the as-of date, and one day after it (in the future).
    assert!(dates
        .iter()
        .any(|(a, v)| v.as_str().unwrap() == a.to_string()));
    assert!(dates
        .iter()
        .any(|(a, v)| v.as_str().unwrap() == a.tomorrow().unwrap().to_string()));
}

#[test]
fn lists_of_dates_reach_each_count() {
    let outcomes = outcomes(basiskader(), 600, 13);
    let drills: Vec<usize> = values(basiskader(), 600, 13, &["evacuation", "drills"])
        .iter()
        .map(|(_, v)| v.as_array().unwrap().len())
        .collect();
    for n in 0..=3 {
        assert!(drills.contains(&n), "a list of {n} drills");
    }
    // C4: no drill, one, two within 12 months.
    let t = tally(&outcomes);
    for level in 0..=2 {
        assert!(count(&t, "C4", &format!("level {level}")) >= 10);
    }
    // P1: too few and enough partners.
    let partners: Vec<usize> = values(basiskader(), 600, 13, &["covenant", "partners"])
        .iter()
        .map(|(_, v)| v.as_array().unwrap().len())
        .collect();
    for n in 2..=4 {
        assert!(partners.contains(&n), "{n} covenant partners");
    }
}

#[test]
fn a_fixed_as_of_date_is_used_for_every_location() {
    let as_of: Date = "2027-02-28".parse().unwrap();
    let locations = generate::generate(
        basiskader(),
        &Options {
            count: 20,
            seed: 1,
            as_of: Some(as_of),
        },
    );
    for l in &locations {
        assert_eq!(load(basiskader(), l).as_of(), as_of);
    }
}

/// Every kind of rule the language has, to reach every path of the
/// generator.
const EVERY_KIND: &str = r#"
framework every "Alle soorten" version "1"
evidence {
  kind          : enum(klein, groot)     "Soort"
  pupils        : int                    "Leerlingen"
  staff         : int                    "Personeel"
  budget        : number                 "Budget"
  share         : percent                "Aandeel"
  opened        : date                   "Geopend"
  name          : text                   "Naam"
  flag          : bool                   "Vlag"
  scores        : list<number>           "Scores"
  visits        : list<date>             "Bezoeken"
  partners      : list<enum(a, b, c, d)> "Partners"
  notes         : list<text>             "Notities"
  bits          : list<bool>             "Bits"
}
theme t "Thema" {
  criterion A "Getallen" {
    applies when kind == groot
    owner school
    require budget >= 2.5 and share < 40%
    require staff * 20 >= pupils
  }
  criterion B "Data" {
    owner school
    require opened before 2020-01-01 or opened after 2024-06-30
    require opened within 3 years
  }
  criterion C "Lijsten" {
    owner school
    require count(scores >= 5.5) >= 2
    require count(visits within 90 days) >= 1
    require count(partners in {a, b}) >= 1 and count(partners not in {a}) <= 2
  }
  criterion D "Overig" {
    owner school
    require present(name) and not flag
    require kind in {klein, groot}
  }
}
"#;

#[test]
fn every_kind_of_rule_gets_plausible_values_that_load() {
    let framework = compile(EVERY_KIND);
    let outcomes = outcomes(&framework, 800, 17);
    let t = tally(&outcomes);
    for id in ["A", "B", "C", "D"] {
        assert!(count(&t, id, "pass") >= 5, "{id} passes: {t:?}");
        assert!(count(&t, id, "fail") >= 5, "{id} fails: {t:?}");
    }
    assert!(count(&t, "A", "not_applicable") >= 5);
    // Derived: pupils lands around staff * 20.
    let docs: Vec<Value> = generated(&framework, 800, 17)
        .iter()
        .map(|l| serde_json::from_str(&l.to_json()).unwrap())
        .collect();
    let on_edge = docs.iter().any(|d| {
        let e = &d["evidence"];
        matches!((e["staff"].as_i64(), e["pupils"].as_i64()), (Some(s), Some(p)) if p == s * 20)
    });
    assert!(on_edge, "pupils exactly at staff * 20");
    let status = |o: &Outcome, id: &str| o.criteria.iter().find(|c| c.id == id).unwrap().status;
    assert!(outcomes.iter().any(|o| status(o, "C") == Status::Pass));
}

// ------------------------------------------------------------------- CLI

fn kader(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_kader"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            (
                path.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&path).unwrap(),
            )
        })
        .collect()
}

fn generate_into(dir: &Path, seed: &str, extra: &[&str]) {
    let mut args = vec![
        "samples",
        "generate",
        "frameworks/basiskader.kader",
        "--count",
        "25",
        "--seed",
        seed,
        "--out",
        dir.to_str().unwrap(),
    ];
    args.extend(extra);
    let (code, stdout, stderr) = kader(&args);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, "");
    assert!(stderr.contains("wrote 25 locations"), "{stderr}");
}

#[test]
fn cli_writes_one_file_per_location_the_same_every_run() {
    let first = Scratch::new("first");
    let second = Scratch::new("second");
    let other = Scratch::new("other");
    generate_into(&first.0, "9", &[]);
    generate_into(&second.0, "9", &[]);
    generate_into(&other.0, "10", &[]);
    let a = files(&first.0);
    assert_eq!(a.len(), 25);
    assert_eq!(a.keys().next().unwrap(), "gen-000001.json");
    assert_eq!(a.keys().last().unwrap(), "gen-000025.json");
    assert_eq!(a, files(&second.0), "byte-identical for one seed");
    assert_ne!(a, files(&other.0));
    // The library writes the same bytes.
    let library = generated(basiskader(), 25, 9);
    assert_eq!(
        a["gen-000001.json"],
        library[0].to_json().as_bytes(),
        "CLI and library agree"
    );
    // `kader eval` reads them all without a word on stderr.
    let (code, _, stderr) = kader(&[
        "eval",
        "frameworks/basiskader.kader",
        first.0.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr, "");
}

#[test]
fn cli_writes_json_lines() {
    let dir = Scratch::new("jsonl");
    generate_into(&dir.0, "9", &["--jsonl", "--as-of", "2026-11-30"]);
    let written = files(&dir.0);
    assert_eq!(written.keys().collect::<Vec<_>>(), ["locations.jsonl"]);
    let text = String::from_utf8(written["locations.jsonl"].clone()).unwrap();
    assert_eq!(text.lines().count(), 25);
    for (i, line) in text.lines().enumerate() {
        let evidence = Evidence::from_json(basiskader(), line).unwrap();
        assert_eq!(evidence.location().id, format!("gen-{:06}", i + 1));
        assert_eq!(evidence.as_of().to_string(), "2026-11-30");
        assert!(evidence.warnings().is_empty());
    }
    let (code, stdout, stderr) = kader(&[
        "eval",
        "frameworks/basiskader.kader",
        dir.0.join("locations.jsonl").to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.lines().count(), 25);
}
