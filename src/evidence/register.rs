//! The certifying body's register of exceptions (ontheffingen): which
//! location may leave which criterion out of the scoring, why, decided by
//! whom and when, and until when.
//!
//! **An exception is a decision of the certifying body, never a claim of
//! the school**: it comes from this register, which the host supplies
//! beside the evidence, and an `exceptions` key in an evidence file is an
//! error. One register covers a whole municipality; entries for
//! locations not evaluated are simply not used.

use jiff::civil::Date;
use serde::Serialize;

use super::tree::{self, Tree};
use super::{date_of_tree, problem, with_help, Evidence, EvidenceError, EvidenceProblem};
use crate::compile::Framework;
use crate::suggest::nearest;

/// An exception the certifying body granted one location for one
/// criterion: from `decided_on` through `valid_until` the criterion is
/// waived and leaves the scoring.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Exception {
    /// The id of the location it was granted to.
    pub location: String,
    /// The id of the waived criterion.
    pub criterion: String,
    /// Why it is waived.
    pub reason: String,
    /// Who granted the exception.
    pub granted_by: String,
    /// The day the certifying body decided it.
    pub decided_on: Date,
    /// The last day the exception holds.
    pub valid_until: Date,
}

impl Exception {
    /// Whether the exception holds on `as_of`: decided by then, and not
    /// yet ended.
    pub fn holds_on(&self, as_of: Date) -> bool {
        self.decided_on <= as_of && as_of <= self.valid_until
    }
}

/// The fields of an exception, in the order they are checked.
const FIELDS: [&str; 6] = [
    "location",
    "criterion",
    "reason",
    "granted_by",
    "decided_on",
    "valid_until",
];
const TEXTS: usize = 4;

/// A register of exceptions, read against the framework whose criteria it
/// waives.
///
/// ```
/// # use kader::{Evidence, Framework, Register, Stage, Status};
/// let framework = Framework::compile(r#"
///     framework demo "Demo" version "1"
///     evidence { routes.safe : bool "Veilige routes" }
///     theme omgeving "Omgeving" {
///       criterion O3 "Veilige schoolroutes" { owner gemeente require routes.safe }
///     }
/// "#)?;
/// let register = Register::from_toml(&framework, r#"
///     [[exceptions]]
///     location = "brin-12AB-01"
///     criterion = "O3"
///     reason = "De school ligt op een afgesloten terrein."
///     granted_by = "Certificeringscommissie Veilige School"
///     decided_on = 2026-06-01
///     valid_until = 2027-07-31
/// "#)?;
/// let evidence = Evidence::from_json(&framework, r#"{
///     "location": { "id": "brin-12AB-01" }, "as_of": "2026-11-30", "evidence": {}
/// }"#)?
/// .with_exceptions(&register);
/// let decision = framework.decide(&evidence, Stage::Intake);
/// assert_eq!(decision.criterion("O3").ok_or("no O3")?.status, Status::Waived);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Register {
    /// Sorted by location (stably: the register's order within one).
    exceptions: Vec<Exception>,
}

impl Register {
    /// A register without exceptions.
    pub fn new() -> Register {
        Register::default()
    }

    /// Reads a register from JSON: `{"exceptions": [ {...}, ... ]}`.
    pub fn from_json(framework: &Framework, text: &str) -> Result<Register, EvidenceError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let tree = tree::from_json(text).map_err(|problems| EvidenceError { problems })?;
        read(framework, &tree, &entry_lines_json(text))
    }

    /// Reads a register from TOML: one `[[exceptions]]` table per entry.
    pub fn from_toml(framework: &Framework, text: &str) -> Result<Register, EvidenceError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let tree = tree::from_toml(text).map_err(|p| EvidenceError { problems: vec![p] })?;
        read(framework, &tree, &entry_lines_toml(text))
    }

    /// Every exception, by location.
    pub fn exceptions(&self) -> &[Exception] {
        &self.exceptions
    }

    /// The exceptions of one location, in the register's order.
    pub fn for_location(&self, id: &str) -> &[Exception] {
        let start = self
            .exceptions
            .partition_point(|e| e.location.as_str() < id);
        let end = self
            .exceptions
            .partition_point(|e| e.location.as_str() <= id);
        self.exceptions.get(start..end).unwrap_or(&[])
    }
}

