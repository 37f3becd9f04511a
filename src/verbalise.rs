//! Conditions read aloud: a compiled condition in words, each piece of
//! evidence by its label, each operator as a word of the catalogue and
//! each value as the language writes it, into any [`Runs`]: runs of the
//! layout model for `kader doc` (so every backend escapes them its own
//! way), or plain text for the norms of gaps, plans and overviews, which
//! the evaluator explains. One reading for every text people see.
//!
//! A define that is small and uses no other define is spelled out where it
//! is used; any other is named there, and [`Verbaliser::terms`] spells out
//! each one named, once: the words stay as long as the framework, however
//! its defines build on each other.

use std::collections::BTreeSet;

use crate::compile::{ExprId, Framework, Op, Test};
use crate::terms::{ArithOp, CompareOp, Language, LogicOp};
use crate::value::{Type, Value};
use crate::words::{fill as fill_words, fill_with, words, Piece, Words};

/// Where a condition in words is written: plain text, or runs of a
/// document (`layout`).
pub(crate) trait Runs: Default {
    /// Words.
    fn text(&mut self, text: &str);
    /// The name of a define, not spelled out here.
    fn term(&mut self, name: &str);
    /// Runs written before, appended.
    fn append(&mut self, other: &Self);
}

impl Runs for String {
    fn text(&mut self, text: &str) {
        self.push_str(text);
    }

    fn term(&mut self, name: &str) {
        self.push_str(name);
    }

    fn append(&mut self, other: &Self) {
        self.push_str(other);
    }
}

/// How deep plain text spells out defines within defines; below that it
/// names them, so the words stay bounded however defines build on each
/// other.
const PLAIN_DEPTH: usize = 4;

/// How many parts a define's expression may have to be spelled out where
/// it is used; a larger one, or one that uses other defines, is named there
/// and spelled out once among the terms.
const INLINE_PARTS: usize = 24;

/// Reads the conditions of one framework aloud, and remembers the defines
/// it named rather than spelled out.
pub(crate) struct Verbaliser<'a> {
    fw: &'a Framework,
    w: &'static Words,
    /// The defines named so far, by number, as a set and in the order they
    /// were first named.
    named: BTreeSet<u32>,
    order: Vec<u32>,
    /// Plain text for people: every small define spelled out, also one
    /// that uses others (to [`PLAIN_DEPTH`]); a large one is named, and
    /// none is kept among the terms.
    plain: bool,
    depth: usize,
}

