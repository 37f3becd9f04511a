//! Error wording: where pest stopped and what it would have taken there,
//! turned into a diagnostic in words a framework author knows; pest's rule
//! names never reach a message.

use super::ast::Span;
use super::brackets::brackets;
use super::grammar::Rule;
use crate::diagnostic::{say, Diagnostic, Text};

/// Where pest stopped and what it would have taken there.
pub(super) fn error_site(error: &pest::error::Error<Rule>) -> (usize, &[Rule]) {
    let offset = match error.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((s, _)) => s,
    };
    let positives: &[Rule] = match &error.variant {
        pest::error::ErrorVariant::ParsingError { positives, .. } => positives,
        pest::error::ErrorVariant::CustomError { .. } => &[],
    };
    (offset, positives)
}

/// Turns what pest expected at `offset` into a diagnostic in words a
/// framework author knows.
pub(super) fn parse_error(source: &str, offset: usize, positives: &[Rule]) -> Diagnostic {
    let found = found_at(source, offset);
    let expected = describe(positives);

    // A text without its closing quote: pest only sees that no text fits here.
    if found.kind == FoundKind::Text && !found.closed {
        return Diagnostic::error("E0101", found.span, say!(TextNeverClosed))
            .with_label(say!(ClosingQuoteMissing))
            .with_help(say!(EndText));
    }

    // A message text where the parser wanted `else` first.
    if found.kind == FoundKind::Text && positives.contains(&Rule::kw_else) {
        return Diagnostic::error("E0101", found.span, say!(ElseBeforeMessage))
            .with_label(say!(ElseMissing))
            .with_help(say!(RequireWithMessage));
    }

    // Two values side by side in a condition: the operator between them is missing.
    let continuations = positives
        .iter()
        .filter(|r| continues_condition(**r))
        .count();
    if matches!(found.kind, FoundKind::Number | FoundKind::Text) && continuations >= 3 {
        return Diagnostic::error("E0101", found.span, say!(OperatorBefore, &found.text))
            .with_label(say!(OperatorMissing))
            .with_help(say!(CompareOrTest));
    }

    let code_end = code_end_before(source, offset);
    let line_break_before = source
        .get(code_end..offset)
        .is_some_and(|gap| gap.contains('\n'));
    // Nothing here may start a new line, yet the next token is on one: what
    // is missing belongs at the end of the line above, so point there.
    let missing_at_line_end = found.kind != FoundKind::End
        && line_break_before
        && !positives.iter().any(|r| starts_line(*r))
        && !criterion_lines(positives)
        && code_end > 0;
    let (span, message) = if found.kind == FoundKind::End {
        let at = Span::new(code_end, code_end);
        if expected.is_empty() {
            (at, say!(UnexpectedEnd))
        } else {
            (at, say!(ExpectedFoundEnd, expected.clone()))
        }
    } else if missing_at_line_end && !expected.is_empty() {
        let previous = token_before(source, code_end);
        (
            Span::new(code_end, code_end),
            say!(ExpectedAfter, expected.clone(), previous),
        )
    } else if expected.is_empty() {
        (found.span, say!(Unexpected, &found.text))
    } else {
        (
            found.span,
            say!(ExpectedFound, expected.clone(), &found.text),
        )
    };
    let line = line_word(source, span.start);
    let mut d = Diagnostic::error("E0101", span, message);
    if !expected.is_empty() {
        d = d.with_label(say!(ExpectedLabel, expected));
    }
    let needs_brace = positives.contains(&Rule::rbrace)
        && (found.kind == FoundKind::End || (line_break_before && is_item_keyword(&found.text)));
    if needs_brace {
        if let Some((open, block)) = unclosed_brace(source, offset) {
            d = d.with_related(open, say!(NotClosedYet, block));
        }
    }
    d.with_help(help_for(positives, &found, line, needs_brace))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum FoundKind {
    /// The end of the file.
    End,
    /// A word: a keyword, a name or a path.
    Word,
    /// A number, a percentage or a date.
    Number,
    /// A text in double quotes.
    Text,
    /// Anything else: a bracket, an operator.
    Other,
}

/// What the parser met where it stopped: the whole token, not one character.
struct Found {
    kind: FoundKind,
    /// The token as shown in the message (a long text is shortened).
    text: String,
    /// The whole token in the source.
    span: Span,
    /// For a text: whether its closing quote is on the same line.
    closed: bool,
}

fn found_at(source: &str, offset: usize) -> Found {
    let rest = source.get(offset..).unwrap_or("");
    let Some(first) = rest.chars().next() else {
        return Found {
            kind: FoundKind::End,
            text: String::new(),
            span: Span::new(offset, offset),
            closed: true,
        };
    };
    let take = |keep: &dyn Fn(char) -> bool| -> usize {
        rest.char_indices()
            .find(|(_, c)| !keep(*c))
            .map_or(rest.len(), |(i, _)| i)
    };
    let mut closed = true;
    let (kind, len) = if first.is_ascii_digit() {
        let len = take(&|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '%' | '_'));
        (FoundKind::Number, len)
    } else if first.is_alphanumeric() || first == '_' {
        (
            FoundKind::Word,
            take(&|c| c.is_alphanumeric() || matches!(c, '_' | '.')),
        )
    } else if first == '"' {
        let body = rest.get(1..).unwrap_or("");
        let mut escaped = false;
        let mut end = body.find('\n').unwrap_or(body.len());
        closed = false;
        for (i, c) in body.char_indices() {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' || c == '\n' {
                closed = c == '"';
                end = if closed { i + 1 } else { i };
                break;
            }
        }
        (FoundKind::Text, 1 + end)
    } else if matches!(first, '<' | '>' | '=' | '!') {
        (
            FoundKind::Other,
            take(&|c| matches!(c, '<' | '>' | '=' | '!')),
        )
    } else {
        (FoundKind::Other, first.len_utf8())
    };
    let token = rest.get(..len).unwrap_or("");
    Found {
        kind,
        text: shorten(token),
        span: Span::new(offset, offset + len),
        closed,
    }
}

