//! The router and its handlers: each route of `endpoints.rs` answered
//! through `kader::api`, errors as problem details.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{on, MethodFilter, MethodRouter};
use axum::Router;
use http_body_util::BodyExt;
use kader::api::{self, Judging};
use kader::{Language, Stage};
use serde_json::{json, Value};
use tokio::sync::OwnedSemaphorePermit;

use super::endpoints::{Endpoint, ROUTES};
use super::library::Loaded;
use super::problem::Problem;
use super::Shared;

/// The OpenAPI document, kept in `docs/openapi.json`.
const OPENAPI: &str = include_str!("../../docs/openapi.json");

/// The version of the API, in every response's `API-Version` header (the
/// OpenAPI document's `info.version`).
pub const API_VERSION: &str = "1.0.0";

/// The router over every route of [`ROUTES`].
pub fn router(shared: Arc<Shared>) -> Router {
    let mut public = Router::new();
    let mut guarded = Router::new();
    for (method, path, endpoint) in ROUTES {
        let filter = if method == "POST" {
            MethodFilter::POST
        } else {
            MethodFilter::GET
        };
        let route = handler(filter, endpoint);
        if endpoint.public() {
            public = public.route(path, route);
        } else {
            guarded = guarded.route(path, route);
        }
    }
    let guarded = guarded.route_layer(middleware::from_fn_with_state(
        Arc::clone(&shared),
        authorise,
    ));
    public
        .merge(guarded)
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::map_response(versioned))
        .with_state(shared)
}

/// The handler of an endpoint, for its method.
fn handler(filter: MethodFilter, endpoint: Endpoint) -> MethodRouter<Arc<Shared>> {
    match endpoint {
        Endpoint::Frameworks => on(filter, frameworks),
        Endpoint::Framework => on(filter, framework),
        Endpoint::Schema => on(filter, schema),
        Endpoint::Evaluations => on(filter, evaluations),
        Endpoint::Plans => on(filter, plans),
        Endpoint::Checks => on(filter, checks),
        Endpoint::Health => on(filter, health),
        Endpoint::OpenApi => on(filter, openapi),
    }
}

async fn versioned(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert("api-version", HeaderValue::from_static(API_VERSION));
    response
}

async fn not_found(uri: Uri) -> Problem {
    Problem::not_found(uri.path())
}

async fn method_not_allowed(method: Method, uri: Uri) -> Problem {
    Problem::method_not_allowed(method.as_str(), uri.path())
}

/// With a token set, every guarded route asks for it:
/// `Authorization: Bearer TOKEN`, compared in constant time.
async fn authorise(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let Some(token) = &shared.token else {
        return next.run(request).await;
    };
    let given = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            let (scheme, rest) = v.split_once(' ')?;
            scheme.eq_ignore_ascii_case("bearer").then(|| rest.trim())
        });
    match given {
        None => Problem::unauthorized("send `Authorization: Bearer TOKEN`").into_response(),
        Some(given) if !same(given.as_bytes(), token) => {
            Problem::unauthorized("the bearer token is not the one this service takes")
                .into_response()
        }
        Some(_) => next.run(request).await,
    }
}

/// Whether two tokens are equal, in time that does not depend on where
/// they differ.
fn same(given: &[u8], token: &[u8]) -> bool {
    use subtle::ConstantTimeEq;
    bool::from(given.ct_eq(token))
}

// ---------------------------------------------------------------- frameworks

/// What a list of frameworks says of each.
fn summary(loaded: &Loaded) -> Value {
    let framework = &loaded.framework;
    let extends: Vec<Value> = framework
        .extends()
        .iter()
        .map(|(id, version)| json!({ "id": id, "version": version }))
        .collect();
    json!({
        "id": framework.id(),
        "version": framework.version(),
        "title": framework.title(),
        "extends": extends,
    })
}

fn json_response(status: StatusCode, content_type: &'static str, body: String) -> Response {
    (status, [(header::CONTENT_TYPE, content_type)], body).into_response()
}

async fn frameworks(State(shared): State<Arc<Shared>>) -> Response {
    let library = shared.library();
    let all: Vec<Value> = library.all().map(summary).collect();
    json_response(
        StatusCode::OK,
        "application/json",
        json!({ "frameworks": all }).to_string(),
    )
}

/// The framework with this id, or a 404 naming the ones served.
fn find(shared: &Shared, id: &str) -> Result<Arc<Loaded>, Problem> {
    let library = shared.library();
    library
        .get(id)
        .ok_or_else(|| Problem::unknown_framework(id, &library.ids()))
}

async fn framework(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    let loaded = match find(&shared, &id) {
        Ok(loaded) => loaded,
        Err(problem) => return problem.into_response(),
    };
    let framework = &loaded.framework;
    let mut body = summary(&loaded);
    if let Some(map) = body.as_object_mut() {
        map.insert("language".into(), Value::from(framework.language().code()));
        let base = format!("/api/v1/frameworks/{}", framework.id());
        map.insert(
            "links".into(),
            json!({
                "self": base,
                "schema": format!("{base}/schema"),
                "evaluations": format!("{base}/evaluations"),
                "plans": format!("{base}/plans"),
            }),
        );
    }
    json_response(StatusCode::OK, "application/json", body.to_string())
}

