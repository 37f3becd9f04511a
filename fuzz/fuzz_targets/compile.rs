//! Stages 1–3: any text → a compiled framework or diagnostics, never a
//! crash. Only this stage: documents and schemas are the `framework`
//! target's business.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() > kader_fuzz::MAX_INPUT {
        return;
    }
    if let Ok(source) = std::str::from_utf8(data) {
        match kader::Framework::compile(source) {
            Ok(framework) => {
                let _ = framework.warnings().to_records("fuzz.kader", source);
            }
            Err(diagnostics) => {
                let _ = diagnostics.to_records("fuzz.kader", source);
            }
        }
    }
});
