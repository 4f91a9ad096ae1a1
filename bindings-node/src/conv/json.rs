//! Whole trees through JSON text, where that is exact: V8's `JSON.stringify`/`JSON.parse` build
//! and walk objects far faster than one Node-API call per property.
//!
//! core → JS: a tree whose integers are all safe and whose floats are all finite becomes JSON text
//! and one `JSON.parse` call; any other tree takes the per-value path of `to_js`.
//!
//! JS → core: the value goes through `JSON.stringify` with a replacer that gives up (and so sends
//! the value to the exact walker of `from_js`) on anything JSON would not carry exactly: a
//! non-finite number, a BigInt, a function, a symbol, an object that is neither a plain object nor
//! an array, a cycle. What the replacer lets through converts exactly as the walker would convert
//! it (`toJSON` included: both apply it, as `JSON.stringify` does); the core reads the text
//! (`superconfig::formats::from_javascript_json`, JavaScript's number rule).
//!
//! Environment maps of strings come over as one `NAME\0value\0…` string (`ENV_TEXT`).
//!
//! The helpers are the realm's own `JSON.parse` and small functions compiled from `STRINGIFY`
//! and `ENV_TEXT` in the realm when the module loads (before user code could replace `JSON`);
//! all are kept per environment and forgotten when the environment is torn down.

use std::cell::Cell;
use std::ptr;

use napi::{Result, sys};
use superconfig::formats::MAX_DEPTH;
use superconfig::{Node, Value};

use super::MAX_SAFE_INTEGER;
use super::from_js::{read_string, type_of};
use super::to_js::js_string;
use crate::error::check;

/// `stringify(value)`: JSON text, or `undefined` when the value must take the exact walker.
const STRINGIFY: &str = r#"(function () {
  'use strict';
  var FALLBACK = {};
  var stringify = JSON.stringify;
  var getPrototypeOf = Object.getPrototypeOf;
  var objectProto = Object.prototype;
  var arrayProto = Array.prototype;
  function replacer(key, value) {
    switch (typeof value) {
      case 'string': case 'boolean': case 'undefined': return value;
      case 'number': if (value - value === 0) return value; throw FALLBACK;
      case 'object':
        if (value === null) return value;
        var proto = getPrototypeOf(value);
        if (proto === objectProto || proto === arrayProto || proto === null) return value;
        throw FALLBACK;
      default: throw FALLBACK;
    }
  }
  return function (value) {
    try {
      return stringify(value, replacer);
    } catch (e) {
      if (e === FALLBACK || e instanceof TypeError || e instanceof RangeError) return undefined;
      throw e;
    }
  };
})()"#;

/// `envText(vars)`: `NAME\0value\0…` for an object whose own enumerable values are strings
/// (`undefined` ones left out) and hold no NUL; `undefined` sends the object to the walker. An
/// exception from a getter or proxy trap propagates as it is (once: the walker does not run).
const ENV_TEXT: &str = r#"(function () {
  'use strict';
  var keys = Object.keys;
  return function (vars) {
    var names = keys(vars), out = '';
    for (var i = 0; i < names.length; i++) {
      var name = names[i], value = vars[name];
      if (value === undefined) continue;
      if (typeof value !== 'string' || name.indexOf('\0') >= 0 || value.indexOf('\0') >= 0) return undefined;
      out += name + '\0' + value + '\0';
    }
    return out;
  };
})()"#;

#[derive(Clone, Copy)]
struct Helpers {
    env: sys::napi_env,
    parse: sys::napi_ref,
    stringify: sys::napi_ref,
    env_text: sys::napi_ref,
}

thread_local! {
    static HELPERS: Cell<Option<Helpers>> = const { Cell::new(None) };
}

unsafe extern "C" fn forget_helpers(_: *mut std::ffi::c_void) {
    HELPERS.with(|h| h.set(None));
}

/// Compiles and keeps the helpers of `env`'s realm (called as the module loads).
///
/// # Safety
/// `env` must be the current, valid environment on its JS thread.
pub unsafe fn install(env: sys::napi_env) -> Result<()> {
    // SAFETY: valid env; the references are dropped from the cache by the environment's
    // cleanup hook before the environment goes away.
    unsafe {
        let mut global = ptr::null_mut();
        let mut json = ptr::null_mut();
        let mut parse = ptr::null_mut();
        let mut stringify = ptr::null_mut();
        let mut env_text = ptr::null_mut();
        check(sys::napi_get_global(env, &mut global))?;
        check(sys::napi_get_named_property(
            env,
            global,
            c"JSON".as_ptr(),
            &mut json,
        ))?;
        check(sys::napi_get_named_property(
            env,
            json,
            c"parse".as_ptr(),
            &mut parse,
        ))?;
        check(sys::napi_run_script(
            env,
            js_string(env, STRINGIFY)?,
            &mut stringify,
        ))?;
        check(sys::napi_run_script(
            env,
            js_string(env, ENV_TEXT)?,
            &mut env_text,
        ))?;
        let mut parse_ref = ptr::null_mut();
        let mut stringify_ref = ptr::null_mut();
        let mut env_text_ref = ptr::null_mut();
        check(sys::napi_create_reference(env, parse, 1, &mut parse_ref))?;
        check(sys::napi_create_reference(
            env,
            stringify,
            1,
            &mut stringify_ref,
        ))?;
        check(sys::napi_create_reference(
            env,
            env_text,
            1,
            &mut env_text_ref,
        ))?;
        check(sys::napi_add_env_cleanup_hook(
            env,
            Some(forget_helpers),
            ptr::null_mut(),
        ))?;
        HELPERS.with(|h| {
            h.set(Some(Helpers {
                env,
                parse: parse_ref,
                stringify: stringify_ref,
                env_text: env_text_ref,
            }))
        });
    }
    Ok(())
}