/// A long token (a text, usually) cut to a length that fits a message.
fn shorten(token: &str) -> String {
    const MAX: usize = 32;
    if token.chars().count() <= MAX {
        return token.to_string();
    }
    let head: String = token.chars().take(MAX - 4).collect();
    if token.starts_with('"') {
        format!("{head}...\"")
    } else {
        format!("{head}...")
    }
}

/// The end of the last code before `offset`, skipping blanks and comments.
pub(super) fn code_end_before(source: &str, offset: usize) -> usize {
    let mut end = offset.min(source.len());
    loop {
        let trimmed = source.get(..end).unwrap_or("").trim_end();
        let line_start = trimmed.rfind('\n').map_or(0, |i| i + 1);
        let line = trimmed.get(line_start..).unwrap_or("");
        match comment_start(line) {
            Some(at) => end = line_start + at,
            None => return trimmed.len(),
        }
    }
}

/// Where a `//` comment starts on a line, outside any text.
fn comment_start(line: &str) -> Option<usize> {
    let mut in_text = false;
    let mut escaped = false;
    let mut previous_slash = false;
    for (i, c) in line.char_indices() {
        if in_text {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_text = false;
            }
        } else if c == '"' {
            in_text = true;
        } else if c == '/' && previous_slash {
            return Some(i - 1);
        }
        previous_slash = !in_text && c == '/';
    }
    None
}

/// The token that ends at `end`: a word, a number or a whole text.
fn token_before(source: &str, end: usize) -> String {
    let before = source.get(..end).unwrap_or("");
    let start = if before.ends_with('"') {
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let inner = before.get(line_start..before.len() - 1).unwrap_or("");
        inner.rfind('"').map_or(line_start, |i| line_start + i)
    } else {
        before
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8())
    };
    shorten(before.get(start..).unwrap_or(""))
}

/// The first word of the line that holds `offset`: says what the line is.
fn line_word(source: &str, offset: usize) -> &str {
    let before = source.get(..offset.min(source.len())).unwrap_or("");
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    source
        .get(line_start..)
        .unwrap_or("")
        .split_whitespace()
        .next()
        .unwrap_or("")
}

