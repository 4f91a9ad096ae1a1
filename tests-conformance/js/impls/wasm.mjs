// `--impl wasm`: the wasm-bindgen Node build of bindings-wasm/ (no filesystem: the runner rewrites
// with_file into with_string and with_env into with_env_map for this adapter). Module path:
// SUPERCONFIG_WASM_MODULE, else bindings-wasm/pkg-node/ (the `wasm-bindgen --target nodejs` output).
// It must export a `SuperConfig` class with the same camelCase API as the native build.

import { createRequire } from 'node:module'
import path from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'

export const name = 'wasm'

export async function load() {
  const here = path.dirname(fileURLToPath(import.meta.url))
  const target = process.env.SUPERCONFIG_WASM_MODULE || path.resolve(here, '../../../bindings-wasm/pkg-node')
  let binding
  try {
    binding = createRequire(import.meta.url)(target)
  } catch (e) {
    binding = await import(target)
  }
  const SuperConfig = binding.SuperConfig ?? binding.default?.SuperConfig
  if (typeof SuperConfig !== 'function') throw new Error(`${target} exports no SuperConfig class`)
  return { name, SuperConfig }
}
