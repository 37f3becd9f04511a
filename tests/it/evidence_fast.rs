//! The fast JSON loader (`Evidence::from_json_with`) against the reference
//! loader through the neutral tree (`Evidence::from_json_reference`): for
//! generated locations, and for the same locations broken in every way a
//! file can be (keys removed, wrong types, extra and duplicate keys, nested
//! and dotted keys, nulls, percent forms, big numbers, escaped keys,
//! exceptions, limits), both give the same evidence or the same errors.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::common;

use std::sync::OnceLock;

use common::basiskader;
use kader::generate::{self, Options};
use kader::{Evidence, Framework, Limits, LoadOptions};
use proptest::prelude::*;
use proptest::test_runner::Config;

/// A small framework with evidence of every type, lists of every element
/// type among them, and a criterion with a legal basis.
const ALL_TYPES: &str = r#"
framework t "Test" version "1"
language en
validity 12 months
evidence {
  flag                  : bool
  share                 : percent
  whole                 : int
  amount                : number
  day                   : date
  name                  : text
  kind                  : enum(po, so, vo, mbo)
  days                  : list<date>
  names                 : list<text>
  counts                : list<int>
  amounts               : list<number>
  shares                : list<percent>
  kinds                 : list<enum(po, so, vo, mbo)>
  flags                 : list<bool>
  group.inner.leaf      : bool
  group.inner.other     : int
  group.top             : text
  monitor.last_run      : date
  monitor.response_rate : percent
}
theme t "T" {
  criterion RESPONSE "Response at least 70%" {
    owner school
    require monitor.response_rate >= 70%
  }
  criterion SHARE "Share is exactly 71%" {
    owner school
    legal "Some law"
    require share == 71%
  }
  criterion LEAF "Leaf" {
    owner school
    require group.inner.leaf and group.inner.other >= 2 and group.top == "x"
  }
  criterion AMOUNT "Amount at least 0.1" {
    owner school
    require amount >= 0.1 and whole >= 3 and flag and day >= 2020-01-01
  }
  criterion KIND "Kind" {
    owner school
    require kind == po and name == "n" and count(days) >= 1 and count(names) >= 1
  }
  criterion LISTS "Lists" {
    owner school
    require count(counts) >= 1 and count(amounts) >= 1 and count(shares) >= 1
      and count(kinds) >= 1 and count(flags) >= 1
  }
}
scoring {
  theme passes when all mandatory pass and score >= 60%
  certified when all themes pass
}
"#;

fn all_types() -> &'static Framework {
    static FW: OnceLock<Framework> = OnceLock::new();
    FW.get_or_init(|| common::compile(ALL_TYPES))
}

fn framework(which: usize) -> &'static Framework {
    if which % 2 == 0 {
        basiskader()
    } else {
        all_types()
    }
}

/// Criterion ids to name in exceptions (some unknown, some with a legal
/// basis).
const CRITERIA: &[&str] = &[
    "B3", "B4", "B1", "S2", "B6", "SHARE", "LEAF", "AMOUNT", "KIND", "B33", "",
];

/// Generated locations of each framework, as JSON lines.
fn generated(which: usize) -> &'static [String] {
    static LINES: OnceLock<[Vec<String>; 2]> = OnceLock::new();
    let all = LINES.get_or_init(|| {
        [0, 1].map(|w| {
            let options = Options {
                count: 64,
                seed: 2026 + w as u64,
                as_of: None,
            };
            generate::generate(framework(w), &options)
                .iter()
                .map(generate::GeneratedLocation::to_json_line)
                .collect()
        })
    });
    &all[which % 2]
}

/// A JSON document as written: numbers keep their text, objects may hold a
/// key twice.
#[derive(Clone, Debug)]
enum J {
    Null,
    Bool(bool),
    Num(String),
    Str(String),
    Arr(Vec<J>),
    Obj(Vec<(String, J)>),
}

impl J {
    fn from_value(value: &serde_json::Value) -> J {
        use serde_json::Value;
        match value {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Number(n) => J::Num(n.to_string()),
            Value::String(s) => J::Str(s.clone()),
            Value::Array(items) => J::Arr(items.iter().map(J::from_value).collect()),
            Value::Object(map) => J::Obj(
                map.iter()
                    .map(|(k, v)| (k.clone(), J::from_value(v)))
                    .collect(),
            ),
        }
    }