/// The innermost `{` before `offset` that no `}` closes, and what it opens
/// (`theme `fysiek``, say).
fn unclosed_brace(source: &str, offset: usize) -> Option<(Span, Text)> {
    let mut open: Vec<usize> = Vec::new();
    for (at, c) in brackets(source).take_while(|(at, _)| *at < offset) {
        match c {
            '{' => open.push(at),
            '}' => {
                open.pop();
            }
            _ => {}
        }
    }
    let at = *open.last()?;
    let line_start = source
        .get(..at)
        .unwrap_or("")
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let mut words = source.get(line_start..at).unwrap_or("").split_whitespace();
    let block = match (words.next(), words.next()) {
        (Some("theme"), Some(id)) => say!(BlockTheme, id),
        (Some("criterion"), Some(id)) => say!(BlockCriterion, id),
        (Some(kind @ ("evidence" | "scoring" | "score")), _) => say!(BlockOf, kind),
        _ => say!(BlockOpenedHere),
    };
    Some((Span::new(at, at + 1), block))
}

/// Whether the parser would take this at the start of a line: a criterion
/// line, a block, a `}`.
fn starts_line(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::EOI
            | Rule::file
            | Rule::header
            | Rule::framework_decl
            | Rule::kw_framework
            | Rule::rbrace
            | Rule::criterion
            | Rule::kw_criterion
            | Rule::language_decl
            | Rule::kw_language
            | Rule::validity_decl
            | Rule::kw_validity
            | Rule::midterm_decl
            | Rule::kw_midterm
            | Rule::audit_verified
            | Rule::kw_audit
            | Rule::evidence_block
            | Rule::kw_evidence
            | Rule::evidence_decl
            | Rule::define
            | Rule::kw_define
            | Rule::theme
            | Rule::kw_theme
            | Rule::theme_rule
            | Rule::scoring
            | Rule::kw_scoring
            | Rule::certified_rule
            | Rule::kw_certified
            | Rule::level
            | Rule::otherwise
    )
}

/// Whether the parser would take a new criterion line here (and not, say,
/// the `score` or `mandatory` of a scoring rule).
fn criterion_lines(rules: &[Rule]) -> bool {
    rules.iter().filter(|r| is_attribute(**r)).count() >= 3
}

fn is_attribute(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::mandatory
            | Rule::kw_mandatory
            | Rule::weight
            | Rule::kw_weight
            | Rule::legal
            | Rule::kw_legal
            | Rule::owner
            | Rule::kw_owner
            | Rule::applies
            | Rule::kw_applies
            | Rule::require
            | Rule::kw_require
            | Rule::score_block
            | Rule::kw_score
            | Rule::guidance
            | Rule::kw_guidance
            | Rule::audit_verified
            | Rule::kw_audit
    )
}

/// Whatever may follow a complete value inside a condition.
fn continues_condition(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::compare
            | Rule::cmp_op
            | Rule::add_op
            | Rule::mul_op
            | Rule::kw_and
            | Rule::kw_or
            | Rule::kw_not
            | Rule::not_in_set
            | Rule::kw_in
            | Rule::in_set
            | Rule::kw_within
            | Rule::within
            | Rule::kw_before
            | Rule::before
            | Rule::kw_after
            | Rule::after
    )
}

fn is_item_keyword(word: &str) -> bool {
    matches!(
        word,
        "evidence" | "define" | "theme" | "scoring" | "criterion"
    )
}

/// The rules that start a value.
const VALUE_RULES: [Rule; 8] = [
    Rule::percent,
    Rule::date,
    Rule::number,
    Rule::string,
    Rule::boolean,
    Rule::present,
    Rule::count,
    Rule::path,
];

/// Whether the parser would take a value here: one of many kinds.
fn takes_value(rules: &[Rule]) -> bool {
    rules.iter().filter(|r| VALUE_RULES.contains(r)).count() >= 3
}

