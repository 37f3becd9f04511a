//! Evaluation and reports: a framework and evidence built from the input (the
//! first line-separated part is the framework, the rest the evidence) are
//! evaluated and rendered, never crashing.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Some((source, evidence)) = text.split_once("\n---\n") else { return };
    let Ok(framework) = kader::Framework::compile(source) else { return };
    let options = kader::LoadOptions {
        as_of: Some(kader::Date::constant(2026, 11, 30)),
        ..kader::LoadOptions::default()
    };
    if let Ok(evidence) = kader::Evidence::from_json_with(&framework, evidence, options) {
        let outcome = framework.evaluate(&evidence);
        let _ = kader::report::to_json(&outcome);
        let _ = kader::report::to_text(&outcome, kader::report::TextOptions::default());
        let _ = kader::plan::plan(&framework, &outcome);
    }
});
