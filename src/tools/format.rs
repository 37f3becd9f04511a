//! `kader fmt`: the canonical layout of a framework file.
//!
//! The formatter prints the syntax tree and puts every comment back where it
//! was: a comment on a line of its own stays before the line that followed
//! it, a comment after code stays at the end of that line. Single blank lines
//! inside blocks are kept; top-level items are separated by one blank line.
//! **Formatting never changes the syntax tree**, and formatting twice gives
//! the same text as formatting once.

use std::fmt::Write as _;

use crate::diagnostic::Diagnostics;
use crate::syntax::ast::*;
use crate::syntax::print::{expression, percent, quote};

/// The language a framework file declares (`language en`), read from its
/// header even when the file does not parse; Dutch when it declares none.
/// `kader fmt` speaks it.
pub fn declared_language(source: &str) -> crate::Language {
    crate::syntax::declared_language(source)
}

/// What `kader fmt` says of a file, in `language`: "formatted" for a file
/// it wrote, "not formatted" for one `--check` found it would change.
pub fn status(language: crate::Language, written: bool) -> &'static str {
    let w = crate::words::words(language);
    if written {
        w.fmt_written
    } else {
        w.fmt_unformatted
    }
}

/// Formats a framework file. Fails with the syntax errors of a file that
/// does not parse (a file that parses but does not check is still formatted).
pub fn format(source: &str) -> Result<String, Diagnostics> {
    let file = crate::syntax::parse(source)?;
    let mut printer = Printer {
        source,
        comments: comments(source),
        next_comment: 0,
        out: String::with_capacity(source.len() + source.len() / 8),
        indent: 0,
    };
    printer.file(&file);
    Ok(printer.out)
}

/// A `//` comment: where it starts and ends, and whether code precedes it
/// on its line.
#[derive(Clone, Debug)]
struct Comment {
    start: usize,
    end: usize,
    trailing: bool,
}

/// Finds every comment, skipping `//` inside strings.
fn comments(source: &str) -> Vec<Comment> {
    let mut found = Vec::new();
    let bytes = source.as_bytes();
    let mut i = 0;
    let mut in_string = false;
    let mut line_has_code = false;
    while let Some(&b) = bytes.get(i) {
        if in_string {
            match b {
                b'\\' => i += 1,
                b'"' | b'\n' => in_string = false,
                _ => {}
            }
            if b == b'\n' {
                line_has_code = false;
            }
        } else {
            match b {
                b'"' => {
                    in_string = true;
                    line_has_code = true;
                }
                b'/' if bytes.get(i + 1) == Some(&b'/') => {
                    let end = source
                        .get(i..)
                        .and_then(|rest| rest.find('\n'))
                        .map_or(source.len(), |n| i + n);
                    found.push(Comment {
                        start: i,
                        end,
                        trailing: line_has_code,
                    });
                    i = end;
                    continue;
                }
                b'\n' => line_has_code = false,
                b' ' | b'\t' | b'\r' => {}
                _ => line_has_code = true,
            }
        }
        i += 1;
    }
    found
}

struct Printer<'a> {
    source: &'a str,
    comments: Vec<Comment>,
    next_comment: usize,
    out: String,
    indent: usize,
}

