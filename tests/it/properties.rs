//! Properties of loading and evaluation that must hold for every input:
//! determinism, no panics on any evidence, Kleene's three-valued logic, and
//! monotonicity (more evidence only decides what was unknown).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::common;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::OnceLock;

use common::{basiskader, basiskader_source, sample_paths};
use kader::report::{self, TextOptions};
use kader::{Evidence, Framework, Language, Outcome, Stage, Status, Verdict};
use proptest::prelude::*;
use proptest::test_runner::Config;
use serde_json::Value;

fn render_all(outcome: &Outcome) -> String {
    let mut all = report::to_json(outcome);
    for language in [Language::Nl, Language::En] {
        all.push_str(&report::to_text(
            outcome,
            TextOptions {
                language,
                color: false,
                technical: false,
            },
        ));
    }
    all
}

/// `cases` random cases; a failure is shown with its minimal input rather
/// than written to a regressions file next to the tests.
fn config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

// ---------------------------------------------------------------------------
// Sample evidence with keys taken out.

/// The JSON samples, parsed once.
fn json_samples() -> &'static [(PathBuf, Value)] {
    static SAMPLES: OnceLock<Vec<(PathBuf, Value)>> = OnceLock::new();
    SAMPLES.get_or_init(|| {
        sample_paths()
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .map(|p| {
                let value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
                (p, value)
            })
            .collect()
    })
}

/// The dotted paths of every value under `evidence` (a value is anything that
/// is not an object: a scalar or a whole list).
fn leaf_paths(value: &Value, prefix: &str, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                leaf_paths(inner, &path, out);
            }
        }
        _ => out.push(prefix.to_string()),
    }
}

/// Takes one dotted path out of the evidence, either by removing the key or
/// by setting it to `null` (both mean "not supplied").
fn take_out(evidence: &mut Value, path: &str, as_null: bool) {
    let mut node = evidence;
    let segments: Vec<&str> = path.split('.').collect();
    let (last, groups) = segments.split_last().unwrap();
    for segment in groups {
        node = node.get_mut(*segment).unwrap();
    }
    let map = node.as_object_mut().unwrap();
    if as_null {
        map.insert((*last).to_string(), Value::Null);
    } else {
        map.remove(*last);
    }
}

/// A sample with the chosen evidence taken out: (full document, partial
/// document, the paths taken out).
fn thinned(sample: usize, mask: &[bool], as_null: bool) -> (&'static Value, Value, Vec<String>) {
    let samples = json_samples();
    let (_, full) = &samples[sample % samples.len()];
    let mut paths = Vec::new();
    leaf_paths(&full["evidence"], "", &mut paths);
    let removed: Vec<String> = paths
        .into_iter()
        .zip(mask.iter().chain(std::iter::repeat(&false)))
        .filter(|(_, take)| **take)
        .map(|(p, _)| p)
        .collect();
    let mut partial = full.clone();
    for path in &removed {
        take_out(&mut partial["evidence"], path, as_null);
    }
    (full, partial, removed)
}

fn evaluate(framework: &Framework, document: &Value) -> Outcome {
    let evidence = Evidence::from_json(framework, &document.to_string())
        .unwrap_or_else(|e| panic!("a thinned sample must load: {e}"));
    framework.decide(&evidence, Stage::Intake).explain().outcome
}

// ---------------------------------------------------------------------------
// (a) Determinism.

proptest! {
    #![proptest_config(config(48))]

    /// Same framework text and evidence → the same result, byte for byte,
    /// even from a framework compiled anew and evidence loaded anew (so that
    /// no hash order or other per-instance state leaks into the output).
    #[test]
    fn evaluation_is_deterministic(
        sample in 0usize..100,
        mask in proptest::collection::vec(proptest::bool::weighted(0.3), 80),
    ) {
        let (_, partial, _) = thinned(sample, &mask, false);
        let text = partial.to_string();
        let first = {
            let framework = Framework::compile(basiskader_source()).unwrap();
            let evidence = Evidence::from_json(&framework, &text).unwrap();
            render_all(&framework.decide(&evidence, Stage::Intake).explain().outcome)
        };
        let second = {
            let framework = Framework::compile(basiskader_source()).unwrap();
            let evidence = Evidence::from_json(&framework, &text).unwrap();
            render_all(&framework.decide(&evidence, Stage::Intake).explain().outcome)
        };
        let framework = basiskader();
        let evidence = Evidence::from_json(framework, &text).unwrap();
        let third = render_all(&framework.decide(&evidence, Stage::Intake).explain().outcome);
        let fourth = render_all(&framework.decide(&evidence, Stage::Intake).explain().outcome);
        prop_assert_eq!(&first, &second);
        prop_assert_eq!(&first, &third);
        prop_assert_eq!(&first, &fourth);
    }
}

