//! The diagnostics a framework author sees, one author mistake a file.
//!
//! `tests/data/err/*.kader` each hold a small framework with exactly one
//! mistake; their rendered diagnostics are snapshots in `tests/snapshots/`
//! (refresh with `INSTA_UPDATE=always cargo test --test diagnostics`, then
//! read every changed snapshot as a policy officer would). The codes each file
//! produces are also pinned in [`CODES`], so a snapshot is not the only check.
//! `tests/data/ok/*.kader` must compile without errors or warnings.

#![expect(
    clippy::unwrap_used,
    reason = "the helpers are test code: a missing file is a failed test"
)]

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use kader::{Diagnostics, Framework};

/// The diagnostics of a framework file: its errors when it fails to compile,
/// its warnings when it compiles.
fn diagnostics(source: &str) -> Diagnostics {
    match Framework::compile(source) {
        Ok(framework) => framework.warnings().clone(),
        Err(diagnostics) => diagnostics,
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

fn kader_files(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(dir);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "kader"))
        .collect();
    files.sort();
    files
}

#[test]
fn err_snapshots() {
    insta::glob!("data/err/*.kader", |path| {
        let source = fs::read_to_string(path).unwrap();
        let rendered = diagnostics(&source).render(&file_name(path), &source, false);
        insta::assert_snapshot!(rendered);
    });
}

/// Which diagnostic codes each err file produces, in source order.
const CODES: &[(&str, &[&str])] = &[
    ("arithmetic-on-text", &["E0209"]),
    ("bare-percent-as-condition", &["E0204"]),
    ("brackets-nested-100-deep", &["E0102"]),
    ("count-of-a-date", &["E0208"]),
    ("criterion-without-rule", &["E0235"]),
    ("criterion-without-title", &["E0101"]),
    ("date-compared-with-percent", &["E0203"]),
    ("define-name-misspelled", &["E0202"]),
    ("define-used-before-defined", &["E0252"]),
    ("duplicate-criterion-id", &["E0231"]),
    ("duplicate-evidence-declaration", &["E0210"]),
    ("duplicate-theme-id", &["E0230"]),
    ("duplicate-weight", &["E0232"]),
    ("empty-file", &["E0101"]),
    ("enum-member-in-quotes", &["E0203"]),
    ("enum-member-not-in-enum", &["E0206"]),
    ("file-cut-off-halfway", &["E0101"]),
    ("impossible-date", &["E0107"]),
    ("message-without-else", &["E0101"]),
    ("misspelled-criterion-keyword", &["E0101"]),
    ("misspelled-else", &["E0101"]),
    ("misspelled-evidence-keyword", &["E0101"]),
    ("misspelled-evidence-path", &["E0201"]),
    ("misspelled-keyword-mandatory", &["E0101"]),
    ("missing-closing-brace-at-end", &["E0101"]),
    ("missing-closing-brace-of-criterion", &["E0101"]),
    ("missing-comparison", &["E0101"]),
    ("ordering-texts", &["E0203"]),
    ("score-levels-all-zero", &["E0237"]),
    ("set-with-wrong-member", &["E0206"]),
    ("threshold-above-100-percent", &["E0241"]),
    ("threshold-with-greater-than", &["E0101"]),
    ("two-scoring-sections", &["E0243"]),
    ("unclosed-placeholder", &["E0105"]),
    ("unclosed-text", &["E0101"]),
    ("undeclared-evidence-path", &["E0201"]),
    ("unknown-escape-in-text", &["E0104"]),
    ("unknown-language", &["E0220"]),
    ("unknown-owner-misspelled", &["E0233"]),
    ("unknown-placeholder", &["E0207"]),
    ("unknown-theme-in-scoring", &["E0240"]),
    ("unknown-type", &["E0101"]),
    ("weight-not-a-number", &["E0101"]),
    ("within-on-a-percent", &["E0205"]),
    ("within-without-unit", &["E0101"]),
];

#[test]
fn err_files_produce_their_codes() {
    let files = kader_files("err");
    let stems: BTreeSet<String> = files
        .iter()
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    let listed: BTreeSet<String> = CODES.iter().map(|(f, _)| (*f).to_string()).collect();
    assert_eq!(
        stems, listed,
        "every err file has a row in CODES, and only those"
    );

    for path in &files {
        let stem = path.file_stem().unwrap().to_string_lossy();
        let source = fs::read_to_string(path).unwrap();
        let found = diagnostics(&source);
        let codes: Vec<&str> = found.iter().map(|d| d.code).collect();
        let expected = CODES.iter().find(|(f, _)| *f == stem).unwrap().1;
        assert_eq!(codes, expected, "{stem}.kader");
        assert!(found.has_errors(), "{stem}.kader must not compile");
    }
}

