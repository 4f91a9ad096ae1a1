//! Browser (WebAssembly) binding of SuperConfig, built with wasm-bindgen: one ES module for the
//! browser (`pkg/`, `--target web`) and one for Node (`pkg-node/`). FFI plumbing and
//! registration only: the JS-side rules are `superconfig_js`'s (shared with the Node binding),
//! the configuration rules the core's (`crates/superconfig`, without its `fs` feature: no
//! globs, no discovery, no files — documents come in as strings).
//!
//! Modules, leaves first: `state` (is a call running; did one trap) ← `host` (the shared rules' `Host`
//! over wasm-bindgen) ← `entry` (the call guard); `subscribers` (reload subscriptions) ←
//! `config`, `live`, `logger`, `stats` (exports); `types` (TypeScript).

mod config;
mod entry;
mod host;
mod live;
mod logger;
mod state;
mod stats;
mod subscribers;
mod types;
