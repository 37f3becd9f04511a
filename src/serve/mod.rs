//! `kader serve`: an HTTP service over `kader::api`, the interface every
//! binding uses, for municipal systems that speak REST and JSON.
//!
//! It serves every framework in a folder, reloads them when a file
//! changes (or on SIGHUP), answers under `/api/v1` with the documents the
//! command line writes, and logs each decision without evidence values.
//! `docs/serve.md` describes the routes, the limits, the token rule and
//! how to deploy it.
//!
//! - `endpoints.rs`: the routes, one list (the router and the OpenAPI
//!   test both use it);
//! - `routes.rs`: the router and the handlers;
//! - `ndjson.rs`: many locations in one request, streamed;
//! - `problem.rs`: errors as RFC 9457 problem details;
//! - `library.rs`: the frameworks served, loaded and reloaded;
//! - `decisions.rs`: the decision log.

mod decisions;
mod endpoints;
mod library;
mod ndjson;
mod problem;
mod routes;

use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, PoisonError, RwLock};
use std::time::Duration;

use kader::Date;
use tokio::sync::Semaphore;

use decisions::DecisionLog;
use library::Library;

/// How often the folder is looked at for changes.
const POLL: Duration = Duration::from_secs(1);

/// The shortest token accepted.
const MIN_TOKEN_CHARS: usize = 16;

/// How the service runs: `kader serve`'s flags.
pub struct Config {
    /// The folder of frameworks served.
    pub frameworks: PathBuf,
    /// The address to listen on (port 0: any free port).
    pub listen: SocketAddr,
    /// The file holding the bearer token.
    pub token_file: Option<PathBuf>,
    /// Where each decision is logged.
    pub decision_log: Option<PathBuf>,
    /// Whether the decision log carries the evidence too.
    pub log_evidence: bool,
    /// The largest body: an evidence document, a line of NDJSON, a
    /// framework text checked (never above kader's own limits).
    pub max_body_bytes: usize,
    /// How many requests are worked on at once; more get 503.
    pub max_concurrent: usize,
    /// How long a request may take to arrive and to be answered.
    pub timeout: Duration,
    /// Today's date, for checks that judge on it (the library reads no
    /// clock).
    pub today: fn() -> Date,
}

/// What every request shares.
pub struct Shared {
    library: RwLock<Arc<Library>>,
    token: Option<Vec<u8>>,
    decisions: Option<DecisionLog>,
    work: Arc<Semaphore>,
    max_concurrent: usize,
    max_body_bytes: usize,
    timeout: Duration,
    today: fn() -> Date,
}

impl Shared {
    /// The frameworks served now; a reload after this does not change
    /// them.
    fn library(&self) -> Arc<Library> {
        Arc::clone(&self.library.read().unwrap_or_else(PoisonError::into_inner))
    }

    fn swap(&self, library: Library) {
        *self.library.write().unwrap_or_else(PoisonError::into_inner) = Arc::new(library);
    }

    /// kader's limits on evidence, with the document no larger than a
    /// body may be.
    fn limits(&self) -> kader::Limits {
        let limits = kader::Limits::default();
        kader::Limits {
            max_evidence_bytes: limits.max_evidence_bytes.min(self.max_body_bytes),
            ..limits
        }
    }
}

/// Runs the service until SIGTERM or SIGINT, then finishes the requests
/// in flight.
pub fn run(config: Config) -> Result<(), String> {
    let token = config.token_file.as_deref().map(read_token).transpose()?;
    if token.is_none() && !config.listen.ip().is_loopback() {
        return Err(format!(
            "`--listen {}` is reachable from other machines: give `--token-file FILE` so that every request needs the token, or listen on 127.0.0.1",
            config.listen
        ));
    }
    if config.max_concurrent == 0 {
        return Err("`--max-concurrent` must be at least 1".into());
    }
    let decisions = config
        .decision_log
        .as_deref()
        .map(|path| DecisionLog::open(path, config.log_evidence))
        .transpose()?;
    // The files as they were before loading: a change made while they
    // load, or before the watch starts, is still seen as a change.
    let stamps = library::framework_files(&config.frameworks).ok();
    let (library, log) = Library::load(&config.frameworks, None);
    tell(&log);
    if library.len() == 0 {
        return Err(format!(
            "`{}` holds no framework that compiles (.kader); nothing to serve",
            config.frameworks.display()
        ));
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the service: {e}"))?;
    let shared = Arc::new(Shared {
        library: RwLock::new(Arc::new(library)),
        token,
        decisions,
        work: Arc::new(Semaphore::new(config.max_concurrent)),
        max_concurrent: config.max_concurrent,
        max_body_bytes: config.max_body_bytes,
        timeout: config.timeout,
        today: config.today,
    });
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(config.listen)
            .await
            .map_err(|e| format!("cannot listen on {}: {e}", config.listen))?;
        let address = listener
            .local_addr()
            .map_err(|e| format!("cannot listen on {}: {e}", config.listen))?;
        // The one line on stdout: where to reach the service.
        let mut stdout = std::io::stdout();
        let _ = writeln!(stdout, "kader serve: listening on http://{address}");
        let _ = stdout.flush();
        eprintln!("{}", served(&shared.library()));
        tokio::spawn(watch(
            Arc::clone(&shared),
            config.frameworks.clone(),
            stamps,
        ));
        axum::serve(listener, routes::router(shared))
            .with_graceful_shutdown(shutdown())
            .await
            .map_err(|e| format!("the service stopped: {e}"))?;
        eprintln!("kader serve: stopped");
        Ok(())
    })
}

