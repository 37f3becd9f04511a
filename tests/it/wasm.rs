//! kader for JavaScript (`bindings/wasm`), tested in Node.
//!
//! Builds `kader-wasm` for `wasm32-unknown-unknown` (in its own target
//! directory, so the build does not wait on the cargo that runs this
//! test), runs `wasm-bindgen --target nodejs` into `bindings/wasm/pkg-node`,
//! and runs `bindings/wasm/tests/samples.mjs`: every shipped sample at
//! intake and audit, a broken framework's diagnostics, formatting, a
//! comparison, and the typed conveniences against `call`. Every request the script sent must
//! get the response `kader::api::call` gives in Rust, value for value. The
//! TypeScript declarations are type-checked with `tsc` (npm, installed
//! locally under `bindings/wasm/node_modules`). The npm package
//! (`bindings/wasm/npm/pack.mjs`) is packed, installed from its tarball into
//! an empty project, and evaluates every sample there as `kader eval
//! --format json` does.
//!
//! Needs the `wasm32-unknown-unknown` target, `wasm-bindgen` (the CLI of
//! the version in `Cargo.lock`), Node and npm; without them these tests
//! fail, saying what to install. They never pass without having run.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use common::{root, run, sample_paths, target_dir};
use serde_json::Value;

/// The evaluation stages every sample is evaluated at.
const STAGES: [&str; 2] = ["intake", "audit"];

/// The version of a package in `Cargo.lock`.
fn locked_version(package: &str) -> String {
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).unwrap();
    let lock: toml::Value = toml::from_str(&lock).unwrap();
    lock["package"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"].as_str() == Some(package))
        .and_then(|p| p["version"].as_str())
        .unwrap_or_else(|| panic!("`{package}` is not in Cargo.lock"))
        .to_string()
}

