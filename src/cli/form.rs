//! `kader form`: the evidence form a school fills in, as one HTML file.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use kader::form::Sources;

use super::args::{language, Lang, Settings};

/// Flags of `kader form`.
#[derive(clap::Args)]
pub struct Args {
    /// The framework file (.kader).
    framework: PathBuf,
    /// The language of the form's own words (default: the framework's).
    #[arg(long, value_enum)]
    lang: Option<Lang>,
    /// Write the form to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// Runs `kader form`.
pub fn run(args: Args, settings: &Settings) -> Result<ExitCode, String> {
    let framework = super::framework::compile(settings, &args.framework)?;
    let text = super::framework::read(&args.framework)?;
    let bases = framework
        .extends()
        .iter()
        .map(|(id, _)| {
            super::framework::base_source(settings, &args.framework, id)
                .map(|source| (id.clone(), source.text))
        })
        .collect::<Result<_, _>>()?;
    let sources = Sources {
        file_name: file_name(&args.framework),
        text,
        bases,
    };
    let page = kader::form::page(&framework, &sources, language(args.lang, &framework));
    match &args.output {
        None => print!("{page}"),
        Some(path) => kader::files::write_atomic(path, |w| w.write_all(page.as_bytes()))
            .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The name the engine in the form gives the framework in its messages.
fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}
