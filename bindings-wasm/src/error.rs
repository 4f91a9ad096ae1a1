//! Errors, and the guard every exported call runs under.
//!
//! A core [`superconfig::Error`] becomes a thrown JS `Error` whose `code` is the error kind
//! (`superconfig::Error::kind()`), with `file`, `line`, `column` and `key` properties (`null` when
//! unknown) and the core's message. An exception thrown by the caller's own code (a getter of a
//! defaults object, the logger) is rethrown as it is.
//!
//! Panics: the module is built with `panic = "abort"`, so a Rust panic is a WebAssembly trap
//! (`WebAssembly.RuntimeError: unreachable`), not an exception the binding could turn into an
//! error. Every input path therefore returns errors instead of panicking: the conversions check
//! types, depths and ranges; user JavaScript runs only through imports declared `catch`, so no JS
//! exception ever unwinds through Rust frames (it would skip destructors and leave locks held).
//! Should a trap happen anyway (a bug, or running out of memory), the instance's state is
//! unreliable: [`Entry`] notices on the next call and every later call throws an `Error` with
//! code `InternalError` instead of running on a broken heap. Reload the module (a fresh `init()` in a new
//! page or worker, or a new Node process) to continue.

use std::cell::Cell;

use js_sys::Reflect;
use superconfig::Error as CoreError;
use wasm_bindgen::prelude::*;

/// Code of the error thrown after a trap (a Rust panic: a bug, never an error kind).
pub const PANIC_CODE: &str = superconfig::panic::INTERNAL_ERROR;

thread_local! {
    /// True while an exported call runs Rust code. Still true at the start of a call: the call
    /// before it trapped.
    static INSIDE: Cell<bool> = const { Cell::new(false) };
    /// Set once a trap has been detected; the instance refuses every call from then on.
    static POISONED: Cell<bool> = const { Cell::new(false) };
}

/// Marks an exported call as running; dropped (at the end of the call) it clears the mark.
pub struct Entry(());

impl Entry {
    /// Enters an exported call; an `Error` with code `InternalError` when an earlier call trapped.
    #[inline]
    pub fn enter() -> Result<Entry, JsValue> {
        if INSIDE.with(|i| i.replace(true)) || POISONED.with(Cell::get) {
            POISONED.with(|p| p.set(true));
            return Err(make_error(
                PANIC_CODE,
                "internal error: an earlier SuperConfig call trapped (a Rust panic, which is a \
                 bug, or out of memory); this WebAssembly instance can no longer be used, load \
                 the module again",
                &[],
            ));
        }
        Ok(Entry(()))
    }
}

impl Drop for Entry {
    #[inline]
    fn drop(&mut self) {
        INSIDE.with(|i| i.set(false));
    }
}

/// Runs the caller's JavaScript (a getter, a proxy trap, the logger): for its duration the
/// binding counts as outside, so that code may call SuperConfig again.
#[inline]
pub fn outside<R>(f: impl FnOnce() -> R) -> R {
    let was = INSIDE.with(|i| i.replace(false));
    let out = f();
    // Still marked inside: a SuperConfig call made by that JavaScript trapped, and the trap
    // (a `WebAssembly.RuntimeError`) came back to us as an ordinary exception.
    if INSIDE.with(|i| i.replace(was)) {
        POISONED.with(|p| p.set(true));
    }
    out
}

/// Whether the instance is in a state where Rust code may run outside an exported call (the
/// finaliser or `free()` dropping a configuration): no call is half-way through and none trapped.
pub fn usable() -> bool {
    !INSIDE.with(Cell::get) && !POISONED.with(Cell::get)
}

/// The JS error for a core error.
pub fn core_error(error: &CoreError) -> JsValue {
    let d = error.details();
    make_error(
        error.kind(),
        &error.to_string(),
        &[
            ("file", d.file.as_deref().map(JsValue::from_str)),
            ("line", d.line.map(|n| JsValue::from_f64(n.into()))),
            ("column", d.column.map(|n| JsValue::from_f64(n.into()))),
            ("key", d.key.as_deref().map(JsValue::from_str)),
        ],
    )
}

/// An `InvalidArgument` error with `message`.
pub fn invalid_argument(message: impl Into<String>) -> JsValue {
    core_error(&CoreError::InvalidArgument(superconfig::Details::new(
        message,
    )))
}

/// `new Error(message)` with `code` and the given fields; fields not given are `null`.
fn make_error(code: &str, message: &str, fields: &[(&str, Option<JsValue>)]) -> JsValue {
    let error: JsValue = js_sys::Error::new(message).into();
    // Setting data properties on a fresh Error runs no user code; a failure cannot happen.
    let _ = Reflect::set(&error, &JsValue::from_str("code"), &JsValue::from_str(code));
    for name in ["file", "line", "column", "key"] {
        let value = fields
            .iter()
            .find(|(n, _)| *n == name)
            .and_then(|(_, v)| v.clone())
            .unwrap_or(JsValue::NULL);
        let _ = Reflect::set(&error, &JsValue::from_str(name), &value);
    }
    error
}

/// `superconfig::Result` → the binding's result, the error as a JS error.
pub trait CoreResultExt<T> {
    /// The core error as a thrown JS `Error`.
    fn js(self) -> Result<T, JsValue>;
}

impl<T> CoreResultExt<T> for superconfig::Result<T> {
    #[inline]
    fn js(self) -> Result<T, JsValue> {
        self.map_err(|e| core_error(&e))
    }
}

/// Traps (panics, which is an abort in this build) to prove that the instance then refuses
/// further calls with code `InternalError`. For the binding's own tests only.
#[wasm_bindgen(js_name = "__panicForTests")]
pub fn panic_for_tests() -> Result<(), JsValue> {
    let _entry = Entry::enter()?;
    panic!("__panicForTests");
}
