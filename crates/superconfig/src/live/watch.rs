//! The watcher (docs/behaviour.md, "Reload"): OS file events (or polling) on the directories of
//! a configuration's inputs, debounced by `notify-debouncer-full`, each burst one reload on the
//! debouncer's thread. After every reload the watched directories follow the inputs again
//! (a directory that appeared, a link that now points elsewhere).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{
    DebounceEventResult, Debouncer, NoCache, RecommendedCache, new_debouncer_opt,
};

use super::inputs::Inputs;
use super::{Live, ReloadEvent, Subscription, lock, rebuild, reload_with};
use crate::layers::{Layer, LayerStatus, SourceKind, file};
use crate::registry::{ConfigHandle, REGISTRY};
use crate::state::State;
use crate::{Details, Error, Result};

/// Options of [`crate::SuperConfig::watch`].
#[derive(Debug, Clone)]
pub struct WatchOptions {
    /// Events closer together than this are one reload, which runs this long after the last
    /// of them (default 150 ms).
    pub debounce_ms: u64,
    /// Poll every this many milliseconds instead of using OS events (network filesystems,
    /// some containers); contents are compared, so a poll that finds the same bytes does
    /// nothing.
    pub poll_ms: Option<u64>,
}

impl Default for WatchOptions {
    fn default() -> Self {
        WatchOptions {
            debounce_ms: 150,
            poll_ms: None,
        }
    }
}

/// Longest debounce or poll interval accepted: an hour.
const MAX_MS: u64 = 3_600_000;

/// A running watch on one configuration. Its events (and those of every other reload of the
/// configuration) arrive in order through [`recv`](Self::recv); closing or dropping it stops
/// the watching.
#[derive(Debug)]
pub struct Watcher {
    shared: Arc<Shared>,
}

impl Watcher {
    /// The next event, waiting for it; `None` once the watcher is closed (or its
    /// configuration freed).
    pub fn recv(&self) -> Option<ReloadEvent> {
        self.shared.events.recv()
    }

    /// The next event if one is waiting.
    pub fn try_recv(&self) -> Option<ReloadEvent> {
        self.shared.events.try_recv()
    }

    /// The next event, waiting at most `timeout`.
    pub fn recv_timeout(&self, timeout: Duration) -> Option<ReloadEvent> {
        self.shared.events.recv_timeout(timeout)
    }

    /// Stops watching: no event is received after this returns (a reload already under way
    /// still completes) and a waiting `recv` returns `None`. Closing again does nothing.
    pub fn close(&self) {
        self.shared.close();
    }

    /// Whether [`close`](Self::close) was called.
    pub fn is_closed(&self) -> bool {
        self.shared.closed.load(Ordering::Acquire)
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        self.close();
    }
}

/// What the watcher and its event handler share.
#[derive(Debug)]
struct Shared {
    /// The handle reloaded: the one watched, or once it is freed another handle onto the same
    /// live configuration (`follower`).
    handle: AtomicU64,
    live: Arc<Live>,
    events: Subscription,
    closed: AtomicBool,
    os: Mutex<Option<Os>>,
    /// What the current snapshot reads, and what is watched for it.
    inputs: Mutex<Inputs>,
    watched: Mutex<Vec<Watched>>,
    /// How long a reload waits before trying once more an input that looked half-written.
    settle: Duration,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Watched {
    dir: PathBuf,
    recursive: bool,
    /// The directory's identity when watched: a directory removed and made again is a new
    /// one, which has to be watched again.
    identity: Option<(u64, u64)>,
}

/// The debouncer over OS events, or over polling.
enum Os {
    Events(Debouncer<RecommendedWatcher, RecommendedCache>),
    Poll(Debouncer<PollWatcher, NoCache>),
}

impl std::fmt::Debug for Os {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Os::Events(_) => "Os::Events",
            Os::Poll(_) => "Os::Poll",
        })
    }
}

impl Os {
    fn watch(&mut self, dir: &Path, recursive: bool) -> notify::Result<()> {
        let mode = if recursive {
            RecursiveMode::Recursive
        } else {
            RecursiveMode::NonRecursive
        };
        match self {
            Os::Events(d) => d.watch(dir, mode),
            Os::Poll(d) => d.watch(dir, mode),
        }
    }

    fn unwatch(&mut self, dir: &Path) {
        // A directory that is gone is no longer watched anyway.
        let _ = match self {
            Os::Events(d) => d.unwatch(dir),
            Os::Poll(d) => d.unwatch(dir),
        };
    }

    /// Stops without waiting for the debouncer's thread, which ends at its next tick: closing
    /// stays fast, and a close from inside an event handler cannot wait for itself.
    fn stop(self) {
        match self {
            Os::Events(d) => d.stop_nonblocking(),
            Os::Poll(d) => d.stop_nonblocking(),
        }
    }
}

fn identity(dir: &Path) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(dir).ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        None
    }
}

