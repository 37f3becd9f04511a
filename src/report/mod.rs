//! Stage 5: rendering outcomes for people (text) and programs (JSON).

mod json;
mod text;

pub use json::to_json;
pub use text::{to_text, TextOptions};
