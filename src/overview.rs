//! A municipality's overview of many locations: verdict and theme scores per
//! location, the criteria that fail most often, the open plan items per
//! partner, and the certificates that expire soon.
//!
//! **Expiry is read against a reference date, not the evidence dates.** Each
//! location is judged on its own as-of date, which at an audit is the audit
//! date, so its certificate runs from that date (`valid_until = as_of +
//! validity`). Measured from the location's own as-of date, a 36-month
//! certificate is always 36 months from expiring; what a municipality wants
//! to know is which certificates run out soon after *its* date: the
//! overview's `as_of`, given by the caller (`kader report --as-of`) or, when
//! not given, the latest as-of date among the locations. A certificate
//! expires soon when `as_of ≤ valid_until ≤ as_of + 6 months`, and has
//! expired when `valid_until < as_of`. Overriding every location's as-of
//! date instead (as `kader eval --as-of` does) would give all of them the
//! same `valid_until` and hide exactly this.

use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::compile::Framework;
use crate::eval::{Assessment, Maturity, Stage};
use crate::evidence::Location;
use crate::outcome::{FrameworkRef, Status, Verdict};
use crate::plan::{self, Priority};
use crate::syntax::ast::{Period, Unit};

/// How far ahead the overview looks for expiring certificates, in months.
pub const EXPIRY_HORIZON_MONTHS: u32 = 6;

/// All locations in one view.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Overview {
    /// The framework.
    pub framework: FrameworkRef,
    /// The stage the locations were evaluated at.
    pub stage: Stage,
    /// The reference date of the overview (see the module documentation).
    pub as_of: Date,
    /// `as_of` plus [`EXPIRY_HORIZON_MONTHS`].
    pub expiry_horizon: Date,
    /// The themes, in framework order: the columns of the location table.
    pub themes: Vec<ThemeHead>,
    /// One row per location, by location id.
    pub locations: Vec<LocationRow>,
    /// Criteria that fail (or are open) at one location or more, most
    /// failures first, then most open, then framework order.
    pub most_failed: Vec<CriterionTally>,
    /// The open plan items per partner, every partner listed.
    pub workload: Vec<OwnerLoad>,
    /// Certified locations whose certificate ends within the horizon,
    /// soonest first.
    pub expiring: Vec<Expiry>,
    /// Certified locations whose certificate ended before `as_of`.
    pub expired: Vec<Expiry>,
    /// Counts over every location.
    pub totals: Totals,
    /// With plan files (`kader report --plan`): per location that has
    /// one, the actions past their due date; `None` without plan files.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overdue: Option<Vec<LocationOverdue>>,
}

/// A location's plan-file actions past their due date.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LocationOverdue {
    /// The location.
    pub location: Location,
    /// Its actions past due (see [`plan::ImprovementPlan::agree`]).
    pub items: Vec<plan::Agreement>,
}

/// How old evidence may be, in months before the overview's `as_of`, before
/// a location is flagged as judged on old evidence.
pub const STALE_AFTER_MONTHS: u32 = 12;

/// Counts over a set of locations: per verdict and per theme.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    /// How many locations.
    pub locations: usize,
    /// Of which certified.
    pub certified: usize,
    /// Of which not certified.
    pub not_certified: usize,
    /// Of which not yet to be judged.
    pub insufficient_evidence: usize,
    /// Of which judged on evidence older than [`STALE_AFTER_MONTHS`].
    pub stale: usize,
    /// Per theme, in framework order.
    pub themes: Vec<ThemeTotal>,
}

/// How one theme came out over a set of locations.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ThemeTotal {
    /// Theme id.
    pub id: String,
    /// At how many locations it passes.
    pub pass: usize,
    /// At how many it fails.
    pub fail: usize,
    /// At how many it cannot be judged yet.
    pub unknown: usize,
}

/// What the overview's locations can be grouped by: the location metadata
/// of their evidence files (docs/evidence.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grouping {
    /// `location.board`: the school board.
    Board,
    /// `location.district`.
    District,
    /// `location.type`: the kind of school.
    SchoolType,
}

/// Locations that share a board, district or kind of school.
#[derive(Clone, Debug, PartialEq)]
pub struct Group<'o> {
    /// What they share; `None` for the locations whose files do not say.
    pub name: Option<&'o str>,
    /// The locations, in the overview's order.
    pub locations: Vec<&'o LocationRow>,
    /// Counts over them.
    pub totals: Totals,
}

