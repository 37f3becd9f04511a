//! The JSON of a location's result is the outcome's `Serialize` with what
//! the stage adds in its places, written straight to text. It must be byte
//! for byte the document the contract describes: the reference below
//! builds it as a `serde_json::Value`, inserting each staged field where it
//! belongs, over every sample, both stages and both languages, generated
//! locations, and texts that need escaping.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::common;

use common::{basiskader, compile, every_stage_and_language, file_name, load, root, sample_paths};
use kader::generate::{self, GeneratedLocation};
use kader::report::{self, Format};
use kader::{Assessment, Evidence, Framework, Language, Maturity};
use serde_json::{Map, Value};

fn value<T: serde::Serialize>(data: &T) -> Value {
    serde_json::to_value(data).unwrap()
}

/// The result document as it was written through `serde_json::Value`:
/// the outcome with `stage` before `verdict`, `certificate` after
/// `valid_until`, each theme's `maturity`, then `to_supply` and
/// `what_it_takes`.
fn reference(framework: &Framework, a: &Assessment, language: Language) -> String {
    let plan = kader::plan::plan_in(framework, &a.outcome, language);
    let Value::Object(mut result) = value(&a.outcome) else {
        panic!("an outcome is an object");
    };
    if let Some(Value::Array(themes)) = result.get_mut("themes") {
        for (theme, outcome) in themes.iter_mut().zip(&a.outcome.themes) {
            if let Value::Object(theme) = theme {
                theme.insert("maturity".into(), value(&Maturity::of(outcome)));
            }
        }
    }
    let mut out = Map::new();
    for (key, v) in result {
        let after_valid_until = key == "valid_until";
        if key == "verdict" {
            out.insert("stage".into(), value(&a.stage));
        }
        out.insert(key, v);
        if after_valid_until {
            out.insert("certificate".into(), value(&a.certificate));
        }
    }
    out.insert("to_supply".into(), value(&a.to_supply));
    out.insert("what_it_takes".into(), value(&plan.what_it_takes));
    let mut document = Value::Object(out);
    if let Some(certificate) = &a.certificate {
        document["certificate"]["hash"] = Value::String(sealed(
            &document,
            &certificate.framework_hash,
            &certificate.evidence_hash,
        ));
    }
    serde_json::to_string(&document).unwrap() + "\n"
}

/// The certificate's hash as docs/certificate.md defines it, computed here
/// on its own: the SHA-256 of the document without `certificate.hash` in
/// canonical JSON (keys sorted by their bytes, no whitespace), then of the
/// line `kader-certificate-1` and the three hashes, a line each.
fn sealed(document: &Value, framework: &str, evidence: &str) -> String {
    use sha2::{Digest, Sha256};
    fn canonical(v: &Value, out: &mut String) {
        match v {
            Value::Object(map) => {
                let sorted: std::collections::BTreeMap<&[u8], (&String, &Value)> =
                    map.iter().map(|(k, v)| (k.as_bytes(), (k, v))).collect();
                out.push('{');
                for (i, (key, inner)) in sorted.values().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&serde_json::to_string(key).unwrap());
                    out.push(':');
                    canonical(inner, out);
                }
                out.push('}');
            }
            Value::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    canonical(item, out);
                }
                out.push(']');
            }
            other => out.push_str(&serde_json::to_string(other).unwrap()),
        }
    }
    let hex = |bytes: &[u8]| -> String {
        Sha256::digest(bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    };
    let mut without = document.clone();
    without["certificate"]
        .as_object_mut()
        .unwrap()
        .remove("hash");
    let mut text = String::new();
    canonical(&without, &mut text);
    let result = hex(text.as_bytes());
    hex(format!("kader-certificate-1\n{framework}\n{evidence}\n{result}\n").as_bytes())
}

/// Renders `evidence` at both stages in both languages and compares the
/// direct JSON with the reference, and the bare outcome's JSON with
/// `serde_json`'s. Returns the documents compared.
fn check(framework: &Framework, evidence: &Evidence, what: &str) -> Vec<String> {
    let mut compared = Vec::new();
    for (stage, language, a) in every_stage_and_language(framework, evidence) {
        let options = report::Options {
            language,
            ..report::Options::default()
        };
        let direct = report::render(framework, &a, Format::Json, options);
        let expected = reference(framework, &a, language);
        assert!(
                direct == expected,
                "{what} ({stage:?}, {language:?}): the JSON differs\n direct: {direct}\n    ref: {expected}"
            );
        assert_eq!(
            report::to_json(&a.outcome),
            serde_json::to_string(&a.outcome).unwrap(),
            "{what} ({stage:?}, {language:?}): the outcome's JSON differs"
        );
        compared.push(direct);
    }
    compared
}

