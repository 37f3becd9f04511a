//! docs/process.md, run: one location from the intake through plan
//! updates, progress, the audit and its certificate to the calendar of
//! what lapses, with the files in `samples/process/`. Each step is the
//! command the page shows, and each claim the page makes is checked here.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::common;

use common::{kader_in, root, Scratch};
use serde_json::Value;

const FRAMEWORK: &str = "frameworks/basiskader.kader";

fn sample(name: &str) -> String {
    root()
        .join("samples/process")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

/// Sets `key = value` in the `[[item]]` of `criterion`, as a person would.
fn agree(plan: &str, criterion: &str, key: &str, value: &str) -> String {
    let at = plan
        .find(&format!("criterion = \"{criterion}\""))
        .unwrap_or_else(|| panic!("no item for {criterion}"));
    let end = plan[at..].find("[[item]]").map_or(plan.len(), |e| at + e);
    let line = plan[at..end]
        .lines()
        .find(|l| l.starts_with(&format!("{key} = ")))
        .unwrap();
    let edited = plan[at..end].replacen(line, &format!("{key} = {value}"), 1);
    format!("{}{edited}{}", &plan[..at], &plan[end..])
}

#[test]
fn one_location_goes_through_the_whole_process() {
    let scratch = Scratch::new("process");
    let dir = &scratch.0;
    let framework = root().join(FRAMEWORK);
    let framework = framework.to_str().unwrap();
    let (intake, halfway, audit) = (
        sample("1-intake.json"),
        sample("2-halfway.json"),
        sample("3-audit.json"),
    );

    // 1. The intake: five criteria stand between it and the certificate.
    let run = kader_in(dir, &["plan", framework, &intake, "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let plan: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(plan["what_it_takes"].as_array().unwrap().len(), 5);
    let annex = kader_in(dir, &["annex", framework, &intake]);
    assert!(
        annex
            .stdout
            .contains("politie: er is geen contactpersoon opgegeven."),
        "{}",
        annex.stdout
    );

    // 2. The plan as a file, and what the partners agreed.
    let run = kader_in(
        dir,
        &["plan", framework, &intake, "--update", "verbeterplan.toml"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let path = dir.join("verbeterplan.toml");
    let mut plan = std::fs::read_to_string(&path).unwrap();
    plan = agree(&plan, "C3", "status", "\"bezig\"");
    plan = agree(
        &plan,
        "C3",
        "notes",
        "\"Plattegronden worden in mei bijgewerkt.\"",
    );
    plan = agree(&plan, "I2", "due", "2026-04-15");
    plan = agree(&plan, "B3", "status", "\"vervallen\"");
    std::fs::write(&path, &plan).unwrap();

    // 3. Halfway: what is past due, the file brought up to date, progress.
    let run = kader_in(
        dir,
        &["eval", framework, &halfway, "--plan", "verbeterplan.toml"],
    );
    assert!(run.stdout.contains("Over de termijn"), "{}", run.stdout);
    assert!(run
        .stdout
        .contains("I2 Jaarlijkse incidentenanalyse — uiterlijk 15 april 2026"));
    let run = kader_in(
        dir,
        &["plan", framework, &halfway, "--update", "verbeterplan.toml"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("7 now gereed"), "{}", run.stderr);
    let updated = std::fs::read_to_string(&path).unwrap();
    assert!(updated.contains("notes = \"Plattegronden worden in mei bijgewerkt.\""));
    assert!(updated.contains("status = \"vervallen\""));
    assert_eq!(updated.matches("gereed_op = 2026-07-01").count(), 7);
    let run = kader_in(
        dir,
        &[
            "progress",
            framework,
            &intake,
            &halfway,
            "--plan",
            "verbeterplan.toml",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run
        .stdout
        .contains("C3 Ontruimingsplan actueel — gereed op 1 juli 2026"));

    // 4. The audit: certified, with the certificate's record.
    let run = kader_in(
        dir,
        &[
            "eval", framework, &audit, "--stage", "audit", "--format", "json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let result: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(result["verdict"], "certified");
    assert_eq!(result["valid_until"], "2029-11-30");
    assert_eq!(result["certificate"]["midterm_check"], "2028-05-30");
    std::fs::write(dir.join("audit.json"), &run.stdout).unwrap();

    // 5. Anyone can check it; a changed date is found.
    let run = kader_in(
        dir,
        &["certificate", "verify", framework, &audit, "audit.json"],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    std::fs::write(
        dir.join("edited.json"),
        std::fs::read_to_string(dir.join("audit.json"))
            .unwrap()
            .replace("2029-11-30", "2030-11-30"),
    )
    .unwrap();
    let run = kader_in(
        dir,
        &["certificate", "verify", framework, &audit, "edited.json"],
    );
    assert_eq!(run.code, 1, "{}", run.stdout);

    // 6. What lapses when: the verdict would change on 13 March 2027.
    let run = kader_in(
        dir,
        &[
            "calendar", framework, &audit, "--stage", "audit", "--format", "json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let calendar: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(calendar["verdict_changes_on"], "2027-03-13");
    let c3 = calendar["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "C3")
        .unwrap();
    assert_eq!(c3["lapses_on"], "2027-08-26");
}
