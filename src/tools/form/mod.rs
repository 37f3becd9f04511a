//! `kader form`: the evidence form a school fills in.
//!
//! [`model`] is what the framework knows about every piece of evidence, as
//! a form needs it: the location block first (who the location is, the
//! as-of date, and the evidence that decides which criteria apply in more
//! than one theme, such as the school type), then one section per theme
//! with the evidence its criteria read (each piece once, in the first
//! theme that reads it), each with its label, its input and the criteria
//! that read it (title, guidance, the partner who acts). Every word comes
//! from the catalogue. The model is data only; [`page`] (feature `form`)
//! writes it into one self-contained HTML file with the engine inside, as
//! WebAssembly, so the form computes the intake's verdict as it is typed.

#[cfg(feature = "form")]
mod page;

use serde::Serialize;

use crate::compile::{Framework, SlotId};
use crate::terms::Language;
use crate::value::Type;
use crate::words::{fill, words};

#[cfg(feature = "form")]
pub use page::{page, Sources};

/// Everything a form shows, in one language.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Model {
    /// The page's title.
    pub title: String,
    /// The framework the form is for.
    pub framework: FrameworkInfo,
    /// The form's language: `nl` or `en`.
    pub language: &'static str,
    /// The location block: the location's fields, the as-of date, and the
    /// evidence that decides where criteria of several themes apply.
    pub location: Section,
    /// One section per theme that reads evidence not asked before, in the
    /// framework's order; then, if any, the evidence no criterion reads.
    pub sections: Vec<Section>,
    /// The criteria fields refer to, in the framework's order.
    pub criteria: Vec<CriterionInfo>,
    /// The words of the page itself.
    pub words: FormWords,
}

/// Which framework the form is for.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FrameworkInfo {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its version.
    pub version: String,
    /// The frameworks it extends, nearest first.
    pub extends: Vec<String>,
}

/// A group of fields: the location block or a theme.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Section {
    /// The theme's id; `location` for the location block, `other` for
    /// evidence no criterion reads.
    pub id: String,
    /// The heading people read.
    pub title: String,
    /// Its fields, in the order the framework declares them.
    pub fields: Vec<Field>,
}

/// One question of the form.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Field {
    /// Where the value goes in the evidence document, as kader's
    /// problems name it: `location.id`, `as_of`,
    /// `evidence.monitor.response_rate`.
    pub key: String,
    /// The label people read.
    pub label: String,
    /// What kind of input it takes.
    pub input: Input,
    /// Whether an evidence document needs it (`location.id`, `as_of`).
    pub required: bool,
    /// The ids of the criteria that read it, in the framework's order.
    pub criteria: Vec<String>,
}

/// The input a field takes, by the declared type.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Input {
    /// A date, saved as `YYYY-MM-DD`.
    Date,
    /// A whole number.
    Int,
    /// A decimal number.
    Number,
    /// A share, saved as `"71%"`.
    Percent,
    /// Yes or no.
    Bool,
    /// Free text.
    Text,
    /// One of the members.
    Enum {
        /// The members, in declared order.
        members: Vec<Member>,
    },
    /// Any number of the members (a list of an enum).
    Choices {
        /// The members, in declared order.
        members: Vec<Member>,
    },
    /// A growing list of values of one kind (a list of dates, of numbers).
    List {
        /// The input of each item.
        item: Box<Input>,
    },
}

/// A member of an enum, with the name people read.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Member {
    /// The member as the evidence writes it.
    pub value: String,
    /// The name people read: a partner's name when the member is a
    /// partner's id, else the member itself.
    pub label: String,
}

/// A criterion as a field shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CriterionInfo {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its theme's id.
    pub theme: String,
    /// What to do, as the framework says it.
    pub guidance: Option<String>,
    /// The name of the partner who acts, in the form's language.
    pub owner: String,
}

