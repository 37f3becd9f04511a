//! `kader report`: all locations in one view for a municipality. Also the
//! flag types the report-writing subcommands (`eval`, `plan`, `report`)
//! share.

use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use kader::report::{self, Format, Options};
use kader::{Date, Language, Stage};

use super::plan::load_all;

/// Output formats of a report.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum FormatArg {
    /// Plain text for a terminal.
    Text,
    /// Markdown, for sharing.
    Md,
    /// One self-contained HTML file.
    Html,
    /// JSON.
    Json,
}

impl FormatArg {
    pub(crate) fn format(self) -> Format {
        match self {
            FormatArg::Text => Format::Text,
            FormatArg::Md => Format::Markdown,
            FormatArg::Html => Format::Html,
            FormatArg::Json => Format::Json,
        }
    }
}

/// The stage to evaluate at.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum StageArg {
    /// Lenient: missing evidence is to be supplied, not a failure.
    Intake,
    /// Strict: what is not demonstrated fails; a positive result gives a
    /// certificate.
    Audit,
}

impl StageArg {
    pub(crate) fn stage(self) -> Stage {
        match self {
            StageArg::Intake => Stage::Intake,
            StageArg::Audit => Stage::Audit,
        }
    }
}

/// The language asked for, or the framework's.
pub(crate) fn language(lang: Option<crate::Lang>, framework: &kader::Framework) -> Language {
    match lang {
        Some(crate::Lang::Nl) => Language::Nl,
        Some(crate::Lang::En) => Language::En,
        None => framework.language(),
    }
}

/// Colours only for text on a terminal, and never with `NO_COLOR`.
pub(crate) fn color(format: Format) -> bool {
    format == Format::Text && std::env::var_os("NO_COLOR").is_none() && io::stdout().is_terminal()
}

/// Output formats of the overview.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum OverviewFormat {
    /// Markdown, for sharing.
    Md,
    /// One self-contained HTML file.
    Html,
    /// JSON.
    Json,
}

/// Flags of `kader report`.
#[derive(clap::Args)]
pub struct Args {
    /// The framework file (.kader).
    framework: PathBuf,
    /// The locations: evidence files (.json, .toml), directories of them,
    /// or JSON Lines files (.jsonl).
    #[arg(long, required = true, num_args = 1..)]
    samples: Vec<PathBuf>,
    /// The overview's reference date (YYYY-MM-DD) for expiring
    /// certificates; each location is still judged on its own as-of date.
    /// Default: the latest as-of date among the locations.
    #[arg(long, value_parser = crate::parse_date)]
    as_of: Option<Date>,
    /// Intake or audit.
    #[arg(long, value_enum, default_value_t = StageArg::Intake)]
    stage: StageArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OverviewFormat::Md)]
    format: OverviewFormat,
    /// Language of the words kader writes (default: the framework's).
    #[arg(long, value_enum)]
    lang: Option<crate::Lang>,
    #[command(flatten)]
    exceptions: super::exceptions::ExceptionsArg,
}

/// Runs `kader report`.
pub fn run(args: Args) -> Result<ExitCode, String> {
    let framework = crate::compile(&args.framework)?;
    let language = language(args.lang, &framework);
    let register = args.exceptions.load(&framework)?;
    let (assessments, failures) = load_all(
        &framework,
        &register,
        &args.samples,
        None,
        kader::EvalOptions {
            stage: args.stage.stage(),
            language: Some(language),
        },
    )?;
    if assessments.is_empty() {
        return Err("no location could be evaluated, so there is nothing to report".to_string());
    }
    warn_duplicates(&assessments);
    let overview = kader::overview::overview(&framework, &assessments, args.as_of);
    let format = match args.format {
        OverviewFormat::Md => Format::Markdown,
        OverviewFormat::Html => Format::Html,
        OverviewFormat::Json => Format::Json,
    };
    print!(
        "{}",
        report::render_overview(
            &overview,
            format,
            Options {
                language,
                color: false
            }
        )
    );
    Ok(crate::cli::plan::exit(failures, assessments.len()))
}

/// Warns of a location given twice for the same as-of date: the overview
/// shows the one given last, and the other would otherwise vanish unsaid.
fn warn_duplicates(assessments: &[kader::Assessment]) {
    let mut seen = std::collections::HashMap::new();
    for (n, a) in assessments.iter().enumerate() {
        let key = (a.outcome.location.id.as_str(), a.outcome.as_of);
        if seen.insert(key, n).is_some() {
            eprintln!(
                "warning: location `{}` is given more than once for as-of date {}; the overview shows the one given last (give each evaluation its own as-of date, or remove the copy)",
                key.0, key.1
            );
        }
    }
}
