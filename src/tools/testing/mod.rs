//! Testing a framework against sample locations: `kader test`.
//!
//! Each sample location (`samples/<name>.json` or `.toml`) has an
//! expectation file beside it (`samples/<name>.expect.toml`) that says what
//! it must come out as: the verdict, theme and criterion statuses, and gaps
//! that must or must not be reported. [`run`] evaluates every sample,
//! compares, and measures which rules the samples exercise ([`Coverage`]).
//! A framework author changes a rule, runs `kader test`, and sees which
//! sample now comes out differently, and how.
//!
//! ```
//! use kader::testing::{self, SampleFile, Source};
//! use kader::Framework;
//!
//! let framework = Framework::compile(r#"
//!     framework demo "Demo" version "1"
//!     evidence { monitor.response_rate : percent "Respons" }
//!     theme sociaal "Sociaal" {
//!       criterion S4 "Respons" { owner school require monitor.response_rate >= 70% }
//!     }
//!     scoring { theme passes when all mandatory pass and score >= 60% certified when all themes pass }
//! "#)?;
//! let sample = SampleFile {
//!     name: "low-response".to_string(),
//!     evidence: Some(Source::new("low-response.json", r#"{
//!         "location": { "id": "x" }, "as_of": "2026-11-30",
//!         "evidence": { "monitor": { "response_rate": "52%" } } }"#)),
//!     expectation: Some(Source::new("low-response.expect.toml", r#"
//!         verdict = "not_certified"
//!         [criteria]
//!         S4 = "fail"
//!     "#)),
//! };
//! let run = testing::run(&framework, &[sample]);
//! assert!(run.is_ok());
//! // One failing sample shows S4 and its `require` only failing: half of
//! // their sides (true and false) are exercised.
//! assert_eq!(run.coverage.percent(), 50.0);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod coverage;
mod expect;
mod render;

use std::path::Path;

use serde::Serialize;

pub use coverage::{Coverage, CoverageItem, Rule};
pub use expect::{Expectation, ExpectationError, ExpectationProblem};
pub use render::{to_json, to_junit, to_text, RenderOptions};

use crate::compile::Framework;
use crate::evidence::{Evidence, EvidenceProblem};
use crate::outcome::{CriterionOutcome, Outcome, Status, Verdict};
use crate::value::format_percent;
use expect::kind_name;

/// A file's name (as shown in reports) and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// The path as it should appear in reports.
    pub path: String,
    /// The contents.
    pub text: String,
    /// Why the file could not be read (not UTF-8, too large); the sample
    /// then fails with this problem, and the others are still run.
    unreadable: Option<EvidenceProblem>,
}

impl Source {
    /// A source from a name and a text.
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Source {
        Source {
            path: path.into(),
            text: text.into(),
            unreadable: None,
        }
    }

    /// A file that could not be read, and why.
    pub fn unreadable(path: impl Into<String>, problem: EvidenceProblem) -> Source {
        Source {
            path: path.into(),
            text: String::new(),
            unreadable: Some(problem),
        }
    }

    fn is_toml(&self) -> bool {
        self.path.to_ascii_lowercase().ends_with(".toml")
    }
}

/// One sample location: its evidence and its expectation. Either may be
/// missing, which is reported as a failure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SampleFile {
    /// The sample's name: the evidence file's name without extension.
    pub name: String,
    /// The evidence file (`.json` or `.toml`).
    pub evidence: Option<Source>,
    /// The expectation file (`.expect.toml`).
    pub expectation: Option<Source>,
}

/// The suffix of expectation files.
pub const EXPECTATION_SUFFIX: &str = ".expect.toml";

