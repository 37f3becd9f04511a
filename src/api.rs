//! The language-neutral JSON interface: one request in, one response out.
//!
//! Every binding (WebAssembly, the C ABI, the Python package, scripts that
//! shell out) calls [`call`] with a JSON request and gets a JSON response
//! back; a host that asks many requests of one framework compiles it once
//! ([`Compiled`]) and gets the same responses. The request names an operation (`op`) and carries the sources
//! themselves (the framework text, the texts of the frameworks a layer
//! extends, the evidence): **the interface never reads a file, never
//! looks at a clock, and never panics.** Whatever the input, the answer is
//! one JSON object with `"ok"`.
//!
//! The results are the documents the command line writes with
//! `--format json` (`kader eval`, `kader plan`, `kader check`,
//! `kader schema`, `kader diff --exhaustive`), so a binding and the CLI
//! agree to the byte on what a location's result is, and on what a
//! framework change does. `docs/json-api.md` describes every request and
//! response, and the stability promise: within one [`API_VERSION`], fields
//! are only added, never renamed or removed.

use std::panic::{self, AssertUnwindSafe};

use serde_json::{json, Map, Value};

use crate::evidence::{duplicate_keys, duplicate_problem, join_path};
use crate::report::{self, Format, Options};
use crate::resolve::{MemoryResolver, Resolver};
use crate::{
    Assessment, Date, Diagnostics, EvalOptions, Evidence, EvidenceError, EvidenceProblem,
    Framework, Language, LoadOptions, Register, Stage,
};

/// The version of this interface. Within one version fields are only
/// added, never renamed or removed; the `version` operation reports it.
pub const API_VERSION: u32 = 1;

/// The operations a request can name, in the order the documentation
/// lists them; the `version` operation reports them.
pub const OPS: [&str; 8] = [
    "check", "evaluate", "plan", "format", "schema", "compare", "load", "version",
];

/// Every field a request may carry.
const FIELDS: [&str; 13] = [
    "op",
    "framework",
    "old",
    "new",
    "file_name",
    "bases",
    "evidence",
    "evidence_format",
    "exceptions",
    "stage",
    "lang",
    "as_of",
    "by",
];

/// The file name diagnostics use when a request gives none.
const DEFAULT_FILE_NAME: &str = "framework.kader";

/// What is written when even writing the response fails (it cannot, but
/// `call` must answer with JSON whatever happens).
const FALLBACK: &str = r#"{"ok":false,"op":null,"error":{"kind":"internal","message":"the response could not be written"},"warnings":[]}"#;

/// Answers one JSON request with one JSON response. Never panics, never
/// does I/O.
///
/// The request is an object such as `{"op": "evaluate", "framework":
/// "...", "evidence": {...}, "stage": "audit"}`; the response is
/// `{"ok": true, "op": ..., "result": ..., "warnings": [...]}` or
/// `{"ok": false, "op": ..., "error": {"kind": ..., "message": ...},
/// "warnings": [...]}`. See `docs/json-api.md` for every operation.
///
/// ```
/// use serde_json::{json, Value};
///
/// let framework = r#"
///     framework demo "Demo" version "1"
///     evidence { monitor.response_rate : percent "Respons op de monitor" }
///     theme sociaal "Sociale veiligheid" {
///       criterion S4 "Representatieve respons" {
///         mandatory
///         owner school
///         require monitor.response_rate >= 70%
///       }
///     }
/// "#;
/// let request = json!({
///     "op": "evaluate",
///     "framework": framework,
///     "evidence": {
///         "location": { "id": "brin-12AB-01" },
///         "as_of": "2026-11-30",
///         "evidence": { "monitor": { "response_rate": "52%" } }
///     },
///     "stage": "audit"
/// });
/// let response: Value = serde_json::from_str(&kader::api::call(&request.to_string()))?;
/// assert_eq!(response["ok"], true);
/// assert_eq!(response["result"]["verdict"], "not_certified");
/// assert_eq!(response["result"]["criteria"][0]["status"], "fail");
///
/// // A typo in a field is an error that names it.
/// let response: Value = serde_json::from_str(&kader::api::call(r#"{"op": "check", "framwork": ""}"#))?;
/// assert_eq!(response["ok"], false);
/// assert_eq!(response["error"]["kind"], "request");
/// assert_eq!(response["error"]["help"], "did you mean `framework`?");
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn call(request: &str) -> String {
    // Nothing below panics; should a bug make it, the caller (a WebAssembly
    // host, a C program) still gets an answer instead of an abort.
    answer(request, None)
}

/// Answers a request, to a framework compiled before when one is given.
fn answer(request: &str, compiled: Option<&Compiled>) -> String {
    let response = panic::catch_unwind(AssertUnwindSafe(|| respond(request, compiled)))
        .unwrap_or_else(|_| {
            Response::new(None).fail(ApiError::new(
                "internal",
                "kader failed on this request; this is a bug, please report it with the request",
            ))
        });
    serde_json::to_string(&response).unwrap_or_else(|_| FALLBACK.to_string())
}

// ---------------------------------------------------------------- responses

/// A response being built: the operation (once known) and the warnings so
/// far.
struct Response {
    op: Option<Op>,
    warnings: Vec<Value>,
}

impl Response {
    fn new(op: Option<Op>) -> Response {
        Response {
            op,
            warnings: Vec::new(),
        }
    }

    fn op_value(&self) -> Value {
        self.op.map_or(Value::Null, |op| Value::from(op.name()))
    }

    fn succeed(self, result: Value) -> Value {
        json!({
            "ok": true,
            "op": self.op_value(),
            "result": result,
            "warnings": self.warnings,
        })
    }

