//! The diagnostics a framework author sees, one author mistake a file.
//!
//! `tests/data/err/*.kader` each hold a small framework with one mistake, or
//! (the files named for several) mistakes in several places, each of which
//! must be reported; their rendered diagnostics are snapshots in
//! `tests/it/snapshots/` (refresh with `INSTA_UPDATE=always cargo test --test
//! it diagnostics::`, then read every changed snapshot as a policy officer
//! would).
//! The codes each file produces are also pinned in [`CODES`], so a snapshot
//! is not the only check. `tests/data/warn/*.kader` each hold a framework
//! that compiles with one kind of slip, pinned the same way in
//! [`WARN_CODES`]. `tests/data/ok/*.kader` must compile without errors or
//! warnings.

#![expect(
    clippy::unwrap_used,
    reason = "the helpers are test code: a missing file is a failed test"
)]

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use kader::{Diagnostics, Framework, Language, Severity, Stage};

/// The diagnostics of a framework file: its errors when it fails to compile,
/// its warnings when it compiles.
fn diagnostics(source: &str) -> Diagnostics {
    match Framework::compile(source) {
        Ok(framework) => framework.warnings().clone(),
        Err(diagnostics) => diagnostics,
    }
}

/// The diagnostics rendered in Dutch (a framework's default) and in English.
fn both_languages(found: &Diagnostics, name: &str, source: &str) -> String {
    let nl = found.clone().in_language(Language::Nl);
    let en = found.clone().in_language(Language::En);
    format!(
        "--- nl\n{}\n--- en\n{}",
        nl.render(name, source, false),
        en.render(name, source, false)
    )
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
    insta::glob!("../data/err", "*.kader", |path| {
        let source = fs::read_to_string(path).unwrap();
        insta::assert_snapshot!(both_languages(
            &diagnostics(&source),
            &file_name(path),
            &source
        ));
    });
}

