//! Dotenv syntax: `KEY=value` lines with comments, `export`, and single or double quotes
//! (docs/behaviour.md, "Dotenv"). This module only reads the pairs; `env::dotenv_tree` maps them
//! to key paths exactly as environment variables are mapped, without a prefix.
//!
//! Values are literal: `$NAME` and `${NAME}` stay as written. The process environment is a layer
//! of its own, and the browser has none, so expanding here could never give the same answer in
//! every build (and would copy secrets from the environment under keys that are not secret).
//! No maintained crate reads dotenv without expanding (`dotenvy` always expands), hence this
//! small reader.

use crate::{Details, Error, Result};

/// A dotenv document's `(name, value)` pairs, in order, and the line each starts on.
pub(crate) type Pairs = (Vec<(String, String)>, Vec<u32>);

/// The `(name, value)` pairs of a dotenv document, in order, and the line each starts on.
pub(crate) fn read_pairs(text: &str) -> Result<Pairs> {
    let mut reader = Reader {
        text,
        pos: 0,
        line: 1,
        line_start: 0,
    };
    let mut vars = Vec::new();
    let mut lines = Vec::new();
    while let Some((line, pair)) = reader.statement()? {
        vars.push(pair);
        lines.push(line);
    }
    Ok((vars, lines))
}

struct Reader<'a> {
    text: &'a str,
    pos: usize,
    line: u32,
    line_start: usize,
}

