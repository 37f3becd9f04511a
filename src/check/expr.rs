//! Names and types of expressions.

use crate::diagnostic::{say, Diagnostic, Text};
use crate::suggest::nearest;
use crate::syntax::ast::{CompareOp, Expr, ExprKind, Filter, Name, Node, Span};
use crate::value::{Type, Value};

use super::model::{ElementTest, Resolved, ResolvedKind, Ty};
use super::{Checker, Target};

const BOOL: Ty = Ty::Known(Type::Bool);

/// A type in words: "a date", "a choice from po, so, vo" ("een datum",
/// "een keuze uit po, so, vo"). Diagnostics and the language server's hover
/// both name types with it.
pub(crate) fn type_in_words(ty: &Type) -> Text {
    in_words(ty, false)
}

/// A type in words, as one value or (`many`, for a list's elements) as
/// values: "a date", "dates".
fn in_words(ty: &Type, many: bool) -> Text {
    use crate::diagnostic::{Arg, Msg::*};
    let (one, more, arg) = match ty {
        Type::Bool => (TypeBool, TypesBool, None),
        Type::Int => (TypeInt, TypesInt, None),
        Type::Number => (TypeNumber, TypesNumber, None),
        Type::Percent => (TypePercent, TypesPercent, None),
        Type::Date => (TypeDate, TypesDate, None),
        Type::Text => (TypeText, TypesText, None),
        Type::Enum(members) => (TypeEnum, TypesEnum, Some(Arg::from(members.join(", ")))),
        Type::List(element) => (
            TypeList,
            TypesList,
            Some(Arg::from(in_words(element, true))),
        ),
    };
    Text::new(if many { more } else { one }, arg.into_iter().collect())
}

/// Names in order, for "did you mean": the hash maps that hold them keep
/// none, and the first of two equally near names is the one suggested.
pub(super) fn sorted<'a>(names: impl Iterator<Item = &'a String>) -> Vec<&'a str> {
    let mut names: Vec<&str> = names.map(String::as_str).collect();
    names.sort_unstable();
    names
}

fn placeholder(span: Span) -> Resolved {
    Node::new(ResolvedKind::Const(Value::Bool(false)), span)
}

impl Checker {
    /// Checks an expression that must be a condition (true, false or unknown).
    pub(super) fn condition(&mut self, expr: &Expr) -> Resolved {
        let (resolved, ty) = self.expr(expr);
        self.expect_condition(&ty, expr);
        resolved
    }

    fn expect_condition(&mut self, ty: &Ty, expr: &Expr) {
        match ty {
            Ty::Known(Type::Bool) | Ty::Error => {}
            Ty::Member(word) => self.unknown_name(word, expr.span),
            Ty::Known(other) => {
                // Show the fix on the author's own path where there is one.
                let path = match &expr.node {
                    ExprKind::Name(word) => word.as_str(),
                    _ => "...",
                };
                let help = match other {
                    Type::Date => say!(TestDate, path),
                    Type::Percent => say!(CompareThreshold, path),
                    // `Bool` is a condition already.
                    Type::Int | Type::Number | Type::Bool => say!(CompareNumber, path),
                    Type::Text => say!(AskPresent, path),
                    Type::Enum(members) => {
                        let member = members.first().map_or("vo", String::as_str);
                        say!(CompareMember, path, member)
                    }
                    Type::List(_) => say!(CountTheList, path),
                };
                self.error(
                    Diagnostic::error(
                        "E0204",
                        expr.span,
                        say!(NotACondition, type_in_words(other)),
                    )
                    .with_label(say!(ExpectedTrueFalse))
                    .with_help(help),
                );
            }
        }
    }

    fn unknown_name(&mut self, word: &str, span: Span) {
        if let Some(later) = self.all_defines.get(word) {
            let later = *later;
            self.error(
                Diagnostic::error("E0252", span, say!(UsedBeforeDefined, word))
                    .with_related(later, say!(DefinedHere))
                    .with_help(say!(MoveDefine)),
            );
            return;
        }
        let (code, message) = if word.contains('.') {
            ("E0201", say!(NotDeclaredEvidence, word))
        } else {
            ("E0202", say!(UnknownName, word))
        };
        let mut d = Diagnostic::error(code, span, message).with_label(say!(NotDeclared));
        // Evidence paths, then defines, each in order (ties go to the first).
        let mut known = sorted(self.slot_by_path.keys());
        known.extend(sorted(self.define_by_name.keys()));
        d = match nearest(word, known) {
            Some(s) => d.with_help(say!(DidYouMean, s)),
            None if word.contains('.') => d.with_help(say!(DeclareEvidence, word)),
            None => d.with_help(say!(UseDeclaredName)),
        };
        self.error(d);
    }

