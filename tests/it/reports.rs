//! Reports: every format (text, Markdown, HTML, JSON) in both languages for
//! several samples, the HTML's structure (self-contained, one bar per theme,
//! author text escaped), and the municipality's overview of the sample
//! corpus.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::common;

use std::process::Command;

use common::{basiskader, compile, load, root, sample_paths};
use kader::report::{self, Format, Options};
use kader::{Assessment, Date, EvalOptions, Evidence, Framework, Language, Stage};
use serde_json::Value;

fn assess(file: &str, stage: Stage, language: Language) -> Assessment {
    let framework = basiskader();
    let evidence = load(framework, &root().join("samples").join(file));
    framework
        .decide(
            &evidence,
            EvalOptions {
                stage,
                language: Some(language),
            },
        )
        .explain()
}

fn render(a: &Assessment, format: Format, language: Language) -> String {
    report::render(
        basiskader(),
        a,
        format,
        Options {
            language,
            color: false,
            technical: false,
            group_by: None,
        },
    )
}

const FORMATS: [(&str, Format); 4] = [
    ("text", Format::Text),
    ("md", Format::Markdown),
    ("html", Format::Html),
    ("json", Format::Json),
];

const LANGUAGES: [(&str, Language); 2] = [("nl", Language::Nl), ("en", Language::En)];

/// Every format in both languages: a certified school (at the audit, with
/// its certificate), one that fails on knock-outs with a criterion still
/// open, one with unknown applicability and a score range, and an mbo with
/// non-applicable criteria and graded levels.
#[test]
fn snapshot_every_format_in_both_languages() {
    for (file, stage) in [
        ("po-de-regenboog-certified.json", Stage::Audit),
        ("vo-da-vinci-zuid-cameras-not-certified.json", Stage::Intake),
        ("vo-montessori-oost-cameras-unknown.json", Stage::Intake),
        ("mbo-techniek-college-certified.toml", Stage::Intake),
    ] {
        let stem = file.rsplit_once('.').unwrap().0;
        for (lang, language) in LANGUAGES {
            let a = assess(file, stage, language);
            for (name, format) in FORMATS {
                let mut text = render(&a, format, language);
                if format == Format::Json {
                    let value: Value = serde_json::from_str(&text).unwrap();
                    text = serde_json::to_string_pretty(&value).unwrap();
                }
                insta::assert_snapshot!(format!("{stem}_{}_{lang}_{name}", stage.as_str()), text);
            }
        }
    }
}

/// The same location at the audit, in Markdown: the unknowns are failures
/// that say they were not demonstrated.
#[test]
fn snapshot_an_audit_in_markdown() {
    let a = assess(
        "vo-montessori-oost-cameras-unknown.json",
        Stage::Audit,
        Language::Nl,
    );
    insta::assert_snapshot!(
        "vo-montessori-oost-cameras-unknown_audit_nl_md",
        render(&a, Format::Markdown, Language::Nl)
    );
}

// ---------------------------------------------------------------- HTML

/// Whether the HTML needs nothing from outside the file.
fn assert_self_contained(html: &str, what: &str) {
    let lower = html.to_lowercase();
    for forbidden in [
        "<script", "<link", "http://", "https://", "@import", "url(", "<img", "<iframe",
    ] {
        assert!(!lower.contains(forbidden), "{what}: contains `{forbidden}`");
    }
    assert!(lower.starts_with("<!doctype html>"), "{what}");
    assert!(lower.contains("<style>"), "{what}");
    assert!(lower.contains("@media print"), "{what}: print styles");
}

