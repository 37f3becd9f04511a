//! The improvement plan (verbeterplan): a location's gaps as an ordered list
//! of actions, each with the partner whose move it is, and the smallest set of
//! criteria that would make the location certified.
//!
//! Order: open mandatory criteria with a legal basis; other open mandatory
//! criteria (within both, failing before unknown, then framework order;
//! "mandatory" counts where the theme's rule says `all mandatory pass`); the
//! criteria that bring a theme over its threshold with the fewest criteria;
//! the rest by the score they would add (as a share of their theme's
//! maximum, largest first). Ties keep framework order.
//!
//! **The smallest set** (`what_it_takes`) is computed per theme that does not
//! pass, because a criterion counts in one theme only: every open mandatory
//! criterion (when the theme's rule says `all mandatory pass`), then the
//! fewest further criteria that lift the score to the threshold. Taking the
//! largest gains first gives the fewest criteria: no `k` criteria add more
//! than the `k` largest gains. A graded criterion that passes below its top
//! level is a candidate too (raising it adds score); on equal gains a
//! criterion that does not pass yet goes first.
//!
//! **The plan file** ([`mod@file`]) is the plan as a document a person keeps
//! (`verbeterplan.toml`): [`update`] writes it and brings it up to date
//! with newer evidence, keeping every edit; [`ImprovementPlan::agree`]
//! puts what it agreed (owner, contact, due date, status) beside the
//! plan's actions and picks out the actions past their due date.

pub mod file;

pub use file::{
    update, Change, ItemStatus, PlanEntry, PlanFile, PlanFileError, PlanFramework, Updated,
};

use std::cmp::Ordering;

use jiff::civil::Date;
use serde::Serialize;

use crate::check::Language;
use crate::compile::Framework;
use crate::outcome::{CriterionOutcome, Gap, GapKind, Outcome, Status, ThemeOutcome, Verdict};
use crate::ratio::Ratio;
use crate::verbalise::Verbaliser;
use crate::words::{fill, fill_into, words, Words};

/// Why an item stands where it stands in the plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    /// A knock-out criterion with a legal basis.
    LegalMandatory,
    /// Another knock-out criterion.
    Mandatory,
    /// Needed to bring a theme over its score threshold.
    Threshold,
    /// Adds to the score.
    Other,
}

impl Priority {
    /// The priority as written in results.
    pub fn as_str(self) -> &'static str {
        match self {
            Priority::LegalMandatory => "legal_mandatory",
            Priority::Mandatory => "mandatory",
            Priority::Threshold => "threshold",
            Priority::Other => "other",
        }
    }
}

/// One action of the plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlanItem {
    /// The criterion to bring in order.
    pub criterion: String,
    /// Its title.
    pub title: String,
    /// Its theme.
    pub theme: String,
    /// Whose move it is: the id of one of the framework's partners.
    pub owner: String,
    /// The partner's name, as people read it; not part of the JSON.
    #[serde(skip)]
    pub owner_name: String,
    /// The partner's contact person, as the location's evidence names them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    /// For work done together: the name of the partner who leads.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lead: Option<String>,
    /// Its status now: fail or unknown; pass for a graded criterion below
    /// its top level that the certificate needs raised.
    pub status: Status,
    /// Whether it is a knock-out criterion.
    pub mandatory: bool,
    /// The legal basis, if any.
    pub legal: Option<String>,
    /// What to do: the framework's guidance.
    pub action: Option<String>,
    /// The evidence to supply.
    pub evidence: Vec<String>,
    /// What is needed, per gap: "«Respons op de monitor»: van 52% naar minimaal 70%".
    pub needed: Vec<String>,
    /// Why the item stands where it stands.
    pub priority: Priority,
    /// The share of its theme's maximum score the item would add (0 to 1).
    #[serde(serialize_with = "crate::outcome::opt_share")]
    pub gain: Option<rust_decimal::Decimal>,
    /// Whether it belongs to the smallest set that makes the location certified.
    pub needed_for_certificate: bool,
    /// For a graded criterion: the level reached now (null when unknown).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<u64>,
    /// For a graded criterion: the top level.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_level: Option<u64>,
    /// What the plan file agreed about it (`--plan`), item by item: empty
    /// without a plan file.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub agreed: Vec<Agreement>,
    /// The item in plain words for people; not part of the JSON.
    #[serde(skip)]
    pub(crate) plain: PlainItem,
}

