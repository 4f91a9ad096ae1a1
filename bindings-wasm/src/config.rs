//! The `SuperConfig` class: a JS object holding one core `superconfig::SuperConfig` (a registry
//! handle). Builder methods return a new object and leave this one valid.
//!
//! Freeing: `free()` frees the registry handle at once (the core's `SuperConfig::free`); any
//! later call on the object is the core's `InvalidHandle` error (docs/behaviour.md, "Handles":
//! never a crash). This
//! `free()` replaces the one wasm-bindgen generates (which would deallocate the Rust object and
//! leave later calls failing with "null pointer passed to rust"); the few bytes of the object
//! go when the garbage collector finalises the JS object, through wasm-bindgen's
//! `FinalizationRegistry`, which is also what frees a configuration that was never `free()`d.

use std::mem::ManuallyDrop;

use superconfig::{Error as CoreError, Format, SuperConfig as Core};
use wasm_bindgen::prelude::*;

use crate::conv;
use crate::error::{CoreResultExt, Entry, core_error, invalid_argument, usable};
use crate::{logger, options, records};

/// A layered configuration. Every builder method returns a new `SuperConfig`; the one it was
/// called on stays valid and unchanged. Call `free()` when done with one (or let the garbage
/// collector do it).
#[wasm_bindgen]
pub struct SuperConfig {
    /// Dropped by hand in `Drop`, or leaked after a trap.
    inner: ManuallyDrop<Core>,
}

impl Drop for SuperConfig {
    fn drop(&mut self) {
        // After a trap the registry may be mid-update (a lock held): leak rather than touch it.
        if usable() {
            // SAFETY: `inner` is dropped once, here, and the struct is never used again.
            unsafe { ManuallyDrop::drop(&mut self.inner) };
        }
    }
}

impl SuperConfig {
    fn wrap(inner: Core) -> SuperConfig {
        SuperConfig {
            inner: ManuallyDrop::new(inner),
        }
    }

    /// One builder step: run it, hand its log records to the logger, wrap the result.
    fn step(
        &self,
        f: impl FnOnce(&Core) -> superconfig::Result<Core>,
    ) -> Result<SuperConfig, JsValue> {
        let result = f(&self.inner);
        logger::flush()?;
        Ok(SuperConfig::wrap(result.js()?))
    }
}

