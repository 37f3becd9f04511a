//! An [`Impact`] as text for a terminal, as Markdown and as JSON.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use super::impact::{Impact, LocationChange, Summary, ThemeChange};
use super::structure::{Change, ChangeKind, Target};
use crate::outcome::{FrameworkRef, Gap, Status, Verdict};
use crate::report::md;
use crate::value::format_percent;

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}

impl Summary {
    /// The summary in one sentence: "12 of 340 locations lose
    /// certification, 3 gain it, 41 change in a criterion."
    pub fn sentence(&self) -> String {
        let mut parts = vec![
            format!(
                "{} of {} {} {} certification",
                self.lose_certification,
                self.locations,
                plural(self.locations, "location", "locations"),
                plural(self.lose_certification, "loses", "lose"),
            ),
            format!(
                "{} {} it",
                self.gain_certification,
                plural(self.gain_certification, "gains", "gain")
            ),
            format!(
                "{} {} in a criterion",
                self.criterion_changed,
                plural(self.criterion_changed, "changes", "change")
            ),
        ];
        let other = self
            .verdict_changed
            .saturating_sub(self.lose_certification + self.gain_certification);
        if other > 0 {
            parts.push(format!(
                "{other} {} between not certified and insufficient evidence",
                plural(other, "moves", "move")
            ));
        }
        if self.no_longer_load > 0 {
            parts.push(format!(
                "{} no longer {} under the new framework",
                self.no_longer_load,
                plural(self.no_longer_load, "loads", "load")
            ));
        }
        if self.newly_load > 0 {
            parts.push(format!(
                "{} {} only under the new framework",
                self.newly_load,
                plural(self.newly_load, "loads", "load")
            ));
        }
        if self.not_evaluated > 0 {
            parts.push(format!(
                "{} {} under neither framework",
                self.not_evaluated,
                plural(self.not_evaluated, "loads", "load")
            ));
        }
        format!("{}.", parts.join(", "))
    }
}

fn verdict_text(v: Option<Verdict>) -> &'static str {
    match v {
        Some(Verdict::Certified) => "certified",
        Some(Verdict::NotCertified) => "not certified",
        Some(Verdict::InsufficientEvidence) => "insufficient evidence",
        None => "does not load",
    }
}

fn status_text(s: Option<Status>) -> &'static str {
    match s {
        Some(s) => s.as_str(),
        None => "absent",
    }
}

fn share_text(d: Option<Decimal>) -> String {
    d.map_or_else(|| "-".to_string(), |d| format_percent(d.round_dp(3)))
}

fn framework_text(f: &FrameworkRef) -> String {
    format!("{} {}", f.id, f.version)
}

impl Change {
    /// Where the change is, for people: `criterion S4 "Representatieve respons"`.
    pub fn place(&self) -> String {
        match (&self.target, &self.title) {
            (Target::Framework, _) => "framework".to_string(),
            (target, Some(title)) => format!("{} {} {title:?}", target.as_str(), self.id),
            (target, None) => format!("{} {}", target.as_str(), self.id),
        }
    }

    /// Whether before and after fit on one line: short values (a weight, a
    /// threshold, a version), never rules, which are easier to compare one
    /// above the other.
    fn inline(&self) -> bool {
        let rule = matches!(
            self.kind,
            ChangeKind::ApplicabilityNarrowed
                | ChangeKind::ApplicabilityWidened
                | ChangeKind::ApplicabilityChanged
                | ChangeKind::RequirementAdded
                | ChangeKind::RequirementRemoved
                | ChangeKind::RequirementTightened
                | ChangeKind::RequirementLoosened
                | ChangeKind::RequirementChanged
                | ChangeKind::ScoreTightened
                | ChangeKind::ScoreLoosened
                | ChangeKind::ScoreChanged
                | ChangeKind::CriterionAdded
                | ChangeKind::CriterionRemoved
        );
        let short = |s: &Option<String>| s.as_ref().is_none_or(|s| s.chars().count() <= 24);
        !rule && short(&self.before) && short(&self.after)
    }

    /// The same words before and after: the meaning changed through a
    /// define or an evidence type the rule uses.
    fn same_words(&self) -> bool {
        self.before.is_some() && self.before == self.after
    }
}

impl ThemeChange {
    fn detail(&self) -> String {
        let mut parts = vec![if self.score_before == self.score_after {
            format!("score {}", share_text(self.score_after))
        } else {
            format!(
                "score {} → {}",
                share_text(self.score_before),
                share_text(self.score_after)
            )
        }];
        if self.threshold_before == self.threshold_after {
            parts.push(format!("threshold {}", share_text(self.threshold_after)));
        } else {
            parts.push(format!(
                "threshold {} → {}",
                share_text(self.threshold_before),
                share_text(self.threshold_after)
            ));
        }
        if !self.failed_mandatory_after.is_empty() {
            parts.push(format!(
                "mandatory not met: {}",
                self.failed_mandatory_after.join(", ")
            ));
        }
        parts.join(", ")
    }
}

