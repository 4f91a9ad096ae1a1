//! Secret redaction (SPEC §6): values under keys that look like secrets are shown as `***`.

use std::sync::Arc;

use crate::value::{Node, Value};

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
    let key = key.as_bytes();
    SECRET_WORDS.iter().any(|w| {
        key.windows(w.len())
            .any(|part| part.eq_ignore_ascii_case(w.as_bytes()))
    })
}

/// The tree with secrets replaced; subtrees without secrets stay shared (a tree without
/// secrets is not copied at all).
pub(crate) fn redacted(node: &Node) -> Node {
    let mut out = node.clone();
    redact_in_place(&mut out);
    out
}

/// Whether any key under `node` is secret.
fn has_secret(node: &Node) -> bool {
    match &node.value {
        Value::Table(t) => t.iter().any(|(k, v)| is_secret_key(k) || has_secret(v)),
        Value::Array(a) => a.iter().any(has_secret),
        _ => false,
    }
}

/// Replaces secrets, copying (copy-on-write) only the tables and arrays on the way to one.
fn redact_in_place(node: &mut Node) {
    if !has_secret(node) {
        return;
    }
    match &mut node.value {
        Value::Table(t) => Arc::make_mut(t).for_each_mut(|k, v| {
            if is_secret_key(k) {
                *v = secret(v);
            } else {
                redact_in_place(v);
            }
        }),
        Value::Array(a) => Arc::make_mut(a)
            .items_mut()
            .iter_mut()
            .for_each(redact_in_place),
        _ => {}
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

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(json: serde_json::Value) -> Node {
        Node::try_from(&json).expect("a JSON table")
    }

    #[test]
    fn secrets_are_replaced_at_any_depth_and_case() {
        let t = tree(serde_json::json!({
            "db": {"DB_Password": "p1", "hosts": ["a"]},
            "clients": [{"name": "x", "apiKey": "k1"}, {"name": "y"}],
        }));
        let out = serde_json::to_value(redacted(&t)).expect("json");
        assert_eq!(
            out,
            serde_json::json!({
                "db": {"DB_Password": "***", "hosts": ["a"]},
                "clients": [{"name": "x", "apiKey": "***"}, {"name": "y"}],
            })
        );
    }

    #[test]
    fn subtrees_without_secrets_are_shared_not_copied() {
        let t = tree(serde_json::json!({"public": {"a": [1, {"b": 2}]}, "auth": {"token": "t"}}));
        let out = redacted(&t);
        let public = |n: &Node| match &n.as_table().and_then(|t| t.get("public")).map(|p| &p.value)
        {
            Some(Value::Table(arc)) => Arc::as_ptr(arc),
            _ => std::ptr::null(),
        };
        assert_eq!(public(&t), public(&out));
        let clean = tree(serde_json::json!({"a": {"b": [1, 2]}}));
        match (&clean.value, &redacted(&clean).value) {
            (Value::Table(x), Value::Table(y)) => assert!(Arc::ptr_eq(x, y)),
            _ => panic!("tables"),
        }
    }
}
