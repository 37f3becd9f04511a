//! Gap explanations: for every requirement that did not pass, which evidence
//! it reads, what it requires, what was found, and the author's message.

use super::{Evaluator, Val};
use crate::check::{Language, MessagePart};
use crate::compile::{CompiledCriterion, Condition, Conjunct, Op, Reads, SlotId, Subject, Test};
use crate::evidence::Supplied;
use crate::outcome::{Gap, GapKind};
use crate::value::{self, format_number, format_percent, Type};
use crate::words::{fill as fill_template, words};

/// What results say for a value that was not supplied.
pub(crate) const MISSING: &str = "missing";

/// The gaps of a criterion that did not pass, with kader's own words in
/// `language` (author messages keep the framework's language).
pub(super) fn gaps(
    ev: &Evaluator<'_>,
    c: &CompiledCriterion,
    applies: Option<bool>,
    requirements: &[Option<bool>],
    level: Option<Option<u64>>,
    language: Language,
) -> Vec<Gap> {
    let mut gaps = Vec::new();
    if applies.is_none() {
        if let Some(condition) = &c.applies {
            gaps.push(applicability_gap(ev, condition, language));
        }
    }
    for (requirement, truth) in c.requirements.iter().zip(requirements) {
        if *truth == Some(true) {
            continue;
        }
        let kind = if *truth == Some(false) {
            GapKind::Failed
        } else {
            GapKind::Missing
        };
        let mut gap = condition_gap(ev, &requirement.condition, kind, language);
        if let Some(parts) = &requirement.message {
            gap.message = fill(ev, parts);
        }
        gaps.push(gap);
    }
    // A graded criterion that reached level 0, or whose level is unknown:
    // explain the lowest level that would pass.
    if let (Some(score), Some(reached)) = (&c.score, level) {
        if matches!(reached, None | Some(0)) {
            let lowest_passing = score
                .levels
                .iter()
                .filter(|(l, _)| *l > 0)
                .min_by_key(|(l, _)| *l);
            if let Some((l, condition)) = lowest_passing {
                let kind = if reached.is_none() {
                    GapKind::Missing
                } else {
                    GapKind::Failed
                };
                let mut gap = condition_gap(ev, condition, kind, language);
                gap.message = fill_template(
                    words(language).level_needs,
                    &[
                        ("level", &l.to_string()),
                        ("max", &score.max.to_string()),
                        ("condition", &condition.notation),
                        ("found", &found_sentence(&gap, language)),
                    ],
                );
                gaps.push(gap);
            }
        }
    }
    gaps
}

fn found_sentence(gap: &Gap, language: Language) -> String {
    let w = words(language);
    if gap.actual == MISSING {
        w.found_nothing.to_string()
    } else {
        fill_template(w.found_value, &[("actual", &gap.actual)])
    }
}

fn applicability_gap(ev: &Evaluator<'_>, condition: &Condition, language: Language) -> Gap {
    let mut gap = condition_gap(ev, condition, GapKind::Applicability, language);
    gap.expected = format!("applies when {}", condition.notation);
    let missing: Vec<String> = gap
        .evidence
        .iter()
        .filter(|p| is_missing(ev, p))
        .cloned()
        .collect();
    let (_, reads) = shown(ev, condition);
    gap.message = fill_template(
        words(language).applicability_unknown,
        &[("paths", &names(&missing, reads.more, language))],
    );
    gap
}

/// Whether a declared evidence path was not supplied.
pub(super) fn is_missing(ev: &Evaluator<'_>, path: &str) -> bool {
    ev.framework
        .slot_by_path
        .get(path)
        .is_none_or(|s| ev.supplied(*s).is_none())
}

/// The `and` operands of a condition that a gap shows (those that did not
/// pass, or all of them), and the evidence they read.
fn shown<'c>(ev: &Evaluator<'_>, condition: &'c Condition) -> (Vec<&'c Conjunct>, Reads) {
    let open: Vec<&Conjunct> = condition
        .conjuncts
        .iter()
        .filter(|c| ev.truth(c.expr) != Some(true))
        .collect();
    let shown: Vec<&Conjunct> = if open.is_empty() {
        condition.conjuncts.iter().collect()
    } else {
        open
    };
    let mut reads = Reads::default();
    for conjunct in &shown {
        reads.extend(&conjunct.reads);
    }
    (shown, reads)
}

/// The gap of one condition: narrowed to the `and` operands that did not pass.
fn condition_gap(
    ev: &Evaluator<'_>,
    condition: &Condition,
    kind: GapKind,
    language: Language,
) -> Gap {
    let (shown, reads) = shown(ev, condition);
    let evidence: Vec<String> = reads
        .slots
        .iter()
        .filter_map(|s| {
            ev.framework
                .slots
                .get(*s as usize)
                .map(|slot| slot.path.clone())
        })
        .collect();
    let (expected, actual) = match shown.as_slice() {
        [single] => (single.expected.clone(), actual(ev, single, language)),
        // Several operands: each whole, as written, so that the text reads
        // (and parses) as the part of the condition that did not hold.
        _ => (
            shown
                .iter()
                .map(|c| c.notation.as_str())
                .collect::<Vec<_>>()
                .join(" and "),
            listing(ev, &reads, language),
        ),
    };
    let message = default_message(language, kind, &expected, &actual, &evidence, reads.more);
    Gap {
        evidence,
        expected,
        actual,
        message,
        kind,
    }
}

