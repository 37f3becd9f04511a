//! Evidence written as a document again, in the layout the loaders read
//! (docs/evidence.md): what the analysis hands out as a witness, and what
//! the generator of synthetic evidence writes.

use jiff::civil::Date;
use rust_decimal::Decimal;
use serde_json::{Map, Value as Json};

use super::{Evidence, Supplied};
use crate::compile::Framework;
use crate::value::{format_percent, Type, Value};

/// An evidence document: `location` with this id, `as_of`, and each
/// supplied value at its dotted path.
pub(crate) fn document<'v>(
    id: &str,
    as_of: Date,
    values: impl Iterator<Item = (&'v str, &'v Type, &'v Supplied)>,
) -> Json {
    let mut evidence = Map::new();
    for (path, ty, supplied) in values {
        insert(&mut evidence, path, supplied_json(supplied, ty));
    }
    let mut location = Map::new();
    location.insert("id".into(), Json::String(id.to_string()));
    let mut document = Map::new();
    document.insert("location".into(), Json::Object(location));
    document.insert("as_of".into(), Json::String(as_of.to_string()));
    document.insert("evidence".into(), Json::Object(evidence));
    Json::Object(document)
}

/// A supplied value as the loaders read it back, exactly.
pub(crate) fn supplied_json(supplied: &Supplied, ty: &Type) -> Json {
    match (supplied, ty) {
        (Supplied::Many(items), Type::List(element)) => {
            Json::Array(items.iter().map(|v| value_json(v, element)).collect())
        }
        (Supplied::Many(items), ty) => {
            Json::Array(items.iter().map(|v| value_json(v, ty)).collect())
        }
        (Supplied::One(v), ty) => value_json(v, ty),
    }
}

/// One value as the loaders read it back: a share as `"71%"`, an enum
/// member by its name.
pub(crate) fn value_json(value: &Value, ty: &Type) -> Json {
    match (value, ty) {
        (Value::Bool(b), _) => Json::Bool(*b),
        (Value::Number(n), Type::Percent) => Json::String(format_percent(*n)),
        (Value::Number(n), _) => number_json(*n),
        (Value::Date(d), _) => Json::String(d.to_string()),
        (Value::Text(t), _) => Json::String(t.clone()),
        (Value::Member(i), Type::Enum(members)) => members
            .get(usize::from(*i))
            .map_or(Json::Null, |m| Json::String(m.clone())),
        (Value::Member(_), _) => Json::Null,
    }
}

/// A number with every digit it has (serde_json keeps them as written).
pub(crate) fn number_json(n: Decimal) -> Json {
    n.normalize()
        .to_string()
        .parse::<serde_json::Number>()
        .map_or(Json::Null, Json::Number)
}

/// Puts a value at a dotted path, creating the objects on the way.
pub(crate) fn insert(object: &mut Map<String, Json>, path: &str, value: Json) {
    match path.split_once('.') {
        None => {
            object.insert(path.to_string(), value);
        }
        Some((head, rest)) => {
            let entry = object
                .entry(head.to_string())
                .or_insert_with(|| Json::Object(Map::new()));
            if let Json::Object(inner) = entry {
                insert(inner, rest, value);
            }
        }
    }
}

/// The evidence as loaded, as one JSON document: the location, the as-of
/// date, every supplied value at its path (with its source and
/// verification where the file gave them) and the certificate's
/// particulars. Two files that load alike give the same document, however
/// they were laid out; the certificate's hash is taken over it.
pub(crate) fn loaded(evidence: &Evidence, framework: &Framework) -> Json {
    let mut values = Map::new();
    for (slot, (declared, supplied)) in framework.slots.iter().zip(&evidence.values).enumerate() {
        let Some(supplied) = supplied else {
            continue;
        };
        let value = supplied_json(supplied, &declared.ty);
        let provenance = u32::try_from(slot)
            .ok()
            .and_then(|s| evidence.provenance_of(s));
        let value = match provenance {
            Some(p) => {
                let mut wrapped = Map::new();
                wrapped.insert("value".into(), value);
                if let Json::Object(parts) = serde_json::to_value(p).unwrap_or(Json::Null) {
                    wrapped.extend(parts);
                }
                Json::Object(wrapped)
            }
            None => value,
        };
        insert(&mut values, &declared.path, value);
    }
    let mut document = Map::new();
    document.insert(
        "location".into(),
        serde_json::to_value(&evidence.location).unwrap_or(Json::Null),
    );
    document.insert("as_of".into(), Json::String(evidence.as_of.to_string()));
    document.insert("evidence".into(), Json::Object(values));
    if let Some(particulars) = &evidence.certificate {
        document.insert(
            "certificate".into(),
            serde_json::to_value(particulars).unwrap_or(Json::Null),
        );
    }
    Json::Object(document)
}
