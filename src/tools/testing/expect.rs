//! Expectation files (`<sample>.expect.toml`): what a sample location must
//! come out as. Read with serde at the boundary (`deny_unknown_fields`, so a
//! misspelled key is an error, not an expectation silently left out), then
//! checked against the framework so that a criterion, theme or evidence path
//! it names must exist.

use std::collections::BTreeMap;
use std::fmt;

use jiff::civil::Date;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use toml::Spanned;

use crate::compile::Framework;
use crate::outcome::{GapKind, Status, Verdict};
use crate::suggest::nearest;

/// What one sample location must come out as, read from its expectation
/// file. See `docs/testing.md` for the format.
#[derive(Clone, Debug, PartialEq)]
pub struct Expectation {
    pub(crate) file: String,
    pub(crate) verdict: Verdict,
    pub(crate) valid_until: Option<Date>,
    pub(crate) themes: Vec<ThemeExpectation>,
    pub(crate) criteria: Vec<CriterionExpectation>,
    pub(crate) other_criteria: Option<Status>,
    pub(crate) gaps: Vec<GapExpectation>,
    pub(crate) no_gaps: Vec<GapExpectation>,
}

/// The status one theme must get.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ThemeExpectation {
    pub id: String,
    pub status: Status,
    pub line: usize,
}

/// The status (and for a graded criterion the level) one criterion must get.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct CriterionExpectation {
    pub id: String,
    pub status: Status,
    pub level: Option<u64>,
    pub line: usize,
}

/// A gap that must (`[[gap]]`) or must not (`[[no_gap]]`) be reported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct GapExpectation {
    pub criterion: String,
    pub evidence: Option<String>,
    /// A piece of the message, compared without regard to case.
    pub message: Option<String>,
    pub kind: Option<GapKind>,
    pub line: usize,
}

impl GapExpectation {
    /// Whether a reported gap is the one described.
    pub(crate) fn matches(&self, gap: &crate::outcome::Gap) -> bool {
        self.evidence
            .as_ref()
            .is_none_or(|path| gap.evidence.iter().any(|p| p == path))
            && self
                .message
                .as_ref()
                .is_none_or(|piece| gap.message.to_lowercase().contains(&piece.to_lowercase()))
            && self.kind.is_none_or(|kind| gap.kind == kind)
    }

    /// The gap described in words: `Z1 gap at meldcode.afwegingskader`.
    pub(crate) fn describe(&self) -> String {
        let mut text = format!("{} gap", self.criterion);
        if let Some(kind) = self.kind {
            text.push_str(&format!(" ({})", kind_name(kind)));
        }
        if let Some(path) = &self.evidence {
            text.push_str(&format!(" at {path}"));
        }
        if let Some(piece) = &self.message {
            text.push_str(&format!(" with message containing \"{piece}\""));
        }
        text
    }
}

pub(crate) fn kind_name(kind: GapKind) -> &'static str {
    match kind {
        GapKind::Failed => "failed",
        GapKind::Missing => "missing",
        GapKind::Applicability => "applicability",
        GapKind::Unverified => "unverified",
    }
}

/// A problem in an expectation file: where it is and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ExpectationProblem {
    /// The expectation file.
    pub file: String,
    /// 1-based line, when the problem has a place.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// 1-based column, when the problem has a place.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// The key concerned, dotted (`themes.beleid`, `gap[2].criterion`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl fmt::Display for ExpectationProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": ")?;
        if let Some(key) = &self.key {
            write!(f, "`{key}`: ")?;
        }
        write!(f, "{}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, " ({help})")?;
        }
        Ok(())
    }
}

/// Every problem found in one expectation file.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
pub struct ExpectationError {
    /// The problems, in the order of the file.
    pub problems: Vec<ExpectationProblem>,
}

// ---------------------------------------------------------------------------
// The file as written.

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExpectation {
    verdict: VerdictName,
    valid_until: Option<Spanned<RawDate>>,
    other_criteria: Option<StatusName>,
    #[serde(default)]
    themes: BTreeMap<Spanned<String>, StatusName>,
    #[serde(default)]
    criteria: BTreeMap<Spanned<String>, Spanned<RawCriterion>>,
    #[serde(default)]
    gap: Vec<Spanned<RawGap>>,
    #[serde(default)]
    no_gap: Vec<Spanned<RawGap>>,
}

#[derive(Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
enum VerdictName {
    Certified,
    NotCertified,
    InsufficientEvidence,
}

#[derive(Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
enum StatusName {
    Pass,
    Fail,
    Unknown,
    NotApplicable,
    Waived,
}