/// Which diagnostic codes each err file produces, in source order.
const CODES: &[(&str, &[&str])] = &[
    ("arithmetic-on-text", &["E0209"]),
    ("bad-escape-and-syntax-error", &["E0104", "E0101"]),
    ("bare-percent-as-condition", &["E0204"]),
    ("brackets-nested-100-deep", &["E0102"]),
    ("broken-define-and-criterion", &["E0101", "E0101"]),
    ("broken-theme-header-and-scoring", &["E0101", "E0101"]),
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
    ("missing-brace-and-broken-criterion", &["E0101", "E0101"]),
    ("missing-closing-brace-of-criterion", &["E0101"]),
    ("missing-comparison", &["E0101"]),
    ("ordering-texts", &["E0203"]),
    ("score-levels-all-zero", &["E0237"]),
    ("score-too-large-to-count", &["E0302"]),
    ("set-with-wrong-member", &["E0206"]),
    ("threshold-above-100-percent", &["E0241"]),
    ("three-broken-criteria", &["E0101", "E0101", "E0101"]),
    ("threshold-with-greater-than", &["E0101"]),
    ("two-scoring-sections", &["E0243"]),
    ("unclosed-placeholder", &["E0105"]),
    ("unclosed-text", &["E0101"]),
    ("undeclared-evidence-path", &["E0201"]),
    ("unknown-escape-in-text", &["E0104"]),
    ("unknown-language", &["E0220"]),
    ("unknown-owner-misspelled", &["E0233"]),
    ("partner-declared-twice", &["E0244"]),
    ("partner-contact-not-text", &["E0245", "E0245"]),
    ("partner-lead-unknown", &["E0246", "E0246"]),
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

#[test]
fn warn_snapshots() {
    insta::glob!("../data/warn", "*.kader", |path| {
        let source = fs::read_to_string(path).unwrap();
        insta::assert_snapshot!(both_languages(
            &diagnostics(&source),
            &file_name(path),
            &source
        ));
    });
}

/// Which warnings each warn file produces, in source order.
const WARN_CODES: &[(&str, &[&str])] = &[
    ("count-at-least-zero", &["W0260"]),
    ("division-by-zero", &["W0265"]),
    ("duplicate-criterion-title", &["W0264"]),
    ("empty-legal", &["W0266"]),
    ("mandatory-requirement-without-message", &["W0262"]),
    ("mandatory-without-all-mandatory-pass", &["W0267", "W0267"]),
    ("percentage-above-100", &["W0260"]),
    ("percentage-at-least-zero", &["W0260"]),
    ("percentage-compared-with-bare-number", &["W0260"]),
    (
        "score-level-after-count-at-least-zero",
        &["W0260", "W0261", "W0261"],
    ),
    ("score-level-implied-by-and", &["W0261"]),
    ("score-level-when-true", &["W0260", "W0261"]),
    ("score-levels-in-wrong-order", &["W0261"]),
    ("text-with-separate-accent", &["W0268"]),
    ("thresholds-that-contradict", &["W0260"]),
    ("two-fixed-values-compared", &["W0260"]),
    ("unused-define", &["W0253"]),
    ("unused-evidence", &["W0216"]),
    ("weight-zero", &["W0263"]),
];

/// A warning never stops a framework: each warn file compiles, and its
/// warnings are the framework's.
#[test]
fn warn_files_compile_with_their_warnings() {
    let files = kader_files("warn");
    let stems: BTreeSet<String> = files
        .iter()
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    let listed: BTreeSet<String> = WARN_CODES.iter().map(|(f, _)| (*f).to_string()).collect();
    assert_eq!(
        stems, listed,
        "every warn file has a row in WARN_CODES, and only those"
    );

    for path in &files {
        let stem = path.file_stem().unwrap().to_string_lossy();
        let source = fs::read_to_string(path).unwrap();
        let framework = match Framework::compile(&source) {
            Ok(framework) => framework,
            Err(d) => panic!(
                "{stem}.kader must compile:\n{}",
                d.render(&stem, &source, false)
            ),
        };
        let codes: Vec<&str> = framework.warnings().iter().map(|d| d.code).collect();
        let expected = WARN_CODES.iter().find(|(f, _)| *f == stem).unwrap().1;
        assert_eq!(codes, expected, "{stem}.kader");
        assert!(
            framework
                .warnings()
                .iter()
                .all(|d| d.severity == Severity::Warning),
            "{stem}.kader"
        );
    }
}

/// The exact text each warning underlines, and what it points back at.
#[test]
fn warn_underlines_point_at_the_slip() {
    // (file, every underlined text in order, the related places' texts)
    let cases: &[(&str, &[&str], &[&str])] = &[
        (
            "count-at-least-zero",
            &["count(evacuation.drills) >= 0"],
            &[],
        ),
        (
            "division-by-zero",
            &["monitor.response_rate / (2 - 2) >= 70%"],
            &[],
        ),
        ("empty-legal", &["\"\""], &[]),
        ("mandatory-without-all-mandatory-pass", &["S1", "F1"], &[]),
        (
            "duplicate-criterion-title",
            &["\"Jaarlijkse monitor  sociale veiligheid\""],
            &["\"Jaarlijkse monitor sociale veiligheid\""],
        ),
        (
            "mandatory-requirement-without-message",
            &["require count(evacuation.drills within 12 months) >= 1"],
            &[],
        ),
        (
            "percentage-above-100",
            &["monitor.response_rate > 100%"],
            &[],
        ),
        (
            "percentage-at-least-zero",
            &["monitor.response_rate >= 0%"],
            &[],
        ),
        (
            "percentage-compared-with-bare-number",
            &["monitor.response_rate >= 70"],
            &[],
        ),
        (
            "score-level-after-count-at-least-zero",
            &[
                "count(evacuation.drills within 12 months) >= 0",
                "1 when count(evacuation.drills within 12 months) >= 1",
                "0 otherwise",
            ],
            &[
                "2 when count(evacuation.drills within 12 months) >= 0",
                "2 when count(evacuation.drills within 12 months) >= 0",
            ],
        ),
        (
            "score-levels-in-wrong-order",
            &["3 when monitor.response_rate >= 90%"],
            &["2 when monitor.response_rate >= 50%"],
        ),
        (
            "score-level-when-true",
            &["true", "0 otherwise"],
            &["1 when true"],
        ),
        ("text-with-separate-accent", &["\"co\u{308}rdinator\""], &[]),
        (
            "thresholds-that-contradict",
            &["monitor.response_rate >= 80% and monitor.response_rate < 50%"],
            &[],
        ),
        ("two-fixed-values-compared", &["70% >= 60%"], &[]),
        ("unused-define", &["recent_monitor"], &[]),
        ("unused-evidence", &["coordinator.name"], &[]),
        ("weight-zero", &["weight 0"], &[]),
    ];
    for (file, underlined, related) in cases {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/warn")
            .join(format!("{file}.kader"));
        let source = fs::read_to_string(path).unwrap();
        let found = diagnostics(&source);
        let texts: Vec<&str> = found
            .iter()
            .map(|d| &source[d.span.start..d.span.end])
            .collect();
        assert_eq!(&texts, underlined, "{file}.kader");
        let related_texts: Vec<&str> = found
            .iter()
            .flat_map(|d| &d.related)
            .map(|(span, _)| &source[span.start..span.end])
            .collect();
        assert_eq!(&related_texts, related, "{file}.kader");
    }
}

/// `x >= 70` on a percentage compares with 7000%: the help names the fix.
#[test]
fn a_bare_number_against_a_percentage_suggests_the_percent_sign() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/warn/percentage-compared-with-bare-number.kader");
    let source = fs::read_to_string(path).unwrap();
    let (_, _, help) = underlined(&source);
    assert!(help.unwrap().ends_with("did you mean `70%`?"));
    // Written as a percentage, the same value is no slip of the `%`.
    let written = source.replace(">= 70\n", ">= 7000%\n");
    let (_, _, help) = underlined(&written);
    assert!(!help.unwrap().contains("did you mean"));
}

