//! The basiskader written by hand in Rust: a plain struct of optional
//! fields filled from the same evidence JSON, and one function per
//! criterion. This is the practical limit for evaluating these rules:
//! no interpretation, no allocation, every path a field access.

use jiff::civil::Date;
use jiff::ToSpan;
use serde_json::Value;

use super::{and, first_level, graded, or, plain, Judged};

/// `school.type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SchoolType {
    Po,
    So,
    Vo,
    Mbo,
}

/// One location's evidence; `None` is not supplied.
#[derive(Clone, Debug, Default)]
pub struct Location {
    pub as_of: Option<Date>,
    pub school_type: Option<SchoolType>,
    pub max_present: Option<i64>,
    pub plan_adopted: Option<Date>,
    pub plan_evaluated: Option<Date>,
    pub covers_prevention: Option<bool>,
    pub covers_handling: Option<bool>,
    pub covers_registration: Option<bool>,
    pub covers_evaluation: Option<bool>,
    pub coordinator_name: Option<String>,
    pub vog_coverage: Option<f64>,
    pub staff_trained: Option<f64>,
    pub bullying_coordinator: Option<String>,
    pub bullying_published: Option<bool>,
    pub protocol_updated: Option<Date>,
    pub monitor_last_run: Option<Date>,
    pub monitor_standardised: Option<bool>,
    pub response_rate: Option<f64>,
    pub feels_safe: Option<f64>,
    pub followup_plan: Option<bool>,
    pub rules_published: Option<bool>,
    pub meldcode_adopted: Option<bool>,
    pub afwegingskader: Option<bool>,
    pub meldcode_officer: Option<String>,
    pub meldcode_trained: Option<f64>,
    pub abuse_protocol: Option<bool>,
    pub confidential_inspector: Option<bool>,
    pub complaints_procedure: Option<bool>,
    pub complaints_committee: Option<bool>,
    pub confidential_adviser: Option<String>,
    pub late_reports: Option<i64>,
    pub care_meetings: Option<i64>,
    pub rie_date: Option<Date>,
    pub rie_reviewed: Option<Date>,
    pub prevention_officer: Option<String>,
    pub cameras_in_use: Option<bool>,
    pub cameras_dpia: Option<bool>,
    pub cameras_regulation: Option<bool>,
    pub retention_days: Option<i64>,
    pub access_policy: Option<bool>,
    pub playground_inspected: Option<Date>,
    pub fire_serviced: Option<Date>,
    pub bhv_trained: Option<i64>,
    pub bhv_refreshed: Option<f64>,
    pub evacuation_plan: Option<Date>,
    pub drills: Option<Vec<Date>>,
    pub crisis_plan: Option<bool>,
    pub lockdown: Option<bool>,
    pub incident_registration: Option<bool>,
    pub incident_analysis: Option<Date>,
    pub police_protocol: Option<bool>,
    pub shared_with_council: Option<bool>,
    pub covenant_signed: Option<Date>,
    pub covenant_partners: Option<usize>,
    pub police_contact: Option<String>,
    pub partner_meetings: Option<i64>,
    pub roles_documented: Option<bool>,
    pub halt_sessions: Option<i64>,
    pub ggd_contact: Option<String>,
    pub walkthrough: Option<Date>,
    pub nuisance_agreements: Option<bool>,
    pub safe_routes: Option<bool>,
    pub measures_linked: Option<bool>,
}

fn at<'a>(root: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.')
        .try_fold(root, |v, key| v.get(key))
        .filter(|v| !v.is_null())
}

fn boolean(root: &Value, path: &str) -> Option<bool> {
    at(root, path)?.as_bool()
}

fn int(root: &Value, path: &str) -> Option<i64> {
    at(root, path)?.as_i64()
}

fn text(root: &Value, path: &str) -> Option<String> {
    at(root, path)?.as_str().map(str::to_string)
}

