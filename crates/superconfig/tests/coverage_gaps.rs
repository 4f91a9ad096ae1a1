//! Behaviour that the other tests and the conformance cases did not reach (found with
//! `nox -s coverage`), through the public API only: the convenience wrappers, typed extraction of
//! options, enums and newtypes, error kinds and their messages, odd but valid documents in every
//! format (the TOML fast path's fallbacks among them), file-system corner cases, and the
//! public value, registry and key-path types.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, Unexpected, Visitor};
use superconfig::{
    Array, ConfigRegistry, EnvOptions, Error, FileOptions, Format, GlobOptions,
    HierarchicalOptions, KeyPath, LayerStatus, Node, SourceKind, SuperConfig, Value, WarningKind,
};

fn toml(text: &str) -> superconfig::Result<SuperConfig> {
    SuperConfig::new().with_string(text, Format::Toml)
}

fn yaml(text: &str) -> superconfig::Result<SuperConfig> {
    SuperConfig::new().with_string(text, Format::Yaml)
}

fn json(text: &str) -> superconfig::Result<SuperConfig> {
    SuperConfig::new().with_string(text, Format::Json)
}

fn dotenv(text: &str) -> superconfig::Result<SuperConfig> {
    SuperConfig::new().with_string(text, Format::Dotenv)
}

fn tree_json(cfg: &SuperConfig) -> serde_json::Value {
    cfg.extract().expect("extract")
}

// ----- SuperConfig: wrappers, handles, profiles --------------------------------------------------

#[test]
fn default_and_strict_configurations() {
    let cfg = SuperConfig::default();
    assert!(!cfg.is_strict().unwrap());
    assert!(SuperConfig::strict().is_strict().unwrap());
    assert_eq!(cfg.active_profile().unwrap(), "default");
    let prod = cfg.select_profile("prod").unwrap();
    assert_eq!(prod.active_profile().unwrap(), "prod");
}

#[test]
fn an_empty_profile_name_is_an_invalid_argument() {
    let e = SuperConfig::new().select_profile("").unwrap_err();
    assert_eq!(e.kind(), "InvalidArgument");
}

#[test]
fn extract_at_reads_a_subtree() {
    #[derive(Deserialize, Debug, PartialEq)]
    struct Db {
        port: u16,
    }
    let cfg = toml("[db]\nport = 5432\n").unwrap();
    assert_eq!(cfg.extract_at::<Db, _>("db").unwrap(), Db { port: 5432 });
    assert_eq!(cfg.extract_at::<u16, _>("db.port").unwrap(), 5432);
}

#[test]
fn free_then_clone_and_debug_say_the_handle_is_gone() {
    let cfg = toml("a = 1\n").unwrap();
    let id = cfg.handle_id();
    assert!(format!("{cfg:?}").contains(&format!("handle={id}")));
    cfg.free();
    cfg.free(); // freeing again does nothing
    assert_eq!(cfg.get::<i64, _>("a").unwrap_err().kind(), "InvalidHandle");
    assert_eq!(
        format!("{cfg:?}"),
        format!("SuperConfig(handle={id}, freed)")
    );
    let copy = cfg.clone();
    let e = copy.get::<i64, _>("a").unwrap_err();
    assert_eq!(e.kind(), "InvalidHandle");
    assert!(matches!(e, Error::InvalidHandle(_)));
    assert!(e.details().message.contains("handle"));
    assert_eq!(copy.tree().unwrap_err().kind(), "InvalidHandle");
}

#[test]
fn with_env_over_a_prefix_no_variable_has() {
    let cfg = SuperConfig::new()
        .with_env("SUPERCONFIG_COVERAGE_GAPS_NOTHING_HAS_THIS_PREFIX_")
        .unwrap();
    assert_eq!(tree_json(&cfg), serde_json::json!({}));
    let layers = cfg.layers().unwrap();
    assert_eq!(layers.len(), 1);
    assert_eq!(layers[0].kind, SourceKind::Env);
}

#[test]
fn an_empty_env_separator_is_an_invalid_argument() {
    let opts = EnvOptions {
        separator: String::new(),
        ..EnvOptions::default()
    };
    let e = SuperConfig::new()
        .with_env_map_opts([("APP_A", "1")], "APP_", &opts)
        .unwrap_err();
    assert_eq!(e.kind(), "InvalidArgument");
    assert!(e.to_string().contains("separator"), "{e}");
}

#[test]
fn env_json_tables_for_one_key_merge_key_by_key() {
    // `APP_A` and `APP_a` name the same key `a`; both hold JSON tables, which merge. The common
    // key collides (the later variable wins, with a KeyConflict warning); new keys are added.
    let cfg = SuperConfig::new()
        .with_env_map(
            [
                ("APP_A", r#"{"x": 1, "both": 1}"#),
                ("APP_a", r#"{"y": 2, "both": 2}"#),
            ],
            "APP_",
        )
        .unwrap();
    assert_eq!(
        tree_json(&cfg),
        serde_json::json!({"a": {"x": 1, "both": 2, "y": 2}})
    );
    let warnings = cfg.warnings().unwrap();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].kind, WarningKind::KeyConflict);
    assert_eq!(warnings[0].key.as_deref(), Some("a.both"));
}

