//! Evidence for the commands that evaluate: files, directories and JSON
//! Lines files expanded into documents, each loaded and evaluated, every
//! problem printed with the document's origin.

use std::io::{self, BufRead, Read};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use kader::{
    Assessment, Date, EvalOptions, Evidence, EvidenceError, Framework, Language, Register,
};

use super::args::{language, Lang, Settings, StageArg};

/// One evidence document to load: where it came from and its text.
pub(crate) struct Input {
    /// `file` or `file:line` for JSON Lines.
    pub(crate) origin: String,
    /// The document, or why it could not be read (it is reported in its
    /// place, and the rest of the batch goes on).
    pub(crate) text: Result<String, kader::EvidenceProblem>,
    pub(crate) toml: bool,
}

impl Input {
    /// Loads the document against `framework`, with the register's
    /// exceptions for its location.
    pub(crate) fn load(
        &self,
        framework: &Framework,
        register: &kader::Register,
        as_of: Option<Date>,
    ) -> Result<kader::Evidence, kader::EvidenceError> {
        let options = kader::LoadOptions {
            as_of,
            ..kader::LoadOptions::default()
        };
        let loaded = match &self.text {
            Err(problem) => Err(kader::EvidenceError {
                problems: vec![problem.clone()],
            }),
            Ok(text) if self.toml => kader::Evidence::from_toml_with(framework, text, options),
            Ok(text) => kader::Evidence::from_json_with(framework, text, options),
        };
        loaded.map(|e| e.with_exceptions(register))
    }

    fn unreadable(origin: String, problem: kader::EvidenceProblem) -> Input {
        Input {
            origin,
            text: Err(problem),
            toml: false,
        }
    }
}

/// How large one evidence document may be: a file, or a line of JSON Lines.
fn evidence_limit() -> usize {
    kader::Limits::default().max_evidence_bytes
}

/// Expands files and directories into evidence documents, in a stable order.
/// A file or line that cannot be read is passed on as an unreadable input,
/// so that it is reported in its place and everything else is still read.
/// With `verbose`, the entries of a directory that are not read are listed.
pub(crate) fn inputs(
    paths: &[PathBuf],
    verbose: bool,
    mut each: impl FnMut(Input) -> io::Result<()>,
) -> Result<(), String> {
    let write_error = |e: io::Error| format!("cannot write the results: {e}");
    for path in paths {
        if path.is_dir() {
            let mut entries = Vec::new();
            let mut skipped = Vec::new();
            for entry in kader::files::entries(path, "directory")? {
                match evidence_kind(&entry) {
                    Some(_) if entry.is_file() => entries.push(entry),
                    // Expectations sit beside the samples they are about.
                    _ if is_expectation(&entry) => {}
                    _ => skipped.push(entry),
                }
            }
            warn_skipped(path, &skipped, verbose);
            if entries.is_empty() {
                return Err(format!(
                    "`{}` holds no evidence files (.json, .toml, .jsonl)",
                    path.display()
                ));
            }
            for entry in entries {
                file_inputs(&entry, &mut each).map_err(write_error)?;
            }
        } else {
            file_inputs(path, &mut each).map_err(write_error)?;
        }
    }
    Ok(())
}

/// Says how many entries of a directory are not read, and with
/// `--verbose` which.
fn warn_skipped(dir: &Path, skipped: &[PathBuf], verbose: bool) {
    if skipped.is_empty() {
        return;
    }
    let n = skipped.len();
    eprintln!(
        "warning: `{}`: {n} entr{} not read: not evidence files (.json, .toml, .jsonl) or subdirectories{}",
        dir.display(),
        if n == 1 { "y" } else { "ies" },
        if verbose { "" } else { "; --verbose lists them" }
    );
    if verbose {
        for path in skipped {
            eprintln!("  not read: {}", path.display());
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Json,
    Toml,
    Lines,
}

fn is_expectation(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.to_ascii_lowercase().ends_with(".expect.toml"))
}

/// The kind of an evidence file by its extension, in any case (`.JSON`).
fn evidence_kind(path: &Path) -> Option<Kind> {
    // Expectations sit beside the samples they are about; they are not evidence.
    if is_expectation(path) {
        return None;
    }
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "json" => Some(Kind::Json),
        "toml" => Some(Kind::Toml),
        "jsonl" | "ndjson" => Some(Kind::Lines),
        _ => None,
    }
}

