//! JSON text → with_string → dump as JSON, TOML, YAML → parse each dump → same tree.
#![no_main]

use libfuzzer_sys::fuzz_target;
use superconfig::Format;

fuzz_target!(|data: &[u8]| superconfig_fuzz::roundtrip(data, Format::Json));
