//! `kader diff`: the structural diff of known edits, and the outcome diff
//! checked against evaluating both frameworks directly.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::common;

use std::num::NonZeroUsize;
use std::process::Command;

use common::{basiskader, basiskader_source, compile, root, Scratch};
use kader::diff::{self, ChangeKind, Sample, Target};
use kader::generate::{self, Options};
use kader::report::{self, Format};
use kader::{Evidence, Framework, Language, Outcome, Stage, Status, Verdict};
use serde_json::Value;

/// The report for people in a format and a language, without colours.
fn render(impact: &diff::Impact, format: Format, language: Language) -> String {
    impact.render(
        format,
        report::Options {
            language,
            color: false,
            technical: false,
            group_by: None,
        },
    )
}

/// The basiskader source with `from` replaced by `to` exactly once.
fn edit(source: &str, from: &str, to: &str) -> String {
    assert_eq!(
        source.matches(from).count(),
        1,
        "`{from}` must occur exactly once in the framework"
    );
    source.replacen(from, to, 1)
}

/// Replaces `from` by `to` inside criterion `id` (the first occurrence
/// after its header).
fn edit_criterion(source: &str, id: &str, from: &str, to: &str) -> String {
    let start = source
        .find(&format!("criterion {id} \""))
        .unwrap_or_else(|| panic!("no criterion {id}"));
    let offset = source[start..]
        .find(from)
        .unwrap_or_else(|| panic!("no `{from}` in criterion {id}"));
    let at = start + offset;
    format!("{}{to}{}", &source[..at], &source[at + from.len()..])
}

/// Removes criterion `id`, from its header to its closing brace.
fn remove_criterion(source: &str, id: &str) -> String {
    let start = source
        .find(&format!("  criterion {id} \""))
        .unwrap_or_else(|| panic!("no criterion {id}"));
    let end = start + source[start..].find("\n  }\n").unwrap() + "\n  }\n".len();
    format!("{}{}", &source[..start], &source[end..])
}

/// Generated locations as in-memory samples.
fn generated(framework: &Framework, count: usize, seed: u64) -> Vec<Sample> {
    generate::generate(
        framework,
        &Options {
            count,
            seed,
            as_of: None,
        },
    )
    .iter()
    .map(|l| Sample::json(format!("{}.json", l.id()), l.to_json()))
    .collect()
}

/// What changes at one location, computed without the diff module: the
/// verdict, and every theme and criterion (by id) whose status differs. A
/// theme or criterion on one side only counts where it fails or is unknown.
#[derive(Debug, PartialEq)]
struct Expected {
    id: String,
    verdict: (Option<Verdict>, Option<Verdict>),
    themes: Vec<(String, Option<Status>, Option<Status>)>,
    criteria: Vec<(String, Option<Status>, Option<Status>)>,
}

fn changed_statuses(
    before: &[(String, Status)],
    after: &[(String, Status)],
) -> Vec<(String, Option<Status>, Option<Status>)> {
    let find =
        |list: &[(String, Status)], id: &str| list.iter().find(|(i, _)| i == id).map(|(_, s)| *s);
    let stands_in_the_way = |s: Status| matches!(s, Status::Fail | Status::Unknown);
    let mut changed = Vec::new();
    for (id, status) in after {
        match find(before, id) {
            Some(old) if old != *status => changed.push((id.clone(), Some(old), Some(*status))),
            None if stands_in_the_way(*status) => changed.push((id.clone(), None, Some(*status))),
            _ => {}
        }
    }
    for (id, status) in before {
        if find(after, id).is_none() && stands_in_the_way(*status) {
            changed.push((id.clone(), Some(*status), None));
        }
    }
    changed
}

fn expected_change(before: &Outcome, after: &Outcome) -> Option<Expected> {
    let themes = |o: &Outcome| -> Vec<(String, Status)> {
        o.themes.iter().map(|t| (t.id.clone(), t.status)).collect()
    };
    let criteria = |o: &Outcome| -> Vec<(String, Status)> {
        o.criteria
            .iter()
            .map(|c| (c.id.clone(), c.status))
            .collect()
    };
    let themes = changed_statuses(&themes(before), &themes(after));
    let criteria = changed_statuses(&criteria(before), &criteria(after));
    let changed = before.verdict != after.verdict || !themes.is_empty() || !criteria.is_empty();
    changed.then(|| Expected {
        id: after.location.id.clone(),
        verdict: (Some(before.verdict), Some(after.verdict)),
        themes,
        criteria,
    })
}