#[test]
fn with_glob_and_with_hierarchical_use_the_current_directory() {
    // Nothing in the crate directory (the tests' working directory) matches these.
    let cfg = SuperConfig::new()
        .with_glob("no-such-dir-coverage-gaps/*.toml")
        .unwrap();
    let w = cfg.warnings().unwrap();
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].kind, WarningKind::NoMatch);

    let cfg = SuperConfig::new()
        .with_hierarchical("superconfig-coverage-gaps-no-such-app")
        .unwrap();
    assert_eq!(tree_json(&cfg), serde_json::json!({}));
    let w = cfg.warnings().unwrap();
    assert_eq!(w.last().map(|w| w.kind), Some(WarningKind::NoMatch));
}

// ----- typed extraction ---------------------------------------------------------------------------

#[derive(Deserialize, Debug, PartialEq)]
#[serde(rename_all = "lowercase")]
enum Mode {
    Fast,
    Slow { factor: i64 },
    Pair(i64, i64),
}

#[derive(Deserialize, Debug, PartialEq)]
struct Port(u16);

#[test]
fn options_enums_and_newtypes() {
    let cfg = yaml(
        "maybe: 5\nnothing: null\nunit: fast\nstruct_variant: {slow: {factor: 3}}\n\
         tuple_variant: {pair: [1, 2]}\nport: 8080\nlist: [a, b]\n",
    )
    .unwrap();
    assert_eq!(cfg.get::<Option<i64>, _>("maybe").unwrap(), Some(5));
    assert_eq!(cfg.get::<Option<i64>, _>("nothing").unwrap(), None);
    assert_eq!(cfg.get::<(), _>("nothing").unwrap(), ());
    assert_eq!(cfg.get::<Mode, _>("unit").unwrap(), Mode::Fast);
    assert_eq!(
        cfg.get::<Mode, _>("struct_variant").unwrap(),
        Mode::Slow { factor: 3 }
    );
    assert_eq!(
        cfg.get::<Mode, _>("tuple_variant").unwrap(),
        Mode::Pair(1, 2)
    );
    assert_eq!(cfg.get::<Port, _>("port").unwrap(), Port(8080));
    // An enum from a list, a number or a table of two keys: a TypeMismatch naming the enum.
    for key in ["list", "port"] {
        let e = cfg.get::<Mode, _>(key).unwrap_err();
        assert_eq!(e.kind(), "TypeMismatch");
        assert!(e.to_string().contains("expected enum Mode"), "{e}");
        assert_eq!(e.details().key.as_deref(), Some(key));
    }
    // An unknown variant is named by the variants expected, never by the value read.
    #[derive(Deserialize, Debug)]
    enum Never {}
    let e = cfg.get::<Never, _>("unit").unwrap_err();
    assert!(e.to_string().contains("the enum has no variants"), "{e}");
    assert!(!e.to_string().contains("fast"), "{e}");
    #[derive(Deserialize, Debug)]
    enum Only {
        Slow,
    }
    let e = cfg.get::<Only, _>("unit").unwrap_err();
    assert!(
        e.to_string().contains("unknown variant, expected `Slow`"),
        "{e}"
    );
    assert!(!e.to_string().contains("fast"), "{e}");
    let two = yaml("m: {fast: 1, slow: 2}\n").unwrap();
    let e = two.get::<Mode, _>("m").unwrap_err();
    assert!(e.to_string().contains("found table"), "{e}");
    // extract of the whole tree (null included) as JSON
    assert_eq!(tree_json(&cfg)["nothing"], serde_json::Value::Null);
}

/// Reads any value, then reports it as the `Unexpected` kind its text names: what a
/// `Deserialize` impl of a caller's type may do. The message names the kind, never the value.
struct Reject;

impl<'de> Deserialize<'de> for Reject {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        let unexpected = match name.as_str() {
            "bool" => Unexpected::Bool(true),
            "float" => Unexpected::Float(1.5),
            "bytes" => Unexpected::Bytes(b"secret-bytes"),
            "unit" => Unexpected::Unit,
            "option" => Unexpected::Option,
            "newtype" => Unexpected::NewtypeStruct,
            "seq" => Unexpected::Seq,
            "map" => Unexpected::Map,
            "enum" => Unexpected::Enum,
            "char" => Unexpected::Char('s'),
            "other" => Unexpected::Other("secret-other"),
            _ => Unexpected::Signed(-1),
        };
        if name.starts_with('v') {
            Err(de::Error::invalid_value(unexpected, &"something else"))
        } else {
            Err(de::Error::invalid_type(unexpected, &"something else"))
        }
    }
}

