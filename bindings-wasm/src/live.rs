//! Live configuration in the browser (docs/behaviour.md, "Reload"): no files and no watcher —
//! `updateString(name, text)` and `reload()` follow the core's rules, and `subscribe(cb)` gets
//! the core's events of every later reload of this configuration, after the call that made it
//! (the page is the only source of reloads: one thread, nothing arrives in between).

use superconfig_js::ops;
use wasm_bindgen::prelude::*;

use crate::config::SuperConfig;
use crate::host::Wasm;
use crate::subscribers::{NEXT, SUBSCRIBERS};

/// Hands the events the core queued for `handle`'s subscribers to their callbacks, then
/// returns the call's own result.
#[inline(never)]
fn delivered(
    host: &Wasm,
    handle: u64,
    result: Result<JsValue, JsValue>,
) -> Result<JsValue, JsValue> {
    let pending: Vec<(js_sys::Function, superconfig::ReloadEvent)> = SUBSCRIBERS.with(|s| {
        let mut out = Vec::new();
        for (_, h, events, callback) in s.borrow().iter() {
            if *h == handle {
                while let Some(event) = events.try_recv() {
                    out.push((callback.clone(), event));
                }
            }
        }
        out
    });
    for (callback, event) in pending {
        let value = superconfig_js::events::event(host, &event)?;
        // A subscriber that throws neither undoes the reload nor silences the others: its
        // error is reported as an unhandled rejection, after this call.
        if let Err(error) = callback.call1(&JsValue::NULL, &value) {
            let _ = js_sys::Promise::reject(&error);
        }
    }
    result
}

#[wasm_bindgen]
impl SuperConfig {
    /// Reloads applied to this configuration (0 when built).
    #[wasm_bindgen(getter)]
    pub fn version(&self) -> Result<f64, JsValue> {
        self.read(ops::version)
    }

    /// Makes every layer again under the same profile and swaps the tree in at once: the
    /// `Changed` event, or `null` when no value changed. Throws when an input is broken,
    /// keeping the last good tree.
    #[wasm_bindgen(unchecked_return_type = "ChangeEvent | null")]
    pub fn reload(&self) -> Result<JsValue, JsValue> {
        self.read(|h, c| delivered(h, c.handle_id(), ops::reload(h, c)))
    }

    /// Gives the string layers named `name` the text `text`, then reloads.
    #[wasm_bindgen(js_name = updateString, unchecked_return_type = "ChangeEvent | null")]
    pub fn update_string(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] name: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.read(|h, c| delivered(h, c.handle_id(), ops::update_string(h, c, &name, &text)))
    }

    /// A new configuration holding the current tree, untouched by later reloads of this one.
    pub fn snapshot(&self) -> Result<SuperConfig, JsValue> {
        self.build(ops::snapshot)
    }

    /// Calls `callback` with the event of every later reload of this configuration; returns
    /// the function that stops it.
    #[wasm_bindgen(unchecked_return_type = "() => void")]
    pub fn subscribe(
        &self,
        #[wasm_bindgen(unchecked_param_type = "(event: ReloadEvent) => void")]
        callback: js_sys::Function,
    ) -> Result<JsValue, JsValue> {
        let events = self.read(|h, c| superconfig_js::errors::core(h, c.subscribe()))?;
        let id = NEXT.with(|n| {
            let id = n.get();
            n.set(id.wrapping_add(1));
            id
        });
        let handle = self.core().handle_id();
        SUBSCRIBERS.with(|s| s.borrow_mut().push((id, handle, events, callback)));
        Ok(Closure::once_into_js(move || {
            SUBSCRIBERS.with(|s| s.borrow_mut().retain(|(i, ..)| *i != id));
        }))
    }
}