#[test]
fn html_is_self_contained_with_one_bar_per_theme() {
    for path in sample_paths() {
        let framework = basiskader();
        let evidence = load(framework, &path);
        for stage in [Stage::Intake, Stage::Audit] {
            let a = framework.decide(&evidence, stage).explain();
            let html = render(&a, Format::Html, Language::Nl);
            let what = format!("{} {}", path.display(), stage.as_str());
            assert_self_contained(&html, &what);
            assert_eq!(html.matches("<svg").count(), 1, "{what}");
            let themes = a.outcome.themes.len();
            assert_eq!(html.matches("<rect class=\"bar ").count(), themes, "{what}");
            assert_eq!(
                html.matches("class=\"threshold\"").count(),
                themes,
                "{what}"
            );
            // The range still open is drawn for every theme that has one.
            let open = a
                .outcome
                .themes
                .iter()
                .filter(|t| t.score_max.is_some())
                .count();
            assert_eq!(html.matches("<rect class=\"open\"").count(), open, "{what}");
            assert!(html.contains(&format!(
                "class=\"verdict v-{}\"",
                a.outcome.verdict.as_str()
            )));
        }
    }
}

#[test]
fn many_locations_make_one_html_document() {
    let framework = basiskader();
    let assessments: Vec<Assessment> = sample_paths()
        .iter()
        .map(|p| {
            framework
                .decide(&load(framework, p), Stage::Intake)
                .explain()
        })
        .collect();
    let html = report::render_all(framework, &assessments, Format::Html, Options::default());
    assert_eq!(html.matches("<!DOCTYPE html>").count(), 1);
    assert_eq!(
        html.matches("<article class=\"report\">").count(),
        assessments.len()
    );
    assert_eq!(html.matches("<svg").count(), assessments.len());
}

/// A framework whose author wrote markup in titles, messages, guidance and
/// the legal basis: every bit of it is shown as text.
const HOSTILE: &str = r#"
framework evil "<b>Bold</b> & \"quoted\"" version "1<2"
language en
validity 1 years
evidence {
  plan.ok : bool "Plan <i>ok</i> & 'done'"
}
theme t "<script>alert('theme')</script>" {
  criterion C1 "A | table <img src=x onerror=alert(1)>" {
    mandatory
    owner school
    legal "Law <a href='https://evil.example'>link</a>"
    require plan.ok else "Message with <script>alert(1)</script> & *stars* and | pipes"
    guidance "Guidance <style>body{display:none}</style>"
  }
}
"#;

fn hostile() -> (Framework, Evidence) {
    let framework = compile(HOSTILE);
    let evidence = Evidence::from_json(
        &framework,
        r#"{"location":{"id":"<loc>","name":"O'Brien & \"Sons\" <school>"},"as_of":"2026-01-01","evidence":{"plan":{"ok":false}}}"#,
    )
    .unwrap();
    (framework, evidence)
}

#[test]
fn html_escapes_author_text() {
    let (framework, evidence) = hostile();
    let a = framework.decide(&evidence, Stage::Intake).explain();
    let html = report::render(&framework, &a, Format::Html, Options::default());
    // The author's URL is there, as text; no tag or attribute refers to it.
    assert!(html.contains("&lt;a href=&#39;https://evil.example&#39;&gt;"));
    assert_self_contained(
        &html.replace("https://evil.example", "evil.example"),
        "hostile",
    );
    for raw in [
        "<b>",
        "<i>",
        "<script",
        "<img",
        "<a href",
        "<loc>",
        "<school>",
        "<style>body",
    ] {
        assert!(!html.contains(raw), "raw `{raw}` in the HTML");
    }
    for escaped in [
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&lt;img src=x onerror=alert(1)&gt;",
        "O&#39;Brien &amp; &quot;Sons&quot; &lt;school&gt;",
        "&lt;style&gt;body{display:none}&lt;/style&gt;",
        "&lt;script&gt;alert(&#39;theme&#39;)&lt;/script&gt;",
    ] {
        assert!(html.contains(escaped), "`{escaped}` not in the HTML");
    }
    let plan = kader::plan::plan(&framework, &a.outcome);
    let plan_html = report::render_plans(
        &[plan],
        Stage::Intake,
        Format::Html,
        true,
        Options::default(),
    );
    assert_self_contained(
        &plan_html.replace("https://evil.example", "evil.example"),
        "hostile plan",
    );
    assert!(!plan_html.contains("<script") && !plan_html.contains("<img"));
}

