//! What an audit adds to an evidence file: where each value came from and
//! who verified it (a value written as `{"value": ..., "source": ...,
//! "verified": {"by", "on", "how"}}`), and the certificate's particulars
//! (`"certificate": {"number", "issued_by", "auditor", "decided_on",
//! "conditions"}`). Both are optional; a plain value stays valid.

use jiff::civil::Date;
use serde::Serialize;

use super::tree::Tree;
use super::{date_of_tree, problem, with_help, EvidenceProblem};

/// Where a piece of evidence came from, and who verified it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Provenance {
    /// The document or register it was taken from, as written
    /// ("RI&E-rapport maart 2026").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Who checked it, when and how.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verified: Option<Verification>,
}

/// Someone checked a value against its source.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Verification {
    /// Who checked it ("auditor", "J. Jansen, auditor").
    pub by: String,
    /// The day it was checked.
    pub on: Date,
    /// How ("document", "waarneming", "gesprek"), as written.
    pub how: String,
}

impl Provenance {
    /// Whether the value counts as verified on `as_of`: someone verified
    /// it on that day or before.
    pub fn verified_on(&self, as_of: Date) -> bool {
        self.verified.as_ref().is_some_and(|v| v.on <= as_of)
    }
}

/// The particulars of the certificate a positive audit gives, as the
/// certifying body writes them in the audit's evidence file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CertificateParticulars {
    /// The certificate's number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// The body that issues it ("Gemeente Voorbeeldstad, commissie
    /// Veilige School").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issued_by: Option<String>,
    /// Who audited the location.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auditor: Option<String>,
    /// The day the certification committee decided.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decided_on: Option<Date>,
    /// Conditions attached to the certificate, each as written.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<String>,
}

/// A value with its provenance taken apart: the value itself, and where
/// it came from. A value that is not an object with `value` is plain.
pub(super) enum Unwrapped<'t> {
    Plain(&'t Tree),
    Wrapped(&'t Tree, Provenance),
}

/// Whether `value` is written with its provenance: an object with a
/// `value` key. (No declared type is an object, so nothing else is.)
pub(super) fn is_wrapped(value: &Tree) -> bool {
    matches!(value, Tree::Object(entries) if entries.iter().any(|(k, _)| k == "value"))
}

/// The problem an object at a piece of evidence is when it has no
/// `value`, and how to write provenance instead.
pub(super) const WRITE_PROVENANCE: &str = r#"write the value itself, or write it with where it came from: {"value": ..., "source": "...", "verified": {"by": "...", "on": "YYYY-MM-DD", "how": "..."}}"#;

/// Takes a value with provenance apart, adding a problem for each part
/// written wrongly (errors) or not known (warnings).
pub(super) fn unwrap<'t>(
    path: &str,
    value: &'t Tree,
    errors: &mut Vec<EvidenceProblem>,
    warnings: &mut Vec<EvidenceProblem>,
) -> Unwrapped<'t> {
    let Tree::Object(entries) = value else {
        return Unwrapped::Plain(value);
    };
    if !is_wrapped(value) {
        return Unwrapped::Plain(value);
    }
    let mut inner = &Tree::Null;
    let mut provenance = Provenance::default();
    for (key, v) in entries {
        let at = format!("{path}.{key}");
        match key.as_str() {
            "value" => inner = v,
            "source" => match v {
                Tree::String(s) if !crate::value::is_blank(s) => {
                    provenance.source = Some(s.clone());
                }
                Tree::Null => {}
                Tree::String(_) => warnings.push(problem(&at, "the source is empty")),
                other => errors.push(problem(
                    &at,
                    format!("expected a text, found {}", other.kind()),
                )),
            },
            "verified" => provenance.verified = verification(&at, v, errors, warnings),
            _ => warnings.push(with_help(
                problem(
                    &at,
                    format!("`{key}` is not part of a value with its source and is ignored"),
                ),
                "a value with its source has `value`, `source` and `verified`",
            )),
        }
    }
    Unwrapped::Wrapped(inner, provenance)
}