    fn fail(self, error: ApiError) -> Value {
        json!({
            "ok": false,
            "op": self.op_value(),
            "error": Value::Object(error.0),
            "warnings": self.warnings,
        })
    }
}

/// The `error` object of a failed response: `kind`, `message` and what
/// the kind adds (`diagnostics`, `problems`, `field`, `line` ...).
#[derive(Clone, Debug, PartialEq)]
pub struct ApiError(Map<String, Value>);

impl ApiError {
    /// What went wrong: `request`, `framework`, `evidence`, `exceptions`
    /// or `internal` (see `docs/json-api.md`).
    pub fn kind(&self) -> &str {
        self.0
            .get("kind")
            .and_then(Value::as_str)
            .unwrap_or("internal")
    }

    /// The error in one sentence.
    pub fn message(&self) -> &str {
        self.0.get("message").and_then(Value::as_str).unwrap_or("")
    }

    /// The `error` object of a response, as JSON.
    pub fn to_value(&self) -> Value {
        Value::Object(self.0.clone())
    }

    fn new(kind: &str, message: impl Into<String>) -> ApiError {
        let mut map = Map::new();
        map.insert("kind".into(), Value::from(kind));
        map.insert("message".into(), Value::from(message.into()));
        ApiError(map)
    }

    /// A problem with the request itself.
    fn request(message: impl Into<String>) -> ApiError {
        ApiError::new("request", message)
    }

    /// A problem with one field of the request.
    fn field(field: &str, message: impl Into<String>) -> ApiError {
        ApiError::request(message).with("field", Value::from(field))
    }

    fn with(mut self, key: &str, value: Value) -> ApiError {
        self.0.insert(key.into(), value);
        self
    }

    fn with_help(self, help: Option<String>) -> ApiError {
        match help {
            Some(help) => self.with("help", Value::from(help)),
            None => self,
        }
    }
}

// ---------------------------------------------------------------- requests

/// An operation a request names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Check,
    Evaluate,
    Plan,
    Format,
    Schema,
    Compare,
    Load,
    Version,
}

impl Op {
    fn parse(name: &str) -> Option<Op> {
        Some(match name {
            "check" => Op::Check,
            "evaluate" => Op::Evaluate,
            "plan" => Op::Plan,
            "format" => Op::Format,
            "schema" => Op::Schema,
            "compare" => Op::Compare,
            "load" => Op::Load,
            "version" => Op::Version,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Op::Check => "check",
            Op::Evaluate => "evaluate",
            Op::Plan => "plan",
            Op::Format => "format",
            Op::Schema => "schema",
            Op::Compare => "compare",
            Op::Load => "load",
            Op::Version => "version",
        }
    }

    /// The fields this operation reads besides `op`.
    fn uses(self, field: &str) -> bool {
        match self {
            Op::Version => false,
            Op::Format => matches!(field, "framework" | "file_name"),
            Op::Check => matches!(field, "framework" | "file_name" | "bases" | "as_of"),
            Op::Schema => matches!(field, "framework" | "file_name" | "bases"),
            Op::Compare => matches!(field, "old" | "new" | "bases" | "lang" | "as_of"),
            Op::Load => matches!(
                field,
                "framework" | "file_name" | "bases" | "evidence" | "evidence_format" | "as_of"
            ),
            Op::Evaluate => field != "by",
            Op::Plan => true,
        }
    }
}

/// The evidence of a request, as it came.
enum EvidenceInput {
    /// A JSON object, already parsed with the request.
    Object(Value),
    /// Text of a JSON or TOML document.
    Text { text: String, toml: bool },
}

/// A request with every field checked.
struct Request {
    op: Op,
    framework: Option<String>,
    /// For `compare`: the source texts of the old and the new version.
    old: Option<String>,
    new: Option<String>,
    file_name: String,
    bases: Vec<(String, String)>,
    evidence: Option<EvidenceInput>,
    /// The certifying body's register: a JSON register as an object, or
    /// its JSON or TOML text.
    exceptions: Option<String>,
    stage: Stage,
    lang: Option<Language>,
    as_of: Option<Date>,
    by_owner: bool,
    /// Keys that occur twice in one object of an `evidence` object: the
    /// evidence's errors, as the loader reports them in evidence text.
    evidence_duplicates: Vec<EvidenceProblem>,
}

fn respond(text: &str, compiled: Option<&Compiled>) -> Value {
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(e) => return Response::new(None).fail(malformed(&e)),
    };
    let Value::Object(fields) = value else {
        return Response::new(None).fail(ApiError::request(format!(
            "a request is a JSON object such as {{\"op\": \"version\"}}, not {}",
            json_kind(&value)
        )));
    };
    // The operation first, so that every later error names it.
    let op = match op_of(&fields) {
        Ok(op) => op,
        Err(error) => {
            let error = unknown_fields(&fields).err().unwrap_or(error);
            return Response::new(None).fail(error);
        }
    };
    let mut response = Response::new(Some(op));
    if let Err(error) = unknown_fields(&fields) {
        return response.fail(error);
    }
    // A JSON object keeps the last of two equal keys: find the others, so
    // that nothing in a request is lost unseen.
    let duplicates = duplicates(text);
    if let Some(duplicate) = duplicates.iter().find(|d| !d.in_evidence()) {
        return response.fail(
            ApiError::field(
                duplicate.segments.first().map_or("", String::as_str),
                format!("`{}` is given twice", duplicate.path()),
            )
            .with_help(Some("give each field once".into())),
        );
    }
    if let Some(compiled) = compiled {
        if let Err(error) = compiled.accepts(op, &fields) {
            return response.fail(error);
        }
    }
    let request = match parse_request(op, fields, &mut response.warnings, compiled.is_some()) {
        Ok(request) => request,
        Err(error) => return response.fail(error),
    };
    let mut request = Request {
        evidence_duplicates: duplicates.iter().map(Duplicate::problem).collect(),
        ..request
    };
    if let Some(compiled) = compiled {
        compiled.fill(&mut request);
    }
    match run(&request, compiled, &mut response.warnings) {
        Ok(result) => response.succeed(result),
        Err(error) => response.fail(error),
    }
}