    fn slot_of(&mut self, path: &Name) -> Option<(usize, Type)> {
        match self.slot_by_path.get(&path.node) {
            Some(&slot) => {
                self.record.name(path.span, Target::Evidence(slot));
                self.used_slots.insert(slot);
                self.evidence.get(slot).map(|d| (slot, d.ty.clone()))
            }
            None => {
                self.unknown_name(&path.node, path.span);
                None
            }
        }
    }

    /// Resolves names and works out the type of an expression.
    pub(super) fn expr(&mut self, expr: &Expr) -> (Resolved, Ty) {
        let span = expr.span;
        let node = |kind| Node::new(kind, span);
        match &expr.node {
            ExprKind::Bool(b) => (node(ResolvedKind::Const(Value::Bool(*b))), BOOL),
            ExprKind::Number(n) => {
                self.bare_numbers.insert((span.start, span.end));
                let ty = if n.fract().is_zero() {
                    Type::Int
                } else {
                    Type::Number
                };
                (node(ResolvedKind::Const(Value::Number(*n))), Ty::Known(ty))
            }
            ExprKind::Percent(n) => (
                node(ResolvedKind::Const(Value::Number(*n))),
                Ty::Known(Type::Percent),
            ),
            ExprKind::Date(d) => (
                node(ResolvedKind::Const(Value::Date(*d))),
                Ty::Known(Type::Date),
            ),
            ExprKind::Text(t) => (
                node(ResolvedKind::Const(Value::Text(t.clone()))),
                Ty::Known(Type::Text),
            ),
            ExprKind::Name(word) => {
                if let Some(&index) = self.define_by_name.get(word) {
                    let ty = self
                        .defines
                        .get(index)
                        .map_or(Ty::Error, |(_, _, t)| t.clone());
                    self.used_defines.insert(index);
                    self.record.name(span, Target::Define(index));
                    return (node(ResolvedKind::Define(index)), ty);
                }
                if let Some(&slot) = self.slot_by_path.get(word) {
                    let ty = self
                        .evidence
                        .get(slot)
                        .map_or(Ty::Error, |d| Ty::Known(d.ty.clone()));
                    self.used_slots.insert(slot);
                    self.record.name(span, Target::Evidence(slot));
                    return (node(ResolvedKind::Slot(slot)), ty);
                }
                if let Some(&later) = self.all_defines.get(word) {
                    // Used above its definition (E0252), unless the
                    // context makes it an enum member after all.
                    self.record.early(span, later);
                }
                (placeholder(span), Ty::Member(word.clone()))
            }
            ExprKind::Present(path) => match self.slot_of(path) {
                Some((slot, _)) => (node(ResolvedKind::Present(slot)), BOOL),
                None => (placeholder(span), Ty::Error),
            },
            ExprKind::Count { list, filter } => {
                let Some((slot, ty)) = self.slot_of(list) else {
                    return (placeholder(span), Ty::Error);
                };
                let Type::List(element) = ty else {
                    let path = &list.node;
                    let help = match ty {
                        Type::Date => say!(CountOneDate, path),
                        Type::Int => say!(CountOneNumber, path),
                        _ => say!(CountDeclaredList),
                    };
                    self.error(
                        Diagnostic::error(
                            "E0208",
                            list.span,
                            say!(CountNeedsList, path, type_in_words(&ty)),
                        )
                        .with_label(say!(DeclaredAs, ty.notation()))
                        .with_help(help),
                    );
                    return (placeholder(span), Ty::Error);
                };
                let filter = filter.as_ref().and_then(|f| {
                    let element = Ty::Known((*element).clone());
                    self.element_test(f, &element, list.span, Some(slot))
                });
                (
                    node(ResolvedKind::Count {
                        slot,
                        filter: filter.map(Box::new),
                    }),
                    Ty::Known(Type::Int),
                )
            }
            ExprKind::Not(inner) => {
                let resolved = self.condition(inner);
                (node(ResolvedKind::Not(Box::new(resolved))), BOOL)
            }
            ExprKind::Logic(op, operands) => {
                let resolved = operands.iter().map(|o| self.condition(o)).collect();
                (node(ResolvedKind::Logic(*op, resolved)), BOOL)
            }
            ExprKind::Compare(op, lhs, rhs) => {
                let (l, lt) = self.expr(lhs);
                let (r, rt) = self.expr(rhs);
                match self.compare(*op, (l, lt, lhs), (r, rt, rhs)) {
                    Some((l, r)) => (
                        node(ResolvedKind::Compare(*op, Box::new(l), Box::new(r))),
                        BOOL,
                    ),
                    None => (placeholder(span), Ty::Error),
                }
            }
            ExprKind::Arith(op, lhs, rhs) => {
                let (l, lt) = self.expr(lhs);
                let (r, rt) = self.expr(rhs);
                let lt = self.expect_number(lt, lhs, op.symbol());
                let rt = self.expect_number(rt, rhs, op.symbol());
                let ty = match (lt, rt) {
                    (Some(Type::Int), Some(Type::Int))
                        if *op != crate::syntax::ast::ArithOp::Div =>
                    {
                        Ty::Known(Type::Int)
                    }
                    (Some(_), Some(_)) => Ty::Known(Type::Number),
                    _ => Ty::Error,
                };
                (node(ResolvedKind::Arith(*op, Box::new(l), Box::new(r))), ty)
            }
            ExprKind::Neg(inner) => {
                let (resolved, ty) = self.expr(inner);
                let ty = match self.expect_number(ty, inner, "-") {
                    Some(t) => Ty::Known(t),
                    None => Ty::Error,
                };
                (node(ResolvedKind::Neg(Box::new(resolved))), ty)
            }
            ExprKind::Test(subject, filter) => {
                let (resolved, ty) = self.expr(subject);
                if let Ty::Member(word) = &ty {
                    self.unknown_name(word, subject.span);
                    return (placeholder(span), Ty::Error);
                }
                let origin = self.origin(&resolved);
                match self.element_test(filter, &ty, subject.span, origin) {
                    Some(test) => (
                        node(ResolvedKind::Test(Box::new(resolved), Box::new(test))),
                        BOOL,
                    ),
                    None => (placeholder(span), Ty::Error),
                }
            }
        }
    }

