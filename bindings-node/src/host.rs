//! [`Napi`]: the shared rules' [`Host`] over Node-API. Only plumbing: every decision about what a
//! JS value means is `superconfig_js`'s.
//!
//! Errors: [`Host::fail`] throws the JS error at once and returns napi-rs's "already thrown"
//! marker (`PendingException`); a failing Node-API call (a getter or proxy trap that threw, so an
//! exception is pending) comes back as that status and is passed on unchanged.

use std::ptr;

use napi::{Result, Status, sys};
use superconfig::Error as CoreError;
use superconfig_js::{Host, JsType};

use crate::raw::{check, js_string, read_string};
use crate::realm::{self, Kept};

/// The current environment, on its JS thread, for the duration of one call.
#[derive(Clone, Copy)]
pub struct Napi(pub sys::napi_env);

impl Napi {
    /// A fresh `undefined`/`null`/… from a Node-API getter.
    #[inline]
    fn make(
        &self,
        f: impl FnOnce(sys::napi_env, *mut sys::napi_value) -> sys::napi_status,
    ) -> Result<sys::napi_value> {
        let mut out = ptr::null_mut();
        check(f(self.0, &mut out))?;
        Ok(out)
    }

    /// Calls a kept helper with one argument; `None` when this environment has none.
    fn helper(&self, which: Kept, arg: sys::napi_value) -> Result<Option<sys::napi_value>> {
        // SAFETY: `self.0` is the current environment (the type's contract).
        let Some(function) = (unsafe { realm::get(self.0, which) })? else {
            return Ok(None);
        };
        let this = self.undefined()?;
        self.call(&function, &this, &[arg]).map(Some)
    }

    /// The string a helper made of `value`, `None` when it gave anything else.
    fn helper_text(&self, which: Kept, value: sys::napi_value) -> Result<Option<String>> {
        match self.helper(which, value)? {
            Some(text) => match self.classify(&text)? {
                JsType::String(s) => Ok(Some(s)),
                _ => Ok(None),
            },
            None => Ok(None),
        }
    }

    /// Throws `error` (a JS error object) and returns the "already thrown" marker.
    pub fn throw(&self, error: Result<sys::napi_value>, fallback: String) -> napi::Error {
        // SAFETY: valid env; `error` was created in it.
        match error.and_then(|e| check(unsafe { sys::napi_throw(self.0, e) })) {
            Ok(()) => napi::Error::new(Status::PendingException, fallback),
            // Could not build or throw (an exception already pending, or the environment shutting
            // down): napi-rs throws a plain one if it can.
            Err(_) => napi::Error::new(Status::GenericFailure, fallback),
        }
    }
}

// SAFETY (for every block below): `self.0` is the current, valid environment on its JS thread
// and every value passed in is a live value of this call (the contract of `Napi`); every
// out-pointer is a local the call writes.
impl Host for Napi {
    type Value = sys::napi_value;
    type Error = napi::Error;

    fn fail(&self, error: &CoreError) -> napi::Error {
        let built = superconfig_js::errors::error_value(self, error);
        self.throw(built, format!("{}: {error}", error.kind()))
    }

    fn classify(&self, value: &sys::napi_value) -> Result<JsType> {
        let (env, value) = (self.0, *value);
        let mut t = 0;
        unsafe {
            check(sys::napi_typeof(env, value, &mut t))?;
            Ok(match t {
                sys::ValueType::napi_undefined => JsType::Undefined,
                sys::ValueType::napi_null => JsType::Null,
                sys::ValueType::napi_boolean => {
                    let mut b = false;
                    check(sys::napi_get_value_bool(env, value, &mut b))?;
                    JsType::Bool(b)
                }
                sys::ValueType::napi_number => {
                    let mut f = 0.0;
                    check(sys::napi_get_value_double(env, value, &mut f))?;
                    JsType::Number(f)
                }
                sys::ValueType::napi_bigint => {
                    let (mut i, mut lossless) = (0, false);
                    check(sys::napi_get_value_bigint_int64(
                        env,
                        value,
                        &mut i,
                        &mut lossless,
                    ))?;
                    JsType::BigInt(lossless.then_some(i))
                }
                sys::ValueType::napi_string => JsType::String(read_string(env, value)?),
                sys::ValueType::napi_object => JsType::Object,
                sys::ValueType::napi_function => JsType::Function,
                sys::ValueType::napi_symbol => JsType::Symbol,
                _ => JsType::Other,
            })
        }
    }

    fn is_array(&self, value: &sys::napi_value) -> Result<bool> {
        let mut out = false;
        check(unsafe { sys::napi_is_array(self.0, *value, &mut out) })?;
        if out {
            return Ok(true);
        }
        // A proxy of an array is an array to `Array.isArray` (and to JSON), not to Node-API.
        match self.helper(Kept::IsArray, *value)? {
            Some(answer) => Ok(self.classify(&answer)? == JsType::Bool(true)),
            None => Ok(false),
        }
    }

    fn is_binary(&self, value: &sys::napi_value) -> Result<bool> {
        match self.helper(Kept::IsBinary, *value)? {
            Some(answer) => Ok(self.classify(&answer)? == JsType::Bool(true)),
            None => Ok(false),
        }
    }

    fn length(&self, array: &sys::napi_value) -> Result<u32> {
        let mut len = 0;
        let status = unsafe { sys::napi_get_array_length(self.0, *array, &mut len) };
        if status != sys::Status::napi_array_expected {
            check(status)?;
            return Ok(len);
        }
        // A proxy: its `length`, read as any property (its traps run; an exception propagates).
        let n = match self.classify(&self.named(array, "length")?)? {
            JsType::Number(n) => n,
            _ => 0.0,
        };
        // Arrays hold at most 2^32 − 1 items.
        Ok(if n.is_finite() && n > 0.0 {
            n.min(f64::from(u32::MAX)) as u32
        } else {
            0
        })
    }