// ---------------------------------------------------------------------------
// (b) No input panics.

/// A JSON value whose numbers are kept as raw text, so that numbers no
/// double can hold (`1e999999`, 60 digits) reach the loader as written.
#[derive(Clone, Debug)]
enum Json {
    Null,
    Bool(bool),
    Number(String),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    fn write(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => {
                let _ = write!(out, "{b}");
            }
            Json::Number(n) => out.push_str(n),
            Json::String(s) => out.push_str(&serde_json::to_string(s).unwrap()),
            Json::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Json::Object(entries) => {
                out.push('{');
                for (i, (key, value)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&serde_json::to_string(key).unwrap());
                    out.push(':');
                    value.write(out);
                }
                out.push('}');
            }
        }
    }

    fn text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }
}

/// Declared evidence paths, their groups and segments: keys that reach the
/// typed loader rather than only the "undeclared key" warning.
fn known_keys() -> &'static [String] {
    static KEYS: OnceLock<Vec<String>> = OnceLock::new();
    KEYS.get_or_init(|| {
        let mut keys = BTreeSet::new();
        for (path, _) in basiskader().evidence_paths() {
            keys.insert(path.to_string());
            let segments: Vec<&str> = path.split('.').collect();
            for i in 0..segments.len() {
                keys.insert(segments[i].to_string());
                keys.insert(segments[..=i].join("."));
                keys.insert(segments[i..].join("."));
            }
        }
        keys.into_iter().collect()
    })
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(known_keys()),
        1 => any::<String>(),
        1 => "[a-z_.]{0,12}",
        1 => Just(String::new()),
    ]
}

fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        "-?(0|[1-9][0-9]{0,60})(\\.[0-9]{1,60})?([eE][+-]?[0-9]{1,7})?",
        any::<i64>().prop_map(|n| n.to_string()),
        any::<u64>().prop_map(|n| n.to_string()),
        any::<f64>()
            .prop_filter("JSON has no NaN or infinity", |f| f.is_finite())
            .prop_map(|f| format!("{f:?}")),
        Just("1e999999999".to_string()),
        Just("-0".to_string()),
        Just("0.7".to_string()),
        Just("1".to_string()),
    ]
}

fn odd_string() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9]{4}-[0-9]{2}-[0-9]{2}",
        "[0-9+-]{1,6}-[0-9]{1,3}-[0-9]{1,3}",
        "-?[0-9]{0,40}(\\.[0-9]{0,40})?(e[0-9]{1,4})? ?%",
        proptest::sample::select(vec![
            "",
            " ",
            "   ",
            "%",
            "-%",
            "nan%",
            "po",
            "vo",
            "mbo",
            "jeugdzorg",
            "true"
        ])
        .prop_map(str::to_string),
        "\\PC{0,3}\u{0}\u{FEFF}\u{202E}\\PC{0,3}",
    ]
}

fn json_value() -> impl Strategy<Value = Json> {
    let leaf = prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::Bool),
        number().prop_map(Json::Number),
        odd_string().prop_map(Json::String),
    ];
    leaf.prop_recursive(8, 96, 8, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..8).prop_map(Json::Array),
            proptest::collection::vec((key(), inner), 0..8).prop_map(Json::Object),
        ]
    })
}

/// Something shaped like an evidence file, with arbitrary parts.
fn evidence_document() -> impl Strategy<Value = Json> {
    let location = prop_oneof![
        Just(Json::Object(vec![(
            "id".into(),
            Json::String("brin-00XX-00".into())
        )])),
        json_value(),
    ];
    let as_of = prop_oneof![
        "20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])".prop_map(Json::String),
        Just(Json::String("0000-01-01".into())),
        Just(Json::String("9999-12-31".into())),
        json_value(),
    ];
    let evidence = prop_oneof![
        proptest::collection::vec((key(), json_value()), 0..24).prop_map(Json::Object),
        json_value(),
    ];
    (
        location,
        as_of,
        evidence,
        proptest::option::of((key(), json_value())),
    )
        .prop_map(|(location, as_of, evidence, extra)| {
            let mut entries = vec![
                ("location".to_string(), location),
                ("as_of".to_string(), as_of),
                ("evidence".to_string(), evidence),
            ];
            entries.extend(extra);
            Json::Object(entries)
        })
}

