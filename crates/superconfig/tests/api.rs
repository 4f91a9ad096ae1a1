//! The Rust face: builder immutability, typed reads, handles, provenance, structural sharing.

use serde::Deserialize;
use superconfig::{Format, REGISTRY, SuperConfig, Value, stats};

#[derive(Debug, Deserialize, PartialEq)]
struct Database {
    host: String,
    port: u16,
    replicas: Vec<String>,
    timeout_s: Option<f64>,
}

fn base() -> SuperConfig {
    SuperConfig::new()
        .with_string(
            "[database]\nhost = \"localhost\"\nport = 5432\nreplicas = [\"r1\"]\npassword = \"pw\"\n",
            Format::Toml,
        )
        .unwrap()
}

#[test]
fn typed_reads_and_extraction() {
    let cfg = base();
    let db: Database = cfg.get("database").unwrap();
    assert_eq!(
        db,
        Database {
            host: "localhost".into(),
            port: 5432,
            replicas: vec!["r1".into()],
            timeout_s: None
        }
    );
    let port: u16 = cfg.get(&["database", "port"]).unwrap();
    assert_eq!(port, 5432);
    assert_eq!(
        cfg.get_or("database.user", "nobody".to_string()).unwrap(),
        "nobody"
    );
    let all: serde_json::Value = cfg.extract().unwrap();
    assert_eq!(all["database"]["port"], 5432);
}

#[test]
fn type_errors_name_the_key_path() {
    let cfg = base();
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Wrong {
        database: WrongDb,
    }
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct WrongDb {
        port: String,
    }
    let e = cfg.extract::<Wrong>().unwrap_err();
    assert_eq!(e.kind(), "TypeMismatch");
    assert_eq!(e.details().key.as_deref(), Some("database.port"));
    let e = cfg.get::<u8, _>("database.port").unwrap_err();
    assert_eq!(e.details().key.as_deref(), Some("database.port"));
    let e = cfg.get::<i64, _>("database.nope").unwrap_err();
    assert_eq!(e.kind(), "KeyNotFound");
}

#[test]
fn builder_steps_leave_the_old_config_valid() {
    let a = base();
    let b = a
        .with_env_map([("APP_DATABASE__PORT", "6432")], "APP_")
        .unwrap();
    assert_eq!(a.get::<i64, _>("database.port").unwrap(), 5432);
    assert_eq!(b.get::<i64, _>("database.port").unwrap(), 6432);
}

#[test]
fn untouched_subtrees_are_shared_between_steps() {
    let a = SuperConfig::new()
        .with_string("[big]\nx = 1\n[small]\ny = 2\n", Format::Toml)
        .unwrap();
    let b = a.with_string("[small]\ny = 3\n", Format::Toml).unwrap();
    let (Value::Table(t1), Value::Table(t2)) = (
        a.get_node("big").unwrap().value,
        b.get_node("big").unwrap().value,
    ) else {
        panic!("tables expected")
    };
    assert!(
        std::sync::Arc::ptr_eq(&t1, &t2),
        "the unchanged table is the same allocation"
    );
}

#[test]
fn dropping_frees_the_handle_and_clone_adds_one() {
    // Other tests create and drop handles in parallel: look at ours by id, not at the count.
    let (ida, idb) = {
        let a = base();
        let b = a.clone();
        assert_eq!(
            a.get::<i64, _>("database.port").unwrap(),
            b.get::<i64, _>("database.port").unwrap()
        );
        assert_ne!(
            a.handle_id(),
            b.handle_id(),
            "a clone is a handle of its own"
        );
        assert!(REGISTRY.contains(a.handle_id()) && REGISTRY.contains(b.handle_id()));
        (a.handle_id(), b.handle_id())
    };
    assert!(!REGISTRY.contains(ida) && !REGISTRY.contains(idb));
    let before = stats().handles;
    for _ in 0..1000 {
        drop(base());
    }
    assert!(stats().handles < before + 1000);
}

#[test]
fn dump_redacts_and_round_trips_every_format() {
    let cfg = base();
    for format in [Format::Json, Format::Toml, Format::Yaml] {
        let text = cfg.dump(format, true).unwrap();
        assert!(
            !text.contains("\"pw\"") && !text.contains(" pw"),
            "{format}: {text}"
        );
        let back = SuperConfig::new().with_string(&text, format).unwrap();
        assert_eq!(back.get::<String, _>("database.password").unwrap(), "***");
        assert_eq!(back.get::<i64, _>("database.port").unwrap(), 5432);
        let plain = cfg.dump(format, false).unwrap();
        assert!(plain.contains("pw"));
    }
    let with_null = SuperConfig::new()
        .with_string("{\"a\": {\"b\": null}}", Format::Json)
        .unwrap();
    let e = with_null.dump(Format::Toml, true).unwrap_err();
    assert_eq!(e.kind(), "InvalidArgument");
    assert!(e.to_string().contains("a.b"));
}

#[test]
fn explain_redacts_secret_values() {
    let cfg = base()
        .with_env_map([("APP_DATABASE__PASSWORD", "s3cret")], "APP_")
        .unwrap();
    let x = cfg.explain("database.password").unwrap();
    assert!(matches!(&x.value.value, Value::String(s) if &**s == "***"));
    assert_eq!(x.source.name, "APP_DATABASE__PASSWORD");
    assert_eq!(x.overridden.len(), 1);
    assert_eq!(x.overridden[0].line, Some(5));
    assert_eq!(cfg.get::<String, _>("database.password").unwrap(), "s3cret");
}

#[test]
fn strict_mode_raises_warnings_as_errors() {
    let e = SuperConfig::strict()
        .with_file("/nonexistent/superconfig-test.toml")
        .unwrap_err();
    assert_eq!(e.kind(), "FileNotFound");
    let e = SuperConfig::strict()
        .with_env_map([("APP_A", "1"), ("APP_A__B", "2")], "APP_")
        .unwrap_err();
    assert_eq!(e.kind(), "KeyConflict");
    let ok = SuperConfig::strict()
        .suppress_warnings(&["KeyConflict"])
        .unwrap();
    assert!(
        ok.with_env_map([("APP_A", "1"), ("APP_A__B", "2")], "APP_")
            .is_ok()
    );
}

#[test]
fn the_root_has_the_latest_layer_as_source_and_an_empty_config_has_none() {
    let cfg = base().with_env_map([("APP_X", "1")], "APP_").unwrap();
    assert_eq!(cfg.source("").unwrap().kind.as_str(), "env");
    let e = SuperConfig::new().source("").unwrap_err();
    assert_eq!(e.kind(), "KeyNotFound");
    // A clone is a second, working handle onto the same snapshot.
    let twin = cfg.clone();
    assert_ne!(twin.handle_id(), cfg.handle_id());
    assert_eq!(twin.get::<i64, _>("x").unwrap(), 1);
}
