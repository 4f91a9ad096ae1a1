//! Option objects of the builder methods (camelCase in JS) and their core counterparts.

use std::path::PathBuf;

use napi_derive::napi;
use superconfig::{Format, Result};

/// Options of `new SuperConfig(options)`.
#[napi(object, object_to_js = false)]
#[derive(Default)]
pub struct ConfigOptions {
    /// Every warning is raised as an error of the same kind by the call that caused it.
    pub strict: Option<bool>,
    /// Largest file any layer reads, in bytes (default 64 MiB): a larger one is an `IoError`.
    pub max_file_bytes: Option<i64>,
}

impl ConfigOptions {
    pub fn to_core(&self) -> Result<superconfig::ConfigOptions> {
        let defaults = superconfig::ConfigOptions::default();
        let max_file_bytes = match self.max_file_bytes {
            None => defaults.max_file_bytes,
            Some(n) => u64::try_from(n).map_err(|_| {
                superconfig::Error::InvalidArgument(superconfig::Details::new(
                    "maxFileBytes must be a non-negative number of bytes",
                ))
            })?,
        };
        Ok(superconfig::ConfigOptions {
            strict: self.strict.unwrap_or(false),
            max_file_bytes,
        })
    }
}

/// Options of `withFile`.
#[napi(object, object_to_js = false)]
#[derive(Default)]
pub struct FileOptions {
    /// A missing file is a `FileNotFound` error rather than a warning.
    pub required: Option<bool>,
    /// The format, overriding the extension (`toml`, `yaml`, `yml`, `json`, `env`, `dotenv`).
    #[napi(ts_type = "Format")]
    pub format: Option<String>,
    /// Top-level keys are profile names.
    pub profiles: Option<bool>,
}

/// Options of `withString`.
#[napi(object, object_to_js = false)]
#[derive(Default)]
pub struct StringOptions {
    /// Source name in provenance and errors (default `<string>`).
    pub name: Option<String>,
    /// Top-level keys are profile names.
    pub profiles: Option<bool>,
}

/// Options of `withEnv` and `withEnvMap`.
#[napi(object, object_to_js = false)]
#[derive(Default)]
pub struct EnvOptions {
    /// Splits the rest of a variable name into a key path (default `__`).
    pub separator: Option<String>,
    /// Skips variables whose value is empty.
    pub ignore_empty: Option<bool>,
}

/// Options of `withGlob`.
#[napi(object, object_to_js = false)]
#[derive(Default)]
pub struct GlobOptions {
    /// The directory the pattern is relative to (default: the current directory).
    pub base_dir: Option<String>,
}

/// Options of `withHierarchical`.
#[napi(object, object_to_js = false)]
#[derive(Default)]
pub struct HierarchicalOptions {
    /// System directory (default `/etc`).
    pub system_dir: Option<String>,
    /// User directory (default: the XDG config home).
    pub user_dir: Option<String>,
    /// Where the project walk ends, nearest (default: the current directory).
    pub start_dir: Option<String>,
    /// Where the project walk begins, outermost (default: the filesystem root).
    pub stop_dir: Option<String>,
}

/// A format name, parsed by the core (an unknown name is its `InvalidArgument`).
pub fn format(name: &str) -> Result<Format> {
    name.parse()
}

impl FileOptions {
    pub fn to_core(&self) -> Result<superconfig::FileOptions> {
        Ok(superconfig::FileOptions {
            required: self.required.unwrap_or(false),
            format: self.format.as_deref().map(format).transpose()?,
            profiles: self.profiles.unwrap_or(false),
            max_bytes: None,
        })
    }
}

impl StringOptions {
    pub fn to_core(&self) -> superconfig::StringOptions {
        superconfig::StringOptions {
            name: self.name.clone(),
            profiles: self.profiles.unwrap_or(false),
        }
    }
}

impl EnvOptions {
    pub fn to_core(&self) -> superconfig::EnvOptions {
        let mut opts = superconfig::EnvOptions::default();
        if let Some(separator) = &self.separator {
            opts.separator.clone_from(separator);
        }
        opts.ignore_empty = self.ignore_empty.unwrap_or(false);
        opts
    }
}

impl GlobOptions {
    pub fn to_core(&self) -> superconfig::GlobOptions {
        let mut opts = superconfig::GlobOptions::default();
        if let Some(base) = &self.base_dir {
            opts.base_dir = PathBuf::from(base);
        }
        opts
    }
}

impl HierarchicalOptions {
    pub fn to_core(&self) -> superconfig::HierarchicalOptions {
        superconfig::HierarchicalOptions {
            system_dir: self.system_dir.as_ref().map(PathBuf::from),
            user_dir: self.user_dir.as_ref().map(PathBuf::from),
            start_dir: self.start_dir.as_ref().map(PathBuf::from),
            stop_dir: self.stop_dir.as_ref().map(PathBuf::from),
        }
    }
}
