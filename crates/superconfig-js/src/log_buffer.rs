//! `setLogger((level, message) => …)`: the core's `log` records, handed to a JS function.
//!
//! The core logs synchronously inside the builder call that does the work, on the JS thread.
//! Records are buffered per thread and handed to the logger, in order, on that thread before the
//! builder call returns ([`flush`], after the core has finished, so the logger never runs while
//! the core holds a lock; no thread-safe function, no event-loop turn). Nothing is buffered or
//! printed while no logger is set. Each JS thread (main thread, worker) has its own logger. An
//! exception thrown by the logger propagates out of the call that logged; the records after it
//! are dropped.

use std::cell::{Cell, RefCell};
use std::sync::Once;
use std::sync::atomic::{AtomicUsize, Ordering};

use log::{LevelFilter, Log, Metadata, Record};

use crate::errors::invalid;
use crate::host::{Host, JsType};

thread_local! {
    static ACTIVE: Cell<bool> = const { Cell::new(false) };
    static PENDING: RefCell<Vec<(&'static str, String)>> = const { RefCell::new(Vec::new()) };
    /// Set while the logger runs: what SuperConfig calls made by the logger itself log is not
    /// passed back to it (each such call would log again, without end).
    static DELIVERING: Cell<bool> = const { Cell::new(false) };
}

/// Threads with a logger set; the `log` max level is `Off` while this is zero.
static ACTIVE_THREADS: AtomicUsize = AtomicUsize::new(0);
static INSTALL: Once = Once::new();

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

/// `setLogger(logger)`: a function, or `null`/`undefined` to remove it.
pub fn set_logger<H: Host>(host: &H, logger: &H::Value) -> Result<(), H::Error> {
    let new = match host.classify(logger)? {
        JsType::Function => Some(logger),
        JsType::Undefined | JsType::Null => None,
        _ => {
            return Err(invalid(
                host,
                "setLogger takes a function (level, message) => void, or null",
            ));
        }
    };
    INSTALL.call_once(|| {
        // Another `log` implementation already installed in this process (an embedding Rust
        // program) keeps its records; this one then never sees any.
        let _ = log::set_logger(&FORWARDER);
    });
    host.keep_logger(new)?;
    let now_active = new.is_some();
    let was_active = ACTIVE.with(|a| a.replace(now_active));
    if !now_active {
        PENDING.with(|p| p.borrow_mut().clear());
    }
    let threads = match (was_active, now_active) {
        (false, true) => ACTIVE_THREADS.fetch_add(1, Ordering::SeqCst) + 1,
        (true, false) => ACTIVE_THREADS.fetch_sub(1, Ordering::SeqCst) - 1,
        _ => ACTIVE_THREADS.load(Ordering::SeqCst),
    };
    log::set_max_level(if threads > 0 {
        LevelFilter::Trace
    } else {
        LevelFilter::Off
    });
    Ok(())
}

/// Hands the records buffered on this thread to its logger, in order.
pub fn flush<H: Host>(host: &H) -> Result<(), H::Error> {
    if !ACTIVE.with(Cell::get) {
        return Ok(());
    }
    let records = PENDING.with(|p| std::mem::take(&mut *p.borrow_mut()));
    if records.is_empty() {
        return Ok(());
    }
    // Taken out of the host before calling: the logger may call setLogger.
    let Some(function) = host.logger()? else {
        return Ok(());
    };
    let this = host.undefined()?;
    let _delivering = Delivering::start();
    for (level, message) in records {
        let args = [host.string(level)?, host.string(&message)?];
        host.call(&function, &this, &args)?;
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