#[test]
fn type_errors_name_the_kind_of_value_never_the_value() {
    let cases = [
        ("bool", "a boolean"),
        ("float", "a float"),
        ("bytes", "bytes"),
        ("unit", "null"),
        ("option", "an optional value"),
        ("newtype", "a newtype struct"),
        ("seq", "an array"),
        ("map", "a table"),
        ("enum", "an enum"),
        ("char", "a string"),
        ("other", "another value"),
        ("int", "an integer"),
        ("v-int", "an integer"),
    ];
    for (text, kind) in cases {
        let cfg = SuperConfig::new()
            .with_defaults_from(&serde_json::json!({"k": text}))
            .unwrap();
        let e = cfg.get::<Reject, _>("k").err().expect("rejected");
        assert_eq!(e.kind(), "TypeMismatch");
        let message = e.to_string();
        assert!(message.contains(kind), "{text}: {message}");
        assert!(!message.contains("secret"), "{text}: {message}");
    }
    // The messages serde would build itself name only the type too.
    let cfg = yaml("f: 2.5\nb: true\nn: null\n").unwrap();
    let e = cfg.get::<String, _>("f").unwrap_err();
    assert!(e.to_string().contains("invalid type: a float"), "{e}");
    assert!(!e.to_string().contains("2.5"), "{e}");
    let e = cfg.get::<i64, _>("n").unwrap_err();
    assert!(e.to_string().contains("invalid type: null"), "{e}");
}

#[test]
fn a_visitor_that_accepts_no_option_or_newtype() {
    // A caller's type whose visitor knows only integers, read through `deserialize_option` and
    // `deserialize_newtype_struct`: the value is handed on, and refused by the visitor.
    struct Strict;
    struct IntOnly;
    impl<'de> Visitor<'de> for IntOnly {
        type Value = Strict;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an integer")
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Strict, E> {
            Ok(Strict)
        }
    }
    struct ViaOption(#[allow(dead_code)] Strict);
    impl<'de> Deserialize<'de> for ViaOption {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_option(IntOnly).map(ViaOption)
        }
    }
    struct ViaNewtype(#[allow(dead_code)] Strict);
    impl<'de> Deserialize<'de> for ViaNewtype {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_newtype_struct("N", IntOnly).map(ViaNewtype)
        }
    }
    let cfg = yaml("n: 1\ns: text\nz: null\n").unwrap();
    for key in ["n", "s", "z"] {
        let e = cfg
            .get::<ViaOption, _>(key)
            .err()
            .expect("visitor has no visit_some/none");
        assert_eq!(e.kind(), "TypeMismatch", "{key}");
        let e = cfg
            .get::<ViaNewtype, _>(key)
            .err()
            .expect("no visit_newtype_struct");
        assert!(e.to_string().contains("a newtype struct"), "{key}: {e}");
    }
}

// ----- key paths ----------------------------------------------------------------------------------

