//! `kader fmt`: canonical, idempotent, comment-preserving, and meaning-preserving.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::common;

use kader::format::format;
use kader::syntax::parse;
use proptest::prelude::*;

use common::{basiskader, basiskader_source, load, root, sample_paths};

/// Every shipped framework file.
fn shipped_frameworks() -> Vec<std::path::PathBuf> {
    let mut paths = Vec::new();
    let mut dirs = vec![root().join("frameworks")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "kader") {
                paths.push(path);
            }
        }
    }
    paths.sort();
    assert!(!paths.is_empty());
    paths
}

#[test]
fn shipped_frameworks_are_formatted() {
    for path in shipped_frameworks() {
        let source = std::fs::read_to_string(&path).unwrap();
        let formatted = format(&source).unwrap();
        assert!(
            formatted == source,
            "{} is not in canonical form; run `kader fmt {}`",
            path.display(),
            path.display()
        );
    }
}

#[test]
fn a_formatted_framework_evaluates_identically() {
    // Start from a deliberately scrambled layout of the basiskader.
    let scrambled: String = basiskader_source()
        .lines()
        .map(|l| format!("{}\n", l.trim()))
        .collect::<String>()
        .replace("\n  else", " else")
        .replace(" : ", ":");
    assert_ne!(scrambled, basiskader_source());
    let formatted = format(&scrambled).unwrap();
    assert_eq!(
        formatted,
        basiskader_source(),
        "fmt restores the canonical layout"
    );
    let reformatted = kader::Framework::compile(&formatted).unwrap();
    for path in sample_paths() {
        let original = load(basiskader(), &path);
        let again = load(&reformatted, &path);
        assert_eq!(
            kader::report::to_json(
                &basiskader()
                    .decide(&original, kader::Stage::Intake)
                    .explain()
                    .outcome
            ),
            kader::report::to_json(
                &reformatted
                    .decide(&again, kader::Stage::Intake)
                    .explain()
                    .outcome
            ),
            "{}",
            path.display()
        );
    }
}

#[test]
fn comments_survive_where_they_were() {
    let source = "\
// Kopregel van het kader.
framework f \"F\" version \"1\"   // versie

evidence {
  // Groep één.
  a : bool \"A\"

  // Groep twee.
  b : int \"B\"  // aantal
}

theme t \"T\" { // thema
  criterion C1 \"Eerste\" {
    owner school
    // Eis met uitleg.
    require a else \"Niet a.\"
  }
  // Tussen criteria.
  criterion C2 \"Tweede\" { owner school require b >= 1 } // na C2
}
// Slot.
";
    let formatted = format(source).unwrap();
    for comment in [
        "// Kopregel van het kader.\nframework",
        "version \"1\"  // versie\n",
        "  // Groep één.\n  a : bool  \"A\"\n\n  // Groep twee.\n  b : int   \"B\"  // aantal\n",
        "theme t \"T\" {  // thema\n",
        "    // Eis met uitleg.\n    require a\n",
        "  // Tussen criteria.\n  criterion C2",
        "  }  // na C2\n}\n// Slot.\n",
    ] {
        assert!(
            formatted.contains(comment),
            "missing {comment:?} in:\n{formatted}"
        );
    }
    assert_eq!(format(&formatted).unwrap(), formatted);
}

#[test]
fn a_file_that_does_not_parse_is_not_formatted() {
    let diagnostics = format("framework f \"F\" version \"1\"\ntheme t \"T\" {").unwrap_err();
    assert!(diagnostics.has_errors());
}

// ---------------------------------------------------------------- generated frameworks

const PATHS: [(&str, &str); 7] = [
    ("a.flag", "bool"),
    ("a.count", "int"),
    ("b.share", "percent"),
    ("b.day", "date"),
    ("c.kind", "enum(po, vo, mbo)"),
    ("c.days", "list<date>"),
    ("d.contact", "text"),
];

/// A random layout: spaces, newlines and comments between tokens.
fn gap() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => Just(" ".to_string()),
        1 => Just("\n    ".to_string()),
        1 => Just("  // opmerking\n  ".to_string()),
    ]
}

/// A random condition, as text, with the parentheses it needs and some it
/// does not.
fn condition() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("a.flag".to_string()),
        (0u32..40).prop_map(|n| format!("a.count >= {n}")),
        (0u32..101).prop_map(|n| format!("b.share < {n}%")),
        (1u32..48).prop_map(|n| format!("b.day within {n} months")),
        Just("b.day before 2026-08-01".to_string()),
        Just("c.kind in {po, vo}".to_string()),
        Just("c.kind != mbo".to_string()),
        (0u32..5).prop_map(|n| format!("count(c.days within 12 months) >= {n}")),
        Just("present(c.kind)".to_string()),
        (1u32..9).prop_map(|n| format!("a.count * {n} - 1 >= a.count / 2")),
        Just("-a.count < 3".to_string()),
    ];
    leaf.prop_recursive(4, 24, 3, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone(), gap()).prop_map(|(a, b, g)| format!("{a}{g}and {b}")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a} or {b})")),
            inner.clone().prop_map(|a| format!("not ({a})")),
            inner.prop_map(|a| format!("(({a}))")),
        ]
    })
}