fn file_inputs(path: &Path, each: &mut impl FnMut(Input) -> io::Result<()>) -> io::Result<()> {
    let name = path.display().to_string();
    match evidence_kind(path) {
        Some(Kind::Lines) => line_inputs(path, name, each),
        kind => each(Input {
            text: kader::files::read_file_limited(path, evidence_limit())
                .map_err(|e| e.to_problem()),
            origin: name,
            toml: kind == Some(Kind::Toml),
        }),
    }
}

/// A JSON Lines file, line by line, so that a file of any size streams
/// through: no line is read past the evidence size limit, and a line that
/// is too long or not UTF-8 is reported by `file:line` while the others go
/// on.
fn line_inputs(
    path: &Path,
    name: String,
    each: &mut impl FnMut(Input) -> io::Result<()>,
) -> io::Result<()> {
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) => {
            return each(Input::unreadable(
                name,
                kader::files::ReadError::from(e).to_problem(),
            ))
        }
    };
    let limit = evidence_limit();
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    let mut reader = io::BufReader::with_capacity(1 << 16, file);
    let mut number = 0usize;
    let mut documents = 0usize;
    loop {
        let mut line = Vec::new();
        let origin = format!("{name}:{}", number + 1);
        match (&mut reader).take(cap).read_until(b'\n', &mut line) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                return each(Input::unreadable(
                    origin,
                    kader::files::ReadError::from(e).to_problem(),
                ))
            }
        }
        number += 1;
        if line.len() > limit && line.last() != Some(&b'\n') {
            documents += 1;
            let problem = kader::files::ReadError::TooLarge { limit }.to_problem();
            if let Err(e) = reader.skip_until(b'\n') {
                each(Input::unreadable(origin.clone(), problem))?;
                let next = format!("{name}:{}", number + 1);
                return each(Input::unreadable(
                    next,
                    kader::files::ReadError::from(e).to_problem(),
                ));
            }
            each(Input::unreadable(origin, problem))?;
            continue;
        }
        // As `str::lines`: without the `\n` or `\r\n`.
        if line.last() == Some(&b'\n') {
            line.pop();
            if line.last() == Some(&b'\r') {
                line.pop();
            }
        }
        if number == 1 && line.starts_with(b"\xEF\xBB\xBF") {
            line.drain(..3);
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        documents += 1;
        let text = match kader::files::text_of(line) {
            Ok(text) => text,
            Err(kader::files::ReadError::NotUtf8 { column, .. }) => {
                let problem = kader::EvidenceProblem {
                    path: String::new(),
                    message: format!("column {column}: not valid UTF-8"),
                    help: Some(
                        "save the file as UTF-8; every line of JSON Lines is one JSON document in UTF-8"
                            .to_string(),
                    ),
                    line: None,
                    column: None,
                };
                each(Input::unreadable(origin, problem))?;
                continue;
            }
            Err(e) => {
                each(Input::unreadable(origin, e.to_problem()))?;
                continue;
            }
        };
        if documents == 1 && spread_over_lines(&text) {
            let problem = kader::EvidenceProblem {
                path: String::new(),
                message: "this JSON document goes on past the end of its line: a JSON Lines file holds one JSON document per line".to_string(),
                help: Some("write each location on one line (`jq -c . file.json` does it), or name the file `.json` if it holds one location".to_string()),
                line: None,
                column: None,
            };
            return each(Input::unreadable(origin, problem));
        }
        each(Input {
            origin,
            text: Ok(text),
            toml: false,
        })?;
    }
    if documents == 0 {
        eprintln!(
            "warning: `{name}` holds no locations: a JSON Lines file holds one JSON document per line"
        );
    }
    Ok(())
}

