//! Speed of the core pipeline on the shipped basiskader, and of its peers:
//! compiling it (and generated frameworks of 1,000 to 100,000 criteria),
//! evaluating locations with kader, with the same rules written by hand in
//! Rust, and with the same rules in CEL.
//!
//! The peers must agree with kader: the setup checks every criterion status
//! (and the verdict) on the shipped JSON samples and 1,000 generated
//! locations before anything is timed.
//!
//! Run with `cargo bench --bench evaluate`.

#![expect(clippy::expect_used, reason = "a bench stops on broken shipped data")]
#![expect(
    clippy::panic,
    reason = "a bench stops when a peer disagrees with kader"
)]

mod peers;
mod support;

use std::sync::LazyLock;

use divan::counter::ItemsCount;
use divan::Bencher;
use kader::generate::{self, Options};
use kader::{Evidence, Framework, Stage};
use peers::{cel, handwritten};

fn main() {
    divan::main();
}

/// How many generated locations the evaluation benches run over, besides
/// the samples.
const GENERATED: usize = 1_000;

/// The locations every evaluation bench runs over, loaded once for each
/// engine.
struct Corpus {
    framework: Framework,
    kader: Vec<Evidence>,
    handwritten: Vec<handwritten::Location>,
    cel: Vec<cel_interpreter::Context<'static>>,
    rules: cel::Rules,
}

fn texts(framework: &Framework) -> Vec<String> {
    let mut texts = support::json_samples();
    let options = Options {
        count: GENERATED,
        seed: 2026,
        as_of: None,
    };
    texts.extend(
        generate::generate(framework, &options)
            .iter()
            .map(generate::GeneratedLocation::to_json),
    );
    texts
}

fn corpus() -> Corpus {
    let framework = Framework::compile(&support::basiskader()).expect("basiskader compiles");
    let rules = cel::Rules::compile().expect("the CEL programs compile");
    let mut corpus = Corpus {
        kader: Vec::new(),
        handwritten: Vec::new(),
        cel: Vec::new(),
        rules,
        framework,
    };
    for text in texts(&corpus.framework) {
        // Only what kader accepts is evidence; the invalid samples are not.
        let Ok(evidence) = Evidence::from_json(&corpus.framework, &text) else {
            continue;
        };
        let hand = handwritten::Location::from_json(&text).expect("handwritten peer reads it");
        let ctx = cel::context(&text).expect("CEL peer reads it");
        check_agreement(&corpus.framework, &evidence, &hand, &ctx, &corpus.rules);
        corpus.kader.push(evidence);
        corpus.handwritten.push(hand);
        corpus.cel.push(ctx);
    }
    assert!(
        corpus.kader.len() > GENERATED,
        "samples and generated locations load"
    );
    corpus
}

/// The peers compute the same criterion statuses (and levels, and verdict)
/// as kader, or the comparison means nothing.
fn check_agreement(
    framework: &Framework,
    evidence: &Evidence,
    hand: &handwritten::Location,
    ctx: &cel_interpreter::Context<'_>,
    rules: &cel::Rules,
) {
    let outcome = framework.decide(evidence, Stage::Intake).explain().outcome;
    let decision = framework.decide(evidence, Stage::Intake);
    assert_eq!(decision.verdict(), outcome.verdict, "decision and outcome");
    for (d, o) in decision.criteria().zip(&outcome.criteria) {
        assert_eq!(
            (d.id, d.status, d.level),
            (o.id.as_str(), o.status, o.level)
        );
    }
    let by_hand = handwritten::evaluate(hand);
    let by_cel = rules.evaluate(ctx);
    assert_eq!(outcome.criteria.len(), peers::CRITERIA.len());
    for (i, kader) in outcome.criteria.iter().enumerate() {
        let id = &kader.id;
        let hand = by_hand.get(i).expect("49 criteria");
        let cel = by_cel.get(i).expect("49 criteria");
        let expected = peers::CRITERIA.get(i).expect("49 criteria").id;
        assert_eq!(id, expected, "criterion order");
        for (peer, judged) in [("handwritten", hand), ("cel", cel)] {
            if judged.status != kader.status || judged.level != kader.level {
                panic!(
                    "{peer} peer disagrees with kader on {id} for {}: {:?}/{:?} vs {:?}/{:?}",
                    evidence.location().id,
                    judged.status,
                    judged.level,
                    kader.status,
                    kader.level
                );
            }
        }
    }
    assert_eq!(
        peers::verdict(&by_hand),
        outcome.verdict,
        "handwritten verdict for {}",
        evidence.location().id
    );
}

static SOURCE: LazyLock<String> = LazyLock::new(support::basiskader);

#[divan::bench]
fn compile_basiskader(bencher: Bencher) {
    bencher.bench(|| Framework::compile(divan::black_box(&SOURCE)).expect("compiles"));
}

