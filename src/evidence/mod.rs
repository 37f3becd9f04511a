//! Evidence loading: a location's evidence file (JSON, TOML or JSON Lines)
//! → values in the compiled framework's slots.
//!
//! **Nothing is silently dropped**: a key the framework does not declare is a
//! warning with the nearest declared path; a value of the wrong type is an
//! error naming the path, the expected type and the value found.
//!
//! JSON is read twice at most: `fast.rs` reads a well-formed document
//! straight into slots, and gives up at anything unusual; then `tree.rs`
//! and [`load`] read it again and word every error and warning. Both convert
//! values with the same [`scalar_of`], so they agree by construction.

mod audit;
mod fast;
mod register;
mod tree;
mod write;

use std::fmt;
use std::str::FromStr;

use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::compile::Framework;
use crate::files::ReadError;
use crate::suggest::nearest;
use crate::value::{Type, Value};
pub use audit::{CertificateParticulars, Provenance, Verification};
pub use register::{Exception, Register};
use tree::Tree;
pub(crate) use tree::{duplicate_keys, duplicate_problem, join_path};
pub(crate) use write::{document, insert, loaded, number_json, value_json};

/// Where a location's as-of date comes from when the file has none, or a
/// caller wants another.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LoadOptions {
    /// Overrides the file's `as_of` (the CLI's `--as-of`).
    pub as_of: Option<Date>,
    /// How much evidence is accepted (document size, text length, list length).
    pub limits: crate::Limits,
}

/// The school location an evidence file is about: who it is, and what the
/// reports say about it beside the evidence (docs/evidence.md, "The
/// location").
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Location {
    /// A stable id, such as a BRIN number with a location suffix.
    pub id: String,
    /// A name people recognise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The school board (bevoegd gezag) it belongs to; the overview can
    /// group by it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub board: Option<String>,
    /// The district or neighbourhood; the overview can group by it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub district: Option<String>,
    /// The kind of school (`po`, `so`, `vo`, `mbo`, ...); the overview can
    /// group by it.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub school_type: Option<String>,
    /// The intake or audit meeting the report is discussed in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meeting: Option<Meeting>,
}

/// The meeting in which a location's report is discussed: the report
/// gives it a block with room for signatures.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Meeting {
    /// The day of the meeting.
    pub date: Option<Date>,
    /// Who took part, each as written ("J. de Vries, directeur").
    pub attendees: Vec<String>,
    /// What was agreed, one agreement each.
    pub agreements: Vec<String>,
}

/// What was supplied for one declared piece of evidence.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Supplied {
    One(Value),
    Many(Vec<Value>),
}

/// One location's evidence, loaded against a compiled framework.
#[derive(Clone, Debug, PartialEq)]
pub struct Evidence {
    pub(crate) location: Location,
    pub(crate) as_of: Date,
    /// Indexed by slot; `None` when not supplied.
    pub(crate) values: Vec<Option<Supplied>>,
    /// The exceptions the certifying body's register grants the location
    /// ([`Evidence::with_exceptions`]; never from the evidence file),
    /// those that do not hold on the as-of date too: evaluation waives a
    /// criterion only while its exception holds.
    pub(crate) exceptions: Vec<Exception>,
    pub(crate) warnings: Vec<EvidenceProblem>,
    /// Where values came from and who verified them, by slot, in slot
    /// order: only the values written with their source.
    pub(crate) provenance: Vec<(u32, Provenance)>,
    /// The certificate's particulars, from an audit's evidence file.
    pub(crate) certificate: Option<CertificateParticulars>,
}

/// A problem in an evidence file, tied to the evidence path it concerns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EvidenceProblem {
    /// The path in the evidence file (`evidence.monitor.response_rate`,
    /// `as_of`, `evidence.evacuation.drills[1]`), or empty for the whole file.
    pub path: String,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// For syntax errors: 1-based line and column.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// For syntax errors: 1-based column.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
}

/// A file that could not be read, as the evidence problem that takes its
/// place in a batch (kept here so that `files` needs nothing from the stages).
impl ReadError {
    /// The error as an evidence problem about the whole document, with the
    /// line and column of a byte that is not UTF-8.
    pub fn to_problem(&self) -> EvidenceProblem {
        let (message, line, column) = match self {
            ReadError::Io(e) => (format!("cannot read it: {e}"), None, None),
            ReadError::TooLarge { limit } => (
                format!("it is larger than {limit} bytes, the most kader reads"),
                None,
                None,
            ),
            ReadError::NotUtf8 { line, column } => {
                ("not valid UTF-8".to_string(), Some(*line), Some(*column))
            }
        };
        EvidenceProblem {
            path: String::new(),
            message,
            help: Some(self.help().to_string()),
            line,
            column,
        }
    }
}

