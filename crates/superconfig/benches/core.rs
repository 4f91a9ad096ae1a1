//! Criterion benchmarks on `shared/bench-fixture` (see the crate README for the figures).
//!
//! The 1 MB documents come from the fixture's `gen_large.py`; set `SUPERCONFIG_LARGE_DIR` to a
//! directory holding them, or have `python3` with PyYAML and tomli-w on PATH to generate them.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use superconfig::{ConfigRegistry, Format, SuperConfig};

// `--features bench-mimalloc`: measure with the allocator the Python and Node bindings ship.
#[cfg(feature = "bench-mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn fixture_dir() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    [
        here.join("../../../shared/bench-fixture"),
        here.join("../../shared/bench-fixture"),
    ]
    .into_iter()
    .find(|p| p.is_dir())
    .expect("shared/bench-fixture beside the checkout")
}

fn large_dir() -> PathBuf {
    if let Ok(dir) = std::env::var("SUPERCONFIG_LARGE_DIR") {
        return PathBuf::from(dir);
    }
    let out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-large");
    if !out.join("large.yaml").is_file() {
        let status = std::process::Command::new("python3")
            .arg(fixture_dir().join("gen_large.py"))
            .arg(&out)
            .status()
            .expect("python3 to generate the 1 MB documents");
        assert!(
            status.success(),
            "gen_large.py failed: install PyYAML and tomli-w"
        );
    }
    out
}

fn env_vars(dir: &Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(dir.join("env.json")).unwrap();
    let map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&text).unwrap();
    map.into_iter()
        .map(|(k, v)| (k, v.as_str().unwrap().to_string()))
        .collect()
}

fn layered(dir: &Path, defaults: &superconfig::Node) -> SuperConfig {
    SuperConfig::new()
        .with_defaults(defaults)
        .unwrap()
        .with_file(dir.join("base.toml"))
        .unwrap()
        .with_file(dir.join("prod.yaml"))
        .unwrap()
        .with_env("APP_")
        .unwrap()
}

fn benches(c: &mut Criterion) {
    let dir = fixture_dir();
    for (k, v) in env_vars(&dir) {
        // SAFETY: set before any benchmark thread starts; nothing else touches the environment.
        unsafe { std::env::set_var(k, v) };
    }
    let defaults_json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("defaults.json")).unwrap()).unwrap();
    let defaults = superconfig::Node::try_from(&defaults_json).unwrap();

    let registry = ConfigRegistry::new();
    let h = registry.create(vec![1_u8; 64]);
    c.bench_function("registry_read", |b| {
        b.iter(|| black_box(registry.read(black_box(&h)).unwrap()))
    });

    let cfg = layered(&dir, &defaults);
    assert_eq!(cfg.get::<i64, _>("database.pool.max_size").unwrap(), 64);
    c.bench_function("get_node_pool_max_size", |b| {
        b.iter(|| black_box(cfg.get_node(black_box("database.pool.max_size")).unwrap()))
    });
    c.bench_function("get_typed_i64_pool_max_size", |b| {
        b.iter(|| {
            black_box(
                cfg.get::<i64, _>(black_box("database.pool.max_size"))
                    .unwrap(),
            )
        })
    });
    c.bench_function("layered_load_fixture", |b| {
        b.iter(|| black_box(layered(&dir, &defaults)))
    });
    live(c, &cfg, &defaults);
    floors(c, &dir);
    c.bench_function("extract_fixture_json_value", |b| {
        b.iter(|| black_box(cfg.extract::<serde_json::Value>().unwrap()))
    });

    let large = large_dir();
    let mut group = c.benchmark_group("load_1mb");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(8));
    for (name, format) in [
        ("large.json", Format::Json),
        ("large.toml", Format::Toml),
        ("large.yaml", Format::Yaml),
    ] {
        let text = std::fs::read_to_string(large.join(name)).unwrap();
        group.bench_function(format.as_str(), |b| {
            b.iter(|| {
                black_box(
                    SuperConfig::new()
                        .with_string(black_box(&text), format)
                        .unwrap(),
                )
            })
        });
    }
    group.finish();

    let big = SuperConfig::new()
        .with_file(large.join("large.json"))
        .unwrap();
    c.bench_function("one_key_layer_over_1mb/shallow", |b| {
        b.iter(|| {
            black_box(
                big.with_string("[gateway]\nworkers = 8\n", Format::Toml)
                    .unwrap(),
            )
        })
    });
    c.bench_function("one_key_layer_over_1mb/deep_in_2900_entry_table", |b| {
        b.iter(|| {
            black_box(
                big.with_string("[routes.route_01234]\ntimeout_ms = 1\n", Format::Toml)
                    .unwrap(),
            )
        })
    });

    // Reads from 1 and 2 threads while a third thread keeps replacing the entry.
    for (name, readers, shared) in [
        ("1_reader", 1, true),
        ("2_readers_same_entry", 2, true),
        ("2_readers_own_entries", 2, false),
    ] {
        c.bench_function(&format!("registry_read_under_update/{name}"), |b| {
            b.iter_custom(|iters| contended_reads(readers, shared, iters))
        });
    }
}

