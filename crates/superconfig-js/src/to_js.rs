//! core tree → fresh JS values.
//!
//! Integers within ±(2^53 − 1) → number, beyond → `BigInt`; floats → number (non-finite ones
//! too); tables → plain objects whose keys are own data properties (a key named `__proto__`
//! stays a key). A container that [`exact`] accepts goes through one `JSON.parse` of the core's
//! JSON text, which builds the objects inside the engine far faster than one call per property;
//! the others are built value by value. A tree deeper than [`MAX_OUT_DEPTH`] is an
//! `InvalidArgument` error, never a stack overflow.

use superconfig::formats::{MAX_DEPTH, MAX_SAFE_INTEGER};
use superconfig::{Details, Error as CoreError, Node, Value};

use crate::host::Host;

/// Deepest tree converted. The core's parsers stop at [`MAX_DEPTH`], and so do environment
/// variable names, but a JSON value in a variable nested that deep adds its own levels.
pub const MAX_OUT_DEPTH: usize = 8 * MAX_DEPTH;

/// Whether `JSON.parse` of the tree's JSON text gives exactly the values the value-by-value
/// conversion would: no integer beyond ±(2^53 − 1) (it must become a BigInt), no non-finite
/// float (not JSON), and no deeper than [`MAX_OUT_DEPTH`] counting from `depth`.
pub fn exact(node: &Node, depth: usize) -> bool {
    match &node.value {
        Value::Int(i) => (-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(i),
        Value::Float(f) => f.is_finite(),
        Value::Array(items) => depth < MAX_OUT_DEPTH && items.iter().all(|n| exact(n, depth + 1)),
        Value::Table(t) => depth < MAX_OUT_DEPTH && t.iter().all(|(_, n)| exact(n, depth + 1)),
        _ => true,
    }
}

/// Converts a tree into a fresh JS value.
#[inline]
pub fn to_js<H: Host>(host: &H, node: &Node) -> Result<H::Value, H::Error> {
    to_js_at(host, node, 0)
}

/// A scalar as a JS value; `None` for containers.
#[inline]
pub fn scalar<H: Host>(host: &H, value: &Value) -> Option<Result<H::Value, H::Error>> {
    Some(match value {
        Value::Null => host.null(),
        Value::Bool(b) => host.boolean(*b),
        Value::Int(i) if (-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(i) => host.safe_int(*i),
        Value::Int(i) => host.bigint(*i),
        Value::Float(f) => host.number(*f),
        Value::String(s) => host.string(s),
        Value::Array(_) | Value::Table(_) => return None,
    })
}

/// The JSON text of a tree `exact` accepts: serde_json's where speed matters more than size
/// (Node), else the core's (the browser build); the same text either way.
#[cfg(feature = "serde-json-text")]
fn json_text(node: &Node) -> String {
    serde_json::to_string(node).unwrap_or_else(|_| superconfig::json_text(node))
}

#[cfg(not(feature = "serde-json-text"))]
fn json_text(node: &Node) -> String {
    superconfig::json_text(node)
}

fn to_js_at<H: Host>(host: &H, node: &Node, depth: usize) -> Result<H::Value, H::Error> {
    if let Some(v) = scalar(host, &node.value) {
        return v;
    }
    if depth > MAX_OUT_DEPTH {
        return Err(host.fail(&CoreError::InvalidArgument(Details::new(format!(
            "the value is nested deeper than {MAX_OUT_DEPTH} levels"
        )))));
    }
    // The core's JSON text of a tree `exact` accepts (finite floats, safe integers).
    if exact(node, depth)
        && let Some(value) = host.json_parse(&json_text(node))?
    {
        return Ok(value);
    }
    match &node.value {
        Value::Array(items) => {
            let out = host.array(items.len())?;
            for (i, item) in items.iter().enumerate() {
                let value = to_js_at(host, item, depth + 1)?;
                host.set_element(&out, i as u32, value)?;
            }
            Ok(out)
        }
        Value::Table(table) => {
            let out = host.object()?;
            for (key, item) in table.iter() {
                let value = to_js_at(host, item, depth + 1)?;
                host.set_property(&out, key, value)?;
            }
            Ok(out)
        }
        _ => host.null(),
    }
}