/// The W0260 and W0261 warnings (and any errors) of a framework with one
/// criterion built from `rule` (a `require` line or a `score` block), over
/// evidence of every ordered type.
fn condition_warnings(rule: &str) -> Vec<&'static str> {
    let source = format!(
        r#"framework f "F" version "1"
evidence {{
  rate   : percent    "Respons"
  n      : int        "Aantal"
  x      : number     "Getal"
  d      : date       "Datum"
  drills : list<date> "Oefeningen"
  name   : text       "Naam"
}}
theme t "T" {{
  criterion C "C" {{
    owner school
    {rule}
  }}
}}
"#
    );
    // An error (the rule does not compile) shows up among the codes.
    diagnostics(&source)
        .iter()
        .map(|d| d.code)
        .filter(|c| c.starts_with("W026") || c.starts_with('E'))
        .collect()
}

/// The range analysis, one condition a line: which always or never hold.
#[test]
fn constant_conditions() {
    let cases: &[(&str, &[&str])] = &[
        ("rate >= 0%", &["W0260"]),
        ("0% <= rate", &["W0260"]),
        ("rate <= 100%", &["W0260"]),
        ("rate > 100%", &["W0260"]),
        ("rate >= 100%", &[]),
        ("rate == 100%", &[]),
        ("rate != 150%", &["W0260"]),
        ("rate != 50%", &[]),
        ("count(drills) >= 0", &["W0260"]),
        ("count(drills) > -1", &["W0260"]),
        ("count(drills within 12 months) < 0", &["W0260"]),
        ("count(drills) >= 1", &[]),
        ("n >= 0", &[]),
        ("n * 2 >= 0", &[]),
        ("true", &["W0260"]),
        ("not false", &["W0260"]),
        ("2 + 3 > 4", &["W0260"]),
        ("2026-01-01 before 2025-01-01", &["W0260"]),
        ("5 in {1, 2}", &["W0260"]),
        ("d within 12 months", &[]),
        // Reported once, where the constant part is written.
        ("not (rate > 100%)", &["W0260"]),
        ("rate > 100% or n >= 1", &["W0260"]),
        ("rate >= 80% and rate < 50%", &["W0260"]),
        ("rate >= 50% and rate <= 50%", &[]),
        ("n > 2 and n < 3", &["W0260"]),
        ("x > 2 and x < 3", &[]),
        ("d >= 2026-01-01 and d < 2025-01-01", &["W0260"]),
        ("rate >= 80% and n < 50 and rate < 50%", &["W0260"]),
    ];
    for (condition, expected) in cases {
        let found = condition_warnings(&format!("require {condition} else \"m\""));
        assert_eq!(&found, expected, "require {condition}");
    }
}

