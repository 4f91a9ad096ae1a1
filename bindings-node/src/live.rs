//! Live configuration (docs/behaviour.md, "Reload"): `reload`, `updateString`, `version`,
//! `snapshot` on `SuperConfig`, and the native half of `watch` — the core watcher, whose events
//! a thread hands to JS through an unref'd threadsafe function (so a watcher never keeps the
//! process alive). The `Watcher` EventEmitter around it is `watcher.cjs`.

use std::sync::Arc;
use std::thread::JoinHandle;

use napi::bindgen_prelude::{Function, ToNapiValue, Unknown};
use napi::threadsafe_function::ThreadsafeFunctionCallMode;
use napi::{Env, JsValue, Result, sys};
use napi_derive::napi;
use superconfig::{ReloadEvent, WatchOptions, Watcher};
use superconfig_js::{Host, ops};

use crate::config::SuperConfig;
use crate::error::guard;
use crate::host::Napi;

/// A JS value made on the JS thread, handed back to napi-rs as a call argument.
struct Made(sys::napi_value);

impl ToNapiValue for Made {
    unsafe fn to_napi_value(_env: sys::napi_env, val: Self) -> Result<sys::napi_value> {
        Ok(val.0)
    }
}

#[napi]
impl SuperConfig {
    /// Reloads applied to this configuration (0 when built).
    #[napi(getter, catch_unwind)]
    pub fn version(&self, env: &Env) -> Result<f64> {
        guard(env.raw(), |h| ops::version(h, self.core()))
    }

    /// Makes every layer again from its source under the same profile and swaps the new tree
    /// in at once: the `Changed` event, or `null` when no value changed. Throws the error of a
    /// broken input, keeping the last good tree.
    #[napi(catch_unwind, ts_return_type = "ChangeEvent | null")]
    pub fn reload(&self, env: &Env) -> Result<sys::napi_value> {
        guard(env.raw(), |h| ops::reload(h, self.core()))
    }

    /// Gives the string layers named `name` the text `text`, then reloads.
    #[napi(
        catch_unwind,
        ts_args_type = "name: string, text: string",
        ts_return_type = "ChangeEvent | null"
    )]
    pub fn update_string(
        &self,
        env: &Env,
        name: Unknown<'_>,
        text: Unknown<'_>,
    ) -> Result<sys::napi_value> {
        guard(env.raw(), |h| {
            ops::update_string(h, self.core(), &name.raw(), &text.raw())
        })
    }

    /// A new configuration holding the current tree, untouched by later reloads of this one.
    #[napi(catch_unwind)]
    pub fn snapshot(&self, env: &Env) -> Result<SuperConfig> {
        guard(env.raw(), |h| ops::snapshot(h, self.core())).map(SuperConfig::wrap)
    }

    /// A token another thread (a `Worker`) passes to `SuperConfig.attach` to hold this same live
    /// configuration: both answer from one tree, a reload through either swaps it for both.
    /// Each token is attached once; one never attached is kept until the process ends.
    #[napi(catch_unwind)]
    pub fn share(&self, env: &Env) -> Result<f64> {
        let twin = guard(env.raw(), |h| {
            superconfig_js::errors::core(h, self.core().follower())
        })?;
        let token = twin.handle_id();
        shared().insert(token, twin);
        Ok(token as f64)
    }

    /// The live configuration `share()` gave `token` for (in this thread or another).
    #[napi(factory, catch_unwind)]
    pub fn attach(env: &Env, token: f64) -> Result<SuperConfig> {
        guard(env.raw(), |h| {
            let twin = (token.fract() == 0.0 && token >= 0.0)
                .then(|| shared().remove(&(token as u64)))
                .flatten()
                .ok_or_else(|| {
                    h.fail(&superconfig::Error::InvalidHandle(
                        superconfig::Details::new(format!(
                            "{token} is no shared configuration (or it was attached already)"
                        )),
                    ))
                })?;
            Ok(SuperConfig::wrap(twin))
        })
    }

    /// The native half of `watch()` (use `watch`): `onEvent` gets each event on the JS thread.
    #[napi(js_name = "_watchNative", catch_unwind)]
    pub fn watch_native(
        &self,
        env: &Env,
        debounce_ms: f64,
        poll_ms: Option<f64>,
        on_event: Function<'_, Unknown<'static>, ()>,
    ) -> Result<NativeWatcher> {
        let watcher = guard(env.raw(), |h| {
            let options = WatchOptions {
                debounce_ms: milliseconds(h, "debounceMs", debounce_ms)?,
                poll_ms: poll_ms
                    .map(|ms| milliseconds(h, "pollMs", ms))
                    .transpose()?,
            };
            superconfig_js::errors::core(h, self.core().watch(&options))
        })?;
        let deliver = on_event
            .build_threadsafe_function::<ReloadEvent>()
            .callee_handled::<false>()
            .weak::<true>()
            .build_callback(|ctx| {
                let host = Napi(ctx.env.raw());
                superconfig_js::events::event(&host, &ctx.value).map(Made)
            })?;
        let inner = Arc::new(watcher);
        let events = Arc::clone(&inner);
        let thread = std::thread::Builder::new()
            .name("superconfig-watch".into())
            .spawn(move || {
                // Queued in order; a closed watcher's `recv` returns None and the thread ends.
                while let Some(event) = events.recv() {
                    deliver.call(event, ThreadsafeFunctionCallMode::NonBlocking);
                }
            })
            .map_err(|e| napi::Error::from_reason(format!("cannot start watching: {e}")))?;
        Ok(NativeWatcher {
            inner,
            thread: std::sync::Mutex::new(Some(thread)),
        })
    }
}

/// Configurations `share()`d and not attached yet, by token.
fn shared()
-> std::sync::MutexGuard<'static, std::collections::HashMap<u64, superconfig::SuperConfig>> {
    static SHARED: std::sync::LazyLock<
        std::sync::Mutex<std::collections::HashMap<u64, superconfig::SuperConfig>>,
    > = std::sync::LazyLock::new(Default::default);
    SHARED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A whole, non-negative number of milliseconds (the core bounds it); anything else is
/// `InvalidArgument`, never a wrapped or truncated number.
fn milliseconds(host: &Napi, name: &str, ms: f64) -> Result<u64> {
    if ms.is_finite() && ms >= 0.0 && ms.fract() == 0.0 && ms <= u64::MAX as f64 {
        Ok(ms as u64)
    } else {
        Err(superconfig_js::errors::invalid(
            host,
            format!("watch: {name} must be a whole number of milliseconds, got {ms}"),
        ))
    }
}

/// The core watcher and the thread that forwards its events.
#[napi]
pub struct NativeWatcher {
    inner: Arc<Watcher>,
    thread: std::sync::Mutex<Option<JoinHandle<()>>>,
}

#[napi]
impl NativeWatcher {
    /// Stops watching; no event is forwarded after this returns. Closing again does nothing.
    #[napi(catch_unwind)]
    pub fn close(&self) {
        self.inner.close();
        let thread = self
            .thread
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take();
        if let Some(thread) = thread {
            // Ends at once: its `recv` returns None once closed.
            let _ = thread.join();
        }
    }
}

impl Drop for NativeWatcher {
    fn drop(&mut self) {
        self.inner.close();
    }
}
