//! Every method of the JS `SuperConfig` class, from its JS arguments to its JS result. A binding
//! method is one line around one of these: it supplies the host, the core object and the raw
//! arguments, and wraps a returned core object in a new JS object.
//!
//! Builder methods return a new core object (the one they were called on is unchanged); the log
//! records of the step go to the logger before its result or error is returned.

use superconfig::{Format, KeyPath, SuperConfig as Core};

use crate::PathArg;
use crate::errors::core;
use crate::host::Host;
use crate::{args, from_js, log_buffer, options, records, to_js};

/// One builder step's result, after its log records went to the logger.
fn step<H: Host>(host: &H, result: superconfig::Result<Core>) -> Result<Core, H::Error> {
    log_buffer::flush(host)?;
    core(host, result)
}

// ----- building -----------------------------------------------------------------------------

/// `new SuperConfig(options?)`.
pub fn new<H: Host>(host: &H, options: &H::Value) -> Result<Core, H::Error> {
    Ok(Core::with_options(&options::config(host, options)?))
}

/// `withDefaults(defaults)`.
pub fn with_defaults<H: Host>(host: &H, c: &Core, defaults: &H::Value) -> Result<Core, H::Error> {
    let tree = from_js::from_js(host, defaults)?;
    step(host, c.with_defaults_owned(tree))
}

/// `withFile(path, options?)`.
pub fn with_file<H: Host>(
    host: &H,
    c: &Core,
    path: &H::Value,
    opts: &H::Value,
) -> Result<Core, H::Error> {
    let path = args::string(host, path, "withFile: the path")?;
    let opts = options::file(host, opts)?;
    step(host, c.with_file_opts(&path, &opts))
}

/// `withString(text, format, options?)`.
pub fn with_string<H: Host>(
    host: &H,
    c: &Core,
    text: &H::Value,
    format: &H::Value,
    opts: &H::Value,
) -> Result<Core, H::Error> {
    let text = args::string(host, text, "withString: the text")?;
    let format = args::format(host, format)?;
    let opts = options::string(host, opts)?;
    step(host, c.with_string_opts(&text, format, &opts))
}

/// `withEnv(prefix, options?)`: the process environment.
pub fn with_env<H: Host>(
    host: &H,
    c: &Core,
    prefix: &H::Value,
    opts: &H::Value,
) -> Result<Core, H::Error> {
    let prefix = args::string(host, prefix, "withEnv: the prefix")?;
    let opts = options::env(host, opts)?;
    step(host, c.with_env_opts(&prefix, &opts))
}

/// `withEnvMap(vars, prefix, options?)`.
pub fn with_env_map<H: Host>(
    host: &H,
    c: &Core,
    vars: &H::Value,
    prefix: &H::Value,
    opts: &H::Value,
) -> Result<Core, H::Error> {
    let vars = args::env_map(host, vars)?;
    let prefix = args::string(host, prefix, "withEnvMap: the prefix")?;
    let opts = options::env(host, opts)?;
    step(host, c.with_env_map_opts(vars, &prefix, &opts))
}

/// An optional environment map (`undefined`/`null`: the process environment).
fn optional_env<H: Host>(
    host: &H,
    env: &H::Value,
) -> Result<Option<Vec<(String, String)>>, H::Error> {
    match host.classify(env)? {
        crate::JsType::Undefined | crate::JsType::Null => Ok(None),
        _ => args::env_map(host, env).map(Some),
    }
}

/// `withEnvAliases(aliases, env?)`: `{ NAME: 'key.path' }`.
pub fn with_env_aliases<H: Host>(
    host: &H,
    c: &Core,
    aliases: &H::Value,
    env: &H::Value,
) -> Result<Core, H::Error> {
    let aliases = args::env_map(host, aliases)?;
    step(
        host,
        match optional_env(host, env)? {
            Some(vars) => c.with_env_aliases_map(&aliases, &vars),
            None => c.with_env_aliases(&aliases),
        },
    )
}

/// `withSecretsDir(path, options?)`.
#[cfg(feature = "fs")]
pub fn with_secrets_dir<H: Host>(
    host: &H,
    c: &Core,
    path: &H::Value,
    opts: &H::Value,
) -> Result<Core, H::Error> {
    let path = args::string(host, path, "withSecretsDir: the path")?;
    let opts = options::secrets(host, opts)?;
    step(host, c.with_secrets_dir_opts(&path, &opts))
}

