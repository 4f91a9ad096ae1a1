//! The core's `log` records → the `superconfig` logger of Python's `logging` (docs/behaviour.md,
//! "Logging and internal errors").
//!
//! `import superconfig` must stay cheap and must not import `logging` (~4 ms), and nothing may be
//! printed unless the host asks for it. So a small bridge is installed as the `log` crate's
//! logger; before each builder call (while holding the GIL) the binding refreshes `log`'s max
//! level from Python: `Off` while `logging` is not imported (no one can be listening), else the
//! effective level of the `superconfig` logger. Only enabled records reach Python, through a
//! `pyo3_log::Logger` created on first use (it maps the target `superconfig::layers::file` to the
//! logger `superconfig.layers.file`, a child of `superconfig`). A `NullHandler` is added to the
//! `superconfig` logger, the standard practice for libraries, so that `logging`'s last-resort
//! handler does not print warnings to stderr when the host configured nothing.

use std::sync::OnceLock;

use log::{LevelFilter, Log, Metadata, Record};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyDict;

struct Bridge;

static BRIDGE: Bridge = Bridge;

/// The forwarding logger, created the first time an enabled record arrives.
static FORWARD: OnceLock<pyo3_log::Logger> = OnceLock::new();

/// `sys.modules`, to see whether `logging` is imported without importing it.
static SYS_MODULES: PyOnceLock<Py<PyDict>> = PyOnceLock::new();

/// `logging.getLogger("superconfig")`, once `logging` is imported.
static ROOT_LOGGER: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

impl Log for Bridge {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        metadata.level() <= log::max_level()
    }

    fn log(&self, record: &Record<'_>) {
        if !self.enabled(record.metadata()) {
            return;
        }
        Python::attach(|py| {
            if let Some(forward) = forward(py) {
                forward.log(record);
            }
        });
    }

    fn flush(&self) {}
}

fn forward(py: Python<'_>) -> Option<&'static pyo3_log::Logger> {
    if let Some(f) = FORWARD.get() {
        return Some(f);
    }
    let logger = pyo3_log::Logger::new(py, pyo3_log::Caching::Loggers)
        .ok()?
        .filter(LevelFilter::Trace);
    Some(FORWARD.get_or_init(|| logger))
}

/// Installs the bridge (at module import). Quiet until [`refresh`] finds a listener.
pub fn install() {
    if log::set_logger(&BRIDGE).is_ok() {
        log::set_max_level(LevelFilter::Off);
    }
}

fn level_filter(python_level: i64) -> LevelFilter {
    match python_level {
        i64::MIN..=5 => LevelFilter::Trace,
        6..=10 => LevelFilter::Debug,
        11..=20 => LevelFilter::Info,
        21..=30 => LevelFilter::Warn,
        31..=40 => LevelFilter::Error,
        _ => LevelFilter::Off,
    }
}

fn current_level(py: Python<'_>) -> PyResult<LevelFilter> {
    let modules = SYS_MODULES.get_or_try_init(py, || {
        Ok::<_, PyErr>(
            py.import("sys")?
                .getattr("modules")?
                .cast_into::<PyDict>()?
                .unbind(),
        )
    })?;
    let Some(logging) = modules.bind(py).get_item("logging")? else {
        return Ok(LevelFilter::Off);
    };
    let logger = ROOT_LOGGER.get_or_try_init(py, || {
        let logger = logging.call_method1("getLogger", ("superconfig",))?;
        logger.call_method1("addHandler", (logging.call_method0("NullHandler")?,))?;
        Ok::<_, PyErr>(logger.unbind())
    })?;
    let level: i64 = logger
        .bind(py)
        .call_method0("getEffectiveLevel")?
        .extract()?;
    Ok(level_filter(level))
}

/// Sets `log`'s max level from the Python side; call before each step that may log.
pub fn refresh(py: Python<'_>) {
    match current_level(py) {
        Ok(level) => log::set_max_level(level),
        Err(_) => log::set_max_level(LevelFilter::Off),
    }
}
