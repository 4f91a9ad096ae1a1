//! Errors: a core [`superconfig::Error`] becomes a thrown JS `Error` whose `code` is the error kind
//! (`superconfig::Error::kind()`), with `file`, `line`, `column` and `key` properties (null when
//! unknown) and the core's message. A Rust panic becomes a thrown `Error` with code `InternalError`; it
//! never unwinds into Node.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::ptr;

use napi::{Result, Status, sys};
use superconfig::Error as CoreError;

use crate::conv::js_string;

/// Code of the error thrown for a Rust panic (a bug, never an error kind).
pub const PANIC_CODE: &str = superconfig::panic::INTERNAL_ERROR;

/// A napi status as a `Result`.
#[inline]
pub fn check(status: sys::napi_status) -> Result<()> {
    if status == sys::Status::napi_ok {
        Ok(())
    } else {
        Err(napi::Error::new(
            Status::from(status),
            "a Node-API call failed",
        ))
    }
}

/// Throws the JS error for `error` and returns the marker napi-rs uses for "already thrown".
pub fn core_error(env: sys::napi_env, error: &CoreError) -> napi::Error {
    let details = error.details();
    let fields = [
        (c"file", details.file.as_deref().map(Field::Text)),
        (c"line", details.line.map(Field::Number)),
        (c"column", details.column.map(Field::Number)),
        (c"key", details.key.as_deref().map(Field::Text)),
    ];
    throw(env, error.kind(), &error.to_string(), &fields)
}

/// Runs a binding call: a core error or a panic inside it becomes a thrown JS error.
#[inline]
pub fn guard<T>(env: sys::napi_env, f: impl FnOnce() -> Result<T>) -> Result<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(result) => result,
        Err(payload) => Err(panic_error(env, payload)),
    }
}

/// Throws the JS error for a caught panic.
pub fn panic_error(env: sys::napi_env, payload: Box<dyn std::any::Any + Send>) -> napi::Error {
    let message = superconfig::panic::panic_message(payload.as_ref());
    // A payload whose Drop panics again must not unwind from here: forget it.
    std::mem::forget(payload);
    throw(env, PANIC_CODE, &message, &[])
}

/// A core result, its error thrown.
#[inline]
pub fn core<T>(env: sys::napi_env, result: superconfig::Result<T>) -> Result<T> {
    result.map_err(|e| core_error(env, &e))
}

enum Field<'a> {
    Text(&'a str),
    Number(u32),
}

fn throw(
    env: sys::napi_env,
    code: &str,
    message: &str,
    fields: &[(&std::ffi::CStr, Option<Field<'_>>)],
) -> napi::Error {
    // SAFETY: `env` is the current environment; every value passed was just created in it.
    let built = unsafe { build(env, code, message, fields) };
    match built.and_then(|error| check(unsafe { sys::napi_throw(env, error) })) {
        Ok(()) => napi::Error::new(Status::PendingException, message.to_string()),
        // Could not build or throw (environment shutting down): let napi-rs throw a plain one.
        Err(_) => napi::Error::new(Status::GenericFailure, format!("{code}: {message}")),
    }
}

unsafe fn build(
    env: sys::napi_env,
    code: &str,
    message: &str,
    fields: &[(&std::ffi::CStr, Option<Field<'_>>)],
) -> Result<sys::napi_value> {
    let mut error = ptr::null_mut();
    // SAFETY: valid env; the names are NUL-terminated.
    unsafe {
        check(sys::napi_create_error(
            env,
            js_string(env, code)?,
            js_string(env, message)?,
            &mut error,
        ))?;
        for (name, field) in fields {
            let mut value = ptr::null_mut();
            match field {
                Some(Field::Text(s)) => value = js_string(env, s)?,
                Some(Field::Number(n)) => check(sys::napi_create_uint32(env, *n, &mut value))?,
                None => check(sys::napi_get_null(env, &mut value))?,
            }
            check(sys::napi_set_named_property(
                env,
                error,
                name.as_ptr(),
                value,
            ))?;
        }
    }
    Ok(error)
}

/// Panics inside the guard, to prove a Rust panic comes back as a thrown `Error` (code `InternalError`)
/// and never aborts the process. For the binding's own tests only.
#[napi_derive::napi(js_name = "__panicForTests", catch_unwind)]
pub fn panic_for_tests(env: &napi::Env, message: String) -> Result<()> {
    superconfig::panic::install_quiet_hook();
    guard(env.raw(), || panic!("{message}"))
}
