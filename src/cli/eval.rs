//! `kader eval`: evaluate locations and write their results, streaming.
//!
//! Locations are read one at a time (a JSON Lines file line by line),
//! loaded, evaluated and rendered on every core in chunks
//! ([`kader::batch::stream`]: the next chunk is read while one is worked), and written in input order: the output is
//! the same as one thread's, and memory stays flat however many locations
//! there are. Only HTML, one document for all locations, is gathered.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use kader::batch;
use kader::report;
use kader::{Assessment, Date, EvalOptions, Evidence, EvidenceError, Framework, Register};

use super::args::{for_people, language, parse_date, FormatArg, Lang, Settings, StageArg};
use super::evidence::{exit, inputs, Input};
use super::exceptions::ExceptionsArg;
use super::planfile::Plans;

/// One location, loaded, evaluated and rendered on a worker thread.
struct Done {
    /// What to print on stderr, in order (warnings and errors with the
    /// location's origin).
    messages: Vec<String>,
    result: Option<Rendered>,
}

enum Rendered {
    Text(String),
    /// HTML renders all locations at once, at the end.
    Assessment(Box<Assessment>),
}

/// What `kader eval` writes.
enum Output {
    /// A report in a format and a language.
    Report(FormatArg, Option<Lang>),
    /// One summary line a location: verdict and statuses.
    Summary,
}

/// Settings every worker shares.
struct Job<'a> {
    framework: &'a Framework,
    /// The certifying body's exceptions.
    register: &'a Register,
    as_of: Option<Date>,
    eval: EvalOptions,
    format: report::Format,
    options: report::Options,
    summary: bool,
    /// The plan files given with `--plan`.
    plans: &'a Plans,
}

impl Job<'_> {
    fn run(&self, input: Input) -> Done {
        let (evidence, messages) = load(self.framework, self.register, &input, self.as_of);
        let result = evidence.map(|evidence| {
            if self.summary {
                let decision = self.framework.decide(&evidence, self.eval.stage);
                return Rendered::Text(report::summary(&decision) + "\n");
            }
            let assessment = self.framework.decide(&evidence, self.eval).explain();
            if self.format == report::Format::Html {
                Rendered::Assessment(Box::new(assessment))
            } else {
                Rendered::Text(report::render_all_agreed(
                    self.framework,
                    std::slice::from_ref(&assessment),
                    |id| self.plans.of(id),
                    self.format,
                    self.options,
                ))
            }
        });
        Done { messages, result }
    }
}

/// Loads one evidence document; its warnings and errors are returned, to
/// be printed in input order (as `evidence::load` prints them).
fn load(
    framework: &Framework,
    register: &Register,
    input: &Input,
    as_of: Option<Date>,
) -> (Option<Evidence>, Vec<String>) {
    match input.load(framework, register, as_of) {
        Ok(evidence) => {
            let messages = evidence
                .warnings()
                .iter()
                .map(|w| format!("warning: {}: {w}", input.origin))
                .collect();
            (Some(evidence), messages)
        }
        Err(EvidenceError { problems }) => {
            let messages = problems
                .iter()
                .map(|p| format!("error: {}: {p}", input.origin))
                .collect();
            (None, messages)
        }
    }
}

/// Flags of `kader eval`.
#[derive(clap::Args)]
pub struct Args {
    /// The framework file (.kader).
    framework: PathBuf,
    /// Evidence files (.json, .toml), directories of them, or JSON Lines
    /// files (.jsonl) with one location per line.
    #[arg(required = true)]
    evidence: Vec<PathBuf>,
    /// Judge the evidence on this date (YYYY-MM-DD) instead of the
    /// files' own `as_of`.
    #[arg(long, value_parser = parse_date)]
    as_of: Option<Date>,
    /// Intake (lenient: missing evidence is to be supplied) or audit
    /// (strict: what is not demonstrated fails).
    #[arg(long, value_enum, default_value_t = StageArg::Intake)]
    stage: StageArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    format: FormatArg,
    /// Language of the words kader writes (default: the framework's).
    #[arg(long, value_enum)]
    lang: Option<Lang>,
    /// Write only the verdict and every status, one JSON line per
    /// location, without explanations: for dashboards and large
    /// batches, many times faster.
    #[arg(long, conflicts_with_all = ["format", "lang"])]
    summary: bool,
    /// Add an appendix for administrators: each gap in the framework's
    /// notation, with the paths of its evidence.
    #[arg(long)]
    technical: bool,
    /// Plan files (`kader plan --update` writes them): show what each
    /// agreed beside the actions of its location, and the actions past
    /// their due date.
    #[arg(long, value_name = "FILE", conflicts_with = "summary")]
    plan: Vec<PathBuf>,
    #[command(flatten)]
    exceptions: ExceptionsArg,
}

/// Runs `kader eval`.
pub fn run(args: Args, settings: &Settings) -> Result<ExitCode, String> {
    let Args {
        framework: framework_path,
        evidence,
        as_of,
        stage,
        format,
        lang,
        summary,
        technical,
        plan,
        exceptions,
    } = args;
    let plans = Plans::read(&plan)?;
    let output = if summary {
        Output::Summary
    } else {
        Output::Report(format, lang)
    };
    let framework = super::framework::compile(settings, &framework_path)?;
    let register = exceptions.load(&framework)?;
    let (format, lang, summary) = match output {
        Output::Report(format, lang) => (format, lang, false),
        Output::Summary => (FormatArg::Json, None, true),
    };
    let language = language(lang, &framework);
    let format = format.format();
    let options = report::Options {
        technical,
        ..for_people(language, format)
    };
    let job = Job {
        framework: &framework,
        register: &register,
        as_of,
        eval: EvalOptions {
            stage: stage.stage(),
            language: Some(language),
        },
        format,
        options,
        summary,
        plans: &plans,
    };
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let stderr = io::stderr();
    let mut failures = 0usize;
    let mut count = 0usize;
    let mut collected = Vec::new();
    let mut write = |done: Done| -> io::Result<()> {
        if !done.messages.is_empty() {
            let mut err = stderr.lock();
            for message in &done.messages {
                writeln!(err, "{message}")?;
            }
        }
        match done.result {
            None => failures += 1,
            Some(Rendered::Assessment(assessment)) => {
                collected.push(*assessment);
                count += 1;
            }
            Some(Rendered::Text(text)) => {
                let separator = match format {
                    report::Format::Text if count > 0 => "\n",
                    report::Format::Markdown if count > 0 => "\n---\n\n",
                    _ => "",
                };
                write!(out, "{separator}{text}")?;
                count += 1;
            }
        }
        Ok(())
    };
    let mut feed_error = None;
    batch::stream(
        batch::available_threads(),
        batch::CHUNK_PER_THREAD,
        &|input| job.run(input),
        |push| {
            inputs(&evidence, settings.verbose, push).map_err(|e| {
                feed_error = Some(e);
                io::Error::other("reading the input failed")
            })
        },
        &mut write,
    )
    .map_err(|e| match feed_error.take() {
        Some(message) => message,
        None => format!("cannot write the results: {e}"),
    })?;
    if format == report::Format::Html && !collected.is_empty() {
        let html =
            report::render_all_agreed(&framework, &collected, |id| plans.of(id), format, options);
        write!(out, "{html}").map_err(|e| format!("cannot write the results: {e}"))?;
    }
    out.flush()
        .map_err(|e| format!("cannot write the results: {e}"))?;
    Ok(exit(failures, count))
}
