//! On-demand reload (docs/behaviour.md, "Reload"): the tree made again from its sources,
//! swapped in whole, versions and events in order, the last good tree kept on failure.

use std::fs;
use std::path::Path;

use superconfig::{ConfigOptions, Error, Format, ReloadEvent, StringOptions, SuperConfig};

/// Saves as editors do: a temporary file renamed over the old one.
fn save(path: &Path, text: &str) {
    let tmp = path.with_extension("tmp~");
    fs::write(&tmp, text).unwrap();
    fs::rename(&tmp, path).unwrap();
}

fn named(text: &str, name: &str) -> StringOptions {
    let _ = text;
    StringOptions {
        name: Some(name.to_string()),
        ..StringOptions::default()
    }
}

#[test]
fn a_reload_reports_added_removed_and_changed_leaves_with_sources() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("app.toml");
    save(&file, "[server]\nport = 80\nhost = \"a\"\n[old]\nx = 1\n");
    let cfg = SuperConfig::new()
        .with_defaults_from(&serde_json::json!({"server": {"workers": 2}}))
        .unwrap()
        .with_file(&file)
        .unwrap();
    assert_eq!(cfg.version().unwrap(), 0);
    assert!(cfg.reload().unwrap().is_none(), "nothing changed");
    save(
        &file,
        "[server]\nport = 8080\nhost = \"a\"\n[new]\ny = [1, 2]\n",
    );
    let change = cfg.reload().unwrap().expect("values changed");
    assert_eq!(change.version, 1);
    let paths = |v: &[superconfig::KeyChange]| v.iter().map(|c| c.path.clone()).collect::<Vec<_>>();
    assert_eq!(paths(&change.changed), ["server.port"]);
    assert_eq!(paths(&change.removed), ["old.x"]);
    assert_eq!(paths(&change.added), ["new.y"]);
    let port = &change.changed[0];
    assert_eq!(port.old_source.as_ref().unwrap().line, Some(2));
    assert_eq!(port.new_source.as_ref().unwrap().line, Some(2));
    assert_eq!(cfg.get::<i64, _>("server.port").unwrap(), 8080);
    assert_eq!(
        cfg.get::<i64, _>("server.workers").unwrap(),
        2,
        "defaults kept"
    );
    assert_eq!(cfg.version().unwrap(), 1);
}

#[test]
fn a_broken_input_keeps_the_last_good_tree_and_reports_where() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("app.toml");
    save(&file, "port = 80\n");
    let cfg = SuperConfig::new().with_file(&file).unwrap();
    let events = cfg.subscribe().unwrap();
    save(&file, "port = 81\nname = \n");
    let err = cfg.reload().unwrap_err();
    assert!(matches!(err, Error::ParseError(_)), "{err}");
    assert_eq!(err.details().line, Some(2));
    assert_eq!(cfg.get::<i64, _>("port").unwrap(), 80, "last good tree");
    assert_eq!(cfg.version().unwrap(), 0);
    save(&file, "port = 82\n");
    assert_eq!(cfg.reload().unwrap().unwrap().version, 1);
    match events.try_recv() {
        Some(ReloadEvent::ReloadFailed(f)) => {
            assert_eq!(f.version, 0);
            assert!(f.error.to_string().contains("app.toml"), "{}", f.error);
        }
        other => panic!("expected ReloadFailed, got {other:?}"),
    }
    assert!(matches!(events.try_recv(), Some(ReloadEvent::Changed(c)) if c.version == 1));
    assert!(events.try_recv().is_none());
}

#[test]
fn strict_mode_refuses_a_reload_that_warns() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("app.toml");
    save(&file, "port = 80\n");
    let cfg = SuperConfig::strict().with_file(&file).unwrap();
    fs::remove_file(&file).unwrap();
    let err = cfg.reload().unwrap_err();
    assert_eq!(err.kind(), "FileNotFound");
    assert_eq!(cfg.get::<i64, _>("port").unwrap(), 80);
    // Not strict: the file is a missing layer and its values go.
    let lax = SuperConfig::new()
        .with_string("a = 1", Format::Toml)
        .unwrap();
    save(&file, "port = 80\n");
    let lax = lax.with_file(&file).unwrap();
    fs::remove_file(&file).unwrap();
    let change = lax.reload().unwrap().unwrap();
    assert_eq!(change.removed[0].path, "port");
    assert!(
        lax.warnings()
            .unwrap()
            .iter()
            .any(|w| w.kind.as_str() == "FileNotFound")
    );
}

#[test]
fn array_operations_are_applied_again_not_doubled() {
    let cfg = SuperConfig::new()
        .with_string("hosts = [\"a\"]", Format::Toml)
        .unwrap()
        .with_string_opts("hosts_add = [\"b\"]", Format::Toml, &named("", "extra"))
        .unwrap();
    for _ in 0..3 {
        assert!(cfg.reload().unwrap().is_none());
    }
    assert_eq!(cfg.get::<Vec<String>, _>("hosts").unwrap(), ["a", "b"]);
    cfg.update_string("extra", "hosts_add = [\"c\"]")
        .unwrap()
        .unwrap();
    assert_eq!(cfg.get::<Vec<String>, _>("hosts").unwrap(), ["a", "c"]);
}

