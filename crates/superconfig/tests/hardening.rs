//! Regression tests for the defects found by trying the engine as an attacker and as a careless
//! operator would (docs/behaviour.md). Behaviour the YAML cases can express is pinned there
//! (`tests-conformance/cases/hardening/`); these need real files, links, owners or the API.

use std::path::Path;

use superconfig::{Format, HierarchicalOptions, SuperConfig, WarningKind};

fn discover(root: &Path) -> superconfig::Result<SuperConfig> {
    let opts = HierarchicalOptions {
        system_dir: Some(root.join("etc")),
        user_dir: Some(root.join("home")),
        start_dir: Some(root.join("project")),
        stop_dir: Some(root.to_path_buf()),
    };
    SuperConfig::new().with_hierarchical_opts("myapp", &opts)
}

#[test]
fn app_names_cannot_leave_the_config_directories() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("project")).unwrap();
    let opts = HierarchicalOptions {
        start_dir: Some(dir.path().join("project")),
        stop_dir: Some(dir.path().to_path_buf()),
        ..Default::default()
    };
    for app in ["..", ".", "a/b", "a\\b", "../etc", "x..y", ""] {
        let e = SuperConfig::new()
            .with_hierarchical_opts(app, &opts)
            .expect_err(app);
        assert_eq!(e.kind(), "InvalidArgument", "{app}: {e}");
    }
}

#[cfg(unix)]
#[test]
fn discovery_skips_files_others_could_have_planted() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("project");
    std::fs::create_dir_all(&project).unwrap();
    let planted = dir.path().join(".myapp.toml");
    std::fs::write(&planted, "evil = true\n").unwrap();
    std::fs::write(project.join("myapp.toml"), "good = true\n").unwrap();
    // Writable by every user: skipped, with a warning that says why.
    std::fs::set_permissions(&planted, std::fs::Permissions::from_mode(0o666)).unwrap();
    let cfg = discover(dir.path()).unwrap();
    assert!(!cfg.has("evil").unwrap());
    assert!(cfg.get::<bool, _>("good").unwrap());
    let warnings = cfg.warnings().unwrap();
    assert!(
        warnings
            .iter()
            .any(|w| w.kind == WarningKind::IgnoredFile && w.message.contains("every user")),
        "{warnings:?}"
    );
    // Strict mode refuses it.
    let strict = SuperConfig::strict().with_hierarchical_opts(
        "myapp",
        &HierarchicalOptions {
            system_dir: Some(dir.path().join("etc")),
            user_dir: Some(dir.path().join("home")),
            start_dir: Some(project.clone()),
            stop_dir: Some(dir.path().to_path_buf()),
        },
    );
    assert_eq!(strict.map(|_| ()).unwrap_err().kind(), "IgnoredFile");
    // Owned by another user (only root can give a file away): skipped too.
    std::fs::set_permissions(&planted, std::fs::Permissions::from_mode(0o644)).unwrap();
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        std::os::unix::fs::chown(&planted, Some(65534), Some(65534)).unwrap();
        let cfg = discover(dir.path()).unwrap();
        assert!(!cfg.has("evil").unwrap());
        assert!(
            cfg.warnings()
                .unwrap()
                .iter()
                .any(|w| w.message.contains("owned by another user"))
        );
    } else {
        // As its owner, the same file is trusted.
        assert!(discover(dir.path()).unwrap().has("evil").unwrap());
    }
}

#[cfg(unix)]
#[test]
fn globs_do_not_follow_links_out_of_the_base_and_report_loops() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.toml"), "leak = 1\n").unwrap();
    let base = tempfile::tempdir().unwrap();
    std::fs::write(base.path().join("a.toml"), "a = 1\n").unwrap();
    std::fs::create_dir(base.path().join("inner")).unwrap();
    std::fs::write(base.path().join("inner/b.toml"), "b = 2\n").unwrap();
    std::os::unix::fs::symlink(outside.path(), base.path().join("out")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.toml"),
        base.path().join("s.toml"),
    )
    .unwrap();
    // A link inside the base is followed.
    std::os::unix::fs::symlink(base.path().join("inner"), base.path().join("alias")).unwrap();
    let opts = superconfig::GlobOptions {
        base_dir: base.path().to_path_buf(),
    };
    let cfg = SuperConfig::new()
        .with_glob_opts("**/*.toml", &opts)
        .unwrap();
    assert!(!cfg.has("leak").unwrap());
    assert_eq!(cfg.keys("").unwrap(), vec!["a", "b"]);
    assert!(cfg.warnings().unwrap().is_empty());
    // A link loop inside the base: a warning, and an error in strict mode.
    std::os::unix::fs::symlink(base.path(), base.path().join("inner/loop")).unwrap();
    let cfg = SuperConfig::new()
        .with_glob_opts("**/*.toml", &opts)
        .unwrap();
    let kinds: Vec<WarningKind> = cfg.warnings().unwrap().iter().map(|w| w.kind).collect();
    assert!(kinds.contains(&WarningKind::SourceUnavailable), "{kinds:?}");
    let e = SuperConfig::strict()
        .with_glob_opts("**/*.toml", &opts)
        .map(|_| ())
        .unwrap_err();
    assert_eq!(e.kind(), "SourceUnavailable");
}

