//! Conformance adapter: reads one case request per line on stdin, runs it against the core,
//! writes one result line on stdout (protocol: tests-conformance/README.md). The runner compares.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value as Json, json};
use superconfig::{
    Change, ConfigOptions, DEFAULT_PROFILE, EnvOptions, Error, FileOptions, Format, GlobOptions,
    HierarchicalOptions, KeyChange, Node, SecretsOptions, Source, StringOptions, SuperConfig,
    Value,
};

fn main() {
    let stdin = std::io::stdin();
    let mut out = std::io::stdout().lock();
    for line in stdin.lock().lines() {
        let Ok(line) = line else { break };
        if line.trim().is_empty() {
            continue;
        }
        let response = match serde_json::from_str::<Json>(&line) {
            Ok(req) => run_isolated(&req),
            Err(e) => json!({"id": null, "fatal": format!("bad request: {e}")}),
        };
        let _ = writeln!(out, "{response}");
        let _ = out.flush();
    }
}

/// Runs a case with the case's cwd and exactly the case's environment, then restores both.
fn run_isolated(req: &Json) -> Json {
    let id = req.get("id").cloned().unwrap_or(Json::Null);
    let saved_env: Vec<(std::ffi::OsString, std::ffi::OsString)> = std::env::vars_os().collect();
    let saved_cwd = std::env::current_dir().ok();
    let dir = req.get("dir").and_then(Json::as_str).map(PathBuf::from);
    if let Some(dir) = &dir
        && let Err(e) = std::env::set_current_dir(dir)
    {
        return json!({"id": id, "fatal": format!("cannot enter {}: {e}", dir.display())});
    }
    set_env(req.get("env").and_then(Json::as_object));
    let result = std::panic::catch_unwind(|| run(req));
    restore_env(&saved_env);
    if let Some(cwd) = saved_cwd {
        let _ = std::env::set_current_dir(cwd);
    }
    match result {
        Ok(mut v) => {
            v["id"] = id;
            v
        }
        Err(_) => json!({"id": id, "fatal": "the core panicked"}),
    }
}

fn set_env(vars: Option<&Map<String, Json>>) {
    for (k, _) in std::env::vars_os() {
        // SAFETY: the adapter is single-threaded; no other thread reads or writes the environment.
        unsafe { std::env::remove_var(k) };
    }
    for (k, v) in vars.into_iter().flatten() {
        let v = v
            .as_str()
            .map(str::to_string)
            .unwrap_or_else(|| v.to_string());
        // SAFETY: as above, single-threaded.
        unsafe { std::env::set_var(k, v) };
    }
}

fn restore_env(saved: &[(std::ffi::OsString, std::ffi::OsString)]) {
    for (k, _) in std::env::vars_os() {
        // SAFETY: single-threaded adapter.
        unsafe { std::env::remove_var(k) };
    }
    for (k, v) in saved {
        // SAFETY: single-threaded adapter.
        unsafe { std::env::set_var(k, v) };
    }
}

fn run(req: &Json) -> Json {
    let options = ConfigOptions {
        strict: req.get("strict").and_then(Json::as_bool).unwrap_or(false),
        secret_keys: req
            .get("secret_keys")
            .and_then(Json::as_array)
            .into_iter()
            .flatten()
            .filter_map(|p| p.as_str().map(str::to_string))
            .collect(),
        ..ConfigOptions::default()
    };
    let mut cfg = SuperConfig::with_options(&options);
    let empty = Vec::new();
    let steps = req.get("steps").and_then(Json::as_array).unwrap_or(&empty);
    // The reload events of the case, in order (a builder step does not clear them).
    let mut events: Vec<Json> = Vec::new();
    for (i, step) in steps.iter().enumerate() {
        let method = step.get("method").and_then(Json::as_str).unwrap_or("");
        match method {
            "write_file" | "remove_file" => {
                // The adapter's own failure (the case's setup), not the binding's.
                if let Err(e) = file_step(method, step) {
                    return json!({"fatal": format!("step {i} ({method}): {e}")});
                }
            }
            "reload" | "update_string" => {
                let result = if method == "reload" {
                    cfg.reload()
                } else {
                    let a = step_args(step);
                    match (a.req_str(0, "name"), a.req_str(1, "text")) {
                        (Ok(name), Ok(text)) => cfg.update_string(&name, &text),
                        (Err(e), _) | (_, Err(e)) => Err(e),
                    }
                };
                if let Some(event) = reload_event(&cfg, result) {
                    events.push(event);
                }
            }
            _ => match apply_step(&cfg, step) {
                Ok(next) => cfg = next,
                Err(e) => {
                    let mut err = error_json(&e);
                    err["step"] = json!(i);
                    return json!({"ok": false, "error": err});
                }
            },
        }
    }
    let results = queries(&cfg, req.get("queries").unwrap_or(&Json::Null), &events);
    json!({"ok": true, "results": results})
}

