//! Deep merge with array operations (docs/behaviour.md, "Merging"). Copy-on-write: a table is
//! cloned only when it is
//! shared with an older tree and the layer changes something inside it.

use std::collections::HashMap;
use std::sync::Arc;

use crate::error::{Warning, WarningKind};
use crate::formats::join_path;
use crate::value::{Array, ArrayOp, Node, SmolStr, Value, array_op};

/// Collects warnings and the current key path while merging one layer.
pub(crate) struct MergeCtx<'a> {
    pub warnings: &'a mut Vec<Warning>,
    pub source: &'a str,
    path: Vec<SmolStr>,
}

impl<'a> MergeCtx<'a> {
    pub(crate) fn new(warnings: &'a mut Vec<Warning>, source: &'a str) -> Self {
        MergeCtx {
            warnings,
            source,
            path: Vec::new(),
        }
    }
}

impl MergeCtx<'_> {
    /// A warning about the key `segment` of the table being merged; `message` gets its path.
    fn warn(&mut self, kind: WarningKind, segment: &str, message: impl FnOnce(&str) -> String) {
        self.path.push(SmolStr::new(segment));
        let path = join_path(&self.path);
        self.path.pop();
        let warning = Warning::new(kind, message(&path), Some(self.source.to_string()));
        self.warnings.push(warning.with_key(path));
    }
}

/// Merges the table `src` onto the table `dst`.
pub(crate) fn merge_table(dst: &mut Node, src: &Node, ctx: &mut MergeCtx<'_>) {
    let Value::Table(src_table) = &src.value else {
        *dst = normalize(src, ctx);
        return;
    };
    let Value::Table(dst_table) = &mut dst.value else {
        *dst = normalize(src, ctx);
        return;
    };
    let d = Arc::make_mut(dst_table);
    // A layer's own plain keys first, then its `_add`s, then its `_remove`s.
    for (key, value) in src_table.iter_arc() {
        if array_op(key, &value.value).is_some() {
            continue;
        }
        match d.get_mut(key) {
            Some(existing)
                if matches!(existing.value, Value::Table(_))
                    && matches!(value.value, Value::Table(_)) =>
            {
                ctx.path.push(key.clone());
                merge_table(existing, value, ctx);
                existing.origin = value.origin;
                ctx.path.pop();
            }
            _ => {
                ctx.path.push(key.clone());
                let node = normalize(value, ctx);
                ctx.path.pop();
                d.insert(key.clone(), node);
            }
        }
    }
    if src_table.has_ops() {
        for wanted in [ArrayOp::Add, ArrayOp::Remove] {
            for (key, value) in src_table.iter_arc() {
                match array_op(key, &value.value) {
                    Some((base, op)) if op == wanted => apply_op(d, key, base, op, value, ctx),
                    _ => {}
                }
            }
        }
    }
    d.clear_ops_flag();
}

fn apply_op(
    d: &mut crate::value::Table,
    key: &str,
    base: &str,
    op: ArrayOp,
    value: &Node,
    ctx: &mut MergeCtx<'_>,
) {
    let Value::Array(operand) = &value.value else {
        return;
    };
    // `a_add_add` would make a key `a_add`, and operation keys never appear in a result.
    if array_op(base, &value.value).is_some() {
        let message = format!(
            "'{key}' in {} is an operation on the operation key '{base}'; ignored",
            ctx.source
        );
        ctx.warn(WarningKind::IgnoredKey, key, |_| message);
        return;
    }
    let current: Vec<Node> = match d.get(base).map(|n| &n.value) {
        None => Vec::new(),
        Some(Value::Array(a)) => a.items().to_vec(),
        Some(other) => {
            let (source, found) = (ctx.source, other.type_name());
            ctx.warn(WarningKind::ArrayOpOnNonArray, base, |path| {
                format!("'{key}' in {source} applies to '{path}', which is a {found}, not an array; it counts as []")
            });
            Vec::new()
        }
    };
    let items = match op {
        ArrayOp::Add => {
            let mut items = current;
            items.extend(operand.iter().map(|n| normalize(n, ctx)));
            items
        }
        ArrayOp::Remove => {
            let removals = RemovalSet::new(operand);
            current
                .into_iter()
                .filter(|item| !removals.contains(&item.value))
                .collect()
        }
    };
    d.insert(
        base,
        Node::at(Value::Array(Arc::new(Array::new(items))), value.origin),
    );
}

