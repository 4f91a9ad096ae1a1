//! A short sequence of builder calls derived from the input (`arbitrary`), then every reader on
//! fuzzed paths. Errors are answers; a panic is a crash.
#![no_main]

use arbitrary::{Arbitrary, Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use superconfig::{ConfigOptions, EnvOptions, Format, StringOptions, SuperConfig};

const MAX_STEPS: usize = 8;
const MAX_READS: usize = 16;

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Fmt {
    Toml,
    Yaml,
    Json,
    Dotenv,
}

impl From<Fmt> for Format {
    fn from(f: Fmt) -> Format {
        match f {
            Fmt::Toml => Format::Toml,
            Fmt::Yaml => Format::Yaml,
            Fmt::Json => Format::Json,
            Fmt::Dotenv => Format::Dotenv,
        }
    }
}

/// A small JSON value: the argument of `with_defaults_from`.
#[derive(Debug)]
struct Json(serde_json::Value);

impl<'a> Arbitrary<'a> for Json {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        json_value(u, 0).map(Json)
    }
}

fn json_value(u: &mut Unstructured<'_>, depth: usize) -> Result<serde_json::Value> {
    use serde_json::Value as J;
    let kinds = if depth >= 4 { 5 } else { 7 };
    Ok(match u.choose_index(kinds)? {
        0 => J::Null,
        1 => J::Bool(u.arbitrary()?),
        2 => J::from(u.arbitrary::<i64>()?),
        3 => {
            // u64 beyond i64 and floats (NaN and infinities cannot be JSON numbers)
            if u.arbitrary()? {
                J::from(u.arbitrary::<u64>()?)
            } else {
                serde_json::Number::from_f64(u.arbitrary()?).map_or(J::Null, J::Number)
            }
        }
        4 => J::String(u.arbitrary()?),
        5 => {
            let n = u.int_in_range(0..=4)?;
            J::Array(
                (0..n)
                    .map(|_| json_value(u, depth + 1))
                    .collect::<Result<_>>()?,
            )
        }
        _ => {
            let n = u.int_in_range(0..=4)?;
            let mut map = serde_json::Map::new();
            for _ in 0..n {
                map.insert(u.arbitrary()?, json_value(u, depth + 1)?);
            }
            J::Object(map)
        }
    })
}

#[derive(Arbitrary, Debug)]
enum Step {
    String {
        text: String,
        format: Fmt,
        profiles: bool,
        name: Option<String>,
    },
    EnvMap {
        vars: Vec<(String, String)>,
        prefix: String,
        separator: Option<String>,
        ignore_empty: bool,
    },
    Defaults(Json),
    SelectProfile(String),
    SuppressWarnings(Vec<String>),
    Aliases {
        aliases: Vec<(String, String)>,
        vars: Vec<(String, String)>,
    },
    ProfileFromEnv {
        var: String,
        default: String,
        vars: Vec<(String, String)>,
    },
}

/// A struct of every kind of field, for typed extraction that lists every invalid one.
#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct Typed {
    a: String,
    b: u16,
    c: Option<f64>,
    d: Vec<bool>,
    e: std::collections::BTreeMap<String, i64>,
}

/// A key path: dotted, or a list of segments (for keys with dots).
#[derive(Arbitrary, Debug)]
enum Path {
    Dotted(String),
    Segments(Vec<String>),
}

#[derive(Arbitrary, Debug)]
enum Read {
    Get(Path, u8),
    GetOr(Path),
    Has(Path),
    Keys(Path),
    Explain(Path),
    Source(Path),
    Dump(Fmt, bool),
    Extract,
    Warnings,
    Layers,
    Profiles,
    Clone,
    Free,
}

#[derive(Arbitrary, Debug)]
struct Input {
    strict: bool,
    secret_keys: Vec<String>,
    steps: Vec<Step>,
    reads: Vec<Read>,
}

