//! Progress between two assessments (`kader progress`) as a document of
//! the layout model: the verdict before → after, the theme scores (a chart
//! of both dates and a table), the criteria that improved, went back or
//! stayed open, the plan's actions closed in between, and what could not
//! be compared across two versions of a framework.

use super::improvement::item_status_word;
use super::{
    location_details, location_title, score_text, status_mark, status_tone, status_word,
    verdict_tone, verdict_word,
};
use crate::eval::Stage;
use crate::layout::{
    column, numeric, section_heading as heading, strong, table, text, Bar, Block, Cell, Chart,
    Document, Inline, Item, Tone,
};
use crate::outcome::FrameworkRef;
use crate::progress::{CriterionChange, Progress, ThemeScore, Unmatched};
use crate::terms::Language;
use crate::words::{cap, fill, words, Words};

/// The progress document.
pub(crate) fn document(p: &Progress, stage: Stage, language: Language) -> Document {
    let w = words(language);
    let (before, after) = (w.date(p.before.as_of), w.date(p.after.as_of));
    let mut blocks = vec![
        Block::Meta(vec![text(location_details(&p.location))]),
        Block::Meta(vec![text(fill(
            w.progress_dates,
            &[("before", &before), ("after", &after)],
        ))]),
    ];
    if !p.same_framework() {
        blocks.push(Block::Callout(vec![text(fill(
            w.progress_frameworks,
            &[
                ("before", &framework_name(&p.before.framework)),
                ("after", &framework_name(&p.after.framework)),
            ],
        ))]));
    }
    blocks.push(Block::Paragraph(vec![
        text(format!("{}: ", w.verdict)),
        Inline::Badge {
            tone: verdict_tone(p.before.verdict),
            text: verdict_word(p.before.verdict, Some(stage), w).to_string(),
        },
        text(" → "),
        Inline::Badge {
            tone: verdict_tone(p.after.verdict),
            text: verdict_word(p.after.verdict, Some(stage), w).to_string(),
        },
    ]));
    blocks.push(Block::Section(themes(p, stage, &before, &after, w)));
    for (title, none, changes) in [
        (w.improved, w.improved_none, &p.improved),
        (w.regressed, w.regressed_none, &p.regressed),
        (w.still_open, w.still_open_none, &p.still_open),
    ] {
        let body = if changes.is_empty() {
            Block::Paragraph(vec![text(none)])
        } else {
            Block::List(changes.iter().map(|c| change(c, stage, w)).collect())
        };
        blocks.push(Block::Section(vec![heading(title), body]));
    }
    if let Some(closed) = &p.closed {
        let body = if closed.is_empty() {
            Block::Paragraph(vec![text(w.closed_none)])
        } else {
            Block::List(
                closed
                    .iter()
                    .map(|e| {
                        let mut line = vec![strong(e.criterion.as_str())];
                        if let Some(title) = &e.title {
                            line.push(text(format!(" {title}")));
                        }
                        let mut tags = vec![item_status_word(e.status, w).to_string()];
                        if let Some(done) = e.gereed_op {
                            tags = vec![format!("{} {}", w.done_on, w.date(done))];
                        }
                        if let Some(owner) = &e.owner {
                            tags.push(format!(
                                "{}: {}",
                                w.owner,
                                super::who(owner, e.contact.as_deref(), None, w)
                            ));
                        }
                        line.push(text(" "));
                        line.push(Inline::Aside(vec![text(format!("— {}", tags.join(" · ")))]));
                        Item::line(line)
                    })
                    .collect(),
            )
        };
        blocks.push(Block::Section(vec![heading(w.closed_heading), body]));
    }
    if !p.only_before.is_empty() || !p.only_after.is_empty() {
        let mut section = vec![heading(w.not_compared)];
        for (framework, criteria) in [
            (&p.before.framework, &p.only_before),
            (&p.after.framework, &p.only_after),
        ] {
            if criteria.is_empty() {
                continue;
            }
            section.push(Block::Paragraph(vec![strong(fill(
                w.only_in,
                &[("framework", &framework_name(framework))],
            ))]));
            section.push(Block::List(
                criteria.iter().map(|c| unmatched(c, stage, w)).collect(),
            ));
        }
        blocks.push(Block::Section(section));
    }
    Document {
        title: format!("{} {}", w.progress_for, location_title(&p.location)),
        language,
        kind: "progress",
        wide: false,
        blocks,
    }
}