/// What every diagnostic must look like to an author (style guide point 5).
#[test]
fn err_diagnostics_follow_the_message_style() {
    for path in kader_files("err") {
        let source = fs::read_to_string(&path).unwrap();
        let name = file_name(&path);
        for d in diagnostics(&source).iter() {
            let message = &d.message;
            assert!(
                !message.ends_with('.'),
                "{name}: final period in {message:?}"
            );
            assert!(
                !message.starts_with(|c: char| c.is_uppercase()),
                "{name}: capital in {message:?}"
            );
            let help = d.help.as_deref().unwrap_or("");
            assert!(!help.is_empty(), "{name}: no help for {message:?}");
            for text in [message.as_str(), help, d.label.as_deref().unwrap_or("")] {
                for rust_word in [
                    "rule_", "kw_", "Rule::", "EOI", "SOI", "Decimal", "String", "u64",
                ] {
                    assert!(
                        !text.contains(rust_word),
                        "{name}: `{rust_word}` in {text:?}"
                    );
                }
            }
            assert!(
                d.span.start <= d.span.end && d.span.end <= source.len(),
                "{name}: span"
            );
        }
    }
}

#[test]
fn ok_files_compile_cleanly() {
    let files = kader_files("ok");
    assert!(files.len() >= 2);
    for path in files {
        let source = fs::read_to_string(&path).unwrap();
        match Framework::compile(&source) {
            Ok(framework) => assert!(
                framework.warnings().is_empty(),
                "{}:\n{}",
                file_name(&path),
                framework
                    .warnings()
                    .render(&file_name(&path), &source, false)
            ),
            Err(diagnostics) => panic!(
                "{}:\n{}",
                file_name(&path),
                diagnostics.render(&file_name(&path), &source, false)
            ),
        }
    }
}

/// The underlined text of the first diagnostic, for the checks below.
fn underlined(source: &str) -> (String, String, Option<String>) {
    let found = diagnostics(source);
    let d = found.iter().next().unwrap();
    (
        source[d.span.start..d.span.end].to_string(),
        d.message.clone(),
        d.help.clone(),
    )
}

#[test]
fn err_underlines_point_at_the_mistake() {
    // (file, the exact underlined text)
    let cases: &[(&str, &str)] = &[
        ("misspelled-evidence-path", "monitor.respons_rate"),
        ("undeclared-evidence-path", "fire.extinguishers_checked"),
        ("date-compared-with-percent", "monitor.last_run >= 70%"),
        ("duplicate-criterion-id", "S1"),
        ("duplicate-theme-id", "sociaal"),
        ("duplicate-evidence-declaration", "monitor.last_run"),
        ("unknown-owner-misspelled", "gemeete"),
        ("unknown-placeholder", "monitor.response"),
        ("threshold-above-100-percent", "score >= 160%"),
        ("missing-closing-brace-at-end", ""),
        ("file-cut-off-halfway", ""),
        ("misspelled-keyword-mandatory", "mandatroy"),
        ("misspelled-criterion-keyword", "criterium"),
        ("bare-percent-as-condition", "monitor.response_rate"),
        ("enum-member-not-in-enum", "mob"),
        ("within-on-a-percent", "monitor.response_rate"),
        ("count-of-a-date", "monitor.last_run"),
        ("criterion-without-rule", "S2"),
        ("unknown-language", "nederlands"),
        ("define-used-before-defined", "recent_monitor"),
        ("duplicate-weight", "weight 3"),
        ("impossible-date", "2026-02-30"),
        ("arithmetic-on-text", "coordinator.name"),
        ("unknown-theme-in-scoring", "fysek"),
        ("unknown-escape-in-text", r"\("),
        ("brackets-nested-100-deep", "("),
        ("unknown-type", "datum"),
        ("weight-not-a-number", "twee"),
        ("within-without-unit", ""),
        (
            "message-without-else",
            "\"De respons was {monitor.response_rate}; minimaal 70% is nodig.\"",
        ),
        ("missing-comparison", "70%"),
        ("threshold-with-greater-than", ">"),
        ("enum-member-in-quotes", "school.type != \"mbo\""),
        ("missing-closing-brace-of-criterion", "theme"),
    ];
    for (file, text) in cases {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/err")
            .join(format!("{file}.kader"));
        let source = fs::read_to_string(path).unwrap();
        let (underlined, message, _) = underlined(&source);
        assert_eq!(&underlined, text, "{file}.kader: {message}");
    }
}

#[test]
fn did_you_mean_suggestions() {
    let cases: &[(&str, &str)] = &[
        (
            "misspelled-evidence-path",
            "did you mean `monitor.response_rate`?",
        ),
        ("unknown-owner-misspelled", "did you mean `gemeente`?"),
        (
            "unknown-placeholder",
            "did you mean `{monitor.response_rate}`?",
        ),
        ("enum-member-not-in-enum", "did you mean `mbo`?"),
        ("unknown-theme-in-scoring", "did you mean `fysiek`?"),
        ("misspelled-keyword-mandatory", "did you mean `mandatory`?"),
        ("misspelled-criterion-keyword", "did you mean `criterion`?"),
        ("define-name-misspelled", "did you mean `recent_monitor`?"),
        ("misspelled-else", "did you mean `else`?"),
        ("misspelled-evidence-keyword", "did you mean `evidence`?"),
        ("unknown-type", "did you mean `date`?"),
    ];
    for (file, help) in cases {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/err")
            .join(format!("{file}.kader"));
        let source = fs::read_to_string(path).unwrap();
        let (_, message, found) = underlined(&source);
        let found = found.unwrap_or_default();
        assert!(
            found.starts_with(help),
            "{file}.kader: {message}: help is {found:?}"
        );
    }
}

