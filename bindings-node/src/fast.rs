//! Hand-written callbacks for the hottest readers, `get` and `has`.
//!
//! napi-rs's generated method glue tracks every `&self` borrow in a process-wide table (a mutex
//! and a hash map per call) to catch aliasing `&mut self` calls. `SuperConfig` has no `&mut self`
//! method, so that bookkeeping buys nothing here, and it is most of the cost of a read. These two
//! callbacks replace the generated ones on `SuperConfig.prototype` at module registration: same
//! behaviour, same errors, with the class identity still checked (napi-rs's type tag) before
//! the wrapped pointer is used.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::ptr;

use napi::bindgen_prelude::{FromNapiValue, Object, TypeTag};
use napi::{Env, JsValue, Result, sys};
use napi_derive::napi;
use superconfig::{Details, Error as CoreError, KeyPath, SuperConfig as Core};

use crate::config::SuperConfig;
use crate::conv::{self, PathArg, on_path};
use crate::error::{check, core_error, panic_error};

/// Longest path read without allocating.
const STACK_PATH: usize = 256;

/// Runs once per environment as the module loads: replaces the generated `get` and `has` on
/// `SuperConfig.prototype` with the callbacks below, and sets up the realm's JSON helpers
/// (`conv::json`).
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
    // The JSON helpers of this realm, before any user code could replace `JSON`.
    // SAFETY: valid env during module registration.
    unsafe { conv::install_json_helpers(raw) }
}

type Callback = unsafe extern "C" fn(sys::napi_env, sys::napi_callback_info) -> sys::napi_value;

/// Runs a callback body: a thrown error or a panic becomes a JS exception and a null return.
unsafe fn run(
    env: sys::napi_env,
    body: impl FnOnce() -> Result<sys::napi_value>,
) -> sys::napi_value {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(value)) => value,
        Ok(Err(e)) => {
            // Errors built by `core_error` are already thrown; anything else is thrown here.
            if e.status != napi::Status::PendingException {
                // SAFETY: valid env on its JS thread.
                unsafe { napi::JsError::from(e).throw_into(env) };
            }
            ptr::null_mut()
        }
        Err(payload) => {
            let _ = panic_error(env, payload);
            ptr::null_mut()
        }
    }
}

/// `this` and up to `N` arguments (missing ones are `undefined`). The reference is valid for the
/// callback (the JS object, on the stack, keeps the wrapped value alive).
unsafe fn args<'a, const N: usize>(
    env: sys::napi_env,
    info: sys::napi_callback_info,
) -> Result<(&'a Core, [sys::napi_value; N])> {
    let mut argc = N;
    let mut argv = [ptr::null_mut(); N];
    let mut this = ptr::null_mut();
    // SAFETY: argv has room for `argc` values.
    unsafe {
        check(sys::napi_get_cb_info(
            env,
            info,
            &mut argc,
            argv.as_mut_ptr(),
            &mut this,
            ptr::null_mut(),
        ))?;
        Ok((this_config(env, this)?, argv))
    }
}

/// The core object behind a `SuperConfig` JS object, after checking the object's class tag.
unsafe fn this_config<'a>(env: sys::napi_env, this: sys::napi_value) -> Result<&'a Core> {
    let tag = <SuperConfig as TypeTag>::type_tag();
    let mut tagged = false;
    let mut wrapped: *mut std::ffi::c_void = ptr::null_mut();
    // SAFETY: a failed check leaves `tagged` false; the pointer is only used when the tag
    // proves the object wraps a `SuperConfig` (napi-rs wraps `Box<SuperConfig>` raw pointers).
    unsafe {
        // A non-object `this` fails the check with a status (no exception): not tagged.
        let status = sys::napi_check_object_type_tag(env, this, &tag, &mut tagged);
        if status != sys::Status::napi_ok && status != sys::Status::napi_object_expected {
            check(status)?;
        }
        if !tagged
            || sys::napi_unwrap(env, this, &mut wrapped) != sys::Status::napi_ok
            || wrapped.is_null()
        {
            return Err(core_error(
                env,
                &CoreError::InvalidHandle(Details::new("`this` is not a SuperConfig object")),
            ));
        }
        Ok((*(wrapped as *const SuperConfig)).core())
    }
}

/// Evaluates `$body` with `$p` bound to the path argument `$value` as the core's key-path type:
/// a string that fits `STACK_PATH` bytes is read without allocating.
macro_rules! with_path {
    ($env:expr, $value:expr, |$p:ident| $body:expr) => {{
        let env = $env;
        let value = $value;
        let mut buf = [0u8; STACK_PATH];
        let mut len = 0;
        // Not a string: a status, no exception; the general path below handles the rest.
        let status = sys::napi_get_value_string_utf8(
            env,
            value,
            buf.as_mut_ptr().cast(),
            STACK_PATH,
            &mut len,
        );
        let short = if status == sys::Status::napi_ok && $crate::conv::fits(len, STACK_PATH) {
            std::str::from_utf8(&buf[..len]).ok()
        } else {
            None
        };
        match short {
            Some($p) => $body,
            None => {
                let path = PathArg::from_napi_value(env, value)?;
                on_path!(&path, |$p| $body)
            }
        }
    }};
}

/// `get(path, defaultValue?)` on `core`.
///
/// # Safety
/// `env` must be the current environment; `path` and `default` values of this call.
pub(crate) unsafe fn get_value(
    env: sys::napi_env,
    core: &Core,
    path: sys::napi_value,
    default: sys::napi_value,
) -> Result<sys::napi_value> {
    // SAFETY: forwarded.
    unsafe {
        // Absent: the path as shown in messages, built only then.
        match with_path!(env, path, |p| core
            .find_node(p)
            .map(|n| n.ok_or_else(|| p.display())))
        {
            Ok(Ok(node)) => conv::to_js(env, &node),
            Ok(Err(_)) if conv::type_of(env, default)? != sys::ValueType::napi_undefined => {
                Ok(default)
            }
            Ok(Err(shown)) => Err(core_error(env, &CoreError::key_not_found(&shown))),
            Err(e) => Err(core_error(env, &e)),
        }
    }
}

/// `has(path)` on `core`.
///
/// # Safety
/// `env` must be the current environment; `path` a value of this call.
pub(crate) unsafe fn has_value(
    env: sys::napi_env,
    core: &Core,
    path: sys::napi_value,
) -> Result<bool> {
    // SAFETY: forwarded.
    unsafe { with_path!(env, path, |p| core.has(p)).map_err(|e| core_error(env, &e)) }
}

unsafe extern "C" fn get(env: sys::napi_env, info: sys::napi_callback_info) -> sys::napi_value {
    // SAFETY: called by Node-API with a valid env and callback info.
    unsafe {
        run(env, || {
            let (core, [path, default]) = args::<2>(env, info)?;
            get_value(env, core, path, default)
        })
    }
}

unsafe extern "C" fn has(env: sys::napi_env, info: sys::napi_callback_info) -> sys::napi_value {
    // SAFETY: called by Node-API with a valid env and callback info.
    unsafe {
        run(env, || {
            let (core, [path]) = args::<1>(env, info)?;
            let found = has_value(env, core, path)?;
            let mut out = ptr::null_mut();
            check(sys::napi_get_boolean(env, found, &mut out))?;
            Ok(out)
        })
    }
}
