//! What a framework change does to every possible school, for the people
//! who decide on it: `kader diff --exhaustive` and `kader verify`, built
//! on the layout model from an [`analysis::Comparison`](crate::analysis::Comparison).
//!
//! A witness is shown by the values that matter (those that differ from a
//! school that meets as much of both versions as it can), by their labels
//! and in the reader's language; the whole evidence document is in the
//! JSON.

use jiff::civil::Date;

use crate::analysis::{
    Because, Comparison, Finding, Item as Found, Proof, Relation, Standing, Witness,
};
use crate::compile::Framework;
use crate::evidence::{Evidence, Supplied};
use crate::layout::{heading, strong, text, Block, Document, Inline, Inlines, Item};
use crate::outcome::{Status, Verdict};
use crate::report::{Format, Options};
use crate::terms::Language;
use crate::value::{Type, Value};
use crate::words::{fill, plural, words, Words};

/// An exact comparison of two versions of a framework, with what it
/// compares: the document `kader diff --exhaustive` writes.
#[derive(Clone, Debug)]
pub struct Exhaustive<'a> {
    /// The version as it is.
    pub old: &'a Framework,
    /// The version as proposed (or the layer on `old`).
    pub new: &'a Framework,
    /// The date every school was judged on; with `until`, the first.
    pub as_of: Date,
    /// Judged on every as-of date from `as_of` to this one.
    pub until: Option<Date>,
    /// What the analysis found.
    pub comparison: &'a Comparison,
}

impl Exhaustive<'_> {
    /// The comparison in a format: text (in ANSI colours when
    /// `options.color`), Markdown, HTML, or the JSON of
    /// [`Comparison::to_json`].
    pub fn render(&self, format: Format, options: Options) -> String {
        if format == Format::Json {
            return self.comparison.to_json();
        }
        let document = self.document(options.language);
        crate::report::write_document(&document, format, options.color)
    }

    /// The result of `kader verify`: the proof in one sentence, then what
    /// shows it.
    pub fn render_proof(&self, format: Format, options: Options) -> String {
        if format == Format::Json {
            return self.comparison.to_json();
        }
        let w = words(options.language);
        let mut document = self.document(options.language);
        let sentence = match self.comparison.not_looser() {
            Proof::Proved => w.verify_proved,
            Proof::Refuted => w.verify_refuted,
            Proof::Undecided => w.verify_undecided,
        };
        let (old, new) = (name(self.old), name(self.new));
        let lead = fill(sentence, &[("old", &old), ("new", &new)]);
        document
            .blocks
            .insert(1, Block::Paragraph(vec![strong(lead)]));
        document.title = fill(w.verify_title, &[("old", &old), ("new", &new)]);
        crate::report::write_document(&document, format, options.color)
    }

    fn document(&self, language: Language) -> Document {
        let w = words(language);
        let c = self.comparison;
        let (old, new) = (name(self.old), name(self.new));
        let mut blocks = vec![
            Block::Meta(vec![text(match self.until {
                None => fill(w.exhaustive_meta, &[("date", &w.date(self.as_of))]),
                Some(until) => fill(
                    w.exhaustive_meta_span,
                    &[("from", &w.date(self.as_of)), ("to", &w.date(until))],
                ),
            })]),
            Block::Paragraph(vec![strong(fill(
                verdict_sentence(&c.verdict.relation, w),
                &[("old", &old), ("new", &new)],
            ))]),
        ];
        let verdict: Vec<Item> = self
            .details(&c.verdict, Of::Verdict, w)
            .into_iter()
            .map(Item::line)
            .collect();
        if !verdict.is_empty() {
            blocks.push(Block::List(verdict));
        }
        blocks.push(Block::Section(self.section(
            w.themes,
            &c.themes,
            Of::Theme,
            w,
        )));
        blocks.push(Block::Section(self.section(
            w.exhaustive_criteria,
            &c.criteria,
            Of::Criterion,
            w,
        )));
        Document {
            title: fill(w.exhaustive_title, &[("before", &old), ("after", &new)]),
            language,
            kind: "diff",
            wide: false,
            blocks,
        }
    }

    /// A heading, each item that changes with its witnesses, and how many
    /// stay the same.
    fn section(&self, title: &str, items: &[Found], of: Of, w: &Words) -> Vec<Block> {
        let mut blocks = vec![heading(2, vec![text(title)])];
        let mut list = Vec::new();
        let mut same = 0;
        for item in items {
            if item.finding.relation == Relation::Equivalent {
                same += 1;
                continue;
            }
            let title = match of {
                Of::Theme => self
                    .new
                    .themes
                    .iter()
                    .find(|t| t.id == item.id)
                    .map(|t| &t.title),
                _ => self
                    .new
                    .criteria
                    .iter()
                    .find(|c| c.id == item.id)
                    .map(|c| &c.title),
            };
            let label = match title {
                Some(title) => format!("{} {title}", item.id),
                None => item.id.clone(),
            };
            let mut line: Inlines = vec![strong(label)];
            line.push(text(format!(
                ": {}",
                relation_word(&item.finding.relation, w)
            )));
            let details = self.details(&item.finding, of, w);
            list.push(Item {
                number: None,
                text: line,
                details,
            });
        }
        if !list.is_empty() {
            blocks.push(Block::List(list));
        }
        let form = match of {
            Of::Theme => &w.exhaustive_same_themes,
            _ => &w.exhaustive_same_criteria,
        };
        if same > 0 {
            blocks.push(Block::Paragraph(vec![text(plural(form, same, &[]))]));
        }
        blocks
    }

    /// A finding's witnesses, or why it is undecided, a line each.
    fn details(&self, finding: &Finding, of: Of, w: &Words) -> Vec<Inlines> {
        if let Relation::Undecided { because } = &finding.relation {
            return because
                .iter()
                .map(|b| {
                    vec![text(format!(
                        "{} {}",
                        w.exhaustive_undecided_because,
                        reason(b, w)
                    ))]
                })
                .collect();
        }
        finding
            .witnesses
            .iter()
            .map(|witness| self.witness(witness, of, w))
            .collect()
    }

    /// "Een school met «Respons» 75%: voldoet onder 1, voldoet niet onder 2."
    fn witness(&self, witness: &Witness, of: Of, w: &Words) -> Inlines {
        let values = self.values_that_matter(witness, w);
        let school = if values.is_empty() {
            w.exhaustive_school_as_compliant.to_string()
        } else {
            fill(w.exhaustive_school_with, &[("values", &w.list(&values))])
        };
        let (old, new) = (name(self.old), name(self.new));
        vec![
            Inline::Aside(vec![text(format!("{}:", w.exhaustive_example))]),
            text(format!(
                " {} {}",
                school,
                fill(
                    w.exhaustive_before_after,
                    &[
                        ("before", standing(witness.before, of, w)),
                        ("after", standing(witness.after, of, w)),
                        ("old", &old),
                        ("new", &new),
                    ],
                )
            )),
        ]
    }

    /// The values a witness sets away from the compliant school, as
    /// "«label» value", read back from the witness's own document under
    /// the new version (or, for evidence only the old one declares, the
    /// old).
    fn values_that_matter(&self, witness: &Witness, w: &Words) -> Vec<String> {
        let text = witness.evidence.to_string();
        let new = Evidence::from_json(self.new, &text).ok();
        // Read under the old version only for evidence the new one lacks.
        let old = std::cell::OnceCell::new();
        witness
            .differs
            .iter()
            .map(|path| {
                labelled(self.new, new.as_ref(), path, w)
                    .or_else(|| {
                        let old = old.get_or_init(|| Evidence::from_json(self.old, &text).ok());
                        labelled(self.old, old.as_ref(), path, w)
                    })
                    .unwrap_or_else(|| w.quote(path))
            })
            .collect()
    }
}

