//! The calendar of lapses for people and programs: one location's
//! document (what changes when, the themes, and the verdict and themes
//! over the certificate's validity as a timeline), the overview of
//! several (what lapses within 3, 6 and 12 months per location and per
//! partner), and the JSON line of each.

use jiff::civil::Date;
use rust_decimal::Decimal;

use super::{
    location_details, location_title, stage_word, status_tone, status_word, verdict_tone,
    verdict_word,
};
use crate::calendar::{Calendar, Cause, CriterionLapse, Standing, HORIZON_YEARS};
use crate::compile::Framework;
use crate::eval::Stage;
use crate::layout::{
    column, numeric, section_heading as heading, table, text, Block, Cell, Document, Inline, Lane,
    Stretch, Timeline, Tone,
};
use crate::outcome::{Status, Verdict};
use crate::terms::Language;
use crate::value;
use crate::words::{cap, fill, plural, words, Words};

/// The periods of the overview, in months from each location's as-of
/// date.
pub(crate) const WITHIN_MONTHS: [u32; 3] = [3, 6, 12];

/// One location's calendar as one line of JSON: `location`, `as_of`,
/// each criterion's `lapses_on`, each theme's `changes_on`, and
/// `verdict_changes_on` (`null`: not within the horizon).
pub(crate) fn json_line(c: &Calendar) -> String {
    let date = |d: Option<Date>| d.map(|d| d.to_string());
    let value = serde_json::json!({
        "location": c.location.id,
        "as_of": c.as_of.to_string(),
        "criteria": c.criteria.iter().map(|l| serde_json::json!({
            "id": l.id,
            "lapses_on": date(l.changes.as_ref().map(|ch| ch.on)),
        })).collect::<Vec<_>>(),
        "themes": c.themes.iter().map(|t| serde_json::json!({
            "id": t.id,
            "changes_on": date(t.changes.as_ref().map(|ch| ch.on)),
        })).collect::<Vec<_>>(),
        "verdict_changes_on": date(c.verdict_changes.as_ref().map(|ch| ch.on)),
    });
    value.to_string()
}

/// A criterion's standing in words: its status, with its level when
/// graded and passing.
pub(crate) fn standing_word(s: Standing, stage: Stage, w: &Words) -> String {
    let status = status_word(s.status, Some(stage), w);
    match (s.status, s.level) {
        (Status::Pass, Some(level)) => fill(
            w.calendar_at_level,
            &[("status", status), ("level", &level.to_string())],
        ),
        _ => status.to_string(),
    }
}

/// A verdict in a sentence: in small letters.
pub(crate) fn verdict_in_sentence(v: Verdict, stage: Stage, w: &Words) -> String {
    verdict_word(v, Some(stage), w).to_lowercase()
}

/// Why a criterion changes, in the evidence's own labels.
pub(crate) fn because_words(framework: &Framework, lapse: &CriterionLapse, w: &Words) -> String {
    let words: Vec<String> = lapse
        .because
        .iter()
        .map(|c| match c {
            Cause::Evidence(path) => framework.evidence_label(path).unwrap_or(path).to_string(),
            Cause::Exception => w.calendar_exception.to_string(),
        })
        .collect();
    w.list(&words)
}

/// A criterion as people name it: its id and title.
pub(crate) fn criterion_name(framework: &Framework, id: &str) -> String {
    match framework.criteria.iter().find(|c| c.id == id) {
        Some(c) => format!("{} {}", c.id, c.title),
        None => id.to_string(),
    }
}

/// Whether a criterion lapses: it passes now and differs later.
fn lapse_day(l: &CriterionLapse) -> Option<Date> {
    match (l.now.status, &l.changes) {
        (Status::Pass, Some(ch)) => Some(ch.on),
        _ => None,
    }
}

