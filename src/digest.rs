//! Content hashes: SHA-256 over canonical forms, so that the same content
//! gives the same hash on every machine (docs/certificate.md).
//!
//! - **Canonical text** (a framework file): without a byte-order mark,
//!   every line ending `\n`, no whitespace at the end of a line, and one
//!   `\n` at the end of the file.
//! - **Canonical JSON**: no whitespace, the keys of every object sorted by
//!   their UTF-8 bytes, strings escaped as JSON requires and no more
//!   (`serde_json`'s escaping), numbers as written.

use std::fmt::Write as _;

use serde_json::Value;
use sha2::{Digest, Sha256};

/// The SHA-256 of `bytes`, as 64 lowercase hexadecimal digits.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for byte in digest {
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

/// A text in its canonical form (see the module's documentation).
pub(crate) fn canonical_text(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = String::with_capacity(text.len() + 1);
    let unified = text.replace("\r\n", "\n").replace('\r', "\n");
    for line in unified.lines() {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    // Blank lines at the end are layout, not content.
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// The hash of framework files, base first: each file's canonical text,
/// preceded by its length in bytes and a line break, so that no two
/// stacks of files read as the same bytes.
pub(crate) fn framework_hash<'t>(texts: impl Iterator<Item = &'t str>) -> String {
    let mut all = String::new();
    for text in texts {
        let canonical = canonical_text(text);
        all.push_str(&canonical.len().to_string());
        all.push('\n');
        all.push_str(&canonical);
    }
    sha256_hex(all.as_bytes())
}

/// A JSON value in its canonical form (see the module's documentation).
pub(crate) fn canonical_json(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            out.push('{');
            for (i, (key, inner)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(key, out);
                out.push(':');
                write_canonical(inner, out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        Value::String(s) => write_string(s, out),
        // Null, booleans and numbers (as written) have one form.
        other => out.push_str(&other.to_string()),
    }
}

fn write_string(s: &str, out: &mut String) {
    out.push_str(&Value::String(s.to_string()).to_string());
}

/// The certificate's hash over its three parts, each a SHA-256 in hex:
/// the SHA-256 of the line `kader-certificate-1` followed by one line per
/// part (framework, evidence, result), each ending `\n`.
pub(crate) fn certificate_hash(framework: &str, evidence: &str, result: &str) -> String {
    sha256_hex(format!("kader-certificate-1\n{framework}\n{evidence}\n{result}\n").as_bytes())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn sha256_of_a_known_text() {
        // FIPS 180-2, appendix B.1.
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn canonical_text_ignores_line_endings_trailing_space_and_a_bom() {
        let a = canonical_text("framework x \"X\" version \"1\"\r\n  theme a \"A\" { }  \r\n\r\n");
        let b = canonical_text("\u{feff}framework x \"X\" version \"1\"\n  theme a \"A\" { }\n");
        assert_eq!(a, b);
        assert!(a.ends_with("}\n") && !a.ends_with("\n\n"));
        // Indentation is content.
        assert_ne!(
            a,
            canonical_text("framework x \"X\" version \"1\"\ntheme a \"A\" { }\n")
        );
    }

    #[test]
    fn files_of_a_stack_cannot_run_into_each_other() {
        assert_ne!(
            framework_hash(["ab", "c"].into_iter()),
            framework_hash(["a", "bc"].into_iter())
        );
    }

    #[test]
    fn canonical_json_sorts_keys_at_every_depth_and_keeps_numbers() {
        let value: Value =
            serde_json::from_str(r#"{ "b": 1.50, "a": { "z": [true, null], "é": "x\"y" } }"#)
                .unwrap();
        assert_eq!(
            canonical_json(&value),
            r#"{"a":{"z":[true,null],"é":"x\"y"},"b":1.50}"#
        );
    }
}
