//! Intake and audit on the sample schools: the intake is the plain
//! evaluation with evidence to supply; the audit fails what is not
//! demonstrated and gives a certificate when positive.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::common;

use common::{basiskader, compile, file_name, load, root, sample_paths};
use kader::report::{self, Format, Options};
use kader::{
    Assessment, EvalOptions, GapKind, Language, Maturity, Stage, Status, ThemeOutcome, Verdict,
};
use rust_decimal::Decimal;
use serde_json::Value;

fn assess(file: &str, stage: Stage) -> Assessment {
    let framework = basiskader();
    let evidence = load(framework, &root().join("samples").join(file));
    framework.decide(&evidence, stage).explain()
}

fn criterion<'a>(a: &'a Assessment, id: &str) -> &'a kader::CriterionOutcome {
    a.outcome.criteria.iter().find(|c| c.id == id).unwrap()
}

fn theme_status(a: &Assessment, id: &str) -> Status {
    a.outcome.themes.iter().find(|t| t.id == id).unwrap().status
}

/// An intake says it is one and gives no certificate.
#[test]
fn an_intake_gives_no_certificate() {
    let framework = basiskader();
    for path in sample_paths() {
        let evidence = load(framework, &path);
        let intake = framework.decide(&evidence, Stage::Intake).explain();
        assert_eq!(intake.stage, Stage::Intake);
        assert_eq!(intake.certificate, None, "an intake gives no certificate");
    }
}

/// An audit never leaves anything open: every criterion and theme is
/// decided, and the verdict is certified or not certified.
#[test]
fn an_audit_decides_everything() {
    let framework = basiskader();
    for path in sample_paths() {
        let name = file_name(&path);
        let audit = framework
            .decide(&load(framework, &path), Stage::Audit)
            .explain();
        assert!(
            matches!(
                audit.outcome.verdict,
                Verdict::Certified | Verdict::NotCertified
            ),
            "{name}: {:?}",
            audit.outcome.verdict
        );
        assert!(
            audit
                .outcome
                .criteria
                .iter()
                .all(|c| c.status != Status::Unknown),
            "{name}"
        );
        assert!(
            audit
                .outcome
                .themes
                .iter()
                .all(|t| t.status != Status::Unknown && t.score_max.is_none()),
            "{name}"
        );
        assert!(audit.to_supply.is_empty(), "{name}");
        assert_eq!(
            audit.certificate.is_some(),
            audit.outcome.verdict == Verdict::Certified,
            "{name}"
        );
    }
}

/// Where nothing is unknown, intake and audit agree on every status.
#[test]
fn without_unknowns_audit_and_intake_agree() {
    for path in sample_paths() {
        let name = file_name(&path);
        let intake = assess(name, Stage::Intake);
        if intake
            .outcome
            .criteria
            .iter()
            .any(|c| c.status == Status::Unknown)
        {
            continue;
        }
        let audit = assess(name, Stage::Audit);
        assert_eq!(audit.outcome, intake.outcome, "{name}");
    }
}

/// vo-de-linde: F2 (mandatory), S5 (graded), C2 (graded) and P6 are
/// unknown at the intake. At the audit they fail at level 0; fysiek fails on
/// F2; sociaal (6/8 = 75%), calamiteiten (5/6) and samenwerking (6/7)
/// still reach their thresholds.
#[test]
fn linde_at_the_audit() {
    let intake = assess("vo-de-linde-insufficient-evidence.json", Stage::Intake);
    assert_eq!(intake.outcome.verdict, Verdict::InsufficientEvidence);
    let audit = assess("vo-de-linde-insufficient-evidence.json", Stage::Audit);
    assert_eq!(audit.outcome.verdict, Verdict::NotCertified);
    for id in ["F2", "S5", "C2", "P6"] {
        assert_eq!(criterion(&intake, id).status, Status::Unknown, "{id}");
        let c = criterion(&audit, id);
        assert_eq!(c.status, Status::Fail, "{id}");
        assert!(
            c.gaps.iter().any(|g| g
                .message
                .ends_with("Bij de audit niet aangetoond, dus niet behaald.")),
            "{id}: {:?}",
            c.gaps
        );
    }
    assert_eq!(criterion(&audit, "S5").level, Some(0));
    assert_eq!(criterion(&audit, "C2").level, Some(0));
    assert_eq!(criterion(&audit, "F2").level, None, "not graded");
    assert_eq!(theme_status(&audit, "fysiek"), Status::Fail);
    let fysiek = audit
        .outcome
        .themes
        .iter()
        .find(|t| t.id == "fysiek")
        .unwrap();
    assert_eq!(fysiek.failed_mandatory, ["F2"]);
    assert_eq!(fysiek.score, Some(Decimal::new(8, 1)));
    for theme in ["sociaal", "calamiteiten", "samenwerking"] {
        assert_eq!(theme_status(&audit, theme), Status::Pass, "{theme}");
    }
    // The gap names what is missing, as at the intake.
    let f2 = criterion(&audit, "F2");
    assert_eq!(f2.gaps[0].evidence, ["rie.action_plan_reviewed"]);
    assert_eq!(f2.gaps[0].actual, "missing");
    assert_eq!(f2.gaps[0].kind, GapKind::Missing);
}

