//! `kader test`.

use std::process::ExitCode;

/// Flags of `kader test`.
#[derive(clap::Args)]
pub struct Args {}

/// Runs `kader test`.
pub fn run(_args: Args) -> Result<ExitCode, String> {
    Err("not available yet".to_string())
}
