//! kader for Python: the native module `kader._native`.
//!
//! It holds a framework compiled once ([`kader::api::Compiled`]) and
//! answers requests of the JSON interface (`docs/json-api.md`) to it, with
//! Python's lock released while kader works: threads that share one
//! framework evaluate at the same time, and [`Compiled::call_many`] uses
//! every core. It adds no rule of its own; the package's Python half
//! (`python/kader/__init__.py`) builds the requests, reads the responses
//! and raises the typed exceptions.

use std::path::{Path, PathBuf};

use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyString;

use kader::api;
use kader::files::ReadError;

/// A framework compiled once.
#[pyclass(frozen, module = "kader._native")]
struct Compiled(api::Compiled);

#[pymethods]
impl Compiled {
    /// Answers one request to the framework (`kader::api::Compiled::call`).
    fn call(&self, py: Python<'_>, request: String) -> String {
        py.detach(|| self.0.call(&request))
    }

    /// Answers each request, on every core, the responses in the order of
    /// the requests.
    fn call_many(&self, py: Python<'_>, requests: Vec<String>) -> Vec<String> {
        py.detach(|| {
            kader::batch::map_ordered(requests, kader::batch::available_threads(), &|r: String| {
                self.0.call(&r)
            })
        })
    }

    /// The name diagnostics give the framework.
    #[getter]
    fn file_name(&self) -> &str {
        self.0.file_name()
    }

    /// The framework's source text.
    #[getter]
    fn source(&self) -> &str {
        self.0.source()
    }
}

/// A compiled framework, or the error response when it does not compile.
fn compiled_or_error(
    py: Python<'_>,
    compiled: Result<api::Compiled, String>,
) -> PyResult<Py<PyAny>> {
    Ok(match compiled {
        Ok(compiled) => Py::new(py, Compiled(compiled))?.into_any(),
        Err(response) => PyString::new(py, &response).into_any().unbind(),
    })
}

/// Compiles the framework of a request (`framework`, `file_name`,
/// `bases`): the compiled framework, or the response of a `check` request
/// that failed, as text.
#[pyfunction]
fn compile(py: Python<'_>, request: String) -> PyResult<Py<PyAny>> {
    let compiled = py.detach(|| api::Compiled::from_request(&request));
    compiled_or_error(py, compiled)
}

/// Finds the frameworks a layer extends in one folder and below, as
/// `kader --frameworks DIR` does (the folder read only when a base is
/// needed).
struct FolderResolver(PathBuf);

impl kader::Resolver for FolderResolver {
    fn resolve(&self, id: &str) -> Result<kader::Source, kader::ResolveError> {
        kader::DirResolver::new(&self.0)?.resolve(id)
    }
}

/// Reads and compiles a framework file, its bases in `frameworks_dir` (by
/// default the file's folder): the compiled framework, or the response of
/// a `check` request that failed. A file that cannot be read raises
/// `OSError`.
#[pyfunction]
#[pyo3(signature = (path, frameworks_dir=None))]
fn compile_file(
    py: Python<'_>,
    path: PathBuf,
    frameworks_dir: Option<PathBuf>,
) -> PyResult<Py<PyAny>> {
    let compiled = py.detach(|| {
        let limit = kader::Limits::default().max_source_bytes;
        let source = kader::files::read_file_limited(&path, limit)?;
        let dir = frameworks_dir.unwrap_or_else(|| match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        });
        let name = path.display().to_string();
        Ok::<_, ReadError>(api::Compiled::new(&source, &name, &FolderResolver(dir)))
    });
    match compiled {
        Ok(compiled) => compiled_or_error(py, compiled),
        Err(e) => Err(read_error(&path, e)),
    }
}

/// A file that cannot be read, as Python's exception for it.
fn read_error(path: &Path, error: ReadError) -> PyErr {
    match error {
        // `FileNotFoundError`, `PermissionError` ... as Python raises them.
        ReadError::Io(e) => {
            let error = PyErr::from(e);
            Python::attach(|py| {
                let message = format!("cannot read `{}`: {}", path.display(), error.value(py));
                match error.get_type(py).call1((message,)) {
                    Ok(value) => PyErr::from_value(value),
                    Err(_) => error,
                }
            })
        }
        ReadError::TooLarge { .. } => {
            PyValueError::new_err(format!("cannot read `{}`: {error}", path.display()))
        }
        other => PyOSError::new_err(format!("cannot read `{}`: {other}", path.display())),
    }
}

/// Answers one request of the JSON interface (`kader::api::call`), the
/// framework in the request.
#[pyfunction]
fn call(py: Python<'_>, request: String) -> String {
    py.detach(|| api::call(&request))
}

/// The native module.
#[pymodule]
fn _native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<Compiled>()?;
    module.add_function(wrap_pyfunction!(compile, module)?)?;
    module.add_function(wrap_pyfunction!(compile_file, module)?)?;
    module.add_function(wrap_pyfunction!(call, module)?)?;
    Ok(())
}