/// A caller's own key path type: segments separated by '/'.
struct Slashed(&'static str);

impl KeyPath for Slashed {
    fn each_segment(&self, f: &mut dyn FnMut(&str) -> bool) {
        for seg in self.0.split('/').filter(|s| !s.is_empty()) {
            if !f(seg) {
                return;
            }
        }
    }
}

#[test]
fn key_paths_of_every_kind() {
    let cfg = yaml("a:\n  b.c:\n    - x\n    - y\n").unwrap();
    // A custom KeyPath uses the trait's default locate and display.
    assert_eq!(cfg.get::<String, _>(&Slashed("a/b.c/1")).unwrap(), "y");
    assert!(!cfg.has(&Slashed("a/missing/0")).unwrap());
    let e = cfg.get::<String, _>(&Slashed("a/nope")).unwrap_err();
    assert_eq!(e.details().key.as_deref(), Some("a.nope"));
    // String, arrays and vectors of segments.
    assert_eq!(
        cfg.get::<String, _>(&"a".to_string()).unwrap_err().kind(),
        "TypeMismatch"
    );
    assert_eq!(cfg.keys(&String::from("a")).unwrap(), vec!["b.c"]);
    assert_eq!(cfg.get::<String, _>(&["a", "b.c", "0"]).unwrap(), "x");
    assert_eq!(cfg.get::<String, _>(&vec!["a", "b.c", "1"]).unwrap(), "y");
    assert_eq!(cfg.source(&["a", "b.c"]).unwrap().line, Some(2));
    assert_eq!(
        cfg.explain(&["a", "b.c", "0"]).unwrap().source.line,
        Some(3)
    );
    assert_eq!(
        cfg.explain(&String::from("a")).unwrap().source.line,
        Some(1)
    );

    // each_segment stops when asked to, for every implementation.
    let mut first = Vec::new();
    let mut take_one = |s: &str| {
        first.push(s.to_string());
        false
    };
    "x.y.z".each_segment(&mut take_one);
    String::from("p.q").each_segment(&mut take_one);
    ["m", "n"].each_segment(&mut take_one);
    ["m", "n"][..].each_segment(&mut take_one);
    vec!["v", "w"].each_segment(&mut take_one);
    assert_eq!(first, ["x", "p", "m", "m", "v"]);
    let mut none = 0;
    "".each_segment(&mut |_| {
        none += 1;
        true
    });
    assert_eq!(none, 0);
    assert_eq!(["a", "b"].display(), "a.b");
}

// ----- errors and warnings ------------------------------------------------------------------------

#[test]
fn error_display_and_details() {
    let d = superconfig::Details::new("bad thing")
        .file("f.toml")
        .at(Some(3), None);
    assert_eq!(d.to_string(), "f.toml:3: bad thing");
    let d = d.key("a.b");
    assert_eq!(d.to_string(), "f.toml:3: bad thing (key 'a.b')");
    let e = Error::SourceUnavailable(superconfig::Details::new("gone"));
    assert_eq!(e.kind(), "SourceUnavailable");
    assert_eq!(e.details().message, "gone");
    assert_eq!(e.to_string(), "source unavailable: gone");
    assert_eq!(WarningKind::SourceUnavailable.as_str(), "SourceUnavailable");
    assert_eq!(WarningKind::SuspiciousEnv.to_string(), "SuspiciousEnv");
    // A strict configuration raises a dotenv collision (a warning in dotenv's own rules) as
    // the error of the same kind.
    let e = SuperConfig::strict()
        .with_string("A=1\nA__B=2\n", Format::Dotenv)
        .unwrap_err();
    assert_eq!(e.kind(), "KeyConflict");
}

#[test]
fn warnings_become_errors_of_their_kind() {
    let w = SuperConfig::new()
        .with_env_map([("APP_A__", "1")], "APP_")
        .unwrap()
        .warnings()
        .unwrap();
    assert_eq!(w.len(), 1);
    let e = w[0].clone().into_error();
    assert!(matches!(e, Error::SuspiciousEnv(_)));
    assert_eq!(e.kind(), "SuspiciousEnv");
    assert_eq!(e.details().file.as_deref(), Some("APP_A__"));
    assert!(w[0].to_string().starts_with("SuspiciousEnv: "));
}

// ----- formats ------------------------------------------------------------------------------------

#[test]
fn format_names() {
    for (f, name) in [
        (Format::Toml, "toml"),
        (Format::Yaml, "yaml"),
        (Format::Json, "json"),
        (Format::Dotenv, "env"),
    ] {
        assert_eq!(f.as_str(), name);
        assert_eq!(f.to_string(), name);
        assert_eq!(name.parse::<Format>().unwrap(), f);
    }
    assert_eq!(LayerStatus::Ignored.to_string(), "ignored");
    assert_eq!(LayerStatus::Empty.to_string(), "empty");
}

#[test]
fn dotenv_escapes_and_endings() {
    let cfg = dotenv(concat!(
        "CR=\"a\\rb\"\n",
        "TAB=\"a\\tb\"\n",
        "QUOTES=\"\\\\ \\\" \\' \\$HOME\"\n",
        "OTHER=\"\\x\"\n",
        "SINGLE='no \\t escapes'\n",
        "LAST='no newline at the end'",
    ))
    .unwrap();
    assert_eq!(
        tree_json(&cfg),
        serde_json::json!({
            "cr": "a\rb",
            "tab": "a\tb",
            "quotes": "\\ \" ' $HOME",
            "other": "\\x",
            "single": "no \\t escapes",
            "last": "no newline at the end",
        })
    );
    let e = dotenv("OK=1\n=value\n").unwrap_err();
    assert_eq!(e.kind(), "ParseError");
    assert!(e.to_string().contains("expected a variable name"), "{e}");
    assert_eq!((e.details().line, e.details().column), (Some(2), Some(1)));
}

#[test]
fn long_keys_repeated_in_a_large_json_document() {
    // More than 512 keys longer than 23 bytes: later repeats of a key share one string.
    let keys: Vec<String> = (0..600)
        .map(|i| format!("a_key_longer_than_the_inline_limit_{i:04}"))
        .collect();
    let object: serde_json::Map<String, serde_json::Value> = keys
        .iter()
        .map(|k| (k.clone(), serde_json::json!(1)))
        .collect();
    let doc = serde_json::json!({"first": object, "second": object});
    let cfg = json(&doc.to_string()).unwrap();
    assert_eq!(tree_json(&cfg), doc);
    assert_eq!(cfg.keys("second").unwrap().len(), 600);
}

#[test]
fn json_integers_beyond_i64_name_their_key() {
    let e = json(r#"{"a": {"b": [1, 99999999999999999999]}}"#).unwrap_err();
    assert_eq!(e.kind(), "ParseError");
    assert_eq!(e.details().key.as_deref(), Some("a.b.1"));
    assert_eq!((e.details().line, e.details().column), (Some(1), Some(17)));
}

#[test]
fn toml_documents_with_many_dots_and_arrays_of_tables() {
    // Enough `.`/`[`/`{` for the depth scan to run, and nothing deep. The first two lines
    // (a header under a table made by dotted keys) send it to the full parser, which scans
    // for depth first.
    let mut doc = String::from("a.b = 1\n[a.c]\n");
    for i in 0..40 {
        doc.push_str(&format!("[[items]]\nid = {i}\nratio = {i}.5\n"));
    }
    let cfg = toml(&doc).unwrap();
    assert_eq!(
        cfg.get::<Vec<serde_json::Value>, _>("items").unwrap().len(),
        40
    );
    assert_eq!(cfg.get::<f64, _>("items.39.ratio").unwrap(), 39.5);
    assert_eq!(cfg.get::<i64, _>("a.b").unwrap(), 1);
}

#[test]
fn toml_documents_the_fast_path_hands_to_the_full_parser() {
    // Valid: a header under a table made by dotted keys.
    let cfg = toml("a.b = 1\n[a.c]\nd = 2\n").unwrap();
    assert_eq!(
        tree_json(&cfg),
        serde_json::json!({"a": {"b": 1, "c": {"d": 2}}})
    );
    // Valid: a key with 33 dotted parts (deeper than the fast path builds itself).
    let long: Vec<String> = (0..33).map(|i| format!("k{i}")).collect();
    let cfg = toml(&format!("{} = 1\n", long.join("."))).unwrap();
    assert_eq!(cfg.get::<i64, _>(long.join(".").as_str()).unwrap(), 1);
    let cfg = toml(&format!("[{}]\nx = 1\n", long.join("."))).unwrap();
    assert_eq!(
        cfg.get::<i64, _>(format!("{}.x", long.join(".")).as_str())
            .unwrap(),
        1
    );
    // Valid: an implicit table first made by a header, then filled with more than 12 keys.
    let mut doc = String::from("[a.b]\nx = 1\n[a]\n");
    for i in 0..14 {
        doc.push_str(&format!("k{i} = {i}\n"));
    }
    let cfg = toml(&doc).unwrap();
    assert_eq!(cfg.keys("a").unwrap().len(), 15);
    assert_eq!(cfg.get::<i64, _>("a.k13").unwrap(), 13);

    // Invalid, each a ParseError from the full parser with its place.
    let mut big_inline = (0..14).map(|i| format!("k{i} = {i}")).collect::<Vec<_>>();
    big_inline.push("k0 = 99".to_string());
    for (doc, line) in [
        ("a = 1\n[a.b]\nc = 2\n".to_string(), 2),
        ("a = [1, 2]\n[a.b]\nc = 1\n".to_string(), 2),
        ("[]\n".to_string(), 1),
        ("[a]]\n".to_string(), 1),
        ("[[a]\n".to_string(), 1),
        ("x = [a = 1]\n".to_string(), 1),
        ("a = [1\n".to_string(), 1),
        (format!("t = {{{}}}\n", big_inline.join(", ")), 1),
        ("[a]\nb = 1\n[a]\nc = 2\n".to_string(), 3),
        ("[[a]]\n[a]\n".to_string(), 2),
        ("a = {b = 1}\n[a.c]\n".to_string(), 2),
    ] {
        let e = toml(&doc)
            .err()
            .unwrap_or_else(|| panic!("accepted: {doc}"));
        assert_eq!(e.kind(), "ParseError", "{doc}");
        assert_eq!(e.details().line, Some(line), "{doc}: {e}");
    }
}

#[test]
fn yaml_alias_keys_tags_and_merge_keys() {
    let cfg = yaml(concat!(
        "anchors: {i: &i 1, t: &t true, f: &f 1.5, n: &n null}\n",
        "keys:\n",
        "  *i : one\n",
        "  *t : yes\n",
        "  *f : float\n",
        "  *n : nothing\n",
        "&k named: 1\n",
        "copy: *k\n",
        "tags: {b: !!bool true, i: !!int 7, p: +5, other: !!binary aGVsbG8=}\n",
    ))
    .unwrap();
    assert_eq!(
        tree_json(&cfg)["keys"],
        serde_json::json!({"1": "one", "true": "yes", "1.5": "float", "null": "nothing"})
    );
    assert_eq!(cfg.get::<String, _>("copy").unwrap(), "named");
    assert_eq!(
        tree_json(&cfg)["tags"],
        serde_json::json!({"b": true, "i": 7, "p": 5, "other": "aGVsbG8="})
    );
    // A mapping as a key, through an alias.
    let e = yaml("t: &t {a: 1}\nm:\n  *t : v\n").unwrap_err();
    assert!(e.to_string().contains("complex mapping keys"), "{e}");
    // `<<` takes mappings only, also inside a list; a merge after every explicit key.
    for doc in ["b: &b [1]\nm:\n  <<: [*b]\n", "m:\n  <<: 1\n"] {
        let e = yaml(doc).unwrap_err();
        assert!(
            e.to_string().contains("'<<' merges only mappings"),
            "{doc}: {e}"
        );
    }
    let cfg = yaml("base: &b {x: 1, y: 1}\nm:\n  y: 2\n  <<: *b\n").unwrap();
    assert_eq!(tree_json(&cfg)["m"], serde_json::json!({"y": 2, "x": 1}));
}

#[test]
fn yaml_alias_expansion_is_bounded_inside_mappings_too() {
    // Ten levels of ten aliases, in mappings: far beyond the node limit once expanded.
    let mut doc = String::from("l0: &l0 {a: 1, b: 2}\n");
    for level in 1..10 {
        let prev = level - 1;
        let items: Vec<String> = (0..10).map(|i| format!("k{i}: *l{prev}")).collect();
        doc.push_str(&format!("l{level}: &l{level} {{{}}}\n", items.join(", ")));
    }
    let e = yaml(&doc).unwrap_err();
    assert_eq!(e.kind(), "ParseError");
    assert!(e.to_string().contains("alias"), "{e}");
}

// ----- merging ------------------------------------------------------------------------------------

#[test]
fn remove_of_nulls_and_of_shared_arrays() {
    let cfg = yaml(concat!(
        "pair: &p [1, 2]\n",
        "list: [null, 1, *p, *p, [3]]\n",
        "list_remove: [null, *p]\n",
    ))
    .unwrap();
    assert_eq!(
        cfg.get::<serde_json::Value, _>("list").unwrap(),
        serde_json::json!([1, [3]])
    );
}

// ----- layers -------------------------------------------------------------------------------------

#[test]
fn defaults_must_be_a_table_and_fit_the_limits() {
    let e = SuperConfig::new().with_defaults_from(&5).unwrap_err();
    assert_eq!(e.kind(), "InvalidArgument");
    assert!(e.to_string().contains("got integer"), "{e}");
    let e = SuperConfig::new()
        .with_defaults(&Node::new(Value::Float(1.5)))
        .unwrap_err();
    assert!(e.to_string().contains("got float"), "{e}");

    let e = SuperConfig::new()
        .with_defaults_from(&serde_json::json!({"n": [1, u64::MAX]}))
        .unwrap_err();
    assert_eq!(e.kind(), "ParseError");
    assert_eq!(e.details().key.as_deref(), Some("n.1"));

    let mut deep = serde_json::json!(1);
    for _ in 0..200 {
        deep = serde_json::json!({ "d": deep });
    }
    let e = SuperConfig::new().with_defaults_from(&deep).unwrap_err();
    assert_eq!(e.kind(), "ParseError");
    assert!(e.to_string().contains("nesting deeper"), "{e}");
}

#[test]
fn files_that_cannot_be_read() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plain.toml");
    std::fs::write(&file, "a = 1\n").unwrap();
    // A path through a regular file: the OS refuses it (not a directory).
    let e = SuperConfig::new()
        .with_file(file.join("below.toml"))
        .unwrap_err();
    assert_eq!(e.kind(), "IoError");
    assert!(e.to_string().contains("cannot read"), "{e}");
    // A file that says it is empty but is not (as /proc files do) is still held to the limit.
    #[cfg(target_os = "linux")]
    {
        let opts = FileOptions {
            max_bytes: Some(8),
            format: Some(Format::Yaml),
            ..FileOptions::default()
        };
        let e = SuperConfig::new()
            .with_file_opts("/proc/self/status", &opts)
            .unwrap_err();
        assert_eq!(e.kind(), "IoError");
        assert!(
            e.to_string().contains("larger than the limit of 8 bytes"),
            "{e}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_unix_socket_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sock.toml");
    let _listener = std::os::unix::net::UnixListener::bind(&path).unwrap();
    let e = SuperConfig::new().with_file(&path).unwrap_err();
    assert_eq!(e.kind(), "IoError");
}

#[test]
fn an_absolute_glob_names_its_matches_absolutely() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().canonicalize().unwrap();
    std::fs::write(base.join("a.toml"), "a = 1\n").unwrap();
    let pattern = format!("{}/*.toml", base.display());
    let cfg = SuperConfig::new().with_glob(&pattern).unwrap();
    let source = cfg.source("a").unwrap();
    assert_eq!(source.name, format!("{}/a.toml", base.display()));
}

#[cfg(unix)]
#[test]
fn a_dangling_link_under_a_glob_is_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.toml"), "a = 1\n").unwrap();
    std::os::unix::fs::symlink(dir.path().join("gone.toml"), dir.path().join("b.toml")).unwrap();
    let opts = GlobOptions {
        base_dir: dir.path().to_path_buf(),
    };
    let cfg = SuperConfig::new().with_glob_opts("*.toml", &opts).unwrap();
    assert_eq!(tree_json(&cfg), serde_json::json!({"a": 1}));
    assert_eq!(cfg.layers().unwrap().len(), 1);
}

