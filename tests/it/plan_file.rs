//! The plan file (`kader plan --update`): as first written and after an
//! update (snapshots), a person's edits kept through updates with
//! generated newer evidence (proptest), updating twice is updating once,
//! and the commands that read it (`--plan`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::common;

use common::{basiskader, kader_in, root, Scratch};
use kader::generate::Generator;
use kader::plan::{self, ItemStatus, PlanFile, Updated};
use kader::{Evidence, Framework, Language, Outcome, Stage, Status};
use proptest::prelude::*;
use toml_edit::{DocumentMut, Item, Value};

const SPRONG: &str = "po-de-sprong-window-edge-not-certified.json";

/// The outcome and plan of an evidence document.
fn judged(framework: &Framework, json: &str) -> (Outcome, plan::ImprovementPlan) {
    let evidence = Evidence::from_json(framework, json).unwrap();
    let outcome = framework.decide(&evidence, Stage::Intake).explain().outcome;
    let plan = plan::plan(framework, &outcome);
    (outcome, plan)
}

fn update(existing: Option<&str>, judged: &(Outcome, plan::ImprovementPlan)) -> Updated {
    plan::update(existing, &judged.1, &judged.0, Language::Nl).unwrap()
}

fn sample(name: &str) -> String {
    std::fs::read_to_string(root().join("samples").join(name)).unwrap()
}

/// De Sprong four months on: the safety plan adopted again and the
/// evacuation plan brought up to date; other dates have lapsed meanwhile.
fn sprong_later() -> String {
    sample(SPRONG)
        .replace("\"as_of\": \"2026-11-30\"", "\"as_of\": \"2027-03-31\"")
        .replace("\"adopted\": \"2022-11-29\"", "\"adopted\": \"2027-01-15\"")
        .replace(
            "\"plan_updated\": \"2025-11-29\"",
            "\"plan_updated\": \"2027-02-01\"",
        )
}

/// What a person does to the file as first written: agrees contacts,
/// dates and statuses, writes notes and comments, and moves keys.
fn edit_by_hand(text: &str) -> String {
    let mut document: DocumentMut = text.parse().unwrap();
    let items = document["item"].as_array_of_tables_mut().unwrap();
    for table in items.iter_mut() {
        let criterion = table["criterion"].as_str().unwrap().to_string();
        match criterion.as_str() {
            "B1" => {
                table["contact"] = toml_edit::value("Marleen Smit");
                table["due"] =
                    toml_edit::value("2027-01-01".parse::<toml_edit::Datetime>().unwrap());
                table["status"] = toml_edit::value("bezig");
                table["notes"] = toml_edit::value("Concept ligt bij de MR.");
                table["status"]
                    .as_value_mut()
                    .unwrap()
                    .decor_mut()
                    .set_suffix("  # afgesproken op 5 december");
            }
            "S4" => {
                table["due"] =
                    toml_edit::value("2027-02-28".parse::<toml_edit::Datetime>().unwrap());
                table
                    .key_mut("notes")
                    .unwrap()
                    .leaf_decor_mut()
                    .set_prefix("# monitor in februari\n");
                // Notes before the status.
                let notes = table.remove_entry("notes").unwrap();
                let status = table.remove_entry("status").unwrap();
                table.insert_formatted(&notes.0, notes.1);
                table.insert_formatted(&status.0, status.1);
            }
            "S6" => {
                table["status"] = toml_edit::value("vervallen");
                table["notes"] =
                    toml_edit::value("Protocol gaat op in het nieuwe veiligheidsplan.");
            }
            _ => {}
        }
    }
    document.to_string() + "\n# Besproken in het overleg van 10 december.\n"
}

#[test]
fn the_plan_file_as_first_written() {
    let framework = basiskader();
    let first = update(None, &judged(framework, &sample(SPRONG)));
    insta::assert_snapshot!("first_written", first.text);
    let file = PlanFile::parse(&first.text).unwrap();
    let ids: Vec<&str> = file.items.iter().map(|i| i.criterion.as_str()).collect();
    assert_eq!(ids, ["B1", "C3", "F7", "S4", "S6"]);
}

