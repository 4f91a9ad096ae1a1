//! Secret redaction (SPEC §6): values under keys that look like secrets are shown as `***`.

use std::sync::Arc;

use crate::value::{Array, Node, Table, Value};

const SECRET_WORDS: [&str; 8] = [
    "password",
    "passwd",
    "secret",
    "token",
    "api_key",
    "apikey",
    "private_key",
    "credential",
];

/// The placeholder shown instead of a secret.
pub const REDACTED: &str = "***";

/// Whether a key's name marks its value as secret (case-insensitive substring match).
pub fn is_secret_key(key: &str) -> bool {
    let lower = key.to_ascii_lowercase();
    SECRET_WORDS.iter().any(|w| lower.contains(w))
}

/// A copy of the tree with secrets replaced; untouched subtrees stay shared.
pub(crate) fn redacted(node: &Node) -> Node {
    match &node.value {
        Value::Table(t) => {
            let mut out = Table::with_capacity(t.len());
            for (k, v) in t.iter_arc() {
                let v = if is_secret_key(k) {
                    secret(v)
                } else {
                    redacted(v)
                };
                out.insert(k.clone(), v);
            }
            Node::at(Value::Table(Arc::new(out)), node.origin)
        }
        Value::Array(a) => Node::at(
            Value::Array(Arc::new(Array::new(a.iter().map(redacted).collect()))),
            node.origin,
        ),
        _ => node.clone(),
    }
}

fn secret(node: &Node) -> Node {
    Node::at(Value::string(REDACTED), node.origin)
}

/// The value at a path, redacted if any segment of the path is secret.
pub(crate) fn redacted_at(node: &Node, segments: &[String]) -> Node {
    if segments.iter().any(|s| is_secret_key(s)) {
        secret(node)
    } else {
        redacted(node)
    }
}