    /// The text; `escape` writes a letter of some keys as `\u00XX`.
    fn write(&self, out: &mut String, escape: bool) {
        match self {
            J::Null => out.push_str("null"),
            J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            J::Num(n) => out.push_str(n),
            J::Str(s) => out.push_str(&serde_json::to_string(s).unwrap()),
            J::Arr(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    item.write(out, escape);
                }
                out.push(']');
            }
            J::Obj(entries) => {
                out.push('{');
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    if escape && k.len() > 3 && k.is_ascii() {
                        let (head, tail) = k.split_at(2);
                        let c = tail.chars().next().unwrap();
                        let rest = &tail[1..];
                        let quoted = serde_json::to_string(rest).unwrap();
                        out.push_str(&format!(
                            "\"{}\\u{:04x}{}",
                            head.replace('\\', "\\\\").replace('"', "\\\""),
                            c as u32,
                            &quoted[1..]
                        ));
                    } else {
                        out.push_str(&serde_json::to_string(k).unwrap());
                    }
                    out.push(':');
                    v.write(out, escape);
                }
                out.push('}');
            }
        }
    }

    fn text(&self, escape: bool) -> String {
        let mut out = String::new();
        self.write(&mut out, escape);
        out
    }

    /// The paths (indices of entries and items) of every node but the root.
    fn paths(&self, at: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
        let children: Vec<&J> = match self {
            J::Arr(items) => items.iter().collect(),
            J::Obj(entries) => entries.iter().map(|(_, v)| v).collect(),
            _ => Vec::new(),
        };
        for (i, child) in children.into_iter().enumerate() {
            at.push(i);
            out.push(at.clone());
            child.paths(at, out);
            at.pop();
        }
    }

    fn node(&self, path: &[usize]) -> &J {
        let Some((first, rest)) = path.split_first() else {
            return self;
        };
        match self {
            J::Arr(items) => items[*first].node(rest),
            J::Obj(entries) => entries[*first].1.node(rest),
            _ => unreachable!("paths lead through lists and objects"),
        }
    }

    fn node_mut(&mut self, path: &[usize]) -> &mut J {
        let Some((first, rest)) = path.split_first() else {
            return self;
        };
        match self {
            J::Arr(items) => items[*first].node_mut(rest),
            J::Obj(entries) => entries[*first].1.node_mut(rest),
            _ => unreachable!("paths lead through lists and objects"),
        }
    }
}

/// Values to put where others were: of every type, in every odd form.
fn pool(i: usize) -> J {
    let n = |s: &str| J::Num(s.to_string());
    let s = |s: &str| J::Str(s.to_string());
    let values = [
        J::Null,
        J::Bool(true),
        J::Bool(false),
        n("0"),
        n("1"),
        n("-1"),
        n("-0"),
        n("0.5"),
        n("0.70"),
        n("1.0"),
        n("1.5"),
        n("71"),
        n("3"),
        n("1e2"),
        n("1E-2"),
        n("7e-1"),
        n("-0.0"),
        n("12345678901234567890"),
        n("-12345678901234567890"),
        n("123456789012345678901234567890"),
        n("0.12345678901234567890123456789012"),
        n("2.5e30"),
        s("71%"),
        s(" 71 % "),
        s("71.5%"),
        s("0.5%"),
        s("100%"),
        s("101%"),
        s("-1%"),
        s("x%"),
        s("%"),
        s("1e1%"),
        s(""),
        s("  "),
        s("2026-01-31"),
        s("2026-02-30"),
        s("2026-1-01"),
        s("20260101"),
        s("1999-12-31"),
        s("po"),
        s("mbo"),
        s("xx"),
        s("vo "),
        s("gemeente"),
        s("politie"),
        s("a text that is rather longer than the small limit"),
        s("tëxt ü ✓"),
        s("quote \" and \\ and \n"),
        s("x"),
        s("n"),
        J::Arr(vec![]),
        J::Arr(vec![n("1"), n("2")]),
        J::Arr(vec![s("2026-01-01"), s("2025-12-31")]),
        J::Arr(vec![s("2026-01-01"), J::Null]),
        J::Arr(vec![s("po"), s("so")]),
        J::Arr(vec![s("gemeente"), s("om")]),
        J::Arr(vec![J::Bool(true), J::Bool(false)]),
        J::Arr(vec![s("71%"), n("0.3")]),
        J::Arr(vec![s("a"), s("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")]),
        J::Arr(vec![J::Arr(vec![])]),
        J::Obj(vec![]),
        J::Obj(vec![("a".into(), n("1"))]),
        J::Obj(vec![("$serde_json::private::Number".into(), s("5"))]),
        J::Obj(vec![("leaf".into(), J::Bool(true))]),
        J::Obj(vec![("id".into(), s("x-1")), ("name".into(), J::Null)]),
    ];
    values[i % values.len()].clone()
}