/// The words of the page, from the catalogue (its `form_*` entries and a
/// few the reports share); templates keep their `{placeholders}`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[allow(
    missing_docs,
    reason = "each is the catalogue's `form_` word of that name"
)]
pub struct FormWords {
    pub intro: &'static str,
    pub save: &'static str,
    pub open: &'static str,
    pub clear: &'static str,
    pub clear_confirm: &'static str,
    pub draft_restored: &'static str,
    pub saved: &'static str,
    pub opened: &'static str,
    pub open_failed: &'static str,
    pub file_name: &'static str,
    pub result: &'static str,
    pub loading: &'static str,
    pub engine_failed: &'static str,
    pub noscript: &'static str,
    pub needed: &'static str,
    pub nothing_needed: &'static str,
    pub decisive: &'static str,
    pub read_by: &'static str,
    pub not_filled: &'static str,
    pub add_date: &'static str,
    pub add: &'static str,
    pub item: &'static str,
    pub remove: &'static str,
    pub required: &'static str,
    pub hint_date: &'static str,
    pub hint_percent: &'static str,
    pub bad_date: &'static str,
    pub bad_int: &'static str,
    pub bad_number: &'static str,
    pub bad_percent: &'static str,
    pub bad_value: &'static str,
    pub errors: &'static str,
    pub without_errors: &'static str,
    pub hidden: &'static str,
    pub status: &'static str,
    /// The intake's verdicts.
    pub verdicts: Verdicts,
    /// The statuses of themes and criteria.
    pub statuses: Statuses,
    pub themes: &'static str,
    pub score: &'static str,
    pub owner: &'static str,
    pub action: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
}

fn form_words(language: Language) -> FormWords {
    let w = words(language);
    FormWords {
        intro: w.form_intro,
        save: w.form_save,
        open: w.form_open,
        clear: w.form_clear,
        clear_confirm: w.form_clear_confirm,
        draft_restored: w.form_draft_restored,
        saved: w.form_saved,
        opened: w.form_opened,
        open_failed: w.form_open_failed,
        file_name: w.form_file_name,
        result: w.form_result,
        loading: w.form_loading,
        engine_failed: w.form_engine_failed,
        noscript: w.form_noscript,
        needed: w.form_needed,
        nothing_needed: w.form_nothing_needed,
        decisive: w.form_decisive,
        read_by: w.form_read_by,
        not_filled: w.form_not_filled,
        add_date: w.form_add_date,
        add: w.form_add,
        item: w.form_item,
        remove: w.form_remove,
        required: w.form_required,
        hint_date: w.form_hint_date,
        hint_percent: w.form_hint_percent,
        bad_date: w.form_bad_date,
        bad_int: w.form_bad_int,
        bad_number: w.form_bad_number,
        bad_percent: w.form_bad_percent,
        bad_value: w.form_bad_value,
        errors: w.form_errors,
        without_errors: w.form_without_errors,
        hidden: w.form_hidden,
        status: w.form_status,
        verdicts: Verdicts {
            certified: w.meets,
            not_certified: w.does_not_meet,
            insufficient_evidence: w.insufficient,
        },
        statuses: Statuses {
            pass: w.pass,
            fail: w.fail,
            unknown: w.unknown,
            not_applicable: w.not_applicable,
            waived: w.waived,
        },
        themes: w.themes,
        score: w.score,
        owner: w.owner,
        action: w.action,
        yes: w.yes,
        no: w.no,
    }
}

/// The intake's verdicts in words, by the result's `verdict`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[allow(missing_docs, reason = "named as the result names them")]
pub struct Verdicts {
    pub certified: &'static str,
    pub not_certified: &'static str,
    pub insufficient_evidence: &'static str,
}

/// Statuses in words, by the result's `status`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[allow(missing_docs, reason = "named as the result names them")]
pub struct Statuses {
    pub pass: &'static str,
    pub fail: &'static str,
    pub unknown: &'static str,
    pub not_applicable: &'static str,
    pub waived: &'static str,
}

