//! Reads racing reloads (docs/behaviour.md, "Reload"): two readers read a pair of keys that
//! every configuration keeps equal, a third thread reloads between two configurations; a
//! reader must never see one key from each.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::Deserialize;
use superconfig::{Format, StringOptions, SuperConfig};

#[derive(Deserialize, PartialEq, Debug)]
struct Pair {
    a: i64,
    b: i64,
}

#[test]
fn two_readers_never_see_a_mixed_pair_while_a_thread_reloads() {
    const READS: usize = 1_000_000;
    const RELOADS: usize = 1_000;
    let cfg = Arc::new(
        SuperConfig::new()
            .with_string_opts(
                "[pair]\na = 0\nb = 0\n",
                Format::Toml,
                &StringOptions {
                    name: Some("pair".into()),
                    ..StringOptions::default()
                },
            )
            .unwrap(),
    );
    let done = Arc::new(AtomicBool::new(false));
    let readers: Vec<_> = (0..2)
        .map(|_| {
            let cfg = Arc::clone(&cfg);
            std::thread::spawn(move || {
                let (mut mixed, mut errors) = (0usize, 0usize);
                for i in 0..READS {
                    // One read of the pair, and the pair from one snapshot.
                    let ok = if i % 2 == 0 {
                        cfg.get::<Pair, _>("pair").map(|p| p.a == p.b)
                    } else {
                        cfg.snapshot().and_then(|s| {
                            Ok(s.get::<i64, _>("pair.a")? == s.get::<i64, _>("pair.b")?)
                        })
                    };
                    match ok {
                        Ok(true) => {}
                        Ok(false) => mixed += 1,
                        Err(_) => errors += 1,
                    }
                }
                (mixed, errors)
            })
        })
        .collect();
    let reloader = {
        let (cfg, done) = (Arc::clone(&cfg), Arc::clone(&done));
        std::thread::spawn(move || {
            let mut n = 0usize;
            while n < RELOADS || !done.load(Ordering::Relaxed) {
                let v = (n + 1) % 2;
                cfg.update_string("pair", &format!("[pair]\na = {v}\nb = {v}\n"))
                    .unwrap()
                    .expect("every reload changes the pair");
                n += 1;
            }
            n
        })
    };
    let mut totals = (0, 0);
    for r in readers {
        let (m, e) = r.join().unwrap();
        totals.0 += m;
        totals.1 += e;
    }
    done.store(true, Ordering::Relaxed);
    let reloads = reloader.join().unwrap();
    assert!(reloads >= RELOADS, "only {reloads} reloads");
    assert_eq!(totals, (0, 0), "mixed pairs, errors");
    assert_eq!(cfg.version().unwrap(), reloads as u64);
}
