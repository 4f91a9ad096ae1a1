//! A fast path for TOML: builds the tree straight from `toml_parser`'s events (the lexer and
//! grammar the `toml` crate itself uses), skipping the `toml` crate's intermediate `DeTable`.
//!
//! It accepts only documents whose meaning is plain: any parse error, any redefinition or
//! extension of a table that TOML's rules make subtle, any number out of range gives up, and
//! the caller re-parses with the `toml` crate, which then decides — and names the error. So
//! this path never accepts a document the `toml` crate rejects, and a differential test holds it
//! to the same tree, origins included.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use toml_parser::decoder::{Encoding, ScalarKind};
use toml_parser::parser::{EventReceiver, RecursionGuard, ValidateWhitespace};
use toml_parser::{ErrorSink, ParseError, Raw, Source, Span};

use super::{Interner, LineIndex, TOML_MAX_DEPTH};
use crate::value::{Array, LayerId, Node, Origin, SmolStr, Table, Value, refresh_ops};

/// The `toml` crate's nesting limit for arrays and inline tables (so both paths agree).
const RECURSION_LIMIT: u32 = 80;
/// Longer key paths are left to the full parser (which enforces the depth limit).
const MAX_KEY_PARTS: usize = 32;

/// The tree, or `None` to have the caller use the full parser.
pub(crate) fn parse(
    text: &str,
    layer: LayerId,
    lines: &LineIndex,
    strings: &mut Interner,
) -> Option<Node> {
    let source = Source::new(text);
    // `Lexer::into_vec` guesses 2 tokens per 7 bytes; configuration files run about one per
    // 2 bytes, and every regrowth copies the whole token vector. One per 2 bytes, up front.
    let mut tokens = Vec::with_capacity(text.len() / 2 + 16);
    tokens.extend(source.lex());
    let mut builder = Builder::new(source, layer, lines, strings);
    let mut failed = false;
    {
        let mut errors = |_: ParseError| failed = true;
        let mut validate = ValidateWhitespace::new(&mut builder, source);
        let mut guard = RecursionGuard::new(&mut validate, RECURSION_LIMIT);
        toml_parser::parser::parse_document(&tokens, &mut guard, &mut errors);
    }
    builder.flush();
    if failed || builder.failed || !builder.stack.is_empty() {
        return None;
    }
    let maybe_ops = builder.maybe_ops;
    let mut root = Node::at(Value::Table(Arc::new(builder.root)), Origin::new(layer, 1));
    // Every `has_ops` flag is already false unless some key could name an array operation.
    if maybe_ops {
        refresh_ops(&mut root);
    }
    Some(root)
}

/// How a table came to exist; decides whether a later header or dotted key may extend it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Created as the parent of a header (`[a.b]` creates `a`): a later `[a]` may define it.
    Implicit,
    /// Defined by its own header.
    Header,
    /// Created by a dotted key in the section with this number.
    Dotted(u32),
    /// An inline table: closed for good.
    Inline,
    /// Made by a dotted key inside an inline table: open to that inline table's later keys only.
    InlineDotted,
    /// An element of an array of tables.
    ArrayElement,
}

/// An array or inline table being built, with how deep it sits (tables and arrays above it).
enum Frame {
    Array {
        items: Vec<Node>,
        origin: Origin,
        depth: usize,
    },
    Inline {
        table: Table,
        origin: Origin,
        key: Vec<(SmolStr, usize)>,
        depth: usize,
    },
}

enum Mode {
    Header,
    ArrayHeader,
    Key,
}

struct Builder<'i, 'a> {
    source: Source<'i>,
    layer: LayerId,
    lines: &'a LineIndex,
    strings: &'a mut Interner,
    failed: bool,
    /// A key ends in `_add` or `_remove`: the `has_ops` flags need a final pass.
    maybe_ops: bool,
    root: Table,
    kinds: HashMap<usize, Kind, foldhash::fast::RandomState>,
    array_tables: std::collections::HashSet<usize, foldhash::fast::RandomState>,
    section: Vec<SmolStr>,
    section_id: u32,
    /// Entries of the current section, attached to the section's table when the section ends
    /// (one walk per section instead of one per key).
    staged: Table,
    mode: Mode,
    key: Vec<(SmolStr, usize)>,
    pending: Vec<(SmolStr, usize)>,
    stack: Vec<Frame>,
}

fn table_id(t: &Arc<Table>) -> usize {
    Arc::as_ptr(t) as usize
}

