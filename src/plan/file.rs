//! The plan file (`verbeterplan.toml`): the improvement plan as a document
//! a person keeps, and kader brings up to date with newer evidence.
//!
//! ```toml
//! # (how to edit the file, in the framework's language)
//!
//! location = "12AB-01"
//! framework = { id = "basiskader", version = "2025.1" }
//! updated = 2025-06-02
//!
//! [[item]]
//! criterion = "F4"
//! title = "Ontruimingsoefening"
//! owner = "school"
//! contact = "J. de Vries"
//! action = "Houd twee keer per jaar een ontruimingsoefening."
//! due = 2025-09-01
//! status = "bezig"   # open, bezig, gereed or vervallen
//! notes = "Eerste oefening staat gepland."
//! ```
//!
//! **A person's edits are never lost.** [`update`] is a pure function of
//! the file's text and an outcome: it edits the document in place with
//! `toml_edit`, so comments, key order and layout stay as they were, and it
//! writes no field a person owns on an item that is already there. What
//! it changes, and only then:
//!
//! - `updated` and `framework`: the as-of date and the framework of the
//!   evidence it was brought up to date with;
//! - an `open` or `bezig` item whose criterion now passes (and is not in the
//!   plan any more, as a graded criterion below the level needed is) becomes
//!   `gereed`, with `gereed_op` = the evidence's as-of date;
//! - an item kader closed itself (`gereed` with `gereed_op`) whose
//!   criterion is open again is reopened: `open`, `gereed_op` taken out,
//!   `heropend_op` = the as-of date. A `gereed` a person wrote without
//!   `gereed_op` stays: the evidence may follow at the next assessment;
//! - `vervallen` is a person's choice and is kept whatever the evidence says;
//! - an item whose criterion is no longer in the framework is kept and
//!   marked `in_framework = false` (the mark goes when it is back);
//! - a criterion in the plan without an item gets a new item, at the end,
//!   in plan order; a person may split a criterion over several items.
//!
//! Items are never deleted or reordered, so running it twice with the same
//! evidence changes nothing the second time.

use jiff::civil::Date;
use serde::Serialize;
use toml_edit::{ArrayOfTables, Document, DocumentMut, Item, Table, Value};

use super::ImprovementPlan;
use crate::outcome::{Outcome, Status};
use crate::terms::Language;
use crate::words::{fill, words};

/// Where an item stands, as a person says it in the plan file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemStatus {
    /// Not started.
    Open,
    /// Under way.
    Bezig,
    /// Done.
    Gereed,
    /// No longer needed, by a person's choice.
    Vervallen,
}

impl ItemStatus {
    /// Every status, as written in the file.
    pub const ALL: [ItemStatus; 4] = [
        ItemStatus::Open,
        ItemStatus::Bezig,
        ItemStatus::Gereed,
        ItemStatus::Vervallen,
    ];

    /// The status as written in the file (always Dutch).
    pub fn as_str(self) -> &'static str {
        match self {
            ItemStatus::Open => "open",
            ItemStatus::Bezig => "bezig",
            ItemStatus::Gereed => "gereed",
            ItemStatus::Vervallen => "vervallen",
        }
    }

    /// The status a word of the file stands for.
    pub fn parse(word: &str) -> Option<ItemStatus> {
        ItemStatus::ALL.into_iter().find(|s| s.as_str() == word)
    }

    /// Whether work is still to be done: `open` or `bezig`.
    pub fn is_active(self) -> bool {
        matches!(self, ItemStatus::Open | ItemStatus::Bezig)
    }
}

/// One item of a plan file, as read.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlanEntry {
    /// The criterion it is about.
    pub criterion: String,
    /// The criterion's title, as written when the item was added.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Whose move it is, as agreed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// The contact person agreed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    /// What is to be done.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    /// The date agreed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
    /// Where it stands.
    pub status: ItemStatus,
    /// A person's notes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// The as-of date of the evidence on which kader found it done.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gereed_op: Option<Date>,
    /// The as-of date of the evidence on which kader reopened it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heropend_op: Option<Date>,
    /// Whether its criterion is in the framework (as of the last update).
    pub in_framework: bool,
    /// Its line in the file (1-based); not part of the JSON.
    #[serde(skip)]
    pub line: usize,
}

