//! JS value → core tree (`withDefaults`).
//!
//! `null` → null, booleans, numbers (a safe integer → integer, any other number → float),
//! `BigInt` (must fit i64, else a `ParseError` naming the key), strings, arrays, plain objects
//! (own enumerable string keys, in `Object.keys` order). An object with a `toJSON` method is
//! what that returns (a `Date` its ISO 8601 string), as in `JSON.stringify`; that result's own
//! `toJSON` is not applied again. An `undefined` property is left out (as `JSON.stringify`
//! does); `undefined` in an array is null. Functions, symbols and binary data are an
//! `InvalidArgument` error naming the key; a cycle is the core's cycle error and nesting deeper
//! than [`MAX_DEPTH`] its too-deep error.
//!
//! Fast path: `jsonText` of `js/helpers.mjs` serialises the value inside the engine when JSON
//! text carries it exactly, and the core reads the text (JavaScript's number rule); one call
//! instead of several per property. Anything else takes the walker, which names the problem.

use std::sync::Arc;

use superconfig::formats::{
    MAX_DEPTH, cycle_error, int_out_of_range, javascript_number, too_deep_at,
};
use superconfig::{Array, Details, Error as CoreError, Node, SmolStr, Table, Value};

use crate::host::{Host, JsType};

/// Converts a JS value into a core tree (see the module docs).
pub fn from_js<H: Host>(host: &H, value: &H::Value) -> Result<Node, H::Error> {
    // Too deep for the core, or not JSON text: the walker names the error.
    if let Some(node) = host
        .json_text(value)?
        .and_then(|text| superconfig::formats::from_javascript_json(&text).ok())
    {
        return Ok(node);
    }
    let mut walker = Walker {
        host,
        path: Vec::new(),
        ancestors: Vec::new(),
    };
    walker.convert(value)?.ok_or_else(|| {
        host.fail(&CoreError::InvalidArgument(Details::new(
            "expected a value, got undefined",
        )))
    })
}

struct Walker<'h, H: Host> {
    host: &'h H,
    path: Vec<String>,
    ancestors: Vec<H::Value>,
}

impl<H: Host> Walker<'_, H> {
    fn key(&self) -> String {
        self.path.join(".")
    }

    fn invalid(&self, what: &str) -> H::Error {
        let at = if self.path.is_empty() {
            String::from("the top level")
        } else {
            format!("'{}'", self.key())
        };
        let mut details = Details::new(format!("unsupported value at {at}: {what}"));
        if !self.path.is_empty() {
            details = details.key(self.key());
        }
        self.host.fail(&CoreError::InvalidArgument(details))
    }

    /// Past the depth limit: a cycle if an object on the way down appears again further down
    /// (only looked for here, so a normal walk pays nothing for it), else nesting too deep.
    fn too_deep(&self, value: &H::Value) -> H::Error {
        let chain: Vec<&H::Value> = self.ancestors.iter().chain([value]).collect();
        // The object at depth j is reached by path[..j]; the first j whose object is an
        // ancestor's is where the cycle closes.
        let closes =
            (1..chain.len()).find(|&j| chain[..j].iter().any(|a| self.host.same(a, chain[j])));
        let error = match closes {
            Some(j) => cycle_error(&self.path[..j.min(self.path.len())].join(".")),
            None => too_deep_at(&self.key()),
        };
        self.host.fail(&error)
    }

    /// `Ok(None)` for `undefined`.
    fn convert(&mut self, value: &H::Value) -> Result<Option<Node>, H::Error> {
        if self.ancestors.len() > MAX_DEPTH {
            return Err(self.too_deep(value));
        }
        let v = match self.host.classify(value)? {
            JsType::Undefined => return Ok(None),
            JsType::Null => Value::Null,
            JsType::Bool(b) => Value::Bool(b),
            JsType::Number(f) => javascript_number(f),
            JsType::BigInt(Some(i)) => Value::Int(i),
            JsType::BigInt(None) => {
                return Err(self.host.fail(&int_out_of_range(&self.key(), None, None)));
            }
            JsType::String(s) => Value::String(SmolStr::from(s)),
            JsType::Object => {
                return match self.json_replacement(value)? {
                    Some(replaced) => match self.host.classify(&replaced)? {
                        JsType::Object => self.object(&replaced).map(Some),
                        _ => self.convert(&replaced),
                    },
                    None => self.object(value).map(Some),
                };
            }
            JsType::Function => return Err(self.invalid("a function")),
            JsType::Symbol => return Err(self.invalid("a symbol")),
            JsType::Other => return Err(self.invalid("a value of an unsupported type")),
        };
        Ok(Some(Node::new(v)))
    }

    /// The result of `value.toJSON(key)` when `value` has such a method.
    fn json_replacement(&self, value: &H::Value) -> Result<Option<H::Value>, H::Error> {
        let method = self.host.named(value, "toJSON")?;
        if self.host.classify(&method)? != JsType::Function {
            return Ok(None);
        }
        let key = self
            .host
            .string(self.path.last().map_or("", String::as_str))?;
        self.host.call(&method, value, &[key]).map(Some)
    }

    fn object(&mut self, value: &H::Value) -> Result<Node, H::Error> {
        if self.host.is_binary(value)? {
            return Err(self.invalid("binary data (typed array or ArrayBuffer)"));
        }
        self.ancestors.push(value.clone());
        let node = if self.host.is_array(value)? {
            self.array(value)
        } else {
            self.table(value)
        };
        self.ancestors.pop();
        node
    }

    fn array(&mut self, value: &H::Value) -> Result<Node, H::Error> {
        let len = self.host.length(value)?;
        // Reserved up to a bound: a sparse array's length is not what it holds.
        let mut items = Vec::with_capacity(len.min(1 << 16) as usize);
        for i in 0..len {
            let item = self.host.element(value, i)?;
            self.path.push(i.to_string());
            let node = self
                .convert(&item)?
                .unwrap_or_else(|| Node::new(Value::Null));
            self.path.pop();
            items.push(node);
        }
        Ok(Node::new(Value::Array(Arc::new(Array::new(items)))))
    }

    fn table(&mut self, value: &H::Value) -> Result<Node, H::Error> {
        let keys = self.host.own_keys(value)?;
        let mut table = Table::with_capacity(keys.len());
        for (name, key) in keys {
            let item = self.host.property(value, &key)?;
            self.path.push(name);
            let node = self.convert(&item)?;
            let name = self.path.pop().unwrap_or_default();
            if let Some(node) = node {
                table.insert(name, node);
            }
        }
        Ok(Node::new(Value::Table(Arc::new(table))))
    }
}
