//! Structure-aware generators for the fuzz targets: frameworks (evidence of
//! every type, deep paths, chains of defines that refer to earlier ones,
//! themes, criteria, scoring), layers on a generated base, and evidence
//! documents for them, all built from the fuzzer's bytes.
//!
//! Most of what is generated is valid, so that the stages after the parser
//! see it; now and then a choice breaks a rule (a define used before it is
//! defined or by itself, a path too deep, a value of the wrong type) so that
//! the error paths are exercised too.

use std::fmt::Write as _;

pub use libfuzzer_sys::arbitrary::{Result, Unstructured};

/// The longest framework text a text target reads: bigger inputs cost
/// time and find nothing that smaller ones do not.
pub const MAX_INPUT: usize = 2048;

/// The longest evidence document a target reads.
pub const MAX_EVIDENCE: usize = 16384;

/// The as-of date of every generated evidence document.
pub const AS_OF: &str = "2026-11-30";

/// The kinds of evidence a generated framework declares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ty {
    Bool,
    Int,
    Number,
    Percent,
    Date,
    Text,
    Enum,
    ListDate,
    ListInt,
}

const TYPES: [Ty; 9] = [
    Ty::Bool,
    Ty::Int,
    Ty::Number,
    Ty::Percent,
    Ty::Date,
    Ty::Text,
    Ty::Enum,
    Ty::ListDate,
    Ty::ListInt,
];

impl Ty {
    fn written(self) -> &'static str {
        match self {
            Ty::Bool => "bool",
            Ty::Int => "int",
            Ty::Number => "number",
            Ty::Percent => "percent",
            Ty::Date => "date",
            Ty::Text => "text",
            Ty::Enum => "enum(po, so, vo)",
            Ty::ListDate => "list<date>",
            Ty::ListInt => "list<int>",
        }
    }
}

/// One declared evidence path.
#[derive(Clone, Debug)]
pub struct Path {
    /// The segments (`s3`, `n`, `n`, …).
    pub segments: Vec<String>,
    pub ty: Ty,
}

impl Path {
    pub fn dotted(&self) -> String {
        self.segments.join(".")
    }
}

/// What a define stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DefTy {
    Bool,
    Num,
}

/// Everything a generated framework declares that expressions may use.
#[derive(Clone, Debug, Default)]
pub struct Scope {
    pub paths: Vec<Path>,
    defines: Vec<(String, DefTy)>,
}

impl Scope {
    fn of(&self, ty: Ty) -> Vec<String> {
        self.paths
            .iter()
            .filter(|p| p.ty == ty)
            .map(Path::dotted)
            .collect()
    }

    fn defines(&self, ty: DefTy) -> Vec<String> {
        self.defines
            .iter()
            .filter(|d| d.1 == ty)
            .map(|d| d.0.clone())
            .collect()
    }
}

fn pick<'a>(u: &mut Unstructured<'_>, items: &'a [String]) -> Result<Option<&'a str>> {
    if items.is_empty() {
        return Ok(None);
    }
    Ok(Some(u.choose(items)?.as_str()))
}

const DATES: [&str; 6] = [
    "2026-11-30",
    "2026-03-12",
    "2025-11-30",
    "2024-02-29",
    "2026-12-01",
    "1900-01-01",
];

/// The layout between tokens: one space mostly, sometimes a line break or a
/// comment, so that the formatter has work to do.
pub struct Layout {
    pub messy: bool,
}

impl Layout {
    fn gap(&self, u: &mut Unstructured<'_>) -> Result<&'static str> {
        if !self.messy {
            return Ok(" ");
        }
        Ok(*u.choose(&[" ", " ", "  ", "\n    ", " // c\n  ", "\t"])?)
    }
}

/// Generates expressions over a scope.
pub struct Exprs<'s> {
    pub scope: &'s Scope,
    pub layout: Layout,
}

