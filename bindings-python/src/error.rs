//! The core's error kinds → the Python classes of `superconfig._errors` (docs/behaviour.md,
//! "Errors and warnings"), and the guard
//! that keeps a Rust panic from crossing into Python as anything but an `InternalError`.

use std::panic::{AssertUnwindSafe, catch_unwind};

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyType};
use superconfig::Error;

/// The core's kinds (`Error::KINDS`), then the binding's own `InternalError`, in the order of
/// [`CLASSES`].
fn kind_names() -> impl Iterator<Item = &'static str> {
    Error::KINDS
        .into_iter()
        .chain([superconfig::panic::INTERNAL_ERROR])
}

const INTERNAL: usize = Error::KINDS.len();

/// The exception classes, looked up once in `superconfig._errors`.
static CLASSES: PyOnceLock<Vec<Py<PyType>>> = PyOnceLock::new();

fn classes(py: Python<'_>) -> PyResult<&Vec<Py<PyType>>> {
    CLASSES.get_or_try_init(py, || {
        let by_kind = py.import("superconfig._errors")?.getattr("BY_KIND")?;
        let by_kind = by_kind.cast_into::<PyDict>()?;
        kind_names()
            .map(|kind| {
                let cls = by_kind.get_item(kind)?.ok_or_else(|| {
                    pyo3::exceptions::PyImportError::new_err(format!(
                        "superconfig._errors lacks {kind}"
                    ))
                })?;
                Ok(cls.cast_into::<PyType>()?.unbind())
            })
            .collect()
    })
}

/// Loads the classes now (at module import), so that raising never has to import.
pub fn init(py: Python<'_>) -> PyResult<()> {
    classes(py).map(|_| ())
}

fn index(e: &Error) -> usize {
    Error::KINDS
        .iter()
        .position(|k| *k == e.kind())
        .unwrap_or(INTERNAL)
}

/// Builds the Python exception for a core error.
fn build(py: Python<'_>, index: usize, message: String, d: Option<&superconfig::Details>) -> PyErr {
    let make = || -> PyResult<PyErr> {
        let cls = classes(py)?[index].bind(py);
        let kwargs = PyDict::new(py);
        if let Some(d) = d {
            kwargs.set_item("file", d.file.as_deref())?;
            kwargs.set_item("line", d.line)?;
            kwargs.set_item("column", d.column)?;
            kwargs.set_item("key", d.key.as_deref())?;
            if !d.fields.is_empty() {
                kwargs.set_item("errors", field_errors(py, &d.fields)?)?;
            }
        }
        let instance = cls.call((message,), Some(&kwargs))?;
        Ok(PyErr::from_value(instance))
    };
    make().unwrap_or_else(|e| e)
}

/// Every invalid field of a typed extraction: `[{key, message, source: {kind, name, line} | None}]`.
fn field_errors<'py>(
    py: Python<'py>,
    fields: &[superconfig::FieldError],
) -> PyResult<Bound<'py, pyo3::types::PyList>> {
    let out = pyo3::types::PyList::empty(py);
    for f in fields {
        let d = PyDict::new(py);
        d.set_item("key", &f.key)?;
        d.set_item("message", &f.message)?;
        let source = match &f.source {
            Some(s) => {
                let src = PyDict::new(py);
                src.set_item("kind", s.kind)?;
                src.set_item("name", &s.name)?;
                src.set_item("line", s.line)?;
                src.into_any()
            }
            None => py.None().into_bound(py),
        };
        d.set_item("source", source)?;
        out.append(d)?;
    }
    Ok(out)
}

/// The Python exception for a core error: its class by kind, its message the core's full text
/// (kind, file:line:column, message, key), its fields as attributes.
pub fn to_pyerr(e: Error) -> PyErr {
    Python::attach(|py| build(py, index(&e), e.to_string(), Some(e.details())))
}

/// An `InvalidArgument` raised by the binding itself (bad argument types).
pub fn invalid_argument(message: impl Into<String>) -> PyErr {
    to_pyerr(Error::InvalidArgument(superconfig::Details::new(message)))
}

/// `Result<T, superconfig::Error>` → `PyResult<T>`.
pub trait IntoPy<T> {
    fn py_err(self) -> PyResult<T>;
}

impl<T> IntoPy<T> for Result<T, Error> {
    #[inline]
    fn py_err(self) -> PyResult<T> {
        self.map_err(to_pyerr)
    }
}

/// Runs `f`, turning a panic into `superconfig.InternalError` instead of letting PyO3 raise a
/// `PanicException` (a `BaseException` that `except Exception` would not catch).
#[inline]
pub fn guard<T>(f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(result) => result,
        Err(payload) => {
            let message = superconfig::panic::panic_message(payload.as_ref());
            Err(Python::attach(|py| build(py, INTERNAL, message, None)))
        }
    }
}

/// Panics inside the guard, so tests can check that a panic surfaces as `InternalError`.
#[pyfunction]
pub fn _raise_panic(message: &str) -> PyResult<()> {
    guard(|| panic!("{message}"))
}
