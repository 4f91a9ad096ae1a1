//! Conversions between the core's `Node`/`Value` and Python objects, and key-path arguments.
//!
//! Core → Python: null/bool/int/float/str/array/table → `None`/`bool`/`int`/`float`/`str`/`list`/
//! `dict` (insertion order kept). Python → core (defaults): the same types back, plus `tuple` as a
//! list, `os.PathLike` and `date`/`time`/`datetime` (ISO 8601 text) as strings. An `int` outside
//! i64 is a `ParseError`, nesting deeper than the core's `MAX_DEPTH` (a self-referencing dict
//! included) a `ParseError`, any other type an `InvalidArgument` — each naming the key path.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple};
use superconfig::formats::MAX_DEPTH;
use superconfig::{Array, Details, Error, KeyPath, Node, SmolStr, Table, Value};

use crate::error::invalid_argument;

// ----- core → Python -----------------------------------------------------------------------

/// The Python object for a node (a whole subtree for tables and arrays).
pub fn to_py<'py>(py: Python<'py>, node: &Node) -> PyResult<Bound<'py, PyAny>> {
    Ok(match &node.value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Int(i) => PyInt::new(py, *i).into_any(),
        Value::Float(f) => PyFloat::new(py, *f).into_any(),
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(a) => {
            let list = PyList::empty(py);
            for item in a.iter() {
                list.append(to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Table(t) => {
            let dict = PyDict::new(py);
            for (k, v) in t.iter() {
                dict.set_item(PyString::new(py, k), to_py(py, v)?)?;
            }
            dict.into_any()
        }
    })
}

// ----- Python → core -----------------------------------------------------------------------

/// Why a Python value could not become a node; `path` is filled in innermost-first while the
/// error travels up, so the success path never builds key paths.
struct ConvError {
    reason: Reason,
    path: Vec<String>,
    /// The objects the error came up through, innermost first (only kept for `TooDeep`, to
    /// tell a cycle from deep nesting).
    objects: Vec<usize>,
}

enum Reason {
    TooDeep,
    IntRange,
    Unsupported(String),
    KeyNotString(String),
    Python(PyErr),
}

impl ConvError {
    fn new(reason: Reason) -> Self {
        ConvError {
            reason,
            path: Vec::new(),
            objects: Vec::new(),
        }
    }

    fn at(mut self, seg: impl Into<String>) -> Self {
        self.path.push(seg.into());
        self
    }

    /// Notes the container the error came up through.
    fn through(mut self, obj: &Bound<'_, PyAny>) -> Self {
        if matches!(self.reason, Reason::TooDeep) {
            self.objects.push(obj.as_ptr() as usize);
        }
        self
    }

    fn into_pyerr(mut self, what: &str) -> PyErr {
        self.path.reverse();
        self.objects.reverse();
        if matches!(self.reason, Reason::TooDeep) {
            // The first object on the way down that appears again further down closes a cycle.
            let chain = &self.objects;
            let closes = (1..chain.len()).find(|&j| chain[..j].contains(&chain[j]));
            let err = match closes {
                Some(j) => superconfig::formats::cycle_error(
                    &self.path[..j.min(self.path.len())].join("."),
                ),
                None => superconfig::formats::too_deep_at(&self.path.join(".")),
            };
            return crate::error::to_pyerr(err);
        }
        let key = self.path.join(".");
        let shown = if key.is_empty() {
            "the top level".to_string()
        } else {
            format!("'{key}'")
        };
        let details = |message: String| {
            let d = Details::new(message);
            if key.is_empty() {
                d
            } else {
                d.key(key.clone())
            }
        };
        let err = match self.reason {
            Reason::Python(e) => return e,
            Reason::TooDeep => superconfig::formats::too_deep_at(&key),
            Reason::IntRange => Error::ParseError(details(format!(
                "{what}: integer at {shown} is outside the 64-bit signed range"
            ))),
            Reason::Unsupported(ty) => Error::InvalidArgument(details(format!(
                "{what}: value at {shown} has unsupported type '{ty}'"
            ))),
            Reason::KeyNotString(ty) => Error::InvalidArgument(details(format!(
                "{what}: a key in {shown} is a '{ty}', not a string"
            ))),
        };
        crate::error::to_pyerr(err)
    }
}

impl From<PyErr> for ConvError {
    fn from(e: PyErr) -> Self {
        ConvError::new(Reason::Python(e))
    }
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".to_string())
}

fn scalar(obj: &Bound<'_, PyAny>) -> Result<Option<Value>, ConvError> {
    if obj.is_none() {
        return Ok(Some(Value::Null));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Some(Value::String(with_str(s, |t| SmolStr::new(t))?)));
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Some(Value::Bool(b.is_true())));
    }
    if obj.is_instance_of::<PyInt>() {
        return match obj.extract::<i64>() {
            Ok(i) => Ok(Some(Value::Int(i))),
            Err(_) => Err(ConvError::new(Reason::IntRange)),
        };
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Ok(Some(Value::Float(f.value())));
    }
    Ok(None)
}

