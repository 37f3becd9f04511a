//! The decision log: one JSON line for each evaluation, appended to a
//! file. Privacy first (AVG): a line says which location was judged, on
//! which framework, at which stage and with what verdict, and carries the
//! certificate's content hash, but no evidence value unless the operator
//! asks for it (`--log-evidence`).
//!
//! Appending is the one place kader writes a file other than whole
//! (`kader::files::write_atomic` writes every other file by renaming a
//! temporary one): a log grows a line at a time. Each line is written
//! with one `write` on a file opened for appending, so lines of requests
//! at once never interleave.

use std::fs::File;
use std::io::Write;
use std::path::Path;
use std::sync::Mutex;

use serde::Deserialize;
use serde_json::{json, Value};

/// The log file, open for appending.
pub struct DecisionLog {
    file: Mutex<File>,
    evidence: bool,
    name: String,
}

/// What a line takes from the result document.
#[derive(Deserialize)]
struct Result {
    framework: Named,
    location: Named,
    as_of: String,
    stage: String,
    verdict: String,
    parts: Value,
    certificate: Option<Sealed>,
}

#[derive(Deserialize)]
struct Named {
    id: String,
    #[serde(default)]
    version: Option<String>,
}

#[derive(Deserialize)]
struct Sealed {
    hash: Option<String>,
}

impl DecisionLog {
    /// Opens (or creates, readable by its owner only) the log at `path`.
    pub fn open(path: &Path, evidence: bool) -> std::result::Result<DecisionLog, String> {
        let mut options = std::fs::OpenOptions::new();
        options.append(true).create(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let file = options
            .open(path)
            .map_err(|e| format!("cannot open the decision log `{}`: {e}", path.display()))?;
        Ok(DecisionLog {
            file: Mutex::new(file),
            evidence,
            name: path.display().to_string(),
        })
    }

    /// Appends the line of one evaluation: `document` is its result,
    /// `evidence` the evidence document as it came (logged only with
    /// `--log-evidence`), `time` when it was decided.
    pub fn record(&self, document: &str, evidence: &str, toml: bool, time: jiff::Timestamp) {
        let Some(mut line) = self.line(document, evidence, toml, time) else {
            return;
        };
        line.push('\n');
        let mut file = self
            .file
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Err(e) = file.write_all(line.as_bytes()) {
            eprintln!(
                "error: cannot write to the decision log `{}`: {e}",
                self.name
            );
        }
    }

    fn line(
        &self,
        document: &str,
        evidence: &str,
        toml: bool,
        time: jiff::Timestamp,
    ) -> Option<String> {
        let result: Result = serde_json::from_str(document).ok()?;
        let mut line = json!({
            "time": time.to_string(),
            "location": result.location.id,
            "framework": { "id": result.framework.id, "version": result.framework.version },
            "as_of": result.as_of,
            "stage": result.stage,
            "verdict": result.verdict,
            "parts": result.parts,
            "certificate": result.certificate.and_then(|c| c.hash),
        });
        if self.evidence {
            let logged = if toml {
                Value::from(evidence)
            } else {
                serde_json::from_str(evidence).unwrap_or_else(|_| Value::from(evidence))
            };
            if let Some(map) = line.as_object_mut() {
                map.insert("evidence".into(), logged);
            }
        }
        Some(line.to_string())
    }
}
