//! Browser (WebAssembly) binding of SuperConfig, built with wasm-bindgen: one ES module for the
//! browser (`pkg/`, `--target web`) and one for Node (`pkg-node/`). Only handles and type
//! conversion live here; every rule is the core's (`crates/superconfig`, without its `fs`
//! feature: no globs, no discovery, no files — documents come in as strings).
//!
//! - [`config`] — the `SuperConfig` class (builders and readers)
//! - [`conv`] — JS ↔ core value conversion, key paths, environment maps
//! - [`error`] — errors with `code`/`file`/`line`/`column`/`key`; the call guard (panics)
//! - [`logger`] — `setLogger`
//! - [`options`] — option objects
//! - [`records`] — sources, explanations, warnings, layers
//! - [`stats`] — `stats()`
//! - [`types`] — TypeScript declarations

mod config;
mod conv;
mod error;
mod logger;
mod options;
mod records;
mod stats;
mod types;