#[test]
fn discovery_directories_that_cannot_be_used() {
    let dir = tempfile::tempdir().unwrap();
    let start = dir.path().join("proj/sub");
    std::fs::create_dir_all(&start).unwrap();
    let other = dir.path().join("other");
    std::fs::create_dir_all(&other).unwrap();
    let opts = |start: &std::path::Path, stop: Option<&std::path::Path>| HierarchicalOptions {
        system_dir: Some(dir.path().join("sys")),
        user_dir: Some(dir.path().join("usr")),
        start_dir: Some(start.to_path_buf()),
        stop_dir: stop.map(std::path::Path::to_path_buf),
    };
    let e = SuperConfig::new()
        .with_hierarchical_opts("app", &opts(&start, Some(&other)))
        .unwrap_err();
    assert_eq!(e.kind(), "InvalidArgument");
    assert!(e.to_string().contains("is not an ancestor"), "{e}");
    let e = SuperConfig::new()
        .with_hierarchical_opts("app", &opts(&dir.path().join("missing"), None))
        .unwrap_err();
    assert_eq!(e.kind(), "InvalidArgument");
    assert!(e.to_string().contains("cannot be used"), "{e}");
    // No stop_dir: the walk goes from start_dir up to the filesystem root.
    let app = "superconfig-coverage-gaps-app";
    std::fs::write(start.join(format!("{app}.toml")), "found = true\n").unwrap();
    let cfg = SuperConfig::new()
        .with_hierarchical_opts(app, &opts(&start, None))
        .unwrap();
    assert!(cfg.get::<bool, _>("found").unwrap());
    assert!(cfg.warnings().unwrap().is_empty());
}