impl Reader<'_> {
    fn rest(&self) -> &str {
        &self.text[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        if c == '\n' {
            self.line += 1;
            self.line_start = self.pos;
        }
        Some(c)
    }

    fn skip_blanks(&mut self) {
        while matches!(self.peek(), Some(' ' | '\t')) {
            self.bump();
        }
    }

    /// A syntax error at the current position. The line's text is not quoted: it may hold a
    /// secret.
    fn error(&self, what: &str) -> Error {
        let column = self.text[self.line_start..self.pos].chars().count() as u32 + 1;
        Error::parse(
            Details::new(format!("invalid dotenv syntax: {what}"))
                .at(Some(self.line), Some(column)),
        )
    }

    /// Skips to the start of the next line; only blanks and a `#` comment may remain here.
    fn end_of_line(&mut self) -> Result<()> {
        self.skip_blanks();
        match self.peek() {
            None => Ok(()),
            Some('\n') => {
                self.bump();
                Ok(())
            }
            Some('\r') if self.rest().starts_with("\r\n") => {
                self.bump();
                self.bump();
                Ok(())
            }
            Some('#') => {
                while !matches!(self.peek(), None | Some('\n')) {
                    self.bump();
                }
                self.bump();
                Ok(())
            }
            Some(_) => Err(self.error("unexpected text after the value")),
        }
    }

    /// The next assignment, skipping blank and comment lines; `None` at the end.
    fn statement(&mut self) -> Result<Option<(u32, (String, String))>> {
        loop {
            self.skip_blanks();
            match self.peek() {
                None => return Ok(None),
                Some('\n' | '\r' | '#') => self.end_of_line()?,
                Some(_) => break,
            }
        }
        let line = self.line;
        if let Some(after) = self.rest().strip_prefix("export")
            && after.starts_with([' ', '\t'])
        {
            self.pos += "export".len();
            self.skip_blanks();
        }
        let start = self.pos;
        while matches!(self.peek(), Some(c) if c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
        {
            self.bump();
        }
        let name = self.text[start..self.pos].to_string();
        if name.is_empty() {
            return Err(self.error("expected a variable name"));
        }
        self.skip_blanks();
        if self.bump() != Some('=') {
            return Err(self.error("expected '=' after the name"));
        }
        self.skip_blanks();
        let value = match self.peek() {
            Some('\'') => self.quoted('\'')?,
            Some('"') => self.quoted('"')?,
            _ => self.unquoted(),
        };
        self.end_of_line()?;
        Ok(Some((line, (name, value))))
    }

    /// Up to the end of the line or a `#` that follows a blank, trailing blanks trimmed.
    fn unquoted(&mut self) -> String {
        let start = self.pos;
        let mut end = self.pos;
        let mut after_blank = false;
        while let Some(c) = self.peek() {
            if c == '\n' || (c == '\r' && self.rest().starts_with("\r\n")) {
                break;
            }
            if c == '#' && after_blank {
                break;
            }
            after_blank = matches!(c, ' ' | '\t');
            self.bump();
            if !after_blank {
                end = self.pos;
            }
        }
        self.text[start..end].to_string()
    }

    /// A quoted value, which may span lines. Single quotes are literal; double quotes know the
    /// escapes `\n`, `\r`, `\t`, `\\`, `\"`, `\'` and `\$` (any other backslash is kept).
    fn quoted(&mut self, quote: char) -> Result<String> {
        let (open_line, open_start, open_pos) = (self.line, self.line_start, self.pos);
        self.bump();
        let mut out = String::new();
        loop {
            match self.bump() {
                None => {
                    // Point at the opening quote: that is where the reader's mistake is.
                    self.line = open_line;
                    self.line_start = open_start;
                    self.pos = open_pos;
                    return Err(self.error("a quoted value is not closed"));
                }
                Some(c) if c == quote => return Ok(out),
                Some('\\') if quote == '"' => match self.peek() {
                    Some('n') => {
                        self.bump();
                        out.push('\n');
                    }
                    Some('r') => {
                        self.bump();
                        out.push('\r');
                    }
                    Some('t') => {
                        self.bump();
                        out.push('\t');
                    }
                    Some(c @ ('\\' | '"' | '\'' | '$')) => {
                        self.bump();
                        out.push(c);
                    }
                    _ => out.push('\\'),
                },
                Some(c) => out.push(c),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(text: &str) -> Vec<(String, String)> {
        read_pairs(text).expect("valid dotenv").0
    }

    fn p(a: &str, b: &str) -> (String, String) {
        (a.to_string(), b.to_string())
    }

    #[test]
    fn values_are_literal_never_expanded() {
        assert_eq!(
            pairs("A=1\nB=${A}\nC=pa$word\nD=\"$HOME and ${PATH}\"\nE='$X'\n"),
            vec![
                p("A", "1"),
                p("B", "${A}"),
                p("C", "pa$word"),
                p("D", "$HOME and ${PATH}"),
                p("E", "$X"),
            ]
        );
    }

    #[test]
    fn syntax() {
        let text = "# c\n\nexport X=1\n  Y = two words # note\nZ=\"a\\nb\" # c\nQ='it''s'\nM=\"l1\nl2\"\nE=\nH=a#b\n";
        let err = read_pairs(text).err();
        // `'it''s'` is a closed quote followed by text: an error, on line 6.
        assert_eq!(err.and_then(|e| e.details().line), Some(6));
        let text = "# c\n\nexport X=1\n  Y = two words # note\nZ=\"a\\nb\" # c\nM=\"l1\nl2\"\nE=\nH=a#b\r\nexport=3\n";
        assert_eq!(
            pairs(text),
            vec![
                p("X", "1"),
                p("Y", "two words"),
                p("Z", "a\nb"),
                p("M", "l1\nl2"),
                p("E", ""),
                p("H", "a#b"),
                p("export", "3"),
            ]
        );
    }

    #[test]
    fn syntax_errors_name_the_statement_line_not_an_earlier_mention() {
        let text = "# BAD=it's here\nA=1\nNOTE=\"BAD=it's\"\n  BAD it's here\n";
        let e = read_pairs(text).expect_err("an error");
        assert_eq!(e.details().line, Some(4), "{e}");
        assert!(!e.to_string().contains("here"), "{e}");
        let e = read_pairs("A=1\nB=\"open\nC=2\n").expect_err("an error");
        assert_eq!((e.details().line, e.details().column), (Some(2), Some(3)));
    }
}
