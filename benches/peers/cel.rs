//! The basiskader in CEL (the `cel-interpreter` crate): one program per
//! requirement, graded level and applicability condition, compiled once and
//! executed per location with the evidence as variables.
//!
//! Three-valued logic, approximated: CEL's `&&` and `||` treat a missing
//! value as an error (and `cel-interpreter` lets an error on the left win
//! even over `false` on the right), so each condition is written to give an
//! int instead: 2 true, 1 unknown, 0 false. Every evidence path is declared,
//! `null` when not supplied; an atom on a `null` gives 1; `and` is `min`,
//! `or` is `max`, which are exactly Kleene's rules. Calendar windows are
//! computed by the host once a location (`as_of`, `w12`, `w24`, `w48`, dates
//! as `yyyymmdd` ints), as CEL has no calendar months; `present(p)` is
//! `p.matches('\\S')`.

use std::collections::HashMap;
use std::sync::Arc;

use cel_interpreter::{Context, Program, Value};
use jiff::civil::Date;
use jiff::ToSpan;
use serde_json::Value as Json;

use super::{graded, plain, Judged};

/// What a declared evidence path holds.
#[derive(Clone, Copy)]
enum Kind {
    Bool,
    Int,
    Percent,
    Date,
    Text,
    Dates,
    List,
}

/// Every declared evidence path, as CEL sees it.
const EVIDENCE: &[(&str, Kind)] = &[
    ("school.type", Kind::Text),
    ("people.max_present", Kind::Int),
    ("safety_plan.adopted", Kind::Date),
    ("safety_plan.evaluated", Kind::Date),
    ("safety_plan.covers.prevention", Kind::Bool),
    ("safety_plan.covers.handling", Kind::Bool),
    ("safety_plan.covers.registration", Kind::Bool),
    ("safety_plan.covers.evaluation", Kind::Bool),
    ("coordinator.name", Kind::Text),
    ("staff.vog_coverage", Kind::Percent),
    ("staff.trained_24m", Kind::Percent),
    ("anti_bullying.coordinator", Kind::Text),
    ("anti_bullying.published", Kind::Bool),
    ("anti_bullying.protocol_updated", Kind::Date),
    ("monitor.last_run", Kind::Date),
    ("monitor.standardised", Kind::Bool),
    ("monitor.response_rate", Kind::Percent),
    ("monitor.feels_safe", Kind::Percent),
    ("monitor.followup_plan", Kind::Bool),
    ("rules.published", Kind::Bool),
    ("meldcode.adopted", Kind::Bool),
    ("meldcode.afwegingskader", Kind::Bool),
    ("meldcode.officer", Kind::Text),
    ("meldcode.trained_24m", Kind::Percent),
    ("abuse_protocol.present", Kind::Bool),
    ("abuse_protocol.confidential_inspector", Kind::Bool),
    ("complaints.procedure", Kind::Bool),
    ("complaints.committee", Kind::Bool),
    ("complaints.confidential_adviser", Kind::Text),
    ("absence.late_reports", Kind::Int),
    ("care_team.meetings_12m", Kind::Int),
    ("rie.date", Kind::Date),
    ("rie.action_plan_reviewed", Kind::Date),
    ("prevention.officer", Kind::Text),
    ("cameras.in_use", Kind::Bool),
    ("cameras.dpia", Kind::Bool),
    ("cameras.regulation", Kind::Bool),
    ("cameras.retention_days", Kind::Int),
    ("access.policy", Kind::Bool),
    ("playground.inspected", Kind::Date),
    ("fire.equipment_serviced", Kind::Date),
    ("bhv.trained", Kind::Int),
    ("bhv.refreshed_24m", Kind::Percent),
    ("evacuation.plan_updated", Kind::Date),
    ("evacuation.drills", Kind::Dates),
    ("crisis.plan", Kind::Bool),
    ("crisis.lockdown_procedure", Kind::Bool),
    ("incidents.registration", Kind::Bool),
    ("incidents.analysis", Kind::Date),
    ("incidents.police_protocol", Kind::Bool),
    ("incidents.shared_with_council", Kind::Bool),
    ("covenant.signed", Kind::Date),
    ("covenant.partners", Kind::List),
    ("police.contact", Kind::Text),
    ("partners.meetings_12m", Kind::Int),
    ("partners.roles_documented", Kind::Bool),
    ("halt.sessions_12m", Kind::Int),
    ("ggd.contact", Kind::Text),
    ("surroundings.walkthrough", Kind::Date),
    ("surroundings.nuisance_agreements", Kind::Bool),
    ("surroundings.safe_routes", Kind::Bool),
    ("measures.linked", Kind::Bool),
];