#[test]
fn the_profile_is_kept_and_secrets_are_redacted_in_the_diff() {
    let cfg = SuperConfig::with_options(&ConfigOptions {
        secret_keys: vec!["*dsn".into()],
        ..ConfigOptions::default()
    })
    .with_string_opts(
        "[default]\nport = 1\npassword = \"p1\"\ndsn = \"d1\"\nurl = \"https://u:pw1@h\"\n[prod]\nport = 2\n",
        Format::Toml,
        &StringOptions {
            name: Some("app".into()),
            profiles: true,
        },
    )
    .unwrap()
    .select_profile("prod")
    .unwrap();
    let change = cfg
        .update_string(
            "app",
            "[default]\nport = 1\npassword = \"p2\"\ndsn = \"d2\"\nurl = \"https://u:pw2@h\"\n[prod]\nport = 3\n",
        )
        .unwrap()
        .unwrap();
    assert_eq!(cfg.get::<i64, _>("port").unwrap(), 3, "still under prod");
    let text = format!("{change:?}");
    for secret in ["p1", "p2", "d1", "d2", "pw1", "pw2"] {
        assert!(
            !text.contains(&format!("\"{secret}")),
            "{secret} shown: {text}"
        );
        assert!(
            !text.contains(&format!(":{secret}@")),
            "{secret} shown: {text}"
        );
    }
    assert_eq!(change.changed.len(), 4, "{text}");
}

#[test]
fn snapshots_keep_their_tree_and_builder_steps_start_again_at_zero() {
    let cfg = SuperConfig::new()
        .with_string_opts("v = 1", Format::Toml, &named("", "s"))
        .unwrap();
    cfg.update_string("s", "v = 2").unwrap().unwrap();
    let snap = cfg.snapshot().unwrap();
    cfg.update_string("s", "v = 3").unwrap().unwrap();
    assert_eq!(snap.get::<i64, _>("v").unwrap(), 2);
    assert_eq!(snap.version().unwrap(), 1);
    assert_eq!(cfg.version().unwrap(), 2);
    let later = cfg.with_string("w = 1", Format::Toml).unwrap();
    assert_eq!(later.version().unwrap(), 0);
    assert_eq!(later.get::<i64, _>("v").unwrap(), 3);
    // The snapshot's own reloads do not reach the original's subscribers.
    let events = cfg.subscribe().unwrap();
    snap.update_string("s", "v = 9").unwrap().unwrap();
    assert!(events.try_recv().is_none());
    assert_eq!(cfg.get::<i64, _>("v").unwrap(), 3);
    let err = cfg.update_string("nope", "v = 1").unwrap_err();
    assert_eq!(err.kind(), "InvalidArgument");
}

#[test]
fn a_moved_line_updates_the_source_without_an_event() {
    let cfg = SuperConfig::new()
        .with_string_opts("a = 1\n", Format::Toml, &named("", "s"))
        .unwrap();
    assert!(
        cfg.update_string("s", "# comment\n\na = 1\n")
            .unwrap()
            .is_none()
    );
    assert_eq!(cfg.source("a").unwrap().line, Some(3));
    assert_eq!(cfg.version().unwrap(), 0);
}

#[test]
fn a_follower_shares_every_reload_and_a_snapshot_does_not() {
    let cfg = SuperConfig::new()
        .with_string_opts("v = 1", Format::Toml, &named("", "s"))
        .unwrap();
    let twin = cfg.follower().unwrap();
    let snap = cfg.snapshot().unwrap();
    let events = twin.subscribe().unwrap();
    cfg.update_string("s", "v = 2").unwrap().unwrap();
    assert_eq!(
        (twin.get::<i64, _>("v").unwrap(), twin.version().unwrap()),
        (2, 1)
    );
    twin.update_string("s", "v = 3").unwrap().unwrap();
    assert_eq!(
        (cfg.get::<i64, _>("v").unwrap(), cfg.version().unwrap()),
        (3, 2)
    );
    assert_eq!(snap.get::<i64, _>("v").unwrap(), 1);
    let versions: Vec<u64> = std::iter::from_fn(|| events.try_recv())
        .map(|e| match e {
            ReloadEvent::Changed(c) => c.version,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(versions, [1, 2]);
    // A freed follower is left out of later reloads; the others go on.
    let third = cfg.follower().unwrap();
    drop(twin);
    cfg.update_string("s", "v = 4").unwrap().unwrap();
    assert_eq!(third.get::<i64, _>("v").unwrap(), 4);
}

#[test]
fn an_unread_subscription_keeps_the_newest_events_only() {
    let cfg = SuperConfig::new()
        .with_string_opts("v = 0", Format::Toml, &named("", "s"))
        .unwrap();
    let events = cfg.subscribe().unwrap();
    for i in 1..=1100 {
        cfg.update_string("s", &format!("v = {i}"))
            .unwrap()
            .unwrap();
    }
    assert_eq!(events.dropped(), 76);
    let versions: Vec<u64> = std::iter::from_fn(|| events.try_recv())
        .map(|e| match e {
            ReloadEvent::Changed(c) => c.version,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(versions.len(), 1024);
    assert_eq!((versions[0], versions[1023]), (77, 1100));
    events.close();
    cfg.update_string("s", "v = -1").unwrap().unwrap();
    assert!(events.try_recv().is_none(), "nothing after close");
}
