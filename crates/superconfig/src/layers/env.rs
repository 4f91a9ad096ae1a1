//! `with_env` / `with_env_map`: variables with a prefix (rules in `crate::env`).

use super::options::EnvOptions;
use super::{Layer, LayerStatus, Locs, SourceKind};
use crate::Result;
use crate::env::build_env_tree;

pub(crate) fn load(vars: &[(String, String)], prefix: &str, opts: &EnvOptions) -> Result<Layer> {
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