impl PlanEntry {
    /// Whether it is past its due date on `as_of` and still to be done.
    pub fn is_overdue(&self, as_of: Date) -> bool {
        self.status.is_active() && self.due.is_some_and(|due| due < as_of)
    }
}

/// The framework a plan file was last brought up to date with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PlanFramework {
    /// Its id.
    pub id: String,
    /// Its version.
    pub version: String,
}

/// A plan file, as read.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlanFile {
    /// The location's id.
    pub location: String,
    /// The framework it was last brought up to date with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub framework: Option<PlanFramework>,
    /// The as-of date of the evidence it was last brought up to date with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated: Option<Date>,
    /// The items, in the file's order.
    pub items: Vec<PlanEntry>,
}

/// A plan file that cannot be read: what is wrong, and where.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{line}:{column}: {message}")]
pub struct PlanFileError {
    /// The line (1-based).
    pub line: usize,
    /// The column (1-based, in characters).
    pub column: usize,
    /// What is wrong.
    pub message: String,
    /// How to put it right.
    pub help: Option<String>,
}

const TOP_KEYS: [&str; 4] = ["location", "framework", "updated", "item"];
const ITEM_KEYS: [&str; 12] = [
    "criterion",
    "title",
    "owner",
    "contact",
    "action",
    "due",
    "status",
    "notes",
    "gereed_op",
    "heropend_op",
    "in_framework",
    // Reserved for kader's own use in a later version.
    "id",
];

impl PlanFile {
    /// Reads a plan file's text; an error names the line and column.
    pub fn parse(text: &str) -> Result<PlanFile, PlanFileError> {
        let document = Document::parse(text).map_err(|e| {
            at(
                text,
                e.span().map_or(0, |s| s.start),
                format!("this is not valid TOML: {}", e.message().trim_end()),
                None,
            )
        })?;
        Reader { text }.file(document.as_table())
    }

    /// The items past their due date on `as_of` that are still to be done
    /// (`open` or `bezig`), in the file's order.
    pub fn overdue(&self, as_of: Date) -> Vec<&PlanEntry> {
        self.items.iter().filter(|i| i.is_overdue(as_of)).collect()
    }

    /// The items about a criterion, in the file's order.
    pub fn entries<'a>(&'a self, criterion: &'a str) -> impl Iterator<Item = &'a PlanEntry> + 'a {
        self.items.iter().filter(move |i| i.criterion == criterion)
    }
}

/// An error at a byte offset of the text.
fn at(text: &str, offset: usize, message: String, help: Option<String>) -> PlanFileError {
    let (line, column) = crate::diagnostic::line_col(text, offset);
    PlanFileError {
        line,
        column,
        message,
        help,
    }
}

/// Reads the parsed document into a [`PlanFile`], every error placed.
struct Reader<'t> {
    text: &'t str,
}

