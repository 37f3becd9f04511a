//! Finding the frameworks a layer extends.
//!
//! A layer names its base by id (`extends basiskader version "2026.1"`);
//! the host application decides where that id comes from by supplying a
//! [`Resolver`]. **The library never reads a path on its own**: it asks the
//! resolver, which may read a database, a bundle, or (the CLI's
//! [`DirResolver`]) one directory and nothing outside it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::check::{self, Model, SourceFile, Symbols};
use crate::diagnostic::{line_col, say, Diagnostic, Diagnostics, Text};
use crate::syntax::ast::{Extends, File, Span};

/// How many frameworks may stack on each other (base, layer, layer on that ...).
pub const MAX_LAYERS: usize = 16;

/// The text of a framework, as a resolver found it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// A name for diagnostics that point into it, such as its file name.
    pub name: String,
    /// The framework text.
    pub text: String,
}

/// Why a resolver found no framework for an id.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ResolveError {
    /// What went wrong, in lowercase, for the author of the layer.
    pub message: String,
}

impl ResolveError {
    /// A resolve error with this message.
    pub fn new(message: impl Into<String>) -> Self {
        ResolveError {
            message: message.into(),
        }
    }
}

/// Finds the text of a framework by its id. The host application supplies
/// one; see [`crate::Framework::compile_with`].
pub trait Resolver {
    /// The framework with this id.
    fn resolve(&self, id: &str) -> Result<Source, ResolveError>;
}

/// A resolver over frameworks held in memory, for hosts that keep them in a
/// database and for tests.
#[derive(Clone, Debug, Default)]
pub struct MemoryResolver {
    sources: BTreeMap<String, Source>,
}

impl MemoryResolver {
    /// An empty resolver.
    pub fn new() -> Self {
        MemoryResolver::default()
    }

    /// Adds (or replaces) the framework with this id.
    pub fn with(mut self, id: &str, name: &str, text: &str) -> Self {
        self.sources.insert(
            id.to_string(),
            Source {
                name: name.to_string(),
                text: text.to_string(),
            },
        );
        self
    }
}

impl Resolver for MemoryResolver {
    fn resolve(&self, id: &str) -> Result<Source, ResolveError> {
        self.sources
            .get(id)
            .cloned()
            .ok_or_else(|| ResolveError::new(format!("no framework `{id}` is available")))
    }
}

/// Resolves an id to the file `ID.kader` in one directory or the folders
/// below it, and never outside it: ids are plain names (no `/`, no `..`),
/// symbolic links are not followed, and the file found must canonicalise to
/// a path inside the directory.
#[derive(Clone, Debug)]
pub struct DirResolver {
    root: PathBuf,
    shown: PathBuf,
}

/// How deep below its directory a [`DirResolver`] looks.
const MAX_DEPTH: usize = 4;

impl DirResolver {
    /// A resolver over `dir`; an error when it is not a readable directory.
    pub fn new(dir: &Path) -> Result<DirResolver, ResolveError> {
        let root = dir.canonicalize().map_err(|e| {
            ResolveError::new(format!(
                "cannot read the directory `{}`: {e}",
                dir.display()
            ))
        })?;
        if !root.is_dir() {
            return Err(ResolveError::new(format!(
                "`{}` is not a directory",
                dir.display()
            )));
        }
        Ok(DirResolver {
            root,
            shown: dir.to_path_buf(),
        })
    }

    /// Every file named `file` in `dir` and below; links named so are
    /// skipped, and put in `links` so that the error can say why.
    fn find(
        &self,
        dir: &Path,
        file: &str,
        depth: usize,
        found: &mut Vec<PathBuf>,
        links: &mut Vec<PathBuf>,
    ) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
        entries.sort_by_key(std::fs::DirEntry::file_name);
        for entry in entries {
            // `file_type` does not follow symbolic links: a link is skipped.
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let named = entry.file_name().to_str() == Some(file);
            if kind.is_file() && named {
                found.push(entry.path());
            } else if kind.is_symlink() && named {
                links.push(entry.path());
            } else if kind.is_dir() && depth < MAX_DEPTH {
                self.find(&entry.path(), file, depth + 1, found, links);
            }
        }
    }
}

