//! Limits every parser and builder enforces (docs/behaviour.md, "Nesting and size limits"): a
//! leaf module, so the tree, the formats and the environment mapping share them without
//! depending on each other.

use crate::{Details, Error};

/// Deepest nesting accepted in any document: deeper input is a `ParseError`, never a stack overflow.
pub const MAX_DEPTH: usize = 128;

/// Deepest nesting in a TOML document (tables, arrays, dotted keys and header parts all count):
/// the `toml` crate refuses headers and arrays nested deeper, so a deeper tree could be read from
/// one TOML spelling (inline tables) but not from another (the headers a dump writes). TOML
/// dumps refuse deeper trees for the same reason.
pub const TOML_MAX_DEPTH: usize = 80;

/// Files larger than this are refused before they are read (docs/behaviour.md, "Files").
pub const DEFAULT_MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Most nodes a YAML document may expand to through aliases (a "billion laughs" guard).
pub const MAX_EXPANDED_NODES: usize = 1_000_000;

/// The error for nesting deeper than [`MAX_DEPTH`].
pub(crate) fn too_deep(line: Option<u32>, column: Option<u32>) -> Error {
    too_deep_for(MAX_DEPTH, line, column)
}

/// The error for nesting deeper than `limit` levels.
pub(crate) fn too_deep_for(limit: usize, line: Option<u32>, column: Option<u32>) -> Error {
    Error::parse(Details::new(format!("nesting deeper than {limit} levels")).at(line, column))
}
