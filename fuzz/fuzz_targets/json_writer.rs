//! Differential: kader's writer of result documents against serde_json,
//! on generated frameworks and generated evidence. The result document is
//! serde_json's text of the same outcome to the byte; the assessment
//! document and the summary line are JSON whose criteria are the outcome's.
#![no_main]

use kader_fuzz::{Shape, Unstructured};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(generated) = kader_fuzz::framework(&mut u, &Shape::alone(false), None) else {
        return;
    };
    let Ok(framework) = kader::Framework::compile(&generated.source) else {
        return;
    };
    for _ in 0..3 {
        let Ok(text) = kader_fuzz::evidence(&mut u, &generated.scope) else {
            break;
        };
        let Ok(evidence) = kader::Evidence::from_json_with(&framework, &text, kader_fuzz::load_options())
        else {
            continue;
        };
        for stage in [kader::Stage::Intake, kader::Stage::Audit] {
            let decision = framework.decide(&evidence, stage);
            let summary: serde_json::Value = match serde_json::from_str(&kader::report::summary(&decision)) {
                Ok(v) => v,
                Err(e) => panic!("the summary is no JSON: {e}"),
            };
            let assessment = decision.explain();
            let outcome = &assessment.outcome;
            let expected = serde_json::to_string(outcome).ok();
            assert_eq!(Some(kader::report::to_json(outcome)), expected, "{text}");
            let rendered = kader::report::render(
                &framework,
                &assessment,
                kader::report::Format::Json,
                kader::report::Options::default(),
            );
            let document: serde_json::Value = match serde_json::from_str(&rendered) {
                Ok(v) => v,
                Err(e) => panic!("the assessment is no JSON: {e}\n{rendered}"),
            };
            assert_eq!(
                document.get("criteria"),
                serde_json::to_value(&outcome.criteria).ok().as_ref()
            );
            let statuses = summary.get("criteria").and_then(|c| c.as_object());
            assert_eq!(statuses.map(|s| s.len()), Some(outcome.criteria.len()));
        }
    }
});