/// Loads and, when that works, evaluates and renders: none of it may panic.
fn load_and_render(text: &str, as_of: Option<kader::Date>) {
    let framework = basiskader();
    let options = kader::LoadOptions {
        as_of,
        ..kader::LoadOptions::default()
    };
    match Evidence::from_json_with(framework, text, options) {
        Ok(evidence) => {
            let outcome = framework.decide(&evidence, Stage::Intake).explain().outcome;
            let _ = render_all(&outcome);
            // A loaded document always gets a verdict with every criterion.
            assert_eq!(outcome.criteria.len(), 49);
        }
        Err(error) => assert!(!error.problems.is_empty()),
    }
}

proptest! {
    #![proptest_config(config(192))]

    #[test]
    fn arbitrary_evidence_never_panics(document in evidence_document(), override_date in any::<bool>()) {
        let as_of = override_date.then(|| "2026-11-30".parse().unwrap());
        load_and_render(&document.text(), as_of);
    }

    #[test]
    fn arbitrary_json_never_panics(value in json_value()) {
        load_and_render(&value.text(), None);
    }

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        load_and_render(&text, None);
        let _ = Evidence::from_toml(basiskader(), &text);
    }

    /// A sample with one declared value replaced by anything at all.
    #[test]
    fn a_sample_with_one_arbitrary_value_never_panics(
        sample in 0usize..100,
        which in 0usize..100,
        value in json_value(),
    ) {
        let samples = json_samples();
        let (_, full) = &samples[sample % samples.len()];
        let mut paths = Vec::new();
        leaf_paths(&full["evidence"], "", &mut paths);
        let path = &paths[which % paths.len()];
        let mut document = full.clone();
        let replacement: Value = serde_json::from_str(&value.text()).unwrap_or(Value::Null);
        let mut node = &mut document["evidence"];
        for segment in path.split('.') {
            node = &mut node[segment];
        }
        *node = replacement;
        load_and_render(&document.to_string(), None);
    }
}

#[test]
fn deep_nesting_never_panics() {
    for depth in [1, 10, 100, 127, 128, 129, 1_000, 100_000] {
        for (open, close) in [("[", "]"), ("{\"monitor\":", "}")] {
            let nested = format!("{}1{}", open.repeat(depth), close.repeat(depth));
            let text = format!(
                r#"{{"location": {{"id": "x"}}, "as_of": "2026-11-30", "evidence": {{"monitor": {nested}}}}}"#
            );
            load_and_render(&text, None);
            load_and_render(&nested, None);
        }
        let toml = format!(
            "as_of = 2026-11-30\n[location]\nid = \"x\"\n[evidence]\nmonitor = {}1{}\n",
            "[".repeat(depth),
            "]".repeat(depth)
        );
        let _ = Evidence::from_toml(basiskader(), &toml);
        let toml = format!(
            "as_of = 2026-11-30\n[location]\nid = \"x\"\n[evidence]\nmonitor = {}1{}\n",
            "{a = ".repeat(depth),
            "}".repeat(depth)
        );
        let _ = Evidence::from_toml(basiskader(), &toml);
    }
}

#[test]
fn extreme_dates_never_panic() {
    // Windows and the validity reach before year 0 or after 9999.
    for as_of in ["0000-01-01", "0001-02-28", "9999-12-31", "9998-01-31"] {
        for path in sample_paths() {
            let text = std::fs::read_to_string(&path).unwrap();
            let options = kader::LoadOptions {
                as_of: Some(as_of.parse().unwrap()),
                ..kader::LoadOptions::default()
            };
            let evidence = match path.extension().and_then(|e| e.to_str()) {
                Some("toml") => Evidence::from_toml_with(basiskader(), &text, options),
                _ => Evidence::from_json_with(basiskader(), &text, options),
            }
            .unwrap();
            let outcome = basiskader()
                .decide(&evidence, Stage::Intake)
                .explain()
                .outcome;
            let _ = render_all(&outcome);
        }
    }
}

