//! `kader annex`: the "wie doet wat" annex of one or more locations — per
//! partner, whom to call and what for, with a warning where a contact is
//! missing or not confirmed in the last year.

use std::path::PathBuf;
use std::process::ExitCode;

use kader::report;
use kader::Date;

use super::args::{for_people, parse_date, FormatArg, Settings};
use super::evidence::{exit, Judged, Judging};

/// Flags of `kader annex`.
#[derive(clap::Args)]
pub struct Args {
    /// The framework file (.kader).
    framework: PathBuf,
    /// Evidence files (.json, .toml), directories of them, or JSON Lines
    /// files (.jsonl) with one location per line.
    #[arg(required = true)]
    evidence: Vec<PathBuf>,
    /// Output format (HTML prints one A4 page per location).
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    format: FormatArg,
    /// Judge the evidence on this date (YYYY-MM-DD) instead of the files'
    /// own `as_of`.
    #[arg(long, value_parser = parse_date)]
    as_of: Option<Date>,
    #[command(flatten)]
    judging: Judging,
}

/// Runs `kader annex`.
pub fn run(args: Args, settings: &Settings) -> Result<ExitCode, String> {
    let Judged {
        framework,
        language,
        assessments,
        failures,
    } = args
        .judging
        .judge(settings, &args.framework, &args.evidence, args.as_of)?;
    let format = args.format.format();
    print!(
        "{}",
        report::render_annexes(
            &framework,
            &assessments,
            format,
            for_people(language, format)
        )
    );
    Ok(exit(failures, assessments.len()))
}
