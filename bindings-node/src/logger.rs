//! `setLogger((level, message) => …)`: forwards the core's `log` records to JavaScript.
//!
//! The core logs synchronously inside the builder call that does the work, on the JS thread.
//! Records are buffered per thread and handed to the logger, in order, on the same JS thread
//! before that builder call returns (a synchronous call: no thread-safe function, no event-loop
//! turn). Nothing is buffered or printed while no logger is set. Each Node thread (main thread or
//! worker) has its own logger.

use std::cell::{Cell, RefCell};
use std::sync::Once;
use std::sync::atomic::{AtomicUsize, Ordering};

use log::{LevelFilter, Log, Metadata, Record};
use napi::bindgen_prelude::{FnArgs, Function, FunctionRef};
use napi::{Env, Result};
use napi_derive::napi;

type LoggerFn = FunctionRef<FnArgs<(&'static str, String)>, ()>;

thread_local! {
    static ACTIVE: Cell<bool> = const { Cell::new(false) };
    static LOGGER: RefCell<Option<LoggerFn>> = const { RefCell::new(None) };
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

/// Sets (or, with `null`/`undefined`, removes) the function that receives the core's log
/// records as `(level, message)`; `level` is `error`, `warn`, `info`, `debug` or `trace`.
/// Messages never contain secret values. An exception thrown by the logger propagates out of the
/// SuperConfig call that logged.
#[napi(
    catch_unwind,
    ts_args_type = "logger: ((level: LogLevel, message: string) => void) | null | undefined"
)]
pub fn set_logger(logger: Option<Function<'_, FnArgs<(&'static str, String)>, ()>>) -> Result<()> {
    INSTALL.call_once(|| {
        // Another `log` implementation already installed in this process (an embedding Rust
        // program) keeps its records; this one then never sees any.
        let _ = log::set_logger(&FORWARDER);
    });
    let new = logger.map(|f| f.create_ref()).transpose()?;
    let was_active = ACTIVE.with(Cell::get);
    let now_active = new.is_some();
    LOGGER.with(|l| *l.borrow_mut() = new);
    ACTIVE.with(|a| a.set(now_active));
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
pub fn flush(env: &Env) -> Result<()> {
    if !ACTIVE.with(Cell::get) {
        return Ok(());
    }
    let records = PENDING.with(|p| std::mem::take(&mut *p.borrow_mut()));
    if records.is_empty() {
        return Ok(());
    }
    // Borrow the function out of the cell before calling: the logger may call setLogger.
    let function = LOGGER.with(|l| l.borrow().as_ref().map(|f| f.borrow_back(env)).transpose())?;
    let Some(function) = function else {
        return Ok(());
    };
    let _delivering = Delivering::start();
    for (level, message) in records {
        function.call(FnArgs::from((level, message)))?;
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
