//! Arguments: key paths, strings, string lists, booleans, formats and environment maps. An
//! argument of the wrong type is an `InvalidArgument` error naming it (docs/behaviour.md,
//! "Errors and warnings").

use superconfig::{Format, KeyPath};

use crate::errors::{core, invalid};
use crate::host::{Host, JsType};

/// A key path argument: a dotted string, read by the core's own `KeyPath for str` (`""` is the
/// root), or an array of segments (strings, or integers the core accepts) for keys containing
/// dots.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathArg {
    Dotted(String),
    Segments(Vec<String>),
}

impl Default for PathArg {
    /// The root.
    fn default() -> Self {
        PathArg::Dotted(String::new())
    }
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

const PATH_TYPE: &str =
    "a key path is a dotted string or an array of segments (strings or integers)";

/// Reads a key path; `undefined` and `null` are the root when `optional`.
pub fn path<H: Host>(host: &H, value: &H::Value, optional: bool) -> Result<PathArg, H::Error> {
    match host.classify(value)? {
        JsType::String(s) => Ok(PathArg::Dotted(s)),
        JsType::Undefined | JsType::Null if optional => Ok(PathArg::default()),
        JsType::Object if host.is_array(value)? => {
            let len = host.length(value)?;
            let mut segments = Vec::with_capacity(len.min(1 << 10) as usize);
            for i in 0..len {
                match host.classify(&host.element(value, i)?)? {
                    JsType::String(s) => segments.push(s),
                    // The core decides which numbers are segments (docs/behaviour.md, "Reading").
                    JsType::Number(n) => segments.push(core(host, superconfig::number_segment(n))?),
                    _ => return Err(invalid(host, PATH_TYPE)),
                }
            }
            Ok(PathArg::Segments(segments))
        }
        _ => Err(invalid(host, PATH_TYPE)),
    }
}

/// A string argument; `what` names it in the error.
pub fn string<H: Host>(host: &H, value: &H::Value, what: &str) -> Result<String, H::Error> {
    match host.classify(value)? {
        JsType::String(s) => Ok(s),
        _ => Err(invalid(host, format!("{what} must be a string"))),
    }
}

/// An optional boolean argument (`undefined`/`null`: `None`).
pub fn optional_bool<H: Host>(
    host: &H,
    value: &H::Value,
    what: &str,
) -> Result<Option<bool>, H::Error> {
    match host.classify(value)? {
        JsType::Bool(b) => Ok(Some(b)),
        JsType::Undefined | JsType::Null => Ok(None),
        _ => Err(invalid(host, format!("{what} must be a boolean"))),
    }
}

/// An array of strings; `what` names it in the error.
pub fn string_list<H: Host>(
    host: &H,
    value: &H::Value,
    what: &str,
) -> Result<Vec<String>, H::Error> {
    let bad = || invalid(host, format!("{what} must be an array of strings"));
    if host.classify(value)? != JsType::Object || !host.is_array(value)? {
        return Err(bad());
    }
    let len = host.length(value)?;
    let mut out = Vec::with_capacity(len.min(1 << 10) as usize);
    for i in 0..len {
        match host.classify(&host.element(value, i)?)? {
            JsType::String(s) => out.push(s),
            _ => return Err(bad()),
        }
    }
    Ok(out)
}

/// A format name, parsed by the core (an unknown name is its `InvalidArgument`).
pub fn format<H: Host>(host: &H, value: &H::Value) -> Result<Format, H::Error> {
    let name = string(host, value, "the format")?;
    core(host, name.parse::<Format>())
}

/// An optional format (`undefined`/`null`: `None`).
pub fn optional_format<H: Host>(host: &H, value: &H::Value) -> Result<Option<Format>, H::Error> {
    match host.classify(value)? {
        JsType::Undefined | JsType::Null => Ok(None),
        _ => format(host, value).map(Some),
    }
}

/// A `{ NAME: value }` object as variable pairs. Strings pass as they are; numbers, booleans and
/// BigInts become their string form (an environment only holds text); `undefined` is left out;
/// anything else is an `InvalidArgument` error naming the variable. The core applies the rules.
pub fn env_map<H: Host>(host: &H, value: &H::Value) -> Result<Vec<(String, String)>, H::Error> {
    if host.classify(value)? != JsType::Object || host.is_array(value)? {
        return Err(invalid(
            host,
            "the environment map must be an object of NAME: value",
        ));
    }
    // All strings: one call builds the whole map.
    if let Some(text) = host.env_text(value)? {
        let mut parts = text.split('\0');
        let mut vars = Vec::new();
        while let (Some(name), Some(value)) = (parts.next(), parts.next()) {
            vars.push((name.to_string(), value.to_string()));
        }
        return Ok(vars);
    }
    let keys = host.own_keys(value)?;
    let mut vars = Vec::with_capacity(keys.len());
    for (name, key) in keys {
        let item = host.property(value, &key)?;
        let text = match host.classify(&item)? {
            JsType::Undefined => continue,
            JsType::String(s) => s,
            JsType::Bool(_) | JsType::Number(_) | JsType::BigInt(_) => {
                host.primitive_text(&item)?
            }
            _ => {
                return Err(invalid(
                    host,
                    format!("environment variable {name}: the value must be a string"),
                ));
            }
        };
        vars.push((name, text));
    }
    Ok(vars)
}
