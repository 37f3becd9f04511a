//! Batch evaluation end to end: `kader eval FRAMEWORK locations.jsonl
//! --format json` over 10,000 generated locations (process start, parsing,
//! evaluating and writing JSON Lines on every core), and the three stages
//! of one location's trip through it, over the same locations on one
//! thread, to see where the time goes.
//!
//! Every stage also reports the allocations it makes (divan's allocation
//! profiler counts them per iteration, that is per 10,000 locations).
//!
//! Run with `cargo bench --bench batch`. Peak memory of a 1,000,000
//! location run is measured by `scripts/batch-bench.sh` (`COUNT=1000000`).

#![expect(clippy::expect_used, reason = "a bench stops on broken shipped data")]

mod support;

use std::process::{Command, Stdio};
use std::sync::LazyLock;

use divan::counter::ItemsCount;
use divan::Bencher;
use kader::generate::{self, Options};
use kader::report::{self, Format};
use kader::{EvalOptions, Evidence, Framework, Language, Stage};

/// Counts every allocation the stages make, beside their time.
#[global_allocator]
static ALLOC: divan::AllocProfiler = divan::AllocProfiler::system();

fn main() {
    divan::main();
}

const LOCATIONS: usize = 10_000;

static FRAMEWORK: LazyLock<Framework> =
    LazyLock::new(|| Framework::compile(&support::basiskader()).expect("compiles"));

/// 10,000 generated locations, one JSON line each.
static LINES: LazyLock<Vec<String>> = LazyLock::new(|| {
    let options = Options {
        count: LOCATIONS,
        seed: 2026,
        as_of: None,
    };
    generate::generate(&FRAMEWORK, &options)
        .iter()
        .map(generate::GeneratedLocation::to_json_line)
        .collect()
});

fn options() -> EvalOptions {
    EvalOptions {
        stage: Stage::Intake,
        language: Some(Language::Nl),
    }
}

fn render_options() -> report::Options {
    report::Options {
        language: Language::Nl,
        color: false,
        technical: false,
        group_by: None,
    }
}

/// `kader eval` over the 10,000 locations as a process, writing `args`.
fn end_to_end(bencher: Bencher, args: &[&str]) {
    let dir = std::env::temp_dir().join(format!("kader-batch-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let input = dir.join("locations.jsonl");
    std::fs::write(&input, LINES.join("\n") + "\n").expect("write input");
    let framework = support::root().join("frameworks/basiskader.kader");
    bencher.counter(ItemsCount::new(LOCATIONS)).bench(|| {
        let status = Command::new(env!("CARGO_BIN_EXE_kader"))
            .arg("eval")
            .arg(&framework)
            .arg(&input)
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("kader runs");
        assert!(status.success(), "kader eval succeeds");
    });
    let _ = std::fs::remove_dir_all(&dir);
}

/// Every result explained: gaps, what it takes, evidence to supply.
#[divan::bench(sample_count = 3)]
fn kader_eval_10_000_jsonl_end_to_end(bencher: Bencher) {
    end_to_end(bencher, &["--format", "json"]);
}

/// Verdict and statuses only (`--summary`).
#[divan::bench(sample_count = 5)]
fn kader_eval_10_000_jsonl_summary_end_to_end(bencher: Bencher) {
    end_to_end(bencher, &["--summary"]);
}

#[divan::bench(sample_count = 5)]
fn stage_load_json(bencher: Bencher) {
    let lines = &*LINES;
    bencher.counter(ItemsCount::new(LOCATIONS)).bench(|| {
        lines
            .iter()
            .filter(|l| Evidence::from_json(&FRAMEWORK, l).is_ok())
            .count()
    });
}

#[divan::bench(sample_count = 5)]
fn stage_evaluate(bencher: Bencher) {
    let loaded: Vec<Evidence> = LINES
        .iter()
        .map(|l| Evidence::from_json(&FRAMEWORK, l).expect("loads"))
        .collect();
    bencher.counter(ItemsCount::new(LOCATIONS)).bench(|| {
        loaded
            .iter()
            .map(|e| {
                FRAMEWORK
                    .decide(e, options())
                    .explain()
                    .outcome
                    .criteria
                    .len()
            })
            .sum::<usize>()
    });
}

#[divan::bench(sample_count = 5)]
fn stage_decide(bencher: Bencher) {
    let loaded: Vec<Evidence> = LINES
        .iter()
        .map(|l| Evidence::from_json(&FRAMEWORK, l).expect("loads"))
        .collect();
    bencher.counter(ItemsCount::new(LOCATIONS)).bench(|| {
        loaded
            .iter()
            .map(|e| FRAMEWORK.decide(e, Stage::Intake).verdict() as usize)
            .sum::<usize>()
    });
}

#[divan::bench(sample_count = 5)]
fn stage_render_summary(bencher: Bencher) {
    let loaded: Vec<Evidence> = LINES
        .iter()
        .map(|l| Evidence::from_json(&FRAMEWORK, l).expect("loads"))
        .collect();
    let decisions: Vec<_> = loaded
        .iter()
        .map(|e| FRAMEWORK.decide(e, Stage::Intake))
        .collect();
    bencher.counter(ItemsCount::new(LOCATIONS)).bench(|| {
        decisions
            .iter()
            .map(|d| report::summary(d).len())
            .sum::<usize>()
    });
}

#[divan::bench(sample_count = 5)]
fn stage_render_json(bencher: Bencher) {
    let assessments: Vec<_> = LINES
        .iter()
        .map(|l| {
            let e = Evidence::from_json(&FRAMEWORK, l).expect("loads");
            FRAMEWORK.decide(&e, options()).explain()
        })
        .collect();
    bencher.counter(ItemsCount::new(LOCATIONS)).bench(|| {
        assessments
            .iter()
            .map(|a| report::render(&FRAMEWORK, a, Format::Json, render_options()).len())
            .sum::<usize>()
    });
}