#[test]
fn secret_key_names_are_normalised_in_every_dump() {
    let doc = r#"{"privateKey": "pk-1", "private-key": "pk-2", "api-key": "ak-3",
        "clientSecret": "cs-4", "passphrase": "pp-5", "db": {"passPhrase": "pp-6", "host": "h"}}"#;
    let cfg = SuperConfig::new().with_string(doc, Format::Json).unwrap();
    for format in [Format::Json, Format::Toml, Format::Yaml] {
        let text = cfg.dump(format, true).unwrap();
        for secret in ["pk-1", "pk-2", "ak-3", "cs-4", "pp-5", "pp-6"] {
            assert!(!text.contains(secret), "{format}: {text}");
        }
        assert!(text.contains('h'), "{format}: {text}");
    }
    let why = cfg.explain("db.passPhrase").unwrap();
    assert!(!format!("{why:?}").contains("pp-6"));
}

#[test]
fn remove_keeps_deep_equality_semantics() {
    let cfg = SuperConfig::new()
        .with_string(
            "xs = [1, 1.0, 0.0, -0.0, \"1\", {a = 1, b = 2}, {a = 1}, [1, 2], nan]\n",
            Format::Toml,
        )
        .unwrap()
        .with_string(
            "xs_remove = [1, -0.0, {b = 2, a = 1}, [2, 1], nan]\n",
            Format::Toml,
        )
        .unwrap();
    let xs: serde_json::Value = cfg.get("xs").unwrap();
    // 1 (int) goes, 1.0 stays; 0.0 and -0.0 are equal; tables compare without order; arrays
    // with order; NaN equals NaN.
    assert_eq!(xs, serde_json::json!([1.0, "1", {"a": 1}, [1, 2]]));
}

#[test]
fn dotenv_never_reads_the_process_environment() {
    // PATH is set in every test process; the value stays the text as written.
    let cfg = SuperConfig::new()
        .with_string("A=$PATH\nB=${PATH}\nC=pa$word\n", Format::Dotenv)
        .unwrap();
    assert_eq!(cfg.get::<String, _>("a").unwrap(), "$PATH");
    assert_eq!(cfg.get::<String, _>("b").unwrap(), "${PATH}");
    assert_eq!(cfg.get::<String, _>("c").unwrap(), "pa$word");
}

#[test]
fn the_file_size_limit_is_an_option_of_the_configuration() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.toml");
    std::fs::write(&path, "a = \"0123456789\"\n").unwrap();
    let small = superconfig::ConfigOptions {
        max_file_bytes: 8,
        ..Default::default()
    };
    let e = SuperConfig::with_options(&small)
        .with_file(&path)
        .map(|_| ())
        .unwrap_err();
    assert_eq!(e.kind(), "IoError");
    assert!(e.to_string().contains("limit of 8 bytes"), "{e}");
    // The limit holds for globs and discovery too, and later steps keep it.
    let opts = superconfig::GlobOptions {
        base_dir: dir.path().to_path_buf(),
    };
    let e = SuperConfig::with_options(&small)
        .with_defaults_from(&serde_json::json!({"x": 1}))
        .unwrap()
        .with_glob_opts("*.toml", &opts)
        .map(|_| ())
        .unwrap_err();
    assert_eq!(e.kind(), "IoError");
    // A call's own limit wins; the default reads the file.
    let opts = superconfig::FileOptions {
        max_bytes: Some(1024),
        ..Default::default()
    };
    assert!(
        SuperConfig::with_options(&small)
            .with_file_opts(&path, &opts)
            .is_ok()
    );
    assert!(SuperConfig::new().with_file(&path).is_ok());
}
