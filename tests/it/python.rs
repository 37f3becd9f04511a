//! kader for Python (`bindings/python`), tested with pytest and mypy.
//!
//! Builds the package's wheel with pip and maturin (`pip wheel
//! ./bindings/python`, its cargo target directory `target/bindings`, so
//! that rebuilds are incremental and the build does not wait on the cargo
//! that runs this test), installs it into the Python environment
//! `KADER_PYTHON` names (`scripts/test` makes it, `target/ci-venv`, with
//! maturin, pytest and mypy from `scripts/ci-requirements.txt`), and runs
//! there: the pytest suite `bindings/python/tests` (every sample against
//! this `kader` binary's JSON, the exceptions, threads, the examples),
//! mypy in strict mode over the package, its stubs, the tests and the
//! examples, and `examples/overview.py` over the samples.
//!
//! Without `KADER_PYTHON` these tests use `target/ci-venv` when it is
//! there. Without a Python environment with the tools, they say so on
//! stderr and pass, unless the environment variable `CI` is set: then they
//! fail.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;
use std::time::Instant;

use common::{basiskader, load, root, run, sample_paths, target_dir};
use kader::Stage;

/// How to make the Python environment the tests need.
const MAKE_VENV: &str = "python3 -m venv target/ci-venv && \
     target/ci-venv/bin/pip install -r scripts/ci-requirements.txt \
     (scripts/test does this), then set KADER_PYTHON=target/ci-venv/bin/python";

/// The Python of the environment the package is installed into, or why
/// there is none.
fn python() -> Result<PathBuf, String> {
    let python = match std::env::var_os("KADER_PYTHON") {
        Some(python) => PathBuf::from(python),
        None => {
            let venv = root().join("target/ci-venv/bin/python");
            if !venv.exists() {
                return Err(format!(
                    "KADER_PYTHON is not set. Make it with: {MAKE_VENV}"
                ));
            }
            venv
        }
    };
    let tools = Command::new(&python)
        .args(["-c", "import maturin, pytest, mypy"])
        .output();
    match tools {
        Ok(output) if output.status.success() => Ok(python),
        Ok(output) => Err(format!(
            "{} lacks maturin, pytest or mypy ({}). Make it with: {MAKE_VENV}",
            python.display(),
            String::from_utf8_lossy(&output.stderr).trim()
        )),
        Err(e) => Err(format!(
            "cannot run {} ({e}). Make it with: {MAKE_VENV}",
            python.display()
        )),
    }
}

/// The environment's Python with the package installed, built once per
/// test binary; `None` (said on stderr) when there is no environment and
/// `CI` is not set.
fn installed() -> Option<&'static Path> {
    static INSTALLED: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    let installed = INSTALLED.get_or_init(|| python().map(|python| install(&python)));
    match installed {
        Ok(python) => Some(python),
        Err(why) if std::env::var_os("CI").is_some() => {
            panic!("the Python package cannot be tested: {why}")
        }
        Err(why) => {
            eprintln!("skipped: the Python package cannot be tested: {why}");
            None
        }
    }
}

/// A command of the environment: its `bin` first on `PATH`, so that pip
/// finds maturin.
fn in_venv(python: &Path, program: &Path) -> Command {
    let bin = python.parent().unwrap();
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut paths = vec![bin.to_path_buf()];
    paths.extend(std::env::split_paths(&path));
    let mut command = Command::new(program);
    command
        .env("PATH", std::env::join_paths(paths).unwrap())
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env("KADER_BIN", env!("CARGO_BIN_EXE_kader"));
    command
}

/// Builds the wheel and installs it; the environment's Python.
fn install(python: &Path) -> PathBuf {
    let wheels = target_dir().join("wheels");
    let _ = std::fs::remove_dir_all(&wheels);
    let started = Instant::now();
    run(
        in_venv(python, python)
            .args(["-m", "pip", "wheel", "--no-build-isolation", "--no-deps"])
            .args(["--disable-pip-version-check", "--no-index", "-w"])
            .arg(&wheels)
            .arg(root().join("bindings/python"))
            .env("CARGO_TARGET_DIR", target_dir()),
        "building the wheel (pip wheel ./bindings/python)",
    );
    eprintln!("the wheel was built in {:.0?}", started.elapsed());
    let wheel = std::fs::read_dir(&wheels)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .find(|path| path.extension().is_some_and(|e| e == "whl"))
        .expect("pip wheel wrote a wheel");
    let name = wheel.file_name().unwrap().to_string_lossy().into_owned();
    let version = env!("CARGO_PKG_VERSION");
    assert!(
        name.starts_with(&format!("kader-{version}-cp39-abi3-")),
        "the wheel is not kader {version} for the stable ABI of CPython 3.9 and later: {name}"
    );
    run(
        in_venv(python, python)
            .args(["-m", "pip", "install", "--force-reinstall", "--no-deps"])
            .args(["--disable-pip-version-check", "--no-index"])
            .arg(&wheel),
        "installing the wheel",
    );
    python.to_path_buf()
}

/// Runs a Python module of the environment in `bindings/python` (where
/// pyproject.toml configures pytest and mypy).
fn python_module(python: &Path, args: &[&str], what: &str) -> Output {
    let output = run(
        in_venv(python, python)
            .arg("-m")
            .args(args)
            .current_dir(root().join("bindings/python")),
        what,
    );
    eprintln!("{}", String::from_utf8_lossy(&output.stdout));
    output
}

#[test]
fn the_pytest_suite_passes() {
    let Some(python) = installed() else { return };
    let output = python_module(python, &["pytest", "-q"], "pytest");
    let stdout = String::from_utf8_lossy(&output.stdout);
    // Every sample at both stages, so that a suite that collects nothing
    // does not pass.
    let passed: usize = stdout
        .lines()
        .rev()
        .find_map(|line| {
            line.split(" passed")
                .next()?
                .rsplit(' ')
                .next()?
                .parse()
                .ok()
        })
        .unwrap_or(0);
    assert!(
        passed >= 2 * sample_paths().len(),
        "pytest ran {passed} tests: {stdout}"
    );
}

#[test]
fn the_package_and_its_stubs_check_with_mypy_strict() {
    let Some(python) = installed() else { return };
    let output = python_module(
        python,
        &["mypy"],
        "mypy (strict, bindings/python/pyproject.toml)",
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.starts_with("Success: no issues found in"),
        "{stdout}"
    );
}

/// `examples/overview.py` prints a row for every sample, with the verdict
/// the library gives.
#[test]
fn the_overview_example_prints_every_location() {
    let Some(python) = installed() else { return };
    let output = run(
        in_venv(python, python)
            .arg("bindings/python/examples/overview.py")
            .args(["frameworks/basiskader.kader", "samples", "--stage", "audit"])
            .current_dir(root()),
        "python bindings/python/examples/overview.py",
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    let rows: Vec<&str> = stdout.lines().skip(3).collect();
    let samples = sample_paths();
    assert_eq!(rows.len(), samples.len(), "{stdout}");
    for (path, row) in samples.iter().zip(rows) {
        let evidence = load(basiskader(), path);
        let verdict = basiskader().decide(&evidence, Stage::Audit).verdict();
        let location = evidence.location();
        let name = location.name.as_deref().unwrap_or(&location.id);
        let rest = row
            .strip_prefix(name)
            .unwrap_or_else(|| panic!("{row} is not {name}"));
        assert_eq!(
            rest.split_whitespace().next(),
            Some(verdict.as_str()),
            "{row}"
        );
    }
}
