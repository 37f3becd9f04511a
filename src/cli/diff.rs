//! `kader diff`.

use std::process::ExitCode;

/// Flags of `kader diff`.
#[derive(clap::Args)]
pub struct Args {}

/// Runs `kader diff`.
pub fn run(_args: Args) -> Result<ExitCode, String> {
    Err("not available yet".to_string())
}
