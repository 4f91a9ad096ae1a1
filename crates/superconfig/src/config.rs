//! `SuperConfig`: the builder and reader every binding wraps. The object is only a handle; its
//! snapshot lives in the process-wide registry.

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use serde::de::DeserializeOwned;

use crate::de::from_node;
use crate::dump::dump;
use crate::error::Warning;
use crate::formats::Format;
use crate::layers::LayerInfo;
use crate::layers::make::make;
#[cfg(feature = "fs")]
use crate::layers::options::SecretsOptions;
use crate::layers::options::{EnvOptions, FileOptions};
#[cfg(feature = "fs")]
use crate::layers::options::{GlobOptions, HierarchicalOptions};
use crate::layers::recipe::Recipe;
use crate::provenance::{self, Explanation, Source};
use crate::read::{KeyPath, lookup, segments};
use crate::registry::{ConfigHandle, HandleId, REGISTRY};
use crate::state::State;
use crate::value::{Node, Value};
use crate::{Error, Result};

/// Options of [`SuperConfig::with_options`]: how the whole configuration behaves.
#[derive(Debug, Clone)]
pub struct ConfigOptions {
    /// Every warning is an error of the same kind, raised by the call that caused it.
    pub strict: bool,
    /// Largest file any layer reads, in bytes (default 64 MiB): a larger one is an `IoError`
    /// before it is read (docs/behaviour.md, "Files").
    pub max_file_bytes: u64,
    /// Key-path patterns (`*`, `?`; case-insensitive) whose values are secrets besides keys
    /// named like secrets: `*dsn`, `database.url` (docs/behaviour.md, "Secrets").
    pub secret_keys: Vec<String>,
}

impl Default for ConfigOptions {
    fn default() -> Self {
        ConfigOptions {
            strict: false,
            max_file_bytes: crate::limits::DEFAULT_MAX_FILE_BYTES,
            secret_keys: Vec::new(),
        }
    }
}

/// Options of [`SuperConfig::with_string_opts`].
#[derive(Debug, Clone, Default)]
pub struct StringOptions {
    /// Source name in provenance and errors (default `<string>`).
    pub name: Option<String>,
    /// Top-level keys are profile names.
    pub profiles: bool,
}

/// A layered configuration. Builder methods return a new `SuperConfig`; the old one stays valid.
///
/// ```
/// use superconfig::{Format, SuperConfig};
///
/// let cfg = SuperConfig::new()
///     .with_string("[database]\nhost = \"localhost\"\nport = 5432\n", Format::Toml)?
///     .with_env_map([("APP_DATABASE__PORT", "6432")], "APP_")?;
/// let port: i64 = cfg.get("database.port")?;
/// assert_eq!(port, 6432);
/// assert_eq!(cfg.source("database.host")?.line, Some(2));
/// # Ok::<(), superconfig::Error>(())
/// ```
pub struct SuperConfig {
    handle: ConfigHandle<State>,
}

impl Default for SuperConfig {
    fn default() -> Self {
        Self::new()
    }
}

impl SuperConfig {
    /// An empty configuration.
    pub fn new() -> Self {
        Self::with_options(&ConfigOptions::default())
    }

    /// An empty configuration in strict mode: every warning is an error of the same kind.
    pub fn strict() -> Self {
        Self::with_options(&ConfigOptions {
            strict: true,
            ..ConfigOptions::default()
        })
    }

    /// An empty configuration with these options.
    pub fn with_options(options: &ConfigOptions) -> Self {
        Self::from_state(State::empty(
            options.strict,
            options.max_file_bytes,
            &options.secret_keys,
        ))
    }

    fn from_state(state: State) -> Self {
        let bytes = state.bytes();
        SuperConfig {
            handle: REGISTRY.create_arc(Arc::new(state), bytes),
        }
    }

    fn state(&self) -> Result<Arc<State>> {
        REGISTRY.read(&self.handle)
    }

    fn step(&self, f: impl FnOnce(&State) -> Result<State>) -> Result<SuperConfig> {
        let state = self.state()?;
        Ok(Self::from_state(f(&state)?))
    }

    /// A layer step: its layers made from `recipe` (each keeping it), then merged.
    fn add(&self, recipe: Recipe, tree: Option<Node>) -> Result<SuperConfig> {
        self.step(|s| s.with_layers(make(recipe, tree, s.max_file_bytes, &[])?))
    }