impl Evidence {
    /// The location's evidence with the exceptions the register grants it
    /// (none from the evidence file itself: see [`Register`]). An
    /// exception that does not hold on the as-of date is kept, with a
    /// warning, and waives nothing.
    pub fn with_exceptions(mut self, register: &Register) -> Evidence {
        self.exceptions = register.for_location(&self.location.id).to_vec();
        for e in &self.exceptions {
            let why = if self.as_of < e.decided_on {
                format!(
                    "was decided on {}, after the as-of date {}",
                    e.decided_on, self.as_of
                )
            } else if e.valid_until < self.as_of {
                format!(
                    "ended on {}, before the as-of date {}",
                    e.valid_until, self.as_of
                )
            } else {
                continue;
            };
            self.warnings.push(with_help(
                problem(
                    "exceptions",
                    format!(
                        "the exception for criterion `{}` {why}: `{}` is evaluated normally",
                        e.criterion, e.criterion
                    ),
                ),
                "ask the certifying body to renew the exception, or remove it from the register",
            ));
        }
        self
    }
}

/// The help for an `exceptions` key in an evidence file.
pub(crate) const NOT_IN_EVIDENCE: &str = "exceptions are decisions of the certifying body: they go in its register (`--exceptions FILE`), not in a school's evidence; see docs/evidence.md";

fn read(
    framework: &Framework,
    tree: &Tree,
    lines: &[(usize, usize)],
) -> Result<Register, EvidenceError> {
    let mut reader = Reader {
        framework,
        lines,
        errors: Vec::new(),
    };
    let mut exceptions = Vec::new();
    match tree {
        Tree::Object(top) => {
            for (key, value) in top {
                if key == "exceptions" {
                    exceptions = reader.list(value);
                } else {
                    let p = problem(
                        key,
                        format!("`{key}` is not part of a register of exceptions"),
                    );
                    reader.errors.push(with_help(
                        p,
                        "a register holds only `exceptions`: one entry per location and criterion",
                    ));
                }
            }
        }
        other => reader.errors.push(with_help(
            problem(
                "",
                format!("expected a register (an object), found {}", other.kind()),
            ),
            r#"write `{"exceptions": [ ... ]}` in JSON or `[[exceptions]]` tables in TOML"#,
        )),
    }
    if !reader.errors.is_empty() {
        return Err(EvidenceError {
            problems: reader.errors,
        });
    }
    exceptions.sort_by(|a: &Exception, b| a.location.cmp(&b.location));
    Ok(Register { exceptions })
}

struct Reader<'a> {
    framework: &'a Framework,
    /// Line and column of each entry, where the scan found them.
    lines: &'a [(usize, usize)],
    errors: Vec<EvidenceProblem>,
}

