//! `kader doc`: the framework as a document a school reads.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::common;

use kader::doc::{document, DocFormat};

use common::basiskader;

#[test]
fn the_basiskader_as_markdown() {
    insta::assert_snapshot!(document(basiskader(), DocFormat::Markdown));
}

#[test]
fn the_document_covers_every_criterion_with_its_evidence_and_guidance() {
    let md = document(basiskader(), DocFormat::Markdown);
    for criterion in [
        "B1", "B2", "B3", "B4", "B5", "B6", "S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "Z1",
        "Z2", "Z3", "Z4", "Z5", "Z6", "Z7", "Z8", "F1", "F2", "F3", "F4", "F5", "F6", "F7", "C1",
        "C2", "C3", "C4", "C5", "C6", "I1", "I2", "I3", "I4", "P1", "P2", "P3", "P4", "P5", "P6",
        "O1", "O2", "O3", "O4",
    ] {
        assert!(
            md.contains(&format!("### {criterion} — ")),
            "{criterion} is missing"
        );
        let guidance = basiskader()
            .guidance(criterion)
            .expect("every criterion has guidance");
        assert!(md.contains(guidance), "{criterion}'s guidance is missing");
    }
    for (path, _) in basiskader().evidence_paths() {
        assert!(
            md.contains(&format!("(`{path}`, ")),
            "{path} is not listed as evidence to supply"
        );
    }
    assert!(
        md.contains("de score minstens 50% is"),
        "samenwerking's threshold in words"
    );
    assert!(md.contains("Wet verplichte meldcode huiselijk geweld en kindermishandeling"));
}

#[test]
fn the_html_page_is_self_contained() {
    let html = document(basiskader(), DocFormat::Html);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<html lang=\"nl\">"));
    for external in [
        "<script",
        "<link",
        "src=\"http",
        "href=\"http",
        "@import",
        "url(",
    ] {
        assert!(!html.contains(external), "the page loads {external}");
    }
    assert!(html.contains("<h3>B1 — Schoolveiligheidsplan vastgesteld</h3>"));
    assert!(html.contains("<a href=\"#theme-beleid\">Beleid en organisatie</a>"));
    assert!(html.contains("<code>safety_plan.adopted within 48 months</code>"));
    // Author text is escaped, never interpreted as markup.
    assert!(!html.contains("RI&E<"), "ampersands are escaped");
    assert!(html.contains("RI&amp;E"));
}

/// Every link of the contents leads to an anchor of the page, in Markdown
/// and in HTML, and the HTML page has the shared layout's structure.
#[test]
fn every_link_within_the_page_leads_to_an_anchor() {
    let targets = |page: &str, before: &str, after: char| -> Vec<String> {
        page.match_indices(before)
            .map(|(i, _)| {
                let rest = &page[i + before.len()..];
                rest[..rest.find(after).unwrap()].to_string()
            })
            .collect()
    };
    let md = document(basiskader(), DocFormat::Markdown);
    let html = document(basiskader(), DocFormat::Html);
    for (page, link, anchor) in [(&md, "](#", "<a id=\""), (&html, "href=\"#", " id=\"")] {
        let links = targets(page, link, if link == "](#" { ')' } else { '"' });
        let anchors = targets(page, anchor, '"');
        assert_eq!(links.len(), 10, "{links:?}");
        for to in &links {
            assert!(anchors.contains(to), "no anchor for #{to}");
        }
    }
    assert!(
        html.contains("<h2 id=\"theme-beleid\">Beleid en organisatie (<code>beleid</code>)</h2>")
    );
    assert!(html
        .contains("<article class=\"framework\">\n<header>\n<h1>Basiskader Veilige School</h1>"));
    assert!(html.contains("<dt><strong>Vereist</strong></dt>"));
}

/// Author text reaches the Markdown document escaped by the report's one
/// Markdown escape, and the HTML document shows it as written.
#[test]
fn author_text_is_escaped_in_the_markdown_and_shown_as_written_in_html() {
    let framework = common::compile(
        r#"
        framework h "T|<img src=x onerror=alert(1)>" version "1"
        evidence { a : bool "A <b>|</b> label" }
        theme t "Th*eme*" {
          criterion C1 "C_1 [x](y)" { owner school require a }
        }
        "#,
    );
    let md = document(&framework, DocFormat::Markdown);
    // Only kader's own anchors are tags.
    assert!(
        md.match_indices('<').all(|(i, _)| md[..i].ends_with('\\')
            || md[i..].starts_with("<a id=")
            || md[i..].starts_with("</a>")),
        "{md}"
    );
    assert!(md.contains(r"# T\|\<img src=x onerror=alert(1)\>"), "{md}");
    assert!(
        md.contains(r"| `a` | `bool` | A \<b\>\|\</b\> label |"),
        "{md}"
    );
    assert!(md.contains(r"C\_1 \[x\](y)"), "{md}");
    let html = document(&framework, DocFormat::Html);
    assert!(!html.contains("<img") && !html.contains("<b>"), "{html}");
    assert!(
        html.contains("T|&lt;img src=x onerror=alert(1)&gt;"),
        "{html}"
    );
    assert!(html.contains("C_1 [x](y)"), "{html}");
}
