//! kader makes the "Veilige School" framework executable.
//!
//! A framework (the basiskader, or a municipality's layer on it) is written
//! in the kader language, compiled once, and evaluated against any number of
//! school locations' evidence. Each evaluation gives a verdict, a status per
//! theme and criterion, and gap explanations: what is missing, what was
//! found, what is required and whose move it is.
//!
//! ```
//! use kader::{Evidence, Framework, Verdict};
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
//! let outcome = framework.evaluate(&evidence);
//! assert_eq!(outcome.verdict, Verdict::NotCertified);
//! let gap = &outcome.criteria[0].gaps[0];
//! assert_eq!(gap.expected, ">= 70%");
//! assert_eq!(gap.actual, "52%");
//! assert_eq!(gap.message, "Respons 52% is te laag (minimaal 70%).");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The pipeline, one module a stage: [`syntax`] (text → syntax tree) →
//! `check` (names, types) → `compile` (flat evaluator) → `eval` → [`report`].

#![deny(missing_docs)]

pub mod api;
pub mod batch;
mod check;
mod compile;
pub mod diagnostic;
pub mod diff;
pub mod doc;
mod eval;
mod evidence;
pub mod format;
pub mod generate;
pub mod limits;
#[cfg(feature = "lsp")]
pub mod lsp;
mod outcome;
pub mod overview;
pub mod plan;
mod ratio;
pub mod report;
pub mod resolve;
pub mod schema;
mod suggest;
pub mod syntax;
pub mod testing;
mod value;

pub use check::{Language, Owner};
pub use compile::Framework;
pub use diagnostic::{Diagnostic, Diagnostics, Severity};
pub use eval::{
    Assessment, Certificate, CriterionDecision, Decision, EvalOptions, Maturity, Stage,
    ThemeDecision, ToSupply,
};
pub use evidence::{Evidence, EvidenceError, EvidenceProblem, Exception, LoadOptions, Location};
pub use limits::Limits;
pub use outcome::{
    CriterionOutcome, FrameworkRef, Gap, GapKind, Outcome, Status, ThemeOutcome, Verdict, Waiver,
};
pub use resolve::{DirResolver, MemoryResolver, ResolveError, Resolver, Source};
pub use value::Type;

/// Dates as kader uses them (a civil date without a time zone).
pub use jiff::civil::Date;

/// The README's library example, compiled and run as a doctest.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeExample;
