//! `kader eval`: evaluate locations and write their results, streaming.
//!
//! Locations are read one at a time (a JSON Lines file line by line),
//! loaded, evaluated and rendered on every core in chunks
//! ([`kader::batch::stream`]: the next chunk is read while one is worked), and written in input order: the output is
//! the same as one thread's, and memory stays flat however many locations
//! there are. Only HTML, one document for all locations, is gathered.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use kader::batch;
use kader::report;
use kader::{Assessment, Date, EvalOptions, Evidence, EvidenceError, Framework, Register};

use super::report::{FormatArg, StageArg};

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
pub(crate) enum Output {
    /// A report in a format and a language.
    Report(FormatArg, Option<crate::Lang>),
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
}

impl Job<'_> {
    fn run(&self, input: crate::Input) -> Done {
        let (evidence, messages) = load(self.framework, self.register, &input, self.as_of);
        let result = evidence.map(|evidence| {
            if self.summary {
                let decision = self.framework.decide(&evidence, self.eval.stage);
                return Rendered::Text(report::summary(&decision) + "\n");
            }
            let assessment = self.framework.evaluate_with(&evidence, self.eval);
            if self.format == report::Format::Html {
                Rendered::Assessment(Box::new(assessment))
            } else {
                Rendered::Text(report::render(
                    self.framework,
                    &assessment,
                    self.format,
                    self.options,
                ))
            }
        });
        Done { messages, result }
    }
}

/// Loads one evidence document; its warnings and errors are returned, to
/// be printed in input order (as `plan::load` prints them).
fn load(
    framework: &Framework,
    register: &Register,
    input: &crate::Input,
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

/// Runs `kader eval`.
pub(crate) fn run(
    framework_path: &Path,
    evidence: &[PathBuf],
    as_of: Option<Date>,
    stage: StageArg,
    output: Output,
    exceptions: &super::exceptions::ExceptionsArg,
) -> Result<ExitCode, String> {
    let framework = crate::compile(framework_path)?;
    let register = exceptions.load(&framework)?;
    let (format, lang, summary) = match output {
        Output::Report(format, lang) => (format, lang, false),
        Output::Summary => (FormatArg::Json, None, true),
    };
    let language = super::report::language(lang, &framework);
    let format = format.format();
    let options = report::Options {
        language,
        color: super::report::color(format),
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
            crate::inputs(evidence, push).map_err(|e| {
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
        let html = report::render_all(&framework, &collected, format, options);
        write!(out, "{html}").map_err(|e| format!("cannot write the results: {e}"))?;
    }
    out.flush()
        .map_err(|e| format!("cannot write the results: {e}"))?;
    Ok(super::plan::exit(failures, count))
}
