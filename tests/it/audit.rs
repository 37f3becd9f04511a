//! The audit's own evidence: values with their source and who verified
//! them, `audit requires verified`, the mid-term check, and the
//! certificate's record with its content hash.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::common;

use common::{basiskader, basiskader_source, compile, kader_in, root, Scratch};
use kader::report::{self, check_certificate, Format, Options};
use kader::{EvalOptions, Evidence, Framework, GapKind, Language, Stage, Status, Verdict};
use proptest::prelude::*;
use serde_json::{json, Value};

const AUDIT_SAMPLE: &str = "samples/process/3-audit.json";

fn audit_sample() -> String {
    std::fs::read_to_string(root().join(AUDIT_SAMPLE)).unwrap()
}

/// The audit's result document, as `kader eval --stage audit --format
/// json` writes it.
fn result_json(framework: &Framework, evidence: &Evidence) -> String {
    let assessment = framework.decide(evidence, Stage::Audit).explain();
    report::render(
        framework,
        &assessment,
        Format::Json,
        Options {
            language: Language::Nl,
            ..Options::default()
        },
    )
}

/// The basiskader with `audit requires verified` in the criteria named.
fn requiring_verified(ids: &[&str]) -> String {
    let mut source = basiskader_source().to_string();
    for id in ids {
        let header = format!("criterion {id} \"");
        let at = source.find(&header).unwrap();
        let open = at + source[at..].find("{\n").unwrap() + 2;
        source.insert_str(open, "    audit requires verified\n");
    }
    source
}

// ------------------------------------------------------------ provenance

#[test]
fn a_value_with_its_source_loads_as_the_plain_value() {
    let framework = basiskader();
    let text = audit_sample();
    let wrapped = Evidence::from_json(framework, &text).unwrap();
    // The same document with every value plain.
    let mut plain: Value = serde_json::from_str(&text).unwrap();
    fn unwrap_all(v: &mut Value) {
        if let Value::Object(map) = v {
            if let Some(inner) = map.get("value").cloned() {
                *v = inner;
                return;
            }
            for inner in map.values_mut() {
                unwrap_all(inner);
            }
        }
    }
    unwrap_all(&mut plain["evidence"]);
    let plain = Evidence::from_json(framework, &plain.to_string()).unwrap();
    for stage in [Stage::Intake, Stage::Audit] {
        let a = framework.decide(&wrapped, stage).explain().outcome;
        let b = framework.decide(&plain, stage).explain().outcome;
        assert_eq!(a.verdict, b.verdict);
        let statuses = |o: &kader::Outcome| o.criteria.iter().map(|c| c.status).collect::<Vec<_>>();
        assert_eq!(statuses(&a), statuses(&b));
    }
    let rie = wrapped.provenance(framework, "rie.date").unwrap();
    assert_eq!(
        rie.source.as_deref(),
        Some("RI&E-rapport, Arbo Advies Oost")
    );
    let verified = rie.verified.as_ref().unwrap();
    assert_eq!(verified.by, "M. de Boer, auditor");
    assert_eq!(verified.on.to_string(), "2026-11-24");
    assert!(plain.provenance(framework, "rie.date").is_none());
    let particulars = wrapped.certificate().unwrap();
    assert_eq!(particulars.number.as_deref(), Some("VS-2026-0117"));
    assert_eq!(particulars.conditions.len(), 1);
}

#[test]
fn a_value_with_its_source_is_read_by_the_tree_loader_only() {
    let framework = basiskader();
    let text = audit_sample();
    assert!(Evidence::from_json_fast(framework, &text, kader::LoadOptions::default()).is_none());
    assert_eq!(
        Evidence::from_json(framework, &text).unwrap(),
        Evidence::from_json_reference(framework, &text, kader::LoadOptions::default()).unwrap()
    );
}

