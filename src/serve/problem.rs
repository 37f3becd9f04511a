//! Errors as RFC 9457 problem details (`application/problem+json`), as the
//! Dutch API Design Rules ask: `type`, `title`, `status`, `detail`, and
//! what a problem adds (`problems` of evidence, `diagnostics` of a
//! framework). Each type is `urn:kader:problem:NAME`, listed in
//! `docs/serve.md`.

use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value};

/// One problem, answered with its status (boxed: it travels in every
/// `Result` of a handler).
#[derive(Debug)]
pub struct Problem(Box<Details>);

#[derive(Debug)]
struct Details {
    status: StatusCode,
    name: &'static str,
    title: &'static str,
    detail: String,
    extra: Map<String, Value>,
    headers: Vec<(HeaderName, HeaderValue)>,
}

impl Problem {
    fn new(status: StatusCode, name: &'static str, title: &'static str, detail: String) -> Problem {
        Problem(Box::new(Details {
            status,
            name,
            title,
            detail,
            extra: Map::new(),
            headers: Vec::new(),
        }))
    }

    /// A request the service cannot read: a query parameter, a body that
    /// is not a JSON or TOML document, text that is not UTF-8.
    pub fn bad_request(detail: impl Into<String>) -> Problem {
        Problem::new(
            StatusCode::BAD_REQUEST,
            "bad-request",
            "The request cannot be read",
            detail.into(),
        )
    }

    /// No token, or the wrong one.
    pub fn unauthorized(detail: impl Into<String>) -> Problem {
        Problem::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "A valid bearer token is required",
            detail.into(),
        )
        .header(header::WWW_AUTHENTICATE, "Bearer")
    }

    /// No framework with this id.
    pub fn unknown_framework(id: &str, known: &[String]) -> Problem {
        let detail = if known.is_empty() {
            format!("no framework `{id}` is served; none is")
        } else {
            format!(
                "no framework `{id}` is served; the frameworks served are `{}`",
                known.join("`, `")
            )
        };
        Problem::new(
            StatusCode::NOT_FOUND,
            "unknown-framework",
            "No such framework",
            detail,
        )
    }

    /// No route at this path.
    pub fn not_found(path: &str) -> Problem {
        Problem::new(
            StatusCode::NOT_FOUND,
            "not-found",
            "No such resource",
            format!("nothing is served at `{path}`; GET /api/v1/openapi.json lists every route"),
        )
    }

    /// A route that does not take this method.
    pub fn method_not_allowed(method: &str, path: &str) -> Problem {
        Problem::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "method-not-allowed",
            "Method not allowed",
            format!("`{path}` does not take {method}; GET /api/v1/openapi.json lists every route"),
        )
    }

    /// The body did not arrive in time.
    pub fn request_timeout(seconds: u64) -> Problem {
        Problem::new(
            StatusCode::REQUEST_TIMEOUT,
            "request-timeout",
            "The request took too long to arrive",
            format!("the request body did not arrive within {seconds} s"),
        )
    }

    /// A body past the size limit.
    pub fn too_large(limit: usize) -> Problem {
        Problem::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too-large",
            "The request body is too large",
            format!("the body is larger than the limit of {limit} bytes"),
        )
    }

    /// A body of a kind the route does not take.
    pub fn unsupported_media_type(detail: impl Into<String>) -> Problem {
        Problem::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported-media-type",
            "Unsupported content type",
            detail.into(),
        )
    }

    /// Evidence that does not load: every problem with its path.
    pub fn invalid_evidence(detail: impl Into<String>, problems: Value) -> Problem {
        Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid-evidence",
            "The evidence does not load",
            detail.into(),
        )
        .with("problems", problems)
    }

    /// Evidence that is not a JSON or TOML document at all.
    pub fn malformed_evidence(detail: impl Into<String>, problems: Value) -> Problem {
        Problem::new(
            StatusCode::BAD_REQUEST,
            "malformed-evidence",
            "The evidence is not a JSON or TOML document",
            detail.into(),
        )
        .with("problems", problems)
    }

    /// Every place for work taken.
    pub fn busy(limit: usize) -> Problem {
        Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "busy",
            "Too many requests at once",
            format!("{limit} requests are being worked on; try again shortly"),
        )
        .header(header::RETRY_AFTER, "1")
    }

    /// Work that did not finish within the time limit.
    pub fn timeout(seconds: u64) -> Problem {
        Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "timeout",
            "The request took too long",
            format!("the answer was not ready within {seconds} s"),
        )
    }

    /// A failure of the service itself.
    pub fn internal(detail: impl Into<String>) -> Problem {
        Problem::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "Internal error",
            detail.into(),
        )
    }

    /// The problem of an error of `kader::api`.
    pub fn of_api(error: &kader::api::ApiError) -> Problem {
        let value = error.to_value();
        match error.kind() {
            "evidence" => {
                let problems = value
                    .get("problems")
                    .cloned()
                    .unwrap_or(Value::Array(Vec::new()));
                // Text that is no document at all: every problem at the top,
                // placed by line.
                let malformed = problems.as_array().is_some_and(|all| {
                    !all.is_empty()
                        && all.iter().all(|p| {
                            p.get("path").and_then(Value::as_str) == Some("")
                                && p.get("line").is_some_and(|l| !l.is_null())
                        })
                });
                if malformed {
                    Problem::malformed_evidence(error.message(), problems)
                } else {
                    Problem::invalid_evidence(error.message(), problems)
                }
            }
            _ => Problem::internal(error.message().to_string()),
        }
    }

    /// An extension member.
    pub fn with(mut self, key: &str, value: Value) -> Problem {
        self.0.extra.insert(key.to_string(), value);
        self
    }

    fn header(mut self, name: HeaderName, value: &'static str) -> Problem {
        self.0.headers.push((name, HeaderValue::from_static(value)));
        self
    }

    /// The status it is answered with.
    #[cfg(test)]
    pub fn status(&self) -> StatusCode {
        self.0.status
    }

    /// The problem as its JSON object.
    pub fn to_value(&self) -> Value {
        let details = &self.0;
        let mut map = Map::new();
        map.insert(
            "type".into(),
            Value::from(format!("urn:kader:problem:{}", details.name)),
        );
        map.insert("title".into(), Value::from(details.title));
        map.insert("status".into(), Value::from(details.status.as_u16()));
        map.insert("detail".into(), Value::from(details.detail.as_str()));
        map.extend(details.extra.clone());
        Value::Object(map)
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let body = self.to_value().to_string();
        let Details {
            status, headers, ..
        } = *self.0;
        let mut response = (
            status,
            [(header::CONTENT_TYPE, "application/problem+json")],
            body,
        )
            .into_response();
        for (name, value) in headers {
            response.headers_mut().insert(name, value);
        }
        response
    }
}
