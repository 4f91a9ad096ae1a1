//! Document formats: each parser turns text into a tree whose nodes know their line.

mod datetime;
mod dotenv;
mod json;
mod toml;
mod toml_depth;
#[cfg(feature = "toml-fast")]
mod toml_fast;
#[cfg(all(test, feature = "toml-fast"))]
mod toml_fast_tests;
mod yaml;

use std::fmt;
use std::str::FromStr;

use crate::value::{LayerId, Node, SmolStr};
use crate::{Details, Error, Result};

pub(crate) use dotenv::read_pairs as read_dotenv;
pub(crate) use json::parse_json_value;
pub use json::{MAX_SAFE_INTEGER, from_javascript_json, javascript_number};
pub(crate) use yaml::plain_is_string;

pub use crate::limits::{MAX_DEPTH, MAX_EXPANDED_NODES, TOML_MAX_DEPTH};
pub(crate) use crate::limits::{too_deep, too_deep_for};

/// A configuration file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// TOML 1.0/1.1.
    Toml,
    /// YAML 1.2 (core schema).
    Yaml,
    /// JSON.
    Json,
    /// Dotenv (`KEY=value` lines).
    Dotenv,
}

/// One row per format: its names (the first is the canonical one, `as_str`), the file
/// extensions that imply it, and whether `dump` writes it. Every list the faces show (format
/// names in the Python stubs and TypeScript unions, the conformance runner's extension table)
/// is checked against this table by a test. Adding a format: a row here, a variant above, its
/// parser in `parse` below (and its writer in `dump.rs` if it dumps).
pub const FORMATS: [FormatInfo; 4] = [
    FormatInfo {
        format: Format::Toml,
        names: &["toml"],
        extensions: &["toml"],
        dumps: true,
    },
    FormatInfo {
        format: Format::Yaml,
        names: &["yaml", "yml"],
        extensions: &["yaml", "yml"],
        dumps: true,
    },
    FormatInfo {
        format: Format::Json,
        names: &["json"],
        extensions: &["json"],
        dumps: true,
    },
    // Dotenv files are known by their name (see `Format::from_path`), not by an extension.
    FormatInfo {
        format: Format::Dotenv,
        names: &["env", "dotenv"],
        extensions: &[],
        dumps: false,
    },
];

/// A row of [`FORMATS`].
#[derive(Debug, Clone, Copy)]
pub struct FormatInfo {
    /// The format.
    pub format: Format,
    /// Names accepted for it (case-insensitive); the first is canonical.
    pub names: &'static [&'static str],
    /// File extensions (lower-case, without the dot) that imply it.
    pub extensions: &'static [&'static str],
    /// Whether `dump` can write it.
    pub dumps: bool,
}

impl Format {
    /// The format a file name implies: by extension (`.toml`, `.yaml`/`.yml`, `.json`, any
    /// case); dotenv for a file named `.env`, ending in `.env`, or named `.env.<name>`
    /// (`.env.production`, `.env.local`).
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        let name = path.file_name()?.to_str()?;
        if name == ".env" || name.ends_with(".env") || name.starts_with(".env.") {
            return Some(Format::Dotenv);
        }
        let ext = path.extension()?.to_str()?;
        FORMATS
            .iter()
            .find(|f| f.extensions.iter().any(|e| e.eq_ignore_ascii_case(ext)))
            .map(|f| f.format)
    }

    /// This format's row of [`FORMATS`].
    pub fn info(self) -> &'static FormatInfo {
        // Every variant has a row (checked by a test).
        FORMATS
            .iter()
            .find(|f| f.format == self)
            .unwrap_or(&FORMATS[0])
    }

    /// Canonical lower-case name.
    pub fn as_str(self) -> &'static str {
        self.info().names[0]
    }
}

