//! Testing a framework change against sample locations.
//!
//! Two questions, in the order a policy maker asks them: what did the change
//! do to the framework ([`structure`]: criteria added, removed or changed,
//! thresholds tightened or loosened, evidence added or retyped), and what
//! does it do to the schools ([`impact`]: every sample location whose
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

use std::fmt::Write as _;
use std::num::NonZeroUsize;

use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::check::{Language, MessagePart};
use crate::compile::{
    CompiledCriterion, Condition, ExprId, Framework, Op, Requirement, Score, Test,
};
use crate::eval::{Decision, Stage};
use crate::evidence::{Evidence, EvidenceProblem, LoadOptions, Register};
use crate::outcome::{FrameworkRef, Gap, Outcome, Status, Verdict};
use crate::report::md;
use crate::syntax::ast::{ArithOp, CompareOp, Period, Unit};
use crate::value::{format_percent, format_value, Type, Value};

// ---------------------------------------------------------------------------
// The structural diff
// ---------------------------------------------------------------------------

/// What a change is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    /// The framework's header: id, title, version, language, validity.
    Framework,
    /// A declared piece of evidence.
    Evidence,
    /// A theme and its scoring rule.
    Theme,
    /// A criterion.
    Criterion,
}

impl Target {
    fn as_str(self) -> &'static str {
        match self {
            Target::Framework => "framework",
            Target::Evidence => "evidence",
            Target::Theme => "theme",
            Target::Criterion => "criterion",
        }
    }
}

/// What kind of change. "Tightened" means harder to meet, "loosened" easier;
/// for applicability, "narrowed" means the criterion applies to fewer
/// locations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// The framework's id.
    IdChanged,
    /// A title (framework, theme or criterion).
    TitleChanged,
    /// The framework's version.
    VersionChanged,
    /// The language of the framework's texts.
    LanguageChanged,
    /// How long a certificate lasts.
    ValidityChanged,
    /// A new evidence declaration.
    EvidenceAdded,
    /// An evidence declaration removed.
    EvidenceRemoved,
    /// An evidence declaration with another type.
    EvidenceRetyped,
    /// An evidence declaration with another label.
    EvidenceRelabelled,
    /// A new theme.
    ThemeAdded,
    /// A theme removed.
    ThemeRemoved,
    /// A theme's score threshold raised.
    ThresholdTightened,
    /// A theme's score threshold lowered.
    ThresholdLoosened,
    /// A theme now fails when a mandatory criterion fails.
    MandatoryRuleAdded,
    /// A theme no longer fails on a mandatory criterion alone.
    MandatoryRuleDropped,
    /// A new criterion.
    CriterionAdded,
    /// A criterion removed.
    CriterionRemoved,
    /// A criterion in another theme.
    CriterionMoved,
    /// A criterion made mandatory.
    MandatoryAdded,
    /// A criterion no longer mandatory.
    MandatoryRemoved,
    /// A criterion's weight raised.
    WeightRaised,
    /// A criterion's weight lowered.
    WeightLowered,
    /// A criterion applies to fewer locations.
    ApplicabilityNarrowed,
    /// A criterion applies to more locations.
    ApplicabilityWidened,
    /// A criterion applies to other locations.
    ApplicabilityChanged,
    /// A new requirement.
    RequirementAdded,
    /// A requirement removed.
    RequirementRemoved,
    /// A requirement harder to meet.
    RequirementTightened,
    /// A requirement easier to meet.
    RequirementLoosened,
    /// A requirement changed with no one direction.
    RequirementChanged,
    /// Score levels harder to reach.
    ScoreTightened,
    /// Score levels easier to reach.
    ScoreLoosened,
    /// Score levels changed with no one direction.
    ScoreChanged,
    /// A requirement's message (its rule unchanged).
    MessageChanged,
    /// Who must act on a gap.
    OwnerChanged,
    /// The legal basis.
    LegalChanged,
    /// The guidance for improvement plans.
    GuidanceChanged,
}

impl ChangeKind {
    /// The change in words, as reports print it.
    pub fn phrase(self) -> &'static str {
        match self {
            ChangeKind::IdChanged => "id changed",
            ChangeKind::TitleChanged => "title changed",
            ChangeKind::VersionChanged => "version changed",
            ChangeKind::LanguageChanged => "language changed",
            ChangeKind::ValidityChanged => "validity changed",
            ChangeKind::EvidenceAdded => "added",
            ChangeKind::EvidenceRemoved => "removed",
            ChangeKind::EvidenceRetyped => "type changed",
            ChangeKind::EvidenceRelabelled => "label changed",
            ChangeKind::ThemeAdded => "added",
            ChangeKind::ThemeRemoved => "removed",
            ChangeKind::ThresholdTightened => "threshold tightened",
            ChangeKind::ThresholdLoosened => "threshold loosened",
            ChangeKind::MandatoryRuleAdded => "all mandatory criteria must now pass",
            ChangeKind::MandatoryRuleDropped => "mandatory criteria no longer decide the theme",
            ChangeKind::CriterionAdded => "added",
            ChangeKind::CriterionRemoved => "removed",
            ChangeKind::CriterionMoved => "moved to another theme",
            ChangeKind::MandatoryAdded => "made mandatory",
            ChangeKind::MandatoryRemoved => "no longer mandatory",
            ChangeKind::WeightRaised => "weight raised",
            ChangeKind::WeightLowered => "weight lowered",
            ChangeKind::ApplicabilityNarrowed => "applies to fewer locations",
            ChangeKind::ApplicabilityWidened => "applies to more locations",
            ChangeKind::ApplicabilityChanged => "applicability changed",
            ChangeKind::RequirementAdded => "requirement added",
            ChangeKind::RequirementRemoved => "requirement removed",
            ChangeKind::RequirementTightened => "requirement tightened",
            ChangeKind::RequirementLoosened => "requirement loosened",
            ChangeKind::RequirementChanged => "requirement changed",
            ChangeKind::ScoreTightened => "scoring tightened",
            ChangeKind::ScoreLoosened => "scoring loosened",
            ChangeKind::ScoreChanged => "scoring changed",
            ChangeKind::MessageChanged => "message changed",
            ChangeKind::OwnerChanged => "owner changed",
            ChangeKind::LegalChanged => "legal basis changed",
            ChangeKind::GuidanceChanged => "guidance changed",
        }
    }
}

