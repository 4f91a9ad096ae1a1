//! The watcher with real files and real OS events (docs/behaviour.md, "Reload"): every way a
//! file is changed in practice, bursts, unchanged saves, broken saves, and closing.
#![cfg(feature = "watch")]

use std::fs;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use superconfig::{Change, ReloadEvent, SuperConfig, WatchOptions, Watcher};

const DEBOUNCE: u64 = 50;
/// Long enough for any event of a change to arrive on a loaded 2-core machine.
const WAIT: Duration = Duration::from_secs(10);
/// How long "nothing happens" is watched for.
const QUIET: Duration = Duration::from_millis(600);

fn options() -> WatchOptions {
    WatchOptions {
        debounce_ms: DEBOUNCE,
        poll_ms: None,
    }
}

fn save(path: &Path, text: &str) {
    let tmp = path.with_file_name(format!(".{}.tmp", path.file_name().unwrap().display()));
    fs::write(&tmp, text).unwrap();
    fs::rename(&tmp, path).unwrap();
}

fn changed(w: &Watcher) -> Change {
    match w.recv_timeout(WAIT) {
        Some(ReloadEvent::Changed(c)) => c,
        other => panic!("expected Changed, got {other:?}"),
    }
}

fn quiet(w: &Watcher) {
    if let Some(e) = w.recv_timeout(QUIET) {
        panic!("expected no event, got {e:?}");
    }
}

fn port(cfg: &SuperConfig) -> i64 {
    cfg.get("port").unwrap()
}

#[test]
fn in_place_write_rename_over_and_delete_then_recreate_are_all_seen() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("app.toml");
    fs::write(&file, "port = 1\n").unwrap();
    let cfg = SuperConfig::new().with_file(&file).unwrap();
    let w = cfg.watch(&options()).unwrap();

    fs::write(&file, "port = 2\n").unwrap(); // in place
    assert_eq!(changed(&w).version, 1);
    assert_eq!(port(&cfg), 2);

    save(&file, "port = 3\n"); // an editor's atomic save
    assert_eq!(changed(&w).version, 2);
    assert_eq!(port(&cfg), 3);

    fs::remove_file(&file).unwrap(); // deleted: a missing layer, watching goes on
    let gone = changed(&w);
    assert_eq!(gone.removed[0].path, "port");
    assert!(!cfg.has("port").unwrap());
    fs::write(&file, "port = 4\n").unwrap();
    assert_eq!(changed(&w).added[0].path, "port");
    assert_eq!(port(&cfg), 4);
    quiet(&w);
}

#[test]
fn a_configmap_link_swap_is_seen() {
    // Kubernetes: app.toml -> ..data/app.toml, ..data -> ..<timestamp>, swapped by rename.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let first = root.join("..2026_12_05_a");
    fs::create_dir(&first).unwrap();
    fs::write(first.join("app.toml"), "port = 1\n").unwrap();
    std::os::unix::fs::symlink("..2026_12_05_a", root.join("..data")).unwrap();
    std::os::unix::fs::symlink("..data/app.toml", root.join("app.toml")).unwrap();
    let cfg = SuperConfig::new().with_file(root.join("app.toml")).unwrap();
    let w = cfg.watch(&options()).unwrap();

    let second = root.join("..2026_12_05_b");
    fs::create_dir(&second).unwrap();
    fs::write(second.join("app.toml"), "port = 2\n").unwrap();
    std::os::unix::fs::symlink("..2026_12_05_b", root.join("..data_tmp")).unwrap();
    fs::rename(root.join("..data_tmp"), root.join("..data")).unwrap();
    fs::remove_dir_all(&first).unwrap();
    assert_eq!(changed(&w).changed[0].path, "port");
    assert_eq!(port(&cfg), 2);
    quiet(&w);
}

#[test]
fn a_burst_is_one_reload_and_the_same_bytes_are_none() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("app.toml");
    fs::write(&file, "port = 0\n").unwrap();
    let cfg = SuperConfig::new().with_file(&file).unwrap();
    let w = cfg
        .watch(&WatchOptions {
            debounce_ms: 300,
            poll_ms: None,
        })
        .unwrap();
    for i in 1..=50 {
        save(&file, &format!("port = {i}\n"));
    }
    let c = changed(&w);
    assert_eq!((c.version, port(&cfg)), (1, 50));
    quiet(&w);

    // touch, and the same bytes written again: nothing to apply.
    fs::write(&file, "port = 50\n").unwrap();
    fs::File::options()
        .append(true)
        .open(&file)
        .unwrap()
        .set_modified(std::time::SystemTime::now())
        .unwrap();
    quiet(&w);
    assert_eq!(cfg.version().unwrap(), 1);
}

#[test]
fn a_broken_save_fails_with_file_and_line_then_a_good_one_applies() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("app.yaml");
    fs::write(&file, "port: 1\n").unwrap();
    let cfg = SuperConfig::new().with_file(&file).unwrap();
    let w = cfg.watch(&options()).unwrap();
    save(&file, "port: 2\nhosts: [a\n");
    match w.recv_timeout(WAIT) {
        Some(ReloadEvent::ReloadFailed(f)) => {
            assert_eq!(f.error.kind(), "ParseError");
            assert!(
                f.error
                    .details()
                    .file
                    .as_deref()
                    .unwrap()
                    .ends_with("app.yaml")
            );
            assert!(f.error.details().line.is_some(), "{}", f.error);
            assert_eq!(f.version, 0);
        }
        other => panic!("expected ReloadFailed, got {other:?}"),
    }
    assert_eq!(port(&cfg), 1, "the last good tree is served");
    save(&file, "port: 3\n");
    assert_eq!(changed(&w).version, 1);
    assert_eq!(port(&cfg), 3);
}

