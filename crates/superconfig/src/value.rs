//! The configuration tree (docs/behaviour.md, "Values"): immutable nodes behind `Arc`, so a new
//! layer copies only
//! the tables on the paths it changes and shares everything else with the tree below it.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use indexmap::IndexMap;
pub use smol_str::SmolStr;

/// Identifies one loaded layer process-wide; nodes point back to it for provenance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct LayerId(pub u64);

impl LayerId {
    /// A fresh id, never reused in this process.
    pub fn next() -> Self {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        LayerId(NEXT.fetch_add(1, Ordering::Relaxed))
    }
}

/// Where a node came from: its layer and a location inside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Origin {
    /// The layer that set this node.
    pub layer: LayerId,
    /// 1-based line in a file or string layer; 1-based index of the variable in an env layer;
    /// 0 when unknown.
    pub loc: u32,
}

impl Origin {
    /// An origin at `loc` in `layer`.
    pub fn new(layer: LayerId, loc: u32) -> Self {
        Origin { layer, loc }
    }
}

type Hasher = foldhash::fast::RandomState;

/// Tables up to this size are vectors searched linearly (see [`Table`]).
const SMALL_TABLE_MAX: usize = 12;

/// A value with its origin.
#[derive(Debug, Clone)]
pub struct Node {
    /// The value.
    pub value: Value,
    /// Where it was set.
    pub origin: Origin,
}

/// A configuration value (docs/behaviour.md, "Values").
#[derive(Debug, Clone)]
pub enum Value {
    /// `null`/`~`/absent value.
    Null,
    /// A boolean.
    Bool(bool),
    /// A 64-bit signed integer.
    Int(i64),
    /// A 64-bit float.
    Float(f64),
    /// A UTF-8 string.
    String(SmolStr),
    /// An array, shared.
    Array(Arc<Array>),
    /// A table in insertion order, shared.
    Table(Arc<Table>),
}

/// Keys that are array operations (`X_add`, `X_remove`), found in layers but never in results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ArrayOp {
    Add,
    Remove,
}

/// If `key` = `X_add`/`X_remove` with a non-empty `X` and `value` is an array, the op and `X`.
pub(crate) fn array_op<'k>(key: &'k str, value: &Value) -> Option<(&'k str, ArrayOp)> {
    if !matches!(value, Value::Array(_)) {
        return None;
    }
    if let Some(base) = key.strip_suffix("_add")
        && !base.is_empty()
    {
        return Some((base, ArrayOp::Add));
    }
    if let Some(base) = key.strip_suffix("_remove")
        && !base.is_empty()
    {
        return Some((base, ArrayOp::Remove));
    }
    None
}

/// An ordered table. `has_ops` records whether array operations hide anywhere inside, so a
/// merge can share an op-free subtree instead of walking it.
#[derive(Debug, Clone, Default)]
pub struct Table {
    entries: Entries,
    has_ops: bool,
}

/// Small tables (most configuration tables) are a plain vector searched linearly: no hash
/// index to allocate, fill or probe. Larger ones switch to an `IndexMap`.
#[derive(Debug, Clone)]
enum Entries {
    Small(Vec<(SmolStr, Node)>),
    Large(IndexMap<SmolStr, Node, Hasher>),
}

impl Default for Entries {
    fn default() -> Self {
        Entries::Small(Vec::new())
    }
}

#[inline]
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.as_bytes() == b.as_bytes()
}

impl Table {
    /// An empty table.
    pub fn new() -> Self {
        Table::default()
    }

    /// An empty table with room for `n` entries.
    pub fn with_capacity(n: usize) -> Self {
        let entries = if n <= SMALL_TABLE_MAX {
            Entries::Small(Vec::with_capacity(n))
        } else {
            Entries::Large(IndexMap::with_capacity_and_hasher(n, Hasher::default()))
        };
        Table {
            entries,
            has_ops: false,
        }
    }

