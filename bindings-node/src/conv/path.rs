//! Key path arguments.

use std::ptr;

use napi::bindgen_prelude::{FromNapiValue, TypeName, ValidateNapiValue};
use napi::{Result, ValueType, sys};
use superconfig::{Details, Error as CoreError};

use super::from_js::{read_string, type_of};
use crate::error::{check, core_error};

/// A key path argument: a dotted string (`"a.b.0"`) or an array of segments (`["a", "b.c"]`).
pub enum PathArg {
    /// Dotted.
    Dotted(String),
    /// Segments, for keys containing dots.
    Segments(Vec<String>),
}

/// Runs `$body` with `$p` bound to the path as the core's own key-path type (`&str` or
/// `&[String]`), so the core's specialised lookups are used.
macro_rules! on_path {
    ($path:expr, |$p:ident| $body:expr) => {
        match $path {
            $crate::conv::PathArg::Dotted(s) => {
                let $p: &str = s.as_str();
                $body
            }
            $crate::conv::PathArg::Segments(v) => {
                let $p: &[String] = v.as_slice();
                $body
            }
        }
    };
}
pub(crate) use on_path;

impl Default for PathArg {
    fn default() -> Self {
        PathArg::Dotted(String::new())
    }
}

impl TypeName for PathArg {
    fn type_name() -> &'static str {
        "string | string[]"
    }
    fn value_type() -> ValueType {
        ValueType::Unknown
    }
}

impl ValidateNapiValue for PathArg {}

impl FromNapiValue for PathArg {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        // SAFETY: forwarded from napi-rs's argument conversion.
        unsafe {
            match type_of(env, value)? {
                sys::ValueType::napi_string => Ok(PathArg::Dotted(read_string(env, value)?)),
                sys::ValueType::napi_object => {
                    let mut is_array = false;
                    check(sys::napi_is_array(env, value, &mut is_array))?;
                    if !is_array {
                        return Err(path_error(env));
                    }
                    let mut len = 0;
                    check(sys::napi_get_array_length(env, value, &mut len))?;
                    let mut segments = Vec::with_capacity(len as usize);
                    for i in 0..len {
                        let mut item = ptr::null_mut();
                        check(sys::napi_get_element(env, value, i, &mut item))?;
                        match type_of(env, item)? {
                            sys::ValueType::napi_string => segments.push(read_string(env, item)?),
                            sys::ValueType::napi_number => {
                                let mut f = 0.0;
                                check(sys::napi_get_value_double(env, item, &mut f))?;
                                match superconfig::number_segment(f) {
                                    Ok(segment) => segments.push(segment),
                                    Err(e) => return Err(core_error(env, &e)),
                                }
                            }
                            _ => return Err(path_error(env)),
                        }
                    }
                    Ok(PathArg::Segments(segments))
                }
                _ => Err(path_error(env)),
            }
        }
    }
}

fn path_error(env: sys::napi_env) -> napi::Error {
    core_error(
        env,
        &CoreError::InvalidArgument(Details::new(
            "a key path is a dotted string or an array of segments (strings or integers)",
        )),
    )
}

/// Reads an optional path: `undefined`/`null` → the root.
///
/// # Safety
/// `env` and `value` must be valid.
pub unsafe fn optional_path(env: sys::napi_env, value: sys::napi_value) -> Result<PathArg> {
    // SAFETY: forwarded.
    unsafe {
        match type_of(env, value)? {
            sys::ValueType::napi_undefined | sys::ValueType::napi_null => Ok(PathArg::default()),
            _ => PathArg::from_napi_value(env, value),
        }
    }
}
