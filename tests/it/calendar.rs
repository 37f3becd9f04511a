//! The calendar of lapses (`kader::calendar`): every date it computes
//! equals the first day, found by deciding day by day over four years, on
//! which that status differs, for generated frameworks and evidence, the
//! shipped samples (base and layer) and generated locations.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::fmt::Write as _;
use std::path::Path;

use kader::calendar::{calendar, Calendar, Standing};
use kader::{Date, Evidence, Framework, LoadOptions, Register, Stage, Status, Verdict};
use proptest::prelude::*;

use crate::common::{basiskader, compile, root, sample_paths, Rng};

/// How far the brute force looks: four years, one leap day at least.
const YEARS: i16 = 4;

/// What the brute force sees on one day.
#[derive(Debug, PartialEq)]
struct Day {
    criteria: Vec<Standing>,
    themes: Vec<Status>,
    verdict: Verdict,
}

fn day_of(framework: &Framework, evidence: &Evidence, stage: Stage) -> Day {
    let d = framework.decide(evidence, stage);
    Day {
        criteria: d
            .criteria()
            .map(|c| Standing {
                status: c.status,
                level: c.level,
            })
            .collect(),
        themes: d.themes().map(|t| t.status).collect(),
        verdict: d.verdict(),
    }
}

/// Checks a calendar against deciding every day of four years on its
/// own: `load` loads the same evidence on another as-of date.
fn check_against_every_day(
    framework: &Framework,
    cal: &Calendar,
    stage: Stage,
    load: impl Fn(Date) -> Evidence,
    what: &str,
) {
    let start = day_of(framework, &load(cal.as_of), stage);
    let end = cal
        .as_of
        .checked_add(jiff::Span::new().years(YEARS))
        .unwrap();
    let mut criteria: Vec<Option<(Date, Standing)>> = vec![None; start.criteria.len()];
    let mut themes: Vec<Option<(Date, Status)>> = vec![None; start.themes.len()];
    let mut verdict: Option<(Date, Verdict)> = None;
    let mut day = cal.as_of;
    while day < end {
        day = day.tomorrow().unwrap();
        let seen = day_of(framework, &load(day), stage);
        for (i, s) in seen.criteria.iter().enumerate() {
            if criteria[i].is_none() && *s != start.criteria[i] {
                criteria[i] = Some((day, *s));
            }
        }
        for (i, s) in seen.themes.iter().enumerate() {
            if themes[i].is_none() && *s != start.themes[i] {
                themes[i] = Some((day, *s));
            }
        }
        if verdict.is_none() && seen.verdict != start.verdict {
            verdict = Some((day, seen.verdict));
        }
        // The timeline's stretch for the day says the same.
        let stretch = cal.timeline.iter().rev().find(|s| s.from <= day).unwrap();
        assert_eq!(
            (stretch.verdict, &stretch.themes),
            (seen.verdict, &seen.themes),
            "{what}: the timeline on {day}"
        );
    }
    // Within the four years, the calendar's date is the first day that
    // differs; beyond them, nothing differed within them.
    let agrees = |computed: Option<Date>, brute: Option<Date>| match brute {
        Some(b) => computed == Some(b),
        None => computed.is_none_or(|c| c > end),
    };
    for ((lapse, brute), now) in cal.criteria.iter().zip(&criteria).zip(&start.criteria) {
        let computed = lapse.changes.as_ref().map(|c| (c.on, c.becomes));
        assert_eq!(lapse.now, *now, "{what}: criterion {}", lapse.id);
        assert!(
            agrees(computed.map(|c| c.0), brute.map(|b| b.0)),
            "{what}: criterion {} changes on {computed:?}, every day says {brute:?}",
            lapse.id
        );
        if let (Some(c), Some(b)) = (computed, brute) {
            assert_eq!(c.1, b.1, "{what}: criterion {}", lapse.id);
        }
    }
    for (lapse, brute) in cal.themes.iter().zip(&themes) {
        let computed = lapse.changes.as_ref().map(|c| (c.on, c.becomes));
        assert!(
            agrees(computed.map(|c| c.0), brute.map(|b| b.0)),
            "{what}: theme {} changes on {computed:?}, every day says {brute:?}",
            lapse.id
        );
        if let (Some(c), Some(b)) = (computed, brute) {
            assert_eq!(c.1, b.1, "{what}: theme {}", lapse.id);
        }
    }
    let computed = cal.verdict_changes.as_ref().map(|c| (c.on, c.becomes));
    assert!(
        agrees(computed.map(|c| c.0), verdict.map(|b| b.0)),
        "{what}: the verdict changes on {computed:?}, every day says {verdict:?}"
    );
    if let (Some(c), Some(b)) = (computed, verdict) {
        assert_eq!(c.1, b.1, "{what}: the verdict");
    }
    assert_eq!(cal.verdict, start.verdict);
}

