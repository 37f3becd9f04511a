//! `kader plan`: the improvement plan (verbeterplan) of one or more
//! locations.

use std::path::PathBuf;
use std::process::ExitCode;

use kader::report::{self, Options};
use kader::Date;

use super::args::{color, parse_date, FormatArg, Settings};
use super::evidence::{exit, Judged, Judging};

/// Grouping of the plan.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ByArg {
    /// One list per partner whose move it is.
    Owner,
}

/// Flags of `kader plan`.
#[derive(clap::Args)]
pub struct Args {
    /// The framework file (.kader).
    framework: PathBuf,
    /// Evidence files (.json, .toml), directories of them, or JSON Lines
    /// files (.jsonl) with one location per line.
    #[arg(required = true)]
    evidence: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    format: FormatArg,
    /// Group the actions per partner (school, gemeente, politie, halt,
    /// ggd, joint).
    #[arg(long, value_enum)]
    by: Option<ByArg>,
    /// Judge the evidence on this date (YYYY-MM-DD) instead of the files'
    /// own `as_of`.
    #[arg(long, value_parser = parse_date)]
    as_of: Option<Date>,
    /// Add an appendix for administrators: each gap in the framework's
    /// notation, with the paths of its evidence.
    #[arg(long)]
    technical: bool,
    #[command(flatten)]
    judging: Judging,
}

/// Runs `kader plan`.
pub fn run(args: Args, settings: &Settings) -> Result<ExitCode, String> {
    let Judged {
        framework,
        language,
        assessments,
        failures,
    } = args
        .judging
        .judge(settings, &args.framework, &args.evidence, args.as_of)?;
    let plans: Vec<kader::plan::ImprovementPlan> = assessments
        .iter()
        .map(|a| kader::plan::plan_in(&framework, &a.outcome, language))
        .collect();
    let format = args.format.format();
    print!(
        "{}",
        report::render_plans(
            &plans,
            args.judging.stage.stage(),
            format,
            args.by.is_some(),
            Options {
                language,
                color: color(format),
                technical: args.technical,
                group_by: None,
            }
        )
    );
    Ok(exit(failures, assessments.len()))
}
