//! `kader`: the command line over the kader library. Parses arguments, calls
//! the library, prints, and maps problems to an exit code.

use std::io::{self, BufRead, IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod cli;

use clap::{Parser, Subcommand, ValueEnum};
use kader::{Date, Framework};

#[derive(Parser)]
#[command(
    name = "kader",
    version,
    about = "Evaluate school locations against the Veilige School framework"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Where the frameworks a layer extends are found (default: the
    /// folder of the framework file). Nothing outside it is read.
    #[arg(long, global = true, value_name = "DIR")]
    frameworks: Option<PathBuf>,
    /// Say more: list the files of a directory that are not read.
    #[arg(long, global = true)]
    verbose: bool,
}

/// `--verbose`, set once before any command runs.
static VERBOSE: std::sync::OnceLock<bool> = std::sync::OnceLock::new();

fn verbose() -> bool {
    VERBOSE.get().copied().unwrap_or(false)
}

/// `--frameworks DIR`, set once before any command runs.
static FRAMEWORKS: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();

/// Finds the frameworks a layer extends in `--frameworks DIR`, or in the
/// folder of the file being read.
struct CliResolver {
    dir: PathBuf,
}

impl CliResolver {
    fn for_file(path: &Path) -> CliResolver {
        let given = FRAMEWORKS.get().and_then(Option::clone);
        let dir = given.unwrap_or_else(|| match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        });
        CliResolver { dir }
    }
}

impl kader::Resolver for CliResolver {
    fn resolve(&self, id: &str) -> Result<kader::Source, kader::ResolveError> {
        kader::DirResolver::new(&self.dir)?.resolve(id)
    }
}

/// Parses, checks and compiles a framework file, resolving `extends`.
fn compile_file(path: &Path, source: &str) -> Result<Framework, kader::Diagnostics> {
    let name = path.display().to_string();
    Framework::compile_with(source, &name, &CliResolver::for_file(path))
}

