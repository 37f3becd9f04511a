//! Differential: the fast evidence loader against the tree loader, on any
//! text, against frameworks compiled once. Wherever the fast loader gives
//! evidence, it is the evidence the tree loader gives; and the loader the
//! library uses gives what the tree loader gives.
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
    let framework = match which % 3 {
        0 => kader_fuzz::basiskader(),
        1 => kader_fuzz::voorbeeldstad(),
        _ => kader_fuzz::all_types(),
    };
    let mut options = kader_fuzz::load_options();
    if which & 8 != 0 {
        options.as_of = Some(kader::Date::constant(2026, 11, 30));
    }
    if which & 16 != 0 {
        options.limits.max_text_chars = 12;
        options.limits.max_list_items = 2;
    }
    let loaded = kader::Evidence::from_json_with(framework, text, options);
    kader_fuzz::same_as_reference_with(framework, text, options, &loaded);
});