/// Which score levels a level above always takes first.
#[test]
fn unreachable_levels() {
    let cases: &[(&str, &[&str])] = &[
        ("2 when rate >= 90%  1 when rate >= 50%", &[]),
        ("2 when rate >= 50%  3 when rate >= 90%", &["W0261"]),
        ("2 when rate > 50%  1 when rate == 60%", &["W0261"]),
        ("2 when rate >= 50%  1 when rate > 40%", &[]),
        // Over whole numbers `> 2` is `>= 3`.
        ("2 when n > 2  1 when n >= 3", &["W0261"]),
        ("2 when n >= 3  1 when n > 2.5", &["W0261"]),
        ("2 when x >= 3  1 when x > 2.5", &[]),
        ("2 when d >= 2026-01-01  1 when d >= 2026-06-01", &["W0261"]),
        (
            "2 when count(drills) >= 1  1 when count(drills) >= 2",
            &["W0261"],
        ),
        ("2 when present(name)  1 when present(name)", &["W0261"]),
        (
            "2 when rate >= 50%  1 when rate >= 80% and n >= 1",
            &["W0261"],
        ),
        ("2 when rate >= 50% and n >= 1  1 when rate >= 80%", &[]),
        ("2 when rate >= 50% or n >= 1  1 when n >= 5", &["W0261"]),
        ("2 when rate != 50%  1 when rate >= 60%", &[]),
        (
            "2 when rate >= 0%  1 when n >= 1",
            &["W0260", "W0261", "W0261"],
        ),
        ("2 when rate > 100%  1 when rate >= 50%", &["W0260"]),
    ];
    for (levels, expected) in cases {
        let found = condition_warnings(&format!("score {{ {levels}  0 otherwise }}"));
        assert_eq!(&found, expected, "score {{ {levels} }}");
    }
}

/// Regression guard: the warnings that read resolved conditions wait until
/// the framework has no errors. A misspelled path must not also make the
/// path it meant look unused, nor its placeholder look like a `false`.
#[test]
fn unused_and_constant_warnings_wait_for_the_errors() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/err/misspelled-evidence-path.kader");
    let source = fs::read_to_string(path).unwrap();
    let codes: Vec<&str> = diagnostics(&source).iter().map(|d| d.code).collect();
    assert_eq!(codes, ["E0201"]);
}

/// The shipped framework is what authors copy from: it must be free of slips.
#[test]
fn the_basiskader_compiles_without_warnings() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("frameworks/basiskader.kader");
    let source = fs::read_to_string(path).unwrap();
    let framework = Framework::compile(&source).unwrap();
    assert!(
        framework.warnings().is_empty(),
        "{}",
        framework
            .warnings()
            .render("basiskader.kader", &source, false)
    );
}

/// Each mistake in a file with several is reported as it would be alone:
/// the same place, message, label, help and related places. The mistakes sit
/// in the header, the evidence block, a define, four criteria, a theme's
/// closing brace and the scoring block.
#[test]
fn each_of_several_mistakes_reads_as_if_it_were_alone() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/ok/halt-en-politie.kader");
    let good = fs::read_to_string(path).unwrap();
    let mistakes: &[(&str, &str)] = &[
        ("validity 24 months", "validity 24 maanden"),
        (
            "bhv.trained            : int ",
            "bhv.trained            : integer ",
        ),
        (
            "define po_vo = school.type in {po, vo}",
            "define po_vo = school.type in {po, vo",
        ),
        (
            "require covenant_current\n",
            "require covenant_current >=\n",
        ),
        ("applies when po_vo", "applies wen po_vo"),
        ("owner politie", "ownr politie"),
        (
            "not surroundings.nuisance\n  }\n}",
            "not surroundings.nuisance\n  }\n",
        ),
        (
            "3 when monitor.feels_safe >= 90%",
            "3 when monitor.feels_safe => 90%",
        ),
        (
            "theme passes when all mandatory pass and score >= 60%",
            "theme passes when all mandatory pass and score > 60%",
        ),
    ];
    // A diagnostic as an author reads it: where, what, and the texts it shows.
    let read = |source: &str, d: &kader::Diagnostic| {
        let related: Vec<(usize, String)> = d
            .related
            .iter()
            .map(|(span, label)| {
                (
                    kader::diagnostic::line_col(source, span.start).0,
                    label.to_string(),
                )
            })
            .collect();
        (
            kader::diagnostic::line_col(source, d.span.start),
            source[d.span.start..d.span.end].to_string(),
            d.message.clone(),
            d.label.clone(),
            d.help.clone(),
            related,
        )
    };
    let mut alone = Vec::new();
    let mut all = good.clone();
    for (from, to) in mistakes {
        assert_eq!(good.matches(from).count(), 1, "{from}");
        let source = good.replacen(from, to, 1);
        let found = diagnostics(&source);
        assert_eq!(found.len(), 1, "{to}: {found}");
        alone.push(read(&source, found.iter().next().unwrap()));
        all = all.replacen(from, to, 1);
    }
    let found = diagnostics(&all);
    let together: Vec<_> = found.iter().map(|d| read(&all, d)).collect();
    assert_eq!(
        together,
        alone,
        "{}",
        found.render("all.kader", &all, false)
    );
}

