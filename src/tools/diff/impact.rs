//! The outcome diff: every sample location evaluated under both frameworks,
//! and what changes for it.

use std::num::NonZeroUsize;

use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::Serialize;

use super::structure::{structure, Change};
use crate::compile::Framework;
use crate::eval::{Decision, Stage};
use crate::evidence::{Evidence, EvidenceProblem, LoadOptions, Register};
use crate::outcome::{FrameworkRef, Gap, Outcome, Status, Verdict};

/// How a sample's text is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SampleFormat {
    /// A JSON document (also one line of JSON Lines).
    Json,
    /// A TOML document.
    Toml,
    /// A file or line that could not be read; the text says why. It loads
    /// under neither framework and is listed with that reason.
    Unreadable,
}

/// One sample location's evidence, as text: it is loaded under each
/// framework separately, since the two may declare different evidence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sample {
    /// Where it came from: a file, or `file:line` for JSON Lines.
    pub origin: String,
    /// The evidence document.
    pub text: String,
    /// How it is written.
    pub format: SampleFormat,
}

impl Sample {
    /// A JSON sample.
    pub fn json(origin: impl Into<String>, text: impl Into<String>) -> Sample {
        Sample {
            origin: origin.into(),
            text: text.into(),
            format: SampleFormat::Json,
        }
    }

    /// A TOML sample.
    pub fn toml(origin: impl Into<String>, text: impl Into<String>) -> Sample {
        Sample {
            origin: origin.into(),
            text: text.into(),
            format: SampleFormat::Toml,
        }
    }

    /// A sample whose file or line could not be read (not UTF-8, too
    /// large): it is reported among the locations not evaluated.
    pub fn unreadable(origin: impl Into<String>, problem: &EvidenceProblem) -> Sample {
        Sample {
            origin: origin.into(),
            text: problem.to_string(),
            format: SampleFormat::Unreadable,
        }
    }

    fn load(
        &self,
        framework: &Framework,
        options: LoadOptions,
    ) -> Result<Evidence, Vec<EvidenceProblem>> {
        match self.format {
            SampleFormat::Json => Evidence::from_json_with(framework, &self.text, options),
            SampleFormat::Toml => Evidence::from_toml_with(framework, &self.text, options),
            SampleFormat::Unreadable => {
                return Err(vec![EvidenceProblem {
                    path: String::new(),
                    message: self.text.clone(),
                    help: None,
                    line: None,
                    column: None,
                }])
            }
        }
        .map_err(|e| e.problems)
    }
}

/// How to run [`impact`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Judge every sample on this date instead of its own `as_of`.
    pub as_of: Option<Date>,
    /// Threads to evaluate with; `None` uses every core.
    pub threads: Option<NonZeroUsize>,
}

/// What a framework change does: the structural diff, then every sample
/// location whose outcome changes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Impact {
    /// The framework as it was.
    pub before: FrameworkRef,
    /// The framework as proposed.
    pub after: FrameworkRef,
    /// What changed in the framework.
    pub changes: Vec<Change>,
    /// The counts.
    pub summary: Summary,
    /// Every location with a change, in input order.
    pub locations: Vec<LocationChange>,
    /// Locations whose evidence loads under neither framework.
    pub not_evaluated: Vec<NotEvaluated>,
}

/// The counts of an [`Impact`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Sample locations read.
    pub locations: usize,
    /// Locations evaluated under both frameworks.
    pub compared: usize,
    /// Locations with any change (the length of `locations`).
    pub changed: usize,
    /// Certified before, not after.
    pub lose_certification: usize,
    /// Certified after, not before.
    pub gain_certification: usize,
    /// Locations whose verdict changes (the two above included).
    pub verdict_changed: usize,
    /// Locations where some theme's status changes.
    pub theme_changed: usize,
    /// Locations where some criterion's status changes.
    pub criterion_changed: usize,
    /// Evidence that loads under the old framework but not the new.
    pub no_longer_load: usize,
    /// Evidence that loads under the new framework but not the old.
    pub newly_load: usize,
    /// Evidence that loads under neither.
    pub not_evaluated: usize,
}