/// A request that is not JSON: serde's message, with the place apart.
fn malformed(e: &serde_json::Error) -> ApiError {
    let full = e.to_string();
    let place = format!(" at line {} column {}", e.line(), e.column());
    let message = full.strip_suffix(&place).unwrap_or(&full);
    ApiError::request(format!("the request is not valid JSON: {message}"))
        .with("line", Value::from(e.line()))
        .with("column", Value::from(e.column()))
}

/// `null`, `a string`, ... for messages.
fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "`null`",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn op_of(fields: &Map<String, Value>) -> Result<Op, ApiError> {
    let name = match fields.get("op") {
        None | Some(Value::Null) => {
            return Err(
                ApiError::field("op", "the request has no `op`: say what to do")
                    .with_help(Some(format!("`op` is one of {}", list(&OPS)))),
            )
        }
        Some(Value::String(name)) => name,
        Some(other) => {
            return Err(ApiError::field(
                "op",
                format!("`op` must be a string, not {}", json_kind(other)),
            )
            .with_help(Some(format!("`op` is one of {}", list(&OPS)))))
        }
    };
    Op::parse(name).ok_or_else(|| {
        let help = match crate::suggest::nearest(name, OPS) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("`op` is one of {}", list(&OPS)),
        };
        ApiError::field("op", format!("unknown operation `{name}`")).with_help(Some(help))
    })
}

/// `` `a`, `b` or `c` ``.
fn list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

/// The first field no request has, with the nearest one it may mean.
fn unknown_fields(fields: &Map<String, Value>) -> Result<(), ApiError> {
    let Some(unknown) = fields.keys().find(|k| !FIELDS.contains(&k.as_str())) else {
        return Ok(());
    };
    let help = match crate::suggest::nearest(unknown, FIELDS) {
        Some(near) => format!("did you mean `{near}`?"),
        None => format!("a request has the fields {}", list(&FIELDS)),
    };
    Err(ApiError::field(unknown, format!("unknown field `{unknown}`")).with_help(Some(help)))
}

fn parse_request(
    op: Op,
    mut fields: Map<String, Value>,
    warnings: &mut Vec<Value>,
    compiled: bool,
) -> Result<Request, ApiError> {
    // `null` is "not given": bindings that write every optional field may.
    fields.retain(|_, v| !v.is_null());
    for field in fields.keys() {
        if field != "op" && !op.uses(field) {
            warnings.push(json!({
                "kind": "request",
                "field": field,
                "message": format!("`{field}` is not used by `{}`; it was ignored", op.name()),
            }));
        }
    }
    let framework = string(&fields, "framework")?;
    let old = string(&fields, "old")?;
    let new = string(&fields, "new")?;
    let file_name = string(&fields, "file_name")?.unwrap_or_else(|| DEFAULT_FILE_NAME.to_string());
    let bases = match fields.get("bases") {
        None => Vec::new(),
        Some(Value::Object(bases)) => bases
            .iter()
            .map(|(id, source)| match source {
                Value::String(text) => Ok((id.clone(), text.clone())),
                other => Err(ApiError::field(
                    "bases",
                    format!(
                        "`bases.{id}` must be the framework's source text, not {}",
                        json_kind(other)
                    ),
                )),
            })
            .collect::<Result<_, _>>()?,
        Some(other) => {
            return Err(ApiError::field(
                "bases",
                format!(
                    "`bases` must be an object of framework id to source text, not {}",
                    json_kind(other)
                ),
            ))
        }
    };
    let toml = match string(&fields, "evidence_format")?.as_deref() {
        None | Some("json") => false,
        Some("toml") => true,
        Some(other) => return Err(choice_error("evidence_format", other, &["json", "toml"])),
    };
    let evidence = match fields.remove("evidence") {
        None => None,
        Some(Value::String(text)) => Some(EvidenceInput::Text { text, toml }),
        Some(object @ Value::Object(_)) if !toml => Some(EvidenceInput::Object(object)),
        Some(Value::Object(_)) => {
            return Err(ApiError::field(
                "evidence_format",
                "`evidence_format` `toml` needs the evidence as a string of TOML text",
            ))
        }
        Some(other) => {
            return Err(ApiError::field(
                "evidence",
                format!(
                    "`evidence` must be an object, or a string of JSON or TOML text, not {}",
                    json_kind(&other)
                ),
            ))
        }
    };
    let exceptions = match fields.remove("exceptions") {
        None | Some(Value::Null) => None,
        Some(Value::String(text)) => Some(text),
        Some(object @ Value::Object(_)) => Some(object.to_string()),
        Some(other) => {
            return Err(ApiError::field(
                "exceptions",
                format!(
                    "`exceptions` must be the register as an object, or a string of JSON or TOML text, not {}",
                    json_kind(&other)
                ),
            ))
        }
    };
    let stage = match string(&fields, "stage")?.as_deref() {
        None | Some("intake") => Stage::Intake,
        Some("audit") => Stage::Audit,
        Some(other) => return Err(choice_error("stage", other, &["intake", "audit"])),
    };
    let lang = match string(&fields, "lang")?.as_deref() {
        None => None,
        Some(code) => Some(
            Language::from_code(code).ok_or_else(|| choice_error("lang", code, &["nl", "en"]))?,
        ),
    };
    let as_of = match string(&fields, "as_of")? {
        None => None,
        Some(text) => Some(crate::parse_date(&text).map_err(|_| {
            ApiError::field(
                "as_of",
                format!("`{text}` is not a date; write YYYY-MM-DD, such as 2026-11-30"),
            )
        })?),
    };
    let by_owner = match string(&fields, "by")?.as_deref() {
        None => false,
        Some("owner") => true,
        Some(other) => return Err(choice_error("by", other, &["owner"])),
    };
    if op == Op::Compare {
        for (field, given, what) in [
            (
                "old",
                old.is_some(),
                "the source text of the version as it is",
            ),
            (
                "new",
                new.is_some(),
                "the source text of the version as proposed",
            ),
            (
                "as_of",
                as_of.is_some(),
                "the date every school is judged on, YYYY-MM-DD",
            ),
        ] {
            if !given {
                return Err(ApiError::field(
                    field,
                    format!("`compare` needs `{field}`: {what}"),
                ));
            }
        }
    } else if framework.is_none() && op != Op::Version && !compiled {
        return Err(ApiError::field(
            "framework",
            format!(
                "`{}` needs `framework`: the framework's source text",
                op.name()
            ),
        ));
    }
    if evidence.is_none() && matches!(op, Op::Evaluate | Op::Plan | Op::Load) {
        return Err(ApiError::field(
            "evidence",
            format!(
                "`{}` needs `evidence`: the location's evidence document",
                op.name()
            ),
        ));
    }
    Ok(Request {
        op,
        framework,
        old,
        new,
        file_name,
        bases,
        evidence,
        exceptions,
        stage,
        lang,
        as_of,
        by_owner,
        evidence_duplicates: Vec::new(),
    })
}