fn milliseconds(name: &str, ms: u64) -> Result<Duration> {
    if ms == 0 || ms > MAX_MS {
        return Err(Error::invalid_argument(format!(
            "{name} must be between 1 and {MAX_MS} milliseconds, got {ms}"
        )));
    }
    Ok(Duration::from_millis(ms))
}

/// Starts watching the configuration behind `handle`.
pub(crate) fn watch(handle: &ConfigHandle<State>, options: &WatchOptions) -> Result<Watcher> {
    let debounce = milliseconds("debounce_ms", options.debounce_ms)?;
    let poll = options
        .poll_ms
        .map(|ms| milliseconds("poll_ms", ms))
        .transpose()?;
    let state = REGISTRY.read(handle)?;
    // Listening first: no reload between here and the first event is missed.
    let events = super::subscribe(handle)?;
    let shared = Arc::new(Shared {
        handle: AtomicU64::new(handle.id()),
        live: state.live(),
        events,
        closed: AtomicBool::new(false),
        os: Mutex::new(None),
        inputs: Mutex::new(Inputs::of(&state)),
        watched: Mutex::new(Vec::new()),
        // A writer may leave a file truncated for a few milliseconds, or tens when it is
        // starved of CPU (or of an interpreter lock): that long, an empty file is not believed.
        settle: (debounce * 2).clamp(Duration::from_millis(100), Duration::from_millis(250)),
    });
    drop(state);
    let weak = Arc::downgrade(&shared);
    let handler = move |result: DebounceEventResult| on_events(&weak, result);
    // The debouncer's clock: fine enough that an event leaves within a few milliseconds of
    // its debounce time, coarse enough not to spin.
    let tick = (debounce / 8).clamp(Duration::from_millis(1), Duration::from_millis(10));
    let os = match poll {
        None => new_debouncer_opt(
            debounce,
            Some(tick),
            handler,
            RecommendedCache::new(),
            notify::Config::default(),
        )
        .map(Os::Events),
        Some(every) => new_debouncer_opt(
            debounce,
            Some(tick),
            handler,
            NoCache,
            notify::Config::default()
                .with_poll_interval(every)
                .with_compare_contents(true),
        )
        .map(Os::Poll),
    }
    .map_err(|e| Error::IoError(Details::new(format!("cannot start watching: {e}"))))?;
    *lock(&shared.os) = Some(os);
    if let Some(first) = shared.rearm().0.into_iter().next() {
        return Err(first);
    }
    log::info!(
        "watching {} directories (debounce {} ms{})",
        lock(&shared.watched).len(),
        debounce.as_millis(),
        poll.map_or(String::new(), |p| format!(
            ", polling every {} ms",
            p.as_millis()
        ))
    );
    Ok(Watcher { shared })
}

/// One debounced burst of events: a reload if any concerns the configuration.
fn on_events(shared: &Weak<Shared>, result: DebounceEventResult) {
    let Some(shared) = shared.upgrade() else {
        return;
    };
    if shared.closed.load(Ordering::Acquire) {
        return;
    }
    let concerned = match &result {
        Ok(events) => {
            let inputs = lock(&shared.inputs);
            events
                .iter()
                .filter(|e| !is_read(&e.kind))
                .any(|e| e.need_rescan() || e.paths.iter().any(|p| inputs.concern(p)))
        }
        Err(errors) => {
            for e in errors {
                log::warn!("watching: {e}");
            }
            // Whatever was lost, reading everything again finds it.
            true
        }
    };
    if !concerned {
        return;
    }
    // A directory watched only from now on (it just appeared) may have gained files before its
    // watch began: read again until no new directory is watched, so nothing written in between
    // is missed (a read of unchanged inputs applies nothing).
    for _ in 0..REARM_ROUNDS {
        if !shared.reload() {
            return;
        }
        let (errors, newly_watched) = shared.rearm();
        for e in errors {
            log::warn!("watching: {e}");
        }
        if !newly_watched || shared.closed.load(Ordering::Acquire) {
            break;
        }
    }
}

/// How many times one burst of events reads again for directories that began to be watched.
const REARM_ROUNDS: usize = 8;

/// Whether an event only says a file was opened or read — as every reload reads its files:
/// taken for a change, each reload would start the next one. A write's close still counts.
fn is_read(kind: &EventKind) -> bool {
    matches!(
        kind,
        EventKind::Access(
            AccessKind::Open(_) | AccessKind::Read | AccessKind::Close(AccessMode::Read)
        )
    )
}

