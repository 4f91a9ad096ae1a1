//! [`Wasm`]: the shared rules' [`Host`] over wasm-bindgen. Only plumbing: every decision about
//! what a JS value means is `superconfig_js`'s.
//!
//! Every operation that can run the caller's code (getters, proxy traps, `toJSON`, the logger)
//! goes through an import declared `catch`, run [`outside`] the binding: an exception comes back
//! as a value and is passed on as it is; nothing unwinds through Rust frames.

use std::cell::RefCell;

use js_sys::{Array as JsArray, Function, JSON, Object, Reflect};
use superconfig::Error as CoreError;
use superconfig_js::{Host, JsType};
use wasm_bindgen::prelude::*;

use crate::state::outside;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn object_keys(value: &JsValue) -> Result<JsArray, JsValue>;
    /// `String(value)`, only ever called on a number, boolean or BigInt (no user code runs).
    #[wasm_bindgen(js_name = String)]
    fn primitive_to_string(value: &JsValue) -> String;
}

// The JavaScript both bindings run, one file (captured at load, before user code could replace
// `JSON`).
#[wasm_bindgen(module = "/../crates/superconfig-js/js/helpers.mjs")]
extern "C" {
    #[wasm_bindgen(catch, js_name = jsonText)]
    fn json_text(value: &JsValue) -> Result<Option<String>, JsValue>;
    #[wasm_bindgen(catch, js_name = envText)]
    fn env_text(vars: &JsValue) -> Result<Option<String>, JsValue>;
    #[wasm_bindgen(catch, js_name = isBinary)]
    fn is_binary(value: &JsValue) -> Result<bool, JsValue>;
}

thread_local! {
    static LOGGER: RefCell<Option<Function>> = const { RefCell::new(None) };
}

/// The host: this instance's JS realm.
pub struct Wasm;

impl Host for Wasm {
    type Value = JsValue;
    type Error = JsValue;

    fn fail(&self, error: &CoreError) -> JsValue {
        superconfig_js::errors::error_value(self, error).unwrap_or_else(|e| e)
    }

    fn classify(&self, value: &JsValue) -> Result<JsType, JsValue> {
        // Most frequent first: strings, numbers, objects.
        Ok(if let Some(s) = value.as_string() {
            JsType::String(s)
        } else if let Some(f) = value.as_f64() {
            JsType::Number(f)
        } else if value.is_object() {
            JsType::Object
        } else if let Some(b) = value.as_bool() {
            JsType::Bool(b)
        } else if value.is_null() {
            JsType::Null
        } else if value.is_undefined() {
            JsType::Undefined
        } else if value.is_bigint() {
            JsType::BigInt(i64::try_from(value.clone()).ok())
        } else if value.is_function() {
            JsType::Function
        } else if value.is_symbol() {
            JsType::Symbol
        } else {
            JsType::Other
        })
    }

    fn is_array(&self, value: &JsValue) -> Result<bool, JsValue> {
        outside(|| is_array(value))
    }

    fn is_binary(&self, value: &JsValue) -> Result<bool, JsValue> {
        outside(|| is_binary(value))
    }

    fn length(&self, array: &JsValue) -> Result<u32, JsValue> {
        let n = self.named(array, "length")?.as_f64().unwrap_or(0.0);
        // Arrays hold at most 2^32 − 1 items.
        Ok(if n.is_finite() && n > 0.0 {
            n as u32
        } else {
            0
        })
    }

    fn element(&self, array: &JsValue, index: u32) -> Result<JsValue, JsValue> {
        outside(|| Reflect::get_u32(array, index))
    }

    fn own_keys(&self, object: &JsValue) -> Result<Vec<(String, JsValue)>, JsValue> {
        let names = outside(|| object_keys(object))?;
        Ok(names
            .iter()
            .map(|key| (key.as_string().unwrap_or_default(), key))
            .collect())
    }

    fn property(&self, object: &JsValue, key: &JsValue) -> Result<JsValue, JsValue> {
        outside(|| Reflect::get(object, key))
    }

