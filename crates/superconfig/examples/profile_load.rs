//! Profiling aid: repeats one operation so callgrind/perf show where time goes.
//! `cargo run --release --example profile_load -- layered|batch|json|toml|yaml|get|base_toml|prod_yaml|defaults_json|empty [N]`

use std::path::PathBuf;

use superconfig::{Format, Node, SuperConfig};

#[cfg(feature = "bench-mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let what = args.get(1).map(String::as_str).unwrap_or("layered");
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1000);
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = here.join("../../../shared/bench-fixture");
    let large = here.join("../../target/bench-large");
    let defaults_json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("defaults.json")).expect("fixture"))
            .expect("json");
    let defaults = Node::try_from(&defaults_json).expect("defaults");
    let env: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("env.json")).expect("env"))
            .expect("json");
    let vars: Vec<(String, String)> = env
        .into_iter()
        .map(|(k, v)| (k, v.as_str().unwrap_or("").to_string()))
        .collect();
    let layered = || {
        SuperConfig::new()
            .with_defaults(&defaults)
            .and_then(|c| c.with_file(dir.join("base.toml")))
            .and_then(|c| c.with_file(dir.join("prod.yaml")))
            .and_then(|c| c.with_env_map(vars.clone(), "APP_"))
            .expect("load")
    };
    match what {
        "layered" => (0..n).for_each(|_| drop(layered())),
        // `n` loads kept, then all dropped: as a garbage collector frees them, memory gone cold.
        "batch" => {
            let mut build = Vec::new();
            let mut free = Vec::new();
            for _ in 0..21 {
                let t0 = std::time::Instant::now();
                let kept: Vec<_> = (0..n).map(|_| layered()).collect();
                let t1 = std::time::Instant::now();
                drop(kept);
                build.push((t1 - t0).as_nanos() as f64 / n as f64);
                free.push(t1.elapsed().as_nanos() as f64 / n as f64);
            }
            build.sort_by(f64::total_cmp);
            free.sort_by(f64::total_cmp);
            println!(
                "median of 21: build {:.0} ns, drop {:.0} ns per load",
                build[10], free[10]
            );
        }
        "get" => {
            let cfg = layered();
            let mut sum = 0;
            for _ in 0..n {
                sum += cfg
                    .get::<i64, _>(std::hint::black_box("database.pool.max_size"))
                    .unwrap_or(0);
            }
            println!("{sum}");
        }
        ext @ ("json" | "toml" | "yaml") => {
            let text =
                std::fs::read_to_string(large.join(format!("large.{ext}"))).expect("large file");
            let format: Format = ext.parse().expect("format");
            (0..n).for_each(|_| {
                drop(
                    SuperConfig::new()
                        .with_string(&text, format)
                        .expect("parse"),
                )
            });
        }
        "base_toml" | "prod_yaml" | "defaults_json" | "empty" => {
            let (file, format) = match what {
                "base_toml" => ("base.toml", Format::Toml),
                "prod_yaml" => ("prod.yaml", Format::Yaml),
                "defaults_json" => ("defaults.json", Format::Json),
                _ => ("", Format::Toml),
            };
            let text = match file {
                "" => String::new(),
                f => std::fs::read_to_string(dir.join(f)).expect("fixture"),
            };
            (0..n).for_each(|_| {
                drop(
                    SuperConfig::new()
                        .with_string(&text, format)
                        .expect("parse"),
                )
            });
        }
        other => eprintln!("unknown: {other}"),
    }
}
