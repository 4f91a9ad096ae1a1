//! `stats()`: the counters of the process-wide handle registry.

use napi_derive::napi;

/// Registry counters.
#[napi(object, object_from_js = false)]
pub struct Stats {
    /// Live handles (one per live `SuperConfig` object).
    pub handles: f64,
    /// Handles ever created.
    pub creates: f64,
    /// Successful reads.
    pub reads: f64,
    /// Successful updates.
    pub updates: f64,
    /// Handles freed.
    pub deletes: f64,
    /// Estimated bytes held by live handles.
    pub memory_bytes: f64,
    /// Warnings raised, suppressed ones included.
    pub warnings: f64,
}

/// Counters of the process-wide registry every `SuperConfig` lives in.
#[napi(catch_unwind)]
pub fn stats() -> Stats {
    let s = superconfig::stats();
    Stats {
        handles: s.handles as f64,
        creates: s.creates as f64,
        reads: s.reads as f64,
        updates: s.updates as f64,
        deletes: s.deletes as f64,
        memory_bytes: s.memory_bytes as f64,
        warnings: s.warnings as f64,
    }
}