// ------------------------------------------------------------ generated

/// Windows the generated conditions use, month ends and years among them.
const WINDOWS: &[&str] = &[
    "7 days",
    "30 days",
    "2 weeks",
    "1 months",
    "6 months",
    "12 months",
    "13 months",
    "1 years",
    "2 years",
];

fn window(rng: &mut Rng) -> &'static str {
    WINDOWS[rng.next(WINDOWS.len() as u64) as usize]
}

/// A date within three years of 2026-06-30, month ends and 29 February
/// often.
fn date(rng: &mut Rng) -> String {
    let special = [
        "2024-02-29",
        "2025-01-31",
        "2025-02-28",
        "2025-08-31",
        "2026-01-31",
        "2026-03-31",
        "2026-05-31",
        "2026-06-30",
        "2026-12-31",
        "2027-02-28",
        "2028-02-29",
    ];
    if rng.chance(30) {
        return special[rng.next(special.len() as u64) as usize].to_string();
    }
    let base: Date = "2023-07-01".parse().unwrap();
    let d = base
        .checked_add(jiff::Span::new().days(rng.next(365 * 6) as i64))
        .unwrap();
    d.to_string()
}

fn atom(rng: &mut Rng) -> String {
    match rng.next(12) {
        0 | 1 => format!("d within {}", window(rng)),
        2 => format!("e within {}", window(rng)),
        3 | 4 => format!("count(l within {}) >= {}", window(rng), 1 + rng.next(3)),
        5 => format!("count(l) >= {}", 1 + rng.next(3)),
        6 => format!("d before {}", date(rng)),
        7 => format!("e after {}", date(rng)),
        8 => format!("{} within {}", date(rng), window(rng)),
        9 => "k == a".to_string(),
        10 => format!("n >= {}", rng.next(3)),
        _ => "present(e)".to_string(),
    }
}

fn condition(rng: &mut Rng) -> String {
    let one = atom(rng);
    match rng.next(10) {
        0 | 1 => format!("{one} and {}", atom(rng)),
        2 | 3 => format!("{one} or {}", atom(rng)),
        4 => format!("not ({one})"),
        _ => one,
    }
}

/// A framework of one to three themes of one to three criteria, with
/// windows, counts in windows, date constants, `applies when`, grades,
/// weights, mandatory criteria and thresholds.
fn framework(rng: &mut Rng) -> String {
    let mut s = String::from(
        "framework gen \"Gen\" version \"1\"\nvalidity 36 months\nevidence {\n  d : date \"Datum d\"\n  e : date \"Datum e\"\n  l : list<date> \"Data l\"\n  k : enum(a, b) \"Soort\"\n  n : int \"Aantal\"\n}\n",
    );
    let themes = 1 + rng.next(3);
    let mut id = 0;
    for t in 0..themes {
        writeln!(s, "theme t{t} \"T{t}\" {{").unwrap();
        for _ in 0..1 + rng.next(3) {
            id += 1;
            writeln!(s, "  criterion C{id} \"C{id}\" {{ owner school").unwrap();
            if rng.chance(40) {
                s.push_str("    mandatory\n");
            }
            writeln!(s, "    weight {}", 1 + rng.next(3)).unwrap();
            if rng.chance(25) {
                writeln!(s, "    applies when {}", atom(rng)).unwrap();
            }
            let graded = rng.chance(30);
            let requires = if graded { rng.next(2) } else { 1 + rng.next(2) };
            for _ in 0..requires {
                writeln!(s, "    require {}", condition(rng)).unwrap();
            }
            if graded {
                writeln!(
                    s,
                    "    score {{\n      2 when {}\n      1 when {}\n      0 otherwise\n    }}",
                    condition(rng),
                    condition(rng)
                )
                .unwrap();
            }
            s.push_str("  }\n");
        }
        s.push_str("}\n");
    }
    s.push_str("scoring {\n");
    for t in 0..themes {
        let threshold = [0, 50, 60, 75, 100][rng.next(5) as usize];
        writeln!(
            s,
            "  theme t{t} passes when all mandatory pass and score >= {threshold}%"
        )
        .unwrap();
    }
    s.push_str("  certified when all themes pass\n}\n");
    s
}

