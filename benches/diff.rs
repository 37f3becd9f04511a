//! Speed of `kader diff` on the shipped basiskader: the impact of a change
//! over 10,000 generated locations, evidence text in memory (loading,
//! evaluating under both frameworks, diffing), and generating them.
//!
//! Run with `cargo bench --bench diff`.

#![expect(clippy::expect_used, reason = "a bench stops on broken shipped data")]

use std::path::Path;

use divan::Bencher;
use kader::diff::{self, Sample};
use kader::generate::{self, Options};
use kader::Framework;

fn main() {
    divan::main();
}

const LOCATIONS: usize = 10_000;

fn source() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("frameworks/basiskader.kader");
    std::fs::read_to_string(path).expect("basiskader is shipped")
}

fn compile(source: &str) -> Framework {
    Framework::compile(source).expect("compiles")
}

/// The basiskader with one threshold tightened: both declare the same
/// evidence, so each location loads once.
fn tightened(source: &str) -> Framework {
    compile(&source.replace(
        "require monitor.response_rate >= 70%",
        "require monitor.response_rate >= 80%",
    ))
}

/// The basiskader with a piece of evidence added: each location loads
/// under each framework.
fn with_new_evidence(source: &str) -> Framework {
    compile(&source.replace(
        "  measures.linked ",
        "  surroundings.lighting : bool \"Schoolplein verlicht\"\n  measures.linked ",
    ))
}

fn samples(framework: &Framework) -> Vec<Sample> {
    let options = Options {
        count: LOCATIONS,
        seed: 2026,
        as_of: None,
    };
    generate::generate(framework, &options)
        .iter()
        .map(|l| Sample::json(l.id(), l.to_json()))
        .collect()
}

#[divan::bench(sample_count = 5)]
fn diff_10_000_locations_same_evidence(bencher: Bencher) {
    let source = source();
    let (old, new) = (compile(&source), tightened(&source));
    let samples = samples(&old);
    bencher.bench(|| {
        diff::impact(
            &old,
            &new,
            divan::black_box(&samples),
            &diff::Options::default(),
        )
        .summary
        .changed
    });
}

#[divan::bench(sample_count = 5)]
fn diff_10_000_locations_evidence_changed(bencher: Bencher) {
    let source = source();
    let (old, new) = (compile(&source), with_new_evidence(&source));
    let samples = samples(&old);
    bencher.bench(|| {
        diff::impact(
            &old,
            &new,
            divan::black_box(&samples),
            &diff::Options::default(),
        )
        .summary
        .changed
    });
}

#[divan::bench(sample_count = 5)]
fn diff_10_000_locations_one_thread(bencher: Bencher) {
    let source = source();
    let (old, new) = (compile(&source), tightened(&source));
    let samples = samples(&old);
    let options = diff::Options {
        as_of: None,
        threads: std::num::NonZeroUsize::new(1),
    };
    bencher.bench(|| {
        diff::impact(&old, &new, divan::black_box(&samples), &options)
            .summary
            .changed
    });
}

#[divan::bench(sample_count = 5)]
fn generate_10_000_locations(bencher: Bencher) {
    let framework = compile(&source());
    bencher.bench(|| {
        generate::generate(
            &framework,
            &Options {
                count: LOCATIONS,
                seed: divan::black_box(2026),
                as_of: None,
            },
        )
        .len()
    });
}
