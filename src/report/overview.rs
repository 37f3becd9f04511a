//! A municipality's overview as a document of the layout model: one
//! document, written as text, Markdown or HTML by the layout's backends.

use super::{
    maturity_word, priority_word, score_text, stage_word, status_mark, status_tone, verdict_tone,
    verdict_word,
};
use crate::evidence::Location;
use crate::layout::{
    column, numeric, section_heading as heading, strong, text, Block, Cell, Column, Document,
    Inline, Item, Table, Tone,
};
use crate::overview::{Expiry, Overview, EXPIRY_HORIZON_MONTHS};
use crate::terms::Language;
use crate::words::{cap, fill, words, Words};

/// The overview, every word in `language`.
pub(crate) fn document(o: &Overview, language: Language) -> Document {
    let w = words(language);
    let (stage, note) = stage_word(o.stage, w);
    let intro = fill(
        w.overview_intro,
        &[
            ("count", &o.locations.len().to_string()),
            ("date", &w.date(o.as_of)),
        ],
    );
    let blocks = vec![
        Block::Meta(vec![text(intro)]),
        Block::Callout(vec![
            strong(format!("{}: {stage}", w.stage)),
            text(format!(" — {note}")),
        ]),
        Block::Section(locations(o, w)),
        Block::Section(most_failed(o, w)),
        Block::Section(workload(o, w)),
        Block::Section(certificates(o, w)),
    ];
    Document {
        title: format!(
            "{} — {} {}",
            w.overview, o.framework.title, o.framework.version
        ),
        language,
        kind: "overview",
        wide: true,
        blocks,
    }
}

/// A location as a table shows it: its name, and its id under it.
fn location(location: &Location) -> Cell {
    match &location.name {
        Some(name) => Cell::of(vec![
            text(name.as_str()),
            Inline::Break,
            Inline::Aside(vec![text(location.id.as_str())]),
        ]),
        None => Cell::text(location.id.as_str()),
    }
}

/// Verdict and theme scores per location, a column per theme.
fn locations(o: &Overview, w: &Words) -> Vec<Block> {
    let mut columns = vec![column(w.location), column(cap(w.as_of)), column(w.verdict)];
    columns.extend(o.themes.iter().map(|theme| Column {
        head: vec![Inline::Code(theme.id.clone())],
        numeric: true,
        hint: Some(theme.title.clone()),
    }));
    columns.push(numeric(cap(w.open_items)));
    columns.push(column(cap(w.of_which_needed)));
    let rows = o
        .locations
        .iter()
        .map(|row| {
            let mut cells = vec![
                location(&row.location),
                Cell {
                    nowrap: true,
                    ..Cell::text(w.date(row.as_of))
                },
                Cell::of(vec![Inline::Badge {
                    tone: verdict_tone(row.verdict),
                    text: verdict_word(row.verdict, Some(o.stage), w).to_string(),
                }]),
            ];
            cells.extend(row.themes.iter().map(|cell| {
                let score = score_text(cell.score, cell.score_max, w);
                Cell {
                    hint: Some(maturity_word(cell.maturity, w).to_string()),
                    ..Cell::text(format!("{} {score}", status_mark(cell.status)))
                        .tone(status_tone(cell.status))
                }
            }));
            cells.push(Cell::text(row.open_items.to_string()));
            cells.push(Cell::text(row.what_it_takes.join(", ")));
            cells
        })
        .collect();
    let mut legend = Vec::new();
    for (i, theme) in o.themes.iter().enumerate() {
        if i > 0 {
            legend.push(text(" · "));
        }
        legend.push(Inline::Code(theme.id.clone()));
        legend.push(text(format!(" {}", theme.title)));
    }
    vec![
        heading(w.locations),
        Block::Table(Table {
            columns,
            rows,
            compact: true,
        }),
        Block::Detail(legend),
    ]
}

