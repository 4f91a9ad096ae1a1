//! Writing the merged tree back out as JSON, TOML or YAML, secrets redacted by default. Every
//! dump reads back (with this crate or any other parser of the format) as the same tree; what a
//! format cannot hold (null in TOML, NaN or infinity in JSON) is an error naming the key.

mod json;
pub use json::json_text;
mod toml;

use std::fmt::Write;

use crate::formats::{Format, plain_is_string};
use crate::redact::{Redactor, redacted};
use crate::value::{Node, SmolStr, Value};
use crate::{Details, Error, Result};

/// `root` as text; with `redact`, secrets (by key name, and by `rules`) replaced.
pub(crate) fn dump(root: &Node, format: Format, redact: Option<&Redactor>) -> Result<String> {
    let owned;
    let node = if let Some(rules) = redact {
        owned = redacted(root, rules);
        &owned
    } else {
        root
    };
    match format {
        Format::Json => {
            let non_finite = |v: &Value| matches!(v, Value::Float(f) if !f.is_finite());
            if let Some(path) = find(node, &non_finite, &mut Vec::new()) {
                return Err(cannot_hold(
                    format!("JSON has no NaN or infinity: cannot write '{path}'"),
                    path,
                ));
            }
            Ok(json::write(node))
        }
        Format::Toml => {
            if let Some(path) = find(node, &|v| matches!(v, Value::Null), &mut Vec::new()) {
                return Err(cannot_hold(
                    format!("TOML has no null: cannot write '{path}'"),
                    path,
                ));
            }
            if crate::value::tree_depth(node) > crate::limits::TOML_MAX_DEPTH {
                let path = deepest_path(node);
                return Err(cannot_hold(
                    format!(
                        "TOML readers refuse nesting deeper than {} levels: cannot write '{path}'",
                        crate::limits::TOML_MAX_DEPTH
                    ),
                    path,
                ));
            }
            Ok(toml::write(node))
        }
        Format::Yaml => {
            let mut out = String::new();
            yaml_block(node, 0, &mut out);
            Ok(out)
        }
        Format::Dotenv => Err(Error::invalid_argument("dump supports json, toml and yaml")),
    }
}

fn cannot_hold(message: String, path: String) -> Error {
    Error::InvalidArgument(Details::new(message).key(path))
}

/// The key path of a deepest leaf.
fn deepest_path(node: &Node) -> String {
    let mut path = Vec::new();
    let mut at = node;
    loop {
        let deepest = match &at.value {
            Value::Table(t) => t
                .iter_arc()
                .max_by_key(|(_, v)| crate::value::tree_depth(v))
                .map(|(k, v)| (k.clone(), v)),
            Value::Array(a) => a
                .iter()
                .enumerate()
                .max_by_key(|(_, v)| crate::value::tree_depth(v))
                .map(|(i, v)| (SmolStr::new(i.to_string()), v)),
            _ => None,
        };
        match deepest {
            Some((key, next)) => {
                path.push(key);
                at = next;
            }
            None => return crate::formats::join_path(&path),
        }
    }
}

/// The key path of the first value `pred` holds for.
fn find(node: &Node, pred: &dyn Fn(&Value) -> bool, path: &mut Vec<SmolStr>) -> Option<String> {
    if pred(&node.value) {
        return Some(crate::formats::join_path(path));
    }
    match &node.value {
        Value::Table(t) => t.iter_arc().find_map(|(k, v)| {
            path.push(k.clone());
            let found = find(v, pred, path);
            path.pop();
            found
        }),
        Value::Array(a) => a.iter().enumerate().find_map(|(i, v)| {
            path.push(SmolStr::new(i.to_string()));
            let found = find(v, pred, path);
            path.pop();
            found
        }),
        _ => None,
    }
}

// ----- YAML -------------------------------------------------------------------------------
// Written here rather than by yaml-rust2's emitter, which leaves strings such as "0o755" or
// "1_000" unquoted, so they read back as numbers.

/// `node` as a block collection at `indent`, or as a scalar line; ends with a newline.
fn yaml_block(node: &Node, indent: usize, out: &mut String) {
    match &node.value {
        Value::Table(t) if !t.is_empty() => {
            let mut key = String::new();
            for (k, v) in t.iter() {
                key.clear();
                yaml_string(k, &mut key);
                pad(out, indent);
                // YAML allows an implicit key of at most 1024 characters; a longer one is
                // written as an explicit key (`? key` then `: value`).
                if key.chars().count() > 1000 {
                    out.push_str("? ");
                    out.push_str(&key);
                    out.push('\n');
                    pad(out, indent);
                } else {
                    out.push_str(&key);
                }
                out.push(':');
                yaml_child(v, indent, out);
            }
        }
        Value::Array(a) if !a.is_empty() => {
            for v in a.iter() {
                pad(out, indent);
                out.push('-');
                yaml_child(v, indent, out);
            }
        }
        _ => {
            yaml_scalar(&node.value, out);
            out.push('\n');
        }
    }
}

/// What follows `key:` or `-`: a nested block on the next lines, or ` scalar`.
fn yaml_child(node: &Node, indent: usize, out: &mut String) {
    let nested = match &node.value {
        Value::Table(t) => !t.is_empty(),
        Value::Array(a) => !a.is_empty(),
        _ => false,
    };
    if nested {
        out.push('\n');
        yaml_block(node, indent + 2, out);
    } else {
        out.push(' ');
        yaml_scalar(&node.value, out);
        out.push('\n');
    }
}

fn pad(out: &mut String, indent: usize) {
    out.extend(std::iter::repeat_n(' ', indent));
}