impl Resolver for DirResolver {
    fn resolve(&self, id: &str) -> Result<Source, ResolveError> {
        let plain = !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !plain {
            return Err(ResolveError::new(format!(
                "`{id}` is not a framework id: an id is a name, not a path"
            )));
        }
        let file = format!("{id}.kader");
        let mut found = Vec::new();
        let mut links = Vec::new();
        self.find(&self.root, &file, 0, &mut found, &mut links);
        let path = match found.as_slice() {
            [] if !links.is_empty() => {
                let shown: Vec<String> = links
                    .iter()
                    .map(|l| {
                        let relative = l.strip_prefix(&self.root).unwrap_or(l);
                        format!("`{}`", self.shown.join(relative).display())
                    })
                    .collect();
                return Err(ResolveError::new(format!(
                    "{} is a symbolic link, and links are not followed, so that nothing outside `{}` is read (copy the file itself there, or give its own folder with `--frameworks DIR`)",
                    shown.join(", "),
                    self.shown.display()
                )));
            }
            [] => {
                return Err(ResolveError::new(format!(
                    "no `{file}` in `{}` (give the directory of the frameworks with `--frameworks DIR`)",
                    self.shown.display()
                )))
            }
            [one] => one.clone(),
            [first, second, ..] => {
                return Err(ResolveError::new(format!(
                    "`{file}` is found more than once in `{}`: `{}` and `{}`",
                    self.shown.display(),
                    first.display(),
                    second.display()
                )))
            }
        };
        let canonical = path
            .canonicalize()
            .map_err(|e| ResolveError::new(format!("cannot read `{}`: {e}", path.display())))?;
        if !canonical.starts_with(&self.root) {
            return Err(ResolveError::new(format!(
                "`{}` lies outside `{}`",
                path.display(),
                self.shown.display()
            )));
        }
        let text = std::fs::read_to_string(&canonical)
            .map_err(|e| ResolveError::new(format!("cannot read `{}`: {e}", path.display())))?;
        let relative = canonical.strip_prefix(&self.root).unwrap_or(&canonical);
        Ok(Source {
            name: self.shown.join(relative).display().to_string(),
            text,
        })
    }
}

/// Parses and checks a framework, its bases first. `resolver` is `None` for
/// [`crate::Framework::compile`], which refuses a layer (E0273).
pub(crate) fn load(
    text: &str,
    name: &str,
    resolver: Option<&dyn Resolver>,
    limits: &crate::Limits,
) -> Result<(Model, Diagnostics), Diagnostics> {
    load_keeping(text, name, resolver, limits, None)
}

/// Like [`load`], and what every name of the file stands for, whenever it
/// parses: what the language server answers from. A layer whose base
/// cannot be loaded is checked on its own for its names.
#[cfg_attr(not(feature = "lsp"), allow(dead_code))]
pub(crate) fn load_with_symbols(
    text: &str,
    name: &str,
    resolver: Option<&dyn Resolver>,
    limits: &crate::Limits,
) -> (Result<(Model, Diagnostics), Diagnostics>, Option<Symbols>) {
    let mut symbols = None;
    let loaded = load_keeping(text, name, resolver, limits, Some(&mut symbols));
    (loaded, symbols)
}

/// [`load`], keeping the file's symbols in `symbols` when it is given; a
/// refusal is worded in the language the checker found, or else the one
/// the header declares.
fn load_keeping(
    text: &str,
    name: &str,
    resolver: Option<&dyn Resolver>,
    limits: &crate::Limits,
    symbols: Option<&mut Option<Symbols>>,
) -> Result<(Model, Diagnostics), Diagnostics> {
    let load = || -> Result<(Model, Diagnostics), Diagnostics> {
        if text.len() > limits.max_source_bytes {
            return Err(too_large(
                "E0111",
                say!(
                    SourceTooLarge,
                    text.len().to_string(),
                    limits.max_source_bytes.to_string()
                ),
            ));
        }
        if limits.max_nesting < crate::syntax::MAX_NESTING {
            if let Some(d) = crate::syntax::check_nesting_within(text, limits.max_nesting) {
                return Err(Diagnostics::from_iter([d]));
            }
        }
        let (model, diagnostics) =
            load_file(text, name, resolver, limits, &mut Vec::new(), symbols)?;
        if model.criteria.len() > limits.max_criteria {
            return Err(too_large(
                "E0301",
                say!(
                    TooManyCriteria,
                    model.criteria.len().to_string(),
                    limits.max_criteria.to_string()
                ),
            ));
        }
        Ok((model, diagnostics))
    };
    load().map_err(|mut d| {
        d.settle_language(crate::syntax::declared_language(text));
        d
    })
}

/// A framework beyond one of the host's [`crate::Limits`].
fn too_large(code: &'static str, message: Text) -> Diagnostics {
    Diagnostics::from_iter([
        Diagnostic::error(code, Span::new(0, 0), message).with_help(say!(SplitOrRaiseLimit))
    ])
}

