//! The README's examples for other languages are the files CI runs
//! (`tests/it/c_abi.rs`, `tests/it/wasm.rs`, `tests/it/python.rs`,
//! `tests/it/serve.rs`): each block after an `<!-- example: PATH -->`
//! marker must equal that file. (The Rust examples are doctests:
//! `src/lib.rs` includes the README.)

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::Path;

#[test]
fn readme_examples_are_the_tested_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let mut checked = 0;
    for (i, part) in readme.split("<!-- example: ").enumerate().skip(1) {
        let (path, rest) = part.split_once(" -->").expect("a closed marker");
        let rest = rest.trim_start_matches('\n');
        let (_, body) = rest
            .split_once('\n')
            .expect("a fenced block after the marker");
        let (block, _) = body.split_once("```").expect("a closed fenced block");
        let file = std::fs::read_to_string(root.join(path))
            .unwrap_or_else(|e| panic!("example {i}: cannot read {path}: {e}"));
        assert_eq!(
            block, file,
            "the README's copy of {path} differs from the file"
        );
        checked += 1;
    }
    assert_eq!(
        checked, 4,
        "the README quotes the C, the Python, the JavaScript and the HTTP example"
    );
}
