//! Every layer keeps how its step was given (`SuperConfig::recipes`): the source and the options,
//! all that making the layers again needs. Replaying the recipes through the public builders
//! gives the same configuration, also after the files changed.

use std::fs;
use std::path::Path;

use superconfig::{
    EnvOptions, FileOptions, Format, GlobOptions, HierarchicalOptions, Recipe, StringOptions,
    SuperConfig,
};

/// The configuration the recipes describe, built again through the public builders.
fn replay(recipes: &[Recipe], defaults: &SuperConfig) -> SuperConfig {
    let mut cfg = SuperConfig::new();
    for recipe in recipes {
        cfg = match recipe {
            Recipe::Defaults => cfg.with_defaults(&defaults.tree().unwrap()),
            Recipe::File { path, options } => cfg.with_file_opts(path, options),
            Recipe::Text {
                text,
                format,
                name,
                profiles,
            } => cfg.with_string_opts(
                text,
                *format,
                &StringOptions {
                    name: Some(name.clone()),
                    profiles: *profiles,
                },
            ),
            Recipe::Env { prefix, options } => cfg.with_env_opts(prefix, options),
            Recipe::EnvMap {
                vars,
                prefix,
                options,
            } => cfg.with_env_map_opts(vars.iter().cloned(), prefix, options),
            Recipe::Glob { pattern, options } => cfg.with_glob_opts(pattern, options),
            Recipe::Hierarchical { app, options } => cfg.with_hierarchical_opts(app, options),
            other => panic!("a recipe this test does not know: {other:?}"),
        }
        .unwrap();
    }
    cfg
}

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

#[test]
fn every_step_keeps_its_source_and_options() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(&root.join("base.toml"), "[server]\nport = 80\n");
    write(&root.join("conf.d/a.yaml"), "a: 1\n");
    write(&root.join("conf.d/b.json"), "{\"b\": 2}\n");
    write(&root.join("etc/svc/config.toml"), "sys = true\n");

    let defaults = SuperConfig::new()
        .with_defaults_from(&serde_json::json!({"server": {"host": "localhost"}}))
        .unwrap();
    let file_options = FileOptions {
        required: true,
        format: Some(Format::Toml),
        ..FileOptions::default()
    };
    let env_options = EnvOptions {
        separator: String::from("__"),
        ignore_empty: true,
        ..EnvOptions::default()
    };
    let hierarchical = HierarchicalOptions {
        system_dir: Some(root.join("etc")),
        user_dir: Some(root.join("home")),
        start_dir: Some(root.to_path_buf()),
        stop_dir: Some(root.to_path_buf()),
    };
    let glob = GlobOptions {
        base_dir: root.to_path_buf(),
    };
    let cfg = SuperConfig::new()
        .with_defaults(&defaults.tree().unwrap())
        .unwrap()
        .with_file_opts(root.join("base.toml"), &file_options)
        .unwrap()
        .with_string_opts(
            "[prod]\nlevel = 'warn'\n",
            Format::Toml,
            &StringOptions {
                name: Some(String::from("inline")),
                profiles: true,
            },
        )
        .unwrap()
        .with_env_map_opts(
            [
                ("APP_SERVER__PORT", "8080"),
                ("OTHER", "x"),
                ("APP_EMPTY", ""),
            ],
            "APP_",
            &env_options,
        )
        .unwrap()
        .with_glob_opts("conf.d/*", &glob)
        .unwrap()
        .with_glob_opts("none/*.toml", &glob)
        .unwrap()
        .with_hierarchical_opts("svc", &hierarchical)
        .unwrap()
        .select_profile("prod")
        .unwrap();

    let recipes = cfg.recipes().unwrap();
    let kinds: Vec<&str> = recipes
        .iter()
        .map(|r| match r {
            Recipe::Defaults => "defaults",
            Recipe::File { .. } => "file",
            Recipe::Text { .. } => "text",
            Recipe::Env { .. } => "env",
            Recipe::EnvMap { .. } => "env map",
            Recipe::Glob { .. } => "glob",
            Recipe::Hierarchical { .. } => "hierarchical",
            _ => "other",
        })
        .collect();
    // One per step, in order: the glob's two files share one; the glob that matched nothing
    // still has its step (a file that appears later must be found by a reload).
    assert_eq!(
        kinds,
        [
            "defaults",
            "file",
            "text",
            "env map",
            "glob",
            "glob",
            "hierarchical"
        ]
    );
    match &recipes[1] {
        Recipe::File { path, options } => {
            assert_eq!(path, &root.join("base.toml"));
            assert!(options.required);
            assert_eq!(options.format, Some(Format::Toml));
        }
        other => panic!("{other:?}"),
    }
    match &recipes[3] {
        Recipe::EnvMap {
            vars,
            prefix,
            options,
        } => {
            // Only the variables with the prefix are kept: no other can matter.
            let names: Vec<&str> = vars.iter().map(|(k, _)| k.as_str()).collect();
            assert_eq!(names, ["APP_SERVER__PORT", "APP_EMPTY"]);
            assert_eq!(prefix, "APP_");
            assert!(options.ignore_empty);
        }
        other => panic!("{other:?}"),
    }

    let again = replay(&recipes, &defaults).select_profile("prod").unwrap();
    assert!(
        again
            .tree()
            .unwrap()
            .value
            .deep_eq(&cfg.tree().unwrap().value)
    );
    assert_eq!(again.layers().unwrap(), cfg.layers().unwrap());

    // The recipes hold sources, not contents: after the files change, replaying them reads the
    // new contents (what a reload does).
    write(&root.join("base.toml"), "[server]\nport = 81\n");
    write(&root.join("none/late.toml"), "late = 1\n");
    let reloaded = replay(&recipes, &defaults);
    assert_eq!(reloaded.get::<i64, _>("server.port").unwrap(), 8080);
    assert_eq!(reloaded.get::<i64, _>("late").unwrap(), 1);
    let without_env = replay(&recipes[..3], &defaults);
    assert_eq!(without_env.get::<i64, _>("server.port").unwrap(), 81);
}
