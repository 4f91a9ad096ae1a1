//! Value conversion between JavaScript and the core's [`Node`] tree — the only place it happens.
//!
//! JS → core (`with_defaults`, `from_js`): `null` → null, booleans, numbers (a safe integer →
//! integer, any other number → float), `BigInt` (must fit i64), strings, arrays, plain objects
//! (own enumerable string keys, in order); an object with a `toJSON` method is what that returns (a
//! `Date` its ISO 8601 string), as in `JSON.stringify`. An `undefined` property is left out (as
//! `JSON.stringify` does); `undefined` in an array is null. Functions, symbols,
//! binary data and cycles are an `InvalidArgument` error naming the key; nesting deeper than the
//! core's [`superconfig::formats::MAX_DEPTH`] is a `ParseError`, as in the core's own JSON
//! conversion.
//!
//! core → JS (`to_js`): integers within ±(2^53 − 1) → number, beyond → `BigInt`; tables → plain
//! objects whose keys are own data properties (a key named `__proto__` stays a key).
//!
//! Key paths (`path`): a dotted string or an array of segments.

mod arg;
mod env;
mod from_js;
mod json;
mod path;
mod to_js;

pub use arg::{Arg, Options};
pub use env::env_map;
pub use from_js::{fits, from_js, type_of};
pub use json::install as install_json_helpers;
pub(crate) use path::on_path;
pub use path::{PathArg, optional_path};
pub use to_js::{ConfigNode, js_string, to_js};

/// Largest integer a JS number holds exactly (2^53 − 1): the core's, shared by every JS binding.
use superconfig::formats::MAX_SAFE_INTEGER;
