//! `kader`: the command line over the kader library. Parses arguments, calls
//! the library, prints, and maps problems to an exit code.

use std::io::{self, BufRead, IsTerminal};
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
    s.parse::<Date>()
        .map_err(|_| format!("`{s}` is not a date; write YYYY-MM-DD, such as 2026-11-30"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let _ = FRAMEWORKS.set(cli.frameworks.clone());
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

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))
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
    let mut records = Vec::new();
    for path in files {
        let source = read(path)?;
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
                    std::fs::write(path, formatted)
                        .map_err(|e| format!("cannot write `{name}`: {e}"))?;
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
    text: String,
    toml: bool,
}

/// Expands files and directories into evidence documents, in a stable order.
fn inputs(paths: &[PathBuf], mut each: impl FnMut(Input) -> io::Result<()>) -> Result<(), String> {
    for path in paths {
        if path.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| format!("cannot read directory `{}`: {e}", path.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && evidence_kind(p).is_some())
                .collect();
            entries.sort();
            if entries.is_empty() {
                return Err(format!(
                    "`{}` holds no evidence files (.json, .toml, .jsonl)",
                    path.display()
                ));
            }
            for entry in entries {
                file_inputs(&entry, &mut each)?;
            }
        } else {
            file_inputs(path, &mut each)?;
        }
    }
    Ok(())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Json,
    Toml,
    Lines,
}

fn evidence_kind(path: &Path) -> Option<Kind> {
    // Expectations sit beside the samples they are about; they are not evidence.
    if path.file_name()?.to_str()?.ends_with(".expect.toml") {
        return None;
    }
    match path.extension()?.to_str()? {
        "json" => Some(Kind::Json),
        "toml" => Some(Kind::Toml),
        "jsonl" | "ndjson" => Some(Kind::Lines),
        _ => None,
    }
}

fn file_inputs(path: &Path, each: &mut impl FnMut(Input) -> io::Result<()>) -> Result<(), String> {
    let name = path.display().to_string();
    let write_error = |e: io::Error| format!("cannot write the results: {e}");
    match evidence_kind(path) {
        // Line by line, so that a file of any size streams through.
        Some(Kind::Lines) => {
            let cannot_read = |e: io::Error| format!("cannot read `{name}`: {e}");
            let file = std::fs::File::open(path).map_err(cannot_read)?;
            let mut reader = io::BufReader::with_capacity(1 << 16, file);
            let mut number = 0usize;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).map_err(cannot_read)? == 0 {
                    return Ok(());
                }
                number += 1;
                // As `str::lines`: without the `\n` or `\r\n`.
                if line.ends_with('\n') {
                    line.pop();
                    if line.ends_with('\r') {
                        line.pop();
                    }
                }
                if line.trim().is_empty() {
                    continue;
                }
                each(Input {
                    origin: format!("{name}:{number}"),
                    text: line,
                    toml: false,
                })
                .map_err(write_error)?;
            }
        }
        kind => each(Input {
            origin: name,
            text: read(path)?,
            toml: kind == Some(Kind::Toml),
        })
        .map_err(write_error),
    }
}