/// One difference between two frameworks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    /// What it is about.
    pub target: Target,
    /// The criterion or theme id, or the evidence path; empty for the
    /// framework itself.
    pub id: String,
    /// The criterion's or theme's title (the new one where both exist).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// What kind of change.
    pub kind: ChangeKind,
    /// Before, in the framework's notation (rules as the author wrote them).
    pub before: Option<String>,
    /// After, in the framework's notation.
    pub after: Option<String>,
}

/// The differences between two frameworks, in reading order: the header,
/// evidence declarations, themes, then criteria (new framework order, then
/// removed ones in their old order).
pub fn structure(old: &Framework, new: &Framework) -> Vec<Change> {
    let mut changes = Vec::new();
    header(old, new, &mut changes);
    evidence(old, new, &mut changes);
    themes(old, new, &mut changes);
    for c in &new.criteria {
        match old.criteria.iter().find(|o| o.id == c.id) {
            Some(o) => criterion(old, o, new, c, &mut changes),
            None => changes.push(Change {
                target: Target::Criterion,
                id: c.id.clone(),
                title: Some(c.title.clone()),
                kind: ChangeKind::CriterionAdded,
                before: None,
                after: Some(criterion_summary(new, c)),
            }),
        }
    }
    for o in &old.criteria {
        if !new.criteria.iter().any(|c| c.id == o.id) {
            changes.push(Change {
                target: Target::Criterion,
                id: o.id.clone(),
                title: Some(o.title.clone()),
                kind: ChangeKind::CriterionRemoved,
                before: Some(criterion_summary(old, o)),
                after: None,
            });
        }
    }
    changes
}

fn change(
    target: Target,
    id: &str,
    title: Option<&str>,
    kind: ChangeKind,
    before: Option<String>,
    after: Option<String>,
) -> Change {
    Change {
        target,
        id: id.to_string(),
        title: title.map(str::to_string),
        kind,
        before,
        after,
    }
}

fn header(old: &Framework, new: &Framework, out: &mut Vec<Change>) {
    let mut field = |kind, before: String, after: String| {
        if before != after {
            out.push(change(
                Target::Framework,
                "",
                None,
                kind,
                Some(before),
                Some(after),
            ));
        }
    };
    field(ChangeKind::IdChanged, old.id.clone(), new.id.clone());
    field(
        ChangeKind::TitleChanged,
        old.title.clone(),
        new.title.clone(),
    );
    field(
        ChangeKind::VersionChanged,
        old.version.clone(),
        new.version.clone(),
    );
    field(
        ChangeKind::LanguageChanged,
        language(old.language).to_string(),
        language(new.language).to_string(),
    );
    field(
        ChangeKind::ValidityChanged,
        old.validity
            .map_or_else(|| "none".to_string(), |p| p.to_string()),
        new.validity
            .map_or_else(|| "none".to_string(), |p| p.to_string()),
    );
}

fn language(language: Language) -> &'static str {
    match language {
        Language::Nl => "nl",
        Language::En => "en",
    }
}

fn declaration(ty: &Type, label: Option<&str>) -> String {
    match label {
        Some(label) => format!("{} {label:?}", ty.notation()),
        None => ty.notation(),
    }
}

fn evidence(old: &Framework, new: &Framework, out: &mut Vec<Change>) {
    for slot in &new.slots {
        let previous = old
            .slot_by_path
            .get(&slot.path)
            .and_then(|i| old.slots.get(*i as usize));
        let Some(previous) = previous else {
            out.push(change(
                Target::Evidence,
                &slot.path,
                None,
                ChangeKind::EvidenceAdded,
                None,
                Some(declaration(&slot.ty, slot.label.as_deref())),
            ));
            continue;
        };
        if previous.ty != slot.ty {
            out.push(change(
                Target::Evidence,
                &slot.path,
                None,
                ChangeKind::EvidenceRetyped,
                Some(previous.ty.notation()),
                Some(slot.ty.notation()),
            ));
        }
        if previous.label != slot.label {
            out.push(change(
                Target::Evidence,
                &slot.path,
                None,
                ChangeKind::EvidenceRelabelled,
                previous.label.clone(),
                slot.label.clone(),
            ));
        }
    }
    for slot in &old.slots {
        if !new.slot_by_path.contains_key(&slot.path) {
            out.push(change(
                Target::Evidence,
                &slot.path,
                None,
                ChangeKind::EvidenceRemoved,
                Some(declaration(&slot.ty, slot.label.as_deref())),
                None,
            ));
        }
    }
}

fn threshold_text(t: Option<Decimal>) -> String {
    t.map_or_else(|| "none".to_string(), format_percent)
}

fn themes(old: &Framework, new: &Framework, out: &mut Vec<Change>) {
    for t in &new.themes {
        let title = Some(t.title.as_str());
        let Some(o) = old.themes.iter().find(|o| o.id == t.id) else {
            out.push(change(
                Target::Theme,
                &t.id,
                title,
                ChangeKind::ThemeAdded,
                None,
                Some(theme_rule(t.all_mandatory, t.threshold)),
            ));
            continue;
        };
        if o.title != t.title {
            out.push(change(
                Target::Theme,
                &t.id,
                title,
                ChangeKind::TitleChanged,
                Some(o.title.clone()),
                Some(t.title.clone()),
            ));
        }
        let before = o.threshold.unwrap_or(Decimal::ZERO);
        let after = t.threshold.unwrap_or(Decimal::ZERO);
        if before != after {
            let kind = if after > before {
                ChangeKind::ThresholdTightened
            } else {
                ChangeKind::ThresholdLoosened
            };
            out.push(change(
                Target::Theme,
                &t.id,
                title,
                kind,
                Some(threshold_text(o.threshold)),
                Some(threshold_text(t.threshold)),
            ));
        }
        if o.all_mandatory != t.all_mandatory {
            let kind = if t.all_mandatory {
                ChangeKind::MandatoryRuleAdded
            } else {
                ChangeKind::MandatoryRuleDropped
            };
            out.push(change(
                Target::Theme,
                &t.id,
                title,
                kind,
                Some(theme_rule(o.all_mandatory, o.threshold)),
                Some(theme_rule(t.all_mandatory, t.threshold)),
            ));
        }
    }
    for o in &old.themes {
        if !new.themes.iter().any(|t| t.id == o.id) {
            out.push(change(
                Target::Theme,
                &o.id,
                Some(&o.title),
                ChangeKind::ThemeRemoved,
                Some(theme_rule(o.all_mandatory, o.threshold)),
                None,
            ));
        }
    }
}

