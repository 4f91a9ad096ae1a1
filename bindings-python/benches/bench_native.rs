//! Native baseline for `bench_python.py`: the same operations on the same fixture, straight on
//! the core crate, so that one benchmark run shows what the binding adds.
//!
//! `cargo run --release --example bench_native -- FIXTURE_DIR` prints one JSON object:
//! `{"load_ns", "get_node_ns", "get_i64_ns", "extract_json_value_ns", "tree_ns"}` (medians).

use std::hint::black_box;
use std::time::Instant;

use superconfig::{Node, SuperConfig};

/// The allocator the Python extension uses, so that the difference is the binding alone.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Median over `rounds` of the mean time per call of `f` run `iters` times.
fn median_ns(rounds: usize, iters: usize, mut f: impl FnMut()) -> f64 {
    for _ in 0..iters {
        f(); // warm up
    }
    let mut samples: Vec<f64> = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..iters {
                f();
            }
            start.elapsed().as_nanos() as f64 / iters as f64
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "/work/shared/bench-fixture".into());
    let dir = std::path::PathBuf::from(dir);
    let defaults: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("defaults.json"))?)?;
    let defaults = Node::try_from(&defaults)?;
    let env: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("env.json"))?)?;
    let env: Vec<(String, String)> = env
        .into_iter()
        .map(|(k, v)| (k, v.as_str().unwrap_or_default().to_string()))
        .collect();
    let (base, prod) = (dir.join("base.toml"), dir.join("prod.yaml"));
    let load = || -> superconfig::Result<SuperConfig> {
        SuperConfig::new()
            .with_defaults(&defaults)?
            .with_file(&base)?
            .with_file(&prod)?
            .with_env_map(env.iter().cloned(), "APP_")
    };
    let cfg = load()?;
    let load_ns = median_ns(21, 500, || {
        black_box(load().expect("load"));
    });
    let get_node_ns = median_ns(21, 200_000, || {
        black_box(
            cfg.get_node(black_box("database.pool.max_size"))
                .expect("get"),
        );
    });
    let get_i64_ns = median_ns(21, 200_000, || {
        black_box(
            cfg.get::<i64, _>(black_box("database.pool.max_size"))
                .expect("get"),
        );
    });
    let extract_ns = median_ns(21, 5_000, || {
        black_box(cfg.extract::<serde_json::Value>().expect("extract"));
    });
    let tree_ns = median_ns(21, 200_000, || {
        black_box(cfg.tree().expect("tree"));
    });
    println!(
        "{}",
        serde_json::json!({
            "load_ns": load_ns,
            "get_node_ns": get_node_ns,
            "get_i64_ns": get_i64_ns,
            "extract_json_value_ns": extract_ns,
            "tree_ns": tree_ns,
        })
    );
    Ok(())
}