/// Reads the samples in a directory: every `*.json` and `*.toml` file is a
/// sample (subdirectories and `*.jsonl` batches are not), and
/// `<name>.expect.toml` beside it is its expectation. An expectation
/// without a sample is listed too, so that it is reported. Sorted by name.
pub fn read_samples(dir: &Path) -> Result<Vec<SampleFile>, String> {
    let mut evidence = Vec::new();
    let mut expectations = Vec::new();
    for path in crate::files::entries(dir, "the samples directory")? {
        if !path.is_file() {
            continue;
        }
        let Some(file_name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        // Extensions in any case: `X.JSON` is a sample too.
        if let Some(stem) = strip_suffix_ignoring_case(file_name, EXPECTATION_SUFFIX) {
            expectations.push((stem.to_string(), path.clone()));
        } else if let Some(stem) = strip_suffix_ignoring_case(file_name, ".json")
            .or_else(|| strip_suffix_ignoring_case(file_name, ".toml"))
        {
            evidence.push((stem.to_string(), path.clone()));
        }
    }
    let limit = crate::Limits::default().max_evidence_bytes;
    let read = |path: &Path| -> Result<Source, String> {
        let name = path.display().to_string();
        Ok(match crate::files::read_file_limited(path, limit) {
            Ok(text) => Source::new(name, text),
            Err(e) => Source::unreadable(name, e.to_problem()),
        })
    };
    let mut samples = Vec::new();
    for (stem, path) in &evidence {
        let shared = evidence.iter().filter(|(s, _)| s == stem).count() > 1;
        let name = if shared {
            path.file_name()
                .and_then(|n| n.to_str())
                .unwrap_or(stem)
                .to_string()
        } else {
            stem.clone()
        };
        let expectation = match expectations.iter().find(|(s, _)| s == stem) {
            Some((_, p)) => Some(read(p)?),
            None => None,
        };
        samples.push(SampleFile {
            name,
            evidence: Some(read(path)?),
            expectation,
        });
    }
    for (stem, path) in &expectations {
        if !evidence.iter().any(|(s, _)| s == stem) {
            samples.push(SampleFile {
                name: stem.clone(),
                evidence: None,
                expectation: Some(read(path)?),
            });
        }
    }
    samples.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(samples)
}

/// `name` without `suffix`, whatever the case of either.
fn strip_suffix_ignoring_case<'a>(name: &'a str, suffix: &str) -> Option<&'a str> {
    let at = name.len().checked_sub(suffix.len())?;
    let tail = name.get(at..)?;
    if tail.eq_ignore_ascii_case(suffix) {
        name.get(..at)
    } else {
        None
    }
}

/// The result of running every sample.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TestRun {
    /// The framework tested: its id and version.
    pub framework: String,
    /// One result per sample, sorted by name.
    pub samples: Vec<SampleResult>,
    /// Which rules the samples exercised.
    pub coverage: Coverage,
}

impl TestRun {
    /// How many samples came out as expected.
    pub fn passed(&self) -> usize {
        self.samples.iter().filter(|s| s.passed()).count()
    }

    /// How many did not (including samples that could not be tested).
    pub fn failed(&self) -> usize {
        self.samples.len() - self.passed()
    }

    /// Whether every sample came out as expected.
    pub fn is_ok(&self) -> bool {
        self.failed() == 0
    }
}

/// How one sample came out.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SampleResult {
    /// The sample's name.
    pub name: String,
    /// Its evidence file.
    pub evidence: Option<String>,
    /// Its expectation file.
    pub expectation: Option<String>,
    /// The verdict it got, when its evidence loaded.
    pub verdict: Option<Verdict>,
    /// `None` when it came out as expected.
    pub failure: Option<Failure>,
    /// Warnings from loading the evidence (undeclared keys).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<EvidenceProblem>,
}

impl SampleResult {
    /// Whether it came out as expected.
    pub fn passed(&self) -> bool {
        self.failure.is_none()
    }
}

/// Why a sample did not pass.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Failure {
    /// It was evaluated, and came out differently than expected.
    Mismatches {
        /// Every difference, in the order of the result.
        mismatches: Vec<Mismatch>,
    },
    /// Its evidence file does not load.
    Evidence {
        /// The errors.
        problems: Vec<EvidenceProblem>,
    },
    /// Its expectation file cannot be read, or names what the framework
    /// does not have.
    Expectation {
        /// The problems.
        problems: Vec<ExpectationProblem>,
    },
    /// There is no expectation file beside the evidence.
    NoExpectation {
        /// The file that should hold it.
        expected_file: String,
    },
    /// There is an expectation file but no evidence file.
    NoEvidence,
}

/// One way a sample came out differently than expected.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Mismatch {
    /// What differs: `verdict`, `valid_until`, `theme beleid`,
    /// `criterion S4`, `gap` (a gap that must be reported is not), `no_gap`
    /// (a gap that must not be reported is).
    pub subject: String,
    /// What the expectation file says.
    pub expected: String,
    /// What the framework gave.
    pub actual: String,
    /// The line of the expectation file, when the expectation is written
    /// there (not for criteria covered by `other_criteria`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// Why it came out this way: the gaps of a criterion, a theme's score.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub because: Vec<String>,
}

/// Evaluates every sample and compares it with its expectation.
pub fn run(framework: &Framework, samples: &[SampleFile]) -> TestRun {
    run_with(framework, samples, &crate::Register::new())
}

