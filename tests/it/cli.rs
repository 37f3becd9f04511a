//! The `kader` binary: what it prints, where, and with which exit code.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::common;

use std::path::{Path, PathBuf};

use common::{basiskader, file_name, kader_in, load, root, Run, Scratch};
use serde_json::Value;

const FRAMEWORK: &str = "frameworks/basiskader.kader";

/// Runs `kader ARGS` from the crate root, so that paths in messages are the
/// relative paths given.
fn kader(args: &[&str]) -> Run {
    kader_in(root(), args)
}

fn json_lines(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|line| {
            serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("not one JSON object: {e}: {line}"))
        })
        .collect()
}

// ---------------------------------------------------------------- eval

#[test]
fn eval_prints_the_verdict_and_exits_0() {
    for (sample, verdict) in [
        (
            "samples/po-de-regenboog-certified.json",
            "Oordeel: VOLDOET AAN HET KADER",
        ),
        (
            "samples/so-het-kompas-certified.toml",
            "Oordeel: VOLDOET AAN HET KADER",
        ),
        (
            "samples/po-de-klimop-meldcode-not-certified.json",
            "Oordeel: VOLDOET NOG NIET",
        ),
        (
            "samples/vo-de-linde-insufficient-evidence.json",
            "Oordeel: ONVOLDOENDE GEGEVENS",
        ),
    ] {
        let run = kader(&["eval", FRAMEWORK, sample]);
        assert_eq!(run.code, 0, "{sample}: {}", run.stderr);
        assert!(
            run.stdout.lines().any(|l| l == verdict),
            "{sample}: no `{verdict}` in\n{}",
            run.stdout
        );
        assert_eq!(run.stderr, "", "{sample}");
    }
}

#[test]
fn eval_text_is_the_library_report_in_the_language_asked() {
    let sample = "samples/po-de-klimop-meldcode-not-certified.json";
    let evidence = load(basiskader(), &root().join(sample));
    for (flag, language) in [
        (None, kader::Language::Nl),
        (Some("nl"), kader::Language::Nl),
        (Some("en"), kader::Language::En),
    ] {
        let mut args = vec!["eval", FRAMEWORK, sample];
        if let Some(flag) = flag {
            args.extend(["--lang", flag]);
        }
        let run = kader(&args);
        assert_eq!(run.code, 0);
        // The intake report (the default stage) in the language asked.
        let assessment = basiskader()
            .decide(
                &evidence,
                kader::EvalOptions {
                    stage: kader::Stage::Intake,
                    language: Some(language),
                },
            )
            .explain();
        let expected = kader::report::render(
            basiskader(),
            &assessment,
            kader::report::Format::Text,
            kader::report::Options {
                language,
                color: false,
                technical: false,
                group_by: None,
            },
        );
        assert_eq!(run.stdout, expected, "{flag:?}");
    }
    let run = kader(&["eval", FRAMEWORK, sample, "--lang", "en"]);
    assert!(
        run.stdout
            .contains("Verdict: DOES NOT MEET THE FRAMEWORK YET"),
        "{}",
        run.stdout
    );
}

/// The location ids a file holds, in order (one for a file, one per line
/// for JSON Lines).
fn location_ids(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    match path.extension().and_then(|e| e.to_str()) {
        Some("jsonl") => text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str::<Value>(l).unwrap()["location"]["id"].to_string())
            .collect(),
        Some("toml") => {
            let table: toml::Table = toml::from_str(&text).unwrap();
            vec![format!("\"{}\"", table["location"]["id"].as_str().unwrap())]
        }
        _ => vec![serde_json::from_str::<Value>(&text).unwrap()["location"]["id"].to_string()],
    }
}

