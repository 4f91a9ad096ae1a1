//! Hand-written callbacks for the hottest readers, `get` and `has`.
//!
//! napi-rs's generated method glue tracks every `&self` borrow in a process-wide table (a mutex
//! and a hash map per call) to catch aliasing `&mut self` calls. `SuperConfig` has no `&mut self`
//! method, so that bookkeeping buys nothing here, and it is most of the cost of a read. These two
//! callbacks replace the generated ones on `SuperConfig.prototype` at module registration: the
//! same rules (`superconfig_js::ops::get_at` / `has_at`), with the class identity still checked
//! (napi-rs's type tag) before the wrapped pointer is used, and a short dotted path read into a
//! stack buffer instead of a `String`.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::ptr;

use napi::bindgen_prelude::{Object, TypeTag};
use napi::{Env, JsValue, Result, sys};
use napi_derive::napi;
use superconfig::{Details, Error as CoreError, SuperConfig as Core};
use superconfig_js::{Host, ops};

use crate::config::SuperConfig;
use crate::error::panic_error;
use crate::host::Napi;
use crate::raw::{check, fits};

/// Longest path read without allocating.
const STACK_PATH: usize = 256;

/// Runs once per environment as the module loads: replaces the generated `get` and `has` on
/// `SuperConfig.prototype` with the callbacks below, and sets up the realm's helpers (`realm`).
#[napi(module_exports)]
pub fn install_fast_readers(exports: Object<'_>, env: Env) -> Result<()> {
    let raw = env.raw();
    let mut class = ptr::null_mut();
    let mut prototype = ptr::null_mut();
    // SAFETY: valid env; `exports` is the module's exports object.
    unsafe {
        check(sys::napi_get_named_property(
            raw,
            exports.raw(),
            c"SuperConfig".as_ptr(),
            &mut class,
        ))?;
        check(sys::napi_get_named_property(
            raw,
            class,
            c"prototype".as_ptr(),
            &mut prototype,
        ))?;
    }
    let methods = [(c"get", get as Callback), (c"has", has as Callback)];
    let props: Vec<sys::napi_property_descriptor> = methods
        .iter()
        .map(|(name, f)| sys::napi_property_descriptor {
            utf8name: name.as_ptr(),
            name: ptr::null_mut(),
            method: Some(*f),
            getter: None,
            setter: None,
            value: ptr::null_mut(),
            attributes: sys::PropertyAttributes::writable | sys::PropertyAttributes::configurable,
            data: ptr::null_mut(),
        })
        .collect();
    // SAFETY: valid env and object; the descriptors outlive the call.
    check(unsafe { sys::napi_define_properties(raw, prototype, props.len(), props.as_ptr()) })?;
    // The helpers of this realm, before any user code could replace `JSON`.
    // SAFETY: valid env during module registration.
    unsafe { crate::realm::install(raw) }
}

type Callback = unsafe extern "C" fn(sys::napi_env, sys::napi_callback_info) -> sys::napi_value;

/// Runs a callback body: a thrown error or a panic becomes a JS exception and a null return.
fn run(env: sys::napi_env, body: impl FnOnce(&Napi) -> Result<sys::napi_value>) -> sys::napi_value {
    let host = Napi(env);
    match catch_unwind(AssertUnwindSafe(|| body(&host))) {
        Ok(Ok(value)) => value,
        Ok(Err(e)) => {
            // Errors built by the host are already thrown; anything else is thrown here.
            if e.status != napi::Status::PendingException {
                // SAFETY: valid env on its JS thread.
                unsafe { napi::JsError::from(e).throw_into(env) };
            }
            ptr::null_mut()
        }
        Err(payload) => {
            let _ = panic_error(&host, payload);
            ptr::null_mut()
        }
    }
}

