//! A document as one self-contained, print-friendly HTML file. No scripts,
//! no external fonts, styles or images: the style sheet is inline. **Every
//! run of text is escaped.**

use std::fmt::Write as _;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::{
    anchor_id, Block, Cell, Chart, Column, Definition, Document, Entry, Inline, Inlines, Item,
    Table, Timeline, Tone,
};
use crate::terms::Language;

/// Escapes text for HTML content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

pub(crate) const STYLE: &str = "\
:root{--pass:#1e7b34;--fail:#b3261e;--open:#8a4f00;--ink:#1b1b1b;--muted:#5f6368;--line:#d0d4d9;--accent:#0b5394}
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;max-width:62rem;margin:2rem auto;padding:0 1.2rem;line-height:1.45;color:var(--ink);background:#fff}
h1{font-size:1.6rem;margin:0 0 .3rem}
h2{font-size:1.2rem;border-bottom:2px solid var(--accent);padding-bottom:.2rem;margin:2rem 0 .6rem}
h3{font-size:1rem;margin:1.1rem 0 .2rem}
p{margin:.3rem 0}
dl{display:grid;grid-template-columns:minmax(auto,11rem) 1fr;gap:.15rem .8rem;margin:.4rem 0}
dt{grid-column:1}dd{grid-column:2;margin:0}
dd ul{margin:.1rem 0;padding-left:1.1rem}
.meta,.tags,.detail{color:var(--muted)}
.tags,.detail{font-size:.9em}
.verdict{display:inline-block;padding:.35rem .8rem;border-radius:4px;font-weight:700;color:#fff;letter-spacing:.02em}
.badge{display:inline-block;padding:.1rem .4rem;border-radius:3px;font-size:.8em;font-weight:700;color:#fff}
.wide{overflow-x:auto}
body.wide-page{max-width:96rem}
table.compact{font-size:.9em}
.nowrap{white-space:nowrap}
.v-certified{background:var(--pass)}.v-not_certified{background:var(--fail)}.v-insufficient_evidence{background:var(--open)}
.stage{border-left:4px solid var(--accent);padding:.3rem .7rem;background:#f3f6fa;margin:.8rem 0}
.certificate{border:2px solid var(--pass);border-radius:6px;padding:.6rem 1rem;margin:.8rem 0}
.takes{border:2px solid var(--fail);border-radius:6px;padding:.2rem 1rem .6rem;margin:.8rem 0}
.takes h2{border:0;margin-top:.6rem}
table{border-collapse:collapse;width:100%;margin:.4rem 0}
td,th{border:1px solid var(--line);padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f5f7;font-weight:600}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.pass{color:var(--pass)}.fail{color:var(--fail)}.unknown{color:var(--open)}.not_applicable{color:var(--muted)}
td.pass{background:#e8f3eb}td.fail{background:#fbe9e7}td.unknown{background:#fdf1dc}
.mark{font-weight:700}
code{background:#f2f2f2;padding:0 .25rem;border-radius:3px;font-size:.88em}
figure{margin:.6rem 0}
figcaption{color:var(--muted);font-size:.9em}
svg.chart,svg.timeline{width:100%;height:auto}
svg.chart text,svg.timeline text{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;font-size:13px;fill:#1b1b1b}
ul.gaps{margin:.2rem 0 .6rem;padding-left:1.2rem}
ol.plan>li{margin-bottom:.7rem}
ol.plan ul{margin:.2rem 0;padding-left:1.1rem}
@media print{body{margin:0;padding:0;max-width:none;font-size:10.5pt}.wide{overflow:visible}table.compact{font-size:8pt}table.compact td,table.compact th{padding:.15rem .25rem;overflow-wrap:anywhere}table.compact code{font-size:7pt;padding:0}article+article{break-before:page}h2,h3{break-after:avoid}tr,li,figure,.takes,.certificate{break-inside:avoid}.verdict,svg,td{print-color-adjust:exact;-webkit-print-color-adjust:exact}}
";

/// A document; `wide` lets the page use the whole window (the overview's
/// table has a column per theme).
pub(crate) fn page(title: &str, language: Language, bodies: &[String], wide: bool) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>\n{STYLE}@page{{size:{}}}\n</style>\n</head>\n<body{}>\n",
        language.code(),
        escape(title),
        // Printed on A4; the overview's wide table on its side.
        if wide { "A4 landscape;margin:10mm" } else { "A4;margin:15mm" },
        if wide { " class=\"wide-page\"" } else { "" }
    );
    for body in bodies {
        out.push_str(body);
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// The document as a page of its own.
pub(crate) fn render(document: &Document) -> String {
    page(
        &document.title,
        document.language,
        &[article(document)],
        document.wide,
    )
}

/// The document as an `<article>`: its title and the lines under it in a
/// `<header>`, then its blocks.
pub(crate) fn article(document: &Document) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<article class=\"{}\">\n<header>\n<h1>{}</h1>",
        document.kind,
        escape(&document.title)
    );
    let meta = document
        .blocks
        .iter()
        .take_while(|b| matches!(b, Block::Meta(_)))
        .count();
    let (head, rest) = document.blocks.split_at(meta);
    blocks(&mut out, head);
    out.push_str("</header>\n");
    blocks(&mut out, rest);
    out.push_str("</article>\n");
    out
}

fn blocks(out: &mut String, blocks: &[Block]) {
    for block in blocks {
        self::block(out, block, None);
    }
}

/// One block; `id` is the anchor it carries, on a heading its own
/// attribute, on anything else a `<div>` around it.
fn block(out: &mut String, block: &Block, id: Option<&str>) {
    let attribute = id.map(|id| format!(" id=\"{}\"", anchor_id(id)));
    if let (Some(attribute), false) = (&attribute, matches!(block, Block::Heading { .. })) {
        let _ = writeln!(out, "<div{attribute}>");
        self::block(out, block, None);
        out.push_str("</div>\n");
        return;
    }
    match block {
        Block::Meta(runs) => element(out, "p class=\"meta\"", "p", runs),
        Block::Paragraph(runs) => element(out, "p", "p", runs),
        Block::Callout(runs) => element(out, "p class=\"stage\"", "p", runs),
        Block::Detail(runs) => element(out, "p class=\"detail\"", "p", runs),
        Block::Heading { level, text } => {
            let tag = format!("h{}", level.clamp(&1, &6));
            let open = format!("{tag}{}", attribute.unwrap_or_default());
            element(out, &open, &tag, text);
        }
        Block::List(items) => list(out, items),
        Block::Definitions(entries) => definitions(out, entries),
        Block::Table(table) => self::table(out, table),
        Block::Section(inner) => {
            out.push_str("<section>\n");
            self::blocks(out, inner);
            out.push_str("</section>\n");
        }
        Block::Boxed(inner) => {
            out.push_str("<section class=\"takes\">\n");
            self::blocks(out, inner);
            out.push_str("</section>\n");
        }
        Block::Note { title, lines } => {
            // The style sheet frames a note as it frames a certificate.
            let _ = write!(
                out,
                "<div class=\"certificate\"><strong>{}</strong>",
                escape(title)
            );
            for line in lines {
                out.push_str("<br>");
                inlines(out, line);
            }
            out.push_str("</div>\n");
        }
        Block::Entries(entries) => entries.iter().for_each(|e| entry(out, e)),
        Block::Chart(chart) => self::chart(out, chart),
        Block::Timeline(t) => timeline(out, t),
        Block::Anchored { id, block } => self::block(out, block, Some(id)),
    }
}

/// An entry as a heading in the colour of its status, its tags, and its
/// items with each detail under it.
fn entry(out: &mut String, entry: &Entry) {
    let _ = write!(
        out,
        "<h3 class=\"{}\"><span class=\"mark\">{}</span> ",
        class(entry.tone),
        escape(&entry.mark)
    );
    inlines(out, &entry.head);
    let _ = writeln!(
        out,
        " <span class=\"tags\">— {}</span></h3>",
        escape(&entry.status)
    );
    if !entry.tags.is_empty() {
        element(out, "p class=\"tags\"", "p", &entry.tags);
    }
    if entry.items.is_empty() {
        return;
    }
    out.push_str("<ul class=\"gaps\">\n");
    for item in &entry.items {
        out.push_str("<li>");
        inlines(out, &item.text);
        for detail in &item.details {
            out.push_str("<div class=\"detail\">");
            inlines(out, detail);
            out.push_str("</div>");
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n");
}

/// The colour a bar is drawn in.
fn fill(tone: Tone) -> &'static str {
    match tone {
        Tone::Pass | Tone::Certified => "#1e7b34",
        Tone::Fail | Tone::NotCertified => "#b3261e",
        Tone::Open | Tone::Insufficient => "#a35f00",
        Tone::Muted => "#9aa0a6",
    }
}

/// The timeline as an inline SVG: per lane its label and its stretches,
/// each coloured by what holds then with its dates as a tooltip; marks
/// along the axis under the lanes, a legend, and the caption under the
/// picture.
fn timeline(out: &mut String, t: &Timeline) {
    const LABEL: f64 = 220.0;
    const SPAN: f64 = 520.0;
    const ROW: f64 = 26.0;
    const HEIGHT: f64 = 16.0;
    let lanes = t.lanes.len() as f64;
    let axis_y = 8.0 + lanes * ROW;
    let legend_y = axis_y + 30.0;
    let height = legend_y + 22.0;
    // Room on the right for half the last date under the axis.
    let width = LABEL + SPAN + 80.0;
    let _ = writeln!(
        out,
        "<figure>\n<svg class=\"timeline\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{}\">",
        escape(&t.caption)
    );
    for (i, lane) in t.lanes.iter().enumerate() {
        let y = 8.0 + i as f64 * ROW;
        let _ = writeln!(
            out,
            "<g class=\"lane\">\n<text x=\"0\" y=\"{:.1}\">{}</text>",
            y + HEIGHT - 3.0,
            escape(&lane.label)
        );
        for s in &lane.stretches {
            let from = fraction(Some(s.from));
            let to = fraction(Some(s.to)).max(from);
            let _ = writeln!(
                out,
                "<rect class=\"{}\" x=\"{:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{HEIGHT}\" fill=\"{}\"><title>{}</title></rect>",
                class(s.tone),
                LABEL + from * SPAN,
                (to - from) * SPAN,
                fill(s.tone),
                escape(&s.hint)
            );
        }
        out.push_str("</g>\n");
    }
    out.push_str("<g class=\"axis\">");
    let _ = write!(
        out,
        "<line x1=\"{LABEL}\" x2=\"{:.1}\" y1=\"{axis_y:.1}\" y2=\"{axis_y:.1}\" stroke=\"#1b1b1b\"/>",
        LABEL + SPAN
    );
    for (at, label) in &t.ticks {
        let x = LABEL + fraction(Some(*at)) * SPAN;
        let _ = write!(
            out,
            "<line x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#1b1b1b\"/><text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
            axis_y - 4.0,
            axis_y + 4.0,
            axis_y + 17.0,
            escape(label)
        );
    }
    out.push_str("</g>\n<g class=\"legend\">");
    let mut x = LABEL;
    for (tone, word) in &t.legend {
        let _ = write!(
            out,
            "<rect x=\"{x:.1}\" y=\"{legend_y:.1}\" width=\"14\" height=\"10\" fill=\"{}\"/><text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            fill(*tone),
            x + 18.0,
            legend_y + 9.5,
            escape(word)
        );
        x += 36.0 + 7.0 * word.chars().count() as f64;
    }
    let _ = writeln!(
        out,
        "</g>\n</svg>\n<figcaption>{}</figcaption>\n</figure>",
        escape(&t.caption)
    );
}

/// A share as a fraction of the bar's length, within the bar.
fn fraction(share: Option<Decimal>) -> f64 {
    share
        .and_then(|d| d.to_f64())
        .unwrap_or(0.0)
        .clamp(0.0, 1.0)
}

/// The chart as an inline SVG: per bar its label, the share reached, the
/// share still open (dashed) beside it and a line at the mark; a legend
/// under the bars and the caption under the picture.
fn chart(out: &mut String, chart: &Chart) {
    const LABEL: f64 = 250.0;
    const BAR: f64 = 380.0;
    const ROW: f64 = 30.0;
    const HEIGHT: f64 = 16.0;
    let rows = chart.bars.len() as f64;
    let legend_y = 12.0 + rows * ROW + 8.0;
    let height = legend_y + 24.0;
    let width = LABEL + BAR + 140.0;
    let _ = writeln!(
        out,
        "<figure>\n<svg class=\"chart\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{}\">",
        escape(&chart.caption)
    );
    for (i, bar) in chart.bars.iter().enumerate() {
        let y = 12.0 + i as f64 * ROW;
        let low = fraction(bar.low);
        let high = bar.high.map_or(low, |m| fraction(Some(m)));
        let text_y = y + HEIGHT - 3.0;
        let tone = class(bar.tone);
        let _ = writeln!(
            out,
            "<g class=\"theme\"><title>{}</title>\n<text x=\"0\" y=\"{text_y:.1}\">{}</text>",
            escape(&bar.hint),
            escape(&bar.label)
        );
        let _ = writeln!(
            out,
            "<rect class=\"track\" x=\"{LABEL}\" y=\"{y:.1}\" width=\"{BAR}\" height=\"{HEIGHT}\" fill=\"#eceff1\"/>"
        );
        let _ = writeln!(
            out,
            "<rect class=\"bar {tone}\" x=\"{LABEL}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{HEIGHT}\" fill=\"{}\"/>",
            low * BAR,
            fill(bar.tone)
        );
        if high > low {
            let _ = writeln!(
                out,
                "<rect class=\"open\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"#f6dca8\" stroke=\"#a35f00\" stroke-dasharray=\"3 2\"/>",
                LABEL + low * BAR,
                y + 0.5,
                (high - low) * BAR,
                HEIGHT - 1.0
            );
        }
        if let Some(mark) = bar.mark {
            let x = LABEL + fraction(Some(mark)) * BAR;
            let _ = writeln!(
                out,
                "<line class=\"threshold\" x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#1b1b1b\" stroke-width=\"2.5\"/>",
                y - 4.0,
                y + HEIGHT + 4.0
            );
        }
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{text_y:.1}\" class=\"{tone}\">{}</text>\n</g>",
            LABEL + BAR + 10.0,
            escape(&bar.value)
        );
    }
    let _ = writeln!(
        out,
        "<g class=\"legend\"><rect x=\"{LABEL}\" y=\"{legend_y:.1}\" width=\"14\" height=\"10\" fill=\"#1e7b34\"/><text x=\"{:.1}\" y=\"{:.1}\">{}</text>\
<rect x=\"{:.1}\" y=\"{legend_y:.1}\" width=\"14\" height=\"10\" fill=\"#f6dca8\" stroke=\"#a35f00\" stroke-dasharray=\"3 2\"/><text x=\"{:.1}\" y=\"{:.1}\">{}</text>\
<line x1=\"{:.1}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#1b1b1b\" stroke-width=\"2.5\"/><text x=\"{:.1}\" y=\"{:.1}\">{}</text></g>",
        LABEL + 18.0,
        legend_y + 9.5,
        escape(&chart.reached),
        LABEL + 90.0,
        LABEL + 108.0,
        legend_y + 9.5,
        escape(&chart.open),
        LABEL + 330.0,
        LABEL + 330.0,
        legend_y - 2.0,
        legend_y + 12.0,
        LABEL + 338.0,
        legend_y + 9.5,
        escape(&chart.mark)
    );
    let _ = writeln!(
        out,
        "</svg>\n<figcaption>{}</figcaption>\n</figure>",
        escape(&chart.caption)
    );
}

/// A list; numbered (`<ol>`, each item its own number) when its items
/// carry numbers.
fn list(out: &mut String, items: &[Item]) {
    let numbered = items.iter().any(|i| i.number.is_some());
    out.push_str(if numbered {
        "<ol class=\"plan\">\n"
    } else {
        "<ul>\n"
    });
    for item in items {
        match item.number {
            Some(n) => {
                let _ = write!(out, "<li value=\"{n}\">");
            }
            None => out.push_str("<li>"),
        }
        inlines(out, &item.text);
        details(out, &item.details);
        out.push_str("</li>\n");
    }
    out.push_str(if numbered { "</ol>\n" } else { "</ul>\n" });
}

/// Terms beside what they stand for.
fn definitions(out: &mut String, entries: &[Definition]) {
    out.push_str("<dl>\n");
    for entry in entries {
        element(out, "dt", "dt", &entry.term);
        out.push_str("<dd>");
        inlines(out, &entry.description);
        details(out, &entry.details);
        out.push_str("</dd>\n");
    }
    out.push_str("</dl>\n");
}

/// Lines of detail under an item, as a list of their own.
fn details(out: &mut String, details: &[Inlines]) {
    if details.is_empty() {
        return;
    }
    out.push_str("\n<ul>\n");
    for detail in details {
        element(out, "li", "li", detail);
    }
    out.push_str("</ul>\n");
}

fn element(out: &mut String, open: &str, close: &str, runs: &[Inline]) {
    let _ = write!(out, "<{open}>");
    inlines(out, runs);
    let _ = writeln!(out, "</{close}>");
}

fn table(out: &mut String, table: &Table) {
    if table.compact {
        // A region that scrolls can be reached and scrolled by keyboard.
        out.push_str("<div class=\"wide\" tabindex=\"0\">\n<table class=\"compact\">\n");
    } else {
        out.push_str("<table>\n");
    }
    out.push_str("<thead><tr>");
    for column in &table.columns {
        out.push_str("<th");
        if column.numeric {
            out.push_str(" class=\"num\"");
        }
        if let Some(hint) = &column.hint {
            let _ = write!(out, " title=\"{}\"", escape(hint));
        }
        out.push('>');
        inlines(out, &column.head);
        out.push_str("</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &table.rows {
        out.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            self::cell(out, cell, table.columns.get(i));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    if table.compact {
        out.push_str("</div>\n");
    }
}

fn cell(out: &mut String, cell: &Cell, column: Option<&Column>) {
    let mut classes = Vec::new();
    if column.is_some_and(|c| c.numeric) {
        classes.push("num");
    }
    if let Some(tone) = cell.tone {
        classes.push(class(tone));
    }
    if cell.nowrap {
        classes.push("nowrap");
    }
    out.push_str("<td");
    if !classes.is_empty() {
        let _ = write!(out, " class=\"{}\"", classes.join(" "));
    }
    if let Some(hint) = &cell.hint {
        let _ = write!(out, " title=\"{}\"", escape(hint));
    }
    out.push('>');
    inlines(out, &cell.content);
    out.push_str("</td>");
}

fn inlines(out: &mut String, runs: &[Inline]) {
    for run in runs {
        match run {
            Inline::Text(t) => out.push_str(&escape(t)),
            Inline::Strong(inner) => {
                out.push_str("<strong>");
                inlines(out, inner);
                out.push_str("</strong>");
            }
            Inline::Code(t) => {
                let _ = write!(out, "<code>{}</code>", escape(t));
            }
            Inline::Aside(inner) => {
                out.push_str("<span class=\"detail\">");
                inlines(out, inner);
                out.push_str("</span>");
            }
            Inline::Badge { tone, text } => {
                toned(out, "span", &format!("badge {}", class(*tone)), text);
            }
            Inline::Marked { tone, text } => toned(out, "strong", class(*tone), text),
            Inline::Mark(t) => {
                let _ = write!(out, "<span class=\"mark\">{}</span>", escape(t));
            }
            Inline::Verdict { label, tone, text } => {
                let _ = write!(
                    out,
                    "{}: <span class=\"verdict {}\">{}</span>",
                    escape(label),
                    class(*tone),
                    escape(text)
                );
            }
            Inline::Break => out.push_str("<br>"),
            Inline::Link { to, text } => {
                let _ = write!(out, "<a href=\"#{}\">", anchor_id(to));
                inlines(out, text);
                out.push_str("</a>");
            }
        }
    }
}

/// Text in an element of a tone's class.
fn toned(out: &mut String, tag: &str, class: &str, text: &str) {
    let _ = write!(out, "<{tag} class=\"{class}\">{}</{tag}>", escape(text));
}

/// The style sheet's class for a tone.
fn class(tone: Tone) -> &'static str {
    match tone {
        Tone::Pass => "pass",
        Tone::Fail => "fail",
        Tone::Open => "unknown",
        Tone::Muted => "not_applicable",
        Tone::Certified => "v-certified",
        Tone::NotCertified => "v-not_certified",
        Tone::Insufficient => "v-insufficient_evidence",
    }
}
