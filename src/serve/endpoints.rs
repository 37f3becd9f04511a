//! The routes of `kader serve`, in one list. The router is built from it
//! (`routes.rs`), and a test holds the OpenAPI document to it
//! (`tests/it/serve.rs` includes this file): neither can gain a route the
//! other lacks. This file imports nothing, so that the test can include it.

/// What a route does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Endpoint {
    /// Every framework served: id, version, title, what it extends.
    Frameworks,
    /// One framework.
    Framework,
    /// The JSON Schema of a framework's evidence document.
    Schema,
    /// Evaluate one location, or a stream of them (NDJSON).
    Evaluations,
    /// One location's improvement plan.
    Plans,
    /// Check a framework text.
    Checks,
    /// Whether the service is up.
    Health,
    /// The OpenAPI document.
    OpenApi,
}

impl Endpoint {
    /// Whether the route answers without the bearer token: the health
    /// check (for load balancers) and the API's own description.
    pub fn public(self) -> bool {
        matches!(self, Endpoint::Health | Endpoint::OpenApi)
    }
}

/// Every route: its method, its path (`{id}` as in OpenAPI and axum), and
/// what it does.
pub const ROUTES: [(&str, &str, Endpoint); 8] = [
    ("GET", "/api/v1/frameworks", Endpoint::Frameworks),
    ("GET", "/api/v1/frameworks/{id}", Endpoint::Framework),
    ("GET", "/api/v1/frameworks/{id}/schema", Endpoint::Schema),
    (
        "POST",
        "/api/v1/frameworks/{id}/evaluations",
        Endpoint::Evaluations,
    ),
    ("POST", "/api/v1/frameworks/{id}/plans", Endpoint::Plans),
    ("POST", "/api/v1/checks", Endpoint::Checks),
    ("GET", "/api/v1/health", Endpoint::Health),
    ("GET", "/api/v1/openapi.json", Endpoint::OpenApi),
];
