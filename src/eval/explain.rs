//! Gap explanations: for every requirement that did not pass, which evidence
//! it reads, what it requires, what was found, and the author's message.

use super::{Evaluator, Val};
use crate::check::{Language, MessagePart};
use crate::compile::{CompiledCriterion, Condition, Conjunct, Op, Reads, SlotId, Subject, Test};
use crate::evidence::Supplied;
use crate::outcome::{Gap, GapKind, PlainGap};
use crate::value::{self, format_number, format_percent, Type, Value};
use crate::verbalise::Verbaliser;
use crate::words::{fill as fill_template, words, Words};

/// How values are written: as in the result document (`2025-06-02`,
/// `[a, b]`, `missing`), or as a language writes them for people
/// (`2 juni 2025`, `a en b`, `geen`).
#[derive(Clone, Copy)]
enum Style {
    Result,
    People(&'static Words),
}

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
            gap.plain.message = Some(fill_plain(ev, parts, language));
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
                let whole: String =
                    Verbaliser::plain(ev.framework, language).condition(condition.expr);
                gap.plain.norm = fill_template(
                    words(language).level_norm,
                    &[
                        ("level", &l.to_string()),
                        ("max", &score.max.to_string()),
                        ("condition", &whole),
                    ],
                );
                gap.plain.message = None;
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
    let w = words(language);
    let whole: String = Verbaliser::plain(ev.framework, language).condition(condition.expr);
    gap.plain.norm = fill_template(w.applies_if, &[("condition", &whole)]);
    let missing = missing_labels(ev, &reads.slots);
    gap.plain.message = Some(fill_template(
        w.applies_unknown,
        &[("subjects", &labels(&missing, reads.more, w))],
    ));
    gap
}

/// A piece of evidence as people know it: `«label»`.
fn label(ev: &Evaluator<'_>, slot: SlotId) -> String {
    Verbaliser::plain(ev.framework, ev.framework.language).evidence(slot)
}

/// The labels of the evidence among `slots` that was not supplied.
fn missing_labels(ev: &Evaluator<'_>, slots: &[SlotId]) -> Vec<String> {
    slots
        .iter()
        .filter(|s| ev.supplied(**s).is_none())
        .map(|s| label(ev, *s))
        .collect()
}

/// Marks the gaps whose evidence was supplied but not verified, at an
/// audit that requires verified evidence: they name what to have
/// verified instead of asking for it to be supplied.
pub(super) fn unverified(ev: &Evaluator<'_>, gaps: &mut [Gap], language: Language) {
    let w = words(language);
    for gap in gaps.iter_mut() {
        // A failed gap too: `present(...)` of a value nobody verified fails.
        let slots: Vec<SlotId> = gap
            .evidence
            .iter()
            .filter_map(|p| ev.framework.slot_by_path.get(p).copied())
            .filter(|s| ev.unverified(*s))
            .collect();
        if slots.is_empty() {
            continue;
        }
        let names: Vec<String> = slots.iter().map(|s| label(ev, *s)).collect();
        let sentence = crate::words::plural(
            &w.not_verified,
            names.len(),
            &[("subjects", &w.list(&names))],
        );
        gap.kind = GapKind::Unverified;
        gap.message.clone_from(&sentence);
        gap.plain.message = Some(sentence);
    }
}

/// Labels as a list, "and more" when the list is cut.
fn labels(items: &[String], more: bool, w: &Words) -> String {
    let list = w.list(items);
    if more {
        format!("{list} {}", w.and_more)
    } else {
        list
    }
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
        [single] => (
            single.expected.clone(),
            actual(ev, single, language, Style::Result),
        ),
        // Several operands: each whole, as written, so that the text reads
        // (and parses) as the part of the condition that did not hold.
        _ => (
            shown
                .iter()
                .map(|c| c.notation.as_str())
                .collect::<Vec<_>>()
                .join(" and "),
            listing(ev, &reads, language, Style::Result),
        ),
    };
    let message = default_message(language, kind, &expected, &actual, &evidence, reads.more);
    let plain = plain_gap(ev, &shown, &reads, kind, language);
    Gap {
        evidence,
        expected,
        actual,
        message,
        kind,
        plain,
    }
}

