//! Stage 3: the checked model → a compact evaluator.
//!
//! **The evaluator never sees a name.** Evidence is addressed by slot,
//! expressions by index into one flat array, `and`/`or` operands by a range
//! of another; defines are compiled once and shared by every use. What the
//! gap explanations need (the notation of each condition, which evidence it
//! reads) is prepared here too, once, so that evaluation only looks it up.

pub(crate) mod scale;

use std::collections::BTreeMap;

pub(crate) use scale::Scale;

use crate::check::{self, Language, MessagePart, Model, Partner, Resolved, ResolvedKind};
use crate::diagnostic::{say, Diagnostic, Diagnostics};
use crate::span::Span;
use crate::syntax::ast::{self, ArithOp, CompareOp, LogicOp, Period};
use crate::value::{Type, Value};

/// Index of an expression in [`Framework::exprs`].
pub(crate) type ExprId = u32;
/// Index of a declared piece of evidence.
pub(crate) type SlotId = u32;

/// One instruction of the evaluator.
#[derive(Clone, Debug)]
pub(crate) enum Op {
    Const(Value),
    Slot(SlotId),
    Present(SlotId),
    Count(SlotId, Option<Test>),
    Not(ExprId),
    /// Operands are `operands[start .. start + len]`.
    Logic(LogicOp, u32, u32),
    Compare(CompareOp, ExprId, ExprId),
    Arith(ArithOp, ExprId, ExprId),
    Neg(ExprId),
    Test(ExprId, Test),
    /// A use of define number `.0`, whose expression is `.1`: evaluated
    /// once per location and shared by every use; what reads a condition's
    /// structure stops here or visits `.1` once.
    Define(u32, ExprId),
    /// `slot <op> number`: the most common condition, in one step (only
    /// in [`Framework::fused`]).
    CompareSlotNumber(CompareOp, SlotId, rust_decimal::Decimal),
    /// `slot within period`, in one step (only in [`Framework::fused`]);
    /// `.2` is the period's place in [`Framework::windows`], where the
    /// evaluator keeps its first day once per location (`u8::MAX`: not
    /// kept).
    SlotWithin(SlotId, Period, u8),
    /// `count(slot within period) <op> number`, in one step (only in
    /// [`Framework::fused`]); the window as in [`Op::SlotWithin`].
    CountWithin(CompareOp, SlotId, Period, u8, rust_decimal::Decimal),
}

/// A test on one value (or on each element of a list, in `count`).
#[derive(Clone, Debug)]
pub(crate) enum Test {
    Within(Period),
    Before(ExprId),
    After(ExprId),
    In { negated: bool, set: Box<[Value]> },
    Compare(CompareOp, ExprId),
}

/// A declared piece of evidence.
#[derive(Clone, Debug)]
pub(crate) struct Slot {
    pub path: String,
    pub ty: Type,
    pub label: Option<String>,
}

/// A compiled framework: evaluate it against any number of locations.
///
/// `Framework` is immutable, `Send` and `Sync`: compile it once and share it
/// between threads.
#[derive(Clone, Debug)]
pub struct Framework {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) version: String,
    pub(crate) language: Language,
    pub(crate) validity: Option<Period>,
    /// When the certificate's mid-term check is due after the audit.
    pub(crate) midterm: Option<Period>,
    /// The SHA-256 of its files' canonical text, base first (hex).
    pub(crate) content_hash: String,
    pub(crate) slots: Vec<Slot>,
    pub(crate) slot_by_path: BTreeMap<String, SlotId>,
    /// The partners criteria name as owner (`owners`, or the six the
    /// language knows).
    pub(crate) partners: Vec<Partner>,
    pub(crate) exprs: Vec<Op>,
    /// `exprs` with the most common shapes folded into one instruction
    /// (same ids): what the evaluator runs. Everything that reads the
    /// structure of a condition reads `exprs`.
    pub(crate) fused: Vec<Op>,
    pub(crate) operands: Vec<ExprId>,
    /// The first [`WINDOWS`] distinct periods of `within` in the
    /// framework: the windows whose first day the evaluator works out once
    /// per location.
    pub(crate) windows: Vec<Period>,
    /// The name of each define, by the number in [`Op::Define`].
    pub(crate) defines: Vec<String>,
    /// The evidence each define reads, by its number.
    pub(crate) define_slots: Vec<Reads>,
    /// The [`Op::Define`] of each define, by its number.
    pub(crate) define_ids: Vec<ExprId>,
    pub(crate) criteria: Vec<CompiledCriterion>,
    pub(crate) themes: Vec<CompiledTheme>,
    pub(crate) warnings: Diagnostics,
    /// The frameworks this one extends, nearest first: `(id, version)`.
    pub(crate) extends: Vec<(String, String)>,
}

