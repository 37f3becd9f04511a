//! `kader doc`: the framework as a document a school reads.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use kader::doc::DocFormat;

use super::args::Settings;

/// Flags of `kader doc`.
#[derive(clap::Args)]
pub struct Args {
    /// The framework file (.kader).
    framework: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Md)]
    format: Format,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Md,
    Html,
}

/// Runs `kader doc`.
pub fn run(args: Args, settings: &Settings) -> Result<ExitCode, String> {
    let framework = super::framework::compile(settings, &args.framework)?;
    let format = match args.format {
        Format::Md => DocFormat::Markdown,
        Format::Html => DocFormat::Html,
    };
    print!("{}", kader::doc::document(&framework, format));
    Ok(ExitCode::SUCCESS)
}