#[test]
fn markdown_escapes_author_text() {
    let (framework, evidence) = hostile();
    let a = framework.decide(&evidence, Stage::Intake).explain();
    let md = report::render(&framework, &a, Format::Markdown, Options::default());
    // Every `<` of the author's text is escaped, so no renderer sees a tag.
    assert!(
        md.match_indices('<').all(|(i, _)| md[..i].ends_with('\\')),
        "{md}"
    );
    assert!(
        md.contains(r"\<script\>alert(1)\</script\> & \*stars\* and \| pipes"),
        "{md}"
    );
    // A table row stays one row: the pipe in the title is escaped.
    assert!(md.contains(r"A \| table \<img"), "{md}");
}

/// Regression: the overview's "most failed" table wrote location ids raw,
/// so `x|<img …>` split the row and put a tag in the page. Every id, title
/// and criterion is escaped by the one Markdown escape.
#[test]
fn markdown_overview_escapes_location_ids_in_every_table() {
    let framework = basiskader();
    let id = "x|<img src=x onerror=alert(1)>";
    let text =
        std::fs::read_to_string(root().join("samples/po-de-klimop-meldcode-not-certified.json"))
            .unwrap()
            .replace("brin-56JK-00", id);
    assert!(text.contains(id));
    let evidence = Evidence::from_json(framework, &text).unwrap();
    let assessment = framework.decide(&evidence, Stage::Intake).explain();
    let overview = kader::overview::overview(framework, &[assessment], None);
    let md = report::render_overview(&overview, Format::Markdown, Options::default());
    assert!(!md.contains(id), "{md}");
    assert!(
        md.match_indices('<').all(|(i, _)| md[..i].ends_with('\\')),
        "{md}"
    );
    let escaped = r"x\|\<img src=x onerror=alert(1)\>";
    let rows: Vec<&str> = md.lines().filter(|l| l.contains(escaped)).collect();
    assert!(
        rows.len() >= 2,
        "the location's row and the most-failed table: {md}"
    );
    // Every table row that names it keeps its columns: as many unescaped
    // pipes as the table's header.
    let unescaped = |line: &str| {
        line.match_indices('|')
            .filter(|(i, _)| !line[..*i].ends_with('\\'))
            .count()
    };
    for row in rows.iter().filter(|r| r.starts_with('|')) {
        let header = md
            .lines()
            .take_while(|l| l != row)
            .filter(|l| l.starts_with("|---"))
            .last()
            .unwrap();
        assert_eq!(unescaped(row), unescaped(header), "{row}");
    }
}

// ---------------------------------------------------------------- CLI

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

/// `kader eval --format` prints the library's report; HTML over a
/// directory is one document.
#[test]
fn kader_eval_in_every_format() {
    let sample = "samples/vo-da-vinci-zuid-cameras-not-certified.json";
    let a = assess(
        "vo-da-vinci-zuid-cameras-not-certified.json",
        Stage::Intake,
        Language::En,
    );
    for (name, format) in FORMATS {
        let (code, stdout, stderr) = kader(&[
            "eval",
            "frameworks/basiskader.kader",
            sample,
            "--format",
            name,
            "--lang",
            "en",
        ]);
        assert_eq!(code, 0, "{name}: {stderr}");
        assert_eq!(stdout, render(&a, format, Language::En), "{name}");
    }
    let (code, stdout, _) = kader(&[
        "eval",
        "frameworks/basiskader.kader",
        "samples",
        "--format",
        "html",
    ]);
    assert_eq!(code, 0);
    assert_eq!(stdout.matches("<html").count(), 1);
    assert_self_contained(&stdout, "eval samples --format html");
}

