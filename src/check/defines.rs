//! Defines that stand on each other: a define that refers to itself
//! (directly or in a circle) is refused at its own line (E0254), and the
//! depth a condition reaches through the defines it uses is bounded like
//! the depth of a condition written out (E0255).
//!
//! Both are worked out once per define, without recursing through names:
//! the later stages walk a define's expression once and share it, so the
//! depth bound here is what keeps their recursion off the end of the stack.

use std::collections::HashMap;

use crate::diagnostic::{say, Diagnostic};
use crate::syntax::ast::{Define, Expr, ExprKind, Filter, Span};
use crate::syntax::MAX_DEPTH;

use super::model::{ElementTest, Resolved, ResolvedKind};
use super::Checker;

/// How deep a define's expression reaches, defines included.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Depth {
    /// The depth of the tree, each use of a define one level above the
    /// define's own depth (a leaf is 0, as in the parser's count).
    pub depth: usize,
    /// The define the deepest path goes through first, if any.
    pub via: Option<usize>,
}

impl Depth {
    fn over(self) -> bool {
        self.depth > MAX_DEPTH
    }
}

/// How many names of a chain a message shows at its start and at its end.
const SHOWN: usize = 4;

/// `a` → `b` → … → `z`: a chain of names, shortened in the middle.
fn chain(names: &[&str]) -> String {
    let quoted = |n: &&str| format!("`{n}`");
    if names.len() <= 2 * SHOWN {
        return names.iter().map(quoted).collect::<Vec<_>>().join(" → ");
    }
    let head = names.iter().take(SHOWN).map(quoted);
    let tail = names.iter().skip(names.len() - SHOWN).map(quoted);
    head.chain(std::iter::once("…".to_string()))
        .chain(tail)
        .collect::<Vec<_>>()
        .join(" → ")
}

/// The names of defines an expression mentions, in order, once each.
fn mentioned(expr: &Expr) -> Vec<&str> {
    let mut names: Vec<&str> = Vec::new();
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let mut stack: Vec<&Expr> = vec![expr];
    fn push_filter<'e>(stack: &mut Vec<&'e Expr>, filter: &'e Filter) {
        match filter {
            Filter::Before(e) | Filter::After(e) | Filter::Compare(_, e) => stack.push(e),
            // A set holds values and enum members, never a define.
            Filter::Within(_) | Filter::In { .. } => {}
        }
    }
    while let Some(e) = stack.pop() {
        match &e.node {
            ExprKind::Name(word) => {
                if seen.insert(word) {
                    names.push(word);
                }
            }
            ExprKind::Count { filter, .. } => {
                if let Some(f) = filter {
                    push_filter(&mut stack, &f.node);
                }
            }
            ExprKind::Not(inner) | ExprKind::Neg(inner) => stack.push(inner),
            ExprKind::Logic(_, items) => stack.extend(items.iter().rev()),
            ExprKind::Compare(_, l, r) | ExprKind::Arith(_, l, r) => {
                stack.push(r);
                stack.push(l);
            }
            ExprKind::Test(subject, filter) => {
                push_filter(&mut stack, &filter.node);
                stack.push(subject);
            }
            ExprKind::Bool(_)
            | ExprKind::Number(_)
            | ExprKind::Percent(_)
            | ExprKind::Date(_)
            | ExprKind::Text(_)
            | ExprKind::Present(_) => {}
        }
    }
    names
}

