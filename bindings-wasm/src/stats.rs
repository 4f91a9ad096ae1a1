//! `stats()`: the counters of the process-wide (here: instance-wide) handle registry.

use wasm_bindgen::prelude::*;

use crate::conv::object;
use crate::error::Entry;

/// Counters of the registry every `SuperConfig` lives in: `handles` (live configurations),
/// `creates`, `reads`, `updates`, `deletes`, `memoryBytes` (estimate), `warnings` (suppressed
/// ones included).
#[wasm_bindgen(unchecked_return_type = "Stats")]
pub fn stats() -> Result<JsValue, JsValue> {
    let _entry = Entry::enter()?;
    let s = superconfig::stats();
    Ok(object(&[
        ("handles", (s.handles as f64).into()),
        ("creates", (s.creates as f64).into()),
        ("reads", (s.reads as f64).into()),
        ("updates", (s.updates as f64).into()),
        ("deletes", (s.deletes as f64).into()),
        ("memoryBytes", (s.memory_bytes as f64).into()),
        ("warnings", (s.warnings as f64).into()),
    ]))
}