/// [`run`] with the certifying body's register of exceptions.
pub fn run_with(
    framework: &Framework,
    samples: &[SampleFile],
    register: &crate::Register,
) -> TestRun {
    let mut coverage = Coverage::new(framework);
    let results = samples
        .iter()
        .map(|sample| {
            let (result, evaluated) = run_one(framework, sample, register);
            if let Some((evidence, outcome)) = evaluated {
                coverage.add(framework, &evidence, &outcome);
            }
            result
        })
        .collect();
    TestRun {
        framework: format!("{} {}", framework.id, framework.version),
        samples: results,
        coverage,
    }
}

/// Tests one sample; also gives its evidence and outcome when it loads, for
/// coverage.
fn run_one(
    framework: &Framework,
    sample: &SampleFile,
    register: &crate::Register,
) -> (SampleResult, Option<(Evidence, Outcome)>) {
    let mut result = SampleResult {
        name: sample.name.clone(),
        evidence: sample.evidence.as_ref().map(|s| s.path.clone()),
        expectation: sample.expectation.as_ref().map(|s| s.path.clone()),
        verdict: None,
        failure: None,
        warnings: Vec::new(),
    };
    let Some(source) = &sample.evidence else {
        result.failure = Some(Failure::NoEvidence);
        return (result, None);
    };
    let loaded = if let Some(problem) = &source.unreadable {
        Err(crate::EvidenceError {
            problems: vec![problem.clone()],
        })
    } else if source.is_toml() {
        Evidence::from_toml(framework, &source.text)
    } else {
        Evidence::from_json(framework, &source.text)
    };
    let evidence = match loaded {
        Ok(evidence) => evidence.with_exceptions(register),
        Err(error) => {
            result.failure = Some(Failure::Evidence {
                problems: error.problems,
            });
            return (result, None);
        }
    };
    result.warnings = evidence.warnings().to_vec();
    let outcome = framework
        .decide(&evidence, crate::Stage::Intake)
        .explain()
        .outcome;
    result.verdict = Some(outcome.verdict);
    result.failure = match &sample.expectation {
        None => Some(Failure::NoExpectation {
            expected_file: expectation_path(&source.path),
        }),
        Some(Source {
            path,
            unreadable: Some(problem),
            ..
        }) => Some(Failure::Expectation {
            problems: vec![ExpectationProblem {
                file: path.clone(),
                line: problem.line,
                column: problem.column,
                key: None,
                message: problem.message.clone(),
                help: problem.help.clone(),
            }],
        }),
        Some(file) => match Expectation::from_toml(&file.path, &file.text) {
            Err(error) => Some(Failure::Expectation {
                problems: error.problems,
            }),
            Ok(expectation) => {
                let problems = expectation.check(framework);
                if problems.is_empty() {
                    let mismatches = compare(&expectation, &outcome);
                    if mismatches.is_empty() {
                        None
                    } else {
                        Some(Failure::Mismatches { mismatches })
                    }
                } else {
                    Some(Failure::Expectation { problems })
                }
            }
        },
    };
    (result, Some((evidence, outcome)))
}

/// `samples/x.json` → `samples/x.expect.toml`.
fn expectation_path(evidence: &str) -> String {
    let stem = strip_suffix_ignoring_case(evidence, ".json")
        .or_else(|| strip_suffix_ignoring_case(evidence, ".toml"))
        .unwrap_or(evidence);
    format!("{stem}{EXPECTATION_SUFFIX}")
}

