//! `kader progress`: one location's progress between two assessments.

use std::path::PathBuf;
use std::process::ExitCode;

use kader::report;

use super::args::{for_people, FormatArg, Settings};
use super::evidence::Judging;

/// Flags of `kader progress`.
#[derive(clap::Args)]
pub struct Args {
    /// The framework file (.kader) the newer evidence is judged under (and
    /// the older, unless `--before-framework` names another).
    framework: PathBuf,
    /// The older evidence file of the location (.json, .toml).
    old: PathBuf,
    /// The newer evidence file of the same location.
    new: PathBuf,
    /// The framework file the older evidence is judged under, when it was
    /// another version: criteria and themes are compared by their id.
    #[arg(long, value_name = "FILE")]
    before_framework: Option<PathBuf>,
    /// The location's plan file (`kader plan --update` writes it): list
    /// the actions closed between the two dates.
    #[arg(long, value_name = "FILE")]
    plan: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    format: FormatArg,
    #[command(flatten)]
    judging: Judging,
}

/// Runs `kader progress`.
pub fn run(args: Args, settings: &Settings) -> Result<ExitCode, String> {
    let before_framework = args.before_framework.as_ref().unwrap_or(&args.framework);
    let before = args.judging.judge(
        settings,
        before_framework,
        std::slice::from_ref(&args.old),
        None,
    )?;
    let after = args.judging.judge(
        settings,
        &args.framework,
        std::slice::from_ref(&args.new),
        None,
    )?;
    let (Some(old), Some(new)) = (before.assessments.first(), after.assessments.first()) else {
        return Err(
            "the evidence could not be evaluated, so there is nothing to compare".to_string(),
        );
    };
    if before.assessments.len() > 1 || after.assessments.len() > 1 {
        return Err(
            "kader progress compares one location: give one evidence file before and one after"
                .to_string(),
        );
    }
    if old.outcome.location.id != new.outcome.location.id {
        return Err(format!(
            "the older evidence is of location `{}` and the newer of `{}`; give two assessments of one location",
            old.outcome.location.id, new.outcome.location.id
        ));
    }
    if old.outcome.as_of > new.outcome.as_of {
        eprintln!(
            "warning: the older evidence ({}) is of a later date than the newer ({}); is their order right?",
            old.outcome.as_of, new.outcome.as_of
        );
    }
    let plan = match &args.plan {
        Some(path) => {
            let file = super::planfile::read(path)?;
            if file.location != new.outcome.location.id {
                return Err(format!(
                    "`{}` is the plan of location `{}`, and the evidence of `{}`",
                    path.display(),
                    file.location,
                    new.outcome.location.id
                ));
            }
            Some(file)
        }
        None => None,
    };
    let progress = kader::progress::progress(&old.outcome, &new.outcome, plan.as_ref());
    let format = args.format.format();
    print!(
        "{}",
        report::render_progress(
            &progress,
            args.judging.stage.stage(),
            format,
            for_people(after.language, format)
        )
    );
    Ok(ExitCode::SUCCESS)
}
