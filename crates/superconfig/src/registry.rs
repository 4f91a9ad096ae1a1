//! The handle registry (docs/behaviour.md, "Handles"): every configuration lives here under a
//! numeric handle.
//!
//! A `DashMap` of type-erased `Arc`s: `read` clones the `Arc` (zero-copy), `update` swaps it under
//! the shard's write lock (readers holding the old `Arc` keep a consistent tree), counters are
//! striped per thread so the read path shares no cache line between cores.

use std::any::{Any, TypeId};
use std::marker::PhantomData;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock};

use dashmap::DashMap;

use crate::{Details, Error, Result};

/// A raw handle id. Ids are never reused within a process.
pub type HandleId = u64;

/// A typed handle into a [`ConfigRegistry`]. Copying the handle does not copy the value.
pub struct ConfigHandle<T> {
    id: HandleId,
    _type: PhantomData<fn() -> T>,
}

impl<T> ConfigHandle<T> {
    /// A handle no registry ever issues (ids start at 1): every use is `InvalidHandle`.
    pub(crate) fn invalid() -> Self {
        ConfigHandle {
            id: 0,
            _type: PhantomData,
        }
    }

    /// The handle with this id (a live configuration's other handles).
    pub(crate) fn from_id(id: HandleId) -> Self {
        ConfigHandle {
            id,
            _type: PhantomData,
        }
    }

    /// The numeric id.
    pub fn id(&self) -> HandleId {
        self.id
    }
}

impl<T> Clone for ConfigHandle<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for ConfigHandle<T> {}

impl<T> std::fmt::Debug for ConfigHandle<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ConfigHandle({})", self.id)
    }
}

struct Entry {
    type_id: TypeId,
    value: Arc<dyn Any + Send + Sync>,
    bytes: usize,
}

/// Registry counters, as returned by [`ConfigRegistry::stats`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stats {
    /// Live handles.
    pub handles: u64,
    /// Handles ever created.
    pub creates: u64,
    /// Successful reads.
    pub reads: u64,
    /// Successful updates.
    pub updates: u64,
    /// Successful deletes.
    pub deletes: u64,
    /// Estimated bytes held by live entries (shared structure is counted once per handle).
    pub memory_bytes: u64,
    /// Warnings raised by configuration steps (suppressed ones included).
    pub warnings: u64,
}

const STRIPES: usize = 16;

#[repr(align(128))]
#[derive(Default)]
struct Padded(AtomicU64);

/// A counter striped over cache lines: each thread increments its own stripe.
#[derive(Default)]
struct StripedCounter([Padded; STRIPES]);

impl StripedCounter {
    #[inline]
    fn add(&self) {
        thread_local! {
            static STRIPE: usize = {
                static NEXT: AtomicUsize = AtomicUsize::new(0);
                NEXT.fetch_add(1, Ordering::Relaxed) % STRIPES
            };
        }
        let i = STRIPE.with(|s| *s);
        self.0[i].0.fetch_add(1, Ordering::Relaxed);
    }

    fn sum(&self) -> u64 {
        self.0.iter().map(|p| p.0.load(Ordering::Relaxed)).sum()
    }
}

/// A concurrent map from handles to values of any `Send + Sync + 'static` type.
pub struct ConfigRegistry {
    map: DashMap<HandleId, Entry, foldhash::fast::RandomState>,
    next_id: AtomicU64,
    creates: AtomicU64,
    reads: StripedCounter,
    updates: AtomicU64,
    deletes: AtomicU64,
    bytes: AtomicU64,
    warnings: AtomicU64,
}

impl Default for ConfigRegistry {
    fn default() -> Self {
        Self::new()
    }
}

fn invalid(id: HandleId, why: &str) -> Error {
    Error::InvalidHandle(Details::new(format!("handle {id} {why}")))
}

impl ConfigRegistry {
    /// An empty registry.
    pub fn new() -> Self {
        ConfigRegistry {
            map: DashMap::with_hasher(foldhash::fast::RandomState::default()),
            next_id: AtomicU64::new(1),
            creates: AtomicU64::new(0),
            reads: StripedCounter::default(),
            updates: AtomicU64::new(0),
            deletes: AtomicU64::new(0),
            bytes: AtomicU64::new(0),
            warnings: AtomicU64::new(0),
        }
    }