/// One location whose outcome changes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LocationChange {
    /// The location's id.
    pub id: String,
    /// Its name, if given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Where its evidence came from.
    pub origin: String,
    /// The verdict under the old framework; `null` when the evidence does
    /// not load under it.
    pub verdict_before: Option<Verdict>,
    /// The verdict under the new framework; `null` when the evidence does
    /// not load under it.
    pub verdict_after: Option<Verdict>,
    /// The themes whose status changes.
    pub themes: Vec<ThemeChange>,
    /// The criteria whose status changes.
    pub criteria: Vec<CriterionChange>,
    /// Why the evidence does not load under the old framework.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub problems_before: Vec<EvidenceProblem>,
    /// Why the evidence does not load under the new framework.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub problems_after: Vec<EvidenceProblem>,
}

/// A theme whose status changes at one location.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ThemeChange {
    /// Theme id.
    pub id: String,
    /// Status before; `null` when the theme is new.
    pub before: Option<Status>,
    /// Status after; `null` when the theme is removed.
    pub after: Option<Status>,
    /// The score before (lower bound), as a share.
    #[serde(serialize_with = "crate::outcome::opt_share")]
    pub score_before: Option<Decimal>,
    /// The score after (lower bound), as a share.
    #[serde(serialize_with = "crate::outcome::opt_share")]
    pub score_after: Option<Decimal>,
    /// The threshold before, as a share.
    #[serde(serialize_with = "crate::outcome::opt_share")]
    pub threshold_before: Option<Decimal>,
    /// The threshold after, as a share.
    #[serde(serialize_with = "crate::outcome::opt_share")]
    pub threshold_after: Option<Decimal>,
    /// The mandatory criteria that fail after, as the reason a theme fails.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub failed_mandatory_after: Vec<String>,
}

/// A criterion whose status changes at one location.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CriterionChange {
    /// Criterion id.
    pub id: String,
    /// Its theme (after, or before when removed).
    pub theme: String,
    /// Status before; `null` when the criterion is new.
    pub before: Option<Status>,
    /// Status after; `null` when the criterion is removed.
    pub after: Option<Status>,
    /// Gaps the change brings.
    pub gaps_appear: Vec<Gap>,
    /// Gaps the change takes away.
    pub gaps_disappear: Vec<Gap>,
}

/// A location whose evidence loads under neither framework.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NotEvaluated {
    /// Where its evidence came from.
    pub origin: String,
    /// The problems under the new framework.
    pub problems: Vec<EvidenceProblem>,
}

/// Which theme and criterion of the new framework is which of the old, by
/// id: new order first, then what was removed, in old order.
struct Pairing {
    themes: Vec<(Option<usize>, Option<usize>)>,
    criteria: Vec<(Option<usize>, Option<usize>)>,
    /// How samples are loaded for the two.
    loading: Loading,
}

fn pair_by_id<'a>(
    old: impl Iterator<Item = &'a str> + Clone,
    new: impl Iterator<Item = &'a str> + Clone,
) -> Vec<(Option<usize>, Option<usize>)> {
    let mut pairs: Vec<_> = new
        .clone()
        .enumerate()
        .map(|(j, id)| (old.clone().position(|o| o == id), Some(j)))
        .collect();
    for (i, id) in old.enumerate() {
        if !new.clone().any(|n| n == id) {
            pairs.push((Some(i), None));
        }
    }
    pairs
}

impl Pairing {
    fn new(old: &Framework, new: &Framework) -> Pairing {
        Pairing {
            themes: pair_by_id(
                old.themes.iter().map(|t| t.id.as_str()),
                new.themes.iter().map(|t| t.id.as_str()),
            ),
            criteria: pair_by_id(
                old.criteria.iter().map(|c| c.id.as_str()),
                new.criteria.iter().map(|c| c.id.as_str()),
            ),
            loading: Loading::of(old, new),
        }
    }
}

/// Whether a status on one side only (a theme or criterion added or
/// removed) is a change for the location: only when it stands in the way,
/// so that a new criterion every location meets does not list them all.
fn one_sided(status: Status) -> bool {
    matches!(status, Status::Fail | Status::Unknown)
}

fn gaps_not_in(gaps: &[Gap], other: &[Gap]) -> Vec<Gap> {
    gaps.iter()
        .filter(|g| !other.contains(g))
        .cloned()
        .collect()
}