/// "«label»: value" of the evidence at `path`, as `framework` reads it.
fn labelled(
    framework: &Framework,
    evidence: Option<&Evidence>,
    path: &str,
    w: &Words,
) -> Option<String> {
    let slot = *framework.slot_by_path.get(path)? as usize;
    let declared = framework.slots.get(slot)?;
    let value = match evidence?.values.get(slot)? {
        None => w.exhaustive_not_supplied.to_string(),
        Some(Supplied::One(v)) => shown(v, &declared.ty, w),
        Some(Supplied::Many(items)) => {
            let element = match &declared.ty {
                Type::List(e) => e.as_ref(),
                other => other,
            };
            let values: Vec<String> = items.iter().map(|v| shown(v, element, w)).collect();
            if values.is_empty() {
                w.exhaustive_empty_list.to_string()
            } else {
                w.list(&values)
            }
        }
    };
    let label = declared.label.as_deref().unwrap_or(path);
    Some(format!("{}: {value}", w.quote(label)))
}

/// A value of an example school: a text in quotes, so that an empty one
/// shows.
fn shown(value: &Value, ty: &Type, w: &Words) -> String {
    match value {
        Value::Text(t) if t.is_empty() => w.exhaustive_empty_text.to_string(),
        Value::Text(t) => w.quote(t),
        _ => w.value(value, ty),
    }
}

/// What a finding is about.
#[derive(Clone, Copy)]
enum Of {
    Verdict,
    Theme,
    Criterion,
}

/// A version as the documents name it: `basiskader 2026.1`.
fn name(fw: &Framework) -> String {
    format!("{} {}", fw.id(), fw.version())
}

fn relation_word(relation: &Relation, w: &Words) -> &'static str {
    match relation {
        Relation::Equivalent => w.relation_equivalent,
        Relation::Stricter => w.relation_stricter,
        Relation::Looser => w.relation_looser,
        Relation::Incomparable => w.relation_incomparable,
        Relation::Undecided { .. } => w.relation_undecided,
    }
}

fn verdict_sentence(relation: &Relation, w: &Words) -> &'static str {
    match relation {
        Relation::Equivalent => w.verdict_equivalent,
        Relation::Stricter => w.verdict_stricter,
        Relation::Looser => w.verdict_looser,
        Relation::Incomparable => w.verdict_incomparable,
        Relation::Undecided { .. } => w.verdict_undecided,
    }
}

fn standing(standing: Standing, of: Of, w: &Words) -> &'static str {
    match (standing, of) {
        (Standing::Verdict(Verdict::Certified), _) => w.exhaustive_certified,
        (Standing::Verdict(Verdict::NotCertified), _) => w.exhaustive_not_certified,
        (Standing::Verdict(Verdict::InsufficientEvidence), _) => w.exhaustive_insufficient,
        (Standing::Status(status) | Standing::Level { status, .. }, _) => status_word(status, w),
    }
}

fn status_word(status: Status, w: &Words) -> &'static str {
    crate::report::status_word(status, None, w)
}

fn reason(because: &Because, w: &Words) -> String {
    match because {
        Because::Condition {
            criterion,
            condition,
        } => fill(
            w.because_condition,
            &[("criterion", criterion), ("condition", condition)],
        ),
        Because::TypeChanged { path } => fill(w.because_type_changed, &[("path", path)]),
        Because::Unrepresentable { path } => fill(w.because_unrepresentable, &[("path", path)]),
        Because::TooMany { limit } => {
            fill(w.because_too_many, &[("limit", &w.number((*limit).into()))])
        }
        Because::Unconfirmed => w.because_unconfirmed.to_string(),
    }
}
