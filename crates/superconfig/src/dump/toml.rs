//! TOML text of a tree, written here rather than through the `toml` crate's serializer: the
//! browser build's size (the serializer is 5 KB gzipped of a 150 KB budget). The caller has
//! refused what TOML cannot hold (null, nesting past the readers' limit). Plain keys come
//! first, then each table as a `[section]` and each non-empty array of tables as `[[sections]]`;
//! anything inside an array is written inline.

use std::fmt::Write;

use crate::value::{Array, Node, Table, Value};

/// The TOML document of a root table.
pub(super) fn write(root: &Node) -> String {
    let mut out = String::new();
    if let Value::Table(t) = &root.value {
        body(t, &mut Vec::new(), &mut out);
    }
    out
}

/// A table's plain keys, then its sections, named by `path`.
fn body<'a>(table: &'a Table, path: &mut Vec<&'a str>, out: &mut String) {
    for (k, v) in table.iter() {
        if !is_section(&v.value) {
            key(k, out);
            out.push_str(" = ");
            inline(&v.value, out);
            out.push('\n');
        }
    }
    for (k, v) in table.iter() {
        path.push(k);
        match &v.value {
            Value::Table(sub) => {
                header(path, "[", "]", out);
                body(sub, path, out);
            }
            Value::Array(items) if is_table_array(items) => {
                for item in items.iter() {
                    header(path, "[[", "]]", out);
                    if let Value::Table(sub) = &item.value {
                        body(sub, path, out);
                    }
                }
            }
            _ => {}
        }
        path.pop();
    }
}

fn is_section(value: &Value) -> bool {
    match value {
        Value::Table(_) => true,
        Value::Array(items) => is_table_array(items),
        _ => false,
    }
}

fn is_table_array(items: &Array) -> bool {
    !items.is_empty() && items.iter().all(|n| matches!(n.value, Value::Table(_)))
}

fn header(path: &[&str], open: &str, close: &str, out: &mut String) {
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(open);
    for (i, k) in path.iter().enumerate() {
        if i > 0 {
            out.push('.');
        }
        key(k, out);
    }
    out.push_str(close);
    out.push('\n');
}

/// A key: bare when TOML allows it, else a basic string.
fn key(k: &str, out: &mut String) {
    let bare = !k.is_empty()
        && k.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if bare {
        out.push_str(k);
    } else {
        string(k, out);
    }
}

fn inline(value: &Value, out: &mut String) {
    match value {
        // Refused by the caller; written as TOML's nearest, never reached.
        Value::Null => out.push_str("\"\""),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Value::Float(f) => float(*f, out),
        Value::String(s) => string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                inline(&item.value, out);
            }
            out.push(']');
        }
        Value::Table(t) => {
            out.push('{');
            for (i, (k, v)) in t.iter().enumerate() {
                out.push_str(if i > 0 { ", " } else { " " });
                key(k, out);
                out.push_str(" = ");
                inline(&v.value, out);
            }
            out.push_str(if t.is_empty() { "}" } else { " }" });
        }
    }
}

/// The shortest text that reads back as the same float (Rust's `{:?}`: `0.1`, `1.0`, `1e300`,
/// `-0.0`, all TOML floats), or TOML's `nan`/`inf`.
fn float(f: f64, out: &mut String) {
    if f.is_nan() {
        out.push_str("nan");
    } else if f.is_infinite() {
        out.push_str(if f > 0.0 { "inf" } else { "-inf" });
    } else {
        let _ = write!(out, "{f:?}");
    }
}

/// A basic string: every control character escaped (TOML allows none raw).
fn string(s: &str, out: &mut String) {
    super::quoted(s, |c| (c as u32) < 0x20 || c == '\u{7f}', out);
}

#[cfg(test)]
mod tests {
    use crate::formats::{self, Format};
    use crate::value::{LayerId, Node};

    fn round_trip(json: serde_json::Value) -> String {
        let original = Node::try_from(&json).expect("a table");
        let text = super::write(&original);
        let back = formats::parse(&text, Some(Format::Toml), LayerId(1))
            .expect("reads back")
            .unwrap_or_else(|| Node::try_from(&serde_json::json!({})).expect("empty"));
        assert!(back.value.deep_eq(&original.value), "{text}");
        // The `toml` crate's own reader agrees.
        toml::de::DeTable::parse(&text).expect("the toml crate reads it");
        text
    }

    #[test]
    fn every_shape_reads_back() {
        let text = round_trip(serde_json::json!({
            "title": "a \"quoted\" \\ path\n\t\u{1}\u{7f} é",
            "n": -3, "f": 0.1, "big": 1e300, "tiny": -1.5e-7, "whole": 2.0, "zero": -0.0,
            "ok": true, "": "empty key", "a.b": "dotted key", "sp ace": 1,
            "list": [1, "two", [3.5, []], {"x": {}}],
            "empty": {}, "none": [],
            "server": {"host": "h", "tls": {"on": false}, "ports": [1, 2]},
            "routes": [{"path": "/", "to": {"svc": "a"}}, {}, {"path": "/b", "sub": [{"k": 1}]}],
            "mixed": [{"a": 1}, 2],
        }));
        assert!(text.starts_with("title = "), "{text}");
        assert!(text.contains("\n[server.tls]\non = false\n"), "{text}");
        assert!(text.contains("\n[[routes]]\npath = \"/\"\n"), "{text}");
        assert!(text.contains("\n[[routes.sub]]\nk = 1\n"), "{text}");
        assert!(text.contains("mixed = [{ a = 1 }, 2]"), "{text}");
    }

    #[test]
    fn special_floats_are_toml_words() {
        let mut out = String::new();
        for f in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 1e16, 0.5] {
            super::float(f, &mut out);
            out.push(' ');
        }
        assert_eq!(out, "nan inf -inf 1e16 0.5 ");
    }
}
