//! Reload events as JS objects (docs/behaviour.md, "Reload"), for Node and the browser.

use crate::host::Host;
use crate::records::{list, object, source};
use crate::to_js::to_js;

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
