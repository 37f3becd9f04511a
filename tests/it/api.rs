//! The JSON interface (`kader::api::call`): every operation on the shipped
//! basiskader and samples, layers, every kind of error, and that no input
//! makes it panic or answer with anything but a JSON object with `"ok"`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::common;

use std::path::Path;

use common::{
    basiskader, basiskader_source, file_name, kader_in, root, sample_paths, voorbeeldstad_samples,
    Scratch,
};
use kader::report::{self, Format, Options};
use kader::resolve::MemoryResolver;
use kader::{Assessment, EvalOptions, Evidence, Framework, Language, LoadOptions, Stage};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

/// Calls the interface with a request value and parses the response.
fn call(request: &Value) -> Value {
    call_text(&request.to_string())
}

/// Calls the interface with request text; the response must be one JSON
/// object with a boolean `ok`, `op` and `warnings`, and `result` or `error`.
fn call_text(request: &str) -> Value {
    let response = kader::api::call(request);
    let value: Value = serde_json::from_str(&response)
        .unwrap_or_else(|e| panic!("the response is not JSON ({e}): {response}"));
    let object = value.as_object().expect("the response is an object");
    let ok = object["ok"].as_bool().expect("`ok` is a boolean");
    assert!(object.contains_key("op"), "no `op`: {response}");
    assert!(object["warnings"].is_array(), "no `warnings`: {response}");
    if ok {
        assert!(object.contains_key("result"), "no `result`: {response}");
        assert!(
            !object.contains_key("error"),
            "`error` beside ok: {response}"
        );
    } else {
        let error = object["error"].as_object().expect("`error` is an object");
        assert!(error["kind"].is_string(), "no `error.kind`: {response}");
        assert!(
            error["message"].is_string(),
            "no `error.message`: {response}"
        );
        assert!(
            !object.contains_key("result"),
            "`result` beside an error: {response}"
        );
    }
    value
}

/// The result of a response that must succeed.
fn ok(response: &Value) -> &Value {
    assert_eq!(response["ok"], true, "expected success: {response:#}");
    &response["result"]
}

/// The error of a response that must fail.
fn err(response: &Value) -> &Value {
    assert_eq!(response["ok"], false, "expected an error: {response:#}");
    &response["error"]
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn is_toml(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()) == Some("toml")
}

fn voorbeeldstad_source() -> String {
    read(&root().join("frameworks/lokaal/voorbeeldstad.kader"))
}

fn stage_name(stage: Stage) -> &'static str {
    stage.as_str()
}

/// What `kader eval --format json` writes for one location, parsed.
/// A sample file's assessment at a stage, in the framework's language.
fn assess(framework: &Framework, path: &Path, stage: Stage) -> Assessment {
    let text = read(path);
    let evidence = if is_toml(path) {
        Evidence::from_toml(framework, &text)
    } else {
        Evidence::from_json(framework, &text)
    }
    .unwrap();
    framework
        .decide(
            &evidence,
            EvalOptions {
                stage,
                language: Some(framework.language()),
            },
        )
        .explain()
}

fn rendered(framework: &Framework, path: &Path, stage: Stage) -> Value {
    let language = framework.language();
    let assessment = assess(framework, path, stage);
    let json = report::render(
        framework,
        &assessment,
        Format::Json,
        Options {
            language,
            color: false,
            technical: false,
            group_by: None,
        },
    );
    serde_json::from_str(&json).unwrap()
}

/// An evaluate or plan request for a sample file, its evidence as text.
fn sample_request(op: &str, framework: &str, path: &Path, stage: Stage) -> Value {
    json!({
        "op": op,
        "framework": framework,
        "file_name": "basiskader.kader",
        "evidence": read(path),
        "evidence_format": if is_toml(path) { "toml" } else { "json" },
        "stage": stage_name(stage),
    })
}

const BROKEN: &str = r#"framework demo "Demo" version "1"
evidence {
  monitor.response_rate : percent "Respons op de monitor"
}
theme t "Thema" {
  criterion C1 "Respons" {
    owner school
    require monitr.response_rate >= 70%
  }
}
"#;

// ---------------------------------------------------------------- version

