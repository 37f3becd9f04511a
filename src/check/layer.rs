//! Layers: a framework that `extends` another adds to its base and may
//! tighten it, never loosen it (`docs/layers.md`).
//!
//! The layer is checked with its base's model pre-loaded: evidence, defines,
//! themes and criteria keep their places (so slots and indices stay valid)
//! and their spans into the base's file, which the model's `sources` holds.
//! Most loosening cannot be written at all: a layer's lines only add. The
//! few that could loosen (re-declaring a base criterion, `remove`, a lower
//! weight, `applies when` in a `tighten`, a weaker theme rule) are refused
//! here, with a note that points at the base.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::{Checker, CriterionModel, Model, RequirementModel, RuleModel, Target, ThemeModel};
use crate::diagnostic::{line_col, say, Diagnostic, Text};
use crate::suggest::nearest;
use crate::syntax::ast::{self, Attr, File, Item, Name, Span};

impl Checker {
    /// The id of the framework being checked.
    pub(super) fn layer_id(&self) -> String {
        self.layer.clone()
    }

    /// Loads the base's evidence and defines, so that the layer's rules
    /// read them by name.
    pub(super) fn preload(&mut self, base: &Model) {
        self.evidence = base.evidence.clone();
        for (slot, decl) in self.evidence.iter().enumerate() {
            self.slot_by_path.insert(decl.path.clone(), slot);
        }
        self.base_slots = self.evidence.len();
        for (at, criterion) in base.criteria.iter().enumerate() {
            self.base_criterion_at
                .entry(criterion.id.clone())
                .or_insert(at);
        }
        self.define_sites = base.define_sites.clone();
        for ((name, ty), resolved) in base.define_names.iter().zip(&base.defines) {
            self.define_by_name.insert(name.clone(), self.defines.len());
            let depth = self.depth(resolved);
            self.define_depth.push(depth);
            self.defines
                .push((name.clone(), resolved.clone(), ty.clone()));
        }
    }

    /// A note `file:line:col: text` about a place in one of the files read.
    pub(super) fn note_at(&self, source: usize, span: Span, text: Text) -> Vec<Text> {
        vec![note(&self.sources, source, span, text)]
    }

    /// `tighten` and `remove`: refused outside a layer; in a layer, applied
    /// to the base's criteria when they only tighten.
    pub(super) fn layer_items(
        &mut self,
        file: &File,
        base: Option<&Model>,
        criteria: &mut [CriterionModel],
        base_criteria: usize,
    ) {
        for item in &file.items {
            match (item, base) {
                (Item::Tighten(t), None) => {
                    for attr in &t.attrs {
                        self.names_only_in(&attr.node);
                    }
                    self.error(not_a_layer("tighten", t.id.span));
                }
                (Item::Remove(r), None) => self.error(not_a_layer("remove", r.span)),
                (Item::Tighten(t), Some(base)) => self.tighten(t, base, criteria, base_criteria),
                (Item::Remove(r), Some(base)) => {
                    let found = base
                        .criteria
                        .iter()
                        .enumerate()
                        .find(|(_, c)| c.id == r.node.node);
                    let d = match found {
                        Some((at, c)) => {
                            self.record.name(r.node.span, Target::Criterion(at));
                            let why = match &c.legal {
                                Some(legal) => say!(LegalFloorPart, &c.id, legal),
                                None => say!(PartOfBase, &c.id),
                            };
                            Diagnostic::error("E0276", r.span, say!(CannotRemove, &c.id))
                                .with_label(why)
                                .with_notes(self.criterion_note(c))
                                .with_help(say!(ProposeNewVersion))
                        }
                        None => unknown_criterion(&r.node, base, "remove"),
                    };
                    self.error(d);
                }
                _ => {}
            }
        }
        let _ = base_criteria;
    }

    fn criterion_note(&self, c: &CriterionModel) -> Vec<Text> {
        let what = match &c.legal {
            Some(legal) => say!(CriterionDeclaredLegal, &c.id, &c.layer, legal),
            None => say!(CriterionDeclared, &c.id, &c.layer),
        };
        self.note_at(c.source, c.span, what)
    }

