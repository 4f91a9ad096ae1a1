//! "Where did this value come from?" (docs/behaviour.md, "Reading"): `source` and `explain`.

use std::borrow::Cow;

use crate::Result;
use crate::error::{FieldError, FieldSource};
use crate::layers::{Locs, SourceKind, VarSource};
use crate::read::{KeyPath, lookup};
use crate::redact::redacted_at;
use crate::state::{State, contributions};
use crate::value::{Node, Origin, Value, array_op};

pub use crate::source::Source;

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
        Locs::Vars(how) => {
            let Some(var) = layer.vars.get((origin.loc as usize).wrapping_sub(1)) else {
                return Source {
                    kind: layer.kind,
                    name: layer.name.clone(),
                    line: None,
                };
            };
            match how {
                VarSource::Variable => Source {
                    kind: layer.kind,
                    name: var.name.to_string(),
                    line: None,
                },
                VarSource::DotenvLine => Source {
                    kind: layer.kind,
                    name: layer.name.clone(),
                    line: (var.line > 0).then_some(var.line),
                },
                VarSource::SecretFile => Source {
                    kind: layer.kind,
                    name: std::path::Path::new(&layer.name)
                        .join(&*var.name)
                        .display()
                        .to_string(),
                    line: None,
                },
            }
        }
        Locs::Unknown => Source {
            kind: layer.kind,
            name: layer.name.clone(),
            line: None,
        },
    }
}

/// The original text of a value read from a variable or a secret file, when it was typed as a
/// number or a boolean (docs/behaviour.md, "Original text").
pub(crate) fn text_of<'s>(state: &'s State, node: &Node) -> Option<Cow<'s, str>> {
    if !matches!(node.value, Value::Int(_) | Value::Float(_) | Value::Bool(_)) {
        return None;
    }
    let layer = state.layer(node.origin.layer)?;
    if !matches!(layer.locs, Locs::Vars(_)) {
        return None;
    }
    let var = layer.vars.get((node.origin.loc as usize).wrapping_sub(1))?;
    if !var.scalar {
        return None;
    }
    // A kept text, else the value as it prints (which is how it was written).
    Some(match (&var.text, &node.value) {
        (Some(text), _) => Cow::Borrowed(text.as_str()),
        (None, Value::Int(i)) => Cow::Owned(i.to_string()),
        (None, Value::Bool(b)) => Cow::Owned(b.to_string()),
        (None, _) => return None,
    })
}

/// Every kept text under `node`, with its segments below `node`. Only configurations with a
/// layer read from variables are walked.
pub(crate) fn texts(state: &State, node: &Node) -> Vec<(Vec<String>, String)> {
    let mut out = Vec::new();
    let any = state
        .layers
        .iter()
        .any(|l| matches!(l.locs, Locs::Vars(_)) && l.vars.iter().any(|v| v.scalar));
    if any {
        collect_texts(state, node, &mut Vec::new(), &mut out);
    }
    out
}

fn collect_texts(
    state: &State,
    node: &Node,
    path: &mut Vec<String>,
    out: &mut Vec<(Vec<String>, String)>,
) {
    match &node.value {
        Value::Table(t) => {
            for (k, v) in t.iter() {
                path.push(k.to_string());
                collect_texts(state, v, path, out);
                path.pop();
            }
        }
        Value::Array(a) => {
            for (i, v) in a.iter().enumerate() {
                path.push(i.to_string());
                collect_texts(state, v, path, out);
                path.pop();
            }
        }
        _ => {
            if let Some(text) = text_of(state, node) {
                out.push((path.clone(), text.to_string()));
            }
        }
    }
}

/// One invalid field of a binding's extraction, with the source of the value at `segments`
/// (none when nothing is there: a missing field).
pub(crate) fn field_error(state: &State, segments: &[String], message: &str) -> FieldError {
    FieldError {
        key: segments.join("."),
        message: message.to_string(),
        source: lookup(&state.root, segments).and_then(|n| field_source(state, n.origin)),
    }
}

/// The source of a value some layer set, for a [`FieldError`].
pub(crate) fn field_source(state: &State, origin: Origin) -> Option<FieldSource> {
    state.layer(origin.layer)?;
    let s = source_of(state, origin);
    Some(FieldSource {
        kind: s.kind.as_str(),
        name: s.name,
        line: s.line,
    })
}

/// The node at `path`, which some layer set. A node no layer set (the root of an empty
/// configuration) has no source: it is not found either.
pub(crate) fn set_node<'s, P: KeyPath + ?Sized>(state: &'s State, path: &P) -> Result<&'s Node> {
    lookup(&state.root, path)
        .filter(|n| state.layer(n.origin.layer).is_some())
        .ok_or_else(|| crate::read::missing(&state.root, path))
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
        value: redacted_at(node, segments, &state.redactor()),
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