fn date(root: &Value, path: &str) -> Option<Date> {
    at(root, path)?.as_str()?.parse().ok()
}

/// A percentage: `"71%"` or a fraction such as `0.71`.
fn percent(root: &Value, path: &str) -> Option<f64> {
    match at(root, path)? {
        Value::String(s) => s
            .trim()
            .strip_suffix('%')?
            .trim()
            .parse::<f64>()
            .ok()
            .map(|p| p / 100.0),
        v => v.as_f64(),
    }
}

impl Location {
    /// Reads an evidence document; what is missing or not understood stays
    /// `None`.
    pub fn from_json(text_: &str) -> Option<Location> {
        let doc: Value = serde_json::from_str(text_).ok()?;
        let e = doc.get("evidence").unwrap_or(&Value::Null);
        Some(Location {
            as_of: date(&doc, "as_of"),
            school_type: match at(e, "school.type").and_then(Value::as_str) {
                Some("po") => Some(SchoolType::Po),
                Some("so") => Some(SchoolType::So),
                Some("vo") => Some(SchoolType::Vo),
                Some("mbo") => Some(SchoolType::Mbo),
                _ => None,
            },
            max_present: int(e, "people.max_present"),
            plan_adopted: date(e, "safety_plan.adopted"),
            plan_evaluated: date(e, "safety_plan.evaluated"),
            covers_prevention: boolean(e, "safety_plan.covers.prevention"),
            covers_handling: boolean(e, "safety_plan.covers.handling"),
            covers_registration: boolean(e, "safety_plan.covers.registration"),
            covers_evaluation: boolean(e, "safety_plan.covers.evaluation"),
            coordinator_name: text(e, "coordinator.name"),
            vog_coverage: percent(e, "staff.vog_coverage"),
            staff_trained: percent(e, "staff.trained_24m"),
            bullying_coordinator: text(e, "anti_bullying.coordinator"),
            bullying_published: boolean(e, "anti_bullying.published"),
            protocol_updated: date(e, "anti_bullying.protocol_updated"),
            monitor_last_run: date(e, "monitor.last_run"),
            monitor_standardised: boolean(e, "monitor.standardised"),
            response_rate: percent(e, "monitor.response_rate"),
            feels_safe: percent(e, "monitor.feels_safe"),
            followup_plan: boolean(e, "monitor.followup_plan"),
            rules_published: boolean(e, "rules.published"),
            meldcode_adopted: boolean(e, "meldcode.adopted"),
            afwegingskader: boolean(e, "meldcode.afwegingskader"),
            meldcode_officer: text(e, "meldcode.officer"),
            meldcode_trained: percent(e, "meldcode.trained_24m"),
            abuse_protocol: boolean(e, "abuse_protocol.present"),
            confidential_inspector: boolean(e, "abuse_protocol.confidential_inspector"),
            complaints_procedure: boolean(e, "complaints.procedure"),
            complaints_committee: boolean(e, "complaints.committee"),
            confidential_adviser: text(e, "complaints.confidential_adviser"),
            late_reports: int(e, "absence.late_reports"),
            care_meetings: int(e, "care_team.meetings_12m"),
            rie_date: date(e, "rie.date"),
            rie_reviewed: date(e, "rie.action_plan_reviewed"),
            prevention_officer: text(e, "prevention.officer"),
            cameras_in_use: boolean(e, "cameras.in_use"),
            cameras_dpia: boolean(e, "cameras.dpia"),
            cameras_regulation: boolean(e, "cameras.regulation"),
            retention_days: int(e, "cameras.retention_days"),
            access_policy: boolean(e, "access.policy"),
            playground_inspected: date(e, "playground.inspected"),
            fire_serviced: date(e, "fire.equipment_serviced"),
            bhv_trained: int(e, "bhv.trained"),
            bhv_refreshed: percent(e, "bhv.refreshed_24m"),
            evacuation_plan: date(e, "evacuation.plan_updated"),
            drills: at(e, "evacuation.drills")
                .and_then(Value::as_array)
                .map(|items| {
                    items
                        .iter()
                        .filter_map(|d| d.as_str()?.parse().ok())
                        .collect()
                }),
            crisis_plan: boolean(e, "crisis.plan"),
            lockdown: boolean(e, "crisis.lockdown_procedure"),
            incident_registration: boolean(e, "incidents.registration"),
            incident_analysis: date(e, "incidents.analysis"),
            police_protocol: boolean(e, "incidents.police_protocol"),
            shared_with_council: boolean(e, "incidents.shared_with_council"),
            covenant_signed: date(e, "covenant.signed"),
            covenant_partners: at(e, "covenant.partners")
                .and_then(Value::as_array)
                .map(Vec::len),
            police_contact: text(e, "police.contact"),
            partner_meetings: int(e, "partners.meetings_12m"),
            roles_documented: boolean(e, "partners.roles_documented"),
            halt_sessions: int(e, "halt.sessions_12m"),
            ggd_contact: text(e, "ggd.contact"),
            walkthrough: date(e, "surroundings.walkthrough"),
            nuisance_agreements: boolean(e, "surroundings.nuisance_agreements"),
            safe_routes: boolean(e, "surroundings.safe_routes"),
            measures_linked: boolean(e, "measures.linked"),
        })
    }
}