impl Exprs<'_> {
    /// A number-valued expression.
    pub fn num(&self, u: &mut Unstructured<'_>, depth: u32) -> Result<String> {
        let choice = if depth == 0 {
            u.int_in_range(0..=3)?
        } else {
            u.int_in_range(0..=9)?
        };
        Ok(match choice {
            0 | 1 => {
                let mut paths = self.scope.of(Ty::Int);
                paths.extend(self.scope.of(Ty::Number));
                match pick(u, &paths)? {
                    Some(p) => p.to_string(),
                    None => self.literal(u)?,
                }
            }
            2 => self.literal(u)?,
            3 => match pick(u, &self.scope.defines(DefTy::Num))? {
                Some(d) => d.to_string(),
                None => self.literal(u)?,
            },
            4 | 5 | 6 => {
                let op = u.choose(&["+", "-", "*", "/"])?;
                let gap = self.layout.gap(u)?;
                format!(
                    "{}{gap}{op} {}",
                    self.num_operand(u, depth - 1)?,
                    self.num_operand(u, depth - 1)?
                )
            }
            7 => format!("-{}", self.num_operand(u, depth - 1)?),
            8 => format!("({})", self.num(u, depth - 1)?),
            _ => match pick(u, &self.scope.of(Ty::ListDate))? {
                Some(l) => format!("count({l} within {} months)", u.int_in_range(0..=40)?),
                None => match pick(u, &self.scope.of(Ty::ListInt))? {
                    Some(l) => format!("count({l} >= {})", u.int_in_range(-2..=5)?),
                    None => self.literal(u)?,
                },
            },
        })
    }

    /// A number expression as an operand of arithmetic: bracketed unless it
    /// is a single token.
    fn num_operand(&self, u: &mut Unstructured<'_>, depth: u32) -> Result<String> {
        let inner = self.num(u, depth)?;
        if inner.contains(' ') && !inner.starts_with("count(") {
            Ok(format!("({inner})"))
        } else {
            Ok(inner)
        }
    }

    fn literal(&self, u: &mut Unstructured<'_>) -> Result<String> {
        Ok(match u.int_in_range(0..=5)? {
            0 => "0".to_string(),
            1 => u.int_in_range(-3..=100)?.to_string(),
            2 => format!("{}.{}", u.int_in_range(0..=9)?, u.int_in_range(0..=99)?),
            3 => "3".to_string(),
            4 => "79228162514264337593543950335".to_string(),
            _ => "0.0000000000000000000000000001".to_string(),
        })
    }

    fn compare(&self, u: &mut Unstructured<'_>) -> Result<&'static str> {
        Ok(*u.choose(&[">=", ">", "<=", "<", "==", "!="])?)
    }

    /// A condition.
    pub fn cond(&self, u: &mut Unstructured<'_>, depth: u32) -> Result<String> {
        let choice = if depth == 0 {
            u.int_in_range(0..=9)?
        } else {
            u.int_in_range(0..=14)?
        };
        let gap = self.layout.gap(u)?;
        Ok(match choice {
            0 => match pick(u, &self.scope.of(Ty::Bool))? {
                Some(b) => b.to_string(),
                None => "true".to_string(),
            },
            1 => {
                let lhs = self.num(u, depth.min(2))?;
                let op = self.compare(u)?;
                let rhs = self.num(u, depth.min(1))?;
                format!("{lhs}{gap}{op} {rhs}")
            }
            2 => match pick(u, &self.scope.of(Ty::Percent))? {
                Some(p) => {
                    let op = self.compare(u)?;
                    let rhs = match u.int_in_range(0..=3)? {
                        0 => format!("{}%", u.int_in_range(0..=100)?),
                        1 => "69.999999999999999999%".to_string(),
                        2 => "0.7".to_string(),
                        _ => pick(u, &self.scope.of(Ty::Percent))?
                            .unwrap_or("50%")
                            .to_string(),
                    };
                    format!("{p}{gap}{op} {rhs}")
                }
                None => "false".to_string(),
            },
            3 => match pick(u, &self.scope.of(Ty::Date))? {
                Some(d) => match u.int_in_range(0..=3)? {
                    0 => format!(
                        "{d} within {} {}",
                        u.int_in_range(0..=40)?,
                        u.choose(&["days", "weeks", "months", "years", "month"])?
                    ),
                    1 => format!("{d} before {}", u.choose(&DATES)?),
                    2 => format!("{d} after {}", u.choose(&DATES)?),
                    _ => {
                        let dates = self.scope.of(Ty::Date);
                        let other = pick(u, &dates)?.unwrap_or(d).to_string();
                        format!("{d} {} {other}", self.compare(u)?)
                    }
                },
                None => "true".to_string(),
            },
            4 => match pick(u, &self.scope.of(Ty::Text))? {
                Some(t) => format!(
                    "{t} {} {}",
                    u.choose(&["==", "!="])?,
                    u.choose(&["\"ok\"", "\"\"", "\"co\u{f6}rdinator\"", "\"a \\\"b\\\"\""])?
                ),
                None => "false".to_string(),
            },
            5 => match pick(u, &self.scope.of(Ty::Enum))? {
                Some(e) => match u.int_in_range(0..=2)? {
                    0 => format!("{e} == {}", u.choose(&["po", "so", "vo"])?),
                    1 => format!("{e} in {{po, so}}"),
                    _ => format!("{e} not in {{vo}}"),
                },
                None => "true".to_string(),
            },
            6 => {
                let paths: Vec<String> = self.scope.paths.iter().map(Path::dotted).collect();
                match pick(u, &paths)? {
                    Some(p) => format!("present({p})"),
                    None => "true".to_string(),
                }
            }
            7 => match pick(u, &self.scope.of(Ty::ListDate))? {
                Some(l) => format!(
                    "count({l} within {} months) {} {}",
                    u.int_in_range(0..=24)?,
                    self.compare(u)?,
                    u.int_in_range(0..=3)?
                ),
                None => "true".to_string(),
            },
            8 => match pick(u, &self.scope.defines(DefTy::Bool))? {
                Some(d) => d.to_string(),
                None => "false".to_string(),
            },
            9 => u.choose(&["true", "false"])?.to_string(),
            10 | 11 => {
                let n = u.int_in_range(2..=4)?;
                let mut parts = Vec::new();
                for _ in 0..n {
                    parts.push(self.cond_operand(u, depth - 1)?);
                }
                parts.join(&format!("{gap}and "))
            }
            12 => {
                let n = u.int_in_range(2..=3)?;
                let mut parts = Vec::new();
                for _ in 0..n {
                    parts.push(self.cond_operand(u, depth - 1)?);
                }
                parts.join(&format!("{gap}or "))
            }
            13 => format!("not ({})", self.cond(u, depth - 1)?),
            _ => format!("({})", self.cond(u, depth - 1)?),
        })
    }

    /// A condition as an operand of `and`/`or`: bracketed when it is one.
    fn cond_operand(&self, u: &mut Unstructured<'_>, depth: u32) -> Result<String> {
        let inner = self.cond(u, depth)?;
        if inner.contains(" and ") || inner.contains(" or ") || inner.contains("and ") {
            Ok(format!("({inner})"))
        } else {
            Ok(inner)
        }
    }
}

