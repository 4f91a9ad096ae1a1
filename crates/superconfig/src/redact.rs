//! Secret redaction (docs/behaviour.md, "Reading"): values under keys that look like secrets are
//! shown as `***`.

use std::sync::Arc;

use wildmatch::WildMatch;

use crate::value::{Array, LayerId, Node, Table, Value};

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

/// What else is secret in one configuration: key-path patterns given by the user
/// (`secret_keys`), and layers whose every value is a secret (secrets directories).
#[derive(Debug, Default)]
pub(crate) struct Redactor {
    patterns: Vec<WildMatch>,
    secret_layers: Vec<LayerId>,
}

impl Redactor {
    pub(crate) fn new(patterns: &[String], secret_layers: Vec<LayerId>) -> Redactor {
        Redactor {
            patterns: patterns
                .iter()
                .map(|p| WildMatch::new_case_insensitive(p))
                .collect(),
            secret_layers,
        }
    }

    fn secret_path(&self, path: &str) -> bool {
        self.patterns.iter().any(|p| p.matches(path))
    }

    fn secret_origin(&self, node: &Node) -> bool {
        !self.secret_layers.is_empty()
            && !matches!(node.value, Value::Table(_))
            && self.secret_layers.contains(&node.origin.layer)
    }
}

/// The tree with secrets replaced; subtrees without secrets stay shared (a tree without
/// secrets is not copied at all).
pub(crate) fn redacted(node: &Node, rules: &Redactor) -> Node {
    let mut path = String::new();
    redact(node, rules, &mut path).unwrap_or_else(|| node.clone())
}

/// `node` with its secrets replaced, or `None` when it holds none. One walk: a table or array
/// is copied only when something inside it changed, the first time it does. `path` is the
/// node's dotted key path, kept only when there are patterns to match it against.
fn redact(node: &Node, rules: &Redactor, path: &mut String) -> Option<Node> {
    if rules.secret_origin(node) {
        return Some(secret(node));
    }
    match &node.value {
        Value::Table(t) => {
            let mut copy: Option<Table> = None;
            for (k, v) in t.iter_arc() {
                let len = path.len();
                if !rules.patterns.is_empty() {
                    if len > 0 {
                        path.push('.');
                    }
                    path.push_str(k);
                }
                let new = if is_secret_key(k) || (len < path.len() && rules.secret_path(path)) {
                    Some(secret(v))
                } else {
                    redact(v, rules, path)
                };
                path.truncate(len);
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
                let len = path.len();
                if !rules.patterns.is_empty() {
                    use std::fmt::Write;
                    let _ = write!(path, "{}{i}", if len > 0 { "." } else { "" });
                }
                let new = if len < path.len() && rules.secret_path(path) {
                    Some(secret(v))
                } else {
                    redact(v, rules, path)
                };
                path.truncate(len);
                if let Some(new) = new {
                    copy.get_or_insert_with(|| (**a).clone()).items_mut()[i] = new;
                }
            }
            copy.map(|a| Node::at(Value::Array(Arc::new(a)), node.origin))
        }
        Value::String(s) => {
            url_passwords_hidden(s).map(|s| Node::at(Value::string(&s), node.origin))
        }
        _ => None,
    }
}

fn secret(node: &Node) -> Node {
    Node::at(Value::string(REDACTED), node.origin)
}

/// The value at a path, redacted if any segment of the path is secret.
pub(crate) fn redacted_at(node: &Node, segments: &[String], rules: &Redactor) -> Node {
    // A value under a secret key is secret, whether the key is named like one or matches a
    // pattern: every leading part of the path is checked (the path is built only for patterns).
    let mut path = String::new();
    let secret_path = segments.iter().any(|seg| {
        if rules.patterns.is_empty() {
            return is_secret_key(seg);
        }
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(seg);
        is_secret_key(seg) || rules.secret_path(&path)
    });
    if secret_path {
        return secret(node);
    }
    redact(node, rules, &mut path).unwrap_or_else(|| node.clone())
}

/// `text` with the password of every URL in it (`scheme://user:PASSWORD@host`) replaced by
/// `***`, or `None` when it holds none. The user stays: it names an account, not a secret.
pub(crate) fn url_passwords_hidden(text: &str) -> Option<String> {
    let mut out: Option<String> = None;
    let mut done = 0;
    // `match_indices` rather than memchr's `memmem`: a three-byte needle in short values, and
    // the browser build's size (memmem's searchers are ~2 KB).
    for (start, _) in text.match_indices("://") {
        let authority_start = start + 3;
        if authority_start < done {
            continue;
        }
        let rest = &text[authority_start..];
        // The userinfo runs to the last `@` before a blank (several URLs may share one string),
        // so that a password people write with `/`, `?` or `#` in it (common in a DSN) is hidden
        // whole; a user part holding `/` means that `@` is in a path, not a userinfo. Hiding a
        // little too much (`host:8080/p@x`) is the safer mistake.
        let blank = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let Some(at) = rest[..blank].rfind('@') else {
            continue;
        };
        let Some(colon) = rest[..at].find(':') else {
            continue;
        };
        if rest[..colon].contains('/') {
            continue;
        }
        let (pw_start, pw_end) = (authority_start + colon + 1, authority_start + at);
        if pw_start == pw_end {
            continue;
        }
        let out = out.get_or_insert_with(|| String::with_capacity(text.len()));
        out.push_str(&text[done..pw_start]);
        out.push_str(REDACTED);
        done = pw_end;
    }
    out.map(|mut out| {
        out.push_str(&text[done..]);
        out
    })
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
        let out = serde_json::to_value(redacted(&t, &Redactor::default())).expect("json");
        assert_eq!(
            out,
            serde_json::json!({
                "db": {"DB_Password": "***", "hosts": ["a"]},
                "clients": [{"name": "x", "apiKey": "***"}, {"name": "y"}],
            })
        );
    }

    #[test]
    fn url_passwords_are_hidden_and_nothing_else() {
        let h = |s: &str| url_passwords_hidden(s);
        assert_eq!(
            h("postgresql://u:hunter2@h/db").as_deref(),
            Some("postgresql://u:***@h/db")
        );
        assert_eq!(
            h("a=redis://:pw@r:6379/0 b=https://x:y@z").as_deref(),
            Some("a=redis://:***@r:6379/0 b=https://x:***@z")
        );
        assert_eq!(h("https://user@host/x"), None);
        assert_eq!(
            h("postgres://user:pa/ss#x?y@host/db").as_deref(),
            Some("postgres://user:***@host/db")
        );
        // The rule's price: a port then a path holding `@` reads as a password.
        assert_eq!(
            h("https://host:8080/p@x").as_deref(),
            Some("https://host:***@x")
        );
        assert_eq!(h("https://host/p@x"), None);
        assert_eq!(h("no url here"), None);
        assert_eq!(h("x://:@h"), None);
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
        let out = redacted(&t, &Redactor::default());
        let public = |n: &Node| match &n.as_table().and_then(|t| t.get("public")).map(|p| &p.value)
        {
            Some(Value::Table(arc)) => Arc::as_ptr(arc),
            _ => std::ptr::null(),
        };
        assert_eq!(public(&t), public(&out));
        let clean = tree(serde_json::json!({"a": {"b": [1, 2]}}));
        match (&clean.value, &redacted(&clean, &Redactor::default()).value) {
            (Value::Table(x), Value::Table(y)) => assert!(Arc::ptr_eq(x, y)),
            _ => panic!("tables"),
        }
    }
}
