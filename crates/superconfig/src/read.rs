//! Key paths and lookups (SPEC §6): `a.b.0.c`, or a list of segments for keys containing dots.

use crate::value::{Node, Value};

/// Something that names a position in the tree: a dotted `str` or a list of segments.
/// The empty path (`""` or `[]`) is the root.
pub trait KeyPath {
    /// Calls `f` with each segment in order; stops early when `f` returns `false`.
    fn each_segment(&self, f: &mut dyn FnMut(&str) -> bool);

    /// The path for messages, dotted.
    fn display(&self) -> String {
        let mut parts = Vec::new();
        self.each_segment(&mut |s| {
            parts.push(s.to_string());
            true
        });
        parts.join(".")
    }
}

impl KeyPath for str {
    fn each_segment(&self, f: &mut dyn FnMut(&str) -> bool) {
        if self.is_empty() {
            return;
        }
        for seg in self.split('.') {
            if !f(seg) {
                return;
            }
        }
    }

    fn display(&self) -> String {
        self.to_string()
    }
}

impl KeyPath for String {
    fn each_segment(&self, f: &mut dyn FnMut(&str) -> bool) {
        self.as_str().each_segment(f)
    }
}

impl<S: AsRef<str>> KeyPath for [S] {
    fn each_segment(&self, f: &mut dyn FnMut(&str) -> bool) {
        for seg in self {
            if !f(seg.as_ref()) {
                return;
            }
        }
    }
}

impl<S: AsRef<str>, const N: usize> KeyPath for [S; N] {
    fn each_segment(&self, f: &mut dyn FnMut(&str) -> bool) {
        self.as_slice().each_segment(f)
    }
}

impl<S: AsRef<str>> KeyPath for Vec<S> {
    fn each_segment(&self, f: &mut dyn FnMut(&str) -> bool) {
        self.as_slice().each_segment(f)
    }
}

/// One step down: a table key, or an array index written in plain digits.
#[inline]
pub(crate) fn child<'t>(node: &'t Node, seg: &str) -> Option<&'t Node> {
    match &node.value {
        Value::Table(t) => t.get(seg),
        Value::Array(a) => {
            if seg.is_empty() || !seg.bytes().all(|b| b.is_ascii_digit()) || (seg.len() > 1 && seg.starts_with('0')) {
                return None;
            }
            seg.parse::<usize>().ok().and_then(|i| a.get(i))
        }
        _ => None,
    }
}

/// The node at `path`, if present.
#[inline]
pub(crate) fn lookup<'t, P: KeyPath + ?Sized>(root: &'t Node, path: &P) -> Option<&'t Node> {
    let mut current = Some(root);
    path.each_segment(&mut |seg| {
        current = current.and_then(|n| child(n, seg));
        current.is_some()
    });
    current
}

/// Segments of a path, owned (for provenance, which walks several trees).
pub(crate) fn segments<P: KeyPath + ?Sized>(path: &P) -> Vec<String> {
    let mut out = Vec::new();
    path.each_segment(&mut |s| {
        out.push(s.to_string());
        true
    });
    out
}
