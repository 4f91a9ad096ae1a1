//! Hostile input ends in bounded time and memory, with a typed error or a result.
//!
//! Each scenario runs in a child process (this test binary run again, for one scenario) on a
//! thread with a 256 KiB stack (2 MiB in unoptimised builds, whose frames are several times
//! larger), its address space capped at 2 GiB (a runaway allocation aborts it); it reports its
//! peak resident memory, which must stay under 256 MiB, and how long the scenario itself took.
//! A stack overflow or an abort fails the test, and the parent kills a child still running after
//! 10 s: a hang. The 1 s target is measured and printed, not asserted (a timed assertion would
//! fail on a busy machine for reasons of the machine); `nox -s rust` runs this optimised and the
//! figures are in the crate README.

#![cfg(unix)]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use superconfig::{Format, GlobOptions, SuperConfig};

const CHILD_ENV: &str = "SUPERCONFIG_BOUNDED_SCENARIO";
const ADDRESS_SPACE_CAP: u64 = 2 * 1024 * 1024 * 1024;
const PEAK_RSS_BOUND_KIB: i64 = 256 * 1024;

/// What a scenario must end in.
enum Outcome {
    Error(&'static str),
    Ok,
}

type Scenario = fn(&Path) -> superconfig::Result<SuperConfig>;

fn scenarios() -> Vec<(&'static str, Scenario, Outcome)> {
    vec![
        ("fifo", fifo, Outcome::Error("IoError")),
        ("dev_zero", dev_zero, Outcome::Error("IoError")),
        ("file_100mb", file_100mb, Outcome::Error("IoError")),
        (
            "yaml_billion_laughs",
            billion_laughs,
            Outcome::Error("ParseError"),
        ),
        ("remove_blow_up", remove_blow_up, Outcome::Ok),
        ("glob_symlink_to_root", glob_symlink_to_root, Outcome::Ok),
        (
            "deep_json",
            |_| deep(Format::Json),
            Outcome::Error("ParseError"),
        ),
        (
            "deep_toml",
            |_| deep(Format::Toml),
            Outcome::Error("ParseError"),
        ),
        (
            "deep_toml_dotted_inline",
            deep_toml_dotted_inline,
            Outcome::Error("ParseError"),
        ),
        (
            "deep_yaml",
            |_| deep(Format::Yaml),
            Outcome::Error("ParseError"),
        ),
        ("deep_env_json", deep_env_json, Outcome::Error("ParseError")),
        (
            "flat_million_keys_json",
            |_| flat(Format::Json),
            Outcome::Ok,
        ),
    ]
}

fn fifo(dir: &Path) -> superconfig::Result<SuperConfig> {
    let path = dir.join("p.toml");
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).expect("no NUL");
    // SAFETY: `c` is a valid NUL-terminated path that lives across the call.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
    SuperConfig::new().with_file(&path)
}

fn dev_zero(_: &Path) -> superconfig::Result<SuperConfig> {
    SuperConfig::new().with_file("/dev/zero")
}

fn file_100mb(dir: &Path) -> superconfig::Result<SuperConfig> {
    let path = dir.join("big.json");
    let file = std::fs::File::create(&path).expect("create");
    // Sparse: 100 MB long without writing 100 MB.
    file.set_len(100 * 1024 * 1024).expect("set_len");
    SuperConfig::new().with_file(&path)
}

fn billion_laughs(_: &Path) -> superconfig::Result<SuperConfig> {
    let mut doc = String::from(
        "a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n",
    );
    for i in 1..10 {
        let prev = format!("*a{}", i - 1);
        let items = [prev.as_str(); 9].join(", ");
        doc.push_str(&format!("a{i}: &a{i} [{items}]\n"));
    }
    SuperConfig::new().with_string(&doc, Format::Yaml)
}

/// Aliases make a few KB of YAML stand for a big array of big items; `_remove` used to compare
/// every item with every removal, element by element.
fn remove_blow_up(_: &Path) -> superconfig::Result<SuperConfig> {
    let item: String = (0..200)
        .map(|i| format!("k{i}: v{i}"))
        .collect::<Vec<_>>()
        .join(", ");
    let mut first = format!("big: &big {{{item}}}\nother: &other {{{item}, extra: 1}}\nlist:\n");
    for _ in 0..2_000 {
        first.push_str("  - *big\n  - *other\n");
    }
    let mut second = String::from("big: &big {");
    second.push_str(&item);
    second.push_str("}\nlist_remove:\n");
    for _ in 0..2_000 {
        second.push_str("  - *big\n");
    }
    let cfg = SuperConfig::new()
        .with_string(&first, Format::Yaml)?
        .with_string(&second, Format::Yaml)?;
    assert_eq!(cfg.get::<Vec<serde_json::Value>, _>("list")?.len(), 2_000);
    cfg.select_profile("other")
}

fn glob_symlink_to_root(dir: &Path) -> superconfig::Result<SuperConfig> {
    std::os::unix::fs::symlink("/", dir.join("root")).expect("symlink");
    std::fs::write(dir.join("a.toml"), "a = 1\n").expect("write");
    let opts = GlobOptions {
        base_dir: dir.to_path_buf(),
    };
    let cfg = SuperConfig::new().with_glob_opts("**/*.toml", &opts)?;
    assert_eq!(cfg.keys("")?, vec!["a"]);
    Ok(cfg)
}

