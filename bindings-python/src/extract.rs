//! `SuperConfig.extract`: the subtree as plain values, or converted into a model by
//! `superconfig._extract` (which asks the core for original texts and for the `TypeMismatch` of
//! every invalid field: docs/behaviour.md, "Typed extraction").

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyList, PyString, PyTuple};
use superconfig::SuperConfig as Core;

use crate::conv::{owned_path, to_py};
use crate::error::{IntoPy, invalid_argument};

/// Whether an argument is a key path (a dotted str, or a list or tuple of segments).
pub fn is_path_arg(obj: &Bound<'_, PyAny>) -> bool {
    obj.is_instance_of::<PyString>()
        || obj.is_instance_of::<PyList>()
        || obj.is_instance_of::<PyTuple>()
}

/// `superconfig._extract.extract_into`, imported the first time a model is extracted.
fn extract_into(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    static FUNC: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let f = FUNC.get_or_try_init(py, || {
        Ok::<_, PyErr>(
            py.import("superconfig._extract")?
                .getattr("extract_into")?
                .unbind(),
        )
    })?;
    Ok(f.bind(py))
}

/// `extract(path)`, `extract(Model)` or `extract(Model, path)`.
pub fn extract<'py>(
    py: Python<'py>,
    config: &Bound<'py, PyAny>,
    inner: &Core,
    target: Option<&Bound<'py, PyAny>>,
    path: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let (model, path) = match target {
        Some(t) if is_path_arg(t) => {
            if path.is_some() {
                return Err(invalid_argument(
                    "extract(path) takes one path; use extract(Model, path)",
                ));
            }
            (None, Some(t))
        }
        other => (other, path),
    };
    let segments = path.map(owned_path).transpose()?.unwrap_or_default();
    let node = if segments.is_empty() && path.is_none() {
        inner.tree().py_err()?
    } else {
        inner.get_node(&segments).py_err()?
    };
    let data = to_py(py, &node)?;
    match model {
        None => Ok(data),
        Some(model) => extract_into(py)?.call1((model, data, segments.join("."), config, segments)),
    }
}

/// `_texts(path)`: the original texts under `path`.
pub fn texts(
    inner: &Core,
    path: Option<&Bound<'_, PyAny>>,
) -> PyResult<Vec<(Vec<String>, String)>> {
    let segments = path.map(owned_path).transpose()?.unwrap_or_default();
    inner.texts(&segments).py_err()
}