#[test]
fn an_update_closes_what_passes_adds_new_gaps_and_keeps_every_edit() {
    let framework = basiskader();
    let first = update(None, &judged(framework, &sample(SPRONG)));
    let edited = edit_by_hand(&first.text);
    let later = judged(framework, &sprong_later());
    let second = update(Some(&edited), &later);
    insta::assert_snapshot!("after_update", second.text);
    for kept in [
        "contact = \"Marleen Smit\"",
        "status = \"gereed\"  # afgesproken op 5 december",
        "notes = \"Concept ligt bij de MR.\"",
        "# monitor in februari\nnotes = \"\"\nstatus = \"open\"",
        "status = \"vervallen\"",
        "\n# Besproken in het overleg van 10 december.\n",
    ] {
        assert!(
            second.text.contains(kept),
            "lost {kept:?}:\n{}",
            second.text
        );
    }
    let file = PlanFile::parse(&second.text).unwrap();
    let b1 = file.entries("B1").next().unwrap();
    assert_eq!(b1.status, ItemStatus::Gereed);
    assert_eq!(b1.gereed_op, Some(kader::Date::constant(2027, 3, 31)));
    assert_eq!(update(Some(&second.text), &later).text, second.text);
    // S4 was due in February and is still open on 31 March.
    let overdue: Vec<&str> = file
        .overdue(later.0.as_of)
        .iter()
        .map(|e| e.criterion.as_str())
        .collect();
    assert_eq!(overdue, ["S4"]);
}

