//! Generated layers on a generated base, resolved from memory: compiling
//! never panics and stays quick, evaluation never panics, and a location
//! the layer certifies is certified by its base.
#![no_main]

use kader_fuzz::{Shape, Unstructured};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let base_shape = Shape {
        id: "base",
        extends: None,
        prefix: "",
        messy: false,
    };
    let Ok(base) = kader_fuzz::framework(&mut u, &base_shape, None) else {
        return;
    };
    let layer_shape = Shape {
        id: "lay",
        extends: Some("base"),
        prefix: "l",
        messy: false,
    };
    let Ok(layer) = kader_fuzz::framework(&mut u, &layer_shape, Some(&base)) else {
        return;
    };
    let resolver = kader::MemoryResolver::new().with("base", "base.kader", &base.source);
    let framework = match kader::Framework::compile_with(&layer.source, "lay.kader", &resolver) {
        Ok(framework) => framework,
        Err(diagnostics) => {
            let _ = diagnostics.to_records("lay.kader", &layer.source);
            return;
        }
    };
    let Ok(base_framework) = kader::Framework::compile(&base.source) else {
        panic!("the layer compiled but its base does not:\n{}", base.source)
    };
    for _ in 0..3 {
        let Ok(text) = kader_fuzz::evidence(&mut u, &layer.scope) else {
            break;
        };
        let options = kader_fuzz::load_options();
        let Ok(evidence) = kader::Evidence::from_json_with(&framework, &text, options) else {
            continue;
        };
        let outcome = framework.decide(&evidence, kader::Stage::Intake).explain().outcome;
        kader_fuzz::gap_texts_parse(&outcome);
        let _ = kader::plan::plan(&framework, &outcome);
        if outcome.verdict == kader::Verdict::Certified {
            if let Ok(on_base) = kader::Evidence::from_json_with(&base_framework, &text, options) {
                let base_verdict = base_framework
                    .decide(&on_base, kader::Stage::Intake)
                    .verdict();
                assert_eq!(
                    base_verdict,
                    kader::Verdict::Certified,
                    "the layer certifies what its base does not\nbase:\n{}\nlayer:\n{}\nevidence: {text}",
                    base.source,
                    layer.source
                );
            }
        }
    }
});
