//! Exact analysis: what a framework change does to **every** possible
//! school, not only to the samples.
//!
//! [`compare`] decides, for one as-of date, how a new version of a
//! framework relates to the old one: for the verdict, each theme and each
//! criterion present in both, whether the new version is equivalent,
//! stricter, looser or incomparable, with witnesses (evidence documents
//! that `kader eval` judges differently under the two), or that it cannot
//! decide and why. It never answers wrongly: every answer is exact or
//! *undecided*. The method is in `docs/analysis.md`.
//!
//! **The analysis evaluates nothing itself.** It chooses values for the
//! evidence (`regions.rs`: finitely many per piece of evidence, standing
//! for all others; for two numbers on a line, such as
//! `bhv.trained * 50 >= people.max_present`, finitely many of each that
//! together stand for every pair), and every status it reasons about
//! comes from the evaluator (`eval/`) judging evidence built from those
//! values; theme scores are added up with the evaluator's own tallies.
//! So the analysis and `kader eval` cannot disagree, and each witness is
//! evaluated once more through the JSON loader and [`Framework::decide`]
//! before it is handed out.
//!
//! ```
//! use kader::analysis::{self, Relation, Standing};
//! use kader::{Framework, Verdict};
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
//! let as_of = kader::parse_date("2026-11-30")?;
//! let comparison = analysis::compare(&old, &new, as_of);
//! assert_eq!(comparison.verdict.relation, Relation::Stricter);
//! // A school with a response of 70%: certified before, not after.
//! let witness = &comparison.verdict.witnesses[0];
//! assert_eq!(witness.before, Standing::Verdict(Verdict::Certified));
//! assert_eq!(witness.after, Standing::Verdict(Verdict::NotCertified));
//! assert_eq!(witness.evidence["evidence"]["monitor"]["response_rate"], "70%");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod criteria;
pub(crate) mod dates;
mod decisive;
mod lines;
mod lint;
mod points;
mod regions;
mod same;
mod space;
mod themes;
mod witness;

pub use dates::{compare_between, MAX_CLASSES, MAX_DAYS};
pub use decisive::decisive;
pub use lint::{lint, warnings};

use jiff::civil::Date;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::compile::Framework;
use crate::outcome::{Status, Verdict};

/// The most combinations of values the analysis enumerates for one
/// question (a criterion, a group of criteria, the themes' shared
/// evidence): beyond it, the answer is undecided.
pub const MAX_COMBINATIONS: u64 = 1_000_000;

/// The most steps one comparison takes in all (a combination of values
/// judged, or two partial sums of a theme added up): what is left when they
/// run out is undecided, so that no framework makes [`compare`] run long.
pub const MAX_STEPS: u64 = 20_000_000;

/// How the new version of a framework relates to the old one, for every
/// evidence on the as-of date of [`compare`].
///
/// *Passing* is what a policy officer counts as passing: for the verdict,
/// certified; for a theme, pass; for a criterion, pass or not applicable
/// (a criterion that does not apply stands in nobody's way). A graded
/// criterion that passes under both versions also counts its level: one
/// that reaches a lower level under the new version for some school is
/// stricter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Relation {
    /// Every school passes under both or under neither.
    Equivalent,
    /// The new version passes only schools the old one passes, and fails
    /// some that the old one passes.
    Stricter,
    /// The old version passes only schools the new one passes, and the
    /// new one passes some that the old one does not.
    Looser,
    /// Each version passes a school that the other does not.
    Incomparable,
    /// The analysis cannot decide exactly, for these reasons.
    Undecided {
        /// Why not, each reason once.
        because: Vec<Because>,
    },
}

impl Relation {
    /// The relation as results write it: `equivalent`, `stricter`,
    /// `looser`, `incomparable` or `undecided`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Relation::Equivalent => "equivalent",
            Relation::Stricter => "stricter",
            Relation::Looser => "looser",
            Relation::Incomparable => "incomparable",
            Relation::Undecided { .. } => "undecided",
        }
    }
}

/// Why a relation is undecided.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Because {
    /// A condition outside what the analysis decides exactly (it compares
    /// evidence with evidence, or computes with it, other than two numbers
    /// on a line that joins neither to a third), as the author wrote it,
    /// and the criterion it belongs to.
    Condition {
        /// The criterion's id.
        criterion: String,
        /// The condition, in the framework's notation.
        condition: String,
    },
    /// A piece of evidence with another type in the new version.
    TypeChanged {
        /// Its path.
        path: String,
    },
    /// A piece of evidence compared with numbers so close together, or so
    /// near the end of the number range, that no value stands for what
    /// lies between them.
    Unrepresentable {
        /// Its path.
        path: String,
    },
    /// More combinations of values than the analysis enumerates.
    TooMany {
        /// The limit passed.
        limit: u64,
    },
    /// A witness that, evaluated again, was not judged as the analysis
    /// expected: an inconsistency in kader, never an answer.
    Unconfirmed,
}

/// The relation of one thing (the verdict, a theme, a criterion) and the
/// evidence that shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// The relation of the new version to the old.
    pub relation: Relation,
    /// For a relation other than equivalent: evidence judged differently,
    /// those the new version passes (looser) first. For the verdict and a
    /// theme, one for each direction the relation has; for a criterion,
    /// one for each way its result changes.
    pub witnesses: Vec<Witness>,
}

