//! A layer never loosens its base (`docs/layers.md`), for generated
//! frameworks, generated stacks of layers and generated evidence, at both
//! stages:
//!
//! - if the layer certifies a location, the base certifies it;
//! - a base theme never has a better status under the layer (fail, then
//!   unknown, then pass);
//! - a base criterion never has a better status under the layer;
//! - all of it with the same register of exceptions under both;
//! - the layered verdict is the meet of its `base` and `local` parts, and
//!   `base` is the bottom framework's own verdict.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::fmt::Write as _;

use kader::{Decision, Evidence, Framework, MemoryResolver, Register, Stage, Status, Verdict};
use proptest::prelude::*;

use crate::common::Rng;
use proptest::test_runner::FileFailurePersistence;

const NUMBERS: usize = 4;
const FLAGS: usize = 3;

/// A condition over the generated evidence.
fn condition(rng: &mut Rng, slots: &[(String, bool)]) -> String {
    let (path, is_flag) = &slots[rng.next(slots.len() as u64) as usize];
    let one = if *is_flag {
        if rng.chance(30) {
            format!("not {path}")
        } else {
            path.clone()
        }
    } else {
        let op = [">=", ">", "<=", "==", "<"][rng.next(5) as usize];
        format!("{path} {op} {}", rng.next(10))
    };
    if rng.chance(20) {
        let other = condition(rng, slots);
        let logic = if rng.chance(50) { "and" } else { "or" };
        format!("({one}) {logic} ({other})")
    } else {
        one
    }
}

/// A criterion's body: knock-out, weight, legal basis, where it applies,
/// requirements or levels.
fn criterion(rng: &mut Rng, id: &str, slots: &[(String, bool)]) -> String {
    criterion_weighing(rng, id, slots, None)
}

fn criterion_weighing(
    rng: &mut Rng,
    id: &str,
    slots: &[(String, bool)],
    heavy: Option<u64>,
) -> String {
    let mut out = format!("  criterion {id} \"Criterium {id}\" {{\n");
    if rng.chance(30) {
        out.push_str("    mandatory\n");
    }
    if let Some(weight) = heavy {
        let _ = writeln!(out, "    weight {weight}");
    } else if rng.chance(60) {
        let _ = writeln!(out, "    weight {}", rng.next(6));
    }
    if rng.chance(15) {
        out.push_str("    legal \"Wet op het onderwijs\"\n");
    }
    out.push_str("    owner school\n");
    if rng.chance(20) {
        let _ = writeln!(out, "    applies when {}", condition(rng, slots));
    }
    if rng.chance(25) {
        let max = 1 + rng.next(3);
        out.push_str("    score {\n");
        for level in (1..=max).rev() {
            let _ = writeln!(out, "      {level} when {}", condition(rng, slots));
        }
        out.push_str("      0 otherwise\n    }\n");
        if rng.chance(50) {
            let _ = writeln!(out, "    require {}", condition(rng, slots));
        }
    } else {
        for _ in 0..1 + rng.next(2) {
            let _ = writeln!(out, "    require {}", condition(rng, slots));
        }
    }
    out.push_str("  }\n");
    out
}

/// The weight a generated criterion's text gives it.
fn weight_of(body: &str) -> u64 {
    body.lines()
        .find_map(|l| l.trim().strip_prefix("weight ").map(|w| w.parse().unwrap()))
        .unwrap_or(1)
}

fn rule(rng: &mut Rng, at_least: u64) -> (bool, u64) {
    let all_mandatory = rng.chance(60);
    let threshold = at_least + rng.next(101 - at_least.min(100));
    (all_mandatory, threshold)
}

fn rule_text(all_mandatory: bool, threshold: u64) -> String {
    match (all_mandatory, threshold) {
        (true, t) => format!("all mandatory pass and score >= {t}%"),
        (false, t) => format!("score >= {t}%"),
    }
}

