//! "Where did this value come from?" (docs/behaviour.md, "Reading"): `source` and `explain`.

use crate::layers::{Locs, SourceKind};
use crate::read::{KeyPath, lookup};
use crate::redact::redacted_at;
use crate::state::{State, contributions};
use crate::value::{Node, Origin, Value, array_op};
use crate::{Error, Result};

/// The layer (and line or variable) that set a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// `defaults`, `file`, `string` or `env`.
    pub kind: SourceKind,
    /// File path, source name, `defaults`, or the environment variable's name.
    pub name: String,
    /// 1-based line where the format gives one.
    pub line: Option<u32>,
}

/// A value, its source, and the earlier sources it overrode (oldest first).
#[derive(Debug, Clone)]
pub struct Explanation {
    /// The value, secrets redacted.
    pub value: Node,
    /// Where it was set.
    pub source: Source,
    /// Earlier layers that had a value at this path.
    pub overridden: Vec<Source>,
}

/// Callers pass origins of nodes some layer set (`source`/`explain` treat the untouched root of
/// an empty configuration as not found); the fallback below is never an answer they give.
pub(crate) fn source_of(state: &State, origin: Origin) -> Source {
    let Some(layer) = state.layer(origin.layer) else {
        return Source {
            kind: SourceKind::Defaults,
            name: "defaults".to_string(),
            line: None,
        };
    };
    match layer.locs {
        Locs::Lines => Source {
            kind: layer.kind,
            name: layer.name.clone(),
            line: (origin.loc > 0).then_some(origin.loc),
        },
        Locs::EnvVars => {
            let name = layer
                .env_names
                .get((origin.loc as usize).wrapping_sub(1))
                .map_or_else(|| layer.name.clone(), |n| n.to_string());
            Source {
                kind: layer.kind,
                name,
                line: None,
            }
        }
        Locs::Unknown => Source {
            kind: layer.kind,
            name: layer.name.clone(),
            line: None,
        },
    }
}

/// The node at `path`, which some layer set. A node no layer set (the root of an empty
/// configuration) has no source: it is not found either.
pub(crate) fn set_node<'s, P: KeyPath + ?Sized>(state: &'s State, path: &P) -> Result<&'s Node> {
    lookup(&state.root, path)
        .filter(|n| state.layer(n.origin.layer).is_some())
        .ok_or_else(|| Error::key_not_found(&path.display()))
}

pub(crate) fn explain(state: &State, segments: &[String]) -> Result<Explanation> {
    let node = set_node(state, segments)?;
    let source = source_of(state, node.origin);
    let mut hits = Vec::new();
    let mut ignored = Vec::new();
    for layer in &state.layers {
        for tree in contributions(layer, &state.profile, &mut ignored) {
            if let Some(origin) = set_in(tree, segments) {
                hits.push(source_of(state, origin));
            }
        }
    }
    hits.pop();
    Ok(Explanation {
        value: redacted_at(node, segments),
        source,
        overridden: hits,
    })
}

/// Where `tree` sets the path: the node itself, or an `_add`/`_remove` on it.
fn set_in(tree: &Node, segments: &[String]) -> Option<Origin> {
    if let Some(node) = lookup(tree, segments) {
        return Some(node.origin);
    }
    let (last, parent) = segments.split_last()?;
    let parent = lookup(tree, parent)?;
    let Value::Table(t) = &parent.value else {
        return None;
    };
    t.iter()
        .find(|(k, v)| array_op(k, &v.value).is_some_and(|(base, _)| base == last))
        .map(|(_, v)| v.origin)
}