    fn expect_number(&mut self, ty: Ty, expr: &Expr, op: &str) -> Option<Type> {
        match ty {
            Ty::Known(t) if t.is_numeric() => Some(t),
            Ty::Error => None,
            Ty::Member(word) => {
                self.unknown_name(&word, expr.span);
                None
            }
            Ty::Known(other) => {
                self.error(
                    Diagnostic::error(
                        "E0209",
                        expr.span,
                        say!(NeedsNumbers, op, type_in_words(&other)),
                    )
                    .with_label(say!(TypeHere, type_in_words(&other)))
                    .with_help(say!(CalculateNumbers)),
                );
                None
            }
        }
    }

    /// Checks `lhs op rhs`; resolves an enum member on either side.
    fn compare(
        &mut self,
        op: CompareOp,
        (l, lt, lhs): (Resolved, Ty, &Expr),
        (r, rt, rhs): (Resolved, Ty, &Expr),
    ) -> Option<(Resolved, Resolved)> {
        let equality = matches!(op, CompareOp::Eq | CompareOp::Ne);
        match (&lt, &rt) {
            (Ty::Error, _) | (_, Ty::Error) => None,
            (Ty::Known(Type::Enum(members)), Ty::Member(word)) => {
                let member = self.member(members, word, rhs.span, self.origin(&l))?;
                self.expect_equality(op, lhs.span.to(rhs.span))?;
                Some((l, Node::new(ResolvedKind::Const(member), rhs.span)))
            }
            (Ty::Member(word), Ty::Known(Type::Enum(members))) => {
                let member = self.member(members, word, lhs.span, self.origin(&r))?;
                self.expect_equality(op, lhs.span.to(rhs.span))?;
                Some((Node::new(ResolvedKind::Const(member), lhs.span), r))
            }
            (Ty::Member(word), _) => {
                self.unknown_name(word, lhs.span);
                None
            }
            (_, Ty::Member(word)) => {
                self.unknown_name(word, rhs.span);
                None
            }
            (Ty::Known(a), Ty::Known(b)) => {
                let compatible = (a.is_numeric() && b.is_numeric())
                    || (a == &Type::Date && b == &Type::Date)
                    || (equality && a == &Type::Text && b == &Type::Text)
                    || (equality && a == &Type::Bool && b == &Type::Bool)
                    || (equality && matches!(a, Type::Enum(_)) && a == b);
                if compatible {
                    return Some((l, r));
                }
                let ordered_only = a == b;
                if ordered_only {
                    self.error(
                        Diagnostic::error(
                            "E0203",
                            lhs.span.to(rhs.span),
                            say!(CannotOrderValues, op.symbol(), a.notation()),
                        )
                        .with_label(say!(NoOrder, a.notation()))
                        .with_help(say!(TestSame)),
                    );
                    return None;
                }
                let quoted_member = |side: &Expr, members: &[String]| match &side.node {
                    ExprKind::Text(t) if members.contains(t) => Some(t.clone()),
                    _ => None,
                };
                let help = match (a, b) {
                    (Type::Enum(members), Type::Text) => match quoted_member(rhs, members) {
                        Some(m) => say!(WithoutQuotes, m),
                        None => say!(CompareWithOneOf, members.join(", ")),
                    },
                    (Type::Text, Type::Enum(members)) => match quoted_member(lhs, members) {
                        Some(m) => say!(WithoutQuotes, m),
                        None => say!(CompareWithOneOf, members.join(", ")),
                    },
                    (Type::Date, _) | (_, Type::Date) => say!(CompareDate),
                    _ => say!(CompareSameKind),
                };
                self.error(
                    Diagnostic::error(
                        "E0203",
                        lhs.span.to(rhs.span),
                        say!(CannotCompare, type_in_words(a), type_in_words(b)),
                    )
                    .with_label(say!(LeftRight, type_in_words(a), type_in_words(b)))
                    .with_help(help),
                );
                None
            }
        }
    }