/// One framework of a stack and what a layer above it may build on.
struct Level {
    id: String,
    text: String,
    /// Base themes: id, knock-outs required, threshold.
    themes: Vec<(String, bool, u64)>,
    /// Criteria: id and weight.
    criteria: Vec<(String, u64)>,
    slots: Vec<(String, bool)>,
    /// The certificate's validity in months.
    validity: u64,
}

fn base(rng: &mut Rng) -> Level {
    let mut slots = Vec::new();
    let mut text =
        String::from("framework basis \"Basis\" version \"1\"\nvalidity 36 months\n\nevidence {\n");
    for i in 0..NUMBERS {
        let _ = writeln!(text, "  n.x{i} : int \"Getal {i}\"");
        slots.push((format!("n.x{i}"), false));
    }
    for i in 0..FLAGS {
        let _ = writeln!(text, "  f.b{i} : bool \"Vlag {i}\"");
        slots.push((format!("f.b{i}"), true));
    }
    text.push_str("}\n\n");
    let mut themes = Vec::new();
    let mut criteria = Vec::new();
    let mut scoring = String::new();
    for t in 0..1 + rng.next(3) {
        let id = format!("t{t}");
        let _ = writeln!(text, "theme {id} \"Thema {t}\" {{");
        for c in 0..1 + rng.next(4) {
            let cid = format!("B{t}{c}");
            let body = criterion(rng, &cid, &slots);
            criteria.push((cid, weight_of(&body)));
            text.push_str(&body);
        }
        text.push_str("}\n\n");
        let (all, threshold) = rule(rng, 0);
        let _ = writeln!(
            scoring,
            "  theme {id} passes when {}",
            rule_text(all, threshold)
        );
        themes.push((id, all, threshold));
    }
    let _ = write!(
        text,
        "scoring {{\n{scoring}  certified when all themes pass\n}}\n"
    );
    Level {
        id: "basis".into(),
        text,
        themes,
        criteria,
        slots,
        validity: 36,
    }
}

