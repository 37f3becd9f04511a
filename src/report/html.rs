//! HTML: one self-contained, print-friendly file. No scripts, no external
//! fonts, styles or images: the style sheet is inline and the chart is an
//! inline SVG. **All author text is escaped.**

use std::fmt::Write as _;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::improvement;
use super::{
    expected_text, location_line, maturity_word, own_word, score_text, stage_word, status_mark,
    status_word, verdict_word,
};
use crate::check::Language;
use crate::eval::{Assessment, Maturity, Stage};
use crate::layout::html;
pub(crate) use crate::layout::html::{document, escape};
use crate::outcome::{Status, ThemeOutcome, Verdict};
use crate::plan::ImprovementPlan;
use crate::value::format_percent;
use crate::words::{cap, words, Words};

fn status_class(status: Status) -> &'static str {
    status.as_str()
}

fn color(status: Status) -> &'static str {
    match status {
        Status::Pass => "#1e7b34",
        Status::Fail => "#b3261e",
        Status::Unknown => "#a35f00",
        Status::NotApplicable => "#9aa0a6",
        Status::Waived => "#1a5fb4",
    }
}

fn fraction(d: Option<Decimal>) -> f64 {
    d.and_then(|d| d.to_f64()).unwrap_or(0.0).clamp(0.0, 1.0)
}

/// The chart: per theme a bar of the score reached, the range still open
/// (evidence missing) beside it, and a marker at the threshold.
fn chart(themes: &[ThemeOutcome], w: &Words) -> String {
    const LABEL: f64 = 250.0;
    const BAR: f64 = 380.0;
    const ROW: f64 = 30.0;
    const HEIGHT: f64 = 16.0;
    let rows = themes.len() as f64;
    let legend_y = 12.0 + rows * ROW + 8.0;
    let height = legend_y + 24.0;
    let width = LABEL + BAR + 140.0;
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        "<figure>\n<svg class=\"chart\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{}\">",
        escape(w.chart_caption)
    );
    for (i, theme) in themes.iter().enumerate() {
        let y = 12.0 + i as f64 * ROW;
        let low = fraction(theme.score);
        let high = theme.score_max.map_or(low, |m| fraction(Some(m)));
        let text_y = y + HEIGHT - 3.0;
        let _ = writeln!(
            svg,
            "<g class=\"theme\"><title>{}: {} ({} {})</title>",
            escape(&theme.title),
            escape(&score_text(theme)),
            escape(w.threshold),
            theme
                .threshold
                .map_or_else(|| "-".to_string(), format_percent)
        );
        let _ = writeln!(
            svg,
            "<text x=\"0\" y=\"{text_y:.1}\">{}</text>",
            escape(&theme.title)
        );
        let _ = writeln!(
            svg,
            "<rect class=\"track\" x=\"{LABEL}\" y=\"{y:.1}\" width=\"{BAR}\" height=\"{HEIGHT}\" fill=\"#eceff1\"/>"
        );
        let _ = writeln!(
            svg,
            "<rect class=\"bar {}\" x=\"{LABEL}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{HEIGHT}\" fill=\"{}\"/>",
            status_class(theme.status),
            low * BAR,
            color(theme.status)
        );
        if high > low {
            let _ = writeln!(
                svg,
                "<rect class=\"open\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"#f6dca8\" stroke=\"#a35f00\" stroke-dasharray=\"3 2\"/>",
                LABEL + low * BAR,
                y + 0.5,
                (high - low) * BAR,
                HEIGHT - 1.0
            );
        }
        if let Some(threshold) = theme.threshold {
            let x = LABEL + fraction(Some(threshold)) * BAR;
            let _ = writeln!(
                svg,
                "<line class=\"threshold\" x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#1b1b1b\" stroke-width=\"2.5\"/>",
                y - 4.0,
                y + HEIGHT + 4.0
            );
        }
        let _ = writeln!(
            svg,
            "<text x=\"{:.1}\" y=\"{text_y:.1}\" class=\"{}\">{}</text>\n</g>",
            LABEL + BAR + 10.0,
            status_class(theme.status),
            escape(&score_text(theme))
        );
    }
    // Legend.
    let _ = writeln!(
        svg,
        "<g class=\"legend\"><rect x=\"{LABEL}\" y=\"{legend_y:.1}\" width=\"14\" height=\"10\" fill=\"#1e7b34\"/><text x=\"{:.1}\" y=\"{:.1}\">{}</text>\
<rect x=\"{:.1}\" y=\"{legend_y:.1}\" width=\"14\" height=\"10\" fill=\"#f6dca8\" stroke=\"#a35f00\" stroke-dasharray=\"3 2\"/><text x=\"{:.1}\" y=\"{:.1}\">{}</text>\
<line x1=\"{:.1}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#1b1b1b\" stroke-width=\"2.5\"/><text x=\"{:.1}\" y=\"{:.1}\">{}</text></g>",
        LABEL + 18.0,
        legend_y + 9.5,
        escape(w.chart_reached),
        LABEL + 90.0,
        LABEL + 108.0,
        legend_y + 9.5,
        escape(w.chart_open),
        LABEL + 330.0,
        LABEL + 330.0,
        legend_y - 2.0,
        legend_y + 12.0,
        LABEL + 338.0,
        legend_y + 9.5,
        escape(w.threshold)
    );
    let _ = writeln!(
        svg,
        "</svg>\n<figcaption>{}</figcaption>\n</figure>",
        escape(w.chart_caption)
    );
    svg
}