/// The criteria not met at the most locations.
fn most_failed(o: &Overview, w: &Words) -> Vec<Block> {
    let mut blocks = vec![
        heading(w.most_failed),
        Block::Paragraph(vec![text(w.most_failed_intro)]),
    ];
    if o.most_failed.is_empty() {
        blocks.push(Block::Paragraph(vec![text(w.none)]));
        return blocks;
    }
    let rows = o
        .most_failed
        .iter()
        .map(|t| {
            let mut title = vec![text(t.title.as_str())];
            if t.mandatory {
                title.push(text(" "));
                title.push(Inline::Aside(vec![text(format!("({})", w.mandatory))]));
            }
            vec![
                Cell::of(vec![strong(t.criterion.as_str())]),
                Cell::of(title),
                Cell::text(t.theme.as_str()),
                Cell::text(w.owner_name(t.owner)),
                Cell::text(t.failed.to_string()).tone(Tone::Fail),
                Cell::text(t.open.to_string()).tone(Tone::Open),
                Cell::text(t.locations.join(", ")),
            ]
        })
        .collect();
    blocks.push(Block::Table(Table {
        columns: vec![
            column(w.criterion),
            column(""),
            column(w.theme),
            column(cap(w.owner)),
            numeric(cap(w.failed_at)),
            numeric(cap(w.open_at)),
            column(w.locations),
        ],
        rows,
        compact: false,
    }));
    blocks
}

/// The open plan items per partner, and each partner's actions.
fn workload(o: &Overview, w: &Words) -> Vec<Block> {
    let rows = o
        .workload
        .iter()
        .map(|load| {
            vec![
                Cell::text(w.owner_name(load.owner)),
                Cell::text(load.items.to_string()),
                Cell::text(load.mandatory.to_string()),
                Cell::text(load.needed_for_certificate.to_string()),
                Cell::text(load.locations.to_string()),
            ]
        })
        .collect();
    let mut blocks = vec![
        heading(w.workload),
        Block::Paragraph(vec![text(w.workload_intro)]),
        Block::Table(Table {
            columns: vec![
                column(cap(w.owner)),
                numeric(cap(w.open_items)),
                numeric(cap(w.of_which_mandatory)),
                numeric(cap(w.of_which_needed)),
                numeric(cap(w.at_locations)),
            ],
            rows,
            compact: false,
        }),
    ];
    for load in o.workload.iter().filter(|l| !l.actions.is_empty()) {
        blocks.push(Block::Heading {
            level: 3,
            text: vec![text(w.owner_name(load.owner))],
        });
        let items = load
            .actions
            .iter()
            .map(|action| {
                let mut item = vec![
                    text(format!("{}: ", action.location)),
                    strong(action.criterion.as_str()),
                    text(format!(" {} ", action.title)),
                    Inline::Aside(vec![text(format!(
                        "({})",
                        priority_word(action.priority, w)
                    ))]),
                ];
                if action.needed_for_certificate {
                    item.push(text(" — "));
                    item.push(strong(w.for_certificate));
                }
                Item::line(item)
            })
            .collect();
        blocks.push(Block::List(items));
    }
    blocks
}

/// Certificates that expire soon, and those that have expired.
fn certificates(o: &Overview, w: &Words) -> Vec<Block> {
    let expiring = fill(
        w.expiring,
        &[
            ("months", &EXPIRY_HORIZON_MONTHS.to_string()),
            ("date", &w.date(o.expiry_horizon)),
        ],
    );
    let mut blocks = vec![
        heading(&expiring),
        Block::Paragraph(vec![text(w.expiring_intro)]),
    ];
    blocks.push(expiries(&o.expiring, w));
    blocks.push(heading(w.expired));
    blocks.push(expiries(&o.expired, w));
    blocks
}

fn expiries(list: &[Expiry], w: &Words) -> Block {
    if list.is_empty() {
        return Block::Paragraph(vec![text(w.none)]);
    }
    Block::Table(Table {
        columns: vec![
            column(w.location),
            column(cap(w.audit_date)),
            column(cap(w.valid_until)),
            numeric(cap(w.days_left)),
        ],
        rows: list
            .iter()
            .map(|e| {
                vec![
                    location(&e.location),
                    Cell::text(w.date(e.as_of)),
                    Cell::text(w.date(e.valid_until)),
                    Cell::text(e.days_left.to_string()),
                ]
            })
            .collect(),
        compact: false,
    })
}