#[derive(Clone, Debug)]
pub(crate) struct CompiledTheme {
    pub id: String,
    pub title: String,
    /// The framework that introduced the theme.
    pub layer: String,
    pub criteria: Vec<u32>,
    pub all_mandatory: bool,
    pub threshold: Option<rust_decimal::Decimal>,
    /// Its own rule's members, as it counts them, and how it counts them.
    pub members: Vec<Member>,
    pub scale: Scale,
    /// For a base theme in a layer: the rules of the frameworks below,
    /// bottom first; the theme passes only when they pass too.
    pub floors: Vec<Floor>,
    /// Where its id is written, when in the framework's own file (not a
    /// base's): what the analysis lints point at.
    pub at: Option<Span>,
}

/// The rule of a framework below a layer, for one of its themes.
#[derive(Clone, Debug)]
pub(crate) struct Floor {
    /// The framework that wrote it.
    pub layer: String,
    pub members: Vec<Member>,
    pub all_mandatory: bool,
    pub threshold: Option<rust_decimal::Decimal>,
    pub scale: Scale,
}

impl CompiledCriterion {
    /// The evidence it reads: in where it applies, its requirements and
    /// its levels (at most [`Reads::LISTED`] listed).
    pub fn reads(&self) -> Reads {
        let mut reads = Reads::default();
        let conditions = self
            .applies
            .iter()
            .chain(self.requirements.iter().map(|r| &r.condition))
            .chain(
                self.score
                    .iter()
                    .flat_map(|s| s.levels.iter().map(|(_, l)| l)),
            );
        for condition in conditions {
            for conjunct in &condition.conjuncts {
                reads.extend(&conjunct.reads);
            }
        }
        reads
    }
}

/// A criterion as one rule counts it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Member {
    pub criterion: u32,
    pub weight: u64,
    pub mandatory: bool,
    /// What each level it reaches adds to the rule's score, over the
    /// rule's [`Scale::den`]: `weight × den / top level`.
    pub per_level: u64,
    /// Its whole weight over `den`: `weight × den`.
    pub full: u64,
}

#[derive(Clone, Debug)]
pub(crate) struct CompiledCriterion {
    pub id: String,
    pub title: String,
    /// The framework that introduced the criterion.
    pub layer: String,
    /// The layers that tightened it.
    pub tightened_by: Vec<String>,
    pub theme: u32,
    pub mandatory: bool,
    pub weight: u64,
    pub legal: Option<String>,
    /// The id of its owner among [`Framework::partners`].
    pub owner: String,
    pub guidance: Option<String>,
    /// At the audit, only verified evidence counts for it (`audit requires
    /// verified`, in the criterion or in the framework's header).
    pub verified_at_audit: bool,
    pub applies: Option<Condition>,
    pub requirements: Vec<Requirement>,
    /// How many of `requirements` (the first) the framework that
    /// introduced the criterion wrote; the rest are layers' tightening.
    pub own_requirements: usize,
    pub score: Option<Score>,
    /// Where its id is written, when in the framework's own file.
    pub at: Option<Span>,
}

#[derive(Clone, Debug)]
pub(crate) struct Requirement {
    pub condition: Condition,
    pub message: Option<Vec<MessagePart>>,
}

#[derive(Clone, Debug)]
pub(crate) struct Score {
    pub levels: Vec<(u64, Condition)>,
    pub otherwise: u64,
    pub max: u64,
}

/// A condition with what explaining it needs.
#[derive(Clone, Debug)]
pub(crate) struct Condition {
    pub expr: ExprId,
    /// Where it is written, when in the framework's own file.
    pub at: Option<Span>,
    /// The condition as the author wrote it.
    pub notation: String,
    /// Its top-level `and` operands, each explained on its own.
    pub conjuncts: Vec<Conjunct>,
}

/// One operand of a top-level `and`.
#[derive(Clone, Debug)]
pub(crate) struct Conjunct {
    pub expr: ExprId,
    /// What must hold, in the framework's notation: `>= 70%` when the
    /// subject is a single value, the whole condition otherwise.
    pub expected: String,
    /// The whole operand as the author writes it (bracketed when it is an
    /// `or`): what a gap shows when it lists several operands.
    pub notation: String,
    /// What to show as found.
    pub subject: Subject,
    /// The evidence the conjunct reads.
    pub reads: Reads,
}

/// The evidence an expression reads, in order of first use: at most
/// [`Reads::LISTED`] pieces, and whether it reads more. The bound keeps a
/// gap, and the work of listing it, short when a condition reads a define
/// that reads a great many pieces of evidence: without it, a few thousand
/// criteria that each read one wide define would each list all of it.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Reads {
    pub slots: Vec<SlotId>,
    /// It reads more evidence than `slots` lists.
    pub more: bool,
}

impl Reads {
    /// The most pieces of evidence listed.
    pub const LISTED: usize = 32;

    pub fn add(&mut self, slot: SlotId) {
        if self.slots.contains(&slot) {
            return;
        }
        if self.slots.len() < Self::LISTED {
            self.slots.push(slot);
        } else {
            self.more = true;
        }
    }

