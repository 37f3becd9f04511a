//! Lints that need the exact analysis: what no evidence at all can make a
//! criterion, a `require`, a level or a theme do. `kader check` adds them
//! to the checker's own warnings; each points at the framework's own file
//! (never at a base's) and is exact: a criterion outside the fragment the
//! analysis decides is not linted.

use std::collections::BTreeSet;

use jiff::civil::Date;

use super::space::{Combinations, Probe, Space};
use super::{themes, MAX_COMBINATIONS, NEW};
use crate::compile::{CompiledCriterion, Condition, ExprId, Framework, Op, Requirement};
use crate::diagnostic::{say, Diagnostic, Diagnostics};
use crate::outcome::Status;
use crate::value::Value;

/// Every warning of `framework`, in order: the checker's own, and the
/// analysis lints judged on `as_of` (see [`lint`]).
pub fn warnings(framework: &Framework, as_of: Date) -> Diagnostics {
    let mut all = framework.warnings().clone();
    all.extend(lint(framework, as_of, framework.warnings()));
    all.sort();
    all
}

/// The analysis lints of `framework`, judged on `as_of`: a criterion that
/// can never pass, or passes whatever evidence is supplied; a `require`
/// that holds whenever another of its criterion does; a graded level no
/// evidence reaches; a criterion whose result never changes whether its
/// theme passes; a theme that can never pass. `known` are the
/// checker's own warnings: a criterion they already point into is not
/// told again that it always passes, nor a level that it is never reached.
pub fn lint(framework: &Framework, as_of: Date, known: &Diagnostics) -> Diagnostics {
    let space = Space::new(framework, framework, as_of);
    let mut probe = Probe::new(&space, space.baseline.clone());
    let mut out = Diagnostics::new();
    let said = |span: crate::span::Span, code: &str| {
        known
            .iter()
            .any(|d| d.code == code && d.span.start >= span.start && d.span.end <= span.end)
    };
    for (i, c) in framework.criteria.iter().enumerate() {
        let Some(at) = c.at else {
            continue;
        };
        let Some(seen) = u32::try_from(i)
            .ok()
            .and_then(|i| enumerate(&space, &mut probe, c, i))
        else {
            continue;
        };
        if !seen.passes {
            if seen.applies {
                out.push(
                    Diagnostic::warning("W0269", at, say!(NeverPasses, c.id.clone()))
                        .with_help(say!(NeverPassesHelp)),
                );
            }
            continue;
        }
        let conditions: Vec<crate::span::Span> = c
            .requirements
            .iter()
            .map(|r| &r.condition)
            .chain(c.applies.as_ref())
            .chain(c.score.iter().flat_map(|s| s.levels.iter().map(|(_, l)| l)))
            .filter_map(|k| k.at)
            .collect();
        if seen.always && !seen.read_nothing && !conditions.iter().any(|s| said(*s, "W0260")) {
            out.push(
                Diagnostic::warning("W0270", at, say!(AlwaysPasses, c.id.clone()))
                    .with_help(say!(AlwaysPassesHelp)),
            );
        }
        for (k, by) in seen.implied.iter().enumerate() {
            let (Some(by), Some(r)) = (by, c.requirements.get(k)) else {
                continue;
            };
            let (Some(span), Some(other)) = (
                r.condition.at,
                c.requirements.get(*by).and_then(|o| o.condition.at),
            ) else {
                continue;
            };
            out.push(
                Diagnostic::warning("W0271", span, say!(ImpliedRequire))
                    .with_related(other, say!(ImpliedBy))
                    .with_help(say!(ImpliedRequireHelp)),
            );
        }
        for (level, condition) in c.score.iter().flat_map(|s| &s.levels) {
            let Some(span) = condition.at else {
                continue;
            };
            if !seen.levels.contains(level) && !said(span, "W0261") && !said(span, "W0260") {
                out.push(
                    Diagnostic::warning("W0272", span, say!(LevelUnreached, level.to_string()))
                        .with_help(say!(LevelUnreachedHelp)),
                );
            }
        }
    }
    // A theme that can never pass: each of its criteria is idle too, and
    // saying so would say nothing more.
    let mut hopeless = Vec::new();
    for theme in &framework.themes {
        if themes::can_pass(&space, &theme.id) != Some(false) {
            continue;
        }
        hopeless.push(theme.id.as_str());
        if let Some(at) = theme.at {
            out.push(
                Diagnostic::warning("W0273", at, say!(ThemeNeverPasses, theme.id.clone()))
                    .with_help(say!(ThemeNeverPassesHelp)),
            );
        }
    }
    for c in idle(framework, as_of, &out) {
        let Some(criterion) = framework.criteria.get(c) else {
            continue;
        };
        let (Some(at), Some(theme)) =
            (criterion.at, framework.themes.get(criterion.theme as usize))
        else {
            continue;
        };
        if hopeless.contains(&theme.id.as_str()) {
            continue;
        }
        out.push(
            Diagnostic::warning(
                "W0274",
                at,
                say!(NeverTurnsTheme, criterion.id.clone(), theme.id.clone()),
            )
            .with_help(say!(NeverTurnsThemeHelp)),
        );
    }
    out
}

/// The most criteria a framework may have for [`idle`] to look at each:
/// it compares the framework with itself once per criterion.
const MAX_IDLE_CRITERIA: usize = 500;

