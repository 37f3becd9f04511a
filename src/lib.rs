//! kader makes the "Veilige School" framework executable.
//!
//! A framework (the basiskader, or a municipality's layer on it) is written
//! in the kader language, compiled once, and evaluated against any number of
//! school locations' evidence. Each evaluation gives a verdict, a status per
//! theme and criterion, and gap explanations: what is missing, what was
//! found, what is required and whose move it is.
//!
//! ```
//! use kader::{Evidence, Framework, Stage, Verdict};
//!
//! let framework = Framework::compile(r#"
//!     framework demo "Demo" version "1"
//!     validity 36 months
//!     evidence {
//!       monitor.response_rate : percent "Respons op de monitor"
//!     }
//!     theme sociaal "Sociale veiligheid" {
//!       criterion S4 "Representatieve respons" {
//!         owner school
//!         require monitor.response_rate >= 70%
//!           else "Respons {monitor.response_rate} is te laag (minimaal 70%)."
//!       }
//!     }
//!     scoring {
//!       theme passes when all mandatory pass and score >= 60%
//!       certified when all themes pass
//!     }
//! "#)?;
//!
//! let evidence = Evidence::from_json(&framework, r#"{
//!     "location": { "id": "brin-12AB-01" },
//!     "as_of": "2026-11-30",
//!     "evidence": { "monitor": { "response_rate": "52%" } }
//! }"#)?;
//!
//! let outcome = framework.decide(&evidence, Stage::Intake).explain().outcome;
//! assert_eq!(outcome.verdict, Verdict::NotCertified);
//! let gap = &outcome.criteria[0].gaps[0];
//! assert_eq!(gap.expected, ">= 70%");
//! assert_eq!(gap.actual, "52%");
//! assert_eq!(gap.message, "Respons 52% is te laag (minimaal 70%).");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Ways of using it
//!
//! **Compile once, evaluate many.** Compiling is the costly step; keep the
//! [`Framework`] and evaluate every location with it, in two steps:
//! [`Framework::decide`] gives the statuses and the verdict without building
//! any text; [`Decision::explain`] explains when someone will read it.
//!
//! ```
//! # let framework = kader::Framework::compile(r#"
//! #   framework demo "Demo" version "1"
//! #   evidence { plan.adopted : date "Datum plan" }
//! #   theme t "Thema" { criterion C1 "Plan" { mandatory owner school require plan.adopted within 12 months } }
//! # "#)?;
//! use kader::{Evidence, Stage, Verdict};
//! let documents = [
//!     r#"{"location":{"id":"a"},"as_of":"2026-11-30","evidence":{"plan":{"adopted":"2026-03-01"}}}"#,
//!     r#"{"location":{"id":"b"},"as_of":"2026-11-30","evidence":{"plan":{"adopted":"2024-03-01"}}}"#,
//! ];
//! let mut certified = Vec::new();
//! for text in documents {
//!     let evidence = Evidence::from_json(&framework, text)?;
//!     if framework.decide(&evidence, Stage::Intake).verdict() == Verdict::Certified {
//!         certified.push(evidence.location().id.clone());
//!     }
//! }
//! assert_eq!(certified, ["a"]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! **Evaluate in parallel.** A `Framework` is `Send + Sync`: share a
//! reference between threads (or use [`batch::stream`], which keeps input
//! order and bounded memory).
//!
//! ```
//! # let framework = kader::Framework::compile(r#"
//! #   framework demo "Demo" version "1"
//! #   evidence { plan.adopted : date "Datum plan" }
//! #   theme t "Thema" { criterion C1 "Plan" { mandatory owner school require plan.adopted within 12 months } }
//! # "#)?;
//! # use kader::{Evidence, Stage};
//! let evidence: Vec<Evidence> = (1..=8)
//!     .map(|month| {
//!         let text = format!(
//!             r#"{{"location":{{"id":"{month}"}},"as_of":"2026-11-30","evidence":{{"plan":{{"adopted":"2025-{month:02}-01"}}}}}}"#
//!         );
//!         Evidence::from_json(&framework, &text)
//!     })
//!     .collect::<Result<_, _>>()?;
//! let verdicts: Vec<_> = std::thread::scope(|scope| {
//!     let workers: Vec<_> = evidence
//!         .chunks(4)
//!         .map(|chunk| {
//!             let framework = &framework;
//!             scope.spawn(move || chunk.iter().map(|e| framework.decide(e, Stage::Intake).verdict()).collect::<Vec<_>>())
//!         })
//!         .collect();
//!     workers.into_iter().flat_map(|w| w.join().unwrap_or_default()).collect()
//! });
//! assert_eq!(verdicts.len(), 8);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! **Read diagnostics.** A framework with mistakes gives every problem at
//! once, each with a code, a position and a help; render them like rustc or
//! take them as records.
//!
//! ```
//! let source = "framework demo \"Demo\" version \"1\"\n\
//!               evidence { plan.adopted : date \"Datum plan\" }\n\
//!               theme t \"Thema\" { criterion C1 \"Plan\" { owner school require plan.adoptd within 12 months } }\n";
//! let diagnostics = kader::Framework::compile(source).err().ok_or("it compiled")?;
//! let record = &diagnostics.to_records("demo.kader", source)[0];
//! assert_eq!((record.line, record.code), (3, "E0201"));
//! assert!(record.help.as_deref().unwrap_or("").contains("plan.adopted"));
//! let shown = diagnostics.render("demo.kader", source, false);
//! assert!(shown.contains("demo.kader:3:"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! **Render a report.** An [`Assessment`] (outcome plus what the stage adds)
//! renders as text, Markdown, one self-contained HTML page or JSON.
//!
//! ```
//! # let framework = kader::Framework::compile(r#"
//! #   framework demo "Demo" version "1"
//! #   evidence { plan.adopted : date "Datum plan" }
//! #   theme t "Thema" { criterion C1 "Plan" { mandatory owner school require plan.adopted within 12 months } }
//! # "#)?;
//! use kader::report::{self, Format, Options};
//! use kader::{Evidence, Language, Stage};
//! let evidence = Evidence::from_json(&framework, r#"{"location":{"id":"a"},"as_of":"2026-11-30","evidence":{}}"#)?;
//! let assessment = framework.decide(&evidence, Stage::Audit).explain();
//! let options = Options { language: Language::En, ..Options::default() };
//! let html = report::render(&framework, &assessment, Format::Html, options);
//! assert!(html.starts_with("<!DOCTYPE html>"));
//! let json = report::render(&framework, &assessment, Format::Json, options);
//! assert!(json.contains(r#""verdict":"not_certified""#));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! **Resolve layers.** A municipality's layer `extends` a base; the host
//! supplies bases through a [`Resolver`] ([`MemoryResolver`], or
//! [`DirResolver`] for a folder): see [`Framework::compile_with`].
//!
//! **From other languages.** [`api::call`] is the same library behind one
//! JSON-in, JSON-out function, used by the C and WebAssembly bindings.
//!
//! # What is stable
//!
//! The framework language, the evidence file, the result document and the
//! JSON interface keep their meaning within a major version: fields are
//! added, never renamed or removed. So do the items at the crate root and
//! the modules [`report`], [`plan`], [`calendar`], [`api`] and [`resolve`]. The modules
//! that serve the `kader` binary's commands (`batch`, `diff`, `generate`,
//! `testing`, `lsp`, `doc`, `schema`, `format`, `overview`) may change in any
//! release. Before 1.0 a minor version may change the API.
//!
//! The pipeline, one module a stage: [`syntax`] (text → syntax tree) →
//! `check` (names, types) → `compile` (flat evaluator) → `eval` → [`report`].