async fn schema(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    let loaded = match find(&shared, &id) {
        Ok(loaded) => loaded,
        Err(problem) => return problem.into_response(),
    };
    // As `kader schema` prints it.
    let schema = kader::schema::evidence_schema(&loaded.framework);
    match serde_json::to_string_pretty(&schema) {
        Ok(text) => json_response(StatusCode::OK, "application/schema+json", text + "\n"),
        Err(e) => Problem::internal(e.to_string()).into_response(),
    }
}

async fn health(State(shared): State<Arc<Shared>>) -> Response {
    json_response(
        StatusCode::OK,
        "application/json",
        json!({
            "status": "ok",
            "version": env!("CARGO_PKG_VERSION"),
            "frameworks": shared.library().len(),
        })
        .to_string(),
    )
}

async fn openapi() -> Response {
    json_response(StatusCode::OK, "application/json", OPENAPI.to_string())
}

// ---------------------------------------------------------------- requests

/// The query parameters a route reads.
struct Params {
    judging: Judging,
    by_owner: bool,
}

/// Reads the query: each of `allowed` at most once, nothing else.
fn params(
    shared: &Shared,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
    allowed: &[&str],
) -> Result<Params, Problem> {
    let Query(pairs) = query.map_err(|e| Problem::bad_request(e.body_text()))?;
    let mut params = Params {
        judging: Judging {
            limits: shared.limits(),
            ..Judging::default()
        },
        by_owner: false,
    };
    let mut seen: Vec<&str> = Vec::new();
    for (key, value) in &pairs {
        if !allowed.contains(&key.as_str()) {
            return Err(Problem::bad_request(format!(
                "unknown query parameter `{key}`; this route takes `{}`",
                allowed.join("`, `")
            )));
        }
        if seen.contains(&key.as_str()) {
            return Err(Problem::bad_request(format!(
                "the query parameter `{key}` is given twice"
            )));
        }
        seen.push(key);
        let invalid = |choices: &str| {
            Problem::bad_request(format!(
                "`{value}` is not a valid `{key}`; `{key}` is {choices}"
            ))
        };
        match key.as_str() {
            "stage" => {
                params.judging.stage = match value.as_str() {
                    "intake" => Stage::Intake,
                    "audit" => Stage::Audit,
                    _ => return Err(invalid("`intake` or `audit`")),
                }
            }
            "lang" => {
                params.judging.lang =
                    Some(Language::from_code(value).ok_or_else(|| invalid("`nl` or `en`"))?)
            }
            "as_of" => {
                params.judging.as_of = Some(
                    kader::parse_date(value)
                        .map_err(|_| invalid("a date written YYYY-MM-DD, such as 2026-11-30"))?,
                )
            }
            "by" => {
                params.by_owner = match value.as_str() {
                    "owner" => true,
                    _ => return Err(invalid("`owner`")),
                }
            }
            _ => {}
        }
    }
    Ok(params)
}

/// How a body is written, by its `Content-Type`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Json,
    Toml,
    Lines,
    Text,
}

fn kind(headers: &HeaderMap, accepted: &[Kind]) -> Result<Kind, Problem> {
    let given = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        });
    let kind = match given.as_deref() {
        Some("application/json") => Some(Kind::Json),
        Some("application/toml") => Some(Kind::Toml),
        Some("application/x-ndjson") => Some(Kind::Lines),
        Some("text/plain") => Some(Kind::Text),
        _ => None,
    };
    let names: Vec<&str> = accepted
        .iter()
        .map(|k| match k {
            Kind::Json => "application/json",
            Kind::Toml => "application/toml",
            Kind::Lines => "application/x-ndjson",
            Kind::Text => "text/plain",
        })
        .collect();
    match kind {
        Some(kind) if accepted.contains(&kind) => Ok(kind),
        _ => Err(Problem::unsupported_media_type(format!(
            "the body is {}; this route takes `Content-Type: {}`",
            given.map_or("without a `Content-Type`".to_string(), |g| format!("`{g}`")),
            names.join("` or `")
        ))),
    }
}

/// A place for work, or 503 when every place is taken.
fn permit(shared: &Shared) -> Result<OwnedSemaphorePermit, Problem> {
    Arc::clone(&shared.work)
        .try_acquire_owned()
        .map_err(|_| Problem::busy(shared.max_concurrent))
}

