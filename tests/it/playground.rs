//! The browser playground (`web/`), end to end in headless Chromium.
//!
//! Runs `web/build.sh` (kader-wasm for the web into `web/pkg`, built in
//! its own target directory so that it does not wait on the cargo that
//! runs this test), installs playwright-core locally under `web/` with
//! `npm ci` when it is missing, and runs `web/tests/e2e.mjs`, which serves
//! `web/` on the loopback address and drives the page: verdict, a
//! diagnostic at its line, the fix, a raised threshold that the exact
//! analysis finds stricter than the shipped basiskader (with an example
//! school) and its undoing, changed evidence, stage and language, the
//! share URL. It saves `web/tests/screenshot.png`.
//!
//! Needs the `wasm32-unknown-unknown` target, `wasm-bindgen` (the CLI of
//! the version in `Cargo.lock`), Node, npm and Chromium (`/usr/bin/chromium`,
//! or the one `CHROMIUM` names); without them this test fails, saying what
//! to install. It never passes without having run.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::common;

use std::process::Command;

use common::{root, run, target_dir, web_packages};

#[test]
fn playground_end_to_end_in_chromium() {
    let chromium = common::browser("the playground test");

    // web/build.sh says itself how to install wasm-bindgen when it is missing.
    let web = root().join("web");
    run(
        Command::new("bash")
            .arg(web.join("build.sh"))
            .env("CARGO", env!("CARGO"))
            .env("CARGO_TARGET_DIR", target_dir()),
        "web/build.sh",
    );

    web_packages();

    let output = run(
        Command::new("node")
            .arg(web.join("tests/e2e.mjs"))
            .env("CHROMIUM", &chromium),
        "web/tests/e2e.mjs",
    );
    eprintln!("{}", String::from_utf8_lossy(&output.stdout));
    assert!(web.join("tests/screenshot.png").exists());
}
