//! JS → core.

use std::ptr;
use std::sync::Arc;

use napi::{Result, sys};
use superconfig::formats::{MAX_DEPTH, int_out_of_range, javascript_number};
use superconfig::{Array, Details, Error as CoreError, Node, SmolStr, Table, Value};

use crate::error::{check, core_error};

/// The JS type of `value`.
///
/// # Safety
/// `env` and `value` must be valid.
pub unsafe fn type_of(env: sys::napi_env, value: sys::napi_value) -> Result<sys::napi_valuetype> {
    let mut t = 0;
    // SAFETY: forwarded.
    check(unsafe { sys::napi_typeof(env, value, &mut t) })?;
    Ok(t)
}

/// Reads a JS string as Rust text (lone surrogates become U+FFFD). Short strings take one
/// Node-API call; longer ones ask for the length first.
///
/// # Safety
/// `env` must be valid and `value` a JS string.
pub unsafe fn read_string(env: sys::napi_env, value: sys::napi_value) -> Result<String> {
    const SHORT: usize = 128;
    let mut buf = [0u8; SHORT];
    let mut len = 0;
    // SAFETY: napi writes at most `SHORT` bytes (NUL included) and reports how many.
    unsafe {
        check(sys::napi_get_value_string_utf8(
            env,
            value,
            buf.as_mut_ptr().cast(),
            SHORT,
            &mut len,
        ))?;
        if fits(len, SHORT) {
            return Ok(utf8(buf[..len].to_vec()));
        }
        check(sys::napi_get_value_string_utf8(
            env,
            value,
            ptr::null_mut(),
            0,
            &mut len,
        ))?;
        let mut long: Vec<u8> = Vec::with_capacity(len + 1);
        let mut written = 0;
        check(sys::napi_get_value_string_utf8(
            env,
            value,
            long.as_mut_ptr().cast(),
            len + 1,
            &mut written,
        ))?;
        long.set_len(written);
        Ok(utf8(long))
    }
}

/// Whether `napi_get_value_string_utf8` copied a whole string: `len` bytes into a buffer of
/// `capacity` (NUL included). A string that does not fit is cut before the character that would
/// overflow, so a cut copy can be up to 3 bytes shorter than `capacity - 1`: only a copy shorter
/// than that is surely whole.
#[inline]
pub fn fits(len: usize, capacity: usize) -> bool {
    len + 4 < capacity
}

