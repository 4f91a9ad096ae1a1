//! `setLogger((level, message) => …)`: registration only; the buffer and its rules are
//! `superconfig_js::log_buffer`'s, the kept function the host's.

use wasm_bindgen::prelude::*;

use crate::entry::call;

/// Sets (or, with `null`/`undefined`, removes) the function that receives the core's log
/// records as `(level, message)`; `level` is `error`, `warn`, `info`, `debug` or `trace`.
/// Messages never contain secret values. An exception thrown by the logger propagates out of the
/// SuperConfig call that logged.
#[wasm_bindgen(js_name = setLogger)]
pub fn set_logger(
    #[wasm_bindgen(unchecked_param_type = "Logger | null | undefined")] logger: JsValue,
) -> Result<(), JsValue> {
    call(|h| superconfig_js::log_buffer::set_logger(h, &logger))
}
