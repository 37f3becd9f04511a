//! The floors of ARCHITECTURE.md, enforced. Every module of the library and
//! of the `kader` binary has a floor, in pipeline order; a module imports
//! only from its own floor or below, and no two modules import each other,
//! directly or round a longer loop.
//!
//! The test reads every `.rs` file under `src/` (comments, string literals
//! and `#[cfg(test)]` modules left out) and collects each `crate::`,
//! `super::`, `self::` and `kader::` path, grouped imports
//! (`use crate::{a, b::{c, d}}`) included. A path names the deepest module it
//! reaches; a name re-exported at the crate root counts as the module it
//! comes from (`kader::diff::Impact` is in `tools::diff`). A module and
//! the submodules it declares count as one for cycles: the `mod.rs`
//! declares them and they use its items. A folder that only groups
//! (`tools`) does not: each module in it counts on its own.

#![expect(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "test code reading the crate's own sources: an unreadable file is a failed test"
)]

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The floors, lowest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Floor {
    /// Words every stage shares; imports nothing above it.
    Ground,
    /// Source text → syntax tree, and the limits on input.
    Syntax,
    /// Names and types, and the bases of layers.
    Check,
    /// The flat evaluator.
    Compile,
    /// Evidence files → values in slots.
    Evidence,
    /// The result as data.
    Outcome,
    /// Deciding and explaining.
    Eval,
    /// The exact analysis of frameworks and their changes.
    Analysis,
    /// A decision explained for its readers, with what still matters.
    Assessment,
    /// The improvement plan and the overview of many locations.
    Plan,
    /// Rendering.
    Report,
    /// Authoring and batch tools over the pipeline, and the JSON interface.
    Tools,
    /// The `kader` binary's commands, and the HTTP service beside them.
    Cli,
    /// The binary's root: argument parsing and dispatch, nothing the
    /// commands could import.
    Main,
}

use Floor::*;

