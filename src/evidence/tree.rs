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

pub(super) fn from_json(text: &str) -> Result<Tree, Vec<EvidenceProblem>> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        vec![EvidenceProblem {
            path: String::new(),
            message: format!("this is not valid JSON: {}", strip_position(&e.to_string())),
            help: None,
            line: Some(e.line()),
            column: Some(e.column()),
        }]
    })?;
    // `serde_json::Value` keeps only the last of two equal keys in an
    // object; find them in a second pass, so that nothing is lost unseen.
    let duplicates = duplicate_keys(text);
    if !duplicates.is_empty() {
        return Err(duplicates.iter().map(|d| duplicate_problem(d)).collect());
    }
    Ok(json(value))
}

/// Every key that occurs twice in one object of `text` (valid JSON), as the
/// path to it: object keys, and `[i]` for list items.
pub(crate) fn duplicate_keys(text: &str) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let mut de = serde_json::Deserializer::from_str(text);
    let walk = Duplicates {
        segments: Vec::new(),
        found: &mut found,
    };
    // The text parsed once already; a walk that fails finds nothing more.
    let _ = serde::de::DeserializeSeed::deserialize(walk, &mut de);
    found
}

/// The problem a key given twice is, at its path (see [`duplicate_keys`]).
pub(crate) fn duplicate_problem(segments: &[String]) -> EvidenceProblem {
    let key = segments.last().map_or("", String::as_str);
    EvidenceProblem {
        path: join_path(segments),
        message: format!("`{key}` occurs twice in the same object"),
        help: Some("give each key once: merge the two into one".into()),
        line: None,
        column: None,
    }
}

/// A path as kader writes it: `monitor.last_run`, `drills[1]`.
pub(crate) fn join_path(segments: &[String]) -> String {
    let mut path = String::new();
    for segment in segments {
        if !path.is_empty() && !segment.starts_with('[') {
            path.push('.');
        }
        path.push_str(segment);
    }
    path
}

/// Walks a JSON document, noting keys that occur twice in one object.
struct Duplicates<'a> {
    segments: Vec<String>,
    found: &'a mut Vec<Vec<String>>,
}

impl Duplicates<'_> {
    fn child(&mut self, segment: String) -> Duplicates<'_> {
        let mut segments = self.segments.clone();
        segments.push(segment);
        Duplicates {
            segments,
            found: &mut *self.found,
        }
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for Duplicates<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Duplicates<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0usize;
        while seq
            .next_element_seed(self.child(format!("[{i}]")))?
            .is_some()
        {
            i += 1;
        }
        Ok(())
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        let mut seen = std::collections::BTreeSet::new();
        while let Some(key) = map.next_key::<String>()? {
            map.next_value_seed(self.child(key.clone()))?;
            if !seen.insert(key.clone()) {
                let mut segments = self.segments.clone();
                segments.push(key);
                self.found.push(segments);
            }
        }
        Ok(())
    }
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
    // The document tree rather than `toml::Table`: it keeps each number as
    // written, where `toml::Value` has already rounded a float to binary
    // (`0.69999999999999999999` would become 0.7 and pass a `>= 70%`).
    let table = toml::de::DeTable::parse(text).map_err(|e| {
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
    toml_table(table.into_inner(), "")
}

fn toml_table(table: toml::de::DeTable<'_>, path: &str) -> Result<Tree, EvidenceProblem> {
    let mut entries = Vec::with_capacity(table.len());
    for (k, v) in table {
        let k = k.into_inner().into_owned();
        let inner = if path.is_empty() {
            k.clone()
        } else {
            format!("{path}.{k}")
        };
        let value = toml_value(v.into_inner(), &inner)?;
        entries.push((k, value));
    }
    Ok(Tree::Object(entries))
}

fn toml_value(value: toml::de::DeValue<'_>, path: &str) -> Result<Tree, EvidenceProblem> {
    use toml::de::DeValue;
    Ok(match value {
        DeValue::String(s) => Tree::String(s.into_owned()),
        DeValue::Integer(i) => Tree::Number(match i.radix() {
            10 => i.as_str().to_string(),
            radix => i128::from_str_radix(i.as_str(), radix)
                .map_or_else(|_| i.to_string(), |n| n.to_string()),
        }),
        // The float as written (without `_` separators), kept exact.
        DeValue::Float(f) => Tree::Number(f.as_str().to_string()),
        DeValue::Boolean(b) => Tree::Bool(b),
        DeValue::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
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
        DeValue::Array(items) => Tree::Array(
            items
                .into_iter()
                .enumerate()
                .map(|(i, v)| toml_value(v.into_inner(), &format!("{path}[{i}]")))
                .collect::<Result<_, _>>()?,
        ),
        DeValue::Table(t) => toml_table(t, path)?,
    })
}
