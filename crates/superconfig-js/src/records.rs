//! The plain records readers return (field names as in the TypeScript declarations,
//! `js/types.d.ts`): sources, explanations, warnings, layers, statistics, and lists of them.

use superconfig::{Explanation, LayerInfo, Source, Stats, Warning};

use crate::host::Host;
use crate::to_js::to_js;

/// A plain object from `(name, value)` pairs.
pub(crate) fn object<H: Host>(
    host: &H,
    fields: Vec<(&str, H::Value)>,
) -> Result<H::Value, H::Error> {
    let out = host.object()?;
    for (name, value) in fields {
        host.set_property(&out, name, value)?;
    }
    Ok(out)
}

fn nullable<H: Host>(host: &H, s: Option<&str>) -> Result<H::Value, H::Error> {
    s.map_or_else(|| host.null(), |s| host.string(s))
}

/// A JS array of `items`, each converted by `each`.
pub fn list<H: Host, T>(
    host: &H,
    items: &[T],
    each: impl Fn(&H, &T) -> Result<H::Value, H::Error>,
) -> Result<H::Value, H::Error> {
    let out = host.array(items.len())?;
    for (i, item) in items.iter().enumerate() {
        host.set_element(&out, i as u32, each(host, item)?)?;
    }
    Ok(out)
}

/// A JS array of strings.
pub fn strings<H: Host>(host: &H, items: &[String]) -> Result<H::Value, H::Error> {
    list(host, items, |h, s| h.string(s))
}

/// `[{ key, message, source: { kind, name, line } | null }]`: every invalid field of an
/// extraction.
pub fn field_errors<H: Host>(
    host: &H,
    fields: &[superconfig::FieldError],
) -> Result<H::Value, H::Error> {
    list(host, fields, |host, f| {
        let source = match &f.source {
            Some(s) => object(
                host,
                vec![
                    ("kind", host.string(s.kind)?),
                    ("name", host.string(&s.name)?),
                    (
                        "line",
                        s.line
                            .map_or_else(|| host.null(), |l| host.number(f64::from(l)))?,
                    ),
                ],
            )?,
            None => host.null()?,
        };
        object(
            host,
            vec![
                ("key", host.string(&f.key)?),
                ("message", host.string(&f.message)?),
                ("source", source),
            ],
        )
    })
}

/// `{ kind, name, line }`: where a value was set.
pub fn source<H: Host>(host: &H, s: &Source) -> Result<H::Value, H::Error> {
    let line = match s.line {
        Some(n) => host.number(f64::from(n))?,
        None => host.null()?,
    };
    object(
        host,
        vec![
            ("kind", host.string(s.kind.as_str())?),
            ("name", host.string(&s.name)?),
            ("line", line),
        ],
    )
}

/// `{ value, source, overridden }`: the value (secrets as `***`), where it was set, and the
/// earlier sources it overrode, oldest first.
pub fn explanation<H: Host>(host: &H, x: &Explanation) -> Result<H::Value, H::Error> {
    object(
        host,
        vec![
            ("value", to_js(host, &x.value)?),
            ("source", source(host, &x.source)?),
            ("overridden", list(host, &x.overridden, source)?),
        ],
    )
}

/// `{ kind, message, source, key }`.
pub fn warning<H: Host>(host: &H, w: &Warning) -> Result<H::Value, H::Error> {
    object(
        host,
        vec![
            ("kind", host.string(w.kind.as_str())?),
            ("message", host.string(&w.message)?),
            ("source", nullable(host, w.source.as_deref())?),
            ("key", nullable(host, w.key.as_deref())?),
        ],
    )
}

/// `{ kind, name, status }`.
pub fn layer<H: Host>(host: &H, l: &LayerInfo) -> Result<H::Value, H::Error> {
    object(
        host,
        vec![
            ("kind", host.string(l.kind.as_str())?),
            ("name", host.string(&l.name)?),
            ("status", host.string(l.status.as_str())?),
        ],
    )
}

/// The registry counters: `{ handles, creates, reads, updates, deletes, memoryBytes, warnings }`.
pub fn stats<H: Host>(host: &H, s: &Stats) -> Result<H::Value, H::Error> {
    let fields = [
        ("handles", s.handles),
        ("creates", s.creates),
        ("reads", s.reads),
        ("updates", s.updates),
        ("deletes", s.deletes),
        ("memoryBytes", s.memory_bytes),
        ("warnings", s.warnings),
    ];
    let mut values = Vec::with_capacity(fields.len());
    for (name, n) in fields {
        values.push((name, host.number(n as f64)?));
    }
    object(host, values)
}
