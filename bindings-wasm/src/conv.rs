//! Value conversion between JavaScript and the core's [`Node`] tree — the only place it happens.
//!
//! JS → core (`withDefaults`, [`from_js`]): `null` → null, booleans, numbers (a safe integer →
//! integer, any other number → float), `BigInt` (must fit i64, else a `ParseError` naming the
//! key), strings, arrays, plain objects (own enumerable string keys, in `Object.keys` order),
//! `Date` → its ISO 8601 string. An `undefined` property is left out (as `JSON.stringify` does);
//! `undefined` in an array is null. Functions, symbols, binary data and cycles are an
//! `InvalidArgument` error naming the key; nesting deeper than the core's
//! [`superconfig::formats::MAX_DEPTH`] is a `ParseError`, as in the core's own JSON conversion.
//! The same rules as the Node binding.
//!
//! core → JS ([`to_js`]): integers within ±(2^53 − 1) → number, beyond → `BigInt`; tables → plain
//! objects whose keys are own data properties (a key named `__proto__` stays a key). A container
//! without big integers or non-finite floats goes through one `JSON.parse` of the core's JSON
//! text, which builds the objects inside the JS engine far faster than one import call per
//! property (measured in the README); the others are built node by node.
//!
//! Every operation that can run the caller's code (getters, proxy traps, `toISOString`) goes
//! through an import declared `catch`, run [`outside`] the binding: an exception comes back as
//! a value and is rethrown as it is; nothing unwinds through Rust frames.

use std::sync::Arc;

use js_sys::{Array as JsArray, JSON, Object, Reflect};
use superconfig::formats::{MAX_DEPTH, MAX_SAFE_INTEGER, int_out_of_range, javascript_number};
use superconfig::{Array, Details, Error as CoreError, KeyPath, Node, SmolStr, Table, Value};
use wasm_bindgen::prelude::*;

use crate::error::{core_error, invalid_argument, outside};

/// Deepest tree [`to_js`] walks. The core's parsers stop at [`MAX_DEPTH`], and so do environment
/// variable names, but a JSON value in a variable nested that deep adds its own levels. Beyond
/// this an error, never a trap (the wasm stack is small).
const MAX_OUT_DEPTH: usize = 8 * MAX_DEPTH;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn object_keys(value: &JsValue) -> Result<JsArray, JsValue>;
    /// `String(value)`, only ever called on a number or a BigInt (no user code runs).
    #[wasm_bindgen(js_name = String)]
    fn primitive_to_string(value: &JsValue) -> String;
}

/// `obj[key]`, the caller's getters run outside the binding.
#[inline]
pub fn get(obj: &JsValue, key: &JsValue) -> Result<JsValue, JsValue> {
    outside(|| Reflect::get(obj, key))
}

fn length(obj: &JsValue) -> Result<u32, JsValue> {
    let n = get(obj, &JsValue::from_str("length"))?
        .as_f64()
        .unwrap_or(0.0);
    // Arrays hold at most 2^32 − 1 items.
    Ok(if n.is_finite() && n > 0.0 {
        n as u32
    } else {
        0
    })
}

/// Own enumerable string keys of `obj`, with the JS value of each key.
fn keys(obj: &JsValue) -> Result<Vec<(String, JsValue)>, JsValue> {
    let names = outside(|| object_keys(obj))?;
    let mut out = Vec::with_capacity(names.length() as usize);
    for key in names.iter() {
        out.push((key.as_string().unwrap_or_default(), key));
    }
    Ok(out)
}

// ----- JS → core ---------------------------------------------------------------------------------

// One call into the engine's own serializer beats one import call per property (defaults of the
// bench fixture: 22 → 13 µs in Node 20). The helper gives up (`undefined`) on anything the text
// would not carry exactly; the walker below then converts the value and names any problem. The
// same replacer as the Node binding's (`bindings-node/src/conv/json.rs`).
#[wasm_bindgen(inline_js = r#"
const FALLBACK = {};
const { stringify } = JSON;
const { getPrototypeOf } = Object;
const objectProto = Object.prototype;
const arrayProto = Array.prototype;
function replacer(key, value) {
  switch (typeof value) {
    case 'string': case 'boolean': case 'undefined': return value;
    case 'number': if (value - value === 0) return value; throw FALLBACK;
    case 'object': {
      if (value === null) return value;
      const proto = getPrototypeOf(value);
      if (proto === objectProto || proto === arrayProto || proto === null) return value;
      throw FALLBACK;
    }
    default: throw FALLBACK;
  }
}
export function isArrayBuffer(value) {
  return value instanceof ArrayBuffer;
}
export function jsonText(value) {
  try {
    return stringify(value, replacer);
  } catch (e) {
    if (e === FALLBACK || e instanceof TypeError || e instanceof RangeError) return undefined;
    throw e;
  }
}
"#)]
extern "C" {
    /// `value instanceof ArrayBuffer`; a proxy's `getPrototypeOf` trap may throw, which comes
    /// back as the error.
    #[wasm_bindgen(catch, js_name = isArrayBuffer)]
    fn is_array_buffer(value: &JsValue) -> Result<bool, JsValue>;
    /// `JSON.stringify(value)` when that is exact, else `undefined`; an exception from the
    /// caller's getters or proxy traps comes back as the error.
    #[wasm_bindgen(catch, js_name = jsonText)]
    fn json_text(value: &JsValue) -> Result<Option<String>, JsValue>;
}