impl<'a> Verbaliser<'a> {
    /// Reads `fw`'s conditions in `language`.
    pub(crate) fn new(fw: &'a Framework, language: Language) -> Verbaliser<'a> {
        Verbaliser {
            fw,
            w: words(language),
            named: BTreeSet::new(),
            order: Vec::new(),
            plain: false,
            depth: 0,
        }
    }

    /// Reads `fw`'s conditions in `language` as plain text for people:
    /// every define spelled out where it is used.
    pub(crate) fn plain(fw: &'a Framework, language: Language) -> Verbaliser<'a> {
        Verbaliser {
            plain: true,
            ..Verbaliser::new(fw, language)
        }
    }

    /// A condition in words: `«Respons op de monitor» is minstens 70%`; a
    /// bare yes/no piece of evidence reads `«label»: ja`.
    pub(crate) fn condition<R: Runs>(&mut self, id: ExprId) -> R {
        let mut out = R::default();
        self.condition_into(id, &mut out);
        out
    }

    /// The label of a piece of evidence between guillemets, its path when
    /// it has none.
    pub(crate) fn evidence(&self, slot: u32) -> String {
        let mut out = String::new();
        self.label(slot, &mut out);
        out
    }

    /// Every define named so far instead of spelled out, in the order first
    /// named, with its expression in words. Spelling one out may name
    /// more: they follow, each once.
    pub(crate) fn terms<R: Runs>(&mut self) -> Vec<(String, R)> {
        let mut terms = Vec::new();
        let mut at = 0;
        while let Some(&k) = self.order.get(at) {
            at += 1;
            let name = self.fw.defines.get(k as usize).map_or("?", String::as_str);
            let words = match self.fw.define_expr(k) {
                Some(inner) => self.condition(inner),
                None => {
                    let mut unknown = R::default();
                    unknown.text("?");
                    unknown
                }
            };
            terms.push((name.to_string(), words));
        }
        terms
    }

    fn op(&self, id: ExprId) -> Option<&'a Op> {
        self.fw.exprs.get(id as usize)
    }

    fn label<R: Runs>(&self, slot: u32, out: &mut R) {
        match self.fw.slots.get(slot as usize) {
            Some(s) => out.text(&format!("«{}»", s.label.as_deref().unwrap_or(&s.path))),
            None => out.text("?"),
        }
    }

    /// The type a value is shown as, when the expression reads evidence.
    fn type_of(&self, id: ExprId) -> Option<Type> {
        match self.op(self.fw.beneath(id))? {
            Op::Slot(s) => self.fw.slots.get(*s as usize).map(|s| s.ty.clone()),
            Op::Count(..) => Some(Type::Int),
            Op::Const(Value::Date(_)) => Some(Type::Date),
            _ => None,
        }
    }

    /// Whether a define's expression is small and uses no other define, so
    /// that it is spelled out where it is used. Looks at no more than
    /// [`INLINE_PARTS`] parts.
    fn spelled_out(&self, inner: ExprId) -> bool {
        if self.plain && self.depth >= PLAIN_DEPTH {
            return false;
        }
        let mut stack = vec![inner];
        let mut parts = 0;
        while let Some(id) = stack.pop() {
            parts += 1;
            if parts > INLINE_PARTS {
                return false;
            }
            let test = |t: &Test| match t {
                Test::Before(b) | Test::After(b) | Test::Compare(_, b) => Some(*b),
                Test::Within(_) | Test::In { .. } => None,
            };
            match self.op(id) {
                // Plain text spells out a small define that uses others
                // too, to a bounded depth.
                Some(Op::Define(..)) if self.plain => {}
                None | Some(Op::Define(..)) => return false,
                Some(Op::Not(i) | Op::Neg(i)) => stack.push(*i),
                Some(Op::Compare(_, l, r) | Op::Arith(_, l, r)) => stack.extend([*l, *r]),
                Some(Op::Test(subject, t)) => {
                    stack.push(*subject);
                    stack.extend(test(t));
                }
                Some(Op::Count(_, t)) => stack.extend(t.as_ref().and_then(test)),
                Some(Op::Logic(_, start, len)) => stack.extend(self.operands(*start, *len)),
                Some(
                    Op::Const(_)
                    | Op::Slot(_)
                    | Op::Present(_)
                    | Op::CompareSlotNumber(..)
                    | Op::SlotWithin(..)
                    | Op::CountWithin(..),
                ) => {}
            }
        }
        true
    }

    fn operands(&self, start: u32, len: u32) -> &'a [ExprId] {
        let start = start as usize;
        self.fw
            .operands
            .get(start..start.saturating_add(len as usize))
            .unwrap_or(&[])
    }

    /// The expression shown for `id`: a define's own when it is spelled
    /// out, `id` itself otherwise.
    fn shown(&self, id: ExprId) -> ExprId {
        match self.op(id) {
            Some(Op::Define(_, inner)) if self.spelled_out(*inner) => *inner,
            _ => id,
        }
    }

    /// The yes/no piece of evidence a condition is, or is the negation of.
    fn bare(&self, id: ExprId) -> Option<(u32, bool)> {
        match self.op(id)? {
            Op::Slot(s) => Some((*s, true)),
            Op::Not(inner) => match self.op(self.shown(*inner))? {
                Op::Slot(s) => Some((*s, false)),
                _ => None,
            },
            _ => None,
        }
    }

    fn condition_into<R: Runs>(&mut self, id: ExprId, out: &mut R) {
        let shown = self.shown(id);
        let entered = shown != id;
        self.depth += usize::from(entered);
        match self.bare(shown) {
            Some((slot, yes)) => {
                self.label(slot, out);
                let word = if yes { self.w.yes } else { self.w.no };
                out.text(&format!(": {word}"));
            }
            None => self.expr(shown, None, out),
        }
        self.depth -= usize::from(entered);
    }

