//! Differential: a generated framework, laid out untidily with comments,
//! and its `kader fmt` output compile alike and decide every generated
//! location the same (statuses, verdict and gap texts).
#![no_main]

use kader_fuzz::{Shape, Unstructured};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(generated) = kader_fuzz::framework(&mut u, &Shape::alone(true), None) else {
        return;
    };
    let source = &generated.source;
    let Ok(formatted) = kader::format::format(source) else {
        return;
    };
    let (original, again) = match (
        kader::Framework::compile(source),
        kader::Framework::compile(&formatted),
    ) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(_), Err(_)) => return,
        (a, b) => panic!(
            "formatting changed whether it compiles ({} vs {}):\n{source}\n---\n{formatted}",
            a.is_ok(),
            b.is_ok()
        ),
    };
    for _ in 0..3 {
        let Ok(text) = kader_fuzz::evidence(&mut u, &generated.scope) else {
            break;
        };
        let options = kader_fuzz::load_options();
        let a = kader::Evidence::from_json_with(&original, &text, options);
        let b = kader::Evidence::from_json_with(&again, &text, options);
        let (a, b) = match (a, b) {
            (Ok(a), Ok(b)) => (a, b),
            (Err(a), Err(b)) => {
                assert_eq!(a, b, "{text}");
                continue;
            }
            (a, b) => panic!("evidence loads differently: {a:?} vs {b:?}"),
        };
        let one = original.decide(&a, kader::Stage::Intake).explain().outcome;
        let two = again.decide(&b, kader::Stage::Intake).explain().outcome;
        assert_eq!(
            one.verdict, two.verdict,
            "{source}\n---\n{formatted}\n{text}"
        );
        let statuses = |o: &kader::Outcome| {
            let criteria: Vec<_> = o
                .criteria
                .iter()
                .map(|c| {
                    (
                        c.id.clone(),
                        c.status,
                        c.gaps
                            .iter()
                            .map(|g| g.expected.clone())
                            .collect::<Vec<_>>(),
                    )
                })
                .collect();
            let themes: Vec<_> = o.themes.iter().map(|t| (t.id.clone(), t.status)).collect();
            (criteria, themes)
        };
        assert_eq!(
            statuses(&one),
            statuses(&two),
            "{source}\n---\n{formatted}\n{text}"
        );
    }
});
