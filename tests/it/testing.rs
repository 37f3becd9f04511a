//! `kader test` and `kader::testing`: expectations beside the sample
//! locations, what a framework change breaks, expectation file errors,
//! coverage, and the text, JSON and JUnit reports.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::common;

use std::path::PathBuf;

use common::{basiskader, basiskader_source, compile, kader_in, root};
use kader::testing::{self, Expectation, Failure, RenderOptions, Rule, SampleFile, Source};
use kader::Language;
use serde_json::Value;

// ---------------------------------------------------------------------------
// Helpers

/// A scratch directory for files the tests write, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("kader-testing-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn write(&self, name: &str, text: &str) -> &Self {
        let path = self.0.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    fn path(&self, name: &str) -> String {
        self.0.join(name).display().to_string()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The basiskader with one piece of its text replaced, as an author would
/// edit it; panics when the piece is not there, so that a test never
/// silently tests the unchanged framework.
fn edited_basiskader(from: &str, to: &str) -> String {
    let source = basiskader_source();
    assert_eq!(
        source.matches(from).count(),
        1,
        "`{from}` must occur exactly once in the basiskader"
    );
    source.replace(from, to)
}

fn shipped_samples() -> Vec<SampleFile> {
    // Paths relative to the crate root, as `kader test` run there shows them.
    let mut samples = testing::read_samples(&root().join("samples")).unwrap();
    let prefix = format!("{}/", root().display());
    for s in &mut samples {
        for source in [&mut s.evidence, &mut s.expectation].into_iter().flatten() {
            source.path = source.path.replace(&prefix, "");
        }
    }
    samples
}

fn run_with(source: &str) -> testing::TestRun {
    testing::run(&compile(source), &shipped_samples())
}

const TEXT: RenderOptions = RenderOptions {
    color: false,
    coverage: false,
    min_coverage: None,
    language: Language::En,
};

// ---------------------------------------------------------------------------
// The shipped samples

#[test]
fn every_shipped_sample_has_an_expectation_and_meets_it() {
    let samples = shipped_samples();
    assert_eq!(samples.len(), common::sample_paths().len());
    let run = testing::run(basiskader(), &samples);
    let failures: Vec<String> = run
        .samples
        .iter()
        .filter(|s| !s.passed())
        .map(|s| format!("{}: {:?}", s.name, s.failure))
        .collect();
    assert!(failures.is_empty(), "{failures:#?}");
    assert_eq!(run.passed(), samples.len());
}

#[test]
fn kader_test_is_green_on_the_shipped_samples() {
    let run = kader_in(root(), &["test", "frameworks/basiskader.kader"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.stderr, "");
    insta::assert_snapshot!("passing_run", run.stdout);
}

// ---------------------------------------------------------------------------
// A framework change turns the samples red, naming sample and mismatch

#[test]
fn raising_the_response_norm_fails_the_samples_between_70_and_75_percent() {
    let scratch = Scratch::new("stricter-response");
    scratch.write(
        "basiskader.kader",
        &edited_basiskader(
            "require monitor.response_rate >= 70%",
            "require monitor.response_rate >= 75%",
        ),
    );
    let run = kader_in(root(), &["test", &scratch.path("basiskader.kader")]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    // The basiskader is Dutch, and so are the words kader writes.
    assert!(run.stdout.contains("so-het-kompas-certified ... MISLUKT"));
    assert!(run
        .stdout
        .contains("criterion S4: verwacht pass (other_criteria), gevonden fail"));
    assert!(run.stdout.contains("required >= 75%, found 74%"));
    assert!(run
        .stdout
        .ends_with("testresultaat: MISLUKT. 11 geslaagd; 4 mislukt\n\n"));
    insta::assert_snapshot!("failing_run", run.stdout);
}

#[test]
fn raising_a_theme_threshold_names_the_sample_the_theme_and_the_score() {
    let run = run_with(&edited_basiskader(
        "theme passes when all mandatory pass and score >= 60%",
        "theme passes when all mandatory pass and score >= 80%",
    ));
    assert!(!run.is_ok());
    let lyceum = run
        .samples
        .iter()
        .find(|s| s.name == "vo-stedelijk-lyceum-certified")
        .unwrap();
    let Some(Failure::Mismatches { mismatches }) = &lyceum.failure else {
        panic!("expected mismatches, found {:?}", lyceum.failure);
    };
    let subjects: Vec<&str> = mismatches.iter().map(|m| m.subject.as_str()).collect();
    assert_eq!(
        subjects,
        ["verdict", "valid_until", "theme incidenten"],
        "{mismatches:#?}"
    );
    let incidenten = &mismatches[2];
    assert_eq!(
        (incidenten.expected.as_str(), incidenten.actual.as_str()),
        ("pass", "fail")
    );
    assert_eq!(incidenten.because, ["score 60%, threshold 80%"]);
    assert!(incidenten.line.is_some());

    let text = testing::to_text(&run, TEXT);
    assert!(text.contains("\nvo-stedelijk-lyceum-certified (evidence samples/"));
    assert!(text.contains("verdict: expected certified, found not_certified"));
}

#[test]
fn a_removed_gap_and_an_unwanted_gap_are_both_reported() {
    // F4 now also fails on a retention of exactly 28 days: the lyceum
    // expects no gap there.
    let run = run_with(&edited_basiskader(
        "require cameras.retention_days <= 28",
        "require cameras.retention_days < 28",
    ));
    let lyceum = run
        .samples
        .iter()
        .find(|s| s.name == "vo-stedelijk-lyceum-certified")
        .unwrap();
    let Some(Failure::Mismatches { mismatches }) = &lyceum.failure else {
        panic!("expected mismatches, found {:?}", lyceum.failure);
    };
    let no_gap = mismatches.iter().find(|m| m.subject == "no_gap").unwrap();
    assert_eq!(no_gap.expected, "no F4 gap at cameras.retention_days");
    assert!(
        no_gap.because[0].contains("required < 28, found 28"),
        "{no_gap:?}"
    );

    // Z1 no longer checks the afwegingskader: klimop expects that gap.
    let run = run_with(&edited_basiskader(
        "require meldcode.afwegingskader\n",
        "require meldcode.adopted\n",
    ));
    let klimop = run
        .samples
        .iter()
        .find(|s| s.name == "po-de-klimop-meldcode-not-certified")
        .unwrap();
    let Some(Failure::Mismatches { mismatches }) = &klimop.failure else {
        panic!("expected mismatches, found {:?}", klimop.failure);
    };
    let gap = mismatches.iter().find(|m| m.subject == "gap").unwrap();
    assert_eq!(
        gap.expected,
        "Z1 gap (failed) at meldcode.afwegingskader with message containing \"afwegingskader\""
    );
    assert_eq!(gap.actual, "none");
    assert_eq!(gap.because, ["Z1 is pass and reports no gaps"]);
}

// ---------------------------------------------------------------------------
// Expectation files: errors name the file, the line and the key

fn problem(text: &str) -> String {
    match Expectation::from_toml("x.expect.toml", text) {
        Ok(e) => panic!("expected an error, got {e:?}"),
        Err(e) => {
            assert_eq!(e.problems.len(), 1, "{e}");
            e.problems[0].to_string()
        }
    }
}

#[test]
fn a_misspelled_key_names_file_line_key_and_the_key_meant() {
    assert_eq!(
        problem("verdict = \"certified\"\nother_critera = \"pass\"\n"),
        "x.expect.toml:2:1: `other_critera`: unknown key `other_critera` \
         (did you mean `other_criteria`? allowed here: `verdict`, `valid_until`, \
         `other_criteria`, `themes`, `criteria`, `gap`, `no_gap`)"
    );
    assert_eq!(
        problem("verdict = \"certified\"\n\n[[gap]]\ncriterion = \"Z1\"\nevidense = \"x\"\n"),
        "x.expect.toml:5:1: `gap[1].evidense`: unknown key `evidense` \
         (did you mean `evidence`? allowed here: `criterion`, `evidence`, `message`, `kind`)"
    );
}

#[test]
fn a_wrong_value_names_the_key_it_belongs_to() {
    assert_eq!(
        problem("verdict = \"certified\"\n[themes]\nbeleid = \"pas\"\n"),
        "x.expect.toml:3:10: `themes.beleid`: `pas` is not allowed here \
         (did you mean `pass`? allowed here: `pass`, `fail`, `unknown`, `not_applicable`, \
         `waived`)"
    );
    assert_eq!(
        problem("verdict = \"certified\"\n[criteria]\nC4 = { status = \"pass\", level = \"2\" }\n"),
        "x.expect.toml:3:33: `criteria.C4.level`: wrong kind of value: string \"2\", expected a whole number \
         (see docs/testing.md for what each key takes)"
    );
    assert_eq!(
        problem("verdict = \"certifed\"\n"),
        "x.expect.toml:1:11: `verdict`: `certifed` is not allowed here \
         (did you mean `certified`? allowed here: `certified`, `not_certified`, `insufficient_evidence`)"
    );
    assert_eq!(
        problem("verdict = \"certified\"\nvalid_until = \"2029-02-30\"\n"),
        "x.expect.toml:2:15: `valid_until`: `2029-02-30` is not a date \
         (write a date such as 2029-11-30)"
    );
}

#[test]
fn a_missing_verdict_and_broken_toml_are_explained() {
    let missing = problem("[themes]\nbeleid = \"pass\"\n");
    assert!(
        missing.contains("the key `verdict` is missing"),
        "{missing}"
    );
    let broken = problem("verdict = \"certified\n");
    assert!(broken.starts_with("x.expect.toml:1:"), "{broken}");
    assert!(broken.contains("not valid TOML"), "{broken}");
}

#[test]
fn names_the_framework_does_not_have_are_errors_with_a_suggestion() {
    let expectation = "verdict = \"certified\"\n\
        [themes]\nbelied = \"pass\"\n\
        [criteria]\nZ9 = \"pass\"\nB1 = { status = \"pass\", level = 1 }\n\
        [[no_gap]]\ncriterion = \"F4\"\nevidence = \"cameras.retention\"\n";
    let sample = SampleFile {
        name: "regenboog".to_string(),
        evidence: Some(Source::new(
            "regenboog.json",
            std::fs::read_to_string(root().join("samples/po-de-regenboog-certified.json")).unwrap(),
        )),
        expectation: Some(Source::new("regenboog.expect.toml", expectation)),
    };
    let run = testing::run(basiskader(), &[sample]);
    let Some(Failure::Expectation { problems }) = &run.samples[0].failure else {
        panic!(
            "expected expectation problems, found {:?}",
            run.samples[0].failure
        );
    };
    let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "regenboog.expect.toml:3: `themes.belied`: the framework has no theme `belied` \
             (did you mean `beleid`?)",
            "regenboog.expect.toml:5: `criteria.Z9`: the framework has no criterion `Z9` \
             (did you mean `Z1`?)",
            "regenboog.expect.toml:6: `criteria.B1`: criterion `B1` is not graded, so it has \
             no level (leave out `level`)",
            "regenboog.expect.toml:7: `no_gap[1].evidence`: the framework declares no evidence \
             `cameras.retention` (did you mean `cameras.regulation`?)",
        ]
    );
}

#[test]
fn a_broken_expectation_file_fails_its_sample_in_the_cli() {
    let scratch = Scratch::new("broken-expectation");
    let evidence =
        std::fs::read_to_string(root().join("samples/po-de-regenboog-certified.json")).unwrap();
    scratch.write("samples/regenboog.json", &evidence).write(
        "samples/regenboog.expect.toml",
        "verdict = \"certified\"\nthemse = {}\n",
    );
    let run = kader_in(
        &scratch.0,
        &[
            "test",
            &root()
                .join("frameworks/basiskader.kader")
                .display()
                .to_string(),
        ],
    );
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("regenboog ... MISLUKT"));
    assert!(run.stdout.contains("het verwachtingsbestand bevat fouten:"));
    assert!(
        run.stdout.contains(
            "fout: samples/regenboog.expect.toml:2:1: `themse`: unknown key `themse` \
             (did you mean `themes`?"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn samples_without_expectation_unloadable_evidence_and_stray_expectations_fail() {
    let scratch = Scratch::new("incomplete");
    let good =
        std::fs::read_to_string(root().join("samples/po-de-regenboog-certified.json")).unwrap();
    let broken = std::fs::read_to_string(root().join("samples/invalid/wrong-type.toml")).unwrap();
    scratch
        .write("samples/a-no-expectation.json", &good)
        .write("samples/b-broken.toml", &broken)
        .write("samples/b-broken.expect.toml", "verdict = \"certified\"\n")
        .write("samples/c-stray.expect.toml", "verdict = \"certified\"\n")
        .write("samples/d-good.json", &good)
        .write("samples/d-good.expect.toml", "verdict = \"certified\"\n")
        .write("samples/batch.jsonl", "{}\n");
    let run = kader_in(
        &scratch.0,
        &[
            "test",
            &root()
                .join("frameworks/basiskader.kader")
                .display()
                .to_string(),
        ],
    );
    assert_eq!(run.code, 1);
    insta::assert_snapshot!("incomplete_samples", run.stdout);
}

#[test]
fn an_unreadable_framework_or_samples_directory_is_an_error() {
    let run = kader_in(
        root(),
        &[
            "test",
            "frameworks/basiskader.kader",
            "--samples",
            "nowhere",
        ],
    );
    assert_eq!(run.code, 2);
    assert!(run
        .stderr
        .starts_with("error: cannot read the samples directory `nowhere`"));
    let run = kader_in(
        root(),
        &[
            "test",
            "frameworks/basiskader.kader",
            "--min-coverage",
            "120",
        ],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("`120` is not a percentage"),
        "{}",
        run.stderr
    );
}

// ---------------------------------------------------------------------------
// Coverage

const MINI: &str = r#"
framework mini "Mini" version "1"
evidence {
  school.type   : enum(po, vo) "Type"
  plan.adopted  : bool         "Plan vastgesteld"
  monitor.rate  : percent      "Respons"
  staff.trained : percent      "Geschoold"
}
theme t "T" {
  criterion A "Plan" {
    owner school
    require plan.adopted
  }
  criterion B "Respons" {
    owner school
    applies when school.type == vo
    require monitor.rate >= 70%
  }
  criterion C "Scholing" {
    owner school
    score {
      2 when staff.trained >= 90%
      1 when staff.trained >= 50%
      0 otherwise
    }
  }
}
scoring {
  theme passes when all mandatory pass and score >= 60%
  certified when all themes pass
}
"#;

fn mini_sample(name: &str, evidence: &str, verdict: &str) -> SampleFile {
    SampleFile {
        name: name.to_string(),
        evidence: Some(Source::new(
            format!("{name}.json"),
            format!(
                r#"{{ "location": {{ "id": "{name}" }}, "as_of": "2026-11-30", "evidence": {evidence} }}"#
            ),
        )),
        expectation: Some(Source::new(
            format!("{name}.expect.toml"),
            format!("verdict = \"{verdict}\"\n"),
        )),
    }
}

/// s1: po, so B does not apply, C at its top level.
/// s2: vo, plan and response fail, C at its top level.
/// s3: vo, response missing, C below both levels.
fn mini_samples() -> Vec<SampleFile> {
    vec![
        mini_sample(
            "s1",
            r#"{ "school": { "type": "po" }, "plan": { "adopted": true },
                 "monitor": { "rate": "80%" }, "staff": { "trained": "95%" } }"#,
            "certified",
        ),
        mini_sample(
            "s2",
            r#"{ "school": { "type": "vo" }, "plan": { "adopted": false },
                 "monitor": { "rate": "60%" }, "staff": { "trained": "95%" } }"#,
            "not_certified",
        ),
        mini_sample(
            "s3",
            r#"{ "school": { "type": "vo" }, "plan": { "adopted": true },
                 "staff": { "trained": "40%" } }"#,
            "insufficient_evidence",
        ),
    ]
}