/// A table from `(key, value)` pairs; keys must be `str`.
fn table_from<'py>(
    len: usize,
    entries: impl Iterator<Item = PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>)>>,
    depth: usize,
) -> Result<Node, ConvError> {
    let mut table = Table::with_capacity(len);
    for entry in entries {
        let (k, v) = entry?;
        let Ok(key) = k.cast::<PyString>() else {
            return Err(ConvError::new(Reason::KeyNotString(type_name(&k))));
        };
        let key: SmolStr = with_str(key, |t| SmolStr::new(t))?;
        let node = from_py_at(&v, depth + 1).map_err(|e| e.at(&*key))?;
        table.insert(key, node);
    }
    Ok(Node::new(Value::Table(Arc::new(table))))
}

fn from_py_at(obj: &Bound<'_, PyAny>, depth: usize) -> Result<Node, ConvError> {
    if depth > MAX_DEPTH {
        return Err(ConvError::new(Reason::TooDeep));
    }
    if let Some(value) = scalar(obj)? {
        return Ok(Node::new(value));
    }
    if let Ok(dict) = obj.cast::<PyDict>() {
        // A copy: converting a value may run Python code (`__fspath__`, `isoformat`) that
        // changes the dict, and iterating a dict that changes size panics.
        let copy = dict.copy()?;
        return table_from(copy.len(), copy.iter().map(Ok), depth).map_err(|e| e.through(obj));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let mut items = Vec::with_capacity(obj.len().unwrap_or(0));
        for (i, item) in obj.try_iter()?.enumerate() {
            items
                .push(from_py_at(&item?, depth + 1).map_err(|e| e.at(i.to_string()).through(obj))?);
        }
        return Ok(Node::new(Value::Array(Arc::new(Array::new(items)))));
    }
    // Any other `collections.abc.Mapping` (MappingProxyType, a custom mapping), as its items.
    if let Ok(mapping) = obj.cast::<PyMapping>() {
        let pairs = mapping.items()?;
        let entries = pairs
            .iter()
            .map(|pair| pair.extract::<(Bound<'_, PyAny>, Bound<'_, PyAny>)>());
        return table_from(pairs.len(), entries, depth).map_err(|e| e.through(obj));
    }
    if obj.hasattr("__fspath__")? {
        let text = obj.py().import("os")?.call_method1("fspath", (obj,))?;
        if let Ok(s) = text.cast::<PyString>() {
            return Ok(Node::new(Value::String(with_str(s, |t| SmolStr::new(t))?)));
        }
    }
    if obj.is_instance(date_time_types(obj.py())?)? {
        let text = obj.call_method0("isoformat")?;
        if let Ok(s) = text.cast::<PyString>() {
            return Ok(Node::new(Value::String(with_str(s, |t| SmolStr::new(t))?)));
        }
    }
    Err(ConvError::new(Reason::Unsupported(type_name(obj))))
}

