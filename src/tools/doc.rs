//! `kader doc`: the framework as a document a school reads — per theme and
//! criterion what is required, which evidence to supply, the legal basis,
//! who acts, what to do, and the scoring rules in words.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::fmt::Write as _;

use crate::report::md::{code, escape as escape_md};

use crate::check::{Language, MessagePart};
use crate::compile::{CompiledCriterion, Condition, Framework, Reads};
use crate::value::format_percent;

/// The output format of [`document`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocFormat {
    /// Markdown.
    Markdown,
    /// One self-contained HTML page.
    Html,
}

struct Words {
    contents: &'static str,
    version: &'static str,
    validity: &'static str,
    months_valid: &'static str,
    scoring: &'static str,
    theme_rule: &'static str,
    theme_rule_mandatory: &'static str,
    theme_rule_score: &'static str,
    certified_rule: &'static str,
    mandatory: &'static str,
    optional: &'static str,
    weight: &'static str,
    owner: &'static str,
    legal: &'static str,
    applies: &'static str,
    required: &'static str,
    levels: &'static str,
    level: &'static str,
    otherwise: &'static str,
    evidence: &'static str,
    guidance: &'static str,
    message: &'static str,
    evidence_list: &'static str,
    path: &'static str,
    kind: &'static str,
    label: &'static str,
    and: &'static str,
    terms: &'static str,
    and_more: &'static str,
}

const NL: Words = Words {
    contents: "Inhoud",
    version: "versie",
    validity: "Geldigheid van het certificaat",
    months_valid: "na de peildatum van een positieve audit",
    scoring: "Hoe het oordeel tot stand komt",
    theme_rule: "Een thema voldoet als",
    theme_rule_mandatory: "alle verplichte criteria die van toepassing zijn voldoen",
    theme_rule_score: "de score minstens {} is",
    certified_rule: "Een locatie wordt gecertificeerd als alle thema's voldoen.",
    mandatory: "verplicht (knock-out)",
    optional: "niet verplicht",
    weight: "weging",
    owner: "aan zet",
    legal: "wettelijke basis",
    applies: "van toepassing als",
    required: "Vereist",
    levels: "Niveaus",
    level: "niveau",
    otherwise: "anders",
    evidence: "Aan te leveren",
    and_more: "en meer",
    guidance: "Wat te doen",
    message: "melding bij een tekort",
    evidence_list: "Alle gegevens",
    path: "pad",
    kind: "soort",
    label: "omschrijving",
    and: "en",
    terms: "Begrippen",
};

const EN: Words = Words {
    contents: "Contents",
    version: "version",
    validity: "Certificate validity",
    months_valid: "after the as-of date of a positive audit",
    scoring: "How the verdict is reached",
    theme_rule: "A theme passes when",
    theme_rule_mandatory: "every applicable mandatory criterion passes",
    theme_rule_score: "its score is at least {}",
    certified_rule: "A location is certified when every theme passes.",
    mandatory: "mandatory (knock-out)",
    optional: "not mandatory",
    weight: "weight",
    owner: "owner",
    legal: "legal basis",
    applies: "applies when",
    required: "Required",
    levels: "Levels",
    level: "level",
    otherwise: "otherwise",
    evidence: "Evidence to supply",
    and_more: "and more",
    guidance: "What to do",
    message: "message on a gap",
    evidence_list: "All evidence",
    path: "path",
    kind: "type",
    label: "label",
    and: "and",
    terms: "Terms",
};

/// Renders the framework as a document.
pub fn document(framework: &Framework, format: DocFormat) -> String {
    let words = match framework.language {
        Language::Nl => &NL,
        Language::En => &EN,
    };
    let markdown = markdown(framework, words);
    match format {
        DocFormat::Markdown => markdown,
        DocFormat::Html => html(framework, &markdown),
    }
}