/// A field that must be a string when it is given.
fn string(fields: &Map<String, Value>, field: &str) -> Result<Option<String>, ApiError> {
    match fields.get(field) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(ApiError::field(
            field,
            format!("`{field}` must be a string, not {}", json_kind(other)),
        )),
    }
}

/// A field whose value is not one of its choices.
fn choice_error(field: &str, value: &str, choices: &[&str]) -> ApiError {
    let help = match crate::suggest::nearest(value, choices.iter().copied()) {
        Some(near) => format!("did you mean `{near}`?"),
        None => format!("`{field}` is {}", list(choices)),
    };
    ApiError::field(field, format!("`{value}` is not a valid `{field}`")).with_help(Some(help))
}

// ---------------------------------------------------------------- operations

fn run(
    request: &Request,
    compiled: Option<&Compiled>,
    warnings: &mut Vec<Value>,
) -> Result<Value, ApiError> {
    let fresh;
    let (framework, source) = match (request.op, compiled) {
        (Op::Version, _) => {
            return Ok(json!({
                "version": env!("CARGO_PKG_VERSION"),
                "api": API_VERSION,
                "ops": OPS,
            }))
        }
        (Op::Format, _) => return format(request),
        (Op::Compare, _) => return compare(request, warnings),
        (_, Some(compiled)) => {
            warnings.extend(compiled.warnings.iter().cloned());
            (&compiled.framework, compiled.source.as_str())
        }
        (_, None) => {
            fresh = compile(request, warnings)?;
            (&fresh.0, fresh.1)
        }
    };
    match request.op {
        Op::Check => Ok(check(framework, request, source)),
        Op::Schema => Ok(crate::tools::schema::evidence_schema(framework)),
        Op::Load => {
            let evidence = load(framework, request)?;
            evidence_warnings(&evidence, warnings);
            Ok(json!({ "evidence": crate::evidence::loaded(&evidence, framework) }))
        }
        Op::Evaluate => {
            let (assessment, language) = evaluate(framework, request, warnings)?;
            reparse(&result_document(framework, &assessment, language))
        }
        Op::Plan => {
            let (assessment, language) = evaluate(framework, request, warnings)?;
            reparse(&plan_document(
                framework,
                &assessment,
                language,
                request.by_owner,
            ))
        }
        // Answered above, without a framework.
        Op::Version | Op::Format | Op::Compare => Err(ApiError::new(
            "internal",
            "kader lost its way on this request; this is a bug, please report it",
        )),
    }
}

/// A document the renderers wrote, as a value to embed in the response.
fn reparse(text: &str) -> Result<Value, ApiError> {
    serde_json::from_str(text).map_err(|e| {
        ApiError::new(
            "internal",
            format!(
                "kader wrote a result it cannot read back ({e}); this is a bug, please report it"
            ),
        )
    })
}

/// The framework's source text; [`parse_request`] made sure it is there.
fn source(request: &Request) -> Result<&str, ApiError> {
    request
        .framework
        .as_deref()
        .ok_or_else(|| ApiError::field("framework", "the request has no `framework`"))
}

/// Diagnostics as `kader check --format json` writes them.
fn records(diagnostics: &Diagnostics, file_name: &str, source: &str) -> Vec<Value> {
    diagnostics
        .to_records(file_name, source)
        .iter()
        .filter_map(|r| serde_json::to_value(r).ok())
        .collect()
}

/// The error of a framework that does not compile (or parse).
fn framework_error(diagnostics: &Diagnostics, file_name: &str, source: &str) -> ApiError {
    frameworks_error(&[(diagnostics, file_name, source)])
}

