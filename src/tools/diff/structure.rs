//! The structural diff: what a change did to the framework itself, in
//! reading order (header, evidence, themes, criteria).

use std::fmt::Write as _;

use rust_decimal::Decimal;
use serde::Serialize;

use super::conditions::{Comparer, Shift};
use crate::check::MessagePart;
use crate::compile::{CompiledCriterion, Framework, Requirement, Score};
use crate::value::{format_percent, Type};

/// What a change is about. (The catalogue names each, in this order.)
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

/// What kind of change. "Tightened" means harder to meet, "loosened" easier;
/// for applicability, "narrowed" means the criterion applies to fewer
/// locations. (The catalogue has a phrase for each, in this order.)
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
    /// When the certificate's mid-term check is due.
    MidtermChanged,
    /// The audit now counts only verified evidence for a criterion.
    VerifiedRequired,
    /// The audit no longer asks verified evidence for a criterion.
    VerifiedNoLongerRequired,
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
        old.language.code().to_string(),
        new.language.code().to_string(),
    );
    field(
        ChangeKind::ValidityChanged,
        old.validity
            .map_or_else(|| "none".to_string(), |p| p.to_string()),
        new.validity
            .map_or_else(|| "none".to_string(), |p| p.to_string()),
    );
    field(
        ChangeKind::MidtermChanged,
        old.midterm
            .map_or_else(|| "none".to_string(), |p| p.to_string()),
        new.midterm
            .map_or_else(|| "none".to_string(), |p| p.to_string()),
    );
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
    if o.verified_at_audit != c.verified_at_audit {
        let kind = if c.verified_at_audit {
            ChangeKind::VerifiedRequired
        } else {
            ChangeKind::VerifiedNoLongerRequired
        };
        push(out, kind, None, None);
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
    let cmp = Comparer::new(old_fw, new_fw);
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
            Some(o.owner.clone()),
            Some(c.owner.clone()),
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