impl fmt::Display for EvidenceProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let (Some(line), Some(column)) = (self.line, self.column) {
            write!(f, "line {line}, column {column}: ")?;
        }
        if !self.path.is_empty() {
            write!(f, "`{}`: ", self.path)?;
        }
        write!(f, "{}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, " ({help})")?;
        }
        Ok(())
    }
}

/// The text without a leading UTF-8 byte-order mark, which some editors
/// write and JSON does not allow: it is accepted, as in TOML and `.kader`.
fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Every error found in one evidence document.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
pub struct EvidenceError {
    /// The errors, in the order of the file.
    pub problems: Vec<EvidenceProblem>,
}

impl Evidence {
    /// Loads one location's evidence from JSON.
    pub fn from_json(framework: &Framework, text: &str) -> Result<Evidence, EvidenceError> {
        Evidence::from_json_with(framework, text, LoadOptions::default())
    }

    /// Loads one location's evidence from JSON, with options.
    pub fn from_json_with(
        framework: &Framework,
        text: &str,
        options: LoadOptions,
    ) -> Result<Evidence, EvidenceError> {
        let text = without_bom(text);
        document_too_large(text, &options)?;
        match fast::load(framework, text, options) {
            Some(evidence) => Ok(evidence),
            None => from_json_tree(framework, text, options),
        }
    }

    /// Loads JSON evidence the reference way only: through the neutral tree,
    /// never the fast path. [`Evidence::from_json_with`] gives the same
    /// result; this exists so that kader's tests and fuzz targets can prove
    /// it (feature `internals`).
    #[cfg(feature = "internals")]
    #[doc(hidden)]
    pub fn from_json_reference(
        framework: &Framework,
        text: &str,
        options: LoadOptions,
    ) -> Result<Evidence, EvidenceError> {
        let text = without_bom(text);
        document_too_large(text, &options)?;
        from_json_tree(framework, text, options)
    }

    /// Loads JSON evidence by the fast path only; `None` where
    /// [`Evidence::from_json_with`] would fall back to the tree (any error,
    /// any warning but an expired exception or a missing `evidence`, or
    /// anything unusual). For kader's tests and fuzz targets that check
    /// the fast path is taken (feature `internals`).
    #[cfg(feature = "internals")]
    #[doc(hidden)]
    pub fn from_json_fast(
        framework: &Framework,
        text: &str,
        options: LoadOptions,
    ) -> Option<Evidence> {
        let text = without_bom(text);
        document_too_large(text, &options).ok()?;
        fast::load(framework, text, options)
    }

    /// Loads one location's evidence from TOML.
    pub fn from_toml(framework: &Framework, text: &str) -> Result<Evidence, EvidenceError> {
        Evidence::from_toml_with(framework, text, LoadOptions::default())
    }

    /// Loads one location's evidence from TOML, with options.
    pub fn from_toml_with(
        framework: &Framework,
        text: &str,
        options: LoadOptions,
    ) -> Result<Evidence, EvidenceError> {
        document_too_large(text, &options)?;
        let tree = tree::from_toml(text).map_err(|p| EvidenceError { problems: vec![p] })?;
        load(framework, &tree, options)
    }

    /// Evidence with nothing supplied, judged on `as_of`: what the
    /// analysis fills with values of its own choosing, slot by slot.
    pub(crate) fn synthetic(framework: &Framework, as_of: Date) -> Evidence {
        Evidence {
            location: Location::default(),
            as_of,
            values: vec![None; framework.slots.len()],
            exceptions: Vec::new(),
            warnings: Vec::new(),
            provenance: Vec::new(),
            certificate: None,
        }
    }

    /// Where the value at `path` came from and who verified it, if its
    /// file says so.
    pub fn provenance(&self, framework: &Framework, path: &str) -> Option<&Provenance> {
        let slot = *framework.slot_by_path.get(path)?;
        self.provenance_of(slot)
    }

    /// The provenance of the value in `slot`, if any.
    pub(crate) fn provenance_of(&self, slot: u32) -> Option<&Provenance> {
        self.provenance
            .binary_search_by_key(&slot, |(s, _)| *s)
            .ok()
            .and_then(|i| self.provenance.get(i))
            .map(|(_, p)| p)
    }