fn markdown(fw: &Framework, w: &Words) -> String {
    let v = Verbaliser {
        fw,
        language: fw.language,
        named: RefCell::default(),
    };
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape_md(&fw.title));
    let _ = writeln!(
        out,
        "{}, {} {}\n",
        code(&fw.id),
        w.version,
        escape_md(&fw.version)
    );
    if let Some(line) = layering(fw) {
        let _ = writeln!(out, "{line}\n");
    }
    let _ = writeln!(out, "## {}\n", w.contents);
    for theme in &fw.themes {
        let _ = writeln!(
            out,
            "- [{}](#{})",
            escape_md(&theme.title),
            anchor(&theme.id)
        );
    }
    let _ = writeln!(out, "- [{}](#scoring)", w.scoring);
    let _ = writeln!(out, "- [{}](#evidence)\n", w.evidence_list);

    for theme in &fw.themes {
        let _ = writeln!(out, "<a id=\"{}\"></a>\n", anchor(&theme.id));
        let _ = writeln!(
            out,
            "## {} ({})\n",
            escape_md(&theme.title),
            code(&theme.id)
        );
        if let Some(local) = local_mark(fw, &theme.layer, &[]) {
            let _ = writeln!(out, "*{local}*\n");
        }
        let _ = writeln!(
            out,
            "{}\n",
            theme_rule(w, theme.all_mandatory, theme.threshold)
        );
        for &index in &theme.criteria {
            if let Some(c) = fw.criteria.get(index as usize) {
                criterion(&mut out, &v, w, c);
            }
        }
    }

    let _ = writeln!(out, "<a id=\"scoring\"></a>\n");
    let _ = writeln!(out, "## {}\n", w.scoring);
    for theme in &fw.themes {
        let _ = writeln!(
            out,
            "- **{}**: {}",
            escape_md(&theme.title),
            theme_rule(w, theme.all_mandatory, theme.threshold)
        );
    }
    let _ = writeln!(out, "\n{}\n", w.certified_rule);
    if let Some(validity) = fw.validity {
        let _ = writeln!(
            out,
            "{}: {} {}.\n",
            w.validity,
            period(fw.language, validity),
            w.months_valid
        );
    }

    let _ = writeln!(out, "<a id=\"evidence\"></a>\n");
    let _ = writeln!(out, "## {}\n", w.evidence_list);
    let _ = writeln!(out, "| {} | {} | {} |", w.path, w.kind, w.label);
    let _ = writeln!(out, "|---|---|---|");
    for slot in &fw.slots {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            code(&slot.path),
            code(&slot.ty.notation()),
            escape_md(slot.label.as_deref().unwrap_or(""))
        );
    }
    terms(&mut out, &v, w);
    out
}

/// The defines that conditions name rather than spell out, each in words
/// once (and the defines those name in turn): the document stays as long
/// as the framework, however the defines build on each other.
fn terms(out: &mut String, v: &Verbaliser<'_>, w: &Words) {
    let mut first = true;
    // Spelling a define out may name more: the list grows as it is read.
    for at in 0.. {
        let next = v.named.borrow().1.get(at).copied();
        let Some(k) = next else { break };
        if first {
            let _ = writeln!(out, "\n<a id=\"terms\"></a>\n");
            let _ = writeln!(out, "## {}\n", w.terms);
            first = false;
        }
        let name = v.fw.defines.get(k as usize).map_or("?", String::as_str);
        let words =
            v.fw.define_expr(k)
                .map_or_else(|| "?".to_string(), |inner| v.condition(inner));
        let _ = writeln!(out, "- {}: {words}", code(name));
    }
}

fn period(language: Language, p: crate::syntax::ast::Period) -> String {
    use crate::syntax::ast::Unit;
    let unit = match (language, p.unit, p.amount == 1) {
        (Language::Nl, Unit::Days, true) => "dag",
        (Language::Nl, Unit::Days, false) => "dagen",
        (Language::Nl, Unit::Weeks, true) => "week",
        (Language::Nl, Unit::Weeks, false) => "weken",
        (Language::Nl, Unit::Months, true) => "maand",
        (Language::Nl, Unit::Months, false) => "maanden",
        (Language::Nl, Unit::Years, _) => "jaar",
        (Language::En, unit, _) => unit.word(p.amount),
    };
    format!("{} {unit}", p.amount)
}

fn theme_rule(w: &Words, all_mandatory: bool, threshold: Option<rust_decimal::Decimal>) -> String {
    let mut parts = Vec::new();
    if all_mandatory {
        parts.push(w.theme_rule_mandatory.to_string());
    }
    if let Some(t) = threshold {
        parts.push(w.theme_rule_score.replace("{}", &format_percent(t)));
    }
    if parts.is_empty() {
        format!("{} —.", w.theme_rule)
    } else {
        format!("{} {}.", w.theme_rule, parts.join(&format!(" {} ", w.and)))
    }
}