#[test]
fn coverage_counts_each_side_of_each_rule_where_it_decides_something() {
    let framework = compile(MINI);
    let run = testing::run(&framework, &mini_samples());
    assert!(run.is_ok(), "{}", testing::to_text(&run, TEXT));
    let coverage = &run.coverage;
    assert_eq!(coverage.samples, 3);
    // (criterion, rule, true, false, unknown, not reached)
    let counts: Vec<(&str, Rule, usize, usize, usize, usize)> = coverage
        .items
        .iter()
        .map(|i| {
            (
                i.criterion.as_str(),
                i.rule,
                i.true_count,
                i.false_count,
                i.unknown,
                i.not_reached,
            )
        })
        .collect();
    assert_eq!(
        counts,
        [
            ("A", Rule::Criterion, 2, 1, 0, 0),
            ("A", Rule::Require { index: 1 }, 2, 1, 0, 0),
            ("B", Rule::Criterion, 0, 1, 1, 1),
            ("B", Rule::AppliesWhen, 2, 1, 0, 0),
            // Not reached for s1, where B does not apply.
            ("B", Rule::Require { index: 1 }, 0, 1, 1, 1),
            ("C", Rule::Criterion, 2, 1, 0, 0),
            ("C", Rule::Level { level: 2 }, 2, 1, 0, 0),
            // Not reached where level 2 was already awarded.
            ("C", Rule::Level { level: 1 }, 0, 1, 0, 2),
        ]
    );
    assert_eq!((coverage.sides_covered(), coverage.sides()), (13, 16));
    assert!((coverage.percent() - 81.25).abs() < 1e-9);
    assert!(coverage.meets(81.25));
    assert!(!coverage.meets(81.3));
    let uncovered: Vec<(&str, &str, Option<&str>)> = coverage
        .uncovered()
        .map(|i| (i.criterion.as_str(), i.notation.as_str(), i.missing()))
        .collect();
    assert_eq!(
        uncovered,
        [
            ("B", "criterion \"Respons\"", Some("never passes")),
            ("B", "require monitor.rate >= 70%", Some("never true")),
            ("C", "level 1 when staff.trained >= 50%", Some("never true")),
        ]
    );
}

