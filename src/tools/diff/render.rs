//! An [`Impact`] for people: one document of the layout model, written as
//! text, Markdown or HTML by the layout's backends, every word from the
//! catalogue; and as JSON for tools.

use rust_decimal::Decimal;

use super::impact::{CriterionChange, Impact, LocationChange, Summary, ThemeChange};
use super::structure::{Change, ChangeKind, Target};
use crate::layout::{heading, strong, text, Block, Document, Inline, Inlines, Item};
use crate::outcome::{FrameworkRef, Gap, Status, Verdict};
use crate::report::{
    expected_text, own_word, status_word, verdict_tone, verdict_word, Format, Options,
};
use crate::terms::Language;
use crate::words::{fill, plural, words, Words};

impl Summary {
    /// The summary in one sentence: "12 of 340 locations lose
    /// certification, 3 gain it, 41 change in a criterion."
    pub fn sentence(&self, language: Language) -> String {
        self.sentence_in(words(language))
    }

    fn sentence_in(&self, w: &Words) -> String {
        let locations = plural(&w.diff_locations, self.locations, &[]);
        let mut parts = vec![
            plural(
                &w.diff_lose,
                self.lose_certification,
                &[("locations", &locations)],
            ),
            plural(&w.diff_gain, self.gain_certification, &[]),
            plural(&w.diff_criterion_changed, self.criterion_changed, &[]),
        ];
        let other = self
            .verdict_changed
            .saturating_sub(self.lose_certification + self.gain_certification);
        for (forms, count) in [
            (&w.diff_moves, other),
            (&w.diff_no_longer_loads, self.no_longer_load),
            (&w.diff_newly_loads, self.newly_load),
            (&w.diff_loads_neither, self.not_evaluated),
        ] {
            if count > 0 {
                parts.push(plural(forms, count, &[]));
            }
        }
        format!("{}.", parts.join(", "))
    }
}

impl ChangeKind {
    /// The change in words.
    fn phrase(self, w: &Words) -> &'static str {
        w.diff_kinds.get(self as usize).copied().unwrap_or_default()
    }
}

