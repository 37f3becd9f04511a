//! Stage 5: rendering outcomes for people (text, Markdown, HTML) and
//! programs (JSON).
//!
//! [`to_json`] and [`to_text`] render a bare [`Outcome`](crate::Outcome)
//! (the result document of the language contract); [`render`] renders an
//! [`Assessment`] at its stage, with maturity, what it takes, evidence to
//! supply, the certificate and (Markdown, HTML) the improvement plan.
//! Every word kader writes comes from one catalogue (`words.rs`).

mod html;
mod improvement;
mod json;
pub(crate) mod md;
mod overview;
mod summary;
mod text;

use crate::check::Language;
use crate::compile::Framework;
use crate::eval::Assessment;
use crate::overview::Overview;
use crate::plan::ImprovementPlan;

pub use json::to_json;
pub use summary::summary;
pub use text::{to_text, TextOptions};

/// An output format.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// Plain text for a terminal.
    #[default]
    Text,
    /// Markdown, for sharing.
    Markdown,
    /// One self-contained, print-friendly HTML file.
    Html,
    /// JSON: one line per location.
    Json,
}

/// How to render.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// The language of the words kader writes itself.
    pub language: Language,
    /// Whether to use ANSI colours (text only, and only for a terminal).
    pub color: bool,
}

/// Renders one location's assessment.
pub fn render(
    framework: &Framework,
    assessment: &Assessment,
    format: Format,
    options: Options,
) -> String {
    render_all(framework, std::slice::from_ref(assessment), format, options)
}

/// Renders several locations' assessments: text and Markdown one after
/// the other, JSON one line each, HTML as one document.
pub fn render_all(
    framework: &Framework,
    assessments: &[Assessment],
    format: Format,
    options: Options,
) -> String {
    let plan_of = |a: &Assessment| crate::plan::plan_in(framework, &a.outcome, options.language);
    match format {
        Format::Text => assessments
            .iter()
            .map(|a| text::assessment(a, &plan_of(a), options))
            .collect::<Vec<_>>()
            .join("\n"),
        Format::Markdown => assessments
            .iter()
            .map(|a| md::assessment(a, &plan_of(a), options.language))
            .collect::<Vec<_>>()
            .join("\n---\n\n"),
        Format::Json => assessments
            .iter()
            .map(|a| {
                // The JSON document needs only the plan's smallest set.
                let what_it_takes = crate::plan::what_it_takes(framework, &a.outcome);
                json::assessment(a, &what_it_takes) + "\n"
            })
            .collect(),
        Format::Html => {
            let bodies: Vec<String> = assessments
                .iter()
                .map(|a| html::assessment(a, &plan_of(a), options.language))
                .collect();
            let title = match assessments {
                [one] => format!(
                    "{} — {}",
                    crate::words::words(options.language).report_title,
                    one.outcome
                        .location
                        .name
                        .as_deref()
                        .unwrap_or(&one.outcome.location.id)
                ),
                _ => crate::words::words(options.language)
                    .report_title
                    .to_string(),
            };
            html::document(&title, options.language, &bodies)
        }
    }
}

/// Renders improvement plans of locations evaluated at `stage`; `by_owner`
/// groups each plan's actions per partner.
pub fn render_plans(
    plans: &[ImprovementPlan],
    stage: Stage,
    format: Format,
    by_owner: bool,
    options: Options,
) -> String {
    use crate::layout;
    let documents = || {
        plans
            .iter()
            .map(|p| improvement::document(p, stage, by_owner, options.language))
    };
    match format {
        Format::Text => documents()
            .map(|d| layout::text::render(&d, options.color))
            .collect::<Vec<_>>()
            .join("\n"),
        Format::Markdown => documents()
            .map(|d| layout::markdown::render(&d))
            .collect::<Vec<_>>()
            .join("\n---\n\n"),
        Format::Json => plans
            .iter()
            .map(|p| json::plan(p, by_owner) + "\n")
            .collect(),
        Format::Html => {
            let articles: Vec<String> = documents().map(|d| layout::html::article(&d)).collect();
            layout::html::page(
                crate::words::words(options.language).plan,
                options.language,
                &articles,
                false,
            )
        }
    }
}

