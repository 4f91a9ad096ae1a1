// Memory: every SuperConfig is a registry handle; free() releases it at once, the garbage
// collector (wasm-bindgen's FinalizationRegistry) eventually. The collector is asked for through
// V8's flags when node was not started with --expose-gc: the test never skips.
import assert from 'node:assert/strict'
import test from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import v8 from 'node:v8'
import vm from 'node:vm'

import { SuperConfig, stats } from './helpers.mjs'
import { thrown } from '../../crates/superconfig-js/test/support.mjs'

const TOML = '[server]\nport = 8080\nhosts = ["a", "b"]\n'

test('10 000 configurations freed with free(): handles and bytes back where they were', () => {
  const before = stats()
  const root = new SuperConfig()
  const base = root.withString(TOML, 'toml')
  for (let i = 0; i < 10_000; i++) {
    const d = base.withDefaults({ i, nested: { list: [i, i + 1] } })
    const c = d.withEnvMap({ APP_SERVER__PORT: String(i) }, 'APP_')
    assert.equal(c.get('server.port'), i)
    c.free()
    d.free()
  }
  base.free()
  root.free()
  const after = stats()
  assert.equal(after.handles, before.handles)
  assert.equal(after.memoryBytes, before.memoryBytes)
  assert.equal(after.deletes - before.deletes, after.creates - before.creates)
})

test('free() is idempotent; a freed object throws InvalidHandle, its derivatives live on', () => {
  const c = new SuperConfig().withDefaults({ a: 1 })
  const child = c.withDefaults({ b: 2 })
  const id = c.handle
  c.free()
  c.free()
  for (const call of [() => c.get('a'), () => c.extract(), () => c.withDefaults({}), () => c.warnings()]) {
    const e = thrown(call)
    assert.equal(e.code, 'InvalidHandle')
    assert.match(e.message, new RegExp(`handle ${id} was freed`))
  }
  assert.equal(c.handle, id)
  assert.equal(String(c), `SuperConfig(handle=${id}, freed)`)
  assert.deepEqual(child.extract(), { a: 1, b: 2 })
  child.free()
})

test('using-declarations: Symbol.dispose frees', () => {
  const before = stats().handles
  const c = new SuperConfig()
  c[Symbol.dispose]()
  assert.equal(stats().handles, before)
  assert.equal(thrown(() => c.keys()).code, 'InvalidHandle')
})

function getGc () {
  if (typeof globalThis.gc === 'function') return globalThis.gc
  v8.setFlagsFromString('--expose-gc')
  return vm.runInNewContext('gc')
}

test('10 000 unreachable configurations are freed by the garbage collector', async () => {
  const gc = getGc()
  gc()
  await sleep(10)
  const before = stats().handles
  ;(() => {
    const base = new SuperConfig().withString(TOML, 'toml')
    for (let i = 0; i < 10_000; i++) base.withDefaults({ i }).get('i')
  })()
  assert.ok(stats().handles >= before + 10_000 - 100, 'the configurations were alive')
  // FinalizationRegistry callbacks run in later tasks, after a collection: up to ~10 s on a busy
  // machine before the assertion below reports what is left.
  for (let round = 0; round < 500 && stats().handles > before; round++) {
    gc()
    await sleep(20)
  }
  assert.equal(stats().handles, before)
})
