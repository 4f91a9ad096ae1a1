//! The `SuperConfig` class: a JS object holding one core `superconfig::SuperConfig` (a registry
//! handle). Builder methods return a new object and leave this one valid; the garbage collector's
//! finaliser drops the core object, whose `Drop` frees the handle. Each method hands its raw
//! arguments to `superconfig_js::ops`, which decides everything.

use napi::bindgen_prelude::Unknown;
use napi::{Env, JsValue, Result, sys};
use napi_derive::napi;
use superconfig::SuperConfig as Core;
use superconfig_js::ops;

use crate::error::guard;
use crate::host::Napi;

/// A layered configuration. Every builder method returns a new `SuperConfig`; the one it was
/// called on stays valid and unchanged.
#[napi]
pub struct SuperConfig {
    inner: Core,
}

impl SuperConfig {
    /// A JS object for a core object.
    pub(crate) fn wrap(inner: Core) -> Self {
        SuperConfig { inner }
    }

    /// The core object this JS object holds.
    pub(crate) fn core(&self) -> &Core {
        &self.inner
    }

    /// A builder method: the new core object, wrapped.
    #[inline]
    fn build(&self, env: &Env, f: impl FnOnce(&Napi, &Core) -> Result<Core>) -> Result<Self> {
        guard(env.raw(), |h| f(h, &self.inner)).map(|inner| SuperConfig { inner })
    }

    /// A reader.
    #[inline]
    fn read<T>(&self, env: &Env, f: impl FnOnce(&Napi, &Core) -> Result<T>) -> Result<T> {
        guard(env.raw(), |h| f(h, &self.inner))
    }
}

/// A raw argument (`undefined` when left out).
#[inline]
fn raw(value: &Unknown<'_>) -> sys::napi_value {
    value.raw()
}

