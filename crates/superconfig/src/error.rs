//! Errors and warnings: the kinds of docs/behaviour.md, "Errors and warnings", the same names in
//! every binding.

use std::fmt;

/// What an error or warning knows about where it happened.
///
/// Every field is optional: a parse error knows file, line and column; a missing key knows
/// only the key path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Details {
    /// Human-readable description, never containing a secret value.
    pub message: String,
    /// Source file (or source name for strings, variable name for env values).
    pub file: Option<String>,
    /// 1-based line.
    pub line: Option<u32>,
    /// 1-based column.
    pub column: Option<u32>,
    /// Dotted key path.
    pub key: Option<String>,
    /// Every invalid field of a typed extraction, each with its value's source (empty for
    /// every other error).
    pub fields: Vec<FieldError>,
}

/// One invalid field of a typed extraction (docs/behaviour.md, "Typed extraction").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// Dotted key path from the root.
    pub key: String,
    /// What is wrong, without the value.
    pub message: String,
    /// Where the offending value was set, when it was.
    pub source: Option<FieldSource>,
}

/// The source of an offending value: the fields of `Source`, kept here so that errors depend
/// on nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldSource {
    /// `defaults`, `file`, `string` or `env`.
    pub kind: &'static str,
    /// File path, source name, `defaults`, or the variable's name.
    pub name: String,
    /// 1-based line, where known.
    pub line: Option<u32>,
}

impl fmt::Display for FieldSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        Ok(())
    }
}

impl Details {
    /// Details with only a message.
    pub fn new(message: impl Into<String>) -> Self {
        Details {
            message: message.into(),
            ..Details::default()
        }
    }

    /// Sets the file.
    pub fn file(mut self, file: impl Into<String>) -> Self {
        self.file = Some(file.into());
        self
    }

    /// Sets the key path.
    pub fn key(mut self, key: impl Into<String>) -> Self {
        self.key = Some(key.into());
        self
    }

    /// Sets line and column.
    pub fn at(mut self, line: Option<u32>, column: Option<u32>) -> Self {
        self.line = line;
        self.column = column;
        self
    }
}

impl fmt::Display for Details {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A message that already starts with the file names it once (`missing.toml does not
        // exist`, not `missing.toml: missing.toml does not exist`).
        let named = (self.line.is_none()
            && self
                .file
                .as_deref()
                .is_some_and(|file| self.message.starts_with(file)))
            // Several invalid fields: the message names each one's source.
            || self.fields.len() > 1;
        if let Some(file) = self.file.as_ref().filter(|_| !named) {
            write!(f, "{file}")?;
            if let Some(line) = self.line {
                write!(f, ":{line}")?;
                if let Some(column) = self.column {
                    write!(f, ":{column}")?;
                }
            }
            write!(f, ": ")?;
        }
        write!(f, "{}", self.message)?;
        if let Some(key) = &self.key
            && !self.message.contains(key.as_str())
        {
            write!(f, " (key '{key}')")?;
        }
        Ok(())
    }
}

/// Every failure SuperConfig reports. The variant is the kind (docs/behaviour.md, "Errors and
/// warnings"); the first eight are
/// errors proper, the others are warnings raised as errors in strict mode.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// A document could not be parsed (also: integer out of range, nesting too deep).
    #[error("parse error: {0}")]
    ParseError(Details),
    /// A required file does not exist.
    #[error("file not found: {0}")]
    FileNotFound(Details),
    /// A key path is absent.
    #[error("key not found: {0}")]
    KeyNotFound(Details),
    /// A value has another type than asked for.
    #[error("type mismatch: {0}")]
    TypeMismatch(Details),
    /// The active profile is in no profiled layer (strict mode).
    #[error("profile not found: {0}")]
    ProfileNotFound(Details),
    /// A handle was used after it was freed, or with the wrong type.
    #[error("invalid handle: {0}")]
    InvalidHandle(Details),
    /// A caller passed an argument that cannot work (unknown format, bad pattern, …).
    #[error("invalid argument: {0}")]
    InvalidArgument(Details),
    /// The operating system refused a read.
    #[error("I/O error: {0}")]
    IoError(Details),
    /// Strict mode: a glob or discovery found nothing.
    #[error("no match: {0}")]
    NoMatch(Details),
    /// Strict mode: discovery found a second candidate in one directory.
    #[error("ignored file: {0}")]
    IgnoredFile(Details),
    /// Strict mode: a profiled layer has a top-level key that is not a profile.
    #[error("ignored key: {0}")]
    IgnoredKey(Details),
    /// Strict mode: two environment variables collide.
    #[error("key conflict: {0}")]
    KeyConflict(Details),
    /// Strict mode: `X_add`/`X_remove` applied to a non-array `X`.
    #[error("array operation on non-array: {0}")]
    ArrayOpOnNonArray(Details),
    /// Strict mode: a source could not be read whole (an unreadable directory under a glob).
    #[error("source unavailable: {0}")]
    SourceUnavailable(Details),
    /// Strict mode: an environment variable that looks like a mistake was skipped.
    #[error("suspicious environment variable: {0}")]
    SuspiciousEnv(Details),
}

