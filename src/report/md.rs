//! Markdown, for sharing: an assessment with its plan, a plan on its own,
//! and a municipality's overview. Author text is escaped so that it reads
//! as written.

use std::fmt::Write as _;

use super::improvement;
use super::{
    expected_text, location_line, maturity_word, own_word, score_text, stage_word, status_mark,
    status_word, verdict_word,
};
use crate::check::Language;
use crate::eval::{Assessment, Maturity, Stage};
use crate::layout::markdown;
use crate::plan::ImprovementPlan;
use crate::value::format_percent;
use crate::words::{cap, words};

pub(crate) use crate::layout::markdown::{code, escape};

pub(crate) fn assessment(a: &Assessment, plan: &ImprovementPlan, language: Language) -> String {
    let w = words(language);
    let o = &a.outcome;
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape(&location_line(&o.location)));
    let (stage, note) = stage_word(a.stage, w);
    let _ = writeln!(
        out,
        "{} {} ({}) · {} {} · {}: **{stage}** — {note}\n",
        escape(&o.framework.title),
        escape(&o.framework.version),
        code(&o.framework.id),
        w.as_of,
        o.as_of,
        w.stage,
    );
    let _ = write!(
        out,
        "**{}: {}**",
        w.verdict,
        verdict_word(o.verdict, Some(a.stage), w)
    );
    if let (Some(until), Stage::Audit) = (o.valid_until, a.stage) {
        let _ = write!(out, " ({} {until})", w.valid_until);
    }
    let _ = writeln!(out, "\n");
    let _ = writeln!(out, "{}\n", escape(&super::parts_sentence(o.parts, w)));
    if let Some(certificate) = &a.certificate {
        let until = certificate.valid_until.map_or_else(
            || w.no_expiry.to_string(),
            |d| format!("{} {d}", w.valid_until),
        );
        let _ = writeln!(
            out,
            "> **{}**: {} · {} {} ({}) · {} {} · {until}\n",
            w.certificate,
            escape(&location_line(&certificate.location)),
            escape(&certificate.framework.title),
            escape(&certificate.framework.version),
            code(&certificate.framework.id),
            w.audit_date,
            certificate.audit_date,
        );
    }
    if !plan.what_it_takes.is_empty() {
        out.push_str(&markdown::render_blocks(&[improvement::what_it_takes(
            plan, w,
        )]));
    }

    let _ = writeln!(out, "## {}\n", w.themes);
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} | {} |\n|---|---:|---:|---|---|",
        w.theme,
        w.score,
        cap(w.threshold),
        w.status,
        w.maturity
    );
    for theme in &o.themes {
        let mut status = format!(
            "{} {}",
            status_mark(theme.status),
            status_word(theme.status, Some(a.stage), w)
        );
        if !theme.failed_mandatory.is_empty() {
            let _ = write!(
                status,
                " ({}: {})",
                w.failed_mandatory,
                theme.failed_mandatory.join(", ")
            );
        }
        let _ = writeln!(
            out,
            "| {} | {} | {} | {status} | {} |",
            escape(&theme.title),
            score_text(theme),
            theme
                .threshold
                .map_or_else(|| "-".to_string(), format_percent),
            maturity_word(Maturity::of(theme), w),
        );
    }
    let _ = writeln!(out);
    let mut floors = false;
    for theme in &o.themes {
        for line in super::floor_lines(theme, Some(a.stage), w) {
            floors = true;
            let _ = writeln!(out, "- {}: {}", escape(&theme.title), escape(&line));
        }
    }
    if floors {
        let _ = writeln!(out);
    }

    let _ = writeln!(out, "## {}\n", w.gaps);
    let mut any = false;
    for criterion in o.criteria.iter().filter(|c| !c.gaps.is_empty()) {
        any = true;
        let _ = writeln!(
            out,
            "### {} {} {} — {}\n",
            status_mark(criterion.status),
            escape(&criterion.id),
            escape(&criterion.title),
            status_word(criterion.status, Some(a.stage), w)
        );
        let mut tags = Vec::new();
        if criterion.mandatory {
            tags.push(w.mandatory.to_string());
        }
        if let Some(legal) = &criterion.legal {
            tags.push(format!("{}: {}", w.legal, escape(legal)));
        }
        tags.push(format!("{}: {}", w.owner, w.owner_name(criterion.owner)));
        let _ = writeln!(out, "*{}*\n", tags.join(" · "));
        for gap in &criterion.gaps {
            let evidence: Vec<String> = gap.evidence.iter().map(|p| code(p)).collect();
            let _ = writeln!(
                out,
                "- {}  \n  {}: {}; {}: {} ({})",
                escape(&gap.message),
                w.expected,
                code(&expected_text(&gap.expected, w)),
                w.found,
                escape(own_word(&gap.actual, w)),
                evidence.join(", ")
            );
        }
        let _ = writeln!(out);
    }
    if !any {
        let _ = writeln!(out, "{}\n", w.no_gaps);
    }
    let waived: Vec<_> = o
        .criteria
        .iter()
        .filter_map(|c| c.waiver.as_ref().map(|waiver| (c, waiver)))
        .collect();
    if !waived.is_empty() {
        let _ = writeln!(out, "## {}\n", w.exceptions);
        for (criterion, waiver) in waived {
            let (reason, granted) = super::waiver_parts(waiver, w);
            let _ = writeln!(
                out,
                "- {} {} {} — {}: {}  \n  *{}*",
                status_mark(criterion.status),
                escape(&criterion.id),
                escape(&criterion.title),
                status_word(criterion.status, Some(a.stage), w),
                escape(&reason),
                escape(&granted)
            );
        }
        let _ = writeln!(out);
    }

    if a.stage == Stage::Intake && !a.to_supply.is_empty() {
        let _ = writeln!(out, "## {}\n\n{}\n", w.to_supply, w.to_supply_intro);
        let _ = writeln!(
            out,
            "| {} | {} | {} |\n|---|---|---|",
            w.evidence,
            cap(w.path),
            cap(w.needed_for)
        );
        for item in &a.to_supply {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                escape(item.label.as_deref().unwrap_or(&item.path)),
                code(&item.path),
                item.criteria.join(", ")
            );
        }
        let _ = writeln!(out);
    }

    out.push_str(&markdown::render_blocks(&[improvement::actions(
        plan, false, w,
    )]));
    out
}
