//! Live configuration in the browser (docs/behaviour.md, "Reload"): no files and no watcher —
//! `updateString(name, text)` and `reload()` follow the core's rules, and `subscribe(cb)` gets
//! the event of every later reload of this configuration (the page is its only source of
//! reloads), after the call that made it. Kept here rather than through the core's
//! subscriptions: one thread, no queue needed, and the browser build stays small.

use superconfig_js::ops;
use wasm_bindgen::prelude::*;

use crate::config::SuperConfig;
use crate::host::Wasm;
use crate::subscribers::{NEXT, SUBSCRIBERS};

/// A reload's result, its event handed to the subscribers of the configuration: the `Changed`
/// event returned, or a `ReloadFailed` one for the error thrown.
#[inline(never)]
fn reloaded(
    host: &Wasm,
    config: &superconfig::SuperConfig,
    result: Result<JsValue, JsValue>,
) -> Result<JsValue, JsValue> {
    let handle = config.handle_id();
    let callbacks: Vec<js_sys::Function> = SUBSCRIBERS.with(|s| {
        s.borrow()
            .iter()
            .filter(|(_, h, _)| *h == handle)
            .map(|(_, _, f)| f.clone())
            .collect()
    });
    let event = match &result {
        _ if callbacks.is_empty() => return result,
        Ok(change) if change.is_null() => return result,
        Ok(change) => change.clone(),
        Err(error) => superconfig_js::events::failure(
            host,
            ops::version(host, config)? as u64,
            error.clone(),
        )?,
    };
    for callback in callbacks {
        // A subscriber that throws neither undoes the reload nor silences the others: its
        // error is reported as an unhandled rejection, after this call.
        if let Err(error) = callback.call1(&JsValue::NULL, &event) {
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
        self.read(|h, c| reloaded(h, c, ops::reload(h, c)))
    }

    /// Gives the string layers named `name` the text `text`, then reloads.
    #[wasm_bindgen(js_name = updateString, unchecked_return_type = "ChangeEvent | null")]
    pub fn update_string(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] name: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.read(|h, c| reloaded(h, c, ops::update_string(h, c, &name, &text)))
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
    ) -> JsValue {
        let id = NEXT.with(|n| {
            let id = n.get();
            n.set(id.wrapping_add(1));
            id
        });
        let handle = self.core().handle_id();
        SUBSCRIBERS.with(|s| s.borrow_mut().push((id, handle, callback)));
        Closure::once_into_js(move || {
            SUBSCRIBERS.with(|s| s.borrow_mut().retain(|(i, _, _)| *i != id));
        })
    }
}
