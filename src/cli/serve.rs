//! `kader serve`: the HTTP service (`src/serve/`), with its flags.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use super::args::{today, Settings};

/// Flags of `kader serve`.
#[derive(clap::Args)]
pub struct Args {
    /// The address to listen on. Anything but loopback needs
    /// `--token-file`; port 0 takes any free port.
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// A file holding the bearer token every request must send
    /// (`Authorization: Bearer TOKEN`); readable by the service only.
    #[arg(long, value_name = "FILE")]
    token_file: Option<PathBuf>,
    /// Append one JSON line per evaluation to this file (no evidence
    /// values unless `--log-evidence`).
    #[arg(long, value_name = "FILE")]
    decision_log: Option<PathBuf>,
    /// Put the evidence itself in the decision log too (personal data:
    /// mind the AVG).
    #[arg(long, requires = "decision_log")]
    log_evidence: bool,
    /// The largest request body in bytes: an evidence document, one line
    /// of NDJSON, a framework text (which stays within 4 MiB).
    #[arg(long, value_name = "BYTES", default_value_t = kader::Limits::default().max_evidence_bytes)]
    max_body_bytes: usize,
    /// How many requests are worked on at once; more are answered 503.
    #[arg(long, value_name = "N", default_value_t = 64)]
    max_concurrent: usize,
    /// Seconds a request may take to arrive, and to be answered (for
    /// NDJSON: the longest wait for more of the body).
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    timeout: u64,
}

/// Runs `kader serve` until SIGTERM or SIGINT.
pub fn run(args: Args, settings: &Settings) -> Result<ExitCode, String> {
    let frameworks = settings
        .frameworks
        .clone()
        .ok_or("`kader serve` needs `--frameworks DIR`: the folder of the frameworks to serve")?;
    crate::serve::run(crate::serve::Config {
        frameworks,
        listen: args.listen,
        token_file: args.token_file,
        decision_log: args.decision_log,
        log_evidence: args.log_evidence,
        max_body_bytes: args.max_body_bytes,
        max_concurrent: args.max_concurrent,
        timeout: Duration::from_secs(args.timeout.max(1)),
        today,
    })?;
    Ok(ExitCode::SUCCESS)
}
