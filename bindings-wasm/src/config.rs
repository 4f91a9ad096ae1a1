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

use superconfig::SuperConfig as Core;
use superconfig_js::ops;
use wasm_bindgen::prelude::*;

use crate::entry::call;
use crate::host::Wasm;
use crate::state::usable;

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
            crate::subscribers::forget(self.inner.handle_id());
            // SAFETY: `inner` is dropped once, here, and the struct is never used again.
            unsafe { ManuallyDrop::drop(&mut self.inner) };
        }
    }
}

impl SuperConfig {
    /// The core object.
    pub(crate) fn core(&self) -> &Core {
        &self.inner
    }

    fn wrap(inner: Core) -> SuperConfig {
        SuperConfig {
            inner: ManuallyDrop::new(inner),
        }
    }

    /// A builder method: the new core object, wrapped.
    #[inline]
    pub(crate) fn build(
        &self,
        f: impl FnOnce(&Wasm, &Core) -> Result<Core, JsValue>,
    ) -> Result<SuperConfig, JsValue> {
        call(|h| f(h, &self.inner)).map(SuperConfig::wrap)
    }

    /// A reader.
    #[inline]
    pub(crate) fn read<T>(
        &self,
        f: impl FnOnce(&Wasm, &Core) -> Result<T, JsValue>,
    ) -> Result<T, JsValue> {
        call(|h| f(h, &self.inner))
    }
}

