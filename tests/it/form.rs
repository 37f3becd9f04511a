//! `kader form`: the engine the form embeds against the library, and the
//! form itself in headless Chromium.
//!
//! The engine (`web/form/engine/`, committed, written by
//! `scripts/build-form-engine`) must answer every request as
//! `kader::api::call` does, byte for byte: every shipped sample evaluated
//! at intake and audit and loaded, under the basiskader and under the
//! Voorbeeldstad layer. When the library changes what it answers, this
//! test fails until the engine is built again.
//!
//! The browser test (`web/form/tests/form.mjs`, playwright-core and
//! axe-core installed under `web/` from its lockfile, Chromium at
//! `/usr/bin/chromium` or `CHROMIUM`) writes the form of both frameworks,
//! fills each from every sample's values by their labels and saves it,
//! opens each sample file and saves it again; here `kader test` must find
//! every saved file as its expectation (`*.expect.toml`) says, `kader eval`
//! must judge it as the sample, and an opened sample must save as exactly
//! the document it loads as. It saves `docs/img/form-nl.png`.
//!
//! Needs Node (both tests), npm and Chromium (the browser test); without
//! them these tests fail, saying what to install. They never pass without
//! having run.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{
    basiskader_source, file_name, kader_in, require, root, run, sample_paths,
    voorbeeldstad_samples, Scratch,
};
use serde_json::{json, Value};

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn is_toml(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()) == Some("toml")
}

fn voorbeeldstad() -> PathBuf {
    root().join("frameworks/lokaal/voorbeeldstad.kader")
}

/// A request for a sample under the basiskader, or under the Voorbeeldstad
/// layer with its base.
fn request(op: &str, sample: &Path, layer: bool, stage: Option<&str>) -> Value {
    let mut request = json!({
        "op": op,
        "framework": basiskader_source(),
        "file_name": "basiskader.kader",
        "evidence": read(sample),
        "evidence_format": if is_toml(sample) { "toml" } else { "json" },
    });
    if layer {
        request["framework"] = Value::from(read(&voorbeeldstad()));
        request["file_name"] = Value::from("voorbeeldstad.kader");
        request["bases"] = json!({ "basiskader": basiskader_source() });
    }
    if let Some(stage) = stage {
        request["stage"] = Value::from(stage);
    }
    request
}

#[test]
fn the_embedded_engine_answers_as_the_library_does() {
    require(
        "node",
        "--version",
        "apt-get install nodejs (Node 18 or newer)",
    );
    let mut requests = Vec::new();
    let cases = sample_paths()
        .into_iter()
        .map(|p| (p, false))
        .chain(voorbeeldstad_samples().into_iter().map(|p| (p, true)));
    for (sample, layer) in cases {
        for stage in ["intake", "audit"] {
            requests.push(request("evaluate", &sample, layer, Some(stage)).to_string());
        }
        requests.push(request("load", &sample, layer, None).to_string());
    }
    // And generated locations: every verdict, values at and beside every
    // threshold.
    let generated = kader::generate::generate(
        common::basiskader(),
        &kader::generate::Options {
            count: 80,
            seed: 1205,
            as_of: None,
        },
    );
    for (i, location) in generated.iter().enumerate() {
        let stage = if i % 2 == 0 { "intake" } else { "audit" };
        for op in ["evaluate", "load"] {
            let mut request = json!({
                "op": op,
                "framework": basiskader_source(),
                "file_name": "basiskader.kader",
                "evidence": location.to_json_line(),
            });
            if op != "load" {
                request["stage"] = Value::from(stage);
            }
            requests.push(request.to_string());
        }
    }
    requests.push(json!({"op": "version"}).to_string());
    let scratch = Scratch::new("form-engine");
    let lines: Vec<String> = requests
        .iter()
        .map(|r| Value::from(r.as_str()).to_string())
        .collect();
    let file = scratch.write("requests.jsonl", lines.join("\n"));
    let output = run(
        Command::new("node")
            .arg(root().join("web/form/tests/engine.mjs"))
            .arg(&file),
        "web/form/tests/engine.mjs",
    );
    let responses: Vec<String> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(responses.len(), requests.len());
    for (request, engine) in requests.iter().zip(&responses) {
        let library = kader::api::call(request);
        let what: Value = serde_json::from_str(request).unwrap();
        let answered: Value = serde_json::from_str(&library).unwrap();
        assert_eq!(answered["ok"], true, "{library:.400}");
        assert!(
            *engine == library,
            "the form's engine (web/form/engine/) answers `{}` otherwise than the library; \
             build it again with scripts/build-form-engine and commit web/form/engine/\n\
             engine:  {engine:.400}\nlibrary: {library:.400}",
            what["op"]
        );
    }
}

/// The document a sample loads as, by the library.
fn loaded(sample: &Path, layer: bool) -> Value {
    let response: Value = serde_json::from_str(&kader::api::call(
        &request("load", sample, layer, None).to_string(),
    ))
    .unwrap();
    assert_eq!(response["ok"], true, "{response}");
    response["result"]["evidence"].clone()
}

