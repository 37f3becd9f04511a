//! The "wie doet wat" annex of one location: each partner of the
//! framework, its contact person and their role as the evidence gives
//! them, what the partner is responsible for (its criteria, and the open
//! actions of the improvement plan), and what to look at: a contact that
//! is missing, or that nobody confirmed in the last year.
//!
//! The contact's role is the part in brackets at the end of the evidence
//! ("Erik Bos (schoolagent)"); the day it was confirmed is the day its
//! value was verified ([`crate::Provenance`]), checked yearly.

use jiff::civil::Date;
use serde::Serialize;

use crate::eval::Assessment;
use crate::outcome::Status;
use crate::plan::ImprovementPlan;

/// The annex of one location.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Annex {
    /// The location.
    pub location: crate::evidence::Location,
    /// The date the evidence was judged on.
    pub as_of: Date,
    /// Every partner of the framework, in its order.
    pub partners: Vec<PartnerDuties>,
}

/// One partner: whom to call, and what for.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PartnerDuties {
    /// The partner's id.
    pub id: String,
    /// Its name, in the annex's language.
    pub name: String,
    /// For work done together: the name of the partner who leads.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lead: Option<String>,
    /// Whether the framework asks the evidence for this partner's contact.
    pub contact_asked: bool,
    /// The contact person's name.
    pub contact: Option<String>,
    /// Their role, where the evidence gives it in brackets.
    pub role: Option<String>,
    /// The day the contact was last confirmed (its value verified).
    pub confirmed_on: Option<Date>,
    /// The criteria it is responsible for, in framework order.
    pub criteria: Vec<Duty>,
    /// The criteria of its open plan actions, in plan order, with each
    /// action's number in the plan.
    pub actions: Vec<(usize, String)>,
    /// What to look at.
    pub warnings: Vec<ContactWarning>,
}

/// A criterion a partner is responsible for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Duty {
    /// The criterion's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its status at the location.
    pub status: Status,
}

/// Why a contact needs a look.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactWarning {
    /// The framework asks for the contact, and the evidence gives none.
    Missing,
    /// Nobody confirmed the contact in the year before the as-of date.
    Stale,
    /// The evidence does not say when the contact was confirmed.
    NeverConfirmed,
}

/// The annex of an assessed location and its plan.
pub fn annex(assessment: &Assessment, plan: &ImprovementPlan) -> Annex {
    let outcome = &assessment.outcome;
    let year_before = crate::value::subtract(
        outcome.as_of,
        crate::terms::Period {
            amount: 12,
            unit: crate::terms::Unit::Months,
        },
    );
    let partners = outcome
        .partners
        .iter()
        .map(|p| {
            let (contact, role) = match &p.contact {
                Some(text) => {
                    let (name, role) = split_role(text);
                    (Some(name), role)
                }
                None => (None, None),
            };
            let mut warnings = Vec::new();
            if p.contact_asked {
                match (&contact, p.confirmed_on) {
                    (None, _) => warnings.push(ContactWarning::Missing),
                    (Some(_), None) => warnings.push(ContactWarning::NeverConfirmed),
                    (Some(_), Some(on)) if year_before.is_some_and(|y| on < y) => {
                        warnings.push(ContactWarning::Stale);
                    }
                    _ => {}
                }
            }
            PartnerDuties {
                id: p.id.clone(),
                name: p.name.clone(),
                lead: p.lead.as_ref().map(|lead| {
                    outcome
                        .partners
                        .iter()
                        .find(|q| &q.id == lead)
                        .map_or_else(|| lead.clone(), |q| q.name.clone())
                }),
                contact_asked: p.contact_asked,
                contact,
                role,
                confirmed_on: p.confirmed_on,
                criteria: outcome
                    .criteria
                    .iter()
                    .filter(|c| c.owner == p.id)
                    .map(|c| Duty {
                        id: c.id.clone(),
                        title: c.title.clone(),
                        status: c.status,
                    })
                    .collect(),
                actions: plan
                    .items
                    .iter()
                    .enumerate()
                    .filter(|(_, item)| item.owner == p.id)
                    .map(|(i, item)| (i + 1, item.criterion.clone()))
                    .collect(),
                warnings,
            }
        })
        .collect();
    Annex {
        location: outcome.location.clone(),
        as_of: outcome.as_of,
        partners,
    }
}

/// "Erik Bos (schoolagent)" → ("Erik Bos", Some("schoolagent")).
fn split_role(text: &str) -> (String, Option<String>) {
    let trimmed = text.trim();
    if let Some(inner) = trimmed.strip_suffix(')') {
        if let Some((name, role)) = inner.rsplit_once('(') {
            let (name, role) = (name.trim(), role.trim());
            if !name.is_empty() && !role.is_empty() {
                return (name.to_string(), Some(role.to_string()));
            }
        }
    }
    (trimmed.to_string(), None)
}

#[cfg(test)]
mod tests {
    use super::split_role;

    #[test]
    fn the_role_is_the_part_in_brackets_at_the_end() {
        assert_eq!(
            split_role("Erik Bos (schoolagent)"),
            ("Erik Bos".into(), Some("schoolagent".into()))
        );
        assert_eq!(split_role(" Anna de Wit "), ("Anna de Wit".into(), None));
        assert_eq!(split_role("(schoolagent)"), ("(schoolagent)".into(), None));
        assert_eq!(
            split_role("J. (Jan) Smit (wijkagent)"),
            ("J. (Jan) Smit".into(), Some("wijkagent".into()))
        );
    }
}
