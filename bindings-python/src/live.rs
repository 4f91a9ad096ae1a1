//! Live configuration (docs/behaviour.md, "Reload"): `reload`, `update_string`, `version`,
//! `snapshot` and `watch` on `SuperConfig`, and the native watcher that `superconfig._live.Watcher`
//! drives. Events become the dataclasses of `superconfig._live`; no rule lives here.

use std::sync::Arc;
use std::time::Duration;

use pyo3::prelude::*;
use pyo3::types::PyList;
use superconfig::{Change, KeyChange, ReloadEvent, ReloadFailure, WatchOptions, Watcher};

use crate::config::PySuperConfig;
use crate::conv::to_py;
use crate::error::{IntoPy, guard, to_pyerr};
use crate::records;

fn live_module(py: Python<'_>) -> PyResult<Bound<'_, PyModule>> {
    py.import("superconfig._live")
}

fn key_changes<'py>(py: Python<'py>, items: &[KeyChange]) -> PyResult<Bound<'py, PyList>> {
    let class = live_module(py)?.getattr("KeyChange")?;
    let list = PyList::empty(py);
    for c in items {
        let side = |n: &Option<superconfig::Node>| n.as_ref().map(|n| to_py(py, n)).transpose();
        let source = |s: &Option<superconfig::Source>| {
            s.as_ref().map(|s| records::source(py, s)).transpose()
        };
        list.append(class.call1((
            &c.path,
            side(&c.old)?,
            side(&c.new)?,
            source(&c.old_source)?,
            source(&c.new_source)?,
        ))?)?;
    }
    Ok(list)
}

/// A `Changed` event.
pub fn changed<'py>(py: Python<'py>, c: &Change) -> PyResult<Bound<'py, PyAny>> {
    live_module(py)?.getattr("Changed")?.call1((
        c.version,
        key_changes(py, &c.added)?,
        key_changes(py, &c.removed)?,
        key_changes(py, &c.changed)?,
    ))
}

fn failed<'py>(py: Python<'py>, f: &ReloadFailure) -> PyResult<Bound<'py, PyAny>> {
    let error = to_pyerr(f.error.clone()).into_value(py);
    live_module(py)?
        .getattr("ReloadFailed")?
        .call1((f.version, error))
}

fn event<'py>(py: Python<'py>, e: &ReloadEvent) -> PyResult<Bound<'py, PyAny>> {
    match e {
        ReloadEvent::Changed(c) => changed(py, c),
        ReloadEvent::ReloadFailed(f) => failed(py, f),
        other => Err(crate::error::invalid_argument(format!(
            "an event this binding does not know: {}",
            other.kind()
        ))),
    }
}

fn outcome(py: Python<'_>, c: Option<Change>) -> PyResult<Option<Bound<'_, PyAny>>> {
    c.map(|c| changed(py, &c)).transpose()
}

#[pymethods]
impl PySuperConfig {
    /// Reloads applied to this configuration (0 when built).
    #[getter]
    fn version(&self) -> PyResult<u64> {
        guard(|| self.core().version().py_err())
    }

    /// Makes every layer again from its source under the same profile and swaps the new tree
    /// in at once. Returns the ``Changed`` event, or ``None`` when no value changed; raises
    /// the error (``ParseError``, ...) when an input is broken, keeping the last good tree.
    fn reload<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        guard(|| {
            let c = py.detach(|| self.core().reload()).py_err()?;
            outcome(py, c)
        })
    }

    /// Gives the string layers named ``name`` the text ``text``, then reloads.
    fn update_string<'py>(
        &self,
        py: Python<'py>,
        name: &str,
        text: &str,
    ) -> PyResult<Option<Bound<'py, PyAny>>> {
        guard(|| {
            let c = py
                .detach(|| self.core().update_string(name, text))
                .py_err()?;
            outcome(py, c)
        })
    }

    /// A new configuration holding the current tree: later reloads of this one do not change
    /// it. It keeps the version of its tree.
    fn snapshot(&self) -> PyResult<Self> {
        guard(|| self.core().snapshot().py_err().map(PySuperConfig::wrap))
    }

    fn __copy__(&self) -> PyResult<Self> {
        self.snapshot()
    }

    fn __deepcopy__(&self, _memo: &Bound<'_, PyAny>) -> PyResult<Self> {
        self.snapshot()
    }

    /// Reloads whenever an input changes; returns a ``superconfig.Watcher`` (a context
    /// manager). ``on_change`` is called with each event on the watcher's thread.
    #[pyo3(signature = (on_change = None, *, debounce_ms = 150, poll_ms = None))]
    fn watch<'py>(
        slf: &Bound<'py, Self>,
        on_change: Option<Bound<'py, PyAny>>,
        debounce_ms: u64,
        poll_ms: Option<u64>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        let native = guard(|| {
            let options = WatchOptions {
                debounce_ms,
                poll_ms,
            };
            let core = slf.get().core();
            let watcher = py.detach(|| core.watch(&options)).py_err()?;
            Ok(NativeWatcher {
                inner: Arc::new(watcher),
            })
        })?;
        live_module(py)?
            .getattr("Watcher")?
            .call1((native, slf, on_change))
    }
}

/// The core watcher, for `superconfig._live.Watcher`.
#[pyclass(module = "superconfig._superconfig", frozen)]
pub struct NativeWatcher {
    inner: Arc<Watcher>,
}

#[pymethods]
impl NativeWatcher {
    /// The next event, waiting without the GIL (at most ``timeout`` seconds when given);
    /// ``None`` on timeout or once closed.
    #[pyo3(signature = (timeout = None))]
    fn recv<'py>(
        &self,
        py: Python<'py>,
        timeout: Option<f64>,
    ) -> PyResult<Option<Bound<'py, PyAny>>> {
        guard(|| {
            let wait = match timeout {
                Some(t) if t.is_finite() && t >= 0.0 => Some(Duration::from_secs_f64(t.min(1e6))),
                Some(t) => {
                    return Err(crate::error::invalid_argument(format!(
                        "recv: timeout must be a finite number of seconds >= 0, got {t}"
                    )));
                }
                None => None,
            };
            let inner = Arc::clone(&self.inner);
            let next = py.detach(move || match wait {
                Some(t) => inner.recv_timeout(t),
                None => inner.recv(),
            });
            next.map(|e| event(py, &e)).transpose()
        })
    }

    /// Stops watching; a waiting ``recv`` returns ``None``. Closing again does nothing.
    fn close(&self, py: Python<'_>) {
        py.detach(|| self.inner.close());
    }

    /// Whether ``close`` was called.
    #[getter]
    fn closed(&self) -> bool {
        self.inner.is_closed()
    }
}