/// Every difference between an expectation and an outcome, in the order of
/// the outcome.
pub(crate) fn compare(expectation: &Expectation, outcome: &Outcome) -> Vec<Mismatch> {
    let mut mismatches = Vec::new();
    let mismatch = |subject: String, expected: &str, actual: &str, line: Option<usize>| Mismatch {
        subject,
        expected: expected.to_string(),
        actual: actual.to_string(),
        line,
        because: Vec::new(),
    };
    if outcome.verdict != expectation.verdict {
        mismatches.push(mismatch(
            "verdict".to_string(),
            expectation.verdict.as_str(),
            outcome.verdict.as_str(),
            None,
        ));
    }
    if let Some(date) = expectation.valid_until {
        if outcome.valid_until != Some(date) {
            let actual = outcome
                .valid_until
                .map_or_else(|| "none".to_string(), |d| d.to_string());
            mismatches.push(mismatch(
                "valid_until".to_string(),
                &date.to_string(),
                &actual,
                None,
            ));
        }
    }
    for theme in &outcome.themes {
        let Some(want) = expectation.themes.iter().find(|t| t.id == theme.id) else {
            continue;
        };
        if theme.status != want.status {
            let mut m = mismatch(
                format!("theme {}", theme.id),
                want.status.as_str(),
                theme.status.as_str(),
                Some(want.line),
            );
            m.because = theme_reasons(theme, outcome);
            mismatches.push(m);
        }
    }
    for criterion in &outcome.criteria {
        let listed = expectation.criteria.iter().find(|c| c.id == criterion.id);
        let (status, level, line) = match (listed, expectation.other_criteria) {
            (Some(c), _) => (c.status, c.level, Some(c.line)),
            (None, Some(status)) => (status, None, None),
            (None, None) => continue,
        };
        let status_differs = criterion.status != status;
        let level_differs = level.is_some() && criterion.level != level;
        if status_differs || level_differs {
            let mut m = mismatch(
                format!("criterion {}", criterion.id),
                &criterion_state(status, level),
                &criterion_state(criterion.status, level.and(criterion.level)),
                line,
            );
            if level.is_some() && criterion.level.is_none() && !status_differs {
                m.actual = format!("{} without a level", criterion.status.as_str());
            }
            if line.is_none() {
                m.expected.push_str(" (other_criteria)");
            }
            m.because = criterion_reasons(criterion);
            mismatches.push(m);
        }
    }
    for want in &expectation.gaps {
        let criterion = outcome.criteria.iter().find(|c| c.id == want.criterion);
        let found = criterion.is_some_and(|c| c.gaps.iter().any(|g| want.matches(g)));
        if !found {
            let mut m = mismatch("gap".to_string(), &want.describe(), "none", Some(want.line));
            if let Some(c) = criterion {
                m.because = criterion_reasons(c);
                if c.gaps.is_empty() {
                    m.because.push(format!(
                        "{} is {} and reports no gaps",
                        c.id,
                        c.status.as_str()
                    ));
                }
            }
            mismatches.push(m);
        }
    }
    for unwanted in &expectation.no_gaps {
        let Some(criterion) = outcome.criteria.iter().find(|c| c.id == unwanted.criterion) else {
            continue;
        };
        let reported: Vec<String> = criterion
            .gaps
            .iter()
            .filter(|g| unwanted.matches(g))
            .map(|g| gap_line(&criterion.id, g))
            .collect();
        if !reported.is_empty() {
            let mut m = mismatch(
                "no_gap".to_string(),
                &format!("no {}", unwanted.describe()),
                if reported.len() == 1 {
                    "one"
                } else {
                    "several"
                },
                Some(unwanted.line),
            );
            m.because = reported;
            mismatches.push(m);
        }
    }
    mismatches
}

fn criterion_state(status: Status, level: Option<u64>) -> String {
    match level {
        Some(level) => format!("{} at level {level}", status.as_str()),
        None => status.as_str().to_string(),
    }
}

fn criterion_reasons(criterion: &CriterionOutcome) -> Vec<String> {
    let mut reasons: Vec<String> = criterion
        .gaps
        .iter()
        .map(|g| gap_line(&criterion.id, g))
        .collect();
    if let (Some(level), Some(max)) = (criterion.level, criterion.max_level) {
        reasons.push(format!("{} reached level {level} of {max}", criterion.id));
    }
    reasons
}

fn gap_line(id: &str, gap: &crate::outcome::Gap) -> String {
    let evidence = if gap.evidence.is_empty() {
        String::new()
    } else {
        format!(" at {}", gap.evidence.join(", "))
    };
    format!(
        "{id} gap ({}){evidence}: required {}, found {}: \"{}\"",
        kind_name(gap.kind),
        gap.expected,
        gap.actual,
        gap.message
    )
}

fn theme_reasons(theme: &crate::outcome::ThemeOutcome, outcome: &Outcome) -> Vec<String> {
    let share = |d: rust_decimal::Decimal| format_percent(d.round_dp(3));
    let mut reasons = Vec::new();
    let score = match (theme.score, theme.score_max) {
        (Some(low), Some(high)) => format!("score {}–{}", share(low), share(high)),
        (Some(score), None) => format!("score {}", share(score)),
        _ => "no score".to_string(),
    };
    match theme.threshold {
        Some(t) => reasons.push(format!("{score}, threshold {}", share(t))),
        None => reasons.push(score),
    }
    if !theme.failed_mandatory.is_empty() {
        reasons.push(format!(
            "mandatory criteria that fail: {}",
            theme.failed_mandatory.join(", ")
        ));
    }
    let open: Vec<&str> = outcome
        .criteria
        .iter()
        .filter(|c| c.theme == theme.id && c.status == Status::Unknown)
        .map(|c| c.id.as_str())
        .collect();
    if !open.is_empty() {
        reasons.push(format!("unknown criteria: {}", open.join(", ")));
    }
    reasons
}
