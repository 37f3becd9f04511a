//! The improvement plan: its order on crafted cases worked out by hand, the
//! smallest set of criteria to the certificate (`what_it_takes`) by hand and
//! by brute force, and `kader plan` on the samples.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::common;

use std::process::Command;

use common::{basiskader, compile, load, root};
use kader::plan::{self, Priority};
use kader::{Evidence, Framework, Stage, Status, Verdict};
use serde_json::{json, Value};

/// One location's evidence as JSON, `as_of` 2026-11-30.
fn evidence(framework: &Framework, values: &Value) -> Evidence {
    let document = json!({
        "location": { "id": "t-01", "name": "Test" },
        "as_of": "2026-11-30",
        "evidence": values,
    });
    Evidence::from_json(framework, &document.to_string()).unwrap()
}

fn ids(items: &[kader::plan::PlanItem]) -> Vec<&str> {
    items.iter().map(|i| i.criterion.as_str()).collect()
}

// ---------------------------------------------------------------- order

/// Three themes, 60% each. Theme one (weight 7): L2 unknown and L1 failing,
/// both legal knock-outs; M1 a knock-out without legal basis; X1 passes;
/// X2 (weight 2) and X3 fail. Theme two (weight 6): Y1 passes, Y2, Y3
/// (weight 3) and Y4 fail. Theme three (weight 10): Z1 (weight 8) passes,
/// Z2 (weight 2) fails, 80%: it passes.
const ORDER: &str = r#"
framework order "Order" version "1"
language en
evidence {
  l2 : bool "L2 evidence"
  l1 : bool "L1 evidence"
  m1 : bool "M1 evidence"
  x1 : bool "X1 evidence"
  x2 : bool "X2 evidence"
  x3 : bool "X3 evidence"
  y1 : bool "Y1 evidence"
  y2 : bool "Y2 evidence"
  y3 : bool "Y3 evidence"
  y4 : bool "Y4 evidence"
  z1 : bool "Z1 evidence"
  z2 : bool "Z2 evidence"
}
theme one "One" {
  criterion L2 "Unknown legal knock-out" { mandatory owner school legal "Law 2" require l2 }
  criterion L1 "Failing legal knock-out" { mandatory owner school legal "Law 1" require l1 }
  criterion M1 "Knock-out" { mandatory owner gemeente require m1 }
  criterion X1 "Passes" { owner school require x1 }
  criterion X2 "Heavy" { weight 2 owner politie require x2 }
  criterion X3 "Light" { owner halt require x3 }
}
theme two "Two" {
  criterion Y1 "Passes" { owner school require y1 }
  criterion Y2 "Light A" { owner ggd require y2 }
  criterion Y3 "Heavy" { weight 3 owner joint require y3 }
  criterion Y4 "Light B" { owner school require y4 }
}
theme three "Three" {
  criterion Z1 "Passes" { weight 8 owner school require z1 }
  criterion Z2 "Fails" { weight 2 owner gemeente require z2 }
}
scoring {
  theme passes when all mandatory pass and score >= 60%
  certified when all themes pass
}
"#;

fn order_evidence(framework: &Framework) -> Evidence {
    evidence(
        framework,
        &json!({
            "l1": false, "m1": false, "x1": true, "x2": false, "x3": false,
            "y1": true, "y2": false, "y3": false, "y4": false,
            "z1": true, "z2": false
        }),
    )
}

