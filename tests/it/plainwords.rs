//! Reports speak plain words: no generated report (text, Markdown, HTML;
//! Dutch and English; intake and audit; the plan too) shows framework
//! notation, an evidence path, a list in brackets or a missing value
//! inside a sentence about a number; and every shipped sample's reports
//! write dates and decimals as the language does.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::fmt::Write as _;
use std::path::Path;

use crate::common::{basiskader, compile, every_stage_and_language, load, root, sample_paths, Rng};
use kader::report::{self, Format, Options};
use kader::{Evidence, Framework, Language};
use proptest::prelude::*;

/// The evidence every generated framework declares: `(path, type, label)`.
const EVIDENCE: [(&str, &str, &str); 7] = [
    ("veld.aantal", "int", "Aantal opgeleiden"),
    ("veld.deel", "percent", "Deel van het personeel"),
    ("veld.datum", "date", "Datum laatste controle"),
    ("veld.plan", "bool", "Plan vastgesteld"),
    ("veld.oefeningen", "list<date>", "Data van oefeningen"),
    (
        "veld.partners",
        "list<enum(gemeente, politie, halt)>",
        "Partners",
    ),
    ("veld.maximum", "int", "Maximaal aantal aanwezigen"),
];

/// One condition over the generated evidence.
fn condition(rng: &mut Rng, depth: u32) -> String {
    let one = match rng.next(7) {
        0 => format!("veld.aantal >= {}", rng.next(5)),
        1 => format!("veld.deel >= {}.5%", 50 + rng.next(40)),
        2 => "veld.datum within 12 months".to_string(),
        3 => "veld.plan".to_string(),
        4 => format!("count(veld.oefeningen within 12 months) >= {}", rng.next(3)),
        5 => format!("count(veld.partners) >= {}", 2 + rng.next(2)),
        _ => "veld.aantal * 50 >= veld.maximum".to_string(),
    };
    if depth < 2 && rng.chance(25) {
        let logic = if rng.chance(50) { "and" } else { "or" };
        format!("{one} {logic} {}", condition(rng, depth + 1))
    } else {
        one
    }
}

/// A message whose placeholders sit inside sentences about numbers.
fn message(rng: &mut Rng) -> &'static str {
    [
        "Er zijn {veld.aantal} opgeleiden.",
        "Met {veld.aantal} opgeleiden en maximaal {veld.maximum} aanwezigen is het te weinig.",
        "Van het personeel heeft {veld.deel} het gedaan.",
        "Laatste controle: {veld.datum}.",
        "Te weinig partners ({veld.partners}).",
    ][rng.next(5) as usize]
}

fn framework_source(seed: u64) -> String {
    let mut rng = Rng(seed);
    let mut out = String::from("framework gen \"Gegenereerd\" version \"1\"\n");
    out.push_str("evidence {\n");
    for (path, ty, label) in EVIDENCE {
        let _ = writeln!(out, "  {path} : {ty} \"{label}\"");
    }
    out.push_str("}\n");
    if rng.chance(50) {
        let _ = writeln!(out, "define geoefend = {}", condition(&mut rng, 1));
    }
    for theme in 0..2 {
        let _ = writeln!(out, "theme t{theme} \"Thema {theme}\" {{");
        for c in 0..3 {
            let _ = writeln!(out, "  criterion C{theme}{c} \"Criterium {theme}{c}\" {{");
            out.push_str("    owner joint\n");
            if rng.chance(30) {
                out.push_str("    mandatory\n");
            }
            if rng.chance(20) {
                out.push_str("    applies when veld.plan\n");
            }
            if rng.chance(25) {
                let _ = writeln!(
                    out,
                    "    score {{\n      2 when {}\n      1 when {}\n      0 otherwise\n    }}",
                    condition(&mut rng, 1),
                    condition(&mut rng, 1)
                );
            } else {
                let requirements = 1 + rng.next(2);
                for _ in 0..requirements {
                    let _ = write!(out, "    require {}", condition(&mut rng, 0));
                    if rng.chance(70) {
                        let _ = write!(out, "\n      else \"{}\"", message(&mut rng));
                    }
                    out.push('\n');
                }
            }
            out.push_str("  }\n");
        }
        out.push_str("}\n");
    }
    out.push_str("scoring {\n  theme passes when all mandatory pass and score >= 60%\n  certified when all themes pass\n}\n");
    out
}