#[derive(Subcommand)]
enum Command {
    /// Evaluate locations' evidence against a framework.
    Eval {
        /// The framework file (.kader).
        framework: PathBuf,
        /// Evidence files (.json, .toml), directories of them, or JSON Lines
        /// files (.jsonl) with one location per line.
        #[arg(required = true)]
        evidence: Vec<PathBuf>,
        /// Judge the evidence on this date (YYYY-MM-DD) instead of the
        /// files' own `as_of`.
        #[arg(long, value_parser = parse_date)]
        as_of: Option<Date>,
        /// Intake (lenient: missing evidence is to be supplied) or audit
        /// (strict: what is not demonstrated fails).
        #[arg(long, value_enum, default_value_t = cli::report::StageArg::Intake)]
        stage: cli::report::StageArg,
        /// Output format.
        #[arg(long, value_enum, default_value_t = cli::report::FormatArg::Text)]
        format: cli::report::FormatArg,
        /// Language of the words kader writes (default: the framework's).
        #[arg(long, value_enum)]
        lang: Option<Lang>,
        /// Write only the verdict and every status, one JSON line per
        /// location, without explanations: for dashboards and large
        /// batches, many times faster.
        #[arg(long, conflicts_with_all = ["format", "lang"])]
        summary: bool,
        #[command(flatten)]
        exceptions: cli::exceptions::ExceptionsArg,
    },
    /// Write the improvement plan (verbeterplan) of locations.
    Plan(cli::plan::Args),
    /// All locations in one view, for a municipality.
    Report(cli::report::Args),
    /// Format framework files in place (`--check`: only report).
    Fmt {
        /// Framework files (.kader).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Do not write; exit non-zero when a file is not formatted.
        #[arg(long)]
        check: bool,
    },
    /// Write the framework as a document a school reads.
    Doc {
        /// The framework file (.kader).
        framework: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DocFormatArg::Md)]
        format: DocFormatArg,
    },
    /// Print the JSON Schema of the evidence file a framework expects.
    Schema {
        /// The framework file (.kader).
        framework: PathBuf,
    },
    /// Check sample locations against their expectations (`*.expect.toml`).
    Test(cli::test::Args),
    /// Show what a framework change does to the sample locations.
    Diff(cli::diff::Args),
    /// Work with sample locations (generate synthetic ones).
    Samples(cli::samples::Args),
    /// Run the language server over stdin and stdout (for editors).
    Lsp,
    /// Check framework files and report every problem.
    Check {
        /// Framework files (.kader).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DocFormatArg {
    Md,
    Html,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Lang {
    Nl,
    En,
}

fn parse_date(s: &str) -> Result<Date, String> {
    // The same reading as `as_of` in an evidence file.
    kader::parse_date(s).map_err(|e| format!("{e}; write YYYY-MM-DD, such as 2026-11-30"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let _ = FRAMEWORKS.set(cli.frameworks.clone());
    let _ = VERBOSE.set(cli.verbose);
    let result = match cli.command {
        Command::Eval {
            framework,
            evidence,
            as_of,
            stage,
            format,
            lang,
            summary,
            exceptions,
        } => {
            let output = if summary {
                cli::eval::Output::Summary
            } else {
                cli::eval::Output::Report(format, lang)
            };
            cli::eval::run(&framework, &evidence, as_of, stage, output, &exceptions)
        }
        Command::Plan(args) => cli::plan::run(args),
        Command::Report(args) => cli::report::run(args),
        Command::Check { files, format } => check(&files, format),
        Command::Fmt { files, check } => fmt(&files, check),
        Command::Test(args) => cli::test::run(args),
        Command::Diff(args) => cli::diff::run(args),
        Command::Samples(args) => cli::samples::run(args),
        Command::Lsp => Ok(match kader::lsp::run_stdio() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("kader lsp: {e}");
                ExitCode::FAILURE
            }
        }),
        Command::Doc { framework, format } => compile(&framework).map(|fw| {
            let format = match format {
                DocFormatArg::Md => kader::doc::DocFormat::Markdown,
                DocFormatArg::Html => kader::doc::DocFormat::Html,
            };
            print!("{}", kader::doc::document(&fw, format));
            ExitCode::SUCCESS
        }),
        Command::Schema { framework } => compile(&framework).and_then(|fw| {
            let schema = kader::schema::evidence_schema(&fw);
            let text = serde_json::to_string_pretty(&schema).map_err(|e| e.to_string())?;
            println!("{text}");
            Ok(ExitCode::SUCCESS)
        }),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// Reads a framework file, never more than the source size limit.
fn read(path: &Path) -> Result<String, String> {
    kader::files::read_file_limited(path, kader::Limits::default().max_source_bytes)
        .map_err(|e| format!("cannot read `{}`: {e}", path.display()))
}

fn color_stderr() -> bool {
    std::env::var_os("NO_COLOR").is_none() && io::stderr().is_terminal()
}

/// Compiles a framework file, printing its diagnostics to stderr.
fn compile(path: &Path) -> Result<Framework, String> {
    let source = read(path)?;
    let name = path.display().to_string();
    match compile_file(path, &source) {
        Ok(framework) => {
            if !framework.warnings().is_empty() {
                eprint!(
                    "{}",
                    framework.warnings().render(&name, &source, color_stderr())
                );
            }
            Ok(framework)
        }
        Err(diagnostics) => {
            eprint!("{}", diagnostics.render(&name, &source, color_stderr()));
            Err(format!("`{name}` has errors; nothing was evaluated"))
        }
    }
}

fn check(files: &[PathBuf], format: Format) -> Result<ExitCode, String> {
    let mut failed = false;
    let mut unreadable = Vec::new();
    let mut records = Vec::new();
    for path in files {
        // A file that cannot be read does not stop the others being checked.
        let source = match read(path) {
            Ok(source) => source,
            Err(message) => {
                eprintln!("error: {message}");
                unreadable.push(path.display().to_string());
                continue;
            }
        };
        let name = path.display().to_string();
        let diagnostics = match compile_file(path, &source) {
            Ok(framework) => framework.warnings().clone(),
            Err(diagnostics) => diagnostics,
        };
        failed |= diagnostics.has_errors();
        match format {
            Format::Text => {
                if diagnostics.is_empty() {
                    eprintln!("{name}: no problems found");
                } else {
                    eprint!("{}", diagnostics.render(&name, &source, color_stderr()));
                }
            }
            Format::Json => records.extend(diagnostics.to_records(&name, &source)),
        }
    }
    if format == Format::Json {
        let text = serde_json::to_string_pretty(&records).map_err(|e| e.to_string())?;
        println!("{text}");
    }
    if !unreadable.is_empty() {
        return Err(format!(
            "{} file{} could not be read: {}; the others were checked",
            unreadable.len(),
            if unreadable.len() == 1 { "" } else { "s" },
            unreadable.join(", ")
        ));
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn fmt(files: &[PathBuf], check_only: bool) -> Result<ExitCode, String> {
    let mut unformatted = 0usize;
    let mut broken = 0usize;
    for path in files {
        let source = read(path)?;
        let name = path.display().to_string();
        match kader::format::format(&source) {
            Ok(formatted) if formatted == source => {}
            Ok(formatted) => {
                unformatted += 1;
                if check_only {
                    eprintln!("{name}: not formatted");
                } else {
                    kader::files::write_atomic(path, |w| w.write_all(formatted.as_bytes()))
                        .map_err(|e| {
                            format!("cannot write `{name}`: {e}; the file was left as it was")
                        })?;
                    eprintln!("{name}: formatted");
                }
            }
            Err(diagnostics) => {
                broken += 1;
                eprint!("{}", diagnostics.render(&name, &source, color_stderr()));
            }
        }
    }
    if broken > 0 {
        return Err(format!(
            "{broken} file(s) could not be formatted: fix the errors above first"
        ));
    }
    Ok(if check_only && unformatted > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// One evidence document to load: where it came from and its text.
struct Input {
    /// `file` or `file:line` for JSON Lines.
    origin: String,
    /// The document, or why it could not be read (it is reported in its
    /// place, and the rest of the batch goes on).
    text: Result<String, kader::EvidenceProblem>,
    toml: bool,
}

impl Input {
    /// Loads the document against `framework`, with the register's
    /// exceptions for its location.
    fn load(
        &self,
        framework: &Framework,
        register: &kader::Register,
        as_of: Option<Date>,
    ) -> Result<kader::Evidence, kader::EvidenceError> {
        let options = kader::LoadOptions {
            as_of,
            ..kader::LoadOptions::default()
        };
        let loaded = match &self.text {
            Err(problem) => Err(kader::EvidenceError {
                problems: vec![problem.clone()],
            }),
            Ok(text) if self.toml => kader::Evidence::from_toml_with(framework, text, options),
            Ok(text) => kader::Evidence::from_json_with(framework, text, options),
        };
        loaded.map(|e| e.with_exceptions(register))
    }

    fn unreadable(origin: String, problem: kader::EvidenceProblem) -> Input {
        Input {
            origin,
            text: Err(problem),
            toml: false,
        }
    }
}

/// How large one evidence document may be: a file, or a line of JSON Lines.
fn evidence_limit() -> usize {
    kader::Limits::default().max_evidence_bytes
}

/// Expands files and directories into evidence documents, in a stable order.
/// A file or line that cannot be read is passed on as an unreadable input,
/// so that it is reported in its place and everything else is still read.
fn inputs(paths: &[PathBuf], mut each: impl FnMut(Input) -> io::Result<()>) -> Result<(), String> {
    let write_error = |e: io::Error| format!("cannot write the results: {e}");
    for path in paths {
        if path.is_dir() {
            let listing = std::fs::read_dir(path)
                .map_err(|e| format!("cannot read directory `{}`: {e}", path.display()))?;
            let mut entries = Vec::new();
            let mut skipped = Vec::new();
            for entry in listing {
                let entry = entry
                    .map_err(|e| format!("cannot read directory `{}`: {e}", path.display()))?
                    .path();
                match evidence_kind(&entry) {
                    Some(_) if entry.is_file() => entries.push(entry),
                    // Expectations sit beside the samples they are about.
                    _ if is_expectation(&entry) => {}
                    _ => skipped.push(entry),
                }
            }
            entries.sort();
            skipped.sort();
            warn_skipped(path, &skipped);
            if entries.is_empty() {
                return Err(format!(
                    "`{}` holds no evidence files (.json, .toml, .jsonl)",
                    path.display()
                ));
            }
            for entry in entries {
                file_inputs(&entry, &mut each).map_err(write_error)?;
            }
        } else {
            file_inputs(path, &mut each).map_err(write_error)?;
        }
    }
    Ok(())
}

/// Says how many entries of a directory are not read, and with
/// `--verbose` which.
fn warn_skipped(dir: &Path, skipped: &[PathBuf]) {
    if skipped.is_empty() {
        return;
    }
    let n = skipped.len();
    eprintln!(
        "warning: `{}`: {n} entr{} not read: not evidence files (.json, .toml, .jsonl) or subdirectories{}",
        dir.display(),
        if n == 1 { "y" } else { "ies" },
        if verbose() { "" } else { "; --verbose lists them" }
    );
    if verbose() {
        for path in skipped {
            eprintln!("  not read: {}", path.display());
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Json,
    Toml,
    Lines,
}

fn is_expectation(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.to_ascii_lowercase().ends_with(".expect.toml"))
}

/// The kind of an evidence file by its extension, in any case (`.JSON`).
fn evidence_kind(path: &Path) -> Option<Kind> {
    // Expectations sit beside the samples they are about; they are not evidence.
    if is_expectation(path) {
        return None;
    }
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "json" => Some(Kind::Json),
        "toml" => Some(Kind::Toml),
        "jsonl" | "ndjson" => Some(Kind::Lines),
        _ => None,
    }
}

fn file_inputs(path: &Path, each: &mut impl FnMut(Input) -> io::Result<()>) -> io::Result<()> {
    let name = path.display().to_string();
    match evidence_kind(path) {
        Some(Kind::Lines) => line_inputs(path, name, each),
        kind => each(Input {
            text: kader::files::read_file_limited(path, evidence_limit())
                .map_err(|e| e.to_problem()),
            origin: name,
            toml: kind == Some(Kind::Toml),
        }),
    }
}

/// A JSON Lines file, line by line, so that a file of any size streams
/// through: no line is read past the evidence size limit, and a line that
/// is too long or not UTF-8 is reported by `file:line` while the others go
/// on.
fn line_inputs(
    path: &Path,
    name: String,
    each: &mut impl FnMut(Input) -> io::Result<()>,
) -> io::Result<()> {
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) => {
            return each(Input::unreadable(
                name,
                kader::files::ReadError::from(e).to_problem(),
            ))
        }
    };
    let limit = evidence_limit();
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    let mut reader = io::BufReader::with_capacity(1 << 16, file);
    let mut number = 0usize;
    let mut documents = 0usize;
    loop {
        let mut line = Vec::new();
        let origin = format!("{name}:{}", number + 1);
        match (&mut reader).take(cap).read_until(b'\n', &mut line) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                return each(Input::unreadable(
                    origin,
                    kader::files::ReadError::from(e).to_problem(),
                ))
            }
        }
        number += 1;
        if line.len() > limit && line.last() != Some(&b'\n') {
            documents += 1;
            let problem = kader::files::ReadError::TooLarge { limit }.to_problem();
            if let Err(e) = reader.skip_until(b'\n') {
                each(Input::unreadable(origin.clone(), problem))?;
                let next = format!("{name}:{}", number + 1);
                return each(Input::unreadable(
                    next,
                    kader::files::ReadError::from(e).to_problem(),
                ));
            }
            each(Input::unreadable(origin, problem))?;
            continue;
        }
        // As `str::lines`: without the `\n` or `\r\n`.
        if line.last() == Some(&b'\n') {
            line.pop();
            if line.last() == Some(&b'\r') {
                line.pop();
            }
        }
        if number == 1 && line.starts_with(b"\xEF\xBB\xBF") {
            line.drain(..3);
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        documents += 1;
        let text = match kader::files::text_of(line) {
            Ok(text) => text,
            Err(kader::files::ReadError::NotUtf8 { column, .. }) => {
                let problem = kader::EvidenceProblem {
                    path: String::new(),
                    message: format!("column {column}: not valid UTF-8"),
                    help: Some(
                        "save the file as UTF-8; every line of JSON Lines is one JSON document in UTF-8"
                            .to_string(),
                    ),
                    line: None,
                    column: None,
                };
                each(Input::unreadable(origin, problem))?;
                continue;
            }
            Err(e) => {
                each(Input::unreadable(origin, e.to_problem()))?;
                continue;
            }
        };
        if documents == 1 && spread_over_lines(&text) {
            let problem = kader::EvidenceProblem {
                path: String::new(),
                message: "this JSON document goes on past the end of its line: a JSON Lines file holds one JSON document per line".to_string(),
                help: Some("write each location on one line (`jq -c . file.json` does it), or name the file `.json` if it holds one location".to_string()),
                line: None,
                column: None,
            };
            return each(Input::unreadable(origin, problem));
        }
        each(Input {
            origin,
            text: Ok(text),
            toml: false,
        })?;
    }
    if documents == 0 {
        eprintln!(
            "warning: `{name}` holds no locations: a JSON Lines file holds one JSON document per line"
        );
    }
    Ok(())
}

/// Whether the first line of a JSON Lines file opens a document it does not
/// close: a pretty-printed JSON file named `.jsonl`.
fn spread_over_lines(line: &str) -> bool {
    let trimmed = line.trim_start_matches('\u{feff}').trim();
    (trimmed.starts_with('{') || trimmed.starts_with('['))
        && serde_json::from_str::<serde::de::IgnoredAny>(trimmed).is_err_and(|e| e.is_eof())
}
