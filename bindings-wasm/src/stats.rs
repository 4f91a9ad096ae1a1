//! `stats()`: the counters of the process-wide (here: instance-wide) handle registry.

use wasm_bindgen::prelude::*;

use crate::entry::call;

/// Counters of the registry every `SuperConfig` lives in: `handles` (live configurations),
/// `creates`, `reads`, `updates`, `deletes`, `memoryBytes` (estimate), `warnings` (suppressed
/// ones included).
#[wasm_bindgen(unchecked_return_type = "Stats")]
pub fn stats() -> Result<JsValue, JsValue> {
    call(superconfig_js::ops::stats)
}