/// Live configuration (docs/behaviour.md, "Reload"): the swap a reload ends with, a reload of
/// the fixture (files read and compared, layers merged again, trees compared) next to the
/// layered load above, and a read while a watcher is active next to `get_node_pool_max_size`.
fn live(c: &mut Criterion, cfg: &SuperConfig, defaults: &superconfig::Node) {
    let registry = ConfigRegistry::new();
    let trees = [
        std::sync::Arc::new(defaults.clone()),
        std::sync::Arc::new(cfg.tree().unwrap()),
    ];
    let h = registry.create_arc(std::sync::Arc::clone(&trees[0]), 0);
    let mut i = 0;
    c.bench_function("reload/swap_loaded_config", |b| {
        b.iter(|| {
            i ^= 1;
            black_box(
                registry
                    .update_arc(&h, std::sync::Arc::clone(&trees[i]), 0)
                    .unwrap(),
            )
        })
    });
    c.bench_function("reload/fixture_inputs_unchanged", |b| {
        b.iter(|| black_box(cfg.reload().unwrap()))
    });
    // Every file read again and parsed: a copy of the fixture whose two files alternate
    // between two texts of the same values (so every reload parses both, and no event).
    // In memory where there is a tmpfs: a disk's writeback of the untimed writes would
    // otherwise run during the timed reloads.
    let shm = Path::new("/dev/shm");
    let dir = if shm.is_dir() {
        tempfile::tempdir_in(shm)
    } else {
        tempfile::tempdir()
    }
    .unwrap();
    let fixture = fixture_dir();
    let texts: Vec<[String; 2]> = ["base.toml", "prod.yaml"]
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(fixture.join(f)).unwrap();
            std::fs::write(dir.path().join(f), &text).unwrap();
            [text.clone(), format!("{text}\n# edited\n")]
        })
        .collect();
    let copy = layered(dir.path(), defaults);
    let mut round = 0;
    // The writes are the untimed setup of each reload.
    c.bench_function("reload/fixture_every_file_changed", |b| {
        b.iter_batched(
            || {
                round ^= 1;
                for (f, text) in ["base.toml", "prod.yaml"].iter().zip(&texts) {
                    std::fs::write(dir.path().join(f), &text[round]).unwrap();
                }
            },
            |()| black_box(copy.reload().unwrap()),
            criterion::BatchSize::PerIteration,
        )
    });
    let watcher = cfg.watch(&superconfig::WatchOptions::default()).unwrap();
    c.bench_function("reload/get_node_pool_max_size_while_watched", |b| {
        b.iter(|| black_box(cfg.get_node(black_box("database.pool.max_size")).unwrap()))
    });
    watcher.close();
}

