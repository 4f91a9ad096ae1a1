//! Closing a watcher leaves nothing behind (docs/behaviour.md, "Reload"): its own test binary,
//! so that no other test's threads or descriptors are counted.
#![cfg(feature = "watch")]

use std::fs;
use std::time::{Duration, Instant};

use superconfig::{SuperConfig, WatchOptions};

fn count(dir: &str) -> usize {
    fs::read_dir(dir).unwrap().count()
}

#[test]
fn ten_thousand_watch_close_cycles_leave_no_thread_and_no_descriptor() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("app.toml");
    fs::write(&file, "port = 1\n").unwrap();
    let cfg = SuperConfig::new().with_file(&file).unwrap();
    let settle = |threads: usize, fds: usize| {
        let deadline = Instant::now() + Duration::from_secs(10);
        while (count("/proc/self/task") > threads || count("/proc/self/fd") > fds)
            && Instant::now() < deadline
        {
            std::thread::sleep(Duration::from_millis(5));
        }
    };
    let (threads, fds) = (count("/proc/self/task"), count("/proc/self/fd"));
    let handles = superconfig::stats().handles;
    for i in 0..10_000 {
        let w = cfg.watch(&WatchOptions::default()).unwrap();
        drop(w);
        if i % 20 == 19 {
            // Closing does not wait for the OS watcher's threads; let each twenty end
            // (the kernel allows 128 inotify instances per user by default).
            settle(threads, fds);
        }
    }
    settle(threads, fds);
    assert!(count("/proc/self/task") <= threads, "threads left behind");
    assert!(count("/proc/self/fd") <= fds, "descriptors left behind");
    assert_eq!(
        superconfig::stats().handles,
        handles,
        "registry handles left behind"
    );
}