/// vo-montessori-oost: F4's applicability is unknown (`cameras.in_use`
/// missing). At the audit it counts as failed, so fysiek fails on it;
/// P1 fails on the missing partner list; omgeving is 1/4 = 25%.
#[test]
fn montessori_at_the_audit() {
    let audit = assess("vo-montessori-oost-cameras-unknown.json", Stage::Audit);
    assert_eq!(audit.outcome.verdict, Verdict::NotCertified);
    let f4 = criterion(&audit, "F4");
    assert_eq!(f4.status, Status::Fail);
    assert_eq!(f4.gaps[0].kind, GapKind::Applicability);
    assert_eq!(
        f4.gaps[0].message,
        "Niet bekend of dit criterium van toepassing is: cameras.in_use ontbreekt. \
         Bij de audit niet aangetoond, dus niet behaald."
    );
    // The requirement that failed on its own evidence keeps its message.
    assert_eq!(f4.gaps[1].kind, GapKind::Failed);
    assert!(!f4.gaps[1].message.contains("audit"));
    let statuses: Vec<Status> = audit.outcome.themes.iter().map(|t| t.status).collect();
    use Status::{Fail as F, Pass as P};
    assert_eq!(statuses, [P, P, P, F, P, P, F, F]);
    let omgeving = audit
        .outcome
        .themes
        .iter()
        .find(|t| t.id == "omgeving")
        .unwrap();
    assert_eq!(omgeving.score, Some(Decimal::new(25, 2)));
}

/// vo-da-vinci-zuid fails anyway; at the audit the missing monitor (S2)
/// fails sociaal too.
#[test]
fn da_vinci_at_the_audit() {
    let intake = assess("vo-da-vinci-zuid-cameras-not-certified.json", Stage::Intake);
    let audit = assess("vo-da-vinci-zuid-cameras-not-certified.json", Stage::Audit);
    assert_eq!(intake.outcome.verdict, Verdict::NotCertified);
    assert_eq!(audit.outcome.verdict, Verdict::NotCertified);
    assert_eq!(theme_status(&intake, "sociaal"), Status::Unknown);
    assert_eq!(theme_status(&audit, "sociaal"), Status::Fail);
}

/// A positive audit gives a certificate: the location, the framework and
/// its version, the audit date (the as-of date) and `valid_until`.
#[test]
fn a_positive_audit_gives_a_certificate() {
    for (file, until) in [
        ("po-de-regenboog-certified.json", "2029-11-30"),
        ("so-het-kompas-certified.toml", "2029-10-01"),
        ("po-de-schakel-leapday-certified.json", "2031-02-28"),
    ] {
        let audit = assess(file, Stage::Audit);
        let certificate = audit.certificate.as_ref().expect(file);
        assert_eq!(certificate.location, audit.outcome.location);
        assert_eq!(certificate.framework.id, "basiskader");
        assert_eq!(certificate.framework.version, "2026.1");
        assert_eq!(certificate.audit_date, audit.outcome.as_of);
        assert_eq!(
            certificate.valid_until.unwrap().to_string(),
            until,
            "{file}"
        );
    }
}