impl From<StatusName> for Status {
    fn from(s: StatusName) -> Status {
        match s {
            StatusName::Pass => Status::Pass,
            StatusName::Fail => Status::Fail,
            StatusName::Unknown => Status::Unknown,
            StatusName::NotApplicable => Status::NotApplicable,
            StatusName::Waived => Status::Waived,
        }
    }
}

#[derive(Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
enum KindName {
    Failed,
    Missing,
    Applicability,
    Unverified,
}

/// A date as a TOML date (`2029-11-30`) or as text (`"2029-11-30"`).
#[derive(Deserialize)]
#[serde(untagged, expecting = "a date such as 2029-11-30")]
enum RawDate {
    Toml(toml::value::Datetime),
    Text(String),
}

/// `"pass"`, or `{ status = "pass", level = 2 }`.
struct RawCriterion {
    status: StatusName,
    level: Option<u64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCriterionTable {
    status: StatusName,
    level: Option<u64>,
}

impl<'de> Deserialize<'de> for RawCriterion {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CriterionVisitor;
        impl<'de> Visitor<'de> for CriterionVisitor {
            type Value = RawCriterion;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(r#"a status such as "pass", or { status = "pass", level = 2 }"#)
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawCriterion, E> {
                let status = StatusName::deserialize(de::value::StrDeserializer::<E>::new(v))?;
                Ok(RawCriterion {
                    status,
                    level: None,
                })
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawCriterion, A::Error> {
                let table =
                    RawCriterionTable::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(RawCriterion {
                    status: table.status,
                    level: table.level,
                })
            }
        }
        deserializer.deserialize_any(CriterionVisitor)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGap {
    criterion: String,
    evidence: Option<String>,
    message: Option<String>,
    kind: Option<KindName>,
}

// ---------------------------------------------------------------------------

impl Expectation {
    /// Reads an expectation file. `file` names it in problems.
    pub fn from_toml(file: &str, text: &str) -> Result<Expectation, ExpectationError> {
        let raw: RawExpectation = toml::from_str(text).map_err(|e| ExpectationError {
            problems: vec![serde_problem(file, text, &e)],
        })?;
        let at = |span: std::ops::Range<usize>| crate::diagnostic::line_col(text, span.start);
        let mut problems = Vec::new();
        let valid_until = match raw.valid_until {
            None => None,
            Some(spanned) => {
                let (line, column) = at(spanned.span());
                let text = match spanned.get_ref() {
                    RawDate::Toml(d) => d.to_string(),
                    RawDate::Text(t) => t.clone(),
                };
                match text.parse::<Date>() {
                    Ok(date) if text.len() == 10 => Some(date),
                    _ => {
                        problems.push(ExpectationProblem {
                            file: file.to_string(),
                            line: Some(line),
                            column: Some(column),
                            key: Some("valid_until".to_string()),
                            message: format!("`{text}` is not a date"),
                            help: Some("write a date such as 2029-11-30".to_string()),
                        });
                        None
                    }
                }
            }
        };
        let mut themes: Vec<ThemeExpectation> = raw
            .themes
            .into_iter()
            .map(|(id, status)| ThemeExpectation {
                line: at(id.span()).0,
                id: id.into_inner(),
                status: status.into(),
            })
            .collect();
        themes.sort_by_key(|t| t.line);
        let mut criteria: Vec<CriterionExpectation> = raw
            .criteria
            .into_iter()
            .map(|(id, c)| {
                let line = at(id.span()).0;
                let c = c.into_inner();
                CriterionExpectation {
                    id: id.into_inner(),
                    status: c.status.into(),
                    level: c.level,
                    line,
                }
            })
            .collect();
        criteria.sort_by_key(|c| c.line);
        let gaps = |list: Vec<Spanned<RawGap>>| -> Vec<GapExpectation> {
            list.into_iter()
                .map(|g| {
                    let line = at(g.span()).0;
                    let g = g.into_inner();
                    GapExpectation {
                        criterion: g.criterion,
                        evidence: g.evidence,
                        message: g.message,
                        kind: g.kind.map(|k| match k {
                            KindName::Failed => GapKind::Failed,
                            KindName::Missing => GapKind::Missing,
                            KindName::Applicability => GapKind::Applicability,
                            KindName::Unverified => GapKind::Unverified,
                        }),
                        line,
                    }
                })
                .collect()
        };
        let expectation = Expectation {
            file: file.to_string(),
            verdict: match raw.verdict {
                VerdictName::Certified => Verdict::Certified,
                VerdictName::NotCertified => Verdict::NotCertified,
                VerdictName::InsufficientEvidence => Verdict::InsufficientEvidence,
            },
            valid_until,
            themes,
            criteria,
            other_criteria: raw.other_criteria.map(Status::from),
            gaps: gaps(raw.gap),
            no_gaps: gaps(raw.no_gap),
        };
        if problems.is_empty() {
            Ok(expectation)
        } else {
            Err(ExpectationError { problems })
        }
    }

    /// The file it was read from.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// Checks that everything the expectation names exists in the
    /// framework: every theme, criterion and evidence path, and levels only
    /// for graded criteria. Returns every problem found.
    pub(crate) fn check(&self, framework: &Framework) -> Vec<ExpectationProblem> {
        let mut problems = Vec::new();
        let problem = |line: Option<usize>, key: String, message: String, help: Option<String>| {
            ExpectationProblem {
                file: self.file.clone(),
                line,
                column: None,
                key: Some(key),
                message,
                help,
            }
        };
        let theme_ids: Vec<&str> = framework.themes.iter().map(|t| t.id.as_str()).collect();
        for t in &self.themes {
            if matches!(t.status, Status::NotApplicable | Status::Waived) {
                problems.push(problem(
                    Some(t.line),
                    format!("themes.{}", t.id),
                    format!("a theme is never `{}`", t.status.as_str()),
                    Some("write `pass`, `fail` or `unknown`".to_string()),
                ));
            }
            if !theme_ids.contains(&t.id.as_str()) {
                problems.push(problem(
                    Some(t.line),
                    format!("themes.{}", t.id),
                    format!("the framework has no theme `{}`", t.id),
                    Some(did_you_mean(&t.id, &theme_ids, "themes")),
                ));
            }
        }
        let criterion_ids: Vec<&str> = framework.criteria.iter().map(|c| c.id.as_str()).collect();
        for c in &self.criteria {
            let key = format!("criteria.{}", c.id);
            let Some(compiled) = framework.criteria.iter().find(|fc| fc.id == c.id) else {
                problems.push(problem(
                    Some(c.line),
                    key,
                    format!("the framework has no criterion `{}`", c.id),
                    Some(did_you_mean(&c.id, &criterion_ids, "criteria")),
                ));
                continue;
            };
            let Some(level) = c.level else { continue };
            match &compiled.score {
                None => problems.push(problem(
                    Some(c.line),
                    key,
                    format!("criterion `{}` is not graded, so it has no level", c.id),
                    Some("leave out `level`".to_string()),
                )),
                Some(score) if level > score.max => problems.push(problem(
                    Some(c.line),
                    key,
                    format!(
                        "criterion `{}` has levels up to {}, not {level}",
                        c.id, score.max
                    ),
                    Some(format!("write a level from 0 to {}", score.max)),
                )),
                Some(_)
                    if matches!(
                        c.status,
                        Status::Unknown | Status::NotApplicable | Status::Waived
                    ) =>
                {
                    problems.push(problem(
                        Some(c.line),
                        key,
                        format!("a criterion that is `{}` has no level", c.status.as_str()),
                        Some("leave out `level`, or expect `pass` or `fail`".to_string()),
                    ));
                }
                Some(_) => {}
            }
        }
        let paths: Vec<&str> = framework.slots.iter().map(|s| s.path.as_str()).collect();
        for (table, list) in [("gap", &self.gaps), ("no_gap", &self.no_gaps)] {
            for (i, g) in list.iter().enumerate() {
                if !criterion_ids.contains(&g.criterion.as_str()) {
                    problems.push(problem(
                        Some(g.line),
                        format!("{table}[{}].criterion", i + 1),
                        format!("the framework has no criterion `{}`", g.criterion),
                        Some(did_you_mean(&g.criterion, &criterion_ids, "criteria")),
                    ));
                }
                if let Some(path) = &g.evidence {
                    if !paths.contains(&path.as_str()) {
                        problems.push(problem(
                            Some(g.line),
                            format!("{table}[{}].evidence", i + 1),
                            format!("the framework declares no evidence `{path}`"),
                            Some(match nearest(path, paths.iter().copied()) {
                                Some(near) => format!("did you mean `{near}`?"),
                                None => "write a path from the framework's `evidence` section"
                                    .to_string(),
                            }),
                        ));
                    }
                }
            }
        }
        problems
    }
}

fn did_you_mean(word: &str, known: &[&str], what: &str) -> String {
    match nearest(word, known.iter().copied()) {
        Some(near) => format!("did you mean `{near}`?"),
        None => format!("the {what} are {}", list(known)),
    }
}

fn list(items: &[&str]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A serde or syntax error, in the words of `docs/testing.md`, with the key
/// it is about.
fn serde_problem(file: &str, text: &str, error: &toml::de::Error) -> ExpectationProblem {
    let (line, column) = match error.span() {
        Some(span) => {
            let (l, c) = crate::diagnostic::line_col(text, span.start);
            (Some(l), Some(c))
        }
        None => (None, None),
    };
    if toml::de::DeTable::parse(text).is_err() {
        return ExpectationProblem {
            file: file.to_string(),
            line,
            column,
            key: None,
            message: format!("this is not valid TOML: {}", error.message()),
            help: Some("see docs/testing.md for an example expectation file".to_string()),
        };
    }
    let key = error.span().and_then(|span| key_at(text, span.start));
    let (message, help) = reword(error.message());
    ExpectationProblem {
        file: file.to_string(),
        line,
        column,
        key,
        message,
        help,
    }
}

/// serde's words → kader's: lowercase, input in backticks, a help.
fn reword(raw: &str) -> (String, Option<String>) {
    let quoted = |s: &str| -> Vec<String> {
        s.split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    };
    let allowed = |rest: &str, found: &str| -> Option<String> {
        let options = quoted(rest);
        let near = nearest(found, options.iter().map(String::as_str));
        let options = options
            .iter()
            .map(|o| format!("`{o}`"))
            .collect::<Vec<_>>()
            .join(", ");
        Some(match near {
            Some(near) => format!("did you mean `{near}`? allowed here: {options}"),
            None => format!("allowed here: {options}"),
        })
    };
    if let Some(rest) = raw.strip_prefix("unknown field `") {
        if let Some((name, rest)) = rest.split_once('`') {
            return (
                format!("unknown key `{name}`"),
                allowed(rest, name).or(Some("remove it".to_string())),
            );
        }
    }
    if let Some(rest) = raw.strip_prefix("unknown variant `") {
        if let Some((name, rest)) = rest.split_once('`') {
            return (format!("`{name}` is not allowed here"), allowed(rest, name));
        }
    }
    if let Some(rest) = raw.strip_prefix("missing field `") {
        if let Some((name, _)) = rest.split_once('`') {
            return (
                format!("the key `{name}` is missing"),
                Some(format!("add `{name} = ...`; see docs/testing.md")),
            );
        }
    }
    // Type errors: serde names Rust's types; say what to write instead.
    let mut message = raw.trim_end_matches('.').to_string();
    for (rust, words) in [
        ("invalid type: ", "wrong kind of value: "),
        ("expected u64", "expected a whole number"),
        ("expected a map", "expected a table"),
        ("expected a sequence", "expected a list of tables"),
    ] {
        message = message.replace(rust, words);
    }
    (
        message,
        Some("see docs/testing.md for what each key takes".to_string()),
    )
}

/// The dotted key whose key or value holds `offset`: `themes.beleid`,
/// `criteria.C4.level`, `gap[2].criterion`.
fn key_at(text: &str, offset: usize) -> Option<String> {
    let document = toml::de::DeTable::parse(text).ok()?;
    let mut path = Vec::new();
    find_in_table(document.get_ref(), offset, &mut path);
    if path.is_empty() {
        None
    } else {
        Some(path.join("").trim_start_matches('.').to_string())
    }
}

fn find_in_table(table: &toml::de::DeTable<'_>, offset: usize, path: &mut Vec<String>) {
    for (key, value) in table {
        if key.span().contains(&offset) {
            path.push(format!(".{}", key.get_ref()));
            return;
        }
        if value.span().contains(&offset) || value_contains(value.get_ref(), offset) {
            path.push(format!(".{}", key.get_ref()));
            find_in_value(value.get_ref(), offset, path);
            return;
        }
    }
}

fn find_in_value(value: &toml::de::DeValue<'_>, offset: usize, path: &mut Vec<String>) {
    match value {
        toml::de::DeValue::Table(t) => find_in_table(t, offset, path),
        toml::de::DeValue::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                if item.span().contains(&offset) || value_contains(item.get_ref(), offset) {
                    path.push(format!("[{}]", i + 1));
                    find_in_value(item.get_ref(), offset, path);
                    return;
                }
            }
        }
        _ => {}
    }
}

/// Whether any key or value inside a table or array holds `offset` (the
/// spans of `[[gap]]` tables do not cover their keys).
fn value_contains(value: &toml::de::DeValue<'_>, offset: usize) -> bool {
    match value {
        toml::de::DeValue::Table(t) => t.iter().any(|(k, v)| {
            k.span().contains(&offset)
                || v.span().contains(&offset)
                || value_contains(v.get_ref(), offset)
        }),
        toml::de::DeValue::Array(items) => items
            .iter()
            .any(|i| i.span().contains(&offset) || value_contains(i.get_ref(), offset)),
        _ => false,
    }
}
