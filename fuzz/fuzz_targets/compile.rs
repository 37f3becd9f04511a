//! Stages 1–3: any text → a compiled framework or diagnostics; both render.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(source) = std::str::from_utf8(data) {
        match kader::Framework::compile(source) {
            Ok(framework) => {
                let _ = framework.warnings().render("fuzz.kader", source, false);
                let _ = kader::doc::document(&framework, kader::doc::DocFormat::Html);
                let _ = kader::schema::evidence_schema(&framework);
            }
            Err(diagnostics) => {
                let _ = diagnostics.render("fuzz.kader", source, false);
                let _ = diagnostics.to_records("fuzz.kader", source);
            }
        }
    }
});