/// How a generated framework is shaped.
pub struct Shape {
    /// The framework's id (`base`, `lay`, `f`).
    pub id: &'static str,
    /// `extends ...` for a layer.
    pub extends: Option<&'static str>,
    /// Prefix of its evidence paths, defines, themes and criteria (so that a
    /// layer's names never clash with its base's).
    pub prefix: &'static str,
    pub messy: bool,
}

impl Shape {
    /// A framework on its own, `f`, laid out tidily or (`messy`) with
    /// comments and odd spacing.
    pub fn alone(messy: bool) -> Shape {
        Shape {
            id: "f",
            extends: None,
            prefix: "",
            messy,
        }
    }
}

/// A generated framework: its text and what it declares.
pub struct Generated {
    pub source: String,
    pub scope: Scope,
    /// Criterion ids, for a layer's `tighten`.
    pub criteria: Vec<String>,
    /// Theme ids, for a layer's blocks that add to a base theme.
    pub themes: Vec<String>,
}

/// Generates evidence declarations into `scope`, with deep paths now and
/// then (past the depth limit, rarely).
fn declare(
    u: &mut Unstructured<'_>,
    prefix: &str,
    scope: &mut Scope,
    out: &mut String,
) -> Result<()> {
    let n = u.int_in_range(1..=10)?;
    out.push_str("evidence {\n");
    for i in 0..n {
        let ty = *u.choose(&TYPES)?;
        let depth = match u.int_in_range(0..=63)? {
            0 => u.int_in_range(30..=34)?,
            1..=4 => u.int_in_range(9..=32)?,
            5..=12 => u.int_in_range(3..=8)?,
            _ => u.int_in_range(1..=2)?,
        };
        let mut segments = vec![format!("{prefix}s{i}")];
        for k in 1..depth {
            segments.push(if k % 2 == 0 { "n" } else { "m" }.to_string());
        }
        let path = Path { segments, ty };
        let _ = writeln!(out, "  {} : {} \"Label {i}\"", path.dotted(), ty.written());
        scope.paths.push(path);
    }
    out.push_str("}\n");
    Ok(())
}

