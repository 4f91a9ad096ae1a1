//! What the fuzz targets share: the round-trip check and a walk over every key of a tree.
//!
//! A panic anywhere (an `assert!` here included) is a crash for libFuzzer.

use superconfig::{Format, Node, SuperConfig, Value};

/// Trees larger than this are parsed but not dumped and re-parsed: three dumps and three parses
/// of a YAML alias bomb (up to 1 000 000 nodes, the core's limit) would take longer than the
/// per-input timeout for reasons of the harness, not of the core.
pub const ROUNDTRIP_MAX_NODES: usize = 20_000;

/// Keys visited by [`walk`] at most, for the same reason.
pub const WALK_MAX_NODES: usize = 2_000;

/// The dump formats.
pub const DUMP_FORMATS: [Format; 3] = [Format::Json, Format::Toml, Format::Yaml];

/// Parses `data` (when it is UTF-8) as `format`; when that succeeds, dumps the tree in each of
/// JSON, TOML and YAML and checks that parsing the dump gives back the same tree.
///
/// The only dump failures expected are those for what a format cannot hold: a null, or nesting
/// deeper than TOML readers take, in TOML; NaN or an infinity in JSON. Equality is [`Value::deep_eq`]: origins ignored, `1` and `1.0`
/// different, NaN equal to NaN.
pub fn roundtrip(data: &[u8], format: Format) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(cfg) = SuperConfig::new().with_string(text, format) else {
        return;
    };
    let tree = cfg.tree().expect("tree() of a live configuration");
    // serde view of the tree: must not panic (an error is a legitimate answer, e.g. NaN)
    let _ = cfg.extract::<serde_json::Value>();
    if tree.count() > ROUNDTRIP_MAX_NODES {
        return;
    }
    for out in DUMP_FORMATS {
        let dumped = match cfg.dump(out, false) {
            Ok(dumped) => dumped,
            Err(err) => {
                let cannot_hold = match out {
                    Format::Toml => {
                        any(&tree, &|v| matches!(v, Value::Null))
                            || depth(&tree) > superconfig::formats::TOML_MAX_DEPTH
                    }
                    Format::Json => any(&tree, &|v| matches!(v, Value::Float(f) if !f.is_finite())),
                    _ => false,
                };
                assert!(
                    cannot_hold,
                    "dump as {out} failed: {err}\n--- input ({format}):\n{text}\n--- tree:\n{}",
                    show(&tree)
                );
                continue;
            }
        };
        let again = match SuperConfig::new().with_string(&dumped, out) {
            Ok(again) => again,
            Err(err) => panic!(
                "the {out} dump does not parse back: {err}\n--- input ({format}):\n{text}\n\
                 --- dump:\n{dumped}"
            ),
        };
        let back = again.tree().expect("tree() of a live configuration");
        assert!(
            tree.value.deep_eq(&back.value),
            "{format} -> {out} round trip changed the tree\n--- input ({format}):\n{text}\n\
             --- dump ({out}):\n{dumped}\n--- tree before:\n{}\n--- tree after:\n{}",
            show(&tree),
            show(&back)
        );
    }
}

/// How deep a tree nests: 0 for a scalar, one more than its deepest child for a container.
pub fn depth(node: &Node) -> usize {
    match &node.value {
        Value::Table(t) => 1 + t.iter().map(|(_, v)| depth(v)).max().unwrap_or(0),
        Value::Array(a) => 1 + a.iter().map(depth).max().unwrap_or(0),
        _ => 0,
    }
}

/// Whether `pred` holds for any value of the tree.
pub fn any(node: &Node, pred: &dyn Fn(&Value) -> bool) -> bool {
    pred(&node.value)
        || match &node.value {
            Value::Table(t) => t.iter().any(|(_, v)| any(v, pred)),
            Value::Array(a) => a.iter().any(|v| any(v, pred)),
            _ => false,
        }
}

/// A tree for messages: `{:?}` of the values without origins, floats with their bits.
pub fn show(node: &Node) -> String {
    let mut out = String::new();
    show_into(&node.value, &mut out);
    out
}

fn show_into(value: &Value, out: &mut String) {
    use std::fmt::Write;
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => {
            let _ = write!(out, "{b}");
        }
        Value::Int(i) => {
            let _ = write!(out, "int {i}");
        }
        Value::Float(f) => {
            let _ = write!(out, "float {f:?}");
        }
        Value::String(s) => {
            let _ = write!(out, "{:?}", s.as_str());
        }
        Value::Array(a) => {
            out.push('[');
            for (i, item) in a.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                show_into(&item.value, out);
            }
            out.push(']');
        }
        Value::Table(t) => {
            out.push('{');
            for (i, (k, v)) in t.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                let _ = write!(out, "{k:?}: ");
                show_into(&v.value, out);
            }
            out.push('}');
        }
    }
}

/// Visits every key of `cfg`'s tree (breadth first, at most [`WALK_MAX_NODES`]): reads it by its
/// list of segments, which must find the very node walked to, then through every other reader
/// (dotted path, typed `get`, `keys`, `source`, `explain`), whose answers may be errors but never
/// panics.
pub fn walk(cfg: &SuperConfig) {
    let Ok(root) = cfg.tree() else {
        return;
    };
    let mut queue: std::collections::VecDeque<(Vec<String>, Node)> =
        std::collections::VecDeque::from([(Vec::new(), root)]);
    let mut visited = 0;
    while let Some((path, node)) = queue.pop_front() {
        visited += 1;
        if visited > WALK_MAX_NODES {
            break;
        }
        read_everything(cfg, &path);
        if !path.is_empty() {
            let found = cfg
                .get_node(&path)
                .unwrap_or_else(|e| panic!("get_node({path:?}) of a walked key: {e}"));
            assert!(
                found.value.deep_eq(&node.value),
                "get_node({path:?}) is not the walked node"
            );
            assert!(cfg.has(&path).unwrap_or(false), "has({path:?}) is false");
        }
        match &node.value {
            Value::Table(t) => {
                for (k, v) in t.iter() {
                    let mut child = path.clone();
                    child.push(k.to_string());
                    queue.push_back((child, v.clone()));
                }
            }
            Value::Array(a) => {
                for (i, v) in a.iter().enumerate() {
                    let mut child = path.clone();
                    child.push(i.to_string());
                    queue.push_back((child, v.clone()));
                }
            }
            _ => {}
        }
    }
}

/// Every reader on one path, as segments and dotted; answers ignored.
pub fn read_everything(cfg: &SuperConfig, path: &[String]) {
    let dotted = path.join(".");
    let _ = cfg.get::<serde_json::Value, _>(path);
    let _ = cfg.get::<serde_json::Value, _>(dotted.as_str());
    let _ = cfg.get::<String, _>(path);
    let _ = cfg.get::<i64, _>(path);
    let _ = cfg.get::<u16, _>(path);
    let _ = cfg.get::<f64, _>(path);
    let _ = cfg.get::<bool, _>(path);
    let _ = cfg.get::<Vec<String>, _>(path);
    let _ = cfg.get::<Option<i32>, _>(path);
    let _ = cfg.get::<std::collections::BTreeMap<String, serde_json::Value>, _>(path);
    let _ = cfg.has(dotted.as_str());
    let _ = cfg.keys(path);
    let _ = cfg.source(path);
    let _ = cfg.source(dotted.as_str());
    let _ = cfg.explain(path);
}
