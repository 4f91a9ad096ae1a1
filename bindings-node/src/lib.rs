//! Node.js binding of SuperConfig (napi-rs). Objects hold registry handles and convert types; every
//! configuration rule lives in the `superconfig` crate. This file only registers the modules:
//! `#[napi]` items in them are exported to JavaScript.

// napi-rs registers exports only outside `cfg(test)`; a test build would see them as unused.
#![cfg_attr(test, allow(dead_code))]

mod config;
mod conv;
mod error;
mod fast;
mod logger;
mod options;
mod records;
mod stats;

/// Every allocation of the binding and the core: the configuration trees are many small
/// objects freed in bursts by the garbage collector, which glibc's allocator handles poorly.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