/// Every module and its floor, one line a module. `lib` and `main` are the
/// roots of the library and of the binary.
const FLOORS: &[(&str, Floor)] = &[
    ("span", Ground),
    ("terms", Ground),
    ("words", Ground),
    ("ratio", Ground),
    ("suggest", Ground),
    ("files", Ground),
    ("diagnostic", Ground),
    ("digest", Ground),
    ("diagnostic::catalogue", Ground),
    ("diagnostic::text", Ground),
    ("value", Ground),
    ("syntax", Syntax),
    ("syntax::ast", Syntax),
    ("syntax::brackets", Syntax),
    ("syntax::lower", Syntax),
    ("syntax::print", Syntax),
    ("syntax::recover", Syntax),
    ("syntax::wording", Syntax),
    ("limits", Syntax),
    ("check", Check),
    ("check::model", Check),
    ("check::expr", Check),
    ("check::defines", Check),
    ("check::layer", Check),
    ("check::lint", Check),
    ("check::symbols", Check),
    ("resolve", Check),
    ("compile", Compile),
    ("compile::scale", Compile),
    ("verbalise", Compile),
    ("evidence", Evidence),
    ("evidence::audit", Evidence),
    ("evidence::fast", Evidence),
    ("evidence::register", Evidence),
    ("evidence::tree", Evidence),
    ("evidence::write", Evidence),
    ("outcome", Outcome),
    ("eval", Eval),
    ("eval::decide", Eval),
    ("eval::explain", Eval),
    ("eval::score", Eval),
    ("eval::stage", Eval),
    ("eval::trace", Eval),
    ("analysis", Analysis),
    ("analysis::criteria", Analysis),
    ("analysis::dates", Analysis),
    ("analysis::decisive", Analysis),
    ("analysis::lines", Analysis),
    ("analysis::lint", Analysis),
    ("analysis::points", Analysis),
    ("analysis::regions", Analysis),
    ("analysis::same", Analysis),
    ("analysis::space", Analysis),
    ("analysis::themes", Analysis),
    ("analysis::witness", Analysis),
    ("assessment", Assessment),
    ("calendar", Assessment),
    ("plan", Plan),
    ("plan::file", Plan),
    ("overview", Plan),
    ("annex", Plan),
    ("progress", Plan),
    ("layout", Report),
    ("layout::html", Report),
    ("layout::markdown", Report),
    ("layout::text", Report),
    ("report", Report),
    ("report::annex", Report),
    ("report::assessment", Report),
    ("report::certificate", Report),
    ("report::calendar", Report),
    ("report::ics", Report),
    ("report::improvement", Report),
    ("report::json", Report),
    ("report::json::write", Report),
    ("report::overview", Report),
    ("report::progress", Report),
    ("report::summary", Report),
    ("tools", Tools),
    ("tools::batch", Tools),
    ("tools::diff", Tools),
    ("tools::diff::conditions", Tools),
    ("tools::diff::impact", Tools),
    ("tools::diff::render", Tools),
    ("tools::diff::structure", Tools),
    ("tools::diff::exhaustive", Tools),
    ("tools::doc", Tools),
    ("tools::form", Tools),
    ("tools::form::page", Tools),
    ("tools::format", Tools),
    ("tools::generate", Tools),
    ("tools::lsp", Tools),
    ("tools::lsp::transport", Tools),
    ("tools::schema", Tools),
    ("tools::testing", Tools),
    ("tools::testing::coverage", Tools),
    ("tools::testing::expect", Tools),
    ("tools::testing::render", Tools),
    ("api", Tools),
    ("lib", Tools),
    ("cli", Cli),
    ("cli::args", Cli),
    ("cli::annex", Cli),
    ("cli::certificate", Cli),
    ("cli::framework", Cli),
    ("cli::evidence", Cli),
    ("cli::exceptions", Cli),
    ("cli::calendar", Cli),
    ("cli::check", Cli),
    ("cli::diff", Cli),
    ("cli::doc", Cli),
    ("cli::eval", Cli),
    ("cli::fmt", Cli),
    ("cli::form", Cli),
    ("cli::lsp", Cli),
    ("cli::plan", Cli),
    ("cli::planfile", Cli),
    ("cli::progress", Cli),
    ("cli::report", Cli),
    ("cli::samples", Cli),
    ("cli::schema", Cli),
    ("cli::test", Cli),
    ("cli::verify", Cli),
    ("cli::serve", Cli),
    ("serve", Cli),
    ("serve::decisions", Cli),
    ("serve::endpoints", Cli),
    ("serve::library", Cli),
    ("serve::ndjson", Cli),
    ("serve::problem", Cli),
    ("serve::routes", Cli),
    ("main", Main),
];

/// Folders that only group modules: each module in one counts as a
/// top-level module for cycles.
const GROUPS: &[&str] = &["tools"];

/// Pairs of modules that may import each other: none. A pair listed here
/// that no longer imports each other fails the test, so an exception leaves
/// with its cycle.
const ALLOWED_CYCLES: &[(&str, &str)] = &[];

/// One import: `from` uses something of `to`, at `file:line`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Edge {
    from: String,
    to: String,
    file: String,
    line: usize,
}

impl Edge {
    fn new(from: &str, to: &str, file: &str, line: usize) -> Edge {
        Edge {
            from: from.to_string(),
            to: to.to_string(),
            file: file.to_string(),
            line,
        }
    }
}

/// Whether `a` is `b` or one of its submodules, or the other way round.
fn related(a: &str, b: &str) -> bool {
    let within = |inner: &str, outer: &str| {
        outer == "lib"
            || outer == "main"
            || inner == outer
            || inner
                .strip_prefix(outer)
                .is_some_and(|rest| rest.starts_with("::"))
    };
    within(a, b) || within(b, a)
}

