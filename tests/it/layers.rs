//! Layers: a framework that extends another (`docs/layers.md`). Bases come
//! from `tests/data/layers/` through an in-memory resolver.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::fs;

use kader::{Evidence, Framework, Language, MemoryResolver, Resolver, Stage};

fn data(name: &str) -> String {
    fs::read_to_string(format!("tests/data/layers/{name}")).unwrap()
}

fn resolver() -> MemoryResolver {
    ["basis", "regio", "gemeente"]
        .iter()
        .fold(MemoryResolver::new(), |r, id| {
            r.with(id, &format!("{id}.kader"), &data(&format!("{id}.kader")))
        })
}

/// The codes of the diagnostics of a layer that does not compile.
fn codes(source: &str, resolver: &dyn Resolver) -> Vec<&'static str> {
    match Framework::compile_with(source, "layer.kader", resolver) {
        Ok(_) => Vec::new(),
        Err(d) => d.iter().map(|d| d.code).collect(),
    }
}

/// Renders a layer's diagnostics as the CLI does.
fn rendered(name: &str) -> String {
    let source = data(name);
    let diagnostics = Framework::compile_with(&source, name, &resolver()).unwrap_err();
    diagnostics.render(name, &source, false)
}

#[test]
fn layers_stack_and_every_criterion_says_where_it_comes_from() {
    let framework =
        Framework::compile_with(&data("gemeente.kader"), "gemeente.kader", &resolver()).unwrap();
    assert!(framework.warnings().is_empty() || !framework.warnings().has_errors());
    assert_eq!(
        framework.extends(),
        [
            ("regio".to_string(), "2".to_string()),
            ("basis".to_string(), "1".to_string())
        ]
    );
    let (layer, tightened) = framework.provenance("S4").unwrap();
    assert_eq!(layer, "basis");
    assert_eq!(tightened, ["regio".to_string(), "gemeente".to_string()]);
    assert_eq!(framework.provenance("R1").unwrap().0, "regio");
    assert_eq!(framework.provenance("G1").unwrap().0, "gemeente");

    let evidence = Evidence::from_json(
        &framework,
        r#"{ "location": { "id": "x" }, "as_of": "2026-11-30",
             "evidence": { "monitor": { "response_rate": "75%" },
                           "plan": { "adopted": "2025-01-01" },
                           "halt": { "lesson": "2026-09-01" } } }"#,
    )
    .unwrap();
    let outcome = framework.decide(&evidence, Stage::Intake).explain().outcome;
    let json = serde_json::to_value(&outcome).unwrap();
    let s4 = &json["criteria"][1];
    assert_eq!(s4["id"], "S4");
    assert_eq!(s4["layer"], "basis");
    assert_eq!(s4["tightened_by"], serde_json::json!(["regio", "gemeente"]));
    // 75% meets the base's 70% but not the region's 80%; the municipality
    // made S4 mandatory, so sociaal fails.
    assert_eq!(s4["status"], "fail");
    assert_eq!(s4["mandatory"], true);
    assert_eq!(s4["weight"], 3);
    assert_eq!(s4["gaps"][0]["message"], "In de regio is 80% afgesproken.");
    assert_eq!(s4["gaps"][0]["expected"], ">= 80%");
    assert_eq!(json["themes"][0]["threshold"], 0.75);
    assert_eq!(json["verdict"], "not_certified");
    assert_eq!(json["criteria"][2]["layer"], "regio");
}

#[test]
fn a_framework_without_extends_keeps_its_results_unchanged() {
    let framework = Framework::compile(&data("basis.kader")).unwrap();
    let evidence = Evidence::from_json(
        &framework,
        r#"{ "location": { "id": "x" }, "as_of": "2026-11-30", "evidence": {} }"#,
    )
    .unwrap();
    let json =
        serde_json::to_value(framework.decide(&evidence, Stage::Intake).explain().outcome).unwrap();
    assert!(json["criteria"][0].get("layer").is_none());
    assert!(json["criteria"][0].get("tightened_by").is_none());
}

#[test]
fn every_way_to_loosen_is_refused_with_its_code() {
    assert_eq!(
        codes(&data("loosen.kader"), &resolver()),
        ["E0275", "E0277", "E0278", "E0279", "E0281", "E0276", "E0280", "E0280"]
    );
}

#[test]
fn a_refusal_points_at_the_layer_and_at_the_base() {
    insta::assert_snapshot!(rendered("loosen.kader"));
}