// ---------------------------------------------------------------- overview

fn corpus(stage: Stage) -> Vec<Assessment> {
    let framework = basiskader();
    let mut all: Vec<Assessment> = sample_paths()
        .iter()
        .map(|p| framework.decide(&load(framework, p), stage).explain())
        .collect();
    // The batch repeats three of the files, line by line.
    let batch = std::fs::read_to_string(root().join("samples/batch.jsonl")).unwrap();
    for line in batch.lines().filter(|l| !l.trim().is_empty()) {
        all.push(
            framework
                .decide(&Evidence::from_json(framework, line).unwrap(), stage)
                .explain(),
        );
    }
    all
}

fn date(s: &str) -> Date {
    s.parse().unwrap()
}

#[test]
fn the_overview_of_the_sample_corpus() {
    let framework = basiskader();
    let all = corpus(Stage::Intake);
    assert_eq!(all.len(), 18);
    let overview = kader::overview::overview(framework, &all, None);
    // One row per location: the batch's three lines are the same schools.
    assert_eq!(overview.locations.len(), 15);
    let ids: Vec<&str> = overview
        .locations
        .iter()
        .map(|l| l.location.id.as_str())
        .collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    assert_eq!(ids, sorted, "by location id");
    // The reference date defaults to the latest as-of date (the leap-day
    // samples).
    assert_eq!(overview.as_of, date("2028-02-29"));
    assert_eq!(overview.expiry_horizon, date("2028-08-29"));

    // C3 fails at two locations (po-de-sprong, so-de-wissel); nothing fails
    // more often.
    let top = &overview.most_failed[0];
    assert_eq!((top.criterion.as_str(), top.failed, top.open), ("C3", 2, 0));
    assert_eq!(top.locations, ["brin-01UV-00", "brin-23YZ-00"]);
    // F4 fails at da Vinci and is open at Montessori.
    let f4 = overview
        .most_failed
        .iter()
        .find(|t| t.criterion == "F4")
        .unwrap();
    assert_eq!((f4.failed, f4.open), (1, 1));

    // The workload adds up to the plans' items, per partner.
    let plans: usize = overview.locations.iter().map(|l| l.open_items).sum();
    let load_total: usize = overview.workload.iter().map(|w| w.items).sum();
    assert_eq!(plans, load_total);
    let owners: Vec<&str> = overview.workload.iter().map(|w| w.owner.as_str()).collect();
    assert_eq!(
        owners,
        ["school", "gemeente", "politie", "halt", "ggd", "joint"]
    );
    let joint = overview
        .workload
        .iter()
        .find(|w| w.owner == "joint")
        .unwrap();
    // P6 (de Linde, Techniek College), Z7 (de Brug), O1 (het Baken,
    // Montessori), P1 (Montessori).
    assert_eq!(joint.items, 6);
    assert_eq!(joint.locations, 5);
    assert_eq!(joint.needed_for_certificate, 4);

    // On 2028-02-29 the 2026 certificates run until 2029 or later.
    assert!(overview.expiring.is_empty());
    assert!(overview.expired.is_empty());
}

