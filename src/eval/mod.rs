//! Stage 4: evaluation. A pure function of (framework, evidence, as-of date):
//! no clock, no I/O, no global state.
//!
//! **Missing evidence is not false**: every condition is true, false or
//! unknown (`None`), combined with Kleene's rules.

mod explain;
pub(crate) use explain::MISSING;
mod score;
mod stage;
mod trace;

pub use stage::{Assessment, Certificate, EvalOptions, Maturity, Stage, ToSupply};

use std::cmp::Ordering;

use jiff::civil::Date;
use rust_decimal::Decimal;

use crate::check::Language;
use crate::compile::{CompiledCriterion, ExprId, Framework, Op, Test};
use crate::evidence::{Evidence, Supplied};
use crate::outcome::{
    CriterionOutcome, FrameworkRef, Outcome, Status, ThemeOutcome, Verdict, Waiver,
};
use crate::syntax::ast::{ArithOp, CompareOp, LogicOp};
use crate::value::{self, Value};

/// A value during evaluation; borrowed from the evidence or the framework.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Val<'a> {
    Bool(bool),
    Num(Decimal),
    Date(Date),
    Text(&'a str),
    Member(u16),
}

impl<'a> Val<'a> {
    fn of(value: &'a Value) -> Val<'a> {
        match value {
            Value::Bool(b) => Val::Bool(*b),
            Value::Number(n) => Val::Num(*n),
            Value::Date(d) => Val::Date(*d),
            Value::Text(t) => Val::Text(t),
            Value::Member(m) => Val::Member(*m),
        }
    }
}

/// The level a criterion reached, as far as the evidence tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Reached {
    /// Not applicable: leaves the scoring.
    Absent,
    /// Passed or failed at this share of its weight: `level / max`.
    Known { level: u64, max: u64 },
    /// Unknown: anywhere from nothing to the full weight.
    Open,
}

pub(crate) struct Evaluator<'a> {
    pub framework: &'a Framework,
    pub evidence: &'a Evidence,
    pub as_of: Date,
}

impl Framework {
    /// Evaluates one location's evidence on its as-of date.
    pub fn evaluate(&self, evidence: &Evidence) -> Outcome {
        let evaluator = Evaluator {
            framework: self,
            evidence,
            as_of: evidence.as_of,
        };
        evaluator.outcome(self.language, Stage::Intake)
    }
}

impl<'a> Evaluator<'a> {
    /// The outcome, with kader's own words in `language`. At the audit,
    /// what is not demonstrated fails (`stage::demand`) before the themes
    /// are scored.
    fn outcome(&self, language: Language, stage: Stage) -> Outcome {
        let mut criteria = Vec::with_capacity(self.framework.criteria.len());
        let mut reached = Vec::with_capacity(self.framework.criteria.len());
        for criterion in &self.framework.criteria {
            let (outcome, r) = self.criterion(criterion, language);
            criteria.push(outcome);
            reached.push(r);
        }
        if stage == Stage::Audit {
            stage::demand(language, &mut criteria, &mut reached);
        }
        let themes: Vec<ThemeOutcome> = self
            .framework
            .themes
            .iter()
            .map(|theme| score::theme(self.framework, theme, &criteria, &reached))
            .collect();
        let verdict = if themes.iter().any(|t| t.status == Status::Fail) {
            Verdict::NotCertified
        } else if themes.iter().all(|t| t.status == Status::Pass) {
            Verdict::Certified
        } else if stage == Stage::Audit {
            // Only an arithmetic overflow leaves a theme open once nothing
            // is unknown; an audit does not certify what it cannot decide.
            Verdict::NotCertified
        } else {
            Verdict::InsufficientEvidence
        };
        let valid_until = match (verdict, self.framework.validity) {
            (Verdict::Certified, Some(period)) => value::add(self.as_of, period),
            _ => None,
        };
        Outcome {
            framework: FrameworkRef {
                id: self.framework.id.clone(),
                title: self.framework.title.clone(),
                version: self.framework.version.clone(),
            },
            location: self.evidence.location.clone(),
            as_of: self.as_of,
            verdict,
            valid_until,
            themes,
            criteria,
        }
    }