/// An item of the plan file beside the action it is about.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Agreement {
    /// The item as the file has it.
    #[serde(flatten)]
    pub entry: PlanEntry,
    /// Whether it is past its due date on the plan's as-of date and still
    /// to be done.
    pub overdue: bool,
}

/// What a plan item needs and the evidence it names, in plain words: the
/// norm read aloud, evidence by its label, values as the language writes
/// them.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct PlainItem {
    /// What is needed, per gap.
    pub needed: Vec<String>,
    /// The labels of the evidence to supply.
    pub evidence: Vec<String>,
}

/// The plan for one location.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ImprovementPlan {
    /// The location.
    pub location: crate::evidence::Location,
    /// The date the evidence was judged on.
    pub as_of: Date,
    /// Its current verdict.
    pub verdict: Verdict,
    /// The smallest set of criteria that, passed (graded ones at their top
    /// level), would make the location certified, in framework order;
    /// empty when it is certified.
    pub what_it_takes: Vec<String>,
    /// The actions, in plan order.
    pub items: Vec<PlanItem>,
    /// The partners' ids in the framework's order, for grouping by owner;
    /// not part of the JSON.
    #[serde(skip)]
    pub partners: Vec<String>,
    /// With a plan file (`--plan`): its items past their due date that are
    /// still to be done, in the file's order; `None` without one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overdue: Option<Vec<Agreement>>,
}

impl ImprovementPlan {
    /// The items grouped by owner, owners in the framework's order (for
    /// the six the language knows: school, gemeente, politie, halt, ggd,
    /// joint); plan order within.
    pub fn by_owner(&self) -> Vec<(&str, Vec<&PlanItem>)> {
        self.partners
            .iter()
            .map(|id| {
                (
                    id.as_str(),
                    self.items
                        .iter()
                        .filter(|i| i.owner == *id)
                        .collect::<Vec<_>>(),
                )
            })
            .filter(|(_, items)| !items.is_empty())
            .collect()
    }

    /// The item of a criterion, if the plan has one.
    pub fn item(&self, criterion: &str) -> Option<&PlanItem> {
        self.items.iter().find(|i| i.criterion == criterion)
    }

    /// Puts what a plan file agreed beside each action, and picks out its
    /// items past their due date: those still `open` or `bezig` on the
    /// plan's as-of date whose criterion still needs work (is in the plan)
    /// or is no longer in the framework. An item whose criterion the
    /// evidence shows done is not past due, whatever the file says yet.
    pub fn agree(&mut self, file: &PlanFile, outcome: &Outcome) {
        let as_of = self.as_of;
        let overdue = file
            .items
            .iter()
            .filter(|e| e.is_overdue(as_of))
            .filter(|e| {
                self.item(&e.criterion).is_some()
                    || !outcome.criteria.iter().any(|c| c.id == e.criterion)
            })
            .map(|e| Agreement {
                entry: e.clone(),
                overdue: true,
            })
            .collect();
        for item in &mut self.items {
            item.agreed = file
                .entries(&item.criterion)
                .map(|e| Agreement {
                    entry: e.clone(),
                    overdue: e.is_overdue(as_of),
                })
                .collect();
        }
        self.overdue = Some(overdue);
    }
}

/// A criterion that could add to its theme: it does not pass (`open`), or it
/// passes below its top level.
struct Candidate<'a> {
    index: usize,
    outcome: &'a CriterionOutcome,
    open: bool,
    /// `weight × (max − level) / max`, in weight units.
    gain: Ratio,
    /// Its theme, in [`Themes::groups`].
    group: usize,
}

