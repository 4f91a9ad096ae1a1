//! TOML date-times as text: both TOML readers (the toml crate's and the fast path) write them
//! the same way.

use smol_str::SmolStr;

/// A TOML date-time as RFC 3339 text, normalised so every face and every later parser reads
/// the same thing: a `T` between date and time, seconds always written, a fraction in 3, 6 or 9
/// digits, `Z` upper-case (`07:32` → `07:32:00`, `…56.6z` → `…56.600Z`).
pub(crate) fn datetime_text(dt: &toml_datetime::Datetime) -> SmolStr {
    use std::fmt::Write;
    let mut out = String::with_capacity(35);
    if let Some(d) = &dt.date {
        let _ = write!(out, "{:04}-{:02}-{:02}", d.year, d.month, d.day);
    }
    if let Some(t) = &dt.time {
        if dt.date.is_some() {
            out.push('T');
        }
        let _ = write!(
            out,
            "{:02}:{:02}:{:02}",
            t.hour,
            t.minute,
            t.second.unwrap_or(0)
        );
        if let Some(nanos) = t.nanosecond {
            let _ = if nanos % 1_000_000 == 0 {
                write!(out, ".{:03}", nanos / 1_000_000)
            } else if nanos % 1_000 == 0 {
                write!(out, ".{:06}", nanos / 1_000)
            } else {
                write!(out, ".{nanos:09}")
            };
        }
    }
    match dt.offset {
        Some(toml_datetime::Offset::Z) => out.push('Z'),
        Some(toml_datetime::Offset::Custom { minutes }) => {
            let sign = if minutes < 0 { '-' } else { '+' };
            let m = minutes.unsigned_abs();
            let _ = write!(out, "{sign}{:02}:{:02}", m / 60, m % 60);
        }
        None => {}
    }
    SmolStr::new(out)
}