impl<'i, 'a> Builder<'i, 'a> {
    fn new(
        source: Source<'i>,
        layer: LayerId,
        lines: &'a LineIndex,
        strings: &'a mut Interner,
    ) -> Self {
        Builder {
            source,
            layer,
            lines,
            strings,
            failed: false,
            maybe_ops: false,
            root: Table::new(),
            kinds: HashMap::default(),
            array_tables: Default::default(),
            section: Vec::new(),
            section_id: 0,
            staged: Table::new(),
            mode: Mode::Key,
            key: Vec::new(),
            pending: Vec::new(),
            stack: Vec::new(),
        }
    }

    fn origin(&self, offset: usize) -> Origin {
        Origin::new(self.layer, self.lines.line(offset))
    }

    fn raw(&self, span: Span, encoding: Option<Encoding>) -> Option<Raw<'i>> {
        let text = self.source.input().get(span.start()..span.end())?;
        Some(Raw::new_unchecked(text, encoding, span))
    }

    fn new_table(&mut self, origin: Origin, kind: Kind) -> Node {
        let arc = Arc::new(Table::new());
        self.kinds.insert(table_id(&arc), kind);
        Node::at(Value::Table(arc), origin)
    }

    fn scalar(&mut self, span: Span, encoding: Option<Encoding>) -> Option<Node> {
        let raw = self.raw(span, encoding)?;
        if encoding == Some(Encoding::BasicString)
            && let Some(text) = plain_basic_string(raw.as_str())
        {
            // A quoted string without escapes is its own value.
            let value = Value::String(SmolStr::new(text));
            return Some(Node::at(value, self.origin(span.start())));
        }
        let mut out: Cow<'i, str> = Cow::Borrowed("");
        let mut bad = false;
        let kind = raw.decode_scalar(&mut out, &mut |_: ParseError| bad = true);
        if bad {
            return None;
        }
        let value = match kind {
            ScalarKind::String => Value::String(SmolStr::new(&out)),
            ScalarKind::Boolean(b) => Value::Bool(b),
            ScalarKind::Integer(radix) => {
                Value::Int(i64::from_str_radix(&out, radix.value()).ok()?)
            }
            // An overflow (`1e400`) goes to the full parser, which reports it.
            ScalarKind::Float => match out.parse::<f64>().ok()? {
                f if f.is_infinite() && !out.contains("inf") => return None,
                f => Value::Float(f),
            },
            ScalarKind::DateTime => {
                let dt: toml_datetime::Datetime = out.parse().ok()?;
                Value::String(super::datetime::datetime_text(&dt))
            }
        };
        Some(Node::at(value, self.origin(span.start())))
    }

    /// A finished value goes to the array or inline table being built, or to the document.
    fn deliver(&mut self, node: Node) {
        match self.stack.last_mut() {
            Some(Frame::Array { items, .. }) => items.push(node),
            Some(Frame::Inline { .. }) => {
                let Some(Frame::Inline {
                    mut table,
                    origin,
                    mut key,
                    depth,
                }) = self.stack.pop()
                else {
                    return;
                };
                let ok = insert_dotted(self, &mut table, &key, node, Kind::InlineDotted);
                key.clear();
                self.stack.push(Frame::Inline {
                    table,
                    origin,
                    key,
                    depth,
                });
                self.failed |= !ok;
            }
            None => {
                let mut key = std::mem::take(&mut self.pending);
                let mut staged = std::mem::take(&mut self.staged);
                let dotted = Kind::Dotted(self.section_id);
                let ok = insert_dotted(self, &mut staged, &key, node, dotted);
                self.staged = staged;
                key.clear();
                self.pending = key;
                self.failed |= !ok;
            }
        }
    }

    /// How deep a container opened now sits: under the section's and the key's tables, or inside
    /// the enclosing array or inline table (and that one's dotted key). Past the limit the full
    /// parser takes the document and reports it: dotted keys inside nested inline tables are
    /// not counted by the parser's own recursion limit.
    fn open_depth(&mut self) -> usize {
        let depth = match self.stack.last() {
            // A section part may be an array of tables: two levels (the array, its element).
            None => 2 * self.section.len() + self.pending.len(),
            Some(Frame::Inline { key, depth, .. }) => depth + key.len(),
            Some(Frame::Array { depth, .. }) => depth + 1,
        };
        self.failed |= depth + 1 >= TOML_MAX_DEPTH;
        depth
    }

    /// Moves the staged entries of the section that just ended into its table.
    fn flush(&mut self) {
        if self.staged.is_empty() {
            return;
        }
        let staged = std::mem::take(&mut self.staged);
        let mut root = std::mem::take(&mut self.root);
        let ok = match walk(&mut root, &self.section) {
            // The usual case: a section fills a table of its own, so the entries move at once.
            Some(table) if table.is_empty() => {
                *table = staged;
                true
            }
            Some(table) => staged
                .into_entries()
                .into_iter()
                .all(|(k, v)| table.insert_new(k, v).is_ok()),
            None => false,
        };
        self.root = root;
        self.failed |= !ok;
    }

    fn header(&mut self, array: bool) {
        self.flush();
        let parts = std::mem::take(&mut self.key);
        if parts.is_empty() || parts.len() > MAX_KEY_PARTS {
            self.failed = true;
            return;
        }
        self.section_id += 1;
        let mut root = std::mem::take(&mut self.root);
        let ok = self.define(&mut root, &parts, array);
        self.root = root;
        self.failed |= !ok;
        self.section.clear();
        self.section.extend(parts.iter().map(|(k, _)| k.clone()));
        // Hand the buffer back so the next key reuses it.
        self.key = parts;
        self.key.clear();
    }

    fn define(&mut self, root: &mut Table, parts: &[(SmolStr, usize)], array: bool) -> bool {
        let Some(((last, last_at), parents)) = parts.split_last() else {
            return false;
        };
        let mut current = root;
        for (part, at) in parents {
            if current.get(part).is_none() {
                let t = self.new_table(self.origin(*at), Kind::Implicit);
                current.insert(part.clone(), t);
            }
            let Some(next) = self.descend(current, part) else {
                return false;
            };
            current = next;
        }
        let origin = self.origin(*last_at);
        match current.get_mut(last) {
            None if array => {
                let element = self.new_table(origin, Kind::ArrayElement);
                let arc = Arc::new(Array::new(vec![element]));
                self.array_tables.insert(Arc::as_ptr(&arc) as usize);
                current.insert(last.clone(), Node::at(Value::Array(arc), origin));
                true
            }
            None => {
                let t = self.new_table(origin, Kind::Header);
                current.insert(last.clone(), t);
                true
            }
            Some(Node {
                value: Value::Array(a),
                ..
            }) if array && self.array_tables.contains(&(Arc::as_ptr(a) as usize)) => {
                let element = Arc::new(Table::new());
                self.kinds.insert(table_id(&element), Kind::ArrayElement);
                // Unique while building, so `make_mut` keeps the allocation (and its id).
                Arc::make_mut(a).push(Node::at(Value::Table(element), origin));
                true
            }
            Some(Node {
                value: Value::Table(t),
                origin: o,
            }) if !array => {
                let id = table_id(t);
                if self.kinds.get(&id) != Some(&Kind::Implicit) {
                    return false;
                }
                self.kinds.insert(id, Kind::Header);
                *o = origin;
                true
            }
            Some(_) => false,
        }
    }

    /// One step down a header path: into a table made by headers, or the last table of an
    /// array of tables. Anything else (dotted, inline, a value) is left to the full parser.
    fn descend<'t>(&self, current: &'t mut Table, part: &str) -> Option<&'t mut Table> {
        match &mut current.get_mut(part)?.value {
            Value::Table(t) => match self.kinds.get(&table_id(t)) {
                Some(Kind::Implicit | Kind::Header | Kind::ArrayElement) => Some(Arc::make_mut(t)),
                _ => None,
            },
            Value::Array(a) if self.array_tables.contains(&(Arc::as_ptr(a) as usize)) => {
                match &mut Arc::make_mut(a).items_mut().last_mut()?.value {
                    Value::Table(t) => Some(Arc::make_mut(t)),
                    _ => None,
                }
            }
            _ => None,
        }
    }
}