#[test]
fn version_reports_the_api_and_every_op() {
    let result = ok(&call(&json!({"op": "version"}))).clone();
    assert_eq!(result["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(result["api"], kader::api::API_VERSION);
    assert_eq!(
        result["ops"],
        json!(["check", "evaluate", "plan", "format", "schema", "compare", "load", "version"])
    );
}

// ---------------------------------------------------------------- check

#[test]
fn check_summarises_the_basiskader() {
    let response = call(&json!({
        "op": "check",
        "framework": basiskader_source(),
        "file_name": "basiskader.kader",
    }));
    let result = ok(&response);
    let framework = basiskader();
    assert_eq!(result["framework"]["id"], framework.id());
    assert_eq!(result["framework"]["version"], framework.version());
    assert_eq!(
        result["counts"]["evidence"],
        framework.evidence_paths().count()
    );
    assert!(result["counts"]["themes"].as_u64().unwrap() > 0);
    assert!(result["counts"]["criteria"].as_u64().unwrap() > 0);
    // The diagnostics are what `kader check --format json` writes.
    let records: Vec<Value> = framework
        .warnings()
        .to_records("basiskader.kader", basiskader_source())
        .iter()
        .map(|r| serde_json::to_value(r).unwrap())
        .collect();
    assert_eq!(result["diagnostics"], Value::Array(records));
    insta::assert_snapshot!(
        "check_basiskader",
        serde_json::to_string_pretty(&response).unwrap()
    );
}

#[test]
fn check_counts_what_the_criteria_of_a_small_framework_are() {
    let source = r#"framework demo "Demo" version "1"
evidence {
  plan.adopted : date "Datum plan"
  monitor.response_rate : percent "Respons"
}
theme a "A" {
  criterion A1 "Plan" { owner school require plan.adopted within 12 months }
  criterion A2 "Respons" { owner school require monitor.response_rate >= 70% }
}
theme b "B" {
  criterion B1 "Plan" { owner gemeente require plan.adopted within 24 months }
}
"#;
    let response = call(&json!({"op": "check", "framework": source}));
    let counts = &ok(&response)["counts"];
    assert_eq!(counts["themes"], 2);
    assert_eq!(counts["criteria"], 3);
    assert_eq!(counts["evidence"], 2);
    assert_eq!(counts["errors"], 0);
}

#[test]
fn check_reports_warnings_as_records_and_in_warnings() {
    // `monitor.response_rate` is declared and never used: a warning.
    let source = r#"framework demo "Demo" version "1"
evidence {
  plan.adopted : date "Datum plan"
  monitor.response_rate : percent "Respons"
}
theme a "A" {
  criterion A1 "Plan" { owner school require plan.adopted within 12 months }
}
"#;
    let response = call(&json!({"op": "check", "framework": source, "file_name": "demo.kader"}));
    let result = ok(&response);
    let diagnostics = result["diagnostics"].as_array().unwrap();
    assert!(!diagnostics.is_empty(), "{response:#}");
    assert_eq!(result["counts"]["warnings"], diagnostics.len());
    let warnings = response["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), diagnostics.len());
    for (warning, record) in warnings.iter().zip(diagnostics) {
        assert_eq!(warning["kind"], "framework");
        assert_eq!(warning["severity"], "warning");
        assert_eq!(warning["file"], "demo.kader");
        assert_eq!(warning["code"], record["code"]);
        assert_eq!(warning["line"], record["line"]);
    }
}

// ---------------------------------------------------------------- framework errors

#[test]
fn a_broken_framework_gives_diagnostics_with_line_and_column() {
    let response = call(&json!({"op": "check", "framework": BROKEN, "file_name": "demo.kader"}));
    let error = err(&response);
    assert_eq!(error["kind"], "framework");
    let diagnostics = error["diagnostics"].as_array().unwrap();
    let first = &diagnostics[0];
    assert_eq!(first["severity"], "error");
    assert_eq!(first["file"], "demo.kader");
    assert_eq!(first["line"], 8);
    assert_eq!(first["column"], 13);
    let span = first["span"].as_array().unwrap();
    let (start, end) = (
        span[0].as_u64().unwrap() as usize,
        span[1].as_u64().unwrap() as usize,
    );
    assert_eq!(&BROKEN[start..end], "monitr.response_rate");
    assert!(first["code"].as_str().unwrap().starts_with('E'));
    assert!(first["help"]
        .as_str()
        .unwrap()
        .contains("monitor.response_rate"));
    // The same records as `kader check --format json`.
    let expected = Framework::compile_with(BROKEN, "demo.kader", &MemoryResolver::new())
        .unwrap_err()
        .to_records("demo.kader", BROKEN);
    assert_eq!(
        error["diagnostics"],
        serde_json::to_value(&expected).unwrap()
    );
    insta::assert_snapshot!(
        "framework_error",
        serde_json::to_string_pretty(&response).unwrap()
    );
}

#[test]
fn every_op_that_compiles_reports_framework_errors() {
    let evidence = json!({"location": {"id": "x"}, "as_of": "2026-11-30", "evidence": {}});
    for op in ["check", "evaluate", "plan", "schema", "load"] {
        let response = call(&json!({"op": op, "framework": BROKEN, "evidence": evidence}));
        assert_eq!(response["op"], op);
        assert_eq!(err(&response)["kind"], "framework", "{op}");
    }
}

#[test]
fn a_syntax_error_is_a_framework_error_with_its_place() {
    let source = "framework demo \"Demo\" version \"1\"\ntheme t \"T\" {\n  criterion C1 {\n";
    for op in ["check", "format"] {
        let response = call(&json!({"op": op, "framework": source}));
        let error = err(&response);
        assert_eq!(error["kind"], "framework", "{op}");
        let first = &error["diagnostics"][0];
        assert!(first["line"].as_u64().unwrap() >= 1);
        assert!(first["column"].as_u64().unwrap() >= 1);
        assert_eq!(first["file"], "framework.kader");
    }
}

// ---------------------------------------------------------------- format and schema

#[test]
fn format_gives_the_formatted_source() {
    let messy = "framework demo \"Demo\" version \"1\"\nevidence {   plan.adopted : date \"Datum plan\" }\ntheme t \"Thema\" { criterion C1 \"Plan\" { owner school require plan.adopted within 12 months } }\n";
    let response = call(&json!({"op": "format", "framework": messy}));
    let result = ok(&response);
    let formatted = kader::format::format(messy).unwrap();
    assert_eq!(result["source"], formatted.as_str());
    assert_eq!(result["changed"], true);
    // Formatting the formatted text changes nothing.
    let again = call(&json!({"op": "format", "framework": formatted}));
    assert_eq!(ok(&again)["changed"], false);
    assert_eq!(ok(&again)["source"], formatted.as_str());

    let shipped = call(&json!({"op": "format", "framework": basiskader_source()}));
    assert_eq!(
        ok(&shipped)["source"],
        kader::format::format(basiskader_source()).unwrap().as_str()
    );
}

#[test]
fn schema_is_the_evidence_json_schema() {
    let response = call(&json!({"op": "schema", "framework": basiskader_source()}));
    assert_eq!(ok(&response), &kader::schema::evidence_schema(basiskader()));
}

// ---------------------------------------------------------------- evaluate

#[test]
fn evaluate_matches_the_json_report_for_every_sample_at_both_stages() {
    let framework = basiskader();
    let paths = sample_paths();
    assert!(paths.len() >= 10, "the samples are shipped");
    for path in &paths {
        for stage in [Stage::Intake, Stage::Audit] {
            let expected = rendered(framework, path, stage);
            let response = call(&sample_request(
                "evaluate",
                basiskader_source(),
                path,
                stage,
            ));
            assert_eq!(
                ok(&response),
                &expected,
                "{} at {}",
                file_name(path),
                stage_name(stage)
            );
            // The evidence as a JSON object gives the same result.
            if !is_toml(path) {
                let object: Value = serde_json::from_str(&read(path)).unwrap();
                let response = call(&json!({
                    "op": "evaluate",
                    "framework": basiskader_source(),
                    "evidence": object,
                    "stage": stage_name(stage),
                }));
                assert_eq!(ok(&response), &expected, "{} as an object", file_name(path));
            }
        }
    }
}

#[test]
fn evaluate_follows_as_of_and_lang() {
    let path = root().join("samples/po-de-regenboog-certified.json");
    let framework = basiskader();
    let evidence = Evidence::from_json_with(
        framework,
        &read(&path),
        LoadOptions {
            as_of: Some("2030-06-01".parse().unwrap()),
            ..LoadOptions::default()
        },
    )
    .unwrap();
    let assessment = framework
        .decide(
            &evidence,
            EvalOptions {
                stage: Stage::Audit,
                language: Some(Language::En),
            },
        )
        .explain();
    let expected: Value = serde_json::from_str(&report::render(
        framework,
        &assessment,
        Format::Json,
        Options {
            language: Language::En,
            color: false,
            technical: false,
            group_by: None,
        },
    ))
    .unwrap();
    let response = call(&json!({
        "op": "evaluate",
        "framework": basiskader_source(),
        "evidence": read(&path),
        "stage": "audit",
        "lang": "en",
        "as_of": "2030-06-01",
    }));
    let result = ok(&response);
    assert_eq!(result, &expected);
    assert_eq!(result["as_of"], "2030-06-01");
    assert_eq!(result["stage"], "audit");
}

#[test]
fn evaluate_passes_on_evidence_warnings() {
    let path = root().join("samples/invalid/misspelled-key.json");
    let response = call(&json!({
        "op": "evaluate",
        "framework": basiskader_source(),
        "evidence": read(&path),
    }));
    ok(&response);
    let warnings = response["warnings"].as_array().unwrap();
    let warning = warnings
        .iter()
        .find(|w| w["path"] == "evidence.monitr.last_run")
        .unwrap_or_else(|| panic!("no warning for the misspelled key: {warnings:#?}"));
    assert_eq!(warning["kind"], "evidence");
    assert!(warning["help"]
        .as_str()
        .unwrap()
        .contains("monitor.last_run"));
}

// ---------------------------------------------------------------- plan

#[test]
fn plan_matches_the_json_plan_for_every_sample() {
    let framework = basiskader();
    for path in sample_paths() {
        for (stage, by_owner) in [(Stage::Intake, false), (Stage::Audit, true)] {
            let language = framework.language();
            let assessment = assess(framework, &path, stage);
            let plan = kader::plan::plan_in(framework, &assessment.outcome, language);
            let expected: Value = serde_json::from_str(&report::render_plans(
                &[plan],
                stage,
                Format::Json,
                by_owner,
                Options {
                    language,
                    color: false,
                    technical: false,
                    group_by: None,
                },
            ))
            .unwrap();
            let mut request = sample_request("plan", basiskader_source(), &path, stage);
            if by_owner {
                request["by"] = json!("owner");
            }
            let response = call(&request);
            assert_eq!(ok(&response), &expected, "{}", file_name(&path));
        }
    }
}

// ---------------------------------------------------------------- compare

/// The basiskader with S4's threshold raised from 70% to 80%.
fn stricter_basiskader() -> String {
    let threshold = "require monitor.response_rate >= 70%";
    assert!(basiskader_source().contains(threshold));
    basiskader_source().replace(threshold, "require monitor.response_rate >= 80%")
}

fn compare_request(old: &str, new: &str) -> Value {
    json!({"op": "compare", "old": old, "new": new, "as_of": "2026-11-30"})
}

/// `compare` answers the document `kader diff --exhaustive --format json`
/// writes, and the same comparison as the text and HTML the command line
/// shows, to the byte.
#[test]
fn compare_is_the_exhaustive_diff_of_the_command_line() {
    let scratch = Scratch::new("api-compare");
    let new = stricter_basiskader();
    scratch.write("old.kader", basiskader_source());
    scratch.write("new.kader", &new);
    let cli = |format: &str, lang: &str| {
        let run = kader_in(
            &scratch.0,
            &[
                "diff",
                "old.kader",
                "new.kader",
                "--exhaustive",
                "--as-of",
                "2026-11-30",
                "--format",
                format,
                "--lang",
                lang,
            ],
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        run.stdout
    };
    for lang in ["nl", "en"] {
        let mut request = compare_request(basiskader_source(), &new);
        request["lang"] = json!(lang);
        let response = call(&request);
        let result = ok(&response);
        let document: Value = serde_json::from_str(&cli("json", lang)).unwrap();
        assert_eq!(result["comparison"], document);
        assert_eq!(result["text"], cli("text", lang), "{lang}");
        assert_eq!(result["html"], cli("html", lang), "{lang}");
        assert_eq!(response["warnings"], json!([]));
    }
    let response = call(&compare_request(basiskader_source(), &new));
    let comparison = &ok(&response)["comparison"];
    assert_eq!(comparison["verdict"]["relation"], "stricter");
    let witness = &comparison["verdict"]["witnesses"][0];
    assert_eq!(witness["before"], "certified");
    assert_eq!(witness["after"], "not_certified");
    assert_eq!(
        witness["evidence"]["evidence"]["monitor"]["response_rate"],
        "70%"
    );
    let changed: Vec<(&str, &str)> = comparison["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["relation"] != "equivalent")
        .map(|c| (c["id"].as_str().unwrap(), c["relation"].as_str().unwrap()))
        .collect();
    assert_eq!(changed, [("S4", "stricter")]);
}

#[test]
fn compare_of_a_framework_with_itself_is_equivalent_everywhere() {
    let response = call(&compare_request(basiskader_source(), basiskader_source()));
    let comparison = &ok(&response)["comparison"];
    assert_eq!(comparison["verdict"]["relation"], "equivalent");
    assert_eq!(comparison["verdict"]["witnesses"], json!([]));
    for item in comparison["themes"]
        .as_array()
        .unwrap()
        .iter()
        .chain(comparison["criteria"].as_array().unwrap())
    {
        assert_eq!(item["relation"], "equivalent", "{}", item["id"]);
    }
    // In the framework's language unless `lang` says otherwise.
    let text = ok(&response)["text"].as_str().unwrap();
    assert!(
        text.contains("certificeert precies dezelfde scholen"),
        "{text}"
    );
}

/// A layer on its base, as `kader verify` compares them: `bases` serves
/// both versions.
#[test]
fn compare_reads_bases_for_a_layer() {
    let response = call(&json!({
        "op": "compare",
        "old": basiskader_source(),
        "new": voorbeeldstad_source(),
        "bases": { "basiskader": basiskader_source() },
        "as_of": "2026-11-30",
        "lang": "en",
    }));
    let result = ok(&response);
    let relation = result["comparison"]["verdict"]["relation"]
        .as_str()
        .unwrap();
    assert!(
        ["equivalent", "stricter"].contains(&relation),
        "a layer only tightens: {relation}"
    );
    assert_eq!(response["warnings"], json!([]));
}

/// The errors of both versions, each record naming its file; the first
/// missing field, by name.
#[test]
fn compare_reports_framework_errors_of_both_versions_and_missing_fields() {
    let error = err(&call(&compare_request(BROKEN, BROKEN))).clone();
    assert_eq!(error["kind"], "framework");
    assert_eq!(
        error["message"],
        "`old.kader` has 1 error; `new.kader` has 1 error"
    );
    assert_eq!(error["diagnostics"][0]["file"], "old.kader");
    assert_eq!(error["diagnostics"][1]["file"], "new.kader");
    assert_eq!(error["diagnostics"][2], Value::Null);

    let error = err(&call(&compare_request(basiskader_source(), BROKEN))).clone();
    assert_eq!(error["message"], "`new.kader` has 1 error");
    assert_eq!(error["diagnostics"][0]["code"], "E0201");

    let full = compare_request(basiskader_source(), basiskader_source());
    for field in ["old", "new", "as_of"] {
        let mut request = full.clone();
        request.as_object_mut().unwrap().remove(field);
        let error = err(&call(&request)).clone();
        assert_eq!(error["kind"], "request", "{field}");
        assert_eq!(error["field"], field);
    }
    let mut request = full;
    request["framework"] = json!(basiskader_source());
    let response = call(&request);
    ok(&response);
    assert_eq!(response["warnings"][0]["field"], "framework");
}

// ---------------------------------------------------------------- layers

#[test]
fn a_layer_is_compiled_with_its_bases() {
    let layer = voorbeeldstad_source();
    let resolver =
        MemoryResolver::new().with("basiskader", "basiskader.kader", basiskader_source());
    let framework = Framework::compile_with(&layer, "voorbeeldstad.kader", &resolver).unwrap();
    let bases = json!({ "basiskader": basiskader_source() });

    let check = call(&json!({
        "op": "check",
        "framework": layer,
        "file_name": "voorbeeldstad.kader",
        "bases": bases,
    }));
    let summary = &ok(&check)["framework"];
    assert_eq!(summary["id"], "voorbeeldstad");
    assert_eq!(summary["extends"][0]["id"], "basiskader");
    assert!(
        ok(&check)["counts"]["criteria"].as_u64().unwrap()
            > ok(&call(
                &json!({"op": "check", "framework": basiskader_source()})
            ))["counts"]["criteria"]
                .as_u64()
                .unwrap()
    );

    let samples = voorbeeldstad_samples();
    assert!(!samples.is_empty());
    for path in samples {
        for stage in [Stage::Intake, Stage::Audit] {
            let mut request = sample_request("evaluate", &layer, &path, stage);
            request["bases"] = bases.clone();
            let response = call(&request);
            assert_eq!(
                ok(&response),
                &rendered(&framework, &path, stage),
                "{}",
                file_name(&path)
            );
        }
    }
}

#[test]
fn a_layer_without_its_base_is_a_framework_error_at_extends() {
    let layer = voorbeeldstad_source();
    let response = call(&json!({
        "op": "check",
        "framework": layer,
        "file_name": "voorbeeldstad.kader",
    }));
    let error = err(&response);
    assert_eq!(error["kind"], "framework");
    let first = &error["diagnostics"][0];
    assert_eq!(first["line"], 10);
    assert_eq!(first["column"], 9);
    assert!(first["message"].as_str().unwrap().contains("basiskader"));
}

#[test]
fn a_base_that_is_not_extended_is_a_warning() {
    let response = call(&json!({
        "op": "check",
        "framework": basiskader_source(),
        "bases": { "elders": "framework elders \"E\" version \"1\"" },
    }));
    ok(&response);
    let warning = response["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["field"] == "bases")
        .expect("a warning about `bases`");
    assert_eq!(warning["kind"], "request");
}

// ---------------------------------------------------------------- evidence errors

#[test]
fn evidence_errors_give_problems_with_paths() {
    let cases = [
        ("impossible-date.json", "evidence.safety_plan.adopted"),
        (
            "percent-out-of-range.json",
            "evidence.monitor.response_rate",
        ),
        ("unknown-enum.json", "evidence.school.type"),
        ("wrong-type.toml", "evidence.rules.published"),
    ];
    for (name, path) in cases {
        let file = root().join("samples/invalid").join(name);
        for op in ["evaluate", "plan"] {
            let response = call(&sample_request(
                op,
                basiskader_source(),
                &file,
                Stage::Intake,
            ));
            let error = err(&response);
            assert_eq!(error["kind"], "evidence", "{name}");
            let problems = error["problems"].as_array().unwrap();
            assert!(
                problems.iter().any(|p| p["path"] == path),
                "{name}: no problem at `{path}`: {problems:#?}"
            );
            assert!(problems.iter().all(|p| p["message"].is_string()));
        }
    }
}

#[test]
fn evidence_that_is_not_json_gives_its_line_and_column() {
    let response = call(&json!({
        "op": "evaluate",
        "framework": basiskader_source(),
        "evidence": "{\n  \"location\": {\n    \"id\": \"x\",,\n  }\n}",
    }));
    let error = err(&response);
    assert_eq!(error["kind"], "evidence");
    let problem = &error["problems"][0];
    assert_eq!(problem["line"], 3);
    assert!(problem["column"].is_u64());
    insta::assert_snapshot!(
        "evidence_error",
        serde_json::to_string_pretty(&response).unwrap()
    );
}

#[test]
fn toml_evidence_must_be_text() {
    let response = call(&json!({
        "op": "evaluate",
        "framework": basiskader_source(),
        "evidence": {"location": {"id": "x"}},
        "evidence_format": "toml",
    }));
    let error = err(&response);
    assert_eq!(error["kind"], "request");
    assert_eq!(error["field"], "evidence_format");
}

// ---------------------------------------------------------------- load

/// `load` gives a sample, JSON or TOML, as the document it loads as: the
/// same document whichever format it came in, and one that loads to the
/// same evidence again.
#[test]
fn load_gives_every_sample_as_its_canonical_document() {
    let framework = basiskader();
    for path in sample_paths() {
        let response = call(&json!({
            "op": "load",
            "framework": basiskader_source(),
            "evidence": read(&path),
            "evidence_format": if is_toml(&path) { "toml" } else { "json" },
        }));
        let document = &ok(&response)["evidence"];
        let again = Evidence::from_json(framework, &document.to_string()).unwrap_or_else(|e| {
            panic!("{}: the loaded document does not load: {e}", path.display())
        });
        assert_eq!(again, common::load(framework, &path), "{}", path.display());
        // Canonical: a share as "71%", whatever the file wrote.
        assert!(document["evidence"].is_object(), "{}", path.display());
    }
    // TOML and JSON of one location load to one document.
    let toml = "as_of = 2026-11-30\n[location]\nid = \"x\"\n[evidence.monitor]\nresponse_rate = 0.71\nlast_run = 2026-03-12\n";
    let json = r#"{"location": {"id": "x"}, "as_of": "2026-11-30", "evidence": {"monitor.response_rate": "71%", "monitor": {"last_run": "2026-03-12"}}}"#;
    let from_toml = call(
        &json!({"op": "load", "framework": basiskader_source(), "evidence": toml, "evidence_format": "toml"}),
    );
    let from_json =
        call(&json!({"op": "load", "framework": basiskader_source(), "evidence": json}));
    assert_eq!(ok(&from_toml), ok(&from_json));
    assert_eq!(
        ok(&from_json)["evidence"],
        json!({"location": {"id": "x"}, "as_of": "2026-11-30",
               "evidence": {"monitor": {"last_run": "2026-03-12", "response_rate": "71%"}}})
    );
}

#[test]
fn load_reports_evidence_errors_and_warnings_as_evaluate_does() {
    let file = root().join("samples/invalid/impossible-date.json");
    let response =
        call(&json!({"op": "load", "framework": basiskader_source(), "evidence": read(&file)}));
    let error = err(&response);
    assert_eq!(error["kind"], "evidence");
    assert!(error["problems"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["path"] == "evidence.safety_plan.adopted"));
    let typo = json!({"location": {"id": "x"}, "as_of": "2026-11-30", "evidence": {"monitr": {"last_run": "2026-03-12"}}});
    let response = call(
        &json!({"op": "load", "framework": basiskader_source(), "evidence": typo, "stage": "audit"}),
    );
    assert_eq!(ok(&response)["evidence"]["evidence"], json!({}));
    let kinds: Vec<&str> = response["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["kind"].as_str().unwrap())
        .collect();
    // The undeclared key, and `stage`, which `load` does not use.
    assert_eq!(kinds, ["request", "evidence"]);
}

// ---------------------------------------------------------------- request errors

#[test]
fn a_malformed_request_gives_line_and_column() {
    let response = call_text("{\n  \"op\": \"check\",\n  \"framework\": oops\n}");
    let error = err(&response);
    assert_eq!(error["kind"], "request");
    assert_eq!(error["line"], 3);
    assert_eq!(error["column"], 16);
    assert_eq!(response["op"], Value::Null);
    let message = error["message"].as_str().unwrap();
    assert!(
        message.starts_with("the request is not valid JSON"),
        "{message}"
    );
    assert!(!message.contains("line 3"), "the place is apart: {message}");

    for text in ["", "   ", "{", "{\"op\": \"check\",}", "\u{0}"] {
        let error = err(&call_text(text)).clone();
        assert_eq!(error["kind"], "request", "{text:?}");
        assert!(error["line"].is_u64(), "{text:?}");
    }
}

#[test]
fn a_request_must_be_an_object() {
    for text in ["null", "[]", "42", "\"check\"", "true"] {
        let error = err(&call_text(text)).clone();
        assert_eq!(error["kind"], "request", "{text}");
        assert!(error["message"].as_str().unwrap().contains("JSON object"));
    }
}

#[test]
fn an_unknown_field_is_named_with_a_suggestion() {
    let response = call(&json!({"op": "check", "framework": "", "evidnce": {}}));
    let error = err(&response);
    assert_eq!(error["kind"], "request");
    assert_eq!(error["field"], "evidnce");
    assert_eq!(error["message"], "unknown field `evidnce`");
    assert_eq!(error["help"], "did you mean `evidence`?");
    assert_eq!(response["op"], "check");
    insta::assert_snapshot!(
        "unknown_field",
        serde_json::to_string_pretty(&response).unwrap()
    );

    // Far from every field: the help lists them.
    let error = err(&call(&json!({"op": "version", "colour": true}))).clone();
    assert_eq!(error["field"], "colour");
    assert!(error["help"].as_str().unwrap().contains("`framework`"));

    // A misspelled `op` is found even when `op` itself is missing.
    let error = err(&call(&json!({"opp": "version"}))).clone();
    assert_eq!(error["help"], "did you mean `op`?");
}

#[test]
fn an_unknown_op_is_named_with_a_suggestion() {
    let response = call(&json!({"op": "evaluat"}));
    let error = err(&response);
    assert_eq!(error["field"], "op");
    assert_eq!(error["message"], "unknown operation `evaluat`");
    assert_eq!(error["help"], "did you mean `evaluate`?");
    assert_eq!(response["op"], Value::Null);

    let error = err(&call(&json!({}))).clone();
    assert_eq!(error["field"], "op");
    let error = err(&call(&json!({"op": 3}))).clone();
    assert_eq!(error["field"], "op");
}

#[test]
fn fields_of_the_wrong_kind_are_request_errors() {
    let base = json!({
        "op": "evaluate",
        "framework": basiskader_source(),
        "evidence": read(&root().join("samples/po-de-regenboog-certified.json")),
    });
    let cases = [
        ("stage", json!("audti"), Some("did you mean `audit`?")),
        ("stage", json!(1), None),
        ("lang", json!("de"), None),
        ("as_of", json!("2026-02-30"), None),
        ("as_of", json!("30-11-2026"), None),
        ("evidence_format", json!("yaml"), None),
        ("evidence", json!([1, 2]), None),
        ("evidence", json!(7), None),
        ("bases", json!(["basiskader"]), None),
        ("bases", json!({"basiskader": 1}), None),
        ("framework", json!({"text": ""}), None),
        ("file_name", json!(false), None),
        ("by", json!("theme"), None),
    ];
    for (field, value, help) in cases {
        let mut request = base.clone();
        request[field] = value.clone();
        let response = call(&request);
        let error = err(&response);
        assert_eq!(error["kind"], "request", "{field} = {value}");
        assert_eq!(error["field"], field, "{field} = {value}");
        if let Some(help) = help {
            assert_eq!(error["help"], help);
        }
    }
}

#[test]
fn missing_sources_are_request_errors() {
    for op in ["check", "evaluate", "plan", "format", "schema"] {
        let error = err(&call(&json!({"op": op}))).clone();
        assert_eq!(error["kind"], "request", "{op}");
        assert_eq!(error["field"], "framework", "{op}");
    }
    for op in ["evaluate", "plan"] {
        let error = err(&call(&json!({"op": op, "framework": basiskader_source()}))).clone();
        assert_eq!(error["field"], "evidence", "{op}");
    }
}

#[test]
fn null_is_not_given_and_unused_fields_are_warnings() {
    let response = call(&json!({
        "op": "version",
        "framework": null,
        "stage": null,
    }));
    ok(&response);
    assert_eq!(response["warnings"], json!([]));

    let response = call(&json!({
        "op": "check",
        "framework": basiskader_source(),
        "stage": "audit",
    }));
    ok(&response);
    let warning = &response["warnings"][0];
    assert_eq!(warning["kind"], "request");
    assert_eq!(warning["field"], "stage");
    assert_eq!(
        warning["message"],
        "`stage` is not used by `check`; it was ignored"
    );
}

// ---------------------------------------------------------------- never panics

/// Every field a request may have, as the interface lists them when it
/// meets one it cannot match to any.
fn request_fields() -> Vec<String> {
    let response = call(&json!({"op": "version", "qqqqqqqqqqqqqqqq": 1}));
    let help = err(&response)["help"].as_str().unwrap().to_string();
    let fields: Vec<String> = help
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    assert!(fields.contains(&"as_of".to_string()), "{help}");
    fields
}

fn json_value() -> impl Strategy<Value = Value> {
    let mut keys = request_fields();
    keys.extend(["location", "id", "school", "type"].map(str::to_string));
    let key = prop_oneof![proptest::sample::select(keys), "[a-z_.]{0,8}",];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        proptest::sample::select(
            kader::api::OPS
                .into_iter()
                .chain([
                    "intake",
                    "audit",
                    "nl",
                    "en",
                    "toml",
                    "json",
                    "owner",
                    "2026-11-30",
                    "po",
                    "vo",
                ])
                .collect::<Vec<_>>()
        )
        .prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 40, 6, move |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::vec((key.clone(), inner), 0..6)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Requests shaped like real ones: a real op, a real or broken framework,
/// evidence that is a sample with one value replaced, or anything.
fn request() -> impl Strategy<Value = Value> {
    let samples: Vec<String> = sample_paths()
        .iter()
        .filter(|p| !is_toml(p))
        .map(|p| read(p))
        .collect();
    let frameworks = vec![
        basiskader_source().to_string(),
        BROKEN.to_string(),
        String::new(),
        voorbeeldstad_source(),
    ];
    (
        proptest::sample::select(vec![
            "check", "evaluate", "plan", "format", "schema", "compare",
        ]),
        proptest::sample::select(frameworks),
        proptest::sample::select(samples),
        proptest::collection::vec(any::<prop::sample::Index>(), 0..3),
        json_value(),
        proptest::option::of(proptest::sample::select(vec!["intake", "audit", "x"])),
        proptest::option::of(proptest::sample::select(vec!["nl", "en"])),
        proptest::option::of("[0-9]{4}-[0-9]{2}-[0-9]{2}"),
        any::<bool>(),
    )
        .prop_map(
            |(op, framework, sample, picks, replacement, stage, lang, as_of, as_text)| {
                let mut evidence: Value = serde_json::from_str(&sample).unwrap();
                replace(&mut evidence, &picks, replacement);
                let evidence = if as_text {
                    Value::from(evidence.to_string())
                } else {
                    evidence
                };
                let mut request = json!({
                    "op": op,
                    "framework": framework,
                    "evidence": evidence,
                    "bases": { "basiskader": basiskader_source() },
                });
                if op == "compare" {
                    request = json!({
                        "op": op,
                        "old": basiskader_source(),
                        "new": framework,
                        "bases": { "basiskader": basiskader_source() },
                        "as_of": "2026-11-30",
                    });
                }
                for (field, value) in [("stage", stage), ("lang", lang)] {
                    if let Some(value) = value {
                        request[field] = json!(value);
                    }
                }
                if let Some(as_of) = as_of {
                    request["as_of"] = json!(as_of);
                }
                request
            },
        )
}

/// Replaces the value `picks` leads to (or the first it cannot go past).
fn replace(value: &mut Value, picks: &[prop::sample::Index], replacement: Value) {
    let Some((pick, rest)) = picks.split_first() else {
        *value = replacement;
        return;
    };
    let next = match value {
        Value::Object(map) if !map.is_empty() => {
            let i = pick.index(map.len());
            map.values_mut().nth(i)
        }
        Value::Array(items) if !items.is_empty() => {
            let i = pick.index(items.len());
            items.get_mut(i)
        }
        _ => None,
    };
    match next {
        Some(next) => replace(next, rest, replacement),
        None => *value = replacement,
    }
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn arbitrary_strings_never_panic(text in ".{0,200}") {
        call_text(&text);
    }

    #[test]
    fn arbitrary_json_never_panics(value in json_value()) {
        call_text(&value.to_string());
    }

    #[test]
    fn arbitrary_bytes_as_text_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        call_text(&String::from_utf8_lossy(&bytes));
    }
}

proptest! {
    #![proptest_config(config(48))]

    #[test]
    fn requests_with_arbitrary_evidence_never_panic(request in request()) {
        call(&request);
    }
}

#[test]
fn a_field_given_twice_is_a_request_error() {
    let response = call_text(r#"{"op": "check", "framework": "a", "framework": "b"}"#);
    let error = err(&response);
    assert_eq!(error["kind"], "request");
    assert_eq!(error["field"], "framework");
    assert_eq!(error["message"], "`framework` is given twice");

    let response = call_text(r#"{"op": "check", "framework": "", "bases": {"a": "", "a": ""}}"#);
    let error = err(&response);
    assert_eq!(error["field"], "bases");
    assert_eq!(error["message"], "`bases.a` is given twice");
}

#[test]
fn a_key_twice_in_evidence_is_an_evidence_error_as_in_text() {
    let evidence = r#"{"location": {"id": "x"}, "as_of": "2026-11-30",
        "evidence": {"school": {"type": "po", "type": "vo"}}}"#;
    let as_text = call(&json!({
        "op": "evaluate",
        "framework": basiskader_source(),
        "evidence": evidence,
    }));
    let request = format!(
        r#"{{"op": "evaluate", "framework": {}, "evidence": {evidence}}}"#,
        Value::from(basiskader_source())
    );
    let as_object = call_text(&request);
    let (text_error, object_error) = (err(&as_text), err(&as_object));
    assert_eq!(object_error["kind"], "evidence");
    assert_eq!(object_error["problems"][0]["path"], "evidence.school.type");
    assert_eq!(object_error["problems"], text_error["problems"]);
}

/// Exceptions come with the request from the certifying body's register
/// (as an object or as TOML text), never from the evidence.
#[test]
fn exceptions_come_from_the_register_field() {
    let layer = voorbeeldstad_source();
    let bases = json!({ "basiskader": basiskader_source() });
    let evidence = read(&root().join("samples/voorbeeldstad/po-de-wilg-ontheffing-certified.json"));
    let register = read(&root().join("samples/registers/voorbeeldstad.toml"));
    let request = |exceptions: Value| {
        json!({
            "op": "evaluate", "framework": layer, "bases": bases,
            "evidence": evidence, "exceptions": exceptions,
        })
    };
    let waived = call(&request(Value::String(register.clone())));
    let result = ok(&waived);
    assert_eq!(result["verdict"], "certified", "{result:#}");
    assert_eq!(result["valid_until"], "2027-08-01");
    let o3 = result["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "O3")
        .unwrap();
    assert_eq!(o3["status"], "waived");

    let as_object = json!({ "exceptions": [ {
        "location": "brin-31VS-02", "criterion": "O3", "reason": "Afgesloten terrein",
        "granted_by": "Certificeringscommissie", "decided_on": "2026-05-12",
        "valid_until": "2027-08-01" } ] });
    assert_eq!(ok(&call(&request(as_object)))["verdict"], "certified");

    let without = call(&request(Value::Null));
    assert_eq!(ok(&without)["verdict"], "not_certified");

    let legal = json!({ "exceptions": [ {
        "location": "brin-31VS-02", "criterion": "B1", "reason": "r", "granted_by": "g",
        "decided_on": "2026-05-12", "valid_until": "2027-08-01" } ] });
    let error = err(&call(&request(legal))).clone();
    assert_eq!(error["kind"], "exceptions", "{error:#}");
    assert_eq!(error["problems"][0]["path"], "exceptions[0].criterion");

    let mut in_evidence: Value = serde_json::from_str(&evidence).unwrap();
    in_evidence["exceptions"] = json!([]);
    let mut smuggled = request(Value::Null);
    smuggled["evidence"] = in_evidence;
    assert_eq!(err(&call(&smuggled))["kind"], "evidence");
}

/// With an as-of date, `check` gives the analysis lints too, as `kader
/// check` does; without one, the checker's warnings only.
#[test]
fn check_with_an_as_of_date_gives_the_analysis_lints() {
    let source =
        std::fs::read_to_string(root().join("tests/data/lint/criterion-that-never-passes.kader"))
            .unwrap();
    let codes = |response: &Value| -> Vec<String> {
        response["result"]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_string())
            .collect()
    };
    let with = call(&json!({"op": "check", "framework": source, "as_of": "2026-11-30"}));
    assert_eq!(with["ok"], true, "{with}");
    assert_eq!(codes(&with), ["W0269"]);
    let without = call(&json!({"op": "check", "framework": source}));
    assert!(codes(&without).is_empty(), "{without}");
}

// ---------------------------------------------------------------- compiled frameworks

/// A request to a compiled framework: `request` without the fields that
/// name the framework.
fn without_framework(request: &Value) -> Value {
    let mut request = request.clone();
    for field in ["framework", "file_name", "bases"] {
        request.as_object_mut().unwrap().remove(field);
    }
    request
}

fn compiled(request: &Value) -> kader::api::Compiled {
    kader::api::Compiled::from_request(&request.to_string())
        .unwrap_or_else(|response| panic!("the framework does not compile: {response}"))
}

/// Asks the compiled framework, checking the response as `call_text` does.
fn ask(compiled: &kader::api::Compiled, request: &Value) -> Value {
    let response = compiled.call(&request.to_string());
    serde_json::from_str(&response).unwrap()
}

/// A compiled framework answers every request as `call` answers it with
/// the framework: every sample and 120 generated locations at both
/// stages, plans, loads, warnings, errors.
#[test]
fn a_compiled_framework_answers_as_call_does() {
    let naming = json!({"framework": basiskader_source(), "file_name": "basiskader.kader"});
    let basiskader = compiled(&naming);
    let mut requests: Vec<Value> = Vec::new();
    for path in sample_paths() {
        for stage in [Stage::Intake, Stage::Audit] {
            for op in ["evaluate", "plan"] {
                requests.push(sample_request(op, basiskader_source(), &path, stage));
            }
        }
    }
    let generated = kader::generate::generate(
        common::basiskader(),
        &kader::generate::Options {
            count: 120,
            seed: 1205,
            as_of: None,
        },
    );
    for (i, location) in generated.iter().enumerate() {
        let stage = if i % 2 == 0 { "intake" } else { "audit" };
        for op in ["evaluate", "plan", "load"] {
            let mut request = json!({
                "op": op,
                "framework": basiskader_source(),
                "file_name": "basiskader.kader",
                "evidence": location.to_json_line(),
            });
            if op != "load" {
                request["stage"] = Value::from(stage);
            }
            assert_eq!(call(&request)["ok"], true, "{location:?}");
            requests.push(request);
        }
    }
    let with = |fields: Value| {
        let mut request = naming.clone();
        request
            .as_object_mut()
            .unwrap()
            .extend(fields.as_object().unwrap().clone());
        request
    };
    requests.extend([
        with(json!({"op": "check"})),
        with(json!({"op": "check", "as_of": "2026-11-30", "stage": "audit"})),
        with(json!({"op": "schema"})),
        with(json!({"op": "format"})),
        with(json!({"op": "evaluate", "evidence": "{", "lang": "en"})),
        with(json!({"op": "evaluate", "evidence": {"as_of": "2026-13-01", "evidence": {"monitr": 1}}})),
        with(json!({"op": "evaluate", "evidence": {}, "stage": "audti"})),
        with(json!({"op": "plan"})),
    ]);
    for request in &requests {
        assert_eq!(
            ask(&basiskader, &without_framework(request)),
            call(request),
            "{}",
            truncate(&request.to_string())
        );
    }

    // A framework with warnings: every response that uses it carries them.
    let warned =
        std::fs::read_to_string(root().join("tests/data/warn/percentage-above-100.kader")).unwrap();
    let naming = json!({"framework": warned, "file_name": "warned.kader"});
    let compiled_warned = compiled(&naming);
    for fields in [
        json!({"op": "check"}),
        json!({"op": "schema"}),
        json!({"op": "evaluate", "evidence": {"as_of": "2026-11-30", "evidence": {}}}),
    ] {
        let mut request = naming.clone();
        request
            .as_object_mut()
            .unwrap()
            .extend(fields.as_object().unwrap().clone());
        let expected = call(&request);
        assert!(
            !expected["warnings"].as_array().unwrap().is_empty(),
            "{expected}"
        );
        assert_eq!(ask(&compiled_warned, &fields), expected);
    }

    // A layer, compiled with its bases.
    let bases = json!({ "basiskader": basiskader_source() });
    let layer = voorbeeldstad_source();
    let voorbeeldstad = compiled(&json!({
        "framework": layer, "file_name": "voorbeeldstad.kader", "bases": bases,
    }));
    for path in voorbeeldstad_samples() {
        let mut request = sample_request("evaluate", &layer, &path, Stage::Audit);
        request["file_name"] = json!("voorbeeldstad.kader");
        request["bases"] = bases.clone();
        assert_eq!(
            ask(&voorbeeldstad, &without_framework(&request)),
            call(&request)
        );
    }
}

fn truncate(text: &str) -> String {
    text.chars().take(200).collect()
}

/// A compiled framework takes no framework in a request, and no
/// comparison; a framework that does not compile gives `check`'s response.
#[test]
fn a_compiled_framework_refuses_what_names_another() {
    let compiled = compiled(&json!({"framework": basiskader_source()}));
    for field in ["framework", "file_name", "bases"] {
        let response = ask(&compiled, &json!({"op": "schema", field: "x"}));
        assert_eq!(err(&response)["field"], field, "{response}");
        assert_eq!(err(&response)["kind"], "request");
    }
    let response = ask(
        &compiled,
        &json!({"op": "compare", "old": "", "new": "", "as_of": "2026-11-30"}),
    );
    assert_eq!(err(&response)["field"], "op", "{response}");

    let broken = json!({"op": "check", "framework": BROKEN, "file_name": "demo.kader"});
    let failed = kader::api::Compiled::from_request(&broken.to_string())
        .err()
        .unwrap();
    let failed: Value = serde_json::from_str(&failed).unwrap();
    assert_eq!(failed, call(&broken));
    assert_eq!(failed["error"]["diagnostics"][0]["code"], "E0201");

    let resolver = MemoryResolver::new();
    let failed = kader::api::Compiled::new(BROKEN, "demo.kader", &resolver)
        .err()
        .unwrap();
    assert_eq!(
        serde_json::from_str::<Value>(&failed).unwrap(),
        call(&broken)
    );

    for (request, field) in [
        (json!({"framework": BROKEN, "stage": "audit"}), "stage"),
        (json!({"framwork": BROKEN}), "framwork"),
        (json!({"file_name": "x.kader"}), "framework"),
    ] {
        let failed = kader::api::Compiled::from_request(&request.to_string())
            .err()
            .unwrap();
        let failed: Value = serde_json::from_str(&failed).unwrap();
        assert_eq!(failed["error"]["field"], field, "{failed}");
    }
    assert!(kader::api::Compiled::from_request("[1]").is_err());
    assert!(kader::api::Compiled::from_request("{").is_err());
}
