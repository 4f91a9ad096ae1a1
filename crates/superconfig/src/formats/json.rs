//! JSON through `jiter` (pydantic's iterator-style parser): fast, reports byte positions, and
//! rejects integers beyond i64 instead of turning them into floats.

use std::sync::Arc;

use jiter::{Jiter, JiterError, JiterErrorType, JsonErrorType, Peek};

use super::{Interner, LineIndex, MAX_DEPTH, int_out_of_range, join_path, not_a_table, too_deep};
use crate::value::{Array, LayerId, Node, Origin, SmolStr, Table, Value};
use crate::{Details, Error, Result};

/// A key path step; keys are shared with the tree, indexes cost nothing until an error.
#[derive(Clone)]
enum Step {
    Key(SmolStr),
    Index(usize),
}

fn join_steps(path: &[Step]) -> String {
    let parts: Vec<String> = path
        .iter()
        .map(|s| match s {
            Step::Key(k) => k.to_string(),
            Step::Index(i) => i.to_string(),
        })
        .collect();
    join_path(&parts)
}

pub(crate) fn parse(text: &str, layer: LayerId) -> Result<Option<Node>> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let node = parse_json_value(text, Origin::new(layer, 0), true)?;
    match node.value {
        Value::Table(_) => Ok(Some(node)),
        ref other => Err(not_a_table(other.type_name())),
    }
}

/// Parses one JSON value. With `lines`, nodes get their line; otherwise every node gets `origin`
/// (an environment variable's JSON value has no lines of its own).
pub(crate) fn parse_json_value(text: &str, origin: Origin, lines: bool) -> Result<Node> {
    build(text, origin, lines, Numbers::Json)
}

/// The tree of a JavaScript value from its `JSON.stringify` text, for the JS bindings (one call
/// to V8's serializer and one parse beat a foreign call per property). JavaScript has one number
/// type, so an integer written beyond ±(2^53 − 1) was a double and becomes a float. Every node's
/// origin is unknown: the caller stamps it. An error here means the text is not what
/// `JSON.stringify` makes (or is too deep): the binding then converts the value itself, which
/// names the problem.
pub fn from_javascript_json(text: &str) -> Result<Node> {
    build(text, Origin::default(), false, Numbers::JavaScript)
}

/// How JSON numbers map to values.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Numbers {
    /// Integers must fit i64 (else an error naming the key); others are floats.
    Json,
    /// [`javascript_number`] of the double the text denotes.
    JavaScript,
}

/// JavaScript's `Number.MAX_SAFE_INTEGER`: integers beyond ±this are not exact in a JS number
/// (the JS bindings hand such integers out as `BigInt`).
pub const MAX_SAFE_INTEGER: i64 = (1 << 53) - 1;

/// A JavaScript number as a value, the rule of every JS binding: a safe integer (a whole number
/// within ±[`MAX_SAFE_INTEGER`], `-0` included) is an integer, anything else a float.
pub fn javascript_number(f: f64) -> Value {
    if f.fract() == 0.0 && f.abs() <= MAX_SAFE_INTEGER as f64 {
        Value::Int(f as i64)
    } else {
        Value::Float(f)
    }
}

fn build(text: &str, origin: Origin, lines: bool, numbers: Numbers) -> Result<Node> {
    // An environment variable's JSON has no lines of its own: no index for it.
    let index = lines.then(|| LineIndex::new(text));
    let mut p = JsonBuilder {
        numbers,
        strings: Interner::default(),
        jiter: Jiter::new(text.as_bytes()),
        text,
        lines: index.as_ref(),
        origin,
        path: Vec::new(),
    };
    let peek = p.jiter.peek().map_err(|e| json_error(text, &p.path, e))?;
    let node = p.value(peek, p.origin_here(), 0)?;
    p.jiter.finish().map_err(|e| json_error(text, &p.path, e))?;
    Ok(node)
}

struct JsonBuilder<'a> {
    numbers: Numbers,
    strings: Interner,
    jiter: Jiter<'a>,
    text: &'a str,
    lines: Option<&'a LineIndex>,
    origin: Origin,
    path: Vec<Step>,
}

impl<'a> JsonBuilder<'a> {
    fn origin_here(&self) -> Origin {
        match self.lines {
            Some(index) => Origin::new(self.origin.layer, index.line(self.jiter.current_index())),
            None => self.origin,
        }
    }

