//! An improvement plan as a document of the layout model: on its own, or
//! its parts (what it takes, the actions) within a location's report.

use super::{
    location_details, location_title, priority_word, status_tone, verdict_tone, verdict_word,
};
use crate::eval::Stage;
use crate::layout::{heading, strong, text, Block, Document, Inline, Inlines, Item};
use crate::plan::{Agreement, ImprovementPlan, ItemStatus, PlanItem};
use crate::terms::Language;
use crate::words::{words, Words};

/// A plan on its own, headed by its location.
pub(crate) fn document(
    plan: &ImprovementPlan,
    stage: Stage,
    by_owner: bool,
    language: Language,
    technical: bool,
) -> Document {
    let w = words(language);
    let mut blocks = vec![
        Block::Meta(vec![text(location_details(&plan.location))]),
        Block::Meta(vec![
            text(format!(
                "{} {} · {}: ",
                w.as_of,
                w.date(plan.as_of),
                w.verdict
            )),
            Inline::Badge {
                tone: verdict_tone(plan.verdict),
                text: verdict_word(plan.verdict, Some(stage), w).to_string(),
            },
        ]),
    ];
    if !plan.what_it_takes.is_empty() {
        blocks.push(what_it_takes(plan, w));
    }
    let title = if plan.verdict == crate::outcome::Verdict::Certified {
        w.recommendations
    } else {
        w.plan
    };
    blocks.push(actions(plan, title, by_owner, w));
    if technical {
        blocks.push(appendix(plan, w));
    }
    Document {
        title: format!("{} {}", w.plan_for, location_title(&plan.location)),
        language,
        kind: "plan",
        wide: false,
        blocks,
    }
}

/// The smallest set of criteria to certification, set apart.
pub(crate) fn what_it_takes(plan: &ImprovementPlan, w: &Words) -> Block {
    let items = plan
        .what_it_takes
        .iter()
        .map(|id| {
            let mut line = vec![strong(id.as_str())];
            if let Some(item) = plan.item(id) {
                line.push(text(format!(" {} ", item.title)));
                line.push(Inline::Aside(vec![text(format!(
                    "({}: {})",
                    w.owner, item.owner_name
                ))]));
            }
            Item::line(line)
        })
        .collect();
    Block::Boxed(vec![
        heading(2, vec![text(w.what_it_takes)]),
        Block::Paragraph(vec![text(
            w.what_it_takes_sentence(plan.what_it_takes.len()),
        )]),
        Block::List(items),
    ])
}

/// The actions, numbered in plan order (a number stays with its action
/// when the actions are grouped per partner).
pub(crate) fn actions(plan: &ImprovementPlan, title: &str, by_owner: bool, w: &Words) -> Block {
    let mut blocks = vec![heading(2, vec![text(title)])];
    if let Some(overdue) = &plan.overdue {
        blocks.push(past_due(overdue, w));
    }
    if plan.items.is_empty() {
        blocks.push(Block::Paragraph(vec![text(w.no_plan_items)]));
        return Block::Section(blocks);
    }
    let number = |item: &PlanItem| {
        plan.items
            .iter()
            .position(|i| i.criterion == item.criterion)
            .map_or(0, |p| p + 1)
    };
    if by_owner {
        for (owner, items) in plan.by_owner() {
            let count = format!(
                "({} {})",
                items.len(),
                if items.len() == 1 { w.item } else { w.items }
            );
            blocks.push(heading(
                3,
                vec![
                    text(format!(
                        "{} ",
                        items.first().map_or(owner, |i| i.owner_name.as_str())
                    )),
                    Inline::Aside(vec![text(count)]),
                ],
            ));
            blocks.push(Block::List(
                items
                    .into_iter()
                    .map(|item| action(number(item), item, w))
                    .collect(),
            ));
        }
    } else {
        blocks.push(Block::List(
            plan.items
                .iter()
                .map(|item| action(number(item), item, w))
                .collect(),
        ));
    }
    Block::Section(blocks)
}

/// One action: the criterion, why it matters and whose move it is, and
/// under it what is needed, the author's advice and the evidence.
fn action(number: usize, item: &PlanItem, w: &Words) -> Item {
    let mut tags = vec![text(format!("— {}", priority_word(item.priority, w)))];
    if let Some(legal) = &item.legal {
        tags.push(text(format!(" · {}: {legal}", w.legal_basis)));
    }
    tags.push(text(format!(" · {}: {}", w.owner, who(item, w))));
    if let Some(gain) = item.gain.filter(|g| !g.is_zero()) {
        tags.push(text(format!(
            " · +{} {}",
            w.points(&w.percentage_points, gain),
            w.gain
        )));
    }
    if item.needed_for_certificate {
        tags.push(text(" · "));
        tags.push(strong(w.for_certificate));
    }
    let mut details: Vec<Inlines> = item
        .plain
        .needed
        .iter()
        .map(|needed| vec![text(format!("{}: {needed}", w.needed))])
        .collect();
    if let Some(advice) = &item.action {
        details.push(vec![text(format!("{}: {advice}", w.action))]);
    }
    if !item.plain.evidence.is_empty() {
        details.push(vec![Inline::Aside(vec![text(format!(
            "{}: {}",
            w.evidence,
            w.list(&item.plain.evidence)
        ))])]);
    }
    for agreement in &item.agreed {
        details.push(agreed(agreement, &item.owner_name, w));
        if let Some(notes) = &agreement.entry.notes {
            details.push(vec![text(format!("{}: {notes}", w.notes))]);
        }
    }
    Item {
        number: Some(number),
        text: vec![
            Inline::Marked {
                tone: status_tone(item.status),
                text: item.criterion.clone(),
            },
            text(format!(" {} ", item.title)),
            Inline::Aside(tags),
        ],
        details,
    }
}

