//! Makes a step's layers from its [`Recipe`], each keeping the recipe: the one place that maps a
//! builder step to its loader, for the first load and for every reload.

use std::sync::Arc;

use super::recipe::Recipe;
use super::{Layer, Reuse, env, string};
use crate::{Error, Result};

/// The layers of one step (one, or one per file for globs and discovery); `tree` is the
/// given tree of a defaults step; `limit` the configuration's file size limit; `reuse` the
/// step's earlier layers when reloading (unchanged files are kept, not parsed again).
#[cfg_attr(not(feature = "fs"), allow(unused_variables))] // only files are kept by content
pub(crate) fn make(
    recipe: Recipe,
    tree: Option<crate::value::Node>,
    limit: u64,
    reuse: Reuse<'_>,
) -> Result<Vec<Layer>> {
    let mut layers = match &recipe {
        Recipe::Defaults => match tree {
            Some(tree) => vec![super::defaults::load(tree)?],
            None => {
                return Err(Error::invalid_argument(
                    "a defaults layer is made from its tree",
                ));
            }
        },
        #[cfg(feature = "fs")]
        Recipe::File { path, options } => {
            vec![super::file::load(
                path,
                &path.display().to_string(),
                options,
                limit,
                reuse,
            )?]
        }
        // The browser build reads no file: its faces load text with `with_string`.
        #[cfg(not(feature = "fs"))]
        Recipe::File { .. } => return Err(crate::layers::no_files()),
        Recipe::Text {
            text,
            format,
            name,
            profiles,
        } => vec![string::load(text, *format, name, *profiles)?],
        Recipe::Env { prefix, options } => {
            env::load(&crate::env::process_env(prefix), prefix, options, limit)?
        }
        Recipe::EnvMap {
            vars,
            prefix,
            options,
        } => env::load(vars, prefix, options, limit)?,
        Recipe::EnvAliases { aliases, vars } => {
            vec![env::load_aliases(aliases, vars.as_deref())?]
        }
        #[cfg(feature = "fs")]
        Recipe::SecretsDir { path, options } => vec![super::secrets::load(path, options, limit)?],
        #[cfg(feature = "fs")]
        Recipe::Glob { pattern, options } => super::glob::load(pattern, options, limit, reuse)?,
        #[cfg(feature = "fs")]
        Recipe::Hierarchical { app, options } => {
            super::hierarchical::load(app, options, limit, reuse)?
        }
    };
    let recipe = Arc::new(recipe);
    for layer in &mut layers {
        layer.recipe = Some(Arc::clone(&recipe));
    }
    Ok(layers)
}