    /// Enum members are compared with `==` and `!=` only.
    fn expect_equality(&mut self, op: CompareOp, span: Span) -> Option<()> {
        if matches!(op, CompareOp::Eq | CompareOp::Ne) {
            return Some(());
        }
        self.error(
            Diagnostic::error("E0203", span, say!(CannotOrderMembers, op.symbol()))
                .with_help(say!(UseEquality)),
        );
        None
    }

    /// The member `word` of `members`, the type of the evidence at slot
    /// `origin` (when it is known).
    fn member(
        &mut self,
        members: &[String],
        word: &str,
        span: Span,
        origin: Option<usize>,
    ) -> Option<Value> {
        let at = members.iter().position(|m| m == word);
        match at.and_then(|i| Some((i, u16::try_from(i).ok()?))) {
            Some((at, i)) => {
                if let Some(slot) = origin {
                    self.record.name(span, Target::Member(slot, at));
                }
                Some(Value::Member(i))
            }
            None => {
                let mut d =
                    Diagnostic::error("E0206", span, say!(NotOneOf, word, members.join(", ")))
                        .with_label(say!(NotAMember));
                d = match nearest(word, members.iter().map(String::as_str)) {
                    Some(s) => d.with_help(say!(DidYouMean, s)),
                    None => d.with_help(say!(TheMembers, members.join(", "))),
                };
                self.error(d);
                None
            }
        }
    }

    /// The evidence slot an expression reads the value of: a path, or a
    /// define that is one. Enum members compared with it are its type's.
    fn origin(&self, resolved: &Resolved) -> Option<usize> {
        let mut at = resolved;
        // A define reads only defines above it; the bound is for safety.
        for _ in 0..=self.defines.len() {
            match &at.node {
                ResolvedKind::Slot(slot) => return Some(*slot),
                ResolvedKind::Define(index) => at = &self.defines.get(*index)?.1,
                _ => return None,
            }
        }
        None
    }