/// Calls one helper with one argument; `None` when this environment has none.
unsafe fn call(
    env: sys::napi_env,
    pick: fn(&Helpers) -> sys::napi_ref,
    arg: sys::napi_value,
) -> Result<Option<sys::napi_value>> {
    let Some(helpers) = HELPERS.with(Cell::get).filter(|h| h.env == env) else {
        return Ok(None);
    };
    let mut function = ptr::null_mut();
    let mut this = ptr::null_mut();
    let mut out = ptr::null_mut();
    // SAFETY: the reference belongs to `env` (checked above) and is live until its cleanup hook.
    unsafe {
        check(sys::napi_get_reference_value(
            env,
            pick(&helpers),
            &mut function,
        ))?;
        if function.is_null() {
            return Ok(None);
        }
        check(sys::napi_get_undefined(env, &mut this))?;
        check(sys::napi_call_function(
            env, this, function, 1, &arg, &mut out,
        ))?;
    }
    Ok(Some(out))
}

// ----- core → JS -------------------------------------------------------------------------------

/// Whether `JSON.parse` of the tree's JSON text gives exactly the values the per-value path
/// would: no integer beyond ±(2^53 − 1) (it must become a BigInt) and no non-finite float.
pub fn exact(node: &Node, depth: usize) -> bool {
    match &node.value {
        Value::Int(i) => (-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(i),
        Value::Float(f) => f.is_finite(),
        Value::Array(items) => depth < MAX_DEPTH && items.iter().all(|n| exact(n, depth + 1)),
        Value::Table(t) => depth < MAX_DEPTH && t.iter().all(|(_, n)| exact(n, depth + 1)),
        _ => true,
    }
}

/// A tree `exact` accepts, through one `JSON.parse` call.
///
/// # Safety
/// `env` must be the current, valid environment on its JS thread.
pub unsafe fn to_js(env: sys::napi_env, node: &Node) -> Result<sys::napi_value> {
    let text = serde_json::to_string(node).map_err(|e| {
        napi::Error::new(
            napi::Status::GenericFailure,
            format!("JSON encoding failed: {e}"),
        )
    })?;
    // SAFETY: forwarded; the helper is the realm's JSON.parse.
    unsafe {
        let arg = js_string(env, &text)?;
        match call(env, |h| h.parse, arg)? {
            Some(value) => Ok(value),
            None => super::to_js::to_js_per_value(env, node),
        }
    }
}

// ----- JS → core -------------------------------------------------------------------------------

/// The string `helper` makes of `value`, or `None` when it must take the exact walker.
unsafe fn text_of(
    env: sys::napi_env,
    helper: fn(&Helpers) -> sys::napi_ref,
    value: sys::napi_value,
) -> Result<Option<String>> {
    // SAFETY: forwarded.
    unsafe {
        match call(env, helper, value)? {
            Some(text) if type_of(env, text)? == sys::ValueType::napi_string => {
                Ok(Some(read_string(env, text)?))
            }
            _ => Ok(None),
        }
    }
}

/// `value` as a tree, when JSON carries it exactly; `None` sends it to the walker.
///
/// # Safety
/// `env` must be the current, valid environment on its JS thread and `value` a live value.
pub unsafe fn tree(env: sys::napi_env, value: sys::napi_value) -> Result<Option<Node>> {
    // SAFETY: forwarded.
    let Some(text) = (unsafe { text_of(env, |h| h.stringify, value) })? else {
        return Ok(None);
    };
    // Too deep for the core: the walker names the error.
    Ok(superconfig::formats::from_javascript_json(&text).ok())
}

/// An environment map whose values are all strings, in one string; `None` sends it to the
/// walker (which also handles numbers, booleans and errors).
///
/// # Safety
/// `env` must be the current, valid environment on its JS thread and `value` a live object.
pub unsafe fn env_vars(
    env: sys::napi_env,
    value: sys::napi_value,
) -> Result<Option<Vec<(String, String)>>> {
    // SAFETY: forwarded.
    let Some(text) = (unsafe { text_of(env, |h| h.env_text, value) })? else {
        return Ok(None);
    };
    let mut parts = text.split('\0');
    let mut vars = Vec::new();
    while let (Some(name), Some(value)) = (parts.next(), parts.next()) {
        vars.push((name.to_string(), value.to_string()));
    }
    Ok(Some(vars))
}