    fn value(&mut self, peek: Peek, origin: Origin, depth: usize) -> Result<Node> {
        if depth > MAX_DEPTH {
            let index = LineIndex::new(self.text);
            let (l, c) = index.line_col(self.text, self.jiter.current_index());
            return Err(too_deep(Some(l), Some(c)));
        }
        let value = match peek {
            Peek::Null => {
                self.jiter
                    .known_null()
                    .map_err(|e| json_error(self.text, &self.path, e))?;
                Value::Null
            }
            Peek::True | Peek::False => Value::Bool(self.literal(peek)?),
            Peek::String => {
                let s = self
                    .jiter
                    .known_str()
                    .map_err(|e| json_error(self.text, &self.path, e))?;
                Value::String(SmolStr::new(s))
            }
            Peek::Array => {
                let mut items = Vec::with_capacity(4);
                let mut next = self
                    .jiter
                    .known_array()
                    .map_err(|e| json_error(self.text, &self.path, e))?;
                while let Some(peek) = next {
                    self.path.push(Step::Index(items.len()));
                    let origin = self.origin_here();
                    items.push(self.value(peek, origin, depth + 1)?);
                    self.path.pop();
                    next = self
                        .jiter
                        .array_step()
                        .map_err(|e| json_error(self.text, &self.path, e))?;
                }
                Value::Array(Arc::new(Array::new(items)))
            }
            Peek::Object => {
                let mut table = Table::with_capacity(8);
                let mut key = self
                    .jiter
                    .known_object()
                    .map_err(|e| json_error(self.text, &self.path, e))?
                    .map(|k| self.strings.intern(k));
                while let Some(k) = key {
                    let origin = self.origin_here();
                    let peek = self
                        .jiter
                        .peek()
                        .map_err(|e| json_error(self.text, &self.path, e))?;
                    self.path.push(Step::Key(k));
                    let node = self.value(peek, origin, depth + 1)?;
                    if let Some(Step::Key(k)) = self.path.pop() {
                        table.insert(k, node);
                    } // a repeated key: the last one wins, as in most JSON readers
                    key = self
                        .jiter
                        .next_key()
                        .map_err(|e| json_error(self.text, &self.path, e))?
                        .map(|k| self.strings.intern(k));
                }
                Value::Table(Arc::new(table))
            }
            _ => match self.numbers {
                Numbers::Json => self.number(peek)?,
                Numbers::JavaScript => self.javascript_number(peek)?,
            },
        };
        Ok(Node::at(value, origin))
    }

    /// `true` or `false`, checked by jiter.
    #[cfg(not(target_arch = "wasm32"))]
    fn literal(&mut self, peek: Peek) -> Result<bool> {
        self.jiter
            .known_bool(peek)
            .map_err(|e| json_error(self.text, &self.path, e))
    }

    /// The browser build checks the literal with `known_skip`: `known_bool` would also link
    /// jiter's type-mismatch reporting (9 KB) and, through it, a second float parser.
    #[cfg(target_arch = "wasm32")]
    fn literal(&mut self, peek: Peek) -> Result<bool> {
        self.jiter
            .known_skip(peek)
            .map_err(|e| json_error(self.text, &self.path, e))?;
        Ok(peek == Peek::True)
    }

    /// A number: an integer when written without fraction or exponent (beyond i64: an error
    /// at the number), else a float.
    #[cfg(not(target_arch = "wasm32"))]
    fn number(&mut self, peek: Peek) -> Result<Value> {
        let at = self.jiter.current_index();
        match self.jiter.known_number(peek) {
            Ok(jiter::NumberAny::Int(jiter::NumberInt::Int(i))) => Ok(Value::Int(i)),
            Ok(jiter::NumberAny::Float(f)) if f.is_finite() => Ok(Value::Float(f)),
            Ok(jiter::NumberAny::Float(_)) => Err(self.float_out_of_range(at)),
            // Named at the number's first digit.
            Err(e) if is_out_of_range(&e) => Err(self.out_of_range(at)),
            Err(e) => Err(json_error(self.text, &self.path, e)),
        }
    }

