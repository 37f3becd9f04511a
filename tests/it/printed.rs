//! Every HTML document kader writes, as its readers meet it: in headless
//! Chromium, on screen and printed.
//!
//! Writes the intake and audit reports, the plan, the municipal overview,
//! `kader doc` and `kader diff` as HTML (Dutch and English where the
//! document has both), then runs `web/tests/reports.mjs` on them: axe-core
//! finds no serious or critical WCAG 2.1 A/AA violation, each document
//! asks for A4 (the overview A4 landscape), printed at that width nothing
//! reaches past the page's margin, and no printed page is blank.
//!
//! The first printed page of each is saved as a picture in
//! `target/printed/`; with `KADER_PICTURES=docs/img` they replace the
//! pictures in the documentation.
//!
//! Needs Node, npm (axe-core and playwright-core are installed locally
//! under `web/` with `npm ci` when missing), Chromium (`/usr/bin/chromium`
//! or the one `CHROMIUM` names) and poppler-utils (`pdfinfo`, `pdftotext`,
//! `pdftoppm`); without them this test fails, saying what to install. The
//! structural tests of the same documents (tests/it/reports.rs) need none
//! of them.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use std::path::PathBuf;
use std::process::Command;

use common::{kader_in, require, root, web_packages};

/// The documents: a file name and the `kader` command line that writes it
/// (with `--format html`).
const DOCUMENTS: &[(&str, &str)] = &[
    (
        "intake-nl",
        "eval frameworks/basiskader.kader samples/vo-da-vinci-zuid-cameras-not-certified.json",
    ),
    (
        "intake-en",
        "eval frameworks/basiskader.kader samples/vo-da-vinci-zuid-cameras-not-certified.json --lang en",
    ),
    (
        "intake-certified-nl",
        "eval frameworks/basiskader.kader samples/po-de-regenboog-certified.json",
    ),
    (
        "audit-nl",
        "eval frameworks/basiskader.kader samples/vo-de-linde-insufficient-evidence.json --stage audit",
    ),
    (
        "plan-nl",
        "plan frameworks/basiskader.kader samples/vo-da-vinci-zuid-cameras-not-certified.json --by owner",
    ),
    (
        "plan-en",
        "plan frameworks/basiskader.kader samples/so-de-brug-verzuim-not-certified.json --lang en",
    ),
    (
        "overview-nl",
        "report frameworks/basiskader.kader --samples samples",
    ),
    (
        "overview-layer-en",
        "report frameworks/lokaal/voorbeeldstad.kader --frameworks frameworks --samples samples/voorbeeldstad --lang en",
    ),
    (
        "overview-grouped-nl",
        "report frameworks/lokaal/voorbeeldstad.kader --frameworks frameworks --samples samples/voorbeeldstad --group-by board",
    ),
    (
        "certificate-nl",
        "eval frameworks/basiskader.kader samples/process/3-audit.json --stage audit",
    ),
    (
        "annex-nl",
        "annex frameworks/basiskader.kader samples/process/1-intake.json",
    ),
    (
        "progress-nl",
        "progress frameworks/basiskader.kader samples/process/1-intake.json samples/process/2-halfway.json",
    ),
    (
        "calendar-nl",
        "calendar frameworks/basiskader.kader samples/process/3-audit.json --stage audit",
    ),
    (
        "doc-nl",
        "doc frameworks/basiskader.kader",
    ),
    (
        "diff-nl",
        "diff frameworks/basiskader.kader frameworks/lokaal/voorbeeldstad.kader --frameworks frameworks --samples samples/voorbeeldstad",
    ),
];

#[test]
fn every_html_document_is_accessible_and_prints_on_a4() {
    for tool in ["pdfinfo", "pdftotext", "pdftoppm"] {
        require(tool, "-v", "apt-get install poppler-utils");
    }
    let chromium = common::browser("the printed-documents test");
    let web = root().join("web");
    web_packages();

    // Under target/, so that nothing is left in the system's temporary folder.
    let documents = root().join("target/printed/html");
    std::fs::create_dir_all(&documents).unwrap();
    for (name, command) in DOCUMENTS {
        let mut args: Vec<&str> = command.split_whitespace().collect();
        args.extend(["--format", "html"]);
        let written = kader_in(root(), &args);
        assert!(
            written.stdout.starts_with("<!DOCTYPE html>"),
            "`kader {}` wrote no HTML (exit {}):\n{}",
            args.join(" "),
            written.code,
            written.stderr
        );
        std::fs::write(documents.join(format!("{name}.html")), written.stdout).unwrap();
    }

    let pictures = std::env::var_os("KADER_PICTURES").map_or_else(
        || root().join("target/printed"),
        |dir| root().join(PathBuf::from(dir)),
    );
    let output = Command::new("node")
        .arg(web.join("tests/reports.mjs"))
        .arg(&documents)
        .arg("--pictures")
        .arg(&pictures)
        .env("CHROMIUM", &chromium)
        .output()
        .expect("node runs");
    let printed = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "the documents do not pass in Chromium:\n{printed}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for (name, _) in DOCUMENTS {
        assert!(
            printed.contains(&format!("ok   {name}:")),
            "{name} was not checked:\n{printed}"
        );
    }
}
