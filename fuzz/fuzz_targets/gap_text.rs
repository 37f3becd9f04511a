//! Differential: every `expected` text of a gap reads back, through the
//! parser, as the part of its condition it stands for: the condition, one
//! of its `and` operands, several of them joined by `and`, or a
//! comparison's requirement after the value it is about.
#![no_main]

use kader_fuzz::{Exprs, Layout, Unstructured};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let scope = kader_fuzz::small_scope();
    let exprs = Exprs {
        scope: &scope,
        layout: Layout { messy: false },
    };
    let Ok(condition) = exprs.cond(&mut u, 4) else {
        return;
    };
    let source = kader_fuzz::one_requirement(&condition);
    let Ok(framework) = kader::Framework::compile(&source) else {
        return;
    };
    let Some(written) = kader_fuzz::parse_condition(&condition) else {
        panic!("compiled but does not parse: {condition}")
    };
    for _ in 0..3 {
        let Ok(text) = kader_fuzz::evidence(&mut u, &scope) else {
            break;
        };
        let Ok(evidence) =
            kader::Evidence::from_json_with(&framework, &text, kader_fuzz::load_options())
        else {
            continue;
        };
        let outcome = framework.decide(&evidence, kader::Stage::Intake).explain().outcome;
        for criterion in &outcome.criteria {
            for gap in &criterion.gaps {
                kader_fuzz::reads_back(&condition, &written, &gap.expected);
            }
        }
    }
});
