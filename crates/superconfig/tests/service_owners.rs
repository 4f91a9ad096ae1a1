//! What service owners expect (docs/behaviour.md, "Service owners"): env + dotenv + secrets
//! directory into a serde struct, numeric-looking strings kept as written, and type errors that
//! list every invalid field with its source.

use std::fs;

use serde::Deserialize;
use superconfig::{
    ConfigOptions, EnvOptions, Error, Format, SecretsOptions, SuperConfig, WarningKind,
};

#[derive(Debug, Deserialize)]
struct Database {
    host: String,
    password: String,
    pool_size: u32,
}

#[derive(Debug, Deserialize)]
struct Settings {
    version: String,
    ratio: f64,
    port: u16,
    database: Database,
    tags: Vec<String>,
    api_token: String,
}

fn dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary directory")
}

#[test]
fn env_dotenv_and_secrets_extract_into_strings_as_written() {
    let tmp = dir();
    let dotenv = tmp.path().join(".env");
    fs::write(
        &dotenv,
        "# comment\nMYAPP_VERSION=1.10\nMYAPP_RATIO=0.5\nexport MYAPP_PORT=8080\nOTHER=1\n",
    )
    .expect("write .env");
    let secrets = tmp.path().join("secrets");
    fs::create_dir(&secrets).expect("mkdir");
    fs::write(secrets.join("api_token"), "0123\n").expect("write secret");
    fs::write(secrets.join(".hidden"), "x").expect("write dotfile");
    let vars = [
        ("MYAPP_DATABASE__PASSWORD", "987654321"),
        ("MYAPP_DATABASE__HOST", "db"),
        ("MYAPP_DATABASE__POOL_SIZE", "10"),
        ("MYAPP_PORT", "9090"),
        ("MYAPP_TAGS", r#"["a", "b"]"#),
    ];
    let cfg = SuperConfig::new()
        .with_env_map_opts(
            vars,
            "MYAPP_",
            &EnvOptions {
                dotenv: Some(dotenv.clone()),
                ..EnvOptions::default()
            },
        )
        .and_then(|c| c.with_secrets_dir(&secrets))
        .expect("loads");
    let s: Settings = cfg.extract().expect("extracts");
    assert_eq!(s.version, "1.10");
    assert_eq!(s.database.password, "987654321");
    assert_eq!(s.api_token, "0123");
    assert_eq!(s.port, 9090);
    assert_eq!(s.database.pool_size, 10);
    assert_eq!(s.ratio, 0.5);
    assert_eq!(s.tags, ["a", "b"]);
    assert_eq!(s.database.host, "db");
    // `get` keeps the typed value.
    assert_eq!(cfg.get::<f64, _>("version").expect("float"), 1.1);
    assert_eq!(
        cfg.get::<i64, _>("database.password").expect("int"),
        987654321
    );
    assert_eq!(
        cfg.get::<String, _>("database.password").expect("text"),
        "987654321"
    );
    // Sources: the dotenv file at its line, the variable, the secret file.
    let src = cfg.source("version").expect("source");
    assert_eq!((src.kind.as_str(), src.line), ("file", Some(2)));
    assert_eq!(src.name, dotenv.display().to_string());
    assert_eq!(cfg.source("port").expect("source").name, "MYAPP_PORT");
    let token = cfg.source("api_token").expect("source");
    assert_eq!(token.name, secrets.join("api_token").display().to_string());
    // A secret file's value is redacted though its key is not secret-named... (`api_token` is);
    // `port` from the dotenv is not.
    let dumped = cfg.dump(Format::Json, true).expect("dump");
    assert!(
        !dumped.contains("0123") && !dumped.contains("987654321"),
        "{dumped}"
    );
    assert!(
        cfg.get::<i64, _>("other").is_err(),
        "unprefixed dotenv variables are not read"
    );
}

#[test]
fn secrets_dir_values_are_secrets_whatever_their_key() {
    let tmp = dir();
    fs::write(tmp.path().join("app_db__url"), "postgres://x\r\n").expect("write");
    fs::write(tmp.path().join("unrelated"), "nope").expect("write");
    fs::create_dir(tmp.path().join("app_sub")).expect("mkdir");
    let cfg = SuperConfig::new()
        .with_secrets_dir_opts(
            tmp.path(),
            &SecretsOptions {
                prefix: String::from("app_"),
            },
        )
        .expect("loads");
    assert_eq!(cfg.get::<String, _>("db.url").expect("url"), "postgres://x");
    assert!(!cfg.has("unrelated").expect("has") && !cfg.has("sub").expect("has"));
    let dumped = cfg.dump(Format::Json, true).expect("dump");
    assert!(!dumped.contains("postgres"), "{dumped}");
    let explained = cfg.explain("db.url").expect("explain");
    assert!(matches!(&explained.value.value, superconfig::Value::String(s) if s == "***"));
    let missing = SuperConfig::new()
        .with_secrets_dir(tmp.path().join("nope"))
        .expect("a warning");
    let warnings = missing.warnings().expect("warnings");
    assert_eq!(warnings[0].kind, WarningKind::FileNotFound);
}

#[test]
fn secret_keys_and_url_passwords_are_redacted() {
    let cfg = SuperConfig::with_options(&ConfigOptions {
        secret_keys: vec![String::from("*DSN"), String::from("database.url")],
        ..ConfigOptions::default()
    })
    .with_string(
        "sentry_dsn = \"https://k@sentry\"\nnote = \"see postgresql://u:hunter2@h/db\"\n[database]\nurl = \"x\"\nhost = \"h\"\n",
        Format::Toml,
    )
    .expect("loads");
    let dumped = cfg.dump(Format::Json, true).expect("dump");
    assert!(dumped.contains("postgresql://u:***@h/db"), "{dumped}");
    assert!(
        !dumped.contains("hunter2") && !dumped.contains("sentry\""),
        "{dumped}"
    );
    assert!(dumped.contains("\"host\": \"h\""), "{dumped}");
    let explained = cfg.explain("note").expect("explain");
    assert!(matches!(
        &explained.value.value,
        superconfig::Value::String(s) if s == "see postgresql://u:***@h/db"
    ));
    let plain = cfg.dump(Format::Json, false).expect("dump");
    assert!(plain.contains("hunter2"));
}

#[test]
fn type_errors_list_every_field_with_its_source() {
    let cfg = SuperConfig::new()
        .with_string(
            "version = \"1\"\nratio = \"high\"\nport = 1\ntags = []\napi_token = \"t\"\n[database]\nhost = \"h\"\npassword = \"p\"\npool_size = 5\n",
            Format::Toml,
        )
        .and_then(|c| c.with_env_map([("APP_PORT", "not-a-port")], "APP_"))
        .expect("loads");
    let err = cfg.extract::<Settings>().expect_err("two invalid fields");
    let Error::TypeMismatch(d) = &err else {
        panic!("{err:?}")
    };
    let keys: Vec<&str> = d.fields.iter().map(|f| f.key.as_str()).collect();
    assert_eq!(keys, ["ratio", "port"], "{err}");
    let first = d.fields[0].source.as_ref().expect("a source");
    assert_eq!((first.name.as_str(), first.line), ("<string>", Some(2)));
    let second = d.fields[1].source.as_ref().expect("a source");
    assert_eq!(second.name, "APP_PORT");
    let text = err.to_string();
    assert!(
        text.starts_with("type mismatch: 2 invalid fields: <string>:2: at 'ratio': "),
        "{text}"
    );
    assert!(text.contains("APP_PORT: at 'port': "), "{text}");
    assert!(
        !text.contains("not-a-port") && !text.contains("high"),
        "{text}"
    );
    // One field: the source is the usual prefix.
    let one = cfg.get::<u16, _>("port").expect_err("one");
    assert!(
        one.to_string()
            .starts_with("type mismatch: APP_PORT: at 'port': "),
        "{one}"
    );
    assert_eq!(one.details().file.as_deref(), Some("APP_PORT"));
}

#[test]
fn suspicious_env_and_did_you_mean() {
    let cfg = SuperConfig::new()
        .with_string("[database]\npool_size = 5\n", Format::Toml)
        .and_then(|c| {
            c.with_env_map(
                [("APP_DATABASE_POOL_SIZE", "99"), ("APP_SERVER__PORT", "1")],
                "APP_",
            )
        })
        .expect("loads");
    let w = cfg.warnings().expect("warnings");
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].kind, WarningKind::SuspiciousEnv);
    assert!(
        w[0].message
            .contains("did you mean APP_DATABASE__POOL_SIZE"),
        "{}",
        w[0].message
    );
    let no_sep = SuperConfig::new()
        .with_env_map([("MYAPP_SERVER__PORT", "1")], "MYAPP")
        .expect("loads");
    let w = no_sep.warnings().expect("warnings");
    assert!(
        w[0].message.contains("did you mean prefix 'MYAPP_'"),
        "{}",
        w[0].message
    );
    let strict = SuperConfig::strict().with_env_map([("MYAPP_SERVER__PORT", "1")], "MYAPP");
    assert!(matches!(strict, Err(Error::SuspiciousEnv(_))));
    let missing = cfg
        .get::<i64, _>("database.pool_sise")
        .expect_err("missing");
    assert!(
        missing
            .to_string()
            .contains("did you mean 'database.pool_size'"),
        "{missing}"
    );
}