impl FromStr for Format {
    type Err = Error;
    fn from_str(s: &str) -> Result<Format> {
        FORMATS
            .iter()
            .find(|f| f.names.iter().any(|n| n.eq_ignore_ascii_case(s)))
            .map(|f| f.format)
            .ok_or_else(|| {
                let all: Vec<&str> = FORMATS
                    .iter()
                    .flat_map(|f| f.names.iter().copied())
                    .collect();
                Error::invalid_argument(format!(
                    "unknown format '{s}' (expected one of: {})",
                    all.join(", ")
                ))
            })
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Parses `text` as `format` (or sniffs JSON, TOML, YAML in that order when `None`).
/// `Ok(None)` is an empty document. Errors carry line/column but not yet the file name.
pub(crate) fn parse(text: &str, format: Option<Format>, layer: LayerId) -> Result<Option<Node>> {
    let text = strip_bom(text)?;
    match format {
        Some(Format::Toml) => toml::parse(text, layer),
        Some(Format::Yaml) => yaml::parse(text, layer),
        Some(Format::Json) => json::parse(text, layer),
        // Dotenv becomes a tree through the environment mapping (`env::dotenv_tree`), which
        // the dotenv layer loader calls; here it is only a syntax.
        Some(Format::Dotenv) => Err(Error::invalid_argument(
            "dotenv text is read by the environment mapping, not as a document",
        )),
        None => sniff(text, layer),
    }
}

/// The text after one leading UTF-8 byte order mark. A second one is not the start of any
/// format's syntax: a `ParseError` at 1:1 in every format (some parsers would skip it too).
pub(crate) fn strip_bom(text: &str) -> Result<&str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.starts_with('\u{feff}') {
        return Err(Error::parse(
            Details::new("a second byte order mark (U+FEFF) at the start").at(Some(1), Some(1)),
        ));
    }
    Ok(text)
}

fn sniff(text: &str, layer: LayerId) -> Result<Option<Node>> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    if text.trim_start().starts_with('{')
        && let Ok(node) = json::parse(text, layer)
    {
        return Ok(node);
    }
    if let Ok(node) = toml::parse(text, layer) {
        return Ok(node);
    }
    yaml::parse(text, layer).map_err(|e| {
        let d = e.details();
        Error::parse(
            Details::new(format!(
                "content is not JSON, TOML or YAML (as YAML: {})",
                d.message
            ))
            .at(d.line, d.column),
        )
    })
}

/// Byte offset → 1-based line/column, built once per document. Parsers ask in mostly rising
/// order, so a cursor makes the usual lookup a step or two forward instead of a search.
pub(crate) struct LineIndex {
    starts: Vec<usize>,
    cursor: std::cell::Cell<usize>,
}

impl LineIndex {
    pub(crate) fn new(text: &str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 16 + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex {
            starts,
            cursor: std::cell::Cell::new(0),
        }
    }

    pub(crate) fn line(&self, offset: usize) -> u32 {
        let mut i = self.cursor.get();
        if self.starts[i] <= offset {
            let mut steps = 0;
            while i + 1 < self.starts.len() && self.starts[i + 1] <= offset && steps < 16 {
                i += 1;
                steps += 1;
            }
            if steps == 16 {
                i += self.starts[i..].partition_point(|&s| s <= offset) - 1;
            }
        } else {
            i = self.starts.partition_point(|&s| s <= offset).max(1) - 1;
        }
        self.cursor.set(i);
        i as u32 + 1
    }

    pub(crate) fn line_col(&self, text: &str, offset: usize) -> (u32, u32) {
        let line = self.line(offset);
        let start = self.starts[line as usize - 1];
        let end = offset.min(text.len());
        let col = text
            .get(start..end)
            .map_or(end - start, |s| s.chars().count())
            + 1;
        (line, col as u32)
    }
}

/// Shares repeated long keys within one document (keys repeat in every entry of a list of
/// tables): one allocation per distinct key instead of one per occurrence. Keys of up to
/// [`INLINE`](Self::INLINE) bytes are stored inline and never allocate, so they skip the set;
/// string values are made with `SmolStr::new` (long ones are rarely repeated).
#[derive(Default)]
pub(crate) struct Interner {
    set: std::collections::HashSet<SmolStr, foldhash::fast::RandomState>,
    seen: usize,
}

impl Interner {
    /// `SmolStr` keeps strings up to this length inside the value itself.
    const INLINE: usize = 23;

    /// Small documents are not worth a set: sharing starts after this many long strings.
    const START_AFTER: usize = 512;