/// Shorthand for results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Most invalid fields a type error lists.
    pub const MAX_FIELDS: usize = 100;

    /// Every kind name, in declaration order: what [`kind`](Self::kind) can return. Bindings
    /// map these to their own exception classes rather than keeping a list of their own.
    pub const KINDS: [&'static str; 15] = [
        "ParseError",
        "FileNotFound",
        "KeyNotFound",
        "TypeMismatch",
        "ProfileNotFound",
        "InvalidHandle",
        "InvalidArgument",
        "IoError",
        "NoMatch",
        "IgnoredFile",
        "IgnoredKey",
        "KeyConflict",
        "ArrayOpOnNonArray",
        "SourceUnavailable",
        "SuspiciousEnv",
    ];

    /// The kind name, identical in every binding (`"ParseError"`, `"KeyNotFound"`, …).
    pub fn kind(&self) -> &'static str {
        match self {
            Error::ParseError(_) => "ParseError",
            Error::FileNotFound(_) => "FileNotFound",
            Error::KeyNotFound(_) => "KeyNotFound",
            Error::TypeMismatch(_) => "TypeMismatch",
            Error::ProfileNotFound(_) => "ProfileNotFound",
            Error::InvalidHandle(_) => "InvalidHandle",
            Error::InvalidArgument(_) => "InvalidArgument",
            Error::IoError(_) => "IoError",
            Error::NoMatch(_) => "NoMatch",
            Error::IgnoredFile(_) => "IgnoredFile",
            Error::IgnoredKey(_) => "IgnoredKey",
            Error::KeyConflict(_) => "KeyConflict",
            Error::ArrayOpOnNonArray(_) => "ArrayOpOnNonArray",
            Error::SourceUnavailable(_) => "SourceUnavailable",
            Error::SuspiciousEnv(_) => "SuspiciousEnv",
        }
    }

    /// File, line, column, key and message.
    pub fn details(&self) -> &Details {
        match self {
            Error::ParseError(d)
            | Error::FileNotFound(d)
            | Error::KeyNotFound(d)
            | Error::TypeMismatch(d)
            | Error::ProfileNotFound(d)
            | Error::InvalidHandle(d)
            | Error::InvalidArgument(d)
            | Error::IoError(d)
            | Error::NoMatch(d)
            | Error::IgnoredFile(d)
            | Error::IgnoredKey(d)
            | Error::KeyConflict(d)
            | Error::ArrayOpOnNonArray(d)
            | Error::SourceUnavailable(d)
            | Error::SuspiciousEnv(d) => d,
        }
    }

    pub(crate) fn details_mut(&mut self) -> &mut Details {
        match self {
            Error::ParseError(d)
            | Error::FileNotFound(d)
            | Error::KeyNotFound(d)
            | Error::TypeMismatch(d)
            | Error::ProfileNotFound(d)
            | Error::InvalidHandle(d)
            | Error::InvalidArgument(d)
            | Error::IoError(d)
            | Error::NoMatch(d)
            | Error::IgnoredFile(d)
            | Error::IgnoredKey(d)
            | Error::KeyConflict(d)
            | Error::ArrayOpOnNonArray(d)
            | Error::SourceUnavailable(d)
            | Error::SuspiciousEnv(d) => d,
        }
    }

    /// Fills in the file name when the error does not know one yet.
    pub(crate) fn in_file(mut self, file: &str) -> Self {
        let d = self.details_mut();
        if d.file.is_none() {
            d.file = Some(file.to_string());
        }
        self
    }

    pub(crate) fn parse(details: Details) -> Self {
        Error::ParseError(details)
    }

    /// `InvalidArgument` with `message` (bindings use it for arguments of the wrong type).
    pub fn invalid_argument(message: impl Into<String>) -> Self {
        Error::InvalidArgument(Details::new(message))
    }

    /// `KeyNotFound` for `key`, worded as every read words it (bindings use it for a read with
    /// a default, which learns of the absence through `find_node`).
    /// `TypeMismatch` for every invalid field of an extraction: one field reads `source: at
    /// 'key': what`; several are listed, each with its source.
    pub fn type_mismatch(mut fields: Vec<FieldError>) -> Self {
        // Bounded, whatever the face: the first hundred of any number of invalid fields.
        let total = fields.len();
        fields.truncate(Self::MAX_FIELDS);
        let Some(first) = fields.first() else {
            return Error::TypeMismatch(Details::new("no invalid field"));
        };
        let mut details = Details::new(match fields.as_slice() {
            [one] => format!("at '{}': {}", one.key, one.message),
            many => {
                let listed: Vec<String> = many
                    .iter()
                    .map(|f| match &f.source {
                        Some(src) => format!("{src}: at '{}': {}", f.key, f.message),
                        None => format!("at '{}': {}", f.key, f.message),
                    })
                    .collect();
                let count = if total > many.len() {
                    format!("{} of {total}", many.len())
                } else {
                    total.to_string()
                };
                format!("{count} invalid fields: {}", listed.join("; "))
            }
        })
        .key(first.key.clone());
        if let Some(src) = &first.source {
            details.file = Some(src.name.clone());
            details.line = src.line;
        }
        details.fields = fields;
        Error::TypeMismatch(details)
    }

    /// `KeyNotFound` for `key`, without a suggestion.
    pub fn key_not_found(key: &str) -> Self {
        Error::KeyNotFound(Details::new(format!("no value at '{key}'")).key(key))
    }
}

