//! Diagnostics: what every stage reports about a framework file.
//!
//! A [`Diagnostic`] is data (a code, a severity, a message, the span it is
//! about, a help text); rendering it like rustc does, with the source line and
//! an underline, happens only in [`Diagnostics::render`].

use std::fmt::Write as _;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

use crate::span::Span;
use crate::terms::Language;

mod catalogue;
mod text;

pub(crate) use catalogue::Msg;
pub use text::Text;
pub(crate) use text::{say, Arg};

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The framework cannot be compiled.
    Error,
    /// The framework compiles, but something looks like a slip.
    Warning,
}

/// One problem found in a framework file.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    /// A stable code such as `E0201`, listed in `docs/diagnostics.md`.
    pub code: &'static str,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in lowercase, user input in backticks.
    pub message: Text,
    /// The exact offending text.
    pub span: Span,
    /// A short label under the underline.
    pub label: Option<Text>,
    /// How to fix it.
    pub help: Option<Text>,
    /// Other places that explain this one (the first declaration of a duplicate, say).
    pub related: Vec<(Span, Text)>,
    /// Notes about places in other files, such as the base criterion a
    /// layer tries to loosen: `basiskader.kader:150:3: ...`.
    pub notes: Vec<Text>,
}

impl Diagnostic {
    /// An error with a code and a message at a span.
    pub fn error(code: &'static str, span: Span, message: impl Into<Text>) -> Self {
        Diagnostic {
            code,
            severity: Severity::Error,
            message: message.into(),
            span,
            label: None,
            help: None,
            related: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// A warning with a code and a message at a span.
    pub fn warning(code: &'static str, span: Span, message: impl Into<Text>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, span, message)
        }
    }

    /// Adds the label under the underline.
    pub fn with_label(mut self, label: impl Into<Text>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Adds the help line.
    pub fn with_help(mut self, help: impl Into<Text>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Points at another place that explains this one.
    pub fn with_related(mut self, span: Span, label: impl Into<Text>) -> Self {
        self.related.push((span, label.into()));
        self
    }

    /// Adds notes about places in other files.
    pub fn with_notes<T: Into<Text>>(mut self, notes: impl IntoIterator<Item = T>) -> Self {
        self.notes.extend(notes.into_iter().map(Into::into));
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The diagnostics of one framework file, in source order, and the
/// language they are worded in: the framework's own (`language nl` or
/// `language en` in its header, a layer's base's when it has none, Dutch
/// when no framework says), unless a reader asks for another with
/// [`Diagnostics::in_language`]. As an error it reads in a plain form, one
/// line a diagnostic, for logs and error chains.
#[derive(Clone, Debug, Default, PartialEq, thiserror::Error)]
#[error("{}", self.plain())]
pub struct Diagnostics {
    list: Vec<Diagnostic>,
    /// `None` until the framework's language is known.
    language: Option<Language>,
}

impl Diagnostics {
    /// No diagnostics.
    pub fn new() -> Self {
        Diagnostics::default()
    }

    /// The language the diagnostics are worded in.
    pub fn language(&self) -> Language {
        self.language.unwrap_or_default()
    }

    /// The same diagnostics, worded in `language`.
    pub fn in_language(mut self, language: Language) -> Self {
        self.language = Some(language);
        self
    }

    /// Words the diagnostics in the framework's language, unless it is
    /// already known: the checker knows it best (a layer's base's
    /// included), the header as it is written comes next.
    pub(crate) fn settle_language(&mut self, language: Language) {
        self.language.get_or_insert(language);
    }

    /// What `kader check` says of a file without any: "no problems found".
    pub fn none_found(&self) -> String {
        say!(NoneFound).words(self.language())
    }

    /// Adds one.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.list.push(diagnostic);
    }

    /// Adds all of `other`.
    pub fn extend(&mut self, other: Diagnostics) {
        self.list.extend(other.list);
    }

    /// Whether any is an error.
    pub fn has_errors(&self) -> bool {
        self.list.iter().any(Diagnostic::is_error)
    }

    /// Whether there are none at all.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// The diagnostics in source order.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.list.iter()
    }

    /// Only the errors.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.list.iter().filter(|d| d.is_error())
    }

    /// Sorts by position, errors before warnings at the same place; stable.
    pub(crate) fn sort(&mut self) {
        self.list
            .sort_by_key(|d| (d.span.start, d.span.end, d.severity));
    }

    /// Renders every diagnostic like rustc: `file:line:col`, the source line,
    /// an underline under the offending text and the help line.
    ///
    /// `color` adds ANSI colours (for a terminal).
    pub fn render(&self, file_name: &str, source: &str, color: bool) -> String {
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let mut out = String::new();
        for diagnostic in &self.list {
            out.push_str(&render_one(
                &renderer,
                diagnostic,
                file_name,
                source,
                self.language(),
            ));
            out.push_str("\n\n");
        }
        let errors = self.errors().count();
        let warnings = self.len() - errors;
        if errors > 0 || warnings > 0 {
            out.push_str(&summary(errors, warnings, self.language()));
            out.push('\n');
        }
        out
    }

    /// The diagnostics as data for tools: code, severity, file, line, column,
    /// byte span, message and help.
    pub fn to_records(&self, file_name: &str, source: &str) -> Vec<DiagnosticRecord> {
        self.list
            .iter()
            .map(|d| {
                let (line, column) = line_col(source, d.span.start);
                let (end_line, end_column) = line_col(source, d.span.end);
                DiagnosticRecord {
                    code: d.code,
                    severity: d.severity,
                    file: file_name.to_string(),
                    line,
                    column,
                    end_line,
                    end_column,
                    span: [d.span.start, d.span.end],
                    message: d.message.words(self.language()),
                    help: d.help.as_ref().map(|h| h.words(self.language())),
                    notes: d.notes.iter().map(|n| n.words(self.language())).collect(),
                }
            })
            .collect()
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.list.into_iter()
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Diagnostics {
            list: iter.into_iter().collect(),
            language: None,
        }
    }
}

impl Diagnostics {
    /// A plain, one-line-per-diagnostic form, for logs and error chains.
    fn plain(&self) -> String {
        let mut text = String::new();
        for d in &self.list {
            let kind = match d.severity {
                Severity::Error => say!(Error),
                Severity::Warning => say!(Warning),
            };
            let _ = writeln!(
                text,
                "{}[{}] {} {}..{}: {}",
                kind.words(self.language()),
                d.code,
                say!(At).words(self.language()),
                d.span.start,
                d.span.end,
                d.message.words(self.language())
            );
        }
        text
    }
}

/// A diagnostic as data, for `kader check --format json`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DiagnosticRecord {
    /// Stable code.
    pub code: &'static str,
    /// `error` or `warning`.
    pub severity: Severity,
    /// The file as named on the command line.
    pub file: String,
    /// 1-based line of the start.
    pub line: usize,
    /// 1-based column (in characters) of the start.
    pub column: usize,
    /// 1-based line of the end.
    pub end_line: usize,
    /// 1-based column of the end.
    pub end_column: usize,
    /// Byte offsets `[start, end)`.
    pub span: [usize; 2],
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    /// Places in other files that explain it (a layer's base).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

fn summary(errors: usize, warnings: usize, language: Language) -> String {
    let count = |n: usize, one: Text, many: Text| {
        if n == 1 {
            one
        } else {
            say!(Many, n.to_string(), many)
        }
    };
    let e = count(errors, say!(OneError), say!(Errors));
    let w = count(warnings, say!(OneWarning), say!(Warnings));
    match (errors, warnings) {
        (0, _) => say!(Found, w),
        (_, 0) => say!(Found, e),
        _ => say!(FoundBoth, e, w),
    }
    .words(language)
}

fn render_one(
    renderer: &Renderer,
    d: &Diagnostic,
    file_name: &str,
    source: &str,
    language: Language,
) -> String {
    let name = |text: Text| Some(text.words(language));
    let level = match d.severity {
        Severity::Error => Level::ERROR.with_name(name(say!(Error))),
        Severity::Warning => Level::WARNING.with_name(name(say!(Warning))),
    };
    let clamp = |s: Span| {
        let end = s.end.min(source.len());
        let start = s.start.min(end);
        start..end
    };
    let words = |text: &Text| text.words(language);
    let label = d.label.as_ref().map(words);
    let related: Vec<(Span, String)> = d.related.iter().map(|(s, t)| (*s, words(t))).collect();
    let notes: Vec<String> = d.notes.iter().map(words).collect();
    let help = d.help.as_ref().map(words);
    let message = words(&d.message);
    let mut primary = AnnotationKind::Primary.span(clamp(d.span));
    if let Some(label) = &label {
        primary = primary.label(label.as_str());
    }
    let mut snippet = Snippet::source(source)
        .path(file_name)
        .fold(true)
        .annotation(primary);
    for (span, label) in &related {
        snippet = snippet.annotation(
            AnnotationKind::Context
                .span(clamp(*span))
                .label(label.as_str()),
        );
    }
    let mut group = level
        .primary_title(message.as_str())
        .id(d.code)
        .element(snippet);
    for note in &notes {
        group = group.element(
            Level::NOTE
                .with_name(name(say!(Note)))
                .message(note.as_str()),
        );
    }
    if let Some(help) = &help {
        group = group.element(
            Level::HELP
                .with_name(name(say!(HelpWord)))
                .message(help.as_str()),
        );
    }
    let report: [Group<'_>; 1] = [group];
    renderer.render(&report)
}

/// 1-based line and character column of a byte offset.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let before = source.get(..offset).unwrap_or(source);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
    (line, column)
}