/// What the layered load cannot go below: the maintained crates' parsers on the fixture files
/// (events and decoded scalars, no tree), the file reads and the environment scan.
fn floors(c: &mut Criterion, dir: &Path) {
    use toml_parser::parser::{EventReceiver, parse_document};
    use toml_parser::{ErrorSink, Source, Span, decoder::Encoding};

    /// Decodes every key and scalar, as any TOML consumer must, and keeps nothing.
    struct Decode<'i>(Source<'i>, usize);
    impl<'i> Decode<'i> {
        fn raw(&self, span: Span, kind: Option<Encoding>) -> toml_parser::Raw<'i> {
            let text = &self.0.input()[span.start()..span.end()];
            toml_parser::Raw::new_unchecked(text, kind, span)
        }
    }
    impl EventReceiver for Decode<'_> {
        fn simple_key(&mut self, span: Span, kind: Option<Encoding>, error: &mut dyn ErrorSink) {
            let mut out = std::borrow::Cow::Borrowed("");
            self.raw(span, kind).decode_key(&mut out, error);
            self.1 += out.len();
        }
        fn scalar(&mut self, span: Span, kind: Option<Encoding>, error: &mut dyn ErrorSink) {
            let mut out = std::borrow::Cow::Borrowed("");
            black_box(self.raw(span, kind).decode_scalar(&mut out, error));
            self.1 += out.len();
        }
    }

    let toml_text = std::fs::read_to_string(dir.join("base.toml")).unwrap();
    let yaml_text = std::fs::read_to_string(dir.join("prod.yaml")).unwrap();
    let mut group = c.benchmark_group("floor");
    group.bench_function("read_2_files", |b| {
        b.iter(|| {
            black_box(std::fs::read_to_string(dir.join("base.toml")).unwrap());
            black_box(std::fs::read_to_string(dir.join("prod.yaml")).unwrap());
        })
    });
    group.bench_function("toml_parser_events_base_toml", |b| {
        b.iter(|| {
            let source = Source::new(black_box(&toml_text));
            let tokens = source.lex().into_vec();
            let mut sink = Decode(source, 0);
            let mut errors = |_: toml_parser::ParseError| {};
            parse_document(&tokens, &mut sink, &mut errors);
            black_box(sink.1)
        })
    });
    group.bench_function("yaml_rust2_events_prod_yaml", |b| {
        b.iter(|| {
            let mut parser = yaml_rust2::parser::Parser::new_from_str(black_box(&yaml_text));
            loop {
                match parser.next_token().unwrap() {
                    (yaml_rust2::Event::StreamEnd, _) => break,
                    event => drop(black_box(event)),
                }
            }
        })
    });
    group.bench_function("env_vars_os_scan", |b| {
        b.iter(|| {
            black_box(
                std::env::vars_os()
                    .filter(|(k, _)| k.as_encoded_bytes().starts_with(b"APP_"))
                    .count(),
            )
        })
    });
    group.finish();

    // The layered load's parts, each on its own, to set beside the floors above.
    let mut group = c.benchmark_group("part");
    group.bench_function("toml_string_base_toml", |b| {
        b.iter(|| {
            black_box(
                SuperConfig::new()
                    .with_string(black_box(&toml_text), Format::Toml)
                    .unwrap(),
            )
        })
    });
    group.bench_function("yaml_string_prod_yaml", |b| {
        b.iter(|| {
            black_box(
                SuperConfig::new()
                    .with_string(black_box(&yaml_text), Format::Yaml)
                    .unwrap(),
            )
        })
    });
    let vars = env_vars(dir);
    group.bench_function("env_map_10_vars", |b| {
        b.iter(|| {
            black_box(
                SuperConfig::new()
                    .with_env_map(vars.iter().cloned(), "APP_")
                    .unwrap(),
            )
        })
    });
    group.bench_function("env_process", |b| {
        b.iter(|| black_box(SuperConfig::new().with_env("APP_").unwrap()))
    });
    group.finish();
}

/// Wall time for each of `readers` threads to do `iters` reads while a writer updates; the
/// per-read figure criterion reports is wall time / iters, so flat numbers mean reads scale.
fn contended_reads(readers: usize, shared: bool, iters: u64) -> Duration {
    let r = Arc::new(ConfigRegistry::new());
    let first = r.create(vec![0_u64; 8]);
    let handles: Vec<_> = (0..readers)
        .map(|i| {
            if shared || i == 0 {
                first
            } else {
                r.create(vec![i as u64; 8])
            }
        })
        .collect();
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (r, stop, h) = (r.clone(), stop.clone(), handles[0]);
        std::thread::spawn(move || {
            let mut n = 0_u64;
            while !stop.load(Ordering::Relaxed) {
                r.update(&h, vec![n; 8]).unwrap();
                n += 1;
                std::thread::yield_now();
            }
        })
    };
    let start = Instant::now();
    let threads: Vec<_> = handles
        .iter()
        .map(|h| {
            let (r, h) = (r.clone(), *h);
            std::thread::spawn(move || {
                for _ in 0..iters {
                    black_box(r.read(&h).unwrap());
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let elapsed = start.elapsed();
    stop.store(true, Ordering::Relaxed);
    writer.join().unwrap();
    elapsed
}

criterion_group!(core, benches);
criterion_main!(core);