/// The criteria of the framework's own file whose result never changes
/// whether their theme passes: with the criterion forced to pass in one
/// copy of the framework and to fail in the other, the theme passes alike
/// for every evidence. Criteria already warned about (`said`) and themes
/// the analysis cannot decide are left alone.
fn idle(framework: &Framework, as_of: Date, said: &Diagnostics) -> Vec<usize> {
    if framework.criteria.len() > MAX_IDLE_CRITERIA {
        return Vec::new();
    }
    let mut copies = [framework.clone(), framework.clone()];
    let mut constants: [ExprId; 2] = [0; 2];
    for ((copy, constant), holds) in copies.iter_mut().zip(&mut constants).zip([true, false]) {
        let Ok(id) = ExprId::try_from(copy.exprs.len()) else {
            return Vec::new();
        };
        copy.exprs.push(Op::Const(Value::Bool(holds)));
        copy.fused.push(Op::Const(Value::Bool(holds)));
        *constant = id;
    }
    let mut out = Vec::new();
    for (i, c) in framework.criteria.iter().enumerate() {
        let Some(at) = c.at else {
            continue;
        };
        if said.iter().any(|d| d.span == at) {
            continue;
        }
        let Some(theme) = framework.themes.get(c.theme as usize) else {
            continue;
        };
        for (copy, constant) in copies.iter_mut().zip(constants) {
            if let Some(cell) = copy.criteria.get_mut(i) {
                *cell = forced(c, constant);
            }
        }
        let [pass, fail] = &copies;
        let space = Space::new(pass, fail, as_of);
        if !themes::differ(&space, &[theme.id.as_str()]) {
            out.push(i);
        }
        for copy in &mut copies {
            if let Some(cell) = copy.criteria.get_mut(i) {
                cell.clone_from(c);
            }
        }
    }
    out
}

/// A criterion that always applies and whose one requirement is the
/// constant `holds`; graded, it reaches its top level when it holds.
fn forced(c: &CompiledCriterion, holds: ExprId) -> CompiledCriterion {
    let condition = Condition {
        expr: holds,
        at: None,
        notation: String::new(),
        conjuncts: Vec::new(),
    };
    let mut forced = c.clone();
    forced.applies = None;
    forced.requirements = vec![Requirement {
        condition: condition.clone(),
        message: None,
    }];
    forced.own_requirements = 1;
    if let Some(score) = &mut forced.score {
        score.levels = vec![(score.max, condition)];
    }
    forced
}

/// What every combination of a criterion's evidence showed.
struct Seen {
    /// It passed for some evidence.
    passes: bool,
    /// It applied for some evidence.
    applies: bool,
    /// Wherever it applied with all its evidence supplied, it passed (and
    /// such evidence exists).
    always: bool,
    read_nothing: bool,
    /// The levels it reached while passing.
    levels: BTreeSet<u64>,
    /// For each `require`: another that implies it (it holds wherever
    /// that one does), the first such.
    implied: Vec<Option<usize>>,
}

/// Every combination of the representatives of what the criterion reads,
/// judged; `None` when it is outside the fragment or has too many.
fn enumerate(
    space: &Space<'_>,
    probe: &mut Probe<'_, '_>,
    c: &CompiledCriterion,
    index: u32,
) -> Option<Seen> {
    let facts = space.facts(NEW, index)?;
    if !facts.exact() {
        return None;
    }
    let slots: Vec<usize> = facts.reads.iter().map(|u| *u as usize).collect();
    let mut combinations = Combinations::new(space, &slots, MAX_COMBINATIONS)?;
    space.spend(space.count(&slots)).ok()?;
    let n = c.requirements.len();
    // implies[j][k]: require j has held only where require k held too.
    let mut implies = vec![vec![true; n]; n];
    let mut held = vec![false; n];
    let mut seen = Seen {
        passes: false,
        applies: false,
        always: true,
        read_nothing: slots.is_empty(),
        levels: BTreeSet::new(),
        implied: vec![None; n],
    };
    let mut any_supplied = false;
    let mut rulings = Vec::new();
    let mut truths = Vec::with_capacity(n);
    while let Some((digits, changed)) = combinations.next() {
        for (u, rep) in slots.iter().zip(digits).take(changed) {
            probe.set(*u, *rep);
        }
        probe.judge(NEW, &[index], &mut rulings);
        let Some(ruling) = rulings.first() else {
            continue;
        };
        let supplied = digits.iter().all(|d| *d != 0);
        seen.passes |= ruling.status == Status::Pass;
        seen.applies |= ruling.status != Status::NotApplicable;
        if ruling.status == Status::Pass {
            seen.levels.extend(ruling.level);
        }
        if supplied && ruling.status != Status::NotApplicable {
            any_supplied = true;
            seen.always &= ruling.status == Status::Pass;
        }
        truths.clear();
        truths.extend(
            c.requirements
                .iter()
                .map(|r| probe.truth(NEW, r.condition.expr) == Some(true)),
        );
        for (j, row) in implies.iter_mut().enumerate() {
            if truths.get(j) != Some(&true) {
                continue;
            }
            if let Some(h) = held.get_mut(j) {
                *h = true;
            }
            for (k, cell) in row.iter_mut().enumerate() {
                *cell &= truths.get(k) == Some(&true);
            }
        }
    }
    for u in &slots {
        probe.set(*u, space.baseline.get(*u).copied().unwrap_or(0));
    }
    seen.always &= any_supplied;
    // Require k is implied by an earlier one, or by a later one that it
    // does not imply in turn (of two that hold together, the later is
    // the one to remove).
    for (k, cell) in seen.implied.iter_mut().enumerate() {
        *cell = (0..n).find(|&j| {
            let jk = implies
                .get(j)
                .and_then(|r| r.get(k))
                .copied()
                .unwrap_or(false);
            let kj = implies
                .get(k)
                .and_then(|r| r.get(j))
                .copied()
                .unwrap_or(false);
            j != k && held.get(j).copied().unwrap_or(false) && jk && (j < k || !kj)
        });
    }
    Some(seen)
}