/// Renders a municipality's overview.
pub fn render_overview(overview: &Overview, format: Format, options: Options) -> String {
    if format == Format::Json {
        return json::overview(overview) + "\n";
    }
    let document = overview::document(overview, options.language);
    match format {
        Format::Text => crate::layout::text::render(&document, options.color),
        Format::Markdown => crate::layout::markdown::render(&document),
        Format::Html | Format::Json => crate::layout::html::render(&document),
    }
}

// ---------------------------------------------------------------- shared by the renderers

use rust_decimal::Decimal;

use crate::eval::{Maturity, Stage};
use crate::outcome::{Status, ThemeOutcome, Verdict};
use crate::plan::Priority;
use crate::words::Words;

/// A share as a percentage, rounded to 0.1% for people.
pub(crate) fn share(d: Option<Decimal>) -> String {
    match d {
        Some(d) => crate::value::format_percent(d.round_dp(3)),
        None => "-".to_string(),
    }
}

/// A theme's score, as a range when evidence is missing: `83.3%–100%`.
pub(crate) fn score_text(theme: &ThemeOutcome) -> String {
    match theme.score_max {
        Some(max) => format!("{}–{}", share(theme.score), share(Some(max))),
        None => share(theme.score),
    }
}

/// A verdict in words. The intake certifies nothing, so there it says
/// whether the location meets the framework; without a stage (a bare
/// outcome) and at the audit, whether it is certified.
/// What the verdict stands for, in one sentence: "Voldoet aan de
/// wettelijke verplichtingen en het basiskader; nog niet aan de lokale
/// ambities."
pub(crate) fn parts_sentence(parts: crate::outcome::Parts, w: &Words) -> String {
    let mut met = Vec::new();
    let mut not_met = Vec::new();
    let mut open = Vec::new();
    let all = [
        (Some(parts.legal), w.parts_legal),
        (Some(parts.base), w.parts_base),
        (parts.local, w.parts_local),
    ];
    for (verdict, words) in all {
        match verdict {
            Some(Verdict::Certified) => met.push(words),
            Some(Verdict::NotCertified) => not_met.push(words),
            Some(Verdict::InsufficientEvidence) => open.push(words),
            None => {}
        }
    }
    let list = |items: &[&str]| match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} {} {last}", init.join(", "), w.and),
    };
    let mut clauses = Vec::new();
    if !met.is_empty() {
        clauses.push(format!("{} {}", w.parts_meets, list(&met)));
    }
    if !not_met.is_empty() {
        let lead = if met.is_empty() {
            w.parts_meets_none
        } else {
            w.parts_not_yet
        };
        clauses.push(format!("{lead} {}", list(&not_met)));
    }
    if !open.is_empty() {
        let lead = if clauses.is_empty() {
            w.parts_open_first
        } else {
            w.parts_open
        };
        clauses.push(format!("{lead} {}", list(&open)));
    }
    format!("{}.", clauses.join("; "))
}

/// For a base theme of a layered framework: a line for each rule below
/// the layer that the theme does not pass, "volgens de regel van
/// basiskader: 50% (drempel 60%), niet behaald".
pub(crate) fn floor_lines(theme: &ThemeOutcome, stage: Option<Stage>, w: &Words) -> Vec<String> {
    theme
        .floors
        .iter()
        .filter(|f| f.status != Status::Pass)
        .map(|f| {
            let score = share(f.score);
            let threshold = f
                .threshold
                .map(|t| format!(" ({} {})", w.threshold, crate::value::format_percent(t)))
                .unwrap_or_default();
            let mandatory = if f.failed_mandatory.is_empty() {
                String::new()
            } else {
                format!(
                    "; {}: {}",
                    w.failed_mandatory,
                    f.failed_mandatory.join(", ")
                )
            };
            format!(
                "{} {}: {score}{threshold}, {}{mandatory}",
                w.by_rule_of,
                f.framework,
                status_word(f.status, stage, w)
            )
        })
        .collect()
}