impl Reader<'_> {
    fn at(&self, mut p: EvidenceProblem, entry: usize) -> EvidenceProblem {
        if let Some(&(line, column)) = self.lines.get(entry) {
            p.line = Some(line);
            p.column = Some(column);
        }
        p
    }

    fn list(&mut self, value: &Tree) -> Vec<Exception> {
        let Tree::Array(items) = value else {
            self.errors.push(with_help(
                problem(
                    "exceptions",
                    format!("expected a list of exceptions, found {}", value.kind()),
                ),
                "write one `[[exceptions]]` table per exception (TOML), or a list of objects (JSON)",
            ));
            return Vec::new();
        };
        let mut out: Vec<(usize, Exception)> = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let Some(exception) = self.entry(i, item) else {
                continue;
            };
            let first = out.iter().find(|(_, e)| {
                e.location == exception.location && e.criterion == exception.criterion
            });
            if let Some((first, _)) = first {
                let where_first = match self.lines.get(*first) {
                    Some((line, _)) => format!("`exceptions[{first}]`, line {line}"),
                    None => format!("`exceptions[{first}]`"),
                };
                let p = problem(
                    &format!("exceptions[{i}]"),
                    format!(
                        "location `{}` has a second exception for criterion `{}` (the first is {where_first})",
                        exception.location, exception.criterion
                    ),
                );
                let p = with_help(
                    p,
                    "keep one decision per location and criterion: remove or merge the two",
                );
                self.errors.push(self.at(p, i));
                continue;
            }
            out.push((i, exception));
        }
        out.into_iter().map(|(_, e)| e).collect()
    }

    /// Reads entry `i`; `None` after an error.
    fn entry(&mut self, i: usize, item: &Tree) -> Option<Exception> {
        let at = format!("exceptions[{i}]");
        let Tree::Object(entries) = item else {
            let p = with_help(
                problem(&at, format!("expected an exception (an object), found {}", item.kind())),
                "an exception has `location`, `criterion`, `reason`, `granted_by`, `decided_on` and `valid_until`",
            );
            self.errors.push(self.at(p, i));
            return None;
        };
        let errors_before = self.errors.len();
        let mut texts: [Option<String>; TEXTS] = Default::default();
        let mut dates: [Option<Date>; 2] = [None, None];
        for (key, value) in entries {
            let path = format!("{at}.{key}");
            let Some(field) = FIELDS.iter().position(|f| f == key) else {
                let p = problem(&path, format!("`{key}` is not part of an exception"));
                let p = match nearest(key, FIELDS) {
                    Some(s) => with_help(p, format!("did you mean `{s}`?")),
                    None => with_help(p, "an exception has `location`, `criterion`, `reason`, `granted_by`, `decided_on` and `valid_until`"),
                };
                self.errors.push(self.at(p, i));
                continue;
            };
            if matches!(value, Tree::Null) {
                continue; // reported below as missing
            }
            if field >= TEXTS {
                match date_of_tree(value) {
                    Ok(d) => {
                        if let Some(slot) = dates.get_mut(field - TEXTS) {
                            *slot = Some(d);
                        }
                    }
                    Err(message) => {
                        let p = with_help(problem(&path, message), "write a date as YYYY-MM-DD");
                        self.errors.push(self.at(p, i));
                    }
                }
                continue;
            }
            match value {
                Tree::String(s) if !s.trim().is_empty() => {
                    if let Some(slot) = texts.get_mut(field) {
                        *slot = Some(s.clone());
                    }
                }
                Tree::Number(n) if key == "location" => {
                    if let Some(slot) = texts.get_mut(field) {
                        *slot = Some(n.clone());
                    }
                }
                Tree::String(_) => {
                    let p = with_help(
                        problem(&path, format!("the exception's `{key}` is empty")),
                        "every field of an exception must be filled in",
                    );
                    self.errors.push(self.at(p, i));
                }
                other => {
                    let p = problem(&path, format!("expected a text, found {}", other.kind()));
                    self.errors.push(self.at(p, i));
                }
            }
        }
        for (field, name) in FIELDS.iter().enumerate() {
            let path = format!("{at}.{name}");
            let present = match texts.get(field) {
                Some(text) => text.is_some(),
                None => dates.get(field - TEXTS).is_some_and(Option::is_some),
            };
            let reported = self
                .errors
                .iter()
                .skip(errors_before)
                .any(|e| e.path == path);
            if !present && !reported {
                let p = with_help(
                    problem(&path, format!("the exception has no `{name}`")),
                    match *name {
                        "location" => "name the id of the location, as in its evidence file",
                        "criterion" => "name the id of the waived criterion, such as \"O3\"",
                        "reason" => "write why the certifying body granted the exception",
                        "granted_by" => "name who granted the exception",
                        "decided_on" => "write the day the certifying body decided, as YYYY-MM-DD",
                        _ => "write the last day the exception holds, as YYYY-MM-DD",
                    },
                );
                self.errors.push(self.at(p, i));
            }
        }
        let [Some(location), Some(criterion), Some(reason), Some(granted_by)] = texts else {
            return None;
        };
        let [Some(decided_on), Some(valid_until)] = dates else {
            return None;
        };
        if valid_until < decided_on {
            let p = with_help(
                problem(
                    &format!("{at}.valid_until"),
                    format!("the exception ends on {valid_until}, before it was decided on {decided_on}"),
                ),
                "check both dates: `decided_on` comes first",
            );
            self.errors.push(self.at(p, i));
        }
        self.waivable(i, &format!("{at}.criterion"), &criterion);
        (self.errors.len() == errors_before).then_some(Exception {
            location,
            criterion,
            reason,
            granted_by,
            decided_on,
            valid_until,
        })
    }

    /// Whether the framework has criterion `id` and allows waiving it; an
    /// error when not.
    fn waivable(&mut self, entry: usize, path: &str, id: &str) {
        let Some(compiled) = self.framework.criteria.iter().find(|c| c.id == id) else {
            let ids = self.framework.criteria.iter().map(|c| c.id.as_str());
            let p = problem(path, format!("the framework has no criterion `{id}`"));
            let p = match nearest(id, ids) {
                Some(s) => with_help(p, format!("did you mean `{s}`?")),
                None => with_help(p, "name a criterion of the framework by its id"),
            };
            self.errors.push(self.at(p, entry));
            return;
        };
        if let Some(legal) = &compiled.legal {
            let p = with_help(
                problem(
                    path,
                    format!("criterion `{id}` has a legal basis ({legal}) and cannot be waived"),
                ),
                "a legal obligation holds for every school: remove this exception",
            );
            self.errors.push(self.at(p, entry));
        }
    }
}

