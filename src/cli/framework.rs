//! Framework files for every command: read within the size limit, compiled
//! with the bases of a layer found in `--frameworks DIR` or beside the file,
//! diagnostics printed to stderr.

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};

use kader::Framework;

use super::args::Settings;

/// Finds the frameworks a layer extends in `--frameworks DIR`, or in the
/// folder of the file being read.
struct CliResolver {
    dir: PathBuf,
}

impl CliResolver {
    fn for_file(frameworks: Option<&Path>, path: &Path) -> CliResolver {
        let dir = frameworks.map_or_else(
            || match path.parent() {
                Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
                _ => PathBuf::from("."),
            },
            Path::to_path_buf,
        );
        CliResolver { dir }
    }
}

impl kader::Resolver for CliResolver {
    fn resolve(&self, id: &str) -> Result<kader::Source, kader::ResolveError> {
        kader::DirResolver::new(&self.dir)?.resolve(id)
    }
}

/// Parses, checks and compiles a framework file, resolving `extends` in
/// `settings.frameworks` or beside the file.
pub(crate) fn compile_file(
    settings: &Settings,
    path: &Path,
    source: &str,
) -> Result<Framework, kader::Diagnostics> {
    let name = path.display().to_string();
    let resolver = CliResolver::for_file(settings.frameworks.as_deref(), path);
    Framework::compile_with(source, &name, &resolver)
}

/// Reads a framework file, never more than the source size limit.
pub(crate) fn read(path: &Path) -> Result<String, String> {
    kader::files::read_file_limited(path, kader::Limits::default().max_source_bytes)
        .map_err(|e| format!("cannot read `{}`: {e}", path.display()))
}

/// Colours on stderr only on a terminal, and never with `NO_COLOR`.
pub(crate) fn color_stderr() -> bool {
    std::env::var_os("NO_COLOR").is_none() && io::stderr().is_terminal()
}

/// Compiles a framework file, printing its diagnostics to stderr.
pub(crate) fn compile(settings: &Settings, path: &Path) -> Result<Framework, String> {
    let source = read(path)?;
    let name = path.display().to_string();
    match compile_file(settings, path, &source) {
        Ok(framework) => {
            if !framework.warnings().is_empty() {
                eprint!(
                    "{}",
                    framework.warnings().render(&name, &source, color_stderr())
                );
            }
            Ok(framework)
        }
        Err(diagnostics) => {
            eprint!("{}", diagnostics.render(&name, &source, color_stderr()));
            Err(format!("`{name}` has errors; nothing was evaluated"))
        }
    }
}

/// The source of the framework with id `id` that the layer at `layer`
/// extends, found where the layer's bases are found.
pub(crate) fn base_source(
    settings: &Settings,
    layer: &Path,
    id: &str,
) -> Result<kader::Source, String> {
    let resolver = CliResolver::for_file(settings.frameworks.as_deref(), layer);
    kader::Resolver::resolve(&resolver, id).map_err(|e| {
        format!(
            "cannot find framework `{id}` that `{}` extends: {e}",
            layer.display()
        )
    })
}

/// Compiles the framework with id `id` that the layer at `layer` extends,
/// found where the layer's bases are found.
pub(crate) fn compile_base(
    settings: &Settings,
    layer: &Path,
    id: &str,
) -> Result<Framework, String> {
    let resolver = CliResolver::for_file(settings.frameworks.as_deref(), layer);
    let source = kader::Resolver::resolve(&resolver, id).map_err(|e| {
        format!(
            "cannot find framework `{id}` that `{}` extends: {e}",
            layer.display()
        )
    })?;
    match Framework::compile_with(&source.text, &source.name, &resolver) {
        Ok(framework) => Ok(framework),
        Err(diagnostics) => {
            eprint!(
                "{}",
                diagnostics.render(&source.name, &source.text, color_stderr())
            );
            Err(format!(
                "`{}` has errors; nothing was verified",
                source.name
            ))
        }
    }
}