#[test]
fn toml_evidence_gives_sources_too() {
    let framework = compile(
        r#"framework t "T" version "1"
        evidence { rie.date : date "Datum RI&E" }
        theme a "A" { criterion A1 "RI&E" { owner school require rie.date within 48 months } }"#,
    );
    let evidence = Evidence::from_toml(
        &framework,
        r#"as_of = 2026-11-30
[location]
id = "x"
[evidence.rie.date]
value = 2025-01-10
source = "RI&E-rapport"
verified = { by = "auditor", on = 2026-11-20, how = "document" }
"#,
    )
    .unwrap();
    let p = evidence.provenance(&framework, "rie.date").unwrap();
    assert_eq!(p.verified.as_ref().unwrap().how, "document");
}

/// Each mistake in a value with its source is named at its path.
#[test]
fn mistakes_in_a_source_are_named_at_their_path() {
    let framework = basiskader();
    let with = |rie: Value| {
        let document = json!({
            "location": {"id": "x"}, "as_of": "2026-11-30",
            "evidence": {"rie": {"date": rie}}
        });
        Evidence::from_json(framework, &document.to_string())
    };
    // An object without `value`: the help shows how to write one.
    let e = with(json!({"date": "2026-01-01"})).unwrap_err();
    assert_eq!(e.problems[0].path, "evidence.rie.date");
    assert!(
        e.problems[0]
            .help
            .as_deref()
            .unwrap()
            .contains(r#"{"value": ..."#),
        "{e}"
    );
    // A verification without `how`, and a date that is not one.
    let e = with(json!({"value": "2026-01-01", "verified": {"by": "a", "on": "2026-13-01"}}))
        .unwrap_err();
    let paths: Vec<&str> = e.problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "evidence.rie.date.verified.on",
            "evidence.rie.date.verified"
        ],
        "{e}"
    );
    assert!(e.problems[1].message.contains("`how`"), "{e}");
    // The value's own type is still checked.
    let e = with(json!({"value": 12, "source": "x"})).unwrap_err();
    assert!(e.problems[0].message.contains("expected a date"), "{e}");
    // An unknown key is a warning, not lost in silence.
    let ok = with(json!({"value": "2026-01-01", "checked": true})).unwrap();
    assert!(ok
        .warnings()
        .iter()
        .any(|w| w.path == "evidence.rie.date.checked"));
    // Verified after the as-of date: a warning, and it does not count.
    let later = with(json!({"value": "2026-01-01",
        "verified": {"by": "a", "on": "2026-12-05", "how": "document"}}))
    .unwrap();
    assert!(later
        .warnings()
        .iter()
        .any(|w| w.path == "evidence.rie.date.verified.on"
            && w.message.contains("after the as-of date")));
}

// ------------------------------------------------- audit requires verified