/// `withGlob(pattern, options?)`.
#[cfg(feature = "fs")]
pub fn with_glob<H: Host>(
    host: &H,
    c: &Core,
    pattern: &H::Value,
    opts: &H::Value,
) -> Result<Core, H::Error> {
    let pattern = args::string(host, pattern, "withGlob: the pattern")?;
    let opts = options::glob(host, opts)?;
    step(host, c.with_glob_opts(&pattern, &opts))
}

/// `withHierarchical(app, options?)`.
#[cfg(feature = "fs")]
pub fn with_hierarchical<H: Host>(
    host: &H,
    c: &Core,
    app: &H::Value,
    opts: &H::Value,
) -> Result<Core, H::Error> {
    let app = args::string(host, app, "withHierarchical: the app name")?;
    let opts = options::hierarchical(host, opts)?;
    step(host, c.with_hierarchical_opts(&app, &opts))
}

/// `selectProfile(name)`.
pub fn select_profile<H: Host>(host: &H, c: &Core, name: &H::Value) -> Result<Core, H::Error> {
    let name = args::string(host, name, "selectProfile: the profile name")?;
    step(host, c.select_profile(&name))
}

/// `selectProfileFromEnv(variable?, defaultProfile?, env?)`.
pub fn select_profile_from_env<H: Host>(
    host: &H,
    c: &Core,
    variable: &H::Value,
    default: &H::Value,
    env: &H::Value,
) -> Result<Core, H::Error> {
    let text = |value: &H::Value, fallback: &str, what: &str| match host.classify(value)? {
        crate::JsType::Undefined => Ok(fallback.to_string()),
        _ => args::string(host, value, what),
    };
    let variable = text(variable, "APP_ENV", "selectProfileFromEnv: the variable")?;
    let default = text(
        default,
        "default",
        "selectProfileFromEnv: the default profile",
    )?;
    step(
        host,
        match optional_env(host, env)? {
            Some(vars) => c.select_profile_from_env_map(&variable, &default, &vars),
            None => c.select_profile_from_env(&variable, &default),
        },
    )
}

/// `suppressWarnings(patterns)`.
pub fn suppress_warnings<H: Host>(
    host: &H,
    c: &Core,
    patterns: &H::Value,
) -> Result<Core, H::Error> {
    let patterns = args::string_list(host, patterns, "suppressWarnings: the patterns")?;
    step(host, c.suppress_warnings(&patterns))
}

// ----- reading ------------------------------------------------------------------------------

/// `get(path, defaultValue?)`.
#[inline]
pub fn get<H: Host>(
    host: &H,
    c: &Core,
    path: &H::Value,
    default: &H::Value,
) -> Result<H::Value, H::Error> {
    // Each kind of path with the core's own lookup for it (static dispatch: a hot read).
    match args::path(host, path, false)? {
        PathArg::Dotted(s) => get_at(host, c, s.as_str(), default),
        PathArg::Segments(v) => get_at(host, c, v.as_slice(), default),
    }
}

/// `get` with the path already read: the value, else `default` when it is not `undefined`, else
/// a `KeyNotFound` error.
#[inline]
pub fn get_at<H: Host, P: KeyPath + ?Sized>(
    host: &H,
    c: &Core,
    path: &P,
    default: &H::Value,
) -> Result<H::Value, H::Error> {
    match core(host, c.find_node(path))? {
        Some(node) => to_js::to_js(host, &node),
        None if host.classify(default)? != crate::JsType::Undefined => Ok(default.clone()),
        None => Err(host.fail(&c.missing(path))),
    }
}

/// `has(path)`.
#[inline]
pub fn has<H: Host>(host: &H, c: &Core, path: &H::Value) -> Result<bool, H::Error> {
    match args::path(host, path, false)? {
        PathArg::Dotted(s) => has_at(host, c, s.as_str()),
        PathArg::Segments(v) => has_at(host, c, v.as_slice()),
    }
}

/// `has` with the path already read.
#[inline]
pub fn has_at<H: Host, P: KeyPath + ?Sized>(
    host: &H,
    c: &Core,
    path: &P,
) -> Result<bool, H::Error> {
    core(host, c.has(path))
}

