//! Every as-of date of a span, not one: [`compare_between`].
//!
//! The as-of date enters the analysis only through the dates conditions
//! meet: each window's first day (`within 12 months` from the as-of
//! date, clamped at the end of a shorter month), the as-of date itself,
//! and the date constants, which stay put. Two as-of dates on which those
//! points lie in the same order, with the same gaps of none, one day or
//! more between neighbours, give every piece of evidence the same regions,
//! so every answer of the analysis is the same on both. The span's dates
//! therefore fall into a few classes, found without analysing anything;
//! the analysis runs once per class, and the answers are joined.

use std::collections::{BTreeSet, HashSet};

use jiff::civil::Date;

use super::{compare, dedup, relation, Because, Comparison, Finding, Found, Item, Relation};
use crate::compile::{Framework, Op, Test};
use crate::terms::Period;
use crate::value::{self, Value};

/// The most classes of as-of dates analysed for one span: beyond it,
/// what is left is undecided.
pub const MAX_CLASSES: usize = 1_000;

/// The most days a span may have (a hundred years).
pub const MAX_DAYS: usize = 36_525;

/// How the new version relates to the old over every evidence judged on
/// **every** as-of date from `from` to `to` (both included): equivalent
/// only if it is on each of them; looser if some school on some date
/// passes under the new version only, and so on. Each witness carries the
/// as-of date it was found on. A span longer than [`MAX_DAYS`] is cut
/// there; more than [`MAX_CLASSES`] classes of dates leave the answers
/// undecided.
pub fn compare_between(old: &Framework, new: &Framework, from: Date, to: Date) -> Comparison {
    let points = Points::of(&[old, new]);
    let mut seen: HashSet<Vec<(u32, u8)>> = HashSet::new();
    let mut joined: Option<Joined> = None;
    let mut day = from;
    for _ in 0..MAX_DAYS {
        if day > to {
            break;
        }
        if seen.insert(points.class(day)) {
            if seen.len() > MAX_CLASSES {
                if let Some(j) = &mut joined {
                    j.too_many();
                }
                break;
            }
            let comparison = compare(old, new, day);
            match &mut joined {
                None => joined = Some(Joined::from(comparison)),
                Some(j) => j.add(comparison),
            }
        }
        let Ok(next) = day.tomorrow() else {
            break;
        };
        day = next;
    }
    match joined {
        Some(j) => j.finish(),
        None => compare(old, new, from),
    }
}

/// The windows and date constants the conditions of some frameworks
/// meet: every point where the as-of date enters them. The span of
/// [`compare_between`] falls into classes by them; the calendar of lapses
/// (`crate::calendar`) finds the days a location's statuses can change
/// by them.
pub(crate) struct Points {
    periods: Vec<Period>,
    constants: Vec<Date>,
}

impl Points {
    pub(crate) fn of(frameworks: &[&Framework]) -> Points {
        let mut periods: Vec<Period> = Vec::new();
        let mut constants: BTreeSet<Date> = BTreeSet::new();
        for op in frameworks
            .iter()
            .flat_map(|f| f.exprs.iter().chain(&f.fused))
        {
            let period = match op {
                Op::SlotWithin(_, p, _) | Op::CountWithin(_, _, p, ..) => Some(*p),
                Op::Test(_, Test::Within(p)) | Op::Count(_, Some(Test::Within(p))) => Some(*p),
                Op::Const(Value::Date(d)) => {
                    constants.insert(*d);
                    None
                }
                _ => None,
            };
            if let Some(p) = period {
                if !periods.contains(&p) {
                    periods.push(p);
                }
            }
        }
        Points {
            periods,
            constants: constants.into_iter().collect(),
        }
    }

    /// The date constants the conditions name.
    pub(crate) fn constants(&self) -> &[Date] {
        &self.constants
    }

    /// The as-of dates on which `date` (a date of the evidence, or a
    /// constant) changes its standing in some window the conditions
    /// test: the day itself, from which on it is no longer after the
    /// as-of date, and for each window the first as-of date whose
    /// window starts after it. Between two of these days, every
    /// `within` that can test `date` answers the same. None when the
    /// conditions test no window.
    pub(crate) fn turns(&self, date: Date) -> impl Iterator<Item = Date> + '_ {
        let entered = (!self.periods.is_empty()).then_some(date);
        entered.into_iter().chain(
            self.periods
                .iter()
                .filter_map(move |p| value::first_outside(date, *p)),
        )
    }

    /// The class of an as-of date: its points in order, each with the gap
    /// to the next (none, one day, more).
    fn class(&self, as_of: Date) -> Vec<(u32, u8)> {
        let mut tagged: Vec<(Date, u32)> =
            Vec::with_capacity(1 + self.periods.len() + self.constants.len());
        tagged.push((as_of, 0));
        for (i, p) in self.periods.iter().enumerate() {
            if let (Some(start), Ok(tag)) = (value::subtract(as_of, *p), u32::try_from(i + 1)) {
                tagged.push((start, tag));
            }
        }
        let first = 1 + self.periods.len();
        for (i, c) in self.constants.iter().enumerate() {
            if let Ok(tag) = u32::try_from(first + i) {
                tagged.push((*c, tag));
            }
        }
        tagged.sort_unstable();
        tagged
            .iter()
            .zip(tagged.iter().skip(1).map(Some).chain([None]))
            .map(|((d, tag), next)| {
                let gap = next.map_or(3, |(n, _)| match d.until(*n).map(|s| s.get_days()) {
                    Ok(0) => 0,
                    Ok(1) => 1,
                    _ => 2,
                });
                (*tag, gap)
            })
            .collect()
    }
}