#[test]
fn a_profile_table_in_an_unprofiled_layer_is_pointed_out() {
    let base = SuperConfig::new()
        .with_string("[default]\na = 1\n[production]\na = 2\n", Format::Toml)
        .expect("loads");
    let cfg = base.select_profile("production").expect("a warning");
    let w = cfg.warnings().expect("warnings");
    assert_eq!(w[0].kind, WarningKind::ProfileNotFound);
    assert!(w[0].message.contains("profiles=True"), "{}", w[0].message);
    let strict = SuperConfig::strict()
        .with_string("[production]\na = 2\n", Format::Toml)
        .and_then(|c| {
            c.select_profile_from_env_map("APP_ENV", "default", &[("APP_ENV", "production")])
        });
    assert!(matches!(strict, Err(Error::ProfileNotFound(_))));
}

#[test]
fn aliases_and_profile_from_env() {
    let cfg = SuperConfig::new()
        .with_string_opts(
            "[default]\na = 1\n[staging]\na = 2\n",
            Format::Toml,
            &superconfig::StringOptions {
                profiles: true,
                ..Default::default()
            },
        )
        .and_then(|c| {
            c.select_profile_from_env_map("APP_ENV", "default", &[("APP_ENV", "staging")])
        })
        .and_then(|c| {
            c.with_env_aliases_map(
                &[
                    ("DATABASE_URL", "database.url"),
                    ("PORT", "server.port"),
                    ("NOPE", "x"),
                ],
                &[("PORT", "8080"), ("DATABASE_URL", "postgres://h/db")],
            )
        })
        .expect("loads");
    assert_eq!(cfg.get::<i64, _>("a").expect("a"), 2);
    assert_eq!(cfg.get::<i64, _>("server.port").expect("port"), 8080);
    assert_eq!(cfg.get::<String, _>("server.port").expect("text"), "8080");
    assert_eq!(cfg.source("server.port").expect("source").name, "PORT");
    assert!(!cfg.has("x").expect("has"));
    let unset = cfg
        .select_profile_from_env_map("APP_ENV", "default", &[("APP_ENV", "")])
        .expect("default");
    assert_eq!(unset.active_profile().expect("profile"), "default");
}