/// Keys to add: declared segments, misspellings, the document's own keys.
fn key(i: usize) -> String {
    let keys = [
        "flag",
        "share",
        "group",
        "inner",
        "leaf",
        "group.inner",
        "group.inner.leaf",
        "inner.leaf",
        "monitor",
        "monitor.last_run",
        "monitr",
        "last_run",
        "response_rate",
        "school",
        "school.type",
        "type",
        "evacuation.drills",
        "covenant",
        "location",
        "as_of",
        "evidence",
        "exceptions",
        "id",
        "name",
        "criterion",
        "valid_until",
        "reason",
        "granted_by",
        "",
        ".",
        "$serde_json::private::Number",
        "flag.",
    ];
    keys[i % keys.len()].to_string()
}

fn exception(i: usize, j: usize) -> J {
    let valid_until = ["2030-01-01", "2020-01-01", "2026-11-30", "2026-13-01"][j % 4];
    let mut entries = vec![
        (
            "criterion".to_string(),
            J::Str(CRITERIA[i % CRITERIA.len()].into()),
        ),
        ("reason".to_string(), J::Str("verbouwing".into())),
        ("granted_by".to_string(), J::Str("de inspectie".into())),
        ("valid_until".to_string(), J::Str(valid_until.into())),
    ];
    if j % 7 == 6 {
        entries.remove(i % 4);
    }
    if j % 11 == 10 {
        entries.push(("reasn".into(), J::Str("x".into())));
    }
    J::Obj(entries)
}

/// One change to a document; the numbers pick what and where.
#[derive(Clone, Debug)]
struct Mutation {
    kind: u8,
    at: usize,
    a: usize,
    b: usize,
}

