//! TypeScript declarations of the values, records and options the API passes: the file both
//! JavaScript builds share (`crates/superconfig-js/js/types.d.ts`); wasm-bindgen writes it into
//! `superconfig.d.ts` beside the class it generates.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = include_str!("../../crates/superconfig-js/js/types.d.ts");
