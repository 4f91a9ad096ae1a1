//! How deep a TOML document nests, found from `toml_parser`'s events (which are produced
//! without recursion) before any tree is built. Dotted keys inside inline tables nest without
//! bound in TOML's grammar (`a = {b.c.d… = {e.f.g… = …}}`) and the `toml` crate's own recursion
//! limit does not count them, so the document is refused here, before anything recurses.

use toml_parser::parser::EventReceiver;
use toml_parser::{ErrorSink, ParseError, Source, Span};

use super::{LineIndex, TOML_MAX_DEPTH, too_deep_for};
use crate::Result;

/// `Err` (a `ParseError` at the offending place) when the tree would nest deeper than
/// [`TOML_MAX_DEPTH`].
pub(crate) fn check(text: &str, lines: &LineIndex) -> Result<()> {
    // Every level needs a `.`, `[` or `{`: a document with few of them cannot be too deep.
    let marks = memchr::memchr3_iter(b'.', b'[', b'{', text.as_bytes()).count();
    if 2 * (marks + 1) <= TOML_MAX_DEPTH {
        return Ok(());
    }
    let source = Source::new(text);
    let tokens: Vec<_> = source.lex().collect();
    let mut scan = Scan::default();
    let mut ignore = |_: ParseError| {};
    toml_parser::parser::parse_document(&tokens, &mut scan, &mut ignore);
    match scan.too_deep_at {
        Some(offset) => {
            let (line, column) = lines.line_col(text, offset);
            Err(too_deep_for(TOML_MAX_DEPTH, Some(line), Some(column)))
        }
        None => Ok(()),
    }
}

#[derive(Default)]
struct Scan {
    /// Depth of the current section's table (0 at the top).
    section: usize,
    in_header: bool,
    /// Parts of the key being read.
    key_parts: usize,
    /// Depth of each open array (`true`) or inline table (`false`).
    open: Vec<(bool, usize)>,
    /// The depth the next value takes (set by `=`, or by an enclosing array).
    next: usize,
    too_deep_at: Option<usize>,
}

impl Scan {
    fn limit(&mut self, depth: usize, span: Span) {
        if depth > TOML_MAX_DEPTH && self.too_deep_at.is_none() {
            self.too_deep_at = Some(span.start());
        }
    }

    /// A header's table sits one level per part (`[a.b.c]`: 3), one more for the element of an
    /// array of tables. Arrays of tables named by earlier parts add levels this scan does not
    /// see; the tree builder's own depth check catches those, and headers are not where the
    /// `toml` crate recurses.
    fn header_close(&mut self, span: Span, array: bool) {
        self.section = self.key_parts + usize::from(array);
        self.limit(self.section, span);
        self.in_header = false;
        self.key_parts = 0;
    }

    fn open(&mut self, array: bool, span: Span) -> bool {
        let depth = self.next;
        self.limit(depth, span);
        self.open.push((array, depth));
        self.next = depth + 1;
        // Stop descending once the limit is passed: the answer is known.
        self.too_deep_at.is_none()
    }

    fn close(&mut self) {
        self.open.pop();
        if let Some(&(true, depth)) = self.open.last() {
            self.next = depth + 1;
        }
    }
}

impl EventReceiver for Scan {
    fn std_table_open(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.in_header = true;
        self.key_parts = 0;
    }
    fn std_table_close(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        self.header_close(span, false);
    }
    fn array_table_open(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.in_header = true;
        self.key_parts = 0;
    }
    fn array_table_close(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        self.header_close(span, true);
    }
    fn inline_table_open(&mut self, span: Span, _error: &mut dyn ErrorSink) -> bool {
        self.open(false, span)
    }
    fn inline_table_close(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.close();
    }
    fn array_open(&mut self, span: Span, _error: &mut dyn ErrorSink) -> bool {
        self.open(true, span)
    }
    fn array_close(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.close();
    }
    fn simple_key(
        &mut self,
        _span: Span,
        _kind: Option<toml_parser::decoder::Encoding>,
        _error: &mut dyn ErrorSink,
    ) {
        self.key_parts += 1;
    }
    fn key_val_sep(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        let container = match self.open.last() {
            Some(&(_, depth)) => depth,
            None => self.section,
        };
        self.next = container + self.key_parts;
        self.limit(self.next, span);
        self.key_parts = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_error(text: &str) -> bool {
        check(text, &LineIndex::new(text)).is_err()
    }

    #[test]
    fn dotted_keys_inside_inline_tables_count() {
        // 3 inline tables, each under a 30-part dotted key: about 90 levels.
        let key = vec!["k"; 30].join(".");
        let doc = format!("a = {{{key} = {{{key} = {{{key} = 1}}}}}}\n");
        assert!(depth_error(&doc));
        let key = vec!["k"; 20].join(".");
        let doc = format!("a = {{{key} = {{{key} = {{x = 1}}}}}}\n");
        assert!(!depth_error(&doc));
    }

    #[test]
    fn arrays_headers_and_plain_documents() {
        assert!(depth_error(&format!(
            "a = {}1{}\n",
            "[".repeat(130),
            "]".repeat(130)
        )));
        assert!(!depth_error(&format!(
            "a = {}1{}\n",
            "[".repeat(60),
            "]".repeat(60)
        )));
        let header = vec!["h"; 81].join(".");
        assert!(depth_error(&format!("[{header}]\nx = 1\n")));
        // What a dump of a 70-deep table writes: allowed (a header part is one level).
        let header = vec!["h"; 69].join(".");
        assert!(!depth_error(&format!("[{header}]\nx = 1\n")));
        assert!(!depth_error(
            "[a.b.c]\nx = 1.5\nv = \"1.2.3\"\n[[d.e]]\ny = [1, [2]]\n"
        ));
    }
}