#[test]
fn json_over_a_directory_gives_one_object_per_line_in_file_order() {
    let run = kader(&["eval", FRAMEWORK, "samples", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // What is not read is counted, and listed with `--verbose`.
    assert_eq!(
        run.stderr,
        "warning: `samples`: 5 entries not read: not evidence files (.json, .toml, .jsonl) \
         or subdirectories; --verbose lists them\n"
    );
    let verbose = kader(&[
        "eval",
        FRAMEWORK,
        "samples",
        "--format",
        "json",
        "--verbose",
    ]);
    assert_eq!(verbose.stdout, run.stdout);
    assert!(
        verbose.stderr.ends_with(
            "  not read: samples/README.md\n  not read: samples/invalid\n  not read: samples/process\n  not read: samples/registers\n  not read: samples/voorbeeldstad\n"
        ),
        "{}",
        verbose.stderr
    );
    let lines = json_lines(&run.stdout);

    // Sorted by file name; `samples/invalid/` is a directory and not read.
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("samples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.is_file()
                && !p.to_string_lossy().ends_with(".expect.toml")
                && matches!(
                    p.extension().and_then(|e| e.to_str()),
                    Some("json" | "toml" | "jsonl")
                )
        })
        .collect();
    files.sort_by(|a, b| file_name(a).cmp(file_name(b)));
    let expected: Vec<String> = files.iter().flat_map(|p| location_ids(p)).collect();
    let got: Vec<String> = lines
        .iter()
        .map(|l| l["location"]["id"].to_string())
        .collect();
    assert_eq!(got, expected);
    assert!(
        expected.len() > common::sample_paths().len(),
        "a batch is included"
    );

    // Each single file's line is exactly the library's result document.
    let mut out = run.stdout.lines();
    for path in &files {
        let count = location_ids(path).len();
        let mine: Vec<&str> = out.by_ref().take(count).collect();
        if path.extension().is_some_and(|e| e != "jsonl") {
            // The intake result: the contract's document plus the stage's fields.
            let assessment = basiskader()
                .decide(&load(basiskader(), path), kader::Stage::Intake)
                .explain();
            let expected = kader::report::render(
                basiskader(),
                &assessment,
                kader::report::Format::Json,
                kader::report::Options::default(),
            );
            assert_eq!(mine, [expected.trim_end()], "{}", path.display());
        }
    }
}

#[test]
fn json_lines_give_one_result_per_location_in_input_order() {
    let run = kader(&["eval", FRAMEWORK, "samples/batch.jsonl", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines = json_lines(&run.stdout);
    let got: Vec<(&str, &str)> = lines
        .iter()
        .map(|l| {
            (
                l["location"]["id"].as_str().unwrap(),
                l["verdict"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("brin-12AB-00", "certified"),
            ("brin-56JK-00", "not_certified"),
            ("brin-78NP-00", "insufficient_evidence"),
        ]
    );
    assert_eq!(lines[0]["valid_until"], "2029-11-30");
}

#[test]
fn a_broken_line_in_a_batch_names_its_line() {
    let scratch = Scratch::new("batch");
    let good = std::fs::read_to_string(root().join("samples/batch.jsonl")).unwrap();
    let first = good.lines().next().unwrap();
    let broken = first.replace(r#""published":true"#, r#""published":"ja""#);
    assert_ne!(broken, first);
    scratch.write("batch.jsonl", format!("{first}\n\n{broken}\n{first}\n"));
    let run = kader_in(
        &scratch.0,
        &[
            "eval",
            &root().join(FRAMEWORK).display().to_string(),
            "batch.jsonl",
            "--format",
            "json",
        ],
    );
    assert_eq!(run.code, 1);
    // The good lines are still evaluated, in order.
    assert_eq!(json_lines(&run.stdout).len(), 2);
    insta::assert_snapshot!("broken_batch_line", run.stderr);
}

// ---------------------------------------------------------------- broken evidence

#[test]
fn broken_evidence_exits_1_naming_the_file_and_the_path() {
    for (file, path) in [
        (
            "samples/invalid/wrong-type.toml",
            "evidence.rules.published",
        ),
        (
            "samples/invalid/impossible-date.json",
            "evidence.safety_plan.adopted",
        ),
        (
            "samples/invalid/percent-out-of-range.json",
            "evidence.monitor.response_rate",
        ),
        ("samples/invalid/unknown-enum.json", "evidence.school.type"),
    ] {
        let run = kader(&["eval", FRAMEWORK, file]);
        assert_eq!(run.code, 1, "{file}");
        assert_eq!(run.stdout, "", "{file}: no verdict for broken evidence");
        assert!(
            run.stderr.contains(&format!("error: {file}: `{path}`")),
            "{file}: {}",
            run.stderr
        );
        let name = file_name(Path::new(file));
        insta::assert_snapshot!(format!("broken_{name}"), run.stderr);
    }
}

#[test]
fn a_misspelled_key_is_a_warning_on_stderr() {
    let file = "samples/invalid/misspelled-key.json";
    let run = kader(&["eval", FRAMEWORK, file, "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(json_lines(&run.stdout).len(), 1);
    insta::assert_snapshot!("misspelled_key", run.stderr);
}

#[test]
fn good_files_are_evaluated_beside_broken_ones() {
    let run = kader(&[
        "eval",
        FRAMEWORK,
        "samples/po-de-regenboog-certified.json",
        "samples/invalid/unknown-enum.json",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 1);
    let lines = json_lines(&run.stdout);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["verdict"], "certified");
    insta::assert_snapshot!("good_and_broken", run.stderr);
}

// ---------------------------------------------------------------- the as-of date

#[test]
fn without_as_of_the_file_is_an_error_unless_given() {
    let scratch = Scratch::new("as-of");
    let regenboog =
        std::fs::read_to_string(root().join("samples/po-de-regenboog-certified.json")).unwrap();
    let mut document: Value = serde_json::from_str(&regenboog).unwrap();
    document.as_object_mut().unwrap().remove("as_of");
    scratch.write("no-as-of.json", document.to_string());
    let framework = root().join(FRAMEWORK).display().to_string();

    let run = kader_in(&scratch.0, &["eval", &framework, "no-as-of.json"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("--as-of"), "{}", run.stderr);
    insta::assert_snapshot!("missing_as_of", run.stderr);

    let run = kader_in(
        &scratch.0,
        &[
            "eval",
            &framework,
            "no-as-of.json",
            "--as-of",
            "2026-11-30",
            "--format",
            "json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let result = &json_lines(&run.stdout)[0];
    assert_eq!(result["as_of"], "2026-11-30");
    assert_eq!(result["verdict"], "certified");
}

#[test]
fn as_of_overrides_the_files_date() {
    let sample = "samples/po-de-regenboog-certified.json";
    let run = kader(&["eval", FRAMEWORK, sample, "--format", "json"]);
    assert_eq!(json_lines(&run.stdout)[0]["as_of"], "2026-11-30");

    // Eighteen months later the yearly evidence is out of date.
    let run = kader(&[
        "eval",
        FRAMEWORK,
        sample,
        "--as-of",
        "2028-05-31",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let result = &json_lines(&run.stdout)[0];
    assert_eq!(result["as_of"], "2028-05-31");
    assert_eq!(result["verdict"], "not_certified");
    assert_eq!(result["valid_until"], Value::Null);

    // Applied to every location of a batch.
    let run = kader(&[
        "eval",
        FRAMEWORK,
        "samples/batch.jsonl",
        "--as-of",
        "2027-01-01",
        "--format",
        "json",
    ]);
    let as_ofs: Vec<Value> = json_lines(&run.stdout)
        .iter()
        .map(|l| l["as_of"].clone())
        .collect();
    assert_eq!(as_ofs, ["2027-01-01", "2027-01-01", "2027-01-01"]);
}

#[test]
fn an_impossible_as_of_flag_is_refused() {
    let run = kader(&[
        "eval",
        FRAMEWORK,
        "samples/po-de-regenboog-certified.json",
        "--as-of",
        "2026-02-30",
    ]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains("`2026-02-30` is not a date"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_missing_evidence_file_is_an_error_and_the_others_are_evaluated() {
    let run = kader(&[
        "eval",
        FRAMEWORK,
        "samples/no-such-school.json",
        "samples/po-de-regenboog-certified.json",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 1);
    assert_eq!(json_lines(&run.stdout).len(), 1);
    assert!(
        run.stderr
            .starts_with("error: samples/no-such-school.json: cannot read it: "),
        "{}",
        run.stderr
    );
}

// ---------------------------------------------------------------- check

const BROKEN_FRAMEWORK: &str = r#"framework kapot "Kapot kader" version "1"
validity 36 months
evidence {
  monitor.last_run : date "Datum laatste monitor"
}
theme sociaal "Sociale veiligheid" {
  criterion S1 "Monitor" {
    owner school
    require monitor.lastrun within 12 months
  }
}
scoring {
  theme passes when all mandatory pass and score >= 60%
  certified when all themes pass
}
"#;

#[test]
fn check_accepts_the_basiskader() {
    let run = kader(&["check", FRAMEWORK]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "frameworks/basiskader.kader: geen problemen gevonden\n"
    );
}

#[test]
fn check_refuses_a_broken_framework() {
    let scratch = Scratch::new("check");
    scratch.write("kapot.kader", BROKEN_FRAMEWORK);
    let run = kader_in(&scratch.0, &["check", "kapot.kader"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("monitor.lastrun"), "{}", run.stderr);
    assert!(
        run.stderr.contains("monitor.last_run"),
        "a suggestion: {}",
        run.stderr
    );
    insta::assert_snapshot!("check_broken", run.stderr);

    // Nothing is evaluated against a framework with errors.
    let sample = root().join("samples/po-de-regenboog-certified.json");
    let run = kader_in(
        &scratch.0,
        &["eval", "kapot.kader", &sample.display().to_string()],
    );
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr
            .contains("`kapot.kader` has errors; nothing was evaluated"),
        "{}",
        run.stderr
    );
}

/// `--exceptions FILE`: the register waives a criterion; its errors name
/// the register's file and line.
#[test]
fn exceptions_come_from_a_register_file() {
    let layer = "frameworks/lokaal/voorbeeldstad.kader";
    let sample = "samples/voorbeeldstad/po-de-wilg-ontheffing-certified.json";
    let register = "samples/registers/voorbeeldstad.toml";
    let kader = |args: &[&str]| kader(&[&["--frameworks", "frameworks"], args].concat());
    let run = kader(&[
        "eval",
        layer,
        sample,
        "--format",
        "json",
        "--exceptions",
        register,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains(r#""verdict":"certified""#),
        "{}",
        run.stdout
    );
    let run = kader(&["eval", layer, sample, "--summary"]);
    assert!(
        run.stdout.contains(r#""verdict":"not_certified""#),
        "{}",
        run.stdout
    );
    for command in ["plan", "report", "test", "diff"] {
        let args: Vec<&str> = match command {
            "test" => vec!["test", layer, "--samples", "samples/voorbeeldstad"],
            "diff" => vec![
                "diff",
                "frameworks/basiskader.kader",
                layer,
                "--samples",
                "samples/voorbeeldstad",
            ],
            "report" => vec!["report", layer, "samples/voorbeeldstad"],
            _ => vec![command, layer, sample],
        };
        let mut with = args.clone();
        with.extend(["--exceptions", register]);
        let run = kader(&with);
        assert!(
            run.stderr.is_empty() || !run.stderr.contains("error: samples/registers"),
            "{command}: {}",
            run.stderr
        );
        if command == "test" {
            assert_eq!(run.code, 0, "{command}: {}{}", run.stdout, run.stderr);
            assert_ne!(kader(&args).code, 0, "without the register De Wilg fails");
        }
    }

    let scratch = Scratch::new("register");
    scratch.write(
        "register.toml",
        "[[exceptions]]\nlocation = \"brin-31VS-02\"\ncriterion = \"O33\"\nreason = \"r\"\ngranted_by = \"g\"\ndecided_on = 2026-01-01\nvalid_until = 2027-01-01\n",
    );
    let path = scratch.0.join("register.toml");
    let run = kader(&[
        "eval",
        layer,
        sample,
        "--exceptions",
        path.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("register.toml:1:1: `exceptions[0].criterion`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("did you mean `O3`?"), "{}", run.stderr);
}
