//! Live configuration (docs/behaviour.md, "Reload"): a reload makes every layer again from its
//! recipe under the same profile, compares the new merged tree with the old one, and swaps it
//! in with one registry `update` — readers hold an `Arc` of the snapshot they started with, so
//! they see the old tree or the new one, never a mix. The registry's swap is used rather than
//! `arc-swap`: every configuration already lives behind one registry entry, whose `update` is
//! the atomic replacement (one shard write lock, ~100 ns), so a second indirection would only
//! add a pointer chase to every read.

mod diff;
mod event;
#[cfg(feature = "watch")]
mod inputs;
mod rebuild;
#[cfg(feature = "watch")]
pub(crate) mod watch;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::Duration;

pub use event::{Change, KeyChange, ReloadEvent, ReloadFailure};

use crate::Result;
use crate::registry::{ConfigHandle, REGISTRY};
use crate::state::State;

/// What the snapshots of one live configuration share: the lock that makes reloads one at a
/// time (so events leave in order) and the listeners events are sent to.
#[derive(Debug, Default)]
pub(crate) struct Live {
    reloading: Mutex<()>,
    listeners: Mutex<Vec<(u64, Sender<ReloadEvent>)>>,
}

/// A poisoned lock only means a thread panicked while holding it; the data (a list, or
/// nothing) is still whole.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Live {
    fn listen(self: &Arc<Self>) -> Subscription {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        let id = NEXT.fetch_add(1, Ordering::Relaxed);
        let (tx, rx) = mpsc::channel();
        lock(&self.listeners).push((id, tx));
        Subscription {
            live: Arc::clone(self),
            id,
            events: Mutex::new(rx),
        }
    }

    fn unlisten(&self, id: u64) {
        lock(&self.listeners).retain(|(i, _)| *i != id);
    }

    fn emit(&self, event: &ReloadEvent) {
        lock(&self.listeners).retain(|(_, tx)| tx.send(event.clone()).is_ok());
    }
}

/// The events of every later reload of one configuration, in order, until dropped.
#[derive(Debug)]
pub struct Subscription {
    live: Arc<Live>,
    id: u64,
    events: Mutex<Receiver<ReloadEvent>>,
}

impl Subscription {
    /// The next event, waiting for it; `None` once the subscription is closed.
    pub fn recv(&self) -> Option<ReloadEvent> {
        lock(&self.events).recv().ok()
    }

    /// The next event if one is waiting.
    pub fn try_recv(&self) -> Option<ReloadEvent> {
        lock(&self.events).try_recv().ok()
    }

    /// The next event, waiting at most `timeout`; `None` on timeout or once closed.
    pub fn recv_timeout(&self, timeout: Duration) -> Option<ReloadEvent> {
        lock(&self.events).recv_timeout(timeout).ok()
    }

    /// Stops the events: a waiting `recv` returns `None`. Closing again does nothing.
    pub fn close(&self) {
        self.live.unlisten(self.id);
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        self.close();
    }
}

/// Subscribes to the reloads of the configuration behind `handle`.
pub(crate) fn subscribe(handle: &ConfigHandle<State>) -> Result<Subscription> {
    Ok(REGISTRY.read(handle)?.live().listen())
}

/// Reloads the configuration behind `handle`: `build` makes the new snapshot from the current
/// one. Applied when a value changed (version + 1, `Changed` sent); a snapshot whose values are
/// all the same but whose sources moved is swapped in silently; a failure keeps the current
/// snapshot and sends `ReloadFailed`.
pub(crate) fn reload_with(
    handle: &ConfigHandle<State>,
    build: impl FnOnce(&State) -> Result<State>,
) -> Result<Option<Change>> {
    let live = REGISTRY.read(handle)?.live();
    let _one_at_a_time = lock(&live.reloading);
    // The snapshot now, under the lock: another reload may have swapped one in meanwhile.
    let old = REGISTRY.read(handle)?;
    let mut new = match build(&old) {
        Ok(new) => new,
        Err(error) => {
            log::warn!("reload failed, the last good configuration stays: {error}");
            live.emit(&ReloadEvent::ReloadFailed(ReloadFailure {
                version: old.version,
                error: error.clone(),
            }));
            return Err(error);
        }
    };
    let mut change = diff::diff(&old, &new);
    new.live = OnceLock::from(Arc::clone(&live));
    if change.is_empty() {
        if !diff::same_sources(&old, &new) {
            new.version = old.version;
            let bytes = new.bytes();
            REGISTRY.update_arc(handle, Arc::new(new), bytes)?;
        }
        log::debug!("reload: no value changed");
        return Ok(None);
    }
    new.version = old.version + 1;
    change.version = new.version;
    let bytes = new.bytes();
    REGISTRY.update_arc(handle, Arc::new(new), bytes)?;
    log::info!(
        "reloaded: version {} ({} added, {} removed, {} changed)",
        change.version,
        change.added.len(),
        change.removed.len(),
        change.changed.len()
    );
    live.emit(&ReloadEvent::Changed(change.clone()));
    Ok(Some(change))
}

/// `reload()`: every layer made again from its source.
pub(crate) fn reload(handle: &ConfigHandle<State>) -> Result<Option<Change>> {
    reload_with(handle, |old| rebuild::rebuild(old, None))
}

/// `update_string(name, text)`: the string layers named `name` get `text`, then every layer is
/// made again.
pub(crate) fn update_string(
    handle: &ConfigHandle<State>,
    name: &str,
    text: &str,
) -> Result<Option<Change>> {
    reload_with(handle, |old| rebuild::rebuild(old, Some((name, text))))
}
