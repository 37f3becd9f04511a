//! `kader diff`: what a framework change does to the sample locations, or
//! (`--exhaustive`) to every possible school.

use std::path::PathBuf;
use std::process::ExitCode;

use kader::diff::{self, Sample, SampleFormat};
use kader::Date;

use super::args::{Settings, Written};
use super::evidence::inputs;
use super::framework::compile;

/// Flags of `kader diff`.
#[derive(clap::Args)]
pub struct Args {
    /// The framework as it is (.kader).
    old: PathBuf,
    /// The framework as proposed (.kader).
    new: PathBuf,
    /// Sample locations: a directory of evidence files (.json, .toml,
    /// .jsonl; `*.expect.toml` is skipped), or one such file.
    #[arg(long, value_name = "DIR", required_unless_present = "exhaustive")]
    samples: Option<PathBuf>,
    /// Compare over every possible school instead of the samples: for the
    /// verdict, each theme and each criterion, whether the new version is
    /// equivalent, stricter, looser or both, with example schools.
    /// The analysis is about evidence alone: a register of exceptions
    /// (`--exceptions`) does not go with it.
    #[arg(long, conflicts_with_all = ["samples", "exceptions"])]
    exhaustive: bool,
    #[command(flatten)]
    written: Written,
    /// Judge every sample on this date (YYYY-MM-DD) instead of its own
    /// `as_of`; with `--exhaustive`, the date every school is judged on
    /// (default: today).
    #[arg(long, value_parser = super::args::parse_date)]
    as_of: Option<Date>,
    /// With `--exhaustive`: judge every school on every as-of date from
    /// `--as-of` (default: today) up to and including this one
    /// (YYYY-MM-DD), not on one date.
    #[arg(long, value_parser = super::args::parse_date, requires = "exhaustive")]
    until: Option<Date>,
    #[command(flatten)]
    exceptions: super::exceptions::ExceptionsArg,
}

/// Runs `kader diff`. Exits 0 with the report, 1 when some sample loads
/// under neither framework (it is listed), 2 when a framework has errors or
/// a file cannot be read.
pub fn run(args: Args, settings: &Settings) -> Result<ExitCode, String> {
    let old = compile(settings, &args.old)?;
    let new = compile(settings, &args.new)?;
    let Some(samples_path) = &args.samples else {
        return Ok(exhaustive(&old, &new, &args));
    };
    let registers = (args.exceptions.load(&old)?, args.exceptions.load(&new)?);
    let mut samples = Vec::new();
    inputs(
        std::slice::from_ref(samples_path),
        settings.verbose,
        |input| {
            samples.push(match input.text {
                Ok(text) => Sample {
                    origin: input.origin,
                    text,
                    format: if input.toml {
                        SampleFormat::Toml
                    } else {
                        SampleFormat::Json
                    },
                },
                Err(problem) => Sample::unreadable(input.origin, &problem),
            });
            Ok(())
        },
    )?;
    let options = diff::Options {
        as_of: args.as_of,
        threads: None,
    };
    let impact = diff::impact_with(&old, &new, &samples, &options, (&registers.0, &registers.1));
    let (format, rendering) = args.written.rendering(&new);
    print!("{}", impact.render(format, rendering));
    if impact.summary.not_evaluated > 0 {
        eprintln!(
            "error: {} sample location(s) load under neither framework; see the report",
            impact.summary.not_evaluated
        );
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

/// `--exhaustive`: the relation of the new version to the old over every
/// possible school on the as-of date.
fn exhaustive(old: &kader::Framework, new: &kader::Framework, args: &Args) -> ExitCode {
    let as_of = args.as_of.unwrap_or_else(super::args::today);
    let comparison = match args.until {
        Some(until) => kader::analysis::compare_between(old, new, as_of, until),
        None => kader::analysis::compare(old, new, as_of),
    };
    let (format, rendering) = args.written.rendering(new);
    let exhaustive = diff::Exhaustive {
        old,
        new,
        as_of,
        until: args.until,
        comparison: &comparison,
    };
    print!("{}", exhaustive.render(format, rendering));
    ExitCode::SUCCESS
}
