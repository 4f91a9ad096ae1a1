#!/usr/bin/env node
// Benchmarks of the WebAssembly binding on shared/bench-fixture, in Node (pkg-node/) and in
// headless Chromium (pkg/, the page runs the same bench/suite.mjs), beside native numbers: the
// napi-rs Node binding measured in the same run when bindings-node is built, and the core's
// criterion medians when target/criterion holds them.
//
//   node --expose-gc bench/bench.mjs [OUT.json] [--rounds N] [--only node,chromium,native]
//
// The Node measurements run in child processes: one with Node's defaults, and one with
// --experimental-wasm-inlining (V8 11.3 in Node 20 does not inline wasm into wasm unless asked;
// Chromium's V8, and Node from 22 on, do; code built for size relies on it).
//
// Writes medians (and min/max) as JSON to OUT.json (default bench/results.json) and prints a
// table with the targets: get ≤ 600 ns, layered load ≤ 150 µs.

import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import process from 'node:process'
import { execFileSync } from 'node:child_process'
import { setImmediate as tick } from 'node:timers/promises'
import { fileURLToPath, pathToFileURL } from 'node:url'

import { formatNs as fmt, machine, readFixture, fixtureDir as sharedFixtureDir } from '../../crates/superconfig-js/bench/common.mjs'
import { cases, measure } from './suite.mjs'

const CRATE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const REPO = path.dirname(CRATE)
const TARGETS = { get: 600, 'layered load (strings + withEnvMap)': 150_000 }

const args = process.argv.slice(2)
const opt = (name, fallback) => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : fallback
}
const outPath = path.resolve(args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? path.join(CRATE, 'bench', 'results.json'))
const rounds = Number(opt('--rounds', '15'))
const only = opt('--only', 'node,chromium,native').split(',')
const child = opt('--child', null)

const fixtureDir = sharedFixtureDir()
if (!fixtureDir) {
  console.error('bench: shared/bench-fixture not found (set SUPERCONFIG_BENCH_FIXTURE)')
  process.exit(2)
}
const fixture = readFixture(fixtureDir)

// Between rounds the event loop turns (finalisers of collected napi objects run, as in a real
// program) but no collection is forced: the napi-rs build's frees happen inside the timed loops
// as the wasm build's explicit free() calls do.
const pause = () => tick()
if (child === 'node') {
  // a child process: the wasm Node build, measured, as one JSON line on stdout
  const wasm = await import(pathToFileURL(path.join(CRATE, 'pkg-node', 'superconfig.js')).href)
  const result = await measure(cases(wasm.SuperConfig, fixture), { now: () => performance.now(), rounds, pause })
  process.stdout.write(`${JSON.stringify(result)}\n`)
  process.exit(0)
}

const results = {}

if (only.includes('node')) {
  const self = fileURLToPath(import.meta.url)
  for (const [label, flags] of [
    [`wasm (Node ${process.version})`, []],
    [`wasm (Node ${process.version}, --experimental-wasm-inlining)`, ['--experimental-wasm-inlining']],
  ]) {
    try {
      const out = execFileSync(process.execPath, [...flags, '--expose-gc', self, '--child', 'node', '--rounds', String(rounds)], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        env: { ...process.env, SUPERCONFIG_BENCH_FIXTURE: fixtureDir },
      })
      results[label] = JSON.parse(out.trim().split('\n').pop())
    } catch (e) {
      console.error(`bench: ${label} not measured: ${e.message.split('\n')[0]}`)
    }
  }
}

if (only.includes('native')) {
  try {
    const native = createRequire(import.meta.url)(path.join(REPO, 'bindings-node'))
    results['native (napi-rs, Node)'] = await measure(cases(native.SuperConfig, fixture), { now: () => performance.now(), rounds, pause })
  } catch (e) {
    console.error(`bench: napi-rs binding not measured (${e.code ?? e.message}); build bindings-node for it`)
  }
  const criterion = path.join(process.env.CARGO_TARGET_DIR || path.join(REPO, 'target'), 'criterion')
  const core = {}
  // What criterion measures, named as it is: no JS conversion, files and the real environment.
  for (const [name, id] of [
    ['get_node (no conversion)', 'get_node_pool_max_size'],
    ['layered load (files + process env)', 'layered_load_fixture'],
    ['extract to serde_json::Value', 'extract_fixture_json_value'],
  ]) {
    const file = path.join(criterion, id, 'new', 'estimates.json')
    if (fs.existsSync(file)) {
      const median = JSON.parse(fs.readFileSync(file, 'utf8')).median.point_estimate
      core[name] = { median_ns: median, source: `criterion ${id} (${fs.statSync(file).mtime.toISOString()})` }
    }
  }
  if (Object.keys(core).length) results['native (Rust core, criterion)'] = core
}

if (only.includes('chromium')) {
  const { launchBrowser, openPage, startServer } = await import(pathToFileURL(path.join(CRATE, 'scripts', 'browser.mjs')).href)
  const page = `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">
<script type="module">
import init, { SuperConfig } from '/pkg/superconfig.js'
import { cases, measure } from '/bench/suite.mjs'
await init()
globalThis.runBench = (fixture, rounds) =>
  measure(cases(SuperConfig, fixture), { now: () => performance.now(), rounds, pause: () => new Promise((r) => setTimeout(r, 0)) })
document.body.dataset.ready = 'true'
</script>`
  const server = await startServer(CRATE, { '/bench.html': page })
  const browser = await launchBrowser()
  try {
    const { page: tab } = await openPage(browser, server.url('/bench.html'), () => document.body.dataset.ready === 'true')
    results['wasm (Chromium)'] = await tab.evaluate(([fx, r]) => globalThis.runBench(fx, r), [fixture, rounds])
    results['wasm (Chromium)'].browser = await tab.evaluate(() => navigator.userAgent)
  } finally {
    await browser.close()
    await server.close()
  }
}

const names = [...new Set(Object.values(results).flatMap((r) => Object.keys(r).filter((k) => r[k]?.median_ns !== undefined)))]
const columns = Object.keys(results)
console.log(['benchmark', ...columns, 'target'].join(' | '))
for (const name of names) {
  console.log([name, ...columns.map((c) => fmt(results[c][name]?.median_ns)), TARGETS[name] ? `≤ ${fmt(TARGETS[name])}` : ''].join(' | '))
}
const verdicts = {}
for (const [name, limit] of Object.entries(TARGETS)) {
  for (const column of columns.filter((c) => c.startsWith('wasm'))) {
    const got = results[column][name]?.median_ns
    if (got !== undefined) verdicts[`${column}: ${name}`] = { median_ns: got, target_ns: limit, within: got <= limit }
  }
}
const document = {
  meta: {
    ...machine(),
    loadavg: os.loadavg(),
    rounds,
    fixture: fixtureDir,
  },
  results,
  targets: verdicts,
}
fs.mkdirSync(path.dirname(outPath), { recursive: true })
fs.writeFileSync(outPath, `${JSON.stringify(document, null, 2)}\n`)
console.log(`\n${Object.entries(verdicts).map(([k, v]) => `${v.within ? 'ok  ' : 'SLOW'} ${k}: ${fmt(v.median_ns)} (target ${fmt(v.target_ns)})`).join('\n')}`)
console.log(`written: ${outPath}`)
