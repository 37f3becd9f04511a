//! One location's report as a document of the layout model: the verdict
//! and what it stands for, the themes (a chart and a table), the gaps, the
//! exceptions, and, for an assessment, its stage, its certificate, the
//! evidence still to supply and the improvement plan. Written as text,
//! Markdown or HTML by the layout's backends.

use super::improvement;
use super::{
    location_details, location_title, maturity_word, stage_word, status_mark, status_tone,
    status_word, verdict_tone, verdict_word,
};
use crate::eval::{Assessment, Maturity, Stage};
use crate::evidence::Meeting;
use crate::layout::{
    column, numeric, section_heading as heading, strong, table, text, Bar, Block, Cell, Chart,
    Document, Entry, Inline, Inlines, Item,
};
use crate::outcome::{CriterionOutcome, Outcome, Parts, Status, ThemeOutcome, Verdict};
use crate::plan::ImprovementPlan;
use crate::terms::Language;
use crate::words::{cap, words, Words};

/// An assessment's report: the outcome at its stage, with the plan.
pub(crate) fn document(
    a: &Assessment,
    plan: &ImprovementPlan,
    language: Language,
    technical: bool,
) -> Document {
    report(
        &a.outcome,
        Some(Staged {
            assessment: a,
            plan,
        }),
        language,
        technical,
    )
}

/// A bare outcome's report: no stage, so no maturity, certificate or plan.
pub(crate) fn bare(outcome: &Outcome, language: Language, technical: bool) -> Document {
    report(outcome, None, language, technical)
}

/// What an assessment adds to the bare outcome's report.
#[derive(Clone, Copy)]
struct Staged<'a> {
    assessment: &'a Assessment,
    plan: &'a ImprovementPlan,
}

fn report(
    o: &Outcome,
    staged: Option<Staged<'_>>,
    language: Language,
    technical: bool,
) -> Document {
    let w = words(language);
    let stage = staged.map(|s| s.assessment.stage);
    // The school's name is the title; under it the id (BRIN and
    // location), then the framework and the date.
    let mut blocks = vec![
        Block::Meta(vec![text(location_details(&o.location))]),
        Block::Meta(vec![text(format!(
            "{} {} · {} {}",
            o.framework.title,
            o.framework.version,
            w.as_of,
            w.date(o.as_of)
        ))]),
    ];
    if let Some(stage) = stage {
        let (word, note) = stage_word(stage, w);
        blocks.push(Block::Callout(vec![
            strong(format!("{}: {word}", w.stage)),
            text(format!(" — {note}")),
        ]));
    }
    let mut verdict = vec![Inline::Verdict {
        label: w.verdict.to_string(),
        tone: verdict_tone(o.verdict),
        text: verdict_word(o.verdict, stage, w).to_string(),
    }];
    // The intake certifies nothing, so it names no end date.
    if let (Some(until), false) = (o.valid_until, stage == Some(Stage::Intake)) {
        verdict.push(text(format!(" ({} {})", w.valid_until, w.date(until))));
    }
    blocks.push(Block::Paragraph(verdict));
    blocks.push(Block::Paragraph(vec![text(parts_sentence(o.parts, w))]));
    if let Some(staged) = staged {
        blocks.extend(certificate(staged.assessment, staged.plan, w));
        if !staged.plan.what_it_takes.is_empty() {
            blocks.push(improvement::what_it_takes(staged.plan, w));
        }
    }
    blocks.push(Block::Section(themes(o, stage, w)));
    blocks.push(Block::Section(in_order(o, w)));
    blocks.push(Block::Section(criteria_with_gaps(
        o,
        Status::Fail,
        stage,
        w.not_in_order,
        w.not_in_order_none,
        w,
    )));
    if o.criteria.iter().any(|c| c.status == Status::Unknown) {
        let mut open = criteria_with_gaps(o, Status::Unknown, stage, w.to_demonstrate, "", w);
        if let Some(a) = staged.map(|s| s.assessment) {
            if a.stage == Stage::Intake && !a.to_supply.is_empty() {
                open.extend(to_supply(a, w));
            }
        }
        blocks.push(Block::Section(open));
    }
    let waived: Vec<Entry> = o
        .criteria
        .iter()
        .filter_map(|c| c.waiver.as_ref().map(|waiver| (c, waiver)))
        .map(|(c, waiver)| Entry {
            items: vec![Item {
                number: None,
                text: vec![text(waiver.reason.as_str())],
                details: vec![vec![text(format!(
                    "{} {}, {} {}",
                    w.granted_by,
                    waiver.granted_by,
                    w.valid_until,
                    w.date(waiver.valid_until)
                ))]],
            }],
            ..entry(c, Vec::new(), stage, w)
        })
        .collect();
    if !waived.is_empty() {
        blocks.push(Block::Section(vec![
            heading(w.exceptions),
            Block::Entries(waived),
        ]));
    }
    if o.criteria.iter().any(|c| !c.provenance.is_empty()) {
        blocks.push(Block::Section(verified(o, w)));
    }
    if let Some(staged) = staged {
        // A certified location's plan only recommends.
        let heading = if o.verdict == Verdict::Certified {
            w.recommendations
        } else {
            w.plan
        };
        blocks.push(improvement::actions(staged.plan, heading, false, w));
    }
    if let Some(m) = &o.location.meeting {
        blocks.push(Block::Section(meeting(m, stage, w)));
    }
    if technical {
        blocks.push(Block::Section(appendix(o, staged.map(|s| s.assessment), w)));
    }
    Document {
        title: location_title(&o.location).to_string(),
        language,
        kind: "report",
        wide: false,
        blocks,
    }
}