fn evidence_source(seed: u64) -> String {
    let mut rng = Rng(seed ^ 0x5eed);
    let mut fields: Vec<String> = Vec::new();
    let skip = |rng: &mut Rng| rng.chance(30);
    if !skip(&mut rng) {
        fields.push(format!("\"aantal\": {}", rng.next(4)));
    }
    if !skip(&mut rng) {
        fields.push(format!("\"deel\": 0.{}{}", 4 + rng.next(6), rng.next(10)));
    }
    if !skip(&mut rng) {
        fields.push(format!(
            "\"datum\": \"202{}-0{}-1{}\"",
            4 + rng.next(3),
            1 + rng.next(9),
            rng.next(10)
        ));
    }
    if !skip(&mut rng) {
        fields.push(format!("\"plan\": {}", rng.chance(50)));
    }
    if !skip(&mut rng) {
        let n = rng.next(3);
        let dates: Vec<String> = (0..n)
            .map(|i| format!("\"2026-0{}-01\"", 1 + i * 3))
            .collect();
        fields.push(format!("\"oefeningen\": [{}]", dates.join(", ")));
    }
    if !skip(&mut rng) {
        let all = ["\"gemeente\"", "\"politie\"", "\"halt\""];
        let n = rng.next(4) as usize;
        fields.push(format!("\"partners\": [{}]", all[..n].join(", ")));
    }
    if !skip(&mut rng) {
        fields.push(format!("\"maximum\": {}", 40 + rng.next(200)));
    }
    format!(
        "{{\"location\": {{\"id\": \"loc-1\", \"name\": \"School\"}}, \"as_of\": \"2026-11-30\", \"evidence\": {{\"veld\": {{{}}}}}}}",
        fields.join(", ")
    )
}

/// Every report people read for one location: the report at both stages
/// and the plan, in text, Markdown and HTML, in both languages.
fn reports(framework: &Framework, evidence: &Evidence) -> Vec<(String, Language, String)> {
    let mut out = Vec::new();
    for (stage, language, a) in every_stage_and_language(framework, evidence) {
        let plan = kader::plan::plan_in(framework, &a.outcome, language);
        for (name, format) in [
            ("text", Format::Text),
            ("md", Format::Markdown),
            ("html", Format::Html),
        ] {
            let options = Options {
                language,
                ..Options::default()
            };
            let what = format!("{language:?} {} {name}", stage.as_str());
            let report = report::render(framework, &a, format, options);
            out.push((
                format!("{what} report"),
                language,
                readable(&report, format),
            ));
            for by_owner in [false, true] {
                let plan = report::render_plans(
                    std::slice::from_ref(&plan),
                    stage,
                    format,
                    by_owner,
                    options,
                );
                out.push((format!("{what} plan"), language, readable(&plan, format)));
            }
        }
    }
    out
}

