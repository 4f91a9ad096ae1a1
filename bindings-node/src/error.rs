//! The call guard: a core error or a Rust panic inside a binding call becomes a thrown JS error
//! (`superconfig_js::errors`: `code`, `file`, `line`, `column`, `key`); a panic never unwinds
//! into Node.

use std::panic::{AssertUnwindSafe, catch_unwind};

use napi::{Result, sys};

use crate::host::Napi;

/// Runs a binding call: a panic inside it becomes a thrown `InternalError`.
#[inline]
pub fn guard<T>(env: sys::napi_env, f: impl FnOnce(&Napi) -> Result<T>) -> Result<T> {
    let host = Napi(env);
    match catch_unwind(AssertUnwindSafe(|| f(&host))) {
        Ok(result) => result,
        Err(payload) => Err(panic_error(&host, payload)),
    }
}

/// Throws the JS error for a caught panic.
pub fn panic_error(host: &Napi, payload: Box<dyn std::any::Any + Send>) -> napi::Error {
    let message = superconfig::panic::panic_message(payload.as_ref());
    // A payload whose Drop panics again must not unwind from here: forget it.
    std::mem::forget(payload);
    let built = superconfig_js::errors::internal_value(host, &message);
    host.throw(built, message)
}

/// Panics inside the guard, to prove a Rust panic comes back as a thrown `Error` (code
/// `InternalError`) and never aborts the process. For the binding's own tests only.
#[napi_derive::napi(js_name = "__panicForTests", catch_unwind)]
pub fn panic_for_tests(env: &napi::Env, message: String) -> Result<()> {
    superconfig::panic::install_quiet_hook();
    guard(env.raw(), |_| panic!("{message}"))
}