/// The form of a framework in `language`: see the [module](self).
pub fn model(framework: &Framework, language: Language) -> Model {
    let w = words(language);
    // What each criterion reads, worked out once.
    let reads: Vec<Vec<SlotId>> = framework.criteria.iter().map(|c| c.reads().slots).collect();
    // Which criteria read each slot, in the framework's order.
    let mut readers: Vec<Vec<u32>> = vec![Vec::new(); framework.slots.len()];
    // The themes whose criteria's `applies when` read each slot.
    let mut deciding: Vec<Vec<u32>> = vec![Vec::new(); framework.slots.len()];
    for (index, (criterion, slots)) in framework.criteria.iter().zip(&reads).enumerate() {
        let Ok(index) = u32::try_from(index) else {
            continue;
        };
        for &slot in slots {
            if let Some(readers) = readers.get_mut(slot as usize) {
                readers.push(index);
            }
        }
        let applies = criterion.applies.iter().flat_map(|a| &a.conjuncts);
        for conjunct in applies {
            for &slot in &conjunct.reads.slots {
                if let Some(themes) = deciding.get_mut(slot as usize) {
                    if !themes.contains(&criterion.theme) {
                        themes.push(criterion.theme);
                    }
                }
            }
        }
    }
    let field = |slot: usize| -> Option<Field> {
        let declared = framework.slots.get(slot)?;
        Some(Field {
            key: format!("evidence.{}", declared.path),
            label: declared
                .label
                .clone()
                .unwrap_or_else(|| declared.path.clone()),
            input: input(framework, &declared.ty, language),
            required: false,
            criteria: readers
                .get(slot)
                .into_iter()
                .flatten()
                .filter_map(|&c| framework.criteria.get(c as usize))
                .map(|c| c.id.clone())
                .collect(),
        })
    };

    // The location block: evidence that decides where criteria of more
    // than one theme apply is about the location, so it is asked first.
    let mut placed = vec![false; framework.slots.len()];
    let mut location = Section {
        id: "location".into(),
        title: w.form_location.into(),
        fields: vec![
            plain("location.id", w.form_location_id, Input::Text, true),
            plain("location.name", w.form_location_name, Input::Text, false),
            plain("as_of", w.form_as_of, Input::Date, true),
        ],
    };
    for (slot, themes) in deciding.iter().enumerate() {
        if themes.len() > 1 {
            if let (Some(field), Some(done)) = (field(slot), placed.get_mut(slot)) {
                location.fields.push(field);
                *done = true;
            }
        }
    }
    location.fields.extend([
        plain("location.board", w.form_location_board, Input::Text, false),
        plain(
            "location.district",
            w.form_location_district,
            Input::Text,
            false,
        ),
        plain("location.type", w.form_location_type, Input::Text, false),
    ]);

    // Each theme: the evidence its criteria read, not asked before.
    let mut sections = Vec::new();
    for theme in &framework.themes {
        let mut slots: Vec<usize> = Vec::new();
        for &c in &theme.criteria {
            for &slot in reads.get(c as usize).into_iter().flatten() {
                let slot = slot as usize;
                if let Some(done) = placed.get_mut(slot) {
                    if !*done {
                        *done = true;
                        slots.push(slot);
                    }
                }
            }
        }
        slots.sort_unstable();
        if !slots.is_empty() {
            sections.push(Section {
                id: theme.id.clone(),
                title: theme.title.clone(),
                fields: slots.into_iter().filter_map(field).collect(),
            });
        }
    }
    let rest: Vec<Field> = (0..framework.slots.len())
        .filter(|&slot| placed.get(slot) == Some(&false))
        .filter_map(field)
        .collect();
    if !rest.is_empty() {
        sections.push(Section {
            id: "other".into(),
            title: w.form_other.into(),
            fields: rest,
        });
    }

    let criteria = framework
        .criteria
        .iter()
        .map(|c| CriterionInfo {
            id: c.id.clone(),
            title: c.title.clone(),
            theme: framework
                .themes
                .get(c.theme as usize)
                .map_or_else(String::new, |t| t.id.clone()),
            guidance: c.guidance.clone(),
            owner: framework.partner_name(&c.owner, language),
        })
        .collect();
    Model {
        title: title(framework, language),
        framework: FrameworkInfo {
            id: framework.id.clone(),
            title: framework.title.clone(),
            version: framework.version.clone(),
            extends: framework.extends.iter().map(|(id, _)| id.clone()).collect(),
        },
        language: language.code(),
        location,
        sections,
        criteria,
        words: form_words(language),
    }
}

/// The page's title: the form of this framework.
pub fn title(framework: &Framework, language: Language) -> String {
    fill(
        words(language).form_title,
        &[(
            "framework",
            &format!("{} {}", framework.title, framework.version),
        )],
    )
}

/// A field of the location block.
fn plain(key: &str, label: &str, input: Input, required: bool) -> Field {
    Field {
        key: key.into(),
        label: label.into(),
        input,
        required,
        criteria: Vec::new(),
    }
}