    pub fn extend(&mut self, other: &Reads) {
        for s in &other.slots {
            self.add(*s);
        }
        self.more |= other.more;
    }
}

/// What a gap shows as the value found.
#[derive(Clone, Debug)]
pub(crate) enum Subject {
    /// The value of this expression, shown as this type.
    Value(ExprId, Type),
    /// Each piece of evidence with its value.
    Evidence,
}

/// Compiles a checked model. Its sources provide the notation of conditions.
pub(crate) fn compile(model: &Model, warnings: Diagnostics) -> Result<Framework, Diagnostics> {
    compile_model(model, warnings).map_err(|mut d| {
        d.settle_language(model.language);
        d
    })
}

impl Framework {
    /// The name people read for a partner: the one the framework declares,
    /// or for the six the language knows, the catalogue's in `language`.
    pub(crate) fn partner_name(&self, id: &str, language: Language) -> String {
        match self.partners.iter().find(|p| p.id == id) {
            Some(partner) => partner.name_in(language),
            None => crate::words::words(language).owner_name(id).to_string(),
        }
    }
}

fn compile_model(model: &Model, warnings: Diagnostics) -> Result<Framework, Diagnostics> {
    let text = |source: usize| model.sources.get(source).map_or("", |s| s.text.as_str());
    let mut compiler = Compiler {
        source: "",
        source_index: 0,
        root: model.sources.len().saturating_sub(1),
        exprs: Vec::new(),
        operands: Vec::new(),
        defines: Vec::new(),
        define_slots: Vec::new(),
        model,
    };
    for (k, define) in model.defines.iter().enumerate() {
        let inner = compiler.expr(define)?;
        let id = compiler.push(Op::Define(index(k)?, inner))?;
        compiler.defines.push(id);
        let mut reads = Reads::default();
        compiler.collect_slots(define, &mut reads)?;
        compiler.define_slots.push(reads);
    }
    let mut criteria = Vec::new();
    for c in &model.criteria {
        compiler.source = text(c.source);
        compiler.source_index = c.source;
        let applies = c
            .applies
            .as_ref()
            .map(|a| compiler.condition(a))
            .transpose()?;
        let requirements = c
            .requirements
            .iter()
            .map(|r| {
                compiler.source = text(r.source);
                compiler.source_index = r.source;
                Ok(Requirement {
                    condition: compiler.condition(&r.condition)?,
                    message: r.message.clone(),
                })
            })
            .collect::<Result<Vec<_>, Diagnostics>>()?;
        compiler.source = text(c.source);
        compiler.source_index = c.source;
        let score = match &c.score {
            Some(s) => Some(Score {
                levels: s
                    .levels
                    .iter()
                    .map(|(level, cond)| Ok((*level, compiler.condition(cond)?)))
                    .collect::<Result<Vec<_>, Diagnostics>>()?,
                otherwise: s.otherwise,
                max: s.max,
            }),
            None => None,
        };
        criteria.push(CompiledCriterion {
            id: c.id.clone(),
            title: c.title.clone(),
            layer: c.layer.clone(),
            tightened_by: c.tightened_by.clone(),
            theme: index(c.theme)?,
            mandatory: c.mandatory,
            weight: c.weight,
            legal: c.legal.clone(),
            owner: c.owner.clone(),
            guidance: c.guidance.clone(),
            verified_at_audit: c.audit_verified || model.audit_verified,
            applies,
            own_requirements: c
                .requirements
                .iter()
                .take_while(|r| r.source == c.source)
                .count(),
            requirements,
            score,
            at: (c.source + 1 == model.sources.len()).then_some(c.span),
        });
    }
    let (themes, too_large) = rules(model)?;
    if !too_large.is_empty() {
        let mut diagnostics = warnings;
        diagnostics.extend(too_large);
        diagnostics.sort();
        return Err(diagnostics);
    }
    let slots: Vec<Slot> = model
        .evidence
        .iter()
        .map(|d| Slot {
            path: d.path.clone(),
            ty: d.ty.clone(),
            label: d.label.clone(),
        })
        .collect();
    let slot_by_path = slots
        .iter()
        .enumerate()
        .map(|(i, s)| Ok((s.path.clone(), index(i)?)))
        .collect::<Result<_, Diagnostics>>()?;
    let (fused, windows) = fuse(compiler.exprs.clone());
    Ok(Framework {
        id: model.id.clone(),
        title: model.title.clone(),
        version: model.version.clone(),
        language: model.language,
        validity: model.validity,
        midterm: model.midterm,
        content_hash: crate::digest::framework_hash(model.sources.iter().map(|s| s.text.as_str())),
        slots,
        slot_by_path,
        partners: model.partners.clone(),
        fused,
        windows,
        exprs: compiler.exprs,
        operands: compiler.operands,
        defines: model.define_names.iter().map(|(n, _)| n.clone()).collect(),
        define_slots: compiler.define_slots,
        define_ids: compiler.defines,
        criteria,
        themes,
        warnings,
        extends: model.extends.clone(),
    })
}