/// What every diagnostic must look like to an author (style guide point 5).
#[test]
fn diagnostics_follow_the_message_style() {
    for path in kader_files("err").into_iter().chain(kader_files("warn")) {
        let source = fs::read_to_string(&path).unwrap();
        let name = file_name(&path);
        let found = diagnostics(&source);
        for (d, language) in found
            .iter()
            .flat_map(|d| [(d, Language::Nl), (d, Language::En)])
        {
            let words = |t: &kader::diagnostic::Text| t.words(language);
            let message = &words(&d.message);
            assert!(
                !message.ends_with('.'),
                "{name}: final period in {message:?}"
            );
            assert!(
                !message.starts_with(|c: char| c.is_uppercase()),
                "{name}: capital in {message:?}"
            );
            let help = &d.help.as_ref().map(words).unwrap_or_default();
            assert!(!help.is_empty(), "{name}: no help for {message:?}");
            let label = d.label.as_ref().map(words).unwrap_or_default();
            for text in [message.as_str(), help, label.as_str()] {
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
        d.message.to_string(),
        d.help.as_ref().map(ToString::to_string),
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
            assert!(
                !d.message.to_string().ends_with('.'),
                "cut at {cut}: {}",
                d.message
            );
            assert!(d.help.is_some(), "cut at {cut}: {}", d.message);
        }
        let rendered = found.render("cut.kader", prefix, false);
        assert!(!rendered.contains("E0000"), "cut at {cut}:\n{rendered}");
    }
}

/// Guards error recovery (which cuts a broken file into pieces and parses
/// each) against panics, spans outside the file, unsorted or repeated
/// diagnostics: a good framework with one character dropped, or one
/// brace, quote or keyword inserted, at many places.
#[test]
fn every_damaged_file_gets_sorted_distinct_diagnostics() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/ok/halt-en-politie.kader");
    let source = fs::read_to_string(path).unwrap();
    let places: Vec<usize> = source.char_indices().map(|(i, _)| i).step_by(11).collect();
    for (n, &at) in places.iter().enumerate() {
        let next = source[at..].chars().next().map_or(0, char::len_utf8);
        let insert = ["{", "}", "\"", "criterion ", "theme t \"T\" {\n", "\n"][n % 6];
        for damaged in [
            format!("{}{}", &source[..at], &source[at + next..]),
            format!("{}{insert}{}", &source[..at], &source[at..]),
        ] {
            let Err(found) = Framework::compile(&damaged) else {
                continue;
            };
            let list: Vec<&kader::Diagnostic> = found.iter().collect();
            assert!(!list.is_empty(), "at {at}");
            for pair in list.windows(2) {
                let (a, b) = (pair[0], pair[1]);
                assert!(
                    (a.span.start, a.span.end) <= (b.span.start, b.span.end),
                    "at {at}: out of order:\n{}",
                    found.render("damaged.kader", &damaged, false)
                );
                assert!(
                    (a.span.start, a.span.end, &a.message)
                        != (b.span.start, b.span.end, &b.message),
                    "at {at}: twice:\n{}",
                    found.render("damaged.kader", &damaged, false)
                );
            }
            for d in &list {
                assert!(d.span.end <= damaged.len(), "at {at}: {d:?}");
                assert!(d.help.is_some(), "at {at}: {}", d.message);
                assert_ne!(d.code, "E0000", "at {at}: {}", d.message);
            }
        }
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

/// Regression: a long run of `not`, or long `+` chains inside brackets
/// inside chains, nest a condition as deeply as brackets do, but no bracket
/// counted them, and the checker overflowed its stack (at about 2000 `not`s).
#[test]
fn a_condition_nested_too_deeply_is_refused() {
    let nots = format!("{}recent_monitor", "not ".repeat(100_000));
    let mut sums = "monitor.response_rate".to_string();
    for _ in 0..10 {
        sums = format!("({sums}{})", " + 1%".repeat(400));
    }
    for condition in [nots, format!("{sums} >= 70%")] {
        let source = ok_source().replace(
            "require recent_monitor\n",
            &format!("require {condition}\n"),
        );
        let codes: Vec<&str> = diagnostics(&source).iter().map(|d| d.code).collect();
        assert_eq!(codes, ["E0110"], "{}", &condition[..40]);
    }
    // As deep as allowed still compiles: `recent_monitor` is a window (one
    // level), its use one level above that, the `not`s above it (E0255).
    let deep = |nots: usize| {
        let condition = format!("{}recent_monitor", "not ".repeat(nots));
        ok_source().replace(
            "require recent_monitor\n",
            &format!("require {condition}\n"),
        )
    };
    assert!(Framework::compile(&deep(kader::syntax::MAX_DEPTH - 2)).is_ok());
    let codes: Vec<&str> = diagnostics(&deep(kader::syntax::MAX_DEPTH - 1))
        .iter()
        .map(|d| d.code)
        .collect();
    assert_eq!(codes, ["E0255"]);
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
    let outcome = framework.decide(&evidence, Stage::Intake).explain().outcome;
    let s2 = outcome.criteria.iter().find(|c| c.id == "S2").unwrap();
    assert_eq!(
        s2.gaps[0].expected,
        "monitor.response_rate >= 70% or recent_monitor"
    );
}

/// Guards the plain form `Diagnostics` gives as an error (logs, `?` into a
/// `Box<dyn Error>`): one line a diagnostic, code, byte range and message.
#[test]
fn diagnostics_as_an_error_read_one_line_each() {
    use kader::diagnostic::Text;
    use kader::syntax::ast::Span;
    use kader::Diagnostic;
    let mut list = Diagnostics::new();
    list.push(Diagnostic::error(
        "E0201",
        Span::new(3, 9),
        Text::verbatim("unknown name `x`"),
    ));
    list.push(Diagnostic::warning(
        "W0001",
        Span::new(0, 1),
        Text::verbatim("evidence `y` is never read"),
    ));
    let error: Box<dyn std::error::Error> = Box::new(list.in_language(Language::En));
    assert_eq!(
        error.to_string(),
        "error[E0201] at 3..9: unknown name `x`\nwarning[W0001] at 0..1: evidence `y` is never read\n"
    );
}

/// The analysis lints of a file in `tests/data/lint`, with the checker's
/// own warnings, judged on a fixed date.
fn linted(source: &str) -> Diagnostics {
    let framework = Framework::compile(source).unwrap();
    kader::analysis::warnings(&framework, kader::parse_date("2026-11-30").unwrap())
}

#[test]
fn lint_snapshots() {
    insta::glob!("../data/lint", "*.kader", |path| {
        let source = fs::read_to_string(path).unwrap();
        insta::assert_snapshot!(both_languages(&linted(&source), &file_name(path), &source));
    });
}

/// Which warnings each lint file produces, in source order: each file
/// shows its lint, and nothing else.
const LINT_CODES: &[(&str, &[&str])] = &[
    ("criterion-that-always-passes", &["W0270"]),
    ("criterion-that-never-passes", &["W0269"]),
    ("criterion-that-never-turns-its-theme", &["W0274"]),
    ("level-no-evidence-reaches", &["W0272"]),
    ("require-implied-by-another", &["W0271"]),
    ("theme-that-never-passes", &["W0273", "W0269"]),
];

#[test]
fn lint_files_get_their_lints() {
    let files = kader_files("lint");
    assert_eq!(files.len(), LINT_CODES.len(), "a lint file without codes");
    for path in files {
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let found = linted(&fs::read_to_string(&path).unwrap());
        let codes: Vec<&str> = found.iter().map(|d| d.code).collect();
        let expected = LINT_CODES.iter().find(|(f, _)| *f == stem).unwrap().1;
        assert_eq!(codes, expected, "{stem}.kader");
    }
}

/// The shipped frameworks give no analysis lint: every criterion can pass
/// and fail and can turn its theme, every level is reached, every theme
/// can pass.
#[test]
fn the_shipped_frameworks_lint_clean() {
    let as_of = kader::parse_date("2026-11-30").unwrap();
    let basiskader = crate::common::basiskader();
    let lints = kader::analysis::lint(basiskader, as_of, basiskader.warnings());
    assert!(lints.is_empty(), "{lints:?}");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let resolver = kader::DirResolver::new(&root.join("frameworks")).unwrap();
    let source = fs::read_to_string(root.join("frameworks/lokaal/voorbeeldstad.kader")).unwrap();
    let layer = Framework::compile_with(&source, "voorbeeldstad.kader", &resolver).unwrap();
    let lints = kader::analysis::lint(&layer, as_of, layer.warnings());
    assert!(lints.is_empty(), "{lints:?}");
}
