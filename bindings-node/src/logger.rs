//! `setLogger((level, message) => …)`: registration only; the buffer and its rules are
//! `superconfig_js::log_buffer`'s, the kept function `realm`'s.

use napi::bindgen_prelude::Unknown;
use napi::{Env, JsValue, Result};
use napi_derive::napi;

use crate::error::guard;

/// Sets (or, with `null`/`undefined`, removes) the function that receives the core's log
/// records as `(level, message)`; `level` is `error`, `warn`, `info`, `debug` or `trace`.
/// Messages never contain secret values. An exception thrown by the logger propagates out of the
/// SuperConfig call that logged.
#[napi(catch_unwind, ts_args_type = "logger: Logger | null | undefined")]
pub fn set_logger(env: &Env, logger: Unknown<'_>) -> Result<()> {
    guard(env.raw(), |h| {
        superconfig_js::log_buffer::set_logger(h, &logger.raw())
    })
}
