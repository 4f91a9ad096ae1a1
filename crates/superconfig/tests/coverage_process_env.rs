//! `with_env` over the real process environment, with variables that are not UTF-8. Its own test
//! binary with a single test: changing the environment is only sound while no other thread reads
//! it.

#[cfg(unix)]
#[test]
fn variables_that_are_not_utf8_are_skipped() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;

    use superconfig::SuperConfig;

    let bad_name = OsStr::from_bytes(b"SCCOV_BAD_\xffNAME");
    // SAFETY: this test binary runs this one test; no other thread reads the environment.
    unsafe {
        std::env::set_var("SCCOV_GOOD", "1");
        std::env::set_var("SCCOV_BAD_VALUE", OsStr::from_bytes(b"\xfe\xff"));
        std::env::set_var(bad_name, "2");
    }
    let cfg = SuperConfig::new().with_env("SCCOV_").unwrap();
    let tree: serde_json::Value = cfg.extract().unwrap();
    assert_eq!(tree, serde_json::json!({"good": 1}));
    assert!(cfg.warnings().unwrap().is_empty());
    // SAFETY: as above.
    unsafe {
        std::env::remove_var("SCCOV_GOOD");
        std::env::remove_var("SCCOV_BAD_VALUE");
        std::env::remove_var(bad_name);
    }
}
