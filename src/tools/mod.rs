//! Tools beside the pipeline: authoring (`format`, `doc`, `schema`, `lsp`),
//! the evidence form schools fill in (`form`),
//! testing a framework (`testing`, `diff`, `generate`) and running it over
//! many locations (`batch`). They use the stages; no stage uses them. Each
//! is re-exported at the crate root (`kader::diff`), its public path.

pub mod batch;
pub mod diff;
pub mod doc;
pub mod form;
pub mod format;
pub mod generate;
#[cfg(feature = "lsp")]
pub mod lsp;
pub mod schema;
pub mod testing;