/// Per criterion, the evidence its file gives a source or verification
/// for: by whom, when and how it was verified.
fn verified(o: &Outcome, w: &Words) -> Vec<Block> {
    let rows = o
        .criteria
        .iter()
        .flat_map(|c| {
            c.provenance.iter().map(move |p| {
                // Who, when and how in one cell, so the table fits a page.
                let verified = match &p.verified {
                    Some(v) => format!("{}, {}, {}", v.by, w.date(v.on), v.how),
                    None => w.verified_not.to_string(),
                };
                vec![
                    Cell::text(format!("{} {}", c.id, c.title)),
                    Cell::text(p.label.as_str()),
                    Cell::text(p.source.clone().unwrap_or_default()),
                    Cell::text(verified),
                ]
            })
        })
        .collect();
    vec![
        heading(w.verified_title),
        Block::Paragraph(vec![text(w.verified_intro)]),
        Block::Table(crate::layout::Table {
            columns: vec![
                column(w.criterion),
                column(w.verified_evidence),
                column(w.verified_source),
                column(w.verified_by),
            ],
            rows,
            compact: true,
        }),
    ]
}

/// The certificate a positive audit gives, framed.
fn certificate(a: &Assessment, plan: &ImprovementPlan, w: &Words) -> Option<Block> {
    let certificate = a.certificate.as_ref()?;
    let until = certificate.valid_until.map_or_else(
        || w.no_expiry.to_string(),
        |d| format!("{} {}", w.valid_until, w.date(d)),
    );
    let framework = &certificate.framework;
    let mut lines = vec![
        vec![text(location_title(&certificate.location))],
        vec![text(location_details(&certificate.location))],
        vec![
            text(format!("{} {} (", framework.title, framework.version)),
            Inline::Code(framework.id.clone()),
            text(")"),
        ],
        vec![text(format!(
            "{} {} · {until}",
            w.audit_date,
            w.date(certificate.audit_date)
        ))],
        vec![text(format!(
            "{}: {}",
            w.certificate_parts,
            parts_sentence(certificate.parts, w)
        ))],
    ];
    let mut line = |label: &str, value: String| lines.push(vec![text(format!("{label}: {value}"))]);
    if let Some(number) = &certificate.number {
        line(w.certificate_number, number.clone());
    }
    if let Some(body) = &certificate.issued_by {
        line(w.certificate_issued_by, body.clone());
    }
    if let Some(auditor) = &certificate.auditor {
        line(w.certificate_auditor, auditor.clone());
    }
    if let Some(day) = certificate.decided_on {
        line(w.certificate_decided_on, w.date(day));
    }
    if let Some(day) = certificate.midterm_check {
        line(w.certificate_midterm, w.date(day));
    }
    if !certificate.conditions.is_empty() {
        line(w.certificate_conditions, certificate.conditions.join("; "));
    }
    // The hash printed is the one of the result document: taken over it
    // as `kader eval --stage audit --format json` writes it.
    let document = super::json::assessment(a, &plan.what_it_takes, None);
    let hash = serde_json::from_str::<serde_json::Value>(&document)
        .ok()
        .and_then(|v| {
            v.get("certificate")?
                .get("hash")?
                .as_str()
                .map(str::to_string)
        });
    if let Some(hash) = hash {
        lines.push(vec![
            text(format!("{}: ", w.certificate_hash)),
            Inline::Code(hash),
        ]);
        // The note names the command as code: the parts between
        // backticks.
        lines.push(
            w.certificate_hash_note
                .split('`')
                .enumerate()
                .filter(|(_, part)| !part.is_empty())
                .map(|(i, part)| {
                    if i % 2 == 1 {
                        Inline::Code(part.to_string())
                    } else {
                        text(part)
                    }
                })
                .collect(),
        );
    }
    Some(Block::Note {
        title: w.certificate.to_string(),
        lines,
    })
}

