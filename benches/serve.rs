//! `kader serve` under load, on loopback, stopping by itself: requests a
//! second and p50/p99 latency for single JSON evaluations and for NDJSON
//! batches of 1,000 locations, and the service's memory (VmRSS, VmHWM
//! from `/proc/PID/status`) after a warm-up and after 100,000 single
//! requests, to show that it stays flat.
//!
//! Run with `cargo bench --bench serve` (about a minute on two cores; the
//! clients share the cores with the service). Not a divan bench: it
//! measures a process over HTTP.

#![expect(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "a bench stops on broken shipped data or a service that does not answer"
)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Single requests in the memory run.
const REQUESTS: usize = 100_000;
/// Clients at once.
const CLIENTS: usize = 4;
/// Locations in one NDJSON request.
const BATCH: usize = 1_000;
/// NDJSON requests.
const BATCHES: usize = 40;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let samples = samples(root);
    let mut child = Command::new(env!("CARGO_BIN_EXE_kader"))
        .args([
            "--frameworks",
            "frameworks",
            "serve",
            "--listen",
            "127.0.0.1:0",
        ])
        .args(["--max-concurrent", "256"])
        .current_dir(root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("kader serve starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("kader serve says where it listens");
    let base = line
        .trim()
        .strip_prefix("kader serve: listening on ")
        .expect("the address line")
        .to_string();
    let pid = child.id();
    let url = format!("{base}/api/v1/frameworks/basiskader/evaluations");
    println!("kader serve (pid {pid}) on {base}; {CLIENTS} clients, keep-alive");

    // Warm up, then memory before.
    let warm = run_singles(&url, &samples, 2_000);
    assert!(warm.failures == 0);
    let before = memory(pid);
    println!(
        "memory after 2,000 requests: VmRSS {} KiB, VmHWM {} KiB",
        before.0, before.1
    );

    let singles = run_singles(&url, &samples, REQUESTS);
    report(
        &format!("single JSON evaluations ({REQUESTS} requests)"),
        &singles,
        1,
    );
    let after = memory(pid);
    println!(
        "memory after {} more requests: VmRSS {} KiB, VmHWM {} KiB",
        REQUESTS, after.0, after.1
    );

    let body: String = (0..BATCH)
        .map(|i| {
            let mut line = samples[i % samples.len()].clone();
            line.push('\n');
            line
        })
        .collect();
    let batches = run_batches(&url, &body, BATCHES);
    report(
        &format!("NDJSON batches of {BATCH} locations ({BATCHES} requests)"),
        &batches,
        BATCH,
    );
    let end = memory(pid);
    println!(
        "memory after the batches: VmRSS {} KiB, VmHWM {} KiB",
        end.0, end.1
    );
    stop(&mut child);
}

/// The shipped JSON samples, one line each.
fn samples(root: &Path) -> Vec<String> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join("samples"))
        .expect("samples/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let value: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(p).expect("readable")).expect("JSON");
            value.to_string()
        })
        .collect()
}

struct Timings {
    latencies: Vec<Duration>,
    wall: Duration,
    failures: usize,
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

/// `count` single evaluations from `CLIENTS` threads.
fn run_singles(url: &str, samples: &[String], count: usize) -> Timings {
    drive(CLIENTS, count, |agent, i| {
        let response = agent
            .post(url)
            .header("Content-Type", "application/json")
            .send(samples[i % samples.len()].as_bytes());
        match response {
            Ok(mut r) if r.status() == 200 => {
                let _ = r.body_mut().with_config().limit(1 << 26).read_to_vec();
                true
            }
            _ => false,
        }
    })
}

/// `count` NDJSON requests of `body`, two clients at once.
fn run_batches(url: &str, body: &str, count: usize) -> Timings {
    drive(2, count, |agent, _| {
        let response = agent
            .post(url)
            .header("Content-Type", "application/x-ndjson")
            .send(body.as_bytes());
        match response {
            Ok(mut r) if r.status() == 200 => {
                let text = r
                    .body_mut()
                    .with_config()
                    .limit(1 << 30)
                    .read_to_string()
                    .unwrap();
                text.lines().count() == BATCH
            }
            _ => false,
        }
    })
}

/// `count` requests from `clients` threads, each sent by `request` (the
/// request's number in, whether it was answered as it should out), timed
/// one by one.
fn drive(
    clients: usize,
    count: usize,
    request: impl Fn(&ureq::Agent, usize) -> bool + Sync,
) -> Timings {
    let next = AtomicUsize::new(0);
    let start = Instant::now();
    let per_client: Vec<(Vec<Duration>, usize)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..clients)
            .map(|_| {
                scope.spawn(|| {
                    let agent = agent();
                    let mut latencies = Vec::new();
                    let mut failures = 0;
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= count {
                            break;
                        }
                        let sent = Instant::now();
                        if !request(&agent, i) {
                            failures += 1;
                        }
                        latencies.push(sent.elapsed());
                    }
                    (latencies, failures)
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).collect()
    });
    let wall = start.elapsed();
    let failures = per_client.iter().map(|(_, f)| f).sum();
    let latencies = per_client.into_iter().flat_map(|(l, _)| l).collect();
    Timings {
        latencies,
        wall,
        failures,
    }
}

fn report(what: &str, timings: &Timings, per_request: usize) {
    let mut sorted = timings.latencies.clone();
    sorted.sort();
    let at = |q: f64| {
        let i = ((sorted.len() as f64 - 1.0) * q).round() as usize;
        sorted[i]
    };
    let seconds = timings.wall.as_secs_f64();
    let requests = sorted.len() as f64 / seconds;
    println!(
        "{what}: {:.1} s, {requests:.0} requests/s ({:.0} locations/s), p50 {:.2} ms, p99 {:.2} ms, {} failed",
        seconds,
        requests * per_request as f64,
        at(0.50).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
        timings.failures
    );
}

/// (VmRSS, VmHWM) in KiB.
fn memory(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// SIGTERM, then wait for it to finish.
fn stop(child: &mut Child) {
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let _ = child.wait();
}
