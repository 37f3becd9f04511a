//! `kader schema`: a JSON Schema (draft 2020-12) of the evidence file a
//! framework expects, so host applications can build forms and validate
//! input before they call the engine.

use serde_json::{json, Map, Value};

use crate::compile::Framework;
use crate::value::Type;

/// The JSON Schema of a framework's evidence file, in its nested form.
///
/// Every declared path is a property with its type, its label as `title`
/// and, for enums, its members. `null` is accepted everywhere (it means "not
/// supplied"); undeclared keys are refused, so a form cannot send a typo.
pub fn evidence_schema(framework: &Framework) -> Value {
    let mut evidence = Group::default();
    for slot in &framework.slots {
        let segments: Vec<&str> = slot.path.split('.').collect();
        evidence.insert(&segments, leaf(&slot.ty, slot.label.as_deref(), &slot.path));
    }
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": format!("urn:kader:{}:{}:evidence", framework.id, framework.version),
        "title": format!("Evidence for {} {}", framework.title, framework.version),
        "description": "One school location's evidence, as kader loads it.",
        "type": "object",
        "required": ["location", "as_of", "evidence"],
        "additionalProperties": false,
        "properties": {
            "location": {
                "type": "object",
                "required": ["id"],
                "additionalProperties": false,
                "properties": {
                    "id": { "type": "string", "minLength": 1, "title": "Location id" },
                    "name": { "type": ["string", "null"], "title": "Location name" },
                    "board": { "type": ["string", "null"], "title": "School board" },
                    "district": { "type": ["string", "null"], "title": "District" },
                    "type": { "type": ["string", "null"], "title": "Kind of school" },
                    "meeting": {
                        "type": ["object", "null"],
                        "title": "The meeting the report is discussed in",
                        "additionalProperties": false,
                        "properties": {
                            "date": { "$ref": "#/$defs/date", "title": "Day of the meeting" },
                            "attendees": { "type": "array", "items": { "type": "string" }, "title": "Who took part" },
                            "agreements": { "type": "array", "items": { "type": "string" }, "title": "What was agreed" }
                        }
                    }
                }
            },
            "as_of": { "$ref": "#/$defs/date", "title": "The date the evidence is judged on" },
            "evidence": evidence.into_schema(),
            "certificate": {
                "type": ["object", "null"],
                "title": "The certificate's particulars, from the audit",
                "additionalProperties": false,
                "properties": {
                    "number": { "type": ["string", "null"], "title": "Certificate number" },
                    "issued_by": { "type": ["string", "null"], "title": "Issuing body" },
                    "auditor": { "type": ["string", "null"], "title": "Auditor" },
                    "decided_on": { "$ref": "#/$defs/date", "title": "Day the certification committee decided" },
                    "conditions": { "type": "array", "items": { "type": "string" }, "title": "Conditions attached" }
                }
            },
        },
        "$defs": {
            "verification": {
                "type": "object",
                "title": "Who verified the value, when and how",
                "required": ["by", "on", "how"],
                "additionalProperties": false,
                "properties": {
                    "by": { "type": "string", "minLength": 1, "title": "Verified by" },
                    "on": { "$ref": "#/$defs/date", "title": "Verified on" },
                    "how": { "type": "string", "minLength": 1, "title": "How" }
                }
            },
            "date": {
                "type": "string",
                "format": "date",
                "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
            },
            "percent": {
                "description": "A share: \"71%\" or a number from 0 to 1.",
                "oneOf": [
                    { "type": "number", "minimum": 0, "maximum": 1 },
                    { "type": "string", "pattern": "^\\s*(100(\\.0+)?|[0-9]{1,2}(\\.[0-9]+)?)\\s*%\\s*$" }
                ]
            }
        }
    })
}

/// A nested object of the schema, built from dotted paths.
#[derive(Default)]
struct Group {
    entries: Vec<(String, Entry)>,
}

enum Entry {
    Leaf(Value),
    Group(Group),
}

impl Group {
    fn insert(&mut self, segments: &[&str], schema: Value) {
        let Some((first, rest)) = segments.split_first() else {
            return;
        };
        let position = self.entries.iter().position(|(k, _)| k == first);
        if rest.is_empty() {
            match position {
                Some(_) => {} // the checker refuses duplicate paths
                None => self
                    .entries
                    .push(((*first).to_string(), Entry::Leaf(schema))),
            }
            return;
        }
        let index = match position {
            Some(i) => i,
            None => {
                self.entries
                    .push(((*first).to_string(), Entry::Group(Group::default())));
                self.entries.len() - 1
            }
        };
        if let Some((_, Entry::Group(group))) = self.entries.get_mut(index) {
            group.insert(rest, schema);
        }
    }

    fn into_schema(self) -> Value {
        let mut properties = Map::new();
        for (key, entry) in self.entries {
            let value = match entry {
                Entry::Leaf(schema) => schema,
                Entry::Group(group) => group.into_schema(),
            };
            properties.insert(key, value);
        }
        json!({
            "type": ["object", "null"],
            "additionalProperties": false,
            "properties": properties,
        })
    }
}

fn leaf(ty: &Type, label: Option<&str>, path: &str) -> Value {
    let mut schema = element(ty);
    if let Value::Object(map) = &mut schema {
        if let Some(label) = label {
            map.insert("title".into(), Value::String(label.to_string()));
        }
        map.insert(
            "description".into(),
            Value::String(format!("`{path}`: {}", ty.notation())),
        );
        // A value may come with its source and who verified it; null
        // means "not supplied".
        let sourced = json!({
            "type": "object",
            "title": "The value with its source",
            "required": ["value"],
            "additionalProperties": false,
            "properties": {
                "value": Value::Object(map.clone()),
                "source": { "type": ["string", "null"], "title": "Where the value comes from" },
                "verified": {
                    "anyOf": [{ "$ref": "#/$defs/verification" }, { "type": "null" }]
                }
            }
        });
        let nullable =
            json!({ "anyOf": [Value::Object(map.clone()), sourced, { "type": "null" }] });
        return match label {
            Some(label) => {
                let mut outer = nullable;
                if let Value::Object(o) = &mut outer {
                    o.insert("title".into(), Value::String(label.to_string()));
                }
                outer
            }
            None => nullable,
        };
    }
    schema
}

fn element(ty: &Type) -> Value {
    match ty {
        Type::Bool => json!({ "type": "boolean" }),
        Type::Int => json!({ "type": "integer" }),
        Type::Number => json!({ "type": "number" }),
        Type::Percent => json!({ "$ref": "#/$defs/percent" }),
        Type::Date => json!({ "$ref": "#/$defs/date" }),
        Type::Text => json!({ "type": "string" }),
        Type::Enum(members) => json!({ "type": "string", "enum": members }),
        Type::List(inner) => json!({ "type": "array", "items": element(inner) }),
    }
}