    fn tighten(
        &mut self,
        t: &ast::Tighten,
        base: &Model,
        criteria: &mut [CriterionModel],
        base_criteria: usize,
    ) {
        let Some(at) = self
            .base_criterion_at
            .get(&t.id.node)
            .copied()
            .filter(|at| *at < base_criteria)
        else {
            for attr in &t.attrs {
                self.names_only_in(&attr.node);
            }
            let own = criteria.iter().position(|c| c.id == t.id.node);
            if let Some(at) = own {
                self.record.name(t.id.span, Target::Criterion(at));
            }
            let d = if own.is_some() {
                Diagnostic::error("E0281", t.id.span, say!(OwnCriterion, &t.id.node))
                    .with_label(say!(OnlyBaseTightened))
                    .with_help(say!(WriteStricterLines))
            } else {
                unknown_criterion(&t.id, base, "tighten")
            };
            self.error(d);
            return;
        };
        self.record.name(t.id.span, Target::Criterion(at));
        let Some(original) = criteria.get(at).cloned() else {
            return;
        };
        let mut tightened = original.clone();
        let mut new_requirements = Vec::new();
        for attr in &t.attrs {
            // Refused below, whole; their names still stand for what they name.
            if matches!(attr.node, Attr::Applies(_) | Attr::Score(_)) {
                self.names_only_in(&attr.node);
            }
            match &attr.node {
                Attr::Mandatory => tightened.mandatory = true,
                // Asking for verified evidence only asks more.
                Attr::AuditVerified => tightened.audit_verified = true,
                Attr::Weight(w) => {
                    if w.node < original.weight {
                        self.error(
                            Diagnostic::error(
                                "E0277",
                                attr.span,
                                say!(
                                    LowerWeight,
                                    w.node.to_string(),
                                    original.weight.to_string(),
                                    &original.id
                                ),
                            )
                            .with_label(say!(LowerWeightLoosens))
                            .with_notes(self.criterion_note(&original))
                            .with_help(say!(RaiseWeight, original.weight.to_string())),
                        );
                    } else if w.node > super::MAX_WEIGHT {
                        self.error(
                            Diagnostic::error(
                                "E0238",
                                w.span,
                                say!(WeightTooLarge, w.node.to_string()),
                            )
                            .with_help(say!(WeightsRange, super::MAX_WEIGHT.to_string())),
                        );
                    } else {
                        tightened.weight = w.node;
                    }
                }
                Attr::Require(requirement) => {
                    let condition = self.rule_condition(&requirement.condition);
                    self.lint_condition(&condition);
                    let message = requirement.message.as_ref().map(|m| self.template(m));
                    new_requirements.push((attr.span, requirement.message.is_none()));
                    tightened.requirements.push(RequirementModel {
                        condition,
                        message,
                        source: self.source,
                    });
                }
                Attr::Applies(_) => self.error(
                    Diagnostic::error("E0278", attr.span, say!(CannotChangeApplies, &original.id))
                        .with_label(say!(NarrowingLoosens))
                        .with_notes(self.criterion_note(&original))
                        .with_help(say!(AskMoreOfSome)),
                ),
                Attr::Legal(_) | Attr::Owner(_) | Attr::Score(_) | Attr::Guidance(_) => {
                    let key = match &attr.node {
                        Attr::Legal(_) => "legal",
                        Attr::Owner(_) => "owner",
                        Attr::Score(_) => "score",
                        _ => "guidance",
                    };
                    self.error(
                        Diagnostic::error(
                            "E0279",
                            attr.span,
                            say!(TightenCannotChange, key, &original.id),
                        )
                        .with_label(say!(NotALayerLine))
                        .with_notes(self.criterion_note(&original))
                        .with_help(say!(WhatTightenDoes)),
                    );
                }
            }
        }
        if tightened.mandatory {
            for (span, messageless) in new_requirements {
                if messageless {
                    self.diagnostics.push(
                        Diagnostic::warning("W0262", span, say!(NoMessage, &original.id))
                            .with_label(say!(NoElse))
                            .with_help(say!(AddElseShort)),
                    );
                }
            }
        }
        let layer = self.layer_id();
        if !tightened.tightened_by.contains(&layer) {
            tightened.tightened_by.push(layer);
        }
        if let Some(slot) = criteria.get_mut(at) {
            *slot = tightened;
        }
    }

