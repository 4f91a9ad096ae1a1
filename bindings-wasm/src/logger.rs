//! `setLogger((level, message) => …)`: forwards the core's `log` records to JavaScript.
//!
//! The core logs synchronously inside the builder call that does the work. Records are buffered
//! and handed to the logger, in order, before that builder call returns (after the core has
//! finished, so the logger never runs while the core holds a lock). Nothing is buffered, and
//! nothing printed, while no logger is set.

use std::cell::{Cell, RefCell};

use js_sys::Function;
use log::{LevelFilter, Log, Metadata, Record};
use wasm_bindgen::prelude::*;

use crate::error::{Entry, invalid_argument, outside};

thread_local! {
    static ACTIVE: Cell<bool> = const { Cell::new(false) };
    static LOGGER: RefCell<Option<Function>> = const { RefCell::new(None) };
    static PENDING: RefCell<Vec<(&'static str, String)>> = const { RefCell::new(Vec::new()) };
    /// Set while the logger runs: what SuperConfig calls made by the logger itself log is not
    /// passed back to it (each such call would log again, without end).
    static DELIVERING: Cell<bool> = const { Cell::new(false) };
    static INSTALLED: Cell<bool> = const { Cell::new(false) };
}

struct Forwarder;

static FORWARDER: Forwarder = Forwarder;

impl Log for Forwarder {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        ACTIVE.with(Cell::get)
    }

    fn log(&self, record: &Record<'_>) {
        if !self.enabled(record.metadata()) || DELIVERING.with(Cell::get) {
            return;
        }
        let level = match record.level() {
            log::Level::Error => "error",
            log::Level::Warn => "warn",
            log::Level::Info => "info",
            log::Level::Debug => "debug",
            log::Level::Trace => "trace",
        };
        let message = record.args().to_string();
        PENDING.with(|p| p.borrow_mut().push((level, message)));
    }

    fn flush(&self) {}
}

/// Sets (or, with `null`/`undefined`, removes) the function that receives the core's log
/// records as `(level, message)`; `level` is `error`, `warn`, `info`, `debug` or `trace`.
/// Messages never contain secret values. An exception thrown by the logger propagates out of the
/// SuperConfig call that logged.
#[wasm_bindgen(js_name = setLogger)]
pub fn set_logger(
    #[wasm_bindgen(unchecked_param_type = "Logger | null | undefined")] logger: JsValue,
) -> Result<(), JsValue> {
    let _entry = Entry::enter()?;
    let new = if logger.is_null_or_undefined() {
        None
    } else {
        Some(logger.dyn_into::<Function>().map_err(|_| {
            invalid_argument("setLogger takes a function (level, message) => void, or null")
        })?)
    };
    if !INSTALLED.with(|i| i.replace(true)) {
        // Another `log` implementation already installed in this instance keeps its records;
        // this one then never sees any.
        let _ = log::set_logger(&FORWARDER);
    }
    let active = new.is_some();
    LOGGER.with(|l| *l.borrow_mut() = new);
    ACTIVE.with(|a| a.set(active));
    if !active {
        PENDING.with(|p| p.borrow_mut().clear());
    }
    log::set_max_level(if active {
        LevelFilter::Trace
    } else {
        LevelFilter::Off
    });
    Ok(())
}

/// Hands the buffered records to the logger, in order; the logger's first exception is the
/// result (the records after it are dropped).
pub fn flush() -> Result<(), JsValue> {
    if !ACTIVE.with(Cell::get) {
        return Ok(());
    }
    let records = PENDING.with(|p| std::mem::take(&mut *p.borrow_mut()));
    if records.is_empty() {
        return Ok(());
    }
    // Clone the function out of the cell before calling: the logger may call setLogger.
    let Some(function) = LOGGER.with(|l| l.borrow().clone()) else {
        return Ok(());
    };
    let _delivering = Delivering::start();
    for (level, message) in records {
        let (level, message) = (JsValue::from_str(level), JsValue::from_str(&message));
        outside(|| function.call2(&JsValue::UNDEFINED, &level, &message))?;
    }
    Ok(())
}

/// Marks the logger as running until dropped (also on an early return with its exception).
struct Delivering;

impl Delivering {
    fn start() -> Delivering {
        DELIVERING.with(|d| d.set(true));
        Delivering
    }
}

impl Drop for Delivering {
    fn drop(&mut self) {
        DELIVERING.with(|d| d.set(false));
    }
}
