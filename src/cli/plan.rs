//! `kader plan`: the improvement plan (verbeterplan) of one or more
//! locations.

use std::path::PathBuf;
use std::process::ExitCode;

use kader::report::{self, Options};
use kader::Date;

use super::args::{for_people, parse_date, FormatArg, Settings};
use super::evidence::{exit, Judged, Judging};
use super::planfile::{placed, read_text, Plans};

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
    /// Write the plan to this file (TOML) for people to keep, or bring the
    /// file up to date with this evidence: actions whose criterion now
    /// passes become `gereed`, new gaps become new actions, and every
    /// edit stays. One location only.
    #[arg(long, value_name = "FILE", conflicts_with = "plan")]
    update: Option<PathBuf>,
    /// Plan files (`--update` writes them): show what each agreed beside
    /// the actions of its location, and the actions past their due date.
    #[arg(long, value_name = "FILE")]
    plan: Vec<PathBuf>,
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
    let mut plans: Vec<kader::plan::ImprovementPlan> = assessments
        .iter()
        .map(|a| kader::plan::plan_in(&framework, &a.outcome, language))
        .collect();
    if let Some(path) = &args.update {
        let ([assessment], [plan], 0) = (assessments.as_slice(), plans.as_mut_slice(), failures)
        else {
            return Err(format!(
                "--update keeps the plan of one location, and the evidence given holds {}{}; give one location's evidence",
                assessments.len(),
                if failures > 0 { format!(" (and {failures} that could not be read)") } else { String::new() }
            ));
        };
        update(path, &framework, assessment, plan)?;
    } else if !args.plan.is_empty() {
        let files = Plans::read(&args.plan)?;
        files.warn_unused(assessments.iter().map(|a| a.outcome.location.id.as_str()));
        for (plan, a) in plans.iter_mut().zip(&assessments) {
            files.agree(plan, &a.outcome);
        }
    }
    let format = args.format.format();
    print!(
        "{}",
        report::render_plans(
            &plans,
            args.judging.stage.stage(),
            format,
            args.by.is_some(),
            Options {
                technical: args.technical,
                ..for_people(language, format)
            }
        )
    );
    Ok(exit(failures, assessments.len()))
}

/// Writes the plan file anew or brings it up to date, says on stderr what
/// changed, and puts its agreements beside the plan.
fn update(
    path: &std::path::Path,
    framework: &kader::Framework,
    assessment: &kader::Assessment,
    plan: &mut kader::plan::ImprovementPlan,
) -> Result<(), String> {
    use kader::plan::Change;
    let existing = read_text(path)?;
    let updated = kader::plan::update(
        existing.as_deref(),
        plan,
        &assessment.outcome,
        framework.language(),
    )
    .map_err(|e| placed(path, &e))?;
    if existing.as_deref() != Some(updated.text.as_str()) {
        kader::files::write_atomic(path, |w| w.write_all(updated.text.as_bytes()))
            .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
    }
    let count = |f: fn(&Change) -> bool| updated.changes.iter().filter(|c| f(c)).count();
    let added = count(|c| matches!(c, Change::Added(_)));
    let done = count(|c| matches!(c, Change::Done(_)));
    let reopened = count(|c| matches!(c, Change::Reopened(_)));
    let what = if existing.is_none() {
        "written"
    } else {
        "brought up to date"
    };
    eprintln!(
        "{}: {what}: {added} new action{}, {done} now gereed, {reopened} reopened",
        path.display(),
        if added == 1 { "" } else { "s" }
    );
    if !updated.not_in_framework.is_empty() {
        eprintln!(
            "warning: {}: the criteria of {} action{} are no longer in the framework: {} (kept, marked `in_framework = false`)",
            path.display(),
            updated.not_in_framework.len(),
            if updated.not_in_framework.len() == 1 { "" } else { "s" },
            updated.not_in_framework.join(", ")
        );
    }
    let file = kader::plan::PlanFile::parse(&updated.text).map_err(|e| placed(path, &e))?;
    plan.agree(&file, &assessment.outcome);
    Ok(())
}
