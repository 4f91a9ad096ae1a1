//! The difference between two snapshots' merged trees (docs/behaviour.md, "Reload"): leaves
//! compared by value, each side with its source and its value redacted.

use std::sync::Arc;

use super::event::{Change, KeyChange};
use crate::provenance::source_of;
use crate::redact::{Redactor, redacted_at};
use crate::state::State;
use crate::value::{Node, Value};

/// What changed from `old` to `new`; `version` is left for the caller.
pub(crate) fn diff(old: &State, new: &State) -> Change {
    let mut walk = Walk {
        old,
        new,
        old_rules: old.redactor(),
        new_rules: new.redactor(),
        path: Vec::new(),
        change: Change::default(),
    };
    walk.node(Some(&old.root), Some(&new.root));
    walk.change
}

struct Walk<'s> {
    old: &'s State,
    new: &'s State,
    old_rules: Redactor,
    new_rules: Redactor,
    path: Vec<String>,
    change: Change,
}

fn is_branch(node: &Node) -> bool {
    matches!(&node.value, Value::Table(t) if !t.is_empty())
}

impl Walk<'_> {
    fn node(&mut self, old: Option<&Node>, new: Option<&Node>) {
        match (old, new) {
            (Some(a), Some(b)) if is_branch(a) && is_branch(b) => {
                let (Value::Table(x), Value::Table(y)) = (&a.value, &b.value) else {
                    return;
                };
                if Arc::ptr_eq(x, y) {
                    return;
                }
                for (k, v) in x.iter() {
                    self.path.push(k.to_string());
                    self.node(Some(v), y.get(k));
                    self.path.pop();
                }
                for (k, v) in y.iter().filter(|(k, _)| !x.contains_key(k)) {
                    self.path.push(k.to_string());
                    self.node(None, Some(v));
                    self.path.pop();
                }
            }
            (Some(a), Some(b)) if !is_branch(a) && !is_branch(b) => {
                if !a.value.deep_eq(&b.value) {
                    let entry = self.entry(Some(a), Some(b));
                    self.change.changed.push(entry);
                }
            }
            // A leaf became a table or the other way round: the old side's leaves went, the
            // new side's came.
            (Some(a), Some(b)) => {
                self.node(Some(a), None);
                self.node(None, Some(b));
            }
            (Some(a), None) => self.leaves(a, true),
            (None, Some(b)) => self.leaves(b, false),
            (None, None) => {}
        }
    }

    /// Every leaf under `node`, as removed (`gone`) or added.
    fn leaves(&mut self, node: &Node, gone: bool) {
        if let Value::Table(t) = &node.value
            && !t.is_empty()
        {
            for (k, v) in t.iter() {
                self.path.push(k.to_string());
                self.leaves(v, gone);
                self.path.pop();
            }
            return;
        }
        if gone {
            let entry = self.entry(Some(node), None);
            self.change.removed.push(entry);
        } else {
            let entry = self.entry(None, Some(node));
            self.change.added.push(entry);
        }
    }

    fn entry(&self, old: Option<&Node>, new: Option<&Node>) -> KeyChange {
        KeyChange {
            path: self.path.join("."),
            old: old.map(|n| redacted_at(n, &self.path, &self.old_rules)),
            new: new.map(|n| redacted_at(n, &self.path, &self.new_rules)),
            old_source: old.map(|n| source_of(self.old, n.origin)),
            new_source: new.map(|n| source_of(self.new, n.origin)),
        }
    }
}