#[test]
fn every_sample_renders_as_through_a_value() {
    let framework = basiskader();
    let paths = sample_paths();
    assert!(paths.len() >= 10, "the samples were found");
    for path in &paths {
        check(framework, &load(framework, path), file_name(path));
    }

    let source = std::fs::read_to_string(root().join("frameworks/lokaal/voorbeeldstad.kader"))
        .expect("the example layer is shipped");
    let resolver = kader::DirResolver::new(&root().join("frameworks")).unwrap();
    let layered = Framework::compile_with(&source, "voorbeeldstad.kader", &resolver).unwrap();
    let mut layered_samples = 0;
    for entry in std::fs::read_dir(root().join("samples/voorbeeldstad")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            check(&layered, &load(&layered, &path), file_name(&path));
            layered_samples += 1;
        }
    }
    assert!(layered_samples >= 4, "the layer's samples were found");
}

#[test]
fn generated_locations_render_as_through_a_value() {
    let framework = basiskader();
    let mut compared = 0;
    for (seed, count) in [(2026, 400), (7, 150)] {
        let options = generate::Options {
            count,
            seed,
            as_of: None,
        };
        for location in generate::generate(framework, &options) {
            let evidence = Evidence::from_json(framework, &location.to_json_line()).unwrap();
            compared += check(framework, &evidence, GeneratedLocation::id(&location)).len();
        }
    }
    assert_eq!(compared, 4 * 550);
}

/// Every text the writer copies from a framework or an evidence file,
/// with what JSON must escape (quotes, backslashes, every control
/// character) and what it must not (non-ASCII, U+2028, U+007F, `/`).
#[test]
fn texts_that_need_escaping_render_as_through_a_value() {
    let framework = compile(
        "framework esc \"Tést \\\"quoted\\\" \\\\ back\u{1}\u{1f}\u{7f}\" version \"1/\u{2028}\"
language en
validity 12 months
evidence {
  a.name : text \"Naam «a» \\\"x\\\" \\\\ \u{0}\"
  a.count : int \"Aantal\ttabs\r\u{8}\u{c}\"
  a.ok : bool
}
theme th \"Théma \\\"q\\\" 🚸\" {
  criterion C1 \"Crit \\\\ \\\"1\\\"\t\" {
    mandatory
    owner school
    legal \"Art. 1 \\\"wet\\\" \\\\ \u{b}\"
    guidance \"Doe \\\"iets\\\"\\n nu\"
    require a.name == \"ok \\\"quoted\\\"\" else \"naam {a.name} \\\"fout\\\" \\\\ \u{1b}\"
  }
  criterion C2 \"two\" {
    weight 3
    owner gemeente
    require a.count >= 3
  }
  criterion C3 \"three\" {
    weight 2
    owner school
    require a.ok
  }
}
scoring {
  theme passes when all mandatory pass and score >= 60%
  certified when all themes pass
}
",
    );
    let names = [
        "plain",
        "\"quoted\" and \\back\\slashed\\",
        "controls \u{0}\u{1}\u{8}\t\n\u{b}\u{c}\r\u{e}\u{1f} end",
        "non-ASCII: é ü «» — ∑ 🚸 \u{7f} \u{2028}\u{2029} / </script>",
        "\\u0041 \\n",
        "ok \"quoted\"",
    ];
    let mut compared = Vec::new();
    for (i, name) in names.iter().enumerate() {
        for (count, ok) in [("1", "false"), ("5", "true")] {
            let text = serde_json::to_string(name).unwrap();
            let register = if i % 2 == 0 {
                format!(
                    r#"{{"exceptions": [{{ "location": {text}, "criterion": "C3", "reason": {text}, "granted_by": {text}, "decided_on": "2026-01-01", "valid_until": "2027-01-01" }}]}}"#
                )
            } else {
                r#"{"exceptions": []}"#.to_string()
            };
            let register = kader::Register::from_json(&framework, &register)
                .unwrap_or_else(|e| panic!("{register}: {:?}", e.problems));
            let json = format!(
                r#"{{
  "location": {{ "id": {text}, "name": {text} }},
  "as_of": "2026-11-30",
  "evidence": {{ "a": {{ "name": {text}, "count": {count}, "ok": {ok} }} }}
}}"#
            );
            let evidence = Evidence::from_json(&framework, &json)
                .unwrap_or_else(|e| panic!("{json}: {:?}", e.problems))
                .with_exceptions(&register);
            compared.extend(check(&framework, &evidence, name));
            let missing = format!(
                r#"{{ "location": {{ "id": {text} }}, "as_of": "2026-11-30", "evidence": {{}} }}"#
            );
            compared.extend(check(
                &framework,
                &Evidence::from_json(&framework, &missing).unwrap(),
                name,
            ));
        }
    }
    assert_eq!(compared.len(), names.len() * 2 * 2 * 4);
    // The texts reached the documents, escaped where JSON wants it.
    let all = compared.concat();
    for written in [
        r#"\"quoted\" and \\back\\slashed\\"#,
        r#"controls \u0000\u0001\b\t\n\u000b\f\r\u000e\u001f end"#,
        "non-ASCII: é ü «» — ∑ 🚸 \u{7f} \u{2028}\u{2029} / </script>",
        r#"\"fout\" \\ \u001b"#,
        r#"Tést \"quoted\" \\ back\u0001\u001f"#,
        r#""legal":"Art. 1 \"wet\" \\ \u000b""#,
        r#""reason":"#,
        r#""certificate":{"location""#,
    ] {
        assert!(all.contains(written), "`{written}` is written");
    }
}
