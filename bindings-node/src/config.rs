//! The `SuperConfig` class: a JS object holding one core `superconfig::SuperConfig` (a registry
//! handle). Builder methods return a new object and leave this one valid; the garbage collector's
//! finaliser drops the core object, whose `Drop` frees the handle.

use napi::bindgen_prelude::Unknown;
use napi::{Env, JsValue, Result, sys};
use napi_derive::napi;
use superconfig::{Format, SuperConfig as Core};

use crate::conv::{self, Arg, ConfigNode, Options, PathArg, on_path};
use crate::error::{core, guard};
use crate::options::{
    self, ConfigOptions, EnvOptions, FileOptions, GlobOptions, HierarchicalOptions, StringOptions,
};
use crate::records::{Explanation, LayerInfo, Source, Warning};
use crate::{fast, logger};

/// A layered configuration. Every builder method returns a new `SuperConfig`; the one it was
/// called on stays valid and unchanged.
#[napi]
pub struct SuperConfig {
    inner: Core,
}

impl SuperConfig {
    /// The core object this JS object holds.
    pub(crate) fn core(&self) -> &Core {
        &self.inner
    }

    /// One builder step: run it, hand its log records to the logger, wrap the result.
    fn step(
        &self,
        env: &Env,
        f: impl FnOnce(&Core) -> superconfig::Result<Core>,
    ) -> Result<SuperConfig> {
        let raw = env.raw();
        guard(raw, || {
            let result = f(&self.inner);
            logger::flush(env)?;
            Ok(SuperConfig {
                inner: core(raw, result)?,
            })
        })
    }

    /// A reader: run it under the panic guard, its core error thrown.
    #[inline]
    fn read<T>(&self, env: &Env, f: impl FnOnce(&Core) -> superconfig::Result<T>) -> Result<T> {
        let raw = env.raw();
        guard(raw, || core(raw, f(&self.inner)))
    }
}