#[test]
fn a_level_below_one_that_always_holds_is_never_reached() {
    let framework = compile(MINI);
    let samples = mini_samples();
    let run = testing::run(&framework, &samples[..2]);
    let level_1 = run
        .coverage
        .items
        .iter()
        .find(|i| i.rule == Rule::Level { level: 1 })
        .unwrap();
    assert_eq!(level_1.missing(), Some("never reached"));
    assert_eq!(level_1.not_reached, 2);
}

#[test]
fn coverage_text_lists_what_no_sample_exercises() {
    let framework = compile(MINI);
    let run = testing::run(&framework, &mini_samples());
    let text = testing::to_text(
        &run,
        RenderOptions {
            coverage: true,
            min_coverage: Some(90.0),
            ..TEXT
        },
    );
    assert!(!run.succeeded(Some(90.0)));
    assert!(run.succeeded(Some(80.0)));
    insta::assert_snapshot!("coverage_mini", text);
}

#[test]
fn min_coverage_fails_the_cli_below_the_bar() {
    let scratch = Scratch::new("coverage");
    scratch.write("mini.kader", MINI);
    for sample in mini_samples() {
        let evidence = sample.evidence.unwrap();
        let expectation = sample.expectation.unwrap();
        scratch
            .write(&format!("samples/{}", evidence.path), &evidence.text)
            .write(&format!("samples/{}", expectation.path), &expectation.text);
    }
    let english = ["test", "mini.kader", "--lang", "en", "--min-coverage"];
    let below = kader_in(&scratch.0, &[&english[..], &["90"]].concat());
    assert_eq!(below.code, 1, "{}{}", below.stdout, below.stderr);
    assert!(below.stdout.ends_with(
        "test result: FAILED. 3 passed; 0 failed; coverage 81.2% below the minimum of 90%\n\n"
    ));
    let above = kader_in(&scratch.0, &[&english[..], &["80"]].concat());
    assert_eq!(above.code, 0, "{}{}", above.stdout, above.stderr);
    assert!(above.stdout.ends_with(
        "test result: ok. 3 passed; 0 failed; coverage 81.2% meets the minimum of 80%\n\n"
    ));
    let plain = kader_in(&scratch.0, &["test", "mini.kader", "--coverage"]);
    assert_eq!(plain.code, 0);
    assert!(plain
        .stdout
        .contains("dekking: 81.2% (13 van 16 uitkomsten van regels"));
}