/// Words for what the parser expected, deduplicated, in a stable order: a
/// closing bracket first, then keywords, then kinds of line and value.
fn describe(rules: &[Rule]) -> Vec<Text> {
    let is_value = takes_value(rules);
    let attributes = criterion_lines(rules);
    let continuations = rules.iter().filter(|r| continues_condition(**r)).count() >= 3;
    let has_items = rules.iter().any(|r| *r != Rule::EOI && starts_line(*r));

    let mut words: Vec<(u8, Text)> = Vec::new();
    let mut add = |rank: u8, word: Option<Text>| {
        if let Some(word) = word {
            if !words.iter().any(|(_, w)| *w == word) {
                words.push((rank, word));
            }
        }
    };
    for rule in rules {
        match rule {
            Rule::rbrace | Rule::rparen | Rule::rangle => add(0, rule_word(*rule)),
            // Where more could follow, "the end of the file" is no help.
            Rule::EOI if has_items => {}
            r if attributes && is_attribute(*r) => add(3, Some(say!(ACriterionLine))),
            r if is_value && (VALUE_RULES.contains(r) || matches!(r, Rule::neg | Rule::not_op)) => {
                add(4, Some(say!(AValueOrPath)));
            }
            r if continuations && continues_condition(*r) => {
                add(5, Some(say!(AnOperatorSuchAs)));
            }
            r => add(2, rule_word(*r)),
        }
    }
    words.sort_by_key(|(rank, _)| *rank);
    words.into_iter().map(|(_, word)| word).collect()
}

/// The keyword a rule starts with, for "did you mean ...?".
fn keyword_of(rule: Rule) -> &'static [&'static str] {
    match rule {
        Rule::mandatory | Rule::kw_mandatory => &["mandatory"],
        Rule::weight | Rule::kw_weight => &["weight"],
        Rule::legal | Rule::kw_legal => &["legal"],
        Rule::owner | Rule::kw_owner => &["owner"],
        Rule::applies | Rule::kw_applies => &["applies"],
        Rule::require | Rule::kw_require => &["require"],
        Rule::score_block | Rule::kw_score | Rule::score_at_least => &["score"],
        Rule::guidance | Rule::kw_guidance => &["guidance"],
        Rule::criterion | Rule::kw_criterion => &["criterion"],
        Rule::theme | Rule::kw_theme | Rule::theme_rule => &["theme"],
        Rule::define | Rule::kw_define => &["define"],
        Rule::evidence_block | Rule::kw_evidence => &["evidence"],
        Rule::scoring | Rule::kw_scoring => &["scoring"],
        Rule::file | Rule::header | Rule::framework_decl | Rule::kw_framework => &["framework"],
        Rule::language_decl | Rule::kw_language => &["language"],
        Rule::validity_decl | Rule::kw_validity => &["validity"],
        Rule::midterm_decl | Rule::kw_midterm => &["midterm"],
        Rule::audit_verified | Rule::kw_audit => &["audit"],
        Rule::certified_rule | Rule::kw_certified => &["certified"],
        Rule::all_mandatory | Rule::kw_all => &["all"],
        Rule::kw_version => &["version"],
        Rule::kw_when => &["when"],
        Rule::kw_else => &["else"],
        Rule::kw_otherwise | Rule::otherwise => &["otherwise"],
        Rule::kw_passes => &["passes"],
        Rule::kw_pass => &["pass"],
        Rule::kw_themes => &["themes"],
        Rule::kw_and => &["and"],
        Rule::kw_or => &["or"],
        Rule::kw_within | Rule::within => &["within"],
        Rule::kw_before | Rule::before => &["before"],
        Rule::kw_after | Rule::after => &["after"],
        Rule::kw_list => &["list"],
        Rule::kw_enum => &["enum"],
        Rule::type_expr | Rule::scalar_type => &[
            "bool", "int", "number", "percent", "date", "text", "list", "enum",
        ],
        Rule::unit => &["days", "weeks", "months", "years"],
        _ => &[],
    }
}

/// Dutch words authors write for an English keyword of the language.
const DUTCH: &[(&str, &str)] = &[
    ("datum", "date"),
    ("tekst", "text"),
    ("getal", "number"),
    ("geheel", "int"),
    ("lijst", "list"),
    ("ja_nee", "bool"),
    ("dag", "days"),
    ("dagen", "days"),
    ("week", "weeks"),
    ("weken", "weeks"),
    ("maand", "months"),
    ("maanden", "months"),
    ("jaar", "years"),
    ("jaren", "years"),
    ("verplicht", "mandatory"),
    ("gewicht", "weight"),
    ("eigenaar", "owner"),
    ("wet", "legal"),
    ("eis", "require"),
    ("anders", "else"),
    ("wanneer", "when"),
    ("binnen", "within"),
    ("voor", "before"),
    ("na", "after"),
    ("en", "and"),
    ("of", "or"),
    ("niet", "not"),
];