#[test]
fn at_an_audit_that_requires_it_an_unverified_value_is_not_demonstrated() {
    let framework = compile(&requiring_verified(&["F1", "C3"]));
    let evidence = Evidence::from_json(&framework, &audit_sample()).unwrap();
    // The audit sample has RI&E (F1) and the evacuation plan (C3) verified.
    let audit = framework.decide(&evidence, Stage::Audit).explain();
    assert_eq!(audit.outcome.verdict, Verdict::Certified);
    // The plain sample has nothing verified: both fail, saying why.
    let plain = common::load(
        &framework,
        &root().join("samples/vo-stedelijk-lyceum-certified.json"),
    );
    let audit = framework.decide(&plain, Stage::Audit).explain();
    for id in ["F1", "C3"] {
        let c = audit.outcome.criteria.iter().find(|c| c.id == id).unwrap();
        assert_eq!(c.status, Status::Fail, "{id}");
        assert_eq!(c.gaps.len(), 1, "{id}");
        assert_eq!(c.gaps[0].kind, GapKind::Unverified, "{id}");
        assert!(
            c.gaps[0].message.contains("niet geverifieerd"),
            "{}",
            c.gaps[0].message
        );
    }
    // The intake does not ask for verification.
    let intake = framework.decide(&plain, Stage::Intake).explain();
    assert_eq!(
        intake.outcome.verdict,
        basiskader().decide(&plain, Stage::Intake).verdict()
    );
    // In English too, and in the result document's `kind`.
    let english = framework
        .decide(
            &plain,
            EvalOptions {
                stage: Stage::Audit,
                language: Some(Language::En),
            },
        )
        .explain();
    let f1 = english
        .outcome
        .criteria
        .iter()
        .find(|c| c.id == "F1")
        .unwrap();
    assert!(
        f1.gaps[0].message.contains("not verified"),
        "{}",
        f1.gaps[0].message
    );
    assert!(report::to_json(&english.outcome).contains(r#""kind":"unverified""#));
}

#[test]
fn in_the_header_it_holds_for_every_criterion_and_a_layer_may_ask_it() {
    let header = basiskader_source().replacen(
        "validity 36 months\n",
        "validity 36 months\naudit requires verified\n",
        1,
    );
    let framework = compile(&header);
    let plain = common::load(
        &framework,
        &root().join("samples/vo-stedelijk-lyceum-certified.json"),
    );
    let audit = framework.decide(&plain, Stage::Audit).explain();
    assert_eq!(audit.outcome.verdict, Verdict::NotCertified);
    assert!(audit
        .outcome
        .criteria
        .iter()
        .all(|c| c.status != Status::Pass));
    // A layer's `tighten` may ask it of a base criterion: that asks more.
    let layer = r#"framework stad "Stad" version "1"
extends basiskader version "2026.1"
tighten F1 {
  audit requires verified
}
"#;
    let resolver =
        kader::MemoryResolver::new().with("basiskader", "basiskader.kader", basiskader_source());
    let layered = Framework::compile_with(layer, "stad.kader", &resolver).unwrap();
    let plain = common::load(
        &layered,
        &root().join("samples/vo-stedelijk-lyceum-certified.json"),
    );
    let audit = layered.decide(&plain, Stage::Audit);
    assert_eq!(audit.criterion("F1").unwrap().status, Status::Fail);
    assert_eq!(audit.criterion("F2").unwrap().status, Status::Pass);
}

#[test]
fn asking_twice_is_a_warning() {
    let source = requiring_verified(&["F1"]).replacen(
        "validity 36 months\n",
        "validity 36 months\naudit requires verified\n",
        1,
    );
    let framework = compile(&source);
    let codes: Vec<&str> = framework.warnings().iter().map(|d| d.code).collect();
    assert!(codes.contains(&"W0275"), "{codes:?}");
}

/// Generated evidence with sources on some values, verified before,
/// on or after the as-of date or not at all.
fn with_sources(text: &str, seed: u64) -> String {
    let mut document: Value = serde_json::from_str(text).unwrap();
    let as_of = document["as_of"].as_str().unwrap().to_string();
    let mut n = seed;
    fn walk(v: &mut Value, n: &mut u64, as_of: &str) {
        let Value::Object(map) = v else { return };
        for inner in map.values_mut() {
            if inner.is_object() {
                walk(inner, n, as_of);
                continue;
            }
            *n = n
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let on = match (*n >> 33) % 4 {
                0 => continue,
                1 => None,
                2 => Some(as_of.to_string()),
                _ => Some("2099-01-01".to_string()),
            };
            let mut wrapped = json!({"value": inner.clone(), "source": "bron"});
            if let Some(on) = on {
                wrapped["verified"] = json!({"by": "auditor", "on": on, "how": "document"});
            }
            *inner = wrapped;
        }
    }
    walk(&mut document["evidence"], &mut n, &as_of);
    document.to_string()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Asking for verified evidence never passes more: for any criteria
    /// asked and any evidence, every criterion, theme and the verdict
    /// pass at the audit only where they pass without asking; at the
    /// intake nothing changes; and the criteria not asked are judged as
    /// before.
    #[test]
    fn asking_for_verified_evidence_never_passes_more(
        seed in any::<u64>(),
        asked in proptest::sample::subsequence(
            vec!["B1", "B3", "S4", "S5", "Z2", "F1", "F7", "C1", "C3", "I2", "P2"], 0..6),
    ) {
        let framework = compile(&requiring_verified(&asked));
        let base = basiskader();
        let locations = kader::generate::generate(
            base,
            &kader::generate::Options { count: 6, seed, as_of: None },
        );
        for location in locations {
            let text = with_sources(&location.to_json(), seed);
            let before = Evidence::from_json(base, &text).unwrap();
            let after = Evidence::from_json(&framework, &text).unwrap();
            let intake = (base.decide(&before, Stage::Intake), framework.decide(&after, Stage::Intake));
            prop_assert_eq!(intake.0.verdict(), intake.1.verdict());
            let (old, new) = (base.decide(&before, Stage::Audit), framework.decide(&after, Stage::Audit));
            prop_assert!(new.verdict().rank() <= old.verdict().rank());
            for (o, n) in old.themes().zip(new.themes()) {
                prop_assert!(n.status != Status::Pass || o.status == Status::Pass, "theme {}", n.id);
            }
            for (o, n) in old.criteria().zip(new.criteria()) {
                if asked.contains(&n.id) {
                    prop_assert!(n.status != Status::Pass || o.status == Status::Pass, "{}", n.id);
                } else {
                    prop_assert_eq!(o, n);
                }
            }
        }
    }
}

// ------------------------------------------------------------ mid-term

#[test]
fn the_mid_term_check_falls_within_the_validity() {
    for midterm in ["36 months", "3 years", "0 months", "40 months"] {
        let source =
            basiskader_source().replacen("midterm 18 months", &format!("midterm {midterm}"), 1);
        let diagnostics = Framework::compile(&source).unwrap_err();
        assert!(
            diagnostics.iter().any(|d| d.code == "E0285"),
            "{midterm}: {}",
            diagnostics.render("basiskader.kader", &source, false)
        );
    }
    let framework = basiskader();
    let evidence = Evidence::from_json(framework, &audit_sample()).unwrap();
    let certificate = framework
        .decide(&evidence, Stage::Audit)
        .explain()
        .certificate
        .unwrap();
    assert_eq!(certificate.midterm_check.unwrap().to_string(), "2028-05-30");
}

// ------------------------------------------------------------ certificate

#[test]
fn the_certificate_carries_its_record_and_a_hash_anyone_can_check() {
    let framework = basiskader();
    let evidence = Evidence::from_json(framework, &audit_sample()).unwrap();
    let document = result_json(framework, &evidence);
    let value: Value = serde_json::from_str(&document).unwrap();
    let certificate = &value["certificate"];
    assert_eq!(certificate["number"], "VS-2026-0117");
    assert_eq!(
        certificate["issued_by"],
        "Commissie Veilige School, regio Voorbeeldstad"
    );
    assert_eq!(certificate["auditor"], "M. de Boer");
    assert_eq!(certificate["decided_on"], "2026-11-30");
    assert_eq!(certificate["midterm_check"], "2028-05-30");
    assert_eq!(certificate["parts"]["legal"], "certified");
    // The same on every run, machine and platform: a change to this
    // value is a change to what the hash is taken over.
    insta::assert_snapshot!(
        "certificate_hashes",
        format!(
            "framework {}\nevidence  {}\nhash      {}",
            certificate["framework_hash"].as_str().unwrap(),
            certificate["evidence_hash"].as_str().unwrap(),
            certificate["hash"].as_str().unwrap()
        )
    );
    assert_eq!(document, result_json(framework, &evidence));
    let check = check_certificate(framework, &evidence, &document).unwrap();
    assert!(check.holds(), "{check:?}");
}

#[test]
fn a_change_to_the_framework_the_evidence_or_the_result_is_found() {
    let framework = basiskader();
    let text = audit_sample();
    let evidence = Evidence::from_json(framework, &text).unwrap();
    let document = result_json(framework, &evidence);

    // The result edited: a later end date.
    let edited = document.replace(
        r#""valid_until":"2029-11-30""#,
        r#""valid_until":"2030-11-30""#,
    );
    assert_ne!(edited, document);
    let check = check_certificate(framework, &evidence, &edited).unwrap();
    assert!(!check.holds() && !check.reproduced);
    assert_ne!(check.stated.as_deref(), Some(check.computed.as_str()));
    assert!(check.framework_matches && check.evidence_matches);

    // Other evidence: one verification on another day.
    let other = Evidence::from_json(framework, &text.replace("2026-11-24", "2026-11-23")).unwrap();
    let check = check_certificate(framework, &other, &document).unwrap();
    assert!(!check.holds() && !check.evidence_matches);

    // Another framework text: one threshold lowered.
    let looser = compile(&basiskader_source().replacen(
        "require monitor.response_rate >= 70%",
        "require monitor.response_rate >= 65%",
        1,
    ));
    let check = check_certificate(&looser, &evidence, &document).unwrap();
    assert!(!check.holds() && !check.framework_matches);

    // The same framework written with CRLF line endings and spaces at
    // line ends is the same framework.
    let crlf = basiskader_source().replace('\n', "  \r\n");
    let same = compile(&crlf);
    assert!(check_certificate(&same, &evidence, &document)
        .unwrap()
        .holds());

    // A result without a certificate cannot be checked.
    let intake = framework.decide(&evidence, Stage::Intake).explain();
    let intake = report::render(framework, &intake, Format::Json, Options::default());
    assert!(check_certificate(framework, &evidence, &intake).is_err());
}

#[test]
fn kader_certificate_verify_says_whether_it_holds() {
    let scratch = Scratch::new("certificate");
    let run = kader_in(
        root(),
        &[
            "eval",
            "frameworks/basiskader.kader",
            AUDIT_SAMPLE,
            "--stage",
            "audit",
            "--format",
            "json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let result = scratch.0.join("result.json");
    std::fs::write(&result, &run.stdout).unwrap();
    let result = result.to_str().unwrap();
    let holds = kader_in(
        root(),
        &[
            "certificate",
            "verify",
            "frameworks/basiskader.kader",
            AUDIT_SAMPLE,
            result,
        ],
    );
    assert_eq!(holds.code, 0, "{}{}", holds.stdout, holds.stderr);
    assert!(
        holds.stdout.starts_with("✔ Het certificaat klopt"),
        "{}",
        holds.stdout
    );

    let edited = scratch.0.join("edited.json");
    std::fs::write(&edited, run.stdout.replace("2029-11-30", "2030-11-30")).unwrap();
    let fails = kader_in(
        root(),
        &[
            "certificate",
            "verify",
            "frameworks/basiskader.kader",
            AUDIT_SAMPLE,
            edited.to_str().unwrap(),
            "--lang",
            "en",
        ],
    );
    assert_eq!(fails.code, 1, "{}{}", fails.stdout, fails.stderr);
    insta::assert_snapshot!("certificate_verify_fails", fails.stdout);
}

#[test]
fn the_report_prints_the_certificate_and_what_was_verified() {
    let framework = basiskader();
    let evidence = Evidence::from_json(framework, &audit_sample()).unwrap();
    let assessment = framework.decide(&evidence, Stage::Audit).explain();
    for (language, format) in [
        (Language::Nl, Format::Text),
        (Language::En, Format::Markdown),
    ] {
        let text = report::render(
            framework,
            &assessment,
            format,
            Options {
                language,
                ..Options::default()
            },
        );
        insta::assert_snapshot!(format!("audit_report_{language:?}_{format:?}"), text);
    }
}

// ------------------------------------------------------------ wie doet wat

/// The annex names each partner's contact and role, what it is
/// responsible for and its open actions, and warns where a contact is
/// missing, not confirmed in the last year, or never confirmed.
#[test]
fn the_annex_says_who_does_what_and_which_contacts_need_a_look() {
    let framework = basiskader();
    let text =
        std::fs::read_to_string(root().join("samples/vo-da-vinci-zuid-cameras-not-certified.json"))
            .unwrap();
    let mut document: Value = serde_json::from_str(&text).unwrap();
    let police = document["evidence"]["police"]["contact"].clone();
    // Police: confirmed more than a year before the as-of date (2026-11-30).
    document["evidence"]["police"]["contact"] = json!({
        "value": police,
        "verified": {"by": "gemeente", "on": "2025-11-29", "how": "telefonisch"}
    });
    // GGD: no contact at all.
    document["evidence"]["ggd"]["contact"] = Value::Null;
    let evidence = Evidence::from_json(framework, &document.to_string()).unwrap();
    let assessment = framework.decide(&evidence, Stage::Intake).explain();
    let plan = kader::plan::plan_in(framework, &assessment.outcome, Language::Nl);
    let annex = kader::annex::annex(&assessment, &plan);
    let partner = |id: &str| annex.partners.iter().find(|p| p.id == id).unwrap();
    use kader::annex::ContactWarning;
    assert_eq!(partner("politie").contact.as_deref(), Some("Erik Bos"));
    assert_eq!(partner("politie").role.as_deref(), Some("schoolagent"));
    assert_eq!(partner("politie").warnings, [ContactWarning::Stale]);
    assert_eq!(partner("ggd").warnings, [ContactWarning::Missing]);
    assert!(partner("school").warnings.is_empty());
    // A day later it is within the year.
    let recent = document.to_string().replace("2025-11-29", "2025-11-30");
    let evidence = Evidence::from_json(framework, &recent).unwrap();
    let again = framework.decide(&evidence, Stage::Intake).explain();
    let annex_again = kader::annex::annex(&again, &plan);
    let politie = annex_again
        .partners
        .iter()
        .find(|p| p.id == "politie")
        .unwrap();
    assert!(politie.warnings.is_empty());
    // Every open plan action is some partner's, each once.
    let actions: usize = annex.partners.iter().map(|p| p.actions.len()).sum();
    assert_eq!(actions, plan.items.len());
    for (language, format) in [
        (Language::Nl, Format::Text),
        (Language::En, Format::Markdown),
    ] {
        let rendered = report::render_annexes(
            framework,
            std::slice::from_ref(&assessment),
            format,
            Options {
                language,
                ..Options::default()
            },
        );
        insta::assert_snapshot!(format!("annex_{language:?}_{format:?}"), rendered);
    }
    let run = kader_in(
        root(),
        &[
            "annex",
            "frameworks/basiskader.kader",
            "samples/vo-da-vinci-zuid-cameras-not-certified.json",
            "--format",
            "json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let line: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(line["partners"].as_array().unwrap().len(), 6);
}

/// On generated locations: every partner of the framework is in the
/// annex once, every open action of the plan is under its owner once, and
/// a missing contact the framework asks for is always a warning.
#[test]
fn the_annex_of_generated_locations_accounts_for_every_action() {
    let framework = basiskader();
    let locations = kader::generate::generate(
        framework,
        &kader::generate::Options {
            count: 60,
            seed: 18,
            as_of: None,
        },
    );
    for location in locations {
        let evidence = Evidence::from_json(framework, &location.to_json()).unwrap();
        for stage in [Stage::Intake, Stage::Audit] {
            let assessment = framework.decide(&evidence, stage).explain();
            let plan = kader::plan::plan_in(framework, &assessment.outcome, Language::Nl);
            let annex = kader::annex::annex(&assessment, &plan);
            assert_eq!(annex.partners.len(), assessment.outcome.partners.len());
            let mut actions: Vec<usize> = annex
                .partners
                .iter()
                .flat_map(|p| p.actions.iter().map(|(n, _)| *n))
                .collect();
            actions.sort_unstable();
            assert_eq!(actions, (1..=plan.items.len()).collect::<Vec<_>>());
            for p in &annex.partners {
                let missing = p.contact_asked && p.contact.is_none();
                assert_eq!(
                    missing,
                    p.warnings.contains(&kader::annex::ContactWarning::Missing),
                    "{}",
                    p.id
                );
            }
        }
    }
}