#[test]
fn the_user_directory_resolved_ahead() {
    let opts = HierarchicalOptions::default().with_user_dir_resolved();
    // HOME is set for the tests; the XDG config directory is then known.
    if std::env::var_os("HOME").is_some() {
        assert!(opts.user_dir.is_some());
    }
    let given = HierarchicalOptions {
        user_dir: Some("/somewhere".into()),
        ..HierarchicalOptions::default()
    }
    .with_user_dir_resolved();
    assert_eq!(
        given.user_dir.as_deref(),
        Some(std::path::Path::new("/somewhere"))
    );
}

// ----- dump ---------------------------------------------------------------------------------------

#[test]
fn dump_of_nulls_escapes_and_empty_configurations() {
    assert_eq!(
        SuperConfig::new().dump(Format::Yaml, false).unwrap(),
        "{}\n"
    );
    let e = SuperConfig::new().dump(Format::Dotenv, false).unwrap_err();
    assert_eq!(e.kind(), "InvalidArgument");
    let cfg = json(r#"{"nothing": null, "s": "back\\slash\ttab\rcr"}"#).unwrap();
    let out = cfg.dump(Format::Yaml, false).unwrap();
    assert_eq!(out, "nothing: null\ns: \"back\\\\slash\\ttab\\rcr\"\n");
    let back = yaml(&out).unwrap();
    assert_eq!(tree_json(&back), tree_json(&cfg));
}

#[test]
fn every_kind_of_value_in_every_dump_format() {
    let cfg = yaml(concat!(
        "nothing: null\n",
        "on_: true\n",
        "off_: false\n",
        "int: -7\n",
        "nan: .nan\n",
        "inf: .inf\n",
        "ninf: -.inf\n",
        "big: 1.0e+300\n",
        "half: 0.5\n",
        "word: \"yes\"\n",
        "ctrl: \"a\\x01b\\u2028c\"\n",
        "quote: 'say \"hi\"'\n",
        "empty_s: \"\"\n",
        "empty_t: {}\n",
        "empty_a: []\n",
        "list: [1, {a: 1}, [], {}]\n",
        "password: hunter2\n",
    ))
    .unwrap();
    let out = cfg.dump(Format::Yaml, false).unwrap();
    for line in [
        "nothing: null\n",
        "on_: true\n",
        "off_: false\n",
        "nan: .nan\n",
        "inf: .inf\n",
        "ninf: -.inf\n",
        "big: 1.0e+300\n",
        "word: \"yes\"\n",
        "ctrl: \"a\\u0001b\\u2028c\"\n",
        "quote: \"say \\\"hi\\\"\"\n",
        "empty_s: \"\"\n",
        "empty_t: {}\n",
        "empty_a: []\n",
        "  - []\n",
        "  - {}\n",
    ] {
        assert!(out.contains(line), "{line:?} not in\n{out}");
    }
    let back = yaml(&out).unwrap();
    assert!(
        back.tree()
            .unwrap()
            .value
            .deep_eq(&cfg.tree().unwrap().value)
    );
    let redacted = cfg.dump(Format::Yaml, true).unwrap();
    assert!(redacted.contains("password: \"***\"\n"), "{redacted}");
    assert!(!redacted.contains("hunter2"));

    // What a format cannot hold is an error naming the first such key.
    let e = cfg.dump(Format::Json, false).unwrap_err();
    assert_eq!(e.kind(), "InvalidArgument");
    assert_eq!(e.details().key.as_deref(), Some("nan"));
    let e = cfg.dump(Format::Toml, false).unwrap_err();
    assert_eq!(e.details().key.as_deref(), Some("nothing"));
    // Without those, JSON and TOML dumps read back as the same tree.
    let finite = yaml("a: 1\nb: [x, {c: 2.5}]\n").unwrap();
    for format in [Format::Json, Format::Toml] {
        let text = finite.dump(format, true).unwrap();
        let back = SuperConfig::new().with_string(&text, format).unwrap();
        assert_eq!(tree_json(&back), tree_json(&finite), "{format}");
    }
}

#[test]
fn provenance_of_a_path_below_a_scalar() {
    let cfg = yaml("a: 1\nlist_add: [1]\n").unwrap();
    for path in ["a.b", "a.b.c", "missing.x"] {
        assert_eq!(
            cfg.source(path).unwrap_err().kind(),
            "KeyNotFound",
            "{path}"
        );
        assert_eq!(
            cfg.explain(path).unwrap_err().kind(),
            "KeyNotFound",
            "{path}"
        );
    }
    // An earlier layer held a scalar where a later one put the table: it set nothing at `a.b`.
    let cfg = cfg.with_string("a = {b = 2}\n", Format::Toml).unwrap();
    let why = cfg.explain("a.b").unwrap();
    assert_eq!(why.source.kind, SourceKind::String);
    assert_eq!(why.source.line, Some(1));
    assert!(why.overridden.is_empty(), "{:?}", why.overridden);
    assert_eq!(cfg.explain("a").unwrap().overridden.len(), 1);
}

// ----- values, registry, panics -------------------------------------------------------------------

#[test]
fn values_compare_deeply() {
    let arr = |items: Vec<Value>| {
        Value::Array(Array::from(items.into_iter().map(Node::new).collect::<Vec<_>>()).into())
    };
    assert!(Value::Null.deep_eq(&Value::Null));
    assert!(!Value::Null.deep_eq(&Value::Bool(false)));
    assert!(arr(vec![Value::Int(1), Value::Null]).deep_eq(&arr(vec![Value::Int(1), Value::Null])));
    assert!(!arr(vec![Value::Int(1)]).deep_eq(&arr(vec![Value::Int(2)])));
    assert!(!arr(vec![Value::Int(1)]).deep_eq(&arr(vec![])));
    assert!(Value::Float(f64::NAN).deep_eq(&Value::Float(f64::NAN)));
    assert!(!Value::Int(1).deep_eq(&Value::Float(1.0)));
    assert_eq!(Value::Float(0.5).type_name(), "float");
    assert!(Node::new(Value::Int(1)).as_table().is_none());
    assert_eq!(
        serde_json::to_value(Node::new(Value::Null)).unwrap(),
        serde_json::Value::Null
    );
    let cfg = yaml("f: 0.5\n").unwrap();
    let e = cfg.keys("f").unwrap_err();
    assert!(e.to_string().contains("is a float"), "{e}");
}

#[test]
fn registry_handles_are_plain_values() {
    let registry = ConfigRegistry::default();
    let h = registry.create(7_u32);
    let copy = h;
    #[allow(clippy::clone_on_copy)]
    let cloned = h.clone();
    assert_eq!(format!("{copy:?}"), format!("ConfigHandle({})", h.id()));
    assert_eq!(*registry.read(&cloned).unwrap(), 7);
    assert_eq!(*registry.delete(&h).unwrap(), 7);
    assert_eq!(registry.read(&copy).unwrap_err().kind(), "InvalidHandle");
}

#[test]
fn a_panic_message_without_the_quiet_hook() {
    let payload: Box<dyn std::any::Any + Send> = Box::new("boom");
    let message = superconfig::panic::panic_message(payload.as_ref());
    assert_eq!(
        message,
        "internal error (a bug in superconfig, please report it): boom"
    );
    let other: Box<dyn std::any::Any + Send> = Box::new(42_u8);
    assert!(superconfig::panic::panic_message(other.as_ref()).contains("unknown panic"));
}
