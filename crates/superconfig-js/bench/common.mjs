// What the benchmarks of both JS builds (bindings-node/bench/bench.mjs, bindings-wasm/bench/
// bench.mjs) share: the run's description in their results files, and how a time is printed.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

/** shared/bench-fixture beside the checkout (or `$SUPERCONFIG_BENCH_FIXTURE`); null when absent. */
export function fixtureDir() {
  return (
    [process.env.SUPERCONFIG_BENCH_FIXTURE, path.resolve(REPO, '../shared/bench-fixture')].find(
      (d) => d && fs.existsSync(path.join(d, 'base.toml')),
    ) ?? null
  )
}

/** The fixture as the browser loads it: defaults as an object, documents as text, the env map. */
export function readFixture(dir) {
  const read = (f) => fs.readFileSync(path.join(dir, f), 'utf8')
  return {
    defaults: JSON.parse(read('defaults.json')),
    base: read('base.toml'),
    prod: read('prod.yaml'),
    env: JSON.parse(read('env.json')),
    expected: JSON.parse(read('expected.json')),
  }
}

/** When, on which Node and which machine: the start of a results file's `meta`. */
export function machine() {
  return {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()}-${os.arch()}`,
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model,
  }
}

/** A time in nanoseconds as ns, µs or ms; '-' for none. */
export function formatNs(ns) {
  if (ns === undefined || ns === null) return '-'
  if (ns < 1000) return `${ns.toFixed(0)} ns`
  if (ns < 1e6) return `${(ns / 1000).toFixed(1)} µs`
  return `${(ns / 1e6).toFixed(2)} ms`
}
