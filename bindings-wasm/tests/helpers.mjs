// The Node build under test: bindings-wasm/pkg-node (scripts/build.sh), or the directory named
// by SUPERCONFIG_WASM_MODULE.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

export const CRATE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const dir = path.resolve(process.env.SUPERCONFIG_WASM_MODULE || path.join(CRATE, 'pkg-node'))
const entry = path.join(dir, 'superconfig.js')
if (!fs.existsSync(entry)) throw new Error(`${entry} missing: run bindings-wasm/scripts/build.sh`)

export const wasm = await import(pathToFileURL(entry).href)
export const { SuperConfig, stats, setLogger } = wasm

/** Calls `fn`, expecting it to throw a SuperConfig error; returns the error. */
export function thrown(fn) {
  try {
    fn()
  } catch (e) {
    return e
  }
  throw new Error('expected an error, got none')
}

/** The fixture of shared/bench-fixture (SUPERCONFIG_BENCH_FIXTURE, else beside the checkout). */
export function fixtureDir() {
  const candidates = [process.env.SUPERCONFIG_BENCH_FIXTURE, path.resolve(CRATE, '../../shared/bench-fixture')]
  return candidates.find((d) => d && fs.existsSync(path.join(d, 'base.toml')))
}