fn mutate(doc: &mut J, m: &Mutation) {
    let mut paths = Vec::new();
    doc.paths(&mut Vec::new(), &mut paths);
    let pick = |paths: &[Vec<usize>]| -> Option<Vec<usize>> {
        (!paths.is_empty()).then(|| paths[m.at % paths.len()].clone())
    };
    match m.kind % 10 {
        // Remove a key or a list element.
        0 => {
            let Some(path) = pick(&paths) else { return };
            let (last, parent) = path.split_last().unwrap();
            match doc.node_mut(parent) {
                J::Arr(items) => {
                    items.remove(*last);
                }
                J::Obj(entries) => {
                    entries.remove(*last);
                }
                _ => {}
            }
        }
        // Replace a value with one of another form.
        1 | 2 => {
            let Some(path) = pick(&paths) else { return };
            *doc.node_mut(&path) = pool(m.a);
        }
        // Add a key to an object.
        3 => {
            let objects: Vec<Vec<usize>> = std::iter::once(Vec::new())
                .chain(paths)
                .filter(|p| matches!(doc.node(p), J::Obj(_)))
                .collect();
            let path = &objects[m.at % objects.len()];
            if let J::Obj(entries) = doc.node_mut(path) {
                let at = m.b % (entries.len() + 1);
                entries.insert(at, (key(m.a), pool(m.a / 7 + m.b)));
            }
        }
        // Give a key twice, with the same value, null or another.
        4 => {
            let Some(path) = pick(&paths) else { return };
            let (last, parent) = path.split_last().unwrap();
            if let J::Obj(entries) = doc.node_mut(parent) {
                let (k, v) = entries[*last].clone();
                let v = match m.a % 3 {
                    0 => v,
                    1 => J::Null,
                    _ => pool(m.a / 3),
                };
                let at = m.b % (entries.len() + 1);
                entries.insert(at, (k, v));
            }
        }
        // A nested key made dotted (`a: {b: x}` → `a.b: x`), kept or not.
        5 | 6 => {
            let Some(path) = pick(&paths) else { return };
            let (last, parent) = path.split_last().unwrap();
            if let J::Obj(entries) = doc.node_mut(parent) {
                let (k, v) = entries[*last].clone();
                if let J::Obj(inner) = v {
                    if inner.is_empty() {
                        return;
                    }
                    let i = m.a % inner.len();
                    let (k2, v2) = inner[i].clone();
                    if m.b % 2 == 0 {
                        if let J::Obj(inner) = &mut entries[*last].1 {
                            inner.remove(i);
                        }
                    }
                    let v2 = if m.b % 5 == 1 { J::Null } else { v2 };
                    let at = (m.b / 2) % (entries.len() + 1);
                    entries.insert(at, (format!("{k}.{k2}"), v2));
                }
            }
        }
        // A number written otherwise: the same value in another notation.
        7 => {
            let Some(path) = pick(&paths) else { return };
            if let J::Num(n) = doc.node_mut(&path) {
                *n = match m.a % 5 {
                    0 if !n.contains(['.', 'e', 'E']) => format!("{n}.000"),
                    1 if !n.contains(['e', 'E']) => format!("{n}e0"),
                    2 if !n.contains(['e', 'E']) => format!("{n}E+00"),
                    3 => format!("{n}1"),
                    _ => format!("-{n}"),
                };
            }
        }
        // Exceptions.
        8 => {
            if let J::Obj(top) = doc {
                let list = J::Arr(
                    (0..m.a % 4)
                        .map(|i| exception(m.b + i * 3, m.b / 3 + i))
                        .collect(),
                );
                let value = match m.b % 9 {
                    0 => J::Null,
                    1 => J::Obj(vec![]),
                    _ => list,
                };
                let at = m.at % (top.len() + 1);
                top.insert(at, ("exceptions".into(), value));
            }
        }
        // The location, as_of and evidence in other forms.
        _ => {
            if let J::Obj(top) = doc {
                if top.is_empty() {
                    return;
                }
                let i = m.at % top.len();
                let value = match (top[i].0.as_str(), m.a % 6) {
                    ("location", 0) => J::Obj(vec![("id".into(), J::Num("12345".into()))]),
                    ("location", 1) => J::Obj(vec![
                        ("name".into(), J::Null),
                        ("id".into(), J::Num("-0".into())),
                    ]),
                    ("location", 2) => J::Obj(vec![("id".into(), J::Str(" ".into()))]),
                    ("location", 3) => J::Obj(vec![("name".into(), J::Str("n".into()))]),
                    ("location", _) => J::Obj(vec![
                        ("id".into(), J::Num("1.50".into())),
                        ("name".into(), J::Str("naam".into())),
                    ]),
                    ("as_of", 0) => J::Str("2019-02-29".into()),
                    ("as_of", 1) => J::Null,
                    ("as_of", _) => J::Str("2031-06-30".into()),
                    (_, 0) => J::Null,
                    (_, 1) => J::Obj(vec![]),
                    _ => pool(m.b),
                };
                if m.b % 4 == 0 {
                    top.remove(i);
                } else {
                    top[i].1 = value;
                }
            }
        }
    }
}

fn mutation() -> impl Strategy<Value = Mutation> {
    (
        any::<u8>(),
        0usize..1 << 20,
        0usize..1 << 20,
        0usize..1 << 20,
    )
        .prop_map(|(kind, at, a, b)| Mutation { kind, at, a, b })
}

fn load_options(choice: u8) -> LoadOptions {
    let mut options = LoadOptions::default();
    if choice & 1 != 0 {
        options.as_of = Some("2026-06-30".parse().unwrap());
    }
    if choice & 2 != 0 {
        options.limits = Limits {
            max_text_chars: 12,
            max_list_items: 2,
            ..Limits::default()
        };
    }
    if choice & 12 == 12 {
        options.limits.max_evidence_bytes = 600;
    }
    options
}

/// Both loaders, on one text: the same result.
fn same(framework: &Framework, text: &str, options: LoadOptions) {
    let fast = Evidence::from_json_with(framework, text, options);
    let reference = Evidence::from_json_reference(framework, text, options);
    assert_eq!(fast, reference, "{text}");
    // Equal values are not enough where a decimal's scale shows: `1.50`
    // and `1.5` are equal but written differently.
    assert_eq!(format!("{fast:?}"), format!("{reference:?}"), "{text}");
}

fn config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

proptest! {
    #![proptest_config(config(1024))]

    /// Generated locations, broken up to six ways, under every option.
    #[test]
    fn fast_loader_equals_the_tree(
        which in 0usize..2,
        location in 0usize..64,
        mutations in proptest::collection::vec(mutation(), 0..6),
        escape in proptest::bool::weighted(0.2),
        choice in any::<u8>(),
    ) {
        let framework = framework(which);
        let line = &generated(which)[location];
        let mut doc = J::from_value(&serde_json::from_str(line).unwrap());
        for m in &mutations {
            mutate(&mut doc, m);
        }
        same(framework, &doc.text(escape), load_options(choice));
    }

    /// Arbitrary text around a document: syntax errors, trailing text.
    #[test]
    fn fast_loader_equals_the_tree_on_broken_text(
        location in 0usize..64,
        cut in any::<usize>(),
        suffix in "[ \\]}{,\"a0-9:]{0,3}",
    ) {
        let line = &generated(0)[location];
        let cut = cut % (line.len() + 1);
        let text = format!("{}{suffix}", line.get(..cut).unwrap_or(line));
        same(basiskader(), &text, LoadOptions::default());
    }
}

