//! A document as plain text for a terminal: the title and headings in bold,
//! tables in aligned columns, colours only when asked for.

use anstyle::{AnsiColor, Style};

use super::{Block, Document, Entry, Inline, Inlines, Table, Tone};

/// The document as text; `color` adds ANSI colours (only for a terminal).
pub(crate) fn render(document: &Document, color: bool) -> String {
    let mut writer = Writer {
        out: String::new(),
        color,
    };
    writer.line(&writer.paint(Style::new().bold(), &document.title));
    let mut after_meta = false;
    for block in &document.blocks {
        if !matches!(block, Block::Meta(_)) && !after_meta {
            writer.out.push('\n');
            after_meta = true;
        }
        writer.block(block);
    }
    writer.out
}

struct Writer {
    out: String,
    color: bool,
}

impl Writer {
    fn paint(&self, style: Style, text: &str) -> String {
        if self.color {
            format!("{style}{text}{style:#}")
        } else {
            text.to_string()
        }
    }

    fn line(&mut self, text: &str) {
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Meta(runs) => {
                let line = self.inlines(runs);
                self.line(&line);
            }
            Block::Heading { level, text } => {
                let text = self.inlines(text);
                let line = self.paint(Style::new().bold(), &text);
                self.line(&line);
                if *level <= 2 {
                    self.out.push('\n');
                }
            }
            Block::Paragraph(runs) | Block::Callout(runs) | Block::Detail(runs) => {
                let line = self.inlines(runs);
                self.line(&line);
                self.out.push('\n');
            }
            Block::List(items) => {
                for item in items {
                    let marker = match item.number {
                        Some(n) => format!("{n:>2}."),
                        None => "·".to_string(),
                    };
                    let line = format!("  {marker} {}", self.inlines(&item.text));
                    self.line(&line);
                    self.details(&item.details);
                }
                self.out.push('\n');
            }
            Block::Definitions(entries) => {
                for entry in entries {
                    let mut line = format!("  · {}:", self.inlines(&entry.term));
                    if !entry.description.is_empty() {
                        line.push(' ');
                        line.push_str(&self.inlines(&entry.description));
                    }
                    self.line(&line);
                    self.details(&entry.details);
                }
                self.out.push('\n');
            }
            Block::Table(table) => self.table(table),
            Block::Section(inner) | Block::Boxed(inner) => {
                for block in inner {
                    self.block(block);
                }
            }
            Block::Note { title, lines } => {
                let lines: Vec<String> = lines.iter().map(|l| self.inlines(l)).collect();
                let line = format!("{}: {}", one_line(title), lines.join(" · "));
                self.line(&line);
                self.out.push('\n');
            }
            Block::Entries(entries) => {
                for entry in entries {
                    self.entry(entry);
                }
                self.out.push('\n');
            }
            // A terminal draws no bars; the table beside the chart holds
            // its numbers.
            Block::Chart(_) | Block::Timeline(_) => {}
            Block::Anchored { block, .. } => self.block(block),
        }
    }

    /// Lines of detail under an item, indented below its text.
    fn details(&mut self, details: &[Inlines]) {
        for detail in details {
            let line = format!("      {}", self.inlines(detail));
            self.line(&line);
        }
    }

    /// An entry on one line, its tags in brackets, and its items under
    /// it with their details in grey.
    fn entry(&mut self, entry: &Entry) {
        let mut line = format!(
            "  {} {} ({})",
            self.paint(style(entry.tone).bold(), &one_line(&entry.mark)),
            self.inlines(&entry.head),
            one_line(&entry.status)
        );
        if !entry.tags.is_empty() {
            let tags = format!("[{}]", self.inlines(&entry.tags));
            line.push_str("  ");
            line.push_str(&self.paint(Style::new().dimmed(), &tags));
        }
        self.line(&line);
        for item in &entry.items {
            let line = format!("      {}", self.inlines(&item.text));
            self.line(&line);
            for detail in &item.details {
                let detail = self.paint(Style::new().dimmed(), &self.inlines(detail));
                self.line(&format!("      {detail}"));
            }
        }
    }

    fn inlines(&self, runs: &[Inline]) -> String {
        let mut out = String::new();
        for run in runs {
            match run {
                Inline::Text(t) | Inline::Code(t) | Inline::Mark(t) => {
                    out.push_str(&one_line(t));
                }
                Inline::Strong(inner) => {
                    let text = self.inlines(inner);
                    out.push_str(&self.paint(Style::new().bold(), &text));
                }
                Inline::Aside(inner) => {
                    let text = self.inlines(inner);
                    out.push_str(&self.paint(Style::new().dimmed(), &text));
                }
                Inline::Link { text, .. } => out.push_str(&self.inlines(text)),
                Inline::Badge { tone, text } => {
                    out.push_str(&self.paint(style(*tone).bold(), &one_line(text)));
                }
                Inline::Marked { text, .. } => {
                    out.push_str(&self.paint(Style::new().bold(), &one_line(text)));
                }
                Inline::Verdict { label, tone, text } => {
                    out.push_str(&one_line(label));
                    out.push_str(": ");
                    out.push_str(&self.paint(style(*tone).bold(), &one_line(text)));
                }
                Inline::Break => out.push_str(" — "),
            }
        }
        out
    }

    /// A table in columns two spaces apart, numbers aligned right; the
    /// widths count characters, and colours do not count.
    fn table(&mut self, table: &Table) {
        let plain = |runs: &[Inline]| one_line(&Inline::plain(runs));
        let mut widths: Vec<usize> = table
            .columns
            .iter()
            .map(|c| plain(&c.head).chars().count())
            .collect();
        for row in &table.rows {
            for (i, cell) in row.iter().enumerate() {
                if let Some(width) = widths.get_mut(i) {
                    *width = (*width).max(plain(&cell.content).chars().count());
                }
            }
        }
        let numeric: Vec<bool> = table.columns.iter().map(|c| c.numeric).collect();
        let head: Vec<(String, usize, Option<Style>)> = table
            .columns
            .iter()
            .map(|c| {
                let text = plain(&c.head);
                let len = text.chars().count();
                (text, len, Some(Style::new().bold()))
            })
            .collect();
        self.row(&head, &widths, &numeric);
        for row in &table.rows {
            let cells: Vec<(String, usize, Option<Style>)> = row
                .iter()
                .map(|cell| {
                    let len = plain(&cell.content).chars().count();
                    let text = match cell.tone {
                        Some(_) => plain(&cell.content),
                        None => self.inlines(&cell.content),
                    };
                    (text, len, cell.tone.map(style))
                })
                .collect();
            self.row(&cells, &widths, &numeric);
        }
        self.out.push('\n');
    }

    fn row(
        &mut self,
        cells: &[(String, usize, Option<Style>)],
        widths: &[usize],
        numeric: &[bool],
    ) {
        let mut line = String::from(" ");
        for (i, (text, len, style)) in cells.iter().enumerate() {
            let width = widths.get(i).copied().unwrap_or(*len);
            let pad = " ".repeat(width.saturating_sub(*len));
            let text = match style {
                Some(style) => self.paint(*style, text),
                None => text.clone(),
            };
            line.push(' ');
            if numeric.get(i).copied().unwrap_or(false) {
                line.push_str(&pad);
                line.push_str(&text);
            } else {
                line.push_str(&text);
                line.push_str(&pad);
            }
            line.push(' ');
        }
        self.line(line.trim_end());
    }
}

