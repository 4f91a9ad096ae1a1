//! `superconfig._superconfig`: the Python binding of the SuperConfig core. This file only
//! registers; each exported concept has its own module.

mod config;
mod conv;
mod error;
mod extract;
mod fastget;
mod live;
mod logging;
mod records;
mod stats;

use pyo3::prelude::*;
use pyo3::types::PyTuple;

/// The Rust side of the extension allocates through mimalloc: the core's parsers allocate many
/// small nodes, and glibc malloc was ~17% of a layered load. Python's own objects are unaffected.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// SuperConfig's native extension. Import ``superconfig``, not this module.
#[pymodule]
fn _superconfig(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    // A caught panic becomes InternalError without printing anything first.
    superconfig::panic::install_quiet_hook();
    conv::init(py);
    logging::install();
    error::init(py)?;
    m.add_class::<config::PySuperConfig>()?;
    m.add_class::<live::NativeWatcher>()?;
    fastget::install(py)?;
    m.add_function(wrap_pyfunction!(stats::stats, m)?)?;
    m.add_function(wrap_pyfunction!(error::_raise_panic, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    // The core's closed lists, so tests check the Python classes and the `Literal` types of
    // `superconfig.types` against the core itself.
    m.add("ERROR_KINDS", PyTuple::new(py, superconfig::Error::KINDS)?)?;
    let warning_kinds = superconfig::WarningKind::ALL.map(superconfig::WarningKind::as_str);
    m.add("WARNING_KINDS", PyTuple::new(py, warning_kinds)?)?;
    let formats: Vec<&str> = superconfig::FORMATS
        .iter()
        .flat_map(|f| f.names.iter().copied())
        .collect();
    m.add("FORMAT_NAMES", PyTuple::new(py, formats)?)?;
    let extensions: Vec<(&str, &str)> = superconfig::FORMATS
        .iter()
        .flat_map(|f| f.extensions.iter().map(|e| (*e, f.names[0])))
        .collect();
    m.add("FORMAT_EXTENSIONS", extensions)?;
    let dumps: Vec<&str> = superconfig::FORMATS
        .iter()
        .filter(|f| f.dumps)
        .map(|f| f.names[0])
        .collect();
    m.add("DUMP_FORMATS", PyTuple::new(py, dumps)?)?;
    let sources = superconfig::SourceKind::ALL.map(superconfig::SourceKind::as_str);
    m.add("SOURCE_KINDS", PyTuple::new(py, sources)?)?;
    let statuses = superconfig::LayerStatus::ALL.map(superconfig::LayerStatus::as_str);
    m.add("LAYER_STATUSES", PyTuple::new(py, statuses)?)?;
    m.add(
        "EVENT_KINDS",
        PyTuple::new(py, superconfig::ReloadEvent::KINDS)?,
    )?;
    Ok(())
}