/// Every broken rule: modules without a floor, imports from a higher floor,
/// cycles (other than the allowed ones), and allowed cycles that are gone.
fn check(floors: &[(&str, Floor)], edges: &[Edge], allowed: &[(&str, &str)]) -> Vec<String> {
    let floor: BTreeMap<&str, Floor> = floors.iter().copied().collect();
    let mut problems = Vec::new();
    for edge in edges {
        for module in [&edge.from, &edge.to] {
            if !floor.contains_key(module.as_str()) {
                problems.push(format!(
                    "{}:{}: `{module}` has no floor: add it to FLOORS",
                    edge.file, edge.line
                ));
            }
        }
        if let (Some(&from), Some(&to)) =
            (floor.get(edge.from.as_str()), floor.get(edge.to.as_str()))
        {
            if to > from {
                problems.push(format!(
                    "{}:{}: `{}` ({from:?}) imports `{}` ({to:?}), a higher floor",
                    edge.file, edge.line, edge.from, edge.to
                ));
            }
        }
    }
    // Cycles between top-level modules (`eval` and everything in it as one;
    // in a folder that only groups, such as `tools`, each of its modules),
    // then between the files of one folder.
    let top = |m: &str| {
        let mut parts = m.split("::");
        let first = parts.next().unwrap_or(m);
        match parts.next() {
            Some(second) if GROUPS.contains(&first) => format!("{first}::{second}"),
            _ => first.to_string(),
        }
    };
    problems.extend(cycles(
        edges,
        &top,
        &|e| top(&e.from) != top(&e.to) && !related(&e.from, &e.to),
        allowed,
    ));
    let own = |m: &str| m.to_string();
    problems.extend(cycles(
        edges,
        &own,
        &|e| top(&e.from) == top(&e.to) && !related(&e.from, &e.to),
        allowed,
    ));
    for &(a, b) in allowed {
        let imports = |x: &str, y: &str| edges.iter().any(|e| e.from == x && e.to == y);
        if !(imports(a, b) && imports(b, a)) {
            problems.push(format!(
                "`{a}` and `{b}` no longer import each other: remove them from ALLOWED_CYCLES"
            ));
        }
    }
    problems
}

/// Every strongly connected group of two or more nodes among the edges
/// `counted` keeps, a node being what `node` makes of a module; an allowed
/// pair's imports of each other are passed over.
fn cycles(
    edges: &[Edge],
    node: &dyn Fn(&str) -> String,
    counted: &dyn Fn(&Edge) -> bool,
    allowed: &[(&str, &str)],
) -> Vec<String> {
    let allowed_pair = |a: &str, b: &str| {
        allowed
            .iter()
            .any(|&(x, y)| (x, y) == (a, b) || (y, x) == (a, b))
    };
    let kept: Vec<&Edge> = edges
        .iter()
        .filter(|e| counted(e) && !allowed_pair(&e.from, &e.to))
        .collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for edge in &kept {
        graph
            .entry(node(&edge.from))
            .or_default()
            .insert(node(&edge.to));
        graph.entry(node(&edge.to)).or_default();
    }
    let mut reachable: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for start in graph.keys() {
        let mut seen = BTreeSet::new();
        let mut todo = vec![start.as_str()];
        while let Some(at) = todo.pop() {
            for next in graph.get(at).into_iter().flatten() {
                if seen.insert(next.as_str()) {
                    todo.push(next);
                }
            }
        }
        reachable.insert(start, seen);
    }
    let mut problems = Vec::new();
    let mut reported = BTreeSet::new();
    for (&start, reaches) in &reachable {
        if !reaches.contains(start) || reported.contains(start) {
            continue;
        }
        let group: Vec<&str> = reaches
            .iter()
            .copied()
            .filter(|other| reachable.get(other).is_some_and(|r| r.contains(start)))
            .collect();
        let mut text = format!("cycle between {}:", group.join(", "));
        for edge in &kept {
            if group.contains(&node(&edge.from).as_str())
                && group.contains(&node(&edge.to).as_str())
            {
                let _ = write!(
                    text,
                    "\n  {}:{}: `{}` imports `{}`",
                    edge.file, edge.line, edge.from, edge.to
                );
            }
        }
        problems.push(text);
        reported.extend(group);
    }
    problems
}

