//! The "wie doet wat" annex as a document of the layout model: one
//! printable page per location (see [`crate::annex`]).

use super::{location_details, location_title};
use crate::annex::{Annex, ContactWarning, PartnerDuties};
use crate::layout::{column, section_heading as heading, table, text, Block, Cell, Document};
use crate::outcome::Status;
use crate::terms::Language;
use crate::words::{fill, plural, words, Words};

/// The annex of one location.
pub(crate) fn document(annex: &Annex, language: Language) -> Document {
    let w = words(language);
    let rows = annex.partners.iter().map(|p| row(p, w)).collect();
    let mut blocks = vec![
        Block::Meta(vec![text(location_details(&annex.location))]),
        Block::Meta(vec![text(format!("{} {}", w.as_of, w.date(annex.as_of)))]),
        Block::Paragraph(vec![text(w.annex_intro)]),
        table(
            vec![
                column(w.annex_partner),
                column(w.annex_contact),
                column(w.annex_role),
                column(w.annex_confirmed),
                column(w.annex_responsible),
                column(w.annex_actions),
            ],
            rows,
        ),
    ];
    let looks: Vec<String> = annex
        .partners
        .iter()
        .flat_map(|p| p.warnings.iter().map(move |warning| look(p, *warning, w)))
        .collect();
    let mut section = vec![heading(w.annex_look)];
    if looks.is_empty() {
        section.push(Block::Paragraph(vec![text(w.annex_all_current)]));
    } else {
        section.push(Block::List(
            looks
                .into_iter()
                .map(|l| crate::layout::Item {
                    number: None,
                    text: vec![text(l)],
                    details: Vec::new(),
                })
                .collect(),
        ));
    }
    blocks.push(Block::Section(section));
    Document {
        title: format!("{} — {}", w.annex_title, location_title(&annex.location)),
        language,
        kind: "annex",
        wide: false,
        blocks,
    }
}

/// One partner's row.
fn row(p: &PartnerDuties, w: &Words) -> Vec<Cell> {
    let name = match &p.lead {
        Some(lead) => format!("{} ({}: {lead})", p.name, w.lead_partner),
        None => p.name.clone(),
    };
    let contact = match (&p.contact, p.contact_asked) {
        (Some(contact), _) => contact.clone(),
        (None, true) => w.annex_contact_missing.to_string(),
        (None, false) => "—".to_string(),
    };
    let open: Vec<String> = p
        .criteria
        .iter()
        .filter(|c| matches!(c.status, Status::Fail | Status::Unknown))
        .map(|c| format!("{} {}", c.id, c.title))
        .collect();
    let count = p.criteria.len();
    let responsible = if count == 0 {
        w.annex_none.to_string()
    } else if open.is_empty() {
        plural(&w.annex_all_in_order, count, &[])
    } else {
        plural(&w.annex_open, count, &[("open", &open.join("; "))])
    };
    let actions: Vec<String> = p
        .actions
        .iter()
        .map(|(number, criterion)| {
            let title = p
                .criteria
                .iter()
                .find(|c| &c.id == criterion)
                .map_or(criterion.as_str(), |c| c.title.as_str());
            fill(
                w.annex_action,
                &[("number", &number.to_string()), ("title", title)],
            )
        })
        .collect();
    vec![
        Cell::text(name),
        Cell::text(contact),
        Cell::text(p.role.clone().unwrap_or_default()),
        Cell::text(p.confirmed_on.map(|d| w.date(d)).unwrap_or_default()),
        Cell::text(responsible),
        Cell::text(if actions.is_empty() {
            w.annex_none.to_string()
        } else {
            actions.join("; ")
        }),
    ]
}

/// A warning about a partner's contact, as a sentence.
fn look(p: &PartnerDuties, warning: ContactWarning, w: &Words) -> String {
    match warning {
        ContactWarning::Missing => fill(w.annex_missing, &[("partner", &p.name)]),
        ContactWarning::NeverConfirmed => fill(w.annex_never, &[("partner", &p.name)]),
        ContactWarning::Stale => fill(
            w.annex_stale,
            &[
                ("partner", &p.name),
                (
                    "date",
                    &p.confirmed_on.map(|d| w.date(d)).unwrap_or_default(),
                ),
            ],
        ),
    }
}
