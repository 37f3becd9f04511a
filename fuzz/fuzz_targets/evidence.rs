//! Evidence loading: any JSON or TOML text against the basiskader (compiled
//! once) → evidence or errors naming the path, never a crash.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() > kader_fuzz::MAX_EVIDENCE {
        return;
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let framework = kader_fuzz::basiskader();
        let _ = kader::Evidence::from_json(framework, text);
        let _ = kader::Evidence::from_toml(framework, text);
    }
});