fn yyyymmdd(d: Date) -> i64 {
    i64::from(d.year()) * 10_000 + i64::from(d.month()) * 100 + i64::from(d.day())
}

fn date_of(v: &Json) -> Option<Date> {
    v.as_str()?.parse().ok()
}

fn convert(kind: Kind, v: &Json) -> Value {
    let converted = match kind {
        Kind::Bool => v.as_bool().map(Value::Bool),
        Kind::Int => v.as_i64().map(Value::Int),
        Kind::Percent => match v {
            Json::String(s) => s
                .trim()
                .strip_suffix('%')
                .and_then(|p| p.trim().parse::<f64>().ok())
                .map(|p| Value::Float(p / 100.0)),
            v => v.as_f64().map(Value::Float),
        },
        Kind::Date => date_of(v).map(|d| Value::Int(yyyymmdd(d))),
        Kind::Text => v.as_str().map(|s| Value::String(Arc::new(s.to_string()))),
        Kind::Dates => v.as_array().map(|items| {
            Value::List(Arc::new(
                items
                    .iter()
                    .filter_map(|d| date_of(d).map(|d| Value::Int(yyyymmdd(d))))
                    .collect(),
            ))
        }),
        Kind::List => v.as_array().map(|items| {
            Value::List(Arc::new(
                items
                    .iter()
                    .map(|i| Value::String(Arc::new(i.to_string())))
                    .collect(),
            ))
        }),
    };
    converted.unwrap_or(Value::Null)
}

/// A nested map under construction: a group of evidence.
#[derive(Default)]
struct Group(HashMap<String, Node>);

enum Node {
    Leaf(Value),
    Group(Group),
}

impl Group {
    fn insert(&mut self, path: &[&str], value: Value) {
        match path {
            [] => {}
            [last] => {
                self.0.insert((*last).to_string(), Node::Leaf(value));
            }
            [first, rest @ ..] => {
                let node = self
                    .0
                    .entry((*first).to_string())
                    .or_insert_with(|| Node::Group(Group::default()));
                if let Node::Group(g) = node {
                    g.insert(rest, value);
                }
            }
        }
    }

    fn into_value(self) -> Value {
        let map: HashMap<String, Value> = self
            .0
            .into_iter()
            .map(|(k, n)| {
                let v = match n {
                    Node::Leaf(v) => v,
                    Node::Group(g) => g.into_value(),
                };
                (k, v)
            })
            .collect();
        map.into()
    }
}

/// One location's evidence as CEL variables; `None` when it has no as-of
/// date.
pub fn context(text: &str) -> Option<Context<'static>> {
    let doc: Json = serde_json::from_str(text).ok()?;
    let as_of = doc.get("as_of").and_then(date_of)?;
    let evidence = doc.get("evidence").unwrap_or(&Json::Null);
    let mut root = Group::default();
    for &(path, kind) in EVIDENCE {
        let value = path
            .split('.')
            .try_fold(evidence, |v, key| v.get(key))
            .map_or(Value::Null, |v| convert(kind, v));
        root.insert(&path.split('.').collect::<Vec<_>>(), value);
    }
    let mut ctx = Context::default();
    if let Value::Map(groups) = root.into_value() {
        for (key, value) in groups.map.iter() {
            ctx.add_variable_from_value(key.to_string(), value.clone());
        }
    }
    ctx.add_variable_from_value("as_of", Value::Int(yyyymmdd(as_of)));
    for (name, months) in [("w12", 12), ("w24", 24), ("w48", 48)] {
        let start = as_of.checked_sub(months.months()).ok()?;
        ctx.add_variable_from_value(name, Value::Int(yyyymmdd(start)));
    }
    Some(ctx)
}