    /// Inserts or replaces `key` (a replaced key keeps its position).
    pub fn insert(&mut self, key: impl Into<SmolStr>, node: Node) -> Option<Node> {
        let key = key.into();
        self.has_ops |= node.value.has_ops() || array_op(&key, &node.value).is_some();
        match &mut self.entries {
            Entries::Small(v) => {
                if let Some(slot) = v.iter_mut().find(|(k, _)| same(k, &key)) {
                    return Some(std::mem::replace(&mut slot.1, node));
                }
                if v.len() < SMALL_TABLE_MAX {
                    v.push((key, node));
                    return None;
                }
                let mut map = IndexMap::with_capacity_and_hasher(v.len() * 2, Hasher::default());
                map.extend(v.drain(..));
                map.insert(key, node);
                self.entries = Entries::Large(map);
                None
            }
            Entries::Large(m) => m.insert(key, node),
        }
    }

    /// Inserts `key` unless present (one scan); gives the node back when the key exists.
    #[cfg_attr(not(feature = "toml-fast"), allow(dead_code))] // the TOML fast path
    pub(crate) fn insert_new(&mut self, key: SmolStr, node: Node) -> Result<(), Node> {
        if let Entries::Small(v) = &mut self.entries {
            if v.iter().any(|(k, _)| same(k, &key)) {
                return Err(node);
            }
            if v.len() < SMALL_TABLE_MAX {
                self.has_ops |= node.value.has_ops() || array_op(&key, &node.value).is_some();
                v.push((key, node));
                return Ok(());
            }
        } else if self.contains_key(&key) {
            return Err(node);
        }
        self.insert(key, node);
        Ok(())
    }

    /// The node at `key`.
    #[inline]
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.entries {
            Entries::Small(v) => v.iter().find(|(k, _)| same(k, key)).map(|(_, n)| n),
            Entries::Large(m) => m.get(key),
        }
    }

    pub(crate) fn get_mut(&mut self, key: &str) -> Option<&mut Node> {
        match &mut self.entries {
            Entries::Small(v) => v.iter_mut().find(|(k, _)| same(k, key)).map(|(_, n)| n),
            Entries::Large(m) => m.get_mut(key),
        }
    }

    /// Whether `key` is present.
    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Entries in insertion order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &Node)> {
        self.iter_arc().map(|(k, v)| (&**k, v))
    }

    pub(crate) fn iter_arc(&self) -> TableIter<'_> {
        match &self.entries {
            Entries::Small(v) => TableIter::Small(v.iter()),
            Entries::Large(m) => TableIter::Large(m.iter()),
        }
    }

    /// Calls `f` on every entry, in order, with the node mutable.
    pub(crate) fn for_each_mut(&mut self, mut f: impl FnMut(&SmolStr, &mut Node)) {
        match &mut self.entries {
            Entries::Small(v) => v.iter_mut().for_each(|(k, n)| f(k, n)),
            Entries::Large(m) => m.iter_mut().for_each(|(k, n)| f(k, n)),
        }
    }

    /// Keys in insertion order.
    pub fn keys(&self) -> impl ExactSizeIterator<Item = &str> {
        self.iter().map(|(k, _)| k)
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        match &self.entries {
            Entries::Small(v) => v.len(),
            Entries::Large(m) => m.len(),
        }
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub(crate) fn has_ops(&self) -> bool {
        self.has_ops
    }

    /// The entries, in order, by value.
    #[cfg_attr(not(feature = "toml-fast"), allow(dead_code))] // the TOML fast path
    pub(crate) fn into_entries(self) -> Vec<(SmolStr, Node)> {
        match self.entries {
            Entries::Small(v) => v,
            Entries::Large(m) => m.into_iter().collect(),
        }
    }

    pub(crate) fn clear_ops_flag(&mut self) {
        self.has_ops = false;
    }
}

/// Iterator over a table's entries in order.
pub(crate) enum TableIter<'a> {
    Small(std::slice::Iter<'a, (SmolStr, Node)>),
    Large(indexmap::map::Iter<'a, SmolStr, Node>),
}

impl<'a> Iterator for TableIter<'a> {
    type Item = (&'a SmolStr, &'a Node);
    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        match self {
            TableIter::Small(i) => i.next().map(|(k, v)| (k, v)),
            TableIter::Large(i) => i.next(),
        }
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        match self {
            TableIter::Small(i) => i.size_hint(),
            TableIter::Large(i) => i.size_hint(),
        }
    }
}

