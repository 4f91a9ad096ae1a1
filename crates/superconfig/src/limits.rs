//! Limits every parser and builder enforces (docs/behaviour.md, "Nesting and size limits"): a
//! leaf module, so the tree, the formats and the environment mapping share them without
//! depending on each other.

use crate::{Details, Error};

/// Deepest nesting accepted in any document: deeper input is a `ParseError`, never a stack overflow.
pub const MAX_DEPTH: usize = 128;

/// Most nodes a YAML document may expand to through aliases (a "billion laughs" guard).
pub const MAX_EXPANDED_NODES: usize = 1_000_000;

/// The error for nesting deeper than [`MAX_DEPTH`].
pub(crate) fn too_deep(line: Option<u32>, column: Option<u32>) -> Error {
    Error::parse(Details::new(format!("nesting deeper than {MAX_DEPTH} levels")).at(line, column))
}