#[test]
fn the_form_in_chromium_saves_what_kader_eval_reads() {
    let chromium = common::browser("the form test");
    common::web_packages();

    let scratch = Scratch::new("form-chromium");
    let frameworks = root().join("frameworks");
    let basiskader = root().join("frameworks/basiskader.kader");
    let html = |name: &str, args: &[&str]| {
        let out = scratch.path(&format!("{name}.html"));
        let mut all: Vec<&str> = vec!["form"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["-o", out.to_str().unwrap()]);
        let ran = kader_in(root(), &all);
        assert_eq!(ran.code, 0, "kader form: {}", ran.stderr);
        let size = std::fs::metadata(&out).unwrap().len();
        // The form with the engine inside stays well under 3 MB.
        assert!(size < 3_000_000, "{name}.html is {size} bytes");
        out
    };
    let basiskader_form = html("basiskader", &[basiskader.to_str().unwrap()]);
    let voorbeeldstad_form = html(
        "voorbeeldstad",
        &[
            voorbeeldstad().to_str().unwrap(),
            "--frameworks",
            frameworks.to_str().unwrap(),
            "--lang",
            "en",
        ],
    );
    let samples = sample_paths();
    let layered = voorbeeldstad_samples();
    let screenshot = root().join("docs/img/form-nl.png");
    let plan = json!({
        "out": scratch.0,
        "screenshot": screenshot,
        "screenshot_sample": root().join("samples/vo-de-linde-insufficient-evidence.json"),
        "forms": [
            { "name": "basiskader", "html": basiskader_form, "samples": samples },
            { "name": "voorbeeldstad", "html": voorbeeldstad_form, "samples": layered },
        ],
    });
    let plan_file = scratch.write("plan.json", plan.to_string());
    let output = run(
        Command::new("node")
            .arg(root().join("web/form/tests/form.mjs"))
            .arg(&plan_file)
            .env("CHROMIUM", &chromium),
        "web/form/tests/form.mjs",
    );
    eprintln!("{}", String::from_utf8_lossy(&output.stdout));
    assert!(screenshot.exists());

    for (name, framework, samples, layer) in [
        ("basiskader", basiskader.clone(), &samples, false),
        ("voorbeeldstad", voorbeeldstad(), &layered, true),
    ] {
        let filled = scratch.0.join(name).join("filled");
        for sample in samples.iter() {
            let stem = file_name(sample)
                .trim_end_matches(".json")
                .trim_end_matches(".toml");
            // Opened and saved: exactly the document the sample loads as.
            let opened: Value = serde_json::from_str(&read(
                &scratch
                    .0
                    .join(name)
                    .join("opened")
                    .join(format!("{stem}.json")),
            ))
            .unwrap();
            assert_eq!(
                opened,
                loaded(sample, layer),
                "{name}: {stem} opened and saved"
            );
            // Filled in by label and saved: judged as the sample is.
            let expect = sample.with_file_name(format!("{stem}.expect.toml"));
            std::fs::copy(&expect, filled.join(format!("{stem}.expect.toml"))).unwrap();
            let saved = filled.join(format!("{stem}.json"));
            for stage in ["intake", "audit"] {
                let eval = |file: &Path| {
                    let mut args =
                        vec!["eval", framework.to_str().unwrap(), file.to_str().unwrap()];
                    args.extend_from_slice(&["--format", "json", "--stage", stage]);
                    args.extend_from_slice(&["--frameworks", frameworks.to_str().unwrap()]);
                    let mut result: Value =
                        serde_json::from_str(&kader_in(root(), &args).stdout).unwrap();
                    // The meeting of the location is no question of the form.
                    result["location"]["meeting"].take();
                    result
                };
                assert_eq!(
                    eval(&saved),
                    eval(sample),
                    "{name}: {stem} filled in and saved, at {stage}"
                );
            }
        }
        let mut args = vec![
            "test",
            framework.to_str().unwrap(),
            "--samples",
            filled.to_str().unwrap(),
        ];
        args.extend_from_slice(&["--frameworks", frameworks.to_str().unwrap()]);
        let register = root().join("samples/registers/voorbeeldstad.toml");
        if layer {
            args.extend_from_slice(&["--exceptions", register.to_str().unwrap()]);
        }
        let tested = kader_in(root(), &args);
        assert_eq!(
            tested.code, 0,
            "kader test on the saved files of {name}:\n{}{}",
            tested.stdout, tested.stderr
        );
    }
}

#[test]
fn kader_form_writes_the_page_to_stdout_or_a_file_and_needs_a_layers_base() {
    let scratch = Scratch::new("form-cli");
    let out = scratch.path("formulier.html");
    let basiskader = root().join("frameworks/basiskader.kader");
    let to_file = kader_in(
        root(),
        &[
            "form",
            basiskader.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(to_file.code, 0, "{}", to_file.stderr);
    assert_eq!(to_file.stdout, "");
    let to_stdout = kader_in(root(), &["form", basiskader.to_str().unwrap()]);
    assert_eq!(to_stdout.code, 0, "{}", to_stdout.stderr);
    assert_eq!(to_stdout.stdout, read(&out));
    assert!(to_stdout
        .stdout
        .starts_with("<!doctype html>\n<html lang=\"nl\">"));
    let english = kader_in(
        root(),
        &["form", basiskader.to_str().unwrap(), "--lang", "en"],
    );
    assert!(english
        .stdout
        .contains("<title>Evidence form Basiskader Veilige School 2026.1</title>"));
    // A layer takes its base along, found in --frameworks.
    let layer = kader_in(
        root(),
        &[
            "form",
            voorbeeldstad().to_str().unwrap(),
            "--frameworks",
            "frameworks",
        ],
    );
    assert_eq!(layer.code, 0, "{}", layer.stderr);
    assert!(layer
        .stdout
        .contains(r#""bases":{"basiskader":"// Basiskader Veilige School"#));
    let alone = kader_in(root(), &["form", voorbeeldstad().to_str().unwrap()]);
    assert_eq!(alone.code, 2);
    assert!(alone.stderr.contains("basiskader"), "{}", alone.stderr);
}
