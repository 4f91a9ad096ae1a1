// The Node build under this package's own tests (memory, panic, soak): bindings-wasm/pkg-node
// (scripts/build.sh), or the directory named by SUPERCONFIG_WASM_MODULE. (The shared suite,
// crates/superconfig-js/test/, loads its build through its own superconfig.mjs.)
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

export const CRATE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const dir = path.resolve(process.env.SUPERCONFIG_WASM_MODULE || path.join(CRATE, 'pkg-node'))
export const ENTRY = path.join(dir, 'superconfig.js')
const entry = ENTRY
if (!fs.existsSync(entry)) throw new Error(`${entry} missing: run bindings-wasm/scripts/build.sh`)

// The Node glue keeps its WebAssembly instance to itself; the soak test needs the instance's
// memory (its size is part of the process's footprint), so the instance is noted as the glue
// creates it. Only the import below runs with the constructor wrapped.
const instances = []
const { Instance } = WebAssembly
WebAssembly.Instance = new Proxy(Instance, {
  construct(target, args, newTarget) {
    const instance = Reflect.construct(target, args, newTarget)
    instances.push(instance)
    return instance
  },
})
let imported
try {
  imported = await import(pathToFileURL(entry).href)
} finally {
  WebAssembly.Instance = Instance
}
export const wasm = imported
export const { SuperConfig, stats } = wasm

/** The linear memory of the module under test (null if the glue did not create its instance
 * with `new WebAssembly.Instance`). */
export const wasmMemory =
  instances.map((i) => i.exports.memory).find((m) => m instanceof WebAssembly.Memory) ?? null
