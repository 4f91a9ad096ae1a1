//! The `SuperConfig` class: a JS object holding one core `superconfig::SuperConfig` (a registry
//! handle). Builder methods return a new object and leave this one valid.
//!
//! Freeing: `free()` drops the core object at once, whose `Drop` frees the registry handle; the
//! JS object then holds an empty slot, and any later call on it is an `InvalidHandle` error (SPEC
//! §8: never a crash). This `free()` replaces the one wasm-bindgen generates (which would
//! deallocate the Rust object and leave later calls failing with "null pointer passed to rust");
//! the few bytes of the empty slot go when the garbage collector finalises the JS object, through
//! wasm-bindgen's `FinalizationRegistry`, which is also what frees a configuration that was never
//! `free()`d.

use std::cell::{Ref, RefCell};

use superconfig::{Details, Error as CoreError, Format, SuperConfig as Core};
use wasm_bindgen::prelude::*;

use crate::conv;
use crate::error::{CoreResultExt, Entry, core_error, invalid_argument, usable};
use crate::{logger, options, records};

/// A layered configuration. Every builder method returns a new `SuperConfig`; the one it was
/// called on stays valid and unchanged. Call `free()` when done with one (or let the garbage
/// collector do it).
#[wasm_bindgen]
pub struct SuperConfig {
    /// `None` once freed.
    inner: RefCell<Option<Core>>,
    /// The registry handle id, kept for messages after the handle is freed.
    id: u64,
}

impl Drop for SuperConfig {
    fn drop(&mut self) {
        let core = self.inner.get_mut().take();
        // After a trap the registry may be mid-update (a lock held): leak rather than touch it.
        if !usable() {
            std::mem::forget(core);
        }
    }
}

impl SuperConfig {
    fn wrap(inner: Core) -> SuperConfig {
        SuperConfig {
            id: inner.handle_id(),
            inner: RefCell::new(Some(inner)),
        }
    }

    /// The core object; `InvalidHandle` once freed.
    #[inline]
    fn core(&self) -> Result<Ref<'_, Core>, JsValue> {
        self.inner
            .try_borrow()
            .ok()
            .and_then(|r| Ref::filter_map(r, Option::as_ref).ok())
            .ok_or_else(|| {
                core_error(&CoreError::InvalidHandle(Details::new(format!(
                    "handle {} was freed (free() was called on this SuperConfig)",
                    self.id
                ))))
            })
    }

    /// One builder step: run it, hand its log records to the logger, wrap the result.
    fn step(
        &self,
        f: impl FnOnce(&Core) -> superconfig::Result<Core>,
    ) -> Result<SuperConfig, JsValue> {
        let result = f(&*self.core()?);
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
        let found = self.core()?.get_node(path.key_path());
        match found {
            Ok(node) => conv::to_js(&node),
            Err(CoreError::KeyNotFound(_)) if !defaultValue.is_undefined() => Ok(defaultValue),
            Err(e) => Err(core_error(&e)),
        }
    }

    /// Whether a value (null included) is at `path`.
    pub fn has(
        &self,
        #[wasm_bindgen(unchecked_param_type = "KeyPath")] path: JsValue,
    ) -> Result<bool, JsValue> {
        let _entry = Entry::enter()?;
        let path = conv::path(&path, false)?;
        self.core()?.has(path.key_path()).js()
    }

    /// The keys of the table at `path` (default: the root), in order.
    pub fn keys(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "KeyPath | null")] path: JsValue,
    ) -> Result<Vec<String>, JsValue> {
        let _entry = Entry::enter()?;
        let path = conv::path(&path, true)?;
        self.core()?.keys(path.key_path()).js()
    }

    /// The subtree at `path` (default: the whole configuration) as plain JS values.
    #[wasm_bindgen(unchecked_return_type = "ConfigValue")]
    pub fn extract(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "KeyPath | null")] path: JsValue,
    ) -> Result<JsValue, JsValue> {
        let _entry = Entry::enter()?;
        let path = conv::path(&path, true)?;
        let node = self.core()?.get_node(path.key_path()).js()?;
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
        let s = self.core()?.source(path.key_path()).js()?;
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
        let x = self.core()?.explain(path.key_path()).js()?;
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
        self.core()?.dump(format, redact).js()
    }

    /// Warnings in the order they arose (suppressed ones left out).
    #[wasm_bindgen(unchecked_return_type = "Warning[]")]
    pub fn warnings(&self) -> Result<JsValue, JsValue> {
        let _entry = Entry::enter()?;
        let all = self.core()?.warnings().js()?;
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
        let all = self.core()?.layers().js()?;
        Ok(all
            .iter()
            .map(records::layer)
            .collect::<js_sys::Array>()
            .into())
    }

    /// Profile names seen in profiled layers.
    pub fn profiles(&self) -> Result<Vec<String>, JsValue> {
        let _entry = Entry::enter()?;
        self.core()?.profiles().js()
    }

    /// The active profile (`default` unless one was selected).
    #[wasm_bindgen(getter = activeProfile)]
    pub fn active_profile(&self) -> Result<String, JsValue> {
        let _entry = Entry::enter()?;
        self.core()?.active_profile().js()
    }

    /// Whether this configuration is strict.
    #[wasm_bindgen(getter)]
    pub fn strict(&self) -> Result<bool, JsValue> {
        let _entry = Entry::enter()?;
        self.core()?.is_strict().js()
    }

    /// The registry handle id (for diagnostics; still readable after `free()`).
    #[wasm_bindgen(getter)]
    pub fn handle(&self) -> f64 {
        self.id as f64
    }

    /// Frees the registry handle now (idempotent). Every later call on this object is an
    /// `InvalidHandle` error. Without `free()`, the garbage collector frees it eventually.
    #[wasm_bindgen(js_name = free)]
    pub fn release(&self) -> Result<(), JsValue> {
        let _entry = Entry::enter()?;
        let mut slot = self.inner.try_borrow_mut().map_err(|_| {
            invalid_argument("free() cannot run while a method of the same SuperConfig is running")
        })?;
        drop(slot.take());
        Ok(())
    }

    /// `SuperConfig(handle=…, profile=…, layers=[…])` — never a value, so never a secret.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_js_string(&self) -> Result<String, JsValue> {
        let _entry = Entry::enter()?;
        Ok(format!("{:?}", *self.core()?))
    }
}
