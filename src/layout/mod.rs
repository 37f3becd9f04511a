//! The layout model: a document kader writes for people (a report, a plan,
//! an overview), built once as headings, paragraphs, lists and tables of
//! inline runs, and written by one of three backends: terminal text
//! ([`text`]), Markdown ([`markdown`]) and self-contained HTML ([`html`]).
//!
//! A document says what it shows, never how: no escaping, no markup and no
//! colours in its text. Each backend escapes every run for its own format,
//! so author text reads as written everywhere, and a new section or a new
//! format is one change.

pub(crate) mod html;
pub(crate) mod markdown;
pub(crate) mod text;

use rust_decimal::Decimal;

use crate::terms::Language;
use crate::words::{fill_with, Piece};

/// A document: its title (the page's title, and its first heading) and
/// what stands under it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Document {
    pub title: String,
    pub language: Language,
    /// What kind of document it is (`overview`, `report`, `plan`,
    /// `framework`): the HTML article's class.
    pub kind: &'static str,
    /// Whether the page may use the whole window (a table with a column
    /// per theme).
    pub wide: bool,
    pub blocks: Vec<Block>,
}

/// A run of inline text.
pub(crate) type Inlines = Vec<Inline>;

/// One block of a document.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Block {
    /// A line under the title: what the document covers.
    Meta(Inlines),
    /// A heading; level 2 is a section's, 3 one within a section.
    Heading {
        level: u8,
        text: Inlines,
    },
    Paragraph(Inlines),
    /// A paragraph set apart: the stage and what it means.
    Callout(Inlines),
    /// Small print: a legend.
    Detail(Inlines),
    /// A list of items; numbered when its items carry numbers.
    List(Vec<Item>),
    /// Terms and what each stands for: a criterion's facts, a glossary.
    Definitions(Vec<Definition>),
    Table(Table),
    /// A part of the document with a heading of its own.
    Section(Vec<Block>),
    /// A part set apart in a box: what it takes to be certified.
    Boxed(Vec<Block>),
    /// A note set apart in a frame: its title and a few short lines (a
    /// certificate).
    Note {
        title: String,
        lines: Vec<Inlines>,
    },
    /// Entries that each carry a status: a criterion and its gaps, an
    /// exception and why it was granted.
    Entries(Vec<Entry>),
    /// Labelled bars against a mark: a picture in HTML, and nothing where
    /// no picture can be drawn (the table beside it says the same).
    Chart(Chart),
    /// Lanes of coloured stretches over a span of days: a picture in
    /// HTML, and nothing where no picture can be drawn (the tables beside
    /// it say the same).
    Timeline(Timeline),
    /// A block that a [`Inline::Link`] within the document can lead to,
    /// by its id.
    Anchored {
        id: String,
        block: Box<Block>,
    },
}

/// One entry with a status: a line naming it, what kind of entry it is,
/// and items under it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Entry {
    pub tone: Tone,
    /// The status as a symbol (✔ ✘ ?).
    pub mark: String,
    pub head: Inlines,
    /// The status in words.
    pub status: String,
    /// What kind of entry it is: "verplicht · aan zet: school".
    pub tags: Inlines,
    /// Items under it (a gap), each with its detail (what was expected
    /// and found).
    pub items: Vec<Item>,
}

/// A chart of labelled bars, each reaching a share of the whole.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Chart {
    /// What it shows: its caption, and its name for a screen reader.
    pub caption: String,
    pub bars: Vec<Bar>,
    /// The legend's words for the part reached, the part still open and
    /// the mark.
    pub reached: String,
    pub open: String,
    pub mark: String,
}

/// Lanes over one span of days, each a row of stretches in the colour
/// of what holds then (a certificate's health over its validity).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Timeline {
    /// What it shows: its caption, and its name for a screen reader.
    pub caption: String,
    pub lanes: Vec<Lane>,
    /// Marks along the axis: where, as a share of the span, and their
    /// words (a date).
    pub ticks: Vec<(Decimal, String)>,
    /// Each colour shown, and what it stands for.
    pub legend: Vec<(Tone, String)>,
}