impl Reader<'_> {
    fn error(&self, span: Option<std::ops::Range<usize>>, message: String) -> PlanFileError {
        at(self.text, span.map_or(0, |s| s.start), message, None)
    }

    fn unknown_keys(&self, table: &Table, known: &[&str], what: &str) -> Result<(), PlanFileError> {
        for (key, _) in table.iter() {
            if known.contains(&key) {
                continue;
            }
            let span = table.key(key).and_then(toml_edit::Key::span);
            let mut error = self.error(span, format!("`{key}` is no key of {what}"));
            error.help = Some(match crate::suggest::nearest(key, known.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("the keys of {what} are {}", known.join(", ")),
            });
            return Err(error);
        }
        Ok(())
    }

    fn file(&self, root: &Table) -> Result<PlanFile, PlanFileError> {
        self.unknown_keys(root, &TOP_KEYS, "a plan file")?;
        let location = match root.get("location") {
            Some(item) => self.text_of(item, "location")?,
            None => None,
        };
        let Some(location) = location else {
            return Err(PlanFileError {
                help: Some("write `location = \"...\"` with the location's id, as its evidence file names it".to_string()),
                ..at(self.text, 0, "the plan file names no location".to_string(), None)
            });
        };
        let framework = match root.get("framework") {
            None => None,
            Some(item) => {
                let Some(table) = item.as_table_like() else {
                    return Err(self.error(
                        item.span(),
                        "`framework` is to be a table: { id = \"...\", version = \"...\" }"
                            .to_string(),
                    ));
                };
                let part = |key: &str| -> Result<String, PlanFileError> {
                    match table.get(key) {
                        Some(item) => Ok(self.text_of(item, key)?.unwrap_or_default()),
                        None => Ok(String::new()),
                    }
                };
                Some(PlanFramework {
                    id: part("id")?,
                    version: part("version")?,
                })
            }
        };
        let updated = match root.get("updated") {
            Some(item) => self.date_of(item, "updated")?,
            None => None,
        };
        let mut items = Vec::new();
        match root.get("item") {
            None => {}
            Some(Item::ArrayOfTables(tables)) => {
                for table in tables.iter() {
                    items.push(self.entry(table)?);
                }
            }
            Some(other) => {
                return Err(PlanFileError {
                    help: Some(
                        "write each item as a table of its own, under `[[item]]`".to_string(),
                    ),
                    ..self.error(
                        other.span(),
                        "`item` is to be a list of tables, each under `[[item]]`".to_string(),
                    )
                })
            }
        }
        Ok(PlanFile {
            location,
            framework,
            updated,
            items,
        })
    }

    fn entry(&self, table: &Table) -> Result<PlanEntry, PlanFileError> {
        self.unknown_keys(table, &ITEM_KEYS, "an item")?;
        let line = crate::diagnostic::line_col(self.text, table.span().map_or(0, |s| s.start)).0;
        let text = |key: &str| match table.get(key) {
            Some(item) => self.text_of(item, key),
            None => Ok(None),
        };
        let date = |key: &str| match table.get(key) {
            Some(item) => self.date_of(item, key),
            None => Ok(None),
        };
        let Some(criterion) = text("criterion")? else {
            return Err(PlanFileError {
                help: Some("write `criterion = \"...\"` with the criterion's id".to_string()),
                ..self.error(table.span(), "this item names no criterion".to_string())
            });
        };
        let status = match table.get("status") {
            None => ItemStatus::Open,
            Some(item) => {
                let word = item.as_str().map(str::trim);
                match word.map(|w| if w.is_empty() { "open" } else { w }).and_then(ItemStatus::parse) {
                    Some(status) => status,
                    None => {
                        return Err(PlanFileError {
                            help: Some("write one of: open, bezig, gereed, vervallen".to_string()),
                            ..self.error(
                                item.span(),
                                format!(
                                    "`status` of criterion `{criterion}` is {}: it is open, bezig, gereed or vervallen",
                                    describe(item)
                                ),
                            )
                        })
                    }
                }
            }
        };
        let in_framework = match table.get("in_framework") {
            None => true,
            Some(item) => match item.as_bool() {
                Some(b) => b,
                None => {
                    return Err(self.error(
                        item.span(),
                        "`in_framework` is to be true or false".to_string(),
                    ))
                }
            },
        };
        Ok(PlanEntry {
            title: text("title")?,
            owner: text("owner")?,
            contact: text("contact")?,
            action: text("action")?,
            due: date("due")?,
            status,
            notes: text("notes")?,
            gereed_op: date("gereed_op")?,
            heropend_op: date("heropend_op")?,
            in_framework,
            line,
            criterion,
        })
    }

    /// Text, or `None` for an empty one.
    fn text_of(&self, item: &Item, key: &str) -> Result<Option<String>, PlanFileError> {
        match item.as_str() {
            Some(s) if s.trim().is_empty() => Ok(None),
            Some(s) => Ok(Some(s.to_string())),
            None => Err(PlanFileError {
                help: Some(format!("write it in quotes: {key} = \"...\"")),
                ..self.error(
                    item.span(),
                    format!("`{key}` is to be text, not {}", describe(item)),
                )
            }),
        }
    }

    /// A date written as a TOML date (`2025-09-01`) or as text
    /// (`"2025-09-01"`), or `None` for empty text.
    fn date_of(&self, item: &Item, key: &str) -> Result<Option<Date>, PlanFileError> {
        let bad = |what: String| PlanFileError {
            help: Some(format!("write a date such as {key} = 2025-12-31")),
            ..self.error(item.span(), what)
        };
        if let Some(s) = item.as_str() {
            if s.trim().is_empty() {
                return Ok(None);
            }
            return crate::evidence::parse_date(s.trim())
                .map(Some)
                .map_err(|_| bad(format!("`{key}` is `{s}`, which is no date")));
        }
        match item.as_datetime() {
            Some(dt) if dt.time.is_none() && dt.offset.is_none() => {
                let date = dt.date.and_then(|d| {
                    Date::new(
                        i16::try_from(d.year).ok()?,
                        i8::try_from(d.month).ok()?,
                        i8::try_from(d.day).ok()?,
                    )
                    .ok()
                });
                date.map(Some)
                    .ok_or_else(|| bad(format!("`{key}` is no date of the calendar")))
            }
            _ => Err(bad(format!(
                "`{key}` is to be a date, not {}",
                describe(item)
            ))),
        }
    }
}