/// `keys(path?)`.
pub fn keys<H: Host>(host: &H, c: &Core, path: &H::Value) -> Result<H::Value, H::Error> {
    let path = args::path(host, path, true)?;
    records::strings(host, &core(host, c.keys(path.key_path()))?)
}

/// `extract(path?)`.
pub fn extract<H: Host>(host: &H, c: &Core, path: &H::Value) -> Result<H::Value, H::Error> {
    let path = args::path(host, path, true)?;
    to_js::to_js(host, &core(host, c.get_node(path.key_path()))?)
}

/// `source(path)`.
pub fn source<H: Host>(host: &H, c: &Core, path: &H::Value) -> Result<H::Value, H::Error> {
    let path = args::path(host, path, false)?;
    records::source(host, &core(host, c.source(path.key_path()))?)
}

/// `explain(path)`.
pub fn explain<H: Host>(host: &H, c: &Core, path: &H::Value) -> Result<H::Value, H::Error> {
    let path = args::path(host, path, false)?;
    records::explanation(host, &core(host, c.explain(path.key_path()))?)
}

/// `dump(format?, redact?)`: `json` and redacted unless told otherwise.
pub fn dump<H: Host>(
    host: &H,
    c: &Core,
    format: &H::Value,
    redact: &H::Value,
) -> Result<String, H::Error> {
    let format = args::optional_format(host, format)?.unwrap_or(Format::Json);
    let redact = args::optional_bool(host, redact, "dump: redact")?.unwrap_or(true);
    core(host, c.dump(format, redact))
}

/// `warnings()`.
pub fn warnings<H: Host>(host: &H, c: &Core) -> Result<H::Value, H::Error> {
    records::list(host, &core(host, c.warnings())?, records::warning)
}

/// `layers()`.
pub fn layers<H: Host>(host: &H, c: &Core) -> Result<H::Value, H::Error> {
    records::list(host, &core(host, c.layers())?, records::layer)
}

/// `profiles()`.
pub fn profiles<H: Host>(host: &H, c: &Core) -> Result<H::Value, H::Error> {
    records::strings(host, &core(host, c.profiles())?)
}

/// `activeProfile`.
pub fn active_profile<H: Host>(host: &H, c: &Core) -> Result<String, H::Error> {
    core(host, c.active_profile())
}

/// `strict`.
pub fn strict<H: Host>(host: &H, c: &Core) -> Result<bool, H::Error> {
    core(host, c.is_strict())
}

// ----- live configuration (docs/behaviour.md, "Reload") -----------------------------------

/// A reload's result: the `Changed` event, or `null` when no value changed.
fn reloaded<H: Host>(
    host: &H,
    result: superconfig::Result<Option<superconfig::Change>>,
) -> Result<H::Value, H::Error> {
    log_buffer::flush(host)?;
    match core(host, result)? {
        Some(change) => crate::events::change(host, &change),
        None => host.null(),
    }
}

/// `reload()`.
pub fn reload<H: Host>(host: &H, c: &Core) -> Result<H::Value, H::Error> {
    reloaded(host, c.reload())
}

/// `updateString(name, text)`.
pub fn update_string<H: Host>(
    host: &H,
    c: &Core,
    name: &H::Value,
    text: &H::Value,
) -> Result<H::Value, H::Error> {
    let name = args::string(host, name, "updateString: name")?;
    let text = args::string(host, text, "updateString: text")?;
    reloaded(host, c.update_string(&name, &text))
}

/// `version`.
pub fn version<H: Host>(host: &H, c: &Core) -> Result<f64, H::Error> {
    Ok(core(host, c.version())? as f64)
}

/// `snapshot()`.
pub fn snapshot<H: Host>(host: &H, c: &Core) -> Result<Core, H::Error> {
    core(host, c.snapshot())
}

/// `stats()`: the registry's counters.
pub fn stats<H: Host>(host: &H) -> Result<H::Value, H::Error> {
    records::stats(host, &superconfig::stats())
}

/// `toString()`: `SuperConfig(handle=…, profile=…, layers=[…])`, never a value.
pub fn describe(c: &Core) -> String {
    format!("{c:?}")
}
