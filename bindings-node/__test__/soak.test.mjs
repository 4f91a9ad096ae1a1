// Soak (hardening): 10^5 create/read/drop cycles leave stats().handles where it started and the
// resident set within 10 % of its size after the first 10^4 cycles.
//
// A cycle (crates/superconfig-js/test/soak-cycle.mjs, the one the WASM build's soak tests run)
// builds a configuration from three layers (defaults, a TOML string, an env map with
// secret-looking keys), reads it every way (get, has, keys, extract, source, explain, dump) and
// drops it: this binding has no free(), so the object and its builder intermediates become
// unreachable and the garbage collector's finalisers free their handles. Every BATCH cycles the
// loop calls the collector (the `gc` the other tests use) and yields to the event loop, where
// Node runs the finalisers; at the two measuring points (after 10^4 cycles and at the end) it
// collects until the handles are back (bounded), the same way at both.
//
//   cd bindings-node && node --expose-gc --test __test__/soak.test.mjs
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { setImmediate as tick } from 'node:timers/promises'

import { SuperConfig, stats } from '../index.js'
import { runCycles } from '../../crates/superconfig-js/test/soak-cycle.mjs'
import helpers from './helpers.cjs'

const gc = helpers.getGc()

const CYCLES = 100_000
const WARMUP = 10_000 // the RSS reference is taken after this many cycles
const BATCH = 1_000 // cycles between two gc() calls and turns of the event loop
const RSS_BOUND = 1.1

/** Forces collections until `stats().handles` is at most `target` (bounded rounds). */
async function collectDownTo(target) {
  for (let round = 0; round < 200 && stats().handles > target; round++) {
    gc()
    await tick()
  }
  gc()
  await tick()
  return stats().handles
}

/** Cycles start..stop, collecting and yielding every BATCH; returns [seconds, most handles live]. */
const run = (start, stop) =>
  runCycles({ SuperConfig, stats }, start, stop, BATCH, async () => {
    gc()
    await tick()
  })

const MiB = 1024 * 1024
const mib = (bytes) => `${(bytes / MiB).toFixed(1)} MiB`

/** Collects, then: registry counters and memory figures. */
async function measure(target) {
  const handles = await collectDownTo(target)
  const { rss, heapTotal, heapUsed } = process.memoryUsage()
  return { stats: stats(), handles, rss, heapTotal, heapUsed }
}

test('soak: 10^5 create/read/drop cycles, handles back to start, RSS within 10 %', async () => {
  const start = await measure(0)
  const [warmS, warmPeak] = await run(0, WARMUP)
  const mid = await measure(start.handles)
  const [restS, restPeak] = await run(WARMUP, CYCLES)
  const end = await measure(start.handles)

  const totalS = warmS + restS
  const row = (what, f) => `${what} start ${f(start)}, after ${WARMUP} ${f(mid)}, end ${f(end)}`
  const lines = [
    `soak (node ${process.version}, napi-rs): ${CYCLES} cycles in ${totalS.toFixed(2)} s = ` +
      `${Math.round(CYCLES / totalS).toLocaleString('en')} cycles/s`,
    `${row('  handles:', (m) => m.handles)}; most live at a batch end (before its gc) ` +
      `${Math.max(warmPeak, restPeak)}; creates +${end.stats.creates - start.stats.creates}, ` +
      `deletes +${end.stats.deletes - start.stats.deletes}`,
    `${row('  rss:', (m) => mib(m.rss))} (end/after-${WARMUP} = ${(end.rss / mid.rss).toFixed(3)}, ` +
      `bound ${RSS_BOUND})`,
    `${row('  v8 heapTotal:', (m) => mib(m.heapTotal))}; heapUsed ${mib(mid.heapUsed)} -> ` +
      `${mib(end.heapUsed)}; core memoryBytes at the end ${end.stats.memoryBytes}`,
  ]
  console.log(lines.join('\n'))

  assert.equal(end.handles, start.handles, lines[1])
  assert.equal(end.stats.deletes - start.stats.deletes, end.stats.creates - start.stats.creates, lines[1])
  assert.ok(end.rss <= RSS_BOUND * mid.rss, lines.join('\n'))
})
