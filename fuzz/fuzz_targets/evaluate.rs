//! Evaluation and reports: the first byte picks a framework compiled once
//! (the basiskader, the Voorbeeldstad layer on it), the rest is the
//! evidence; evaluated and rendered, never crashing.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    if rest.len() > kader_fuzz::MAX_EVIDENCE {
        return;
    }
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let framework = if which & 1 == 0 {
        kader_fuzz::basiskader()
    } else {
        kader_fuzz::voorbeeldstad()
    };
    let options = kader::LoadOptions {
        as_of: (which & 2 != 0).then(|| kader::Date::constant(2026, 11, 30)),
        ..kader::LoadOptions::default()
    };
    if let Ok(evidence) = kader::Evidence::from_json_with(framework, text, options) {
        let outcome = framework.decide(&evidence, kader::Stage::Intake).explain().outcome;
        let _ = kader::report::to_json(&outcome);
        let _ = kader::report::to_text(&outcome, kader::report::TextOptions::default());
        let _ = kader::plan::plan(framework, &outcome);
    }
});
