//! `kader report`: all locations in one view for a municipality.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use kader::overview::Grouping;
use kader::report::{self, Format, Options};
use kader::Date;

use super::args::{parse_date, Settings};
use super::evidence::{exit, Judging};

/// Output formats of the overview.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum OverviewFormat {
    /// Plain text for a terminal.
    Text,
    /// Markdown, for sharing.
    Md,
    /// One self-contained HTML file.
    Html,
    /// JSON.
    Json,
}

/// What `kader report --group-by` groups by.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum GroupBy {
    /// The school board (`location.board`).
    Board,
    /// The district (`location.district`).
    District,
    /// The kind of school (`location.type`).
    Type,
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
    #[arg(long, value_parser = parse_date)]
    as_of: Option<Date>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OverviewFormat::Md)]
    format: OverviewFormat,
    /// Add an appendix for administrators: each gap in the framework's
    /// notation, with the paths of its evidence.
    #[arg(long)]
    technical: bool,
    /// Group the locations, each group with its totals, by what their
    /// evidence files say of them (`location.board`, `.district`, `.type`).
    #[arg(long, value_enum)]
    group_by: Option<GroupBy>,
    /// Plan files (`kader plan --update` writes them), one per location:
    /// list the actions past their due date.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    plan: Vec<PathBuf>,
    #[command(flatten)]
    judging: Judging,
}

/// Runs `kader report`.
pub fn run(args: Args, settings: &Settings) -> Result<ExitCode, String> {
    let judged = args
        .judging
        .judge(settings, &args.framework, &args.samples, None)?;
    let assessments = &judged.assessments;
    if assessments.is_empty() {
        return Err("no location could be evaluated, so there is nothing to report".to_string());
    }
    warn_duplicates(assessments);
    let mut overview = kader::overview::overview(&judged.framework, assessments, args.as_of);
    if !args.plan.is_empty() {
        let plans = super::planfile::Plans::read(&args.plan)?;
        plans.warn_unused(assessments.iter().map(|a| a.outcome.location.id.as_str()));
        overview.agree(&judged.framework, assessments, |id| plans.of(id));
    }
    let format = match args.format {
        OverviewFormat::Text => Format::Text,
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
                language: judged.language,
                color: super::args::color(format),
                technical: args.technical,
                group_by: args.group_by.map(|by| match by {
                    GroupBy::Board => Grouping::Board,
                    GroupBy::District => Grouping::District,
                    GroupBy::Type => Grouping::SchoolType,
                }),
            }
        )
    );
    Ok(exit(judged.failures, assessments.len()))
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