/// The compiled themes, each rule scaled to whole numbers, and an E0302
/// for every rule whose numbers would not fit.
fn rules(model: &Model) -> Result<(Vec<CompiledTheme>, Diagnostics), Diagnostics> {
    let top = |i: usize| {
        model
            .criteria
            .get(i)
            .and_then(|c| c.score.as_ref())
            .map_or(1, |s| s.max)
    };
    let mut too_large = Diagnostics::new();
    let mut themes = Vec::with_capacity(model.themes.len());
    for t in &model.themes {
        let mut settle = |members: &[(usize, u64, bool)], threshold, layer: Option<&str>| {
            let unscaled = members
                .iter()
                .map(|&(i, weight, mandatory)| Ok((index(i)?, weight, mandatory, top(i))))
                .collect::<Result<Vec<_>, Diagnostics>>()?;
            Ok(match scale::settle(&unscaled, threshold) {
                Ok(settled) => settled,
                Err(cause) => {
                    too_large.push(scale::too_large(model, t, layer, cause));
                    (Vec::new(), Scale::default())
                }
            })
        };
        let own = t.own_rule(&model.id, &model.criteria);
        let (members, scale) = settle(&own.members, t.threshold, None)?;
        let mut floors = Vec::with_capacity(t.floors.len());
        for f in &t.floors {
            let (members, scale) = settle(&f.members, f.threshold, Some(&f.layer))?;
            floors.push(Floor {
                layer: f.layer.clone(),
                members,
                all_mandatory: f.all_mandatory,
                threshold: f.threshold,
                scale,
            });
        }
        themes.push(CompiledTheme {
            id: t.id.clone(),
            title: t.title.clone(),
            layer: t.layer.clone(),
            criteria: t
                .criteria
                .iter()
                .map(|&i| index(i))
                .collect::<Result<_, _>>()?,
            all_mandatory: t.all_mandatory,
            threshold: t.threshold,
            members,
            scale,
            floors,
            at: (t.source + 1 == model.sources.len()).then_some(t.span),
        });
    }
    Ok((themes, too_large))
}

/// Folds the most common shapes into one instruction each: a comparison of
/// a piece of evidence with a number, a window on a date. The parts stay
/// where they are (gap explanations show the value of the evidence).
/// Also returns the first [`WINDOWS`] distinct periods of `within`, which
/// the fused windows name by their place.
fn fuse(mut exprs: Vec<Op>) -> (Vec<Op>, Vec<Period>) {
    let mut windows: Vec<Period> = Vec::new();
    for op in &exprs {
        if let Op::Test(_, Test::Within(p)) | Op::Count(_, Some(Test::Within(p))) = op {
            if windows.len() < WINDOWS && !windows.contains(p) {
                windows.push(*p);
            }
        }
    }
    for i in 0..exprs.len() {
        let fused = match exprs.get(i) {
            Some(Op::Compare(op, l, r)) => match (exprs.get(*l as usize), exprs.get(*r as usize)) {
                (Some(Op::Slot(slot)), Some(Op::Const(Value::Number(n)))) => {
                    Some(Op::CompareSlotNumber(*op, *slot, *n))
                }
                (
                    Some(Op::Count(slot, Some(Test::Within(period)))),
                    Some(Op::Const(Value::Number(n))),
                ) => Some(Op::CountWithin(
                    *op,
                    *slot,
                    *period,
                    window_of(&windows, period),
                    *n,
                )),
                _ => None,
            },
            Some(Op::Test(subject, Test::Within(period))) => match exprs.get(*subject as usize) {
                Some(Op::Slot(slot)) => {
                    Some(Op::SlotWithin(*slot, *period, window_of(&windows, period)))
                }
                _ => None,
            },
            _ => None,
        };
        if let (Some(fused), Some(op)) = (fused, exprs.get_mut(i)) {
            *op = fused;
        }
    }
    (exprs, windows)
}

/// The place of `period` among `windows` (`u8::MAX`: not among them).
fn window_of(windows: &[Period], period: &Period) -> u8 {
    windows
        .iter()
        .position(|p| p == period)
        .and_then(|w| u8::try_from(w).ok())
        .unwrap_or(u8::MAX)
}

/// How many windows the evaluator keeps the first day of, once per
/// location (the basiskader has three).
pub(crate) const WINDOWS: usize = 4;

fn index(i: usize) -> Result<u32, Diagnostics> {
    u32::try_from(i).map_err(|_| {
        Diagnostics::from_iter([Diagnostic::error(
            "E0300",
            ast::Span::new(0, 9),
            say!(FrameworkTooLarge),
        )
        .with_help(say!(SplitFramework))])
    })
}

