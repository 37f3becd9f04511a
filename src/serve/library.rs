//! The frameworks served: every `.kader` file in the folder and below,
//! compiled with the bases of a layer found in the same folder, and
//! reloaded when a file changes. A framework that no longer compiles
//! keeps its previous version; its diagnostics are written to stderr.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use kader::{DirResolver, Framework, MemoryResolver};

/// How deep below the folder framework files are looked for.
const MAX_DEPTH: usize = 8;

/// One framework served, compiled from one file.
pub struct Loaded {
    pub framework: Framework,
    /// Its source text, for the bases of a framework text checked.
    pub source: String,
    /// Its file, as diagnostics name it.
    pub name: String,
}

/// Every framework served, by id, at one moment: requests take a
/// reference to one library and keep it while they work, so a reload
/// never changes a framework under a request.
#[derive(Default)]
pub struct Library {
    /// By file, for a reload to keep what no longer compiles.
    files: BTreeMap<PathBuf, Arc<Loaded>>,
    /// By framework id.
    by_id: BTreeMap<String, Arc<Loaded>>,
    /// The served frameworks' texts, for the `extends` of a text checked.
    resolver: MemoryResolver,
}

impl Library {
    /// The framework with this id.
    pub fn get(&self, id: &str) -> Option<Arc<Loaded>> {
        self.by_id.get(id).cloned()
    }

    /// Every framework, in id order.
    pub fn all(&self) -> impl Iterator<Item = &Loaded> {
        self.by_id.values().map(|l| &**l)
    }

    /// The ids served.
    pub fn ids(&self) -> Vec<String> {
        self.by_id.keys().cloned().collect()
    }

    /// How many frameworks are served.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    /// The bases a framework text checked may extend: the frameworks
    /// served.
    pub fn resolver(&self) -> &MemoryResolver {
        &self.resolver
    }

    /// Loads every framework in `dir`; a file that does not compile keeps
    /// its version in `previous`, if it had one. Returns the library and
    /// what to tell the operator, one line each.
    pub fn load(dir: &Path, previous: Option<&Library>) -> (Library, Vec<String>) {
        let mut log = Vec::new();
        let files = match framework_files(dir) {
            Ok(files) => files,
            Err(message) => {
                log.push(format!("error: {message}"));
                // An unreadable folder keeps everything as it was.
                return match previous {
                    Some(previous) => (previous.clone_shallow(), log),
                    None => (Library::default(), log),
                };
            }
        };
        let resolver = DirResolver::new(dir);
        let mut library = Library::default();
        for (path, _) in files {
            let name = path.display().to_string();
            let kept = previous.and_then(|p| p.files.get(&path).cloned());
            let compiled =
                kader::files::read_file_limited(&path, kader::Limits::default().max_source_bytes)
                    .map_err(|e| format!("cannot read `{name}`: {e}"))
                    .and_then(|source| {
                        let resolver = resolver
                            .as_ref()
                            .map_err(|e| format!("cannot read `{}`: {e}", dir.display()))?;
                        match Framework::compile_with(&source, &name, resolver) {
                            Ok(framework) => Ok(Loaded {
                                framework,
                                source,
                                name: name.clone(),
                            }),
                            Err(diagnostics) => Err(format!(
                                "`{name}` has errors:\n{}",
                                diagnostics.render(&name, &source, false).trim_end()
                            )),
                        }
                    });
            let loaded = match (compiled, kept) {
                (Ok(loaded), _) => Arc::new(loaded),
                (Err(message), Some(kept)) => {
                    log.push(format!(
                        "error: {message}\nkept: `{}` version {} as it was",
                        kept.framework.id(),
                        kept.framework.version()
                    ));
                    kept
                }
                (Err(message), None) => {
                    log.push(format!("error: {message}\nnot served: `{name}`"));
                    continue;
                }
            };
            library.files.insert(path, loaded);
        }
        library.index(&mut log);
        (library, log)
    }

    /// The same frameworks in a new library (the compiled frameworks
    /// shared).
    fn clone_shallow(&self) -> Library {
        let mut library = Library {
            files: self.files.clone(),
            ..Library::default()
        };
        library.index(&mut Vec::new());
        library
    }

    /// Indexes the files by framework id; of two files with one id the
    /// first (by path) is served.
    fn index(&mut self, log: &mut Vec<String>) {
        self.by_id.clear();
        let mut resolver = MemoryResolver::new();
        for loaded in self.files.values() {
            let id = loaded.framework.id().to_string();
            if let Some(first) = self.by_id.get(&id) {
                log.push(format!(
                    "error: `{}` and `{}` are both framework `{id}`; `{}` is served",
                    first.name, loaded.name, first.name
                ));
                continue;
            }
            resolver = resolver.with(&id, &loaded.name, &loaded.source);
            self.by_id.insert(id, Arc::clone(loaded));
        }
        self.resolver = resolver;
    }
}

/// A file's size and time of last change: what the watcher compares.
pub type Stamp = (Option<SystemTime>, u64);

/// Every `.kader` file in `dir` and the folders below it (not through
/// symbolic links), sorted, with its stamp.
pub fn framework_files(dir: &Path) -> Result<Vec<(PathBuf, Stamp)>, String> {
    let mut found = Vec::new();
    let mut todo = vec![(dir.to_path_buf(), 0usize)];
    while let Some((folder, depth)) = todo.pop() {
        let entries = std::fs::read_dir(&folder)
            .map_err(|e| format!("cannot read `{}`: {e}", folder.display()))?;
        for entry in entries {
            let entry = entry.map_err(|e| format!("cannot read `{}`: {e}", folder.display()))?;
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() && depth < MAX_DEPTH {
                todo.push((path, depth + 1));
            } else if kind.is_file()
                && path
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("kader"))
            {
                let stamp = entry
                    .metadata()
                    .map(|m| (m.modified().ok(), m.len()))
                    .unwrap_or((None, 0));
                found.push((path, stamp));
            }
        }
    }
    found.sort();
    Ok(found)
}
