//! A test run as text (a document of the layout model, shaped like
//! `cargo test`), JSON and JUnit XML.

use std::fmt::Write as _;

use serde::Serialize;

use super::{Coverage, CoverageItem, Failure, SampleResult, TestRun};
use crate::layout::{
    self, column, heading, strong, table, text, Block, Cell, Document, Inline, Item, Tone,
};
use crate::terms::Language;
use crate::words::{fill, plural, words, Words};

/// What to render besides the samples, and how.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct RenderOptions {
    /// Whether to use ANSI colours (only for a terminal).
    pub color: bool,
    /// Whether to show coverage.
    pub coverage: bool,
    /// The coverage (in percent) below which the run fails.
    pub min_coverage: Option<f64>,
    /// The language of the words kader writes in the text (JSON and JUnit
    /// are data, and always the same).
    pub language: Language,
}

impl TestRun {
    /// Whether the run succeeds: every sample as expected and, when a
    /// minimum is given, coverage at or above it.
    pub fn succeeded(&self, min_coverage: Option<f64>) -> bool {
        self.is_ok() && min_coverage.is_none_or(|min| self.coverage.meets(min))
    }
}

/// A percentage rounded down to one decimal, so that 99.96% is not shown
/// as 100%.
fn percent(coverage: &Coverage) -> String {
    let sides = coverage.sides();
    if sides == 0 {
        return "100%".to_string();
    }
    let tenths = coverage.sides_covered() * 1000 / sides;
    format!("{}.{}%", tenths / 10, tenths % 10)
}

/// A minimum as given: `90` → `90%`, `87.5` → `87.5%`.
fn min_text(min: f64) -> String {
    format!("{min}%")
}

/// What went wrong with one sample: a line each, its reasons under it.
fn failure_items(result: &SampleResult, w: &Words) -> Vec<Item> {
    let item = |line: String, details: Vec<String>| Item {
        number: None,
        text: vec![text(line)],
        details: details.into_iter().map(|d| vec![text(d)]).collect(),
    };
    let errors = |problems: Vec<String>| -> Vec<String> {
        problems
            .into_iter()
            .map(|p| format!("{}: {p}", w.error))
            .collect()
    };
    let Some(failure) = &result.failure else {
        return Vec::new();
    };
    match failure {
        Failure::Mismatches { mismatches } => mismatches
            .iter()
            .map(|m| {
                let line = m.line.map(|l| l.to_string()).unwrap_or_default();
                let args = [
                    ("subject", m.subject.as_str()),
                    ("line", line.as_str()),
                    ("expected", m.expected.as_str()),
                    ("actual", m.actual.as_str()),
                ];
                let template = match m.line {
                    Some(_) => w.test_mismatch_at,
                    None => w.test_mismatch,
                };
                item(fill(template, &args), m.because.clone())
            })
            .collect(),
        Failure::Evidence { problems } => vec![item(
            w.test_evidence_does_not_load.to_string(),
            errors(problems.iter().map(ToString::to_string).collect()),
        )],
        Failure::Expectation { problems } => vec![item(
            w.test_expectation_problems.to_string(),
            errors(problems.iter().map(ToString::to_string).collect()),
        )],
        Failure::NoExpectation { expected_file } => {
            let verdict = result.verdict.map_or("unknown", |v| v.as_str());
            vec![item(
                fill(
                    w.test_no_expectation,
                    &[("file", expected_file), ("verdict", verdict)],
                ),
                Vec::new(),
            )]
        }
        Failure::NoEvidence => vec![item(w.test_no_evidence.to_string(), Vec::new())],
    }
}