/// The token in `path`, without surrounding white space.
fn read_token(path: &Path) -> Result<Vec<u8>, String> {
    let text = kader::files::read_file_limited(path, 4096)
        .map_err(|e| format!("cannot read the token file `{}`: {e}", path.display()))?;
    let token = text.trim();
    if token.chars().count() < MIN_TOKEN_CHARS || token.contains(char::is_whitespace) {
        return Err(format!(
            "the token in `{}` must be at least {MIN_TOKEN_CHARS} characters without spaces (`openssl rand -hex 32` makes one)",
            path.display()
        ));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(path) {
            if meta.permissions().mode() & 0o077 != 0 {
                eprintln!(
                    "warning: the token file `{}` can be read by others; `chmod 600` it",
                    path.display()
                );
            }
        }
    }
    Ok(token.as_bytes().to_vec())
}

fn tell(log: &[String]) {
    for line in log {
        eprintln!("{line}");
    }
}

/// `serving: basiskader 2026.1, ...`
fn served(library: &Library) -> String {
    let all: Vec<String> = library
        .all()
        .map(|l| format!("{} {}", l.framework.id(), l.framework.version()))
        .collect();
    format!("serving: {}", all.join(", "))
}

/// Reloads the frameworks when a file in the folder changes from what
/// `seen` says (the files as they were loaded), or on SIGHUP.
async fn watch(
    shared: Arc<Shared>,
    dir: PathBuf,
    mut seen: Option<Vec<(PathBuf, library::Stamp)>>,
) {
    let stamps = |dir: PathBuf| async move {
        tokio::task::spawn_blocking(move || library::framework_files(&dir).ok())
            .await
            .ok()
            .flatten()
    };
    let mut hangup = hangup_signal();
    loop {
        let asked = tokio::select! {
            () = tokio::time::sleep(POLL) => false,
            () = hangup_received(&mut hangup) => true,
        };
        let now = stamps(dir.clone()).await;
        if !asked && now == seen {
            continue;
        }
        seen = now;
        let previous = shared.library();
        let folder = dir.clone();
        let Ok((library, log)) =
            tokio::task::spawn_blocking(move || Library::load(&folder, Some(&previous))).await
        else {
            continue;
        };
        tell(&log);
        eprintln!(
            "reloaded ({}): {}",
            if asked { "SIGHUP" } else { "a file changed" },
            served(&library)
        );
        shared.swap(library);
    }
}

#[cfg(unix)]
type Hangup = Option<tokio::signal::unix::Signal>;
#[cfg(not(unix))]
type Hangup = ();

#[cfg(unix)]
fn hangup_signal() -> Hangup {
    tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup()).ok()
}

#[cfg(not(unix))]
fn hangup_signal() -> Hangup {}

#[cfg(unix)]
async fn hangup_received(hangup: &mut Hangup) {
    match hangup {
        Some(signal) => {
            signal.recv().await;
        }
        None => std::future::pending().await,
    }
}

#[cfg(not(unix))]
async fn hangup_received(_: &mut Hangup) {
    std::future::pending().await
}

/// SIGTERM or SIGINT (Ctrl-C): stop taking requests, finish those in
/// flight.
async fn shutdown() {
    let interrupt = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    {
        let terminate = async {
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(mut signal) => {
                    signal.recv().await;
                }
                Err(_) => std::future::pending().await,
            }
        };
        tokio::select! {
            () = interrupt => {},
            () = terminate => {},
        }
    }
    #[cfg(not(unix))]
    interrupt.await;
    eprintln!("kader serve: stopping; finishing the requests in flight");
}
