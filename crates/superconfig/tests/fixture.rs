//! The shared benchmark fixture merges to its expected result.

use std::path::PathBuf;

use superconfig::{Format, SuperConfig};

fn fixture_dir() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let candidates = [
        here.join("../../../shared/bench-fixture"),
        here.join("../../shared/bench-fixture"),
    ];
    candidates
        .into_iter()
        .find(|p| p.is_dir())
        .expect("shared/bench-fixture beside the checkout")
}

#[test]
fn layered_fixture_matches_expected_json() {
    let dir = fixture_dir();
    let defaults: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("defaults.json")).unwrap()).unwrap();
    let env: std::collections::BTreeMap<String, String> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("env.json")).unwrap()).unwrap();
    let cfg = SuperConfig::new()
        .with_defaults_from(&defaults)
        .unwrap()
        .with_file(dir.join("base.toml"))
        .unwrap()
        .with_file(dir.join("prod.yaml"))
        .unwrap()
        .with_env_map(env, "APP_")
        .unwrap();
    let expected: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    let got: serde_json::Value = cfg.extract().unwrap();
    assert_eq!(got, expected);
    assert_eq!(cfg.get::<i64, _>("database.pool.max_size").unwrap(), 64);
    let text = cfg.dump(Format::Json, false).unwrap();
    assert!(text.contains("db-primary.override.internal"));
    assert!(cfg.warnings().unwrap().is_empty());
}
