//! kader's C ABI (`bindings/c`), tested from C.
//!
//! Builds `kader-c` in release mode (in its own target directory, so the
//! build does not wait on the cargo that runs this test), compiles
//! `bindings/c/examples/evaluate.c` against the shared library and
//! `bindings/c/tests/samples.c` against the static one, runs them, and
//! requires every response to equal what `kader::api::call` answers in
//! Rust. Also checks that the committed `bindings/c/include/kader.h` is what
//! cbindgen makes of the source today.
//!
//! Needs a C compiler (`cc`, or the one `CC` names) and `cbindgen` (or the
//! one `CBINDGEN` names); without them these tests fail, saying what to
//! install. They never pass without having run.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::common;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use common::{basiskader_source, root, run, sample_paths, target_dir};
use serde_json::{json, Value};

/// The cbindgen release the committed header was generated with.
const CBINDGEN_VERSION: &str = "0.29.4";

/// The command that regenerates the header, from the workspace root.
const REGENERATE: &str = "cbindgen --config bindings/c/cbindgen.toml \
     --output bindings/c/include/kader.h bindings/c/src/lib.rs";

/// The evaluation stages every sample is evaluated at.
const STAGES: [&str; 2] = ["intake", "audit"];

/// The built library and the compiled C programs.
struct Built {
    /// `samples.c`, linked with `libkader_c.a`.
    samples: PathBuf,
    /// `examples/check.c` (the README's C example), linked statically.
    check: PathBuf,
    /// `examples/evaluate.c`, linked with the shared library.
    evaluate: PathBuf,
    /// A scratch directory for this test binary's outputs.
    work: PathBuf,
}

/// The C compiler: `$CC`, or `cc`. Panics, saying what to install, when
/// there is none.
fn c_compiler() -> OsString {
    let cc = std::env::var_os("CC").unwrap_or_else(|| "cc".into());
    if let Err(e) = Command::new(&cc).arg("--version").output() {
        panic!(
            "the C ABI tests need a C compiler, and `{}` cannot be run ({e}): \
             install one (Debian: `apt-get install gcc`) or name it in CC",
            cc.to_string_lossy()
        );
    }
    cc
}

/// Builds `kader-c` and compiles the C programs, once per test binary.
fn built() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let cc = c_compiler();
        let target = target_dir();
        run(
            Command::new(env!("CARGO"))
                .args(["build", "-p", "kader-c", "--release"])
                .current_dir(root())
                .env("CARGO_TARGET_DIR", &target),
            "cargo build -p kader-c --release",
        );
        let lib_dir = target.join("release");
        let static_lib = lib_dir.join("libkader_c.a");
        assert!(
            static_lib.is_file(),
            "{} was not built",
            static_lib.display()
        );

        let work = target.join("c-abi");
        std::fs::create_dir_all(&work).expect("create the scratch directory");
        let include = root().join("bindings/c/include");
        let warnings = ["-std=c11", "-Wall", "-Wextra", "-Werror"];
        let system_libs = ["-lm", "-lpthread", "-ldl"];

        let samples = work.join("samples");
        run(
            Command::new(&cc)
                .args(warnings)
                .arg("-I")
                .arg(&include)
                .arg(root().join("bindings/c/tests/samples.c"))
                .arg(&static_lib)
                .args(system_libs)
                .arg("-o")
                .arg(&samples),
            "compiling bindings/c/tests/samples.c",
        );

        let evaluate = work.join("evaluate");
        run(
            Command::new(&cc)
                .args(warnings)
                .arg("-I")
                .arg(&include)
                .arg(root().join("bindings/c/examples/evaluate.c"))
                .arg(format!("-L{}", lib_dir.display()))
                .arg(format!("-Wl,-rpath,{}", lib_dir.display()))
                .arg("-lkader_c")
                .args(system_libs)
                .arg("-o")
                .arg(&evaluate),
            "compiling bindings/c/examples/evaluate.c",
        );

        let check = work.join("check");
        run(
            Command::new(&cc)
                .args(warnings)
                .arg("-I")
                .arg(&include)
                .arg(root().join("bindings/c/examples/check.c"))
                .arg(&static_lib)
                .args(system_libs)
                .arg("-o")
                .arg(&check),
            "compiling bindings/c/examples/check.c",
        );

        Built {
            samples,
            evaluate,
            check,
            work,
        }
    })
}