/// The gap of the `and` operands shown, in plain words: the norm read
/// aloud, what was found, and for missing evidence which to supply.
fn plain_gap(
    ev: &Evaluator<'_>,
    shown: &[&Conjunct],
    reads: &Reads,
    kind: GapKind,
    language: Language,
) -> PlainGap {
    let w = words(language);
    let mut verbaliser = Verbaliser::plain(ev.framework, language);
    let norms: Vec<String> = shown
        .iter()
        .map(|c| verbaliser.condition::<String>(c.expr))
        .collect();
    let found = match shown {
        [single] => actual(ev, single, language, Style::People(w)),
        _ => listing(ev, reads, language, Style::People(w)),
    };
    let evidence: Vec<String> = reads.slots.iter().map(|s| label(ev, *s)).collect();
    let message = (kind == GapKind::Missing).then(|| {
        let missing = missing_labels(ev, &reads.slots);
        let subjects = if missing.is_empty() {
            &evidence
        } else {
            &missing
        };
        fill_template(
            w.still_to_supply,
            &[("subjects", &labels(subjects, reads.more, w))],
        )
    });
    PlainGap {
        message,
        norm: w.list(&norms),
        found,
        evidence,
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

fn actual(ev: &Evaluator<'_>, conjunct: &Conjunct, language: Language, style: Style) -> String {
    let one = |slot: SlotId| slot_text(ev, slot, style).unwrap_or_else(|| missing(style));
    let shown = match &conjunct.subject {
        Subject::Value(expr, ty) => match ev.value(*expr) {
            Some(Val::Date(d)) if d > ev.as_of && is_window(ev, conjunct) => {
                // The contract: a date after the as-of date fails its window
                // and is reported as such, not as if it were too old.
                let (date, as_of) = match style {
                    Style::Result => (d.to_string(), ev.as_of.to_string()),
                    Style::People(w) => (w.date(d), w.date(ev.as_of)),
                };
                fill_template(
                    words(language).after_as_of,
                    &[("date", &date), ("as_of", &as_of)],
                )
            }
            Some(v) => show(v, ty, style),
            None => match conjunct.reads.slots.as_slice() {
                [slot] if !conjunct.reads.more => one(*slot),
                _ => listing(ev, &conjunct.reads, language, style),
            },
        },
        Subject::Evidence => match conjunct.reads.slots.as_slice() {
            [slot] if !conjunct.reads.more => one(*slot),
            _ => listing(ev, &conjunct.reads, language, style),
        },
    };
    visible(shown, style)
}

/// What is written for a value not supplied.
fn missing(style: Style) -> String {
    match style {
        Style::Result => MISSING.to_string(),
        Style::People(w) => w.found_none.to_string(),
    }
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
fn visible(shown: String, style: Style) -> String {
    match style {
        _ if !shown.trim().is_empty() => shown,
        Style::Result => format!("{shown:?}"),
        Style::People(w) => w.quote(&shown),
    }
}

/// `path = value, path = missing` (for people `«label»: value`), and "and
/// more" when the condition reads more evidence than a gap lists.
fn listing(ev: &Evaluator<'_>, reads: &Reads, language: Language, style: Style) -> String {
    let items: Vec<String> = reads
        .slots
        .iter()
        .filter_map(|s| {
            let path = &ev.framework.slots.get(*s as usize)?.path;
            let shown = visible(
                slot_text(ev, *s, style).unwrap_or_else(|| missing(style)),
                style,
            );
            Some(match style {
                Style::Result => format!("{path} = {shown}"),
                Style::People(_) => format!("{}: {shown}", label(ev, *s)),
            })
        })
        .collect();
    match style {
        Style::Result => names(&items, reads.more, language),
        Style::People(w) => labels(&items, reads.more, w),
    }
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
fn slot_text(ev: &Evaluator<'_>, slot: SlotId, style: Style) -> Option<String> {
    let decl = ev.framework.slots.get(slot as usize)?;
    let format = |v: &Value, ty: &Type| match style {
        Style::Result => value::format_value(v, ty),
        Style::People(w) => w.value(v, ty),
    };
    match ev.supplied(slot)? {
        Supplied::One(v) => Some(format(v, &decl.ty)),
        Supplied::Many(items) => {
            let element = match &decl.ty {
                Type::List(e) => e.as_ref(),
                other => other,
            };
            let shown: Vec<String> = items.iter().map(|v| format(v, element)).collect();
            Some(match style {
                Style::Result => format!("[{}]", shown.join(", ")),
                Style::People(w) if shown.is_empty() => w.found_none.to_string(),
                Style::People(w) => w.list(&shown),
            })
        }
    }
}

fn show(v: Val<'_>, ty: &Type, style: Style) -> String {
    let number = |n, percent: bool| match (style, percent) {
        (Style::Result, true) => format_percent(n),
        (Style::Result, false) => format_number(n),
        (Style::People(w), true) => w.percent(n),
        (Style::People(w), false) => w.number(n),
    };
    match (v, ty) {
        (Val::Num(n), Type::Percent) => number(n, true),
        (Val::Num(n), _) => number(n, false),
        // Shown rounded; it was compared exactly.
        (Val::Frac(f), Type::Percent) => f
            .approximate()
            .map_or_else(String::new, |n| number(n.round_dp(6), true)),
        (Val::Frac(f), _) => f
            .approximate()
            .map_or_else(String::new, |n| number(n.round_dp(4), false)),
        (Val::Bool(b), _) => match style {
            Style::Result => b.to_string(),
            Style::People(w) => (if b { w.yes } else { w.no }).to_string(),
        },
        (Val::Date(d), _) => match style {
            Style::Result => d.to_string(),
            Style::People(w) => w.date(d),
        },
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
                out.push_str(
                    &slot_text(ev, slot, Style::Result).unwrap_or_else(|| missing.to_string()),
                );
            }
        }
    }
    out
}

/// A message for people: its values as the framework's language writes
/// them (`2 juni 2025`, `gemeente en politie`). A value that was not
/// supplied never lands inside the author's sentence: the message is then
/// kader's sentence that it was not filled in, in the report's language.
fn fill_plain(ev: &Evaluator<'_>, parts: &[MessagePart], language: Language) -> String {
    let style = Style::People(words(ev.framework.language));
    let slot_of = |slot: &usize| u32::try_from(*slot).unwrap_or(u32::MAX);
    let mut unfilled: Vec<String> = Vec::new();
    let mut out = String::new();
    for part in parts {
        match part {
            MessagePart::Literal(text) => out.push_str(text),
            MessagePart::Slot(slot) => match slot_text(ev, slot_of(slot), style) {
                Some(text) => out.push_str(&text),
                None => {
                    let name = label(ev, slot_of(slot));
                    if !unfilled.contains(&name) {
                        unfilled.push(name);
                    }
                }
            },
        }
    }
    if unfilled.is_empty() {
        return out;
    }
    let w = words(language);
    fill_template(w.not_filled_in, &[("subject", &w.list(&unfilled))])
}