/// A layer over `below`: added criteria in base themes (any weight),
/// raised weights, added requirements and knock-outs, stricter rules, a
/// theme of its own, a shorter validity.
fn layer(rng: &mut Rng, below: &Level, depth: usize) -> Level {
    let id = format!("laag{depth}");
    let version = if below.id == "basis" { "1" } else { "2" };
    let mut text = format!(
        "framework {id} \"Laag {depth}\" version \"2\"\nextends {} version \"{version}\"\n",
        below.id
    );
    let mut validity = below.validity;
    if rng.chance(30) {
        validity = 1 + rng.next(below.validity);
        let _ = writeln!(text, "validity {validity} months");
    }
    let prefix = format!("l{depth}");
    let mut slots = below.slots.clone();
    if rng.chance(50) {
        let _ = writeln!(
            text,
            "\nevidence {{\n  {prefix}.y : int \"Nieuw getal\"\n  {prefix}.c : bool \"Nieuwe vlag\"\n}}"
        );
        slots.push((format!("{prefix}.y"), false));
        slots.push((format!("{prefix}.c"), true));
    }
    text.push('\n');
    let mut criteria = below.criteria.clone();
    for (cid, weight) in criteria.iter_mut() {
        if !rng.chance(35) {
            continue;
        }
        let _ = writeln!(text, "tighten {cid} {{");
        if rng.chance(40) {
            text.push_str("  mandatory\n");
        }
        if rng.chance(50) {
            let range = if rng.chance(20) { 1000 } else { 5 };
            let raised = *weight + rng.next(range);
            let _ = writeln!(text, "  weight {raised}");
            *weight = raised;
        }
        if rng.chance(60) {
            let _ = writeln!(text, "  require {}", condition(rng, &slots));
        }
        text.push_str("}\n");
    }
    let mut added = 0;
    for (theme, _, _) in &below.themes {
        if !rng.chance(50) {
            continue;
        }
        let _ = writeln!(text, "theme {theme} {{");
        for _ in 0..1 + rng.next(2) {
            let cid = format!("L{depth}{added}");
            added += 1;
            // Now and then a heavy criterion, to outweigh the base's.
            let heavy = rng.chance(30).then_some(1000);
            let body = criterion_weighing(rng, &cid, &slots, heavy);
            criteria.push((cid, weight_of(&body)));
            text.push_str(&body);
        }
        text.push_str("}\n");
    }
    let mut own_theme = None;
    if rng.chance(40) {
        let tid = format!("eigen{depth}");
        let _ = writeln!(text, "theme {tid} \"Eigen thema {depth}\" {{");
        let cid = format!("E{depth}");
        let body = criterion(rng, &cid, &slots);
        criteria.push((cid, weight_of(&body)));
        text.push_str(&body);
        text.push_str("}\n");
        own_theme = Some(tid);
    }
    let mut themes = Vec::new();
    let mut scoring = String::new();
    for (theme, all, threshold) in &below.themes {
        if rng.chance(40) {
            let (all_new, threshold_new) = rule(rng, *threshold);
            let all_new = all_new || *all;
            let _ = writeln!(
                scoring,
                "  theme {theme} passes when {}",
                rule_text(all_new, threshold_new)
            );
            themes.push((theme.clone(), all_new, threshold_new));
        } else {
            themes.push((theme.clone(), *all, *threshold));
        }
    }
    if let Some(tid) = &own_theme {
        let (all, threshold) = rule(rng, 0);
        let _ = writeln!(
            scoring,
            "  theme {tid} passes when {}",
            rule_text(all, threshold)
        );
        themes.push((tid.clone(), all, threshold));
    }
    if !scoring.is_empty() {
        let _ = write!(text, "\nscoring {{\n{scoring}}}\n");
    }
    Level {
        id,
        text,
        themes,
        criteria,
        slots,
        validity,
    }
}

/// Evidence for every slot of `framework`: a value, or missing.
fn evidence(rng: &mut Rng, slots: &[(String, bool)]) -> String {
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for (path, is_flag) in slots {
        if rng.chance(20) {
            continue;
        }
        let (group, key) = path.split_once('.').unwrap();
        let value = if *is_flag {
            rng.chance(60).to_string()
        } else {
            rng.next(10).to_string()
        };
        let entry = format!("\"{key}\": {value}");
        match groups.iter_mut().find(|(g, _)| g == group) {
            Some((_, entries)) => entries.push(entry),
            None => groups.push((group.to_string(), vec![entry])),
        }
    }
    let body: Vec<String> = groups
        .iter()
        .map(|(g, entries)| format!("\"{g}\": {{ {} }}", entries.join(", ")))
        .collect();
    format!(
        r#"{{ "location": {{ "id": "loc" }}, "as_of": "2026-11-30", "evidence": {{ {} }} }}"#,
        body.join(", ")
    )
}

fn rank(status: Status) -> u8 {
    match status {
        Status::Fail => 0,
        Status::Unknown => 1,
        Status::Pass => 2,
        // Not applicable and waived are the same under both: the layer
        // cannot change where a criterion applies or what is waived.
        Status::NotApplicable => 3,
        Status::Waived => 4,
    }
}

/// The three properties of `upper` over `lower`, and what `parts` says.
fn never_looser(upper: &Decision<'_>, lower: &Decision<'_>, context: &str) {
    assert!(
        upper.verdict().rank() <= lower.verdict().rank(),
        "the layer's verdict {:?} is better than the base's {:?}\n{context}",
        upper.verdict(),
        lower.verdict()
    );
    for theme in lower.themes() {
        let under = upper.themes().find(|t| t.id == theme.id).unwrap();
        assert!(
            rank(under.status) <= rank(theme.status),
            "theme {} is {:?} under the layer, {:?} under the base\n{context}",
            theme.id,
            under.status,
            theme.status
        );
    }
    for criterion in lower.criteria() {
        let under = upper.criterion(criterion.id).unwrap();
        let (u, l) = (rank(under.status), rank(criterion.status));
        assert!(
            u == l || (u <= 2 && l <= 2 && u < l),
            "criterion {} is {:?} under the layer, {:?} under the base\n{context}",
            criterion.id,
            under.status,
            criterion.status
        );
    }
}

