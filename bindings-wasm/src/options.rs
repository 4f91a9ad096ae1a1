//! Option objects of the constructor and the builder methods (camelCase in JS) and their core
//! counterparts. An absent option (`undefined`) takes its default; an option of the wrong type is
//! an `InvalidArgument` error naming it; unknown options are ignored.

use superconfig::{Format, StringOptions as CoreStringOptions};
use wasm_bindgen::prelude::*;

use crate::conv::get;
use crate::error::{CoreResultExt, invalid_argument};

/// Reads an options object; `undefined` and `null` mean "all defaults".
struct Options<'a> {
    object: Option<&'a JsValue>,
    what: &'static str,
}

impl<'a> Options<'a> {
    fn new(value: &'a JsValue, what: &'static str) -> Result<Self, JsValue> {
        if value.is_null_or_undefined() {
            return Ok(Options { object: None, what });
        }
        if !value.is_object() {
            return Err(invalid_argument(format!("{what} must be an object")));
        }
        Ok(Options {
            object: Some(value),
            what,
        })
    }

    fn field(&self, name: &str) -> Result<Option<JsValue>, JsValue> {
        let Some(object) = self.object else {
            return Ok(None);
        };
        let value = get(object, &JsValue::from_str(name))?;
        Ok((!value.is_undefined()).then_some(value))
    }

    fn bool(&self, name: &str) -> Result<Option<bool>, JsValue> {
        self.field(name)?
            .map(|v| {
                v.as_bool().ok_or_else(|| {
                    invalid_argument(format!("{}: '{name}' must be a boolean", self.what))
                })
            })
            .transpose()
    }

    fn string(&self, name: &str) -> Result<Option<String>, JsValue> {
        self.field(name)?
            .map(|v| {
                v.as_string().ok_or_else(|| {
                    invalid_argument(format!("{}: '{name}' must be a string", self.what))
                })
            })
            .transpose()
    }
}

/// `new SuperConfig({ strict })`: whether the configuration is strict.
pub fn strict(options: &JsValue) -> Result<bool, JsValue> {
    Ok(Options::new(options, "SuperConfig options")?
        .bool("strict")?
        .unwrap_or(false))
}

/// `withString(text, format, { name, profiles })`.
pub fn string_options(options: &JsValue) -> Result<CoreStringOptions, JsValue> {
    let o = Options::new(options, "withString options")?;
    Ok(CoreStringOptions {
        name: o.string("name")?,
        profiles: o.bool("profiles")?.unwrap_or(false),
    })
}

/// `withEnvMap(vars, prefix, { separator, ignoreEmpty })`.
pub fn env_options(options: &JsValue) -> Result<superconfig::EnvOptions, JsValue> {
    let o = Options::new(options, "withEnvMap options")?;
    let mut out = superconfig::EnvOptions::default();
    if let Some(separator) = o.string("separator")? {
        out.separator = separator;
    }
    out.ignore_empty = o.bool("ignoreEmpty")?.unwrap_or(false);
    Ok(out)
}

/// A format name, parsed by the core (an unknown name is its `InvalidArgument`).
pub fn format(value: &JsValue) -> Result<Format, JsValue> {
    let name = value
        .as_string()
        .ok_or_else(|| invalid_argument("the format must be a string (toml, yaml, json, env)"))?;
    name.parse::<Format>().js()
}
