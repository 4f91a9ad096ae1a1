//! YAML 1.2 through `yaml-rust2`'s event parser (maintained, pure Rust, reports a line for every
//! event). The tree is built on an explicit stack, so nesting depth is checked rather than
//! overflowing; anchors are shared (`Arc`) and alias expansion is bounded.

use std::sync::Arc;

use yaml_rust2::parser::{Event, Parser, Tag};
use yaml_rust2::scanner::{Marker, ScanError, TScalarStyle};

use super::{Interner, MAX_DEPTH, MAX_EXPANDED_NODES, int_out_of_range, not_a_table, too_deep};
use crate::value::{Array, LayerId, Node, Origin, SmolStr, Table, Value};
use crate::{Details, Error, Result};

pub(crate) fn parse(text: &str, layer: LayerId) -> Result<Option<Node>> {
    let mut parser = Parser::new_from_str(text);
    let mut b = Builder {
        strings: Interner::default(),
        layer,
        stack: Vec::new(),
        anchors: Anchors::default(),
        root: None,
        documents: 0,
    };
    loop {
        let (event, mark) = parser.next_token().map_err(scan_error)?;
        match event {
            Event::StreamEnd => break,
            Event::DocumentStart => {
                b.documents += 1;
                if b.documents > 1 {
                    return Err(at(
                        mark,
                        "a configuration file holds one YAML document, found a second",
                    ));
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                b.scalar(text, style, anchor, tag.as_ref(), mark)?
            }
            Event::Alias(id) => {
                let (node, size, height) = b
                    .anchors
                    .get(&id)
                    .cloned()
                    .ok_or_else(|| at(mark, "alias to an unknown anchor"))?;
                // An alias adds its whole subtree at once: its nesting counts here too.
                if b.stack.len() + height > MAX_DEPTH {
                    return Err(too_deep(
                        Some(mark.line() as u32),
                        Some(mark.col() as u32 + 1),
                    ));
                }
                b.complete(node, size, height, mark, anchor_key(&b, id))?;
            }
            Event::SequenceStart(anchor, _) => b.open(
                Frame::Seq {
                    items: Vec::new(),
                    anchor,
                    origin: b.origin(mark),
                    size: 1,
                    height: 0,
                },
                mark,
            )?,
            Event::MappingStart(anchor, _) => b.open(
                Frame::Map {
                    table: Table::new(),
                    anchor,
                    origin: b.origin(mark),
                    size: 1,
                    height: 0,
                    key: None,
                    merges: Vec::new(),
                },
                mark,
            )?,
            Event::SequenceEnd | Event::MappingEnd => b.close(mark)?,
            Event::StreamStart | Event::DocumentEnd | Event::Nothing => {}
        }
    }
    match b.root {
        None => Ok(None),
        Some(node) => match &node.value {
            Value::Table(_) => Ok(Some(node)),
            Value::Null if b.documents <= 1 && node.origin.loc == 0 => Ok(None),
            other => Err(not_a_table(other.type_name())),
        },
    }
}

/// If the alias is used as a mapping key, the anchored scalar's text.
fn anchor_key(b: &Builder, id: usize) -> Option<String> {
    match b.anchors.get(&id).map(|(n, _, _)| &n.value) {
        Some(Value::String(s)) => Some(s.to_string()),
        Some(Value::Int(i)) => Some(i.to_string()),
        Some(Value::Bool(v)) => Some(v.to_string()),
        Some(Value::Float(f)) => Some(f.to_string()),
        Some(Value::Null) => Some("null".to_string()),
        _ => None,
    }
}

/// Anchored nodes with their expanded size and their height (levels of collections: 0 for a
/// scalar). The parser numbers anchors 1, 2, 3, … in order, so a vector indexed by id serves as
/// the map.
#[derive(Default)]
struct Anchors(Vec<Option<(Node, usize, usize)>>);

impl Anchors {
    fn insert(&mut self, id: usize, entry: (Node, usize, usize)) {
        if self.0.len() <= id {
            self.0.resize(id + 1, None);
        }
        self.0[id] = Some(entry);
    }

    fn get(&self, id: &usize) -> Option<&(Node, usize, usize)> {
        self.0.get(*id).and_then(Option::as_ref)
    }
}

enum Frame {
    Seq {
        items: Vec<Node>,
        anchor: usize,
        origin: Origin,
        size: usize,
        /// The greatest height among the items so far.
        height: usize,
    },
    Map {
        table: Table,
        anchor: usize,
        origin: Origin,
        size: usize,
        height: usize,
        key: Option<(SmolStr, u32, u32)>,
        /// `<<` values, each with the number of explicit keys before it (its position).
        merges: Vec<(usize, Node)>,
    },
}

struct Builder {
    strings: Interner,
    layer: LayerId,
    stack: Vec<Frame>,
    anchors: Anchors,
    root: Option<Node>,
    documents: usize,
}

impl Builder {
    fn origin(&self, mark: Marker) -> Origin {
        Origin::new(self.layer, mark.line() as u32)
    }

    fn path(&self) -> String {
        let mut parts = Vec::new();
        for frame in &self.stack {
            match frame {
                Frame::Seq { items, .. } => parts.push(items.len().to_string()),
                Frame::Map {
                    key: Some((k, _, _)),
                    ..
                } => parts.push(k.to_string()),
                Frame::Map { .. } => {}
            }
        }
        parts.join(".")
    }

    fn expects_key(&self) -> bool {
        matches!(self.stack.last(), Some(Frame::Map { key: None, .. }))
    }

    fn open(&mut self, frame: Frame, mark: Marker) -> Result<()> {
        if self.expects_key() {
            return Err(at(
                mark,
                "complex mapping keys (a table or list as a key) are not supported",
            ));
        }
        if self.stack.len() >= MAX_DEPTH {
            return Err(too_deep(
                Some(mark.line() as u32),
                Some(mark.col() as u32 + 1),
            ));
        }
        self.stack.push(frame);
        Ok(())
    }

    fn close(&mut self, mark: Marker) -> Result<()> {
        let Some(frame) = self.stack.pop() else {
            return Err(at(mark, "unbalanced end of collection"));
        };
        let (node, anchor, size, height) = match frame {
            Frame::Seq {
                items,
                anchor,
                origin,
                size,
                height,
            } => (
                Node::at(Value::Array(Arc::new(Array::new(items))), origin),
                anchor,
                size,
                height + 1,
            ),
            Frame::Map {
                table,
                anchor,
                origin,
                size,
                height,
                merges,
                ..
            } => {
                let table = if merges.is_empty() {
                    table
                } else {
                    apply_merge_keys(table, merges, mark)?
                };
                (
                    Node::at(Value::Table(Arc::new(table)), origin),
                    anchor,
                    size,
                    height + 1,
                )
            }
        };
        if anchor != 0 {
            self.anchors.insert(anchor, (node.clone(), size, height));
        }
        self.complete(node, size, height, mark, None)
    }

    fn scalar(
        &mut self,
        text: String,
        style: TScalarStyle,
        anchor: usize,
        tag: Option<&Tag>,
        mark: Marker,
    ) -> Result<()> {
        if self.expects_key() {
            let key = self.strings.intern(&text);
            if anchor != 0 {
                let node = Node::at(Value::String(key.clone()), self.origin(mark));
                self.anchors.insert(anchor, (node, 1, 0));
            }
            let merge = &*key == "<<" && style == TScalarStyle::Plain;
            return self.set_key(
                if merge {
                    SmolStr::new_static("\u{0}<<")
                } else {
                    key
                },
                mark,
            );
        }
        let value = self.resolve(&text, style, tag, mark)?;
        // An empty plain scalar as the whole document ("---" alone) counts as an empty file.
        let loc = if self.stack.is_empty() && text.is_empty() && style == TScalarStyle::Plain {
            0
        } else {
            mark.line() as u32
        };
        let node = Node::at(value, Origin::new(self.layer, loc));
        if anchor != 0 {
            self.anchors.insert(anchor, (node.clone(), 1, 0));
        }
        self.complete(node, 1, 0, mark, None)
    }

    fn set_key(&mut self, key: SmolStr, mark: Marker) -> Result<()> {
        if let Some(Frame::Map { key: slot, .. }) = self.stack.last_mut() {
            *slot = Some((key, mark.line() as u32, mark.col() as u32 + 1));
        }
        Ok(())
    }

    /// Places a finished node into its parent (or makes it the document root).
    fn complete(
        &mut self,
        mut node: Node,
        size: usize,
        height: usize,
        mark: Marker,
        alias_key: Option<String>,
    ) -> Result<()> {
        if self.expects_key() {
            return match alias_key {
                Some(k) => self.set_key(SmolStr::new(k), mark),
                None => Err(at(
                    mark,
                    "complex mapping keys (a table or list as a key) are not supported",
                )),
            };
        }
        match self.stack.last_mut() {
            None => {
                self.root = Some(node);
                Ok(())
            }
            Some(Frame::Seq {
                items,
                size: total,
                height: tallest,
                ..
            }) => {
                *tallest = (*tallest).max(height);
                *total += size;
                if *total > MAX_EXPANDED_NODES {
                    return Err(expansion_error(mark));
                }
                items.push(node);
                Ok(())
            }
            Some(Frame::Map {
                table,
                size: total,
                height: tallest,
                key,
                merges,
                ..
            }) => {
                *tallest = (*tallest).max(height);
                *total += size;
                if *total > MAX_EXPANDED_NODES {
                    return Err(expansion_error(mark));
                }
                let Some((k, line, col)) = key.take() else {
                    return Err(at(mark, "mapping value without a key"));
                };
                node.origin.loc = line;
                if &*k == "\u{0}<<" {
                    merges.push((table.len(), node));
                    return Ok(());
                }
                if table.contains_key(&k) {
                    return Err(Error::parse(
                        Details::new(format!("duplicate key '{k}'"))
                            .key(k.to_string())
                            .at(Some(line), Some(col)),
                    ));
                }
                table.insert(k, node);
                Ok(())
            }
        }
    }

    fn resolve(
        &mut self,
        text: &str,
        style: TScalarStyle,
        tag: Option<&Tag>,
        mark: Marker,
    ) -> Result<Value> {
        if let Some(tag) = tag.filter(|t| t.handle == "!!" || t.handle == "tag:yaml.org,2002:") {
            let v = match tag.suffix.as_str() {
                "str" => Some(Value::string(text)),
                "null" => Some(Value::Null),
                "bool" => match resolve_plain(text) {
                    Plain::Bool(b) => Some(Value::Bool(b)),
                    _ => None,
                },
                "int" => match resolve_plain(text) {
                    Plain::Int => Some(self.int(text, mark)?),
                    _ => None,
                },
                "float" => match resolve_plain(text) {
                    Plain::Int | Plain::Float => Some(self.float(text, mark)?),
                    _ => None,
                },
                _ => return self.resolve(text, style, None, mark),
            };
            // The text is not quoted: it may be a secret (docs/behaviour.md, "Reading"); the key
            // names the place.
            return v.ok_or_else(|| {
                let key = self.path();
                let message = format!("the value at '{key}' is not a valid !!{}", tag.suffix);
                Error::parse(
                    Details::new(message)
                        .key(key)
                        .at(Some(mark.line() as u32), Some(mark.col() as u32 + 1)),
                )
            });
        }
        if style != TScalarStyle::Plain {
            return Ok(Value::String(SmolStr::new(text)));
        }
        Ok(match resolve_plain(text) {
            Plain::Null => Value::Null,
            Plain::Bool(b) => Value::Bool(b),
            Plain::Int => self.int(text, mark)?,
            Plain::Float => self.float(text, mark)?,
            Plain::Str => Value::String(SmolStr::new(text)),
        })
    }

    /// A float; one written with digits that overflows (`1e400`) is an error, `.inf` is not.
    fn float(&self, text: &str, mark: Marker) -> Result<Value> {
        let f = parse_yaml_float(text);
        if f.is_infinite() && !text.to_ascii_lowercase().ends_with(".inf") {
            return Err(super::float_out_of_range(
                &self.path(),
                Some(mark.line() as u32),
                Some(mark.col() as u32 + 1),
            ));
        }
        Ok(Value::Float(f))
    }

    fn int(&self, text: &str, mark: Marker) -> Result<Value> {
        let (neg, digits) = match text.as_bytes().first() {
            Some(b'-') => (true, &text[1..]),
            Some(b'+') => (false, &text[1..]),
            _ => (false, text),
        };
        let parsed = if let Some(hex) = digits.strip_prefix("0x") {
            i128::from_str_radix(hex, 16)
        } else if let Some(oct) = digits.strip_prefix("0o") {
            i128::from_str_radix(oct, 8)
        } else {
            digits.parse::<i128>()
        };
        parsed
            .ok()
            .map(|v| if neg { -v } else { v })
            .and_then(|v| i64::try_from(v).ok())
            .map(Value::Int)
            .ok_or_else(|| {
                int_out_of_range(
                    &self.path(),
                    Some(mark.line() as u32),
                    Some(mark.col() as u32 + 1),
                )
            })
    }
}

/// YAML 1.1 merge keys: entries of the merged tables that the mapping does not set itself,
/// placed where the `<<` stands: keys keep the order of their first appearance, an explicit
/// key's value wins wherever it is written, and an earlier merged table wins over a later one.
fn apply_merge_keys(explicit: Table, merges: Vec<(usize, Node)>, mark: Marker) -> Result<Table> {
    let mut out = Table::with_capacity(explicit.len());
    let add = |out: &mut Table, m: &Node| -> Result<()> {
        let mut add_table = |t: &Table| {
            for (k, v) in t.iter_arc() {
                if !out.contains_key(k) {
                    // A key first seen here stands here, with its explicit value if it has one.
                    out.insert(k.clone(), explicit.get(k).unwrap_or(v).clone());
                }
            }
        };
        match &m.value {
            Value::Table(t) => add_table(t),
            Value::Array(items) => {
                for item in items.iter() {
                    match &item.value {
                        Value::Table(t) => add_table(t),
                        _ => return Err(at(mark, "'<<' merges only mappings")),
                    }
                }
            }
            _ => return Err(at(mark, "'<<' merges only mappings")),
        }
        Ok(())
    };
    let mut merges = merges.into_iter().peekable();
    for (i, (k, v)) in explicit.iter_arc().enumerate() {
        while let Some((_, m)) = merges.next_if(|(pos, _)| *pos == i) {
            add(&mut out, &m)?;
        }
        if !out.contains_key(k) {
            out.insert(k.clone(), v.clone());
        }
    }
    for (_, m) in merges {
        add(&mut out, &m)?;
    }
    Ok(out)
}

/// Whether a plain (unquoted) scalar with this text would read back as a string.
pub(crate) fn plain_is_string(s: &str) -> bool {
    matches!(resolve_plain(s), Plain::Str)
}

enum Plain {
    Null,
    Bool(bool),
    Int,
    Float,
    Str,
}

/// The YAML 1.2 core schema for plain scalars.
fn resolve_plain(s: &str) -> Plain {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Plain::Null,
        "true" | "True" | "TRUE" => return Plain::Bool(true),
        "false" | "False" | "FALSE" => return Plain::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" | "-.inf" | "-.Inf" | "-.INF"
        | ".nan" | ".NaN" | ".NAN" => return Plain::Float,
        _ => {}
    }
    let body = s.strip_prefix(['-', '+']).unwrap_or(s);
    let all = |t: &str, f: fn(u8) -> bool| !t.is_empty() && t.bytes().all(f);
    if all(body, |b| b.is_ascii_digit())
        || (s.len() == body.len()
            && body
                .strip_prefix("0x")
                .is_some_and(|h| all(h, |b| b.is_ascii_hexdigit())))
        || (s.len() == body.len()
            && body
                .strip_prefix("0o")
                .is_some_and(|o| all(o, |b| (b'0'..=b'7').contains(&b))))
    {
        return Plain::Int;
    }
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let mantissa_ok = match mantissa.split_once('.') {
        Some((int, frac)) => {
            (int.is_empty() && all(frac, |b| b.is_ascii_digit()))
                || (all(int, |b| b.is_ascii_digit()) && frac.bytes().all(|b| b.is_ascii_digit()))
        }
        None => all(mantissa, |b| b.is_ascii_digit()),
    };
    let exponent_ok = exponent.is_none_or(|e| {
        all(e.strip_prefix(['-', '+']).unwrap_or(e), |b| {
            b.is_ascii_digit()
        })
    });
    if mantissa_ok && exponent_ok {
        Plain::Float
    } else {
        Plain::Str
    }
}

fn parse_yaml_float(s: &str) -> f64 {
    let lower = s.to_ascii_lowercase();
    match lower.as_str() {
        ".inf" | "+.inf" => f64::INFINITY,
        "-.inf" => f64::NEG_INFINITY,
        ".nan" => f64::NAN,
        _ => s.parse::<f64>().unwrap_or(f64::NAN),
    }
}

fn at(mark: Marker, message: &str) -> Error {
    Error::parse(Details::new(message).at(Some(mark.line() as u32), Some(mark.col() as u32 + 1)))
}

fn expansion_error(mark: Marker) -> Error {
    at(
        mark,
        &format!("aliases expand this document past {MAX_EXPANDED_NODES} nodes"),
    )
}

fn scan_error(e: ScanError) -> Error {
    let m = e.marker();
    Error::parse(
        Details::new(e.info().to_string()).at(Some(m.line() as u32), Some(m.col() as u32 + 1)),
    )
}