/// Windows of the as-of date, computed once a location.
struct Windows {
    as_of: Date,
    m12: Option<Date>,
    m24: Option<Date>,
    m48: Option<Date>,
}

impl Windows {
    #[inline]
    fn within(&self, start: Option<Date>, d: Option<Date>) -> Option<bool> {
        let d = d?;
        Some(start? <= d && d <= self.as_of)
    }
}

#[inline]
fn present(t: &Option<String>) -> Option<bool> {
    Some(t.as_deref().is_some_and(|t| !t.trim().is_empty()))
}

#[inline]
fn ge(v: Option<f64>, bound: f64) -> Option<bool> {
    v.map(|v| v >= bound)
}

#[inline]
fn ige(v: Option<i64>, bound: i64) -> Option<bool> {
    v.map(|v| v >= bound)
}

#[inline]
fn all(items: &[Option<bool>]) -> Option<bool> {
    // Kleene: a false after an unknown still decides.
    let mut all = Some(true);
    for &item in items {
        all = and(all, item);
    }
    all
}

/// Evaluates every criterion in framework order.
pub fn evaluate(l: &Location) -> [Judged; 49] {
    let Some(as_of) = l.as_of else {
        return [plain(None, None); 49];
    };
    let w = Windows {
        as_of,
        m12: as_of.checked_sub(12.months()).ok(),
        m24: as_of.checked_sub(24.months()).ok(),
        m48: as_of.checked_sub(48.months()).ok(),
    };
    let t = l.school_type;
    let po_so_vo = t.map(|t| matches!(t, SchoolType::Po | SchoolType::So | SchoolType::Vo));
    let po_so = t.map(|t| matches!(t, SchoolType::Po | SchoolType::So));
    let po_vo = t.map(|t| matches!(t, SchoolType::Po | SchoolType::Vo));
    let mbo = t.map(|t| t == SchoolType::Mbo);
    let yes = Some(true);
    let level3 = |v: Option<f64>, a: f64, b: f64, c: f64| {
        first_level(&[(3, ge(v, a)), (2, ge(v, b)), (1, ge(v, c))])
    };
    let level2 = |v: Option<f64>, a: f64, b: f64| first_level(&[(2, ge(v, a)), (1, ge(v, b))]);
    let drills = l.drills.as_ref().map(|d| {
        d.iter()
            .filter(|d| w.within(w.m12, Some(**d)) == Some(true))
            .count()
    });
    let drills_at_least = |n: usize| drills.map(|c| c >= n);
    [
        plain(yes, w.within(w.m48, l.plan_adopted)),
        plain(
            yes,
            all(&[
                l.covers_prevention,
                l.covers_handling,
                l.covers_registration,
                l.covers_evaluation,
            ]),
        ),
        plain(yes, present(&l.coordinator_name)),
        plain(yes, w.within(w.m12, l.plan_evaluated)),
        plain(po_so_vo, ge(l.vog_coverage, 1.0)),
        graded(yes, level3(l.staff_trained, 0.9, 0.75, 0.5)),
        plain(
            po_so_vo,
            and(present(&l.bullying_coordinator), l.bullying_published),
        ),
        plain(
            po_so_vo,
            and(w.within(w.m12, l.monitor_last_run), l.monitor_standardised),
        ),
        plain(mbo, w.within(w.m24, l.monitor_last_run)),
        plain(yes, ge(l.response_rate, 0.7)),
        graded(yes, level3(l.feels_safe, 0.9, 0.85, 0.75)),
        plain(yes, w.within(w.m24, l.protocol_updated)),
        plain(yes, l.rules_published),
        plain(yes, or(ge(l.feels_safe, 0.85), l.followup_plan)),
        plain(yes, and(l.meldcode_adopted, l.afwegingskader)),
        plain(yes, present(&l.meldcode_officer)),
        graded(yes, level2(l.meldcode_trained, 0.8, 0.5)),
        plain(yes, and(l.abuse_protocol, l.confidential_inspector)),
        plain(yes, and(l.complaints_procedure, l.complaints_committee)),
        plain(yes, present(&l.confidential_adviser)),
        plain(yes, l.late_reports.map(|n| n == 0)),
        plain(yes, ige(l.care_meetings, 4)),
        plain(yes, w.within(w.m48, l.rie_date)),
        plain(yes, w.within(w.m12, l.rie_reviewed)),
        plain(yes, present(&l.prevention_officer)),
        plain(
            l.cameras_in_use,
            all(&[
                l.cameras_dpia,
                l.cameras_regulation,
                l.retention_days.map(|d| d <= 28),
            ]),
        ),
        plain(yes, l.access_policy),
        plain(po_so, w.within(w.m12, l.playground_inspected)),
        plain(yes, w.within(w.m12, l.fire_serviced)),
        plain(
            yes,
            and(
                ige(l.bhv_trained, 2),
                l.bhv_trained
                    .zip(l.max_present)
                    .and_then(|(b, p)| Some(b.checked_mul(50)? >= p)),
            ),
        ),
        graded(yes, level2(l.bhv_refreshed, 1.0, 0.75)),
        plain(yes, w.within(w.m12, l.evacuation_plan)),
        graded(
            yes,
            first_level(&[(2, drills_at_least(2)), (1, drills_at_least(1))]),
        ),
        plain(yes, l.crisis_plan),
        plain(yes, l.lockdown),
        plain(yes, l.incident_registration),
        plain(yes, w.within(w.m12, l.incident_analysis)),
        plain(yes, l.police_protocol),
        plain(yes, l.shared_with_council),
        plain(
            yes,
            and(
                w.within(w.m48, l.covenant_signed),
                l.covenant_partners.map(|n| n >= 3),
            ),
        ),
        plain(yes, present(&l.police_contact)),
        graded(
            yes,
            first_level(&[
                (2, ige(l.partner_meetings, 4)),
                (1, ige(l.partner_meetings, 2)),
            ]),
        ),
        plain(po_vo, ige(l.halt_sessions, 1)),
        plain(yes, present(&l.ggd_contact)),
        plain(yes, l.roles_documented),
        plain(yes, w.within(w.m12, l.walkthrough)),
        plain(yes, l.nuisance_agreements),
        plain(po_so, l.safe_routes),
        plain(yes, l.measures_linked),
    ]
}
