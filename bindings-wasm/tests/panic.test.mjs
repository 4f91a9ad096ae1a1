// A Rust panic is a WebAssembly trap in this build (panic = "abort"). The binding never panics
// on input (every other test file tries hard to make it), but if a bug ever traps, the instance
// must not go on silently with a broken heap: every later call throws an Error with code InternalError.
// (Its own file: node --test runs each file in its own process, and this one poisons its instance.)
import assert from 'node:assert/strict'
import test from 'node:test'

import { SuperConfig, stats, wasm } from './helpers.mjs'
import { thrown } from '../../crates/superconfig-js/test/support.mjs'

test('after a trap every call throws code InternalError, none runs on the broken instance', () => {
  const c = new SuperConfig().withDefaults({ a: 1 })
  const trap = thrown(() => wasm.__panicForTests())
  assert.ok(trap instanceof WebAssembly.RuntimeError, String(trap))
  for (const call of [() => new SuperConfig(), () => c.get('a'), () => stats(), () => c.free(), () => wasm.setLogger(null)]) {
    const e = thrown(call)
    assert.equal(e.code, 'InternalError')
    assert.match(e.message, /trapped/)
  }
})