struct Compiler<'a> {
    source: &'a str,
    /// The index of `source` in the model's sources.
    source_index: usize,
    /// The framework's own file, among the sources.
    root: usize,
    exprs: Vec<Op>,
    operands: Vec<ExprId>,
    /// The [`Op::Define`] of each define compiled so far.
    defines: Vec<ExprId>,
    /// The evidence each define reads.
    define_slots: Vec<Reads>,
    model: &'a Model,
}

impl Compiler<'_> {
    fn push(&mut self, op: Op) -> Result<ExprId, Diagnostics> {
        let id = index(self.exprs.len())?;
        self.exprs.push(op);
        Ok(id)
    }

    fn expr(&mut self, e: &Resolved) -> Result<ExprId, Diagnostics> {
        let op = match &e.node {
            ResolvedKind::Const(v) => Op::Const(v.clone()),
            ResolvedKind::Slot(s) => Op::Slot(index(*s)?),
            ResolvedKind::Define(d) => {
                return self.defines.get(*d).copied().ok_or_else(|| {
                    Diagnostics::from_iter([Diagnostic::error(
                        "E0300",
                        e.span,
                        say!(DefineNotCompiled),
                    )])
                })
            }
            ResolvedKind::Present(s) => Op::Present(index(*s)?),
            ResolvedKind::Count { slot, filter } => {
                let test = match filter {
                    Some(f) => Some(self.test(f)?),
                    None => None,
                };
                Op::Count(index(*slot)?, test)
            }
            ResolvedKind::Not(inner) => Op::Not(self.expr(inner)?),
            ResolvedKind::Logic(op, items) => {
                let ids = items
                    .iter()
                    .map(|i| self.expr(i))
                    .collect::<Result<Vec<_>, _>>()?;
                let start = index(self.operands.len())?;
                let len = index(ids.len())?;
                self.operands.extend(ids);
                Op::Logic(*op, start, len)
            }
            ResolvedKind::Compare(op, l, r) => Op::Compare(*op, self.expr(l)?, self.expr(r)?),
            ResolvedKind::Arith(op, l, r) => Op::Arith(*op, self.expr(l)?, self.expr(r)?),
            ResolvedKind::Neg(inner) => Op::Neg(self.expr(inner)?),
            ResolvedKind::Test(subject, test) => {
                let subject = self.expr(subject)?;
                Op::Test(subject, self.test(test)?)
            }
        };
        self.push(op)
    }

    fn test(&mut self, test: &check::ElementTest) -> Result<Test, Diagnostics> {
        Ok(match test {
            check::ElementTest::Within(p) => Test::Within(*p),
            check::ElementTest::Before(e) => Test::Before(self.expr(e)?),
            check::ElementTest::After(e) => Test::After(self.expr(e)?),
            check::ElementTest::In { negated, set } => Test::In {
                negated: *negated,
                set: set.clone().into_boxed_slice(),
            },
            check::ElementTest::Compare(op, e) => Test::Compare(*op, self.expr(e)?),
        })
    }

    /// The text of a condition or a part of it: as the checker printed it
    /// from the syntax tree (brackets where binding needs them, no comments),
    /// or the source text with its blanks joined.
    fn notation(&self, span: ast::Span) -> String {
        if let Some(printed) = self
            .model
            .notations
            .get(&(self.source_index, span.start, span.end))
        {
            return printed.clone();
        }
        let text = self.source.get(span.start..span.end).unwrap_or("");
        let mut notation = String::with_capacity(text.len());
        for word in text.split_whitespace() {
            if !notation.is_empty() {
                notation.push(' ');
            }
            notation.push_str(word);
        }
        notation
    }

    fn condition(&mut self, e: &Resolved) -> Result<Condition, Diagnostics> {
        let (expr, conjuncts) = match &e.node {
            ResolvedKind::Logic(LogicOp::And, items) => {
                let conjuncts = items
                    .iter()
                    .map(|i| self.conjunct(i))
                    .collect::<Result<Vec<_>, _>>()?;
                let start = index(self.operands.len())?;
                let len = index(conjuncts.len())?;
                self.operands.extend(conjuncts.iter().map(|c| c.expr));
                (self.push(Op::Logic(LogicOp::And, start, len))?, conjuncts)
            }
            _ => {
                let conjunct = self.conjunct(e)?;
                (conjunct.expr, vec![conjunct])
            }
        };
        Ok(Condition {
            expr,
            at: (self.source_index == self.root).then_some(e.span),
            notation: self.notation(e.span),
            conjuncts,
        })
    }

    fn conjunct(&mut self, e: &Resolved) -> Result<Conjunct, Diagnostics> {
        let expr = self.expr(e)?;
        let op = usize::try_from(expr).ok().and_then(|i| self.exprs.get(i));
        let mut reads = Reads::default();
        self.collect_slots(e, &mut reads)?;
        let (expected, subject) = match (&e.node, op) {
            (ResolvedKind::Compare(_, lhs, rhs), Some(Op::Compare(_, l, _)))
                if !self.reads_evidence(rhs) && self.reads_evidence(lhs) =>
            {
                let tail = self.notation(ast::Span::new(lhs.span.end, e.span.end));
                (tail, Subject::Value(*l, self.display_type(lhs)))
            }
            (ResolvedKind::Test(subject, _), Some(Op::Test(s, _)))
                if self.reads_evidence(subject) =>
            {
                let tail = self.notation(ast::Span::new(subject.span.end, e.span.end));
                (tail, Subject::Value(*s, self.display_type(subject)))
            }
            (ResolvedKind::Slot(s), _) => {
                ("true".to_string(), Subject::Value(expr, self.slot_type(*s)))
            }
            (ResolvedKind::Not(inner), Some(Op::Not(i))) => match inner.node {
                ResolvedKind::Slot(s) => {
                    ("false".to_string(), Subject::Value(*i, self.slot_type(s)))
                }
                _ => (self.notation(e.span), Subject::Evidence),
            },
            _ => (self.notation(e.span), Subject::Evidence),
        };
        Ok(Conjunct {
            expr,
            expected,
            notation: self.notation(e.span),
            subject,
            reads,
        })
    }

    fn slot_type(&self, slot: usize) -> Type {
        self.model
            .evidence
            .get(slot)
            .map_or(Type::Number, |d| d.ty.clone())
    }

    fn display_type(&self, e: &Resolved) -> Type {
        match &e.node {
            ResolvedKind::Slot(s) => self.slot_type(*s),
            ResolvedKind::Count { .. } => Type::Int,
            ResolvedKind::Define(d) => self
                .model
                .defines
                .get(*d)
                .map_or(Type::Number, |r| self.display_type(r)),
            _ => Type::Number,
        }
    }

    fn reads_evidence(&self, e: &Resolved) -> bool {
        let mut reads = Reads::default();
        self.collect_slots(e, &mut reads).is_ok() && !reads.slots.is_empty()
    }

    fn collect_slots(&self, e: &Resolved, out: &mut Reads) -> Result<(), Diagnostics> {
        let add = |s: usize, out: &mut Reads| -> Result<(), Diagnostics> {
            out.add(index(s)?);
            Ok(())
        };
        match &e.node {
            ResolvedKind::Const(_) => {}
            ResolvedKind::Slot(s) | ResolvedKind::Present(s) => add(*s, out)?,
            ResolvedKind::Count { slot, filter } => {
                add(*slot, out)?;
                if let Some(f) = filter {
                    self.collect_test_slots(f, out)?;
                }
            }
            ResolvedKind::Define(d) => {
                // Worked out once per define: a chain of defines that each
                // use the one before twice is not walked twice per link.
                if let Some(reads) = self.define_slots.get(*d) {
                    out.extend(reads);
                }
            }
            ResolvedKind::Not(i) | ResolvedKind::Neg(i) => self.collect_slots(i, out)?,
            ResolvedKind::Logic(_, items) => {
                for i in items {
                    self.collect_slots(i, out)?;
                }
            }
            ResolvedKind::Compare(_, l, r) | ResolvedKind::Arith(_, l, r) => {
                self.collect_slots(l, out)?;
                self.collect_slots(r, out)?;
            }
            ResolvedKind::Test(s, t) => {
                self.collect_slots(s, out)?;
                self.collect_test_slots(t, out)?;
            }
        }
        Ok(())
    }

    fn collect_test_slots(
        &self,
        t: &check::ElementTest,
        out: &mut Reads,
    ) -> Result<(), Diagnostics> {
        match t {
            check::ElementTest::Before(e)
            | check::ElementTest::After(e)
            | check::ElementTest::Compare(_, e) => self.collect_slots(e, out),
            check::ElementTest::Within(_) | check::ElementTest::In { .. } => Ok(()),
        }
    }
}