/// `A-Za-z0-9_-`, at least one: a bare key, which decodes to itself.
fn is_bare_key(raw: &str) -> bool {
    !raw.is_empty()
        && raw
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// The inside of `"…"` when it holds only characters a basic string may hold unescaped (TOML's
/// `basic-unescaped`: tab, printable ASCII but `"` and `\`, any non-ASCII).
fn plain_basic_string(raw: &str) -> Option<&str> {
    let inner = raw.strip_prefix('"')?.strip_suffix('"')?;
    inner
        .bytes()
        .all(|b| b == b'\t' || (b >= 0x20 && b != 0x7f && b != b'"' && b != b'\\'))
        .then_some(inner)
}

/// The table of the current section (`[a.b]` → root.a.b, through the last element of arrays of
/// tables).
fn walk<'t>(root: &'t mut Table, section: &[SmolStr]) -> Option<&'t mut Table> {
    let mut current = root;
    for part in section {
        current = match &mut current.get_mut(part)?.value {
            Value::Table(t) => Arc::make_mut(t),
            Value::Array(a) => match &mut Arc::make_mut(a).items_mut().last_mut()?.value {
                Value::Table(t) => Arc::make_mut(t),
                _ => return None,
            },
            _ => return None,
        };
    }
    Some(current)
}