/// The error of one or more frameworks that do not compile: each one's
/// diagnostics, one after the other (each record names its file).
fn frameworks_error(failed: &[(&Diagnostics, &str, &str)]) -> ApiError {
    let message: Vec<String> = failed
        .iter()
        .map(|(diagnostics, file_name, _)| {
            format!(
                "`{file_name}` has {}",
                plural(diagnostics.errors().count(), "error")
            )
        })
        .collect();
    let diagnostics = failed
        .iter()
        .flat_map(|(diagnostics, file_name, source)| records(diagnostics, file_name, source))
        .collect();
    ApiError::new("framework", message.join("; ")).with("diagnostics", Value::Array(diagnostics))
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Compiles the request's framework, resolving `extends` in `bases`; its
/// warnings join the response's.
fn compile<'r>(
    request: &'r Request,
    warnings: &mut Vec<Value>,
) -> Result<(Framework, &'r str), ApiError> {
    let source = source(request)?;
    let framework = Framework::compile_with(source, &request.file_name, &resolver(request))
        .map_err(|d| framework_error(&d, &request.file_name, source))?;
    framework_warnings(&framework, &request.file_name, source, warnings);
    unused_bases(request, &[&framework], warnings);
    Ok((framework, source))
}

/// The request's `bases`, for `extends` to find.
fn resolver(request: &Request) -> MemoryResolver {
    request
        .bases
        .iter()
        .fold(MemoryResolver::new(), |resolver, (id, text)| {
            resolver.with(id, &format!("{id}.kader"), text)
        })
}

/// A compiled framework's warnings join the response's.
fn framework_warnings(
    framework: &Framework,
    file_name: &str,
    source: &str,
    warnings: &mut Vec<Value>,
) {
    warnings.extend(
        records(framework.warnings(), file_name, source)
            .into_iter()
            .map(|record| tagged("framework", record)),
    );
}

/// A warning for each of `bases` that none of the frameworks extends.
fn unused_bases(request: &Request, frameworks: &[&Framework], warnings: &mut Vec<Value>) {
    let mut ids: Vec<&str> = frameworks.iter().map(|f| f.id()).collect();
    ids.dedup();
    let who = match ids.as_slice() {
        [one] => format!("`{one}` does not extend"),
        more => format!("neither `{}` extends", more.join("` nor `")),
    };
    for (id, _) in &request.bases {
        let extended = frameworks
            .iter()
            .any(|f| f.extends().iter().any(|(base, _)| base == id));
        if !extended {
            warnings.push(json!({
                "kind": "request",
                "field": "bases",
                "message": format!("{who} `{id}`; `bases.{id}` was ignored"),
            }));
        }
    }
}

/// A warning record with its `kind` in front.
fn tagged(kind: &str, record: Value) -> Value {
    let mut map = Map::new();
    map.insert("kind".into(), Value::from(kind));
    if let Value::Object(fields) = record {
        map.extend(fields);
    }
    Value::Object(map)
}

fn check(framework: &Framework, request: &Request, source: &str) -> Value {
    // With an as-of date, the analysis lints too (the interface reads no
    // clock).
    let warnings = match request.as_of {
        Some(as_of) => crate::analysis::warnings(framework, as_of),
        None => framework.warnings().clone(),
    };
    check_result(framework, &records(&warnings, &request.file_name, source))
}

/// The result of `check`: the framework, its counts, its diagnostics.
fn check_result(framework: &Framework, diagnostics: &[Value]) -> Value {
    let extends: Vec<Value> = framework
        .extends()
        .iter()
        .map(|(id, version)| json!({ "id": id, "version": version }))
        .collect();
    json!({
        "framework": {
            "id": framework.id(),
            "title": framework.title(),
            "version": framework.version(),
            "language": framework.language().code(),
            "extends": extends,
        },
        "counts": {
            "themes": framework.themes.len(),
            "criteria": framework.criteria.len(),
            "evidence": framework.evidence_paths().count(),
            "errors": 0,
            "warnings": diagnostics.len(),
        },
        "diagnostics": diagnostics,
    })
}

/// The file names diagnostics of `compare` give the two versions.
const OLD_FILE_NAME: &str = "old.kader";
const NEW_FILE_NAME: &str = "new.kader";

/// The exact analysis of `new` against `old` (`kader diff --exhaustive`):
/// the comparison's document, and the same comparison written as text and
/// as HTML for people.
fn compare(request: &Request, warnings: &mut Vec<Value>) -> Result<Value, ApiError> {
    let (Some(old_source), Some(new_source), Some(as_of)) = (
        request.old.as_deref(),
        request.new.as_deref(),
        request.as_of,
    ) else {
        return Err(ApiError::request(
            "`compare` needs `old`, `new` and `as_of`",
        ));
    };
    let resolver = resolver(request);
    let compiled = (
        Framework::compile_with(old_source, OLD_FILE_NAME, &resolver),
        Framework::compile_with(new_source, NEW_FILE_NAME, &resolver),
    );
    let (old, new) = match compiled {
        (Ok(old), Ok(new)) => (old, new),
        (old, new) => {
            let failed: Vec<(&Diagnostics, &str, &str)> = [
                (old.as_ref().err(), OLD_FILE_NAME, old_source),
                (new.as_ref().err(), NEW_FILE_NAME, new_source),
            ]
            .into_iter()
            .filter_map(|(d, file_name, source)| d.map(|d| (d, file_name, source)))
            .collect();
            return Err(frameworks_error(&failed));
        }
    };
    framework_warnings(&old, OLD_FILE_NAME, old_source, warnings);
    framework_warnings(&new, NEW_FILE_NAME, new_source, warnings);
    unused_bases(request, &[&old, &new], warnings);
    let comparison = crate::analysis::compare(&old, &new, as_of);
    let exhaustive = crate::diff::Exhaustive {
        until: None,
        old: &old,
        new: &new,
        as_of,
        comparison: &comparison,
    };
    let options = Options {
        language: request.lang.unwrap_or_else(|| new.language()),
        ..Options::default()
    };
    Ok(json!({
        "comparison": reparse(&exhaustive.render(Format::Json, options))?,
        "text": exhaustive.render(Format::Text, options),
        "html": exhaustive.render(Format::Html, options),
    }))
}

