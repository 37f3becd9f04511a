//! `kader plan`: the improvement plan (verbeterplan) of one or more
//! locations.

use std::path::PathBuf;
use std::process::ExitCode;

use kader::report::{self, Options};
use kader::{Assessment, Date, EvalOptions, Evidence, EvidenceError, Framework, Register};

use super::report::{color, language, FormatArg, StageArg};

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
    #[arg(long, value_parser = crate::parse_date)]
    as_of: Option<Date>,
    /// Intake (missing evidence is to be supplied) or audit (what is not
    /// demonstrated fails).
    #[arg(long, value_enum, default_value_t = StageArg::Intake)]
    stage: StageArg,
    /// Language of the words kader writes (default: the framework's).
    #[arg(long, value_enum)]
    lang: Option<crate::Lang>,
    #[command(flatten)]
    exceptions: super::exceptions::ExceptionsArg,
}

/// Runs `kader plan`.
pub fn run(args: Args) -> Result<ExitCode, String> {
    let framework = crate::compile(&args.framework)?;
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

/// Loads and evaluates every location; evidence errors go to stderr and
/// are counted.
pub(crate) fn load_all(
    framework: &Framework,
    register: &Register,
    paths: &[PathBuf],
    as_of: Option<Date>,
    options: EvalOptions,
) -> Result<(Vec<Assessment>, usize), String> {
    let mut assessments = Vec::new();
    let mut failures = 0usize;
    crate::inputs(paths, |input| {
        match load(framework, register, &input, as_of) {
            Some(evidence) => assessments.push(framework.evaluate_with(&evidence, options)),
            None => failures += 1,
        }
        Ok(())
    })?;
    Ok((assessments, failures))
}

/// Loads one evidence document, printing its warnings and errors.
pub(crate) fn load(
    framework: &Framework,
    register: &Register,
    input: &crate::Input,
    as_of: Option<Date>,
) -> Option<Evidence> {
    match input.load(framework, register, as_of) {
        Ok(evidence) => {
            for warning in evidence.warnings() {
                eprintln!("warning: {}: {warning}", input.origin);
            }
            Some(evidence)
        }
        Err(EvidenceError { problems }) => {
            for problem in problems {
                eprintln!("error: {}: {problem}", input.origin);
            }
            None
        }
    }
}

/// Exit 1 when a location could not be evaluated, after saying how many.
pub(crate) fn exit(failures: usize, count: usize) -> ExitCode {
    if failures > 0 {
        eprintln!(
            "error: {failures} location{} could not be evaluated; {count} evaluated",
            if failures == 1 { "" } else { "s" }
        );
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
