//! The guard every exported call runs under.
//!
//! Panics: the module is built with `panic = "abort"`, so a Rust panic is a WebAssembly trap
//! (`WebAssembly.RuntimeError: unreachable`), not an exception the binding could turn into an
//! error. Every input path therefore returns errors instead of panicking: the shared
//! conversions check types, depths and ranges; user JavaScript runs only through imports
//! declared `catch`, run outside the binding (`state::outside`), so no JS exception ever
//! unwinds through Rust frames (it would skip destructors and leave locks held). Should a trap happen anyway (a bug,
//! or running out of memory), the instance's state is unreliable: [`Entry`] notices on the next
//! call and every later call throws an `Error` with code `InternalError` instead of running on a
//! broken heap. Reload the module (a fresh `init()` in a new page or worker, or a new Node
//! process) to continue.

use wasm_bindgen::prelude::*;

use crate::host::Wasm;
use crate::state;

/// Marks an exported call as running; dropped (at the end of the call) it clears the mark.
pub struct Entry(());

impl Entry {
    /// Enters an exported call; an `Error` with code `InternalError` when an earlier call trapped.
    #[inline]
    pub fn enter() -> Result<Entry, JsValue> {
        if !state::begin() {
            let message = "internal error: an earlier SuperConfig call trapped (a Rust panic, \
                           which is a bug, or out of memory); this WebAssembly instance can no \
                           longer be used, load the module again";
            return Err(superconfig_js::errors::internal_value(&Wasm, message)?);
        }
        Ok(Entry(()))
    }
}

impl Drop for Entry {
    #[inline]
    fn drop(&mut self) {
        state::end();
    }
}

/// Runs one exported call under an [`Entry`], with the host.
#[inline]
pub fn call<T>(f: impl FnOnce(&Wasm) -> Result<T, JsValue>) -> Result<T, JsValue> {
    let _entry = Entry::enter()?;
    f(&Wasm)
}

/// Traps (panics, which is an abort in this build) to prove that the instance then refuses
/// further calls with code `InternalError`. For the binding's own tests only.
#[wasm_bindgen(js_name = "__panicForTests")]
pub fn panic_for_tests() -> Result<(), JsValue> {
    let _entry = Entry::enter()?;
    panic!("__panicForTests");
}