    /// The registry handle id.
    pub fn handle_id(&self) -> HandleId {
        self.handle.id()
    }

    /// Whether this configuration is strict.
    pub fn is_strict(&self) -> Result<bool> {
        Ok(self.state()?.strict)
    }

    // ----- layers -------------------------------------------------------------------------

    /// Adds defaults given as a tree (a table).
    pub fn with_defaults(&self, tree: &Node) -> Result<SuperConfig> {
        self.with_defaults_owned(tree.clone())
    }

    /// [`with_defaults`](Self::with_defaults) taking the tree: a tree built for this call (as
    /// the bindings build one from a dict or object) is tagged in place, without a copy.
    pub fn with_defaults_owned(&self, tree: Node) -> Result<SuperConfig> {
        self.add(Recipe::Defaults, Some(tree))
    }

    /// Adds defaults from any serializable value (a struct, a map, `serde_json::json!`).
    pub fn with_defaults_from<T: serde::Serialize>(&self, value: &T) -> Result<SuperConfig> {
        let json = serde_json::to_value(value)
            .map_err(|e| Error::invalid_argument(format!("defaults: {e}")))?;
        self.with_defaults_owned(Node::try_from(&json)?)
    }

    /// Adds a file; a missing file is a `FileNotFound` warning.
    pub fn with_file(&self, path: impl AsRef<Path>) -> Result<SuperConfig> {
        self.with_file_opts(path, &FileOptions::default())
    }

    /// Adds a file with options.
    pub fn with_file_opts(
        &self,
        path: impl AsRef<Path>,
        opts: &FileOptions,
    ) -> Result<SuperConfig> {
        let recipe = Recipe::File {
            path: path.as_ref().to_path_buf(),
            options: opts.clone(),
        };
        self.add(recipe, None)
    }

    /// Adds a document given as text.
    pub fn with_string(&self, text: &str, format: Format) -> Result<SuperConfig> {
        self.with_string_opts(text, format, &StringOptions::default())
    }

    /// Adds a document given as text, with a source name and/or profiles.
    pub fn with_string_opts(
        &self,
        text: &str,
        format: Format,
        opts: &StringOptions,
    ) -> Result<SuperConfig> {
        let recipe = Recipe::Text {
            text: Arc::from(text),
            format,
            name: opts
                .name
                .clone()
                .unwrap_or_else(|| String::from("<string>")),
            profiles: opts.profiles,
        };
        self.add(recipe, None)
    }

    /// Adds the process environment's variables starting with `prefix`.
    pub fn with_env(&self, prefix: &str) -> Result<SuperConfig> {
        self.with_env_opts(prefix, &EnvOptions::default())
    }

    /// [`with_env`](Self::with_env) with a separator and `ignore_empty`.
    pub fn with_env_opts(&self, prefix: &str, opts: &EnvOptions) -> Result<SuperConfig> {
        let recipe = Recipe::Env {
            prefix: prefix.to_string(),
            options: opts.clone(),
        };
        self.add(recipe, None)
    }

    /// The rules of [`with_env`](Self::with_env) over a given mapping.
    pub fn with_env_map<I, K, V>(&self, vars: I, prefix: &str) -> Result<SuperConfig>
    where
        I: IntoIterator<Item = (K, V)>,
        K: Into<String>,
        V: Into<String>,
    {
        self.with_env_map_opts(vars, prefix, &EnvOptions::default())
    }

    /// [`with_env_map`](Self::with_env_map) with options.
    pub fn with_env_map_opts<I, K, V>(
        &self,
        vars: I,
        prefix: &str,
        opts: &EnvOptions,
    ) -> Result<SuperConfig>
    where
        I: IntoIterator<Item = (K, V)>,
        K: Into<String>,
        V: Into<String>,
    {
        // Only the variables with the prefix can matter, now or on a reload.
        let vars = vars
            .into_iter()
            .map(|(k, v)| (k.into(), v.into()))
            .filter(|(k, _): &(String, String)| crate::env::has_prefix(k, prefix))
            .collect();
        let recipe = Recipe::EnvMap {
            vars,
            prefix: prefix.to_string(),
            options: opts.clone(),
        };
        self.add(recipe, None)
    }