/// One lane of a timeline: its label, and its stretches in order.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Lane {
    pub label: String,
    pub stretches: Vec<Stretch>,
}

/// A stretch of a lane: from and to as shares of the span.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Stretch {
    pub from: Decimal,
    pub to: Decimal,
    pub tone: Tone,
    /// What holds then, with its dates (a tooltip in HTML).
    pub hint: String,
}

/// One bar: the share it reaches for certain, the share it may still
/// reach, and the mark it is measured against, each a fraction of the
/// whole.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Bar {
    pub label: String,
    /// The share as written beside the bar: `83.3%–100%`.
    pub value: String,
    pub low: Option<Decimal>,
    /// The most it may reach, while it is still open.
    pub high: Option<Decimal>,
    pub mark: Option<Decimal>,
    pub tone: Tone,
    /// More about the bar (a tooltip in HTML).
    pub hint: String,
}

/// One item of a list: a line, and lines of detail under it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Item {
    /// Its number in a numbered list: a plan's actions keep their numbers
    /// when grouped per partner.
    pub number: Option<usize>,
    pub text: Inlines,
    pub details: Vec<Inlines>,
}

impl Item {
    /// An item of one line.
    pub(crate) fn line(text: Inlines) -> Item {
        Item {
            number: None,
            text,
            details: Vec::new(),
        }
    }
}

/// One entry of a list of definitions: a term, what it stands for, and
/// lines of detail under it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Definition {
    pub term: Inlines,
    /// Empty when the details say it all.
    pub description: Inlines,
    pub details: Vec<Inlines>,
}

/// Inline text.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Inline {
    Text(String),
    Strong(Inlines),
    /// A name as the framework spells it: an id, a path.
    Code(String),
    /// Quieter text beside the main text: "(verplicht)", a location's id.
    Aside(Inlines),
    /// A verdict or status on a label of its colour.
    Badge {
        tone: Tone,
        text: String,
    },
    /// Strong text in the colour of a status: an action's criterion.
    Marked {
        tone: Tone,
        text: String,
    },
    /// A status as its symbol (✔ ✘ ?), beside its word.
    Mark(String),
    /// A verdict, after what it answers ("Oordeel"), on a large label of
    /// its colour; the two in bold where no label can be drawn.
    Verdict {
        label: String,
        tone: Tone,
        text: String,
    },
    /// A line break within a table cell (a name, and its id under it);
    /// where lines cannot break, a dash.
    Break,
    /// A link to the block anchored by the id `to`, in the same document;
    /// where nothing can be followed, its text.
    Link {
        to: String,
        text: Inlines,
    },
}

/// What a coloured element stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tone {
    Pass,
    Fail,
    Open,
    Muted,
    Certified,
    NotCertified,
    Insufficient,
}

/// A table: its columns and rows of cells.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
    /// Smaller print and a scroll bar where the window is narrow.
    pub compact: bool,
}

/// A table of these columns and rows, in normal print.
pub(crate) fn table(columns: Vec<Column>, rows: Vec<Vec<Cell>>) -> Block {
    Block::Table(Table {
        columns,
        rows,
        compact: false,
    })
}

/// A column's heading and how its cells align.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Column {
    pub head: Inlines,
    /// Numbers, aligned right.
    pub numeric: bool,
    /// What an abbreviated heading stands for (a tooltip in HTML).
    pub hint: Option<String>,
}

/// One cell of a table.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Cell {
    pub content: Inlines,
    pub tone: Option<Tone>,
    /// More about the cell (a tooltip in HTML).
    pub hint: Option<String>,
    /// Kept on one line (a date).
    pub nowrap: bool,
}

// ---------------------------------------------------------------- building

/// Plain text.
pub(crate) fn text(s: impl Into<String>) -> Inline {
    Inline::Text(s.into())
}

/// Strong text.
pub(crate) fn strong(s: impl Into<String>) -> Inline {
    Inline::Strong(vec![Inline::Text(s.into())])
}

/// A heading: level 2 for a section, 3 within one.
pub(crate) fn heading(level: u8, text: Inlines) -> Block {
    Block::Heading { level, text }
}

