//! [`Host`]: what a JavaScript engine binding gives the shared rules — reading JS values,
//! building them, calling functions and throwing errors. `bindings-node` implements it over
//! Node-API, `bindings-wasm` over wasm-bindgen; every rule in this crate is written once against
//! it (as pydantic-core's `Input` trait is one interface over Python and JSON input).
//!
//! A host runs the caller's code (getters, proxy traps, `toJSON`, the logger) only inside the
//! methods that read properties or call functions, and turns any exception there into its
//! `Error`, which the rules pass on unchanged.

use superconfig::Error as CoreError;

/// A JS value's type, with the primitive read in the same step.
#[derive(Debug, Clone, PartialEq)]
pub enum JsType {
    Undefined,
    Null,
    Bool(bool),
    Number(f64),
    /// A BigInt: its value when it fits an `i64`, else `None`.
    BigInt(Option<i64>),
    String(String),
    /// An object (arrays, functions excluded): not read yet.
    Object,
    Function,
    Symbol,
    /// Anything else an engine may have (an external value).
    Other,
}

/// A JavaScript engine as the shared rules see it.
pub trait Host {
    /// A JS value (a handle valid for the current call).
    type Value: Clone;
    /// A thrown JS exception, or the marker that one is pending.
    type Error;

    /// The JS error for a core error (see [`crate::errors::error_value`]), ready to throw.
    fn fail(&self, error: &CoreError) -> Self::Error;

    // ----- reading -----------------------------------------------------------------------------

    /// The value's type, primitives read.
    fn classify(&self, value: &Self::Value) -> Result<JsType, Self::Error>;
    /// Whether an object is an array (`Array.isArray`).
    fn is_array(&self, value: &Self::Value) -> Result<bool, Self::Error>;
    /// Whether an object is binary data (`isBinary` of `js/helpers.mjs`).
    fn is_binary(&self, value: &Self::Value) -> Result<bool, Self::Error>;
    /// An array's length.
    fn length(&self, array: &Self::Value) -> Result<u32, Self::Error>;
    /// `array[index]`.
    fn element(&self, array: &Self::Value, index: u32) -> Result<Self::Value, Self::Error>;
    /// Own enumerable string keys, in `Object.keys` order, each with its JS key.
    fn own_keys(&self, object: &Self::Value) -> Result<Vec<(String, Self::Value)>, Self::Error>;
    /// `object[key]` for a key from [`Host::own_keys`].
    fn property(&self, object: &Self::Value, key: &Self::Value)
    -> Result<Self::Value, Self::Error>;
    /// `object[name]`.
    fn named(&self, object: &Self::Value, name: &str) -> Result<Self::Value, Self::Error>;
    /// `function.call(this, arg)`.
    fn call(
        &self,
        function: &Self::Value,
        this: &Self::Value,
        args: &[Self::Value],
    ) -> Result<Self::Value, Self::Error>;
    /// Whether two values are the same object (`===`).
    fn same(&self, a: &Self::Value, b: &Self::Value) -> bool;
    /// `String(value)` of a number, boolean or BigInt (no user code runs).
    fn primitive_text(&self, value: &Self::Value) -> Result<String, Self::Error>;
    /// `jsonText(value)` of `js/helpers.mjs`: JSON text when exact, else `None`.
    fn json_text(&self, value: &Self::Value) -> Result<Option<String>, Self::Error>;
    /// `envText(vars)` of `js/helpers.mjs`: `NAME\0value\0…`, or `None`.
    fn env_text(&self, vars: &Self::Value) -> Result<Option<String>, Self::Error>;

    // ----- building ----------------------------------------------------------------------------

    fn undefined(&self) -> Result<Self::Value, Self::Error>;
    fn null(&self) -> Result<Self::Value, Self::Error>;
    fn boolean(&self, b: bool) -> Result<Self::Value, Self::Error>;
    fn number(&self, f: f64) -> Result<Self::Value, Self::Error>;
    /// An integer within ±(2^53 − 1) as a number (hosts may pick a cheaper representation).
    #[inline]
    fn safe_int(&self, i: i64) -> Result<Self::Value, Self::Error> {
        self.number(i as f64)
    }
    fn bigint(&self, i: i64) -> Result<Self::Value, Self::Error>;
    fn string(&self, s: &str) -> Result<Self::Value, Self::Error>;
    /// A new array of `len` holes, filled with [`Host::set_element`].
    fn array(&self, len: usize) -> Result<Self::Value, Self::Error>;
    fn set_element(
        &self,
        array: &Self::Value,
        index: u32,
        value: Self::Value,
    ) -> Result<(), Self::Error>;
    /// A new plain object.
    fn object(&self) -> Result<Self::Value, Self::Error>;
    /// Sets an own enumerable data property on an object this crate created. A key named
    /// `__proto__` must become an own property too, never the prototype.
    fn set_property(
        &self,
        object: &Self::Value,
        key: &str,
        value: Self::Value,
    ) -> Result<(), Self::Error>;
    /// `JSON.parse(text)` (the realm's own, captured at load); `None` when unavailable.
    fn json_parse(&self, text: &str) -> Result<Option<Self::Value>, Self::Error>;
    /// `new Error(message)` with `code` set.
    fn error_object(&self, code: &str, message: &str) -> Result<Self::Value, Self::Error>;

    // ----- the logger --------------------------------------------------------------------------

    /// Keeps (or, with `None`, drops) the function `setLogger` was given, for this thread.
    fn keep_logger(&self, logger: Option<&Self::Value>) -> Result<(), Self::Error>;
    /// The function kept by [`Host::keep_logger`], if any.
    fn logger(&self) -> Result<Option<Self::Value>, Self::Error>;
}
