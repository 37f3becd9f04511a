//! `kader doc`: the framework as a document a school reads — per theme and
//! criterion what is required, which evidence to supply, the legal basis,
//! who acts, what to do, and the scoring rules in words. One document of
//! the layout model, written as Markdown or as HTML by its backends;
//! conditions are read aloud by the `Verbaliser`.

use crate::check::MessagePart;
use crate::compile::{CompiledCriterion, CompiledTheme, Condition, Framework, Reads};
use crate::layout::{
    self, column, fill, push_runs, push_text, strong, table, text, Block, Cell, Definition,
    Document, Inline, Inlines, Item,
};
use crate::value::format_percent;
use crate::verbalise::Verbaliser;
use crate::words::{cap, fill as fill_words, words, Words};

/// The output format of [`document`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocFormat {
    /// Markdown.
    Markdown,
    /// One self-contained HTML page.
    Html,
}

/// Renders the framework as a document, in the framework's language.
pub fn document(framework: &Framework, format: DocFormat) -> String {
    let document = build(framework);
    match format {
        DocFormat::Markdown => layout::markdown::render(&document),
        DocFormat::Html => layout::html::render(&document),
    }
}

/// The anchors of the parts the contents lead to.
const SCORING: &str = "scoring";
const EVIDENCE: &str = "evidence";
const TERMS: &str = "terms";

/// The framework as a document of the layout model.
fn build(fw: &Framework) -> Document {
    let w = words(fw.language);
    let mut builder = Builder {
        fw,
        w,
        verbaliser: Verbaliser::new(fw, fw.language),
    };
    let mut blocks = vec![Block::Meta(vec![
        Inline::Code(fw.id.clone()),
        text(format!(", {} {}", w.version, fw.version)),
    ])];
    if let Some(line) = layering(fw, w) {
        blocks.push(Block::Meta(line));
    }
    blocks.push(Block::Section(contents(fw, w)));
    for theme in &fw.themes {
        blocks.push(Block::Section(builder.theme(theme)));
    }
    blocks.push(Block::Section(scoring(fw, w)));
    blocks.push(Block::Section(evidence(fw, w)));
    // Last: the defines the conditions above named rather than spelled out.
    let terms = builder.verbaliser.terms();
    if !terms.is_empty() {
        let entries = terms
            .into_iter()
            .map(|(name, words)| Definition {
                term: vec![Inline::Code(name)],
                description: words,
                details: Vec::new(),
            })
            .collect();
        blocks.push(Block::Section(vec![
            anchored(TERMS, vec![text(w.terms)]),
            Block::Definitions(entries),
        ]));
    }
    Document {
        title: fw.title.clone(),
        language: fw.language,
        kind: "framework",
        wide: false,
        blocks,
    }
}

/// A section's heading that links lead to.
fn anchored(id: &str, text: Inlines) -> Block {
    Block::Anchored {
        id: id.to_string(),
        block: Box::new(Block::Heading { level: 2, text }),
    }
}

fn theme_anchor(theme: &CompiledTheme) -> String {
    format!("theme-{}", theme.id.to_lowercase())
}

/// A link to every theme and to the scoring and the evidence.
fn contents(fw: &Framework, w: &Words) -> Vec<Block> {
    let link = |to: String, title: &str| {
        Item::line(vec![Inline::Link {
            to,
            text: vec![text(title)],
        }])
    };
    let mut items: Vec<Item> = fw
        .themes
        .iter()
        .map(|theme| link(theme_anchor(theme), &theme.title))
        .collect();
    items.push(link(SCORING.into(), w.scoring));
    items.push(link(EVIDENCE.into(), w.all_evidence));
    vec![
        Block::Heading {
            level: 2,
            text: vec![text(w.contents)],
        },
        Block::List(items),
    ]
}

/// For a layer: which frameworks it builds on.
fn layering(fw: &Framework, w: &Words) -> Option<Inlines> {
    if fw.extends.is_empty() {
        return None;
    }
    let mut bases = Vec::new();
    for (i, (id, version)) in fw.extends.iter().enumerate() {
        if i > 0 {
            bases.push(text(format!(", {} ", w.on)));
        }
        bases.push(Inline::Code(id.clone()));
        bases.push(text(format!(" {version}")));
    }
    Some(fill(w.layer_on, &[("bases", bases)]))
}