/// An empty directory for one test's outputs.
fn fresh_dir(name: &str) -> PathBuf {
    let dir = built().work.join(name);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).expect("clear the output directory");
    }
    std::fs::create_dir_all(&dir).expect("create the output directory");
    dir
}

/// The evaluate request the C programs build for a sample file at a stage.
fn evaluate_request(path: &Path, stage: &str) -> Value {
    let evidence = std::fs::read_to_string(path).expect("read the sample");
    let format = if path.extension().and_then(|e| e.to_str()) == Some("toml") {
        "toml"
    } else {
        "json"
    };
    json!({
        "op": "evaluate",
        "framework": basiskader_source(),
        "file_name": "basiskader.kader",
        "evidence": evidence,
        "evidence_format": format,
        "stage": stage,
    })
}

/// The file name of a path.
fn file_name(path: &Path) -> String {
    path.file_name()
        .expect("a file name")
        .to_string_lossy()
        .into_owned()
}

/// Parses a file the C program wrote.
fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("the C program did not write {}: {e}", path.display()));
    serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not JSON ({e}): {text}", path.display()))
}

/// Parses a response of `kader::api::call`.
fn call(request: &Value) -> Value {
    serde_json::from_str(&kader::api::call(&request.to_string())).expect("the response is JSON")
}

#[test]
fn every_sample_evaluates_from_c_as_from_rust() {
    let built = built();
    let out = fresh_dir("samples-out");
    let paths = sample_paths();
    assert!(!paths.is_empty(), "no samples found");
    run(
        Command::new(&built.samples)
            .arg(&out)
            .arg(root().join("frameworks/basiskader.kader"))
            .args(&paths),
        "bindings/c/tests/samples.c",
    );

    for path in &paths {
        let name = file_name(path);
        for stage in STAGES {
            let expected_request = evaluate_request(path, stage);
            let request = read_json(&out.join(format!("{name}.{stage}.request.json")));
            assert!(
                request == expected_request,
                "the request C built for {name} at {stage} differs from Rust's"
            );
            let response = read_json(&out.join(format!("{name}.{stage}.response.json")));
            let expected = call(&expected_request);
            assert_eq!(
                expected["ok"], true,
                "{name} at {stage} does not evaluate: {expected}"
            );
            assert!(
                response == expected,
                "{name} at {stage}: the C ABI answered\n{response}\nwhere Rust answered\n{expected}"
            );
        }
    }

    // Requests that must fail fail from C too, as request errors.
    for name in ["null", "not-utf8", "malformed"] {
        let response = read_json(&out.join(format!("{name}.json")));
        assert_eq!(response["ok"], false, "{name}: {response}");
        assert_eq!(response["op"], Value::Null, "{name}: {response}");
        assert_eq!(response["error"]["kind"], "request", "{name}: {response}");
        assert!(
            response["error"]["message"].is_string(),
            "{name}: {response}"
        );
        assert_eq!(response["warnings"], json!([]), "{name}: {response}");
    }
    let malformed = read_json(&out.join("malformed.json"));
    assert_eq!(
        malformed,
        call_text(r#"{"op": "evaluate", "#),
        "malformed JSON answers as in Rust"
    );

    // kader_version is the version the `version` operation reports.
    let version = std::fs::read_to_string(out.join("version.txt")).expect("version.txt");
    let reported = call(&json!({ "op": "version" }));
    assert_eq!(reported["result"]["version"], version.as_str());
}

/// Parses the response of `kader::api::call` to request text.
fn call_text(request: &str) -> Value {
    serde_json::from_str(&kader::api::call(request)).expect("the response is JSON")
}

#[test]
fn the_example_prints_the_response() {
    let built = built();
    for (sample, stage) in [
        ("vo-het-baken-score-below-threshold.json", "audit"),
        ("so-het-kompas-certified.toml", "intake"),
    ] {
        let output = run(
            Command::new(&built.evaluate)
                .current_dir(root())
                .args(["frameworks/basiskader.kader", &format!("samples/{sample}")])
                .arg(stage),
            "bindings/c/examples/evaluate.c",
        );
        let printed: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
            panic!(
                "evaluate printed no JSON ({e}): {}",
                String::from_utf8_lossy(&output.stdout)
            )
        });
        let mut request = evaluate_request(&root().join("samples").join(sample), stage);
        request["file_name"] = json!("frameworks/basiskader.kader");
        let expected = call(&request);
        assert_eq!(expected["ok"], true, "{sample}: {expected}");
        assert!(printed == expected, "{sample}: evaluate printed\n{printed}");
    }

    // Without arguments it evaluates the sample its comment names.
    let output = run(
        Command::new(&built.evaluate).current_dir(root()),
        "bindings/c/examples/evaluate.c without arguments",
    );
    let printed: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(printed["ok"], true, "{printed}");
    assert_eq!(printed["result"]["verdict"], "not_certified");
}