fn format(request: &Request) -> Result<Value, ApiError> {
    let source = source(request)?;
    let formatted = crate::tools::format::format(source)
        .map_err(|d| framework_error(&d, &request.file_name, source))?;
    Ok(json!({
        "changed": formatted != source,
        "source": formatted,
    }))
}

/// Loads the request's evidence and evaluates it; the evidence's warnings
/// join the response's.
fn evaluate(
    framework: &Framework,
    request: &Request,
    warnings: &mut Vec<Value>,
) -> Result<(Assessment, Language), ApiError> {
    let evidence = load(framework, request)?;
    Ok(assess(
        framework,
        &evidence,
        request.stage,
        request.lang,
        warnings,
    ))
}

/// Loads the request's evidence, with the register's exceptions when it
/// gives one (not for `load`); its warnings are the caller's to pass on
/// ([`evidence_warnings`]).
fn load(framework: &Framework, request: &Request) -> Result<Evidence, ApiError> {
    let options = LoadOptions {
        as_of: request.as_of,
        ..LoadOptions::default()
    };
    let loaded = match &request.evidence {
        None => return Err(ApiError::field("evidence", "the request has no `evidence`")),
        Some(EvidenceInput::Object(_)) if !request.evidence_duplicates.is_empty() => {
            Err(EvidenceError {
                problems: request.evidence_duplicates.clone(),
            })
        }
        Some(EvidenceInput::Object(value)) => {
            let text = serde_json::to_string(value).map_err(|e| {
                ApiError::field("evidence", format!("the evidence cannot be read: {e}"))
            })?;
            Evidence::from_json_with(framework, &text, options)
        }
        Some(EvidenceInput::Text { text, toml: true }) => {
            Evidence::from_toml_with(framework, text, options)
        }
        Some(EvidenceInput::Text { text, toml: false }) => {
            Evidence::from_json_with(framework, text, options)
        }
    };
    let evidence = loaded.map_err(evidence_error)?;
    // `load` gives the evidence as the file has it: a register is the
    // host's, never part of the document.
    let exceptions = request
        .exceptions
        .as_ref()
        .filter(|_| request.op != Op::Load);
    let evidence = match exceptions {
        None => evidence,
        Some(text) => {
            let register = if text.trim_start().starts_with('{') {
                Register::from_json(framework, text)
            } else {
                Register::from_toml(framework, text)
            };
            let register = register.map_err(|EvidenceError { problems }| {
                ApiError::new(
                    "exceptions",
                    format!(
                        "the register of exceptions has {}",
                        plural(problems.len(), "error")
                    ),
                )
                .with(
                    "problems",
                    Value::Array(problems.iter().map(problem).collect()),
                )
            })?;
            evidence.with_exceptions(&register)
        }
    };
    Ok(evidence)
}

/// The evidence's warnings (undeclared keys and the like), as a
/// response carries them.
fn evidence_warnings(evidence: &Evidence, warnings: &mut Vec<Value>) {
    warnings.extend(
        evidence
            .warnings()
            .iter()
            .map(|w| tagged("evidence", problem(w))),
    );
}

/// The error of evidence that does not load: every problem with its path.
fn evidence_error(EvidenceError { problems }: EvidenceError) -> ApiError {
    ApiError::new(
        "evidence",
        format!("the evidence has {}", plural(problems.len(), "error")),
    )
    .with(
        "problems",
        Value::Array(problems.iter().map(problem).collect()),
    )
}

/// Evaluates loaded evidence at `stage`, explained in `lang` or else the
/// framework's language; the evidence's warnings join `warnings`.
fn assess(
    framework: &Framework,
    evidence: &Evidence,
    stage: Stage,
    lang: Option<Language>,
    warnings: &mut Vec<Value>,
) -> (Assessment, Language) {
    evidence_warnings(evidence, warnings);
    let language = lang.unwrap_or_else(|| framework.language());
    let assessment = framework
        .decide(
            evidence,
            EvalOptions {
                stage,
                language: Some(language),
            },
        )
        .explain();
    (assessment, language)
}

/// The result document, as `kader eval --format json` writes it.
fn result_document(framework: &Framework, assessment: &Assessment, language: Language) -> String {
    report::render(
        framework,
        assessment,
        Format::Json,
        Options {
            language,
            ..Options::default()
        },
    )
}

/// The plan document, as `kader plan --format json` writes it.
fn plan_document(
    framework: &Framework,
    assessment: &Assessment,
    language: Language,
    by_owner: bool,
) -> String {
    let plan = crate::plan::plan_in(framework, &assessment.outcome, language);
    report::render_plans(
        std::slice::from_ref(&plan),
        assessment.stage,
        Format::Json,
        by_owner,
        Options {
            language,
            ..Options::default()
        },
    )
}

fn problem(p: &EvidenceProblem) -> Value {
    serde_json::to_value(p).unwrap_or_else(|_| json!({ "path": p.path, "message": p.message }))
}

// ---------------------------------------------------------------- hosts that keep frameworks

/// How a host judges one location: the request fields `stage`, `lang` and
/// `as_of` of [`call`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Judging {
    /// Intake (default) or audit.
    pub stage: Stage,
    /// The language of the words kader writes; default the framework's.
    pub lang: Option<Language>,
    /// Judge on this date instead of the document's own `as_of`.
    pub as_of: Option<Date>,
    /// How much evidence is accepted (document size, text length, list
    /// length, depth).
    pub limits: crate::Limits,
}

/// A document answered to a host: the text the command line writes with
/// `--format json`, and the warnings a response of [`call`] would carry.
#[derive(Clone, Debug, PartialEq)]
pub struct Written {
    /// The document, byte for byte as `kader eval --format json` (or
    /// `kader plan --format json`) writes it, line break included.
    pub document: String,
    /// Warnings about the evidence (`"kind": "evidence"`), as in a
    /// response's `warnings`.
    pub warnings: Vec<Value>,
}

