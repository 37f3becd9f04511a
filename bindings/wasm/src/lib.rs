//! kader for JavaScript: the JSON interface ([`kader::api`]) as
//! WebAssembly, with wasm-bindgen.
//!
//! [`call`] is the interface itself, unchanged: a JSON request in, a JSON
//! response out (`docs/json-api.md`). [`check`], [`evaluate`], [`plan`],
//! [`format()`], [`schema`], [`compare`] and [`version`] are conveniences
//! for JavaScript:
//! they build the request from their arguments, pass it to the same
//! function, and return the response parsed, `{ok: true, result}` or
//! `{ok: false, error}`. They add no rule of their own: an unknown option,
//! or an option that repeats an argument, is the interface's request
//! error, as it would be in JSON.
//!
//! The TypeScript declarations of requests, responses, the result
//! document and diagnostics are in `types.d.ts` beside this crate's
//! manifest; wasm-bindgen copies them into the package's `.d.ts`.
//!
//! ```js
//! import { evaluate } from "./pkg/kader_wasm.js";
//! const response = evaluate(frameworkText, evidenceObject, { stage: "audit" });
//! if (response.ok) console.log(response.result.verdict);
//! ```

#![deny(missing_docs)]

use js_sys::{Array, JsString, JSON};
use serde_json::{json, Map, Value};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = include_str!("../types.d.ts");

/// Answers one JSON request with one JSON response: `kader::api::call`,
/// unchanged. Never throws for any request text; see `docs/json-api.md`.
#[wasm_bindgen]
pub fn call(request: &str) -> String {
    kader::api::call(request)
}

/// kader's version, the interface's version and its operations
/// (`{"op": "version"}`).
#[wasm_bindgen(skip_typescript)]
pub fn version() -> Result<JsValue, JsValue> {
    respond("version", &[], None, &JsValue::UNDEFINED)
}

/// Checks and compiles a framework (`{"op": "check"}`): its identity,
/// counts and warnings, or its errors as diagnostics with line, column
/// and span. `options` may give `file_name`, `bases` and `as_of` (then the
/// analysis lints, judged on that date, are among the warnings).
#[wasm_bindgen(skip_typescript)]
pub fn check(framework: &str, options: JsValue) -> Result<JsValue, JsValue> {
    respond("check", &[("framework", framework)], None, &options)
}

/// Evaluates one location's evidence (`{"op": "evaluate"}`): the result
/// document. `evidence` is an evidence object, or the text of a JSON or
/// TOML document (then `options.evidence_format` says which). `options`
/// may give `file_name`, `bases`, `evidence_format`, `exceptions`, `stage`, `lang` and
/// `as_of`.
#[wasm_bindgen(skip_typescript)]
pub fn evaluate(framework: &str, evidence: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    respond(
        "evaluate",
        &[("framework", framework)],
        Some(&evidence),
        &options,
    )
}

/// The improvement plan of one location (`{"op": "plan"}`); the
/// arguments are [`evaluate`]'s, and `options.by` may be `"owner"`.
#[wasm_bindgen(skip_typescript)]
pub fn plan(framework: &str, evidence: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    respond(
        "plan",
        &[("framework", framework)],
        Some(&evidence),
        &options,
    )
}

/// The canonical layout of a framework (`{"op": "format"}`): the
/// formatted source and whether it changed.
#[wasm_bindgen(skip_typescript)]
pub fn format(framework: &str, options: JsValue) -> Result<JsValue, JsValue> {
    respond("format", &[("framework", framework)], None, &options)
}

/// The JSON Schema of the evidence document a framework expects
/// (`{"op": "schema"}`).
#[wasm_bindgen(skip_typescript)]
pub fn schema(framework: &str, options: JsValue) -> Result<JsValue, JsValue> {
    respond("schema", &[("framework", framework)], None, &options)
}

/// The exact analysis of a framework change (`{"op": "compare"}`), as
/// `kader diff --exhaustive`: how `proposed` (the request's `new`) relates
/// to `old` for the verdict, each theme and each criterion, over every
/// possible school. `options` gives `as_of` (required) and may give
/// `bases` and `lang`.
#[wasm_bindgen(skip_typescript)]
pub fn compare(old: &str, proposed: &str, options: JsValue) -> Result<JsValue, JsValue> {
    respond(
        "compare",
        &[("old", old), ("new", proposed)],
        None,
        &options,
    )
}

/// Builds the request, calls the interface and parses its answer. Throws
/// only if the answer were not JSON, which [`call`] rules out.
fn respond(
    op: &str,
    sources: &[(&str, &str)],
    evidence: Option<&JsValue>,
    options: &JsValue,
) -> Result<JsValue, JsValue> {
    let response = match request(op, sources, evidence, options) {
        Ok(request) => kader::api::call(&request),
        Err(error) => error,
    };
    JSON::parse(&response)
}

/// The request text: `op`, the sources (`framework`, or `old` and `new`)
/// and `evidence` from the arguments, then every field of `options` as it
/// is. Written as text, so that a field given twice reaches the interface
/// (which says so) instead of one silently replacing the other. `Err`
/// holds a response for arguments that are not JSON at all.
fn request(
    op: &str,
    sources: &[(&str, &str)],
    evidence: Option<&JsValue>,
    options: &JsValue,
) -> Result<String, String> {
    let mut text = format!("{{\"op\":{}", Value::from(op));
    for (field, source) in sources {
        text.push(',');
        text.push_str(&Value::from(*field).to_string());
        text.push(':');
        text.push_str(&Value::from(*source).to_string());
    }
    if let Some(evidence) = evidence {
        text.push_str(",\"evidence\":");
        match evidence.as_string() {
            Some(document) => text.push_str(&Value::from(document).to_string()),
            None => text.push_str(&stringify(evidence).map_err(|e| {
                argument_error(op, "evidence", &format!("the evidence cannot be sent: {e}"))
            })?),
        }
    }
    if !(options.is_undefined() || options.is_null()) {
        if !options.is_object() || Array::is_array(options) {
            return Err(argument_error(
                op,
                "options",
                "`options` must be an object such as {\"stage\": \"audit\"}",
            ));
        }
        let fields = stringify(options)
            .and_then(|text| {
                serde_json::from_str::<Map<String, Value>>(&text).map_err(|e| e.to_string())
            })
            .map_err(|e| {
                argument_error(op, "options", &format!("`options` cannot be sent: {e}"))
            })?;
        for (field, value) in fields {
            text.push(',');
            text.push_str(&Value::from(field).to_string());
            text.push(':');
            text.push_str(&value.to_string());
        }
    }
    text.push('}');
    Ok(text)
}

/// A value as JSON text (`JSON.stringify`); `null` for what JSON cannot
/// hold (`undefined`, a function).
fn stringify(value: &JsValue) -> Result<String, String> {
    match JSON::stringify(value) {
        Ok(text) => Ok(JsValue::from(text)
            .as_string()
            .unwrap_or_else(|| "null".into())),
        Err(e) => Err(describe(&e)),
    }
}

/// A thrown JavaScript value's message.
fn describe(error: &JsValue) -> String {
    let text: JsString = match error.dyn_ref::<js_sys::Error>() {
        Some(error) => error.message(),
        None => JsString::from(format!("{error:?}")),
    };
    String::from(text)
}

/// The response to arguments that cannot be written as a request: a
/// request error, as the interface writes its own.
fn argument_error(op: &str, field: &str, message: &str) -> String {
    json!({
        "ok": false,
        "op": op,
        "error": { "kind": "request", "message": message, "field": field },
        "warnings": [],
    })
    .to_string()
}