#[napi]
impl SuperConfig {
    /// An empty configuration; `{ strict: true }` turns every warning into an error.
    #[napi(
        constructor,
        catch_unwind,
        ts_args_type = "options?: ConfigOptions | null"
    )]
    pub fn new(env: &Env, options: Unknown<'_>) -> Result<Self> {
        // Before any method can panic: a caught panic is thrown, never printed first.
        superconfig::panic::install_quiet_hook();
        let inner = guard(env.raw(), |h| ops::new(h, &raw(&options)))?;
        Ok(SuperConfig { inner })
    }

    /// Adds defaults given as a plain object.
    #[napi(catch_unwind, ts_args_type = "defaults: DefaultsTable")]
    pub fn with_defaults(&self, env: &Env, defaults: Unknown<'_>) -> Result<SuperConfig> {
        self.build(env, |h, c| ops::with_defaults(h, c, &raw(&defaults)))
    }

    /// Adds a file. A missing file is a `FileNotFound` warning unless `required` (or strict).
    #[napi(
        catch_unwind,
        ts_args_type = "path: string, options?: FileOptions | null"
    )]
    pub fn with_file(&self, env: &Env, path: Unknown<'_>, options: Unknown<'_>) -> Result<Self> {
        self.build(env, |h, c| {
            ops::with_file(h, c, &raw(&path), &raw(&options))
        })
    }

    /// Adds a document given as text in `format`.
    #[napi(
        catch_unwind,
        ts_args_type = "text: string, format: Format, options?: StringOptions | null"
    )]
    pub fn with_string(
        &self,
        env: &Env,
        text: Unknown<'_>,
        format: Unknown<'_>,
        options: Unknown<'_>,
    ) -> Result<Self> {
        let (text, format, options) = (raw(&text), raw(&format), raw(&options));
        self.build(env, |h, c| ops::with_string(h, c, &text, &format, &options))
    }

    /// Adds the process environment's variables starting with `prefix`.
    #[napi(
        catch_unwind,
        ts_args_type = "prefix: string, options?: EnvOptions | null"
    )]
    pub fn with_env(&self, env: &Env, prefix: Unknown<'_>, options: Unknown<'_>) -> Result<Self> {
        self.build(env, |h, c| {
            ops::with_env(h, c, &raw(&prefix), &raw(&options))
        })
    }

    /// The rules of `withEnv` over a given `{ NAME: value }` object (e.g. `process.env`).
    #[napi(
        catch_unwind,
        ts_args_type = "vars: EnvMap, prefix: string, options?: EnvOptions | null"
    )]
    pub fn with_env_map(
        &self,
        env: &Env,
        vars: Unknown<'_>,
        prefix: Unknown<'_>,
        options: Unknown<'_>,
    ) -> Result<Self> {
        let (vars, prefix, options) = (raw(&vars), raw(&prefix), raw(&options));
        self.build(env, |h, c| {
            ops::with_env_map(h, c, &vars, &prefix, &options)
        })
    }

    /// Adds unprefixed variables by name, each at its key path: `{ PORT: 'server.port' }`;
    /// `env` stands for `process.env` when given.
    #[napi(
        catch_unwind,
        ts_args_type = "aliases: Record<string, string>, env?: EnvMap | null"
    )]
    pub fn with_env_aliases(
        &self,
        env: &Env,
        aliases: Unknown<'_>,
        vars: Unknown<'_>,
    ) -> Result<Self> {
        self.build(env, |h, c| {
            ops::with_env_aliases(h, c, &raw(&aliases), &raw(&vars))
        })
    }

    /// Adds a secrets directory (Docker, Kubernetes): one secret per file, named by its file name
    /// after `prefix` (`__` nests); every value redacted.
    #[napi(
        catch_unwind,
        ts_args_type = "path: string, options?: SecretsOptions | null"
    )]
    pub fn with_secrets_dir(
        &self,
        env: &Env,
        path: Unknown<'_>,
        options: Unknown<'_>,
    ) -> Result<Self> {
        self.build(env, |h, c| {
            ops::with_secrets_dir(h, c, &raw(&path), &raw(&options))
        })
    }

    /// Adds every file matching `pattern`, in byte order of the relative path, each as a layer.
    #[napi(
        catch_unwind,
        ts_args_type = "pattern: string, options?: GlobOptions | null"
    )]
    pub fn with_glob(&self, env: &Env, pattern: Unknown<'_>, options: Unknown<'_>) -> Result<Self> {
        self.build(env, |h, c| {
            ops::with_glob(h, c, &raw(&pattern), &raw(&options))
        })
    }

    /// Git-style discovery of `app`'s configuration files.
    #[napi(
        catch_unwind,
        ts_args_type = "app: string, options?: HierarchicalOptions | null"
    )]
    pub fn with_hierarchical(
        &self,
        env: &Env,
        app: Unknown<'_>,
        options: Unknown<'_>,
    ) -> Result<Self> {
        self.build(env, |h, c| {
            ops::with_hierarchical(h, c, &raw(&app), &raw(&options))
        })
    }

    /// Activates a profile; every layer is re-applied under it.
    #[napi(catch_unwind, ts_args_type = "name: string")]
    pub fn select_profile(&self, env: &Env, name: Unknown<'_>) -> Result<SuperConfig> {
        self.build(env, |h, c| ops::select_profile(h, c, &raw(&name)))
    }

    /// Activates the profile named by the variable (default `APP_ENV`; `defaultProfile` when
    /// unset or empty); `env` stands for `process.env` when given.
    #[napi(
        catch_unwind,
        ts_args_type = "variable?: string, defaultProfile?: string, env?: EnvMap | null"
    )]
    pub fn select_profile_from_env(
        &self,
        env: &Env,
        variable: Unknown<'_>,
        default_profile: Unknown<'_>,
        vars: Unknown<'_>,
    ) -> Result<SuperConfig> {
        let (variable, default_profile, vars) = (raw(&variable), raw(&default_profile), raw(&vars));
        self.build(env, |h, c| {
            ops::select_profile_from_env(h, c, &variable, &default_profile, &vars)
        })
    }

    /// Drops warnings whose kind or message matches one of the wildcard patterns (`*`, `?`).
    #[napi(catch_unwind, ts_args_type = "patterns: string[]")]
    pub fn suppress_warnings(&self, env: &Env, patterns: Unknown<'_>) -> Result<SuperConfig> {
        self.build(env, |h, c| ops::suppress_warnings(h, c, &raw(&patterns)))
    }

    /// The value at `path` (a dotted string, or an array of segments for keys containing dots).
    /// Missing: `defaultValue` when one is given (not `undefined`), else a `KeyNotFound` error.
    // At load, `fast` installs a hand-written callback over this method (same rules).
    #[napi(
        catch_unwind,
        ts_args_type = "path: KeyPath, defaultValue?: unknown",
        ts_return_type = "ConfigValue"
    )]
    pub fn get(
        &self,
        env: &Env,
        path: Unknown<'_>,
        default: Unknown<'_>,
    ) -> Result<sys::napi_value> {
        self.read(env, |h, c| ops::get(h, c, &raw(&path), &raw(&default)))
    }

    /// Whether a value (null included) is at `path`.
    // Replaced at load like `get`.
    #[napi(catch_unwind, ts_args_type = "path: KeyPath")]
    pub fn has(&self, env: &Env, path: Unknown<'_>) -> Result<bool> {
        self.read(env, |h, c| ops::has(h, c, &raw(&path)))
    }

    /// The keys of the table at `path` (default: the root), in order.
    #[napi(
        catch_unwind,
        ts_args_type = "path?: KeyPath | null",
        ts_return_type = "string[]"
    )]
    pub fn keys(&self, env: &Env, path: Unknown<'_>) -> Result<sys::napi_value> {
        self.read(env, |h, c| ops::keys(h, c, &raw(&path)))
    }

    /// The subtree at `path` (default: the whole configuration) as plain JS values.
    #[napi(
        catch_unwind,
        ts_args_type = "path?: KeyPath | null",
        ts_return_type = "ConfigValue"
    )]
    pub fn extract(&self, env: &Env, path: Unknown<'_>) -> Result<sys::napi_value> {
        self.read(env, |h, c| ops::extract(h, c, &raw(&path)))
    }

    /// Where the value at `path` was set.
    #[napi(
        catch_unwind,
        ts_args_type = "path: KeyPath",
        ts_return_type = "Source"
    )]
    pub fn source(&self, env: &Env, path: Unknown<'_>) -> Result<sys::napi_value> {
        self.read(env, |h, c| ops::source(h, c, &raw(&path)))
    }

    /// The value at `path` (redacted), where it was set, and what it overrode.
    #[napi(
        catch_unwind,
        ts_args_type = "path: KeyPath",
        ts_return_type = "Explanation"
    )]
    pub fn explain(&self, env: &Env, path: Unknown<'_>) -> Result<sys::napi_value> {
        self.read(env, |h, c| ops::explain(h, c, &raw(&path)))
    }

    /// The merged configuration as `json` (default), `toml` or `yaml` text; secrets shown as
    /// `***` unless `redact` is `false`.
    #[napi(
        catch_unwind,
        ts_args_type = "format?: Format | null, redact?: boolean | null"
    )]
    pub fn dump(&self, env: &Env, format: Unknown<'_>, redact: Unknown<'_>) -> Result<String> {
        self.read(env, |h, c| ops::dump(h, c, &raw(&format), &raw(&redact)))
    }

    /// Warnings in the order they arose (suppressed ones left out).
    #[napi(catch_unwind, ts_return_type = "Warning[]")]
    pub fn warnings(&self, env: &Env) -> Result<sys::napi_value> {
        self.read(env, ops::warnings)
    }

    /// Every layer with its status, in the order applied.
    #[napi(catch_unwind, ts_return_type = "LayerInfo[]")]
    pub fn layers(&self, env: &Env) -> Result<sys::napi_value> {
        self.read(env, ops::layers)
    }

    /// Profile names seen in profiled layers.
    #[napi(catch_unwind, ts_return_type = "string[]")]
    pub fn profiles(&self, env: &Env) -> Result<sys::napi_value> {
        self.read(env, ops::profiles)
    }

    /// The active profile (`default` unless one was selected).
    #[napi(getter, catch_unwind)]
    pub fn active_profile(&self, env: &Env) -> Result<String> {
        self.read(env, ops::active_profile)
    }

    /// Whether this configuration is strict.
    #[napi(getter, catch_unwind)]
    pub fn strict(&self, env: &Env) -> Result<bool> {
        self.read(env, ops::strict)
    }

    /// The registry handle id (for diagnostics).
    #[napi(getter)]
    pub fn handle(&self) -> f64 {
        self.inner.handle_id() as f64
    }

    /// `SuperConfig(handle=…, profile=…, layers=[…])` — never a value, so never a secret.
    #[napi(js_name = "toString", catch_unwind)]
    pub fn describe(&self) -> String {
        ops::describe(&self.inner)
    }
}