fn utf8(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Own enumerable string keys of an object, in property order.
///
/// # Safety
/// `env` must be valid and `object` a JS object.
pub unsafe fn own_keys(
    env: sys::napi_env,
    object: sys::napi_value,
) -> Result<Vec<(String, sys::napi_value)>> {
    let mut names = ptr::null_mut();
    let mut len = 0;
    // SAFETY: valid env/object; indices are below the array length.
    unsafe {
        check(sys::napi_get_all_property_names(
            env,
            object,
            sys::KeyCollectionMode::own_only,
            sys::KeyFilter::enumerable | sys::KeyFilter::skip_symbols,
            sys::KeyConversion::numbers_to_strings,
            &mut names,
        ))?;
        check(sys::napi_get_array_length(env, names, &mut len))?;
        let mut out = Vec::with_capacity(len as usize);
        for i in 0..len {
            let mut key = ptr::null_mut();
            check(sys::napi_get_element(env, names, i, &mut key))?;
            out.push((read_string(env, key)?, key));
        }
        Ok(out)
    }
}

/// Converts a JS value into a core tree (see the module docs for the mapping).
///
/// # Safety
/// `env` must be the current, valid environment on its JS thread and `value` a live value.
pub unsafe fn from_js(env: sys::napi_env, value: sys::napi_value) -> Result<Node> {
    // SAFETY: forwarded.
    if let Some(node) = unsafe { super::json::tree(env, value) }? {
        return Ok(node);
    }
    let mut walker = Walker {
        env,
        path: Vec::new(),
        ancestors: Vec::new(),
    };
    // SAFETY: forwarded.
    unsafe { walker.convert(value) }?.ok_or_else(|| {
        walker.fail(CoreError::InvalidArgument(Details::new(
            "expected a value, got undefined",
        )))
    })
}

struct Walker {
    env: sys::napi_env,
    path: Vec<String>,
    ancestors: Vec<sys::napi_value>,
}

impl Walker {
    fn key(&self) -> String {
        self.path.join(".")
    }

    fn at(&self) -> String {
        if self.path.is_empty() {
            String::from("the top level")
        } else {
            format!("'{}'", self.key())
        }
    }

    fn fail(&self, error: CoreError) -> napi::Error {
        core_error(self.env, &error)
    }

    fn invalid(&self, what: &str) -> napi::Error {
        let mut details = Details::new(format!("unsupported value at {}: {what}", self.at()));
        if !self.path.is_empty() {
            details = details.key(self.key());
        }
        self.fail(CoreError::InvalidArgument(details))
    }

    /// Past the depth limit: a cycle if an object on the way down appears again further down
    /// (only looked for here, so a normal walk pays nothing for it), else nesting too deep.
    fn too_deep(&self, value: sys::napi_value) -> napi::Error {
        let same = |a: sys::napi_value, b: sys::napi_value| {
            let mut same = false;
            // SAFETY: both values are live in this env.
            (unsafe { sys::napi_strict_equals(self.env, a, b, &mut same) }) == sys::Status::napi_ok
                && same
        };
        let chain: Vec<sys::napi_value> = self.ancestors.iter().copied().chain([value]).collect();
        // The object at depth j is reached by path[..j]; the first j whose object is an ancestor's
        // is where the cycle closes.
        let closes = (1..chain.len()).find(|&j| chain[..j].iter().any(|&a| same(a, chain[j])));
        if let Some(j) = closes {
            let key = self.path[..j.min(self.path.len())].join(".");
            return self.fail(superconfig::formats::cycle_error(&key));
        }
        self.fail(superconfig::formats::too_deep_at(&self.key()))
    }

    /// `Ok(None)` for `undefined`.
    unsafe fn convert(&mut self, value: sys::napi_value) -> Result<Option<Node>> {
        let env = self.env;
        if self.ancestors.len() > MAX_DEPTH {
            return Err(self.too_deep(value));
        }
        // SAFETY: `env` and `value` are valid for the whole walk (one synchronous call).
        unsafe {
            let v = match type_of(env, value)? {
                sys::ValueType::napi_undefined => return Ok(None),
                sys::ValueType::napi_null => Value::Null,
                sys::ValueType::napi_boolean => {
                    let mut b = false;
                    check(sys::napi_get_value_bool(env, value, &mut b))?;
                    Value::Bool(b)
                }
                sys::ValueType::napi_number => {
                    let mut f = 0.0;
                    check(sys::napi_get_value_double(env, value, &mut f))?;
                    javascript_number(f)
                }
                sys::ValueType::napi_bigint => {
                    let mut i = 0;
                    let mut lossless = false;
                    check(sys::napi_get_value_bigint_int64(
                        env,
                        value,
                        &mut i,
                        &mut lossless,
                    ))?;
                    if !lossless {
                        return Err(self.fail(int_out_of_range(&self.key(), None, None)));
                    }
                    Value::Int(i)
                }
                sys::ValueType::napi_string => {
                    Value::String(SmolStr::from(read_string(env, value)?))
                }
                sys::ValueType::napi_object => match self.json_replacement(value)? {
                    Some(replaced) => return self.convert_replaced(replaced),
                    None => return self.object(value).map(Some),
                },
                sys::ValueType::napi_function => return Err(self.invalid("a function")),
                sys::ValueType::napi_symbol => return Err(self.invalid("a symbol")),
                _ => return Err(self.invalid("an external value")),
            };
            Ok(Some(Node::new(v)))
        }
    }

    /// What `JSON.stringify` would serialize instead of `value`: the result of its `toJSON`
    /// method (a `Date` gives its ISO string, or null when invalid), if it has one.
    unsafe fn json_replacement(&self, value: sys::napi_value) -> Result<Option<sys::napi_value>> {
        let env = self.env;
        // SAFETY: valid env; the method is called on `value` with the key, as JSON.stringify does.
        unsafe {
            let mut method = ptr::null_mut();
            check(sys::napi_get_named_property(
                env,
                value,
                c"toJSON".as_ptr(),
                &mut method,
            ))?;
            if type_of(env, method)? != sys::ValueType::napi_function {
                return Ok(None);
            }
            let key = super::to_js::js_string(env, self.path.last().map_or("", String::as_str))?;
            let mut out = ptr::null_mut();
            check(sys::napi_call_function(
                env, value, method, 1, &key, &mut out,
            ))?;
            Ok(Some(out))
        }
    }

    /// Converts the result of `toJSON` (whose own `toJSON` is not applied again).
    unsafe fn convert_replaced(&mut self, value: sys::napi_value) -> Result<Option<Node>> {
        // SAFETY: forwarded.
        unsafe {
            if type_of(self.env, value)? == sys::ValueType::napi_object {
                return self.object(value).map(Some);
            }
            self.convert(value)
        }
    }

    unsafe fn object(&mut self, value: sys::napi_value) -> Result<Node> {
        let env = self.env;
        // SAFETY: valid env and values throughout.
        unsafe {
            let mut flag = false;
            check(sys::napi_is_typedarray(env, value, &mut flag))?;
            let mut flag2 = false;
            check(sys::napi_is_arraybuffer(env, value, &mut flag2))?;
            if flag || flag2 {
                return Err(self.invalid("binary data (typed array or ArrayBuffer)"));
            }
            self.ancestors.push(value);
            check(sys::napi_is_array(env, value, &mut flag))?;
            let node = if flag {
                self.array(value)
            } else {
                self.table(value)
            };
            self.ancestors.pop();
            node
        }
    }

    unsafe fn array(&mut self, value: sys::napi_value) -> Result<Node> {
        let env = self.env;
        let mut len = 0;
        // SAFETY: valid env; indices below the length.
        unsafe {
            check(sys::napi_get_array_length(env, value, &mut len))?;
            let mut items = Vec::with_capacity(len as usize);
            for i in 0..len {
                let mut item = ptr::null_mut();
                check(sys::napi_get_element(env, value, i, &mut item))?;
                self.path.push(i.to_string());
                let node = self
                    .convert(item)?
                    .unwrap_or_else(|| Node::new(Value::Null));
                self.path.pop();
                items.push(node);
            }
            Ok(Node::new(Value::Array(Arc::new(Array::new(items)))))
        }
    }

    unsafe fn table(&mut self, value: sys::napi_value) -> Result<Node> {
        let env = self.env;
        // SAFETY: valid env; keys come from the object itself.
        unsafe {
            let keys = own_keys(env, value)?;
            let mut table = Table::with_capacity(keys.len());
            for (name, key) in keys {
                let mut item = ptr::null_mut();
                check(sys::napi_get_property(env, value, key, &mut item))?;
                self.path.push(name);
                let node = self.convert(item)?;
                let name = self.path.pop().unwrap_or_default();
                if let Some(node) = node {
                    table.insert(name, node);
                }
            }
            Ok(Node::new(Value::Table(Arc::new(table))))
        }
    }
}
