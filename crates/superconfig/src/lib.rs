//! # SuperConfig
//!
//! One configuration engine for Rust, Python, Node and the browser. It loads layers — defaults,
//! files (TOML, YAML, JSON, dotenv), strings, environment variables, globs and Git-style
//! discovered directories — deep-merges them (with `X_add`/`X_remove` array operations and
//! profiles), and answers reads, typed extraction and "where did this value come from".
//!
//! ```
//! use superconfig::{Format, SuperConfig};
//!
//! let cfg = SuperConfig::new()
//!     .with_string("servers = [\"a\"]\n[log]\nlevel = \"info\"\n", Format::Toml)?
//!     .with_string("servers_add: [b]\nlog: {level: debug}\n", Format::Yaml)?;
//! assert_eq!(cfg.get::<Vec<String>, _>("servers")?, vec!["a", "b"]);
//! assert_eq!(cfg.get::<String, _>("log.level")?, "debug");
//! let why = cfg.explain("log.level")?;
//! assert_eq!(why.overridden.len(), 1);
//! # Ok::<(), superconfig::Error>(())
//! ```
//!
//! Every configuration lives in the process-wide [`REGISTRY`]; a [`SuperConfig`] is a handle.

mod config;
mod de;
mod dump;
mod env;
mod error;
pub mod formats;
mod layers;
mod limits;
mod live;
mod merge;
pub mod panic;
mod profile;
mod provenance;
mod read;
mod redact;
mod registry;
mod source;
mod state;
mod value;

pub use config::{ConfigOptions, StringOptions, SuperConfig};
pub use dump::json_text;
pub use error::{Details, Error, FieldError, FieldSource, Result, Warning, WarningKind};
pub use formats::{FORMATS, Format, FormatInfo};
#[cfg(feature = "fs")]
pub use layers::options::GlobOptions;
#[cfg(feature = "fs")]
pub use layers::options::HierarchicalOptions;
#[cfg(feature = "fs")]
pub use layers::options::SecretsOptions;
pub use layers::options::{EnvOptions, FileOptions};
pub use layers::recipe::Recipe;
pub use layers::{LayerInfo, LayerStatus, SourceKind};
#[cfg(feature = "watch")]
pub use live::watch::{WatchOptions, Watcher};
pub use live::{Change, KeyChange, ReloadEvent, ReloadFailure, Subscription};
pub use profile::{DEFAULT_PROFILE, GLOBAL_SECTION};
pub use provenance::{Explanation, Source};
pub use read::{KeyPath, number_segment};
pub use redact::{REDACTED, is_secret_key};
pub use registry::{ConfigHandle, ConfigRegistry, HandleId, REGISTRY, Stats, stats};
pub use value::{Array, LayerId, Node, Origin, SmolStr, Table, Value};
