//! Speed of `kader diff` on the shipped basiskader: the impact of a change
//! over 10,000 generated locations, evidence text in memory (loading,
//! evaluating under both frameworks, diffing), and generating them; and of
//! the exact analysis (`kader diff --exhaustive`, `kader verify`) beside it,
//! on the basiskader, the Voorbeeldstad layer and generated frameworks of
//! growing size.
//!
//! Run with `cargo bench --bench diff`.

#![expect(clippy::expect_used, reason = "a bench stops on broken shipped data")]

mod support;

use std::path::Path;

use divan::Bencher;
use kader::diff::{self, Sample};
use kader::generate::{self, Options};
use kader::{analysis, Date, Framework, MemoryResolver};

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

/// The as-of date of the exact analysis.
fn as_of() -> Date {
    kader::parse_date("2026-11-30").expect("a date")
}

/// The exact relation of the basiskader with one threshold tightened, over
/// every school: the peer is the sample diff of 10,000 locations above.
#[divan::bench(sample_count = 5)]
fn exhaustive_basiskader_one_threshold(bencher: Bencher) {
    let source = source();
    let (old, new) = (compile(&source), tightened(&source));
    bencher.bench(|| {
        analysis::compare(&old, divan::black_box(&new), as_of())
            .themes
            .len()
    });
}

/// The same over every as-of date of five years (`--until`): the days
/// fall into classes by the order of the windows' first days, and each
/// class is analysed once.
#[divan::bench(sample_count = 5)]
fn exhaustive_basiskader_five_years(bencher: Bencher) {
    let source = source();
    let (old, new) = (compile(&source), tightened(&source));
    let until = kader::parse_date("2031-11-30").expect("a date");
    bencher.bench(|| {
        analysis::compare_between(&old, divan::black_box(&new), as_of(), until)
            .themes
            .len()
    });
}

/// The analysis lints of `kader check` on the basiskader (W0269–W0274):
/// one enumeration per criterion, and the framework compared with itself
/// once per criterion for W0274.
#[divan::bench(sample_count = 5)]
fn lint_basiskader(bencher: Bencher) {
    let framework = compile(&source());
    bencher.bench(|| {
        analysis::lint(divan::black_box(&framework), as_of(), framework.warnings()).len()
    });
}

/// `kader verify` of the Voorbeeldstad layer against the basiskader.
#[divan::bench(sample_count = 5)]
fn verify_voorbeeldstad(bencher: Bencher) {
    let source = source();
    let layer = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("frameworks/lokaal/voorbeeldstad.kader"),
    )
    .expect("the layer is shipped");
    let resolver = MemoryResolver::new().with("basiskader", "basiskader.kader", &source);
    let layer =
        Framework::compile_with(&layer, "voorbeeldstad.kader", &resolver).expect("compiles");
    let base = compile(&source);
    bencher.bench(|| {
        analysis::compare(&base, divan::black_box(&layer), as_of())
            .themes
            .len()
    });
}

/// The exact relation on generated frameworks of 100 to 800 criteria (in
/// themes of 100, all sharing `school.type`), one threshold tightened: the
/// cost should grow about linearly with the criteria.
#[divan::bench(args = [100, 200, 400, 800], sample_count = 3)]
fn exhaustive_generated(bencher: Bencher, criteria: usize) {
    let source = support::synthetic_framework(criteria);
    let old = compile(&source);
    let new = compile(&source.replacen("t0.e4 >= 70%", "t0.e4 >= 80%", 1));
    bencher.bench(|| {
        analysis::compare(&old, divan::black_box(&new), as_of())
            .criteria
            .len()
    });
}