/// A layer value as it enters the result: shared as is, unless array operations hide inside.
fn normalize(node: &Node, ctx: &mut MergeCtx<'_>) -> Node {
    if !node.value.has_ops() {
        return node.clone();
    }
    match &node.value {
        Value::Table(_) => {
            let mut out = Node::empty_table(node.origin);
            merge_table(&mut out, node, ctx);
            out
        }
        Value::Array(a) => {
            let items = a.iter().map(|n| normalize(n, ctx)).collect();
            Node::at(Value::Array(Arc::new(Array::new(items))), node.origin)
        }
        _ => node.clone(),
    }
}

/// The items of an `X_remove`, hashed: each item of `X` is hashed once and compared only with
/// removals of the same hash, so the cost is the size of `X` plus the size of the removals, not
/// their product. Hashes of shared subtrees (YAML aliases) are remembered by address, so an
/// alias repeated a thousand times is hashed once.
struct RemovalSet<'a> {
    by_hash: HashMap<u64, Vec<&'a Value>>,
    memo: std::cell::RefCell<HashMap<usize, u64>>,
}

impl<'a> RemovalSet<'a> {
    fn new(operand: &'a [Node]) -> Self {
        let mut memo = HashMap::new();
        let mut by_hash: HashMap<u64, Vec<&'a Value>> = HashMap::new();
        for r in operand {
            let bucket = by_hash.entry(deep_hash(&r.value, &mut memo)).or_default();
            // Equal removals need no second comparison.
            if !bucket.iter().any(|v| v.deep_eq(&r.value)) {
                bucket.push(&r.value);
            }
        }
        RemovalSet {
            by_hash,
            memo: std::cell::RefCell::new(memo),
        }
    }

    fn contains(&self, value: &Value) -> bool {
        let hash = deep_hash(value, &mut self.memo.borrow_mut());
        self.by_hash
            .get(&hash)
            .is_some_and(|bucket| bucket.iter().any(|r| r.deep_eq(value)))
    }
}

/// A hash consistent with [`Value::deep_eq`]: table entries are combined without regard to
/// order (deep equality ignores it), `0.0` and `-0.0` hash alike, and so does every NaN.
fn deep_hash(value: &Value, memo: &mut HashMap<usize, u64>) -> u64 {
    use std::hash::{BuildHasher, Hash, Hasher};
    let seed = foldhash::quality::FixedState::default();
    let mut h = seed.build_hasher();
    match value {
        Value::Null => 0u8.hash(&mut h),
        Value::Bool(b) => (1u8, b).hash(&mut h),
        Value::Int(i) => (2u8, i).hash(&mut h),
        Value::Float(f) => {
            let bits = if f.is_nan() {
                f64::NAN.to_bits()
            } else if *f == 0.0 {
                0
            } else {
                f.to_bits()
            };
            (3u8, bits).hash(&mut h);
        }
        Value::String(s) => (4u8, s.as_str()).hash(&mut h),
        Value::Array(a) => {
            let address = Arc::as_ptr(a) as usize;
            if let Some(&known) = memo.get(&address) {
                return known;
            }
            (5u8, a.len()).hash(&mut h);
            for item in a.iter() {
                deep_hash(&item.value, memo).hash(&mut h);
            }
            let out = h.finish();
            memo.insert(address, out);
            return out;
        }
        Value::Table(t) => {
            let address = Arc::as_ptr(t) as usize;
            if let Some(&known) = memo.get(&address) {
                return known;
            }
            let mut sum = 0u64;
            for (k, v) in t.iter() {
                let mut e = seed.build_hasher();
                k.hash(&mut e);
                deep_hash(&v.value, memo).hash(&mut e);
                sum = sum.wrapping_add(e.finish());
            }
            (6u8, t.len(), sum).hash(&mut h);
            let out = h.finish();
            memo.insert(address, out);
            return out;
        }
    }
    h.finish()
}
