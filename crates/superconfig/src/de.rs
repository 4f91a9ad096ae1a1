//! Typed extraction: a serde `Deserializer` over the tree, so `get::<T>()`/`extract::<T>()` read
//! without an intermediate copy (docs/behaviour.md, "Typed extraction"). A string field reads a
//! variable's original text; a type error lists every invalid field, each with its key path
//! (via `serde_path_to_error`) and its value's source.

use std::cell::Cell;
use std::fmt;

use serde::de::value::{MapDeserializer, SeqDeserializer};
use serde::de::{self, IntoDeserializer, Visitor};

use crate::Error;
use crate::error::FieldError;
use crate::state::State;
use crate::value::{Node, Origin, Value};

/// A deserialization failure message; becomes [`Error::TypeMismatch`] with the key path.
#[derive(Debug)]
pub struct DeError(String);

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError(msg.to_string())
    }

    // serde's defaults quote the offending value; a value may be a secret, so name only its type.
    fn invalid_type(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        DeError(format!(
            "invalid type: {}, expected {exp}",
            unexpected_kind(&unexp)
        ))
    }

    fn invalid_value(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        DeError(format!(
            "invalid value: {}, expected {exp}",
            unexpected_kind(&unexp)
        ))
    }

    // serde's default quotes the variant read, which is the value itself.
    fn unknown_variant(_variant: &str, expected: &'static [&'static str]) -> Self {
        let names: Vec<String> = expected.iter().map(|v| format!("`{v}`")).collect();
        DeError(match names.as_slice() {
            [] => "unknown variant: the enum has no variants".to_string(),
            [one] => format!("unknown variant, expected {one}"),
            _ => format!("unknown variant, expected one of {}", names.join(", ")),
        })
    }
}

fn unexpected_kind(u: &de::Unexpected<'_>) -> &'static str {
    use de::Unexpected as U;
    match u {
        U::Bool(_) => "a boolean",
        U::Unsigned(_) | U::Signed(_) => "an integer",
        U::Float(_) => "a float",
        U::Char(_) | U::Str(_) => "a string",
        U::Bytes(_) => "bytes",
        U::Unit => "null",
        U::Option => "an optional value",
        U::NewtypeStruct => "a newtype struct",
        U::Seq => "an array",
        U::Map => "a table",
        U::Enum | U::UnitVariant | U::NewtypeVariant | U::TupleVariant | U::StructVariant => {
            "an enum"
        }
        U::Other(_) => "another value",
    }
}

/// What a walk knows besides the node: the configuration (for original texts and sources) and,
/// while every invalid field is being collected, the nodes already reported.
#[derive(Default)]
struct Ctx<'s> {
    state: Option<&'s State>,
    /// Nodes whose error is recorded: the next pass gives their visitor a stand-in value, so
    /// that it can go on to the next invalid field.
    masked: std::collections::HashSet<*const Node>,
    /// The innermost node whose visit failed in this pass, and its origin.
    failed: Cell<Option<(*const Node, Origin)>>,
    /// A masked node's visitor wanted a value no stand-in can be (a struct): stop collecting.
    stuck: Cell<bool>,
    /// Stand-ins handed out so far in this pass.
    stand_ins: Cell<usize>,
    /// The innermost failure is a table or array whose visit used a stand-in: perhaps the
    /// stand-in's fault (a parent that validates its fields), not an invalid field of its own.
    induced: Cell<bool>,
}

impl Ctx<'_> {
    fn fail(&self, node: &Node) {
        if self.failed.get().is_none() {
            self.failed.set(Some((node as *const Node, node.origin)));
        }
    }
}

/// Deserializes `T` from `node`, which lives at `prefix()` (computed only for error messages);
/// `state`, when given, supplies original texts and the sources named in errors.
pub(crate) fn from_node<T: de::DeserializeOwned>(
    node: &Node,
    prefix: impl FnOnce() -> String,
    state: Option<&State>,
) -> crate::Result<T> {
    let mut ctx = Ctx {
        state,
        ..Ctx::default()
    };
    // Fast path without path tracking; on failure, walk again tracking paths, once per
    // invalid field, to name them all.
    match T::deserialize(Walker { node, ctx: &ctx }) {
        Ok(v) => return Ok(v),
        Err(_) => ctx.failed.set(None),
    }
    let prefix = prefix();
    let mut fields: Vec<FieldError> = Vec::new();
    loop {
        ctx.failed.set(None);
        ctx.induced.set(false);
        let err = match serde_path_to_error::deserialize::<_, T>(Walker { node, ctx: &ctx }) {
            Ok(_) => break,
            Err(e) => e,
        };
        let inner = err.path().to_string();
        let key = match (prefix.is_empty(), inner.as_str()) {
            (_, ".") => prefix.clone(),
            (true, p) => p.to_string(),
            (false, p) => format!("{prefix}.{p}"),
        };
        let message = err.into_inner().to_string();
        let failed = ctx.failed.get();
        // Stop rather than report a failure a stand-in may have caused: a masked value failing
        // again (a newtype refusing the stand-in), or a table or array around a stand-in failing
        // for anything but a missing field.
        let again = failed.is_some_and(|(ptr, _)| ctx.masked.contains(&ptr));
        if ctx.stuck.get() || again || (ctx.induced.get() && !message.starts_with("missing field"))
        {
            break;
        }
        let source = failed
            .zip(ctx.state)
            .and_then(|((_, origin), state)| crate::provenance::field_source(state, origin));
        fields.push(FieldError {
            key,
            message,
            source,
        });
        match failed {
            Some((ptr, _)) if fields.len() < Error::MAX_FIELDS => {
                ctx.masked.insert(ptr);
            }
            _ => break,
        }
    }
    Err(Error::type_mismatch(fields))
}