/// Generates defines: each refers to evidence and earlier defines, chains
/// (`dN = dN-1 and dN-1`, `dN = dN-1 + 1`) now and then, and rarely a
/// forward or self reference (an error).
fn defines(
    u: &mut Unstructured<'_>,
    prefix: &str,
    scope: &mut Scope,
    out: &mut String,
    messy: bool,
) -> Result<()> {
    let n = match u.int_in_range(0..=7)? {
        0 => u.int_in_range(20..=60)?,
        _ => u.int_in_range(0..=6)?,
    };
    for i in 0..n {
        let name = format!("{prefix}d{i}");
        let last = scope.defines.last().cloned();
        let (expr, ty) = match (u.int_in_range(0..=9)?, last) {
            (0, Some((prev, DefTy::Bool))) => (format!("{prev} and {prev}"), DefTy::Bool),
            (1, Some((prev, DefTy::Bool))) => (format!("not {prev} or {prev}"), DefTy::Bool),
            (0 | 1, Some((prev, DefTy::Num))) => (format!("{prev} + {prev}"), DefTy::Num),
            (2, Some((prev, ty))) => (prev, ty),
            (3, _) if u.ratio(1, 8)? => (format!("{name} or true"), DefTy::Bool),
            (4, _) if u.ratio(1, 8)? => (format!("{prefix}d{} > 1", i + 1), DefTy::Bool),
            (5 | 6, _) => {
                let exprs = Exprs {
                    scope,
                    layout: Layout { messy },
                };
                (exprs.num(u, 2)?, DefTy::Num)
            }
            _ => {
                let exprs = Exprs {
                    scope,
                    layout: Layout { messy },
                };
                (exprs.cond(u, 2)?, DefTy::Bool)
            }
        };
        let _ = writeln!(out, "define {name} = {expr}");
        scope.defines.push((name, ty));
    }
    Ok(())
}

/// One criterion block's attributes (after the `{`).
fn criterion_body(u: &mut Unstructured<'_>, exprs: &Exprs<'_>, out: &mut String) -> Result<()> {
    if u.ratio(1, 3)? {
        out.push_str("    mandatory\n");
    }
    if u.ratio(1, 4)? {
        let _ = writeln!(out, "    weight {}", u.int_in_range(0..=5)?);
    }
    if u.ratio(1, 6)? {
        out.push_str("    legal \"Wet\"\n");
    }
    let _ = writeln!(
        out,
        "    owner {}",
        u.choose(&["school", "gemeente", "politie", "halt", "ggd", "joint"])?
    );
    if u.ratio(1, 4)? {
        let _ = writeln!(out, "    applies when {}", exprs.cond(u, 1)?);
    }
    let scored = u.ratio(1, 4)?;
    if scored {
        out.push_str("    score {\n");
        let levels = u.int_in_range(1..=3)?;
        for l in (1..=levels).rev() {
            let _ = writeln!(out, "      {l} when {}", exprs.cond(u, 1)?);
        }
        out.push_str("      0 otherwise\n    }\n");
    }
    let requires = u.int_in_range(usize::from(!scored)..=2)?;
    for _ in 0..requires {
        let _ = write!(out, "    require {}", exprs.cond(u, 3)?);
        if u.ratio(1, 2)? {
            let paths: Vec<String> = exprs.scope.paths.iter().map(Path::dotted).collect();
            let placeholder = pick(u, &paths)?.unwrap_or("nothing");
            let _ = write!(out, "\n      else \"Gevonden: {{{placeholder}}}.\"");
        }
        out.push('\n');
    }
    if u.ratio(1, 5)? {
        out.push_str("    guidance \"Doe het.\"\n");
    }
    Ok(())
}

