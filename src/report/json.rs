//! JSON: the result document of the language contract, and the documents
//! of assessments, plans and overviews.

use serde_json::{Map, Value};

use crate::eval::{Assessment, Maturity};
use crate::outcome::Outcome;
use crate::overview::Overview;
use crate::plan::ImprovementPlan;

/// The outcome as one line of JSON (the result document of
/// `docs/language.md`: every criterion in framework order).
pub fn to_json(outcome: &Outcome) -> String {
    // Serialising plain data with string keys cannot fail.
    serde_json::to_string(outcome).unwrap_or_else(|e| format!(r#"{{"error":"{e}"}}"#))
}

fn line(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_else(|e| format!(r#"{{"error":"{e}"}}"#))
}

fn value<T: serde::Serialize>(data: &T) -> Value {
    serde_json::to_value(data).unwrap_or_else(|e| Value::String(format!("error: {e}")))
}

/// The result document with what the stage adds: `stage`, each theme's
/// `maturity`, `certificate`, `to_supply` and `what_it_takes`. Every field
/// of the contract keeps its place and meaning.
pub(crate) fn assessment(a: &Assessment, plan: &ImprovementPlan) -> String {
    let Value::Object(mut result) = value(&a.outcome) else {
        return to_json(&a.outcome);
    };
    if let Some(Value::Array(themes)) = result.get_mut("themes") {
        for (theme, outcome) in themes.iter_mut().zip(&a.outcome.themes) {
            if let Value::Object(theme) = theme {
                theme.insert("maturity".into(), value(&Maturity::of(outcome)));
            }
        }
    }
    let mut out = Map::new();
    for (key, v) in result {
        let after_valid_until = key == "valid_until";
        if key == "verdict" {
            out.insert("stage".into(), value(&a.stage));
        }
        out.insert(key, v);
        if after_valid_until {
            out.insert("certificate".into(), value(&a.certificate));
        }
    }
    out.insert("to_supply".into(), value(&a.to_supply));
    out.insert("what_it_takes".into(), value(&plan.what_it_takes));
    line(&Value::Object(out))
}

/// A plan as one line of JSON; `by_owner` replaces `items` with `owners`,
/// one list per partner.
pub(crate) fn plan(plan: &ImprovementPlan, by_owner: bool) -> String {
    let Value::Object(mut out) = value(plan) else {
        return line(&value(plan));
    };
    if by_owner {
        out.remove("items");
        let owners: Vec<Value> = plan
            .by_owner()
            .into_iter()
            .map(|(owner, items)| serde_json::json!({ "owner": owner, "items": value(&items) }))
            .collect();
        out.insert("owners".into(), Value::Array(owners));
    }
    line(&Value::Object(out))
}

/// The overview as one JSON document.
pub(crate) fn overview(overview: &Overview) -> String {
    line(&value(overview))
}
