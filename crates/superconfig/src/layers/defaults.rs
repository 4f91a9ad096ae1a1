//! `with_defaults`: a tree given in code.

use super::{Layer, LayerStatus, Locs, SourceKind};
use crate::value::{Node, Origin};
use crate::{Error, Result};

pub(crate) fn load(mut tree: Node) -> Result<Layer> {
    if tree.as_table().is_none() {
        return Err(Error::invalid_argument(format!(
            "defaults must be a table (dict/object), got {}",
            tree.value.type_name()
        )));
    }
    let mut layer = Layer::new(SourceKind::Defaults, "defaults", LayerStatus::Loaded);
    layer.locs = Locs::Unknown;
    let nodes = tree.stamp(Origin::new(layer.id, 0));
    let keys = tree.as_table().map_or(0, |t| t.len());
    log::info!("loaded defaults ({keys} top-level keys)");
    Ok(layer.with_tree_sized(Some(tree), nodes))
}