fn default_message(
    language: Language,
    kind: GapKind,
    expected: &str,
    actual: &str,
    evidence: &[String],
    more: bool,
) -> String {
    let w = words(language);
    match kind {
        GapKind::Missing => fill_template(
            w.missing_evidence,
            &[("paths", &names(evidence, more, language))],
        ),
        _ => fill_template(
            w.required_found,
            &[("expected", expected), ("actual", actual)],
        ),
    }
}

fn actual(ev: &Evaluator<'_>, conjunct: &Conjunct, language: Language) -> String {
    let shown = match &conjunct.subject {
        Subject::Value(expr, ty) => match ev.value(*expr) {
            Some(Val::Date(d)) if d > ev.as_of && is_window(ev, conjunct) => {
                // The contract: a date after the as-of date fails its window
                // and is reported as such, not as if it were too old.
                fill_template(
                    words(language).after_as_of,
                    &[("date", &d.to_string()), ("as_of", &ev.as_of.to_string())],
                )
            }
            Some(v) => show(v, ty),
            None => match conjunct.reads.slots.as_slice() {
                [slot] if !conjunct.reads.more => {
                    slot_text(ev, *slot).unwrap_or_else(|| MISSING.to_string())
                }
                _ => listing(ev, &conjunct.reads, language),
            },
        },
        Subject::Evidence => match conjunct.reads.slots.as_slice() {
            [slot] if !conjunct.reads.more => {
                slot_text(ev, *slot).unwrap_or_else(|| MISSING.to_string())
            }
            _ => listing(ev, &conjunct.reads, language),
        },
    };
    visible(shown)
}

/// Whether the conjunct is a `within` window on its subject.
fn is_window(ev: &Evaluator<'_>, conjunct: &Conjunct) -> bool {
    matches!(
        ev.framework.exprs.get(conjunct.expr as usize),
        Some(Op::Test(_, Test::Within(_)))
    )
}

/// A blank text found (`""`, `"   "`) is shown quoted: printed bare, the
/// value found would look like nothing at all.
fn visible(shown: String) -> String {
    if shown.trim().is_empty() {
        format!("{shown:?}")
    } else {
        shown
    }
}

/// `path = value, path = missing`, and "and more" when the condition reads
/// more evidence than a gap lists.
fn listing(ev: &Evaluator<'_>, reads: &Reads, language: Language) -> String {
    let items: Vec<String> = reads
        .slots
        .iter()
        .filter_map(|s| {
            let path = &ev.framework.slots.get(*s as usize)?.path;
            let shown = visible(slot_text(ev, *s).unwrap_or_else(|| MISSING.to_string()));
            Some(format!("{path} = {shown}"))
        })
        .collect();
    names(&items, reads.more, language)
}

/// Items joined with commas, ending in "and more" when the list is cut.
fn names(items: &[String], more: bool, language: Language) -> String {
    let joined = items.join(", ");
    if more {
        format!("{joined} {}", words(language).and_more)
    } else {
        joined
    }
}

/// The supplied value of a slot as people read it; `None` when missing.
fn slot_text(ev: &Evaluator<'_>, slot: SlotId) -> Option<String> {
    let decl = ev.framework.slots.get(slot as usize)?;
    match ev.supplied(slot)? {
        Supplied::One(v) => Some(value::format_value(v, &decl.ty)),
        Supplied::Many(items) => {
            let element = match &decl.ty {
                Type::List(e) => e.as_ref(),
                other => other,
            };
            let shown: Vec<String> = items
                .iter()
                .map(|v| value::format_value(v, element))
                .collect();
            Some(format!("[{}]", shown.join(", ")))
        }
    }
}

fn show(v: Val<'_>, ty: &Type) -> String {
    match (v, ty) {
        (Val::Num(n), Type::Percent) => format_percent(n),
        (Val::Num(n), _) => format_number(n),
        // Shown rounded; it was compared exactly.
        (Val::Frac(f), Type::Percent) => f
            .approximate()
            .map_or_else(String::new, |n| format_percent(n.round_dp(6))),
        (Val::Frac(f), _) => f
            .approximate()
            .map_or_else(String::new, |n| format_number(n.round_dp(4))),
        (Val::Bool(b), _) => b.to_string(),
        (Val::Date(d), _) => d.to_string(),
        (Val::Text(t), _) => t.to_string(),
        (Val::Member(m), Type::Enum(members)) => {
            members.get(usize::from(m)).cloned().unwrap_or_default()
        }
        (Val::Member(m), _) => m.to_string(),
    }
}

/// Fills a message's placeholders with the values found. The message is
/// author text, so a missing value is named in the framework's language,
/// whatever the report's language.
fn fill(ev: &Evaluator<'_>, parts: &[MessagePart]) -> String {
    let missing = words(ev.framework.language).missing;
    let mut out = String::new();
    for part in parts {
        match part {
            MessagePart::Literal(text) => out.push_str(text),
            MessagePart::Slot(slot) => {
                let slot = u32::try_from(*slot).unwrap_or(u32::MAX);
                out.push_str(&slot_text(ev, slot).unwrap_or_else(|| missing.to_string()));
            }
        }
    }
    out
}