/// `this` and up to `N` arguments (missing ones are `undefined`). The reference is valid for the
/// callback (the JS object, on the stack, keeps the wrapped value alive).
///
/// # Safety
/// `host` must be the callback's environment and `info` its callback info.
unsafe fn args<'a, const N: usize>(
    host: &Napi,
    info: sys::napi_callback_info,
) -> Result<(&'a Core, [sys::napi_value; N])> {
    let mut argc = N;
    let mut argv = [ptr::null_mut(); N];
    let mut this = ptr::null_mut();
    // SAFETY: argv has room for `argc` values.
    unsafe {
        check(sys::napi_get_cb_info(
            host.0,
            info,
            &mut argc,
            argv.as_mut_ptr(),
            &mut this,
            ptr::null_mut(),
        ))?;
        Ok((this_config(host, this)?, argv))
    }
}

/// The core object behind a `SuperConfig` JS object, after checking the object's class tag.
unsafe fn this_config<'a>(host: &Napi, this: sys::napi_value) -> Result<&'a Core> {
    let tag = <SuperConfig as TypeTag>::type_tag();
    let mut tagged = false;
    let mut wrapped: *mut std::ffi::c_void = ptr::null_mut();
    // SAFETY: a failed check leaves `tagged` false; the pointer is only used when the tag
    // proves the object wraps a `SuperConfig` (napi-rs wraps `Box<SuperConfig>` raw pointers).
    unsafe {
        // A non-object `this` fails the check with a status (no exception): not tagged.
        let status = sys::napi_check_object_type_tag(host.0, this, &tag, &mut tagged);
        if status != sys::Status::napi_ok && status != sys::Status::napi_object_expected {
            check(status)?;
        }
        if !tagged
            || sys::napi_unwrap(host.0, this, &mut wrapped) != sys::Status::napi_ok
            || wrapped.is_null()
        {
            return Err(host.fail(&CoreError::InvalidHandle(Details::new(
                "`this` is not a SuperConfig object",
            ))));
        }
        Ok((*(wrapped as *const SuperConfig)).core())
    }
}

/// Evaluates `$body` with `$p` bound to the path argument `$value` as the core's key-path type:
/// a string that fits `STACK_PATH` bytes is read without allocating and looked up as a `&str`
/// (static dispatch, the core's own string lookup inlined); anything else is read by the shared
/// rules. A macro, not a closure: the body is compiled once per path type.
macro_rules! with_path {
    ($host:expr, $value:expr, |$p:ident| $body:expr) => {{
        let (host, value): (&Napi, sys::napi_value) = ($host, $value);
        let mut buf = [0u8; STACK_PATH];
        let mut len = 0;
        // Not a string: a status, no exception; the shared rules handle the rest.
        // SAFETY: napi writes at most `STACK_PATH` bytes into `buf` and reports how many.
        let status = unsafe {
            sys::napi_get_value_string_utf8(
                host.0,
                value,
                buf.as_mut_ptr().cast(),
                STACK_PATH,
                &mut len,
            )
        };
        let short = if status == sys::Status::napi_ok && fits(len, STACK_PATH) {
            std::str::from_utf8(&buf[..len]).ok()
        } else {
            None
        };
        match short {
            Some($p) => $body,
            None => match superconfig_js::args::path(host, &value, false)? {
                superconfig_js::PathArg::Dotted(s) => {
                    let $p: &str = &s;
                    $body
                }
                superconfig_js::PathArg::Segments(v) => {
                    let $p: &[String] = &v;
                    $body
                }
            },
        }
    }};
}

unsafe extern "C" fn get(env: sys::napi_env, info: sys::napi_callback_info) -> sys::napi_value {
    run(env, |host| {
        // SAFETY: called by Node-API with this env and callback info.
        let (core, [path, default]) = unsafe { args::<2>(host, info) }?;
        with_path!(host, path, |p| ops::get_at(host, core, p, &default))
    })
}

unsafe extern "C" fn has(env: sys::napi_env, info: sys::napi_callback_info) -> sys::napi_value {
    run(env, |host| {
        // SAFETY: called by Node-API with this env and callback info.
        let (core, [path]) = unsafe { args::<1>(host, info) }?;
        let found = with_path!(host, path, |p| ops::has_at(host, core, p))?;
        host.boolean(found)
    })
}