fn gap_line(gap: &Gap) -> String {
    let evidence = if gap.evidence.is_empty() {
        String::new()
    } else {
        format!("{}: ", gap.evidence.join(", "))
    };
    format!(
        "{evidence}required {}, found {} ({})",
        gap.expected,
        gap.actual,
        match gap.kind {
            crate::outcome::GapKind::Failed => "failed",
            crate::outcome::GapKind::Missing => "missing",
            crate::outcome::GapKind::Applicability => "applicability unknown",
        }
    )
}

impl Impact {
    /// The report as plain text for a terminal.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{} → {}",
            framework_text(&self.before),
            framework_text(&self.after)
        );
        let _ = writeln!(out);
        if self.changes.is_empty() {
            let _ = writeln!(out, "No changes to the framework.");
        } else {
            let _ = writeln!(out, "Framework changes ({})", self.changes.len());
            for c in &self.changes {
                if c.inline() {
                    let values = match (&c.before, &c.after) {
                        (Some(b), Some(a)) => format!(": {b} → {a}"),
                        (None, Some(a)) => format!(": {a}"),
                        (Some(b), None) => format!(": {b}"),
                        (None, None) => String::new(),
                    };
                    let note = if c.same_words() {
                        " (same words; a define or an evidence type it uses changed)"
                    } else {
                        ""
                    };
                    let _ = writeln!(out, "  {}: {}{values}{note}", c.place(), c.kind.phrase());
                } else {
                    let _ = writeln!(out, "  {}: {}", c.place(), c.kind.phrase());
                    if let Some(b) = &c.before {
                        let _ = writeln!(out, "      before  {b}");
                    }
                    if let Some(a) = &c.after {
                        let _ = writeln!(out, "      after   {a}");
                    }
                    if c.same_words() {
                        let _ = writeln!(
                            out,
                            "      (same words; a define or an evidence type it uses changed)"
                        );
                    }
                }
            }
        }
        let _ = writeln!(out);
        let _ = writeln!(out, "Impact on {} sample locations", self.summary.locations);
        let _ = writeln!(out, "  {}", self.summary.sentence());
        for l in &self.locations {
            let _ = writeln!(out);
            let name = l
                .name
                .as_deref()
                .map(|n| format!(" {n}"))
                .unwrap_or_default();
            let _ = writeln!(out, "{}{name} ({})", l.id, l.origin);
            if l.verdict_before == l.verdict_after {
                let _ = writeln!(
                    out,
                    "  verdict    {} (unchanged)",
                    verdict_text(l.verdict_after)
                );
            } else {
                let _ = writeln!(
                    out,
                    "  verdict    {} → {}",
                    verdict_text(l.verdict_before),
                    verdict_text(l.verdict_after)
                );
            }
            for p in l
                .problems_before
                .iter()
                .map(|p| ("before", p))
                .chain(l.problems_after.iter().map(|p| ("after", p)))
            {
                let _ = writeln!(out, "  evidence   does not load {}: {}", p.0, p.1);
            }
            for t in &l.themes {
                let _ = writeln!(
                    out,
                    "  theme      {}: {} → {} ({})",
                    t.id,
                    status_text(t.before),
                    status_text(t.after),
                    t.detail()
                );
            }
            for c in &l.criteria {
                let _ = writeln!(
                    out,
                    "  criterion  {}: {} → {}",
                    c.id,
                    status_text(c.before),
                    status_text(c.after)
                );
                for (mark, gap) in c
                    .gaps_appear
                    .iter()
                    .map(|g| ('+', g))
                    .chain(c.gaps_disappear.iter().map(|g| ('-', g)))
                {
                    let _ = writeln!(out, "      {mark} {}", gap_line(gap));
                    let _ = writeln!(out, "        {}", gap.message);
                }
            }
        }
        if !self.not_evaluated.is_empty() {
            let _ = writeln!(out);
            let _ = writeln!(out, "Evidence that loads under neither framework");
            for n in &self.not_evaluated {
                for p in &n.problems {
                    let _ = writeln!(out, "  {}: {p}", n.origin);
                }
            }
        }
        out
    }

    /// The report as Markdown, to paste into a change proposal.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "## Impact of {} → {}",
            md::escape(&framework_text(&self.before)),
            md::escape(&framework_text(&self.after))
        );
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "**{}** ({} sample locations compared.)",
            self.summary.sentence(),
            self.summary.compared
        );
        let _ = writeln!(out);
        let _ = writeln!(out, "### Framework changes");
        let _ = writeln!(out);
        if self.changes.is_empty() {
            let _ = writeln!(out, "None.");
        } else {
            let _ = writeln!(out, "| Where | Change | Before | After |");
            let _ = writeln!(out, "|---|---|---|---|");
            for c in &self.changes {
                let phrase = if c.same_words() {
                    format!(
                        "{} (same words; a define or evidence type it uses changed)",
                        c.kind.phrase()
                    )
                } else {
                    c.kind.phrase().to_string()
                };
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} |",
                    md::escape(&c.place()),
                    md::escape(&phrase),
                    c.before
                        .as_deref()
                        .map_or_else(|| "–".to_string(), md::code),
                    c.after.as_deref().map_or_else(|| "–".to_string(), md::code),
                );
            }
        }
        let _ = writeln!(out);
        let _ = writeln!(out, "### Locations that change");
        let _ = writeln!(out);
        if self.locations.is_empty() {
            let _ = writeln!(out, "None.");
        } else {
            let _ = writeln!(out, "| Location | Verdict | Themes | Criteria |");
            let _ = writeln!(out, "|---|---|---|---|");
            for l in &self.locations {
                let verdict = if l.verdict_before == l.verdict_after {
                    format!("{} (unchanged)", verdict_text(l.verdict_after))
                } else {
                    format!(
                        "**{} → {}**",
                        verdict_text(l.verdict_before),
                        verdict_text(l.verdict_after)
                    )
                };
                let themes: Vec<String> = l
                    .themes
                    .iter()
                    .map(|t| {
                        format!(
                            "{}: {} → {}",
                            t.id,
                            status_text(t.before),
                            status_text(t.after)
                        )
                    })
                    .collect();
                let criteria: Vec<String> = l
                    .criteria
                    .iter()
                    .map(|c| {
                        format!(
                            "{}: {} → {}",
                            c.id,
                            status_text(c.before),
                            status_text(c.after)
                        )
                    })
                    .collect();
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} |",
                    md::escape(&location_label(l)),
                    verdict,
                    md::escape(&themes.join("; ")),
                    md::escape(&criteria.join("; ")),
                );
            }
            let _ = writeln!(out);
            let _ = writeln!(out, "### Why");
            let _ = writeln!(out);
            for l in &self.locations {
                let _ = writeln!(
                    out,
                    "- **{}** ({})",
                    md::escape(&location_label(l)),
                    md::escape(&l.origin)
                );
                for p in &l.problems_before {
                    let _ = writeln!(
                        out,
                        "  - evidence does not load under the old framework: {}",
                        md::escape(&p.to_string())
                    );
                }
                for p in &l.problems_after {
                    let _ = writeln!(
                        out,
                        "  - evidence does not load under the new framework: {}",
                        md::escape(&p.to_string())
                    );
                }
                for t in &l.themes {
                    let _ = writeln!(
                        out,
                        "  - theme {}: {} → {} ({})",
                        md::escape(&t.id),
                        status_text(t.before),
                        status_text(t.after),
                        md::escape(&t.detail())
                    );
                }
                for c in &l.criteria {
                    let _ = writeln!(
                        out,
                        "  - criterion {}: {} → {}",
                        md::escape(&c.id),
                        status_text(c.before),
                        status_text(c.after)
                    );
                    for (word, gap) in c
                        .gaps_appear
                        .iter()
                        .map(|g| ("new gap", g))
                        .chain(c.gaps_disappear.iter().map(|g| ("gap gone", g)))
                    {
                        let _ = writeln!(
                            out,
                            "    - {word}: {} required {}, found {}. _{}_",
                            gap.evidence
                                .iter()
                                .map(|e| md::code(e))
                                .collect::<Vec<_>>()
                                .join(", "),
                            md::code(&gap.expected),
                            md::code(&gap.actual),
                            md::escape(&gap.message)
                        );
                    }
                }
            }
        }
        if !self.not_evaluated.is_empty() {
            let _ = writeln!(out);
            let _ = writeln!(out, "### Evidence that loads under neither framework");
            let _ = writeln!(out);
            for n in &self.not_evaluated {
                for p in &n.problems {
                    let _ = writeln!(
                        out,
                        "- {}: {}",
                        md::escape(&n.origin),
                        md::escape(&p.to_string())
                    );
                }
            }
        }
        out
    }

    /// The report as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        // Plain data with string keys always serialises.
        serde_json::to_string_pretty(self).unwrap_or_else(|e| format!(r#"{{"error":"{e}"}}"#))
    }
}

fn location_label(l: &LocationChange) -> String {
    match &l.name {
        Some(name) => format!("{} {name}", l.id),
        None => l.id.clone(),
    }
}