impl Finding {
    fn undecided(because: Vec<Because>) -> Finding {
        Finding {
            relation: Relation::Undecided { because },
            witnesses: Vec::new(),
        }
    }
}

/// A theme or criterion's finding, by its id.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Item {
    /// The theme's or criterion's id.
    pub id: String,
    /// Its relation and witnesses.
    #[serde(flatten)]
    pub finding: Finding,
}

/// A complete evidence document that the two versions judge differently:
/// only the values that matter differ from a school that meets as much of
/// both versions as it can.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Witness {
    /// The evidence document (`location`, `as_of`, `evidence`), as
    /// `kader eval` reads it.
    pub evidence: serde_json::Value,
    /// The result under the old version.
    pub before: Standing,
    /// The result under the new version.
    pub after: Standing,
    /// The paths of the evidence whose values differ from the compliant
    /// school's: the values that matter.
    #[serde(skip)]
    pub differs: Vec<String>,
}

impl Witness {
    /// The evidence document as JSON text.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(&self.evidence).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// A result a witness shows: a verdict, the status of a theme or
/// criterion, or a graded criterion's status and level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Standing {
    /// The verdict.
    Verdict(Verdict),
    /// A theme's or a criterion's status.
    Status(Status),
    /// A graded criterion's status and the level it reached.
    Level {
        /// Its status.
        status: Status,
        /// The level reached.
        level: u64,
    },
}

/// What a framework change does, decided over every evidence on one
/// as-of date.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comparison {
    /// The relation of the verdicts.
    pub verdict: Finding,
    /// Each theme present in both versions, in the new version's order.
    pub themes: Vec<Item>,
    /// Each criterion present in both versions, in the new version's order.
    pub criteria: Vec<Item>,
}

impl Comparison {
    /// The comparison as a JSON document: `{"verdict": {"relation",
    /// "witnesses"}, "themes": [{"id", "relation", "witnesses"}],
    /// "criteria": [...]}`, with `because` beside an undecided relation.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }
}

impl Serialize for Finding {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("relation", self.relation.as_str())?;
        if let Relation::Undecided { because } = &self.relation {
            map.serialize_entry("because", because)?;
        }
        map.serialize_entry("witnesses", &self.witnesses)?;
        map.end()
    }
}

/// Whether a comparison proves that the new version never passes what the
/// old one does not, for the verdict and for every theme the two share.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Proof {
    /// Proved, for every evidence on the as-of date.
    Proved,
    /// Not so: a witness shows a school the new version passes and the
    /// old one does not.
    Refuted,
    /// The analysis could not decide it exactly.
    Undecided,
}

impl Comparison {
    /// Whether the new version is never looser than the old: for the
    /// verdict and for every theme the two share. That is the promise of
    /// a layer on its base, and of a new version that only tightens.
    pub fn not_looser(&self) -> Proof {
        let findings = std::iter::once(&self.verdict).chain(self.themes.iter().map(|t| &t.finding));
        let mut proof = Proof::Proved;
        for finding in findings {
            match finding.relation {
                Relation::Equivalent | Relation::Stricter => {}
                Relation::Looser | Relation::Incomparable => return Proof::Refuted,
                Relation::Undecided { .. } => proof = Proof::Undecided,
            }
        }
        proof
    }
}

/// Compares two versions of a framework over every evidence, judged on
/// `as_of`: the relation of the new version (`new`) to the old (`old`) for
/// the verdict, each theme and each criterion the two have in common
/// (matched by id; evidence is matched by path). See [`Relation`] for what
/// each answer means, and [`MAX_COMBINATIONS`] and [`MAX_STEPS`] for the
/// bounds on the work.
pub fn compare(old: &Framework, new: &Framework, as_of: Date) -> Comparison {
    let space = space::Space::new(old, new, as_of);
    let criteria = criteria::compare(&space);
    let (verdict, themes) = themes::compare(&space);
    Comparison {
        verdict,
        themes,
        criteria,
    }
}

/// Which of the two versions, as an index into pairs.
pub(crate) const OLD: usize = 0;
/// The new version.
pub(crate) const NEW: usize = 1;

/// Whether a way of changing exists: found with a witness, possible
/// without one (only where the analysis over-approximates), or ruled out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Found {
    Witnessed,
    Possible,
    None,
}

/// The relation from whether the new version passes something the old
/// does not (`looser`) and the other way round (`stricter`); `because`
/// says why a possible change without a witness leaves it undecided.
fn relation(looser: Found, stricter: Found, because: impl FnOnce() -> Vec<Because>) -> Relation {
    match (looser, stricter) {
        (Found::None, Found::None) => Relation::Equivalent,
        (Found::Witnessed, Found::None) => Relation::Looser,
        (Found::None, Found::Witnessed) => Relation::Stricter,
        (Found::Witnessed, Found::Witnessed) => Relation::Incomparable,
        _ => Relation::Undecided { because: because() },
    }
}

/// Reasons in order, each once.
fn dedup(because: impl IntoIterator<Item = Because>) -> Vec<Because> {
    let mut out: Vec<Because> = Vec::new();
    for b in because {
        if !out.contains(&b) {
            out.push(b);
        }
    }
    out
}