/// The evidence text of a host's request, loaded for `framework`.
fn load_text(
    framework: &Framework,
    evidence: &str,
    toml: bool,
    judging: Judging,
) -> Result<Evidence, ApiError> {
    let options = LoadOptions {
        as_of: judging.as_of,
        limits: judging.limits,
    };
    let loaded = if toml {
        Evidence::from_toml_with(framework, evidence, options)
    } else {
        Evidence::from_json_with(framework, evidence, options)
    };
    loaded.map_err(evidence_error)
}

/// The `evaluate` operation for a host that keeps its frameworks
/// compiled (`kader serve`): the evidence text (JSON, or TOML when `toml`)
/// evaluated against `framework`. The result is the document
/// `kader eval --format json` writes, to the byte; an error is the
/// `error` object [`call`] would answer (`kind` `evidence`, with the
/// problems and their paths). Never panics, never does I/O.
pub fn evaluate_compiled(
    framework: &Framework,
    evidence: &str,
    toml: bool,
    judging: Judging,
) -> Result<Written, ApiError> {
    written(framework, evidence, toml, judging, result_document)
}

/// The `plan` operation for a host that keeps its frameworks compiled:
/// the document `kader plan --format json` writes (`by_owner`: grouped
/// per partner, as `--by owner`).
pub fn plan_compiled(
    framework: &Framework,
    evidence: &str,
    toml: bool,
    judging: Judging,
    by_owner: bool,
) -> Result<Written, ApiError> {
    written(framework, evidence, toml, judging, |f, a, l| {
        plan_document(f, a, l, by_owner)
    })
}

/// The evidence text loaded and assessed as `judging` says, and the
/// document `write` makes of the assessment.
fn written(
    framework: &Framework,
    evidence: &str,
    toml: bool,
    judging: Judging,
    write: impl FnOnce(&Framework, &Assessment, Language) -> String,
) -> Result<Written, ApiError> {
    let evidence = load_text(framework, evidence, toml, judging)?;
    let mut warnings = Vec::new();
    let (assessment, language) = assess(
        framework,
        &evidence,
        judging.stage,
        judging.lang,
        &mut warnings,
    );
    Ok(Written {
        document: write(framework, &assessment, language),
        warnings,
    })
}

/// The `check` operation with the bases of a layer found by a host's
/// `resolver`: the result [`call`] answers (the framework, its counts and
/// its warnings as diagnostic records; with `as_of`, the analysis's lints
/// too), or the `error` object of a framework that does not compile
/// (`kind` `framework`, with the diagnostics).
pub fn check_with(
    source: &str,
    file_name: &str,
    resolver: &dyn crate::Resolver,
    as_of: Option<Date>,
) -> Result<Value, ApiError> {
    let framework = Framework::compile_with(source, file_name, resolver)
        .map_err(|d| framework_error(&d, file_name, source))?;
    let warnings = match as_of {
        Some(as_of) => crate::analysis::warnings(&framework, as_of),
        None => framework.warnings().clone(),
    };
    Ok(check_result(
        &framework,
        &records(&warnings, file_name, source),
    ))
}

// ---------------------------------------------------------------- duplicate keys

/// A key that occurs twice in one object of the request.
struct Duplicate {
    /// The path to it from the request: object keys and `[i]` for items.
    segments: Vec<String>,
}

impl Duplicate {
    /// Whether it is inside the evidence document.
    fn in_evidence(&self) -> bool {
        self.segments.len() > 1 && self.segments.first().is_some_and(|s| s == "evidence")
    }

    /// The path as kader writes it: `bases.basiskader`, `evidence.x[1]`.
    fn path(&self) -> String {
        join_path(&self.segments)
    }

    /// The problem the evidence loader reports for it, its path in the
    /// evidence document.
    fn problem(&self) -> EvidenceProblem {
        duplicate_problem(self.segments.get(1..).unwrap_or_default())
    }
}

/// Every key that occurs twice in one object of `text` (valid JSON).
fn duplicates(text: &str) -> Vec<Duplicate> {
    duplicate_keys(text)
        .into_iter()
        .map(|segments| Duplicate { segments })
        .collect()
}

// ---------------------------------------------------------------- compiled frameworks

/// The fields a request to a [`Compiled`] framework leaves out: they were
/// given when it was compiled.
const COMPILED_FIELDS: [&str; 3] = ["framework", "file_name", "bases"];

/// A framework compiled once, for a host that asks many requests of it
/// (the Python package, a server): [`Compiled::call`] answers a request
/// without the framework as [`call`] answers the same request with it,
/// value for value, without compiling the framework again.
///
/// ```
/// use serde_json::{json, Value};
///
/// let framework = r#"
///     framework demo "Demo" version "1"
///     evidence { monitor.response_rate : percent "Respons op de monitor" }
///     theme sociaal "Sociale veiligheid" {
///       criterion S4 "Representatieve respons" {
///         owner school
///         require monitor.response_rate >= 70%
///       }
///     }
/// "#;
/// let compiled = kader::api::Compiled::from_request(
///     &json!({ "framework": framework, "file_name": "demo.kader" }).to_string(),
/// )
/// .map_err(|response| response.to_string())?;
/// let request = json!({
///     "op": "evaluate",
///     "evidence": {
///         "location": { "id": "brin-12AB-01" },
///         "as_of": "2026-11-30",
///         "evidence": { "monitor": { "response_rate": "82%" } }
///     }
/// });
/// let response: Value = serde_json::from_str(&compiled.call(&request.to_string()))?;
/// assert_eq!(response["result"]["verdict"], "certified");
///
/// // A framework that does not compile: the response `check` gives.
/// let failed = kader::api::Compiled::from_request(r#"{"framework": "framework"}"#);
/// let response: Value = serde_json::from_str(&failed.err().unwrap_or_default())?;
/// assert_eq!(response["error"]["kind"], "framework");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Compiled {
    framework: Framework,
    source: String,
    file_name: String,
    /// The framework's warnings (and bases it does not extend), as every
    /// response that uses it carries them.
    warnings: Vec<Value>,
}