/// The plan file's items past their due date, set apart above the
/// actions; a line saying there are none when a plan file was read.
fn past_due(overdue: &[Agreement], w: &Words) -> Block {
    if overdue.is_empty() {
        return Block::Detail(vec![text(w.overdue_none)]);
    }
    let items = overdue
        .iter()
        .map(|a| {
            let e = &a.entry;
            let mut line = vec![strong(e.criterion.as_str())];
            if let Some(title) = &e.title {
                line.push(text(format!(" {title}")));
            }
            let mut tags = Vec::new();
            if let Some(due) = e.due {
                tags.push(format!("{} {}", w.due, w.date(due)));
            }
            if let Some(owner) = &e.owner {
                tags.push(format!(
                    "{}: {}",
                    w.owner,
                    super::who(owner, e.contact.as_deref(), None, w)
                ));
            }
            tags.push(item_status_word(e.status, w).to_string());
            if !e.in_framework {
                tags.push(w.not_in_framework.to_string());
            }
            line.push(text(" "));
            line.push(Inline::Aside(vec![text(format!("— {}", tags.join(" · ")))]));
            Item::line(line)
        })
        .collect();
    Block::Boxed(vec![
        heading(3, vec![text(w.overdue_heading)]),
        Block::Paragraph(vec![text(w.overdue_intro)]),
        Block::List(items),
    ])
}

/// What the plan file agreed about an action, on one line: "Afgesproken:
/// aan zet: school (contactpersoon: Erik Bos) · uiterlijk 1 september
/// 2025 · bezig · over de termijn".
fn agreed(agreement: &Agreement, owner: &str, w: &Words) -> Inlines {
    let e = &agreement.entry;
    let mut parts = Vec::new();
    // The owner as agreed where it differs from the framework's, or has a
    // contact person.
    if e.owner.as_deref().is_some_and(|o| o != owner) || e.contact.is_some() {
        let owner = e.owner.as_deref().unwrap_or("-");
        parts.push(format!(
            "{}: {}",
            w.owner,
            super::who(owner, e.contact.as_deref(), None, w)
        ));
    }
    if let Some(due) = e.due {
        parts.push(format!("{} {}", w.due, w.date(due)));
    }
    parts.push(item_status_word(e.status, w).to_string());
    if let Some(done) = e.gereed_op {
        parts.push(format!("{} {}", w.done_on, w.date(done)));
    }
    let mut line = vec![text(format!("{}: {}", w.agreed, parts.join(" · ")))];
    if agreement.overdue {
        line.push(text(" · "));
        line.push(strong(w.overdue));
    }
    line
}

/// A plan file's status in words.
pub(crate) fn item_status_word(status: ItemStatus, w: &Words) -> &'static str {
    match status {
        ItemStatus::Open => w.item_open,
        ItemStatus::Bezig => w.item_under_way,
        ItemStatus::Gereed => w.item_done,
        ItemStatus::Vervallen => w.item_dropped,
    }
}

/// For administrators: what each action needs in the framework's
/// notation, and the paths of its evidence.
fn appendix(plan: &ImprovementPlan, w: &Words) -> Block {
    let items = plan
        .items
        .iter()
        .map(|item| {
            let mut details: Vec<Inlines> = item
                .needed
                .iter()
                .map(|needed| vec![text(format!("{}: {needed}", w.needed))])
                .collect();
            if !item.evidence.is_empty() {
                let mut line = vec![text(format!("{}: ", w.evidence))];
                for (i, path) in item.evidence.iter().enumerate() {
                    if i > 0 {
                        line.push(text(", "));
                    }
                    line.push(Inline::Code(path.clone()));
                }
                details.push(line);
            }
            Item {
                number: None,
                text: vec![text(format!("{} {}", item.criterion, item.title))],
                details,
            }
        })
        .collect();
    Block::Section(vec![
        heading(2, vec![text(w.technical_appendix)]),
        Block::Paragraph(vec![text(w.technical_intro)]),
        Block::List(items),
    ])
}

/// Whose move an item is, with its contact person and lead.
fn who(item: &PlanItem, w: &Words) -> String {
    super::who(
        &item.owner_name,
        item.contact.as_deref(),
        item.lead.as_deref(),
        w,
    )
}
