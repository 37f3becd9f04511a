//! Stage 5: rendering outcomes for people (text, Markdown, HTML) and
//! programs (JSON).
//!
//! [`to_json`] and [`to_text`] render a bare [`Outcome`]
//! (the result document of the language contract); [`render`] renders an
//! [`Assessment`] at its stage, with maturity, what it takes, evidence to
//! supply, the certificate and the improvement plan. For people each is
//! one document of the layout model (`assessment.rs`), written by the
//! layout's text, Markdown and HTML backends. Every word kader writes
//! comes from one catalogue (`words.rs`).

mod annex;
mod assessment;
pub(crate) use assessment::{expected_text, own_word};
mod calendar;
mod certificate;
#[cfg(feature = "ics")]
mod ics;
#[cfg(feature = "ics")]
pub use ics::{calendar_ics, REMINDER_DAYS};
mod improvement;
mod json;
mod overview;
mod progress;
mod summary;

use crate::check::Language;
use crate::compile::Framework;
use crate::eval::Assessment;
use crate::layout;
use crate::outcome::Outcome;
use crate::overview::Overview;
use crate::plan::{ImprovementPlan, PlanFile};

pub use certificate::{check_certificate, CertificateCheck, CertificateError};
pub use json::to_json;
pub use summary::summary;

/// How to render text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TextOptions {
    /// The language of the words kader writes itself.
    pub language: Language,
    /// Whether to use ANSI colours (only for a terminal).
    pub color: bool,
    /// Whether to add, for administrators, an appendix with each gap in
    /// the framework's notation and the paths of its evidence.
    pub technical: bool,
}

/// Renders an outcome as plain text (with colours when asked): the bare
/// result, without a stage.
pub fn to_text(outcome: &Outcome, options: TextOptions) -> String {
    layout::text::render(
        &assessment::bare(outcome, options.language, options.technical),
        options.color,
    )
}

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
    /// Whether to add, for administrators, an appendix with each gap in
    /// the framework's notation and the paths of its evidence.
    pub technical: bool,
    /// For the overview: the locations grouped by board, district or kind
    /// of school, each group with its own totals.
    pub group_by: Option<crate::overview::Grouping>,
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
    render_all_agreed(framework, assessments, |_| None, format, options)
}

/// Renders several locations' assessments as [`render_all`], each with
/// what its plan file (`plan_of` its location's id) agreed beside the
/// actions of its plan and the actions past their due date; JSON adds
/// `overdue`, the plan file's items past their due date.
pub fn render_all_agreed<'p>(
    framework: &Framework,
    assessments: &[Assessment],
    plan_of: impl Fn(&str) -> Option<&'p PlanFile>,
    format: Format,
    options: Options,
) -> String {
    let plan = |a: &Assessment| {
        let mut plan = crate::plan::plan_in(framework, &a.outcome, options.language);
        if let Some(file) = plan_of(&a.outcome.location.id) {
            plan.agree(file, &a.outcome);
        }
        plan
    };
    if format == Format::Json {
        return assessments
            .iter()
            .map(|a| {
                let overdue = plan_of(&a.outcome.location.id).map(|_| plan(a).overdue);
                // The JSON document needs only the plan's smallest set.
                let what_it_takes = crate::plan::what_it_takes(framework, &a.outcome);
                json::assessment(a, &what_it_takes, overdue.flatten().as_deref()) + "\n"
            })
            .collect();
    }
    let w = crate::words::words(options.language);
    let title = match assessments {
        [one] => format!(
            "{} — {}",
            w.report_title,
            one.outcome
                .location
                .name
                .as_deref()
                .unwrap_or(&one.outcome.location.id)
        ),
        _ => w.report_title.to_string(),
    };
    let documents = assessments
        .iter()
        .map(|a| assessment::document(a, &plan(a), options.language, options.technical));
    write_all(documents, &title, format, options)
}

/// Renders the "wie doet wat" annex of each location: one printable page
/// each; JSON one line each.
pub fn render_annexes(
    framework: &Framework,
    assessments: &[Assessment],
    format: Format,
    options: Options,
) -> String {
    let annexes = assessments.iter().map(|a| {
        let plan = crate::plan::plan_in(framework, &a.outcome, options.language);
        crate::annex::annex(a, &plan)
    });
    if format == Format::Json {
        return annexes.map(|a| json::annex(&a) + "\n").collect();
    }
    let w = crate::words::words(options.language);
    let documents = annexes.map(|a| annex::document(&a, options.language));
    write_all(documents, w.annex_title, format, options)
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
    if format == Format::Json {
        return plans
            .iter()
            .map(|p| json::plan(p, by_owner) + "\n")
            .collect();
    }
    let documents = plans
        .iter()
        .map(|p| improvement::document(p, stage, by_owner, options.language, options.technical));
    let title = crate::words::words(options.language).plan;
    write_all(documents, title, format, options)
}