/// "lokaal (`voorbeeldstad`)", "aangescherpt door `voorbeeldstad`": what a
/// layer of a layered framework added or tightened; `None` for the base's
/// own content and for a framework that extends nothing.
fn local_mark(fw: &Framework, w: &Words, layer: &str, tightened_by: &[String]) -> Option<Inlines> {
    let bottom = fw.extends.last()?;
    let mut mark = Vec::new();
    if layer != bottom.0 {
        mark.extend([
            text(format!("{} (", w.local)),
            Inline::Code(layer.to_string()),
            text(")"),
        ]);
    }
    for (i, by) in tightened_by.iter().enumerate() {
        match i {
            0 if mark.is_empty() => mark.push(text(format!("{} ", w.tightened_by))),
            0 => mark.push(text(format!(" · {} ", w.tightened_by))),
            _ => mark.push(text(", ")),
        }
        mark.push(Inline::Code(by.clone()));
    }
    (!mark.is_empty()).then_some(mark)
}

/// The themes and their criteria, with one [`Verbaliser`] for all their
/// conditions: the defines it names are spelled out once, at the end.
struct Builder<'a> {
    fw: &'a Framework,
    w: &'static Words,
    verbaliser: Verbaliser<'a>,
}

impl Builder<'_> {
    fn theme(&mut self, theme: &CompiledTheme) -> Vec<Block> {
        let (fw, w) = (self.fw, self.w);
        let mut blocks = vec![anchored(
            &theme_anchor(theme),
            vec![
                text(format!("{} (", theme.title)),
                Inline::Code(theme.id.clone()),
                text(")"),
            ],
        )];
        if let Some(local) = local_mark(fw, w, &theme.layer, &[]) {
            blocks.push(Block::Paragraph(vec![Inline::Aside(local)]));
        }
        blocks.push(Block::Paragraph(vec![text(theme_rule(w, theme))]));
        for &index in &theme.criteria {
            if let Some(c) = fw.criteria.get(index as usize) {
                blocks.extend(self.criterion(c));
            }
        }
        blocks
    }

    /// A criterion: its heading, its facts in one line, what it requires
    /// and reads, and what to do.
    fn criterion(&mut self, c: &CompiledCriterion) -> Vec<Block> {
        let mut blocks = vec![
            Block::Heading {
                level: 3,
                text: vec![text(format!("{} — {}", c.id, c.title))],
            },
            Block::Paragraph(vec![Inline::Aside(facts(self.fw, self.w, c))]),
        ];
        let entries = self.requirements(c);
        if !entries.is_empty() {
            blocks.push(Block::Definitions(entries));
        }
        if let Some(guidance) = &c.guidance {
            blocks.push(Block::Paragraph(vec![
                strong(format!("{}.", self.w.action)),
                text(format!(" {guidance}")),
            ]));
        }
        blocks
    }

    /// The legal basis, when it applies, each requirement, the levels and
    /// the evidence to supply.
    fn requirements(&mut self, c: &CompiledCriterion) -> Vec<Definition> {
        let w = self.w;
        let mut entries = Vec::new();
        if let Some(legal) = &c.legal {
            entries.push(entry(cap(w.statutory_basis), vec![text(legal.as_str())]));
        }
        if let Some(applies) = &c.applies {
            let words = self.condition(applies);
            entries.push(entry(cap(w.applies_when), words));
        }
        for r in &c.requirements {
            let mut words = self.condition(&r.condition);
            if let Some(parts) = &r.message {
                let message = template(self.fw, parts);
                push_text(&mut words, &format!(" — {}: “{message}”", w.gap_message));
            }
            entries.push(entry(cap(w.expected), words));
        }
        if let Some(score) = &c.score {
            let level = |level: u64| format!("{} {level}/{}: ", w.level, score.max);
            let mut details: Vec<Inlines> = Vec::new();
            for (n, condition) in &score.levels {
                let mut line = vec![text(level(*n))];
                push_runs(&mut line, self.condition(condition));
                details.push(line);
            }
            details.push(vec![text(level(score.otherwise) + w.otherwise)]);
            entries.push(Definition {
                details,
                ..entry(w.levels.to_string(), Vec::new())
            });
        }
        entries.extend(to_supply(self.fw, w, c));
        entries
    }

    /// A condition in words, and as the author wrote it.
    fn condition(&mut self, condition: &Condition) -> Inlines {
        let mut words: Inlines = self.verbaliser.condition(condition.expr);
        words.extend([
            text(" ("),
            Inline::Code(condition.notation.clone()),
            text(")"),
        ]);
        words
    }
}

/// Mandatory or not, its weight, who acts, and what a layer did to it.
fn facts(fw: &Framework, w: &Words, c: &CompiledCriterion) -> Inlines {
    let mut facts = vec![text(if c.mandatory { w.knock_out } else { w.optional })];
    if c.weight != 1 {
        push_text(&mut facts, &format!(" · {} {}", w.weight, c.weight));
    }
    push_text(
        &mut facts,
        &format!(" · {}: {}", w.owner, fw.partner_name(&c.owner, fw.language)),
    );
    if let Some(local) = local_mark(fw, w, &c.layer, &c.tightened_by) {
        push_text(&mut facts, " · ");
        push_runs(&mut facts, local);
    }
    facts
}