/// By hand: the knock-outs first (legal ones first, the failing L1 before
/// the unknown L2, then M1); then the threshold items by the share of their
/// theme they add (Y3 3/6 = 50% before X2 2/7 ≈ 28.6%); then the rest by
/// that share (Z2 2/10 = 20%, Y2 and Y4 1/6 ≈ 16.7% in framework order, X3
/// 1/7 ≈ 14.3%).
#[test]
fn the_plan_orders_knock_outs_then_thresholds_then_the_largest_gains() {
    let framework = compile(ORDER);
    let outcome = framework
        .decide(&order_evidence(&framework), Stage::Intake)
        .explain()
        .outcome;
    let plan = plan::plan(&framework, &outcome);
    assert_eq!(
        ids(&plan.items),
        ["L1", "L2", "M1", "Y3", "X2", "Z2", "Y2", "Y4", "X3"]
    );
    let priorities: Vec<Priority> = plan.items.iter().map(|i| i.priority).collect();
    assert_eq!(
        priorities,
        [
            Priority::LegalMandatory,
            Priority::LegalMandatory,
            Priority::Mandatory,
            Priority::Threshold,
            Priority::Threshold,
            Priority::Other,
            Priority::Other,
            Priority::Other,
            Priority::Other,
        ]
    );
    // Theme one: X1 (1) plus the three knock-outs (3) is 4/7 < 60%; X2, the
    // largest gain, makes it 6/7. Theme two: Y1 (1) is 1/6; Y3 makes it
    // 4/6. Theme three passes.
    assert_eq!(plan.what_it_takes, ["L2", "L1", "M1", "X2", "Y3"]);
    let needed: Vec<&str> = plan
        .items
        .iter()
        .filter(|i| i.needed_for_certificate)
        .map(|i| i.criterion.as_str())
        .collect();
    assert_eq!(needed, ["L1", "L2", "M1", "Y3", "X2"]);
    let gains: Vec<String> = plan
        .items
        .iter()
        .map(|i| i.gain.unwrap().round_dp(4).normalize().to_string())
        .collect();
    assert_eq!(
        gains,
        ["0.1429", "0.1429", "0.1429", "0.5", "0.2857", "0.2", "0.1667", "0.1667", "0.1429"]
    );
}

/// The actions per partner, partners in the language's order, plan order
/// within.
#[test]
fn by_owner_keeps_plan_order_within_each_partner() {
    let framework = compile(ORDER);
    let outcome = framework
        .decide(&order_evidence(&framework), Stage::Intake)
        .explain()
        .outcome;
    let plan = plan::plan(&framework, &outcome);
    let grouped: Vec<(&str, Vec<&str>)> = plan
        .by_owner()
        .into_iter()
        .map(|(owner, items)| (owner, items.iter().map(|i| i.criterion.as_str()).collect()))
        .collect();
    assert_eq!(
        grouped,
        [
            ("school", vec!["L1", "L2", "Y4"]),
            ("gemeente", vec!["M1", "Z2"]),
            ("politie", vec!["X2"]),
            ("halt", vec!["X3"]),
            ("ggd", vec!["Y2"]),
            ("joint", vec!["Y3"]),
        ]
    );
}

// ---------------------------------------------------------------- the smallest set

/// Every criterion reads its own evidence, named after it in lower case;
/// `G1` is graded on the number `g`.
fn graded(threshold: &str, rule: &str) -> String {
    format!(
        r#"
framework graded "Graded" version "1"
language en
evidence {{
  g : int "G number"
  f1 : bool "F evidence"
  m : bool "M evidence"
  a : bool "A evidence"
  p : bool "P evidence"
}}
theme t "T" {{
  criterion G1 "Graded" {{
    weight 2
    owner school
    score {{
      2 when g >= 10
      1 when g >= 5
      0 otherwise
    }}
  }}
  criterion F1 "Fails" {{ owner school require f1 }}
}}
theme u "U" {{
  criterion M "Mandatory" {{ mandatory owner school require m }}
  criterion A "Heavy" {{ weight 3 owner school require a }}
  criterion P "Passes" {{ owner school require p }}
}}
scoring {{
  theme t passes when all mandatory pass and score >= {threshold}
  theme u passes when {rule}
  certified when all themes pass
}}
"#
    )
}

/// G1 passes at level 1 of 2 (1 point of 2) and F1 fails: theme t has 1 of
/// 3. At 80% it needs 2.4: F1 alone gives 2, raising G1 alone gives 2, so
/// both are needed, and G1 (which passes) is in the plan for it.
#[test]
fn a_graded_criterion_that_passes_low_can_be_needed() {
    let framework = compile(&graded("80%", "score >= 0%"));
    let outcome = framework
        .decide(
            &evidence(
                &framework,
                &json!({ "g": 5, "f1": false, "m": true, "a": true, "p": true }),
            ),
            Stage::Intake,
        )
        .explain()
        .outcome;
    assert_eq!(outcome.verdict, Verdict::NotCertified);
    let plan = plan::plan(&framework, &outcome);
    assert_eq!(plan.what_it_takes, ["G1", "F1"]);
    assert_eq!(ids(&plan.items), ["G1", "F1"]);
    let g1 = &plan.items[0];
    assert_eq!(g1.status, Status::Pass);
    assert_eq!(g1.priority, Priority::Threshold);
    assert_eq!((g1.level, g1.max_level), (Some(1), Some(2)));
    assert_eq!(g1.needed, ["from level 1 to level 2 of 2: g >= 10"]);
}

