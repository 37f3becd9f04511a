//! `kader plan`: the improvement plan (verbeterplan) of one or more
//! locations.

use std::path::PathBuf;
use std::process::ExitCode;

use kader::report::{self, Options};
use kader::{Date, EvalOptions};

use super::args::{color, language, parse_date, FormatArg, Lang, Settings, StageArg};
use super::evidence::{exit, load_all};

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
    /// Intake (missing evidence is to be supplied) or audit (what is not
    /// demonstrated fails).
    #[arg(long, value_enum, default_value_t = StageArg::Intake)]
    stage: StageArg,
    /// Language of the words kader writes (default: the framework's).
    #[arg(long, value_enum)]
    lang: Option<Lang>,
    #[command(flatten)]
    exceptions: super::exceptions::ExceptionsArg,
}

/// Runs `kader plan`.
pub fn run(args: Args, settings: &Settings) -> Result<ExitCode, String> {
    let framework = super::framework::compile(settings, &args.framework)?;
    let language = language(args.lang, &framework);
    let register = args.exceptions.load(&framework)?;
    let (assessments, failures) = load_all(
        &framework,
        &register,
        &args.evidence,
        args.as_of,
        EvalOptions {
            stage: args.stage.stage(),
            language: Some(language),
        },
        settings.verbose,
    )?;
    let plans: Vec<kader::plan::ImprovementPlan> = assessments
        .iter()
        .map(|a| kader::plan::plan_in(&framework, &a.outcome, language))
        .collect();
    let format = args.format.format();
    print!(
        "{}",
        report::render_plans(
            &plans,
            args.stage.stage(),
            format,
            args.by.is_some(),
            Options {
                language,
                color: color(format),
            }
        )
    );
    Ok(exit(failures, assessments.len()))
}