#[test]
fn a_version_that_is_not_available_names_both_versions() {
    let layer = "framework l \"L\" version \"1\"\nextends basis version \"0.9\"\n";
    let d = Framework::compile_with(layer, "l.kader", &resolver()).unwrap_err();
    let first = d.iter().next().unwrap();
    assert_eq!(first.code, "E0270");
    assert!(first.message.contains("\"0.9\""), "{}", first.message);
    assert!(first.message.contains("\"1\""), "{}", first.message);
}

#[test]
fn a_circle_of_extends_is_an_error() {
    let a = "framework a \"A\" version \"1\"\nextends b version \"1\"\n";
    let b = "framework b \"B\" version \"1\"\nextends a version \"1\"\n";
    let resolver = MemoryResolver::new()
        .with("a", "a.kader", a)
        .with("b", "b.kader", b);
    assert_eq!(codes(a, &resolver), ["E0272"]);
    let own = "framework a \"A\" version \"1\"\nextends a version \"1\"\n";
    let resolver = MemoryResolver::new().with("a", "a.kader", own);
    assert_eq!(codes(own, &resolver), ["E0272"]);
}

#[test]
fn compile_without_a_resolver_refuses_a_layer_clearly() {
    let d = Framework::compile(&data("regio.kader")).unwrap_err();
    let first = d.iter().next().unwrap();
    assert_eq!(first.code, "E0273");
    assert!(first
        .help
        .as_ref()
        .unwrap()
        .to_string()
        .contains("compile_with"));
}

#[test]
fn an_unknown_base_and_a_base_with_errors_are_errors_at_extends() {
    let layer = "framework l \"L\" version \"1\"\nextends nergens version \"1\"\n";
    assert_eq!(codes(layer, &resolver()), ["E0271"]);
    let broken = MemoryResolver::new().with(
        "basis",
        "basis.kader",
        "framework basis \"B\" version \"1\"\ntheme t \"T\" { criterion C \"C\" { require x } }\n",
    );
    let layer = "framework l \"L\" version \"1\"\nextends basis version \"1\"\n";
    let d = Framework::compile_with(layer, "l.kader", &broken).unwrap_err();
    let first = d.iter().next().unwrap();
    assert_eq!(first.code, "E0271");
    assert!(
        first.notes[0].to_string().starts_with("basis.kader:2:"),
        "{:?}",
        first.notes
    );
}

#[test]
fn layer_only_lines_are_refused_outside_a_layer() {
    let plain = "framework p \"P\" version \"1\"\nevidence { a : bool }\ntheme t \"T\" { criterion C \"C\" { owner school require a } }\ntighten C { mandatory }\n";
    assert_eq!(codes(plain, &resolver()), ["E0274"]);
}

#[test]
fn the_directory_resolver_never_leaves_its_directory() {
    let resolver = kader::DirResolver::new(std::path::Path::new("frameworks")).unwrap();
    assert!(resolver.resolve("basiskader").is_ok());
    for id in ["../Cargo", "lokaal/voorbeeldstad", "", "/etc/passwd"] {
        assert!(resolver.resolve(id).is_err(), "{id}");
    }
    // Found below the directory, by id.
    assert!(resolver.resolve("voorbeeldstad").is_ok());
}

#[test]
fn the_example_layer_is_clean_formatted_and_passes_its_samples() {
    let source = fs::read_to_string("frameworks/lokaal/voorbeeldstad.kader").unwrap();
    let resolver = kader::DirResolver::new(std::path::Path::new("frameworks")).unwrap();
    let framework = Framework::compile_with(&source, "voorbeeldstad.kader", &resolver).unwrap();
    assert!(framework.warnings().is_empty(), "{}", framework.warnings());
    assert_eq!(kader::format::format(&source).unwrap(), source);
    let samples =
        kader::testing::read_samples(std::path::Path::new("samples/voorbeeldstad")).unwrap();
    let register = kader::Register::from_toml(
        &framework,
        &fs::read_to_string("samples/registers/voorbeeldstad.toml").unwrap(),
    )
    .unwrap();
    let run = kader::testing::run_with(&framework, &samples, &register);
    assert!(
        run.succeeded(None),
        "{}",
        kader::testing::to_text(&run, Default::default())
    );
    // Without the register De Wilg is not certified: its exception is the
    // certifying body's to grant, not its own.
    let without = kader::testing::run(&framework, &samples);
    assert!(!without.succeeded(None));
}