    /// Adds the variables named by `aliases` (variable name → dotted key path), read from the
    /// process environment without a prefix: `DATABASE_URL` → `database.url`, `PORT` →
    /// `server.port`, typed like every variable.
    pub fn with_env_aliases<K: AsRef<str>, V: AsRef<str>>(
        &self,
        aliases: &[(K, V)],
    ) -> Result<SuperConfig> {
        self.add(
            Recipe::EnvAliases {
                aliases: pairs(aliases),
                vars: None,
            },
            None,
        )
    }

    /// [`with_env_aliases`](Self::with_env_aliases) over given variables instead of the
    /// process environment (the browser, tests).
    pub fn with_env_aliases_map<K: AsRef<str>, V: AsRef<str>, N: AsRef<str>, T: AsRef<str>>(
        &self,
        aliases: &[(K, V)],
        vars: &[(N, T)],
    ) -> Result<SuperConfig> {
        // Only the named variables can matter, now or on a reload.
        let named: Vec<(&str, &str)> = vars
            .iter()
            .map(|(n, v)| (n.as_ref(), v.as_ref()))
            .filter(|(n, _)| aliases.iter().any(|(a, _)| a.as_ref() == *n))
            .collect();
        self.add(
            Recipe::EnvAliases {
                aliases: pairs(aliases),
                vars: Some(pairs(&named)),
            },
            None,
        )
    }

    /// Adds a secrets directory (Docker, Kubernetes): each regular file one secret value, its
    /// name the key path (`db__password` → `db.password`).
    #[cfg(feature = "fs")]
    pub fn with_secrets_dir(&self, path: impl AsRef<Path>) -> Result<SuperConfig> {
        self.with_secrets_dir_opts(path, &SecretsOptions::default())
    }

    /// [`with_secrets_dir`](Self::with_secrets_dir) reading only the files whose name starts
    /// with a prefix (dropped from the key).
    #[cfg(feature = "fs")]
    pub fn with_secrets_dir_opts(
        &self,
        path: impl AsRef<Path>,
        opts: &SecretsOptions,
    ) -> Result<SuperConfig> {
        let recipe = Recipe::SecretsDir {
            path: path.as_ref().to_path_buf(),
            options: opts.clone(),
        };
        self.add(recipe, None)
    }

    /// Adds every file matching `pattern` (relative to the current directory).
    #[cfg(feature = "fs")]
    pub fn with_glob(&self, pattern: &str) -> Result<SuperConfig> {
        self.with_glob_opts(pattern, &GlobOptions::default())
    }

    /// [`with_glob`](Self::with_glob) with a base directory.
    #[cfg(feature = "fs")]
    pub fn with_glob_opts(&self, pattern: &str, opts: &GlobOptions) -> Result<SuperConfig> {
        let recipe = Recipe::Glob {
            pattern: pattern.to_string(),
            options: opts.clone(),
        };
        self.add(recipe, None)
    }

    /// Git-style discovery of `app`'s configuration files.
    #[cfg(feature = "fs")]
    pub fn with_hierarchical(&self, app: &str) -> Result<SuperConfig> {
        self.with_hierarchical_opts(app, &HierarchicalOptions::default())
    }

    /// [`with_hierarchical`](Self::with_hierarchical) with explicit directories.
    #[cfg(feature = "fs")]
    pub fn with_hierarchical_opts(
        &self,
        app: &str,
        opts: &HierarchicalOptions,
    ) -> Result<SuperConfig> {
        let recipe = Recipe::Hierarchical {
            app: app.to_string(),
            options: opts.clone(),
        };
        self.add(recipe, None)
    }

    /// Activates a profile; every layer is re-applied under it.
    pub fn select_profile(&self, name: &str) -> Result<SuperConfig> {
        if name.is_empty() {
            return Err(Error::invalid_argument("profile name must not be empty"));
        }
        self.step(|s| s.with_profile(name))
    }

    /// Activates the profile named by the variable `var` (`APP_ENV`, `NODE_ENV`); unset or
    /// empty: `default`.
    pub fn select_profile_from_env(&self, var: &str, default: &str) -> Result<SuperConfig> {
        self.profile_from(var, default, None)
    }

