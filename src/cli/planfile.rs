//! Plan files (`verbeterplan.toml`) for the commands: read, with every
//! problem named by the file's path, line and column.

use std::path::{Path, PathBuf};

use kader::plan::{ImprovementPlan, PlanFile, PlanFileError};
use kader::Outcome;

/// How large a plan file may be.
const LIMIT: usize = 16 << 20;

/// The text of a plan file, or `None` when there is none yet.
pub(crate) fn read_text(path: &Path) -> Result<Option<String>, String> {
    match kader::files::read_file_limited(path, LIMIT) {
        Ok(text) => Ok(Some(text)),
        Err(kader::files::ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("cannot read `{}`: {e}", path.display())),
    }
}

/// A plan file's problem, placed: `plan.toml:4:10: message` and its help.
pub(crate) fn placed(path: &Path, error: &PlanFileError) -> String {
    let mut message = format!(
        "{}:{}:{}: {}",
        path.display(),
        error.line,
        error.column,
        error.message
    );
    if let Some(help) = &error.help {
        message.push_str("\n  help: ");
        message.push_str(help);
    }
    message
}

/// Reads a plan file that must be there.
pub(crate) fn read(path: &Path) -> Result<PlanFile, String> {
    let Some(text) = read_text(path)? else {
        return Err(format!(
            "cannot read `{}`: there is no such file (`kader plan --update` writes one)",
            path.display()
        ));
    };
    PlanFile::parse(&text).map_err(|e| placed(path, &e))
}

/// Plan files given with `--plan`, each for the location it names.
pub(crate) struct Plans {
    files: Vec<(PathBuf, PlanFile)>,
}

impl Plans {
    /// Reads every file; warns of two for one location (the last counts).
    pub(crate) fn read(paths: &[PathBuf]) -> Result<Plans, String> {
        let mut files: Vec<(PathBuf, PlanFile)> = Vec::new();
        for path in paths {
            let file = read(path)?;
            if let Some((other, _)) = files.iter().find(|(_, f)| f.location == file.location) {
                eprintln!(
                    "warning: `{}` and `{}` are both plans of location `{}`; the last one given counts",
                    other.display(),
                    path.display(),
                    file.location
                );
            }
            files.push((path.clone(), file));
        }
        Ok(Plans { files })
    }

    /// The plan file of a location, if one was given.
    pub(crate) fn of(&self, location: &str) -> Option<&PlanFile> {
        self.files
            .iter()
            .rev()
            .find(|(_, f)| f.location == location)
            .map(|(_, f)| f)
    }

    /// Puts the agreements of the location's plan file, if any, beside
    /// the plan.
    pub(crate) fn agree(&self, plan: &mut ImprovementPlan, outcome: &Outcome) {
        if let Some(file) = self.of(&outcome.location.id) {
            plan.agree(file, outcome);
        }
    }

    /// Warns of a plan file whose location is not among those judged.
    pub(crate) fn warn_unused<'a>(&self, locations: impl Iterator<Item = &'a str> + Clone) {
        for (path, file) in &self.files {
            if !locations.clone().any(|l| l == file.location) {
                eprintln!(
                    "warning: `{}` is the plan of location `{}`, which is not among the evidence given",
                    path.display(),
                    file.location
                );
            }
        }
    }
}