/// Guards the parse-error wording code (which looks around the error in the
/// source) against panics and spans outside the file: every prefix of a
/// good framework is a file cut off somewhere.
#[test]
fn every_cut_off_file_gets_a_diagnostic_inside_the_file() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/ok/halt-en-politie.kader");
    let source = fs::read_to_string(path).unwrap();
    let cuts = source.char_indices().map(|(i, _)| i).step_by(3);
    for cut in cuts {
        let prefix = &source[..cut];
        let Err(found) = Framework::compile(prefix) else {
            continue;
        };
        for d in found.iter() {
            assert!(d.span.end <= prefix.len(), "cut at {cut}: {d:?}");
            assert!(!d.message.ends_with('.'), "cut at {cut}: {}", d.message);
            assert!(d.help.is_some(), "cut at {cut}: {}", d.message);
        }
        let rendered = found.render("cut.kader", prefix, false);
        assert!(!rendered.contains("E0000"), "cut at {cut}:\n{rendered}");
    }
}

/// Every code the source can emit has a row in `docs/diagnostics.md`.
#[test]
fn every_code_is_documented() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let docs = fs::read_to_string(root.join("docs/diagnostics.md")).unwrap();
    let mut dirs = vec![root.join("src")];
    let mut codes = BTreeSet::new();
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = fs::read_to_string(&path).unwrap();
                for (i, _) in text.match_indices("\"E0").chain(text.match_indices("\"W0")) {
                    let code = text.get(i + 1..i + 6).unwrap_or("");
                    let closed = text.get(i + 6..).is_some_and(|rest| rest.starts_with('"'));
                    if closed && code.chars().skip(1).all(|c| c.is_ascii_digit()) {
                        codes.insert(code.to_string());
                    }
                }
            }
        }
    }
    assert!(codes.len() > 30, "found only {codes:?}");
    for code in codes {
        assert!(
            docs.contains(&format!("| {code} |")),
            "{code} is not in docs/diagnostics.md"
        );
    }
}

fn ok_source() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/ok/utrecht-lokaal.kader");
    fs::read_to_string(path).unwrap()
}

/// Regression: `<` and `>` as comparisons used to count as brackets, so a
/// framework with 65 `<` comparisons was refused as "nested too deep", and
/// a `>` between two `(` let real nesting slip past the limit.
#[test]
fn comparisons_are_not_brackets() {
    let criteria: String = (0..70)
        .map(|i| {
            format!(
                "  criterion X{i} \"Extra {i}\" {{\n    owner school\n    require monitor.response_rate < 99%\n  }}\n"
            )
        })
        .collect();
    let many_less_than = ok_source().replace(
        "theme fysiek \"Fysieke veiligheid\" {\n",
        &format!("theme fysiek \"Fysieke veiligheid\" {{\n{criteria}"),
    );
    if let Err(d) = Framework::compile(&many_less_than) {
        panic!("{}", d.render("many.kader", &many_less_than, false));
    }

    let nested = format!(
        "{}monitor.response_rate > 1%{}",
        "(monitor.response_rate > 1% and ".repeat(100),
        ")".repeat(100)
    );
    let deep = ok_source().replace(
        "require monitor.response_rate >= 70%",
        &format!("require {nested}"),
    );
    let codes: Vec<&str> = diagnostics(&deep).iter().map(|d| d.code).collect();
    assert_eq!(codes, ["E0102"]);
}

/// Regression: pest counts the blanks and comment after a condition as part
/// of it, so a gap's `expected` read `... or recent_monitor // opmerking`.
#[test]
fn a_trailing_comment_stays_out_of_a_condition() {
    let source = ok_source().replace(
        "require monitor.response_rate >= 70%\n",
        "require monitor.response_rate >= 70% or\n      recent_monitor   // opmerking\n",
    );
    let framework = Framework::compile(&source).unwrap();
    let evidence = kader::Evidence::from_json(
        &framework,
        r#"{"location": {"id": "x"}, "as_of": "2026-11-30",
            "evidence": {"monitor": {"response_rate": "50%", "last_run": "2024-01-01"}}}"#,
    )
    .unwrap();
    let outcome = framework.evaluate(&evidence);
    let s2 = outcome.criteria.iter().find(|c| c.id == "S2").unwrap();
    assert_eq!(
        s2.gaps[0].expected,
        "monitor.response_rate >= 70% or recent_monitor"
    );
}
