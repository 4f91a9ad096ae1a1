//! core → JS.

use std::ptr;

use napi::bindgen_prelude::{ToNapiValue, TypeName};
use napi::{Result, ValueType, sys};
use superconfig::{Node, Table, Value};

use super::{MAX_SAFE_INTEGER, json};
use crate::error::check;

/// A core value on its way to JavaScript (a return value or a record field).
pub struct ConfigNode(pub Node);

impl TypeName for ConfigNode {
    fn type_name() -> &'static str {
        "ConfigValue"
    }
    fn value_type() -> ValueType {
        ValueType::Unknown
    }
}

impl ToNapiValue for ConfigNode {
    unsafe fn to_napi_value(env: sys::napi_env, val: Self) -> Result<sys::napi_value> {
        // SAFETY: forwarded from the caller (a valid env on the JS thread).
        unsafe { to_js(env, &val.0) }
    }
}

/// Converts a tree into a fresh JS value.
///
/// # Safety
/// `env` must be the current, valid environment on its JS thread.
pub unsafe fn to_js(env: sys::napi_env, node: &Node) -> Result<sys::napi_value> {
    // SAFETY: forwarded.
    unsafe {
        match &node.value {
            Value::Array(_) | Value::Table(_) if json::exact(node, 0) => json::to_js(env, node),
            _ => to_js_per_value(env, node),
        }
    }
}

/// `to_js` one Node-API call per value (containers: per item).
///
/// # Safety
/// As `to_js`.
pub unsafe fn to_js_per_value(env: sys::napi_env, node: &Node) -> Result<sys::napi_value> {
    let mut out = ptr::null_mut();
    // SAFETY: every call gets the valid env and a valid out-pointer.
    unsafe {
        match &node.value {
            Value::Null => check(sys::napi_get_null(env, &mut out))?,
            Value::Bool(b) => check(sys::napi_get_boolean(env, *b, &mut out))?,
            // A small integer is V8's cheapest number (no heap allocation).
            Value::Int(i) if i32::try_from(*i).is_ok() => {
                check(sys::napi_create_int32(env, *i as i32, &mut out))?
            }
            Value::Int(i) if (-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(i) => {
                check(sys::napi_create_int64(env, *i, &mut out))?
            }
            Value::Int(i) => check(sys::napi_create_bigint_int64(env, *i, &mut out))?,
            Value::Float(f) => check(sys::napi_create_double(env, *f, &mut out))?,
            Value::String(s) => out = js_string(env, s)?,
            Value::Array(items) => {
                check(sys::napi_create_array_with_length(
                    env,
                    items.len(),
                    &mut out,
                ))?;
                for (i, item) in items.iter().enumerate() {
                    let value = to_js(env, item)?;
                    check(sys::napi_set_element(env, out, i as u32, value))?;
                }
            }
            Value::Table(table) => out = table_to_js(env, table)?,
        }
    }
    Ok(out)
}

unsafe fn table_to_js(env: sys::napi_env, table: &Table) -> Result<sys::napi_value> {
    let mut object = ptr::null_mut();
    // SAFETY: valid env and out-pointers.
    unsafe {
        check(sys::napi_create_object(env, &mut object))?;
        for (key, item) in table.iter() {
            let name = js_string(env, key)?;
            let value = to_js(env, item)?;
            if key == "__proto__" {
                // An ordinary assignment would set the prototype: define an own data property.
                let prop = sys::napi_property_descriptor {
                    utf8name: ptr::null(),
                    name,
                    method: None,
                    getter: None,
                    setter: None,
                    value,
                    attributes: sys::PropertyAttributes::writable
                        | sys::PropertyAttributes::enumerable
                        | sys::PropertyAttributes::configurable,
                    data: ptr::null_mut(),
                };
                check(sys::napi_define_properties(env, object, 1, &prop))?;
            } else {
                check(sys::napi_set_property(env, object, name, value))?;
            }
        }
    }
    Ok(object)
}

/// A JS string from UTF-8 text.
///
/// # Safety
/// `env` must be valid.
pub unsafe fn js_string(env: sys::napi_env, text: &str) -> Result<sys::napi_value> {
    let mut out = ptr::null_mut();
    // SAFETY: pointer and length describe `text`.
    check(unsafe {
        sys::napi_create_string_utf8(env, text.as_ptr().cast(), text.len() as isize, &mut out)
    })?;
    Ok(out)
}
