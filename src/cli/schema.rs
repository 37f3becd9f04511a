//! `kader schema`: the JSON Schema of the evidence file a framework expects.

use std::path::PathBuf;
use std::process::ExitCode;

use super::args::Settings;

/// Flags of `kader schema`.
#[derive(clap::Args)]
pub struct Args {
    /// The framework file (.kader).
    framework: PathBuf,
}

/// Runs `kader schema`.
pub fn run(args: Args, settings: &Settings) -> Result<ExitCode, String> {
    let framework = super::framework::compile(settings, &args.framework)?;
    let schema = kader::schema::evidence_schema(&framework);
    let text = serde_json::to_string_pretty(&schema).map_err(|e| e.to_string())?;
    println!("{text}");
    Ok(ExitCode::SUCCESS)
}
