//! `kader diff --exhaustive` and `kader verify` on the shipped frameworks:
//! what they print, how they exit, and that every example school they give
//! is judged by `kader eval` as they say.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use serde_json::Value;

use crate::common;

use common::{kader_in, root, Run, Scratch};

const BASISKADER: &str = "frameworks/basiskader.kader";
const LAYER: &str = "frameworks/lokaal/voorbeeldstad.kader";
const AS_OF: &str = "2026-11-30";

fn kader(args: &[&str]) -> Run {
    kader_in(root(), args)
}

/// `kader diff BASISKADER NEW --exhaustive` on the as-of date, with more
/// flags.
fn exhaustive(new: &str, flags: &[&str]) -> Run {
    let mut args = vec!["diff", BASISKADER, new, "--exhaustive", "--as-of", AS_OF];
    args.extend(flags);
    kader(&args)
}

/// The basiskader with one theme's threshold changed, as a new version.
fn with_threshold(scratch: &Scratch, name: &str, from: &str, to: &str) -> String {
    let source = std::fs::read_to_string(root().join(BASISKADER)).unwrap();
    let line = format!("theme samenwerking passes when all mandatory pass and score >= {from}");
    assert!(
        source.contains(&line),
        "the basiskader has the line this test changes"
    );
    let changed =
        source
            .replace(&line, &line.replace(from, to))
            .replacen("version \"", "version \"next-", 1);
    scratch.write(name, changed).display().to_string()
}

