//! `SuperConfig.get` through the vectorcall (`METH_FASTCALL`) calling convention.
//!
//! The one-wheel-for-3.9+ build (abi3-py39) makes PyO3 compile methods as `METH_VARARGS |
//! METH_KEYWORDS`, because `METH_FASTCALL` only entered the limited-API headers in 3.10: every call
//! then builds an argument tuple and parses it. `get` is the hot read, so it gets a hand-written
//! fastcall entry point. `METH_FASTCALL` has been supported at run time by every CPython since
//! 3.7, and `PyDescr_NewMethod` is in the stable ABI, so this stays inside the abi3 contract.
//!
//! The entry point only parses arguments (the same signature as the PyO3 method it replaces:
//! `get(path, default=<absent>)`) and calls [`PySuperConfig::get_value`], the one
//! implementation both share, under the same panic guard. If installing it failed, the PyO3
//! method would simply stay in place.

use std::ffi::{c_char, c_int};
use std::ptr;

use pyo3::exceptions::PyTypeError;
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};

use crate::config::PySuperConfig;
use crate::error::guard;

type FastWithKeywords = unsafe extern "C" fn(
    *mut ffi::PyObject,
    *const *mut ffi::PyObject,
    ffi::Py_ssize_t,
    *mut ffi::PyObject,
) -> *mut ffi::PyObject;

/// `METH_FASTCALL` (CPython's value since 3.7; the abi3-py39 headers do not define it).
const METH_FASTCALL: c_int = 0x0080;

const DOC: &std::ffi::CStr = c"get($self, path, default=...)\n--\n\n\
The value at ``path`` (dotted str, or a list of segments); ``default`` when absent, else\n\
``KeyNotFound`` (a ``KeyError``).";

/// The method definition; CPython keeps a pointer to it for the descriptor's lifetime (forever).
static mut GET_DEF: ffi::PyMethodDef = ffi::PyMethodDef {
    ml_name: c"get".as_ptr(),
    ml_meth: ffi::PyMethodDefPointer {
        // SAFETY: CPython calls `ml_meth` with the signature `ml_flags` announces, here
        // `METH_FASTCALL | METH_KEYWORDS`, which is exactly `get_fastcall`'s.
        PyCFunctionWithKeywords: unsafe {
            std::mem::transmute::<FastWithKeywords, ffi::PyCFunctionWithKeywords>(get_fastcall)
        },
    },
    ml_flags: METH_FASTCALL | ffi::METH_KEYWORDS,
    ml_doc: DOC.as_ptr() as *const c_char,
};

/// Replaces the class's `get` by the fastcall one.
pub fn install(py: Python<'_>) -> PyResult<()> {
    let ty = py.get_type::<PySuperConfig>();
    // SAFETY: `GET_DEF` is a static, alive as long as the process, as the descriptor requires;
    // it is never written after this point.
    let descr = unsafe {
        Bound::from_owned_ptr_or_err(
            py,
            ffi::PyDescr_NewMethod(ty.as_ptr().cast(), &raw mut GET_DEF),
        )?
    };
    ty.setattr("get", descr)
}

unsafe extern "C" fn get_fastcall(
    slf: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: CPython calls methods attached to the interpreter (holding the GIL).
    let py = unsafe { Python::assume_attached() };
    // SAFETY: the pointers are CPython's live arguments for the duration of this call.
    let result = guard(|| unsafe { call(py, slf, args, nargs, kwnames) });
    match result {
        Ok(value) => value.into_ptr(),
        Err(e) => {
            e.restore(py);
            ptr::null_mut()
        }
    }
}

/// # Safety
/// `slf`, `args[..nargs + len(kwnames)]` and `kwnames` (or null) are live borrowed references.
unsafe fn call<'py>(
    py: Python<'py>,
    slf: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> PyResult<Bound<'py, PyAny>> {
    // SAFETY: per the contract above.
    let slf = unsafe { Borrowed::from_ptr(py, slf) };
    let slf = slf.cast::<PySuperConfig>()?;
    let kwnames = if kwnames.is_null() {
        None
    } else {
        // SAFETY: per the contract above.
        Some(unsafe { Borrowed::from_ptr(py, kwnames) }.cast::<PyTuple>()?)
    };
    let nargs = usize::try_from(nargs).unwrap_or(0);
    let nkw = kwnames.as_ref().map_or(0, |k| k.len());
    let all: &[*mut ffi::PyObject] = if nargs + nkw == 0 {
        &[]
    } else {
        // SAFETY: CPython passes `nargs` positional values followed by one value per keyword.
        unsafe { std::slice::from_raw_parts(args, nargs + nkw) }
    };
    if nargs > 2 {
        return Err(PyTypeError::new_err(format!(
            "get() takes from 1 to 2 positional arguments but {nargs} were given"
        )));
    }
    let mut path = all.first().filter(|_| nargs >= 1).copied();
    let mut default = all.get(1).filter(|_| nargs == 2).copied();
    if let Some(names) = &kwnames {
        for (i, name) in names.iter().enumerate() {
            let name = name.cast_into::<PyString>()?;
            let slot = match name.to_cow()?.as_ref() {
                "path" => &mut path,
                "default" => &mut default,
                other => {
                    return Err(PyTypeError::new_err(format!(
                        "get() got an unexpected keyword argument '{other}'"
                    )));
                }
            };
            if slot.is_some() {
                return Err(PyTypeError::new_err(format!(
                    "get() got multiple values for argument '{name}'"
                )));
            }
            *slot = Some(all[nargs + i]);
        }
    }
    let Some(path) = path else {
        return Err(PyTypeError::new_err(
            "get() missing required argument 'path' (pos 1)",
        ));
    };
    // SAFETY: per the contract above; `to_owned` takes the new references the result may keep.
    let path = unsafe { Borrowed::from_ptr(py, path) }.to_owned();
    let default = default.map(|d| unsafe { Borrowed::from_ptr(py, d) }.to_owned());
    slf.get().get_value(py, &path, default)
}
