//! The core's small records (`Source`, `Explanation`, `Warning`, `LayerInfo`) as plain dicts,
//! the shapes docs/behaviour.md names (Reading, Errors and warnings): `{kind, name, line}`,
//! `{value, source, overridden}`,
//! `{kind, message, source, key}`, `{kind, name, status}`.

use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use superconfig::{Explanation, LayerInfo, Source, Warning};

use crate::conv::to_py;

pub fn source<'py>(py: Python<'py>, s: &Source) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item(intern!(py, "kind"), s.kind.as_str())?;
    d.set_item(intern!(py, "name"), &s.name)?;
    d.set_item(intern!(py, "line"), s.line)?;
    Ok(d)
}

pub fn explanation<'py>(py: Python<'py>, x: &Explanation) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item(intern!(py, "value"), to_py(py, &x.value)?)?;
    d.set_item(intern!(py, "source"), source(py, &x.source)?)?;
    let overridden = PyList::empty(py);
    for s in &x.overridden {
        overridden.append(source(py, s)?)?;
    }
    d.set_item(intern!(py, "overridden"), overridden)?;
    Ok(d)
}

pub fn warning<'py>(py: Python<'py>, w: &Warning) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item(intern!(py, "kind"), w.kind.as_str())?;
    d.set_item(intern!(py, "message"), &w.message)?;
    d.set_item(intern!(py, "source"), w.source.as_deref())?;
    d.set_item(intern!(py, "key"), w.key.as_deref())?;
    Ok(d)
}

pub fn layer<'py>(py: Python<'py>, l: &LayerInfo) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item(intern!(py, "kind"), l.kind.as_str())?;
    d.set_item(intern!(py, "name"), &l.name)?;
    d.set_item(intern!(py, "status"), l.status.as_str())?;
    Ok(d)
}
