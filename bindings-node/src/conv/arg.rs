//! Arguments of the wrong type: napi-rs would throw its own status code (`StringExpected`,
//! `BooleanExpected`, `ObjectExpected`, …); docs/behaviour.md ("Errors and warnings") says
//! `InvalidArgument`. `Arg<T>` converts
//! like `T` and turns any conversion failure into that error, with napi-rs's reason.

use napi::bindgen_prelude::{FromNapiValue, TypeName};
use napi::{Result, Status, ValueType, sys};
use superconfig::{Details, Error as CoreError};

use super::type_of;
use crate::error::core_error;

/// An argument converted as `T`; a failure is a thrown `InvalidArgument` error.
pub struct Arg<T>(pub T);

impl<T: TypeName> TypeName for Arg<T> {
    fn type_name() -> &'static str {
        T::type_name()
    }
    fn value_type() -> ValueType {
        T::value_type()
    }
}

fn invalid(env: sys::napi_env, reason: &str) -> napi::Error {
    core_error(
        env,
        &CoreError::InvalidArgument(Details::new(reason.to_string())),
    )
}

impl<T: FromNapiValue> FromNapiValue for Arg<T> {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        // SAFETY: forwarded from napi-rs's argument conversion (valid env and value).
        match unsafe { T::from_napi_value(env, value) } {
            Ok(v) => Ok(Arg(v)),
            // A JS exception (a getter that threw) is already on its way.
            Err(e) if e.status == Status::PendingException => Err(e),
            Err(e) => Err(invalid(env, &e.reason)),
        }
    }
}

/// An options object: like [`Arg`], and it must be an object (napi-rs would read the fields of
/// a number or a string as all absent).
pub struct Options<T>(pub T);

impl<T: Default> Options<T> {
    /// The options given, or the defaults when the argument was left out (or null/undefined).
    pub fn or_default(options: Option<Self>) -> T {
        options.map_or_else(T::default, |o| o.0)
    }
}

impl<T: TypeName> TypeName for Options<T> {
    fn type_name() -> &'static str {
        T::type_name()
    }
    fn value_type() -> ValueType {
        ValueType::Object
    }
}

impl<T: FromNapiValue> FromNapiValue for Options<T> {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        // SAFETY: forwarded (valid env and value).
        if unsafe { type_of(env, value) }? != sys::ValueType::napi_object {
            return Err(invalid(env, "an options argument must be an object"));
        }
        // SAFETY: as above.
        unsafe { Arg::<T>::from_napi_value(env, value) }.map(|Arg(v)| Options(v))
    }
}