/// The circles of defines of a file: for each, its first define (in file
/// order), a circle through it (starting and ending with it) and the other
/// defines on a circle with it, as indices into `defines`. One error per
/// circle, at its first define, says enough: a circle of 100,000 defines
/// is one mistake, not 100,000.
///
/// Tarjan's strongly connected components, without recursion: a define is
/// on a circle when its component has more than one define, or it
/// mentions itself.
fn circles(defines: &[&Define]) -> Vec<(usize, Vec<usize>, Vec<usize>)> {
    let at: HashMap<&str, usize> = defines
        .iter()
        .enumerate()
        .map(|(i, d)| (d.name.node.as_str(), i))
        .collect();
    let edges: Vec<Vec<usize>> = defines
        .iter()
        .map(|d| {
            mentioned(&d.expr)
                .into_iter()
                .filter_map(|n| at.get(n).copied())
                .collect()
        })
        .collect();
    let n = defines.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut next = 0;
    let mut components: Vec<Vec<usize>> = Vec::new();
    for root in 0..n {
        if index.get(root) != Some(&usize::MAX) {
            continue;
        }
        // (node, how many of its edges have been followed)
        let mut work = vec![(root, 0usize)];
        while let Some(top) = work.last_mut() {
            let (v, followed) = *top;
            top.1 += 1;
            if followed == 0 && get(&index, v) == usize::MAX {
                set(&mut index, v, next);
                set(&mut low, v, next);
                next += 1;
                stack.push(v);
                set(&mut on_stack, v, true);
            }
            let edge = edges.get(v).and_then(|e| e.get(followed)).copied();
            match edge {
                Some(w) if get(&index, w) == usize::MAX => work.push((w, 0)),
                Some(w) => {
                    if get(&on_stack, w) {
                        let lowest = get(&low, v).min(get(&index, w));
                        set(&mut low, v, lowest);
                    }
                }
                None => {
                    work.pop();
                    if let Some(&(parent, _)) = work.last() {
                        let lowest = get(&low, parent).min(get(&low, v));
                        set(&mut low, parent, lowest);
                    }
                    if get(&low, v) == get(&index, v) {
                        let mut component = Vec::new();
                        while let Some(w) = stack.pop() {
                            set(&mut on_stack, w, false);
                            component.push(w);
                            if w == v {
                                break;
                            }
                        }
                        components.push(component);
                    }
                }
            }
        }
    }
    let mut circles = Vec::new();
    let mut component_of = vec![usize::MAX; n];
    for (c, members) in components.iter().enumerate() {
        for &m in members {
            set(&mut component_of, m, c);
        }
    }
    for (c, members) in components.iter().enumerate() {
        let Some(&first) = members.iter().min() else {
            continue;
        };
        let self_loop = edges.get(first).is_some_and(|e| e.contains(&first));
        if members.len() == 1 && !self_loop {
            continue;
        }
        // The shortest circle through `first`, breadth first inside the
        // component; the others of the component are silent (see above).
        let mut parent: HashMap<usize, usize> = HashMap::new();
        let mut queue = std::collections::VecDeque::from([first]);
        let mut last = None;
        'search: while let Some(v) = queue.pop_front() {
            for &w in edges.get(v).into_iter().flatten() {
                if get(&component_of, w) != c {
                    continue;
                }
                if w == first {
                    last = Some(v);
                    break 'search;
                }
                if let std::collections::hash_map::Entry::Vacant(e) = parent.entry(w) {
                    e.insert(v);
                    queue.push_back(w);
                }
            }
        }
        let mut circle = vec![first];
        let mut at = last;
        while let Some(v) = at.filter(|v| *v != first) {
            circle.push(v);
            at = parent.get(&v).copied();
        }
        circle.push(first);
        circle.reverse();
        let others = members.iter().copied().filter(|m| *m != first).collect();
        circles.push((first, circle, others));
    }
    circles
}

fn get<T: Copy + Default>(v: &[T], i: usize) -> T {
    v.get(i).copied().unwrap_or_default()
}

fn set<T>(v: &mut [T], i: usize, value: T) {
    if let Some(slot) = v.get_mut(i) {
        *slot = value;
    }
}

impl Checker {
    /// Finds the defines of this file that refer to themselves and reports
    /// each at its own line (E0254). Returns their names: the checker
    /// leaves them unresolved, so their uses stay silent.
    pub(super) fn refuse_circles(&mut self, defines: &[&Define]) -> Vec<String> {
        let name_of = |j: usize| defines.get(j).map_or("?", |d| d.name.node.as_str());
        let mut names = Vec::new();
        for (first, circle, others) in circles(defines) {
            let Some(define) = defines.get(first) else {
                continue;
            };
            let name = &define.name.node;
            let label = if circle.len() <= 2 {
                say!(RefersToItself)
            } else {
                let chain_names: Vec<&str> = circle.iter().map(|&j| name_of(j)).collect();
                say!(RefersToItselfVia, chain(&chain_names))
            };
            self.error(
                Diagnostic::error("E0254", define.name.span, say!(DefinedInItself, name))
                    .with_label(label)
                    .with_help(say!(DefineAbove, name)),
            );
            names.push(name.clone());
            names.extend(others.into_iter().map(|j| name_of(j).to_string()));
        }
        names
    }

    /// Checks a rule's condition (`require`, `applies when`, a score
    /// level), bounded in depth through the defines it uses.
    pub(super) fn rule_condition(&mut self, expr: &Expr) -> Resolved {
        let resolved = self.condition(expr);
        let depth = self.depth(&resolved);
        self.bound_depth(depth, None, expr.span);
        self.note_notations(expr);
        resolved
    }

