//! Testing a framework change against sample locations.
//!
//! Two questions, in the order a policy maker asks them: what did the change
//! do to the framework ([`structure`](fn@structure): criteria added, removed or changed,
//! thresholds tightened or loosened, evidence added or retyped), and what
//! does it do to the schools ([`impact`](fn@impact): every sample location whose
//! verdict, theme status or criterion status changes, with the gap that
//! appears or disappears).
//!
//! ```
//! use kader::diff::{self, Sample};
//! use kader::Framework;
//!
//! let old = Framework::compile(r#"
//!     framework demo "Demo" version "1"
//!     evidence { monitor.response_rate : percent "Respons" }
//!     theme t "Thema" {
//!       criterion S4 "Respons" { mandatory owner school require monitor.response_rate >= 70% }
//!     }
//! "#)?;
//! let new = Framework::compile(r#"
//!     framework demo "Demo" version "2"
//!     evidence { monitor.response_rate : percent "Respons" }
//!     theme t "Thema" {
//!       criterion S4 "Respons" { mandatory owner school require monitor.response_rate >= 80% }
//!     }
//! "#)?;
//! let samples = [Sample::json("a.json", r#"{
//!     "location": { "id": "a" }, "as_of": "2026-11-30",
//!     "evidence": { "monitor": { "response_rate": "75%" } }
//! }"#)];
//! let impact = diff::impact(&old, &new, &samples, &diff::Options::default());
//! assert_eq!(impact.changes[1].kind, diff::ChangeKind::RequirementTightened);
//! assert_eq!(impact.summary.lose_certification, 1);
//! assert_eq!(impact.locations[0].id, "a");
//! # Ok::<(), kader::Diagnostics>(())
//! ```
//!
//! **Locations are reported in input order** whatever the number of threads,
//! and evidence that loads under one framework but not the other is a change
//! like any other, never dropped.

mod conditions;
mod exhaustive;
mod impact;
mod render;
mod structure;

pub use exhaustive::Exhaustive;
pub use impact::{
    impact, impact_with, CriterionChange, Impact, LocationChange, NotEvaluated, Options, Sample,
    SampleFormat, Summary, ThemeChange,
};
pub use structure::{structure, Change, ChangeKind, Target};
