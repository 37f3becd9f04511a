//! Loading a location's evidence: types, exact numbers, dates, undeclared
//! keys, nesting, `null`, the as-of date, TOML, syntax errors, and the
//! broken files in `samples/invalid/`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::common;

use std::sync::OnceLock;

use common::{basiskader, file_name, root};
use kader::{Date, Evidence, EvidenceProblem, Framework, LoadOptions, Stage, Status};

/// A small framework with one piece of evidence of every type.
const FRAMEWORK: &str = r#"
framework t "Test" version "1"
language en
validity 12 months
evidence {
  flag                  : bool
  share                 : percent
  whole                 : int
  amount                : number
  day                   : date
  name                  : text
  kind                  : enum(po, so, vo, mbo)
  days                  : list<date>
  group.inner.leaf      : bool
  monitor.last_run      : date
  monitor.response_rate : percent
}
theme t "T" {
  criterion RESPONSE "Response at least 70%" {
    owner school
    require monitor.response_rate >= 70%
  }
  criterion SHARE "Share is exactly 71%" {
    owner school
    require share == 71%
  }
  criterion LEAF "Leaf" {
    owner school
    require group.inner.leaf
  }
  criterion AMOUNT "Amount at least 0.1" {
    owner school
    require amount >= 0.1
  }
}
scoring {
  theme passes when all mandatory pass and score >= 60%
  certified when all themes pass
}
"#;

fn framework() -> &'static Framework {
    static FW: OnceLock<Framework> = OnceLock::new();
    FW.get_or_init(|| common::compile(FRAMEWORK))
}

/// A JSON evidence file around an `evidence` object.
fn json(evidence: &str) -> String {
    format!(r#"{{"location": {{"id": "t-1"}}, "as_of": "2026-11-30", "evidence": {evidence}}}"#)
}

/// A TOML evidence file around the lines of an `[evidence]` table.
fn toml(evidence: &str) -> String {
    format!("as_of = \"2026-11-30\"\n[location]\nid = \"t-1\"\n[evidence]\n{evidence}\n")
}

fn ok(text: &str) -> Evidence {
    Evidence::from_json(framework(), text).unwrap_or_else(|e| panic!("{text}\n{e:#?}"))
}

fn ok_toml(text: &str) -> Evidence {
    Evidence::from_toml(framework(), text).unwrap_or_else(|e| panic!("{text}\n{e:#?}"))
}

fn err(text: &str) -> Vec<EvidenceProblem> {
    match Evidence::from_json(framework(), text) {
        Ok(_) => panic!("expected an error for\n{text}"),
        Err(e) => e.problems,
    }
}

fn err_toml(text: &str) -> Vec<EvidenceProblem> {
    match Evidence::from_toml(framework(), text) {
        Ok(_) => panic!("expected an error for\n{text}"),
        Err(e) => e.problems,
    }
}

/// Exactly one problem, at `path`, whose message and help together contain
/// every fragment.
fn one_problem(problems: &[EvidenceProblem], path: &str, fragments: &[&str]) {
    assert_eq!(problems.len(), 1, "expected one problem: {problems:#?}");
    let p = &problems[0];
    assert_eq!(p.path, path, "{p:#?}");
    let text = format!("{} {}", p.message, p.help.as_deref().unwrap_or(""));
    for fragment in fragments {
        assert!(
            text.contains(fragment),
            "`{fragment}` not in the problem at `{path}`: {text}"
        );
    }
}

fn status(evidence: &Evidence, id: &str) -> Status {
    framework()
        .decide(evidence, Stage::Intake)
        .explain()
        .outcome
        .criteria
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("no criterion {id}"))
        .status
}

fn response(value: &str) -> Status {
    status(
        &ok(&json(&format!(
            r#"{{"monitor": {{"response_rate": {value}}}}}"#
        ))),
        "RESPONSE",
    )
}

fn response_toml(value: &str) -> Status {
    status(
        &ok_toml(&toml(&format!("monitor.response_rate = {value}"))),
        "RESPONSE",
    )
}

// ---------------------------------------------------------------- types