#[test]
fn review_mends_each_fact_once_and_whole_paths() {
    // A value below a key a pattern makes secret is secret in `explain` too.
    let cfg = SuperConfig::with_options(&ConfigOptions {
        secret_keys: vec![String::from("*dsn")],
        ..ConfigOptions::default()
    })
    .with_string("[sentry_dsn]\npublic_key = \"pk-1\"\n", Format::Toml)
    .expect("loads");
    let x = cfg.explain("sentry_dsn.public_key").expect("explain");
    assert!(matches!(&x.value.value, superconfig::Value::String(s) if s == "***"));
    // The suggestion keeps the variable's nested part.
    let cfg = SuperConfig::new()
        .with_string("[db]\nhost = { x = 0 }\n", Format::Toml)
        .and_then(|c| c.with_env_map([("MYAPP_DB_HOST__X", "1")], "MYAPP_"))
        .expect("loads");
    let w = cfg.warnings().expect("warnings");
    assert!(
        w[0].message.contains("did you mean MYAPP_DB__HOST__X?"),
        "{}",
        w[0].message
    );
    // Strict-mode errors name their source once.
    let e = SuperConfig::strict()
        .with_env_map([("MYAPP_SERVER__PORT", "1")], "MYAPP")
        .expect_err("strict");
    assert_eq!(
        e.to_string().matches("MYAPP_SERVER__PORT").count(),
        1,
        "{e}"
    );
    let e = SuperConfig::strict()
        .with_string_opts(
            "[production]\na = 1\n",
            Format::Toml,
            &superconfig::StringOptions {
                name: Some(String::from("config.toml")),
                profiles: false,
            },
        )
        .and_then(|c| c.select_profile("production"))
        .expect_err("strict");
    assert_eq!(e.to_string().matches("config.toml").count(), 1, "{e}");
    // "Did you mean" names the whole mended path when it exists.
    let cfg = SuperConfig::new()
        .with_string("[server]\nport = 1\n", Format::Toml)
        .expect("loads");
    let e = cfg.get::<i64, _>("Server.port").expect_err("missing");
    assert!(e.to_string().contains("did you mean 'server.port'"), "{e}");
}

