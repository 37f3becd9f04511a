//! Generated frameworks (evidence of every type, deep paths, chains of
//! defines over earlier ones, themes, criteria, scoring) and generated
//! evidence for them: compiling never panics and stays quick, the evidence
//! loads the same by the fast and the tree loader, and evaluation, the
//! report, the plan, the document and the schema never panic.
#![no_main]

use kader_fuzz::{Shape, Unstructured};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(generated) = kader_fuzz::framework(&mut u, &Shape::alone(false), None) else {
        return;
    };
    let framework = match kader::Framework::compile(&generated.source) {
        Ok(framework) => framework,
        Err(diagnostics) => {
            let _ = diagnostics.to_records("f.kader", &generated.source);
            return;
        }
    };
    let rendering = u.ratio(1, 8).unwrap_or(false);
    for _ in 0..3 {
        let Ok(text) = kader_fuzz::evidence(&mut u, &generated.scope) else {
            break;
        };
        let options = kader_fuzz::load_options();
        let loaded = kader::Evidence::from_json_with(&framework, &text, options);
        kader_fuzz::same_as_reference(&framework, &text, &loaded);
        let Ok(evidence) = loaded else { continue };
        let outcome = framework.decide(&evidence, kader::Stage::Intake).explain().outcome;
        kader_fuzz::gap_texts_parse(&outcome);
        let _ = kader::report::to_json(&outcome);
        let _ = kader::plan::plan(&framework, &outcome);
    }
    if rendering {
        let _ = kader::doc::document(&framework, kader::doc::DocFormat::Markdown);
        let _ = kader::schema::evidence_schema(&framework);
    }
});