#[napi]
impl SuperConfig {
    /// An empty configuration; `{ strict: true }` turns every warning into an error.
    #[napi(
        constructor,
        catch_unwind,
        ts_args_type = "options?: ConfigOptions | undefined | null"
    )]
    pub fn new(env: &Env, options: Option<Options<ConfigOptions>>) -> Result<Self> {
        let options = Options::or_default(options).to_core();
        // Before any method can panic: a caught panic is thrown, never printed first.
        superconfig::panic::install_quiet_hook();
        guard(env.raw(), || {
            Ok(SuperConfig {
                inner: Core::with_options(&core(env.raw(), options)?),
            })
        })
    }

    // ----- layers ------------------------------------------------------------------------------

    /// Adds defaults given as a plain object.
    #[napi(catch_unwind, ts_args_type = "defaults: ConfigTable")]
    pub fn with_defaults(&self, env: &Env, defaults: Unknown<'_>) -> Result<SuperConfig> {
        // SAFETY: `defaults` is an argument of this call, on this env.
        let tree = guard(env.raw(), || unsafe {
            conv::from_js(env.raw(), defaults.raw())
        })?;
        self.step(env, move |c| c.with_defaults_owned(tree))
    }

    /// Adds a file. A missing file is a `FileNotFound` warning unless `required` (or strict).
    #[napi(
        catch_unwind,
        ts_args_type = "path: string, options?: FileOptions | undefined | null"
    )]
    pub fn with_file(
        &self,
        env: &Env,
        Arg(path): Arg<String>,
        options: Option<Options<FileOptions>>,
    ) -> Result<SuperConfig> {
        let options = Options::or_default(options);
        self.step(env, |c| c.with_file_opts(&path, &options.to_core()?))
    }

    /// Adds a document given as text in `format`.
    #[napi(
        catch_unwind,
        ts_args_type = "text: string, format: Format, options?: StringOptions | undefined | null"
    )]
    pub fn with_string(
        &self,
        env: &Env,
        Arg(text): Arg<String>,
        Arg(format): Arg<String>,
        options: Option<Options<StringOptions>>,
    ) -> Result<SuperConfig> {
        let options = Options::or_default(options);
        self.step(env, |c| {
            c.with_string_opts(&text, options::format(&format)?, &options.to_core())
        })
    }

    /// Adds the process environment's variables starting with `prefix`.
    #[napi(
        catch_unwind,
        ts_args_type = "prefix: string, options?: EnvOptions | undefined | null"
    )]
    pub fn with_env(
        &self,
        env: &Env,
        Arg(prefix): Arg<String>,
        options: Option<Options<EnvOptions>>,
    ) -> Result<SuperConfig> {
        let options = Options::or_default(options).to_core();
        self.step(env, |c| c.with_env_opts(&prefix, &options))
    }

    /// The rules of `withEnv` over a given `{ NAME: value }` object (e.g. `process.env`).
    #[napi(
        catch_unwind,
        ts_args_type = "vars: Record<string, string | number | boolean | bigint | undefined>, prefix: string, options?: EnvOptions | undefined | null"
    )]
    pub fn with_env_map(
        &self,
        env: &Env,
        vars: Unknown<'_>,
        Arg(prefix): Arg<String>,
        options: Option<Options<EnvOptions>>,
    ) -> Result<SuperConfig> {
        // SAFETY: `vars` is an argument of this call, on this env.
        let vars = guard(env.raw(), || unsafe {
            conv::env_map(env.raw(), vars.raw())
        })?;
        let options = Options::or_default(options).to_core();
        self.step(env, |c| c.with_env_map_opts(vars, &prefix, &options))
    }

    /// Adds every file matching `pattern`, in byte order of the relative path, each as a layer.
    #[napi(
        catch_unwind,
        ts_args_type = "pattern: string, options?: GlobOptions | undefined | null"
    )]
    pub fn with_glob(
        &self,
        env: &Env,
        Arg(pattern): Arg<String>,
        options: Option<Options<GlobOptions>>,
    ) -> Result<SuperConfig> {
        let options = Options::or_default(options).to_core();
        self.step(env, |c| c.with_glob_opts(&pattern, &options))
    }

    /// Git-style discovery of `app`'s configuration files.
    #[napi(
        catch_unwind,
        ts_args_type = "app: string, options?: HierarchicalOptions | undefined | null"
    )]
    pub fn with_hierarchical(
        &self,
        env: &Env,
        Arg(app): Arg<String>,
        options: Option<Options<HierarchicalOptions>>,
    ) -> Result<SuperConfig> {
        let options = Options::or_default(options).to_core();
        self.step(env, |c| c.with_hierarchical_opts(&app, &options))
    }

    /// Activates a profile; every layer is re-applied under it.
    #[napi(catch_unwind, ts_args_type = "name: string")]
    pub fn select_profile(&self, env: &Env, Arg(name): Arg<String>) -> Result<SuperConfig> {
        self.step(env, |c| c.select_profile(&name))
    }

    /// Drops warnings whose kind or message matches one of the glob patterns.
    #[napi(catch_unwind, ts_args_type = "patterns: Array<string>")]
    pub fn suppress_warnings(
        &self,
        env: &Env,
        Arg(patterns): Arg<Vec<String>>,
    ) -> Result<SuperConfig> {
        self.step(env, |c| c.suppress_warnings(&patterns))
    }

    // ----- reading -----------------------------------------------------------------------------

    /// The value at `path` (a dotted string, or an array of segments for keys containing dots).
    /// Missing: `defaultValue` when one is given (not `undefined`), else a `KeyNotFound` error.
    // At load, `fast` installs a hand-written callback over this method; both run `get_value`.
    #[napi(
        catch_unwind,
        ts_args_type = "path: KeyPath, defaultValue?: unknown",
        ts_return_type = "ConfigValue"
    )]
    pub fn get(
        &self,
        env: &Env,
        path: Unknown<'_>,
        default_value: Unknown<'_>,
    ) -> Result<sys::napi_value> {
        let raw = env.raw();
        // SAFETY: `raw` is this call's env; the values are this call's arguments.
        guard(raw, || unsafe {
            fast::get_value(raw, &self.inner, path.raw(), default_value.raw())
        })
    }

    /// Whether a value (null included) is at `path`.
    // Replaced at load like `get`; both run `has_value`.
    #[napi(catch_unwind, ts_args_type = "path: KeyPath")]
    pub fn has(&self, env: &Env, path: Unknown<'_>) -> Result<bool> {
        let raw = env.raw();
        // SAFETY: as in `get`.
        guard(raw, || unsafe {
            fast::has_value(raw, &self.inner, path.raw())
        })
    }

    /// The keys of the table at `path` (default: the root), in order.
    #[napi(catch_unwind, ts_args_type = "path?: KeyPath | undefined | null")]
    pub fn keys(&self, env: &Env, path: Unknown<'_>) -> Result<Vec<String>> {
        // SAFETY: `path` is an argument of this call, on this env.
        let path = unsafe { conv::optional_path(env.raw(), path.raw()) }?;
        self.read(env, |c| on_path!(&path, |p| c.keys(p)))
    }

    /// The subtree at `path` (default: the whole configuration) as plain JS values.
    #[napi(
        catch_unwind,
        ts_args_type = "path?: KeyPath | undefined | null",
        ts_return_type = "ConfigValue"
    )]
    pub fn extract(&self, env: &Env, path: Unknown<'_>) -> Result<ConfigNode> {
        // SAFETY: `path` is an argument of this call, on this env.
        let path = unsafe { conv::optional_path(env.raw(), path.raw()) }?;
        self.read(env, |c| on_path!(&path, |p| c.get_node(p)))
            .map(ConfigNode)
    }

    /// Where the value at `path` was set.
    #[napi(catch_unwind, ts_args_type = "path: KeyPath")]
    pub fn source(&self, env: &Env, path: PathArg) -> Result<Source> {
        self.read(env, |c| on_path!(&path, |p| c.source(p)))
            .map(Source::from)
    }

    /// The value at `path` (redacted), where it was set, and what it overrode.
    #[napi(catch_unwind, ts_args_type = "path: KeyPath")]
    pub fn explain(&self, env: &Env, path: PathArg) -> Result<Explanation> {
        self.read(env, |c| on_path!(&path, |p| c.explain(p)))
            .map(Explanation::from)
    }

    /// The merged configuration as `json` (default), `toml` or `yaml` text; secrets shown as
    /// `***` unless `redact` is `false`.
    #[napi(
        catch_unwind,
        ts_args_type = "format?: Format | undefined | null, redact?: boolean | undefined | null"
    )]
    pub fn dump(
        &self,
        env: &Env,
        format: Option<Arg<String>>,
        redact: Option<Arg<bool>>,
    ) -> Result<String> {
        let (format, redact) = (format.map(|f| f.0), redact.map(|r| r.0));
        self.read(env, |c| {
            let format = format
                .as_deref()
                .map(options::format)
                .transpose()?
                .unwrap_or(Format::Json);
            c.dump(format, redact.unwrap_or(true))
        })
    }

    /// Warnings in the order they arose (suppressed ones left out).
    #[napi(catch_unwind)]
    pub fn warnings(&self, env: &Env) -> Result<Vec<Warning>> {
        self.read(env, |c| c.warnings())
            .map(|w| w.into_iter().map(Warning::from).collect())
    }

    /// Every layer with its status, in the order applied.
    #[napi(catch_unwind)]
    pub fn layers(&self, env: &Env) -> Result<Vec<LayerInfo>> {
        self.read(env, |c| c.layers())
            .map(|l| l.into_iter().map(LayerInfo::from).collect())
    }

    /// Profile names seen in profiled layers.
    #[napi(catch_unwind)]
    pub fn profiles(&self, env: &Env) -> Result<Vec<String>> {
        self.read(env, |c| c.profiles())
    }

    /// The active profile (`default` unless one was selected).
    #[napi(getter, catch_unwind)]
    pub fn active_profile(&self, env: &Env) -> Result<String> {
        self.read(env, |c| c.active_profile())
    }

    /// Whether this configuration is strict.
    #[napi(getter, catch_unwind)]
    pub fn strict(&self, env: &Env) -> Result<bool> {
        self.read(env, |c| c.is_strict())
    }

    /// The registry handle id (for diagnostics).
    #[napi(getter)]
    pub fn handle(&self) -> f64 {
        self.inner.handle_id() as f64
    }

    /// `SuperConfig(handle=…, profile=…, layers=[…])` — never a value, so never a secret.
    #[napi(js_name = "toString", catch_unwind)]
    pub fn to_js_string(&self) -> String {
        format!("{:?}", self.inner)
    }
}