/// Certified locations whose certificate ends within six months of the
/// overview's date; each certificate runs from its own as-of date.
#[test]
fn certificates_that_expire_soon() {
    let framework = basiskader();
    let all = corpus(Stage::Audit);
    let overview = kader::overview::overview(framework, &all, Some(date("2029-07-01")));
    let expiring: Vec<(&str, String, i64)> = overview
        .expiring
        .iter()
        .map(|e| {
            (
                e.location.id.as_str(),
                e.valid_until.to_string(),
                e.days_left,
            )
        })
        .collect();
    assert_eq!(
        expiring,
        [
            ("brin-23CD-00", "2029-10-01".to_string(), 92),
            ("brin-12AB-00", "2029-11-30".to_string(), 152),
            ("brin-34EF-01", "2029-11-30".to_string(), 152),
            ("brin-90ST-00", "2029-11-30".to_string(), 152),
            ("brin-45GH-02", "2029-12-15".to_string(), 167),
        ]
    );
    // De Schakel (leap day 2028) runs until 2031-02-28.
    assert!(overview.expired.is_empty());

    let later = kader::overview::overview(framework, &all, Some(date("2029-12-01")));
    let expired: Vec<&str> = later
        .expired
        .iter()
        .map(|e| e.location.id.as_str())
        .collect();
    assert_eq!(
        expired,
        [
            "brin-23CD-00",
            "brin-12AB-00",
            "brin-34EF-01",
            "brin-90ST-00"
        ]
    );
    let expiring: Vec<&str> = later
        .expiring
        .iter()
        .map(|e| e.location.id.as_str())
        .collect();
    assert_eq!(expiring, ["brin-45GH-02"]);
}

#[test]
fn snapshot_the_overview() {
    let framework = basiskader();
    let all = corpus(Stage::Intake);
    let overview = kader::overview::overview(framework, &all, Some(date("2029-07-01")));
    for (lang, language) in LANGUAGES {
        let options = Options {
            language,
            color: false,
            technical: false,
            group_by: None,
        };
        insta::assert_snapshot!(
            format!("overview_{lang}_md"),
            report::render_overview(&overview, Format::Markdown, options)
        );
        insta::assert_snapshot!(
            format!("overview_{lang}_text"),
            report::render_overview(&overview, Format::Text, options)
        );
        let html = report::render_overview(&overview, Format::Html, options);
        assert_self_contained(&html, "overview");
        insta::assert_snapshot!(format!("overview_{lang}_html"), html);
    }
    let json: Value = serde_json::from_str(&report::render_overview(
        &overview,
        Format::Json,
        Options::default(),
    ))
    .unwrap();
    insta::assert_snapshot!(
        "overview_json",
        serde_json::to_string_pretty(&json).unwrap()
    );
}

#[test]
fn kader_report_over_the_samples_directory() {
    let (code, stdout, stderr) = kader(&[
        "report",
        "frameworks/basiskader.kader",
        "--samples",
        "samples",
        "--as-of",
        "2029-07-01",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let overview: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(overview["as_of"], "2029-07-01");
    assert_eq!(overview["locations"].as_array().unwrap().len(), 15);
    assert_eq!(overview["expiring"].as_array().unwrap().len(), 5);
    for format in ["md", "html"] {
        let (code, stdout, _) = kader(&[
            "report",
            "frameworks/basiskader.kader",
            "--samples",
            "samples",
            "--format",
            format,
            "--lang",
            "en",
        ]);
        assert_eq!(code, 0);
        assert!(stdout.contains("Criteria most often not met"), "{format}");
    }
}

/// The overview of Voorbeeldstad's four sample locations.
fn voorbeeldstad_overview() -> kader::overview::Overview {
    let dir = common::root().join("frameworks");
    let source = std::fs::read_to_string(dir.join("lokaal/voorbeeldstad.kader")).unwrap();
    let resolver = kader::DirResolver::new(&dir).unwrap();
    let framework = Framework::compile_with(&source, "voorbeeldstad.kader", &resolver).unwrap();
    let samples = common::root().join("samples/voorbeeldstad");
    let mut all = Vec::new();
    for entry in std::fs::read_dir(samples).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let evidence =
                Evidence::from_json(&framework, &std::fs::read_to_string(&path).unwrap()).unwrap();
            all.push(framework.decide(&evidence, Stage::Intake).explain());
        }
    }
    kader::overview::overview(&framework, &all, None)
}