/// `(datetime.date, datetime.time)`, imported once (only for values of unusual types).
fn date_time_types(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    static TYPES: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let types = TYPES.get_or_try_init(py, || {
        let m = py.import("datetime")?;
        Ok::<_, PyErr>(
            PyTuple::new(py, [m.getattr("date")?, m.getattr("time")?])?
                .into_any()
                .unbind(),
        )
    })?;
    Ok(types.bind(py))
}

/// A Python value (for `with_defaults`: a dict) as a core tree; `what` prefixes error messages.
pub fn from_py(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Node> {
    from_py_at(obj, 0).map_err(|e| e.into_pyerr(what))
}

/// An environment mapping: `str` values as they are; `bool`/`int`/`float` as their JSON text
/// (`true`, `8080`, `1.5`), as the other bindings write them; anything else is refused.
pub fn env_pairs(mapping: &Bound<'_, PyAny>) -> PyResult<Vec<(String, String)>> {
    let Ok(dict) = mapping.cast::<PyDict>() else {
        let items = mapping
            .call_method0("items")
            .map_err(|_| invalid_argument("mapping must be a dict (or have items())"))?;
        let dict = PyDict::new(mapping.py());
        for pair in items.try_iter()? {
            let pair = pair?;
            dict.set_item(pair.get_item(0)?, pair.get_item(1)?)?;
        }
        return env_pairs(dict.as_any());
    };
    let dict = dict.copy()?;
    let mut out = Vec::with_capacity(dict.len());
    for (k, v) in dict.iter() {
        let Ok(name) = k.cast::<PyString>() else {
            return Err(invalid_argument(format!(
                "environment variable names must be strings, got '{}'",
                type_name(&k)
            )));
        };
        let name = with_str(name, str::to_string)?;
        let value = if let Ok(s) = v.cast::<PyString>() {
            with_str(s, str::to_string)?
        } else {
            match scalar(&v) {
                Ok(Some(Value::Bool(b))) => b.to_string(),
                Ok(Some(Value::Int(i))) => i.to_string(),
                Ok(Some(Value::Float(f))) if f.is_finite() => format!("{f:?}"),
                _ => {
                    return Err(invalid_argument(format!(
                        "environment variable {name}: value must be a string, got '{}'",
                        type_name(&v)
                    )));
                }
            }
        };
        out.push((name, value));
    }
    Ok(out)
}

// ----- key paths ---------------------------------------------------------------------------

/// Whether `PyUnicode_AsUTF8AndSize` may be called (CPython ≥ 3.10 at run time; see `borrow_str`).
static FAST_STR: AtomicBool = AtomicBool::new(false);

/// Decides the string fast path once, at module import.
pub fn init(py: Python<'_>) {
    FAST_STR.store(py.version_info() >= (3, 10), Ordering::Relaxed);
}

#[cfg(not(windows))]
unsafe extern "C" {
    /// In CPython's ABI since 3.3 and in the limited API since 3.10. The abi3-py39 build may not
    /// use it at compile time, so it is declared here and only called on ≥ 3.10 (checked at run
    /// time). Not on Windows, where a 3.9 `python3.dll` would not export it.
    fn PyUnicode_AsUTF8AndSize(
        unicode: *mut pyo3::ffi::PyObject,
        size: *mut pyo3::ffi::Py_ssize_t,
    ) -> *const u8;
}

/// Calls `f` with the text of `s`, borrowing CPython's UTF-8 buffer when it can (no allocation).
/// The buffer stays valid while `s` lives (str objects are immutable), GIL released or not.
#[inline]
/// A str that cannot be UTF-8 (a lone surrogate such as `"\\udc80"`, from `os.fsdecode` of
/// bad bytes) is `InvalidArgument`, so `except SuperConfigError` sees it.
fn not_unicode(err: PyErr, py: Python<'_>) -> PyErr {
    if err.is_instance_of::<pyo3::exceptions::PyUnicodeEncodeError>(py) {
        invalid_argument("text contains a lone surrogate and is not valid Unicode")
    } else {
        err
    }
}

pub fn with_str<R>(s: &Bound<'_, PyString>, f: impl FnOnce(&str) -> R) -> PyResult<R> {
    #[cfg(not(windows))]
    if FAST_STR.load(Ordering::Relaxed) {
        let mut size: pyo3::ffi::Py_ssize_t = 0;
        // SAFETY: `s` is a live str object; the buffer lives as long as `s` (borrowed here) and
        // CPython guarantees it is valid UTF-8 of `size` bytes.
        let text = unsafe {
            let data = PyUnicode_AsUTF8AndSize(s.as_ptr(), &mut size);
            if data.is_null() {
                return Err(not_unicode(PyErr::fetch(s.py()), s.py()));
            }
            std::str::from_utf8_unchecked(std::slice::from_raw_parts(data, size as usize))
        };
        return Ok(f(text));
    }
    Ok(f(&s.to_cow().map_err(|e| not_unicode(e, s.py()))?))
}

/// A dotted path borrowed from a Python string (a sized stand-in for `str` as `dyn KeyPath`).
struct Dotted<'a>(&'a str);