impl Overview {
    /// Adds, for each location with a plan file (`plan_of` its id), the
    /// actions of the file past their due date on the as-of date of the
    /// location's latest assessment among `assessments`.
    pub fn agree<'p>(
        &mut self,
        framework: &Framework,
        assessments: &[Assessment],
        plan_of: impl Fn(&str) -> Option<&'p plan::PlanFile>,
    ) {
        let mut overdue = Vec::new();
        for row in &self.locations {
            let Some(file) = plan_of(&row.location.id) else {
                continue;
            };
            let Some(a) = assessments
                .iter()
                .filter(|a| a.outcome.location.id == row.location.id)
                .max_by_key(|a| a.outcome.as_of)
            else {
                continue;
            };
            let mut plan = plan::plan(framework, &a.outcome);
            plan.agree(file, &a.outcome);
            overdue.push(LocationOverdue {
                location: row.location.clone(),
                items: plan.overdue.unwrap_or_default(),
            });
        }
        self.overdue = Some(overdue);
    }

    /// The locations grouped: groups by name, then the locations whose
    /// files do not say. Linear in the locations, plus sorting the names.
    pub fn groups(&self, by: Grouping) -> Vec<Group<'_>> {
        let mut named: std::collections::BTreeMap<Option<&str>, Vec<&LocationRow>> =
            std::collections::BTreeMap::new();
        for row in &self.locations {
            let l = &row.location;
            let name = match by {
                Grouping::Board => l.board.as_deref(),
                Grouping::District => l.district.as_deref(),
                Grouping::SchoolType => l.school_type.as_deref(),
            };
            named.entry(name).or_default().push(row);
        }
        // `None` sorts first in a map; people expect "unknown" last.
        let mut groups: Vec<Group<'_>> = named
            .into_iter()
            .map(|(name, locations)| Group {
                name,
                totals: totals(&self.themes, locations.iter().copied()),
                locations,
            })
            .collect();
        let unnamed_first = groups.first().is_some_and(|g| g.name.is_none());
        groups.rotate_left(usize::from(unnamed_first));
        groups
    }
}

/// Counts over `rows`, with a line for each theme in `themes`.
fn totals<'r>(themes: &[ThemeHead], rows: impl Iterator<Item = &'r LocationRow>) -> Totals {
    let mut totals = Totals {
        themes: themes
            .iter()
            .map(|t| ThemeTotal {
                id: t.id.clone(),
                ..ThemeTotal::default()
            })
            .collect(),
        ..Totals::default()
    };
    for row in rows {
        totals.locations += 1;
        match row.verdict {
            Verdict::Certified => totals.certified += 1,
            Verdict::NotCertified => totals.not_certified += 1,
            Verdict::InsufficientEvidence => totals.insufficient_evidence += 1,
        }
        totals.stale += usize::from(row.stale);
        for (total, cell) in totals.themes.iter_mut().zip(&row.themes) {
            match cell.status {
                Status::Pass => total.pass += 1,
                Status::Fail => total.fail += 1,
                _ => total.unknown += 1,
            }
        }
    }
    totals
}

/// A theme as a column.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ThemeHead {
    /// Theme id.
    pub id: String,
    /// Theme title.
    pub title: String,
    /// Its threshold as a share.
    #[serde(serialize_with = "crate::outcome::opt_share")]
    pub threshold: Option<Decimal>,
}

/// One location.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LocationRow {
    /// The location.
    pub location: Location,
    /// The date its evidence was judged on.
    pub as_of: Date,
    /// Its verdict.
    pub verdict: Verdict,
    /// For a certified location: until when.
    pub valid_until: Option<Date>,
    /// Its themes, in framework order.
    pub themes: Vec<ThemeCell>,
    /// The number of actions in its improvement plan.
    pub open_items: usize,
    /// The smallest set of criteria that would make it certified.
    pub what_it_takes: Vec<String>,
    /// Whether it was judged on evidence older than [`STALE_AFTER_MONTHS`]
    /// before the overview's `as_of`.
    pub stale: bool,
}

