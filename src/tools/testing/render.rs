//! A test run as text (shaped like `cargo test`), JSON and JUnit XML.

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};
use serde::Serialize;

use super::{Coverage, CoverageItem, Failure, SampleResult, TestRun};

/// What to render besides the samples.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct RenderOptions {
    /// Whether to use ANSI colours (only for a terminal).
    pub color: bool,
    /// Whether to show coverage.
    pub coverage: bool,
    /// The coverage (in percent) below which the run fails.
    pub min_coverage: Option<f64>,
}

impl TestRun {
    /// Whether the run succeeds: every sample as expected and, when a
    /// minimum is given, coverage at or above it.
    pub fn succeeded(&self, min_coverage: Option<f64>) -> bool {
        self.is_ok() && min_coverage.is_none_or(|min| self.coverage.meets(min))
    }
}

fn paint(on: bool, style: Style, text: &str) -> String {
    if on {
        format!("{style}{text}{style:#}")
    } else {
        text.to_string()
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

/// What the text report shows for one failed sample, line by line.
fn failure_lines(result: &SampleResult) -> Vec<String> {
    let mut lines = Vec::new();
    let Some(failure) = &result.failure else {
        return lines;
    };
    match failure {
        Failure::Mismatches { mismatches } => {
            for m in mismatches {
                let at = m.line.map(|l| format!(" (line {l})")).unwrap_or_default();
                lines.push(format!(
                    "{}{at}: expected {}, found {}",
                    m.subject, m.expected, m.actual
                ));
                for reason in &m.because {
                    lines.push(format!("    {reason}"));
                }
            }
        }
        Failure::Evidence { problems } => {
            lines.push("the evidence file does not load:".to_string());
            for p in problems {
                lines.push(format!("    error: {p}"));
            }
        }
        Failure::Expectation { problems } => {
            lines.push("the expectation file has problems:".to_string());
            for p in problems {
                lines.push(format!("    error: {p}"));
            }
        }
        Failure::NoExpectation { expected_file } => {
            let verdict = result.verdict.map(|v| v.as_str()).unwrap_or("unknown");
            lines.push(format!(
                "no expectation: write `{expected_file}` (it came out {verdict}; see docs/testing.md)"
            ));
        }
        Failure::NoEvidence => {
            lines.push(
                "no evidence file beside this expectation: add the sample as .json or .toml, or remove the expectation"
                    .to_string(),
            );
        }
    }
    lines
}

fn files_line(result: &SampleResult) -> String {
    let mut parts = Vec::new();
    if let Some(e) = &result.evidence {
        parts.push(format!("evidence {e}"));
    }
    if let Some(e) = &result.expectation {
        parts.push(format!("expectation {e}"));
    }
    parts.join(", ")
}

/// The run as text, like `cargo test`: one line per sample, the failures in
/// detail, coverage when asked, and a closing `test result:` line.
pub fn to_text(run: &TestRun, options: RenderOptions) -> String {
    let green = Style::new().fg_color(Some(AnsiColor::Green.into()));
    let red = Style::new().fg_color(Some(AnsiColor::Red.into()));
    let yellow = Style::new().fg_color(Some(AnsiColor::Yellow.into()));
    let bold = Style::new().bold();
    let on = options.color;
    let mut out = String::new();
    let count = run.samples.len();
    let _ = writeln!(
        out,
        "running {count} sample{} against {}",
        if count == 1 { "" } else { "s" },
        run.framework
    );
    let _ = writeln!(out);
    for result in &run.samples {
        let status = if result.passed() {
            paint(on, green, "ok")
        } else if matches!(result.failure, Some(Failure::NoExpectation { .. })) {
            paint(on, red, "FAILED (no expectation)")
        } else {
            paint(on, red, "FAILED")
        };
        let _ = writeln!(out, "sample {} ... {status}", result.name);
        for warning in &result.warnings {
            let _ = writeln!(out, "    {}: {warning}", paint(on, yellow, "warning"));
        }
    }
    let failed: Vec<&SampleResult> = run.samples.iter().filter(|r| !r.passed()).collect();
    if !failed.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "failures:");
        for result in &failed {
            let _ = writeln!(out);
            let _ = writeln!(
                out,
                "{}",
                paint(on, bold, &format!("---- {} ----", result.name))
            );
            let files = files_line(result);
            if !files.is_empty() {
                let _ = writeln!(out, "{files}");
            }
            for line in failure_lines(result) {
                let _ = writeln!(out, "  {line}");
            }
        }
        let _ = writeln!(out);
        let _ = writeln!(out, "failures:");
        for result in &failed {
            let _ = writeln!(out, "    {}", result.name);
        }
    }
    let show_coverage = options.coverage || options.min_coverage.is_some();
    if show_coverage {
        let _ = writeln!(out);
        out.push_str(&coverage_text(&run.coverage, on));
    }
    let coverage_fails = options
        .min_coverage
        .is_some_and(|min| !run.coverage.meets(min));
    let _ = writeln!(out);
    let result = if run.is_ok() && !coverage_fails {
        paint(on, green, "ok")
    } else {
        paint(on, red, "FAILED")
    };
    let _ = write!(
        out,
        "test result: {result}. {} passed; {} failed",
        run.passed(),
        run.failed()
    );
    if let Some(min) = options.min_coverage {
        let relation = if coverage_fails { "below" } else { "meets" };
        let _ = write!(
            out,
            "; coverage {} {relation} the minimum of {}",
            percent(&run.coverage),
            min_text(min)
        );
    }
    let _ = writeln!(out);
    out
}