/// A theme's scoring rule in the framework's notation.
fn theme_rule(all_mandatory: bool, threshold: Option<Decimal>) -> String {
    match (all_mandatory, threshold) {
        (true, Some(t)) => format!("all mandatory pass and score >= {}", format_percent(t)),
        (true, None) => "all mandatory pass".to_string(),
        (false, Some(t)) => format!("score >= {}", format_percent(t)),
        (false, None) => "always".to_string(),
    }
}

fn theme_id(fw: &Framework, c: &CompiledCriterion) -> String {
    fw.themes
        .get(c.theme as usize)
        .map(|t| t.id.clone())
        .unwrap_or_default()
}

/// A criterion in one line: where it sits and what it asks.
fn criterion_summary(fw: &Framework, c: &CompiledCriterion) -> String {
    let mut parts = vec![format!("theme {}", theme_id(fw, c))];
    if c.mandatory {
        parts.push("mandatory".to_string());
    }
    if c.weight != 1 {
        parts.push(format!("weight {}", c.weight));
    }
    if let Some(a) = &c.applies {
        parts.push(format!("applies when {}", a.notation));
    }
    for r in &c.requirements {
        parts.push(format!("require {}", r.condition.notation));
    }
    if let Some(s) = &c.score {
        parts.push(format!("score {{ {} }}", score_notation(s)));
    }
    parts.join("; ")
}

fn score_notation(s: &Score) -> String {
    let mut parts: Vec<String> = s
        .levels
        .iter()
        .map(|(level, c)| format!("{level} when {}", c.notation))
        .collect();
    parts.push(format!("{} otherwise", s.otherwise));
    parts.join("; ")
}

fn criterion(
    old_fw: &Framework,
    o: &CompiledCriterion,
    new_fw: &Framework,
    c: &CompiledCriterion,
    out: &mut Vec<Change>,
) {
    let push = |out: &mut Vec<Change>, kind, before: Option<String>, after: Option<String>| {
        out.push(change(
            Target::Criterion,
            &c.id,
            Some(&c.title),
            kind,
            before,
            after,
        ));
    };
    let (old_theme, new_theme) = (theme_id(old_fw, o), theme_id(new_fw, c));
    if old_theme != new_theme {
        push(
            out,
            ChangeKind::CriterionMoved,
            Some(old_theme),
            Some(new_theme),
        );
    }
    if o.title != c.title {
        push(
            out,
            ChangeKind::TitleChanged,
            Some(o.title.clone()),
            Some(c.title.clone()),
        );
    }
    if o.mandatory != c.mandatory {
        let kind = if c.mandatory {
            ChangeKind::MandatoryAdded
        } else {
            ChangeKind::MandatoryRemoved
        };
        push(out, kind, None, None);
    }
    if o.weight != c.weight {
        let kind = if c.weight > o.weight {
            ChangeKind::WeightRaised
        } else {
            ChangeKind::WeightLowered
        };
        push(
            out,
            kind,
            Some(o.weight.to_string()),
            Some(c.weight.to_string()),
        );
    }
    let cmp = Comparer {
        old: old_fw,
        new: new_fw,
        shared: Default::default(),
    };
    match (&o.applies, &c.applies) {
        (None, None) => {}
        (None, Some(a)) => push(
            out,
            ChangeKind::ApplicabilityNarrowed,
            Some("always".to_string()),
            Some(a.notation.clone()),
        ),
        (Some(a), None) => push(
            out,
            ChangeKind::ApplicabilityWidened,
            Some(a.notation.clone()),
            Some("always".to_string()),
        ),
        (Some(a), Some(b)) => {
            let kind = match cmp.conditions(a, b) {
                Shift::Same => None,
                Shift::Easier => Some(ChangeKind::ApplicabilityWidened),
                Shift::Harder => Some(ChangeKind::ApplicabilityNarrowed),
                Shift::Other => Some(ChangeKind::ApplicabilityChanged),
            };
            if let Some(kind) = kind {
                push(
                    out,
                    kind,
                    Some(a.notation.clone()),
                    Some(b.notation.clone()),
                );
            }
        }
    }
    for (before, after) in pair_requirements(&cmp, &o.requirements, &c.requirements) {
        match (before, after) {
            (Some(a), Some(b)) => {
                let kind = match cmp.conditions(&a.condition, &b.condition) {
                    Shift::Same => {
                        if !same_message(old_fw, a, new_fw, b) {
                            push(
                                out,
                                ChangeKind::MessageChanged,
                                message_text(old_fw, a),
                                message_text(new_fw, b),
                            );
                        }
                        continue;
                    }
                    Shift::Easier => ChangeKind::RequirementLoosened,
                    Shift::Harder => ChangeKind::RequirementTightened,
                    Shift::Other => ChangeKind::RequirementChanged,
                };
                push(
                    out,
                    kind,
                    Some(a.condition.notation.clone()),
                    Some(b.condition.notation.clone()),
                );
            }
            (None, Some(b)) => push(
                out,
                ChangeKind::RequirementAdded,
                None,
                Some(b.condition.notation.clone()),
            ),
            (Some(a), None) => push(
                out,
                ChangeKind::RequirementRemoved,
                Some(a.condition.notation.clone()),
                None,
            ),
            (None, None) => {}
        }
    }
    let score_kind = match (&o.score, &c.score) {
        (None, None) => None,
        (Some(_), None) | (None, Some(_)) => Some(ChangeKind::ScoreChanged),
        (Some(a), Some(b)) => match cmp.scores(a, b) {
            Shift::Same => None,
            Shift::Easier => Some(ChangeKind::ScoreLoosened),
            Shift::Harder => Some(ChangeKind::ScoreTightened),
            Shift::Other => Some(ChangeKind::ScoreChanged),
        },
    };
    if let Some(kind) = score_kind {
        push(
            out,
            kind,
            o.score.as_ref().map(score_notation),
            c.score.as_ref().map(score_notation),
        );
    }
    if o.owner != c.owner {
        push(
            out,
            ChangeKind::OwnerChanged,
            Some(o.owner.name().to_string()),
            Some(c.owner.name().to_string()),
        );
    }
    if o.legal != c.legal {
        push(
            out,
            ChangeKind::LegalChanged,
            o.legal.clone(),
            c.legal.clone(),
        );
    }
    if o.guidance != c.guidance {
        push(
            out,
            ChangeKind::GuidanceChanged,
            o.guidance.clone(),
            c.guidance.clone(),
        );
    }
}

