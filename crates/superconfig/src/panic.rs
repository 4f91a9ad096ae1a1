//! Panics caught at a binding's boundary: nothing printed, one message to raise.
//!
//! A binding turns a Rust panic into its language's internal error. Rust's default hook would
//! first print the message and a backtrace to stderr, and nothing may be printed unless the host
//! asks for it (docs/behaviour.md, "Logging"). A binding installs [`install_quiet_hook`] once;
//! the hook prints nothing and keeps where the panic happened for [`panic_message`], which the
//! binding logs (through the host's logger, if it listens) and raises.

use std::any::Any;
use std::cell::RefCell;
use std::sync::Once;

/// The kind every face gives a caught panic: Python's `superconfig.InternalError`, the `code`
/// of the `Error` JavaScript throws. Not one of [`crate::Error::KINDS`]: a panic is a bug, not a
/// kind of failure the engine reports.
pub const INTERNAL_ERROR: &str = "InternalError";

thread_local! {
    /// Where this thread's last panic happened (`file:line`).
    static LAST_LOCATION: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Replaces the process's panic hook, once, with one that prints nothing. For the bindings'
/// native modules only: a Rust program keeps whatever hook it chose.
pub fn install_quiet_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let location = info
                .location()
                .map(|l| format!("{}:{}", l.file(), l.line()));
            // `try_with`: a panic while the thread is being torn down has nowhere to go.
            let _ = LAST_LOCATION.try_with(|last| *last.borrow_mut() = location);
        }));
    });
}

/// The text of a caught panic's payload, with where it happened when the quiet hook saw it,
/// logged at error level (a bug is reported, never silently dropped).
pub fn panic_message(payload: &(dyn Any + Send)) -> String {
    let what = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string());
    let location = LAST_LOCATION
        .try_with(|last| last.borrow_mut().take())
        .ok()
        .flatten();
    let message = match location {
        Some(at) => {
            format!("internal error (a bug in superconfig, please report it): {what} at {at}")
        }
        None => format!("internal error (a bug in superconfig, please report it): {what}"),
    };
    log::error!("{message}");
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_caught_panic_is_one_message_with_its_place() {
        install_quiet_hook();
        let payload = std::panic::catch_unwind(|| panic!("boom {}", 1)).expect_err("panics");
        let message = panic_message(payload.as_ref());
        assert!(message.contains("boom 1"), "{message}");
        assert!(message.contains("src/panic.rs:"), "{message}");
        let payload = std::panic::catch_unwind(|| std::panic::panic_any(7u8)).expect_err("panics");
        assert!(panic_message(payload.as_ref()).contains("unknown panic"));
    }
}
