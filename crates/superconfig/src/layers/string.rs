//! `with_string`: a document given as text (how the browser build loads files).

use super::{Layer, LayerStatus, Locs, SourceKind, VarSource};
use crate::Result;
use crate::formats::{self, Format};
use crate::value::Node;

pub(crate) fn load(text: &str, format: Format, name: &str, profiles: bool) -> Result<Layer> {
    let mut layer = Layer::new(SourceKind::String, name, LayerStatus::Loaded);
    layer.profiles = profiles;
    parse_into(layer, text, Some(format), name)
}

/// Maps a dotenv document's variables into `layer` (sources: the file, at each line).
pub(crate) fn dotenv_into(
    mut layer: Layer,
    text: &str,
    mapping: &crate::env::Mapping<'_>,
    name: &str,
) -> Result<Layer> {
    layer.locs = Locs::Vars(VarSource::DotenvLine);
    let parsed = formats::strip_bom(text)
        .and_then(|text| crate::env::dotenv_tree(text, mapping, layer.id))
        .map_err(|e| e.in_file(name))?;
    Ok(match parsed {
        Some(built) => layer.with_vars(built),
        None => layer.with_tree(None),
    })
}

/// Parses `text` into `layer` (shared with file layers); errors name `name`.
pub(crate) fn parse_into(
    layer: Layer,
    text: &str,
    format: Option<Format>,
    name: &str,
) -> Result<Layer> {
    // `Instant::now()` panics on wasm32-unknown-unknown (no clock): no timing there.
    #[cfg(not(target_arch = "wasm32"))]
    let started = std::time::Instant::now();
    if format == Some(Format::Dotenv) {
        return dotenv_into(layer, text, &crate::env::DOTENV_FILE, name);
    }
    let tree = formats::parse(text, format, layer.id).map_err(|e| e.in_file(name))?;
    // About one node per 16 bytes of source: good enough for memory statistics.
    let layer = layer.with_tree_sized(tree, text.len() / 16);
    let keys = layer
        .tree
        .as_ref()
        .and_then(Node::as_table)
        .map_or(0, |t| t.len());
    #[cfg(not(target_arch = "wasm32"))]
    log::info!(
        "loaded {name} ({keys} top-level keys) in {:?}",
        started.elapsed()
    );
    #[cfg(target_arch = "wasm32")]
    log::info!("loaded {name} ({keys} top-level keys)");
    Ok(layer)
}
