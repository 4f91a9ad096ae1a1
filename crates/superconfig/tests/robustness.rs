//! Bad input gives a typed error, never a panic, a hang or a silent default.

use superconfig::{Error, Format, SuperConfig};

fn parse_err(text: &str, format: Format) -> Error {
    match SuperConfig::new().with_string(text, format) {
        Ok(_) => panic!("expected an error for {format} input"),
        Err(e) => e,
    }
}

#[test]
fn deep_nesting_is_a_parse_error_in_every_format() {
    let n = 100_000;
    let json = format!("{{\"a\": {}1{}}}", "[".repeat(n), "]".repeat(n));
    let toml = format!("a = {}1{}", "[".repeat(n), "]".repeat(n));
    let toml_tables = format!("a = {}1{}", "{b = ".repeat(n), "}".repeat(n));
    let yaml = format!("a: {}1{}", "[".repeat(n), "]".repeat(n));
    let yaml_block: String = (0..2_000)
        .map(|i| format!("{}k:\n", " ".repeat(i)))
        .collect();
    for (text, format) in [
        (json, Format::Json),
        (toml, Format::Toml),
        (toml_tables, Format::Toml),
        (yaml, Format::Yaml),
        (yaml_block, Format::Yaml),
    ] {
        let e = parse_err(&text, format);
        assert_eq!(e.kind(), "ParseError", "{format}: {e}");
    }
}

#[test]
fn deep_dotted_keys_are_bounded() {
    let key = vec!["k"; 100_000].join(".");
    let e = parse_err(&format!("{key} = 1"), Format::Toml);
    assert_eq!(e.kind(), "ParseError", "{e}");
}

#[test]
fn deep_env_json_is_a_parse_error_not_a_crash() {
    let deep = format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000));
    let e = SuperConfig::new()
        .with_env_map([("APP_X", deep.as_str())], "APP_")
        .unwrap_err();
    assert_eq!(e.kind(), "ParseError");
    assert_eq!(e.details().key.as_deref(), Some("x"));
    // Not JSON at all: the string as written.
    let cfg = SuperConfig::new()
        .with_env_map([("APP_X", "[not json")], "APP_")
        .unwrap();
    assert_eq!(cfg.get::<String, _>("x").unwrap(), "[not json");
}

#[test]
fn deep_env_names_are_a_parse_error_not_a_crash() {
    // One variable name with a million separators used to overflow the stack (a segfault
    // natively, a trap in WebAssembly) in the recursive steps after parsing.
    let name = format!("APP_{}", vec!["a"; 1_000_000].join("__"));
    let e = SuperConfig::new()
        .with_env_map([(name.as_str(), "1")], "APP_")
        .unwrap_err();
    assert_eq!(e.kind(), "ParseError");
    assert!(
        e.to_string().contains("nesting deeper than 128 levels"),
        "{e}"
    );
    // The deepest name allowed still loads.
    let name = format!("APP_{}", vec!["a"; 128].join("__"));
    let cfg = SuperConfig::new()
        .with_env_map([(name.as_str(), "1")], "APP_")
        .unwrap();
    assert_eq!(cfg.get::<i64, _>(&vec!["a"; 128][..]).unwrap(), 1);
}

#[test]
fn huge_integers_are_errors_naming_the_key() {
    for (text, format) in [
        ("[server]\nport = 99999999999999999999\n", Format::Toml),
        ("server:\n  port: 99999999999999999999\n", Format::Yaml),
        (
            "{\"server\": {\"port\": 99999999999999999999}}",
            Format::Json,
        ),
    ] {
        let e = parse_err(text, format);
        assert_eq!(e.kind(), "ParseError", "{format}: {e}");
        assert_eq!(
            e.details().key.as_deref(),
            Some("server.port"),
            "{format}: {e}"
        );
        assert!(e.details().line.is_some(), "{format}: {e}");
    }
    // In a variable (or a dotenv line) nobody wrote a number: digits beyond 64 bits, a token
    // or an account id, stay the text as written.
    let cfg = SuperConfig::new()
        .with_env_map([("APP_ID", "99999999999999999999")], "APP_")
        .unwrap();
    assert_eq!(cfg.get::<String, _>("id").unwrap(), "99999999999999999999");
}

#[test]
fn invalid_utf8_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.toml");
    std::fs::write(
        &path,
        "a = 1\nb = \"é"
            .bytes()
            .chain(*b"\xff\xfe\"\n")
            .collect::<Vec<u8>>(),
    )
    .unwrap();
    let e = SuperConfig::new().with_file(&path).unwrap_err();
    assert_eq!(e.kind(), "ParseError");
    assert_eq!(e.details().line, Some(2));
    // Columns count characters, as in every other error: `b = "é` is 6 characters (7 bytes).
    assert_eq!(e.details().column, Some(7));
    assert!(e.details().file.as_deref().unwrap().ends_with("bad.toml"));
}

