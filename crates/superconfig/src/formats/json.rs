//! JSON through `jiter` (pydantic's iterator-style parser): fast, reports byte positions, and
//! rejects integers beyond i64 instead of turning them into floats.

use std::sync::Arc;

use jiter::{Jiter, JiterError, JiterErrorType, JsonErrorType, Peek};

use super::{Interner, LineIndex, MAX_DEPTH, int_out_of_range, join_path, not_a_table, too_deep};

/// A key path step; keys are shared with the tree, indexes cost nothing until an error.
#[derive(Clone)]
enum Step {
    Key(Arc<str>),
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
use crate::value::{Array, LayerId, Node, Origin, Table, Value};
use crate::{Details, Error, Result};

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
    // An environment variable's JSON has no lines of its own: no index for it.
    let index = lines.then(|| LineIndex::new(text));
    let mut p = JsonBuilder {
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
    strings: Interner,
    jiter: Jiter<'a>,
    text: &'a str,
    lines: Option<&'a LineIndex>,
    origin: Origin,
    path: Vec<Step>,
}

impl JsonBuilder<'_> {
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
                Value::String(self.strings.value(s))
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
            _ => self.number(peek)?,
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
            Ok(jiter::NumberAny::Float(f)) => Ok(Value::Float(f)),
            // Named at the number's first digit.
            Err(e) if is_out_of_range(&e) => Err(self.out_of_range(at)),
            Err(e) => Err(json_error(self.text, &self.path, e)),
        }
    }

    /// The browser build's number: jiter checks the grammar, std parses the digits (one float
    /// parser in the module instead of two).
    #[cfg(target_arch = "wasm32")]
    fn number(&mut self, peek: Peek) -> Result<Value> {
        let at = self.jiter.current_index();
        self.jiter
            .known_skip(peek)
            .map_err(|e| json_error(self.text, &self.path, e))?;
        let text = std::str::from_utf8(self.jiter.slice_to_current(at)).unwrap_or("");
        if text.bytes().any(|b| matches!(b, b'.' | b'e' | b'E')) {
            // Cannot fail on a number jiter accepted (overflow parses to infinity).
            text.parse::<f64>()
                .map(Value::Float)
                .map_err(|_| self.out_of_range(at))
        } else {
            text.parse::<i64>()
                .map(Value::Int)
                .map_err(|_| self.out_of_range(at))
        }
    }

    fn out_of_range(&self, at: usize) -> Error {
        let lines = LineIndex::new(self.text);
        let (l, c) = lines.line_col(self.text, at);
        int_out_of_range(&join_steps(&self.path), Some(l), Some(c))
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