impl ExactSizeIterator for TableIter<'_> {}

/// An array of nodes; `has_ops` as for [`Table`].
#[derive(Debug, Clone, Default)]
pub struct Array {
    items: Vec<Node>,
    has_ops: bool,
}

impl Array {
    /// An array of `items`.
    pub fn new(items: Vec<Node>) -> Self {
        let has_ops = items.iter().any(|n| n.value.has_ops());
        Array { items, has_ops }
    }

    /// The items.
    pub fn items(&self) -> &[Node] {
        &self.items
    }

    pub(crate) fn has_ops(&self) -> bool {
        self.has_ops
    }

    /// Appends an item (builders only: flags are refreshed when the tree is done).
    #[cfg_attr(not(feature = "toml-fast"), allow(dead_code))] // the TOML fast path
    pub(crate) fn push(&mut self, node: Node) {
        self.items.push(node);
    }

    /// The items, mutable (builders and copy-on-write rewrites).
    pub(crate) fn items_mut(&mut self) -> &mut Vec<Node> {
        &mut self.items
    }
}

impl std::ops::Deref for Array {
    type Target = [Node];
    fn deref(&self) -> &[Node] {
        &self.items
    }
}

impl From<Vec<Node>> for Array {
    fn from(items: Vec<Node>) -> Self {
        Array::new(items)
    }
}

impl Node {
    /// A node with an unknown origin (bindings build defaults like this).
    pub fn new(value: Value) -> Self {
        Node {
            value,
            origin: Origin::default(),
        }
    }

    /// A node at `origin`.
    pub fn at(value: Value, origin: Origin) -> Self {
        Node { value, origin }
    }

    /// An empty table node.
    pub fn empty_table(origin: Origin) -> Self {
        Node {
            value: Value::Table(Arc::new(Table::new())),
            origin,
        }
    }

    /// The table, if this node is one.
    pub fn as_table(&self) -> Option<&Table> {
        match &self.value {
            Value::Table(t) => Some(t),
            _ => None,
        }
    }

    /// Stamps every node of this tree with `origin` (defaults built by a binding) and returns
    /// how many nodes it stamped. Tables and arrays held only by this tree are changed in place;
    /// shared ones are copied first.
    pub(crate) fn stamp(&mut self, origin: Origin) -> usize {
        self.origin = origin;
        let mut nodes = 1;
        match &mut self.value {
            Value::Table(t) => Arc::make_mut(t).for_each_mut(|_, v| nodes += v.stamp(origin)),
            Value::Array(a) => {
                for v in Arc::make_mut(a).items.iter_mut() {
                    nodes += v.stamp(origin);
                }
            }
            _ => {}
        }
        nodes
    }

    /// Number of nodes in this tree (an estimate of its size).
    pub fn count(&self) -> usize {
        match &self.value {
            Value::Array(a) => 1 + a.iter().map(Node::count).sum::<usize>(),
            Value::Table(t) => 1 + t.iter().map(|(_, v)| v.count()).sum::<usize>(),
            _ => 1,
        }
    }
}

impl Value {
    /// A string value.
    pub fn string(s: &str) -> Value {
        Value::String(SmolStr::new(s))
    }

    pub(crate) fn has_ops(&self) -> bool {
        match self {
            Value::Table(t) => t.has_ops(),
            Value::Array(a) => a.has_ops(),
            _ => false,
        }
    }

    /// The type name used in messages: `null`, `bool`, `integer`, `float`, `string`, `array`, `table`.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "bool",
            Value::Int(_) => "integer",
            Value::Float(_) => "float",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Table(_) => "table",
        }
    }

    /// Deep equality of values, ignoring origins; `1` and `1.0` differ, NaN equals NaN.
    pub fn deep_eq(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Null, Value::Null) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a == b || (a.is_nan() && b.is_nan()),
            (Value::String(a), Value::String(b)) => a == b,
            (Value::Array(a), Value::Array(b)) => {
                Arc::ptr_eq(a, b)
                    || (a.len() == b.len()
                        && a.iter()
                            .zip(b.iter())
                            .all(|(x, y)| x.value.deep_eq(&y.value)))
            }
            (Value::Table(a), Value::Table(b)) => {
                Arc::ptr_eq(a, b)
                    || (a.len() == b.len()
                        && a.iter()
                            .all(|(k, v)| b.get(k).is_some_and(|w| v.value.deep_eq(&w.value))))
            }
            _ => false,
        }
    }
}

