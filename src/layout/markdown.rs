//! A document as Markdown, for sharing. Every run of text is escaped so that
//! it reads as written: no text can open a tag, a link, a heading or a table
//! cell.

use super::{anchor_id, Block, Cell, Definition, Document, Entry, Inline, Inlines, Table};

/// The document as Markdown: its title as the first heading.
pub(crate) fn render(document: &Document) -> String {
    let mut out = String::new();
    out.push_str("# ");
    out.push_str(&escape(&document.title));
    out.push_str("\n\n");
    blocks(&mut out, &document.blocks);
    out
}

fn blocks(out: &mut String, blocks: &[Block]) {
    for block in blocks {
        match block {
            Block::Meta(runs) | Block::Paragraph(runs) | Block::Detail(runs) => {
                paragraph(out, runs);
            }
            Block::Callout(runs) => {
                out.push_str("> ");
                inlines(out, runs);
                out.push_str("\n\n");
            }
            Block::Heading { level, text } => {
                out.push_str(&"#".repeat(usize::from(*level).clamp(1, 6)));
                out.push(' ');
                inlines(out, text);
                out.push_str("\n\n");
            }
            Block::List(items) => {
                for item in items {
                    let indent = match item.number {
                        Some(n) => {
                            let marker = format!("{n}. ");
                            out.push_str(&marker);
                            marker.len()
                        }
                        None => {
                            out.push_str("- ");
                            2
                        }
                    };
                    inlines(out, &item.text);
                    out.push('\n');
                    details(out, indent, &item.details);
                }
                out.push('\n');
            }
            Block::Definitions(entries) => {
                for Definition {
                    term,
                    description,
                    details,
                } in entries
                {
                    out.push_str("- ");
                    inlines(out, term);
                    out.push(':');
                    if !description.is_empty() {
                        out.push(' ');
                        inlines(out, description);
                    }
                    out.push('\n');
                    self::details(out, 2, details);
                }
                out.push('\n');
            }
            Block::Table(table) => self::table(out, table),
            Block::Section(inner) | Block::Boxed(inner) => self::blocks(out, inner),
            Block::Note { title, lines } => {
                out.push_str("> **");
                out.push_str(&escape(title));
                out.push_str("**: ");
                for (i, line) in lines.iter().enumerate() {
                    if i > 0 {
                        out.push_str(" · ");
                    }
                    inlines(out, line);
                }
                out.push_str("\n\n");
            }
            Block::Entries(entries) => entries.iter().for_each(|e| entry(out, e)),
            // Markdown draws no bars; the table beside the chart holds its
            // numbers.
            Block::Chart(_) | Block::Timeline(_) => {}
            Block::Anchored { id, block } => {
                // Markdown has no ids of its own: an empty HTML anchor,
                // which every renderer of Markdown leads a link to.
                out.push_str("<a id=\"");
                out.push_str(&anchor_id(id));
                out.push_str("\"></a>\n\n");
                self::blocks(out, std::slice::from_ref(block.as_ref()));
            }
        }
    }
}

/// An entry as a heading of its own, its tags in italics, and its items
/// as a list with each detail on a line of the item.
fn entry(out: &mut String, entry: &Entry) {
    out.push_str("### ");
    out.push_str(&escape(&entry.mark));
    out.push(' ');
    inlines(out, &entry.head);
    out.push_str(" — ");
    out.push_str(&escape(&entry.status));
    out.push_str("\n\n");
    if !entry.tags.is_empty() {
        out.push('*');
        inlines(out, &entry.tags);
        out.push_str("*\n\n");
    }
    for item in &entry.items {
        out.push_str("- ");
        inlines(out, &item.text);
        for detail in &item.details {
            // Two spaces end a line within the item.
            out.push_str("  \n  ");
            inlines(out, detail);
        }
        out.push('\n');
    }
    if !entry.items.is_empty() {
        out.push('\n');
    }
}

/// Lines of detail under an item, indented to its text.
fn details(out: &mut String, indent: usize, details: &[Inlines]) {
    for detail in details {
        out.push_str(&" ".repeat(indent));
        out.push_str("- ");
        inlines(out, detail);
        out.push('\n');
    }
}

fn paragraph(out: &mut String, runs: &[Inline]) {
    inlines(out, runs);
    out.push_str("\n\n");
}

