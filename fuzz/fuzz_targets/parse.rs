//! Stage 1: any text → a syntax tree or diagnostics, never a crash.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() > kader_fuzz::MAX_INPUT {
        return;
    }
    if let Ok(source) = std::str::from_utf8(data) {
        if let Err(diagnostics) = kader::syntax::parse(source) {
            let _ = diagnostics.to_records("fuzz.kader", source);
        }
    }
});
