//! Checking a certificate without trusting whoever issued it: its hash is
//! recomputed from the framework, the evidence and the result document,
//! and the result is recomputed from the framework and the evidence
//! (docs/certificate.md).

use serde::Serialize;
use serde_json::Value;

use super::json;
use super::{render, Format, Options};
use crate::compile::Framework;
use crate::digest;
use crate::eval::{EvalOptions, Stage};
use crate::evidence::Evidence;
use crate::terms::Language;
use crate::words::{fill, words};

/// What checking a certificate found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CertificateCheck {
    /// The hash the document states (`certificate.hash`).
    pub stated: Option<String>,
    /// The hash over this framework, this evidence and the document as
    /// given (without its hash).
    pub computed: String,
    /// The document names this framework's hash.
    pub framework_matches: bool,
    /// The document names this evidence's hash.
    pub evidence_matches: bool,
    /// Evaluating the evidence at the audit gives this very document.
    pub reproduced: bool,
}

impl CertificateCheck {
    /// What the check found, in sentences for people: one line when the
    /// certificate holds, else a line and a point for each thing wrong.
    pub fn to_text(&self, language: Language) -> String {
        let w = words(language);
        if self.holds() {
            return format!("✔ {}\n", w.check_holds);
        }
        let mut out = format!("✘ {}\n", w.check_fails);
        let mut point = |sentence: &str| {
            out.push_str("  - ");
            out.push_str(sentence);
            out.push('\n');
        };
        match &self.stated {
            None => point(w.check_no_hash),
            Some(stated) if *stated != self.computed => point(&fill(
                w.check_hash_differs,
                &[("stated", stated), ("computed", &self.computed)],
            )),
            Some(_) => {}
        }
        for (holds, sentence) in [
            (self.framework_matches, w.check_framework_differs),
            (self.evidence_matches, w.check_evidence_differs),
            (self.reproduced, w.check_not_reproduced),
        ] {
            if !holds {
                point(sentence);
            }
        }
        out
    }

    /// Whether the certificate holds: the stated hash is the computed one,
    /// and the framework gives this result for this evidence.
    pub fn holds(&self) -> bool {
        self.stated.as_deref() == Some(self.computed.as_str())
            && self.framework_matches
            && self.evidence_matches
            && self.reproduced
    }
}

/// Why a document cannot be checked at all.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CertificateError {
    /// The document is not JSON.
    #[error("the result is not JSON: {0}")]
    NotJson(String),
    /// The document has no certificate (it is not a positive audit's).
    #[error("the result has no `certificate`: only a positive audit's result carries one")]
    NoCertificate,
}

/// Checks the certificate in `document` (an audit's result as `kader eval
/// --stage audit --format json` writes it) against the framework and the
/// evidence it claims to rest on.
pub fn check_certificate(
    framework: &Framework,
    evidence: &Evidence,
    document: &str,
) -> Result<CertificateCheck, CertificateError> {
    let value: Value =
        serde_json::from_str(document).map_err(|e| CertificateError::NotJson(e.to_string()))?;
    let certificate = value
        .get("certificate")
        .and_then(Value::as_object)
        .ok_or(CertificateError::NoCertificate)?;
    let stated_text = |key: &str| certificate.get(key).and_then(Value::as_str);
    let stated = stated_text("hash").map(str::to_string);
    let framework_hash = framework.content_hash.clone();
    let evidence_hash = digest::sha256_hex(
        digest::canonical_json(&crate::evidence::loaded(evidence, framework)).as_bytes(),
    );
    let result = json::result_digest(document).ok_or(CertificateError::NoCertificate)?;
    let computed = digest::certificate_hash(&framework_hash, &evidence_hash, &result);
    // The result again, in either language kader writes: the document
    // does not say which it was written in.
    // What a plan file agreed (`overdue`) is not part of the certificate.
    let mut given = value.clone();
    if let Some(top) = given.as_object_mut() {
        top.remove("overdue");
    }
    let given = digest::canonical_json(&given);
    // The framework's language first, then the other: each evaluated once.
    let other = match framework.language {
        Language::Nl => Language::En,
        Language::En => Language::Nl,
    };
    let reproduced = [framework.language, other].into_iter().any(|language| {
        let options = EvalOptions {
            stage: Stage::Audit,
            language: Some(language),
        };
        let assessment = framework.decide(evidence, options).explain();
        let again = render(
            framework,
            &assessment,
            Format::Json,
            Options {
                language,
                ..Options::default()
            },
        );
        serde_json::from_str::<Value>(&again).is_ok_and(|v| digest::canonical_json(&v) == given)
    });
    Ok(CertificateCheck {
        stated,
        computed,
        framework_matches: stated_text("framework_hash") == Some(framework_hash.as_str()),
        evidence_matches: stated_text("evidence_hash") == Some(evidence_hash.as_str()),
        reproduced,
    })
}