impl Framework {
    /// Parses, checks and compiles a framework. On success the framework
    /// keeps the checker's warnings ([`Framework::warnings`]); on failure
    /// every diagnostic is returned, warnings included.
    ///
    /// ```
    /// let source = r#"
    /// framework demo "Demo" version "1"
    /// evidence { plan.adopted : date "Datum plan" }
    /// theme t "Thema" {
    ///   criterion C1 "Plan" { owner school require plan.adopted within 12 months }
    /// }
    /// "#;
    /// let framework = kader::Framework::compile(source)?;
    /// assert_eq!(framework.id(), "demo");
    /// # Ok::<(), kader::Diagnostics>(())
    /// ```
    ///
    /// A framework that `extends` another is refused (E0273): compile it
    /// with [`Framework::compile_with`] and a resolver.
    pub fn compile(source: &str) -> Result<Framework, Diagnostics> {
        let (model, diagnostics) =
            crate::resolve::load(source, "", None, &crate::Limits::default())?;
        compile(&model, diagnostics)
    }

    /// Parses, checks and compiles a framework that may extend others
    /// (a layer): `resolver` finds each base by its id. `file_name` names
    /// the source in notes that point into it. Diagnostics point into
    /// `source`; a problem in a base is one diagnostic at the `extends`
    /// line, with the base's errors as notes.
    ///
    /// ```
    /// use kader::resolve::MemoryResolver;
    ///
    /// let base = r#"
    /// framework basis "Basis" version "1"
    /// evidence { plan.adopted : date "Datum plan" }
    /// theme t "Thema" {
    ///   criterion C1 "Plan" { owner school require plan.adopted within 12 months }
    /// }
    /// "#;
    /// let layer = r#"
    /// framework lokaal "Lokaal" version "1"
    /// extends basis version "1"
    /// tighten C1 { mandatory }
    /// "#;
    /// let resolver = MemoryResolver::new().with("basis", "basis.kader", base);
    /// let framework = kader::Framework::compile_with(layer, "lokaal.kader", &resolver)?;
    /// assert_eq!(framework.extends(), [("basis".to_string(), "1".to_string())]);
    /// # Ok::<(), kader::Diagnostics>(())
    /// ```
    pub fn compile_with(
        source: &str,
        file_name: &str,
        resolver: &dyn crate::resolve::Resolver,
    ) -> Result<Framework, Diagnostics> {
        Framework::compile_with_limits(source, file_name, Some(resolver), &crate::Limits::default())
    }

