//! Every word of kader's diagnostics, in English ([`english`]) and Dutch
//! ([`dutch`]): a message id a text, its arguments in placeholders `{0}`,
//! `{1}`, ... in the order [`say!`](super::say) gives them. Keywords of the
//! language stay as written, in backticks, in both.
//!
//! One list of messages, each with its Dutch and its English words (see
//! [`messages!`]): a message without both does not compile.

/// Declares [`Msg`], [`english`] and [`dutch`] from one list, each
/// message with its Dutch and its English words: adding a message is one
/// entry, and a message without both does not compile.
macro_rules! messages {
    ($($(#[$doc:meta])* $id:ident => nl: $nl:expr, en: $en:expr;)*) => {
        /// The id of one message, label or help text.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        // The hovers' words are read by the language server alone.
        #[cfg_attr(not(feature = "lsp"), allow(dead_code))]
        pub(crate) enum Msg {
            $($(#[$doc])* $id,)*
        }

        /// The English words of `id`.
        pub(crate) fn english(id: Msg) -> &'static str {
            match id {
                $(Msg::$id => $en,)*
            }
        }

        /// The Dutch words of `id`.
        pub(crate) fn dutch(id: Msg) -> &'static str {
            match id {
                $(Msg::$id => $nl,)*
            }
        }
    };
}

messages! {
    /// A text that is the same in every language.
    Verbatim => nl: "{0}", en: "{0}";
    Error => nl: "fout", en: "error";
    Warning => nl: "waarschuwing", en: "warning";
    At => nl: "op", en: "at";
    OneError => nl: "1 fout", en: "1 error";
    Errors => nl: "fouten", en: "errors";
    OneWarning => nl: "1 waarschuwing", en: "1 warning";
    Warnings => nl: "waarschuwingen", en: "warnings";
    Many => nl: "{0} {1}", en: "{0} {1}";
    Found => nl: "{0} gevonden", en: "{0} found";
    FoundBoth => nl: "{0} en {1} gevonden", en: "{0} and {1} found";
    Help => nl: "tip: {0}", en: "help: {0}";
    HoverEvidence => nl: "Bewijsstuk: {0}.", en: "Evidence: {0}.";
    HoverOneCriterion => nl: "1 criterium", en: "1 criterion";
    HoverCriteria => nl: "{0} criteria", en: "{0} criteria";
    HoverTheme => nl: "thema `{0}` · {1}", en: "theme `{0}` · {1}";
    HoverCriterion => nl: "criterium `{0}`", en: "criterion `{0}`";
    HoverInTheme => nl: "in thema `{0}`", en: "in theme `{0}`";
    HoverMandatory => nl: "verplicht", en: "mandatory";
    HoverWeight => nl: "gewicht {0}", en: "weight {0}";
    HoverOwner => nl: "eigenaar `{0}`", en: "owner `{0}`";
    BaseErrorNote => nl: "{0}: fout[{1}]: {2}", en: "{0}: error[{1}]: {2}";
    Note => nl: "opmerking", en: "note";
    HelpWord => nl: "tip", en: "help";
    NoneFound => nl: "geen problemen gevonden", en: "no problems found";
    UnknownLanguage => nl: "onbekende taal `{0}`", en: "unknown language `{0}`";
    NotALanguage => nl: "geen taal waarin kader schrijft", en: "not a language kader writes";
    WriteLanguage =>
        nl: "schrijf `language nl` (Nederlands) of `language en` (Engels)",
        en: "write `language nl` (Dutch) or `language en` (English)";
    ValidityZero =>
        nl: "met een geldigheid van 0 verloopt elk certificaat op de dag van de audit",
        en: "a validity of 0 would let every certificate expire on the day of the audit";
    WriteValidity =>
        nl: "schrijf de geldigheid als een periode, zoals `validity 36 months`",
        en: "write the validity as a period such as `validity 36 months`";
    LongerValidity =>
        nl: "deze laag maakt certificaten {0} geldig, langer dan de {1} van `{2}`",
        en: "this layer makes certificates valid for {0}, longer than the {1} of `{2}`";
    LongerThanBase => nl: "langer dan het basiskader", en: "longer than the base";
    ShortenValidity =>
        nl: "een laag mag de geldigheid alleen inkorten: schrijf hoogstens `validity {0}`, of laat de regel weg",
        en: "a layer may only shorten the validity: write at most `validity {0}`, or leave the line out";
    DefinedByBase =>
        nl: "`{0}` is al gedefinieerd in het basiskader",
        en: "`{0}` is already defined by the base framework";
    RenameLayerDefine =>
        nl: "geef de `define` van de laag een andere naam; een laag kan een voorwaarde van het basiskader niet opnieuw definiëren",
        en: "give the layer's define another name; a layer cannot redefine a condition of its base";
    DefinedTwice => nl: "`{0}` is twee keer gedefinieerd", en: "`{0}` is defined twice";
    FirstDefinedHere => nl: "hier voor het eerst gedefinieerd", en: "first defined here";
    RenameSecondDefine =>
        nl: "geef de tweede definitie een andere naam",
        en: "give the second definition another name";
    ThemeTwice => nl: "thema `{0}` is twee keer gedeclareerd", en: "theme `{0}` is declared twice";
    FirstDeclaredHere => nl: "hier voor het eerst gedeclareerd", en: "first declared here";
    RenameTheme =>
        nl: "geef elk thema een eigen id, of voeg de twee samen",
        en: "give each theme its own id, or merge the two";
    CriterionTwice =>
        nl: "criterium `{0}` is twee keer gedeclareerd",
        en: "criterion `{0}` is declared twice";
    RenameCriterion =>
        nl: "de id van een criterium is uniek in het hele kader: geef er een een andere naam",
        en: "criterion ids are unique in the whole framework: rename one";
    SameTitle =>
        nl: "criterium `{0}` heeft dezelfde titel als criterium `{1}`",
        en: "criterion `{0}` has the same title as criterion `{1}`";
    TitleOf => nl: "de titel van `{0}`", en: "the title of `{0}`";
    RenameTitle =>
        nl: "geef elk criterium een eigen titel, zodat uitslagen en rapporten ze uit elkaar kunnen houden",
        en: "give each criterion its own title, so that results and reports can tell them apart";
    UnusedEvidence =>
        nl: "bewijsstuk `{0}` is gedeclareerd maar wordt nergens gebruikt",
        en: "evidence `{0}` is declared but never used";
    NoRuleReads => nl: "geen regel leest dit", en: "no rule reads this";
    UseEvidence =>
        nl: "gebruik het in een `require`, `applies when`, `score`-niveau of `define`, of in een melding als `{{0}}`; of verwijder de declaratie",
        en: "use it in a `require`, `applies when`, `score` level or `define`, or in a message as `{{0}}`; or remove the declaration";
    UnusedDefine =>
        nl: "`{0}` is gedefinieerd maar wordt nergens gebruikt",
        en: "`{0}` is defined but never used";
    UseDefine =>
        nl: "gebruik het in een voorwaarde, zoals `require {0}`, of verwijder de `define`",
        en: "use it in a condition, such as `require {0}`, or remove the `define`";
    PathTooDeep =>
        nl: "dit bewijspad heeft {0} delen, meer dan de {1} die kader aanneemt",
        en: "this evidence path has {0} segments, more than the {1} kader accepts";
    NestedTooDeeply => nl: "te diep genest", en: "nested too deeply";
    FewerLevels =>
        nl: "groepeer de bewijsstukken in minder lagen, zoals `monitor.last_run`, of vraag de beheerder de grens te verhogen",
        en: "group the evidence in fewer levels, such as `monitor.last_run`, or ask the host to raise its limit";
    DeclaredByBaseHere =>
        nl: "`{0}` is hier gedeclareerd in het basiskader",
        en: "`{0}` is declared by the base framework here";
    EvidenceOfBase =>
        nl: "bewijsstuk `{0}` is al gedeclareerd in het basiskader",
        en: "evidence `{0}` is already declared by the base framework";
    RemoveLayerEvidence =>
        nl: "verwijder deze declaratie: een laag gebruikt de bewijsstukken van het basiskader zoals die daar gedeclareerd zijn",
        en: "remove this declaration: a layer uses the base's evidence as it is declared";
    EvidenceTwice =>
        nl: "bewijsstuk `{0}` is twee keer gedeclareerd",
        en: "evidence `{0}` is declared twice";
    RemoveOneDeclaration =>
        nl: "verwijder een van de twee declaraties",
        en: "remove one of the two declarations";
    BaseDefineHere =>
        nl: "`{0}` is een `define` van het basiskader, hier gedefinieerd",
        en: "`{0}` is a define of the base framework, defined here";
    AlreadyBaseDefine =>
        nl: "`{0}` is al een `define` van het basiskader",
        en: "`{0}` is already a define of the base framework";
    ReadsDefine =>
        nl: "een voorwaarde zou de `define` lezen, niet dit bewijsstuk",
        en: "a condition would read the define, not this evidence";
    RenameEvidence => nl: "geef het bewijsstuk een ander pad", en: "give the evidence another path";
    MemberTwice => nl: "`{0}` staat er twee keer in", en: "`{0}` is listed twice";
    ListOnce => nl: "noem elke waarde één keer", en: "list each member once";
    EnumTooLarge => nl: "deze `enum` heeft te veel waarden", en: "this enum has too many members";
    EnumAtMost =>
        nl: "een `enum` heeft hoogstens {0} waarden; declareer open waarden als `text`",
        en: "an enum holds at most {0} members; declare open-ended values as `text`";
    ListOfLists => nl: "een lijst van lijsten kan niet", en: "a list of lists is not supported";
    ListOfSingle =>
        nl: "declareer een lijst van enkele waarden, zoals `list<date>`",
        en: "declare a list of single values, such as `list<date>`";
    DeclaredAsValueHere =>
        nl: "`{0}` is hier als waarde gedeclareerd",
        en: "`{0}` is declared as a value here";
    InsideValue =>
        nl: "`{0}` is gedeclareerd binnen `{1}`, dat zelf een waarde is",
        en: "`{0}` is declared inside `{1}`, which is itself a value";
    ValueAndGroup =>
        nl: "hernoem een van beide: `{0}` kan niet tegelijk een waarde en een groep zijn",
        en: "rename one of them: `{0}` cannot be both a value and a group";
    AsValueHere => nl: "hier als waarde gedeclareerd", en: "declared as a value here";
    AlreadyEvidence => nl: "`{0}` is al een bewijspad", en: "`{0}` is already an evidence path";
    RenameDefine =>
        nl: "geef de `define` een naam die geen bewijspad is",
        en: "give the define a name that is not an evidence path";
    GivenTwice =>
        nl: "`{0}` staat twee keer in criterium `{1}`",
        en: "`{0}` is given twice in criterion `{1}`";
    FirstGivenHere => nl: "hier voor het eerst gegeven", en: "first given here";
    KeepOneLine => nl: "houd één regel `{0}` over", en: "keep one `{0}` line";
    WeightZero =>
        nl: "door gewicht 0 telt criterium `{0}` niet mee in de score van het thema",
        en: "weight 0 makes criterion `{0}` count for nothing in the theme's score";
    WeightOneOrMore =>
        nl: "geef het een gewicht van 1 of meer, of verwijder de regel voor het gewone gewicht 1",
        en: "give it a weight of 1 or more, or remove the line for the usual weight 1";
    WeightTooLarge => nl: "gewicht {0} is te groot", en: "weight {0} is too large";
    WeightsRange => nl: "een gewicht ligt tussen 0 en {0}", en: "weights go from 0 to {0}";
    UnknownOwner => nl: "onbekende eigenaar `{0}`", en: "unknown owner `{0}`";
    NotAPartner => nl: "niet een van de partners", en: "not one of the partners";
    TheOwners => nl: "de eigenaren zijn {0}", en: "the owners are {0}";
    PartnerTwice =>
        nl: "partner `{0}` staat twee keer in `owners`",
        en: "partner `{0}` is declared twice";
    PartnerOfBase =>
        nl: "partner `{0}` staat al in het kader waarop deze laag voortbouwt",
        en: "partner `{0}` is already declared by the framework this layer extends";
    RenamePartner => nl: "geef elke partner een eigen naam", en: "give each partner its own id";
    ContactNotText =>
        nl: "de contactpersoon van een partner is een tekst, maar `{0}` is {1}",
        en: "the contact of a partner is a text, but `{0}` is {1}";
    ContactIsText =>
        nl: "leg het gegeven met de contactpersoon vast als `text`",
        en: "declare the contact person's evidence as `text`";
    ContactUndeclared =>
        nl: "de contactpersoon `{0}` is geen vastgelegd gegeven",
        en: "the contact `{0}` is not declared evidence";
    DeclareContact =>
        nl: "leg het vast in het blok `evidence`, bijvoorbeeld `{0} : text \"Contactpersoon\"`",
        en: "declare it in the `evidence` block, such as `{0} : text \"Contactpersoon\"`";
    LeadNotAPartner =>
        nl: "`{0}` kan het werk van `{1}` niet trekken: het is geen andere partner",
        en: "`{0}` cannot lead the work of `{1}`: it is not another partner";
    LeadIsAnother =>
        nl: "noem bij `lead` een van de andere partners uit `owners`",
        en: "name as `lead` one of the other partners in `owners`";
    NoOwner =>
        nl: "criterium `{0}` heeft geen eigenaar; tekortkomingen gaan naar de school",
        en: "criterion `{0}` has no owner; gaps go to the school";
    AddOwner =>
        nl: "voeg `owner school` toe (of gemeente, politie, halt, ggd, joint)",
        en: "add `owner school` (or gemeente, politie, halt, ggd, joint)";
    NoRule => nl: "criterium `{0}` heeft geen regel", en: "criterion `{0}` has no rule";
    NothingDecides => nl: "niets bepaalt of dit voldoet", en: "nothing decides whether this passes";
    AddRule =>
        nl: "voeg een regel `require VOORWAARDE` of een blok `score { ... }` toe",
        en: "add a `require CONDITION` line or a `score { ... }` block";
    NoMessage =>
        nl: "deze eis van verplicht criterium `{0}` heeft geen melding",
        en: "this requirement of mandatory criterion `{0}` has no message";
    NoElse => nl: r#"geen `else "..."`"#, en: r#"no `else "..."`"#;
    AddElse =>
        nl: r#"voeg `else "..."` toe dat zegt wat ontbreekt en wat er moet gebeuren; zonder luidt de tekortkoming "{0}""#,
        en: r#"add `else "..."` saying what is missing and what to do; without it the gap reads "{0}""#;
    NoLevels => nl: "dit `score`-blok heeft geen niveaus", en: "this score block has no levels";
    AddLevels =>
        nl: "voeg niveaus toe zoals `2 when VOORWAARDE`, en dan `0 otherwise`",
        en: "add levels such as `2 when CONDITION`, then `0 otherwise`";
    LevelTooHigh => nl: "niveau {0} is te hoog", en: "level {0} is too high";
    LevelsRange => nl: "een niveau ligt tussen 0 en {0}", en: "levels go from 0 to {0}";
    AllLevelsZero =>
        nl: "elk niveau van dit `score`-blok is 0, dus het kan nooit voldoen",
        en: "every level of this score block is 0, so it can never pass";
    BestLevelAboveZero =>
        nl: "geef het beste niveau een getal boven 0, zoals `2 when ...`",
        en: "give the best level a number above 0, such as `2 when ...`";
    Level => nl: "niveau {0}", en: "level {0}";
    Otherwise => nl: "`{0} otherwise`", en: "`{0} otherwise`";
    UnknownPlaceholder => nl: "onbekende invulplek `{{0}}`", en: "unknown placeholder `{{0}}`";
    NotDeclaredPath => nl: "geen gedeclareerd bewijspad", en: "not a declared evidence path";
    MeantPlaceholder => nl: "bedoelde u `{{0}}`?", en: "did you mean `{{0}}`?";
    PlaceholderNames =>
        nl: r#"een invulplek noemt een gedeclareerd bewijspad; schrijf `\{` voor een accolade als teken"#,
        en: r#"a placeholder names a declared evidence path; write `\{` for a literal brace"#;
    TwoScorings =>
        nl: "het kader heeft twee `scoring`-blokken",
        en: "the framework has two `scoring` sections";
    FirstSectionHere => nl: "hier het eerste blok", en: "first section here";
    MergeScorings =>
        nl: "voeg ze samen tot één `scoring { ... }`",
        en: "merge them into one `scoring { ... }`";
    CertifiedTwice =>
        nl: "`certified when` staat er twee keer",
        en: "`certified when` is given twice";
    KeepOneCertified =>
        nl: "houd één regel `certified when` over",
        en: "keep one `certified when` line";
    ThresholdAbove100 =>
        nl: "drempel `{0}` ligt boven 100%, dus geen thema kan hem halen",
        en: "score threshold `{0}` is above 100%, so no theme can reach it";
    AtMost100 => nl: "een thema scoort hoogstens 100%", en: "a theme scores at most 100%";
    ThresholdTwice => nl: "de drempel staat er twee keer", en: "the score threshold is given twice";
    KeepOneThreshold => nl: "houd één `score >= P%` over", en: "keep one `score >= P%`";
    EveryThemeRuleTwice =>
        nl: "de regel voor elk thema staat er twee keer",
        en: "the rule for every theme is given twice";
    KeepOneThemeRule =>
        nl: "houd één regel `theme passes when ...` over",
        en: "keep one `theme passes when ...` line";
    UnknownTheme => nl: "onbekend thema `{0}`", en: "unknown theme `{0}`";
    NoSuchTheme => nl: "geen thema heeft deze id", en: "no theme has this id";
    DidYouMean => nl: "bedoelde u `{0}`?", en: "did you mean `{0}`?";
    NameATheme =>
        nl: r#"noem een thema dat gedeclareerd is met `theme ID "titel" { ... }`"#,
        en: r#"name a theme declared with `theme ID "title" { ... }`"#;
    ThemeRuleTwice =>
        nl: "de regel voor thema `{0}` staat er twee keer",
        en: "the rule for theme `{0}` is given twice";
    KeepOneRulePerTheme => nl: "houd één regel per thema over", en: "keep one rule per theme";
    NeverReachedAlways =>
        nl: "{0} wordt nooit bereikt: een niveau erboven geldt altijd",
        en: "{0} is never reached: a level above it always holds";
    AlwaysHolds => nl: "deze voorwaarde geldt altijd", en: "this condition always holds";
    CorrectAbove =>
        nl: "verbeter de voorwaarde erboven, of verwijder dit niveau",
        en: "correct the condition above, or remove this level";
    NeverReached =>
        nl: "{0} wordt nooit bereikt: niveau {1} erboven geldt altijd als dit niveau geldt",
        en: "{0} is never reached: level {1} above it holds whenever this one does";
    TriedFirst =>
        nl: "wordt eerst geprobeerd, en geldt altijd als {0} zou gelden",
        en: "tried first, and holds whenever {0} would";
    TopDown =>
        nl: "niveaus worden van boven naar beneden geprobeerd: zet het niveau met de strengste voorwaarde bovenaan",
        en: "levels are tried from the top down: put the level with the strictest condition first";
    NeverReachedLabel => nl: "nooit bereikt", en: "never reached";
    CriterionDeclaredLegal =>
        nl: r#"criterium `{0}` van `{1}` is hier gedeclareerd, met wettelijke grondslag "{2}""#,
        en: r#"criterion `{0}` of `{1}` is declared here, with legal basis "{2}""#;
    CriterionDeclared =>
        nl: "criterium `{0}` van `{1}` is hier gedeclareerd",
        en: "criterion `{0}` of `{1}` is declared here";
    NoteAt => nl: "{0}: {1}", en: "{0}: {1}";
    BaseScoringRule => nl: "de scoringsregel van het basiskader", en: "the base's scoring rule";
    BaseThemeNoRule =>
        nl: "thema `{0}` van het basiskader heeft geen scoringsregel",
        en: "theme `{0}` of the base has no scoring rule";
    BaseDefineOf =>
        nl: "`{0}` is een `define` van `{1}`, hier gedefinieerd",
        en: "`{0}` is a define of `{1}`, defined here";
    ThemeDeclaredHere => nl: "thema `{0}` is hier gedeclareerd", en: "theme `{0}` is declared here";
    EvidenceOfBaseHere =>
        nl: "`{0}` is een bewijsstuk van het basiskader, hier gedeclareerd",
        en: "`{0}` is evidence of the base framework, declared here";
    // check/expr.rs: types and expressions
    TypeBool => nl: "waar of onwaar", en: "true or false";
    TypeInt => nl: "een geheel getal", en: "a whole number";
    TypeNumber => nl: "een getal", en: "a number";
    TypePercent => nl: "een percentage", en: "a percentage";
    TypeDate => nl: "een datum", en: "a date";
    TypeText => nl: "een tekst", en: "a text";
    TypeEnum => nl: "een keuze uit {0}", en: "a choice from {0}";
    TypeList => nl: "een lijst van {0}", en: "a list of {0}";
    TypesBool => nl: "waarden waar of onwaar", en: "true/false values";
    TypesInt => nl: "gehele getallen", en: "whole numbers";
    TypesNumber => nl: "getallen", en: "numbers";
    TypesPercent => nl: "percentages", en: "percentages";
    TypesDate => nl: "datums", en: "dates";
    TypesText => nl: "teksten", en: "texts";
    TypesEnum => nl: "woorden uit {0}", en: "words from {0}";
    TypesList => nl: "lijsten van {0}", en: "lists of {0}";
    NotACondition => nl: "dit is {0}, geen voorwaarde", en: "this is {0}, not a condition";
    ExpectedTrueFalse =>
        nl: "hier hoort iets dat waar of onwaar is",
        en: "expected something true or false";
    TestDate =>
        nl: "toets de datum, zoals `{0} within 12 months` of `{0} before 2026-08-01`",
        en: "test the date, such as `{0} within 12 months` or `{0} before 2026-08-01`";
    CompareThreshold =>
        nl: "vergelijk het met een drempel, zoals `{0} >= 70%`",
        en: "compare it with a threshold, such as `{0} >= 70%`";
    CompareNumber =>
        nl: "vergelijk het met een getal, zoals `{0} >= 1`",
        en: "compare it with a number, such as `{0} >= 1`";
    AskPresent =>
        nl: "schrijf `present({0})` om te vragen of de tekst is ingevuld",
        en: "to ask whether the text is filled in, write `present({0})`";
    CompareMember =>
        nl: "vergelijk het met een van de keuzes, zoals `{0} == {1}`",
        en: "compare it with a member, such as `{0} == {1}`";
    CountTheList =>
        nl: "tel de lijst, zoals `count({0}) >= 1`",
        en: "count the list, such as `count({0}) >= 1`";
    UsedBeforeDefined =>
        nl: "`{0}` wordt gebruikt voordat het gedefinieerd is",
        en: "`{0}` is used before it is defined";
    DefinedHere => nl: "hier gedefinieerd", en: "defined here";
    MoveDefine =>
        nl: "zet de `define` boven de plek waar het voor het eerst gebruikt wordt",
        en: "move the `define` above its first use";
    NotDeclaredEvidence =>
        nl: "`{0}` is geen gedeclareerd bewijspad",
        en: "`{0}` is not a declared evidence path";
    UnknownName => nl: "onbekende naam `{0}`", en: "unknown name `{0}`";
    NotDeclared => nl: "niet gedeclareerd", en: "not declared";
    DeclareEvidence =>
        nl: r#"declareer het in het blok `evidence` met zijn type, zoals `{0} : date "omschrijving"`, of verbeter het pad"#,
        en: r#"declare it in the `evidence` block with its type, such as `{0} : date "label"`, or correct the path"#;
    UseDeclaredName =>
        nl: "gebruik een gedeclareerd bewijspad, een `define` of een van de keuzes van een `enum`",
        en: "use a declared evidence path, a `define` or an enum member";
    CountOneDate =>
        nl: "`count` telt de onderdelen van een lijst; schrijf `{0} within 12 months` om één datum te toetsen",
        en: "`count` counts the items of a list; to test one date, write `{0} within 12 months`";
    CountOneNumber =>
        nl: "`count` telt de onderdelen van een lijst; schrijf `{0} >= 1` om een getal te toetsen",
        en: "`count` counts the items of a list; to test a number, write `{0} >= 1`";
    CountDeclaredList =>
        nl: "tel een pad dat als lijst gedeclareerd is, zoals `list<date>`",
        en: "count a path declared as a list, such as `list<date>`";
    CountNeedsList =>
        nl: "`count` heeft een lijst nodig, maar `{0}` is {1}",
        en: "`count` needs a list, but `{0}` is {1}";
    DeclaredAs => nl: "gedeclareerd als `{0}`", en: "declared as `{0}`";
    NeedsNumbers =>
        nl: "`{0}` heeft getallen nodig, maar dit is {1}",
        en: "`{0}` needs numbers, but this is {1}";
    TypeHere => nl: "hier {0}", en: "{0} here";
    CalculateNumbers =>
        nl: "reken alleen met bewijsstukken van het type `int`, `number` of `percent`",
        en: "calculate only with int, number and percent evidence";
    CannotOrderValues =>
        nl: "`{0}` kan waarden van het type `{1}` niet ordenen",
        en: "`{0}` cannot order {1} values";
    NoOrder =>
        nl: "waarden van het type `{0}` hebben geen volgorde",
        en: "{0} values have no order";
    TestSame =>
        nl: "toets met `==` of `!=` of ze gelijk zijn",
        en: "test whether they are the same with `==` or `!=`";
    WithoutQuotes =>
        nl: "schrijf de keuze zonder aanhalingstekens: `{0}`",
        en: "write the member without quotes: `{0}`";
    CompareWithOneOf => nl: "vergelijk met een van {0}", en: "compare with one of {0}";
    CompareDate =>
        nl: "vergelijk een datum met een datum zoals `2026-08-01`, of toets hem met `within 12 months`",
        en: "compare a date with a date such as `2026-08-01`, or test it with `within 12 months`";
    CompareSameKind =>
        nl: "vergelijk waarden van dezelfde soort: getallen met getallen, datums met datums",
        en: "compare values of the same kind: numbers with numbers, dates with dates";
    CannotCompare => nl: "{0} en {1} zijn niet te vergelijken", en: "cannot compare {0} with {1}";
    LeftRight => nl: "links {0}, rechts {1}", en: "{0} on the left, {1} on the right";
    CannotOrderMembers =>
        nl: "`{0}` kan de keuzes van een `enum` niet ordenen",
        en: "`{0}` cannot order enum members";
    UseEquality => nl: "gebruik `==`, `!=` of `in {...}`", en: "use `==`, `!=` or `in {...}`";
    NotOneOf => nl: "`{0}` is niet een van {1}", en: "`{0}` is not one of {1}";
    NotAMember => nl: "geen van de keuzes", en: "not a member";
    TheMembers => nl: "de keuzes zijn {0}", en: "the members are {0}";
    NeedsDate =>
        nl: "`{0}` heeft een datum nodig, maar dit is {1}",
        en: "`{0}` needs a date, but this is {1}";
    NotADate => nl: "{0}, geen datum", en: "{0}, not a date";
    ApplyToDate =>
        nl: "gebruik `{0}` bij een bewijsstuk dat als `date` gedeclareerd is",
        en: "apply `{0}` to evidence declared as `date`";
    WriteDate =>
        nl: "schrijf een datum zoals `2026-08-01`",
        en: "write a date such as `2026-08-01`";
    CountListItems =>
        nl: "tel de onderdelen van een lijst om ze te toetsen, zoals `count(path in {a, b}) >= 1`",
        en: "to test the items of a list, count them, such as `count(path in {a, b}) >= 1`";
    TestDirectly =>
        nl: "toets waar of onwaar rechtstreeks, zonder `in`",
        en: "test true or false directly, without `in`";
    InCannotTest => nl: "`in` kan {0} niet toetsen", en: "`in` cannot test {0}";
    ValueIsNot => nl: "deze waarde is niet {0}", en: "this value is not {0}";
    SetMustBe =>
        nl: "elke waarde in deze verzameling moet {0} zijn",
        en: "every value in this set must be {0}";
    ListPercentages =>
        nl: "noem percentages, zoals `{60%, 70%}`",
        en: "list percentages, such as `{60%, 70%}`";
    ListTexts =>
        nl: r#"noem teksten tussen dubbele aanhalingstekens, zoals `{"ja", "nee"}`"#,
        en: r#"list texts in double quotes, such as `{"ja", "nee"}`"#;
    ListDates =>
        nl: "noem datums, zoals `{2026-08-01, 2027-08-01}`",
        en: "list dates, such as `{2026-08-01, 2027-08-01}`";
    ListNumbers => nl: "noem getallen, zoals `{1, 2, 3}`", en: "list numbers, such as `{1, 2, 3}`";
    // check/lint.rs: authoring warnings
    EveryValueOf => nl: "elke waarde van", en: "every value of";
    AnyNumberOf => nl: "elk aantal", en: "any number of";
    NoValueOf => nl: "geen enkele waarde van", en: "no value of";
    NoNumberOf => nl: "geen enkel aantal", en: "no number of";
    MeetsAll =>
        nl: "{0} `{1}` voldoet aan al deze voorwaarden",
        en: "{0} `{1}` meets all of these conditions";
    LeaveNone =>
        nl: "controleer de drempels: samen laten ze {0} `{1}` over",
        en: "check the thresholds: together they leave {0} `{1}`";
    NoValueMeetsAll =>
        nl: "geen enkele waarde voldoet aan al deze voorwaarden",
        en: "no value meets all of these conditions";
    LeaveNoValue =>
        nl: "controleer de drempels: samen laten ze geen enkele waarde over",
        en: "check the thresholds: together they leave no value";
    HoldsFor =>
        nl: "deze voorwaarde geldt voor {0} `{1}`",
        en: "this condition holds for {0} `{1}`";
    CanMeet =>
        nl: "{0} `{1}` kan aan deze voorwaarde voldoen",
        en: "{0} `{1}` can meet this condition";
    AlwaysTrue => nl: "altijd waar", en: "always true";
    NeverTrue => nl: "nooit waar", en: "never true";
    CorrectNumber =>
        nl: "verbeter het getal: schrijf `>= 1` om minstens één te vragen",
        en: "correct the number: to ask for at least one, write `>= 1`";
    CorrectThresholdSupplied =>
        nl: "verbeter de drempel; zoals hij er nu staat, controleert hij alleen of `{0}` is aangeleverd",
        en: "correct the threshold; as written it only checks that `{0}` is supplied";
    CorrectThreshold => nl: "verbeter de drempel", en: "correct the threshold";
    PercentBounds =>
        nl: "een percentage ligt tussen 0% en 100%",
        en: "a percentage lies between 0% and 100%";
    CountBounds => nl: "een aantal is 0 of meer", en: "a count is 0 or more";
    BoundsMeant => nl: "{0}: bedoelde u `{1}%`?", en: "{0}: did you mean `{1}%`?";
    HelpBecause => nl: "{0} ({1})", en: "{0} ({1})";
    TrueHolds => nl: "`true` als voorwaarde geldt altijd", en: "`true` as a condition always holds";
    WriteDecidingOtherwise =>
        nl: "schrijf de voorwaarde die dit moet bepalen; schrijf `N otherwise` voor het niveau dat geldt als geen ander niveau geldt",
        en: "write the condition that should decide this; for the level that applies when no other does, write `N otherwise`";
    FalseNeverHolds =>
        nl: "`false` als voorwaarde geldt nooit",
        en: "`false` as a condition never holds";
    WriteDecidingRemove =>
        nl: "schrijf de voorwaarde die dit moet bepalen, of verwijder de regel",
        en: "write the condition that should decide this, or remove the line";
    FixedCompare =>
        nl: "deze voorwaarde vergelijkt twee vaste waarden, dus ze is {0}",
        en: "this condition compares two fixed values, so it is {0}";
    FixedTest =>
        nl: "deze voorwaarde toetst een vaste waarde, dus ze is {0}",
        en: "this condition tests a fixed value, so it is {0}";
    PutEvidence =>
        nl: "vergelijk een bewijsstuk met een waarde: zet aan één kant een bewijspad",
        en: "compare evidence with a value: put an evidence path on one side";
    DividesByZero =>
        nl: "hier wordt door 0 gedeeld, dus de voorwaarde is altijd onbekend",
        en: "this divides by zero, so the condition is always unknown";
    DivisorZero => nl: "een deler is hier altijd 0", en: "a divisor here is always 0";
    DivideOther =>
        nl: "deel door een ander getal dan 0, of door een bewijsstuk",
        en: "divide by a number other than 0, or by evidence";
    SeparateAccent =>
        nl: "deze tekst bevat een los accentteken (U+{0}); een bewijsstuk getypt met de letter met accent is er nooit gelijk aan",
        en: "this text holds a separate accent (U+{0}); evidence typed with the accented letter will not equal it";
    CharByChar => nl: "teken voor teken vergeleken", en: "compared character by character";
    WriteAccented =>
        nl: "schrijf de letter met accent zelf (Unicode NFC), zoals een toetsenbord hem typt",
        en: "write the accented letter itself (Unicode NFC), as a keyboard types it";
    EmptyLegal => nl: "de wettelijke grondslag is leeg", en: "the legal basis is empty";
    EmptyLegalShown =>
        nl: "rapporten zouden een lege wettelijke grondslag tonen",
        en: "reports would show an empty legal basis";
    NameLaw =>
        nl: r#"noem de wet en het artikel, zoals "Wet veiligheid op school, art. 4", of verwijder de regel `legal`"#,
        en: r#"name the law and article, such as "Wet veiligheid op school, art. 4", or remove the `legal` line"#;
    IdleMandatory =>
        nl: "criterium `{0}` is verplicht, maar de scoringsregel van thema `{1}` vraagt niet dat alle verplichte criteria voldoen",
        en: "criterion `{0}` is mandatory, but the scoring rule of theme `{1}` does not ask that all mandatory criteria pass";
    MandatoryNothing =>
        nl: "`mandatory` verandert hier niets",
        en: "`mandatory` changes nothing here";
    AddAllMandatory =>
        nl: "voeg `all mandatory pass` toe aan de regel van het thema (`theme passes when all mandatory pass and score >= 60%`), of verwijder `mandatory`",
        en: "add `all mandatory pass` to the theme's rule (`theme passes when all mandatory pass and score >= 60%`), or remove `mandatory`";
    // check/defines.rs: defines that refer to each other
    RefersToItself => nl: "verwijst naar zichzelf", en: "refers to itself";
    RefersToItselfVia => nl: "verwijst naar zichzelf: {0}", en: "refers to itself: {0}";
    DefinedInItself =>
        nl: "`{0}` is gedefinieerd met zichzelf",
        en: "`{0}` is defined in terms of itself";
    DefineAbove =>
        nl: "definieer `{0}` met bewijsstukken en `define`s die erboven staan",
        en: "define `{0}` with evidence and defines written above it";
    DefineNestedDeep =>
        nl: "`{0}` is via de `define`s die het gebruikt meer dan {1} lagen diep genest",
        en: "`{0}` is nested more than {1} levels deep through the defines it uses";
    ConditionNestedDeep =>
        nl: "deze voorwaarde is via de `define`s die ze gebruikt meer dan {0} lagen diep genest",
        en: "this condition is nested more than {0} levels deep through the defines it uses";
    LevelsChain => nl: "{0} lagen: {1}", en: "{0} levels: {1}";
    ShorterChain =>
        nl: "schrijf een deel van de keten direct met bewijsstukken, zodat er minder `define`s op elkaar staan",
        en: "write part of the chain with evidence directly, so that fewer defines stand on each other";
    // check/mod.rs
    ThresholdRange =>
        nl: "schrijf een drempel van 0% tot 100%, zoals `score >= 60%`",
        en: "write a threshold from 0% to 100%, such as `score >= 60%`";
    // check/layer.rs: layers on a base
    LegalFloorPart =>
        nl: "`{0}` heeft een wettelijke grondslag ({1}): het hoort bij de wettelijke ondergrens",
        en: "`{0}` has a legal basis ({1}): it is part of the legal floor";
    PartOfBase => nl: "`{0}` hoort bij het basiskader", en: "`{0}` is part of the base framework";
    CannotRemove =>
        nl: "een laag kan criterium `{0}` niet verwijderen",
        en: "a layer cannot remove criterion `{0}`";
    ProposeNewVersion =>
        nl: "een laag voegt toe en maakt strenger; stel een nieuwe versie van het basiskader voor om het basiskader zelf te veranderen",
        en: "a layer adds and tightens; to change the base itself, propose a new version of it";
    OwnCriterion =>
        nl: "`{0}` is een criterium van deze laag, niet van het basiskader",
        en: "`{0}` is a criterion of this layer, not of its base";
    OnlyBaseTightened =>
        nl: "alleen een criterium van het basiskader kan strenger worden gemaakt",
        en: "only a base criterion can be tightened";
    WriteStricterLines =>
        nl: "schrijf de strengere regels in het criterium zelf",
        en: "write the stricter lines in the criterion itself";
    LowerWeight =>
        nl: "gewicht {0} is lager dan het gewicht {1} van criterium `{2}`",
        en: "weight {0} is lower than the weight {1} of criterion `{2}`";
    LowerWeightLoosens =>
        nl: "een lager gewicht maakt het criterium minder streng",
        en: "a lower weight loosens the criterion";
    RaiseWeight =>
        nl: "een laag mag het gewicht alleen verhogen: schrijf `weight {0}` of meer, of verwijder de regel",
        en: "a layer may only raise the weight: write `weight {0}` or more, or remove the line";
    CannotChangeApplies =>
        nl: "een laag kan niet veranderen wanneer criterium `{0}` van toepassing is",
        en: "a layer cannot change when criterion `{0}` applies";
    NarrowingLoosens =>
        nl: "het criterium voor minder locaties laten gelden maakt het minder streng",
        en: "narrowing where a criterion applies loosens it";
    AskMoreOfSome =>
        nl: "verwijder de regel; voeg een `require` toe zoals `require not VOORWAARDE or ...` om van sommige locaties meer te vragen, of een eigen criterium van de laag met `applies when`",
        en: "remove the line; to ask more of some locations, add a `require` such as `require not CONDITION or ...`, or a criterion of the layer's own with `applies when`";
    TightenCannotChange =>
        nl: "een `tighten` kan de `{0}` van criterium `{1}` niet veranderen",
        en: "a `tighten` cannot change the `{0}` of criterion `{1}`";
    NotALayerLine => nl: "geen regel die een laag kan toevoegen", en: "not a line a layer can add";
    WhatTightenDoes =>
        nl: "een `tighten` voegt regels `require` toe, verhoogt het `weight` of voegt `mandatory` toe; voeg voor al het andere een eigen criterium van de laag toe",
        en: "a `tighten` adds `require` lines, raises the `weight` or adds `mandatory`; for anything else, add a criterion of the layer's own";
    AddElseShort =>
        nl: r#"voeg `else "..."` toe dat zegt wat ontbreekt en wat er moet gebeuren"#,
        en: r#"add `else "..."` saying what is missing and what to do"#;
    ThemeOne => nl: "thema {0}", en: "theme {0}";
    ThemesMany => nl: "thema's {0}", en: "themes {0}";
    DropsAllMandatory =>
        nl: "deze regel laat `all mandatory pass` weg voor {0} van het basiskader",
        en: "this rule drops `all mandatory pass` for {0} of the base";
    KeepsKnockOut =>
        nl: "een thema van het basiskader houdt zijn verplichte criteria",
        en: "a theme of the base keeps its knock-out criteria";
    AddAllMandatoryAnd =>
        nl: "voeg `all mandatory pass and` toe aan de regel",
        en: "add `all mandatory pass and` to the rule";
    LowersThreshold =>
        nl: "deze regel verlaagt de drempel van {0} van het basiskader tot {1}",
        en: "this rule lowers the threshold of {0} of the base to {1}";
    RaiseNeverLower =>
        nl: "een laag mag een drempel verhogen, nooit verlagen",
        en: "a layer may raise a threshold, never lower it";
    WriteScoreAtLeast => nl: "schrijf `score >= {0}` of meer", en: "write `score >= {0}` or more";
    OnlyForLayers =>
        nl: "`{0}` is alleen voor een kader dat een ander kader uitbreidt",
        en: "`{0}` is only for a framework that extends another";
    AddExtends =>
        nl: r#"voeg `extends ID version "V"` toe na de regel `framework`, of verwijder dit"#,
        en: r#"add `extends ID version "V"` after the `framework` line, or remove this"#;
    NamesNoBaseCriterion =>
        nl: "`{0} {1}` noemt geen criterium van het basiskader",
        en: "`{0} {1}` names no criterion of the base framework";
    UnknownCriterion => nl: "onbekend criterium", en: "unknown criterion";
    NameBaseCriterion =>
        nl: "noem een criterium van `{0}`, zoals `{1}`",
        en: "name a criterion of `{0}`, such as `{1}`";
    ValueOverGroup =>
        nl: "`{0}` is als waarde gedeclareerd, maar het basiskader heeft bewijsstukken daarbinnen",
        en: "`{0}` is declared as a value, but the base framework has evidence inside it";
    GroupOfBase => nl: "een groep van het basiskader", en: "a group of the base";
    RenameLayerEvidence =>
        nl: "geef het bewijsstuk van de laag een andere naam: `{0}` is een groep van het basiskader, geen waarde",
        en: "give the layer's evidence another name: `{0}` is a group of the base, not a value";
    ThemeOfBase =>
        nl: "thema `{0}` is een thema van het basiskader",
        en: "theme `{0}` is a theme of the base framework";
    CannotRetitle => nl: "een laag kan de titel niet veranderen", en: "a layer cannot retitle it";
    LeaveOutTitle =>
        nl: "laat de titel weg om er criteria aan toe te voegen: `theme {0} { ... }`",
        en: "leave out the title to add criteria to it: `theme {0} { ... }`";
    ThemeTitled =>
        nl: r#"thema `{0}` van `{1}` heeft de titel "{2}""#,
        en: r#"theme `{0}` of `{1}` is titled "{2}""#;
    ThemeNoTitle => nl: "thema `{0}` heeft geen titel", en: "theme `{0}` has no title";
    BaseNoSuchTheme =>
        nl: "het basiskader heeft geen thema met deze id",
        en: "the base has no theme with this id";
    NewThemeTitle => nl: "een nieuw thema heeft een titel nodig", en: "a new theme needs a title";
    MeantBaseTheme =>
        nl: "bedoelde u `{0}`? Een themablok zonder titel voegt toe aan een thema van het basiskader",
        en: "did you mean `{0}`? A theme block without a title adds to a theme of the base";
    GiveThemeTitle =>
        nl: r#"geef het thema een titel: `theme {0} "Titel" { ... }`"#,
        en: r#"give the theme a title: `theme {0} "Titel" { ... }`"#;
    RedeclaredLegal =>
        nl: "criterium `{0}` heeft een wettelijke grondslag in het basiskader; een laag kan het niet opnieuw declareren",
        en: "criterion `{0}` has a legal basis in the base framework; a layer cannot redeclare it";
    ReplacesLegalFloor =>
        nl: "dit zou een deel van de wettelijke ondergrens vervangen",
        en: "this would replace part of the legal floor";
    RedeclaredBase =>
        nl: "criterium `{0}` is al een criterium van het basiskader",
        en: "criterion `{0}` is already a criterion of the base framework";
    CannotRedeclare =>
        nl: "een laag kan een criterium van het basiskader niet opnieuw declareren",
        en: "a layer cannot redeclare a base criterion";
    WriteTighten =>
        nl: "schrijf `tighten {0} { ... }` om het strenger te maken; kies een andere id voor een nieuw criterium",
        en: "to make it stricter, write `tighten {0} { ... }`; for a new criterion, choose another id";
    // compile/: what cannot be compiled
    FrameworkTooLarge =>
        nl: "het kader is te groot om te compileren",
        en: "the framework is too large to compile";
    SplitFramework =>
        nl: "splits het in een basiskader en lagen, of verwijder criteria die niet gebruikt worden",
        en: "split it into a base framework and layers, or remove unused criteria";
    DefineNotCompiled =>
        nl: "een `define` wordt gebruikt voordat hij gecompileerd is",
        en: "a define is used before it is compiled";
    ScoreTooLarge =>
        nl: "thema `{0}` heeft een score die te groot is om exact te tellen",
        en: "theme `{0}` has a score too large to count exactly";
    ScoreTooLargeUnder =>
        nl: "thema `{0}` heeft onder de regel van `{1}` een score die te groot is om exact te tellen",
        en: "theme `{0}` has a score too large to count exactly under the rule of `{1}`";
    NoCommonMultiple =>
        nl: "de hoogste niveaus van zijn criteria met niveaus hebben geen gemeenschappelijk veelvoud waarin kader kan tellen",
        en: "the top levels of its graded criteria have no common multiple kader can count in";
    FewerTopLevels =>
        nl: "geef de `score`-blokken van zijn criteria minder verschillende hoogste niveaus, zoals 4 in elk",
        en: "give the `score` blocks of its criteria fewer different top levels, such as 4 in each";
    WeightsTooLarge =>
        nl: "zijn gewichten zijn te groot voor de hoogste niveaus van zijn criteria met niveaus",
        en: "its weights are too large for the top levels of its graded criteria";
    LowerWeights =>
        nl: "verlaag de gewichten van zijn criteria, of geef hun `score`-blokken minder verschillende hoogste niveaus",
        en: "lower the weights of its criteria, or give their `score` blocks fewer different top levels";
    ThresholdDecimals =>
        nl: "zijn drempel heeft te veel decimalen voor zijn gewichten en niveaus",
        en: "its threshold has too many decimals for its weights and levels";
    FewerDecimals =>
        nl: "schrijf de drempel met minder decimalen, zoals `score >= 66.67%`, of verlaag de gewichten van zijn criteria",
        en: "write the threshold with fewer decimals, such as `score >= 66.67%`, or lower the weights of its criteria";
    // syntax/: reading a file
    LoneCarriageReturn =>
        nl: "dit bestand sluit zijn regels af met alleen een carriage return (CR)",
        en: "this file ends its lines with a carriage return alone (CR)";
    LineEndsWithoutFeed =>
        nl: "hier eindigt een regel zonder line feed",
        en: "a line ends here without a line feed";
    SaveLineEndings =>
        nl: "sla het bestand op met regeleinden LF (Unix) of CR LF (Windows)",
        en: "save the file with LF (Unix) or CR LF (Windows) line endings";
    NestedTooDeep =>
        nl: "haakjes zijn meer dan {0} lagen diep genest",
        en: "brackets are nested more than {0} deep";
    TooDeep => nl: "te diep", en: "too deep";
    ListSingleValues =>
        nl: "een lijst bevat losse waarden: schrijf `list<date>`",
        en: "a list holds single values: write `list<date>`";
    SplitIntoDefines =>
        nl: "splits de voorwaarde in `define`s en gebruik hun namen",
        en: "split the condition into `define`s and use their names";
    // syntax/lower.rs: from pest's pairs to the tree
    ParserDefect =>
        nl: "de parser kwam een vorm tegen die hij niet kent",
        en: "the parser met a shape it does not know";
    ReportDefect =>
        nl: "dit is een fout in kader zelf; meld die, met het bestand erbij",
        en: "this is a defect in kader; please report it with the file";
    ExpectedFound => nl: "{0} verwacht, maar `{1}` gevonden", en: "expected {0}, found `{1}`";
    ExpectedLabel => nl: "{0} verwacht", en: "expected {0}";
    TextInQuotes => nl: "een tekst tussen dubbele aanhalingstekens", en: "a text in double quotes";
    GiveThemeIdTitle =>
        nl: r#"geef het thema een id en een titel: `theme sociaal "Titel" {`"#,
        en: r#"give the theme an id and a title: `theme sociaal "Titel" {`"#;
    ChainTooLong =>
        nl: "deze voorwaarde rijgt meer dan {0} delen aan elkaar",
        en: "this condition chains more than {0} operands";
    SplitIntoDefinesShort =>
        nl: "splits de voorwaarde in `define`s",
        en: "split the condition into `define`s";
    UnknownEscape =>
        nl: r#"`\{0}` in een tekst is geen bekende combinatie met een backslash"#,
        en: r#"unknown escape `\{0}` in a text"#;
    EscapeHelp =>
        nl: r#"verwijder de backslash, of schrijf `\\` voor een backslash; de combinaties zijn `\"`, `\\`, `\n`, `\{` en `\}`"#,
        en: r#"remove the backslash, or write `\\` for a backslash; the escapes are `\"`, `\\`, `\n`, `\{` and `\}`"#;
    BraceNeverClosed =>
        nl: "deze accolade `{` wordt nergens gesloten",
        en: "this `{` is never closed";
    PlaceholderStarts => nl: "hier begint een invulplek", en: "placeholder starts here";
    ClosePlaceholder =>
        nl: r#"sluit de invulplek met `}`, of schrijf `\{` voor een accolade als teken"#,
        en: r#"close the placeholder with `}`, or write `\{` for a literal brace"#;
    ClosesNoPlaceholder =>
        nl: "dit sluithaakje `}` sluit geen invulplek af",
        en: "this `}` closes no placeholder";
    WriteClosingBrace =>
        nl: r#"schrijf `\}` voor een accolade als teken"#,
        en: r#"write `\}` for a literal brace"#;
    PeriodTooLong =>
        nl: "deze periode is langer dan kader kan tellen",
        en: "this period is longer than kader can count";
    PeriodAtMost =>
        nl: "schrijf een periode van hoogstens 100000 eenheden",
        en: "write a period of at most 100000 units";
    NotInCalendar =>
        nl: "`{0}` staat niet in de kalender",
        en: "`{0}` is not a date in the calendar";
    WriteExistingDate =>
        nl: "schrijf een bestaande datum als JJJJ-MM-DD, zoals `2026-02-28`",
        en: "write an existing date as YYYY-MM-DD, such as `2026-02-28`";
    NoMonth => nl: "er is geen maand {0}", en: "there is no month {0}";
    NoDayZero => nl: "er is geen dag 0", en: "there is no day 0";
    NoSuchDay => nl: "{0} {1} heeft geen {2} dag", en: "{0} {1} has no {2}";
    DayOrdinal => nl: "{0}e", en: "{0}{1}";
    NestedLevels =>
        nl: "deze voorwaarde is meer dan {0} lagen diep genest",
        en: "this condition is nested more than {0} levels deep";
    NumberTooLarge => nl: "dit getal is te groot", en: "this number is too large";
    SignificantDigits =>
        nl: "een getal heeft hoogstens 28 significante cijfers",
        en: "numbers have at most 28 significant digits";
    AttrTwice => nl: "`{0}` staat er twee keer", en: "`{0}` is given twice";
    // syntax/wording.rs: what the parser expected, in an author's words
    TextNeverClosed => nl: "deze tekst wordt niet afgesloten", en: "this text is never closed";
    ClosingQuoteMissing =>
        nl: r#"het afsluitende `"` ontbreekt"#,
        en: r#"the closing `"` is missing"#;
    EndText =>
        nl: r#"sluit de tekst af met `"` op dezelfde regel; schrijf `\"` voor een aanhalingsteken in een tekst"#,
        en: r#"end the text with `"` on the same line; write `\"` for a quote inside a text"#;
    ElseBeforeMessage =>
        nl: "`else` verwacht vóór de melding",
        en: "expected `else` before the message";
    ElseMissing => nl: "vóór deze tekst ontbreekt `else`", en: "`else` is missing before this text";
    RequireWithMessage =>
        nl: r#"schrijf een eis met een melding als `require VOORWAARDE else "melding"`"#,
        en: r#"write a requirement with a message as `require CONDITION else "message"`"#;
    OperatorBefore =>
        nl: "een operator zoals `>=` verwacht vóór `{0}`",
        en: "expected an operator such as `>=` before `{0}`";
    OperatorMissing =>
        nl: "vóór deze waarde ontbreekt een operator",
        en: "an operator is missing before this value";
    CompareOrTest =>
        nl: "vergelijk met `>=`, `<=`, `==` of `!=`, of toets een datum met `within 12 months`",
        en: "compare with `>=`, `<=`, `==` or `!=`, or test a date with `within 12 months`";
    UnexpectedEnd => nl: "het bestand houdt onverwacht op", en: "unexpected end of the file";
    ExpectedFoundEnd =>
        nl: "{0} verwacht, maar het bestand houdt op",
        en: "expected {0}, found the end of the file";
    ExpectedAfter => nl: "{0} verwacht na `{1}`", en: "expected {0} after `{1}`";
    Unexpected => nl: "`{0}` hoort hier niet", en: "unexpected `{0}`";
    NotClosedYet => nl: "{0} is nog niet afgesloten", en: "{0} is not closed yet";
    BlockTheme => nl: "thema `{0}`", en: "theme `{0}`";
    BlockCriterion => nl: "criterium `{0}`", en: "criterion `{0}`";
    BlockOf => nl: "het blok `{0}`", en: "the `{0}` block";
    BlockOpenedHere => nl: "het blok dat hier begint", en: "the block opened here";
    EndOfFile => nl: "het einde van het bestand", en: "the end of the file";
    EvidenceDeclaration => nl: "een declaratie van een bewijsstuk", en: "an evidence declaration";
    AType => nl: "een type", en: "a type";
    ALevel => nl: "een niveau (`2 when ...`)", en: "a level (`2 when ...`)";
    AComparison => nl: "een vergelijking zoals `>=`", en: "a comparison such as `>=`";
    AnOperator => nl: "een operator", en: "an operator";
    AUnit =>
        nl: "een eenheid (`days`, `weeks`, `months` of `years`)",
        en: "a unit (`days`, `weeks`, `months` or `years`)";
    TrueOrFalse => nl: "`true` of `false`", en: "`true` or `false`";
    AnEvidencePath => nl: "een bewijspad", en: "an evidence path";
    AName => nl: "een naam", en: "a name";
    ACondition => nl: "een voorwaarde", en: "a condition";
    ACriterionLine => nl: "een regel van een criterium", en: "a criterion line";
    AValueOrPath => nl: "een waarde of een bewijspad", en: "a value or an evidence path";
    AnOperatorSuchAs =>
        nl: "een operator zoals `>=` of `and`",
        en: "an operator such as `>=` or `and`";
    StartFramework =>
        nl: r#"een kaderbestand begint met `framework ID "titel" version "1"`"#,
        en: r#"a framework file starts with `framework ID "title" version "1"`"#;
    AddMissingBrace =>
        nl: "het bestand houdt op voordat dit blok is afgesloten: voeg het ontbrekende sluithaakje `}` toe",
        en: "the file ends before this block is closed: add the missing `}`";
    StopsMidLine =>
        nl: "het bestand houdt midden in een regel op: ontbreekt de rest?",
        en: "the file stops in the middle of a line: is the rest of it missing?";
    BraceMissingAbove =>
        nl: "`{0}` kan niet binnen een blok staan: ontbreekt er een sluithaakje `}` boven deze regel?",
        en: "`{0}` cannot stand inside a block: is a `}` missing above this line?";
    CriterionLines =>
        nl: "een criterium bevat de regels `mandatory`, `weight`, `legal`, `owner`, `applies when`, `require`, `score` en `guidance`",
        en: "a criterion holds the lines `mandatory`, `weight`, `legal`, `owner`, `applies when`, `require`, `score` and `guidance`";
    NoneOfThem => nl: "{0}; `{1}` hoort daar niet bij", en: "{0}; `{1}` is none of them";
    NoneOfThemNorCondition =>
        nl: "{0}; `{1}` hoort daar niet bij en zet ook de voorwaarde niet voort",
        en: "{0}; `{1}` is none of them, and it does not continue the condition either";
    OnlyCriterionBlocks =>
        nl: r#"een thema bevat alleen blokken `criterion`: `criterion ID "titel" { ... }`"#,
        en: r#"a theme holds only `criterion` blocks: `criterion ID "title" { ... }`"#;
    TheTypes =>
        nl: "de types zijn bool, int, number, percent, date, text, enum(a, b) en list<T>",
        en: "the types are bool, int, number, percent, date, text, enum(a, b) and list<T>";
    WritePeriod =>
        nl: "schrijf een periode als een geheel getal met een eenheid: `12 months`, `30 days`, `2 years`",
        en: "write a period as a whole number and a unit: `12 months`, `30 days`, `2 years`";
    WriteThemeThreshold =>
        nl: "schrijf de drempel van een thema als `score >= 60%`",
        en: "write a theme's threshold as `score >= 60%`";
    DefineNameOneWord =>
        nl: "de naam van een `define` is één woord zonder punten, zoals `define recent_monitor = ...`",
        en: "a define's name is one word without dots, such as `define recent_monitor = ...`";
    DeclareEvidenceAs =>
        nl: r#"declareer een bewijsstuk als `pad : type "omschrijving"`, zoals `monitor.last_run : date "Datum laatste monitor"`"#,
        en: r#"declare evidence as `path : type "label"`, such as `monitor.last_run : date "Datum laatste monitor"`"#;
    GiveCriterionIdTitle =>
        nl: r#"geef het criterium een id en een titel: `criterion S1 "Titel" {`"#,
        en: r#"give the criterion an id and a title: `criterion S1 "Titel" {`"#;
    FirstLineReads =>
        nl: r#"de eerste regel luidt `framework ID "titel" version "1"`"#,
        en: r#"the first line reads `framework ID "title" version "1"`"#;
    WriteTextInQuotes =>
        nl: r#"zet de tekst tussen dubbele aanhalingstekens, zoals `"Titel"`"#,
        en: r#"write the text between double quotes, such as `"Titel"`"#;
    WriteWeight =>
        nl: "schrijf het gewicht als een geheel getal, zoals `weight 2`",
        en: "write the weight as a whole number, such as `weight 2`";
    WriteWholeNumber =>
        nl: "schrijf een geheel getal, zoals `12 months` of `2 when ...`",
        en: "write a whole number, such as `12 months` or `2 when ...`";
    WriteName =>
        nl: "schrijf een naam van letters, cijfers en `_` die met een letter begint (een naam kan geen sleutelwoord zijn, zoals `theme` of `score`)",
        en: "write a name of letters, digits and `_`, starting with a letter (a name cannot be a keyword such as `theme` or `score`)";
    ScoringRuleReads =>
        nl: "een scoringsregel luidt `theme passes when all mandatory pass and score >= 60%` of `certified when all themes pass`",
        en: "a scoring rule reads `theme passes when all mandatory pass and score >= 60%` or `certified when all themes pass`";
    AfterHeader =>
        nl: "na de kop komen het blok `evidence`, de `define`s, de `theme`s en het blok `scoring`",
        en: "after the header come the `evidence` block, `define`s, `theme`s and the `scoring` block";
    CompleteCondition =>
        nl: "maak de voorwaarde af: `and`, `or` en een vergelijking hebben aan beide kanten een waarde nodig",
        en: "complete the condition: `and`, `or` and a comparison need a value on each side";
    LevelReads =>
        nl: "een niveau luidt `2 when VOORWAARDE`, en `applies` luidt `applies when VOORWAARDE`",
        en: "a score level reads `2 when CONDITION`, and `applies` reads `applies when CONDITION`";
    ClosesNoBlock =>
        nl: "dit sluithaakje `}` sluit geen blok af: verwijder het",
        en: "this `}` closes no block: remove it";
    CheckAgainstExamples =>
        nl: "vergelijk de regel met de voorbeelden in docs/language.md",
        en: "check the line against the examples in docs/language.md";
    WriteHere => nl: "schrijf hier {0}", en: "write {0} here";
    // resolve.rs: finding a layer's base, and the host's limits
    SourceTooLarge =>
        nl: "dit kader is {0} bytes groot, meer dan de {1} bytes die kader aanneemt",
        en: "this framework is {0} bytes, more than the {1} bytes kader accepts";
    TooManyCriteria =>
        nl: "dit kader heeft {0} criteria, meer dan de {1} die kader aanneemt",
        en: "this framework has {0} criteria, more than the {1} kader accepts";
    SplitOrRaiseLimit =>
        nl: "splits het in een basiskader en lagen, of vraag de beheerder de grens te verhogen",
        en: "split it into a base framework and layers, or ask the host to raise its limit";
    NoResolver =>
        nl: "dit kader breidt `{0}` uit, maar er is niets opgegeven om dat kader te vinden",
        en: "this framework extends `{0}`, but nothing was given to find it";
    GiveResolver =>
        nl: "compileer een laag met `Framework::compile_with` en een resolver; geef op de opdrachtregel de map met de kaders op met `--frameworks MAP`",
        en: "compile a layer with `Framework::compile_with` and a resolver; on the command line, give the folder of the frameworks with `--frameworks DIR`";
    ExtendInCircle =>
        nl: "deze kaders breiden elkaar in een kring uit: {0}",
        en: "these frameworks extend each other in a circle: {0}";
    RemoveOneExtends =>
        nl: "een kader breidt zijn basiskader uit, nooit een laag op zichzelf: verwijder een van de regels `extends`",
        en: "a framework extends its base, never a layer on itself: remove one `extends`";
    TooManyLayers =>
        nl: "hier staan meer dan {0} kaders op elkaar",
        en: "more than {0} frameworks stack on each other here";
    ExtendCloser =>
        nl: "breid een kader uit dat dichter bij het basiskader staat",
        en: "extend a framework closer to the basiskader";
    CannotFindFramework => nl: "kader `{0}` is niet te vinden", en: "cannot find framework `{0}`";
    CheckFrameworkId =>
        nl: "controleer de id, en of het kader staat waar de toepassing het zoekt",
        en: "check the id, and that the framework is where the application looks for it";
    DeclaresOtherFramework =>
        nl: "`{0}` declareert kader `{1}`, niet `{2}`",
        en: "`{0}` declares framework `{1}`, not `{2}`";
    NameByFrameworkLine =>
        nl: "noem het kader bij de id op zijn regel `framework`",
        en: "name the framework by the id on its `framework` line";
    OtherVersion =>
        nl: r#"deze laag breidt `{0}` versie "{1}" uit, maar van `{0}` is versie "{2}" beschikbaar"#,
        en: r#"this layer extends `{0}` version "{1}", but the available `{0}` is version "{2}""#;
    HasVersion => nl: r#"`{0}` heeft versie "{1}""#, en: r#"`{0}` has version "{1}""#;
    ReviewAgainstVersion =>
        nl: r#"toets de laag aan versie "{1}" van `{0}` en schrijf dan `extends {0} version "{1}"`"#,
        en: r#"review the layer against version "{1}" of `{0}`, then write `extends {0} version "{1}"`"#;
    BaseHasOneError =>
        nl: "het basiskader `{0}` heeft 1 fout",
        en: "the base framework `{0}` has 1 error";
    BaseHasErrors =>
        nl: "het basiskader `{0}` heeft {1} fouten",
        en: "the base framework `{0}` has {1} errors";
    CheckBaseFirst =>
        nl: "voer `kader check` uit op `{0}` en verbeter dat eerst",
        en: "run `kader check` on `{0}` and fix it first";
    // ------------------------------------------------------------ analysis lints
    NeverPasses =>
        nl: "criterium `{0}` kan nooit voldoen: geen enkele waarde van de gegevens laat het voldoen",
        en: "criterion `{0}` can never pass: no value of its evidence makes it pass";
    NeverPassesHelp =>
        nl: "controleer of de eisen elkaar niet uitsluiten en of de drempels binnen bereik liggen",
        en: "check that its requirements do not rule each other out and that its thresholds can be met";
    AlwaysPasses =>
        nl: "criterium `{0}` voldoet altijd waar het van toepassing is, welke gegevens ook worden aangeleverd",
        en: "criterion `{0}` passes wherever it applies, whatever evidence is supplied";
    AlwaysPassesHelp =>
        nl: "alleen ontbrekende gegevens houden het tegen; scherp de eis aan, of maak er `present(...)` van als aanleveren genoeg is",
        en: "only missing evidence holds it back; tighten the requirement, or write `present(...)` if supplying it is enough";
    ImpliedRequire =>
        nl: "deze `require` geldt altijd als een andere `require` van dit criterium geldt, en voegt dus niets toe",
        en: "this `require` holds whenever another `require` of this criterion does, so it adds nothing";
    ImpliedBy => nl: "deze eis omvat haar", en: "this requirement covers it";
    ImpliedRequireHelp =>
        nl: "verwijder haar, of schrijf de eis die zij had moeten toevoegen",
        en: "remove it, or write the requirement it was meant to add";
    LevelUnreached =>
        nl: "niveau {0} wordt door geen enkele waarde van de gegevens bereikt",
        en: "level {0} is reached by no value of the evidence";
    LevelUnreachedHelp =>
        nl: "controleer de voorwaarde van dit niveau en de eisen van het criterium",
        en: "check this level's condition and the criterion's requirements";
    NeverTurnsTheme =>
        nl: "criterium `{0}` verandert nooit of thema `{1}` voldoet: het thema voldoet of faalt, wat dit criterium ook oplevert",
        en: "criterion `{0}` never changes whether theme `{1}` passes: the theme passes or fails whatever this criterion gives";
    NeverTurnsThemeHelp =>
        nl: "geef het een groter gewicht, maak het `mandatory` (met `all mandatory pass` in de regel), of verplaats het naar een thema waar het meetelt",
        en: "give it a larger weight, make it `mandatory` (with `all mandatory pass` in the rule), or move it to a theme where it counts";
    ThemeNeverPasses =>
        nl: "thema `{0}` kan nooit voldoen: geen enkele school haalt zijn regel",
        en: "theme `{0}` can never pass: no school meets its rule";
    ThemeNeverPassesHelp =>
        nl: "controleer de drempel en de criteria die nooit kunnen voldoen",
        en: "check the threshold and any criteria that can never pass";
    MidtermOutside =>
        nl: "de tussentijdse toets na {0} valt niet binnen de geldigheid van het certificaat ({1})",
        en: "a mid-term check after {0} does not fall within the certificate's validity ({1})";
    MidtermOutsideLabel => nl: "niet binnen de geldigheid", en: "not within the validity";
    WriteMidterm =>
        nl: "schrijf een periode korter dan de geldigheid, zoals `midterm 18 months`",
        en: "write a period shorter than the validity, such as `midterm 18 months`";
    VerifiedTwice =>
        nl: "`audit requires verified` staat al in de kop van het kader en geldt dus al voor criterium `{0}`",
        en: "`audit requires verified` is already in the framework's header, so it already holds for criterion `{0}`";
    VerifiedTwiceHelp => nl: "laat deze regel weg", en: "leave this line out";
    // end of english
}
