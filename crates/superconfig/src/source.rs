//! Where a value was set (a leaf module, so that events can name sources without depending on
//! how they are found: `provenance`).

use crate::layers::SourceKind;

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