/// Generates a framework (or a layer on `base`).
pub fn framework(
    u: &mut Unstructured<'_>,
    shape: &Shape,
    base: Option<&Generated>,
) -> Result<Generated> {
    let mut out = String::new();
    let _ = writeln!(out, "framework {} \"Gegenereerd\" version \"1\"", shape.id);
    if let Some(extends) = shape.extends {
        let _ = writeln!(out, "extends {extends} version \"1\"");
    }
    if u.ratio(1, 2)? {
        out.push_str("validity 36 months\n");
    }
    let mut scope = base.map(|b| b.scope.clone()).unwrap_or_default();
    let prefix = shape.prefix;
    declare(u, prefix, &mut scope, &mut out)?;
    defines(u, prefix, &mut scope, &mut out, shape.messy)?;
    let exprs = Exprs {
        scope: &scope,
        layout: Layout { messy: shape.messy },
    };
    let mut criteria = Vec::new();
    let mut themes = Vec::new();
    if let Some(base) = base {
        // Tighten some base criteria, add to some base themes.
        for id in &base.criteria {
            if u.ratio(1, 3)? {
                let _ = writeln!(out, "tighten {id} {{");
                if u.ratio(1, 2)? {
                    out.push_str("  mandatory\n");
                }
                if u.ratio(1, 3)? {
                    let _ = writeln!(out, "  weight {}", u.int_in_range(1..=4)?);
                }
                let _ = writeln!(out, "  require {}", exprs.cond(u, 2)?);
                out.push_str("}\n");
            }
        }
        for theme in &base.themes {
            if u.ratio(1, 3)? {
                let id = format!("{prefix}X{}", criteria.len());
                let _ = writeln!(out, "theme {theme} {{\n  criterion {id} \"Erbij {id}\" {{");
                criterion_body(u, &exprs, &mut out)?;
                out.push_str("  }\n}\n");
                criteria.push(id);
            }
        }
    }
    let n_themes = u.int_in_range(usize::from(base.is_none())..=3)?;
    for t in 0..n_themes {
        let theme = format!("{prefix}t{t}");
        let _ = writeln!(out, "theme {theme} \"Thema {theme}\" {{");
        for _ in 0..u.int_in_range(1..=4)? {
            let id = format!("{prefix}C{}", criteria.len());
            let _ = writeln!(out, "  criterion {id} \"Criterium {id}\" {{");
            criterion_body(u, &exprs, &mut out)?;
            out.push_str("  }\n");
            criteria.push(id);
        }
        out.push_str("}\n");
        themes.push(theme);
    }
    if u.ratio(2, 3)? {
        out.push_str("scoring {\n");
        if u.ratio(1, 3)? && !themes.is_empty() {
            let theme = u.choose(&themes)?;
            let _ = writeln!(
                out,
                "  theme {theme} passes when all mandatory pass and score >= {}%",
                u.int_in_range(0..=100)?
            );
        }
        let _ = writeln!(
            out,
            "  theme passes when all mandatory pass and score >= {}%",
            u.choose(&[0, 50, 60, 100])?
        );
        out.push_str("  certified when all themes pass\n}\n");
    }
    if let Some(base) = base {
        themes.extend(base.themes.iter().cloned());
        criteria.extend(base.criteria.iter().cloned());
    }
    Ok(Generated {
        source: out,
        scope,
        criteria,
        themes,
    })
}

