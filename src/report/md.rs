//! Markdown, for sharing: an assessment with its plan, a plan on its own,
//! and a municipality's overview. Author text is escaped so that it reads
//! as written.

use std::fmt::Write as _;

use super::{
    expected_text, location_line, maturity_word, own_word, priority_word, score_text, share,
    stage_word, status_mark, status_word, verdict_word,
};
use crate::check::Language;
use crate::eval::{Assessment, Maturity, Stage};
use crate::plan::{ImprovementPlan, PlanItem};
use crate::value::format_percent;
use crate::words::{cap, words, Words};

pub(crate) use crate::layout::markdown::{code, escape};

fn heading(level: usize) -> String {
    "#".repeat(level.clamp(1, 6))
}

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
        what_it_takes(&mut out, plan, w, 2);
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

    out.push_str(&plan_body(plan, false, w, 2));
    out
}

fn what_it_takes(out: &mut String, plan: &ImprovementPlan, w: &Words, level: usize) {
    let _ = writeln!(out, "{} {}\n", heading(level), w.what_it_takes);
    let _ = writeln!(
        out,
        "{}\n",
        w.what_it_takes_sentence(plan.what_it_takes.len())
    );
    for id in &plan.what_it_takes {
        match plan.item(id) {
            Some(item) => {
                let _ = writeln!(
                    out,
                    "- **{}** {} ({}: {})",
                    escape(id),
                    escape(&item.title),
                    w.owner,
                    w.owner_name(item.owner)
                );
            }
            None => {
                let _ = writeln!(out, "- **{}**", escape(id));
            }
        }
    }
    let _ = writeln!(out);
}

/// A plan on its own, headed by its location.
pub(crate) fn plan(
    plan: &ImprovementPlan,
    stage: Stage,
    by_owner: bool,
    language: Language,
    level: usize,
) -> String {
    let w = words(language);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {} {}\n",
        heading(level),
        w.plan_for,
        escape(&location_line(&plan.location))
    );
    let _ = writeln!(
        out,
        "{} {} · {}: **{}**\n",
        w.as_of,
        plan.as_of,
        w.verdict,
        verdict_word(plan.verdict, Some(stage), w)
    );
    if !plan.what_it_takes.is_empty() {
        what_it_takes(&mut out, plan, w, level + 1);
    }
    out.push_str(&plan_body(plan, by_owner, w, level + 1));
    out
}

/// The actions, numbered in plan order; per partner when asked.
fn plan_body(plan: &ImprovementPlan, by_owner: bool, w: &Words, level: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} {}\n", heading(level), w.plan);
    if plan.items.is_empty() {
        let _ = writeln!(out, "{}\n", w.no_plan_items);
        return out;
    }
    let number = |item: &PlanItem| {
        plan.items
            .iter()
            .position(|i| i.criterion == item.criterion)
            .map_or(0, |p| p + 1)
    };
    if by_owner {
        for (owner, items) in plan.by_owner() {
            let _ = writeln!(
                out,
                "{} {} ({} {})\n",
                heading(level + 1),
                w.owner_name(owner),
                items.len(),
                if items.len() == 1 { w.item } else { w.items }
            );
            for item in items {
                plan_item(&mut out, number(item), item, w);
            }
            let _ = writeln!(out);
        }
    } else {
        for item in &plan.items {
            plan_item(&mut out, number(item), item, w);
        }
        let _ = writeln!(out);
    }
    out
}

fn plan_item(out: &mut String, number: usize, item: &PlanItem, w: &Words) {
    let mut tags = vec![priority_word(item.priority, w).to_string()];
    if let Some(legal) = &item.legal {
        tags.push(format!("{}: {}", w.legal_basis, escape(legal)));
    }
    tags.push(format!("{}: {}", w.owner, w.owner_name(item.owner)));
    if let Some(gain) = item.gain.filter(|g| !g.is_zero()) {
        tags.push(format!("+{} {}", share(Some(gain)), w.gain));
    }
    if item.needed_for_certificate {
        tags.push(format!("**{}**", w.for_certificate));
    }
    let _ = writeln!(
        out,
        "{number}. **{}** {} — *{}*",
        escape(&item.criterion),
        escape(&item.title),
        tags.join(" · ")
    );
    for needed in &item.needed {
        let _ = writeln!(out, "   - {}: {}", w.needed, escape(needed));
    }
    if let Some(action) = &item.action {
        let _ = writeln!(out, "   - {}: {}", w.action, escape(action));
    }
    if !item.evidence.is_empty() {
        let evidence: Vec<String> = item.evidence.iter().map(|p| code(p)).collect();
        let _ = writeln!(out, "   - {}: {}", w.evidence, evidence.join(", "));
    }
}
