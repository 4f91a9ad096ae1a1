//! `with_env` / `with_env_map`: variables with a prefix (rules in `crate::env`).

use super::{Layer, LayerStatus, Locs, SourceKind};
use crate::Result;
use crate::env::build_env_tree;

/// Options of [`crate::SuperConfig::with_env_opts`].
#[derive(Debug, Clone)]
pub struct EnvOptions {
    /// Splits the rest of a name into a key path (default `__`).
    pub separator: String,
    /// Skips variables whose value is empty.
    pub ignore_empty: bool,
}

impl Default for EnvOptions {
    fn default() -> Self {
        EnvOptions {
            separator: "__".to_string(),
            ignore_empty: false,
        }
    }
}

pub(crate) fn load(vars: Vec<(String, String)>, prefix: &str, opts: &EnvOptions) -> Result<Layer> {
    let mut layer = Layer::new(SourceKind::Env, prefix, LayerStatus::Loaded);
    layer.locs = Locs::EnvVars;
    let built = build_env_tree(vars, prefix, &opts.separator, opts.ignore_empty, layer.id)?;
    log::info!(
        "env prefix '{prefix}': {} variables matched",
        built.names.len()
    );
    layer.env_names = built.names.into();
    layer.warnings = built.warnings;
    Ok(layer.with_tree(built.tree))
}
