//! The typed syntax tree of a framework file.
//!
//! Every node carries the [`Span`] of the source text it came from; equality
//! ignores spans, so two files that differ only in layout have equal trees.

use jiff::civil::Date;
use rust_decimal::Decimal;

pub use crate::span::Span;
pub use crate::terms::{ArithOp, CompareOp, LogicOp, Period, Unit};

/// A syntax node with its span.
#[derive(Clone, Debug, PartialEq)]
pub struct Node<T> {
    /// The node itself.
    pub node: T,
    /// Where it was written.
    pub span: Span,
}

impl<T> Node<T> {
    /// Wraps `node` with its span.
    pub fn new(node: T, span: Span) -> Self {
        Node { node, span }
    }
}

/// A name or a dotted path as written.
pub type Name = Node<String>;

/// A whole framework file.
#[derive(Clone, Debug, PartialEq)]
pub struct File {
    /// The `framework` line and the header attributes.
    pub header: Header,
    /// Everything after the header, in source order.
    pub items: Vec<Item>,
}

/// The framework header.
#[derive(Clone, Debug, PartialEq)]
pub struct Header {
    /// `framework ID ...`
    pub id: Name,
    /// The framework's title.
    pub title: Node<String>,
    /// `version "..."`
    pub version: Node<String>,
    /// `language nl`
    pub language: Option<Name>,
    /// `validity 36 months`
    pub validity: Option<Node<Period>>,
    /// `midterm 18 months`: when the certificate's mid-term check is due.
    pub midterm: Option<Node<Period>>,
    /// `audit requires verified`: at the audit, only verified evidence
    /// counts, for every criterion (its span).
    pub audit_verified: Option<Span>,
    /// `extends basiskader version "2026.1"`: the framework this file is a layer on.
    pub extends: Option<Extends>,
}

/// `extends ID version "V"` in a layer's header.
#[derive(Clone, Debug, PartialEq)]
pub struct Extends {
    /// The id of the framework extended.
    pub id: Name,
    /// The version extended.
    pub version: Node<String>,
    /// The whole line.
    pub span: Span,
}

/// A top-level item.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// `evidence { ... }`
    Evidence(Node<Vec<EvidenceDecl>>),
    /// `owners { ... }`: the partners criteria may name as owner.
    Owners(Node<Vec<OwnerDecl>>),
    /// `define NAME = EXPR`
    Define(Define),
    /// `theme ID "title" { ... }`
    Theme(Theme),
    /// `scoring { ... }`
    Scoring(Node<Vec<ScoringRule>>),
    /// `tighten ID { ... }` (layers only): a base criterion made stricter.
    Tighten(Tighten),
    /// `remove ID` (refused by the checker: a layer never removes).
    Remove(Node<Name>),
}

/// `tighten ID { ... }`
#[derive(Clone, Debug, PartialEq)]
pub struct Tighten {
    /// The base criterion.
    pub id: Name,
    /// Attribute lines, in source order.
    pub attrs: Vec<Node<Attr>>,
    /// The whole block.
    pub span: Span,
}

/// One evidence declaration: `monitor.last_run : date "label"`.
#[derive(Clone, Debug, PartialEq)]
pub struct EvidenceDecl {
    /// The dotted path.
    pub path: Name,
    /// The declared type.
    pub ty: Node<TypeExpr>,
    /// The label shown to people who supply the evidence.
    pub label: Option<Node<String>>,
}

/// `politie "Politie" contact police.contact lead gemeente`: a partner a
/// criterion's `owner` may name.
#[derive(Clone, Debug, PartialEq)]
pub struct OwnerDecl {
    /// The id criteria name it by.
    pub id: Name,
    /// The name people read; without one, the six partners the language
    /// knows are named in the reader's language, others by their id.
    pub name: Option<Node<String>>,
    /// The evidence (a text) that names the contact person.
    pub contact: Option<Name>,
    /// For work done together: the partner who leads.
    pub lead: Option<Name>,
}

/// A type as written in an evidence declaration.
#[derive(Clone, Debug, PartialEq)]
pub enum TypeExpr {
    /// `bool`
    Bool,
    /// `int`
    Int,
    /// `number`
    Number,
    /// `percent`
    Percent,
    /// `date`
    Date,
    /// `text`
    Text,
    /// `enum(a, b, c)`
    Enum(Vec<Name>),
    /// `list<T>`
    List(Box<Node<TypeExpr>>),
}

/// `define NAME = EXPR`
#[derive(Clone, Debug, PartialEq)]
pub struct Define {
    /// The name.
    pub name: Name,
    /// The expression it stands for.
    pub expr: Expr,
    /// The whole definition.
    pub span: Span,
}

/// A theme and its criteria.
#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    /// Stable identifier.
    pub id: Name,
    /// Title; absent in a layer's block that adds criteria to a base theme.
    pub title: Option<Node<String>>,
    /// Criteria in source order.
    pub criteria: Vec<Criterion>,
    /// The whole theme block.
    pub span: Span,
}