fn value(u: &mut Unstructured<'_>, ty: Ty) -> Result<String> {
    // One value in about twelve is hostile: null, another type, a value
    // out of range or badly written.
    let hostile = u.ratio(1, 12)?;
    let ty = match (hostile, u.int_in_range(0..=3)?) {
        (true, 0) => return Ok("null".to_string()),
        (true, 1) => *u.choose(&TYPES)?,
        _ => ty,
    };
    let date = |u: &mut Unstructured<'_>, hostile: bool| -> Result<String> {
        Ok(if hostile {
            u.choose(&[
                "\"2026-02-30\"",
                "\"9999-12-31\"",
                "\"2026-11-30T00:00:00\"",
                "\"0000-01-01\"",
            ])?
            .to_string()
        } else {
            format!("\"{}\"", u.choose(&DATES)?)
        })
    };
    Ok(match (ty, hostile) {
        (Ty::Bool, _) => u.choose(&["true", "false"])?.to_string(),
        (Ty::Int, false) => u.int_in_range(-5..=120)?.to_string(),
        (Ty::Int, true) => u
            .choose(&["1e3", "12345678901234567890123", "-0", "1.0"])?
            .to_string(),
        (Ty::Number, false) => match u.int_in_range(0..=2)? {
            0 => "2.50".to_string(),
            _ => u.int_in_range(-5..=120)?.to_string(),
        },
        (Ty::Number, true) => u.choose(&["1E-3", "1e400", "-0.0"])?.to_string(),
        (Ty::Percent, false) => match u.int_in_range(0..=2)? {
            0 => format!("\"{}%\"", u.int_in_range(0..=100)?),
            1 => "0.7".to_string(),
            _ => "1".to_string(),
        },
        (Ty::Percent, true) => u
            .choose(&[
                "\"70.00000000000000000000000000000%\"",
                "\"69.5 %\"",
                "\"120%\"",
                "1.5",
            ])?
            .to_string(),
        (Ty::Date, hostile) => date(u, hostile)?,
        (Ty::Text, false) => u
            .choose(&["\"ok\"", "\"co\\u0308rdinator\"", "\"co\u{f6}rdinator\""])?
            .to_string(),
        (Ty::Text, true) => u
            .choose(&["\"\"", "\"\\u0000\"", "\"\\ud800\"", "\"\u{200b}\""])?
            .to_string(),
        (Ty::Enum, false) => u.choose(&["\"po\"", "\"so\"", "\"vo\""])?.to_string(),
        (Ty::Enum, true) => u.choose(&["\"PO\"", "\"x\"", "\"\""])?.to_string(),
        (Ty::ListDate | Ty::ListInt, _) => {
            let n = u.int_in_range(0..=4)?;
            let mut items = Vec::new();
            for _ in 0..n {
                let bad = hostile && u.ratio(1, 2)?;
                items.push(if ty == Ty::ListDate {
                    date(u, bad)?
                } else {
                    u.int_in_range(-1..=9)?.to_string()
                });
            }
            format!("[{}]", items.join(","))
        }
    })
}

/// An evidence document (JSON) for the paths of `scope`: most supplied,
/// some missing, some of the wrong type, now and then an undeclared key.
pub fn evidence(u: &mut Unstructured<'_>, scope: &Scope) -> Result<String> {
    let mut body = Vec::new();
    for path in &scope.paths {
        if u.ratio(1, 5)? {
            continue;
        }
        let mut v = value(u, path.ty)?;
        for segment in path.segments.iter().skip(1).rev() {
            v = format!("{{\"{segment}\":{v}}}");
        }
        let first = path.segments.first().map(String::as_str).unwrap_or("x");
        body.push(format!("\"{first}\":{v}"));
    }
    if u.ratio(1, 8)? {
        body.push("\"onbekend\":{\"x\":1}".to_string());
    }
    if u.ratio(1, 24)? && !body.is_empty() {
        // A key twice.
        let again = body[0].clone();
        body.push(again);
    }
    let id = if u.ratio(1, 12)? {
        *u.choose(&["\"\"", "\"x|<b>\"", "1"])?
    } else {
        "\"loc-1\""
    };
    let as_of = if u.ratio(1, 24)? {
        "\"2026-02-30\""
    } else {
        "\"2026-11-30\""
    };
    Ok(format!(
        "{{\"location\":{{\"id\":{id},\"name\":\"L\"}},\"as_of\":{as_of},\"evidence\":{{{}}}}}",
        body.join(",")
    ))
}