/// The themes the criteria name, each looked up once. A plan needs a
/// criterion's theme weight and rule per item and per theme; finding them
/// by name each time made a plan quadratic in the number of criteria.
struct Themes<'a> {
    /// Every theme id the criteria name, in order of first appearance.
    groups: Vec<Group<'a>>,
    /// Per criterion (in outcome order), its group.
    of: Vec<usize>,
}

struct Group<'a> {
    id: &'a str,
    /// The weight of the theme's criteria that apply and are not waived.
    weight: u64,
    /// Whether its rule makes its mandatory criteria knock-outs.
    all_mandatory: bool,
}

impl<'a> Themes<'a> {
    fn of(framework: &Framework, outcome: &'a Outcome) -> Themes<'a> {
        let mut groups: Vec<Group<'a>> = Vec::new();
        let mut of = Vec::with_capacity(outcome.criteria.len());
        let mut last: Option<usize> = None;
        for c in &outcome.criteria {
            // A theme's criteria mostly stand together: try the last one first.
            let group = match last {
                Some(g) if groups.get(g).is_some_and(|last| last.id == c.theme) => g,
                _ => match groups.iter().position(|g| g.id == c.theme) {
                    Some(g) => g,
                    None => {
                        groups.push(Group {
                            id: &c.theme,
                            weight: 0,
                            all_mandatory: all_mandatory(framework, &c.theme),
                        });
                        groups.len() - 1
                    }
                },
            };
            if !matches!(c.status, Status::NotApplicable | Status::Waived) {
                if let Some(g) = groups.get_mut(group) {
                    // Never panics; real weights are far from overflowing.
                    g.weight = g.weight.wrapping_add(c.weight);
                }
            }
            of.push(group);
            last = Some(group);
        }
        Themes { groups, of }
    }

    fn group(&self, theme: &str) -> Option<usize> {
        self.groups.iter().position(|g| g.id == theme)
    }

    /// The weight of a group's applicable criteria (0 for none).
    fn weight(&self, group: Option<usize>) -> u64 {
        group
            .and_then(|g| self.groups.get(g))
            .map_or(0, |g| g.weight)
    }
}

/// The plan for an evaluated location, in the framework's language.
pub fn plan(framework: &Framework, outcome: &Outcome) -> ImprovementPlan {
    plan_in(framework, outcome, framework.language)
}

/// The smallest set of criteria that, passed, would make the location
/// certified (empty when it is); see the module documentation.
pub fn what_it_takes(framework: &Framework, outcome: &Outcome) -> Vec<String> {
    let themes = Themes::of(framework, outcome);
    let candidates = candidates(outcome, &themes);
    smallest_set(framework, outcome, &themes, &candidates)
        .0
        .iter()
        .filter_map(|i| outcome.criteria.get(*i).map(|c| c.id.clone()))
        .collect()
}

/// The plan for an evaluated location, with kader's own words ("needed")
/// in `language`.
pub fn plan_in(framework: &Framework, outcome: &Outcome, language: Language) -> ImprovementPlan {
    let w = words(language);
    let themes = Themes::of(framework, outcome);
    let candidates = candidates(outcome, &themes);
    let (what_it_takes, for_threshold) = smallest_set(framework, outcome, &themes, &candidates);

    // Each item's place first, then the items in that order: sorting
    // the built items would move every one of them several times.
    let mut places: Vec<Place<'_, '_>> = candidates
        .iter()
        .filter(|o| o.open || for_threshold.contains(&o.index))
        .map(|o| {
            let c = o.outcome;
            let group = themes.groups.get(o.group);
            let knock_out = o.open && c.mandatory && group.is_none_or(|g| g.all_mandatory);
            let priority = if knock_out && c.legal.is_some() {
                Priority::LegalMandatory
            } else if knock_out {
                Priority::Mandatory
            } else if for_threshold.contains(&o.index) {
                Priority::Threshold
            } else {
                Priority::Other
            };
            let total = group.map_or(0, |g| g.weight);
            Place {
                candidate: o,
                priority,
                gain: o.gain.share(i128::from(total.max(1))),
            }
        })
        .collect();
    // Stable: framework order breaks ties.
    places.sort_by(|a, b| {
        a.priority.cmp(&b.priority).then_with(|| match a.priority {
            Priority::Other | Priority::Threshold => {
                let a_share = a.gain.unwrap_or_default();
                let b_share = b.gain.unwrap_or_default();
                b_share.cmp(&a_share).then_with(|| {
                    b.candidate
                        .gain
                        .compare(a.candidate.gain)
                        .unwrap_or(Ordering::Equal)
                })
            }
            Priority::LegalMandatory | Priority::Mandatory => {
                failing_first(a.candidate.outcome.status)
                    .cmp(&failing_first(b.candidate.outcome.status))
            }
        })
    });
    let mut buffers = SentenceBuffers::default();
    let items = places
        .into_iter()
        .map(|place| {
            let o = place.candidate;
            let c = o.outcome;
            let (needed, plain) = if o.open {
                (
                    c.gaps
                        .iter()
                        .map(|g| needed(framework, g, w, &mut buffers))
                        .collect(),
                    c.gaps.iter().map(|g| needed_plain(g, w)).collect(),
                )
            } else {
                (
                    raise(framework, o, language, false).into_iter().collect(),
                    raise(framework, o, language, true).into_iter().collect(),
                )
            };
            PlanItem {
                criterion: c.id.clone(),
                title: c.title.clone(),
                theme: c.theme.clone(),
                owner: c.owner.clone(),
                owner_name: outcome.partner_name(&c.owner).to_string(),
                contact: outcome.partner(&c.owner).and_then(|p| p.contact.clone()),
                lead: outcome
                    .partner(&c.owner)
                    .and_then(|p| p.lead.as_deref())
                    .map(|lead| outcome.partner_name(lead).to_string()),
                status: c.status,
                mandatory: c.mandatory,
                legal: c.legal.clone(),
                action: guidance(framework, o).map(str::to_string),
                evidence: evidence_of(&c.gaps),
                needed,
                priority: place.priority,
                gain: place.gain,
                needed_for_certificate: what_it_takes.contains(&o.index),
                level: c.level,
                max_level: c.max_level,
                agreed: Vec::new(),
                plain: PlainItem {
                    needed: plain,
                    evidence: labels_of(&c.gaps),
                },
            }
        })
        .collect();
    ImprovementPlan {
        location: outcome.location.clone(),
        as_of: outcome.as_of,
        verdict: outcome.verdict,
        what_it_takes: what_it_takes
            .iter()
            .filter_map(|i| outcome.criteria.get(*i).map(|c| c.id.clone()))
            .collect(),
        items,
        partners: outcome.partners.iter().map(|p| p.id.clone()).collect(),
        overdue: None,
    }
}

/// Where a candidate goes in the plan, and why.
struct Place<'c, 'a> {
    candidate: &'c Candidate<'a>,
    priority: Priority,
    /// The share of its theme's maximum it would add.
    gain: Option<rust_decimal::Decimal>,
}

/// A criterion's guidance: the compiled criteria stand in outcome order,
/// so it is found by index; by id should they ever not.
fn guidance<'f>(framework: &'f Framework, o: &Candidate<'_>) -> Option<&'f str> {
    match framework.criteria.get(o.index) {
        Some(compiled) if compiled.id == o.outcome.id => compiled.guidance.as_deref(),
        _ => framework.guidance(&o.outcome.id),
    }
}

fn failing_first(status: Status) -> u8 {
    match status {
        Status::Fail => 0,
        _ => 1,
    }
}

/// Every criterion that does not pass, and every graded one below its top.
fn candidates<'a>(outcome: &'a Outcome, themes: &Themes<'_>) -> Vec<Candidate<'a>> {
    outcome
        .criteria
        .iter()
        .zip(&themes.of)
        .enumerate()
        .filter_map(|(index, (c, group))| {
            let open = matches!(c.status, Status::Fail | Status::Unknown);
            let partial = c.status == Status::Pass
                && matches!((c.level, c.max_level), (Some(l), Some(m)) if l < m);
            (open || partial).then(|| Candidate {
                index,
                outcome: c,
                open,
                gain: gain(c),
                group: *group,
            })
        })
        .collect()
}

/// The smallest set, in framework order, and the part of it that is
/// there for a threshold (not as a knock-out).
fn smallest_set(
    framework: &Framework,
    outcome: &Outcome,
    themes: &Themes<'_>,
    candidates: &[Candidate<'_>],
) -> (Vec<usize>, Vec<usize>) {
    let mut all: Vec<usize> = Vec::new();
    let mut for_threshold: Vec<usize> = Vec::new();
    for theme in &outcome.themes {
        if theme.status == Status::Pass {
            continue;
        }
        let group = themes.group(&theme.id);
        let all_mandatory = match group.and_then(|g| themes.groups.get(g)) {
            Some(g) => g.all_mandatory,
            None => all_mandatory(framework, &theme.id),
        };
        let members: Vec<&Candidate<'_>> = candidates
            .iter()
            .filter(|o| Some(o.group) == group)
            .collect();
        let (forced, extra) = theme_needs(theme, all_mandatory, outcome, themes, group, &members);
        all.extend(forced.iter().chain(&extra));
        for_threshold.extend(extra);
        // Under a layer the theme must pass each base's rule too.
        let floors = framework
            .themes
            .iter()
            .find(|t| t.id == theme.id)
            .map_or(&[][..], |t| t.floors.as_slice());
        for floor in floors {
            let (forced, extra) = floor_needs(floor, outcome, &members);
            all.extend(forced.iter().chain(&extra));
            for_threshold.extend(extra);
        }
    }
    all.sort_unstable();
    all.dedup();
    (all, for_threshold)
}

/// Whether a theme's rule makes its mandatory criteria knock-outs (`all
/// mandatory pass`); a mandatory criterion elsewhere only adds score.
fn all_mandatory(framework: &Framework, theme: &str) -> bool {
    framework
        .themes
        .iter()
        .find(|t| t.id == theme)
        .is_none_or(|t| t.all_mandatory)
}

/// What passing a criterion at its best level would add, in weight units.
fn gain(c: &CriterionOutcome) -> Ratio {
    let max = c.max_level.unwrap_or(1).max(1);
    let level = match c.status {
        Status::Unknown => 0,
        _ => c.level.unwrap_or(0),
    };
    c.weight
        .checked_mul(max.saturating_sub(level))
        .and_then(|n| Ratio::of(n, max))
        .unwrap_or(Ratio::ZERO)
}

/// The criteria a theme needs: every open mandatory one (when its rule
/// makes them knock-outs), then the fewest others, largest gain first, that
/// lift the score to the threshold.
fn theme_needs(
    theme: &ThemeOutcome,
    all_mandatory: bool,
    outcome: &Outcome,
    themes: &Themes<'_>,
    group: Option<usize>,
    members: &[&Candidate<'_>],
) -> (Vec<usize>, Vec<usize>) {
    let is_forced = |o: &Candidate<'_>| all_mandatory && o.open && o.outcome.mandatory;
    let forced: Vec<usize> = members
        .iter()
        .filter(|o| is_forced(o))
        .map(|o| o.index)
        .collect();
    let total = i128::from(themes.weight(group));
    let Some(threshold) = theme.threshold else {
        return (forced, Vec::new());
    };
    if total == 0 {
        return (forced, Vec::new());
    }
    // The points the theme has for sure, plus what the forced ones add.
    let mut points = outcome
        .criteria
        .iter()
        .zip(&themes.of)
        .filter(|(c, g)| Some(**g) == group && c.status == Status::Pass)
        .filter_map(|(c, _)| {
            let max = c.max_level.unwrap_or(1).max(1);
            c.weight
                .checked_mul(c.level.unwrap_or(1))
                .and_then(|n| Ratio::of(n, max))
        })
        .try_fold(Ratio::ZERO, Ratio::add)
        .unwrap_or(Ratio::ZERO);
    for o in members.iter().filter(|o| is_forced(o)) {
        points = points.add(o.gain).unwrap_or(points);
    }
    let rest = members
        .iter()
        .filter(|o| !is_forced(o))
        .map(|o| (o.gain, o.open, o.index))
        .collect();
    (forced, fewest(points, total, threshold, rest))
}

/// The fewest of `rest` (`(gain, open, index)`), largest gain first, that
/// lift `points` of `total` to `threshold`.
fn fewest(
    mut points: Ratio,
    total: i128,
    threshold: rust_decimal::Decimal,
    mut rest: Vec<(Ratio, bool, usize)>,
) -> Vec<usize> {
    rest.sort_by(|a, b| {
        b.0.compare(a.0)
            .unwrap_or(Ordering::Equal)
            .then(b.1.cmp(&a.1))
            .then(a.2.cmp(&b.2))
    });
    let mut extra = Vec::new();
    for (gain, _, index) in rest {
        if points.reaches(total, threshold).unwrap_or(false) {
            break;
        }
        if gain == Ratio::ZERO {
            continue;
        }
        points = points.add(gain).unwrap_or(points);
        extra.push(index);
    }
    extra
}

/// What a theme needs to pass the rule of a framework below a layer: as
/// [`theme_needs`], with the weights and knock-outs that framework gave
/// its criteria.
fn floor_needs(
    floor: &crate::compile::Floor,
    outcome: &Outcome,
    members: &[&Candidate<'_>],
) -> (Vec<usize>, Vec<usize>) {
    let of = |index: usize| {
        floor
            .members
            .iter()
            .find(|m| m.criterion as usize == index)
            .map(|m| (m.weight, m.mandatory))
    };
    let share = |weight: u64, levels: u64, max: u64| {
        weight
            .checked_mul(levels)
            .and_then(|n| Ratio::of(n, max.max(1)))
            .unwrap_or(Ratio::ZERO)
    };
    let mut total: i128 = 0;
    let mut points = Ratio::ZERO;
    for m in &floor.members {
        let Some(c) = outcome.criteria.get(m.criterion as usize) else {
            continue;
        };
        if matches!(c.status, Status::NotApplicable | Status::Waived) {
            continue;
        }
        total = total.saturating_add(i128::from(m.weight));
        if c.status == Status::Pass {
            let max = c.max_level.unwrap_or(1);
            points = points
                .add(share(m.weight, c.level.unwrap_or(1), max))
                .unwrap_or(points);
        }
    }
    let mut forced = Vec::new();
    let mut rest = Vec::new();
    for o in members {
        let Some((weight, mandatory)) = of(o.index) else {
            continue;
        };
        let max = o.outcome.max_level.unwrap_or(1).max(1);
        let level = match o.outcome.status {
            Status::Unknown => 0,
            _ => o.outcome.level.unwrap_or(0),
        };
        let gain = share(weight, max.saturating_sub(level), max);
        if floor.all_mandatory && o.open && mandatory {
            forced.push(o.index);
            points = points.add(gain).unwrap_or(points);
        } else {
            rest.push((gain, o.open, o.index));
        }
    }
    let extra = match floor.threshold {
        Some(threshold) if total > 0 => fewest(points, total, threshold, rest),
        _ => Vec::new(),
    };
    (forced, extra)
}

fn evidence_of(gaps: &[Gap]) -> Vec<String> {
    let mut paths: Vec<String> = Vec::new();
    for gap in gaps {
        for path in &gap.evidence {
            if !paths.contains(path) {
                paths.push(path.clone());
            }
        }
    }
    paths
}

/// The labels of the evidence of gaps, each once.
fn labels_of(gaps: &[Gap]) -> Vec<String> {
    let mut labels: Vec<String> = Vec::new();
    for label in gaps.iter().flat_map(|g| &g.plain.evidence) {
        if !labels.contains(label) {
            labels.push(label.clone());
        }
    }
    labels
}

/// What a gap needs, in plain words: "«Datum schouw» ligt in de
/// afgelopen 12 maanden (nu: 2 juni 2025)".
fn needed_plain(gap: &Gap, w: &Words) -> String {
    match (&gap.plain.message, gap.kind) {
        (Some(message), GapKind::Applicability) => message.clone(),
        _ => fill(
            w.needed_now,
            &[("norm", &gap.plain.norm), ("found", &gap.plain.found)],
        ),
    }
}

/// What raising a graded criterion that passes to its top level takes:
/// "van niveau 1 naar niveau 2 van 2: CONDITION", with the condition read
/// aloud for people, or in the framework's notation (`plain` false) for
/// the technical appendix.
fn raise(
    framework: &Framework,
    o: &Candidate<'_>,
    language: Language,
    plain: bool,
) -> Option<String> {
    let c = o.outcome;
    let max = c.max_level?;
    let compiled = framework.criteria.get(o.index)?;
    let (_, condition) = compiled
        .score
        .as_ref()?
        .levels
        .iter()
        .find(|(l, _)| *l == max)?;
    let condition = if plain {
        Verbaliser::plain(framework, language).condition(condition.expr)
    } else {
        condition.notation.clone()
    };
    Some(fill(
        crate::words::words(language).raise_level,
        &[
            ("level", &c.level.unwrap_or(0).to_string()),
            ("max", &max.to_string()),
            ("condition", &condition),
        ],
    ))
}

/// Buffers reused across a plan's gaps: a gap's subject and target are
/// parts of its sentence, not kept.
#[derive(Default)]
struct SentenceBuffers {
    subject: String,
    target: String,
}

/// What a gap needs, in words: "«Respons op de monitor»: van 52% naar minimaal 70%".
fn needed(framework: &Framework, gap: &Gap, w: &Words, buffers: &mut SentenceBuffers) -> String {
    let SentenceBuffers { subject, target } = buffers;
    subject.clear();
    for (i, p) in gap.evidence.iter().enumerate() {
        if i > 0 {
            subject.push_str(", ");
        }
        subject.push('«');
        subject.push_str(framework.evidence_label(p).unwrap_or(p));
        subject.push('»');
    }
    if gap.kind == GapKind::Applicability {
        return sentence(w.supply_to_decide, &[("subject", subject)]);
    }
    let expected = gap.expected.as_str();
    if expected.starts_with("present(") {
        return sentence(w.fill_in, &[("subject", subject)]);
    }
    let (op, value) = match expected.split_once(' ') {
        Some((op, value)) if matches!(op, ">=" | ">" | "<=" | "<" | "==" | "!=") => {
            (Some(op), value)
        }
        _ => (None, expected),
    };
    target.clear();
    match op {
        Some(">=") => fill_into(target, w.at_least, &[("value", value)]),
        Some(">") => fill_into(target, w.more_than, &[("value", value)]),
        Some("<=") => fill_into(target, w.at_most, &[("value", value)]),
        Some("<") => fill_into(target, w.less_than, &[("value", value)]),
        Some("!=") => fill_into(target, w.not_value, &[("value", own(value, w))]),
        Some(_) => target.push_str(own(value, w)),
        None => match expected.strip_prefix("within ") {
            Some(period) => fill_into(target, w.date_within, &[("period", &w.period(period))]),
            None => target.push_str(own(expected, w)),
        },
    }
    if gap.actual == crate::eval::MISSING {
        sentence(w.supply, &[("subject", subject), ("target", target)])
    } else {
        sentence(
            w.from_to,
            &[
                ("subject", subject),
                ("actual", own(&gap.actual, w)),
                ("target", target),
            ],
        )
    }
}

/// [`fill`] into a string allocated once, at about its final size.
fn sentence(template: &str, args: &[(&str, &str)]) -> String {
    let len = template.len() + args.iter().map(|(_, v)| v.len()).sum::<usize>();
    let mut out = String::with_capacity(len);
    fill_into(&mut out, template, args);
    out
}

/// `true` and `false` in the report's language; any other value as it is.
fn own<'a>(value: &'a str, w: &Words) -> &'a str {
    match value {
        "true" => w.yes,
        "false" => w.no,
        other => other,
    }
}