    /// [`select_profile_from_env`](Self::select_profile_from_env) over given variables.
    pub fn select_profile_from_env_map<N: AsRef<str>, T: AsRef<str>>(
        &self,
        var: &str,
        default: &str,
        vars: &[(N, T)],
    ) -> Result<SuperConfig> {
        self.profile_from(var, default, Some(&pairs(vars)))
    }

    /// The profile `var` names in `vars` (or the process environment); unset or empty: `default`.
    fn profile_from(
        &self,
        var: &str,
        default: &str,
        vars: Option<&[(String, String)]>,
    ) -> Result<SuperConfig> {
        let value = crate::env::var_in(var, vars);
        self.select_profile(
            value
                .as_deref()
                .filter(|v| !v.is_empty())
                .unwrap_or(default),
        )
    }

    /// Drops warnings whose kind or message matches one of the glob patterns.
    pub fn suppress_warnings<S: AsRef<str>>(&self, patterns: &[S]) -> Result<SuperConfig> {
        let patterns: Vec<String> = patterns.iter().map(|p| p.as_ref().to_string()).collect();
        self.step(|s| s.with_suppress(&patterns))
    }

    // ----- reading ------------------------------------------------------------------------

    /// The node at `path` (shared, cheap to clone); `KeyNotFound` when absent.
    #[inline]
    pub fn get_node<P: KeyPath + ?Sized>(&self, path: &P) -> Result<Node> {
        REGISTRY.with(&self.handle, |s| {
            lookup(&s.root, path)
                .cloned()
                .ok_or_else(|| crate::read::missing(&s.root, path))
        })?
    }

    /// The node at `path`, or `None` when absent: for reads with a default, which build no
    /// `KeyNotFound` only to drop it.
    #[inline]
    pub fn find_node<P: KeyPath + ?Sized>(&self, path: &P) -> Result<Option<Node>> {
        REGISTRY.with(&self.handle, |s| lookup(&s.root, path).cloned())
    }

    /// The `KeyNotFound` error for `path`, naming the closest existing key when one is near:
    /// for bindings that found nothing at `path` with [`find_node`](Self::find_node).
    pub fn missing<P: KeyPath + ?Sized>(&self, path: &P) -> Error {
        match REGISTRY.with(&self.handle, |s| crate::read::missing(&s.root, path)) {
            Ok(e) | Err(e) => e,
        }
    }

    /// The value at `path` as `T`; `KeyNotFound` when absent, `TypeMismatch` naming the key.
    pub fn get<T: DeserializeOwned, P: KeyPath + ?Sized>(&self, path: &P) -> Result<T> {
        let state = self.state()?;
        let node =
            lookup(&state.root, path).ok_or_else(|| crate::read::missing(&state.root, path))?;
        from_node(node, || path.display(), Some(&state))
    }

    /// The value at `path`, or `default` when absent.
    pub fn get_or<T: DeserializeOwned, P: KeyPath + ?Sized>(
        &self,
        path: &P,
        default: T,
    ) -> Result<T> {
        let state = self.state()?;
        match lookup(&state.root, path) {
            Some(node) => from_node(node, || path.display(), Some(&state)),
            None => Ok(default),
        }
    }

    /// Whether a value (null included) is at `path`.
    pub fn has<P: KeyPath + ?Sized>(&self, path: &P) -> Result<bool> {
        REGISTRY.with(&self.handle, |s| lookup(&s.root, path).is_some())
    }

    /// The keys of the table at `path`, in order.
    pub fn keys<P: KeyPath + ?Sized>(&self, path: &P) -> Result<Vec<String>> {
        let node = self.get_node(path)?;
        match &node.value {
            Value::Table(t) => Ok(t.keys().map(str::to_string).collect()),
            other => {
                let key = path.display();
                Err(Error::TypeMismatch(
                    crate::Details::new(format!("'{key}' is a {}, not a table", other.type_name()))
                        .key(key),
                ))
            }
        }
    }

    /// The whole merged tree.
    pub fn tree(&self) -> Result<Node> {
        REGISTRY.with(&self.handle, |s| s.root.clone())
    }

    /// The whole configuration as `T` (a struct, a map, `serde_json::Value`, …).
    pub fn extract<T: DeserializeOwned>(&self) -> Result<T> {
        let state = self.state()?;
        from_node(&state.root, String::new, Some(&state))
    }

    /// The subtree at `path` as `T`.
    pub fn extract_at<T: DeserializeOwned, P: KeyPath + ?Sized>(&self, path: &P) -> Result<T> {
        self.get(path)
    }