/// `write_file` (saved the way editors save: a temporary file in the same directory renamed
/// over the target, parent directories created) and `remove_file`, relative to the case
/// directory (the cwd).
fn file_step(method: &str, step: &Json) -> Result<(), String> {
    let a = step_args(step);
    let path = PathBuf::from(a.req_str(0, "path").map_err(|e| e.to_string())?);
    if method == "remove_file" {
        return std::fs::remove_file(&path).map_err(|e| e.to_string());
    }
    let text = a.req_str(1, "text").map_err(|e| e.to_string())?;
    let name = path
        .file_name()
        .ok_or_else(|| format!("{} names no file", path.display()))?
        .to_string_lossy()
        .into_owned();
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let temporary = dir.join(format!(".{name}.superconfig-tmp"));
    std::fs::write(&temporary, text).map_err(|e| e.to_string())?;
    std::fs::rename(&temporary, &path).map_err(|e| e.to_string())
}

/// The event a reload step records: `Changed`, `ReloadFailed` (every error: the last good tree
/// stays), or none when nothing changed.
fn reload_event(cfg: &SuperConfig, result: Result<Option<Change>, Error>) -> Option<Json> {
    match result {
        Ok(None) => None,
        Ok(Some(change)) => Some(change_json(&change)),
        Err(e) => Some(json!({
            "kind": "ReloadFailed",
            "version": version_json(cfg),
            "error": error_json(&e),
        })),
    }
}

fn version_json(cfg: &SuperConfig) -> Json {
    cfg.version()
        .map(Json::from)
        .unwrap_or_else(|e| json!({"error": error_json(&e)}))
}

/// The wire form of a `Changed` event: the paths of each list and, per path, the sides that
/// apply (`old`/`old_source` unless added, `new`/`new_source` unless removed; `null` when the
/// core gives none).
fn change_json(change: &Change) -> Json {
    let mut values = Map::new();
    let mut lists = Map::new();
    let groups: [(&str, &[KeyChange], bool, bool); 3] = [
        ("added", change.added.as_slice(), false, true),
        ("removed", change.removed.as_slice(), true, false),
        ("changed", change.changed.as_slice(), true, true),
    ];
    for (group, items, old_side, new_side) in groups {
        let paths = items.iter().map(|k| Json::String(k.path.clone())).collect();
        lists.insert(group.into(), Json::Array(paths));
        for k in items {
            let mut entry = Map::new();
            if old_side {
                entry.insert("old".into(), k.old.as_ref().map_or(Json::Null, to_json));
                entry.insert(
                    "old_source".into(),
                    k.old_source.as_ref().map_or(Json::Null, source_json),
                );
            }
            if new_side {
                entry.insert("new".into(), k.new.as_ref().map_or(Json::Null, to_json));
                entry.insert(
                    "new_source".into(),
                    k.new_source.as_ref().map_or(Json::Null, source_json),
                );
            }
            values.insert(k.path.clone(), Json::Object(entry));
        }
    }
    lists.insert("kind".into(), json!("Changed"));
    lists.insert("version".into(), json!(change.version));
    lists.insert("values".into(), Json::Object(values));
    Json::Object(lists)
}

struct Args<'a> {
    args: &'a [Json],
    kwargs: Option<&'a Map<String, Json>>,
}

