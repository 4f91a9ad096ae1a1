// Soak (hardening): 10^5 create/read/drop cycles leave stats().handles where it started and the
// process's resident set within 10 % of its size after the first 10^4 cycles; the module's linear
// memory (which never shrinks) is measured and printed beside it.
//
// A cycle (crates/superconfig-js/test/soak-cycle.mjs, shared with the native addon's soak) builds
// a configuration from three layers (defaults, a TOML string, an env map with secret-looking
// keys), reads it every way (get, has, keys, extract, source, explain, dump) and drops it: every builder intermediate with free(), the configuration
// itself with Symbol.dispose (what `using` calls), as tests/memory.test.mjs does. The loop
// yields to the event loop every BATCH cycles, as a program would, and collects there (see
// run()). The chromium run of the same cycle: tests/soak-browser.test.mjs.
//
// V8 grows its young generation (1 → 16 MiB semi-spaces) under the allocation pressure of the
// first few 10^4 cycles, whatever allocates; that warm-up alone took RSS to 1.36–1.45 × its value
// after 10^4 cycles while heapUsed stayed near 5 MiB. So the measurement runs in a child Node
// with the young generation at its full size from the start (--min/--max-semi-space-size=16):
// the bound then measures this module's memory, not the engine's warm-up.
//
//   cd bindings-wasm && node --test tests/soak.test.mjs     (needs scripts/build.sh)
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import test from 'node:test'
import { fileURLToPath } from 'node:url'
import { setTimeout as sleep } from 'node:timers/promises'
import v8 from 'node:v8'
import vm from 'node:vm'

import { SuperConfig, stats, wasmMemory } from './helpers.mjs'
import { runCycles } from '../../crates/superconfig-js/test/soak-cycle.mjs'

const CYCLES = 100_000
const WARMUP = 10_000 // the RSS reference is taken after this many cycles
const BATCH = 1_000 // cycles between two turns of the event loop
const RSS_BOUND = 1.1

function getGc() {
  if (typeof globalThis.gc === 'function') return globalThis.gc
  v8.setFlagsFromString('--expose-gc')
  return vm.runInNewContext('gc')
}

/** Collections with turns of the event loop between them (FinalizationRegistry callbacks run in
 * later tasks): the wrappers' own small Rust objects are released there. */
async function collect(gc) {
  for (let round = 0; round < 5; round++) {
    gc()
    await sleep(10)
  }
}

/** Cycles start..stop, yielding (and collecting) every BATCH; returns [seconds, most handles
 * seen live]. `free()` releases a configuration's handle at once, but the wrapper's own small
 * Rust object only when the wrapper is collected, and WebAssembly memory never shrinks: without
 * a collection now and then, the memory's high-water mark follows how far the collector lags
 * (2.4 → 5.9 MiB in a run of the whole suite on a loaded machine). */
const run = (start, stop, gc) =>
  runCycles({ SuperConfig, stats }, start, stop, BATCH, async () => {
    gc()
    await sleep(0)
  })

const MiB = 1024 * 1024
const mib = (bytes) => `${(bytes / MiB).toFixed(1)} MiB`

/** After the collections: registry counters and memory figures. */
async function measure(gc) {
  await collect(gc)
  const { rss, heapTotal, heapUsed } = process.memoryUsage()
  return { stats: stats(), rss, heapTotal, heapUsed, wasm: wasmMemory.buffer.byteLength }
}

const CHILD = process.env.SUPERCONFIG_WASM_SOAK_CHILD === '1'

if (!CHILD) {
  test('soak (in a child Node with the young generation at full size)', () => {
    const flags = ['--min-semi-space-size=16', '--max-semi-space-size=16', '--expose-gc']
    // Without the parent runner's NODE_TEST_CONTEXT, so the child reports in plain TAP.
    const { NODE_TEST_CONTEXT: _, ...env } = process.env
    const done = spawnSync(process.execPath, [...flags, '--test', fileURLToPath(import.meta.url)], {
      env: { ...env, SUPERCONFIG_WASM_SOAK_CHILD: '1' },
      encoding: 'utf8',
      timeout: 120_000,
    })
    const said = `${done.stdout}\n${done.stderr}`
    const figures = said.split('\n').filter((l) => /soak \(wasm|^# {3}(handles|rss|wasm|v8)/.test(l))
    console.log(figures.join('\n'))
    assert.equal(done.status, 0, said)
    assert.match(said, /# pass 1\n/, said)
  })
}

if (CHILD) test('soak: 10^5 create/read/free cycles, handles back to start, RSS within 10 %', async () => {
  assert.ok(wasmMemory instanceof WebAssembly.Memory, 'helpers.mjs did not find the module memory')
  const gc = getGc()
  const start = await measure(gc)
  const [warmS, warmPeak] = await run(0, WARMUP, gc)
  const mid = await measure(gc)
  const [restS, restPeak] = await run(WARMUP, CYCLES, gc)
  const end = await measure(gc)

  const totalS = warmS + restS
  const row = (what, f) => `${what} start ${f(start)}, after ${WARMUP} ${f(mid)}, end ${f(end)}`
  const ratio = (f) => `end/after-${WARMUP} = ${(f(end) / f(mid)).toFixed(3)}, bound ${RSS_BOUND}`
  const lines = [
    `soak (wasm, node ${process.version}): ${CYCLES} cycles in ${totalS.toFixed(2)} s = ` +
      `${Math.round(CYCLES / totalS).toLocaleString('en')} cycles/s`,
    `${row('  handles:', (m) => m.stats.handles)}; most live at a batch end ` +
      `${Math.max(warmPeak, restPeak)}; creates +${end.stats.creates - start.stats.creates}, ` +
      `deletes +${end.stats.deletes - start.stats.deletes}`,
    `${row('  rss:', (m) => mib(m.rss))} (${ratio((m) => m.rss)})`,
    `${row('  rss + wasm memory:', (m) => mib(m.rss + m.wasm))} (${ratio((m) => m.rss + m.wasm)})`,
    `${row('  wasm memory:', (m) => mib(m.wasm))}; core memoryBytes at the end ${end.stats.memoryBytes}`,
    `${row('  v8 heapTotal:', (m) => mib(m.heapTotal))}; heapUsed ${mib(mid.heapUsed)} -> ${mib(end.heapUsed)}`,
  ]
  console.log(lines.join('\n'))

  assert.equal(end.stats.handles, start.stats.handles, lines[1])
  assert.equal(end.stats.deletes - start.stats.deletes, end.stats.creates - start.stats.creates, lines[1])
  assert.ok(end.rss <= RSS_BOUND * mid.rss, lines.join('\n'))
  assert.ok(end.rss + end.wasm <= RSS_BOUND * (mid.rss + mid.wasm), lines.join('\n'))
})