    fn criterion(&self, c: &CompiledCriterion, language: Language) -> (CriterionOutcome, Reached) {
        let applies = c
            .applies
            .as_ref()
            .map_or(Some(true), |a| self.truth(a.expr));
        let requirements: Vec<Option<bool>> = c
            .requirements
            .iter()
            .map(|r| self.truth(r.condition.expr))
            .collect();
        let all_required = kleene_all(requirements.iter().copied());
        let level = c.score.as_ref().map(|s| {
            for (level, condition) in &s.levels {
                match self.truth(condition.expr) {
                    Some(true) => return Some(*level),
                    None => return None,
                    Some(false) => {}
                }
            }
            Some(s.otherwise)
        });
        let max = c.score.as_ref().map(|s| s.max);

        // The status if the criterion applies, and the level it reached.
        let (status, level_reached) = match (level, all_required) {
            (None, Some(true)) => (Status::Pass, None),
            (None, Some(false)) => (Status::Fail, None),
            (None, None) => (Status::Unknown, None),
            (Some(_), Some(false)) | (Some(Some(0)), _) => (Status::Fail, Some(0)),
            (Some(Some(l)), Some(true)) => (Status::Pass, Some(l)),
            (Some(Some(_)), None) | (Some(None), _) => (Status::Unknown, None),
        };
        let (status, reached) = match applies {
            Some(false) => (Status::NotApplicable, Reached::Absent),
            None => (Status::Unknown, Reached::Open),
            Some(true) => {
                let reached = match (status, level_reached, max) {
                    (Status::Unknown, _, _) => Reached::Open,
                    (_, Some(l), Some(m)) => Reached::Known { level: l, max: m },
                    (Status::Pass, _, _) => Reached::Known { level: 1, max: 1 },
                    _ => Reached::Known { level: 0, max: 1 },
                };
                (status, reached)
            }
        };
        // An exception that still holds waives a criterion without a legal
        // basis (the loader refuses the others): it leaves the scoring.
        let waiver = self
            .evidence
            .exceptions
            .iter()
            .find(|e| e.criterion == c.id && e.holds_on(self.as_of) && c.legal.is_none())
            .map(|e| Waiver {
                reason: e.reason.clone(),
                granted_by: e.granted_by.clone(),
                valid_until: e.valid_until,
            });
        let (status, reached, level_reached) = match waiver {
            Some(_) => (Status::Waived, Reached::Absent, None),
            None => (status, reached, level_reached),
        };
        let gaps = if matches!(status, Status::Fail | Status::Unknown) {
            explain::gaps(self, c, applies, &requirements, level, language)
        } else {
            Vec::new()
        };
        let theme = self
            .framework
            .themes
            .get(c.theme as usize)
            .map(|t| t.id.clone())
            .unwrap_or_default();
        // Provenance only for a layer: a framework that extends nothing has
        // every criterion of its own, and its results stay as they were.
        let layered = !self.framework.extends.is_empty();
        let outcome = CriterionOutcome {
            id: c.id.clone(),
            theme,
            title: c.title.clone(),
            status,
            mandatory: c.mandatory,
            weight: c.weight,
            level: if matches!(status, Status::NotApplicable | Status::Waived) {
                None
            } else {
                level_reached
            },
            max_level: max,
            owner: c.owner.name(),
            legal: c.legal.clone(),
            layer: layered.then(|| c.layer.clone()),
            tightened_by: layered.then(|| c.tightened_by.clone()),
            waiver,
            gaps,
        };
        (outcome, reached)
    }

    /// Evaluates a condition: true, false or unknown.
    pub(crate) fn truth(&self, id: ExprId) -> Option<bool> {
        match self.value(id)? {
            Val::Bool(b) => Some(b),
            _ => None,
        }
    }

