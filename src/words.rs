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

/// The words of one language.
pub(crate) struct Words {
    // ------------------------------------------------------------ report
    pub as_of: &'static str,
    pub verdict: &'static str,
    pub valid_until: &'static str,
    pub themes: &'static str,
    pub threshold: &'static str,
    pub mandatory: &'static str,
    pub legal: &'static str,
    pub owner: &'static str,
    pub expected: &'static str,
    pub found: &'static str,
    pub missing: &'static str,
    pub failed_mandatory: &'static str,
    pub certified: &'static str,
    pub not_certified: &'static str,
    pub insufficient: &'static str,
    /// The verdicts at the intake, which certifies nothing.
    pub meets: &'static str,
    pub does_not_meet: &'static str,
    pub pass: &'static str,
    pub fail: &'static str,
    pub unknown: &'static str,
    pub not_applicable: &'static str,
    /// The status of a criterion waived by an accepted exception.
    pub waived: &'static str,
    /// The heading of the accepted exceptions.
    pub exceptions: &'static str,
    /// What a certificate stands for, part by part, and the sentence
    /// that says which parts are met.
    pub parts_legal: &'static str,
    pub parts_base: &'static str,
    pub parts_local: &'static str,
    pub parts_meets: &'static str,
    pub parts_not_yet: &'static str,
    pub parts_meets_none: &'static str,
    pub parts_open: &'static str,
    pub parts_open_first: &'static str,
    pub and: &'static str,
    /// A theme under the rule of a framework below a layer.
    pub by_rule_of: &'static str,
    pub granted_by: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub applies_when: &'static str,
    pub theme: &'static str,
    pub criterion: &'static str,
    pub score: &'static str,
    pub status: &'static str,
    pub location: &'static str,
    pub report_title: &'static str,
    /// A chart's caption.
    pub chart_caption: &'static str,
    /// The legend of the chart: reached, still open, threshold.
    pub chart_reached: &'static str,
    pub chart_open: &'static str,
    // ------------------------------------------------------------ stages
    pub stage: &'static str,
    pub intake: &'static str,
    pub audit: &'static str,
    pub intake_note: &'static str,
    pub audit_note: &'static str,
    /// The status word of an unknown criterion or theme at the intake.
    pub open_at_intake: &'static str,
    pub maturity: &'static str,
    pub starting: &'static str,
    pub developing: &'static str,
    pub in_order: &'static str,
    pub strong: &'static str,
    pub to_supply: &'static str,
    pub to_supply_intro: &'static str,
    pub needed_for: &'static str,
    pub what_it_takes: &'static str,
    /// Template: `{count}`.
    pub what_it_takes_intro: &'static str,
    /// The same, for a single criterion.
    pub what_it_takes_intro_one: &'static str,
    pub certificate: &'static str,
    pub audit_date: &'static str,
    pub no_expiry: &'static str,
    // ------------------------------------------------------------ plan
    pub plan: &'static str,
    pub plan_for: &'static str,
    pub action: &'static str,
    pub evidence: &'static str,
    pub needed: &'static str,
    pub legal_mandatory: &'static str,
    pub mandatory_priority: &'static str,
    pub for_threshold: &'static str,
    pub other: &'static str,
    pub gain: &'static str,
    pub for_certificate: &'static str,
    pub no_plan_items: &'static str,
    pub item: &'static str,
    pub items: &'static str,
    pub legal_basis: &'static str,
    pub path: &'static str,
    /// Display names of the owners, in the order of [`Owner::ALL`].
    pub owners: [&'static str; 6],
    // ------------------------------------------------------------ overview
    pub overview: &'static str,
    /// Template: `{count}`, `{date}`.
    pub overview_intro: &'static str,
    pub locations: &'static str,
    pub most_failed: &'static str,
    pub most_failed_intro: &'static str,
    pub failed_at: &'static str,
    pub open_at: &'static str,
    pub workload: &'static str,
    pub workload_intro: &'static str,
    pub open_items: &'static str,
    pub of_which_mandatory: &'static str,
    pub of_which_needed: &'static str,
    pub at_locations: &'static str,
    /// Template: `{months}`, `{date}`.
    pub expiring: &'static str,
    pub expiring_intro: &'static str,
    pub expired: &'static str,
    pub none: &'static str,
    pub days_left: &'static str,
    // ------------------------------------------------------------ gap messages
    /// Template: `{paths}`.
    pub missing_evidence: &'static str,
    /// Template: `{expected}`, `{actual}`.
    pub required_found: &'static str,
    /// Template: `{level}`, `{max}`, `{condition}`, `{found}`.
    pub level_needs: &'static str,
    pub found_nothing: &'static str,
    /// Template: `{actual}`.
    pub found_value: &'static str,
    /// Template: `{paths}`.
    pub applicability_unknown: &'static str,
    /// Template: `{date}`, `{as_of}`.
    pub after_as_of: &'static str,
    /// Ends a list of evidence cut at the most a gap names.
    pub and_more: &'static str,
    /// Appended to a missing-evidence gap at the audit.
    pub not_demonstrated: &'static str,
    // ------------------------------------------------------------ plan "needed"
    /// Templates: `{value}`.
    pub at_least: &'static str,
    pub more_than: &'static str,
    pub at_most: &'static str,
    pub less_than: &'static str,
    pub not_value: &'static str,
    /// Template: `{period}`.
    pub date_within: &'static str,
    /// Template: `{subject}`.
    pub supply_to_decide: &'static str,
    /// Template: `{subject}`, `{target}`.
    pub supply: &'static str,
    /// Template: `{subject}`.
    pub fill_in: &'static str,
    /// Template: `{subject}`, `{actual}`, `{target}`.
    pub from_to: &'static str,
    /// Template: `{level}`, `{max}`, `{condition}`.
    pub raise_level: &'static str,
    /// Units: day, days, week, weeks, month, months, year, years.
    pub units: [&'static str; 8],
    // ------------------------------------------------------------ diff
    // Pairs are `[one, more]`, chosen by `{count}` (see [`plural`]).
    /// Template: `{before}`, `{after}`.
    pub diff_title: &'static str,
    /// Templates: `{count}` sample locations, `{compared}` of them.
    pub diff_samples: [&'static str; 2],
    /// Templates: `{count}`.
    pub diff_locations: [&'static str; 2],
    /// Templates: `{count}`, `{locations}` (a [`Words::diff_locations`]).
    pub diff_lose: [&'static str; 2],
    pub diff_gain: [&'static str; 2],
    pub diff_criterion_changed: [&'static str; 2],
    pub diff_moves: [&'static str; 2],
    pub diff_no_longer_loads: [&'static str; 2],
    pub diff_newly_loads: [&'static str; 2],
    pub diff_loads_neither: [&'static str; 2],
    pub diff_changes: &'static str,
    pub diff_changed_locations: &'static str,
    pub diff_neither: &'static str,
    /// What a change is about, in the order of `diff::Target`.
    pub diff_targets: [&'static str; 4],
    /// Every kind of change, in the order of `diff::ChangeKind`.
    pub diff_kinds: [&'static str; 37],
    pub before: &'static str,
    pub after: &'static str,
    pub diff_same_words: &'static str,
    pub unchanged: &'static str,
    pub does_not_load: &'static str,
    /// The status of a theme or criterion on the side without it.
    pub absent: &'static str,
    pub diff_not_loading_before: &'static str,
    pub diff_not_loading_after: &'static str,
    pub new_gap: &'static str,
    pub gap_gone: &'static str,
    // ------------------------------------------------------------ test
    /// Templates: `{count}` samples, `{framework}`.
    pub test_running: [&'static str; 2],
    pub test_ok: &'static str,
    pub test_failed: &'static str,
    pub test_failed_no_expectation: &'static str,
    pub warning: &'static str,
    pub error: &'static str,
    pub test_failures: &'static str,
    /// Templates: `{path}`.
    pub test_evidence_file: &'static str,
    pub test_expectation_file: &'static str,
    /// Template: `{subject}`, `{expected}`, `{actual}`.
    pub test_mismatch: &'static str,
    /// Template: `{subject}`, `{line}`, `{expected}`, `{actual}`.
    pub test_mismatch_at: &'static str,
    pub test_evidence_does_not_load: &'static str,
    pub test_expectation_problems: &'static str,
    /// Template: `{file}`, `{verdict}`.
    pub test_no_expectation: &'static str,
    pub test_no_evidence: &'static str,
    pub coverage: &'static str,
    /// Templates: `{covered}`, `{sides}`, `{count}` samples, `{full}`, `{rules}`.
    pub coverage_detail: [&'static str; 2],
    pub coverage_uncovered: &'static str,
    pub coverage_not_shown: &'static str,
    pub rule: &'static str,
    /// What no sample shows: never fails, never passes, never false, never
    /// true, only unknown, never decided, never reached.
    pub coverage_missing: [&'static str; 7],
    pub test_result: &'static str,
    /// Template: `{passed}`, `{failed}`.
    pub test_counts: &'static str,
    /// Templates: `{percent}`, `{min}`.
    pub coverage_below: &'static str,
    pub coverage_meets: &'static str,
    // ------------------------------------------------------------ doc
    pub contents: &'static str,
    pub version: &'static str,
    /// Template: `{period}`.
    pub validity: &'static str,
    pub scoring: &'static str,
    /// A theme's rule: the start, its parts joined by [`Words::and`].
    pub theme_rule: &'static str,
    pub theme_rule_mandatory: &'static str,
    /// Template: `{score}`.
    pub theme_rule_score: &'static str,
    pub certified_rule: &'static str,
    pub knock_out: &'static str,
    pub optional: &'static str,
    pub weight: &'static str,
    pub statutory_basis: &'static str,
    pub levels: &'static str,
    pub level: &'static str,
    pub otherwise: &'static str,
    pub evidence_to_supply: &'static str,
    pub gap_message: &'static str,
    pub all_evidence: &'static str,
    pub kind: &'static str,
    pub label: &'static str,
    pub terms: &'static str,
    /// Template: `{bases}`, joined by `, ` and [`Words::on`].
    pub layer_on: &'static str,
    pub on: &'static str,
    pub local: &'static str,
    pub tightened_by: &'static str,
    // ------------------------------------------------------------ conditions read aloud
    pub is_supplied: &'static str,
    pub number_of: &'static str,
    pub or: &'static str,
    /// Comparisons of numbers and of dates, in the order `==`, `!=`,
    /// `>=`, `>`, `<=`, `<`.
    pub compare_numbers: [&'static str; 6],
    pub compare_dates: [&'static str; 6],
    /// Templates: `{period}`; the second for the elements counted.
    pub lies_within: &'static str,
    pub counted_within: &'static str,
    pub date_before: &'static str,
    pub date_after: &'static str,
    pub one_of: &'static str,
    pub none_of: &'static str,
    // ------------------------------------------------------------ plain words (reports for people)
    /// The decimal mark: `87,5%` or `87.5%`.
    pub decimal_mark: char,
    /// The months, January first: `30 november 2026`.
    pub months: [&'static str; 12],
    /// A difference of percentages, `[one, more]`: `{count}`.
    pub percentage_points: [&'static str; 2],
    /// The last separator of a list: `a, b en c`.
    pub list_and: &'static str,
    /// Quotation marks around a text value.
    pub quotes: (&'static str, &'static str),
    /// A gap's norm and what was found, in words.
    pub norm: &'static str,
    pub found_now: &'static str,
    /// What was found when nothing was.
    pub found_none: &'static str,
    /// Template: `{subject}`; a value a sentence needed but was not supplied.
    pub not_filled_in: &'static str,
    /// Template: `{subjects}`: evidence to supply, by label.
    pub still_to_supply: &'static str,
    /// Template: `{subjects}`: evidence that decides whether a criterion applies.
    pub applies_unknown: &'static str,
    /// Template: `{condition}`: the norm of an applicability gap.
    pub applies_if: &'static str,
    /// Template: `{level}`, `{max}`, `{condition}`: the norm of a level.
    pub level_norm: &'static str,
    /// Template: `{norm}`, `{found}`: what a plan item needs.
    pub needed_now: &'static str,
    /// The appendix for administrators: paths and notation.
    pub technical_appendix: &'static str,
    pub technical_intro: &'static str,
    // ------------------------------------------------------------ report sections
    /// What passes, what does not, and what is still to be shown.
    pub in_order_heading: &'static str,
    pub in_order_none: &'static str,
    pub not_in_order: &'static str,
    pub not_in_order_none: &'static str,
    pub to_demonstrate: &'static str,
    /// A theme that cannot be judged while evidence is missing.
    pub theme_open: &'static str,
    /// A criterion a layer adds to the framework below it.
    pub local_ambition: &'static str,
    /// A certified location's plan: what it could still do better.
    pub recommendations: &'static str,
    /// The meeting a report is discussed in.
    pub meeting_intake: &'static str,
    pub meeting_audit: &'static str,
    pub meeting: &'static str,
    pub meeting_date: &'static str,
    pub attendees: &'static str,
    pub agreements: &'static str,
    pub no_agreements: &'static str,
    pub name: &'static str,
    pub signature: &'static str,
    // ------------------------------------------------------------ overview totals and groups
    pub summary: &'static str,
    /// Pairs `[one, more]`, with `{count}` and `{total}`.
    pub totals_certified: [&'static str; 2],
    pub totals_not_certified: [&'static str; 2],
    pub totals_insufficient: [&'static str; 2],
    /// With `{count}` and `{months}`.
    pub totals_stale: [&'static str; 2],
    /// Beside an as-of date older than the overview allows.
    pub stale: &'static str,
    pub per_theme: &'static str,
    pub group_board: &'static str,
    pub group_district: &'static str,
    pub group_type: &'static str,
    pub not_given: &'static str,
    // ------------------------------------------------------------ partners
    /// Who to contact at a partner, and which partner leads joint work.
    pub contact_person: &'static str,
    pub lead_partner: &'static str,
    // ------------------------------------------------------------ fmt
    /// What `kader fmt` says of a file it wrote, and with `--check` of one
    /// it would change.
    pub fmt_written: &'static str,
    pub fmt_unformatted: &'static str,
}

const NL: Words = Words {
    as_of: "peildatum",
    verdict: "Oordeel",
    valid_until: "geldig tot",
    themes: "Thema's",
    threshold: "drempel",
    mandatory: "verplicht",
    legal: "wettelijk",
    owner: "aan zet",
    expected: "vereist",
    found: "gevonden",
    missing: "ontbreekt",
    failed_mandatory: "verplicht niet behaald",
    certified: "GECERTIFICEERD",
    not_certified: "NIET GECERTIFICEERD",
    insufficient: "ONVOLDOENDE GEGEVENS",
    meets: "VOLDOET AAN HET KADER",
    does_not_meet: "VOLDOET NOG NIET",
    pass: "voldoet",
    fail: "voldoet niet",
    unknown: "onbekend",
    not_applicable: "n.v.t.",
    waived: "ontheffing",
    exceptions: "Ontheffingen",
    parts_legal: "de wettelijke verplichtingen",
    parts_base: "het basiskader",
    parts_local: "de lokale ambities",
    parts_meets: "Voldoet aan",
    parts_not_yet: "nog niet aan",
    parts_meets_none: "Voldoet nog niet aan",
    parts_open: "nog niet te beoordelen:",
    parts_open_first: "Nog niet te beoordelen:",
    and: "en",
    by_rule_of: "volgens de regel van",
    granted_by: "verleend door",
    yes: "ja",
    no: "nee",
    applies_when: "van toepassing als",
    theme: "Thema",
    criterion: "Criterium",
    score: "Score",
    status: "Status",
    location: "Locatie",
    report_title: "Rapport Veilige School",
    chart_caption: "Score per thema tegen de drempel",
    chart_reached: "behaald",
    chart_open: "nog open (gegevens ontbreken)",
    stage: "Fase",
    intake: "intake",
    audit: "audit",
    intake_note: "voorlopig oordeel; ontbrekende gegevens zijn aan te leveren en tellen nog niet als tekortkoming. Alleen een audit geeft een certificaat.",
    audit_note: "eindoordeel; wat niet is aangetoond, telt als niet behaald.",
    open_at_intake: "aan te leveren",
    maturity: "Stand",
    starting: "beginnend",
    developing: "in ontwikkeling",
    in_order: "op orde",
    strong: "sterk",
    to_supply: "Aan te leveren",
    to_supply_intro: "Deze gegevens ontbreken nog. Lever ze aan; pas dan kan het oordeel over deze criteria worden gegeven.",
    needed_for: "nodig voor",
    what_it_takes: "Wat is er nodig voor het certificaat",
    what_it_takes_intro: "Als deze {count} criteria voldoen, voldoet de locatie aan het kader:",
    what_it_takes_intro_one: "Als dit criterium voldoet, voldoet de locatie aan het kader:",
    certificate: "Certificaat",
    audit_date: "auditdatum",
    no_expiry: "zonder einddatum",
    plan: "Verbeterplan",
    plan_for: "Verbeterplan voor",
    action: "Wat te doen",
    evidence: "Gegevens",
    needed: "Nodig",
    legal_mandatory: "wettelijk verplicht",
    mandatory_priority: "verplicht",
    for_threshold: "nodig voor de drempel",
    other: "verhoogt de score",
    gain: "score erbij",
    for_certificate: "nodig voor het certificaat",
    no_plan_items: "Geen acties: alle criteria voldoen.",
    item: "actie",
    items: "acties",
    legal_basis: "grondslag",
    path: "pad",
    owners: ["school", "gemeente", "politie", "Halt", "GGD", "gezamenlijk"],
    overview: "Overzicht",
    overview_intro: "{count} locaties; peildatum van het overzicht {date}.",
    locations: "Locaties",
    most_failed: "Vaakst niet behaalde criteria",
    most_failed_intro: "Per criterium: bij hoeveel locaties het niet voldoet, en bij hoeveel het nog open is.",
    failed_at: "voldoet niet",
    open_at: "open",
    workload: "Werk per partner",
    workload_intro: "De open acties uit de verbeterplannen van alle locaties, per partner die aan zet is.",
    open_items: "open acties",
    of_which_mandatory: "waarvan verplicht",
    of_which_needed: "nodig voor certificaat",
    at_locations: "locaties",
    expiring: "Certificaten die binnen {months} maanden verlopen (tot {date})",
    expiring_intro: "Geldigheid gerekend vanaf de peildatum van elke locatie (de auditdatum).",
    expired: "Verlopen certificaten",
    none: "Geen.",
    days_left: "dagen over",
    missing_evidence: "Gegevens ontbreken: {paths}.",
    required_found: "Vereist: {expected}; gevonden: {actual}.",
    level_needs: "Voor niveau {level} van {max} is nodig: {condition}. {found}",
    found_nothing: "Gegevens ontbreken.",
    found_value: "Gevonden: {actual}.",
    applicability_unknown: "Niet bekend of dit criterium van toepassing is: {paths} ontbreekt.",
    after_as_of: "{date} (na de peildatum {as_of})",
    and_more: "en meer",
    not_demonstrated: "Bij de audit niet aangetoond, dus niet behaald.",
    at_least: "minimaal {value}",
    more_than: "meer dan {value}",
    at_most: "hoogstens {value}",
    less_than: "minder dan {value}",
    not_value: "niet {value}",
    date_within: "een datum in de afgelopen {period}",
    supply_to_decide: "{subject}: aanleveren, zodat vaststaat of dit criterium geldt",
    supply: "{subject}: aanleveren ({target})",
    fill_in: "{subject}: invullen",
    from_to: "{subject}: van {actual} naar {target}",
    raise_level: "van niveau {level} naar niveau {max} van {max}: {condition}",
    units: ["dag", "dagen", "week", "weken", "maand", "maanden", "jaar", "jaar"],
    // ------------------------------------------------------------ diff
    diff_title: "Gevolgen van {before} → {after}",
    diff_samples: [
        "{count} voorbeeldlocatie; {compared} onder beide kaders vergeleken.",
        "{count} voorbeeldlocaties; {compared} onder beide kaders vergeleken.",
    ],
    diff_locations: ["{count} locatie", "{count} locaties"],
    diff_lose: [
        "{count} van {locations} verliest de certificering",
        "{count} van {locations} verliezen de certificering",
    ],
    diff_gain: ["{count} wordt gecertificeerd", "{count} worden gecertificeerd"],
    diff_criterion_changed: [
        "{count} verandert in een criterium",
        "{count} veranderen in een criterium",
    ],
    diff_moves: [
        "{count} wisselt tussen niet gecertificeerd en onvoldoende gegevens",
        "{count} wisselen tussen niet gecertificeerd en onvoldoende gegevens",
    ],
    diff_no_longer_loads: [
        "{count} laadt niet meer onder het nieuwe kader",
        "{count} laden niet meer onder het nieuwe kader",
    ],
    diff_newly_loads: [
        "{count} laadt alleen onder het nieuwe kader",
        "{count} laden alleen onder het nieuwe kader",
    ],
    diff_loads_neither: [
        "{count} laadt onder geen van beide kaders",
        "{count} laden onder geen van beide kaders",
    ],
    diff_changes: "Wijzigingen in het kader",
    diff_changed_locations: "Locaties die veranderen",
    diff_neither: "Gegevens die onder geen van beide kaders laden",
    diff_targets: ["kader", "gegeven", "thema", "criterium"],
    diff_kinds: [
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
    ],
    before: "voor",
    after: "na",
    diff_same_words: "dezelfde woorden; een define of gegevenstype dat de regel gebruikt is gewijzigd",
    unchanged: "ongewijzigd",
    does_not_load: "laadt niet",
    absent: "afwezig",
    diff_not_loading_before: "De gegevens laden niet onder het oude kader",
    diff_not_loading_after: "De gegevens laden niet onder het nieuwe kader",
    new_gap: "nieuwe tekortkoming",
    gap_gone: "tekortkoming verdwenen",
    // ------------------------------------------------------------ test
    test_running: [
        "{count} voorbeeld getest tegen {framework}",
        "{count} voorbeelden getest tegen {framework}",
    ],
    test_ok: "ok",
    test_failed: "MISLUKT",
    test_failed_no_expectation: "MISLUKT (geen verwachting)",
    warning: "waarschuwing",
    error: "fout",
    test_failures: "Mislukt",
    test_evidence_file: "gegevens {path}",
    test_expectation_file: "verwachting {path}",
    test_mismatch: "{subject}: verwacht {expected}, gevonden {actual}",
    test_mismatch_at: "{subject} (regel {line}): verwacht {expected}, gevonden {actual}",
    test_evidence_does_not_load: "het gegevensbestand laadt niet:",
    test_expectation_problems: "het verwachtingsbestand bevat fouten:",
    test_no_expectation: "geen verwachting: schrijf `{file}` (de uitkomst was {verdict}; zie docs/testing.md)",
    test_no_evidence: "geen gegevensbestand naast deze verwachting: voeg het voorbeeld toe als .json of .toml, of verwijder de verwachting",
    coverage: "dekking",
    coverage_detail: [
        "({covered} van {sides} uitkomsten van regels getoond door {count} voorbeeld; {full} van {rules} regels zowel waar als onwaar)",
        "({covered} van {sides} uitkomsten van regels getoond door {count} voorbeelden; {full} van {rules} regels zowel waar als onwaar)",
    ],
    coverage_uncovered: "Niet in beide richtingen getoond:",
    coverage_not_shown: "Wat geen voorbeeld laat zien",
    rule: "Regel",
    coverage_missing: [
        "voldoet altijd",
        "voldoet nooit",
        "nooit onwaar",
        "nooit waar",
        "alleen onbekend",
        "nooit beslist",
        "nooit bereikt",
    ],
    test_result: "testresultaat:",
    test_counts: ". {passed} geslaagd; {failed} mislukt",
    coverage_below: "; dekking {percent} onder het minimum van {min}",
    coverage_meets: "; dekking {percent} haalt het minimum van {min}",
    contents: "Inhoud",
    version: "versie",
    validity: "Geldigheid van het certificaat: {period} na de peildatum van een positieve audit.",
    scoring: "Hoe het oordeel tot stand komt",
    theme_rule: "Een thema voldoet als",
    theme_rule_mandatory: "alle verplichte criteria die van toepassing zijn voldoen",
    theme_rule_score: "de score minstens {score} is",
    certified_rule: "Een locatie wordt gecertificeerd als alle thema's voldoen.",
    knock_out: "verplicht (knock-out)",
    optional: "niet verplicht",
    weight: "weging",
    statutory_basis: "wettelijke basis",
    levels: "Niveaus",
    level: "niveau",
    otherwise: "anders",
    evidence_to_supply: "Aan te leveren",
    gap_message: "melding bij een tekort",
    all_evidence: "Alle gegevens",
    kind: "soort",
    label: "omschrijving",
    terms: "Begrippen",
    layer_on: "Lokale laag op {bases}. Onderdelen die deze laag toevoegt of aanscherpt zijn gemarkeerd als lokaal.",
    on: "op",
    local: "lokaal",
    tightened_by: "aangescherpt door",
    is_supplied: "is ingevuld",
    number_of: "het aantal",
    or: "of",
    compare_numbers: ["is", "is niet", "is minstens", "is meer dan", "is hoogstens", "is minder dan"],
    compare_dates: ["is", "is niet", "valt op of na", "valt na", "valt op of vóór", "valt vóór"],
    lies_within: "ligt in de afgelopen {period}",
    counted_within: "in de afgelopen {period}",
    date_before: "vóór",
    date_after: "na",
    one_of: "is een van",
    none_of: "is geen van",
    // plain words (reports for people)
    decimal_mark: ',',
    months: [
        "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
        "oktober", "november", "december",
    ],
    percentage_points: ["{count} procentpunt", "{count} procentpunt"],
    list_and: "en",
    quotes: ("‘", "’"),
    norm: "Norm",
    found_now: "Aangetroffen",
    found_none: "geen",
    not_filled_in: "{subject} is niet ingevuld.",
    still_to_supply: "Nog aan te leveren: {subjects}.",
    applies_unknown: "Niet bekend of dit criterium van toepassing is; daarvoor is nodig: {subjects}.",
    applies_if: "dit criterium geldt als {condition}",
    level_norm: "voor niveau {level} van {max}: {condition}",
    needed_now: "{norm} (nu: {found})",
    technical_appendix: "Technische bijlage",
    technical_intro: "Voor beheerders: elke tekortkoming in de notatie van het kader, met de paden van de gegevens.",
    // report sections
    in_order_heading: "Op orde",
    in_order_none: "Nog geen criterium voldoet.",
    not_in_order: "Niet op orde",
    not_in_order_none: "Alles wat beoordeeld kon worden, is op orde.",
    to_demonstrate: "Nog aan te tonen",
    theme_open: "nog niet te beoordelen",
    local_ambition: "lokale ambitie",
    recommendations: "Aanbevelingen",
    meeting_intake: "Intakegesprek",
    meeting_audit: "Auditgesprek",
    meeting: "Bespreking",
    meeting_date: "Datum",
    attendees: "Aanwezig",
    agreements: "Afspraken",
    no_agreements: "Geen afspraken vastgelegd.",
    name: "Naam",
    signature: "Handtekening",
    // overview totals and groups
    summary: "Samenvatting",
    totals_certified: [
        "{count} van {total} locaties voldoet aan het kader",
        "{count} van {total} locaties voldoen aan het kader",
    ],
    totals_not_certified: ["{count} voldoet nog niet", "{count} voldoen nog niet"],
    totals_insufficient: [
        "{count} is nog niet te beoordelen",
        "{count} zijn nog niet te beoordelen",
    ],
    totals_stale: [
        "{count} locatie is beoordeeld op gegevens van meer dan {months} maanden oud.",
        "{count} locaties zijn beoordeeld op gegevens van meer dan {months} maanden oud.",
    ],
    stale: "ouder dan {months} maanden",
    per_theme: "Per thema",
    group_board: "Bestuur",
    group_district: "Wijk",
    group_type: "Soort school",
    not_given: "niet opgegeven",
    // partners
    contact_person: "contactpersoon",
    lead_partner: "trekker",
    // fmt
    fmt_written: "opgemaakt",
    fmt_unformatted: "niet opgemaakt zoals `kader fmt` het schrijft",
};

const EN: Words = Words {
    as_of: "as of",
    verdict: "Verdict",
    valid_until: "valid until",
    themes: "Themes",
    threshold: "threshold",
    mandatory: "mandatory",
    legal: "legal",
    owner: "owner",
    expected: "required",
    found: "found",
    missing: "missing",
    failed_mandatory: "mandatory not met",
    certified: "CERTIFIED",
    not_certified: "NOT CERTIFIED",
    insufficient: "INSUFFICIENT EVIDENCE",
    meets: "MEETS THE FRAMEWORK",
    does_not_meet: "DOES NOT MEET THE FRAMEWORK YET",
    pass: "pass",
    fail: "fail",
    unknown: "unknown",
    not_applicable: "n/a",
    waived: "waived",
    exceptions: "Accepted exceptions",
    parts_legal: "the legal obligations",
    parts_base: "the base framework",
    parts_local: "the local ambitions",
    parts_meets: "Meets",
    parts_not_yet: "not yet",
    parts_meets_none: "Does not yet meet",
    parts_open: "still open:",
    parts_open_first: "Still open:",
    and: "and",
    by_rule_of: "under the rule of",
    granted_by: "granted by",
    yes: "yes",
    no: "no",
    applies_when: "applies when",
    theme: "Theme",
    criterion: "Criterion",
    score: "Score",
    status: "Status",
    location: "Location",
    report_title: "Safe School report",
    chart_caption: "Score per theme against its threshold",
    chart_reached: "reached",
    chart_open: "still open (evidence missing)",
    stage: "Stage",
    intake: "intake",
    audit: "audit",
    intake_note: "provisional; missing evidence is to be supplied and does not count as a gap yet. Only an audit gives a certificate.",
    audit_note: "final; what is not demonstrated counts as not met.",
    open_at_intake: "to be supplied",
    maturity: "Maturity",
    starting: "starting",
    developing: "developing",
    in_order: "in order",
    strong: "strong",
    to_supply: "To be supplied",
    to_supply_intro: "This evidence is still missing. Supply it; only then can these criteria be judged.",
    needed_for: "needed for",
    what_it_takes: "What it takes to be certified",
    what_it_takes_intro: "When these {count} criteria are met, the location meets the framework:",
    what_it_takes_intro_one: "When this criterion is met, the location meets the framework:",
    certificate: "Certificate",
    audit_date: "audit date",
    no_expiry: "without an end date",
    plan: "Improvement plan",
    plan_for: "Improvement plan for",
    action: "What to do",
    evidence: "Evidence",
    needed: "Needed",
    legal_mandatory: "legal, mandatory",
    mandatory_priority: "mandatory",
    for_threshold: "needed for the threshold",
    other: "raises the score",
    gain: "score gained",
    for_certificate: "needed for the certificate",
    no_plan_items: "No actions: every criterion is met.",
    item: "action",
    items: "actions",
    legal_basis: "legal basis",
    path: "path",
    owners: ["school", "municipality", "police", "Halt", "GGD", "joint"],
    overview: "Overview",
    overview_intro: "{count} locations; overview as of {date}.",
    locations: "Locations",
    most_failed: "Criteria most often not met",
    most_failed_intro: "Per criterion: at how many locations it fails, and at how many it is still open.",
    failed_at: "fail",
    open_at: "open",
    workload: "Work per partner",
    workload_intro: "The open actions of every location's improvement plan, per partner whose move it is.",
    open_items: "open actions",
    of_which_mandatory: "of which mandatory",
    of_which_needed: "needed for certificate",
    at_locations: "locations",
    expiring: "Certificates expiring within {months} months (by {date})",
    expiring_intro: "Validity counted from each location's as-of date (its audit date).",
    expired: "Expired certificates",
    none: "None.",
    days_left: "days left",
    missing_evidence: "Evidence is missing: {paths}.",
    required_found: "Required: {expected}; found: {actual}.",
    level_needs: "Level {level} of {max} needs: {condition}. {found}",
    found_nothing: "Evidence is missing.",
    found_value: "Found: {actual}.",
    applicability_unknown: "Unknown whether this criterion applies: {paths} is missing.",
    after_as_of: "{date} (after the as-of date {as_of})",
    and_more: "and more",
    not_demonstrated: "Not demonstrated at the audit, so not met.",
    at_least: "at least {value}",
    more_than: "more than {value}",
    at_most: "at most {value}",
    less_than: "less than {value}",
    not_value: "not {value}",
    date_within: "a date within the last {period}",
    supply_to_decide: "{subject}: supply it, so that it is known whether this criterion applies",
    supply: "{subject}: to be supplied ({target})",
    fill_in: "{subject}: fill it in",
    from_to: "{subject}: from {actual} to {target}",
    raise_level: "from level {level} to level {max} of {max}: {condition}",
    units: ["day", "days", "week", "weeks", "month", "months", "year", "years"],
    // ------------------------------------------------------------ diff
    diff_title: "Impact of {before} → {after}",
    diff_samples: [
        "{count} sample location; {compared} compared under both frameworks.",
        "{count} sample locations; {compared} compared under both frameworks.",
    ],
    diff_locations: ["{count} location", "{count} locations"],
    diff_lose: [
        "{count} of {locations} loses certification",
        "{count} of {locations} lose certification",
    ],
    diff_gain: ["{count} gains it", "{count} gain it"],
    diff_criterion_changed: [
        "{count} changes in a criterion",
        "{count} change in a criterion",
    ],
    diff_moves: [
        "{count} moves between not certified and insufficient evidence",
        "{count} move between not certified and insufficient evidence",
    ],
    diff_no_longer_loads: [
        "{count} no longer loads under the new framework",
        "{count} no longer load under the new framework",
    ],
    diff_newly_loads: [
        "{count} loads only under the new framework",
        "{count} load only under the new framework",
    ],
    diff_loads_neither: [
        "{count} loads under neither framework",
        "{count} load under neither framework",
    ],
    diff_changes: "Framework changes",
    diff_changed_locations: "Locations that change",
    diff_neither: "Evidence that loads under neither framework",
    diff_targets: ["framework", "evidence", "theme", "criterion"],
    diff_kinds: [
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
    ],
    before: "before",
    after: "after",
    diff_same_words: "same words; a define or an evidence type it uses changed",
    unchanged: "unchanged",
    does_not_load: "does not load",
    absent: "absent",
    diff_not_loading_before: "The evidence does not load under the old framework",
    diff_not_loading_after: "The evidence does not load under the new framework",
    new_gap: "new gap",
    gap_gone: "gap gone",
    // ------------------------------------------------------------ test
    test_running: [
        "running {count} sample against {framework}",
        "running {count} samples against {framework}",
    ],
    test_ok: "ok",
    test_failed: "FAILED",
    test_failed_no_expectation: "FAILED (no expectation)",
    warning: "warning",
    error: "error",
    test_failures: "Failures",
    test_evidence_file: "evidence {path}",
    test_expectation_file: "expectation {path}",
    test_mismatch: "{subject}: expected {expected}, found {actual}",
    test_mismatch_at: "{subject} (line {line}): expected {expected}, found {actual}",
    test_evidence_does_not_load: "the evidence file does not load:",
    test_expectation_problems: "the expectation file has problems:",
    test_no_expectation: "no expectation: write `{file}` (it came out {verdict}; see docs/testing.md)",
    test_no_evidence: "no evidence file beside this expectation: add the sample as .json or .toml, or remove the expectation",
    coverage: "coverage",
    coverage_detail: [
        "({covered} of {sides} rule outcomes exercised by {count} sample; {full} of {rules} rules both true and false)",
        "({covered} of {sides} rule outcomes exercised by {count} samples; {full} of {rules} rules both true and false)",
    ],
    coverage_uncovered: "Not exercised both ways:",
    coverage_not_shown: "What no sample shows",
    rule: "Rule",
    coverage_missing: [
        "never fails",
        "never passes",
        "never false",
        "never true",
        "only unknown",
        "never decided",
        "never reached",
    ],
    test_result: "test result:",
    test_counts: ". {passed} passed; {failed} failed",
    coverage_below: "; coverage {percent} below the minimum of {min}",
    coverage_meets: "; coverage {percent} meets the minimum of {min}",
    contents: "Contents",
    version: "version",
    validity: "Certificate validity: {period} after the as-of date of a positive audit.",
    scoring: "How the verdict is reached",
    theme_rule: "A theme passes when",
    theme_rule_mandatory: "every applicable mandatory criterion passes",
    theme_rule_score: "its score is at least {score}",
    certified_rule: "A location is certified when every theme passes.",
    knock_out: "mandatory (knock-out)",
    optional: "not mandatory",
    weight: "weight",
    statutory_basis: "legal basis",
    levels: "Levels",
    level: "level",
    otherwise: "otherwise",
    evidence_to_supply: "Evidence to supply",
    gap_message: "message on a gap",
    all_evidence: "All evidence",
    kind: "type",
    label: "label",
    terms: "Terms",
    layer_on: "A local layer on {bases}. What a layer adds or tightens is marked as local.",
    on: "on",
    local: "local",
    tightened_by: "tightened by",
    is_supplied: "is supplied",
    number_of: "the number of",
    or: "or",
    compare_numbers: ["is", "is not", "is at least", "is more than", "is at most", "is less than"],
    compare_dates: ["is", "is not", "is on or after", "is after", "is on or before", "is before"],
    lies_within: "is within the last {period}",
    counted_within: "in the last {period}",
    date_before: "before",
    date_after: "after",
    one_of: "is one of",
    none_of: "is none of",
    // plain words (reports for people)
    decimal_mark: '.',
    months: [
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
    ],
    percentage_points: ["{count} percentage point", "{count} percentage points"],
    list_and: "and",
    quotes: ("“", "”"),
    norm: "Requirement",
    found_now: "Found",
    found_none: "nothing",
    not_filled_in: "{subject} has not been filled in.",
    still_to_supply: "Still to be supplied: {subjects}.",
    applies_unknown: "Unknown whether this criterion applies; that needs: {subjects}.",
    applies_if: "this criterion applies when {condition}",
    level_norm: "for level {level} of {max}: {condition}",
    needed_now: "{norm} (now: {found})",
    technical_appendix: "Technical appendix",
    technical_intro: "For administrators: every gap in the framework's notation, with the paths of the evidence.",
    // report sections
    in_order_heading: "In order",
    in_order_none: "No criterion is met yet.",
    not_in_order: "Not in order",
    not_in_order_none: "Everything that could be judged is in order.",
    to_demonstrate: "Still to be shown",
    theme_open: "cannot be judged yet",
    local_ambition: "local ambition",
    recommendations: "Recommendations",
    meeting_intake: "Intake meeting",
    meeting_audit: "Audit meeting",
    meeting: "Meeting",
    meeting_date: "Date",
    attendees: "Present",
    agreements: "Agreements",
    no_agreements: "No agreements recorded.",
    name: "Name",
    signature: "Signature",
    // overview totals and groups
    summary: "Summary",
    totals_certified: [
        "{count} of {total} locations meets the framework",
        "{count} of {total} locations meet the framework",
    ],
    totals_not_certified: ["{count} does not meet it yet", "{count} do not meet it yet"],
    totals_insufficient: [
        "{count} cannot be judged yet",
        "{count} cannot be judged yet",
    ],
    totals_stale: [
        "{count} location was judged on evidence more than {months} months old.",
        "{count} locations were judged on evidence more than {months} months old.",
    ],
    stale: "older than {months} months",
    per_theme: "Per theme",
    group_board: "School board",
    group_district: "District",
    group_type: "Kind of school",
    not_given: "not given",
    // partners
    contact_person: "contact",
    lead_partner: "lead",
    // fmt
    fmt_written: "formatted",
    fmt_unformatted: "not formatted",
};

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

/// The language's code, as HTML's `lang` attribute wants it.
pub(crate) fn code(language: Language) -> &'static str {
    match language {
        Language::Nl => "nl",
        Language::En => "en",
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