pub(crate) fn verdict_word(verdict: Verdict, stage: Option<Stage>, w: &Words) -> &'static str {
    match (verdict, stage) {
        (Verdict::Certified, Some(Stage::Intake)) => w.meets,
        (Verdict::NotCertified, Some(Stage::Intake)) => w.does_not_meet,
        (Verdict::Certified, _) => w.certified,
        (Verdict::NotCertified, _) => w.not_certified,
        (Verdict::InsufficientEvidence, _) => w.insufficient,
    }
}

/// A status in words; at the intake, an unknown one is "to be supplied".
pub(crate) fn status_word(status: Status, stage: Option<Stage>, w: &Words) -> &'static str {
    match (status, stage) {
        (Status::Pass, _) => w.pass,
        (Status::Fail, _) => w.fail,
        (Status::Unknown, Some(Stage::Intake)) => w.open_at_intake,
        (Status::Unknown, _) => w.unknown,
        (Status::NotApplicable, _) => w.not_applicable,
        (Status::Waived, _) => w.waived,
    }
}

/// The colour a verdict is shown in.
pub(crate) fn verdict_tone(verdict: Verdict) -> crate::layout::Tone {
    use crate::layout::Tone;
    match verdict {
        Verdict::Certified => Tone::Certified,
        Verdict::NotCertified => Tone::NotCertified,
        Verdict::InsufficientEvidence => Tone::Insufficient,
    }
}

/// The colour a status is shown in.
pub(crate) fn status_tone(status: Status) -> crate::layout::Tone {
    use crate::layout::Tone;
    match status {
        Status::Pass => Tone::Pass,
        Status::Fail => Tone::Fail,
        Status::Unknown => Tone::Open,
        Status::NotApplicable | Status::Waived => Tone::Muted,
    }
}

pub(crate) fn status_mark(status: Status) -> &'static str {
    match status {
        Status::Pass => "✔",
        Status::Fail => "✘",
        Status::Unknown => "?",
        Status::NotApplicable => "-",
        Status::Waived => "~",
    }
}

/// A waiver in words, without markup: `reason (granted by X, valid until
/// 2027-08-01)`.
pub(crate) fn waiver_parts(waiver: &crate::outcome::Waiver, w: &Words) -> (String, String) {
    (
        waiver.reason.clone(),
        format!(
            "{} {}, {} {}",
            w.granted_by, waiver.granted_by, w.valid_until, waiver.valid_until
        ),
    )
}

pub(crate) fn maturity_word(maturity: Maturity, w: &Words) -> &'static str {
    match maturity {
        Maturity::Starting => w.starting,
        Maturity::Developing => w.developing,
        Maturity::InOrder => w.in_order,
        Maturity::Strong => w.strong,
    }
}

pub(crate) fn priority_word(priority: Priority, w: &Words) -> &'static str {
    match priority {
        Priority::LegalMandatory => w.legal_mandatory,
        Priority::Mandatory => w.mandatory_priority,
        Priority::Threshold => w.for_threshold,
        Priority::Other => w.other,
    }
}

pub(crate) fn stage_word(stage: Stage, w: &Words) -> (&'static str, &'static str) {
    match stage {
        Stage::Intake => (w.intake, w.intake_note),
        Stage::Audit => (w.audit, w.audit_note),
    }
}

/// Values kader writes itself in results (`missing`, `true`, `false`), in
/// the report's language.
pub(crate) fn own_word<'a>(value: &'a str, w: &'a Words) -> &'a str {
    match value {
        "missing" => w.missing,
        "true" => w.yes,
        "false" => w.no,
        other => other,
    }
}

/// A gap's `expected` in the report's language: `applies when` and yes/no
/// translated, the framework's notation kept.
pub(crate) fn expected_text(expected: &str, w: &Words) -> String {
    match expected.strip_prefix("applies when ") {
        Some(condition) => format!("{} {condition}", w.applies_when),
        None => own_word(expected, w).to_string(),
    }
}

/// A location as people name it: `id — name`.
pub(crate) fn location_line(location: &crate::evidence::Location) -> String {
    match &location.name {
        Some(name) => format!("{} — {name}", location.id),
        None => location.id.clone(),
    }
}
