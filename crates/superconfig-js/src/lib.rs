//! The JavaScript face of SuperConfig, written once for both JavaScript bindings.
//!
//! `bindings-node` (napi-rs) and `bindings-wasm` (wasm-bindgen) each implement [`Host`] — how to
//! read, build and throw JavaScript values in their engine — and register the exported
//! functions. Everything a JavaScript caller can observe is decided here, generic over the host
//! and monomorphised into each binding (no dynamic dispatch on a hot path):
//!
//! - [`from_js`] — JS value → core tree (`withDefaults`), with the JSON fast path
//! - [`to_js`] — core tree → JS value, with the JSON fast path ([`to_js::exact`])
//! - [`args`] — key paths, strings, lists, formats, environment maps
//! - [`options`] — option objects (camelCase) → the core's option structs
//! - [`records`] — sources, explanations, warnings, layers, statistics
//! - [`errors`] — the thrown `Error` with `code`, `file`, `line`, `column`, `key`
//! - [`log_buffer`] — the core's `log` records, buffered and handed to `setLogger`'s function
//! - [`ops`] — every method of the `SuperConfig` class, from its JS arguments to its JS result
//!
//! `js/helpers.mjs` holds the JavaScript both bindings run (the `JSON.stringify` replacer and the
//! environment-map encoder); [`HELPERS_JS`] is its text.

pub mod args;
pub mod errors;
pub mod events;
pub mod from_js;
pub mod host;
pub mod log_buffer;
pub mod ops;
pub mod options;
pub mod records;
pub mod to_js;

pub use args::PathArg;
pub use host::{Host, JsType};

/// `js/helpers.mjs`, an ES module: the browser build imports it as a module, the Node build
/// evaluates it as a script ([`helpers_script`]).
pub const HELPERS_JS: &str = include_str!("../js/helpers.mjs");

/// [`HELPERS_JS`] as a script whose value is an object of its exported functions (Node-API can
/// run scripts, not modules).
pub fn helpers_script() -> String {
    let body = HELPERS_JS.replace("export function ", "function ");
    format!("(function () {{\n{body}\nreturn {{ jsonText, envText, isBinary }};\n}})()")
}
