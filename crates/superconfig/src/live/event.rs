//! What a reload reports (docs/behaviour.md, "Reload"): the events, in one leaf module.

use crate::error::Error;
use crate::source::Source;
use crate::value::Node;

/// One reload's outcome, as listeners and watchers receive it, in the order reloads happened.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum ReloadEvent {
    /// A reload changed at least one value; the new tree is in place.
    Changed(Change),
    /// A reload failed; the last good tree is still served.
    ReloadFailed(ReloadFailure),
}

impl ReloadEvent {
    /// `Changed` or `ReloadFailed`: the event kinds every face names the same way.
    pub fn kind(&self) -> &'static str {
        match self {
            ReloadEvent::Changed(_) => "Changed",
            ReloadEvent::ReloadFailed(_) => "ReloadFailed",
        }
    }

    /// Every event kind: the list each face's types are checked against.
    pub const KINDS: [&'static str; 2] = ["Changed", "ReloadFailed"];
}

/// The difference a reload made: key paths of leaves (scalars, arrays as a whole, empty
/// tables), each list in tree order.
#[derive(Debug, Clone, Default)]
pub struct Change {
    /// The configuration's version after this reload.
    pub version: u64,
    /// Paths that had no value before.
    pub added: Vec<KeyChange>,
    /// Paths that have no value now.
    pub removed: Vec<KeyChange>,
    /// Paths whose value differs.
    pub changed: Vec<KeyChange>,
}

impl Change {
    /// Whether no value changed.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// One changed key: its dotted path, old and new value (secrets redacted as in dumps) and
/// where each came from. An added key has no old side, a removed one no new side.
#[derive(Debug, Clone)]
pub struct KeyChange {
    /// Dotted key path (array items by index).
    pub path: String,
    /// The value before, redacted.
    pub old: Option<Node>,
    /// The value after, redacted.
    pub new: Option<Node>,
    /// Where the old value was set.
    pub old_source: Option<Source>,
    /// Where the new value is set.
    pub new_source: Option<Source>,
}

/// A reload that changed nothing because its input is broken.
#[derive(Debug, Clone)]
pub struct ReloadFailure {
    /// The version still served.
    pub version: u64,
    /// Why: the typed error, with file and line where known.
    pub error: Error,
}