/// Every location that changes, by loading and evaluating each sample
/// under each framework directly.
fn expected_changes(old: &Framework, new: &Framework, samples: &[Sample]) -> Vec<Expected> {
    samples
        .iter()
        .filter_map(|sample| {
            let before = Evidence::from_json(old, &sample.text);
            let after = Evidence::from_json(new, &sample.text);
            match (before, after) {
                (Ok(b), Ok(a)) => expected_change(
                    &old.decide(&b, Stage::Intake).explain().outcome,
                    &new.decide(&a, Stage::Intake).explain().outcome,
                ),
                (Ok(b), Err(_)) => Some(Expected {
                    id: b.location().id.clone(),
                    verdict: (
                        Some(old.decide(&b, Stage::Intake).explain().outcome.verdict),
                        None,
                    ),
                    themes: Vec::new(),
                    criteria: Vec::new(),
                }),
                (Err(_), Ok(a)) => Some(Expected {
                    id: a.location().id.clone(),
                    verdict: (
                        None,
                        Some(new.decide(&a, Stage::Intake).explain().outcome.verdict),
                    ),
                    themes: Vec::new(),
                    criteria: Vec::new(),
                }),
                (Err(_), Err(_)) => None,
            }
        })
        .collect()
}

fn reported(impact: &diff::Impact) -> Vec<Expected> {
    impact
        .locations
        .iter()
        .map(|l| Expected {
            id: l.id.clone(),
            verdict: (l.verdict_before, l.verdict_after),
            themes: l
                .themes
                .iter()
                .map(|t| (t.id.clone(), t.before, t.after))
                .collect(),
            criteria: l
                .criteria
                .iter()
                .map(|c| (c.id.clone(), c.before, c.after))
                .collect(),
        })
        .collect()
}

fn options(threads: usize) -> diff::Options {
    diff::Options {
        as_of: None,
        threads: NonZeroUsize::new(threads),
    }
}

// ------------------------------------------------------- the outcome diff

#[test]
fn a_tightened_threshold_lists_exactly_the_locations_whose_outcome_changes() {
    let old = basiskader();
    // S4 is not mandatory; C1 is, so that some locations lose certification.
    let source = edit(
        basiskader_source(),
        "require monitor.response_rate >= 70%",
        "require monitor.response_rate >= 80%",
    );
    let source = edit(
        &source,
        "require bhv.trained >= 2",
        "require bhv.trained >= 3",
    );
    let new = compile(&source);
    let samples = generated(old, 600, 11);

    let impact = diff::impact(old, &new, &samples, &options(2));

    let expected = expected_changes(old, &new, &samples);
    assert_eq!(reported(&impact), expected);
    let count = |f: &dyn Fn(&Expected) -> bool| expected.iter().filter(|e| f(e)).count();
    let certified = Some(Verdict::Certified);
    let lose = count(&|e| e.verdict.0 == certified && e.verdict.1 != certified);
    let gain = count(&|e| e.verdict.0 != certified && e.verdict.1 == certified);
    let criterion_changed = count(&|e| !e.criteria.is_empty());

    // Only S4 and C1 can change, and only for the worse: from pass, or from
    // unknown (C1's other requirement may lack evidence), to fail.
    for l in &impact.locations {
        for c in &l.criteria {
            assert!(["S4", "C1"].contains(&c.id.as_str()), "{}: {}", l.id, c.id);
            assert!(
                matches!(
                    (c.before, c.after),
                    (Some(Status::Pass | Status::Unknown), Some(Status::Fail))
                ),
                "{}: {} {:?} → {:?}",
                l.id,
                c.id,
                c.before,
                c.after
            );
            assert!(
                !c.gaps_appear.is_empty(),
                "{}: {} has no reason",
                l.id,
                c.id
            );
        }
    }
    let s = impact.summary;
    assert!(
        lose > 0 && criterion_changed > 0,
        "the corpus must show both"
    );
    assert_eq!(gain, 0, "tightening never certifies a location");
    assert_eq!(
        (s.locations, s.compared, s.changed),
        (600, 600, expected.len())
    );
    assert_eq!(
        (
            s.lose_certification,
            s.gain_certification,
            s.criterion_changed
        ),
        (lose, gain, criterion_changed)
    );
    assert!(impact
        .summary
        .sentence(Language::En)
        .starts_with(&format!("{lose} of 600 locations lose certification, 0 gain it, {criterion_changed} change in a criterion")));
}

#[test]
fn a_gap_that_appears_names_its_criterion_evidence_and_message() {
    let source = edit(
        basiskader_source(),
        "require monitor.response_rate >= 70%",
        "require monitor.response_rate >= 80%",
    );
    let new = compile(&source);
    let text =
        std::fs::read_to_string(root().join("samples/vo-stedelijk-lyceum-certified.json")).unwrap();
    let impact = diff::impact(
        basiskader(),
        &new,
        &[Sample::json("lyceum.json", text)],
        &options(1),
    );
    let [location] = impact.locations.as_slice() else {
        panic!("one location changes: {:#?}", impact.locations)
    };
    let [s4] = location.criteria.as_slice() else {
        panic!("only S4 changes")
    };
    assert_eq!(
        (s4.id.as_str(), s4.before, s4.after),
        ("S4", Some(Status::Pass), Some(Status::Fail))
    );
    let [gap] = s4.gaps_appear.as_slice() else {
        panic!("one new gap")
    };
    assert_eq!(gap.evidence, ["monitor.response_rate"]);
    assert_eq!(gap.expected, ">= 80%");
    assert_eq!(gap.actual, "71%");
    assert!(gap.message.contains("71%"), "{}", gap.message);
    assert!(s4.gaps_disappear.is_empty());
}

