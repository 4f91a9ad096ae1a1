//! The browser build's reload subscriptions (a leaf module): what `subscribe` keeps, and what
//! freeing a configuration forgets.

use std::cell::{Cell, RefCell};

thread_local! {
    /// `(id, handle, the core's subscription, callback)` of every subscription.
    pub(crate) static SUBSCRIBERS: RefCell<Vec<(u32, u64, superconfig::Subscription, js_sys::Function)>> =
        const { RefCell::new(Vec::new()) };
    pub(crate) static NEXT: Cell<u32> = const { Cell::new(1) };
}

/// Drops the subscriptions of a configuration being freed.
pub(crate) fn forget(handle: u64) {
    SUBSCRIBERS.with(|s| s.borrow_mut().retain(|(_, h, ..)| *h != handle));
}