    /// Whether the value in `slot` was verified on or before the as-of
    /// date.
    pub(crate) fn verified(&self, slot: u32) -> bool {
        self.provenance_of(slot)
            .is_some_and(|p| p.verified_on(self.as_of))
    }

    /// The certificate's particulars the audit's evidence file gives.
    pub fn certificate(&self) -> Option<&CertificateParticulars> {
        self.certificate.as_ref()
    }

    /// The location this evidence is about.
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// The date the evidence is judged on.
    pub fn as_of(&self) -> Date {
        self.as_of
    }

    /// The exceptions the certifying body's register grants the location,
    /// including any that do not hold on the as-of date.
    pub fn exceptions(&self) -> &[Exception] {
        &self.exceptions
    }

    /// Keys the framework does not declare, and other things worth a look.
    pub fn warnings(&self) -> &[EvidenceProblem] {
        &self.warnings
    }
}

fn problem(path: &str, message: impl Into<String>) -> EvidenceProblem {
    EvidenceProblem {
        path: path.to_string(),
        message: message.into(),
        help: None,
        line: None,
        column: None,
    }
}

fn with_help(mut p: EvidenceProblem, help: impl Into<String>) -> EvidenceProblem {
    p.help = Some(help.into());
    p
}

/// JSON through the neutral tree: the reference loader, and the one that
/// words every error and warning.
fn from_json_tree(
    framework: &Framework,
    text: &str,
    options: LoadOptions,
) -> Result<Evidence, EvidenceError> {
    let tree = tree::from_json(text).map_err(|problems| EvidenceError { problems })?;
    load(framework, &tree, options)
}

/// The warning for a file without `evidence`.
fn no_evidence() -> EvidenceProblem {
    problem(
        "evidence",
        "the file has no `evidence`: every criterion will be unknown",
    )
}