/// The whole body, within the size limit and the time limit, as text.
async fn read_text(
    body: Body,
    headers: &HeaderMap,
    limit: usize,
    timeout: Duration,
) -> Result<String, Problem> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > u64::try_from(limit).unwrap_or(u64::MAX)) {
        return Err(Problem::too_large(limit));
    }
    let deadline = tokio::time::Instant::now() + timeout;
    let mut body = body;
    let mut bytes = Vec::new();
    loop {
        let frame = match tokio::time::timeout_at(deadline, body.frame()).await {
            Err(_) => return Err(Problem::request_timeout(timeout.as_secs())),
            Ok(None) => break,
            Ok(Some(Err(e))) => {
                return Err(Problem::bad_request(format!(
                    "the request body could not be read: {e}"
                )))
            }
            Ok(Some(Ok(frame))) => frame,
        };
        if let Ok(data) = frame.into_data() {
            if bytes.len().saturating_add(data.len()) > limit {
                return Err(Problem::too_large(limit));
            }
            bytes.extend_from_slice(&data);
        }
    }
    String::from_utf8(bytes).map_err(|e| {
        Problem::bad_request(format!(
            "the body is not UTF-8 (at byte {}); send it as UTF-8",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// Work on the blocking pool, holding its place, within the time limit.
async fn work<T: Send + 'static>(
    shared: &Shared,
    permit: OwnedSemaphorePermit,
    job: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Problem> {
    let task = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        job()
    });
    match tokio::time::timeout(shared.timeout, task).await {
        Err(_) => Err(Problem::timeout(shared.timeout.as_secs())),
        Ok(Err(e)) => Err(Problem::internal(format!(
            "the request failed; this is a bug, please report it: {e}"
        ))),
        Ok(Ok(value)) => Ok(value),
    }
}

// ---------------------------------------------------------------- evaluations

async fn evaluations(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    match evaluate(shared, &id, query, &headers, body).await {
        Ok(response) => response,
        Err(problem) => problem.into_response(),
    }
}

async fn evaluate(
    shared: Arc<Shared>,
    id: &str,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
    headers: &HeaderMap,
    body: Body,
) -> Result<Response, Problem> {
    let loaded = find(&shared, id)?;
    let params = params(&shared, query, &["stage", "lang", "as_of"])?;
    let kind = kind(headers, &[Kind::Json, Kind::Toml, Kind::Lines])?;
    let permit = permit(&shared)?;
    if kind == Kind::Lines {
        return Ok(super::ndjson::stream(
            shared,
            loaded,
            params.judging,
            body,
            permit,
        ));
    }
    let text = read_text(body, headers, shared.max_body_bytes, shared.timeout).await?;
    let toml = kind == Kind::Toml;
    let judging = params.judging;
    let logger = Arc::clone(&shared);
    let written = work(&shared, permit, move || {
        let written = api::evaluate_compiled(&loaded.framework, &text, toml, judging);
        if let (Ok(written), Some(log)) = (&written, &logger.decisions) {
            log.record(&written.document, &text, toml, jiff::Timestamp::now());
        }
        written
    })
    .await?;
    match written {
        Ok(written) => Ok(json_response(
            StatusCode::OK,
            "application/json",
            written.document,
        )),
        Err(error) => Err(Problem::of_api(&error)),
    }
}

// ---------------------------------------------------------------- plans

async fn plans(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let answer = async {
        let loaded = find(&shared, &id)?;
        let params = params(&shared, query, &["stage", "lang", "as_of", "by"])?;
        let kind = kind(&headers, &[Kind::Json, Kind::Toml])?;
        let permit = permit(&shared)?;
        let text = read_text(body, &headers, shared.max_body_bytes, shared.timeout).await?;
        let toml = kind == Kind::Toml;
        let written = work(&shared, permit, move || {
            api::plan_compiled(
                &loaded.framework,
                &text,
                toml,
                params.judging,
                params.by_owner,
            )
        })
        .await?;
        written
            .map(|w| json_response(StatusCode::OK, "application/json", w.document))
            .map_err(|e| Problem::of_api(&e))
    };
    answer.await.unwrap_or_else(IntoResponse::into_response)
}

// ---------------------------------------------------------------- checks

/// The name diagnostics give a framework text checked.
const CHECKED_NAME: &str = "framework.kader";

async fn checks(
    State(shared): State<Arc<Shared>>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let answer = async {
        let params = params(&shared, query, &["as_of"])?;
        kind(&headers, &[Kind::Text])?;
        let permit = permit(&shared)?;
        let limit = kader::Limits::default()
            .max_source_bytes
            .min(shared.max_body_bytes);
        let text = read_text(body, &headers, limit, shared.timeout).await?;
        // As `kader check`: the analysis's lints judge on today's date
        // unless the request names one.
        let as_of = params.judging.as_of.unwrap_or_else(shared.today);
        let library = shared.library();
        let checked = work(&shared, permit, move || {
            api::check_with(&text, CHECKED_NAME, library.resolver(), Some(as_of))
        })
        .await?;
        let body = match checked {
            Ok(Value::Object(result)) => {
                let mut body = serde_json::Map::new();
                body.insert("valid".into(), Value::Bool(true));
                body.extend(result);
                Value::Object(body)
            }
            Ok(other) => other,
            Err(error) if error.kind() == "framework" => json!({
                "valid": false,
                "framework": null,
                "diagnostics": error.to_value().get("diagnostics").cloned().unwrap_or(Value::Array(Vec::new())),
            }),
            Err(error) => return Err(Problem::of_api(&error)),
        };
        Ok(json_response(
            StatusCode::OK,
            "application/json",
            body.to_string(),
        ))
    };
    answer.await.unwrap_or_else(IntoResponse::into_response)
}