impl Printer<'_> {
    // ------------------------------------------------------------ layout

    fn line(&mut self, text: &str) {
        for _ in 0..self.indent {
            self.out.push_str("  ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn blank(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
    }

    /// Whether the line before the one holding `offset` is blank.
    fn blank_line_before(&self, offset: usize) -> bool {
        let before = self.source.get(..offset).unwrap_or("");
        let Some(line_start) = before.rfind('\n') else {
            return false;
        };
        if !before.get(line_start..).unwrap_or("").trim().is_empty() {
            return false; // not the first thing on its line
        }
        let previous = before.get(..line_start).unwrap_or("");
        let previous_line = match previous.rfind('\n') {
            Some(i) => previous.get(i + 1..).unwrap_or(""),
            None => previous,
        };
        previous_line.trim().is_empty() && !previous.is_empty()
    }

    /// Prints the comments that start before `offset`.
    fn comments_before(&mut self, offset: usize, keep_blank: bool) {
        while let Some(comment) = self.comments.get(self.next_comment).cloned() {
            if comment.start >= offset {
                break;
            }
            self.next_comment += 1;
            let text = self
                .source
                .get(comment.start..comment.end)
                .unwrap_or("")
                .trim_end()
                .to_string();
            if comment.trailing && self.out.ends_with('\n') {
                self.out.pop();
                self.out.push_str("  ");
                self.out.push_str(&text);
                self.out.push('\n');
            } else {
                if keep_blank && self.blank_line_before(comment.start) {
                    self.blank();
                }
                self.line(&text);
            }
        }
    }

    /// Starts a node inside a block: its comments, then a kept blank line.
    fn start(&mut self, offset: usize, first_in_block: bool) {
        self.comments_before(offset, !first_in_block);
        if !first_in_block && self.blank_line_before(offset) {
            self.blank();
        }
    }

    /// Appends the comments that end lines before `offset` to those lines.
    fn trailing_before(&mut self, offset: usize) {
        while let Some(comment) = self.comments.get(self.next_comment).cloned() {
            if comment.start >= offset || !comment.trailing {
                break;
            }
            self.comments_before(comment.start + 1, false);
        }
    }

    /// The comments inside a block, before its closing brace.
    fn finish_block(&mut self, end: usize) {
        self.comments_before(end.saturating_sub(1), true);
    }

    // ------------------------------------------------------------ items

    fn file(&mut self, file: &File) {
        let h = &file.header;
        let header_line = self
            .source
            .get(..h.id.span.start)
            .and_then(|b| b.rfind('\n'))
            .map_or(0, |i| i + 1);
        self.comments_before(header_line, true);
        if self.blank_line_before(header_line) {
            self.blank();
        }
        self.line(&format!(
            "framework {} {} version {}",
            h.id.node,
            quote(&h.title.node),
            quote(&h.version.node)
        ));
        if let Some(extends) = &h.extends {
            self.comments_before(extends.span.start, false);
            self.line(&format!(
                "extends {} version {}",
                extends.id.node,
                quote(&extends.version.node)
            ));
        }
        if let Some(language) = &h.language {
            self.comments_before(language.span.start, false);
            self.line(&format!("language {}", language.node));
        }
        if let Some(validity) = &h.validity {
            self.comments_before(validity.span.start, false);
            self.line(&format!("validity {}", validity.node));
        }
        if let Some(midterm) = &h.midterm {
            self.comments_before(midterm.span.start, false);
            self.line(&format!("midterm {}", midterm.node));
        }
        if let Some(span) = &h.audit_verified {
            self.comments_before(span.start, false);
            self.line("audit requires verified");
        }
        let mut previous_was_define = false;
        for item in &file.items {
            let is_define = matches!(item, Item::Define(_));
            let start = match item {
                Item::Evidence(block) => block.span.start,
                Item::Owners(block) => block.span.start,
                Item::Define(d) => d.span.start,
                Item::Theme(t) => t.span.start,
                Item::Scoring(block) => block.span.start,
                Item::Tighten(t) => t.span.start,
                Item::Remove(r) => r.span.start,
            };
            self.trailing_before(start);
            // Consecutive defines stay together unless the author separated them.
            if !(is_define && previous_was_define) || self.blank_line_before(start) {
                self.out.push('\n');
            }
            previous_was_define = is_define;
            self.comments_before(start, true);
            match item {
                Item::Evidence(block) => self.evidence(block),
                Item::Owners(block) => self.owners(block),
                Item::Define(d) => {
                    let text = format!("define {} = {}", d.name.node, expression(&d.expr));
                    self.line(&text);
                }
                Item::Theme(t) => self.theme(t),
                Item::Scoring(block) => self.scoring(block),
                Item::Tighten(t) => {
                    self.line(&format!("tighten {} {{", t.id.node));
                    self.indent += 1;
                    self.attrs(&t.attrs);
                    self.finish_block(t.span.end);
                    self.indent -= 1;
                    self.line("}");
                }
                Item::Remove(r) => self.line(&format!("remove {}", r.node.node)),
            }
        }
        self.comments_before(self.source.len() + 1, true);
        while self.out.ends_with("\n\n") {
            self.out.pop();
        }
    }

    fn evidence(&mut self, block: &Node<Vec<EvidenceDecl>>) {
        self.line("evidence {");
        self.indent += 1;
        // Align the columns, but let an unusually long path or type stick out
        // rather than push every other line far to the right.
        const MAX_PATH: usize = 40;
        const MAX_TYPE: usize = 24;
        let path_width = block
            .node
            .iter()
            .map(|d| d.path.node.chars().count())
            .filter(|w| *w <= MAX_PATH)
            .max()
            .unwrap_or(0);
        let types: Vec<String> = block.node.iter().map(|d| type_expr(&d.ty.node)).collect();
        let type_width = block
            .node
            .iter()
            .zip(&types)
            .filter(|(d, _)| d.label.is_some())
            .map(|(_, t)| t.chars().count())
            .filter(|w| *w <= MAX_TYPE)
            .max()
            .unwrap_or(0);
        for (i, (decl, ty)) in block.node.iter().zip(&types).enumerate() {
            self.start(decl.path.span.start, i == 0);
            let text = match &decl.label {
                Some(label) => format!(
                    "{:<path_width$} : {:<type_width$}  {}",
                    decl.path.node,
                    ty,
                    quote(&label.node)
                ),
                None => format!("{:<path_width$} : {ty}", decl.path.node),
            };
            self.line(&text);
        }
        self.finish_block(block.span.end);
        self.indent -= 1;
        self.line("}");
    }

    /// `owners { ... }`, ids and names in columns.
    fn owners(&mut self, block: &Node<Vec<OwnerDecl>>) {
        self.line("owners {");
        self.indent += 1;
        let id_width = block
            .node
            .iter()
            .map(|d| d.id.node.chars().count())
            .max()
            .unwrap_or(0);
        let names: Vec<String> = block
            .node
            .iter()
            .map(|d| d.name.as_ref().map_or_else(String::new, |n| quote(&n.node)))
            .collect();
        let name_width = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
        for (i, (decl, name)) in block.node.iter().zip(&names).enumerate() {
            self.start(decl.id.span.start, i == 0);
            let mut text = format!("{:<id_width$} {name:<name_width$}", decl.id.node);
            if let Some(contact) = &decl.contact {
                let _ = write!(text, "  contact {}", contact.node);
            }
            if let Some(lead) = &decl.lead {
                let _ = write!(text, "  lead {}", lead.node);
            }
            self.line(text.trim_end());
        }
        self.finish_block(block.span.end);
        self.indent -= 1;
        self.line("}");
    }

    fn theme(&mut self, theme: &Theme) {
        match &theme.title {
            Some(title) => self.line(&format!(
                "theme {} {} {{",
                theme.id.node,
                quote(&title.node)
            )),
            None => self.line(&format!("theme {} {{", theme.id.node)),
        }
        self.indent += 1;
        for (i, criterion) in theme.criteria.iter().enumerate() {
            self.start(criterion.span.start, i == 0);
            self.criterion(criterion);
        }
        self.finish_block(theme.span.end);
        self.indent -= 1;
        self.line("}");
    }

    fn criterion(&mut self, c: &Criterion) {
        self.line(&format!(
            "criterion {} {} {{",
            c.id.node,
            quote(&c.title.node)
        ));
        self.indent += 1;
        self.attrs(&c.attrs);
        self.finish_block(c.span.end);
        self.indent -= 1;
        self.line("}");
    }

    fn attrs(&mut self, attrs: &[Node<Attr>]) {
        for (i, attr) in attrs.iter().enumerate() {
            self.start(attr.span.start, i == 0);
            match &attr.node {
                Attr::Mandatory => self.line("mandatory"),
                Attr::Weight(w) => self.line(&format!("weight {}", w.node)),
                Attr::Legal(text) => self.line(&format!("legal {}", quote(&text.node))),
                Attr::Owner(name) => self.line(&format!("owner {}", name.node)),
                Attr::Applies(e) => self.line(&format!("applies when {}", expression(e))),
                Attr::Guidance(text) => self.line(&format!("guidance {}", quote(&text.node))),
                Attr::AuditVerified => self.line("audit requires verified"),
                Attr::Require(r) => {
                    self.line(&format!("require {}", expression(&r.condition)));
                    if let Some(message) = &r.message {
                        self.comments_before(message.span.start, false);
                        self.indent += 1;
                        self.line(&format!("else {}", template(&message.node)));
                        self.indent -= 1;
                    }
                }
                Attr::Score(block) => {
                    self.line("score {");
                    self.indent += 1;
                    for (j, level) in block.levels.iter().enumerate() {
                        self.start(level.level.span.start, j == 0);
                        self.line(&format!(
                            "{} when {}",
                            level.level.node,
                            expression(&level.condition)
                        ));
                    }
                    if let Some(otherwise) = &block.otherwise {
                        self.start(otherwise.span.start, block.levels.is_empty());
                        self.line(&format!("{} otherwise", otherwise.node));
                    }
                    self.finish_block(attr.span.end);
                    self.indent -= 1;
                    self.line("}");
                }
            }
        }
    }

    fn scoring(&mut self, block: &Node<Vec<ScoringRule>>) {
        self.line("scoring {");
        self.indent += 1;
        for (i, rule) in block.node.iter().enumerate() {
            match rule {
                ScoringRule::CertifiedWhenAllThemesPass(span) => {
                    self.start(span.start, i == 0);
                    self.line("certified when all themes pass");
                }
                ScoringRule::ThemePasses {
                    theme,
                    conditions,
                    span,
                } => {
                    self.start(span.start, i == 0);
                    let conditions: Vec<String> = conditions
                        .iter()
                        .map(|c| match c.node {
                            ThemeCondition::AllMandatoryPass => "all mandatory pass".to_string(),
                            ThemeCondition::ScoreAtLeast(t) => format!("score >= {}", percent(t)),
                        })
                        .collect();
                    let theme = theme
                        .as_ref()
                        .map(|t| format!(" {}", t.node))
                        .unwrap_or_default();
                    self.line(&format!(
                        "theme{theme} passes when {}",
                        conditions.join(" and ")
                    ));
                }
            }
        }
        self.finish_block(block.span.end);
        self.indent -= 1;
        self.line("}");
    }
}

fn type_expr(ty: &TypeExpr) -> String {
    match ty {
        TypeExpr::Bool => "bool".into(),
        TypeExpr::Int => "int".into(),
        TypeExpr::Number => "number".into(),
        TypeExpr::Percent => "percent".into(),
        TypeExpr::Date => "date".into(),
        TypeExpr::Text => "text".into(),
        TypeExpr::Enum(members) => format!(
            "enum({})",
            members
                .iter()
                .map(|m| m.node.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        TypeExpr::List(element) => format!("list<{}>", type_expr(&element.node)),
    }
}

fn template(t: &Template) -> String {
    let mut out = String::from("\"");
    for part in &t.parts {
        match part {
            TemplatePart::Literal(text) => {
                for c in text.chars() {
                    match c {
                        '"' => out.push_str("\\\""),
                        '\\' => out.push_str("\\\\"),
                        '\n' => out.push_str("\\n"),
                        '{' => out.push_str("\\{"),
                        '}' => out.push_str("\\}"),
                        c => out.push(c),
                    }
                }
            }
            TemplatePart::Placeholder(path) => {
                out.push('{');
                out.push_str(&path.node);
                out.push('}');
            }
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &str) {
        let formatted = format(input).unwrap();
        assert_eq!(formatted, expected);
        assert_eq!(
            format(&formatted).unwrap(),
            formatted,
            "formatting is idempotent"
        );
        assert_eq!(
            crate::syntax::parse(&formatted).unwrap(),
            crate::syntax::parse(input).unwrap(),
            "formatting keeps the syntax tree"
        );
    }

    #[test]
    fn lays_out_a_framework_and_keeps_comments() {
        check(
            "// top\nframework  f \"F\"   version \"1\" language nl\nevidence{ a.b:bool \"A\" // trailing\n cc : date }\n\n\ntheme t \"T\" { criterion C \"c\" { owner school require a.b and (cc within 12 months or not a.b) else \"x {a.b} \\{y\\}\" } }",
            "// top\nframework f \"F\" version \"1\"\nlanguage nl\n\nevidence {\n  a.b : bool  \"A\"  // trailing\n  cc  : date\n}\n\ntheme t \"T\" {\n  criterion C \"c\" {\n    owner school\n    require a.b and (cc within 12 months or not a.b)\n      else \"x {a.b} \\{y\\}\"\n  }\n}\n",
        );
    }

    #[test]
    fn parenthesises_only_where_binding_needs_it() {
        let src = "framework f \"F\" version \"1\"\nevidence { a : int  b : int  c : int }\ndefine x = a - (b - c)\ndefine y = (a - b) - c\ndefine z = -(a * b) >= 2 * (b + c)\ndefine w = not (a >= 1 and b >= 1) or (c >= 1 or a >= 2)\n";
        let formatted = format(src).unwrap();
        assert!(formatted.contains("define x = a - (b - c)"));
        assert!(formatted.contains("define y = a - b - c"));
        assert!(formatted.contains("define z = -(a * b) >= 2 * (b + c)"));
        assert!(formatted.contains("define w = not (a >= 1 and b >= 1) or (c >= 1 or a >= 2)"));
        assert_eq!(
            crate::syntax::parse(&formatted).unwrap(),
            crate::syntax::parse(src).unwrap()
        );
    }
}