#[test]
fn truncate_then_write_never_applies_an_empty_or_partial_tree() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("app.toml");
    fs::write(&file, "a = 0\nb = 0\n").unwrap();
    let cfg = Arc::new(SuperConfig::new().with_file(&file).unwrap());
    let w = cfg
        .watch(&WatchOptions {
            debounce_ms: 20,
            poll_ms: None,
        })
        .unwrap();
    // A reader checks every snapshot it can get meanwhile.
    let stop = Arc::new(AtomicBool::new(false));
    let reader = {
        let (cfg, stop) = (Arc::clone(&cfg), Arc::clone(&stop));
        std::thread::spawn(move || {
            let mut bad = 0;
            while !stop.load(Ordering::Relaxed) {
                let pair: std::collections::BTreeMap<String, i64> = cfg.extract().unwrap();
                if pair.len() != 2 || pair["a"] != pair["b"] {
                    bad += 1;
                }
            }
            bad
        })
    };
    for i in 1..=200i64 {
        let mut f = fs::File::create(&file).unwrap(); // truncates
        if i % 3 == 0 {
            std::thread::sleep(Duration::from_millis(3));
        }
        f.write_all(format!("a = {i}\nb = {i}\n").as_bytes())
            .unwrap();
        drop(f);
        std::thread::sleep(Duration::from_millis((i as u64 * 7) % 40));
    }
    let deadline = Instant::now() + WAIT;
    while cfg.get::<i64, _>("a").unwrap() != 200 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    stop.store(true, Ordering::Relaxed);
    assert_eq!(
        reader.join().unwrap(),
        0,
        "a reader saw an empty or partial tree"
    );
    let mut applied = 0;
    while let Some(e) = w.try_recv() {
        match e {
            ReloadEvent::Changed(c) => {
                applied += 1;
                assert!(c.removed.is_empty(), "an empty file was applied: {c:?}");
            }
            other => panic!("unexpected {other:?}"),
        }
    }
    assert!(applied > 0);
    assert_eq!(cfg.get::<i64, _>("b").unwrap(), 200);
}

#[test]
fn optional_files_globs_and_discovery_gain_and_lose_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let cfg = SuperConfig::new()
        .with_file(root.join("later/optional.toml"))
        .unwrap()
        .with_glob_opts(
            "conf.d/*.toml",
            &superconfig::GlobOptions {
                base_dir: root.to_path_buf(),
            },
        )
        .unwrap();
    let w = cfg.watch(&options()).unwrap();
    fs::create_dir(root.join("later")).unwrap();
    fs::write(root.join("later/optional.toml"), "opt = 1\n").unwrap();
    assert_eq!(changed(&w).added[0].path, "opt");
    fs::create_dir(root.join("conf.d")).unwrap();
    fs::write(root.join("conf.d/a.toml"), "a = 1\n").unwrap();
    assert_eq!(changed(&w).added[0].path, "a");
    fs::write(root.join("conf.d/b.toml"), "b = 1\n").unwrap();
    assert_eq!(changed(&w).added[0].path, "b");
    fs::remove_file(root.join("conf.d/a.toml")).unwrap();
    assert_eq!(changed(&w).removed[0].path, "a");
    fs::write(root.join("conf.d/notes.txt"), "x").unwrap();
    quiet(&w);
}

#[test]
fn polling_sees_changes_too() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("app.toml");
    fs::write(&file, "port = 1\n").unwrap();
    let cfg = SuperConfig::new().with_file(&file).unwrap();
    let w = cfg
        .watch(&WatchOptions {
            debounce_ms: 20,
            poll_ms: Some(30),
        })
        .unwrap();
    save(&file, "port = 2\n");
    assert_eq!(changed(&w).version, 1);
    assert_eq!(port(&cfg), 2);
}

#[test]
fn a_closed_watcher_reloads_nothing_and_sends_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("app.toml");
    fs::write(&file, "port = 1\n").unwrap();
    let cfg = SuperConfig::new().with_file(&file).unwrap();
    let w = cfg.watch(&options()).unwrap();
    w.close();
    w.close();
    save(&file, "port = 2\n");
    std::thread::sleep(QUIET);
    assert_eq!(port(&cfg), 1);
    assert!(w.recv().is_none());
    assert!(
        cfg.watch(&WatchOptions {
            debounce_ms: 0,
            poll_ms: None
        })
        .is_err()
    );
}

#[test]
fn a_reload_reading_its_files_does_not_start_another() {
    // Each reload opens and reads its files: those events must not count as changes.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("app.toml");
    fs::write(&file, "port = 1\n").unwrap();
    let cfg = SuperConfig::new().with_file(&file).unwrap();
    let w = cfg.watch(&options()).unwrap();
    save(&file, "port = 2\n");
    assert_eq!(changed(&w).version, 1);
    save(&file, "port = 3\nbroken = \n");
    assert!(matches!(
        w.recv_timeout(WAIT),
        Some(ReloadEvent::ReloadFailed(_))
    ));
    // A loop of reloads would send ReloadFailed again and again.
    quiet(&w);
}

#[test]
fn a_freed_configuration_ends_its_watcher_unless_a_follower_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("app.toml");
    fs::write(&file, "port = 1\n").unwrap();
    let cfg = SuperConfig::new().with_file(&file).unwrap();
    let twin = cfg.follower().unwrap();
    let w = cfg.watch(&options()).unwrap();
    drop(cfg);
    save(&file, "port = 2\n");
    assert_eq!(changed(&w).version, 1, "the follower is reloaded");
    assert_eq!(port(&twin), 2);
    drop(twin);
    save(&file, "port = 3\n");
    // Nothing left to reload: the watcher ends, and a waiting recv returns.
    assert!(w.recv_timeout(WAIT).is_none());
    assert!(w.is_closed());
}
