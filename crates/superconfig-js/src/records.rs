//! The plain records readers return (field names as in the TypeScript declarations,
//! `js/types.d.ts`): sources, explanations, warnings, layers, statistics, and lists of them.

use superconfig::{Explanation, LayerInfo, Source, Stats, Warning};

use crate::host::Host;
use crate::to_js::to_js;

/// A plain object from `(name, value)` pairs.
fn object<H: Host>(host: &H, fields: Vec<(&str, H::Value)>) -> Result<H::Value, H::Error> {
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

/// A reload event: `{ kind: 'Changed', version, added, removed, changed }` with key changes
/// `{ path, old?, new?, oldSource?, newSource? }` (values redacted by the core), or
/// `{ kind: 'ReloadFailed', version, error }` with the error a call would throw.
pub fn event<H: Host>(host: &H, e: &superconfig::ReloadEvent) -> Result<H::Value, H::Error> {
    match e {
        superconfig::ReloadEvent::ReloadFailed(f) => {
            failure(host, f.version, crate::errors::error_value(host, &f.error)?)
        }
        superconfig::ReloadEvent::Changed(c) => change(host, c),
        _ => host.null(),
    }
}

/// A `ReloadFailed` event: the version still served and the error a call threw.
pub fn failure<H: Host>(host: &H, version: u64, error: H::Value) -> Result<H::Value, H::Error> {
    object(
        host,
        vec![
            ("kind", host.string("ReloadFailed")?),
            ("version", host.number(version as f64)?),
            ("error", error),
        ],
    )
}

/// A `Changed` event.
pub fn change<H: Host>(host: &H, c: &superconfig::Change) -> Result<H::Value, H::Error> {
    object(
        host,
        vec![
            ("kind", host.string("Changed")?),
            ("version", host.number(c.version as f64)?),
            ("added", list(host, &c.added, key_change)?),
            ("removed", list(host, &c.removed, key_change)?),
            ("changed", list(host, &c.changed, key_change)?),
        ],
    )
}

fn key_change<H: Host>(host: &H, k: &superconfig::KeyChange) -> Result<H::Value, H::Error> {
    let mut fields = vec![("path", host.string(&k.path)?)];
    if let Some(old) = &k.old {
        fields.push(("old", to_js(host, old)?));
    }
    if let Some(new) = &k.new {
        fields.push(("new", to_js(host, new)?));
    }
    if let Some(s) = &k.old_source {
        fields.push(("oldSource", source(host, s)?));
    }
    if let Some(s) = &k.new_source {
        fields.push(("newSource", source(host, s)?));
    }
    object(host, fields)
}