/// The text with comments, string and character literals blanked (line
/// breaks kept, so lines still count), then `#[cfg(test)]` modules blanked.
fn code_of(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    let mut i = 0;
    let at = |i: usize, s: &str| {
        s.chars()
            .enumerate()
            .all(|(k, c)| chars.get(i + k) == Some(&c))
    };
    while i < chars.len() {
        let c = chars[i];
        let prev_ident = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
        if at(i, "//") {
            while i < chars.len() && chars[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if at(i, "/*") {
            let mut depth = 0;
            while i < chars.len() {
                if at(i, "/*") {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if at(i, "*/") {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
        } else if !prev_ident && (at(i, "r#") || at(i, "r\"") || at(i, "br#") || at(i, "br\"")) {
            // A raw string: r##"..."## closes at a quote and as many #.
            let start = i;
            i += if c == 'b' { 2 } else { 1 };
            let mut hashes = 0;
            while chars.get(i) == Some(&'#') {
                hashes += 1;
                i += 1;
            }
            if chars.get(i) != Some(&'"') {
                // `r#ident`, a raw identifier.
                out.extend(&chars[start..i]);
                continue;
            }
            i += 1;
            let close: String = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            while i < chars.len() && !at(i, &close) {
                i += 1;
            }
            i = (i + close.chars().count()).min(chars.len());
            out.extend(chars[start..i].iter().map(|&c| blank(c)));
        } else if c == '"' {
            out.push(' ');
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if let Some(&c) = chars.get(i) {
                    out.push(blank(c));
                }
                i += 1;
            }
            out.push(' ');
            i += 1;
        } else if c == '\'' && chars.get(i + 1) == Some(&'\\') {
            // An escaped character literal: '\n', '\'', '\u{7b}'.
            out.push_str("  ");
            i += 2;
            while i < chars.len() && chars[i] != '\'' {
                out.push(' ');
                i += 1;
            }
            out.push(' ');
            i += 1;
        } else if c == '\'' && chars.get(i + 2) == Some(&'\'') {
            out.push_str("   ");
            i += 3;
        } else {
            out.push(c);
            i += 1;
        }
    }
    // `#[cfg(test)] mod tests { ... }`, braces matched.
    let mut code: Vec<char> = out.chars().collect();
    let marker: Vec<char> = "#[cfg(test)]".chars().collect();
    let mut i = 0;
    while i + marker.len() <= code.len() {
        if code[i..i + marker.len()] != marker[..] {
            i += 1;
            continue;
        }
        let rest: String = code[i + marker.len()..].iter().take(200).collect();
        let item = rest.trim_start();
        if !(item.starts_with("mod ")
            || item.starts_with("pub mod ")
            || item.starts_with("pub(crate) mod "))
        {
            i += 1;
            continue;
        }
        let mut j = i;
        let mut depth = 0usize;
        let mut opened = false;
        while j < code.len() {
            match code[j] {
                '{' => {
                    depth += 1;
                    opened = true;
                }
                '}' => depth = depth.saturating_sub(1),
                ';' if !opened => break,
                _ => {}
            }
            j += 1;
            if opened && depth == 0 {
                break;
            }
        }
        for c in &mut code[i..j] {
            *c = blank(*c);
        }
        i = j;
    }
    code.into_iter().collect()
}

/// Every path that starts at `crate`, `super`, `self` or `kader`, with the
/// line it is on; a group (`{a, b::{c, d}}`) gives one path per leaf.
fn paths_in(code: &str) -> Vec<(Vec<String>, usize)> {
    let chars: Vec<char> = code.chars().collect();
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut found = Vec::new();
    let mut line = 1;
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '\n' {
            line += 1;
        }
        let starts_word = i == 0 || !(is_ident(chars[i - 1]) || chars[i - 1] == ':');
        let word: String = chars[i..].iter().take_while(|&&c| is_ident(c)).collect();
        let roots = ["crate", "super", "self", "kader"];
        let after = i + word.chars().count();
        let followed = chars.get(after..after + 2) == Some(&[':', ':'][..]);
        if starts_word && roots.contains(&word.as_str()) && followed {
            let (trees, end) = use_tree(&chars, i);
            found.extend(trees.into_iter().map(|t| (t, line)));
            line += chars[i..end].iter().filter(|&&c| c == '\n').count();
            i = end.max(i + 1);
        } else {
            i += word.chars().count().max(1);
        }
    }
    found
}

/// The paths of the use tree that starts at `start`, and where it ends.
fn use_tree(chars: &[char], start: usize) -> (Vec<Vec<String>>, usize) {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    let skip_space = |mut i: usize| {
        while chars.get(i).is_some_and(|c| c.is_whitespace()) {
            i += 1;
        }
        i
    };
    let mut prefix = Vec::new();
    let mut i = skip_space(start);
    loop {
        if chars.get(i) == Some(&'{') {
            let mut all = Vec::new();
            i += 1;
            loop {
                i = skip_space(i);
                match chars.get(i) {
                    Some('}') => return (all, i + 1),
                    Some(',') => i += 1,
                    None => return (all, i),
                    _ => {
                        let (trees, end) = use_tree(chars, i);
                        all.extend(trees.into_iter().map(|t| {
                            // `{self, ...}` names the group's own module.
                            let leaf = t.iter().skip_while(|s| *s == "self").cloned();
                            prefix.iter().cloned().chain(leaf).collect()
                        }));
                        // A leaf that is not a path (`*`, `as x`) is passed over.
                        i = if end > i { end } else { i + 1 };
                        while chars.get(i).is_some_and(|&c| c != ',' && c != '}') {
                            i += 1;
                        }
                    }
                }
            }
        }
        let word: String = chars[i..].iter().take_while(|&&c| is_ident(c)).collect();
        if word.is_empty() {
            return (vec![prefix], i);
        }
        i += word.chars().count();
        prefix.push(word);
        let after = skip_space(i);
        if chars.get(after..after + 2) == Some(&[':', ':'][..]) {
            i = skip_space(after + 2);
        } else {
            return (vec![prefix], i);
        }
    }
}

/// A source file as a module: its name (`check::expr`), and whether it
/// belongs to the binary.
struct Module {
    name: String,
    file: String,
    binary: bool,
    code: String,
}

fn modules(src: &Path) -> Vec<Module> {
    let mut files = Vec::new();
    let mut todo = vec![src.to_path_buf()];
    while let Some(dir) = todo.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
        .into_iter()
        .map(|path: PathBuf| {
            let relative = path.strip_prefix(src).unwrap().with_extension("");
            let parts: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            let name = parts
                .iter()
                .filter(|p| *p != "mod")
                .cloned()
                .collect::<Vec<_>>()
                .join("::");
            let binary = name == "main"
                || ["cli", "serve"]
                    .iter()
                    .any(|m| name == *m || name.starts_with(&format!("{m}::")));
            let text = std::fs::read_to_string(&path).unwrap();
            Module {
                name,
                file: path.display().to_string(),
                binary,
                code: code_of(&text),
            }
        })
        .collect()
}

/// The names the library root re-exports, and the path each stands for:
/// `pub use evidence::{Evidence, ...}` makes `crate::Evidence` mean
/// `evidence::Evidence`, and `pub use tools::diff` makes `crate::diff::Impact`
/// mean `tools::diff::Impact`. Names from other crates (`jiff`) are not kept.
fn root_names(lib: &Module, names: &BTreeSet<String>) -> BTreeMap<String, Vec<String>> {
    let mut found = BTreeMap::new();
    for statement in lib.code.split(';') {
        let Some(rest) = statement.trim().strip_prefix("pub use ") else {
            continue;
        };
        let chars: Vec<char> = rest.chars().collect();
        for path in use_tree(&chars, 0).0 {
            let Some((last, module)) = path.split_last() else {
                continue;
            };
            if names.contains(&module.join("::")) {
                found.insert(last.clone(), path);
            }
        }
    }
    found
}

/// The modules of one crate and what its root re-exports.
struct Crate<'a> {
    root: &'a str,
    names: BTreeSet<String>,
    reexports: BTreeMap<String, Vec<String>>,
}

impl Crate<'_> {
    /// The module a path from the crate root lands in, through a name the
    /// root re-exports if it starts with one.
    fn module_of(&self, path: &[String]) -> String {
        let deepest = |path: &[String]| {
            (1..=path.len())
                .rev()
                .map(|k| path[..k].join("::"))
                .find(|name| self.names.contains(name))
        };
        deepest(path)
            .or_else(|| {
                let (first, rest) = path.split_first()?;
                let target = self.reexports.get(first)?;
                deepest(&[target.as_slice(), rest].concat())
            })
            .unwrap_or_else(|| self.root.to_string())
    }
}

fn edges_of(all: &[Module]) -> Vec<Edge> {
    let names = |binary: bool| -> BTreeSet<String> {
        all.iter()
            .filter(|m| m.binary == binary)
            .map(|m| m.name.clone())
            .collect()
    };
    let lib_names = names(false);
    let lib = all.iter().find(|m| m.name == "lib").unwrap();
    let library = Crate {
        root: "lib",
        reexports: root_names(lib, &lib_names),
        names: lib_names,
    };
    let binary = Crate {
        root: "main",
        names: names(true),
        reexports: BTreeMap::new(),
    };
    let mut edges = BTreeSet::new();
    for module in all {
        let own = if module.binary { &binary } else { &library };
        let here: Vec<String> = if module.name == own.root {
            Vec::new()
        } else {
            module.name.split("::").map(str::to_string).collect()
        };
        for (path, line) in paths_in(&module.code) {
            let (krate, mut at, rest) = match path.first().map(String::as_str) {
                Some("kader") => (&library, Vec::new(), &path[1..]),
                Some("crate") => (own, Vec::new(), &path[1..]),
                Some("self") => (own, here.clone(), &path[1..]),
                Some("super") => {
                    let mut at = here.clone();
                    let mut rest = &path[..];
                    while rest.first().is_some_and(|s| s == "super") {
                        rest = &rest[1..];
                        at.pop();
                    }
                    (own, at, rest)
                }
                _ => continue,
            };
            at.extend(rest.iter().cloned());
            let to = krate.module_of(&at);
            if to != module.name {
                edges.insert(Edge::new(&module.name, &to, &module.file, line));
            }
        }
    }
    edges.into_iter().collect()
}

#[test]
fn every_module_keeps_to_its_floor_and_no_modules_import_each_other() {
    let all = modules(Path::new(env!("CARGO_MANIFEST_DIR")).join("src").as_path());
    let edges = edges_of(&all);
    let mut problems = check(FLOORS, &edges, ALLOWED_CYCLES);
    let present: BTreeSet<&str> = all.iter().map(|m| m.name.as_str()).collect();
    for module in &present {
        if !FLOORS.iter().any(|(name, _)| name == module) {
            problems.push(format!("`{module}` has no floor: add it to FLOORS"));
        }
    }
    for (name, _) in FLOORS {
        if !present.contains(name) {
            problems.push(format!("FLOORS names `{name}`, which is no module of src/"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_reader_sees_grouped_imports_and_paths_in_code_but_not_comments_or_tests() {
    let text = "use crate::{a, b::{c, self, d as e}};\n\
                // use crate::hidden;\n\
                fn f() { let s = \"crate::quoted\"; super::super::g(); kader::x::Y::new(); }\n\
                #[cfg(test)]\nmod tests { use crate::only_in_tests; fn t() { let c = '}'; } }\n\
                use crate::after;\n";
    let code = code_of(text);
    let paths: Vec<(String, usize)> = paths_in(&code)
        .into_iter()
        .map(|(p, line)| (p.join("::"), line))
        .collect();
    let expected = [
        ("crate::a", 1),
        ("crate::b::c", 1),
        ("crate::b", 1),
        ("crate::b::d", 1),
        ("super::super::g", 3),
        ("kader::x::Y::new", 3),
        ("crate::after", 6),
    ];
    let expected: Vec<(String, usize)> =
        expected.iter().map(|&(p, l)| (p.to_string(), l)).collect();
    assert_eq!(paths, expected);
}

#[test]
fn the_checker_names_an_import_from_a_higher_floor_and_a_cycle() {
    let floors = [
        ("low", Ground),
        ("mid", Syntax),
        ("mid::part", Syntax),
        ("high", Check),
    ];
    let clean = [
        Edge::new("high", "mid", "src/high.rs", 1),
        Edge::new("mid", "low", "src/mid/mod.rs", 2),
        // A folder and its own submodules may use each other.
        Edge::new("mid", "mid::part", "src/mid/mod.rs", 3),
        Edge::new("mid::part", "mid", "src/mid/part.rs", 1),
    ];
    assert_eq!(check(&floors, &clean, &[]), Vec::<String>::new());

    let upward = [Edge::new("low", "high", "src/low.rs", 7)];
    assert_eq!(
        check(&floors, &upward, &[]),
        ["src/low.rs:7: `low` (Ground) imports `high` (Check), a higher floor"]
    );

    let round = [
        Edge::new("high", "mid::part", "src/high.rs", 1),
        Edge::new("mid::part", "low", "src/mid/part.rs", 4),
        Edge::new("low", "high", "src/low.rs", 9),
    ];
    let problems = check(&floors, &round, &[]);
    assert!(problems.contains(&"cycle between high, low, mid:\n  src/high.rs:1: `high` imports `mid::part`\n  src/mid/part.rs:4: `mid::part` imports `low`\n  src/low.rs:9: `low` imports `high`".to_string()), "{problems:#?}");

    // Through different files of one folder: still a cycle between folders.
    let floors3 = [
        ("a", Syntax),
        ("a::x", Syntax),
        ("a::y", Syntax),
        ("b", Syntax),
    ];
    let folders = [
        Edge::new("a::x", "b", "src/a/x.rs", 2),
        Edge::new("b", "a::y", "src/b.rs", 5),
    ];
    assert_eq!(
        check(&floors3, &folders, &[]),
        ["cycle between a, b:\n  src/a/x.rs:2: `a::x` imports `b`\n  src/b.rs:5: `b` imports `a::y`"]
    );
    // Two files of one folder.
    let siblings = [
        Edge::new("a::x", "a::y", "src/a/x.rs", 3),
        Edge::new("a::y", "a::x", "src/a/y.rs", 4),
    ];
    assert_eq!(
        check(&floors3, &siblings, &[]),
        ["cycle between a::x, a::y:\n  src/a/x.rs:3: `a::x` imports `a::y`\n  src/a/y.rs:4: `a::y` imports `a::x`"]
    );

    // Two modules of a folder that only groups: a cycle between them, not
    // within one folder.
    let floors4 = [
        ("tools", Syntax),
        ("tools::a", Syntax),
        ("tools::a::x", Syntax),
        ("tools::b", Syntax),
    ];
    let grouped = [
        Edge::new("tools::a::x", "tools::b", "src/tools/a/x.rs", 2),
        Edge::new("tools::b", "tools::a", "src/tools/b.rs", 5),
    ];
    assert_eq!(
        check(&floors4, &grouped, &[]),
        ["cycle between tools::a, tools::b:\n  src/tools/a/x.rs:2: `tools::a::x` imports `tools::b`\n  src/tools/b.rs:5: `tools::b` imports `tools::a`"]
    );

    let mutual = [
        Edge::new("mid", "mid2", "src/mid.rs", 1),
        Edge::new("mid2", "mid", "src/mid2.rs", 1),
    ];
    let floors2 = [("mid", Syntax), ("mid2", Syntax)];
    assert_eq!(
        check(&floors2, &mutual, &[("mid", "mid2")]),
        Vec::<String>::new()
    );
    assert_eq!(check(&floors2, &mutual, &[]).len(), 1);
    assert_eq!(
        check(&floors2, &mutual[..1], &[("mid", "mid2")]),
        ["`mid` and `mid2` no longer import each other: remove them from ALLOWED_CYCLES"]
    );

    let unplaced = [Edge::new("new", "low", "src/new.rs", 3)];
    assert_eq!(
        check(&floors, &unplaced, &[]),
        ["src/new.rs:3: `new` has no floor: add it to FLOORS"]
    );
}