// ---------------------------------------------------------------------------
// (c) Kleene's three-valued logic.

/// A condition over two bool evidence values `a` and `b`.
#[derive(Clone, Debug)]
enum Cond {
    A,
    B,
    Lit(bool),
    Not(Box<Cond>),
    And(Box<Cond>, Box<Cond>),
    Or(Box<Cond>, Box<Cond>),
}

impl Cond {
    /// In the framework's notation, fully parenthesised.
    fn notation(&self) -> String {
        match self {
            Cond::A => "a".into(),
            Cond::B => "b".into(),
            Cond::Lit(b) => b.to_string(),
            Cond::Not(c) => format!("not ({})", c.notation()),
            Cond::And(l, r) => format!("({}) and ({})", l.notation(), r.notation()),
            Cond::Or(l, r) => format!("({}) or ({})", l.notation(), r.notation()),
        }
    }

    /// The reference: Kleene's strong three-valued logic, `None` unknown.
    fn kleene(&self, a: Option<bool>, b: Option<bool>) -> Option<bool> {
        match self {
            Cond::A => a,
            Cond::B => b,
            Cond::Lit(v) => Some(*v),
            Cond::Not(c) => c.kleene(a, b).map(|v| !v),
            Cond::And(l, r) => match (l.kleene(a, b), r.kleene(a, b)) {
                (Some(false), _) | (_, Some(false)) => Some(false),
                (Some(true), Some(true)) => Some(true),
                _ => None,
            },
            Cond::Or(l, r) => match (l.kleene(a, b), r.kleene(a, b)) {
                (Some(true), _) | (_, Some(true)) => Some(true),
                (Some(false), Some(false)) => Some(false),
                _ => None,
            },
        }
    }
}

fn cond() -> impl Strategy<Value = Cond> {
    let leaf = prop_oneof![
        3 => Just(Cond::A),
        3 => Just(Cond::B),
        1 => any::<bool>().prop_map(Cond::Lit),
    ];
    leaf.prop_recursive(5, 24, 2, |inner| {
        prop_oneof![
            inner.clone().prop_map(|c| Cond::Not(Box::new(c))),
            (inner.clone(), inner.clone()).prop_map(|(l, r)| Cond::And(Box::new(l), Box::new(r))),
            (inner.clone(), inner).prop_map(|(l, r)| Cond::Or(Box::new(l), Box::new(r))),
        ]
    })
}

/// A framework with one criterion `K{i}` per condition, each a single
/// `require` (so its status is the condition's truth value).
fn kleene_framework(conditions: &[String]) -> Framework {
    let mut source = String::from(
        "framework k \"Kleene\" version \"1\"\nevidence {\n  a : bool\n  b : bool\n}\ntheme t \"T\" {\n",
    );
    for (i, condition) in conditions.iter().enumerate() {
        let _ = writeln!(
            source,
            "  criterion K{i} \"K{i}\" {{\n    owner school\n    require {condition}\n  }}"
        );
    }
    source.push_str(
        "}\nscoring {\n  theme passes when all mandatory pass and score >= 60%\n  certified when all themes pass\n}\n",
    );
    common::compile(&source)
}

const THREE: [Option<bool>; 3] = [Some(true), Some(false), None];

/// The evidence `a`, `b`: a missing value is left out or written `null`.
fn bool_evidence(framework: &Framework, a: Option<bool>, b: Option<bool>, null: bool) -> Evidence {
    let mut entries = Vec::new();
    for (name, value) in [("a", a), ("b", b)] {
        match value {
            Some(v) => entries.push(format!("\"{name}\": {v}")),
            None if null => entries.push(format!("\"{name}\": null")),
            None => {}
        }
    }
    let text = format!(
        r#"{{"location": {{"id": "k"}}, "as_of": "2026-11-30", "evidence": {{{}}}}}"#,
        entries.join(", ")
    );
    Evidence::from_json(framework, &text).unwrap()
}

fn truth(status: Status) -> Option<bool> {
    match status {
        Status::Pass => Some(true),
        Status::Fail => Some(false),
        Status::Unknown => None,
        Status::NotApplicable => panic!("no `applies when` here"),
        Status::Waived => panic!("no exceptions here"),
    }
}

