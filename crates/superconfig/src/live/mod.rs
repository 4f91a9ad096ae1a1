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
mod listeners;
mod rebuild;
#[cfg(feature = "watch")]
pub(crate) mod watch;

use std::sync::{Arc, OnceLock};

pub use event::{Change, KeyChange, ReloadEvent, ReloadFailure};
pub(crate) use listeners::Live;
pub use listeners::Subscription;
use listeners::lock;

use crate::Result;
use crate::registry::{ConfigHandle, REGISTRY};
use crate::state::State;

/// Subscribes to the reloads of the configuration behind `handle`.
pub(crate) fn subscribe(handle: &ConfigHandle<State>) -> Result<Subscription> {
    Ok(REGISTRY.read(handle)?.live().listen())
}

/// Reloads the configuration behind `handle`: `build` makes the new snapshot from the current
/// one. Applied when a value changed (version + 1, `Changed` sent); a snapshot whose values are
/// all the same is swapped in silently, at the same version; a failure keeps the current
/// snapshot and sends `ReloadFailed`. The new snapshot goes to every handle of the live
/// configuration (`follower`). Not generic: one copy in every build, the browser's included.
#[inline(never)]
pub(crate) fn reload_with(
    handle: &ConfigHandle<State>,
    build: &mut dyn FnMut(&State) -> Result<State>,
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
    // With no value changed it is still swapped in, at the same version: sources, layer
    // statuses and warnings may have moved (a comment added, an empty file removed).
    new.version = old.version + u64::from(!change.is_empty());
    change.version = new.version;
    let bytes = new.bytes();
    let new = Arc::new(new);
    REGISTRY.update_arc(handle, Arc::clone(&new), bytes)?;
    lock(&live.members).retain(|id| {
        *id == handle.id()
            || REGISTRY
                .update_arc(&ConfigHandle::from_id(*id), Arc::clone(&new), bytes)
                .is_ok()
    });
    if change.is_empty() {
        log::debug!("reload: no value changed");
        return Ok(None);
    }
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
    reload_with(handle, &mut |old| rebuild::rebuild(old, None))
}

/// `update_string(name, text)`: the string layers named `name` get `text`, then every layer is
/// made again.
pub(crate) fn update_string(
    handle: &ConfigHandle<State>,
    name: &str,
    text: &str,
) -> Result<Option<Change>> {
    reload_with(handle, &mut |old| rebuild::rebuild(old, Some((name, text))))
}

/// A second handle onto the live configuration behind `handle`: both answer from the same
/// tree, a reload through either swaps it for both, and both hear the same events.
pub(crate) fn follower(handle: &ConfigHandle<State>) -> Result<ConfigHandle<State>> {
    let live = REGISTRY.read(handle)?.live();
    let _one_at_a_time = lock(&live.reloading);
    let state = REGISTRY.read(handle)?;
    let bytes = state.bytes();
    let twin = REGISTRY.create_arc(state, bytes);
    let mut members = lock(&live.members);
    // Freed followers leave the list here too, not only at the next reload.
    members.retain(|id| REGISTRY.contains(*id));
    if !members.contains(&handle.id()) {
        members.push(handle.id());
    }
    members.push(twin.id());
    Ok(twin)
}
