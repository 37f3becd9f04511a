//! `kader samples`: synthetic sample locations.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use kader::files::write_atomic;
use kader::generate::Generator;
use kader::Date;

/// Flags of `kader samples`.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Subcommand)]
enum Command {
    /// Write synthetic evidence for N locations, derived from the
    /// framework's declarations: values on both sides of every threshold and
    /// window edge, complete and partial evidence.
    Generate(GenerateArgs),
}

#[derive(clap::Args)]
struct GenerateArgs {
    /// The framework file (.kader).
    framework: PathBuf,
    /// How many locations.
    #[arg(long)]
    count: usize,
    /// The seed: the same seed writes the same files.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// The directory to write `gen-000001.json`, … into (created if needed).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Write one `locations.jsonl` instead of a file per location.
    #[arg(long)]
    jsonl: bool,
    /// Give every location this as-of date (YYYY-MM-DD) instead of a mix.
    #[arg(long, value_parser = super::args::parse_date)]
    as_of: Option<Date>,
}

/// Runs `kader samples`.
pub fn run(args: Args, settings: &super::args::Settings) -> Result<ExitCode, String> {
    match args.command {
        Command::Generate(args) => run_generate(args, settings),
    }
}

fn run_generate(args: GenerateArgs, settings: &super::args::Settings) -> Result<ExitCode, String> {
    let framework = super::framework::compile(settings, &args.framework)?;
    let generator = Generator::new(&framework, args.seed).with_as_of(args.as_of);
    let out = &args.out;
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create `{}`: {e}", out.display()))?;
    let cannot_write =
        |path: &Path, e: std::io::Error| format!("cannot write `{}`: {e}", path.display());
    // One location at a time, so that a large corpus never sits in memory.
    let numbers = 1..=args.count as u64;
    if args.jsonl {
        let path = out.join("locations.jsonl");
        write_atomic(&path, |writer| {
            numbers
                .into_iter()
                .try_for_each(|n| writeln!(writer, "{}", generator.location(n).to_json_line()))
        })
        .map_err(|e| cannot_write(&path, e))?;
    } else {
        for n in numbers {
            let location = generator.location(n);
            let path = out.join(format!("{}.json", location.id()));
            write_atomic(&path, |w| w.write_all(location.to_json().as_bytes()))
                .map_err(|e| cannot_write(&path, e))?;
        }
    }
    eprintln!(
        "wrote {} location{} to {}",
        args.count,
        if args.count == 1 { "" } else { "s" },
        out.display()
    );
    Ok(ExitCode::SUCCESS)
}