/// The themes: a chart of their scores against their thresholds, a table,
/// and for a layer the rules below it that a theme does not pass.
fn themes(o: &Outcome, stage: Option<Stage>, w: &Words) -> Vec<Block> {
    let threshold = |t: &ThemeOutcome| {
        t.threshold
            .map_or_else(|| "-".to_string(), |t| w.percent(t))
    };
    let bars = o
        .themes
        .iter()
        .map(|t| Bar {
            label: t.title.clone(),
            value: score_text(t, w),
            low: t.score,
            high: t.score_max,
            mark: t.threshold,
            tone: status_tone(t.status),
            hint: format!(
                "{}: {} ({} {})",
                t.title,
                score_text(t, w),
                w.threshold,
                threshold(t)
            ),
        })
        .collect();
    let mut columns = vec![
        column(w.theme),
        numeric(w.score),
        numeric(cap(w.threshold)),
        column(w.status),
    ];
    // Maturity says how far a theme is along; it belongs to an assessment.
    if stage.is_some() {
        columns.push(column(w.maturity));
    }
    let rows = o
        .themes
        .iter()
        .map(|t| {
            // A theme with evidence missing cannot be judged yet.
            let word = match t.status {
                Status::Unknown => w.theme_open,
                status => status_word(status, stage, w),
            };
            let mut status = vec![
                Inline::Mark(status_mark(t.status).to_string()),
                text(format!(" {word}")),
            ];
            if !t.failed_mandatory.is_empty() {
                status.push(text(" "));
                status.push(Inline::Aside(vec![text(format!(
                    "({}: {})",
                    w.failed_mandatory,
                    t.failed_mandatory.join(", ")
                ))]));
            }
            let mut cells = vec![
                Cell::text(t.title.as_str()),
                Cell::text(score_text(t, w)),
                Cell::text(threshold(t)),
                Cell::of(status).tone(status_tone(t.status)),
            ];
            if stage.is_some() {
                cells.push(Cell::text(maturity_word(Maturity::of(t), w)));
            }
            cells
        })
        .collect();
    let mut blocks = vec![
        heading(w.themes),
        Block::Chart(Chart {
            caption: w.chart_caption.to_string(),
            bars,
            reached: w.chart_reached.to_string(),
            open: w.chart_open.to_string(),
            mark: w.threshold.to_string(),
        }),
        table(columns, rows),
    ];
    let floors: Vec<Item> = o
        .themes
        .iter()
        .flat_map(|t| {
            floor_lines(t, stage, w)
                .into_iter()
                .map(move |line| Item::line(vec![text(format!("{}: {line}", t.title))]))
        })
        .collect();
    if !floors.is_empty() {
        blocks.push(Block::List(floors));
    }
    blocks
}

/// What passes, theme by theme: the criteria the location has in order.
fn in_order(o: &Outcome, w: &Words) -> Vec<Block> {
    let items: Vec<Item> = o
        .themes
        .iter()
        .filter_map(|t| {
            let passed: Vec<String> = o
                .criteria
                .iter()
                .filter(|c| c.theme == t.id && c.status == Status::Pass)
                .map(|c| {
                    if is_local(c, o) {
                        format!("{} ({})", c.title, w.local_ambition)
                    } else {
                        c.title.clone()
                    }
                })
                .collect();
            (!passed.is_empty()).then(|| {
                Item::line(vec![
                    strong(t.title.as_str()),
                    // Titles may hold commas of their own.
                    text(format!(": {}", passed.join("; "))),
                ])
            })
        })
        .collect();
    let body = if items.is_empty() {
        Block::Paragraph(vec![text(w.in_order_none)])
    } else {
        Block::List(items)
    };
    vec![heading(w.in_order_heading), body]
}

/// A criterion a layer adds: a local ambition on top of the framework
/// below it.
fn is_local(c: &CriterionOutcome, o: &Outcome) -> bool {
    c.layer.as_deref() == Some(o.framework.id.as_str()) && o.parts.local.is_some()
}

