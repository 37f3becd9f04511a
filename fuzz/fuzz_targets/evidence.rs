//! Evidence loading: any JSON or TOML text against the basiskader → evidence
//! or errors naming the path, never a crash.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

fn basiskader() -> &'static kader::Framework {
    static FRAMEWORK: OnceLock<kader::Framework> = OnceLock::new();
    FRAMEWORK.get_or_init(|| {
        let source = include_str!("../../frameworks/basiskader.kader");
        kader::Framework::compile(source).unwrap_or_else(|d| panic!("basiskader: {d}"))
    })
}

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let framework = basiskader();
        let _ = kader::Evidence::from_json(framework, text);
        let _ = kader::Evidence::from_toml(framework, text);
    }
});