/// The same at 60%: 1.8 is needed, and either F1 or raising G1 gives 2; the
/// criterion that does not pass yet goes first, and a passing one is not
/// in the plan when the certificate does not need it.
#[test]
fn on_equal_gains_a_criterion_that_does_not_pass_goes_first() {
    let framework = compile(&graded("60%", "score >= 0%"));
    let outcome = framework
        .decide(
            &evidence(
                &framework,
                &json!({ "g": 5, "f1": false, "m": true, "a": true, "p": true }),
            ),
            Stage::Intake,
        )
        .explain()
        .outcome;
    let plan = plan::plan(&framework, &outcome);
    assert_eq!(plan.what_it_takes, ["F1"]);
    assert_eq!(ids(&plan.items), ["F1"]);
}

/// Theme u's rule has no `all mandatory pass`: the failing mandatory M is
/// not a knock-out there. P (1 of 5) needs 3 more points for 80%: A alone
/// (weight 3) does it, M is not needed, and M is not ranked as a knock-out.
#[test]
fn mandatory_is_a_knock_out_only_where_the_rule_says_so() {
    let framework = compile(&graded("60%", "score >= 80%"));
    let outcome = framework
        .decide(
            &evidence(
                &framework,
                &json!({ "g": 10, "f1": true, "m": false, "a": false, "p": true }),
            ),
            Stage::Intake,
        )
        .explain()
        .outcome;
    let plan = plan::plan(&framework, &outcome);
    assert_eq!(plan.what_it_takes, ["A"]);
    assert_eq!(ids(&plan.items), ["A", "M"]);
    assert_eq!(plan.items[0].priority, Priority::Threshold);
    assert_eq!(plan.items[1].priority, Priority::Other);
}

/// The value that makes a criterion of the crafted frameworks pass at its
/// top level.
fn passing_value(criterion: &str) -> (String, Value) {
    match criterion {
        "G1" => ("g".to_string(), json!(10)),
        id => (id.to_lowercase(), json!(true)),
    }
}

/// Brute force: every subset of the criteria that could add something,
/// passed, and the smallest size that certifies. `what_it_takes` must
/// certify and be that small.
fn check_smallest(source: &str, values: Value) {
    let framework = compile(source);
    let outcome = framework
        .decide(&evidence(&framework, &values), Stage::Intake)
        .explain()
        .outcome;
    let plan = plan::plan(&framework, &outcome);
    let with = |set: &[&str]| {
        let mut v = values.clone();
        for id in set {
            let (key, value) = passing_value(id);
            v[key] = value;
        }
        framework
            .decide(&evidence(&framework, &v), Stage::Intake)
            .explain()
            .outcome
            .verdict
            == Verdict::Certified
    };
    let candidates: Vec<&str> = outcome
        .criteria
        .iter()
        .filter(|c| {
            matches!(c.status, Status::Fail | Status::Unknown)
                || matches!((c.level, c.max_level), (Some(l), Some(m)) if l < m)
        })
        .map(|c| c.id.as_str())
        .collect();
    let smallest = (0u32..1 << candidates.len())
        .filter(|mask| {
            let set: Vec<&str> = candidates
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << i) != 0)
                .map(|(_, c)| *c)
                .collect();
            with(&set)
        })
        .map(u32::count_ones)
        .min()
        .unwrap();
    let takes: Vec<&str> = plan.what_it_takes.iter().map(String::as_str).collect();
    assert!(with(&takes), "{takes:?} does not certify");
    assert_eq!(takes.len() as u32, smallest, "{takes:?}");
}

#[test]
fn what_it_takes_is_the_smallest_set_by_brute_force() {
    let order = json!({
        "l1": false, "m1": false, "x1": true, "x2": false, "x3": false,
        "y1": true, "y2": false, "y3": false, "y4": false, "z1": true, "z2": false
    });
    check_smallest(ORDER, order);
    for (threshold, rule) in [
        ("80%", "score >= 0%"),
        ("60%", "score >= 0%"),
        ("60%", "score >= 80%"),
        ("100%", "all mandatory pass and score >= 60%"),
        ("50%", "all mandatory pass and score >= 100%"),
    ] {
        for values in [
            json!({ "g": 5, "f1": false, "m": true, "a": true, "p": true }),
            json!({ "g": 0, "f1": false, "m": false, "a": false, "p": true }),
            json!({ "f1": false, "a": false }),
            json!({ "g": 10, "f1": true, "m": false, "a": false, "p": false }),
        ] {
            check_smallest(&graded(threshold, rule), values);
        }
    }
}

