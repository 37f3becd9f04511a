//! Stage 2: names and types. Turns the syntax tree into a [`Model`] in which
//! every name is resolved, or reports every problem it finds.
//!
//! **The checker never stops at the first problem**: it records a
//! diagnostic, gives the broken part an error type that silences follow-up
//! complaints, and goes on.

mod defines;
mod expr;
mod layer;
mod lint;
pub(crate) mod model;
// What names stand for is read by the language server alone.
#[cfg_attr(not(feature = "lsp"), allow(dead_code))]
mod symbols;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use rust_decimal::Decimal;

use crate::diagnostic::{say, Diagnostic, Diagnostics, Text};
use crate::suggest::nearest;
use crate::syntax::ast::{
    self, Attr, File, Item, Node, ScoringRule, Span, ThemeCondition, TypeExpr,
};
use crate::value::Type;
pub(crate) use expr::type_in_words;
pub(crate) use layer::note;
use lint::Lint;
pub(crate) use model::*;
pub use model::{Language, Owner};
pub(crate) use symbols::{Symbols, Target};

/// The largest weight a criterion may carry.
pub const MAX_WEIGHT: u64 = 1_000_000;
/// The highest level a score block may name.
pub const MAX_LEVEL: u64 = 1_000;

/// Checks a parsed framework. Returns the model when there are no errors,
/// and every diagnostic (warnings too) either way.
///
/// The warnings that read resolved conditions (unused evidence and defines,
/// constant conditions, unreachable score levels) are given only for a
/// framework without errors: a broken condition is a placeholder to them,
/// and a use they cannot see may sit in a name the author misspelled.
///
/// A layer is checked against its checked `base`. `source` is the file
/// itself, kept in the model for the notation of its conditions.
pub(crate) fn check_file(
    file: &File,
    source: SourceFile,
    base: Option<Model>,
    max_path_depth: usize,
) -> (Option<Model>, Diagnostics) {
    let (model, diagnostics, _) = checked(file, source, base, max_path_depth);
    if diagnostics.has_errors() {
        (None, diagnostics)
    } else {
        (Some(model), diagnostics)
    }
}

/// Like [`check_file`], and what every name of the file stands for: what
/// the language server answers from, with or without errors.
pub(crate) fn check_file_with_symbols(
    file: &File,
    source: SourceFile,
    base: Option<Model>,
    max_path_depth: usize,
) -> (Option<Model>, Diagnostics, Symbols) {
    let (model, diagnostics, (record, at)) = checked(file, source, base, max_path_depth);
    if diagnostics.has_errors() {
        (None, diagnostics, record.finish(model, at))
    } else {
        let symbols = record.finish(model.clone(), at);
        (Some(model), diagnostics, symbols)
    }
}

/// The model (a placeholder for whatever is broken), every diagnostic, and
/// the record of names with the file's index in the model's sources.
fn checked(
    file: &File,
    source: SourceFile,
    base: Option<Model>,
    max_path_depth: usize,
) -> (Model, Diagnostics, (symbols::Record, usize)) {
    let mut checker = Checker {
        max_path_depth,
        ..Checker::default()
    };
    if let Some(base) = base {
        checker.sources = base.sources.clone();
        checker.notations = base.notations.clone();
        checker.source = checker.sources.len();
        checker.base = Some(Box::new(base));
    }
    checker.sources.push(source);
    let model = checker.file(file);
    let has_errors = checker.diagnostics.iter().any(Diagnostic::is_error);
    let mut diagnostics: Diagnostics = checker.diagnostics.into_iter().collect();
    if !has_errors {
        diagnostics.extend(checker.lints.into_iter().collect());
    }
    diagnostics.sort();
    diagnostics.settle_language(checker.language);
    (model, diagnostics, (checker.record, checker.source))
}

#[derive(Default)]
struct Checker {
    diagnostics: Vec<Diagnostic>,
    /// `audit requires verified` holds for every criterion (this file's
    /// header or a base's).
    audit_verified: bool,
    evidence: Vec<Declaration>,
    slot_by_path: HashMap<String, usize>,
    /// Every define in the file, declared or not yet: for "used before declared".
    all_defines: HashMap<String, Span>,
    /// Defines checked so far, with their types.
    defines: Vec<(String, Resolved, Ty)>,
    define_by_name: HashMap<String, usize>,
    /// Where each of `defines` is named: file and span.
    define_sites: Vec<(usize, Span)>,
    /// How deep each define in `defines` reaches through the defines it uses.
    define_depth: Vec<defines::Depth>,
    /// Defines of this file that refer to themselves (reported already).
    circular: HashSet<String>,
    /// The language of the framework's texts, for the help of W0262.
    language: Language,
    /// Evidence slots that some condition or message reads.
    used_slots: BTreeSet<usize>,
    /// Defines that some condition reads.
    used_defines: BTreeSet<usize>,
    /// Where numbers are written without `%`, as `(start, end)`: `x >= 70`
    /// on a percentage most likely meant `70%`.
    bare_numbers: BTreeSet<(usize, usize)>,
    /// Warnings that only hold for a framework without errors (see [`check`]).
    lints: Vec<Diagnostic>,
    /// The files read so far: a layer's bases, then the file being checked.
    sources: Vec<SourceFile>,
    /// The index of the file being checked in `sources`.
    source: usize,
    /// A layer's checked base.
    base: Option<Box<Model>>,
    /// Evidence slots below this one are the base's.
    base_slots: usize,
    /// Where each criterion of a layer's base is among the criteria (the
    /// first, should an id repeat): finding one costs no scan.
    base_criterion_at: HashMap<String, usize>,
    /// The id of the framework being checked: the layer of its criteria.
    layer: String,
    /// How many segments an evidence path may have (`Limits::max_path_depth`).
    max_path_depth: usize,
    /// See [`Model::notations`].
    notations: HashMap<(usize, usize, usize), String>,
    /// What each name of the file stands for.
    record: symbols::Record,
    /// The partners a criterion's `owner` may name.
    partners: Vec<Partner>,
}