/// One location's calendar as a document.
pub(crate) fn document(framework: &Framework, c: &Calendar, language: Language) -> Document {
    let w = words(language);
    let years = HORIZON_YEARS.to_string();
    let (stage, _) = stage_word(c.stage, w);
    let mut meta = format!(
        "{} · {} {} · {stage}",
        location_details(&c.location),
        w.as_of,
        w.date(c.as_of)
    );
    if let Some(until) = c.valid_until {
        meta.push_str(&format!(" · {} {}", w.valid_until, w.date(until)));
    }
    let mut blocks = vec![
        Block::Meta(vec![text(meta)]),
        Block::Paragraph(vec![text(w.calendar_intro)]),
    ];
    blocks.push(Block::Paragraph(vec![Inline::Verdict {
        label: w.verdict.to_string(),
        tone: verdict_tone(c.verdict),
        text: verdict_word(c.verdict, Some(c.stage), w).to_string(),
    }]));
    let verdict = vec![text(match &c.verdict_changes {
        Some(ch) => fill(
            w.calendar_verdict_changes,
            &[
                ("date", &w.date(ch.on)),
                ("verdict", &verdict_in_sentence(ch.becomes, c.stage, w)),
            ],
        ),
        None => fill(w.calendar_verdict_stays, &[("years", &years)]),
    })];
    blocks.push(Block::Paragraph(verdict));
    if let Some(t) = timeline(c, framework, w) {
        blocks.push(Block::Timeline(t));
    }
    blocks.push(Block::Section(changes(framework, c, language)));
    blocks.push(Block::Section(themes(framework, c, w)));
    Document {
        title: format!("{} — {}", w.calendar_title, location_title(&c.location)),
        language,
        kind: "calendar",
        wide: false,
        blocks,
    }
}

/// Every criterion that changes, by date.
fn changes(framework: &Framework, c: &Calendar, language: Language) -> Vec<Block> {
    let w = words(language);
    let mut changing: Vec<(&CriterionLapse, Date, Standing)> = c
        .criteria
        .iter()
        .filter_map(|l| l.changes.as_ref().map(|ch| (l, ch.on, ch.becomes)))
        .collect();
    changing.sort_by_key(|(_, on, _)| *on);
    let mut blocks = vec![heading(w.calendar_changes)];
    if changing.is_empty() {
        blocks.push(Block::Paragraph(vec![text(fill(
            w.calendar_nothing_changes,
            &[("years", &HORIZON_YEARS.to_string())],
        ))]));
        return blocks;
    }
    let rows = changing
        .iter()
        .map(|(l, on, then)| {
            vec![
                Cell {
                    nowrap: true,
                    ..Cell::text(w.date(*on))
                },
                Cell::text(criterion_name(framework, &l.id)),
                Cell::text(framework.partner_name(&l.owner, language)),
                Cell::text(standing_word(l.now, c.stage, w)).tone(status_tone(l.now.status)),
                Cell::text(standing_word(*then, c.stage, w)).tone(status_tone(then.status)),
                Cell::text(because_words(framework, l, w)),
            ]
        })
        .collect();
    // Six columns: in smaller print, so that the table fits an A4 page.
    blocks.push(Block::Table(crate::layout::Table {
        columns: vec![
            column(w.calendar_date),
            column(w.criterion),
            column(cap(w.owner)),
            column(w.calendar_now),
            column(w.calendar_then),
            column(w.calendar_because),
        ],
        rows,
        compact: true,
    }));
    blocks
}

/// Each theme: its status now, when it changes and to what.
fn themes(framework: &Framework, c: &Calendar, w: &Words) -> Vec<Block> {
    let never = fill(w.calendar_never, &[("years", &HORIZON_YEARS.to_string())]);
    let rows = c
        .themes
        .iter()
        .map(|t| {
            let title = framework
                .themes
                .iter()
                .find(|x| x.id == t.id)
                .map_or(t.id.as_str(), |x| x.title.as_str());
            let (on, then) = match &t.changes {
                Some(ch) => (
                    w.date(ch.on),
                    Cell::text(status_word(ch.becomes, Some(c.stage), w))
                        .tone(status_tone(ch.becomes)),
                ),
                None => (never.clone(), Cell::text("")),
            };
            vec![
                Cell::text(title),
                Cell::text(status_word(t.now, Some(c.stage), w)).tone(status_tone(t.now)),
                Cell {
                    nowrap: true,
                    ..Cell::text(on)
                },
                then,
            ]
        })
        .collect();
    vec![
        heading(w.themes),
        table(
            vec![
                column(w.theme),
                column(w.calendar_now),
                column(w.calendar_changes_on),
                column(w.calendar_then),
            ],
            rows,
        ),
    ]
}

