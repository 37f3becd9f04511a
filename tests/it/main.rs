//! kader's integration tests, one module an area, in one test binary.
//!
//! Each test binary links the whole library and the test dependencies
//! (insta, proptest, jsonschema, ...); one binary instead of one a file
//! makes `cargo test` build many times faster. Run one area with
//! `cargo test --test it api::`, one test with its full name.
//!
//! Every test here shares one process with the others, run on parallel
//! threads: a test that changes process-wide state (the environment, the
//! current directory, the panic hook) or must run alone belongs in its own
//! file under `tests/`, saying why at its top. Snapshots are in
//! `tests/it/snapshots/`, named `it__MODULE__NAME.snap`; test data is in
//! `tests/data/`.

mod common;

mod analysis;
mod api;
mod architecture;
mod audit;
mod c_abi;
mod calendar;
mod cli;
mod decide;
mod diagnostics;
mod diff;
mod doc;
mod evidence;
mod evidence_fast;
mod form;
mod format;
mod generate;
mod hostile;
mod hostile_io;
mod json_render;
mod layers;
mod lsp;
mod monotone;
mod partners;
mod plainwords;
mod plan;
mod plan_file;
mod playground;
mod printed;
mod process;
mod progress;
mod properties;
mod python;
mod readme;
mod reports;
mod samples;
mod schema;
mod serve;
mod stages;
mod testing;
mod verify;
mod waivers;
mod wasm;
