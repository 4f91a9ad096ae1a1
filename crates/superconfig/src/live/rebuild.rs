//! Making a snapshot's layers again from their recipes (docs/behaviour.md, "Reload").

use std::sync::Arc;

use crate::layers::make::make;
use crate::layers::recipe::Recipe;
use crate::layers::{Layer, steps};
use crate::state::State;
use crate::{Error, Result};

/// `old`'s layers made again, one builder step at a time, merged under `old`'s profile; with
/// `replace = (name, text)` the string layers named `name` get `text` first.
pub(crate) fn rebuild(old: &State, replace: Option<(&str, &str)>) -> Result<State> {
    let mut layers: Vec<Layer> = Vec::with_capacity(old.layers.len());
    let mut replaced = false;
    for step in steps(&old.layers) {
        let Some(recipe) = step[0].recipe.as_deref() else {
            layers.extend(step.iter().map(|l| Layer::clone(l)));
            continue;
        };
        let recipe = match (recipe, replace) {
            // A given tree is what it is.
            (Recipe::Defaults, _) => {
                layers.extend(step.iter().map(|l| Layer::clone(l)));
                continue;
            }
            (
                Recipe::Text {
                    name,
                    format,
                    profiles,
                    ..
                },
                Some((wanted, text)),
            ) if name == wanted => {
                replaced = true;
                Recipe::Text {
                    text: Arc::from(text),
                    format: *format,
                    name: name.clone(),
                    profiles: *profiles,
                }
            }
            (recipe, _) => recipe.clone(),
        };
        layers.extend(make(recipe, None, old.max_file_bytes, step)?);
    }
    if let Some((name, _)) = replace
        && !replaced
    {
        return Err(Error::invalid_argument(format!(
            "no string layer is named '{name}' (name it with with_string's name option)"
        )));
    }
    old.rebuilt(layers)
}