/// The intake lists the missing evidence once per path, in declaration
/// order, with its label and the criteria that need it; evidence that only
/// criteria that do not apply would read is not asked for.
#[test]
fn the_intake_lists_what_to_supply() {
    let linde = assess("vo-de-linde-insufficient-evidence.json", Stage::Intake);
    let listed: Vec<(&str, Option<&str>, Vec<&str>, bool)> = linde
        .to_supply
        .iter()
        .map(|s| {
            (
                s.path.as_str(),
                s.label.as_deref(),
                s.criteria.iter().map(String::as_str).collect(),
                s.decisive,
            )
        })
        .collect();
    // Only F2's date can still turn a theme (Fysieke veiligheid, and so
    // the verdict): the other themes pass whatever the rest turns out to
    // be. The decisive first, each part in declaration order.
    assert_eq!(
        listed,
        [
            (
                "rie.action_plan_reviewed",
                Some("Datum laatste voortgangscheck plan van aanpak"),
                vec!["F2"],
                true
            ),
            (
                "monitor.feels_safe",
                Some("Aandeel leerlingen dat zich veilig voelt"),
                vec!["S5"],
                false
            ),
            (
                "bhv.refreshed_24m",
                Some("Aandeel BHV'ers met herhaling (24 mnd)"),
                vec!["C2"],
                false
            ),
            (
                "partners.roles_documented",
                Some("Afspraken wie-doet-wat vastgelegd"),
                vec!["P6"],
                false
            ),
        ]
    );
    let montessori = assess("vo-montessori-oost-cameras-unknown.json", Stage::Intake);
    let paths: Vec<&str> = montessori
        .to_supply
        .iter()
        .map(|s| s.path.as_str())
        .collect();
    assert_eq!(
        paths,
        [
            "cameras.in_use",
            "covenant.partners",
            "surroundings.walkthrough"
        ]
    );
    // The mbo leaves out the evidence of S1, S2, B5, F6, P4, O3, which do
    // not apply to it; a blank GGD contact is supplied (and fails P5).
    let mbo = assess("mbo-techniek-college-certified.toml", Stage::Intake);
    assert!(mbo.to_supply.is_empty(), "{:?}", mbo.to_supply);
}

/// The maturity bands: below 40% starting, from 40% developing, a theme
/// that passes is in order, and strong from 90%.
#[test]
fn maturity_bands() {
    let theme = |status: Status, score: Option<&str>| ThemeOutcome {
        id: "t".into(),
        title: "T".into(),
        status,
        score: score.map(|s| s.parse().unwrap()),
        score_max: None,
        threshold: Some(Decimal::new(6, 1)),
        failed_mandatory: Vec::new(),
        floors: Vec::new(),
    };
    for (status, score, maturity) in [
        (Status::Fail, Some("0"), Maturity::Starting),
        (Status::Fail, Some("0.3999"), Maturity::Starting),
        (Status::Fail, Some("0.4"), Maturity::Developing),
        (Status::Unknown, Some("0.3"), Maturity::Starting),
        (Status::Unknown, Some("0.95"), Maturity::Developing),
        (Status::Fail, Some("0.95"), Maturity::Developing),
        (Status::Pass, Some("0.6"), Maturity::InOrder),
        (Status::Pass, Some("0.8999"), Maturity::InOrder),
        (Status::Pass, Some("0.9"), Maturity::Strong),
        (Status::Pass, Some("1"), Maturity::Strong),
        (Status::Pass, None, Maturity::InOrder),
        (Status::Fail, None, Maturity::Developing),
    ] {
        assert_eq!(
            Maturity::of(&theme(status, score)),
            maturity,
            "{status:?} {score:?}"
        );
    }
    // On a sample: omgeving of vo-montessori-oost is 25% for sure.
    let montessori = assess("vo-montessori-oost-cameras-unknown.json", Stage::Intake);
    assert_eq!(
        montessori.maturity(),
        [
            Maturity::Strong,
            Maturity::Strong,
            Maturity::Strong,
            Maturity::Developing,
            Maturity::Strong,
            Maturity::Strong,
            Maturity::Developing,
            Maturity::Starting
        ]
    );
}

/// `language` writes kader's own words in the language asked; author
/// messages keep the framework's language (and their "ontbreekt").
#[test]
fn kaders_own_gap_messages_follow_the_language_asked() {
    let framework = basiskader();
    let evidence = load(
        framework,
        &root().join("samples/vo-de-linde-insufficient-evidence.json"),
    );
    let en = framework
        .decide(
            &evidence,
            EvalOptions {
                stage: Stage::Audit,
                language: Some(Language::En),
            },
        )
        .explain();
    assert_eq!(en.language, Language::En);
    let s5 = criterion(&en, "S5");
    assert_eq!(
        s5.gaps[0].message,
        "Level 1 of 3 needs: monitor.feels_safe >= 75%. Evidence is missing. \
         Not demonstrated at the audit, so not met."
    );
    let f2 = criterion(&en, "F2");
    assert!(
        f2.gaps[0].message.contains("(laatste controle: ontbreekt)"),
        "{}",
        f2.gaps[0].message
    );
    // In Dutch (the framework's language) the same gap.
    let nl = assess("vo-de-linde-insufficient-evidence.json", Stage::Audit);
    assert_eq!(
        criterion(&nl, "S5").gaps[0].message,
        "Voor niveau 1 van 3 is nodig: monitor.feels_safe >= 75%. Gegevens ontbreken. \
         Bij de audit niet aangetoond, dus niet behaald."
    );
}