/// What a value is, in words for an error.
fn describe(item: &Item) -> String {
    match item.as_value() {
        Some(Value::String(s)) => format!("`{}`", s.value()),
        Some(v) => format!("`{}`", v.to_string().trim()),
        None => "a table".to_string(),
    }
}

// ---------------------------------------------------------------- update

/// What [`update`] did to an item, or found of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "change", content = "criterion", rename_all = "snake_case")]
pub enum Change {
    /// A new item for a criterion in the plan.
    Added(String),
    /// Its criterion passes now: it became `gereed`.
    Done(String),
    /// Kader had closed it, and its criterion is open again.
    Reopened(String),
    /// Its criterion is no longer in the framework (it is kept, marked).
    NotInFramework(String),
    /// Its criterion is in the framework again.
    BackInFramework(String),
}

/// A plan file brought up to date.
#[derive(Clone, Debug, PartialEq)]
pub struct Updated {
    /// The file's new text.
    pub text: String,
    /// What changed, item by item in the file's order, new items last.
    pub changes: Vec<Change>,
    /// The items whose criterion is not in the framework, changed or not.
    pub not_in_framework: Vec<String>,
}

/// Brings a plan file up to date with an outcome and its plan (see the
/// module documentation for the rules), or writes it anew when there is
/// none (`existing` is `None`): a pure function of text in, text out.
/// `language` is the language of the comment that heads a new file.
pub fn update(
    existing: Option<&str>,
    plan: &ImprovementPlan,
    outcome: &Outcome,
    language: Language,
) -> Result<Updated, PlanFileError> {
    let mut document = match existing {
        Some(text) => {
            let file = PlanFile::parse(text)?;
            if file.location != outcome.location.id {
                return Err(PlanFileError {
                    help: Some(
                        "give the evidence of the location this plan is of, or another plan file"
                            .to_string(),
                    ),
                    ..at(
                        text,
                        0,
                        format!(
                            "this plan is of location `{}`, and the evidence of location `{}`",
                            file.location, outcome.location.id
                        ),
                        None,
                    )
                });
            }
            text.parse::<DocumentMut>().map_err(|e| {
                at(
                    text,
                    e.span().map_or(0, |s| s.start),
                    format!("this is not valid TOML: {}", e.message().trim_end()),
                    None,
                )
            })?
        }
        None => new_document(outcome, language),
    };
    let as_of = outcome.as_of;
    let root = document.as_table_mut();
    set(root, "updated", date_value(as_of));
    match root.get_mut("framework").and_then(Item::as_table_like_mut) {
        Some(table) => {
            for (key, value) in [
                ("id", &outcome.framework.id),
                ("version", &outcome.framework.version),
            ] {
                if table.get(key).and_then(Item::as_str) != Some(value.as_str()) {
                    match table.get_mut(key).and_then(Item::as_value_mut) {
                        Some(old) => replace(old, Value::from(value.as_str())),
                        None => {
                            table.insert(key, toml_edit::value(value.as_str()));
                        }
                    }
                }
            }
        }
        None => set(root, "framework", framework_value(outcome)),
    }
    if !root.contains_key("item") {
        root.insert("item", Item::ArrayOfTables(ArrayOfTables::new()));
    }
    let mut changes = Vec::new();
    let mut not_in_framework = Vec::new();
    let Some(tables) = root.get_mut("item").and_then(Item::as_array_of_tables_mut) else {
        // `PlanFile::parse` has refused any other `item`.
        return Err(at(
            "",
            0,
            "`item` is to be a list of tables".to_string(),
            None,
        ));
    };
    let mut covered: Vec<String> = Vec::new();
    for table in tables.iter_mut() {
        let Some(criterion) = table
            .get("criterion")
            .and_then(Item::as_str)
            .map(str::to_string)
        else {
            continue;
        };
        covered.push(criterion.clone());
        let Some(now) = outcome.criteria.iter().find(|c| c.id == criterion) else {
            if table.get("in_framework").and_then(Item::as_bool) != Some(false) {
                set(table, "in_framework", Value::from(false));
                changes.push(Change::NotInFramework(criterion.clone()));
            }
            not_in_framework.push(criterion);
            continue;
        };
        if table.contains_key("in_framework") {
            remove(table, "in_framework");
            changes.push(Change::BackInFramework(criterion.clone()));
        }
        let open = plan.item(&criterion).is_some();
        let done = now.status == Status::Pass && !open;
        let status = table
            .get("status")
            .and_then(Item::as_str)
            .map(str::trim)
            .map_or(Some(ItemStatus::Open), |w| {
                ItemStatus::parse(if w.is_empty() { "open" } else { w })
            });
        match status {
            Some(s) if done && s.is_active() => {
                set(table, "status", Value::from(ItemStatus::Gereed.as_str()));
                set(table, "gereed_op", date_value(as_of));
                changes.push(Change::Done(criterion));
            }
            Some(ItemStatus::Gereed) if open && table.contains_key("gereed_op") => {
                set(table, "status", Value::from(ItemStatus::Open.as_str()));
                remove(table, "gereed_op");
                set(table, "heropend_op", date_value(as_of));
                changes.push(Change::Reopened(criterion));
            }
            _ => {}
        }
    }
    for item in &plan.items {
        if covered.contains(&item.criterion) {
            continue;
        }
        tables.push(new_item(item));
        changes.push(Change::Added(item.criterion.clone()));
    }
    Ok(Updated {
        text: document.to_string(),
        changes,
        not_in_framework,
    })
}

