// The module under test, for every file of the shared suite: the native addon (bindings-node/,
// or SUPERCONFIG_NODE_MODULE) when TEST_WASM is unset or empty, the WASM build's Node module
// (bindings-wasm/pkg-node/, or SUPERCONFIG_WASM_MODULE) with TEST_WASM=1. Both are loaded by the
// conformance adapter's loaders (tests-conformance/js/impls/). In Chromium an import map puts
// bindings-wasm/tests/browser/superconfig.mjs, the web build, in this module's place: the two
// export the same names.
//
//   cd bindings-node && node --test --expose-gc ../crates/superconfig-js/test/
//   cd bindings-wasm && TEST_WASM=1 node --test --expose-gc ../crates/superconfig-js/test/
import fs from 'node:fs'
import path from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'

import { describeBuild } from './support.mjs'

const WASM = !['', '0', undefined].includes(process.env.TEST_WASM)
const impl = WASM ? '../../../tests-conformance/js/impls/wasm.mjs' : '../../../tests-conformance/js/impls/native.mjs'
const { module } = await (await import(impl)).load()

export const { SuperConfig, setLogger, stats } = module
/** `target` ('native' or 'wasm'), `build` (its name), `features`, and the test options `needs`
 * and `differs`: support.mjs, describeBuild. */
export const { target, build, features, needs, differs } = WASM
  ? describeBuild('wasm', 'WASM (pkg-node)')
  : describeBuild('native', 'native (napi-rs)')

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
/** The benchmark fixture (SUPERCONFIG_BENCH_FIXTURE, else shared/bench-fixture beside the
 * checkout), or null. */
export const fixtureDir =
  [process.env.SUPERCONFIG_BENCH_FIXTURE, path.resolve(REPO, '../shared/bench-fixture')].find(
    (d) => d && fs.existsSync(path.join(d, 'base.toml')),
  ) ?? null

/** The text of one fixture file, or null without a fixture. */
export async function fixtureText(name) {
  return fixtureDir && fs.readFileSync(path.join(fixtureDir, name), 'utf8')
}