/// Evidence for the generated framework: each piece often missing, the
/// list of none to four dates.
fn evidence(rng: &mut Rng, as_of: &str) -> String {
    let mut fields = Vec::new();
    if !rng.chance(15) {
        fields.push(format!("\"d\": \"{}\"", date(rng)));
    }
    if !rng.chance(30) {
        fields.push(format!("\"e\": \"{}\"", date(rng)));
    }
    if !rng.chance(15) {
        let list: Vec<String> = (0..rng.next(5))
            .map(|_| format!("\"{}\"", date(rng)))
            .collect();
        fields.push(format!("\"l\": [{}]", list.join(", ")));
    }
    if !rng.chance(20) {
        fields.push(format!("\"k\": \"{}\"", ["a", "b"][rng.next(2) as usize]));
    }
    if !rng.chance(20) {
        fields.push(format!("\"n\": {}", rng.next(4)));
    }
    format!(
        "{{\"location\": {{\"id\": \"gen\"}}, \"as_of\": \"{as_of}\", \"evidence\": {{{}}}}}",
        fields.join(", ")
    )
}

/// Sometimes an exception for the first criterion, which no generated
/// criterion calls legal.
fn register(rng: &mut Rng, framework: &Framework) -> Register {
    if !rng.chance(30) {
        return Register::new();
    }
    let from = date(rng);
    let from_date: Date = from.parse().unwrap();
    let until = from_date
        .checked_add(jiff::Span::new().days(rng.next(900) as i64))
        .unwrap();
    let text = format!(
        "[[exceptions]]\nlocation = \"gen\"\ncriterion = \"C1\"\nreason = \"r\"\ngranted_by = \"g\"\ndecided_on = {from}\nvalid_until = {until}\n"
    );
    Register::from_toml(framework, &text).unwrap()
}

fn load_on(framework: &Framework, text: &str, register: &Register, day: Date) -> Evidence {
    let options = LoadOptions {
        as_of: Some(day),
        ..LoadOptions::default()
    };
    Evidence::from_json_with(framework, text, options)
        .unwrap()
        .with_exceptions(register)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 48,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Every computed date is the first day that differs, day by day.
    #[test]
    fn every_lapse_is_the_first_day_that_differs(seed in any::<u64>()) {
        let mut rng = Rng(seed);
        let source = framework(&mut rng);
        let framework = compile(&source);
        let register = register(&mut rng, &framework);
        let stage = if rng.chance(30) { Stage::Audit } else { Stage::Intake };
        for _ in 0..3 {
            let as_of = date(&mut rng);
            let text = evidence(&mut rng, &as_of);
            let as_of: Date = as_of.parse().unwrap();
            let evidence = load_on(&framework, &text, &register, as_of);
            let cal = calendar(&framework, &evidence, stage);
            check_against_every_day(
                &framework,
                &cal,
                stage,
                |day| load_on(&framework, &text, &register, day),
                &format!("{source}\n{text}"),
            );
        }
    }
}

// ------------------------------------------------------------ shipped

fn voorbeeldstad() -> Framework {
    let dir = root().join("frameworks");
    let source = std::fs::read_to_string(dir.join("lokaal/voorbeeldstad.kader")).unwrap();
    let resolver = kader::DirResolver::new(&dir).unwrap();
    Framework::compile_with(&source, "voorbeeldstad.kader", &resolver).unwrap()
}

fn load_file_on(framework: &Framework, path: &Path, register: &Register, day: Date) -> Evidence {
    let text = std::fs::read_to_string(path).unwrap();
    let options = LoadOptions {
        as_of: Some(day),
        ..LoadOptions::default()
    };
    let loaded = if path.extension().is_some_and(|e| e == "toml") {
        Evidence::from_toml_with(framework, &text, options)
    } else {
        Evidence::from_json_with(framework, &text, options)
    };
    loaded.unwrap().with_exceptions(register)
}

