//! `kader certificate verify`: checks a certificate without trusting
//! whoever issued it.

use std::path::PathBuf;
use std::process::ExitCode;

use kader::report::check_certificate;

use super::args::{language, Lang, Settings};
use super::evidence::{inputs, load};
use super::framework::{compile, read};

/// Subcommands of `kader certificate`.
#[derive(clap::Subcommand)]
pub enum Args {
    /// Recompute a certificate's check value from the framework, the
    /// evidence and the audit's result, and the result from the framework
    /// and the evidence: exit 0 when it holds, 1 when it does not.
    Verify(VerifyArgs),
}

/// Flags of `kader certificate verify`.
#[derive(clap::Args)]
pub struct VerifyArgs {
    /// The framework the audit used (.kader).
    framework: PathBuf,
    /// The audit's evidence file (.json or .toml).
    evidence: PathBuf,
    /// The audit's result, as `kader eval --stage audit --format json`
    /// wrote it.
    result: PathBuf,
    /// Language of the words kader writes (default: the framework's).
    #[arg(long, value_enum)]
    lang: Option<Lang>,
    #[command(flatten)]
    exceptions: super::exceptions::ExceptionsArg,
}

/// Runs `kader certificate`.
pub fn run(args: Args, settings: &Settings) -> Result<ExitCode, String> {
    let Args::Verify(args) = args;
    let framework = compile(settings, &args.framework)?;
    let register = args.exceptions.load(&framework)?;
    let mut loaded = Vec::new();
    inputs(
        std::slice::from_ref(&args.evidence),
        settings.verbose,
        |input| {
            loaded.push(load(&framework, &register, &input, None));
            Ok(())
        },
    )?;
    let evidence = match loaded.as_mut_slice() {
        [one] => one.take().ok_or("the evidence does not load (see above)")?,
        _ => return Err("give the one evidence file of the audit".into()),
    };
    let document = read(&args.result)?;
    let check = check_certificate(&framework, &evidence, &document)
        .map_err(|e| format!("{}: {e}", args.result.display()))?;
    print!("{}", check.to_text(language(args.lang, &framework)));
    Ok(if check.holds() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