/// The version line a tool prints, or a panic saying how to install it.
fn tool_version(tool: &str, install: &str) -> String {
    match Command::new(tool).arg("--version").output() {
        Ok(output) if output.status.success() => {
            String::from_utf8_lossy(&output.stdout).trim().to_string()
        }
        Ok(output) => panic!(
            "`{tool} --version` failed ({}): {}\nInstall it with: {install}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ),
        Err(e) => panic!(
            "the WebAssembly tests need `{tool}`, which cannot be run ({e}).\n\
             Install it with: {install}"
        ),
    }
}

/// Checks that `wasm-bindgen` is the CLI of the crate version in
/// `Cargo.lock`: the two must match exactly.
fn require_wasm_bindgen() {
    let version = locked_version("wasm-bindgen");
    let install = format!(
        "cargo install wasm-bindgen-cli --version {version} --locked \
         (drop --locked if a locked dependency cannot be had)"
    );
    let found = tool_version("wasm-bindgen", &install);
    assert!(
        found.split_whitespace().nth(1) == Some(version.as_str()),
        "`wasm-bindgen --version` says `{found}`, but Cargo.lock has wasm-bindgen {version}; \
         the two must match exactly.\nInstall the matching CLI with: {install}"
    );
}

/// `cargo build -p kader-wasm --release --target wasm32-unknown-unknown`,
/// returning the `.wasm` file.
fn build_wasm() -> PathBuf {
    let target = target_dir();
    let output = Command::new(env!("CARGO"))
        .args([
            "build",
            "-p",
            "kader-wasm",
            "--release",
            "--target",
            "wasm32-unknown-unknown",
        ])
        .current_dir(root())
        .env("CARGO_TARGET_DIR", &target)
        .output()
        .unwrap_or_else(|e| panic!("cannot run cargo: {e}"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "building kader-wasm for wasm32-unknown-unknown failed ({}){}\n--- stderr\n{stderr}",
        output.status,
        if stderr.contains("target may not be installed") {
            "\nInstall the target with: rustup target add wasm32-unknown-unknown"
        } else {
            ""
        }
    );
    target.join("wasm32-unknown-unknown/release/kader_wasm.wasm")
}

/// The Node package (`wasm-bindgen --target nodejs`), built once per test
/// binary: `bindings/wasm/pkg-node`.
fn node_package() -> &'static Path {
    static PACKAGE: OnceLock<PathBuf> = OnceLock::new();
    PACKAGE.get_or_init(|| {
        tool_version("node", "apt-get install nodejs (Node 18 or newer)");
        require_wasm_bindgen();
        let wasm = build_wasm();
        let out = root().join("bindings/wasm/pkg-node");
        run(
            Command::new("wasm-bindgen")
                .args(["--target", "nodejs", "--out-dir"])
                .arg(&out)
                .arg(&wasm),
            "wasm-bindgen --target nodejs",
        );
        out
    })
}

/// One request `samples.mjs` sent to `call`, and the response it got.
struct Record {
    name: String,
    request: String,
    response: String,
}

/// Runs `samples.mjs` against the Node package; panics with its report
/// when one of its own checks fails.
fn node_records() -> Vec<Record> {
    let package = node_package();
    let out = target_dir().join("wasm-samples.jsonl");
    std::fs::create_dir_all(target_dir()).unwrap();
    let output = Command::new("node")
        .arg(root().join("bindings/wasm/tests/samples.mjs"))
        .arg(package)
        .arg(&out)
        .output()
        .unwrap_or_else(|e| panic!("cannot run node: {e}"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "bindings/wasm/tests/samples.mjs failed ({}):\n{stderr}{}",
        output.status,
        String::from_utf8_lossy(&output.stdout)
    );
    eprintln!("{stderr}");
    std::fs::read_to_string(&out)
        .unwrap()
        .lines()
        .map(|line| {
            let record: Value = serde_json::from_str(line).unwrap();
            let text = |key: &str| record[key].as_str().unwrap().to_string();
            Record {
                name: text("name"),
                request: text("request"),
                response: text("response"),
            }
        })
        .collect()
}

#[test]
fn node_gets_the_responses_rust_gives() {
    let records = node_records();
    let mut differ = Vec::new();
    for record in &records {
        let in_node: Value = serde_json::from_str(&record.response)
            .unwrap_or_else(|e| panic!("{}: the response is not JSON: {e}", record.name));
        let in_rust: Value = serde_json::from_str(&kader::api::call(&record.request)).unwrap();
        if in_node != in_rust {
            differ.push(format!(
                "{}:\n  node: {}\n  rust: {}",
                record.name,
                truncate(&record.response),
                truncate(&in_rust.to_string())
            ));
        }
    }
    assert!(
        differ.is_empty(),
        "{} of {} responses differ between WebAssembly and Rust:\n{}",
        differ.len(),
        records.len(),
        differ.join("\n")
    );

    // Every shipped sample was evaluated at both stages, and planned.
    let names: BTreeSet<&str> = records.iter().map(|r| r.name.as_str()).collect();
    let samples = sample_paths();
    assert!(!samples.is_empty());
    for path in samples {
        let file = path.file_name().unwrap().to_string_lossy();
        for stage in STAGES {
            let name = format!("evaluate {file} {stage}");
            assert!(
                names.contains(name.as_str()),
                "samples.mjs did not run `{name}`"
            );
        }
        let name = format!("plan {file}");
        assert!(
            names.contains(name.as_str()),
            "samples.mjs did not run `{name}`"
        );
    }
    for name in [
        "version",
        "check basiskader",
        "check misspelled path",
        "check syntax error",
        "format basiskader",
        "format messy",
        "check voorbeeldstad",
        "compare basiskader",
        "compare basiskader itself",
    ] {
        assert!(names.contains(name), "samples.mjs did not run `{name}`");
    }
}

fn truncate(text: &str) -> String {
    let short: String = text.chars().take(400).collect();
    if short.len() < text.len() {
        format!("{short}…")
    } else {
        short
    }
}

/// The declarations in the package (`types.d.ts` and what wasm-bindgen
/// writes) type-check, and describe what a TypeScript user writes
/// (`bindings/wasm/tests/types.ts`).
#[test]
fn typescript_declarations_check() {
    node_package();
    let dir = root().join("bindings/wasm");
    let tsc = dir.join("node_modules/.bin/tsc");
    if !tsc.exists() {
        tool_version("npm", "apt-get install npm");
        run(
            Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund"])
                .current_dir(&dir),
            "npm ci in bindings/wasm (installs typescript locally)",
        );
    }
    run(
        Command::new(&tsc).args(["-p", "tests"]).current_dir(&dir),
        "tsc -p bindings/wasm/tests",
    );
}

/// The example of the package as wasm-bindgen writes it
/// (`examples/evaluate.mjs`) runs in Node and prints the verdict and the
/// failing criteria of the sample.
#[test]
fn the_example_runs_in_node() {
    node_package();
    let output = run(
        Command::new("node")
            .arg("bindings/wasm/examples/evaluate.mjs")
            .current_dir(root()),
        "node bindings/wasm/examples/evaluate.mjs",
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.starts_with("Het Baken College, Almere: not_certified\n"),
        "{stdout}"
    );
    assert!(stdout.lines().count() > 1, "{stdout}");
}

// ---------------------------------------------------------------- the npm package

/// The npm package, packed by `bindings/wasm/npm/pack.mjs` into
/// `target/bindings/npm`, once per test binary: the tarball.
fn npm_tarball() -> &'static Path {
    static TARBALL: OnceLock<PathBuf> = OnceLock::new();
    TARBALL.get_or_init(|| {
        tool_version("node", "apt-get install nodejs (Node 18 or newer)");
        tool_version("npm", "apt-get install npm");
        require_wasm_bindgen();
        let wasm = build_wasm();
        let out = target_dir().join("npm");
        let _ = std::fs::remove_dir_all(&out);
        let output = run(
            Command::new("node")
                .arg(root().join("bindings/wasm/npm/pack.mjs"))
                .arg(&wasm)
                .arg(&out),
            "node bindings/wasm/npm/pack.mjs",
        );
        let tarball = PathBuf::from(String::from_utf8_lossy(&output.stdout).trim());
        let version = locked_version("kader-wasm");
        assert_eq!(
            tarball.file_name().unwrap().to_string_lossy(),
            format!("kader-wasm-{version}.tgz"),
            "the tarball is named by the package and the version in Cargo"
        );
        tarball
    })
}

/// The tarball holds the two builds, their declarations, the manifest and
/// the README, and nothing else.
#[test]
fn the_npm_tarball_holds_the_package() {
    let tarball = npm_tarball();
    let listing = run(
        Command::new("tar").arg("-tzf").arg(tarball),
        "tar -tzf the npm tarball",
    );
    let files: BTreeSet<String> = String::from_utf8_lossy(&listing.stdout)
        .lines()
        .map(|line| line.trim_start_matches("package/").to_string())
        .collect();
    let expected: BTreeSet<String> = [
        "README.md",
        "package.json",
        "node/kader_wasm.js",
        "node/kader_wasm.d.ts",
        "node/kader_wasm_bg.wasm",
        "node/kader_wasm_bg.wasm.d.ts",
        "web/package.json",
        "web/kader_wasm.js",
        "web/kader_wasm.d.ts",
        "web/kader_wasm_bg.wasm",
        "web/kader_wasm_bg.wasm.d.ts",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(files, expected);

    let manifest = run(
        Command::new("tar")
            .arg("-xzOf")
            .arg(tarball)
            .arg("package/package.json"),
        "tar: the packed package.json",
    );
    let manifest: Value = serde_json::from_slice(&manifest.stdout).unwrap();
    assert_eq!(manifest["name"], "kader-wasm");
    assert_eq!(manifest["version"], locked_version("kader-wasm"));
    assert_eq!(manifest["license"], "EUPL-1.2");
    assert!(
        manifest.get("private").is_none(),
        "the package can be published"
    );
    for entry in ["main", "types"] {
        let file = manifest[entry].as_str().unwrap().trim_start_matches("./");
        assert!(
            files.contains(file),
            "`{entry}` names {file}, which is not packed"
        );
    }
}

/// A project installs the tarball (offline: it needs nothing else) and
/// evaluates every sample from Node, by import, by require and with the
/// web build: each result is what `kader eval --format json` writes. The
/// README's example runs there too.
#[test]
fn an_empty_project_installs_the_tarball_and_gets_the_cli_results() {
    let tarball = npm_tarball();
    let project = tarball.parent().unwrap().join("project");
    let _ = std::fs::remove_dir_all(&project);
    std::fs::create_dir_all(&project).unwrap();
    std::fs::write(
        project.join("package.json"),
        r#"{ "name": "a-school-dashboard", "private": true, "type": "module" }"#,
    )
    .unwrap();
    run(
        Command::new("npm")
            .args(["install", "--offline", "--no-audit", "--no-fund"])
            .arg(tarball)
            .current_dir(&project),
        "npm install kader-wasm-*.tgz in an empty project",
    );
    for (from, to) in [
        ("bindings/wasm/tests/npm.mjs", "npm.mjs"),
        ("bindings/wasm/examples/npm.mjs", "example.mjs"),
    ] {
        std::fs::copy(root().join(from), project.join(to)).unwrap();
    }
    let out = project.join("results.jsonl");
    run(
        Command::new("node")
            .arg(project.join("npm.mjs"))
            .arg(root())
            .arg(&out),
        "node npm.mjs in the project",
    );
    let lines = std::fs::read_to_string(&out).unwrap();
    let mut seen = 0;
    for line in lines.lines() {
        let record: Value = serde_json::from_str(line).unwrap();
        let sample = record["sample"].as_str().unwrap();
        let stage = record["stage"].as_str().unwrap();
        let cli = common::kader_in(
            root(),
            &[
                "eval",
                "frameworks/basiskader.kader",
                &format!("samples/{sample}"),
                "--format",
                "json",
                "--stage",
                stage,
            ],
        );
        assert_eq!(cli.code, 0, "{}", cli.stderr);
        let expected: Value = serde_json::from_str(&cli.stdout).unwrap();
        assert!(
            as_javascript(&record["result"]) == as_javascript(&expected),
            "{sample} at {stage}:\n  node: {}\n  cli:  {}",
            truncate(&record["result"].to_string()),
            truncate(&expected.to_string())
        );
        seen += 1;
    }
    assert_eq!(seen, STAGES.len() * sample_paths().len());

    // The README's example, as a project runs it, reading kader's samples.
    let output = run(
        Command::new("node")
            .arg(project.join("example.mjs"))
            .current_dir(root()),
        "node example.mjs (bindings/wasm/examples/npm.mjs) in the project",
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.starts_with("Het Baken College, Almere: not_certified\n"),
        "{stdout}"
    );
}

/// A JSON value as JavaScript reads it: every number a double (`1.0` and
/// `1` are one number), each written as Rust writes that `f64`.
fn as_javascript(value: &Value) -> Value {
    match value {
        Value::Number(n) => Value::String(format!("{:?}", n.as_f64().unwrap())),
        Value::Array(items) => Value::Array(items.iter().map(as_javascript).collect()),
        Value::Object(fields) => Value::Object(
            fields
                .iter()
                .map(|(k, v)| (k.clone(), as_javascript(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}