/// The criteria of one status that have gaps, each gap in plain words:
/// the message, the norm and what was found, evidence by its label.
fn criteria_with_gaps(
    o: &Outcome,
    status: Status,
    stage: Option<Stage>,
    title: &str,
    none: &str,
    w: &Words,
) -> Vec<Block> {
    let entries: Vec<Entry> = o
        .criteria
        .iter()
        .filter(|c| c.status == status && !c.gaps.is_empty())
        .map(|c| {
            let mut tags = Vec::new();
            if is_local(c, o) {
                tags.push(w.local_ambition.to_string());
            }
            if c.mandatory {
                tags.push(w.mandatory.to_string());
            }
            if let Some(legal) = &c.legal {
                tags.push(format!("{}: {legal}", w.legal));
            }
            let partner = o.partner(&c.owner);
            let who = super::who(
                o.partner_name(&c.owner),
                partner.and_then(|p| p.contact.as_deref()),
                partner
                    .and_then(|p| p.lead.as_deref())
                    .map(|lead| o.partner_name(lead)),
                w,
            );
            tags.push(format!("{}: {who}", w.owner));
            let items = c
                .gaps
                .iter()
                .map(|gap| {
                    let plain = &gap.plain;
                    let norm = text(format!(
                        "{}: {}. {}: {}.",
                        w.norm, plain.norm, w.found_now, plain.found
                    ));
                    match &plain.message {
                        Some(message) => Item {
                            number: None,
                            text: vec![text(message.as_str())],
                            details: vec![vec![norm]],
                        },
                        None => Item {
                            number: None,
                            text: vec![norm],
                            details: Vec::new(),
                        },
                    }
                })
                .collect();
            Entry {
                items,
                ..entry(c, vec![text(tags.join(" · "))], stage, w)
            }
        })
        .collect();
    let body = if entries.is_empty() {
        Block::Paragraph(vec![text(none)])
    } else {
        Block::Entries(entries)
    };
    vec![heading(title), body]
}

/// The meeting the report is discussed in: when, who took part, what was
/// agreed, and room for each to sign.
fn meeting(m: &Meeting, stage: Option<Stage>, w: &Words) -> Vec<Block> {
    let title = match stage {
        Some(Stage::Intake) => w.meeting_intake,
        Some(Stage::Audit) => w.meeting_audit,
        None => w.meeting,
    };
    let mut blocks = vec![heading(title)];
    if let Some(date) = m.date {
        blocks.push(Block::Paragraph(vec![
            strong(format!("{}: ", w.meeting_date)),
            text(w.date(date)),
        ]));
    }
    blocks.push(Block::Paragraph(vec![strong(w.agreements)]));
    blocks.push(if m.agreements.is_empty() {
        Block::Paragraph(vec![text(w.no_agreements)])
    } else {
        Block::List(
            m.agreements
                .iter()
                .map(|a| Item::line(vec![text(a.as_str())]))
                .collect(),
        )
    });
    if !m.attendees.is_empty() {
        blocks.push(Block::Paragraph(vec![strong(w.attendees)]));
        blocks.push(table(
            vec![column(w.name), column(w.signature)],
            m.attendees
                .iter()
                .map(|a| vec![Cell::text(a.as_str()), Cell::text("")])
                .collect(),
        ));
    }
    blocks
}

/// A criterion as an entry, without items.
fn entry(c: &CriterionOutcome, tags: Inlines, stage: Option<Stage>, w: &Words) -> Entry {
    Entry {
        tone: status_tone(c.status),
        mark: status_mark(c.status).to_string(),
        head: vec![text(format!("{} {}", c.id, c.title))],
        status: status_word(c.status, stage, w).to_string(),
        tags,
        items: Vec::new(),
    }
}

/// At the intake: the evidence still to supply (what can still change
/// the result first), the criteria that need it, and whether it can.
fn to_supply(a: &Assessment, w: &Words) -> Vec<Block> {
    let rows = a
        .to_supply
        .iter()
        .map(|item| {
            vec![
                label(item),
                Cell::text(w.list(&item.criteria)),
                Cell::text(if item.decisive {
                    w.matters_yes
                } else {
                    w.matters_no
                }),
            ]
        })
        .collect();
    vec![
        Block::Paragraph(vec![strong(w.to_supply)]),
        Block::Paragraph(vec![text(w.to_supply_intro)]),
        table(
            vec![
                column(w.evidence),
                column(cap(w.needed_for)),
                column(w.still_matters),
            ],
            rows,
        ),
    ]
}

/// A piece of evidence to supply, by its label (its path when it has none).
fn label(item: &crate::eval::ToSupply) -> Cell {
    Cell::text(item.label.as_deref().unwrap_or(&item.path))
}