#[test]
fn the_shipped_samples_leave_no_applies_when_of_the_basiskader_untested() {
    let run = testing::run(basiskader(), &shipped_samples());
    let untested: Vec<String> = run
        .coverage
        .uncovered()
        .filter(|i| i.rule == Rule::AppliesWhen)
        .map(|i| format!("{} {}", i.criterion, i.notation))
        .collect();
    assert_eq!(untested, Vec::<String>::new());
    assert!(run.coverage.percent() > 50.0);
}

// ---------------------------------------------------------------------------
// JSON and JUnit

#[test]
fn json_output_is_the_same_run_as_data() {
    let scratch = Scratch::new("json");
    scratch.write(
        "basiskader.kader",
        &edited_basiskader(
            "require monitor.response_rate >= 70%",
            "require monitor.response_rate >= 75%",
        ),
    );
    let run = kader_in(
        root(),
        &[
            "test",
            &scratch.path("basiskader.kader"),
            "--format",
            "json",
            "--coverage",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let doc: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["ok"], false);
    assert_eq!(
        (doc["passed"].as_u64(), doc["failed"].as_u64()),
        (Some(11), Some(4))
    );
    let kompas = doc["samples"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "so-het-kompas-certified")
        .unwrap();
    assert_eq!(kompas["evidence"], "samples/so-het-kompas-certified.toml");
    // S4 fails, but sociaal still passes at 7/8: still certified.
    assert_eq!(kompas["verdict"], "certified");
    assert_eq!(kompas["failure"]["reason"], "mismatches");
    let s4 = kompas["failure"]["mismatches"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["subject"] == "criterion S4")
        .unwrap();
    assert_eq!(
        (&s4["expected"], &s4["actual"]),
        (&Value::from("pass (other_criteria)"), &Value::from("fail"))
    );
    let coverage = &doc["coverage"];
    assert!(coverage["percent"].as_f64().unwrap() > 0.0);
    let item = &coverage["items"][0];
    assert_eq!(item["criterion"], "B1");
    assert_eq!(item["rule"]["kind"], "criterion");
    assert!(item["true"].is_u64() && item["false"].is_u64());
}

#[test]
fn junit_output_is_well_formed_and_escapes_what_it_must() {
    // A sample whose name and gap message hold XML's special characters.
    let framework = compile(
        r#"
        framework x "X & <Y>" version "1"
        evidence { a.b : bool "A" }
        theme t "T" {
          criterion A "A" { owner school require a.b else "Fout: <geen> & \"niets\" 'hier'" }
        }
        scoring { theme passes when all mandatory pass and score >= 60% certified when all themes pass }
        "#,
    );
    let sample = |name: &str, value: bool| SampleFile {
        name: name.to_string(),
        evidence: Some(Source::new(
            format!("{name}.json"),
            format!(
                r#"{{ "location": {{ "id": "x" }}, "as_of": "2026-11-30", "evidence": {{ "a": {{ "b": {value} }} }} }}"#
            ),
        )),
        expectation: Some(Source::new(
            format!("{name}.expect.toml"),
            "verdict = \"certified\"\n[criteria]\nA = \"pass\"\n",
        )),
    };
    let run = testing::run(
        &framework,
        &[
            sample("ok & <fine>", true),
            sample("o'brien \"fails\"", false),
        ],
    );
    let xml = testing::to_junit(
        &run,
        RenderOptions {
            coverage: true,
            min_coverage: Some(100.0),
            ..TEXT
        },
    );
    let root_element = parse_xml(&xml);
    assert_eq!(root_element.name, "testsuites");
    assert_eq!(root_element.attr("tests"), "3");
    assert_eq!(root_element.attr("failures"), "1");
    let suite = &root_element.children[0];
    assert_eq!(suite.name, "testsuite");
    assert_eq!(suite.attr("name"), "x 1");
    let cases: Vec<&Element> = suite
        .children
        .iter()
        .filter(|c| c.name == "testcase")
        .collect();
    assert_eq!(cases.len(), 3);
    assert_eq!(cases[0].attr("name"), "ok & <fine>");
    assert!(cases[0].children.is_empty());
    assert_eq!(cases[1].attr("name"), "o'brien \"fails\"");
    let failure = &cases[1].children[0];
    assert_eq!(failure.name, "failure");
    assert_eq!(failure.attr("type"), "mismatch");
    assert!(
        failure.text.contains("Fout: <geen> & \"niets\" 'hier'"),
        "{}",
        failure.text
    );
    // Both samples together show A passing and failing: 100% coverage.
    assert_eq!(cases[2].attr("name"), "minimum coverage");
    assert!(cases[2].children.is_empty());
    let properties = &suite.children[0];
    assert_eq!(properties.name, "properties");
    assert_eq!(properties.children[0].attr("value"), "100.0%");

    // The CLI writes the same, and passes on the shipped samples.
    let cli = kader_in(
        root(),
        &["test", "frameworks/basiskader.kader", "--format", "junit"],
    );
    assert_eq!(cli.code, 0);
    let doc = parse_xml(&cli.stdout);
    assert_eq!(doc.attr("failures"), "0");
    assert_eq!(doc.children[0].children.len(), common::sample_paths().len());
}

/// An XML element as the checker below reads it.
#[derive(Debug)]
struct Element {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<Element>,
    text: String,
}

impl Element {
    fn attr(&self, name: &str) -> &str {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("<{}> has no `{name}`", self.name))
    }
}