impl KeyPath for Dotted<'_> {
    #[inline]
    fn locate<'t>(&self, root: &'t superconfig::Node) -> Option<&'t superconfig::Node> {
        self.0.locate(root)
    }

    #[inline]
    fn each_segment(&self, f: &mut dyn FnMut(&str) -> bool) {
        self.0.each_segment(f)
    }

    fn display(&self) -> String {
        self.0.to_string()
    }
}

/// Calls `f` with the key path `obj` names: a dotted `str`, or a list/tuple of segments (`str`,
/// or `int` for an array index) for keys that contain dots.
#[inline]
pub fn with_path<R>(obj: &Bound<'_, PyAny>, f: impl FnOnce(&dyn KeyPath) -> R) -> PyResult<R> {
    if let Ok(s) = obj.cast::<PyString>() {
        return with_str(s, |text| f(&Dotted(text)));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let mut segments = Vec::with_capacity(obj.len().unwrap_or(0));
        for item in obj.try_iter()? {
            let item = item?;
            if let Ok(s) = item.cast::<PyString>() {
                segments.push(with_str(s, str::to_string)?);
            } else if item.is_instance_of::<PyInt>() && !item.is_instance_of::<PyBool>() {
                // Its decimal text, as the dotted form would write it: the core decides what an
                // index of any size (or a negative one) finds.
                segments.push(item.str()?.to_cow()?.into_owned());
            } else {
                return Err(invalid_argument(format!(
                    "a key path segment must be a str or an int, got '{}'",
                    type_name(&item)
                )));
            }
        }
        return Ok(f(&segments));
    }
    Err(invalid_argument(format!(
        "a key path is a dotted str or a list of segments, got '{}'",
        type_name(obj)
    )))
}

/// A key path as owned segments (for calls that release the GIL or keep the path).
/// A str (one item) or a sequence of str: glob patterns, secret key patterns.
pub fn string_list(obj: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(vec![s.to_cow()?.into_owned()]);
    }
    obj.extract()
        .map_err(|_| invalid_argument("expected a list of strings"))
}

pub fn owned_path(obj: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    with_path(obj, |p| {
        let mut out = Vec::new();
        p.each_segment(&mut |s| {
            out.push(s.to_string());
            true
        });
        out
    })
}

/// The `default` argument of `get`: absent, or any object (`None` included).
pub struct Fallback<'py>(pub Option<Bound<'py, PyAny>>);

impl<'a, 'py> FromPyObject<'a, 'py> for Fallback<'py> {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        Ok(Fallback(Some(obj.to_owned())))
    }
}