/// A new file: the comment that says how to edit it, and the location.
fn new_document(outcome: &Outcome, language: Language) -> DocumentMut {
    let w = words(language);
    let location = &outcome.location;
    let name = match &location.name {
        Some(name) => format!("{name} ({})", location.id),
        None => location.id.clone(),
    };
    let comment: String = fill(w.plan_file_header, &[("location", &name)])
        .lines()
        .map(|line| {
            if line.is_empty() {
                "#\n".to_string()
            } else {
                format!("# {line}\n")
            }
        })
        .collect();
    let mut document = DocumentMut::new();
    let root = document.as_table_mut();
    root.insert("location", toml_edit::value(outcome.location.id.as_str()));
    if let Some(mut key) = root.key_mut("location") {
        key.leaf_decor_mut().set_prefix(format!("{comment}\n"));
    }
    root.insert("framework", Item::Value(framework_value(outcome)));
    document
}

fn framework_value(outcome: &Outcome) -> Value {
    let mut table = toml_edit::InlineTable::new();
    table.insert("id", Value::from(outcome.framework.id.as_str()));
    table.insert("version", Value::from(outcome.framework.version.as_str()));
    Value::InlineTable(table)
}

/// A new item for a criterion of the plan, with a blank line above it.
fn new_item(item: &super::PlanItem) -> Table {
    let mut table = Table::new();
    table.decor_mut().set_prefix("\n");
    let action = match &item.action {
        Some(action) => action.clone(),
        None => item.plain.needed.join("; "),
    };
    let fields: [(&str, Value); 8] = [
        ("criterion", Value::from(item.criterion.as_str())),
        ("title", Value::from(item.title.as_str())),
        ("owner", Value::from(item.owner_name.as_str())),
        (
            "contact",
            Value::from(item.contact.as_deref().unwrap_or("")),
        ),
        ("action", Value::from(action.as_str())),
        ("due", Value::from("")),
        ("status", Value::from(ItemStatus::Open.as_str())),
        ("notes", Value::from("")),
    ];
    for (key, value) in fields {
        table.insert(key, Item::Value(value));
    }
    table
}

