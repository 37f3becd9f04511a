//! The calendar of lapses: for one location's evidence, the first day on
//! which each criterion's status, each theme's status and the verdict
//! would differ from what they are on its as-of date, if nothing new is
//! supplied.
//!
//! **Exact, and bounded by the evidence.** The as-of date enters a
//! decision only through the windows (`within 12 months`), which every
//! date of the evidence and every date constant enters on its own day and
//! leaves on a day the calendar gives (with the clamping at month ends of
//! [`crate::analysis`]'s points: `analysis::dates::Points::turns`), and
//! through the register's exceptions, which hold from the day decided to
//! their last day. Between two such days every condition answers the
//! same, so the statuses are decided on those days only, in order, with
//! the evaluator itself: a handful of decisions per date of the evidence,
//! never one per day. The calendar looks [`HORIZON_YEARS`] ahead.

use std::collections::BTreeMap;

use jiff::civil::Date;

use crate::analysis::dates::Points;
use crate::compile::{CompiledCriterion, Framework, SlotId};
use crate::eval::Stage;
use crate::evidence::{Evidence, Location, Supplied};
use crate::outcome::{Status, Verdict};
use crate::value::Value;

/// How far ahead the calendar looks: ten years from the as-of date.
pub const HORIZON_YEARS: i16 = 10;

/// One location's calendar of lapses.
#[derive(Clone, Debug, PartialEq)]
pub struct Calendar {
    /// The location.
    pub location: Location,
    /// The date the evidence is judged on.
    pub as_of: Date,
    /// The last day looked at: [`HORIZON_YEARS`] after the as-of date.
    pub until: Date,
    /// The stage the statuses are decided at.
    pub stage: Stage,
    /// The verdict on the as-of date.
    pub verdict: Verdict,
    /// The first day the verdict differs, and what it is then.
    pub verdict_changes: Option<Change<Verdict>>,
    /// For a certified location: until when the certificate is valid.
    pub valid_until: Option<Date>,
    /// Every theme, in framework order.
    pub themes: Vec<ThemeLapse>,
    /// Every criterion, in framework order.
    pub criteria: Vec<CriterionLapse>,
    /// The verdict and the theme statuses from the as-of date to
    /// [`Calendar::until`]: the first stretch starts on the as-of date,
    /// each next one on a day something of them changes.
    pub timeline: Vec<Stretch>,
}

/// The first day something differs, and what it is then.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change<T> {
    /// The first as-of date on which it differs.
    pub on: Date,
    /// What it is on that day.
    pub becomes: T,
}

/// A criterion's status and level (graded criteria) on one day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Standing {
    /// Its status.
    pub status: Status,
    /// Its level, when graded and known.
    pub level: Option<u64>,
}

/// One criterion in the calendar.
#[derive(Clone, Debug, PartialEq)]
pub struct CriterionLapse {
    /// Its id.
    pub id: String,
    /// Its theme's id.
    pub theme: String,
    /// The partner whose move it is.
    pub owner: String,
    /// Its standing on the as-of date.
    pub now: Standing,
    /// When it first differs (its *lapse* when it passes now).
    pub changes: Option<Change<Standing>>,
    /// Why it changes that day: the evidence it reads that enters or
    /// leaves a window then (paths, in framework order), or the end or
    /// start of an exception.
    pub because: Vec<Cause>,
}

/// What makes a criterion change on a day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cause {
    /// A date of this evidence (its path) enters or leaves a window.
    Evidence(String),
    /// An exception for the criterion starts or ends.
    Exception,
}

/// One theme in the calendar.
#[derive(Clone, Debug, PartialEq)]
pub struct ThemeLapse {
    /// Its id.
    pub id: String,
    /// Its status on the as-of date.
    pub now: Status,
    /// When it first differs.
    pub changes: Option<Change<Status>>,
}

/// The verdict and the theme statuses from one day until the next
/// stretch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stretch {
    /// Its first day.
    pub from: Date,
    /// The verdict.
    pub verdict: Verdict,
    /// Each theme's status, in framework order.
    pub themes: Vec<Status>,
}

/// What can change on a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Source {
    /// A date of this evidence.
    Slot(SlotId),
    /// A date constant of the framework.
    Constant,
    /// The exception with this index in the evidence.
    Exception(usize),
}