/// The findings of several as-of dates joined, item by item.
struct Joined {
    verdict: Acc,
    themes: Vec<(String, Acc)>,
    criteria: Vec<(String, Acc)>,
}

/// One finding over several dates: what each direction has shown, why it
/// is undecided, and the witnesses (one for each pair of results).
#[derive(Default)]
struct Acc {
    looser: Option<Found>,
    stricter: Option<Found>,
    because: Vec<Because>,
    witnesses: Vec<super::Witness>,
}

fn stronger(a: Option<Found>, b: Found) -> Option<Found> {
    let rank = |f: Found| match f {
        Found::None => 0,
        Found::Possible => 1,
        Found::Witnessed => 2,
    };
    match a {
        Some(a) if rank(a) >= rank(b) => Some(a),
        _ => Some(b),
    }
}

impl Acc {
    fn add(&mut self, finding: Finding) {
        let (looser, stricter) = match &finding.relation {
            Relation::Equivalent => (Found::None, Found::None),
            Relation::Looser => (Found::Witnessed, Found::None),
            Relation::Stricter => (Found::None, Found::Witnessed),
            Relation::Incomparable => (Found::Witnessed, Found::Witnessed),
            Relation::Undecided { because } => {
                self.because.extend(because.iter().cloned());
                (Found::Possible, Found::Possible)
            }
        };
        self.looser = stronger(self.looser, looser);
        self.stricter = stronger(self.stricter, stricter);
        for w in finding.witnesses {
            if !self
                .witnesses
                .iter()
                .any(|x| (x.before, x.after) == (w.before, w.after))
            {
                self.witnesses.push(w);
            }
        }
    }

    fn finish(self) -> Finding {
        let because = dedup(self.because);
        let relation = relation(
            self.looser.unwrap_or(Found::None),
            self.stricter.unwrap_or(Found::None),
            || because.clone(),
        );
        let mut witnesses = self.witnesses;
        // Looser witnesses first, as on one date.
        witnesses.sort_by_key(|w| !super::witness::looser(w));
        Finding {
            relation,
            witnesses,
        }
    }
}

impl Joined {
    fn from(c: Comparison) -> Joined {
        let mut j = Joined {
            verdict: Acc::default(),
            themes: c
                .themes
                .iter()
                .map(|i| (i.id.clone(), Acc::default()))
                .collect(),
            criteria: c
                .criteria
                .iter()
                .map(|i| (i.id.clone(), Acc::default()))
                .collect(),
        };
        j.add(c);
        j
    }

    fn add(&mut self, c: Comparison) {
        self.verdict.add(c.verdict);
        for (list, items) in [
            (&mut self.themes, c.themes),
            (&mut self.criteria, c.criteria),
        ] {
            for item in items {
                if let Some((_, acc)) = list.iter_mut().find(|(id, _)| *id == item.id) {
                    acc.add(item.finding);
                }
            }
        }
    }

    /// More classes than analysed: every answer that is not already both
    /// ways may be wrong, so it is undecided.
    fn too_many(&mut self) {
        let because = Because::TooMany {
            limit: MAX_CLASSES as u64,
        };
        for acc in std::iter::once(&mut self.verdict)
            .chain(self.themes.iter_mut().map(|(_, a)| a))
            .chain(self.criteria.iter_mut().map(|(_, a)| a))
        {
            acc.looser = stronger(acc.looser, Found::Possible);
            acc.stricter = stronger(acc.stricter, Found::Possible);
            acc.because.push(because.clone());
        }
    }

    fn finish(self) -> Comparison {
        let items = |list: Vec<(String, Acc)>| -> Vec<Item> {
            list.into_iter()
                .map(|(id, acc)| Item {
                    id,
                    finding: acc.finish(),
                })
                .collect()
        };
        Comparison {
            verdict: self.verdict.finish(),
            themes: items(self.themes),
            criteria: items(self.criteria),
        }
    }
}