/// Converts a JS value into a tree (see the module docs).
pub fn from_js(value: &JsValue) -> Result<Node, JsValue> {
    // Too deep for the core, or not JSON text: the walker names the error.
    if let Some(node) = outside(|| json_text(value))?
        .and_then(|text| superconfig::formats::from_javascript_json(&text).ok())
    {
        return Ok(node);
    }
    let mut walker = Walker {
        path: Vec::new(),
        ancestors: Vec::new(),
    };
    walker
        .convert(value)?
        .ok_or_else(|| invalid_argument("expected a value, got undefined"))
}

struct Walker {
    path: Vec<String>,
    ancestors: Vec<JsValue>,
}

impl Walker {
    fn key(&self) -> String {
        self.path.join(".")
    }

    fn at(&self) -> String {
        if self.path.is_empty() {
            String::from("the top level")
        } else {
            format!("'{}'", self.key())
        }
    }

    fn invalid(&self, what: &str) -> JsValue {
        let mut details = Details::new(format!("unsupported value at {}: {what}", self.at()));
        if !self.path.is_empty() {
            details = details.key(self.key());
        }
        core_error(&CoreError::InvalidArgument(details))
    }

    fn too_deep(&self, value: &JsValue) -> JsValue {
        let chain: Vec<&JsValue> = self.ancestors.iter().chain([value]).collect();
        let closes = (1..chain.len()).find(|&j| chain[..j].iter().any(|a| a == &chain[j]));
        if let Some(j) = closes {
            let key = self.path[..j.min(self.path.len())].join(".");
            return core_error(&superconfig::formats::cycle_error(&key));
        }
        core_error(&superconfig::formats::too_deep_at(&self.key()))
    }

    fn convert(&mut self, value: &JsValue) -> Result<Option<Node>, JsValue> {
        if self.ancestors.len() > MAX_DEPTH {
            return Err(self.too_deep(value));
        }
        // Most frequent first: strings, numbers, objects.
        let v = if let Some(s) = value.as_string() {
            Value::String(SmolStr::new(s))
        } else if let Some(f) = value.as_f64() {
            javascript_number(f)
        } else if value.is_object() {
            // As `JSON.stringify` (and the Node binding): what `toJSON` returns stands for the
            // object (a `Date` gives its ISO string, or null when invalid); that result's own
            // `toJSON` is not applied again.
            return match self.json_replacement(value)? {
                Some(replaced) if replaced.is_object() => self.object(&replaced).map(Some),
                Some(replaced) => self.convert(&replaced),
                None => self.object(value).map(Some),
            };
        } else if let Some(b) = value.as_bool() {
            Value::Bool(b)
        } else if value.is_null() {
            Value::Null
        } else if value.is_undefined() {
            return Ok(None);
        } else if value.is_bigint() {
            match i64::try_from(value.clone()) {
                Ok(i) => Value::Int(i),
                Err(_) => return Err(core_error(&int_out_of_range(&self.key(), None, None))),
            }
        } else if value.is_function() {
            return Err(self.invalid("a function"));
        } else if value.is_symbol() {
            return Err(self.invalid("a symbol"));
        } else {
            return Err(self.invalid("a value of an unsupported type"));
        };
        Ok(Some(Node::new(v)))
    }

    /// The result of `value.toJSON(key)` when `value` has such a method.
    fn json_replacement(&self, value: &JsValue) -> Result<Option<JsValue>, JsValue> {
        let method = get(value, &JsValue::from_str("toJSON"))?;
        let Some(f) = method.dyn_ref::<js_sys::Function>() else {
            return Ok(None);
        };
        let key = JsValue::from_str(self.path.last().map_or("", String::as_str));
        outside(|| f.call1(value, &key)).map(Some)
    }