fn check_stack(seed: u64, locations: usize) {
    let mut rng = Rng(seed);
    let levels = {
        let base = base(&mut rng);
        let first = layer(&mut rng, &base, 1);
        let second = layer(&mut rng, &first, 2);
        [base, first, second]
    };
    let resolver = levels.iter().fold(MemoryResolver::new(), |r, l| {
        r.with(&l.id, &format!("{}.kader", l.id), &l.text)
    });
    let compiled: Vec<Framework> = levels
        .iter()
        .map(|l| {
            Framework::compile_with(&l.text, &format!("{}.kader", l.id), &resolver).unwrap_or_else(
                |d| {
                    panic!(
                        "seed {seed}: a generated framework does not compile:\n{}\n{}",
                        d.render("gen.kader", &l.text, false),
                        l.text
                    )
                },
            )
        })
        .collect();
    let texts = levels
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n----\n");
    let slots = &levels[2].slots;
    // The certifying body's register, the same for every framework: now
    // and then an exception for a base criterion without a legal basis.
    let entry = |criterion: &str| {
        format!(
            r#"{{"location": "loc", "criterion": "{criterion}", "reason": "r", "granted_by": "g", "decided_on": "2026-01-01", "valid_until": "2027-01-01"}}"#
        )
    };
    let waivable: Vec<&str> = levels[0]
        .criteria
        .iter()
        .map(|(id, _)| id.as_str())
        .filter(|id| {
            Register::from_json(
                &compiled[0],
                &format!(r#"{{"exceptions": [{}]}}"#, entry(id)),
            )
            .is_ok()
        })
        .collect();
    for _ in 0..locations {
        let text = evidence(&mut rng, slots);
        let waived: Vec<String> = waivable
            .iter()
            .filter(|_| rng.chance(10))
            .map(|id| entry(id))
            .collect();
        let register = format!(r#"{{"exceptions": [{}]}}"#, waived.join(", "));
        let loaded: Vec<Evidence> = compiled
            .iter()
            .map(|f| {
                Evidence::from_json(f, &text)
                    .unwrap()
                    .with_exceptions(&Register::from_json(f, &register).unwrap())
            })
            .collect();
        for stage in [Stage::Intake, Stage::Audit] {
            let decisions: Vec<Decision<'_>> = compiled
                .iter()
                .zip(&loaded)
                .map(|(f, e)| f.decide(e, stage))
                .collect();
            let context =
                format!("seed {seed}, {stage:?}, evidence {text}, register {register}\n{texts}");
            for (upper, lower) in [(1, 0), (2, 1), (2, 0)] {
                never_looser(&decisions[upper], &decisions[lower], &context);
            }
            for layered in &decisions[1..] {
                let parts = layered.parts();
                assert_eq!(
                    parts.base,
                    decisions[0].verdict(),
                    "`base` is the base's own verdict\n{context}"
                );
                assert_eq!(
                    layered.verdict(),
                    parts.base.meet(parts.local.unwrap()),
                    "the verdict is the meet of its parts\n{context}"
                );
            }
            let base_parts = decisions[0].parts();
            assert_eq!(base_parts.base, decisions[0].verdict());
            assert_eq!(base_parts.local, None);
            for d in &decisions {
                if d.verdict() == Verdict::Certified {
                    assert_eq!(d.parts().base, Verdict::Certified, "{context}");
                }
            }
        }
    }
}

// The seeds of past failures stay beside this file
// (`monotone.proptest-regressions`): proptest's default, in a test binary
// with a `main.rs`, would look for them in `tests/proptest-regressions/`.
proptest! {
    #![proptest_config(ProptestConfig {
        cases: 400,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..ProptestConfig::default()
    })]

    /// 400 generated stacks of three, 25 locations each, both stages.
    #[test]
    fn generated_layers_never_loosen(seed in any::<u64>()) {
        check_stack(seed, 25);
    }
}

