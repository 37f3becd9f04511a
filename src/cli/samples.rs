//! `kader samples`.

use std::process::ExitCode;

/// Flags of `kader samples`.
#[derive(clap::Args)]
pub struct Args {}

/// Runs `kader samples`.
pub fn run(_args: Args) -> Result<ExitCode, String> {
    Err("not available yet".to_string())
}