/// `a.b.c = v`: `a` and `b` may be new tables (made with kind `dotted`) or tables an earlier
/// dotted key made with that same kind — of this section (`Dotted(section)`) or of this inline
/// table (`InlineDotted`); the last key must be new.
fn insert_dotted(
    b: &mut Builder<'_, '_>,
    table: &mut Table,
    key: &[(SmolStr, usize)],
    node: Node,
    dotted: Kind,
) -> bool {
    let Some(((last, last_at), parents)) = key.split_last() else {
        return false;
    };
    if key.len() > MAX_KEY_PARTS {
        return false;
    }
    let mut current = table;
    for (part, at) in parents {
        if current.get(part).is_none() {
            let t = b.new_table(b.origin(*at), dotted);
            current.insert(part.clone(), t);
        }
        let Some(Node {
            value: Value::Table(t),
            ..
        }) = current.get_mut(part)
        else {
            return false;
        };
        if b.kinds.get(&table_id(t)) != Some(&dotted) {
            return false;
        }
        current = Arc::make_mut(t);
    }
    let mut node = node;
    node.origin = b.origin(*last_at);
    current.insert_new(last.clone(), node).is_ok()
}

impl EventReceiver for Builder<'_, '_> {
    fn std_table_open(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.mode = Mode::Header;
        self.key.clear();
    }
    fn std_table_close(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.header(false);
        self.mode = Mode::Key;
    }
    fn array_table_open(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.mode = Mode::ArrayHeader;
        self.key.clear();
    }
    fn array_table_close(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        if matches!(self.mode, Mode::ArrayHeader) {
            self.header(true);
        } else {
            self.failed = true;
        }
        self.mode = Mode::Key;
    }
    fn inline_table_open(&mut self, span: Span, _error: &mut dyn ErrorSink) -> bool {
        let origin = self.origin(span.start());
        let depth = self.open_depth();
        self.stack.push(Frame::Inline {
            table: Table::new(),
            origin,
            key: Vec::new(),
            depth,
        });
        true
    }
    fn inline_table_close(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        match self.stack.pop() {
            Some(Frame::Inline { table, origin, .. }) => {
                let arc = Arc::new(table);
                self.kinds.insert(table_id(&arc), Kind::Inline);
                self.deliver(Node::at(Value::Table(arc), origin));
            }
            _ => self.failed = true,
        }
    }
    fn array_open(&mut self, span: Span, _error: &mut dyn ErrorSink) -> bool {
        let origin = self.origin(span.start());
        let depth = self.open_depth();
        self.stack.push(Frame::Array {
            items: Vec::new(),
            origin,
            depth,
        });
        true
    }
    fn array_close(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        match self.stack.pop() {
            Some(Frame::Array { items, origin, .. }) => {
                self.deliver(Node::at(Value::Array(Arc::new(Array::new(items))), origin))
            }
            _ => self.failed = true,
        }
    }
    fn simple_key(&mut self, span: Span, encoding: Option<Encoding>, _error: &mut dyn ErrorSink) {
        let Some(raw) = self.raw(span, encoding) else {
            self.failed = true;
            return;
        };
        let mut out: Cow<'_, str> = Cow::Borrowed("");
        if encoding.is_none() && is_bare_key(raw.as_str()) {
            // Most keys: nothing to decode, and nothing the decoder could reject.
            out = Cow::Borrowed(raw.as_str());
        } else {
            let mut bad = false;
            raw.decode_key(&mut out, &mut |_: ParseError| bad = true);
            self.failed |= bad;
        }
        self.maybe_ops |= out.ends_with("_add") || out.ends_with("_remove");
        let key = self.strings.intern(&out);
        self.key.push((key, span.start()));
    }
    fn key_val_sep(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        // Swap rather than take: both buffers keep their allocations for the next key.
        match self.stack.last_mut() {
            Some(Frame::Inline { key: slot, .. }) => std::mem::swap(slot, &mut self.key),
            Some(Frame::Array { .. }) => self.failed = true,
            None => std::mem::swap(&mut self.pending, &mut self.key),
        }
        self.key.clear();
    }
    fn scalar(&mut self, span: Span, encoding: Option<Encoding>, _error: &mut dyn ErrorSink) {
        match self.scalar(span, encoding) {
            Some(node) => self.deliver(node),
            None => self.failed = true,
        }
    }
    fn error(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.failed = true;
    }
}