    /// The original texts of the values under `path` that came from a variable or a secret
    /// file and were typed as numbers or booleans, as (segments below `path`, text): what a
    /// binding's typed extraction gives a string field (docs/behaviour.md, "Original text").
    pub fn texts<P: KeyPath + ?Sized>(&self, path: &P) -> Result<Vec<(Vec<String>, String)>> {
        let state = self.state()?;
        let node =
            lookup(&state.root, path).ok_or_else(|| crate::read::missing(&state.root, path))?;
        Ok(provenance::texts(&state, node))
    }

    /// The `TypeMismatch` of a binding's typed extraction, from each invalid field's key path
    /// (segments from the root) and message: the core names each value's source and writes the
    /// message, so that every face says it the same way.
    pub fn type_mismatch(&self, fields: &[(Vec<String>, String)]) -> Error {
        let state = match self.state() {
            Ok(state) => state,
            Err(e) => return e,
        };
        Error::type_mismatch(
            fields
                .iter()
                .map(|(segments, message)| provenance::field_error(&state, segments, message))
                .collect(),
        )
    }

    /// Where the value at `path` was set.
    pub fn source<P: KeyPath + ?Sized>(&self, path: &P) -> Result<Source> {
        let state = self.state()?;
        let node = provenance::set_node(&state, path)?;
        Ok(provenance::source_of(&state, node.origin))
    }

    /// The value at `path` (redacted), its source, and what it overrode.
    pub fn explain<P: KeyPath + ?Sized>(&self, path: &P) -> Result<Explanation> {
        provenance::explain(&*self.state()?, &segments(path))
    }

    /// The merged configuration as text.
    pub fn dump(&self, format: Format, redact: bool) -> Result<String> {
        let state = self.state()?;
        let rules = redact.then(|| state.redactor());
        dump(&state.root, format, rules.as_ref())
    }

    /// Warnings, in the order they arose (suppressed ones left out).
    pub fn warnings(&self) -> Result<Vec<Warning>> {
        Ok(self.state()?.warnings())
    }

    /// Every layer with its status.
    pub fn layers(&self) -> Result<Vec<LayerInfo>> {
        Ok(self.state()?.layers.iter().map(|l| l.info()).collect())
    }

    /// The builder steps behind the layers, in the order applied, one per step (a glob's files
    /// share their step's): each as given, which is what making its layers again needs.
    pub fn recipes(&self) -> Result<Vec<Recipe>> {
        let state = self.state()?;
        Ok(crate::layers::steps(&state.layers)
            .filter_map(|step| step[0].recipe.as_deref().cloned())
            .collect())
    }

    /// Profile names seen in profiled layers.
    pub fn profiles(&self) -> Result<Vec<String>> {
        Ok(self.state()?.profiles())
    }

    /// The active profile.
    pub fn active_profile(&self) -> Result<String> {
        Ok(self.state()?.profile.to_string())
    }
}

/// Owned copies of string pairs, for a recipe.
fn pairs<K: AsRef<str>, V: AsRef<str>>(items: &[(K, V)]) -> Arc<[(String, String)]> {
    items
        .iter()
        .map(|(k, v)| (k.as_ref().to_string(), v.as_ref().to_string()))
        .collect()
}

impl Clone for SuperConfig {
    /// [`snapshot`](SuperConfig::snapshot). (Cloning a configuration whose handle is gone
    /// gives one whose every call is `InvalidHandle`, never a silently empty configuration.)
    fn clone(&self) -> Self {
        self.snapshot().unwrap_or(SuperConfig {
            handle: ConfigHandle::invalid(),
        })
    }
}

// ----- live configuration (docs/behaviour.md, "Reload") ------------------------------------

impl SuperConfig {
    /// Reloads applied to this configuration: 0 when built, + 1 for each reload that changed a
    /// value. A snapshot keeps the version of the tree it holds; a builder step starts at 0.
    pub fn version(&self) -> Result<u64> {
        Ok(self.state()?.version)
    }