/// The kinds of warning (docs/behaviour.md, "Errors and warnings").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WarningKind {
    /// An optional file does not exist; its layer is skipped.
    FileNotFound,
    /// A glob or discovery matched nothing.
    NoMatch,
    /// Discovery found more than one candidate in a directory; this one was not loaded.
    IgnoredFile,
    /// A top-level key of a profiled layer is not a profile table.
    IgnoredKey,
    /// Two environment variables collide; the table wins.
    KeyConflict,
    /// `X_add`/`X_remove` met an `X` that is not an array.
    ArrayOpOnNonArray,
    /// The active profile is in no profiled layer.
    ProfileNotFound,
    /// A source could not be read whole (an unreadable directory under a glob).
    SourceUnavailable,
    /// An environment variable that looks like a mistake (an empty key segment).
    SuspiciousEnv,
}

impl WarningKind {
    /// Every kind, in declaration order: the list each face's types are checked against.
    pub const ALL: [WarningKind; 9] = [
        WarningKind::FileNotFound,
        WarningKind::NoMatch,
        WarningKind::IgnoredFile,
        WarningKind::IgnoredKey,
        WarningKind::KeyConflict,
        WarningKind::ArrayOpOnNonArray,
        WarningKind::ProfileNotFound,
        WarningKind::SourceUnavailable,
        WarningKind::SuspiciousEnv,
    ];

    /// The kind name, identical in every binding.
    pub fn as_str(self) -> &'static str {
        match self {
            WarningKind::FileNotFound => "FileNotFound",
            WarningKind::NoMatch => "NoMatch",
            WarningKind::IgnoredFile => "IgnoredFile",
            WarningKind::IgnoredKey => "IgnoredKey",
            WarningKind::KeyConflict => "KeyConflict",
            WarningKind::ArrayOpOnNonArray => "ArrayOpOnNonArray",
            WarningKind::ProfileNotFound => "ProfileNotFound",
            WarningKind::SourceUnavailable => "SourceUnavailable",
            WarningKind::SuspiciousEnv => "SuspiciousEnv",
        }
    }
}

impl fmt::Display for WarningKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A structured warning: something was skipped or ignored, and the configuration still loads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// What happened.
    pub kind: WarningKind,
    /// Human-readable description, never containing a secret value.
    pub message: String,
    /// The source (file path, variable name, pattern) the warning is about, when there is one.
    pub source: Option<String>,
    /// Dotted key path the warning is about, when there is one.
    pub key: Option<String>,
}

impl Warning {
    pub(crate) fn new(
        kind: WarningKind,
        message: impl Into<String>,
        source: Option<String>,
    ) -> Self {
        Warning {
            kind,
            message: message.into(),
            source,
            key: None,
        }
    }

    pub(crate) fn with_key(mut self, key: impl Into<String>) -> Self {
        self.key = Some(key.into());
        self
    }