fn date_value(date: Date) -> Value {
    let datetime = toml_edit::Datetime {
        date: Some(toml_edit::Date {
            year: u16::try_from(date.year()).unwrap_or(0),
            month: u8::try_from(date.month()).unwrap_or(1),
            day: u8::try_from(date.day()).unwrap_or(1),
        }),
        time: None,
        offset: None,
    };
    Value::from(datetime)
}

/// Sets `key` to `value`: a key that is there keeps its place, its
/// comments and its layout, and is not touched when it holds the value
/// already; a new key goes at the end.
fn set(table: &mut Table, key: &str, value: Value) {
    match table.get_mut(key) {
        Some(Item::Value(old)) => {
            if !same(old, &value) {
                replace(old, value);
            }
        }
        Some(other) => *other = Item::Value(value),
        None => {
            table.insert(key, Item::Value(value));
        }
    }
}

/// Whether two values are the same, however each is written.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::String(a), Value::String(b)) => a.value() == b.value(),
        (Value::Boolean(a), Value::Boolean(b)) => a.value() == b.value(),
        (Value::Datetime(a), Value::Datetime(b)) => a.value() == b.value(),
        _ => false,
    }
}

/// Replaces a value, keeping the comment and spaces around it.
fn replace(old: &mut Value, value: Value) {
    let decor = old.decor().clone();
    *old = value;
    *old.decor_mut() = decor;
}