#[wasm_bindgen]
impl SuperConfig {
    /// An empty configuration; `{ strict: true }` turns every warning into an error.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_optional_param_type = "ConfigOptions | null")] options: JsValue,
    ) -> Result<SuperConfig, JsValue> {
        call(|h| ops::new(h, &options)).map(SuperConfig::wrap)
    }

    /// Adds defaults given as a plain object.
    #[wasm_bindgen(js_name = withDefaults)]
    pub fn with_defaults(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DefaultsTable")] defaults: JsValue,
    ) -> Result<SuperConfig, JsValue> {
        self.build(|h, c| ops::with_defaults(h, c, &defaults))
    }

    /// Adds a document given as text in `format`: how the browser loads files. `name` is its
    /// source name (default `<string>`); with `profiles` its top-level keys are profile names.
    #[wasm_bindgen(js_name = withString)]
    pub fn with_string(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Format")] format: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "StringOptions | null")] options: JsValue,
    ) -> Result<SuperConfig, JsValue> {
        self.build(|h, c| ops::with_string(h, c, &text, &format, &options))
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
        self.build(|h, c| ops::with_env_map(h, c, &vars, &prefix, &options))
    }

    /// Adds unprefixed variables by name, each at its key path: `{ PORT: 'server.port' }`, read
    /// from `env`.
    #[wasm_bindgen(js_name = withEnvAliases)]
    pub fn with_env_aliases(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Record<string, string>")] aliases: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "EnvMap | null")] env: JsValue,
    ) -> Result<SuperConfig, JsValue> {
        self.build(|h, c| ops::with_env_aliases(h, c, &aliases, &env))
    }

    /// Activates the profile named by the variable (default `APP_ENV`) in `env`;
    /// `defaultProfile` when it is unset or empty.
    #[wasm_bindgen(js_name = selectProfileFromEnv)]
    #[allow(non_snake_case)] // the parameters' names in the generated TypeScript
    pub fn select_profile_from_env(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "string")] variable: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string")] defaultProfile: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "EnvMap | null")] env: JsValue,
    ) -> Result<SuperConfig, JsValue> {
        self.build(|h, c| ops::select_profile_from_env(h, c, &variable, &defaultProfile, &env))
    }

    /// Activates a profile; every layer is re-applied under it.
    #[wasm_bindgen(js_name = selectProfile)]
    pub fn select_profile(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] name: JsValue,
    ) -> Result<SuperConfig, JsValue> {
        self.build(|h, c| ops::select_profile(h, c, &name))
    }

    /// Drops warnings whose kind or message matches one of the wildcard patterns (`*`, `?`).
    #[wasm_bindgen(js_name = suppressWarnings)]
    pub fn suppress_warnings(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string[]")] patterns: JsValue,
    ) -> Result<SuperConfig, JsValue> {
        self.build(|h, c| ops::suppress_warnings(h, c, &patterns))
    }

    /// The value at `path` (a dotted string, or an array of segments for keys containing dots).
    /// Missing: `defaultValue` when one is given (not `undefined`), else a `KeyNotFound` error.
    #[wasm_bindgen(unchecked_return_type = "ConfigValue")]
    #[allow(non_snake_case)] // the parameter's name in the generated TypeScript
    pub fn get(
        &self,
        #[wasm_bindgen(unchecked_param_type = "KeyPath")] path: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "unknown")] defaultValue: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.read(|h, c| ops::get(h, c, &path, &defaultValue))
    }

    /// Whether a value (null included) is at `path`.
    pub fn has(
        &self,
        #[wasm_bindgen(unchecked_param_type = "KeyPath")] path: JsValue,
    ) -> Result<bool, JsValue> {
        self.read(|h, c| ops::has(h, c, &path))
    }

    /// The keys of the table at `path` (default: the root), in order.
    #[wasm_bindgen(unchecked_return_type = "string[]")]
    pub fn keys(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "KeyPath | null")] path: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.read(|h, c| ops::keys(h, c, &path))
    }

    /// The subtree at `path` (default: the whole configuration) as plain JS values.
    #[wasm_bindgen(unchecked_return_type = "ConfigValue")]
    pub fn extract(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "KeyPath | null")] path: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.read(|h, c| ops::extract(h, c, &path))
    }

    /// Where the value at `path` was set: `{ kind, name, line }`.
    #[wasm_bindgen(unchecked_return_type = "Source")]
    pub fn source(
        &self,
        #[wasm_bindgen(unchecked_param_type = "KeyPath")] path: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.read(|h, c| ops::source(h, c, &path))
    }

    /// The value at `path` (secrets as `***`), where it was set, and what it overrode.
    #[wasm_bindgen(unchecked_return_type = "Explanation")]
    pub fn explain(
        &self,
        #[wasm_bindgen(unchecked_param_type = "KeyPath")] path: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.read(|h, c| ops::explain(h, c, &path))
    }

    /// The merged configuration as `json` (default), `toml` or `yaml` text; secrets shown as
    /// `***` unless `redact` is `false`.
    pub fn dump(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "Format | null")] format: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "boolean | null")] redact: JsValue,
    ) -> Result<String, JsValue> {
        self.read(|h, c| ops::dump(h, c, &format, &redact))
    }

    /// Warnings in the order they arose (suppressed ones left out).
    #[wasm_bindgen(unchecked_return_type = "Warning[]")]
    pub fn warnings(&self) -> Result<JsValue, JsValue> {
        self.read(ops::warnings)
    }

    /// Every layer with its status, in the order applied.
    #[wasm_bindgen(unchecked_return_type = "LayerInfo[]")]
    pub fn layers(&self) -> Result<JsValue, JsValue> {
        self.read(ops::layers)
    }

    /// Profile names seen in profiled layers.
    #[wasm_bindgen(unchecked_return_type = "string[]")]
    pub fn profiles(&self) -> Result<JsValue, JsValue> {
        self.read(ops::profiles)
    }

    /// The active profile (`default` unless one was selected).
    #[wasm_bindgen(getter = activeProfile)]
    pub fn active_profile(&self) -> Result<String, JsValue> {
        self.read(ops::active_profile)
    }

    /// Whether this configuration is strict.
    #[wasm_bindgen(getter)]
    pub fn strict(&self) -> Result<bool, JsValue> {
        self.read(ops::strict)
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
        call(|_| {
            crate::subscribers::forget(self.inner.handle_id());
            self.inner.free();
            Ok(())
        })
    }

    /// `SuperConfig(handle=…, profile=…, layers=[…])` — never a value, so never a secret;
    /// `SuperConfig(handle=…, freed)` once freed.
    #[wasm_bindgen(js_name = toString)]
    pub fn describe(&self) -> Result<String, JsValue> {
        call(|_| Ok(ops::describe(&self.inner)))
    }
}