/// Converts a JSON value (e.g. `serde_json::json!`) into a tree; integers beyond i64 are an error.
impl TryFrom<&serde_json::Value> for Node {
    type Error = crate::Error;
    fn try_from(v: &serde_json::Value) -> crate::Result<Node> {
        fn conv(
            v: &serde_json::Value,
            path: &mut Vec<String>,
            depth: usize,
        ) -> crate::Result<Node> {
            if depth > crate::limits::MAX_DEPTH {
                return Err(crate::limits::too_deep(None, None));
            }
            let value = match v {
                serde_json::Value::Null => Value::Null,
                serde_json::Value::Bool(b) => Value::Bool(*b),
                serde_json::Value::Number(n) => {
                    if let Some(i) = n.as_i64() {
                        Value::Int(i)
                    } else if n.is_u64() {
                        let key = path.join(".");
                        return Err(crate::Error::parse(
                            crate::Details::new(format!(
                                "integer at '{key}' is outside the 64-bit signed range"
                            ))
                            .key(key),
                        ));
                    } else {
                        Value::Float(n.as_f64().unwrap_or(f64::NAN))
                    }
                }
                serde_json::Value::String(s) => Value::string(s),
                serde_json::Value::Array(items) => {
                    let mut out = Vec::with_capacity(items.len());
                    for (i, item) in items.iter().enumerate() {
                        path.push(i.to_string());
                        out.push(conv(item, path, depth + 1)?);
                        path.pop();
                    }
                    Value::Array(Arc::new(Array::new(out)))
                }
                serde_json::Value::Object(map) => {
                    let mut t = Table::with_capacity(map.len());
                    for (k, item) in map {
                        path.push(k.clone());
                        t.insert(k.as_str(), conv(item, path, depth + 1)?);
                        path.pop();
                    }
                    Value::Table(Arc::new(t))
                }
            };
            Ok(Node::new(value))
        }
        conv(v, &mut Vec::new(), 0)
    }
}

/// Writes the tree as JSON-compatible data (tables in insertion order).
impl serde::Serialize for Node {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(s)
    }
}

impl serde::Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self {
            Value::Null => s.serialize_unit(),
            Value::Bool(b) => s.serialize_bool(*b),
            Value::Int(i) => s.serialize_i64(*i),
            Value::Float(f) => s.serialize_f64(*f),
            Value::String(v) => s.serialize_str(v),
            Value::Array(a) => {
                let mut seq = s.serialize_seq(Some(a.len()))?;
                for item in a.iter() {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Value::Table(t) => {
                let mut map = s.serialize_map(Some(t.len()))?;
                for (k, v) in t.iter() {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

/// Recomputes the `has_ops` flags of a tree built top-down (children changed after insertion).
pub(crate) fn refresh_ops(node: &mut Node) -> bool {
    match &mut node.value {
        Value::Table(t) => {
            let t = Arc::make_mut(t);
            let mut any = false;
            t.for_each_mut(|k, v| any |= refresh_ops(v) || array_op(k, &v.value).is_some());
            t.has_ops = any;
            any
        }
        Value::Array(a) => {
            let a = Arc::make_mut(a);
            let mut any = false;
            for v in a.items.iter_mut() {
                any |= refresh_ops(v);
            }
            a.has_ops = any;
            any
        }
        _ => false,
    }
}

/// How deep a tree nests: 0 for a scalar, one more than its deepest child for a table or an
/// array.
pub(crate) fn tree_depth(node: &Node) -> usize {
    match &node.value {
        Value::Table(t) => 1 + t.iter().map(|(_, v)| tree_depth(v)).max().unwrap_or(0),
        Value::Array(a) => 1 + a.iter().map(tree_depth).max().unwrap_or(0),
        _ => 0,
    }
}
