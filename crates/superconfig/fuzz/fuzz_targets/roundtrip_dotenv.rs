//! Dotenv text → with_string, then every key read back (dotenv has no dump).
#![no_main]

use libfuzzer_sys::fuzz_target;
use superconfig::{Format, SuperConfig};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(cfg) = SuperConfig::new().with_string(text, Format::Dotenv) {
        superconfig_fuzz::walk(&cfg);
    }
});
