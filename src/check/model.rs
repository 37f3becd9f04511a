//! The checked framework: names resolved, types known, nothing left to
//! look up by string. The compiler lowers this into flat arrays.

use rust_decimal::Decimal;

use crate::syntax::ast::{ArithOp, CompareOp, LogicOp, Node, Period, Span};
use crate::value::{Type, Value};

pub use crate::terms::{Language, Owner};

/// What an expression evaluates to, as far as the checker knows.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Ty {
    /// A value of a known type.
    Known(Type),
    /// A bare word that is neither a define nor an evidence path: an enum
    /// member if the context is an enum, an unknown name otherwise.
    Member(String),
    /// Already reported; stay silent about it.
    Error,
}

/// A checked framework. A layer's model is its base's with the layer's
/// additions merged in: spans of a base's parts point into the base's file,
/// which `sources` holds (a part's `source` is its index there).
#[derive(Clone, Debug)]
pub struct Model {
    pub id: String,
    pub title: String,
    pub version: String,
    pub language: Language,
    pub validity: Option<Period>,
    /// When the certificate's mid-term check is due after the audit (the
    /// file's own, else its base's).
    pub midterm: Option<Period>,
    /// `audit requires verified` in this file's header or a base's: at the
    /// audit, only verified evidence counts, for every criterion.
    pub audit_verified: bool,
    pub evidence: Vec<Declaration>,
    pub defines: Vec<Resolved>,
    /// Each define's name and type, for a layer that uses it.
    pub define_names: Vec<(String, Ty)>,
    /// Where each define's name is written: file (index into `sources`)
    /// and span.
    pub define_sites: Vec<(usize, Span)>,
    pub themes: Vec<ThemeModel>,
    pub criteria: Vec<CriterionModel>,
    /// The partners criteria may name as owner: the framework's `owners`
    /// (a layer's added to its base's), or the six the language knows.
    pub partners: Vec<Partner>,
    /// The files the framework was read from: its bases first, itself last.
    pub sources: Vec<SourceFile>,
    /// The frameworks it extends, nearest first: `(id, version)`.
    pub extends: Vec<(String, String)>,
    /// Where the file itself writes `extends`.
    pub extends_span: Option<Span>,
    /// The rule for every theme without its own, and where it was written.
    pub default_rule: Option<ThemeRule>,
    /// Conditions of rules as an author writes them, by `(source, start,
    /// end)` of their span: each rule's condition, each operand of its
    /// top-level `and` (bracketed where binding needs it), and what a
    /// comparison or test on a value requires (`>= 70%`, keyed by the span
    /// from the end of the value to the end of the comparison).
    pub notations: std::collections::HashMap<(usize, usize, usize), String>,
}

/// A partner a criterion's `owner` may name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Partner {
    /// The id criteria name it by.
    pub id: String,
    /// The name people read; `None` for the six the language knows, whose
    /// names come from the catalogue in the reader's language.
    pub name: Option<String>,
    /// The evidence slot (a text) that names its contact person.
    pub contact: Option<usize>,
    /// The id of the partner who leads work done together.
    pub lead: Option<String>,
}

impl Partner {
    /// The name people read: the framework's, or for the six partners the
    /// language knows, the catalogue's in `language`.
    pub fn name_in(&self, language: Language) -> String {
        self.name.clone().unwrap_or_else(|| {
            crate::words::words(language)
                .owner_name(&self.id)
                .to_string()
        })
    }

    /// The six partners of a framework without `owners`.
    pub fn built_in() -> Vec<Partner> {
        Owner::ALL
            .iter()
            .map(|o| Partner {
                id: o.name().to_string(),
                name: None,
                contact: None,
                lead: None,
            })
            .collect()
    }
}

/// One file of a (layered) framework.
#[derive(Clone, Debug, Default)]
pub struct SourceFile {
    /// The file's name, for diagnostics that point into it.
    pub name: String,
    /// Its text.
    pub text: String,
}

/// `theme ... passes when ...` as it applies to a theme.
#[derive(Clone, Copy, Debug)]
pub struct ThemeRule {
    pub all_mandatory: bool,
    pub threshold: Option<Decimal>,
    /// The file (index into [`Model::sources`]) and span of the rule.
    pub source: usize,
    pub span: Span,
}

/// A declared piece of evidence; its index is its slot.
#[derive(Clone, Debug)]
pub struct Declaration {
    pub path: String,
    pub ty: Type,
    pub label: Option<String>,
    pub span: Span,
    pub source: usize,
}