impl Checker {
    fn error(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    fn file(&mut self, file: &File) -> Model {
        let header = &file.header;
        let base = self.base.take();
        self.layer = header.id.node.clone();
        let language = match &header.language {
            None => base.as_ref().map_or(Language::Nl, |b| b.language),
            Some(lang) => match Language::from_code(&lang.node) {
                Some(language) => language,
                None => {
                    let other = lang.node.as_str();
                    self.error(
                        Diagnostic::error("E0220", lang.span, say!(UnknownLanguage, other))
                            .with_label(say!(NotALanguage))
                            .with_help(say!(WriteLanguage)),
                    );
                    Language::Nl
                }
            },
        };
        let validity = header.validity.as_ref().map(|v| {
            if v.node.amount == 0 {
                self.error(
                    Diagnostic::error("E0221", v.span, say!(ValidityZero))
                        .with_help(say!(WriteValidity)),
                );
            }
            v.node
        });
        // A layer may shorten the certificate's validity, never lengthen it.
        if let (Some(layer), Some(base_validity), Some(b)) = (
            header.validity.as_ref(),
            base.as_ref().and_then(|b| b.validity),
            base.as_ref(),
        ) {
            let longer = !crate::value::never_longer(layer.node, base_validity);
            if longer {
                self.error(
                    Diagnostic::error(
                        "E0284",
                        layer.span,
                        say!(
                            LongerValidity,
                            layer.node.to_string(),
                            base_validity.to_string(),
                            &b.id
                        ),
                    )
                    .with_label(say!(LongerThanBase))
                    .with_help(say!(ShortenValidity, base_validity.to_string())),
                );
            }
        }
        let validity = validity.or(base.as_ref().and_then(|b| b.validity));
        let midterm = header
            .midterm
            .as_ref()
            .map(|m| m.node)
            .or(base.as_ref().and_then(|b| b.midterm));
        if let Some(m) = &header.midterm {
            let within = m.node.amount > 0
                && validity.is_none_or(|v| {
                    crate::value::never_longer(m.node, v) && !crate::value::never_longer(v, m.node)
                });
            if !within {
                let validity = validity.map_or_else(|| "0".to_string(), |v| v.to_string());
                self.error(
                    Diagnostic::error(
                        "E0285",
                        m.span,
                        say!(MidtermOutside, m.node.to_string(), validity),
                    )
                    .with_label(say!(MidtermOutsideLabel))
                    .with_help(say!(WriteMidterm)),
                );
            }
        }
        self.audit_verified =
            header.audit_verified.is_some() || base.as_ref().is_some_and(|b| b.audit_verified);
        self.language = language;
        if let Some(base) = &base {
            self.preload(base);
        }

        // Declarations first: rules may use evidence declared further down.
        for item in &file.items {
            if let Item::Evidence(block) = item {
                for decl in &block.node {
                    self.declaration(decl);
                }
            }
        }
        self.check_path_prefixes();
        self.value_over_base_group();
        self.partners = self.partners(file, base.as_deref());
        for item in &file.items {
            if let Item::Define(define) = item {
                if let Some(base) = &base {
                    if self.define_by_name.contains_key(&define.name.node) {
                        let note = self.base_define_note(base, &define.name.node);
                        self.error(
                            Diagnostic::error(
                                "E0250",
                                define.name.span,
                                say!(DefinedByBase, &define.name.node),
                            )
                            .with_notes(note)
                            .with_help(say!(RenameLayerDefine)),
                        );
                        continue;
                    }
                }
                if let Some(first) = self.all_defines.get(&define.name.node) {
                    self.diagnostics.push(
                        Diagnostic::error(
                            "E0250",
                            define.name.span,
                            say!(DefinedTwice, &define.name.node),
                        )
                        .with_related(*first, say!(FirstDefinedHere))
                        .with_help(say!(RenameSecondDefine)),
                    );
                } else {
                    self.all_defines
                        .insert(define.name.node.clone(), define.name.span);
                }
            }
        }
        let first_definitions: Vec<&ast::Define> = file
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Define(define)
                    if self.all_defines.get(&define.name.node).map(|s| s.start)
                        == Some(define.name.span.start)
                        && !self.define_by_name.contains_key(&define.name.node) =>
                {
                    Some(define)
                }
                _ => None,
            })
            .collect();
        self.circular = self
            .refuse_circles(&first_definitions)
            .into_iter()
            .collect();
        for item in &file.items {
            if let Item::Define(define) = item {
                self.define(define);
            }
        }