/// Whether the first line of a JSON Lines file opens a document it does not
/// close: a pretty-printed JSON file named `.jsonl`.
fn spread_over_lines(line: &str) -> bool {
    let trimmed = line.trim_start_matches('\u{feff}').trim();
    (trimmed.starts_with('{') || trimmed.starts_with('['))
        && serde_json::from_str::<serde::de::IgnoredAny>(trimmed).is_err_and(|e| e.is_eof())
}

/// How the commands that judge many locations judge them: the stage, the
/// language of the words kader writes, and the certifying body's
/// exceptions.
#[derive(clap::Args)]
pub(crate) struct Judging {
    /// Intake (missing evidence is to be supplied) or audit (what is not
    /// demonstrated fails).
    #[arg(long, value_enum, default_value_t = StageArg::Intake)]
    pub(crate) stage: StageArg,
    /// Language of the words kader writes (default: the framework's).
    #[arg(long, value_enum)]
    lang: Option<Lang>,
    #[command(flatten)]
    exceptions: super::exceptions::ExceptionsArg,
}

/// Every location judged, in the language asked for.
pub(crate) struct Judged {
    pub(crate) framework: Framework,
    pub(crate) language: Language,
    pub(crate) assessments: Vec<Assessment>,
    /// How many documents could not be loaded.
    pub(crate) failures: usize,
}

impl Judging {
    /// Compiles the framework, then loads and judges every location in
    /// `paths` (on `as_of` when given).
    pub(crate) fn judge(
        &self,
        settings: &Settings,
        framework: &Path,
        paths: &[PathBuf],
        as_of: Option<Date>,
    ) -> Result<Judged, String> {
        let framework = super::framework::compile(settings, framework)?;
        let language = language(self.lang, &framework);
        let register = self.exceptions.load(&framework)?;
        let options = EvalOptions {
            stage: self.stage.stage(),
            language: Some(language),
        };
        let (assessments, failures) = load_all(
            &framework,
            &register,
            paths,
            as_of,
            options,
            settings.verbose,
        )?;
        Ok(Judged {
            framework,
            language,
            assessments,
            failures,
        })
    }
}

/// Every location's evidence loaded, not yet judged: for commands that
/// judge it on more than one day (`kader calendar`).
pub(crate) struct Loaded {
    pub(crate) framework: Framework,
    pub(crate) language: Language,
    pub(crate) stage: kader::Stage,
    pub(crate) evidence: Vec<Evidence>,
    /// How many documents could not be loaded.
    pub(crate) failures: usize,
}

impl Judging {
    /// Compiles the framework, then loads every location in `paths` (on
    /// `as_of` when given) with the register's exceptions.
    pub(crate) fn load(
        &self,
        settings: &Settings,
        framework: &Path,
        paths: &[PathBuf],
        as_of: Option<Date>,
    ) -> Result<Loaded, String> {
        let framework = super::framework::compile(settings, framework)?;
        let language = language(self.lang, &framework);
        let register = self.exceptions.load(&framework)?;
        let mut evidence = Vec::new();
        let mut failures = 0usize;
        inputs(paths, settings.verbose, |input| {
            match load(&framework, &register, &input, as_of) {
                Some(e) => evidence.push(e),
                None => failures += 1,
            }
            Ok(())
        })?;
        Ok(Loaded {
            framework,
            language,
            stage: self.stage.stage(),
            evidence,
            failures,
        })
    }
}

/// Loads and evaluates every location; evidence errors go to stderr and
/// are counted.
pub(crate) fn load_all(
    framework: &Framework,
    register: &Register,
    paths: &[PathBuf],
    as_of: Option<Date>,
    options: EvalOptions,
    verbose: bool,
) -> Result<(Vec<Assessment>, usize), String> {
    let mut assessments = Vec::new();
    let mut failures = 0usize;
    inputs(paths, verbose, |input| {
        match load(framework, register, &input, as_of) {
            Some(evidence) => assessments.push(framework.decide(&evidence, options).explain()),
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
    input: &Input,
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
