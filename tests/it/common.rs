//! Helpers shared by the integration tests: where the shipped framework and
//! the sample schools live, and how to load them.

#![expect(
    clippy::expect_used,
    clippy::panic,
    reason = "test helpers: a missing shipped file or a broken framework is a failed test"
)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use kader::{Evidence, EvidenceProblem, Framework};

/// The crate root, where `frameworks/` and `samples/` live.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The text of the shipped basiskader.
pub fn basiskader_source() -> &'static str {
    static SOURCE: OnceLock<String> = OnceLock::new();
    SOURCE.get_or_init(|| {
        std::fs::read_to_string(root().join("frameworks/basiskader.kader"))
            .expect("frameworks/basiskader.kader is shipped")
    })
}

/// The shipped basiskader, compiled once per test binary.
pub fn basiskader() -> &'static Framework {
    static FRAMEWORK: OnceLock<Framework> = OnceLock::new();
    FRAMEWORK.get_or_init(|| match Framework::compile(basiskader_source()) {
        Ok(framework) => framework,
        Err(diagnostics) => panic!(
            "the basiskader does not compile:\n{}",
            diagnostics.render("basiskader.kader", basiskader_source(), false)
        ),
    })
}

/// Compiles a framework written in a test, showing its diagnostics if it
/// does not compile.
pub fn compile(source: &str) -> Framework {
    match Framework::compile(source) {
        Ok(framework) => framework,
        Err(diagnostics) => panic!(
            "test framework does not compile:\n{}",
            diagnostics.render("test.kader", source, false)
        ),
    }
}

/// Every sample location file (`samples/*.json` and `samples/*.toml`),
/// sorted by file name.
pub fn sample_paths() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join("samples"))
        .expect("samples/ is shipped")
        .map(|entry| entry.expect("readable samples/ entry").path())
        .filter(|p| {
            p.is_file()
                && !p.to_string_lossy().ends_with(".expect.toml")
                && matches!(
                    p.extension().and_then(|e| e.to_str()),
                    Some("json" | "toml")
                )
        })
        .collect();
    paths.sort();
    paths
}

/// Loads an evidence file as JSON or TOML, by its extension.
pub fn try_load(framework: &Framework, path: &Path) -> Result<Evidence, Vec<EvidenceProblem>> {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let loaded = match path.extension().and_then(|e| e.to_str()) {
        Some("toml") => Evidence::from_toml(framework, &text),
        _ => Evidence::from_json(framework, &text),
    };
    loaded.map_err(|e| e.problems)
}

/// Loads an evidence file that must load.
pub fn load(framework: &Framework, path: &Path) -> Evidence {
    try_load(framework, path)
        .unwrap_or_else(|problems| panic!("{} does not load: {problems:#?}", path.display()))
}

/// The file name of a path, for messages.
pub fn file_name(path: &Path) -> &str {
    path.file_name()
        .and_then(|n| n.to_str())
        .expect("a file name in UTF-8")
}

/// What a run of the `kader` binary printed, and how it ended.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `kader ARGS` in `dir`, without colours.
pub fn kader_in(dir: &Path, args: &[&str]) -> Run {
    let std::process::Output {
        status,
        stdout,
        stderr,
    } = std::process::Command::new(env!("CARGO_BIN_EXE_kader"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("the kader binary runs");
    Run {
        code: status.code().expect("kader exits normally"),
        stdout: String::from_utf8(stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(stderr).expect("stderr is UTF-8"),
    }
}

/// The target directory of the binding tests' inner builds:
/// `target/bindings`, so that they do not wait on the outer cargo's lock.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| root().join("target"), PathBuf::from)
        .join("bindings")
}

/// Runs a command; panics with its output unless it succeeds.
pub fn run(command: &mut std::process::Command, what: &str) -> std::process::Output {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("{what}: cannot run {command:?}: {e}"));
    assert!(
        output.status.success(),
        "{what} failed ({}): {command:?}\n--- stdout\n{}\n--- stderr\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// A small deterministic generator for the generated-input tests, so that
/// a failing seed reproduces.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next(100) < percent
    }
}

/// Panics, saying how to install it, unless `tool ARG` runs.
pub fn require(tool: &str, arg: &str, install: &str) {
    match std::process::Command::new(tool).arg(arg).output() {
        Ok(output) if output.status.success() => {}
        Ok(output) => panic!(
            "`{tool} {arg}` failed ({}); install it with: {install}",
            output.status
        ),
        Err(e) => panic!(
            "this test needs `{tool}`, which cannot be run ({e}).\n\
             Install it with: {install}"
        ),
    }
}

/// Node, npm and Chromium for a browser test (`what` names it in the
/// message when one is missing): the Chromium to drive, `$CHROMIUM` or
/// Debian's `/usr/bin/chromium`.
pub fn browser(what: &str) -> PathBuf {
    require(
        "node",
        "--version",
        "apt-get install nodejs (Node 18 or newer)",
    );
    require("npm", "--version", "apt-get install npm");
    let chromium = std::env::var_os("CHROMIUM")
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    assert!(
        chromium.exists(),
        "{what} needs Chromium at {} (or set CHROMIUM).\n\
         Install it with: apt-get install chromium",
        chromium.display()
    );
    chromium
}

/// The Voorbeeldstad layer's JSON sample locations, sorted by file name.
pub fn voorbeeldstad_samples() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join("samples/voorbeeldstad"))
        .expect("samples/voorbeeldstad/ is shipped")
        .map(|e| e.expect("readable samples/voorbeeldstad/ entry").path())
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("json"))
        .collect();
    paths.sort();
    paths
}

/// Installs the browser tests' npm packages (playwright-core, axe-core)
/// locally under `web/` from its lockfile, unless they are there.
pub fn web_packages() {
    let web = root().join("web");
    let installed = ["playwright-core", "axe-core"]
        .iter()
        .all(|p| web.join(format!("node_modules/{p}/package.json")).exists());
    if !installed {
        run(
            std::process::Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund"])
                .current_dir(&web),
            "npm ci in web/ (installs playwright-core and axe-core locally)",
        );
    }
}

/// A location's assessment at both stages in both languages, the stage
/// first: `(stage, language, assessment)`.
pub fn every_stage_and_language(
    framework: &Framework,
    evidence: &Evidence,
) -> Vec<(kader::Stage, kader::Language, kader::Assessment)> {
    let mut out = Vec::new();
    for stage in [kader::Stage::Intake, kader::Stage::Audit] {
        for language in [kader::Language::Nl, kader::Language::En] {
            let options = kader::EvalOptions {
                stage,
                language: Some(language),
            };
            out.push((
                stage,
                language,
                framework.decide(evidence, options).explain(),
            ));
        }
    }
    out
}

/// A scratch directory for files a test writes, removed when dropped.
pub struct Scratch(pub PathBuf);

impl Scratch {
    /// An empty directory, its name unique to this test run.
    pub fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("kader-test-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a scratch directory");
        Scratch(dir)
    }

    /// The path of `name` in it.
    pub fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }

    /// Writes `name` and gives its path.
    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, bytes).expect("a scratch file");
        path
    }

    /// The names of the files in it, sorted.
    pub fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&self.0)
            .expect("the scratch directory")
            .map(|e| {
                e.expect("an entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        names.sort();
        names
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
