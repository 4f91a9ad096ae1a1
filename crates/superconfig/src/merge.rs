//! Deep merge with array operations (SPEC §3). Copy-on-write: a table is cloned only when it is
//! shared with an older tree and the layer changes something inside it.

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
    let current: Vec<Node> = match d.get(base).map(|n| &n.value) {
        None => Vec::new(),
        Some(Value::Array(a)) => a.items().to_vec(),
        Some(other) => {
            ctx.path.push(SmolStr::new(base));
            let path = join_path(&ctx.path);
            ctx.path.pop();
            ctx.warnings.push(
                Warning::new(
                    WarningKind::ArrayOpOnNonArray,
                    format!("'{key}' in {} applies to '{path}', which is a {}, not an array; it counts as []", ctx.source, other.type_name()),
                    Some(ctx.source.to_string()),
                )
                .with_key(path),
            );
            Vec::new()
        }
    };
    let items = match op {
        ArrayOp::Add => {
            let mut items = current;
            items.extend(operand.iter().map(|n| normalize(n, ctx)));
            items
        }
        ArrayOp::Remove => current
            .into_iter()
            .filter(|item| !operand.iter().any(|r| r.value.deep_eq(&item.value)))
            .collect(),
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
