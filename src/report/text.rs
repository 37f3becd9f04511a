//! The outcome as a school leader reads it in a terminal.

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};

use super::improvement;
use super::{
    expected_text, location_line, maturity_word, own_word, score_text, stage_word, status_word,
    verdict_word, Options,
};
use crate::check::Language;
use crate::eval::{Assessment, Maturity, Stage};
use crate::layout::text;
use crate::outcome::{Outcome, Status, Verdict};
use crate::plan::ImprovementPlan;
use crate::value::format_percent;
use crate::words::{words, Words};

/// How to render text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TextOptions {
    /// The language of the words kader writes itself.
    pub language: Language,
    /// Whether to use ANSI colours (only for a terminal).
    pub color: bool,
}

fn paint(on: bool, style: Style, text: &str) -> String {
    if on {
        format!("{style}{text}{style:#}")
    } else {
        text.to_string()
    }
}

fn bold() -> Style {
    Style::new().bold()
}

fn dim() -> Style {
    Style::new().dimmed()
}

/// What an assessment adds to the bare outcome's report.
struct StageAdditions<'a> {
    assessment: &'a Assessment,
    plan: &'a ImprovementPlan,
}

/// Renders an outcome as plain text (with colours when asked): the bare
/// result, without a stage.
pub fn to_text(outcome: &Outcome, options: TextOptions) -> String {
    report(outcome, None, words(options.language), options.color)
}

/// Renders an assessment: the stage, what it takes, maturity per theme,
/// evidence to supply and the certificate.
pub(crate) fn assessment(a: &Assessment, plan: &ImprovementPlan, options: Options) -> String {
    let staged = StageAdditions {
        assessment: a,
        plan,
    };
    report(
        &a.outcome,
        Some(&staged),
        words(options.language),
        options.color,
    )
}