/// Pairs old and new requirements: identical rules first, wherever they
/// moved; what is left pairs up in order, and the rest is added or removed.
fn pair_requirements<'r>(
    cmp: &Comparer<'_>,
    old: &'r [Requirement],
    new: &'r [Requirement],
) -> Vec<(Option<&'r Requirement>, Option<&'r Requirement>)> {
    let mut taken = vec![false; old.len()];
    let mut partner: Vec<Option<usize>> = vec![None; new.len()];
    for (n, slot) in new.iter().zip(partner.iter_mut()) {
        let found = old.iter().zip(taken.iter()).position(|(o, used)| {
            !used && cmp.conditions(&o.condition, &n.condition) == Shift::Same
        });
        if let Some(i) = found {
            if let Some(t) = taken.get_mut(i) {
                *t = true;
            }
            *slot = Some(i);
        }
    }
    let mut rest = taken
        .iter()
        .enumerate()
        .filter(|(_, used)| !**used)
        .map(|(i, _)| i)
        .collect::<Vec<_>>()
        .into_iter();
    for slot in &mut partner {
        if slot.is_none() {
            *slot = rest.next();
        }
    }
    let mut pairs: Vec<_> = new
        .iter()
        .zip(&partner)
        .map(|(n, p)| (p.and_then(|i| old.get(i)), Some(n)))
        .collect();
    pairs.extend(rest.filter_map(|i| old.get(i)).map(|o| (Some(o), None)));
    pairs
}

fn message_text(fw: &Framework, r: &Requirement) -> Option<String> {
    let parts = r.message.as_ref()?;
    let mut text = String::new();
    for part in parts {
        match part {
            MessagePart::Literal(l) => text.push_str(l),
            MessagePart::Slot(s) => {
                let path = fw.slots.get(*s).map_or("?", |s| s.path.as_str());
                let _ = write!(text, "{{{path}}}");
            }
        }
    }
    Some(text)
}

fn same_message(old: &Framework, a: &Requirement, new: &Framework, b: &Requirement) -> bool {
    message_text(old, a) == message_text(new, b)
}

/// How a condition moved: the same, easier or harder to meet, or changed in
/// a way that has no one direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shift {
    Same,
    Easier,
    Harder,
    Other,
}

impl Shift {
    fn of(shape_same: bool, effects: &[i8]) -> Shift {
        if !shape_same {
            Shift::Other
        } else if effects.is_empty() {
            Shift::Same
        } else if effects.iter().all(|e| *e > 0) {
            Shift::Easier
        } else if effects.iter().all(|e| *e < 0) {
            Shift::Harder
        } else {
            Shift::Other
        }
    }

    fn combine(self, other: Shift) -> Shift {
        match (self, other) {
            (Shift::Same, x) | (x, Shift::Same) => x,
            (a, b) if a == b => a,
            _ => Shift::Other,
        }
    }
}

/// Compares compiled conditions of two frameworks. Two conditions have the
/// same shape when they differ at most in constants (numbers, dates,
/// windows, sets); each differing constant is then judged by its direction:
/// `x >= 70%` → `x >= 80%` is harder, `within 12 months` → `within 24
/// months` easier. Arithmetic is read with non-negative evidence in mind
/// (counts, shares, people), as every framework so far uses it.
struct Comparer<'a> {
    old: &'a Framework,
    new: &'a Framework,
    /// Pairs compared where one side is a define, with the outcome: whether
    /// the shapes match and which effects (-1, 0, +1) were seen. A define
    /// used many times is compared once per pair and sign.
    shared: std::cell::RefCell<std::collections::HashMap<(ExprId, ExprId, i8), ShapeAndEffects>>,
}

/// Whether two conditions have the same shape, and which effects (-1, 0,
/// +1) their constants have.
type ShapeAndEffects = (bool, [bool; 3]);

/// What a constant is compared with, to compare enum members by name.
type Hint<'t> = Option<&'t Type>;