    fn expr<R: Runs>(&mut self, id: ExprId, context: Option<&Type>, out: &mut R) {
        let w = self.w;
        let Some(op) = self.op(id) else {
            out.text("?");
            return;
        };
        match op {
            // Only the evaluator's folded program has these.
            Op::CompareSlotNumber(..) | Op::SlotWithin(..) | Op::CountWithin(..) => out.text("?"),
            Op::Const(v) => self.constant(v, context, out),
            Op::Define(k, inner) => {
                if self.spelled_out(*inner) {
                    self.depth += 1;
                    self.expr(*inner, context, out);
                    self.depth -= 1;
                } else {
                    if !self.plain && self.named.insert(*k) {
                        self.order.push(*k);
                    }
                    let name = self.fw.defines.get(*k as usize).map_or("?", String::as_str);
                    out.term(name);
                }
            }
            Op::Slot(s) => self.label(*s, out),
            Op::Present(s) => {
                self.label(*s, out);
                out.text(&format!(" {}", w.is_supplied));
            }
            Op::Count(s, test) => {
                let element = match self.fw.slots.get(*s as usize).map(|s| &s.ty) {
                    Some(Type::List(e)) => Some(&**e),
                    _ => None,
                };
                out.text(&format!("{} ", w.number_of));
                self.label(*s, out);
                if let Some(t) = test {
                    out.text(" ");
                    self.test(t, element, true, out);
                }
            }
            Op::Not(inner) => {
                let mut value = R::default();
                value.text("(");
                self.condition_into(*inner, &mut value);
                value.text(")");
                fill_with(w.not_value, &[("value", value)], |piece| match piece {
                    Piece::Text(t) => out.text(t),
                    Piece::Value(v) => out.append(v),
                });
            }
            Op::Logic(kind, start, len) => {
                let word = match kind {
                    LogicOp::And => w.and,
                    LogicOp::Or => w.or,
                };
                for (i, operand) in self.operands(*start, *len).iter().enumerate() {
                    if i > 0 {
                        out.text(&format!(" {word} "));
                    }
                    let nested = matches!(self.op(self.shown(*operand)), Some(Op::Logic(..)));
                    if nested {
                        out.text("(");
                    }
                    self.condition_into(*operand, out);
                    if nested {
                        out.text(")");
                    }
                }
            }
            Op::Compare(cmp, l, r) => {
                let ty = self.type_of(*l).or_else(|| self.type_of(*r));
                self.expr(*l, ty.as_ref(), out);
                out.text(&format!(" {} ", self.compare(*cmp, ty.as_ref())));
                self.expr(*r, ty.as_ref(), out);
            }
            Op::Arith(kind, l, r) => {
                let symbol = match kind {
                    ArithOp::Add => "+",
                    ArithOp::Sub => "−",
                    ArithOp::Mul => "×",
                    ArithOp::Div => "÷",
                };
                // `(a + 2) × 3`, `a − (b − c)`: brackets where the sum binds
                // less than the sign beside it, as an author would write it.
                let left = self.arith(*l).is_some_and(|k| binding(k) < binding(*kind));
                // The right side of `−` and `÷` too when it binds the same.
                let right = self.arith(*r).is_some_and(|k| {
                    binding(k) < binding(*kind)
                        || (binding(k) == binding(*kind)
                            && matches!(kind, ArithOp::Sub | ArithOp::Div))
                });
                self.bracketed(*l, left, context, out);
                out.text(&format!(" {symbol} "));
                self.bracketed(*r, right, context, out);
            }
            Op::Neg(inner) => {
                out.text("−");
                let sum = self.arith(*inner).is_some();
                self.bracketed(*inner, sum, context, out);
            }
            Op::Test(subject, test) => {
                let ty = self.type_of(*subject);
                self.expr(*subject, ty.as_ref(), out);
                out.text(" ");
                self.test(test, ty.as_ref(), false, out);
            }
        }
    }

    /// The sign of the sum shown for `id`, if it is one.
    fn arith(&self, id: ExprId) -> Option<ArithOp> {
        match self.op(self.shown(id))? {
            Op::Arith(kind, ..) => Some(*kind),
            _ => None,
        }
    }

    /// An operand of a sum, in brackets when `brackets`.
    fn bracketed<R: Runs>(
        &mut self,
        id: ExprId,
        brackets: bool,
        context: Option<&Type>,
        out: &mut R,
    ) {
        if brackets {
            out.text("(");
        }
        self.expr(id, context, out);
        if brackets {
            out.text(")");
        }
    }

    fn constant<R: Runs>(&self, v: &Value, context: Option<&Type>, out: &mut R) {
        let w = self.w;
        let words = match (v, context) {
            (Value::Number(n), Some(Type::Percent)) => w.percent(*n),
            (Value::Text(t), _) => w.quote(t),
            (Value::Member(i), Some(Type::Enum(members))) => {
                members.get(usize::from(*i)).cloned().unwrap_or_default()
            }
            (Value::Member(i), _) => i.to_string(),
            (v, _) => w.value(v, &Type::Int),
        };
        out.text(&words);
    }

