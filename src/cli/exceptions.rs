//! `--exceptions FILE`: the certifying body's register of exceptions, for
//! every command that evaluates.

use std::path::PathBuf;

use kader::{EvidenceError, Framework, Register};

/// The flag, shared by `eval`, `plan`, `report`, `test` and `diff`.
#[derive(clap::Args, Clone, Debug, Default)]
pub struct ExceptionsArg {
    /// The certifying body's register of exceptions (ontheffingen), TOML
    /// or JSON: which location may leave which criterion out of the
    /// scoring, and until when. Evidence files cannot grant exceptions.
    #[arg(long, value_name = "FILE")]
    pub exceptions: Option<PathBuf>,
}

impl ExceptionsArg {
    /// Reads the register against `framework`; every problem is printed
    /// with the register's file, line and column.
    pub fn load(&self, framework: &Framework) -> Result<Register, String> {
        let Some(path) = &self.exceptions else {
            return Ok(Register::new());
        };
        let name = path.display().to_string();
        let text = super::framework::read(path)?;
        let toml = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
        let read = if toml {
            Register::from_toml(framework, &text)
        } else {
            Register::from_json(framework, &text)
        };
        read.map_err(|EvidenceError { problems }| {
            for p in &problems {
                match (p.line, p.column) {
                    (Some(line), Some(column)) => {
                        let mut p = p.clone();
                        p.line = None;
                        p.column = None;
                        eprintln!("error: {name}:{line}:{column}: {p}");
                    }
                    _ => eprintln!("error: {name}: {p}"),
                }
            }
            format!(
                "the register of exceptions `{name}` has {} error{}",
                problems.len(),
                if problems.len() == 1 { "" } else { "s" }
            )
        })
    }
}