impl Change {
    /// Where the change is: `criterion S4 "Representatieve respons"`.
    fn place(&self, w: &Words) -> String {
        let target = w
            .diff_targets
            .get(self.target as usize)
            .copied()
            .unwrap_or_default();
        match (self.target, &self.title) {
            (Target::Framework, _) => target.to_string(),
            (_, Some(title)) => format!("{target} {} {title:?}", self.id),
            (_, None) => format!("{target} {}", self.id),
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

    /// The change as a list item: where and what, the values before and
    /// after on the line or, for rules, one above the other under it.
    fn item(&self, w: &Words) -> Item {
        let mut line = vec![text(format!("{}: {}", self.place(w), self.kind.phrase(w)))];
        let mut details = Vec::new();
        let values = [(w.before, &self.before), (w.after, &self.after)];
        if self.inline() {
            let mut lead = ": ";
            for value in values.iter().filter_map(|(_, v)| v.as_ref()) {
                line.push(text(lead));
                line.push(Inline::Code(value.clone()));
                lead = " → ";
            }
        } else {
            for (word, value) in values {
                if let Some(value) = value {
                    details.push(vec![text(format!("{word}: ")), Inline::Code(value.clone())]);
                }
            }
        }
        // The same words before and after: the meaning changed through a
        // define or an evidence type the rule uses.
        if self.before.is_some() && self.before == self.after {
            line.push(text(" "));
            line.push(aside(format!("({})", w.diff_same_words)));
        }
        Item {
            number: None,
            text: line,
            details,
        }
    }
}

impl Impact {
    /// The report in a format: text (in ANSI colours when
    /// `options.color`), Markdown or HTML, every word in `options.language`;
    /// or the JSON of [`Impact::to_json`].
    pub fn render(&self, format: Format, options: Options) -> String {
        if format == Format::Json {
            return self.to_json() + "\n";
        }
        let document = self.document(options.language);
        crate::report::write_document(&document, format, options.color)
    }

    /// The report as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        // Plain data with string keys always serialises.
        serde_json::to_string_pretty(self).unwrap_or_else(|e| format!(r#"{{"error":"{e}"}}"#))
    }

    /// The report as a document: the counts, the changes to the framework,
    /// then every location that changes and why.
    fn document(&self, language: Language) -> Document {
        let w = words(language);
        let summary = &self.summary;
        let mut blocks = vec![
            Block::Meta(vec![text(plural(
                &w.diff_samples,
                summary.locations,
                &[("compared", &summary.compared.to_string())],
            ))]),
            Block::Paragraph(vec![strong(summary.sentence_in(w))]),
            Block::Section(changes(&self.changes, w)),
            Block::Section(locations(&self.locations, w)),
        ];
        if !self.not_evaluated.is_empty() {
            let items = self
                .not_evaluated
                .iter()
                .flat_map(|n| {
                    n.problems.iter().map(|p| {
                        Item::line(vec![Inline::Code(n.origin.clone()), text(format!(": {p}"))])
                    })
                })
                .collect();
            blocks.push(Block::Section(vec![
                heading(2, vec![text(w.diff_neither)]),
                Block::List(items),
            ]));
        }
        let name = |f: &FrameworkRef| format!("{} {}", f.id, f.version);
        let (before, after) = (name(&self.before), name(&self.after));
        Document {
            title: fill(w.diff_title, &[("before", &before), ("after", &after)]),
            language,
            kind: "diff",
            wide: false,
            blocks,
        }
    }
}

fn aside(s: String) -> Inline {
    Inline::Aside(vec![text(s)])
}

/// A heading with a count: "Framework changes (3)".
fn counted(word: &str, count: usize) -> Block {
    heading(2, vec![text(format!("{word} ({count})"))])
}

fn changes(changes: &[Change], w: &Words) -> Vec<Block> {
    if changes.is_empty() {
        return vec![
            heading(2, vec![text(w.diff_changes)]),
            Block::Paragraph(vec![text(w.none)]),
        ];
    }
    vec![
        counted(w.diff_changes, changes.len()),
        Block::List(changes.iter().map(|c| c.item(w)).collect()),
    ]
}

fn locations(locations: &[LocationChange], w: &Words) -> Vec<Block> {
    if locations.is_empty() {
        return vec![
            heading(2, vec![text(w.diff_changed_locations)]),
            Block::Paragraph(vec![text(w.none)]),
        ];
    }
    let mut blocks = vec![counted(w.diff_changed_locations, locations.len())];
    for l in locations {
        let name = match &l.name {
            Some(name) => format!("{} — {name} ", l.id),
            None => format!("{} ", l.id),
        };
        blocks.push(heading(
            3,
            vec![text(name), aside(format!("({})", l.origin))],
        ));
        let mut items = vec![Item::line(verdicts(l, w))];
        let problems = [
            (w.diff_not_loading_before, &l.problems_before),
            (w.diff_not_loading_after, &l.problems_after),
        ];
        for (lead, list) in problems {
            items.extend(
                list.iter()
                    .map(|p| Item::line(vec![text(format!("{lead}: {p}"))])),
            );
        }
        items.extend(l.themes.iter().map(|t| Item::line(theme(t, w))));
        items.extend(l.criteria.iter().map(|c| criterion(c, w)));
        blocks.push(Block::List(items));
    }
    blocks
}

/// The verdict before and after, each on its label.
fn verdicts(l: &LocationChange, w: &Words) -> Inlines {
    let verdict = |v: Option<Verdict>| match v {
        Some(v) => Inline::Badge {
            tone: verdict_tone(v),
            text: verdict_word(v, None, w).to_string(),
        },
        None => text(w.does_not_load),
    };
    let mut line = vec![text(format!("{}: ", w.verdict)), verdict(l.verdict_before)];
    if l.verdict_before == l.verdict_after {
        line.push(text(" "));
        line.push(aside(format!("({})", w.unchanged)));
    } else {
        line.push(text(" → "));
        line.push(verdict(l.verdict_after));
    }
    line
}

/// A status before and after: "pass → fail".
fn statuses(before: Option<Status>, after: Option<Status>, w: &Words) -> String {
    let word = |s: Option<Status>| s.map_or(w.absent, |s| status_word(s, None, w));
    format!("{} → {}", word(before), word(after))
}

/// "score 100% → 0%", or "threshold 60%" where it stayed the same.
fn shift(word: &str, before: Option<Decimal>, after: Option<Decimal>, w: &Words) -> String {
    if before == after {
        format!("{word} {}", w.share(after))
    } else {
        format!("{word} {} → {}", w.share(before), w.share(after))
    }
}

fn theme(t: &ThemeChange, w: &Words) -> Inlines {
    let mut why = vec![
        shift(&w.score.to_lowercase(), t.score_before, t.score_after, w),
        shift(w.threshold, t.threshold_before, t.threshold_after, w),
    ];
    if !t.failed_mandatory_after.is_empty() {
        why.push(format!(
            "{}: {}",
            w.failed_mandatory,
            t.failed_mandatory_after.join(", ")
        ));
    }
    vec![
        text(format!(
            "{} {}: {} ",
            w.theme,
            t.id,
            statuses(t.before, t.after, w)
        )),
        aside(format!("({})", why.join(", "))),
    ]
}

/// A criterion's status before and after, and under it each gap that
/// appears or disappears: the author's message, what is required and what
/// was found.
fn criterion(c: &CriterionChange, w: &Words) -> Item {
    let gap = |lead: &str, gap: &Gap| {
        let mut facts = vec![
            text(format!("({}: ", w.expected)),
            Inline::Code(expected_text(&gap.expected, w)),
            text(format!("; {}: ", w.found)),
            Inline::Code(own_word(&gap.actual, w).to_string()),
        ];
        for path in &gap.evidence {
            facts.push(text("; "));
            facts.push(Inline::Code(path.clone()));
        }
        facts.push(text(")"));
        vec![
            text(format!("{lead}: {} ", gap.message)),
            Inline::Aside(facts),
        ]
    };
    let mut details: Vec<Inlines> = c.gaps_appear.iter().map(|g| gap(w.new_gap, g)).collect();
    details.extend(c.gaps_disappear.iter().map(|g| gap(w.gap_gone, g)));
    Item {
        number: None,
        text: vec![text(format!(
            "{} {}: {}",
            w.criterion,
            c.id,
            statuses(c.before, c.after, w)
        ))],
        details,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_change_and_target_has_its_words() {
        for language in [Language::Nl, Language::En] {
            let w = words(language);
            assert_eq!(
                ChangeKind::VerifiedNoLongerRequired as usize + 1,
                w.diff_kinds.len()
            );
            assert_eq!(Target::Criterion as usize + 1, w.diff_targets.len());
        }
        let en = words(Language::En);
        assert_eq!(ChangeKind::IdChanged.phrase(en), "id changed");
        assert_eq!(
            ChangeKind::RequirementTightened.phrase(en),
            "requirement tightened"
        );
        assert_eq!(ChangeKind::GuidanceChanged.phrase(en), "guidance changed");
        assert_eq!(
            ChangeKind::ApplicabilityNarrowed.phrase(words(Language::Nl)),
            "geldt voor minder locaties"
        );
    }

    #[test]
    fn the_summary_counts_in_the_singular_and_the_plural() {
        let summary = Summary {
            locations: 1,
            compared: 1,
            lose_certification: 1,
            verdict_changed: 1,
            criterion_changed: 2,
            no_longer_load: 1,
            ..Summary::default()
        };
        assert_eq!(
            summary.sentence(Language::En),
            "1 of 1 location loses certification, 0 gain it, 2 change in a criterion, 1 no longer loads under the new framework."
        );
        assert_eq!(
            summary.sentence(Language::Nl),
            "1 van 1 locatie verliest de certificering, 0 worden gecertificeerd, 2 veranderen in een criterium, 1 laadt niet meer onder het nieuwe kader."
        );
    }
}