/// The verdict and the themes over the certificate's validity (or, for
/// a location not certified, as long as a certificate would run): each a
/// lane of stretches.
fn timeline(c: &Calendar, framework: &Framework, w: &Words) -> Option<Timeline> {
    let end = match (c.valid_until, framework.validity) {
        (Some(until), _) => until,
        (None, Some(p)) => value::add(c.as_of, p)?,
        (None, None) => return None,
    }
    .min(c.until);
    let days = c.as_of.until(end).ok()?.get_days();
    let total = Decimal::from(days) + Decimal::ONE;
    let share = |d: Date| -> Decimal {
        let n = c.as_of.until(d).map_or(0, |s| s.get_days());
        (Decimal::from(n) / total).min(Decimal::ONE)
    };
    // The stretches that start by `end`, each up to the next.
    let shown: Vec<&crate::calendar::Stretch> =
        c.timeline.iter().filter(|s| s.from <= end).collect();
    let bounds: Vec<(Date, Date)> = shown
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let last = shown
                .get(i + 1)
                .and_then(|n| n.from.yesterday().ok())
                .unwrap_or(end);
            (s.from, last)
        })
        .collect();
    let stretch = |(from, last): (Date, Date), tone: Tone, what: &str| Stretch {
        from: share(from),
        to: share(last.tomorrow().unwrap_or(last)),
        tone,
        hint: fill(
            w.calendar_stretch,
            &[
                ("what", what),
                ("from", &w.date(from)),
                ("to", &w.date(last)),
            ],
        ),
    };
    let mut lanes = vec![Lane {
        label: w.verdict.to_string(),
        stretches: shown
            .iter()
            .zip(&bounds)
            .map(|(s, b)| {
                stretch(
                    *b,
                    verdict_tone(s.verdict),
                    &verdict_in_sentence(s.verdict, c.stage, w),
                )
            })
            .collect(),
    }];
    for (i, theme) in framework.themes.iter().enumerate() {
        lanes.push(Lane {
            label: theme.title.clone(),
            stretches: shown
                .iter()
                .zip(&bounds)
                .filter_map(|(s, b)| {
                    let status = *s.themes.get(i)?;
                    Some(stretch(
                        *b,
                        status_tone(status),
                        status_word(status, Some(c.stage), w),
                    ))
                })
                .collect(),
        });
    }
    let mut ticks = Vec::new();
    for year in 0..=i16::try_from(days / 365).unwrap_or(0) {
        if let Ok(day) = c.as_of.checked_add(jiff::Span::new().years(year)) {
            if day <= end {
                ticks.push((share(day), w.date(day)));
            }
        }
    }
    Some(Timeline {
        caption: fill(
            w.calendar_timeline,
            &[("from", &w.date(c.as_of)), ("to", &w.date(end))],
        ),
        lanes,
        ticks,
        legend: vec![
            (Tone::Pass, w.pass.to_string()),
            (Tone::Fail, w.fail.to_string()),
            (
                Tone::Open,
                status_word(Status::Unknown, Some(c.stage), w).to_string(),
            ),
        ],
    })
}

