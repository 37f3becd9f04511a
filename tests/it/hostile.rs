//! Hostile input: each ends in a clear error or a correct result, never a
//! crash, a hang or a stack overflow.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::common;

use kader::{Evidence, Framework, Limits, LoadOptions, Stage, Status};

const SMALL: &str = r#"
framework h "Hostile" version "1"
evidence {
  a.b   : int        "Aantal"
  share : percent    "Aandeel"
  days  : list<date> "Data"
}
theme t "T" {
  criterion C1 "Aantal" { owner school require a.b >= 1 }
  criterion C2 "Aandeel" { owner school require share >= 70% }
  criterion C3 "Data" { owner school require count(days within 12 months) >= 1 }
}
"#;

fn small() -> Framework {
    common::compile(SMALL)
}

fn document(evidence: &str) -> String {
    format!(r#"{{"location":{{"id":"x"}},"as_of":"2026-11-30","evidence":{evidence}}}"#)
}

fn codes(source: &str) -> Vec<&'static str> {
    match Framework::compile(source) {
        Ok(_) => Vec::new(),
        Err(d) => d.iter().map(|d| d.code).collect(),
    }
}

#[test]
fn evidence_nested_200_000_deep_is_an_error_with_a_position() {
    let deep = format!("{}1{}", "{\"a\":".repeat(200_000), "}".repeat(200_000));
    let err = Evidence::from_json(&small(), &document(&deep)).unwrap_err();
    let problem = &err.problems[0];
    assert!(
        problem.line.is_some() && problem.column.is_some(),
        "{problem:?}"
    );
    assert!(problem.message.contains("recursion limit"), "{problem:?}");
}

#[test]
fn toml_nested_deeply_is_an_error_or_loads() {
    let deep = format!(
        "as_of = \"2026-11-30\"\nlocation = {{ id = \"x\" }}\nevidence = {}1{}",
        "{ a = ".repeat(5_000),
        " }".repeat(5_000)
    );
    // Either refused or loaded with a warning; never a crash.
    let _ = Evidence::from_toml(&small(), &deep);
}

#[test]
fn a_400_digit_integer_is_an_error_naming_the_path() {
    let err = Evidence::from_json(
        &small(),
        &document(&format!("{{\"a\":{{\"b\":{}}}}}", "9".repeat(400))),
    )
    .unwrap_err();
    assert_eq!(err.problems[0].path, "evidence.a.b");
    assert!(
        err.problems[0].message.contains("too large"),
        "{:?}",
        err.problems[0]
    );
}

#[test]
fn a_huge_decimal_percentage_is_an_error_not_a_rounding() {
    let err = Evidence::from_json(
        &small(),
        &document(&format!("{{\"share\":\"0.{}%\"}}", "7".repeat(300))),
    )
    .unwrap_err();
    assert_eq!(err.problems[0].path, "evidence.share");
}

#[test]
fn a_list_of_100_000_dates_is_counted_and_a_longer_one_refused_by_name() {
    let dates = vec!["\"2026-01-01\""; 100_000].join(",");
    let evidence =
        Evidence::from_json(&small(), &document(&format!("{{\"days\":[{dates}]}}"))).unwrap();
    let outcome = small().decide(&evidence, Stage::Intake).explain().outcome;
    assert_eq!(outcome.criteria[2].status, Status::Pass);

    // Two million dates: 28 MB, more than a document may be by default ...
    let dates = vec!["\"2026-01-01\""; 2_000_000].join(",");
    let text = document(&format!("{{\"days\":[{dates}]}}"));
    let err = Evidence::from_json(&small(), &text).unwrap_err();
    assert!(
        err.problems[0].path.is_empty() && err.problems[0].message.contains("bytes"),
        "{:?}",
        err.problems[0]
    );
    // ... and with room for the document, more elements than a list may have.
    let roomy = LoadOptions {
        limits: Limits {
            max_evidence_bytes: 64 * 1024 * 1024,
            ..Limits::default()
        },
        ..LoadOptions::default()
    };
    let err = Evidence::from_json_with(&small(), &text, roomy).unwrap_err();
    assert_eq!(err.problems[0].path, "evidence.days");
    assert!(
        err.problems[0].message.contains("2000000 elements"),
        "{:?}",
        err.problems[0]
    );
}