/// A section's heading of plain text.
pub(crate) fn section_heading(text: impl Into<String>) -> Block {
    heading(2, vec![self::text(text)])
}

/// A column.
pub(crate) fn column(head: impl Into<String>) -> Column {
    Column {
        head: vec![text(head)],
        numeric: false,
        hint: None,
    }
}

/// A column of numbers.
pub(crate) fn numeric(head: impl Into<String>) -> Column {
    Column {
        numeric: true,
        ..column(head)
    }
}

impl Cell {
    /// A cell of plain text.
    pub(crate) fn text(s: impl Into<String>) -> Cell {
        Cell::of(vec![text(s)])
    }

    /// A cell of inline runs.
    pub(crate) fn of(content: Inlines) -> Cell {
        Cell {
            content,
            ..Cell::default()
        }
    }

    /// The cell in a tone.
    pub(crate) fn tone(self, tone: Tone) -> Cell {
        Cell {
            tone: Some(tone),
            ..self
        }
    }
}

/// Appends text to runs, to the last run when it is plain text too: the
/// runs stay as few as the marks they carry.
pub(crate) fn push_text(runs: &mut Inlines, s: &str) {
    if s.is_empty() {
        return;
    }
    match runs.last_mut() {
        Some(Inline::Text(last)) => last.push_str(s),
        _ => runs.push(Inline::Text(s.to_string())),
    }
}

/// Appends runs to runs, plain text joined as by [`push_text`].
/// A condition read aloud into runs: a define's name as code.
impl crate::verbalise::Runs for Inlines {
    fn text(&mut self, text: &str) {
        push_text(self, text);
    }

    fn term(&mut self, name: &str) {
        self.push(Inline::Code(name.to_string()));
    }

    fn append(&mut self, other: &Self) {
        push_runs(self, other.clone());
    }
}

pub(crate) fn push_runs(runs: &mut Inlines, more: Inlines) {
    for run in more {
        match run {
            Inline::Text(t) => push_text(runs, &t),
            other => runs.push(other),
        }
    }
}

/// A template of the catalogue (`niet {value}`) filled with runs: the words
/// around the placeholders as plain text, each placeholder the runs given
/// for it (an unknown one is left as written).
pub(crate) fn fill(template: &str, args: &[(&str, Inlines)]) -> Inlines {
    let mut runs = Vec::new();
    fill_with(template, args, |piece| match piece {
        Piece::Text(t) => push_text(&mut runs, t),
        Piece::Value(value) => push_runs(&mut runs, value.clone()),
    });
    runs
}

