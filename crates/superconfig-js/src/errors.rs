//! The thrown error: a JS `Error` whose `code` is the error kind (`superconfig::Error::kind()`),
//! with `file`, `line`, `column` and `key` (null when unknown) and the core's message. A Rust
//! panic (a bug) is an `Error` with code [`INTERNAL_ERROR`] and the same four fields, null.

use superconfig::Error as CoreError;

use crate::Host;

/// The `code` of the error for a caught panic or a trapped instance: never an error kind.
pub const INTERNAL_ERROR: &str = superconfig::panic::INTERNAL_ERROR;

/// The JS error for a core error.
pub fn error_value<H: Host>(host: &H, error: &CoreError) -> Result<H::Value, H::Error> {
    let d = error.details();
    let out = host.error_object(error.kind(), &error.to_string())?;
    let text = |s: Option<&str>| s.map_or_else(|| host.null(), |s| host.string(s));
    let number = |n: Option<u32>| n.map_or_else(|| host.null(), |n| host.number(f64::from(n)));
    host.set_property(&out, "file", text(d.file.as_deref())?)?;
    host.set_property(&out, "line", number(d.line)?)?;
    host.set_property(&out, "column", number(d.column)?)?;
    host.set_property(&out, "key", text(d.key.as_deref())?)?;
    if !d.fields.is_empty() {
        host.set_property(
            &out,
            "errors",
            crate::records::field_errors(host, &d.fields)?,
        )?;
    }
    Ok(out)
}

/// The JS error for an internal error (a caught panic, or an instance that trapped).
pub fn internal_value<H: Host>(host: &H, message: &str) -> Result<H::Value, H::Error> {
    let out = host.error_object(INTERNAL_ERROR, message)?;
    for field in ["file", "line", "column", "key"] {
        host.set_property(&out, field, host.null()?)?;
    }
    Ok(out)
}

/// An `InvalidArgument` error with `message`, thrown by the host.
pub fn invalid<H: Host>(host: &H, message: impl Into<String>) -> H::Error {
    host.fail(&CoreError::invalid_argument(message))
}

/// A core result, its error as the host's.
#[inline]
pub fn core<H: Host, T>(host: &H, result: superconfig::Result<T>) -> Result<T, H::Error> {
    result.map_err(|e| host.fail(&e))
}