/// The input for a declared type.
fn input(framework: &Framework, ty: &Type, language: Language) -> Input {
    let members = |members: &[String]| {
        members
            .iter()
            .map(|m| Member {
                value: m.clone(),
                label: if framework.partners.iter().any(|p| &p.id == m) {
                    framework.partner_name(m, language)
                } else {
                    m.clone()
                },
            })
            .collect()
    };
    match ty {
        Type::Bool => Input::Bool,
        Type::Int => Input::Int,
        Type::Number => Input::Number,
        Type::Percent => Input::Percent,
        Type::Date => Input::Date,
        Type::Text => Input::Text,
        Type::Enum(m) => Input::Enum {
            members: members(m),
        },
        Type::List(element) => match element.as_ref() {
            Type::Enum(m) => Input::Choices {
                members: members(m),
            },
            other => Input::List {
                item: Box::new(input(framework, other, language)),
            },
        },
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

    use super::*;

    fn basiskader() -> Framework {
        Framework::compile(include_str!("../../../frameworks/basiskader.kader")).unwrap()
    }

    fn all_fields(model: &Model) -> Vec<&Field> {
        std::iter::once(&model.location)
            .chain(&model.sections)
            .flat_map(|s| &s.fields)
            .collect()
    }

    fn find<'m>(model: &'m Model, key: &str) -> (&'m Section, &'m Field) {
        std::iter::once(&model.location)
            .chain(&model.sections)
            .find_map(|s| s.fields.iter().find(|f| f.key == key).map(|f| (s, f)))
            .unwrap_or_else(|| panic!("no field `{key}`"))
    }

    #[test]
    fn every_declared_path_is_asked_once_and_the_location_first() {
        let framework = basiskader();
        let model = model(&framework, Language::Nl);
        let keys: Vec<&str> = all_fields(&model).iter().map(|f| f.key.as_str()).collect();
        let mut expected: Vec<String> = framework
            .evidence_paths()
            .map(|(p, _)| format!("evidence.{p}"))
            .chain(
                [
                    "location.id",
                    "location.name",
                    "location.board",
                    "location.district",
                    "location.type",
                    "as_of",
                ]
                .map(String::from),
            )
            .collect();
        expected.sort();
        let mut sorted: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
        sorted.sort();
        assert_eq!(sorted, expected);
        // The school type decides where criteria of several themes apply:
        // it is asked with the location, right after the as-of date.
        let location: Vec<&str> = model
            .location
            .fields
            .iter()
            .map(|f| f.key.as_str())
            .collect();
        assert_eq!(
            location,
            [
                "location.id",
                "location.name",
                "as_of",
                "evidence.school.type",
                "location.board",
                "location.district",
                "location.type"
            ]
        );
        assert!(model
            .location
            .fields
            .iter()
            .filter(|f| f.required)
            .map(|f| f.key.as_str())
            .eq(["location.id", "as_of"]));
        // Cameras in use decides only a criterion of its own theme: asked there.
        assert_eq!(find(&model, "evidence.cameras.in_use").0.id, "fysiek");
        // Sections follow the themes; none is left over in the basiskader.
        let themes: Vec<&str> = framework.themes.iter().map(|t| t.id.as_str()).collect();
        let sections: Vec<&str> = model.sections.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(sections, themes);
        assert_eq!(model.sections[0].title, "Beleid en organisatie");
    }

    #[test]
    fn a_field_has_its_label_input_and_the_criteria_that_read_it() {
        let model = model(&basiskader(), Language::Nl);
        let (section, plan) = find(&model, "evidence.safety_plan.adopted");
        assert_eq!(section.id, "beleid");
        assert_eq!(plan.label, "Datum vaststelling schoolveiligheidsplan");
        assert_eq!(plan.input, Input::Date);
        assert_eq!(plan.criteria, ["B1"]);
        let (_, school) = find(&model, "evidence.school.type");
        assert!(school.criteria.len() > 3, "{:?}", school.criteria);
        let Input::Enum { members } = &school.input else {
            panic!("school.type is an enum: {:?}", school.input)
        };
        assert_eq!(
            members.iter().map(|m| m.value.as_str()).collect::<Vec<_>>(),
            ["po", "so", "vo", "mbo"]
        );
        assert_eq!(
            find(&model, "evidence.monitor.response_rate").1.input,
            Input::Percent
        );
        assert_eq!(
            find(&model, "evidence.people.max_present").1.input,
            Input::Int
        );
        assert_eq!(
            find(&model, "evidence.rules.published").1.input,
            Input::Bool
        );
        assert_eq!(
            find(&model, "evidence.coordinator.name").1.input,
            Input::Text
        );
        assert_eq!(
            find(&model, "evidence.evacuation.drills").1.input,
            Input::List {
                item: Box::new(Input::Date)
            }
        );
        // A list of partners: chosen from the members, by the partners' names.
        let Input::Choices { members } = &find(&model, "evidence.covenant.partners").1.input else {
            panic!("covenant.partners is a list of an enum")
        };
        let politie = members.iter().find(|m| m.value == "politie").unwrap();
        assert_eq!(politie.label, "politie");
        let om = members.iter().find(|m| m.value == "om").unwrap();
        assert_eq!(om.label, "om");
        // The criteria, with their guidance and who acts.
        let b1 = model.criteria.iter().find(|c| c.id == "B1").unwrap();
        assert_eq!(b1.theme, "beleid");
        assert_eq!(b1.owner, "school");
        assert!(b1.guidance.is_some());
        let joint = model.criteria.iter().find(|c| c.id == "O1").unwrap();
        assert_eq!(joint.owner, "gezamenlijk");
    }

    #[test]
    fn the_words_are_the_catalogues_in_the_forms_language() {
        let framework = basiskader();
        let nl = model(&framework, Language::Nl);
        let en = model(&framework, Language::En);
        assert_eq!(nl.language, "nl");
        assert_eq!(
            nl.title,
            "Aanleverformulier Basiskader Veilige School 2026.1"
        );
        assert_eq!(en.title, "Evidence form Basiskader Veilige School 2026.1");
        assert_eq!(nl.words.save, "Opslaan");
        assert_eq!(en.words.save, "Save");
        assert_eq!(
            en.location.fields[0].label,
            words(Language::En).form_location_id
        );
        assert_eq!(
            en.criteria.iter().find(|c| c.id == "O1").unwrap().owner,
            "joint"
        );
        assert_eq!(nl.words.verdicts.certified, words(Language::Nl).meets);
        // The framework's own texts are not translated.
        assert_eq!(en.sections[0].title, "Beleid en organisatie");
    }

    #[test]
    fn evidence_no_criterion_reads_comes_last_and_a_partner_member_by_its_name() {
        let framework = Framework::compile(
            r#"framework demo "Demo" version "1"
               evidence {
                 kind    : enum(a, b) "Soort"
                 plan    : date "Plan"
                 loose   : int "Los"
                 helpers : list<enum(politie, buurman)> "Helpers"
                 counts  : list<int> "Tellingen"
               }
               theme t "T" {
                 criterion C1 "Een" { applies when kind == a owner politie require plan within 12 months }
               }
               theme u "U" {
                 criterion C2 "Twee" { applies when kind == b owner school require count(helpers) >= 1 and count(counts) >= 1 }
               }"#,
        )
        .unwrap();
        let model = model(&framework, Language::En);
        assert_eq!(find(&model, "evidence.kind").0.id, "location");
        assert_eq!(find(&model, "evidence.plan").0.id, "t");
        assert_eq!(find(&model, "evidence.helpers").0.id, "u");
        let (other, loose) = find(&model, "evidence.loose");
        assert_eq!(
            (other.id.as_str(), other.title.as_str()),
            ("other", "Other evidence")
        );
        assert!(loose.criteria.is_empty());
        assert_eq!(model.sections.last().unwrap().id, "other");
        let Input::Choices { members } = &find(&model, "evidence.helpers").1.input else {
            panic!("a list of an enum")
        };
        assert_eq!(members[0].label, "police");
        assert_eq!(members[1].label, "buurman");
        assert_eq!(
            find(&model, "evidence.counts").1.input,
            Input::List {
                item: Box::new(Input::Int)
            }
        );
        assert_eq!(model.criteria[0].owner, "police");
        assert_eq!(model.framework.extends, Vec::<String>::new());
    }
}