#[wasm_bindgen]
impl SuperConfig {
    /// An empty configuration; `{ strict: true }` turns every warning into an error.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_optional_param_type = "ConfigOptions | null")] options: JsValue,
    ) -> Result<SuperConfig, JsValue> {
        let _entry = Entry::enter()?;
        let strict = options::strict(&options)?;
        Ok(SuperConfig::wrap(if strict {
            Core::strict()
        } else {
            Core::new()
        }))
    }

    // ----- layers ----------------------------------------------------------------------------

    /// Adds defaults given as a plain object.
    #[wasm_bindgen(js_name = withDefaults)]
    pub fn with_defaults(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DefaultsTable")] defaults: JsValue,
    ) -> Result<SuperConfig, JsValue> {
        let _entry = Entry::enter()?;
        let tree = conv::from_js(&defaults)?;
        self.step(move |c| c.with_defaults_owned(tree))
    }

    /// Adds a document given as text in `format` (`toml`, `yaml`, `json`, `env`): how the
    /// browser loads files. `name` is its source name (default `<string>`); with `profiles`
    /// its top-level keys are profile names.
    #[wasm_bindgen(js_name = withString)]
    pub fn with_string(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Format")] format: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "StringOptions | null")] options: JsValue,
    ) -> Result<SuperConfig, JsValue> {
        let _entry = Entry::enter()?;
        let text = conv::string(&text, "withString: the text")?;
        let format = options::format(&format)?;
        let options = options::string_options(&options)?;
        self.step(|c| c.with_string_opts(&text, format, &options))
    }

    /// The environment-variable rules over a given `{ NAME: value }` object: names starting
    /// with `prefix`, the rest split on `separator` (default `__`) into a key path.
    #[wasm_bindgen(js_name = withEnvMap)]
    pub fn with_env_map(
        &self,
        #[wasm_bindgen(unchecked_param_type = "EnvMap")] vars: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] prefix: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "EnvOptions | null")] options: JsValue,
    ) -> Result<SuperConfig, JsValue> {
        let _entry = Entry::enter()?;
        let vars = conv::env_map(&vars)?;
        let prefix = conv::string(&prefix, "withEnvMap: the prefix")?;
        let options = options::env_options(&options)?;
        self.step(|c| c.with_env_map_opts(vars, &prefix, &options))
    }

    /// Activates a profile; every layer is re-applied under it.
    #[wasm_bindgen(js_name = selectProfile)]
    pub fn select_profile(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] name: JsValue,
    ) -> Result<SuperConfig, JsValue> {
        let _entry = Entry::enter()?;
        let name = conv::string(&name, "selectProfile: the profile name")?;
        self.step(|c| c.select_profile(&name))
    }

    /// Drops warnings whose kind or message matches one of the wildcard patterns (`*`, `?`).
    #[wasm_bindgen(js_name = suppressWarnings)]
    pub fn suppress_warnings(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string[]")] patterns: JsValue,
    ) -> Result<SuperConfig, JsValue> {
        let _entry = Entry::enter()?;
        let patterns = conv::string_list(&patterns, "suppressWarnings: the patterns")?;
        self.step(|c| c.suppress_warnings(&patterns))
    }

    // ----- reading ---------------------------------------------------------------------------

    /// The value at `path` (a dotted string, or an array of segments for keys containing dots).
    /// Missing: `defaultValue` when one is given (not `undefined`), else a `KeyNotFound` error.
    #[wasm_bindgen(unchecked_return_type = "ConfigValue")]
    #[allow(non_snake_case)] // the parameter's name in the generated TypeScript
    pub fn get(
        &self,
        #[wasm_bindgen(unchecked_param_type = "KeyPath")] path: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "unknown")] defaultValue: JsValue,
    ) -> Result<JsValue, JsValue> {
        let _entry = Entry::enter()?;
        let path = conv::path(&path, false)?;
        let path = path.key_path();
        match self.inner.find_node(path).js()? {
            Some(node) => conv::to_js(&node),
            None if !defaultValue.is_undefined() => Ok(defaultValue),
            None => Err(core_error(&CoreError::key_not_found(&path.display()))),
        }
    }

    /// Whether a value (null included) is at `path`.
    pub fn has(
        &self,
        #[wasm_bindgen(unchecked_param_type = "KeyPath")] path: JsValue,
    ) -> Result<bool, JsValue> {
        let _entry = Entry::enter()?;
        let path = conv::path(&path, false)?;
        self.inner.has(path.key_path()).js()
    }

    /// The keys of the table at `path` (default: the root), in order.
    pub fn keys(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "KeyPath | null")] path: JsValue,
    ) -> Result<Vec<String>, JsValue> {
        let _entry = Entry::enter()?;
        let path = conv::path(&path, true)?;
        self.inner.keys(path.key_path()).js()
    }

    /// The subtree at `path` (default: the whole configuration) as plain JS values.
    #[wasm_bindgen(unchecked_return_type = "ConfigValue")]
    pub fn extract(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "KeyPath | null")] path: JsValue,
    ) -> Result<JsValue, JsValue> {
        let _entry = Entry::enter()?;
        let path = conv::path(&path, true)?;
        let node = self.inner.get_node(path.key_path()).js()?;
        conv::to_js(&node)
    }

    /// Where the value at `path` was set: `{ kind, name, line }`.
    #[wasm_bindgen(unchecked_return_type = "Source")]
    pub fn source(
        &self,
        #[wasm_bindgen(unchecked_param_type = "KeyPath")] path: JsValue,
    ) -> Result<JsValue, JsValue> {
        let _entry = Entry::enter()?;
        let path = conv::path(&path, false)?;
        let s = self.inner.source(path.key_path()).js()?;
        Ok(records::source(&s))
    }

    /// The value at `path` (secrets as `***`), where it was set, and what it overrode.
    #[wasm_bindgen(unchecked_return_type = "Explanation")]
    pub fn explain(
        &self,
        #[wasm_bindgen(unchecked_param_type = "KeyPath")] path: JsValue,
    ) -> Result<JsValue, JsValue> {
        let _entry = Entry::enter()?;
        let path = conv::path(&path, false)?;
        let x = self.inner.explain(path.key_path()).js()?;
        records::explanation(&x)
    }

    /// The merged configuration as `json` (default), `toml` or `yaml` text; secrets shown as
    /// `***` unless `redact` is `false`.
    pub fn dump(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "Format | null")] format: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "boolean | null")] redact: JsValue,
    ) -> Result<String, JsValue> {
        let _entry = Entry::enter()?;
        let format = if format.is_null_or_undefined() {
            Format::Json
        } else {
            options::format(&format)?
        };
        let redact = if redact.is_null_or_undefined() {
            true
        } else {
            redact
                .as_bool()
                .ok_or_else(|| invalid_argument("dump: redact must be a boolean"))?
        };
        self.inner.dump(format, redact).js()
    }

    /// Warnings in the order they arose (suppressed ones left out).
    #[wasm_bindgen(unchecked_return_type = "Warning[]")]
    pub fn warnings(&self) -> Result<JsValue, JsValue> {
        let _entry = Entry::enter()?;
        let all = self.inner.warnings().js()?;
        Ok(all
            .iter()
            .map(records::warning)
            .collect::<js_sys::Array>()
            .into())
    }

    /// Every layer with its status, in the order applied.
    #[wasm_bindgen(unchecked_return_type = "LayerInfo[]")]
    pub fn layers(&self) -> Result<JsValue, JsValue> {
        let _entry = Entry::enter()?;
        let all = self.inner.layers().js()?;
        Ok(all
            .iter()
            .map(records::layer)
            .collect::<js_sys::Array>()
            .into())
    }

    /// Profile names seen in profiled layers.
    pub fn profiles(&self) -> Result<Vec<String>, JsValue> {
        let _entry = Entry::enter()?;
        self.inner.profiles().js()
    }

    /// The active profile (`default` unless one was selected).
    #[wasm_bindgen(getter = activeProfile)]
    pub fn active_profile(&self) -> Result<String, JsValue> {
        let _entry = Entry::enter()?;
        self.inner.active_profile().js()
    }

    /// Whether this configuration is strict.
    #[wasm_bindgen(getter)]
    pub fn strict(&self) -> Result<bool, JsValue> {
        let _entry = Entry::enter()?;
        self.inner.is_strict().js()
    }

    /// The registry handle id (for diagnostics; still readable after `free()`).
    #[wasm_bindgen(getter)]
    pub fn handle(&self) -> f64 {
        self.inner.handle_id() as f64
    }

    /// Frees the registry handle now (idempotent). Every later call on this object is an
    /// `InvalidHandle` error. Without `free()`, the garbage collector frees it eventually.
    #[wasm_bindgen(js_name = free)]
    pub fn release(&self) -> Result<(), JsValue> {
        let _entry = Entry::enter()?;
        self.inner.free();
        Ok(())
    }

    /// `SuperConfig(handle=…, profile=…, layers=[…])` — never a value, so never a secret;
    /// `SuperConfig(handle=…, freed)` once freed.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_js_string(&self) -> Result<String, JsValue> {
        let _entry = Entry::enter()?;
        Ok(format!("{:?}", *self.inner))
    }
}