        let mut themes = base.as_ref().map(|b| b.themes.clone()).unwrap_or_default();
        let mut criteria = base
            .as_ref()
            .map(|b| b.criteria.clone())
            .unwrap_or_default();
        let base_themes = themes.len();
        let base_criteria = criteria.len();
        let inherited = base.as_ref().and_then(|b| b.default_rule);
        let mut theme_spans: HashMap<String, Span> = HashMap::new();
        let mut criterion_spans: HashMap<String, Span> = HashMap::new();
        let mut titles: HashMap<String, (&str, Span)> = HashMap::new();
        for item in &file.items {
            if let Item::Theme(theme) = item {
                let existing = themes
                    .iter()
                    .take(base_themes)
                    .position(|t| t.id == theme.id.node);
                let into_base = match (&base, existing, &theme.title) {
                    (Some(base), Some(at), Some(title)) => {
                        self.error(layer::retitled_theme(base, at, &theme.id, title.span));
                        Some(at)
                    }
                    (Some(_), Some(at), None) => Some(at),
                    (_, None, None) => {
                        self.error(layer::untitled_theme(
                            &theme.id,
                            base.is_some(),
                            themes.iter().take(base_themes).map(|t| t.id.as_str()),
                        ));
                        None
                    }
                    _ => None,
                };
                let theme_index = match into_base {
                    Some(at) => at,
                    None => {
                        self.declared_once(
                            &mut theme_spans,
                            &theme.id,
                            ("E0230", say!(ThemeTwice, &theme.id.node), say!(RenameTheme)),
                        );
                        let at = themes.len();
                        themes.push(ThemeModel {
                            id: theme.id.node.clone(),
                            title: theme
                                .title
                                .as_ref()
                                .map(|t| t.node.clone())
                                .unwrap_or_default(),
                            layer: header.id.node.clone(),
                            source: self.source,
                            span: theme.id.span,
                            rule: inherited.map(|r| (r.source, r.span)),
                            criteria: Vec::new(),
                            all_mandatory: inherited.is_none_or(|r| r.all_mandatory),
                            threshold: inherited.and_then(|r| r.threshold),
                            floors: Vec::new(),
                        });
                        at
                    }
                };
                // A block that adds to a base theme is where the file has it.
                self.record
                    .declare(Target::Theme(theme_index), theme.id.span, theme.span);
                for criterion in &theme.criteria {
                    if let Some(problem) = self.redeclared(base.as_deref(), criterion, &criteria) {
                        self.error(problem);
                    } else {
                        let twice = say!(CriterionTwice, &criterion.id.node);
                        self.declared_once(
                            &mut criterion_spans,
                            &criterion.id,
                            ("E0231", twice, say!(RenameCriterion)),
                        );
                    }
                    self.same_title(criterion, &mut titles);
                    let index = criteria.len();
                    self.record.declare(
                        Target::Criterion(index),
                        criterion.id.span,
                        criterion.span,
                    );
                    criteria.push(self.criterion(criterion, theme_index));
                    if let Some(t) = themes.get_mut(theme_index) {
                        t.criteria.push(index);
                    }
                }
            }
        }

        self.layer_items(file, base.as_deref(), &mut criteria, base_criteria);
        let default_rule = self.scoring(file, &mut themes).or(inherited);
        self.lints
            .extend(lint::idle_mandatory(&themes, &criteria, self.source));
        if let Some(base) = &base {
            self.scoring_floor(base, &themes);
            layer::keep_floors(base, &mut themes, &criteria, &header.id.node);
        }
        self.unused(file);