    fn supplied(&self, slot: u32) -> Option<&'a Supplied> {
        self.evidence.values.get(slot as usize)?.as_ref()
    }

    /// Evaluates an expression; `None` is unknown.
    pub(crate) fn value(&self, id: ExprId) -> Option<Val<'a>> {
        let op = self.framework.exprs.get(id as usize)?;
        match op {
            Op::Const(v) => Some(Val::of(v)),
            Op::Slot(slot) => match self.supplied(*slot)? {
                Supplied::One(v) => Some(Val::of(v)),
                Supplied::Many(_) => None,
            },
            Op::Present(slot) => Some(Val::Bool(match self.supplied(*slot) {
                None => false,
                Some(Supplied::One(Value::Text(t))) => !t.trim().is_empty(),
                Some(_) => true,
            })),
            Op::Count(slot, test) => {
                let Supplied::Many(items) = self.supplied(*slot)? else {
                    return None;
                };
                let mut count: u64 = 0;
                for item in items {
                    let counts = match test {
                        None => true,
                        Some(t) => self.test(Val::of(item), t)?,
                    };
                    count += u64::from(counts);
                }
                Some(Val::Num(Decimal::from(count)))
            }
            Op::Not(inner) => match self.value(*inner)? {
                Val::Bool(b) => Some(Val::Bool(!b)),
                _ => None,
            },
            Op::Logic(op, start, len) => {
                let start = *start as usize;
                let ids = self.framework.operands.get(start..start + *len as usize)?;
                let truths = ids.iter().map(|i| self.truth(*i));
                let result = match op {
                    LogicOp::And => kleene_all(truths),
                    LogicOp::Or => kleene_any(truths),
                };
                result.map(Val::Bool)
            }
            Op::Compare(op, l, r) => {
                let l = self.value(*l)?;
                let r = self.value(*r)?;
                compare(*op, l, r).map(Val::Bool)
            }
            Op::Arith(op, l, r) => {
                let (Val::Num(l), Val::Num(r)) = (self.value(*l)?, self.value(*r)?) else {
                    return None;
                };
                // Overflow and division by zero make the result unknown.
                let result = match op {
                    ArithOp::Add => l.checked_add(r),
                    ArithOp::Sub => l.checked_sub(r),
                    ArithOp::Mul => l.checked_mul(r),
                    ArithOp::Div => l.checked_div(r),
                }?;
                Some(Val::Num(result))
            }
            Op::Neg(inner) => match self.value(*inner)? {
                Val::Num(n) => Some(Val::Num(-n)),
                _ => None,
            },
            Op::Test(subject, test) => {
                let v = self.value(*subject)?;
                self.test(v, test).map(Val::Bool)
            }
        }
    }

    fn test(&self, v: Val<'a>, test: &Test) -> Option<bool> {
        match test {
            Test::Within(period) => {
                let Val::Date(d) = v else { return None };
                let start = value::subtract(self.as_of, *period)?;
                Some(start <= d && d <= self.as_of)
            }
            Test::Before(bound) => match (v, self.value(*bound)?) {
                (Val::Date(d), Val::Date(b)) => Some(d < b),
                _ => None,
            },
            Test::After(bound) => match (v, self.value(*bound)?) {
                (Val::Date(d), Val::Date(b)) => Some(d > b),
                _ => None,
            },
            Test::In { negated, set } => {
                let mut found = false;
                for member in set.iter() {
                    if compare(CompareOp::Eq, v, Val::of(member)) == Some(true) {
                        found = true;
                        break;
                    }
                }
                Some(found != *negated)
            }
            Test::Compare(op, rhs) => compare(*op, v, self.value(*rhs)?),
        }
    }
}

fn compare(op: CompareOp, l: Val<'_>, r: Val<'_>) -> Option<bool> {
    let ordering = match (l, r) {
        (Val::Num(a), Val::Num(b)) => a.cmp(&b),
        (Val::Date(a), Val::Date(b)) => a.cmp(&b),
        (Val::Text(a), Val::Text(b)) => a.cmp(b),
        (Val::Bool(a), Val::Bool(b)) => a.cmp(&b),
        (Val::Member(a), Val::Member(b)) => a.cmp(&b),
        _ => return None,
    };
    Some(match op {
        CompareOp::Eq => ordering == Ordering::Equal,
        CompareOp::Ne => ordering != Ordering::Equal,
        CompareOp::Lt => ordering == Ordering::Less,
        CompareOp::Le => ordering != Ordering::Greater,
        CompareOp::Gt => ordering == Ordering::Greater,
        CompareOp::Ge => ordering != Ordering::Less,
    })
}

/// Kleene conjunction: false wins, then unknown.
pub(crate) fn kleene_all(items: impl Iterator<Item = Option<bool>>) -> Option<bool> {
    let mut unknown = false;
    for item in items {
        match item {
            Some(false) => return Some(false),
            None => unknown = true,
            Some(true) => {}
        }
    }
    if unknown {
        None
    } else {
        Some(true)
    }
}

/// Kleene disjunction: true wins, then unknown.
pub(crate) fn kleene_any(items: impl Iterator<Item = Option<bool>>) -> Option<bool> {
    let mut unknown = false;
    for item in items {
        match item {
            Some(true) => return Some(true),
            None => unknown = true,
            Some(false) => {}
        }
    }
    if unknown {
        None
    } else {
        Some(false)
    }
}