impl Args<'_> {
    fn get(&self, pos: usize, name: &str) -> Option<&Json> {
        self.args
            .get(pos)
            .or_else(|| self.kwargs.and_then(|k| k.get(name)))
    }
    fn str(&self, pos: usize, name: &str) -> Result<Option<String>, Error> {
        match self.get(pos, name) {
            None | Some(Json::Null) => Ok(None),
            Some(Json::String(s)) => Ok(Some(s.clone())),
            Some(other) => Err(bad(&format!(
                "argument '{name}' must be a string, got {other}"
            ))),
        }
    }
    fn req_str(&self, pos: usize, name: &str) -> Result<String, Error> {
        self.str(pos, name)?
            .ok_or_else(|| bad(&format!("missing argument '{name}'")))
    }
    fn flag(&self, name: &str) -> bool {
        self.kwargs
            .and_then(|k| k.get(name))
            .and_then(Json::as_bool)
            .unwrap_or(false)
    }
    fn path(&self, name: &str) -> Result<Option<PathBuf>, Error> {
        Ok(self.str(usize::MAX, name)?.map(PathBuf::from))
    }
}

fn bad(message: &str) -> Error {
    Error::InvalidArgument(superconfig::Details::new(message))
}

fn format_arg(a: &Args<'_>, pos: usize) -> Result<Option<Format>, Error> {
    a.str(pos, "format")?.map(|f| f.parse()).transpose()
}

/// A step's arguments as the runner normalised them.
fn step_args(step: &Json) -> Args<'_> {
    Args {
        args: step
            .get("args")
            .and_then(Json::as_array)
            .map(Vec::as_slice)
            .unwrap_or_default(),
        kwargs: step.get("kwargs").and_then(Json::as_object),
    }
}

fn apply_step(cfg: &SuperConfig, step: &Json) -> Result<SuperConfig, Error> {
    let method = step.get("method").and_then(Json::as_str).unwrap_or("");
    let a = step_args(step);
    match method {
        "with_defaults" => {
            let tree = a
                .get(0, "defaults")
                .ok_or_else(|| bad("missing defaults"))?;
            cfg.with_defaults(&Node::try_from(tree)?)
        }
        "with_file" => {
            let opts = FileOptions {
                required: a.flag("required"),
                format: format_arg(&a, usize::MAX)?,
                profiles: a.flag("profiles"),
                max_bytes: None,
            };
            cfg.with_file_opts(a.req_str(0, "path")?, &opts)
        }
        "with_string" => {
            let format = format_arg(&a, 1)?.ok_or_else(|| bad("missing argument 'format'"))?;
            let opts = StringOptions {
                name: a.str(usize::MAX, "name")?,
                profiles: a.flag("profiles"),
            };
            cfg.with_string_opts(&a.req_str(0, "text")?, format, &opts)
        }
        "with_env" => cfg.with_env_opts(&a.req_str(0, "prefix")?, &env_opts(&a)?),
        "with_env_map" => {
            let vars = text_pairs(a.get(0, "mapping"), "mapping")?;
            cfg.with_env_map_opts(vars, &a.req_str(1, "prefix")?, &env_opts(&a)?)
        }
        "with_env_aliases" => {
            let aliases = text_pairs(a.get(0, "aliases"), "aliases")?;
            // `env` replaces the process environment (the runner's emulation only).
            match a.kwargs.and_then(|k| k.get("env")) {
                Some(env) => cfg.with_env_aliases_map(&aliases, &text_pairs(Some(env), "env")?),
                None => cfg.with_env_aliases(&aliases),
            }
        }
        "with_secrets_dir" => {
            let path = a.req_str(0, "path")?;
            match a.str(usize::MAX, "prefix")? {
                Some(prefix) => {
                    cfg.with_secrets_dir_opts(Path::new(&path), &SecretsOptions { prefix })
                }
                None => cfg.with_secrets_dir(Path::new(&path)),
            }
        }
        "with_glob" => {
            let mut opts = GlobOptions::default();
            if let Some(base) = a.path("base_dir")? {
                opts.base_dir = base;
            }
            cfg.with_glob_opts(&a.req_str(0, "pattern")?, &opts)
        }
        "with_hierarchical" => {
            let opts = HierarchicalOptions {
                system_dir: a.path("system_dir")?,
                user_dir: a.path("user_dir")?,
                start_dir: a.path("start_dir")?,
                stop_dir: a.path("stop_dir")?,
            };
            cfg.with_hierarchical_opts(&a.req_str(0, "app")?, &opts)
        }
        "select_profile" => cfg.select_profile(&a.req_str(0, "name")?),
        "select_profile_from_env" => {
            // Both optional, positional or named: the Python defaults when absent.
            let var = a.str(0, "var")?.unwrap_or_else(|| "APP_ENV".to_string());
            let default = a
                .str(1, "default")?
                .unwrap_or_else(|| DEFAULT_PROFILE.to_string());
            match a.kwargs.and_then(|k| k.get("env")) {
                Some(env) => {
                    cfg.select_profile_from_env_map(&var, &default, &text_pairs(Some(env), "env")?)
                }
                None => cfg.select_profile_from_env(&var, &default),
            }
        }
        "suppress_warnings" => {
            let list = a
                .get(0, "patterns")
                .and_then(Json::as_array)
                .ok_or_else(|| bad("missing patterns"))?;
            let patterns: Vec<String> = list
                .iter()
                .filter_map(|p| p.as_str().map(str::to_string))
                .collect();
            cfg.suppress_warnings(&patterns)
        }
        other => Err(bad(&format!("unknown method '{other}'"))),
    }
}

