//! `kader schema`: the evidence schema accepts exactly what the engine loads.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::common;

use serde_json::Value;

use common::{basiskader, root, sample_paths};

fn schema() -> Value {
    kader::schema::evidence_schema(basiskader())
}

fn validator() -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema())
        .expect("the schema compiles")
}

/// An evidence file as JSON, whichever format it is written in.
fn as_json(path: &std::path::Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    match path.extension().and_then(|e| e.to_str()) {
        Some("toml") => {
            serde_json::to_value(toml::from_str::<toml::Table>(&text).unwrap()).unwrap()
        }
        _ => serde_json::from_str(&text).unwrap(),
    }
}

fn errors(instance: &Value) -> Vec<String> {
    validator()
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn the_schema_is_a_valid_draft_2020_12_schema() {
    let schema = schema();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert!(jsonschema::meta::is_valid(&schema));
}

#[test]
fn every_declared_path_is_in_the_schema_with_its_label() {
    let schema = schema();
    for (path, _) in basiskader().evidence_paths() {
        let mut node = &schema["properties"]["evidence"];
        for segment in path.split('.') {
            node = &node["properties"][segment];
        }
        assert!(node.is_object(), "{path} is missing from the schema");
        assert_eq!(
            node["title"].as_str(),
            basiskader().evidence_label(path),
            "{path} carries its label"
        );
    }
}

#[test]
fn every_shipped_sample_validates() {
    for path in sample_paths() {
        let instance = as_json(&path);
        assert_eq!(
            errors(&instance),
            Vec::<String>::new(),
            "{}",
            path.display()
        );
    }
}

#[test]
fn broken_samples_do_not_validate() {
    for name in [
        "wrong-type.toml",
        "impossible-date.json",
        "misspelled-key.json",
        "percent-out-of-range.json",
        "unknown-enum.json",
    ] {
        let instance = as_json(&root().join("samples/invalid").join(name));
        assert!(!errors(&instance).is_empty(), "{name} must not validate");
    }
}

#[test]
fn both_percentage_notations_validate_and_nothing_else() {
    let with_rate = |rate: Value| {
        serde_json::json!({
            "location": { "id": "x" },
            "as_of": "2026-11-30",
            "evidence": { "monitor": { "response_rate": rate } }
        })
    };
    for ok in [
        serde_json::json!("71%"),
        serde_json::json!("100%"),
        serde_json::json!(0.71),
        serde_json::json!(1),
        Value::Null,
    ] {
        assert_eq!(errors(&with_rate(ok.clone())), Vec::<String>::new(), "{ok}");
    }
    for bad in [
        serde_json::json!("101%"),
        serde_json::json!(1.5),
        serde_json::json!("71"),
        serde_json::json!(true),
    ] {
        assert!(
            !errors(&with_rate(bad.clone())).is_empty(),
            "{bad} must not validate"
        );
    }
}

/// A value may be written with its source and who verified it, and an
/// audit's file may carry the certificate's particulars; the schema
/// accepts both forms and refuses what the loader refuses.
#[test]
fn values_with_their_source_and_the_certificate_validate() {
    let audit = as_json(&root().join("samples/process/3-audit.json"));
    assert_eq!(errors(&audit), Vec::<String>::new());
    // A verification without `how` is refused by both.
    let mut broken = audit.clone();
    broken["evidence"]["rie"]["date"]["verified"]
        .as_object_mut()
        .unwrap()
        .remove("how");
    assert!(!errors(&broken).is_empty());
    assert!(kader::Evidence::from_json(basiskader(), &broken.to_string()).is_err());
    // So is an object without `value`.
    let mut broken = audit;
    broken["evidence"]["rie"]["date"] = serde_json::json!({ "source": "RI&E" });
    assert!(!errors(&broken).is_empty());
    assert!(kader::Evidence::from_json(basiskader(), &broken.to_string()).is_err());
}