#[test]
fn malformed_documents_report_line_and_column() {
    let cases = [
        ("a = 1\nb = = 2\n", Format::Toml, 2),
        ("a: 1\nb: [1, 2\n", Format::Yaml, 3),
        ("{\n  \"a\": 1,\n  \"b\": }\n", Format::Json, 3),
        ("a: 1\na: 2\n", Format::Yaml, 2),
    ];
    for (text, format, line) in cases {
        let e = parse_err(text, format);
        assert_eq!(e.kind(), "ParseError", "{format}: {e}");
        assert_eq!(e.details().line, Some(line), "{format}: {e}");
        assert!(e.details().column.is_some(), "{format}: {e}");
    }
}

#[test]
fn alias_bombs_are_bounded() {
    let mut doc = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["b", "c", "d", "e", "f", "g", "h", "i"];
    let mut prev = "a";
    for n in names {
        doc.push_str(&format!(
            "{n}: &{n} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
        ));
        prev = n;
    }
    let e = parse_err(&doc, Format::Yaml);
    assert_eq!(e.kind(), "ParseError", "{e}");
}

#[test]
fn aliases_cannot_nest_past_the_depth_limit() {
    // Each anchor wraps the previous one's alias in 100 lists: no collection is ever open more
    // than ~100 deep, but the tree the aliases build is 300 levels deep.
    let wrap = |inner: &str| format!("{}{inner}{}", "[".repeat(100), "]".repeat(100));
    let doc = format!(
        "a: &a {}\nb: &b {}\nc: &c {}\n",
        wrap("1"),
        wrap("*a"),
        wrap("*b")
    );
    let e = parse_err(&doc, Format::Yaml);
    assert_eq!(e.kind(), "ParseError", "{e}");
    assert!(e.to_string().contains("nesting deeper"), "{e}");
    // Within the limit, aliases still work.
    let ok = format!("a: &a {}\nb: *a\n", wrap("1"));
    assert!(SuperConfig::new().with_string(&ok, Format::Yaml).is_ok());
}

#[test]
fn top_level_non_tables_are_parse_errors() {
    for (text, format) in [
        ("[1, 2]", Format::Json),
        ("- a\n- b\n", Format::Yaml),
        ("42", Format::Yaml),
        ("null", Format::Json),
    ] {
        assert_eq!(parse_err(text, format).kind(), "ParseError");
    }
}

#[test]
fn empty_documents_are_empty_layers() {
    for (text, format) in [
        ("", Format::Toml),
        ("# only a comment\n", Format::Yaml),
        ("  \n", Format::Json),
        ("---\n", Format::Yaml),
    ] {
        let cfg = SuperConfig::new().with_string(text, format).unwrap();
        assert_eq!(
            cfg.layers().unwrap()[0].status.as_str(),
            "empty",
            "{format}"
        );
    }
}

#[test]
fn secrets_never_leak_into_errors_or_debug() {
    let cfg = SuperConfig::new()
        .with_string("[db]\npassword = \"hunter2\"\n", Format::Toml)
        .unwrap();
    assert!(!format!("{cfg:?}").contains("hunter2"));
    let e = cfg.get::<i64, _>("db.password").unwrap_err();
    assert_eq!(e.kind(), "TypeMismatch");
    assert!(!e.to_string().contains("hunter2"), "{e}");
    let e = parse_err("TOKEN=\"abc\nSECRET=hunter2 'oops\n", Format::Dotenv);
    assert!(!e.to_string().contains("hunter2"), "{e}");
    let e = parse_err("db:\n  password: !!int hunter2\n", Format::Yaml);
    assert!(!e.to_string().contains("hunter2"), "{e}");
    assert_eq!(e.details().key.as_deref(), Some("db.password"));
}

#[test]
fn yaml_float_tag_takes_yaml_floats() {
    let cfg = SuperConfig::new()
        .with_string(
            "a: !!float .inf\nb: !!float -.Inf\nc: !!float 3\n",
            Format::Yaml,
        )
        .unwrap();
    assert_eq!(cfg.get::<f64, _>("a").unwrap(), f64::INFINITY);
    assert_eq!(cfg.get::<f64, _>("b").unwrap(), f64::NEG_INFINITY);
    assert_eq!(cfg.get::<f64, _>("c").unwrap(), 3.0);
}

#[test]
fn floats_that_overflow_are_errors_naming_the_key_not_infinity() {
    for (text, format) in [
        ("[a]\nb = 1e400\n", Format::Toml),
        ("a:\n  b: 1e400\n", Format::Yaml),
        ("a:\n  b: !!float 1e400\n", Format::Yaml),
        ("{\"a\": {\"b\": -1e400}}", Format::Json),
    ] {
        let e = parse_err(text, format);
        assert_eq!(e.kind(), "ParseError", "{format}: {e}");
        assert_eq!(e.details().key.as_deref(), Some("a.b"), "{format}: {e}");
        assert!(e.details().line.is_some(), "{format}: {e}");
    }
    // Infinity written as such stays a float.
    for (text, format) in [("a = -inf\n", Format::Toml), ("a: .inf\n", Format::Yaml)] {
        let cfg = SuperConfig::new().with_string(text, format).unwrap();
        assert!(cfg.get::<f64, _>("a").unwrap().is_infinite());
    }
}
