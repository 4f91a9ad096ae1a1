//! Bytes → `NAME=value` pairs (split on NUL, then at the first `=`) → with_env_map under several
//! prefixes and separators, then every key read back. Must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use superconfig::{EnvOptions, SuperConfig};

/// (prefix, separator, ignore_empty): the default rules, other separators, an empty prefix.
const RULES: [(&str, &str, bool); 5] = [
    ("APP_", "__", false),
    ("APP_", "_", true),
    ("", "__", false),
    ("app.", ".", false),
    ("A", "", false),
];

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let pairs: Vec<(String, String)> = text
        .split('\0')
        .filter(|entry| !entry.is_empty())
        .map(|entry| match entry.split_once('=') {
            Some((name, value)) => (name.to_string(), value.to_string()),
            None => (entry.to_string(), String::new()),
        })
        .collect();
    for (prefix, separator, ignore_empty) in RULES {
        let opts = EnvOptions {
            separator: separator.to_string(),
            ignore_empty,
            ..EnvOptions::default()
        };
        if let Ok(cfg) = SuperConfig::new().with_env_map_opts(pairs.iter().cloned(), prefix, &opts)
        {
            superconfig_fuzz::walk(&cfg);
            let _ = cfg.warnings();
            let _ = cfg.dump(superconfig::Format::Json, true);
        }
        if let Ok(cfg) =
            SuperConfig::strict().with_env_map_opts(pairs.iter().cloned(), prefix, &opts)
        {
            let _ = cfg.extract::<serde_json::Value>();
        }
    }
});