impl Compiled {
    /// Compiles the framework of a request: an object with `framework`
    /// and, when needed, `file_name` and `bases`, as in a `check` request.
    /// When it does not compile (or the object is not such a request),
    /// the error is the response a `check` request with these fields gets.
    pub fn from_request(request: &str) -> Result<Compiled, String> {
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| compile_request(request)))
            .unwrap_or_else(|_| {
                Err(Response::new(Some(Op::Check)).fail(ApiError::new(
                    "internal",
                    "kader failed on this framework; this is a bug, please report it with the framework",
                )))
            });
        outcome.map_err(|response| {
            serde_json::to_string(&response).unwrap_or_else(|_| FALLBACK.to_string())
        })
    }

    /// Compiles `source` (named `file_name` in diagnostics), the bases of
    /// a layer found by `resolver`; a host that reads frameworks from a
    /// folder passes a [`crate::DirResolver`]. The error is the response a
    /// `check` request gets.
    pub fn new(source: &str, file_name: &str, resolver: &dyn Resolver) -> Result<Compiled, String> {
        let compiled = panic::catch_unwind(AssertUnwindSafe(|| {
            Framework::compile_with(source, file_name, resolver)
        }));
        let failed = |error: ApiError| {
            serde_json::to_string(&Response::new(Some(Op::Check)).fail(error))
                .unwrap_or_else(|_| FALLBACK.to_string())
        };
        match compiled {
            Ok(Ok(framework)) => {
                let mut warnings = Vec::new();
                framework_warnings(&framework, file_name, source, &mut warnings);
                Ok(Compiled {
                    framework,
                    source: source.to_string(),
                    file_name: file_name.to_string(),
                    warnings,
                })
            }
            Ok(Err(diagnostics)) => Err(failed(framework_error(&diagnostics, file_name, source))),
            Err(_) => Err(failed(ApiError::new(
                "internal",
                "kader failed on this framework; this is a bug, please report it with the framework",
            ))),
        }
    }

    /// Answers a request to this framework: [`call`]'s requests without
    /// `framework`, `file_name` and `bases` (giving them is a request
    /// error), and any operation but `compare`. Never panics.
    pub fn call(&self, request: &str) -> String {
        answer(request, Some(self))
    }

    /// The compiled framework.
    pub fn framework(&self) -> &Framework {
        &self.framework
    }

    /// The framework's source text.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The name its diagnostics give it.
    pub fn file_name(&self) -> &str {
        &self.file_name
    }

    /// Whether a request to this framework may name `op` and `fields`.
    fn accepts(&self, op: Op, fields: &Map<String, Value>) -> Result<(), ApiError> {
        if op == Op::Compare {
            return Err(ApiError::field(
                "op",
                "`compare` takes two frameworks, not the one compiled",
            )
            .with_help(Some(
                "send it to `kader::api::call` with `old` and `new`".into(),
            )));
        }
        match COMPILED_FIELDS.iter().find(|f| fields.contains_key(**f)) {
            Some(field) => Err(ApiError::field(
                field,
                format!("`{field}` was given when the framework was compiled"),
            )
            .with_help(Some(format!(
                "leave `{field}` out of a request to a compiled framework"
            )))),
            None => Ok(()),
        }
    }

    /// What a request to this framework takes from it.
    fn fill(&self, request: &mut Request) {
        request.file_name.clone_from(&self.file_name);
        if request.op == Op::Format {
            request.framework = Some(self.source.clone());
        }
    }
}

/// [`Compiled::from_request`], its error the response.
fn compile_request(text: &str) -> Result<Compiled, Value> {
    let mut response = Response::new(Some(Op::Check));
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(e) => return Err(response.fail(malformed(&e))),
    };
    let Value::Object(mut fields) = value else {
        return Err(response.fail(ApiError::request(format!(
            "a framework to compile is a JSON object such as {{\"framework\": \"...\"}}, not {}",
            json_kind(&value)
        ))));
    };
    if fields.get("op").is_some_and(|op| op == "check") {
        fields.remove("op");
    }
    if let Some(unknown) = fields
        .keys()
        .find(|k| !COMPILED_FIELDS.contains(&k.as_str()))
    {
        let help = match crate::suggest::nearest(unknown, COMPILED_FIELDS) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("a framework to compile has {}", list(&COMPILED_FIELDS)),
        };
        return Err(response.fail(
            ApiError::field(unknown, format!("unknown field `{unknown}`")).with_help(Some(help)),
        ));
    }
    if let Some(duplicate) = duplicates(text).first() {
        return Err(response.fail(
            ApiError::field(
                duplicate.segments.first().map_or("", String::as_str),
                format!("`{}` is given twice", duplicate.path()),
            )
            .with_help(Some("give each field once".into())),
        ));
    }
    let request = match parse_request(Op::Check, fields, &mut response.warnings, false) {
        Ok(request) => request,
        Err(error) => return Err(response.fail(error)),
    };
    let mut warnings = Vec::new();
    let framework = match compile(&request, &mut warnings) {
        Ok((framework, _)) => framework,
        Err(error) => return Err(response.fail(error)),
    };
    Ok(Compiled {
        framework,
        source: request.framework.unwrap_or_default(),
        file_name: request.file_name,
        warnings,
    })
}