#[test]
fn the_header_is_up_to_date() {
    let cbindgen = std::env::var_os("CBINDGEN").unwrap_or_else(|| "cbindgen".into());
    let version = match Command::new(&cbindgen).arg("--version").output() {
        Ok(output) => String::from_utf8_lossy(&output.stdout).trim().to_string(),
        Err(e) => panic!(
            "checking bindings/c/include/kader.h needs cbindgen, and `{}` cannot be run ({e}): \
             install it with `cargo install cbindgen --locked --version {CBINDGEN_VERSION}` \
             or name it in CBINDGEN",
            cbindgen.to_string_lossy()
        ),
    };
    let dir = std::env::temp_dir().join(format!("kader-c-abi-header-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("create a temporary directory");
    let generated = dir.join("kader.h");
    run(
        Command::new(&cbindgen)
            .current_dir(root())
            .args(["--config", "bindings/c/cbindgen.toml", "--output"])
            .arg(&generated)
            .arg("bindings/c/src/lib.rs"),
        "cbindgen",
    );
    let fresh = std::fs::read_to_string(&generated).expect("cbindgen wrote the header");
    let _ = std::fs::remove_dir_all(&dir);
    let committed = std::fs::read_to_string(root().join("bindings/c/include/kader.h"))
        .expect("bindings/c/include/kader.h is committed");
    if fresh != committed {
        let line = fresh
            .lines()
            .zip(committed.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| fresh.lines().count().min(committed.lines().count()));
        panic!(
            "bindings/c/include/kader.h is out of date with bindings/c/src/lib.rs \
             (first difference at line {}; {version}, the header was made with \
             cbindgen {CBINDGEN_VERSION}): regenerate it from the workspace root with\n  \
             {REGENERATE}\n--- generated\n{fresh}",
            line + 1
        );
    }
}

/// The README's C example reports the misspelled path with its position
/// and a did-you-mean.
#[test]
fn the_readme_example_reports_a_diagnostic() {
    let built = built();
    let output = run(
        &mut Command::new(&built.check),
        "bindings/c/examples/check.c",
    );
    let response: Value = serde_json::from_slice(&output.stdout).expect("the example prints JSON");
    assert_eq!(response["ok"], false, "{response}");
    let diagnostic = &response["error"]["diagnostics"][0];
    assert_eq!(diagnostic["line"], 4, "{response}");
    assert!(
        diagnostic["help"]
            .as_str()
            .unwrap_or("")
            .contains("plan.adopted"),
        "{response}"
    );
}
