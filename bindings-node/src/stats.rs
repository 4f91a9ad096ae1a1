//! `stats()`: the counters of the process-wide handle registry.

use napi::{Env, Result, sys};
use napi_derive::napi;

use crate::error::guard;

/// Counters of the process-wide registry every `SuperConfig` lives in.
#[napi(catch_unwind, ts_return_type = "Stats")]
pub fn stats(env: &Env) -> Result<sys::napi_value> {
    guard(env.raw(), superconfig_js::ops::stats)
}