/// The new tree for a file event. A result that failed, or that emptied a file or removed keys
/// the current snapshot had, may have caught a save under way (truncated, half-written, deleted before being written again): it
/// counts only once the files stayed as read for `settle`; until then it is made again (at
/// most `SETTLE_TRIES` times).
fn settled(old: &State, settle: Duration) -> Result<State> {
    let mut result = rebuild::rebuild(old, None);
    for _ in 0..SETTLE_TRIES {
        let before = looks(old);
        let doubtful = match &result {
            Err(_) => true,
            Ok(new) => {
                emptied(old, new).next().is_some()
                    || !super::diff::diff(old, new).removed.is_empty()
            }
        };
        if !doubtful {
            break;
        }
        log::debug!("reload: an input looks half-written; waiting for it to settle");
        std::thread::sleep(settle);
        if looks(old) == before && still_as_read(old, &result) {
            break;
        }
        result = rebuild::rebuild(old, None);
    }
    result
}

/// How many times a reload is made again at most while a file keeps changing.
const SETTLE_TRIES: usize = 20;

/// Size and modification time of every file the snapshot read.
fn looks(state: &State) -> Vec<Option<(u64, std::time::SystemTime)>> {
    state
        .layers
        .iter()
        .filter(|l| l.kind == SourceKind::File)
        .map(|l| {
            std::fs::metadata(&l.name)
                .ok()
                .map(|m| (m.len(), m.modified().unwrap_or(std::time::UNIX_EPOCH)))
        })
        .collect()
}

/// Whether the files a reload found emptied or gone still are (file times are too coarse to
/// tell a truncation from the write that follows it within a few milliseconds).
fn still_as_read(old: &State, result: &Result<State>) -> bool {
    let Ok(new) = result else {
        return true;
    };
    emptied(old, new).all(|l| match l.status {
        LayerStatus::Missing => !Path::new(&l.name).exists(),
        _ => file::has_text(Path::new(&l.name), l.hash),
    })
}

/// The file layers of `new` that are empty or missing where `old` had values.
fn emptied<'n>(old: &State, new: &'n State) -> impl Iterator<Item = &'n Layer> {
    new.layers
        .iter()
        .filter(|l| matches!(l.status, LayerStatus::Empty | LayerStatus::Missing))
        .filter(|l| {
            old.layers
                .iter()
                .any(|o| o.name == l.name && o.status == LayerStatus::Loaded)
        })
        .map(|l| &**l)
}

impl Shared {
    fn handle(&self) -> ConfigHandle<State> {
        ConfigHandle::from_id(self.handle.load(Ordering::Acquire))
    }

    fn close(&self) {
        self.closed.store(true, Ordering::Release);
        if let Some(os) = lock(&self.os).take() {
            os.stop();
        }
        self.events.close();
    }

    /// One reload for file events; false when nothing is left to watch. The new tree is
    /// made, and any half-written input waited for, before the reload lock is taken: a
    /// `reload()` elsewhere never waits for a file to settle.
    fn reload(&self) -> bool {
        loop {
            let handle = self.handle();
            let Ok(base) = REGISTRY.read(&handle) else {
                // Freed: go on through another handle onto the same configuration, if any.
                let other = lock(&self.live.members)
                    .iter()
                    .copied()
                    .find(|id| REGISTRY.contains(*id));
                match other {
                    Some(id) => {
                        self.handle.store(id, Ordering::Release);
                        continue;
                    }
                    None => {
                        self.close();
                        return false;
                    }
                }
            };
            let mut made = Some(settled(&base, self.settle));
            // A failure is sent as `ReloadFailed` (the last good tree stays).
            let result = reload_with(&handle, &mut |old| match made.take() {
                // Made from the snapshot still in place: nothing to redo.
                Some(made) if std::ptr::eq(old, &*base) => made,
                _ => rebuild::rebuild(old, None),
            });
            if !matches!(result, Err(Error::InvalidHandle(_))) {
                return true;
            }
        }
    }

    /// Makes the watched directories those the current snapshot's inputs need; returns what
    /// could not be watched, and whether a directory is watched that was not before.
    fn rearm(&self) -> (Vec<Error>, bool) {
        let Ok(state) = REGISTRY.read(&self.handle()) else {
            return (Vec::new(), false);
        };
        let inputs = Inputs::of(&state);
        drop(state);
        let mut errors = Vec::new();
        let mut newly_watched = false;
        let mut os = lock(&self.os);
        let Some(os) = os.as_mut() else {
            return (errors, false);
        };
        let mut watched = lock(&self.watched);
        let wanted: Vec<Watched> = inputs
            .dirs
            .iter()
            .map(|(dir, recursive)| Watched {
                dir: dir.clone(),
                recursive: *recursive,
                identity: identity(dir),
            })
            .collect();
        watched.retain(|w| {
            let keep = wanted.contains(w);
            if !keep {
                os.unwatch(&w.dir);
            }
            keep
        });
        for w in wanted {
            if watched.contains(&w) {
                continue;
            }
            match os.watch(&w.dir, w.recursive) {
                Ok(()) => {
                    watched.push(w);
                    newly_watched = true;
                }
                Err(e) => errors.push(Error::IoError(
                    Details::new(format!("cannot watch: {e}")).file(w.dir.display().to_string()),
                )),
            }
        }
        *lock(&self.inputs) = inputs;
        (errors, newly_watched)
    }
}