/// Compares one location's outcomes under the two frameworks.
/// Whether [`compare`] can find a change: the verdict or a paired status
/// differs, or a theme or criterion on one side only does not pass.
fn may_change(pairing: &Pairing, before: &Decision<'_>, after: &Decision<'_>) -> bool {
    let differs = |a: Option<Status>, b: Option<Status>| match (a, b) {
        (Some(a), Some(b)) => a != b,
        (None, Some(s)) | (Some(s), None) => one_sided(s),
        (None, None) => false,
    };
    before.verdict() != after.verdict()
        || pairing.themes.iter().any(|(i, j)| {
            differs(
                i.and_then(|i| before.theme_status(i)),
                j.and_then(|j| after.theme_status(j)),
            )
        })
        || pairing.criteria.iter().any(|(i, j)| {
            differs(
                i.and_then(|i| before.criterion_status(i)),
                j.and_then(|j| after.criterion_status(j)),
            )
        })
}

fn compare(
    pairing: &Pairing,
    before: &Outcome,
    after: &Outcome,
    origin: &str,
) -> Option<LocationChange> {
    let mut themes = Vec::new();
    for (i, j) in &pairing.themes {
        let a = i.and_then(|i| before.themes.get(i));
        let b = j.and_then(|j| after.themes.get(j));
        let changed = match (a, b) {
            (Some(a), Some(b)) => a.status != b.status,
            (None, Some(b)) => one_sided(b.status),
            (Some(a), None) => one_sided(a.status),
            (None, None) => false,
        };
        if changed {
            themes.push(ThemeChange {
                id: b.or(a).map(|t| t.id.clone()).unwrap_or_default(),
                before: a.map(|t| t.status),
                after: b.map(|t| t.status),
                score_before: a.and_then(|t| t.score),
                score_after: b.and_then(|t| t.score),
                threshold_before: a.and_then(|t| t.threshold),
                threshold_after: b.and_then(|t| t.threshold),
                failed_mandatory_after: b.map(|t| t.failed_mandatory.clone()).unwrap_or_default(),
            });
        }
    }
    let mut criteria = Vec::new();
    for (i, j) in &pairing.criteria {
        let a = i.and_then(|i| before.criteria.get(i));
        let b = j.and_then(|j| after.criteria.get(j));
        let changed = match (a, b) {
            (Some(a), Some(b)) => a.status != b.status,
            (None, Some(b)) => one_sided(b.status),
            (Some(a), None) => one_sided(a.status),
            (None, None) => false,
        };
        if changed {
            let none: &[Gap] = &[];
            let gaps_a = a.map_or(none, |c| c.gaps.as_slice());
            let gaps_b = b.map_or(none, |c| c.gaps.as_slice());
            criteria.push(CriterionChange {
                id: b.or(a).map(|c| c.id.clone()).unwrap_or_default(),
                theme: b.or(a).map(|c| c.theme.clone()).unwrap_or_default(),
                before: a.map(|c| c.status),
                after: b.map(|c| c.status),
                gaps_appear: gaps_not_in(gaps_b, gaps_a),
                gaps_disappear: gaps_not_in(gaps_a, gaps_b),
            });
        }
    }
    if before.verdict == after.verdict && themes.is_empty() && criteria.is_empty() {
        return None;
    }
    Some(LocationChange {
        id: after.location.id.clone(),
        name: after.location.name.clone(),
        origin: origin.to_string(),
        verdict_before: Some(before.verdict),
        verdict_after: Some(after.verdict),
        themes,
        criteria,
        problems_before: Vec::new(),
        problems_after: Vec::new(),
    })
}

/// The result for one sample.
enum Compared {
    Same,
    Changed(LocationChange),
    Neither(NotEvaluated),
}

/// How a sample is loaded for the two frameworks. Loading is the costly
/// half of the work, so it is done once wherever the declarations allow:
/// what loads and into which slot depends on the evidence declarations
/// (and, for exceptions, on the criteria; see `compare_sample`).
enum Loading {
    /// Both declare the same paths with the same types in the same order:
    /// one load serves both.
    Shared,
    /// Every declaration of one framework is in the other (evidence was
    /// added, or removed): load under the larger and take the smaller's
    /// slots from it (`map[slot of the smaller] = slot of the larger`).
    /// Whatever loads under the larger loads under the smaller, since its
    /// paths and types are a part of the larger's.
    Project { from_new: bool, map: Vec<u32> },
    /// Retyped evidence: load under each.
    Separate,
}