    /// The browser build's number: jiter checks the grammar, std parses the digits (one float
    /// parser in the module instead of two).
    #[cfg(target_arch = "wasm32")]
    fn number(&mut self, peek: Peek) -> Result<Value> {
        let (at, literal, integral) = self.number_literal(peek)?;
        // Cannot fail on a number jiter accepted (overflow parses to infinity).
        if integral {
            return literal
                .parse::<i64>()
                .map(Value::Int)
                .map_err(|_| self.out_of_range(at));
        }
        match literal.parse::<f64>() {
            Ok(f) if f.is_finite() => Ok(Value::Float(f)),
            _ => Err(self.float_out_of_range(at)),
        }
    }

    /// A number under JavaScript's rule ([`javascript_number`]): the text `JSON.stringify`
    /// wrote for a JS number reads back as that very double.
    fn javascript_number(&mut self, peek: Peek) -> Result<Value> {
        let (at, literal, _) = self.number_literal(peek)?;
        // Cannot fail on a number jiter accepted (overflow parses to infinity).
        match literal.parse::<f64>() {
            Ok(f) if f.is_finite() => Ok(javascript_number(f)),
            _ => Err(self.float_out_of_range(at)),
        }
    }

    /// Skips the number at the cursor, jiter checking its grammar: where it starts, its text,
    /// and whether it is written as an integer (no fraction, no exponent).
    fn number_literal(&mut self, peek: Peek) -> Result<(usize, &'a str, bool)> {
        let at = self.jiter.current_index();
        self.jiter
            .known_skip(peek)
            .map_err(|e| json_error(self.text, &self.path, e))?;
        let literal = self
            .text
            .get(at..self.jiter.current_index())
            .unwrap_or_default();
        let integral = !literal.bytes().any(|b| matches!(b, b'.' | b'e' | b'E'));
        Ok((at, literal, integral))
    }

    fn out_of_range(&self, at: usize) -> Error {
        let lines = LineIndex::new(self.text);
        let (l, c) = lines.line_col(self.text, at);
        int_out_of_range(&join_steps(&self.path), Some(l), Some(c))
    }

    fn float_out_of_range(&self, at: usize) -> Error {
        let lines = LineIndex::new(self.text);
        let (l, c) = lines.line_col(self.text, at);
        super::float_out_of_range(&join_steps(&self.path), Some(l), Some(c))
    }
}

fn is_out_of_range(e: &JiterError) -> bool {
    matches!(
        e.error_type,
        JiterErrorType::JsonError(JsonErrorType::NumberOutOfRange)
    )
}

fn json_error(text: &str, path: &[Step], e: JiterError) -> Error {
    let index = LineIndex::new(text);
    let (line, col) = index.line_col(text, e.index);
    if is_out_of_range(&e) {
        return int_out_of_range(&join_steps(path), Some(line), Some(col));
    }
    Error::parse(Details::new(e.error_type.to_string()).at(Some(line), Some(col)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value_at(node: &Node, key: &str) -> Value {
        node.as_table()
            .and_then(|t| t.get(key))
            .map(|n| n.value.clone())
            .unwrap_or(Value::Null)
    }

    #[test]
    fn javascript_numbers_are_integers_only_within_the_safe_range() {
        let text = r#"{"small":42,"neg":-7,"max":9007199254740991,"min":-9007199254740991,
            "past":9007199254740992,"huge":100000000000000000000,"frac":0.1,"exp":1e+21}"#;
        let node = from_javascript_json(text).expect("JSON.stringify text");
        assert!(matches!(value_at(&node, "small"), Value::Int(42)));
        assert!(matches!(value_at(&node, "neg"), Value::Int(-7)));
        assert!(matches!(
            value_at(&node, "max"),
            Value::Int(9_007_199_254_740_991)
        ));
        assert!(matches!(
            value_at(&node, "min"),
            Value::Int(-9_007_199_254_740_991)
        ));
        assert!(matches!(value_at(&node, "past"), Value::Float(f) if f == 9_007_199_254_740_992.0));
        assert!(matches!(value_at(&node, "huge"), Value::Float(f) if f == 1e20));
        assert!(matches!(value_at(&node, "frac"), Value::Float(f) if f == 0.1));
        assert!(matches!(value_at(&node, "exp"), Value::Float(f) if f == 1e21));
        assert_eq!(node.origin, Origin::default());
    }

    #[test]
    fn file_json_still_rejects_integers_beyond_i64() {
        let err = parse(r#"{"huge":100000000000000000000}"#, LayerId(1)).unwrap_err();
        assert_eq!(err.kind(), "ParseError");
        assert!(from_javascript_json("{\"a\":").is_err());
    }
}
