//! The terms every stage shares: the language a framework writes in, who
//! owns a gap, calendar periods and the operators. Part of the ground floor:
//! it imports nothing else from the crate, so that the syntax tree, values,
//! the checker and the message catalogue can all name them.

use std::fmt;

/// The content language of a framework's own texts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Language {
    /// Dutch.
    #[default]
    Nl,
    /// English.
    En,
}

impl Language {
    /// Its code: `nl` or `en`, as HTML's `lang` attribute, the JSON
    /// documents and the command line's `--lang` write it.
    pub fn code(self) -> &'static str {
        match self {
            Language::Nl => "nl",
            Language::En => "en",
        }
    }

    /// The language of a code, `nl` or `en`; any other is none.
    pub fn from_code(code: &str) -> Option<Language> {
        match code {
            "nl" => Some(Language::Nl),
            "en" => Some(Language::En),
            _ => None,
        }
    }
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

/// A length of calendar time: `12 months`, `30 days`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    /// How many units.
    pub amount: u32,
    /// Which unit.
    pub unit: Unit,
}

/// A calendar unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Days.
    Days,
    /// Weeks (seven days).
    Weeks,
    /// Calendar months, clamped to the end of a shorter month.
    Months,
    /// Calendar years, clamped like months.
    Years,
}

impl Unit {
    /// The unit's word, plural or singular.
    pub fn word(self, amount: u32) -> &'static str {
        match (self, amount == 1) {
            (Unit::Days, true) => "day",
            (Unit::Days, false) => "days",
            (Unit::Weeks, true) => "week",
            (Unit::Weeks, false) => "weeks",
            (Unit::Months, true) => "month",
            (Unit::Months, false) => "months",
            (Unit::Years, true) => "year",
            (Unit::Years, false) => "years",
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount, self.unit.word(self.amount))
    }
}

/// `and` / `or`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogicOp {
    /// `and`
    And,
    /// `or`
    Or,
}

/// Comparison operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareOp {
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl CompareOp {
    /// The operator with its sides swapped: `a op b` is `b op.flipped() a`.
    pub fn flipped(self) -> CompareOp {
        match self {
            CompareOp::Lt => CompareOp::Gt,
            CompareOp::Le => CompareOp::Ge,
            CompareOp::Gt => CompareOp::Lt,
            CompareOp::Ge => CompareOp::Le,
            CompareOp::Eq | CompareOp::Ne => self,
        }
    }

    /// Whether two values that compare as `ordering` satisfy the
    /// operator: the one meaning of each operator, for the evaluator and
    /// the checker alike.
    pub(crate) fn holds(self, ordering: std::cmp::Ordering) -> bool {
        use std::cmp::Ordering;
        match self {
            CompareOp::Eq => ordering == Ordering::Equal,
            CompareOp::Ne => ordering != Ordering::Equal,
            CompareOp::Lt => ordering == Ordering::Less,
            CompareOp::Le => ordering != Ordering::Greater,
            CompareOp::Gt => ordering == Ordering::Greater,
            CompareOp::Ge => ordering != Ordering::Less,
        }
    }

    /// The operator as written.
    pub fn symbol(self) -> &'static str {
        match self {
            CompareOp::Eq => "==",
            CompareOp::Ne => "!=",
            CompareOp::Lt => "<",
            CompareOp::Le => "<=",
            CompareOp::Gt => ">",
            CompareOp::Ge => ">=",
        }
    }
}

/// Arithmetic operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArithOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
}

impl ArithOp {
    /// The operator as written.
    pub fn symbol(self) -> &'static str {
        match self {
            ArithOp::Add => "+",
            ArithOp::Sub => "-",
            ArithOp::Mul => "*",
            ArithOp::Div => "/",
        }
    }
}