    /// Like [`Framework::compile_with`], with the host's own [`crate::Limits`]
    /// and an optional resolver: a source larger than `max_source_bytes`
    /// (E0111) or with more than `max_criteria` criteria (E0301) is refused.
    pub fn compile_with_limits(
        source: &str,
        file_name: &str,
        resolver: Option<&dyn crate::resolve::Resolver>,
        limits: &crate::Limits,
    ) -> Result<Framework, Diagnostics> {
        let (model, diagnostics) = crate::resolve::load(source, file_name, resolver, limits)?;
        compile(&model, diagnostics)
    }

    /// Whether slot `s` of this framework and slot `t` of `other` are the
    /// same evidence: the same path, of the same type.
    pub(crate) fn same_slot(&self, s: SlotId, other: &Framework, t: SlotId) -> bool {
        match (self.slots.get(s as usize), other.slots.get(t as usize)) {
            (Some(a), Some(b)) => a.path == b.path && a.ty == b.ty,
            _ => false,
        }
    }

    /// The expression of define number `k`.
    pub(crate) fn define_expr(&self, k: u32) -> Option<ExprId> {
        let id = self.define_ids.get(k as usize)?;
        match self.exprs.get(*id as usize)? {
            Op::Define(_, inner) => Some(*inner),
            _ => None,
        }
    }

    /// What a use of a define stands for: the first expression below any
    /// [`Op::Define`] at `id` (`id` itself when it is none). A define's
    /// expression is compiled before it, so this always ends.
    pub(crate) fn beneath(&self, mut id: ExprId) -> ExprId {
        while let Some(Op::Define(_, inner)) = self.exprs.get(id as usize) {
            id = *inner;
        }
        id
    }

    /// The frameworks this one extends, nearest first, as `(id, version)`;
    /// empty for a framework that is not a layer.
    pub fn extends(&self) -> &[(String, String)] {
        &self.extends
    }

    /// Which framework introduced a criterion, and which layers tightened
    /// it: `None` for an unknown id.
    pub fn provenance(&self, criterion: &str) -> Option<(&str, &[String])> {
        let c = self.criteria.iter().find(|c| c.id == criterion)?;
        Some((c.layer.as_str(), c.tightened_by.as_slice()))
    }

    /// The framework's id, such as `basiskader`.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The framework's title.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The framework's version, such as `2026.1`.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The language of the framework's own texts.
    pub fn language(&self) -> Language {
        self.language
    }

    /// Warnings the checker found; the framework compiled regardless.
    pub fn warnings(&self) -> &Diagnostics {
        &self.warnings
    }

    /// Every declared evidence path with its type, in declaration order.
    pub fn evidence_paths(&self) -> impl Iterator<Item = (&str, &Type)> {
        self.slots.iter().map(|s| (s.path.as_str(), &s.ty))
    }

    /// The label of a declared evidence path.
    pub fn evidence_label(&self, path: &str) -> Option<&str> {
        let slot = self.slot_by_path.get(path)?;
        self.slots.get(*slot as usize)?.label.as_deref()
    }

    /// The guidance text of a criterion, for improvement plans.
    pub fn guidance(&self, criterion: &str) -> Option<&str> {
        self.criteria
            .iter()
            .find(|c| c.id == criterion)?
            .guidance
            .as_deref()
    }
}

// One compiled framework serves many threads.
const _: () = {
    const fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Framework>();
};

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{Framework, Subject};
    use crate::syntax::ast::{Attr, Expr, ExprKind, Item, LogicOp};

    const HEADER: &str = r#"framework f "F" version "1"
