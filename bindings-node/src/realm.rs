//! What the binding keeps per JS environment (main thread or worker): the realm's own
//! `JSON.parse`, the functions of `crates/superconfig-js/js/helpers.mjs` compiled in the realm
//! when the module loads (before user code could replace `JSON`), and the logger `setLogger` was
//! given. All are references forgotten when the environment is torn down.

use std::cell::Cell;
use std::ptr;

use napi::{Result, sys};

use crate::raw::{check, js_string};

/// A kept function.
#[derive(Clone, Copy)]
pub enum Kept {
    Parse,
    JsonText,
    EnvText,
    IsBinary,
    /// `Array.isArray`, which sees through proxies (`napi_is_array` does not).
    IsArray,
    Logger,
}

#[derive(Clone, Copy)]
struct Realm {
    env: sys::napi_env,
    refs: [sys::napi_ref; 6],
}

thread_local! {
    static REALM: Cell<Option<Realm>> = const { Cell::new(None) };
}

unsafe extern "C" fn forget(_: *mut std::ffi::c_void) {
    REALM.with(|r| r.set(None));
}

/// Compiles and keeps the helpers of `env`'s realm (called as the module loads).
///
/// # Safety
/// `env` must be the current, valid environment on its JS thread.
pub unsafe fn install(env: sys::napi_env) -> Result<()> {
    let script = superconfig_js::helpers_script();
    // SAFETY: valid env; the references are dropped from the cache by the environment's cleanup
    // hook before the environment goes away.
    unsafe {
        let mut global = ptr::null_mut();
        let mut json = ptr::null_mut();
        let mut array = ptr::null_mut();
        let mut helpers = ptr::null_mut();
        check(sys::napi_get_global(env, &mut global))?;
        check(sys::napi_get_named_property(
            env,
            global,
            c"JSON".as_ptr(),
            &mut json,
        ))?;
        check(sys::napi_get_named_property(
            env,
            global,
            c"Array".as_ptr(),
            &mut array,
        ))?;
        check(sys::napi_run_script(
            env,
            js_string(env, &script)?,
            &mut helpers,
        ))?;
        let sources = [
            (json, c"parse"),
            (helpers, c"jsonText"),
            (helpers, c"envText"),
            (helpers, c"isBinary"),
            (array, c"isArray"),
        ];
        let mut refs = [ptr::null_mut(); 6];
        for (slot, (object, name)) in refs.iter_mut().zip(sources) {
            let mut function = ptr::null_mut();
            check(sys::napi_get_named_property(
                env,
                object,
                name.as_ptr(),
                &mut function,
            ))?;
            check(sys::napi_create_reference(env, function, 1, slot))?;
        }
        check(sys::napi_add_env_cleanup_hook(
            env,
            Some(forget),
            ptr::null_mut(),
        ))?;
        REALM.with(|r| r.set(Some(Realm { env, refs })));
    }
    Ok(())
}

/// The kept function, `None` when this environment has none.
///
/// # Safety
/// `env` must be the current, valid environment on its JS thread.
pub unsafe fn get(env: sys::napi_env, which: Kept) -> Result<Option<sys::napi_value>> {
    let Some(realm) = REALM.with(Cell::get).filter(|r| r.env == env) else {
        return Ok(None);
    };
    let reference = realm.refs[which as usize];
    if reference.is_null() {
        return Ok(None);
    }
    let mut value = ptr::null_mut();
    // SAFETY: the reference belongs to `env` (checked above) and lives until its cleanup hook.
    check(unsafe { sys::napi_get_reference_value(env, reference, &mut value) })?;
    Ok((!value.is_null()).then_some(value))
}

/// Keeps `logger` (or none) as this environment's logger, dropping the one kept before.
///
/// # Safety
/// `env` must be the current, valid environment on its JS thread; `logger` a value of it.
pub unsafe fn keep_logger(env: sys::napi_env, logger: Option<sys::napi_value>) -> Result<()> {
    let Some(mut realm) = REALM.with(Cell::get).filter(|r| r.env == env) else {
        // The module's registration sets the realm up; without it the logger would be dropped.
        return Err(napi::Error::new(
            napi::Status::GenericFailure,
            "SuperConfig is not initialised in this JavaScript environment",
        ));
    };
    let slot = &mut realm.refs[Kept::Logger as usize];
    // SAFETY: the old reference belongs to `env`; the new one is created in it.
    unsafe {
        if !slot.is_null() {
            check(sys::napi_delete_reference(env, *slot))?;
            *slot = ptr::null_mut();
        }
        if let Some(function) = logger {
            check(sys::napi_create_reference(env, function, 1, slot))?;
        }
    }
    REALM.with(|r| r.set(Some(realm)));
    Ok(())
}