/// The calendar of one location: every criterion's, theme's and the
/// verdict's first change after the as-of date, within
/// [`HORIZON_YEARS`], with the same evidence decided at `stage`.
pub fn calendar(framework: &Framework, evidence: &Evidence, stage: Stage) -> Calendar {
    let as_of = evidence.as_of;
    let until = as_of
        .checked_add(jiff::Span::new().years(HORIZON_YEARS))
        .unwrap_or(Date::MAX);
    let days = turning_days(framework, evidence, as_of, until);

    let first = framework.decide(evidence, stage);
    let verdict = first.verdict();
    let valid_until = first.valid_until();
    let mut criteria: Vec<CriterionLapse> = framework
        .criteria
        .iter()
        .zip(first.criteria())
        .map(|(c, d)| CriterionLapse {
            id: c.id.clone(),
            theme: framework
                .themes
                .get(c.theme as usize)
                .map(|t| t.id.clone())
                .unwrap_or_default(),
            owner: c.owner.clone(),
            now: Standing {
                status: d.status,
                level: d.level,
            },
            changes: None,
            because: Vec::new(),
        })
        .collect();
    let mut themes: Vec<ThemeLapse> = first
        .themes()
        .map(|t| ThemeLapse {
            id: t.id.to_string(),
            now: t.status,
            changes: None,
        })
        .collect();
    let mut timeline = vec![Stretch {
        from: as_of,
        verdict,
        themes: themes.iter().map(|t| t.now).collect(),
    }];
    drop(first);

    let mut verdict_changes = None;
    let mut moved = evidence.clone();
    for (day, sources) in &days {
        moved.as_of = *day;
        let decision = framework.decide(&moved, stage);
        for ((lapse, c), d) in criteria
            .iter_mut()
            .zip(&framework.criteria)
            .zip(decision.criteria())
        {
            let then = Standing {
                status: d.status,
                level: d.level,
            };
            if lapse.changes.is_none() && then != lapse.now {
                lapse.changes = Some(Change {
                    on: *day,
                    becomes: then,
                });
                lapse.because = causes(framework, evidence, c, sources);
            }
        }
        for (lapse, t) in themes.iter_mut().zip(decision.themes()) {
            if lapse.changes.is_none() && t.status != lapse.now {
                lapse.changes = Some(Change {
                    on: *day,
                    becomes: t.status,
                });
            }
        }
        if verdict_changes.is_none() && decision.verdict() != verdict {
            verdict_changes = Some(Change {
                on: *day,
                becomes: decision.verdict(),
            });
        }
        let statuses: Vec<Status> = decision.themes().map(|t| t.status).collect();
        if timeline
            .last()
            .is_some_and(|s| s.verdict != decision.verdict() || s.themes != statuses)
        {
            timeline.push(Stretch {
                from: *day,
                verdict: decision.verdict(),
                themes: statuses,
            });
        }
    }
    Calendar {
        location: evidence.location.clone(),
        as_of,
        until,
        stage,
        verdict,
        verdict_changes,
        valid_until,
        themes,
        criteria,
        timeline,
    }
}

/// The days after `as_of`, up to `until`, on which some condition can
/// answer differently than the day before, each with what turns then.
fn turning_days(
    framework: &Framework,
    evidence: &Evidence,
    as_of: Date,
    until: Date,
) -> BTreeMap<Date, Vec<Source>> {
    let points = Points::of(&[framework]);
    let mut days: BTreeMap<Date, Vec<Source>> = BTreeMap::new();
    let mut add = |day: Date, source: Source| {
        if as_of < day && day <= until {
            let sources = days.entry(day).or_default();
            if !sources.contains(&source) {
                sources.push(source);
            }
        }
    };
    let dates = evidence
        .values
        .iter()
        .enumerate()
        .flat_map(|(slot, supplied)| {
            let values: &[Value] = match supplied {
                Some(Supplied::One(v)) => std::slice::from_ref(v),
                Some(Supplied::Many(vs)) => vs,
                None => &[],
            };
            let slot = SlotId::try_from(slot).ok();
            values.iter().filter_map(move |v| match (v, slot) {
                (Value::Date(d), Some(s)) => Some((*d, Source::Slot(s))),
                _ => None,
            })
        })
        .chain(points.constants().iter().map(|c| (*c, Source::Constant)));
    for (date, source) in dates {
        for day in points.turns(date) {
            add(day, source);
        }
    }
    for (i, e) in evidence.exceptions.iter().enumerate() {
        add(e.decided_on, Source::Exception(i));
        if let Ok(after) = e.valid_until.tomorrow() {
            add(after, Source::Exception(i));
        }
    }
    days
}

/// Why criterion `c` changes on a day on which `sources` turn: the
/// evidence it reads among them, and its exceptions.
fn causes(
    framework: &Framework,
    evidence: &Evidence,
    c: &CompiledCriterion,
    sources: &[Source],
) -> Vec<Cause> {
    let reads = c.reads();
    let mut slots: Vec<SlotId> = sources
        .iter()
        .filter_map(|s| match s {
            Source::Slot(slot) if reads.slots.contains(slot) || reads.more => Some(*slot),
            _ => None,
        })
        .collect();
    slots.sort_unstable();
    let mut because: Vec<Cause> = slots
        .iter()
        .filter_map(|s| framework.slots.get(*s as usize))
        .map(|s| Cause::Evidence(s.path.clone()))
        .collect();
    let exception = sources.iter().any(|s| match s {
        Source::Exception(i) => evidence
            .exceptions
            .get(*i)
            .is_some_and(|e| e.criterion == c.id),
        _ => false,
    });
    if exception {
        because.push(Cause::Exception);
    }
    because
}