    /// A layer's scoring rule may raise a base theme's threshold or add
    /// `all mandatory pass`, never lower or drop them (E0280): one error a
    /// rule and a kind of loosening, naming every theme it loosens.
    pub(super) fn scoring_floor(&mut self, base: &Model, themes: &[ThemeModel]) {
        // (rule start, rule end, drops mandatory?) -> themes, notes, lowest old/new
        type Key = (usize, usize, bool);
        let mut found: std::collections::BTreeMap<Key, (Vec<String>, Vec<Text>, Decimal, Decimal)> =
            std::collections::BTreeMap::new();
        for (before, after) in base.themes.iter().zip(themes) {
            let Some((source, span)) = after.rule else {
                continue;
            };
            if source != self.source {
                continue;
            }
            let base_note = match before.rule {
                Some((s, sp)) => note(&self.sources, s, sp, say!(BaseScoringRule)),
                None => say!(BaseThemeNoRule, &before.id),
            };
            let old = before.threshold.unwrap_or(Decimal::ZERO);
            let new = after.threshold.unwrap_or(Decimal::ZERO);
            let mut add = |drops: bool| {
                let entry = found
                    .entry((span.start, span.end, drops))
                    .or_insert_with(|| (Vec::new(), Vec::new(), old, new));
                entry.0.push(format!("`{}`", before.id));
                if !entry.1.contains(&base_note) {
                    entry.1.push(base_note.clone());
                }
                entry.2 = entry.2.max(old);
            };
            if before.all_mandatory && !after.all_mandatory {
                add(true);
            }
            if new < old {
                add(false);
            }
        }
        let pct = crate::value::format_percent;
        for ((start, end, drops), (ids, notes, old, new)) in found {
            let span = Span::new(start, end);
            let which = if ids.len() == 1 {
                say!(ThemeOne, ids.join(""))
            } else {
                say!(ThemesMany, ids.join(", "))
            };
            let d = if drops {
                Diagnostic::error("E0280", span, say!(DropsAllMandatory, which))
                    .with_label(say!(KeepsKnockOut))
                    .with_help(say!(AddAllMandatoryAnd))
            } else {
                Diagnostic::error("E0280", span, say!(LowersThreshold, which, pct(new)))
                    .with_label(say!(RaiseNeverLower))
                    .with_help(say!(WriteScoreAtLeast, pct(old)))
            };
            self.error(d.with_notes(notes));
        }
    }
}

/// `file:line:col: text` for a span of one of `sources`.
pub(crate) fn note(sources: &[super::SourceFile], source: usize, span: Span, text: Text) -> Text {
    match sources.get(source) {
        Some(file) => {
            let (line, col) = line_col(&file.text, span.start);
            say!(NoteAt, format!("{}:{line}:{col}", file.name), text)
        }
        None => text,
    }
}

/// Gives every base theme the rules it had below this layer: the base's
/// floors, then the base's own rule (its criteria, weights and knock-outs
/// as the base wrote them). A rule the one above it repeats exactly adds
/// nothing and is left out.
pub(super) fn keep_floors(
    base: &Model,
    themes: &mut [ThemeModel],
    criteria: &[CriterionModel],
    layer: &str,
) {
    for (theme, before) in themes.iter_mut().zip(&base.themes) {
        let mut floors = before.floors.clone();
        floors.push(before.own_rule(&base.id, &base.criteria));
        let own = theme.own_rule(layer, criteria);
        let mut kept: Vec<RuleModel> = Vec::with_capacity(floors.len());
        for floor in floors.into_iter().rev() {
            if same_rule(kept.last().unwrap_or(&own), &floor) {
                continue;
            }
            kept.push(floor);
        }
        kept.reverse();
        theme.floors = kept;
    }
}

/// Two rules that decide alike for every location (who wrote them aside).
fn same_rule(a: &RuleModel, b: &RuleModel) -> bool {
    a.members == b.members
        && a.all_mandatory == b.all_mandatory
        && a.threshold.unwrap_or(Decimal::ZERO) == b.threshold.unwrap_or(Decimal::ZERO)
}

/// E0274: a layer's line in a framework that extends nothing.
fn not_a_layer(what: &str, span: Span) -> Diagnostic {
    Diagnostic::error("E0274", span, say!(OnlyForLayers, what)).with_help(say!(AddExtends))
}

/// E0281: a `tighten` or `remove` of a criterion the base does not have.
fn unknown_criterion(id: &Name, base: &Model, what: &str) -> Diagnostic {
    let d = Diagnostic::error("E0281", id.span, say!(NamesNoBaseCriterion, what, &id.node))
        .with_label(say!(UnknownCriterion));
    match nearest(&id.node, base.criteria.iter().map(|c| c.id.as_str())) {
        Some(s) => d.with_help(say!(DidYouMean, s)),
        None => d.with_help(say!(
            NameBaseCriterion,
            &base.id,
            base.criteria.first().map_or("S1", |c| c.id.as_str())
        )),
    }
}

