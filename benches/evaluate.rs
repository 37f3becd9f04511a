//! Speed of the core pipeline on the shipped basiskader: compiling it,
//! evaluating one location, and evaluating 10,000 locations.
//!
//! Run with `cargo bench --bench evaluate`.

#![expect(clippy::expect_used, reason = "a bench stops on broken shipped data")]

use std::path::Path;

use divan::Bencher;
use kader::{Evidence, Framework};

fn main() {
    divan::main();
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn source() -> String {
    std::fs::read_to_string(root().join("frameworks/basiskader.kader"))
        .expect("basiskader is shipped")
}

/// Every shipped sample location, loaded once.
fn samples(framework: &Framework) -> Vec<Evidence> {
    let mut paths: Vec<_> = std::fs::read_dir(root().join("samples"))
        .expect("samples are shipped")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(p).ok()?;
            match p.extension()?.to_str()? {
                "json" => Evidence::from_json(framework, &text).ok(),
                "toml" => Evidence::from_toml(framework, &text).ok(),
                _ => None,
            }
        })
        .collect()
}

#[divan::bench]
fn compile_basiskader(bencher: Bencher) {
    let source = source();
    bencher.bench(|| Framework::compile(divan::black_box(&source)).expect("compiles"));
}

#[divan::bench]
fn evaluate_one_location(bencher: Bencher) {
    let framework = Framework::compile(&source()).expect("compiles");
    let evidence = samples(&framework).into_iter().next().expect("a sample");
    bencher.bench(|| framework.evaluate(divan::black_box(&evidence)));
}

#[divan::bench(sample_count = 10)]
fn evaluate_10_000_locations(bencher: Bencher) {
    let framework = Framework::compile(&source()).expect("compiles");
    let samples = samples(&framework);
    let locations: Vec<&Evidence> = samples.iter().cycle().take(10_000).collect();
    bencher.bench(|| {
        locations
            .iter()
            .map(|e| framework.evaluate(e).criteria.len())
            .sum::<usize>()
    });
}

#[divan::bench]
fn load_json_evidence(bencher: Bencher) {
    let framework = Framework::compile(&source()).expect("compiles");
    let text = std::fs::read_to_string(root().join("samples/po-de-regenboog-certified.json"))
        .expect("sample");
    bencher.bench(|| Evidence::from_json(&framework, divan::black_box(&text)).expect("loads"));
}
