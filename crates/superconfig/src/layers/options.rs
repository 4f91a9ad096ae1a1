//! The options of each layer kind (plain data, a leaf module): what a builder method takes, and
//! what a layer keeps in its [`super::recipe::Recipe`] to be made again.

use std::path::PathBuf;

use crate::formats::Format;

/// Options of [`crate::SuperConfig::with_file_opts`].
#[derive(Debug, Clone, Default)]
pub struct FileOptions {
    /// A missing file is an error rather than a warning.
    pub required: bool,
    /// The format, overriding the extension.
    pub format: Option<Format>,
    /// Top-level keys are profile names (docs/behaviour.md, "Profiles").
    pub profiles: bool,
    /// Largest file read, in bytes, for this call (default: the configuration's
    /// `max_file_bytes`, 64 MiB unless set); a larger one is an `IoError` before it is read.
    pub max_bytes: Option<u64>,
}

/// Options of [`crate::SuperConfig::with_env_opts`].
#[derive(Debug, Clone)]
pub struct EnvOptions {
    /// Splits the rest of a name into a key path (default `__`).
    pub separator: String,
    /// Skips variables whose value is empty.
    pub ignore_empty: bool,
    /// A dotenv file read first, with the same prefix, as a layer of its own: the process
    /// environment wins over it (docs/behaviour.md, "Environment variables").
    pub dotenv: Option<PathBuf>,
}

impl Default for EnvOptions {
    fn default() -> Self {
        EnvOptions {
            separator: "__".to_string(),
            ignore_empty: false,
            dotenv: None,
        }
    }
}

#[cfg(feature = "fs")]
/// Options of [`crate::SuperConfig::with_glob_opts`].
#[derive(Debug, Clone)]
pub struct GlobOptions {
    /// The directory the pattern is relative to (default `.`).
    pub base_dir: PathBuf,
}

#[cfg(feature = "fs")]
impl Default for GlobOptions {
    fn default() -> Self {
        GlobOptions {
            base_dir: PathBuf::from("."),
        }
    }
}

#[cfg(feature = "fs")]
/// Options of [`crate::SuperConfig::with_hierarchical_opts`]; `None` means the default.
#[derive(Debug, Clone, Default)]
pub struct HierarchicalOptions {
    /// System directory (default `/etc`).
    pub system_dir: Option<PathBuf>,
    /// User directory (default: the XDG config home, `~/.config`).
    pub user_dir: Option<PathBuf>,
    /// Where the project walk ends, nearest (default: the current directory).
    pub start_dir: Option<PathBuf>,
    /// Where the project walk begins, outermost (default: the filesystem root).
    pub stop_dir: Option<PathBuf>,
}

#[cfg(feature = "fs")]
/// Options of [`crate::SuperConfig::with_secrets_dir_opts`].
#[derive(Debug, Clone, Default)]
pub struct SecretsOptions {
    /// Only files whose name starts with it are read; it is dropped from the key (default: none).
    pub prefix: String,
}