#[derive(Clone, Debug)]
pub struct ThemeModel {
    pub id: String,
    pub title: String,
    /// The framework that introduced the theme.
    pub layer: String,
    /// Where its id is first written: file (index into
    /// [`Model::sources`]) and span.
    pub source: usize,
    pub span: Span,
    /// Where the scoring rule that applies to it was written.
    pub rule: Option<(usize, Span)>,
    /// Indices into [`Model::criteria`].
    pub criteria: Vec<usize>,
    /// Whether every applicable mandatory criterion must pass.
    pub all_mandatory: bool,
    /// The score threshold as a fraction, if any.
    pub threshold: Option<Decimal>,
    /// For a base theme in a layer: the rules of the frameworks below,
    /// bottom first, each with the criteria, weights and knock-outs it
    /// was written for. The theme passes only when each of them passes
    /// too, so a layer never loosens it (`docs/layers.md`).
    pub floors: Vec<RuleModel>,
}

/// A theme rule as one framework of a stack wrote it: its members with
/// their weights and knock-outs as they stood in that framework.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleModel {
    /// The framework whose rule it is.
    pub layer: String,
    /// `(criterion index, weight, mandatory)`.
    pub members: Vec<(usize, u64, bool)>,
    pub all_mandatory: bool,
    pub threshold: Option<Decimal>,
}

impl ThemeModel {
    /// The theme's own rule, as the framework that holds it now has it.
    pub fn own_rule(&self, layer: &str, criteria: &[CriterionModel]) -> RuleModel {
        RuleModel {
            layer: layer.to_string(),
            members: self
                .criteria
                .iter()
                .filter_map(|&i| criteria.get(i).map(|c| (i, c.weight, c.mandatory)))
                .collect(),
            all_mandatory: self.all_mandatory,
            threshold: self.threshold,
        }
    }
}

#[derive(Clone, Debug)]
pub struct CriterionModel {
    pub id: String,
    /// The framework that introduced the criterion, and where: the file
    /// (index into [`Model::sources`]) and the span of its id.
    pub layer: String,
    pub source: usize,
    pub span: Span,
    /// The layers that tightened it, in order.
    pub tightened_by: Vec<String>,
    pub title: String,
    pub theme: usize,
    pub mandatory: bool,
    pub weight: u64,
    pub legal: Option<String>,
    /// The id of its owner among the framework's partners.
    pub owner: String,
    pub applies: Option<Resolved>,
    pub requirements: Vec<RequirementModel>,
    pub score: Option<ScoreModel>,
    pub guidance: Option<String>,
    /// `audit requires verified` in the criterion (or a layer's
    /// `tighten`): at the audit, only verified evidence counts for it.
    pub audit_verified: bool,
}

#[derive(Clone, Debug)]
pub struct RequirementModel {
    pub condition: Resolved,
    /// The file the requirement was written in (a layer's `tighten` adds some).
    pub source: usize,
    pub message: Option<Vec<MessagePart>>,
}

/// A piece of a gap message.
#[derive(Clone, Debug)]
pub enum MessagePart {
    Literal(String),
    /// The slot whose value fills the placeholder.
    Slot(usize),
}

#[derive(Clone, Debug)]
pub struct ScoreModel {
    pub levels: Vec<(u64, Resolved)>,
    pub otherwise: u64,
    pub max: u64,
}

/// A resolved expression with its span and its source notation.
pub type Resolved = Node<ResolvedKind>;

#[derive(Clone, Debug)]
pub enum ResolvedKind {
    Const(Value),
    Slot(usize),
    Define(usize),
    Present(usize),
    Count {
        slot: usize,
        filter: Option<Box<ElementTest>>,
    },
    Not(Box<Resolved>),
    Logic(LogicOp, Vec<Resolved>),
    Compare(CompareOp, Box<Resolved>, Box<Resolved>),
    Arith(ArithOp, Box<Resolved>, Box<Resolved>),
    Neg(Box<Resolved>),
    Test(Box<Resolved>, Box<ElementTest>),
}

/// A test on one value: a window, a bound, or membership.
#[derive(Clone, Debug)]
pub enum ElementTest {
    Within(Period),
    Before(Resolved),
    After(Resolved),
    In { negated: bool, set: Vec<Value> },
    Compare(CompareOp, Resolved),
}