fn step(cfg: &SuperConfig, step: &Step) -> superconfig::Result<SuperConfig> {
    match step {
        Step::String {
            text,
            format,
            profiles,
            name,
        } => {
            let opts = StringOptions {
                name: name.clone(),
                profiles: *profiles,
            };
            cfg.with_string_opts(text, (*format).into(), &opts)
        }
        Step::EnvMap {
            vars,
            prefix,
            separator,
            ignore_empty,
        } => match separator {
            None => cfg.with_env_map(vars.iter().cloned(), prefix),
            Some(separator) => {
                let opts = EnvOptions {
                    separator: separator.clone(),
                    ignore_empty: *ignore_empty,
                    ..EnvOptions::default()
                };
                cfg.with_env_map_opts(vars.iter().cloned(), prefix, &opts)
            }
        },
        Step::Defaults(Json(value)) => cfg.with_defaults_from(value),
        Step::SelectProfile(name) => cfg.select_profile(name),
        Step::SuppressWarnings(patterns) => cfg.suppress_warnings(patterns),
        Step::Aliases { aliases, vars } => cfg.with_env_aliases_map(aliases, vars),
        Step::ProfileFromEnv { var, default, vars } => {
            cfg.select_profile_from_env_map(var, default, vars)
        }
    }
}

fn get(cfg: &SuperConfig, path: &(impl superconfig::KeyPath + ?Sized), kind: u8) {
    match kind % 8 {
        0 => drop(cfg.get::<serde_json::Value, _>(path)),
        1 => drop(cfg.get::<String, _>(path)),
        2 => drop(cfg.get::<i64, _>(path)),
        3 => drop(cfg.get::<u8, _>(path)),
        4 => drop(cfg.get::<f32, _>(path)),
        5 => drop(cfg.get::<bool, _>(path)),
        6 => drop(cfg.get::<Vec<Option<String>>, _>(path)),
        _ => drop(cfg.get::<std::collections::HashMap<String, u64>, _>(path)),
    }
}

fn read(cfg: &SuperConfig, read: &Read) {
    macro_rules! on_path {
        ($path:expr, |$p:ident| $body:expr) => {
            match $path {
                Path::Dotted(s) => {
                    let $p = s.as_str();
                    $body
                }
                Path::Segments(v) => {
                    let $p = v.as_slice();
                    $body
                }
            }
        };
    }
    match read {
        Read::Get(path, kind) => on_path!(path, |p| get(cfg, p, *kind)),
        Read::GetOr(path) => on_path!(path, |p| drop(cfg.get_or(p, 0_i32))),
        Read::Has(path) => on_path!(path, |p| drop(cfg.has(p))),
        Read::Keys(path) => on_path!(path, |p| drop(cfg.keys(p))),
        Read::Explain(path) => on_path!(path, |p| drop(cfg.explain(p))),
        Read::Source(path) => on_path!(path, |p| drop(cfg.source(p))),
        Read::Dump(format, redact) => drop(cfg.dump((*format).into(), *redact)),
        Read::Extract => {
            drop(cfg.extract::<serde_json::Value>());
            drop(cfg.extract::<Typed>());
        }
        Read::Warnings => drop(cfg.warnings()),
        Read::Layers => drop(cfg.layers()),
        Read::Profiles => {
            let _ = cfg.profiles();
            let _ = cfg.active_profile();
        }
        Read::Clone => drop(cfg.clone().tree()),
        Read::Free => {
            // every later call is InvalidHandle, never a panic
            cfg.free();
            let _ = cfg.tree();
        }
    }
}

fuzz_target!(|input: Input| {
    let mut cfg = SuperConfig::with_options(&ConfigOptions {
        strict: input.strict,
        secret_keys: input.secret_keys.clone(),
        ..ConfigOptions::default()
    });
    for s in input.steps.iter().take(MAX_STEPS) {
        if let Ok(next) = step(&cfg, s) {
            cfg = next;
        }
    }
    for r in input.reads.iter().take(MAX_READS) {
        read(&cfg, r);
    }
});
