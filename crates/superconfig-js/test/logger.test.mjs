// setLogger, in every JS build: the core's log records reach a JS function, in order, during the
// call that logged; nothing without a logger; never a secret value; a throwing logger's exception
// comes out of the call.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import { SuperConfig, needs, setLogger, stats, target } from './superconfig.mjs'
import { thrown, throwsCode } from './support.mjs'

test('records arrive in order, inside the call, with levels; never a secret value', (t) => {
  t.after(() => setLogger(null))
  const records = []
  setLogger((level, message) => records.push([level, message]))
  new SuperConfig()
    .withString('a = 1\n', 'toml', { name: 'base.toml' })
    .withEnvMap({ APP_B: '2', APP_DB__PASSWORD: 'hunter2', OTHER: '3' }, 'APP_')
    .selectProfile('prod')
  // A build with a clock times each document it loads ("… in 252.5µs"); the WASM build has none
  // (crates/superconfig/src/layers/string.rs).
  const timed = / in \d+(\.\d+)?(ns|µs|ms|s)$/
  if (target === 'native') assert.match(records[0]?.[1], timed)
  else assert.doesNotMatch(records[0]?.[1], / in /)
  records[0][1] = records[0][1].replace(timed, '')
  assert.deepEqual(records, [
    ['info', 'loaded base.toml (1 top-level keys)'],
    ['debug', "env variable APP_B matched prefix 'APP_'"],
    ['debug', "env variable APP_DB__PASSWORD matched prefix 'APP_'"],
    ['info', "env prefix 'APP_': 2 variables matched"],
    ['info', "profile 'prod' selected"],
  ])
  assert.ok(!JSON.stringify(records).includes('hunter2'))
})

test('warnings are logged at warn level', (t) => {
  t.after(() => setLogger(null))
  const records = []
  setLogger((level, message) => records.push([level, message]))
  new SuperConfig().withEnvMap({ APP_A: '1', APP_A__B: '2' }, 'APP_')
  assert.ok(records.some(([level, m]) => level === 'warn' && m.startsWith('KeyConflict')))
})

test('nothing is recorded without a logger, or after setLogger(null) or setLogger(undefined)', () => {
  const records = []
  setLogger((level, message) => records.push([level, message]))
  setLogger(null)
  new SuperConfig().withString('a = 1', 'toml').selectProfile('x')
  setLogger((level, message) => records.push([level, message]))
  setLogger(undefined)
  new SuperConfig().withString('a = 1', 'toml').selectProfile('x')
  assert.deepEqual(records, [])
})

test('a throwing logger: its exception comes out of the call that logged; no handle leaks', (t) => {
  t.after(() => setLogger(null))
  const boom = new Error('logger failed')
  setLogger(() => {
    throw boom
  })
  assert.throws(() => new SuperConfig().selectProfile('x'), /logger failed/)
  const before = stats().handles
  const base = new SuperConfig()
  assert.equal(thrown(() => base.withString('a = 1', 'toml')), boom)
  assert.equal(stats().handles, before + 1)
  setLogger(null)
  assert.deepEqual(base.withString('a = 1', 'toml').extract(), { a: 1 })
  assert.equal(new SuperConfig().selectProfile('x').activeProfile, 'x')
})

test('a logger may call SuperConfig itself; what those calls log is not fed back to it', (t) => {
  t.after(() => setLogger(null))
  const seen = []
  const values = []
  setLogger((level, message) => {
    seen.push(message)
    // Each of these logs a load: passed back, they would call the logger without end.
    values.push(new SuperConfig().withDefaults({ nested: true }).withString('n = 1', 'toml').get('n'))
  })
  const c = new SuperConfig().withString('a = 1', 'toml', { name: 'outer' })
  assert.equal(seen.length, 1, JSON.stringify(seen))
  assert.match(seen[0], /^loaded outer \(1 top-level keys\)/)
  assert.deepEqual(values, [1])
  assert.deepEqual(c.extract(), { a: 1 })
})

test('the logger may free the config being built on', needs('free'), (t) => {
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
  throwsCode(() => base.extract(), 'InvalidHandle')
})

test('a logger may set the logger', (t) => {
  t.after(() => setLogger(null))
  const seen = []
  setLogger((level, message) => {
    seen.push(message)
    setLogger(null)
  })
  new SuperConfig().withString('a = 1', 'toml').withString('b = 1', 'toml')
  assert.equal(seen.length, 1)
})

test('one record per load while configurations are freed; handles come back', needs('free'), (t) => {
  t.after(() => setLogger(null))
  const records = []
  setLogger((level, message) => records.push(`${level}: ${message}`))
  const before = stats().handles
  const root = new SuperConfig()
  for (let i = 0; i < 1000; i++) root.withDefaults({ i }).free()
  const c = root.withString('x = 1', 'toml')
  c.free()
  root.free()
  setLogger(null)
  // One record per load: 1000 defaults layers, then the string.
  assert.equal(records.length, 1001)
  assert.equal(records[0], 'info: loaded defaults (1 top-level keys)')
  assert.equal(records.at(-1), 'info: loaded <string> (1 top-level keys)')
  assert.equal(stats().handles - before, 0)
})

test('setLogger takes a function or null', () => {
  for (const bad of [5, 'log', {}]) throwsCode(() => setLogger(bad), 'InvalidArgument')
})