/// What people read of a document: HTML without its style sheet and tags.
fn readable(document: &str, format: Format) -> String {
    if format != Format::Html {
        return document.to_string();
    }
    let body = match (document.find("<style>"), document.find("</style>")) {
        (Some(start), Some(end)) => format!("{}{}", &document[..start], &document[end..]),
        _ => document.to_string(),
    };
    let mut text = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

/// What no report for people may contain.
fn assert_plain(text: &str, what: &str, paths: &[&str]) {
    // The text backend sets an entry's tags in brackets after two spaces.
    let text = &text.replace("  [", "  ");
    for forbidden in ["{", "[", "None", ">=", "count("] {
        assert!(
            !text.contains(forbidden),
            "{what}: `{forbidden}` in\n{text}"
        );
    }
    for path in paths {
        assert!(!text.contains(path), "{what}: path `{path}` in\n{text}");
    }
    // A missing value never lands where a number belongs.
    for word in ["ontbreekt", "missing"] {
        for (at, _) in text.match_indices(word) {
            let before = text[..at].trim_end();
            let after = text[at + word.len()..].trim_start();
            for number_word in [
                "zijn",
                "Met",
                "maximaal",
                "heeft",
                "controle:",
                "partners (",
            ] {
                assert!(
                    !before.ends_with(number_word),
                    "{what}: `{number_word} {word}` in\n{text}"
                );
            }
            assert!(
                !after.starts_with("opgeleiden") && !after.starts_with("aanwezigen"),
                "{what}: `{word} {after:.20}` in\n{text}"
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Generated frameworks and evidence: every report in plain words.
    #[test]
    fn generated_reports_speak_plain_words(seed in any::<u64>()) {
        let source = framework_source(seed);
        let framework = compile(&source);
        let evidence = Evidence::from_json(&framework, &evidence_source(seed)).unwrap();
        let paths: Vec<&str> = EVIDENCE.iter().map(|(p, _, _)| *p).collect();
        for (what, _, text) in reports(&framework, &evidence) {
            assert_plain(&text, &format!("seed {seed}: {what}"), &paths);
        }
    }
}

/// The dotted paths of the evidence an evidence file supplies.
fn paths_of(value: &serde_json::Value, prefix: &str, out: &mut Vec<String>) {
    if let serde_json::Value::Object(map) = value {
        for (key, inner) in map {
            let path = if prefix.is_empty() {
                key.clone()
            } else {
                format!("{prefix}.{key}")
            };
            if prefix.is_empty() || !inner.is_object() {
                out.push(path.clone());
            }
            paths_of(inner, &path, out);
        }
    }
}

/// Whether a text holds a date as `2026-11-30`.
fn iso_date(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(9)).find_map(|i| {
        let piece = &bytes[i..i + 10];
        let digits = |r: std::ops::Range<usize>| piece[r].iter().all(u8::is_ascii_digit);
        (digits(0..4) && piece[4] == b'-' && digits(5..7) && piece[7] == b'-' && digits(8..10))
            .then(|| &text[i..i + 10])
    })
}

/// Whether a text holds a decimal written with a point before `%`: `87.5%`.
fn point_decimal(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    (1..bytes.len().saturating_sub(1)).find_map(|i| {
        (bytes[i] == b'.'
            && bytes[i - 1].is_ascii_digit()
            && bytes[i + 1].is_ascii_digit()
            && text[i + 1..]
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .starts_with('%'))
        .then(|| &text[i - 1..(i + 4).min(text.len())])
    })
}

fn check_sample(framework: &Framework, path: &Path) {
    let evidence = load(framework, path);
    let source = std::fs::read_to_string(path).unwrap();
    let value: serde_json::Value = if path.extension().is_some_and(|e| e == "toml") {
        let table: toml::Value = toml::from_str(&source).unwrap();
        serde_json::to_value(table).unwrap()
    } else {
        serde_json::from_str(&source).unwrap()
    };
    let mut paths = Vec::new();
    if let Some(evidence) = value.get("evidence") {
        paths_of(evidence, "", &mut paths);
    }
    // Only dotted paths: a one-word key may be an ordinary word.
    paths.retain(|p| p.contains('.'));
    for (what, language, text) in reports(framework, &evidence) {
        let what = format!("{}: {what}", path.display());
        for p in &paths {
            assert!(!text.contains(p.as_str()), "{what}: path `{p}` in\n{text}");
        }
        if language == Language::Nl {
            assert_eq!(iso_date(&text), None, "{what}: a date as 2026-11-30");
            assert_eq!(point_decimal(&text), None, "{what}: a decimal point");
        }
    }
}

/// Every shipped sample, under its framework, in both languages: no
/// evidence path; Dutch writes `30 november 2026` and `87,5%`.
#[test]
fn shipped_samples_speak_plain_words() {
    for path in sample_paths() {
        check_sample(basiskader(), &path);
    }
    let lokaal =
        std::fs::read_to_string(root().join("frameworks/lokaal/voorbeeldstad.kader")).unwrap();
    let resolver = kader::DirResolver::new(&root().join("frameworks")).unwrap();
    let framework = Framework::compile_with(&lokaal, "voorbeeldstad.kader", &resolver).unwrap();
    let dir = root().join("samples/voorbeeldstad");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.to_string_lossy();
            !name.ends_with(".expect.toml")
                && p.extension().is_some_and(|e| e == "json" || e == "toml")
        })
        .collect();
    files.sort();
    assert!(!files.is_empty());
    for path in files {
        check_sample(&framework, &path);
    }
}

#[test]
fn the_scanners_find_what_they_look_for() {
    assert_eq!(iso_date("peildatum 2026-11-30 ·"), Some("2026-11-30"));
    assert_eq!(iso_date("30 november 2026"), None);
    assert!(point_decimal("score 87.5% en").is_some());
    assert_eq!(point_decimal("score 87,5%. Daarna 3.2 keer"), None);
}