/// Refuses a document larger than the limit before parsing it.
/// The depth at which `{`/`[` (JSON) or `{`/`[` (TOML inline tables and
/// arrays) first nest deeper than `max`, outside strings; `None` when they
/// never do. TOML's `[table]` headers open no nesting of their own here:
/// a header line's brackets close on the same line.
fn nested_deeper(text: &str, max: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string: Option<u8> = None;
    let mut escaped = false;
    let mut comment = false;
    for b in text.bytes() {
        if comment {
            comment = b != b'\n';
            continue;
        }
        if let Some(quote) = in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' && quote == b'"' {
                escaped = true;
            } else if b == quote {
                in_string = None;
            }
            continue;
        }
        match b {
            b'"' | b'\'' => in_string = Some(b),
            b'#' => comment = true,
            b'{' | b'[' => {
                depth += 1;
                if depth > max {
                    return Some(depth);
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

fn document_too_large(text: &str, options: &LoadOptions) -> Result<(), EvidenceError> {
    if options.limits.max_evidence_depth < crate::Limits::EVIDENCE_DEPTH_CEILING {
        if let Some(depth) = nested_deeper(text, options.limits.max_evidence_depth) {
            return Err(EvidenceError {
                problems: vec![with_help(
                    problem(
                        "",
                        format!(
                            "the evidence document nests objects and lists {depth} deep, more than the {} kader accepts",
                            options.limits.max_evidence_depth
                        ),
                    ),
                    "write nested keys as dotted paths (`monitor.last_run`), or ask the host to raise its limit",
                )],
            });
        }
    }
    if text.len() > options.limits.max_evidence_bytes {
        return Err(EvidenceError {
            problems: vec![with_help(
                problem(
                    "",
                    format!(
                        "the evidence document is {} bytes, more than the {} bytes kader accepts",
                        text.len(),
                        options.limits.max_evidence_bytes
                    ),
                ),
                "send one location per document, or ask the host to raise its limit",
            )],
        });
    }
    Ok(())
}

struct Loader<'a> {
    framework: &'a Framework,
    limits: crate::Limits,
    values: Vec<Option<Supplied>>,
    errors: Vec<EvidenceProblem>,
    warnings: Vec<EvidenceProblem>,
    provenance: Vec<(u32, Provenance)>,
    certificate: Option<CertificateParticulars>,
}

fn load(
    framework: &Framework,
    tree: &Tree,
    options: LoadOptions,
) -> Result<Evidence, EvidenceError> {
    let mut loader = Loader {
        framework,
        limits: options.limits,
        values: vec![None; framework.slots.len()],
        errors: Vec::new(),
        warnings: Vec::new(),
        provenance: Vec::new(),
        certificate: None,
    };
    let Tree::Object(top) = tree else {
        return Err(EvidenceError {
            problems: vec![with_help(
                problem(
                    "",
                    format!(
                        "expected an object with `location`, `as_of` and `evidence`, found {}",
                        tree.kind()
                    ),
                ),
                "see docs/evidence.md for the layout of an evidence file",
            )],
        });
    };
    let mut location = None;
    let mut as_of = None;
    let mut evidence_seen = false;
    for (key, value) in top {
        match key.as_str() {
            "location" => location = loader.location(value),
            "as_of" => as_of = loader.date("as_of", value),
            "certificate" => {
                loader.certificate =
                    audit::particulars(value, &mut loader.errors, &mut loader.warnings);
            }
            "exceptions" => loader.errors.push(with_help(
                problem("exceptions", "an evidence file cannot grant exceptions"),
                register::NOT_IN_EVIDENCE,
            )),
            "evidence" => {
                evidence_seen = true;
                match value {
                    Tree::Object(entries) => loader.object("", entries),
                    other => loader.errors.push(problem(
                        "evidence",
                        format!("expected an object of evidence, found {}", other.kind()),
                    )),
                }
            }
            other => loader.warnings.push(with_help(
                problem(
                    other,
                    format!("`{other}` is not part of an evidence file and is ignored"),
                ),
                "an evidence file has `location`, `as_of`, `evidence` and, after an audit, `certificate`",
            )),
        }
    }
    if location.is_none() && !top.iter().any(|(k, _)| k == "location") {
        loader.errors.push(with_help(
            problem("location", "the file has no `location`"),
            r#"add `"location": { "id": "..." }`"#,
        ));
    }
    if !evidence_seen {
        loader.warnings.push(no_evidence());
    }
    let as_of = options.as_of.or(as_of);
    if as_of.is_none() && !loader.errors.iter().any(|e| e.path == "as_of") {
        loader.errors.push(with_help(
            problem("as_of", "the file has no `as_of` date, and none was given"),
            r#"add `"as_of": "YYYY-MM-DD"` to the file, or pass --as-of"#,
        ));
    }
    if let Some(as_of) = as_of {
        for (slot, provenance) in &loader.provenance {
            let verified_later = provenance.verified.as_ref().filter(|v| v.on > as_of);
            if let (Some(v), Some(decl)) = (verified_later, framework.slots.get(*slot as usize)) {
                loader.warnings.push(problem(
                    &format!("evidence.{}.verified.on", decl.path),
                    format!(
                        "verified on {}, after the as-of date {as_of}: on {as_of} it does not count as verified",
                        v.on
                    ),
                ));
            }
        }
    }
    match (location, as_of) {
        (Some(location), Some(as_of)) if loader.errors.is_empty() => Ok(Evidence {
            location,
            as_of,
            values: loader.values,
            exceptions: Vec::new(),
            warnings: loader.warnings,
            provenance: {
                let mut provenance = loader.provenance;
                provenance.sort_by_key(|(slot, _)| *slot);
                provenance
            },
            certificate: loader.certificate,
        }),
        _ => Err(EvidenceError {
            problems: loader.errors,
        }),
    }
}

impl Loader<'_> {
    fn location(&mut self, value: &Tree) -> Option<Location> {
        let Tree::Object(entries) = value else {
            self.errors.push(problem(
                "location",
                format!(
                    r#"expected an object such as {{ "id": "..." }}, found {}"#,
                    value.kind()
                ),
            ));
            return None;
        };
        let mut id = None;
        let mut location = Location::default();
        for (key, v) in entries {
            let path = format!("location.{key}");
            match (key.as_str(), v) {
                ("id", Tree::String(s)) if !crate::value::is_blank(s) => id = Some(s.clone()),
                ("id", Tree::String(_)) => self.errors.push(with_help(
                    problem(&path, "the location's `id` is empty"),
                    "fill in the id, such as a BRIN number with a location suffix",
                )),
                ("id", Tree::Number(n)) => id = Some(n.clone()),
                ("id", other) => self.not_text(&path, other),
                ("name", v) => location.name = self.text(&path, v),
                ("board", v) => location.board = self.text(&path, v),
                ("district", v) => location.district = self.text(&path, v),
                ("type", v) => location.school_type = self.text(&path, v),
                ("meeting", v) => location.meeting = self.meeting(v),
                _ => self.warnings.push(problem(
                    &path,
                    format!("`{key}` is not part of a location and is ignored"),
                )),
            }
        }
        if id.is_none() && !self.errors.iter().any(|e| e.path == "location.id") {
            self.errors.push(with_help(
                problem("location.id", "the location has no `id`"),
                r#"add `"id": "..."`, such as a BRIN number with a location suffix"#,
            ));
        }
        id.map(|id| Location { id, ..location })
    }

    /// A text of the location, or nothing for `null`.
    fn text(&mut self, path: &str, value: &Tree) -> Option<String> {
        match value {
            Tree::String(s) => Some(s.clone()),
            Tree::Null => None,
            other => {
                self.not_text(path, other);
                None
            }
        }
    }

    fn not_text(&mut self, path: &str, value: &Tree) {
        self.errors.push(problem(
            path,
            format!("expected a text, found {}", value.kind()),
        ));
    }

    /// `location.meeting`: `{ "date": ..., "attendees": [...], "agreements": [...] }`.
    fn meeting(&mut self, value: &Tree) -> Option<Meeting> {
        let entries = match value {
            Tree::Object(entries) => entries,
            Tree::Null => return None,
            other => {
                self.errors.push(problem(
                    "location.meeting",
                    format!(
                        r#"expected an object such as {{ "date": "2026-11-20", "attendees": ["..."] }}, found {}"#,
                        other.kind()
                    ),
                ));
                return None;
            }
        };
        let mut meeting = Meeting::default();
        for (key, v) in entries {
            let path = format!("location.meeting.{key}");
            match key.as_str() {
                "date" => meeting.date = self.date(&path, v),
                "attendees" => meeting.attendees = self.texts(&path, v),
                "agreements" => meeting.agreements = self.texts(&path, v),
                _ => self.warnings.push(problem(
                    &path,
                    format!("`{key}` is not part of a meeting and is ignored"),
                )),
            }
        }
        Some(meeting)
    }

    /// A list of texts; each that is not a text is an error at its index.
    fn texts(&mut self, path: &str, value: &Tree) -> Vec<String> {
        let Tree::Array(items) = value else {
            self.errors.push(problem(
                path,
                format!("expected a list of texts, found {}", value.kind()),
            ));
            return Vec::new();
        };
        let mut texts = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            if let Some(t) = self.text(&format!("{path}[{i}]"), item) {
                texts.push(t);
            }
        }
        texts
    }

    fn date(&mut self, path: &str, value: &Tree) -> Option<Date> {
        match date_of_tree(value) {
            Ok(d) => Some(d),
            Err(message) => {
                self.errors.push(with_help(
                    problem(path, message),
                    "write a date as YYYY-MM-DD",
                ));
                None
            }
        }
    }

    /// Walks an object of evidence; `prefix` is the dotted path so far.
    fn object(&mut self, prefix: &str, entries: &[(String, Tree)]) {
        for (key, value) in entries {
            let path = if prefix.is_empty() {
                key.clone()
            } else {
                format!("{prefix}.{key}")
            };
            if let Some(&slot) = self.framework.slot_by_path.get(&path) {
                self.slot(slot, &path, value);
            } else if self.is_group(&path) {
                match value {
                    Tree::Object(inner) => self.object(&path, inner),
                    Tree::Null => {}
                    other => self.errors.push(with_help(
                        problem(
                            &format!("evidence.{path}"),
                            format!("expected an object, found {}", other.kind()),
                        ),
                        format!("`{path}` groups {}", self.members_of(&path)),
                    )),
                }
            } else {
                self.undeclared(&path, value);
            }
        }
    }

    /// Warns about an undeclared key; inside an undeclared object, about each
    /// value in it, so that `monitr.last_run` can suggest `monitor.last_run`.
    fn undeclared(&mut self, path: &str, value: &Tree) {
        if let Tree::Object(entries) = value {
            if !entries.is_empty() {
                for (key, inner) in entries {
                    self.undeclared(&format!("{path}.{key}"), inner);
                }
                return;
            }
        }
        let mut warning = problem(
            &format!("evidence.{path}"),
            format!("`{path}` is not declared by the framework and is ignored"),
        );
        let candidates = self.framework.slots.iter().map(|s| s.path.as_str());
        let suggestion = nearest(path, candidates).map(str::to_string).or_else(|| {
            // A misspelled group: suggest by the group's own name.
            let groups: Vec<String> = self.groups();
            nearest(path, groups.iter().map(String::as_str)).map(str::to_string)
        });
        if let Some(s) = suggestion {
            warning = with_help(warning, format!("did you mean `{s}`?"));
        }
        self.warnings.push(warning);
    }

    fn is_group(&self, path: &str) -> bool {
        let prefix = format!("{path}.");
        self.framework
            .slot_by_path
            .range(prefix.clone()..)
            .next()
            .is_some_and(|(p, _)| p.starts_with(&prefix))
    }

    fn groups(&self) -> Vec<String> {
        let mut groups: Vec<String> = Vec::new();
        for slot in &self.framework.slots {
            let mut prefix = String::new();
            let segments: Vec<&str> = slot.path.split('.').collect();
            for segment in segments.iter().take(segments.len().saturating_sub(1)) {
                if !prefix.is_empty() {
                    prefix.push('.');
                }
                prefix.push_str(segment);
                if !groups.contains(&prefix) {
                    groups.push(prefix.clone());
                }
            }
        }
        groups
    }

    fn members_of(&self, path: &str) -> String {
        let prefix = format!("{path}.");
        let members: Vec<&str> = self
            .framework
            .slots
            .iter()
            .filter_map(|s| s.path.strip_prefix(&prefix))
            .collect();
        members.join(", ")
    }

    fn slot(&mut self, slot: u32, path: &str, value: &Tree) {
        let Some(decl) = self.framework.slots.get(slot as usize) else {
            return;
        };
        let ty = decl.ty.clone();
        let Some(cell) = self.values.get(slot as usize) else {
            return;
        };
        if cell.is_some() {
            self.errors.push(problem(
                &format!("evidence.{path}"),
                "this evidence is supplied twice (once nested, once as a dotted key?)",
            ));
            return;
        }
        let value = match audit::unwrap(
            &format!("evidence.{path}"),
            value,
            &mut self.errors,
            &mut self.warnings,
        ) {
            audit::Unwrapped::Plain(value) => value,
            audit::Unwrapped::Wrapped(value, provenance) => {
                if matches!(value, Tree::Null) {
                    self.warnings.push(problem(
                        &format!("evidence.{path}"),
                        "the value is empty (null), so its source and verification are ignored",
                    ));
                    return;
                }
                self.provenance.push((slot, provenance));
                value
            }
        };
        if matches!(value, Tree::Null) {
            return; // null means "not supplied"
        }
        let supplied = match &ty {
            Type::List(_) if matches!(value, Tree::Array(items) if items.len() > self.limits.max_list_items) =>
            {
                let count = match value {
                    Tree::Array(items) => items.len(),
                    _ => 0,
                };
                self.errors.push(with_help(
                    problem(
                        &format!("evidence.{path}"),
                        format!(
                            "this list has {count} elements, more than the {} kader accepts",
                            self.limits.max_list_items
                        ),
                    ),
                    "supply only the elements the framework counts, or ask the host to raise its limit",
                ));
                None
            }
            Type::Text if matches!(value, Tree::String(t) if t.chars().count() > self.limits.max_text_chars) =>
            {
                self.errors.push(with_help(
                    problem(
                        &format!("evidence.{path}"),
                        format!(
                            "this text is longer than the {} characters kader accepts",
                            self.limits.max_text_chars
                        ),
                    ),
                    "shorten it, or ask the host to raise its limit",
                ));
                None
            }
            Type::List(element) => match value {
                Tree::Array(items) => {
                    let mut values = Vec::with_capacity(items.len());
                    let mut ok = true;
                    for (i, item) in items.iter().enumerate() {
                        match scalar(item, element) {
                            Ok(v) => values.push(v),
                            Err(e) => {
                                ok = false;
                                self.errors.push(type_problem(
                                    &format!("evidence.{path}[{i}]"),
                                    element,
                                    item,
                                    e,
                                ));
                            }
                        }
                    }
                    ok.then_some(Supplied::Many(values))
                }
                other => {
                    self.errors.push(type_problem(
                        &format!("evidence.{path}"),
                        &ty,
                        other,
                        Mismatch::Type,
                    ));
                    None
                }
            },
            scalar_ty => match scalar(value, scalar_ty) {
                Ok(v) => Some(Supplied::One(v)),
                Err(e) => {
                    self.errors.push(type_problem(
                        &format!("evidence.{path}"),
                        scalar_ty,
                        value,
                        e,
                    ));
                    None
                }
            },
        };
        if let Some((message, help)) = supplied.as_ref().and_then(value_warning) {
            self.warnings.push(with_help(
                problem(&format!("evidence.{path}"), message),
                help,
            ));
        }
        if let (Some(supplied), Some(cell)) = (supplied, self.values.get_mut(slot as usize)) {
            *cell = Some(supplied);
        }
    }
}