/// A terminal line cannot hold a line break of the text's own.
fn one_line(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}

fn style(tone: Tone) -> Style {
    match tone {
        Tone::Pass | Tone::Certified => AnsiColor::Green.on_default(),
        Tone::Fail | Tone::NotCertified => AnsiColor::Red.on_default(),
        Tone::Open | Tone::Insufficient => AnsiColor::Yellow.on_default(),
        Tone::Muted => Style::new().dimmed(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{column, numeric, Cell, Document, Table};
    use crate::terms::Language;

    fn document(blocks: Vec<Block>) -> Document {
        Document {
            title: "Overzicht".into(),
            language: Language::Nl,
            kind: "overview",
            wide: false,
            blocks,
        }
    }

    #[test]
    fn columns_are_aligned_by_characters_and_numbers_to_the_right() {
        let table = Table {
            columns: vec![column("Locatie"), numeric("Open")],
            rows: vec![
                vec![Cell::text("De Brug"), Cell::text("12")],
                vec![Cell::text("Coördinatie"), Cell::text("3").tone(Tone::Fail)],
            ],
            compact: false,
        };
        let out = render(&document(vec![Block::Table(table)]), false);
        assert_eq!(
            out,
            "Overzicht\n\n  Locatie      Open\n  De Brug        12\n  Coördinatie     3\n\n"
        );
    }

    #[test]
    fn colours_only_when_asked_and_never_in_the_widths() {
        let table = Table {
            columns: vec![numeric("Score")],
            rows: vec![
                vec![Cell::text("100%").tone(Tone::Pass)],
                vec![Cell::text("5%")],
            ],
            compact: false,
        };
        let plain = render(&document(vec![Block::Table(table.clone())]), false);
        assert!(!plain.contains('\u{1b}'));
        let coloured = render(&document(vec![Block::Table(table)]), true);
        assert!(coloured.contains('\u{1b}'));
        let strip = |s: &str| {
            let mut out = String::new();
            let mut escape = false;
            for ch in s.chars() {
                match (escape, ch) {
                    (false, '\u{1b}') => escape = true,
                    (true, 'm') => escape = false,
                    (true, _) => {}
                    (false, c) => out.push(c),
                }
            }
            out
        };
        assert_eq!(strip(&coloured), plain);
    }
}