fn deep(format: Format) -> superconfig::Result<SuperConfig> {
    let n = 100_000;
    let text = match format {
        Format::Json => format!("{{\"a\": {}1{}}}", "[".repeat(n), "]".repeat(n)),
        Format::Toml => format!("a = {}1{}", "{b = ".repeat(n), "}".repeat(n)),
        _ => format!("a: {}1{}", "[".repeat(n), "]".repeat(n)),
    };
    SuperConfig::new().with_string(&text, format)
}

/// 80 inline tables, each under an 80-part dotted key: ~6 400 levels in 13 KB.
fn deep_toml_dotted_inline(_: &Path) -> superconfig::Result<SuperConfig> {
    let key = vec!["k"; 80].join(".");
    let text = format!(
        "a = {}1{}\n",
        format!("{{{key} = ").repeat(80),
        "}".repeat(80)
    );
    SuperConfig::new().with_string(&text, Format::Toml)
}

fn deep_env_json(_: &Path) -> superconfig::Result<SuperConfig> {
    let deep = format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000));
    SuperConfig::new().with_env_map([("APP_X", deep.as_str())], "APP_")
}

fn flat(format: Format) -> superconfig::Result<SuperConfig> {
    let n = 1_000_000;
    let text: String = match format {
        Format::Json => {
            let body: Vec<String> = (0..n).map(|i| format!("\"k{i}\":{i}")).collect();
            format!("{{{}}}", body.join(","))
        }
        Format::Toml => (0..n).map(|i| format!("k{i} = {i}\n")).collect(),
        _ => (0..n).map(|i| format!("k{i}: {i}\n")).collect(),
    };
    // The text is the caller's: only what the load adds is measured against the bound.
    let text = text.into_boxed_str();
    let started = Instant::now();
    let cfg = SuperConfig::new().with_string(&text, format)?;
    // Writing the 16 MB of text above is the test's own work: the load alone, for the figures.
    let _ = writeln!(std::io::stderr(), "load alone: {:?}", started.elapsed());
    assert_eq!(cfg.get::<i64, _>("k999999")?, 999_999);
    Ok(cfg)
}

/// The child: caps its memory, runs one scenario on a small stack, exits 0 when the outcome is
/// the expected one.
fn run_child(name: &str) -> ! {
    let limit = libc::rlimit {
        rlim_cur: ADDRESS_SPACE_CAP,
        rlim_max: ADDRESS_SPACE_CAP,
    };
    // SAFETY: `limit` is a valid rlimit for the duration of the call.
    assert_eq!(unsafe { libc::setrlimit(libc::RLIMIT_AS, &limit) }, 0);
    let (_, scenario, expected) = scenarios()
        .into_iter()
        .find(|(n, _, _)| *n == name)
        .expect("a known scenario");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().to_path_buf();
    let (outcome, took) = std::thread::Builder::new()
        .stack_size(if cfg!(debug_assertions) { 2048 } else { 256 } * 1024)
        .spawn(move || {
            let started = Instant::now();
            let outcome = scenario(&path)
                .map(|_| ())
                .map_err(|e| e.kind().to_string());
            (outcome, started.elapsed())
        })
        .expect("spawn")
        .join()
        .expect("the scenario thread does not panic");
    let ok = match (&expected, &outcome) {
        (Outcome::Ok, Ok(())) => true,
        (Outcome::Error(kind), Err(got)) => got == kind,
        _ => false,
    };
    // SAFETY: an all-zero rusage is a valid value for getrusage to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `usage` is a valid, writable rusage.
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    let peak_kib = usage.ru_maxrss;
    let ok = ok && peak_kib <= PEAK_RSS_BOUND_KIB;
    let target = if took > Duration::from_secs(1) {
        " (over the 1 s target)"
    } else {
        ""
    };
    let _ = writeln!(
        std::io::stderr(),
        "{outcome:?} in {took:?}{target}, peak RSS {} MiB",
        peak_kib / 1024
    );
    std::process::exit(if ok { 0 } else { 3 });
}

#[test]
fn hostile_inputs_end_in_bounded_time_and_memory() {
    if let Ok(name) = std::env::var(CHILD_ENV) {
        run_child(&name);
    }
    let bound = Duration::from_secs(10);
    let exe = std::env::current_exe().expect("the test binary");
    let mut failures = Vec::new();
    for (name, _, _) in scenarios() {
        let started = Instant::now();
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "hostile_inputs_end_in_bounded_time_and_memory",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, name)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn the child");
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait") {
                break Some(status);
            }
            if started.elapsed() > bound {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            std::thread::sleep(Duration::from_millis(5));
        };
        let elapsed = started.elapsed();
        let mut said = String::new();
        if let Some(mut err) = child.stderr.take() {
            let _ = std::io::Read::read_to_string(&mut err, &mut said);
        }
        println!("{name}: {elapsed:?} {}", said.trim());
        match status {
            Some(s) if s.success() => {}
            Some(s) => failures.push(format!("{name}: {s} ({})", said.trim())),
            None => failures.push(format!("{name}: still running after {bound:?}")),
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