fn coverage_text(coverage: &Coverage, on: bool) -> String {
    let mut out = String::new();
    let rules = coverage.items.len();
    let full = coverage.items.iter().filter(|i| i.is_covered()).count();
    let _ = writeln!(
        out,
        "coverage: {} ({} of {} rule outcomes exercised by {} sample{}; {full} of {rules} rules both true and false)",
        paint(on, Style::new().bold(), &percent(coverage)),
        coverage.sides_covered(),
        coverage.sides(),
        coverage.samples,
        if coverage.samples == 1 { "" } else { "s" },
    );
    let uncovered: Vec<&CoverageItem> = coverage.uncovered().collect();
    if uncovered.is_empty() {
        return out;
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "not exercised both ways (criterion, what no sample shows, rule):"
    );
    let id_width = uncovered
        .iter()
        .map(|i| i.criterion.chars().count())
        .max()
        .unwrap_or(0);
    let missing_width = uncovered
        .iter()
        .map(|i| i.missing().unwrap_or("").len())
        .max()
        .unwrap_or(0);
    for item in uncovered {
        let _ = writeln!(
            out,
            "  {:<id_width$}  {:<missing_width$}  {}",
            item.criterion,
            item.missing().unwrap_or(""),
            item.notation
        );
    }
    out
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

/// Escapes text for an XML attribute value; characters XML 1.0 does not
/// allow at all become U+FFFD.
fn xml(text: &str) -> String {
    escape(text, true)
}

/// Escapes text for XML element content, keeping its line breaks.
fn xml_text(text: &str) -> String {
    escape(text, false)
}

fn escape(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' | '\t' if !attribute => out.push(c),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
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
        xml(&run.framework)
    );
    if options.coverage || coverage_case.is_some() {
        let _ = writeln!(out, "    <properties>");
        let _ = writeln!(
            out,
            r#"      <property name="coverage" value="{}"/>"#,
            xml(&percent(&run.coverage))
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
            xml(&result.name),
            xml(file)
        );
        match &result.failure {
            None => {
                let _ = writeln!(out, "{open}/>");
            }
            Some(failure) => {
                let _ = writeln!(out, "{open}>");
                let mut body = vec![files_line(result)];
                body.extend(failure_lines(result));
                let _ = writeln!(
                    out,
                    r#"      <failure type="{}" message="{}">{}</failure>"#,
                    failure_type(failure),
                    xml(&failure_message(failure)),
                    xml_text(&body.join("\n"))
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
                xml(&format!(
                    "coverage {} is below the minimum of {}",
                    percent(&run.coverage),
                    min_text(min)
                )),
                xml_text(&uncovered.join("\n"))
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
    use super::{xml, xml_text};

    #[test]
    fn xml_escapes_markup_and_replaces_what_xml_does_not_allow() {
        assert_eq!(
            xml("a & <b> \"c\" 'd'\n\u{1}"),
            "a &amp; &lt;b&gt; &quot;c&quot; &apos;d&apos;&#10;\u{FFFD}"
        );
        assert_eq!(xml_text("line\n\tnext\u{1b}"), "line\n\tnext\u{FFFD}");
    }
}
