//! The form as one self-contained HTML file: the template, style sheet and
//! script in `web/form/`, the [model](super::model) and the framework's
//! source texts as JSON, and the engine (kader's JSON interface as
//! WebAssembly, gzipped, in base64, with wasm-bindgen's plain-script glue)
//! as `scripts/build-form-engine` wrote it into `web/form/engine/`. Nothing
//! is fetched: the file works from a disk, offline.
//!
//! The page is an application, not a document for people to read, so it
//! is not built with the layout model; every text in it still comes from
//! the catalogue, through the model.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::compile::Framework;
use crate::layout::html::escape;
use crate::terms::Language;
use crate::words::{fill, words};

const TEMPLATE: &str = include_str!("../../../web/form/form.html");
const STYLE: &str = include_str!("../../../web/form/form.css");
const SCRIPT: &str = include_str!("../../../web/form/form.js");
const GLUE: &str = include_str!("../../../web/form/engine/kader_wasm.js");
const ENGINE: &str = include_str!("../../../web/form/engine/kader_wasm_bg.wasm.gz.b64");

/// The source texts the engine in the form compiles: the framework's, as
/// [`Framework::compile_with`] read it, and those of the frameworks it
/// extends.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sources {
    /// The name the framework's diagnostics use (`basiskader.kader`).
    pub file_name: String,
    /// The framework's source text.
    pub text: String,
    /// The frameworks it extends, nearest first: `(id, source text)`.
    pub bases: Vec<(String, String)>,
}

/// The evidence form of `framework` in `language`: one HTML file that a
/// school opens in a browser, fills in, checks as it types and saves as
/// the evidence file `kader eval` reads.
pub fn page(framework: &Framework, sources: &Sources, language: Language) -> String {
    let model = super::model(framework, language);
    let mut bases = Map::new();
    for (id, text) in &sources.bases {
        bases.insert(id.clone(), Value::String(text.clone()));
    }
    let request = SourcesJson {
        file_name: &sources.file_name,
        framework: &sources.text,
        bases: Value::Object(bases),
    };
    let w = words(language);
    fill(
        TEMPLATE,
        &[
            ("lang", language.code()),
            ("title", &escape(&model.title)),
            ("loading", &escape(w.form_loading)),
            ("noscript", &escape(w.form_noscript)),
            ("style", STYLE),
            ("model", &script_json(&model)),
            ("sources", &script_json(&request)),
            ("engine", ENGINE),
            ("glue", GLUE),
            ("script", SCRIPT),
        ],
    )
}

/// What the engine compiles, as the page's script reads it.
#[derive(Serialize)]
struct SourcesJson<'a> {
    file_name: &'a str,
    framework: &'a str,
    bases: Value,
}

/// JSON to put inside `<script type="application/json">`: `<` written as
/// `\u003c`, so that no text in it can end the element.
fn script_json(value: &impl Serialize) -> String {
    serde_json::to_string(value)
        .unwrap_or_else(|_| "null".into())
        .replace('<', "\\u003c")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use super::*;

    #[test]
    fn nothing_embedded_can_end_its_script_element() {
        for (name, text) in [("form.js", SCRIPT), ("glue", GLUE), ("engine", ENGINE)] {
            assert!(
                !text.to_ascii_lowercase().contains("</script"),
                "{name} contains `</script`"
            );
        }
        let json = script_json(&serde_json::json!({"a": "</script><b>"}));
        assert_eq!(json, r#"{"a":"\u003c/script>\u003cb>"}"#);
        let back: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["a"], "</script><b>");
    }

    #[test]
    fn every_placeholder_of_the_template_is_filled() {
        let framework = Framework::compile(
            r#"framework demo "Demo <1>" version "1"
               evidence { plan.adopted : date "Datum plan" }
               theme t "Thema" { criterion C1 "Plan" { owner school require plan.adopted within 12 months } }"#,
        )
        .unwrap();
        let sources = Sources {
            file_name: "demo.kader".into(),
            text: "framework demo </script>".into(),
            bases: Vec::new(),
        };
        let html = page(&framework, &sources, Language::Nl);
        for placeholder in [
            "{lang}",
            "{title}",
            "{style}",
            "{model}",
            "{sources}",
            "{engine}",
            "{glue}",
            "{script}",
        ] {
            assert!(!html.contains(placeholder), "{placeholder} left");
        }
        assert!(html.starts_with("<!doctype html>"));
        assert!(html.contains(r#"<html lang="nl">"#));
        assert!(html.contains("<title>Aanleverformulier Demo &lt;1&gt; 1</title>"));
        assert!(html.contains(r#""framework":"framework demo \u003c/script>""#));
        assert_eq!(html.matches("</script>").count(), 5);
    }
}