/// `verified`: `{"by": "...", "on": "YYYY-MM-DD", "how": "..."}`, all
/// three required.
fn verification(
    path: &str,
    value: &Tree,
    errors: &mut Vec<EvidenceProblem>,
    warnings: &mut Vec<EvidenceProblem>,
) -> Option<Verification> {
    let entries = match value {
        Tree::Object(entries) => entries,
        Tree::Null => return None,
        other => {
            errors.push(with_help(
                problem(path, format!("expected an object, found {}", other.kind())),
                r#"write {"by": "...", "on": "YYYY-MM-DD", "how": "..."}"#,
            ));
            return None;
        }
    };
    let (mut by, mut on, mut how) = (None, None, None);
    for (key, v) in entries {
        let at = format!("{path}.{key}");
        match key.as_str() {
            "by" => by = text(&at, v, errors),
            "how" => how = text(&at, v, errors),
            "on" => match date_of_tree(v) {
                Ok(d) => on = Some(d),
                Err(message) => errors.push(with_help(
                    problem(&at, message),
                    "write a date as YYYY-MM-DD",
                )),
            },
            _ => warnings.push(with_help(
                problem(
                    &at,
                    format!("`{key}` is not part of a verification and is ignored"),
                ),
                "a verification has `by`, `on` and `how`",
            )),
        }
    }
    let mut missing = Vec::new();
    for (name, given) in [
        ("by", by.is_some()),
        ("on", on.is_some()),
        ("how", how.is_some()),
    ] {
        let written = entries.iter().any(|(k, _)| k == name);
        if !given && !written {
            missing.push(name);
        }
    }
    if !missing.is_empty() {
        errors.push(with_help(
            problem(
                path,
                format!(
                    "the verification has no {}",
                    missing
                        .iter()
                        .map(|m| format!("`{m}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ),
            "say who verified it (`by`), on which day (`on`) and how (`how`)",
        ));
    }
    Some(Verification {
        by: by?,
        on: on?,
        how: how?,
    })
}

/// A text that is not blank.
fn text(path: &str, value: &Tree, errors: &mut Vec<EvidenceProblem>) -> Option<String> {
    match value {
        Tree::String(s) if !crate::value::is_blank(s) => Some(s.clone()),
        Tree::String(_) => {
            errors.push(problem(path, "this is empty"));
            None
        }
        other => {
            errors.push(problem(
                path,
                format!("expected a text, found {}", other.kind()),
            ));
            None
        }
    }
}

/// `certificate`: the particulars of the certificate, from the audit's
/// evidence file.
pub(super) fn particulars(
    value: &Tree,
    errors: &mut Vec<EvidenceProblem>,
    warnings: &mut Vec<EvidenceProblem>,
) -> Option<CertificateParticulars> {
    let entries = match value {
        Tree::Object(entries) => entries,
        Tree::Null => return None,
        other => {
            errors.push(with_help(
                problem(
                    "certificate",
                    format!("expected an object, found {}", other.kind()),
                ),
                r#"write {"number": "...", "issued_by": "...", "auditor": "...", "decided_on": "YYYY-MM-DD", "conditions": ["..."]}"#,
            ));
            return None;
        }
    };
    let mut record = CertificateParticulars::default();
    for (key, v) in entries {
        let at = format!("certificate.{key}");
        match key.as_str() {
            "number" => record.number = text_or_null(&at, v, errors),
            "issued_by" => record.issued_by = text_or_null(&at, v, errors),
            "auditor" => record.auditor = text_or_null(&at, v, errors),
            "decided_on" => match v {
                Tree::Null => {}
                v => match date_of_tree(v) {
                    Ok(d) => record.decided_on = Some(d),
                    Err(message) => errors.push(with_help(
                        problem(&at, message),
                        "write a date as YYYY-MM-DD",
                    )),
                },
            },
            "conditions" => match v {
                Tree::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        if let Some(t) = text_or_null(&format!("{at}[{i}]"), item, errors) {
                            record.conditions.push(t);
                        }
                    }
                }
                Tree::Null => {}
                other => errors.push(problem(
                    &at,
                    format!("expected a list of texts, found {}", other.kind()),
                )),
            },
            _ => warnings.push(with_help(
                problem(
                    &at,
                    format!("`{key}` is not part of a certificate's particulars and is ignored"),
                ),
                "a certificate has `number`, `issued_by`, `auditor`, `decided_on` and `conditions`",
            )),
        }
    }
    Some(record)
}

fn text_or_null(path: &str, value: &Tree, errors: &mut Vec<EvidenceProblem>) -> Option<String> {
    match value {
        Tree::Null => None,
        v => text(path, v, errors),
    }
}