#[test]
fn a_loosened_threshold_gives_certification_back() {
    // The reverse edit: what tightening took away, loosening gives back.
    let tight = compile(&edit(
        basiskader_source(),
        "require bhv.trained >= 2",
        "require bhv.trained >= 3",
    ));
    let samples = generated(basiskader(), 400, 5);
    let forward = diff::impact(basiskader(), &tight, &samples, &options(2));
    let back = diff::impact(&tight, basiskader(), &samples, &options(2));
    assert_eq!(
        forward.summary.lose_certification,
        back.summary.gain_certification
    );
    assert!(back.summary.gain_certification > 0);
    let ids = |i: &diff::Impact| i.locations.iter().map(|l| l.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&forward), ids(&back));
    assert_eq!(
        back.changes
            .iter()
            .map(|c| (c.id.as_str(), c.kind))
            .collect::<Vec<_>>(),
        [("C1", ChangeKind::RequirementLoosened)]
    );
}

#[test]
fn output_is_the_same_on_any_number_of_threads() {
    let new = compile(&edit(
        basiskader_source(),
        "require monitor.response_rate >= 70%",
        "require monitor.response_rate >= 75%",
    ));
    let samples = generated(basiskader(), 257, 3);
    let one = diff::impact(basiskader(), &new, &samples, &options(1));
    for threads in [2, 3, 8] {
        let many = diff::impact(basiskader(), &new, &samples, &options(threads));
        assert_eq!(one, many, "{threads} threads");
        assert_eq!(one.to_json(), many.to_json());
    }
    assert!(one.summary.changed > 0);
}

