//! `with_env` / `with_env_map`: variables with a prefix (rules in `crate::env`); with a dotenv
//! file, its variables first, as a layer of their own.

use super::options::EnvOptions;
use super::{Layer, LayerStatus, Locs, SourceKind, VarSource};
use crate::Result;
use crate::env::{EnvTree, Mapping, build_env_tree};

fn mapping<'a>(prefix: &'a str, opts: &'a EnvOptions) -> Mapping<'a> {
    Mapping {
        prefix,
        separator: &opts.separator,
        ignore_empty: opts.ignore_empty,
        paths: None,
    }
}

/// The env layer, and before it the dotenv file's when the options name one.
pub(crate) fn load(
    vars: &[(String, String)],
    prefix: &str,
    opts: &EnvOptions,
    limit: u64,
) -> Result<Vec<Layer>> {
    let mut layers = Vec::with_capacity(2);
    if let Some(path) = &opts.dotenv {
        #[cfg(feature = "fs")]
        layers.push(super::file::load_dotenv(
            path,
            &path.display().to_string(),
            &mapping(prefix, opts),
            limit,
        )?);
        #[cfg(not(feature = "fs"))]
        {
            let _ = (path, limit);
            return Err(super::no_files());
        }
    }
    let mut layer = Layer::new(SourceKind::Env, prefix, LayerStatus::Loaded);
    let built = build_env_tree(vars, None, &mapping(prefix, opts), layer.id)?;
    log::info!(
        "env prefix '{prefix}': {} variables matched",
        built.vars.len()
    );
    layer.locs = Locs::Vars(VarSource::Variable);
    if !prefix.is_empty() {
        layer.prefixed = true;
    }
    layers.push(layer.with_vars(built));
    Ok(layers)
}

/// `with_env_aliases`: each named variable that is set, at its given key path (`vars`, when
/// given, stands for the process environment).
pub(crate) fn load_aliases(
    aliases: &[(String, String)],
    vars: Option<&[(String, String)]>,
) -> Result<Layer> {
    for (name, path) in aliases {
        if name.is_empty() || path.is_empty() || path.split('.').any(str::is_empty) {
            return Err(crate::Error::invalid_argument(format!(
                "env alias '{name}' -> '{path}': a variable name and a dotted key path without empty segments are required"
            )));
        }
    }
    let (found, paths): (Vec<(String, String)>, Vec<String>) = aliases
        .iter()
        .filter_map(|(name, path)| {
            let value = crate::env::var_in(name, vars)?;
            Some(((name.clone(), value.into_owned()), path.clone()))
        })
        .unzip();
    let mut layer = Layer::new(SourceKind::Env, "aliases", LayerStatus::Loaded);
    let built = build_env_tree(
        &found,
        None,
        &Mapping {
            prefix: "",
            separator: ".",
            ignore_empty: false,
            paths: Some(&paths),
        },
        layer.id,
    )?;
    layer.locs = Locs::Vars(VarSource::Variable);
    Ok(layer.with_vars(built))
}

impl Layer {
    /// Gives the layer the tree, variables and warnings built from variables.
    pub(crate) fn with_vars(mut self, built: EnvTree) -> Layer {
        self.vars = built.vars.into();
        self.warnings.extend(built.warnings);
        self.with_tree(built.tree)
    }
}