    fn object(&mut self, value: &JsValue) -> Result<Node, JsValue> {
        if js_sys::ArrayBuffer::is_view(value) || outside(|| is_array_buffer(value))? {
            return Err(self.invalid("binary data (typed array or ArrayBuffer)"));
        }
        self.ancestors.push(value.clone());
        let node = if outside(|| is_array(value))? {
            self.array(value)
        } else {
            self.table(value)
        };
        self.ancestors.pop();
        node
    }

    fn array(&mut self, value: &JsValue) -> Result<Node, JsValue> {
        let len = length(value)?;
        let mut items = Vec::with_capacity(len.min(1 << 16) as usize);
        for i in 0..len {
            let item = outside(|| Reflect::get_u32(value, i))?;
            self.path.push(i.to_string());
            let node = self
                .convert(&item)?
                .unwrap_or_else(|| Node::new(Value::Null));
            self.path.pop();
            items.push(node);
        }
        Ok(Node::new(Value::Array(Arc::new(Array::new(items)))))
    }

    fn table(&mut self, value: &JsValue) -> Result<Node, JsValue> {
        let keys = keys(value)?;
        let mut table = Table::with_capacity(keys.len());
        for (name, key) in keys {
            let item = get(value, &key)?;
            self.path.push(name);
            let node = self.convert(&item)?;
            let name = self.path.pop().unwrap_or_default();
            if let Some(node) = node {
                table.insert(name, node);
            }
        }
        Ok(Node::new(Value::Table(Arc::new(table))))
    }
}

// ----- core → JS ---------------------------------------------------------------------------------

/// Converts a tree into fresh JS values (see the module docs).
pub fn to_js(node: &Node) -> Result<JsValue, JsValue> {
    to_js_at(node, 0)
}

/// A scalar as a JS value; `None` for containers.
#[inline]
pub fn scalar(value: &Value) -> Option<JsValue> {
    Some(match value {
        Value::Null => JsValue::NULL,
        Value::Bool(b) => JsValue::from_bool(*b),
        Value::Int(i) if (-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(i) => {
            JsValue::from_f64(*i as f64)
        }
        Value::Int(i) => JsValue::from(*i),
        Value::Float(f) => JsValue::from_f64(*f),
        Value::String(s) => JsValue::from_str(s),
        Value::Array(_) | Value::Table(_) => return None,
    })
}

fn to_js_at(node: &Node, depth: usize) -> Result<JsValue, JsValue> {
    if let Some(v) = scalar(&node.value) {
        return Ok(v);
    }
    if depth > MAX_OUT_DEPTH {
        return Err(core_error(&CoreError::InvalidArgument(Details::new(
            format!("the value is nested deeper than {MAX_OUT_DEPTH} levels"),
        ))));
    }
    if json_exact(node, depth) {
        return via_json(node);
    }
    match &node.value {
        Value::Array(items) => {
            let out = JsArray::new_with_length(items.len() as u32);
            for (i, item) in items.iter().enumerate() {
                out.set(i as u32, to_js_at(item, depth + 1)?);
            }
            Ok(out.into())
        }
        Value::Table(table) => {
            let out = Object::new();
            for (key, item) in table.iter() {
                set(&out, key, &to_js_at(item, depth + 1)?);
            }
            Ok(out.into())
        }
        _ => Ok(JsValue::NULL),
    }
}

/// Whether `JSON.parse` of the tree's JSON text gives exactly what the walk would: no integer
/// beyond ±(2^53 − 1) (JSON.parse would round it) and no non-finite float (not JSON).
fn json_exact(node: &Node, depth: usize) -> bool {
    match &node.value {
        Value::Int(i) => (-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(i),
        Value::Float(f) => f.is_finite(),
        Value::Array(items) => {
            depth < MAX_OUT_DEPTH && items.iter().all(|n| json_exact(n, depth + 1))
        }
        Value::Table(t) => depth < MAX_OUT_DEPTH && t.iter().all(|(_, n)| json_exact(n, depth + 1)),
        _ => true,
    }
}

fn via_json(node: &Node) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(node)
        .map_err(|e| invalid_argument(format!("cannot convert the value: {e}")))?;
    JSON::parse(&text)
}

/// Sets an own data property on a fresh object (`__proto__` included, as a plain key).
pub fn set(obj: &Object, key: &str, value: &JsValue) {
    // Compared as Rust text: comparing the JS string would cost a call into JS per property.
    let proto = key == "__proto__";
    let key = JsValue::from_str(key);
    // On a fresh plain object neither runs user code nor fails.
    if proto {
        let descriptor = Object::new();
        for (name, v) in [
            ("value", value.clone()),
            ("writable", JsValue::TRUE),
            ("enumerable", JsValue::TRUE),
            ("configurable", JsValue::TRUE),
        ] {
            let _ = Reflect::set(&descriptor, &JsValue::from_str(name), &v);
        }
        let _ = Reflect::define_property(obj, &key, &descriptor);
    } else {
        let _ = Reflect::set(obj, &key, value);
    }
}

/// A plain object from `(name, value)` pairs (records, statistics).
pub fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let out = Object::new();
    for (name, value) in fields {
        set(&out, name, value);
    }
    out.into()
}

