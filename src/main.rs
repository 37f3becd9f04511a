//! `kader`: the command line over the kader library. Parses arguments, calls
//! the library, prints, and maps problems to an exit code.

use std::path::PathBuf;
use std::process::ExitCode;

mod cli;
#[cfg(feature = "serve")]
mod serve;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "kader",
    version,
    about = "Evaluate school locations against the Veilige School framework"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Where the frameworks a layer extends are found (default: the
    /// folder of the framework file). Nothing outside it is read.
    #[arg(long, global = true, value_name = "DIR")]
    frameworks: Option<PathBuf>,
    /// Say more: list the files of a directory that are not read.
    #[arg(long, global = true)]
    verbose: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Evaluate locations' evidence against a framework.
    Eval(cli::eval::Args),
    /// Write the improvement plan (verbeterplan) of locations.
    Plan(cli::plan::Args),
    /// One location's progress between two assessments.
    Progress(cli::progress::Args),
    /// All locations in one view, for a municipality.
    Report(cli::report::Args),
    /// What lapses when if nothing new is supplied (text, JSON, ICS).
    Calendar(cli::calendar::Args),
    /// Format framework files in place (`--check`: only report).
    Fmt(cli::fmt::Args),
    /// Write the framework as a document a school reads.
    Doc(cli::doc::Args),
    /// Print the JSON Schema of the evidence file a framework expects.
    Schema(cli::schema::Args),
    /// Write the evidence form a school fills in (one HTML file, offline).
    Form(cli::form::Args),
    /// Check sample locations against their expectations (`*.expect.toml`).
    Test(cli::test::Args),
    /// Show what a framework change does to the sample locations.
    Diff(cli::diff::Args),
    /// Prove that a layer never certifies what its base does not, or that
    /// a new version is never looser (`--not-looser`).
    Verify(cli::verify::Args),
    /// The "wie doet wat" annex: per partner, whom to call and what for.
    Annex(cli::annex::Args),
    /// Check a certificate: its check value and its result, recomputed.
    #[command(subcommand)]
    Certificate(cli::certificate::Args),
    /// Work with sample locations (generate synthetic ones).
    Samples(cli::samples::Args),
    /// Run the language server over stdin and stdout (for editors).
    Lsp,
    /// Check framework files and report every problem.
    Check(cli::check::Args),
    /// Serve the frameworks in `--frameworks DIR` over HTTP (`/api/v1`).
    #[cfg(feature = "serve")]
    Serve(cli::serve::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let settings = cli::args::Settings {
        frameworks: cli.frameworks,
        verbose: cli.verbose,
    };
    let result = match cli.command {
        Command::Eval(args) => cli::eval::run(args, &settings),
        Command::Plan(args) => cli::plan::run(args, &settings),
        Command::Progress(args) => cli::progress::run(args, &settings),
        Command::Report(args) => cli::report::run(args, &settings),
        Command::Calendar(args) => cli::calendar::run(args, &settings),
        Command::Check(args) => cli::check::run(args, &settings),
        Command::Fmt(args) => cli::fmt::run(args),
        Command::Test(args) => cli::test::run(args, &settings),
        Command::Diff(args) => cli::diff::run(args, &settings),
        Command::Verify(args) => cli::verify::run(args, &settings),
        Command::Certificate(args) => cli::certificate::run(args, &settings),
        Command::Annex(args) => cli::annex::run(args, &settings),
        Command::Samples(args) => cli::samples::run(args, &settings),
        Command::Lsp => Ok(cli::lsp::run()),
        Command::Doc(args) => cli::doc::run(args, &settings),
        Command::Schema(args) => cli::schema::run(args, &settings),
        #[cfg(feature = "serve")]
        Command::Serve(args) => cli::serve::run(args, &settings),
        Command::Form(args) => cli::form::run(args, &settings),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}