/// Every condition, on all nine combinations of true, false and missing,
/// against the reference.
fn check_kleene(conditions: &[Cond], null: bool) -> Result<(), String> {
    let notations: Vec<String> = conditions.iter().map(Cond::notation).collect();
    let framework = kleene_framework(&notations);
    for a in THREE {
        for b in THREE {
            let outcome = framework
                .decide(&bool_evidence(&framework, a, b, null), Stage::Intake)
                .explain()
                .outcome;
            for (i, condition) in conditions.iter().enumerate() {
                let got = truth(outcome.criteria[i].status);
                let want = condition.kleene(a, b);
                if got != want {
                    return Err(format!(
                        "`{}` with a = {a:?}, b = {b:?}: got {got:?}, expected {want:?}",
                        notations[i]
                    ));
                }
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn conditions_follow_kleene_logic(
        conditions in proptest::collection::vec(cond(), 1..8),
        null in any::<bool>(),
    ) {
        check_kleene(&conditions, null).map_err(TestCaseError::fail)?;
    }
}

/// The laws by name, each side against the reference and against each
/// other, in the notation an author writes (relying on precedence:
/// `not` binds tighter than `and`, `and` tighter than `or`).
#[test]
fn kleene_laws_hold() {
    #[rustfmt::skip]
    let laws: &[(&str, &str)] = &[
        ("not (a or b)", "not a and not b"),
        ("not (a and b)", "not a or not b"),
        ("not not a", "a"),
        ("a and b", "b and a"),
        ("a or b", "b or a"),
        ("a and (b or a)", "(a and b) or (a and a)"),
        ("a or b and a", "a or (b and a)"),
        ("a and false", "false"),
        ("a or true", "true"),
        ("a and true", "a"),
        ("a or false", "a"),
    ];
    let mut conditions = Vec::new();
    for (lhs, rhs) in laws {
        conditions.push((*lhs).to_string());
        conditions.push((*rhs).to_string());
    }
    // Not laws in three-valued logic: excluded middle and contradiction
    // leave a missing value unknown.
    conditions.push("a or not a".into());
    conditions.push("a and not a".into());
    let framework = kleene_framework(&conditions);
    let mut seen = BTreeSet::new();
    for a in THREE {
        for b in THREE {
            let outcome = framework
                .decide(&bool_evidence(&framework, a, b, false), Stage::Intake)
                .explain()
                .outcome;
            let status = |i: usize| outcome.criteria[i].status;
            for (i, (lhs, rhs)) in laws.iter().enumerate() {
                assert_eq!(
                    status(2 * i),
                    status(2 * i + 1),
                    "`{lhs}` vs `{rhs}` with a = {a:?}, b = {b:?}"
                );
                seen.insert(format!("{:?}", status(2 * i)));
            }
            let n = 2 * laws.len();
            let (middle, contradiction) = (status(n), status(n + 1));
            match a {
                None => {
                    assert_eq!(middle, Status::Unknown);
                    assert_eq!(contradiction, Status::Unknown);
                }
                Some(_) => {
                    assert_eq!(middle, Status::Pass);
                    assert_eq!(contradiction, Status::Fail);
                }
            }
        }
    }
    assert_eq!(seen.len(), 3, "every truth value occurs: {seen:?}");
    // The spec's own examples.
    let spec = [
        Cond::And(Box::new(Cond::Lit(false)), Box::new(Cond::A)),
        Cond::Or(Box::new(Cond::Lit(true)), Box::new(Cond::A)),
        Cond::Not(Box::new(Cond::A)),
    ];
    check_kleene(&spec, false).unwrap();
}

// ---------------------------------------------------------------------------
// (d) Monotonicity.

/// For each criterion whose rule uses `present(...)`, the paths it tests.
///
/// `present(p)` holds when `p` is supplied and (for text) not blank
/// (basiskader.md), so taking `p` out turns `present(p)` from true into
/// false, not into unknown: by design such a criterion can go from pass to
/// fail when evidence is removed. Those criteria are checked on their own
/// (they must not pass without the evidence) instead of for monotonicity.
fn present_paths() -> &'static BTreeMap<String, BTreeSet<String>> {
    static PRESENT: OnceLock<BTreeMap<String, BTreeSet<String>>> = OnceLock::new();
    PRESENT.get_or_init(|| {
        let mut map: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut current: Option<String> = None;
        for line in basiskader_source().lines() {
            let line = line.trim();
            if let Some(rest) = line.strip_prefix("criterion ") {
                current = rest.split_whitespace().next().map(str::to_string);
            } else if line.starts_with("theme ") || line.starts_with("define ") {
                current = None;
            }
            let mut rest = line;
            while let Some(i) = rest.find("present(") {
                let after = &rest[i + "present(".len()..];
                let end = after.find(')').unwrap();
                let criterion = current.clone().unwrap_or_else(|| {
                    panic!("`present` outside a criterion (in a define?): extend this test: {line}")
                });
                map.entry(criterion)
                    .or_default()
                    .insert(after[..end].trim().to_string());
                rest = &after[end..];
            }
        }
        map
    })
}

#[test]
fn the_present_criteria_are_the_ones_basiskader_names() {
    let ids: Vec<&str> = present_paths().keys().map(String::as_str).collect();
    assert_eq!(ids, ["B3", "F3", "P2", "P5", "S1", "Z2", "Z6"]);
}

fn is_known(status: Status) -> bool {
    status != Status::Unknown
}

proptest! {
    #![proptest_config(config(256))]

    /// Take evidence out of a sample: whatever is still decided (pass, fail,
    /// not applicable; a level; a theme; the verdict) is decided the same
    /// way with the full evidence. Supplying a missing value only turns
    /// `unknown` into a decision.
    #[test]
    fn more_evidence_only_decides_what_was_unknown(
        sample in 0usize..100,
        mask in proptest::collection::vec(proptest::bool::weighted(0.25), 80),
        as_null in any::<bool>(),
        remove_present in proptest::bool::weighted(0.3),
    ) {
        let framework = basiskader();
        // Most cases keep the evidence `present()` tests, so that themes and
        // the verdict are compared too (see `present_paths`).
        let mask = if remove_present {
            mask
        } else {
            let samples = json_samples();
            let mut paths = Vec::new();
            leaf_paths(&samples[sample % samples.len()].1["evidence"], "", &mut paths);
            let tested: BTreeSet<&String> = present_paths().values().flatten().collect();
            paths
                .iter()
                .zip(mask.iter().chain(std::iter::repeat(&false)))
                .map(|(p, take)| *take && !tested.contains(p))
                .collect()
        };
        let (full, partial, removed) = thinned(sample, &mask, as_null);
        let removed: BTreeSet<String> = removed.into_iter().collect();
        let with_all = evaluate(framework, full);
        let with_less = evaluate(framework, &partial);
        let mut present_removed = false;
        for (less, all) in with_less.criteria.iter().zip(&with_all.criteria) {
            prop_assert_eq!(&less.id, &all.id);
            let tested = present_paths().get(&less.id);
            if tested.is_some_and(|paths| !paths.is_disjoint(&removed)) {
                // present(p) with p taken out is false: the criterion cannot
                // pass (it fails, or is unknown or not applicable for
                // reasons of its own).
                present_removed = true;
                prop_assert_ne!(less.status, Status::Pass, "{} passes without {:?}", less.id, tested);
                continue;
            }
            if is_known(less.status) {
                prop_assert_eq!(
                    less.status, all.status,
                    "{} is {:?} without {:?} but {:?} with everything",
                    less.id, less.status, removed, all.status
                );
                if less.level.is_some() {
                    prop_assert_eq!(less.level, all.level, "level of {}", less.id);
                }
            }
        }
        if !present_removed {
            for (less, all) in with_less.themes.iter().zip(&with_all.themes) {
                if is_known(less.status) {
                    prop_assert_eq!(less.status, all.status, "theme {}", less.id);
                }
            }
            if with_less.verdict != Verdict::InsufficientEvidence {
                prop_assert_eq!(with_less.verdict, with_all.verdict);
            }
        }
    }
}

/// The monotonicity property above must be able to see a change: taking
/// out everything but the `present()` evidence of a certified sample
/// leaves it undecided, without a single failure.
#[test]
fn taking_evidence_out_makes_criteria_unknown() {
    let framework = basiskader();
    let sample = json_samples()
        .iter()
        .position(|(p, _)| p.ends_with("po-de-regenboog-certified.json"))
        .unwrap();
    let (full, _, _) = thinned(sample, &[], false);
    let mut paths = Vec::new();
    leaf_paths(&full["evidence"], "", &mut paths);
    let kept: BTreeSet<&String> = present_paths().values().flatten().collect();
    let mask: Vec<bool> = paths.iter().map(|p| !kept.contains(p)).collect();
    let (_, partial, removed) = thinned(sample, &mask, false);
    assert_eq!(removed.len(), paths.len() - kept.len());
    let all = evaluate(framework, full);
    let less = evaluate(framework, &partial);
    assert_eq!(all.verdict, Verdict::Certified);
    assert_eq!(less.verdict, Verdict::InsufficientEvidence);
    assert!(less.criteria.iter().all(|c| c.status != Status::Fail));
    assert!(less.criteria.iter().any(|c| c.status == Status::Unknown));
}

// ---------------------------------------------------------------------------
// Exact arithmetic.

/// One framework, three ways of writing one average, each against the
/// same threshold: they are the same number, so they decide alike.
const AVERAGES: &str = r#"framework f "F" version "1"
evidence {
  a : number "A"
  b : number "B"
  c : number "C"
}
theme t "T" {
  criterion S "S" { owner school require (a + b + c) / 3 >= TT }
  criterion P "P" { owner school require a / 3 + b / 3 + c / 3 >= TT }
  criterion K "K" { owner school require (a + b + c) * KK / (3 * KK) >= TT }
  criterion D "D" { owner school require a / 7 + b / 7 + c / 7 - (a + b + c) / 7 + (a + b + c) / 3 >= TT }
}
"#;

/// A number with up to two decimals, from hundredths.
fn hundredths(n: i64) -> String {
    rust_decimal::Decimal::new(n, 2).normalize().to_string()
}

proptest! {
    #![proptest_config(config(96))]

    /// Issue: `a / 3 + b / 3 + c / 3 >= 7` with 7, 7, 7 failed, the sum
    /// rounded to 6.9999999999999999999999999999. Mathematically equal
    /// conditions now decide equally, and as whole-number arithmetic says.
    #[test]
    fn equal_arithmetic_decides_equally(
        a in -2_000i64..2_000,
        b in -2_000i64..2_000,
        c in -2_000i64..2_000,
        k in prop_oneof![1i64..50, Just(7), Just(3), Just(9)],
        // A threshold near the average, in hundredths.
        offset in -3i64..3,
    ) {
        // Thresholds are whole hundredths; the average is (a+b+c)/300.
        let sum = a + b + c;
        let threshold = sum.div_euclid(3) + offset;
        let source = AVERAGES
            .replace("KK", &k.to_string())
            .replace("TT", &hundredths(threshold));
        let framework = Framework::compile(&source).map_err(|d| TestCaseError::fail(format!("{d:?}")))?;
        let text = format!(
            r#"{{"location":{{"id":"x"}},"as_of":"2026-11-30","evidence":{{"a":{},"b":{},"c":{}}}}}"#,
            hundredths(a),
            hundredths(b),
            hundredths(c)
        );
        let evidence = Evidence::from_json(&framework, &text).unwrap();
        let outcome = framework.decide(&evidence, Stage::Intake).explain().outcome;
        // (a+b+c)/300 >= threshold/100  <=>  a+b+c >= 3 * threshold
        let expected = if sum >= 3 * threshold { Status::Pass } else { Status::Fail };
        for criterion in &outcome.criteria {
            prop_assert_eq!(criterion.status, expected, "{} in\n{}\nwith {}", criterion.id, source, text);
        }
    }
}

/// The case of the issue, and a gap that shows a fraction rounded for
/// reading while the decision stays exact.
#[test]
fn thirds_of_sevens_make_seven() {
    let framework = Framework::compile(&AVERAGES.replace("KK", "2").replace("TT", "7")).unwrap();
    let evidence = |a: &str| {
        Evidence::from_json(
            &framework,
            &format!(r#"{{"location":{{"id":"x"}},"as_of":"2026-11-30","evidence":{{"a":{a},"b":7,"c":7}}}}"#),
        )
        .unwrap()
    };
    let outcome = framework
        .decide(&evidence("7"), Stage::Intake)
        .explain()
        .outcome;
    assert!(outcome.criteria.iter().all(|c| c.status == Status::Pass));
    let outcome = framework
        .decide(&evidence("6.99"), Stage::Intake)
        .explain()
        .outcome;
    assert!(outcome.criteria.iter().all(|c| c.status == Status::Fail));
    assert_eq!(outcome.criteria[0].gaps[0].actual, "6.9967");
}