/// A JSON object of names to values as `(name, text)` pairs; a non-string value is its JSON
/// text (as the process environment the case sets gets it).
fn text_pairs(value: Option<&Json>, name: &str) -> Result<Vec<(String, String)>, Error> {
    let map = value
        .and_then(Json::as_object)
        .ok_or_else(|| bad(&format!("missing {name}")))?;
    Ok(map
        .iter()
        .map(|(k, v)| {
            (
                k.clone(),
                v.as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|| v.to_string()),
            )
        })
        .collect())
}

fn env_opts(a: &Args<'_>) -> Result<EnvOptions, Error> {
    let mut opts = EnvOptions {
        ignore_empty: a.flag("ignore_empty"),
        dotenv: a.path("dotenv")?,
        ..EnvOptions::default()
    };
    if let Some(sep) = a.str(usize::MAX, "separator")? {
        opts.separator = sep;
    }
    Ok(opts)
}

fn queries(cfg: &SuperConfig, q: &Json, events: &[Json]) -> Json {
    let mut out = Map::new();
    let list = |key: &str| {
        q.get(key)
            .and_then(Json::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let paths = |key: &str| {
        list(key)
            .into_iter()
            .filter_map(|p| p.as_str().map(str::to_string))
            .collect::<Vec<_>>()
    };
    if q.get("config").is_some() {
        out.insert(
            "config".into(),
            cfg.tree()
                .map(|n| to_json(&n))
                .unwrap_or_else(|e| json!({"error": error_json(&e)})),
        );
    }
    for key in ["get", "missing"] {
        if q.get(key).is_some() {
            let m: Map<String, Json> = paths(key)
                .into_iter()
                .map(|p| {
                    let r = value_or_error(cfg.get_node(p.as_str()));
                    (p, r)
                })
                .collect();
            out.insert(key.into(), Json::Object(m));
        }
    }
    if q.get("get_segments").is_some() {
        let items = list("get_segments")
            .iter()
            .map(|segs| {
                let segs: Vec<String> = segs
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|s| s.as_str().map(str::to_string))
                    .collect();
                value_or_error(cfg.get_node(&segs))
            })
            .collect();
        out.insert("get_segments".into(), Json::Array(items));
    }
    if q.get("has").is_some() {
        let m = paths("has")
            .into_iter()
            .map(|p| {
                let r = cfg
                    .has(p.as_str())
                    .map(Json::Bool)
                    .unwrap_or_else(|e| json!({"error": error_json(&e)}));
                (p, r)
            })
            .collect();
        out.insert("has".into(), Json::Object(m));
    }
    if q.get("keys").is_some() {
        let m = paths("keys")
            .into_iter()
            .map(|p| {
                let r = cfg
                    .keys(p.as_str())
                    .map(|k| json!(k))
                    .unwrap_or_else(|e| json!({"error": error_json(&e)}));
                (p, r)
            })
            .collect();
        out.insert("keys".into(), Json::Object(m));
    }
    if q.get("extract").is_some() {
        let m = paths("extract")
            .into_iter()
            .map(|p| {
                let r = match cfg.get_node(p.as_str()) {
                    Ok(n) => to_json(&n),
                    Err(e) => json!({"error": error_json(&e)}),
                };
                (p, r)
            })
            .collect();
        out.insert("extract".into(), Json::Object(m));
    }
    if q.get("sources").is_some() {
        let m = paths("sources")
            .into_iter()
            .map(|p| {
                let r = cfg
                    .source(p.as_str())
                    .map(|s| source_json(&s))
                    .unwrap_or_else(|e| json!({"error": error_json(&e)}));
                (p, r)
            })
            .collect();
        out.insert("sources".into(), Json::Object(m));
    }
    if q.get("explain").is_some() {
        let m = paths("explain")
            .into_iter()
            .map(|p| {
                let r = match cfg.explain(p.as_str()) {
                    Ok(x) => json!({
                        "value": to_json(&x.value),
                        "source": source_json(&x.source),
                        "overridden": x.overridden.iter().map(source_json).collect::<Vec<_>>(),
                    }),
                    Err(e) => json!({"error": error_json(&e)}),
                };
                (p, r)
            })
            .collect();
        out.insert("explain".into(), Json::Object(m));
    }
    if q.get("warnings").is_some() {
        let w = cfg.warnings().map(|ws| {
            ws.iter()
                .map(|w| json!({"kind": w.kind.as_str(), "message": w.message, "source": w.source}))
                .collect::<Vec<_>>()
        });
        out.insert(
            "warnings".into(),
            w.map(Json::Array)
                .unwrap_or_else(|e| json!({"error": error_json(&e)})),
        );
    }
    if q.get("dump").is_some() {
        out.insert(
            "dump".into(),
            cfg.dump(Format::Json, true)
                .map(Json::String)
                .unwrap_or_else(|e| json!({"error": error_json(&e)})),
        );
    }
    if q.get("layers").is_some() {
        let l = cfg.layers().map(|ls| {
            ls.iter().map(|l| json!({"kind": l.kind.as_str(), "name": l.name, "status": l.status.as_str()})).collect::<Vec<_>>()
        });
        out.insert(
            "layers".into(),
            l.map(Json::Array)
                .unwrap_or_else(|e| json!({"error": error_json(&e)})),
        );
    }
    if q.get("profiles").is_some() {
        out.insert(
            "profiles".into(),
            cfg.profiles()
                .map(|p| json!(p))
                .unwrap_or_else(|e| json!({"error": error_json(&e)})),
        );
    }
    if q.get("version").is_some() {
        out.insert("version".into(), version_json(cfg));
    }
    if q.get("events").is_some() {
        out.insert("events".into(), Json::Array(events.to_vec()));
    }
    Json::Object(out)
}

fn value_or_error(r: Result<Node, Error>) -> Json {
    match r {
        Ok(n) => json!({"value": to_json(&n)}),
        Err(e) => json!({"error": error_json(&e)}),
    }
}

/// The wire encoding: plain JSON, non-finite floats tagged.
fn to_json(node: &Node) -> Json {
    match &node.value {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Int(i) => json!(i),
        Value::Float(f) if f.is_nan() => json!({"$float": "nan"}),
        Value::Float(f) if f.is_infinite() => {
            json!({"$float": if *f > 0.0 { "inf" } else { "-inf" }})
        }
        Value::Float(f) => serde_json::Number::from_f64(*f)
            .map(Json::Number)
            .unwrap_or(Json::Null),
        Value::String(s) => Json::String(s.to_string()),
        Value::Array(a) => Json::Array(a.iter().map(to_json).collect()),
        Value::Table(t) => {
            Json::Object(t.iter().map(|(k, v)| (k.to_string(), to_json(v))).collect())
        }
    }
}

fn source_json(s: &Source) -> Json {
    json!({"kind": s.kind.as_str(), "name": s.name, "line": s.line})
}

fn error_json(e: &Error) -> Json {
    let d = e.details();
    json!({"kind": e.kind(), "file": d.file, "line": d.line, "column": d.column, "key": d.key, "message": e.to_string()})
}