#[test]
fn every_limit_is_a_clear_error_and_the_host_can_set_its_own() {
    let tight = Limits {
        max_source_bytes: 200,
        max_criteria: 2,
        max_evidence_bytes: 50,
        max_text_chars: 5,
        max_list_items: 2,
        ..Limits::default()
    };
    let code =
        |r: Result<Framework, kader::Diagnostics>| r.err().map(|d| d.iter().next().unwrap().code);
    assert_eq!(
        code(Framework::compile_with_limits(
            SMALL, "s.kader", None, &tight
        )),
        Some("E0111")
    );
    let roomy = Limits {
        max_source_bytes: 10_000,
        ..tight
    };
    assert_eq!(
        code(Framework::compile_with_limits(
            SMALL, "s.kader", None, &roomy
        )),
        Some("E0301")
    );
    let enough = Limits {
        max_criteria: 3,
        ..roomy
    };
    assert!(Framework::compile_with_limits(SMALL, "s.kader", None, &enough).is_ok());

    let with_text = common::compile(
        "framework f \"F\" version \"1\"\nevidence { naam : text \"Naam\"  d : list<date> \"D\" }\ntheme t \"T\" { criterion C \"C\" { owner school require present(naam) and count(d) >= 0 } }",
    );
    let options = LoadOptions {
        limits: tight,
        ..LoadOptions::default()
    };
    let err = Evidence::from_json_with(
        &with_text,
        &document(r#"{"naam": "Jansen-de Vries"}"#),
        options,
    )
    .unwrap_err();
    assert!(
        err.problems[0].path.is_empty(),
        "the whole document is too large: {:?}",
        err.problems
    );
    let options = LoadOptions {
        limits: Limits {
            max_evidence_bytes: 10_000,
            ..tight
        },
        ..LoadOptions::default()
    };
    let err = Evidence::from_json_with(
        &with_text,
        &document(
            r#"{"naam": "Jansen-de Vries", "d": ["2026-01-01", "2026-01-02", "2026-01-03"]}"#,
        ),
        options,
    )
    .unwrap_err();
    let paths: Vec<&str> = err.problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["evidence.naam", "evidence.d"]);
    assert!(
        Evidence::from_json(
            &with_text,
            &document(r#"{"naam": "Jansen-de Vries", "d": ["2026-01-01"]}"#)
        )
        .is_ok(),
        "the defaults accept it"
    );
}

#[test]
fn a_framework_of_100_000_open_brackets_is_refused() {
    assert_eq!(codes(&"(".repeat(100_000)), ["E0102"]);
}

#[test]
fn an_expression_nested_50_000_deep_is_refused() {
    let parens = format!(
        "framework f \"F\" version \"1\"\nevidence {{ a : int }}\ndefine x = {}a >= 1{}\n",
        "(".repeat(50_000),
        ")".repeat(50_000)
    );
    assert_eq!(codes(&parens), ["E0102"]);
    let nots = format!(
        "framework f \"F\" version \"1\"\nevidence {{ a : bool }}\ndefine x = {}a\n",
        "not ".repeat(50_000)
    );
    assert!(codes(&nots).contains(&"E0110"), "{:?}", codes(&nots));
    let negs = format!(
        "framework f \"F\" version \"1\"\nevidence {{ a : int }}\ndefine x = {}a >= 1\n",
        "-".repeat(50_000)
    );
    assert!(codes(&negs).contains(&"E0110"), "{:?}", codes(&negs));
    let sums = format!(
        "framework f \"F\" version \"1\"\nevidence {{ a : int }}\ndefine x = {} >= 1\n",
        vec!["a"; 50_000].join(" + ")
    );
    assert!(!codes(&sums).is_empty());
}

#[test]
fn an_arithmetic_overflow_is_unknown_not_a_wrong_answer() {
    let framework = common::compile(
        r#"framework f "F" version "1"
evidence { a : number "A" }
theme t "T" { criterion C "C" { owner school require a * a * a >= 1 } }"#,
    );
    let evidence = Evidence::from_json(
        &framework,
        &document(r#"{"a": 99999999999999999999999999}"#),
    )
    .unwrap();
    assert_eq!(
        framework
            .decide(&evidence, Stage::Intake)
            .explain()
            .outcome
            .criteria[0]
            .status,
        Status::Unknown
    );
    let zero = common::compile(
        r#"framework f "F" version "1"
evidence { a : number "A" }
theme t "T" { criterion C "C" { owner school require 1 / a >= 1 } }"#,
    );
    let evidence = Evidence::from_json(&zero, &document(r#"{"a": 0}"#)).unwrap();
    assert_eq!(
        zero.decide(&evidence, Stage::Intake)
            .explain()
            .outcome
            .criteria[0]
            .status,
        Status::Unknown
    );
}

#[test]
fn a_5_mb_evidence_file_of_undeclared_keys_loads_with_warnings() {
    let entries: Vec<String> = (0..150_000)
        .map(|i| format!("\"k{i}\":\"waarde {i}\""))
        .collect();
    let text = document(&format!("{{{}}}", entries.join(",")));
    assert!(text.len() > 3_000_000);
    let evidence = Evidence::from_json(&small(), &text).unwrap();
    assert_eq!(evidence.warnings().len(), 150_000);
}

#[test]
fn extreme_dates_and_as_of_dates_do_not_crash() {
    for as_of in ["0001-01-01", "9999-12-31", "-009999-01-01"] {
        let text = format!(
            r#"{{"location":{{"id":"x"}},"as_of":"{as_of}","evidence":{{"days":["9999-12-31","0001-01-01"]}}}}"#
        );
        if let Ok(evidence) = Evidence::from_json(&small(), &text) {
            let _ = small().decide(&evidence, Stage::Intake).explain().outcome;
        }
    }
}

#[test]
fn the_cli_refuses_invalid_utf8_with_a_message() {
    let dir = std::env::temp_dir().join(format!("kader-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("broken.json");
    std::fs::write(&file, b"{\"location\":{\"id\":\"\xff\xfe\"}}").unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_kader"))
        .arg("eval")
        .arg(common::root().join("frameworks/basiskader.kader"))
        .arg(&file)
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("broken.json") && stderr.contains("UTF-8"),
        "{stderr}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn one_framework_evaluated_from_many_threads_gives_the_same_results() {
    let framework = common::basiskader();
    let paths = common::sample_paths();
    let single: Vec<String> = paths
        .iter()
        .map(|p| {
            kader::report::to_json(
                &framework
                    .decide(&common::load(framework, p), Stage::Intake)
                    .explain()
                    .outcome,
            )
        })
        .collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..4)
            .map(|_| {
                scope.spawn(|| {
                    paths
                        .iter()
                        .map(|p| {
                            kader::report::to_json(
                                &framework
                                    .decide(&common::load(framework, p), Stage::Intake)
                                    .explain()
                                    .outcome,
                            )
                        })
                        .collect::<Vec<String>>()
                })
            })
            .collect();
        for handle in handles {
            assert_eq!(handle.join().unwrap(), single);
        }
    });
}

/// A host may bound bracket nesting lower than kader's ceiling, never
/// higher: the ceiling keeps the parser's stack safe.
#[test]
fn a_host_bounds_bracket_nesting_below_the_ceiling() {
    let nested = |depth: usize| {
        SMALL.replace(
            "require a.b >= 1",
            &format!("require {}a.b >= 1{}", "(".repeat(depth), ")".repeat(depth)),
        )
    };
    let compile = |source: &str, max_nesting: usize| {
        let limits = Limits {
            max_nesting,
            ..Limits::default()
        };
        Framework::compile_with_limits(source, "h.kader", None, &limits)
    };
    // The criterion sits inside two braces (theme, criterion).
    assert!(compile(&nested(6), 8).is_ok());
    let refused = compile(&nested(7), 8).expect_err("refused");
    let d = refused.iter().next().expect("one diagnostic");
    assert_eq!(d.code, "E0102");
    assert!(d.message.contains("more than 8 deep"), "{}", d.message);
    // Asking for more than the ceiling gets the ceiling.
    let refused = compile(&nested(63), 10_000).expect_err("refused");
    let d = refused.iter().next().expect("one diagnostic");
    assert_eq!(
        (d.code, d.message.to_string().as_str()),
        ("E0102", "brackets are nested more than 64 deep")
    );
    assert!(compile(&nested(62), 10_000).is_ok());
}

/// Brackets at the ceiling ([`kader::syntax::MAX_NESTING`], 64: a define
/// stands inside no brace) parse, check, compile, evaluate, explain, format
/// and document on a 2 MiB thread in a debug build. Guards the parser's
/// recursion per bracket: pest's, and lowering its pairs into the tree.
#[test]
fn brackets_at_the_ceiling_pass_every_walk_on_a_2_mib_thread() {
    let depth = kader::syntax::MAX_NESTING;
    // `((a + 1) + 1) ...`: a tree as deep as the brackets; and a condition
    // with `and`, `not` and a comparison inside every bracket.
    let sum = format!("{}a{}", "(".repeat(depth), " + 1)".repeat(depth));
    let logic = format!(
        "{}a >= 1{}",
        "(".repeat(depth),
        " and not a >= 100)".repeat(depth)
    );
    let source = format!(
        "framework f \"F\" version \"1\"\nevidence {{ a : int \"A\" }}\n\
         define sum = {sum}\ndefine logic = {logic}\n\
         theme t \"T\" {{\n  criterion C \"C\" {{ owner school require sum >= 70 and logic }}\n}}\n"
    );
    let walks = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || {
            kader::syntax::parse(&source).expect("parses");
            let framework = Framework::compile(&source).expect("compiles");
            let outcome = |a: i32| {
                let evidence =
                    Evidence::from_json(&framework, &document(&format!(r#"{{"a": {a}}}"#)))
                        .unwrap();
                framework.decide(&evidence, Stage::Intake).explain().outcome
            };
            let pass = outcome(6).criteria[0].status;
            let fail = outcome(5);
            let formatted = kader::format::format(&source).expect("formats");
            let doc = kader::doc::document(&framework, kader::doc::DocFormat::Markdown);
            (
                pass,
                fail.criteria[0].status,
                fail.criteria[0].gaps.len(),
                formatted,
                doc,
            )
        })
        .unwrap();
    let (pass, fail, gaps, formatted, doc) = walks.join().expect("no stack overflow");
    assert_eq!((pass, fail), (Status::Pass, Status::Fail));
    assert_eq!(gaps, 1);
    assert!(formatted.contains("define sum"), "{formatted}");
    assert!(doc.contains("sum"), "{doc}");
}

/// The deepest recursion the parser can be made to do: every level of the
/// grammar with an operator (`or`, `and`, `not`, a comparison, `+`, `*`,
/// unary minus) around each of 64 brackets. The tree is too deep (E0110),
/// and the parser says so on a 2 MiB thread in a debug build.
#[test]
fn brackets_at_the_ceiling_with_every_operator_between_are_refused_not_a_crash() {
    let mut condition = String::from("a >= 1");
    for _ in 0..kader::syntax::MAX_NESTING {
        condition = format!("a >= 1 or a >= 2 and not a + 1 * -({condition}) >= 3");
    }
    let source = format!(
        "framework f \"F\" version \"1\"\nevidence {{ a : int \"A\" }}\ndefine x = {condition}\n"
    );
    let codes = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || match kader::syntax::parse(&source) {
            Ok(_) => Vec::new(),
            Err(d) => d.iter().map(|d| d.code).collect::<Vec<_>>(),
        })
        .unwrap()
        .join()
        .expect("no stack overflow");
    assert_eq!(codes, ["E0110"]);
}

/// A host may bound how deep an evidence document nests, in JSON and TOML;
/// brackets inside strings and comments do not count.
#[test]
fn a_host_bounds_evidence_nesting() {
    let framework = small();
    let options = |depth: usize| LoadOptions {
        limits: Limits {
            max_evidence_depth: depth,
            ..Limits::default()
        },
        ..LoadOptions::default()
    };
    let text = document(r#"{"a":{"b":3},"note":"[[[[[{{{{"}"#);
    // The document nests 3 deep: the root, `evidence`, `a`.
    assert!(Evidence::from_json_with(&framework, &text, options(3)).is_ok());
    let error = Evidence::from_json_with(&framework, &text, options(2)).expect_err("too deep");
    assert!(
        error.problems[0]
            .message
            .contains("nests objects and lists 3 deep, more than the 2"),
        "{:?}",
        error.problems
    );
    let toml = "as_of = \"2026-11-30\" # [[[[\n[location]\nid = 'x[['\n[evidence.a]\nb = 3\n";
    assert!(Evidence::from_toml_with(&framework, toml, options(1)).is_ok());
    let inline = "as_of = \"2026-11-30\"\n[location]\nid = \"x\"\n[evidence]\na = { b = 3 }\nshare = [[[1]]]\n";
    let error = Evidence::from_toml_with(&framework, inline, options(2)).expect_err("too deep");
    assert!(
        error.problems[0].message.contains("3 deep"),
        "{:?}",
        error.problems
    );
}

/// `define dN = dN-1 and dN-1`, `n` deep: the text is linear in `n`, the
/// expanded condition 2ⁿ long.
fn doubling_defines(n: usize) -> String {
    let mut source = String::from(
        "framework f \"F\" version \"1\"\nevidence {\n  a : int \"A\"\n  b : bool \"B\"\n}\ndefine d0 = a >= 1 and b\n",
    );
    for i in 1..=n {
        source.push_str(&format!("define d{i} = d{} and d{}\n", i - 1, i - 1));
    }
    source.push_str(&format!(
        "theme t \"T\" {{\n  criterion C \"C\" {{ owner school require d{n} and a >= 2 else \"Te weinig\" }}\n}}\n"
    ));
    source
}

/// Issue: 26 doubling defines took 3 s in `check`, 40 hung every command
/// and `kader doc` wrote 26 MB for 20. Each pass over a condition now
/// visits a define once: 40 of them check, compile, evaluate, explain,
/// document, generate, diff, test and format at once, and the document
/// is as long as the framework, not as the expansion.
#[test]
fn forty_doubling_defines_cost_linear_time_in_every_pass() {
    let started = std::time::Instant::now();
    let source = doubling_defines(40);
    let framework = common::compile(&source);
    let evidence = Evidence::from_json(&framework, &document(r#"{"a": 1, "b": true}"#)).unwrap();
    let outcome = framework.decide(&evidence, Stage::Intake).explain().outcome;
    assert_eq!(outcome.criteria[0].status, Status::Fail);
    assert_eq!(outcome.criteria[0].gaps[0].expected, ">= 2");
    let _ = kader::plan::plan(&framework, &outcome);

    let doc = kader::doc::document(&framework, kader::doc::DocFormat::Markdown);
    assert!(
        doc.len() < 4 * source.len() + 4_000,
        "{} bytes of document for {} of framework",
        doc.len(),
        source.len()
    );
    assert!(doc.contains("- `d40`: `d39` en `d39`"), "{doc}");
    let html = kader::doc::document(&framework, kader::doc::DocFormat::Html);
    assert!(html.len() < 8 * source.len() + 8_000);
    let _ = kader::schema::evidence_schema(&framework);

    let generated = kader::generate::generate(
        &framework,
        &kader::generate::Options {
            count: 8,
            seed: 1,
            as_of: None,
        },
    );
    let samples: Vec<kader::diff::Sample> = generated
        .iter()
        .map(|g| kader::diff::Sample::json(g.id(), g.to_json()))
        .collect();
    let stricter = common::compile(&source.replace("a >= 1 and b", "a >= 3 and b"));
    let changes = kader::diff::structure(&framework, &stricter);
    assert_eq!(changes.len(), 1, "{changes:?}");
    let _ = kader::diff::impact(
        &framework,
        &stricter,
        &samples,
        &kader::diff::Options::default(),
    );
    let run = kader::testing::run(&framework, &[]);
    assert_eq!(run.coverage.sides_covered(), 0);
    let formatted = kader::format::format(&source).unwrap();
    assert_eq!(kader::format::format(&formatted).unwrap(), formatted);
    assert!(formatted.len() < 2 * source.len());
    assert!(
        started.elapsed() < std::time::Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
}

/// A define is evaluated once per location, and a chain as deep as the
/// nesting bound allows evaluates on a test thread's stack.
#[test]
fn a_chain_of_defines_at_the_depth_bound_evaluates() {
    let mut source = String::from(
        "framework f \"F\" version \"1\"\nevidence { a : int \"A\" }\ndefine d0 = a\n",
    );
    // Each link is a sum (one level) and a use (one more): `d63` is 126
    // deep, the condition on it 128.
    for i in 1..=63 {
        source.push_str(&format!("define d{i} = d{} + 1\n", i - 1));
    }
    source.push_str("theme t \"T\" {\n  criterion C \"C\" { owner school require d63 >= 66 }\n}\n");
    let framework = common::compile(&source);
    let evidence = Evidence::from_json(&framework, &document(r#"{"a": 3}"#)).unwrap();
    assert_eq!(
        framework
            .decide(&evidence, Stage::Intake)
            .explain()
            .outcome
            .criteria[0]
            .status,
        Status::Pass
    );
    let evidence = Evidence::from_json(&framework, &document(r#"{"a": 2}"#)).unwrap();
    let outcome = framework.decide(&evidence, Stage::Intake).explain().outcome;
    assert_eq!(outcome.criteria[0].status, Status::Fail);
    assert_eq!(outcome.criteria[0].gaps[0].actual, "65");
    let _ = kader::doc::document(&framework, kader::doc::DocFormat::Markdown);
}

/// Issue: 7,000 × `define dN = dN-1 + 1` passed `check` and aborted `eval`
/// on the stack; 100,000 aliases `define dN = dN-1` (2.3 MB) aborted
/// `check`. The depth a condition reaches through its defines is bounded
/// like the depth written out (128), with one error naming the chain.
#[test]
fn a_chain_of_defines_deeper_than_the_bound_is_one_error_naming_it() {
    let refused = |source: &str| match Framework::compile(source) {
        Ok(_) => panic!("a chain deeper than the bound compiled"),
        Err(d) => d.iter().cloned().collect::<Vec<kader::Diagnostic>>(),
    };
    let mut sums = String::from(
        "framework f \"F\" version \"1\"\nevidence { a : int \"A\" }\ndefine d0 = a + 1\n",
    );
    for i in 1..7_000 {
        sums.push_str(&format!("define d{i} = d{} + 1\n", i - 1));
    }
    sums.push_str("theme t \"T\" {\n  criterion C \"C\" { owner school require d6999 >= 1 }\n}\n");
    let diagnostics = refused(&sums);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    let d = &diagnostics[0];
    assert_eq!(d.code, "E0255");
    assert_eq!(
        d.message.to_string(),
        "`d64` is nested more than 128 levels deep through the defines it uses"
    );
    let rendered =
        kader::Diagnostics::from_iter(diagnostics.clone()).render("s.kader", &sums, false);
    assert!(
        rendered.contains("`d64` → `d63` → `d62` → `d61` → … → `d3` → `d2` → `d1` → `d0`"),
        "{rendered}"
    );

    let started = std::time::Instant::now();
    let mut aliases = String::from(
        "framework f \"F\" version \"1\"\nevidence { b : bool \"B\" }\ndefine d0 = b\n",
    );
    for i in 1..100_000 {
        aliases.push_str(&format!("define d{i} = d{}\n", i - 1));
    }
    aliases.push_str("theme t \"T\" {\n  criterion C \"C\" { owner school require d99999 }\n}\n");
    assert!(aliases.len() > 2_000_000);
    let diagnostics = refused(&aliases);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0].code, "E0255");
    assert!(
        diagnostics[0].message.to_string().starts_with("`d129` "),
        "{:?}",
        diagnostics[0]
    );
    // Linear: pest reads the 2.3 MB in about 20 s in a debug build on a
    // busy core; a pass quadratic in the defines would take hours.
    assert!(
        started.elapsed() < std::time::Duration::from_secs(90),
        "{:?}",
        started.elapsed()
    );

    // Within a condition: the define is as deep as allowed, the condition
    // one level deeper.
    let mut deep = String::from(
        "framework f \"F\" version \"1\"\nevidence { b : bool \"B\" }\ndefine d0 = b\n",
    );
    for i in 1..128 {
        deep.push_str(&format!("define d{i} = d{}\n", i - 1));
    }
    deep.push_str("theme t \"T\" {\n  criterion C \"C\" { owner school require not d127 }\n}\n");
    let diagnostics = refused(&deep);
    assert_eq!(
        diagnostics[0].message.to_string(),
        "this condition is nested more than 128 levels deep through the defines it uses"
    );
}

/// Issue: `define zz = zz` was accepted with only W0253, `define po_so =
/// po_so` reported as E0252 at its later uses. A define that refers to
/// itself, directly or in a circle, is an error at its own line and its
/// uses stay silent.
#[test]
fn a_define_that_refers_to_itself_is_an_error_at_its_own_line() {
    let header = "framework f \"F\" version \"1\"\nevidence { b : bool \"B\" }\n";
    let rule = "theme t \"T\" {\n  criterion C \"C\" { owner school require b and po_so }\n}\n";
    let at = |source: &str| match Framework::compile(source) {
        Ok(_) => panic!("compiled"),
        Err(d) => d
            .iter()
            .map(|d| {
                let line = source[..d.span.start].lines().count();
                (d.code, line, d.message.to_string())
            })
            .collect::<Vec<_>>(),
    };
    assert_eq!(
        at(&format!("{header}define po_so = po_so\n{rule}")),
        [(
            "E0254",
            3,
            "`po_so` is defined in terms of itself".to_string()
        )]
    );
    assert_eq!(
        at(&format!("{header}define zz = zz\ndefine po_so = b\n{rule}")),
        [("E0254", 3, "`zz` is defined in terms of itself".to_string())]
    );
    let circle =
        format!("{header}define x = po_so or b\ndefine y = x\ndefine po_so = not y\n{rule}");
    // One error for a circle, at its first define.
    let found = at(&circle);
    assert_eq!(
        found.iter().map(|(c, l, _)| (*c, *l)).collect::<Vec<_>>(),
        [("E0254", 3)],
        "{found:?}"
    );
    let rendered = Framework::compile(&circle)
        .unwrap_err()
        .in_language(kader::Language::En)
        .render("c.kader", &circle, false);
    assert!(
        rendered.contains("refers to itself: `x` → `po_so` → `y` → `x`"),
        "{rendered}"
    );
    // A circle of 100,000 defines is found without recursion.
    let mut long = format!("{header}define d0 = d99999\n");
    for i in 1..100_000 {
        long.push_str(&format!("define d{i} = d{}\n", i - 1));
    }
    long.push_str("theme t \"T\" {\n  criterion C \"C\" { owner school require b }\n}\n");
    assert_eq!(codes(&long), ["E0254"]);
}

/// A framework declaring one evidence path of `segments` segments, and a
/// criterion that reads it.
fn deep_path(segments: usize) -> String {
    let path: Vec<String> = (0..segments).map(|i| format!("s{i}")).collect();
    let path = path.join(".");
    format!(
        "framework f \"F\" version \"1\"\nevidence {{ {path} : int \"A\" }}\ntheme t \"T\" {{\n  criterion C \"C\" {{ owner school require {path} >= 1 }}\n}}\n"
    )
}

/// Issue: one path of 2,000 segments (8 KB) gave 72 MB of `kader schema`
/// (each level indents the next), and 50,000 segments aborted `schema` and
/// `samples generate`. A path has at most `Limits::max_path_depth`
/// segments (32; a host may allow up to 126, the most an evidence document
/// can nest), so schema, generated samples and every walk over a path stay
/// within that depth.
#[test]
fn an_evidence_path_deeper_than_the_limit_is_refused() {
    let started = std::time::Instant::now();
    for segments in [33, 2_000, 50_000] {
        let refused = Framework::compile(&deep_path(segments)).expect_err("too deep");
        let d = refused.iter().next().unwrap();
        assert_eq!(d.code, "E0217");
        assert_eq!(
            d.message.to_string(),
            format!("this evidence path has {segments} segments, more than the 32 kader accepts")
        );
    }
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    assert!(Framework::compile(&deep_path(32)).is_ok());

    // A host may allow more, up to the ceiling.
    let roomy = Limits {
        max_path_depth: 100_000,
        ..Limits::default()
    };
    let source = deep_path(Limits::PATH_DEPTH_CEILING);
    let framework = Framework::compile_with_limits(&source, "d.kader", None, &roomy).unwrap();
    let schema = serde_json::to_string_pretty(&kader::schema::evidence_schema(&framework)).unwrap();
    // Each level indents the ones below it: linear in the source, by a
    // factor the ceiling bounds.
    assert!(
        schema.len() < 4 * Limits::PATH_DEPTH_CEILING * source.len(),
        "{} bytes",
        schema.len()
    );
    let generated = kader::generate::generate(
        &framework,
        &kader::generate::Options {
            count: 4,
            seed: 3,
            as_of: None,
        },
    );
    for location in &generated {
        let evidence = Evidence::from_json(&framework, &location.to_json()).unwrap();
        let _ = framework.decide(&evidence, Stage::Intake).explain().outcome;
    }
    let refused = Framework::compile_with_limits(
        &deep_path(Limits::PATH_DEPTH_CEILING + 1),
        "d.kader",
        None,
        &roomy,
    )
    .expect_err("beyond the ceiling");
    assert_eq!(refused.iter().next().unwrap().code, "E0217");
}

/// Issue: `cijfer.po / 3 + cijfer.ouders / 3 + cijfer.team / 3 >= 7` with
/// 7, 7, 7 failed (found 6.9999999999999999999999999999). Arithmetic is
/// exact: a result that is no decimal stays a fraction, and the folded
/// `slot >= number` step decides as the full comparison does.
#[test]
fn division_never_rounds_into_a_wrong_fail() {
    let framework = common::compile(
        r#"framework f "F" version "1"
evidence {
  cijfer.po : number "PO"
  cijfer.ouders : number "Ouders"
  cijfer.team : number "Team"
}
theme t "T" {
  criterion A "A" { owner school require cijfer.po / 3 + cijfer.ouders / 3 + cijfer.team / 3 >= 7 }
  criterion F "F" { owner school require cijfer.po >= 7 }
  criterion G "G" { owner school require cijfer.po * 3 / 3 + 0 >= 7 }
  criterion H "H" { owner school require cijfer.po / 3 * 3 >= 7 }
  criterion Q "Q" { owner school require cijfer.po / 3 >= 2.3333333333333333333333333333 }
}"#,
    );
    for (po, statuses) in [
        ("7", [Status::Pass; 5]),
        ("6.9999999999999999999999999999", {
            let mut s = [Status::Fail; 5];
            s[4] = Status::Pass;
            s
        }),
    ] {
        let evidence = Evidence::from_json(
            &framework,
            &document(&format!(
                r#"{{"cijfer":{{"po":{po},"ouders":7,"team":7}}}}"#
            )),
        )
        .unwrap();
        let outcome = framework.decide(&evidence, Stage::Intake).explain().outcome;
        let found: Vec<Status> = outcome.criteria.iter().map(|c| c.status).collect();
        assert_eq!(found, statuses, "{po}");
    }
    // 7/3 is more than its 28-digit decimal: exactly, not by rounding.
    let evidence = Evidence::from_json(
        &framework,
        &document(r#"{"cijfer":{"po":7,"ouders":7,"team":7}}"#),
    )
    .unwrap();
    assert_eq!(
        framework
            .decide(&evidence, Stage::Intake)
            .explain()
            .outcome
            .criteria[4]
            .status,
        Status::Pass
    );
}

/// Issue: a gap's `expected` dropped operands and brackets: `b and t ==
/// "ok"` read `true and == "ok"`, `(b or c) and n >= 3` read `b or c and
/// >= 3`, `n + m >= 10 and b` read `>= 10 and true`, and `kader plan`
/// repeated them. Several operands are each shown whole, bracketed where
/// binding needs it, without the comments between them (a property test
/// in `src/compile` parses every such text back to its condition).
#[test]
fn a_gap_shows_the_failing_part_of_its_condition_as_written() {
    let framework = common::compile(
        r#"framework f "F" version "1"
evidence {
  b : bool "B"
  c : bool "C"
  t : text "T"
  n : int "N"
  m : int "M"
}
theme th "T" {
  criterion C1 "C1" { owner school require b and t == "ok" }
  criterion C2 "C2" { owner school require (b or c) and n >= 3 }
  criterion C3 "C3" { owner school require n + m >= 10 and b }
  criterion C4 "C4" { owner school require n >= 3 // te weinig
    and (m >= 2 or c) and b }
}"#,
    );
    let evidence = Evidence::from_json(
        &framework,
        &document(r#"{"b":false,"c":false,"t":"nee","n":1,"m":1}"#),
    )
    .unwrap();
    let outcome = framework.decide(&evidence, Stage::Intake).explain().outcome;
    let expected: Vec<&str> = outcome
        .criteria
        .iter()
        .map(|c| c.gaps[0].expected.as_str())
        .collect();
    let wanted = [
        r#"b and t == "ok""#,
        "(b or c) and n >= 3",
        "n + m >= 10 and b",
        "n >= 3 and (m >= 2 or c) and b",
    ];
    assert_eq!(expected, wanted);
    let plan = kader::plan::plan(&framework, &outcome);
    let needed: String = plan
        .items
        .iter()
        .flat_map(|i| i.needed.iter().cloned())
        .collect::<Vec<_>>()
        .join("\n");
    for text in wanted {
        assert!(needed.contains(text), "{text} in {needed}");
    }
}

/// Issue: 40 doubling defines hung the language server too. It answers
/// with the file's diagnostics at once, and the 100,000 aliases with one.
#[test]
fn the_language_server_answers_on_long_define_chains() {
    use std::io::Write as _;
    let frame = |body: serde_json::Value| {
        let body = body.to_string();
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    };
    let mut aliases = String::from(
        "framework f \"F\" version \"1\"\nevidence { b : bool \"B\" }\ndefine d0 = b\n",
    );
    for i in 1..100_000 {
        aliases.push_str(&format!("define d{i} = d{}\n", i - 1));
    }
    let mut input = frame(
        serde_json::json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"processId": null, "rootUri": null, "capabilities": {}}}),
    );
    input.push_str(&frame(
        serde_json::json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    ));
    for (n, text) in [(1, doubling_defines(40)), (2, aliases)] {
        input.push_str(&frame(serde_json::json!({"jsonrpc": "2.0", "method": "textDocument/didOpen",
            "params": {"textDocument": {"uri": format!("file:///tmp/d{n}.kader"), "languageId": "kader",
            "version": 1, "text": text}}})));
    }
    input.push_str(&frame(
        serde_json::json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
    ));
    input.push_str(&frame(
        serde_json::json!({"jsonrpc": "2.0", "method": "exit"}),
    ));
    let started = std::time::Instant::now();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kader"))
        .arg("lsp")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(stdout.matches("textDocument/publishDiagnostics").count(), 2);
    assert!(stdout.contains("E0255"), "{stdout}");
    // Linear: pest reads the 2.3 MB in about 20 s in a debug build on a
    // busy core; a pass quadratic in the defines would take hours.
    assert!(
        started.elapsed() < std::time::Duration::from_secs(90),
        "{:?}",
        started.elapsed()
    );
}

/// `paths` pieces of evidence read by one define, and `criteria` criteria
/// that each require it: the text is linear in both, the evidence the
/// criteria read together `criteria × paths`.
fn wide_define(paths: usize, criteria: usize) -> String {
    let mut source = String::from("framework f \"F\" version \"1\"\nevidence {\n");
    for i in 0..paths {
        source.push_str(&format!("  p{i} : bool \"P{i}\"\n"));
    }
    source.push('}');
    // In groups of 40: a condition has at most 100 operands in a row.
    let groups: Vec<String> = (0..paths.div_ceil(40))
        .map(|g| {
            let operands: Vec<String> = (g * 40..paths.min(g * 40 + 40))
                .map(|i| format!("p{i}"))
                .collect();
            source.push_str(&format!("\ndefine g{g} = {}", operands.join(" and ")));
            format!("g{g}")
        })
        .collect();
    source.push_str(&format!("\ndefine all = {}", groups.join(" and ")));
    source.push_str("\ntheme t \"T\" {\n");
    for i in 0..criteria {
        source.push_str(&format!(
            "  criterion C{i} \"C{i}\" {{ owner school require all }}\n"
        ));
    }
    source.push_str("}\n");
    source
}

/// A condition that reads a define of 4,000 pieces of evidence, in 2,000
/// criteria: each gap would have listed all 4,000 (8 million paths in one
/// result, built with a quadratic search). A gap lists at most 32 pieces
/// of evidence and says "and more"; what the location is to supply lists
/// each missing piece once. Everything stays linear in the framework.
#[test]
fn a_wide_define_read_by_many_criteria_gives_short_gaps() {
    let started = std::time::Instant::now();
    let source = wide_define(4_000, 2_000);
    let framework = common::compile(&source);
    let evidence = Evidence::from_json(&framework, &document(r#"{"p0": true}"#)).unwrap();
    let outcome = framework.decide(&evidence, Stage::Intake).explain().outcome;
    assert_eq!(outcome.criteria.len(), 2_000);
    let gap = &outcome.criteria[0].gaps[0];
    assert_eq!(gap.evidence.len(), 32);
    assert!(
        gap.actual.starts_with("p0 = true, p1 = missing"),
        "{}",
        gap.actual
    );
    assert!(
        gap.actual.ends_with("p31 = missing en meer"),
        "{}",
        gap.actual
    );
    assert!(gap.message.ends_with("p31 en meer."), "{}", gap.message);
    let json = serde_json::to_string(&outcome).unwrap();
    assert!(
        json.len() < 2 * source.len() + 2_000_000,
        "{} bytes",
        json.len()
    );

    let assessment = framework.decide(&evidence, Stage::Intake).explain();
    assert_eq!(assessment.to_supply.len(), 31);
    assert_eq!(assessment.to_supply[0].criteria.len(), 2_000);
    let _ = kader::plan::plan(&framework, &outcome);
    let doc = kader::doc::document(&framework, kader::doc::DocFormat::Markdown);
    // At most 32 lines of evidence per criterion: linear in the source.
    assert!(doc.len() < 16 * source.len(), "{} bytes", doc.len());
    assert!(doc.contains("  - en meer\n"));
    let _ = kader::testing::run(&framework, &[]);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
}
