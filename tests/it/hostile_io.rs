//! Hostile files, streams and messages at the edges of the `kader` binary:
//! a write cut short, a batch with a broken line, an oversized message to
//! the language server. Each ends in a clear error that names where, with
//! everything else still done, never a truncated file or a lost location.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{kader_in, root, Scratch};

const FRAMEWORK: &str = "frameworks/basiskader.kader";

fn framework() -> String {
    root().join(FRAMEWORK).display().to_string()
}

fn basiskader_crlf() -> String {
    common::basiskader_source().replace('\n', "\r\n")
}

// ---------------------------------------------------------------- atomic writes

#[cfg(unix)]
#[test]
fn fmt_cut_short_by_a_file_size_limit_leaves_the_framework_untouched() {
    let scratch = Scratch::new("fmt-ulimit");
    let crlf = basiskader_crlf();
    assert!(crlf.len() > 30_000);
    let path = scratch.write("basiskader.kader", &crlf);
    // 8 blocks (4 or 8 KiB, by the shell's unit): far less than the file.
    let output = Command::new("sh")
        .arg("-c")
        .arg("ulimit -f 8; exec \"$0\" fmt basiskader.kader")
        .arg(env!("CARGO_BIN_EXE_kader"))
        .current_dir(&scratch.0)
        .output()
        .unwrap();
    assert!(!output.status.success(), "{output:?}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), crlf);

    // Without the limit the same command formats the file whole.
    let run = kader_in(&scratch.0, &["fmt", "basiskader.kader"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let formatted = std::fs::read_to_string(&path).unwrap();
    assert_eq!(formatted, kader::format::format(&crlf).unwrap());
    assert_eq!(formatted, common::basiskader_source());
    // No temporary file is left beside it after a successful write.
    let names: Vec<String> = scratch
        .names()
        .into_iter()
        .filter(|n| !n.ends_with(".tmp"))
        .collect();
    assert_eq!(names, ["basiskader.kader"]);
}

#[cfg(unix)]
#[test]
fn fmt_keeps_the_permissions_of_the_file() {
    use std::os::unix::fs::PermissionsExt;
    let scratch = Scratch::new("fmt-mode");
    let path = scratch.write("fw.kader", basiskader_crlf());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    let run = kader_in(&scratch.0, &["fmt", "fw.kader"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    assert_eq!(scratch.names(), ["fw.kader"]);
}

#[test]
fn fmt_speaks_the_language_of_the_framework() {
    let scratch = Scratch::new("fmt-language");
    scratch.write("fw.kader", basiskader_crlf());
    let nl = kader_in(&scratch.0, &["fmt", "--check", "fw.kader"]);
    assert_eq!(nl.code, 1);
    assert_eq!(
        nl.stderr,
        "fw.kader: niet opgemaakt zoals `kader fmt` het schrijft\n"
    );
    let en = kader_in(&scratch.0, &["fmt", "--check", "--lang", "en", "fw.kader"]);
    assert_eq!(en.stderr, "fw.kader: not formatted\n");
    let written = kader_in(&scratch.0, &["fmt", "fw.kader"]);
    assert_eq!(written.stderr, "fw.kader: opgemaakt\n");
}

#[test]
fn samples_generate_writes_whole_files_and_leaves_no_temporary_file() {
    let scratch = Scratch::new("generate");
    for jsonl in [false, true] {
        let mut args = vec!["samples", "generate", FRAMEWORK, "--count", "3", "--out"];
        let out = scratch.path(if jsonl { "lines" } else { "files" });
        let out = out.display().to_string();
        args.push(&out);
        if jsonl {
            args.push("--jsonl");
        }
        let run = kader_in(root(), &args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let mut names: Vec<String> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        if jsonl {
            assert_eq!(names, ["locations.jsonl"]);
            let text = std::fs::read_to_string(Path::new(&out).join("locations.jsonl")).unwrap();
            assert_eq!(text.lines().count(), 3);
        } else {
            assert_eq!(names.len(), 3, "{names:?}");
            assert!(names.iter().all(|n| n.ends_with(".json")), "{names:?}");
        }
    }
}

// ---------------------------------------------------------------- no lost batch

/// The first location of `samples/batch.jsonl` under `n` ids, one a line,
/// with a Latin-1 line (`é` as the single byte 0xE9) at `bad`.
fn batch_with_a_latin1_line(lines: usize, bad: usize) -> Vec<u8> {
    let good = std::fs::read_to_string(root().join("samples/batch.jsonl")).unwrap();
    let first = good.lines().next().unwrap();
    assert!(first.contains("\"brin-12AB-00\""));
    let mut out = Vec::new();
    for n in 1..=lines {
        let line = first.replace("brin-12AB-00", &format!("loc-{n:04}"));
        if n == bad {
            let latin1 = line.replace("De Regenboog", "Caf\u{e9}");
            // `é` in Latin-1: one byte, not UTF-8.
            out.extend(latin1.replace('\u{e9}', "\u{1}").bytes().map(|b| {
                if b == 1 {
                    0xE9
                } else {
                    b
                }
            }));
        } else {
            out.extend_from_slice(line.as_bytes());
        }
        out.push(b'\n');
    }
    out
}

fn ids(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["location"]["id"].as_str().unwrap().to_string()
        })
        .collect()
}

#[test]
fn a_latin1_line_in_a_batch_of_600_is_named_and_every_other_line_evaluated_in_order() {
    let scratch = Scratch::new("latin1");
    scratch.write("batch.jsonl", batch_with_a_latin1_line(600, 300));
    for summary in [false, true] {
        let fw = framework();
        let mut args = vec!["eval", fw.as_str(), "batch.jsonl"];
        args.extend(if summary {
            ["--summary", ""].as_slice()
        } else {
            ["--format", "json"].as_slice()
        });
        args.retain(|a| !a.is_empty());
        let run = kader_in(&scratch.0, &args);
        assert_eq!(run.code, 1, "{}", run.stderr);
        let want: Vec<String> = (1..=600)
            .filter(|n| *n != 300)
            .map(|n| format!("loc-{n:04}"))
            .collect();
        if !summary {
            assert_eq!(ids(&run.stdout), want);
        } else {
            assert_eq!(run.stdout.lines().count(), 599);
        }
        assert!(
            run.stderr.contains("error: batch.jsonl:300: column ")
                && run.stderr.contains("not valid UTF-8"),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr
                .contains("error: 1 location could not be evaluated; 599 evaluated"),
            "{}",
            run.stderr
        );
    }
}

/// A directory of two good samples (with their expectations) and one
/// evidence file in Latin-1.
fn directory_with_a_latin1_file(scratch: &Scratch) -> PathBuf {
    let dir = scratch.path("samples");
    std::fs::create_dir_all(&dir).unwrap();
    for name in [
        "po-de-regenboog-certified",
        "po-de-klimop-meldcode-not-certified",
    ] {
        for ext in ["json", "expect.toml"] {
            std::fs::copy(
                root().join(format!("samples/{name}.{ext}")),
                dir.join(format!("{name}.{ext}")),
            )
            .unwrap();
        }
    }
    let text = std::fs::read(root().join("samples/po-de-regenboog-certified.json")).unwrap();
    let mut latin1 = text.clone();
    let at = latin1.windows(3).position(|w| w == b"De ").unwrap();
    latin1[at + 1] = 0xE9;
    std::fs::write(dir.join("m-latin1.json"), latin1).unwrap();
    dir
}

const REGENBOOG: &str = "brin-12AB-00";
const KLIMOP: &str = "brin-56JK-00";

#[test]
fn a_latin1_file_in_a_directory_is_named_and_the_others_still_run_for_every_command() {
    let scratch = Scratch::new("latin1-dir");
    directory_with_a_latin1_file(&scratch);
    let fw = framework();
    let named = |stderr: &str| {
        assert!(
            stderr.contains("m-latin1.json") && stderr.contains("not valid UTF-8"),
            "{stderr}"
        );
    };

    let run = kader_in(&scratch.0, &["eval", &fw, "samples", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stdout.lines().count(), 2);
    named(&run.stderr);
    assert!(
        run.stderr
            .contains("error: samples/m-latin1.json: line 4, column 27: not valid UTF-8"),
        "{}",
        run.stderr
    );

    let run = kader_in(
        &scratch.0,
        &["report", &fw, "--samples", "samples", "--format", "json"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let overview: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let text = overview.to_string();
    assert!(text.contains(REGENBOOG) && text.contains(KLIMOP), "{text}");
    named(&run.stderr);

    let run = kader_in(&scratch.0, &["plan", &fw, "samples", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.contains(REGENBOOG) && run.stdout.contains(KLIMOP));
    named(&run.stderr);

    let run = kader_in(&scratch.0, &["test", &fw, "--samples", "samples"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.contains("po-de-regenboog-certified"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("po-de-klimop-meldcode-not-certified"),
        "{}",
        run.stdout
    );
    named(&run.stdout);

    let run = kader_in(&scratch.0, &["diff", &fw, &fw, "--samples", "samples"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    named(&run.stdout);
}

// ---------------------------------------------------------------- clear messages

const SMALL: &str = r#"
framework h "Hostile" version "1"
evidence {
  note   : text       "Toelichting"
  role   : text       "Rol"
  share  : percent    "Aandeel"
  drills : list<date> "Oefeningen"
}
theme t "T" {
  criterion C1 "Toelichting" { owner school require present(note) }
  criterion C2 "Aandeel" { owner school require share >= 70% }
  criterion C3 "Oefeningen" { owner school require count(drills within 12 months) >= 2 }
  criterion C4 "Rol" { owner school require role == "coördinator" }
}
"#;

fn document(location: &str, evidence: &str) -> String {
    format!(r#"{{"location":{location},"as_of":"2026-11-30","evidence":{evidence}}}"#)
}

/// Loads by both loaders, which must agree, and gives the result.
fn load(text: &str) -> Result<kader::Evidence, kader::EvidenceError> {
    let framework = common::compile(SMALL);
    let options = kader::LoadOptions::default();
    let fast = kader::Evidence::from_json_with(&framework, text, options);
    let tree = kader::Evidence::from_json_reference(&framework, text, options);
    assert_eq!(fast, tree, "the two loaders disagree on {text}");
    fast
}

fn messages(result: &Result<kader::Evidence, kader::EvidenceError>) -> Vec<String> {
    match result {
        Ok(evidence) => evidence
            .warnings()
            .iter()
            .map(ToString::to_string)
            .collect(),
        Err(error) => error.problems.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn json_with_a_byte_order_mark_is_read_as_without() {
    let text = document(r#"{"id":"x"}"#, r#"{"share":"80%"}"#);
    let with_bom = format!("\u{feff}{text}");
    assert_eq!(load(&with_bom).unwrap(), load(&text).unwrap());
}

#[test]
fn an_empty_or_invisible_location_id_is_called_empty() {
    for id in ["", "  ", "\u{0}", "\u{200B}\u{200B}"] {
        let location = format!(r#"{{"id":{}}}"#, serde_json::to_string(id).unwrap());
        let result = load(&document(&location, "{}"));
        assert_eq!(
            messages(&result),
            ["`location.id`: the location's `id` is empty (fill in the id, such as a BRIN number with a location suffix)"],
            "{id:?}"
        );
    }
}

#[test]
fn an_over_long_percentage_gets_the_28_digit_message() {
    let result = load(&document(
        r#"{"id":"x"}"#,
        r#"{"share":"70.00000000000000000000000000000%"}"#,
    ));
    let messages = messages(&result);
    assert_eq!(messages.len(), 1);
    assert!(
        messages[0].contains("too large or too precise")
            && messages[0].contains("at most 28 significant digits"),
        "{messages:?}"
    );
}

#[test]
fn text_of_only_nul_or_zero_width_characters_is_not_present() {
    let framework = common::compile(SMALL);
    for note in ["\u{0}\u{0}", "\u{200B}", "\u{FEFF}\u{2060}"] {
        let evidence = load(&document(
            r#"{"id":"x"}"#,
            &format!(r#"{{"note":{}}}"#, serde_json::to_string(note).unwrap()),
        ))
        .unwrap();
        let outcome = framework.decide(&evidence, kader::Stage::Audit).explain();
        assert_eq!(
            outcome.outcome.criteria[0].status,
            kader::Status::Fail,
            "{note:?}"
        );
    }
}

#[test]
fn the_same_date_twice_in_a_list_is_a_warning_and_still_counts() {
    let result = load(&document(
        r#"{"id":"x"}"#,
        r#"{"drills":["2026-03-01","2026-06-01","2026-03-01"]}"#,
    ));
    assert_eq!(
        messages(&result),
        ["`evidence.drills`: the date 2026-03-01 is given more than once, and each counts (give each occasion once, or leave out the copy)"]
    );
    let once = load(&document(
        r#"{"id":"x"}"#,
        r#"{"drills":["2026-03-01","2026-06-01"]}"#,
    ));
    assert!(messages(&once).is_empty());
}

#[test]
fn a_decomposed_accent_in_text_is_a_warning() {
    // `o` followed by U+0308, where the framework writes the composed `ö`.
    let result = load(&document(
        r#"{"id":"x"}"#,
        "{\"role\":\"co\u{0308}rdinator\"}",
    ));
    let said = messages(&result);
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(
        said[0].contains("U+0308") && said[0].contains("NFC"),
        "{said:?}"
    );
    let composed = load(&document(r#"{"id":"x"}"#, r#"{"role":"coördinator"}"#));
    assert!(messages(&composed).is_empty());
}

#[test]
fn as_of_on_the_command_line_is_read_as_in_a_file() {
    let scratch = Scratch::new("as-of");
    let fw = framework();
    let sample = root().join("samples/po-de-regenboog-certified.json");
    let sample = sample.display().to_string();
    let run = kader_in(
        &scratch.0,
        &["eval", &fw, &sample, "--as-of", "2026-11-30T00:00:00"],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("expected a date as YYYY-MM-DD, found `2026-11-30T00:00:00`"),
        "{}",
        run.stderr
    );
    // The same words as for `as_of` in the file.
    let text = std::fs::read_to_string(&sample).unwrap().replace(
        "\"as_of\": \"2026-11-30\"",
        "\"as_of\": \"2026-11-30T00:00:00\"",
    );
    assert!(text.contains("2026-11-30T00:00:00"));
    scratch.write("t.json", &text);
    let run = kader_in(&scratch.0, &["eval", &fw, "t.json"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("expected a date as YYYY-MM-DD, found `2026-11-30T00:00:00`"),
        "{}",
        run.stderr
    );
}

#[cfg(unix)]
#[test]
fn an_endless_input_is_read_no_further_than_the_size_limit() {
    let started = std::time::Instant::now();
    let run = kader_in(root(), &["eval", FRAMEWORK, "/dev/zero"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error: /dev/zero: it is larger than 16777216 bytes, the most kader reads"),
        "{}",
        run.stderr
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
}

#[test]
fn a_jsonl_line_past_the_size_limit_is_named_and_the_next_lines_still_read() {
    let scratch = Scratch::new("long-line");
    let good = std::fs::read_to_string(root().join("samples/batch.jsonl")).unwrap();
    let first = good.lines().next().unwrap();
    let limit = kader::Limits::default().max_evidence_bytes;
    let long = format!("{{\"pad\":\"{}\"}}", "x".repeat(limit + 10));
    scratch.write("big.jsonl", format!("{first}\n{long}\n{first}\n"));
    let fw = framework();
    let run = kader_in(&scratch.0, &["eval", &fw, "big.jsonl", "--summary"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stdout.lines().count(), 2);
    assert!(
        run.stderr.contains(&format!(
            "error: big.jsonl:2: it is larger than {limit} bytes, the most kader reads"
        )),
        "{}",
        run.stderr
    );
}

#[test]
fn a_pretty_printed_jsonl_file_is_one_error_and_an_empty_one_a_warning() {
    let scratch = Scratch::new("pretty");
    let pretty =
        std::fs::read_to_string(root().join("samples/po-de-regenboog-certified.json")).unwrap();
    assert!(pretty.lines().count() > 50);
    scratch.write("pretty.jsonl", &pretty);
    scratch.write("empty.jsonl", "\n\n");
    let fw = framework();
    let run = kader_in(&scratch.0, &["eval", &fw, "pretty.jsonl"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr.matches("error: pretty.jsonl").count(),
        1,
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("error: pretty.jsonl:1: ")
            && run.stderr.contains("one JSON document per line"),
        "{}",
        run.stderr
    );
    let run = kader_in(&scratch.0, &["eval", &fw, "empty.jsonl"]);
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stderr,
        "warning: `empty.jsonl` holds no locations: a JSON Lines file holds one JSON document per line\n"
    );
    // A byte-order mark before the first line is no problem.
    let line = std::fs::read_to_string(root().join("samples/batch.jsonl")).unwrap();
    scratch.write("bom.jsonl", format!("\u{feff}{line}"));
    let run = kader_in(&scratch.0, &["eval", &fw, "bom.jsonl", "--summary"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout.lines().count(), 3);
}

#[test]
fn extensions_are_read_in_any_case() {
    let scratch = Scratch::new("case");
    std::fs::copy(
        root().join("samples/po-de-regenboog-certified.json"),
        scratch.path("A.JSON"),
    )
    .unwrap();
    std::fs::copy(
        root().join("samples/so-het-kompas-certified.toml"),
        scratch.path("B.Toml"),
    )
    .unwrap();
    std::fs::copy(root().join("samples/batch.jsonl"), scratch.path("C.JSONL")).unwrap();
    scratch.write("notes.txt", "not evidence");
    let fw = framework();
    let run = kader_in(&scratch.0, &["eval", &fw, ".", "--summary"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout.lines().count(), 5);
    assert!(run.stderr.contains("1 entry not read"), "{}", run.stderr);
    let run = kader_in(&scratch.0, &["eval", &fw, "B.Toml", "--summary"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn check_checks_every_file_that_exists_and_names_the_missing_one() {
    let run = kader_in(
        root(),
        &["check", FRAMEWORK, "frameworks/missing.kader", FRAMEWORK],
    );
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr
            .matches("frameworks/basiskader.kader: geen problemen gevonden")
            .count(),
        2,
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("cannot read `frameworks/missing.kader`")
            && run
                .stderr
                .contains("1 file could not be read: frameworks/missing.kader"),
        "{}",
        run.stderr
    );
}

#[test]
fn report_warns_of_a_location_given_twice_for_one_date() {
    let sample = "samples/po-de-regenboog-certified.json";
    let run = kader_in(
        root(),
        &[
            "report",
            FRAMEWORK,
            "--samples",
            sample,
            sample,
            "--format",
            "json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "warning: location `brin-12AB-00` is given more than once for as-of date 2026-11-30"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_framework_with_cr_only_line_endings_is_told_so() {
    let cr = common::basiskader_source().replace('\n', "\r");
    let diagnostics = kader::Framework::compile(&cr).unwrap_err();
    let codes: Vec<&str> = diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["E0120"]);
    let first = diagnostics.iter().next().unwrap();
    assert_eq!(&cr[first.span.start..first.span.end], "\r");
    assert_eq!(first.span.start, cr.find('\r').unwrap());
    // CR LF and LF are read alike, as ever.
    let crlf = common::basiskader_source().replace('\n', "\r\n");
    assert!(kader::Framework::compile(&crlf).is_ok());
}

#[cfg(unix)]
#[test]
fn a_base_that_is_a_symbolic_link_is_named_as_one() {
    use kader::Resolver as _;
    let scratch = Scratch::new("link-base");
    let dir = scratch.path("fw");
    std::fs::create_dir_all(&dir).unwrap();
    std::os::unix::fs::symlink(
        root().join("frameworks/basiskader.kader"),
        dir.join("basiskader.kader"),
    )
    .unwrap();
    let resolver = kader::DirResolver::new(&dir).unwrap();
    let error = resolver.resolve("basiskader").unwrap_err().to_string();
    assert!(
        error.contains("basiskader.kader` is a symbolic link, and links are not followed"),
        "{error}"
    );
    assert!(!error.contains("no `basiskader.kader`"), "{error}");
}
