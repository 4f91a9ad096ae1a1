//! The handle registry: CRUD semantics, type safety, counters, concurrent replacement.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use superconfig::{ConfigRegistry, Error};

#[test]
fn crud_round_trip_with_zero_copy_reads() {
    let r = ConfigRegistry::new();
    let h = r.create(vec![1, 2, 3]);
    let a = r.read(&h).unwrap();
    let b = r.read(&h).unwrap();
    assert!(Arc::ptr_eq(&a, &b), "reads share one allocation");
    let old = r.update(&h, vec![4]).unwrap();
    assert_eq!(*old, vec![1, 2, 3]);
    assert_eq!(*a, vec![1, 2, 3], "a reader keeps the value it read");
    assert_eq!(*r.read(&h).unwrap(), vec![4]);
    assert_eq!(*r.delete(&h).unwrap(), vec![4]);
    assert!(matches!(r.read(&h), Err(Error::InvalidHandle(_))));
    assert!(matches!(r.delete(&h), Err(Error::InvalidHandle(_))));
    let s = r.stats();
    assert_eq!(
        (s.handles, s.creates, s.updates, s.deletes, s.reads),
        (0, 1, 1, 1, 3)
    );
}

#[test]
fn different_types_live_side_by_side_and_ids_are_never_reused() {
    let r = ConfigRegistry::new();
    let s = r.create(String::from("text"));
    let n = r.create(42_u64);
    let gone = r.create(0_u64);
    r.delete(&gone).unwrap();
    let fresh = r.create(1_u64);
    assert!(fresh.id() > gone.id(), "a freed id is not handed out again");
    assert_eq!(*r.read(&s).unwrap(), "text");
    assert_eq!(*r.read(&n).unwrap(), 42);
    assert_eq!(r.stats().handles, 3);
}

#[test]
fn a_handle_of_the_wrong_type_fails_cleanly_and_never_loses_the_entry() {
    let r = ConfigRegistry::new();
    let h = r.create(5_i32);
    // Handles are typed, so a mismatch needs a handle from elsewhere with the same id:
    // a second registry hands out the same first id.
    let scratch = ConfigRegistry::new();
    let other = scratch.create(0_u8);
    assert_eq!(other.id(), h.id());
    assert!(matches!(r.read(&other), Err(Error::InvalidHandle(_))));
    assert!(matches!(r.update(&other, 1), Err(Error::InvalidHandle(_))));
    assert!(matches!(r.delete(&other), Err(Error::InvalidHandle(_))));
    assert_eq!(
        *r.read(&h).unwrap(),
        5,
        "the failed delete left the entry in place"
    );
}

#[test]
fn readers_never_fail_while_a_writer_replaces_the_entry() {
    let r = Arc::new(ConfigRegistry::new());
    let h = r.create(vec![0_u64; 16]);
    let stop = Arc::new(AtomicBool::new(false));
    let started = Arc::new(std::sync::Barrier::new(3));
    let readers: Vec<_> = (0..2)
        .map(|_| {
            let (r, stop, started) = (r.clone(), stop.clone(), started.clone());
            std::thread::spawn(move || {
                let mut n = 0_u64;
                started.wait();
                // At least one read, however late the scheduler runs this thread.
                while n == 0 || !stop.load(Ordering::Relaxed) {
                    let v = r.read(&h).expect("read during update");
                    assert!(v.iter().all(|x| *x == v[0]), "never a torn value");
                    n += 1;
                }
                n
            })
        })
        .collect();
    started.wait();
    for i in 1..=10_000_u64 {
        r.update(&h, vec![i; 16]).unwrap();
    }
    stop.store(true, Ordering::Relaxed);
    let reads: u64 = readers.into_iter().map(|t| t.join().unwrap()).sum();
    assert!(reads > 0);
    assert_eq!(*r.read(&h).unwrap(), vec![10_000; 16]);
}