fn load_file(
    text: &str,
    name: &str,
    resolver: Option<&dyn Resolver>,
    limits: &crate::Limits,
    stack: &mut Vec<String>,
    symbols: Option<&mut Option<Symbols>>,
) -> Result<(Model, Diagnostics), Diagnostics> {
    let file = crate::syntax::parse(text)?;
    let base = match &file.header.extends {
        None => Ok(None),
        Some(extends) => load_base(&file, extends, resolver, limits, stack)
            .map(Some)
            .map_err(|d| Diagnostics::from_iter([*d])),
    };
    let source = SourceFile {
        name: name.to_string(),
        text: text.to_string(),
    };
    let depth = limits.path_depth();
    let checked = match (base, symbols) {
        (Ok(base), None) => check::check_file(&file, source, base, depth),
        (Ok(base), Some(symbols)) => {
            let (model, diagnostics, found) =
                check::check_file_with_symbols(&file, source, base, depth);
            *symbols = Some(found);
            (model, diagnostics)
        }
        (Err(errors), Some(symbols)) => {
            let (_, _, found) = check::check_file_with_symbols(&file, source, None, depth);
            *symbols = Some(found);
            return Err(errors);
        }
        (Err(errors), None) => return Err(errors),
    };
    match checked {
        (Some(model), diagnostics) => Ok((model, diagnostics)),
        (None, diagnostics) => Err(diagnostics),
    }
}

fn load_base(
    file: &File,
    extends: &Extends,
    resolver: Option<&dyn Resolver>,
    limits: &crate::Limits,
    stack: &mut Vec<String>,
) -> Result<Model, Box<Diagnostic>> {
    let id = &extends.id.node;
    let span = extends.span;
    let Some(resolver) = resolver else {
        return Err(Box::new(
            Diagnostic::error("E0273", span, say!(NoResolver, id)).with_help(say!(GiveResolver)),
        ));
    };
    stack.push(file.header.id.node.clone());
    if stack.contains(id) {
        let mut chain = stack.clone();
        chain.push(id.clone());
        return Err(Box::new(
            Diagnostic::error(
                "E0272",
                extends.id.span,
                say!(ExtendInCircle, chain.join(" → ")),
            )
            .with_help(say!(RemoveOneExtends)),
        ));
    }
    if stack.len() > MAX_LAYERS {
        return Err(Box::new(
            Diagnostic::error("E0271", span, say!(TooManyLayers, MAX_LAYERS.to_string()))
                .with_help(say!(ExtendCloser)),
        ));
    }
    let source = resolver.resolve(id).map_err(|e| {
        Box::new(
            Diagnostic::error("E0271", extends.id.span, say!(CannotFindFramework, id))
                .with_label(Text::verbatim(e.message))
                .with_help(say!(CheckFrameworkId)),
        )
    })?;
    let base_file = crate::syntax::parse(&source.text)
        .map_err(|d| Box::new(base_errors(id, &source, &d, extends.id.span)))?;
    if base_file.header.id.node != *id {
        return Err(Box::new(
            Diagnostic::error(
                "E0271",
                extends.id.span,
                say!(
                    DeclaresOtherFramework,
                    &source.name,
                    &base_file.header.id.node,
                    id
                ),
            )
            .with_help(say!(NameByFrameworkLine)),
        ));
    }
    let available = &base_file.header.version.node;
    if *available != extends.version.node {
        return Err(Box::new(
            Diagnostic::error(
                "E0270",
                extends.version.span,
                say!(OtherVersion, id, &extends.version.node, available),
            )
            .with_label(say!(HasVersion, &source.name, available))
            .with_help(say!(ReviewAgainstVersion, id, available)),
        ));
    }
    let loaded = load_file(
        &source.text,
        &source.name,
        Some(resolver),
        limits,
        stack,
        None,
    );
    stack.pop();
    match loaded {
        Ok((model, _warnings)) => Ok(model),
        Err(d) => Err(Box::new(base_errors(id, &source, &d, extends.id.span))),
    }
}

/// One error for a base that does not compile, with its errors as notes.
fn base_errors(id: &str, source: &Source, errors: &Diagnostics, span: Span) -> Diagnostic {
    let errors: Vec<&Diagnostic> = errors.errors().collect();
    // A circle found further down is the same circle seen from here.
    let code = if errors.iter().any(|d| d.code == "E0272") {
        "E0272"
    } else {
        "E0271"
    };
    let notes = errors.iter().take(10).map(|d| {
        let (line, col) = line_col(&source.text, d.span.start);
        let place = format!("{}:{line}:{col}", source.name);
        say!(BaseErrorNote, place, d.code, d.message.clone())
    });
    let message = match errors.len() {
        1 => say!(BaseHasOneError, id),
        n => say!(BaseHasErrors, id, n.to_string()),
    };
    Diagnostic::error(code, span, message)
        .with_notes(notes)
        .with_help(say!(CheckBaseFirst, &source.name))
}
