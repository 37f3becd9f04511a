//! `kader calendar`: what lapses when, if nothing new is supplied.

use std::path::PathBuf;
use std::process::ExitCode;

use kader::report::{self, Format};
use kader::Date;

use super::args::{for_people, parse_date, Settings};
use super::evidence::{exit, Judging, Loaded};

/// Output formats of the calendar.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum CalendarFormat {
    /// Plain text for a terminal.
    Text,
    /// Markdown, for sharing.
    Md,
    /// One self-contained HTML file, with each location's timeline.
    Html,
    /// JSON: one line per location.
    Json,
    /// iCalendar (.ics): each lapse in an agenda, with a reminder.
    Ics,
}

/// Flags of `kader calendar`.
#[derive(clap::Args)]
pub struct Args {
    /// The framework file (.kader).
    framework: PathBuf,
    /// Evidence files (.json, .toml), directories of them, or JSON Lines
    /// files (.jsonl) with one location per line.
    #[arg(required = true)]
    evidence: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CalendarFormat::Text)]
    format: CalendarFormat,
    /// Judge the evidence on this date (YYYY-MM-DD) instead of the files'
    /// own `as_of`: the calendar counts from it.
    #[arg(long, value_parser = parse_date)]
    as_of: Option<Date>,
    #[command(flatten)]
    judging: Judging,
}

/// Runs `kader calendar`.
pub fn run(args: Args, settings: &Settings) -> Result<ExitCode, String> {
    let Loaded {
        framework,
        language,
        stage,
        evidence,
        failures,
    } = args
        .judging
        .load(settings, &args.framework, &args.evidence, args.as_of)?;
    let calendars: Vec<kader::calendar::Calendar> = evidence
        .iter()
        .map(|e| kader::calendar::calendar(&framework, e, stage))
        .collect();
    let format = match args.format {
        CalendarFormat::Ics => {
            print!("{}", report::calendar_ics(&framework, &calendars, language));
            return Ok(exit(failures, calendars.len()));
        }
        CalendarFormat::Text => Format::Text,
        CalendarFormat::Md => Format::Markdown,
        CalendarFormat::Html => Format::Html,
        CalendarFormat::Json => Format::Json,
    };
    print!(
        "{}",
        report::render_calendars(&framework, &calendars, format, for_people(language, format))
    );
    Ok(exit(failures, calendars.len()))
}