#[test]
fn kader_plan_update_writes_the_file_and_says_what_changed() {
    let scratch = Scratch::new("plan-update");
    let evidence = scratch.write("sprong.json", sample(SPRONG));
    let framework = root().join("frameworks/basiskader.kader");
    let framework = framework.to_str().unwrap();
    let plan = scratch.path("verbeterplan.toml");
    let args = |evidence: &str| {
        vec!["plan", framework, evidence, "--update", "verbeterplan.toml"]
            .into_iter()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let run = |args: Vec<String>| {
        kader_in(
            &scratch.0,
            &args.iter().map(String::as_str).collect::<Vec<_>>(),
        )
    };
    let first = run(args(evidence.to_str().unwrap()));
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert!(
        first.stderr.contains("written: 5 new actions"),
        "{}",
        first.stderr
    );
    let written = std::fs::read_to_string(&plan).unwrap();
    std::fs::write(&plan, edit_by_hand(&written)).unwrap();
    let later = scratch.write("later.json", sprong_later());
    let second = run(args(later.to_str().unwrap()));
    assert_eq!(second.code, 0, "{}", second.stderr);
    assert!(second.stderr.contains("now gereed"), "{}", second.stderr);
    // The plan printed shows what was agreed, and what is past due.
    assert!(
        second.stdout.contains("Over de termijn"),
        "{}",
        second.stdout
    );
    assert!(second.stdout.contains("Afgesproken: "), "{}", second.stdout);
    let after = std::fs::read_to_string(&plan).unwrap();
    let third = run(args(later.to_str().unwrap()));
    assert_eq!(third.code, 0);
    assert_eq!(std::fs::read_to_string(&plan).unwrap(), after);

    // Several locations: refused, the file untouched.
    let samples = root().join("samples");
    let many = run(args(samples.to_str().unwrap()));
    assert_eq!(many.code, 2);
    assert!(many.stderr.contains("one location"), "{}", many.stderr);
    assert_eq!(std::fs::read_to_string(&plan).unwrap(), after);

    // A broken file: named by path, line and column; left as it is.
    let broken = after.replacen("status = \"open\"", "status = \"klaar\"", 1);
    std::fs::write(&plan, &broken).unwrap();
    let refused = run(args(later.to_str().unwrap()));
    assert_eq!(refused.code, 2);
    let line = broken
        .lines()
        .position(|l| l.starts_with("status = \"klaar\""))
        .unwrap()
        + 1;
    assert!(
        refused.stderr.contains(&format!(
            "verbeterplan.toml:{line}:10: `status` of criterion"
        )),
        "{}",
        refused.stderr
    );
    assert!(
        refused.stderr.contains("help: write one of"),
        "{}",
        refused.stderr
    );
    assert_eq!(std::fs::read_to_string(&plan).unwrap(), broken);
}

#[test]
fn reports_flag_the_actions_past_their_due_date() {
    let scratch = Scratch::new("plan-flag");
    let framework = basiskader();
    let first = update(None, &judged(framework, &sample(SPRONG)));
    let later = scratch.write("later.json", sprong_later());
    let plan = scratch.write("verbeterplan.toml", edit_by_hand(&first.text));
    let framework = root().join("frameworks/basiskader.kader");
    let framework = framework.to_str().unwrap();
    let later = later.to_str().unwrap();
    let plan = plan.to_str().unwrap();
    for (command, format, lang) in [
        ("plan", "text", "nl"),
        ("plan", "md", "en"),
        ("eval", "text", "en"),
        ("eval", "md", "nl"),
    ] {
        let run = kader_in(
            &scratch.0,
            &[
                command, framework, later, "--plan", plan, "--format", format, "--lang", lang,
            ],
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        insta::assert_snapshot!(format!("flagged_{command}_{format}_{lang}"), run.stdout);
    }
    let json = kader_in(
        &scratch.0,
        &["plan", framework, later, "--plan", plan, "--format", "json"],
    );
    let document: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let overdue = document["overdue"].as_array().unwrap();
    assert_eq!(overdue.len(), 1);
    assert_eq!(overdue[0]["criterion"], "S4");
    assert_eq!(overdue[0]["due"], "2027-02-28");
    let s4 = document["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["criterion"] == "S4")
        .unwrap();
    assert_eq!(s4["agreed"][0]["overdue"], true);
    // Without a plan file, nothing of it.
    let bare = kader_in(&scratch.0, &["plan", framework, later, "--format", "json"]);
    assert!(!bare.stdout.contains("\"overdue\""));
    assert!(!bare.stdout.contains("\"agreed\""));
}

// ---------------------------------------------------------------- property

/// A person's edit to one item of the file.
#[derive(Clone, Debug)]
enum Edit {
    Status(ItemStatus),
    Notes(String),
    Due(u8),
    Contact(String),
    Owner(String),
    /// A comment on a line of its own above a key.
    CommentAbove(usize),
    /// A comment after a key's value.
    CommentAfter(usize),
    /// The item's keys in reverse order.
    Reverse,
}

fn edit() -> impl Strategy<Value = Edit> {
    let text = "[a-zA-Zé0-9 .,'\"#\\\\]{0,20}";
    prop_oneof![
        proptest::sample::select(ItemStatus::ALL.to_vec()).prop_map(Edit::Status),
        text.prop_map(Edit::Notes),
        (1u8..=28).prop_map(Edit::Due),
        text.prop_map(Edit::Contact),
        text.prop_map(Edit::Owner),
        (0usize..8).prop_map(Edit::CommentAbove),
        (0usize..8).prop_map(Edit::CommentAfter),
        Just(Edit::Reverse),
    ]
}

/// Applies edits (each to item `index % items`) as an editor would; the
/// comments written are returned, each unique.
fn apply(text: &str, edits: &[(usize, Edit)]) -> (String, Vec<String>) {
    let mut document: DocumentMut = text.parse().unwrap();
    // (item, key, comment, after the value)
    let mut comments: Vec<(usize, String, String, bool)> = Vec::new();
    let Some(items) = document
        .get_mut("item")
        .and_then(Item::as_array_of_tables_mut)
    else {
        return (text.to_string(), Vec::new());
    };
    let count = items.len();
    if count == 0 {
        return (text.to_string(), Vec::new());
    }
    for (n, (index, edit)) in edits.iter().enumerate() {
        let at = index % count;
        let table = items.get_mut(at).unwrap();
        let keys: Vec<String> = table.iter().map(|(k, _)| k.to_string()).collect();
        match edit {
            Edit::Status(s) => set(table, "status", Value::from(s.as_str())),
            Edit::Notes(t) => set(table, "notes", Value::from(t.as_str())),
            Edit::Contact(t) => set(table, "contact", Value::from(t.as_str())),
            Edit::Owner(t) => set(table, "owner", Value::from(t.as_str())),
            Edit::Due(day) => {
                let date: toml_edit::Datetime = format!("2026-{:02}-{day:02}", 1 + day % 12)
                    .parse()
                    .unwrap();
                set(table, "due", Value::from(date));
            }
            Edit::CommentAbove(k) => {
                let key = &keys[k % keys.len()];
                let comment = format!("# opmerking {n} boven {key}");
                let mut key = table.key_mut(key).unwrap();
                let prefix = key
                    .leaf_decor()
                    .prefix()
                    .and_then(|p| p.as_str())
                    .unwrap_or("")
                    .to_string();
                key.leaf_decor_mut()
                    .set_prefix(format!("{prefix}{comment}\n"));
                comments.push((at, String::new(), comment, false));
            }
            Edit::CommentAfter(k) => {
                let key = &keys[k % keys.len()];
                let comment = format!("# opmerking {n} achter {key}");
                if let Some(value) = table.get_mut(key).and_then(Item::as_value_mut) {
                    value.decor_mut().set_suffix(format!(" {comment}"));
                    // A second comment after the same value replaces the first.
                    comments.retain(|(i, k, _, after)| !(*after && *i == at && k == key));
                    comments.push((at, key.clone(), comment, true));
                }
            }
            Edit::Reverse => {
                let mut entries: Vec<(toml_edit::Key, Item)> = keys
                    .iter()
                    .map(|k| table.remove_entry(k).unwrap())
                    .collect();
                entries.reverse();
                for (k, v) in entries {
                    table.insert_formatted(&k, v);
                }
            }
        }
    }
    (
        document.to_string(),
        comments.into_iter().map(|(_, _, c, _)| c).collect(),
    )
}

/// Sets a value as an editor does, keeping the comment after it.
fn set(table: &mut toml_edit::Table, key: &str, value: Value) {
    match table.get_mut(key).and_then(Item::as_value_mut) {
        Some(old) => {
            let decor = old.decor().clone();
            *old = value;
            *old.decor_mut() = decor;
        }
        None => {
            table.insert(key, Item::Value(value));
        }
    }
}

/// A generated location's evidence under another id and as-of date.
fn generated(generator: &Generator<'_>, n: u64, id: &str, as_of: &str) -> String {
    let mut document: serde_json::Value =
        serde_json::from_str(&generator.location(n).to_json()).unwrap();
    document["location"]["id"] = serde_json::Value::from(id);
    document["as_of"] = serde_json::Value::from(as_of);
    document.to_string()
}

/// The keys of each item, in order.
fn keys_of(text: &str) -> Vec<Vec<String>> {
    let document: DocumentMut = text.parse().unwrap();
    document
        .get("item")
        .and_then(Item::as_array_of_tables)
        .map(|items| {
            items
                .iter()
                .map(|t| t.iter().map(|(k, _)| k.to_string()).collect())
                .collect()
        })
        .unwrap_or_default()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    /// A generated plan, edited by a person in generated ways, brought up
    /// to date with generated newer evidence: every edit is kept (a
    /// status changes only by the rules), every comment stays, the keys
    /// keep their order, and updating again changes nothing.
    #[test]
    fn a_person_s_edits_survive_every_update(
        seed in any::<u64>(),
        old in 1u64..500,
        new in 1u64..500,
        edits in proptest::collection::vec((any::<usize>(), edit()), 0..12),
    ) {
        let framework = basiskader();
        let generator = Generator::new(framework, seed);
        let before = judged(framework, &generated(&generator, old, "gen-plan", "2026-03-31"));
        let after = judged(framework, &generated(&generator, new, "gen-plan", "2027-03-31"));
        let first = update(None, &before);
        prop_assert_eq!(update(Some(&first.text), &before).text, first.text.clone());
        let (edited, comments) = apply(&first.text, &edits);
        let was = PlanFile::parse(&edited).unwrap();
        let updated = update(Some(&edited), &after);
        let now = PlanFile::parse(&updated.text).unwrap();
        prop_assert!(now.items.len() >= was.items.len());
        for (a, b) in was.items.iter().zip(&now.items) {
            prop_assert_eq!(&a.criterion, &b.criterion);
            prop_assert_eq!(&a.title, &b.title);
            prop_assert_eq!(&a.owner, &b.owner);
            prop_assert_eq!(&a.contact, &b.contact);
            prop_assert_eq!(&a.action, &b.action);
            prop_assert_eq!(a.due, b.due);
            prop_assert_eq!(&a.notes, &b.notes);
            let criterion = after.0.criteria.iter().find(|c| c.id == a.criterion).unwrap();
            let open = after.1.item(&a.criterion).is_some();
            let done = criterion.status == Status::Pass && !open;
            let expected = match a.status {
                s if done && s.is_active() => ItemStatus::Gereed,
                ItemStatus::Gereed if open && a.gereed_op.is_some() => ItemStatus::Open,
                s => s,
            };
            prop_assert_eq!(b.status, expected, "{}", a.criterion);
        }
        // New items for the new gaps, one each.
        for item in &after.1.items {
            prop_assert!(now.entries(&item.criterion).count() >= 1);
        }
        for comment in &comments {
            prop_assert!(updated.text.contains(comment.as_str()), "lost {comment:?}\n{}", updated.text);
        }
        for (a, b) in keys_of(&edited).iter().zip(keys_of(&updated.text)) {
            let kept: Vec<&String> = b.iter().filter(|k| a.contains(k)).collect();
            let had: Vec<&String> = a.iter().filter(|k| *k != "gereed_op" || b.contains(k)).collect();
            prop_assert_eq!(kept, had);
        }
        prop_assert_eq!(update(Some(&updated.text), &after).text, updated.text.clone());
        // And once more with the old evidence, a year on: what kader closed
        // reopens, and twice is still once.
        let again = judged(framework, &generated(&generator, old, "gen-plan", "2027-04-30"));
        let third = update(Some(&updated.text), &again);
        prop_assert_eq!(update(Some(&third.text), &again).text, third.text.clone());
        for comment in &comments {
            prop_assert!(third.text.contains(comment.as_str()), "lost {comment:?}\n{}", third.text);
        }
    }
}

#[test]
fn the_overview_lists_each_location_s_actions_past_due() {
    let scratch = Scratch::new("plan-overview");
    let framework = basiskader();
    let first = update(None, &judged(framework, &sample(SPRONG)));
    // B1 was due on 1 October 2026; the evidence is of 30 November.
    let agreed = first.text.replacen("due = \"\"", "due = 2026-10-01", 1);
    let plan = scratch.write("verbeterplan.toml", agreed);
    let framework = root().join("frameworks/basiskader.kader");
    let samples = root().join("samples");
    let args = [
        "report",
        framework.to_str().unwrap(),
        "--samples",
        samples.to_str().unwrap(),
        "--plan",
        plan.to_str().unwrap(),
    ];
    let md = kader_in(&scratch.0, &args);
    assert_eq!(md.code, 0, "{}", md.stderr);
    let section = &md.stdout[md.stdout.find("## Over de termijn").expect("the section")..];
    insta::assert_snapshot!("overview_past_due_md", section);
    let json = kader_in(&scratch.0, &[&args[..], &["--format", "json"]].concat());
    let document: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(document["overdue"][0]["location"]["id"], "brin-01UV-00");
    assert_eq!(document["overdue"][0]["items"][0]["criterion"], "B1");
    let bare = kader_in(&scratch.0, &args[..4]);
    assert!(!bare.stdout.contains("Over de termijn"));
}