/// For a layer: which frameworks it builds on.
fn layering(fw: &Framework) -> Option<String> {
    if fw.extends.is_empty() {
        return None;
    }
    let chain: Vec<String> = fw
        .extends
        .iter()
        .map(|(id, version)| format!("`{id}` {version}"))
        .collect();
    Some(match fw.language {
        Language::Nl => format!(
            "Lokale laag op {}. Onderdelen die deze laag toevoegt of aanscherpt zijn gemarkeerd als lokaal.",
            chain.join(", op ")
        ),
        Language::En => format!(
            "A local layer on {}. What a layer adds or tightens is marked as local.",
            chain.join(", on ")
        ),
    })
}

/// "lokaal (`voorbeeldstad`)", "aangescherpt door `voorbeeldstad`": what a
/// layer of a layered framework added or tightened; `None` for the base's
/// own content and for a framework that extends nothing.
fn local_mark(fw: &Framework, layer: &str, tightened_by: &[String]) -> Option<String> {
    let bottom = fw.extends.last()?;
    let (added, tightened) = match fw.language {
        Language::Nl => ("lokaal", "aangescherpt door"),
        Language::En => ("local", "tightened by"),
    };
    let mut parts = Vec::new();
    if layer != bottom.0 {
        parts.push(format!("{added} (`{layer}`)"));
    }
    if !tightened_by.is_empty() {
        let by: Vec<String> = tightened_by.iter().map(|l| format!("`{l}`")).collect();
        parts.push(format!("{tightened} {}", by.join(", ")));
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

fn anchor(id: &str) -> String {
    format!("theme-{}", id.to_lowercase())
}

fn criterion(out: &mut String, v: &Verbaliser<'_>, w: &Words, c: &CompiledCriterion) {
    let fw = v.fw;
    let _ = writeln!(out, "### {} — {}\n", escape_md(&c.id), escape_md(&c.title));
    let mut facts = vec![if c.mandatory {
        w.mandatory.to_string()
    } else {
        w.optional.to_string()
    }];
    if c.weight != 1 {
        facts.push(format!("{} {}", w.weight, c.weight));
    }
    facts.push(format!("{}: {}", w.owner, c.owner.name()));
    if let Some(local) = local_mark(fw, &c.layer, &c.tightened_by) {
        facts.push(local);
    }
    let _ = writeln!(out, "*{}*\n", facts.join(" · "));
    if let Some(legal) = &c.legal {
        let _ = writeln!(out, "- **{}**: {}", capitalise(w.legal), escape_md(legal));
    }
    if let Some(applies) = &c.applies {
        let _ = writeln!(
            out,
            "- **{}**: {} ({})",
            capitalise(w.applies),
            v.condition(applies.expr),
            code(&applies.notation)
        );
    }
    for r in &c.requirements {
        let _ = write!(
            out,
            "- **{}**: {} ({})",
            w.required,
            v.condition(r.condition.expr),
            code(&r.condition.notation)
        );
        if let Some(parts) = &r.message {
            let _ = write!(
                out,
                " — {}: “{}”",
                w.message,
                escape_md(&template(fw, parts))
            );
        }
        let _ = writeln!(out);
    }
    if let Some(score) = &c.score {
        let _ = writeln!(out, "- **{}**:", w.levels);
        for (level, condition) in &score.levels {
            let _ = writeln!(
                out,
                "  - {} {level}/{}: {} ({})",
                w.level,
                score.max,
                v.condition(condition.expr),
                code(&condition.notation)
            );
        }
        let _ = writeln!(
            out,
            "  - {} {}/{}: {}",
            w.level, score.otherwise, score.max, w.otherwise
        );
    }
    let reads = criterion_slots(c);
    if !reads.slots.is_empty() {
        let _ = writeln!(out, "- **{}**:", w.evidence);
        for slot in reads.slots {
            if let Some(s) = fw.slots.get(slot as usize) {
                let _ = writeln!(
                    out,
                    "  - {} ({}, {})",
                    escape_md(s.label.as_deref().unwrap_or(&s.path)),
                    code(&s.path),
                    code(&s.ty.notation())
                );
            }
        }
    }
    if reads.more {
        let _ = writeln!(out, "  - {}", w.and_more);
    }
    if let Some(guidance) = &c.guidance {
        let _ = writeln!(out, "\n**{}.** {}", w.guidance, escape_md(guidance));
    }
    let _ = writeln!(out);
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The evidence a criterion reads, in order of first use (as many as a gap
/// lists).
pub(crate) fn criterion_slots(c: &CompiledCriterion) -> Reads {
    let mut reads = Reads::default();
    let mut add = |condition: &Condition| {
        for conjunct in &condition.conjuncts {
            reads.extend(&conjunct.reads);
        }
    };
    if let Some(a) = &c.applies {
        add(a);
    }
    for r in &c.requirements {
        add(&r.condition);
    }
    if let Some(score) = &c.score {
        for (_, condition) in &score.levels {
            add(condition);
        }
    }
    reads
}

fn template(fw: &Framework, parts: &[MessagePart]) -> String {
    parts
        .iter()
        .map(|p| match p {
            MessagePart::Literal(t) => t.clone(),
            MessagePart::Slot(s) => format!(
                "{{{}}}",
                fw.slots.get(*s).map_or("?", |slot| slot.path.as_str())
            ),
        })
        .collect()
}

/// A small, self-contained Markdown → HTML rendering of the document above:
/// headings, lists, tables, emphasis and code, nothing more.
fn html(fw: &Framework, markdown: &str) -> String {
    let lang = match fw.language {
        Language::Nl => "nl",
        Language::En => "en",
    };
    let mut body = String::new();
    let mut in_list = 0usize;
    let mut in_table = false;
    for line in markdown.lines() {
        let trimmed = line.trim_start();
        let depth = (line.len() - trimmed.len()) / 2 + 1;
        let is_item = trimmed.starts_with("- ");
        while in_list > 0 && (!is_item || depth < in_list) {
            body.push_str("</ul>\n");
            in_list -= 1;
        }
        if in_table && !trimmed.starts_with('|') {
            body.push_str("</table>\n");
            in_table = false;
        }
        if let Some(rest) = trimmed.strip_prefix("<a id=\"") {
            let id = rest.split('"').next().unwrap_or("");
            let _ = writeln!(body, "<a id=\"{}\"></a>", escape(id));
        } else if let Some(h) = trimmed.strip_prefix("### ") {
            let _ = writeln!(body, "<h3>{}</h3>", inline(h));
        } else if let Some(h) = trimmed.strip_prefix("## ") {
            let _ = writeln!(body, "<h2>{}</h2>", inline(h));
        } else if let Some(h) = trimmed.strip_prefix("# ") {
            let _ = writeln!(body, "<h1>{}</h1>", inline(h));
        } else if let Some(item) = trimmed.strip_prefix("- ") {
            while in_list < depth {
                body.push_str("<ul>\n");
                in_list += 1;
            }
            let _ = writeln!(body, "<li>{}</li>", inline(item));
        } else if trimmed.starts_with('|') {
            if trimmed.starts_with("|---") {
                continue;
            }
            let cells: Vec<&str> = trimmed.trim_matches('|').split(" | ").collect();
            let tag = if in_table { "td" } else { "th" };
            if !in_table {
                body.push_str("<table>\n");
                in_table = true;
            }
            body.push_str("<tr>");
            for cell in cells {
                let _ = write!(body, "<{tag}>{}</{tag}>", inline(cell.trim()));
            }
            body.push_str("</tr>\n");
        } else if !trimmed.is_empty() {
            let _ = writeln!(body, "<p>{}</p>", inline(trimmed));
        }
    }
    while in_list > 0 {
        body.push_str("</ul>\n");
        in_list -= 1;
    }
    if in_table {
        body.push_str("</table>\n");
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        escape(&fw.title)
    )
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;line-height:1.45;color:#1b1b1b}\nh2{border-bottom:2px solid #0b5394;padding-bottom:.2rem;margin-top:2.5rem}\nh3{margin-bottom:.2rem}\ncode{background:#f2f2f2;padding:0 .2rem;border-radius:3px}\ntable{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}\n@media print{body{margin:0}h2{break-before:page}}\n";

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// `**bold**`, `*italic*` and `` `code` `` within one line; everything escaped.
fn inline(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('`') {
            if let Some(end) = after.find('`') {
                let _ = write!(
                    out,
                    "<code>{}</code>",
                    escape(after.get(..end).unwrap_or(""))
                );
                rest = after.get(end + 1..).unwrap_or("");
                continue;
            }
        }
        if let Some(after) = rest.strip_prefix('[') {
            if let Some((label, tail)) = after.split_once("](") {
                if let Some((href, remainder)) = tail.split_once(')') {
                    let _ = write!(out, "<a href=\"{}\">{}</a>", escape(href), inline(label));
                    rest = remainder;
                    continue;
                }
            }
        }
        if let Some(after) = rest.strip_prefix("**") {
            if let Some(end) = after.find("**") {
                let _ = write!(
                    out,
                    "<strong>{}</strong>",
                    inline(after.get(..end).unwrap_or(""))
                );
                rest = after.get(end + 2..).unwrap_or("");
                continue;
            }
        }
        if let Some(after) = rest.strip_prefix('*') {
            if let Some(end) = after.find('*') {
                let _ = write!(out, "<em>{}</em>", inline(after.get(..end).unwrap_or("")));
                rest = after.get(end + 1..).unwrap_or("");
                continue;
            }
        }
        // A backslash escape: the character as written.
        if let Some(after) = rest.strip_prefix('\\') {
            if let Some(ch) = after.chars().next().filter(char::is_ascii_punctuation) {
                out.push_str(&escape(ch.encode_utf8(&mut [0; 4])));
                rest = after.get(ch.len_utf8()..).unwrap_or("");
                continue;
            }
        }
        let next = rest
            .char_indices()
            .skip(1)
            .find(|(_, c)| matches!(c, '`' | '*' | '[' | '\\'))
            .map_or(rest.len(), |(i, _)| i);
        out.push_str(&escape(rest.get(..next).unwrap_or("")));
        rest = rest.get(next..).unwrap_or("");
    }
    out
}

// ---------------------------------------------------------------- conditions in words

/// How many parts a define's expression may have to be spelled out where
/// it is used; a larger one, or one that uses other defines, is named there
/// and spelled out once under "terms".
const INLINE_PARTS: usize = 24;

/// Conditions read aloud: evidence by its label, operators as words.
struct Verbaliser<'a> {
    fw: &'a Framework,
    language: Language,
    /// The defines named rather than spelled out so far, by number, as a
    /// set and in the order they were first named.
    named: RefCell<(BTreeSet<u32>, Vec<u32>)>,
}

impl Verbaliser<'_> {
    fn nl(&self) -> bool {
        self.language == Language::Nl
    }

    fn op(&self, id: crate::compile::ExprId) -> Option<&crate::compile::Op> {
        self.fw.exprs.get(id as usize)
    }

    fn label(&self, slot: u32) -> String {
        match self.fw.slots.get(slot as usize) {
            Some(s) => format!("«{}»", escape_md(s.label.as_deref().unwrap_or(&s.path))),
            None => "?".to_string(),
        }
    }

    /// The type a value is shown as, when the expression reads evidence.
    fn type_of(&self, id: crate::compile::ExprId) -> Option<crate::value::Type> {
        use crate::compile::Op;
        match self.op(self.fw.beneath(id))? {
            Op::Slot(s) => self.fw.slots.get(*s as usize).map(|s| s.ty.clone()),
            Op::Count(..) => Some(crate::value::Type::Int),
            Op::Const(crate::value::Value::Date(_)) => Some(crate::value::Type::Date),
            _ => None,
        }
    }

    /// Whether a define's expression is small and uses no other define, so
    /// that it is spelled out where it is used. Looks at no more than
    /// [`INLINE_PARTS`] parts.
    fn spelled_out(&self, inner: crate::compile::ExprId) -> bool {
        use crate::compile::{Op, Test};
        let mut stack = vec![inner];
        let mut parts = 0;
        while let Some(id) = stack.pop() {
            parts += 1;
            if parts > INLINE_PARTS {
                return false;
            }
            let test = |t: &Test| match t {
                Test::Before(b) | Test::After(b) | Test::Compare(_, b) => Some(*b),
                Test::Within(_) | Test::In { .. } => None,
            };
            match self.op(id) {
                None | Some(Op::Define(..)) => return false,
                Some(Op::Not(i) | Op::Neg(i)) => stack.push(*i),
                Some(Op::Compare(_, l, r) | Op::Arith(_, l, r)) => stack.extend([*l, *r]),
                Some(Op::Test(subject, t)) => {
                    stack.push(*subject);
                    stack.extend(test(t));
                }
                Some(Op::Count(_, t)) => stack.extend(t.as_ref().and_then(test)),
                Some(Op::Logic(_, start, len)) => {
                    let start = *start as usize;
                    stack.extend(
                        self.fw
                            .operands
                            .get(start..start.saturating_add(*len as usize))
                            .unwrap_or(&[]),
                    );
                }
                Some(
                    Op::Const(_)
                    | Op::Slot(_)
                    | Op::Present(_)
                    | Op::CompareSlotNumber(..)
                    | Op::SlotWithin(..),
                ) => {}
            }
        }
        true
    }

    /// The expression shown for `id`: a define's own when it is spelled
    /// out, `id` itself otherwise.
    fn shown(&self, id: crate::compile::ExprId) -> crate::compile::ExprId {
        match self.op(id) {
            Some(crate::compile::Op::Define(_, inner)) if self.spelled_out(*inner) => *inner,
            _ => id,
        }
    }

    /// A top-level condition: a bare yes/no evidence reads "«label»: ja".
    fn condition(&self, id: crate::compile::ExprId) -> String {
        use crate::compile::Op;
        let id = self.shown(id);
        match self.op(id) {
            Some(Op::Slot(s)) => format!(
                "{}: {}",
                self.label(*s),
                if self.nl() { "ja" } else { "yes" }
            ),
            Some(Op::Not(inner)) if matches!(self.op(self.shown(*inner)), Some(Op::Slot(_))) => {
                let slot = match self.op(self.shown(*inner)) {
                    Some(Op::Slot(s)) => *s,
                    _ => 0,
                };
                format!(
                    "{}: {}",
                    self.label(slot),
                    if self.nl() { "nee" } else { "no" }
                )
            }
            _ => self.expr(id, None),
        }
    }

    fn expr(&self, id: crate::compile::ExprId, context: Option<&crate::value::Type>) -> String {
        use crate::compile::Op;
        use crate::syntax::ast::{ArithOp, LogicOp};
        let Some(op) = self.op(id) else {
            return "?".to_string();
        };
        match op {
            // Only the evaluator's folded program has these.
            Op::CompareSlotNumber(..) | Op::SlotWithin(..) => "?".to_string(),
            Op::Const(v) => self.constant(v, context),
            Op::Define(k, inner) => {
                if self.spelled_out(*inner) {
                    self.expr(*inner, context)
                } else {
                    let mut named = self.named.borrow_mut();
                    if named.0.insert(*k) {
                        named.1.push(*k);
                    }
                    code(self.fw.defines.get(*k as usize).map_or("?", String::as_str))
                }
            }
            Op::Slot(s) => self.label(*s),
            Op::Present(s) => format!(
                "{} {}",
                self.label(*s),
                if self.nl() {
                    "is ingevuld"
                } else {
                    "is supplied"
                }
            ),
            Op::Count(s, test) => {
                let element = match self.fw.slots.get(*s as usize).map(|s| &s.ty) {
                    Some(crate::value::Type::List(e)) => Some((**e).clone()),
                    _ => None,
                };
                let base = if self.nl() {
                    format!("het aantal {}", self.label(*s))
                } else {
                    format!("the number of {}", self.label(*s))
                };
                match test {
                    Some(t) => format!("{base} {}", self.test_words(t, element.as_ref(), true)),
                    None => base,
                }
            }
            Op::Not(inner) => format!(
                "{} ({})",
                if self.nl() { "niet" } else { "not" },
                self.condition(*inner)
            ),
            Op::Logic(kind, start, len) => {
                let start = *start as usize;
                let ids = self
                    .fw
                    .operands
                    .get(start..start + *len as usize)
                    .unwrap_or(&[]);
                let word = match (kind, self.nl()) {
                    (LogicOp::And, true) => " en ",
                    (LogicOp::And, false) => " and ",
                    (LogicOp::Or, true) => " of ",
                    (LogicOp::Or, false) => " or ",
                };
                ids.iter()
                    .map(|i| match self.op(self.shown(*i)) {
                        Some(Op::Logic(..)) => format!("({})", self.condition(*i)),
                        _ => self.condition(*i),
                    })
                    .collect::<Vec<_>>()
                    .join(word)
            }
            Op::Compare(cmp, l, r) => {
                let lt = self.type_of(*l);
                let rt = self.type_of(*r);
                let ty = lt.clone().or(rt);
                let is_date = ty == Some(crate::value::Type::Date);
                format!(
                    "{} {} {}",
                    self.expr(*l, ty.as_ref()),
                    self.compare_word(*cmp, is_date),
                    self.expr(*r, ty.as_ref())
                )
            }
            Op::Arith(kind, l, r) => {
                let symbol = match kind {
                    ArithOp::Add => "+",
                    ArithOp::Sub => "−",
                    ArithOp::Mul => "×",
                    ArithOp::Div => "÷",
                };
                format!(
                    "{} {symbol} {}",
                    self.expr(*l, context),
                    self.expr(*r, context)
                )
            }
            Op::Neg(inner) => format!("−{}", self.expr(*inner, context)),
            Op::Test(subject, test) => {
                let ty = self.type_of(*subject);
                format!(
                    "{} {}",
                    self.expr(*subject, ty.as_ref()),
                    self.test_words(test, ty.as_ref(), false)
                )
            }
        }
    }

    fn constant(&self, v: &crate::value::Value, context: Option<&crate::value::Type>) -> String {
        use crate::value::{format_number, Type, Value};
        match (v, context) {
            (Value::Bool(b), _) => match (b, self.nl()) {
                (true, true) => "ja".into(),
                (false, true) => "nee".into(),
                (true, false) => "yes".into(),
                (false, false) => "no".into(),
            },
            (Value::Number(n), Some(Type::Percent)) => format_percent(*n),
            (Value::Number(n), _) => format_number(*n),
            (Value::Date(d), _) => d.to_string(),
            (Value::Text(t), _) => format!("“{}”", escape_md(t)),
            (Value::Member(i), Some(Type::Enum(members))) => {
                members.get(usize::from(*i)).cloned().unwrap_or_default()
            }
            (Value::Member(i), _) => i.to_string(),
        }
    }

    fn compare_word(&self, op: crate::syntax::ast::CompareOp, is_date: bool) -> &'static str {
        use crate::syntax::ast::CompareOp::*;
        match (op, is_date, self.nl()) {
            (Eq, _, true) => "is",
            (Ne, _, true) => "is niet",
            (Ge, false, true) => "is minstens",
            (Gt, false, true) => "is meer dan",
            (Le, false, true) => "is hoogstens",
            (Lt, false, true) => "is minder dan",
            (Ge, true, true) => "valt op of na",
            (Gt, true, true) => "valt na",
            (Le, true, true) => "valt op of vóór",
            (Lt, true, true) => "valt vóór",
            (Eq, _, false) => "is",
            (Ne, _, false) => "is not",
            (Ge, false, false) => "is at least",
            (Gt, false, false) => "is more than",
            (Le, false, false) => "is at most",
            (Lt, false, false) => "is less than",
            (Ge, true, false) => "is on or after",
            (Gt, true, false) => "is after",
            (Le, true, false) => "is on or before",
            (Lt, true, false) => "is before",
        }
    }

    /// A test on a value; `counting` reads it as a filter on list elements.
    fn test_words(
        &self,
        test: &crate::compile::Test,
        ty: Option<&crate::value::Type>,
        counting: bool,
    ) -> String {
        use crate::compile::Test;
        let nl = self.nl();
        match test {
            Test::Within(p) => match (nl, counting) {
                (true, true) => format!("in de afgelopen {}", period(self.language, *p)),
                (true, false) => format!("ligt in de afgelopen {}", period(self.language, *p)),
                (false, true) => format!("in the last {}", period(self.language, *p)),
                (false, false) => format!("is within the last {}", period(self.language, *p)),
            },
            Test::Before(b) => format!(
                "{} {}",
                if nl { "vóór" } else { "before" },
                self.expr(*b, ty)
            ),
            Test::After(b) => format!("{} {}", if nl { "na" } else { "after" }, self.expr(*b, ty)),
            Test::In { negated, set } => {
                let members: Vec<String> = set.iter().map(|v| self.constant(v, ty)).collect();
                let word = match (negated, nl) {
                    (false, true) => "is een van",
                    (true, true) => "is geen van",
                    (false, false) => "is one of",
                    (true, false) => "is none of",
                };
                format!("{word}: {}", members.join(", "))
            }
            Test::Compare(op, e) => {
                let is_date = ty == Some(&crate::value::Type::Date);
                format!("{} {}", self.compare_word(*op, is_date), self.expr(*e, ty))
            }
        }
    }
}