/// The options every evidence document is loaded with.
pub fn load_options() -> kader::LoadOptions {
    kader::LoadOptions::default()
}

/// The basiskader, compiled once per process.
pub fn basiskader() -> &'static kader::Framework {
    static FRAMEWORK: std::sync::OnceLock<kader::Framework> = std::sync::OnceLock::new();
    FRAMEWORK.get_or_init(|| {
        kader::Framework::compile(BASISKADER).unwrap_or_else(|d| panic!("basiskader: {d}"))
    })
}

const BASISKADER: &str = include_str!("../../frameworks/basiskader.kader");

/// The Voorbeeldstad layer on the basiskader, compiled once per process.
pub fn voorbeeldstad() -> &'static kader::Framework {
    static FRAMEWORK: std::sync::OnceLock<kader::Framework> = std::sync::OnceLock::new();
    FRAMEWORK.get_or_init(|| {
        let resolver =
            kader::MemoryResolver::new().with("basiskader", "basiskader.kader", BASISKADER);
        kader::Framework::compile_with(
            include_str!("../../frameworks/lokaal/voorbeeldstad.kader"),
            "voorbeeldstad.kader",
            &resolver,
        )
        .unwrap_or_else(|d| panic!("voorbeeldstad: {d}"))
    })
}

/// A framework over one path of every type (one of them deep), compiled
/// once per process.
pub fn all_types() -> &'static kader::Framework {
    static FRAMEWORK: std::sync::OnceLock<kader::Framework> = std::sync::OnceLock::new();
    FRAMEWORK.get_or_init(|| {
        let source = one_requirement("present(b)");
        kader::Framework::compile(&source).unwrap_or_else(|d| panic!("all types: {d}"))
    })
}

/// One path of every type, one of them six segments deep.
pub fn small_scope() -> Scope {
    let path = |dotted: &str, ty| Path {
        segments: dotted.split('.').map(str::to_string).collect(),
        ty,
    };
    Scope {
        paths: vec![
            path("b", Ty::Bool),
            path("c", Ty::Bool),
            path("n", Ty::Int),
            path("m.x", Ty::Number),
            path("p", Ty::Percent),
            path("d", Ty::Date),
            path("t", Ty::Text),
            path("k", Ty::Enum),
            path("l", Ty::ListDate),
            path("li", Ty::ListInt),
            path("diep.a.b.c.d.e", Ty::Int),
        ],
        defines: Vec::new(),
    }
}

/// A framework over [`small_scope`] with one criterion that requires
/// `condition`.
pub fn one_requirement(condition: &str) -> String {
    let mut out = String::from("framework f \"F\" version \"1\"\nevidence {\n");
    for path in small_scope().paths {
        let _ = writeln!(out, "  {} : {} \"L\"", path.dotted(), path.ty.written());
    }
    let _ = write!(
        out,
        "}}\ntheme th \"T\" {{\n  criterion C \"C\" {{\n    owner school\n    require {condition}\n  }}\n}}\n"
    );
    out
}

/// The smallest framework text that requires `condition`: enough for the
/// parser, which does not look names up.
fn condition_source(condition: &str) -> String {
    format!("framework f \"F\" version \"1\"\ntheme th \"T\" {{ criterion C \"C\" {{ require {condition}\n}} }}\n")
}

/// The syntax tree of `condition` as the criterion of [`condition_source`]
/// requires it (spans into that text), or `None` when it does not parse.
pub fn parse_condition(condition: &str) -> Option<kader::syntax::ast::Expr> {
    use kader::syntax::ast::{Attr, Item};
    let file = kader::syntax::parse(&condition_source(condition)).ok()?;
    file.items.iter().find_map(|item| match item {
        Item::Theme(theme) => theme.criteria.first().and_then(|c| {
            c.attrs.iter().find_map(|a| match &a.node {
                Attr::Require(r) => Some(r.condition.clone()),
                _ => None,
            })
        }),
        _ => None,
    })
}

