//! Who hears of a live configuration's reloads (a leaf module): the lock that makes reloads one
//! at a time, and each subscriber's queue of events.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use super::event::ReloadEvent;

/// What the snapshots of one live configuration share: the lock that makes reloads one at a
/// time (so events leave in order) and the inboxes events are put in.
#[derive(Debug, Default)]
pub(crate) struct Live {
    pub(super) reloading: Mutex<()>,
    /// Every handle onto this live configuration, when there are several (`follower`): a
    /// reload swaps the new snapshot into each.
    pub(super) members: Mutex<Vec<u64>>,
    listeners: Mutex<Vec<(u64, Arc<Inbox>)>>,
}

/// One subscriber's events, in order. (A queue and a condition variable rather than a std
/// channel: the same for one receiver, and a fraction of the browser build's size.)
#[derive(Debug, Default)]
struct Inbox {
    queue: Mutex<VecDeque<ReloadEvent>>,
    ready: Condvar,
    closed: AtomicBool,
    /// Events dropped because the queue was full.
    dropped: AtomicU64,
}

/// Most events a subscriber's queue holds; older ones are dropped (and counted) beyond it.
pub(crate) const INBOX_LIMIT: usize = 1024;

/// A poisoned lock only means a thread panicked while holding it; the data (a list, or
/// nothing) is still whole.
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Live {
    pub(super) fn listen(self: &Arc<Self>) -> Subscription {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        let id = NEXT.fetch_add(1, Ordering::Relaxed);
        let inbox = Arc::new(Inbox::default());
        lock(&self.listeners).push((id, Arc::clone(&inbox)));
        Subscription {
            live: Arc::clone(self),
            id,
            inbox,
        }
    }

    fn unlisten(&self, id: u64) {
        lock(&self.listeners).retain(|(i, _)| *i != id);
    }

    pub(super) fn emit(&self, event: &ReloadEvent) {
        for (_, inbox) in lock(&self.listeners).iter() {
            let mut queue = lock(&inbox.queue);
            // Bounded: a subscriber that stopped reading keeps the newest events, not all.
            if queue.len() == INBOX_LIMIT {
                queue.pop_front();
                inbox.dropped.fetch_add(1, Ordering::Relaxed);
            }
            queue.push_back(event.clone());
            inbox.ready.notify_all();
        }
    }
}

/// The events of every later reload of one configuration, in order, until closed or dropped.
#[derive(Debug)]
pub struct Subscription {
    live: Arc<Live>,
    id: u64,
    inbox: Arc<Inbox>,
}

impl Subscription {
    /// The next event, waiting for it; `None` once the subscription is closed.
    pub fn recv(&self) -> Option<ReloadEvent> {
        self.wait(None)
    }

    /// The next event if one is waiting.
    pub fn try_recv(&self) -> Option<ReloadEvent> {
        if self.inbox.closed.load(Ordering::Acquire) {
            return None;
        }
        lock(&self.inbox.queue).pop_front()
    }

    /// How many events were dropped because this subscriber did not read them in time (its
    /// queue keeps the newest 1 024).
    pub fn dropped(&self) -> u64 {
        self.inbox.dropped.load(Ordering::Relaxed)
    }

    /// The next event, waiting at most `timeout`; `None` on timeout or once closed.
    pub fn recv_timeout(&self, timeout: Duration) -> Option<ReloadEvent> {
        self.wait(Instant::now().checked_add(timeout))
    }

    fn wait(&self, deadline: Option<Instant>) -> Option<ReloadEvent> {
        let mut queue = lock(&self.inbox.queue);
        loop {
            // Events queued before closing are not handed out after it.
            if self.inbox.closed.load(Ordering::Acquire) {
                return None;
            }
            if let Some(event) = queue.pop_front() {
                return Some(event);
            }
            queue = match deadline {
                None => self
                    .inbox
                    .ready
                    .wait(queue)
                    .unwrap_or_else(std::sync::PoisonError::into_inner),
                Some(at) => {
                    let left = at.checked_duration_since(Instant::now())?;
                    self.inbox
                        .ready
                        .wait_timeout(queue, left)
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .0
                }
            };
        }
    }

    /// Stops the events: a waiting `recv` returns `None`. Closing again does nothing.
    pub fn close(&self) {
        self.live.unlisten(self.id);
        self.inbox.closed.store(true, Ordering::Release);
        // Under the queue's lock, so that a receiver between its check and its wait is woken.
        let _queue = lock(&self.inbox.queue);
        self.inbox.ready.notify_all();
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        self.close();
    }
}