/// Several locations' calendars as one overview: what lapses within 3,
/// 6 and 12 months of each location's as-of date, by date, and how many
/// per location and per partner.
pub(crate) fn overview(
    framework: &Framework,
    calendars: &[Calendar],
    language: Language,
) -> Document {
    let w = words(language);
    // Each lapse: its bucket, date, location, criterion and what it becomes.
    let mut lapses: Vec<(usize, Date, &Calendar, &CriterionLapse)> = Vec::new();
    for c in calendars {
        let limits: Vec<Option<Date>> = WITHIN_MONTHS
            .iter()
            .map(|m| {
                value::add(
                    c.as_of,
                    crate::terms::Period {
                        amount: *m,
                        unit: crate::terms::Unit::Months,
                    },
                )
            })
            .collect();
        for l in &c.criteria {
            let Some(on) = lapse_day(l) else { continue };
            if let Some(bucket) = limits
                .iter()
                .position(|limit| limit.is_some_and(|x| on <= x))
            {
                lapses.push((bucket, on, c, l));
            }
        }
    }
    lapses.sort_by(|a, b| (a.0, a.1, &a.2.location.id).cmp(&(b.0, b.1, &b.2.location.id)));
    let mut blocks = vec![Block::Meta(vec![text(plural(
        &w.calendar_overview_intro,
        calendars.len(),
        &[("count", &calendars.len().to_string())],
    ))])];
    let mut from = 0;
    for (bucket, months) in WITHIN_MONTHS.iter().enumerate() {
        let title = if bucket == 0 {
            fill(w.calendar_within, &[("months", &months.to_string())])
        } else {
            fill(
                w.calendar_between,
                &[("from", &from.to_string()), ("to", &months.to_string())],
            )
        };
        from = *months;
        let mut section = vec![heading(title)];
        let rows: Vec<Vec<Cell>> = lapses
            .iter()
            .filter(|l| l.0 == bucket)
            .map(|(_, on, c, l)| {
                let then = l.changes.as_ref().map(|ch| ch.becomes).unwrap_or(l.now);
                vec![
                    Cell {
                        nowrap: true,
                        ..Cell::text(w.date(*on))
                    },
                    Cell::text(location_title(&c.location)),
                    Cell::text(criterion_name(framework, &l.id)),
                    Cell::text(framework.partner_name(&l.owner, language)),
                    Cell::text(standing_word(then, c.stage, w)).tone(status_tone(then.status)),
                ]
            })
            .collect();
        if rows.is_empty() {
            section.push(Block::Paragraph(vec![text(w.calendar_none)]));
        } else {
            section.push(table(
                vec![
                    column(w.calendar_date),
                    column(w.location),
                    column(w.criterion),
                    column(cap(w.owner)),
                    column(w.calendar_then),
                ],
                rows,
            ));
        }
        blocks.push(Block::Section(section));
    }
    // Counts within each period: cumulative.
    let counts = |keep: &dyn Fn(&Calendar, &CriterionLapse) -> bool| -> Vec<Cell> {
        (0..WITHIN_MONTHS.len())
            .map(|b| {
                let n = lapses.iter().filter(|l| l.0 <= b && keep(l.2, l.3)).count();
                Cell::text(n.to_string())
            })
            .collect()
    };
    let month_columns = || {
        WITHIN_MONTHS.iter().map(|m| {
            let mut col = numeric(fill(
                w.calendar_months_column,
                &[("months", &m.to_string())],
            ));
            col.hint = Some(fill(w.calendar_months_hint, &[("months", &m.to_string())]));
            col
        })
    };
    let never = fill(w.calendar_never, &[("years", &HORIZON_YEARS.to_string())]);
    let location_rows = calendars
        .iter()
        .map(|c| {
            let mut row = vec![Cell::text(location_title(&c.location))];
            row.extend(counts(&|x, _| std::ptr::eq(x, c)));
            row.push(Cell {
                nowrap: true,
                ..Cell::text(match &c.verdict_changes {
                    Some(ch) => w.date(ch.on),
                    None => never.clone(),
                })
            });
            row
        })
        .collect();
    let mut columns = vec![column(w.location)];
    columns.extend(month_columns());
    columns.push(column(w.calendar_verdict_column));
    blocks.push(Block::Section(vec![
        heading(w.calendar_per_location),
        table(columns, location_rows),
    ]));
    let partner_rows = framework
        .partners
        .iter()
        .map(|p| {
            let mut row = vec![Cell::text(framework.partner_name(&p.id, language))];
            row.extend(counts(&|_, l| l.owner == p.id));
            row
        })
        .collect();
    let mut columns = vec![column(w.calendar_partner)];
    columns.extend(month_columns());
    blocks.push(Block::Section(vec![
        heading(w.calendar_per_partner),
        table(columns, partner_rows),
    ]));
    blocks.insert(1, Block::Paragraph(vec![text(w.calendar_intro)]));
    Document {
        title: format!(
            "{} — {} {}",
            w.calendar_title, framework.title, framework.version
        ),
        language,
        kind: "calendar",
        wide: false,
        blocks,
    }
}