fn within(p: &str, window: &str) -> String {
    format!("({p} == null ? 1 : ({p} >= {window} && {p} <= as_of ? 2 : 0))")
}

fn truth(p: &str) -> String {
    format!("({p} == null ? 1 : ({p} ? 2 : 0))")
}

fn cmp(p: &str, op: &str, bound: &str) -> String {
    format!("({p} == null ? 1 : ({p} {op} {bound} ? 2 : 0))")
}

fn present(p: &str) -> String {
    format!("({p} != null && {p}.matches('\\\\S') ? 2 : 0)")
}

fn school_in(types: &str) -> String {
    format!("(school.type == null ? 1 : (school.type in [{types}] ? 2 : 0))")
}

fn drills(n: u32) -> String {
    format!(
        "(evacuation.drills == null ? 1 : (size(evacuation.drills.filter(d, d >= w12 && d <= as_of)) >= {n} ? 2 : 0))"
    )
}

/// A criterion's CEL sources.
struct Source {
    applies: Option<String>,
    requires: Vec<String>,
    levels: Vec<(u64, String)>,
}

fn req(applies: Option<String>, requires: Vec<String>) -> Source {
    Source {
        applies,
        requires,
        levels: Vec::new(),
    }
}

fn levels(levels: Vec<(u64, String)>) -> Source {
    Source {
        applies: None,
        requires: Vec::new(),
        levels,
    }
}

fn pct_levels(p: &str, bounds: &[(u64, &str)]) -> Source {
    levels(bounds.iter().map(|(l, b)| (*l, cmp(p, ">=", b))).collect())
}

fn sources() -> Vec<Source> {
    let po_so_vo = || Some(school_in("'po', 'so', 'vo'"));
    let po_so = || Some(school_in("'po', 'so'"));
    vec![
        req(None, vec![within("safety_plan.adopted", "w48")]),
        req(
            None,
            vec![
                truth("safety_plan.covers.prevention"),
                truth("safety_plan.covers.handling"),
                truth("safety_plan.covers.registration"),
                truth("safety_plan.covers.evaluation"),
            ],
        ),
        req(None, vec![present("coordinator.name")]),
        req(None, vec![within("safety_plan.evaluated", "w12")]),
        req(po_so_vo(), vec![cmp("staff.vog_coverage", ">=", "1.0")]),
        pct_levels("staff.trained_24m", &[(3, "0.9"), (2, "0.75"), (1, "0.5")]),
        req(
            po_so_vo(),
            vec![present("anti_bullying.coordinator"), truth("anti_bullying.published")],
        ),
        req(
            po_so_vo(),
            vec![within("monitor.last_run", "w12"), truth("monitor.standardised")],
        ),
        req(Some(school_in("'mbo'")), vec![within("monitor.last_run", "w24")]),
        req(None, vec![cmp("monitor.response_rate", ">=", "0.7")]),
        pct_levels("monitor.feels_safe", &[(3, "0.9"), (2, "0.85"), (1, "0.75")]),
        req(None, vec![within("anti_bullying.protocol_updated", "w24")]),
        req(None, vec![truth("rules.published")]),
        req(
            None,
            vec![format!(
                "max({}, {})",
                cmp("monitor.feels_safe", ">=", "0.85"),
                truth("monitor.followup_plan")
            )],
        ),
        req(None, vec![truth("meldcode.adopted"), truth("meldcode.afwegingskader")]),
        req(None, vec![present("meldcode.officer")]),
        pct_levels("meldcode.trained_24m", &[(2, "0.8"), (1, "0.5")]),
        req(
            None,
            vec![truth("abuse_protocol.present"), truth("abuse_protocol.confidential_inspector")],
        ),
        req(None, vec![truth("complaints.procedure"), truth("complaints.committee")]),
        req(None, vec![present("complaints.confidential_adviser")]),
        req(None, vec![cmp("absence.late_reports", "==", "0")]),
        req(None, vec![cmp("care_team.meetings_12m", ">=", "4")]),
        req(None, vec![within("rie.date", "w48")]),
        req(None, vec![within("rie.action_plan_reviewed", "w12")]),
        req(None, vec![present("prevention.officer")]),
        req(
            Some(truth("cameras.in_use")),
            vec![
                truth("cameras.dpia"),
                truth("cameras.regulation"),
                cmp("cameras.retention_days", "<=", "28"),
            ],
        ),
        req(None, vec![truth("access.policy")]),
        req(po_so(), vec![within("playground.inspected", "w12")]),
        req(None, vec![within("fire.equipment_serviced", "w12")]),
        req(
            None,
            vec![
                cmp("bhv.trained", ">=", "2"),
                "(bhv.trained == null || people.max_present == null ? 1 : (bhv.trained * 50 >= people.max_present ? 2 : 0))".to_string(),
            ],
        ),
        pct_levels("bhv.refreshed_24m", &[(2, "1.0"), (1, "0.75")]),
        req(None, vec![within("evacuation.plan_updated", "w12")]),
        levels(vec![(2, drills(2)), (1, drills(1))]),
        req(None, vec![truth("crisis.plan")]),
        req(None, vec![truth("crisis.lockdown_procedure")]),
        req(None, vec![truth("incidents.registration")]),
        req(None, vec![within("incidents.analysis", "w12")]),
        req(None, vec![truth("incidents.police_protocol")]),
        req(None, vec![truth("incidents.shared_with_council")]),
        req(
            None,
            vec![
                within("covenant.signed", "w48"),
                "(covenant.partners == null ? 1 : (size(covenant.partners) >= 3 ? 2 : 0))".to_string(),
            ],
        ),
        req(None, vec![present("police.contact")]),
        levels(vec![
            (2, cmp("partners.meetings_12m", ">=", "4")),
            (1, cmp("partners.meetings_12m", ">=", "2")),
        ]),
        req(Some(school_in("'po', 'vo'")), vec![cmp("halt.sessions_12m", ">=", "1")]),
        req(None, vec![present("ggd.contact")]),
        req(None, vec![truth("partners.roles_documented")]),
        req(None, vec![within("surroundings.walkthrough", "w12")]),
        req(None, vec![truth("surroundings.nuisance_agreements")]),
        req(po_so(), vec![truth("surroundings.safe_routes")]),
        req(None, vec![truth("measures.linked")]),
    ]
}