/// One theme of one location.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ThemeCell {
    /// Theme id.
    pub id: String,
    /// Pass, fail or unknown.
    pub status: Status,
    /// The score (lower bound).
    #[serde(serialize_with = "crate::outcome::opt_share")]
    pub score: Option<Decimal>,
    /// The upper bound, when it differs.
    #[serde(serialize_with = "crate::outcome::opt_share")]
    pub score_max: Option<Decimal>,
    /// Its maturity.
    pub maturity: Maturity,
}

/// How often one criterion does not pass across the locations.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CriterionTally {
    /// Criterion id.
    pub criterion: String,
    /// Its title.
    pub title: String,
    /// Its theme.
    pub theme: String,
    /// Whose move it is: a partner's id.
    pub owner: String,
    /// Whether it is a knock-out criterion.
    pub mandatory: bool,
    /// At how many locations it fails.
    pub failed: usize,
    /// At how many locations it is unknown.
    pub open: usize,
    /// The ids of the locations where it fails or is open.
    pub locations: Vec<String>,
}

/// The open plan items of one partner.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OwnerLoad {
    /// The partner's id: school, gemeente, politie, halt, ggd, joint or
    /// one the framework declares.
    pub owner: String,
    /// Its name, as people read it.
    pub name: String,
    /// How many actions.
    pub items: usize,
    /// Of which on a mandatory criterion.
    pub mandatory: usize,
    /// Of which in a location's smallest set to the certificate.
    pub needed_for_certificate: usize,
    /// At how many locations.
    pub locations: usize,
    /// The actions, location by location, plan order within.
    pub actions: Vec<OwnerAction>,
}

/// One action of a partner at one location.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OwnerAction {
    /// The location id.
    pub location: String,
    /// The criterion.
    pub criterion: String,
    /// Its title.
    pub title: String,
    /// Why it stands where it stands in the location's plan.
    pub priority: Priority,
    /// Whether the location's certificate needs it.
    pub needed_for_certificate: bool,
    /// The partner's contact person for this location, as its evidence
    /// names them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
}

/// A certificate's end.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Expiry {
    /// The location.
    pub location: Location,
    /// Its as-of (audit) date.
    pub as_of: Date,
    /// The end of its certificate.
    pub valid_until: Date,
    /// Days from the overview's `as_of` to `valid_until` (negative when
    /// expired).
    pub days_left: i64,
}

