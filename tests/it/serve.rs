//! `kader serve` against the running binary: on 127.0.0.1, on a port the
//! system picks (`--listen 127.0.0.1:0`; the service prints the address
//! it bound on its one line of stdout), with a real HTTP client.
//!
//! Every sample at both stages gives the bytes `kader eval --format json`
//! writes; NDJSON keeps input order past a chunk, with a bad line in its
//! place; every kind of bad request gets its problem and status; the
//! token is asked for; a reload swaps and a broken one keeps the old
//! framework; the decision log holds no evidence; the OpenAPI document
//! lists exactly the router's routes and validates.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::common::{root, sample_paths};

#[allow(dead_code)]
#[path = "../../src/serve/endpoints.rs"]
mod endpoints;

/// A running `kader serve`, stopped when dropped.
struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`
    base: String,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    /// Starts `kader serve --listen 127.0.0.1:0 ARGS` in the crate root.
    fn start(args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kader"))
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(args)
            .current_dir(root())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("kader serve starts");
        let stderr = Arc::new(Mutex::new(String::new()));
        let sink = Arc::clone(&stderr);
        let pipe = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines() {
                let Ok(line) = line else { break };
                let mut all = sink.lock().unwrap();
                all.push_str(&line);
                all.push('\n');
            }
        });
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let Some(address) = line.trim().strip_prefix("kader serve: listening on ") else {
            let _ = child.wait();
            panic!(
                "kader serve did not say where it listens: {line:?}\n{}",
                stderr.lock().unwrap()
            );
        };
        Server {
            child,
            base: address.to_string(),
            stderr,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What came back: status, content type, body.
struct Answer {
    status: u16,
    content_type: String,
    headers: ureq::http::HeaderMap,
    body: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    /// A problem with this status, as RFC 9457 has it.
    fn problem(&self, status: u16, name: &str) -> Value {
        assert_eq!(self.status, status, "{}", self.body);
        assert_eq!(
            self.content_type, "application/problem+json",
            "{}",
            self.body
        );
        let problem = self.json();
        assert_eq!(problem["status"], status, "{problem}");
        assert_eq!(
            problem["type"],
            format!("urn:kader:problem:{name}"),
            "{problem}"
        );
        assert!(problem["title"].as_str().is_some_and(|t| !t.is_empty()));
        assert!(problem["detail"].as_str().is_some_and(|t| !t.is_empty()));
        problem
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(120)))
        .build()
        .into()
}

fn answer(response: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Answer {
    let mut response = response.expect("the service answers");
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let headers = response.headers().clone();
    let body = response
        .body_mut()
        .with_config()
        .limit(1 << 30)
        .read_to_string()
        .unwrap();
    Answer {
        status: response.status().as_u16(),
        content_type,
        headers,
        body,
    }
}

fn get(server: &Server, path: &str) -> Answer {
    answer(agent().get(server.url(path)).call())
}

fn post(server: &Server, path: &str, content_type: &str, body: &[u8]) -> Answer {
    answer(
        agent()
            .post(server.url(path))
            .header("Content-Type", content_type)
            .send(body),
    )
}

/// The content type of an evidence file.
fn content_type(path: &Path) -> &'static str {
    if path.extension().is_some_and(|e| e == "toml") {
        "application/toml"
    } else {
        "application/json"
    }
}

/// What `kader ARGS` writes on stdout (run in the crate root).
fn cli(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_kader"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    String::from_utf8(output.stdout).unwrap()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kader-serve-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Waits up to 20 s for `done`.
fn eventually(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "timed out waiting: {what}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn frameworks_server(extra: &[&str]) -> Server {
    let mut args = vec!["--frameworks", "frameworks"];
    args.extend_from_slice(extra);
    Server::start(&args)
}

// ---------------------------------------------------------------- results

#[test]
fn every_sample_at_both_stages_is_what_the_cli_writes_to_the_byte() {
    let server = frameworks_server(&[]);
    let mut cases: Vec<(PathBuf, &str)> = sample_paths()
        .into_iter()
        .map(|p| (p, "basiskader"))
        .collect();
    let mut layered: Vec<PathBuf> = std::fs::read_dir(root().join("samples/voorbeeldstad"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    layered.sort();
    cases.extend(layered.into_iter().map(|p| (p, "voorbeeldstad")));
    assert!(cases.len() > 15);
    for (path, id) in &cases {
        let framework = match *id {
            "basiskader" => "frameworks/basiskader.kader",
            _ => "frameworks/lokaal/voorbeeldstad.kader",
        };
        let body = std::fs::read(path).unwrap();
        for stage in ["intake", "audit"] {
            let expected = cli(&[
                "--frameworks",
                "frameworks",
                "eval",
                framework,
                path.to_str().unwrap(),
                "--format",
                "json",
                "--stage",
                stage,
            ]);
            assert!(expected.starts_with('{'), "{}: {expected}", path.display());
            let got = post(
                &server,
                &format!("/api/v1/frameworks/{id}/evaluations?stage={stage}"),
                content_type(path),
                &body,
            );
            assert_eq!(got.status, 200, "{}: {}", path.display(), got.body);
            assert_eq!(got.content_type, "application/json");
            assert_eq!(got.headers.get("api-version").unwrap(), "1.0.0");
            assert!(
                got.body == expected,
                "{} at {stage}: the service's result differs from the CLI's",
                path.display()
            );
        }
    }
    // `lang` and `as_of` as the CLI's flags.
    let path = "samples/po-de-regenboog-certified.json";
    let expected = cli(&[
        "eval",
        "frameworks/basiskader.kader",
        path,
        "--format",
        "json",
        "--lang",
        "en",
        "--as-of",
        "2027-06-01",
    ]);
    let got = post(
        &server,
        "/api/v1/frameworks/basiskader/evaluations?lang=en&as_of=2027-06-01",
        "application/json",
        &std::fs::read(root().join(path)).unwrap(),
    );
    assert_eq!(got.body, expected);
}

#[test]
fn plans_schema_and_frameworks_are_what_the_cli_writes() {
    let server = frameworks_server(&[]);
    let path = "samples/vo-da-vinci-zuid-cameras-not-certified.json";
    let body = std::fs::read(root().join(path)).unwrap();
    let expected = cli(&[
        "plan",
        "frameworks/basiskader.kader",
        path,
        "--format",
        "json",
        "--by",
        "owner",
        "--stage",
        "audit",
    ]);
    let got = post(
        &server,
        "/api/v1/frameworks/basiskader/plans?by=owner&stage=audit",
        "application/json",
        &body,
    );
    assert_eq!(got.status, 200, "{}", got.body);
    assert_eq!(got.body, expected);

    let got = get(&server, "/api/v1/frameworks/basiskader/schema");
    assert_eq!(got.status, 200);
    assert_eq!(got.content_type, "application/schema+json");
    assert_eq!(got.body, cli(&["schema", "frameworks/basiskader.kader"]));

    let list = get(&server, "/api/v1/frameworks").json();
    let ids: Vec<&str> = list["frameworks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["basiskader", "voorbeeldstad"]);
    assert_eq!(list["frameworks"][0]["version"], "2026.1");
    assert_eq!(
        list["frameworks"][1]["extends"],
        serde_json::json!([{ "id": "basiskader", "version": "2026.1" }])
    );
    let one = get(&server, "/api/v1/frameworks/voorbeeldstad").json();
    assert_eq!(one["title"], list["frameworks"][1]["title"]);
    assert_eq!(one["language"], "nl");

    let health = get(&server, "/api/v1/health").json();
    assert_eq!(health["status"], "ok");
    assert_eq!(health["frameworks"], 2);
}

#[test]
fn checks_give_diagnostics_with_the_served_frameworks_as_bases() {
    let server = frameworks_server(&[]);
    let layer = std::fs::read(root().join("frameworks/lokaal/voorbeeldstad.kader")).unwrap();
    let got = post(&server, "/api/v1/checks", "text/plain", &layer);
    assert_eq!(got.status, 200, "{}", got.body);
    let checked = got.json();
    assert_eq!(checked["valid"], true, "{checked}");
    assert_eq!(checked["framework"]["id"], "voorbeeldstad");
    assert!(checked["diagnostics"].is_array());

    let broken = b"framework demo \"Demo\" version \"1\"\nevidence { plan.adopted : date \"Datum plan\" }\ntheme t \"Thema\" { criterion C1 \"Plan\" { owner school require plan.adoptd within 12 months } }\n";
    let checked = post(&server, "/api/v1/checks", "text/plain", broken).json();
    assert_eq!(checked["valid"], false, "{checked}");
    assert_eq!(checked["diagnostics"][0]["code"], "E0201");
    assert_eq!(checked["diagnostics"][0]["line"], 3);
}

// ---------------------------------------------------------------- NDJSON

/// The samples' JSON documents, one a line.
fn sample_lines() -> Vec<String> {
    sample_paths()
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| {
            let value: Value = serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
            value.to_string()
        })
        .collect()
}

/// Generated locations (every verdict, values at and beside every
/// threshold), one at a time and streamed, at both stages: each answer is
/// what `kader eval --format json` writes for the same file.
#[test]
fn generated_locations_are_answered_as_kader_eval_writes_them() {
    let server = frameworks_server(&[]);
    let framework = crate::common::basiskader();
    let options = kader::generate::Options {
        count: 300,
        seed: 20_261_205,
        as_of: None,
    };
    let lines: Vec<String> = kader::generate::generate(framework, &options)
        .iter()
        .map(kader::generate::GeneratedLocation::to_json_line)
        .collect();
    let dir = temp_dir("generated");
    let file = dir.join("locations.jsonl");
    let body = lines.join("\n") + "\n";
    std::fs::write(&file, &body).unwrap();
    for stage in ["intake", "audit"] {
        let expected = cli(&[
            "eval",
            "frameworks/basiskader.kader",
            file.to_str().unwrap(),
            "--format",
            "json",
            "--stage",
            stage,
        ]);
        let expected: Vec<&str> = expected.lines().collect();
        assert_eq!(expected.len(), lines.len());
        let path = format!("/api/v1/frameworks/basiskader/evaluations?stage={stage}");
        let streamed = post(&server, &path, "application/x-ndjson", body.as_bytes());
        assert_eq!(streamed.status, 200);
        assert_eq!(streamed.body.lines().collect::<Vec<_>>(), expected);
        for (line, expected) in lines.iter().zip(&expected).step_by(7) {
            let one = post(&server, &path, "application/json", line.as_bytes());
            assert_eq!(one.status, 200, "{}", one.body);
            assert_eq!(one.body, format!("{expected}\n"));
        }
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn ndjson_gives_one_line_a_location_in_input_order_past_a_chunk() {
    let server = frameworks_server(&[]);
    let samples = sample_lines();
    // More lines than one chunk of both cores (2 × 2 × 256), with a bad
    // line, a line that is no JSON and a blank line among them.
    let mut lines: Vec<String> = (0..1500)
        .map(|i| samples[i % samples.len()].clone())
        .collect();
    lines[700] = r#"{"location":{"id":"x"},"as_of":"2026-11-30","evidence":{"monitor":{"response_rate":"170%"}}}"#.into();
    lines[1200] = "{ this is no JSON".into();
    let mut body = lines.join("\n");
    body.push_str("\n\n");
    let dir = temp_dir("ndjson");
    let file = dir.join("batch.jsonl");
    std::fs::write(&file, &body).unwrap();
    let got = post(
        &server,
        "/api/v1/frameworks/basiskader/evaluations?stage=audit",
        "application/x-ndjson",
        body.as_bytes(),
    );
    assert_eq!(got.status, 200);
    assert_eq!(got.content_type, "application/x-ndjson");
    let results: Vec<&str> = got.body.lines().collect();
    assert_eq!(results.len(), 1500);
    // The good lines are what `kader eval` writes for the same file.
    let expected = cli(&[
        "eval",
        "frameworks/basiskader.kader",
        file.to_str().unwrap(),
        "--format",
        "json",
        "--stage",
        "audit",
    ]);
    let good: Vec<&str> = results
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != 700 && *i != 1200)
        .map(|(_, line)| *line)
        .collect();
    assert_eq!(good, expected.lines().collect::<Vec<_>>());
    let bad: Value = serde_json::from_str(results[700]).unwrap();
    assert_eq!(bad["line"], 701);
    assert_eq!(bad["error"]["status"], 422);
    assert_eq!(
        bad["error"]["problems"][0]["path"], "evidence.monitor.response_rate",
        "{bad}"
    );
    let malformed: Value = serde_json::from_str(results[1200]).unwrap();
    assert_eq!(malformed["line"], 1201);
    assert_eq!(malformed["error"]["status"], 400);
    let _ = std::fs::remove_dir_all(dir);
}

// ---------------------------------------------------------------- problems

#[test]
fn bad_requests_get_their_problem_and_status() {
    let server = frameworks_server(&["--max-body-bytes", "4000"]);
    let evaluations = "/api/v1/frameworks/basiskader/evaluations";
    // Not a document at all: 400, with the place.
    let problem = post(&server, evaluations, "application/json", b"{\"location\": ")
        .problem(400, "malformed-evidence");
    assert!(problem["problems"][0]["line"].is_u64(), "{problem}");
    // A document with wrong values: 422, each problem with its path.
    let invalid = std::fs::read(root().join("samples/invalid/percent-out-of-range.json")).unwrap();
    let problem =
        post(&server, evaluations, "application/json", &invalid).problem(422, "invalid-evidence");
    assert!(
        problem["problems"][0]["path"]
            .as_str()
            .is_some_and(|p| p.starts_with("evidence.")),
        "{problem}"
    );
    let toml = std::fs::read(root().join("samples/invalid/wrong-type.toml")).unwrap();
    post(&server, evaluations, "application/toml", &toml).problem(422, "invalid-evidence");
    // Larger than --max-body-bytes.
    let large = format!("{{\"pad\": \"{}\"}}", "x".repeat(5000));
    post(&server, evaluations, "application/json", large.as_bytes()).problem(413, "too-large");
    let long_line = format!("{large}\n");
    let streamed = post(
        &server,
        evaluations,
        "application/x-ndjson",
        long_line.as_bytes(),
    );
    assert_eq!(streamed.status, 200);
    let line: Value = serde_json::from_str(streamed.body.trim()).unwrap();
    assert_eq!(line["error"]["status"], 413);
    // Unknown framework, route, method, media type, query.
    let sample = std::fs::read(root().join("samples/po-de-regenboog-certified.json")).unwrap();
    let problem = post(
        &server,
        "/api/v1/frameworks/basiskadr/evaluations",
        "application/json",
        &sample,
    )
    .problem(404, "unknown-framework");
    assert!(problem["detail"].as_str().unwrap().contains("`basiskader`"));
    get(&server, "/api/v1/frameworks/nope/schema").problem(404, "unknown-framework");
    get(&server, "/api/v1/nothing").problem(404, "not-found");
    get(&server, evaluations).problem(405, "method-not-allowed");
    post(
        &server,
        evaluations,
        "application/x-www-form-urlencoded",
        &sample,
    )
    .problem(415, "unsupported-media-type");
    post(&server, "/api/v1/checks", "application/json", b"{}")
        .problem(415, "unsupported-media-type");
    for query in [
        "stage=final",
        "lang=de",
        "as_of=2026-02-30",
        "stag=audit",
        "stage=audit&stage=intake",
    ] {
        post(
            &server,
            &format!("{evaluations}?{query}"),
            "application/json",
            &sample,
        )
        .problem(400, "bad-request");
    }
    post(&server, evaluations, "application/json", b"\xff\xfe").problem(400, "bad-request");
}

#[test]
fn a_body_that_stalls_times_out_and_a_full_house_is_busy() {
    let server = frameworks_server(&["--timeout", "5", "--max-concurrent", "1"]);
    let url = server.url("/api/v1/frameworks/basiskader/evaluations");
    let sample = std::fs::read(root().join("samples/po-de-regenboog-certified.json")).unwrap();
    let evaluate = || {
        post(
            &server,
            "/api/v1/frameworks/basiskader/evaluations",
            "application/json",
            &sample,
        )
    };
    // A body that stops arriving holds the one place until it times out;
    // a request meanwhile finds the place taken. On a busy machine the
    // stalled request may not have arrived yet when the other comes (or
    // may find the place taken by it): then both are tried again.
    let mut attempts = 0;
    loop {
        attempts += 1;
        let stalled = {
            let url = url.clone();
            std::thread::spawn(move || {
                answer(
                    agent()
                        .post(url)
                        .header("Content-Type", "application/json")
                        .send(ureq::SendBody::from_owned_reader(Stalling { sent: false })),
                )
            })
        };
        std::thread::sleep(Duration::from_secs(1));
        let second = evaluate();
        let stalled = stalled.join().unwrap();
        if second.status == 503 {
            second.problem(503, "busy");
            assert_eq!(second.headers.get("retry-after").unwrap(), "1");
            stalled.problem(408, "request-timeout");
            break;
        }
        assert!(attempts < 4, "the stalled request never held the place");
    }
    // The place is free again.
    eventually("the place is freed", || evaluate().status == 200);
}

/// A body that sends a little, then waits longer than the time limit.
struct Stalling {
    sent: bool,
}

impl Read for Stalling {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if !self.sent {
            self.sent = true;
            let start = b"{\"location\": ";
            buf[..start.len()].copy_from_slice(start);
            return Ok(start.len());
        }
        std::thread::sleep(Duration::from_secs(8));
        Ok(0)
    }
}

// ---------------------------------------------------------------- token

#[test]
fn with_a_token_file_every_route_but_health_needs_the_token() {
    let dir = temp_dir("token");
    let file = dir.join("token");
    let token = "0123456789abcdef0123456789abcdef";
    std::fs::write(&file, format!("{token}\n")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    let server = frameworks_server(&["--token-file", file.to_str().unwrap()]);
    get(&server, "/api/v1/frameworks").problem(401, "unauthorized");
    let denied = answer(
        agent()
            .get(server.url("/api/v1/frameworks"))
            .header("Authorization", "Bearer 0123456789abcdef0123456789abcdeX")
            .call(),
    );
    denied.problem(401, "unauthorized");
    assert_eq!(denied.headers.get("www-authenticate").unwrap(), "Bearer");
    let sample = std::fs::read(root().join("samples/po-de-regenboog-certified.json")).unwrap();
    post(
        &server,
        "/api/v1/frameworks/basiskader/evaluations",
        "application/json",
        &sample,
    )
    .problem(401, "unauthorized");
    let allowed = answer(
        agent()
            .get(server.url("/api/v1/frameworks"))
            .header("Authorization", format!("Bearer {token}"))
            .call(),
    );
    assert_eq!(allowed.status, 200, "{}", allowed.body);
    assert_eq!(get(&server, "/api/v1/health").status, 200);
    assert_eq!(get(&server, "/api/v1/openapi.json").status, 200);
    drop(server);

    // A short token is refused.
    std::fs::write(&file, "short").unwrap();
    let refused = Command::new(env!("CARGO_BIN_EXE_kader"))
        .args([
            "--frameworks",
            "frameworks",
            "serve",
            "--listen",
            "127.0.0.1:0",
        ])
        .args(["--token-file", file.to_str().unwrap()])
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("at least 16 characters"));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn listening_beyond_loopback_without_a_token_refuses_to_start() {
    let output = Command::new(env!("CARGO_BIN_EXE_kader"))
        .args([
            "--frameworks",
            "frameworks",
            "serve",
            "--listen",
            "0.0.0.0:0",
        ])
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--token-file"), "{stderr}");
    assert!(output.stdout.is_empty());
}

// ---------------------------------------------------------------- reload

#[test]
fn a_changed_file_is_reloaded_and_a_broken_one_keeps_its_version() {
    let dir = temp_dir("reload");
    let source = std::fs::read_to_string(root().join("frameworks/basiskader.kader")).unwrap();
    let file = dir.join("basiskader.kader");
    std::fs::write(&file, &source).unwrap();
    let server = Server::start(&["--frameworks", dir.to_str().unwrap()]);
    let version = || get(&server, "/api/v1/frameworks/basiskader").json()["version"].clone();
    assert_eq!(version(), "2026.1");

    std::fs::write(
        &file,
        source.replace("version \"2026.1\"", "version \"2026.2\""),
    )
    .unwrap();
    eventually("the new version is served", || version() == "2026.2");

    std::fs::write(
        &file,
        source.replace("version \"2026.1\"", "version \"2026.3\" }"),
    )
    .unwrap();
    eventually("the broken file is reported", || {
        server
            .stderr()
            .contains("kept: `basiskader` version 2026.2")
    });
    assert_eq!(version(), "2026.2");
    let sample = std::fs::read(root().join("samples/po-de-regenboog-certified.json")).unwrap();
    let result = post(
        &server,
        "/api/v1/frameworks/basiskader/evaluations",
        "application/json",
        &sample,
    )
    .json();
    assert_eq!(result["framework"]["version"], "2026.2");

    // SIGHUP reloads too, changed or not.
    std::fs::write(&file, &source).unwrap();
    eventually("the mended file is served", || version() == "2026.1");
    let status = Command::new("kill")
        .args(["-HUP", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    eventually("SIGHUP reloads", || {
        server.stderr().contains("reloaded (SIGHUP)")
    });
    assert_eq!(version(), "2026.1");
    drop(server);
    let _ = std::fs::remove_dir_all(dir);
}

// ---------------------------------------------------------------- shutdown

/// A body that sends SIGTERM to the service halfway, then goes on.
struct Terminating {
    lines: Vec<String>,
    at: usize,
    pid: u32,
    sockets_before: usize,
}

/// How many sockets process `pid` has open.
fn sockets(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd")).map_or(0, |fds| {
        fds.filter_map(Result::ok)
            .filter(|fd| {
                std::fs::read_link(fd.path())
                    .is_ok_and(|to| to.to_string_lossy().starts_with("socket:"))
            })
            .count()
    })
}

impl Read for Terminating {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let Some(line) = self.lines.get(self.at) else {
            return Ok(0);
        };
        if self.at == self.lines.len() / 2 {
            // The request must be in flight before the signal: wait until
            // the service has taken the connection (one more socket than
            // it had before), and a moment for it to read the request's
            // head, however loaded the machine.
            let waited = std::time::Instant::now();
            while sockets(self.pid) <= self.sockets_before
                && waited.elapsed() < Duration::from_secs(60)
            {
                std::thread::sleep(Duration::from_millis(20));
            }
            std::thread::sleep(Duration::from_millis(300));
            Command::new("kill")
                .args(["-TERM", &self.pid.to_string()])
                .status()?;
            std::thread::sleep(Duration::from_millis(300));
        }
        self.at += 1;
        let bytes = format!("{line}\n");
        buf[..bytes.len()].copy_from_slice(bytes.as_bytes());
        Ok(bytes.len())
    }
}

#[test]
fn sigterm_finishes_the_requests_in_flight() {
    let mut server = frameworks_server(&[]);
    let lines: Vec<String> = sample_lines().into_iter().cycle().take(40).collect();
    let got = answer(
        agent()
            .post(server.url("/api/v1/frameworks/basiskader/evaluations"))
            .header("Content-Type", "application/x-ndjson")
            .send(ureq::SendBody::from_owned_reader(Terminating {
                lines,
                at: 0,
                pid: server.child.id(),
                sockets_before: sockets(server.child.id()),
            })),
    );
    assert_eq!(got.status, 200);
    assert_eq!(got.body.lines().count(), 40);
    assert!(got.body.lines().all(|l| l.starts_with("{\"framework\"")));
    let status = server.child.wait().unwrap();
    assert!(status.success(), "{status}");
    assert!(server.stderr().contains("finishing the requests in flight"));
    // Nothing is taken after it stopped.
    assert!(agent().get(server.url("/api/v1/health")).call().is_err());
}

// ---------------------------------------------------------------- decision log

#[test]
fn the_decision_log_has_a_line_per_evaluation_and_no_evidence() {
    let dir = temp_dir("decisions");
    let log = dir.join("decisions.jsonl");
    let server = frameworks_server(&["--decision-log", log.to_str().unwrap()]);
    let paths = sample_paths();
    let mut results = Vec::new();
    for path in &paths {
        let got = post(
            &server,
            "/api/v1/frameworks/basiskader/evaluations?stage=audit",
            content_type(path),
            &std::fs::read(path).unwrap(),
        );
        assert_eq!(got.status, 200);
        results.push(got.json());
    }
    // NDJSON evaluations are logged too, each line.
    let batch = sample_lines().join("\n");
    let streamed = post(
        &server,
        "/api/v1/frameworks/basiskader/evaluations",
        "application/x-ndjson",
        batch.as_bytes(),
    );
    assert_eq!(streamed.status, 200);
    let count = paths.len() + sample_lines().len();
    let text = std::fs::read_to_string(&log).unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), count);
    let keys: BTreeSet<&str> = [
        "time",
        "location",
        "framework",
        "as_of",
        "stage",
        "verdict",
        "parts",
        "certificate",
    ]
    .into();
    let mut certified = 0;
    for (line, result) in lines.iter().zip(&results) {
        let own: BTreeSet<&str> = line
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(own, keys, "{line}");
        assert_eq!(line["location"], result["location"]["id"]);
        assert_eq!(line["framework"]["id"], "basiskader");
        assert_eq!(line["framework"]["version"], "2026.1");
        assert_eq!(line["stage"], "audit");
        assert_eq!(line["verdict"], result["verdict"]);
        assert_eq!(line["parts"], result["parts"]);
        assert_eq!(line["certificate"], result["certificate"]["hash"]);
        certified += usize::from(line["certificate"].is_string());
        // No name, no value of the evidence.
        let name = result["location"]["name"].as_str().unwrap();
        assert!(!text.contains(name), "the log names `{name}`");
    }
    assert!(certified >= 4);
    assert!(!text.contains("response_rate"));
    assert!(text.ends_with('\n'));
    drop(server);

    // With --log-evidence, the evidence is there.
    let log = dir.join("with-evidence.jsonl");
    let server = frameworks_server(&["--decision-log", log.to_str().unwrap(), "--log-evidence"]);
    let sample = root().join("samples/po-de-regenboog-certified.json");
    post(
        &server,
        "/api/v1/frameworks/basiskader/evaluations",
        "application/json",
        &std::fs::read(&sample).unwrap(),
    );
    let line: Value = serde_json::from_str(std::fs::read_to_string(&log).unwrap().trim()).unwrap();
    let given: Value = serde_json::from_str(&std::fs::read_to_string(&sample).unwrap()).unwrap();
    assert_eq!(line["evidence"], given);
    drop(server);
    let _ = std::fs::remove_dir_all(dir);
}

// ---------------------------------------------------------------- OpenAPI

fn openapi() -> Value {
    serde_json::from_str(&std::fs::read_to_string(root().join("docs/openapi.json")).unwrap())
        .unwrap()
}

#[test]
fn the_openapi_document_lists_exactly_the_routes_and_each_answers() {
    let document = openapi();
    let mut documented = BTreeSet::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            documented.insert((method.to_uppercase(), path.clone()));
        }
    }
    let routed: BTreeSet<(String, String)> = endpoints::ROUTES
        .iter()
        .map(|(method, path, _)| (method.to_string(), path.to_string()))
        .collect();
    assert_eq!(documented, routed);
    assert_eq!(document["info"]["version"], "1.0.0");

    let server = frameworks_server(&[]);
    let served = get(&server, "/api/v1/openapi.json");
    assert_eq!(
        served.body,
        std::fs::read_to_string(root().join("docs/openapi.json")).unwrap()
    );
    for (method, path, _) in endpoints::ROUTES {
        let path = path.replace("{id}", "basiskader");
        let got = match method {
            "GET" => get(&server, &path),
            _ => post(&server, &path, "application/json", b"{}"),
        };
        assert!(
            ![404, 405].contains(&got.status),
            "{method} {path}: {}",
            got.body
        );
    }
}

#[test]
fn the_openapi_document_validates() {
    let Some(python) = std::env::var_os("KADER_PYTHON") else {
        let message = "KADER_PYTHON is not set: scripts/test sets it to a Python with openapi-spec-validator (target/ci-venv); the OpenAPI document was not validated";
        assert!(std::env::var_os("CI").is_none(), "{message}");
        eprintln!("{message}");
        return;
    };
    let output = Command::new(python)
        .args(["-m", "openapi_spec_validator"])
        .arg(root().join("docs/openapi.json"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

// ---------------------------------------------------------------- README

/// The words of a shell command: `'quoted'` kept whole, `\` line
/// continuations joined.
fn shell_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    for c in text.replace("\\\n", " ").chars() {
        match c {
            '\'' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
            c => word.push(c),
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

#[test]
fn the_readme_http_example_answers_what_the_cli_writes() {
    let example = std::fs::read_to_string(root().join("docs/examples/http-evaluate.sh")).unwrap();
    let command: String = example
        .lines()
        .filter(|l| !l.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n");
    let words = shell_words(&command);
    assert_eq!(words[0], "curl");
    let url = words.iter().find(|w| w.starts_with("http://")).unwrap();
    let path = url.strip_prefix("http://127.0.0.1:8080").unwrap();
    let header = words
        .iter()
        .position(|w| w == "-H")
        .map(|i| words[i + 1].clone())
        .unwrap();
    let (name, value) = header.split_once(": ").unwrap();
    assert_eq!(name, "Content-Type");
    let data = words
        .iter()
        .position(|w| w == "--data-binary")
        .map(|i| words[i + 1].clone())
        .unwrap();
    let file = data.strip_prefix('@').unwrap();
    assert!(words.contains(&"POST".to_string()));

    let server = frameworks_server(&[]);
    let got = post(
        &server,
        path,
        value,
        &std::fs::read(root().join(file)).unwrap(),
    );
    assert_eq!(got.status, 200, "{}", got.body);
    let expected = cli(&[
        "eval",
        "frameworks/basiskader.kader",
        file,
        "--format",
        "json",
        "--stage",
        "audit",
    ]);
    assert_eq!(got.body, expected);
    assert_eq!(got.json()["verdict"], "certified");
}
