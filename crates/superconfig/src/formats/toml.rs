//! TOML through the `toml` crate's spanned document API (`DeTable`), which keeps byte spans so
//! every value gets its line.

use std::sync::Arc;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{Interner, LineIndex, Seg, TOML_MAX_DEPTH, int_out_of_range, join_segs, too_deep_for};
use crate::value::{Array, LayerId, Node, Origin, SmolStr, Table, Value};
use crate::{Details, Error, Result};

pub(crate) fn parse(text: &str, layer: LayerId) -> Result<Option<Node>> {
    let lines = LineIndex::new(text);
    #[cfg_attr(not(feature = "toml-fast"), allow(unused_mut))]
    let mut strings = Interner::default();
    #[cfg(feature = "toml-fast")]
    if let Some(root) = super::toml_fast::parse(text, layer, &lines, &mut strings) {
        let empty = root.as_table().is_none_or(Table::is_empty);
        return Ok(if empty { None } else { Some(root) });
    }
    parse_full(text, layer, &lines, strings)
}

/// The `toml` crate's own document parser: the reference for every document, and the only
/// path for those the fast builder leaves alone (and for every error message).
pub(crate) fn parse_full(
    text: &str,
    layer: LayerId,
    lines: &LineIndex,
    strings: Interner,
) -> Result<Option<Node>> {
    // Refused before the `toml` crate builds (and recurses through) anything.
    super::toml_depth::check(text, lines)?;
    let doc = DeTable::parse(text).map_err(|e| {
        let (line, col) = e.span().map_or((None, None), |s| {
            let (l, c) = lines.line_col(text, s.start);
            (Some(l), Some(c))
        });
        Error::parse(Details::new(e.message().trim().to_string()).at(line, col))
    })?;
    let span = doc.span();
    let table = doc.into_inner();
    if table.is_empty() {
        return Ok(None);
    }
    let mut conv = Converter {
        strings,
        lines,
        text,
        layer,
        path: Vec::new(),
    };
    let origin = Origin::new(layer, lines.line(span.start));
    conv.table(&table, origin, 0).map(Some)
}

struct Converter<'a> {
    strings: Interner,
    lines: &'a LineIndex,
    text: &'a str,
    layer: LayerId,
    path: Vec<Seg<'a>>,
}

impl<'a> Converter<'a> {
    fn origin(&self, offset: usize) -> Origin {
        Origin::new(self.layer, self.lines.line(offset))
    }

    fn table(&mut self, table: &'a DeTable<'a>, origin: Origin, depth: usize) -> Result<Node> {
        let mut out = Table::with_capacity(table.len());
        for (key, value) in table.iter() {
            // The key's line is the line a reader looks for ("host = …"), also for sub-tables.
            let origin = self.origin(key_offset(key, value));
            let name: &'a str = key.get_ref().as_ref();
            self.path.push(Seg::Key(name));
            let node = self.value(value, origin, depth + 1)?;
            self.path.pop();
            out.insert(self.strings.intern(name), node);
        }
        Ok(Node::at(Value::Table(Arc::new(out)), origin))
    }

    fn value(
        &mut self,
        value: &'a Spanned<DeValue<'a>>,
        origin: Origin,
        depth: usize,
    ) -> Result<Node> {
        if depth > TOML_MAX_DEPTH {
            let (l, c) = self.lines.line_col(self.text, value.span().start);
            return Err(too_deep_for(TOML_MAX_DEPTH, Some(l), Some(c)));
        }
        let v = match value.get_ref() {
            DeValue::String(s) => Value::String(SmolStr::new(s)),
            DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
                Ok(n) => Value::Int(n),
                Err(_) => {
                    let (l, c) = self.lines.line_col(self.text, value.span().start);
                    return Err(int_out_of_range(&join_segs(&self.path), Some(l), Some(c)));
                }
            },
            DeValue::Float(f) => {
                let parsed = parse_float(f.as_str());
                // `inf` is written as such; digits that overflow (`1e400`) are an error.
                if parsed.is_infinite() && !f.as_str().contains("inf") {
                    let (l, c) = self.lines.line_col(self.text, value.span().start);
                    return Err(super::float_out_of_range(
                        &join_segs(&self.path),
                        Some(l),
                        Some(c),
                    ));
                }
                Value::Float(parsed)
            }
            DeValue::Boolean(b) => Value::Bool(*b),
            DeValue::Datetime(d) => Value::String(super::datetime::datetime_text(d)),
            DeValue::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    self.path.push(Seg::Index(i));
                    let origin = self.origin(item.span().start);
                    out.push(self.value(item, origin, depth + 1)?);
                    self.path.pop();
                }
                Value::Array(Arc::new(Array::new(out)))
            }
            DeValue::Table(t) => return self.table(t, origin, depth),
        };
        Ok(Node::at(v, origin))
    }
}

/// The offset a key's line is taken from: the key itself when the parser spanned it, else its value.
fn key_offset(key: &Spanned<toml::de::DeString<'_>>, value: &Spanned<DeValue<'_>>) -> usize {
    let span = key.span();
    if span.is_empty() {
        value.span().start
    } else {
        span.start
    }
}

fn parse_float(s: &str) -> f64 {
    let cleaned: String = s.chars().filter(|c| *c != '_').collect();
    cleaned.parse::<f64>().unwrap_or(f64::NAN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datetimes_are_normalised_to_rfc3339_with_seconds() {
        for (written, normalised) in [
            ("07:32", "07:32:00"),
            ("07:32:00", "07:32:00"),
            ("1979-05-27", "1979-05-27"),
            ("1987-07-05T17:45:56.6Z", "1987-07-05T17:45:56.600Z"),
            ("1979-05-27 07:32:00Z", "1979-05-27T07:32:00Z"),
            ("1979-05-27T07:32:00z", "1979-05-27T07:32:00Z"),
            (
                "1979-05-27T00:32:00.999999-07:00",
                "1979-05-27T00:32:00.999999-07:00",
            ),
            (
                "1979-05-27T00:32:00.1234+05:30",
                "1979-05-27T00:32:00.123400+05:30",
            ),
            (
                "1979-05-27T00:32:00.123456789",
                "1979-05-27T00:32:00.123456789",
            ),
            ("1979-05-27T00:32:00.000Z", "1979-05-27T00:32:00.000Z"),
        ] {
            let dt: toml_datetime::Datetime = written.parse().expect(written);
            assert_eq!(
                super::super::datetime::datetime_text(&dt),
                normalised,
                "{written}"
            );
            // Both parser paths agree.
            let doc = format!("d = {written}\n");
            let full = parse_full(&doc, LayerId(1), &LineIndex::new(&doc), Interner::default())
                .expect("parses")
                .expect("a tree");
            let fast = parse(&doc, LayerId(1)).expect("parses").expect("a tree");
            for tree in [full, fast] {
                let got = tree.as_table().and_then(|t| t.get("d")).map(|n| &n.value);
                assert!(
                    matches!(got, Some(Value::String(s)) if s == normalised),
                    "{written}: {got:?}"
                );
            }
        }
    }
}