/// A criterion: its attributes as written, in order.
#[derive(Clone, Debug, PartialEq)]
pub struct Criterion {
    /// Stable identifier, unique in the framework.
    pub id: Name,
    /// Title.
    pub title: Node<String>,
    /// Attributes in source order (the checker reports duplicates).
    pub attrs: Vec<Node<Attr>>,
    /// The whole criterion block.
    pub span: Span,
}

/// One attribute line of a criterion.
#[derive(Clone, Debug, PartialEq)]
pub enum Attr {
    /// `mandatory`
    Mandatory,
    /// `weight N`
    Weight(Node<u64>),
    /// `legal "..."`
    Legal(Node<String>),
    /// `owner NAME`
    Owner(Name),
    /// `applies when EXPR`
    Applies(Expr),
    /// `require EXPR else "..."`
    Require(Requirement),
    /// `score { ... }`
    Score(ScoreBlock),
    /// `guidance "..."`
    Guidance(Node<String>),
    /// `audit requires verified`: at the audit, only verified evidence
    /// counts for this criterion.
    AuditVerified,
}

/// `require EXPR else "TEMPLATE"`
#[derive(Clone, Debug, PartialEq)]
pub struct Requirement {
    /// The condition.
    pub condition: Expr,
    /// The gap message, with `{path}` placeholders.
    pub message: Option<Node<Template>>,
}

/// `score { N when EXPR ... M otherwise }`
#[derive(Clone, Debug, PartialEq)]
pub struct ScoreBlock {
    /// Levels, tried top-down.
    pub levels: Vec<Level>,
    /// The level when no `when` holds (0 when absent).
    pub otherwise: Option<Node<u64>>,
}

/// `N when EXPR`
#[derive(Clone, Debug, PartialEq)]
pub struct Level {
    /// The level.
    pub level: Node<u64>,
    /// The condition that gives it.
    pub condition: Expr,
}

/// A rule of the scoring section.
#[derive(Clone, Debug, PartialEq)]
pub enum ScoringRule {
    /// `theme [ID] passes when ...`
    ThemePasses {
        /// The theme the rule is for; every theme without its own rule when absent.
        theme: Option<Name>,
        /// The conditions, all of which must hold.
        conditions: Vec<Node<ThemeCondition>>,
        /// The whole rule.
        span: Span,
    },
    /// `certified when all themes pass`
    CertifiedWhenAllThemesPass(Span),
}

/// One condition of a theme rule.
#[derive(Clone, Debug, PartialEq)]
pub enum ThemeCondition {
    /// `all mandatory pass`
    AllMandatoryPass,
    /// `score >= P%`: the share of the theme's maximum weighted score.
    ScoreAtLeast(Decimal),
}

/// An expression with its span.
pub type Expr = Node<ExprKind>;

/// The shapes an expression can take.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// `true`, `false`
    Bool(bool),
    /// A number as written (`50`, `2.5`).
    Number(Decimal),
    /// A percentage (`60%`), held as a fraction (0.6).
    Percent(Decimal),
    /// A date literal.
    Date(Date),
    /// A string literal.
    Text(String),
    /// An evidence path, a define or an enum member: the checker decides.
    Name(String),
    /// `present(path)`
    Present(Name),
    /// `count(list FILTER?)`
    Count {
        /// The list.
        list: Name,
        /// Which elements count.
        filter: Option<Box<Node<Filter>>>,
    },
    /// `not EXPR`
    Not(Box<Expr>),
    /// `A and B and C`, `A or B`: two or more operands.
    Logic(LogicOp, Vec<Expr>),
    /// `A op B`
    Compare(CompareOp, Box<Expr>, Box<Expr>),
    /// `A + B` and friends
    Arith(ArithOp, Box<Expr>, Box<Expr>),
    /// `-A`
    Neg(Box<Expr>),
    /// `EXPR FILTER`: a window or a membership test on one value.
    Test(Box<Expr>, Box<Node<Filter>>),
}

/// A test applied to a value, or to each element of a list in `count`.
#[derive(Clone, Debug, PartialEq)]
pub enum Filter {
    /// `within N unit`
    Within(Period),
    /// `before EXPR`
    Before(Expr),
    /// `after EXPR`
    After(Expr),
    /// `in {..}` / `not in {..}`
    In {
        /// `not in` when true.
        negated: bool,
        /// The members.
        set: Vec<Expr>,
    },
    /// `op EXPR` (only inside `count`)
    Compare(CompareOp, Expr),
}

/// A message with `{evidence.path}` placeholders.
#[derive(Clone, Debug, PartialEq)]
pub struct Template {
    /// Literal text and placeholders, in order.
    pub parts: Vec<TemplatePart>,
}

/// A piece of a [`Template`].
#[derive(Clone, Debug, PartialEq)]
pub enum TemplatePart {
    /// Text as it reads (escapes already resolved).
    Literal(String),
    /// `{path}`: filled with the value found, or "missing".
    Placeholder(Name),
}