    /// Makes every layer again from its source (files, globs, discovery, the environment)
    /// under the same profile, and swaps the new tree in at once: readers see the old tree or
    /// the new one, never a mix. `Ok(Some(change))` when a value changed (the version is one
    /// more), `Ok(None)` when none did. An error (a file that no longer parses, a warning in
    /// strict mode) changes nothing: the last good tree stays, and subscribers get
    /// [`ReloadEvent::ReloadFailed`].
    ///
    /// ```
    /// use superconfig::{Format, StringOptions, SuperConfig};
    ///
    /// let cfg = SuperConfig::new().with_string_opts(
    ///     "port = 80",
    ///     Format::Toml,
    ///     &StringOptions { name: Some("app".into()), ..Default::default() },
    /// )?;
    /// let change = cfg.update_string("app", "port = 8080")?.expect("a value changed");
    /// assert_eq!((change.version, change.changed[0].path.as_str()), (1, "port"));
    /// assert_eq!(cfg.get::<i64, _>("port")?, 8080);
    /// assert!(cfg.update_string("app", "port = 8080  # same")?.is_none());
    /// assert!(cfg.update_string("app", "port = ").is_err()); // 8080 stays
    /// assert_eq!((cfg.version()?, cfg.get::<i64, _>("port")?), (1, 8080));
    /// # Ok::<(), superconfig::Error>(())
    /// ```
    pub fn reload(&self) -> Result<Option<crate::Change>> {
        crate::live::reload(&self.handle)
    }

    /// Gives the string layers named `name` (`with_string_opts`' name) the text `text`, then
    /// reloads as [`reload`](Self::reload) does: the browser's way to change a configuration.
    /// No string layer of that name: `InvalidArgument`.
    pub fn update_string(&self, name: &str, text: &str) -> Result<Option<crate::Change>> {
        crate::live::update_string(&self.handle, name, text)
    }

    /// The events of every later reload of this configuration (by [`reload`](Self::reload),
    /// [`update_string`](Self::update_string) or a watcher), in order.
    pub fn subscribe(&self) -> Result<crate::Subscription> {
        crate::live::subscribe(&self.handle)
    }

    /// A second handle onto this live configuration — for another thread or JS realm that
    /// must follow it: both answer from the same tree, a reload through either (or a watcher
    /// of either) swaps it for both, and subscribers of either hear every event. Unlike
    /// [`snapshot`](Self::snapshot), which stays on the tree it copied.
    pub fn follower(&self) -> Result<SuperConfig> {
        Ok(SuperConfig {
            handle: crate::live::follower(&self.handle)?,
        })
    }

    /// A new handle onto the current tree: it answers from that tree whatever later reloads
    /// of this configuration do, keeps its version, and reloads on its own from here.
    pub fn snapshot(&self) -> Result<SuperConfig> {
        Ok(Self::from_state(self.state()?.copy()))
    }

    /// Reloads whenever an input changes: the directories of every file, glob root,
    /// discovery directory and secrets directory are watched (OS events, or polling with
    /// `poll_ms`), a burst of events within `debounce_ms` is one reload, unchanged contents
    /// apply nothing. Watching stops when the returned watcher is closed or dropped.
    #[cfg(feature = "watch")]
    pub fn watch(&self, options: &crate::WatchOptions) -> Result<crate::Watcher> {
        crate::live::watch::watch(&self.handle, options)
    }
}

impl SuperConfig {
    /// Frees this configuration's registry entry now, as dropping it would; every later call on
    /// it is `InvalidHandle` (docs/behaviour.md, "Handles"). Freeing again does nothing. For
    /// bindings whose objects
    /// outlive an explicit `free()` (the browser build).
    pub fn free(&self) {
        let _ = REGISTRY.delete(&self.handle);
    }
}

impl Drop for SuperConfig {
    fn drop(&mut self) {
        // Already freed is fine: dropping must never fail.
        let _ = REGISTRY.delete(&self.handle);
    }
}

impl fmt::Debug for SuperConfig {
    /// Shows the handle, profile and layers — never values, so never a secret.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.state() {
            Ok(s) => {
                let layers: Vec<String> = s
                    .layers
                    .iter()
                    .map(|l| format!("{}:{}", l.kind, l.name))
                    .collect();
                write!(
                    f,
                    "SuperConfig(handle={}, profile={:?}, layers={:?})",
                    self.handle.id(),
                    &*s.profile,
                    layers
                )
            }
            Err(_) => write!(f, "SuperConfig(handle={}, freed)", self.handle.id()),
        }
    }
}