/// A criterion's compiled programs.
pub struct Compiled {
    applies: Option<Program>,
    requires: Vec<Program>,
    levels: Vec<(u64, Program)>,
}

/// The basiskader as CEL programs, in framework order.
pub struct Rules {
    criteria: Vec<Compiled>,
}

impl Rules {
    /// Compiles every program once.
    pub fn compile() -> Result<Rules, String> {
        let compile = |s: &str| Program::compile(s).map_err(|e| format!("{s}: {e}"));
        let criteria = sources()
            .into_iter()
            .map(|s| {
                Ok(Compiled {
                    applies: s.applies.as_deref().map(compile).transpose()?,
                    requires: s
                        .requires
                        .iter()
                        .map(|r| compile(r))
                        .collect::<Result<_, _>>()?,
                    levels: s
                        .levels
                        .iter()
                        .map(|(l, r)| compile(r).map(|p| (*l, p)))
                        .collect::<Result<_, _>>()?,
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        Ok(Rules { criteria })
    }

    /// Evaluates every criterion in framework order.
    pub fn evaluate(&self, ctx: &Context<'_>) -> Vec<Judged> {
        let run = |p: &Program| match p.execute(ctx) {
            Ok(Value::Int(2)) => Some(true),
            Ok(Value::Int(0)) => Some(false),
            _ => None,
        };
        self.criteria
            .iter()
            .map(|c| {
                let applies = c.applies.as_ref().map_or(Some(true), run);
                if c.levels.is_empty() {
                    // Kleene: a false after an unknown still decides.
                    let mut required = Some(true);
                    for p in &c.requires {
                        required = super::and(required, run(p));
                    }
                    plain(applies, required)
                } else {
                    // Levels top down, stopping where kader stops.
                    let mut level = Some(0);
                    for (l, p) in &c.levels {
                        match run(p) {
                            Some(true) => {
                                level = Some(*l);
                                break;
                            }
                            None => {
                                level = None;
                                break;
                            }
                            Some(false) => {}
                        }
                    }
                    graded(applies, level)
                }
            })
            .collect()
    }
}
