//! Node.js binding of SuperConfig (napi-rs): FFI plumbing and registration only. The JS-side
//! rules (conversions, arguments, records, errors, logging) are `superconfig_js`'s, shared with
//! the WASM binding; the configuration rules are the core's. `#[napi]` items in these modules
//! are exported to JavaScript.
//!
//! Modules, leaves first: `raw` (Node-API status and strings) ← `realm` (per-environment
//! helpers and logger) ← `host` (the shared rules' `Host` over Node-API) ← `error` (the call
//! guard) ← `config`, `logger`, `stats` (exports) ← `fast` (hand-written `get`/`has`).

// napi-rs registers exports only outside `cfg(test)`; a test build would see them as unused.
#![cfg_attr(test, allow(dead_code))]

mod config;
mod error;
mod fast;
mod host;
mod live;
mod logger;
mod raw;
mod realm;
mod stats;

/// Every allocation of the binding and the core: the configuration trees are many small
/// objects freed in bursts by the garbage collector, which glibc's allocator handles poorly.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