    /// Stores `value` and returns its handle.
    ///
    /// ```
    /// use superconfig::ConfigRegistry;
    /// let registry = ConfigRegistry::new();
    /// let h = registry.create(String::from("hello"));
    /// assert_eq!(*registry.read(&h).unwrap(), "hello");
    /// ```
    pub fn create<T: Send + Sync + 'static>(&self, value: T) -> ConfigHandle<T> {
        self.create_arc(Arc::new(value), std::mem::size_of::<T>())
    }

    /// Stores an already shared value, counting `bytes` towards `memory_bytes`.
    pub fn create_arc<T: Send + Sync + 'static>(
        &self,
        value: Arc<T>,
        bytes: usize,
    ) -> ConfigHandle<T> {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        self.map.insert(
            id,
            Entry {
                type_id: TypeId::of::<T>(),
                value,
                bytes,
            },
        );
        self.creates.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes as u64, Ordering::Relaxed);
        ConfigHandle {
            id,
            _type: PhantomData,
        }
    }

    /// The value behind `handle`, shared (no copy).
    #[inline]
    pub fn read<T: Send + Sync + 'static>(&self, handle: &ConfigHandle<T>) -> Result<Arc<T>> {
        let entry = self.entry::<T>(handle)?;
        let typed = Arc::clone(&entry.value)
            .downcast::<T>()
            .map_err(|_| invalid(handle.id, "holds another type"))?;
        drop(entry);
        self.reads.add();
        Ok(typed)
    }

    /// Runs `f` on the value behind `handle` without touching its reference count.
    /// `f` runs under the shard's read lock: it must not call back into this registry.
    #[inline]
    pub(crate) fn with<T: Send + Sync + 'static, R>(
        &self,
        handle: &ConfigHandle<T>,
        f: impl FnOnce(&T) -> R,
    ) -> Result<R> {
        let entry = self.entry::<T>(handle)?;
        let typed = entry
            .value
            .downcast_ref::<T>()
            .ok_or_else(|| invalid(handle.id, "holds another type"))?;
        let out = f(typed);
        drop(entry);
        self.reads.add();
        Ok(out)
    }

    #[inline]
    fn entry<T: 'static>(
        &self,
        handle: &ConfigHandle<T>,
    ) -> Result<dashmap::mapref::one::Ref<'_, HandleId, Entry>> {
        let entry = self
            .map
            .get(&handle.id)
            .ok_or_else(|| invalid(handle.id, "was freed or never existed"))?;
        if entry.type_id != TypeId::of::<T>() {
            return Err(invalid(handle.id, "holds another type"));
        }
        Ok(entry)
    }

    /// Replaces the value atomically; readers see the old or the new value, never neither.
    /// Returns the old value.
    pub fn update<T: Send + Sync + 'static>(
        &self,
        handle: &ConfigHandle<T>,
        value: T,
    ) -> Result<Arc<T>> {
        self.update_arc(handle, Arc::new(value), std::mem::size_of::<T>())
    }

    /// [`update`](Self::update) with an already shared value and its size estimate.
    pub fn update_arc<T: Send + Sync + 'static>(
        &self,
        handle: &ConfigHandle<T>,
        value: Arc<T>,
        bytes: usize,
    ) -> Result<Arc<T>> {
        let mut entry = self
            .map
            .get_mut(&handle.id)
            .ok_or_else(|| invalid(handle.id, "was freed or never existed"))?;
        if entry.type_id != TypeId::of::<T>() {
            return Err(invalid(handle.id, "holds another type"));
        }
        let old = std::mem::replace(&mut entry.value, value);
        let old_bytes = std::mem::replace(&mut entry.bytes, bytes);
        drop(entry);
        self.bytes.fetch_add(bytes as u64, Ordering::Relaxed);
        self.bytes.fetch_sub(old_bytes as u64, Ordering::Relaxed);
        self.updates.fetch_add(1, Ordering::Relaxed);
        old.downcast::<T>()
            .map_err(|_| invalid(handle.id, "holds another type"))
    }

    /// Removes the entry and returns its value. A handle of the wrong type leaves it in place.
    pub fn delete<T: Send + Sync + 'static>(&self, handle: &ConfigHandle<T>) -> Result<Arc<T>> {
        let removed = self
            .map
            .remove_if(&handle.id, |_, e| e.type_id == TypeId::of::<T>());
        match removed {
            Some((_, entry)) => {
                self.deletes.fetch_add(1, Ordering::Relaxed);
                self.bytes.fetch_sub(entry.bytes as u64, Ordering::Relaxed);
                entry
                    .value
                    .downcast::<T>()
                    .map_err(|_| invalid(handle.id, "holds another type"))
            }
            None if self.map.contains_key(&handle.id) => {
                Err(invalid(handle.id, "holds another type"))
            }
            None => Err(invalid(handle.id, "was freed or never existed")),
        }
    }

    /// Whether `id` is live.
    pub fn contains(&self, id: HandleId) -> bool {
        self.map.contains_key(&id)
    }

    /// Counts warnings for [`Stats::warnings`].
    pub(crate) fn count_warnings(&self, n: usize) {
        self.warnings.fetch_add(n as u64, Ordering::Relaxed);
    }

    /// Current counters.
    pub fn stats(&self) -> Stats {
        Stats {
            handles: self.map.len() as u64,
            creates: self.creates.load(Ordering::Relaxed),
            reads: self.reads.sum(),
            updates: self.updates.load(Ordering::Relaxed),
            deletes: self.deletes.load(Ordering::Relaxed),
            memory_bytes: self.bytes.load(Ordering::Relaxed),
            warnings: self.warnings.load(Ordering::Relaxed),
        }
    }
}

/// The process-wide registry the bindings use.
pub static REGISTRY: LazyLock<ConfigRegistry> = LazyLock::new(ConfigRegistry::new);

/// Counters of the process-wide registry.
pub fn stats() -> Stats {
    REGISTRY.stats()
}
