//! Whether an exported call is running, and whether one trapped: the state [`crate::entry`]
//! guards and [`outside`] suspends while the caller's JavaScript runs (a leaf module).

use std::cell::Cell;

thread_local! {
    /// True while an exported call runs Rust code. Still true at the start of a call: the call
    /// before it trapped.
    static INSIDE: Cell<bool> = const { Cell::new(false) };
    /// Set once a trap has been detected; the instance refuses every call from then on.
    static POISONED: Cell<bool> = const { Cell::new(false) };
}

/// Starts an exported call: `false` when the instance must refuse it (the call before trapped,
/// leaving the mark set, or an earlier trap was detected).
#[inline]
pub fn begin() -> bool {
    if INSIDE.with(|i| i.replace(true)) || POISONED.with(Cell::get) {
        POISONED.with(|p| p.set(true));
        return false;
    }
    true
}

/// Ends an exported call.
#[inline]
pub fn end() {
    INSIDE.with(|i| i.set(false));
}

/// Runs the caller's JavaScript (a getter, a proxy trap, the logger): for its duration the
/// binding counts as outside, so that code may call SuperConfig again.
#[inline]
pub fn outside<R>(f: impl FnOnce() -> R) -> R {
    let was = INSIDE.with(|i| i.replace(false));
    let out = f();
    // Still marked inside: a SuperConfig call made by that JavaScript trapped, and the trap
    // (a `WebAssembly.RuntimeError`) came back to us as an ordinary exception.
    if INSIDE.with(|i| i.replace(was)) {
        POISONED.with(|p| p.set(true));
    }
    out
}

/// Whether the instance is in a state where Rust code may run outside an exported call (the
/// finaliser or `free()` dropping a configuration): no call is half-way through and none trapped.
pub fn usable() -> bool {
    !INSIDE.with(Cell::get) && !POISONED.with(Cell::get)
}
