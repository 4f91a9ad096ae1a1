//! Secret redaction (docs/behaviour.md, "Reading"): values under keys that look like secrets are
//! shown as `***`.

use std::sync::Arc;

use crate::value::{Array, Node, Table, Value};

/// Words that mark a key as secret, compared with the key's name normalised (see
/// [`is_secret_key`]): so `api_key`, `apiKey`, `API-KEY` and `api.key` are all `apikey`.
const SECRET_WORDS: [&str; 8] = [
    "password",
    "passwd",
    "passphrase",
    "secret",
    "token",
    "apikey",
    "privatekey",
    "credential",
];

/// The placeholder shown instead of a secret.
pub const REDACTED: &str = "***";

/// Whether a key's name marks its value as secret: one of the secret words appears in the name
/// once `-`, `_` and `.` are dropped and ASCII case is folded (`privateKey`, `private-key`,
/// `clientSecret`, `DB_PASSPHRASE`).
pub fn is_secret_key(key: &str) -> bool {
    let normalised: Vec<u8> = key
        .bytes()
        .filter(|b| !matches!(b, b'-' | b'_' | b'.'))
        .map(|b| b.to_ascii_lowercase())
        .collect();
    SECRET_WORDS
        .iter()
        .any(|w| normalised.windows(w.len()).any(|part| part == w.as_bytes()))
}

/// The tree with secrets replaced; subtrees without secrets stay shared (a tree without
/// secrets is not copied at all).
pub(crate) fn redacted(node: &Node) -> Node {
    redact(node).unwrap_or_else(|| node.clone())
}

/// `node` with its secrets replaced, or `None` when it holds none. One walk: a table or array
/// is copied only when something inside it changed, the first time it does.
fn redact(node: &Node) -> Option<Node> {
    match &node.value {
        Value::Table(t) => {
            let mut copy: Option<Table> = None;
            for (k, v) in t.iter_arc() {
                let new = if is_secret_key(k) {
                    Some(secret(v))
                } else {
                    redact(v)
                };
                if let Some(new) = new {
                    // A replaced key keeps its position.
                    copy.get_or_insert_with(|| (**t).clone())
                        .insert(k.clone(), new);
                }
            }
            copy.map(|t| Node::at(Value::Table(Arc::new(t)), node.origin))
        }
        Value::Array(a) => {
            let mut copy: Option<Array> = None;
            for (i, v) in a.iter().enumerate() {
                if let Some(new) = redact(v) {
                    copy.get_or_insert_with(|| (**a).clone()).items_mut()[i] = new;
                }
            }
            copy.map(|a| Node::at(Value::Array(Arc::new(a)), node.origin))
        }
        _ => None,
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
    fn key_names_are_normalised_before_matching() {
        for key in [
            "privateKey",
            "private-key",
            "private_key",
            "PRIVATE.KEY",
            "api-key",
            "apiKey",
            "API_KEY",
            "clientSecret",
            "passphrase",
            "db_passPhrase",
            "x-auth-token",
            "passwd",
            "Credentials",
        ] {
            assert!(is_secret_key(key), "{key}");
        }
        for key in [
            "host", "port", "api", "key", "private", "pass", "tok", "ken",
        ] {
            assert!(!is_secret_key(key), "{key}");
        }
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