evidence {
  b : bool "B"
  c : bool "C"
  t : text "T"
  n : int "N"
  m : int "M"
  p : percent "P"
  d : date "D"
  l : list<date> "L"
  k : enum(po, so) "K"
}
"#;

    fn source(condition: &str) -> String {
        format!(
            "{HEADER}theme th \"T\" {{\n  criterion C \"C\" {{ owner school\n    require {condition}\n  }}\n}}\n"
        )
    }

    /// The syntax tree of a condition, as the real parser reads it.
    fn parsed(condition: &str) -> Result<Expr, String> {
        let file = crate::syntax::parse(&source(condition))
            .map_err(|d| format!("`{condition}` does not parse: {d:?}"))?;
        file.items
            .iter()
            .find_map(|item| match item {
                Item::Theme(theme) => theme.criteria.first().and_then(|c| {
                    c.attrs.iter().find_map(|a| match &a.node {
                        Attr::Require(r) => Some(r.condition.clone()),
                        _ => None,
                    })
                }),
                _ => None,
            })
            .ok_or_else(|| format!("no condition in `{condition}`"))
    }

    /// Conditions over every kind of evidence, with `and`, `or`, `not`
    /// and brackets in any arrangement.
    fn condition() -> impl Strategy<Value = String> {
        let leaf = prop::sample::select(vec![
            "b",
            "c",
            "n >= 3",
            "n + m >= 10",
            "t == \"ok\"",
            "present(t)",
            "count(l within 12 months) >= 1",
            "n * 2 - m / 3 >= 1.5",
            "p >= 70%",
            "d within 12 months",
            "k == po",
            "k in {po, so}",
            "-n < 2",
            "(n - m) * 2 > 0",
        ])
        .prop_map(str::to_string);
        leaf.prop_recursive(4, 24, 4, |inner| {
            prop_oneof![
                prop::collection::vec((inner.clone(), any::<bool>()), 2..4).prop_map(|v| {
                    v.into_iter()
                        .map(|(c, bracket)| if bracket { format!("({c})") } else { c })
                        .collect::<Vec<_>>()
                        .join(" and ")
                }),
                prop::collection::vec(inner.clone(), 2..4).prop_map(|v| v.join(" or ")),
                inner.clone().prop_map(|c| format!("not ({c})")),
                inner.prop_map(|c| format!("({c})")),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]

        /// Issue: gap texts dropped operands and brackets (`b and t ==
        /// "ok"` read `true and == "ok"`, `(b or c) and n >= 3` read `b or
        /// c and >= 3`). Every text a gap shows parses back to the part of
        /// the condition it stands for: the condition, each operand of its
        /// `and`, any of them joined by `and`, and a comparison's
        /// requirement after the value it is about.
        #[test]
        fn every_expected_text_parses_back_to_its_condition(text in condition()) {
            let written = parsed(&text).map_err(TestCaseError::fail)?;
            let framework = Framework::compile(&source(&text))
                .map_err(|d| TestCaseError::fail(format!("{d:?}")))?;
            let compiled = &framework.criteria[0].requirements[0].condition;
            prop_assert_eq!(&parsed(&compiled.notation).map_err(TestCaseError::fail)?, &written);
            let operands: Vec<Expr> = match &written.node {
                ExprKind::Logic(LogicOp::And, items) => items.clone(),
                _ => vec![written.clone()],
            };
            prop_assert_eq!(operands.len(), compiled.conjuncts.len());
            for (conjunct, operand) in compiled.conjuncts.iter().zip(&operands) {
                prop_assert_eq!(&parsed(&conjunct.notation).map_err(TestCaseError::fail)?, operand);
                if let (Subject::Value(..), ExprKind::Compare(_, lhs, _) | ExprKind::Test(lhs, _)) =
                    (&conjunct.subject, &operand.node)
                {
                    let whole = format!("{} {}", crate::syntax::print::operand(lhs), conjunct.expected);
                    prop_assert_eq!(&parsed(&whole).map_err(TestCaseError::fail)?, operand);
                }
            }
            // Any operands joined, as a gap lists those that did not hold.
            if operands.len() > 1 {
                let all: Vec<&str> = compiled.conjuncts.iter().map(|c| c.notation.as_str()).collect();
                prop_assert_eq!(&parsed(&all.join(" and ")).map_err(TestCaseError::fail)?, &written);
            }
            for skip in 0..operands.len() {
                let shown: Vec<&str> = compiled
                    .conjuncts
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != skip)
                    .map(|(_, c)| c.notation.as_str())
                    .collect();
                if shown.len() < 2 {
                    continue;
                }
                let rest: Vec<Expr> = operands
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != skip)
                    .map(|(_, o)| o.clone())
                    .collect();
                let joined = parsed(&shown.join(" and ")).map_err(TestCaseError::fail)?;
                prop_assert_eq!(joined.node, ExprKind::Logic(LogicOp::And, rest));
            }
        }
    }
}