/// The note for a define of the base.
impl Checker {
    /// A note at the base's define `name`: where it is defined.
    pub(super) fn base_define_note(&self, base: &Model, name: &str) -> Vec<Text> {
        let text = say!(BaseDefineOf, name, &base.id);
        match self
            .define_by_name
            .get(name)
            .and_then(|&at| self.define_sites.get(at))
        {
            Some(&(source, span)) => self.note_at(source, span, text),
            None => vec![text],
        }
    }

    /// A layer's evidence path and a base's group, or the reverse:
    /// `monitor` cannot be a value in one and a group in the other.
    pub(super) fn value_over_base_group(&mut self) {
        let mut inside: HashMap<&str, usize> = HashMap::new();
        for (slot, decl) in self.evidence.iter().enumerate().take(self.base_slots) {
            let mut end = 0;
            while let Some(dot) = decl.path.get(end..).and_then(|rest| rest.find('.')) {
                end += dot;
                if let Some(prefix) = decl.path.get(..end) {
                    inside.entry(prefix).or_insert(slot);
                }
                end += 1;
            }
        }
        let mut problems = Vec::new();
        for decl in self.evidence.iter().skip(self.base_slots) {
            let Some(&slot) = inside.get(decl.path.as_str()) else {
                continue;
            };
            let Some(base_decl) = self.evidence.get(slot) else {
                continue;
            };
            problems.push(
                Diagnostic::error("E0211", decl.span, say!(ValueOverGroup, &decl.path))
                    .with_label(say!(GroupOfBase))
                    .with_notes(self.note_at(
                        base_decl.source,
                        base_decl.span,
                        say!(DeclaredByBaseHere, &base_decl.path),
                    ))
                    .with_help(say!(RenameLayerEvidence, &decl.path)),
            );
        }
        self.diagnostics.extend(problems);
    }
}

/// E0282: a layer's `theme ID "title"` for a theme the base has.
pub(super) fn retitled_theme(base: &Model, at: usize, id: &Name, title: Span) -> Diagnostic {
    let theme = base.themes.get(at);
    let mut d = Diagnostic::error("E0282", title, say!(ThemeOfBase, &id.node))
        .with_label(say!(CannotRetitle))
        .with_help(say!(LeaveOutTitle, &id.node));
    if let Some(t) = theme {
        d = d.with_notes([say!(ThemeTitled, &t.id, &t.layer, &t.title)]);
    }
    d
}

/// E0283: `theme ID { ... }` without a title for a theme that does not exist.
pub(super) fn untitled_theme<'a>(
    id: &Name,
    layered: bool,
    base_themes: impl Iterator<Item = &'a str>,
) -> Diagnostic {
    let d =
        Diagnostic::error("E0283", id.span, say!(ThemeNoTitle, &id.node)).with_label(if layered {
            say!(BaseNoSuchTheme)
        } else {
            say!(NewThemeTitle)
        });
    match layered.then(|| nearest(&id.node, base_themes)).flatten() {
        Some(s) => d.with_help(say!(MeantBaseTheme, s)),
        None => d.with_help(say!(GiveThemeTitle, &id.node)),
    }
}

impl Checker {
    /// E0275: a layer's criterion with the id of a base criterion.
    pub(super) fn redeclared(
        &self,
        base: Option<&Model>,
        criterion: &ast::Criterion,
        criteria: &[CriterionModel],
    ) -> Option<Diagnostic> {
        let base = base?;
        let original = criteria.get(*self.base_criterion_at.get(&criterion.id.node)?)?;
        redeclared(base, criterion, original)
    }
}

fn redeclared(
    base: &Model,
    criterion: &ast::Criterion,
    original: &CriterionModel,
) -> Option<Diagnostic> {
    let (message, label) = match &original.legal {
        Some(_) => (
            say!(RedeclaredLegal, &original.id),
            say!(ReplacesLegalFloor),
        ),
        None => (say!(RedeclaredBase, &original.id), say!(CannotRedeclare)),
    };
    let what = match &original.legal {
        Some(legal) => say!(CriterionDeclaredLegal, &original.id, &original.layer, legal),
        None => say!(CriterionDeclared, &original.id, &original.layer),
    };
    Some(
        Diagnostic::error("E0275", criterion.id.span, message)
            .with_label(label)
            .with_notes([note(&base.sources, original.source, original.span, what)])
            .with_help(say!(WriteTighten, &original.id)),
    )
}