fn criterion() -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        0u64..4,
        proptest::option::of(condition()),
        prop::collection::vec((condition(), any::<bool>()), 0..3),
        proptest::option::of((condition(), condition())),
        gap(),
    )
        .prop_map(|(mandatory, weight, applies, requires, score, g)| {
            let mut body = String::new();
            if mandatory {
                body.push_str("mandatory\n");
            }
            if weight > 0 {
                body.push_str(&format!("weight {weight}{g}"));
            }
            if let Some(a) = applies {
                body.push_str(&format!("applies when {a}\n"));
            }
            body.push_str("owner school\n");
            for (r, with_message) in &requires {
                body.push_str(&format!("require {r}"));
                if *with_message {
                    body.push_str(" else \"Tekort: {b.share} \\{niet\\} \\\"goed\\\".\"");
                }
                body.push('\n');
            }
            match score {
                Some((high, low)) => body.push_str(&format!(
                    "score {{ 2 when {high}{g}1 when {low} 0 otherwise }}\n"
                )),
                None if requires.is_empty() => body.push_str("require a.flag\n"),
                None => {}
            }
            body
        })
}

/// An `owners` block, or none: a partner the language knows and one of
/// the framework's own, with or without a name, a contact and a lead.
fn owners() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(
        (gap(), any::<bool>(), any::<bool>(), any::<bool>()).prop_map(
            |(g, named, contact, lead)| {
                let mut block = format!("owners {{{g}school\n  wijkteam");
                if named {
                    block.push_str(&format!("{g}\"Wijkteam \\\"Noord\\\"\""));
                }
                if contact {
                    block.push_str(&format!("{g}contact{g}d.contact"));
                }
                if lead {
                    block.push_str(&format!("{g}lead{g}school"));
                }
                block.push_str("\n}\n");
                block
            },
        ),
    )
}

fn framework() -> impl Strategy<Value = String> {
    (prop::collection::vec(criterion(), 1..4), gap(), any::<bool>(), owners()).prop_map(|(criteria, g, scoring, owners)| {
        let mut src = String::from("// gegenereerd\nframework gen \"Gegenereerd\" version \"1\"\nlanguage nl\n");
        src.push_str("evidence {\n");
        for (path, ty) in PATHS {
            src.push_str(&format!("{path}:{ty}{g}\"{path}\"\n"));
        }
        src.push_str("}\n");
        if let Some(owners) = &owners {
            src.push_str(owners);
        }
        src.push_str("define d1 = a.flag or b.share >= 50%\n");
        src.push_str("theme t \"Thema\" {\n");
        for (i, body) in criteria.iter().enumerate() {
            src.push_str(&format!("criterion K{i} \"Criterium {i}\" {{\n{body}}}{g}"));
        }
        src.push_str("}\n");
        if scoring {
            src.push_str("scoring { theme passes when all mandatory pass and score >= 60%\ncertified when all themes pass }\n");
        }
        src
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn formatting_keeps_the_tree_and_is_idempotent(source in framework()) {
        let tree = parse(&source).map_err(|d| TestCaseError::fail(d.render("gen.kader", &source, false)))?;
        let formatted = format(&source).unwrap();
        prop_assert_eq!(&parse(&formatted).unwrap(), &tree, "format then parse gives the same tree:\n{}", formatted);
        prop_assert_eq!(format(&formatted).unwrap(), formatted.clone(), "formatting twice equals formatting once");
        // The same generated framework compiles and evaluates without a
        // panic, on no evidence and on some.
        if let Ok(framework) = kader::Framework::compile(&source) {
            for evidence in [
                r#"{"location":{"id":"g"},"as_of":"2026-11-30","evidence":{}}"#,
                r#"{"location":{"id":"g"},"as_of":"2028-02-29","evidence":{"a":{"flag":true,"count":7},"b":{"share":"69.999999999999999999%","day":"2027-02-28"},"c":{"kind":"vo","days":["2028-02-29","2027-02-27"]}}}"#,
            ] {
                let loaded = kader::Evidence::from_json(&framework, evidence).unwrap();
                let outcome = framework.decide(&loaded, kader::Stage::Intake).explain().outcome;
                prop_assert_eq!(outcome.criteria.len(), source.matches("criterion K").count());
            }
        }
        let comments_in = source.matches("// ").count();
        let comments_out = formatted.matches("// ").count();
        prop_assert_eq!(comments_in, comments_out, "every comment survives:\n{}", formatted);
    }
}