/// What a well-typed value is worth a warning for, with the help: the same
/// date twice in a list (each counts), or a text with a combining accent
/// (compared character by character, it differs from the composed
/// letter). Both loaders ask this one function, so they agree.
fn value_warning(supplied: &Supplied) -> Option<(String, String)> {
    match supplied {
        Supplied::Many(values) => {
            let mut dates: Vec<Date> = values
                .iter()
                .filter_map(|v| match v {
                    Value::Date(d) => Some(*d),
                    _ => None,
                })
                .collect();
            dates.sort_unstable();
            let twice = dates.windows(2).find_map(|w| match w {
                [a, b] if a == b => Some(*a),
                _ => None,
            })?;
            Some((
                format!("the date {twice} is given more than once, and each counts"),
                "give each occasion once, or leave out the copy".to_string(),
            ))
        }
        Supplied::One(Value::Text(t)) => {
            let mark = crate::value::combining_accent(t)?;
            Some((
                format!(
                    "the text holds a separate accent (U+{:04X}): text is compared character by character, so it differs from the same word written with the accented letter",
                    u32::from(mark)
                ),
                "save the text with composed letters (Unicode NFC), as most keyboards type them".to_string(),
            ))
        }
        Supplied::One(_) => None,
    }
}

/// Why a value does not fit its type.
enum Mismatch {
    Type,
    Message(String, Option<String>),
}

