//! The checked framework: names resolved, types known, nothing left to
//! look up by string. The compiler lowers this into flat arrays.

use rust_decimal::Decimal;

use crate::syntax::ast::{ArithOp, CompareOp, LogicOp, Node, Period, Span};
use crate::value::{Type, Value};

/// The content language of a framework's own texts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Language {
    /// Dutch.
    #[default]
    Nl,
    /// English.
    En,
}

/// Who must act on a gap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Owner {
    /// The school itself.
    School,
    /// The municipality.
    Gemeente,
    /// The police.
    Politie,
    /// Halt.
    Halt,
    /// The GGD.
    Ggd,
    /// The school and its partners together.
    Joint,
}

impl Owner {
    /// Every owner, in the order the language lists them.
    pub const ALL: [Owner; 6] = [
        Owner::School,
        Owner::Gemeente,
        Owner::Politie,
        Owner::Halt,
        Owner::Ggd,
        Owner::Joint,
    ];

    /// The owner's name as written in a framework and in results.
    pub fn name(self) -> &'static str {
        match self {
            Owner::School => "school",
            Owner::Gemeente => "gemeente",
            Owner::Politie => "politie",
            Owner::Halt => "halt",
            Owner::Ggd => "ggd",
            Owner::Joint => "joint",
        }
    }

    /// Parses an owner name.
    pub fn from_name(name: &str) -> Option<Owner> {
        Owner::ALL.into_iter().find(|o| o.name() == name)
    }
}

/// A checked framework.
#[derive(Clone, Debug)]
pub struct Model {
    pub id: String,
    pub title: String,
    pub version: String,
    pub language: Language,
    pub validity: Option<Period>,
    pub evidence: Vec<Declaration>,
    pub defines: Vec<Resolved>,
    pub themes: Vec<ThemeModel>,
    pub criteria: Vec<CriterionModel>,
}

/// A declared piece of evidence; its index is its slot.
#[derive(Clone, Debug)]
pub struct Declaration {
    pub path: String,
    pub ty: Type,
    pub label: Option<String>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct ThemeModel {
    pub id: String,
    pub title: String,
    /// Indices into [`Model::criteria`].
    pub criteria: Vec<usize>,
    /// Whether every applicable mandatory criterion must pass.
    pub all_mandatory: bool,
    /// The score threshold as a fraction, if any.
    pub threshold: Option<Decimal>,
}

#[derive(Clone, Debug)]
pub struct CriterionModel {
    pub id: String,
    pub title: String,
    pub theme: usize,
    pub mandatory: bool,
    pub weight: u64,
    pub legal: Option<String>,
    pub owner: Owner,
    pub applies: Option<Resolved>,
    pub requirements: Vec<RequirementModel>,
    pub score: Option<ScoreModel>,
    pub guidance: Option<String>,
}

#[derive(Clone, Debug)]
pub struct RequirementModel {
    pub condition: Resolved,
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
