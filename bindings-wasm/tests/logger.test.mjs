// setLogger: the core's log records, in order, during the call that logged; nothing without a
// logger; never a secret value; a throwing logger's exception comes out of the call.
import assert from 'node:assert/strict'
import test from 'node:test'

import { SuperConfig, setLogger, stats, thrown } from './helpers.mjs'

test('records arrive in order, inside the call, with levels', (t) => {
  t.after(() => setLogger(null))
  const records = []
  setLogger((level, message) => records.push([level, message]))
  new SuperConfig()
    .withString('a = 1\n', 'toml', { name: 'base.toml' })
    .withEnvMap({ APP_B: '2', APP_DB__PASSWORD: 'hunter2', OTHER: '3' }, 'APP_')
    .selectProfile('prod')
  assert.deepEqual(records, [
    ['info', 'loaded base.toml (1 top-level keys)'],
    ['debug', "env variable APP_B matched prefix 'APP_'"],
    ['debug', "env variable APP_DB__PASSWORD matched prefix 'APP_'"],
    ['info', "env prefix 'APP_': 2 variables matched"],
    ['info', "profile 'prod' selected"],
  ])
})

test('warnings are logged at warn level', (t) => {
  t.after(() => setLogger(null))
  const records = []
  setLogger((level, message) => records.push([level, message]))
  new SuperConfig().withEnvMap({ APP_A: '1', APP_A__B: '2' }, 'APP_')
  assert.ok(records.some(([level, m]) => level === 'warn' && m.startsWith('KeyConflict')))
})

test('nothing is recorded without a logger, or after setLogger(null)', () => {
  const records = []
  setLogger((level, message) => records.push([level, message]))
  setLogger(null)
  new SuperConfig().withString('a = 1', 'toml')
  setLogger(undefined)
  new SuperConfig().withString('a = 1', 'toml')
  assert.deepEqual(records, [])
})

test('a throwing logger: its exception comes out of the call; no handle leaks', (t) => {
  t.after(() => setLogger(null))
  const boom = new Error('logger failed')
  setLogger(() => {
    throw boom
  })
  const before = stats().handles
  const base = new SuperConfig()
  assert.equal(thrown(() => base.withString('a = 1', 'toml')), boom)
  assert.equal(stats().handles, before + 1)
  setLogger(null)
  assert.deepEqual(base.withString('a = 1', 'toml').extract(), { a: 1 })
})

test('the logger may call back into SuperConfig, even free the config being built on', (t) => {
  t.after(() => setLogger(null))
  const base = new SuperConfig()
  const seen = []
  setLogger(() => {
    seen.push(new SuperConfig().withDefaults({ x: 1 }).get('x'))
    base.free()
  })
  const c = base.withString('a = 1', 'toml')
  assert.deepEqual(c.extract(), { a: 1 })
  assert.deepEqual(seen, [1])
  assert.equal(thrown(() => base.extract()).code, 'InvalidHandle')
})

test('setLogger takes a function or null', () => {
  for (const bad of [5, 'log', {}]) assert.equal(thrown(() => setLogger(bad)).code, 'InvalidArgument')
})
