//! JSON text of a tree, written here rather than through serde_json's serializer: the browser
//! build's size (serde_json's writer and its float formatter are 1.6 KB gzipped of a 150 KB
//! budget). Laid out as `serde_json::to_string_pretty` lays it out (two-space indent). The
//! caller has refused NaN and infinity.

use std::fmt::Write;

use crate::value::{Node, Value};

pub(super) fn write(root: &Node) -> String {
    let mut out = String::new();
    value(&root.value, Some(0), &mut out);
    out
}

/// The JSON text of `node` on one line, as `serde_json::to_string` writes it: what the
/// JavaScript faces hand to `JSON.parse` (a tree without non-finite floats).
pub fn json_text(node: &Node) -> String {
    let mut out = String::with_capacity(256);
    value(&node.value, None, &mut out);
    out
}

/// `depth`: the indentation level when pretty, `None` on one line.
fn value(v: &Value, depth: Option<usize>, out: &mut String) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) => integer(*i, out),
        // The shortest text that reads back as the same float (`0.1`, `1.0`, `1e+300`,
        // `-0.0`), the exponent signed as serde_json signs it.
        Value::Float(f) => {
            let start = out.len();
            let _ = write!(out, "{f:?}");
            if let Some(e) = out[start..].find('e')
                && !out[start + e + 1..].starts_with('-')
            {
                out.insert(start + e + 1, '+');
            }
        }
        Value::String(s) => string(s, out),
        Value::Array(items) if items.is_empty() => out.push_str("[]"),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                separate(i, depth, out);
                value(&item.value, depth.map(|d| d + 1), out);
            }
            close(depth, out);
            out.push(']');
        }
        Value::Table(t) if t.is_empty() => out.push_str("{}"),
        Value::Table(t) => {
            out.push('{');
            for (i, (k, v)) in t.iter().enumerate() {
                separate(i, depth, out);
                string(k, out);
                out.push_str(if depth.is_some() { ": " } else { ":" });
                value(&v.value, depth.map(|d| d + 1), out);
            }
            close(depth, out);
            out.push('}');
        }
    }
}

/// An integer's digits, without the formatting machinery (`extract` in the JavaScript faces
/// writes many).
fn integer(i: i64, out: &mut String) {
    let mut digits = [0u8; 20];
    let mut n = i.unsigned_abs();
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if i < 0 {
        out.push('-');
    }
    // ASCII digits: always UTF-8.
    out.push_str(std::str::from_utf8(&digits[at..]).unwrap_or("0"));
}

/// Before item `i` of a collection at `depth`: a comma after the first, and when pretty, a
/// line break and the indentation of the item.
fn separate(i: usize, depth: Option<usize>, out: &mut String) {
    if i > 0 {
        out.push(',');
    }
    if let Some(depth) = depth {
        out.push('\n');
        out.extend(std::iter::repeat_n("  ", depth + 1));
    }
}

/// Before the closing bracket of a collection at `depth`, when pretty.
fn close(depth: Option<usize>, out: &mut String) {
    if let Some(depth) = depth {
        out.push('\n');
        out.extend(std::iter::repeat_n("  ", depth));
    }
}

/// Which bytes a JSON string escapes, and how: `u` for `\u00XX`, else the letter after `\`
/// (0: none), as serde_json escapes them.
static ESCAPES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b'u';
        b += 1;
    }
    table[0x08] = b'b';
    table[0x0c] = b'f';
    table[b'\n' as usize] = b'n';
    table[b'\t' as usize] = b't';
    table[b'\r' as usize] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

/// A JSON string. Runs of bytes that need no escape are copied whole.
fn string(s: &str, out: &mut String) {
    out.push('"');
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = ESCAPES[b as usize];
        if escape == 0 {
            continue;
        }
        out.push_str(&s[start..i]);
        if escape == b'u' {
            let _ = write!(out, "\\u{b:04x}");
        } else {
            out.push('\\');
            out.push(char::from(escape));
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use crate::value::Node;

    #[test]
    fn floats_read_back_exactly() {
        for f in [
            1e15,
            1e16,
            1e17,
            1.5e-5,
            1e-7,
            123456789.125,
            f64::MAX,
            f64::MIN_POSITIVE,
            5e-324,
        ] {
            let node = Node::try_from(&serde_json::json!({ "f": f })).expect("a table");
            let back: serde_json::Value =
                serde_json::from_str(&super::write(&node)).expect("reads back");
            assert_eq!(back["f"].as_f64(), Some(f));
        }
    }

    #[test]
    fn laid_out_as_serde_json_pretty_and_reads_back() {
        let json = serde_json::json!({
            "s": "a \"q\" \\ \n\t\r\u{8}\u{c}\u{1}\u{7f} é",
            "n": -3, "min": i64::MIN, "max": i64::MAX, "zero_i": 0, "f": 0.1, "big": 1e300, "whole": 2.0, "zero": -0.0, "t": true, "z": null,
            "list": [1, [], {}, [2, {"x": "y"}]], "empty": {}, "nested": {"a": {"b": [1]}},
        });
        let node = Node::try_from(&json).expect("a table");
        let text = super::write(&node);
        let theirs = serde_json::to_string_pretty(&json).expect("serde_json writes it");
        assert_eq!(text, theirs);
        let line = serde_json::to_string(&json).expect("serde_json writes it");
        assert_eq!(super::json_text(&node), line);
        let back: serde_json::Value = serde_json::from_str(&text).expect("reads back");
        assert_eq!(back, json);
    }
}