impl Comparer<'_> {
    fn conditions(&self, a: &Condition, b: &Condition) -> Shift {
        let mut effects = Vec::new();
        let same = self.expr(a.expr, b.expr, 1, (None, None), &mut effects);
        Shift::of(same, &effects)
    }

    fn scores(&self, a: &Score, b: &Score) -> Shift {
        let levels_match = a.levels.len() == b.levels.len()
            && a.otherwise == b.otherwise
            && a.max == b.max
            && a.levels.iter().zip(&b.levels).all(|(x, y)| x.0 == y.0);
        if !levels_match {
            return Shift::Other;
        }
        a.levels
            .iter()
            .zip(&b.levels)
            .fold(Shift::Same, |acc, ((_, x), (_, y))| {
                acc.combine(self.conditions(x, y))
            })
    }

    fn slot_type<'f>(fw: &'f Framework, id: ExprId) -> Hint<'f> {
        match fw.exprs.get(fw.beneath(id) as usize)? {
            Op::Slot(s) => Some(&fw.slots.get(*s as usize)?.ty),
            _ => None,
        }
    }

    fn element_type(fw: &Framework, slot: u32) -> Hint<'_> {
        match &fw.slots.get(slot as usize)?.ty {
            Type::List(e) => Some(e),
            other => Some(other),
        }
    }

    /// Whether `a` (old) and `b` (new) have the same shape; `sign` says
    /// whether a larger value here makes the condition easier (1), harder
    /// (-1) or neither (0); each differing constant adds its effect.
    fn expr(
        &self,
        a: ExprId,
        b: ExprId,
        sign: i8,
        hint: (Hint<'_>, Hint<'_>),
        effects: &mut Vec<i8>,
    ) -> bool {
        let (Some(x), Some(y)) = (
            self.old.exprs.get(a as usize),
            self.new.exprs.get(b as usize),
        ) else {
            return false;
        };
        match (x, y) {
            (Op::Define(..), _) | (_, Op::Define(..)) => {
                let key = (a, b, sign);
                let known = self.shared.borrow().get(&key).copied();
                let (same, seen) = match known {
                    Some(known) => known,
                    None => {
                        let below = |op: &Op, id: ExprId| match op {
                            Op::Define(_, inner) => *inner,
                            _ => id,
                        };
                        let mut inner = Vec::new();
                        let same = self.expr(below(x, a), below(y, b), sign, hint, &mut inner);
                        let seen = [-1, 0, 1].map(|e| inner.contains(&e));
                        self.shared.borrow_mut().insert(key, (same, seen));
                        (same, seen)
                    }
                };
                for (effect, seen) in [-1, 0, 1].into_iter().zip(seen) {
                    if seen {
                        effects.push(effect);
                    }
                }
                same
            }
            (Op::Const(v), Op::Const(w)) => {
                if !same_value(v, hint.0, w, hint.1) {
                    effects.push(order(v, w).map_or(0, |o| o * sign));
                }
                true
            }
            (Op::Slot(s), Op::Slot(t)) | (Op::Present(s), Op::Present(t)) => self.same_slot(*s, *t),
            (Op::Count(s, ta), Op::Count(t, tb)) => {
                if !self.same_slot(*s, *t) {
                    return false;
                }
                let hint = (
                    Self::element_type(self.old, *s),
                    Self::element_type(self.new, *t),
                );
                match (ta, tb) {
                    (None, None) => true,
                    // More elements passing the test means a larger count.
                    (Some(ta), Some(tb)) => self.test(ta, tb, sign, hint, effects),
                    _ => false,
                }
            }
            (Op::Not(i), Op::Not(j)) => self.expr(*i, *j, -sign, (None, None), effects),
            (Op::Neg(i), Op::Neg(j)) => self.expr(*i, *j, -sign, (None, None), effects),
            (Op::Logic(p, s1, n1), Op::Logic(q, s2, n2)) => {
                if p != q || n1 != n2 {
                    return false;
                }
                let (Some(xs), Some(ys)) = (
                    self.old
                        .operands
                        .get(*s1 as usize..(*s1 as usize).saturating_add(*n1 as usize)),
                    self.new
                        .operands
                        .get(*s2 as usize..(*s2 as usize).saturating_add(*n2 as usize)),
                ) else {
                    return false;
                };
                let mut same = true;
                for (i, j) in xs.iter().zip(ys) {
                    same &= self.expr(*i, *j, sign, (None, None), effects);
                }
                same
            }
            (Op::Compare(p, l1, r1), Op::Compare(q, l2, r2)) => {
                if p != q {
                    return false;
                }
                let (left, right) = compare_signs(*p, sign);
                let left_hint = (
                    Self::slot_type(self.old, *r1),
                    Self::slot_type(self.new, *r2),
                );
                let right_hint = (
                    Self::slot_type(self.old, *l1),
                    Self::slot_type(self.new, *l2),
                );
                let l = self.expr(*l1, *l2, left, left_hint, effects);
                let r = self.expr(*r1, *r2, right, right_hint, effects);
                l && r
            }
            (Op::Arith(p, l1, r1), Op::Arith(q, l2, r2)) => {
                if p != q {
                    return false;
                }
                let right = match p {
                    ArithOp::Add | ArithOp::Mul => sign,
                    ArithOp::Sub | ArithOp::Div => -sign,
                };
                let l = self.expr(*l1, *l2, sign, (None, None), effects);
                let r = self.expr(*r1, *r2, right, (None, None), effects);
                l && r
            }
            (Op::Test(s1, ta), Op::Test(s2, tb)) => {
                let hint = (
                    Self::slot_type(self.old, *s1),
                    Self::slot_type(self.new, *s2),
                );
                let subject_sign = match (ta, tb) {
                    (Test::Compare(op, _), _) => compare_signs(*op, sign).0,
                    _ => 0,
                };
                let s = self.expr(*s1, *s2, subject_sign, (None, None), effects);
                let t = self.test(ta, tb, sign, hint, effects);
                s && t
            }
            _ => false,
        }
    }

    fn test(
        &self,
        a: &Test,
        b: &Test,
        sign: i8,
        hint: (Hint<'_>, Hint<'_>),
        effects: &mut Vec<i8>,
    ) -> bool {
        match (a, b) {
            (Test::Within(p), Test::Within(q)) => {
                if p != q {
                    // A longer window is easier to be in.
                    effects.push(sign * cmp_sign(approx_days(*q).cmp(&approx_days(*p))));
                }
                true
            }
            // A later bound lets more dates be before it, fewer after it.
            (Test::Before(i), Test::Before(j)) => self.expr(*i, *j, sign, hint, effects),
            (Test::After(i), Test::After(j)) => self.expr(*i, *j, -sign, hint, effects),
            (Test::Compare(p, i), Test::Compare(q, j)) => {
                p == q && self.expr(*i, *j, compare_signs(*p, sign).1, hint, effects)
            }
            (
                Test::In {
                    negated: n1,
                    set: s1,
                },
                Test::In {
                    negated: n2,
                    set: s2,
                },
            ) => {
                if n1 != n2 {
                    return false;
                }
                let mut before: Vec<String> = s1.iter().map(|v| key(v, hint.0)).collect();
                let mut after: Vec<String> = s2.iter().map(|v| key(v, hint.1)).collect();
                before.sort();
                before.dedup();
                after.sort();
                after.dedup();
                if before != after {
                    let grew = before.iter().all(|v| after.contains(v));
                    let shrank = after.iter().all(|v| before.contains(v));
                    let membership = match (grew, shrank) {
                        (true, _) => 1,
                        (_, true) => -1,
                        _ => 0,
                    };
                    let effect = if *n1 { -membership } else { membership };
                    effects.push(effect * sign);
                }
                true
            }
            _ => false,
        }
    }

    fn same_slot(&self, s: u32, t: u32) -> bool {
        match (
            self.old.slots.get(s as usize),
            self.new.slots.get(t as usize),
        ) {
            (Some(a), Some(b)) => a.path == b.path && a.ty == b.ty,
            _ => false,
        }
    }
}