/// The overview of evaluated locations; `as_of` is the reference date (the
/// latest as-of date among the locations when `None`). A location given
/// more than once (the same id, say a file and a batch line, or two
/// evaluations over time) appears once: with its latest as-of date, and of
/// equal dates the one given last. Locations are listed by id.
pub fn overview(
    framework: &Framework,
    assessments: &[Assessment],
    as_of: Option<Date>,
) -> Overview {
    // By id, in one pass: linear in the number of locations.
    let mut latest: std::collections::BTreeMap<&str, &Assessment> =
        std::collections::BTreeMap::new();
    for a in assessments {
        let slot = latest.entry(a.outcome.location.id.as_str()).or_insert(a);
        if slot.outcome.as_of <= a.outcome.as_of {
            *slot = a;
        }
    }
    let assessments: Vec<&Assessment> = latest.into_values().collect();
    let reference = as_of
        .or_else(|| assessments.iter().map(|a| a.outcome.as_of).max())
        .unwrap_or_default();
    let horizon = crate::value::add(
        reference,
        Period {
            amount: EXPIRY_HORIZON_MONTHS,
            unit: Unit::Months,
        },
    )
    .unwrap_or(reference);
    let stage = assessments.first().map_or(Stage::Intake, |a| a.stage);
    // Evidence from before this day is old.
    let stale_before = crate::value::subtract(
        reference,
        Period {
            amount: STALE_AFTER_MONTHS,
            unit: Unit::Months,
        },
    )
    .unwrap_or(reference);

    let plans: Vec<plan::ImprovementPlan> = assessments
        .iter()
        .map(|a| plan::plan(framework, &a.outcome))
        .collect();

    let locations = assessments
        .iter()
        .zip(&plans)
        .map(|(a, p)| LocationRow {
            location: a.outcome.location.clone(),
            as_of: a.outcome.as_of,
            verdict: a.outcome.verdict,
            valid_until: a.outcome.valid_until,
            themes: a
                .outcome
                .themes
                .iter()
                .map(|t| ThemeCell {
                    id: t.id.clone(),
                    status: t.status,
                    score: t.score,
                    score_max: t.score_max,
                    maturity: Maturity::of(t),
                })
                .collect(),
            open_items: p.items.len(),
            what_it_takes: p.what_it_takes.clone(),
            stale: a.outcome.as_of < stale_before,
        })
        .collect::<Vec<_>>();

    let mut most_failed: Vec<CriterionTally> = framework
        .criteria
        .iter()
        .enumerate()
        .filter_map(|(i, compiled)| {
            let mut tally = CriterionTally {
                criterion: compiled.id.clone(),
                title: compiled.title.clone(),
                theme: framework
                    .themes
                    .get(compiled.theme as usize)
                    .map(|t| t.id.clone())
                    .unwrap_or_default(),
                owner: compiled.owner.clone(),
                mandatory: compiled.mandatory,
                failed: 0,
                open: 0,
                locations: Vec::new(),
            };
            for a in &assessments {
                let Some(c) = a.outcome.criteria.get(i) else {
                    continue;
                };
                match c.status {
                    Status::Fail => tally.failed += 1,
                    Status::Unknown => tally.open += 1,
                    _ => continue,
                }
                tally.locations.push(a.outcome.location.id.clone());
            }
            (tally.failed + tally.open > 0).then_some(tally)
        })
        .collect();
    most_failed.sort_by(|a, b| b.failed.cmp(&a.failed).then(b.open.cmp(&a.open)));

    // Every partner, named as the locations' results name them.
    let names = assessments.first().map(|a| &a.outcome);
    let workload = framework
        .partners
        .iter()
        .map(|partner| {
            let owner = partner.id.as_str();
            let mut load = OwnerLoad {
                owner: owner.to_string(),
                name: names.map_or(owner, |o| o.partner_name(owner)).to_string(),
                items: 0,
                mandatory: 0,
                needed_for_certificate: 0,
                locations: 0,
                actions: Vec::new(),
            };
            for p in &plans {
                let mine: Vec<&plan::PlanItem> =
                    p.items.iter().filter(|i| i.owner == owner).collect();
                if mine.is_empty() {
                    continue;
                }
                load.locations += 1;
                for item in mine {
                    load.items += 1;
                    load.mandatory += usize::from(item.mandatory);
                    load.needed_for_certificate += usize::from(item.needed_for_certificate);
                    load.actions.push(OwnerAction {
                        location: p.location.id.clone(),
                        criterion: item.criterion.clone(),
                        title: item.title.clone(),
                        priority: item.priority,
                        needed_for_certificate: item.needed_for_certificate,
                        contact: item.contact.clone(),
                    });
                }
            }
            load
        })
        .collect();

    let mut expiring = Vec::new();
    let mut expired = Vec::new();
    for a in &assessments {
        let (Verdict::Certified, Some(valid_until)) = (a.outcome.verdict, a.outcome.valid_until)
        else {
            continue;
        };
        let expiry = Expiry {
            location: a.outcome.location.clone(),
            as_of: a.outcome.as_of,
            valid_until,
            days_left: reference
                .until(valid_until)
                .map_or(0, |span| i64::from(span.get_days())),
        };
        if valid_until < reference {
            expired.push(expiry);
        } else if valid_until <= horizon {
            expiring.push(expiry);
        }
    }
    let soonest = |a: &Expiry, b: &Expiry| {
        a.valid_until
            .cmp(&b.valid_until)
            .then_with(|| a.location.id.cmp(&b.location.id))
    };
    expiring.sort_by(soonest);
    expired.sort_by(soonest);

    let themes: Vec<ThemeHead> = framework
        .themes
        .iter()
        .map(|t| ThemeHead {
            id: t.id.clone(),
            title: t.title.clone(),
            threshold: t.threshold,
        })
        .collect();
    Overview {
        totals: totals(&themes, locations.iter()),
        framework: FrameworkRef {
            id: framework.id.clone(),
            title: framework.title.clone(),
            version: framework.version.clone(),
        },
        stage,
        as_of: reference,
        expiry_horizon: horizon,
        themes,
        locations,
        most_failed,
        workload,
        expiring,
        expired,
        overdue: None,
    }
}
