//! Plain records the readers return: sources, explanations, warnings, layers.

use wasm_bindgen::prelude::*;

use crate::conv::{nullable, object, to_js};

/// `{ kind, name, line }`: where a value was set.
pub fn source(s: &superconfig::Source) -> JsValue {
    object(&[
        ("kind", JsValue::from_str(s.kind.as_str())),
        ("name", JsValue::from_str(&s.name)),
        (
            "line",
            s.line.map_or(JsValue::NULL, |n| f64::from(n).into()),
        ),
    ])
}

/// `{ value, source, overridden }`: the value (secrets as `***`), where it was set, and the
/// earlier sources it overrode, oldest first.
pub fn explanation(x: &superconfig::Explanation) -> Result<JsValue, JsValue> {
    let overridden: js_sys::Array = x.overridden.iter().map(source).collect();
    Ok(object(&[
        ("value", to_js(&x.value)?),
        ("source", source(&x.source)),
        ("overridden", overridden.into()),
    ]))
}

/// `{ kind, message, source, key }`.
pub fn warning(w: &superconfig::Warning) -> JsValue {
    object(&[
        ("kind", JsValue::from_str(w.kind.as_str())),
        ("message", JsValue::from_str(&w.message)),
        ("source", nullable(w.source.as_deref())),
        ("key", nullable(w.key.as_deref())),
    ])
}

/// `{ kind, name, status }`.
pub fn layer(l: &superconfig::LayerInfo) -> JsValue {
    object(&[
        ("kind", JsValue::from_str(l.kind.as_str())),
        ("name", JsValue::from_str(&l.name)),
        ("status", JsValue::from_str(l.status.as_str())),
    ])
}
