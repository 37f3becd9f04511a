//! `kader verify`: proves, over every possible school, that a layer never
//! certifies what the frameworks below it do not, or that a new version of
//! a framework is never looser than the old one.

use std::path::PathBuf;
use std::process::ExitCode;

use kader::analysis::{self, Proof};
use kader::diff::Exhaustive;
use kader::{Date, Framework};

use super::args::{Settings, Written};
use super::framework::{compile, compile_base};

/// Flags of `kader verify`.
#[derive(clap::Args)]
pub struct Args {
    /// The layer to verify against every framework it stands on (.kader);
    /// with `--not-looser`, the old version of a framework.
    #[arg(value_name = "LAYER|OLD")]
    first: PathBuf,
    /// With `--not-looser`: the new version of the framework.
    #[arg(value_name = "NEW")]
    second: Option<PathBuf>,
    /// Prove that the second framework passes nothing the first does not:
    /// no school certified, no theme passed, that the first fails.
    #[arg(long)]
    not_looser: bool,
    #[command(flatten)]
    written: Written,
    /// Judge every possible school on this date (YYYY-MM-DD; default:
    /// today).
    #[arg(long, value_parser = super::args::parse_date)]
    as_of: Option<Date>,
    /// Judge every possible school on every as-of date from `--as-of`
    /// (default: today) up to and including this one (YYYY-MM-DD).
    #[arg(long, value_parser = super::args::parse_date)]
    until: Option<Date>,
}

/// Runs `kader verify`. Exits 0 when proved, 1 when a school shows it is
/// not so (the witness is printed), 3 when the analysis cannot decide it
/// exactly (the reasons are printed), 2 on errors.
pub fn run(args: Args, settings: &Settings) -> Result<ExitCode, String> {
    let as_of = args.as_of.unwrap_or_else(super::args::today);
    let first = compile(settings, &args.first)?;
    // The frameworks below, each compared with the one above them all.
    let (below, new): (Vec<Framework>, Framework) = match (&args.second, args.not_looser) {
        (Some(second), true) => (vec![first], compile(settings, second)?),
        (Some(_), false) => {
            return Err("two frameworks are compared with `--not-looser`: \
                 `kader verify OLD NEW --not-looser`"
                .into())
        }
        (None, true) => {
            return Err(
                "`--not-looser` compares two versions: `kader verify OLD NEW --not-looser`".into(),
            )
        }
        (None, false) => {
            if first.extends().is_empty() {
                return Err(format!(
                    "`{}` extends no framework; to compare two versions, write \
                     `kader verify OLD NEW --not-looser`",
                    args.first.display()
                ));
            }
            let bases = first
                .extends()
                .iter()
                .map(|(id, _)| compile_base(settings, &args.first, id))
                .collect::<Result<Vec<_>, String>>()?;
            (bases, first)
        }
    };
    let mut worst = Proof::Proved;
    let (format, rendering) = args.written.rendering(&new);
    for old in &below {
        let comparison = match args.until {
            Some(until) => analysis::compare_between(old, &new, as_of, until),
            None => analysis::compare(old, &new, as_of),
        };
        let proof = comparison.not_looser();
        let exhaustive = Exhaustive {
            old,
            new: &new,
            as_of,
            until: args.until,
            comparison: &comparison,
        };
        print!("{}", exhaustive.render_proof(format, rendering));
        worst = match (worst, proof) {
            (Proof::Refuted, _) | (_, Proof::Refuted) => Proof::Refuted,
            (Proof::Undecided, _) | (_, Proof::Undecided) => Proof::Undecided,
            _ => Proof::Proved,
        };
    }
    Ok(match worst {
        Proof::Proved => ExitCode::SUCCESS,
        Proof::Refuted => ExitCode::from(1),
        Proof::Undecided => ExitCode::from(3),
    })
}