#[test]
fn evidence_that_loads_under_one_framework_only_is_reported() {
    let new = compile(&edit(
        basiskader_source(),
        "monitor.response_rate                 : percent ",
        "monitor.response_rate                 : int     ",
    ));
    let good =
        std::fs::read_to_string(root().join("samples/po-de-regenboog-certified.json")).unwrap();
    let samples = [
        Sample::json("regenboog.json", good.clone()),
        Sample::json("broken.json", "{ this is not json"),
        Sample::json(
            "no-response.json",
            good.replace(r#""response_rate": "88%","#, ""),
        ),
    ];
    let impact = diff::impact(basiskader(), &new, &samples, &options(2));
    let s = impact.summary;
    assert_eq!(
        (s.locations, s.compared, s.no_longer_load, s.not_evaluated),
        (3, 1, 1, 1)
    );
    let [location] = impact.locations.as_slice() else {
        panic!("{:#?}", impact.locations)
    };
    assert_eq!(location.origin, "regenboog.json");
    assert_eq!(location.verdict_before, Some(Verdict::Certified));
    assert_eq!(location.verdict_after, None);
    assert_eq!(
        location.problems_after[0].path,
        "evidence.monitor.response_rate"
    );
    assert_eq!(impact.not_evaluated[0].origin, "broken.json");
    assert!(render(&impact, Format::Text, Language::En).contains("does not load"));
    assert!(render(&impact, Format::Text, Language::Nl).contains("laadt niet"));
    assert!(impact
        .summary
        .sentence(Language::En)
        .contains("1 no longer loads under the new framework"));
    assert!(impact
        .changes
        .iter()
        .any(|c| c.kind == ChangeKind::EvidenceRetyped && c.id == "monitor.response_rate"));
}

#[test]
fn a_new_criterion_lists_only_the_locations_it_stands_in_the_way_of() {
    let source = edit(
        basiskader_source(),
        "  measures.linked                       : bool                   \"Lopende maatregelen en projecten ingepast in het plan\"\n",
        "  measures.linked                       : bool                   \"Lopende maatregelen en projecten ingepast in het plan\"\n  surroundings.lighting : bool \"Schoolplein verlicht\"\n",
    );
    let source = edit(
        &source,
        "theme omgeving \"Veilig in en om de school\" {\n",
        "theme omgeving \"Veilig in en om de school\" {\n  criterion O5 \"Verlichting\" {\n    owner gemeente\n    require surroundings.lighting\n  }\n",
    );
    let new = compile(&source);
    let mut samples = generated(basiskader(), 30, 9);
    let lit = std::fs::read_to_string(root().join("samples/po-de-regenboog-certified.json"))
        .unwrap()
        .replace(
            r#""measures": {"#,
            r#""surroundings.lighting": true, "measures": {"#,
        );
    samples.push(Sample::json("lit.json", lit));
    let impact = diff::impact(basiskader(), &new, &samples, &options(2));
    for l in &impact.locations {
        if let Some(o5) = l.criteria.iter().find(|c| c.id == "O5") {
            assert_eq!(o5.before, None);
            assert!(
                matches!(o5.after, Some(Status::Fail | Status::Unknown)),
                "{}",
                l.id
            );
        }
    }
    // Generated evidence has no lighting: O5 is unknown everywhere it is
    // listed; the sample that has it lit does not change.
    assert!(impact.locations.iter().all(|l| l.origin != "lit.json"));
    assert_eq!(impact.locations.len(), 30);
}

#[test]
fn added_and_removed_evidence_give_the_same_answer_as_loading_under_each() {
    // Evidence added (with a criterion reading it), and evidence removed
    // (with the criterion that read it): each location is loaded once and
    // its evidence shared; the answer must be that of loading it twice.
    let added = edit(
        basiskader_source(),
        "  measures.linked                       : bool                   \"Lopende maatregelen en projecten ingepast in het plan\"\n",
        "  measures.linked                       : bool                   \"Lopende maatregelen en projecten ingepast in het plan\"\n  surroundings.lighting : bool \"Schoolplein verlicht\"\n",
    );
    let added = edit(
        &added,
        "theme omgeving \"Veilig in en om de school\" {\n",
        "theme omgeving \"Veilig in en om de school\" {\n  criterion O5 \"Verlichting\" {\n    mandatory\n    owner gemeente\n    require surroundings.lighting\n  }\n",
    );
    let added = compile(&added);
    let removed = remove_criterion(basiskader_source(), "P5");
    let removed = edit(
        &removed,
        "  ggd.contact                           : text                   \"Contactpersoon GGD / jeugdgezondheidszorg\"\n",
        "",
    );
    // The GGD's contact person is gone with its evidence.
    let removed = compile(&edit(
        &removed,
        "  ggd        contact ggd.contact\n",
        "  ggd\n",
    ));
    let mut samples = generated(basiskader(), 300, 23);
    let regenboog =
        std::fs::read_to_string(root().join("samples/po-de-regenboog-certified.json")).unwrap();
    for (name, lighting) in [("lit", "true"), ("dark", "false"), ("wrong", "\"ja\"")] {
        samples.push(Sample::json(
            format!("{name}.json"),
            regenboog.replace("brin-12AB-00", name).replace(
                r#""measures": {"#,
                &format!(r#""surroundings.lighting": {lighting}, "measures": {{"#),
            ),
        ));
    }
    for (old, new) in [
        (basiskader(), &added),
        (&added, basiskader()),
        (basiskader(), &removed),
        (&removed, basiskader()),
    ] {
        let impact = diff::impact(old, new, &samples, &options(2));
        assert_eq!(reported(&impact), expected_changes(old, new, &samples));
        assert!(impact.summary.changed > 0);
    }
    // `"ja"` is no bool: that location no longer loads once lighting is
    // declared, and loads only after it is no longer declared.
    let forward = diff::impact(basiskader(), &added, &samples, &options(2));
    assert_eq!(forward.summary.no_longer_load, 1);
    let wrong = forward.locations.iter().find(|l| l.id == "wrong").unwrap();
    assert_eq!(
        wrong.problems_after[0].path,
        "evidence.surroundings.lighting"
    );
    let dark = forward.locations.iter().find(|l| l.id == "dark").unwrap();
    assert_eq!(
        (dark.verdict_before, dark.verdict_after),
        (Some(Verdict::Certified), Some(Verdict::NotCertified))
    );
    assert!(forward.locations.iter().all(|l| l.id != "lit"));
    let back = diff::impact(&added, basiskader(), &samples, &options(2));
    assert_eq!(back.summary.newly_load, 1);
}

#[test]
fn a_register_is_read_against_each_framework() {
    // An exception names a criterion, and whether it may be waived is each
    // framework's to say: the CLI reads the register against both, and
    // refuses it where either framework does.
    let register = r#"[[exceptions]]
location = "brin-04AA-00"
criterion = "P5"
reason = "GGD reorganiseert"
granted_by = "Gemeente Utrecht"
decided_on = 2026-01-01
valid_until = 2027-12-31
"#;
    let without_p5 = compile(&remove_criterion(basiskader_source(), "P5"));
    let problems = kader::Register::from_toml(&without_p5, register)
        .unwrap_err()
        .problems;
    assert_eq!(problems[0].path, "exceptions[0].criterion");
    assert_eq!(problems[0].line, Some(1));
    let with_legal_p5 = compile(&edit_criterion(
        basiskader_source(),
        "P5",
        "owner ggd",
        "owner ggd\n    legal \"Wet publieke gezondheid\"",
    ));
    assert!(kader::Register::from_toml(&with_legal_p5, register).is_err());

    // Where both accept it, the waiver is applied on both sides.
    let regenboog =
        std::fs::read_to_string(root().join("samples/po-de-regenboog-certified.json")).unwrap();
    let id = serde_json::from_str::<serde_json::Value>(&regenboog).unwrap()["location"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let register = register.replace("brin-04AA-00", &id);
    let before = kader::Register::from_toml(basiskader(), &register).unwrap();
    let tightened = compile(&edit_criterion(
        basiskader_source(),
        "P5",
        "owner ggd",
        "owner ggd\n    weight 3",
    ));
    let after = kader::Register::from_toml(&tightened, &register).unwrap();
    let samples = [Sample::json("regenboog.json", regenboog)];
    let impact = diff::impact_with(
        basiskader(),
        &tightened,
        &samples,
        &options(1),
        (&before, &after),
    );
    assert_eq!(impact.summary.compared, 1);
    assert!(
        impact
            .locations
            .iter()
            .all(|l| l.criteria.iter().all(|c| c.id != "P5")),
        "P5 is waived on both sides: {:#?}",
        impact.locations
    );
}

// ----------------------------------------------------- the structural diff

/// The basiskader with one edit of each kind.
fn edited_basiskader() -> String {
    let s = basiskader_source().to_string();
    let s = edit(&s, "version \"2026.1\"", "version \"2027.1-concept\"");
    // Evidence added, and a criterion that uses it.
    let s = edit(
        &s,
        "  measures.linked                       : bool                   \"Lopende maatregelen en projecten ingepast in het plan\"\n",
        "  measures.linked                       : bool                   \"Lopende maatregelen en projecten ingepast in het plan\"\n  surroundings.lighting : bool \"Schoolplein verlicht\"\n",
    );
    let s = edit(
        &s,
        "theme omgeving \"Veilig in en om de school\" {\n",
        "theme omgeving \"Veilig in en om de school\" {\n  criterion O5 \"Verlichting schoolplein\" {\n    owner gemeente\n    require surroundings.lighting\n      else \"Het schoolplein is niet verlicht.\"\n  }\n",
    );
    // Criterion removed.
    let s = remove_criterion(&s, "P5");
    // Weight raised.
    let s = edit_criterion(&s, "I2", "weight 2", "weight 3");
    // Thresholds: a theme's loosened, a requirement's tightened, a window
    // widened, a score level raised.
    let s = edit(
        &s,
        "theme samenwerking passes when all mandatory pass and score >= 50%",
        "theme samenwerking passes when all mandatory pass and score >= 40%",
    );
    let s = edit(
        &s,
        "require monitor.response_rate >= 70%",
        "require monitor.response_rate >= 80%",
    );
    let s = edit_criterion(&s, "S2", "within 12 months", "within 18 months");
    let s = edit_criterion(
        &s,
        "S5",
        "3 when monitor.feels_safe >= 90%",
        "3 when monitor.feels_safe >= 92%",
    );
    // Mandatory added, applicability narrowed.
    let s = edit_criterion(&s, "S4", "owner school", "mandatory\n    owner school");
    edit_criterion(
        &s,
        "F6",
        "applies when po_so",
        "applies when school.type in {po}",
    )
}

#[test]
fn known_edits_are_named_with_their_direction() {
    let new = compile(&edited_basiskader());
    let changes = diff::structure(basiskader(), &new);
    let got: Vec<(Target, &str, ChangeKind)> = changes
        .iter()
        .map(|c| (c.target, c.id.as_str(), c.kind))
        .collect();
    assert_eq!(
        got,
        [
            (Target::Framework, "", ChangeKind::VersionChanged),
            (
                Target::Evidence,
                "surroundings.lighting",
                ChangeKind::EvidenceAdded
            ),
            (Target::Theme, "samenwerking", ChangeKind::ThresholdLoosened),
            (Target::Criterion, "S2", ChangeKind::RequirementLoosened),
            (Target::Criterion, "S4", ChangeKind::MandatoryAdded),
            (Target::Criterion, "S4", ChangeKind::RequirementTightened),
            (Target::Criterion, "S5", ChangeKind::ScoreTightened),
            (Target::Criterion, "F6", ChangeKind::ApplicabilityNarrowed),
            (Target::Criterion, "I2", ChangeKind::WeightRaised),
            (Target::Criterion, "O5", ChangeKind::CriterionAdded),
            (Target::Criterion, "P5", ChangeKind::CriterionRemoved),
        ]
    );
}

#[test]
fn a_framework_compared_with_itself_has_no_changes() {
    let samples = generated(basiskader(), 50, 1);
    let impact = diff::impact(basiskader(), basiskader(), &samples, &options(2));
    assert!(impact.changes.is_empty());
    assert!(impact.locations.is_empty());
    assert_eq!(impact.summary.compared, 50);
    assert_eq!(
        impact.summary.sentence(Language::En),
        "0 of 50 locations lose certification, 0 gain it, 0 change in a criterion."
    );
}

#[test]
fn a_changed_define_is_a_changed_rule_with_the_same_words() {
    let new = compile(&edit(
        basiskader_source(),
        "define po_so_vo = school.type in {po, so, vo}",
        "define po_so_vo = school.type in {po, so, vo, mbo}",
    ));
    let changes = diff::structure(basiskader(), &new);
    // B5, S1 and S2 apply when po_so_vo: now to more locations.
    let widened: Vec<&str> = changes
        .iter()
        .filter(|c| c.kind == ChangeKind::ApplicabilityWidened)
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(widened, ["B5", "S1", "S2"]);
    assert_eq!(changes[0].before.as_deref(), Some("po_so_vo"));
    let impact = diff::impact(basiskader(), &new, &[], &options(1));
    assert!(render(&impact, Format::Text, Language::En).contains("same words"));
}

#[test]
fn structural_diff_as_text() {
    let new = compile(&edited_basiskader());
    let impact = diff::impact(basiskader(), &new, &[], &options(1));
    insta::assert_snapshot!(render(&impact, Format::Text, Language::Nl));
}

#[test]
fn structural_diff_as_markdown() {
    let new = compile(&edited_basiskader());
    let impact = diff::impact(basiskader(), &new, &[], &options(1));
    insta::assert_snapshot!(render(&impact, Format::Markdown, Language::Nl));
}

/// A small framework with its own messages, so that the rendering of
/// locations is pinned down independently of the basiskader.
const DEMO: &str = r#"
framework demo "Demo" version "1"
evidence {
  monitor.response_rate : percent "Respons"
  bhv.trained           : int     "BHV'ers"
}
theme sociaal "Sociaal" {
  criterion S4 "Respons" {
    owner school
    require monitor.response_rate >= 70%
      else "De respons was {monitor.response_rate}; minimaal 70% is nodig."
  }
}
theme calamiteiten "Calamiteiten" {
  criterion C1 "BHV" {
    mandatory
    owner school
    require bhv.trained >= 2
      else "Er zijn {bhv.trained} BHV'ers; minimaal 2."
  }
}
scoring {
  theme passes when all mandatory pass and score >= 60%
  certified when all themes pass
}
"#;

fn demo_samples() -> Vec<Sample> {
    [("a", "75%", 2), ("b", "90%", 3), ("c", "65%", 4)]
        .iter()
        .map(|(id, rate, bhv)| {
            Sample::json(
                format!("samples/{id}.json"),
                format!(
                    r#"{{"location": {{"id": "{id}", "name": "School {id}"}}, "as_of": "2026-11-30",
                       "evidence": {{"monitor": {{"response_rate": "{rate}"}}, "bhv": {{"trained": {bhv}}}}}}}"#
                ),
            )
        })
        .collect()
}

fn demo_impact() -> diff::Impact {
    let old = compile(DEMO);
    let new = compile(
        &DEMO
            .replace("version \"1\"", "version \"2\"")
            .replace(">= 70%\n", ">= 80%\n")
            .replace(">= 2\n", ">= 3\n"),
    );
    diff::impact(&old, &new, &demo_samples(), &options(2))
}

#[test]
fn locations_as_text() {
    insta::assert_snapshot!(render(&demo_impact(), Format::Text, Language::Nl));
}

#[test]
fn locations_as_markdown() {
    insta::assert_snapshot!(render(&demo_impact(), Format::Markdown, Language::En));
}

#[test]
fn json_has_the_summary_and_only_the_changed_locations_themes_and_criteria() {
    let json: Value = serde_json::from_str(&demo_impact().to_json()).unwrap();
    let summary = &json["summary"];
    for key in [
        "locations",
        "compared",
        "changed",
        "lose_certification",
        "gain_certification",
        "verdict_changed",
        "theme_changed",
        "criterion_changed",
        "no_longer_load",
        "newly_load",
        "not_evaluated",
    ] {
        assert!(summary[key].is_u64(), "summary.{key}: {summary}");
    }
    assert_eq!(summary["locations"], 3);
    assert_eq!(summary["lose_certification"], 1);
    let locations = json["locations"].as_array().unwrap();
    // a: S4 and C1 fail now; b: nothing changes; c: S4 failed already.
    let ids: Vec<&str> = locations
        .iter()
        .map(|l| l["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["a"]);
    let a = &locations[0];
    assert_eq!(a["verdict_before"], "certified");
    assert_eq!(a["verdict_after"], "not_certified");
    assert_eq!(a["origin"], "samples/a.json");
    for (key, expected) in [("themes", 2), ("criteria", 2)] {
        let items = a[key].as_array().unwrap();
        assert_eq!(items.len(), expected, "{key}: {items:?}");
        for item in items {
            assert!(item["id"].is_string());
            assert_ne!(item["before"], item["after"], "{key} lists only changes");
        }
    }
    assert_eq!(a["criteria"][0]["id"], "S4");
    assert_eq!(a["criteria"][0]["before"], "pass");
    assert_eq!(a["criteria"][0]["after"], "fail");
    assert_eq!(
        a["criteria"][0]["gaps_appear"][0]["message"],
        "De respons was 75%; minimaal 70% is nodig."
    );
    assert_eq!(json["changes"][1]["kind"], "requirement_tightened");
    assert_eq!(json["changes"][1]["before"], "monitor.response_rate >= 70%");
}

// ------------------------------------------------------------------- CLI

fn kader(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_kader"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn cli_reports_in_each_format() {
    let scratch = Scratch::new("formats");
    let new = scratch.0.join("new.kader");
    std::fs::write(
        &new,
        edit(
            basiskader_source(),
            "require monitor.response_rate >= 70%",
            "require monitor.response_rate >= 80%",
        ),
    )
    .unwrap();
    let new = new.to_str().unwrap();
    let old = "frameworks/basiskader.kader";

    let (code, text, stderr) = kader(&["diff", old, new, "--samples", "samples"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(text.contains("criterium S4 \"Representatieve respons\": eis aangescherpt"));
    assert!(
        text.contains("samples/vo-stedelijk-lyceum-certified.json"),
        "{text}"
    );

    let (code, md, _) = kader(&[
        "diff",
        old,
        new,
        "--samples",
        "samples",
        "--format",
        "md",
        "--lang",
        "en",
    ]);
    assert_eq!(code, 0);
    assert!(md.starts_with("# Impact of basiskader 2026.1"), "{md}");
    assert!(md.contains("## Locations that change"), "{md}");

    let (code, html, _) = kader(&["diff", old, new, "--samples", "samples", "--format", "html"]);
    assert_eq!(code, 0);
    assert!(
        html.starts_with("<!DOCTYPE html>\n<html lang=\"nl\">"),
        "{html}"
    );
    assert!(html.contains("<h2>Locaties die veranderen ("), "{html}");

    let (code, json, _) = kader(&["diff", old, new, "--samples", "samples", "--format", "json"]);
    assert_eq!(code, 0);
    let json: Value = serde_json::from_str(&json).unwrap();
    // The shipped samples: json and toml files, never `*.expect.toml`, in
    // file name order.
    let origins: Vec<&str> = json["locations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["origin"].as_str().unwrap())
        .collect();
    let mut sorted = origins.clone();
    sorted.sort_unstable();
    assert_eq!(origins, sorted);
    assert!(origins.iter().all(|o| !o.ends_with(".expect.toml")));
    assert!(json["summary"]["locations"].as_u64().unwrap() >= 15);
}

#[test]
fn cli_reads_json_lines_and_toml_in_file_then_line_order() {
    let scratch = Scratch::new("order");
    let lines: String = generated(basiskader(), 6, 21)
        .iter()
        .map(|s| {
            format!(
                "{}\n",
                serde_json::to_string(&serde_json::from_str::<Value>(&s.text).unwrap()).unwrap()
            )
        })
        .collect();
    std::fs::write(scratch.0.join("b.jsonl"), lines).unwrap();
    std::fs::copy(
        root().join("samples/so-het-kompas-certified.toml"),
        scratch.0.join("a.toml"),
    )
    .unwrap();
    std::fs::write(scratch.0.join("a.expect.toml"), "not evidence").unwrap();
    let new = scratch.0.join("new.kader");
    std::fs::write(
        &new,
        edit(
            basiskader_source(),
            "require monitor.response_rate >= 70%",
            "require monitor.response_rate >= 99%",
        ),
    )
    .unwrap();
    let dir = scratch.0.to_str().unwrap();
    let (code, json, stderr) = kader(&[
        "diff",
        "frameworks/basiskader.kader",
        new.to_str().unwrap(),
        "--samples",
        dir,
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let json: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["summary"]["locations"], 7);
    let origins: Vec<String> = json["locations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            l["origin"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    let mut sorted = origins.clone();
    sorted.sort_by_key(|o| {
        let (file, line) = o.split_once(':').unwrap_or((o, "0"));
        (file.to_string(), line.parse::<u32>().unwrap())
    });
    assert_eq!(origins, sorted);
    assert_eq!(origins.first().map(String::as_str), Some("a.toml"));
}

#[test]
fn cli_exits_1_when_a_sample_loads_under_neither_framework() {
    let scratch = Scratch::new("broken");
    std::fs::write(scratch.0.join("broken.json"), "{").unwrap();
    let (code, text, stderr) = kader(&[
        "diff",
        "frameworks/basiskader.kader",
        "frameworks/basiskader.kader",
        "--samples",
        scratch.0.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(text.contains("onder geen van beide kaders"), "{text}");
    assert!(stderr.contains("load under neither framework"), "{stderr}");
}

#[test]
fn cli_exits_2_when_a_framework_has_errors() {
    let scratch = Scratch::new("errors");
    let bad = scratch.0.join("bad.kader");
    std::fs::write(&bad, "framework broken").unwrap();
    let (code, _, stderr) = kader(&[
        "diff",
        "frameworks/basiskader.kader",
        bad.to_str().unwrap(),
        "--samples",
        "samples",
    ]);
    assert_eq!(code, 2);
    assert!(stderr.contains("has errors"), "{stderr}");
}

// ------------------------------------- samples against the exact analysis

/// Where the sample diff finds a location judged differently, the exact
/// analysis of the same two versions on the same date finds a difference
/// in that direction too: a location that passes only under the old
/// version means the new one is not equivalent and not looser, and the
/// other way round. Checked for the verdict, every theme and every
/// criterion, over generated locations, for edits in each direction and
/// one in both.
#[test]
fn the_exact_analysis_agrees_with_every_difference_the_samples_find() {
    use kader::analysis::{self, Relation};

    let as_of = kader::parse_date("2026-11-30").unwrap();
    let source = basiskader_source();
    let edits: [(&str, String, Relation); 5] = [
        (
            "C1 raised",
            edit(
                source,
                "require bhv.trained >= 2",
                "require bhv.trained >= 3",
            ),
            Relation::Stricter,
        ),
        (
            "S4 lowered",
            edit(
                source,
                "require monitor.response_rate >= 70%",
                "require monitor.response_rate >= 60%",
            ),
            Relation::Looser,
        ),
        (
            "a window shortened",
            edit(
                source,
                "require evacuation.plan_updated within 12 months",
                "require evacuation.plan_updated within 6 months",
            ),
            Relation::Stricter,
        ),
        (
            "a count raised",
            edit(
                source,
                "require care_team.meetings_12m >= 4",
                "require care_team.meetings_12m >= 6",
            ),
            Relation::Stricter,
        ),
        (
            "one raised, one lowered",
            edit(
                &edit(
                    source,
                    "require bhv.trained >= 2",
                    "require bhv.trained >= 3",
                ),
                "require cameras.retention_days <= 28",
                "require cameras.retention_days <= 60",
            ),
            Relation::Incomparable,
        ),
    ];
    let old = basiskader();
    let samples = generated(old, 600, 17);
    let fixed = diff::Options {
        as_of: Some(as_of),
        threads: NonZeroUsize::new(2),
    };
    // A relation in which the new version passes a school the old one does
    // not (`gains`), or fails one the old one passes (`loses`).
    let allows = |relation: &Relation, gains: bool| match relation {
        Relation::Equivalent => false,
        Relation::Stricter => !gains,
        Relation::Looser => gains,
        Relation::Incomparable | Relation::Undecided { .. } => true,
    };
    for (what, text, verdict) in edits {
        let new = compile(&text);
        let comparison = analysis::compare(old, &new, as_of);
        assert_eq!(comparison.verdict.relation, verdict, "{what}");
        let impact = diff::impact(old, &new, &samples, &fixed);
        assert!(impact.summary.changed > 0, "{what}: no sample changes");
        let mut checked = 0;
        for location in &impact.locations {
            let certified = |v: Option<Verdict>| v == Some(Verdict::Certified);
            let (before, after) = (
                certified(location.verdict_before),
                certified(location.verdict_after),
            );
            if before != after {
                assert!(
                    allows(&comparison.verdict.relation, after),
                    "{what}: {} is certified {before} → {after}, the analysis says {:?}",
                    location.id,
                    comparison.verdict.relation
                );
                checked += 1;
            }
            for theme in &location.themes {
                let passes = |s: Option<Status>| s == Some(Status::Pass);
                let (before, after) = (passes(theme.before), passes(theme.after));
                if before == after {
                    continue;
                }
                let found = comparison.themes.iter().find(|t| t.id == theme.id).unwrap();
                assert!(
                    allows(&found.finding.relation, after),
                    "{what}: theme {} at {}: {before} → {after}, the analysis says {:?}",
                    theme.id,
                    location.id,
                    found.finding.relation
                );
                checked += 1;
            }
            for criterion in &location.criteria {
                let passes =
                    |s: Option<Status>| matches!(s, Some(Status::Pass | Status::NotApplicable));
                let (before, after) = (passes(criterion.before), passes(criterion.after));
                if before == after {
                    continue;
                }
                let found = comparison
                    .criteria
                    .iter()
                    .find(|c| c.id == criterion.id)
                    .unwrap();
                assert!(
                    allows(&found.finding.relation, after),
                    "{what}: criterion {} at {}: {before} → {after}, the analysis says {:?}",
                    criterion.id,
                    location.id,
                    found.finding.relation
                );
                checked += 1;
            }
        }
        assert!(
            checked > 0,
            "{what}: no location passes under one version only"
        );
    }
}
