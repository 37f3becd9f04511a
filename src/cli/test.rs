//! `kader test`: runs the sample locations' expectations against a framework
//! (`kader::testing`) and prints the result.

use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use kader::testing::{self, RenderOptions};

/// Flags of `kader test`.
#[derive(clap::Args)]
pub struct Args {
    /// The framework file (.kader).
    framework: PathBuf,
    /// The directory of sample locations (`*.json`, `*.toml`) with their
    /// expectations (`*.expect.toml`).
    #[arg(long, default_value = "samples")]
    samples: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Show which rules the samples exercise, both true and false.
    #[arg(long)]
    coverage: bool,
    /// Fail when coverage is below this percentage (implies --coverage).
    #[arg(long, value_name = "PERCENT", value_parser = parse_percent)]
    min_coverage: Option<f64>,
    /// Language of the words kader writes in the text (default: the
    /// framework's).
    #[arg(long, value_enum)]
    lang: Option<super::args::Lang>,
    #[command(flatten)]
    exceptions: super::exceptions::ExceptionsArg,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
    Junit,
}

fn parse_percent(s: &str) -> Result<f64, String> {
    let text = s.strip_suffix('%').unwrap_or(s);
    match text.parse::<f64>() {
        Ok(n) if (0.0..=100.0).contains(&n) => Ok(n),
        _ => Err(format!(
            "`{s}` is not a percentage; write a number from 0 to 100, such as 80"
        )),
    }
}

/// Runs `kader test`.
pub fn run(args: Args, settings: &super::args::Settings) -> Result<ExitCode, String> {
    let framework = super::framework::compile(settings, &args.framework)?;
    let samples = testing::read_samples(&args.samples)?;
    if samples.is_empty() {
        return Err(format!(
            "`{}` holds no samples (.json, .toml) and no expectations (.expect.toml)",
            args.samples.display()
        ));
    }
    let register = args.exceptions.load(&framework)?;
    let run = testing::run_with(&framework, &samples, &register);
    let options = RenderOptions {
        color: args.format == Format::Text
            && std::env::var_os("NO_COLOR").is_none()
            && io::stdout().is_terminal(),
        coverage: args.coverage,
        min_coverage: args.min_coverage,
        language: super::args::language(args.lang, &framework),
    };
    match args.format {
        Format::Text => print!("{}", testing::to_text(&run, options)),
        Format::Json => println!("{}", testing::to_json(&run, options)),
        Format::Junit => print!("{}", testing::to_junit(&run, options)),
    }
    Ok(if run.succeeded(args.min_coverage) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