    /// A comparison in words; dates fall before or after.
    fn compare(&self, op: CompareOp, ty: Option<&Type>) -> &'static str {
        let words = if ty == Some(&Type::Date) {
            &self.w.compare_dates
        } else {
            &self.w.compare_numbers
        };
        let index = match op {
            CompareOp::Eq => 0,
            CompareOp::Ne => 1,
            CompareOp::Ge => 2,
            CompareOp::Gt => 3,
            CompareOp::Le => 4,
            CompareOp::Lt => 5,
        };
        words.get(index).copied().unwrap_or("?")
    }

    /// A test on a value; `counting` reads it as a filter on list elements.
    fn test<R: Runs>(&mut self, test: &Test, ty: Option<&Type>, counting: bool, out: &mut R) {
        let w = self.w;
        match test {
            Test::Within(p) => {
                let template = if counting {
                    w.counted_within
                } else {
                    w.lies_within
                };
                let period = w.period(&p.to_string());
                out.text(&fill_words(template, &[("period", &period)]));
            }
            Test::Before(b) | Test::After(b) => {
                let word = match test {
                    Test::Before(_) => w.date_before,
                    _ => w.date_after,
                };
                out.text(&format!("{word} "));
                self.expr(*b, ty, out);
            }
            Test::In { negated, set } => {
                let word = if *negated { w.none_of } else { w.one_of };
                out.text(&format!("{word}: "));
                for (i, member) in set.iter().enumerate() {
                    if i > 0 {
                        out.text(", ");
                    }
                    self.constant(member, ty, out);
                }
            }
            Test::Compare(op, e) => {
                out.text(&format!("{} ", self.compare(*op, ty)));
                self.expr(*e, ty, out);
            }
        }
    }
}

/// How tightly a sign binds: `×` and `÷` before `+` and `−`.
fn binding(op: ArithOp) -> u8 {
    match op {
        ArithOp::Add | ArithOp::Sub => 1,
        ArithOp::Mul | ArithOp::Div => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_condition_reads_in_either_language_whatever_the_framework_speaks() {
        let fw = Framework::compile(
            "framework f \"F\" version \"1\"\n\
             evidence {\n  a : percent \"Respons\"\n  b : bool \"Plan\"\n  d : list<date> \"Oefeningen\"\n}\n\
             define oefend = count(d within 12 months) >= 2\n\
             theme t \"T\" {\n  criterion C \"C\" { owner school require a >= 70% and not b or oefend }\n}\n",
        )
        .unwrap();
        let requirement = fw.criteria[0].requirements[0].condition.expr;
        let read = |language| {
            let mut verbaliser = Verbaliser::new(&fw, language);
            verbaliser.condition::<String>(requirement)
        };
        assert_eq!(
            read(Language::Nl),
            "(«Respons» is minstens 70% en «Plan»: nee) of het aantal «Oefeningen» in de afgelopen 12 maanden is minstens 2"
        );
        assert_eq!(
            read(Language::En),
            "(«Respons» is at least 70% and «Plan»: no) or the number of «Oefeningen» in the last 12 months is at least 2"
        );
    }

    #[test]
    fn sums_keep_the_brackets_they_need() {
        let fw = Framework::compile(
            "framework f \"F\" version \"1\"\n\
             evidence {\n  a : int \"A\"\n  b : int \"B\"\n}\n\
             define som = a + b\n\
             theme t \"T\" {\n  criterion C \"C\" { owner school\n\
             require (a + 2) * 3 >= a - (b - 1) and som * 2 >= -(a + b) and a + b * 2 - b >= a / (b * 2)\n  }\n}\n",
        )
        .unwrap();
        let requirement = fw.criteria[0].requirements[0].condition.expr;
        let mut verbaliser = Verbaliser::new(&fw, Language::Nl);
        assert_eq!(
            verbaliser.condition::<String>(requirement),
            "(«A» + 2) × 3 is minstens «A» − («B» − 1) en («A» + «B») × 2 is minstens −(«A» + «B») \
             en «A» + «B» × 2 − «B» is minstens «A» ÷ («B» × 2)"
        );
    }
}
