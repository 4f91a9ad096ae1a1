//! Key paths and lookups (docs/behaviour.md, "Reading"): `a.b.0.c`, or a list of segments for keys
//! containing dots.

use crate::value::{Node, Value};

/// Something that names a position in the tree: a dotted `str` or a list of segments.
/// The empty path (`""` or `[]`) is the root.
pub trait KeyPath {
    /// Calls `f` with each segment in order; stops early when `f` returns `false`.
    fn each_segment(&self, f: &mut dyn FnMut(&str) -> bool);

    /// The node at this path under `root`. Implementations walk without allocating.
    #[inline]
    fn locate<'t>(&self, root: &'t Node) -> Option<&'t Node> {
        let mut current = Some(root);
        self.each_segment(&mut |seg| {
            current = current.and_then(|n| child(n, seg));
            current.is_some()
        });
        current
    }

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
    #[inline]
    fn locate<'t>(&self, root: &'t Node) -> Option<&'t Node> {
        if self.is_empty() {
            return Some(root);
        }
        // A byte loop: for short paths it beats `split`, which calls memchr per segment.
        let bytes = self.as_bytes();
        let mut node = root;
        let mut start = 0;
        for (i, b) in bytes.iter().enumerate() {
            if *b == b'.' {
                node = child(node, &self[start..i])?;
                start = i + 1;
            }
        }
        child(node, &self[start..])
    }

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
    #[inline]
    fn locate<'t>(&self, root: &'t Node) -> Option<&'t Node> {
        self.as_str().locate(root)
    }

    fn each_segment(&self, f: &mut dyn FnMut(&str) -> bool) {
        self.as_str().each_segment(f)
    }
}

impl<S: AsRef<str>> KeyPath for [S] {
    #[inline]
    fn locate<'t>(&self, root: &'t Node) -> Option<&'t Node> {
        let mut node = root;
        for seg in self {
            node = child(node, seg.as_ref())?;
        }
        Some(node)
    }

    fn each_segment(&self, f: &mut dyn FnMut(&str) -> bool) {
        for seg in self {
            if !f(seg.as_ref()) {
                return;
            }
        }
    }
}

impl<S: AsRef<str>, const N: usize> KeyPath for [S; N] {
    #[inline]
    fn locate<'t>(&self, root: &'t Node) -> Option<&'t Node> {
        self.as_slice().locate(root)
    }

    fn each_segment(&self, f: &mut dyn FnMut(&str) -> bool) {
        self.as_slice().each_segment(f)
    }
}

impl<S: AsRef<str>> KeyPath for Vec<S> {
    #[inline]
    fn locate<'t>(&self, root: &'t Node) -> Option<&'t Node> {
        self.as_slice().locate(root)
    }

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
            if seg.is_empty()
                || !seg.bytes().all(|b| b.is_ascii_digit())
                || (seg.len() > 1 && seg.starts_with('0'))
            {
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
    path.locate(root)
}

/// `KeyNotFound` for `path` under `root`, naming the closest existing key where the path
/// leaves the tree, if one is a likely slip (`server.prot`: did you mean `server.port`?).
pub(crate) fn missing<P: KeyPath + ?Sized>(root: &Node, path: &P) -> crate::Error {
    missing_at(root, &segments(path))
}

fn missing_at(root: &Node, segs: &[String]) -> crate::Error {
    let shown = segs.join(".");
    // Walk the path, mending each segment that is missing but close to a key there; stop at
    // the first that is neither. Suggest the mended path if it names a value, else the part
    // of it that does (when anything was mended).
    let mut meant: Vec<String> = Vec::with_capacity(segs.len());
    let mut mended = false;
    let mut node = root;
    for seg in segs {
        if let Some(next) = child(node, seg) {
            meant.push(seg.clone());
            node = next;
            continue;
        }
        let Value::Table(t) = &node.value else { break };
        let keys: Vec<String> = t.keys().map(str::to_string).collect();
        let Some(near) = crate::profile::closest(seg, &keys) else {
            break;
        };
        let Some(next) = t.get(near) else { break };
        meant.push(near.to_string());
        mended = true;
        node = next;
    }
    if !mended {
        return crate::Error::key_not_found(&shown);
    }
    crate::Error::KeyNotFound(
        crate::Details::new(format!(
            "no value at '{shown}' (did you mean '{}'?)",
            meant.join(".")
        ))
        .key(shown),
    )
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

/// A key path segment given as a number by a binding (a JavaScript number, a Python int): its
/// decimal text when it is an integer — a negative one included, which then names no element
/// (`KeyNotFound`), as in every face — else `InvalidArgument`.
pub fn number_segment(n: f64) -> crate::Result<String> {
    if n.is_finite() && n.fract() == 0.0 && n.abs() <= crate::formats::MAX_SAFE_INTEGER as f64 {
        return Ok((n as i64).to_string());
    }
    Err(crate::Error::invalid_argument(format!(
        "a key path segment is a string or an integer, got the number {n}"
    )))
}