/// An optional string as a JS string or `null`.
pub fn nullable(s: Option<&str>) -> JsValue {
    s.map_or(JsValue::NULL, JsValue::from_str)
}

// ----- arguments ---------------------------------------------------------------------------------

/// A key path argument: a dotted string, read by the core's own `KeyPath for str` (`""` is the
/// root), or an array of segments for keys containing dots.
pub enum PathArg {
    Dotted(String),
    Segments(Vec<String>),
}

impl PathArg {
    /// The path as the core reads it.
    pub fn key_path(&self) -> &dyn KeyPath {
        match self {
            PathArg::Dotted(s) => s,
            PathArg::Segments(v) => v,
        }
    }
}

/// Reads a key path; `undefined`/`null` is the root when `optional`.
pub fn path(value: &JsValue, optional: bool) -> Result<PathArg, JsValue> {
    if let Some(s) = value.as_string() {
        return Ok(PathArg::Dotted(s));
    }
    if optional && value.is_null_or_undefined() {
        return Ok(PathArg::Segments(Vec::new()));
    }
    let bad = || {
        invalid_argument(
            "a key path is a dotted string or an array of segments (strings or integers)",
        )
    };
    if !value.is_object() || !outside(|| is_array(value))? {
        return Err(bad());
    }
    let len = length(value)?;
    let mut segments = Vec::with_capacity(len.min(1 << 10) as usize);
    for i in 0..len {
        let item = outside(|| Reflect::get_u32(value, i))?;
        if let Some(s) = item.as_string() {
            segments.push(s);
        } else if let Some(n) = item.as_f64() {
            segments
                .push(superconfig::number_segment(n).map_err(|e| crate::error::core_error(&e))?);
        } else {
            return Err(bad());
        }
    }
    Ok(PathArg::Segments(segments))
}

/// A string argument; `what` names it in the error.
pub fn string(value: &JsValue, what: &str) -> Result<String, JsValue> {
    value
        .as_string()
        .ok_or_else(|| invalid_argument(format!("{what} must be a string")))
}

/// An array of strings (`suppressWarnings` patterns).
pub fn string_list(value: &JsValue, what: &str) -> Result<Vec<String>, JsValue> {
    let bad = || invalid_argument(format!("{what} must be an array of strings"));
    if !value.is_object() || !outside(|| is_array(value))? {
        return Err(bad());
    }
    let len = length(value)?;
    let mut out = Vec::with_capacity(len.min(1 << 10) as usize);
    for i in 0..len {
        out.push(
            outside(|| Reflect::get_u32(value, i))?
                .as_string()
                .ok_or_else(bad)?,
        );
    }
    Ok(out)
}

/// A `{ NAME: value }` object as variable pairs. Strings pass as they are; numbers, booleans and
/// BigInts become their string form (an environment only holds text); `undefined` is left out;
/// anything else is an `InvalidArgument` error naming the variable. The core applies the rules.
pub fn env_map(value: &JsValue) -> Result<Vec<(String, String)>, JsValue> {
    if !value.is_object() || outside(|| is_array(value))? {
        return Err(invalid_argument(
            "the environment map must be an object of NAME: value",
        ));
    }
    let keys = keys(value)?;
    let mut vars = Vec::with_capacity(keys.len());
    for (name, key) in keys {
        let item = get(value, &key)?;
        let text = if let Some(s) = item.as_string() {
            s
        } else if let Some(b) = item.as_bool() {
            b.to_string()
        } else if item.as_f64().is_some() || item.is_bigint() {
            primitive_to_string(&item)
        } else if item.is_undefined() {
            continue;
        } else {
            return Err(invalid_argument(format!(
                "environment variable {name}: the value must be a string"
            )));
        };
        vars.push((name, text));
    }
    Ok(vars)
}
