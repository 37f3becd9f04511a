//! An improvement plan as a document of the layout model: on its own, or
//! its parts (what it takes, the actions) within a location's report.

use super::{
    location_details, location_title, priority_word, status_tone, verdict_tone, verdict_word,
};
use crate::eval::Stage;
use crate::layout::{heading, strong, text, Block, Document, Inline, Inlines, Item};
use crate::plan::{ImprovementPlan, PlanItem};
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