/// The sample's files: "evidence x.json, expectation x.expect.toml".
fn files_line(result: &SampleResult, w: &Words) -> String {
    let files = [
        (w.test_evidence_file, &result.evidence),
        (w.test_expectation_file, &result.expectation),
    ];
    files
        .iter()
        .filter_map(|(template, path)| path.as_deref().map(|p| fill(template, &[("path", p)])))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The run as text, like `cargo test`: a line per sample, the failures in
/// detail, coverage when asked, and a closing `test result:` line.
pub fn to_text(run: &TestRun, options: RenderOptions) -> String {
    layout::text::render(&document(run, options), options.color)
}

fn document(run: &TestRun, options: RenderOptions) -> Document {
    let w = words(options.language);
    let mut blocks = Vec::new();
    if !run.samples.is_empty() {
        blocks.push(Block::List(
            run.samples.iter().map(|r| sample_item(r, w)).collect(),
        ));
    }
    let failed: Vec<&SampleResult> = run.samples.iter().filter(|r| !r.passed()).collect();
    if !failed.is_empty() {
        let mut section = vec![heading(2, vec![text(w.test_failures)])];
        for result in failed {
            let mut head = vec![text(result.name.as_str())];
            let files = files_line(result, w);
            if !files.is_empty() {
                head.push(text(" "));
                head.push(Inline::Aside(vec![text(format!("({files})"))]));
            }
            section.push(heading(3, head));
            section.push(Block::List(failure_items(result, w)));
        }
        blocks.push(Block::Section(section));
    }
    if options.coverage || options.min_coverage.is_some() {
        blocks.push(Block::Section(coverage_blocks(&run.coverage, w)));
    }
    blocks.push(Block::Paragraph(result_line(run, options.min_coverage, w)));
    Document {
        title: plural(
            &w.test_running,
            run.samples.len(),
            &[("framework", &run.framework)],
        ),
        language: options.language,
        kind: "test",
        wide: false,
        blocks,
    }
}

fn verdict_badge(ok: bool, word: &str) -> Inline {
    Inline::Badge {
        tone: if ok { Tone::Pass } else { Tone::Fail },
        text: word.to_string(),
    }
}

/// A sample and how it came out, its warnings under it.
fn sample_item(result: &SampleResult, w: &Words) -> Item {
    let status = if result.passed() {
        w.test_ok
    } else if matches!(result.failure, Some(Failure::NoExpectation { .. })) {
        w.test_failed_no_expectation
    } else {
        w.test_failed
    };
    Item {
        number: None,
        text: vec![
            text(format!("{} ... ", result.name)),
            verdict_badge(result.passed(), status),
        ],
        details: result
            .warnings
            .iter()
            .map(|warning| {
                vec![
                    Inline::Badge {
                        tone: Tone::Open,
                        text: w.warning.to_string(),
                    },
                    text(format!(": {warning}")),
                ]
            })
            .collect(),
    }
}

/// The share of rule outcomes exercised, and a table of the rules some
/// side of which no sample shows.
fn coverage_blocks(coverage: &Coverage, w: &Words) -> Vec<Block> {
    let full = coverage.items.iter().filter(|i| i.is_covered()).count();
    let counts = [
        coverage.sides_covered().to_string(),
        coverage.sides().to_string(),
        full.to_string(),
        coverage.items.len().to_string(),
    ];
    let [covered, sides, full, rules] = counts.each_ref().map(String::as_str);
    let mut blocks = vec![Block::Paragraph(vec![
        text(format!("{}: ", w.coverage)),
        strong(percent(coverage)),
        text(" "),
        text(plural(
            &w.coverage_detail,
            coverage.samples,
            &[
                ("covered", covered),
                ("sides", sides),
                ("full", full),
                ("rules", rules),
            ],
        )),
    ])];
    let rows: Vec<Vec<Cell>> = coverage
        .uncovered()
        .map(|item| {
            vec![
                Cell::text(item.criterion.as_str()),
                Cell::text(item.missing_in(w).unwrap_or_default()),
                Cell::of(vec![Inline::Code(item.notation.clone())]),
            ]
        })
        .collect();
    if !rows.is_empty() {
        blocks.push(Block::Paragraph(vec![text(w.coverage_uncovered)]));
        blocks.push(table(
            vec![
                column(w.criterion),
                column(w.coverage_not_shown),
                column(w.rule),
            ],
            rows,
        ));
    }
    blocks
}

/// "test result: ok. 3 passed; 0 failed", and the coverage against its
/// minimum when one is given.
fn result_line(run: &TestRun, min_coverage: Option<f64>, w: &Words) -> Vec<Inline> {
    let coverage_fails = min_coverage.is_some_and(|min| !run.coverage.meets(min));
    let ok = run.is_ok() && !coverage_fails;
    let mut line = vec![
        text(format!("{} ", w.test_result)),
        verdict_badge(ok, if ok { w.test_ok } else { w.test_failed }),
        text(fill(
            w.test_counts,
            &[
                ("passed", &run.passed().to_string()),
                ("failed", &run.failed().to_string()),
            ],
        )),
    ];
    if let Some(min) = min_coverage {
        let template = if coverage_fails {
            w.coverage_below
        } else {
            w.coverage_meets
        };
        line.push(text(fill(
            template,
            &[
                ("percent", &percent(&run.coverage)),
                ("min", &min_text(min)),
            ],
        )));
    }
    line
}

// ---------------------------------------------------------------------------

#[derive(Serialize)]
struct JsonRun<'a> {
    framework: &'a str,
    ok: bool,
    passed: usize,
    failed: usize,
    samples: &'a [SampleResult],
    #[serde(skip_serializing_if = "Option::is_none")]
    coverage: Option<JsonCoverage<'a>>,
}