fn framework_name(framework: &FrameworkRef) -> String {
    format!("{} {}", framework.title, framework.version)
}

/// A theme's score as people read it, `-` where the theme is not there.
fn score(side: Option<&ThemeScore>, w: &Words) -> String {
    match side {
        Some(s) => score_text(s.score, s.score_max, w),
        None => "-".to_string(),
    }
}

/// The themes: both dates' scores in a chart (two bars a theme) and in a
/// table with the change in percentage points.
fn themes(p: &Progress, stage: Stage, before: &str, after: &str, w: &Words) -> Vec<Block> {
    let mut bars = Vec::new();
    for t in &p.themes {
        for (side, date, tone) in [
            (t.before.as_ref(), before, Tone::Muted),
            (
                t.after.as_ref(),
                after,
                t.after
                    .as_ref()
                    .map_or(Tone::Muted, |s| status_tone(s.status)),
            ),
        ] {
            let value = score(side, w);
            bars.push(Bar {
                label: format!("{} ({date})", t.title),
                hint: format!("{} {date}: {value}", t.title),
                value,
                low: side.and_then(|s| s.score),
                high: side.and_then(|s| s.score_max),
                mark: side.and_then(|s| s.threshold),
                tone,
            });
        }
    }
    let rows = p
        .themes
        .iter()
        .map(|t| {
            let difference = match (&t.before, &t.after) {
                (Some(b), Some(a)) => match (b.score, a.score) {
                    (Some(b), Some(a)) => {
                        let d = a - b;
                        let sign = if d.is_sign_positive() && !d.is_zero() {
                            "+"
                        } else {
                            ""
                        };
                        format!("{sign}{}", w.points(&w.percentage_points, d))
                    }
                    _ => "-".to_string(),
                },
                _ => "-".to_string(),
            };
            let status = |side: Option<&ThemeScore>| match side {
                Some(s) => {
                    let word = match s.status {
                        crate::outcome::Status::Unknown => w.theme_open,
                        status => status_word(status, Some(stage), w),
                    };
                    format!("{} {word}", status_mark(s.status))
                }
                None => w.not_in_this_version.to_string(),
            };
            let mut status_cell = Cell::text(format!(
                "{} → {}",
                status(t.before.as_ref()),
                status(t.after.as_ref())
            ));
            if let Some(a) = &t.after {
                status_cell = status_cell.tone(status_tone(a.status));
            }
            vec![
                Cell::text(t.title.as_str()),
                Cell::text(score(t.before.as_ref(), w)),
                Cell::text(score(t.after.as_ref(), w)),
                Cell::text(difference),
                status_cell,
            ]
        })
        .collect();
    vec![
        heading(w.themes),
        Block::Chart(Chart {
            caption: fill(
                w.progress_chart_caption,
                &[("before", before), ("after", after)],
            ),
            bars,
            reached: w.chart_reached.to_string(),
            open: w.chart_open.to_string(),
            mark: w.threshold.to_string(),
        }),
        table(
            vec![
                column(w.theme),
                numeric(before),
                numeric(after),
                numeric(w.change),
                column(cap(w.status)),
            ],
            rows,
        ),
    ]
}

/// A criterion's change: "S4 Representatieve respons — voldoet niet →
/// voldoet", with levels for a graded one.
fn change(c: &CriterionChange, stage: Stage, w: &Words) -> Item {
    let side = |status, level: Option<u64>| {
        let word = status_word(status, Some(stage), w);
        match level {
            Some(level) => format!("{word} ({} {level})", w.level),
            None => word.to_string(),
        }
    };
    Item::line(vec![
        Inline::Marked {
            tone: status_tone(c.after),
            text: c.id.clone(),
        },
        text(format!(" {} ", c.title)),
        Inline::Aside(vec![text(format!(
            "— {} → {}",
            side(c.before, c.level_before),
            side(c.after, c.level_after)
        ))]),
    ])
}

fn unmatched(c: &Unmatched, stage: Stage, w: &Words) -> Item {
    Item::line(vec![
        strong(c.id.as_str()),
        text(format!(" {} ", c.title)),
        Inline::Aside(vec![text(format!(
            "— {}",
            status_word(c.status, Some(stage), w)
        ))]),
    ])
}