/// The point of it all: clean generated documents take the fast path.
#[test]
fn generated_locations_take_the_fast_path() {
    for which in 0..2 {
        for line in generated(which) {
            let fast = Evidence::from_json_fast(framework(which), line, LoadOptions::default());
            let reference =
                Evidence::from_json_reference(framework(which), line, LoadOptions::default());
            assert_eq!(fast.as_ref(), reference.as_ref().ok(), "{line}");
            assert!(fast.is_some(), "{line}");
        }
    }
}

/// Cases that must stay equal, each named by what it guards.
#[test]
fn fast_loader_edge_cases() {
    let fw = all_types();
    let doc = |evidence: &str| {
        format!(r#"{{"location": {{"id": "t-1"}}, "as_of": "2026-11-30", "evidence": {evidence}}}"#)
    };
    let cases = [
        // a key twice, the first null: a duplicate, not a value
        doc(r#"{"flag": null, "flag": true}"#),
        // a group twice in one object
        doc(r#"{"group": {"top": "x"}, "group": {"inner": {"leaf": true}}}"#),
        doc(r#"{"group": null, "group": {"top": "x"}}"#),
        // nested null, then dotted value: accepted by both
        doc(r#"{"monitor": {"last_run": null}, "monitor.last_run": "2026-01-01"}"#),
        // nested and dotted value: supplied twice
        doc(r#"{"monitor": {"last_run": "2026-01-02"}, "monitor.last_run": "2026-01-01"}"#),
        // numbers as written
        doc(r#"{"amount": 1.50, "whole": 3.0, "share": 0.70, "counts": [1, -0, 2e1]}"#),
        doc(r#"{"amount": -0, "whole": -0, "share": -0.0}"#),
        doc(r#"{"amount": 123456789012345678901234567890}"#),
        doc(r#"{"amount": 12345678901234567890, "whole": -9223372036854775809}"#),
        // escaped keys and values
        doc(r#"{"fl\u0061g": true, "n\u0061me": "\u00e9\n"}"#),
        // percent forms
        doc(r#"{"share": " 71 % ", "shares": ["100%", 0, 1, "0%"]}"#),
        // a number where an object is, an object where a number is
        doc(r#"{"group": 5}"#),
        doc(r#"{"amount": {"$serde_json::private::Number": "5"}}"#),
        doc(r#"{"amount": {"$serde_json::private::Number": "5", "b": 1}}"#),
        // an empty document, evidence missing, a whole file that is not an object
        "{}".to_string(),
        r#"{"location": {"id": 7}, "as_of": "2026-11-30"}"#.to_string(),
        "[]".to_string(),
        "5".to_string(),
        // exceptions, which an evidence file cannot grant, in any form
        r#"{"location": {"id": "t"}, "as_of": "2026-11-30", "evidence": {}, "exceptions": [
            {"criterion": "LEAF", "reason": "r", "granted_by": "g", "valid_until": "2020-01-01"}]}"#
            .to_string(),
        r#"{"location": {"id": "t"}, "as_of": "2026-11-30", "evidence": {}, "exceptions": []}"#
            .to_string(),
        r#"{"location": {"id": "t"}, "as_of": "2026-11-30", "evidence": {}, "exceptions": null}"#
            .to_string(),
        // trailing text
        format!("{} x", doc("{}")),
    ];
    for text in &cases {
        for choice in 0..16 {
            same(fw, text, load_options(choice));
        }
    }
    // Guards that the fast path takes the ordinary cases, not only the tree.
    let granted = &cases[18];
    assert!(Evidence::from_json_fast(fw, granted, LoadOptions::default()).is_none());
    assert!(Evidence::from_json(fw, granted).is_err());
    assert!(Evidence::from_json_fast(fw, &cases[5], LoadOptions::default()).is_some());
    assert!(Evidence::from_json_fast(fw, &cases[0], LoadOptions::default()).is_none());
}