    fn named(&self, object: &JsValue, name: &str) -> Result<JsValue, JsValue> {
        self.property(object, &JsValue::from_str(name))
    }

    fn call(
        &self,
        function: &JsValue,
        this: &JsValue,
        args: &[JsValue],
    ) -> Result<JsValue, JsValue> {
        let function: &Function = function.unchecked_ref();
        outside(|| match args {
            [] => function.call0(this),
            [a] => function.call1(this, a),
            [a, b] => function.call2(this, a, b),
            _ => function.apply(this, &args.iter().collect::<JsArray>()),
        })
    }

    fn same(&self, a: &JsValue, b: &JsValue) -> bool {
        a == b
    }

    fn primitive_text(&self, value: &JsValue) -> Result<String, JsValue> {
        Ok(primitive_to_string(value))
    }

    fn json_text(&self, value: &JsValue) -> Result<Option<String>, JsValue> {
        outside(|| json_text(value))
    }

    fn env_text(&self, vars: &JsValue) -> Result<Option<String>, JsValue> {
        outside(|| env_text(vars))
    }

    fn undefined(&self) -> Result<JsValue, JsValue> {
        Ok(JsValue::UNDEFINED)
    }

    fn null(&self) -> Result<JsValue, JsValue> {
        Ok(JsValue::NULL)
    }

    fn boolean(&self, b: bool) -> Result<JsValue, JsValue> {
        Ok(JsValue::from_bool(b))
    }

    fn number(&self, f: f64) -> Result<JsValue, JsValue> {
        Ok(JsValue::from_f64(f))
    }

    fn bigint(&self, i: i64) -> Result<JsValue, JsValue> {
        Ok(JsValue::from(i))
    }

    fn string(&self, s: &str) -> Result<JsValue, JsValue> {
        Ok(JsValue::from_str(s))
    }

    fn array(&self, len: usize) -> Result<JsValue, JsValue> {
        Ok(JsArray::new_with_length(len as u32).into())
    }

    fn set_element(&self, array: &JsValue, index: u32, value: JsValue) -> Result<(), JsValue> {
        array.unchecked_ref::<JsArray>().set(index, value);
        Ok(())
    }

    fn object(&self) -> Result<JsValue, JsValue> {
        Ok(Object::new().into())
    }

    fn set_property(&self, object: &JsValue, key: &str, value: JsValue) -> Result<(), JsValue> {
        // Compared as Rust text: comparing the JS string would cost a call into JS per property.
        let proto = key == "__proto__";
        let key = JsValue::from_str(key);
        // On an object this crate created neither runs user code nor fails.
        if proto {
            let descriptor = Object::new();
            for (name, v) in [
                ("value", value),
                ("writable", JsValue::TRUE),
                ("enumerable", JsValue::TRUE),
                ("configurable", JsValue::TRUE),
            ] {
                Reflect::set(&descriptor, &JsValue::from_str(name), &v)?;
            }
            Reflect::define_property(object.unchecked_ref::<Object>(), &key, &descriptor)?;
        } else {
            Reflect::set(object, &key, &value)?;
        }
        Ok(())
    }

    fn json_parse(&self, text: &str) -> Result<Option<JsValue>, JsValue> {
        JSON::parse(text).map(Some)
    }

    fn error_object(&self, code: &str, message: &str) -> Result<JsValue, JsValue> {
        let error: JsValue = js_sys::Error::new(message).into();
        Reflect::set(&error, &JsValue::from_str("code"), &JsValue::from_str(code))?;
        Ok(error)
    }

    fn keep_logger(&self, logger: Option<&JsValue>) -> Result<(), JsValue> {
        let logger = logger.map(|f| f.clone().unchecked_into::<Function>());
        LOGGER.with(|l| *l.borrow_mut() = logger);
        Ok(())
    }

    fn logger(&self) -> Result<Option<JsValue>, JsValue> {
        Ok(LOGGER.with(|l| l.borrow().clone()).map(JsValue::from))
    }
}
