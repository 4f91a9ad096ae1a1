//! The few raw Node-API helpers every other module uses: status checks and strings.

use std::ptr;

use napi::{Result, Status, sys};

/// A napi status as a `Result`.
#[inline]
pub fn check(status: sys::napi_status) -> Result<()> {
    if status == sys::Status::napi_ok {
        Ok(())
    } else {
        Err(napi::Error::new(
            Status::from(status),
            "a Node-API call failed",
        ))
    }
}

/// A JS string from UTF-8 text.
///
/// # Safety
/// `env` must be valid.
#[inline]
pub unsafe fn js_string(env: sys::napi_env, text: &str) -> Result<sys::napi_value> {
    let mut out = ptr::null_mut();
    // SAFETY: pointer and length describe `text`.
    check(unsafe {
        sys::napi_create_string_utf8(env, text.as_ptr().cast(), text.len() as isize, &mut out)
    })?;
    Ok(out)
}

/// Reads a JS string as Rust text (lone surrogates become U+FFFD). Short strings take one
/// Node-API call; longer ones ask for the length first.
///
/// # Safety
/// `env` must be valid and `value` a JS string.
pub unsafe fn read_string(env: sys::napi_env, value: sys::napi_value) -> Result<String> {
    const SHORT: usize = 128;
    let mut buf = [0u8; SHORT];
    let mut len = 0;
    // SAFETY: napi writes at most `SHORT` bytes (NUL included) and reports how many; the long
    // buffer has room for `len + 1` bytes and `set_len` covers only what napi wrote.
    unsafe {
        check(sys::napi_get_value_string_utf8(
            env,
            value,
            buf.as_mut_ptr().cast(),
            SHORT,
            &mut len,
        ))?;
        if fits(len, SHORT) {
            return Ok(utf8(buf[..len].to_vec()));
        }
        check(sys::napi_get_value_string_utf8(
            env,
            value,
            ptr::null_mut(),
            0,
            &mut len,
        ))?;
        let mut long: Vec<u8> = Vec::with_capacity(len + 1);
        let mut written = 0;
        check(sys::napi_get_value_string_utf8(
            env,
            value,
            long.as_mut_ptr().cast(),
            len + 1,
            &mut written,
        ))?;
        long.set_len(written);
        Ok(utf8(long))
    }
}

/// Whether `napi_get_value_string_utf8` copied a whole string: `len` bytes into a buffer of
/// `capacity` (NUL included). A string that does not fit is cut before the character that would
/// overflow, so a cut copy can be up to 3 bytes shorter than `capacity - 1`: only a copy shorter
/// than that is surely whole.
#[inline]
pub fn fits(len: usize, capacity: usize) -> bool {
    len + 4 < capacity
}

fn utf8(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}