/// Line and column of each `[[exceptions]]` header, in order.
fn entry_lines_toml(text: &str) -> Vec<(usize, usize)> {
    text.lines()
        .enumerate()
        .filter_map(|(n, line)| {
            let trimmed = line.trim_start();
            let header = trimmed.strip_prefix("[[")?.trim_start();
            let name = header.split("]]").next()?.trim();
            (name == "exceptions").then_some((n + 1, line.len() - trimmed.len() + 1))
        })
        .collect()
}

/// Line and column of each object in the top-level `exceptions` list, in
/// order, found by one pass over the text that skips strings.
fn entry_lines_json(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let (mut line, mut column) = (1usize, 0usize);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut string = String::new();
    let mut last_key = String::new();
    let mut in_list = false;
    for c in text.chars() {
        column += 1;
        if c == '\n' {
            line += 1;
            column = 0;
        }
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            } else if depth == 1 {
                string.push(c);
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                string.clear();
            }
            ':' if depth == 1 => last_key = std::mem::take(&mut string),
            '{' | '[' => {
                if c == '[' && depth == 1 && last_key == "exceptions" {
                    in_list = true;
                } else if c == '{' && depth == 2 && in_list {
                    out.push((line, column));
                }
                depth += 1;
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                if depth == 1 {
                    in_list = false;
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_found_on_their_lines() {
        let json = "{\n  \"exceptions\": [\n    {\"reason\": \"a { b\"},\n    {}\n  ]\n}";
        assert_eq!(entry_lines_json(json), [(3, 5), (4, 5)]);
        let toml = "# register\n[[exceptions]]\nlocation = \"a\"\n\n  [[ exceptions ]]\n";
        assert_eq!(entry_lines_toml(toml), [(2, 1), (5, 3)]);
    }
}
