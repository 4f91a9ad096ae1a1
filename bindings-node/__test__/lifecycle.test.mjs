// Handles: each SuperConfig object holds one registry handle, freed by the GC finaliser. (What
// stats() counts, in every build: crates/superconfig-js/test/api.test.mjs.)
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { setImmediate as tick } from 'node:timers/promises'

import { SuperConfig, stats } from '../index.js'
import helpers from './helpers.cjs'

const gc = helpers.getGc()

/** Collects until `stats().handles` is at most `target` (bounded number of rounds, no timing). */
async function collectDownTo(target) {
  for (let round = 0; round < 200 && stats().handles > target; round++) {
    gc()
    await tick()
  }
  return stats().handles
}

test('100 000 configs created and collected: handles back to where they were', async () => {
  await collectDownTo(0)
  const before = stats()
  let kept = 0
  for (let i = 0; i < 100_000; i++) {
    const cfg = new SuperConfig().withDefaults({ i })
    kept += cfg.get('i') === i ? 1 : 0
  }
  assert.equal(kept, 100_000)
  const after = stats()
  assert.ok(after.creates - before.creates >= 200_000)
  const handles = await collectDownTo(before.handles)
  assert.equal(handles, before.handles)
  assert.ok(stats().deletes - before.deletes >= 200_000)
})

test('a live object keeps its handle; the old object of a builder step stays valid', async () => {
  const base = new SuperConfig().withDefaults({ a: 1 })
  for (let i = 0; i < 1000; i++) base.withDefaults({ b: i })
  gc()
  await tick()
  gc()
  assert.equal(base.get('a'), 1)
  assert.ok(stats().handles >= 1)
})