    /// The error strict mode raises for this warning. What the warning says was done about it
    /// (`; layer skipped`, `; ignored`, …) is dropped: raised, it stopped the step instead.
    pub fn into_error(self) -> Error {
        const CONSEQUENCES: [&str; 5] = [
            "; layer skipped",
            "; skipped",
            "; ignored",
            "; the table wins",
            "; files there are not loaded",
        ];
        let message = CONSEQUENCES
            .iter()
            .find_map(|c| self.message.strip_suffix(c))
            .map_or_else(|| self.message.clone(), str::to_string);
        let details = Details {
            message,
            file: self.source,
            line: None,
            column: None,
            key: self.key,
            fields: Vec::new(),
        };
        match self.kind {
            WarningKind::FileNotFound => Error::FileNotFound(details),
            WarningKind::NoMatch => Error::NoMatch(details),
            WarningKind::IgnoredFile => Error::IgnoredFile(details),
            WarningKind::IgnoredKey => Error::IgnoredKey(details),
            WarningKind::KeyConflict => Error::KeyConflict(details),
            WarningKind::ArrayOpOnNonArray => Error::ArrayOpOnNonArray(details),
            WarningKind::ProfileNotFound => Error::ProfileNotFound(details),
            WarningKind::SourceUnavailable => Error::SourceUnavailable(details),
            WarningKind::SuspiciousEnv => Error::SuspiciousEnv(details),
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind, self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_raised_warning_says_each_fact_once_and_nothing_it_did_not_do() {
        let warning = Warning::new(
            WarningKind::FileNotFound,
            "missing.toml does not exist; layer skipped",
            Some(String::from("missing.toml")),
        );
        assert_eq!(
            warning.to_string(),
            "FileNotFound: missing.toml does not exist; layer skipped"
        );
        let error = warning.into_error();
        assert_eq!(
            error.to_string(),
            "file not found: missing.toml does not exist"
        );
        assert_eq!(error.details().file.as_deref(), Some("missing.toml"));
        let mut details = Details::new("bad value").file("a.toml");
        details.line = Some(2);
        details.column = Some(5);
        let parse = Error::ParseError(details);
        assert_eq!(parse.to_string(), "parse error: a.toml:2:5: bad value");
    }

    #[test]
    fn kinds_lists_every_variant_once_in_order() {
        let d = Details::default;
        let all = [
            Error::ParseError(d()),
            Error::FileNotFound(d()),
            Error::KeyNotFound(d()),
            Error::TypeMismatch(d()),
            Error::ProfileNotFound(d()),
            Error::InvalidHandle(d()),
            Error::InvalidArgument(d()),
            Error::IoError(d()),
            Error::NoMatch(d()),
            Error::IgnoredFile(d()),
            Error::IgnoredKey(d()),
            Error::KeyConflict(d()),
            Error::ArrayOpOnNonArray(d()),
            Error::SourceUnavailable(d()),
            Error::SuspiciousEnv(d()),
        ];
        // No wildcard: a new variant does not compile here until it is listed above, and then
        // the assertion below holds KINDS to it.
        for e in &all {
            match e {
                Error::ParseError(_)
                | Error::FileNotFound(_)
                | Error::KeyNotFound(_)
                | Error::TypeMismatch(_)
                | Error::ProfileNotFound(_)
                | Error::InvalidHandle(_)
                | Error::InvalidArgument(_)
                | Error::IoError(_)
                | Error::NoMatch(_)
                | Error::IgnoredFile(_)
                | Error::IgnoredKey(_)
                | Error::KeyConflict(_)
                | Error::ArrayOpOnNonArray(_)
                | Error::SourceUnavailable(_)
                | Error::SuspiciousEnv(_) => {}
            }
        }
        let kinds: Vec<&str> = all.iter().map(Error::kind).collect();
        assert_eq!(kinds, Error::KINDS);
        // Every warning kind is listed once, and strict mode raises the error of the same name.
        for w in WarningKind::ALL {
            match w {
                WarningKind::FileNotFound
                | WarningKind::NoMatch
                | WarningKind::IgnoredFile
                | WarningKind::IgnoredKey
                | WarningKind::KeyConflict
                | WarningKind::ArrayOpOnNonArray
                | WarningKind::ProfileNotFound
                | WarningKind::SourceUnavailable
                | WarningKind::SuspiciousEnv => {}
            }
            assert_eq!(WarningKind::ALL.iter().filter(|k| **k == w).count(), 1);
            let e = Warning::new(w, "m", None).into_error();
            assert_eq!(e.kind(), w.as_str());
        }
    }
}