fn yaml_scalar(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Value::Float(f) if f.is_nan() => out.push_str(".nan"),
        Value::Float(f) if f.is_infinite() => out.push_str(if *f > 0.0 { ".inf" } else { "-.inf" }),
        Value::Float(f) => yaml_float(*f, out),
        Value::String(s) => yaml_string(s, out),
        Value::Table(_) => out.push_str("{}"),
        Value::Array(_) => out.push_str("[]"),
    }
}

/// A finite float in the form every YAML reader takes for a float: YAML 1.1 readers (PyYAML)
/// want a `.` in the mantissa and a sign in the exponent (`1.0e+300`, not `1e300`).
fn yaml_float(f: f64, out: &mut String) {
    let text = format!("{f:?}");
    match text.split_once('e') {
        Some((mantissa, exponent)) => {
            out.push_str(mantissa);
            if !mantissa.contains('.') {
                out.push_str(".0");
            }
            out.push('e');
            if !exponent.starts_with('-') {
                out.push('+');
            }
            out.push_str(exponent);
        }
        None => out.push_str(&text),
    }
}

/// A string plain when every YAML reader (1.2 core schema, and 1.1 readers such as PyYAML)
/// takes it as that same string; double-quoted otherwise.
fn yaml_string(s: &str, out: &mut String) {
    if plain_is_safe(s) {
        out.push_str(s);
        return;
    }
    // Not printable in YAML (controls, DEL, C1 controls, the byte order mark) or line breaks
    // to a YAML reader (NEL, LS, PS): escaped.
    quoted(
        s,
        |c| {
            (c as u32) < 0x20
                || ('\u{7f}'..='\u{9f}').contains(&c)
                || matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}')
        },
        out,
    );
}

/// `s` double-quoted, the string syntax YAML and TOML share: `"`, `\`, `\n`, `\t` and `\r`
/// escaped, and every character `hex` picks as `\uXXXX`.
fn quoted(s: &str, hex: fn(char) -> bool, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if hex(c) => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Words YAML 1.1 readers take as booleans or null.
const YAML11_WORDS: [&str; 10] = [
    "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~",
];

fn plain_is_safe(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    // Anything that starts like a number (or a date) is quoted: readers disagree about them.
    (first.is_ascii_alphabetic() || first == '_' || first == '/')
        && !s.ends_with(' ')
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '/' | ' '))
        && !YAML11_WORDS.iter().any(|w| w.eq_ignore_ascii_case(s))
        && plain_is_string(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats;
    use crate::value::LayerId;

    fn tree(json: serde_json::Value) -> Node {
        Node::try_from(&json).expect("a JSON table")
    }

    #[test]
    fn yaml_quotes_every_string_another_reader_would_not_read_back() {
        let strings = [
            "0o755",
            "0x1F",
            "1_000",
            "0755",
            "1e3",
            ".5",
            "-1",
            "+1",
            "yes",
            "No",
            "ON",
            "~",
            "null",
            "true",
            "",
            " lead",
            "trail ",
            "a: b",
            "a #b",
            "#c",
            "- x",
            "<<",
            "*a",
            "&a",
            "!t",
            "|",
            ">",
            "'",
            "\"",
            "%x",
            "@x",
            "`x",
            "{x}",
            "[x]",
            "a\nb",
            "\u{feff}x",
            "\u{85}",
            "2001-12-14",
            "12:30",
            "plain words",
            "web-01.local/path",
        ];
        let mut map = serde_json::Map::new();
        for (i, s) in strings.iter().enumerate() {
            map.insert(format!("k{i}"), serde_json::json!(s));
            map.insert((*s).to_string(), serde_json::json!(i));
        }
        // Keys past YAML's 1024-character limit for implicit keys, with scalar and nested values.
        map.insert("k".repeat(2000), serde_json::json!(1));
        map.insert("\"".repeat(600), serde_json::json!({"a": [1, {"b": 2}]}));
        let original = tree(serde_json::Value::Object(map));
        let text = dump(&original, Format::Yaml, None).expect("dumps");
        let back = formats::parse(&text, Some(Format::Yaml), LayerId(1))
            .expect("reads back")
            .expect("a tree");
        assert!(back.value.deep_eq(&original.value), "{text}");
        assert!(text.contains("k39: plain words\n"), "{text}");
    }

    #[test]
    fn yaml_floats_keep_a_dot_and_a_signed_exponent() {
        let mut out = String::new();
        for f in [1e300, 1.5e-7, -2.0, 0.1, 1e16] {
            yaml_float(f, &mut out);
            out.push(' ');
        }
        assert_eq!(out, "1.0e+300 1.5e-7 -2.0 0.1 1.0e+16 ");
    }

    #[test]
    fn json_refuses_non_finite_floats_naming_the_key() {
        let mut t = tree(serde_json::json!({"a": {"b": [1.5, 0]}}));
        if let Value::Table(root) = &mut t.value {
            let a = std::sync::Arc::make_mut(root).get_mut("a").expect("a");
            if let Value::Table(a) = &mut a.value {
                let b = std::sync::Arc::make_mut(a).get_mut("b").expect("b");
                if let Value::Array(items) = &mut b.value {
                    std::sync::Arc::make_mut(items).items_mut()[1].value = Value::Float(f64::NAN);
                }
            }
        }
        let e = dump(&t, Format::Json, None).expect_err("NaN");
        assert_eq!(e.kind(), "InvalidArgument");
        assert_eq!(e.details().key.as_deref(), Some("a.b.1"));
        // YAML and TOML have NaN.
        assert!(dump(&t, Format::Yaml, None).is_ok());
        assert!(dump(&t, Format::Toml, None).is_ok());
    }
}