    /// Keeps how the condition and its parts read (see
    /// [`super::Model::notations`]).
    fn note_notations(&mut self, expr: &Expr) {
        use crate::syntax::ast::LogicOp;
        use crate::syntax::print;
        let source = self.source;
        let mut note = |span: Span, text: String| {
            self.notations.insert((source, span.start, span.end), text);
        };
        note(expr.span, print::expression(expr));
        let operands = match &expr.node {
            ExprKind::Logic(LogicOp::And, items) => items.as_slice(),
            _ => std::slice::from_ref(expr),
        };
        let joined = operands.len() > 1;
        for operand in operands {
            if joined {
                note(operand.span, print::conjunct(operand));
            }
            match &operand.node {
                ExprKind::Compare(op, lhs, rhs) => note(
                    Span::new(lhs.span.end, operand.span.end),
                    format!("{} {}", op.symbol(), print::operand(rhs)),
                ),
                ExprKind::Test(subject, filter) => note(
                    Span::new(subject.span.end, operand.span.end),
                    print::filter_text(&filter.node),
                ),
                _ => {}
            }
        }
    }

    /// The depth of a resolved expression, each define it uses counted at
    /// its own depth plus one.
    pub(super) fn depth(&self, e: &Resolved) -> Depth {
        let deeper = |d: Depth| Depth {
            depth: d.depth.saturating_add(1),
            via: d.via,
        };
        let deepest = |a: Depth, b: Depth| if b.depth > a.depth { b } else { a };
        match &e.node {
            ResolvedKind::Const(_) | ResolvedKind::Slot(_) | ResolvedKind::Present(_) => {
                Depth::default()
            }
            ResolvedKind::Define(k) => Depth {
                depth: self
                    .define_depth
                    .get(*k)
                    .map_or(0, |d| d.depth)
                    .saturating_add(1),
                via: Some(*k),
            },
            ResolvedKind::Count { filter, .. } => match filter {
                Some(test) => deeper(self.test_depth(test)),
                None => Depth::default(),
            },
            ResolvedKind::Not(inner) | ResolvedKind::Neg(inner) => deeper(self.depth(inner)),
            ResolvedKind::Logic(_, items) => deeper(
                items
                    .iter()
                    .map(|i| self.depth(i))
                    .fold(Depth::default(), deepest),
            ),
            ResolvedKind::Compare(_, l, r) | ResolvedKind::Arith(_, l, r) => {
                deeper(deepest(self.depth(l), self.depth(r)))
            }
            ResolvedKind::Test(subject, test) => {
                deeper(deepest(self.depth(subject), self.test_depth(test)))
            }
        }
    }

    fn test_depth(&self, test: &ElementTest) -> Depth {
        match test {
            ElementTest::Before(e) | ElementTest::After(e) | ElementTest::Compare(_, e) => {
                self.depth(e)
            }
            ElementTest::Within(_) | ElementTest::In { .. } => Depth::default(),
        }
    }

    /// Refuses an expression nested too deep through the defines it uses
    /// (E0255); `name` is the define it is the expression of, if any. An
    /// expression that is too deep only because a define it uses is too
    /// deep is not reported again.
    pub(super) fn bound_depth(&mut self, depth: Depth, name: Option<&str>, span: Span) {
        if !depth.over() {
            return;
        }
        let via = depth.via.and_then(|k| self.define_depth.get(k));
        if via.is_some_and(|d| d.over()) {
            return;
        }
        let mut names: Vec<&str> = name.into_iter().collect();
        let mut next = depth.via;
        while let Some(k) = next {
            let Some((define, _, _)) = self.defines.get(k) else {
                break;
            };
            names.push(define);
            next = self.define_depth.get(k).and_then(|d| d.via);
        }
        let message = match name {
            Some(name) => say!(DefineNestedDeep, name, MAX_DEPTH.to_string()),
            None => say!(ConditionNestedDeep, MAX_DEPTH.to_string()),
        };
        let d = Diagnostic::error("E0255", span, message)
            .with_label(say!(LevelsChain, depth.depth.to_string(), chain(&names)))
            .with_help(say!(ShorterChain));
        self.error(d);
    }
}

#[cfg(test)]
mod tests {
    use super::chain;

    #[test]
    fn a_long_chain_is_shortened_in_the_middle() {
        assert_eq!(chain(&["a", "b"]), "`a` → `b`");
        let names: Vec<String> = (0..20).map(|i| format!("d{i}")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        assert_eq!(
            chain(&names),
            "`d0` → `d1` → `d2` → `d3` → … → `d16` → `d17` → `d18` → `d19`"
        );
    }
}