/// Evaluates a witness's evidence with `kader eval` under a framework: its
/// verdict and the statuses of its themes and criteria, by id.
fn eval(framework: &str, evidence: &Value, scratch: &Scratch, name: &str) -> Value {
    let path = scratch.write(name, evidence.to_string());
    let run = kader(&[
        "eval",
        framework,
        path.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

fn status_of(result: &Value, what: &str, id: Option<&str>) -> Value {
    match id {
        None => result["verdict"].clone(),
        Some(id) => result[what]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == id)
            .map(|t| t["status"].clone())
            .unwrap(),
    }
}

#[test]
fn a_raised_threshold_is_stricter_and_every_example_is_judged_as_shown() {
    let scratch = Scratch::new("exhaustive-stricter");
    let new = with_threshold(&scratch, "new.kader", "50%", "70%");
    let run = exhaustive(&new, &["--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let comparison: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(comparison["verdict"]["relation"], "stricter");
    let themes = comparison["themes"].as_array().unwrap();
    for theme in themes {
        let expected = if theme["id"] == "samenwerking" {
            "stricter"
        } else {
            "equivalent"
        };
        assert_eq!(theme["relation"], expected, "{}", theme["id"]);
    }
    let mut checked = 0;
    let findings = std::iter::once((None, "verdict", &comparison["verdict"]))
        .chain(themes.iter().map(|t| (t["id"].as_str(), "themes", t)));
    for (id, what, finding) in findings {
        for (n, witness) in finding["witnesses"].as_array().unwrap().iter().enumerate() {
            let before = eval(
                BASISKADER,
                &witness["evidence"],
                &scratch,
                &format!("w{n}.json"),
            );
            let after = eval(&new, &witness["evidence"], &scratch, &format!("w{n}.json"));
            assert_eq!(status_of(&before, what, id), witness["before"], "{witness}");
            assert_eq!(status_of(&after, what, id), witness["after"], "{witness}");
            checked += 1;
        }
    }
    assert!(
        checked >= 2,
        "the verdict and the theme each have a witness"
    );
}

#[test]
fn the_exhaustive_diff_reads_as_sentences_in_both_languages() {
    let scratch = Scratch::new("exhaustive-text");
    let new = with_threshold(&scratch, "new.kader", "50%", "70%");
    for lang in ["nl", "en"] {
        let run = exhaustive(&new, &["--lang", lang]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let text = run.stdout.replace(&new, "NEW");
        insta::assert_snapshot!(format!("exhaustive_diff_{lang}"), text);
    }
}

#[test]
fn the_layer_is_proved_never_to_certify_what_the_basiskader_does_not() {
    let verify = |flags: &[&str]| {
        let mut args = vec![
            "verify",
            LAYER,
            "--frameworks",
            "frameworks",
            "--as-of",
            AS_OF,
        ];
        args.extend(flags);
        kader(&args)
    };
    let run = verify(&[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    insta::assert_snapshot!("verify_layer", run.stdout);
    let json = verify(&["--format", "json"]);
    assert_eq!(json.code, 0, "{}", json.stderr);
    let comparison: Value = serde_json::from_str(&json.stdout).unwrap();
    assert!(
        ["stricter", "equivalent"].contains(&comparison["verdict"]["relation"].as_str().unwrap())
    );
}

#[test]
fn not_looser_proves_a_tightening_and_refutes_a_loosening_with_a_witness() {
    let scratch = Scratch::new("not-looser");
    let stricter = with_threshold(&scratch, "stricter.kader", "50%", "70%");
    let looser = with_threshold(&scratch, "looser.kader", "50%", "30%");
    let proved = kader(&[
        "verify",
        BASISKADER,
        &stricter,
        "--not-looser",
        "--as-of",
        AS_OF,
    ]);
    assert_eq!(proved.code, 0, "{}{}", proved.stdout, proved.stderr);
    assert!(proved.stdout.contains("Bewezen:"), "{}", proved.stdout);
    let refuted = kader(&[
        "verify",
        BASISKADER,
        &looser,
        "--not-looser",
        "--as-of",
        AS_OF,
        "--lang",
        "en",
    ]);
    assert_eq!(refuted.code, 1, "{}{}", refuted.stdout, refuted.stderr);
    assert!(refuted.stdout.contains("Not so:"), "{}", refuted.stdout);
    assert!(refuted.stdout.contains("Example:"), "{}", refuted.stdout);
    let same = kader(&[
        "verify",
        BASISKADER,
        BASISKADER,
        "--not-looser",
        "--as-of",
        AS_OF,
    ]);
    assert_eq!(same.code, 0, "{}", same.stderr);
}

#[test]
fn verify_says_what_to_write_when_it_is_called_wrongly() {
    let base = kader(&["verify", BASISKADER, "--as-of", AS_OF]);
    assert_eq!(base.code, 2);
    assert!(
        base.stderr.contains("extends no framework"),
        "{}",
        base.stderr
    );
    let two = kader(&["verify", BASISKADER, BASISKADER, "--as-of", AS_OF]);
    assert_eq!(two.code, 2);
    assert!(two.stderr.contains("--not-looser"), "{}", two.stderr);
    let one = kader(&["verify", BASISKADER, "--not-looser"]);
    assert_eq!(one.code, 2);
    assert!(
        one.stderr.contains("kader verify OLD NEW --not-looser"),
        "{}",
        one.stderr
    );
    let with_register = kader(&[
        "diff",
        BASISKADER,
        BASISKADER,
        "--exhaustive",
        "--exceptions",
        "samples/registers/voorbeeldstad.toml",
    ]);
    assert_eq!(with_register.code, 2, "{}", with_register.stderr);
    assert!(
        with_register.stderr.contains("--exceptions"),
        "{}",
        with_register.stderr
    );
    let no_samples = kader(&["diff", BASISKADER, BASISKADER]);
    assert_eq!(no_samples.code, 2, "{}", no_samples.stderr);
    assert!(
        no_samples.stderr.contains("--samples"),
        "{}",
        no_samples.stderr
    );
}

#[path = "../../benches/support/mod.rs"]
mod support;

/// The benches' generated frameworks (themes of 100 criteria, all tied by
/// `school.type` in their applicability): one threshold tightened is
/// decided exactly, for the verdict, that theme alone and that criterion
/// alone, with no answer left undecided.
#[test]
fn a_generated_framework_of_two_hundred_criteria_is_decided_exactly() {
    let source = support::synthetic_framework(200);
    let old = kader::Framework::compile(&source).unwrap();
    let new =
        kader::Framework::compile(&source.replacen("t0.e4 >= 70%", "t0.e4 >= 80%", 1)).unwrap();
    let comparison = kader::analysis::compare(&old, &new, kader::parse_date(AS_OF).unwrap());
    assert_eq!(comparison.verdict.relation.as_str(), "stricter");
    let relations = |items: &[kader::analysis::Item]| {
        items
            .iter()
            .filter(|i| i.finding.relation.as_str() != "equivalent")
            .map(|i| (i.id.clone(), i.finding.relation.as_str()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        relations(&comparison.themes),
        [("t0".to_string(), "stricter")]
    );
    assert_eq!(
        relations(&comparison.criteria),
        [("T0C4".to_string(), "stricter")]
    );
}