/// A visitor's expectation as text (`u16`, `a string`, `struct Server`).
struct Expecting<'v, V>(&'v V);

impl<'de, V: Visitor<'de>> fmt::Display for Expecting<'_, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }
}

/// Gives a masked node's visitor a stand-in of the kind it expects, read from its
/// `expecting` text (serde's primitives name themselves: `u16`, `f64`, `a string`, `a
/// boolean`, `option`, `a sequence`, `a map`); any other expectation stops the collection.
fn stand_in<'de, V: Visitor<'de>>(visitor: V, ctx: &Ctx<'_>) -> Result<V::Value, DeError> {
    ctx.stand_ins.set(ctx.stand_ins.get() + 1);
    let wanted = Expecting(&visitor).to_string();
    let number = |w: &str| {
        w.len() >= 2
            && matches!(w.as_bytes()[0], b'u' | b'i')
            && (w[1..].bytes().all(|b| b.is_ascii_digit()) || &w[1..] == "size")
    };
    match wanted.as_str() {
        w if number(w) => visitor.visit_u64(0),
        w if w.starts_with("a nonzero ") || w.starts_with("a non-zero ") => visitor.visit_u64(1),
        "f32" | "f64" => visitor.visit_f64(0.0),
        "a string" | "a borrowed string" | "a character" | "path string" => visitor.visit_str("_"),
        "a boolean" => visitor.visit_bool(false),
        "option" => visitor.visit_none(),
        "unit" => visitor.visit_unit(),
        "a sequence" => visitor.visit_seq(SeqDeserializer::new(std::iter::empty::<Walker>())),
        "a map" => visitor.visit_map(MapDeserializer::new(std::iter::empty::<(&str, Walker)>())),
        _ => {
            ctx.stuck.set(true);
            Err(de::Error::custom("no stand-in"))
        }
    }
}

/// One node of the tree, and the walk's context.
#[derive(Clone, Copy)]
struct Walker<'a, 's> {
    node: &'a Node,
    ctx: &'a Ctx<'s>,
}

impl<'de, 'a, 's> IntoDeserializer<'de, DeError> for Walker<'a, 's> {
    type Deserializer = Self;
    fn into_deserializer(self) -> Self {
        self
    }
}

impl Walker<'_, '_> {
    fn masked(&self) -> bool {
        !self.ctx.masked.is_empty() && self.ctx.masked.contains(&(self.node as *const Node))
    }

    fn watch<T>(&self, result: Result<T, DeError>) -> Result<T, DeError> {
        if result.is_err() {
            self.ctx.fail(self.node);
        }
        result
    }
}

impl<'de> de::Deserializer<'de> for Walker<'_, '_> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if self.masked() {
            return stand_in(visitor, self.ctx);
        }
        let ctx = self.ctx;
        let before = ctx.stand_ins.get();
        let out = match &self.node.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Int(i) => visitor.visit_i64(*i),
            Value::Float(f) => visitor.visit_f64(*f),
            Value::String(s) => visitor.visit_str(s),
            Value::Array(a) => {
                let mut seq = SeqDeserializer::new(a.iter().map(|node| Walker { node, ctx }));
                visitor
                    .visit_seq(&mut seq)
                    .and_then(|out| seq.end().map(|()| out))
            }
            Value::Table(t) => {
                let mut map =
                    MapDeserializer::new(t.iter().map(|(k, node)| (k, Walker { node, ctx })));
                visitor
                    .visit_map(&mut map)
                    .and_then(|out| map.end().map(|()| out))
            }
        };
        if out.is_err() && ctx.failed.get().is_none() && ctx.stand_ins.get() > before {
            ctx.induced.set(true);
        }
        self.watch(out)
    }

    /// A string field reads a number's or a boolean's original text, when the value came from
    /// a variable or a secret file (`"987654321"`, `"1.10"`).
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if !self.masked()
            && let Some(text) = self
                .ctx
                .state
                .and_then(|state| crate::provenance::text_of(state, self.node))
        {
            return self.watch(visitor.visit_str(&text));
        }
        self.deserialize_any(visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if self.masked() {
            return stand_in(visitor, self.ctx);
        }
        match &self.node.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        if self.masked() {
            self.ctx.stuck.set(true);
            return Err(de::Error::custom("no stand-in"));
        }
        let ctx = self.ctx;
        let out = match &self.node.value {
            Value::String(s) => visitor.visit_enum(s.as_str().into_deserializer()),
            Value::Table(t) if t.len() == 1 => {
                let mut map =
                    MapDeserializer::new(t.iter().map(|(k, node)| (k, Walker { node, ctx })));
                visitor.visit_enum(de::value::MapAccessDeserializer::new(&mut map))
            }
            _ => Err(de::Error::custom(format!(
                "expected enum {name} (one of {variants:?}), found {}",
                self.node.value.type_name()
            ))),
        };
        self.watch(out)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}
