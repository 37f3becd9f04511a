//! `kader fmt`: format framework files in place (`--check`: only report).

use std::path::PathBuf;
use std::process::ExitCode;

use super::args::{worded, Lang};
use super::framework::{color_stderr, read};

/// Flags of `kader fmt`.
#[derive(clap::Args)]
pub struct Args {
    /// Framework files (.kader).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Do not write; exit non-zero when a file is not formatted.
    #[arg(long)]
    check: bool,
    /// The language of the diagnostics (default: the framework's).
    #[arg(long, value_enum)]
    lang: Option<Lang>,
}

/// Runs `kader fmt`: formats each file in place, or with `--check` only
/// says which are not formatted (exit 1).
pub fn run(args: Args) -> Result<ExitCode, String> {
    let Args {
        files,
        check: check_only,
        lang,
    } = args;
    let mut unformatted = 0usize;
    let mut broken = 0usize;
    for path in &files {
        let source = read(path)?;
        let name = path.display().to_string();
        let language = match lang {
            Some(Lang::Nl) => kader::Language::Nl,
            Some(Lang::En) => kader::Language::En,
            None => kader::format::declared_language(&source),
        };
        match kader::format::format(&source) {
            Ok(formatted) if formatted == source => {}
            Ok(formatted) => {
                unformatted += 1;
                if check_only {
                    eprintln!("{name}: {}", kader::format::status(language, false));
                } else {
                    kader::files::write_atomic(path, |w| w.write_all(formatted.as_bytes()))
                        .map_err(|e| {
                            format!("cannot write `{name}`: {e}; the file was left as it was")
                        })?;
                    eprintln!("{name}: {}", kader::format::status(language, true));
                }
            }
            Err(diagnostics) => {
                broken += 1;
                let diagnostics = worded(lang, diagnostics);
                eprint!("{}", diagnostics.render(&name, &source, color_stderr()));
            }
        }
    }
    if broken > 0 {
        return Err(format!(
            "{broken} file(s) could not be formatted: fix the errors above first"
        ));
    }
    Ok(if check_only && unformatted > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