/// An id as the backends write it, in an anchor and in a link to it alike:
/// letters, digits, `-` and `_` as they are, anything else a `-`, so that
/// no id can leave its attribute or its link.
pub(crate) fn anchor_id(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

impl Inline {
    /// The text of a run with every mark left out: what a tooltip or a
    /// plain line shows.
    pub(crate) fn plain(runs: &[Inline]) -> String {
        let mut out = String::new();
        for run in runs {
            match run {
                Inline::Text(t) | Inline::Code(t) | Inline::Mark(t) => out.push_str(t),
                Inline::Badge { text, .. } | Inline::Marked { text, .. } => out.push_str(text),
                Inline::Verdict { label, text, .. } => {
                    out.push_str(label);
                    out.push_str(": ");
                    out.push_str(text);
                }
                Inline::Strong(inner) | Inline::Aside(inner) | Inline::Link { text: inner, .. } => {
                    out.push_str(&Inline::plain(inner));
                }
                Inline::Break => out.push_str(" — "),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn plain_text_leaves_every_mark_out() {
        let runs = vec![
            strong("F4"),
            text(" Ontruiming "),
            Inline::Aside(vec![text("(verplicht)")]),
            Inline::Break,
            Inline::Code("evacuation.drills".into()),
        ];
        assert_eq!(
            Inline::plain(&runs),
            "F4 Ontruiming (verplicht) — evacuation.drills"
        );
    }

    #[test]
    fn a_template_is_filled_with_runs_and_plain_text_joined() {
        let value = vec![text("("), Inline::Code("x".into()), text(")")];
        assert_eq!(
            fill("niet {value} {other}.", &[("value", value)]),
            vec![text("niet ("), Inline::Code("x".into()), text(") {other}."),]
        );
    }

    /// Author text with every character a format gives a meaning.
    fn words() -> impl Strategy<Value = String> {
        "[a-zé<>&\"'|*_#`~\\\\\\[\\] \n]{1,10}"
    }

    fn inline() -> impl Strategy<Value = Inline> {
        prop_oneof![
            words().prop_map(Inline::Text),
            words().prop_map(|t| Inline::Strong(vec![Inline::Text(t)])),
            words().prop_map(Inline::Code),
            words().prop_map(|t| Inline::Aside(vec![Inline::Text(t)])),
            words().prop_map(|text| Inline::Badge {
                tone: Tone::Fail,
                text
            }),
            words().prop_map(|text| Inline::Marked {
                tone: Tone::Pass,
                text
            }),
            words().prop_map(Inline::Mark),
            (words(), words()).prop_map(|(label, text)| Inline::Verdict {
                label,
                tone: Tone::Certified,
                text
            }),
            Just(Inline::Break),
            (words(), words()).prop_map(|(to, t)| Inline::Link {
                to,
                text: vec![Inline::Text(t)]
            }),
        ]
    }

    fn runs() -> impl Strategy<Value = Inlines> {
        proptest::collection::vec(inline(), 1..4)
    }

    fn items() -> impl Strategy<Value = Vec<Item>> {
        proptest::collection::vec((runs(), proptest::collection::vec(runs(), 0..2)), 1..3).prop_map(
            |items| {
                items
                    .into_iter()
                    .enumerate()
                    .map(|(n, (text, details))| Item {
                        number: Some(n + 1),
                        text,
                        details,
                    })
                    .collect()
            },
        )
    }

    fn share() -> impl Strategy<Value = Option<Decimal>> {
        proptest::option::of((0u32..=120).prop_map(|n| Decimal::new(i64::from(n), 2)))
    }

    /// A block that holds no other blocks, of every such kind.
    fn leaf() -> impl Strategy<Value = Block> {
        prop_oneof![
            runs().prop_map(Block::Meta),
            runs().prop_map(Block::Paragraph),
            runs().prop_map(Block::Callout),
            runs().prop_map(Block::Detail),
            runs().prop_map(|text| Block::Heading { level: 2, text }),
            items().prop_map(Block::List),
            proptest::collection::vec(
                (runs(), runs(), proptest::collection::vec(runs(), 0..2)),
                1..3
            )
            .prop_map(|entries| Block::Definitions(
                entries
                    .into_iter()
                    .map(|(term, description, details)| Definition {
                        term,
                        description,
                        details
                    })
                    .collect()
            )),
            (words(), runs()).prop_map(|(id, text)| Block::Anchored {
                id,
                block: Box::new(Block::Heading { level: 3, text })
            }),
            (words(), runs()).prop_map(|(id, runs)| Block::Anchored {
                id,
                block: Box::new(Block::Paragraph(runs))
            }),
            (runs(), proptest::collection::vec(runs(), 1..3)).prop_map(|(head, cells)| {
                Block::Table(Table {
                    columns: vec![Column {
                        head,
                        numeric: false,
                        hint: None,
                    }],
                    rows: cells.into_iter().map(|c| vec![Cell::of(c)]).collect(),
                    compact: false,
                })
            }),
            (words(), proptest::collection::vec(runs(), 0..3))
                .prop_map(|(title, lines)| Block::Note { title, lines }),
            proptest::collection::vec((words(), runs(), words(), runs(), items()), 1..3).prop_map(
                |entries| Block::Entries(
                    entries
                        .into_iter()
                        .map(|(mark, head, status, tags, items)| Entry {
                            tone: Tone::Open,
                            mark,
                            head,
                            status,
                            tags,
                            items,
                        })
                        .collect()
                )
            ),
            (
                words(),
                proptest::collection::vec(
                    (words(), words(), share(), share(), share(), words()),
                    0..3
                ),
                words(),
            )
                .prop_map(|(caption, bars, legend)| Block::Chart(Chart {
                    caption,
                    bars: bars
                        .into_iter()
                        .map(|(label, value, low, high, mark, hint)| Bar {
                            label,
                            value,
                            low,
                            high,
                            mark,
                            tone: Tone::Muted,
                            hint,
                        })
                        .collect(),
                    reached: legend.clone(),
                    open: legend.clone(),
                    mark: legend,
                })),
        ]
    }

    /// A block of every kind, those that hold blocks too.
    fn block() -> impl Strategy<Value = Block> {
        prop_oneof![
            3 => leaf(),
            1 => proptest::collection::vec(leaf(), 1..3).prop_map(Block::Section),
            1 => proptest::collection::vec(leaf(), 1..3).prop_map(Block::Boxed),
        ]
    }

    /// The text of every run once a format's escapes are read back: those
    /// every backend writes, and those only a picture shows (HTML).
    #[derive(Default)]
    struct Runs {
        everywhere: Vec<String>,
        pictured: Vec<String>,
    }

    fn runs_of(blocks: &[Block], out: &mut Runs) {
        fn one(t: &str) -> String {
            t.replace(['\n', '\r'], " ")
        }
        fn add(out: &mut Vec<String>, runs: &[Inline]) {
            for run in runs {
                match run {
                    Inline::Text(t)
                    | Inline::Code(t)
                    | Inline::Mark(t)
                    | Inline::Badge { text: t, .. }
                    | Inline::Marked { text: t, .. } => out.push(one(t)),
                    Inline::Verdict { label, text, .. } => {
                        out.push(one(label));
                        out.push(one(text));
                    }
                    Inline::Strong(inner)
                    | Inline::Aside(inner)
                    | Inline::Link { text: inner, .. } => add(out, inner),
                    Inline::Break => {}
                }
            }
        }
        for block in blocks {
            match block {
                Block::Meta(r)
                | Block::Paragraph(r)
                | Block::Callout(r)
                | Block::Detail(r)
                | Block::Heading { text: r, .. } => add(&mut out.everywhere, r),
                Block::List(items) => {
                    for item in items {
                        add(&mut out.everywhere, &item.text);
                        item.details
                            .iter()
                            .for_each(|d| add(&mut out.everywhere, d));
                    }
                }
                Block::Table(t) => {
                    t.columns
                        .iter()
                        .for_each(|c| add(&mut out.everywhere, &c.head));
                    t.rows
                        .iter()
                        .flatten()
                        .for_each(|c| add(&mut out.everywhere, &c.content));
                }
                Block::Note { title, lines } => {
                    out.everywhere.push(one(title));
                    lines.iter().for_each(|l| add(&mut out.everywhere, l));
                }
                Block::Entries(entries) => {
                    for entry in entries {
                        out.everywhere.push(one(&entry.mark));
                        add(&mut out.everywhere, &entry.head);
                        out.everywhere.push(one(&entry.status));
                        add(&mut out.everywhere, &entry.tags);
                        for item in &entry.items {
                            add(&mut out.everywhere, &item.text);
                            item.details
                                .iter()
                                .for_each(|d| add(&mut out.everywhere, d));
                        }
                    }
                }
                Block::Chart(chart) => {
                    let pictured = &mut out.pictured;
                    for t in [&chart.caption, &chart.reached, &chart.open, &chart.mark] {
                        pictured.push(one(t));
                    }
                    for bar in &chart.bars {
                        for t in [&bar.label, &bar.value, &bar.hint] {
                            pictured.push(one(t));
                        }
                    }
                }
                Block::Timeline(timeline) => {
                    let pictured = &mut out.pictured;
                    pictured.push(one(&timeline.caption));
                    for lane in &timeline.lanes {
                        pictured.push(one(&lane.label));
                        for s in &lane.stretches {
                            pictured.push(one(&s.hint));
                        }
                    }
                    for (_, t) in &timeline.ticks {
                        pictured.push(one(t));
                    }
                    for (_, t) in &timeline.legend {
                        pictured.push(one(t));
                    }
                }
                Block::Definitions(entries) => {
                    for entry in entries {
                        add(&mut out.everywhere, &entry.term);
                        add(&mut out.everywhere, &entry.description);
                        entry
                            .details
                            .iter()
                            .for_each(|d| add(&mut out.everywhere, d));
                    }
                }
                Block::Section(inner) | Block::Boxed(inner) => runs_of(inner, out),
                Block::Anchored { block, .. } => {
                    runs_of(std::slice::from_ref(block.as_ref()), out);
                }
            }
        }
    }

    /// HTML with its tags taken out and its entities read back.
    fn html_text(html: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for ch in html.chars() {
            match (in_tag, ch) {
                (false, '<') => in_tag = true,
                (true, '>') => in_tag = false,
                (false, c) => out.push(c),
                (true, _) => {}
            }
        }
        out.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
            .replace('\n', " ")
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

        /// A link leads to the block anchored by its id in every format
        /// that can follow it, whatever the id holds.
        #[test]
        fn a_link_leads_to_its_anchor(id in words()) {
            let document = Document {
                title: "T".into(),
                language: Language::Nl,
                kind: "framework",
                wide: false,
                blocks: vec![
                    Block::List(vec![Item::line(vec![Inline::Link {
                        to: id.clone(),
                        text: vec![text("naar")],
                    }])]),
                    Block::Anchored {
                        id,
                        block: Box::new(Block::Heading { level: 2, text: vec![text("doel")] }),
                    },
                ],
            };
            let target = |page: &str, before: &str, after: char| {
                let start = page.find(before).map(|i| i + before.len())?;
                let rest = page.get(start..)?;
                rest.get(..rest.find(after)?).map(str::to_string)
            };
            let html = html::render(&document);
            let href = target(&html, "href=\"#", '"');
            prop_assert!(href.is_some(), "{html}");
            prop_assert_eq!(&href, &target(&html, "<h2 id=\"", '"'));
            let markdown = markdown::render(&document);
            let link = target(&markdown, "](#", ')');
            prop_assert!(link.is_some(), "{markdown}");
            prop_assert_eq!(&link, &target(&markdown, "<a id=\"", '"'));
        }

        /// Every run of text reaches every backend whole, and in HTML
        /// none of it becomes markup: the tags the page has are the ones
        /// the backend wrote.
        #[test]
        fn every_backend_writes_every_run_as_written(
            blocks in proptest::collection::vec(block(), 1..5),
            title in words(),
        ) {
            let document = Document {
                title,
                language: Language::Nl,
                kind: "report",
                wide: false,
                blocks,
            };
            let mut all = Runs::default();
            runs_of(&document.blocks, &mut all);
            let runs = all.everywhere;
            let html = html_text(&html::article(&document));
            for run in &all.pictured {
                prop_assert!(html.contains(run.as_str()), "HTML lost {run:?} from a chart");
            }
            let plain = text::render(&document, false);
            for run in &runs {
                prop_assert!(html.contains(run.as_str()), "HTML lost {run:?}");
                // A line of text ends without spaces.
                prop_assert!(plain.contains(run.trim()), "text lost {run:?}");
            }
            let markdown = markdown::render(&document);
            for line in markdown.lines() {
                let bare = line.trim_start_matches(['#', ' ', '-', '>']);
                // The one tag Markdown is given: an anchor of the document's own.
                let anchor = bare.strip_prefix("<a id=\"").and_then(|id| id.strip_suffix("\"></a>"));
                prop_assert!(
                    !bare.starts_with('<') || anchor.is_some_and(|id| id == anchor_id(id)),
                    "Markdown opens a tag: {line:?}"
                );
            }
            // Markdown escapes each character it gives a meaning.
            for run in &runs {
                let escaped = markdown::escape(run);
                let coded = markdown::code(run);
                prop_assert!(
                    markdown.contains(&escaped) || markdown.contains(&coded),
                    "Markdown lost {run:?}"
                );
            }
        }
    }
}
