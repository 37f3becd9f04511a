//! Owners declared in the framework (`owners { ... }`): a region names its
//! own partners, the evidence names each one's contact person, and joint
//! work has a lead; results, plans and the overview name them.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use kader::report::{self, Format, Options};
use kader::{Evidence, Framework, Language, Stage};

const REGION: &str = r#"framework regio "Regionaal kader" version "1"
language nl

evidence {
  verzuim.gemeld     : bool  "Verzuim gemeld"
  verzuim.besproken  : bool  "Verzuim besproken met de school"
  leerplicht.contact : text  "Contactpersoon leerplicht"
}

owners {
  school
  leerplicht "Leerplicht"           contact leerplicht.contact
  samen      "Leerplicht en school" lead leerplicht
}

theme zorg "Signaleren en melden" {
  criterion Z1 "Verzuim gemeld" {
    owner leerplicht
    require verzuim.gemeld else "Het verzuim is niet gemeld."
  }
  criterion Z2 "Verzuim samen besproken" {
    owner samen
    require verzuim.besproken else "Het verzuim is niet besproken."
  }
}
"#;

fn evidence(framework: &Framework) -> Evidence {
    Evidence::from_json(
        framework,
        r#"{"location":{"id":"brin-99ZZ-00","name":"De Horizon"},"as_of":"2026-11-30",
            "evidence":{"verzuim":{"gemeld":false,"besproken":false},
                        "leerplicht":{"contact":"K. de Wit"}}}"#,
    )
    .unwrap()
}

#[test]
fn a_region_names_its_own_partners_and_their_contacts() {
    let framework = Framework::compile(REGION).unwrap();
    let a = framework
        .decide(&evidence(&framework), Stage::Intake)
        .explain();
    let partners: Vec<(&str, &str, Option<&str>, Option<&str>)> = a
        .outcome
        .partners
        .iter()
        .map(|p| {
            (
                p.id.as_str(),
                p.name.as_str(),
                p.contact.as_deref(),
                p.lead.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        partners,
        [
            ("school", "school", None, None),
            ("leerplicht", "Leerplicht", Some("K. de Wit"), None),
            ("samen", "Leerplicht en school", None, Some("leerplicht")),
        ]
    );

    let plan = kader::plan::plan(&framework, &a.outcome);
    let z1 = plan.items.iter().find(|i| i.criterion == "Z1").unwrap();
    assert_eq!(
        (z1.owner.as_str(), z1.contact.as_deref()),
        ("leerplicht", Some("K. de Wit"))
    );
    let z2 = plan.items.iter().find(|i| i.criterion == "Z2").unwrap();
    assert_eq!(z2.lead.as_deref(), Some("Leerplicht"));

    let text = report::render_plans(
        &[plan],
        Stage::Intake,
        Format::Text,
        true,
        Options {
            language: Language::Nl,
            ..Options::default()
        },
    );
    assert!(text.contains("Leerplicht (1 actie)"), "{text}");
    assert!(
        text.contains("aan zet: Leerplicht (contactpersoon: K. de Wit)"),
        "{text}"
    );
    assert!(
        text.contains("aan zet: Leerplicht en school (trekker: Leerplicht)"),
        "{text}"
    );

    // The overview's work per partner lists every declared partner.
    let overview = kader::overview::overview(&framework, &[a], None);
    let loads: Vec<(&str, usize)> = overview
        .workload
        .iter()
        .map(|l| (l.name.as_str(), l.items))
        .collect();
    assert_eq!(
        loads,
        [
            ("school", 0),
            ("Leerplicht", 1),
            ("Leerplicht en school", 1)
        ]
    );
    assert_eq!(
        overview.workload[1].actions[0].contact.as_deref(),
        Some("K. de Wit")
    );
}

#[test]
fn an_owner_must_be_a_declared_partner() {
    let source = REGION.replace("owner samen", "owner gemeente");
    let diagnostics = Framework::compile(&source).unwrap_err();
    let shown = diagnostics.render("regio.kader", &source, false);
    assert!(shown.contains("E0233"), "{shown}");
    // Without a near miss, the help lists the partners this framework has.
    assert!(shown.contains("school, leerplicht, samen"), "{shown}");
}

#[test]
fn the_owners_block_formats_and_reads_back_the_same() {
    let once = kader::format::format(REGION).unwrap();
    assert_eq!(kader::format::format(&once).unwrap(), once);
    assert!(
        once.contains("  leerplicht \"Leerplicht\"            contact leerplicht.contact\n"),
        "{once}"
    );
    let a = Framework::compile(REGION).unwrap();
    let b = Framework::compile(&once).unwrap();
    let (ea, eb) = (evidence(&a), evidence(&b));
    assert_eq!(
        report::to_json(&a.decide(&ea, Stage::Intake).explain().outcome),
        report::to_json(&b.decide(&eb, Stage::Intake).explain().outcome)
    );
}