fn type_problem(path: &str, ty: &Type, found: &Tree, mismatch: Mismatch) -> EvidenceProblem {
    match mismatch {
        Mismatch::Type => {
            let p = problem(
                path,
                format!("expected {}, found {}", ty.describe(), found.shown()),
            );
            match ty {
                _ if matches!(found, Tree::Object(_)) => with_help(p, audit::WRITE_PROVENANCE),
                Type::Percent => with_help(
                    p,
                    r#"write a percentage as "71%" or as a number from 0 to 1"#,
                ),
                Type::Date => with_help(p, "write a date as YYYY-MM-DD"),
                Type::Bool => with_help(p, "write true or false, without quotes"),
                _ => p,
            }
        }
        Mismatch::Message(message, help) => {
            let p = problem(path, message);
            match help {
                Some(h) => with_help(p, h),
                None => p,
            }
        }
    }
}

fn date_of_tree(value: &Tree) -> Result<Date, String> {
    match value {
        Tree::String(s) | Tree::Date(s) => parse_date_text(s),
        other => Err(format!("expected a date, found {}", other.kind())),
    }
}

/// Reads a date as every input of kader writes it, the evidence file's
/// `as_of` and the command line's `--as-of` alike: `YYYY-MM-DD`, a day
/// that is in the calendar, nothing before or after it. The error says
/// why not.
///
/// ```
/// assert!(kader::parse_date("2026-11-30").is_ok());
/// assert_eq!(
///     kader::parse_date("2026-11-30T00:00:00").unwrap_err(),
///     "expected a date as YYYY-MM-DD, found `2026-11-30T00:00:00`"
/// );
/// ```
pub fn parse_date(text: &str) -> Result<Date, String> {
    parse_date_text(text)
}