        let mut extends = Vec::new();
        if let Some(base) = &base {
            extends.push((base.id.clone(), base.version.clone()));
            extends.extend(base.extends.iter().cloned());
        }
        Model {
            id: header.id.node.clone(),
            title: header.title.node.clone(),
            version: header.version.node.clone(),
            language,
            validity,
            midterm,
            audit_verified: self.audit_verified,
            evidence: std::mem::take(&mut self.evidence),
            defines: self.defines.iter().map(|(_, r, _)| r.clone()).collect(),
            define_sites: std::mem::take(&mut self.define_sites),
            define_names: self
                .defines
                .iter()
                .map(|(n, _, t)| (n.clone(), t.clone()))
                .collect(),
            themes,
            criteria,
            partners: std::mem::take(&mut self.partners),
            sources: std::mem::take(&mut self.sources),
            extends,
            extends_span: header.extends.as_ref().map(|e| e.span),
            default_rule,
            notations: std::mem::take(&mut self.notations),
        }
    }

    /// Two criteria with one title (W0264): results and reports could not
    /// tell them apart. Titles that differ only in case or spacing count as one.
    /// Remembers where `id` is first declared, or reports a second
    /// declaration: `twice` is its code, message and help.
    fn declared_once(
        &mut self,
        seen: &mut HashMap<String, Span>,
        id: &Node<String>,
        twice: (&'static str, Text, Text),
    ) {
        let (code, message, help) = twice;
        if let Some(first) = seen.get(&id.node) {
            self.error(
                Diagnostic::error(code, id.span, message)
                    .with_related(*first, say!(FirstDeclaredHere))
                    .with_help(help),
            );
        } else {
            seen.insert(id.node.clone(), id.span);
        }
    }

    fn same_title<'f>(
        &mut self,
        criterion: &'f ast::Criterion,
        titles: &mut HashMap<String, (&'f str, Span)>,
    ) {
        let mut key = String::with_capacity(criterion.title.node.len());
        for word in criterion.title.node.split_whitespace() {
            if !key.is_empty() {
                key.push(' ');
            }
            key.push_str(word);
        }
        // `str::to_lowercase`, without a second string for the common case.
        let key = if key.is_ascii() {
            key.make_ascii_lowercase();
            key
        } else {
            key.to_lowercase()
        };
        match titles.get(&key) {
            // The same id twice is E0231 already.
            Some((first, _)) if *first == criterion.id.node => {}
            Some((first, first_span)) => self.diagnostics.push(
                Diagnostic::warning(
                    "W0264",
                    criterion.title.span,
                    say!(SameTitle, &criterion.id.node, first),
                )
                .with_related(*first_span, say!(TitleOf, first))
                .with_help(say!(RenameTitle)),
            ),
            None => {
                titles.insert(key, (&criterion.id.node, criterion.title.span));
            }
        }
    }

    /// Evidence and defines that nothing reads (W0216, W0253).
    fn unused(&mut self, file: &File) {
        for (slot, decl) in self.evidence.iter().enumerate().skip(self.base_slots) {
            if !self.used_slots.contains(&slot) {
                self.lints.push(
                    Diagnostic::warning("W0216", decl.span, say!(UnusedEvidence, &decl.path))
                        .with_label(say!(NoRuleReads))
                        .with_help(say!(UseEvidence, &decl.path)),
                );
            }
        }
        for item in &file.items {
            let Item::Define(define) = item else { continue };
            let Some(&index) = self.define_by_name.get(&define.name.node) else {
                continue;
            };
            if !self.used_defines.contains(&index) {
                self.lints.push(
                    Diagnostic::warning(
                        "W0253",
                        define.name.span,
                        say!(UnusedDefine, &define.name.node),
                    )
                    .with_label(say!(NoRuleReads))
                    .with_help(say!(UseDefine, &define.name.node)),
                );
            }
        }
    }

    /// Reports the parts of a condition that always or never hold (W0260);
    /// its truth when the whole is constant.
    fn lint_condition(&mut self, condition: &Resolved) -> Option<bool> {
        let lint = Lint {
            evidence: &self.evidence,
            bare_numbers: &self.bare_numbers,
        };
        lint.constant(condition, &mut self.lints)
    }

    // ------------------------------------------------------------ evidence

    fn declaration(&mut self, decl: &ast::EvidenceDecl) {
        let ty = self.type_expr(&decl.ty, false);
        let segments = decl.path.node.bytes().filter(|b| *b == b'.').count() + 1;
        if segments > self.max_path_depth {
            self.error(
                Diagnostic::error(
                    "E0217",
                    decl.path.span,
                    say!(
                        PathTooDeep,
                        segments.to_string(),
                        self.max_path_depth.to_string()
                    ),
                )
                .with_label(say!(NestedTooDeeply))
                .with_help(say!(FewerLevels)),
            );
        }
        let path = decl.path.node.clone();
        if let Some(&first) = self.slot_by_path.get(&path) {
            // The first declaration is the one every use reads.
            self.record.name(decl.path.span, Target::Evidence(first));
            self.record.members_of(None);
            if first < self.base_slots {
                let note = self.note_at(
                    self.evidence.get(first).map_or(0, |d| d.source),
                    self.evidence.get(first).map(|d| d.span).unwrap_or_default(),
                    say!(DeclaredByBaseHere, path.as_str()),
                );
                self.error(
                    Diagnostic::error("E0210", decl.path.span, say!(EvidenceOfBase, path.as_str()))
                        .with_notes(note)
                        .with_help(say!(RemoveLayerEvidence)),
                );
                return;
            }
            let first_span = self.evidence.get(first).map(|d| d.span).unwrap_or_default();
            self.error(
                Diagnostic::error("E0210", decl.path.span, say!(EvidenceTwice, path.as_str()))
                    .with_related(first_span, say!(FirstDeclaredHere))
                    .with_help(say!(RemoveOneDeclaration)),
            );
            return;
        }
        // Only a base's defines are known while declarations are read.
        if let Some(&(source, span)) = self
            .define_by_name
            .get(&path)
            .and_then(|&at| self.define_sites.get(at))
        {
            let note = self.note_at(source, span, say!(BaseDefineHere, path.as_str()));
            self.error(
                Diagnostic::error(
                    "E0251",
                    decl.path.span,
                    say!(AlreadyBaseDefine, path.as_str()),
                )
                .with_label(say!(ReadsDefine))
                .with_notes(note)
                .with_help(say!(RenameEvidence)),
            );
        }
        let slot = self.evidence.len();
        let end = decl.label.as_ref().map_or(decl.ty.span, |l| l.span);
        self.record.declare(
            Target::Evidence(slot),
            decl.path.span,
            decl.path.span.to(end),
        );
        self.record.members_of(Some(slot));
        self.slot_by_path.insert(path.clone(), slot);
        self.evidence.push(Declaration {
            path,
            ty,
            label: decl.label.as_ref().map(|l| l.node.clone()),
            span: decl.path.span,
            source: self.source,
        });
    }

    fn type_expr(&mut self, ty: &Node<TypeExpr>, in_list: bool) -> Type {
        match &ty.node {
            TypeExpr::Bool => Type::Bool,
            TypeExpr::Int => Type::Int,
            TypeExpr::Number => Type::Number,
            TypeExpr::Percent => Type::Percent,
            TypeExpr::Date => Type::Date,
            TypeExpr::Text => Type::Text,
            TypeExpr::Enum(members) => {
                let mut names: Vec<String> = Vec::new();
                let mut seen: HashMap<&str, usize> = HashMap::new();
                for member in members {
                    if let Some(&first) = seen.get(member.node.as_str()) {
                        self.record.member(member.span, first, false);
                        self.error(
                            Diagnostic::error(
                                "E0212",
                                member.span,
                                say!(MemberTwice, &member.node),
                            )
                            .with_help(say!(ListOnce)),
                        );
                    } else {
                        seen.insert(member.node.as_str(), names.len());
                        self.record.member(member.span, names.len(), true);
                        names.push(member.node.clone());
                    }
                }
                if names.len() > usize::from(u16::MAX) {
                    self.error(
                        Diagnostic::error("E0214", ty.span, say!(EnumTooLarge))
                            .with_help(say!(EnumAtMost, u16::MAX.to_string())),
                    );
                }
                Type::Enum(names)
            }
            TypeExpr::List(element) => {
                if in_list {
                    self.error(
                        Diagnostic::error("E0213", ty.span, say!(ListOfLists))
                            .with_help(say!(ListOfSingle)),
                    );
                }
                // A list of lists is reported above; go on with the innermost
                // element so that uses of the path raise no follow-up errors.
                match self.type_expr(element, true) {
                    Type::List(inner) => Type::List(inner),
                    other => Type::List(Box::new(other)),
                }
            }
        }
    }

    /// `a` and `a.b` cannot both be declared: `a` would be a value and an object.
    fn check_path_prefixes(&mut self) {
        let mut problems = Vec::new();
        for decl in self.evidence.iter().skip(self.base_slots) {
            // Refused already (E0217): its prefixes are not worth hashing.
            if decl.path.split('.').nth(self.max_path_depth).is_some() {
                continue;
            }
            let mut prefix = String::new();
            for segment in decl.path.split('.') {
                if !prefix.is_empty() {
                    if let Some(&slot) = self.slot_by_path.get(&prefix) {
                        let other = self.evidence.get(slot).map(|d| d.span).unwrap_or_default();
                        let in_base = slot < self.base_slots;
                        let note = if in_base {
                            self.note_at(
                                self.evidence.get(slot).map_or(0, |d| d.source),
                                other,
                                say!(DeclaredAsValueHere, &prefix),
                            )
                        } else {
                            Vec::new()
                        };
                        let d = Diagnostic::error(
                            "E0211",
                            decl.span,
                            say!(InsideValue, &decl.path, &prefix),
                        )
                        .with_notes(note)
                        .with_help(say!(ValueAndGroup, &prefix));
                        problems.push(if in_base {
                            d
                        } else {
                            d.with_related(other, say!(AsValueHere))
                        });
                    }
                    prefix.push('.');
                }
                prefix.push_str(segment);
            }
        }
        self.diagnostics.extend(problems);
    }

    // ------------------------------------------------------------ defines

    fn define(&mut self, define: &ast::Define) {
        if let Some(&first) = self.define_by_name.get(&define.name.node) {
            // Reported as a duplicate already; the first is the one read.
            self.record.name(define.name.span, Target::Define(first));
            self.names_only(&define.expr);
            return;
        }
        if let Some(&slot) = self.slot_by_path.get(&define.name.node) {
            let note = match self.evidence.get(slot) {
                Some(decl) if slot < self.base_slots => {
                    self.note_at(decl.source, decl.span, say!(EvidenceOfBaseHere, &decl.path))
                }
                _ => Vec::new(),
            };
            self.error(
                Diagnostic::error(
                    "E0251",
                    define.name.span,
                    say!(AlreadyEvidence, &define.name.node),
                )
                .with_notes(note)
                .with_help(say!(RenameDefine)),
            );
        }
        let (resolved, ty, depth) = if self.circular.contains(&define.name.node) {
            // Refused already (E0254): its uses stay silent.
            self.names_only(&define.expr);
            (
                Resolved::new(
                    ResolvedKind::Const(crate::value::Value::Bool(false)),
                    define.span,
                ),
                Ty::Error,
                defines::Depth::default(),
            )
        } else {
            let (resolved, ty) = self.expr(&define.expr);
            if ty == Ty::Known(crate::value::Type::Bool) {
                self.lint_condition(&resolved);
            }
            let depth = self.depth(&resolved);
            self.bound_depth(depth, Some(&define.name.node), define.name.span);
            (resolved, ty, depth)
        };
        let index = self.defines.len();
        self.record
            .declare(Target::Define(index), define.name.span, define.span);
        self.define_by_name.insert(define.name.node.clone(), index);
        self.define_sites.push((self.source, define.name.span));
        self.defines.push((define.name.node.clone(), resolved, ty));
        self.define_depth.push(depth);
    }

    // ------------------------------------------------------------ partners

    /// The partners criteria may name: a base's, then the file's `owners`;
    /// the six the language knows when neither declares any.
    fn partners(&mut self, file: &File, base: Option<&Model>) -> Vec<Partner> {
        let declared: Vec<&ast::OwnerDecl> = file
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Owners(block) => Some(&block.node),
                _ => None,
            })
            .flatten()
            .collect();
        let mut partners = match base {
            Some(base) => base.partners.clone(),
            None if declared.is_empty() => Partner::built_in(),
            None => Vec::new(),
        };
        let inherited = partners.len();
        let mut spans: HashMap<&str, Span> = HashMap::new();
        for decl in &declared {
            let id = decl.id.node.as_str();
            if let Some(first) = spans.get(id) {
                self.error(
                    Diagnostic::error("E0244", decl.id.span, say!(PartnerTwice, id))
                        .with_related(*first, say!(FirstDeclaredHere))
                        .with_help(say!(RenamePartner)),
                );
                continue;
            }
            if partners.iter().take(inherited).any(|p| p.id == id) {
                self.error(
                    Diagnostic::error("E0244", decl.id.span, say!(PartnerOfBase, id))
                        .with_help(say!(RenamePartner)),
                );
                continue;
            }
            spans.insert(id, decl.id.span);
            self.record
                .declare(Target::Partner(partners.len()), decl.id.span, decl.id.span);
            let contact = decl.contact.as_ref().and_then(|path| {
                let slot = self.slot_by_path.get(&path.node).copied();
                if let Some(s) = slot {
                    self.record.name(path.span, Target::Evidence(s));
                }
                match slot.and_then(|s| self.evidence.get(s).map(|d| (s, &d.ty))) {
                    Some((s, Type::Text)) => {
                        self.used_slots.insert(s);
                        Some(s)
                    }
                    Some((_, ty)) => {
                        let ty = type_in_words(ty);
                        self.error(
                            Diagnostic::error(
                                "E0245",
                                path.span,
                                say!(ContactNotText, &path.node, ty),
                            )
                            .with_help(say!(ContactIsText)),
                        );
                        None
                    }
                    None => {
                        self.error(
                            Diagnostic::error(
                                "E0245",
                                path.span,
                                say!(ContactUndeclared, &path.node),
                            )
                            .with_help(say!(DeclareContact, &path.node)),
                        );
                        None
                    }
                }
            });
            partners.push(Partner {
                id: id.to_string(),
                name: decl.name.as_ref().map(|n| n.node.clone()),
                contact,
                lead: decl.lead.as_ref().map(|l| l.node.clone()),
            });
        }
        // A lead is a partner, and not the partner itself.
        for decl in &declared {
            let Some(lead) = &decl.lead else { continue };
            let at = partners.iter().position(|p| p.id == lead.node);
            if let Some(at) = at {
                self.record.name(lead.span, Target::Partner(at));
            }
            if lead.node == decl.id.node || at.is_none() {
                self.error(
                    Diagnostic::error(
                        "E0246",
                        lead.span,
                        say!(LeadNotAPartner, &lead.node, &decl.id.node),
                    )
                    .with_help(say!(LeadIsAnother)),
                );
                if let Some(p) = partners.iter_mut().find(|p| p.id == decl.id.node) {
                    p.lead = None;
                }
            }
        }
        partners
    }

    // ------------------------------------------------------------ criteria

    fn criterion(&mut self, criterion: &ast::Criterion, theme: usize) -> CriterionModel {
        let mut model = CriterionModel {
            id: criterion.id.node.clone(),
            layer: self.layer_id(),
            source: self.source,
            span: criterion.id.span,
            tightened_by: Vec::new(),
            title: criterion.title.node.clone(),
            theme,
            mandatory: false,
            weight: 1,
            legal: None,
            // Without `owner`, gaps go to the school (W0234), or to the
            // first partner of a framework that has no school.
            owner: self
                .partners
                .iter()
                .find(|p| p.id == Owner::School.name())
                .or(self.partners.first())
                .map(|p| p.id.clone())
                .unwrap_or_default(),
            applies: None,
            requirements: Vec::new(),
            score: None,
            guidance: None,
            audit_verified: false,
        };
        let mut seen: BTreeMap<&'static str, Span> = BTreeMap::new();
        let mut owner_given = false;
        for attr in &criterion.attrs {
            let key = match &attr.node {
                Attr::Mandatory => "mandatory",
                Attr::Weight(_) => "weight",
                Attr::Legal(_) => "legal",
                Attr::Owner(_) => "owner",
                Attr::Applies(_) => "applies when",
                Attr::Score(_) => "score",
                Attr::Guidance(_) => "guidance",
                Attr::AuditVerified => "audit requires verified",
                Attr::Require(_) => "require",
            };
            if key != "require" {
                if let Some(first) = seen.get(key) {
                    self.names_only_in(&attr.node);
                    self.error(
                        Diagnostic::error(
                            "E0232",
                            attr.span,
                            say!(GivenTwice, key, &criterion.id.node),
                        )
                        .with_related(*first, say!(FirstGivenHere))
                        .with_help(say!(KeepOneLine, key)),
                    );
                    continue;
                }
                seen.insert(key, attr.span);
            }
            match &attr.node {
                Attr::Mandatory => model.mandatory = true,
                Attr::Weight(w) => {
                    if w.node == 0 {
                        self.diagnostics.push(
                            Diagnostic::warning(
                                "W0263",
                                attr.span,
                                say!(WeightZero, &criterion.id.node),
                            )
                            .with_help(say!(WeightOneOrMore)),
                        );
                    }
                    if w.node > MAX_WEIGHT {
                        self.error(
                            Diagnostic::error(
                                "E0238",
                                w.span,
                                say!(WeightTooLarge, w.node.to_string()),
                            )
                            .with_help(say!(WeightsRange, MAX_WEIGHT.to_string())),
                        );
                    }
                    model.weight = w.node.min(MAX_WEIGHT);
                }
                Attr::Legal(text) => {
                    self.lints.extend(lint::empty_legal(&text.node, text.span));
                    model.legal = Some(text.node.clone());
                }
                Attr::Guidance(text) => model.guidance = Some(text.node.clone()),
                Attr::AuditVerified => {
                    if self.audit_verified {
                        self.diagnostics.push(
                            Diagnostic::warning(
                                "W0275",
                                attr.span,
                                say!(VerifiedTwice, &criterion.id.node),
                            )
                            .with_help(say!(VerifiedTwiceHelp)),
                        );
                    }
                    model.audit_verified = true;
                }
                Attr::Owner(name) => {
                    owner_given = true;
                    if let Some(at) = self.partners.iter().position(|p| p.id == name.node) {
                        self.record.name(name.span, Target::Partner(at));
                        model.owner = name.node.clone();
                    } else {
                        let mut d =
                            Diagnostic::error("E0233", name.span, say!(UnknownOwner, &name.node))
                                .with_label(say!(NotAPartner));
                        let ids = self.partners.iter().map(|p| p.id.as_str());
                        d = match nearest(&name.node, ids.clone()) {
                            Some(s) => d.with_help(say!(DidYouMean, s)),
                            None => {
                                d.with_help(say!(TheOwners, ids.collect::<Vec<_>>().join(", ")))
                            }
                        };
                        self.error(d);
                    }
                }
                Attr::Applies(condition) => {
                    let resolved = self.rule_condition(condition);
                    self.lint_condition(&resolved);
                    model.applies = Some(resolved);
                }
                Attr::Require(requirement) => {
                    let condition = self.rule_condition(&requirement.condition);
                    self.lint_condition(&condition);
                    let message = requirement.message.as_ref().map(|m| self.template(m));
                    model.requirements.push(RequirementModel {
                        condition,
                        message,
                        source: self.source,
                    });
                }
                Attr::Score(block) => model.score = self.score(block, attr.span),
            }
        }
        if model.mandatory {
            self.messageless(criterion);
        }
        if !owner_given {
            self.error(
                Diagnostic::warning(
                    "W0234",
                    criterion.id.span,
                    say!(NoOwner, &criterion.id.node),
                )
                .with_help(say!(AddOwner)),
            );
        }
        if model.requirements.is_empty() && !seen.contains_key("score") {
            self.error(
                Diagnostic::error("E0235", criterion.id.span, say!(NoRule, &criterion.id.node))
                    .with_label(say!(NothingDecides))
                    .with_help(say!(AddRule)),
            );
        }
        model
    }

    /// The requirements of a mandatory criterion without an `else` message
    /// (W0262): its gaps would read kader's generic text.
    fn messageless(&mut self, criterion: &ast::Criterion) {
        let generic = match self.language {
            Language::Nl => "Vereist: ...; gevonden: ...",
            Language::En => "Required: ...; found: ...",
        };
        for attr in &criterion.attrs {
            if let Attr::Require(ast::Requirement { message: None, .. }) = &attr.node {
                self.diagnostics.push(
                    Diagnostic::warning("W0262", attr.span, say!(NoMessage, &criterion.id.node))
                        .with_label(say!(NoElse))
                        .with_help(say!(AddElse, generic)),
                );
            }
        }
    }

    fn score(&mut self, block: &ast::ScoreBlock, span: Span) -> Option<ScoreModel> {
        if block.levels.is_empty() {
            self.error(Diagnostic::error("E0236", span, say!(NoLevels)).with_help(say!(AddLevels)));
            return None;
        }
        let mut levels = Vec::new();
        let mut max = 0;
        for level in &block.levels {
            if level.level.node > MAX_LEVEL {
                self.error(
                    Diagnostic::error(
                        "E0239",
                        level.level.span,
                        say!(LevelTooHigh, level.level.node.to_string()),
                    )
                    .with_help(say!(LevelsRange, MAX_LEVEL.to_string())),
                );
            }
            max = max.max(level.level.node);
            levels.push((level.level.node, self.rule_condition(&level.condition)));
        }
        self.unreachable_levels(block, &levels);
        let otherwise = block.otherwise.as_ref().map_or(0, |o| o.node);
        if let Some(o) = &block.otherwise {
            if o.node > MAX_LEVEL {
                self.error(
                    Diagnostic::error("E0239", o.span, say!(LevelTooHigh, o.node.to_string()))
                        .with_help(say!(LevelsRange, MAX_LEVEL.to_string())),
                );
            }
        }
        max = max.max(otherwise);
        if max == 0 {
            self.error(
                Diagnostic::error("E0237", span, say!(AllLevelsZero))
                    .with_help(say!(BestLevelAboveZero)),
            );
        }
        Some(ScoreModel {
            levels,
            otherwise,
            max,
        })
    }

    /// Conditions of score levels that always or never hold (W0260), and
    /// levels that a level above always takes first (W0261).
    fn unreachable_levels(&mut self, block: &ast::ScoreBlock, levels: &[(u64, Resolved)]) {
        let mut truths = Vec::new();
        for (_, condition) in levels {
            truths.push(self.lint_condition(condition));
        }
        let lint = Lint {
            evidence: &self.evidence,
            bare_numbers: &self.bare_numbers,
        };
        let written = block.levels.iter().zip(levels).zip(&truths);
        let mut above: Vec<(&ast::Level, &Resolved, Option<bool>)> = Vec::new();
        for ((level, (_, condition)), truth) in written {
            let span = level.level.span.to(level.condition.span);
            // A level that never holds is reported as such already.
            if *truth != Some(false) {
                let taken = above.iter().find(|(_, earlier, earlier_truth)| {
                    *earlier_truth == Some(true) || lint.implies(condition, earlier)
                });
                if let Some((earlier, _, earlier_truth)) = taken {
                    self.lints.push(unreachable(
                        span,
                        say!(Level, level.level.node.to_string()),
                        earlier,
                        *earlier_truth == Some(true),
                    ));
                }
            }
            above.push((level, condition, *truth));
        }
        if let Some(otherwise) = &block.otherwise {
            if let Some((earlier, _, _)) = above.iter().find(|(_, _, t)| *t == Some(true)) {
                self.lints.push(unreachable(
                    otherwise.span,
                    say!(Otherwise, otherwise.node.to_string()),
                    earlier,
                    true,
                ));
            }
        }
    }

    fn template(&mut self, template: &Node<ast::Template>) -> Vec<MessagePart> {
        let mut parts = Vec::new();
        for part in &template.node.parts {
            match part {
                ast::TemplatePart::Literal(text) => parts.push(MessagePart::Literal(text.clone())),
                ast::TemplatePart::Placeholder(path) => match self.slot_by_path.get(&path.node) {
                    Some(&slot) => {
                        self.record.name(path.span, Target::Evidence(slot));
                        self.used_slots.insert(slot);
                        parts.push(MessagePart::Slot(slot));
                    }
                    None => {
                        let mut d = Diagnostic::error(
                            "E0207",
                            path.span,
                            say!(UnknownPlaceholder, &path.node),
                        )
                        .with_label(say!(NotDeclaredPath));
                        d = match nearest(&path.node, expr::sorted(self.slot_by_path.keys())) {
                            Some(s) => d.with_help(say!(MeantPlaceholder, s)),
                            None => d.with_help(say!(PlaceholderNames)),
                        };
                        self.error(d);
                    }
                },
            }
        }
        parts
    }

    // ------------------------------------------------------------ scoring

    /// Applies the scoring section to the themes; returns this file's rule
    /// for every theme.
    fn scoring(&mut self, file: &File, themes: &mut [ThemeModel]) -> Option<ThemeRule> {
        let blocks: Vec<&Node<Vec<ScoringRule>>> = file
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Scoring(block) => Some(block),
                _ => None,
            })
            .collect();
        if let [first, rest @ ..] = blocks.as_slice() {
            for extra in rest {
                self.error(
                    Diagnostic::error("E0243", extra.span, say!(TwoScorings))
                        .with_related(first.span, say!(FirstSectionHere))
                        .with_help(say!(MergeScorings)),
                );
                for rule in &extra.node {
                    if let ScoringRule::ThemePasses {
                        theme: Some(id), ..
                    } = rule
                    {
                        if let Some(at) = themes.iter().position(|t| t.id == id.node) {
                            self.record.name(id.span, Target::Theme(at));
                        }
                    }
                }
            }
        }
        let block = blocks.first()?;
        let mut default_rule: Option<(bool, Option<Decimal>, Span)> = None;
        let mut specific: BTreeMap<String, (bool, Option<Decimal>, Span)> = BTreeMap::new();
        let mut certified_seen: Option<Span> = None;
        for rule in &block.node {
            match rule {
                ScoringRule::CertifiedWhenAllThemesPass(span) => {
                    if let Some(first) = certified_seen {
                        self.error(
                            Diagnostic::error("E0242", *span, say!(CertifiedTwice))
                                .with_related(first, say!(FirstGivenHere))
                                .with_help(say!(KeepOneCertified)),
                        );
                    }
                    certified_seen = Some(*span);
                }
                ScoringRule::ThemePasses {
                    theme,
                    conditions,
                    span,
                } => {
                    let mut all_mandatory = false;
                    let mut threshold = None;
                    for condition in conditions {
                        match condition.node {
                            ThemeCondition::AllMandatoryPass => all_mandatory = true,
                            ThemeCondition::ScoreAtLeast(t) => {
                                if t > Decimal::ONE || t < Decimal::ZERO {
                                    self.error(
                                        Diagnostic::error(
                                            "E0241",
                                            condition.span,
                                            say!(
                                                ThresholdAbove100,
                                                crate::value::format_percent(t)
                                            ),
                                        )
                                        .with_label(say!(AtMost100))
                                        .with_help(say!(ThresholdRange)),
                                    );
                                }
                                if threshold.is_some() {
                                    self.error(
                                        Diagnostic::error(
                                            "E0242",
                                            condition.span,
                                            say!(ThresholdTwice),
                                        )
                                        .with_help(say!(KeepOneThreshold)),
                                    );
                                }
                                threshold = Some(t);
                            }
                        }
                    }
                    match theme {
                        None => {
                            if let Some((_, _, first)) = default_rule {
                                self.error(
                                    Diagnostic::error("E0242", *span, say!(EveryThemeRuleTwice))
                                        .with_related(first, say!(FirstGivenHere))
                                        .with_help(say!(KeepOneThemeRule)),
                                );
                            }
                            default_rule = Some((all_mandatory, threshold, *span));
                        }
                        Some(id) => {
                            if let Some(at) = themes.iter().position(|t| t.id == id.node) {
                                self.record.name(id.span, Target::Theme(at));
                            } else {
                                let mut d = Diagnostic::error(
                                    "E0240",
                                    id.span,
                                    say!(UnknownTheme, &id.node),
                                )
                                .with_label(say!(NoSuchTheme));
                                d = match nearest(&id.node, themes.iter().map(|t| t.id.as_str())) {
                                    Some(s) => d.with_help(say!(DidYouMean, s)),
                                    None => d.with_help(say!(NameATheme)),
                                };
                                self.error(d);
                            }
                            if let Some((_, _, first)) = specific.get(&id.node) {
                                self.error(
                                    Diagnostic::error(
                                        "E0242",
                                        *span,
                                        say!(ThemeRuleTwice, &id.node),
                                    )
                                    .with_related(*first, say!(FirstGivenHere))
                                    .with_help(say!(KeepOneRulePerTheme)),
                                );
                            }
                            specific.insert(id.node.clone(), (all_mandatory, threshold, *span));
                        }
                    }
                }
            }
        }
        for theme in themes.iter_mut() {
            if let Some((all_mandatory, threshold, span)) =
                specific.get(&theme.id).or(default_rule.as_ref())
            {
                theme.all_mandatory = *all_mandatory;
                theme.threshold = *threshold;
                theme.rule = Some((self.source, *span));
            }
        }
        default_rule.map(|(all_mandatory, threshold, span)| ThemeRule {
            all_mandatory,
            threshold,
            source: self.source,
            span,
        })
    }
}

/// W0261: a score level (or `otherwise`) that the level `earlier` above it
/// always takes first.
fn unreachable(span: Span, what: Text, earlier: &ast::Level, always: bool) -> Diagnostic {
    let earlier_span = earlier.level.span.to(earlier.condition.span);
    let (message, related, help) = if always {
        (
            say!(NeverReachedAlways, what),
            say!(AlwaysHolds),
            say!(CorrectAbove),
        )
    } else {
        (
            say!(NeverReached, what.clone(), earlier.level.node.to_string()),
            say!(TriedFirst, what),
            say!(TopDown),
        )
    };
    Diagnostic::warning("W0261", span, message)
        .with_label(say!(NeverReachedLabel))
        .with_related(earlier_span, related)
        .with_help(help)
}