fn shipped() -> (Framework, Framework) {
    let base_text = std::fs::read_to_string("frameworks/basiskader.kader").unwrap();
    let layer_text = std::fs::read_to_string("frameworks/lokaal/voorbeeldstad.kader").unwrap();
    let resolver = MemoryResolver::new().with("basiskader", "basiskader.kader", &base_text);
    let base = Framework::compile(&base_text).unwrap();
    let layer = Framework::compile_with(&layer_text, "voorbeeldstad.kader", &resolver).unwrap();
    (base, layer)
}

/// The evidence only the Voorbeeldstad layer declares, taken out so that
/// the basiskader reads the same location without warnings.
fn without_layer_evidence(text: &str) -> String {
    let mut document: serde_json::Value = serde_json::from_str(text).unwrap();
    let evidence = document["evidence"].as_object_mut().unwrap();
    for group in ["halt", "surroundings", "substances"] {
        if let Some(serde_json::Value::Object(keys)) = evidence.get_mut(group) {
            keys.retain(|key, _| {
                !matches!(
                    key.as_str(),
                    "lesson_group8"
                        | "lesson_first_year"
                        | "police_walk"
                        | "ggd_agreement"
                        | "lessons_12m"
                )
            });
            if keys.is_empty() {
                evidence.remove(group);
            }
        }
    }
    document.to_string()
}

/// The shipped Voorbeeldstad layer over 10,000 generated locations.
#[test]
fn voorbeeldstad_never_loosens_the_basiskader() {
    let (base, layer) = shipped();
    let generator = kader::generate::Generator::new(&layer, 2026);
    let mut certified = [0usize; 2];
    for n in 0..10_000 {
        let text = generator.location(n).to_json();
        let under_layer = Evidence::from_json(&layer, &text).unwrap();
        let under_base = Evidence::from_json(&base, &without_layer_evidence(&text)).unwrap();
        assert!(
            under_base.warnings().is_empty(),
            "{:?}",
            under_base.warnings()
        );
        for stage in [Stage::Intake, Stage::Audit] {
            let lower = base.decide(&under_base, stage);
            let upper = layer.decide(&under_layer, stage);
            never_looser(&upper, &lower, &format!("location {n}, {stage:?}"));
            let parts = upper.parts();
            assert_eq!(parts.base, lower.verdict(), "location {n}");
            assert_eq!(upper.verdict(), parts.base.meet(parts.local.unwrap()));
            certified[0] += usize::from(lower.verdict() == Verdict::Certified);
            certified[1] += usize::from(upper.verdict() == Verdict::Certified);
        }
    }
    // The generated locations reach every outcome, or the test proves little.
    assert!(
        certified[1] > 0 && certified[0] > certified[1],
        "{certified:?}"
    );
}

/// `kader diff BASE LAYER` never reports a location gaining certification.
#[test]
fn diff_from_base_to_layer_never_gains_certification() {
    let (base, layer) = shipped();
    let generator = kader::generate::Generator::new(&layer, 7);
    let samples: Vec<kader::diff::Sample> = (0..500)
        .map(|n| {
            let location = generator.location(n);
            kader::diff::Sample::json(location.id(), location.to_json())
        })
        .collect();
    let impact = kader::diff::impact(&base, &layer, &samples, &kader::diff::Options::default());
    assert_eq!(impact.summary.gain_certification, 0);
    assert!(impact.summary.lose_certification > 0);
}