#![deny(missing_docs)]

pub mod analysis;
pub mod annex;
pub mod api;
mod assessment;
pub mod calendar;
mod check;
mod compile;
pub mod diagnostic;
mod digest;
mod eval;
mod evidence;
pub mod files;
mod layout;
pub mod limits;
mod outcome;
pub mod overview;
pub mod plan;
pub mod progress;
mod ratio;
pub mod report;
pub mod resolve;
mod span;
mod suggest;
pub mod syntax;
mod terms;
mod tools;
mod value;
mod verbalise;
mod words;

// The tools beside the pipeline live in `src/tools/`; their public paths
// stay at the root.
#[cfg(feature = "lsp")]
pub use tools::lsp;
pub use tools::{batch, diff, doc, form, format, generate, schema, testing};

pub use compile::Framework;
pub use diagnostic::{Diagnostic, Diagnostics, Severity};
pub use eval::{
    Assessment, Certificate, CriterionDecision, Decision, EvalOptions, Maturity, Stage,
    ThemeDecision, ToSupply,
};
pub use evidence::{
    parse_date, CertificateParticulars, Evidence, EvidenceError, EvidenceProblem, Exception,
    LoadOptions, Location, Provenance, Register, Verification,
};
pub use limits::Limits;
pub use outcome::{
    CriterionOutcome, FloorOutcome, FrameworkRef, Gap, GapKind, Outcome, Parts, SourcedEvidence,
    Status, ThemeOutcome, Verdict, Waiver,
};
pub use resolve::{DirResolver, MemoryResolver, ResolveError, Resolver, Source};
pub use terms::{Language, Owner};
pub use value::Type;

/// Dates as kader uses them (a civil date without a time zone).
pub use jiff::civil::Date;

/// The README's library example, compiled and run as a doctest.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeExample;