/// For administrators: every gap in the framework's notation with the
/// paths of its evidence, and the paths of the evidence still to supply.
fn appendix(o: &Outcome, assessment: Option<&Assessment>, w: &Words) -> Vec<Block> {
    let mut items: Vec<Item> = Vec::new();
    for c in &o.criteria {
        for gap in &c.gaps {
            let mut detail = vec![
                text(format!("{}: ", w.expected)),
                Inline::Code(expected_text(&gap.expected, w)),
                text(format!("; {}: {} (", w.found, own_word(&gap.actual, w))),
            ];
            for (i, path) in gap.evidence.iter().enumerate() {
                if i > 0 {
                    detail.push(text(", "));
                }
                detail.push(Inline::Code(path.clone()));
            }
            detail.push(text(")"));
            items.push(Item {
                number: None,
                text: vec![text(format!("{} {}", c.id, c.title))],
                details: vec![detail],
            });
        }
    }
    let mut blocks = vec![
        heading(w.technical_appendix),
        Block::Paragraph(vec![text(w.technical_intro)]),
        Block::List(items),
    ];
    if let Some(a) = assessment.filter(|a| !a.to_supply.is_empty()) {
        let rows = a
            .to_supply
            .iter()
            .map(|item| vec![label(item), Cell::of(vec![Inline::Code(item.path.clone())])])
            .collect();
        blocks.push(table(vec![column(w.evidence), column(cap(w.path))], rows));
    }
    blocks
}

/// A theme's score, as a range while evidence is missing.
fn score_text(theme: &ThemeOutcome, w: &Words) -> String {
    super::score_text(theme.score, theme.score_max, w)
}

/// What the verdict stands for, in one sentence: "Voldoet aan de
/// wettelijke verplichtingen en het basiskader; nog niet aan de lokale
/// ambities."
fn parts_sentence(parts: Parts, w: &Words) -> String {
    let all = [
        (Some(parts.legal), w.parts_legal),
        (Some(parts.base), w.parts_base),
        (parts.local, w.parts_local),
    ];
    let of = |verdict: Verdict| -> Vec<&str> {
        all.iter()
            .filter(|(v, _)| *v == Some(verdict))
            .map(|(_, words)| *words)
            .collect()
    };
    let list = |items: &[&str]| match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} {} {last}", init.join(", "), w.and),
    };
    let met = of(Verdict::Certified);
    let mut clauses = Vec::new();
    if !met.is_empty() {
        clauses.push(format!("{} {}", w.parts_meets, list(&met)));
    }
    // Each further clause has its own lead when it comes first.
    for (verdict, first, after) in [
        (Verdict::NotCertified, w.parts_meets_none, w.parts_not_yet),
        (
            Verdict::InsufficientEvidence,
            w.parts_open_first,
            w.parts_open,
        ),
    ] {
        let these = of(verdict);
        if !these.is_empty() {
            let lead = if clauses.is_empty() { first } else { after };
            clauses.push(format!("{lead} {}", list(&these)));
        }
    }
    format!("{}.", clauses.join("; "))
}

/// For a base theme of a layered framework: a line for each rule below
/// the layer that the theme does not pass, "volgens de regel van
/// basiskader: 50% (drempel 60%), niet behaald".
fn floor_lines(theme: &ThemeOutcome, stage: Option<Stage>, w: &Words) -> Vec<String> {
    theme
        .floors
        .iter()
        .filter(|f| f.status != Status::Pass)
        .map(|f| {
            let threshold = f
                .threshold
                .map(|t| format!(" ({} {})", w.threshold, w.percent(t)))
                .unwrap_or_default();
            let mandatory = if f.failed_mandatory.is_empty() {
                String::new()
            } else {
                format!(
                    "; {}: {}",
                    w.failed_mandatory,
                    f.failed_mandatory.join(", ")
                )
            };
            format!(
                "{} {}: {}{threshold}, {}{mandatory}",
                w.by_rule_of,
                f.framework,
                w.share(f.score),
                status_word(f.status, stage, w)
            )
        })
        .collect()
}

/// Values kader writes itself in results (`missing`, `true`, `false`), in
/// the report's language.
pub(crate) fn own_word<'a>(value: &'a str, w: &'a Words) -> &'a str {
    match value {
        "missing" => w.missing,
        "true" => w.yes,
        "false" => w.no,
        other => other,
    }
}

/// A gap's `expected` in the report's language: `applies when` and yes/no
/// translated, the framework's notation kept.
pub(crate) fn expected_text(expected: &str, w: &Words) -> String {
    match expected.strip_prefix("applies when ") {
        Some(condition) => format!("{} {condition}", w.applies_when),
        None => own_word(expected, w).to_string(),
    }
}