#[test]
fn wrong_type_names_the_path_the_type_and_the_value() {
    one_problem(
        &err(&json(r#"{"flag": "ja"}"#)),
        "evidence.flag",
        &["true or false", r#""ja""#],
    );
    one_problem(
        &err(&json(r#"{"whole": "12"}"#)),
        "evidence.whole",
        &["a whole number", r#""12""#],
    );
    one_problem(
        &err(&json(r#"{"whole": 1.5}"#)),
        "evidence.whole",
        &["a whole number", "1.5"],
    );
    one_problem(
        &err(&json(r#"{"name": 42}"#)),
        "evidence.name",
        &["a text", "42"],
    );
    one_problem(
        &err(&json(r#"{"day": 20261130}"#)),
        "evidence.day",
        &["a date", "20261130"],
    );
    one_problem(
        &err(&json(r#"{"days": "2026-01-01"}"#)),
        "evidence.days",
        &["a list of dates", "2026-01-01"],
    );
    one_problem(
        &err(&json(r#"{"days": ["2026-01-01", true]}"#)),
        "evidence.days[1]",
        &["a date", "true"],
    );
    one_problem(
        &err(&json(r#"{"group": true}"#)),
        "evidence.group",
        &["an object", "inner.leaf"],
    );
}

#[test]
fn every_problem_in_a_file_is_reported() {
    let problems = err(&json(
        r#"{"flag": "ja", "share": 2, "day": "2026-02-30", "kind": "hbo"}"#,
    ));
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "evidence.flag",
            "evidence.share",
            "evidence.day",
            "evidence.kind"
        ]
    );
    insta::assert_json_snapshot!("every_problem", problems);
}

#[test]
fn impossible_dates_are_errors() {
    one_problem(
        &err(&json(r#"{"day": "2026-02-30"}"#)),
        "evidence.day",
        &["2026-02-30", "February 2026 has no 30th"],
    );
    // 2028 is a leap year, 2026 is not.
    ok(&json(r#"{"day": "2028-02-29"}"#));
    one_problem(
        &err(&json(r#"{"day": "2026-02-29"}"#)),
        "evidence.day",
        &["2026-02-29", "February 2026 has no 29th"],
    );
    one_problem(
        &err(&json(r#"{"day": "2026-13-01"}"#)),
        "evidence.day",
        &["2026-13-01", "month 13"],
    );
    one_problem(
        &err(&json(r#"{"day": "2026-2-3"}"#)),
        "evidence.day",
        &["YYYY-MM-DD", "2026-2-3"],
    );
    one_problem(
        &err(&json(r#"{"days": ["2026-04-31"]}"#)),
        "evidence.days[0]",
        &["2026-04-31", "April 2026 has no 31st"],
    );
}

#[test]
fn enum_values_must_be_members() {
    one_problem(
        &err(&json(r#"{"kind": "hbo"}"#)),
        "evidence.kind",
        &["hbo", "po, so, vo, mbo", "did you mean `mbo`?"],
    );
    // Members are matched exactly, not case-insensitively.
    one_problem(&err(&json(r#"{"kind": "VO"}"#)), "evidence.kind", &["VO"]);
    ok(&json(r#"{"kind": "vo"}"#));
}

// ---------------------------------------------------------------- percentages and exact numbers

#[test]
fn a_bare_percentage_must_lie_between_0_and_1() {
    one_problem(
        &err(&json(r#"{"share": 1.5}"#)),
        "evidence.share",
        &["1.5", "between 0 and 1"],
    );
    one_problem(
        &err(&json(r#"{"share": -0.1}"#)),
        "evidence.share",
        &["-0.1"],
    );
    one_problem(
        &err(&json(r#"{"share": "150%"}"#)),
        "evidence.share",
        &["150%"],
    );
    one_problem(
        &err(&json(r#"{"share": "71"}"#)),
        "evidence.share",
        &[r#""71""#, r#""71%""#],
    );
    ok(&json(r#"{"share": 0}"#));
    ok(&json(r#"{"share": 1}"#));
    ok(&json(r#"{"share": "100%"}"#));
}

#[test]
fn a_percentage_as_text_equals_the_same_share_as_a_number() {
    let share = |value: &str| status(&ok(&json(&format!(r#"{{"share": {value}}}"#))), "SHARE");
    assert_eq!(share(r#""71%""#), Status::Pass);
    assert_eq!(share("0.71"), Status::Pass);
    assert_eq!(share(r#""71.0%""#), Status::Pass);
    assert_eq!(share("0.710"), Status::Pass);
    assert_eq!(share(r#""70%""#), Status::Fail);
    assert_eq!(share("0.7"), Status::Fail);
    // The same share written two ways is the same evidence.
    assert_eq!(
        ok(&json(r#"{"share": "70%"}"#)),
        ok(&json(r#"{"share": 0.7}"#))
    );
    assert_ne!(
        ok(&json(r#"{"share": "70%"}"#)),
        ok(&json(r#"{"share": 0.71}"#))
    );
}

#[test]
fn percentages_compare_as_exact_decimals() {
    assert_eq!(response(r#""70%""#), Status::Pass);
    assert_eq!(response("0.7"), Status::Pass);
    assert_eq!(response("0.70000000000000000001"), Status::Pass);
    // Below 70% in the 20th digit: a binary float would round these to 0.7.
    assert_eq!(response(r#""69.999999999999999999%""#), Status::Fail);
    assert_eq!(response("0.69999999999999999999"), Status::Fail);
    assert_eq!(response("0.6999"), Status::Fail);
}

#[test]
fn the_value_found_is_reported_as_written() {
    let evidence = ok(&json(
        r#"{"monitor": {"response_rate": "69.999999999999999999%"}}"#,
    ));
    let outcome = framework()
        .decide(&evidence, Stage::Intake)
        .explain()
        .outcome;
    let gap = &outcome
        .criteria
        .iter()
        .find(|c| c.id == "RESPONSE")
        .unwrap()
        .gaps[0];
    assert_eq!(gap.evidence, ["monitor.response_rate"]);
    assert_eq!(gap.expected, ">= 70%");
    assert_eq!(gap.actual, "69.999999999999999999%");
}

#[test]
fn numbers_compare_exactly_too() {
    let amount = |value: &str| status(&ok(&json(&format!(r#"{{"amount": {value}}}"#))), "AMOUNT");
    assert_eq!(amount("0.1"), Status::Pass);
    assert_eq!(amount("1e-1"), Status::Pass);
    assert_eq!(amount("0.09999999999999999999"), Status::Fail);
    // Beyond what kader holds exactly: an error, never a rounded value.
    one_problem(
        &err(&json(r#"{"amount": 1e400}"#)),
        "evidence.amount",
        &["too large or too precise"],
    );
}

// ---------------------------------------------------------------- keys, nesting, null

#[test]
fn an_undeclared_key_is_a_warning_with_the_nearest_path() {
    let evidence = ok(&json(r#"{"monitr.last_run": "2026-03-12"}"#));
    assert_eq!(evidence.warnings().len(), 1, "{:#?}", evidence.warnings());
    let w = &evidence.warnings()[0];
    assert_eq!(w.path, "evidence.monitr.last_run");
    assert!(w.message.contains("not declared"), "{w:#?}");
    assert_eq!(w.help.as_deref(), Some("did you mean `monitor.last_run`?"));

    // A misspelled group, nested: the warning is on each value in it, with
    // the declared path it probably meant.
    let evidence = ok(&json(r#"{"monitr": {"last_run": "2026-03-12"}}"#));
    assert_eq!(evidence.warnings().len(), 1, "{:#?}", evidence.warnings());
    let w = &evidence.warnings()[0];
    assert_eq!(w.path, "evidence.monitr.last_run");
    assert_eq!(w.help.as_deref(), Some("did you mean `monitor.last_run`?"));

    // The misspelled value is not used.
    assert_eq!(
        kader::report::to_json(
            &framework()
                .decide(&evidence, Stage::Intake)
                .explain()
                .outcome
        ),
        kader::report::to_json(
            &framework()
                .decide(&ok(&json("{}")), Stage::Intake)
                .explain()
                .outcome
        ),
        "an ignored key must not supply evidence"
    );

    // Declared keys give no warning.
    assert!(ok(&json(r#"{"monitor": {"last_run": "2026-03-12"}}"#))
        .warnings()
        .is_empty());
}

#[test]
fn nested_objects_and_dotted_keys_are_the_same_evidence() {
    let nested = ok(&json(
        r#"{"monitor": {"response_rate": "80%"}, "group": {"inner": {"leaf": true}}}"#,
    ));
    for text in [
        r#"{"monitor.response_rate": "80%", "group.inner.leaf": true}"#,
        r#"{"monitor": {"response_rate": "80%"}, "group.inner": {"leaf": true}}"#,
        r#"{"monitor.response_rate": "80%", "group": {"inner.leaf": true}}"#,
    ] {
        let evidence = ok(&json(text));
        assert_eq!(evidence, nested, "{text}");
        assert!(evidence.warnings().is_empty(), "{text}");
    }
    assert_eq!(status(&nested, "LEAF"), Status::Pass);
    assert_eq!(status(&nested, "RESPONSE"), Status::Pass);
    assert_ne!(nested, ok(&json("{}")));
}

#[test]
fn the_same_evidence_twice_is_an_error() {
    let problems = err(&json(
        r#"{"monitor": {"response_rate": "80%"}, "monitor.response_rate": "80%"}"#,
    ));
    one_problem(&problems, "evidence.monitor.response_rate", &["twice"]);
}

#[test]
fn null_means_not_supplied() {
    let empty = ok(&json("{}"));
    for text in [
        r#"{"monitor": {"response_rate": null}}"#,
        r#"{"monitor.response_rate": null}"#,
        r#"{"monitor": null}"#,
        r#"{"group": {"inner": null}}"#,
    ] {
        let evidence = ok(&json(text));
        assert_eq!(evidence, empty, "{text}");
        assert!(evidence.warnings().is_empty(), "{text}");
    }
    assert_eq!(status(&empty, "RESPONSE"), Status::Unknown);
    assert_eq!(status(&empty, "LEAF"), Status::Unknown);
    // An empty list is supplied, not missing.
    assert_ne!(ok(&json(r#"{"days": []}"#)), empty);
}

// ---------------------------------------------------------------- the as-of date

#[test]
fn the_as_of_date_comes_from_the_file_or_the_caller() {
    let without = r#"{"location": {"id": "t-1"}, "evidence": {}}"#;
    one_problem(&err(without), "as_of", &["as_of", "--as-of"]);

    let date: Date = "2027-01-15".parse().unwrap();
    let options = LoadOptions {
        as_of: Some(date),
        ..LoadOptions::default()
    };
    let evidence = Evidence::from_json_with(framework(), without, options).unwrap();
    assert_eq!(evidence.as_of(), date);
    assert_eq!(
        framework()
            .decide(&evidence, Stage::Intake)
            .explain()
            .outcome
            .as_of,
        date
    );

    // The caller's date wins over the file's.
    let evidence = Evidence::from_json_with(framework(), &json("{}"), options).unwrap();
    assert_eq!(evidence.as_of(), date);
    assert_eq!(
        ok(&json("{}")).as_of(),
        "2026-11-30".parse::<Date>().unwrap()
    );

    // TOML alike.
    let without = "[location]\nid = \"t-1\"\n[evidence]\n";
    one_problem(&err_toml(without), "as_of", &["as_of"]);
    let evidence = Evidence::from_toml_with(framework(), without, options).unwrap();
    assert_eq!(evidence.as_of(), date);
}

#[test]
fn a_broken_as_of_or_location_is_an_error() {
    one_problem(
        &err(r#"{"location": {"id": "t-1"}, "as_of": "2026-02-30", "evidence": {}}"#),
        "as_of",
        &["2026-02-30"],
    );
    one_problem(
        &err(r#"{"as_of": "2026-11-30", "evidence": {}}"#),
        "location",
        &["location"],
    );
    one_problem(
        &err(r#"{"location": {"name": "x"}, "as_of": "2026-11-30", "evidence": {}}"#),
        "location.id",
        &["id"],
    );
    one_problem(&err("[1, 2]"), "", &["an object"]);
}

// ---------------------------------------------------------------- TOML

#[test]
fn toml_evidence_loads_like_json() {
    let from_toml = ok_toml(&toml(
        "flag = true\nshare = \"71%\"\nwhole = 3\nday = 2026-02-28\ndays = [2026-01-01, \"2026-02-01\"]\n\
         kind = \"vo\"\nname = \"Anne\"\n\
         [evidence.monitor]\nresponse_rate = 0.7\n[evidence.group.inner]\nleaf = true",
    ));
    let from_json = ok(&json(
        r#"{"flag": true, "share": 0.71, "whole": 3, "day": "2026-02-28",
            "days": ["2026-01-01", "2026-02-01"], "kind": "vo", "name": "Anne",
            "monitor": {"response_rate": "70%"}, "group.inner.leaf": true}"#,
    ));
    assert_eq!(from_toml, from_json);
    assert!(from_toml.warnings().is_empty());
    // A quoted dotted key is a dotted path, as in JSON.
    assert_eq!(
        ok_toml(&toml("\"monitor.response_rate\" = \"70%\"")),
        ok_toml(&toml("monitor.response_rate = \"70%\""))
    );
}

#[test]
fn toml_percentages_compare_as_exact_decimals() {
    assert_eq!(response_toml("\"70%\""), Status::Pass);
    assert_eq!(response_toml("0.7"), Status::Pass);
    assert_eq!(response_toml("1"), Status::Pass);
    assert_eq!(response_toml("\"69.999999999999999999%\""), Status::Fail);
    // A TOML float written with more digits than a binary double holds must
    // still compare as written, not as the nearest double (which is 0.7).
    assert_eq!(response_toml("0.69999999999999999999"), Status::Fail);
    assert_eq!(response_toml("0.6999"), Status::Fail);
}

#[test]
fn toml_numbers_in_every_notation() {
    for (toml_value, json_value) in [
        ("whole = 0x10", r#"{"whole": 16}"#),
        ("whole = 0o17", r#"{"whole": 15}"#),
        ("whole = 1_000", r#"{"whole": 1000}"#),
        ("whole = +3", r#"{"whole": 3}"#),
        ("amount = 1_000.5", r#"{"amount": 1000.5}"#),
        ("amount = -2.5e-3", r#"{"amount": -0.0025}"#),
        ("share = +0.71", r#"{"share": "71%"}"#),
    ] {
        assert_eq!(
            ok_toml(&toml(toml_value)),
            ok(&json(json_value)),
            "{toml_value}"
        );
    }
    one_problem(
        &err_toml(&toml("amount = nan")),
        "evidence.amount",
        &["nan"],
    );
}

#[test]
fn toml_errors_name_the_path() {
    one_problem(
        &err_toml(&toml("flag = \"ja\"")),
        "evidence.flag",
        &["true or false", r#""ja""#],
    );
    one_problem(
        &err_toml(&toml("share = 1.5")),
        "evidence.share",
        &["1.5", "between 0 and 1"],
    );
    one_problem(
        &err_toml(&toml("day = \"2026-02-30\"")),
        "evidence.day",
        &["February 2026 has no 30th"],
    );
    one_problem(
        &err_toml(&toml("day = 2026-03-01T10:00:00")),
        "evidence.day",
        &["without a time"],
    );
    one_problem(
        &err_toml(&toml("kind = \"hbo\"")),
        "evidence.kind",
        &["hbo"],
    );
    let evidence = ok_toml(&toml("monitr.last_run = 2026-03-12"));
    assert_eq!(evidence.warnings()[0].path, "evidence.monitr.last_run");
}

// ---------------------------------------------------------------- syntax errors

#[test]
fn invalid_json_gives_line_and_column() {
    // The comma after the as-of date is missing: the error points at the
    // key that follows it.
    let text = "{\n  \"as_of\": \"2026-11-30\"\n  \"evidence\": {}\n}";
    let problems = err(text);
    assert_eq!(problems.len(), 1);
    let p = &problems[0];
    assert_eq!((p.line, p.column), (Some(3), Some(3)), "{p:#?}");
    assert!(p.message.starts_with("this is not valid JSON"), "{p:#?}");
    assert!(
        !p.message.contains("at line"),
        "the position is not repeated: {p:#?}"
    );
    insta::assert_json_snapshot!("invalid_json", problems);
}

#[test]
fn invalid_toml_gives_line_and_column() {
    let text = "as_of = \"2026-11-30\"\n[location]\nid = \"t-1\"\n[evidence]\nflag = tru\n";
    let problems = err_toml(text);
    assert_eq!(problems.len(), 1);
    let p = &problems[0];
    assert_eq!((p.line, p.column), (Some(5), Some(8)), "{p:#?}");
    assert!(p.message.starts_with("this is not valid TOML"), "{p:#?}");
    insta::assert_json_snapshot!("invalid_toml", problems);
}

// ---------------------------------------------------------------- samples/invalid

/// Each broken sample and the error samples/README.md says it gives:
/// file → (path, fragments of the message or help).
#[rustfmt::skip]
const INVALID: &[(&str, &str, &[&str])] = &[
    ("wrong-type.toml", "evidence.rules.published", &["true or false", r#""ja""#]),
    ("impossible-date.json", "evidence.safety_plan.adopted", &["2026-02-30", "February 2026 has no 30th"]),
    ("percent-out-of-range.json", "evidence.monitor.response_rate", &["1.5", "between 0 and 1"]),
    ("unknown-enum.json", "evidence.school.type", &["hbo", "po, so, vo, mbo"]),
];

#[test]
fn broken_samples_give_the_errors_the_readme_names() {
    for (file, path, fragments) in INVALID {
        let problems = common::try_load(basiskader(), &root().join("samples/invalid").join(file))
            .err()
            .unwrap_or_else(|| panic!("{file} must not load"));
        one_problem(&problems, path, fragments);
    }
}

/// `misspelled-key.json` spells the `monitor` group `monitr`. The language
/// contract makes an undeclared key a reported warning, not an error: the
/// file loads, the warnings suggest `monitor.*`, and the monitor evidence
/// counts as missing. Each value under the misspelled group gets its own
/// warning with the path it probably meant.
#[test]
fn a_misspelled_group_is_reported_and_its_evidence_is_missing() {
    let framework = basiskader();
    let evidence = common::load(
        framework,
        &root().join("samples/invalid/misspelled-key.json"),
    );
    let warnings = evidence.warnings();
    assert_eq!(warnings.len(), 5, "{warnings:#?}");
    assert_eq!(warnings[0].path, "evidence.monitr.last_run");
    assert_eq!(
        warnings[0].help.as_deref(),
        Some("did you mean `monitor.last_run`?")
    );
    let outcome = framework.decide(&evidence, Stage::Intake).explain().outcome;
    let s2 = outcome.criteria.iter().find(|c| c.id == "S2").unwrap();
    assert_eq!(s2.status, Status::Unknown);
    assert!(s2.gaps[0]
        .evidence
        .contains(&"monitor.last_run".to_string()));
}

#[test]
fn snapshot_broken_sample_errors() {
    insta::glob!("../../samples/invalid", "*.{json,toml}", |path| {
        let problems = match common::try_load(basiskader(), path) {
            Ok(evidence) => evidence.warnings().to_vec(),
            Err(problems) => problems,
        };
        assert!(!problems.is_empty(), "{}", file_name(path));
        insta::assert_json_snapshot!(problems);
    });
}

/// JSON allows a key twice in one object; kader must not silently keep only
/// the last one (TOML refuses duplicate keys outright).
#[test]
fn a_key_given_twice_in_one_object_is_an_error() {
    one_problem(
        &err(&json(r#"{"flag": true, "flag": false}"#)),
        "evidence.flag",
        &["twice"],
    );
    // Two blocks for one group: neither may be lost.
    let problems = err(&json(
        r#"{"monitor": {"response_rate": "52%"}, "monitor": {"last_run": "2026-03-12", "response_rate": "80%"}}"#,
    ));
    one_problem(&problems, "evidence.monitor", &["twice"]);
    one_problem(
        &err(
            r#"{"location": {"id": "t-1"}, "as_of": "2026-11-30", "as_of": "2027-11-30", "evidence": {}}"#,
        ),
        "as_of",
        &["twice"],
    );
    // Equal keys in different objects are fine.
    ok(&json(
        r#"{"monitor": {"last_run": "2026-03-12"}, "group": {"inner": {"leaf": true}}}"#,
    ));
    // TOML itself refuses them, with the position.
    let problems = err_toml(&toml("flag = true\nflag = false"));
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].line, Some(6), "{problems:#?}");
    assert!(problems[0].message.contains("duplicate"), "{problems:#?}");
}