    /// A window, bound, membership or comparison applied to a value of type
    /// `ty`, read from the evidence at slot `origin` (when it is known).
    fn element_test(
        &mut self,
        filter: &Node<Filter>,
        ty: &Ty,
        subject: Span,
        origin: Option<usize>,
    ) -> Option<ElementTest> {
        let Ty::Known(ty) = ty else { return None };
        let date_needed = |this: &mut Self, word: &str| {
            this.error(
                Diagnostic::error("E0205", subject, say!(NeedsDate, word, type_in_words(ty)))
                    .with_label(say!(NotADate, type_in_words(ty)))
                    .with_help(say!(ApplyToDate, word)),
            );
        };
        match &filter.node {
            Filter::Within(period) => {
                if ty != &Type::Date {
                    date_needed(self, "within");
                    return None;
                }
                Some(ElementTest::Within(*period))
            }
            Filter::Before(bound) | Filter::After(bound) => {
                let word = if matches!(filter.node, Filter::Before(_)) {
                    "before"
                } else {
                    "after"
                };
                if ty != &Type::Date {
                    date_needed(self, word);
                    return None;
                }
                let (resolved, bound_ty) = self.expr(bound);
                match bound_ty {
                    Ty::Known(Type::Date) => {}
                    Ty::Error => return None,
                    Ty::Member(w) => {
                        self.unknown_name(&w, bound.span);
                        return None;
                    }
                    Ty::Known(other) => {
                        self.error(
                            Diagnostic::error(
                                "E0205",
                                bound.span,
                                say!(NeedsDate, word, type_in_words(&other)),
                            )
                            .with_help(say!(WriteDate)),
                        );
                        return None;
                    }
                }
                Some(if word == "before" {
                    ElementTest::Before(resolved)
                } else {
                    ElementTest::After(resolved)
                })
            }
            Filter::In { negated, set } => {
                if matches!(ty, Type::Bool | Type::List(_)) {
                    let help = match ty {
                        Type::List(_) => say!(CountListItems),
                        _ => say!(TestDirectly),
                    };
                    self.error(
                        Diagnostic::error("E0215", subject, say!(InCannotTest, type_in_words(ty)))
                            .with_label(say!(TypeHere, type_in_words(ty)))
                            .with_help(help),
                    );
                    return None;
                }
                let mut values = Vec::new();
                for item in set {
                    match (&item.node, ty) {
                        (ExprKind::Name(word), Type::Enum(members)) => {
                            values.push(self.member(members, word, item.span, origin)?);
                        }
                        (ExprKind::Number(n), t) if t.is_numeric() => {
                            values.push(Value::Number(*n))
                        }
                        (ExprKind::Percent(n), t) if t.is_numeric() => {
                            values.push(Value::Number(*n))
                        }
                        (ExprKind::Text(s), Type::Text) => values.push(Value::Text(s.clone())),
                        (ExprKind::Date(d), Type::Date) => values.push(Value::Date(*d)),
                        (item_kind, _) => {
                            let help = match (item_kind, ty) {
                                (ExprKind::Text(t), Type::Enum(members)) if members.contains(t) => {
                                    say!(WithoutQuotes, t)
                                }
                                (_, Type::Enum(members)) => say!(TheMembers, members.join(", ")),
                                (_, Type::Percent) => say!(ListPercentages),
                                (_, Type::Text) => say!(ListTexts),
                                (_, Type::Date) => say!(ListDates),
                                _ => say!(ListNumbers),
                            };
                            self.error(
                                Diagnostic::error(
                                    "E0215",
                                    item.span,
                                    say!(ValueIsNot, type_in_words(ty)),
                                )
                                .with_label(say!(SetMustBe, type_in_words(ty)))
                                .with_help(help),
                            );
                            return None;
                        }
                    }
                }
                Some(ElementTest::In {
                    negated: *negated,
                    set: values,
                })
            }
            Filter::Compare(op, rhs) => {
                let (r, rt) = self.expr(rhs);
                // The element stands in for the subject's value; only its
                // origin counts, for the members on the right.
                let element = match origin {
                    Some(slot) => ResolvedKind::Slot(slot),
                    None => ResolvedKind::Const(Value::Bool(false)),
                };
                let element = Node::new(element, subject);
                let fake_lhs = Node::new(ExprKind::Name(String::new()), subject);
                let (_, r) = self.compare(
                    *op,
                    (element, Ty::Known(ty.clone()), &fake_lhs),
                    (r, rt, rhs),
                )?;
                Some(ElementTest::Compare(*op, r))
            }
        }
    }
}