#[divan::bench(args = [1_000, 10_000, 100_000], sample_count = 5, sample_size = 1)]
fn compile_generated(bencher: Bencher, criteria: usize) {
    let source = support::synthetic_framework(criteria);
    // 100,000 criteria are beyond the default limits a host gets.
    let limits = kader::Limits {
        max_source_bytes: usize::MAX,
        max_criteria: usize::MAX,
        ..kader::Limits::default()
    };
    let compile = |source: &str| Framework::compile_with_limits(source, "", None, &limits);
    let framework = compile(&source).expect("generated framework compiles");
    assert_eq!(framework.evidence_paths().count(), criteria + 1);
    bencher
        .counter(ItemsCount::new(criteria))
        .bench(|| compile(divan::black_box(&source)).expect("compiles"));
}

#[divan::bench]
fn evaluate_one_location(bencher: Bencher) {
    let framework = Framework::compile(&SOURCE).expect("compiles");
    let text = support::json_samples()
        .into_iter()
        .next()
        .expect("a sample");
    let evidence = Evidence::from_json(&framework, &text).expect("loads");
    bencher.bench(|| {
        framework
            .decide(divan::black_box(&evidence), Stage::Intake)
            .verdict()
    });
}

/// The same location with every result explained (titles, gaps, messages).
#[divan::bench]
fn explain_one_location(bencher: Bencher) {
    let framework = Framework::compile(&SOURCE).expect("compiles");
    let text = support::json_samples()
        .into_iter()
        .next()
        .expect("a sample");
    let evidence = Evidence::from_json(&framework, &text).expect("loads");
    bencher.bench(|| {
        framework
            .decide(divan::black_box(&evidence), Stage::Intake)
            .explain()
            .outcome
    });
}

/// An intake with evidence missing, explained: the evidence to supply is
/// marked decisive or not by the exact analysis. The peer is
/// `explain_one_location` above (nothing missing, nothing to mark).
#[divan::bench]
fn explain_intake_with_missing_evidence(bencher: Bencher) {
    let framework = Framework::compile(&SOURCE).expect("compiles");
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("samples/vo-montessori-oost-cameras-unknown.json"),
    )
    .expect("the sample is shipped");
    let evidence = Evidence::from_json(&framework, &text).expect("loads");
    bencher.bench(|| {
        framework
            .decide(divan::black_box(&evidence), Stage::Intake)
            .explain()
            .to_supply
    });
}

/// kader over every location of the corpus: divan's items/s is locations/s.
/// Decides every criterion, theme and the verdict, as the peers do.
#[divan::bench(sample_count = 20)]
fn evaluate_corpus_kader(bencher: Bencher) {
    let corpus = corpus();
    bencher
        .counter(ItemsCount::new(corpus.kader.len()))
        .bench(|| {
            corpus
                .kader
                .iter()
                .map(|e| {
                    corpus
                        .framework
                        .decide(divan::black_box(e), Stage::Intake)
                        .verdict() as usize
                })
                .sum::<usize>()
        });
}

/// The calendar of lapses of every location of the corpus: each
/// criterion's, theme's and the verdict's first change within ten years,
/// decided on the days a date of the evidence turns.
#[divan::bench(sample_count = 5)]
fn calendar_corpus_kader(bencher: Bencher) {
    let corpus = corpus();
    bencher
        .counter(ItemsCount::new(corpus.kader.len()))
        .bench(|| {
            corpus
                .kader
                .iter()
                .map(|e| {
                    kader::calendar::calendar(&corpus.framework, divan::black_box(e), Stage::Intake)
                        .timeline
                        .len()
                })
                .sum::<usize>()
        });
}

/// kader over the corpus with every gap explained: what a person reads.
#[divan::bench(sample_count = 10)]
fn explain_corpus_kader(bencher: Bencher) {
    let corpus = corpus();
    bencher
        .counter(ItemsCount::new(corpus.kader.len()))
        .bench(|| {
            corpus
                .kader
                .iter()
                .map(|e| {
                    corpus
                        .framework
                        .decide(divan::black_box(e), Stage::Intake)
                        .explain()
                        .outcome
                        .criteria
                        .len()
                })
                .sum::<usize>()
        });
}

/// The same locations, rules written by hand: the practical limit.
#[divan::bench(sample_count = 20)]
fn evaluate_corpus_handwritten(bencher: Bencher) {
    let corpus = corpus();
    bencher
        .counter(ItemsCount::new(corpus.handwritten.len()))
        .bench(|| {
            corpus
                .handwritten
                .iter()
                .map(|l| peers::verdict(&handwritten::evaluate(divan::black_box(l))) as usize)
                .sum::<usize>()
        });
}

/// The same locations, rules in CEL, programs compiled once.
#[divan::bench(sample_count = 5)]
fn evaluate_corpus_cel(bencher: Bencher) {
    let corpus = corpus();
    bencher
        .counter(ItemsCount::new(corpus.cel.len()))
        .bench(|| {
            corpus
                .cel
                .iter()
                .map(|ctx| corpus.rules.evaluate(divan::black_box(ctx)).len())
                .sum::<usize>()
        });
}

#[divan::bench]
fn load_json_evidence(bencher: Bencher) {
    let framework = Framework::compile(&SOURCE).expect("compiles");
    let text =
        std::fs::read_to_string(support::root().join("samples/po-de-regenboog-certified.json"))
            .expect("sample");
    bencher.bench(|| Evidence::from_json(&framework, divan::black_box(&text)).expect("loads"));
}