#[test]
fn a_layer_formats_like_any_file() {
    for name in ["regio.kader", "gemeente.kader", "loosen.kader"] {
        let source = data(name);
        assert_eq!(kader::format::format(&source).unwrap(), source, "{name}");
    }
}

#[test]
fn a_layer_may_shorten_the_validity_but_never_lengthen_it() {
    let base = "framework b \"B\" version \"1\"\nvalidity 36 months\n";
    let resolver = MemoryResolver::new().with("b", "b.kader", base);
    let longer = "framework l \"L\" version \"1\"\nextends b version \"1\"\nvalidity 4 years\n";
    assert_eq!(codes(longer, &resolver), ["E0284"]);
    let shorter = "framework l \"L\" version \"1\"\nextends b version \"1\"\nvalidity 24 months\n";
    assert_eq!(codes(shorter, &resolver), Vec::<&str>::new());
    let same = "framework l \"L\" version \"1\"\nextends b version \"1\"\nvalidity 3 years\n";
    assert_eq!(codes(same, &resolver), Vec::<&str>::new());
}

/// Validities in different units are compared for every start day: 31
/// days outlast a month that starts on 1 February, 36 months outlast
/// 1,095 days from 1 March 2027, and an equal validity is an equal one.
#[test]
fn validities_in_other_units_are_compared_for_every_day() {
    let check = |base: &str, layer: &str| {
        let base_text = format!("framework b \"B\" version \"1\"\nvalidity {base}\n");
        let resolver = MemoryResolver::new().with("b", "b.kader", &base_text);
        let layer_text =
            format!("framework l \"L\" version \"1\"\nextends b version \"1\"\nvalidity {layer}\n");
        codes(&layer_text, &resolver)
    };
    assert_eq!(check("1 months", "31 days"), ["E0284"]);
    assert_eq!(check("1 months", "28 days"), Vec::<&str>::new());
    assert_eq!(check("1095 days", "36 months"), ["E0284"]);
    assert_eq!(check("36 months", "1095 days"), Vec::<&str>::new());
    assert_eq!(check("100000 years", "100000 years"), Vec::<&str>::new());
    assert_eq!(check("2 years", "104 weeks"), Vec::<&str>::new());
    assert_eq!(check("2 years", "105 weeks"), ["E0284"]);
}

/// One namespace across the stack: a layer's value where the base has a
/// group, a layer's evidence named like a base define and a layer's define
/// named like base evidence are refused, each with a note at the base.
#[test]
fn evidence_and_defines_share_one_namespace_across_the_stack() {
    let base = r#"framework b "B" version "1"
evidence {
  monitor.last_run : date "Laatste monitor"
  cameras : bool "Camera's"
}
define ok_type = monitor.last_run within 12 months
theme t "T" {
  criterion C1 "C" { owner school require ok_type and cameras }
}
"#;
    let resolver = MemoryResolver::new().with("b", "b.kader", base);
    let layer = |body: &str| {
        format!("framework l \"L\" version \"1\"\nextends b version \"1\"\n{body}\ntheme t {{ criterion L1 \"L\" {{ owner school require cameras }} }}\n")
    };
    let rendered = |source: &str| match Framework::compile_with(source, "l.kader", &resolver) {
        Ok(_) => String::new(),
        Err(d) => d.in_language(Language::En).render("l.kader", source, false),
    };

    let value_over_group = layer("evidence { monitor : bool \"Monitor\" }");
    assert_eq!(codes(&value_over_group, &resolver), ["E0211"]);
    let text = rendered(&value_over_group);
    assert!(
        text.contains("the base framework has evidence inside it"),
        "{text}"
    );
    assert!(text.contains("b.kader:3:3"), "{text}");

    let group_over_value = layer("evidence { cameras.count : int \"Aantal\" }");
    assert_eq!(codes(&group_over_value, &resolver), ["E0211"]);
    assert!(rendered(&group_over_value).contains("b.kader:4:3"));

    let path_like_define = layer("evidence { ok_type : bool \"Type in orde\" }");
    assert_eq!(codes(&path_like_define, &resolver), ["E0251"]);
    let text = rendered(&path_like_define);
    assert!(
        text.contains("already a define of the base framework"),
        "{text}"
    );
    assert!(text.contains("b.kader:6:8"), "{text}");

    let define_like_path = layer("define cameras = true");
    assert_eq!(codes(&define_like_path, &resolver), ["E0251"]);
    assert!(rendered(&define_like_path).contains("b.kader:4:3"));
}