/// A strict reader for the XML subset JUnit reports use: a declaration, then
/// one element tree with attributes, text and the five entities plus
/// numeric references. Panics on anything not well-formed.
fn parse_xml(xml: &str) -> Element {
    let rest = xml
        .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .expect("an XML declaration");
    let mut chars: Vec<char> = rest.chars().collect();
    while chars.last().is_some_and(|c| c.is_whitespace()) {
        chars.pop();
    }
    let mut pos = 0;
    let element = parse_element(&chars, &mut pos);
    assert_eq!(pos, chars.len(), "content after the root element");
    element
}

fn unescape(raw: &str) -> String {
    let mut out = String::new();
    let mut rest = raw;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let end = rest[i..].find(';').expect("an entity ends with `;`") + i;
        let entity = &rest[i + 1..end];
        let c = match entity {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let n = entity.strip_prefix('#').expect("a known entity");
                char::from_u32(n.parse().unwrap()).unwrap()
            }
        };
        out.push(c);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    for c in out.chars() {
        assert!(
            (c as u32) >= 0x20 || matches!(c, '\t' | '\n' | '\r'),
            "a character XML 1.0 does not allow: {:?}",
            c
        );
    }
    out
}

fn parse_element(chars: &[char], pos: &mut usize) -> Element {
    let skip_ws = |pos: &mut usize| {
        while chars.get(*pos).is_some_and(|c| c.is_whitespace()) {
            *pos += 1;
        }
    };
    skip_ws(pos);
    assert_eq!(chars[*pos], '<', "an element starts with `<`");
    *pos += 1;
    let name_end = (*pos..chars.len())
        .find(|&i| chars[i].is_whitespace() || chars[i] == '>' || chars[i] == '/')
        .unwrap();
    let name: String = chars[*pos..name_end].iter().collect();
    assert!(!name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '.'));
    *pos = name_end;
    let mut attrs = Vec::new();
    loop {
        skip_ws(pos);
        match chars[*pos] {
            '/' => {
                assert_eq!(chars[*pos + 1], '>');
                *pos += 2;
                return Element {
                    name,
                    attrs,
                    children: Vec::new(),
                    text: String::new(),
                };
            }
            '>' => {
                *pos += 1;
                break;
            }
            _ => {
                let eq = (*pos..chars.len()).find(|&i| chars[i] == '=').unwrap();
                let attr: String = chars[*pos..eq].iter().collect();
                assert!(
                    attr.chars().all(|c| c.is_ascii_alphanumeric() || c == '.'),
                    "{attr}"
                );
                assert_eq!(chars[eq + 1], '"', "attribute values are quoted");
                let close = (eq + 2..chars.len()).find(|&i| chars[i] == '"').unwrap();
                let raw: String = chars[eq + 2..close].iter().collect();
                assert!(!raw.contains('<'), "`<` in an attribute value: {raw}");
                assert!(
                    !raw.contains('\n'),
                    "a raw line break in an attribute value"
                );
                assert!(
                    attrs.iter().all(|(n, _)| *n != attr),
                    "attribute `{attr}` twice"
                );
                attrs.push((attr, unescape(&raw)));
                *pos = close + 1;
            }
        }
    }
    let mut children = Vec::new();
    let mut text = String::new();
    loop {
        if chars[*pos] == '<' {
            if chars[*pos + 1] == '/' {
                let close: String = chars[*pos + 2..*pos + 2 + name.len()].iter().collect();
                assert_eq!(close, name, "mismatched closing tag");
                *pos += 2 + name.len();
                assert_eq!(chars[*pos], '>');
                *pos += 1;
                return Element {
                    name,
                    attrs,
                    children,
                    text: unescape(&text),
                };
            }
            children.push(parse_element(chars, pos));
        } else {
            assert_ne!(chars[*pos], '>', "a raw `>` in text");
            text.push(chars[*pos]);
            *pos += 1;
        }
    }
}