/// The keyword the author probably meant, if `word` is close to one that
/// may stand here.
fn meant_keyword(rules: &[Rule], word: &str) -> Option<&'static str> {
    let candidates: Vec<&'static str> =
        rules.iter().flat_map(|r| keyword_of(*r)).copied().collect();
    let lower = word.to_lowercase();
    if let Some((_, english)) = DUTCH.iter().find(|(dutch, _)| *dutch == lower) {
        if candidates.contains(english) {
            return Some(english);
        }
    }
    crate::suggest::nearest(&lower, candidates.iter().copied()).or_else(|| {
        candidates
            .iter()
            .copied()
            .find(|c| *c == lower && *c != word)
    })
}

fn help_for(rules: &[Rule], found: &Found, line: &str, needs_brace: bool) -> Text {
    if found.kind == FoundKind::Word {
        if let Some(keyword) = meant_keyword(rules, &found.text) {
            return say!(DidYouMean, keyword);
        }
    }
    // `=>` and `=<`: a comparison written back to front.
    let compares = rules.contains(&Rule::compare) || rules.contains(&Rule::cmp_op);
    match found.text.as_str() {
        "=>" if compares || rules.contains(&Rule::at_least) => return say!(DidYouMean, ">="),
        "=<" if compares => return say!(DidYouMean, "<="),
        _ => {}
    }
    if found.kind == FoundKind::End {
        return if rules.contains(&Rule::kw_framework) {
            say!(StartFramework)
        } else if needs_brace {
            say!(AddMissingBrace)
        } else {
            say!(StopsMidLine)
        };
    }
    if needs_brace {
        return say!(BraceMissingAbove, &found.text);
    }
    let has = |rule: Rule| rules.contains(&rule);
    let continues = rules.iter().any(|r| continues_condition(*r));
    if criterion_lines(rules) {
        return if continues {
            say!(NoneOfThemNorCondition, say!(CriterionLines), &found.text)
        } else {
            say!(NoneOfThem, say!(CriterionLines), &found.text)
        };
    }
    if has(Rule::kw_criterion) || has(Rule::criterion) {
        return say!(OnlyCriterionBlocks);
    }
    if has(Rule::type_expr) || has(Rule::scalar_type) {
        return say!(TheTypes);
    }
    if has(Rule::unit) {
        return say!(WritePeriod);
    }
    if has(Rule::at_least) || (has(Rule::percent) && rules.len() == 1) {
        return say!(WriteThemeThreshold);
    }
    if line == "define" && has(Rule::equals) {
        return say!(DefineNameOneWord);
    }
    if has(Rule::colon) {
        return say!(DeclareEvidenceAs);
    }
    if has(Rule::string) && rules.len() == 1 {
        return match line {
            "criterion" => say!(GiveCriterionIdTitle),
            "theme" => say!(GiveThemeIdTitle),
            "framework" => say!(FirstLineReads),
            _ => say!(WriteTextInQuotes),
        };
    }
    if has(Rule::integer) && rules.len() == 1 {
        return match line {
            "weight" => say!(WriteWeight),
            "validity" => say!(WriteValidity),
            _ => say!(WriteWholeNumber),
        };
    }
    if has(Rule::ident) && rules.len() == 1 {
        return say!(WriteName);
    }
    let scoring_words = [
        Rule::kw_certified,
        Rule::certified_rule,
        Rule::kw_passes,
        Rule::kw_pass,
        Rule::kw_all,
        Rule::all_mandatory,
        Rule::score_at_least,
        Rule::kw_themes,
    ];
    if rules.iter().any(|r| scoring_words.contains(r)) {
        return say!(ScoringRuleReads);
    }
    if has(Rule::kw_framework) {
        return say!(StartFramework);
    }
    if has(Rule::kw_theme) || has(Rule::theme) {
        return say!(AfterHeader);
    }
    if has(Rule::not_expr) || has(Rule::expr) || takes_value(rules) {
        return say!(CompleteCondition);
    }
    if has(Rule::kw_when) {
        return say!(LevelReads);
    }
    let expected = describe(rules);
    if expected.is_empty() && found.text == "}" {
        say!(ClosesNoBlock)
    } else if expected.is_empty() {
        say!(CheckAgainstExamples)
    } else {
        say!(WriteHere, expected)
    }
}

