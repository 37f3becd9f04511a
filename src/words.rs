//! The message catalogue: every word kader writes itself, in Dutch and
//! English. Headings, status names, units, the default gap messages of
//! `eval/explain.rs` and the "needed" texts of the improvement plan all come
//! from here; author text (titles, messages, guidance) is never translated.
//!
//! **This module depends on nothing but the ground floor** (the shared
//! terms of `terms.rs`, the values of `value.rs`), so the evaluator may use it as well as the renderers. Texts
//! with values in them are templates with named placeholders (`{paths}`),
//! filled by [`fill`] in one pass, so a value that itself contains braces (a
//! condition such as `x in {a, b}`) is never filled again.

use jiff::civil::Date;
use rust_decimal::Decimal;

use crate::terms::{Language, Owner};
use crate::value::{format_value, Type, Value};

/// Declares [`Words`] and its two tables from one list, each entry with
/// its Dutch and its English: adding a word is one entry.
macro_rules! words {
    ($($(#[$doc:meta])* $field:ident: $ty:ty = nl: $nl:expr, en: $en:expr;)*) => {
        /// The words of one language.
        pub(crate) struct Words {
            $($(#[$doc])* pub $field: $ty,)*
        }

        const NL: Words = Words { $($field: $nl,)* };

        const EN: Words = Words { $($field: $en,)* };
    };
}

words! {
    // ------------------------------------------------------------ report
    as_of: &'static str = nl: "peildatum", en: "as of";
    verdict: &'static str = nl: "Oordeel", en: "Verdict";
    valid_until: &'static str = nl: "geldig tot", en: "valid until";
    themes: &'static str = nl: "Thema's", en: "Themes";
    threshold: &'static str = nl: "drempel", en: "threshold";
    mandatory: &'static str = nl: "verplicht", en: "mandatory";
    legal: &'static str = nl: "wettelijk", en: "legal";
    owner: &'static str = nl: "aan zet", en: "owner";
    expected: &'static str = nl: "vereist", en: "required";
    found: &'static str = nl: "gevonden", en: "found";
    missing: &'static str = nl: "ontbreekt", en: "missing";
    failed_mandatory: &'static str = nl: "verplicht niet behaald", en: "mandatory not met";
    certified: &'static str = nl: "GECERTIFICEERD", en: "CERTIFIED";
    not_certified: &'static str = nl: "NIET GECERTIFICEERD", en: "NOT CERTIFIED";
    insufficient: &'static str = nl: "ONVOLDOENDE GEGEVENS", en: "INSUFFICIENT EVIDENCE";
    /// The verdicts at the intake, which certifies nothing.
    meets: &'static str = nl: "VOLDOET AAN HET KADER", en: "MEETS THE FRAMEWORK";
    does_not_meet: &'static str = nl: "VOLDOET NOG NIET", en: "DOES NOT MEET THE FRAMEWORK YET";
    pass: &'static str = nl: "voldoet", en: "pass";
    fail: &'static str = nl: "voldoet niet", en: "fail";
    unknown: &'static str = nl: "onbekend", en: "unknown";
    not_applicable: &'static str = nl: "n.v.t.", en: "n/a";
    /// The status of a criterion waived by an accepted exception.
    waived: &'static str = nl: "ontheffing", en: "waived";
    /// The heading of the accepted exceptions.
    exceptions: &'static str = nl: "Ontheffingen", en: "Accepted exceptions";
    /// What a certificate stands for, part by part, and the sentence
    /// that says which parts are met.
    parts_legal: &'static str = nl: "de wettelijke verplichtingen", en: "the legal obligations";
    parts_base: &'static str = nl: "het basiskader", en: "the base framework";
    parts_local: &'static str = nl: "de lokale ambities", en: "the local ambitions";
    parts_meets: &'static str = nl: "Voldoet aan", en: "Meets";
    parts_not_yet: &'static str = nl: "nog niet aan", en: "not yet";
    parts_meets_none: &'static str = nl: "Voldoet nog niet aan", en: "Does not yet meet";
    parts_open: &'static str = nl: "nog niet te beoordelen:", en: "still open:";
    parts_open_first: &'static str = nl: "Nog niet te beoordelen:", en: "Still open:";
    and: &'static str = nl: "en", en: "and";
    /// A theme under the rule of a framework below a layer.
    by_rule_of: &'static str = nl: "volgens de regel van", en: "under the rule of";
    granted_by: &'static str = nl: "verleend door", en: "granted by";
    yes: &'static str = nl: "ja", en: "yes";
    no: &'static str = nl: "nee", en: "no";
    applies_when: &'static str = nl: "van toepassing als", en: "applies when";
    theme: &'static str = nl: "Thema", en: "Theme";
    criterion: &'static str = nl: "Criterium", en: "Criterion";
    score: &'static str = nl: "Score", en: "Score";
    status: &'static str = nl: "Status", en: "Status";
    location: &'static str = nl: "Locatie", en: "Location";
    report_title: &'static str = nl: "Rapport Veilige School", en: "Safe School report";
    /// A chart's caption.
    chart_caption: &'static str =
        nl: "Score per thema tegen de drempel",
        en: "Score per theme against its threshold";
    /// The legend of the chart: reached, still open, threshold.
    chart_reached: &'static str = nl: "behaald", en: "reached";
    chart_open: &'static str =
        nl: "nog open (gegevens ontbreken)",
        en: "still open (evidence missing)";
    // ------------------------------------------------------------ stages
    stage: &'static str = nl: "Fase", en: "Stage";
    intake: &'static str = nl: "intake", en: "intake";
    audit: &'static str = nl: "audit", en: "audit";
    intake_note: &'static str =
        nl: "voorlopig oordeel; ontbrekende gegevens zijn aan te leveren en tellen nog niet als tekortkoming. Alleen een audit geeft een certificaat.",
        en: "provisional; missing evidence is to be supplied and does not count as a gap yet. Only an audit gives a certificate.";
    audit_note: &'static str =
        nl: "eindoordeel; wat niet is aangetoond, telt als niet behaald.",
        en: "final; what is not demonstrated counts as not met.";
    /// The status word of an unknown criterion or theme at the intake.
    open_at_intake: &'static str = nl: "aan te leveren", en: "to be supplied";
    maturity: &'static str = nl: "Stand", en: "Maturity";
    starting: &'static str = nl: "beginnend", en: "starting";
    developing: &'static str = nl: "in ontwikkeling", en: "developing";
    in_order: &'static str = nl: "op orde", en: "in order";
    strong: &'static str = nl: "sterk", en: "strong";
    to_supply: &'static str = nl: "Aan te leveren", en: "To be supplied";
    to_supply_intro: &'static str =
        nl: "Deze gegevens ontbreken nog. Lever ze aan; pas dan kan het oordeel over deze criteria worden gegeven.",
        en: "This evidence is still missing. Supply it; only then can these criteria be judged.";
    needed_for: &'static str = nl: "nodig voor", en: "needed for";
    what_it_takes: &'static str =
        nl: "Wat is er nodig voor het certificaat",
        en: "What it takes to be certified";
    /// Template: `{count}`.
    what_it_takes_intro: &'static str =
        nl: "Als deze {count} criteria voldoen, voldoet de locatie aan het kader:",
        en: "When these {count} criteria are met, the location meets the framework:";
    /// The same, for a single criterion.
    what_it_takes_intro_one: &'static str =
        nl: "Als dit criterium voldoet, voldoet de locatie aan het kader:",
        en: "When this criterion is met, the location meets the framework:";
    certificate: &'static str = nl: "Certificaat", en: "Certificate";
    audit_date: &'static str = nl: "auditdatum", en: "audit date";
    no_expiry: &'static str = nl: "zonder einddatum", en: "without an end date";
    // ------------------------------------------------------------ plan
    plan: &'static str = nl: "Verbeterplan", en: "Improvement plan";
    plan_for: &'static str = nl: "Verbeterplan voor", en: "Improvement plan for";
    action: &'static str = nl: "Wat te doen", en: "What to do";
    evidence: &'static str = nl: "Gegevens", en: "Evidence";
    needed: &'static str = nl: "Nodig", en: "Needed";
    legal_mandatory: &'static str = nl: "wettelijk verplicht", en: "legal, mandatory";
    mandatory_priority: &'static str = nl: "verplicht", en: "mandatory";
    for_threshold: &'static str = nl: "nodig voor de drempel", en: "needed for the threshold";
    other: &'static str = nl: "verhoogt de score", en: "raises the score";
    gain: &'static str = nl: "score erbij", en: "score gained";
    for_certificate: &'static str =
        nl: "nodig voor het certificaat",
        en: "needed for the certificate";
    no_plan_items: &'static str =
        nl: "Geen acties: alle criteria voldoen.",
        en: "No actions: every criterion is met.";
    item: &'static str = nl: "actie", en: "action";
    items: &'static str = nl: "acties", en: "actions";
    legal_basis: &'static str = nl: "grondslag", en: "legal basis";
    path: &'static str = nl: "pad", en: "path";
    /// Display names of the owners, in the order of [`Owner::ALL`].
    owners: [&'static str; 6] =
        nl: ["school", "gemeente", "politie", "Halt", "GGD", "gezamenlijk"],
        en: ["school", "municipality", "police", "Halt", "GGD", "joint"];
    // ------------------------------------------------------------ overview
    overview: &'static str = nl: "Overzicht", en: "Overview";
    /// Template: `{count}`, `{date}`.
    overview_intro: &'static str =
        nl: "{count} locaties; peildatum van het overzicht {date}.",
        en: "{count} locations; overview as of {date}.";
    locations: &'static str = nl: "Locaties", en: "Locations";
    most_failed: &'static str =
        nl: "Vaakst niet behaalde criteria",
        en: "Criteria most often not met";
    most_failed_intro: &'static str =
        nl: "Per criterium: bij hoeveel locaties het niet voldoet, en bij hoeveel het nog open is.",
        en: "Per criterion: at how many locations it fails, and at how many it is still open.";
    failed_at: &'static str = nl: "voldoet niet", en: "fail";
    open_at: &'static str = nl: "open", en: "open";
    workload: &'static str = nl: "Werk per partner", en: "Work per partner";
    workload_intro: &'static str =
        nl: "De open acties uit de verbeterplannen van alle locaties, per partner die aan zet is.",
        en: "The open actions of every location's improvement plan, per partner whose move it is.";
    open_items: &'static str = nl: "open acties", en: "open actions";
    of_which_mandatory: &'static str = nl: "waarvan verplicht", en: "of which mandatory";
    of_which_needed: &'static str = nl: "nodig voor certificaat", en: "needed for certificate";
    at_locations: &'static str = nl: "locaties", en: "locations";
    /// Template: `{months}`, `{date}`.
    expiring: &'static str =
        nl: "Certificaten die binnen {months} maanden verlopen (tot {date})",
        en: "Certificates expiring within {months} months (by {date})";
    expiring_intro: &'static str =
        nl: "Geldigheid gerekend vanaf de peildatum van elke locatie (de auditdatum).",
        en: "Validity counted from each location's as-of date (its audit date).";
    expired: &'static str = nl: "Verlopen certificaten", en: "Expired certificates";
    none: &'static str = nl: "Geen.", en: "None.";
    days_left: &'static str = nl: "dagen over", en: "days left";
    // ------------------------------------------------------------ gap messages
    /// Template: `{paths}`.
    missing_evidence: &'static str =
        nl: "Gegevens ontbreken: {paths}.",
        en: "Evidence is missing: {paths}.";
    /// Template: `{expected}`, `{actual}`.
    required_found: &'static str =
        nl: "Vereist: {expected}; gevonden: {actual}.",
        en: "Required: {expected}; found: {actual}.";
    /// Template: `{level}`, `{max}`, `{condition}`, `{found}`.
    level_needs: &'static str =
        nl: "Voor niveau {level} van {max} is nodig: {condition}. {found}",
        en: "Level {level} of {max} needs: {condition}. {found}";
    found_nothing: &'static str = nl: "Gegevens ontbreken.", en: "Evidence is missing.";
    /// Template: `{actual}`.
    found_value: &'static str = nl: "Gevonden: {actual}.", en: "Found: {actual}.";
    /// Template: `{paths}`.
    applicability_unknown: &'static str =
        nl: "Niet bekend of dit criterium van toepassing is: {paths} ontbreekt.",
        en: "Unknown whether this criterion applies: {paths} is missing.";
    /// Template: `{date}`, `{as_of}`.
    after_as_of: &'static str =
        nl: "{date} (na de peildatum {as_of})",
        en: "{date} (after the as-of date {as_of})";
    /// Ends a list of evidence cut at the most a gap names.
    and_more: &'static str = nl: "en meer", en: "and more";
    /// Appended to a missing-evidence gap at the audit.
    not_demonstrated: &'static str =
        nl: "Bij de audit niet aangetoond, dus niet behaald.",
        en: "Not demonstrated at the audit, so not met.";
    // ------------------------------------------------------------ plan "needed"
    /// Templates: `{value}`.
    at_least: &'static str = nl: "minimaal {value}", en: "at least {value}";
    more_than: &'static str = nl: "meer dan {value}", en: "more than {value}";
    at_most: &'static str = nl: "hoogstens {value}", en: "at most {value}";
    less_than: &'static str = nl: "minder dan {value}", en: "less than {value}";
    not_value: &'static str = nl: "niet {value}", en: "not {value}";
    /// Template: `{period}`.
    date_within: &'static str =
        nl: "een datum in de afgelopen {period}",
        en: "a date within the last {period}";
    /// Template: `{subject}`.
    supply_to_decide: &'static str =
        nl: "{subject}: aanleveren, zodat vaststaat of dit criterium geldt",
        en: "{subject}: supply it, so that it is known whether this criterion applies";
    /// Template: `{subject}`, `{target}`.
    supply: &'static str =
        nl: "{subject}: aanleveren ({target})",
        en: "{subject}: to be supplied ({target})";
    /// Template: `{subject}`.
    fill_in: &'static str = nl: "{subject}: invullen", en: "{subject}: fill it in";
    /// Template: `{subject}`, `{actual}`, `{target}`.
    from_to: &'static str =
        nl: "{subject}: van {actual} naar {target}",
        en: "{subject}: from {actual} to {target}";
    /// Template: `{level}`, `{max}`, `{condition}`.
    raise_level: &'static str =
        nl: "van niveau {level} naar niveau {max} van {max}: {condition}",
        en: "from level {level} to level {max} of {max}: {condition}";
    /// Units: day, days, week, weeks, month, months, year, years.
    units: [&'static str; 8] =
        nl: ["dag", "dagen", "week", "weken", "maand", "maanden", "jaar", "jaar"],
        en: ["day", "days", "week", "weeks", "month", "months", "year", "years"];
    // ------------------------------------------------------------ diff
    // Pairs are `[one, more]`, chosen by `{count}` (see [`plural`]).
    /// Template: `{before}`, `{after}`.
    diff_title: &'static str =
        nl: "Gevolgen van {before} → {after}",
        en: "Impact of {before} → {after}";
    /// Templates: `{count}` sample locations, `{compared}` of them.
    diff_samples: [&'static str; 2] =
        nl: [
            "{count} voorbeeldlocatie; {compared} onder beide kaders vergeleken.",
            "{count} voorbeeldlocaties; {compared} onder beide kaders vergeleken.",
        ],
        en: [
            "{count} sample location; {compared} compared under both frameworks.",
            "{count} sample locations; {compared} compared under both frameworks.",
        ];
    /// Templates: `{count}`.
    diff_locations: [&'static str; 2] =
        nl: ["{count} locatie", "{count} locaties"],
        en: ["{count} location", "{count} locations"];
    /// Templates: `{count}`, `{locations}` (a [`Words::diff_locations`]).
    diff_lose: [&'static str; 2] =
        nl: [
            "{count} van {locations} verliest de certificering",
            "{count} van {locations} verliezen de certificering",
        ],
        en: [
            "{count} of {locations} loses certification",
            "{count} of {locations} lose certification",
        ];
    diff_gain: [&'static str; 2] =
        nl: ["{count} wordt gecertificeerd", "{count} worden gecertificeerd"],
        en: ["{count} gains it", "{count} gain it"];
    diff_criterion_changed: [&'static str; 2] =
        nl: [
            "{count} verandert in een criterium",
            "{count} veranderen in een criterium",
        ],
        en: [
            "{count} changes in a criterion",
            "{count} change in a criterion",
        ];
    diff_moves: [&'static str; 2] =
        nl: [
            "{count} wisselt tussen niet gecertificeerd en onvoldoende gegevens",
            "{count} wisselen tussen niet gecertificeerd en onvoldoende gegevens",
        ],
        en: [
            "{count} moves between not certified and insufficient evidence",
            "{count} move between not certified and insufficient evidence",
        ];
    diff_no_longer_loads: [&'static str; 2] =
        nl: [
            "{count} laadt niet meer onder het nieuwe kader",
            "{count} laden niet meer onder het nieuwe kader",
        ],
        en: [
            "{count} no longer loads under the new framework",
            "{count} no longer load under the new framework",
        ];
    diff_newly_loads: [&'static str; 2] =
        nl: [
            "{count} laadt alleen onder het nieuwe kader",
            "{count} laden alleen onder het nieuwe kader",
        ],
        en: [
            "{count} loads only under the new framework",
            "{count} load only under the new framework",
        ];
    diff_loads_neither: [&'static str; 2] =
        nl: [
            "{count} laadt onder geen van beide kaders",
            "{count} laden onder geen van beide kaders",
        ],
        en: [
            "{count} loads under neither framework",
            "{count} load under neither framework",
        ];
    diff_changes: &'static str = nl: "Wijzigingen in het kader", en: "Framework changes";
    diff_changed_locations: &'static str =
        nl: "Locaties die veranderen",
        en: "Locations that change";
    diff_neither: &'static str =
        nl: "Gegevens die onder geen van beide kaders laden",
        en: "Evidence that loads under neither framework";
    /// What a change is about, in the order of `diff::Target`.
    diff_targets: [&'static str; 4] =
        nl: ["kader", "gegeven", "thema", "criterium"],
        en: ["framework", "evidence", "theme", "criterion"];
    /// Every kind of change, in the order of `diff::ChangeKind`.
    diff_kinds: [&'static str; 40] =
        nl: [
            "id gewijzigd",
            "titel gewijzigd",
            "versie gewijzigd",
            "taal gewijzigd",
            "geldigheid gewijzigd",
            "toegevoegd",
            "verwijderd",
            "type gewijzigd",
            "label gewijzigd",
            "toegevoegd",
            "verwijderd",
            "drempel aangescherpt",
            "drempel versoepeld",
            "alle verplichte criteria moeten nu voldoen",
            "verplichte criteria beslissen niet langer over het thema",
            "toegevoegd",
            "verwijderd",
            "naar een ander thema verplaatst",
            "verplicht gemaakt",
            "niet langer verplicht",
            "gewicht verhoogd",
            "gewicht verlaagd",
            "geldt voor minder locaties",
            "geldt voor meer locaties",
            "toepasselijkheid gewijzigd",
            "eis toegevoegd",
            "eis verwijderd",
            "eis aangescherpt",
            "eis versoepeld",
            "eis gewijzigd",
            "scoring aangescherpt",
            "scoring versoepeld",
            "scoring gewijzigd",
            "melding gewijzigd",
            "wie aan zet is gewijzigd",
            "wettelijke grondslag gewijzigd",
            "advies voor het verbeterplan gewijzigd",
            "tussentijdse toets gewijzigd",
            "bij de audit telt nu alleen geverifieerd bewijs",
            "bij de audit telt niet langer alleen geverifieerd bewijs",
        ],
        en: [
            "id changed",
            "title changed",
            "version changed",
            "language changed",
            "validity changed",
            "added",
            "removed",
            "type changed",
            "label changed",
            "added",
            "removed",
            "threshold tightened",
            "threshold loosened",
            "all mandatory criteria must now pass",
            "mandatory criteria no longer decide the theme",
            "added",
            "removed",
            "moved to another theme",
            "made mandatory",
            "no longer mandatory",
            "weight raised",
            "weight lowered",
            "applies to fewer locations",
            "applies to more locations",
            "applicability changed",
            "requirement added",
            "requirement removed",
            "requirement tightened",
            "requirement loosened",
            "requirement changed",
            "scoring tightened",
            "scoring loosened",
            "scoring changed",
            "message changed",
            "owner changed",
            "legal basis changed",
            "guidance changed",
            "mid-term check changed",
            "the audit now counts verified evidence only",
            "the audit no longer counts verified evidence only",
        ];
    before: &'static str = nl: "voor", en: "before";
    after: &'static str = nl: "na", en: "after";
    diff_same_words: &'static str =
        nl: "dezelfde woorden; een define of gegevenstype dat de regel gebruikt is gewijzigd",
        en: "same words; a define or an evidence type it uses changed";
    unchanged: &'static str = nl: "ongewijzigd", en: "unchanged";
    does_not_load: &'static str = nl: "laadt niet", en: "does not load";
    /// The status of a theme or criterion on the side without it.
    absent: &'static str = nl: "afwezig", en: "absent";
    diff_not_loading_before: &'static str =
        nl: "De gegevens laden niet onder het oude kader",
        en: "The evidence does not load under the old framework";
    diff_not_loading_after: &'static str =
        nl: "De gegevens laden niet onder het nieuwe kader",
        en: "The evidence does not load under the new framework";
    new_gap: &'static str = nl: "nieuwe tekortkoming", en: "new gap";
    gap_gone: &'static str = nl: "tekortkoming verdwenen", en: "gap gone";
    // ------------------------------------------------------------ test
    /// Templates: `{count}` samples, `{framework}`.
    test_running: [&'static str; 2] =
        nl: [
            "{count} voorbeeld getest tegen {framework}",
            "{count} voorbeelden getest tegen {framework}",
        ],
        en: [
            "running {count} sample against {framework}",
            "running {count} samples against {framework}",
        ];
    test_ok: &'static str = nl: "ok", en: "ok";
    test_failed: &'static str = nl: "MISLUKT", en: "FAILED";
    test_failed_no_expectation: &'static str =
        nl: "MISLUKT (geen verwachting)",
        en: "FAILED (no expectation)";
    warning: &'static str = nl: "waarschuwing", en: "warning";
    error: &'static str = nl: "fout", en: "error";
    test_failures: &'static str = nl: "Mislukt", en: "Failures";
    /// Templates: `{path}`.
    test_evidence_file: &'static str = nl: "gegevens {path}", en: "evidence {path}";
    test_expectation_file: &'static str = nl: "verwachting {path}", en: "expectation {path}";
    /// Template: `{subject}`, `{expected}`, `{actual}`.
    test_mismatch: &'static str =
        nl: "{subject}: verwacht {expected}, gevonden {actual}",
        en: "{subject}: expected {expected}, found {actual}";
    /// Template: `{subject}`, `{line}`, `{expected}`, `{actual}`.
    test_mismatch_at: &'static str =
        nl: "{subject} (regel {line}): verwacht {expected}, gevonden {actual}",
        en: "{subject} (line {line}): expected {expected}, found {actual}";
    test_evidence_does_not_load: &'static str =
        nl: "het gegevensbestand laadt niet:",
        en: "the evidence file does not load:";
    test_expectation_problems: &'static str =
        nl: "het verwachtingsbestand bevat fouten:",
        en: "the expectation file has problems:";
    /// Template: `{file}`, `{verdict}`.
    test_no_expectation: &'static str =
        nl: "geen verwachting: schrijf `{file}` (de uitkomst was {verdict}; zie docs/testing.md)",
        en: "no expectation: write `{file}` (it came out {verdict}; see docs/testing.md)";
    test_no_evidence: &'static str =
        nl: "geen gegevensbestand naast deze verwachting: voeg het voorbeeld toe als .json of .toml, of verwijder de verwachting",
        en: "no evidence file beside this expectation: add the sample as .json or .toml, or remove the expectation";
    coverage: &'static str = nl: "dekking", en: "coverage";
    /// Templates: `{covered}`, `{sides}`, `{count}` samples, `{full}`, `{rules}`.
    coverage_detail: [&'static str; 2] =
        nl: [
            "({covered} van {sides} uitkomsten van regels getoond door {count} voorbeeld; {full} van {rules} regels zowel waar als onwaar)",
            "({covered} van {sides} uitkomsten van regels getoond door {count} voorbeelden; {full} van {rules} regels zowel waar als onwaar)",
        ],
        en: [
            "({covered} of {sides} rule outcomes exercised by {count} sample; {full} of {rules} rules both true and false)",
            "({covered} of {sides} rule outcomes exercised by {count} samples; {full} of {rules} rules both true and false)",
        ];
    coverage_uncovered: &'static str =
        nl: "Niet in beide richtingen getoond:",
        en: "Not exercised both ways:";
    coverage_not_shown: &'static str =
        nl: "Wat geen voorbeeld laat zien",
        en: "What no sample shows";
    rule: &'static str = nl: "Regel", en: "Rule";
    /// What no sample shows: never fails, never passes, never false, never
    /// true, only unknown, never decided, never reached.
    coverage_missing: [&'static str; 7] =
        nl: [
            "voldoet altijd",
            "voldoet nooit",
            "nooit onwaar",
            "nooit waar",
            "alleen onbekend",
            "nooit beslist",
            "nooit bereikt",
        ],
        en: [
            "never fails",
            "never passes",
            "never false",
            "never true",
            "only unknown",
            "never decided",
            "never reached",
        ];
    test_result: &'static str = nl: "testresultaat:", en: "test result:";
    /// Template: `{passed}`, `{failed}`.
    test_counts: &'static str =
        nl: ". {passed} geslaagd; {failed} mislukt",
        en: ". {passed} passed; {failed} failed";
    /// Templates: `{percent}`, `{min}`.
    coverage_below: &'static str =
        nl: "; dekking {percent} onder het minimum van {min}",
        en: "; coverage {percent} below the minimum of {min}";
    coverage_meets: &'static str =
        nl: "; dekking {percent} haalt het minimum van {min}",
        en: "; coverage {percent} meets the minimum of {min}";
    // ------------------------------------------------------------ doc
    contents: &'static str = nl: "Inhoud", en: "Contents";
    version: &'static str = nl: "versie", en: "version";
    /// Template: `{period}`.
    validity: &'static str =
        nl: "Geldigheid van het certificaat: {period} na de peildatum van een positieve audit.",
        en: "Certificate validity: {period} after the as-of date of a positive audit.";
    scoring: &'static str = nl: "Hoe het oordeel tot stand komt", en: "How the verdict is reached";
    /// A theme's rule: the start, its parts joined by [`Words::and`].
    theme_rule: &'static str = nl: "Een thema voldoet als", en: "A theme passes when";
    theme_rule_mandatory: &'static str =
        nl: "alle verplichte criteria die van toepassing zijn voldoen",
        en: "every applicable mandatory criterion passes";
    /// Template: `{score}`.
    theme_rule_score: &'static str =
        nl: "de score minstens {score} is",
        en: "its score is at least {score}";
    certified_rule: &'static str =
        nl: "Een locatie wordt gecertificeerd als alle thema's voldoen.",
        en: "A location is certified when every theme passes.";
    knock_out: &'static str = nl: "verplicht (knock-out)", en: "mandatory (knock-out)";
    optional: &'static str = nl: "niet verplicht", en: "not mandatory";
    weight: &'static str = nl: "weging", en: "weight";
    statutory_basis: &'static str = nl: "wettelijke basis", en: "legal basis";
    levels: &'static str = nl: "Niveaus", en: "Levels";
    level: &'static str = nl: "niveau", en: "level";
    otherwise: &'static str = nl: "anders", en: "otherwise";
    evidence_to_supply: &'static str = nl: "Aan te leveren", en: "Evidence to supply";
    gap_message: &'static str = nl: "melding bij een tekort", en: "message on a gap";
    all_evidence: &'static str = nl: "Alle gegevens", en: "All evidence";
    kind: &'static str = nl: "soort", en: "type";
    label: &'static str = nl: "omschrijving", en: "label";
    terms: &'static str = nl: "Begrippen", en: "Terms";
    /// Template: `{bases}`, joined by `, ` and [`Words::on`].
    layer_on: &'static str =
        nl: "Lokale laag op {bases}. Onderdelen die deze laag toevoegt of aanscherpt zijn gemarkeerd als lokaal.",
        en: "A local layer on {bases}. What a layer adds or tightens is marked as local.";
    on: &'static str = nl: "op", en: "on";
    local: &'static str = nl: "lokaal", en: "local";
    tightened_by: &'static str = nl: "aangescherpt door", en: "tightened by";
    // ------------------------------------------------------------ conditions read aloud
    is_supplied: &'static str = nl: "is ingevuld", en: "is supplied";
    number_of: &'static str = nl: "het aantal", en: "the number of";
    or: &'static str = nl: "of", en: "or";
    /// Comparisons of numbers and of dates, in the order `==`, `!=`,
    /// `>=`, `>`, `<=`, `<`.
    compare_numbers: [&'static str; 6] =
        nl: ["is", "is niet", "is minstens", "is meer dan", "is hoogstens", "is minder dan"],
        en: ["is", "is not", "is at least", "is more than", "is at most", "is less than"];
    compare_dates: [&'static str; 6] =
        nl: ["is", "is niet", "valt op of na", "valt na", "valt op of vóór", "valt vóór"],
        en: ["is", "is not", "is on or after", "is after", "is on or before", "is before"];
    /// Templates: `{period}`; the second for the elements counted.
    lies_within: &'static str =
        nl: "ligt in de afgelopen {period}",
        en: "is within the last {period}";
    counted_within: &'static str = nl: "in de afgelopen {period}", en: "in the last {period}";
    date_before: &'static str = nl: "vóór", en: "before";
    date_after: &'static str = nl: "na", en: "after";
    one_of: &'static str = nl: "is een van", en: "is one of";
    none_of: &'static str = nl: "is geen van", en: "is none of";
    // ------------------------------------------------------------ plain words (reports for people)
    /// The decimal mark: `87,5%` or `87.5%`.
    decimal_mark: char = nl: ',', en: '.';
    /// The months, January first: `30 november 2026`.
    months: [&'static str; 12] =
        nl: [
            "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
            "oktober", "november", "december",
        ],
        en: [
            "January", "February", "March", "April", "May", "June", "July", "August", "September",
            "October", "November", "December",
        ];
    /// A difference of percentages, `[one, more]`: `{count}`.
    percentage_points: [&'static str; 2] =
        nl: ["{count} procentpunt", "{count} procentpunt"],
        en: ["{count} percentage point", "{count} percentage points"];
    /// The last separator of a list: `a, b en c`.
    list_and: &'static str = nl: "en", en: "and";
    /// Quotation marks around a text value.
    quotes: (&'static str, &'static str) = nl: ("‘", "’"), en: ("“", "”");
    /// A gap's norm and what was found, in words.
    norm: &'static str = nl: "Norm", en: "Requirement";
    found_now: &'static str = nl: "Aangetroffen", en: "Found";
    /// What was found when nothing was.
    found_none: &'static str = nl: "geen", en: "nothing";
    /// Template: `{subject}`; a value a sentence needed but was not supplied.
    not_filled_in: &'static str =
        nl: "{subject} is niet ingevuld.",
        en: "{subject} has not been filled in.";
    /// Template: `{subjects}`: evidence to supply, by label.
    still_to_supply: &'static str =
        nl: "Nog aan te leveren: {subjects}.",
        en: "Still to be supplied: {subjects}.";
    /// Template: `{subjects}`: evidence that decides whether a criterion applies.
    applies_unknown: &'static str =
        nl: "Niet bekend of dit criterium van toepassing is; daarvoor is nodig: {subjects}.",
        en: "Unknown whether this criterion applies; that needs: {subjects}.";
    /// Template: `{condition}`: the norm of an applicability gap.
    applies_if: &'static str =
        nl: "dit criterium geldt als {condition}",
        en: "this criterion applies when {condition}";
    /// Template: `{level}`, `{max}`, `{condition}`: the norm of a level.
    level_norm: &'static str =
        nl: "voor niveau {level} van {max}: {condition}",
        en: "for level {level} of {max}: {condition}";
    /// Template: `{norm}`, `{found}`: what a plan item needs.
    needed_now: &'static str = nl: "{norm} (nu: {found})", en: "{norm} (now: {found})";
    /// The appendix for administrators: paths and notation.
    technical_appendix: &'static str = nl: "Technische bijlage", en: "Technical appendix";
    technical_intro: &'static str =
        nl: "Voor beheerders: elke tekortkoming in de notatie van het kader, met de paden van de gegevens.",
        en: "For administrators: every gap in the framework's notation, with the paths of the evidence.";
    // ------------------------------------------------------------ report sections
    /// What passes, what does not, and what is still to be shown.
    in_order_heading: &'static str = nl: "Op orde", en: "In order";
    in_order_none: &'static str = nl: "Nog geen criterium voldoet.", en: "No criterion is met yet.";
    not_in_order: &'static str = nl: "Niet op orde", en: "Not in order";
    not_in_order_none: &'static str =
        nl: "Alles wat beoordeeld kon worden, is op orde.",
        en: "Everything that could be judged is in order.";
    to_demonstrate: &'static str = nl: "Nog aan te tonen", en: "Still to be shown";
    /// A theme that cannot be judged while evidence is missing.
    theme_open: &'static str = nl: "nog niet te beoordelen", en: "cannot be judged yet";
    /// A criterion a layer adds to the framework below it.
    local_ambition: &'static str = nl: "lokale ambitie", en: "local ambition";
    /// A certified location's plan: what it could still do better.
    recommendations: &'static str = nl: "Aanbevelingen", en: "Recommendations";
    /// The meeting a report is discussed in.
    meeting_intake: &'static str = nl: "Intakegesprek", en: "Intake meeting";
    meeting_audit: &'static str = nl: "Auditgesprek", en: "Audit meeting";
    meeting: &'static str = nl: "Bespreking", en: "Meeting";
    meeting_date: &'static str = nl: "Datum", en: "Date";
    attendees: &'static str = nl: "Aanwezig", en: "Present";
    agreements: &'static str = nl: "Afspraken", en: "Agreements";
    no_agreements: &'static str = nl: "Geen afspraken vastgelegd.", en: "No agreements recorded.";
    name: &'static str = nl: "Naam", en: "Name";
    signature: &'static str = nl: "Handtekening", en: "Signature";
    // ------------------------------------------------------------ overview totals and groups
    summary: &'static str = nl: "Samenvatting", en: "Summary";
    /// Pairs `[one, more]`, with `{count}` and `{total}`.
    totals_certified: [&'static str; 2] =
        nl: [
            "{count} van {total} locaties voldoet aan het kader",
            "{count} van {total} locaties voldoen aan het kader",
        ],
        en: [
            "{count} of {total} locations meets the framework",
            "{count} of {total} locations meet the framework",
        ];
    totals_not_certified: [&'static str; 2] =
        nl: ["{count} voldoet nog niet", "{count} voldoen nog niet"],
        en: ["{count} does not meet it yet", "{count} do not meet it yet"];
    totals_insufficient: [&'static str; 2] =
        nl: [
            "{count} is nog niet te beoordelen",
            "{count} zijn nog niet te beoordelen",
        ],
        en: [
            "{count} cannot be judged yet",
            "{count} cannot be judged yet",
        ];
    /// With `{count}` and `{months}`.
    totals_stale: [&'static str; 2] =
        nl: [
            "{count} locatie is beoordeeld op gegevens van meer dan {months} maanden oud.",
            "{count} locaties zijn beoordeeld op gegevens van meer dan {months} maanden oud.",
        ],
        en: [
            "{count} location was judged on evidence more than {months} months old.",
            "{count} locations were judged on evidence more than {months} months old.",
        ];
    /// Beside an as-of date older than the overview allows.
    stale: &'static str = nl: "ouder dan {months} maanden", en: "older than {months} months";
    per_theme: &'static str = nl: "Per thema", en: "Per theme";
    group_board: &'static str = nl: "Bestuur", en: "School board";
    group_district: &'static str = nl: "Wijk", en: "District";
    group_type: &'static str = nl: "Soort school", en: "Kind of school";
    not_given: &'static str = nl: "niet opgegeven", en: "not given";
    // ------------------------------------------------------------ partners
    /// Who to contact at a partner, and which partner leads joint work.
    contact_person: &'static str = nl: "contactpersoon", en: "contact";
    lead_partner: &'static str = nl: "trekker", en: "lead";
    // ------------------------------------------------------------ fmt
    /// What `kader fmt` says of a file it wrote, and with `--check` of one
    /// it would change.
    fmt_written: &'static str = nl: "opgemaakt", en: "formatted";
    fmt_unformatted: &'static str =
        nl: "niet opgemaakt zoals `kader fmt` het schrijft",
        en: "not formatted";
    // ------------------------------------------------------------ exact analysis
    /// `kader diff --exhaustive`. Templates: `{before}`, `{after}`; `{date}`.
    exhaustive_title: &'static str =
        nl: "Wat {before} → {after} doet voor elke school",
        en: "What {before} → {after} does to every school";
    exhaustive_meta: &'static str =
        nl: "Over elke mogelijke school, beoordeeld op {date}; niet alleen de voorbeeldlocaties.",
        en: "Over every possible school, judged on {date}; not only the sample locations.";
    /// Templates: `{from}`, `{to}`.
    exhaustive_meta_span: &'static str =
        nl: "Over elke mogelijke school, beoordeeld op elke peildatum van {from} tot en met {to}; niet alleen de voorbeeldlocaties.",
        en: "Over every possible school, judged on every as-of date from {from} to {to}; not only the sample locations.";
    exhaustive_criteria: &'static str = nl: "Criteria", en: "Criteria";
    /// Templates: `{count}`.
    exhaustive_same_themes: [&'static str; 2] =
        nl: ["{count} thema beoordeelt elke school zoals voorheen.", "{count} thema's beoordelen elke school zoals voorheen."],
        en: ["{count} theme judges every school as before.", "{count} themes judge every school as before."];
    exhaustive_same_criteria: [&'static str; 2] =
        nl: ["{count} criterium beoordeelt elke school zoals voorheen.", "{count} criteria beoordelen elke school zoals voorheen."],
        en: ["{count} criterion judges every school as before.", "{count} criteria judge every school as before."];
    exhaustive_undecided_because: &'static str =
        nl: "Niet exact te bepalen:",
        en: "Not decided exactly:";
    exhaustive_example: &'static str = nl: "Voorbeeld", en: "Example";
    /// A witness: `{values}`, then where it passes: `{old}`, `{before}`, `{new}`, `{after}`.
    exhaustive_school_with: &'static str = nl: "een school met {values}", en: "a school with {values}";
    exhaustive_school_as_compliant: &'static str =
        nl: "een school die aan beide versies zo veel mogelijk voldoet",
        en: "a school that meets as much of both versions as it can";
    exhaustive_before_after: &'static str =
        nl: "— onder {old}: {before}; onder {new}: {after}.",
        en: "— under {old}: {before}; under {new}: {after}.";
    exhaustive_not_supplied: &'static str = nl: "niet ingevuld", en: "not supplied";
    exhaustive_empty_list: &'static str = nl: "een lege lijst", en: "an empty list";
    exhaustive_empty_text: &'static str = nl: "een lege tekst", en: "an empty text";
    exhaustive_certified: &'static str = nl: "gecertificeerd", en: "certified";
    exhaustive_not_certified: &'static str = nl: "niet gecertificeerd", en: "not certified";
    exhaustive_insufficient: &'static str = nl: "onvoldoende gegevens", en: "insufficient evidence";
    relation_equivalent: &'static str = nl: "gelijk", en: "equivalent";
    relation_stricter: &'static str = nl: "strenger", en: "stricter";
    relation_looser: &'static str = nl: "soepeler", en: "looser";
    relation_incomparable: &'static str = nl: "strenger én soepeler", en: "stricter and looser";
    relation_undecided: &'static str = nl: "niet beslist", en: "undecided";
    /// The verdict's relation. Templates: `{old}`, `{new}`.
    verdict_equivalent: &'static str =
        nl: "{new} certificeert precies dezelfde scholen als {old}.",
        en: "{new} certifies exactly the schools {old} certifies.";
    verdict_stricter: &'static str =
        nl: "{new} is strenger dan {old}: het certificeert alleen scholen die {old} ook certificeert, en sommige daarvan niet meer.",
        en: "{new} is stricter than {old}: it certifies only schools that {old} certifies, and no longer some of them.";
    verdict_looser: &'static str =
        nl: "{new} is soepeler dan {old}: het certificeert scholen die {old} niet certificeert.",
        en: "{new} is looser than {old}: it certifies schools that {old} does not.";
    verdict_incomparable: &'static str =
        nl: "{new} is strenger én soepeler dan {old}: elk certificeert scholen die het andere niet certificeert.",
        en: "{new} is both stricter and looser than {old}: each certifies schools the other does not.";
    verdict_undecided: &'static str =
        nl: "kader kan niet exact bepalen hoe {new} zich voor het oordeel tot {old} verhoudt.",
        en: "kader cannot decide exactly how {new} relates to {old} for the verdict.";
    /// Why a relation is undecided. Templates: `{criterion}`, `{condition}`; `{path}`; `{limit}`.
    because_condition: &'static str =
        nl: "de voorwaarde `{condition}` van criterium {criterion} valt buiten wat kader exact beslist: ze vergelijkt of rekent met twee bewijsstukken",
        en: "the condition `{condition}` of criterion {criterion} is outside what kader decides exactly: it compares or computes with two pieces of evidence";
    because_type_changed: &'static str =
        nl: "bewijsstuk `{path}` heeft in de nieuwe versie een ander type",
        en: "evidence `{path}` has another type in the new version";
    because_unrepresentable: &'static str =
        nl: "bewijsstuk `{path}` wordt vergeleken met getallen die zo dicht bij elkaar liggen dat er geen waarde tussen past",
        en: "evidence `{path}` is compared with numbers so close together that no value fits between them";
    because_too_many: &'static str =
        nl: "er zijn meer dan {limit} combinaties van waarden na te gaan",
        en: "there are more than {limit} combinations of values to go through";
    because_unconfirmed: &'static str =
        nl: "een voorbeeld kwam bij nacontrole anders uit; dat is een fout in kader, meld die",
        en: "an example came out differently when checked again; that is a defect in kader, please report it";
    /// `kader verify`. Templates: `{old}`, `{new}`.
    verify_title: &'static str = nl: "{new} tegen {old}", en: "{new} against {old}";
    verify_proved: &'static str =
        nl: "Bewezen: {new} certificeert geen school die {old} niet certificeert, en laat geen thema voldoen dat onder {old} niet voldoet.",
        en: "Proved: {new} certifies no school that {old} does not certify, and passes no theme that fails under {old}.";
    verify_refuted: &'static str =
        nl: "Niet zo: {new} laat een school of een thema voldoen die onder {old} niet voldoet; zie de voorbeelden.",
        en: "Not so: {new} passes a school or a theme that {old} does not; see the examples.";
    verify_undecided: &'static str =
        nl: "Niet beslist: kader kan niet exact bepalen of {new} ooit soepeler is dan {old}; hieronder staat waarom.",
        en: "Undecided: kader cannot decide exactly whether {new} is ever looser than {old}; the reasons are below.";
    // ------------------------------------------------------------ decisive evidence
    /// At the intake, beside each piece of evidence to supply: whether
    /// some value of it can still change the verdict or a theme.
    still_matters: &'static str = nl: "Van belang voor de uitslag", en: "Matters for the result";
    matters_yes: &'static str =
        nl: "ja, kan de uitslag nog veranderen",
        en: "yes, can still change the result";
    matters_no: &'static str =
        nl: "nee, verandert de uitslag niet meer",
        en: "no, cannot change the result any more";
    // ------------------------------------------------------------ audit provenance
    /// A gap at an audit that requires verified evidence. Templates:
    /// `{subjects}`.
    not_verified: [&'static str; 2] =
        nl: ["{subjects} is aangeleverd, maar niet geverifieerd; bij deze audit telt alleen geverifieerd bewijs.", "{subjects} zijn aangeleverd, maar niet geverifieerd; bij deze audit telt alleen geverifieerd bewijs."],
        en: ["{subjects} was supplied but not verified; this audit counts verified evidence only.", "{subjects} were supplied but not verified; this audit counts verified evidence only."];
    /// The report's section on what the audit verified.
    verified_title: &'static str = nl: "Geverifieerd bewijs", en: "Verified evidence";
    verified_intro: &'static str =
        nl: "Per criterium: welk bewijs is geverifieerd, door wie, wanneer en hoe.",
        en: "Per criterion: which evidence was verified, by whom, when and how.";
    verified_evidence: &'static str = nl: "Gegeven", en: "Evidence";
    verified_source: &'static str = nl: "Bron", en: "Source";
    verified_by: &'static str = nl: "Geverifieerd (door, op, hoe)", en: "Verified (by, on, how)";
    verified_not: &'static str = nl: "niet geverifieerd", en: "not verified";
    // ------------------------------------------------------------ certificate record
    certificate_number: &'static str = nl: "Nummer", en: "Number";
    certificate_issued_by: &'static str = nl: "Uitgegeven door", en: "Issued by";
    certificate_auditor: &'static str = nl: "Auditor", en: "Auditor";
    certificate_decided_on: &'static str = nl: "Besluit certificeringscommissie", en: "Certification committee's decision";
    certificate_conditions: &'static str = nl: "Voorwaarden", en: "Conditions";
    certificate_midterm: &'static str = nl: "Tussentijdse toets", en: "Mid-term check";
    certificate_parts: &'static str = nl: "Oordeel", en: "Verdict";
    certificate_hash: &'static str = nl: "Controlegetal (SHA-256)", en: "Check value (SHA-256)";
    certificate_hash_note: &'static str =
        nl: "Iedereen kan dit certificaat nagaan met `kader certificate verify`: het controlegetal hoort bij precies dit kader, deze gegevens en deze uitslag.",
        en: "Anyone can check this certificate with `kader certificate verify`: the check value belongs to exactly this framework, this evidence and this result.";
    /// `kader certificate verify`.
    check_holds: &'static str =
        nl: "Het certificaat klopt: het controlegetal hoort bij dit kader, deze gegevens en deze uitslag, en het kader geeft deze uitslag voor deze gegevens.",
        en: "The certificate holds: its check value belongs to this framework, this evidence and this result, and the framework gives this result for this evidence.";
    check_fails: &'static str =
        nl: "Het certificaat klopt niet:",
        en: "The certificate does not hold:";
    check_no_hash: &'static str =
        nl: "de uitslag noemt geen controlegetal",
        en: "the result states no check value";
    /// Templates: `{stated}`, `{computed}`.
    check_hash_differs: &'static str =
        nl: "het controlegetal {stated} is niet dat van dit kader, deze gegevens en deze uitslag ({computed})",
        en: "the check value {stated} is not that of this framework, this evidence and this result ({computed})";
    check_framework_differs: &'static str =
        nl: "de uitslag is niet met dit kader gemaakt (een andere versie of tekst)",
        en: "the result was not made with this framework (another version or text)";
    check_evidence_differs: &'static str =
        nl: "de uitslag is niet met deze gegevens gemaakt",
        en: "the result was not made with this evidence";
    // ------------------------------------------------------------ "wie doet wat" annex
    annex_title: &'static str = nl: "Wie doet wat", en: "Who does what";
    annex_intro: &'static str =
        nl: "Per partner: wie het aanspreekpunt is, waarvoor de partner aan zet is en welke acties van het verbeterplan openstaan.",
        en: "Per partner: who to contact, what the partner is responsible for and which actions of the improvement plan are open.";
    annex_contact: &'static str = nl: "Contactpersoon", en: "Contact";
    annex_role: &'static str = nl: "rol:", en: "role:";
    annex_confirmed: &'static str = nl: "bevestigd op", en: "confirmed on";
    annex_responsible: &'static str = nl: "Verantwoordelijk voor", en: "Responsible for";
    annex_actions: &'static str = nl: "Open acties", en: "Open actions";
    annex_contact_missing: &'static str = nl: "ontbreekt", en: "missing";
    annex_none: &'static str = nl: "geen", en: "none";
    /// Templates: `{count}`.
    annex_all_in_order: [&'static str; 2] =
        nl: ["{count} criterium, op orde", "{count} criteria, alle op orde"],
        en: ["{count} criterion, in order", "{count} criteria, all in order"];
    /// Templates: `{count}`, `{open}`.
    annex_open: [&'static str; 2] =
        nl: ["{count} criterium; niet op orde: {open}", "{count} criteria; niet op orde: {open}"],
        en: ["{count} criterion; not in order: {open}", "{count} criteria; not in order: {open}"];
    /// Templates: `{number}`, `{title}`.
    annex_action: &'static str = nl: "actie {number}: {title}", en: "action {number}: {title}";
    annex_look: &'static str = nl: "Let op", en: "Look at";
    /// Templates: `{partner}`.
    annex_missing: &'static str =
        nl: "{partner}: er is geen contactpersoon opgegeven.",
        en: "{partner}: no contact person is given.";
    /// Templates: `{partner}`, `{date}`.
    annex_stale: &'static str =
        nl: "{partner}: de contactpersoon is het laatst bevestigd op {date}, meer dan een jaar geleden; vraag na of dit nog klopt.",
        en: "{partner}: the contact was last confirmed on {date}, more than a year ago; check that it is still right.";
    /// Templates: `{partner}`.
    annex_never: &'static str =
        nl: "{partner}: niet bekend wanneer de contactpersoon is bevestigd; vraag na of dit nog klopt en leg de datum vast.",
        en: "{partner}: it is not known when the contact was confirmed; check that it is still right and record the date.";
    annex_all_current: &'static str =
        nl: "Alle gevraagde contactpersonen zijn het afgelopen jaar bevestigd.",
        en: "Every contact asked for was confirmed in the past year.";
    /// `kader doc`. Templates: `{period}`.
    doc_midterm: &'static str =
        nl: "Tussentijdse toets: {period} na de audit.",
        en: "Mid-term check: {period} after the audit.";
    doc_audit_verified: &'static str =
        nl: "Bij de audit telt alleen bewijs dat iemand heeft geverifieerd (bij deze criteria: {criteria}).",
        en: "At the audit, only evidence someone verified counts (for these criteria: {criteria}).";
    check_not_reproduced: &'static str =
        nl: "het kader geeft voor deze gegevens bij de audit een andere uitslag",
        en: "the framework gives another result for this evidence at the audit";
    // ------------------------------------------------------------ the living plan
    /// The comment that heads a plan file (`kader plan --update`), one
    /// line of comment a line. Template: `{location}`.
    plan_file_header: &'static str =
        nl: "Verbeterplan van {location}, bijgehouden met kader.\n\nEen actie per [[item]]. Vul in of pas aan wat is afgesproken: owner (wie aan zet is),\ncontact (de contactpersoon), action (wat er gebeurt), due (uiterlijk, zoals 2025-12-31),\nnotes (aantekeningen) en status: open, bezig, gereed of vervallen.\nCommentaar achter een # mag overal; de volgorde van de regels mag u kiezen.\n\n`kader plan --update` houdt dit bestand bij met nieuwer bewijs: een actie waarvan het\ncriterium nu voldoet wordt gereed (gereed_op: de peildatum), nieuwe tekorten worden\nnieuwe acties, en wat u hebt ingevuld blijft staan. Verwijder geen acties: zet een\nactie die niet meer nodig is op vervallen.",
        en: "Improvement plan of {location}, kept with kader.\n\nOne action per [[item]]. Fill in or change what was agreed: owner (whose move it is),\ncontact (the contact person), action (what is done), due (the date agreed, such as\n2025-12-31), notes and status: open (open), bezig (under way), gereed (done) or\nvervallen (dropped). Comments after a # may stand anywhere; the lines may be in any order.\n\n`kader plan --update` keeps this file up to date with newer evidence: an action whose\ncriterion now passes becomes gereed (gereed_op: the as-of date), new gaps become new\nactions, and what you filled in stays. Do not delete actions: set an action that is no\nlonger needed to vervallen.";
    /// A plan file's agreements beside an action.
    agreed: &'static str = nl: "Afgesproken", en: "Agreed";
    due: &'static str = nl: "uiterlijk", en: "due";
    overdue: &'static str = nl: "over de termijn", en: "past due";
    overdue_heading: &'static str = nl: "Over de termijn", en: "Past due";
    overdue_intro: &'static str =
        nl: "Deze acties zijn op de afgesproken datum niet gereed:",
        en: "These actions were not done by the date agreed:";
    overdue_none: &'static str =
        nl: "Geen actie is over de afgesproken datum.",
        en: "No action is past the date agreed.";
    notes: &'static str = nl: "Aantekeningen", en: "Notes";
    /// The statuses of a plan file's items, as people read them.
    item_open: &'static str = nl: "open", en: "open";
    item_under_way: &'static str = nl: "bezig", en: "under way";
    item_done: &'static str = nl: "gereed", en: "done";
    item_dropped: &'static str = nl: "vervallen", en: "dropped";
    done_on: &'static str = nl: "gereed op", en: "done on";
    not_in_framework: &'static str =
        nl: "staat niet meer in het kader",
        en: "no longer in the framework";
    /// `kader progress`: two assessments of a location compared.
    progress_for: &'static str = nl: "Voortgang van", en: "Progress of";
    /// Templates: `{before}`, `{after}` (dates).
    progress_dates: &'static str = nl: "peildatum {before} → {after}", en: "as of {before} → {after}";
    /// Templates: `{before}`, `{after}` (a framework and its version).
    progress_frameworks: &'static str =
        nl: "Eerst beoordeeld onder {before}, nu onder {after}; criteria en thema's zijn op hun code vergeleken.",
        en: "First judged under {before}, now under {after}; criteria and themes are compared by their id.";
    /// Templates: `{before}`, `{after}` (dates).
    progress_chart_caption: &'static str =
        nl: "Score per thema op {before} (boven, grijs) en op {after} (onder), tegen de drempel",
        en: "Score per theme on {before} (above, grey) and on {after} (below), against the threshold";
    change: &'static str = nl: "Verschil", en: "Change";
    improved: &'static str = nl: "Verbeterd", en: "Improved";
    improved_none: &'static str = nl: "Geen criterium is verbeterd.", en: "No criterion improved.";
    regressed: &'static str = nl: "Achteruitgegaan", en: "Gone back";
    regressed_none: &'static str = nl: "Geen criterium is achteruitgegaan.", en: "No criterion went back.";
    still_open: &'static str = nl: "Nog open", en: "Still open";
    still_open_none: &'static str = nl: "Geen criterium staat nog open.", en: "No criterion is still open.";
    closed_heading: &'static str = nl: "Afgeronde acties uit het verbeterplan", en: "Actions of the improvement plan closed";
    closed_none: &'static str =
        nl: "Tussen de twee peildata is geen actie uit het verbeterplan gereed gekomen.",
        en: "No action of the improvement plan was closed between the two dates.";
    not_compared: &'static str = nl: "Niet vergeleken", en: "Not compared";
    /// Templates: `{framework}`.
    only_in: &'static str = nl: "Alleen in {framework}", en: "Only in {framework}";
    not_in_this_version: &'static str = nl: "niet in deze versie", en: "not in this version";
    // ------------------------------------------------------------ calendar of lapses
    /// `kader calendar`: what lapses when, if nothing new is supplied.
    calendar_title: &'static str = nl: "Vervalkalender", en: "Calendar of lapses";
    calendar_intro: &'static str =
        nl: "Wat verandert als er niets nieuws wordt aangeleverd: elke datum is de eerste dag waarop een criterium, een thema of het oordeel met dezelfde gegevens anders uitvalt dan op de peildatum.",
        en: "What changes if nothing new is supplied: each date is the first day on which a criterion, a theme or the verdict comes out differently, with the same evidence, than on the as-of date.";
    /// Templates: `{date}`, `{verdict}`.
    calendar_verdict_changes: &'static str =
        nl: "Het oordeel verandert op {date}; het wordt dan: {verdict}.",
        en: "The verdict changes on {date}; it then becomes: {verdict}.";
    /// Template: `{years}`.
    calendar_verdict_stays: &'static str =
        nl: "Het oordeel verandert de komende {years} jaar niet.",
        en: "The verdict does not change in the next {years} years.";
    calendar_nothing_changes: &'static str =
        nl: "Met dezelfde gegevens verandert er de komende {years} jaar niets.",
        en: "With the same evidence nothing changes in the next {years} years.";
    calendar_changes: &'static str = nl: "Wat verandert wanneer", en: "What changes when";
    calendar_date: &'static str = nl: "Datum", en: "Date";
    calendar_now: &'static str = nl: "Nu", en: "Now";
    calendar_then: &'static str = nl: "Dan", en: "Then";
    calendar_because: &'static str = nl: "Door", en: "Because of";
    calendar_changes_on: &'static str = nl: "Verandert op", en: "Changes on";
    /// Template: `{years}`.
    calendar_never: &'static str = nl: "niet binnen {years} jaar", en: "not within {years} years";
    /// An exception that starts or ends, as the cause of a change.
    calendar_exception: &'static str = nl: "de ontheffing", en: "the exception";
    /// A graded criterion's status with its level. Template: `{status}`, `{level}`.
    calendar_at_level: &'static str = nl: "{status} (niveau {level})", en: "{status} (level {level})";
    /// The timeline. Templates: `{from}`, `{to}`; `{what}`.
    calendar_timeline: &'static str =
        nl: "Het oordeel en de thema's van {from} tot en met {to}, met dezelfde gegevens",
        en: "The verdict and the themes from {from} to {to}, with the same evidence";
    calendar_stretch: &'static str = nl: "{what}: {from} tot en met {to}", en: "{what}: {from} to {to}";
    /// Several locations. Templates: `{count}`.
    calendar_overview_intro: [&'static str; 2] =
        nl: ["{count} locatie, elk gerekend vanaf de eigen peildatum: wat vervalt als er niets nieuws wordt aangeleverd.", "{count} locaties, elk gerekend vanaf de eigen peildatum: wat vervalt als er niets nieuws wordt aangeleverd."],
        en: ["{count} location, each counted from its own as-of date: what lapses if nothing new is supplied.", "{count} locations, each counted from its own as-of date: what lapses if nothing new is supplied."];
    /// Templates: `{months}`; `{from}`, `{to}`.
    calendar_within: &'static str = nl: "Binnen {months} maanden", en: "Within {months} months";
    calendar_between: &'static str = nl: "Over {from} tot {to} maanden", en: "In {from} to {to} months";
    calendar_none: &'static str = nl: "Niets vervalt in deze periode.", en: "Nothing lapses in this period.";
    calendar_per_location: &'static str = nl: "Per locatie", en: "Per location";
    calendar_per_partner: &'static str = nl: "Per partner", en: "Per partner";
    calendar_partner: &'static str = nl: "Partner", en: "Partner";
    /// A column of lapses within so many months. Template: `{months}`.
    calendar_months_column: &'static str = nl: "≤ {months} mnd", en: "≤ {months} mo";
    calendar_months_hint: &'static str =
        nl: "criteria die binnen {months} maanden vervallen",
        en: "criteria that lapse within {months} months";
    calendar_verdict_column: &'static str = nl: "Oordeel verandert op", en: "Verdict changes on";
    /// The agenda (ICS). Templates: `{criterion}`, `{location}`; `{title}`,
    /// `{date}`, `{now}`, `{then}`, `{because}`, `{owner}`; `{days}`.
    #[cfg_attr(not(feature = "ics"), allow(dead_code))]
    ics_name: &'static str = nl: "Vervalkalender {framework}", en: "Calendar of lapses {framework}";
    #[cfg_attr(not(feature = "ics"), allow(dead_code))]
    ics_summary: &'static str = nl: "{criterion} vervalt — {location}", en: "{criterion} lapses — {location}";
    #[cfg_attr(not(feature = "ics"), allow(dead_code))]
    ics_description: &'static str =
        nl: "Als er niets nieuws wordt aangeleverd, is {title} van {location} vanaf {date} niet meer {now} maar {then}. Door: {because}. Aan zet: {owner}.",
        en: "If nothing new is supplied, {title} of {location} is no longer {now} from {date} but {then}. Because of: {because}. Owner: {owner}.";
    #[cfg_attr(not(feature = "ics"), allow(dead_code))]
    ics_verdict_summary: &'static str = nl: "Oordeel verandert — {location}", en: "Verdict changes — {location}";
    #[cfg_attr(not(feature = "ics"), allow(dead_code))]
    ics_verdict_description: &'static str =
        nl: "Als er niets nieuws wordt aangeleverd, is het oordeel over {location} vanaf {date} niet meer {now} maar {then}.",
        en: "If nothing new is supplied, the verdict on {location} is no longer {now} from {date} but {then}.";
    #[cfg_attr(not(feature = "ics"), allow(dead_code))]
    ics_reminder: &'static str = nl: "Over {days} dagen: {summary}", en: "In {days} days: {summary}";
    // ------------------------------------------------------------ form
    /// `kader form`: the evidence form a school fills in. Template: `{framework}`.
    form_title: &'static str = nl: "Aanleverformulier {framework}", en: "Evidence form {framework}";
    form_intro: &'static str =
        nl: "Vul de gegevens van uw locatie in. Het formulier rekent terwijl u typt en laat zien wat de intake ervan vindt. Alles blijft op deze computer: er wordt niets verstuurd. Sla het bestand op en stuur het naar de gemeente.",
        en: "Fill in the evidence of your location. The form computes as you type and shows what the intake makes of it. Everything stays on this computer: nothing is sent anywhere. Save the file and send it to the municipality.";
    form_location: &'static str = nl: "De locatie", en: "The location";
    form_location_id: &'static str = nl: "Locatiecode (bijvoorbeeld BRIN-nummer met volgnummer)", en: "Location id (such as a BRIN number with a location suffix)";
    form_location_name: &'static str = nl: "Naam van de locatie", en: "Name of the location";
    form_location_board: &'static str = nl: "Schoolbestuur (bevoegd gezag)", en: "School board";
    form_location_district: &'static str = nl: "Wijk of gebied", en: "District";
    form_location_type: &'static str = nl: "Soort school, voor het overzicht van de gemeente", en: "Kind of school, for the municipality's overview";
    form_as_of: &'static str = nl: "Peildatum: de dag waarop de gegevens gelden", en: "As-of date: the day the evidence is judged on";
    form_other: &'static str = nl: "Overige gegevens", en: "Other evidence";
    form_save: &'static str = nl: "Opslaan", en: "Save";
    form_open: &'static str = nl: "Bestand openen", en: "Open a file";
    form_clear: &'static str = nl: "Formulier leegmaken", en: "Clear the form";
    form_clear_confirm: &'static str = nl: "Alles wat is ingevuld wissen?", en: "Erase everything filled in?";
    form_draft_restored: &'static str = nl: "Uw concept is teruggezet.", en: "Your draft was restored.";
    /// Templates: `{file}`.
    form_saved: &'static str = nl: "Opgeslagen als {file}.", en: "Saved as {file}.";
    form_opened: &'static str = nl: "{file} is geopend.", en: "Opened {file}.";
    form_open_failed: &'static str = nl: "{file} kon niet worden geopend.", en: "{file} could not be opened.";
    form_file_name: &'static str = nl: "aanlevering", en: "evidence";
    form_result: &'static str = nl: "Uitkomst van de intake", en: "Result of the intake";
    form_loading: &'static str = nl: "Het formulier wordt geladen…", en: "Loading the form…";
    form_engine_failed: &'static str = nl: "Het rekenen lukt niet in deze browser; gebruik een recente versie van Firefox, Chrome, Edge of Safari.", en: "This browser cannot run the form's computations; use a recent Firefox, Chrome, Edge or Safari.";
    form_noscript: &'static str = nl: "Dit formulier werkt alleen als JavaScript aan staat.", en: "This form needs JavaScript.";
    form_needed: &'static str = nl: "Wat is er nodig", en: "What is needed";
    form_nothing_needed: &'static str = nl: "Er ontbreekt niets meer voor het oordeel.", en: "Nothing is missing for the verdict.";
    form_decisive: &'static str = nl: "kan het oordeel nog veranderen", en: "can still change the verdict";
    form_read_by: &'static str = nl: "Hoort bij", en: "Used by";
    form_not_filled: &'static str = nl: "niet ingevuld", en: "not filled in";
    form_add_date: &'static str = nl: "Datum toevoegen", en: "Add a date";
    form_add: &'static str = nl: "Toevoegen", en: "Add";
    /// Templates: `{label}`, `{number}`.
    form_item: &'static str = nl: "{label}, nummer {number}", en: "{label}, number {number}";
    form_remove: &'static str = nl: "Verwijder {label}, nummer {number}", en: "Remove {label}, number {number}";
    form_required: &'static str = nl: "Vul dit in.", en: "Fill this in.";
    form_hint_date: &'static str = nl: "Bijvoorbeeld 30-11-2026", en: "Such as 2026-11-30";
    form_hint_percent: &'static str = nl: "Bijvoorbeeld 71%", en: "Such as 71%";
    form_bad_date: &'static str = nl: "Dit is geen geldige datum; schrijf bijvoorbeeld 30-11-2026.", en: "This is not a valid date; write for instance 2026-11-30.";
    form_bad_int: &'static str = nl: "Vul een heel getal in.", en: "Fill in a whole number.";
    form_bad_number: &'static str = nl: "Vul een getal in.", en: "Fill in a number.";
    form_bad_percent: &'static str = nl: "Vul een percentage tussen 0% en 100% in, bijvoorbeeld 71%.", en: "Fill in a percentage from 0% to 100%, such as 71%.";
    form_bad_value: &'static str = nl: "Deze waarde klopt niet.", en: "This value is not valid.";
    form_errors: &'static str = nl: "Nog te verbeteren", en: "To correct";
    form_without_errors: &'static str = nl: "Berekend zonder de velden met een fout.", en: "Computed without the fields that have an error.";
    form_hidden: &'static str = nl: "Vragen die voor deze locatie niet gelden, zijn verborgen.", en: "Questions that do not apply to this location are hidden.";
    form_status: &'static str = nl: "Status", en: "Status";
}

/// The words of a language.
pub(crate) fn words(language: Language) -> &'static Words {
    match language {
        Language::Nl => &NL,
        Language::En => &EN,
    }
}

impl Words {
    /// The sentence above the smallest set to certification, for `count` criteria.
    pub fn what_it_takes_sentence(&self, count: usize) -> String {
        if count == 1 {
            self.what_it_takes_intro_one.to_string()
        } else {
            fill(self.what_it_takes_intro, &[("count", &count.to_string())])
        }
    }

    /// The display name of an owner token (`gemeente` → "municipality").
    pub(crate) fn owner_name<'a>(&'a self, token: &'a str) -> &'a str {
        Owner::ALL
            .iter()
            .zip(self.owners)
            .find(|(o, _)| o.name() == token)
            .map_or(token, |(_, name)| name)
    }

    /// A period in the framework's notation (`12 months`) in these words.
    pub(crate) fn period(&self, notation: &str) -> String {
        let english = [
            "day", "days", "week", "weeks", "month", "months", "year", "years",
        ];
        notation
            .split(' ')
            .map(|word| {
                english
                    .iter()
                    .zip(self.units)
                    .find(|(e, _)| **e == word)
                    .map_or(word, |(_, w)| w)
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Numbers, percentages, dates, lists and quotes as the language writes
/// them, for every text people read; machine outputs keep their notation.
impl Words {
    /// A number: `2,5` in Dutch, `2.5` in English.
    pub(crate) fn number(&self, n: Decimal) -> String {
        let text = n.normalize().to_string();
        if self.decimal_mark == '.' {
            text
        } else {
            text.replace('.', &self.decimal_mark.to_string())
        }
    }

    /// A share as a percentage: `0.875` → `87,5%` / `87.5%`.
    pub(crate) fn percent(&self, share: Decimal) -> String {
        match share.checked_mul(Decimal::ONE_HUNDRED) {
            Some(p) => format!("{}%", self.number(p)),
            None => self.number(share),
        }
    }

    /// A share rounded to 0.1% for people: `87,5%`; `-` for none.
    pub(crate) fn share(&self, share: Option<Decimal>) -> String {
        match share {
            Some(d) => self.percent(d.round_dp(3)),
            None => "-".to_string(),
        }
    }

    /// A difference of shares in percentage points, from `forms`
    /// ([`Words::percentage_points`]): `16,7 procentpunt`.
    pub(crate) fn points(&self, forms: &[&str; 2], share: Decimal) -> String {
        let points = share
            .checked_mul(Decimal::ONE_HUNDRED)
            .map_or(share, |p| p.round_dp(1));
        let [one, more] = forms;
        let form = if points == Decimal::ONE { one } else { more };
        fill(form, &[("count", &self.number(points))])
    }

    /// A date: `30 november 2026` / `30 November 2026`.
    pub(crate) fn date(&self, date: Date) -> String {
        let month = usize::try_from(date.month() - 1)
            .ok()
            .and_then(|m| self.months.get(m))
            .copied()
            .unwrap_or("?");
        format!("{} {month} {}", date.day(), date.year())
    }

    /// Items as a list: `a`, `a en b`, `a, b en c`.
    pub(crate) fn list<S: AsRef<str>>(&self, items: &[S]) -> String {
        match items {
            [] => String::new(),
            [one] => one.as_ref().to_string(),
            [init @ .., last] => {
                let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
                format!("{} {} {}", init.join(", "), self.list_and, last.as_ref())
            }
        }
    }

    /// A text between the language's quotation marks.
    pub(crate) fn quote(&self, text: &str) -> String {
        let (open, close) = self.quotes;
        format!("{open}{text}{close}")
    }

    /// A value of a declared type as people read it: `ja`, `87,5%`,
    /// `2 juni 2025`, a text as written.
    pub(crate) fn value(&self, value: &Value, ty: &Type) -> String {
        match (value, ty) {
            (Value::Bool(true), _) => self.yes.to_string(),
            (Value::Bool(false), _) => self.no.to_string(),
            (Value::Number(n), Type::Percent) => self.percent(*n),
            (Value::Number(n), _) => self.number(*n),
            (Value::Date(d), _) => self.date(*d),
            _ => format_value(value, ty),
        }
    }
}

/// A word as a heading: its first letter in capitals.
pub(crate) fn cap(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// One of two forms (`[one, more]`) by a count, with `{count}` and the
/// other placeholders filled: "1 locatie", "3 locaties". Dutch and English
/// both take the first form for one only (and the second for none).
pub(crate) fn plural(forms: &[&str; 2], count: usize, args: &[(&str, &str)]) -> String {
    let [one, more] = forms;
    let number = count.to_string();
    let mut all = vec![("count", number.as_str())];
    all.extend_from_slice(args);
    fill(if count == 1 { one } else { more }, &all)
}

/// Fills `{name}` placeholders in one pass; an unknown name is left as it
/// is, and a filled value is never read again.
pub(crate) fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    fill_into(&mut out, template, args);
    out
}

/// [`fill`], appending to `out`.
pub(crate) fn fill_into(out: &mut String, template: &str, args: &[(&str, &str)]) {
    fill_with(template, args, |piece| match piece {
        Piece::Text(t) => out.push_str(t),
        Piece::Value(value) => out.push_str(value),
    });
}

/// One piece of a template as [`fill_with`] reads it.
pub(crate) enum Piece<'a, V> {
    /// The template's own words.
    Text(&'a str),
    /// The value given for a placeholder.
    Value(&'a V),
}

/// Reads a template in one pass, handing `each` its words and the value
/// of each placeholder in order: [`fill`] for text, and for any other kind
/// of value (runs of a document). An unknown name is left as it is, and a
/// value is never read again.
pub(crate) fn fill_with<'a, V>(
    template: &'a str,
    args: &'a [(&str, V)],
    mut each: impl FnMut(Piece<'a, V>),
) {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        each(Piece::Text(rest.get(..open).unwrap_or("")));
        let after = rest.get(open + 1..).unwrap_or("");
        let value = after.find('}').and_then(|close| {
            let name = after.get(..close)?;
            let (_, value) = args.iter().find(|(n, _)| *n == name)?;
            Some((value, close))
        });
        match value {
            Some((value, close)) => {
                each(Piece::Value(value));
                rest = after.get(close + 1..).unwrap_or("");
            }
            None => {
                each(Piece::Text("{"));
                rest = after;
            }
        }
    }
    each(Piece::Text(rest));
}

#[cfg(test)]
mod tests {

    #[test]
    fn one_criterion_reads_in_the_singular() {
        assert_eq!(
            NL.what_it_takes_sentence(1),
            "Als dit criterium voldoet, voldoet de locatie aan het kader:"
        );
        assert_eq!(
            NL.what_it_takes_sentence(3),
            "Als deze 3 criteria voldoen, voldoet de locatie aan het kader:"
        );
        assert_eq!(
            EN.what_it_takes_sentence(1),
            "When this criterion is met, the location meets the framework:"
        );
    }

    use super::*;

    #[test]
    fn a_filled_value_is_not_filled_again() {
        assert_eq!(
            fill(
                "Vereist: {expected}; gevonden: {actual}.",
                &[("expected", "x in {actual}"), ("actual", "3"),]
            ),
            "Vereist: x in {actual}; gevonden: 3."
        );
        assert_eq!(fill("{unknown} {", &[]), "{unknown} {");
    }

    #[test]
    fn one_takes_the_singular_and_every_other_count_the_plural() {
        let forms = &NL.diff_locations;
        assert_eq!(plural(forms, 1, &[]), "1 locatie");
        assert_eq!(plural(forms, 0, &[]), "0 locaties");
        assert_eq!(plural(&EN.diff_locations, 2, &[]), "2 locations");
        assert_eq!(
            plural(&EN.test_running, 1, &[("framework", "x 1")]),
            "running 1 sample against x 1"
        );
    }

    #[test]
    fn numbers_dates_and_lists_as_each_language_writes_them() {
        let share = Decimal::new(875, 3);
        assert_eq!(NL.percent(share), "87,5%");
        assert_eq!(EN.percent(share), "87.5%");
        let gain = Decimal::ONE / Decimal::from(6);
        assert_eq!(NL.points(&NL.percentage_points, gain), "16,7 procentpunt");
        assert_eq!(
            EN.points(&EN.percentage_points, gain),
            "16.7 percentage points"
        );
        assert_eq!(
            EN.points(&EN.percentage_points, Decimal::new(1, 2)),
            "1 percentage point"
        );
        let date = jiff::civil::date(2026, 11, 30);
        assert_eq!(NL.date(date), "30 november 2026");
        assert_eq!(EN.date(date), "30 November 2026");
        assert_eq!(NL.list(&["gemeente", "politie"]), "gemeente en politie");
        assert_eq!(EN.list(&["a", "b", "c"]), "a, b and c");
        assert_eq!(NL.list::<&str>(&[]), "");
    }

    #[test]
    fn periods_and_owners_in_words() {
        assert_eq!(words(Language::Nl).period("12 months"), "12 maanden");
        assert_eq!(words(Language::Nl).period("1 year"), "1 jaar");
        assert_eq!(words(Language::En).owner_name("gemeente"), "municipality");
        assert_eq!(words(Language::Nl).owner_name("joint"), "gezamenlijk");
    }

    #[test]
    fn both_languages_have_the_same_placeholders() {
        for (nl, en) in [
            (NL.missing_evidence, EN.missing_evidence),
            (NL.required_found, EN.required_found),
            (NL.level_needs, EN.level_needs),
            (NL.applicability_unknown, EN.applicability_unknown),
            (NL.after_as_of, EN.after_as_of),
            (NL.supply, EN.supply),
            (NL.from_to, EN.from_to),
            (NL.raise_level, EN.raise_level),
            (NL.expiring, EN.expiring),
            (NL.overview_intro, EN.overview_intro),
            (NL.what_it_takes_intro, EN.what_it_takes_intro),
            (NL.diff_title, EN.diff_title),
            (NL.test_evidence_file, EN.test_evidence_file),
            (NL.test_expectation_file, EN.test_expectation_file),
            (NL.test_mismatch, EN.test_mismatch),
            (NL.test_mismatch_at, EN.test_mismatch_at),
            (NL.test_no_expectation, EN.test_no_expectation),
            (NL.test_counts, EN.test_counts),
            (NL.coverage_below, EN.coverage_below),
            (NL.coverage_meets, EN.coverage_meets),
            (NL.validity, EN.validity),
            (NL.theme_rule_score, EN.theme_rule_score),
            (NL.layer_on, EN.layer_on),
            (NL.lies_within, EN.lies_within),
            (NL.counted_within, EN.counted_within),
            (NL.not_filled_in, EN.not_filled_in),
            (NL.still_to_supply, EN.still_to_supply),
            (NL.applies_unknown, EN.applies_unknown),
            (NL.applies_if, EN.applies_if),
            (NL.level_norm, EN.level_norm),
            (NL.needed_now, EN.needed_now),
        ]
        .into_iter()
        .chain(
            [
                (NL.diff_samples, EN.diff_samples),
                (NL.diff_locations, EN.diff_locations),
                (NL.diff_lose, EN.diff_lose),
                (NL.diff_gain, EN.diff_gain),
                (NL.diff_criterion_changed, EN.diff_criterion_changed),
                (NL.diff_moves, EN.diff_moves),
                (NL.diff_no_longer_loads, EN.diff_no_longer_loads),
                (NL.diff_newly_loads, EN.diff_newly_loads),
                (NL.diff_loads_neither, EN.diff_loads_neither),
                (NL.test_running, EN.test_running),
                (NL.coverage_detail, EN.coverage_detail),
                (NL.percentage_points, EN.percentage_points),
            ]
            .into_iter()
            .flat_map(|([nl_one, nl_more], [en_one, en_more])| {
                [(nl_one, en_one), (nl_more, en_more), (nl_one, nl_more)]
            }),
        ) {
            let names = |t: &str| {
                let mut v: Vec<String> = t
                    .split('{')
                    .skip(1)
                    .filter_map(|p| p.split_once('}').map(|(n, _)| n.to_string()))
                    .collect();
                v.sort();
                v
            };
            assert_eq!(names(nl), names(en), "{nl} / {en}");
        }
    }
}
