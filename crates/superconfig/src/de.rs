//! Typed extraction: a serde `Deserializer` over the tree, so `get::<T>()`/`extract::<T>()` read
//! without an intermediate copy. Type errors carry the key path (via `serde_path_to_error`).

use std::fmt;

use serde::de::value::{MapDeserializer, SeqDeserializer};
use serde::de::{self, IntoDeserializer, Visitor};

use crate::value::{Node, Value};
use crate::{Details, Error};

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

/// Deserializes `T` from `node`, which lives at `prefix()` (computed only for error messages).
pub(crate) fn from_node<T: de::DeserializeOwned>(
    node: &Node,
    prefix: impl FnOnce() -> String,
) -> crate::Result<T> {
    // Fast path without path tracking; on failure, run again tracking the path for the message.
    if let Ok(v) = T::deserialize(NodeDeserializer(node)) {
        return Ok(v);
    }
    let prefix = prefix();
    let prefix = prefix.as_str();
    serde_path_to_error::deserialize(NodeDeserializer(node)).map_err(|e| {
        let inner = e.path().to_string();
        let key = match (prefix.is_empty(), inner.as_str()) {
            (_, ".") => prefix.to_string(),
            (true, p) => p.to_string(),
            (false, p) => format!("{prefix}.{p}"),
        };
        let message = format!("at '{key}': {}", e.into_inner());
        Error::TypeMismatch(Details::new(message).key(key))
    })
}

/// Borrowing deserializer over one node.
pub struct NodeDeserializer<'a>(pub &'a Node);

impl<'de, 'a> IntoDeserializer<'de, DeError> for &'a Node {
    type Deserializer = NodeDeserializer<'a>;
    fn into_deserializer(self) -> NodeDeserializer<'a> {
        NodeDeserializer(self)
    }
}

impl<'de> de::Deserializer<'de> for NodeDeserializer<'_> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.0.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Int(i) => visitor.visit_i64(*i),
            Value::Float(f) => visitor.visit_f64(*f),
            Value::String(s) => visitor.visit_str(s),
            Value::Array(a) => {
                let mut seq = SeqDeserializer::new(a.iter());
                let out = visitor.visit_seq(&mut seq)?;
                seq.end()?;
                Ok(out)
            }
            Value::Table(t) => {
                let mut map = MapDeserializer::new(t.iter());
                let out = visitor.visit_map(&mut map)?;
                map.end()?;
                Ok(out)
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.0.value {
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
        match &self.0.value {
            Value::String(s) => visitor.visit_enum(s.as_str().into_deserializer()),
            Value::Table(t) if t.len() == 1 => {
                let mut map = MapDeserializer::new(t.iter());
                visitor.visit_enum(de::value::MapAccessDeserializer::new(&mut map))
            }
            _ => Err(de::Error::custom(format!(
                "expected enum {name} (one of {variants:?}), found {}",
                self.0.value.type_name()
            ))),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}