/// A framework without `validity` still certifies, without an end date.
#[test]
fn a_certificate_without_validity_has_no_end() {
    let framework = compile(
        r#"
framework demo "Demo" version "1"
evidence { plan.adopted : bool "Plan vastgesteld" }
theme beleid "Beleid" {
  criterion B1 "Plan" { owner school require plan.adopted }
}
"#,
    );
    let evidence = kader::Evidence::from_json(
        &framework,
        r#"{"location":{"id":"x"},"as_of":"2026-01-31","evidence":{"plan":{"adopted":true}}}"#,
    )
    .unwrap();
    let audit = framework.decide(&evidence, Stage::Audit).explain();
    let certificate = audit.certificate.unwrap();
    assert_eq!(certificate.valid_until, None);
    assert_eq!(certificate.audit_date.to_string(), "2026-01-31");
}

fn json_of(a: &Assessment) -> Value {
    let text = report::render(basiskader(), a, Format::Json, Options::default());
    assert!(text.ends_with('\n') && text.lines().count() == 1);
    serde_json::from_str(&text).unwrap()
}

/// The JSON adds `stage`, `maturity` per theme, `certificate`, `to_supply`
/// and `what_it_takes`, and keeps every field of the contract as the bare
/// result document has it.
#[test]
fn the_json_adds_the_stage_fields_and_keeps_the_contract() {
    for path in sample_paths() {
        let name = file_name(&path);
        for stage in [Stage::Intake, Stage::Audit] {
            let a = assess(name, stage);
            let staged = json_of(&a);
            let bare: Value = serde_json::from_str(&report::to_json(&a.outcome)).unwrap();
            for (key, value) in bare.as_object().unwrap() {
                if key == "themes" {
                    for (theme, bare_theme) in staged["themes"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .zip(value.as_array().unwrap())
                    {
                        for (k, v) in bare_theme.as_object().unwrap() {
                            assert_eq!(&theme[k], v, "{name}: themes.{k}");
                        }
                        assert!(theme["maturity"].is_string(), "{name}");
                    }
                } else {
                    assert_eq!(&staged[key], value, "{name}: {key}");
                }
            }
            assert_eq!(staged["stage"], stage.as_str());
            assert!(staged["to_supply"].is_array());
            assert!(staged["what_it_takes"].is_array());
            let certified = staged["verdict"] == "certified" && stage == Stage::Audit;
            assert_eq!(staged["certificate"].is_object(), certified, "{name}");
        }
    }
}

#[test]
fn snapshot_stage_results() {
    for file in [
        "vo-de-linde-insufficient-evidence.json",
        "vo-montessori-oost-cameras-unknown.json",
        "po-de-regenboog-certified.json",
    ] {
        for stage in [Stage::Intake, Stage::Audit] {
            let value = json_of(&assess(file, stage));
            // The criteria are in the samples' own snapshots; here what the
            // stage adds and changes.
            let summary = serde_json::json!({
                "stage": value["stage"],
                "verdict": value["verdict"],
                "certificate": value["certificate"],
                "themes": value["themes"],
                "not_passing": value["criteria"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|c| c["status"] == "fail" || c["status"] == "unknown")
                    .cloned()
                    .collect::<Vec<_>>(),
                "to_supply": value["to_supply"],
                "what_it_takes": value["what_it_takes"],
            });
            insta::assert_snapshot!(
                format!("{}_{}", file.trim_end_matches(".json"), stage.as_str()),
                serde_json::to_string_pretty(&summary).unwrap()
            );
        }
    }
}

/// `kader eval --stage audit` prints the certificate.
#[test]
fn kader_eval_at_the_audit() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_kader"))
        .args([
            "eval",
            "frameworks/basiskader.kader",
            "samples/po-de-regenboog-certified.json",
            "samples/vo-de-linde-insufficient-evidence.json",
            "--stage",
            "audit",
            "--format",
            "json",
        ])
        .current_dir(root())
        .output()
        .unwrap();
    assert!(output.status.success());
    let lines: Vec<Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["stage"], "audit");
    assert_eq!(lines[0]["certificate"]["audit_date"], "2026-11-30");
    assert_eq!(lines[0]["certificate"]["valid_until"], "2029-11-30");
    assert_eq!(lines[0]["certificate"]["framework"]["version"], "2026.1");
    assert_eq!(lines[1]["verdict"], "not_certified");
    assert_eq!(lines[1]["certificate"], Value::Null);
}