fn table(out: &mut String, table: &Table) {
    out.push('|');
    for column in &table.columns {
        out.push(' ');
        inlines(out, &column.head);
        out.push_str(" |");
    }
    out.push_str("\n|");
    for column in &table.columns {
        out.push_str(if column.numeric { "---:|" } else { "---|" });
    }
    out.push('\n');
    for row in &table.rows {
        out.push('|');
        for Cell { content, .. } in row {
            out.push(' ');
            inlines(out, content);
            out.push_str(" |");
        }
        out.push('\n');
    }
    out.push('\n');
}

fn inlines(out: &mut String, runs: &[Inline]) {
    for run in runs {
        match run {
            Inline::Text(t) => out.push_str(&escape(t)),
            Inline::Strong(inner) => {
                out.push_str("**");
                inlines(out, inner);
                out.push_str("**");
            }
            Inline::Code(t) => out.push_str(&code(t)),
            Inline::Aside(inner) => {
                out.push('*');
                inlines(out, inner);
                out.push('*');
            }
            Inline::Badge { text, .. } | Inline::Mark(text) => out.push_str(&escape(text)),
            Inline::Verdict { label, text, .. } => {
                out.push_str("**");
                out.push_str(&escape(label));
                out.push_str(": ");
                out.push_str(&escape(text));
                out.push_str("**");
            }
            Inline::Marked { text, .. } => {
                out.push_str("**");
                out.push_str(&escape(text));
                out.push_str("**");
            }
            Inline::Break => out.push_str(" — "),
            Inline::Link { to, text } => {
                out.push('[');
                inlines(out, text);
                out.push_str("](#");
                out.push_str(&anchor_id(to));
                out.push(')');
            }
        }
    }
}

/// Escapes text so that Markdown shows it as written: every character
/// Markdown or inline HTML gives a meaning is backslash-escaped, and a line
/// break becomes a space, so that no text can open a tag, a link, a heading
/// or a table cell. The one escape of every Markdown kader writes (reports,
/// plans, overviews, diffs, hover texts, documents).
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' => {
                out.push('\\');
                out.push(ch);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(ch),
        }
    }
    out
}

/// A code span that holds any text on one line: fenced with one backtick
/// more than the longest run inside, a line break as a space, and a pipe
/// escaped so that a table keeps its columns.
pub(crate) fn code(text: &str) -> String {
    let text = text.replace(['\n', '\r'], " ").replace('|', "\\|");
    let mut longest = 0;
    let mut run = 0;
    for ch in text.chars() {
        run = if ch == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    // A space each side when the text starts or ends with a backtick.
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{column, numeric, strong, text, Cell, Document, Item, Table};
    use crate::terms::Language;

    #[test]
    fn a_table_escapes_its_cells_and_aligns_numbers() {
        let document = Document {
            title: "Overzicht <b>".into(),
            language: Language::Nl,
            kind: "overview",
            wide: false,
            blocks: vec![Block::Table(Table {
                columns: vec![column("Locatie"), numeric("Open")],
                rows: vec![vec![
                    Cell::of(vec![text("x|<img>"), Inline::Break, strong("id")]),
                    Cell::text("3"),
                ]],
                compact: false,
            })],
        };
        assert_eq!(
            render(&document),
            "# Overzicht \\<b\\>\n\n| Locatie | Open |\n|---|---:|\n| x\\|\\<img\\> — **id** | 3 |\n\n"
        );
    }

    #[test]
    fn definitions_anchors_and_links() {
        let document = Document {
            title: "Kader".into(),
            language: Language::Nl,
            kind: "framework",
            wide: false,
            blocks: vec![
                Block::List(vec![Item::line(vec![Inline::Link {
                    to: "theme-a b)".into(),
                    text: vec![text("Thema [a]")],
                }])]),
                Block::Anchored {
                    id: "theme-a b)".into(),
                    block: Box::new(Block::Heading {
                        level: 2,
                        text: vec![text("Thema [a]")],
                    }),
                },
                Block::Definitions(vec![
                    Definition {
                        term: vec![strong("Vereist")],
                        description: vec![text("«A»: ja")],
                        details: Vec::new(),
                    },
                    Definition {
                        term: vec![strong("Niveaus")],
                        description: Vec::new(),
                        details: vec![vec![text("niveau 1/1: anders")]],
                    },
                ]),
            ],
        };
        assert_eq!(
            render(&document),
            "# Kader\n\n- [Thema \\[a\\]](#theme-a-b-)\n\n<a id=\"theme-a-b-\"></a>\n\n## Thema \\[a\\]\n\n\
             - **Vereist**: «A»: ja\n- **Niveaus**:\n  - niveau 1/1: anders\n\n"
        );
    }
}
