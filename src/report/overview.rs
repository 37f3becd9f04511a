//! A municipality's overview as a document of the layout model: one
//! document, written as text, Markdown or HTML by the layout's backends.

use super::{
    maturity_word, priority_word, score_text, stage_word, status_mark, status_tone, verdict_tone,
    verdict_word,
};
use crate::evidence::Location;
use crate::layout::{
    column, numeric, section_heading as heading, strong, table, text, Block, Cell, Column,
    Document, Inline, Item, Table, Tone,
};
use crate::overview::{
    Expiry, Grouping, LocationRow, Overview, Totals, EXPIRY_HORIZON_MONTHS, STALE_AFTER_MONTHS,
};
use crate::terms::Language;
use crate::words::{cap, fill, plural, words, Words};

/// The overview, every word in `language`; the locations in groups when
/// `group_by` says by what.
pub(crate) fn document(o: &Overview, group_by: Option<Grouping>, language: Language) -> Document {
    let w = words(language);
    let (stage, note) = stage_word(o.stage, w);
    let intro = fill(
        w.overview_intro,
        &[
            ("count", &o.locations.len().to_string()),
            ("date", &w.date(o.as_of)),
        ],
    );
    let mut blocks = vec![
        Block::Meta(vec![text(intro)]),
        Block::Callout(vec![
            strong(format!("{}: {stage}", w.stage)),
            text(format!(" — {note}")),
        ]),
        Block::Section(summary(o, &o.totals, w)),
        Block::Section(locations(o, group_by, w)),
        Block::Section(most_failed(o, w)),
        Block::Section(workload(o, w)),
        Block::Section(certificates(o, w)),
    ];
    if let Some(overdue) = &o.overdue {
        blocks.push(Block::Section(past_due(overdue, w)));
    }
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

/// The plan files' actions past their due date, location by location.
fn past_due(overdue: &[crate::overview::LocationOverdue], w: &Words) -> Vec<Block> {
    let rows: Vec<Vec<Cell>> = overdue
        .iter()
        .flat_map(|l| {
            l.items.iter().map(|a| {
                let e = &a.entry;
                let mut action = vec![strong(e.criterion.as_str())];
                if let Some(title) = &e.title {
                    action.push(text(format!(" {title}")));
                }
                let owner = e.owner.as_deref().unwrap_or("-");
                vec![
                    location(&l.location),
                    Cell::of(action),
                    Cell {
                        nowrap: true,
                        ..Cell::text(e.due.map_or_else(|| "-".to_string(), |d| w.date(d)))
                    },
                    Cell::text(super::who(owner, e.contact.as_deref(), None, w)),
                    Cell::text(super::improvement::item_status_word(e.status, w)),
                ]
            })
        })
        .collect();
    let mut blocks = vec![heading(w.overdue_heading)];
    if rows.is_empty() {
        blocks.push(Block::Paragraph(vec![text(w.overdue_none)]));
    } else {
        blocks.push(Block::Paragraph(vec![text(w.overdue_intro)]));
        blocks.push(table(
            vec![
                column(cap(w.location)),
                column(cap(w.criterion)),
                column(cap(w.due)),
                column(cap(w.owner)),
                column(cap(w.status)),
            ],
            rows,
        ));
    }
    blocks
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

/// The totals in a sentence, and per theme in a table.
fn summary(o: &Overview, totals: &Totals, w: &Words) -> Vec<Block> {
    vec![
        heading(w.summary),
        totals_sentence(totals, w),
        Block::Paragraph(vec![strong(w.per_theme)]),
        table(
            vec![
                column(w.theme),
                numeric(cap(w.pass)),
                numeric(cap(w.fail)),
                numeric(cap(w.theme_open)),
            ],
            o.themes
                .iter()
                .zip(&totals.themes)
                .map(|(theme, t)| {
                    vec![
                        Cell::text(theme.title.as_str()),
                        Cell::text(t.pass.to_string()),
                        Cell::text(t.fail.to_string()),
                        Cell::text(t.unknown.to_string()),
                    ]
                })
                .collect(),
        ),
    ]
}

/// "6 van 15 locaties voldoen aan het kader, 7 voldoen nog niet en 2 zijn
/// nog niet te beoordelen." and how many were judged on old evidence.
fn totals_sentence(t: &Totals, w: &Words) -> Block {
    let total = t.locations.to_string();
    let mut parts = vec![plural(
        &w.totals_certified,
        t.certified,
        &[("total", &total)],
    )];
    if t.not_certified > 0 {
        parts.push(plural(&w.totals_not_certified, t.not_certified, &[]));
    }
    if t.insufficient_evidence > 0 {
        parts.push(plural(&w.totals_insufficient, t.insufficient_evidence, &[]));
    }
    let mut sentence = format!("{}.", w.list(&parts));
    if t.stale > 0 {
        sentence.push(' ');
        sentence.push_str(&plural(
            &w.totals_stale,
            t.stale,
            &[("months", &STALE_AFTER_MONTHS.to_string())],
        ));
    }
    Block::Paragraph(vec![text(sentence)])
}

/// Verdict and theme scores per location, a column per theme; in groups,
/// each with its totals, when the caller asks.
fn locations(o: &Overview, group_by: Option<Grouping>, w: &Words) -> Vec<Block> {
    let mut blocks = vec![heading(w.locations)];
    match group_by {
        None => blocks.push(location_table(o, o.locations.iter(), w)),
        Some(by) => {
            let what = match by {
                Grouping::Board => w.group_board,
                Grouping::District => w.group_district,
                Grouping::SchoolType => w.group_type,
            };
            for group in o.groups(by) {
                blocks.push(Block::Heading {
                    level: 3,
                    text: vec![text(format!(
                        "{what}: {}",
                        group.name.unwrap_or(w.not_given)
                    ))],
                });
                blocks.push(totals_sentence(&group.totals, w));
                blocks.push(location_table(o, group.locations.iter().copied(), w));
            }
        }
    }
    blocks.push(legend(o));
    blocks
}

/// What the theme columns' ids stand for.
fn legend(o: &Overview) -> Block {
    let mut legend = Vec::new();
    for (i, theme) in o.themes.iter().enumerate() {
        if i > 0 {
            legend.push(text(" · "));
        }
        legend.push(Inline::Code(theme.id.clone()));
        legend.push(text(format!(" {}", theme.title)));
    }
    Block::Detail(legend)
}

/// The table of some of the overview's locations.
fn location_table<'o>(
    o: &Overview,
    rows: impl Iterator<Item = &'o LocationRow>,
    w: &Words,
) -> Block {
    let mut columns = vec![column(w.location), column(cap(w.as_of)), column(w.verdict)];
    columns.extend(o.themes.iter().map(|theme| Column {
        head: vec![Inline::Code(theme.id.clone())],
        numeric: true,
        hint: Some(theme.title.clone()),
    }));
    columns.push(numeric(cap(w.open_items)));
    columns.push(column(cap(w.of_which_needed)));
    let rows = rows
        .map(|row| {
            let mut as_of = vec![text(w.date(row.as_of))];
            if row.stale {
                as_of.push(Inline::Break);
                as_of.push(Inline::Aside(vec![text(fill(
                    w.stale,
                    &[("months", &STALE_AFTER_MONTHS.to_string())],
                ))]));
            }
            let mut cells = vec![
                location(&row.location),
                Cell {
                    tone: row.stale.then_some(Tone::Open),
                    ..Cell::of(as_of)
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
    Block::Table(Table {
        columns,
        rows,
        compact: true,
    })
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
                Cell::text(
                    o.themes
                        .iter()
                        .find(|theme| theme.id == t.theme)
                        .map_or(t.theme.as_str(), |theme| theme.title.as_str()),
                ),
                Cell::text(
                    o.workload
                        .iter()
                        .find(|l| l.owner == t.owner)
                        .map_or(t.owner.as_str(), |l| l.name.as_str()),
                ),
                Cell::text(t.failed.to_string()).tone(Tone::Fail),
                Cell::text(t.open.to_string()).tone(Tone::Open),
                Cell::text(t.locations.join(", ")),
            ]
        })
        .collect();
    blocks.push(table(
        vec![
            column(w.criterion),
            column(""),
            column(w.theme),
            column(cap(w.owner)),
            numeric(cap(w.failed_at)),
            numeric(cap(w.open_at)),
            column(w.locations),
        ],
        rows,
    ));
    blocks
}

/// The open plan items per partner, and each partner's actions.
fn workload(o: &Overview, w: &Words) -> Vec<Block> {
    let rows = o
        .workload
        .iter()
        .map(|load| {
            vec![
                Cell::text(load.name.as_str()),
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
        table(
            vec![
                column(cap(w.owner)),
                numeric(cap(w.open_items)),
                numeric(cap(w.of_which_mandatory)),
                numeric(cap(w.of_which_needed)),
                numeric(cap(w.at_locations)),
            ],
            rows,
        ),
    ];
    // A location by its name, its id beside it.
    let names: std::collections::HashMap<&str, &str> = o
        .locations
        .iter()
        .filter_map(|r| Some((r.location.id.as_str(), r.location.name.as_deref()?)))
        .collect();
    let named = |id: &str| match names.get(id) {
        Some(name) => format!("{name} ({id})"),
        None => id.to_string(),
    };
    for load in o.workload.iter().filter(|l| !l.actions.is_empty()) {
        blocks.push(Block::Heading {
            level: 3,
            text: vec![text(load.name.as_str())],
        });
        let items = load
            .actions
            .iter()
            .map(|action| {
                let mut item = vec![
                    text(format!("{}: ", named(action.location.as_str()))),
                    strong(action.criterion.as_str()),
                    text(format!(" {} ", action.title)),
                    Inline::Aside(vec![text(format!(
                        "({})",
                        priority_word(action.priority, w)
                    ))]),
                ];
                if let Some(contact) = &action.contact {
                    item.push(text(format!(" · {}: {contact}", w.contact_person)));
                }
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
    table(
        vec![
            column(w.location),
            column(cap(w.audit_date)),
            column(cap(w.valid_until)),
            numeric(cap(w.days_left)),
        ],
        list.iter()
            .map(|e| {
                vec![
                    location(&e.location),
                    Cell::text(w.date(e.as_of)),
                    Cell::text(w.date(e.valid_until)),
                    Cell::text(e.days_left.to_string()),
                ]
            })
            .collect(),
    )
}
