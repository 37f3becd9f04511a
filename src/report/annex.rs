//! The "wie doet wat" annex as a document of the layout model: one
//! printable page per location (see [`crate::annex`]).

use super::{location_details, location_title};
use crate::annex::{Annex, ContactWarning, PartnerDuties};
use crate::layout::{section_heading as heading, strong, text, Block, Definition, Document};
use crate::outcome::Status;
use crate::terms::Language;
use crate::words::{fill, plural, words, Words};

/// The annex of one location.
pub(crate) fn document(annex: &Annex, language: Language) -> Document {
    let w = words(language);
    let partners = annex.partners.iter().map(|p| partner(p, w)).collect();
    let mut blocks = vec![
        Block::Meta(vec![text(location_details(&annex.location))]),
        Block::Meta(vec![text(format!("{} {}", w.as_of, w.date(annex.as_of)))]),
        Block::Paragraph(vec![text(w.annex_intro)]),
        Block::Definitions(partners),
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

/// One partner: its contact, then what it is responsible for and its
/// open actions, a line each.
fn partner(p: &PartnerDuties, w: &Words) -> Definition {
    let name = match &p.lead {
        Some(lead) => format!("{} ({}: {lead})", p.name, w.lead_partner),
        None => p.name.clone(),
    };
    // Name, role and when confirmed in one cell, so the table fits a page.
    let mut contact = match (&p.contact, p.contact_asked) {
        (Some(contact), _) => contact.clone(),
        (None, true) => w.annex_contact_missing.to_string(),
        (None, false) => "—".to_string(),
    };
    if let Some(role) = &p.role {
        contact = format!("{contact} ({} {role})", w.annex_role);
    }
    if let Some(on) = p.confirmed_on {
        contact = format!("{contact}; {} {}", w.annex_confirmed, w.date(on));
    }
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
    let actions = if actions.is_empty() {
        w.annex_none.to_string()
    } else {
        actions.join("; ")
    };
    Definition {
        term: vec![text(name)],
        description: vec![strong(format!("{}: ", w.annex_contact)), text(contact)],
        details: vec![
            vec![
                strong(format!("{}: ", w.annex_responsible)),
                text(responsible),
            ],
            vec![strong(format!("{}: ", w.annex_actions)), text(actions)],
        ],
    }
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