/// Documents for people, one a location: text and Markdown one after the
/// other, HTML as one page under `title`, an article each.
fn write_all(
    documents: impl Iterator<Item = layout::Document>,
    title: &str,
    format: Format,
    options: Options,
) -> String {
    match format {
        Format::Text => documents
            .map(|d| layout::text::render(&d, options.color))
            .collect::<Vec<_>>()
            .join("\n"),
        Format::Markdown => documents
            .map(|d| layout::markdown::render(&d))
            .collect::<Vec<_>>()
            .join("\n---\n\n"),
        Format::Html | Format::Json => {
            let articles: Vec<String> = documents.map(|d| layout::html::article(&d)).collect();
            layout::html::page(title, options.language, &articles, false)
        }
    }
}

/// Renders the progress of a location between two assessments made at
/// `stage` (`kader progress`).
pub fn render_progress(
    progress: &crate::progress::Progress,
    stage: Stage,
    format: Format,
    options: Options,
) -> String {
    if format == Format::Json {
        return json::progress(progress) + "\n";
    }
    let document = progress::document(progress, stage, options.language);
    write_document(&document, format, options.color)
}

/// Renders calendars of lapses ([`crate::calendar`]): JSON one line a
/// location; for people, one location's calendar (in HTML with its
/// timeline), or for several what lapses within 3, 6 and 12 months per
/// location and per partner (in HTML followed by each location's own).
pub fn render_calendars(
    framework: &Framework,
    calendars: &[crate::calendar::Calendar],
    format: Format,
    options: Options,
) -> String {
    let language = options.language;
    match (format, calendars) {
        (Format::Json, _) => calendars
            .iter()
            .map(|c| calendar::json_line(c) + "\n")
            .collect(),
        (_, [one]) => write_document(
            &calendar::document(framework, one, language),
            format,
            options.color,
        ),
        (Format::Html, _) => {
            let overview = calendar::overview(framework, calendars, language);
            let mut articles = vec![layout::html::article(&overview)];
            articles.extend(
                calendars
                    .iter()
                    .map(|c| layout::html::article(&calendar::document(framework, c, language))),
            );
            layout::html::page(&overview.title, language, &articles, false)
        }
        _ => write_document(
            &calendar::overview(framework, calendars, language),
            format,
            options.color,
        ),
    }
}

/// Renders a municipality's overview.
pub fn render_overview(overview: &Overview, format: Format, options: Options) -> String {
    if format == Format::Json {
        return json::overview(overview) + "\n";
    }
    let document = overview::document(overview, options.group_by, options.language);
    write_document(&document, format, options.color)
}

/// One document for people in a format: text (in ANSI colours when
/// `color`), Markdown, or HTML (for JSON too, which the callers write from
/// their own data before they build a document).
pub(crate) fn write_document(document: &layout::Document, format: Format, color: bool) -> String {
    match format {
        Format::Text => layout::text::render(document, color),
        Format::Markdown => layout::markdown::render(document),
        Format::Html | Format::Json => layout::html::render(document),
    }
}

// ---------------------------------------------------------------- shared by the renderers

use rust_decimal::Decimal;

use crate::eval::{Maturity, Stage};
use crate::outcome::{Status, Verdict};
use crate::plan::Priority;
use crate::words::Words;

/// A score, as a range while evidence is missing: `83,3%–100%`.
pub(crate) fn score_text(score: Option<Decimal>, max: Option<Decimal>, w: &Words) -> String {
    match max {
        Some(max) => format!("{}–{}", w.share(score), w.share(Some(max))),
        None => w.share(score),
    }
}

/// A verdict in words. The intake certifies nothing, so there it says
/// whether the location meets the framework; without a stage (a bare
/// outcome) and at the audit, whether it is certified.
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

/// Whose move it is, with the contact person the evidence names and, for
/// work done together, the partner who leads: "politie (contactpersoon:
/// Erik Bos)", "gezamenlijk (trekker: gemeente)".
pub(crate) fn who(name: &str, contact: Option<&str>, lead: Option<&str>, w: &Words) -> String {
    let mut extra = Vec::new();
    if let Some(contact) = contact {
        extra.push(format!("{}: {contact}", w.contact_person));
    }
    if let Some(lead) = lead {
        extra.push(format!("{}: {lead}", w.lead_partner));
    }
    if extra.is_empty() {
        name.to_string()
    } else {
        format!("{name} ({})", extra.join(", "))
    }
}

/// A location as people name it: its name, or its id when it has none.
pub(crate) fn location_title(location: &crate::evidence::Location) -> &str {
    location.name.as_deref().unwrap_or(&location.id)
}

/// What else says which location it is: its id (a BRIN number and a
/// location), then its board and district where given.
pub(crate) fn location_details(location: &crate::evidence::Location) -> String {
    let mut details = vec![location.id.as_str()];
    details.extend(location.board.as_deref());
    details.extend(location.district.as_deref());
    details.join(" · ")
}