fn report(outcome: &Outcome, staged: Option<&StageAdditions<'_>>, w: &Words, c: bool) -> String {
    let green = AnsiColor::Green.on_default().bold();
    let red = AnsiColor::Red.on_default().bold();
    let yellow = AnsiColor::Yellow.on_default().bold();
    let stage = staged.map(|s| s.assessment.stage);
    let mut out = String::new();

    let name = outcome
        .location
        .name
        .as_deref()
        .map(|n| format!(" — {n}"))
        .unwrap_or_default();
    let _ = writeln!(out, "{}{name}", paint(c, bold(), &outcome.location.id));
    let _ = writeln!(
        out,
        "{} {} ({}), {} {}",
        outcome.framework.title,
        outcome.framework.version,
        outcome.framework.id,
        w.as_of,
        outcome.as_of
    );
    if let Some(stage) = stage {
        let (word, note) = stage_word(stage, w);
        let _ = writeln!(out, "{}: {} — {}", w.stage, paint(c, bold(), word), note);
    }
    let _ = writeln!(out);
    let verdict_style = match outcome.verdict {
        Verdict::Certified => green,
        Verdict::NotCertified => red,
        Verdict::InsufficientEvidence => yellow,
    };
    let _ = write!(
        out,
        "{}: {}",
        w.verdict,
        paint(c, verdict_style, verdict_word(outcome.verdict, stage, w))
    );
    // The intake certifies nothing, so it names no end date.
    if let (Some(until), false) = (outcome.valid_until, stage == Some(Stage::Intake)) {
        let _ = write!(out, " ({} {until})", w.valid_until);
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "{}", super::parts_sentence(outcome.parts, w));
    if let Some(certificate) = staged.and_then(|s| s.assessment.certificate.as_ref()) {
        let until = certificate.valid_until.map_or_else(
            || w.no_expiry.to_string(),
            |d| format!("{} {d}", w.valid_until),
        );
        let _ = writeln!(
            out,
            "{}: {} · {} {} ({}) · {} {} · {until}",
            w.certificate,
            location_line(&certificate.location),
            certificate.framework.title,
            certificate.framework.version,
            certificate.framework.id,
            w.audit_date,
            certificate.audit_date,
        );
    }
    let _ = writeln!(out);

    if let Some(staged) = staged {
        if !staged.plan.what_it_takes.is_empty() {
            out.push_str(&text::render_blocks(
                &[improvement::what_it_takes(staged.plan, w)],
                c,
            ));
        }
    }

    let _ = writeln!(out, "{}", paint(c, bold(), w.themes));
    let id_width = outcome
        .themes
        .iter()
        .map(|t| t.id.chars().count())
        .max()
        .unwrap_or(0);
    let title_width = outcome
        .themes
        .iter()
        .map(|t| t.title.chars().count())
        .max()
        .unwrap_or(0);
    let status_width = outcome
        .themes
        .iter()
        .map(|t| status_word(t.status, stage, w).chars().count())
        .max()
        .unwrap_or(0);
    for theme in &outcome.themes {
        let (mark, style) = mark(theme.status);
        let word = status_word(theme.status, stage, w);
        let threshold = theme
            .threshold
            .map(|t| format!("  ({} {})", w.threshold, format_percent(t)))
            .unwrap_or_default();
        let mandatory = if theme.failed_mandatory.is_empty() {
            String::new()
        } else {
            format!(
                "  {}: {}",
                w.failed_mandatory,
                theme.failed_mandatory.join(", ")
            )
        };
        // With a stage the maturity follows the status, in its own column.
        let (word, maturity) = match staged {
            Some(_) => (
                format!("{word:<status_width$}"),
                format!("  {}", maturity_word(Maturity::of(theme), w)),
            ),
            None => (word.to_string(), String::new()),
        };
        let _ = writeln!(
            out,
            "  {} {:<id_width$}  {:<title_width$}  {:>9}{threshold}  {}{maturity}{mandatory}",
            paint(c, style, mark),
            theme.id,
            theme.title,
            score_text(theme),
            paint(c, style, &word),
        );
        for line in super::floor_lines(theme, stage, w) {
            let _ = writeln!(out, "      {line}");
        }
    }
    let _ = writeln!(out);

    let _ = writeln!(out, "{}", paint(c, bold(), w.gaps));
    let mut any = false;
    for criterion in &outcome.criteria {
        if criterion.gaps.is_empty() {
            continue;
        }
        any = true;
        let (mark, style) = mark(criterion.status);
        let word = status_word(criterion.status, stage, w);
        let mut tags = Vec::new();
        if criterion.mandatory {
            tags.push(w.mandatory.to_string());
        }
        if let Some(legal) = &criterion.legal {
            tags.push(format!("{}: {legal}", w.legal));
        }
        let owner = match staged {
            Some(_) => w.owner_name(criterion.owner),
            None => criterion.owner,
        };
        tags.push(format!("{}: {owner}", w.owner));
        let _ = writeln!(
            out,
            "  {} {} {} ({})  {}",
            paint(c, style, mark),
            paint(c, bold(), &criterion.id),
            criterion.title,
            word,
            paint(c, dim(), &format!("[{}]", tags.join(" · ")))
        );
        for gap in &criterion.gaps {
            let _ = writeln!(out, "      {}", gap.message);
            let _ = writeln!(
                out,
                "      {}",
                paint(
                    c,
                    dim(),
                    &format!(
                        "{}: {}; {}: {} ({})",
                        w.expected,
                        expected_text(&gap.expected, w),
                        w.found,
                        own_word(&gap.actual, w),
                        gap.evidence.join(", ")
                    )
                )
            );
        }
    }
    if !any {
        let _ = writeln!(out, "  {}", w.no_gaps);
    }
    let waived: Vec<_> = outcome
        .criteria
        .iter()
        .filter_map(|c| c.waiver.as_ref().map(|waiver| (c, waiver)))
        .collect();
    if !waived.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "{}", paint(c, bold(), w.exceptions));
        for (criterion, waiver) in waived {
            let (mark, style) = mark(criterion.status);
            let (reason, granted) = super::waiver_parts(waiver, w);
            let _ = writeln!(
                out,
                "  {} {} {} ({})",
                paint(c, style, mark),
                paint(c, bold(), &criterion.id),
                criterion.title,
                status_word(criterion.status, stage, w),
            );
            let _ = writeln!(out, "      {reason}");
            let _ = writeln!(out, "      {}", paint(c, dim(), &granted));
        }
    }

    if let Some(staged) = staged {
        let supply = &staged.assessment.to_supply;
        if staged.assessment.stage == Stage::Intake && !supply.is_empty() {
            let _ = writeln!(out);
            let _ = writeln!(out, "{}", paint(c, bold(), w.to_supply));
            for item in supply {
                let label = item.label.as_deref().unwrap_or(&item.path);
                let _ = writeln!(
                    out,
                    "  · {label} ({})  {}",
                    item.path,
                    paint(
                        c,
                        dim(),
                        &format!("[{} {}]", w.needed_for, item.criteria.join(", "))
                    )
                );
            }
        }
    }
    out
}

fn mark(status: Status) -> (&'static str, Style) {
    let style = match status {
        Status::Pass => AnsiColor::Green.on_default().bold(),
        Status::Fail => AnsiColor::Red.on_default().bold(),
        Status::Unknown => AnsiColor::Yellow.on_default().bold(),
        Status::NotApplicable => Style::new().dimmed(),
        Status::Waived => AnsiColor::Cyan.on_default(),
    };
    (super::status_mark(status), style)
}