#[test]
fn the_overview_counts_and_groups_by_what_the_files_say() {
    let overview = voorbeeldstad_overview();
    let t = &overview.totals;
    assert_eq!(
        (
            t.locations,
            t.certified,
            t.not_certified,
            t.insufficient_evidence,
            t.stale
        ),
        (4, 1, 3, 0, 0)
    );
    let social = t.themes.iter().find(|t| t.id == "sociaal").unwrap();
    assert_eq!((social.pass, social.fail, social.unknown), (3, 1, 0));

    let groups = overview.groups(kader::overview::Grouping::District);
    let named: Vec<(Option<&str>, usize, usize)> = groups
        .iter()
        .map(|g| (g.name, g.locations.len(), g.totals.certified))
        .collect();
    assert_eq!(named, [(Some("Centrum"), 2, 1), (Some("Noord"), 2, 0)]);
    // Every location is in exactly one group, and the groups add up.
    let sum: usize = groups.iter().map(|g| g.totals.locations).sum();
    assert_eq!(sum, t.locations);

    let md = report::render_overview(
        &overview,
        Format::Markdown,
        Options {
            group_by: Some(kader::overview::Grouping::Board),
            ..Options::default()
        },
    );
    assert!(
        md.contains("1 van 4 locaties voldoet aan het kader en 3 voldoen nog niet."),
        "{md}"
    );
    assert!(
        md.contains("### Bestuur: Stichting Primair Onderwijs Voorbeeldstad"),
        "{md}"
    );
    assert!(
        md.contains("Basisschool Het Anker, Voorbeeldstad (brin-31VS-01): "),
        "{md}"
    );
}

#[test]
fn evidence_older_than_twelve_months_is_flagged() {
    let framework = basiskader();
    let all = corpus(Stage::Intake);
    // A year and a day after the latest evidence, every location is old.
    let overview = kader::overview::overview(framework, &all, Some(date("2029-03-01")));
    let stale: Vec<bool> = overview.locations.iter().map(|r| r.stale).collect();
    assert!(stale.iter().all(|s| *s), "{stale:?}");
    // On its own date, the latest is not.
    let now = kader::overview::overview(framework, &all, None);
    assert!(now.locations.iter().any(|r| !r.stale));
    assert!(now.totals.stale < now.totals.locations);
    let text = report::render_overview(&overview, Format::Text, Options::default());
    assert!(text.contains("ouder dan 12 maanden"), "{text}");
    assert!(
        text.contains("zijn beoordeeld op gegevens van meer dan 12 maanden oud."),
        "{text}"
    );
}

#[test]
fn the_report_names_the_school_first_and_serves_the_meeting() {
    let a = assess(
        "vo-da-vinci-zuid-cameras-not-certified.json",
        Stage::Intake,
        Language::Nl,
    );
    let md = render(&a, Format::Markdown, Language::Nl);
    assert!(
        md.starts_with("# Da Vinci College, locatie Zuid, Leiden\n\nbrin-34AB-02"),
        "{md}"
    );
    let order = [
        "## Op orde",
        "## Niet op orde",
        "## Nog aan te tonen",
        "## Verbeterplan",
        "## Intakegesprek",
    ];
    let at: Vec<usize> = order
        .iter()
        .map(|h| md.find(h).unwrap_or_else(|| panic!("{h} in {md}")))
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{at:?}");
    assert!(md.contains("10 december 2026"), "{md}");
    assert!(
        md.contains("De school houdt in januari een ontruimingsoefening"),
        "{md}"
    );
    assert!(md.contains("| C. Bakker, wijkagent |"), "{md}");
    // Not one of the words the old report repeated.
    assert!(!md.contains("Tekortkomingen"), "{md}");

    // A certified location gets recommendations, not an improvement plan.
    let certified = assess(
        "po-de-regenboog-certified.json",
        Stage::Intake,
        Language::Nl,
    );
    let md = render(&certified, Format::Markdown, Language::Nl);
    assert!(md.contains("## Aanbevelingen"), "{md}");
    assert!(!md.contains("## Verbeterplan"), "{md}");
}