/// A fact of a criterion: its name in strong type, and what it says.
fn entry(term: String, description: Inlines) -> Definition {
    Definition {
        term: vec![strong(term)],
        description,
        details: Vec::new(),
    }
}

/// The evidence a criterion reads, each by its label, path and type.
fn to_supply(fw: &Framework, w: &Words, c: &CompiledCriterion) -> Option<Definition> {
    let reads = criterion_slots(c);
    let mut details: Vec<Inlines> = Vec::new();
    for slot in reads.slots.iter().filter_map(|s| fw.slots.get(*s as usize)) {
        details.push(vec![
            text(format!("{} (", slot.label.as_deref().unwrap_or(&slot.path))),
            Inline::Code(slot.path.clone()),
            text(", "),
            Inline::Code(slot.ty.notation()),
            text(")"),
        ]);
    }
    if reads.more {
        details.push(vec![text(w.and_more)]);
    }
    (!details.is_empty()).then(|| Definition {
        details,
        ..entry(w.evidence_to_supply.to_string(), Vec::new())
    })
}

/// When a theme passes, in one sentence.
fn theme_rule(w: &Words, theme: &CompiledTheme) -> String {
    let mut parts = Vec::new();
    if theme.all_mandatory {
        parts.push(w.theme_rule_mandatory.to_string());
    }
    if let Some(t) = theme.threshold {
        parts.push(fill_words(
            w.theme_rule_score,
            &[("score", &format_percent(t))],
        ));
    }
    if parts.is_empty() {
        format!("{} —.", w.theme_rule)
    } else {
        format!("{} {}.", w.theme_rule, parts.join(&format!(" {} ", w.and)))
    }
}

/// How each theme passes, when a location is certified, and for how long.
fn scoring(fw: &Framework, w: &Words) -> Vec<Block> {
    let rules = fw
        .themes
        .iter()
        .map(|theme| Definition {
            term: vec![strong(theme.title.as_str())],
            description: vec![text(theme_rule(w, theme))],
            details: Vec::new(),
        })
        .collect();
    let mut blocks = vec![
        anchored(SCORING, vec![text(w.scoring)]),
        Block::Definitions(rules),
        Block::Paragraph(vec![text(w.certified_rule)]),
    ];
    if let Some(validity) = fw.validity {
        let period = w.period(&validity.to_string());
        blocks.push(Block::Paragraph(vec![text(fill_words(
            w.validity,
            &[("period", &period)],
        ))]));
    }
    if let Some(midterm) = fw.midterm {
        let period = w.period(&midterm.to_string());
        blocks.push(Block::Paragraph(vec![text(fill_words(
            w.doc_midterm,
            &[("period", &period)],
        ))]));
    }
    let verified: Vec<&str> = fw
        .criteria
        .iter()
        .filter(|c| c.verified_at_audit)
        .map(|c| c.id.as_str())
        .collect();
    if !verified.is_empty() {
        blocks.push(Block::Paragraph(vec![text(fill_words(
            w.doc_audit_verified,
            &[("criteria", &verified.join(", "))],
        ))]));
    }
    blocks
}

/// Every piece of evidence: its path, its type and its label.
fn evidence(fw: &Framework, w: &Words) -> Vec<Block> {
    let rows = fw
        .slots
        .iter()
        .map(|slot| {
            vec![
                Cell::of(vec![Inline::Code(slot.path.clone())]),
                Cell::of(vec![Inline::Code(slot.ty.notation())]),
                Cell::text(slot.label.as_deref().unwrap_or("")),
            ]
        })
        .collect();
    vec![
        anchored(EVIDENCE, vec![text(w.all_evidence)]),
        table(vec![column(w.path), column(w.kind), column(w.label)], rows),
    ]
}

/// The evidence a criterion reads, in order of first use (as many as a gap
/// lists).
pub(crate) fn criterion_slots(c: &CompiledCriterion) -> Reads {
    let mut reads = Reads::default();
    let mut add = |condition: &Condition| {
        for conjunct in &condition.conjuncts {
            reads.extend(&conjunct.reads);
        }
    };
    if let Some(a) = &c.applies {
        add(a);
    }
    for r in &c.requirements {
        add(&r.condition);
    }
    if let Some(score) = &c.score {
        for (_, condition) in &score.levels {
            add(condition);
        }
    }
    reads
}

/// A gap message as the author wrote it, each piece of evidence by its path.
fn template(fw: &Framework, parts: &[MessagePart]) -> String {
    parts
        .iter()
        .map(|p| match p {
            MessagePart::Literal(t) => t.clone(),
            MessagePart::Slot(s) => format!(
                "{{{}}}",
                fw.slots.get(*s).map_or("?", |slot| slot.path.as_str())
            ),
        })
        .collect()
}