#[test]
fn second_review_mends() {
    // A pattern naming array elements redacts them in dumps too.
    let cfg = SuperConfig::with_options(&ConfigOptions {
        secret_keys: vec![String::from("backup_urls.*")],
        ..ConfigOptions::default()
    })
    .with_string(
        "backup_urls = [\"s3://a\", \"tok-9\"]\nhosts = [\"h\"]\n",
        Format::Toml,
    )
    .expect("loads");
    let dumped = cfg.dump(Format::Json, true).expect("dump");
    assert!(
        !dumped.contains("tok-9") && !dumped.contains("s3://a"),
        "{dumped}"
    );
    assert!(dumped.contains("\"h\""), "{dumped}");
    // A password with a '/', '?' or '#' in it is still hidden.
    let cfg = SuperConfig::new()
        .with_string("u = \"postgres://user:pa/ss?LEAK@host/db\"\n", Format::Toml)
        .expect("loads");
    assert!(!cfg.dump(Format::Json, true).expect("dump").contains("LEAK"));
    // An env layer cannot be profiled: no hint for it.
    let cfg = SuperConfig::new()
        .with_env_map([("APP_PROD__X", "1")], "APP_")
        .and_then(|c| c.select_profile("prod"))
        .expect("loads");
    assert!(cfg.warnings().expect("warnings").is_empty());
    // At most a hundred fields are listed, and the message says how many there were.
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Many {
        xs: Vec<u8>,
    }
    let items: Vec<String> = (0..150).map(|i| format!("\"s{i}\"")).collect();
    let cfg = SuperConfig::new()
        .with_string(&format!("xs = [{}]\n", items.join(", ")), Format::Toml)
        .expect("loads");
    let err = cfg.extract::<Many>().expect_err("150 bad items");
    assert_eq!(err.details().fields.len(), 100);
    // Suggestions are bounded: none for a name past 64 characters, even one edit from a key;
    // one for a short slip.
    let long = "k".repeat(100);
    let cfg = SuperConfig::new()
        .with_defaults_from(&serde_json::json!({ long.clone(): 1, "port": 2 }))
        .expect("loads");
    let slip = format!("{}x", &long[1..]);
    let e = cfg.get::<i64, _>(slip.as_str()).expect_err("missing");
    assert!(!e.to_string().contains("did you mean"), "{e}");
    let e = cfg.get::<i64, _>("prot").expect_err("missing");
    assert!(e.to_string().contains("did you mean 'port'"), "{e}");
}

#[test]
fn type_errors_do_not_report_what_a_stand_in_caused() {
    // A port that refuses 0: the stand-in given to the first invalid field must not come back
    // as an invalid field of its own, and a later invalid field and a missing one still count.
    #[derive(Debug, Deserialize)]
    #[serde(try_from = "u16")]
    struct Port(#[allow(dead_code)] u16);
    impl TryFrom<u16> for Port {
        type Error = String;
        fn try_from(v: u16) -> Result<Self, String> {
            if v == 0 {
                Err(String::from("a port is not 0"))
            } else {
                Ok(Port(v))
            }
        }
    }
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Server {
        port: Port,
        workers: u8,
        host: String,
    }
    let cfg = SuperConfig::new()
        .with_string("port = \"x\"\nworkers = \"y\"\n", Format::Toml)
        .expect("loads");
    let err = cfg.extract::<Server>().expect_err("invalid");
    let keys: Vec<&str> = err
        .details()
        .fields
        .iter()
        .map(|f| f.key.as_str())
        .collect();
    assert!(!err.to_string().contains("not 0"), "{err}");
    assert_eq!(keys.first(), Some(&"port"), "{err}");
}