/// The samples whose smallest set follows from samples/README.md.
#[test]
fn what_it_takes_for_the_samples() {
    let framework = basiskader();
    for (file, expected) in [
        ("po-de-regenboog-certified.json", vec![]),
        ("vo-stedelijk-lyceum-certified.json", vec![]),
        ("po-de-klimop-meldcode-not-certified.json", vec!["Z1"]),
        // Omgeving 2/4 = 50%: O1 (weight 2) brings it to 100%.
        ("vo-het-baken-score-below-threshold.json", vec!["O1"]),
        ("vo-de-linde-insufficient-evidence.json", vec!["F2"]),
        // F4 and P1 are knock-outs; omgeving is 1/4 for sure, O1 (weight
        // 2) brings it to 3/4.
        (
            "vo-montessori-oost-cameras-unknown.json",
            vec!["F4", "P1", "O1"],
        ),
        (
            "po-de-sprong-window-edge-not-certified.json",
            vec!["B1", "C3"],
        ),
        (
            "vo-da-vinci-zuid-cameras-not-certified.json",
            vec!["S2", "F4", "C4"],
        ),
        ("so-de-wissel-leapday-not-certified.toml", vec!["F1", "C3"]),
    ] {
        let outcome = framework
            .decide(
                &load(framework, &root().join("samples").join(file)),
                Stage::Intake,
            )
            .explain()
            .outcome;
        let plan = plan::plan(framework, &outcome);
        assert_eq!(plan.what_it_takes, expected, "{file}");
        assert_eq!(plan::what_it_takes(framework, &outcome), expected, "{file}");
    }
}

/// The "needed" texts in both languages: from a value to the norm, to be
/// supplied, and the question whether a criterion applies.
#[test]
fn needed_says_what_to_do_in_the_language_asked() {
    let framework = basiskader();
    let outcome = framework
        .decide(
            &load(
                framework,
                &root().join("samples/vo-montessori-oost-cameras-unknown.json"),
            ),
            Stage::Intake,
        )
        .explain()
        .outcome;
    let nl = plan::plan_in(framework, &outcome, kader::Language::Nl);
    let en = plan::plan_in(framework, &outcome, kader::Language::En);
    let f4 = |p: &plan::ImprovementPlan| p.item("F4").unwrap().needed.clone();
    assert_eq!(
        f4(&nl),
        [
            "«Cameratoezicht in gebruik»: aanleveren, zodat vaststaat of dit criterium geldt",
            "«DPIA cameratoezicht uitgevoerd»: van nee naar ja",
        ]
    );
    assert_eq!(
        f4(&en),
        [
            "«Cameratoezicht in gebruik»: supply it, so that it is known whether this criterion applies",
            "«DPIA cameratoezicht uitgevoerd»: from no to yes",
        ]
    );
    assert_eq!(
        nl.item("O1").unwrap().needed,
        ["«Datum schouw schoolomgeving»: aanleveren (een datum in de afgelopen 12 maanden)"]
    );
    assert_eq!(
        en.item("P1").unwrap().needed,
        ["«Partners die het convenant tekenden»: to be supplied (at least 3)"]
    );
}

// ---------------------------------------------------------------- kader plan