/// Panics unless `expected` (a gap's text) reads back as the part of
/// `condition` (parsed: `written`) that it stands for.
pub fn reads_back(condition: &str, written: &kader::syntax::ast::Expr, expected: &str) {
    use kader::syntax::ast::{ExprKind, LogicOp};
    let operands = match &written.node {
        ExprKind::Logic(LogicOp::And, items) => items.clone(),
        _ => vec![written.clone()],
    };
    // A bool slot on its own: "true"; under `not`: "false".
    let slot = |e: &kader::syntax::ast::Expr| matches!(e.node, ExprKind::Name(_));
    if expected == "true" && operands.iter().any(slot) {
        return;
    }
    if expected == "false"
        && operands
            .iter()
            .any(|o| matches!(&o.node, ExprKind::Not(inner) if slot(inner)))
    {
        return;
    }
    if let Some(read) = parse_condition(expected) {
        if read == *written || operands.contains(&read) {
            return;
        }
        if let ExprKind::Logic(LogicOp::And, items) = &read.node {
            let mut rest = operands.iter();
            if items.len() >= 2 && items.iter().all(|i| rest.any(|o| o == i)) {
                return;
            }
        }
    }
    // A requirement after a value: the value as written (spans leave out
    // brackets, so the text before the operator, brackets balanced), then
    // the requirement.
    let source = condition_source(condition);
    for operand in &operands {
        let (cut, op) = match &operand.node {
            ExprKind::Compare(op, _, rhs) => (rhs.span.start, Some(op.symbol())),
            ExprKind::Test(_, filter) => (filter.span.start, None),
            _ => continue,
        };
        let Some(head) = source.get(operand.span.start..cut) else {
            continue;
        };
        let mut head = head.trim_end();
        while let Some(h) = head.strip_suffix('(') {
            head = h.trim_end();
        }
        if let Some(op) = op {
            let Some(h) = head.strip_suffix(op) else {
                continue;
            };
            head = h.trim_end();
        }
        let open = head.matches('(').count();
        let close = head.matches(')').count();
        let lhs = format!("{}{head}", "(".repeat(close.saturating_sub(open)));
        if parse_condition(&format!("({lhs}) {expected}")).as_ref() == Some(operand) {
            return;
        }
    }
    panic!("the gap text `{expected}` does not read back as a part of `{condition}`");
}

/// Panics unless every gap text of `outcome` parses: as a condition, or as
/// the requirement after a value.
pub fn gap_texts_parse(outcome: &kader::Outcome) {
    for criterion in &outcome.criteria {
        for gap in &criterion.gaps {
            let text = gap
                .expected
                .strip_prefix("applies when ")
                .unwrap_or(&gap.expected);
            if parse_condition(text).is_none() && parse_condition(&format!("b {text}")).is_none() {
                panic!(
                    "the gap text `{}` of {} does not parse",
                    gap.expected, criterion.id
                );
            }
        }
    }
}

/// Panics unless the evidence `loaded` from `text` (default options) is
/// what the tree loader gives, and the fast loader, where it gives
/// anything, gives the same.
pub fn same_as_reference(
    framework: &kader::Framework,
    text: &str,
    loaded: &std::result::Result<kader::Evidence, kader::EvidenceError>,
) {
    same_as_reference_with(framework, text, load_options(), loaded);
}

/// [`same_as_reference`] with options.
pub fn same_as_reference_with(
    framework: &kader::Framework,
    text: &str,
    options: kader::LoadOptions,
    loaded: &std::result::Result<kader::Evidence, kader::EvidenceError>,
) {
    let reference = kader::Evidence::from_json_reference(framework, text, options);
    if let Some(fast) = kader::Evidence::from_json_fast(framework, text, options) {
        match &reference {
            Ok(tree) => {
                assert_eq!(&fast, tree, "fast and tree loaders differ on {text}");
                // Equal decimals may differ in scale (1.50, 1.5).
                assert_eq!(format!("{fast:?}"), format!("{tree:?}"), "on {text}");
            }
            Err(e) => panic!("the fast loader accepts what the tree refuses ({e}): {text}"),
        }
    }
    assert_eq!(
        loaded, &reference,
        "the loader differs from the tree on {text}"
    );
}