fn check_files(framework: &Framework, paths: &[std::path::PathBuf], register: &Register) {
    for path in paths {
        let evidence = crate::common::load(framework, path).with_exceptions(register);
        for stage in [Stage::Intake, Stage::Audit] {
            let cal = calendar(framework, &evidence, stage);
            check_against_every_day(
                framework,
                &cal,
                stage,
                |day| load_file_on(framework, path, register, day),
                &path.display().to_string(),
            );
        }
    }
}

#[test]
fn the_samples_lapse_on_the_first_day_that_differs() {
    check_files(basiskader(), &sample_paths(), &Register::new());
}

#[test]
fn the_voorbeeldstad_samples_lapse_on_the_first_day_that_differs() {
    let framework = voorbeeldstad();
    let text =
        std::fs::read_to_string(root().join("samples/registers/voorbeeldstad.toml")).unwrap();
    let register = Register::from_toml(&framework, &text).unwrap();
    let mut paths: Vec<_> = std::fs::read_dir(root().join("samples/voorbeeldstad"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    check_files(&framework, &paths, &register);
}

#[test]
fn generated_locations_lapse_on_the_first_day_that_differs() {
    let framework = basiskader();
    let options = kader::generate::Options {
        count: 6,
        seed: 18,
        as_of: None,
    };
    for location in kader::generate::generate(framework, &options) {
        let text = location.to_json();
        let evidence = Evidence::from_json(framework, &text).unwrap();
        let cal = calendar(framework, &evidence, Stage::Intake);
        check_against_every_day(
            framework,
            &cal,
            Stage::Intake,
            |day| load_on(framework, &text, &Register::new(), day),
            location.id(),
        );
    }
}

/// The example: the evacuation plan of a certified sample,
/// updated on a day of the month, lapses twelve months and a day later.
#[test]
fn a_certified_sample_lapses_on_the_day_its_window_closes() {
    let framework = basiskader();
    let path = root().join("samples/po-de-regenboog-certified.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let evidence = Evidence::from_json(framework, &text).unwrap();
    let cal = calendar(framework, &evidence, Stage::Intake);
    assert_eq!(cal.verdict, Verdict::Certified);
    let changes = cal
        .verdict_changes
        .expect("the certificate's evidence ages");
    assert_eq!(changes.becomes, Verdict::NotCertified);
    // The earliest lapse of a criterion is the verdict's change or before it.
    let first = cal
        .criteria
        .iter()
        .filter_map(|c| c.changes.as_ref().map(|ch| ch.on))
        .min()
        .unwrap();
    assert!(first <= changes.on);
    let lapsing = cal
        .criteria
        .iter()
        .find(|c| c.changes.as_ref().is_some_and(|ch| ch.on == first))
        .unwrap();
    assert!(!lapsing.because.is_empty(), "{lapsing:?}");
}

// ------------------------------------------------------------ rendered

/// `kader calendar` on a sample, in one format.
fn rendered(args: &[&str]) -> String {
    let mut all = vec!["calendar", "frameworks/basiskader.kader"];
    all.extend(args);
    let run = crate::common::kader_in(root(), &all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
}

#[test]
fn the_calendar_of_a_sample_as_text_json_and_ics() {
    let sample = "samples/po-de-regenboog-certified.json";
    insta::assert_snapshot!("calendar_text_nl", rendered(&[sample]));
    insta::assert_snapshot!(
        "calendar_text_en",
        rendered(&[sample, "--lang", "en", "--stage", "audit"])
    );
    insta::assert_snapshot!("calendar_json", rendered(&[sample, "--format", "json"]));
    insta::assert_snapshot!("calendar_ics", rendered(&[sample, "--format", "ics"]));
    insta::assert_snapshot!(
        "calendar_overview_text",
        rendered(&[
            "samples/po-de-regenboog-certified.json",
            "samples/vo-stedelijk-lyceum-certified.json",
            "samples/so-het-kompas-certified.toml",
            "samples/po-de-sprong-window-edge-not-certified.json",
        ])
    );
}

/// The JSON lines have exactly the shape, one a location.
#[test]
fn the_json_has_one_line_a_location_in_the_agreed_shape() {
    let out = rendered(&["samples/", "--format", "json"]);
    for line in out.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "location",
                "as_of",
                "criteria",
                "themes",
                "verdict_changes_on"
            ]
        );
        assert!(v["location"].is_string());
        for c in v["criteria"].as_array().unwrap() {
            assert_eq!(c.as_object().unwrap().len(), 2);
            assert!(c["lapses_on"].is_null() || c["lapses_on"].is_string());
        }
        for t in v["themes"].as_array().unwrap() {
            assert!(t["changes_on"].is_null() || t["changes_on"].is_string());
        }
    }
    assert!(out.lines().count() > 10);
}

/// The agenda parses back as iCalendar: every event all day, with a
/// reminder, a stable id and the as-of date as its stamp; every line
/// ends in CRLF and is at most 75 octets.
#[test]
fn the_ics_parses_back_with_folded_lines_and_stable_ids() {
    use icalendar::Component;
    let framework = basiskader();
    let evidence = crate::common::load(
        framework,
        &root().join("samples/po-de-regenboog-certified.json"),
    );
    let cal = calendar(framework, &evidence, Stage::Intake);
    let text =
        kader::report::calendar_ics(framework, std::slice::from_ref(&cal), kader::Language::Nl);
    assert_eq!(
        text,
        kader::report::calendar_ics(framework, std::slice::from_ref(&cal), kader::Language::Nl),
        "the same calendar gives the same file"
    );
    assert!(text.ends_with("\r\n"));
    for line in text.split_terminator("\r\n") {
        assert!(!line.contains('\n') && !line.contains('\r'), "{line:?}");
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
    let parsed: icalendar::Calendar = text.parse().unwrap();
    let events: Vec<&icalendar::Event> = parsed.events().collect();
    let lapses = cal
        .criteria
        .iter()
        .filter(|c| c.now.status == Status::Pass && c.changes.is_some())
        .count();
    assert_eq!(
        events.len(),
        lapses + 1,
        "each lapse and the verdict's change"
    );
    let mut uids = std::collections::BTreeSet::new();
    for event in &events {
        assert!(uids.insert(event.get_uid().unwrap().to_string()));
        assert!(event.get_uid().unwrap().starts_with("brin-12AB-00-"));
        assert_eq!(event.property_value("DTSTAMP"), Some("20261130T000000Z"));
        let start = match event.get_start().unwrap() {
            icalendar::DatePerhapsTime::Date(d) => d,
            other => panic!("not all day: {other:?}"),
        };
        let end = match event.get_end().unwrap() {
            icalendar::DatePerhapsTime::Date(d) => d,
            other => panic!("not all day: {other:?}"),
        };
        assert_eq!(end, start.succ_opt().unwrap());
        assert!(event.get_summary().is_some() && event.get_description().is_some());
        assert!(text.contains("TRIGGER;RELATED=START:-PT2592000S"));
    }
    // C3's lapse is in it, on the day its window closes.
    let c3 = cal.criteria.iter().find(|c| c.id == "C3").unwrap();
    let on = c3.changes.as_ref().unwrap().on;
    assert!(uids.contains(&format!("brin-12AB-00-C3-{on}@kader")));
    assert_eq!(text.matches("BEGIN:VALARM").count(), events.len());
    // No stamp from the clock, in an alarm either.
    assert_eq!(
        text.matches("DTSTAMP:").count(),
        text.matches("DTSTAMP:20261130T000000Z").count()
    );
}

/// The HTML draws the certificate's health as a timeline a screen
/// reader can name.
#[test]
fn the_html_has_the_timeline() {
    let html = rendered(&["samples/po-de-regenboog-certified.json", "--format", "html"]);
    let svg = html.find("<svg class=\"timeline\"").expect("a timeline");
    let tag = &html[svg..svg + html[svg..].find('>').unwrap()];
    assert!(
        tag.contains("role=\"img\"") && tag.contains("aria-label=\""),
        "{tag}"
    );
    // A lane for the verdict and one a theme, each stretch with its dates.
    assert_eq!(html.matches("<g class=\"lane\">").count(), 1 + 8);
    assert!(html.contains(
        "<title>voldoet aan het kader: 30 november 2026 tot en met 12 maart 2027</title>"
    ));
    insta::assert_snapshot!("calendar_html", html);
}
