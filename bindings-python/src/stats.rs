//! `superconfig.stats()`: the process-wide registry's counters (docs/behaviour.md, "Handles").

use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// Counters of the process-wide configuration registry: live ``handles``, ``creates``,
/// ``reads``, ``updates``, ``deletes``, estimated ``memory_bytes`` and ``warnings`` raised.
#[pyfunction]
pub fn stats(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let s = superconfig::stats();
    let d = PyDict::new(py);
    d.set_item(intern!(py, "handles"), s.handles)?;
    d.set_item(intern!(py, "creates"), s.creates)?;
    d.set_item(intern!(py, "reads"), s.reads)?;
    d.set_item(intern!(py, "updates"), s.updates)?;
    d.set_item(intern!(py, "deletes"), s.deletes)?;
    d.set_item(intern!(py, "memory_bytes"), s.memory_bytes)?;
    d.set_item(intern!(py, "warnings"), s.warnings)?;
    Ok(d)
}