    /// A key: a long one is shared once the document proves large. The browser build,
    /// optimised for size, does without the set.
    pub(crate) fn intern(&mut self, s: &str) -> SmolStr {
        if s.len() <= Self::INLINE || cfg!(target_arch = "wasm32") || self.seen < Self::START_AFTER
        {
            self.seen += usize::from(s.len() > Self::INLINE);
            return SmolStr::new(s);
        }
        if let Some(found) = self.set.get(s) {
            return found.clone();
        }
        let new = SmolStr::new(s);
        self.set.insert(new.clone());
        new
    }
}

/// The error for a document whose top level is not a table.
pub(crate) fn not_a_table(found: &str) -> Error {
    Error::parse(
        Details::new(format!("the top level must be a table, found {found}")).at(Some(1), Some(1)),
    )
}

/// The error for an integer outside i64 at `key` (also what the bindings raise for a big
/// integer of their own language).
pub fn int_out_of_range(key: &str, line: Option<u32>, column: Option<u32>) -> Error {
    Error::parse(
        Details::new(format!(
            "integer at '{key}' is outside the 64-bit signed range"
        ))
        .key(key)
        .at(line, column),
    )
}

/// The error for a value given by a binding (a defaults object) that contains itself: `key`
/// is where the cycle closes. The same in every face.
pub fn cycle_error(key: &str) -> Error {
    Error::InvalidArgument(
        Details::new(format!(
            "unsupported value at '{key}': a cycle (an object that contains itself)"
        ))
        .key(key),
    )
}

/// The error for a value given by a binding that nests deeper than [`MAX_DEPTH`] (without a
/// cycle), at `key`. The same in every face.
pub fn too_deep_at(key: &str) -> Error {
    let at = if key.is_empty() {
        "the top level".to_string()
    } else {
        format!("'{key}'")
    };
    let details = Details::new(format!("nesting deeper than {MAX_DEPTH} levels at {at}"));
    Error::ParseError(if key.is_empty() {
        details
    } else {
        details.key(key)
    })
}

/// The error for a number written in a document that is too large for a 64-bit float
/// (`1e400`): an error, as for integers, never a silent infinity (`inf`/`.inf` are written as
/// such).
pub(crate) fn float_out_of_range(key: &str, line: Option<u32>, column: Option<u32>) -> Error {
    Error::parse(
        Details::new(format!(
            "number at '{key}' is outside the 64-bit float range"
        ))
        .key(key)
        .at(line, column),
    )
}

/// One step of the key path a parser is at, kept only to name keys in errors.
#[derive(Clone, Copy)]
pub(crate) enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

/// Joins a key path for messages.
pub(crate) fn join_path<S: AsRef<str>>(path: &[S]) -> String {
    path.iter().map(AsRef::as_ref).collect::<Vec<_>>().join(".")
}

/// Joins parser path segments for messages.
pub(crate) fn join_segs(path: &[Seg<'_>]) -> String {
    path.iter()
        .map(|s| match s {
            Seg::Key(k) => k.to_string(),
            Seg::Index(i) => i.to_string(),
        })
        .collect::<Vec<_>>()
        .join(".")
}

#[cfg(test)]
mod format_table_tests {
    use super::*;

    #[test]
    fn every_format_has_one_row_and_names_round_trip() {
        for format in [Format::Toml, Format::Yaml, Format::Json, Format::Dotenv] {
            // No wildcard: a new variant does not compile here until it is listed.
            match format {
                Format::Toml | Format::Yaml | Format::Json | Format::Dotenv => {}
            }
            assert_eq!(FORMATS.iter().filter(|f| f.format == format).count(), 1);
            for name in format.info().names {
                assert_eq!(name.parse::<Format>().ok(), Some(format));
                assert_eq!(name.to_uppercase().parse::<Format>().ok(), Some(format));
            }
        }
        assert_eq!(Format::from_path("a/B.YML".as_ref()), Some(Format::Yaml));
        assert_eq!(
            Format::from_path(".env.local".as_ref()),
            Some(Format::Dotenv)
        );
        assert_eq!(Format::from_path("x.ini".as_ref()), None);
        assert!("ini".parse::<Format>().is_err());
    }
}
