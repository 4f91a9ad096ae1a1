//! Environment maps (`withEnvMap`).

use std::ptr;

use napi::{Result, sys};
use superconfig::{Details, Error as CoreError};

use super::from_js::{own_keys, read_string, type_of};
use crate::error::{check, core_error};

/// A `{ NAME: value }` object as variable pairs. Strings pass as they are; numbers, booleans and
/// BigInts become their string form (an environment only holds text); `undefined` is left out;
/// anything else is an `InvalidArgument` error naming the variable. The core applies the rules.
///
/// # Safety
/// `env` and `value` must be valid.
pub unsafe fn env_map(env: sys::napi_env, value: sys::napi_value) -> Result<Vec<(String, String)>> {
    let invalid =
        |message: String| core_error(env, &CoreError::InvalidArgument(Details::new(message)));
    // SAFETY: valid env; keys come from the object itself.
    unsafe {
        if type_of(env, value)? != sys::ValueType::napi_object {
            return Err(invalid(String::from(
                "the environment map must be an object of NAME: value",
            )));
        }
        if let Some(vars) = super::json::env_vars(env, value)? {
            return Ok(vars);
        }
        let keys = own_keys(env, value)?;
        let mut vars = Vec::with_capacity(keys.len());
        for (name, key) in keys {
            let mut item = ptr::null_mut();
            check(sys::napi_get_property(env, value, key, &mut item))?;
            let text = match type_of(env, item)? {
                sys::ValueType::napi_undefined => continue,
                sys::ValueType::napi_string => read_string(env, item)?,
                sys::ValueType::napi_number
                | sys::ValueType::napi_boolean
                | sys::ValueType::napi_bigint => {
                    let mut s = ptr::null_mut();
                    check(sys::napi_coerce_to_string(env, item, &mut s))?;
                    read_string(env, s)?
                }
                _ => {
                    return Err(invalid(format!(
                        "environment variable {name}: the value must be a string"
                    )));
                }
            };
            vars.push((name, text));
        }
        Ok(vars)
    }
}
