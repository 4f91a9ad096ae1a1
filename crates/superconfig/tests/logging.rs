//! docs/behaviour.md, "Logging and internal errors": the core says what it does through `log`, and
//! never a secret value.

use std::sync::Mutex;

use log::{Level, LevelFilter, Log, Metadata, Record};
use superconfig::SuperConfig;

struct Capture(Mutex<Vec<(Level, String)>>);

impl Log for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn log(&self, record: &Record<'_>) {
        if let Ok(mut lines) = self.0.lock() {
            lines.push((record.level(), record.args().to_string()));
        }
    }
    fn flush(&self) {}
}

static CAPTURE: Capture = Capture(Mutex::new(Vec::new()));

#[test]
fn logs_lookups_loads_env_names_profile_and_warnings_without_secrets() {
    log::set_logger(&CAPTURE).unwrap();
    log::set_max_level(LevelFilter::Trace);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("app.toml");
    std::fs::write(&file, "[db]\npassword = \"file-secret\"\n").unwrap();
    let cfg = SuperConfig::new()
        .with_file(&file)
        .unwrap()
        .with_file(dir.path().join("missing.toml"))
        .unwrap()
        // The same warning again is this step's warning again: logged (and counted) twice.
        .with_file(dir.path().join("missing.toml"))
        .unwrap()
        .with_env_map(
            [
                ("APP_DB__PASSWORD", "env-secret"),
                ("APP_DB__TOKEN", "tok-secret"),
            ],
            "APP_",
        )
        .unwrap()
        .select_profile("prod")
        .unwrap();
    let _ = cfg.explain("db.password").unwrap();
    let _ = cfg.get::<i64, _>("db.password");
    let lines = CAPTURE.0.lock().unwrap().clone();
    let text: Vec<&str> = lines.iter().map(|(_, l)| l.as_str()).collect();
    let has = |needle: &str| text.iter().any(|l| l.contains(needle));
    assert!(has(": found ("), "a lookup that found a file: {text:?}");
    assert!(
        has("missing.toml: not found"),
        "a lookup that found nothing: {text:?}"
    );
    assert!(
        has("loaded") && has("top-level keys"),
        "a load with its size and time: {text:?}"
    );
    assert!(
        has("APP_DB__PASSWORD"),
        "matched env variables by name: {text:?}"
    );
    assert!(has("profile 'prod'"), "the profile chosen: {text:?}");
    let missing_warnings = lines
        .iter()
        .filter(|(lvl, l)| *lvl == Level::Warn && l.contains("missing.toml does not exist"))
        .count();
    assert_eq!(missing_warnings, 2, "warnings: {text:?}");
    for secret in ["file-secret", "env-secret", "tok-secret"] {
        assert!(!has(secret), "{secret} leaked into a log line: {text:?}");
    }
}