/// The signs of a comparison's sides: for `l >= r`, a larger `l` makes it
/// easier and a larger `r` harder.
fn compare_signs(op: CompareOp, sign: i8) -> (i8, i8) {
    match op {
        CompareOp::Ge | CompareOp::Gt => (sign, -sign),
        CompareOp::Le | CompareOp::Lt => (-sign, sign),
        CompareOp::Eq | CompareOp::Ne => (0, 0),
    }
}

fn cmp_sign(o: std::cmp::Ordering) -> i8 {
    match o {
        std::cmp::Ordering::Less => -1,
        std::cmp::Ordering::Equal => 0,
        std::cmp::Ordering::Greater => 1,
    }
}

/// A period's length in hundredths of a day, to compare `12 months` with
/// `1 year` or `365 days`.
fn approx_days(p: Period) -> u64 {
    let per_unit = match p.unit {
        Unit::Days => 100,
        Unit::Weeks => 700,
        Unit::Months => 3_044,
        Unit::Years => 36_525,
    };
    u64::from(p.amount) * per_unit
}

/// Whether `w` (new) is larger than `v` (old): 1, -1, or `None` when the
/// values have no order (texts, members) or differ in kind.
fn order(v: &Value, w: &Value) -> Option<i8> {
    match (v, w) {
        (Value::Number(a), Value::Number(b)) => Some(cmp_sign(b.cmp(a))),
        (Value::Date(a), Value::Date(b)) => Some(cmp_sign(b.cmp(a))),
        (Value::Bool(a), Value::Bool(b)) => Some(cmp_sign(b.cmp(a))),
        _ => None,
    }
    .filter(|o| *o != 0)
}

fn key(v: &Value, hint: Hint<'_>) -> String {
    match hint {
        Some(ty) => format_value(v, ty),
        None => v.to_string(),
    }
}

fn same_value(v: &Value, hv: Hint<'_>, w: &Value, hw: Hint<'_>) -> bool {
    match (v, w) {
        (Value::Member(_), Value::Member(_)) => key(v, hv) == key(w, hw),
        _ => v == w,
    }
}

// ---------------------------------------------------------------------------
// The outcome diff
// ---------------------------------------------------------------------------

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
    #[serde(serialize_with = "share")]
    pub score_before: Option<Decimal>,
    /// The score after (lower bound), as a share.
    #[serde(serialize_with = "share")]
    pub score_after: Option<Decimal>,
    /// The threshold before, as a share.
    #[serde(serialize_with = "share")]
    pub threshold_before: Option<Decimal>,
    /// The threshold after, as a share.
    #[serde(serialize_with = "share")]
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

fn share<S: serde::Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    match d.and_then(|d| d.normalize().to_string().parse::<f64>().ok()) {
        Some(f) => s.serialize_f64(f),
        None => s.serialize_none(),
    }
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
        .unwrap_or_else(crate::batch::available_threads);
    let results = crate::batch::map_ordered(samples.iter().collect(), threads, &|sample| {
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

// ---------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}

impl Summary {
    /// The summary in one sentence: "12 of 340 locations lose
    /// certification, 3 gain it, 41 change in a criterion."
    pub fn sentence(&self) -> String {
        let mut parts = vec![
            format!(
                "{} of {} {} {} certification",
                self.lose_certification,
                self.locations,
                plural(self.locations, "location", "locations"),
                plural(self.lose_certification, "loses", "lose"),
            ),
            format!(
                "{} {} it",
                self.gain_certification,
                plural(self.gain_certification, "gains", "gain")
            ),
            format!(
                "{} {} in a criterion",
                self.criterion_changed,
                plural(self.criterion_changed, "changes", "change")
            ),
        ];
        let other = self
            .verdict_changed
            .saturating_sub(self.lose_certification + self.gain_certification);
        if other > 0 {
            parts.push(format!(
                "{other} {} between not certified and insufficient evidence",
                plural(other, "moves", "move")
            ));
        }
        if self.no_longer_load > 0 {
            parts.push(format!(
                "{} no longer {} under the new framework",
                self.no_longer_load,
                plural(self.no_longer_load, "loads", "load")
            ));
        }
        if self.newly_load > 0 {
            parts.push(format!(
                "{} {} only under the new framework",
                self.newly_load,
                plural(self.newly_load, "loads", "load")
            ));
        }
        if self.not_evaluated > 0 {
            parts.push(format!(
                "{} {} under neither framework",
                self.not_evaluated,
                plural(self.not_evaluated, "loads", "load")
            ));
        }
        format!("{}.", parts.join(", "))
    }
}

fn verdict_text(v: Option<Verdict>) -> &'static str {
    match v {
        Some(Verdict::Certified) => "certified",
        Some(Verdict::NotCertified) => "not certified",
        Some(Verdict::InsufficientEvidence) => "insufficient evidence",
        None => "does not load",
    }
}

fn status_text(s: Option<Status>) -> &'static str {
    match s {
        Some(s) => s.as_str(),
        None => "absent",
    }
}