fn verdict_class(verdict: Verdict) -> &'static str {
    verdict.as_str()
}

/// One location's report as an `<article>`.
pub(crate) fn assessment(a: &Assessment, plan: &ImprovementPlan, language: Language) -> String {
    let w = words(language);
    let o = &a.outcome;
    let mut out = String::new();
    let _ = writeln!(out, "<article class=\"report\">");
    let _ = writeln!(
        out,
        "<header>\n<h1>{}</h1>",
        escape(&location_line(&o.location))
    );
    let _ = writeln!(
        out,
        "<p class=\"meta\">{} {} (<code>{}</code>) · {} {}</p>\n</header>",
        escape(&o.framework.title),
        escape(&o.framework.version),
        escape(&o.framework.id),
        escape(w.as_of),
        o.as_of
    );
    let (stage, note) = stage_word(a.stage, w);
    let _ = writeln!(
        out,
        "<p class=\"stage\"><strong>{}: {}</strong> — {}</p>",
        escape(w.stage),
        escape(stage),
        escape(note)
    );
    let _ = write!(
        out,
        "<p>{}: <span class=\"verdict v-{}\">{}</span>",
        escape(w.verdict),
        verdict_class(o.verdict),
        escape(verdict_word(o.verdict, Some(a.stage), w))
    );
    if let (Some(until), Stage::Audit) = (o.valid_until, a.stage) {
        let _ = write!(out, " ({} {until})", escape(w.valid_until));
    }
    let _ = writeln!(out, "</p>");
    let _ = writeln!(
        out,
        "<p class=\"parts\">{}</p>",
        escape(&super::parts_sentence(o.parts, w))
    );
    if let Some(certificate) = &a.certificate {
        let until = certificate.valid_until.map_or_else(
            || w.no_expiry.to_string(),
            |d| format!("{} {d}", w.valid_until),
        );
        let _ = writeln!(
            out,
            "<div class=\"certificate\"><strong>{}</strong><br>{}<br>{} {} (<code>{}</code>)<br>{} {} · {}</div>",
            escape(w.certificate),
            escape(&location_line(&certificate.location)),
            escape(&certificate.framework.title),
            escape(&certificate.framework.version),
            escape(&certificate.framework.id),
            escape(w.audit_date),
            certificate.audit_date,
            escape(&until)
        );
    }
    if !plan.what_it_takes.is_empty() {
        out.push_str(&html::render_blocks(&[improvement::what_it_takes(plan, w)]));
    }

    let _ = writeln!(
        out,
        "<section class=\"themes\">\n<h2>{}</h2>",
        escape(w.themes)
    );
    out.push_str(&chart(&o.themes, w));
    let floors: Vec<String> = o
        .themes
        .iter()
        .flat_map(|t| {
            super::floor_lines(t, Some(a.stage), w)
                .into_iter()
                .map(move |line| format!("<li>{}: {}</li>", escape(&t.title), escape(&line)))
        })
        .collect();
    if !floors.is_empty() {
        let _ = writeln!(out, "<ul class=\"floors\">\n{}\n</ul>", floors.join("\n"));
    }
    let _ = writeln!(
        out,
        "<table>\n<thead><tr><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
        escape(w.theme),
        escape(w.score),
        escape(&cap(w.threshold)),
        escape(w.status),
        escape(w.maturity)
    );
    for theme in &o.themes {
        let mut status = format!(
            "<span class=\"mark\">{}</span> {}",
            status_mark(theme.status),
            escape(status_word(theme.status, Some(a.stage), w))
        );
        if !theme.failed_mandatory.is_empty() {
            let _ = write!(
                status,
                " <span class=\"detail\">({}: {})</span>",
                escape(w.failed_mandatory),
                escape(&theme.failed_mandatory.join(", "))
            );
        }
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"{}\">{status}</td><td>{}</td></tr>",
            escape(&theme.title),
            escape(&score_text(theme)),
            theme.threshold.map_or_else(|| "-".to_string(), format_percent),
            status_class(theme.status),
            escape(maturity_word(Maturity::of(theme), w))
        );
    }
    let _ = writeln!(out, "</tbody>\n</table>\n</section>");

    let _ = writeln!(out, "<section class=\"gaps\">\n<h2>{}</h2>", escape(w.gaps));
    let mut any = false;
    for criterion in o.criteria.iter().filter(|c| !c.gaps.is_empty()) {
        any = true;
        let _ = writeln!(
            out,
            "<h3 class=\"{}\"><span class=\"mark\">{}</span> {} {} <span class=\"tags\">— {}</span></h3>",
            status_class(criterion.status),
            status_mark(criterion.status),
            escape(&criterion.id),
            escape(&criterion.title),
            escape(status_word(criterion.status, Some(a.stage), w))
        );
        let mut tags = Vec::new();
        if criterion.mandatory {
            tags.push(escape(w.mandatory));
        }
        if let Some(legal) = &criterion.legal {
            tags.push(format!("{}: {}", escape(w.legal), escape(legal)));
        }
        tags.push(format!(
            "{}: {}",
            escape(w.owner),
            escape(w.owner_name(criterion.owner))
        ));
        let _ = writeln!(
            out,
            "<p class=\"tags\">{}</p>\n<ul class=\"gaps\">",
            tags.join(" · ")
        );
        for gap in &criterion.gaps {
            let evidence: Vec<String> = gap
                .evidence
                .iter()
                .map(|p| format!("<code>{}</code>", escape(p)))
                .collect();
            let _ = writeln!(
                out,
                "<li>{}<div class=\"detail\">{}: <code>{}</code>; {}: {} ({})</div></li>",
                escape(&gap.message),
                escape(w.expected),
                escape(&expected_text(&gap.expected, w)),
                escape(w.found),
                escape(own_word(&gap.actual, w)),
                evidence.join(", ")
            );
        }
        let _ = writeln!(out, "</ul>");
    }
    if !any {
        let _ = writeln!(out, "<p>{}</p>", escape(w.no_gaps));
    }
    let _ = writeln!(out, "</section>");
    let waived: Vec<_> = o
        .criteria
        .iter()
        .filter_map(|c| c.waiver.as_ref().map(|waiver| (c, waiver)))
        .collect();
    if !waived.is_empty() {
        let _ = writeln!(
            out,
            "<section class=\"exceptions\">\n<h2>{}</h2>\n<ul>",
            escape(w.exceptions)
        );
        for (criterion, waiver) in waived {
            let (reason, granted) = super::waiver_parts(waiver, w);
            let _ = writeln!(
                out,
                "<li><span class=\"{}\" style=\"color:{}\">{}</span> {} {} — {}: {} <span class=\"tags\">({})</span></li>",
                status_class(criterion.status),
                color(criterion.status),
                status_mark(criterion.status),
                escape(&criterion.id),
                escape(&criterion.title),
                escape(status_word(criterion.status, Some(a.stage), w)),
                escape(&reason),
                escape(&granted)
            );
        }
        let _ = writeln!(out, "</ul>\n</section>");
    }

    if a.stage == Stage::Intake && !a.to_supply.is_empty() {
        let _ = writeln!(
            out,
            "<section class=\"supply\">\n<h2>{}</h2>\n<p>{}</p>\n<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
            escape(w.to_supply),
            escape(w.to_supply_intro),
            escape(w.evidence),
            escape(&cap(w.path)),
            escape(&cap(w.needed_for))
        );
        for item in &a.to_supply {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td><code>{}</code></td><td>{}</td></tr>",
                escape(item.label.as_deref().unwrap_or(&item.path)),
                escape(&item.path),
                escape(&item.criteria.join(", "))
            );
        }
        let _ = writeln!(out, "</tbody>\n</table>\n</section>");
    }

    out.push_str(&html::render_blocks(&[improvement::actions(
        plan, false, w,
    )]));
    let _ = writeln!(out, "</article>");
    out
}
