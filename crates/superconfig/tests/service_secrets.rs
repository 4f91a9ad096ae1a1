//! The secrets of the service-owner features (docs/behaviour.md, "Secrets"): values a
//! `secret_keys` pattern matches, values from a secrets directory and URL passwords never show in
//! a redacted dump (every format), an explanation, the `Debug` of a configuration, a typed
//! extraction's error, or a warning raised as an error.

use std::fs;

use serde::Deserialize;
use superconfig::{ConfigOptions, Format, SuperConfig};

const MARKERS: [&str; 4] = ["Mk-dsn-4471", "Mk-url-9902", "Mk-file-3318", "Mk-deep-5120"];

fn no_marker(what: &str, text: &str) {
    for m in MARKERS {
        assert!(!text.contains(m), "{what} shows {m}: {text}");
    }
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Wants {
    sentry_dsn: u16,
    note: u16,
    db: Db,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Db {
    password: u16,
    nested: u16,
}

#[test]
fn service_owner_secrets_never_show() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    fs::write(tmp.path().join("db__password"), format!("{}\n", MARKERS[2])).expect("write");
    let cfg = SuperConfig::with_options(&ConfigOptions {
        secret_keys: vec![String::from("*DSN"), String::from("db.nested")],
        ..ConfigOptions::default()
    })
    .with_string(
        &format!(
            "sentry_dsn = \"{}\"\nnote = \"postgresql://user:{}@db/x\"\n[db]\nnested = {{ deep = \"{}\" }}\n",
            MARKERS[0], MARKERS[1], MARKERS[3]
        ),
        Format::Toml,
    )
    .and_then(|c| c.with_secrets_dir(tmp.path()))
    .expect("loads");
    for format in [Format::Json, Format::Toml, Format::Yaml] {
        no_marker("a dump", &cfg.dump(format, true).expect("dumps"));
    }
    for path in [
        "sentry_dsn",
        "note",
        "db",
        "db.password",
        "db.nested",
        "db.nested.deep",
    ] {
        let x = cfg.explain(path).expect("explains");
        no_marker("an explanation", &format!("{x:?}"));
    }
    no_marker("Debug", &format!("{cfg:?}"));
    let err = cfg
        .extract::<Wants>()
        .expect_err("every field has the wrong type");
    no_marker("a type error", &format!("{err} {err:?}"));
    assert!(err.details().fields.len() >= 3, "{err}");
    // The values are there, unredacted, for whoever asks for them.
    assert_eq!(
        cfg.get::<String, _>("db.password").expect("read"),
        MARKERS[2]
    );
    let plain = cfg.dump(Format::Json, false).expect("dumps");
    assert!(MARKERS.iter().all(|m| plain.contains(m)), "{plain}");
}