fn share_text(d: Option<Decimal>) -> String {
    d.map_or_else(|| "-".to_string(), |d| format_percent(d.round_dp(3)))
}

fn framework_text(f: &FrameworkRef) -> String {
    format!("{} {}", f.id, f.version)
}

impl Change {
    /// Where the change is, for people: `criterion S4 "Representatieve respons"`.
    pub fn place(&self) -> String {
        match (&self.target, &self.title) {
            (Target::Framework, _) => "framework".to_string(),
            (target, Some(title)) => format!("{} {} {title:?}", target.as_str(), self.id),
            (target, None) => format!("{} {}", target.as_str(), self.id),
        }
    }

    /// Whether before and after fit on one line: short values (a weight, a
    /// threshold, a version), never rules, which are easier to compare one
    /// above the other.
    fn inline(&self) -> bool {
        let rule = matches!(
            self.kind,
            ChangeKind::ApplicabilityNarrowed
                | ChangeKind::ApplicabilityWidened
                | ChangeKind::ApplicabilityChanged
                | ChangeKind::RequirementAdded
                | ChangeKind::RequirementRemoved
                | ChangeKind::RequirementTightened
                | ChangeKind::RequirementLoosened
                | ChangeKind::RequirementChanged
                | ChangeKind::ScoreTightened
                | ChangeKind::ScoreLoosened
                | ChangeKind::ScoreChanged
                | ChangeKind::CriterionAdded
                | ChangeKind::CriterionRemoved
        );
        let short = |s: &Option<String>| s.as_ref().is_none_or(|s| s.chars().count() <= 24);
        !rule && short(&self.before) && short(&self.after)
    }

    /// The same words before and after: the meaning changed through a
    /// define or an evidence type the rule uses.
    fn same_words(&self) -> bool {
        self.before.is_some() && self.before == self.after
    }
}

impl ThemeChange {
    fn detail(&self) -> String {
        let mut parts = vec![if self.score_before == self.score_after {
            format!("score {}", share_text(self.score_after))
        } else {
            format!(
                "score {} → {}",
                share_text(self.score_before),
                share_text(self.score_after)
            )
        }];
        if self.threshold_before == self.threshold_after {
            parts.push(format!("threshold {}", share_text(self.threshold_after)));
        } else {
            parts.push(format!(
                "threshold {} → {}",
                share_text(self.threshold_before),
                share_text(self.threshold_after)
            ));
        }
        if !self.failed_mandatory_after.is_empty() {
            parts.push(format!(
                "mandatory not met: {}",
                self.failed_mandatory_after.join(", ")
            ));
        }
        parts.join(", ")
    }
}

fn gap_line(gap: &Gap) -> String {
    let evidence = if gap.evidence.is_empty() {
        String::new()
    } else {
        format!("{}: ", gap.evidence.join(", "))
    };
    format!(
        "{evidence}required {}, found {} ({})",
        gap.expected,
        gap.actual,
        match gap.kind {
            crate::outcome::GapKind::Failed => "failed",
            crate::outcome::GapKind::Missing => "missing",
            crate::outcome::GapKind::Applicability => "applicability unknown",
        }
    )
}

