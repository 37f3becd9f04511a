//! The outcome as a school leader reads it in a terminal.

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};
use rust_decimal::Decimal;

use crate::check::Language;
use crate::outcome::{Outcome, Status, Verdict};
use crate::value::format_percent;

/// How to render text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TextOptions {
    /// The language of the words kader writes itself.
    pub language: Language,
    /// Whether to use ANSI colours (only for a terminal).
    pub color: bool,
}

struct Words {
    as_of: &'static str,
    verdict: &'static str,
    valid_until: &'static str,
    themes: &'static str,
    threshold: &'static str,
    gaps: &'static str,
    no_gaps: &'static str,
    mandatory: &'static str,
    legal: &'static str,
    owner: &'static str,
    expected: &'static str,
    found: &'static str,
    missing: &'static str,
    failed_mandatory: &'static str,
    certified: &'static str,
    not_certified: &'static str,
    insufficient: &'static str,
    pass: &'static str,
    fail: &'static str,
    unknown: &'static str,
    not_applicable: &'static str,
    yes: &'static str,
    no: &'static str,
    applies_when: &'static str,
}

const NL: Words = Words {
    as_of: "peildatum",
    verdict: "Oordeel",
    valid_until: "geldig tot",
    themes: "Thema's",
    threshold: "drempel",
    gaps: "Tekortkomingen",
    no_gaps: "Geen tekortkomingen.",
    mandatory: "verplicht",
    legal: "wettelijk",
    owner: "aan zet",
    expected: "vereist",
    found: "gevonden",
    missing: "ontbreekt",
    failed_mandatory: "verplicht niet behaald",
    certified: "GECERTIFICEERD",
    not_certified: "NIET GECERTIFICEERD",
    insufficient: "ONVOLDOENDE GEGEVENS",
    pass: "voldoet",
    fail: "voldoet niet",
    unknown: "onbekend",
    not_applicable: "n.v.t.",
    yes: "ja",
    no: "nee",
    applies_when: "van toepassing als",
};

const EN: Words = Words {
    as_of: "as of",
    verdict: "Verdict",
    valid_until: "valid until",
    themes: "Themes",
    threshold: "threshold",
    gaps: "Gaps",
    no_gaps: "No gaps.",
    mandatory: "mandatory",
    legal: "legal",
    owner: "owner",
    expected: "required",
    found: "found",
    missing: "missing",
    failed_mandatory: "mandatory not met",
    certified: "CERTIFIED",
    not_certified: "NOT CERTIFIED",
    insufficient: "INSUFFICIENT EVIDENCE",
    pass: "pass",
    fail: "fail",
    unknown: "unknown",
    not_applicable: "n/a",
    yes: "yes",
    no: "no",
    applies_when: "applies when",
};

fn paint(on: bool, style: Style, text: &str) -> String {
    if on {
        format!("{style}{text}{style:#}")
    } else {
        text.to_string()
    }
}

fn share(d: Option<Decimal>) -> String {
    match d {
        Some(d) => format_percent(d.round_dp(3)),
        None => "-".to_string(),
    }
}

/// Renders an outcome as plain text (with colours when asked).
pub fn to_text(outcome: &Outcome, options: TextOptions) -> String {
    let w = match options.language {
        Language::Nl => &NL,
        Language::En => &EN,
    };
    let c = options.color;
    let bold = Style::new().bold();
    let green = AnsiColor::Green.on_default().bold();
    let red = AnsiColor::Red.on_default().bold();
    let yellow = AnsiColor::Yellow.on_default().bold();
    let dim = Style::new().dimmed();
    let mut out = String::new();

    let name = outcome
        .location
        .name
        .as_deref()
        .map(|n| format!(" — {n}"))
        .unwrap_or_default();
    let _ = writeln!(out, "{}{name}", paint(c, bold, &outcome.location.id));
    let _ = writeln!(
        out,
        "{} {} ({}), {} {}",
        outcome.framework.title,
        outcome.framework.version,
        outcome.framework.id,
        w.as_of,
        outcome.as_of
    );
    let _ = writeln!(out);
    let (verdict_word, verdict_style) = match outcome.verdict {
        Verdict::Certified => (w.certified, green),
        Verdict::NotCertified => (w.not_certified, red),
        Verdict::InsufficientEvidence => (w.insufficient, yellow),
    };
    let _ = write!(
        out,
        "{}: {}",
        w.verdict,
        paint(c, verdict_style, verdict_word)
    );
    if let Some(until) = outcome.valid_until {
        let _ = write!(out, " ({} {until})", w.valid_until);
    }
    let _ = writeln!(out);
    let _ = writeln!(out);

    let _ = writeln!(out, "{}", paint(c, bold, w.themes));
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
    for theme in &outcome.themes {
        let (mark, style, word) = status_mark(theme.status, w);
        let score = match theme.score_max {
            Some(max) => format!("{}–{}", share(theme.score), share(Some(max))),
            None => share(theme.score),
        };
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
        let _ = writeln!(
            out,
            "  {} {:<id_width$}  {:<title_width$}  {:>9}{threshold}  {}{mandatory}",
            paint(c, style, mark),
            theme.id,
            theme.title,
            score,
            paint(c, style, word),
        );
    }
    let _ = writeln!(out);

    let _ = writeln!(out, "{}", paint(c, bold, w.gaps));
    let mut any = false;
    for criterion in &outcome.criteria {
        if criterion.gaps.is_empty() {
            continue;
        }
        any = true;
        let (mark, style, word) = status_mark(criterion.status, w);
        let mut tags = Vec::new();
        if criterion.mandatory {
            tags.push(w.mandatory.to_string());
        }
        if let Some(legal) = &criterion.legal {
            tags.push(format!("{}: {legal}", w.legal));
        }
        tags.push(format!("{}: {}", w.owner, criterion.owner));
        let _ = writeln!(
            out,
            "  {} {} {} ({})  {}",
            paint(c, style, mark),
            paint(c, bold, &criterion.id),
            criterion.title,
            word,
            paint(c, dim, &format!("[{}]", tags.join(" · ")))
        );
        for gap in &criterion.gaps {
            let _ = writeln!(out, "      {}", gap.message);
            let actual = own_word(&gap.actual, w);
            let expected = match gap.expected.strip_prefix("applies when ") {
                Some(condition) => format!("{} {condition}", w.applies_when),
                None => own_word(&gap.expected, w).to_string(),
            };
            let _ = writeln!(
                out,
                "      {}",
                paint(
                    c,
                    dim,
                    &format!(
                        "{}: {}; {}: {} ({})",
                        w.expected,
                        expected,
                        w.found,
                        actual,
                        gap.evidence.join(", ")
                    )
                )
            );
        }
    }
    if !any {
        let _ = writeln!(out, "  {}", w.no_gaps);
    }
    out
}

/// Values kader writes itself, in the report's language.
fn own_word<'a>(value: &'a str, w: &'a Words) -> &'a str {
    match value {
        "missing" => w.missing,
        "true" => w.yes,
        "false" => w.no,
        other => other,
    }
}

fn status_mark(status: Status, w: &Words) -> (&'static str, Style, &'static str) {
    match status {
        Status::Pass => ("✔", AnsiColor::Green.on_default().bold(), w.pass),
        Status::Fail => ("✘", AnsiColor::Red.on_default().bold(), w.fail),
        Status::Unknown => ("?", AnsiColor::Yellow.on_default().bold(), w.unknown),
        Status::NotApplicable => ("-", Style::new().dimmed(), w.not_applicable),
    }
}