/// What the parser expected, in words: a keyword or a token as it is
/// written, a kind of value or line in the diagnostic's language.
fn rule_word(rule: Rule) -> Option<Text> {
    Some(match rule {
        Rule::EOI => say!(EndOfFile),
        Rule::evidence_decl => say!(EvidenceDeclaration),
        Rule::type_expr | Rule::scalar_type | Rule::list_type | Rule::enum_type => say!(AType),
        Rule::level => say!(ALevel),
        Rule::compare | Rule::cmp_op => say!(AComparison),
        Rule::add_op | Rule::mul_op => say!(AnOperator),
        Rule::unit => say!(AUnit),
        Rule::percent => say!(TypePercent),
        Rule::date => say!(TypeDate),
        Rule::number | Rule::decimal => say!(TypeNumber),
        Rule::integer => say!(TypeInt),
        Rule::boolean => say!(TrueOrFalse),
        Rule::string | Rule::string_inner => say!(TextInQuotes),
        Rule::path | Rule::segment => say!(AnEvidencePath),
        Rule::ident => say!(AName),
        Rule::neg => say!(ACondition),
        rule if rule.is_expression_level() => say!(ACondition),
        rule => return rule_token(rule).map(Text::verbatim),
    })
}

/// The keyword or token a rule stands for, as it is written.
fn rule_token(rule: Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::file | Rule::header | Rule::framework_decl | Rule::kw_framework => "`framework`",
        Rule::language_decl | Rule::kw_language => "`language`",
        Rule::validity_decl | Rule::kw_validity => "`validity`",
        Rule::midterm_decl | Rule::kw_midterm => "`midterm`",
        Rule::audit_verified | Rule::kw_audit => "`audit requires verified`",
        Rule::kw_requires => "`requires`",
        Rule::kw_verified => "`verified`",
        Rule::evidence_block | Rule::kw_evidence => "`evidence`",
        Rule::kw_list => "`list`",
        Rule::kw_enum => "`enum`",
        Rule::define | Rule::kw_define => "`define`",
        Rule::theme | Rule::kw_theme | Rule::theme_rule => "`theme`",
        Rule::criterion | Rule::kw_criterion => "`criterion`",
        Rule::mandatory | Rule::kw_mandatory => "`mandatory`",
        Rule::weight | Rule::kw_weight => "`weight`",
        Rule::legal | Rule::kw_legal => "`legal`",
        Rule::owner | Rule::kw_owner => "`owner`",
        Rule::applies | Rule::kw_applies => "`applies when`",
        Rule::require | Rule::kw_require => "`require`",
        Rule::score_block | Rule::kw_score | Rule::score_at_least => "`score`",
        Rule::otherwise | Rule::kw_otherwise => "`otherwise`",
        Rule::guidance | Rule::kw_guidance => "`guidance`",
        Rule::scoring | Rule::kw_scoring => "`scoring`",
        Rule::certified_rule | Rule::kw_certified => "`certified`",
        Rule::all_mandatory | Rule::kw_all => "`all`",
        Rule::kw_passes => "`passes`",
        Rule::kw_pass => "`pass`",
        Rule::kw_themes => "`themes`",
        Rule::kw_version => "`version`",
        Rule::kw_when => "`when`",
        Rule::kw_else => "`else`",
        Rule::kw_and => "`and`",
        Rule::kw_or => "`or`",
        Rule::kw_not | Rule::not_op => "`not`",
        Rule::kw_in | Rule::in_set => "`in`",
        Rule::not_in_set => "`not in`",
        Rule::kw_within | Rule::within => "`within`",
        Rule::kw_before | Rule::before => "`before`",
        Rule::kw_after | Rule::after => "`after`",
        Rule::kw_present | Rule::present => "`present(...)`",
        Rule::kw_count | Rule::count => "`count(...)`",
        Rule::at_least => "`>=`",
        Rule::set => "`{`",
        Rule::lbrace => "`{`",
        Rule::rbrace => "`}`",
        Rule::lparen => "`(`",
        Rule::rparen => "`)`",
        Rule::langle => "`<`",
        Rule::rangle => "`>`",
        Rule::colon => "`:`",
        Rule::equals => "`=`",
        Rule::comma => "`,`",
        _ => return None,
    })
}