impl Loading {
    fn of(old: &Framework, new: &Framework) -> Loading {
        let same = old.slots.len() == new.slots.len()
            && old
                .slots
                .iter()
                .zip(&new.slots)
                .all(|(a, b)| a.path == b.path && a.ty == b.ty);
        if same {
            return Loading::Shared;
        }
        // Each slot of `small` in `big`, with the same type.
        let map = |small: &Framework, big: &Framework| -> Option<Vec<u32>> {
            small
                .slots
                .iter()
                .map(|slot| {
                    let i = *big.slot_by_path.get(&slot.path)?;
                    (big.slots.get(i as usize)?.ty == slot.ty).then_some(i)
                })
                .collect()
        };
        if let Some(map) = map(old, new) {
            Loading::Project {
                from_new: true,
                map,
            }
        } else if let Some(map) = map(new, old) {
            Loading::Project {
                from_new: false,
                map,
            }
        } else {
            Loading::Separate
        }
    }
}

/// The evidence of the smaller framework, taken from the larger's: its
/// slots remapped, everything else about the location as it is.
fn project(evidence: &Evidence, map: &[u32]) -> Evidence {
    let mut projected = evidence.clone();
    projected.values = map
        .iter()
        .map(|s| evidence.values.get(*s as usize).cloned().flatten())
        .collect();
    projected.provenance = map
        .iter()
        .enumerate()
        .filter_map(|(new, old)| {
            let provenance = evidence.provenance_of(*old)?.clone();
            Some((u32::try_from(new).ok()?, provenance))
        })
        .collect();
    projected.warnings.clear();
    projected
}

type Loaded<'e> = Result<&'e Evidence, Vec<EvidenceProblem>>;

fn compare_sample(
    old: &Framework,
    new: &Framework,
    pairing: &Pairing,
    sample: &Sample,
    load: LoadOptions,
    registers: (&Register, &Register),
) -> Compared {
    let finish = |before: Loaded<'_>, after: Loaded<'_>| {
        let (mut granted_before, mut granted_after) = (None, None);
        let before = before.map(|e| granted(e, registers.0, &mut granted_before));
        let after = after.map(|e| granted(e, registers.1, &mut granted_after));
        compare_loaded(old, new, pairing, sample, before, after)
    };
    match &pairing.loading {
        Loading::Shared => {
            let loaded = sample.load(old, load);
            finish(
                loaded.as_ref().map_err(Clone::clone),
                loaded.as_ref().map_err(Clone::clone),
            )
        }
        Loading::Project { from_new, map } => {
            let (big, small) = if *from_new { (new, old) } else { (old, new) };
            match sample.load(big, load) {
                Ok(b) => {
                    let s = project(&b, map);
                    if *from_new {
                        finish(Ok(&s), Ok(&b))
                    } else {
                        finish(Ok(&b), Ok(&s))
                    }
                }
                Err(problems) => {
                    let s = sample.load(small, load);
                    let s = s.as_ref().map_err(Clone::clone);
                    if *from_new {
                        finish(s, Err(problems))
                    } else {
                        finish(Err(problems), s)
                    }
                }
            }
        }
        Loading::Separate => {
            let (a, b) = (sample.load(old, load), sample.load(new, load));
            finish(
                a.as_ref().map_err(Clone::clone),
                b.as_ref().map_err(Clone::clone),
            )
        }
    }
}

/// The evidence with the exceptions the register grants its location;
/// copied only when there are any.
fn granted<'e>(
    evidence: &'e Evidence,
    register: &Register,
    slot: &'e mut Option<Evidence>,
) -> &'e Evidence {
    if register.for_location(&evidence.location.id).is_empty() {
        return evidence;
    }
    slot.insert(evidence.clone().with_exceptions(register))
}