fn parse_date_text(text: &str) -> Result<Date, String> {
    let well_formed = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !well_formed {
        return Err(format!("expected a date as YYYY-MM-DD, found `{text}`"));
    }
    Date::from_str(text).map_err(|_| match crate::value::why_not_a_date(text) {
        Some(why) => format!("`{text}` is not a date in the calendar: {why}"),
        None => format!("`{text}` is not a date in the calendar"),
    })
}

fn parse_decimal(text: &str) -> Option<Decimal> {
    Decimal::from_str_exact(text)
        .ok()
        .or_else(|| Decimal::from_scientific(text).ok())
}

/// A leaf of an evidence document, borrowed: what [`scalar`] reads. The
/// tree-based loader and the fast JSON loader both go through it, so they
/// accept and convert exactly the same values.
#[derive(Clone, Copy)]
enum Leaf<'a> {
    Bool(bool),
    /// A number as written.
    Number(&'a str),
    String(&'a str),
    /// A native date (TOML), as YYYY-MM-DD.
    Date(&'a str),
    /// Null, a list or an object: never a scalar.
    Other,
}

impl<'a> Leaf<'a> {
    fn of(tree: &'a Tree) -> Leaf<'a> {
        match tree {
            Tree::Bool(b) => Leaf::Bool(*b),
            Tree::Number(n) => Leaf::Number(n),
            Tree::String(s) => Leaf::String(s),
            Tree::Date(d) => Leaf::Date(d),
            Tree::Null | Tree::Array(_) | Tree::Object(_) => Leaf::Other,
        }
    }
}

fn scalar(value: &Tree, ty: &Type) -> Result<Value, Mismatch> {
    scalar_of(Leaf::of(value), ty)
}

fn scalar_of(value: Leaf<'_>, ty: &Type) -> Result<Value, Mismatch> {
    match (ty, value) {
        (Type::Bool, Leaf::Bool(b)) => Ok(Value::Bool(b)),
        (Type::Int, Leaf::Number(n)) => match parse_decimal(n) {
            Some(d) if d.fract().is_zero() => Ok(Value::Number(d.normalize())),
            Some(_) => Err(Mismatch::Message(
                format!("expected a whole number, found `{n}`"),
                None,
            )),
            None => Err(too_large(n)),
        },
        (Type::Number, Leaf::Number(n)) => parse_decimal(n)
            .map(Value::Number)
            .ok_or_else(|| too_large(n)),
        (Type::Percent, Leaf::Number(n)) => {
            let d = parse_decimal(n).ok_or_else(|| too_large(n))?;
            if d < Decimal::ZERO || d > Decimal::ONE {
                return Err(Mismatch::Message(
                    format!("expected a percentage, found `{n}`: a bare number must lie between 0 and 1"),
                    Some(format!(r#"write "{n}%" for {n} percent, or {} as a fraction"#, fraction_hint(d))),
                ));
            }
            Ok(Value::Number(d))
        }
        (Type::Percent, Leaf::String(s)) => {
            let Some(number) = s.trim().strip_suffix('%') else {
                return Err(Mismatch::Message(
                    format!("expected a percentage, found `\"{s}\"`"),
                    Some(r#"write a percentage as "71%" or as a number from 0 to 1"#.into()),
                ));
            };
            let number = number.trim();
            let numeric = !number.is_empty()
                && number
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
                && number.bytes().filter(|b| *b == b'.').count() <= 1;
            if numeric && parse_decimal(number).is_none() {
                return Err(too_large(number));
            }
            let d = parse_decimal(number)
                .and_then(|d| d.checked_div(Decimal::ONE_HUNDRED))
                .ok_or_else(|| {
                    Mismatch::Message(
                        format!("expected a percentage, found `\"{s}\"`"),
                        Some(r#"write a percentage as "71%" or as a number from 0 to 1"#.into()),
                    )
                })?;
            if d < Decimal::ZERO || d > Decimal::ONE {
                return Err(Mismatch::Message(
                    format!("`{s}` is not a share: a percentage lies between 0% and 100%"),
                    None,
                ));
            }
            Ok(Value::Number(d))
        }
        (Type::Date, Leaf::String(d) | Leaf::Date(d)) => parse_date_text(d)
            .map(Value::Date)
            .map_err(|m| Mismatch::Message(m, Some("write a date as YYYY-MM-DD".into()))),
        (Type::Text, Leaf::String(s)) => Ok(Value::Text(s.to_owned())),
        (Type::Enum(members), Leaf::String(s)) => match members.iter().position(|m| m == s) {
            Some(i) => u16::try_from(i)
                .map(Value::Member)
                .map_err(|_| Mismatch::Type),
            None => Err(Mismatch::Message(
                format!("expected one of {}, found `\"{s}\"`", members.join(", ")),
                nearest(s, members.iter().map(String::as_str))
                    .map(|m| format!("did you mean `{m}`?")),
            )),
        },
        _ => Err(Mismatch::Type),
    }
}

fn fraction_hint(d: Decimal) -> String {
    d.checked_div(Decimal::ONE_HUNDRED)
        .map_or_else(|| "a number".to_string(), |f| f.normalize().to_string())
}

fn too_large(n: &str) -> Mismatch {
    let shown: String = n.chars().take(40).collect();
    Mismatch::Message(
        format!("the number `{shown}` is too large or too precise"),
        Some("numbers have at most 28 significant digits".into()),
    )
}
