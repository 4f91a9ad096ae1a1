//! How a builder step made its layers, kept with each of them (a leaf module): what reloading
//! needs to make them again from their sources (docs/behaviour.md, "Layers"). The layers one
//! step makes share one recipe.

use std::path::PathBuf;
use std::sync::Arc;

use super::options::{EnvOptions, FileOptions};
#[cfg(feature = "fs")]
use super::options::{GlobOptions, HierarchicalOptions, SecretsOptions};
use crate::formats::Format;

/// A builder step, as given.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Recipe {
    /// `with_defaults`: the tree was given; it stays what it is.
    Defaults,
    /// `with_file`.
    File { path: PathBuf, options: FileOptions },
    /// `with_string`: the text is kept.
    Text {
        text: Arc<str>,
        format: Format,
        name: String,
        profiles: bool,
    },
    /// `with_env`: the process environment, read again.
    Env { prefix: String, options: EnvOptions },
    /// `with_env_map`: the given variables (those with the prefix; no other can matter).
    EnvMap {
        vars: Arc<[(String, String)]>,
        prefix: String,
        options: EnvOptions,
    },
    /// `with_env_aliases`: variable name → key path; the variables given, or (`None`) the
    /// process environment's, read again.
    EnvAliases {
        aliases: Arc<[(String, String)]>,
        vars: Option<Arc<[(String, String)]>>,
    },
    /// `with_secrets_dir`: the directory, listed again.
    #[cfg(feature = "fs")]
    SecretsDir {
        path: PathBuf,
        options: SecretsOptions,
    },
    /// `with_glob`: the pattern, matched again.
    #[cfg(feature = "fs")]
    Glob {
        pattern: String,
        options: GlobOptions,
    },
    /// `with_hierarchical`: discovery, run again.
    #[cfg(feature = "fs")]
    Hierarchical {
        app: String,
        options: HierarchicalOptions,
    },
}