    fn element(&self, array: &sys::napi_value, index: u32) -> Result<sys::napi_value> {
        self.make(|env, out| unsafe { sys::napi_get_element(env, *array, index, out) })
    }

    fn own_keys(&self, object: &sys::napi_value) -> Result<Vec<(String, sys::napi_value)>> {
        let env = self.0;
        let names = self.make(|env, out| unsafe {
            sys::napi_get_all_property_names(
                env,
                *object,
                sys::KeyCollectionMode::own_only,
                sys::KeyFilter::enumerable | sys::KeyFilter::skip_symbols,
                sys::KeyConversion::numbers_to_strings,
                out,
            )
        })?;
        let len = self.length(&names)?;
        let mut keys = Vec::with_capacity(len as usize);
        for i in 0..len {
            let key = self.element(&names, i)?;
            keys.push((unsafe { read_string(env, key) }?, key));
        }
        Ok(keys)
    }

    fn property(&self, object: &sys::napi_value, key: &sys::napi_value) -> Result<sys::napi_value> {
        self.make(|env, out| unsafe { sys::napi_get_property(env, *object, *key, out) })
    }

    fn named(&self, object: &sys::napi_value, name: &str) -> Result<sys::napi_value> {
        let key = self.string(name)?;
        self.property(object, &key)
    }

    fn call(
        &self,
        function: &sys::napi_value,
        this: &sys::napi_value,
        args: &[sys::napi_value],
    ) -> Result<sys::napi_value> {
        self.make(|env, out| unsafe {
            sys::napi_call_function(env, *this, *function, args.len(), args.as_ptr(), out)
        })
    }

    fn same(&self, a: &sys::napi_value, b: &sys::napi_value) -> bool {
        let mut same = false;
        (unsafe { sys::napi_strict_equals(self.0, *a, *b, &mut same) }) == sys::Status::napi_ok
            && same
    }

    fn primitive_text(&self, value: &sys::napi_value) -> Result<String> {
        let text = self.make(|env, out| unsafe { sys::napi_coerce_to_string(env, *value, out) })?;
        unsafe { read_string(self.0, text) }
    }

    fn json_text(&self, value: &sys::napi_value) -> Result<Option<String>> {
        self.helper_text(Kept::JsonText, *value)
    }

    fn env_text(&self, vars: &sys::napi_value) -> Result<Option<String>> {
        self.helper_text(Kept::EnvText, *vars)
    }

    fn undefined(&self) -> Result<sys::napi_value> {
        self.make(|env, out| unsafe { sys::napi_get_undefined(env, out) })
    }

    fn null(&self) -> Result<sys::napi_value> {
        self.make(|env, out| unsafe { sys::napi_get_null(env, out) })
    }

    fn boolean(&self, b: bool) -> Result<sys::napi_value> {
        self.make(|env, out| unsafe { sys::napi_get_boolean(env, b, out) })
    }

    fn number(&self, f: f64) -> Result<sys::napi_value> {
        self.make(|env, out| unsafe { sys::napi_create_double(env, f, out) })
    }

    #[inline]
    fn safe_int(&self, i: i64) -> Result<sys::napi_value> {
        // A small integer is V8's cheapest number (no heap allocation).
        match i32::try_from(i) {
            Ok(small) => self.make(|env, out| unsafe { sys::napi_create_int32(env, small, out) }),
            Err(_) => self.make(|env, out| unsafe { sys::napi_create_int64(env, i, out) }),
        }
    }

    fn bigint(&self, i: i64) -> Result<sys::napi_value> {
        self.make(|env, out| unsafe { sys::napi_create_bigint_int64(env, i, out) })
    }

    #[inline]
    fn string(&self, s: &str) -> Result<sys::napi_value> {
        unsafe { js_string(self.0, s) }
    }

    fn array(&self, len: usize) -> Result<sys::napi_value> {
        self.make(|env, out| unsafe { sys::napi_create_array_with_length(env, len, out) })
    }

    fn set_element(
        &self,
        array: &sys::napi_value,
        index: u32,
        value: sys::napi_value,
    ) -> Result<()> {
        check(unsafe { sys::napi_set_element(self.0, *array, index, value) })
    }

    fn object(&self) -> Result<sys::napi_value> {
        self.make(|env, out| unsafe { sys::napi_create_object(env, out) })
    }

    fn set_property(
        &self,
        object: &sys::napi_value,
        key: &str,
        value: sys::napi_value,
    ) -> Result<()> {
        let name = self.string(key)?;
        if key != "__proto__" {
            return check(unsafe { sys::napi_set_property(self.0, *object, name, value) });
        }
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
        check(unsafe { sys::napi_define_properties(self.0, *object, 1, &prop) })
    }

    fn json_parse(&self, text: &str) -> Result<Option<sys::napi_value>> {
        let text = self.string(text)?;
        self.helper(Kept::Parse, text)
    }

    fn error_object(&self, code: &str, message: &str) -> Result<sys::napi_value> {
        let (code, message) = (self.string(code)?, self.string(message)?);
        self.make(|env, out| unsafe { sys::napi_create_error(env, code, message, out) })
    }

    fn keep_logger(&self, logger: Option<&sys::napi_value>) -> Result<()> {
        unsafe { realm::keep_logger(self.0, logger.copied()) }
    }

    fn logger(&self) -> Result<Option<sys::napi_value>> {
        unsafe { realm::get(self.0, Kept::Logger) }
    }
}