#[derive(Serialize)]
struct JsonCoverage<'a> {
    percent: f64,
    sides: usize,
    sides_covered: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    min_coverage: Option<f64>,
    samples: usize,
    items: &'a [CoverageItem],
}

/// The run as one JSON document: the same as the text, as data.
pub fn to_json(run: &TestRun, options: RenderOptions) -> String {
    let show_coverage = options.coverage || options.min_coverage.is_some();
    let document = JsonRun {
        framework: &run.framework,
        ok: run.succeeded(options.min_coverage),
        passed: run.passed(),
        failed: run.failed(),
        samples: &run.samples,
        coverage: show_coverage.then(|| JsonCoverage {
            percent: run.coverage.percent(),
            sides: run.coverage.sides(),
            sides_covered: run.coverage.sides_covered(),
            min_coverage: options.min_coverage,
            samples: run.coverage.samples,
            items: &run.coverage.items,
        }),
    };
    serde_json::to_string_pretty(&document).unwrap_or_else(|e| {
        // Serialising these plain structs cannot fail; say so if it does.
        format!("{{\"error\": \"cannot write the results as JSON: {e}\"}}")
    })
}

// ---------------------------------------------------------------------------

/// Escapes text for XML: the markup characters as for HTML, a character
/// XML 1.0 does not allow at all as U+FFFD, a carriage return as a
/// reference, and in an attribute value (`attribute`) line breaks and tabs
/// as references too, so that they survive.
fn xml(text: &str, attribute: bool) -> String {
    let allowed: String = text
        .chars()
        .map(|c| match c {
            '\n' | '\t' | '\r' => c,
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => '\u{FFFD}',
            c => c,
        })
        .collect();
    let mut out = String::with_capacity(allowed.len());
    for c in layout::html::escape(&allowed).chars() {
        match c {
            '\r' => out.push_str("&#13;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' if attribute => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
    out
}

fn failure_type(failure: &Failure) -> &'static str {
    match failure {
        Failure::Mismatches { .. } => "mismatch",
        Failure::Evidence { .. } => "evidence",
        Failure::Expectation { .. } => "expectation",
        Failure::NoExpectation { .. } => "no_expectation",
        Failure::NoEvidence => "no_evidence",
    }
}

fn failure_message(failure: &Failure) -> String {
    match failure {
        Failure::Mismatches { mismatches } => {
            let n = mismatches.len();
            format!(
                "{n} difference{} from the expectation",
                if n == 1 { "" } else { "s" }
            )
        }
        Failure::Evidence { .. } => "the evidence file does not load".to_string(),
        Failure::Expectation { .. } => "the expectation file has problems".to_string(),
        Failure::NoExpectation { .. } => "no expectation file".to_string(),
        Failure::NoEvidence => "no evidence file".to_string(),
    }
}

/// The run as JUnit XML, for CI servers: one test case per sample (and one
/// for the coverage minimum, when given).
pub fn to_junit(run: &TestRun, options: RenderOptions) -> String {
    let coverage_case = options.min_coverage;
    let tests = run.samples.len() + usize::from(coverage_case.is_some());
    let coverage_fails = coverage_case.is_some_and(|min| !run.coverage.meets(min));
    let failures = run.failed() + usize::from(coverage_fails);
    let mut out = String::new();
    let _ = writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = writeln!(
        out,
        r#"<testsuites name="kader test" tests="{tests}" failures="{failures}" errors="0">"#
    );
    let _ = writeln!(
        out,
        r#"  <testsuite name="{}" tests="{tests}" failures="{failures}" errors="0" skipped="0">"#,
        xml(&run.framework, true)
    );
    if options.coverage || coverage_case.is_some() {
        let _ = writeln!(out, "    <properties>");
        let _ = writeln!(
            out,
            r#"      <property name="coverage" value="{}"/>"#,
            xml(&percent(&run.coverage), true)
        );
        let _ = writeln!(
            out,
            r#"      <property name="coverage.sides" value="{} of {}"/>"#,
            run.coverage.sides_covered(),
            run.coverage.sides()
        );
        let _ = writeln!(out, "    </properties>");
    }
    for result in &run.samples {
        let file = result
            .evidence
            .as_deref()
            .or(result.expectation.as_deref())
            .unwrap_or("");
        let open = format!(
            r#"    <testcase classname="samples" name="{}" file="{}""#,
            xml(&result.name, true),
            xml(file, true)
        );
        match &result.failure {
            None => {
                let _ = writeln!(out, "{open}/>");
            }
            Some(failure) => {
                let _ = writeln!(out, "{open}>");
                let w = words(Language::En);
                let mut body = vec![files_line(result, w)];
                for item in failure_items(result, w) {
                    body.push(Inline::plain(&item.text));
                    body.extend(
                        item.details
                            .iter()
                            .map(|d| format!("    {}", Inline::plain(d))),
                    );
                }
                let _ = writeln!(
                    out,
                    r#"      <failure type="{}" message="{}">{}</failure>"#,
                    failure_type(failure),
                    xml(&failure_message(failure), true),
                    xml(&body.join("\n"), false)
                );
                let _ = writeln!(out, "    </testcase>");
            }
        }
    }
    if let Some(min) = coverage_case {
        let open = r#"    <testcase classname="coverage" name="minimum coverage""#;
        if coverage_fails {
            let uncovered: Vec<String> = run
                .coverage
                .uncovered()
                .map(|i| {
                    format!(
                        "{}  {}  {}",
                        i.criterion,
                        i.missing().unwrap_or(""),
                        i.notation
                    )
                })
                .collect();
            let _ = writeln!(out, "{open}>");
            let _ = writeln!(
                out,
                r#"      <failure type="coverage" message="{}">{}</failure>"#,
                xml(
                    &format!(
                        "coverage {} is below the minimum of {}",
                        percent(&run.coverage),
                        min_text(min)
                    ),
                    true
                ),
                xml(&uncovered.join("\n"), false)
            );
            let _ = writeln!(out, "    </testcase>");
        } else {
            let _ = writeln!(out, "{open}/>");
        }
    }
    let _ = writeln!(out, "  </testsuite>");
    let _ = writeln!(out, "</testsuites>");
    out
}

#[cfg(test)]
mod tests {
    use super::xml;

    #[test]
    fn xml_escapes_markup_and_replaces_what_xml_does_not_allow() {
        assert_eq!(
            xml("a & <b> \"c\" 'd'\n\u{1}\r", true),
            "a &amp; &lt;b&gt; &quot;c&quot; &#39;d&#39;&#10;\u{FFFD}&#13;"
        );
        assert_eq!(xml("line\n\tnext\u{1b}", false), "line\n\tnext\u{FFFD}");
    }
}