fn compare_loaded(
    old: &Framework,
    new: &Framework,
    pairing: &Pairing,
    sample: &Sample,
    before: Loaded<'_>,
    after: Loaded<'_>,
) -> Compared {
    let one_side =
        |evidence: &Evidence, verdict: (Option<Verdict>, Option<Verdict>)| LocationChange {
            id: evidence.location.id.clone(),
            name: evidence.location.name.clone(),
            origin: sample.origin.clone(),
            verdict_before: verdict.0,
            verdict_after: verdict.1,
            themes: Vec::new(),
            criteria: Vec::new(),
            problems_before: Vec::new(),
            problems_after: Vec::new(),
        };
    match (before, after) {
        (Ok(a), Ok(b)) => {
            // Decide first; explain (the costly part) only where something
            // changed.
            let (da, db) = (old.decide(a, Stage::Intake), new.decide(b, Stage::Intake));
            if !may_change(pairing, &da, &db) {
                return Compared::Same;
            }
            match compare(pairing, &da.outcome(), &db.outcome(), &sample.origin) {
                Some(change) => Compared::Changed(change),
                None => Compared::Same,
            }
        }
        (Ok(a), Err(problems)) => {
            let mut change = one_side(a, (Some(old.decide(a, Stage::Intake).verdict()), None));
            change.problems_after = problems;
            Compared::Changed(change)
        }
        (Err(problems), Ok(b)) => {
            let mut change = one_side(b, (None, Some(new.decide(b, Stage::Intake).verdict())));
            change.problems_before = problems;
            Compared::Changed(change)
        }
        (Err(_), Err(problems)) => Compared::Neither(NotEvaluated {
            origin: sample.origin.clone(),
            problems,
        }),
    }
}

/// Evaluates every sample under both frameworks and reports what changes,
/// together with the structural diff.
pub fn impact(old: &Framework, new: &Framework, samples: &[Sample], options: &Options) -> Impact {
    let none = Register::new();
    impact_with(old, new, samples, options, (&none, &none))
}

/// [`impact`] with the certifying body's register of exceptions, read
/// against each framework (`(before, after)`).
pub fn impact_with(
    old: &Framework,
    new: &Framework,
    samples: &[Sample],
    options: &Options,
    registers: (&Register, &Register),
) -> Impact {
    let pairing = Pairing::new(old, new);
    let load = LoadOptions {
        as_of: options.as_of,
        ..LoadOptions::default()
    };
    let threads = options
        .threads
        .unwrap_or_else(crate::tools::batch::available_threads);
    let results = crate::tools::batch::map_ordered(samples.iter().collect(), threads, &|sample| {
        compare_sample(old, new, &pairing, sample, load, registers)
    });
    let mut summary = Summary {
        locations: samples.len(),
        ..Summary::default()
    };
    let mut locations = Vec::new();
    let mut not_evaluated = Vec::new();
    for result in results {
        match result {
            Compared::Same => summary.compared += 1,
            Compared::Changed(change) => {
                match (change.verdict_before, change.verdict_after) {
                    (Some(a), Some(b)) => {
                        summary.compared += 1;
                        if a != b {
                            summary.verdict_changed += 1;
                        }
                        if a == Verdict::Certified && b != Verdict::Certified {
                            summary.lose_certification += 1;
                        }
                        if a != Verdict::Certified && b == Verdict::Certified {
                            summary.gain_certification += 1;
                        }
                    }
                    (Some(_), None) => summary.no_longer_load += 1,
                    (None, _) => summary.newly_load += 1,
                }
                if !change.themes.is_empty() {
                    summary.theme_changed += 1;
                }
                if !change.criteria.is_empty() {
                    summary.criterion_changed += 1;
                }
                locations.push(change);
            }
            Compared::Neither(n) => not_evaluated.push(n),
        }
    }
    summary.changed = locations.len();
    summary.not_evaluated = not_evaluated.len();
    Impact {
        before: framework_ref(old),
        after: framework_ref(new),
        changes: structure(old, new),
        summary,
        locations,
        not_evaluated,
    }
}

fn framework_ref(fw: &Framework) -> FrameworkRef {
    FrameworkRef {
        id: fw.id.clone(),
        title: fw.title.clone(),
        version: fw.version.clone(),
    }
}
