//! One neutral tree for every evidence format, so that JSON and TOML are
//! loaded, checked and reported by the same code.

use super::EvidenceProblem;

/// A parsed evidence document; numbers keep the text they were written as.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Tree {
    Null,
    Bool(bool),
    /// The number as written, so that `0.7` stays exactly 0.7.
    Number(String),
    String(String),
    /// A native date (TOML has them), as YYYY-MM-DD.
    Date(String),
    Array(Vec<Tree>),
    Object(Vec<(String, Tree)>),
}

impl Tree {
    /// What kind of value this is, in words.
    pub(super) fn kind(&self) -> String {
        match self {
            Tree::Null => "null".into(),
            Tree::Bool(b) => format!("`{b}`"),
            Tree::Number(n) => format!("the number `{}`", clip(n)),
            Tree::String(s) => format!("the text `\"{}\"`", clip(s)),
            Tree::Date(d) => format!("the date `{d}`"),
            Tree::Array(_) => "a list".into(),
            Tree::Object(_) => "an object".into(),
        }
    }

    /// The value as shown in an error: its text where it is short.
    pub(super) fn shown(&self) -> String {
        self.kind()
    }
}

fn clip(s: &str) -> String {
    if s.chars().count() > 40 {
        let head: String = s.chars().take(40).collect();
        format!("{head}…")
    } else {
        s.to_string()
    }
}

pub(super) fn from_json(text: &str) -> Result<Tree, EvidenceProblem> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| EvidenceProblem {
        path: String::new(),
        message: format!("this is not valid JSON: {}", strip_position(&e.to_string())),
        help: None,
        line: Some(e.line()),
        column: Some(e.column()),
    })?;
    Ok(json(value))
}

/// serde_json appends " at line L column C"; kader reports those separately.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message.get(..i).unwrap_or(message).to_string(),
        None => message.to_string(),
    }
}

fn json(value: serde_json::Value) -> Tree {
    match value {
        serde_json::Value::Null => Tree::Null,
        serde_json::Value::Bool(b) => Tree::Bool(b),
        serde_json::Value::Number(n) => Tree::Number(n.to_string()),
        serde_json::Value::String(s) => Tree::String(s),
        serde_json::Value::Array(items) => Tree::Array(items.into_iter().map(json).collect()),
        serde_json::Value::Object(map) => {
            Tree::Object(map.into_iter().map(|(k, v)| (k, json(v))).collect())
        }
    }
}

pub(super) fn from_toml(text: &str) -> Result<Tree, EvidenceProblem> {
    let table: toml::Table = toml::from_str(text).map_err(|e| {
        let (line, column) = match e.span() {
            Some(span) => {
                let (l, c) = crate::diagnostic::line_col(text, span.start);
                (Some(l), Some(c))
            }
            None => (None, None),
        };
        EvidenceProblem {
            path: String::new(),
            message: format!("this is not valid TOML: {}", e.message()),
            help: None,
            line,
            column,
        }
    })?;
    toml_table(table)
}

fn toml_table(table: toml::Table) -> Result<Tree, EvidenceProblem> {
    let mut entries = Vec::with_capacity(table.len());
    for (k, v) in table {
        entries.push((k.clone(), toml_value(v, &k)?));
    }
    Ok(Tree::Object(entries))
}

fn toml_value(value: toml::Value, path: &str) -> Result<Tree, EvidenceProblem> {
    Ok(match value {
        toml::Value::String(s) => Tree::String(s),
        toml::Value::Integer(i) => Tree::Number(i.to_string()),
        // TOML floats are binary; their shortest form is the number as written
        // for every value with at most 15 significant digits.
        toml::Value::Float(f) => Tree::Number(format!("{f:?}")),
        toml::Value::Boolean(b) => Tree::Bool(b),
        toml::Value::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
            (Some(d), None, None) => {
                Tree::Date(format!("{:04}-{:02}-{:02}", d.year, d.month, d.day))
            }
            _ => {
                return Err(EvidenceProblem {
                    path: path.to_string(),
                    message: format!("expected a date without a time, found `{dt}`"),
                    help: Some("write a date as YYYY-MM-DD".into()),
                    line: None,
                    column: None,
                })
            }
        },
        toml::Value::Array(items) => Tree::Array(
            items
                .into_iter()
                .enumerate()
                .map(|(i, v)| toml_value(v, &format!("{path}[{i}]")))
                .collect::<Result<_, _>>()?,
        ),
        toml::Value::Table(t) => {
            let mut entries = Vec::with_capacity(t.len());
            for (k, v) in t {
                let inner = format!("{path}.{k}");
                entries.push((k, toml_value(v, &inner)?));
            }
            Tree::Object(entries)
        }
    })
}