impl Impact {
    /// The report as plain text for a terminal.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{} → {}",
            framework_text(&self.before),
            framework_text(&self.after)
        );
        let _ = writeln!(out);
        if self.changes.is_empty() {
            let _ = writeln!(out, "No changes to the framework.");
        } else {
            let _ = writeln!(out, "Framework changes ({})", self.changes.len());
            for c in &self.changes {
                if c.inline() {
                    let values = match (&c.before, &c.after) {
                        (Some(b), Some(a)) => format!(": {b} → {a}"),
                        (None, Some(a)) => format!(": {a}"),
                        (Some(b), None) => format!(": {b}"),
                        (None, None) => String::new(),
                    };
                    let note = if c.same_words() {
                        " (same words; a define or an evidence type it uses changed)"
                    } else {
                        ""
                    };
                    let _ = writeln!(out, "  {}: {}{values}{note}", c.place(), c.kind.phrase());
                } else {
                    let _ = writeln!(out, "  {}: {}", c.place(), c.kind.phrase());
                    if let Some(b) = &c.before {
                        let _ = writeln!(out, "      before  {b}");
                    }
                    if let Some(a) = &c.after {
                        let _ = writeln!(out, "      after   {a}");
                    }
                    if c.same_words() {
                        let _ = writeln!(
                            out,
                            "      (same words; a define or an evidence type it uses changed)"
                        );
                    }
                }
            }
        }
        let _ = writeln!(out);
        let _ = writeln!(out, "Impact on {} sample locations", self.summary.locations);
        let _ = writeln!(out, "  {}", self.summary.sentence());
        for l in &self.locations {
            let _ = writeln!(out);
            let name = l
                .name
                .as_deref()
                .map(|n| format!(" {n}"))
                .unwrap_or_default();
            let _ = writeln!(out, "{}{name} ({})", l.id, l.origin);
            if l.verdict_before == l.verdict_after {
                let _ = writeln!(
                    out,
                    "  verdict    {} (unchanged)",
                    verdict_text(l.verdict_after)
                );
            } else {
                let _ = writeln!(
                    out,
                    "  verdict    {} → {}",
                    verdict_text(l.verdict_before),
                    verdict_text(l.verdict_after)
                );
            }
            for p in l
                .problems_before
                .iter()
                .map(|p| ("before", p))
                .chain(l.problems_after.iter().map(|p| ("after", p)))
            {
                let _ = writeln!(out, "  evidence   does not load {}: {}", p.0, p.1);
            }
            for t in &l.themes {
                let _ = writeln!(
                    out,
                    "  theme      {}: {} → {} ({})",
                    t.id,
                    status_text(t.before),
                    status_text(t.after),
                    t.detail()
                );
            }
            for c in &l.criteria {
                let _ = writeln!(
                    out,
                    "  criterion  {}: {} → {}",
                    c.id,
                    status_text(c.before),
                    status_text(c.after)
                );
                for (mark, gap) in c
                    .gaps_appear
                    .iter()
                    .map(|g| ('+', g))
                    .chain(c.gaps_disappear.iter().map(|g| ('-', g)))
                {
                    let _ = writeln!(out, "      {mark} {}", gap_line(gap));
                    let _ = writeln!(out, "        {}", gap.message);
                }
            }
        }
        if !self.not_evaluated.is_empty() {
            let _ = writeln!(out);
            let _ = writeln!(out, "Evidence that loads under neither framework");
            for n in &self.not_evaluated {
                for p in &n.problems {
                    let _ = writeln!(out, "  {}: {p}", n.origin);
                }
            }
        }
        out
    }

    /// The report as Markdown, to paste into a change proposal.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "## Impact of {} → {}",
            md::escape(&framework_text(&self.before)),
            md::escape(&framework_text(&self.after))
        );
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "**{}** ({} sample locations compared.)",
            self.summary.sentence(),
            self.summary.compared
        );
        let _ = writeln!(out);
        let _ = writeln!(out, "### Framework changes");
        let _ = writeln!(out);
        if self.changes.is_empty() {
            let _ = writeln!(out, "None.");
        } else {
            let _ = writeln!(out, "| Where | Change | Before | After |");
            let _ = writeln!(out, "|---|---|---|---|");
            for c in &self.changes {
                let phrase = if c.same_words() {
                    format!(
                        "{} (same words; a define or evidence type it uses changed)",
                        c.kind.phrase()
                    )
                } else {
                    c.kind.phrase().to_string()
                };
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} |",
                    md::escape(&c.place()),
                    md::escape(&phrase),
                    c.before
                        .as_deref()
                        .map_or_else(|| "–".to_string(), md::code),
                    c.after.as_deref().map_or_else(|| "–".to_string(), md::code),
                );
            }
        }
        let _ = writeln!(out);
        let _ = writeln!(out, "### Locations that change");
        let _ = writeln!(out);
        if self.locations.is_empty() {
            let _ = writeln!(out, "None.");
        } else {
            let _ = writeln!(out, "| Location | Verdict | Themes | Criteria |");
            let _ = writeln!(out, "|---|---|---|---|");
            for l in &self.locations {
                let verdict = if l.verdict_before == l.verdict_after {
                    format!("{} (unchanged)", verdict_text(l.verdict_after))
                } else {
                    format!(
                        "**{} → {}**",
                        verdict_text(l.verdict_before),
                        verdict_text(l.verdict_after)
                    )
                };
                let themes: Vec<String> = l
                    .themes
                    .iter()
                    .map(|t| {
                        format!(
                            "{}: {} → {}",
                            t.id,
                            status_text(t.before),
                            status_text(t.after)
                        )
                    })
                    .collect();
                let criteria: Vec<String> = l
                    .criteria
                    .iter()
                    .map(|c| {
                        format!(
                            "{}: {} → {}",
                            c.id,
                            status_text(c.before),
                            status_text(c.after)
                        )
                    })
                    .collect();
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} |",
                    md::escape(&location_label(l)),
                    verdict,
                    md::escape(&themes.join("; ")),
                    md::escape(&criteria.join("; ")),
                );
            }
            let _ = writeln!(out);
            let _ = writeln!(out, "### Why");
            let _ = writeln!(out);
            for l in &self.locations {
                let _ = writeln!(
                    out,
                    "- **{}** ({})",
                    md::escape(&location_label(l)),
                    md::escape(&l.origin)
                );
                for p in &l.problems_before {
                    let _ = writeln!(
                        out,
                        "  - evidence does not load under the old framework: {}",
                        md::escape(&p.to_string())
                    );
                }
                for p in &l.problems_after {
                    let _ = writeln!(
                        out,
                        "  - evidence does not load under the new framework: {}",
                        md::escape(&p.to_string())
                    );
                }
                for t in &l.themes {
                    let _ = writeln!(
                        out,
                        "  - theme {}: {} → {} ({})",
                        md::escape(&t.id),
                        status_text(t.before),
                        status_text(t.after),
                        md::escape(&t.detail())
                    );
                }
                for c in &l.criteria {
                    let _ = writeln!(
                        out,
                        "  - criterion {}: {} → {}",
                        md::escape(&c.id),
                        status_text(c.before),
                        status_text(c.after)
                    );
                    for (word, gap) in c
                        .gaps_appear
                        .iter()
                        .map(|g| ("new gap", g))
                        .chain(c.gaps_disappear.iter().map(|g| ("gap gone", g)))
                    {
                        let _ = writeln!(
                            out,
                            "    - {word}: {} required {}, found {}. _{}_",
                            gap.evidence
                                .iter()
                                .map(|e| md::code(e))
                                .collect::<Vec<_>>()
                                .join(", "),
                            md::code(&gap.expected),
                            md::code(&gap.actual),
                            md::escape(&gap.message)
                        );
                    }
                }
            }
        }
        if !self.not_evaluated.is_empty() {
            let _ = writeln!(out);
            let _ = writeln!(out, "### Evidence that loads under neither framework");
            let _ = writeln!(out);
            for n in &self.not_evaluated {
                for p in &n.problems {
                    let _ = writeln!(
                        out,
                        "- {}: {}",
                        md::escape(&n.origin),
                        md::escape(&p.to_string())
                    );
                }
            }
        }
        out
    }

    /// The report as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        // Plain data with string keys always serialises.
        serde_json::to_string_pretty(self).unwrap_or_else(|e| format!(r#"{{"error":"{e}"}}"#))
    }
}

fn location_label(l: &LocationChange) -> String {
    match &l.name {
        Some(name) => format!("{} {name}", l.id),
        None => l.id.clone(),
    }
}