/// Takes a key out; a comment above it moves to the key after it, so
/// that no comment a person wrote is lost.
fn remove(table: &mut Table, key: &str) {
    let prefix = table
        .key(key)
        .and_then(|k| k.leaf_decor().prefix())
        .and_then(|p| p.as_str())
        .filter(|p| p.contains('#'))
        .map(str::to_string);
    let next = prefix.as_ref().and_then(|_| {
        let keys: Vec<&str> = table.iter().map(|(k, _)| k).collect();
        let at = keys.iter().position(|k| *k == key)?;
        keys.get(at + 1).map(|k| k.to_string())
    });
    table.remove(key);
    if let Some(prefix) = prefix {
        match next.and_then(|n| table.key_mut(&n)) {
            Some(mut next) => {
                let own = next
                    .leaf_decor()
                    .prefix()
                    .and_then(|p| p.as_str())
                    .unwrap_or("")
                    .to_string();
                next.leaf_decor_mut().set_prefix(format!("{prefix}{own}"));
            }
            // It was the last key: the comment goes above the one before.
            None => {
                let last = table.iter().last().map(|(k, _)| k.to_string());
                if let Some(mut last) = last.and_then(|k| table.key_mut(&k)) {
                    let own = last
                        .leaf_decor()
                        .prefix()
                        .and_then(|p| p.as_str())
                        .unwrap_or("")
                        .to_string();
                    last.leaf_decor_mut().set_prefix(format!("{own}{prefix}"));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

    use super::*;
    use crate::compile::Framework;
    use crate::evidence::Evidence;

    const FRAMEWORK: &str = r#"
framework t "T" version "1"
language nl
evidence {
  a : bool "A"
  b : bool "B"
  c : bool "C"
}
theme one "Een" {
  criterion A1 "Eerste" { mandatory owner school require a guidance "Doe A." }
  criterion B1 "Tweede" { owner gemeente require b }
  criterion C1 "Derde" { owner politie require c }
}
scoring {
  theme passes when all mandatory pass and score >= 60%
  certified when all themes pass
}
"#;

    /// The outcome and plan of location `t-01` on `as_of` with these values.
    fn judged(as_of: &str, a: bool, b: bool, c: bool) -> (Outcome, ImprovementPlan) {
        let framework = Framework::compile(FRAMEWORK).unwrap();
        let text = format!(
            r#"{{"location": {{"id": "t-01", "name": "Test"}}, "as_of": "{as_of}",
               "evidence": {{"a": {a}, "b": {b}, "c": {c}}}}}"#
        );
        let evidence = Evidence::from_json(&framework, &text).unwrap();
        let outcome = framework
            .decide(&evidence, crate::eval::Stage::Intake)
            .outcome();
        let plan = super::super::plan(&framework, &outcome);
        (outcome, plan)
    }

    fn run(existing: Option<&str>, judged: &(Outcome, ImprovementPlan)) -> Updated {
        update(existing, &judged.1, &judged.0, Language::Nl).unwrap()
    }

    #[test]
    fn a_new_file_holds_every_action_open_and_reads_back() {
        let first = run(None, &judged("2025-06-02", false, false, true));
        assert!(
            first.text.starts_with("# Verbeterplan van Test (t-01)"),
            "{}",
            first.text
        );
        let file = PlanFile::parse(&first.text).unwrap();
        assert_eq!(file.location, "t-01");
        assert_eq!(file.updated, Some(jiff::civil::date(2025, 6, 2)));
        let ids: Vec<&str> = file.items.iter().map(|i| i.criterion.as_str()).collect();
        assert_eq!(ids, ["A1", "B1"]);
        assert!(file.items.iter().all(|i| i.status == ItemStatus::Open));
        assert_eq!(file.items[0].action.as_deref(), Some("Doe A."));
        assert_eq!(
            first.changes,
            [Change::Added("A1".into()), Change::Added("B1".into())]
        );
    }

    #[test]
    fn an_edited_file_keeps_every_edit_and_closes_what_passes() {
        let first = run(None, &judged("2025-06-02", false, false, true));
        let edited = first
            .text
            .replace(
                "contact = \"\"",
                "contact = \"Erik Bos\" # afgesproken in juni",
            )
            .replacen("due = \"\"", "due = 2025-09-01", 1)
            .replacen("status = \"open\"", "# nu mee bezig\nstatus = \"bezig\"", 1)
            + "# onderaan\n";
        let later = judged("2025-10-01", true, false, true);
        let second = run(Some(&edited), &later);
        assert_eq!(second.changes, [Change::Done("A1".into())]);
        assert!(second
            .text
            .contains("contact = \"Erik Bos\" # afgesproken in juni"));
        assert!(second.text.contains("due = 2025-09-01"));
        assert!(second.text.contains("# nu mee bezig\nstatus = \"gereed\""));
        assert!(second.text.contains("gereed_op = 2025-10-01"));
        assert!(second.text.contains("updated = 2025-10-01"));
        assert!(second.text.ends_with("# onderaan\n"), "{}", second.text);
        // Twice is once.
        assert_eq!(run(Some(&second.text), &later).text, second.text);
        // B1 is overdue? It has no due date; A1 is done.
        let file = PlanFile::parse(&second.text).unwrap();
        assert!(file.overdue(jiff::civil::date(2025, 10, 1)).is_empty());
    }

    #[test]
    fn kader_reopens_only_what_it_closed_and_keeps_vervallen() {
        let first = run(None, &judged("2025-06-02", false, false, true));
        let closed = run(Some(&first.text), &judged("2025-07-01", true, true, true));
        assert_eq!(
            closed.changes,
            [Change::Done("A1".into()), Change::Done("B1".into())]
        );
        // A person drops B1; a later assessment finds both failing again.
        let dropped = {
            // Only the second item (B1).
            let at = closed.text.find("criterion = \"B1\"").unwrap();
            let (head, tail) = closed.text.split_at(at);
            format!(
                "{head}{}",
                tail.replacen("status = \"gereed\"", "status = \"vervallen\"", 1)
            )
        };
        let again = run(Some(&dropped), &judged("2025-09-01", false, false, true));
        assert_eq!(again.changes, [Change::Reopened("A1".into())]);
        let file = PlanFile::parse(&again.text).unwrap();
        assert_eq!(file.items[0].status, ItemStatus::Open);
        assert_eq!(file.items[0].gereed_op, None);
        assert_eq!(
            file.items[0].heropend_op,
            Some(jiff::civil::date(2025, 9, 1))
        );
        assert_eq!(file.items[1].status, ItemStatus::Vervallen);
        // A `gereed` a person wrote stays while the evidence lags.
        let by_hand = again
            .text
            .replacen("status = \"open\"", "status = \"gereed\"", 1);
        let kept = run(Some(&by_hand), &judged("2025-09-01", false, false, true));
        assert!(kept.changes.is_empty(), "{:?}", kept.changes);
        assert_eq!(kept.text, by_hand);
    }

    #[test]
    fn an_item_of_a_criterion_gone_from_the_framework_is_kept_and_marked() {
        let first = run(None, &judged("2025-06-02", false, false, true));
        let extra = format!(
            "{}\n[[item]]\ncriterion = \"Z9\"\nstatus = \"bezig\"\ndue = 2025-01-01\n",
            first.text
        );
        let judged = judged("2025-06-02", false, false, true);
        let second = run(Some(&extra), &judged);
        assert_eq!(second.changes, [Change::NotInFramework("Z9".into())]);
        assert_eq!(second.not_in_framework, ["Z9"]);
        assert!(second.text.contains("in_framework = false"));
        let third = run(Some(&second.text), &judged);
        assert!(third.changes.is_empty());
        assert_eq!(third.not_in_framework, ["Z9"]);
        // Past due and still to do: overdue, in the plan's view too.
        let file = PlanFile::parse(&third.text).unwrap();
        let mut plan = judged.1.clone();
        plan.agree(&file, &judged.0);
        let overdue: Vec<&str> = plan
            .overdue
            .iter()
            .flatten()
            .map(|a| a.entry.criterion.as_str())
            .collect();
        assert_eq!(overdue, ["Z9"]);
    }

    #[test]
    fn errors_name_the_line_and_column() {
        let cases = [
            (
                "location = \"x\"\n[[item]]\ncriterion = \"A1\"\nstatus = \"klaar\"\n",
                4,
                10,
                "status",
            ),
            (
                "location = \"x\"\n[[item]]\ncriterion = \"A1\"\ndue = \"morgen\"\n",
                4,
                7,
                "no date",
            ),
            (
                "location = \"x\"\n[[item]]\ncriterion = \"A1\"\nstauts = \"open\"\n",
                4,
                1,
                "stauts",
            ),
            (
                "location = \"x\"\n[[item]]\nstatus = \"open\"\n",
                2,
                1,
                "no criterion",
            ),
            ("location = \"x\"\nitem = 3\n", 2, 8, "list of tables"),
            ("location = \"x\"\n[[item]\n", 2, 8, "not valid TOML"),
            ("updated = 2025-01-01\n", 1, 1, "no location"),
        ];
        for (text, line, column, says) in cases {
            let error = PlanFile::parse(text).unwrap_err();
            assert_eq!(
                (error.line, error.column),
                (line, column),
                "{text}: {error}"
            );
            assert!(error.message.contains(says), "{text}: {error}");
        }
        let error = PlanFile::parse(cases[2].0).unwrap_err();
        assert_eq!(error.help.as_deref(), Some("did you mean `status`?"));
    }

    #[test]
    fn another_location_s_plan_is_refused() {
        let first = run(None, &judged("2025-06-02", false, false, true));
        let other = first
            .text
            .replace("location = \"t-01\"", "location = \"t-02\"");
        let j = judged("2025-06-02", false, false, true);
        let error = update(Some(&other), &j.1, &j.0, Language::Nl).unwrap_err();
        assert!(error.message.contains("`t-02`"), "{error}");
    }
}
