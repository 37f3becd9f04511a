//! `kader check`: check framework files and report every problem.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;

use super::args::{today, worded, Lang, Settings};
use super::framework::{color_stderr, compile_file, read};

/// Flags of `kader check`.
#[derive(clap::Args)]
pub struct Args {
    /// Framework files (.kader).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// The language of the diagnostics (default: the framework's).
    #[arg(long, value_enum)]
    lang: Option<Lang>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

/// Runs `kader check`: every file is checked, an unreadable one does not stop
/// the others; exit 1 when a file has errors.
pub fn run(args: Args, settings: &Settings) -> Result<ExitCode, String> {
    let Args {
        files,
        format,
        lang,
    } = args;
    let mut failed = false;
    let mut unreadable = Vec::new();
    let mut records = Vec::new();
    for path in &files {
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
        let diagnostics = worded(
            lang,
            match compile_file(settings, path, &source) {
                Ok(framework) => kader::analysis::warnings(&framework, today()),
                Err(diagnostics) => diagnostics,
            },
        );
        failed |= diagnostics.has_errors();
        match format {
            Format::Text => {
                if diagnostics.is_empty() {
                    eprintln!("{name}: {}", diagnostics.none_found());
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