/// The loosening that was possible: raising a weight in a base theme
/// (`tighten O4 { weight 1000 }`) made Het Baken's omgeving pass. The base
/// theme now also answers to the basiskader's own rule, and every report
/// says so.
#[test]
fn raising_a_weight_cannot_certify_a_school_the_base_does_not() {
    let base = fs::read_to_string("frameworks/basiskader.kader").unwrap();
    let resolver = MemoryResolver::new().with("basiskader", "basiskader.kader", &base);
    let layer = "framework zwaar \"Zwaar\" version \"1\"\nextends basiskader version \"2026.1\"\ntighten O4 { weight 1000 }\n";
    let layered = Framework::compile_with(layer, "zwaar.kader", &resolver).unwrap();
    let basiskader = Framework::compile(&base).unwrap();
    let text = fs::read_to_string("samples/vo-het-baken-score-below-threshold.json").unwrap();
    let under_base = basiskader
        .decide(
            &Evidence::from_json(&basiskader, &text).unwrap(),
            Stage::Intake,
        )
        .explain()
        .outcome;
    let assessment = layered
        .decide(
            &Evidence::from_json(&layered, &text).unwrap(),
            Stage::Intake,
        )
        .explain();
    let outcome = &assessment.outcome;
    assert_eq!(under_base.verdict, kader::Verdict::NotCertified);
    assert_eq!(outcome.verdict, kader::Verdict::NotCertified);
    let omgeving = outcome.themes.iter().find(|t| t.id == "omgeving").unwrap();
    assert_eq!(omgeving.status, kader::Status::Fail);
    // The layer's own rule passes on the heavy weight; the base's does not.
    assert!(omgeving.score.unwrap() > omgeving.threshold.unwrap());
    let [floor] = omgeving.floors.as_slice() else {
        panic!("{:#?}", omgeving.floors)
    };
    assert_eq!(floor.framework, "basiskader");
    assert_eq!(floor.status, kader::Status::Fail);
    assert_eq!(outcome.parts.base, kader::Verdict::NotCertified);
    assert_eq!(outcome.parts.local, Some(kader::Verdict::NotCertified));

    for (format, needle) in [
        (
            kader::report::Format::Text,
            "volgens de regel van basiskader: 50%",
        ),
        (
            kader::report::Format::Markdown,
            "volgens de regel van basiskader: 50%",
        ),
        (
            kader::report::Format::Html,
            "volgens de regel van basiskader: 50%",
        ),
        (
            kader::report::Format::Json,
            r#""floors":[{"framework":"basiskader","status":"fail""#,
        ),
    ] {
        let rendered = kader::report::render(
            &layered,
            &assessment,
            format,
            kader::report::Options::default(),
        );
        assert!(rendered.contains(needle), "{format:?}:\n{rendered}");
    }

    // What it takes counts the base's rule too: O1 lifts omgeving past the
    // basiskader's 60%, though the layer's own rule already passes.
    let plan = kader::plan::plan(&layered, outcome);
    assert_eq!(plan.what_it_takes, ["O1".to_string()]);

    let impact = kader::diff::impact(
        &basiskader,
        &layered,
        &[kader::diff::Sample::json("het-baken.json", text)],
        &kader::diff::Options::default(),
    );
    assert_eq!(impact.summary.gain_certification, 0);
}

/// A base's rule that is too large to count exactly is refused under the
/// layer (E0302): at the layer's `extends`, naming the base, with a note at
/// the base's theme; the layer's own rule for the theme fits.
#[test]
fn a_base_rule_too_large_to_count_is_refused_at_extends() {
    let resolver =
        MemoryResolver::new().with("fijnmazig", "fijnmazig.kader", &data("fijnmazig.kader"));
    let name = "fijnmazig-lokaal.kader";
    let source = data(name);
    let diagnostics = Framework::compile_with(&source, name, &resolver).unwrap_err();
    let codes: Vec<&str> = diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["E0302"]);
    insta::assert_snapshot!(diagnostics.render(name, &source, false));
}

/// Guards `ResolveError` as an error: it reads as its message, unchanged.
#[test]
fn a_resolve_error_reads_as_its_message() {
    let error: Box<dyn std::error::Error> =
        Box::new(kader::ResolveError::new("no framework `basis`"));
    assert_eq!(error.to_string(), "no framework `basis`");
}
