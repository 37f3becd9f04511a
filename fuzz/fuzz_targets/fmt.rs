//! `kader fmt`: whatever parses, formats to text that parses to the same tree,
//! and formatting again changes nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() > kader_fuzz::MAX_INPUT {
        return;
    }
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(tree) = kader::syntax::parse(source) else {
        return;
    };
    let formatted = match kader::format::format(source) {
        Ok(f) => f,
        Err(d) => panic!("parsed but did not format: {d}"),
    };
    match kader::syntax::parse(&formatted) {
        Ok(again) => assert!(again == tree, "formatting changed the tree:\n{formatted}"),
        Err(d) => panic!("formatted text does not parse: {d}\n{formatted}"),
    }
    assert_eq!(
        kader::format::format(&formatted).ok().as_deref(),
        Some(formatted.as_str())
    );
});
