//! Error wording: where pest stopped and what it would have taken there,
//! turned into a diagnostic in words a framework author knows; pest's rule
//! names never reach a message.

use super::ast::Span;
use super::brackets::brackets;
use super::grammar::Rule;
use crate::diagnostic::Diagnostic;

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
        return Diagnostic::error("E0101", found.span, "this text is never closed")
            .with_label("the closing `\"` is missing")
            .with_help(
                r#"end the text with `"` on the same line; write `\"` for a quote inside a text"#,
            );
    }

    // A message text where the parser wanted `else` first.
    if found.kind == FoundKind::Text && positives.contains(&Rule::kw_else) {
        return Diagnostic::error("E0101", found.span, "expected `else` before the message")
            .with_label("`else` is missing before this text")
            .with_help(
                r#"write a requirement with a message as `require CONDITION else "message"`"#,
            );
    }

    // Two values side by side in a condition: the operator between them is missing.
    let continuations = positives
        .iter()
        .filter(|r| continues_condition(**r))
        .count();
    if matches!(found.kind, FoundKind::Number | FoundKind::Text) && continuations >= 3 {
        return Diagnostic::error(
            "E0101",
            found.span,
            format!("expected an operator such as `>=` before `{}`", found.text),
        )
        .with_label("an operator is missing before this value")
        .with_help(
            "compare with `>=`, `<=`, `==` or `!=`, or test a date with `within 12 months`",
        );
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
            (at, "unexpected end of the file".to_string())
        } else {
            (
                at,
                format!("expected {expected}, found the end of the file"),
            )
        }
    } else if missing_at_line_end && !expected.is_empty() {
        let previous = token_before(source, code_end);
        (
            Span::new(code_end, code_end),
            format!("expected {expected} after `{previous}`"),
        )
    } else if expected.is_empty() {
        (found.span, format!("unexpected `{}`", found.text))
    } else {
        (
            found.span,
            format!("expected {expected}, found `{}`", found.text),
        )
    };
    let line = line_word(source, span.start);
    let mut d = Diagnostic::error("E0101", span, message);
    if !expected.is_empty() {
        d = d.with_label(format!("expected {expected}"));
    }
    let needs_brace = positives.contains(&Rule::rbrace)
        && (found.kind == FoundKind::End || (line_break_before && is_item_keyword(&found.text)));
    if needs_brace {
        if let Some((open, block)) = unclosed_brace(source, offset) {
            d = d.with_related(open, format!("{block} is not closed yet"));
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
fn unclosed_brace(source: &str, offset: usize) -> Option<(Span, String)> {
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
        (Some(kind @ ("theme" | "criterion")), Some(id)) => format!("{kind} `{id}`"),
        (Some(kind @ ("evidence" | "scoring" | "score")), _) => format!("the `{kind}` block"),
        _ => "the block opened here".to_string(),
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

/// Words for what the parser expected, deduplicated, in a stable order: a
/// closing bracket first, then keywords, then kinds of line and value.
fn describe(rules: &[Rule]) -> String {
    let value_rules = [
        Rule::percent,
        Rule::date,
        Rule::number,
        Rule::string,
        Rule::boolean,
        Rule::present,
        Rule::count,
        Rule::path,
    ];
    let is_value = rules.iter().filter(|r| value_rules.contains(r)).count() >= 3;
    let attributes = criterion_lines(rules);
    let continuations = rules.iter().filter(|r| continues_condition(**r)).count() >= 3;
    let has_items = rules.iter().any(|r| *r != Rule::EOI && starts_line(*r));

    let mut words: Vec<(u8, &str)> = Vec::new();
    let mut add = |rank: u8, word: &'static str| {
        if !word.is_empty() && !words.iter().any(|(_, w)| *w == word) {
            words.push((rank, word));
        }
    };
    for rule in rules {
        match rule {
            Rule::rbrace | Rule::rparen | Rule::rangle => add(0, rule_word(*rule)),
            // Where more could follow, "the end of the file" is no help.
            Rule::EOI if has_items => {}
            r if attributes && is_attribute(*r) => add(3, "a criterion line"),
            r if is_value && (value_rules.contains(r) || matches!(r, Rule::neg | Rule::not_op)) => {
                add(4, "a value or an evidence path");
            }
            r if continuations && continues_condition(*r) => {
                add(5, "an operator such as `>=` or `and`");
            }
            r => add(2, rule_word(*r)),
        }
    }
    words.sort_by_key(|(rank, _)| *rank);
    match words.as_slice() {
        [] => String::new(),
        [(_, one)] => (*one).to_string(),
        [rest @ .., (_, last)] => {
            let rest: Vec<&str> = rest.iter().map(|(_, w)| *w).collect();
            format!("{} or {last}", rest.join(", "))
        }
    }
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

const CRITERION_LINES: &str =
    "a criterion holds the lines `mandatory`, `weight`, `legal`, `owner`, `applies when`, `require`, `score` and `guidance`";

fn help_for(rules: &[Rule], found: &Found, line: &str, needs_brace: bool) -> String {
    if found.kind == FoundKind::Word {
        if let Some(keyword) = meant_keyword(rules, &found.text) {
            return format!("did you mean `{keyword}`?");
        }
    }
    // `=>` and `=<`: a comparison written back to front.
    let compares = rules.contains(&Rule::compare) || rules.contains(&Rule::cmp_op);
    match found.text.as_str() {
        "=>" if compares || rules.contains(&Rule::at_least) => {
            return "did you mean `>=`?".to_string()
        }
        "=<" if compares => return "did you mean `<=`?".to_string(),
        _ => {}
    }
    if found.kind == FoundKind::End {
        return if rules.contains(&Rule::kw_framework) {
            r#"a framework file starts with `framework ID "title" version "1"`"#.to_string()
        } else if needs_brace {
            "the file ends before this block is closed: add the missing `}`".to_string()
        } else {
            "the file stops in the middle of a line: is the rest of it missing?".to_string()
        };
    }
    if needs_brace {
        return format!(
            "`{}` cannot stand inside a block: is a `}}` missing above this line?",
            found.text
        );
    }
    let has = |rule: Rule| rules.contains(&rule);
    let continues = rules.iter().any(|r| continues_condition(*r));
    if criterion_lines(rules) {
        return if continues {
            format!("{CRITERION_LINES}; `{}` is none of them, and it does not continue the condition either", found.text)
        } else {
            format!("{CRITERION_LINES}; `{}` is none of them", found.text)
        };
    }
    if has(Rule::kw_criterion) || has(Rule::criterion) {
        return r#"a theme holds only `criterion` blocks: `criterion ID "title" { ... }`"#
            .to_string();
    }
    if has(Rule::type_expr) || has(Rule::scalar_type) {
        return "the types are bool, int, number, percent, date, text, enum(a, b) and list<T>"
            .to_string();
    }
    if has(Rule::unit) {
        return "write a period as a whole number and a unit: `12 months`, `30 days`, `2 years`"
            .to_string();
    }
    if has(Rule::at_least) || (has(Rule::percent) && rules.len() == 1) {
        return "write a theme's threshold as `score >= 60%`".to_string();
    }
    if line == "define" && has(Rule::equals) {
        return "a define's name is one word without dots, such as `define recent_monitor = ...`"
            .to_string();
    }
    if has(Rule::colon) {
        return r#"declare evidence as `path : type "label"`, such as `monitor.last_run : date "Datum laatste monitor"`"#.to_string();
    }
    if has(Rule::string) && rules.len() == 1 {
        return match line {
            "criterion" => r#"give the criterion an id and a title: `criterion S1 "Titel" {`"#,
            "theme" => r#"give the theme an id and a title: `theme sociaal "Titel" {`"#,
            "framework" => r#"the first line reads `framework ID "title" version "1"`"#,
            _ => r#"write the text between double quotes, such as `"Titel"`"#,
        }
        .to_string();
    }
    if has(Rule::integer) && rules.len() == 1 {
        return match line {
            "weight" => "write the weight as a whole number, such as `weight 2`",
            "validity" => "write the validity as a period, such as `validity 36 months`",
            _ => "write a whole number, such as `12 months` or `2 when ...`",
        }
        .to_string();
    }
    if has(Rule::ident) && rules.len() == 1 {
        return "write a name of letters, digits and `_`, starting with a letter (a name cannot be a keyword such as `theme` or `score`)".to_string();
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
        return "a scoring rule reads `theme passes when all mandatory pass and score >= 60%` or `certified when all themes pass`".to_string();
    }
    if has(Rule::kw_framework) {
        return r#"a framework file starts with `framework ID "title" version "1"`"#.to_string();
    }
    if has(Rule::kw_theme) || has(Rule::theme) {
        return "after the header come the `evidence` block, `define`s, `theme`s and the `scoring` block".to_string();
    }
    if has(Rule::not_expr) || has(Rule::expr) || describe(rules).contains("a value") {
        return "complete the condition: `and`, `or` and a comparison need a value on each side"
            .to_string();
    }
    if has(Rule::kw_when) {
        return "a score level reads `2 when CONDITION`, and `applies` reads `applies when CONDITION`".to_string();
    }
    let expected = describe(rules);
    if expected.is_empty() && found.text == "}" {
        "this `}` closes no block: remove it".to_string()
    } else if expected.is_empty() {
        "check the line against the examples in docs/language.md".to_string()
    } else {
        format!("write {expected} here")
    }
}

fn rule_word(rule: Rule) -> &'static str {
    match rule {
        Rule::EOI => "the end of the file",
        Rule::file | Rule::header | Rule::framework_decl | Rule::kw_framework => "`framework`",
        Rule::language_decl | Rule::kw_language => "`language`",
        Rule::validity_decl | Rule::kw_validity => "`validity`",
        Rule::evidence_block | Rule::kw_evidence => "`evidence`",
        Rule::evidence_decl => "an evidence declaration",
        Rule::type_expr | Rule::scalar_type | Rule::list_type | Rule::enum_type => "a type",
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
        Rule::level => "a level (`2 when ...`)",
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
        Rule::compare | Rule::cmp_op => "a comparison such as `>=`",
        Rule::at_least => "`>=`",
        Rule::add_op | Rule::mul_op => "an operator",
        Rule::set => "`{`",
        Rule::unit => "a unit (`days`, `weeks`, `months` or `years`)",
        Rule::percent => "a percentage",
        Rule::date => "a date",
        Rule::number | Rule::decimal => "a number",
        Rule::integer => "a whole number",
        Rule::boolean => "`true` or `false`",
        Rule::string | Rule::string_inner => "a text in double quotes",
        Rule::path | Rule::segment => "an evidence path",
        Rule::ident => "a name",
        Rule::neg => "a condition",
        rule if rule.is_expression_level() => "a condition",
        Rule::lbrace => "`{`",
        Rule::rbrace => "`}`",
        Rule::lparen => "`(`",
        Rule::rparen => "`)`",
        Rule::langle => "`<`",
        Rule::rangle => "`>`",
        Rule::colon => "`:`",
        Rule::equals => "`=`",
        Rule::comma => "`,`",
        _ => "",
    }
}
