//! The result document of the language contract.

use crate::outcome::Outcome;

/// The outcome as one line of JSON (the result document of
/// `docs/language.md`: every criterion in framework order).
pub fn to_json(outcome: &Outcome) -> String {
    // Serialising plain data with string keys cannot fail.
    serde_json::to_string(outcome).unwrap_or_else(|e| format!(r#"{{"error":"{e}"}}"#))
}