fn kader(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_kader"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn kader_plan_writes_the_items_as_json() {
    let (code, stdout, stderr) = kader(&[
        "plan",
        "frameworks/basiskader.kader",
        "samples/vo-da-vinci-zuid-cameras-not-certified.json",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let plan: Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(plan["what_it_takes"], json!(["S2", "F4", "C4"]));
    let items = plan["items"].as_array().unwrap();
    let order: Vec<&str> = items
        .iter()
        .map(|i| i["criterion"].as_str().unwrap())
        .collect();
    // F4 fails and S2 is unknown, both legal knock-outs; C4 is a knock-out
    // without a legal basis.
    assert_eq!(order, ["F4", "S2", "C4"]);
    for item in items {
        for key in [
            "criterion",
            "theme",
            "owner",
            "mandatory",
            "legal",
            "action",
            "evidence",
            "needed",
        ] {
            assert!(item.get(key).is_some(), "{key} missing in {item}");
        }
    }
    assert_eq!(items[0]["legal"], "AVG");
    assert_eq!(items[0]["evidence"], json!(["cameras.retention_days"]));
    assert_eq!(
        items[0]["needed"],
        json!(["«Bewaartermijn camerabeelden (dagen)»: van 30 naar hoogstens 28"])
    );
}

#[test]
fn kader_plan_by_owner_gives_one_list_per_partner() {
    let (code, stdout, _) = kader(&[
        "plan",
        "frameworks/basiskader.kader",
        "samples/vo-montessori-oost-cameras-unknown.json",
        "--format",
        "json",
        "--by",
        "owner",
    ]);
    assert_eq!(code, 0);
    let plan: Value = serde_json::from_str(stdout.trim()).unwrap();
    assert!(plan.get("items").is_none());
    let owners: Vec<(&str, Vec<&str>)> = plan["owners"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["owner"].as_str().unwrap(),
                o["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|i| i["criterion"].as_str().unwrap())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        owners,
        [
            ("school", vec!["F4"]),
            ("gemeente", vec!["O2"]),
            ("joint", vec!["P1", "O1"]),
        ]
    );
}

/// At the audit the plan is the same list: what was to be supplied is now
/// a failure to fix, in the same order.
#[test]
fn kader_plan_at_the_audit() {
    let (code, stdout, _) = kader(&[
        "plan",
        "frameworks/basiskader.kader",
        "samples/vo-de-linde-insufficient-evidence.json",
        "--format",
        "json",
        "--stage",
        "audit",
    ]);
    assert_eq!(code, 0);
    let plan: Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(plan["verdict"], "not_certified");
    assert_eq!(plan["what_it_takes"], json!(["F2"]));
    let statuses: Vec<(&str, &str)> = plan["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["criterion"].as_str().unwrap(),
                i["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        statuses,
        [
            ("F2", "fail"),
            ("S5", "fail"),
            ("C2", "fail"),
            ("P6", "fail")
        ]
    );
}

#[test]
fn kader_plan_text_and_formats() {
    for format in ["text", "md", "html"] {
        let (code, stdout, stderr) = kader(&[
            "plan",
            "frameworks/basiskader.kader",
            "samples/po-de-sprong-window-edge-not-certified.json",
            "--format",
            format,
            "--lang",
            "en",
        ]);
        assert_eq!(code, 0, "{format}: {stderr}");
        assert!(stdout.contains("What it takes to be certified"), "{format}");
        assert!(stdout.contains("B1"), "{format}");
    }
    insta::assert_snapshot!(
        "plan_text_by_owner",
        kader(&[
            "plan",
            "frameworks/basiskader.kader",
            "samples/po-de-sprong-window-edge-not-certified.json",
            "--by",
            "owner",
        ])
        .1
    );
}

/// Regression: a partner's list in the plan read in the school's voice
/// ("Vraag Halt om …" in Halt's own list). Every action of the basiskader
/// is written to its owner: a partner's action never sends the school to
/// that partner, and a joint action opens with who leads.
#[test]
fn basiskader_actions_speak_to_their_owner() {
    let framework = basiskader();
    let outcome = framework
        .decide(
            &evidence(
                framework,
                &json!({ "school": { "type": "po" }, "cameras": { "in_use": false } }),
            ),
            Stage::Intake,
        )
        .explain()
        .outcome;
    let plan = plan::plan(framework, &outcome);
    // What a partner's action must not say: the partner named as someone
    // else to ask or to work with.
    let third_person: &[(&str, &[&str])] = &[
        ("politie", &["de politie", "Vraag "]),
        ("halt", &["Halt", "Vraag "]),
        ("ggd", &["GGD", "Vraag "]),
        ("gemeente", &["met de gemeente", "de gemeente om", "Vraag "]),
    ];
    let mut seen = Vec::new();
    for (owner, items) in plan.by_owner() {
        seen.push(owner);
        for item in items {
            let action = item.action.as_deref().unwrap();
            if let Some((_, words)) = third_person.iter().find(|(o, _)| *o == owner) {
                for word in *words {
                    assert!(
                        !action.contains(word),
                        "{} ({owner}) says `{word}`: {action}",
                        item.criterion
                    );
                }
            }
            if owner == "joint" {
                assert!(
                    action.starts_with("De school neemt het voortouw: ")
                        || action.starts_with("De gemeente neemt het voortouw: "),
                    "{} (joint) does not open with who leads: {action}",
                    item.criterion
                );
            }
        }
    }
    assert_eq!(
        seen,
        ["school", "gemeente", "politie", "halt", "ggd", "joint"],
        "every owner has actions, so every rule above is exercised"
    );
}
